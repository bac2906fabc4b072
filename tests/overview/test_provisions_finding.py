"""The provisions finding: allowance, NPL ratio and coverage against the reference levels, both
severities, from hand-built figures (the sentence states them; the verdict follows the references)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.overview.findings import PAGES, finding_provisions
from analysis.provisions.npl import five_tier_table, npl_figures


def _npl(allowance: float, npl_balance: float, total: float) -> dict:
    """NPL figures worked out by hand: ratio = NPL ÷ total, coverage = allowance ÷ NPL,
    allowance to loans = allowance ÷ total."""
    return {"allowance": allowance, "balance": npl_balance, "total_balance": total,
            "ratio": npl_balance / total if total else math.nan,
            "coverage": allowance / npl_balance if npl_balance else math.nan,
            "provision_to_loans": allowance / total if total else math.nan}


def test_both_ratios_at_or_above_the_reference_is_good_news():
    # 10,000 yuan of loans, 100 NPL (1 %), allowance 300: coverage 300 %, allowance to loans 3 %.
    f = finding_provisions(_npl(300.0, 100.0, 10_000.0), "2024-06")
    assert (f.key, f.severity, f.area, f.page) == ("findings.provisions.ok", 0, "provisions", "pages/provisions.py")
    assert PAGES["provisions"] == f.page
    assert f.text("zh", "yuan") == ("2024-06 减值准备 300元，不良贷款率 1.00%；拨备覆盖率 300.00%、拨贷比 3.00%，"
                                    "均不低于参考值（150%、2.5%）。")
    assert f.text("en", "yuan") == ("The allowance for 2024-06 is 300 CNY; NPL ratio 1.00%, coverage 300.00% and "
                                    "allowance to loans 3.00%, both at or above their reference levels (150%, 2.5%).")


def test_exactly_at_the_reference_is_not_below():
    # Coverage exactly 150 % (allowance 150 on 100 NPL), allowance to loans exactly 2.5 % (150 of 6,000).
    f = finding_provisions(_npl(150.0, 100.0, 6_000.0), "2024-06")
    assert f.key == "findings.provisions.ok" and f.severity == 0


@pytest.mark.parametrize("allowance, npl, total, which, zh, en", [
    # coverage 120 % < 150 %, allowance to loans 3 % ≥ 2.5 %
    (120.0, 100.0, 4_000.0, "coverage", "拨备覆盖率低于参考值", "coverage is below its reference"),
    # coverage 200 % ≥ 150 %, allowance to loans 2 % < 2.5 %
    (200.0, 100.0, 10_000.0, "provision_to_loans", "拨贷比低于参考值", "allowance to loans is below its reference"),
    # coverage 100 %, allowance to loans 1 %: both short
    (100.0, 100.0, 10_000.0, "coverage,provision_to_loans", "两项均低于参考值", "both are below their references"),
])
def test_a_ratio_below_its_reference_is_bad_news(allowance, npl, total, which, zh, en):
    f = finding_provisions(_npl(allowance, npl, total), "2024-06")
    assert (f.key, f.severity) == ("findings.provisions.below", 2)
    assert f.params["below_keys"] == which
    assert f.text("zh", "yuan").endswith(f"，{zh}。")
    assert f.text("en", "yuan").endswith(f": {en}.")
    coverage = f"{allowance / npl * 100:.2f}%"
    assert f"coverage {coverage} (reference 150%)" in f.text("en", "yuan")


def test_the_reference_levels_decide_the_verdict():
    figures = _npl(300.0, 100.0, 10_000.0)  # coverage 300 %, allowance to loans 3 %
    assert finding_provisions(figures, "2024-06", {"coverage": 3.5}).severity == 2
    f = finding_provisions(figures, "2024-06", {"coverage": 1.2, "provision_to_loans": 0.015})
    assert f.severity == 0 and "(120%, 1.5%)" in f.text("en", "yuan")


def test_a_book_without_npl_is_judged_on_allowance_to_loans():
    ok = finding_provisions(_npl(300.0, 0.0, 10_000.0), "2024-06")
    assert (ok.key, ok.severity) == ("findings.provisions.no_npl.ok", 0)
    assert "no coverage ratio" in ok.text("en", "yuan") and "拨备覆盖率不适用" in ok.text("zh", "yuan")
    short = finding_provisions(_npl(100.0, 0.0, 10_000.0), "2024-06")  # 1 % < 2.5 %
    assert (short.key, short.severity) == ("findings.provisions.no_npl.below", 2)


def test_no_balance_no_finding():
    assert finding_provisions(_npl(0.0, 0.0, 0.0), "2024-06") is None


def test_from_a_hand_built_five_tier_table():
    # 90 normal, 10 at 95 DPD (次级): NPL ratio 10 %; an allowance of 3 covers 30 % of it (< 150 %)
    # and is 3 % of loans (≥ 2.5 %).
    tiers = five_tier_table(pd.DataFrame({"days_past_due": [0, 95], "balance": [90.0, 10.0]}))
    f = finding_provisions(npl_figures(tiers, 3.0), "2024-06")
    assert (f.key, f.severity, f.params["below_keys"]) == ("findings.provisions.below", 2, "coverage")
    assert f.params["ratio"] == pytest.approx(0.1) and f.params["coverage"] == pytest.approx(0.3)
    assert f.params["loans"] == pytest.approx(0.03)
    assert f.to_dict("en", "yuan")["figures"]["allowance"] == 3.0
