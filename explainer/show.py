"""Display helpers for notebooks: escaped tables, notes and captioned figures with alt text.

Every string that comes from data is HTML-escaped here, so a `<script>` in a CSV
cell is shown as text in Jupyter, on GitHub and on the rendered site.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass
class Chart:
    """A drawn figure plus the data it drew, its alt text and its caption."""

    fig: Any
    data: pd.DataFrame
    alt: str
    caption: str


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


def figure(chart: Chart, number: int | None = None) -> Rich:
    """A captioned figure with alt text."""
    data = base64.b64encode(png_bytes(chart.fig)).decode()
    label = f"Figure {number}. " if number else ""
    body = (
        f'<figure class="explainer-figure"><img src="data:image/png;base64,{data}" '
        f'alt="{esc(chart.alt)}"><figcaption>{esc(label + chart.caption)}</figcaption></figure>'
    )
    return Rich(body, f"[{label}{chart.caption}]\n[alt: {chart.alt}]")


def table(frame: pd.DataFrame, caption: str = "", columns: dict[str, str] | None = None) -> Rich:
    """A readable, escaped table; `columns` maps column names to their headings."""
    shown = frame[list(columns)] if columns else frame
    headings = [columns[c] for c in shown.columns] if columns else list(shown.columns)
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headings)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    body = (f'<table class="explainer-table">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")
    plain = shown.copy()
    plain.columns = headings
    text = plain.to_string(index=False, na_rep="—")
    return Rich(body, f"{caption}\n{text}" if caption else text)


def notes(items: list[str], title: str = "") -> Rich:
    """A list of data notes, boxed."""
    heading = f"<p><strong>{esc(title)}</strong></p>" if title else ""
    body = "".join(f"<li>{esc(item)}</li>" for item in items) or "<li>None.</li>"
    plain = "\n".join(f"- {item}" for item in items) or "- None."
    return Rich(f'<div class="data-note">{heading}<ul>{body}</ul></div>',
                f"{title}\n{plain}" if title else plain)


def say(text: str) -> Rich:
    """A sentence computed from data, as a paragraph."""
    return Rich(f"<p>{esc(text)}</p>", text)


def check_answer(name: str, answer: object, expected: object) -> Rich:
    """The plain-words verdict of an exercise's check cell."""
    if answer is None or answer is ...:
        verdict = f"{name}: not answered yet. Replace the ... with your answer and run again."
    elif answer == expected:
        verdict = f"{name}: correct."
    else:
        verdict = f"{name}: not quite. Your answer was {answer!r}; look again at the data."
    return say(verdict)
