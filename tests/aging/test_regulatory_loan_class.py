"""The bank's own five-tier classification on the regulatory view: golden shares and NPL ratio on a
hand-made book, the file class × DPD class comparison, and where the bank is below the DPD floor."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.aging.rates import AgingError
from analysis.aging.regulatory import (FIVE_TIER_PRESETS, RELATIONS, class_comparison, class_gaps, class_npl_ratios,
                                       file_class_distribution, file_class_trend, five_tier_distribution)
from analysis.aging.tables import class_comparison_table, class_gaps_table, file_class_table
from analysis.charts.aging import chart_file_classes
from analysis.core import book_from_portfolio
from analysis.core.view import View
from analysis.core.vocabulary import FIVE_TIER_KEYS
from analysis.ingest.portfolio import load_portfolio

#: 2024-06, balance 2,300 元 in 8 rows: what the file says, and the DPD beside it.
#: A2 and A7 the bank classifies worse than the DPD gives (allowed); A4 (100 DPD, 关注) is below the
#: 2023 floor (>90 DPD is at least 次级); A5 (150 DPD, 次级) is below the credit-card rule (可疑
#: from 121) but not below the 2023 floors; A8's cell is no class.
ROWS_JUNE = [
    ("A1", 0, 1000.0, "正常"), ("A2", 0, 500.0, "关注类"), ("A3", 45, 300.0, "关注"), ("A4", 100, 200.0, "关注二级"),
    ("A5", 150, 100.0, "次级"), ("A6", 400, 50.0, "损失"), ("A7", 10, 140.0, "可疑"), ("A8", 0, 10.0, "待定"),
]


def classed_csv() -> bytes:
    """The hand-made book as a bank's export: May all 正常 and current, June as :data:`ROWS_JUNE`."""
    lines = ["客户编号,统计日期,逾期天数,贷款余额,五级分类"]
    lines += [f"{a},2024-05-31,0,{bal:.2f},正常" for a, _, bal, _ in ROWS_JUNE]
    lines += [f"{a},2024-06-30,{dpd},{bal:.2f},{cls}" for a, dpd, bal, cls in ROWS_JUNE]
    return ("\n".join(lines) + "\n").encode("utf-8")


def classed_result():
    return load_portfolio(classed_csv(), "classed.csv")


@pytest.fixture(scope="module")
def classes() -> pd.DataFrame:
    book = book_from_portfolio(classed_result().portfolio)
    yield book.cubes().classes()
    book.close()


def test_file_shares_are_the_files_own(classes):
    out = file_class_distribution(classes, "2024-06", "zh")
    assert out["tier"].tolist() == [*FIVE_TIER_KEYS, "unclassified"]
    assert out["label"].tolist() == ["正常", "关注", "次级", "可疑", "损失", "未分类"]
    assert out["count"].tolist() == [1, 3, 1, 1, 1, 1]
    assert out["balance"].tolist() == pytest.approx([1000.0, 1000.0, 100.0, 140.0, 50.0, 10.0])
    assert out["balance_share"].tolist() == pytest.approx([1000 / 2300, 1000 / 2300, 100 / 2300, 140 / 2300,
                                                           50 / 2300, 10 / 2300], rel=1e-9)
    assert out["count_share"].sum() == pytest.approx(1.0) and out["balance_share"].sum() == pytest.approx(1.0)


def test_file_npl_ratio_is_substandard_doubtful_loss_of_the_whole_book(classes):
    trend = file_class_trend(classes, "balance").set_index("month")
    assert trend.loc["2024-05", "npl_ratio"] == 0.0
    assert trend.loc["2024-06", "npl_ratio"] == pytest.approx(290 / 2300, rel=1e-9)
    assert trend.loc["2024-06", "special_mention_ratio"] == pytest.approx(1000 / 2300, rel=1e-9)
    by_count = file_class_trend(classes, "count").set_index("month")
    assert by_count.loc["2024-06", "npl_ratio"] == pytest.approx(3 / 8)


def test_the_dpd_classes_differ_from_the_files(classes):
    # the same rows by DPD (credit-card rule): 次级 is A4 (100 DPD), not A5 as the file says
    by_dpd = five_tier_distribution(classes.drop(columns="loan_class").groupby(
        ["month", "days_past_due"], as_index=False)[["count", "balance"]].sum(), "2024-06")
    assert by_dpd["balance"].tolist() == pytest.approx([1510.0, 440.0, 200.0, 100.0, 50.0])


def test_comparison_table_golden(classes):
    out = class_comparison(classes, "2024-06", FIVE_TIER_PRESETS["credit_card"], "en")
    assert len(out) == 6 * 5  # every file class (unclassified too) × every DPD class, zeros kept
    cells = {(f, d): (c, b) for f, d, c, b in out[["file_tier", "dpd_tier", "count", "balance"]].itertuples(index=False)}
    assert cells[("normal", "normal")] == (1, 1000.0)
    assert cells[("special_mention", "normal")] == (1, 500.0)
    assert cells[("special_mention", "special_mention")] == (1, 300.0)
    assert cells[("special_mention", "substandard")] == (1, 200.0)
    assert cells[("substandard", "doubtful")] == (1, 100.0)
    assert cells[("loss", "loss")] == (1, 50.0)
    assert cells[("doubtful", "special_mention")] == (1, 140.0)
    assert cells[("unclassified", "normal")] == (1, 10.0)
    assert out["count"].sum() == 8 and out["balance"].sum() == pytest.approx(2300.0)
    relation = dict(zip(zip(out["file_tier"], out["dpd_tier"]), out["relation"]))
    assert relation[("special_mention", "normal")] == "worse" and relation[("special_mention", "substandard")] == "better"
    assert relation[("unclassified", "loss")] == "unclassified"


def test_gaps_at_the_rule_chosen_and_at_the_2023_floors(classes):
    cc = class_gaps(class_comparison(classes, "2024-06", FIVE_TIER_PRESETS["credit_card"])).set_index("relation")
    assert list(cc.index) == list(RELATIONS)
    assert cc.loc["better", "balance"] == pytest.approx(300.0) and cc.loc["better", "count"] == 2  # A4, A5
    assert cc.loc["worse", "balance"] == pytest.approx(640.0)  # A2, A7
    assert cc.loc["same", "balance"] == pytest.approx(1350.0)
    assert cc.loc["unclassified", "balance"] == pytest.approx(10.0)
    assert cc["balance_share"].sum() == pytest.approx(1.0)
    floors = class_gaps(class_comparison(classes, "2024-06", FIVE_TIER_PRESETS["floors_2023"])).set_index("relation")
    assert floors.loc["better", "balance"] == pytest.approx(200.0) and floors.loc["better", "count"] == 1  # A4 only
    # May: every row 正常 and current, no unclassified row, nothing better than the floor
    may = class_gaps(class_comparison(classes, "2024-05")).set_index("relation")
    assert list(may.index) == ["same", "worse", "better"] and may.loc["better", "count"] == 0


def test_tables_and_chart_in_both_languages(classes):
    comparison = class_comparison(classes, "2024-06")
    for lang in ("zh", "en"):
        view = View(lang=lang, unit="yuan").but(month="2024-06")
        grid = class_comparison_table(comparison, view, "balance").frame
        assert grid.shape == (6, 1 + 5 + 1)
        assert grid.iloc[:, -1].sum() == pytest.approx(2300.0)  # the totals column reconciles
        counts = class_comparison_table(comparison, view, "count").frame
        assert counts.iloc[:, 1:-1].to_numpy().sum() == 8
        gaps = class_gaps_table(class_gaps(comparison), view).frame
        assert len(gaps) == 4
        dist = file_class_distribution(classes, "2024-06", lang)
        assert file_class_table(dist, view).frame.iloc[:, 1].tolist() == [1, 3, 1, 1, 1, 1]
        spec = chart_file_classes(dist, view, subtitle="x").to_dict()
        assert "2024-06" in str(spec["title"])


def test_inputs_are_not_modified(classes):
    before = classes.copy()
    file_class_distribution(classes, "2024-06")
    class_gaps(class_comparison(classes, "2024-06"))
    file_class_trend(classes)
    pd.testing.assert_frame_equal(classes, before)


def test_bad_inputs_say_what_is_wrong(classes):
    with pytest.raises(AgingError):
        file_class_distribution(classes, "2023-01")
    with pytest.raises(AgingError):
        class_comparison(classes, "2024-06", [91, 1, 121, 181])
    with pytest.raises(AgingError):
        file_class_trend(classes, "sum")
    with pytest.raises(AgingError):
        file_class_distribution(pd.DataFrame({"month": ["2024-06"]}), "2024-06")


def test_npl_ratios_file_and_dpd_side_by_side(classes):
    comparison = class_comparison(classes, "2024-06", FIVE_TIER_PRESETS["credit_card"])
    by_balance = class_npl_ratios(comparison)
    assert by_balance["file"] == pytest.approx(290 / 2300) and by_balance["dpd"] == pytest.approx(350 / 2300)
    by_count = class_npl_ratios(comparison, "count")
    assert by_count == pytest.approx({"file": 3 / 8, "dpd": 3 / 8})
    floors = class_npl_ratios(class_comparison(classes, "2024-06", FIVE_TIER_PRESETS["floors_2023"]))
    assert floors["dpd"] == pytest.approx(350 / 2300)  # 100, 150 and 400 DPD: 次级, 次级, 损失


def test_cli_aging_adds_the_files_classes():
    import argparse

    from analysis.cli import aging as aging_cli

    args = argparse.Namespace(month="2024-06", by=None, measure="balance", buckets="default", lang="en")
    out = aging_cli.run(args, classed_result())
    assert out["classification_source"] == "file"
    assert [r["class"] for r in out["five_tier"]] == [*FIVE_TIER_KEYS, "unclassified"]
    assert [r["balance"] for r in out["five_tier"]] == [1000.0, 1000.0, 100.0, 140.0, 50.0, 10.0]
    assert out["npl"]["ratio"] == pytest.approx(290 / 2300) and out["npl"]["ratio_count"] == pytest.approx(3 / 8)
    assert "NPL ratio (substandard + doubtful + loss) 12.61% by balance" in aging_cli.render(out)
    # without the column the JSON is as before: no key added
    plain = load_portfolio(b"id,month,dpd,balance\nA,2024-06,0,30\nB,2024-06,100,10\n", "a.csv")
    assert not {"classification_source", "five_tier", "npl"} & set(aging_cli.run(args, plain))
