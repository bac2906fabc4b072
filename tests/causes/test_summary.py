"""The causes page's headline figures, cuts and checks (analysis.causes.summary), on hand-made frames."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.causes import dictionary as C
from analysis.causes import summary as S
from analysis.causes.decomposition import RateChange
from analysis.core import RATE_THRESHOLDS


def _pareto(shares, measure="balance"):
    shares = pd.Series(shares, dtype="float64")
    return pd.DataFrame({"cause": [f"c{i}" for i in range(len(shares))], f"{measure}_share": shares,
                         "cumulative_share": shares.cumsum()})


@pytest.mark.parametrize("shares, k", [
    ([0.5, 0.2, 0.2, 0.1], 3),   # 0.5, 0.7 < 0.8; the third reaches 0.9
    ([0.8, 0.2], 1),             # exactly 80 % with one cause
    ([0.79, 0.01, 0.2], 2),      # 0.79 then 0.80: the second reaches the cut
    ([1.0], 1),
])
def test_pareto_lead_takes_the_fewest_causes_that_reach_80_percent(shares, k):
    lead = S.pareto_lead(_pareto(shares))
    assert len(lead) == k
    assert lead["cumulative_share"].iloc[-1] >= S.PARETO_CUT - 1e-12


def test_pareto_lead_checks_the_measure_and_leaves_its_input_alone():
    par = _pareto([0.6, 0.4], "count")
    before = par.copy()
    assert S.pareto_lead(par, "count", cut=0.5)["cause"].tolist() == ["c0"]
    pd.testing.assert_frame_equal(par, before)
    with pytest.raises(ValueError):
        S.pareto_lead(par, "amount")


def test_reconciliation_counts_accounts_and_balance_to_the_cent():
    par = pd.DataFrame({"count": [3, 2], "balance": [100.004, 50.0]})
    assert S.reconciles(par, {"overdue_count": 5, "overdue_balance": 150.0})
    assert not S.reconciles(par, {"overdue_count": 5, "overdue_balance": 150.02})
    assert not S.reconciles(par, pd.Series({"overdue_count": 6, "overdue_balance": 150.0}))


def test_unclassified_shares_leave_unstated_reasons_out():
    rows = pd.DataFrame({"cause": ["other", "other", "forgot", "unknown", "unknown"],
                         "unclassified": [True, False, False, False, False]})
    assert S.unclassified_rate(rows) == pytest.approx(1 / 3)
    assert S.unclassified_rate(rows[rows["cause"] == "unknown"]) == 0.0
    detail = pd.DataFrame({"reason": ["a", "b", "c"], "cause": ["other", "forgot", "unknown"],
                           "count": [2, 6, 10], "unclassified": [True, False, False]})
    texts, share = S.unclassified_texts(detail)
    assert texts["reason"].tolist() == ["a"] and share == pytest.approx(0.25)


def test_driver_thresholds_are_the_data_cores():
    assert S.DRIVER_THRESHOLDS == (RATE_THRESHOLDS["overdue"], RATE_THRESHOLDS["dpd30"], RATE_THRESHOLDS["dpd90"])
    assert S.DEFAULT_DRIVER_THRESHOLD == 31
    assert [S.threshold_days(d) for d in S.DRIVER_THRESHOLDS] == [1, 30, 90]


def test_bad_rate_and_default_model_attributes():
    assert S.bad_rate(pd.DataFrame({"bad": [True, True, False, False, False]})) == (2, pytest.approx(0.4))
    iv = pd.DataFrame({"attribute": list("abcdef"), "iv": [0.8, 0.4, 0.3, 0.2, 0.1, 0.05]})
    assert S.default_model_attributes(iv) == ["b", "c", "d", "e"]  # "a" (IV > 0.5) is suspicious: left out
    assert S.default_model_attributes(iv, 2) == ["b", "c"]


def _change(mix, rate, rate_from=0.05, rate_to=0.06):
    seg = pd.DataFrame({"segment": ["A", "B"], "mix_effect": [mix, 0.0], "rate_effect": [rate, 0.0],
                        "total_effect": [mix + rate, 0.0]})
    return RateChange("2024-01", "2024-02", "dpd30_rate", "balance", "seg", rate_from, rate_to, seg)


def test_lead_effect_names_the_larger_effect_and_nothing_when_the_rate_held():
    assert S.lead_effect(_change(0.004, -0.001))[1] == "mix"
    assert S.lead_effect(_change(0.001, 0.001))[1] == "mix"   # a tie reads as mix, as the page always did
    segment, part = S.lead_effect(_change(0.001, 0.009))
    assert (segment["segment"], part) == ("A", "rate")
    assert S.lead_effect(_change(0.001, 0.009, 0.05, 0.05)) is None


def test_psi_headline_is_the_last_and_the_worst_month():
    trend = pd.DataFrame({"month": ["2024-02", "2024-03", "2024-04"], "psi": [0.02, 0.3, 0.1]})
    latest, worst = S.psi_headline(trend)
    assert (latest["month"], worst["month"]) == ("2024-04", "2024-03")


def test_class_summary_shares_and_a_book_without_balance():
    df = pd.DataFrame({"balance": [0.0, 0.0, 0.0],
                       "willingness": pd.Categorical(["unable", "unable", "unwilling"],
                                                     categories=list(C.WILLINGNESS_KEYS))})
    out = C.class_summary(df, "willingness")
    assert out["class"].tolist() == ["unable", "unwilling"]
    assert out["count_share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert out["balance_share"].tolist() == [0.0, 0.0]
    with pytest.raises(C.CausesError):
        C.class_summary(df, "cause")


def test_add_keyword_guesses_the_language_and_keeps_the_input():
    d = C.default_dictionary()
    out = C.add_keyword(d, "forgot", "忘了扣款")
    assert len(out) == len(d) + 1 and len(C.default_dictionary()) == len(d)
    assert out.iloc[-1].tolist() == ["forgot", "忘了扣款", "zh"]
    assert C.add_keyword(d, "dispute", "chargeback").iloc[-1]["lang"] == "en"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_classes_chart_reads_the_class_summary_in_the_views_unit(lang):
    from analysis.charts.causes import chart_cause_classes
    from analysis.charts.theme import has_house_config
    from analysis.core.view import View

    df = pd.DataFrame({"balance": [10_000.0, 30_000.0],
                       "term": pd.Categorical(["short", "long"], categories=list(C.TERM_KEYS))})
    view = View(lang=lang, unit="wan", measure="balance", month="2024-02")
    chart = chart_cause_classes(C.class_summary(df, "term"), view, dimension="term", subtitle="defs")
    spec = chart.to_dict()
    assert has_house_config(spec) and spec["title"]["subtitle"] == "defs" and "2024-02" in spec["title"]["text"]
    bars = next(iter(spec["datasets"].values()))
    assert sorted(r["value"] for r in bars) == [1.0, 3.0]  # 元 → 万元
