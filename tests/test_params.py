"""Parameter checks: the same one-line ParameterError for the CLI and the notebooks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, ROOT

from explainer import params
from explainer.errors import ParameterError


def test_valid_values_are_coerced(ds):
    assert params.coerce("as_of", "2025-11-25", ds) == "2025-11-25"
    assert params.coerce("window_hours", "96", ds) == 96
    assert params.coerce("show_evidence", "yes", ds) is True
    assert params.coerce("show_evidence", False, ds) is False
    assert params.coerce("tracks", "military, diplomacy", ds) == ["diplomacy", "military"]
    assert params.coerce("tracks", '["legal"]', ds) == ["legal"]
    assert params.coerce("kinds", ["strike", "strike"], ds) == ["strike"]
    assert params.coerce("status", "denied", ds) == "denied"
    assert params.coerce("claimant", "maduro_tv", ds) == "maduro_tv"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("as_of", "2025-02-30", "parameter as_of: '2025-02-30' is not valid: '2025-02-30' is not a "
     "real calendar date"),
    ("as_of", "30/11/2025", "parameter as_of: '30/11/2025' is not valid: '30/11/2025' is not an "
     "ISO date (YYYY-MM-DD)"),
    ("as_of", "2026-01-01", "parameter as_of: '2026-01-01' is outside the story's dates "
     "(2025-09-01 to 2025-12-01)"),
    ("as_of", 20251130, "parameter as_of: 20251130 is not an ISO date (YYYY-MM-DD)"),
    ("window_hours", "abc", "parameter window_hours: 'abc' is not a whole number"),
    ("window_hours", 2.5, "parameter window_hours: 2.5 is not a whole number"),
    ("window_hours", "0", "parameter window_hours: '0' is out of range (1 to 1440)"),
    ("window_hours", True, "parameter window_hours: True is not a whole number"),
    ("show_evidence", "maybe", "parameter show_evidence: 'maybe' is not true or false"),
    ("perspective", "moscow", "parameter perspective: 'moscow' is not one of: caracas, "
     "washington, both"),
    ("tracks", "naval", "parameter tracks: 'naval' must list one or more of: diplomacy, "
     "military, legal, policy, statement, reaction"),
    ("tracks", "", "parameter tracks: '' must list one or more of:"),
    ("tracks", 5, "parameter tracks: 5 is not a list of names"),
    ("status", "\"; import os; os.system('x')\n", "parameter status: '\"; import os; "
     "os.system(\\'x\\')\\n' is not one of: all, reported"),
    ("bogus", "1", "unknown parameter 'bogus'; valid parameters: data_dir, lang, as_of"),
    ("lang", "fr", "parameter lang: 'fr' is not one of: en, es"),
])
def test_bad_values_give_one_line(ds, name, value, message):
    with pytest.raises(ParameterError) as caught:
        params.coerce(name, value, ds)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_check_needs_data_dir_and_rejects_unknown_names():
    with pytest.raises(ParameterError, match="parameter data_dir is missing"):
        params.check(as_of="2025-11-25")
    with pytest.raises(ParameterError, match="unknown parameter 'bogus'"):
        params.check(data_dir="../data", bogus=1)


def test_check_returns_typed_values():
    p = params.check(data_dir="../data", window_hours="48", tracks="legal")
    assert p.window_hours == 48 and p.tracks == ["legal"]
    assert p.data_dir == DATA


def test_relative_data_dir_starts_at_the_notebooks_own_folder(monkeypatch, tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")  # a kernel runs in its notebook's folder
    assert params.resolve_data_dir("../data") == tmp_path / "data"  # its own data first
    assert params.resolve_data_dir("elsewhere") == tmp_path / "notebooks" / "elsewhere"
    assert params.resolve_data_dir(str(DATA)) == DATA


def test_relative_data_dir_falls_back_to_the_collections_notebooks(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # e.g. papermill run from another folder, without --cwd
    assert params.resolve_data_dir("../data") == DATA
    assert params.resolve_data_dir("") == DATA


def test_a_missing_data_dir_is_a_data_error():
    from explainer.errors import DataError

    with pytest.raises(DataError, match="no such data folder"):
        params.check(data_dir="/no/such/folder")


def test_a_remembered_package_offers_the_same_choices_as_a_loaded_one(ds):
    from explainer import data

    light = data.remembered(ds.data_dir)  # the ds fixture's load remembered it
    assert light is not None and light.version == ds.version
    assert params.date_range(light) == params.date_range(ds)
    for name, spec in params.SPECS.items():
        if spec.choices is not None:
            assert spec.choices(light) == spec.choices(ds), name


def test_one_declaration_feeds_the_parameters_cell_and_the_check_call():
    """Each notebook's parameters cell is what SPECS writes for it, and the next cell checks
    exactly those names: papermill's help, the CLI and the notebook cannot disagree."""
    import ast

    import nbformat

    from explainer import params
    from explainer.run import declared_parameters, list_notebooks

    for path in [*list_notebooks(), ROOT / "notebooks" / "_template.ipynb"]:
        nb = nbformat.read(path, as_version=4)
        index = next(i for i, c in enumerate(nb.cells)
                     if "parameters" in c.metadata.get("tags", []))
        declared = declared_parameters(path)
        assert nb.cells[index].source == params.parameters_cell(declared), (
            f"{path.name}: rewrite its parameters cell with params.parameters_cell")
        call = next(node for node in ast.walk(ast.parse(nb.cells[index + 1].source))
                    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "check")
        assert [k.arg for k in call.keywords] == list(declared), path.name


def test_papermill_lists_each_parameter_with_its_type_and_meaning():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook",
                           "notebooks/03_military_pressure.ipynb"], capture_output=True,
                          text=True, cwd=ROOT)
    assert "Unknown type" not in done.stdout
    assert 'since: str (default "2025-09-01")' in done.stdout
    assert "kinds: list[str]" in done.stdout and "kinds of measure to include" in done.stdout


def test_lang_speaks_before_the_data_loads(tmp_path):
    """`lang` is checked and used first: the notes computed at load, and any later error,
    come in that language; an unknown language is refused before anything is read."""
    from explainer import i18n

    try:
        with pytest.raises(ParameterError, match="parameter lang: 'fr' is not one of: en, es"):
            params.check(data_dir=str(tmp_path / "nowhere"), lang="fr")
        checked = params.check(data_dir="../data", lang="es")
        assert checked.lang == "es" and i18n.current() == "es"
        with pytest.raises(ParameterError, match="no es uno de"):
            params.check(data_dir="../data", lang="es", perspective="moscow")
    finally:
        i18n.use("en")
