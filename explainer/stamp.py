"""Everything a build reads, as one hash, from the standard library alone.

A no-op build compares this hash with the one its last successful build left behind,
before it imports pandas, papermill or Sphinx: nothing changed, nothing to load.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the folder the package sits in
STAMP = ".inputs.key"
PACKAGE_FILE = "datapackage.json"


def project_root() -> Path:
    """The folder holding `notebooks/` and `data/`: the checkout the package sits in (an
    editable install, or the package beside the notebooks); for a normal install, the
    working folder, or its parent when run from inside `notebooks/`."""
    cwd = Path.cwd()
    for folder in (ROOT, cwd, cwd.parent):
        if (folder / "notebooks").is_dir() or (folder / "data" / PACKAGE_FILE).is_file():
            return folder
    return cwd


@functools.cache
def code_fingerprint() -> str:
    """Hash of the package's own code and the lock: what every cache key must include.
    Taken once per process: the code it runs."""
    return code_on_disk()


def code_on_disk() -> str:
    """Hash of the package's own code and the lock as they are on disk now."""
    digest = hashlib.sha256()
    for path in [ROOT / "requirements.txt", *package_files()]:
        if path.is_file():
            name = path.relative_to(ROOT).as_posix().encode()
            digest.update(name + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def package_files() -> list[Path]:
    """The package's code, its message catalogues and answer hashes: what shapes every
    output."""
    package = ROOT / "explainer"
    return sorted([*package.rglob("*.py"), *package.rglob("*.po"), *package.rglob("*.pot"),
                   *package.glob("*.json")])


def sources(data_dir: Path) -> list[Path]:
    """The folders and files that `inputs_key` reads, as they can be watched."""
    root = project_root()
    found = [data_dir, root / "notebooks", root / "locale", root / "site",
             root / "TEACHING.md", root / "requirements.txt", ROOT / "explainer"]
    return [path for path in found if path.exists()]


def input_files(data_dir: Path) -> list[tuple[Path, Path]]:
    """Every file a build reads, each with the folder its name is taken from."""
    root = project_root()
    groups = [(data_dir, sorted(data_dir.rglob("*"))),
              (root, sorted((root / "notebooks").glob("**/[0-9][0-9]_*.ipynb"))),
              (root, sorted((root / "locale").rglob("*"))),
              (root, sorted((root / "site").rglob("*"))),
              (root, [root / "TEACHING.md", root / "requirements.txt"]),
              (ROOT, package_files())]
    return [(base, path) for base, paths in groups for path in paths if path.is_file()]


def inputs_key(data_dir: Path, settings: str = "") -> str:
    """Hash of the data, notebooks, site sources, guide, lock and the package's own code."""
    digest = hashlib.sha256(settings.encode() + b"\0")
    for base, path in input_files(data_dir):
        name = str(path.relative_to(base)).encode()
        digest.update(name + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stamp(out: Path, lang: str) -> Path:
    return out / (STAMP if lang == "en" else f"{STAMP}-{lang}")


def up_to_date(out: Path, key: str, lang: str = "en") -> bool:
    """Did the last build of `lang` into `out` finish, from exactly these inputs?"""
    stamp = _stamp(out, lang)
    site = out / "html" if lang == "en" else out / "html" / lang
    return (site / "index.html").is_file() and stamp.is_file() and (
        stamp.read_text(encoding="utf-8") == key)


def record(out: Path, key: str, lang: str = "en") -> None:
    """Written last, after the site is in place: a failed build leaves no stamp."""
    _stamp(out, lang).write_text(key, encoding="utf-8")


def forget(out: Path, lang: str = "en") -> None:
    _stamp(out, lang).unlink(missing_ok=True)
