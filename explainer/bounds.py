"""The vague-number vocabulary in one place: what each qualifier means and how it reads.

The data codes every number the way the article gives it: a value with a qualifier
("over 20" is `more_than` 20), or no value at all ("destroyers": `unknown`).
"""

from __future__ import annotations

import math

#: A number that is a floor: the true count is at least, or more than, this.
LOWER_BOUNDS = ("more_than", "at_least")
#: A number that is a ceiling.
UPPER_BOUNDS = ("less_than",)
#: Qualifiers that carry a number in the data.
WITH_A_NUMBER = ("exact", *LOWER_BOUNDS, *UPPER_BOUNDS)
#: Qualifiers that leave the number empty.
WITHOUT_A_NUMBER = ("unknown", "not_counted", "nearly_all")
#: A count the article leaves vague, worth a data note.
VAGUE = (*LOWER_BOUNDS, "unknown")

_WORDS = {"exact": "", "at_least": "at least ", "more_than": "more than ",
          "less_than": "less than "}


def label(value: object, qualifier: str, unit: str = "") -> str:
    """A count as the source gives it: "more than 20 vessels", "number not given"."""
    unit = f" {unit}" if isinstance(unit, str) and unit else ""
    if qualifier == "nearly_all":
        return f"nearly all{unit}"
    import pandas as pd  # here, not at the top: reading a qualifier needs no pandas

    if value is None or pd.isna(value):
        return "number not given" if qualifier == "unknown" else "not a count"
    if int(value) == 1 and qualifier == "exact":
        unit = unit.removesuffix("s")  # "1 ship"; the message catalogue will carry plurals
    return f"{_WORDS.get(qualifier, '')}{int(value)}{unit}"


def value_range(value: float, qualifier: str) -> tuple[float, float]:
    """The values a count can take, given the article's qualifier."""
    if qualifier == "exact":
        return value, value
    if qualifier in LOWER_BOUNDS:
        return value, math.inf
    if qualifier in UPPER_BOUNDS:
        return 0.0, value
    return 0.0, math.inf  # unknown


def ratio_range(a: float, qa: str, b: float, qb: str) -> tuple[float, float]:
    """The lowest and highest a/b the qualifiers allow (a "per b" rate)."""
    a_low, a_high = value_range(a, qa)
    b_low, b_high = value_range(b, qb)
    low = 0.0 if math.isinf(b_high) else a_low / b_high
    high = math.inf if math.isinf(a_high) or b_low == 0 else a_high / b_low
    return low, high
