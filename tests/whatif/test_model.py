"""The credit-risk model of issue 14: bugs of the split and the CLI, scope, history, swap groups."""
from __future__ import annotations

import warnings

import json

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.whatif.pd import fallback_pd, pd_mapping, pd_table_or_fallback
from analysis.whatif.policy import (
    BLANK, NO_CHANGE, Assumptions, Policy, Rule, change_by_segment, scenario_totals, simulate_policy,
)
from tests.conftest import make_portfolio

PD = {"Current": 0.02, "1-30": 0.2, "31-60": 0.5, "61-90": 0.8, "91-180": 1.0, "181+": 1.0}


def _features(rows, **extra):
    """(account_id, dpd, balance, limit) → a features frame on the default buckets."""
    f = pd.DataFrame(rows, columns=["account_id", "days_past_due", "balance", "credit_limit"])
    f["balance"] = f["balance"].astype(float)
    f["credit_limit"] = f["credit_limit"].astype(float)
    f["bucket"] = pd.Categorical.from_codes(
        np.searchsorted(DEFAULT_BUCKETS.lowers, f["days_past_due"], side="right") - 1,
        categories=list(DEFAULT_BUCKETS.keys), ordered=True)
    f["utilisation"] = f["balance"] / f["credit_limit"]
    for k, v in extra.items():
        f[k] = v
    return f


# --- item 10: the split by segment always sums to the total ---------------------------------

def test_blank_segment_has_its_own_row_and_the_split_sums_to_the_total():
    region = pd.Series(["东", None, "东", ""], dtype="category")  # segments are categories (ingest)
    f = _features([("A", 0, 100, 1000), ("B", 45, 900, 1000), ("C", 45, 100, 1000), ("D", 0, 50, 100)],
                  region=region)
    r = simulate_policy(f, Policy("", (Rule("cut", 50, dpd_min=31),)), Assumptions(PD, lgd=0.5, ccf=1.0))
    split = change_by_segment(r, "region").set_index("region")
    assert set(split.index) == {"东", BLANK}
    assert split.loc[BLANK, "accounts"] == 2 and split.loc["东", "accounts"] == 2
    # B (blank) cut 1000 → 900 (its balance): undrawn 100 → 0, EAD −100, EL .5 × .5 × −100 = −25
    # C (东) cut 1000 → 500: undrawn 900 → 400, EL .5 × .5 × −500 = −125
    assert split.loc[BLANK, "expected_loss_delta"] == pytest.approx(-25.0)
    assert split.loc["东", "expected_loss_delta"] == pytest.approx(-125.0)
    tot = scenario_totals(r)
    assert split["accounts"].sum() == tot["accounts"]
    assert split["expected_loss_delta"].sum() == pytest.approx(tot["delta"]["expected_loss"])
    assert split["expected_loss_before"].sum() == pytest.approx(tot["before"]["expected_loss"])


def test_segment_table_names_the_blank_row_in_the_readers_language():
    from analysis.core.view import View
    from analysis.whatif.tables import segment_table

    f = _features([("A", 0, 100, 1000), ("B", 0, 100, 1000)], region=pd.Categorical(["东", None]))
    split = change_by_segment(simulate_policy(f, NO_CHANGE, Assumptions(PD)), "region")
    for lang, text in (("zh", "（空白）"), ("en", "(blank)")):
        shown = segment_table(split, View(lang=lang), by="region", by_title="region").text_frame(lang)
        assert shown.iloc[:, 0].tolist() == ["东", text]


# --- item 10: the command line --------------------------------------------------------------

def _cli_book(tmp_path, months=("2024-01", "2024-02", "2024-03")):
    lines = ["客户编号,统计月份,逾期天数,贷款余额,授信额度,地区"]
    for m in months:
        lines += [f"A,{m},0,400,1000,东", f"B,{m},45,900,1000,", f"C,{m},0,100,500,西"]
    data = tmp_path / "book.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    policy = tmp_path / "policy.json"
    policy.write_text('{"name": "t", "rules": [{"when": {"dpd_min": 31}, "action": "cut", "value": 50}]}',
                      encoding="utf-8")
    return data, policy


def test_cli_by_segment_keeps_blank_accounts(tmp_path, capsys):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)
    assert main(["whatif", str(data), "--policy", str(policy), "--json", "--by", "region",
                 "--pd", "Current=0.02", "--pd", "1-30=0.2", "--pd", "31-60=0.5", "--pd", "61-90=0.8",
                 "--pd", "91-180=1", "--pd", "181+=1", "--lgd", "0.6"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {r["segment"]: r for r in out["by_segment"]}
    assert set(rows) == {"东", "西", "(blank)"}
    assert sum(r["accounts"] for r in rows.values()) == out["accounts"] == 3
    # B (blank region) cut to its balance 900: undrawn 100 → 0, EAD −50, EL .5 × .6 × −50 = −15
    assert rows["(blank)"]["expected_loss_delta"] == pytest.approx(-15.0)
    assert sum(r["expected_loss_delta"] for r in rows.values()) == pytest.approx(out["delta"]["expected_loss"])


@pytest.mark.parametrize("lang, words", [("en", "not in the file"), ("zh", "文件中没有")])
def test_cli_month_outside_the_file_says_so_with_the_range(tmp_path, capsys, lang, words):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)
    assert main(["whatif", str(data), "--policy", str(policy), "--month", "1999-01", "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert words in err and "2024-01" in err and "2024-03" in err and "Traceback" not in err


def test_cli_first_month_uses_the_pages_fallback_pds(tmp_path, capsys):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)
    assert main(["whatif", str(data), "--policy", str(policy), "--month", "2024-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # the page's stated defaults (README): 2 %, 15 %, 40 %, 65 %, 100 %, 100 %
    assert out["assumptions"]["pd_by_bucket"] == {"Current": 0.02, "1-30": 0.15, "31-60": 0.4, "61-90": 0.65,
                                                  "91-180": 1.0, "181+": 1.0}
    assert out["month"] == "2024-01"


def test_one_month_of_history_falls_back_like_the_page():
    one = make_portfolio([("a", "2024-01", 0, 1.0), ("b", "2024-01", 40, 1.0)])
    assert pd_mapping(pd_table_or_fallback(one, DEFAULT_BUCKETS)) == pd_mapping(fallback_pd(DEFAULT_BUCKETS))


# --- item 1: accounts in default are out of scope -------------------------------------------

README_POLICY = {
    "version": 1, "name": "收紧31+ / 提额优质",
    "rules": [
        {"name": "31+ 压降", "when": {"dpd_min": 31}, "action": "cut", "value": 30},
        {"name": "近期逾期封顶", "when": {"delinquent_months": 6, "delinquent_min_dpd": 1},
         "action": "cap_utilisation", "value": 80},
        {"name": "优质提额", "when": {"buckets": ["Current"], "utilisation_max": 30, "clean_months": 12,
                                  "segments": {"product": ["信用卡"]}}, "action": "raise", "value": 10},
        {"name": "消费贷冻结", "when": {"segments": {"product": ["消费贷"]}, "score_max": 550},
         "action": "freeze"},
    ],
}


@pytest.fixture(scope="module")
def readme_book():
    """The bundled sample as the README example reads it: snapshot features and PDs."""
    from pathlib import Path

    from analysis.ingest.portfolio import load_portfolio
    from analysis.whatif.policy import snapshot_features

    path = Path(__file__).resolve().parents[2] / "data" / "sample" / "sample_portfolio.csv"
    portfolio = load_portfolio(path.read_bytes(), path.name).portfolio
    pds = pd_mapping(pd_table_or_fallback(portfolio, DEFAULT_BUCKETS))
    return portfolio, snapshot_features(portfolio), Assumptions(pds)


def test_excluding_defaulted_accounts_changes_readme_delta_el_by_exactly_their_share(readme_book):
    from dataclasses import replace

    from analysis.whatif.policy import out_of_scope, policy_from_dict

    _, feats, asm = readme_book
    policy = policy_from_dict(README_POLICY)
    assert not policy.include_defaulted
    excl = simulate_policy(feats, policy, asm)
    incl = simulate_policy(feats, replace(policy, include_defaulted=True), asm)
    # their share, summed independently on the accounts in default (≥ 91 DPD; no status column)
    bad = feats["days_past_due"].to_numpy() >= 91
    assert (out_of_scope(feats) == bad).all()
    a = incl.accounts
    share = float((a["el_after"] - a["el_before"]).to_numpy()[bad].sum())
    t_ex, t_in = scenario_totals(excl), scenario_totals(incl)
    assert share < 0
    assert t_ex["delta"]["expected_loss"] == pytest.approx(t_in["delta"]["expected_loss"] - share, abs=1e-6)
    assert t_in["out_of_scope"]["expected_loss_delta"] == pytest.approx(share, abs=1e-6)
    assert t_ex["out_of_scope"]["expected_loss_delta"] == 0.0
    # accounts in scope are priced identically either way
    good = ~bad
    assert np.array_equal(excl.accounts["limit_after"].to_numpy()[good], a["limit_after"].to_numpy()[good],
                          equal_nan=True)
    # excluded accounts keep their limit, and none of them earns interest in either scenario
    assert np.array_equal(excl.accounts["limit_after"].to_numpy()[bad], excl.accounts["limit_before"].to_numpy()[bad])
    assert (excl.accounts["revenue_before"].to_numpy()[bad] == 0).all()
    assert t_ex["accounts_out_of_scope"] == int(bad.sum())
    assert t_ex["out_of_scope"]["balance_total"] == pytest.approx(float(feats["balance"].to_numpy()[bad].sum()))


def test_a_no_op_policy_is_exactly_zero_on_every_figure(readme_book):
    from dataclasses import replace

    _, feats, asm = readme_book
    for policy in (NO_CHANGE, replace(NO_CHANGE, include_defaulted=True),
                   Policy("noop", (Rule("cut", 0, dpd_min=0), Rule("raise", 0)), include_defaulted=True)):
        tot = scenario_totals(simulate_policy(feats, policy, asm))
        assert all(v == 0.0 for k, v in tot["delta"].items() if k != "el_per_revenue"), tot["delta"]
        assert tot["delta"]["el_per_revenue"] == 0.0
        assert tot["accounts_affected"] == 0 and tot["out_of_scope"]["expected_loss_delta"] == 0.0


def test_status_label_charged_off_or_closed_is_out_of_scope_and_earns_nothing():
    f = _features([("A", 0, 100, 1000), ("B", 0, 100, 1000)], status_label=["正常", "已核销"])
    r = simulate_policy(f, Policy("", (Rule("cut", 50),)), Assumptions(PD, interest_rate=0.1, draw_share=0.0))
    a = r.accounts.set_index("account_id")
    assert a.loc["A", "limit_after"] == 500.0 and a.loc["B", "limit_after"] == 1000.0
    assert a.loc["A", "revenue_before"] == pytest.approx(10.0) and a.loc["B", "revenue_before"] == 0.0


def test_include_defaulted_round_trips_in_policy_json_and_is_checked():
    from analysis.whatif.policy import PolicyError, policy_from_json, policy_to_json

    p = Policy("p", (Rule("cut", 10),), include_defaulted=True)
    assert json.loads(policy_to_json(p))["include_defaulted"] is True
    assert policy_from_json(policy_to_json(p)) == p
    assert "include_defaulted" not in json.loads(policy_to_json(Policy("p", (Rule("cut", 10),))))
    for lang in ("zh", "en"):
        with pytest.raises(PolicyError) as err:
            policy_from_json('{"include_defaulted": "yes", "rules": []}')
        assert "include_defaulted" in err.value.message(lang)


def test_cli_include_defaulted_flag_acts_on_the_defaulted_line(tmp_path, capsys):
    from analysis.__main__ import main

    lines = ["客户编号,统计月份,逾期天数,贷款余额,授信额度"]
    for m in ("2024-01", "2024-02"):
        lines += [f"A,{m},0,400,1000", f"D,{m},120,300,1000"]
    data = tmp_path / "b.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    policy = tmp_path / "p.json"
    policy.write_text('{"rules": [{"action": "cut", "value": 50}]}', encoding="utf-8")
    pds = ["--pd", "Current=0.02", "--pd", "1-30=0.2", "--pd", "31-60=0.5", "--pd", "61-90=0.8",
           "--pd", "91-180=1", "--pd", "181+=1", "--lgd", "0.5", "--ccf", "1"]
    assert main(["whatif", str(data), "--policy", str(policy), "--json", *pds]) == 0
    out = json.loads(capsys.readouterr().out)
    # A: 1000 → 500, EAD 1000 → 500, EL .02 × .5 × −500 = −5; D out of scope, its line blocked:
    # EAD = its balance 300, EL 1 × .5 × 300 = 150 (never more than the balance: it was 500)
    assert out["delta"]["expected_loss"] == pytest.approx(-5.0)
    assert out["accounts_out_of_scope"] == 1 and out["out_of_scope"]["expected_loss"] == pytest.approx(150.0)
    assert out["assumptions"]["include_defaulted"] is False
    assert main(["whatif", str(data), "--policy", str(policy), "--json", "--include-defaulted", *pds]) == 0
    out = json.loads(capsys.readouterr().out)
    # D too: 1000 → 500, EAD 1000 → 500, EL 1 × .5 × −500 = −250
    assert out["delta"]["expected_loss"] == pytest.approx(-255.0)
    assert out["out_of_scope"]["expected_loss_delta"] == pytest.approx(-250.0)


# --- item 4: clean history needs the full history -------------------------------------------

def test_clean_months_needs_the_whole_window_in_the_book_else_insufficient_history():
    from analysis.whatif.policy import change_by_rule, insufficient_history, snapshot_features

    months = [f"2024-{m:02d}" for m in range(1, 13)] + ["2025-01"]  # 13 months
    rows = []
    for i, m in enumerate(months):
        rows.append(("long_clean", m, 0, 100.0))              # 13 clean months → clean for 12
        if i >= 7:
            rows.append(("new_clean", m, 0, 100.0))           # 6 months in the book, all clean
        rows.append(("long_late", m, 20 if i == 10 else 0, 100.0))  # late 2 months ago
    df = make_portfolio(rows).assign(credit_limit=1000.0)
    f = snapshot_features(df)
    policy = Policy("", (Rule("raise", 10, clean_months=12),))
    ids = f["account_id"].tolist()
    which = dict(zip(ids, simulate_policy(f, policy, Assumptions(PD)).accounts["rule"]))
    short = dict(zip(ids, insufficient_history(f, policy)))
    assert which == {"long_clean": 0, "new_clean": -1, "long_late": -1}
    assert short == {"long_clean": -1, "new_clean": 0, "long_late": -1}
    r = simulate_policy(f, policy, Assumptions(PD))
    assert change_by_rule(r)["insufficient_history"].tolist() == [1]
    assert scenario_totals(r)["accounts_insufficient_history"] == 1
    # a 6-month window is met by the new account too
    assert (insufficient_history(f, Policy("", (Rule("raise", 10, clean_months=6),))) == -1).all()


def test_readme_raise_rule_splits_clean_accounts_into_matched_and_insufficient(readme_book):
    """Independent count on the raw rows: Current, ≤ 30 % used, 信用卡, no 1+ DPD in the last 12 months."""
    from analysis.whatif.policy import change_by_rule, policy_from_dict

    portfolio, feats, asm = readme_book
    r = simulate_policy(feats, policy_from_dict(README_POLICY), asm)
    rule = change_by_rule(r).set_index("rule").loc[2]
    last = portfolio["month"].max()
    hist = portfolio[portfolio["month"] <= last]
    ordinal = pd.PeriodIndex(hist["month"], freq="M").asi8
    end = pd.Period(last, freq="M").ordinal
    late_recently = pd.Series((hist["days_past_due"].to_numpy() >= 1) & (ordinal > end - 12)).groupby(
        hist["account_id"].to_numpy()).any()
    per = hist.groupby("account_id", observed=True).agg(n=("month", "nunique"))
    snap = portfolio[portfolio["month"] == last].set_index("account_id")
    util = snap["balance"] / snap["credit_limit"]
    earlier = r.accounts.set_index("account_id")["rule"].reindex(snap.index)
    candidate = ((snap["days_past_due"] == 0) & (util <= 0.30 + 1e-12) & (snap["product"] == "信用卡")
                 & ~earlier.isin([0, 1]).to_numpy() & ~late_recently.reindex(snap.index).to_numpy())
    n = per["n"].reindex(snap.index)
    # earlier rules (31+, recently late) cannot take a never-late Current account, so only rule 2 decides
    assert rule["matched"] == int((candidate & (n >= 12)).sum())
    assert rule["insufficient_history"] == int((candidate & (n < 12)).sum())
    assert rule["insufficient_history"] > 0


# --- item 6: cuts and raises scaled separately ---------------------------------------------

def test_sensitivity_scales_cuts_and_raises_separately():
    from analysis.whatif.policy import sensitivity_curve, sensitivity_curves

    f = _features([("A", 45, 500, 1000), ("B", 0, 100, 1000)])
    policy = Policy("", (Rule("cut", 20, dpd_min=31), Rule("raise", 10, utilisation_max=30)))
    asm = Assumptions(PD, lgd=1.0, ccf=1.0, draw_share=0.3, interest_rate=0.1)
    cut = sensitivity_curve(f, policy, asm, cuts=[0, 20, 50]).set_index("pct")
    up = sensitivity_curve(f, policy, asm, cuts=[0, 20, 50], direction="raise").set_index("pct")
    assert cut["accounts"].tolist() == [1, 1, 1] and up["accounts"].tolist() == [1, 1, 1]
    # cuts: only A (PD .5). 20 %: 1000 → 800, undrawn 500 → 300, EL .5 × −200 = −100, revenue .1 × .3 × −200 = −6
    assert cut.loc[20, "expected_loss_delta"] == pytest.approx(-100.0)
    assert cut.loc[20, "revenue_delta"] == pytest.approx(-6.0)
    # 50 %: 1000 → 500 = its balance (no forced paydown): undrawn 500 → 0, EL −250
    assert cut.loc[50, "expected_loss_delta"] == pytest.approx(-250.0)
    assert cut.loc[50, "el_saved_per_revenue_lost"] == pytest.approx(250.0 / 15.0)
    # raises: only B (PD .02). 50 %: 1000 → 1500, EAD 1000 → 1500, PD uplift .5 × 50 %: .02 × 1.25 = .025,
    # EL .025 × 1500 − .02 × 1000 = +17.5; revenue .1 × .3 × 500 = +15
    assert up.loc[50, "expected_loss_delta"] == pytest.approx(17.5)
    assert up.loc[50, "revenue_delta"] == pytest.approx(15.0)
    assert up.loc[50, "el_per_revenue_change"] == pytest.approx(17.5 / 15.0)
    assert up.loc[0, ["expected_loss_delta", "revenue_delta"]].tolist() == [0.0, 0.0]
    both = sensitivity_curves(f, policy, asm, points=[0, 20, 50])
    assert both["direction"].tolist() == ["cut"] * 3 + ["raise"] * 3
    # the cut curve at the policy's own 20 % equals the policy's change on the accounts it cuts
    r = simulate_policy(f, policy, asm).accounts.set_index("account_id")
    assert cut.loc[20, "expected_loss_delta"] == pytest.approx(r.loc["A", "el_after"] - r.loc["A", "el_before"])


# --- item 5: the swap set in three groups, with each group's historical bad rate -------------

def _swap_book():
    rows = [("P", "2024-01", 45, 500.0), ("P", "2024-02", 75, 500.0), ("P", "2024-03", 95, 500.0),
            ("Q", "2024-01", 0, 100.0), ("Q", "2024-02", 0, 100.0), ("Q", "2024-03", 0, 100.0),
            ("R", "2024-01", 70, 100.0), ("R", "2024-02", 100, 100.0),
            ("S", "2024-01", 70, 950.0), ("S", "2024-02", 0, 950.0), ("S", "2024-03", 0, 950.0)]
    champion = Policy("champ", (Rule("cut", 10, dpd_min=31),))
    challenger = Policy("chall", (Rule("cut", 30, dpd_min=61), Rule("raise", 10, utilisation_max=20)))
    return make_portfolio(rows).assign(credit_limit=1000.0), champion, challenger


def test_swap_set_has_three_groups_with_counts_ead_and_el():
    from analysis.whatif.policy import snapshot_features, swap_set, swap_summary

    df, champion, challenger = _swap_book()
    f = snapshot_features(df, "2024-01")
    asm = Assumptions(PD, lgd=1.0, ccf=1.0)
    swaps = swap_set(simulate_policy(f, champion, asm), simulate_policy(f, challenger, asm))
    assert dict(zip(swaps["account_id"], swaps["swap"])) == {"P": "swap_out", "Q": "swap_in", "R": "both_differ"}
    s = swap_summary(swaps).set_index("swap")
    assert s["accounts"].tolist() == [1, 1, 1]
    # P: champion 1000 → 900, EAD 500 + 400 = 900, EL .5 × 900 = 450; challenger keeps 1000: EL 500
    assert (s.loc["swap_out", "ead_a"], s.loc["swap_out", "el_a"], s.loc["swap_out", "el_b"]) == pytest.approx((900, 450, 500))
    # Q: challenger raises 1000 → 1100: EAD 1000 → 1100, PD .02 × (1 + .5 × 10 %) = .021: EL 23.1 − 20 = +3.1
    assert s.loc["swap_in", "el_delta"] == pytest.approx(3.1) and s.loc["swap_in", "ead_b"] == pytest.approx(1100)
    # R (70 DPD, PD .8): champion 900 → EAD 900, EL 720; challenger 700 → EAD 700, EL 560
    assert (s.loc["both_differ", "el_a"], s.loc["both_differ", "el_b"]) == pytest.approx((720, 560))
    assert s.loc["both_differ", "el_delta"] == pytest.approx(-160.0)
    # S: both floor the cut at its balance 950: same limit, in no group


def test_swap_groups_historical_bad_rate_and_a_short_window_is_said():
    from analysis.whatif.policy import swap_bad_rates

    df, champion, challenger = _swap_book()
    out = swap_bad_rates(df, champion, challenger, "2024-01", horizon=12)
    t = out["table"].set_index("swap")
    # P reached 95 DPD in 2024-03, R 100 DPD in 2024-02, Q stayed current
    assert t.loc["swap_out", ["accounts", "went_bad"]].tolist() == [1, 1]
    assert t.loc["both_differ", "bad_rate"] == 1.0 and t.loc["swap_in", "bad_rate"] == 0.0
    assert out["months_observed"] == 2 and out["horizon"] == 12 and out["window_end"] == "2024-03"
    # a window of one month sees R go bad but not P
    t1 = swap_bad_rates(df, champion, challenger, "2024-01", horizon=1)["table"].set_index("swap")
    assert t1.loc["swap_out", "went_bad"] == 0 and t1.loc["both_differ", "went_bad"] == 1


# --- item 8: which months the PDs came from -------------------------------------------------

def test_pd_table_says_which_months_it_was_estimated_on():
    from analysis.whatif.pd import estimate_pd, estimation_months

    months = [f"2023-{m:02d}" for m in range(1, 13)] + ["2024-01", "2024-02"]
    rows = [(a, m, 0, 1.0) for a in "abc" for m in months]
    df = make_portfolio(rows)
    obs = estimate_pd(df, DEFAULT_BUCKETS, method="observed")
    live = obs[obs["method"] == "observed"]
    assert set(live["from_month"]) == {"2023-01"} and set(live["to_month"]) == {"2024-02"}
    # the chain pools the last 3 from-months 2023-11, 2023-12, 2024-01: pairs up to 2024-02
    chain = estimate_pd(df, DEFAULT_BUCKETS, method="markov", window=3)
    assert estimation_months(chain) == ("2023-11", "2024-02")
    assert chain.loc[chain["method"] == "absorbing", "from_month"].isna().all()
    assert estimation_months(fallback_pd(DEFAULT_BUCKETS)) is None


def test_cli_states_the_pd_months_and_horizon(tmp_path, capsys):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)
    assert main(["whatif", str(data), "--policy", str(policy), "--json", "--pd-method", "markov"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["assumptions"]["pd_months"] == {"from": "2024-01", "to": "2024-03"}
    assert out["assumptions"]["pd_horizon_months"] == 12


# --- item 2: account-level PD ---------------------------------------------------------------

def _cell_book():
    rows, lim = [], {}
    for a, bal in (("L1", 10), ("L2", 10), ("L3", 10), ("L4", 10), ("H1", 90), ("H2", 90), ("M", 50)):
        bad_next = a in ("L1", "H1")
        rows += [(a, "2024-01", 0, float(bal)), (a, "2024-02", 95 if bad_next else 0, float(bal))]
    return make_portfolio(rows).assign(credit_limit=100.0)


def test_account_pd_shrinks_thin_cells_toward_the_bucket_and_floors():
    from analysis.whatif.account_pd import account_pd, calibration_table, cell_outcomes
    from analysis.whatif.policy import snapshot_features

    df = _cell_book()
    cells = cell_outcomes(df, DEFAULT_BUCKETS, horizon=1)
    # util < 30 %: 4 windows, 1 bad; 30–70 %: M, 0 bad; 70–100 %: 2 windows, 1 bad
    assert cells[["util_band", "n", "bad"]].values.tolist() == [[0, 4, 1], [1, 1, 0], [2, 2, 1]]
    f = snapshot_features(df, "2024-01")
    pds = {**PD, "Current": 0.1}
    got = dict(zip(f["account_id"], account_pd(f, cells, pds, DEFAULT_BUCKETS, k=2.0)))
    # w = n / (n + k): low 4/6 × .25 + 2/6 × .1 = .2 ; high 2/4 × .5 + 2/4 × .1 = .3 ; mid 1/3 × 0 + 2/3 × .1
    assert got["L2"] == pytest.approx(0.2) and got["H2"] == pytest.approx(0.3)
    assert got["M"] == pytest.approx(0.1 * 2 / 3)
    # k = 0: the cell's own rate; a cell with no default and a zero bucket PD stops at the floor
    raw = dict(zip(f["account_id"], account_pd(f, cells, {**PD, "Current": 0.0}, DEFAULT_BUCKETS, k=0.0)))
    assert raw["L2"] == pytest.approx(0.25) and raw["M"] == pytest.approx(0.0003)
    cal = calibration_table(df, cells, pds, DEFAULT_BUCKETS, k=2.0).set_index("band")
    assert cal.loc[0, ["windows", "predicted", "observed"]].tolist() == pytest.approx([4, 0.2, 0.25])
    assert cal.loc[2, "gap"] == pytest.approx(0.3 - 0.5)


def test_account_level_pricing_uses_the_account_pd_and_the_floor_applies_to_buckets():
    from analysis.whatif.account_pd import cell_outcomes, with_account_pd
    from analysis.whatif.policy import snapshot_features

    df = _cell_book()
    f = snapshot_features(df, "2024-01")
    cells = cell_outcomes(df, DEFAULT_BUCKETS, horizon=1)
    pds = {**PD, "Current": 0.1}
    fa = with_account_pd(f, cells, pds, DEFAULT_BUCKETS, k=2.0)
    assert "account_pd" not in f.columns  # the input is not changed
    r = simulate_policy(fa, NO_CHANGE, Assumptions(pds, lgd=1.0, ccf=1.0, account_level=True))
    a = r.accounts.set_index("account_id")
    # L2: PD .2 × EAD 100 (limit, CCF 1) = 20
    assert a.loc["L2", "el_before"] == pytest.approx(20.0)
    bucket = simulate_policy(fa, NO_CHANGE, Assumptions(pds, lgd=1.0, ccf=1.0)).accounts.set_index("account_id")
    assert bucket.loc["L2", "el_before"] == pytest.approx(10.0)
    # a zero bucket PD is priced at the 0.03 % floor: 0.0003 × 100 = 0.03
    zero = simulate_policy(f, NO_CHANGE, Assumptions({**PD, "Current": 0.0}, lgd=1.0, ccf=1.0)).accounts
    assert zero["el_before"].tolist() == pytest.approx([0.03] * len(zero))


def test_account_pd_without_score_or_limits_falls_back_to_the_bucket():
    from analysis.whatif.account_pd import account_pd, cell_outcomes

    df = _cell_book().drop(columns=["credit_limit"])
    cells = cell_outcomes(df, DEFAULT_BUCKETS, horizon=1)
    assert not cells.attrs["uses_util"] and not cells.attrs["uses_score"]
    f = _features([("x", 0, 10, 100)])
    # one cell (the bucket): 7 windows, 2 bad, k = 7: ½ × 2/7 + ½ × .1
    assert account_pd(f, cells, {**PD, "Current": 0.1}, DEFAULT_BUCKETS, k=7.0)[0] == pytest.approx(1 / 7 + 0.05)


def test_cli_account_level_needs_thirteen_months_and_says_which_level_it_used(tmp_path, capsys):
    from analysis.__main__ import main

    data, policy = _cli_book(tmp_path)  # three months: too short for 12-month windows
    assert main(["whatif", str(data), "--policy", str(policy), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["assumptions"]["pd_level"] == "bucket" and "account_pd" not in out["assumptions"]
    assert out["assumptions"]["pd_floor"] == 0.0003
    months = [f"2023-{m:02d}" for m in range(1, 13)] + ["2024-01", "2024-02"]
    data2, _ = _cli_book(tmp_path, months=months)
    assert main(["whatif", str(data2), "--policy", str(policy), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    acc = out["assumptions"]["account_pd"]
    assert out["assumptions"]["pd_level"] == "account" and acc["from"] == "2023-01" and acc["to"] == "2024-02"
    # windows start in 2023-01 and 2023-02 (12 later months each): 3 accounts × 2
    assert acc["windows"] == 6 and acc["credibility_k"] == 100.0


# --- item 3: net economics ------------------------------------------------------------------

def test_risk_adjusted_margin_nets_funding_loss_and_cost_and_a_raise_is_not_free():
    f = _features([("A", 0, 200, 1000), ("D", 100, 500, 500)])
    asm = Assumptions(PD, lgd=0.5, ccf=0.4, draw_share=0.25, interest_rate=0.2, funding_rate=0.03,
                      operating_cost=10.0, raise_draw_share=0.5, raise_pd_uplift=0.5)
    r = simulate_policy(f, Policy("", (Rule("raise", 10),)), asm)
    a = r.accounts.set_index("account_id")
    # A before: undrawn 800, EAD 520, EL .02 × .5 × 520 = 5.2, drawn 200 + .25 × 800 = 400,
    #   revenue 80, funding 12, margin 80 − 12 − 5.2 − 10 = 52.8
    assert a.loc["A", "margin_before"] == pytest.approx(52.8)
    # A after 1100: undrawn 900, EAD 560, new headroom 100 drawn at 50 %: drawn 200 + 225 + 25 = 450,
    #   revenue 90, funding 13.5, PD .02 × 1.05 = .021, EL .021 × .5 × 560 = 5.88; margin 60.62
    assert a.loc["A", "el_after"] == pytest.approx(5.88)
    assert a.loc["A", "margin_after"] == pytest.approx(60.62)
    # D (in default): no interest, funding 15, EL 250, margin −275, untouched by the raise
    assert a.loc["D", "margin_before"] == pytest.approx(-275.0) and a.loc["D", "margin_after"] == pytest.approx(-275.0)
    tot = scenario_totals(r)
    assert tot["delta"]["risk_adjusted_margin"] == pytest.approx(60.62 - 52.8)
    assert tot["before"]["funding_cost"] == pytest.approx(27.0) and tot["before"]["operating_cost"] == 20.0
    # without the uplift and the extra draw the same raise adds EL at the old PD only
    plain = scenario_totals(simulate_policy(f, Policy("", (Rule("raise", 10),)), Assumptions(
        PD, lgd=0.5, ccf=0.4, draw_share=0.25, interest_rate=0.2, raise_pd_uplift=0.0)))
    assert plain["delta"]["expected_loss"] == pytest.approx(0.02 * 0.5 * 40)


def test_a_raise_from_a_limit_of_almost_nothing_keeps_every_figure_finite():
    """A limit of 5e-324 set to 1,000 grows by ~1e326 (overflow to inf): its PD goes to 1, a PD of
    0 stays 0 (not NaN), and no uplift at all leaves the PD alone."""
    f = _features([("A", 0, 0, 5e-324), ("B", 0, 0, 5e-324)])
    for uplift, expected in ((0.5, 1.0), (0.0, 0.02)):
        asm = Assumptions(PD, lgd=0.5, ccf=0.4, draw_share=0.25, interest_rate=0.2, raise_pd_uplift=uplift)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            r = simulate_policy(f, Policy("", (Rule("set", 1000),)), asm)
        assert np.isfinite(r.accounts.select_dtypes("number").to_numpy()).all()
        assert r.accounts["pd_after"].tolist() == pytest.approx([expected, expected])
    zero = dict(PD)
    zero["Current"] = 0.0
    r = simulate_policy(f, Policy("", (Rule("set", 1000),)), Assumptions(zero, lgd=0.5, ccf=0.4, raise_pd_uplift=0.5, pd_floor=0.0))
    assert r.accounts["pd_after"].tolist() == [0.0, 0.0]


def test_economics_assumptions_are_checked():
    from analysis.whatif.policy import PolicyError

    for bad in ({"funding_rate": 1.5}, {"operating_cost": -1.0}, {"raise_draw_share": 2.0}, {"raise_pd_uplift": -0.1}):
        with pytest.raises(PolicyError) as err:
            Assumptions(PD, **bad)
        assert next(iter(bad)) in err.value.message("zh") and next(iter(bad)) in err.value.message("en")


# --- item 7: the backtest -------------------------------------------------------------------

def test_backtest_left_the_book_same_bucket_rates_drawn_balance_and_realised_loss():
    from analysis.whatif.policy import backtest_policy

    def acct(a, path):  # path: [(dpd, balance, status)] from 2024-01
        return [(a, f"2024-{i + 1:02d}", d, float(b), st) for i, (d, b, st) in enumerate(path)]

    rows = (acct("B1", [(10, 300, ""), (40, 450, ""), (95, 600, "")])
            + acct("B2", [(20, 300, ""), (0, 300, ""), (0, 300, ""), (0, 300, "")])
            + acct("B3", [(5, 100, ""), (95, 150, "")])
            + acct("C1", [(0, 100, ""), (0, 0, "结清")])
            + acct("C2", [(0, 100, ""), (0, 100, ""), (0, 100, ""), (0, 100, "")])
            + acct("C3", [(0, 500, ""), (40, 500, "")]))
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "balance", "status_label"])
    df = df.assign(credit_limit=1000.0, status_label=df["status_label"].replace("", None))
    policy = Policy("", (Rule("cut", 50, dpd_min=1, utilisation_min=25),))
    asm = Assumptions(PD, lgd=0.5, ccf=0.5)
    bt = backtest_policy(df, policy, "2024-01", assumptions=asm)
    t = bt["table"].set_index("outcome")["accounts"]
    assert t.to_dict() == {"went_bad": 2, "stayed_good": 2, "left_book": 2, "already_bad": 0}
    sm = bt["summary"]
    assert sm["left_by_reason"] == {"paid_off": 1, "closed": 0, "charged_off": 0, "unknown": 1}
    assert sm["left_last_seen_31plus"] == 1  # C3 last seen at 40 DPD
    # cut B1 (bad), B2 (good): .5 ; not cut B3 (bad), C1, C2, C3: .25 ; within 1-30 the not-cut rate is 1/1
    assert (sm["bad_rate_cut"], sm["bad_rate_not_cut"], sm["bad_rate_not_cut_same_mix"]) == pytest.approx((0.5, 0.25, 1.0))
    assert sm["bad_rate_cut_same_buckets"] == pytest.approx(0.5)  # only 1-30 holds both groups
    by = bt["by_bucket"].set_index("bucket")
    assert by.loc["1-30", ["accounts_cut", "accounts_not_cut"]].tolist() == [2, 1]
    # B1 drew 300 → 600 by its default month, 100 of it above the 500 the cut would have set; B3 drew 50
    assert (sm["drawn_before_default"], sm["drawn_before_default_cut"], sm["drawn_above_new_limit"]) == pytest.approx((350, 300, 100))
    # predicted EL at the start: PD × .5 × (balance + .5 × undrawn) = 65 + 65 + 55 + 5.5 + 5.5 + 7.5
    assert sm["predicted_loss"] == pytest.approx(203.5)
    # realised: .5 × balance at default (600 + 150)
    assert sm["realised_loss"] == pytest.approx(375.0)
    assert sm["predicted_bad_accounts"] == pytest.approx(0.66) and sm["realised_bad_accounts"] == 2


# --- item 9: the command line compares two policies -----------------------------------------

def test_cli_compare_gives_comparison_swap_groups_both_curves_and_backtest(tmp_path, capsys):
    from pathlib import Path

    from analysis.__main__ import main

    sample = Path(__file__).resolve().parents[2] / "data" / "sample" / "sample_portfolio.csv"
    champ = tmp_path / "champ.json"
    champ.write_text('{"name": "today", "rules": [{"when": {"dpd_min": 31}, "action": "cut", "value": 20}]}',
                     encoding="utf-8")
    chall = tmp_path / "chall.json"
    chall.write_text(json.dumps(README_POLICY, ensure_ascii=False), encoding="utf-8")
    assert main(["whatif", str(sample), "--policy", str(champ), "--compare", str(chall), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # the keys of a single policy are all still there, for the champion
    assert out["scenario"] == "today" and {"before", "after", "delta", "by_rule", "by_segment", "assumptions"} <= set(out)
    comp = {r["role"]: r for r in out["comparison"]}
    assert comp["challenger"]["scenario"] == README_POLICY["name"]
    # accounts outside the swap set have the same limit under both: the EL gap is the swap set's
    groups = {g["swap"]: g for g in out["swap_set"]["groups"]}
    assert set(groups) == {"swap_in", "swap_out", "both_differ"}
    assert sum(g["el_delta"] for g in groups.values()) == pytest.approx(comp["challenger"]["expected_loss_vs_champion"], abs=0.05)
    assert out["challenger"]["delta"]["expected_loss"] == pytest.approx(comp["challenger"]["expected_loss_change"], abs=0.01)
    hist = out["swap_set"]["history"]
    assert (hist["month"], hist["window_end"], hist["months_observed"]) == ("2023-12", "2024-12", 12)
    for g in groups.values():
        assert g["bad_rate"] is None or g["bad_rate"] == pytest.approx(g["went_bad"] / g["accounts_then"])
    assert [p["pct"] for p in out["sensitivity"]["cut"]] == [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
    assert out["sensitivity"]["raise"][-1]["expected_loss_delta"] > 0  # a raise is not free
    bt = out["backtest"]
    assert bt["month"] == "2023-12" and [o["outcome"] for o in bt["outcomes"]] == [
        "went_bad", "stayed_good", "left_book", "already_bad"]
    assert {"predicted_loss", "realised_loss", "bad_rate_not_cut_same_mix", "drawn_before_default"} <= set(bt["summary"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_policies_feeds_the_excel_sheets(readme_book, lang):
    """The workbook's comparison sheets (page download) come from compare_policies through the tables."""
    from analysis.core.view import View
    from analysis.whatif import tables
    from analysis.whatif.compare import compare_policies
    from analysis.whatif.policy import policy_from_dict

    portfolio, feats, asm = readme_book
    c = compare_policies(portfolio, feats, Policy("today", (Rule("cut", 20, dpd_min=31),)),
                         policy_from_dict(README_POLICY), asm)
    view = View(lang=lang)
    groups = tables.swap_summary_table(c.swap_groups, view, c.swap_history).text_frame(lang)
    assert len(groups) == 3 and groups.shape[1] == 12  # group, 9 money/count columns, then, bad, rate
    assert c.swap_groups["accounts"].sum() == len(c.swaps)
    for d in ("cut", "raise"):
        curve = c.sensitivity[c.sensitivity["direction"] == d]
        assert len(tables.sensitivity_table(curve, view).frame) == 11
    assert len(tables.backtest_table(c.backtest, view).frame) == 4
    assert len(tables.backtest_bucket_table(c.backtest["by_bucket"], view).frame) > 0
