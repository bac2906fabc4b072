"""A receivables ledger's 账龄 is the invoice's age, not its days past due, when the ledger also
gives the due date. An ERP (金蝶, 用友) ages invoices from the invoice date: read as days past due,
every invoice of a 12-month ledger was overdue (100 % where 58.92 % was), and all 88 were on the
warning list. Beside a due date the age is only offered, and the days past due come from the due
date; a mapping that keeps both says how often they disagree."""
from __future__ import annotations

import pandas as pd

from analysis.ingest.portfolio import IngestOptions, build_portfolio, load_portfolio, suggest_mapping
from analysis.ingest.readers import read_table

LEDGER = """客户名称,发票号,开票日期,到期日,截止日期,应收金额,账龄(天)
华东机电有限公司,FP001,2024-11-20,2025-01-19,2024-12-31,100000,41
华东机电有限公司,FP002,2024-09-01,2024-10-01,2024-12-31,50000,121
南方建材有限公司,FP003,2024-12-10,2025-02-08,2024-12-31,80000,21
南方建材有限公司,FP004,2024-10-15,2024-11-14,2024-12-31,20000,77
""".encode()


def test_an_invoice_age_beside_a_due_date_is_offered_and_the_due_date_decides():
    raw = read_table(LEDGER, "ledger.csv")
    mapping = suggest_mapping(raw)
    assert mapping.get("due_date") == "到期日" and "days_past_due" not in mapping
    res = load_portfolio(LEDGER, "ledger.csv")
    assert sorted(res.portfolio["days_past_due"].tolist()) == [0, 0, 47, 91]  # FP001/FP003 not yet due


def test_a_kept_age_says_how_often_it_disagrees_with_the_due_date():
    raw = read_table(LEDGER, "ledger.csv")
    mapping = {**suggest_mapping(raw), "days_past_due": "账龄(天)"}
    res = build_portfolio(raw, mapping, IngestOptions())
    assert sorted(res.portfolio["days_past_due"].tolist()) == [21, 41, 77, 121]  # what was mapped is used
    note = dict(res.summary["notes"])["ingest.note.dpd_and_due_date_differ"]
    assert note == {"column": "账龄(天)", "due": "到期日", "n": 4, "of": 4}


def test_days_overdue_that_agree_with_the_due_date_say_nothing():
    agreeing = pd.read_csv(pd.io.common.BytesIO(LEDGER)).assign(**{"逾期天数": [0, 91, 0, 47]}).drop(columns="账龄(天)")
    data = agreeing.to_csv(index=False).encode()
    res = load_portfolio(data, "agree.csv")
    assert "days_past_due" in res.summary["mapping"]
    assert "ingest.note.dpd_and_due_date_differ" not in dict(res.summary["notes"])


def test_a_card_books_aging_beside_its_statement_due_date_stays_the_days_past_due():
    # 账单 is a card statement, not an invoice: its 账龄(天) is the days overdue (0, 45, 75 read as 0, 0, 0)
    cards = ("卡号,统计月份,账龄(天),本期到期还款日,账单余额\n"
             "C1,2024-06,0,2024-07-05,100\nC2,2024-06,45,2024-07-05,200\nC3,2024-06,75,2024-07-05,300\n").encode()
    res = load_portfolio(cards, "cards.csv")
    assert res.summary["mapping"]["days_past_due"] == "账龄(天)"
    assert res.portfolio["days_past_due"].tolist() == [0, 45, 75]
