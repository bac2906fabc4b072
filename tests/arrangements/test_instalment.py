"""Instalment plans: the schedule in cents and the true annual rate against closed forms and an
independent root-finder written here."""
from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.arrangements.instalment import MAX_FEE_RATE, MAX_MONTHS, InstalmentError, instalment_plan


def bisect_rate(principal: float, payments: list[float]) -> float:
    """The monthly rate at which the payments are worth the principal, by plain bisection."""
    def value(i):
        return sum(p / (1 + i) ** k for k, p in enumerate(payments, start=1)) - principal
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if value(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


def test_issue_example_about_thirteen_percent_not_seven_point_two():
    plan = instalment_plan(12_000, 0.006, 12)
    assert [(m.month, m.payment, m.principal, m.fee) for m in plan.schedule] == [(k, 1072.0, 1000.0, 72.0) for k in range(1, 13)]
    assert plan.payment == 1072.0 and plan.total_fee == 864.0
    i = bisect_rate(12_000, [1072.0] * 12)
    assert plan.irr_monthly == pytest.approx(i, abs=1e-12)
    assert plan.fee_rate_nominal_annual == pytest.approx(0.072)
    assert round(plan.apr_nominal * 100, 2) == round(12 * i * 100, 2) == 13.03
    assert round(plan.apr_effective * 100, 2) == round(((1 + i) ** 12 - 1) * 100, 2) == 13.84


def test_the_annuity_identity_holds_at_the_rate_found():
    plan = instalment_plan(12_000, 0.006, 12)
    i = plan.irr_monthly
    assert 1072.0 * (1 - (1 + i) ** -12) / i == pytest.approx(12_000, rel=1e-12)


def test_one_instalment_costs_exactly_the_fee_rate():
    plan = instalment_plan(1000, 0.006, 1)
    assert [(m.payment, m.principal, m.fee) for m in plan.schedule] == [(1006.0, 1000.0, 6.0)]
    assert plan.irr_monthly == pytest.approx(0.006, abs=1e-13)  # 1006 / 1000 − 1
    assert plan.apr_nominal == pytest.approx(0.072, abs=1e-12)
    assert plan.apr_effective == pytest.approx(1.006 ** 12 - 1, abs=1e-12)


def test_two_instalments_closed_form():
    # 1000 at 1% over 2 months: 510 and 510. With x = 1/(1+i): 510x² + 510x − 1000 = 0.
    plan = instalment_plan(1000, 0.01, 2)
    x = (-510 + math.sqrt(510 ** 2 + 4 * 510 * 1000)) / (2 * 510)
    assert plan.irr_monthly == pytest.approx(1 / x - 1, abs=1e-12)


def test_zero_fee_is_exactly_zero():
    plan = instalment_plan(1000, 0.0, 3)
    assert plan.irr_monthly == 0.0 and plan.apr_nominal == 0.0 and plan.apr_effective == 0.0
    assert [m.principal for m in plan.schedule] == [333.33, 333.33, 333.34]
    assert plan.payment == 333.33 and plan.schedule[-1].payment == 333.34


def test_the_last_month_absorbs_the_rounding_of_the_principal():
    plan = instalment_plan(10_000, 0.006, 12)
    assert [m.principal for m in plan.schedule] == [833.33] * 11 + [833.37]
    assert [m.fee for m in plan.schedule] == [60.0] * 12
    assert plan.payment == 893.33 and plan.schedule[-1].payment == 893.37
    i = bisect_rate(10_000, [893.33] * 11 + [893.37])
    assert plan.irr_monthly == pytest.approx(i, abs=1e-12)
    assert round(plan.apr_nominal * 100, 2) == 13.03


def test_fee_is_rounded_to_the_cent_each_month():
    plan = instalment_plan(999.99, 0.0075, 3)  # 7.499925 → 7.50
    assert {m.fee for m in plan.schedule} == {7.5}
    assert [m.principal for m in plan.schedule] == [333.33, 333.33, 333.33]


@pytest.mark.parametrize("args, key", [
    ((1000, 0.006, 0), "calc.err.months"),
    ((1000, 0.006, MAX_MONTHS + 1), "calc.err.months"),
    ((1000, 0.006, -3), "calc.err.months"),
    ((1000, 0.006, 2.5), "calc.err.months"),
    ((1000, 0.006, True), "calc.err.months"),
    ((0, 0.006, 12), "calc.err.principal"),
    ((-100, 0.006, 12), "calc.err.principal"),
    ((1000, -0.006, 12), "calc.err.negative"),
    ((float("nan"), 0.006, 12), "calc.err.not_number"),
    ((1000, float("inf"), 12), "calc.err.not_number"),
    ((2, 0.006, 360), "calc.err.too_small"),
])
def test_impossible_inputs(args, key):
    with pytest.raises(InstalmentError) as err:
        instalment_plan(*args)
    assert err.value.key == key
    assert err.value.message("zh") != err.value.message("en")


def test_months_error_states_the_range():
    with pytest.raises(InstalmentError) as err:
        instalment_plan(1000, 0.006, 0)
    assert "360" in err.value.message("en") and "360" in err.value.message("zh")


def test_a_whole_number_of_months_given_as_float_is_accepted():
    assert instalment_plan(1000, 0.006, 12.0).months == 12


@settings(max_examples=120, deadline=None)
@given(st.decimals(min_value=Decimal("1000"), max_value=Decimal("500000"), places=2),
       st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.03"), places=4),
       st.integers(1, 60))
def test_principal_adds_up_and_the_rate_is_at_least_the_fee(principal, fee_rate, months):
    plan = instalment_plan(float(principal), float(fee_rate), months)
    assert sum(Decimal(str(m.principal)) for m in plan.schedule) == principal
    assert len(plan.schedule) == months
    assert all(m.payment == round(m.principal + m.fee, 2) for m in plan.schedule)
    if months >= 2:
        assert plan.irr_monthly >= float(fee_rate)
    i = plan.irr_monthly
    value = sum(m.payment / (1 + i) ** m.month for m in plan.schedule)
    assert value == pytest.approx(float(principal), rel=1e-10)
    assert plan.apr_effective >= plan.apr_nominal


@pytest.mark.parametrize("fee_rate, months", [(4.0, 360), (0.6, 12), (0.1000001, 24)])
def test_a_fee_rate_no_instalment_plan_has_is_refused_with_what_was_probably_meant(fee_rate, months):
    # 0.6 typed for 0.6 %; 400 % a month over 30 years overflowed the rate arithmetic (a traceback)
    with pytest.raises(InstalmentError) as info:
        instalment_plan(12000, fee_rate, months)
    assert info.value.key == "calc.err.fee_rate_high"
    assert f"{fee_rate / 100:g}" in info.value.message("en") and "0.6%" in info.value.message("zh")


def test_the_highest_fee_rate_taken_prices_the_longest_plan():
    plan = instalment_plan(12000, MAX_FEE_RATE, MAX_MONTHS)
    assert math.isfinite(plan.apr_effective) and plan.irr_monthly > MAX_FEE_RATE


def test_a_principal_too_small_to_pay_a_cent_a_month_is_refused():
    # 0.01 over 12 months gave eleven payments of 0.00 and a "true rate" of 0 beside a 7.2 % fee
    with pytest.raises(InstalmentError) as info:
        instalment_plan(0.01, 0.006, 12)
    assert info.value.key == "calc.err.too_small"


def test_a_daily_rate_no_card_has_is_refused_with_what_was_probably_meant():
    from analysis.arrangements.card_interest import CardInterestError, statement_from_dict, card_interest

    base = {"statement_date": "2024-06-05", "due_date": "2024-06-25", "next_statement_date": "2024-07-05",
            "payment": 0, "transactions": [{"posting_date": "2024-05-10", "amount": 8000}]}
    with pytest.raises(CardInterestError) as info:
        card_interest(statement_from_dict({**base, "daily_rate": 5}))
    assert info.value.key == "calc.err.daily_rate_high" and "0.05" in info.value.message("en")


def test_each_month_is_rounded_half_up_and_the_last_takes_the_rest():
    # 6,422.94 / 36 = 178.415: 四舍五入 gives 178.42 (Python's round() gave 178.41)
    plan = instalment_plan(6422.94, 0.005, 36)
    assert plan.schedule[0].principal == 178.42 and plan.schedule[0].fee == 32.11
    assert plan.schedule[-1].principal == round(6422.94 - 178.42 * 35, 2)
    assert sum(Decimal(str(m.principal)) for m in plan.schedule) == Decimal("6422.94")
