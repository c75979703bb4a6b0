"""Charts are checked through the data they drew, their alt text and captions, not pixels."""

from __future__ import annotations

import pandas as pd

from explainer import charts, show


def test_timeline_hides_events_not_begun_by_as_of(ds):
    chart = charts.timeline(ds, as_of="2025-11-25")
    drawn = set(chart.data["event_id"])
    assert "call" in drawn and "deadline" not in drawn and "airspace_closure" not in drawn
    assert "argentina_demand" not in drawn  # undated: never placed on the axis
    assert "2025-11-25" in chart.caption


def test_timeline_lanes_follow_tracks(ds):
    chart = charts.timeline(ds, tracks=["legal"])
    assert set(chart.data["track"].astype(str)) == {"legal"}
    assert "1 lanes (legal)" in chart.alt


def test_timeline_draws_uncertain_dates_as_ranges_not_points(ds):
    data = charts.timeline(ds).data.set_index("event_id")
    assert data.loc["call", "shape"] == "point"
    assert data.loc["rejection", "shape"] == "interval"
    assert data.loc["designation", "shape"] == "interval"  # "days earlier": a few days
    assert data.loc["designation", "date_end"] == pd.Timestamp("2025-11-20")  # before the call
    assert data.loc["maduro_denial", "shape"] == "open"  # "on Monday": no end


def test_bounds_stay_bounds(ds):
    chart = charts.bounds(ds)
    rows = chart.data.set_index("force_id")
    assert set(rows["count_qualifier"]) == {"more_than"}
    assert rows.loc["vessels_destroyed", "count"] == 20
    assert "more than 20" in chart.alt and "more than 80" in chart.alt
    assert "lower bounds" in chart.caption


def test_unknown_counts_are_not_drawn_as_numbers(ds):
    chart = charts.assets(ds)
    unknown = chart.data[chart.data["count"].isna()]
    assert set(unknown["force_id"]) == {"destroyers", "fighters"}
    assert "no number" in chart.alt


def test_kinds_and_since_filter_the_pressure_chart(ds):
    only_strikes = charts.pressure(ds, kinds=["strike"]).data
    assert set(only_strikes["kind"]) == {"strike"}
    late = charts.pressure(ds, since="2025-11-25").data
    assert "deployment" not in set(late["event_id"])  # ended its start window in September
    assert "airspace_closure" in set(late["event_id"])


def test_terms_chart_pairs_each_side_by_category(ds):
    chart = charts.terms_side_by_side(ds)
    sides = chart.data.groupby("category")["side"].apply(set)
    assert sides["exit"] == {"caracas", "washington"}
    assert sides["immunity"] == {"caracas"}
    # The article's own reading ("This arrangement would allow Chavismo...") is drawn apart,
    # as a reading, never as a Caracas term.
    assert sides["transition"] == {"caracas", "washington", "reading"}
    reading = chart.data[chart.data["side"] == "reading"]
    assert list(reading["label"]) == ["This arrangement would allow Chavismo"]
    assert len(chart.data[chart.data["side"] != "reading"]) == len(ds.terms)


def test_term_outcomes_count_every_term_once(ds):
    chart = charts.term_outcomes(ds)
    assert chart.data["terms"].sum() == len(ds.terms)


def test_sourcing_chart_counts_match_claims(ds):
    chart = charts.sourcing(ds)
    assert chart.data["claims"].sum() == len(ds.claims)
    denied = charts.sourcing(ds, status="denied")
    assert denied.data["claims"].sum() == (ds.claims["status"] == "denied").sum()


def test_figure_output_has_alt_caption_and_no_volatile_bytes(ds):
    first = show.figure(charts.term_outcomes(ds), 2)
    second = show.figure(charts.term_outcomes(ds), 2)
    assert first._repr_html_() == second._repr_html_()  # same data, same bytes
    assert 'alt="Horizontal bars counting terms' in first._repr_html_()
    assert "<figcaption>Figure 2. " in first._repr_html_()


def test_display_escapes_data_strings():
    frame = pd.DataFrame({"text": ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>"]})
    html = show.table(frame, caption="<b>c</b>")._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in show.notes(['<script>x</script>'])._repr_html_()


def test_check_answer_says_not_answered_yet():
    assert "not answered yet" in repr(show.check_answer("Exercise 1", ..., 3))
    assert "correct" in repr(show.check_answer("Exercise 1", 3, 3))
    assert "not quite" in repr(show.check_answer("Exercise 1", 4, 3))
