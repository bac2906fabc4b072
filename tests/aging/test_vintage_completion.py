"""Vintage completion: link ratios, fan, backtest, on hand-built triangles and the sample book."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aging.vintage_completion import backtest_vintages, complete_vintages, development_factors


def _triangle(curve, n_cohorts: int, weights=None) -> pd.DataFrame:
    """Monthly cohorts 2024-01..; cohort i observed for n_cohorts - i MOBs (a proper triangle)."""
    rows = []
    for c in range(n_cohorts):
        for mob in range(n_cohorts - c):
            w = 1.0 if weights is None else weights[c]
            rows.append((f"2024-{c + 1:02d}", mob, float(curve(c, mob)), int(100 * w), 1000.0 * w))
    return pd.DataFrame(rows, columns=["cohort", "mob", "value", "accounts", "balance"])


def test_volume_weighted_link_ratio_golden():
    tri = pd.DataFrame({"cohort": ["a", "a", "b", "b"], "mob": [1, 2, 1, 2], "value": [0.01, 0.02, 0.02, 0.03],
                        "accounts": [10, 10, 30, 30], "balance": [1.0, 1.0, 3.0, 3.0]})
    f = development_factors(tri, weight="balance", min_level=0).iloc[0]
    assert f["factor"] == pytest.approx((1 * 0.02 + 3 * 0.03) / (1 * 0.01 + 3 * 0.02))
    assert f["increment"] == pytest.approx(0.01)
    assert f["cohorts"] == 2 and f["sigma"] > 0
    by_accounts = development_factors(tri, weight="accounts", min_level=0).iloc[0]
    assert by_accounts["factor"] == pytest.approx(f["factor"])


def test_exact_pattern_is_completed_exactly_and_backtests_to_zero():
    curve = [0.002, 0.004, 0.010, 0.016, 0.020, 0.023, 0.025, 0.026]
    tri = _triangle(lambda c, m: curve[m] * (1 + 0.1 * c), 8)
    done = complete_vintages(tri, min_level=0.001, target_mob=7)
    proj = done.projection.set_index(["cohort", "mob"])
    # Every cohort is a multiple of the same curve: ratios reproduce it exactly.
    assert proj.loc[("2024-05", 7), "value"] == pytest.approx(curve[7] * 1.4)
    assert proj.loc[("2024-05", 3), "kind"] == "actual"
    assert proj.loc[("2024-05", 4), "kind"] == "projected"
    bt = backtest_vintages(tri, lookback=2, min_level=0.001)
    assert len(bt) > 0
    assert bt["error"].abs().max() < 1e-12


def test_fan_contains_the_projection_and_stays_in_zero_one():
    rng = np.random.default_rng(0)
    tri = _triangle(lambda c, m: min(0.9, 0.02 * m * rng.uniform(0.7, 1.3)), 10)
    done = complete_vintages(tri, min_level=0.001)
    p = done.projection
    assert (p["lower95"] <= p["lower80"] + 1e-12).all() and (p["lower80"] <= p["value"] + 1e-12).all()
    assert (p["value"] <= p["upper80"] + 1e-12).all() and (p["upper80"] <= p["upper95"] + 1e-12).all()
    assert (p[["value", "lower95", "upper95"]] >= 0).all().all() and (p[["value", "upper95"]] <= 1).all().all()
    young = p[(p["cohort"] == "2024-10") & (p["kind"] == "projected")]
    assert (np.diff(young["upper80"] - young["lower80"]) >= -1e-12).all()  # the fan widens


def test_actual_points_are_kept_as_they_are():
    tri = _triangle(lambda c, m: 0.01 * (m + 1), 6)
    actual = complete_vintages(tri, min_level=0).projection.query("kind == 'actual'")
    merged = actual.merge(tri, on=["cohort", "mob"], suffixes=("", "_in"))
    assert len(merged) == len(tri)
    np.testing.assert_allclose(merged["value"], merged["value_in"])


def test_cohorts_at_zero_grow_by_increments():
    tri = _triangle(lambda c, m: 0.0 if c == 4 else 0.01 * m, 6)
    done = complete_vintages(tri, min_level=0.001, target_mob=3)
    young = done.projection.set_index(["cohort", "mob"])
    assert young.loc[("2024-05", 3), "value"] > 0
    assert "trend.vintage.zero_start" in [n.key for n in done.notes]


def test_cohorts_booked_before_the_data_are_left_out():
    tri = _triangle(lambda c, m: 0.01 * (m + 1), 6)
    old = pd.DataFrame({"cohort": ["2019-01"] * 3, "mob": [60, 61, 62], "value": [0.5, 0.9, 0.95],
                        "accounts": [100] * 3, "balance": [1000.0] * 3})
    done = complete_vintages(pd.concat([old, tri], ignore_index=True), min_level=0)
    assert "2019-01" not in set(done.projection["cohort"])
    assert "trend.vintage.censored" in [n.key for n in done.notes]


def test_input_not_mutated_and_bad_parameters():
    tri = _triangle(lambda c, m: 0.01 * (m + 1), 5)
    before = tri.copy()
    complete_vintages(tri)
    backtest_vintages(tri)
    pd.testing.assert_frame_equal(tri, before)
    with pytest.raises(ValueError, match="weight"):
        complete_vintages(tri, weight="value")
    with pytest.raises(ValueError, match="two cohorts"):
        complete_vintages(tri[tri["cohort"] == "2024-01"])
    with pytest.raises(ValueError, match="lacks"):
        complete_vintages(tri.drop(columns=["balance"]))
    with pytest.raises(ValueError, match="lookback"):
        backtest_vintages(tri, lookback=0)


def test_on_the_sample_book(sample_cubes):
    from analysis.aging.vintage import vintage_triangle

    tri = vintage_triangle(sample_cubes.vintage(), cohort="quarter", metric="ever30", measure="balance")
    done = complete_vintages(tri)
    assert done.target_mob > 0
    assert done.projection["value"].between(0, 1).all()
    bt = backtest_vintages(tri, lookback=6)
    assert set(bt.columns) >= {"cohort", "actual", "predicted", "error", "in80"}
