"""Classroom support: exercise answers computed from data, student edition, handouts."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .data import Dataset, project_root
from .errors import RunError
from .i18n import _
from .show import Rich, say

if TYPE_CHECKING:
    import nbformat

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry: no clock
_ASSIGN = re.compile(r"^(\w+)\s*=", re.MULTILINE)


# ----------------------------------------------------------- checks

#: Not a secret (self-check tools work this way): it only keeps a table of hashes from
#: being a table of answers that a search engine or a glance could read back.
SALT = "venezuela-explainers/1"


@dataclass(frozen=True)
class Exercise:
    """One exercise, known by its label: the variable its answer goes in, its check's key."""

    label: str
    notebook: str
    title: str
    kind: str  # number, set, text, pair; "open" for a written answer with a model answer
    form: str = ""  # the form a coded answer takes, said when an answer has another
    where: str = ""  # where to look, said when an answer is wrong
    vocabulary: str = ""  # the labels that count as this answer's ids (see `aliases`)

    @property
    def minutes(self) -> int:
        """Minutes in class (see explainer/lesson.py): an open question takes longer."""
        return 10 if self.kind == "open" else 5


def exercises() -> dict[str, Exercise]:
    """Every exercise of the collection, by its stable label, in reading order."""
    number = _("a whole number, such as 4")
    some = _("one name or a list of names, in any order, as the table shows them")
    one = _("one name in quotes, as the table shows it")
    items = [
        Exercise("caracas_terms", "01", _("Caracas's terms"), "number", number,
                 _("count the rows of Table 1 whose side is Caracas's")),
        Exercise("shared_categories", "01", _("Where both sides spoke"), "set", some,
                 _("look at Figure 1 for the categories with terms in both sides' columns"),
                 "category"),
        Exercise("considered_proposal", "01", _("The proposal Washington agreed to consider"),
                 "text", one, _("look at the \"side\" column of Table 1"), "terms"),
        Exercise("both_at_once", "01", _("Could both be met?"), "open"),
        Exercise("who_proposed", "01", _("Who proposed the safe passage?"), "open"),
        Exercise("call_to_deadline", "02", _("From the call to the deadline"), "number",
                 number, _("count the days from the call to the deadline, using the dates "
                           "Table 1 gives, not the weekday")),
        Exercise("relative_dates", "02", _("Dated only relative to something else"), "set",
                 some, _("look at the \"how known\" column of Table 1, with as_of at its "
                         "default"), "events"),
        Exercise("begun_by_nov_25", "02", _("What could have begun by November 25"),
                 "number", number, _("count the events whose range starts on or before "
                                     "November 25")),
        Exercise("two_readings", "02", _("Two readings of 72 hours"), "open"),
        Exercise("which_part_wrong", "02", _("Friday, November 29"), "open"),
        Exercise("unnumbered_assets", "03", _("Deployed, with no number"), "number", number,
                 _("look at Figure 1 for the hatched bands of no length")),
        Exercise("per_vessel_bounds", "03", _("Reasoning about bounds"), "pair",
                 _("two True/False values in brackets, such as (True, False)"),
                 _("a lower bound has no ceiling: try a very large and a very small total")),
        Exercise("relative_single_day", "03", _("Relative, yet a single day"), "text", one,
                 _("look at the dates of the measures in the notes below Figure 3, and at "
                   "the \"measure\" column of Table 1"), "forces"),
        Exercise("no_single_figure", "03", _("Why no single figure?"), "open"),
        Exercise("allegedly_kept", "03", _("What \"allegedly\" does"), "open"),
        Exercise("anonymous_phrases", "04", _("Sources without names"), "number", number,
                 _("count the anonymous sources in Table 2")),
        Exercise("denied_parts", "04", _("Where the denied claims are"), "set", some,
                 _("look at the \"status\" and \"part of the article\" columns of "
                   "Table 1"), "article_part"),
        Exercise("on_record_sources", "04", _("On the record"), "set", some,
                 _("look at Table 2 for the sources on the record"), "sources"),
        Exercise("who_denies", "04", _("A denial and a report"), "open"),
        Exercise("fact_or_reading", "04", _("Fact, claim or reading?"), "open"),
        Exercise("event_rows", "_template", _("Counting rows"), "number", number,
                 _("count the rows of Table 1")),
    ]
    return {e.label: e for e in items}


def coded() -> dict[str, Exercise]:
    """The exercises a check cell marks: every one but the open questions."""
    return {k: e for k, e in exercises().items() if e.kind != "open"}


def fold(text: str) -> str:
    """A name as typed, folded: no accents, case, curly quotes, outer quotes or full stop."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return " ".join(text.casefold().split()).strip("'\". ")


def aliases(ds: Dataset, vocabulary: str) -> dict[str, str]:
    """Folded name -> id, for every name a table shows (and every id, spaced or not)."""
    from .labels import vocabulary as codes

    if vocabulary in ("category", "article_part"):
        pairs = {code: label for code, label in codes()[vocabulary].items()}
    else:
        table, key, name = {"terms": ("terms", "term_id", "label"),
                            "events": ("events", "event_id", "label"),
                            "forces": ("forces", "force_id", "asset"),
                            "sources": ("sources", "source_id", "name")}[vocabulary]
        frame = getattr(ds, table)
        pairs = dict(zip(frame[key].astype(str), frame[name].astype(str), strict=True))
    found: dict[str, str] = {}
    for code, shown in pairs.items():
        for alias in (code, code.replace("_", " "), shown):
            found[fold(alias)] = code
    return found


def normalise(kind: str, answer: object, names: dict[str, str] | None = None) -> str:
    """One canonical text for every reasonable form of an answer; ValueError otherwise.

    `names` maps each folded name a table shows to its id, so a label and an id count alike.
    """
    if hasattr(answer, "tolist"):  # a pandas Series or Index, a NumPy array or number
        answer = answer.tolist()
    names = names or {}
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
        if isinstance(answer, str) and fold(answer):
            return names.get(fold(answer), fold(answer))
        raise ValueError(answer)
    if kind == "set":
        if isinstance(answer, str):  # one name, or several names written with commas
            answer = [answer] if fold(answer) in names else answer.split(",")
        items = answer
        if not isinstance(items, list | tuple | set | frozenset) or not all(
                isinstance(i, str) for i in items):
            raise ValueError(answer)
        return json.dumps(sorted({names.get(fold(i), fold(i)) for i in items}))
    if kind == "pair":
        words = {"true": True, "yes": True, "false": False, "no": False}
        if not isinstance(answer, list | tuple) or len(answer) != 2:
            raise ValueError(answer)
        pair = [words.get(fold(a)) if isinstance(a, str) else a for a in answer]
        if not all(isinstance(a, bool) for a in pair):
            raise ValueError(answer)
        return json.dumps(pair)
    raise KeyError(kind)


def digest(label: str, answer: object, ds: Dataset | None = None) -> str:
    """The salted hash of an answer's canonical form (names resolved through `ds`)."""
    exercise = exercises()[label]
    names = aliases(ds, exercise.vocabulary) if ds is not None and exercise.vocabulary else {}
    text = normalise(exercise.kind, answer, names)
    return hashlib.sha256(f"{SALT}:{label}:{text}".encode()).hexdigest()


def check(label: str) -> Rich:
    """The verdict on the student's answer, the variable named `label`, read where the check
    runs: never the answer itself, only whether it matches, and a hint when it does not."""
    import sys

    exercise = exercises()[label]
    scope = sys._getframe(1).f_globals  # the notebook's own variables
    if label not in scope:
        verdict = _("{title}: run the answer cell first (the one that sets {name}), then this "
                    "one.")
    elif scope[label] is None or scope[label] is ...:
        verdict = _("{title}: not answered yet. Replace the ... with your answer and run "
                    "again.")
    else:
        answer = scope[label]
        ds = scope.get("ds")
        if not isinstance(ds, Dataset):
            from .data import load

            ds = load()
        try:
            right = digest(label, answer, ds) == _hashes()[label]
        except (ValueError, TypeError, OverflowError):
            verdict = _("{title}: not quite. The answer should be {form}.")
        else:
            verdict = (_("{title}: correct.") if right else
                       _("{title}: not quite. Your answer was {answer}; {where}."))
    return say(verdict.format(title=exercise.title, name=label, form=exercise.form,
                              where=exercise.where, answer=_shown(scope.get(label))))


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
            if "solution" in tags:  # a stub for the answer alone, not the working
                names = [n for n in _ASSIGN.findall(cell.source) if n in exercises()]
                cell.source = "\n".join(
                    _("{name} = ...  # Your answer here").format(name=n)
                    for n in dict.fromkeys(names)) or _("# Your answer here")
            cell.outputs = []
            cell.execution_count = None
        elif "solution" in tags:
            cell.source = _("*Your answer here.*")
    nb.metadata.pop("papermill", None)
    return nb


def export_student(out: Path | None = None, lang: str = "en") -> Path:
    """Write the student edition folder and `student-edition.zip` beside it.

    Self-contained: the student notebooks (in `lang`: its notebooks, stubs and README),
    `data/`, this package (source), a runtime-only pinned `requirements.txt` that installs
    it, and a README for students.
    """
    import nbformat

    from .i18n import speaking
    from .params import with_defaults
    from .run import list_notebooks, notebook_dir

    root = project_root()
    out = out or root / "build" / ("student" if lang == "en" else f"student-{lang}")
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    shutil.copytree(root / "data", out / "data")
    source = notebook_dir() if lang == "en" else notebook_dir() / lang
    with speaking(lang):
        for path in list_notebooks(source):
            nb = student_notebook(nbformat.read(path, as_version=4))
            for cell in nb.cells:  # in the edition the data is in ../data, beside notebooks/
                if "parameters" in cell.metadata.get("tags", []):
                    cell.source = with_defaults(cell.source, data_dir="../data")
            nbformat.write(nb, out / "notebooks" / path.name)
    package = Path(__file__).parent
    shutil.copytree(package, out / "explainer",  # never the teacher's answers module
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "answers.py"))
    shutil.copy(root / "pyproject.toml", out / "pyproject.toml")
    pins = (root / "requirements-runtime.txt").read_text(encoding="utf-8")
    (out / "requirements.txt").write_text(
        pins.rstrip("\n") + "\n\n" + _("# This collection's own package, from this folder:")
        + "\n.\n", encoding="utf-8")
    readme = package / "templates" / f"student-README.{lang}.md"
    if lang == "en" or not readme.exists():
        readme = package / "templates" / "student-README.md"
    shutil.copy(readme, out / "README.md")
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


#: Each paper size: the folder it prints into, the CSS `size` Chromium honours, and the
#: print type size (Letter is 6% shorter than A4: its type is 5% smaller, so that both
#: print the same page breaks). Spanish runs about a fifth longer than English: its type
#: is a little smaller again, so that a walkthrough still fits six pages.
PAPERS = {"a4": ("A4", "9pt"), "letter": ("letter", "8.6pt")}
LONGER = {"es": 0.94}


def print_handouts(out: Path | None = None, site: Path | None = None,
                   papers: tuple[str, ...] = tuple(PAPERS)) -> list[Path]:
    """Print each rendered notebook page (no code, no answers) to PDF, for each paper size,
    into `student/<paper>/`; the teacher key into `teacher/<paper>/`, apart.

    One Chromium prints them all, one page after another in one tab, driven by Playwright
    (a Chromium started for each PDF cost twice the time)."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    html = site or project_root() / "build" / "html"
    if not (html / "notebooks").is_dir():
        raise RunError(_("no rendered site: run `python -m explainer build` first"))
    browser = chromium()
    if browser is None:
        raise RunError(_("no Chromium found: install Debian's `chromium` package"))
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise RunError(_("printing the handouts needs Playwright: pip install "
                         "'.[handouts]' or the full lock (requirements.txt)")) from None
    out = out or project_root() / "build" / "handouts"
    pages = [*sorted((html / "notebooks").glob("[0-9][0-9]_*.html")), html / "teacher-key.html"]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "html"
        shutil.copytree(html, copy)
        jobs = []
        for paper in papers:
            size, type_size = PAPERS[paper]
            points = float(type_size.removesuffix("pt"))
            longer = " ".join(f'html[lang="{lang}"] {{ font-size: {points * k:.2f}pt; }}'
                              for lang, k in LONGER.items())
            style = (f"<style>@page {{ size: {size}; }} @media print {{ html {{ font-size: "
                     f"{type_size}; }} {longer} }}</style></head>")
            for page in [p for p in pages if p.exists()]:
                source = copy / page.relative_to(html)
                variant = source.with_name(f"{page.stem}.{paper}.html")
                variant.write_text(source.read_text(encoding="utf-8").replace(
                    "</head>", style, 1), encoding="utf-8")
                side = "teacher" if page.stem == "teacher-key" else "student"
                pdf = out / side / paper / f"{page.stem}.pdf"
                pdf.parent.mkdir(parents=True, exist_ok=True)
                jobs.append((variant, pdf))

        def print_all() -> None:
            with sync_playwright() as play:
                chrome = play.chromium.launch(executable_path=browser, headless=True,
                                              args=CHROMIUM_FLAGS)
                try:
                    tab = chrome.new_page()
                    for variant, pdf in jobs:
                        tab.goto(variant.as_uri(), wait_until="load")
                        tab.evaluate("document.fonts.ready.then(() => true)")
                        tab.pdf(path=str(pdf), prefer_css_page_size=True, tagged=True,
                                outline=True)  # accessible, as Chromium prints by itself
                finally:
                    chrome.close()

        # On a thread of its own: Playwright's blocking API refuses a thread whose event
        # loop runs (a Jupyter kernel's, or another Playwright session's).
        with ThreadPoolExecutor(max_workers=1) as pool:
            try:
                pool.submit(print_all).result()
            except Error as exc:
                raise RunError(_("printing the handouts failed: {error}").format(
                    error=str(exc).strip().splitlines()[0][:300])) from None
    return [pdf for _variant, pdf in jobs]


#: Chromium as the handouts need it: headless, as root in a container, with no network.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]
