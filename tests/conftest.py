"""Shared fixtures: the repository, the real dataset, and copies of it to break."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE = ROOT.parent / "shared" / "seed" / "000_2bd0e2becfaf3694.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


#: Fixtures that cost seconds to make: every test that uses one runs on the same worker
#: (pytest -n 2 --dist loadgroup), so each is made once per run, not once per worker.
SHARED_FIXTURES = {"visits": "pages", "handouts": "print", "built": "built",
                   "hostile_site": "hostile", "parameterised_runs": "runs",
                   "student": "student"}


#: The notebooks these tests run are inputs, not nbval baselines (02_boom fails on purpose).
collect_ignore_glob = ["fixtures/*"]


#: Modules of long tests, collected first. pytest-xdist hands out the groups above first
#: (the largest first), then the other tests in the order collected: the fresh installs, then
#: the browser's tests, then the short ones. Collected late, a long test kept one worker busy
#: at the end of the run while the other had nothing left to do.
LONGEST_FIRST = ("test_install.py", "test_browser.py")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = [g for f, g in SHARED_FIXTURES.items() if f in getattr(item, "fixturenames", ())]
        if used:
            item.add_marker(pytest.mark.xdist_group(used[0]))
        elif item.path.suffix == ".ipynb":  # nbval: a notebook's cells, in order, in one
            item.add_marker(pytest.mark.xdist_group(  # kernel on one worker
                f"nbval:{item.path.relative_to(ROOT)}"))
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: order kept within


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never trust a validation remembered outside this session."""
    os.environ["EXPLAINER_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def ds():
    from explainer import data

    return data.load(DATA)


def copy_data(target: Path, **changes: Callable[[str], str]) -> Path:
    """Copy the real data package to `target`, then apply `file_stem=change` edits; an
    English text edited this way has its translation brought up to date (`retranslate`)."""
    shutil.copytree(DATA, target)
    for stem, change in changes.items():
        edit(target / (f"{stem}.json" if stem == "datapackage" else f"{stem}.csv"), change)
    if changes:
        retranslate(target)
    return target


def python_says(code: str):  # noqa: ANN201
    """Run `code` in a new Python process from the repository; its CompletedProcess."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)


def package_change(mutate: Callable[[dict], None]) -> Callable[[str], str]:
    """A `datapackage=` change for `copy_data`: mutate the parsed package, write it back."""
    import json

    def change(text: str) -> str:
        package = json.loads(text)
        mutate(package)
        return json.dumps(package, indent=2, ensure_ascii=False) + "\n"

    return change


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of the real data package to mutate."""
    return copy_data(tmp_path / "data")


def edit(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite a text file through `change`, asserting that it changed something."""
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the edit did not change {path.name}"
    path.write_text(after, encoding="utf-8")


def retranslate(data_dir: Path) -> None:
    """After a test edits English text: bring each translation's `source_text` up to the
    English now in the tables, as a translator does (the text itself is left as it was)."""
    import csv
    import io
    import json

    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    keys = {r["name"]: r["schema"]["primaryKey"][0] for r in package["resources"]}
    english = {}
    spec = package["translations"]
    columns = {t: [*spec.get("fields", {}).get(t, []), *spec.get("quotes", {}).get(t, [])]
               for t in {*spec.get("fields", {}), *spec.get("quotes", {})}}
    for table, fields in columns.items():
        with (data_dir / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for field in fields:
                    english[(table, row[keys[table]], field)] = row[field]
    path = data_dir / "translations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["source_text"] = english.get((row["table"], row["row_id"], row["field"]),
                                         row["source_text"])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@dataclass(frozen=True)
class Printed:
    """What a printed PDF holds: its pages' size in points, their number, and its text."""

    size: tuple[int, int]
    pages: int
    text: str


@functools.cache
def printed(pdf: Path) -> Printed:
    """A PDF read back with PDFium (read once per run: several tests search the same one)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
        text = "\n".join(page.get_textpage().get_text_bounded() for page in document)
        return Printed((round(width), round(height)), len(document),
                       text.replace("\r\n", "\n"))
    finally:
        document.close()


def article_text() -> str:
    """The source article; outside CI a missing copy skips, in CI it fails."""
    if not ARTICLE.exists():
        if IN_CI:
            pytest.fail(f"the source article is missing: {ARTICLE}")
        pytest.skip(f"the source article is not beside this checkout ({ARTICLE})")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full build of the real collection, both editions as `make` builds them, shared by
    the pipeline tests."""
    from explainer import build

    out = tmp_path_factory.mktemp("build")
    report = build.build(out=out, jobs=2, log=lambda _: None, lang="all")
    return out, report


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, worker_id):
    """The site rendered from the committed notebooks, without executing them again; once
    per run, whichever worker asks first (the others wait for it, then read it).

    For the site and browser tests, which test pages, not execution: the committed
    notebooks are what a build executes (nbval checks that they reproduce).
    """
    import fcntl

    # This run's folder, which every worker of it shares (each has its own below it).
    root = tmp_path_factory.getbasetemp()
    root = root if worker_id == "master" else root.parent
    out = root / "rendered"
    with (root / "rendered.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if not (out / "done").exists():
            shutil.rmtree(out, ignore_errors=True)
            render_both(out)
            (out / "done").touch()
    return out, None


def render_both(out: Path) -> None:
    """Both editions' sites from the committed notebooks into `out/html`, as `make` does."""
    from explainer import data, i18n, site
    from explainer.run import list_notebooks

    for lang in i18n.LANGUAGES:
        english = lang == "en"
        executed = out / ("executed" if english else f"executed-{lang}")
        executed.mkdir(parents=True)
        for path in list_notebooks(None if english else ROOT / "notebooks" / lang):
            shutil.copy(path, executed / path.name)
        i18n.use(lang)
        try:
            site.render_site(executed, out / "html" / ("" if english else lang),
                             data.load(DATA), work=out / f".site-work-{lang}")
        finally:
            i18n.use("en")


@pytest.fixture(scope="session")
def handouts(rendered, tmp_path_factory):
    """The handouts printed from the rendered site, in every paper size (needs Chromium),
    as from a Jupyter notebook: inside a running event loop, on a thread of the fixture's
    own (this one may run Playwright's). Returns the folder, the PDFs, and whether a loop
    was running when they were printed."""
    import asyncio
    import threading

    from explainer import classroom

    if classroom.chromium() is None:
        if IN_CI:
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("no Chromium on this machine")
    out = tmp_path_factory.mktemp("handouts")
    printed_in: list = []

    async def from_a_notebook() -> None:
        looping = asyncio.get_running_loop().is_running()
        printed_in.append((classroom.print_handouts(out, site=rendered[0] / "html"), looping))

    notebook = threading.Thread(target=lambda: asyncio.run(from_a_notebook()))
    notebook.start()
    notebook.join(timeout=600)
    assert printed_in, "the handouts did not print from a running event loop"
    pdfs, looping = printed_in[0]
    return out, pdfs, looping


HOSTILE = ['<script>alert("pwned")</script>', '<img src=x onerror=alert("pwned")>']
#: Markup that Markdown or MyST would act on, for the package's own free text.
HOSTILE_MARKUP = {
    "directive": '```{raw} html\n<script>alert("pwned")</script>\n```',
    "eval-rst": '```{eval-rst}\n.. raw:: html\n\n   <script>alert("pwned")</script>\n```',
    "role": '{raw-html}`<script>alert("pwned")</script>` and {{ substitution }}',
    "link": '[click me](javascript:alert("pwned")) <javascript:alert("pwned")>',
    "math": "$5bn and $10bn, $\\notacommand{x}$",
}


def hostile_package(package: dict) -> None:
    """Markup in every free-text field of the package a page shows."""
    package["title"] = HOSTILE[1]
    package["description"] = HOSTILE_MARKUP["directive"]
    package["story"]["year_reason"] = HOSTILE[0] + " " + HOSTILE_MARKUP["role"]
    events = next(r for r in package["resources"] if r["name"] == "events")
    events["title"] = HOSTILE_MARKUP["link"]
    events["description"] = HOSTILE_MARKUP["eval-rst"]
    events["schema"]["fields"][0]["title"] = HOSTILE_MARKUP["math"]
    events["schema"]["fields"][0]["description"] = HOSTILE[1] + " " + HOSTILE_MARKUP["role"]


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The collection built from a data package whose text fields hold markup."""
    from explainer import build

    root = tmp_path_factory.mktemp("hostile")
    data_dir = copy_data(
        root / "data",
        actors=lambda t: t.replace(",Maduro's wife,", f",{HOSTILE[1]},"),
        events=lambda t: t.replace("The deadline expires without a response from Caracas.",
                                   f"{HOSTILE[0]} The deadline expires."),
        claims=lambda t: t.replace("Maduro denied seeking amnesty.",  # a quoted field:
                                   f"Maduro denied {HOSTILE[0]} amnesty.".replace('"', '""')),
        datapackage=package_change(hostile_package),
    )
    build.build(out=root / "build", data_dir=data_dir, jobs=2, log=lambda _: None)
    return root / "build" / "html"
