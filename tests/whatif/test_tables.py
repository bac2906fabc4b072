"""The what-if tables a reader sees: titles in both languages, amounts scaled once, kinds right."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.core.view import View
from analysis.whatif.policy import (
    NO_CHANGE, Assumptions, Policy, Rule, backtest_policy, change_by_rule, change_by_segment, compare_scenarios,
    sensitivity_curve, simulate_policy, snapshot_features, swap_set, swap_summary,
)
from analysis.whatif import tables

PD = {"Current": 0.02, "1-30": 0.2, "31-60": 0.5, "61-90": 0.8, "91-180": 1.0, "181+": 1.0}


@pytest.fixture(scope="module")
def priced():
    rows = pd.DataFrame({
        "account_id": ["a", "b", "c", "a", "b", "c"], "month": ["2024-01"] * 3 + ["2024-02"] * 3,
        "days_past_due": [0, 40, 0, 0, 95, 0], "balance": [5e4, 8e4, 1e4] * 2, "credit_limit": [1e5, 1e5, 2e4] * 2,
    })
    feats = snapshot_features(rows, "2024-01")
    asm = Assumptions(PD)
    policy = Policy("cut", (Rule("cut", 50, dpd_min=31, name="r1"),))
    return rows, feats, asm, policy, simulate_policy(feats, NO_CHANGE, asm, "today"), simulate_policy(feats, policy, asm)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparison_amounts_in_the_view_unit_and_titles_translated(priced, lang):
    *_, champ, chall = priced
    comparison = compare_scenarios([champ, chall])
    view = View(lang=lang, unit="wan")
    table = tables.comparison_table(comparison, view)
    frame = table.frame
    assert list(frame.iloc[:, 0]) == ["today", "cut"]
    assert frame.iloc[0, 1] == ("冠军（现行）" if lang == "zh" else "Champion (today)")
    ead = view.text("whatif.col.ead", unit=view.unit_label)
    assert ead.endswith("（万元）" if lang == "zh" else "(CNY 10k)")
    assert frame[ead].tolist() == pytest.approx((comparison["ead"] / 1e4).tolist())
    assert table.kind(ead) == "amount" and table.kind(frame.columns[-1]) == "signed_amount"
    # the last two columns are EL and revenue against the champion (the page test reads them there)
    assert frame.iloc[0, -2] == 0.0
    assert frame.iloc[1, -2] == pytest.approx(comparison.loc[1, "expected_loss_vs_champion"] / 1e4)


def test_every_table_keeps_its_rows_and_states_its_kinds(priced):
    rows, feats, asm, policy, champ, chall = priced
    view = View(lang="en", unit="yuan")
    rule = tables.rule_table(change_by_rule(chall, "en"), view)
    assert rule.frame.iloc[0, 0] == "r1" and rule.kind("Accounts matched") == "count"
    seg = tables.segment_table(change_by_segment(chall, "bucket"), view, by="bucket", by_title="Bucket")
    assert set(seg.frame["Bucket"]) <= {view.buckets.label_of(k, "en") for k in view.buckets.keys}
    swaps = swap_set(champ, chall)
    swap = tables.swap_table(swaps, view)
    assert len(swap.frame) == len(swaps) and swap.kind("PD") == "rate"
    figures = tables.swap_figures(swap_summary(swaps), View(unit="wan"))
    assert figures["swap_in"]["accounts"] == len(swaps[swaps["swap"] == "swap_in"])
    curve = sensitivity_curve(feats, policy, asm)
    sens = tables.sensitivity_table(curve, view)
    assert sens.frame["Cut"].tolist() == pytest.approx((curve["cut_pct"] / 100).tolist())
    assert sens.kind("Cut") == "rate" and len(sens.frame) == 11
    assert sens.frame["Accounts matched"].tolist() == curve["accounts"].tolist()  # not "affected": some are held
    bt = tables.backtest_table(backtest_policy(rows, policy, "2024-01"), view)
    assert bt.frame.iloc[:, 0].tolist() == ["Later reached 91+", "Stayed good (still in the book)",
                                           "Left the book (paid off, closed, charged off or unknown)", "Already 91+ then"]
    assert bt.kind("Share removed") == "rate"
    asm_table = tables.assumptions_table(PD, ["x"] * len(PD), view)
    assert asm_table.frame["PD"].tolist() == list(PD.values())
