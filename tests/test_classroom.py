"""The classroom edition: exercises, the student edition, reading level, prose facts."""

from __future__ import annotations

import html
import re
import zipfile
from concurrent.futures import ProcessPoolExecutor

import nbformat
import pytest
from conftest import DATA, ROOT

from explainer import classroom
from explainer.build import run_one
from explainer.run import list_notebooks

WALKTHROUGHS = [p for p in list_notebooks() if not p.stem.startswith("00")]


def cells(path, tag):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if tag in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", WALKTHROUGHS, ids=lambda p: p.stem)
def test_three_exercises_each_with_solution_and_check(path):
    assert len(cells(path, "exercise")) >= 3
    assert len(cells(path, "solution")) == len(cells(path, "exercise"))
    checks = cells(path, "check")
    assert len(checks) == len(cells(path, "exercise"))
    for cell in checks:  # in the teacher edition every check passes
        text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert text.endswith(": correct."), text


@pytest.mark.parametrize("path", [*list_notebooks(), ROOT / "notebooks" / "_template.ipynb"],
                         ids=lambda p: p.stem)
def test_anatomy(path):
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].source.startswith("# ")
    for heading in ("## What you will learn", "**Time to read:**", "**Prerequisites:**",
                    "## Summary", "## Sources", "## What's next"):
        assert heading in markdown, heading
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    for line in parameters[0].source.splitlines():
        assert re.match(r"^\w+: [\w\[\]]+ = .+  # .+", line), line  # name: type = value  # meaning
    following = nb.cells[nb.cells.index(parameters[0]) + 1].source
    assert "params.check(" in following and "data_dir=data_dir" in following
    exercises = [c for c in nb.cells if "exercise" in c.metadata.get("tags", [])]
    if not path.stem.startswith("00"):  # every walkthrough, and the template, has exercises
        assert exercises and len(exercises) == len(cells(path, "solution")) == len(
            cells(path, "check"))


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.stem)
def test_code_cells_stay_short(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 8, cell.source


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return classroom.export_student(tmp_path_factory.mktemp("student") / "student")


def test_no_solution_survives_in_the_student_edition(student):
    for path in WALKTHROUGHS:
        teacher = cells(path, "solution")
        mine = nbformat.read(student / "notebooks" / path.name, as_version=4)
        sources = "\n".join(c.source for c in mine.cells)
        for cell in teacher:
            body = [line for line in cell.source.splitlines()
                    if line.strip() and not line.startswith("answer_")]
            for line in body:
                assert line not in sources, (path.name, line)
            assert re.search(r"answer_\d = \.\.\.  # Your answer here", sources)
        assert all(not c.get("outputs") for c in mine.cells if c.cell_type == "code")


def test_student_zip_holds_notebooks_and_data(student):
    with zipfile.ZipFile(student / "student-edition.zip") as archive:
        names = set(archive.namelist())
    assert {f"notebooks/{p.name}" for p in list_notebooks()} <= names
    assert "data/datapackage.json" in names


def test_student_notebooks_run_and_checks_say_not_answered(student, tmp_path):
    books = sorted((student / "notebooks").glob("0[1-4]_*.ipynb"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(run_one, str(p), str(tmp_path / p.name),
                            {"data_dir": str(DATA)}, 300) for p in books]
        for job in jobs:
            job.result()  # a RunError here means a student notebook crashed
    for path in books:
        done = nbformat.read(tmp_path / path.name, as_version=4)
        verdicts = [o.get("data", {}).get("text/plain", "") for c in done.cells
                    if "check" in c.metadata.get("tags", []) for o in c.outputs]
        assert len(verdicts) >= 3
        assert all("not answered yet" in v for v in verdicts), verdicts


def narrative(path) -> str:
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = re.sub(r"`[^`]*`", "", text)
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.stem)
def test_reading_level_is_grade_11_or_below(path):
    import textstat

    grade = textstat.flesch_kincaid_grade(narrative(path))
    print(f"{path.stem}: Flesch-Kincaid grade {grade}")
    assert grade <= 11


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.stem)
def test_numbers_in_prose_come_from_the_data(path):
    """A number typed in the narrative must be one the data holds (dates, counts, hours)."""
    corpus = " ".join(p.read_text(encoding="utf-8") for p in DATA.glob("*.csv"))
    corpus += " ".join(f"{n:02d}" for n in range(0, 5))  # notebook numbers 00-04
    story = "\n".join(line for line in narrative(path).splitlines()
                      if not line.startswith("**Time to read:**"))  # minutes, not facts
    found = re.findall(r"(?<![\w.-])(\d+)(?![\w-])", story)
    typed = {n for n in found if n not in corpus}
    assert not typed, typed


def test_glossary_covers_the_technical_terms(ds):
    terms = {t.lower() for t in ds.glossary["term"]}
    for word in ("amnesty", "judicial immunity", "international criminal court (icc)",
                 "sanctions", "safe passage", "interim government",
                 "foreign terrorist organization (fto)", "airspace closure"):
        assert word in terms, word


def test_teaching_guide_has_plans_rubric_and_distribution():
    text = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    for part in ("45-minute lesson", "90-minute lesson", "Discussion questions",
                 "Assessment rubric", "JupyterHub", "Binder", "A different parameter per group"):
        assert part in text, part


# ------------------------------------------------------------------ forgiving checks


def verdict(key: str, **scope) -> str:
    """What the check cell of exercise `key` says, run in a notebook-like namespace."""
    notebook, number = key.split(".")
    namespace = {"classroom": classroom, **scope}
    exec(f'result = classroom.check("{notebook}", {number}, "answer")', namespace)  # noqa: S102
    return repr(namespace["result"])


@pytest.mark.parametrize(("key", "answer"), [
    ("01.1", 6), ("01.1", "6"), ("01.1", " 6 "), ("01.1", 6.0),
    ("01.2", ["exit", "transition"]), ("01.2", ("transition", "exit")),
    ("01.2", {"Exit", " transition"}), ("01.3", "safe_passage"),
    ("03.2", (True, True)), ("03.2", [True, True]), ("03.2", ("yes", "True")),
    ("03.3", "Airspace"), ("03.3", ["airspace"]),
])
def test_every_reasonable_form_of_a_right_answer_is_right(key, answer):
    assert verdict(key, answer=answer).endswith(": correct.")


def test_a_series_or_an_array_is_an_answer_too():
    import numpy as np
    import pandas as pd

    assert verdict("01.2", answer=pd.Series(["transition", "exit"])).endswith("correct.")
    assert verdict("01.1", answer=np.int64(6)).endswith("correct.")


def test_a_wrong_value_gets_a_hint_about_where_to_look():
    text = verdict("01.1", answer=7)
    assert text.startswith("Exercise 1: not quite. Your answer was 7;") and "Table 1" in text


def test_a_wrong_form_gets_a_hint_about_the_form():
    assert verdict("01.1", answer=["6"]) == (
        "Exercise 1: not quite. The answer should be a whole number, such as 4.")
    assert "two True/False values" in verdict("03.2", answer=True)


def test_a_check_before_its_answer_cell_says_so():
    assert verdict("02.1") == ("Exercise 1: run the answer cell first (the one that sets "
                               "answer), then this one.")
    assert "not answered yet" in verdict("02.1", answer=...)


def test_no_answer_can_be_read_from_what_a_student_imports():
    source = (ROOT / "explainer" / "classroom.py").read_text(encoding="utf-8")
    assert "def expected" not in source and "ds.terms" not in source


def test_no_answer_in_anything_a_student_sees(student, rendered):
    """Every answer written by hand from the article, and every verdict, searched for in
    the site's pages, the student notebooks and the student zip with its package."""
    from test_editorial import ARTICLE_ANSWERS

    needles = ["classroom.expected", "def expected",
               *(f"Exercise {n}: correct." for n in (1, 2, 3))]
    for (_notebook, number), answer in ARTICLE_ANSWERS.items():
        needles.append(f"answer_{number} = {answer!r}")  # a solution, typed
        if not isinstance(answer, int) or isinstance(answer, bool):
            needles.append(repr(answer))  # a solution's printed output
    texts = {str(p): p.read_text(encoding="utf-8", errors="replace")
             for p in (rendered[0] / "html").rglob("*.html") if p.name != "teacher-key.html"}
    with zipfile.ZipFile(student / "student-edition.zip") as archive:
        for name in archive.namelist():
            if name.endswith((".ipynb", ".py", ".json", ".md", ".txt")):
                texts[name] = archive.read(name).decode("utf-8", errors="replace")
    assert "explainer/answers.py" not in texts and "explainer/classroom.py" in texts
    found = [(name, needle) for name, text in texts.items() for needle in needles
             if needle in text]
    assert not found, found[:5]


def test_the_teacher_key_holds_every_solution(rendered):
    from test_editorial import ARTICLE_ANSWERS

    page = (rendered[0] / "html" / "teacher-key.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", page)))
    for answer in ARTICLE_ANSWERS.values():
        assert re.sub(r"\s+", "", repr(answer)) in text, answer
