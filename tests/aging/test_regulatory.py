"""Five-tier class and IFRS 9 stage by DPD: presets, edited thresholds, golden counts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aging.rates import AgingError
from analysis.charts.aging import chart_five_tier, chart_ifrs9, chart_npl_trend
from analysis.core.view import View
from analysis.aging.regulatory import (FIVE_TIER_PRESETS, check_five_tier, five_tier_distribution, five_tier_trend,
                                 ifrs9_distribution)
from tests.conftest import make_portfolio

DPDS = [0, 1, 90, 91, 120, 121, 180, 181, 270, 271, 360, 361]


@pytest.fixture
def ladder(cubes_of):
    """One account at each boundary DPD, balance 1 each, plus a second month with everyone current."""
    rows = [(f"a{i}", "2024-01", d, 1.0) for i, d in enumerate(DPDS)]
    rows += [(f"a{i}", "2024-02", 0, 1.0) for i in range(len(DPDS))]
    return cubes_of(make_portfolio(rows)).dpd()


def test_credit_card_preset(ladder):
    out = five_tier_distribution(ladder, "2024-01", FIVE_TIER_PRESETS["credit_card"], "zh")
    assert out["count"].tolist() == [1, 2, 2, 2, 5]
    assert out["label"].tolist() == ["正常", "关注", "次级", "可疑", "损失"]
    assert out["dpd_range"].tolist() == ["0", "1-90", "91-120", "121-180", "≥181"]
    assert out["balance_share"].sum() == pytest.approx(1.0)


def test_2023_floors_preset(ladder):
    out = five_tier_distribution(ladder, "2024-01", FIVE_TIER_PRESETS["floors_2023"], "en")
    assert out["count"].tolist() == [1, 2, 6, 2, 1]
    assert out["dpd_range"].tolist() == ["0", "1-90", "91-270", "271-360", "≥361"]
    assert out["label"].tolist()[-1] == "Loss"


def test_edited_thresholds(ladder):
    out = five_tier_distribution(ladder, "2024-01", (30, 60, 90, 120))
    # normal 0,1 ; SM none in 30-59 ; sub none in 60-89 ; doubtful 90,91 ; loss ≥120: 8
    assert out["count"].tolist() == [2, 0, 0, 2, 8]


@pytest.mark.parametrize("bad", [(0, 91, 121, 181), (91, 1, 121, 181), (1, 91, 121), (1, 91, 121, 181.5), ("a", 2, 3, 4)])
def test_bad_thresholds_raise(ladder, bad):
    with pytest.raises(AgingError) as err:
        five_tier_distribution(ladder, "2024-01", bad)
    assert "阈值" in err.value.message("zh")


def test_check_five_tier_accepts_numpy_ints():
    assert check_five_tier(np.array([1, 91, 121, 181])) == (1, 91, 121, 181)


def test_npl_trend(ladder):
    trend = five_tier_trend(ladder, FIVE_TIER_PRESETS["credit_card"], "count").set_index("month")
    assert trend.loc["2024-01", "npl_ratio"] == pytest.approx(9 / 12)
    assert trend.loc["2024-01", "special_mention_ratio"] == pytest.approx(2 / 12)
    assert trend.loc["2024-02", "npl_ratio"] == 0.0


def test_ifrs9_default_and_edited(ladder):
    out = ifrs9_distribution(ladder, "2024-01")
    assert out["count"].tolist() == [2, 1, 9]
    assert out["dpd_range"].tolist() == ["0-30", "31-90", "≥91"]
    edited = ifrs9_distribution(ladder, "2024-01", 2, 181)
    assert edited["count"].tolist() == [2, 5, 5]
    with pytest.raises(AgingError):
        ifrs9_distribution(ladder, "2024-01", 91, 31)
    with pytest.raises(AgingError):
        ifrs9_distribution(ladder, "2030-01")


def test_by_balance_shares(cubes_of):
    cube = cubes_of(make_portfolio([("a", "2024-01", 0, 70.0), ("b", "2024-01", 200, 30.0)])).dpd()
    out = five_tier_distribution(cube, "2024-01")
    assert out["balance_share"].tolist() == [0.7, 0.0, 0.0, 0.0, 0.3]


def test_inputs_untouched_and_charts(ladder):
    before = ladder.copy()
    tiers = five_tier_distribution(ladder, "2024-01")
    stages = ifrs9_distribution(ladder, "2024-01")
    trend = five_tier_trend(ladder)
    pd.testing.assert_frame_equal(ladder, before)
    view = View(lang="zh", unit="yuan", measure="count", month="2024-01")
    for chart in (chart_five_tier(tiers, view, subtitle="口径"),
                  chart_ifrs9(stages, view.but(lang="en"), subtitle="basis"),
                  chart_npl_trend(trend, view, subtitle="口径")):
        spec = chart.to_dict()
        assert spec["title"]["text"] and "aging.chart" not in str(spec)
