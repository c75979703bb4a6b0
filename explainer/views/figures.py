"""What each figure shows: the rows it draws, every word on it, its alt text and caption.

A `Plot` holds no drawing; `explainer.charts` draws it. Everything here runs without
matplotlib, so alt text and captions are tested on their own.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from .. import bounds as qualifiers
from .. import dates
from ..checks import is_interpretation
from ..data import Dataset
from ..i18n import _, day, listed, ngettext
from ..labels import label, labels
from .parts import Plot
from .selection import claims_rows, forces_rows, story_span, timeline_rows


def _noon(value: date) -> datetime:
    return datetime.combine(value, datetime.min.time()) + timedelta(hours=12)


def _midnight(value: date) -> datetime:
    return datetime.combine(value, datetime.min.time())



def _counts(values: pd.Series, order: list[str], field: str, column: str) -> pd.DataFrame:
    """How many rows take each code of `field`, in the package's order, with its label."""
    counts = values.astype(str).value_counts().reindex(order, fill_value=0)
    data = counts.rename(column).rename_axis(field).reset_index()
    data["label"] = labels(field, data[field])
    return data


def _tally(data: pd.DataFrame, column: str) -> str:
    """"label: count; label: count", for alt text."""
    return "; ".join(f"{label}: {count}" for label, count in zip(
        data["label"], data[column], strict=True))


# ------------------------------------------------------------ timeline


def _chosen(ds: Dataset, since: str | None, kinds: list[str] | None) -> str:
    """The measures a reader chose, in words, for a sentence saying none matched."""
    chosen = listed(labels("kind", kinds)) if kinds else _("all kinds")
    when = dates.fmt_day(dates.parse_iso(since)) if since else _("the start")
    return _("kinds: {kinds}; under way on or after {day}").format(kinds=chosen, day=when)


def _month_ticks(lo: date, hi: date) -> list[tuple[datetime, str]]:
    first = date(lo.year, lo.month, 1)
    ticks = []
    while first <= hi:
        if first >= lo:
            ticks.append((_midnight(first), day(first, "month_short")))
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return ticks


def timeline(ds: Dataset, as_of: str | None = None, tracks: list[str] | None = None,
             window_hours: int | None = None, compact: bool = False) -> Plot:
    """Events in lanes; intervals as bars, open ends as arrows, the as_of day as a line."""
    rows = timeline_rows(ds, as_of, tracks)
    shown = rows[rows["shown"] & (rows["shape"] != "undated")]
    present = set(rows["track"].astype(str))
    lanes = [t for t in ds.enum("events", "track") if t in present]
    first, call, last = story_span(ds)
    near = [d.date() for d in ds.events["date_start"].dropna()
            if timedelta(0) <= call - d.date() <= timedelta(days=21)]
    split = (min(near, default=call) - timedelta(days=3), last + timedelta(days=8))
    left_span = (first - timedelta(days=7), split[0])
    year = ds.story_year
    text: dict[str, Any] = {
        "lanes": dict(zip(lanes, labels("track", lanes), strict=True)),
        "left_title": _("{start} to {end} ({year}, inferred)").format(
            start=day(left_span[0], "month_short"), end=day(split[0], "month_day"), year=year),
        "right_title": _("{start} to {end} (scale enlarged)").format(
            start=day(split[0], "month_day"), end=day(split[1], "month_day")),
        "undated": {},
    }
    if not compact:
        for lane in lanes:
            undated = rows[(rows["track"] == lane) & (rows["shape"] == "undated")]
            if len(undated):
                text["undated"][lane] = _("Undated, not drawn: {events}").format(
                    events=listed(undated["label"]))
    stated = ds.events[ds.events["date_basis"] == "stated"]["date_start"].dropna()
    layout: dict[str, Any] = {
        "lanes": lanes, "left_span": left_span, "right_span": split, "compact": compact,
        "left_ticks": _month_ticks(*left_span),
        "right_ticks": [(_noon(d), day(d, "month_day")) for d in
                        sorted({d.date() for d in stated if split[0] <= d.date() <= split[1]})],
    }
    deadline = dates.as_date(ds.events.set_index("event_id")["date_start"].get("deadline"))
    offer = ds.events.set_index("event_id").get("window_hours")
    hours = window_hours or (int(offer.dropna().iloc[0]) if offer is not None and
                             offer.notna().any() else None)
    if deadline and hours:
        opens, _latest = dates.window_opening(deadline, hours)
        layout["window"] = (opens, _midnight(deadline + timedelta(days=1)))
        layout["deadline"] = _noon(deadline)
        text["window"] = _("{hours} hours counting down to the deadline (one reading)").format(
            hours=hours)
        text["deadline"] = _("deadline ({day})").format(day=dates.fmt_day(deadline))
    if as_of:
        layout["as_of"] = _midnight(dates.parse_iso(as_of)) + timedelta(hours=23)
        text["as_of"] = _("as of {day}").format(day=as_of)
    data = shown[["event_id", "label", "track", "date_start", "date_end", "date_basis",
                  "shape"]].reset_index(drop=True)
    hidden = len(rows) - len(data)
    counts = data["shape"].value_counts()
    points, bars, open_bars = (int(counts.get(k, 0)) for k in ("point", "interval", "open"))
    inferred = len(data[(data["shape"] == "point") & (data["date_basis"] == "inferred")])
    alt = " ".join([
        ngettext("Timeline in {n} lane ({lanes}) from {start} to {end} ({year}, a year the "
                 "article never states).",
                 "Timeline in {n} lanes ({lanes}) from {start} to {end} ({year}, a year the "
                 "article never states).", len(lanes)).format(
            n=len(lanes), lanes=listed(labels("track", lanes)),
            start=day(left_span[0], "month_day_long"), end=day(split[1], "month_day_long"),
            year=year),
        ngettext("{n} event is drawn:", "{n} events are drawn:", len(data)).format(n=len(data)),
        ngettext("{n} on a single day, drawn as a marker", "{n} on a single day, drawn as "
                 "markers", points).format(n=points),
        ngettext("({n} of them inferred by us, drawn hollow);",
                 "({n} of them inferred by us, drawn hollow);", inferred).format(n=inferred),
        ngettext("{n} as a bar spanning its possible dates;",
                 "{n} as bars spanning their possible dates;", bars).format(n=bars),
        ngettext("{n} as a bar with an arrow where the article gives no bound.",
                 "{n} as bars with an arrow where the article gives no bound.",
                 open_bars).format(n=open_bars),
        ngettext("{n} event is not drawn (undated or not yet begun).",
                 "{n} events are not drawn (undated or not yet begun).", hidden).format(n=hidden),
    ])
    caption = _("The timeline. Filled markers: a day the article gives; hollow markers: a "
                "single day we infer. Bars: the range of days the article allows, or, where "
                "we infer the date, the range we allow (the events table says which); hatching "
                "shows how the date is known (--- month only, /// relative, ... inferred by "
                "us). Arrows: no bound given.")
    if "window" in layout:
        caption += " " + _("Shaded: the {hours} hours if they counted down to the deadline, "
                           "one reading; the article does not say.").format(hours=hours)
    if any(n.kind == "weekday" and n.row_id == "deadline" for n in ds.notes):
        caption += " " + _("The deadline is drawn on the date the article states; the "
                           "weekday it names does not match that date (see the calendar "
                           "check).")
    if as_of:
        caption += " " + _("Black line: as of {day} ({year}, inferred).").format(
            day=day(dates.parse_iso(as_of), "month_day_long"), year=year)
    empty = "" if len(data) else _(
        "Nothing to draw: no dated event in the lanes chosen had begun by {day}.").format(
        day=as_of or "")
    return Plot("timeline", data, alt, caption, text, layout, empty)


# ------------------------------------------------------------ terms


def terms_side_by_side(ds: Dataset, perspective: str = "both") -> Plot:
    """Each side's terms by category, in two columns, beside the article's own reading."""
    terms = ds.terms.copy()
    terms["side"] = terms["position"].astype(str).str.split("_").str[0]
    sides = ["caracas", "washington"] if perspective != "washington" else ["washington",
                                                                          "caracas"]
    categories = [c for c in ds.enum("terms", "category")
                  if c in set(terms["category"].astype(str))]
    if perspective in ("caracas", "washington"):  # lead side's categories first
        first = set(terms[terms["side"] == perspective]["category"].astype(str))
    else:  # both: first the categories where the two sides' terms meet
        first = {c for c in categories
                 if set(terms[terms["category"] == c]["side"]) >= {"caracas", "washington"}}
    categories = [c for c in categories if c in first] + [
        c for c in categories if c not in first]
    rows = []
    for category in categories:
        for side in sides:
            group = terms[(terms["category"] == category) & (terms["side"] == side)]
            for term in group.itertuples():
                rows.append({"category": category, "side": side, "term_id": term.term_id,
                             "label": term.label, "response": str(term.response),
                             "text": _("{term} ({verb})").format(
                                 term=term.label, verb=label("verb", term.position))})
    read = ds.claims[is_interpretation(ds, ds.claims) & ds.claims["term_id"].notna()]
    category_of = ds.terms.set_index("term_id")["category"].astype(str)
    for claim in read.itertuples():
        rows.append({"category": category_of[claim.term_id], "side": "reading", "term_id": "",
                     "label": str(claim.evidence), "response": "",
                     "text": _("\u201c{quote}\u201d").format(quote=claim.evidence)})
    data = pd.DataFrame(rows)
    responses = ds.enum("terms", "response")
    text = {
        "categories": dict(zip(categories, labels("category", categories), strict=True)),
        "columns": [_("{side}'s side").format(side=label("side", s)) for s in sides]
        + [_("The article's own reading\n(not a term)")],
        "empty": _("nothing on the table"),
        "legend_title": _("What the article reports came of each term"),
        "responses": dict(zip(responses, labels("response", responses), strict=True)),
    }
    per_category = []
    for c in categories:
        members = data[data["category"] == c]
        per_category.append(_("{category}: {terms}").format(
            category=label("category", c), terms=listed(
                f"{label('side', r.side)}: {r.text}" for r in members.itertuples())))
    alt = ngettext("Grid of {n} category by side.", "Grid of {n} categories by side.",
                   len(categories)).format(n=len(categories)) + " " + "; ".join(
        per_category) + "."
    caption = _("What each side asked for or offered, and what Washington agreed to consider, "
                "by category, as the article reports it. Where both sides have terms in one "
                "category, read them together. A grey dotted box is the article's own reading "
                "of a term; neither side put it forward.")
    return Plot("terms_side_by_side", data, alt, caption, text,
                {"categories": categories, "sides": sides, "responses": responses})


def term_outcomes(ds: Dataset) -> Plot:
    """How many terms got each kind of answer, with their names."""
    terms = ds.terms.sort_values("seq")
    order = ds.enum("terms", "response")
    data = _counts(terms["response"], order, "response", "terms")
    data = data[data["terms"] > 0].reset_index(drop=True)
    data["names"] = [listed(terms[terms["response"] == r]["label"]) for r in data["response"]]
    alt = _("Horizontal bars counting terms by outcome: {counts}.").format(
        counts=_tally(data, "terms"))
    caption = ngettext(
        "What the article reports happened to the {n} term, grouped by the answer it got. "
        "Each answer has its own source: see the terms table.",
        "What the article reports happened to each of the {n} terms, grouped by the answer "
        "it got. Each answer has its own source: see the terms table.", len(terms)
    ).format(n=len(terms))
    return Plot("term_outcomes", data, alt, caption, {"x": _("number of terms")})


# ------------------------------------------------------------ forces


def assets(ds: Dataset, since: str | None = None, kinds: list[str] | None = None) -> Plot:
    """Deployed assets: known counts as solid bars, unknown counts as open hatched boxes."""
    forces = forces_rows(ds, since, kinds)
    deployed = forces[forces["kind"] == "deployment"].reset_index(drop=True)
    data = deployed[["force_id", "asset", "count", "count_qualifier"]].copy()
    data["text"] = [qualifiers.label(c, q, u) for c, q, u in zip(
        deployed["count"], deployed["count_qualifier"].astype(str), deployed["unit"],
        strict=True)]
    known = data.dropna(subset=["count"])
    unknown = data[data["count"].isna()]
    alt = " ".join([
        ngettext("Bars for {n} deployed asset:", "Bars for {n} deployed assets:",
                 len(data)).format(n=len(data)),
        ngettext("{n} with a count given ({names}),", "{n} with a count given ({names}),",
                 len(known)).format(n=len(known), names=listed(known["asset"])),
        ngettext("and {n} drawn as a hatched band across the whole width, of no length, "
                 "because the article gives no number ({names}).", "and {n} drawn as hatched "
                 "bands across the whole width, of no length, because the article gives no "
                 "number ({names}).", len(unknown)).format(
            n=len(unknown), names=listed(unknown["asset"]))])
    words = deployed["date_text"].dropna().unique()
    operations = deployed["operation"].dropna().unique()
    caption = (_("What the article says was deployed, as part of {operation}.").format(
        operation=listed(operations)) if len(operations)
        else _("What the article says was deployed."))
    if len(words):
        caption += " " + _("The article's words for when: \u201c{words}\u201d.").format(
            words=words[0])
    caption += " " + _("Solid bars: the article names one of each. Hatched bands across the "
                       "whole width: plural, with no number given; their length means "
                       "nothing.")
    empty = "" if len(data) else _("Nothing to draw: no deployment among the measures "
                                   "chosen ({chosen}).").format(chosen=_chosen(ds, since, kinds))
    return Plot("assets", data, alt, caption, {"x": _("count given by the article")},
                empty=empty)


def bounds(ds: Dataset, since: str | None = None, kinds: list[str] | None = None) -> Plot:
    """Lower bounds, to be drawn as open-ended arrows, never as closed bars."""
    forces = forces_rows(ds, since, kinds)
    bounded = forces[forces["count_qualifier"].isin(qualifiers.LOWER_BOUNDS)].reset_index(drop=True)
    data = bounded[["force_id", "asset", "count", "count_qualifier"]].copy()
    data["text"] = [_("{count} (no upper figure given)").format(count=qualifiers.label(
        c, q, u)) for c, q, u in zip(bounded["count"], bounded["count_qualifier"].astype(str),
                                      bounded["unit"], strict=True)]
    alt = _("Bars that stop at the article's lower bound and continue as dashed arrows: "
            "{bounds}.").format(bounds="; ".join(
                f"{r.asset}: {qualifiers.label(r.count, r.count_qualifier)}"
                for r in data.itertuples()))
    caption = _("The destroyed vessels and the fatalities as the article gives them: running "
                "totals that are lower bounds, with no date and no breakdown by vessel. The "
                "arrows mark that the true totals are unknown.")
    empty = "" if len(data) else _("Nothing to draw: no count given as a lower bound among "
                                   "the measures chosen ({chosen}).").format(
        chosen=_chosen(ds, since, kinds))
    return Plot("bounds", data, alt, caption,
                {"x": _("count (the arrow: no upper figure given, the true total unknown)")},
                empty=empty)


#: The lane whose colour and marker a kind of measure borrows in the pressure chart.
KIND_LANE = {"designation": "legal", "policy": "policy"}


def pressure(ds: Dataset, since: str | None = None, kinds: list[str] | None = None) -> Plot:
    """Coercive measures on a time axis beside the call and the deadline."""
    forces = forces_rows(ds, since, kinds)
    events = forces.drop_duplicates("event_id")
    key = ds.events.set_index("event_id")
    first, _call, last = story_span(ds)
    start = pd.Timestamp(since) if since else pd.Timestamp(first - timedelta(days=7))
    end = pd.Timestamp(last + timedelta(days=8))
    rows = []
    for row in events.itertuples():
        a = row.date_start if not pd.isna(row.date_start) else start
        b = row.date_end if not pd.isna(row.date_end) else end
        rows.append({"event_id": row.event_id, "label": row.label, "kind": row.kind,
                     "lane": KIND_LANE.get(str(row.kind), "military"),
                     "start": max(a, start), "end": min(b, end),
                     "open_start": pd.isna(row.date_start), "open_end": pd.isna(row.date_end)})
    data = pd.DataFrame(rows, columns=["event_id", "label", "kind", "lane", "start", "end",
                                       "open_start", "open_end"])
    lines = [{"at": key.loc[event_id, "date_start"] + pd.Timedelta(hours=12),
              "label": str(key.loc[event_id, "label"]), "style": style}
             for event_id, style in (("call", "-"), ("deadline", "--"))
             if event_id in key.index and not pd.isna(key.loc[event_id, "date_start"])]
    ticks = [(pd.Timestamp(d), day(d.date(), "month_day"))
             for d in pd.date_range(start.normalize(), end, freq="W-MON")]
    alt = ngettext(
        "Time axis from {start} to {end} ({year}, a year the article never states), with {n} "
        "event as a bar or marker ({measures}) and vertical lines at the call and the "
        "deadline.",
        "Time axis from {start} to {end} ({year}, a year the article never states), with {n} "
        "events as bars or markers ({measures}) and vertical lines at the call and the "
        "deadline.", len(data)).format(
        start=day(start.date(), "month_day_long"), end=day(end.date(), "month_day_long"),
        year=ds.story_year, n=len(data), measures=listed(data["label"]))
    caption = _("The pressure around the talks. Bars span the days an event could have begun; "
                "hatched bars with an arrow have no bound on that side. Vertical lines mark the "
                "call (solid) and the deadline (dashed).")
    empty = "" if len(data) else _("Nothing to draw: no measure matches ({chosen}).").format(
        chosen=_chosen(ds, since, kinds))
    return Plot("pressure", data, alt, caption,
                {"x": _("{year} (the year is inferred)").format(year=ds.story_year)},
                {"span": (start, end), "lines": lines, "ticks": ticks}, empty)


# ------------------------------------------------------------ sources


def sourcing(ds: Dataset, claimant: str = "all", status: str = "all") -> Plot:
    """How the claims shown divide by kind of source; interpretations apart."""
    claims = claims_rows(ds, claimant, status)
    kinds = [*ds.enum("sources", "sourcing"), "reading"]
    group = claims["sourcing"].astype(str).where(~is_interpretation(ds, claims), "reading")
    data = _counts(group, kinds, "sourcing", "claims")
    alt = _("Horizontal bars counting claims by kind of source: {counts}.").format(
        counts=_tally(data, "claims"))
    caption = ngettext(
        "Who stands behind the {n} claim row shown, by kind of source. Interpretations have "
        "a bar of their own, whoever makes them.",
        "Who stands behind the {n} claim rows shown, by kind of source. Interpretations have "
        "a bar of their own, whoever makes them.", len(claims)).format(n=len(claims))
    empty = "" if len(claims) else _("Nothing to draw: no claim row matches (claimant: "
                                     "{claimant}; status: {status}).").format(
        claimant=_("all") if claimant == "all" else ds.sources.set_index("source_id")
        ["name"].get(claimant, claimant), status=_("all") if status == "all" else label(
            "status", status))
    return Plot("sourcing", data, alt, caption, {"x": _("number of claims")}, empty=empty)
