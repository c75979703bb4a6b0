"""Vague numbers: the qualifier vocabulary, read and reasoned with."""

from __future__ import annotations

import math

from explainer import bounds


def test_labels_never_turn_a_bound_into_a_point():
    assert bounds.label(20, "more_than", "vessels") == "more than 20 vessels"
    assert bounds.label(None, "unknown", "ships") == "number not given"
    assert bounds.label(None, "nearly_all", "conditions") == "nearly all conditions"
    assert bounds.label(15, "less_than", "minutes") == "less than 15 minutes"
    assert bounds.label(1, "exact", "ships") == "1 ship"


def test_the_values_a_qualifier_allows():
    assert bounds.value_range(20, "more_than") == (20, math.inf)
    assert bounds.value_range(15, "less_than") == (0.0, 15)
    assert bounds.value_range(3, "exact") == (3, 3)
    assert bounds.value_range(0, "unknown") == (0.0, math.inf)


def test_two_floors_allow_any_rate():
    # Over 20 vessels and more than 80 fatalities: no per-vessel figure follows.
    low, high = bounds.ratio_range(80, "more_than", 20, "more_than")
    assert low == 0.0 and math.isinf(high)
    # Exactly 80 over exactly 20 is exactly 4.
    assert bounds.ratio_range(80, "exact", 20, "exact") == (4.0, 4.0)


def test_every_qualifier_in_the_data_is_in_the_vocabulary(ds):
    known = set(bounds.WITH_A_NUMBER) | set(bounds.WITHOUT_A_NUMBER)
    assert set(ds.enum("forces", "count_qualifier")) <= known
    assert set(ds.enum("figures", "qualifier")) <= known
