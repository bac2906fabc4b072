"""analysis.core.rates: month arithmetic, delinquency rates and roll-rate matrices off the cubes.

Golden values on ``tiny_portfolio`` (tests/conftest.py), worked out by hand:
A 0 → 0 → 15 (balances 100, 90, 80); B 10 → 40 → 70 (200, 210, 220); C 95 → 125 → gone in March.
"""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from analysis.core.rates import (delinquency_rates, month_from_ordinal, month_ordinal, roll_flow_matrix,
                                 roll_rate_matrix, shift_month)


@pytest.mark.parametrize("month, n, expected", [("2024-01", -1, "2023-12"), ("2023-12", 1, "2024-01"),
                                                ("2024-03", 0, "2024-03"), ("2024-03", 25, "2026-04"),
                                                ("2024-03", -27, "2021-12")])
def test_shift_month_crosses_years(month, n, expected):
    assert shift_month(month, n) == expected


def test_month_ordinal_round_trip_and_consecutive_months():
    months = [f"{y}-{m:02d}" for y in (2023, 2024) for m in range(1, 13)]
    ordinals = [month_ordinal(m) for m in months]
    assert np.all(np.diff(ordinals) == 1)
    assert [month_from_ordinal(o) for o in ordinals] == months


def test_delinquency_rates_golden(tiny_cubes):
    rates = delinquency_rates(tiny_cubes.rates(), "balance").set_index("month")
    assert rates.loc["2024-01", "overdue_rate"] == pytest.approx(250 / 350, rel=1e-12)
    assert rates.loc["2024-02", "dpd30_rate"] == pytest.approx(260 / 350, rel=1e-12)
    assert rates.loc["2024-03", "dpd90_rate"] == 0.0
    counts = delinquency_rates(tiny_cubes.rates(), "count").set_index("month")
    assert counts.loc["2024-01", "dpd30_rate"] == pytest.approx(1 / 3, rel=1e-12)
    assert counts.loc["2024-03", "overdue_rate"] == 1.0


def test_delinquency_rates_of_an_empty_month_are_nan_not_zero():
    rates = pd.DataFrame({"month": ["2024-01"], "balance": [0.0], "overdue_balance": [0.0],
                          "dpd30_balance": [0.0], "dpd90_balance": [0.0]})
    assert np.isnan(delinquency_rates(rates)["overdue_rate"].iloc[0])


def test_delinquency_rates_refuse_an_unknown_measure(tiny_cubes):
    with pytest.raises(ValueError, match="measure"):
        delinquency_rates(tiny_cubes.rates(), "accounts")


def test_roll_rate_matrix_golden(tiny_cubes):
    m = roll_rate_matrix(tiny_cubes.transitions())
    assert m.loc["Current", ["Current", "1-30"]].tolist() == [0.5, 0.5]
    assert m.loc["1-30", "31-60"] == 1.0 and m.loc["31-60", "61-90"] == 1.0
    assert m.loc["91-180", ["91-180", "exit"]].tolist() == [0.5, 0.5]
    assert m.loc["61-90"].isna().all() and m.loc["181+"].isna().all()  # nothing rolled from them
    assert list(m.columns)[-1] == "exit"


def test_roll_rate_matrix_by_balance_weighs_by_balance_at_t(tiny_cubes):
    m = roll_rate_matrix(tiny_cubes.transitions(), measure="balance")
    assert m.loc["Current", "Current"] == pytest.approx(100 / 190, rel=1e-12)
    assert m.loc["Current", "1-30"] == pytest.approx(90 / 190, rel=1e-12)


def test_roll_rate_matrix_pools_the_chosen_months_only(tiny_cubes):
    m = roll_rate_matrix(tiny_cubes.transitions(), months=["2024-02"])
    assert m.loc["Current", "1-30"] == 1.0 and m.loc["91-180", "exit"] == 1.0
    assert m.loc["1-30"].isna().all()


def test_roll_rows_sum_to_one_and_flows_count_accounts(tiny_cubes):
    rolls = tiny_cubes.transitions()
    m = roll_rate_matrix(rolls)
    sums = m.sum(axis=1, min_count=1).dropna()
    assert np.allclose(sums.to_numpy(), 1.0)
    flows = roll_flow_matrix(rolls)
    assert flows.to_numpy().sum() == 6  # 3 accounts × 2 month pairs
    assert flows.index.name == "from_bucket" and flows.columns.name == "to_bucket"


def test_roll_rate_matrix_refuses_an_unknown_measure(tiny_cubes):
    with pytest.raises(ValueError, match="measure"):
        roll_rate_matrix(tiny_cubes.transitions(), measure="accounts")


def test_inputs_are_not_mutated(tiny_cubes):
    rates, rolls = tiny_cubes.rates(), tiny_cubes.transitions()
    rates_before, rolls_before = rates.copy(), rolls.copy()
    delinquency_rates(rates), roll_rate_matrix(rolls), roll_flow_matrix(rolls, ["2024-01"], "balance")
    pd.testing.assert_frame_equal(rates, rates_before)
    pd.testing.assert_frame_equal(rolls, rolls_before)
