"""The committed notebooks read well in every common viewer, not only on the site."""

from __future__ import annotations

import re

import nbformat
import pytest

from explainer.run import list_notebooks

#: What GitHub's notebook renderer keeps of HTML outputs, roughly: no data: URIs, no
#: figure/figcaption, no class or style attributes.
DROPPED = re.compile(r"data:|<figure|<figcaption|<img|<script|<style")


def figures(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.stem)
def test_each_figure_is_a_png_with_its_caption_as_text_beside_it(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        for k, output in enumerate(outputs):
            html = output.get("data", {}).get("text/html", "")
            assert not DROPPED.search(html), f"{path.name}: HTML a viewer would strip"
            if "image/png" in output.get("data", {}):
                meta = output["metadata"]["explainer"]
                assert meta["alt"] and meta["caption"].startswith("Figure ")
                after = outputs[k + 1]["data"]["text/plain"]
                assert after == f"[{meta['caption']}]"  # the caption, as text, right after


def test_nbconvert_html_shows_every_figure():
    from nbconvert import HTMLExporter

    for path in list_notebooks():
        nb = nbformat.read(path, as_version=4)
        body, _resources = HTMLExporter().from_notebook_node(nb)
        shown = re.findall(r'<img[^>]*src="data:image/png;base64,', body)
        assert len(shown) == len(figures(nb)) > 0, path.name


def test_tables_and_notes_keep_their_look_without_the_sites_stylesheet(ds):
    """JupyterLab keeps inline styles it considers safe, and drops classes' meaning: so the
    left-aligned cells and the note box travel inline."""
    from explainer import show, views

    table = show.table(views.cast(ds), 1)._repr_html_()
    assert '<td style="text-align: left; vertical-align: top">' in table
    note = show.notes(views.notes_box(ds, "calendar"))._repr_html_()
    assert 'style="border-left: 4px solid' in note
