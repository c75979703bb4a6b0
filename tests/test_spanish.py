"""The Spanish edition: the same notebooks, written from the English ones and the catalogues,
executed in Spanish; nothing kept by hand, nothing left untranslated."""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest
from conftest import ROOT

from explainer import classroom, i18n, narrative
from explainer.run import list_notebooks

LANGS = i18n.LANGUAGES[1:]


def translated_books(lang: str) -> list:
    return list_notebooks(ROOT / "notebooks" / lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_of_the_notebooks_is_translated(lang):
    from babel.messages.pofile import read_po

    with narrative.po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    ids = {m.id for m in catalog if m.id}
    assert ids == {m.id for m in narrative.extract() if m.id}, "run `python -m explainer messages`"
    assert not catalog.obsolete
    missing = [m.id[:60] for m in catalog if m.id and (m.fuzzy or not m.string)]
    assert not missing, missing[:5]


@pytest.mark.parametrize("lang", LANGS)
def test_each_translated_notebook_is_written_from_the_english_one(lang):
    """Its cells are exactly what `explainer translate` writes: no copy drifts."""
    table = narrative.translations(lang)
    english = list_notebooks()
    assert [p.name for p in translated_books(lang)] == [p.name for p in english]
    for path in english:
        want = narrative.translated_notebook(json.loads(path.read_text(encoding="utf-8")),
                                             lang, table, path.name)
        have = json.loads((ROOT / "notebooks" / lang / path.name).read_text(encoding="utf-8"))
        assert [c["source"] for c in have["cells"]] == [c["source"] for c in want["cells"]], (
            f"{lang}/{path.name}: run `python -m explainer translate` and `refresh`")


@pytest.mark.parametrize("lang", LANGS)
def test_translated_notebooks_ran_in_their_language_and_every_check_passes(lang):
    i18n.use(lang)
    try:
        titles = {e.notebook: [] for e in classroom.exercises().values()}
        for exercise in classroom.exercises().values():
            titles[exercise.notebook].append(exercise.title)
        correct = i18n._("{title}: correct.")
    finally:
        i18n.use("en")
    for path in translated_books(lang):
        nb = nbformat.read(path, as_version=4)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        assert f'lang: str = "{lang}"' in params.source
        headings = [c.source.splitlines()[0] for c in nb.cells
                    if "exercise" in c.metadata.get("tags", [])]
        for title in titles.get(path.stem[:2], []):
            assert any(h.endswith(title) for h in headings), (path.name, title)
        for cell in nb.cells:
            if "check" in cell.metadata.get("tags", []):
                text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
                assert text.endswith(correct.format(title="")[-10:]), (path.name, text)


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_sentence_left_in_the_outputs(lang):
    """Every sentence the code writes comes out translated: no output of a translated
    notebook holds a long English run of the English edition's own output words."""
    common = {"the", "and", "of", "which", "with", "this", "that", "from", "does", "not"}
    for path in translated_books(lang):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                text = "".join(output.get("data", {}).get("text/markdown", "")
                               or output.get("data", {}).get("text/plain", ""))
                text = re.sub(r'"[^"]*"', "", text)  # the article's quoted words stay English
                words = re.findall(r"[a-z]+", text.lower())
                runs = [w for w in words if w in common]
                assert len(runs) <= max(4, len(words) // 12), (path.name, text[:200])


@pytest.mark.parametrize("lang", LANGS)
def test_spanish_reading_level(lang):
    """Fernández-Huerta of 55 or more: "algo difícil" at worst, a secondary-school text,
    the counterpart of the English edition's Flesch-Kincaid grade 11 or below."""
    import textstat

    textstat.set_lang(lang)
    try:
        for path in translated_books(lang):
            nb = nbformat.read(path, as_version=4)
            prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
            prose = re.sub(r"`[^`]*`|\([^)]*\.ipynb\)", "", prose)
            score = textstat.fernandez_huerta(prose)
            print(f"{path.stem}: Fernández-Huerta {score}")
            assert score >= 55, (path.name, score)
    finally:
        textstat.set_lang("en")


def test_the_command_line_speaks_spanish_when_lang_is_spanish():
    """`--help`, argparse's own words included, and the errors, in the user's language."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "es_VE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    done = subprocess.run([sys.executable, "-m", "explainer", "run", "--help"], env=env,
                          capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.startswith("uso: python -m explainer run")
    assert "opciones:" in done.stdout and "muestra este mensaje de ayuda" in done.stdout
    assert "Ejecuta cada cuaderno" in done.stdout
    done = subprocess.run([sys.executable, "-m", "explainer", "run", "02", "-p", "bogus", "1"],
                          env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1 and "parámetro desconocido 'bogus'" in done.stderr
    english = subprocess.run([sys.executable, "-m", "explainer", "--help"],
                             env={**env, "LANG": "en_US.UTF-8"}, capture_output=True,
                             text=True, cwd=ROOT, check=True)
    assert english.stdout.startswith("usage: python -m explainer")


@pytest.fixture(scope="module")
def student_es(tmp_path_factory):
    return classroom.export_student(tmp_path_factory.mktemp("student-es") / "student", "es")


def test_the_spanish_student_edition_holds_no_answer_and_runs(student_es, tmp_path):
    """Spanish notebooks with Spanish stubs, data beside them, a Spanish README; nothing a
    Spanish solution prints is in the zip; a notebook runs and its checks say, in Spanish,
    that nothing is answered yet."""
    import zipfile

    from explainer.build import run_one

    i18n.use("es")
    try:
        stub = i18n._("{name} = ...  # Your answer here")
        waiting = i18n._("{title}: not answered yet. Replace the ... with your answer and run "
                         "again.").split(": ", 1)[1][:20]
    finally:
        i18n.use("en")
    assert "edición para estudiantes" in (student_es / "README.md").read_text(encoding="utf-8")
    printed = []
    for path in translated_books("es"):
        teacher = nbformat.read(path, as_version=4)
        printed += ["".join(o.get("data", {}).get("text/plain", "")) for c in teacher.cells
                    if "solution" in c.metadata.get("tags", []) for o in c.get("outputs", [])]
        mine = nbformat.read(student_es / "notebooks" / path.name, as_version=4)
        params = next(c for c in mine.cells if "parameters" in c.metadata.get("tags", []))
        assert 'lang: str = "es"' in params.source and 'data_dir: str = "../data"' in params.source
        for label, exercise in classroom.coded().items():
            if exercise.notebook == path.stem[:2]:
                assert stub.format(name=label) in "\n".join(c.source for c in mine.cells)
    with zipfile.ZipFile(student_es / "student-edition.zip") as archive:
        text = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                         if n.endswith((".ipynb", ".md", ".py", ".json", ".csv")))
    found = [p for p in printed if not p.strip().isdigit() and p.strip() in text]
    assert not found, found[:3]
    book = student_es / "notebooks" / "02_ultimatum_timeline.ipynb"
    run_one(str(book), str(tmp_path / book.name), {}, 300)
    done = nbformat.read(tmp_path / book.name, as_version=4)
    verdicts = [o.get("data", {}).get("text/plain", "") for c in done.cells
                if "check" in c.metadata.get("tags", []) for o in c.outputs]
    assert verdicts and all(waiting in v for v in verdicts), verdicts


@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_of_the_pages_and_the_guide_is_translated(lang):
    from babel.messages.pofile import read_po

    with (narrative.locales() / lang / "LC_MESSAGES" / "pages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert {m.id for m in catalog if m.id} == {m.id for m in narrative.extract_pages() if m.id}
    assert not catalog.obsolete
    missing = [m.id[:60] for m in catalog if m.id and (m.fuzzy or not m.string)]
    assert not missing, missing[:5]
    for name in narrative.PAGES:  # and each page translates whole
        text = (ROOT / name).read_text(encoding="utf-8")
        assert narrative.translate_page(text, lang, name).count("\n") == text.count("\n")


def test_the_articles_words_stay_english_with_a_translation_marked_as_ours():
    """A quotation is the article's: the Spanish edition shows it in English, then its
    Spanish, marked as our translation, in the tables and in the notes alike."""
    path = ROOT / "notebooks" / "es" / "02_ultimatum_timeline.ipynb"
    text = "\n".join("".join(o.get("data", {}).get("text/plain", ""))
                     for c in nbformat.read(path, as_version=4).cells
                     for o in c.get("outputs", []))
    assert ('El artículo dice "on Friday, November 29" («el viernes 29 de noviembre», '
            "traducción nuestra), pero el 29 de noviembre de 2025 es sábado") in text
    assert '"on Monday" («el lunes», traducción nuestra)' in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_title_and_description_of_the_package_is_translated(lang):
    """The data dictionary's words (package, tables, columns) have a current translation."""
    from babel.messages.pofile import read_po

    with (narrative.locales() / lang / "LC_MESSAGES" / "datapackage.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert {m.id for m in catalog if m.id} == {m.id for m in narrative.extract_package()
                                               if m.id}, "run `python -m explainer messages`"
    assert not catalog.obsolete
    missing = [m.id[:60] for m in catalog if m.id and (m.fuzzy or not m.string)]
    assert not missing, missing[:5]


def test_the_spanish_data_dictionary_is_spanish():
    """Headings, titles, descriptions and constraint words in Spanish; names and codes as
    they are in the files."""
    from explainer import datadoc

    english = datadoc.render(ROOT / "data", site=True)
    with i18n.speaking("es"):
        spanish = datadoc.render(ROOT / "data", site=True)
    assert spanish.startswith("# Diccionario de datos — La negociación reportada entre "
                              "Maduro y Trump")
    assert "| `source_id` | Identificador de la fuente | `string` | obligatorio; único; patrón" \
        in spanish
    assert "Año de todas las fechas: 2025 (inferida por nosotros). El artículo da días" in spanish
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:  # no English sentence of the package is left
        assert res["description"] in english and res["description"] not in spanish, res["name"]
        for spec in res["schema"]["fields"]:
            assert f"| {spec['description']} |" not in spanish, (res["name"], spec["name"])


def test_a_package_text_without_its_translation_stops_the_spanish_dictionary(data_copy):
    from conftest import edit

    from explainer import datadoc
    from explainer.errors import RunError

    edit(data_copy / "datapackage.json",
         lambda t: t.replace('"title": "Actors"', '"title": "People and bodies"'))
    with i18n.speaking("es"), pytest.raises(RunError) as raised:
        datadoc.render(data_copy, site=True)
    assert str(raised.value) == (
        "datapackage.json: no hay traducción al es de 'People and bodies'; ejecuta "
        "`python -m explainer messages` y tradúcelo en locale/es/LC_MESSAGES/datapackage.po")


def test_every_evidence_fragment_is_shown_in_english_with_our_translation():
    """The evidence stays the article's words; the Spanish edition adds its Spanish after it,
    marked as our translation, in every table, figure and note that shows it."""
    from explainer import data

    english = data.load(ROOT / "data")
    with i18n.speaking("es"):
        spanish = data.load(ROOT / "data")
        notes = " ".join(note.message for note in spanish.notes)
        from explainer import views

        forces = views.forces_table(spanish).frame
    gloss = re.compile(r'"(?P<quote>[^«]+)" \(«(?P<said>[^»]+)», traducción nuestra\)')
    for name, frame in english.tables.items():
        for column in [c for c in frame.columns if "evidence" in c]:
            for row, quote in frame[column].dropna().items():
                shown = spanish.tables[name].loc[row, column]
                found = gloss.fullmatch(shown)
                assert found and found["quote"] == quote.strip('"'), (name, row, column, shown)
    # Written by hand from the article and its Spanish: a number kept, a hedge kept.
    assert ('"more than 80 fatalities" («más de 80 muertes», traducción nuestra)'
            in forces.to_string())
    assert '"allegedly involved in drug trafficking" («presuntamente involucradas en el ' \
           'narcotráfico», traducción nuestra)' in " ".join(spanish.claims["evidence"])
    assert '""' not in notes and "traducción nuestra" in notes


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_of_the_theme_is_translated(lang):
    """The theme's own words (Next, Previous, On this page...) have a current translation,
    from the templates of the theme installed now."""
    from babel.messages.pofile import read_po

    with (narrative.locales() / lang / "LC_MESSAGES" / "theme.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert {m.id for m in catalog if m.id} == set(narrative.theme_messages())
    assert {"Next", "Previous", "On this page", "Back to top"} <= set(narrative.theme_messages())
    assert not catalog.obsolete
    missing = [m.id[:60] for m in catalog if m.id and (m.fuzzy or not m.string)]
    assert not missing, missing[:5]


def test_a_theme_word_without_its_translation_stops_the_spanish_site(monkeypatch):
    from explainer import site
    from explainer.errors import RunError

    monkeypatch.setattr(narrative, "theme_messages", lambda: ["Next", "Toggle the moon"])
    with pytest.raises(RunError) as raised:
        site.theme_catalogue("es")
    assert str(raised.value) == (
        "theme: no es translation for 'Toggle the moon'; run `python -m explainer messages` "
        "and translate it in locale/es/LC_MESSAGES/theme.po")


def test_a_build_speaks_the_users_language_whichever_edition_it_makes(built, tmp_path,
                                                                        monkeypatch):
    """A Spanish speaker at the command line who builds the English edition is told what
    happens in Spanish. (That each edition's pages are in its own language, the site tests
    check.)"""
    from explainer import build

    out = tmp_path / "build"
    shutil.copytree(built[0], out, ignore=shutil.ignore_patterns(".lock"))
    monkeypatch.setitem(i18n._state, "lang", "en")  # both restored after the test
    monkeypatch.setitem(i18n._state, "user", "")
    monkeypatch.setenv("LANGUAGE", "es")
    assert i18n.from_environment() == "es"
    said: list[str] = []
    build.build(out=out, lang="en", log=said.append)
    assert said[0].startswith("datos ok: versión ")
    assert "al día: 5 cuadernos sin cambios, no se volvieron a ejecutar" in said
    assert said[-1].startswith("sitio al día: ")
