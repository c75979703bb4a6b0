"""The execution pipeline: CLI checks before kernels, runs, builds, caching, determinism."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, FIXTURES, ROOT, copy_data, edit

from explainer import build as build_mod
from explainer.errors import DataError, RunError
from explainer.run import execute, list_notebooks, resolve_notebook, slug

pytestmark = pytest.mark.slow
BOOKS = FIXTURES / "notebooks"


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explainer", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600)


def text_outputs(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") or out.get("data", {}).get("text/plain", ""))
            parts.append(out.get("evalue", ""))
    return "\n".join(parts)


# ------------------------------------------------------------ checks before any kernel


@pytest.mark.parametrize(("args", "message"), [
    (["run", "02", "-p", "bogus", "1"], "error: unknown parameter 'bogus'; valid parameters: "
     "data_dir, lang, as_of, window_hours, tracks"),
    (["run", "02", "-p", "window_hours", "abc"], "error: parameter window_hours: 'abc' is not "
     "a whole number"),
    (["run", "02", "-p", "as_of", "2025-02-30"], "error: parameter as_of: '2025-02-30' is not "
     "valid"),
    (["run", "02", "-p", "as_of", "2031-01-01"], "is outside the story's dates"),
    (["run", "9"], "error: unknown notebook '9'; notebooks: 00_start_here, 01_negotiation_terms"),
    (["run", "timeline_of_doom"], "error: unknown notebook 'timeline_of_doom'"),
    (["run", "04", "-p", "status", "\"; import os; os.system('touch PWNED')"],
     "error: parameter status: "),
    (["run", "02", "00", "-p", "as_of", "2025-11-25"],
     "error: 00_start_here: unknown parameter 'as_of'; valid parameters: data_dir, lang"),
    (["run", "02", "99"], "error: unknown notebook '99'"),
])
def test_bad_run_stops_before_a_kernel(tmp_path, args, message):
    done = cli(*args, "--out", str(tmp_path))
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 2  # one error line and one hint line
    assert list(tmp_path.iterdir()) == []  # nothing was executed
    assert not (ROOT / "PWNED").exists()


def test_notebooks_resolve_by_number_stem_or_title():
    assert resolve_notebook("2").stem == "02_ultimatum_timeline"
    assert resolve_notebook("02_ultimatum_timeline.ipynb").stem == "02_ultimatum_timeline"
    assert resolve_notebook("sources_and_claims").stem == "04_sources_and_claims"


def test_run_takes_a_notebook_file_anywhere_with_its_own_data(tmp_path):
    """A copied notebook runs from where it is, and its relative `data_dir` starts at its
    own folder: it reads the data beside it, not the repository's."""
    copy_data(tmp_path / "data", actors=lambda t: t.replace(",Maduro's wife,",
                                                            ",A role only this copy has,"))
    (tmp_path / "notebooks").mkdir()
    book = tmp_path / "notebooks" / "00_mine.ipynb"
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", book)
    done = cli("run", str(book), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    (out,) = (tmp_path / "out").glob("00_mine__*.ipynb")
    assert "A role only this copy has" in text_outputs(out)


def test_run_names_a_missing_notebook_file():
    done = cli("run", "/nowhere/02_x.ipynb")
    assert done.returncode == 1
    assert "error: no notebook file '/nowhere/02_x.ipynb'" in done.stderr


def test_slug_is_file_safe_and_distinct():
    name = slug({"as_of": "2025-11-25", "tracks": ["legal", "military"]})
    assert re.fullmatch(r"as_of-2025-11-25__tracks-legal,military__[0-9a-f]{8}", name)
    assert "/" not in slug({"data_dir": "/tmp/x y"})
    long = "x" * 40
    assert slug({"data_dir": long + "a"}) != slug({"data_dir": long + "b"})
    assert slug({"data_dir": "a b"}) != slug({"data_dir": "a_b"})
    assert slug({}) == "defaults"


def test_every_subcommand_has_help():
    for command in ("validate", "datadoc", "messages", "answers", "lesson", "run", "build",
                    "refresh", "student", "handouts"):
        done = cli(command, "--help")
        assert done.returncode == 0 and "usage: python -m explainer" in done.stdout, command


def test_the_program_collects_less_and_freezes_at_the_end_a_call_does_neither(monkeypatch):
    import gc

    from explainer import cli as cli_mod

    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        with pytest.raises(SystemExit):  # `--help` exits, as argparse does
            cli_mod.main(["validate", "--help"])
        assert gc.get_threshold() == threshold and gc.get_freeze_count() == frozen
        monkeypatch.setattr(sys, "argv", ["explainer", "validate", str(DATA)])
        assert cli_mod.main() == 0  # as the program: `python -m explainer` or the script
        assert gc.get_threshold()[0] >= 10 * 700  # young objects: not every 700 allocations
        assert gc.get_freeze_count() > frozen  # what is left is not scanned at exit
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


# ------------------------------------------------------------ runs


def test_run_writes_notebook_and_page(tmp_path):
    done = cli("run", "02", "-p", "as_of", "2025-11-25", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    (out,) = tmp_path.glob("02_ultimatum_timeline__as_of-2025-11-25__*.ipynb")
    assert out.with_suffix(".html").exists()
    text = text_outputs(out)
    assert "By November 25, 2025" in text
    assert "Not yet: Deadline expires, Airspace closure ordered" in text
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "By November 25, 2025" in page
    assert "https://" not in "".join(line for line in page.splitlines() if "src=" in line)


def test_injected_strings_stay_inert(tmp_path):
    evil = "\"; import os; os.system('touch PWNED')\nprint('ran')"
    out = execute(BOOKS / "01_echo.ipynb", tmp_path / "echo.ipynb", {"label": evil})
    assert repr(evil) in text_outputs(out)
    assert not (BOOKS / "PWNED").exists() and not (ROOT / "PWNED").exists()


def test_kernels_talk_over_socket_files_of_their_own():
    from explainer.run import private_channels

    with private_channels() as first, private_channels() as second:
        a, b = first.KernelManager, second.KernelManager
        assert a.transport == b.transport == "ipc"
        folder = Path(a.ip).parent
        assert folder.is_dir() and Path(b.ip).parent != folder
    assert not folder.exists()


def test_a_kernel_that_dies_at_start_is_started_once_more(tmp_path, monkeypatch):
    import papermill

    real, calls = papermill.execute_notebook, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    execute(BOOKS / "01_echo.ipynb", tmp_path / "echo.ipynb", {"label": "x"})
    assert len(calls) == 2

    def dead(*args, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", dead)
    with pytest.raises(RunError, match=r"^01_echo.ipynb: the kernel did not start: Kernel died"):
        execute(BOOKS / "01_echo.ipynb", tmp_path / "echo.ipynb", {"label": "x"})


def test_a_cell_past_its_timeout_says_so(tmp_path):
    book = tmp_path / "slow.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(30)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, book)
    with pytest.raises(RunError, match=r"^slow.ipynb: a cell ran longer than 1 s and was "
                                       r"stopped; give it longer with --timeout"):
        execute(book, tmp_path / "out.ipynb", {}, timeout=1)


def test_a_missing_data_folder_gets_a_hint_about_paths():
    done = cli("run", "02", "-p", "data_dir", "/nowhere/data")
    assert done.returncode == 1
    assert "/nowhere/data: no such data folder" in done.stderr
    assert "hint: check the data folder's path" in done.stderr
    assert "fix the rows" not in done.stderr


def test_failing_cell_is_named(tmp_path):
    with pytest.raises(RunError) as caught:
        execute(BOOKS / "02_boom.ipynb", tmp_path / "boom.ipynb")
    message = str(caught.value)
    assert message.startswith("02_boom.ipynb: cell 2 failed: ValueError: boom in the second cell")


def test_plain_papermill_from_root_and_from_notebooks(tmp_path):
    for cwd, path in ((ROOT, "notebooks/03_military_pressure.ipynb"),
                      (ROOT / "notebooks", "03_military_pressure.ipynb")):
        out = tmp_path / f"out_{cwd.name}.ipynb"
        done = subprocess.run([sys.executable, "-m", "papermill", path, str(out), "-p", "kinds",
                               "strike", "--log-level", "ERROR"], capture_output=True,
                              text=True, cwd=cwd, timeout=600)
        assert done.returncode == 0, done.stderr
        assert "Vessels destroyed, allegedly involved in drug trafficking" in text_outputs(out)
        assert "Aircraft carrier USS Gerald R. Ford" not in text_outputs(out).split(
            "Table 1.")[1]


def test_plain_papermill_refuses_a_name_the_notebook_does_not_take(tmp_path):
    done = subprocess.run([sys.executable, "-m", "papermill", "notebooks/02_ultimatum_timeline"
                           ".ipynb", str(tmp_path / "o.ipynb"), "-p", "bogus", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode != 0
    assert ("ParameterError: unknown parameter 'bogus'; valid parameters: data_dir, lang, as_of, "
            "window_hours, tracks") in done.stderr


def test_plain_papermill_gets_the_same_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "papermill", "notebooks/02_ultimatum_timeline"
                           ".ipynb", str(tmp_path / "o.ipynb"), "-p", "as_of", "2025-02-30"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ParameterError: parameter as_of: '2025-02-30' is not valid")
    assert "explainer/params.py" not in done.stderr  # the kernel shows the message alone


# ------------------------------------------------------------ parameterised runs

CHANGED_ROLE = "A role changed for this test"
RUNS = {
    "00 other data": ("00_start_here", {"data_dir": "@copy"}, [CHANGED_ROLE]),
    "00 absolute": ("00_start_here", {"data_dir": str(DATA)}, ["Nicolás Maduro"]),
    "01 washington": ("01_negotiation_terms", {"perspective": "washington",
                                               "show_evidence": True},
                      [("Limited safe passage", "Judicial immunity"),
                       "\u201cThe only proposal Washington agreed"]),
    "01 caracas": ("01_negotiation_terms", {"perspective": "caracas"},
                   [("Judicial immunity", "Limited safe passage")]),
    "02 early": ("02_ultimatum_timeline", {"as_of": "2025-11-25"},
                 ["By November 25, 2025", "Not yet: Deadline expires, Airspace closure ordered,"]),
    "02 long window": ("02_ultimatum_timeline", {"window_hours": 192, "tracks": ["legal"]},
                       ["on the day of the call (November 21, 2025)? Yes.",
                        "Timeline in 1 lane (Legal)"]),
    "03 strikes": ("03_military_pressure", {"kinds": ["strike"]},
                   ["with 1 event as a bar or marker (Vessels destroyed)"]),
    "03 strikes late": ("03_military_pressure", {"kinds": ["strike"], "since": "2025-11-25"},
                        ["Nothing to draw: no deployment among the measures chosen (kinds: "
                         "vessels destroyed; under way on or after November 25, 2025).",
                         "Vessels destroyed, allegedly involved in drug trafficking"]),
    "04 confirmed": ("04_sources_and_claims", {"status": "confirmed"},
                     ["Table 1. The claims ledger. No row matches these parameters.",
                      "Nothing to draw: no claim row matches (claimant: all; status: "
                      "confirmed)."]),
    "03 late": ("03_military_pressure", {"since": "2025-11-25"},
                ["Airspace closure ordered"]),
    "04 denied": ("04_sources_and_claims", {"status": "denied"},
                  ["Showing 2 of 36 claim rows (claimant: all; status: denied)."]),
    "04 maduro": ("04_sources_and_claims", {"claimant": "maduro_tv"},
                  ["Showing 2 of 36 claim rows (claimant: Maduro's televised appearance; "
                   "status: all)."]),
}


@pytest.fixture(scope="module")
def parameterised_runs(tmp_path_factory):
    """Every case run as a build runs notebooks: two workers, each keeping its kernel."""
    out = tmp_path_factory.mktemp("runs")
    copy = copy_data(out / "data",
                     actors=lambda t: t.replace(",Maduro's wife,", f",{CHANGED_ROLE},"))
    runs = {}
    for case, (stem, params, _) in RUNS.items():
        params = {k: (str(copy) if v == "@copy" else v) for k, v in params.items()}
        runs[case] = (ROOT / "notebooks" / f"{stem}.ipynb",
                      out / f"{case.replace(' ', '_')}.ipynb", params)
    done = dict(zip(runs, build_mod.run_many(list(runs.values())), strict=True))
    failed = {case: str(d) for case, d in done.items() if isinstance(d, RunError)}
    assert not failed, failed
    return {case: (done[case], runs[case][1]) for case in runs}


@pytest.mark.parametrize("case", sorted(RUNS))
def test_parameterised_run_shows_what_it_should(parameterised_runs, case):
    _, target = parameterised_runs[case]
    text = text_outputs(target)
    for expected in RUNS[case][2]:
        if isinstance(expected, tuple):  # (first, then): the order the table shows them in
            table = text.split("Table 1.")[1]
            assert table.index(expected[0]) < table.index(expected[1]), case
        else:
            assert expected in text, f"{case}: {expected!r} not shown"


def test_the_default_run_differs_from_the_early_one(parameterised_runs):
    _, early = parameterised_runs["02 early"]
    committed = text_outputs(ROOT / "notebooks" / "02_ultimatum_timeline.ipynb")
    assert "By December 1, 2025" in committed and "By December 1, 2025" not in text_outputs(
        early)


# ------------------------------------------------------------ builds


def test_build_executes_everything_then_caches(built):
    out, report = built
    stems = [p.stem for p in list_notebooks()]
    assert sorted(report.executed) == sorted([*stems, *(f"es/{s}" for s in stems)])
    assert (out / "html" / "index.html").exists() and (out / "html" / "es" / "index.html").exists()
    again = build_mod.build(out=out, log=lambda _: None)
    assert again.executed == [] and again.site == "unchanged"
    both = build_mod.build(out=out, log=lambda _: None, lang="all")
    assert both.executed == [] and both.site == "unchanged"


def test_each_notebooks_editions_share_a_kernel_with_the_outputs_of_fresh_ones(built):
    """`build --lang all` runs each Spanish notebook in the kernel its English twin used:
    its outputs are byte for byte those of a fresh kernel (the committed notebooks, which
    `refresh` executes each in a fresh kernel and nbval checks)."""
    out, _ = built
    for folder, executed in ((ROOT / "notebooks", out / "executed"),
                             (ROOT / "notebooks" / "es", out / "executed-es")):
        for path in list_notebooks(folder):
            assert (executed / path.name).read_bytes() == path.read_bytes(), path


def test_an_edition_whose_twin_fails_still_runs(tmp_path):
    done = in_one_kernel([(BOOKS / "02_boom.ipynb", tmp_path / "boom.ipynb"),
                          (BOOKS / "01_echo.ipynb", tmp_path / "echo.ipynb")])
    assert isinstance(done[0], RunError) and "02_boom.ipynb: cell 2 failed" in str(done[0])
    assert isinstance(done[1], float) and (tmp_path / "echo.ipynb").exists()


def test_failed_build_leaves_the_previous_site(built, tmp_path):
    out, _ = built
    copy = tmp_path / "build"
    shutil.copytree(out, copy)
    before = (copy / "html" / "index.html").read_bytes()
    books = [*list_notebooks(), BOOKS / "02_boom.ipynb"]
    with pytest.raises(RunError, match="02_boom.ipynb: cell 2 failed: ValueError"):
        build_mod.build(out=copy, books=books, log=lambda _: None)
    assert (copy / "html" / "index.html").read_bytes() == before


def test_broken_data_stops_the_build_before_any_kernel(data_copy, tmp_path):
    edit(data_copy / "events.csv", lambda t: t.replace("deadline,9,", "deadline,nine,"))
    with pytest.raises(DataError, match="events.csv:10:seq"):
        build_mod.build(out=tmp_path / "b", data_dir=data_copy, log=lambda _: None)
    assert not (tmp_path / "b" / "executed").exists()


def test_build_command_reports_a_broken_package_in_one_message(data_copy, tmp_path):
    edit(data_copy / "events.csv", lambda t: t.replace("deadline,9,", "deadline,nine,"))
    done = cli("build", "--out", str(tmp_path / "b"), "--data-dir", str(data_copy))
    assert done.returncode == 1
    assert "events.csv:10:seq: 'nine' is not a valid integer" in done.stderr
    assert "Traceback" not in done.stderr


def test_refresh_writes_the_same_bytes_twice(tmp_path):
    """Whether the committed notebooks reproduce is nbval's one check (`make test`);
    here, only that refreshing is deterministic."""
    book = ROOT / "notebooks" / "_template.ipynb"  # the quickest to run
    first, second = tmp_path / "a", tmp_path / "b"
    build_mod.refresh(out=first, books=[book], log=lambda _: None)
    build_mod.refresh(out=second, books=[book], log=lambda _: None)
    assert (first / book.name).read_bytes() == (second / book.name).read_bytes()


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def prose_edited(folder: Path) -> list[Path]:
    """Copies of the notebooks in which one Markdown cell of 01 says something new."""
    folder.mkdir()
    books = []
    for path in list_notebooks():
        nb = nbformat.read(path, as_version=4)
        if path.stem.startswith("01"):
            cell = next(c for c in nb.cells if c.cell_type == "markdown")
            cell.source += "\n\nA sentence added for this test."
        nbformat.write(nb, folder / path.name)
        books.append(folder / path.name)
    return books


def test_prose_edit_reuses_outputs_with_the_bytes_of_a_fresh_run(built, tmp_path):
    out, _ = built
    work = tmp_path / "build"
    shutil.copytree(out, work)
    books = prose_edited(tmp_path / "books")
    report = build_mod.build(out=work, books=books, log=lambda _: None)
    assert report.executed == [] and report.spliced == ["01_negotiation_terms"]
    assert report.site == "rendered"
    page = (work / "html" / "notebooks" / "01_negotiation_terms.html").read_text("utf-8")
    assert "A sentence added for this test." in page
    fresh = execute(books[1], tmp_path / "fresh.ipynb")
    assert (work / "executed" / books[1].name).read_bytes() == fresh.read_bytes()


def test_an_incremental_render_gives_the_bytes_of_a_clean_one(built, ds, tmp_path):
    from explainer import site

    out, _ = built
    work = tmp_path / "build"
    shutil.copytree(out, work)
    build_mod.build(out=work, books=prose_edited(tmp_path / "books"), log=lambda _: None)
    site.render_site(work / "executed", tmp_path / "clean", ds, work=tmp_path / "fresh-work")
    english = {k: v for k, v in tree_bytes(work / "html").items() if not k.startswith("es/")}
    assert english == tree_bytes(tmp_path / "clean")


@pytest.mark.parametrize("text, says", [
    ('{"cells": [{"cell_type": "code", "sour', "its JSON breaks off or is malformed at line 1"),
    ('{"cells": [{"cell_type": "code"}]}', "it has no list of cells with their type and source"),
    ("[]", "it has no list of cells with their type and source"),
])
def test_a_broken_notebook_stops_the_build_with_its_name(tmp_path, text, says):
    book = tmp_path / "07_broken.ipynb"
    book.write_text(text, encoding="utf-8")
    with pytest.raises(RunError) as caught:
        build_mod.build(out=tmp_path / "build", books=[book], log=lambda _: None)
    assert str(caught.value).startswith(f"07_broken.ipynb: not a notebook: {says}")
    assert not (tmp_path / "build" / "html").exists()


def test_an_edit_to_the_teaching_guide_is_not_taken_for_up_to_date(built, ds):
    from explainer import site

    out, _ = built
    files = site.staged_files(out / "executed", ds)
    edited = {**files, "teaching.md": files["teaching.md"] + b"\nOne more line.\n"}
    assert site.tree_key(edited) != site.tree_key(files)


def test_the_inputs_stamp_sees_every_input(tmp_path, monkeypatch):
    from explainer import stamp

    for name in ("data", "notebooks", "site", "explainer"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("TEACHING.md", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(stamp, "ROOT", tmp_path)
    key = stamp.inputs_key(tmp_path / "data")
    for name in ("TEACHING.md", "data/glossary.csv", "site/index.md", "explainer/labels.py",
                 "explainer/locale/explainer.pot", "explainer/answers.json",
                 "notebooks/01_negotiation_terms.ipynb", "requirements.txt"):
        path = tmp_path / name
        before = path.read_bytes()
        path.write_bytes(before + b"\n")
        assert stamp.inputs_key(tmp_path / "data") != key, name
        path.write_bytes(before)
    assert stamp.inputs_key(tmp_path / "data") == key
    assert stamp.inputs_key(tmp_path / "data", "--data-dir elsewhere") != key


def test_a_build_is_up_to_date_only_once_its_site_is_in_place(tmp_path):
    from explainer import stamp

    stamp.record(tmp_path, "k")
    assert not stamp.up_to_date(tmp_path, "k")  # no site yet
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "index.html").write_text("<html></html>")
    assert stamp.up_to_date(tmp_path, "k") and not stamp.up_to_date(tmp_path, "other")
    stamp.forget(tmp_path)
    assert not stamp.up_to_date(tmp_path, "k")


def test_a_package_beside_the_notebooks_runs_them_with_their_own_data(tmp_path):
    """The third install: no install at all, the package folder beside the notebooks. The
    kernel imports that copy, and the notebooks read the data beside them."""
    shutil.copytree(ROOT / "explainer", tmp_path / "notebooks" / "explainer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    edit(tmp_path / "notebooks" / "explainer" / "labels.py",
         lambda t: t.replace('_("Diplomacy")', '_("Diplomacy, from the copy")'))
    copy_data(tmp_path / "data", actors=lambda t: t.replace(",Maduro's wife,",
                                                            ",A role from the copy's data,"))
    book = tmp_path / "notebooks" / "00_start_here.ipynb"
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", book)
    done = subprocess.run([sys.executable, "-m", "papermill", str(book), str(tmp_path / "o.ipynb"),
                           "--cwd", str(book.parent), "--log-level", "ERROR"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-1500:]
    shown = text_outputs(tmp_path / "o.ipynb")
    assert "A role from the copy's data" in shown and "Diplomacy, from the copy" in shown


def in_one_kernel(runs: list[tuple[Path, Path]]) -> list:
    """Each (notebook, target) in turn in one `SharedKernel`, as a build's worker runs them:
    each one's seconds, or its RunError."""
    from explainer.run import SharedKernel

    kernel = SharedKernel()
    try:
        return [kernel.run(path, out, timeout=120) for path, out in runs]
    finally:
        kernel.close()


def notebook(folder: Path, *sources: str) -> Path:
    """A notebook of code cells, `folder/twin.ipynb`."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, folder / "twin.ipynb")
    return folder / "twin.ipynb"


def test_a_shared_kernel_runs_one_notebook_after_another_each_afresh(tmp_path):
    """A build's worker keeps its kernel from one notebook to the next; each starts with
    nothing the last defined, and a failing one leaves the next to a new kernel."""
    pid = "import os\nprint(os.getpid())"
    books = [notebook(tmp_path / "a", pid, "left_behind = 1"),
             notebook(tmp_path / "b", pid, "print('left_behind' in dir())"),
             notebook(tmp_path / "c", "raise ValueError('boom')"),
             notebook(tmp_path / "d", pid)]
    done = in_one_kernel([(book, tmp_path / f"{k}.ipynb") for k, book in enumerate(books)])
    assert isinstance(done[2], RunError) and "ValueError: boom" in str(done[2])
    first, second, fourth = (text_outputs(tmp_path / f"{k}.ipynb").split() for k in (0, 1, 3))
    assert first[0] == second[0] != fourth[0]  # the same kernel, then a new one
    assert second[1] == "False"


def test_an_edition_in_a_shared_kernel_starts_afresh_in_its_own_folder(tmp_path):
    """Nothing the first edition defined is left for the second, which runs in its folder."""
    first = notebook(tmp_path / "en", "left_behind = 1")
    here = notebook(tmp_path / "es" / "here", "import os\nprint(os.getcwd())")
    done = in_one_kernel([(first, tmp_path / "a.ipynb"), (here, tmp_path / "b.ipynb")])
    assert all(isinstance(d, float) for d in done)
    assert text_outputs(tmp_path / "b.ipynb").strip() == str(here.parent)
    used = notebook(tmp_path / "es", "print(left_behind)")
    done = in_one_kernel([(first, tmp_path / "c.ipynb"), (used, tmp_path / "d.ipynb")])
    assert isinstance(done[1], RunError) and "NameError" in str(done[1])


def test_imports_ahead_skip_what_is_missing_and_load_the_rest():
    """What a later step needs loads in the background; a module that is missing is left
    for that step to report, and does not stop the others."""
    import sys

    from explainer.ahead import imports

    sys.modules.pop("tabnanny", None)
    imports(("no_such_module_here", "tabnanny")).join(timeout=60)
    assert "tabnanny" in sys.modules and "no_such_module_here" not in sys.modules


def test_execute_calls_started_once_per_run(tmp_path):
    """`explainer run` loads the page's exporter while the kernel runs: the hook comes
    once per run, whatever the number of cells."""
    from explainer.run import execute

    book = notebook(tmp_path / "k", "print('ran')", "print('and again')")
    seen = []
    execute(book, tmp_path / "out.ipynb", started=lambda: seen.append("started"))
    assert seen == ["started"] and "and again" in text_outputs(tmp_path / "out.ipynb")


def test_a_pool_forked_after_a_shared_kernel_ran_here_still_runs(tmp_path):
    """A shared kernel used in a process leaves Jupyter's task runner there; workers forked
    afterwards must not wait on it (they did: a build after it hung for good)."""
    book = notebook(tmp_path / "k", "print('ran')")
    code = (
        "from pathlib import Path\nfrom explainer.build import run_many\n"
        "from explainer.run import SharedKernel\n"
        f"book, here = Path({str(book)!r}), Path({str(tmp_path)!r})\n"
        "kernel = SharedKernel()\nprint(kernel.run(book, here / 'here.ipynb'))\nkernel.close()\n"
        "print(run_many([(book, here / 'there.ipynb', {})], jobs=1, timeout=60))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-1500:]
    assert "ran" in text_outputs(tmp_path / "there.ipynb")
