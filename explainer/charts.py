"""Drawing, and only drawing: each function draws the `Plot` a view made.

A chart selects no data and writes no word: rows, labels, ticks and lines all come in
the `Plot` (see `explainer.views.figures`). The palette is Okabe-Ito (colour-blind safe),
and every colour is doubled by a marker or a hatch so that the charts read in greyscale
print. Charts draw on their own `Figure` inside `matplotlib.rc_context`: pyplot's state
and the reader's rcParams are never touched.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import matplotlib
import matplotlib.dates as mdates
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from . import dates

if TYPE_CHECKING:
    from .views.parts import Plot

OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}
TRACK_STYLE = {  # colour, marker: two encodings for each lane
    "diplomacy": (OKABE_ITO["blue"], "o"),
    "military": (OKABE_ITO["vermillion"], "s"),
    "legal": (OKABE_ITO["green"], "D"),
    "policy": (OKABE_ITO["sky"], "P"),
    "statement": (OKABE_ITO["purple"], "^"),
    "reaction": (OKABE_ITO["orange"], "v"),
}
BASIS_HATCH = {"stated": "", "month": "---", "relative": "///", "inferred": "...", "undated": "xx"}
RESPONSE_STYLE = {  # colour, hatch
    "nearly_all_rejected": (OKABE_ITO["vermillion"], "///"),
    "countered": (OKABE_ITO["orange"], "\\\\\\"),
    "halted_dialogue": (OKABE_ITO["purple"], "xxx"),
    "no_reply": (OKABE_ITO["sky"], "..."),
    "not_stated": ("#BBBBBB", ""),
}
SOURCING_STYLE = {  # colour, hatch; interpretations are drawn as READING_STYLE
    "named_outlet": (OKABE_ITO["blue"], ""), "anonymous": (OKABE_ITO["vermillion"], "///"),
    "on_record": (OKABE_ITO["green"], "..."), "article": (OKABE_ITO["orange"], "xx"),
}
#: The article's own reading, or analysts': drawn grey, dotted and in italics, never as a term.
READING_STYLE = {"facecolor": "#EEEEEE", "edgecolor": "#555555", "ls": ":", "hatch": ""}

#: The collection's look: plain, legible, large enough for print. Applied to each chart as
#: it is drawn, never to matplotlib as a whole: a reader's own plots stay as they were.
STYLE = {
    "figure.dpi": 110, "font.size": 10, "axes.titlesize": 11, "axes.titleweight": "bold",
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
    "legend.frameon": False,
    # Labels come from data: a "$" is a dollar sign, never the start of a formula.
    "text.parse_math": False,
}


def draw(plot: Plot) -> Figure:
    """Draw `plot` with the chart its `kind` names, in the collection's style."""
    drawers = {"timeline": timeline, "terms_side_by_side": terms_side_by_side,
               "term_outcomes": term_outcomes, "assets": assets, "bounds": bounds,
               "pressure": pressure, "sourcing": sourcing}
    with matplotlib.rc_context(STYLE):
        return drawers[plot.kind](plot)


def subplots(figsize: tuple[float, float], *args: object, **kwargs: object):  # noqa: ANN201
    """A new Figure and its axes, outside pyplot's global state."""
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(*args, **kwargs)


def _midnight(value: object) -> datetime:
    return datetime.combine(dates.as_date(value), datetime.min.time())  # type: ignore[arg-type]


def _ticks(ax: object, ticks: list[tuple[datetime, str]]) -> None:
    ax.set_xticks([t for t, _label in ticks], [text for _at, text in ticks])  # type: ignore[attr-defined]


# ------------------------------------------------------------ timeline


def timeline(plot: Plot) -> Figure:
    """Events in lanes; intervals as bars, open ends as arrows, the as_of day as a line."""
    shown, text, layout = plot.data, plot.text, plot.layout
    lanes, compact = layout["lanes"], layout["compact"]
    left_span, split = layout["left_span"], layout["right_span"]
    # A lane is as tall as its events need: one row each, so no label sits on another.
    rows = [max(1.0, 0.4 * int((shown["track"] == lane).sum())) for lane in lanes]
    tops = [-sum(rows[:k]) for k in range(len(lanes))]
    height = 2.6 if compact else 1.0 + 0.75 * sum(rows)
    fig, (left, right) = subplots((11, height), 1, 2, sharey=True,
                                  gridspec_kw={"width_ratios": [1, 2.6], "wspace": 0.04})
    y_of, offsets, bar_height = {}, {}, {}
    for lane_index, lane in enumerate(lanes):
        members = shown[shown["track"] == lane]
        top, size = tops[lane_index], rows[lane_index]
        for k, event_id in enumerate(members["event_id"]):
            y_of[event_id] = top - size * (k + 0.5) / max(len(members), 1)
            bar_height[event_id] = min(0.22, 0.45 * size / max(len(members), 1))
        offsets[lane] = top - size / 2
        if lane in text["undated"]:
            right.text(_midnight(split[0]) + timedelta(days=0.5), offsets[lane],
                       text["undated"][lane], fontsize=8, style="italic", va="center",
                       color="#333333")
    for ax, (lo, hi) in ((left, left_span), (right, split)):
        ax.set_xlim(_midnight(lo), _midnight(hi))
        for lane_index, _lane in enumerate(lanes):
            top = tops[lane_index]
            ax.axhspan(top - rows[lane_index], top, color="#f4f4f4" if lane_index % 2 else
                       "white", zorder=0)
    if "window" in layout:
        right.axvspan(*layout["window"], color=OKABE_ITO["sky"], alpha=0.18, zorder=0.5,
                      label=text["window"])
        right.axvline(layout["deadline"], color=OKABE_ITO["black"], ls="--", lw=1,
                      label=text["deadline"])
    for ev in shown.itertuples():
        _event(ev, y_of[ev.event_id], bar_height[ev.event_id], left, right, split, left_span,
               compact)
    if "as_of" in layout:
        for ax in (left, right):
            lo, hi = ax.get_xlim()
            if lo <= mdates.date2num(layout["as_of"]) <= hi:
                ax.axvline(layout["as_of"], color=OKABE_ITO["black"], lw=2,
                           label=text["as_of"])
    left.set_yticks([offsets[lane] for lane in lanes], [text["lanes"][lane] for lane in lanes])
    left.set_ylim(-sum(rows), 0)
    _ticks(left, layout["left_ticks"])
    _ticks(right, layout["right_ticks"])
    right.spines["left"].set_visible(False)
    right.tick_params(left=False)
    left.set_title(text["left_title"], loc="left", fontsize=9, fontweight="normal")
    right.set_title(text["right_title"], loc="left", fontsize=9, fontweight="normal")
    if not compact:
        handles, legend = right.get_legend_handles_labels()
        fig.legend(handles, legend, loc="upper center", ncol=3, fontsize=8,
                   bbox_to_anchor=(0.5, 0.0))
    return fig


def _event(ev: object, y: float, bar: float, left: object, right: object, split: tuple,
           left_span: tuple, compact: bool) -> None:
    """One event: a marker for a single day, a bar for a range, arrows for open ends."""
    colour, marker = TRACK_STYLE[str(ev.track)]  # type: ignore[attr-defined]
    start, end = dates.as_date(ev.date_start), dates.as_date(ev.date_end)  # type: ignore[attr-defined]
    point = ev.shape == "point"  # type: ignore[attr-defined]
    for ax in (left, right):
        lo, hi = (mdates.num2date(v).date() for v in ax.get_xlim())  # type: ignore[attr-defined]
        if point:
            if lo <= start <= hi:
                hollow = ev.date_basis == "inferred"  # type: ignore[attr-defined]
                ax.plot(_midnight(start) + timedelta(hours=12), y, marker=marker,  # type: ignore[attr-defined]
                        color=colour, ms=8, ls="none", zorder=5,
                        markerfacecolor="white" if hollow else colour, markeredgewidth=2)
            continue
        a, b = start or lo, end or hi
        if b < lo or a > hi:
            continue
        # An open end runs to the axis' edge, where its arrow is drawn inside the axes.
        x0 = _midnight(max(a, lo))
        x1 = min(_midnight(min(b, hi)) + timedelta(days=1), _midnight(hi))
        ax.barh(y, (x1 - x0), left=x0, height=bar, color=colour, alpha=0.55,  # type: ignore[attr-defined]
                hatch=BASIS_HATCH[str(ev.date_basis)], edgecolor=colour, zorder=2)  # type: ignore[attr-defined]
        if end is None and ax is right:
            ax.annotate("", xy=(x1, y), xytext=(x1 - timedelta(days=1.5), y),  # type: ignore[attr-defined]
                        arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
                        annotation_clip=False)
        if start is None and ax is left:
            ax.annotate("", xy=(x0, y), xytext=(x0 + timedelta(days=3), y),  # type: ignore[attr-defined]
                        arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
                        annotation_clip=False)
    if compact:
        return
    anchor = right if (start or end) >= split[0] else left
    x_text = _midnight(max(start or end, left_span[0] if anchor is left else split[0]))
    if point:
        x_text += timedelta(hours=12)  # the marker's centre: the label starts past it
    anchor.annotate(str(ev.label), (x_text, y), xytext=(9 if point else 1, 0 if point else 3),  # type: ignore[attr-defined]
                    textcoords="offset points", fontsize=8,
                    va="center" if point else "bottom", zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.85})


# ------------------------------------------------------------ terms


def terms_side_by_side(plot: Plot) -> Figure:
    """Each side's terms by category in two columns, the article's reading in a third."""
    data, text, layout = plot.data, plot.text, plot.layout
    categories, sides = layout["categories"], layout["sides"]
    fig, ax = subplots((12, 0.9 + 0.75 * len(categories)))
    ax.set_xlim(0, 3)
    ax.set_ylim(len(categories), 0)
    for y, category in enumerate(categories):
        for x, side in enumerate(sides):
            group = data[(data["category"] == category) & (data["side"] == side)]
            if group.empty:
                ax.add_patch(Rectangle((x + 0.03, y + 0.1), 0.94, 0.8, facecolor="white",
                                       edgecolor="#bbbbbb", ls=":"))
                ax.text(x + 0.5, y + 0.5, text["empty"], ha="center", va="center",
                        fontsize=9, style="italic", color="#555555")
                continue
            slot = 0.8 / len(group)
            for k, term in enumerate(group.itertuples()):
                colour, hatch = RESPONSE_STYLE[term.response]
                top = y + 0.1 + k * slot
                ax.add_patch(Rectangle((x + 0.03, top), 0.94, slot, facecolor=colour,
                                       alpha=0.35, hatch=hatch, edgecolor="#555555"))
                ax.text(x + 0.5, top + slot / 2, term.text, ha="center", va="center",
                        fontsize=9)
        read = data[(data["category"] == category) & (data["side"] == "reading")]
        for k, reading in enumerate(read.itertuples()):
            ax.add_patch(Rectangle((2.03, y + 0.1 + k * 0.4), 0.94, 0.38, **READING_STYLE))
            ax.text(2.5, y + 0.29 + k * 0.4, reading.text, ha="center", va="center",
                    fontsize=8, style="italic")
    ax.set_yticks([y + 0.5 for y in range(len(categories))],
                  [text["categories"][c] for c in categories])
    ax.set_xticks([0.5, 1.5, 2.5], text["columns"])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    responses = layout["responses"]
    handles = [Rectangle((0, 0), 1, 1, facecolor=RESPONSE_STYLE[r][0], alpha=0.35,
                         hatch=RESPONSE_STYLE[r][1], edgecolor="#555") for r in responses]
    ax.legend(handles, [text["responses"][r] for r in responses], loc="upper center", ncol=2,
              fontsize=8, bbox_to_anchor=(0.5, -0.02), title=text["legend_title"])
    return fig


def term_outcomes(plot: Plot) -> Figure:
    """One bar per kind of answer, the terms it got named beside it."""
    data = plot.data
    fig, ax = subplots((9, 0.6 + 0.55 * len(data)))
    for y, row in enumerate(data.itertuples()):
        colour, hatch = RESPONSE_STYLE[row.response]
        ax.barh(y, row.terms, color=colour, alpha=0.6, hatch=hatch, edgecolor="#333333")
        ax.text(row.terms + 0.05, y, row.names, va="center", fontsize=8)
    ax.set_yticks(range(len(data)), data["label"])
    ax.invert_yaxis()
    ax.set_xlabel(plot.text["x"])
    ax.set_xlim(0, (data["terms"].max() if len(data) else 0) + 3.5)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    return fig


# ------------------------------------------------------------ forces


def assets(plot: Plot) -> Figure:
    """Known counts as solid bars; unknown counts as hatched bands across the whole width,
    whose length means nothing (a plural with no number is not a count of one)."""
    data = plot.data
    fig, ax = subplots((8, 0.8 + 0.6 * max(len(data), 1)))
    for y, row in enumerate(data.itertuples()):
        if pd.isna(row.count):
            ax.barh(y, 2.2, color="white", edgecolor=OKABE_ITO["blue"], hatch="///", ls="--",
                    alpha=0.6)
            ax.text(0.05, y, row.text, va="center", fontsize=9, style="italic",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"})
        else:
            ax.barh(y, int(row.count), color=OKABE_ITO["blue"])
            ax.text(int(row.count) + 0.05, y, row.text, va="center", fontsize=9)
    ax.set_yticks(range(len(data)), data["asset"])
    ax.invert_yaxis()
    ax.set_xlim(0, 2.2)
    ax.set_xticks([0, 1])
    ax.set_xlabel(plot.text["x"])
    return fig


def bounds(plot: Plot) -> Figure:
    """Lower bounds as bars that go on as open-ended arrows, never as closed bars."""
    data = plot.data
    fig, ax = subplots((8, 1.1 + 0.9 * max(len(data), 1)))
    top = max([int(v) for v in data["count"]] or [1]) * 1.6
    for y, row in enumerate(data.itertuples()):
        value = int(row.count)
        ax.barh(y, value, color=OKABE_ITO["vermillion"], alpha=0.75, height=0.45)
        ax.annotate("", xy=(top, y), xytext=(value, y),
                    arrowprops={"arrowstyle": "-|>", "color": OKABE_ITO["vermillion"],
                                "ls": "--", "lw": 1.5})
        ax.text(value, y - 0.3, row.text, fontsize=9)
    ax.set_yticks(range(len(data)), data["asset"])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.05)
    ax.set_xlabel(plot.text["x"])
    return fig


def pressure(plot: Plot) -> Figure:
    """Measures on a time axis, with the plot's vertical lines."""
    data, layout = plot.data, plot.layout
    start, end = layout["span"]
    fig, ax = subplots((10, 1.2 + 0.45 * max(len(data), 1)))
    for y, row in enumerate(data.itertuples()):
        colour, marker = TRACK_STYLE[row.lane]
        a, b = row.start, row.end
        if a == b:
            ax.plot(a + pd.Timedelta(hours=12), y, marker=marker, color=colour, ms=8)
        else:
            ax.barh(y, b - a + pd.Timedelta(days=1), left=a, color=colour, alpha=0.5,
                    height=0.35, hatch="///" if row.open_start or row.open_end else "")
            if row.open_start:  # arrows inside the axes, at the edge an open end runs to
                tip = max(a, start)
                ax.annotate("", xy=(tip, y), xytext=(tip + pd.Timedelta(days=4), y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
                            annotation_clip=False)
            if row.open_end:
                tip = min(b + pd.Timedelta(days=1), end)
                ax.annotate("", xy=(tip, y), xytext=(tip - pd.Timedelta(days=3), y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
                            annotation_clip=False)
        ax.text(a, y - 0.3, str(row.label), fontsize=8)
    for k, line in enumerate(layout["lines"]):
        ax.axvline(line["at"], color="black", ls=line["style"], lw=1)
        ax.text(line["at"], -0.95 + 0.4 * k, f" {line['label']}", fontsize=8,
                bbox={"fc": "white", "ec": "none", "pad": 0.5})
    ax.set_xlim(start, end)
    ax.set_ylim(len(data) - 0.4, -1.2)
    ax.set_yticks([])
    _ticks(ax, layout["ticks"])
    ax.set_xlabel(plot.text["x"])
    return fig


# ------------------------------------------------------------ sources


def sourcing(plot: Plot) -> Figure:
    """One bar per kind of source; interpretations in the reading style."""
    data = plot.data
    fig, ax = subplots((8, 3.1))
    for y, row in enumerate(data.itertuples()):
        colour, hatch = SOURCING_STYLE.get(row.sourcing, ("", ""))
        style = (READING_STYLE if row.sourcing not in SOURCING_STYLE else
                 {"facecolor": colour, "hatch": hatch, "edgecolor": "#333333"})
        ax.barh(y, row.claims, alpha=0.7, **style)
        ax.text(row.claims + 0.2, y, str(row.claims), va="center")
    ax.set_yticks(range(len(data)), data["label"])
    ax.invert_yaxis()
    ax.set_xlabel(plot.text["x"])
    return fig
