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


#: Inline styles, for viewers without the site's stylesheet (JupyterLab keeps these when it
#: sanitises an output): text reads from the left, and a note box shows as a box. No
#: colours behind text, so that light and dark themes both read.
CELL = "text-align: left; vertical-align: top"
NOTE = "border-left: 4px solid #b35806; padding: 0.5rem 0.8rem; margin: 0.5rem 0"


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


class Picture:
    """A drawn figure as Jupyter shows it everywhere: an `image/png` output, its alt text
    as the plain-text fallback, and alt text and caption in the output's metadata (the
    site turns them into an `alt` attribute and a `figcaption`)."""

    def __init__(self, png: bytes, alt: str, caption: str) -> None:
        self.png, self.alt, self.caption = png, alt, caption

    def _repr_mimebundle_(self, include: object = None, exclude: object = None
                          ) -> tuple[dict[str, str], dict[str, Any]]:
        data = {"image/png": base64.b64encode(self.png).decode(),
                "text/plain": _("[alt: {text}]").format(text=self.alt)}
        return data, {"explainer": {"alt": self.alt, "caption": self.caption}}

    def __repr__(self) -> str:
        return _("[alt: {text}]").format(text=self.alt)


class Caption(Rich):
    """A figure's caption, as text beside it (a viewer that shows no alt text shows this)."""

    def _repr_mimebundle_(self, include: object = None, exclude: object = None
                          ) -> tuple[dict[str, str], dict[str, Any]]:
        return ({"text/html": self.html_text, "text/plain": self.plain},
                {"explainer": {"caption_of_figure": True}})


def picture(plot: Plot, number: int | None = None) -> Picture:
    """A view's `Plot`, drawn, with its alt text and numbered caption."""
    from .charts import draw

    caption = _numbered(_("Figure {number}. {caption}"), number, plot.caption)
    return Picture(png_bytes(draw(plot)), plot.alt, caption)


def caption(plot: Plot, number: int | None = None) -> Caption:
    """The numbered caption of a view's `Plot`, as a paragraph."""
    text = _numbered(_("Figure {number}. {caption}"), number, plot.caption)
    return Caption(f'<p class="explainer-caption"><em>{esc(text)}</em></p>', f"[{text}]")


def figure(plot: Plot, number: int | None = None) -> Rich:
    """Show a view's `Plot`: the picture (displayed), then its caption (returned); or, when
    nothing matches the parameters, the sentence that says so instead of an empty axis."""
    if plot.empty:
        return Rich(f'<p class="explainer-empty"><em>{esc(plot.empty)}</em></p>', plot.empty)
    from IPython.display import display

    display(picture(plot, number))
    return caption(plot, number)


def _numbered(pattern: str, number: int | None, caption: str) -> str:
    return pattern.format(number=number, caption=caption) if number else caption


def table(table: Table | pd.DataFrame, number: int | None = None) -> Rich:
    """A view's `Table` (or a bare frame) as a readable, escaped table."""
    if isinstance(table, pd.DataFrame):
        table = Table(table)
    shown = table.frame
    caption = _numbered(_("Table {number}. {caption}"), number, table.caption)
    if shown.empty:  # a heading row over nothing reads as a fault: say what happened
        text = " ".join(filter(None, [caption, _("No row matches these parameters.")]))
        return Rich(f'<p class="explainer-empty"><em>{esc(text)}</em></p>', text)
    headings = [str(c) for c in shown.columns]
    head = "".join(f'<th scope="col" style="{CELL}">{esc(h)}</th>' for h in headings)
    rows = "".join(
        "<tr>" + "".join(f'<td style="{CELL}">{esc(v)}</td>' for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    kind = f" explainer-{table.kind}" if table.kind else ""
    body = (f'<table class="explainer-table{kind}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")
    text = shown.to_string(index=False, na_rep="—")
    return Rich(body, f"{caption}\n{text}" if caption else text)


def notes(box: Notes) -> Rich:
    """A view's `Notes`, boxed."""
    heading = f"<p><strong>{esc(box.title)}</strong></p>" if box.title else ""
    none = _("None.")
    body = "".join(f"<li>{esc(item)}</li>" for item in box.items) or f"<li>{esc(none)}</li>"
    plain = "\n".join(f"- {item}" for item in box.items) or f"- {none}"
    return Rich(f'<div class="data-note" style="{NOTE}">{heading}<ul>{body}</ul></div>',
                f"{box.title}\n{plain}" if box.title else plain)


def say(text: str) -> Rich:
    """A sentence computed from data, as a paragraph."""
    return Rich(f"<p>{esc(text)}</p>", text)

