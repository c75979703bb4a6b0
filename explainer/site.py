"""Render the executed notebooks into the static site (Sphinx + MyST-NB, fully offline)."""

from __future__ import annotations

import gzip
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import Dataset, project_root
from .errors import RunError

if TYPE_CHECKING:
    import nbformat

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def rerun_command(stem: str, parameters: dict[str, Any]) -> str:
    """The exact command that reruns a notebook with the same parameters."""
    parts = [f"python -m explainer run {stem.split('_')[0]}"]
    for name, value in sorted(parameters.items()):
        text = ",".join(value) if isinstance(value, list) else str(value)
        parts.append(f"-p {name} {_shell_quote(text)}")
    return " ".join(parts)


def _shell_quote(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9_.,/:-]+", text) else "'" + text.replace(
        "'", "'\"'\"'") + "'"


def provenance_cell(nb: nbformat.NotebookNode, path: Path, ds: Dataset) -> nbformat.NotebookNode:
    """A small 'how this page was made' note, every value escaped."""
    import nbformat

    from .run import declared_parameters

    stem = path.stem
    parameters = nb.metadata.get("papermill", {}).get("parameters", {})
    effective = {**declared_parameters(path), **parameters}
    shown = ", ".join(f"{k} = {v!r}" for k, v in effective.items())
    body = (
        '<div class="provenance admonition note"><p class="admonition-title">'
        "How this page was made</p><p>"
        f"Executed with parameters: <code>{html.escape(shown)}</code>"
        f"{' (the defaults)' if not parameters else ''}. "
        f"Data package version <code>{html.escape(ds.version)}</code>. "
        f"Rerun it: <code>{html.escape(rerun_command(stem, parameters))}</code></p></div>"
    )
    return nbformat.v4.new_markdown_cell(body, id="provenance")


def stage(executed_dir: Path, src: Path, ds: Dataset) -> None:
    """Copy site pages, data files and executed notebooks (with provenance) into `src`."""
    root = project_root()
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(root / "site", src)
    shutil.copy(root / "TEACHING.md", src / "teaching.md")
    shutil.copytree(ds.data_dir, src / "data", ignore=shutil.ignore_patterns("README.md"))
    from .datadoc import render

    dictionary = render(ds.data_dir).replace("](", "](data/")
    (src / "data-dictionary.md").write_text(dictionary.replace(
        "# Data dictionary:", "# Data dictionary —", 1), encoding="utf-8")
    import nbformat

    (src / "notebooks").mkdir()
    for path in sorted(executed_dir.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(1, provenance_cell(nb, path, ds))
        nbformat.write(nb, src / "notebooks" / path.name)


def sphinx(src: Path, out: Path) -> None:
    """Run sphinx-build with warnings as errors; RunError with its last lines on failure."""
    doctrees = src.parent / "doctrees"
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-d", str(doctrees), str(src), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise RunError(f"the site failed to render (sphinx-build):\n{tail}")


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


def render_site(executed_dir: Path, html_out: Path, ds: Dataset, work: Path) -> Path:
    """Stage, build into `work`, check for remote loads, then swap into `html_out`."""
    from .build import swap_in

    work.mkdir(parents=True, exist_ok=True)
    src, fresh = work / "src", work / "html"
    if fresh.exists():
        shutil.rmtree(fresh)
    stage(executed_dir, src, ds)
    sphinx(src, fresh)
    for junk in (".buildinfo", ".buildinfo.bak", "objects.inv"):
        (fresh / junk).unlink(missing_ok=True)
    remote = remote_references(fresh)
    if remote:
        raise RunError("the site would load files from the network:\n" + "\n".join(remote))
    swap_in(fresh, html_out)
    return html_out


def render_page(notebook: Path) -> Path:
    """One executed notebook as a standalone offline HTML page beside it."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", mathjax_url="", require_js_url="",
                            jquery_url="", exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
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
        refs = set(re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"#?]+)', text))
        for ref in refs:
            if ":" in ref or len(ref) > 300:  # data: URIs are inside the page already
                continue
            target = (page.parent / ref).resolve()
            if target.is_file():
                total += size(target)
        weights[str(page.relative_to(folder))] = total
    return weights
