"""Fresh environments, as Binder and a student's laptop make them: every notebook runs.

One new virtual environment gets the runtime pins (requirements-runtime.txt), then:
- the student edition is unzipped into an empty folder and installed from its own
  requirements.txt, and every student notebook runs there;
- the repository is installed as Binder's postBuild installs it (a normal, non-editable
  install, the same as repo2docker's own `pip install .`), and every notebook runs from a
  copy of the repository, reading the data beside it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from explainer import classroom
from explainer.run import list_notebooks


def run(args: list[str], cwd: Path, env_bin: Path) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "PATH": f"{env_bin}:{os.environ['PATH']}", "PYTHONPATH": "",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}  # no look for a newer pip on each call
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def pins(text: str) -> set[str]:
    """The `name==version` lines of a requirements file or of `pip freeze`, normalised."""
    import re

    found = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found.add(f"{re.sub(r'[-_.]+', '-', name).lower()}=={version.strip()}")
    return found


@pytest.fixture(scope="module")
def fresh() -> Iterator[Path]:
    """An environment holding exactly the runtime pins and nothing else: no project package.

    pip makes it from requirements-runtime.txt once per lock and Python, in the user's
    cache (making it again would give the same packages). Each run takes away what an
    earlier run installed and checks that it holds exactly those pins (`pip freeze`); one
    that holds anything else is made again. A run holds it until its tests are done.
    """
    import fcntl
    import hashlib

    from platformdirs import user_cache_dir

    lock = (ROOT / "requirements-runtime.txt").read_text(encoding="utf-8")
    key = hashlib.sha256(f"{sys.version}\n{lock}".encode()).hexdigest()[:16]
    env = Path(user_cache_dir("venezuela-explainers", appauthor=False)) / "fresh-env" / key
    env.parent.mkdir(parents=True, exist_ok=True)
    python, bin_dir = env / "bin" / "python", env / "bin"

    def frozen() -> set[str]:
        run([str(python), "-m", "pip", "uninstall", "--quiet", "--yes",
             "venezuela-ultimatum-explainers"], ROOT, bin_dir)
        said = run([str(python), "-m", "pip", "freeze", "--all", "--exclude", "pip",
                    "--exclude", "setuptools", "--exclude", "wheel"], ROOT, bin_dir)
        return pins(said.stdout) if said.returncode == 0 else set()

    with (env.parent / f"{key}.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # one run at a time uses it; the others wait
        held_pins = frozen() if (env / "made").exists() else set()
        if held_pins != pins(lock):
            shutil.rmtree(env, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
            done = run([str(python), "-m", "pip", "install", "--quiet", "-r",
                        str(ROOT / "requirements-runtime.txt")], ROOT, bin_dir)
            assert done.returncode == 0, done.stderr[-2000:]
            (env / "made").write_text(key)
            held_pins = frozen()
        assert held_pins == pins(lock), held_pins ^ pins(lock)
        yield bin_dir


def run_all(folder: Path, out: Path, env_bin: Path) -> list[Path]:
    """Execute every numbered notebook in `folder/notebooks` with the fresh environment's
    `explainer run` (two workers, each keeping one kernel, as a build runs them)."""
    books = sorted((folder / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    done = run([str(env_bin / "explainer"), "run", *(b.stem[:2] for b in books), "--out",
                str(out)], folder, env_bin)
    assert done.returncode == 0, done.stderr[-1500:]
    return sorted(out.glob("*.ipynb"))


def test_fresh_installs_run_every_notebook(fresh, tmp_path):
    # The student edition, from its zip alone.
    edition = classroom.export_student(tmp_path / "export")
    student = tmp_path / "student"
    with zipfile.ZipFile(edition / "student-edition.zip") as archive:
        archive.extractall(student)
    assert (student / "README.md").read_text(encoding="utf-8").startswith("# Venezuela")
    pins = (student / "requirements.txt").read_text(encoding="utf-8")
    assert "sphinx" not in pins.lower() and "playwright" not in pins and "ruff" not in pins
    done = run([str(fresh / "python"), "-m", "pip", "install", "--quiet", "-r",
                "requirements.txt"], student, fresh)
    assert done.returncode == 0, done.stderr[-2000:]
    ran = run_all(student, tmp_path / "student-out", fresh)
    assert [p.name for p in ran] == [f"{p.stem}__defaults.ipynb" for p in list_notebooks()]
    checks = "".join(str(o.get("data", {}).get("text/plain", ""))
                     for p in ran for c in nbformat.read(p, as_version=4).cells
                     for o in c.get("outputs", []))
    assert "not answered yet" in checks and "correct." not in checks

    # Binder: a copy of the repository, the package installed by binder/postBuild.
    repo = tmp_path / "repo"
    for name in ("notebooks", "data", "explainer", "binder"):
        shutil.copytree(ROOT / name, repo / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md", "requirements-runtime.txt"):
        shutil.copy(ROOT / name, repo / name)
    done = run(["bash", "binder/postBuild"], repo, fresh)  # repo2docker before 2025.12
    assert done.returncode == 0, done.stderr[-2000:]
    done = run([str(fresh / "python"), "-m", "pip", "install", "--quiet", "."], repo, fresh)
    assert done.returncode == 0, done.stderr[-2000:]  # since 2025.12 it also runs this
    shutil.rmtree(repo / "explainer")  # the installed package, not the source beside it
    # The installed command finds the notebooks and data of the folder it runs in.
    ran = run_all(repo, tmp_path / "binder-out", fresh)
    assert len(ran) == len(list_notebooks())
    assert all(p.with_suffix(".html").is_file() for p in ran)  # and renders their pages
