"""Classroom support: exercise answers computed from data, student edition, handouts."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import nbformat
import pandas as pd

from . import bounds
from .data import Dataset, project_root
from .errors import RunError
from .i18n import _

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry: no clock
_ASSIGN = re.compile(r"^(\w+)\s*=", re.MULTILINE)


# ----------------------------------------------------------- answers


def expected(ds: Dataset, notebook: str, number: int) -> object:
    """The answer to exercise `number` of `notebook`, computed from the data."""
    events = ds.events.set_index("event_id")
    answers = {
        ("01", 1): lambda: int(ds.terms["position"].astype(str).str.startswith("caracas").sum()),
        ("01", 2): lambda: sorted(
            set(ds.terms[ds.terms["position"].astype(str).str.startswith("caracas")]["category"]
                .astype(str))
            & set(ds.terms[ds.terms["position"].astype(str).str.startswith("washington")]
                  ["category"].astype(str))),
        ("01", 3): lambda: ds.terms[ds.terms["position"] == "washington_considered"]["term_id"]
        .tolist(),
        ("02", 1): lambda: int((events.loc["deadline", "date_start"]
                                - events.loc["call", "date_start"]).days),
        ("02", 2): lambda: sorted(ds.events[ds.events["date_basis"] == "relative"]["event_id"]),
        ("02", 3): lambda: int(((ds.events["date_start"].fillna(ds.events["date_end"])
                                 <= pd.Timestamp(ds.story_year, 11, 25))).sum()),
        ("03", 1): lambda: int(ds.forces[(ds.forces["kind"] == "deployment")
                                         & ds.forces["count"].isna()].shape[0]),
        ("03", 2): lambda: _deaths_per_vessel(ds),
        ("03", 3): lambda: str(ds.forces.merge(ds.events, on="event_id").query(
            "date_start == date_end and date_basis == 'relative'")["force_id"].iloc[0]),
        ("04", 1): lambda: int((ds.sources["sourcing"] == "anonymous").sum()),
        ("04", 2): lambda: sorted(ds.claims[ds.claims["status"] == "denied"]["claim_id"]),
        ("04", 3): lambda: sorted(ds.sources[ds.sources["sourcing"] == "on_record"]
                                  ["source_id"]),
    }
    return answers[(notebook, number)]()


def _deaths_per_vessel(ds: Dataset) -> tuple[bool, bool]:
    forces = ds.forces.set_index("force_id")
    deaths, vessels = forces.loc["deaths"], forces.loc["vessels_destroyed"]
    low, high = bounds.ratio_range(deaths["count"], deaths["count_qualifier"],
                             vessels["count"], vessels["count_qualifier"])
    return low < 1, high > 10


# ----------------------------------------------------------- student edition


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Solutions replaced by stubs that keep their variable; every output cleared."""
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code":
            if "solution" in tags:
                names = _ASSIGN.findall(cell.source)
                cell.source = "\n".join(
                    _("{name} = ...  # Your answer here").format(name=n)
                    for n in dict.fromkeys(names)) or _("# Your answer here")
            cell.outputs = []
            cell.execution_count = None
        elif "solution" in tags:
            cell.source = _("*Your answer here.*")
    nb.metadata.pop("papermill", None)
    return nb


def export_student(out: Path | None = None) -> Path:
    """Write the student edition folder and `student-edition.zip` beside it.

    Self-contained: the student notebooks, `data/`, this package (source), a runtime-only
    pinned `requirements.txt` that installs it, and a README for students.
    """
    from .run import list_notebooks

    root = project_root()
    out = out or root / "build" / "student"
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    shutil.copytree(root / "data", out / "data")
    for path in list_notebooks():
        nb = student_notebook(nbformat.read(path, as_version=4))
        nbformat.write(nb, out / "notebooks" / path.name)
    package = Path(__file__).parent
    shutil.copytree(package, out / "explainer",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(root / "pyproject.toml", out / "pyproject.toml")
    pins = (root / "requirements-runtime.txt").read_text(encoding="utf-8")
    (out / "requirements.txt").write_text(
        pins.rstrip("\n") + "\n\n" + _("# This collection's own package, from this folder:")
        + "\n.\n", encoding="utf-8")
    shutil.copy(package / "templates" / "student-README.md", out / "README.md")
    archive = out / "student-edition.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(out.rglob("*")):
            if file.is_file() and file != archive:
                info = zipfile.ZipInfo(str(file.relative_to(out)), date_time=ZIP_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, file.read_bytes())
    return out


# ----------------------------------------------------------- handouts


def chromium() -> str | None:
    """The Chromium executable, if one is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_pages(pdf: Path) -> int:
    """Number of pages in a PDF Chromium wrote (counts its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def print_handouts(out: Path | None = None, site: Path | None = None) -> list[Path]:
    """Print each rendered notebook page to PDF with headless Chromium."""
    import subprocess

    html = (site or project_root() / "build" / "html") / "notebooks"
    if not html.is_dir():
        raise RunError(_("no rendered site: run `python -m explainer build` first"))
    browser = chromium()
    if browser is None:
        raise RunError(_("no Chromium found: install Debian's `chromium` package"))
    out = out or project_root() / "build" / "handouts"
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for page in sorted(html.glob("[0-9][0-9]_*.html")):
        pdf = out / f"{page.stem}.pdf"
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                               "--disable-background-networking", "--disable-component-update",
                               "--no-first-run", "--no-pdf-header-footer",
                               f"--print-to-pdf={pdf}", page.as_uri()],
                              capture_output=True, text=True, timeout=180, check=False)
        if done.returncode != 0 or not pdf.exists():
            raise RunError(_("printing {page} failed: {error}").format(
                page=page.name, error=done.stderr.strip()[-300:]))
        pdfs.append(pdf)
    return pdfs
