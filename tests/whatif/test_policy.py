"""What-if limit policies: golden values on hand-made books, invariants with hypothesis."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.whatif.policy import (
    ACTIONS, NO_CHANGE, Assumptions, Policy, PolicyError, Rule, backtest_policy, change_by_rule,
    change_by_segment, compare_scenarios, policy_from_json, policy_to_json, rule_masks,
    scenario_totals, sensitivity_curve, simulate_policy, snapshot_features, swap_set, swap_summary,
    with_cut,
)
from tests.conftest import make_portfolio

PD = {"Current": 0.02, "1-30": 0.2, "31-60": 0.5, "61-90": 0.8, "91-180": 1.0, "181+": 1.0}


def _features(rows):
    """(account_id, dpd, balance, limit[, extra dict]) → a features frame on the default buckets."""
    recs = []
    for r in rows:
        rec = {"account_id": r[0], "days_past_due": r[1], "balance": float(r[2]), "credit_limit": float(r[3])}
        if len(r) > 4:
            rec.update(r[4])
        recs.append(rec)
    f = pd.DataFrame(recs)
    f["bucket"] = pd.Categorical.from_codes(
        np.searchsorted(DEFAULT_BUCKETS.lowers, f["days_past_due"], side="right") - 1,
        categories=list(DEFAULT_BUCKETS.keys), ordered=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        f["utilisation"] = np.where(f["credit_limit"] > 0, f["balance"] / f["credit_limit"], np.nan)
    return f


@pytest.fixture(scope="module")
def sample_features(request):
    portfolio = request.getfixturevalue("sample_portfolio")
    return snapshot_features(portfolio)


# --- golden ---------------------------------------------------------------------------------

def test_hand_computed_el_on_a_three_account_book():
    f = _features([("A", 0, 400.0, 1000.0), ("B", 45, 900.0, 1000.0), ("C", 100, 500.0, 500.0)])
    asm = Assumptions(PD, lgd=0.6, ccf=0.5, draw_share=0.3, interest_rate=0.1)
    policy = Policy("cut 31+ by 50%", (Rule("cut", 50, dpd_min=31),))
    r = simulate_policy(f, policy, asm)
    a = r.accounts.set_index("account_id")
    # before: A EAD 400+0.5*600=700, EL .02*.6*700=8.4 ; B EAD 900+.5*100=950, EL .5*.6*950=285
    #         C EAD 500, EL 1*.6*500=300
    assert a["ead_before"].tolist() == pytest.approx([700.0, 950.0, 500.0], abs=1e-9)
    assert a["el_before"].tolist() == pytest.approx([8.4, 285.0, 300.0], abs=1e-9)
    # B: cut to 500 but no forced paydown keeps it at the balance 900 → EAD 900, EL 270
    # C: cut to 250, floored at the balance 500 → unchanged
    assert a["limit_after"].tolist() == pytest.approx([1000.0, 900.0, 500.0])
    assert a["el_after"].tolist() == pytest.approx([8.4, 270.0, 300.0], abs=1e-9)
    # revenue: 10% on balance + 0.3 × undrawn: A 400 + 180, B 900 + 30 → 900 after; C is in
    # default (100 DPD): no interest accrues (non-accrual) and no rule touches it (out of scope)
    assert a["revenue_before"].tolist() == pytest.approx([58.0, 93.0, 0.0])
    assert a["revenue_after"].tolist() == pytest.approx([58.0, 90.0, 0.0])
    tot = scenario_totals(r)
    assert tot["accounts_affected"] == 1
    assert tot["accounts_matched"] == 1
    assert tot["accounts_out_of_scope"] == 1 and tot["out_of_scope"]["expected_loss"] == pytest.approx(300.0)
    assert tot["before"]["expected_loss"] == pytest.approx(593.4)
    assert tot["delta"]["expected_loss"] == pytest.approx(-15.0)
    assert tot["before"]["el_per_revenue"] == pytest.approx(593.4 / 151.0)


def test_forced_paydown_allowed_takes_the_limit_below_the_balance():
    f = _features([("B", 45, 900.0, 1000.0)])
    asm = Assumptions(PD, lgd=0.6, ccf=0.5, no_forced_paydown=False)
    r = simulate_policy(f, Policy("", (Rule("cut", 50, dpd_min=31),)), asm)
    assert r.accounts["limit_after"].item() == pytest.approx(500.0)
    # the undrawn cannot go negative: EAD is the balance
    assert r.accounts["ead_after"].item() == pytest.approx(900.0)


def test_raise_adds_drawn_revenue_and_ead():
    f = _features([("A", 0, 200.0, 1000.0)])
    asm = Assumptions(PD, lgd=0.5, ccf=0.4, draw_share=0.25, interest_rate=0.2)
    r = simulate_policy(f, Policy("", (Rule("raise", 10),)), asm).accounts.iloc[0]
    assert r["limit_after"] == pytest.approx(1100.0)
    assert r["ead_after"] - r["ead_before"] == pytest.approx(0.4 * 100)
    assert r["revenue_after"] - r["revenue_before"] == pytest.approx(0.2 * 0.25 * 100)


def test_every_action_on_one_account():
    f = _features([("A", 0, 300.0, 1000.0)])
    expect = {("cut", 20): 800.0, ("raise", 50): 1500.0, ("set", 2000): 2000.0, ("freeze", None): 300.0,
              ("cap_utilisation", 60): 500.0}
    asm = Assumptions(PD)
    for (action, value), limit in expect.items():
        r = simulate_policy(f, Policy("", (Rule(action, value),)), asm)
        assert r.accounts["limit_after"].item() == pytest.approx(limit), action


def test_first_matching_rule_wins():
    f = _features([("A", 45, 100.0, 1000.0), ("B", 0, 100.0, 1000.0)])
    policy = Policy("", (Rule("cut", 10, dpd_min=31), Rule("cut", 50, dpd_min=0), Rule("freeze")))
    assert rule_masks(f, policy).tolist() == [0, 1]
    r = simulate_policy(f, policy, Assumptions(PD))
    assert r.accounts["limit_after"].tolist() == pytest.approx([900.0, 500.0])
    by_rule = change_by_rule(r)
    assert by_rule["matched"].tolist() == [1, 1, 0]
    assert by_rule["limit_delta"].sum() == pytest.approx(-600.0)


def test_conditions_utilisation_score_segment_mob_and_history():
    f = _features([
        ("A", 0, 100.0, 1000.0, {"score": 700.0, "months_of_history": 40.0, "product": "卡", "mob": 30, "months_since_dpd1": np.inf,
                                 "months_since_dpd31": np.inf, "months_since_dpd61": np.inf, "months_since_dpd91": np.inf}),
        ("B", 0, 300.0, 1000.0, {"score": 550.0, "months_of_history": 10.0, "product": "贷", "mob": 5, "months_since_dpd1": 2.0,
                                 "months_since_dpd31": 2.0, "months_since_dpd61": np.inf, "months_since_dpd91": np.inf}),
        ("C", 0, 800.0, 1000.0, {"score": np.nan, "months_of_history": 12.0, "product": "卡", "mob": 12, "months_since_dpd1": 12.0,
                                 "months_since_dpd31": np.inf, "months_since_dpd61": np.inf, "months_since_dpd91": np.inf}),
    ])
    f["product"] = f["product"].astype("category")

    def hits(**when):
        return (rule_masks(f, Policy("", (Rule("freeze", **when),))) == 0).tolist()

    assert hits(utilisation_max=30) == [True, True, False]  # exactly 30 % is kept
    assert hits(utilisation_min=50) == [False, False, True]
    assert hits(score_min=600) == [True, False, False]  # no score never matches a band
    assert hits(segments={"product": ["卡"]}) == [True, False, True]
    assert hits(mob_min=6, mob_max=12) == [False, False, True]
    assert hits(delinquent_months=3) == [False, True, False]
    assert hits(delinquent_months=3, delinquent_min_dpd=61) == [False, False, False]
    assert hits(clean_months=12) == [True, False, True]
    assert hits(buckets=("Current",), score_max=600) == [False, True, False]


def test_snapshot_features_see_only_the_past(tiny_portfolio):
    df = tiny_portfolio.assign(credit_limit=1000.0)
    feb = snapshot_features(df, "2024-02").set_index("account_id")
    assert feb.loc["B", "months_since_dpd31"] == 0
    assert feb.loc["A", "months_since_dpd1"] == np.inf  # A is late only in March
    mar = snapshot_features(df).set_index("account_id")
    assert list(mar.index) == ["A", "B"]  # C left the book
    assert mar.loc["B", "months_since_dpd1"] == 0 and mar.loc["B", "mob"] == 2
    assert mar.loc["A", "utilisation"] == pytest.approx(0.08)
    with pytest.raises(PolicyError, match="2023-05"):
        snapshot_features(df, "2023-05")


# --- invariants -----------------------------------------------------------------------------

def test_empty_policy_changes_nothing_exactly(sample_features):
    asm = Assumptions(PD, lgd=0.45, ccf=0.5)
    r = simulate_policy(sample_features, NO_CHANGE, asm)
    tot = scenario_totals(r)
    assert all(v == 0.0 for k, v in tot["delta"].items() if k != "el_per_revenue"), tot["delta"]
    assert tot["delta"]["el_per_revenue"] == 0.0
    assert tot["accounts_affected"] == 0
    assert tot["before"] == tot["after"]
    seg = change_by_segment(r, "product")
    assert (seg[["limit_delta", "ead_delta", "expected_loss_delta", "revenue_delta"]] == 0.0).all().all()
    # totals reconcile with the snapshot
    assert tot["before"]["balance_total"] == pytest.approx(sample_features["balance"].sum(), rel=1e-12)
    assert tot["before"]["limit_total"] == pytest.approx(sample_features["credit_limit"].sum(), rel=1e-12)


def test_cut_lowers_ead_and_el_monotonically(sample_features):
    asm = Assumptions(PD, no_forced_paydown=True)
    base = Policy("", (Rule("cut", 0, dpd_min=1), Rule("cut", 0, utilisation_max=50)))
    ead, el = [], []
    for pct in range(0, 101, 10):
        tot = scenario_totals(simulate_policy(sample_features, with_cut(base, pct), asm))
        ead.append(tot["after"]["ead"])
        el.append(tot["after"]["expected_loss"])
    assert all(b <= a + 1e-6 for a, b in zip(ead, ead[1:]))
    assert all(b <= a + 1e-6 for a, b in zip(el, el[1:]))
    assert ead[-1] < ead[0] and el[-1] < el[0]


def test_segment_split_adds_up_to_the_totals(sample_features):
    asm = Assumptions(PD)
    policy = Policy("", (Rule("cut", 30, dpd_min=31), Rule("raise", 20, buckets=("Current",), utilisation_max=30)))
    r = simulate_policy(sample_features, policy, asm)
    tot = scenario_totals(r)
    for by in ("bucket", "product", "region"):
        seg = change_by_segment(r, by)
        assert seg["accounts"].sum() == tot["accounts"]
        assert seg["expected_loss_delta"].sum() == pytest.approx(tot["delta"]["expected_loss"])
        assert seg["revenue_delta"].sum() == pytest.approx(tot["delta"]["revenue"])
    assert change_by_rule(r)["ead_delta"].sum() == pytest.approx(tot["delta"]["ead"])


def test_inputs_are_not_mutated(sample_features):
    before = sample_features.copy()
    simulate_policy(sample_features, Policy("", (Rule("freeze", dpd_min=1),)), Assumptions(PD))
    pd.testing.assert_frame_equal(sample_features, before)


_rules = st.builds(
    lambda action, value, dpd_min, util_max: Rule(
        action, None if action == "freeze" else value, dpd_min=dpd_min, utilisation_max=util_max),
    st.sampled_from(ACTIONS),
    st.floats(min_value=0.001, max_value=100.0),
    st.one_of(st.none(), st.integers(0, 200)),
    st.one_of(st.none(), st.floats(0, 300)),
)
_books = st.lists(
    st.tuples(st.integers(0, 400), st.floats(0, 1e7), st.floats(0, 1e7)), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(book=_books, rules=st.lists(_rules, max_size=4), paydown=st.booleans())
def test_no_rule_ever_sets_a_negative_limit(book, rules, paydown):
    f = _features([(f"a{i}", d, b, lim) for i, (d, b, lim) in enumerate(book)])
    r = simulate_policy(f, Policy("", tuple(rules)), Assumptions(PD, no_forced_paydown=paydown))
    assert (r.accounts["limit_after"] >= 0).all()
    assert (r.accounts["ead_after"] >= r.accounts["balance"] - 1e-6).all()
    assert (r.accounts["revenue_after"] >= 0).all()


@settings(max_examples=150, deadline=None)
@given(book=_books, rules=st.lists(_rules, min_size=1, max_size=4))
def test_no_forced_paydown_never_drops_a_limit_below_the_balance(book, rules):
    f = _features([(f"a{i}", d, b, lim) for i, (d, b, lim) in enumerate(book)])
    a = simulate_policy(f, Policy("", tuple(rules)), Assumptions(PD, no_forced_paydown=True)).accounts
    lowered = a["limit_after"] < a["limit_before"]
    assert (a.loc[lowered, "limit_after"] >= a.loc[lowered, "balance"] - 1e-6).all()
    # an account already over its limit is never cut further
    over = a["balance"] >= a["limit_before"]
    assert (a.loc[over, "limit_after"] >= a.loc[over, "limit_before"] - 1e-6).all()


# --- JSON -----------------------------------------------------------------------------------

def test_json_round_trip_with_every_condition():
    policy = Policy("收紧 · tighten", (
        Rule("cut", 20, name="31+ 压降", dpd_min=31, dpd_max=180),
        Rule("raise", 12.5, buckets=("Current",), utilisation_max=30, clean_months=12, mob_min=6, mob_max=120,
             score_min=650, score_max=900),
        Rule("freeze", segments={"product": ["消费贷", "信用卡"]}, delinquent_months=6, delinquent_min_dpd=31),
        Rule("set", 5000, utilisation_min=95),
        Rule("cap_utilisation", 80, dpd_min=1),
    ))
    text = policy_to_json(policy)
    assert "收紧" in text  # Chinese kept readable
    assert policy_from_json(text) == policy
    assert policy_from_json(text.encode("utf-8-sig")) == policy
    assert policy_from_json(policy_to_json(NO_CHANGE)) == NO_CHANGE


@pytest.mark.parametrize("text, key", [
    ("{not json", "whatif.err.json_syntax"),
    ("[1, 2]", "whatif.err.json_shape"),
    ('{"rules": {}}', "whatif.err.rules_list"),
    ('{"rules": [{"when": {}}]}', "whatif.err.no_action"),
    ('{"rules": [{"action": "shrink", "value": 1}]}', "whatif.err.action"),
    ('{"rules": [{"action": "cut", "value": 120}]}', "whatif.err.value_range"),
    ('{"rules": [{"action": "cut"}]}', "whatif.err.value_missing"),
    ('{"rules": [{"action": "cut", "value": "20%"}]}', "whatif.err.value_missing"),
    ('{"rules": [{"action": "freeze", "value": 3}]}', "whatif.err.freeze_value"),
    ('{"rules": [{"action": "cut", "value": 5, "when": {"dpd_min": 90, "dpd_max": 30}}]}', "whatif.err.range"),
    ('{"rules": [{"action": "cut", "value": 5, "when": {"colour": "red"}}]}', "whatif.err.unknown_condition"),
    ('{"rules": [{"action": "cut", "value": 5, "when": {"buckets": "31-60"}}]}', "whatif.err.list_field"),
    ('{"rules": [{"action": "cut", "value": 5, "when": {"dpd_min": -3}}]}', "whatif.err.bound"),
    ('{"rules": [{"action": "cut", "value": 5, "when": {"clean_months": 0}}]}', "whatif.err.months"),
    ('{"version": 9, "rules": []}', "whatif.err.version"),
    ('{"rules": [], "colour": 1}', "whatif.err.unknown_key"),
])
def test_bad_json_gives_a_clear_error_in_both_languages(text, key):
    with pytest.raises(PolicyError) as info:
        policy_from_json(text)
    assert info.value.key == key
    zh, en = info.value.message("zh"), info.value.message("en")
    assert zh != en
    assert "{rule}" not in en and "{n}" not in en  # every placeholder was filled
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_rules_that_the_data_cannot_answer_are_named():
    f = _features([("A", 0, 1.0, 2.0)])
    with pytest.raises(PolicyError, match="M2"):
        simulate_policy(f, Policy("", (Rule("cut", 5, buckets=("M2",)),)), Assumptions(PD))
    with pytest.raises(PolicyError, match="product"):
        simulate_policy(f, Policy("", (Rule("cut", 5, segments={"product": ["x"]}),)), Assumptions(PD))
    with pytest.raises(PolicyError, match="score"):
        simulate_policy(f, Policy("", (Rule("cut", 5, score_min=600),)), Assumptions(PD))
    with pytest.raises(PolicyError, match="credit limit"):
        simulate_policy(f.drop(columns="credit_limit"), NO_CHANGE, Assumptions(PD))
    with pytest.raises(PolicyError, match="PD"):
        simulate_policy(f, NO_CHANGE, Assumptions({"Current": 0.1}))


@pytest.mark.parametrize("kwargs", [{"lgd": 1.5}, {"ccf": -0.1}, {"draw_share": 2}, {"interest_rate": 3.0},
                                    {"pd_by_bucket": {"Current": 1.2}}])
def test_bad_assumptions_raise(kwargs):
    params = {"pd_by_bucket": PD, **kwargs}
    with pytest.raises(PolicyError):
        Assumptions(**params)


# --- comparison, swap set, sensitivity, backtest --------------------------------------------

def test_compare_and_swap_set():
    f = _features([("A", 0, 100.0, 1000.0), ("B", 45, 500.0, 1000.0), ("C", 75, 900.0, 1000.0)])
    asm = Assumptions(PD, lgd=0.5, ccf=1.0)
    champ = simulate_policy(f, Policy("today", (Rule("cut", 50, dpd_min=61),)), asm)
    chall = simulate_policy(f, Policy("wider", (Rule("cut", 50, dpd_min=31),)), asm)
    table = compare_scenarios([champ, chall], champion=0)
    assert table["role"].tolist() == ["champion", "challenger"]
    assert table.loc[0, "expected_loss_vs_champion"] == 0.0
    # B: EAD 1000 → 500 + 1.0 × 0 (cut to 500 = balance) → ΔEL = .5 × .5 × -500
    assert table.loc[1, "expected_loss_vs_champion"] == pytest.approx(-125.0)
    swaps = swap_set(champ, chall)
    assert swaps["account_id"].tolist() == ["B"]
    assert swaps["swap"].tolist() == ["swap_in"]
    assert swaps["el_delta"].item() == pytest.approx(-125.0)
    summary = swap_summary(swap_set(chall, champ)).set_index("swap")
    assert summary.loc["swap_out", "accounts"] == 1 and summary.loc["swap_in", "accounts"] == 0
    with pytest.raises(PolicyError):
        compare_scenarios([champ], champion=3)
    # Totals handed in (the app keeps them per scenario) give the same table; a wrong count is refused.
    given = compare_scenarios([champ, chall], champion=0, totals=[scenario_totals(champ), scenario_totals(chall)])
    pd.testing.assert_frame_equal(given, table)
    with pytest.raises(ValueError):
        compare_scenarios([champ, chall], champion=0, totals=[scenario_totals(champ)])


def test_sensitivity_curve_is_monotone_and_zero_at_zero(sample_features):
    asm = Assumptions(PD)
    policy = Policy("", (Rule("cut", 20, dpd_min=1),))
    curve = sensitivity_curve(sample_features, policy, asm)
    assert curve["cut_pct"].tolist() == [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
    assert curve.loc[0, ["expected_loss_delta", "revenue_delta", "ead_delta"]].tolist() == [0.0, 0.0, 0.0]
    assert (np.diff(curve["expected_loss_delta"]) <= 1e-9).all()
    assert (np.diff(curve["revenue_delta"]) <= 1e-9).all()
    # the 20 % point equals the policy itself
    tot = scenario_totals(simulate_policy(sample_features, policy, asm))
    assert curve.loc[4, "expected_loss_delta"] == pytest.approx(tot["delta"]["expected_loss"])
    with pytest.raises(PolicyError):
        sensitivity_curve(sample_features, policy, asm, cuts=[10, 150])


def test_backtest_golden():
    df = make_portfolio([
        ("good", "2024-01", 40, 200.0), ("good", "2024-02", 0, 200.0), ("good", "2024-03", 0, 200.0),
        ("bad", "2024-01", 35, 300.0), ("bad", "2024-02", 65, 300.0), ("bad", "2024-03", 95, 300.0),
        ("clean", "2024-01", 0, 100.0), ("clean", "2024-02", 0, 100.0),
        ("dead", "2024-01", 120, 500.0), ("dead", "2024-02", 150, 500.0),
    ]).assign(credit_limit=1000.0)
    policy = Policy("", (Rule("cut", 50, dpd_min=31, dpd_max=90),))
    bt = backtest_policy(df, policy, "2024-01", horizon=12)
    assert bt["window_end"] == "2024-03" and bt["months_observed"] == 2
    t = bt["table"].set_index("outcome")
    # bad: limit 1000 → 500, undrawn 700 → 200 : 500 removed ; good: 800 → 300 : 500 removed
    assert t.loc["went_bad", "undrawn_removed"] == pytest.approx(500.0)
    assert t.loc["stayed_good", "undrawn_removed"] == pytest.approx(500.0)
    # "clean" is last seen in 2024-02, before the window's end: it left the book
    assert t.loc["stayed_good", "accounts"] == 1 and t.loc["stayed_good", "accounts_cut"] == 1
    assert t.loc["left_book", "accounts"] == 1
    assert t.loc["already_bad", "accounts"] == 1
    assert bt["summary"]["bad_rate_cut"] == pytest.approx(0.5)
    assert bt["summary"]["bad_rate_not_cut"] == pytest.approx(0.0)
    with pytest.raises(PolicyError):
        backtest_policy(df, policy, "2024-03")


# --- CLI ------------------------------------------------------------------------------------

def test_cli_whatif_json_and_a_bad_policy(tmp_path, capsys):
    from analysis.__main__ import main

    rows = ["客户编号,统计月份,逾期天数,贷款余额,授信额度"]
    for month in ("2024-01", "2024-02", "2024-03"):
        rows += [f"A,{month},0,400,1000", f"B,{month},45,900,1000", f"C,{month},0,100,500"]
    data = tmp_path / "book.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    policy = tmp_path / "policy.json"
    policy.write_text(policy_to_json(Policy("tighten", (Rule("cut", 50, dpd_min=31),))), encoding="utf-8")
    args = [str(data), "--policy", str(policy), "--json", "--lgd", "0.6", "--ccf", "0.5",
            "--pd", "Current=0.02", "--pd", "1-30=0.2", "--pd", "31-60=0.5", "--pd", "61-90=0.8",
            "--pd", "91-180=1", "--pd", "181+=1"]
    assert main(["whatif", *args]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scenario"] == "tighten" and out["month"] == "2024-03" and out["accounts_affected"] == 1
    assert set(out["before"]) >= {"limit_total", "balance_total", "ead", "expected_loss", "revenue"}
    assert out["before"]["limit_total"] == 2500.0 and out["after"]["limit_total"] == 2400.0
    # B: EAD 950 → 900 (no forced paydown), EL .5 × .6 × −50
    assert out["delta"]["expected_loss"] == pytest.approx(-15.0)
    assert sum(r["expected_loss_delta"] for r in out["by_segment"]) == pytest.approx(-15.0)
    assert out["assumptions"]["pd_method"] == "manual"

    policy.write_text('{"rules": [{"action": "cut", "value": 150}]}', encoding="utf-8")
    assert main(["whatif", *args, "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "超出范围" in err and "Traceback" not in err


# --- charts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, unit_text", [("zh", "万元"), ("en", "CNY 10k")])
def test_charts_carry_title_definitions_unit_and_exact_tooltips(sample_features, lang, unit_text):
    from analysis.charts.whatif import chart_scenarios, chart_sensitivity, chart_waterfall
    from analysis.core.view import View

    view = View(lang=lang, unit="wan")
    asm = Assumptions(PD)
    policy = Policy("p", (Rule("cut", 20, dpd_min=31, name="r1"), Rule("raise", 10, utilisation_max=30)))
    champ, chall = simulate_policy(sample_features, NO_CHANGE, asm, "today"), simulate_policy(sample_features, policy, asm)
    tot = scenario_totals(chall)
    defs = "口径 line; " * 20  # long: must be wrapped, never cut
    charts = {
        "waterfall": chart_waterfall(change_by_rule(chall, lang), view, before=tot["before"]["expected_loss"],
                                     metric="expected_loss", subtitle=defs),
        "scenarios": chart_scenarios(compare_scenarios([champ, chall]), view, subtitle=defs),
        "sensitivity": chart_sensitivity(sensitivity_curve(sample_features, policy, asm), view, subtitle=defs),
    }
    for name, chart in charts.items():
        spec = chart.to_dict()
        assert spec["title"]["text"], name
        assert isinstance(spec["title"]["subtitle"], list) and len(spec["title"]["subtitle"]) > 1, name
        text = json.dumps(spec, ensure_ascii=False)
        assert unit_text in text and '"tooltip"' in text, name
    # the waterfall's bars go from today's EL through one step per rule to the EL after
    data = next(iter(charts["waterfall"].to_dict()["datasets"].values()))
    assert [round(d["amount"] * 1e4, 4) for d in data[1:-1]] == pytest.approx(
        change_by_rule(chall)["expected_loss_delta"].round(4).tolist(), abs=1e-3)
    assert data[-1]["end"] * 1e4 == pytest.approx(tot["after"]["expected_loss"])
    with pytest.raises(ValueError):
        chart_waterfall(change_by_rule(chall), view, before=1.0, metric="profit")


# --- assumptions typed in percent -----------------------------------------------------------

def test_assumptions_from_percent_round_trip_the_defaults_and_refuse_out_of_range():
    from analysis.whatif.policy import assumptions_from_percent, percent_defaults

    a = assumptions_from_percent(PD, percent_defaults())
    default = Assumptions(PD)
    assert (a.lgd, a.ccf, a.draw_share, a.interest_rate) == pytest.approx(
        (default.lgd, default.ccf, default.draw_share, default.interest_rate))
    b = assumptions_from_percent(PD, {"lgd": 90, "ccf": 0, "draw_share": 100, "interest_rate": 24.5},
                                 use_mapped_rate=False, no_forced_paydown=False)
    assert (b.lgd, b.ccf, b.draw_share, b.interest_rate) == pytest.approx((0.9, 0.0, 1.0, 0.245))
    assert not b.use_mapped_rate and not b.no_forced_paydown
    with pytest.raises(PolicyError):
        assumptions_from_percent(PD, {**percent_defaults(), "lgd": 150})


def test_the_cli_json_rounds_amounts_half_up_so_a_change_is_after_minus_before():
    # an examiner's raise gave before 5,661.00, after 5,673.825 and a change of 12.825: round()
    # printed after 5,673.83 but change 12.82
    from analysis.cli.whatif import _cents

    out = _cents({"before": 5661.0, "after": 5673.825, "change": 5673.825 - 5661.0, "lgd": 0.455})
    assert out == {"before": 5661.0, "after": 5673.83, "change": 12.83, "lgd": 0.455}
