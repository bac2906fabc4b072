"""Hypothesis invariants of the aging analyses on the data core's cubes of generated portfolios.

Shares sum to 1, balances are conserved across buckets, segments and transitions, each roll-rate
row (exit included) sums to 1, and an account's bucket never goes down when its DPD goes up.
Every example opens a DuckDB book (closed by ``core_cubes``), so the example counts stay modest.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.aging import rates as A
from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS, bucket_codes, custom_buckets
from analysis.core import attach_states
from analysis.core.rates import shift_month
from analysis.aging.regulatory import five_tier_distribution, ifrs9_distribution
from tests.conftest import core_cubes

MONTHS = ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def portfolios(draw):
    n_acc = draw(st.integers(1, 12))
    rows = []
    for i in range(n_acc):
        present = draw(st.lists(st.booleans(), min_size=len(MONTHS), max_size=len(MONTHS)))
        if not any(present):
            present[draw(st.integers(0, len(MONTHS) - 1))] = True
        for month, here in zip(MONTHS, present):
            if here:
                dpd = draw(st.one_of(st.just(0), st.integers(0, 400)))
                # cents: money is exact to the fen
                bal = draw(st.integers(0, 10_000_000)) / 100
                rows.append((f"acc{i}", month, dpd, bal, draw(st.sampled_from(["甲", "乙", "丙"]))))
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "balance", "region"])
    df["region"] = pd.Categorical(df["region"])
    df["days_past_due"] = df["days_past_due"].astype("int64")
    return df


buckets_strategy = st.sampled_from([DEFAULT_BUCKETS, M_BUCKETS, custom_buckets([30, 90]), custom_buckets([7, 14, 60, 365])])


@SETTINGS
@given(portfolios(), buckets_strategy)
def test_shares_sum_to_one_and_balances_are_conserved(df, buckets):
    with core_cubes(df, buckets) as cubes:
        cube, seg_cube = cubes.aging(), cubes.aging("region")
        panel = attach_states(df, cubes.states())
    for month in A.months_of(df):
        rows = df[df["month"] == month]
        dist = A.aging_distribution(cube, month)
        assert dist["count"].sum() == len(rows)
        assert abs(dist["balance"].sum() - rows["balance"].sum()) < 0.005
        assert abs(dist["count_share"].sum() - 1) < 1e-9
        if rows["balance"].sum() > 0:
            assert abs(dist["balance_share"].sum() - 1) < 1e-9
        seg = A.aging_distribution(seg_cube, month, "region")
        assert seg["count"].sum() == len(rows)
        assert abs(seg["balance"].sum() - rows["balance"].sum()) < 0.005
        per_segment = seg.groupby("region", observed=True)["count_share"].sum()
        assert np.allclose(per_segment.to_numpy(), 1.0)
        # every account-month sits in exactly one bucket
        assert panel.loc[(panel["month"] == month).to_numpy(), "bucket"].notna().all()
    # the core buckets DPD exactly as analysis.core.buckets does
    assert (panel["bucket"].cat.codes.to_numpy() == bucket_codes(df["days_past_due"].to_numpy(), buckets)).all()
    last = A.months_of(df)[-1]
    top = str(A.aging_distribution(cube, last).sort_values("count")["bucket"].iloc[-1])
    assert len(A.drill_down(panel, last, top)) == int(A.aging_distribution(cube, last).set_index("bucket").loc[top, "count"])


@SETTINGS
@given(portfolios(), buckets_strategy, st.sampled_from(["count", "balance"]))
def test_roll_rate_rows_with_exit_sum_to_one(df, buckets, measure):
    with core_cubes(df, buckets) as cubes:
        rolls = cubes.transitions()
    months = set(df["month"])
    paired = df[df["month"].map(lambda m: shift_month(m, 1) in months)]
    # balances conserved: what flows out of a month is that month's book whose next month is in
    # the book; what arrives (exits at 0) is the next month's balance of the accounts that stayed
    assert rolls["count"].sum() == len(paired)
    assert abs(rolls["balance"].sum() - paired["balance"].sum()) < 0.005
    nxt = df.assign(month=df["month"].map(lambda m: shift_month(m, -1)))
    stayed = paired[["account_id", "month"]].merge(nxt, on=["account_id", "month"])
    assert abs(rolls["next_balance"].sum() - stayed["balance"].sum()) < 0.005
    assert (rolls.loc[rolls["next_bucket"] == "exit", "next_balance"] == 0).all()
    if not len(rolls):
        return
    everything = A.roll_rates_all(rolls, measure)
    sums = everything.groupby(["month", "from_bucket"], observed=True)["rate"].sum(min_count=1)
    totals = everything.groupby(["month", "from_bucket"], observed=True)["flow"].sum()
    assert np.allclose(sums[totals > 0].to_numpy(), 1.0)
    assert everything["rate"].dropna().between(0, 1).all()
    # nothing is lost: flows from a month = that month's accounts whose next month is in the book
    for month in A.months_of(rolls):
        n_from = everything[everything["month"] == month]
        if measure == "count":
            paired = df[df["month"] == month]
            assert n_from["flow"].sum() == len(paired)
    pooled = A.roll_matrix_long(rolls, None, measure)
    base = pooled.groupby("from_bucket", observed=True)["rate"].sum(min_count=1).dropna()
    assert np.allclose(base.to_numpy(), 1.0)


# test_bucket_is_monotone_in_dpd: a property of the bucket schemes, in tests/core/test_buckets.py.


@SETTINGS
@given(portfolios())
def test_regulatory_views_conserve_the_book(df):
    with core_cubes(df) as cubes:
        dpd = cubes.dpd()
    for month in A.months_of(df):
        rows = df[df["month"] == month]
        for dist in (five_tier_distribution(dpd, month), ifrs9_distribution(dpd, month)):
            assert dist["count"].sum() == len(rows)
            assert abs(dist["balance"].sum() - rows["balance"].sum()) < 0.005
        cov = A.stage_coverage(dpd, month)
        assert cov["count"].sum() == len(rows)


@SETTINGS
@given(portfolios(), st.integers(1, 4), st.sampled_from(["count", "balance"]))
def test_rates_are_shares(df, lag, measure):
    with core_cubes(df) as cubes:
        rates = cubes.rates()
    assert rates["count"].sum() == len(df)
    assert abs(rates["balance"].sum() - df["balance"].sum()) < 0.005
    lines = A.rate_lines(rates, measure)
    assert lines["rate"].dropna().between(0, 1).all()
    ordered = lines.pivot(index="month", columns="metric", values="rate").dropna()
    # 90+ ⊂ 30+ ⊂ 1+
    assert (ordered["dpd90_rate"] <= ordered["dpd30_rate"] + 1e-12).all()
    assert (ordered["dpd30_rate"] <= ordered["overdue_rate"] + 1e-12).all()
    lagged = A.lagged_rates(rates, lag, measure)
    assert lagged["coincident"].dropna().between(0, 1).all()
