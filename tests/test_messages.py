"""The message catalogue: every word a reader sees is in it, every code has a label."""

from __future__ import annotations

import ast
import json
import re

import pytest
from conftest import DATA, ROOT

from explainer import bounds, catalogue, i18n, views

#: Modules whose strings reach a reader: the views, the display, the data notes and errors,
#: the command line and the generated data dictionary.
READER_MODULES = sorted(
    [*(ROOT / "explainer" / "views").glob("*.py")]
    + [ROOT / "explainer" / f"{name}.py" for name in (
        "show", "bounds", "dates", "checks", "data", "params", "cli", "build", "run", "site",
        "datadoc", "errors", "classroom", "labels", "lesson")])


def test_the_committed_template_holds_every_message_in_the_code():
    committed = catalogue.TEMPLATE.read_bytes()
    fresh = catalogue.render(catalogue.extract())
    missing = catalogue.template_ids(fresh) - catalogue.template_ids(committed)
    assert not missing, f"run `python -m explainer messages`; not in the template: {missing}"
    assert committed == fresh, "the template is stale: run `python -m explainer messages`"


def _wrapped(tree: ast.AST) -> set[int]:
    """Ids of the string constants inside a `_()` or `ngettext()` call, or a docstring."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
            inside |= {id(n) for arg in node.args for n in ast.walk(arg)}
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body and (
                isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)):
            inside.add(id(node.body[0].value))
    return inside


def _internal(tree: ast.AST) -> set[int]:
    """Ids of strings only a developer sees: KeyError/ValueError/TypeError text, markup."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            name = getattr(getattr(node.exc, "func", None), "id", "")
            if name in ("KeyError", "TypeError", "AssertionError", "NotImplementedError"):
                found |= {id(n) for n in ast.walk(node.exc)}
    return found


#: Two or more words in a row: prose, not a code, a column id or a format spec.
PROSE = re.compile(r"[A-Za-z]{2,}[,;:]? [a-z]{2,}")
#: Fixed strings that look like prose but are not read as such: matplotlib options, a
#: library's message we match, commands and queries.
NOT_PROSE = {"offset points", "upper center", "before replying to kernel_info", "end of data"}


def _code_like(text: str) -> bool:
    """Markup, a command, a regular expression or a pandas query, not a sentence."""
    text = text.lstrip()
    css = re.fullmatch(r"[a-z-]+: [^;:]+(; [a-z-]+: [^;:]+)*", text)  # inline style
    return (text.startswith(("<", "python -m ", "\\", "(?")) or "==" in text
            or text in NOT_PROSE or css is not None)


@pytest.mark.parametrize("path", READER_MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_reader_facing_prose_outside_the_catalogue(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _wrapped(tree) | _internal(tree)
    parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
             for v in node.values}  # judged with their f-string below
    loose = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in skip | parts and PROSE.search(node.value)
             and not _code_like(node.value)]
    formatted = [ast.unparse(node) for node in ast.walk(tree)
                 if isinstance(node, ast.JoinedStr) and id(node) not in skip
                 and not (isinstance(node.values[0], ast.Constant)
                          and _code_like(node.values[0].value))
                 and any(isinstance(v, ast.Constant) and PROSE.search(v.value)
                         for v in node.values)]
    assert not loose + formatted, "wrap these in _() or ngettext()"


def test_every_code_a_reader_sees_has_a_label():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    enums = {(r["name"], f["name"]): f["constraints"]["enum"] for r in package["resources"]
             for f in r["schema"]["fields"] if "enum" in f.get("constraints", {})}
    shown = {("events", "track"): "track", ("events", "date_basis"): "date_basis",
             ("terms", "position"): "position", ("terms", "category"): "category",
             ("terms", "response"): "response", ("claims", "status"): "status",
             ("sources", "sourcing"): "sourcing", ("claims", "article_part"): "article_part",
             ("actors", "basis"): "basis", ("glossary", "basis"): "basis",
             ("forces", "kind"): "kind"}
    for (table, column), field in shown.items():
        for code in enums[(table, column)]:
            assert views.label(field, code), (table, column, code)
    for table in ("forces", "figures"):
        for unit in enums[(table, "unit")]:
            assert bounds.counted(2, unit) != "2", unit


def test_a_missing_label_names_the_field_and_the_code():
    with pytest.raises(KeyError, match="no display label for track = 'naval'"):
        views.label("track", "naval")


def test_plurals_agree_with_their_number():
    assert bounds.label(1, "exact", "ships") == "1 ship"
    assert bounds.label(2, "exact", "ships") == "2 ships"
    assert bounds.label(1, "more_than", "fatalities") == "more than 1 fatality"
    assert bounds.label(None, "nearly_all", "conditions") == "nearly all conditions"


def test_dates_follow_the_language():
    from datetime import date

    day = date(2025, 11, 29)
    assert i18n.day(day, "full") == "Saturday, November 29, 2025"
    try:
        i18n.use("es")
        assert i18n.day(day, "full") == "sábado, 29 de noviembre de 2025"
        assert i18n.day(day, "month") == "noviembre"
    finally:
        i18n.use("en")


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown language 'fr': choose one of en, es"):
        i18n.use("fr")


@pytest.mark.parametrize("lang", i18n.LANGUAGES[1:])
def test_every_message_is_translated_and_current(lang):
    """Each language's catalogue holds every message of the template, each translated,
    none fuzzy or obsolete, with the same placeholders as the English."""
    from babel.messages.pofile import read_po

    from explainer import catalogue

    path = catalogue.po_path(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    template = catalogue.template_ids(catalogue.TEMPLATE.read_bytes())
    ids = {m.id for m in catalog if m.id}
    assert ids == template, "run `python -m explainer messages`"
    assert not catalog.obsolete, sorted(catalog.obsolete)[:5]
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        if message.fuzzy or not all(strings):
            problems.append(("untranslated or fuzzy", english[0]))
            continue
        for index, text in enumerate(strings):  # msgstr[0] says the singular, [1] the plural
            source = english[min(index, len(english) - 1)]
            if sorted(re.findall(r"\{(\w*)\}", text)) != sorted(re.findall(r"\{(\w*)\}", source)):
                problems.append(("placeholders differ", english[0]))
    assert not problems, problems[:10]
