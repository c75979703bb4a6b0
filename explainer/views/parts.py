"""What a view hands to `explainer.show`: a table, a box of notes, or a figure to draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Table:
    """Rows to show, their column headings already in words, and a caption."""

    frame: pd.DataFrame
    caption: str = ""
    kind: str = ""  # a class of its own on the page, e.g. "glossary", for its print style


@dataclass
class Notes:
    """A titled box of sentences."""

    items: list[str]
    title: str = ""


@dataclass
class Plot:
    """A figure before it is drawn: `kind` names the function of `explainer.charts` that
    draws it. `data` has one row per mark, `text` every word the drawing writes, `layout`
    the spans, lines and ticks it places (no words there)."""

    kind: str
    data: pd.DataFrame
    alt: str
    caption: str
    text: dict[str, Any] = field(default_factory=dict)
    layout: dict[str, Any] = field(default_factory=dict)
    #: Said instead of drawing, when nothing matches the parameters: never an empty axis.
    empty: str = ""
