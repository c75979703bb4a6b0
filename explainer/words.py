"""The glossary words each notebook uses: its glossary box shows exactly these (a test
checks them against what the notebook's prose and outputs use)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, ...]] = {
    "00": ("amnesty", "judicial_immunity", "icc", "crimes_against_humanity", "sanctions",
            "safe_passage", "interim_government", "chavismo", "fto", "congressional_approval",
            "pentagon", "aircraft_carrier", "nuclear_submarine", "destroyer", "f35", "nsc",
            "ultimatum", "regime_change", "operation_southern_lance", "cartel_of_the_suns",
            "stated_date", "relative_date", "inferred_date", "reported", "unverified", "denied"),
    "01": ("amnesty", "judicial_immunity", "icc", "sanctions", "safe_passage",
            "interim_government", "transition", "chavismo", "ultimatum", "anonymous_source",
            "on_the_record", "reported", "denied", "interpretation"),
    "02": ("safe_passage", "airspace_closure", "nsc", "ultimatum", "stated_date",
            "relative_date", "inferred_date", "reported"),
    "03": ("fto", "congressional_approval", "pentagon", "airspace_closure", "aircraft_carrier",
            "nuclear_submarine", "destroyer", "f35", "nsc", "ultimatum",
            "operation_southern_lance", "cartel_of_the_suns", "stated_date", "relative_date",
            "inferred_date", "lower_bound", "reported"),
    "04": ("amnesty", "judicial_immunity", "icc", "crimes_against_humanity", "sanctions",
            "safe_passage", "interim_government", "supervised_elections", "transition",
            "chavismo", "fto", "congressional_approval", "pentagon", "airspace_closure",
            "aircraft_carrier", "nuclear_submarine", "destroyer", "f35", "nsc", "ultimatum",
            "regime_change", "operation_southern_lance", "cartel_of_the_suns", "stated_date",
            "inferred_date", "anonymous_source", "on_the_record", "reported", "unverified",
            "denied", "interpretation"),
}
