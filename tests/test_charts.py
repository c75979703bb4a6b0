"""Figures are checked through the data a view selects, its alt text and caption, not pixels;
the drawing is checked for what it may not do."""

from __future__ import annotations

import ast
import base64
import re

import pandas as pd
from conftest import ROOT, python_says
from matplotlib.figure import Figure

from explainer import charts, show, views


def test_timeline_hides_events_not_begun_by_as_of(ds):
    chart = views.timeline(ds, as_of="2025-11-25")
    drawn = set(chart.data["event_id"])
    assert "call" in drawn and "deadline" not in drawn and "airspace_closure" not in drawn
    assert "argentina_demand" not in drawn  # undated: never placed on the axis
    assert "Black line: as of November 25 (2025, inferred)." in chart.caption
    assert "one reading; the article does not say" in chart.caption  # the 72-hour band
    assert "the weekday it names does not match that date" in chart.caption


def test_timeline_lanes_follow_tracks(ds):
    chart = views.timeline(ds, tracks=["legal"])
    assert set(chart.data["track"].astype(str)) == {"legal"}
    assert "Timeline in 1 lane (Legal)" in chart.alt


def test_timeline_draws_uncertain_dates_as_ranges_not_points(ds):
    data = views.timeline(ds).data.set_index("event_id")
    assert data.loc["call", "shape"] == "point"
    assert data.loc["rejection", "shape"] == "interval"
    assert data.loc["designation", "shape"] == "interval"  # "days earlier": a few days
    assert data.loc["designation", "date_end"] == pd.Timestamp("2025-11-20")  # before the call
    assert data.loc["maduro_denial", "shape"] == "open"  # "on Monday": no end


def test_bounds_stay_bounds(ds):
    chart = views.bounds(ds)
    rows = chart.data.set_index("force_id")
    assert set(rows["count_qualifier"]) == {"more_than"}
    assert rows.loc["vessels_destroyed", "count"] == 20
    assert "more than 20" in chart.alt and "more than 80" in chart.alt
    assert "lower bounds" in chart.caption


def test_unknown_counts_are_not_drawn_as_numbers(ds):
    chart = views.assets(ds)
    unknown = chart.data[chart.data["count"].isna()]
    assert set(unknown["force_id"]) == {"destroyers", "fighters"}
    assert "no number" in chart.alt


def test_kinds_and_since_filter_the_pressure_chart(ds):
    only_strikes = views.pressure(ds, kinds=["strike"]).data
    assert set(only_strikes["kind"]) == {"strike"}
    late = views.pressure(ds, since="2025-11-25").data
    assert "deployment" not in set(late["event_id"])  # ended its start window in September
    assert "airspace_closure" in set(late["event_id"])


def test_terms_chart_pairs_each_side_by_category(ds):
    chart = views.terms_side_by_side(ds)
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
    chart = views.term_outcomes(ds)
    assert chart.data["terms"].sum() == len(ds.terms)


def test_sourcing_chart_counts_match_claims(ds):
    chart = views.sourcing(ds)
    assert chart.data["claims"].sum() == len(ds.claims)
    denied = views.sourcing(ds, status="denied")
    assert denied.data["claims"].sum() == (ds.claims["status"] == "denied").sum()


def test_figure_output_is_a_png_with_alt_text_and_caption(ds):
    first = show.picture(views.term_outcomes(ds), 2)
    second = show.picture(views.term_outcomes(ds), 2)
    data, meta = first._repr_mimebundle_()
    assert data == second._repr_mimebundle_()[0]  # same data, same bytes
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert "text/html" not in data  # no data: URI in HTML for a viewer to drop
    assert meta["explainer"]["alt"].startswith("Horizontal bars counting terms")
    assert meta["explainer"]["caption"].startswith("Figure 2. ")
    caption = show.caption(views.term_outcomes(ds), 2)
    assert "Figure 2. " in caption._repr_html_() and "<figure" not in caption._repr_html_()


def test_display_escapes_data_strings():
    frame = pd.DataFrame({"text": ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>"]})
    html = show.table(views.Table(frame, "<b>c</b>"))._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in show.notes(views.Notes(['<script>x</script>']))._repr_html_()


def test_alt_text_and_captions_need_no_matplotlib(ds):
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "from explainer import data, views\n"
            "ds = data.load()\n"
            "plots = [views.timeline(ds), views.terms_side_by_side(ds), views.term_outcomes(ds),"
            " views.assets(ds), views.bounds(ds), views.pressure(ds), views.sourcing(ds)]\n"
            "assert all(p.alt and p.caption for p in plots)\n")
    done = python_says(code)
    assert done.returncode == 0, done.stderr[-800:]


def test_every_plot_draws_on_a_figure_of_its_own(ds):
    for plot in (views.timeline(ds, as_of="2025-11-25"), views.terms_side_by_side(ds, "washington"),
                 views.term_outcomes(ds), views.assets(ds), views.bounds(ds),
                 views.pressure(ds, kinds=["strike"]), views.sourcing(ds, status="denied")):
        fig = charts.draw(plot)
        assert isinstance(fig, Figure) and fig.axes, plot.kind


def test_dollar_signs_in_labels_stay_text(ds):
    plot = views.term_outcomes(ds)
    plot.data.loc[0, "names"] = "$5bn and $10bn, $\\notacommand{x}$"
    fig = charts.draw(plot)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "$5bn and $10bn, $\\notacommand{x}$" in texts
    show.png_bytes(fig)  # would raise a mathtext ParseFatalException if parsed


def test_charts_hold_no_words_and_select_nothing():
    """The drawing module has no user-facing literal and never reads the dataset."""
    tree = ast.parse((ROOT / "explainer" / "charts.py").read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert "Dataset" not in names and "ds" not in names
    words = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
             and isinstance(node.value, str) and re.search(r"[a-z]{3,} [a-z]{3,}", node.value)]
    docs = {node.body[0].value.value for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef) and ast.get_docstring(node)}
    matplotlib_options = {"offset points", "upper center"}
    assert not [w for w in words if w not in docs | matplotlib_options], words


def _arrows_inside(fig: Figure) -> list[tuple[object, float]]:
    """Every arrow drawn, with its tip's x in axis coordinates (0 to 1 is inside)."""
    from matplotlib.text import Annotation

    found = []
    for ax in fig.axes:
        for artist in ax.texts:
            if isinstance(artist, Annotation) and artist.arrow_patch is not None:
                tip = ax.transData.transform((ax.convert_xunits(artist.xy[0]), 0))[0]
                found.append((ax, ax.transAxes.inverted().transform((tip, 0))[0]))
    return found


def test_open_ends_are_drawn_as_arrows_inside_the_axes(ds):
    """The captions promise an arrow where the article gives no bound: each open-ended bar
    has one, and its tip lies inside the axes, where it is not clipped away."""
    timeline = views.timeline(ds)
    open_ended = timeline.data[timeline.data["date_end"].isna()
                               | timeline.data["date_start"].isna()]
    arrows = _arrows_inside(charts.draw(timeline))
    assert len(arrows) >= len(open_ended) >= 4
    assert all(-0.001 <= x <= 1.001 for _ax, x in arrows), arrows
    pressure = views.pressure(ds)
    ends = int(pressure.data["open_start"].sum() + pressure.data["open_end"].sum())
    arrows = _arrows_inside(charts.draw(pressure))
    assert len(arrows) == ends >= 2
    assert all(-0.001 <= x <= 1.001 for _ax, x in arrows), arrows
