"""ECL per account against hand-worked closed forms; scenarios; EAD; rounding that adds up."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.provisions.ecl import EclAssumptions, Scenario, check_scenarios, expected_credit_loss, exposure_at_default, stage_totals
from analysis.provisions.pd_curve import ProvisionError, pd_term_structure
from analysis.whatif.policy import Assumptions

KEYS = list(DEFAULT_BUCKETS.keys)


def _curve(monthly_hazard: float = 0.01, horizon: int = 60):
    """Current defaults with a constant monthly probability ``h`` (straight to 91-180), stays
    Current otherwise; other live buckets likewise with 10 h."""
    m = pd.DataFrame(0.0, index=KEYS, columns=KEYS)
    for i, h in enumerate([monthly_hazard, 10 * monthly_hazard, 0.5, 0.9]):
        m.iloc[i, i] = 1 - h
        m.iloc[i, 4] = h
    m.iloc[4, 4] = m.iloc[5, 5] = 1.0
    return pd_term_structure(m, ["91-180", "181+"], horizon)


def _closed_form(h: float, months: int, rate: float, mult: float = 1.0) -> float:
    """Σ_t marginal_t d^t with cumulative_t = min(mult (1 - (1-h)^t), 1)."""
    d = 1 / (1 + rate / 12)
    cum = [min(mult * (1 - (1 - h) ** t), 1.0) for t in range(months + 1)]
    return math.fsum((cum[t] - cum[t - 1]) * d ** t for t in range(1, months + 1))


def _accounts():
    return pd.DataFrame({
        "account_id": ["s1", "s2", "s3", "nolimit"],
        "days_past_due": [0, 0, 120, 0],
        "balance": [1000.0, 2000.0, 777.77, 500.0],
        "credit_limit": [3000.0, 1500.0, 1000.0, np.nan],
        "interest_rate": [0.18, np.nan, 0.24, 0.06],
    })


def test_defaults_are_the_what_if_pages():
    a = EclAssumptions()
    assert (a.lgd, a.ccf, a.discount_rate) == (Assumptions.lgd, Assumptions.ccf, Assumptions.interest_rate)
    assert a.remaining_life == 36 and [s.as_dict() for s in a.scenarios] == [
        {"name": "base", "weight": 1.0, "pd_multiplier": 1.0}]


def test_ead_with_and_without_limits():
    assert exposure_at_default([100.0, 100.0, 100.0], [300.0, 50.0, np.nan], 0.5).tolist() == [200.0, 100.0, 100.0]
    assert exposure_at_default([100.0], None, 0.5).tolist() == [100.0]


def test_stage_1_2_3_against_closed_forms():
    acc = _accounts()
    out = expected_credit_loss(acc, [1, 2, 3, 1], _curve(0.01), EclAssumptions(lgd=0.4, ccf=0.5))
    # EAD: 1000 + .5 × 2000 = 2000 ; 2000 (over limit) ; 777.77 (stage 3: the line is blocked) ; 500 (no limit)
    assert out["ead"].tolist() == pytest.approx([2000.0, 2000.0, 777.77, 500.0])
    # stage 1: 12 months at the account's own 18 %; stage 2: 36 months at the 12 % fallback
    assert out["ecl"].iloc[0] == pytest.approx(0.4 * 2000 * _closed_form(0.01, 12, 0.18), rel=1e-12)
    assert out["ecl"].iloc[1] == pytest.approx(0.4 * 2000 * _closed_form(0.01, 36, 0.12), rel=1e-12)
    assert out["ecl"].iloc[3] == pytest.approx(0.4 * 500 * _closed_form(0.01, 12, 0.06), rel=1e-12)
    # stage 3: LGD × EAD exactly, to the cent
    assert round(out["ecl"].iloc[2], 2) == round(0.4 * 777.77, 2)
    assert out["life"].tolist() == [12, 36, 0, 12]
    assert out["rate"].tolist() == [0.18, 0.12, 0.24, 0.06] and out["own_rate"].tolist() == [True, False, True, True]
    flat = expected_credit_loss(acc, [1, 2, 3, 1], _curve(0.01), EclAssumptions(lgd=0.4, use_account_rate=False))
    assert flat["ecl"].iloc[0] == pytest.approx(0.4 * 2000 * _closed_form(0.01, 12, 0.12), rel=1e-12)


def test_remaining_life_per_product_and_a_short_life_caps_stage_1():
    acc = _accounts().assign(product=["card", "loan", "card", "loan"])
    a = EclAssumptions(remaining_life=36, remaining_life_by_product={"card": 6, "loan": 48})
    out = expected_credit_loss(acc, [1, 2, 3, 1], _curve(0.01), a)
    assert out["life"].tolist() == [6, 48, 0, 12]
    assert out["ecl"].iloc[0] == pytest.approx(0.45 * 2000 * _closed_form(0.01, 6, 0.18), rel=1e-12)
    with pytest.raises(ProvisionError):  # the curve must reach the longest life
        expected_credit_loss(acc, [1, 2, 3, 1], _curve(0.01, horizon=24), a)


def test_one_scenario_of_weight_1_and_multiplier_1_is_the_unweighted_figure():
    acc, stages, curve = _accounts(), [1, 2, 3, 1], _curve(0.02)
    plain = expected_credit_loss(acc, stages, curve, EclAssumptions())
    one = expected_credit_loss(acc, stages, curve, EclAssumptions(scenarios=(Scenario("only", 1.0, 1.0),)))
    assert one["ecl"].round(2).tolist() == plain["ecl"].round(2).tolist()
    assert one["ecl"].tolist() == pytest.approx(plain["ecl"].tolist(), rel=1e-15)


def test_weighted_scenarios_and_the_cap_at_1():
    acc, stages, curve = _accounts(), [1, 2, 3, 1], _curve(0.02)
    scen = (Scenario("base", 0.5, 1.0), Scenario("up", 0.2, 0.8), Scenario("down", 0.3, 30.0))
    out = expected_credit_loss(acc, stages, curve, EclAssumptions(scenarios=scen))
    for s in scen:
        alone = expected_credit_loss(acc, stages, curve, EclAssumptions(scenarios=(Scenario(s.name, 1.0, s.pd_multiplier),)))
        assert out[f"ecl:{s.name}"].tolist() == pytest.approx(alone["ecl"].tolist(), rel=1e-12)
    expected = sum(s.weight * out[f"ecl:{s.name}"] for s in scen)
    assert out["ecl"].tolist() == pytest.approx(expected.tolist(), rel=1e-12)
    # ×30 on a 2 %/month chain reaches 1 within months: capped, never above LGD × EAD
    assert out["ecl:down"].iloc[1] == pytest.approx(0.45 * 2000 * _closed_form(0.02, 36, 0.12, mult=30.0), rel=1e-12)
    assert (out["ecl:down"] <= 0.45 * out["ead"] + 1e-9).all()
    # stage 3 is the same in every scenario
    assert {out[f"ecl:{s.name}"].iloc[2] for s in scen} == {out["ecl"].iloc[2]}


@pytest.mark.parametrize("scenarios, key", [
    ((Scenario("a", 0.5), Scenario("b", 0.4)), "provisions.err.scenario_sum"),
    ((Scenario("a", 1.2), Scenario("b", -0.2)), "provisions.err.scenario_weight"),
    ((Scenario("a", 1.0, -1.0),), "provisions.err.scenario_multiplier"),
    ((Scenario("a", 0.5), Scenario("a", 0.5)), "provisions.err.scenario_names"),
    ((), "provisions.err.no_scenario"),
])
def test_bad_scenarios_are_refused_with_a_clear_message(scenarios, key):
    with pytest.raises(ProvisionError) as exc:
        check_scenarios(scenarios)
    assert exc.value.key == key and exc.value.message("zh") != exc.value.message("en")
    with pytest.raises(ProvisionError):
        EclAssumptions(scenarios=scenarios)


def test_weights_that_add_to_1_with_thirds_are_accepted():
    assert len(check_scenarios([Scenario("a", 1 / 3), Scenario("b", 1 / 3), Scenario("c", 1 / 3)])) == 3


@pytest.mark.parametrize("kwargs", [{"lgd": 1.5}, {"lgd": -0.1}, {"ccf": 2}, {"lgd": float("nan")},
                                    {"discount_rate": -0.01}, {"remaining_life": 0},
                                    {"remaining_life_by_product": {"x": 1000}}])
def test_bad_assumptions_are_refused(kwargs):
    with pytest.raises(ProvisionError):
        EclAssumptions(**kwargs)


def test_totals_by_stage_add_to_the_book_and_the_input_is_untouched():
    rng = np.random.default_rng(5)
    n = 500
    acc = pd.DataFrame({"days_past_due": rng.choice([0, 0, 0, 10, 45, 75, 100, 200], n),
                        "balance": rng.uniform(0, 5000, n).round(2),
                        "credit_limit": rng.uniform(0, 8000, n).round(-2)})
    before = acc.copy()
    stages = np.where(acc["days_past_due"] >= 91, 3, np.where(acc["days_past_due"] >= 31, 2, 1))
    out = expected_credit_loss(acc, stages, _curve(0.01))
    pd.testing.assert_frame_equal(acc, before)
    t = stage_totals(out)
    assert t["accounts"].sum() == n
    assert t["balance"].sum() == pytest.approx(acc["balance"].sum(), abs=1e-6)
    assert t["ecl"].sum() == pytest.approx(out["ecl"].sum(), abs=1e-6)
    s3 = out[out["stage"] == 3]
    assert (s3["ecl"].round(2) == (0.45 * s3["ead"]).round(2)).all()
