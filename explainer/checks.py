"""Story rules beyond the schema: hard errors for broken rows, data notes for the source's gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import dates

if TYPE_CHECKING:
    from .data import Dataset

Tables = dict[str, pd.DataFrame]


def _blank(value: object) -> bool:
    return value is None or value is pd.NaT or bool(pd.isna(value))


def story_errors(tables: Tables, files: dict[str, str]) -> list[str]:
    """Rows that pass the schema but cannot be true: `file:row:column: message` each."""
    problems: list[str] = []

    def add(table: str, row: int, column: str, text: str) -> None:
        problems.append(f"{files[table]}:{row}:{column}: {text}")

    events = tables["events"]
    for row, ev in events.iterrows():
        start, end, basis = ev["date_start"], ev["date_end"], ev["date_basis"]
        if not _blank(start) and not _blank(end) and end < start:
            add("events", row, "date_end",
                f"{end:%Y-%m-%d} is before date_start {start:%Y-%m-%d}")
        if basis == "undated" and not (_blank(start) and _blank(end)):
            add("events", row, "date_basis", "'undated' but a date is given")
        if basis == "stated" and (_blank(start) or _blank(end)):
            add("events", row, "date_basis", "'stated' needs both date_start and date_end")
        if basis in ("relative", "inferred") and _blank(start) and _blank(end):
            add("events", row, "date_basis", f"{basis!r} needs at least one date bound")
        if _blank(ev["window_hours"]) != _blank(ev["deadline_event_id"]):
            add("events", row, "deadline_event_id",
                "window_hours and deadline_event_id go together")
        if not _blank(ev["deadline_event_id"]):
            deadline = events[events["event_id"] == ev["deadline_event_id"]]
            if not deadline.empty and _blank(deadline["date_start"].iloc[0]):
                add("events", row, "deadline_event_id", "the deadline event has no date")

    for row, force in tables["forces"].iterrows():
        has_count, qualifier = not _blank(force["count"]), force["count_qualifier"]
        if has_count and qualifier in ("unknown", "not_counted"):
            add("forces", row, "count", f"a count is given but the qualifier says {qualifier!r}")
        if not has_count and qualifier in ("exact", "at_least", "more_than"):
            add("forces", row, "count", f"qualifier {qualifier!r} needs a count")

    for row, fig in tables["figures"].iterrows():
        if _blank(fig["value"]) != (fig["qualifier"] == "nearly_all"):
            add("figures", row, "value", "only a 'nearly_all' figure may leave value empty")

    for row, claim in tables["claims"].iterrows():
        if (claim["status"] == "denied") == _blank(claim["denied_by"]):
            add("claims", row, "denied_by",
                "status 'denied' and denied_by go together (one is missing)")

    for row, term in tables["terms"].iterrows():
        if _blank(term["response_source_id"]) != _blank(term["response_evidence"]):
            add("terms", row, "response_evidence",
                "response_source_id and response_evidence go together")

    for row, item in tables["glossary"].iterrows():
        if (item["basis"] == "story") == _blank(item["source_id"]):
            add("glossary", row, "source_id",
                "a 'story' definition needs a source_id; a 'background' one has none")
    return problems


# ------------------------------------------------------------------ notes


def _note(kind: str, table: str, row_id: str, message: str):
    from .data import DataNote

    return DataNote(kind, table, row_id, message)


def year_notes(ds: Dataset) -> list:
    story = ds.package.get("story", {})
    if story.get("year_basis") != "inferred":
        return []
    text = (f"The article never states a year: every date here assumes {story.get('year')} "
            f"(inferred). {story.get('year_reason', '')}")
    return [_note("year", "events", "*", text.strip())]


def weekday_notes(ds: Dataset) -> list:
    """A named weekday that contradicts its date, or that names no date at all."""
    notes = []
    for _, ev in ds.events.iterrows():
        weekday = dates.weekday_named(ev["date_text"])
        start, end = dates.as_date(ev["date_start"]), dates.as_date(ev["date_end"])
        if weekday is None or start is None:
            continue
        if start == end:
            actual = dates.weekday_of(start)
            if actual != weekday:
                years = dates.years_with_weekday(start.month, start.day, weekday, start.year)
                other = ", ".join(str(y) for y in years) or "no nearby year"
                notes.append(_note(
                    "weekday", "events", ev["event_id"],
                    f"The article says \"{ev['date_text']}\", but {dates.fmt_day(start)} is a "
                    f"{actual}, not a {weekday}. That date fell on a {weekday} in {other}."))
        else:
            last = end or start + pd.Timedelta(days=27)
            days = dates.days_with_weekday(start, last, weekday)
            shown = ", ".join(dates.fmt_day(d) for d in days[:4])
            more = "" if end else ", or later"
            notes.append(_note(
                "weekday", "events", ev["event_id"],
                f"\"{ev['date_text']}\" names a weekday but no date: any {weekday} "
                f"{dates.interval_label(start, end)} fits ({shown}{more})."))
    return notes


def window_notes(ds: Dataset) -> list:
    """A deadline window that cannot run from the event's earliest day to its deadline."""
    notes = []
    events = ds.events.set_index("event_id")
    for event_id, ev in events.iterrows():
        if _blank(ev["window_hours"]):
            continue
        hours = int(ev["window_hours"])
        opened = dates.as_date(ev["date_start"])
        deadline = dates.as_date(events.loc[ev["deadline_event_id"], "date_start"])
        if opened is None or deadline is None:
            continue
        if dates.window_fits(opened, deadline, hours):
            continue
        first, last = dates.window_opening(deadline, hours)
        _, latest_close = dates.window_close(opened, hours)
        last_day = latest_close.date() - pd.Timedelta(days=1)
        gap = (deadline - last_day).days - 1
        opening = (f"during {dates.fmt_day(first.date())}" if hours % 24 == 0
                   else f"between {dates.fmt_moment(first)} and {dates.fmt_moment(last)}")
        notes.append(_note(
            "window", "events", str(event_id),
            f"A {hours}-hour window opened on {dates.fmt_day(opened)} would have closed by the "
            f"end of {dates.fmt_day(last_day)}, {gap} day{'s' if gap != 1 else ''} before the "
            f"deadline of {dates.fmt_day(deadline)}. A window that ended on the deadline day "
            f"opened {opening}. The article does not say when the window began."))
    return notes


def open_date_notes(ds: Dataset) -> list:
    notes = []
    for _, ev in ds.events.iterrows():
        if ev["date_basis"] == "stated":
            continue
        words = f"\"{ev['date_text']}\"" if not _blank(ev["date_text"]) else "no date words"
        span = dates.interval_label(dates.as_date(ev["date_start"]), dates.as_date(ev["date_end"]))
        notes.append(_note("date", "events", ev["event_id"],
                           f"{ev['label']}: {ev['date_basis']} date ({words}): {span}."))
    return notes


def bound_notes(ds: Dataset) -> list:
    notes = []
    for _, row in ds.forces.iterrows():
        if row["count_qualifier"] in ("more_than", "at_least", "unknown"):
            label = dates.bound_label(row["count"], row["count_qualifier"], row["unit"])
            notes.append(_note("bound", "forces", row["force_id"],
                               f"{row['asset']}: {label} (the article's words: "
                               f"\"{row['evidence']}\")."))
    for _, row in ds.figures.iterrows():
        if row["qualifier"] != "exact":
            label = dates.bound_label(row["value"], row["qualifier"], row["unit"])
            notes.append(_note("bound", "figures", row["figure_id"],
                               f"{row['measure']}: {label} (\"{row['evidence']}\")."))
    return notes


def wording_notes(ds: Dataset) -> list:
    """Terms that the lead or the Key Questions word differently from the body."""
    notes = []
    parts = {"lead": "the lead says", "key_questions": "the Key Questions say"}
    summaries = ds.claims[ds.claims["article_part"].isin(list(parts))].dropna(subset=["term_id"])
    terms = ds.terms.set_index("term_id")
    for term_id, group in summaries.groupby("term_id", observed=True, sort=False):
        told = [f"the body says \"{terms.loc[term_id, 'evidence']}\""]
        told += [f"{parts[str(part)]} \"{ev}\""
                 for part, ev in zip(group["article_part"], group["evidence"], strict=True)]
        notes.append(_note("wording", "terms", str(term_id),
                           f"{terms.loc[term_id, 'summary']} Worded differently across the "
                           f"article: {'; '.join(told)}."))
    return notes


def denial_notes(ds: Dataset) -> list:
    notes = []
    claims = ds.claims.set_index("claim_id")
    for claim_id, claim in claims.iterrows():
        if claim["status"] == "denied":
            denial = claims.loc[claim["denied_by"]]
            notes.append(_note(
                "denial", "claims", str(claim_id),
                f"Denied: \"{claim['evidence']}\" ({claim['source_id']}) is contradicted by "
                f"\"{denial['evidence']}\" ({denial['source_id']})."))
    return notes


def story_notes(ds: Dataset) -> list:
    """Every data note, in a fixed order."""
    return [
        *year_notes(ds), *weekday_notes(ds), *window_notes(ds), *open_date_notes(ds),
        *bound_notes(ds), *wording_notes(ds), *denial_notes(ds),
    ]
