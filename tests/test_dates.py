"""Date and bound logic, against calendar facts written down independently."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from explainer import dates


def test_weekdays_from_a_known_calendar():
    # Known facts: 2025-11-29 was a Saturday; 2024-11-29 a Friday; 2025-11-24 a Monday.
    assert dates.weekday_of(date(2025, 11, 29)) == "Saturday"
    assert dates.weekday_of(date(2024, 11, 29)) == "Friday"
    assert dates.weekday_of(date(2025, 11, 24)) == "Monday"


def test_years_in_which_november_29_is_a_friday():
    assert dates.years_with_weekday(11, 29, "Friday", 2025, span=6) == [2019, 2024, 2030]


def test_weekday_named_in_a_phrase():
    assert dates.weekday_named("on Friday, November 29") == "Friday"
    assert dates.weekday_named("on monday") == "Monday"
    assert dates.weekday_named("Days earlier") is None
    assert dates.weekday_named(None) is None


def test_mondays_in_a_range():
    assert dates.days_with_weekday(date(2025, 11, 21), date(2025, 12, 2), "Monday") == [
        date(2025, 11, 24), date(2025, 12, 1)]


def test_a_72_hour_window_from_the_call_cannot_reach_the_deadline():
    assert not dates.window_fits(date(2025, 11, 21), date(2025, 11, 29), 72)
    assert dates.window_fits(date(2025, 11, 26), date(2025, 11, 29), 72)
    # eight days is 192 hours: a window that long opened on the 21st can end on the 29th
    assert dates.window_fits(date(2025, 11, 21), date(2025, 11, 29), 192)


def test_window_opening_for_a_deadline_day():
    first, last = dates.window_opening(date(2025, 11, 29), 72)
    assert first == datetime(2025, 11, 26) and last == datetime(2025, 11, 27)


@pytest.mark.parametrize(("text", "message"), [
    ("2025-02-30", "is not a real calendar date"),
    ("2025-13-01", "is not a real calendar date"),
    ("Nov 29", "is not an ISO date"),
    ("", "is not an ISO date"),
])
def test_parse_iso_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        dates.parse_iso(text)


def test_interval_labels():
    d = date(2025, 11, 21)
    assert dates.interval_label(d, d) == "November 21, 2025"
    assert dates.interval_label(None, d) == "on or before November 21, 2025"
    assert dates.interval_label(d, None) == "on or after November 21, 2025"
    assert dates.interval_label(None, None) == "no date given"
