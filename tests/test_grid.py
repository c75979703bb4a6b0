"""Every value the parameters accept gives a meaningful page: content, or a sentence that
says nothing matches. Never an empty axis, never a heading row over nothing."""

from __future__ import annotations

import itertools

import pytest

from explainer import params, show, views


def boundary_days(ds) -> list[str]:
    first, last = params.date_range(ds)
    return [first.isoformat(), "2025-11-21", last.isoformat()]


def check_plot(plot) -> None:
    if plot.empty:
        assert plot.empty.startswith("Nothing to draw"), plot.kind
        assert "Nothing to draw" in repr(show.figure(plot))
    else:
        assert len(plot.data) and plot.alt and plot.caption, plot.kind


def check_table(table) -> None:
    text = repr(show.table(table))
    assert len(table.frame) or "No row matches these parameters." in text


def test_timeline_grid(ds):
    tracks = [[t] for t in ds.enum("events", "track")] + [ds.enum("events", "track")]
    for as_of, lanes, hours in itertools.product(boundary_days(ds), tracks, (1, 72, 24 * 60)):
        plot = views.timeline(ds, as_of=as_of, tracks=lanes, window_hours=hours)
        check_plot(plot)
        assert "Black line: as of " in plot.caption and "(2025, inferred)." in plot.caption
        check_table(views.events_table(ds, as_of, lanes))
        assert views.known_by(ds, as_of, lanes).startswith("By ")
        assert f"{hours}-hour" in views.window_sentence(ds, hours)


def test_pressure_grid(ds):
    kinds = [[k] for k in ds.enum("forces", "kind")] + [ds.enum("forces", "kind")]
    for since, chosen in itertools.product(boundary_days(ds), kinds):
        for plot in (views.assets(ds, since, chosen), views.bounds(ds, since, chosen),
                     views.pressure(ds, since, chosen)):
            check_plot(plot)
        table = views.forces_table(ds, since, chosen)
        check_table(table)
        shown = set(views.pressure(ds, since, chosen).data.get("event_id", []))
        listed = set(views.forces_rows(ds, since, chosen)["event_id"])
        assert shown == listed  # the table and the charts filter through one function


def test_claims_grid(ds):
    claimants = ["all", *ds.sources["source_id"]]
    for claimant, status in itertools.product(claimants, ["all", *ds.enum("claims", "status")]):
        check_plot(views.sourcing(ds, claimant, status))
        ledger = views.claims_ledger(ds, claimant, status)
        check_table(ledger)
        assert views.ledger_count(ds, len(ledger.frame), claimant, status).startswith(
            f"Showing {len(ledger.frame)} of")


def test_each_perspective_leads_differently(ds):
    orders = {p: list(views.terms_table(ds, p).frame["term"])
              for p in ("caracas", "washington", "both")}
    charts = {p: (*views.terms_side_by_side(ds, p).layout["categories"],
                  *views.terms_side_by_side(ds, p).layout["sides"])
              for p in ("caracas", "washington", "both")}
    assert len({tuple(o) for o in orders.values()}) == 3
    assert len({tuple(c) for c in charts.values()}) == 3
    for perspective in ("caracas", "washington", "both"):
        check_plot(views.terms_side_by_side(ds, perspective))
        check_table(views.terms_table(ds, perspective, show_evidence=True))


@pytest.mark.parametrize("kinds", [["strike"], ["policy"]])
def test_a_late_since_with_one_kind_says_what_is_left(ds, kinds):
    plot = views.assets(ds, "2025-11-25", kinds)
    assert plot.empty and "Since September" not in plot.empty
