"""Money units from headers, title rows and magnitudes."""
from __future__ import annotations

import pytest

from analysis.ingest.readers import read_table
from analysis.ingest.units import detect_unit, header_unit, split_unit, title_unit, unit_conflicts


@pytest.mark.parametrize("header, unit", [
    ("贷款余额(万元)", "wan"), ("贷款余额（万元）", "wan"), ("授信额度万元", "wan"), ("余额_万元", "wan"),
    ("余额（元）", "yuan"), ("Balance (CNY)", "yuan"), ("余额(人民币元)", "yuan"),
    ("余额(千元)", "thousand"), ("Outstanding in thousands", "thousand"), ("Amount ($000)", "thousand"),
    ("Balance, '000", "thousand"), ("Balance (k)", "thousand"),
    ("授信额度（亿元）", "yi"), ("余额(亿)", "yi"), ("余额(万)", "wan"),
    ("贷款余额", None), ("逾期天数（天）", None), ("利率(%)", None), ("Balance (USD)", None),
])
def test_header_unit(header, unit):
    assert header_unit(header) == unit


def test_split_unit_keeps_the_name():
    assert split_unit("贷款余额（人民币）(万元)") == ("贷款余额", "wan")
    assert split_unit("逾期天数（天）") == ("逾期天数", None)
    assert split_unit("发放日") == ("发放日", None)  # a date header ending in 日 keeps it


def test_title_unit():
    assert title_unit(["XX银行贷款台账", "数据日期：2024-01-31  单位：万元"])[0] == "wan"
    assert title_unit(["金额单位：元"])[0] == "yuan"
    assert title_unit(["Loan tape (amounts in thousands)"])[0] == "thousand"
    assert title_unit(["XX银行逾期明细表"]) is None


def _raw(text: str):
    return read_table(text.encode("utf-8"), "t.csv")


def test_header_unit_wins_and_names_its_header():
    raw = _raw("借据号,贷款余额(万元),授信额度(万元)\nA,18.25,30\n")
    found = detect_unit(raw, {"account_id": "借据号", "balance": "贷款余额(万元)", "credit_limit": "授信额度(万元)"})
    assert (found.unit, found.source, found.evidence, found.suggested) == ("wan", "header", "贷款余额(万元)", False)


def test_title_row_names_the_unit():
    raw = _raw("XX银行贷款台账 单位：万元\n借据号,数据日期,逾期天数,贷款余额\nA,2024-01,0,18.25\n")
    found = detect_unit(raw, {"account_id": "借据号", "balance": "贷款余额"})
    assert (found.unit, found.source) == ("wan", "title")


def test_magnitudes_only_suggest():
    # median 18.2, max 300, decimals: reads like 万元, but only as a suggestion
    values = [18.2, 5.5, 300.0, 12.75, 30.1, 18.2, 2.35, 40.0, 7.8, 25.6, 1.05]
    raw = _raw("id,余额\n" + "".join(f"A{i},{v}\n" for i, v in enumerate(values)))
    found = detect_unit(raw, {"account_id": "id", "balance": "余额"})
    assert (found.unit, found.source, found.suggested) == ("wan", "magnitude", True)
    assert found.median == pytest.approx(18.2) and found.maximum == pytest.approx(300.0)


def test_yuan_magnitudes_suggest_nothing():
    values = [182000.5, 5500, 3000000, 12750.25, 30100, 60000.1]
    raw = _raw("id,余额\n" + "".join(f"A{i},{v}\n" for i, v in enumerate(values)))
    assert detect_unit(raw, {"account_id": "id", "balance": "余额"}) is None
    # whole small numbers (counts, or balances of 1 from a count-only file) suggest nothing either
    raw = _raw("id,余额\n" + "".join(f"A{i},{i % 5 + 1}\n" for i in range(30)))
    assert detect_unit(raw, {"account_id": "id", "balance": "余额"}) is None


def test_unit_conflicts_list_headers_naming_another_unit():
    mapping = {"balance": "贷款余额(万元)", "credit_limit": "授信额度(元)", "overdue_amount": "逾期金额"}
    assert unit_conflicts(mapping, "wan") == [("授信额度(元)", "yuan")]
    assert unit_conflicts(mapping, "yuan") == [("贷款余额(万元)", "wan")]
    assert unit_conflicts({"balance": "余额"}, "yi") == []
