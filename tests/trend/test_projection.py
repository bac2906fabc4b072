"""Roll-rate projection and loss forecast: invariants and golden values."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.buckets import DEFAULT_BUCKETS, custom_buckets
from analysis.trend.projection import (adjust_roll_rate, average_roll_matrix, dpd90_keys, project_balances,
                                 projected_rate_name, projection_rates, rebalance_rows, roll_rate_loss,
                                 window_months)
from tests.conftest import make_portfolio

KEYS = list(DEFAULT_BUCKETS.keys)


def _matrix(rows: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(rows, index=KEYS, columns=[*KEYS, "exit"])


def _start(values=(800.0, 60.0, 40.0, 30.0, 50.0, 20.0)) -> pd.Series:
    return pd.Series(values, index=KEYS)


def test_identity_matrix_leaves_balances_unchanged():
    identity = _matrix(np.hstack([np.eye(6), np.zeros((6, 1))]))
    out = project_balances(_start(), identity, horizon=12, start_month="2024-12")
    for k in KEYS:
        assert (out[k] == _start()[k]).all()
    assert (out["exit"] == 0).all()
    assert out["month"].tolist()[:3] == ["2024-12", "2025-01", "2025-02"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.floats(0.0, 1.0), min_size=6, max_size=6), min_size=6, max_size=6),
       st.integers(1, 24))
def test_without_exits_the_total_is_conserved(raw, horizon):
    rows = np.array(raw) + 1e-9
    rows = rows / rows.sum(axis=1, keepdims=True)
    matrix = _matrix(np.hstack([rows, np.zeros((6, 1))]))
    out = project_balances(_start(), matrix, horizon=horizon)
    np.testing.assert_allclose(out["total"], _start().sum(), rtol=1e-9)
    assert (out[KEYS].to_numpy() >= 0).all()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.floats(0.0, 1.0), min_size=7, max_size=7), min_size=6, max_size=6))
def test_exits_are_counted_never_lost(raw):
    rows = np.array(raw) + 1e-9
    matrix = _matrix(rows / rows.sum(axis=1, keepdims=True))
    runoff = project_balances(_start(), matrix, horizon=6)
    np.testing.assert_allclose(runoff["total"] + runoff["exit"].cumsum(), _start().sum(), rtol=1e-9)
    kept = project_balances(_start(), matrix, horizon=6, replenish=True)
    np.testing.assert_allclose(kept["total"], _start().sum(), rtol=1e-9)


def test_one_step_golden():
    m = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.3, 0.2]], index=["Current", "1-30"], columns=["Current", "1-30", "exit"])
    out = project_balances(pd.Series({"Current": 100.0, "1-30": 10.0}), m, horizon=2)
    assert out.loc[1, ["Current", "1-30", "exit"]].tolist() == pytest.approx([95.0, 13.0, 2.0])
    assert out.loc[2, "Current"] == pytest.approx(95 * 0.9 + 13 * 0.5)


def test_average_matrix_from_the_book(tiny_cubes):
    rolls = tiny_cubes.transitions()
    m, months, empty = average_roll_matrix(rolls, window=1, measure="balance")
    assert months == ["2024-02"]
    # Feb → Mar: A Current → 1-30, B 31-60 → 61-90, C 91-180 → exit.
    assert m.loc["Current", "1-30"] == 1.0 and m.loc["31-60", "61-90"] == 1.0 and m.loc["91-180", "exit"] == 1.0
    assert "1-30" in empty and m.loc["1-30", "1-30"] == 1.0  # an empty bucket stays put
    np.testing.assert_allclose(m.sum(axis=1), 1.0)
    pooled, months2, _ = average_roll_matrix(rolls, window=12, measure="count")
    assert months2 == ["2024-01", "2024-02"]
    assert pooled.loc["Current", "Current"] == pytest.approx(0.5)  # A stayed in Jan→Feb, rolled in Feb→Mar (count)
    assert window_months(rolls, 1, end_month="2024-01") == ["2024-01"]


def test_average_matrix_needs_month_pairs(cubes_of):
    one_month = make_portfolio([("a", "2024-01", 0, 1.0)])
    with pytest.raises(ValueError, match="consecutive"):
        average_roll_matrix(cubes_of(one_month).transitions())
    with pytest.raises(ValueError, match="window"):
        window_months(pd.DataFrame({"month": ["2024-01"]}), 0)


def test_adjusting_one_rate_renormalises_its_row():
    m = _matrix(np.array([
        [0.95, 0.04, 0, 0, 0, 0, 0.01], [0.40, 0.30, 0.30, 0, 0, 0, 0], [0.2, 0.1, 0.1, 0.6, 0, 0, 0],
        [0, 0, 0, 0.3, 0.7, 0, 0], [0, 0, 0, 0, 0.8, 0.2, 0], [0, 0, 0, 0, 0, 0.5, 0.5]]))
    out = adjust_roll_rate(m, "1-30", "31-60", -0.02)
    assert out.loc["1-30", "31-60"] == pytest.approx(0.28)
    assert out.loc["1-30"].sum() == pytest.approx(1.0)
    # The other destinations absorb the 2 points in proportion (0.40 : 0.30).
    assert out.loc["1-30", "Current"] == pytest.approx(0.40 + 0.02 * 0.4 / 0.7)
    pd.testing.assert_frame_equal(out.drop(index="1-30"), m.drop(index="1-30"))
    assert adjust_roll_rate(m, "1-30", "31-60", -1.0).loc["1-30", "31-60"] == 0.0
    with pytest.raises(ValueError):
        adjust_roll_rate(m, "1-30", "nowhere", 0.1)


def test_rebalance_rows_keeps_typed_cells():
    base = pd.DataFrame([[0.6, 0.2, 0.2], [0.5, 0.5, 0.0]], index=["a", "b"], columns=["a", "b", "exit"])
    edited = base.copy()
    edited.loc["a", "b"] = 0.0
    edited.loc["b", "a"] = 0.9
    edited.loc["b", "b"] = 0.9  # typed cells over 100%: scaled down to 100%
    out = rebalance_rows(base, edited)
    assert out.loc["a"].tolist() == pytest.approx([0.75, 0.0, 0.25])
    assert out.loc["b"].tolist() == pytest.approx([0.5, 0.5, 0.0])
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    pd.testing.assert_frame_equal(rebalance_rows(base, base.copy()), base)
    bad = base.copy()
    bad.loc["a", "a"] = -0.1
    with pytest.raises(ValueError, match="between 0 and 1"):
        rebalance_rows(base, bad)


def test_loss_factors_golden():
    m = _matrix(np.array([
        [0.95, 0.05, 0, 0, 0, 0, 0], [0.5, 0.2, 0.3, 0, 0, 0, 0], [0.2, 0, 0.2, 0.6, 0, 0, 0],
        [0.1, 0, 0, 0.2, 0.7, 0, 0], [0, 0, 0, 0, 0.5, 0.5, 0], [0, 0, 0, 0, 0, 0.5, 0.5]]))
    loss = roll_rate_loss(_start(), m).set_index("bucket")
    expected = [0.05 * 0.3 * 0.6 * 0.7 * 0.5, 0.3 * 0.6 * 0.7 * 0.5, 0.6 * 0.7 * 0.5, 0.7 * 0.5, 0.5, 1.0]
    assert loss["loss_factor"].tolist() == pytest.approx(expected)
    assert loss["expected_loss"].tolist() == pytest.approx(list(np.array(expected) * _start().to_numpy()))
    assert loss["balance"].sum() == pytest.approx(_start().sum())
    early = roll_rate_loss(_start(), m, charge_off="91-180").set_index("bucket")
    assert early.loc["61-90", "loss_factor"] == pytest.approx(0.7)
    assert early.loc["181+", "loss_factor"] == 1.0
    with pytest.raises(ValueError, match="charge-off"):
        roll_rate_loss(_start(), m, charge_off="365+")


def test_projection_rates_and_dpd90_keys():
    out = projection_rates(pd.DataFrame({"month": ["0"], **{k: [v] for k, v in zip(KEYS, _start())},
                                         "exit": [0.0], "total": [_start().sum()]}), DEFAULT_BUCKETS)
    assert out["dpd90_rate"].iloc[0] == pytest.approx(70 / 1000)
    # 61+ straddles 91: the rate is the worst bucket's, named by the days it counts (it was an
    # empty sum, a projected rate of 0 % under the DPD90+ name)
    assert dpd90_keys(custom_buckets([30, 60])) == (["61+"], False)
    assert projected_rate_name(custom_buckets([30, 60]), "zh") == "DPD60+ 逾期率（档位不以 90 天为界）"


def test_a_bucket_straddling_90_days_is_not_called_dpd90():
    # an examiner's report with edges 30/60/120 gave DPD90+ 47.34 % on its summary and 11.43 % (the
    # 121+ bucket alone) under the same name on the projection sheet
    buckets = custom_buckets([30, 60, 120])
    assert dpd90_keys(buckets) == (["121+"], False)
    assert projected_rate_name(buckets, "en") == "DPD120+ rate (the buckets do not split at 90 days)"
    assert projected_rate_name(DEFAULT_BUCKETS, "en") == "DPD90+ rate"


@pytest.mark.parametrize("kwargs, match", [({"horizon": 0}, "horizon"), ({"horizon": 37}, "horizon")])
def test_bad_projection_parameters(kwargs, match):
    identity = _matrix(np.hstack([np.eye(6), np.zeros((6, 1))]))
    with pytest.raises(ValueError, match=match):
        project_balances(_start(), identity, **kwargs)


def test_bad_matrices_are_refused():
    rows = np.hstack([np.eye(6) * 0.9, np.zeros((6, 1))])
    with pytest.raises(ValueError, match="sum to 1"):
        project_balances(_start(), _matrix(rows))
    with pytest.raises(ValueError, match="exit"):
        project_balances(_start(), pd.DataFrame(np.eye(6), index=KEYS, columns=KEYS))
    with pytest.raises(ValueError, match="negative"):
        project_balances(-_start(), _matrix(np.hstack([np.eye(6), np.zeros((6, 1))])))
