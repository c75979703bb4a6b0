"""The shared chart style and every chart of the collection.

Each function returns a `Chart`: the figure, the DataFrame it drew (tests check
that, not pixels), alt text and a caption, both computed from the data. The
palette is Okabe-Ito (colour-blind safe), and every colour is doubled by a
marker or a hatch so that the charts read in greyscale print.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta

import matplotlib
import matplotlib.dates as mdates
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from . import dates
from .bounds import LOWER_BOUNDS
from .bounds import label as bound_label
from .checks import is_interpretation
from .data import Dataset
from .show import Chart

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
RESPONSE_WORDS = {
    "nearly_all_rejected": "under the 'nearly all' rejected (which ones: not said)",
    "countered": "no direct answer; a U.S. demand set beside it (our reading)",
    "halted_dialogue": "the demand that halted the dialogue",
    "no_reply": "no response from Caracas before the deadline",
    "not_stated": "no answer reported",
}
#: The article's own reading, or analysts': drawn grey, dotted and in italics, never as a term.
READING_STYLE = {"facecolor": "#EEEEEE", "edgecolor": "#555555", "ls": ":", "hatch": ""}
VERBS = {"demand": "asks", "offer": "offers", "considered": "agreed to consider"}
SIDE_NAMES = {"caracas": "Caracas:", "washington": "Washington:",
              "reading": "the article's own reading (not a term):"}


#: The collection's look: plain, legible, large enough for print. Applied to each chart as
#: it is drawn, never to matplotlib as a whole: a reader's own plots stay as they were.
STYLE = {
    "figure.dpi": 110, "font.size": 10, "axes.titlesize": 11, "axes.titleweight": "bold",
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
    "legend.frameon": False,
}


def styled(draw: Callable[..., Chart]) -> Callable[..., Chart]:
    """Draw a chart inside the collection's style, on a Figure that pyplot never sees."""
    @functools.wraps(draw)
    def wrapper(*args: object, **kwargs: object) -> Chart:
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    return wrapper


def subplots(figsize: tuple[float, float], *args: object, **kwargs: object):  # noqa: ANN201
    """A new Figure and its axes, outside pyplot's global state."""
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(*args, **kwargs)


def _day(value: object) -> date | None:
    return dates.as_date(value)


# ------------------------------------------------------------ timeline


def _story_span(ds: Dataset) -> tuple[date, date, date]:
    """The first and last days the events name, and the day of the call, from the data."""
    days = [d.date() for col in ("date_start", "date_end") for d in ds.events[col].dropna()]
    call = ds.events.set_index("event_id")["date_start"].get("call")
    return min(days), (call.date() if not pd.isna(call) else max(days)), max(days)


def timeline_rows(ds: Dataset, as_of: str | None = None,
                  tracks: list[str] | None = None) -> pd.DataFrame:
    """Events to draw: known-begun by `as_of`, in the chosen lanes, with their interval kind."""
    ev = ds.events.copy()
    if tracks:
        ev = ev[ev["track"].isin(tracks)]
    cutoff = pd.Timestamp(as_of) if as_of else None

    def shape(row: pd.Series) -> str:
        start, end = row["date_start"], row["date_end"]
        if pd.isna(start) and pd.isna(end):
            return "undated"
        if pd.isna(start) or pd.isna(end):
            return "open"
        return "point" if start == end else "interval"

    def begun(row: pd.Series) -> bool:
        if cutoff is None:
            return True
        start, end = row["date_start"], row["date_end"]
        if pd.isna(start) and pd.isna(end):
            return False  # cannot place an undated event before any day
        if not pd.isna(end) and pd.isna(start):
            return end <= cutoff
        return start <= cutoff

    ev["shape"] = ev.apply(shape, axis=1)
    ev["shown"] = ev.apply(begun, axis=1)
    return ev


@styled
def timeline(ds: Dataset, as_of: str | None = None, tracks: list[str] | None = None,
             window_hours: int | None = None, compact: bool = False) -> Chart:
    """Events in lanes; intervals as bars, open ends as arrows, the as_of day as a line."""
    rows = timeline_rows(ds, as_of, tracks)
    shown = rows[rows["shown"] & (rows["shape"] != "undated")]
    lanes = [t for t in TRACK_STYLE if t in set(rows["track"].astype(str))]
    first, call, last = _story_span(ds)
    near = [d.date() for d in ds.events["date_start"].dropna()
            if timedelta(0) <= call - d.date() <= timedelta(days=21)]
    split = (min(near, default=call) - timedelta(days=3), last + timedelta(days=8))
    left_span = (first - timedelta(days=7), split[0])
    height = 2.6 if compact else 1.2 + 0.7 * len(lanes) + 0.3 * len(shown)
    fig, (left, right) = subplots((11, height), 1, 2, sharey=True,
                                      gridspec_kw={"width_ratios": [1, 2.6], "wspace": 0.04})
    y_of, offsets, bar_height = {}, {}, {}
    for lane_index, lane in enumerate(lanes):
        members = shown[shown["track"] == lane]
        for k, event_id in enumerate(members["event_id"]):
            y_of[event_id] = -(lane_index + (k + 0.5) / max(len(members), 1))
            bar_height[event_id] = min(0.22, 0.45 / max(len(members), 1))
        offsets[lane] = -(lane_index + 0.5)
        undated = rows[(rows["track"] == lane) & (rows["shape"] == "undated")]
        if len(undated) and not compact:
            right.text(datetime.combine(split[0], datetime.min.time()) + timedelta(days=0.5),
                       -(lane_index + 0.5), "Undated, not drawn: " + ", ".join(undated["label"]),
                       fontsize=8, style="italic", va="center", color="#333333")
    for ax, (lo, hi) in ((left, left_span), (right, split)):
        ax.set_xlim(datetime.combine(lo, datetime.min.time()),
                    datetime.combine(hi, datetime.min.time()))
        for lane_index, _ in enumerate(lanes):
            ax.axhspan(-lane_index - 1, -lane_index, color="#f4f4f4" if lane_index % 2 else
                       "white", zorder=0)
    deadline = _day(ds.events.set_index("event_id")["date_start"].get("deadline"))
    offer = ds.events.set_index("event_id").get("window_hours")
    hours = window_hours or (int(offer.dropna().iloc[0]) if offer is not None and
                             offer.notna().any() else None)
    if deadline and hours:
        first, last = dates.window_opening(deadline, hours)
        end = datetime.combine(deadline + timedelta(days=1), datetime.min.time())
        right.axvspan(first, end, color=OKABE_ITO["sky"], alpha=0.18, zorder=0.5,
                      label=f"{hours}-hour window ending on the deadline day")
        right.axvline(datetime.combine(deadline, datetime.min.time()) + timedelta(hours=12),
                      color=OKABE_ITO["black"], ls="--", lw=1,
                      label=f"deadline ({dates.fmt_day(deadline)})")
    for _, ev in shown.iterrows():
        colour, marker = TRACK_STYLE[str(ev["track"])]
        y = y_of[ev["event_id"]]
        start, end = _day(ev["date_start"]), _day(ev["date_end"])
        for ax in (left, right):
            lo, hi = (mdates.num2date(v).date() for v in ax.get_xlim())
            if ev["shape"] == "point":
                if lo <= start <= hi:
                    inferred = ev["date_basis"] == "inferred"
                    ax.plot(datetime.combine(start, datetime.min.time()) + timedelta(hours=12),
                            y, marker=marker, color=colour, ms=8, ls="none", zorder=5,
                            markerfacecolor="white" if inferred else colour, markeredgewidth=2)
                continue
            a = start or lo
            b = end or hi
            if b < lo or a > hi:
                continue
            a, b = max(a, lo), min(b, hi)
            x0 = datetime.combine(a, datetime.min.time())
            x1 = datetime.combine(b, datetime.min.time()) + timedelta(days=1)
            ax.barh(y, (x1 - x0), left=x0, height=bar_height[ev["event_id"]], color=colour,
                    alpha=0.55,
                    hatch=BASIS_HATCH[str(ev["date_basis"])], edgecolor=colour, zorder=2)
            if end is None and ax is right:
                ax.annotate("", xy=(x1, y), xytext=(x1 - timedelta(days=1.5), y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
            if start is None and ax is left:
                ax.annotate("", xy=(x0, y), xytext=(x0 + timedelta(days=3), y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
        anchor_ax = right if (start or end) >= split[0] else left
        x_text = datetime.combine(max(start or end, left_span[0] if anchor_ax is left
                                      else split[0]), datetime.min.time())
        if ev["shape"] == "point":
            x_text += timedelta(hours=12)  # the marker's centre: the label starts past it
        if not compact:
            point = ev["shape"] == "point"
            anchor_ax.annotate(str(ev["label"]), (x_text, y), xytext=(9 if point else 1,
                                                                     0 if point else 3),
                               textcoords="offset points", fontsize=8,
                               va="center" if point else "bottom", zorder=4,
                               bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                     "alpha": 0.85})
    if as_of:
        cut = datetime.combine(dates.parse_iso(as_of), datetime.min.time()) + timedelta(hours=23)
        for ax in (left, right):
            lo, hi = ax.get_xlim()
            if lo <= mdates.date2num(cut) <= hi:
                ax.axvline(cut, color=OKABE_ITO["black"], lw=2, label=f"as of {as_of}")
    left.set_yticks([offsets[lane] for lane in lanes], [lane.capitalize() for lane in lanes])
    left.set_ylim(-len(lanes), 0)
    left.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    left.xaxis.set_major_locator(mdates.MonthLocator())
    right.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))
    stated = ds.events[ds.events["date_basis"] == "stated"]["date_start"].dropna()
    right.set_xticks(sorted({datetime.combine(d.date(), datetime.min.time()) + timedelta(hours=12)
                             for d in stated if split[0] <= d.date() <= split[1]}))
    right.spines["left"].set_visible(False)
    right.tick_params(left=False)
    left.set_title(f"{left_span[0]:%b} to {split[0]:%b %d} ({ds.story_year}, inferred)",
                   loc="left", fontsize=9, fontweight="normal")
    right.set_title(f"{split[0]:%b %d} to {split[1]:%b %d} (scale enlarged)", loc="left",
                    fontsize=9, fontweight="normal")
    if not compact:
        handles, labels = right.get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncol=3, fontsize=8,
                   bbox_to_anchor=(0.5, 0.0))
    data = shown[["event_id", "label", "track", "date_start", "date_end", "date_basis",
                  "shape"]].reset_index(drop=True)
    hidden = rows[~rows["event_id"].isin(data["event_id"])]
    counts = data["shape"].value_counts()
    alt = (f"Timeline in {len(lanes)} lanes ({', '.join(lanes)}) from {left_span[0]:%B %d} to "
           f"{split[1]:%B %d} ({ds.story_year}, a year the article never states) with "
           f"{len(data)} events: {counts.get('point', 0)} on a single day "
           f"({len(data[(data['shape'] == 'point') & (data['date_basis'] == 'inferred')])} of "
           f"them inferred by us, drawn hollow) "
           f"drawn as markers, {counts.get('interval', 0)} as bars spanning their possible "
           f"dates, {counts.get('open', 0)} as bars with an arrow where the article gives no "
           f"bound. {len(hidden)} events are not drawn (undated or not yet begun).")
    caption = ("The timeline. Filled markers: a day the article gives; hollow markers: a single "
               "day we infer. Bars: the range of days the "
               "article allows; hatching shows how the date is known (--- month only, /// "
               "relative, ... inferred by us). Arrows: no bound given.")
    if as_of:
        caption += f" Black line: as of {as_of}."
    return Chart(fig, data, alt, caption)


# ------------------------------------------------------------ terms


@styled
def terms_side_by_side(ds: Dataset, perspective: str = "both") -> Chart:
    """Each side's terms by category, in two columns, coloured by what the other side did."""
    terms = ds.terms.copy()
    terms["side"] = terms["position"].astype(str).str.split("_").str[0]
    terms["stance"] = terms["position"].astype(str).str.split("_").str[1]
    sides = ["caracas", "washington"] if perspective != "washington" else ["washington",
                                                                          "caracas"]
    categories = [c for c in ds.enum("terms", "category")
                  if c in set(terms["category"].astype(str))]
    if perspective in ("caracas", "washington"):  # lead side's categories first
        lead = terms[terms["side"] == perspective]["category"].astype(str)
        categories = [c for c in categories if c in set(lead)] + [
            c for c in categories if c not in set(lead)]
    read = ds.claims[is_interpretation(ds, ds.claims) & ds.claims["term_id"].notna()]
    category_of = ds.terms.set_index("term_id")["category"].astype(str)
    readings: dict[str, list[str]] = {}
    for claim in read.itertuples():
        readings.setdefault(category_of[claim.term_id], []).append(str(claim.evidence))
    fig, ax = subplots((12, 0.9 + 0.75 * len(categories)))
    ax.set_xlim(0, 3)
    ax.set_ylim(len(categories), 0)
    rows = []
    for y, category in enumerate(categories):
        for x, side in enumerate(sides):
            group = terms[(terms["category"] == category) & (terms["side"] == side)]
            if group.empty:
                ax.add_patch(Rectangle((x + 0.03, y + 0.1), 0.94, 0.8, facecolor="white",
                                           edgecolor="#bbbbbb", ls=":"))
                ax.text(x + 0.5, y + 0.5, "nothing on the table", ha="center", va="center",
                        fontsize=9, style="italic", color="#555555")
                continue
            slot = 0.8 / len(group)
            for k, (_, term) in enumerate(group.iterrows()):
                verb = VERBS[term["stance"]]
                colour, hatch = RESPONSE_STYLE[str(term["response"])]
                top = y + 0.1 + k * slot
                ax.add_patch(Rectangle((x + 0.03, top), 0.94, slot, facecolor=colour,
                                           alpha=0.35, hatch=hatch, edgecolor="#555555"))
                ax.text(x + 0.5, top + slot / 2, f"{term['label']} ({verb})", ha="center",
                        va="center", fontsize=9)
                rows.append({"category": category, "side": side, "term_id": term["term_id"],
                             "label": term["label"], "response": str(term["response"])})
    ax.set_yticks([y + 0.5 for y in range(len(categories))],
                  [c.replace("_", " ").capitalize() for c in categories])
    for y, category in enumerate(categories):
        for k, text in enumerate(readings.get(category, [])):
            ax.add_patch(Rectangle((2.03, y + 0.1 + k * 0.4), 0.94, 0.38, **READING_STYLE))
            ax.text(2.5, y + 0.29 + k * 0.4, f"\u201c{text}\u201d", ha="center", va="center",
                    fontsize=8, style="italic")
            rows.append({"category": category, "side": "reading", "term_id": "",
                         "label": text, "response": ""})
    ax.set_xticks([0.5, 1.5, 2.5], [f"{s.capitalize()}'s side" for s in sides]
                  + ["The article's own reading\n(not a term)"])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Rectangle((0, 0), 1, 1, facecolor=c, alpha=0.35, hatch=h, edgecolor="#555")
               for c, h in RESPONSE_STYLE.values()]
    ax.legend(handles, list(RESPONSE_WORDS.values()), loc="upper center", ncol=2, fontsize=8,
              bbox_to_anchor=(0.5, -0.02), title="What the other side did")
    data = pd.DataFrame(rows)
    overlap = [c for c in categories
               if {"caracas", "washington"} <= set(data[data["category"] == c]["side"])]
    alt = (f"Grid of {len(categories)} categories by side. "
           + "; ".join(f"{c.replace('_', ' ')}: " + ", ".join(
               f"{SIDE_NAMES[r.side]} {r.label}" for r in data[data['category'] == c].itertuples())
                       for c in categories) + ".")
    caption = (f"What each side asked for or offered, and what Washington agreed to consider, "
               f"by category, as the article reports it. "
               f"Both sides have terms in {len(overlap)} of {len(categories)} categories "
               f"({', '.join(overlap)}). The grey dotted boxes are the article's own reading "
               f"of a term, which neither side put forward.")
    return Chart(fig, data, alt, caption)


@styled
def term_outcomes(ds: Dataset) -> Chart:
    """One bar per term, grouped by what the other side did with it."""
    terms = ds.terms.sort_values("seq")
    order = list(RESPONSE_WORDS)
    counts = terms["response"].astype(str).value_counts().reindex(order, fill_value=0)
    counts = counts[counts > 0]
    fig, ax = subplots((9, 0.6 + 0.55 * len(counts)))
    for y, (response, count) in enumerate(counts.items()):
        colour, hatch = RESPONSE_STYLE[response]
        ax.barh(y, count, color=colour, alpha=0.6, hatch=hatch, edgecolor="#333333")
        names = ", ".join(terms[terms["response"] == response]["label"])
        ax.text(count + 0.05, y, names, va="center", fontsize=8)
    ax.set_yticks(range(len(counts)), [RESPONSE_WORDS[r] for r in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("number of terms")
    ax.set_xlim(0, counts.max() + 3.5)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    data = counts.rename("terms").rename_axis("response").reset_index()
    alt = "Horizontal bars counting terms by outcome: " + "; ".join(
        f"{RESPONSE_WORDS[r]}: {n}" for r, n in counts.items()) + "."
    caption = (f"What the article reports happened to each of the {len(terms)} terms, "
               f"grouped by the answer it got. Each answer has its own source: see the terms "
               f"table.")
    return Chart(fig, data, alt, caption)


# ------------------------------------------------------------ forces


def _forces(ds: Dataset, since: str | None, kinds: list[str] | None) -> pd.DataFrame:
    forces = ds.forces.merge(ds.events[["event_id", "date_start", "date_end", "label",
                                        "date_text"]], on="event_id", how="left")
    if kinds:
        forces = forces[forces["kind"].isin(kinds)]
    if since:
        cut = pd.Timestamp(since)
        begins = forces["date_start"].fillna(forces["date_end"])
        forces = forces[begins.isna() | (forces["date_end"].fillna(begins) >= cut) |
                        forces["date_end"].isna()]
    return forces


@styled
def assets(ds: Dataset, since: str | None = None, kinds: list[str] | None = None) -> Chart:
    """Deployed assets: known counts as solid bars, unknown counts as open hatched boxes."""
    forces = _forces(ds, since, kinds)
    deployed = forces[forces["kind"] == "deployment"].reset_index(drop=True)
    fig, ax = subplots((8, 0.8 + 0.6 * max(len(deployed), 1)))
    for y, row in deployed.iterrows():
        if pd.isna(row["count"]):
            ax.barh(y, 1, color="white", edgecolor=OKABE_ITO["blue"], hatch="///", ls="--")
            ax.text(1.05, y, "number not given", va="center", fontsize=9, style="italic")
        else:
            ax.barh(y, int(row["count"]), color=OKABE_ITO["blue"])
            ax.text(int(row["count"]) + 0.05, y, bound_label(
                row["count"], row["count_qualifier"], row["unit"]), va="center", fontsize=9)
    ax.set_yticks(range(len(deployed)), deployed["asset"])
    ax.invert_yaxis()
    ax.set_xlim(0, 2.2)
    ax.set_xticks([0, 1])
    ax.set_xlabel("count given by the article")
    data = deployed[["force_id", "asset", "count", "count_qualifier"]]
    known = data["count"].notna().sum()
    alt = (f"Bars for {len(data)} deployed assets: {known} with a count given "
           f"({', '.join(data.dropna(subset=['count'])['asset'])}), and "
           f"{len(data) - known} drawn as dashed hatched boxes because the article gives no "
           f"number ({', '.join(data[data['count'].isna()]['asset'])}).")
    words = deployed["date_text"].dropna().unique()
    when = f" (the article's words for when: \u201c{words[0]}\u201d)" if len(words) else ""
    caption = (f"What the article says was deployed in the Caribbean{when}. Solid bars: the "
               f"article names one of each. Dashed boxes: plural, with no number given.")
    return Chart(fig, data, alt, caption)


@styled
def bounds(ds: Dataset, since: str | None = None, kinds: list[str] | None = None) -> Chart:
    """Lower bounds drawn as open-ended arrows, never as closed bars."""
    forces = _forces(ds, since, kinds)
    bounded = forces[forces["count_qualifier"].isin(LOWER_BOUNDS)]
    bounded = bounded.reset_index(drop=True)
    fig, ax = subplots((8, 1.1 + 0.9 * max(len(bounded), 1)))
    top = max([int(v) for v in bounded["count"]] or [1]) * 1.6
    for y, row in bounded.iterrows():
        value = int(row["count"])
        ax.barh(y, value, color=OKABE_ITO["vermillion"], alpha=0.75, height=0.45)
        ax.annotate("", xy=(top, y), xytext=(value, y),
                    arrowprops={"arrowstyle": "-|>", "color": OKABE_ITO["vermillion"],
                                "ls": "--", "lw": 1.5})
        ax.text(value, y - 0.3, bound_label(value, row["count_qualifier"], row["unit"])
                + " (no upper figure given)", fontsize=9)
    ax.set_yticks(range(len(bounded)), bounded["asset"])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.05)
    ax.set_xlabel("count (the arrow means: at least this much, the true total unknown)")
    data = bounded[["force_id", "asset", "count", "count_qualifier"]]
    alt = ("Bars that stop at the article's lower bound and continue as dashed arrows: "
           + "; ".join(f"{r.asset}: {bound_label(r.count, r.count_qualifier)}"
                       for r in data.itertuples()) + ".")
    caption = ("The strikes as the article gives them: running totals that are lower bounds, "
               "with no date and no breakdown by strike. The arrows mark that the true totals "
               "are unknown.")
    return Chart(fig, data, alt, caption)


@styled
def pressure(ds: Dataset, since: str | None = None, kinds: list[str] | None = None) -> Chart:
    """Coercive measures on a time axis beside the negotiation's key dates."""
    forces = _forces(ds, since, kinds)
    events = forces.drop_duplicates("event_id")
    key = ds.events.set_index("event_id")
    fig, ax = subplots((10, 1.2 + 0.45 * max(len(events), 1)))
    first, _, last = _story_span(ds)
    start_axis = pd.Timestamp(since) if since else pd.Timestamp(first - timedelta(days=7))
    end_axis = pd.Timestamp(last + timedelta(days=8))
    rows = []
    for y, (_, row) in enumerate(events.iterrows()):
        lane = {"designation": "legal", "policy": "policy"}.get(str(row["kind"]), "military")
        colour, marker = TRACK_STYLE[lane]
        a = row["date_start"] if not pd.isna(row["date_start"]) else start_axis
        b = row["date_end"] if not pd.isna(row["date_end"]) else end_axis
        a, b = max(a, start_axis), min(b, end_axis)
        if a == b:
            ax.plot(a + pd.Timedelta(hours=12), y, marker=marker, color=colour, ms=8)
        else:
            open_start, open_end = pd.isna(row["date_start"]), pd.isna(row["date_end"])
            ax.barh(y, b - a + pd.Timedelta(days=1), left=a, color=colour, alpha=0.5,
                    height=0.35, hatch="///" if open_start or open_end else "")
            if open_start:
                ax.annotate("", xy=(a, y), xytext=(a + pd.Timedelta(days=4), y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
            if open_end:
                ax.annotate("", xy=(b + pd.Timedelta(days=1), y),
                            xytext=(b - pd.Timedelta(days=3), y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
        ax.text(a, y - 0.3, str(row["label"]), fontsize=8)
        rows.append({"event_id": row["event_id"], "label": row["label"], "kind": row["kind"],
                     "from": a.date(), "to": b.date()})
    for event_id, style_, height in (("call", "-", -0.95), ("deadline", "--", -0.55)):
        day = key.loc[event_id, "date_start"] + pd.Timedelta(hours=12)
        ax.axvline(day, color="black", ls=style_, lw=1)
        ax.text(day, height, f" {key.loc[event_id, 'label']}", fontsize=8, rotation=0,
                bbox={"fc": "white", "ec": "none", "pad": 0.5})
    ax.set_xlim(start_axis, end_axis)
    ax.set_ylim(len(events) - 0.4, -1.2)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))
    ax.set_xlabel(f"{ds.story_year} (the year is inferred)")
    data = pd.DataFrame(rows)
    alt = (f"Time axis from {start_axis:%B %d} to {end_axis:%B %d} ({ds.story_year}, a year "
           f"the article never states), with "
           f"{len(data)} pressure measures as bars or markers ("
           + ", ".join(data["label"]) + ") and vertical lines at the call and the deadline.")
    caption = ("The pressure around the talks. Bars span the days a measure could have begun; "
               "hatched bars with an arrow have no bound on that side. Vertical lines mark the "
               "call (solid) and the deadline (dashed).")
    return Chart(fig, data, alt, caption)


# ------------------------------------------------------------ sources


@styled
def sourcing(ds: Dataset, claimant: str = "all", status: str = "all") -> Chart:
    """How the article's claims divide by kind of source."""
    claims = ds.claims.merge(ds.sources[["source_id", "sourcing", "name"]], on="source_id")
    if claimant != "all":
        claims = claims[claims["source_id"] == claimant]
    if status != "all":
        claims = claims[claims["status"] == status]
    words = {"named_outlet": "named outlet, its sources unnamed", "anonymous": "anonymous",
             "on_record": "on the record", "article": "the article's own narration",
             "reading": "an interpretation (the article's or analysts')"}
    hatches = {"named_outlet": "", "anonymous": "///", "on_record": "...", "article": "xx"}
    colours = {"named_outlet": OKABE_ITO["blue"], "anonymous": OKABE_ITO["vermillion"],
               "on_record": OKABE_ITO["green"], "article": OKABE_ITO["orange"]}
    group = claims["sourcing"].astype(str).where(~is_interpretation(ds, claims), "reading")
    counts = group.value_counts().reindex(list(words), fill_value=0)
    fig, ax = subplots((8, 3.1))
    for y, (kind, count) in enumerate(counts.items()):
        style = (READING_STYLE if kind == "reading" else
                 {"facecolor": colours[kind], "hatch": hatches[kind], "edgecolor": "#333333"})
        ax.barh(y, count, alpha=0.7, **style)
        ax.text(count + 0.2, y, str(count), va="center")
    ax.set_yticks(range(len(counts)), [words[k] for k in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("number of claims")
    data = counts.rename("claims").rename_axis("sourcing").reset_index()
    alt = ("Horizontal bars counting claims by kind of source: " + "; ".join(
        f"{words[k]}: {n}" for k, n in counts.items()) + ".")
    caption = (f"Who stands behind the {len(claims)} claim rows shown, by kind of source. "
               f"Interpretations have a bar of their own, whoever makes them.")
    return Chart(fig, data, alt, caption)
