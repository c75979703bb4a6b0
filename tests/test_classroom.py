"""The classroom edition: exercises, the student edition, reading level, prose facts."""

from __future__ import annotations

import html
import re
import zipfile

import nbformat
import pytest
from conftest import DATA, ROOT, printed, python_says

from explainer import classroom
from explainer.build import run_many
from explainer.errors import RunError
from explainer.run import list_notebooks

WALKTHROUGHS = [p for p in list_notebooks() if not p.stem.startswith("00")]


def cells(path, tag):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if tag in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", WALKTHROUGHS, ids=lambda p: p.stem)
def test_coded_exercises_and_open_questions_each_with_its_answer(path):
    """At least three coded exercises (each a solution and a check that passes in the
    teacher edition) and at least two open questions (each a model answer and a rubric)."""
    mine = [e for e in classroom.exercises().values() if e.notebook == path.stem[:2]]
    assert sum(e.kind != "open" for e in mine) >= 3 and sum(e.kind == "open" for e in mine) >= 2
    solutions = cells(path, "solution")
    assert len(solutions) == len(cells(path, "exercise")) == len(mine)
    models = [c for c in solutions if c.cell_type == "markdown"]
    assert len(models) == sum(e.kind == "open" for e in mine)
    for cell in models:
        assert cell.source.startswith("**Model answer.** ")
        assert "\n\n**Rubric.** Secure: " in cell.source
        assert "Developing: " in cell.source and "Beginning: " in cell.source
    checks = cells(path, "check")
    assert len(checks) == sum(e.kind != "open" for e in mine)
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
        assert exercises and len(exercises) == len(cells(path, "solution"))
        assert cells(path, "check")


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
            body = [line for line in cell.source.splitlines()  # the working, not the name
                    if line.strip() and line.split(" ")[0] not in classroom.exercises()]
            for line in body:
                assert line not in sources, (path.name, line)
        for label, exercise in classroom.coded().items():  # a stub for the answer alone
            if exercise.notebook == path.stem[:2]:
                assert f"{label} = ...  # Your answer here" in sources, label
        assert all(not c.get("outputs") for c in mine.cells if c.cell_type == "code")


def test_student_zip_holds_notebooks_and_data(student):
    with zipfile.ZipFile(student / "student-edition.zip") as archive:
        names = set(archive.namelist())
    assert {f"notebooks/{p.name}" for p in list_notebooks()} <= names
    assert "data/datapackage.json" in names


def test_student_notebooks_run_and_checks_say_not_answered(student, tmp_path):
    books = sorted((student / "notebooks").glob("0[1-4]_*.ipynb"))
    done = run_many([(p, tmp_path / p.name, {"data_dir": str(DATA)}) for p in books])
    crashed = [str(d) for d in done if isinstance(d, RunError)]
    assert not crashed, crashed
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


def reader_text(path) -> str:
    """What a reader meets in a notebook: its prose and outputs (alt text and captions
    included), without the solutions and without the glossary box itself."""
    parts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if "solution" in cell.metadata.get("tags", []) or "views.glossary(" in cell.source:
            continue
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("data", {}).get("text/plain", output.get("text",
                                                                                    ""))))
            parts.append(str(output.get("metadata", {})))
    return "\n".join(parts)


def test_glossary_covers_the_technical_and_the_method_words(ds):
    terms = {t.lower() for t in ds.glossary["term"]}
    for word in ("amnesty", "judicial immunity", "international criminal court (icc)",
                 "crimes against humanity", "sanctions", "safe passage", "interim government",
                 "chavismo / chavista", "foreign terrorist organization (fto)", "ultimatum",
                 "regime change", "airspace closure",
                 # the method: how the data reads dates, counts, sources and statuses
                 "stated date", "relative date", "inferred", "lower bound", "anonymous",
                 "on the record", "reported", "unverified", "denied", "interpretation"):
        assert word in terms, word


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.stem)
def test_each_notebook_defines_exactly_the_words_it_uses(ds, path):
    """Its glossary box lists every glossary word its prose and outputs use, and no other."""
    from explainer import views, words

    nb = nbformat.read(path, as_version=4)
    assert any(f'views.glossary(ds, notebook="{path.stem[:2]}")' in c.source for c in nb.cells)
    used = views.glossary_used(ds, reader_text(path))
    assert sorted(words.WORDS[path.stem[:2]]) == sorted(used)


def test_every_glossary_word_is_used_somewhere():
    from explainer.words import WORDS

    shown = {word for words in WORDS.values() for word in words}
    from explainer import data

    unused = set(data.load().glossary["glossary_id"]) - shown
    assert not unused, unused


def test_teaching_guide_has_the_whole_kit():
    text = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    for part in ("45-minute lesson", "90-minute lesson", "A lesson without computers",
                 "Learning objectives and standards", "C3 Framework, D3.1", "RH.9-10.6",
                 "RH.9-10.8", "NAMLE", "set-up time", "first-time-Jupyter path",
                 "Projector view", "Support and extension", "Graded student task",
                 "Assessment rubric", "Teaching a live, contested story", "Content note",
                 "personal ties", "non-partisan", "Lateral reading", "Discussion questions",
                 "teacher key", "JupyterHub", "Binder", "A different parameter per group"):
        assert part in text, part


def test_lesson_plans_add_up_from_one_source():
    """Each plan is the sum of its parts' minutes, and that sum is the plan's length."""
    from explainer import lesson

    assert {name: lesson.plan_total(name) for name in lesson.plans()} == {
        "plan-45": 45, "plan-90": 90, "no-computer": 45}
    text = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    assert lesson.render_teaching(text) == text, "run `python -m explainer lesson`"
    for name in lesson.plans():
        block = text.split(f"<!-- generated: {name} -->")[1].split("<!-- end generated")[0]
        steps = [int(m) for m in re.findall(r"^\d+\. \*\*(\d+) min\*\*", block, re.M)]
        assert sum(steps) == lesson.plan_total(name) and len(steps) >= 5, name


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.stem)
def test_each_notebook_states_the_times_the_lesson_source_gives(path):
    from explainer import lesson

    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert lesson.time_line(path.stem[:2]) in markdown
    headings = set(re.findall(r"^#{2,3} (.+)$", markdown, re.M))
    for title in lesson.section_titles()[path.stem[:2]].values():
        assert title in headings, title


# ------------------------------------------------------------------ forgiving checks


def verdict(label: str, **answer) -> str:
    """What the check cell of exercise `label` says, run in a notebook-like namespace where
    the answer (if given) is the variable named `label`."""
    namespace = {"classroom": classroom}
    if "answer" in answer:
        namespace[label] = answer["answer"]
    exec(f'result = classroom.check("{label}")', namespace)  # noqa: S102
    return repr(namespace["result"])


@pytest.mark.parametrize(("label", "answer"), [
    ("caracas_terms", 6), ("caracas_terms", "6"), ("caracas_terms", " 6 "),
    ("caracas_terms", 6.0),
    ("shared_categories", ["exit", "transition"]), ("shared_categories", ("transition", "exit")),
    ("shared_categories", {"Exit", " transition"}), ("shared_categories", "exit, transition"),
    ("considered_proposal", "safe_passage"), ("considered_proposal", "Limited safe passage"),
    ("considered_proposal", "limited  safe passage."), ("considered_proposal", ["Safe passage"]),
    ("relative_dates", ["Airspace closure ordered", "terrorist designation", "Maduro’s denial",
                        "NSC meeting", "Caracas seeks channels"]),
    ("per_vessel_bounds", (True, True)), ("per_vessel_bounds", [True, True]),
    ("per_vessel_bounds", ("yes", "True")),
    ("relative_single_day", "Airspace"), ("relative_single_day", ["airspace"]),
    ("relative_single_day", "Order for a complete closure of Venezuelan airspace"),
    ("denied_parts", ["Key Questions", "lead"]), ("denied_parts", {"key questions", "Lead"}),
    ("on_record_sources", "Maduro's televised appearance"),
    ("on_record_sources", ["maduro tv"]),
])
def test_every_reasonable_form_of_a_right_answer_is_right(label, answer):
    assert verdict(label, answer=answer).endswith(": correct.")


def test_a_series_or_an_array_is_an_answer_too():
    import numpy as np
    import pandas as pd

    assert verdict("shared_categories", answer=pd.Series(["transition", "exit"])).endswith(
        "correct.")
    assert verdict("caracas_terms", answer=np.int64(6)).endswith("correct.")


def test_a_name_without_its_accents_is_the_same_name():
    assert classroom.fold("  Cártel  “de los” Soles. ") == "cartel \"de los\" soles"


def test_a_wrong_value_gets_a_hint_about_where_to_look():
    text = verdict("caracas_terms", answer=7)
    assert text.startswith("Caracas's terms: not quite. Your answer was 7;") and "Table 1" in text
    assert "Table 1" in verdict("considered_proposal", answer="Judicial immunity")


def test_a_wrong_form_gets_a_hint_about_the_form():
    assert verdict("caracas_terms", answer=["6"]) == (
        "Caracas's terms: not quite. The answer should be a whole number, such as 4.")
    assert "two True/False values" in verdict("per_vessel_bounds", answer=True)
    assert "as the table shows" in verdict("on_record_sources", answer=3)


def test_a_check_before_its_answer_cell_says_so():
    assert verdict("call_to_deadline") == (
        "From the call to the deadline: run the answer cell first (the one that sets "
        "call_to_deadline), then this one.")
    assert "not answered yet" in verdict("call_to_deadline", answer=...)


def test_every_exercise_is_in_its_notebook_under_its_title():
    """Labels, not positions: each registered exercise is a heading in its notebook, each
    coded one has its check, and every exercise heading in a notebook is registered."""
    books = {p.stem[:2] if p.stem[0].isdigit() else p.stem: p
             for p in [*list_notebooks(), ROOT / "notebooks" / "_template.ipynb"]}
    headings = {key: [c.source.splitlines()[0] for c in cells(path, "exercise")]
                for key, path in books.items()}
    registered = classroom.exercises()
    for label, exercise in registered.items():
        assert f"### Exercise: {exercise.title}" in headings[exercise.notebook], label
        checks = [c.source for c in cells(books[exercise.notebook], "check")]
        assert any(f'classroom.check("{label}")' in c for c in checks) == (
            exercise.kind != "open"), label
    shown = sum(len(h) for h in headings.values())
    assert shown == len(registered)


def test_no_answer_can_be_read_from_what_a_student_imports():
    source = (ROOT / "explainer" / "classroom.py").read_text(encoding="utf-8")
    assert "def expected" not in source and "ds.terms" not in source


def solution_prints(label: str) -> str:
    """What the teacher notebook's solution for `label` prints."""
    exercise = classroom.exercises()[label]
    path = next(p for p in list_notebooks() if p.stem.startswith(exercise.notebook))
    for cell in cells(path, "solution"):
        if cell.cell_type == "code" and cell.source.splitlines()[-1] == label:
            return "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    raise AssertionError(f"no solution prints {label}")


def student_texts(student, rendered, handouts) -> dict[str, str]:
    """Every text a student sees: the site's pages but the teacher key, the handouts'
    text, the student notebooks and everything in the student zip."""
    texts = {str(p): p.read_text(encoding="utf-8", errors="replace")
             for p in (rendered[0] / "html").rglob("*.html") if p.name != "teacher-key.html"}
    for pdf in handouts[1]:
        if pdf.stem != "teacher-key":
            texts[str(pdf)] = printed(pdf).text
    with zipfile.ZipFile(student / "student-edition.zip") as archive:
        for name in archive.namelist():
            texts[name] = archive.read(name).decode("utf-8", errors="replace")
    return texts


def test_no_answer_in_anything_a_student_sees(student, rendered, handouts):
    """Every answer written by hand from the article, what each solution prints, every
    verdict and every model answer, searched for in everything a student sees."""
    from test_editorial import ARTICLE_ANSWERS

    needles = ["classroom.expected", "def expected", "Model answer",
               *(f"{e.title}: correct." for e in classroom.coded().values())]
    for label, answer in ARTICLE_ANSWERS.items():
        needles.append(f"{label} = {answer!r}")  # a solution, typed
        if not isinstance(answer, int) or isinstance(answer, bool):
            needles += [repr(answer), solution_prints(label).strip()]  # printed outputs
    for path in WALKTHROUGHS:  # each model answer's first sentence
        for cell in cells(path, "solution"):
            if cell.cell_type == "markdown":
                needles.append(re.split(r"(?<=[.?!])\s", cell.source.split("**", 2)[-1].strip())[0])
    texts = student_texts(student, rendered, handouts)
    assert "explainer/answers.py" not in texts and "explainer/classroom.py" in texts
    assert any(name.endswith(".pdf") for name in texts)
    found = [(name, needle) for name, text in texts.items() for needle in needles
             if needle in text]
    assert not found, found[:5]


def test_the_teacher_key_holds_every_solution(rendered, ds):
    """Each coded solution's printed answer, which the check accepts, and each model answer."""
    import ast

    page = (rendered[0] / "html" / "teacher-key.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))
    for label in classroom.coded():
        if classroom.exercises()[label].notebook == "_template":
            continue
        printed = solution_prints(label).strip()
        assert re.sub(r"\s+", " ", printed) in text, label
        answer = ast.literal_eval(printed)
        assert classroom.digest(label, answer, ds) == classroom._hashes()[label], label
    for path in WALKTHROUGHS:
        for cell in cells(path, "solution"):
            if cell.cell_type == "markdown":
                first = re.sub(r"[*_`]", "", cell.source.splitlines()[0])
                assert re.sub(r"\s+", " ", first)[:60] in text, first


def test_handouts_say_what_they_miss_before_printing(tmp_path):
    """No rendered site, or no Playwright to drive Chromium: one line that says so."""
    with pytest.raises(RunError, match=r"no rendered site: run `python -m explainer build`"):
        classroom.print_handouts(tmp_path / "out", site=tmp_path / "nothing")
    (tmp_path / "html" / "notebooks").mkdir(parents=True)
    said = python_says(
        "import sys\nsys.modules['playwright'] = None  # as if it were not installed\n"
        "from pathlib import Path\nfrom explainer import classroom\n"
        "classroom.chromium = lambda: '/usr/bin/chromium'\n"
        f"classroom.print_handouts(Path({str(tmp_path / 'out')!r}), "
        f"site=Path({str(tmp_path / 'html')!r}))")
    assert said.stderr.strip().splitlines()[-1] == (
        "explainer.errors.RunError: printing the handouts needs Playwright: pip install "
        "'.[handouts]' or the full lock (requirements.txt)")
    assert not (tmp_path / "out").exists()
