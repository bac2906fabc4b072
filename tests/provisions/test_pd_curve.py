"""PD term structure: lifetime PD = an independent matrix power, point in time, the fallback."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.provisions.pd_curve import ProvisionError, book_pd_curve, fallback_curve, pd_term_structure
from tests.conftest import make_portfolio

KEYS = list(DEFAULT_BUCKETS.keys)
LOWERS = np.array(DEFAULT_BUCKETS.lowers)


def _book(seed: int = 3, accounts: int = 300, months: int = 8) -> pd.DataFrame:
    """Accounts that drift between DPD states, start late and leave early."""
    rng = np.random.default_rng(seed)
    dpd_states = np.array([0, 10, 40, 70, 100, 200])
    rows = []
    for a in range(accounts):
        state = int(rng.choice(4, p=[0.8, 0.1, 0.06, 0.04]))
        start, stop = int(rng.integers(0, 3)), int(rng.integers(5, months + 1))
        for m in range(start, stop):
            rows.append((f"A{a}", f"2024-{m + 1:02d}", int(dpd_states[state]), float(rng.uniform(100, 900))))
            if state < 4:
                state = int(np.clip(state + rng.choice([-1, 0, 0, 1]), 0, 5))
    return make_portfolio(rows)


def _independent_chain(df: pd.DataFrame, from_months: list[str]) -> np.ndarray:
    """The absorbing one-step matrix, counted here with pandas: from-bucket at t → bucket at t+1
    (or exit when the account has no row at t+1); 91+ buckets and exit absorbing."""
    b = np.searchsorted(LOWERS, df["days_past_due"].to_numpy(), side="right") - 1
    d = df.assign(b=b, ord=pd.PeriodIndex(df["month"], freq="M").astype("int64"))
    nxt = d[["account_id", "ord", "b"]].assign(ord=lambda x: x["ord"] - 1).rename(columns={"b": "nb"})
    pairs = d[d["month"].isin(from_months)].merge(nxt, on=["account_id", "ord"], how="left")
    pairs["nb"] = pairs["nb"].fillna(6).astype(int)  # 6 = exit
    n = 7
    counts = np.zeros((n, n))
    np.add.at(counts, (pairs["b"].to_numpy(), pairs["nb"].to_numpy()), 1)
    p = np.zeros((n, n))
    for i in range(n):
        if i >= 4:  # 91-180, 181+, exit
            p[i, i] = 1.0
        elif counts[i].sum() == 0:
            p[i, i + 1] = 1.0
        else:
            p[i] = counts[i] / counts[i].sum()
    return p


def test_lifetime_pd_equals_an_independent_matrix_power():
    df = _book()
    curve = book_pd_curve(df, "2024-08", horizon=36, window=None)
    from_months = [f"2024-{m:02d}" for m in range(1, 8)]
    assert list(curve.months) == from_months
    p = _independent_chain(df, from_months)
    for life in (1, 12, 36):
        power = np.linalg.matrix_power(p, life)
        expected = power[:6, 4:6].sum(axis=1)
        assert curve.lifetime_pd(life).to_numpy() == pytest.approx(expected, abs=1e-12)
    assert curve.pd_12m().to_numpy() == pytest.approx(np.linalg.matrix_power(p, 12)[:6, 4:6].sum(axis=1), abs=1e-12)
    # marginal PDs add up to the cumulative, and the cumulative never falls
    assert curve.marginal()[:36].sum(axis=0) == pytest.approx(curve.cumulative[36], abs=1e-12)
    assert (np.diff(curve.cumulative, axis=0) >= -1e-15).all()


def test_a_hand_worked_chain():
    # G → G .9, D .1 ; D → G .5, D .3, B .2 ; B absorbing. Two steps from G: .1 × .2 = .02
    m = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.3, 0.2], [0.0, 0.0, 1.0]], index=list("GDB"), columns=list("GDB"))
    c = pd_term_structure(m, ["B"], 3)
    assert c.cumulative[:, 0].tolist() == pytest.approx([0.0, 0.0, 0.02, 0.02 + 0.9 * 0.02 + 0.1 * 0.3 * 0.2])
    assert c.cumulative[1].tolist() == pytest.approx([0.0, 0.2, 1.0])
    t = c.table()
    assert len(t) == 9 and t["marginal_pd"].sum() == pytest.approx(c.cumulative[3].sum())


def test_the_window_is_point_in_time():
    df = _book()
    curve = book_pd_curve(df, "2024-05", horizon=12, window=2)
    # from-months whose to-month is 2024-05 or earlier, the last two
    assert list(curve.months) == ["2024-03", "2024-04"]
    p = _independent_chain(df, ["2024-03", "2024-04"])
    assert curve.pd_12m().to_numpy() == pytest.approx(np.linalg.matrix_power(p, 12)[:6, 4:6].sum(axis=1), abs=1e-12)


def test_a_book_without_history_gets_the_fallback_curve_in_closed_form():
    df = make_portfolio([("a", "2024-01", 0, 1.0), ("b", "2024-01", 40, 1.0)])
    curve = book_pd_curve(df, horizon=24)
    assert curve.source == "fallback" and curve.months == ()
    # constant hazard from the what-if defaults: Current 2 %, 1-30 15 %, 31-60 40 %, 61-90 65 %
    for i, pd12 in enumerate([0.02, 0.15, 0.40, 0.65]):
        assert curve.cumulative[12, i] == pytest.approx(pd12)
        assert curve.cumulative[24, i] == pytest.approx(1 - (1 - pd12) ** 2)
    assert curve.cumulative[1, 4:].tolist() == [1.0, 1.0]
    assert "no roll-rate history" in curve.describe("en") and "无迁徙历史" in curve.describe("zh")


@pytest.mark.parametrize("bad", [0, -3, 1.5, 601, "x", float("nan")])
def test_a_bad_horizon_is_refused(bad):
    with pytest.raises(ProvisionError):
        fallback_curve(horizon=bad)


def test_asking_beyond_the_curve_is_refused():
    with pytest.raises(ProvisionError) as exc:
        fallback_curve(horizon=12).lifetime_pd(36)
    assert "36" in exc.value.message("zh") and "12" in exc.value.message("en")
