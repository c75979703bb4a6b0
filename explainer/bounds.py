"""The vague-number vocabulary in one place: what each qualifier means and how it reads.

The data codes every number the way the article gives it: a value with a qualifier
("over 20" is `more_than` 20), or no value at all ("destroyers": `unknown`).
"""

from __future__ import annotations

import math

from .i18n import _, ngettext

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


def units(n: int) -> dict[str, str]:
    """Every unit the data may count in, as "{n} <unit>" for `n` (singular or plural)."""
    return {
        "": "{n}",
        "ships": ngettext("{n} ship", "{n} ships", n),
        "aircraft": ngettext("{n} aircraft", "{n} aircraft", n),
        "vessels": ngettext("{n} vessel", "{n} vessels", n),
        "fatalities": ngettext("{n} fatality", "{n} fatalities", n),
        "minutes": ngettext("{n} minute", "{n} minutes", n),
        "conditions": ngettext("{n} condition", "{n} conditions", n),
        "officials": ngettext("{n} official", "{n} officials", n),
    }


def nearly_all() -> dict[str, str]:
    """Every unit after "nearly all", as one phrase each: a language whose words agree in
    gender ("casi todos los buques", "casi todas las condiciones") translates it whole."""
    return {"ships": _("nearly all ships"), "aircraft": _("nearly all aircraft"),
            "vessels": _("nearly all vessels"), "fatalities": _("nearly all fatalities"),
            "minutes": _("nearly all minutes"), "conditions": _("nearly all conditions"),
            "officials": _("nearly all officials")}


def counted(value: int, unit: str = "") -> str:
    """"20 vessels", "1 ship": a number with its unit, in the language in use."""
    try:
        return units(value)[unit if isinstance(unit, str) else ""].format(n=value)
    except KeyError:
        raise KeyError(f"no display label for unit = {unit!r}") from None


def label(value: object, qualifier: str, unit: str = "") -> str:
    """A count as the source gives it: "more than 20 vessels", "number not given"."""
    if qualifier == "nearly_all":
        if not isinstance(unit, str) or not unit:
            return _("nearly all of them")
        return nearly_all()[unit]
    import pandas as pd  # here, not at the top: reading a qualifier needs no pandas

    if value is None or pd.isna(value):
        return _("number not given") if qualifier == "unknown" else _("not a count")
    number = counted(int(value), unit)
    words = {"exact": "{count}", "at_least": _("at least {count}"),
             "more_than": _("more than {count}"), "less_than": _("less than {count}")}
    return words.get(qualifier, "{count}").format(count=number)


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
