"""The view context: one frozen object says how the reader asked to see the figures."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS
from analysis.core.view import View, filters_tuple


def test_defaults_and_validation():
    v = View()
    assert (v.lang, v.unit, v.measure, v.buckets, v.month) == ("zh", "wan", "balance", DEFAULT_BUCKETS, None)
    for bad in ({"lang": "fr"}, {"unit": "usd"}, {"measure": "amount"}):
        with pytest.raises(ValueError):
            View(**bad)


def test_but_changes_some_fields_and_leaves_the_view_alone():
    v = View(lang="en", month="2024-05")
    w = v.but(month="2024-06", buckets=M_BUCKETS)
    assert (w.lang, w.month, w.buckets) == ("en", "2024-06", M_BUCKETS)
    assert v.month == "2024-05" and v.buckets == DEFAULT_BUCKETS
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.month = "2024-07"
    with pytest.raises(ValueError):
        v.but(unit="usd")


def test_units_filters_and_texts():
    v = View(lang="zh", unit="wan", filters=filters_tuple({"region": ["b", "a"]}))
    assert v.unit_label == "万元" and View(lang="en", unit="yi").scale(3e8) == pytest.approx(3.0)
    assert np.allclose(v.scale(np.array([1e4, 2.5e4])), [1.0, 2.5])
    assert v.filter_dict == {"region": ["a", "b"]}
    assert hash(v) == hash(View(filters=filters_tuple({"region": ["a", "b"]})))  # usable as a cache key
    assert v.text("report.with_unit", label="余额", unit="万元") == "余额（万元）"
    assert View(lang="en").text("report.with_unit", label="Balance", unit="CNY 10k") == "Balance (CNY 10k)"
