"""Sentences and boxes of notes computed from the data, never typed."""

from __future__ import annotations

from .. import dates
from ..checks import is_interpretation
from ..data import Dataset
from ..i18n import _, listed, ngettext
from ..labels import label
from .parts import Notes
from .selection import timeline_rows
from .tables import source_names


def year_sentence(ds: Dataset) -> str:
    """The one line every page that shows a date carries: the year is ours, not the article's."""
    story = ds.package.get("story", {})
    if story.get("year_basis") != "inferred":
        return _("Every date is in {year}.").format(year=ds.story_year)
    return _("The article never states a year: every date here assumes {year}, which is our "
             "inference.").format(year=ds.story_year)


def loaded(ds: Dataset, what: str = "collection") -> str:
    """What the check-and-load cell reports: the data version, what it holds, the year.

    `what` is the table a notebook is about ("terms", "events", "forces", "claims"), or
    "collection" for every table.
    """
    n = {"terms": len(ds.terms), "events": len(ds.events), "forces": len(ds.forces),
         "claims": len(ds.claims)}.get(what, 0)
    holds = {
        "terms": ngettext("{n} negotiation term loaded and validated",
                          "{n} negotiation terms loaded and validated", n),
        "events": ngettext("{n} event loaded and validated",
                           "{n} events loaded and validated", n),
        "forces": ngettext("{n} row about the military pressure loaded and validated",
                           "{n} rows about the military pressure loaded and validated", n),
        "claims": ngettext("{n} claim row", "{n} claim rows", n) + " " + ngettext(
            "from {sources} source", "from {sources} sources", len(ds.sources)),
    }
    if what in holds:
        text = holds[what].format(n=n, sources=len(ds.sources))
    elif what == "collection":
        counts = {t: n for t, n in ds.row_counts().items() if t != "translations"}  # the
        rows = sum(counts.values())  # article's facts; their Spanish is not more of them
        text = ", ".join([
            ngettext("{n} row", "{n} rows", rows).format(n=rows) + " " + ngettext(
                "in {tables} table", "in {tables} tables", len(counts)).format(
                tables=len(counts)),
            ngettext("{n} data note", "{n} data notes", len(ds.notes)).format(
                n=len(ds.notes))])
    else:
        raise KeyError(f"no load sentence for {what!r}")
    return _("Data package {version}: {holds}. {year}").format(
        version=ds.version, holds=text, year=year_sentence(ds))


def term_sourcing(ds: Dataset) -> str:
    """How the claim rows about the terms are sourced, every row accounted for, as a sentence
    that says it counts the ledger's rows, not the article's sentences."""
    from ..labels import vocabulary

    rows = ds.claims[ds.claims["term_id"].notna()].merge(ds.sources, on="source_id")
    kinds = []
    for code, shown in vocabulary()["sourcing"].items():
        these = rows[rows["sourcing"] == code]
        if len(these):
            kinds.append(_("{kind}: {count} ({names})").format(
                kind=shown, count=len(these), names=listed(sorted(these["name"].unique()))))
    text = ngettext(
        "Counting rows of the claims ledger, not sentences of the article (we split some "
        "sentences into several rows, and the Key Questions restate the body): {n} row "
        "concerns the terms. By kind of source: {kinds}.",
        "Counting rows of the claims ledger, not sentences of the article (we split some "
        "sentences into several rows, and the Key Questions restate the body): {n} rows "
        "concern the terms. By kind of source: {kinds}.", len(rows)).format(
        n=len(rows), kinds="; ".join(kinds))
    on_record = rows[rows["sourcing"] == "on_record"]
    if len(on_record):
        text += " " + _("On the record: {statements}").format(
            statements=" ".join(on_record["statement"]))
    return text


def answer_sources(ds: Dataset) -> str:
    """Who the answers to the terms come from, as a sentence; our pairings said apart."""
    names = source_names(ds)
    response = ds.terms["response"].astype(str)
    direct = ds.terms[~response.isin(["countered", "not_stated"])]
    paired = ds.terms[response == "countered"]
    counts = direct["response_source_id"].value_counts()
    total = len(ds.terms)
    text = _("Who the direct answers come from, by number of terms: {sources}.").format(
        sources=listed(f"{names[source]} ({count})" for source, count in counts.items()))
    grouped = int((response == "nearly_all_rejected").sum())
    if grouped:
        text += " " + ngettext(
            "The \"nearly all\" answer covers {n} term as one of a group: the article does "
            "not say whether it was among those rejected.",
            "The \"nearly all\" answer covers {n} terms as a group: the article does not say "
            "which of them were rejected.", grouped).format(n=grouped)
    if len(paired):
        by = listed(sorted(paired["response_source_id"].map(names).unique()))
        text += " " + ngettext(
            "For {n} of {total} terms the article reports no direct answer; we set beside it "
            "a demand reported by {by} (our pairing).",
            "For {n} of {total} terms the article reports no direct answer; we set beside "
            "each a demand reported by {by} (our pairing).", len(paired)).format(
            n=len(paired), total=total, by=by)
    silent = int((response == "not_stated").sum())
    if silent:
        text += " " + _("For {n} of {total} terms the article reports no answer at all."
                        ).format(n=silent, total=total)
    return text


def known_by(ds: Dataset, as_of: str, tracks: list[str] | None = None) -> str:
    """What had and had not yet begun on `as_of`, in one paragraph."""
    rows = timeline_rows(ds, as_of, tracks)
    dated = rows[rows["shape"] != "undated"]
    begun, later = dated[dated["shown"]], dated[~dated["shown"]]
    undated = rows[rows["shape"] == "undated"]
    day = dates.fmt_day(dates.parse_iso(as_of))
    if len(begun):
        text = ngettext("By {day}, {n} of {total} dated event could have begun: {events}.",
                        "By {day}, {n} of {total} dated events could have begun: {events}.",
                        len(dated)).format(day=day, n=len(begun), total=len(dated),
                                           events=listed(begun["label"]))
    else:
        text = ngettext("By {day}, {n} of {total} dated event could have begun.",
                        "By {day}, {n} of {total} dated events could have begun.",
                        len(dated)).format(day=day, n=len(begun), total=len(dated))
    if len(later):
        text += " " + _("Not yet: {events}.").format(events=listed(later["label"]))
    if len(undated):
        text += " " + ngettext(
            "{n} event has no date at all and cannot be placed: {events}.",
            "{n} events have no date at all and cannot be placed: {events}.",
            len(undated)).format(n=len(undated), events=listed(undated["label"]))
    return text


def ledger_count(ds: Dataset, shown: int, claimant: str, status: str) -> str:
    """How many ledger rows a filtered view shows, and by which filters."""
    return ngettext(
        "Showing {n} of {total} claim row (claimant: {claimant}; status: {status}).",
        "Showing {n} of {total} claim rows (claimant: {claimant}; status: {status}).",
        len(ds.claims)).format(
        n=shown, total=len(ds.claims),
        claimant=_("all") if claimant == "all" else source_names(ds).get(claimant, claimant),
        status=_("all") if status == "all" else label("status", status))


def anonymous_share(ds: Dataset) -> str:
    """How many claim rows rest on anonymous sources, saying exactly what is counted."""
    behind = ds.claims.merge(ds.sources, on="source_id")
    told = behind[behind["article_part"] != "key_questions"]
    anonymous = told[told["sourcing"] == "anonymous"]
    on_record = told[told["sourcing"] == "on_record"]
    readers = anonymous[is_interpretation(ds, anonymous)]
    outlets = told[told["sourcing"] == "named_outlet"]
    return _("Counting the rows of this ledger, not sentences of the article (we split some "
             "sentences into several rows, and leave out the {restated} rows that restate the "
             "body in the Key Questions): {anonymous} of {told} rows rest on people the "
             "article does not name ({readers} of them an interpretation by unnamed analysts, "
             "which the figure counts with the interpretations), {outlets} on a named "
             "outlet's account whose own sources go unnamed, and {on_record} on someone "
             "speaking on the record.").format(
        restated=len(behind) - len(told), anonymous=len(anonymous), told=len(told),
        readers=len(readers), outlets=len(outlets), on_record=len(on_record))


def window_sentence(ds: Dataset, hours: int) -> str:
    """When a window of `hours` ending on the deadline day began, and whether the call fits."""
    events = ds.events.set_index("event_id")
    deadline = events.loc["deadline", "date_start"].date()
    call = events.loc["call", "date_start"].date()
    fits = dates.window_fits(call, deadline, hours)
    return _("If a {hours}-hour window ran out on {deadline}, it began {opening}. Could such a "
             "window have begun on the day of the call ({call})? {answer}. This reading "
             "assumes that the hours counted down to the deadline; the article does not say "
             "so.").format(hours=hours, deadline=dates.fmt_day(deadline),
                           opening=dates.opening_label(deadline, hours),
                           call=dates.fmt_day(call), answer=_("Yes") if fits else _("No"))


# ------------------------------------------------------------ boxes of notes


def story_steps(ds: Dataset) -> Notes:
    """The events in the article's order, each with how its date is known."""
    steps = ds.events.sort_values("seq")
    return Notes([_("{summary} [date: {basis}]").format(
        summary=row.summary, basis=label("date_basis", row.date_basis))
        for row in steps.itertuples()],
        _("What happened, as the article tells it, in the order of the dates"))


def attributed(ds: Dataset, claim_ids: list[str]) -> Notes:
    """Claims as sentences with who says them."""
    claims = ds.claims.set_index("claim_id")
    names = source_names(ds)
    return Notes([_("{claim} (who says it: {source})").format(
        claim=claims.loc[c, "statement"], source=names[claims.loc[c, "source_id"]])
        for c in claim_ids],
        _("What the pressure meant, and who says so (see the notebook on sources and claims)"))


def notes_box(ds: Dataset, box: str) -> Notes:
    """One of the collection's boxes of data notes, by name, with its title."""
    forces_events = set(ds.forces["event_id"])
    boxes = {
        "wording": (_("Where the lead and the Key Questions differ from the body"),
                    lambda n: n.kind == "wording"),
        "denial": (_("Denials on the record"), lambda n: n.kind == "denial"),
        "weekday": (_("Calendar check: weekdays and dates"), lambda n: n.kind == "weekday"),
        "calendar": (_("Calendar check"),
                     lambda n: n.kind == "weekday" and n.row_id == "deadline"),
        "dates": (_("Date uncertainty"), lambda n: n.kind in ("year", "window", "date")),
        "year": (_("The year"), lambda n: n.kind == "year"),
        "counts": (_("Counts"), lambda n: n.kind == "bound" and n.table == "forces"),
        "measure_dates": (_("Dates of the measures"),
                          lambda n: n.kind == "date" and n.row_id in forces_events),
    }
    if box not in boxes:
        raise KeyError(f"no box of notes named {box!r}: choose one of {', '.join(boxes)}")
    title, keep = boxes[box]
    return Notes([n.message for n in ds.notes if keep(n)], title)
