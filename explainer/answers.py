"""The teacher's side of the exercises: each answer computed from the data, and the salted
hashes the student-facing check compares against (`python -m explainer answers`).

This module is left out of the student edition: nothing a student imports can compute or
print an answer. The answers are also pinned by hand, from the article, in the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import bounds
from .data import Dataset

HASHES = Path(__file__).parent / "answers.json"


def expected(ds: Dataset, label: str) -> object:
    """The answer to the coded exercise `label`, computed from the data (ids, not names)."""
    events = ds.events.set_index("event_id")
    side = ds.terms["position"].astype(str).str.split("_").str[0]
    answers = {
        "caracas_terms": lambda: int((side == "caracas").sum()),
        "shared_categories": lambda: sorted(
            set(ds.terms.loc[side == "caracas", "category"].astype(str))
            & set(ds.terms.loc[side == "washington", "category"].astype(str))),
        "considered_proposal": lambda: str(ds.terms.loc[
            ds.terms["position"] == "washington_considered", "term_id"].iloc[0]),
        "call_to_deadline": lambda: int((events.loc["deadline", "date_start"]
                                         - events.loc["call", "date_start"]).days),
        "relative_dates": lambda: sorted(
            ds.events.loc[ds.events["date_basis"] == "relative", "event_id"]),
        "begun_by_nov_25": lambda: int(((ds.events["date_start"].fillna(ds.events["date_end"])
                                         <= pd.Timestamp(ds.story_year, 11, 25))).sum()),
        "unnumbered_assets": lambda: int(ds.forces[(ds.forces["kind"] == "deployment")
                                                   & ds.forces["count"].isna()].shape[0]),
        "per_vessel_bounds": lambda: _deaths_per_vessel(ds),
        "relative_single_day": lambda: str(ds.forces.merge(ds.events, on="event_id").query(
            "date_start == date_end and date_basis == 'relative'")["force_id"].iloc[0]),
        "anonymous_phrases": lambda: int((ds.sources["sourcing"] == "anonymous").sum()),
        "denied_parts": lambda: sorted(set(ds.claims.loc[ds.claims["status"] == "denied",
                                                         "article_part"].astype(str))),
        "on_record_sources": lambda: sorted(
            ds.sources.loc[ds.sources["sourcing"] == "on_record", "source_id"]),
        "event_rows": lambda: len(ds.events),  # the template's example
    }
    return answers[label]()


def _deaths_per_vessel(ds: Dataset) -> tuple[bool, bool]:
    forces = ds.forces.set_index("force_id")
    deaths, vessels = forces.loc["deaths"], forces.loc["vessels_destroyed"]
    low, high = bounds.ratio_range(deaths["count"], deaths["count_qualifier"],
                             vessels["count"], vessels["count_qualifier"])
    return low < 1, high > 10


def write_hashes(ds: Dataset) -> Path:
    """Write the salted hash of every exercise's normalised answer beside this module."""
    from .classroom import coded, digest

    hashes = {label: digest(label, expected(ds, label), ds) for label in coded()}
    HASHES.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return HASHES
