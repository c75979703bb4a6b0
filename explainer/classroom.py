"""Classroom support: exercise answers computed from data, student edition, handouts."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import nbformat

from .data import project_root
from .errors import RunError
from .i18n import _
from .show import Rich, say

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry: no clock
_ASSIGN = re.compile(r"^(\w+)\s*=", re.MULTILINE)


# ----------------------------------------------------------- checks

#: Not a secret (self-check tools work this way): it only keeps a table of hashes from
#: being a table of answers that a search engine or a glance could read back.
SALT = "venezuela-explainers/1"


def exercises() -> dict[str, tuple[str, str, str]]:
    """Each exercise: the kind of answer, the form it takes, and where to look."""
    number, ids = _("a whole number, such as 4"), _("a list of ids, in any order")
    return {
        "01.1": ("number", number, _("count the rows of Table 1 whose side is Caracas's")),
        "01.2": ("set", _("a list of category names, in any order"),
                 _("look at Figure 1 for the rows with terms in both sides' columns")),
        "01.3": ("set", ids, _("find the term in data/terms.csv (column term_id) whose "
                               "side, in Table 1, is what Washington agreed to consider")),
        "02.1": ("number", number, _("count the days from the call to the deadline, using "
                                     "the dates Table 1 gives, not the weekday")),
        "02.2": ("set", ids, _("look at the \"how known\" column of Table 1, with as_of at "
                               "its default, for relative dates; the ids are in "
                               "data/events.csv")),
        "02.3": ("number", number, _("count the events whose range starts on or before "
                                     "November 25")),
        "03.1": ("number", number, _("look at Figure 1 for the dashed boxes")),
        "03.2": ("pair", _("two True/False values in brackets, such as (True, False)"),
                 _("a lower bound has no ceiling: try a very large and a very small total")),
        "03.3": ("text", _("one id in quotes, such as 'carrier'"),
                 _("look at the dates of the measures in the notes below Figure 3; the ids "
                   "are in data/forces.csv")),
        "04.1": ("number", number, _("count the anonymous sources in Table 2")),
        "04.2": ("set", ids, _("look at the \"status\" column of Table 1; the ids are in "
                               "data/claims.csv")),
        "04.3": ("set", ids, _("look at Table 2 for the sources on the record; the ids are "
                               "in data/sources.csv")),
    }



def normalise(kind: str, answer: object) -> str:
    """One canonical text for every reasonable form of an answer; ValueError otherwise."""
    if hasattr(answer, "tolist"):  # a pandas Series or Index, a NumPy array or number
        answer = answer.tolist()
    if kind == "number":
        if isinstance(answer, bool):
            raise ValueError(answer)
        if isinstance(answer, str):
            answer = float(answer.strip())
        if isinstance(answer, int | float) and float(answer).is_integer():
            return str(int(answer))
        raise ValueError(answer)
    if kind == "text":
        if isinstance(answer, list | tuple | set) and len(answer) == 1:
            answer = next(iter(answer))
        if isinstance(answer, str) and answer.strip():
            return answer.strip().casefold()
        raise ValueError(answer)
    if kind == "set":
        items = [answer] if isinstance(answer, str) else answer
        if not isinstance(items, list | tuple | set | frozenset) or not all(
                isinstance(i, str) for i in items):
            raise ValueError(answer)
        return json.dumps(sorted({i.strip().casefold() for i in items}))
    if kind == "pair":
        words = {"true": True, "yes": True, "false": False, "no": False}
        if not isinstance(answer, list | tuple) or len(answer) != 2:
            raise ValueError(answer)
        pair = [words.get(a.strip().casefold()) if isinstance(a, str) else a for a in answer]
        if not all(isinstance(a, bool) for a in pair):
            raise ValueError(answer)
        return json.dumps(pair)
    raise KeyError(kind)


def digest(key: str, answer: object) -> str:
    """The salted hash of an answer's canonical form."""
    kind = exercises()[key][0]
    return hashlib.sha256(f"{SALT}:{key}:{normalise(kind, answer)}".encode()).hexdigest()


def check(notebook: str, number: int, name: str) -> Rich:
    """The verdict on the student's `name` (e.g. "answer_1"), read where the check runs:
    never the answer itself, only whether it matches, and a hint when it does not."""
    import sys

    key, title = f"{notebook}.{number}", _("Exercise {number}").format(number=number)
    kind, form, where = exercises()[key]
    scope = sys._getframe(1).f_globals  # the notebook's own variables
    if name not in scope:
        verdict = _("{title}: run the answer cell first (the one that sets {name}), then this "
                    "one.")
    elif scope[name] is None or scope[name] is ...:
        verdict = _("{title}: not answered yet. Replace the ... with your answer and run "
                    "again.")
    else:
        answer = scope[name]
        try:
            right = digest(key, answer) == _hashes()[key]
        except (ValueError, TypeError, OverflowError):
            verdict = _("{title}: not quite. The answer should be {form}.")
        else:
            verdict = (_("{title}: correct.") if right else
                       _("{title}: not quite. Your answer was {answer}; {where}."))
    return say(verdict.format(title=title, name=name, form=form, where=where,
                              answer=_shown(scope.get(name))))


def _shown(answer: object) -> str:
    text = repr(answer.tolist() if hasattr(answer, "tolist") else answer)
    return text if len(text) <= 80 else text[:77] + "..."


def _hashes() -> dict[str, str]:
    return json.loads((Path(__file__).parent / "answers.json").read_text(encoding="utf-8"))


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
    shutil.copytree(package, out / "explainer",  # never the teacher's answers module
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "answers.py"))
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
    pages = [*sorted(html.glob("[0-9][0-9]_*.html")), html.parent / "teacher-key.html"]
    for page in [p for p in pages if p.exists()]:
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
