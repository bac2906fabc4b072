"""Trend series from the data core's cubes: golden values on a hand-made book, reconciliation,
changes, events."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.trend.series import (TREND_METRICS, add_changes, clean_events, entry_rates, is_rate_metric, latest_changes,
                            metric_series, months_span, normalise_event_month, top_segments, trend_table)
from tests.conftest import make_portfolio


def _table(cubes, measure="balance", by=None):
    return trend_table(cubes.rates(by), cubes.transitions(by), measure, by)


def test_rates_and_amounts_golden(tiny_cubes):
    t = _table(tiny_cubes, "balance").set_index("month")
    # Jan: A 0 (100), B 10 (200), C 95 (50) → 350; Feb: A 0 (90), B 40 (210), C 125 (50) → 350;
    # Mar: A 15 (80), B 70 (220) → 300.
    assert t["balance"].tolist() == [350.0, 350.0, 300.0]
    assert t["overdue_rate"].tolist() == pytest.approx([250 / 350, 260 / 350, 1.0])
    assert t["dpd30_rate"].tolist() == pytest.approx([50 / 350, 260 / 350, 220 / 300])
    assert t["dpd90_rate"].tolist() == pytest.approx([50 / 350, 50 / 350, 0.0])
    assert t["dpd30_balance"].tolist() == [50.0, 260.0, 220.0]
    assert t["overdue_amount"].isna().all()  # the file had no overdue-amount column


def test_entry_rate_golden(tiny_cubes):
    # Current in Jan: A (100) → Feb A still 0 → 0%. Current in Feb: A (90) → Mar A at 15 DPD → 100%.
    by_balance = _table(tiny_cubes, "balance").set_index("month")["entry_rate"]
    assert np.isnan(by_balance["2024-01"])
    assert by_balance[["2024-02", "2024-03"]].tolist() == [0.0, 1.0]
    e = entry_rates(tiny_cubes.transitions(), "count").set_index("month")
    assert e.index.tolist() == ["2024-02", "2024-03"]  # dated at the month of entry
    assert e["entry_base"].tolist() == [1.0, 1.0]
    assert e["entered"].tolist() == [0.0, 1.0]


def test_entry_rate_keeps_exits_in_the_denominator(cubes_of):
    df = make_portfolio([("a", "2024-01", 0, 100.0), ("b", "2024-01", 0, 300.0), ("a", "2024-02", 5, 100.0)])
    e = entry_rates(cubes_of(df).transitions(), "balance")  # b left the book: it did not go delinquent
    assert e["entry_rate"].tolist() == [0.25]


def test_entry_rate_by_segment_adds_up_to_the_book(sample_cubes):
    book = entry_rates(sample_cubes.transitions(), "balance").set_index("month")
    seg = entry_rates(sample_cubes.transitions("product"), "balance", "product")
    sums = seg.groupby("month")[["entry_base", "entered"]].sum()
    np.testing.assert_allclose(sums["entry_base"], book["entry_base"])
    np.testing.assert_allclose(sums["entered"], book["entered"])


def test_count_measure(tiny_cubes):
    t = _table(tiny_cubes, "count").set_index("month")
    assert t["overdue_rate"].tolist() == pytest.approx([2 / 3, 2 / 3, 1.0])


def test_segments_reconcile_with_the_book(sample_portfolio, sample_cubes):
    book = _table(sample_cubes, "balance").set_index("month")
    seg = _table(sample_cubes, "balance", "product")
    sums = seg.groupby("month")[["balance", "dpd30_balance", "count"]].sum()
    np.testing.assert_allclose(sums["balance"], book["balance"])
    np.testing.assert_allclose(sums["dpd30_balance"], book["dpd30_balance"])
    assert (sums["count"] == book["count"]).all()
    # Totals reconcile with the upload, to the cent.
    assert book["balance"].sum() == pytest.approx(sample_portfolio["balance"].sum(), abs=0.005)
    rates = seg[list(m for m in TREND_METRICS if is_rate_metric(m))].stack().dropna()
    assert ((rates >= 0) & (rates <= 1)).all()


def test_does_not_mutate_the_cubes(tiny_cubes):
    rates, rolls = tiny_cubes.rates(), tiny_cubes.transitions()
    before = rates.copy(), rolls.copy()
    trend_table(rates, rolls, "balance")
    entry_rates(rolls, "count")
    pd.testing.assert_frame_equal(rates, before[0])
    pd.testing.assert_frame_equal(rolls, before[1])


def test_metric_series_and_segment(sample_cubes):
    table = _table(sample_cubes, "balance", "region")
    region = top_segments(table, "region", 1)[0]
    s = metric_series(table, "dpd30_rate", "region", region)
    assert s.index.is_monotonic_increasing and s.name == "dpd30_rate"
    with pytest.raises(ValueError, match="segment value"):
        metric_series(table, "dpd30_rate", "region")
    with pytest.raises(ValueError, match="metric"):
        metric_series(table, "nonsense")


def test_changes_use_calendar_months():
    s = pd.Series([0.010, 0.012, 0.015, 0.020], index=["2023-03", "2024-01", "2024-02", "2024-03"])
    c = add_changes(s).set_index("month")
    assert np.isnan(c.loc["2024-01", "mom"])  # 2023-12 is missing: no change against the wrong month
    assert c.loc["2024-03", "mom"] == pytest.approx(0.005)
    assert c.loc["2024-03", "acceleration"] == pytest.approx(0.002)
    assert c.loc["2024-03", "yoy"] == pytest.approx(0.010)
    assert c.loc["2024-03", "yoy_pct"] == pytest.approx(1.0)
    last = latest_changes(s)
    assert last["month"] == "2024-03" and last["accelerating"] is True
    assert latest_changes(pd.Series([0.02, 0.03, 0.035], index=["2024-01", "2024-02", "2024-03"]))["accelerating"] is False
    assert latest_changes(pd.Series([], dtype=float))["month"] is None


def test_top_segments_and_span():
    t = pd.DataFrame({"month": ["2024-01"] * 3 + ["2024-02"] * 3, "p": ["a", "b", "c"] * 2,
                      "balance": [9.0, 1.0, 5.0, 1.0, 9.0, 5.0]})
    assert top_segments(t, "p", 2) == ["b", "c"]  # by the latest month
    with pytest.raises(ValueError):
        top_segments(t, "p", 0)
    assert months_span(pd.Series([1, 2], index=["2023-11", "2024-02"])) == 4


def test_bad_parameters(tiny_cubes):
    rates, rolls = tiny_cubes.rates(), tiny_cubes.transitions()
    with pytest.raises(ValueError, match="measure"):
        trend_table(rates, rolls, "amount")
    with pytest.raises(ValueError, match="measure"):
        entry_rates(rolls, "amount")
    with pytest.raises(ValueError, match="Cubes.rates"):
        trend_table(rates.drop(columns=["balance"]), rolls)
    with pytest.raises(ValueError, match="Cubes.rates"):
        trend_table(rates, rolls, by="product")  # the cubes were not built by product
    with pytest.raises(ValueError):
        is_rate_metric("x")


@pytest.mark.parametrize("text, month", [
    ("2024-03", "2024-03"), ("2024-3", "2024-03"), ("2024/03/15", "2024-03"), ("2024年3月", "2024-03"),
    ("202403", "2024-03"), ("2024.12", "2024-12"), ("2024-13", None), ("Spring", None), (None, None),
])
def test_event_months(text, month):
    assert normalise_event_month(text) == month


def test_clean_events():
    ev = pd.DataFrame({"month": ["2024年6月", "2024-02", "later", "", None],
                       "label": ["审批收紧", "春节", "x", "", None]})
    clean, bad = clean_events(ev)
    assert clean.values.tolist() == [["2024-02", "春节"], ["2024-06", "审批收紧"]]
    assert bad == 1
    with pytest.raises(ValueError):
        clean_events(pd.DataFrame({"when": ["2024-01"]}))
