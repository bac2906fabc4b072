"""Arrangement comparison: closed forms, the aging page's roll rates, identities, segments, JSON."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.aging.rates import roll_matrix_long
from analysis.arrangements import options as O
from analysis.arrangements.segment import contract_rate, parse_cause_class, select_segment
from analysis.causes.dictionary import overdue_causes
from analysis.core import book_from_portfolio
from analysis.core.buckets import DEFAULT_BUCKETS, assign_buckets
from analysis.core.rates import shift_month

P = 1000.0


def _two_state_chain(cure: float, stay: float) -> O.CollectionChain:
    """One overdue bucket: cures with ``cure``, stays with ``stay``, charges off with the rest."""
    return O.CollectionChain(pd.DataFrame(), ("31-60",), ("91+",), np.array([[stay]]), np.array([cure]),
                             np.array([1.0 - cure - stay]), ("2024-01",), "balance")


def _segment(balance: float = P, bucket: str = "31-60") -> O.Segment:
    return O.Segment(month="2024-02", bucket=bucket, accounts=1, balance=balance)


def _price(option: O.Option, a: O.ArrangementAssumptions, chain=None) -> pd.Series:
    comparison = O.compare_options([option], chain or _two_state_chain(0.3, 0.5), _segment(), a)
    return comparison.options.set_index("kind").loc[option.kind]


# --- closed forms ------------------------------------------------------------------------------

def test_zero_rate_zero_redefault_instalments_are_worth_the_balance():
    a = O.ArrangementAssumptions(discount_rate=0.0)
    row = _price(O.Option("instalment", months=24, redefault=0.0), a)
    assert row["npv"] == pytest.approx(P, abs=1e-9)
    assert row["expected_loss"] == 0.0 and row["cure_probability"] == 1.0


def test_one_instalment_with_a_fee_is_discounted_once():
    a = O.ArrangementAssumptions(discount_rate=0.12)
    row = _price(O.Option("instalment", months=1, fee_rate=0.01, redefault=0.0), a)
    assert row["npv"] == pytest.approx(P * 1.01 / 1.01, abs=1e-9)  # fee 1 % a month = discount 12 %/12


def test_an_annuity_at_the_discount_rate_is_worth_par():
    a = O.ArrangementAssumptions(discount_rate=0.18)
    row = _price(O.Option("instalment", months=36, rate=0.18, redefault=0.0), a)
    assert row["npv"] == pytest.approx(P, abs=1e-9)


def test_a_failing_single_instalment_recovers_after_charge_off_and_the_lag():
    a = O.ArrangementAssumptions(discount_rate=0.06, recovery_rate=0.4, recovery_lag=5, chargeoff_dpd=91)
    p, f, d = 0.3, 0.005, 1 / (1 + 0.06 / 12)
    row = _price(O.Option("instalment", months=1, fee_rate=f, redefault=p), a)
    assert row["npv"] == pytest.approx(P * ((1 - p) * (1 + f) * d + p * 0.4 * d ** (1 + 3 + 5)), abs=1e-9)
    assert row["expected_loss"] == pytest.approx(P * p * 0.6, abs=1e-9)
    assert row["cure_probability"] == pytest.approx(1 - p)


def test_a_plan_fails_with_the_stated_probability_over_its_length():
    a = O.ArrangementAssumptions()
    row = _price(O.Option("freeze", months=48, redefault=0.4), a)
    assert row["cure_probability"] == pytest.approx(0.6, abs=1e-12)


def test_grace_without_interest_loses_the_time_value_and_with_interest_at_the_discount_rate_nothing():
    a = O.ArrangementAssumptions(discount_rate=0.12, contract_rate=0.12)
    free = _price(O.Option("grace", months=4, accrue=False, redefault=0.0), a)
    accrued = _price(O.Option("grace", months=4, accrue=True, redefault=0.0), a)
    assert free["npv"] == pytest.approx(P / 1.01 ** 4, abs=1e-9)
    assert accrued["npv"] == pytest.approx(P, abs=1e-9)


def test_a_settlement_everyone_pays_is_the_discounted_lump_sum_and_nobody_paying_is_collect_as_now():
    a = O.ArrangementAssumptions(discount_rate=0.12)
    everyone = _price(O.Option("settlement", discount=0.25, pay_by=2, take_up=1.0), a)
    assert everyone["npv"] == pytest.approx(P * 0.75 / 1.01 ** 2, abs=1e-9)
    assert everyone["expected_loss"] == pytest.approx(P * 0.25) and everyone["cure_probability"] == 1.0
    nobody = O.compare_options([O.Option("settlement", discount=0.25, take_up=0.0)], _two_state_chain(0.3, 0.5),
                               _segment(), a).options
    assert nobody["npv"].iloc[1] == pytest.approx(nobody["npv"].iloc[0], abs=1e-9)


def test_collect_as_now_on_a_one_bucket_chain_is_a_geometric_series():
    cure, stay, r, lag = 0.3, 0.5, 0.5, 2
    a = O.ArrangementAssumptions(discount_rate=0.12, recovery_rate=r, recovery_lag=lag)
    d = 1 / 1.01
    row = _price(O.Option("none"), a, _two_state_chain(cure, stay))
    expected = P * (cure * d + (1 - cure - stay) * r * d ** (1 + lag)) / (1 - stay * d)
    assert row["npv"] == pytest.approx(expected, rel=1e-12)
    assert row["cure_probability"] == pytest.approx(cure / (1 - stay))
    assert row["expected_loss"] == pytest.approx(P * (1 - cure - stay) / (1 - stay) * (1 - r))


def test_a_segment_already_at_charge_off_only_recovers():
    chain = _two_state_chain(0.3, 0.5)
    a = O.ArrangementAssumptions(discount_rate=0.0, recovery_rate=0.2, recovery_lag=6)
    out = O.compare_options([O.Option("none")], chain, _segment(bucket="91+"), a)
    assert out.options["npv"].iloc[0] == pytest.approx(P * 0.2)
    assert out.options["cure_probability"].iloc[0] == 0.0
    assert out.cash_flows["month"].tolist() == [6]


# --- the book's own roll rates, exactly as the aging page shows them --------------------------

@pytest.fixture(scope="module")
def sample(sample_portfolio):
    rolls = book_from_portfolio(sample_portfolio).cubes().transitions()
    months = sorted(sample_portfolio["month"].unique())
    pairs = [m for m in months if shift_month(m, 1) in set(months)]
    return sample_portfolio, rolls, months, pairs


def test_collect_as_now_uses_the_aging_pages_pooled_roll_rates_and_an_independent_closed_form(sample):
    panel, rolls, months, pairs = sample
    window = pairs[-6:]
    a = O.ArrangementAssumptions(discount_rate=0.1, recovery_rate=0.35, recovery_lag=9)
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, window, "balance", a.chargeoff_dpd)
    shown = roll_matrix_long(rolls, window, "balance").pivot(index="from_bucket", columns="to_bucket", values="rate")
    assert np.allclose(chain.matrix.to_numpy(), shown.reindex(index=chain.matrix.index,
                                                              columns=chain.matrix.columns).to_numpy(), equal_nan=True)
    # Independent: the fundamental matrix of the overdue buckets 1-30, 31-60, 61-90.
    overdue = ["1-30", "31-60", "61-90"]
    q = shown.loc[overdue, overdue].to_numpy()
    cure = (shown.loc[overdue, "Current"] + shown.loc[overdue, "exit"]).to_numpy()
    off = shown.loc[overdue, ["91-180", "181+"]].sum(axis=1).to_numpy()
    d = 1 / (1 + 0.1 / 12)
    value = np.linalg.solve(np.eye(3) - d * q, d * cure + d ** (1 + 9) * 0.35 * off)
    for i, bucket in enumerate(overdue):
        seg, _ = select_segment(panel, months[-1], DEFAULT_BUCKETS, bucket=bucket)
        row = O.compare_options([O.Option("none")], chain, seg, a).options.iloc[0]
        assert row["npv"] == pytest.approx(seg.balance * value[i], rel=1e-9)
        absorbed = np.linalg.solve(np.eye(3) - q, cure)[i]
        assert row["cure_probability"] == pytest.approx(absorbed, rel=1e-9)


def test_undiscounted_cash_plus_loss_is_the_balance_without_fees(sample):
    panel, rolls, months, pairs = sample
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, pairs[-6:])
    seg, _ = select_segment(panel, months[-1], DEFAULT_BUCKETS, bucket="31-60")
    a = O.ArrangementAssumptions()
    out = O.compare_options([O.Option("none"), O.Option("freeze", months=24), O.Option("grace", months=2, accrue=False),
                             O.Option("settlement", discount=0.4)], chain, seg, a).options
    assert np.allclose(out["undiscounted"] + out["expected_loss"], seg.balance, rtol=1e-12)
    flows = O.compare_options(O.default_options(), chain, seg, a)
    totals = flows.cash_flows.groupby("name", sort=False)["expected"].sum()
    assert np.allclose(totals.reindex(flows.options["name"]).to_numpy(), flows.options["undiscounted"].to_numpy())


def test_the_best_option_has_the_highest_npv_and_values_are_relative_to_collect_as_now(sample):
    panel, rolls, months, pairs = sample
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, pairs[-6:])
    seg, _ = select_segment(panel, months[-1], DEFAULT_BUCKETS, bucket="61-90")
    out = O.compare_options(O.default_options(), chain, seg, O.ArrangementAssumptions())
    table = out.options
    assert out.best == table.loc[table["npv"].idxmax(), "name"]
    assert np.allclose(table["value_vs_none"], table["npv"] - table.loc[table["kind"] == "none", "npv"].iloc[0])


def test_an_empty_bucket_row_rolls_forward_and_is_named(sample):
    panel, rolls, months, pairs = sample
    empty = rolls[rolls["bucket"] != "61-90"]
    chain = O.collection_chain(empty, DEFAULT_BUCKETS, pairs[-6:])
    assert chain.assumed_rows == ("61-90",)
    assert chain.chargeoff[chain.overdue.index("61-90")] == 1.0


def test_a_later_charge_off_point_keeps_91_180_as_a_bucket_that_can_cure(sample):
    panel, rolls, months, pairs = sample
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, pairs, chargeoff_dpd=181)
    assert chain.overdue == ("1-30", "31-60", "61-90", "91-180") and chain.chargeoff_keys == ("181+",)


# --- sensitivity -------------------------------------------------------------------------------

def test_sensitivity_at_multiplier_one_is_the_comparison_and_collect_as_now_ignores_redefault(sample):
    panel, rolls, months, pairs = sample
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, pairs[-6:])
    seg, _ = select_segment(panel, months[-1], DEFAULT_BUCKETS, bucket="31-60")
    comparison = O.compare_options(O.default_options(), chain, seg, O.ArrangementAssumptions())
    sens = O.sensitivity(comparison, "redefault")
    at_one = sens[sens["value"] == 1.0].set_index("name")["npv"]
    assert np.allclose(at_one.reindex(comparison.options["name"]).to_numpy(), comparison.options["npv"].to_numpy())
    none = sens[sens["name"] == comparison.options["name"].iloc[0]]["npv"]
    assert none.nunique() == 1
    for name, curve in sens.groupby("name"):
        assert curve.sort_values("value")["npv"].is_monotonic_decreasing or curve["npv"].nunique() == 1
    recovery = O.sensitivity(comparison, "recovery")
    assert recovery.groupby("name")["npv"].apply(lambda s: s.is_monotonic_increasing).all()


@settings(max_examples=40, deadline=None)
@given(p=st.floats(0, 1), q=st.floats(0, 1), n=st.integers(1, 60), f=st.floats(0, 0.02))
def test_more_redefault_never_raises_an_arrangements_value(p, q, n, f):
    a = O.ArrangementAssumptions()
    lo, hi = sorted([p, q])
    for kind in ("instalment", "freeze", "grace"):
        low = _price(O.Option(kind, months=n, fee_rate=f if kind == "instalment" else 0.0, redefault=lo), a)
        high = _price(O.Option(kind, months=n, fee_rate=f if kind == "instalment" else 0.0, redefault=hi), a)
        assert high["npv"] <= low["npv"] + 1e-9
        assert high["expected_loss"] >= low["expected_loss"] - 1e-9


# --- segments ----------------------------------------------------------------------------------

def test_a_cause_class_keeps_exactly_the_accounts_the_causes_page_classes_so(full_sample_portfolio):
    panel = full_sample_portfolio
    month = sorted(panel["month"].unique())[-1]
    seg, rows = select_segment(panel, month, DEFAULT_BUCKETS, bucket="31-60", cause_class="unable/temporary")
    month_rows = panel[panel["month"] == month]
    bucket_rows = month_rows[np.asarray(assign_buckets(month_rows["days_past_due"], DEFAULT_BUCKETS)) == "31-60"]
    causes = overdue_causes(bucket_rows)
    expected = causes[(causes["willingness"] == "unable") & (causes["hardship"] == "temporary")]
    assert seg.accounts == expected["account_id"].nunique() > 0
    assert seg.balance == pytest.approx(expected["balance"].sum())
    assert seg.cause_class == "unable/temporary"


def test_one_account_is_priced_in_its_own_bucket(sample):
    panel, rolls, months, pairs = sample
    month = months[-1]
    row = panel[(panel["month"] == month) & (panel["days_past_due"].between(31, 60))].iloc[0]
    seg, rows = select_segment(panel, month, DEFAULT_BUCKETS, account_id=row["account_id"])
    assert (seg.bucket, seg.accounts, seg.balance) == ("31-60", 1, pytest.approx(row["balance"]))


@pytest.mark.parametrize("kwargs, key", [
    ({"bucket": "nope"}, "arr.err.bucket"),
    ({"account_id": "no-such-account"}, "arr.err.account"),
    ({"bucket": "31-60", "cause_class": "sunny"}, "arr.err.cause_class"),
])
def test_segment_errors_say_what_to_change(sample, kwargs, key):
    panel, rolls, months, pairs = sample
    with pytest.raises(O.ArrangementError) as err:
        select_segment(panel, months[-1], DEFAULT_BUCKETS, **kwargs)
    assert err.value.key == key
    assert err.value.message("zh") != key


def test_month_outside_the_data_and_missing_reasons_are_refused(sample):
    panel, rolls, months, pairs = sample
    with pytest.raises(O.ArrangementError, match="1999-01 is not in the data"):
        select_segment(panel, "1999-01", DEFAULT_BUCKETS, bucket="31-60")
    with pytest.raises(O.ArrangementError) as err:
        select_segment(panel.drop(columns=["overdue_reason"], errors="ignore"), months[-1], DEFAULT_BUCKETS,
                       bucket="31-60", cause_class="unable")
    assert err.value.key == "arr.err.no_reason"


def test_the_current_bucket_has_nothing_to_arrange(sample):
    panel, rolls, months, pairs = sample
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, pairs[-6:])
    seg, _ = select_segment(panel, months[-1], DEFAULT_BUCKETS, bucket="Current")
    with pytest.raises(O.ArrangementError) as err:
        O.compare_options(O.default_options(), chain, seg, O.ArrangementAssumptions())
    assert "逾期段" in err.value.message("zh")


def test_cause_class_text_and_contract_rate():
    assert parse_cause_class("unable temporary") == ("unable", "temporary")
    assert parse_cause_class("unwilling") == ("unwilling", None)
    assert contract_rate(pd.DataFrame({"balance": [1.0]})) is None
    assert contract_rate(pd.DataFrame({"balance": [2.0, 0.0], "interest_rate": [0.1, 0.9]})) == pytest.approx(0.1)


# --- options as JSON ---------------------------------------------------------------------------

def test_options_round_trip_through_json():
    options, a = O.default_options(), O.ArrangementAssumptions(recovery_rate=0.3, recovery_lag=6)
    back, back_a = O.options_from_json(O.options_to_json(options, a))
    assert back == options and back_a == a


@pytest.mark.parametrize("text, fragment", [
    ('{"options": [{"kind": "instalment", "months": 12, "fees": 0.1}]}', "fees"),
    ('{"options": [{"kind": "instalment", "months": 0}]}', "months"),
    ('{"options": [{"kind": "loan"}]}', "loan"),
    ('{"assumptions": {"recovery_rate": 1.5}}', "recovery_rate"),
    ("not json", "JSON"),
])
def test_bad_options_files_are_refused_with_the_field_named(text, fragment):
    with pytest.raises(O.ArrangementError) as err:
        O.options_from_json(text)
    assert fragment in err.value.message("en")
    assert err.value.message("zh") != err.value.message("en")


def test_option_names_are_translated_and_repeated_names_refused(sample):
    panel, rolls, months, pairs = sample
    assert O.option_name(O.Option("freeze", months=24), "zh") == "停息挂账，本金分 24 期"
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, pairs[-6:])
    seg, _ = select_segment(panel, months[-1], DEFAULT_BUCKETS, bucket="31-60")
    with pytest.raises(O.ArrangementError):
        O.compare_options([O.Option("freeze", months=24), O.Option("freeze", months=24)], chain, seg,
                          O.ArrangementAssumptions())


# --- the CLI -----------------------------------------------------------------------------------

from tests.conftest import REPO

SAMPLE = str(REPO / "data" / "sample" / "sample_portfolio.csv")


def test_cli_json_has_the_public_keys_and_reconciles(capsys, tmp_path):
    from analysis.__main__ import main

    spec = tmp_path / "options.json"
    spec.write_text(json.dumps({"assumptions": {"recovery_rate": 0.3},
                                "options": [{"kind": "instalment", "months": 24, "fee_rate": 0.005},
                                            {"kind": "settlement", "discount": 0.4, "take_up": 0.5}]}))
    assert main(["arrangement", SAMPLE, "--bucket", "31-60", "--options", str(spec), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"segment", "accounts", "balance", "options", "best", "assumptions"} <= set(out)
    assert [o["kind"] for o in out["options"]] == ["none", "instalment", "settlement"]
    for option in out["options"]:
        assert {"name", "npv", "expected_loss", "cure_probability", "cash_flows"} <= set(option)
        assert option["cash_flows"][0].keys() == {"month", "expected"}
    assert out["assumptions"]["recovery_rate"] == 0.3 and len(out["assumptions"]["months"]) == 6
    assert out["best"] == max(out["options"], key=lambda o: o["npv"])["name"]
    assert {"redefault", "recovery"} == set(out["sensitivity"])


@pytest.mark.parametrize("argv, fragment", [
    (["--bucket", "31-60", "--month", "1999-01"], "1999-01"),
    (["--bucket", "Current", "--lang", "zh"], "正常段"),
    ([], "--bucket"),
    (["--bucket", "31-60", "--options", "no/such.json"], "no/such.json"),
])
def test_cli_errors_are_messages_not_tracebacks(capsys, argv, fragment):
    from analysis.__main__ import main

    assert main(["arrangement", SAMPLE, *argv]) == 2
    assert fragment in capsys.readouterr().err


def test_a_chain_stuck_in_a_bucket_counts_as_lost_and_says_so():
    stuck = _two_state_chain(0.0, 1.0)
    out = O.compare_options([O.Option("none"), O.Option("freeze", months=12)], stuck, _segment(),
                            O.ArrangementAssumptions())
    assert out.unresolved == pytest.approx(1.0)
    assert out.options["npv"].iloc[0] == 0.0 and out.options["expected_loss"].iloc[0] == pytest.approx(P)
    warning = O.comparison_warnings(out, "zh")
    assert len(warning) == 1 and "31-60" in warning[0]
    healthy = O.compare_options([O.Option("none")], _two_state_chain(0.3, 0.5), _segment(), O.ArrangementAssumptions())
    assert O.comparison_warnings(healthy) == []
