"""Date and uncertainty logic: intervals, weekdays, deadline windows, bounds.

Weekday names here are English on purpose: they are read from the article's text.
Dates shown to a reader go through Babel (`fmt_day`, `i18n.day`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from . import i18n
from .i18n import _

WEEKDAYS = list(calendar.day_name)  # Monday .. Sunday
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


def parse_iso(text: str) -> date:
    """An ISO `YYYY-MM-DD` date; ValueError with a plain message otherwise."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(_("{text} is not an ISO date (YYYY-MM-DD)").format(text=repr(text)))
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(_("{text} is not a real calendar date").format(
            text=repr(text))) from None


def as_date(value: object) -> date | None:
    """A pandas/py date-like as a `date`, or None when missing."""
    import pandas as pd  # here, not at the top: checking a parameter needs no pandas

    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def weekday_named(text: object) -> str | None:
    """The weekday a phrase names ("on Friday, November 29" -> "Friday"), if any."""
    if not isinstance(text, str):
        return None
    match = _WEEKDAY_RE.search(text)
    return match.group(1).capitalize() if match else None


def weekday_of(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def weekday_shown(weekday: str) -> str:
    """An English weekday name ("Friday"), as the language in use says it."""
    from babel.dates import get_day_names

    return get_day_names("wide", locale=i18n.current())[WEEKDAYS.index(weekday)]


def years_with_weekday(month: int, day: int, weekday: str, around: int, span: int = 6) -> list[int]:
    """Years within `span` of `around` in which month/day falls on `weekday`."""
    target = WEEKDAYS.index(weekday)
    return [
        year
        for year in range(around - span, around + span + 1)
        if date(year, month, day).weekday() == target
    ]


def days_with_weekday(start: date, end: date, weekday: str) -> list[date]:
    """Every day in [start, end] that falls on `weekday`."""
    target = WEEKDAYS.index(weekday)
    first = start + timedelta(days=(target - start.weekday()) % 7)
    return [first + timedelta(days=7 * k) for k in range((end - first).days // 7 + 1)]


def window_close(opened: date, hours: int) -> tuple[datetime, datetime]:
    """Earliest and latest close of a window opened at some time on day `opened`."""
    start = datetime.combine(opened, datetime.min.time())
    return start + timedelta(hours=hours), start + timedelta(days=1, hours=hours)


def window_opening(deadline: date, hours: int) -> tuple[datetime, datetime]:
    """Earliest and latest opening of a window of `hours` that closes on day `deadline`."""
    end = datetime.combine(deadline, datetime.min.time())
    return end - timedelta(hours=hours), end + timedelta(days=1) - timedelta(hours=hours)


def opening_label(deadline: date, hours: int) -> str:
    """When a window of `hours` that ran out on day `deadline` began, in words."""
    first, last = window_opening(deadline, hours)
    if hours % 24 == 0:
        return _("during {day}").format(day=fmt_day(first.date()))
    return _("between {start} and {end}").format(start=fmt_moment(first), end=fmt_moment(last))


def window_fits(opened: date, deadline: date, hours: int) -> bool:
    """Can a window of `hours` opened on day `opened` close on day `deadline`?"""
    earliest_close, latest_close = window_close(opened, hours)
    day_start = datetime.combine(deadline, datetime.min.time())
    return earliest_close < day_start + timedelta(days=1) and latest_close > day_start


def fmt_day(day: date | None) -> str:
    """`November 29, 2025` style in the language in use, or "?" for an open bound."""
    return "?" if day is None else i18n.day(day)


def fmt_moment(moment: datetime) -> str:
    text = fmt_day(moment.date())
    return text if moment.time() == datetime.min.time() else f"{text} {moment:%H:%M}"


def interval_label(start: date | None, end: date | None) -> str:
    """A readable label for an interval with possibly open ends."""
    if start is None and end is None:
        return _("no date given")
    if start is None:
        return _("on or before {day}").format(day=fmt_day(end))
    if end is None:
        return _("on or after {day}").format(day=fmt_day(start))
    if start == end:
        return fmt_day(start)
    return _("between {start} and {end}").format(start=fmt_day(start), end=fmt_day(end))
