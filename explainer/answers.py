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


def expected(ds: Dataset, notebook: str, number: int) -> object:
    """The answer to exercise `number` of `notebook`, computed from the data."""
    events = ds.events.set_index("event_id")
    answers = {
        ("01", 1): lambda: int(ds.terms["position"].astype(str).str.startswith("caracas").sum()),
        ("01", 2): lambda: sorted(
            set(ds.terms[ds.terms["position"].astype(str).str.startswith("caracas")]["category"]
                .astype(str))
            & set(ds.terms[ds.terms["position"].astype(str).str.startswith("washington")]
                  ["category"].astype(str))),
        ("01", 3): lambda: ds.terms[ds.terms["position"] == "washington_considered"]["term_id"]
        .tolist(),
        ("02", 1): lambda: int((events.loc["deadline", "date_start"]
                                - events.loc["call", "date_start"]).days),
        ("02", 2): lambda: sorted(ds.events[ds.events["date_basis"] == "relative"]["event_id"]),
        ("02", 3): lambda: int(((ds.events["date_start"].fillna(ds.events["date_end"])
                                 <= pd.Timestamp(ds.story_year, 11, 25))).sum()),
        ("03", 1): lambda: int(ds.forces[(ds.forces["kind"] == "deployment")
                                         & ds.forces["count"].isna()].shape[0]),
        ("03", 2): lambda: _deaths_per_vessel(ds),
        ("03", 3): lambda: str(ds.forces.merge(ds.events, on="event_id").query(
            "date_start == date_end and date_basis == 'relative'")["force_id"].iloc[0]),
        ("04", 1): lambda: int((ds.sources["sourcing"] == "anonymous").sum()),
        ("04", 2): lambda: sorted(ds.claims[ds.claims["status"] == "denied"]["claim_id"]),
        ("04", 3): lambda: sorted(ds.sources[ds.sources["sourcing"] == "on_record"]
                                  ["source_id"]),
    }
    return answers[(notebook, number)]()


def _deaths_per_vessel(ds: Dataset) -> tuple[bool, bool]:
    forces = ds.forces.set_index("force_id")
    deaths, vessels = forces.loc["deaths"], forces.loc["vessels_destroyed"]
    low, high = bounds.ratio_range(deaths["count"], deaths["count_qualifier"],
                             vessels["count"], vessels["count_qualifier"])
    return low < 1, high > 10




def write_hashes(ds: Dataset) -> Path:
    """Write the salted hash of every exercise's normalised answer beside this module."""
    from .classroom import digest, exercises

    hashes = {}
    for key in exercises():
        notebook, number = key.split(".")
        hashes[key] = digest(key, expected(ds, notebook, int(number)))
    HASHES.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return HASHES
