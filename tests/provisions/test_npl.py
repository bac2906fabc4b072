"""五级分类 by DPD, NPL ratio, coverage and provision-to-loans, by month and segment."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import FIVE_TIER_2023
from analysis.core.i18n import MessageError
from analysis.provisions.npl import REFERENCE_LEVELS, five_tier_table, npl_figures, npl_trend


def test_classes_by_the_credit_card_rule_and_the_2023_floors():
    df = pd.DataFrame({"days_past_due": [0, 1, 90, 91, 120, 121, 180, 181, 300, 400],
                       "balance": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    t = five_tier_table(df)
    assert t["class"].tolist() == ["normal", "special_mention", "substandard", "doubtful", "loss"]
    assert t["accounts"].tolist() == [1, 2, 2, 2, 3]
    assert t["balance"].tolist() == [1.0, 5.0, 9.0, 13.0, 27.0]
    floors = five_tier_table(df, FIVE_TIER_2023)  # 关注 1-90, 次级 91-270, 可疑 271-360, 损失 361+
    assert floors["balance"].tolist() == [1.0, 5.0, 30.0, 9.0, 10.0]
    with pytest.raises(MessageError):
        five_tier_table(df, (1, 91, 91, 181))


def test_npl_figures_by_hand():
    t = five_tier_table(pd.DataFrame({"days_past_due": [0, 10, 100, 150, 400], "balance": [700.0, 100, 50, 100, 50]}))
    f = npl_figures(t, allowance=300.0)
    assert f["balance"] == 200.0 and f["total_balance"] == 1000.0
    assert f["ratio"] == pytest.approx(0.2)
    assert f["coverage"] == pytest.approx(1.5)
    assert f["provision_to_loans"] == pytest.approx(0.3)
    clean = npl_figures(five_tier_table(pd.DataFrame({"days_past_due": [0], "balance": [10.0]})), 1.0)
    assert clean["ratio"] == 0.0 and np.isnan(clean["coverage"])


def test_trend_by_month_and_segment():
    p = pd.DataFrame({
        "month": ["2024-01"] * 3 + ["2024-02"] * 3,
        "product": ["card", "card", "loan"] * 2,
        "days_past_due": [0, 100, 0, 0, 0, 200],
        "balance": [80.0, 20.0, 100.0, 90.0, 10.0, 100.0],
        "ecl": [1.0, 9.0, 2.0, 1.0, 0.5, 45.0],
    })
    t = npl_trend(p)
    assert t["month"].tolist() == ["2024-01", "2024-02"]
    assert t["npl_balance"].tolist() == [20.0, 100.0]
    assert t["npl_ratio"].tolist() == pytest.approx([0.1, 0.5])
    assert t["coverage"].tolist() == pytest.approx([12 / 20, 46.5 / 100])
    assert t["provision_to_loans"].tolist() == pytest.approx([12 / 200, 46.5 / 200])
    s = npl_trend(p, by="product").set_index(["month", "product"])
    assert s.loc[("2024-01", "card"), "npl_ratio"] == pytest.approx(0.2)
    assert np.isnan(s.loc[("2024-01", "loan"), "coverage"])  # no NPL: coverage undefined
    assert s.loc[("2024-02", "loan"), "coverage"] == pytest.approx(0.45)


def test_reference_levels_are_data_with_their_source():
    assert REFERENCE_LEVELS["coverage"]["value"] == 1.5
    assert REFERENCE_LEVELS["provision_to_loans"]["value"] == 0.025
    assert REFERENCE_LEVELS["coverage"]["range"] == (1.2, 1.5)
    assert "2018" in REFERENCE_LEVELS["provision_to_loans"]["source"]
