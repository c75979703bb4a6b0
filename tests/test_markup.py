"""Text from the data reaches Markdown and MyST only through `explainer.markup`: inert."""

from __future__ import annotations

import pytest
from conftest import HOSTILE, HOSTILE_MARKUP
from markdown_it import MarkdownIt

from explainer import markup

PAYLOADS = [*HOSTILE, *HOSTILE_MARKUP.values(), "a | b", "`code` ``more``", "# heading"]


def rendered(source: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(source)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_renders_as_its_own_characters(payload):
    html = rendered(markup.text(payload))
    assert "<script" not in html and "<img" not in html and "href=" not in html
    assert html.startswith("<p>") and html.count("<p>") == 1  # one paragraph, no block
    assert "<code>" not in html and "<h1>" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_in_a_table_cell_stays_in_its_cell(payload):
    table = f"| a | b |\n|---|---|\n| {markup.text(payload)} | {markup.code(payload)} |\n"
    html = rendered(table)
    assert html.count("<td>") == 2
    assert "<script" not in html and "<img" not in html and "href=" not in html


def test_links_only_to_plain_files_beside_the_page():
    assert markup.link("events.csv", "events.csv") == "[events.csv](events.csv)"
    assert "href" not in rendered(markup.link("x", 'javascript:alert("pwned")'))
    assert "href" not in rendered(markup.link("x", "../../etc/passwd"))


def test_line_breaks_cannot_open_a_block():
    assert "\n" not in markup.text("a\n\n```{raw} html\nb")
    assert "\n" not in markup.code("a\n\nb")
