"""An amount written with an unquoted thousands separator (``12,000`` in a comma CSV) splits its
row into one cell too many. Joined into the last column, as surplus cells of a long remark are,
it shifted every number after it (a 12,000 balance at 35 days read as 12 at 0 days, silently);
it is read back as one number when that aligns the row, and the user is told which lines."""
from __future__ import annotations

import pytest

from analysis.ingest.portfolio import load_portfolio

HEADER = "账户,日期,余额,逾期天数,分行\n"


def _load(text: str):
    result = load_portfolio(text.encode("utf-8"), "book.csv")
    rows = result.portfolio.set_index("account_id")
    return rows, dict(result.summary["notes"])


def test_an_unquoted_thousands_separator_is_read_back_as_one_amount():
    rows, notes = _load(HEADER + "A1,2024-01-31,500,0,北京\nA2,2024-01-31,12,000,35,上海\n"
                        "A3,2024-01-31,800,5,北京\nA4,2024-01-31,1,500,95,深圳\nA5,2024-01-31,1,234,567.89,3,广州\n")
    assert rows.loc["A2", ["balance", "days_past_due"]].tolist() == [12000.0, 35]
    assert rows.loc["A4", ["balance", "days_past_due"]].tolist() == [1500.0, 95]
    assert rows.loc["A5", ["balance", "days_past_due"]].tolist() == [1234567.89, 3]
    assert rows.loc["A2", "branch"] == "上海" and rows.loc["A4", "branch"] == "深圳"
    assert notes["ingest.note.thousands_rejoined"] == {"n": 3, "examples": "3, 5, 6"}
    assert "ingest.note.ragged_rows" not in notes


def test_a_remark_with_commas_still_goes_into_the_last_column():
    text = "账户,日期,逾期天数,余额,备注\nA1,2024-01-31,5,300,正常\nA2,2024-01-31,5,300,客户称,下月还\n"
    rows, notes = _load(text)
    assert rows.loc["A2", ["days_past_due", "balance"]].tolist() == [5, 300.0]
    assert notes["ingest.note.ragged_rows"] == {"n": 1, "examples": "3"}
    assert "ingest.note.thousands_rejoined" not in notes


def test_a_row_that_could_be_split_two_ways_is_aligned_as_before_and_named():
    # DPD 5 then a balance of 300 could be 5,300; a limit of 1,500 could be 1 and 500: the row cannot say
    text = ("账户,日期,逾期天数,余额,额度,分行\nA1,2024-01-31,0,100,2000,北京\n"
            "A2,2024-01-31,5,300,1,500,北京\n")
    rows, notes = _load(text)
    assert notes["ingest.note.ragged_rows"] == {"n": 1, "examples": "3"}
    assert "ingest.note.thousands_rejoined" not in notes


@pytest.mark.parametrize("n", [30, 2_400])  # Arrow's few set-aside rows, and the line-by-line reader past 1,000
def test_many_such_rows_read_the_same_way(n):
    lines = [f"A{i},2024-01-31,{'94,014' if i % 3 == 0 else '500'},{i % 90},北京\n" for i in range(n)]
    rows, notes = _load(HEADER + "".join(lines))
    shifted = rows.loc[[f"A{i}" for i in range(0, n, 3)]]
    assert (shifted["balance"] == 94014.0).all()
    assert shifted["days_past_due"].tolist() == [i % 90 for i in range(0, n, 3)]
    assert notes["ingest.note.thousands_rejoined"]["n"] == len(range(0, n, 3))


@pytest.mark.parametrize("dpd, balance", [(0, "500.00"), (30, "500.00")])
def test_a_remark_starting_with_a_number_is_still_a_remark(dpd, balance):
    # "1200,客户转账还款" in the last column: joined there it fits; 0,500.00 is no amount anyone
    # writes, and a DPD column of whole days takes no 30500.00
    text = ("账户,日期,逾期天数,余额,备注\nA1,2024-01-31,0,300.00,正常\nA3,2024-01-31,5,800.00,客户称下月还\n"
            f"A2,2024-01-31,{dpd},{balance},1200,客户转账还款\n")
    rows, notes = _load(text)
    assert rows.loc["A2", ["days_past_due", "balance"]].tolist() == [dpd, 500.0]
    assert "ingest.note.thousands_rejoined" not in notes


def test_a_dash_for_an_empty_amount_does_not_stop_the_rejoin():
    text = ("账户,日期,余额,逾期天数,逾期金额\n" + "".join(f"B{i},2024-01-31,500,10,50\n" for i in range(12))
            + "A2,2024-01-31,12,000,35,-\n")
    rows, notes = _load(text)
    assert rows.loc["A2", ["balance", "days_past_due"]].tolist() == [12000.0, 35]
    assert notes["ingest.note.thousands_rejoined"]["n"] == 1
