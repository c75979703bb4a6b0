"""Display helpers for notebooks: escaped tables, notes and captioned figures with alt text.

Every string that comes from data is HTML-escaped here, so a `<script>` in a CSV
cell is shown as text in Jupyter, on GitHub and on the rendered site.
"""

from __future__ import annotations

import base64
import html
import io
from typing import TYPE_CHECKING, Any

import pandas as pd

from .i18n import _
from .views.parts import Notes, Table

if TYPE_CHECKING:
    from .views.parts import Plot


class Rich:
    """An object Jupyter displays as HTML, with a plain-text twin for nbval and terminals."""

    def __init__(self, html_text: str, plain: str) -> None:
        self.html_text, self.plain = html_text, plain

    def _repr_html_(self) -> str:
        return self.html_text

    def __repr__(self) -> str:
        return self.plain


def esc(value: object) -> str:
    """HTML-escape anything for display; missing values become an em dash."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return "—"
    return html.escape(str(value))


def png_bytes(fig: Any) -> bytes:
    """The figure as PNG with no volatile metadata: same data, same bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight",
                metadata={"Software": None})
    return buffer.getvalue()


def figure(plot: Plot, number: int | None = None) -> Rich:
    """A view's `Plot`, drawn, as a captioned figure with alt text."""
    from .charts import draw

    data = base64.b64encode(png_bytes(draw(plot))).decode()
    caption = _numbered(_("Figure {number}. {caption}"), number, plot.caption)
    body = (
        f'<figure class="explainer-figure"><img src="data:image/png;base64,{data}" '
        f'alt="{esc(plot.alt)}"><figcaption>{esc(caption)}</figcaption></figure>'
    )
    return Rich(body, f"[{caption}]\n[{_('alt: {text}').format(text=plot.alt)}]")


def _numbered(pattern: str, number: int | None, caption: str) -> str:
    return pattern.format(number=number, caption=caption) if number else caption


def table(table: Table | pd.DataFrame, number: int | None = None) -> Rich:
    """A view's `Table` (or a bare frame) as a readable, escaped table."""
    if isinstance(table, pd.DataFrame):
        table = Table(table)
    shown = table.frame
    caption = _numbered(_("Table {number}. {caption}"), number, table.caption)
    headings = [str(c) for c in shown.columns]
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headings)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    body = (f'<table class="explainer-table">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")
    text = shown.to_string(index=False, na_rep="—")
    return Rich(body, f"{caption}\n{text}" if caption else text)


def notes(box: Notes) -> Rich:
    """A view's `Notes`, boxed."""
    heading = f"<p><strong>{esc(box.title)}</strong></p>" if box.title else ""
    none = _("None.")
    body = "".join(f"<li>{esc(item)}</li>" for item in box.items) or f"<li>{esc(none)}</li>"
    plain = "\n".join(f"- {item}" for item in box.items) or f"- {none}"
    return Rich(f'<div class="data-note">{heading}<ul>{body}</ul></div>',
                f"{box.title}\n{plain}" if box.title else plain)


def say(text: str) -> Rich:
    """A sentence computed from data, as a paragraph."""
    return Rich(f"<p>{esc(text)}</p>", text)


def check_answer(name: str, answer: object, expected: object) -> Rich:
    """The plain-words verdict of an exercise's check cell."""
    if answer is None or answer is ...:
        verdict = _("{name}: not answered yet. Replace the ... with your answer and run again.")
    elif answer == expected:
        verdict = _("{name}: correct.")
    else:
        verdict = _("{name}: not quite. Your answer was {answer}; look again at the data.")
    return say(verdict.format(name=name, answer=repr(answer)))
