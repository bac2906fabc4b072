"""The bank's own five-tier classification (五级分类): recognised by header and by values, read as
its five-tier key, cells that are no class listed (never dropped silently), and the class as
the DPD source only when the file has nothing else."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.core.i18n import translate
from analysis.core.schema import segment_columns
from analysis.core.vocabulary import FIVE_TIER_KEYS
from analysis.ingest.parsing import loan_class_key, suggest_label_dpd
from analysis.ingest.portfolio import load_portfolio
from analysis.ingest.precheck import precheck
from analysis.ingest.readers import read_table
from analysis.ingest.recognise import header_field, recognise_columns, suggest_mapping

ZH = ["正常", "关注", "次级", "可疑", "损失"]
EN = ["Pass", "Special mention", "Substandard", "Doubtful", "Loss"]


def _csv(header: str, values: list[str], dpd: bool = True) -> bytes:
    head = "账号,统计月份," + ("逾期天数," if dpd else "") + "贷款余额," + header + "\n"
    rows = "".join(f"A{i},2024-01," + (f"{[0, 10, 100, 200, 400][i % 5]}," if dpd else "") + f"{100 + i},{v}\n"
                   for i, v in enumerate(values))
    return (head + rows).encode()


@pytest.mark.parametrize("label, key", [
    ("正常", "normal"), ("关注", "special_mention"), ("次级", "substandard"), ("可疑", "doubtful"), ("损失", "loss"),
    ("正常类", "normal"), ("关注类", "special_mention"), ("次级类", "substandard"), ("可疑类", "doubtful"),
    ("损失类", "loss"), ("正常一级", "normal"), ("正常二级", "normal"), ("关注三级", "special_mention"),
    ("次级二级", "substandard"), ("关注2", "special_mention"), ("次級", "substandard"), ("損失", "loss"),
    ("Pass", "normal"), ("Special mention", "special_mention"), ("SPECIAL_MENTION", "special_mention"),
    ("Substandard", "substandard"), ("Sub-standard", "substandard"), ("Doubtful", "doubtful"), ("Loss", "loss"),
    (" 次级 (Substandard) ", "substandard"), ("pass loans", "normal"),
])
def test_class_cells_read_as_their_tier(label, key):
    assert loan_class_key(label) == key


@pytest.mark.parametrize("label", ["M1", "逾期", "正常还款", "待定", "", None, float("nan"), "3", "loss given default",
                                   "关注正常"])
def test_other_cells_are_no_class(label):
    assert loan_class_key(label) is None


def test_a_class_as_a_status_label_keeps_its_representative_dpd():
    # the status code table (a file whose only delinquency information is the class)
    assert [suggest_label_dpd(v) for v in ["正常类", "关注二级", "Substandard", "可疑", "Loss"]] == [0, 45, 135, 270, 361]


@pytest.mark.parametrize("header", ["五级分类", "五级分类结果", "风险分类", "贷款分类", "资产分类", "分类结果",
                                    "贷款五级分类", "Loan Classification", "risk classification",
                                    "Asset Classification", "Five-tier classification", "five-category classification",
                                    "CBIRC class", "five_class", "贷款五级分类结果"])
def test_header_names_the_field(header):
    found = header_field(header)
    assert found is not None and found[0] == "loan_class" and found[1] >= 0.75, found


@pytest.mark.parametrize("header, values", [
    ("五级分类", ZH * 4), ("五级分类", [v + "类" for v in ZH] * 4), ("Risk Classification", EN * 4),
    # a header that says a status, or nothing known: the values decide
    ("逾期状态", ZH * 4), ("Status", EN * 4), ("监管口径", ZH * 4), ("col_x", EN * 4),
    ("五级分类", ["正常一级", "正常二级", "关注一级", "关注二级", "次级一级", "可疑", "损失"] * 3),
])
def test_class_values_win_over_a_status(header, values):
    raw = read_table(_csv(header, values), "a.csv")
    mapping = suggest_mapping(raw)
    assert mapping.get("loan_class") == header
    assert "status_label" not in mapping


def test_status_codes_under_a_classification_header_stay_a_status():
    raw = read_table(_csv("风险分类", ["M0", "M1", "M2", "M3"] * 4, dpd=False), "a.csv")
    found = {s.field: s.header for s in recognise_columns(raw)}
    assert found.get("status_label") == "风险分类" and "loan_class" not in found


@pytest.mark.parametrize("header, values", [
    ("status_label", ["正常"] * 15 + ["个性化分期"]),  # mostly 正常, but the other word is no class
    ("账户状态", ["正常"] * 12 + ["逾期", "结清", "正常", "逾期"]),
    ("逾期状态", ["正常"] * 16),  # 正常 alone: the header decides
])
def test_a_status_column_that_is_mostly_normal_stays_a_status(header, values):
    mapping = suggest_mapping(read_table(_csv(header, values, dpd=False), "a.csv"))
    assert "loan_class" not in mapping


def test_a_status_column_beside_the_class_keeps_its_field():
    data = ("账号,统计月份,逾期状态,贷款余额,五级分类\n"
            + "".join(f"A{i},2024-01,{['M0', 'M1', 'M2', 'M3'][i % 4]},1,{ZH[i % 5]}\n" for i in range(20))).encode()
    mapping = suggest_mapping(read_table(data, "a.csv"))
    assert mapping["status_label"] == "逾期状态" and mapping["loan_class"] == "五级分类"


def test_portfolio_holds_the_class_as_an_ordered_category_of_the_keys():
    values = ZH + ["正常类", "Doubtful"]
    res = load_portfolio(_csv("五级分类", values), "a.csv")
    p = res.portfolio.sort_values("source_row")
    assert isinstance(p["loan_class"].dtype, pd.CategoricalDtype) and p["loan_class"].cat.ordered
    assert list(p["loan_class"].cat.categories) == list(FIVE_TIER_KEYS)
    assert p["loan_class"].astype(str).tolist() == [*FIVE_TIER_KEYS, "normal", "doubtful"]
    assert res.summary["dpd_source"] == "days_past_due"
    assert "loan_class" not in segment_columns(p)  # not a segment the other pages slice by


def test_cells_that_are_no_class_are_kept_and_listed():
    res = load_portfolio(_csv("五级分类", ["正常", "待定", "关注", "待定", "XX", "次级"]), "a.csv")
    p = res.portfolio.sort_values("source_row")
    assert res.summary["rows_accepted"] == 6 and res.summary["rows_rejected"] == 0  # their balance still counts
    assert int(p["loan_class"].isna().sum()) == 3
    notes = {k: d for k, d in res.summary["notes"]}
    note = notes["ingest.note.loan_class_unknown"]
    assert note["n"] == 3 and note["column"] == "五级分类" and "待定" in note["examples"] and "XX" in note["examples"]
    assert "3" in translate("ingest.note.loan_class_unknown", "zh", **note)
    assert "unclassified" in translate("ingest.note.loan_class_unknown", "en", **note)


def test_the_class_gives_the_dpd_only_when_nothing_else_does():
    res = load_portfolio(_csv("五级分类", ["正常类", "关注二级", "次级", "可疑", "损失", "待定"], dpd=False), "a.csv")
    p = res.portfolio.sort_values("source_row")
    assert res.summary["dpd_source"] == "loan_class"
    assert res.summary["mapping"]["loan_class"] == "五级分类" and "status_label" not in res.summary["mapping"]
    assert p["days_past_due"].tolist() == [0, 45, 135, 270, 361]
    assert p["loan_class"].astype(str).tolist() == list(FIVE_TIER_KEYS)
    # a cell that is no class has no DPD either: rejected as an unknown status, with its reason
    assert res.summary["reasons"] == {"ingest.reject.unknown_status": 1}
    assert [k for k, _ in res.summary["notes"]] == ["ingest.note.dpd_from_class"]


def test_precheck_accepts_the_class_as_the_only_delinquency_column():
    raw = read_table(_csv("五级分类", ZH, dpd=False), "a.csv")
    mapping = {"account_id": "账号", "snapshot_date": "统计月份", "balance": "贷款余额", "loan_class": "五级分类"}
    assert precheck(raw, mapping) == []


@pytest.mark.parametrize("code, key", [("1", "normal"), ("02", "special_mention"), (3, "substandard"), (4.0, "doubtful"),
                                       ("05", "loss"), ("1-正常", "normal"), ("03 次级", "substandard")])
def test_codes_under_a_five_tier_header_are_the_tiers(code, key):
    assert loan_class_key(code, header="五级分类") == key
    assert loan_class_key(code, header="Five Tier Classification") == key


@pytest.mark.parametrize("header", [None, "风险等级", "十二级分类", "评级", "Risk Grade"])
def test_bare_codes_are_no_class_without_a_five_tier_header(header):
    assert loan_class_key("3", header=header) is None and loan_class_key(2, header=header) is None


@pytest.mark.parametrize("code", ["0", "6", "12", "00"])
def test_codes_beyond_the_five_tiers_are_no_class(code):
    assert loan_class_key(code, header="五级分类") is None


@pytest.mark.parametrize("header", ["五级分类", "五级分类代码", "贷款五级分类", "五級分類", "Five Tier Classification"])
def test_a_column_of_codes_under_a_five_tier_header_is_the_class(header):
    raw = read_table(_csv(header, ["1", "2", "3", "1", "5", "4"]), "a.csv")
    assert suggest_mapping(raw).get("loan_class") == header


@pytest.mark.parametrize("header", ["风险等级", "评级", "等级"])
def test_codes_under_another_header_are_not_the_class(header):
    raw = read_table(_csv(header, ["1", "2", "3", "1", "5", "4"]), "a.csv")
    assert "loan_class" not in suggest_mapping(raw)


def test_portfolio_reads_codes_under_a_five_tier_header_as_tiers():
    res = load_portfolio(_csv("五级分类", ["1", "2", "3", "4", "5", "01"]), "a.csv")
    p = res.portfolio.sort_values("source_row")
    assert p["loan_class"].astype(str).tolist() == [*FIVE_TIER_KEYS, "normal"]


def test_codes_as_the_only_delinquency_column_give_the_tiers_dpd():
    res = load_portfolio(_csv("五级分类", ["1", "2", "3", "4", "5"], dpd=False), "a.csv")
    p = res.portfolio.sort_values("source_row")
    assert res.summary["dpd_source"] == "loan_class"
    assert p["days_past_due"].tolist() == [0, 45, 135, 270, 361]  # not 1–5 days, nor 1–5 months late
