"""What each notebook shows, selected once: its tables, figures and sentences all filter
through these functions, so they always agree."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..data import Dataset


def story_span(ds: Dataset) -> tuple[date, date, date]:
    """The first and last days the events name, and the day of the call, from the data."""
    days = [d.date() for col in ("date_start", "date_end") for d in ds.events[col].dropna()]
    call = ds.events.set_index("event_id")["date_start"].get("call")
    return min(days), (call.date() if not pd.isna(call) else max(days)), max(days)


def timeline_rows(ds: Dataset, as_of: str | None = None,
                  tracks: list[str] | None = None) -> pd.DataFrame:
    """Events with their interval kind (`shape`) and whether they had begun by `as_of`."""
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


def forces_rows(ds: Dataset, since: str | None, kinds: list[str] | None) -> pd.DataFrame:
    """Measures of the chosen kinds that had not ended before `since`, with their dates."""
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


def claims_rows(ds: Dataset, claimant: str = "all", status: str = "all") -> pd.DataFrame:
    """Claims with their source's name, channel and kind, by one source and one status."""
    claims = ds.claims.merge(ds.sources[["source_id", "name", "via", "sourcing"]],
                             on="source_id").sort_values("seq")
    if claimant != "all":
        claims = claims[claims["source_id"] == claimant]
    if status != "all":
        claims = claims[claims["status"] == status]
    return claims


def terms_rows(ds: Dataset, perspective: str = "both") -> pd.DataFrame:
    """The terms in reading order: one side's first ("caracas", "washington"), or, for
    "both", category by category, the two sides' terms side by side."""
    terms = ds.terms.copy()
    terms["side"] = terms["position"].astype(str).str.split("_").str[0]
    order = {c: i for i, c in enumerate(ds.enum("terms", "category"))}
    terms["category_order"] = terms["category"].astype(str).map(order)
    if perspective in ("caracas", "washington"):
        terms["lead"] = (terms["side"] != perspective).astype(int)
        return terms.sort_values(["lead", "seq"]).drop(columns="lead")
    return terms.sort_values(["category_order", "seq"])


def glossary_forms(term: str) -> list[str]:
    """The spellings of a glossary term a text may use: "Foreign terrorist organization
    (FTO)" is met as either; "Chavismo / Chavista" as either; "The Pentagon" as "Pentagon"."""
    import re

    found = []
    for part in re.split(r"\s*/\s*|\s*\(|\)", term):
        part = re.sub(r"^the ", "", part.strip(), flags=re.IGNORECASE)
        if part:
            found.append(part)
    return found


def glossary_used(ds: Dataset, text: str) -> list[str]:
    """The glossary entries a text uses (a form, or its plural, as a whole word)."""
    import re

    return [row.glossary_id for row in ds.glossary.itertuples()
            if any(re.search(rf"\b{re.escape(form)}s?\b", text, re.IGNORECASE)
                   for form in glossary_forms(str(row.term)))]
