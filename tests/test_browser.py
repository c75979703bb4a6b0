"""The rendered site in a real browser: Debian's Chromium driven by Playwright.

Outside CI, a machine without Chromium skips these tests with one clear line;
in CI (CI=true) a missing browser fails them.
"""

from __future__ import annotations

import gzip
import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import HOSTILE, IN_CI, ROOT, printed

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        message = "no Chromium found: install Debian's chromium to run the browser tests"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


class Handler(SimpleHTTPRequestHandler):
    """Serves the site, gzip-compressed when asked, as a static host would."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201 - same signature as the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants or path.suffix not in (".html", ".js", ".css",
                                                                   ".svg", ".json"):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def serve(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def browser():
    """One Chromium per worker, whatever order its tests come in (papermill runs beside it)."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        launched = play.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_url(rendered):
    server = serve(rendered[0] / "html")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def site_pages(rendered) -> list[str]:
    html = rendered[0] / "html"
    return [str(p.relative_to(html)) for p in sorted(html.rglob("*.html"))
            if "_static" not in p.parts and p.name not in ("genindex.html",)]


class Tab:
    """One browser tab that every visit reuses, with its cache off: each visit fetches all
    that the page loads, as a reader's first visit does. (A new tab for each page cost
    Chromium a new renderer every time: two thirds of the CPU these tests took.)

    axe-core is in every page it opens, given to the tab once rather than sent to each page
    after it loads (that cost a tenth of a second a page); it makes no request."""

    def __init__(self, browser) -> None:  # noqa: ANN001 - a Playwright Browser
        self.context = browser.new_context()
        if AXE.exists():
            self.context.add_init_script(path=str(AXE))
        self.page = self.context.new_page()
        devtools = self.context.new_cdp_session(self.page)
        devtools.send("Network.enable")
        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.log: dict = {}
        page = self.page
        page.on("console", lambda m: self.log["console"].append(f"{m.type}: {m.text}"))
        page.on("dialog", lambda d: (self.log["dialogs"].append(d.message), d.dismiss()))
        page.on("request", lambda r: self.log["requests"].append(r.url))
        page.on("requestfailed", lambda r: self.log.__setitem__("ended", self.log["ended"] + 1))
        page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:  # noqa: ANN001 - a Playwright Request
        sizes = request.sizes()
        self.log["bytes"] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.log["ended"] += 1

    def open(self, url: str):  # noqa: ANN201 - (Page, Response, log)
        """Go to `url`; return once the page has loaded, its fonts are ready and every
        request it started has finished, without waiting out an idle time. The log holds
        this visit's console messages, dialogs, requests and bytes on the wire."""
        self.page.goto("about:blank")  # the last page's late requests (its icon) end here
        self.log = {"console": [], "dialogs": [], "requests": [], "bytes": 0, "ended": 0}
        response = self.page.goto(url, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        for _tick in range(200):  # at most 10 s
            if self.log["ended"] >= len(self.log["requests"]):
                break
            self.page.wait_for_timeout(50)
        return self.page, response, self.log


@pytest.fixture(scope="session")
def tab(browser) -> Tab:
    made = Tab(browser)
    yield made
    made.context.close()


#: One axe run per page, asked for its violations only (the passes are not read).
AXE_RUN = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"


@pytest.fixture(scope="session")
def visits(tab, site_url, rendered) -> dict[str, dict]:
    """Each page opened once: status, console, requests, bytes, links and axe's findings."""
    found = {}
    for name in site_pages(rendered):
        page, response, log = tab.open(f"{site_url}/{name}")
        log["status"] = response.status
        log["links"] = page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)")
        if AXE.exists():
            log["axe"] = [(v["id"], len(v["nodes"])) for v in page.evaluate(AXE_RUN)]
        found[name] = log
    return found


def test_every_page_loads_cleanly_and_stays_local(visits, site_url):
    for name, log in visits.items():
        assert log["status"] == 200, name
        errors = [m for m in log["console"] if m.startswith("error")]
        assert not errors, (name, errors)
        outside = [u for u in log["requests"] if not u.startswith(site_url)
                   and not u.startswith("data:")]
        assert not outside, (name, outside)
    weights = {name: log["bytes"] for name, log in visits.items()}
    heaviest = max(weights, key=weights.get)
    print("\ntransferred bytes per page:", weights)
    assert weights[heaviest] <= 400_000, (heaviest, weights[heaviest])  # on the wire, gzip


def test_navigation_walks_the_notebooks_in_order(tab, site_url):
    page, _, _ = tab.open(f"{site_url}/index.html")
    page.get_by_role("link", name="00 · Start here").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("notebooks/00_start_here.html")
    for stem in ("01_negotiation_terms", "02_ultimatum_timeline", "03_military_pressure",
                 "04_sources_and_claims"):
        page.locator("a.next-page").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"notebooks/{stem}.html"), page.url
    page.locator("a.prev-page").click()
    page.wait_for_load_state()
    assert page.url.endswith("notebooks/03_military_pressure.html")


def test_cross_links_between_notebooks_resolve(visits, site_url, rendered):
    html = rendered[0] / "html"
    for name, log in visits.items():
        if not name.startswith("notebooks/"):
            continue
        for href in log["links"]:
            if href.startswith(site_url) and ".html" in href:
                target = html / href[len(site_url) + 1:].split("#")[0]
                assert target.is_file(), (name, href)
            assert ".ipynb" not in href, (name, href)


def test_figures_are_visible_with_alt_text(tab, site_url):
    page, _, _ = tab.open(f"{site_url}/notebooks/02_ultimatum_timeline.html")
    figure = page.locator("figure.explainer-figure img").first
    figure.scroll_into_view_if_needed()
    assert figure.is_visible()
    assert page.evaluate("img => img.naturalWidth", figure.element_handle()) > 300
    assert "Timeline in 6 lanes" in figure.get_attribute("alt")


def test_screenshots_of_home_and_timeline(tab, site_url, tmp_path_factory):
    shots = tmp_path_factory.mktemp("screenshots")  # never into the checkout
    for name, path in (("home", "index.html"),
                       ("timeline", "notebooks/02_ultimatum_timeline.html")):
        page, _, _ = tab.open(f"{site_url}/{path}")
        size = page.viewport_size
        page.set_viewport_size({"width": 1280, "height": 900})
        target = shots / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        page.set_viewport_size(size)  # the tab as the other visits have it
        assert target.stat().st_size > 20_000


def test_projector_view_hides_code_and_enlarges_the_text(tab, site_url):
    """The button on a notebook page: code, parameters and side panels hidden, text larger,
    kept in the address, left with Escape; axe finds nothing wrong in either view."""
    page, _response, _log = tab.open(f"{site_url}/notebooks/02_ultimatum_timeline.html")
    visible = "sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent).length"
    size = "() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    assert page.evaluate(visible, ".cell_input, details.hide") > 0
    before = page.evaluate(size)
    button = page.get_by_role("button", name="Projector view")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert page.evaluate(visible, ".cell_input, details.hide, .sidebar-drawer, .toc-drawer") == 0
    assert page.evaluate(size) >= 1.3 * before
    assert page.url.endswith("#projector")
    assert page.evaluate(visible, "figure.explainer-figure img") >= 1  # the figures stay
    if AXE.exists():
        assert not [(v["id"], len(v["nodes"])) for v in page.evaluate(AXE_RUN)]
    page.keyboard.press("Escape")
    assert page.evaluate(size) == before and not page.url.endswith("#projector")
    page.goto(f"{site_url}/notebooks/01_negotiation_terms.html#projector")
    assert page.evaluate(visible, ".cell_input") == 0  # a bookmark opens it in projector view


def test_each_page_links_to_its_other_edition(tab, site_url):
    """English and Spanish pages point to each other, offline, and say their language."""
    for name in ("index.html", "notebooks/02_ultimatum_timeline.html", "teaching.html",
                 "glossary.html"):
        page, response, _log = tab.open(f"{site_url}/{name}")
        assert response.status == 200 and page.evaluate("document.documentElement.lang") == "en"
        page.click("a.language-switch")
        page.wait_for_load_state()
        assert page.url == f"{site_url}/es/{name}", page.url
        assert page.evaluate("document.documentElement.lang") == "es"
        assert page.locator("a.language-switch").text_content() == "English"
        page.click("a.language-switch")
        page.wait_for_load_state()
        assert page.url == f"{site_url}/{name}"


def test_axe_finds_no_violations(visits):
    if not AXE.exists():
        message = "axe-core is not installed: run `npm install` (make test does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    found = {name: log["axe"] for name, log in visits.items() if log["axe"]}
    assert not found, found


def test_script_from_data_never_runs(tab, hostile_site):
    server = serve(hostile_site)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for name in ("notebooks/00_start_here", "notebooks/02_ultimatum_timeline",
                     "notebooks/04_sources_and_claims", "data-dictionary", "index"):
            page, response, log = tab.open(f"{url}/{name}.html")
            assert response.status == 200
            assert log["dialogs"] == [], name
            assert not [m for m in log["console"] if "pwned" in m], name
            assert all(r.startswith(url) for r in log["requests"]), (name, log["requests"])
            text = page.inner_text("article[role=main]")
            if name == "notebooks/00_start_here":
                assert HOSTILE[0] in text and HOSTILE[1] in text
            if name == "data-dictionary":  # the package's own text, shown as written
                assert HOSTILE[1] in text and "{raw} html" in text
                assert 'javascript:alert("pwned")' in text
                assert not page.query_selector_all("a[href^='javascript']")
    finally:
        server.shutdown()


def test_handouts_print_each_notebook_in_both_paper_sizes(handouts):
    """A student handout per notebook and the teacher key apart, in A4 and Letter: the
    right paper, at most 6 pages per walkthrough, and no code on the students' pages."""
    from explainer.run import list_notebooks

    out, pdfs, _looping = handouts
    sizes = {"a4": (595, 842), "letter": (612, 792)}  # points, portrait
    expected = {*(f"student/{paper}/{p.stem}.pdf" for paper in sizes for p in list_notebooks()),
                *(f"teacher/{paper}/teacher-key.pdf" for paper in sizes)}
    assert {str(p.relative_to(out)) for p in pdfs} == expected
    for pdf in pdfs:
        sheet = printed(pdf)
        assert sheet.size == sizes[pdf.parent.name]
        if pdf.stem[:2] in ("01", "02", "03", "04"):
            assert 2 <= sheet.pages <= 6, (pdf, sheet.pages)
        if pdf.stem != "teacher-key":
            for code in ("import ", "show.", "classroom.check", "params.check", "Show code"):
                assert code not in sheet.text, (pdf.name, code)


def test_spanish_handouts_are_spanish_short_and_answerless(rendered, tmp_path):
    """The Spanish edition prints the same way: at most 6 pages a walkthrough in A4 and in
    Letter, in Spanish, with no code and none of the answers its solutions print."""
    chromium_path()
    import nbformat

    from explainer import classroom

    pdfs = classroom.print_handouts(tmp_path, site=rendered[0] / "html" / "es")
    answers = ["".join(o.get("data", {}).get("text/plain", "")).strip()
               for path in sorted((ROOT / "notebooks" / "es").glob("0*.ipynb"))
               for c in nbformat.read(path, as_version=4).cells
               if "solution" in c.metadata.get("tags", []) for o in c.get("outputs", [])]
    for pdf in pdfs:
        sheet = printed(pdf)
        text = sheet.text
        if pdf.stem == "teacher-key":
            assert "Solucionario" in text
            continue
        if pdf.stem[:2] != "00":
            assert sheet.pages <= 6, (pdf.name, sheet.pages)
        assert "Glosario" in text and "import " not in text, pdf.name
        leaked = [p for p in answers if not p.isdigit() and p and p in text]
        assert not leaked, (pdf.name, leaked[:3])


def test_handouts_print_from_a_running_event_loop(handouts):
    """As from a Jupyter notebook, whose kernel runs an asyncio loop (Playwright's blocking
    API refuses such a thread: the printing has one of its own). The handouts fixture
    prints that way."""
    _out, pdfs, looping = handouts
    assert looping and pdfs and all(printed(pdf).pages >= 1 for pdf in pdfs)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_table_fits_the_printed_page(browser, rendered, paper):
    """In print, at the printable width of each paper, no table is wider than the page and
    no cell's text is cut off (words wrap; none is split inside, as "Washingtor" was)."""
    width = {"a4": 703, "letter": 725}[paper]  # CSS px: the paper less 12 mm margins
    html = rendered[0] / "html" / "notebooks"
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.emulate_media(media="print")
    for path in [*sorted(html.glob("[0-9][0-9]_*.html")), html.parent / "teacher-key.html"]:
        page.goto(path.as_uri())
        problems = page.evaluate(FITS, width)
        assert not problems, (path.name, problems[:5])
    page.close()


FITS = """(width) => {
  const found = [];
  const ruler = document.createElement("canvas").getContext("2d");
  // The glossary box prints as a two-column list, not a table: its words flow as text.
  document.querySelectorAll("table:not(.explainer-glossary)").forEach((table, k) => {
    const right = table.getBoundingClientRect().right;
    if (right > width + 1) found.push(`table ${k} ends at ${right}`);
    table.querySelectorAll("th, td").forEach((cell) => {
      const text = cell.textContent;
      if (cell.scrollWidth > cell.clientWidth + 1) found.push(`cut: ${text.slice(0, 40)}`);
      const style = getComputedStyle(cell);
      const room = cell.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
      ruler.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      for (const word of text.split(/\\s+/)) {
        if (ruler.measureText(word).width > room + 1) found.push(`word split: ${word}`);
      }
    });
  });
  return found;
}"""



@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the collection: the URL of its server."""
    import os
    import socket
    import subprocess
    import time
    import urllib.request

    root = tmp_path_factory.mktemp("lab")
    for name in ("notebooks", "data"):
        shutil.copytree(ROOT / name, root / name)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, **{f"JUPYTER_{k}_DIR": str(root / f".{k.lower()}")
                            for k in ("CONFIG", "DATA", "RUNTIME")}}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
         "--ServerApp.token=", "--ServerApp.password=", "--allow-root",
         f"--ServerApp.root_dir={root}", "--LabApp.news_url=None"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    yield url, root
    server.terminate()
    server.wait(10)


def test_jupyterlab_opens_and_saves_a_notebook_unchanged(browser, lab, tmp_path):
    """Opened, shown with its figures and left-aligned tables, saved: the same bytes."""
    import time

    url, root = lab
    book = root / "notebooks" / "01_negotiation_terms.ipynb"
    before, stamp = book.read_bytes(), book.stat().st_mtime_ns
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{url}/lab/tree/notebooks/{book.name}", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-RenderedImage img", timeout=60000)
    time.sleep(1)
    assert not page.query_selector_all(".jp-mod-dirty")  # not marked as changed on opening
    assert len(page.query_selector_all(".jp-RenderedImage img")) == 2  # both figures
    cell = page.query_selector(".jp-RenderedHTMLCommon table.explainer-table td")
    assert cell.evaluate("e => getComputedStyle(e).textAlign") == "left"
    note = page.query_selector(".jp-RenderedHTMLCommon div.data-note")
    assert note.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
    page.screenshot(path=str(tmp_path / "jupyterlab-01.png"))
    print(f"screenshot: {tmp_path / 'jupyterlab-01.png'}")
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and book.stat().st_mtime_ns == stamp:
        time.sleep(0.2)
    page.close()
    assert book.stat().st_mtime_ns != stamp, "JupyterLab did not save"
    assert book.read_bytes() == before  # saving without editing changes nothing
