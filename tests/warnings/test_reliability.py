"""The verdict on the warnings: a rule or model that does not separate good from bad is said so,
in both languages, and the places that show warnings read the same verdict."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from analysis.overview.findings import finding_warnings, warning_outcomes_for
from analysis.warnings.reliability import (
    MIN_ACCOUNTS, MIN_AUC, MIN_KS, model_verdict, rule_verdict, warning_reliability,
)
from analysis.warnings.signals import level_outcomes, level_summary, warning_levels, warning_signals
from tests.conftest import make_portfolio


def outcomes(red=(40, 4), orange=(0, 0), yellow=(0, 0), none=(400, 60)) -> pd.DataFrame:
    rows = [("red", *red), ("orange", *orange), ("yellow", *yellow), ("none", *none)]
    return pd.DataFrame([{"level": lv, "accounts": n, "worsened": w, "from_month": "2024-01", "to_month": "2024-02"}
                         for lv, n, w in rows])


def upside_down_book() -> pd.DataFrame:
    """Red accounts at 2024-02 (rolled past 60 days) all cure by 2024-03; half of the accounts with
    no warning roll into 31-60: the rule flags the wrong accounts."""
    rows = []
    for i in range(40):
        rows += [(f"R{i}", "2024-01", 0, 100.0), (f"R{i}", "2024-02", 70, 100.0), (f"R{i}", "2024-03", 0, 100.0)]
    for i in range(200):
        rows += [(f"N{i}", "2024-01", 0, 100.0), (f"N{i}", "2024-02", 0, 100.0),
                 (f"N{i}", "2024-03", 40 if i % 2 else 0, 100.0)]
    return make_portfolio(rows)


def test_red_not_worse_than_unwarned_fails():
    v = rule_verdict(outcomes(red=(40, 4), none=(400, 60)))
    assert (v["rule"], v["flagged"]) == ("fails", "red")
    assert v["flagged_rate"] == pytest.approx(0.1) and v["unflagged_rate"] == pytest.approx(0.15)
    assert rule_verdict(outcomes(red=(40, 20), none=(400, 60)))["rule"] == "separates"
    # equal rates do not separate either
    assert rule_verdict(outcomes(red=(40, 6), none=(400, 60)))["rule"] == "fails"


def test_thin_red_is_judged_on_every_warned_account_and_too_few_is_unknown():
    v = rule_verdict(outcomes(red=(5, 0), orange=(20, 10), yellow=(20, 10), none=(400, 40)))
    assert v["flagged"] == "warned" and v["flagged_accounts"] == 45 and v["rule"] == "separates"
    assert rule_verdict(outcomes(red=(5, 0), orange=(5, 0), none=(400, 40)))["rule"] == "unknown"
    assert rule_verdict(outcomes(red=(40, 0), none=(400, 0)))["rule"] == "unknown"  # nobody worsened
    assert rule_verdict(None) == {"rule": "unknown"}
    assert MIN_ACCOUNTS == 30


def test_the_model_needs_both_auc_and_ks():
    assert model_verdict({"auc": MIN_AUC, "ks": MIN_KS})["model"] == "separates"
    assert model_verdict({"auc": 0.41, "ks": 0.24})["model"] == "fails"  # upside down: KS alone looks fine
    assert model_verdict({"auc": 0.75, "ks": 0.05})["model"] == "fails"
    assert model_verdict({"auc": math.nan, "ks": 0.3})["model"] == "unknown"
    assert model_verdict(None)["model"] == "unknown"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_verdict_is_said_in_the_readers_language(lang):
    bad = warning_reliability(outcomes(red=(40, 4), none=(400, 60)), {"auc": 0.41, "ks": 0.24})
    assert not bad.trusted and not bad.model_usable
    text = bad.text(lang)
    assert ("重新校准" if lang == "zh" else "recalibrate") in text
    assert "10.00%" in text and "15.00%" in text and "0.410" in text
    if lang == "zh":
        assert not re.search(r"[A-Za-z]{3,}", text.replace("AUC", "").replace("KS", "")), text
    good = warning_reliability(outcomes(red=(40, 20), none=(400, 60)), {"auc": 0.9, "ks": 0.6})
    assert good.trusted and good.model_usable
    assert ("能区分" if lang == "zh" else "separate good from bad") in good.text(lang)
    # a rule that works with a model that does not: the warnings still need recalibrating
    mixed = warning_reliability(outcomes(red=(40, 20), none=(400, 60)), {"auc": 0.55, "ks": 0.2})
    assert not mixed.trusted and mixed.rule == "separates"
    assert warning_reliability(None).text(lang) == ""


def test_as_dict_is_json_ready():
    d = warning_reliability(None).as_dict()
    assert d["trusted"] is True and d["flagged_rate"] is None and d["auc"] is None
    assert {"rule", "model", "min_auc", "min_ks", "from_month", "to_month"} <= set(d)


def test_the_backtest_of_an_upside_down_book_fails_and_the_finding_says_recalibrate():
    book = upside_down_book()
    out = level_outcomes(book, "2024-03")
    rel = warning_reliability(out)
    assert rel.rule == "fails" and rel.flagged == "red" and rel.flagged_rate == 0 and rel.unflagged_rate == 0.5
    pd.testing.assert_frame_equal(warning_outcomes_for(book, "2024-03"), out)
    signals = warning_signals(book, "2024-03")
    summary = level_summary(signals, warning_levels(signals))
    counted = finding_warnings(summary, "2024-03")
    assert counted.key.startswith("findings.warnings.") and "unreliable" not in counted.key
    found = finding_warnings(summary, "2024-03", rel)
    assert found.key == "findings.warnings.unreliable_rule" and found.severity == 2
    assert "重新校准" in found.text("zh") and "0.00%" in found.text("zh") and "50.00%" in found.text("zh")
    assert "recalibrating" in found.text("en")
    # a book whose backtest cannot run (one month) gives no verdict rather than an error
    assert warning_outcomes_for(book[book["month"] == "2024-03"], "2024-03") is None
