"""The rendered site, read as files: offline, provenance on every page, alt text, weight."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import HOSTILE

from explainer import site
from explainer.run import list_notebooks

pytestmark = pytest.mark.slow


class Tags(HTMLParser):
    """Collects tags with their attributes, and headings in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(path: Path) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def test_no_page_loads_anything_from_the_network(rendered):
    html = rendered[0] / "html"
    offenders = []
    for page in pages(html):
        for tag, attrs in parse(page):
            for attr in ("src", "href"):
                url = attrs.get(attr) or ""
                remote = url.startswith(("http:", "https:", "//"))
                if remote and not (tag == "a" and attr == "href"):
                    offenders.append(f"{page.name}: <{tag} {attr}={url}>")
    assert not offenders
    assert site.remote_references(html) == []


def test_every_notebook_has_a_page_with_provenance(rendered, ds):
    html = rendered[0] / "html" / "notebooks"
    for book in list_notebooks():
        text = (html / f"{book.stem}.html").read_text(encoding="utf-8")
        assert "How this page was made" in text
        assert ds.version in text
        assert f"python -m explainer run {book.stem[:2]}" in text
        assert "data_dir = &#x27;../data&#x27;" in text


def test_every_figure_has_alt_text_and_a_caption(rendered):
    html = rendered[0] / "html"
    least = {"00": 1, "01": 2, "02": 1, "03": 2, "04": 1}  # what each notebook's issue asks
    for page in pages(html):
        tags = parse(page)
        for tag, attrs in tags:
            if tag == "img":
                assert attrs.get("alt", "").strip(), f"{page.name}: image without alt text"
        captions = sum(1 for tag, _ in tags if tag == "figcaption")
        assert captions >= least.get(page.name[:2], 0), page.name


def test_headings_do_not_skip_levels(rendered):
    for page in pages(rendered[0] / "html" / "notebooks"):
        text = page.read_text(encoding="utf-8")
        main = text[text.find('<article role="main"'):text.find("</article>")]
        levels = [int(m) for m in re.findall(r"<h([1-6])[ >]", main)]
        assert levels[0] == 1, page.name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{page.name}: h{before} then h{after}"


def test_data_page_offers_every_file(rendered):
    html = rendered[0] / "html"
    text = (html / "data.html").read_text(encoding="utf-8")
    downloads = re.findall(r'href="(_downloads/[^"]+)"', text)
    names = {Path(d).name for d in downloads}
    expected = {p.name for p in (Path(__file__).parent.parent / "data").glob("*.csv")}
    assert expected | {"datapackage.json"} <= names
    for link in downloads:
        assert (html / link).is_file()


def test_heaviest_page_with_all_it_loads_is_light(rendered):
    raw = site.page_weights(rendered[0] / "html", compressed=False)
    gzipped = site.page_weights(rendered[0] / "html")
    heaviest = max(raw, key=raw.get)
    print(f"heaviest page: {heaviest}, {raw[heaviest]} bytes raw, {gzipped[heaviest]} gzip")
    assert raw[heaviest] <= 1_000_000, (heaviest, raw[heaviest])
    assert max(gzipped.values()) <= 400_000, gzipped


def test_page_weight_counts_what_a_page_loads_not_what_it_links(tmp_path):
    (tmp_path / "style.css").write_bytes(b"x" * 1000)
    (tmp_path / "other.html").write_bytes(b"y" * 5000)
    (tmp_path / "page.html").write_text(
        '<link rel="stylesheet" href="style.css" /><link rel="next" href="other.html">'
        '<a href="other.html">next</a>', encoding="utf-8")
    raw = site.page_weights(tmp_path, compressed=False)
    assert raw["page.html"] == len((tmp_path / "page.html").read_bytes()) + 1000


def test_two_renders_give_the_same_bytes(rendered, ds, tmp_path):
    out, _ = rendered

    def digest(folder: Path) -> dict[str, str]:
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    site.render_site(out / "executed", tmp_path / "again", ds, work=tmp_path / "work")
    english = {name: h for name, h in digest(out / "html").items() if not name.startswith("es/")}
    assert digest(tmp_path / "again") == english
    from explainer import data, i18n

    for lang in i18n.LANGUAGES[1:]:  # each other edition too, rendered again in a new folder
        with i18n.speaking(lang):
            site.render_site(out / f"executed-{lang}", tmp_path / f"again-{lang}",
                             data.load(ds.data_dir), work=tmp_path / f"work-{lang}")
        assert digest(tmp_path / f"again-{lang}") == digest(out / "html" / lang), lang


def test_data_strings_are_escaped_in_the_built_pages(hostile_site):
    for page in pages(hostile_site / "notebooks"):
        text = page.read_text(encoding="utf-8")
        assert HOSTILE[0] not in text and HOSTILE[1] not in text, page.name
    front = (hostile_site / "notebooks" / "00_start_here.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in front
    assert "&lt;img src=x onerror=alert(&quot;pwned&quot;)&gt;" in front


def test_a_new_notebook_joins_the_front_page_table_by_its_file_name(tmp_path):
    import shutil

    books = [*list_notebooks()]
    sixth = tmp_path / "05_new_topic.ipynb"
    shutil.copy(books[0].parent / "_template.ipynb", sixth)
    table = site.notebook_table([*books, sixth])
    rows = [line for line in table.splitlines() if line.startswith("| {doc}")]
    assert [r.split("`")[1] for r in rows] == [f"notebooks/{p.stem}" for p in [*books, sixth]]
    assert ("| {doc}`notebooks/02_ultimatum_timeline` | 20 minutes | 60 minutes with the "
            "exercises and the discussion |") in table


def test_the_front_page_has_its_table(rendered):
    page = (rendered[0] / "html" / "index.html").read_text(encoding="utf-8")
    assert "Time to teach" in page and "notebook table" not in page


def test_files_beside_the_package_stay_out_of_the_site(tmp_path, data_copy):
    from explainer import data

    (data_copy / "CHANGELOG.md").write_text("# Changes\n\nNotes that no toctree lists.\n")
    (data_copy / "notes").mkdir()
    (data_copy / "notes" / "draft.txt").write_text("a draft")
    ds = data.load(data_copy)
    (tmp_path / "executed").mkdir()
    files = site.staged_files(tmp_path / "executed", ds)
    staged = {name for name in files if name.startswith("data/")}
    assert staged == {f"data/{name}" for name in ["datapackage.json", *(
        r["path"] for r in ds.package["resources"])]}


def test_pages_never_show_a_machines_absolute_path(ds, tmp_path):
    import nbformat

    book = list_notebooks()[0]
    for given, shown in ((str(ds.data_dir), "../data"), (str(tmp_path / "my-data"), "my-data")):
        nb = nbformat.read(book, as_version=4)
        nb.metadata["papermill"] = {"parameters": {"data_dir": given}}
        cell = site.provenance_cell(nb, book, ds).source
        assert f"data_dir = {shown!r}" in cell.replace("&#x27;", "'")
        assert f"-p data_dir {shown}" in cell and str(tmp_path) not in cell
        assert str(ds.data_dir) not in cell


def test_the_spanish_edition_is_in_spanish(rendered):
    """Every page of html/es/ says lang="es", its notebooks ran in Spanish, and its guide
    and pages come from the catalogue, not the English."""
    html = rendered[0] / "html" / "es"
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) >= 12
    for page in pages:
        assert '<html class="no-js" lang="es"' in page.read_text(encoding="utf-8"), page.name
    timeline = (html / "notebooks" / "02_ultimatum_timeline.html").read_text(encoding="utf-8")
    assert "La cronología" in timeline and "Tiempo de lectura" in timeline
    teaching = (html / "teaching.html").read_text(encoding="utf-8")
    assert "Guía" in teaching or "guía" in teaching
    assert "In all:" not in teaching and "En total:" in teaching
    for page in pages:  # the menu's headings, on every page
        text = page.read_text(encoding="utf-8")
        assert ">Cuadernos</span>" in text and ">Acerca de</span>" in text, page.name
        assert ">Notebooks</span>" not in text and ">About</span>" not in text, page.name
        if page.name not in ("search.html", "genindex.html"):  # pages in the reading order
            assert "<span>Siguiente</span>" in text or "<span>Anterior</span>" in text, page
        assert ">Next<" not in text and ">Previous<" not in text, page.name
        assert "Hecho con" in text and "los colaboradores; código con licencia MIT" in text
    english = (rendered[0] / "html" / "index.html").read_text(encoding="utf-8")
    assert "<span>Next</span>" in english and "the contributors; code MIT" in english
    dictionary = (html / "data-dictionary.html").read_text(encoding="utf-8")
    assert "Diccionario de datos" in dictionary and "obligatorio; único" in dictionary
