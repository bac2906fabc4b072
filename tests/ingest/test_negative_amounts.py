"""A credit limit or an overdue amount below zero means nothing (DESIGN: ≥ 0): the cell is read
as empty and the user told, the row kept (its balance and days past due are good). It was taken
as it stood: an overdue amount of −5 made the book's 1,000.00 overdue 995.00, without a word."""
from __future__ import annotations

from analysis.core.i18n import translate
from analysis.ingest.portfolio import load_portfolio

CSV = """客户编号,统计月份,逾期天数,贷款余额,授信额度,逾期金额
A,2024-01,40,10,100,1000
B,2024-01,40,20,-50,-5
C,2024-01,0,40,100,0
""".encode()


def test_negative_limits_and_overdue_amounts_are_read_as_empty_and_said():
    res = load_portfolio(CSV, "neg.csv")
    assert res.summary["rows_accepted"] == 3 and res.summary["rows_rejected"] == 0
    book = res.portfolio.set_index("account_id")
    assert book["overdue_amount"].sum() == 1000.0 and book["overdue_amount"].isna().tolist() == [False, True, False]
    assert book.loc["B", "balance"] == 20.0 and book["credit_limit"].isna().sum() == 1
    notes = {p["column"]: p for k, p in res.summary["notes"] if k == "ingest.note.negative_amount_empty"}
    assert notes["逾期金额"]["n"] == 1 and notes["逾期金额"]["examples"] == ("-5",)
    assert notes["授信额度"]["n"] == 1
    assert "逾期金额" in translate("ingest.note.negative_amount_empty", "zh", **notes["逾期金额"])
    assert "cannot be below zero" in translate("ingest.note.negative_amount_empty", "en", **notes["逾期金额"])
