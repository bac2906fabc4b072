"""Mix/rate decomposition of a rate change: exact by hand, and mix + rate = total (property)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.causes.dictionary import CausesError
from analysis.causes.decomposition import decompose_rate_change, waterfall_table

LABELS = {"start": "s", "end": "e", "mix": "m", "rate": "r", "others": "o"}


def _cube(rows):
    """rows: (month, segment, balance, dpd30_balance, count, dpd30_count)."""
    df = pd.DataFrame(rows, columns=["month", "seg", "balance", "dpd30_balance", "count", "dpd30_count"])
    return df.assign(overdue_balance=df["dpd30_balance"], overdue_count=df["dpd30_count"],
                     dpd90_balance=0.0, dpd90_count=0)


def test_pure_mix_by_hand():
    # A: 0 % bad, B: 10 % bad in both months; the book moves from 50/50 to 20/80.
    cube = _cube([("2024-01", "A", 50.0, 0.0, 5, 0), ("2024-01", "B", 50.0, 5.0, 5, 1),
                  ("2024-02", "A", 20.0, 0.0, 2, 0), ("2024-02", "B", 80.0, 8.0, 8, 1)])
    d = decompose_rate_change(cube, "seg", "2024-01", "2024-02")
    assert d.rate_from == pytest.approx(0.05) and d.rate_to == pytest.approx(0.08)
    seg = d.segments.set_index("segment")
    assert seg.loc["B", "mix_effect"] == pytest.approx(0.3 * 0.1)
    assert seg.loc["A", "mix_effect"] == pytest.approx(0.0)
    assert d.rate_total == pytest.approx(0.0)
    assert d.mix_total == pytest.approx(d.change)


def test_midpoint_weights_by_hand():
    # w0 = (0.5, 0.5), w1 = (0.25, 0.75); r0 = (0.02, 0.10), r1 = (0.04, 0.12).
    cube = _cube([("2024-01", "A", 100.0, 2.0, 1, 0), ("2024-01", "B", 100.0, 10.0, 1, 0),
                  ("2024-02", "A", 50.0, 2.0, 1, 0), ("2024-02", "B", 150.0, 18.0, 1, 0)])
    seg = decompose_rate_change(cube, "seg", "2024-01", "2024-02").segments.set_index("segment")
    assert seg.loc["A", "mix_effect"] == pytest.approx(-0.25 * 0.03)
    assert seg.loc["A", "rate_effect"] == pytest.approx(0.02 * 0.375)
    assert seg.loc["B", "mix_effect"] == pytest.approx(0.25 * 0.11)
    assert seg.loc["B", "rate_effect"] == pytest.approx(0.02 * 0.625)


def test_a_segment_entering_the_book_is_pure_mix():
    cube = _cube([("2024-01", "A", 100.0, 10.0, 1, 0),
                  ("2024-02", "A", 100.0, 10.0, 1, 0), ("2024-02", "New", 100.0, 30.0, 1, 0)])
    d = decompose_rate_change(cube, "seg", "2024-01", "2024-02")
    seg = d.segments.set_index("segment")
    assert seg.loc["New", "rate_effect"] == 0.0
    assert seg.loc["New", "mix_effect"] == pytest.approx(0.5 * 0.3)
    assert d.mix_total + d.rate_total == pytest.approx(d.change, abs=1e-15)


segment_month = st.tuples(
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False),   # balance
    st.floats(0, 1, allow_nan=False),                           # share of it 30+
    st.integers(0, 10_000),                                     # accounts
)


@settings(max_examples=100, deadline=None)
@given(data=st.lists(st.tuples(st.sampled_from("ABCDEFG"), st.sampled_from(["2024-01", "2024-02"]), segment_month),
                     min_size=2, max_size=30),
       measure=st.sampled_from(["balance", "count"]))
def test_mix_plus_rate_is_the_total_change(data, measure):
    rows = [(m, s, bal, bal * share, n, int(round(n * share))) for s, m, (bal, share, n) in data]
    cube = _cube(rows)
    totals = cube.groupby("month")[measure].sum()
    if set(totals.index) != {"2024-01", "2024-02"} or (totals <= 0).any():
        with pytest.raises(CausesError):
            decompose_rate_change(cube, "seg", "2024-01", "2024-02", measure=measure)
        return
    d = decompose_rate_change(cube, "seg", "2024-01", "2024-02", measure=measure)
    seg = d.segments
    assert math.fsum(seg["mix_effect"]) + math.fsum(seg["rate_effect"]) == pytest.approx(d.change, abs=1e-12)
    assert np.allclose(seg["mix_effect"] + seg["rate_effect"], seg["total_effect"], rtol=0, atol=1e-15)
    assert seg["weight_from"].sum() == pytest.approx(1.0) and seg["weight_to"].sum() == pytest.approx(1.0)
    steps = waterfall_table(d, LABELS, top=3)
    assert steps["finish"].iloc[-2] == pytest.approx(d.rate_to, abs=1e-12)  # the bars land on the end rate
    assert steps["value"].iloc[1:-1].sum() == pytest.approx(d.change, abs=1e-12)


def test_on_a_real_panel_the_effects_reconcile_with_the_book(tiny_portfolio, cubes_of):
    df = tiny_portfolio.assign(product=pd.Categorical(["x", "x", "y", "y", "y", "x", "x", "x"]))
    cube = cubes_of(df).rates("product")
    d = decompose_rate_change(cube, "product", "2024-01", "2024-02", measure="count")
    assert d.rate_from == pytest.approx(1 / 3) and d.rate_to == pytest.approx(2 / 3)
    assert d.mix_total + d.rate_total == pytest.approx(d.change, abs=1e-15)


def test_waterfall_folds_small_segments_into_others():
    rows = []
    for i, s in enumerate("ABCDEFGH"):
        rows += [("2024-01", s, 100.0, float(i), 1, 0), ("2024-02", s, 100.0 + 10 * i, float(2 * i), 1, 0)]
    d = decompose_rate_change(_cube(rows), "seg", "2024-01", "2024-02")
    steps = waterfall_table(d, LABELS, top=3)
    assert steps["kind"].tolist() == ["start"] + ["mix", "rate"] * 4 + ["end"]
    assert steps["segment"].iloc[-2] == "o"
    assert steps["value"].iloc[1:-1].sum() == pytest.approx(d.change, abs=1e-12)


@pytest.mark.parametrize(("kwargs", "key"), [
    ({"month_from": "2024-01", "month_to": "2024-01"}, "causes.error.same_month"),
    ({"month_from": "Jan", "month_to": "2024-02"}, "causes.error.month_format"),
    ({"month_from": "2023-01", "month_to": "2024-02"}, "causes.error.month_missing"),
    ({"month_from": "2024-01", "month_to": "2024-02", "metric": "loss_rate"}, "causes.error.metric"),
    ({"month_from": "2024-01", "month_to": "2024-02", "measure": "rows"}, "causes.error.measure"),
])
def test_bad_parameters(kwargs, key):
    cube = _cube([("2024-01", "A", 1.0, 0.0, 1, 0), ("2024-02", "A", 1.0, 1.0, 1, 1)])
    with pytest.raises(CausesError) as err:
        decompose_rate_change(cube, "seg", **kwargs)
    assert err.value.key == key


def test_waterfall_chart_steps_in_pp_and_rates_as_percent():
    from analysis.charts.causes import chart_rate_waterfall
    from analysis.core.view import View

    cube = _cube([("2024-01", "A", 50.0, 0.0, 5, 0), ("2024-01", "B", 50.0, 5.0, 5, 1),
                  ("2024-02", "A", 20.0, 0.0, 2, 0), ("2024-02", "B", 80.0, 8.0, 8, 1)])
    d = decompose_rate_change(cube, "seg", "2024-01", "2024-02")
    spec = chart_rate_waterfall(waterfall_table(d, LABELS), View(lang="en"), metric_label="30+ DPD rate",
                                month_from="2024-01", month_to="2024-02", subtitle="defs").to_dict()
    data = next(iter(spec["datasets"].values()))
    steps = [r for r in data if r["value_pp"] is not None]
    assert sum(r["value_pp"] for r in steps) == pytest.approx(d.change * 100)
    # rates as percents, with as many decimals as the axis span needs (5 % → 8 %: one decimal)
    assert spec["encoding"]["y"]["axis"]["format"] == ".1%"
    # every bar has a colour: the colour scale is keyed by the bars' own labels (it once took the
    # y axis's two numbers, and the chart, on screen and in the deck, was blank)
    colour_domain = spec["encoding"]["color"]["scale"]["domain"]
    assert colour_domain == ["Level", "Pushed up", "Pulled down"]
    assert {r["colour"] for r in data} <= set(colour_domain)
    title = spec["title"]["text"]  # a long title is wrapped into lines (a list), never cut
    assert "2024-01" in ("".join(title) if isinstance(title, list) else title) and spec["title"]["subtitle"] == "defs"
