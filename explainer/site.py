"""Render the executed notebooks into the static site (Sphinx + MyST-NB, fully offline)."""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import Dataset, project_root
from .errors import RunError
from .i18n import _
from .stamp import code_fingerprint

if TYPE_CHECKING:
    import nbformat

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def shown_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """Parameters as a page may show them: a data folder inside the project relative to
    `notebooks/` (where a relative `data_dir` starts), one outside it by its name alone;
    never a machine's absolute path."""
    shown = dict(parameters)
    if "data_dir" in shown:
        folder = Path(str(shown["data_dir"]))
        if folder.is_absolute():
            root = project_root()
            shown["data_dir"] = (Path(os.path.relpath(folder, root / "notebooks")).as_posix()
                                 if folder.is_relative_to(root) else folder.name)
    return shown


def rerun_command(stem: str, parameters: dict[str, Any]) -> str:
    """The command that reruns a notebook with the same parameters (quoted by shlex)."""
    import shlex

    parts = [f"python -m explainer run {stem.split('_')[0]}"]
    for name, value in sorted(shown_parameters(parameters).items()):
        text = ",".join(value) if isinstance(value, list) else str(value)
        parts.append(f"-p {name} {shlex.quote(text)}")
    return " ".join(parts)


def provenance_cell(nb: nbformat.NotebookNode, path: Path, ds: Dataset) -> nbformat.NotebookNode:
    """A small 'how this page was made' note, every value escaped."""
    import nbformat

    from .run import declared_parameters

    stem = path.stem
    parameters = nb.metadata.get("papermill", {}).get("parameters", {})
    effective = shown_parameters({**declared_parameters(path), **parameters})
    shown = ", ".join(f"{k} = {v!r}" for k, v in effective.items())
    executed = (_("Executed with parameters: {parameters}.") if parameters else
                _("Executed with parameters: {parameters} (the defaults)."))
    sentences = [
        _text(executed).format(parameters=_code(shown)),
        _text(_("Data package version {version}.")).format(version=_code(ds.version)),
        _text(_("Rerun it: {command}")).format(command=_code(rerun_command(stem, parameters))),
    ]
    title = _text(_("How this page was made"))
    body = (
        '<div class="provenance admonition note"><p class="admonition-title">'
        f"{title}</p><p>{' '.join(sentences)}</p></div>"
    )
    return nbformat.v4.new_markdown_cell(body, id="provenance")


def _text(message: str) -> str:
    """A message as HTML text (its `{placeholders}` are kept for the markup)."""
    return html.escape(message, quote=False)


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def staged_files(executed_dir: Path, ds: Dataset) -> dict[str, bytes]:
    """Every Sphinx source file, by path relative to the source folder, with its bytes, in
    the language in use (pages and the guide through their catalogue)."""
    import nbformat

    from .datadoc import render, render_glossary
    from .i18n import current
    from .lesson import render_teaching
    from .narrative import translate_page

    root = project_root()
    files = {str(p.relative_to(root / "site")): p.read_bytes()
             for p in sorted((root / "site").rglob("*")) if p.is_file()}
    files["teaching.md"] = (root / "TEACHING.md").read_bytes()
    if current() != "en":
        for name in ("index.md", "data.md", "methodology.md", "teaching.md",
                     "teacher-notes.md"):
            english = files[name].decode("utf-8")
            files[name] = translate_page(english, current(), name).encode()
        files["teaching.md"] = render_teaching(files["teaching.md"].decode()).encode()
        files[f"locales/{current()}/LC_MESSAGES/sphinx.po"] = theme_catalogue(current())
    books = sorted(executed_dir.glob("[0-9][0-9]_*.ipynb"))
    files["index.md"] = files["index.md"].replace(
        TABLE_MARK.encode(), notebook_table(books).encode())
    for name in declared_files(ds):  # only what the package declares: a changelog or
        files[f"data/{name}"] = (ds.data_dir / name).read_bytes()  # notes beside it stay out
    dictionary = render(ds.data_dir, site=True).replace("](", "](data/")
    files["data-dictionary.md"] = dictionary.encode()
    files["glossary.md"] = render_glossary(ds.data_dir).encode()
    notes = files.pop("teacher-notes.md", b"")  # a part of the teacher key, not a page
    files["teacher-key.md"] = (teacher_key(books) + "\n" + notes.decode()).encode()
    for path in sorted(executed_dir.glob("[0-9][0-9]_*.ipynb")):
        nb = without_answers(figures_as_site_figures(nbformat.read(path, as_version=4)))
        nb.cells.insert(1, provenance_cell(nb, path, ds))
        files[f"notebooks/{path.name}"] = nbformat.writes(nb).encode()
    return files


def copyright_line() -> str:
    """The footer's licence line (site/conf.py reads it while the build speaks the edition's
    language)."""
    return _("the contributors; code MIT, text and data CC BY 4.0")


def theme_catalogue(lang: str) -> bytes:
    """The theme's words in `lang`, as Sphinx's own `sphinx.po` for that language; a word
    without its translation stops the build, naming it."""
    from .narrative import locales, theme_messages, translations, untranslated

    table = translations(lang, "theme")
    missing = [m for m in theme_messages() if m not in table]
    if missing:
        raise untranslated("theme", lang, missing[0], "theme")
    return (locales() / lang / "LC_MESSAGES" / "theme.po").read_bytes()


TABLE_MARK = ("<!-- the notebook table: written at build time from each notebook's title and "
              "times -->")


def notebook_table(books: list[Path]) -> str:
    """The front page's table of notebooks, from each one's title and times: no list by hand."""
    import nbformat

    labels = [_("Time to read"), _("Time to teach")]  # as the notebooks' Markdown says them
    notebook = _("Notebook")
    rows = [f"| {notebook} | {labels[0]} | {labels[1]} |", "|---|---|---|"]
    for path in books:
        text = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells
                         if cell.cell_type == "markdown")
        times = [re.search(rf"\*\*{re.escape(label)}:\*\* ([^*\n]+?)\.?(?: \*\*|$)", text,
                           re.MULTILINE) for label in labels]
        cells = [m.group(1).strip() if m else "" for m in times]
        rows.append(f"| {{doc}}`notebooks/{path.stem}` | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def figures_as_site_figures(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Each figure's alt text and caption, carried in its output's metadata, become MyST-NB
    cell options (an `alt` attribute, a `figcaption`); the caption's own text output,
    there for viewers without either, is dropped from the page: it would say it twice."""
    from .markup import text

    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        keep = []
        for output in cell.get("outputs", []):
            mine = output.get("metadata", {}).get("explainer", {})
            if mine.get("caption_of_figure"):
                continue
            if "alt" in mine:
                cell.metadata["mystnb"] = {"image": {"alt": mine["alt"]},
                                           "figure": {"caption": text(mine["caption"]),
                                                      "classes": "explainer-figure"}}
            keep.append(output)
        cell["outputs"] = keep
    return nb


def teacher_key(books: list[Path]) -> str:
    """The teacher key: every exercise of every notebook with its solution and its output.
    The student pages, handouts and edition show none of it."""
    import nbformat

    lines = ["# " + _("Teacher key"), "",
             _("Each exercise with its solution and what the solution prints, and each open "
               "question with a model answer and a rubric line. Students see the exercises "
               "without these: keep this page for yourself."), ""]
    for path in books:
        nb = nbformat.read(path, as_version=4)
        exercises = [c for c in nb.cells if "exercise" in c.metadata.get("tags", [])]
        if not exercises:
            continue
        title = next((c.source.splitlines()[0].lstrip("# ") for c in nb.cells
                      if c.cell_type == "markdown" and c.source.startswith("# ")), path.stem)
        lines += [f"## {title}", ""]
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if "exercise" in tags:
                lines += [re.sub(r"^#+ ", "### ", cell.source, count=1), ""]
            elif "solution" in tags and cell.cell_type == "markdown":  # a model answer
                lines += [cell.source, ""]
            elif "solution" in tags and cell.cell_type == "code":
                printed = "".join(str(o.get("data", {}).get("text/plain", o.get("text", "")))
                                  for o in cell.get("outputs", []))
                lines += ["```python", cell.source, "```", ""]
                if printed:
                    lines += [_("It prints:"), "", "```text", printed, "```", ""]
    return "\n".join(lines)


def without_answers(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The page a student may read (and print): each exercise without its solution cell
    and without its check's verdict. The answers are in the teacher's notebooks."""
    nb.cells = [c for c in nb.cells if "solution" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if "check" in cell.metadata.get("tags", []):
            cell["outputs"] = []
    return nb


def declared_files(ds: Dataset) -> list[str]:
    """The package's own files: its descriptor and every resource it lists."""
    from .data import PACKAGE_FILE

    return [PACKAGE_FILE, *(str(r["path"]) for r in ds.package["resources"])]


def tree_key(files: dict[str, bytes]) -> str:
    """Hash of the staged source tree, the package's code and the lock: all a page shows."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()


def stage(wanted: dict[str, bytes], src: Path) -> None:
    """Bring `src` to the staged files, touching only what changed.

    Unchanged files keep their times, so Sphinx re-reads only the pages that changed.
    """
    present = {str(p.relative_to(src)) for p in src.rglob("*") if p.is_file()} if (
        src.exists()) else set()
    for name in sorted(present - set(wanted)):
        (src / name).unlink()
    for name, body in wanted.items():
        target = src / name
        if name in present and target.read_bytes() == body:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def _titles(name: str, body: bytes) -> list[str]:
    """A page's first-level headings and toctrees: what the other pages show of it."""
    text = body.decode("utf-8")
    if name.endswith(".ipynb"):
        text = "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"]
                         if cell["cell_type"] == "markdown")
    return re.findall(r"^# .*$|^```\{toctree\}[\s\S]*?^```", text, re.MULTILINE)


def structure_key(files: dict[str, bytes]) -> str:
    """What every page shows besides its own body: the titles, the toctree, the theme."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for name in sorted(files):
        if name.startswith("data/"):
            continue
        if name.endswith((".md", ".ipynb")):
            digest.update(name.encode() + "\n".join(_titles(name, files[name])).encode())
        else:
            digest.update(name.encode() + files[name])
    return digest.hexdigest()


def sphinx(src: Path, out: Path, lang: str = "en") -> None:
    """Run sphinx-build with warnings as errors; RunError with its last lines on failure."""
    import importlib.util

    missing = [m for m in ("sphinx", "myst_nb", "furo") if importlib.util.find_spec(m) is None]
    if missing:
        raise RunError(_("rendering the site needs {modules}: install the site extra "
                         "(pip install '.[site]') or the full lock (requirements.txt)").format(
            modules=", ".join(missing)))
    import contextlib
    import io
    import warnings

    import sphinx.locale
    from sphinx.cmd.build import build_main

    doctrees = src.parent / "doctrees"
    # In this process: Sphinx shares the modules the build has already imported (a third
    # of a second a render), and its messages are caught, not printed.
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the extensions' own, not ours
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        sphinx.locale.translators.clear()  # Sphinx keeps the last build's language: in
        language = [] if lang == "en" else ["-D", f"language={lang}"]  # one process, reset
        code = build_main(["-W", "--keep-going", "-q", "-b", "html", *language, "-d",
                           str(doctrees), str(src), str(out)])
    if code != 0:
        tail = "\n".join(said.getvalue().strip().splitlines()[-8:])
        raise RunError(_("the site failed to render (sphinx-build):") + "\n" + tail)


def remote_references(folder: Path) -> list[str]:
    """Every built file that loads a script, style, font or image from another host."""
    found = []
    for page in sorted(folder.rglob("*")):
        if page.suffix in (".html", ".css", ".js") and page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
            for match in REMOTE.finditer(text):
                tag_start = text.rfind("<", 0, match.start())
                tag = text[tag_start:match.end() + 60]
                if not tag.lower().startswith("<a "):  # plain links to elsewhere are fine
                    found.append(f"{page.relative_to(folder)}: {tag[:120]}")
    return found


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` so that a reader never sees a half-written folder."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old)


def render_site(executed_dir: Path, html_out: Path, ds: Dataset, work: Path,
                files: dict[str, bytes] | None = None, keep: tuple[str, ...] = ()) -> Path:
    """Stage, build into `work` (incrementally), check for remote loads, swap into `html_out`.

    `work` keeps the staged sources, Sphinx's environment and its output between builds,
    so an edit re-reads and re-writes only the pages it touched (site/conf.py drops the
    asset checksums that would depend on what an earlier build left). When anything every
    page shows changes (a title, the toctree, the theme, the package), the build starts
    clean, so that an incremental build always gives the bytes a clean one would.
    """
    work.mkdir(parents=True, exist_ok=True)
    src, built, stamp = work / "src", work / "html", work / "structure.key"
    files = files if files is not None else staged_files(executed_dir, ds)
    stage(files, src)
    key = structure_key(files)
    if not stamp.exists() or stamp.read_text() != key:
        for stale in (built, work / "doctrees"):
            shutil.rmtree(stale, ignore_errors=True)
        stamp.unlink(missing_ok=True)
    from .i18n import current

    sphinx(src, built, current())
    stamp.write_text(key)
    fresh = work / "html.new"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(built, fresh, ignore=shutil.ignore_patterns(
        ".buildinfo", ".buildinfo.bak", "objects.inv"))
    remote = remote_references(fresh)
    if remote:
        shutil.rmtree(fresh, ignore_errors=True)
        raise RunError("\n".join([_("the site would load files from the network:"), *remote]))
    for name in keep:  # another language's site, inside this one's folder, stays
        if (html_out / name).is_dir():
            shutil.copytree(html_out / name, fresh / name)
    swap_in(fresh, html_out)
    return html_out


_EXPORTER_LOCK = threading.Lock()


@functools.cache
def _page_exporter() -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", mathjax_url="", require_js_url="", jquery_url="",
                        exclude_input_prompt=True, exclude_output_prompt=True)


def page_exporter(warm: bool = False) -> Any:
    """The exporter of a notebook's page, made once per process; `warm` also has it render
    an empty notebook, which loads its templates (while a kernel runs, say)."""
    import nbformat

    with _EXPORTER_LOCK:
        exporter = _page_exporter()
        if warm:
            exporter.from_notebook_node(nbformat.v4.new_notebook())
    return exporter


def render_page(notebook: Path) -> Path:
    """One executed notebook as a standalone offline HTML page beside it."""
    import nbformat

    exporter = page_exporter()
    with _EXPORTER_LOCK:
        body, _resources = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    body = re.sub(r'<script[^>]*src=""[^>]*>\s*</script>', "", body)
    page = notebook.with_suffix(".html")
    page.write_text(body, encoding="utf-8")
    return page


def page_weights(folder: Path, compressed: bool = True) -> dict[str, int]:
    """Bytes a browser fetches for each page and the local files it loads.

    With `compressed`, each file counts at its gzip size, as a server that compresses
    (as most static hosts do) transfers it; the browser tests measure the same on the wire.
    """
    sizes: dict[Path, int] = {}

    def size(path: Path) -> int:
        if path not in sizes:
            raw = path.read_bytes()
            sizes[path] = len(gzip.compress(raw, mtime=0)) if compressed else len(raw)
        return sizes[path]

    weights = {}
    for page in sorted(folder.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        total = size(page)
        refs = set(re.findall(r'<(?:script|img)\b[^>]*\bsrc="([^"#?]+)', text))
        for tag in re.findall(r"<link\b[^>]*>", text):  # what a page loads, not what it names
            href = re.search(r'\bhref="([^"#?]+)', tag)
            if href and re.search(r'\brel="(?:stylesheet|icon|shortcut icon)"', tag):
                refs.add(href.group(1))
        for ref in refs:
            if ":" in ref or len(ref) > 300:  # data: URIs are inside the page already
                continue
            target = (page.parent / ref).resolve()
            if target.is_file():
                total += size(target)
        weights[str(page.relative_to(folder))] = total
    return weights
