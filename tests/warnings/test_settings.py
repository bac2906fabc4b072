"""The warning settings as typed on the page: percent thresholds and the three knobs per level, both ways."""
from __future__ import annotations


import pytest

from analysis.warnings import settings as S
from analysis.warnings.signals import DEFAULT_RULE, LEVELS, SIGNALS, Clause, WarningError, WarningThresholds, validate_rule


def test_default_inputs_round_trip_to_the_default_thresholds():
    inputs = S.threshold_inputs()
    assert inputs["utilisation_level"] == 90.0 and inputs["payment_share"] == 100.0 and inputs["rising_months"] == 2
    th = S.thresholds_from_inputs(inputs, S.SWITCHABLE_SIGNALS, use_model=False)
    assert th == WarningThresholds(disabled=("model_score",))


def test_percent_inputs_become_shares_and_months_whole_numbers():
    inputs = {**S.threshold_inputs(), "balance_growth": 25.0, "growth_months": 4.0}
    th = S.thresholds_from_inputs(inputs, ["rolled"], use_model=True)
    assert th.balance_growth == pytest.approx(0.25)
    assert th.growth_months == 4 and isinstance(th.growth_months, int)
    assert set(th.disabled) == set(SIGNALS) - {"rolled", "model_score"}


def test_inputs_are_not_mutated():
    inputs = S.threshold_inputs()
    before = dict(inputs)
    S.thresholds_from_inputs(inputs, [], False)
    assert inputs == before


def test_a_bad_threshold_raises_a_warning_error():
    with pytest.raises(WarningError):
        S.thresholds_from_inputs({**S.threshold_inputs(), "payment_share": 150.0}, [], False)


def test_default_rule_knobs_give_back_the_default_rule():
    knobs = S.rule_knobs()
    assert knobs["red"] == {"count": 3, "signals": ["wilful"], "rolled_dpd": 61}
    assert knobs["orange"] == {"count": 2, "signals": ["rolled"], "rolled_dpd": 0}
    assert knobs["yellow"] == {"count": 1, "signals": [], "rolled_dpd": 0}
    rule = S.rule_from_knobs(knobs)
    assert {lv: set(c) for lv, c in validate_rule(rule).items()} == {
        lv: set(c) for lv, c in validate_rule(DEFAULT_RULE).items()}


def test_knobs_at_zero_add_no_clause_and_missing_levels_are_never_reached():
    rule = S.rule_from_knobs({"red": {"count": 0, "signals": [], "rolled_dpd": 0}, "orange": {"count": 1}})
    assert rule == {"red": (), "orange": (Clause(min_count=1),), "yellow": ()}
    assert tuple(rule) == LEVELS
