"""Headers over three rows (and up to four), built here with xlsxwriter (``merge_range``) and xlwt.

A bank report stacks its heading in levels: 风险信息 merged over three columns, under it 逾期
merged over 天数 and 金额, beside it 贷款余额 merged down the two lower rows, and 统计日期 /
客户编号 merged down all three. Each column is named by its levels top down
(``风险信息-逾期-天数``), as a header over two rows joins its parent and sub-column; a column merged
down every header row keeps its own name.
"""
from __future__ import annotations

import io

import pytest
import xlsxwriter
import xlwt

from analysis.cli.common import command_line_hint
from analysis.core.i18n import translate
from analysis.ingest.errors import IngestError
from analysis.ingest.merged import MAX_HEADER_ROWS, stacked_header, two_row_header
from analysis.ingest.portfolio import load_portfolio
from analysis.ingest.precheck import precheck
from analysis.ingest.readers import read_table
from analysis.ingest.recognise import suggest_mapping

#: (top, left, bottom, right, text): the report's three header rows, 0-based and inclusive
HEADER_MERGES = [(0, 0, 2, 0, "统计日期"), (0, 1, 2, 1, "客户编号"), (0, 2, 0, 4, "风险信息"), (1, 2, 1, 3, "逾期"),
                 (1, 4, 2, 4, "贷款余额")]
#: (account, days past due, overdue amount, balance), from sheet row 3
ACCOUNTS = [("A1", 0, 0.0, 1000.0), ("A2", 35, 0.0, 2000.0), ("A3", 95, 0.0, 3000.0)]
NAMES = ["统计日期", "客户编号", "风险信息-逾期-天数", "风险信息-逾期-金额", "风险信息-贷款余额"]


def _cells() -> dict[tuple[int, int], object]:
    cells: dict[tuple[int, int], object] = {(2, 2): "天数", (2, 3): "金额"}
    for r, (acc, dpd, overdue, bal) in enumerate(ACCOUNTS, start=3):
        cells.update({(r, 0): "2024-03-31", (r, 1): acc, (r, 2): dpd, (r, 3): overdue, (r, 4): bal})
    return cells


def _xlsx(cells, merges) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("逾期明细")
    for top, left, bottom, right, text in merges:
        ws.merge_range(top, left, bottom, right, text)
    for (r, c), v in cells.items():
        ws.write(r, c, v)
    wb.close()
    return buf.getvalue()


def _xls(cells, merges) -> bytes:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("逾期明细")
    for top, left, bottom, right, text in merges:
        ws.write_merge(top, bottom, left, right, text)
    for (r, c), v in cells.items():
        ws.write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


BOOKS = {"xlsx": _xlsx, "xls": _xls}


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_header_over_three_rows_names_each_column_by_its_levels(fmt):
    data = BOOKS[fmt](_cells(), HEADER_MERGES)
    raw = read_table(data, f"three.{fmt}")
    assert list(raw.frame.columns) == NAMES
    assert raw.header_row == 1 and raw.source_rows.tolist() == [4, 5, 6]  # 天数 / 金额 are no data row
    # siblings under 逾期 only: 贷款余额 is no part of the overdue figure
    assert raw.header_groups == (("风险信息-逾期-天数", "风险信息-逾期-金额"),)
    note = ("ingest.note.stacked_header", {"first": 1, "last": 3, "n": 3, "columns": tuple(NAMES[2:])})
    assert note in raw.notes
    assert not any(k in ("ingest.note.two_row_header", "ingest.note.header_rows_unjoined") for k, _ in raw.notes)

    res = load_portfolio(data, f"three.{fmt}")
    assert res.summary["rows_accepted"] == 3 and res.summary["rows_rejected"] == 0
    assert res.summary["mapping"]["days_past_due"] == "风险信息-逾期-天数"
    assert res.summary["mapping"]["balance"] == "风险信息-贷款余额"
    pf = res.portfolio.sort_values("account_id")
    assert pf["account_id"].tolist() == ["A1", "A2", "A3"]
    assert pf["days_past_due"].tolist() == [0, 35, 95]
    assert pf["month"].tolist() == ["2024-03"] * 3
    assert round(pf["balance"].sum() * 100) == 600000


def test_the_cli_loads_it_and_says_so_in_both_languages(tmp_path, capsys):
    from tests.cli.books import run_cli

    path = tmp_path / "three.xlsx"
    path.write_bytes(_xlsx(_cells(), HEADER_MERGES))
    code, payload, _ = run_cli(capsys, "inspect", str(path), "--json")
    assert code == 0
    assert payload["rows_accepted"] == 3 and round(payload["balance_total"] * 100) == 600000
    params = {"first": 1, "last": 3, "n": 3, "columns": "风险信息-逾期-天数"}
    assert "第 1–3 行（3 行表头）" in translate("ingest.note.stacked_header", "zh", **params)
    assert "rows 1–3 (a header over 3 rows)" in translate("ingest.note.stacked_header", "en", **params)


def test_the_top_level_is_kept_so_this_month_and_last_month_stay_apart():
    # 本月 and 上月 each over 逾期 (天数, 金额): dropping the top level would leave two 逾期-天数
    # columns; kept, the DPD is this month's and last month's is read as nothing
    merges = [(0, 0, 2, 0, "统计日期"), (0, 1, 2, 1, "客户编号"), (0, 2, 0, 3, "上月"), (1, 2, 1, 3, "逾期"),
              (0, 4, 0, 5, "本月"), (1, 4, 1, 5, "逾期"), (0, 6, 2, 6, "贷款余额")]
    cells: dict[tuple[int, int], object] = {(2, 2): "天数", (2, 3): "金额", (2, 4): "天数", (2, 5): "金额"}
    for r, (acc, dpd, overdue, bal) in enumerate(ACCOUNTS, start=3):
        cells.update({(r, 0): "2024-03-31", (r, 1): acc, (r, 2): max(dpd - 31, 0), (r, 3): overdue,
                      (r, 4): dpd, (r, 5): overdue, (r, 6): bal})
    res = load_portfolio(_xlsx(cells, merges), "months.xlsx")
    assert res.summary["mapping"]["days_past_due"] == "本月-逾期-天数"
    assert "上月-逾期-天数" not in res.summary["mapping"].values()
    assert res.portfolio.sort_values("account_id")["days_past_due"].tolist() == [0, 35, 95]
    assert round(res.portfolio["balance"].sum() * 100) == 600000


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_data_row_under_a_two_row_header_stays_data(fmt):
    # it looks like a third header row: the lower header row holds a range across columns (备注
    # over 处置 / 核实 under 其他), and the first data row under it is text there. The columns
    # named above hold values in it, so it is data, and the header is the two rows.
    merges = [(0, 0, 1, 0, "统计日期"), (0, 1, 1, 1, "客户编号"), (0, 2, 1, 2, "逾期天数"), (0, 3, 1, 3, "贷款余额"),
              (0, 4, 0, 5, "其他"), (1, 4, 1, 5, "备注")]
    cells: dict[tuple[int, int], object] = {}
    for r, (acc, dpd, _, bal) in enumerate(ACCOUNTS, start=2):
        cells.update({(r, 0): "2024-03-31", (r, 1): acc, (r, 2): dpd, (r, 3): bal, (r, 4): "展期", (r, 5): "人工核实"})
    raw = read_table(BOOKS[fmt](cells, merges), f"two.{fmt}")
    assert list(raw.frame.columns) == ["统计日期", "客户编号", "逾期天数", "贷款余额", "其他-备注", "其他"]
    assert raw.header_row == 1 and raw.source_rows.tolist() == [3, 4, 5]
    assert raw.frame["客户编号"].tolist() == ["A1", "A2", "A3"]  # the first one too
    assert ("ingest.note.two_row_header", {"first": 1, "second": 2, "columns": ("其他-备注",)}) in raw.notes
    assert not any(k == "ingest.note.header_rows_unjoined" for k, _ in raw.notes)
    res = load_portfolio(BOOKS[fmt](cells, merges), f"two.{fmt}")
    assert res.summary["rows_accepted"] == 3
    assert res.portfolio.sort_values("account_id")["days_past_due"].tolist() == [0, 35, 95]
    assert round(res.portfolio["balance"].sum() * 100) == 600000


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_header_deeper_than_four_rows_is_refused_naming_its_rows(fmt):
    # five levels, one past the cap: the refusal says which rows hold the header, not only that
    # no column gives days past due (天数 sits in row 5, read as data)
    merges = [(0, 0, 4, 0, "统计日期"), (0, 1, 4, 1, "客户编号"), (0, 2, 0, 4, "风险信息"), (1, 2, 1, 3, "逾期"),
              (2, 2, 2, 3, "按合同"), (3, 2, 3, 3, "本期"), (1, 4, 4, 4, "贷款余额")]
    cells: dict[tuple[int, int], object] = {(4, 2): "天数", (4, 3): "金额"}
    for r, (acc, dpd, overdue, bal) in enumerate(ACCOUNTS, start=5):
        cells.update({(r, 0): "2024-03-31", (r, 1): acc, (r, 2): dpd, (r, 3): overdue, (r, 4): bal})
    data = BOOKS[fmt](cells, merges)
    assert ("ingest.note.header_rows_unjoined", {"first": 1, "last": 5, "data": 3}) in read_table(data, f"five.{fmt}").notes
    with pytest.raises(IngestError) as err:
        load_portfolio(data, f"five.{fmt}")
    assert err.value.code == "ingest.error.header_rows_unjoined"
    raw = read_table(data, f"five.{fmt}")
    first = precheck(raw, suggest_mapping(raw))[0]  # the upload page's check says the same
    assert (first.key, first.raises) == ("precheck.header_rows_unjoined", err.value.code)
    assert "第 1–5 行" in first.message("zh") and "rows 1–5" in first.message("en")
    params = {"first": 1, "last": 5, "columns": "统计日期"}
    assert "第 1–5 行" in translate(err.value.code, "zh", **params)
    assert "rows 1–5" in translate(err.value.code, "en", **params)
    assert "--map days_past_due=" in command_line_hint(err.value, "en")


def test_a_one_row_header_merged_tall_says_nothing_of_header_rows():
    # every name merged over two rows and nothing under them: one header row drawn tall
    merges = [(0, c, 1, c, name) for c, name in enumerate(["统计日期", "客户编号", "逾期天数", "贷款余额"])]
    cells = {}
    for r, (acc, dpd, _, bal) in enumerate(ACCOUNTS, start=2):
        cells.update({(r, 0): "2024-03-31", (r, 1): acc, (r, 2): dpd, (r, 3): bal})
    res = load_portfolio(_xlsx(cells, merges), "tall.xlsx")
    assert res.summary["rows_accepted"] == 3 and round(res.portfolio["balance"].sum() * 100) == 600000
    assert not any(k == "ingest.note.header_rows_unjoined" for k, _ in res.summary["notes"])


# ---- the rule on cells alone -------------------------------------------------------------------

_ROWS = [{0: "客户编号", 1: "风险信息", 2: None, 3: None},
         {0: None, 1: "逾期", 2: None, 3: "贷款余额"},
         {0: None, 1: "天数", 2: "金额", 3: None}]
_MERGES = [(0, 0, 2, 0), (0, 1, 0, 3), (1, 1, 1, 2), (1, 3, 2, 3)]


def test_four_rows_are_read_and_a_fifth_is_past_the_cap():
    rows = [{0: "客户编号", 1: "风险信息", 2: None}, {0: None, 1: "逾期", 2: None},
            {0: None, 1: "本金", 2: None}, {0: None, 1: "天数", 2: "金额"}]
    merges = [(0, 0, 3, 0), (0, 1, 0, 2), (1, 1, 1, 2), (2, 1, 2, 2)]
    found = stacked_header(rows, merges, top_row=0)
    assert found.depth == 4 and found.names == {0: "客户编号", 1: "风险信息-逾期-本金-天数", 2: "风险信息-逾期-本金-金额"}
    assert MAX_HEADER_ROWS == 4
    assert stacked_header([*rows, {0: None, 1: "x", 2: "y"}], merges, top_row=0) is None
    # cut to four rows of a deeper header (客户编号 merged on into a fifth): not taken
    deeper = [(0, 0, 4, 0), *merges[1:]]
    assert stacked_header(rows, deeper, top_row=0) is None


def test_a_parent_unit_moves_to_the_end_through_every_level():
    rows = [{**_ROWS[0], 1: "风险信息（万元）"}, *_ROWS[1:]]
    assert stacked_header(rows, _MERGES, 0).names[2] == "风险信息-逾期-金额（万元）"


def test_a_parent_merged_over_two_rows_or_a_blank_top_row_still_stack():
    # 逾期 merged over two rows with 天数 / 金额 in the third; or nothing over 逾期 in the top row,
    # where 客户编号 and 贷款余额, merged down all three rows, say the header starts there
    rows = [{0: "客户编号", 1: "逾期", 2: None, 3: "贷款余额"}, {0: None, 1: None, 2: None, 3: None},
            {0: None, 1: "天数", 2: "金额", 3: None}]
    found = stacked_header(rows, [(0, 0, 2, 0), (0, 1, 1, 2), (0, 3, 2, 3)], top_row=0)
    assert found.depth == 3 and found.names == {0: "客户编号", 1: "逾期-天数", 2: "逾期-金额", 3: "贷款余额"}
    rows = [{0: "客户编号", 1: None, 2: None, 3: "贷款余额"}, {0: None, 1: "逾期", 2: None, 3: None},
            {0: None, 1: "天数", 2: "金额", 3: None}]
    found = stacked_header(rows, [(0, 0, 2, 0), (1, 1, 1, 2), (0, 3, 2, 3)], top_row=0)
    assert found.depth == 3 and found.names == {0: "客户编号", 1: "逾期-天数", 2: "逾期-金额", 3: "贷款余额"}


@pytest.mark.parametrize("rows, merges", [
    # a number where the lowest level's names sit: the third row is data
    ([*_ROWS[:2], {0: None, 1: "35", 2: "0", 3: None}], _MERGES),
    # a column named in the top row and again in the third: data under a shallower header
    ([*_ROWS[:2], {0: "A1", 1: "天数", 2: "金额", 3: None}], [(0, 1, 0, 3), (1, 1, 1, 2), (1, 3, 2, 3)]),
    # 逾期 straddles two sections: the levels do not nest, so no name joins them sensibly
    ([{0: "甲", 1: None, 2: "乙", 3: None}, {0: None, 1: "逾期", 2: None, 3: None}, {0: "a", 1: "b", 2: "c", 3: "d"}],
     [(0, 0, 0, 1), (0, 2, 0, 3), (1, 1, 1, 2)]),
    # nothing under the middle row's range: a wide label, not a third header row
    ([*_ROWS[:2], {}], _MERGES),
])
def test_rows_that_are_not_one_header_give_none(rows, merges):
    assert stacked_header(rows, merges, top_row=0) is None


def test_two_rows_are_the_two_row_rule():
    up, low = {0: "客户编号", 1: "逾期金额", 2: None, 3: "统计日期"}, {0: None, 1: "本金", 2: "利息", 3: None}
    merges = [(0, 1, 0, 2), (0, 3, 1, 3)]
    assert two_row_header(up, low, merges, 0) == stacked_header([up, low], merges, 0)
    assert stacked_header([up, low], merges, 0).depth == 2


@pytest.mark.parametrize("section", ["资产质量", "还款信息", "Loan details"])
def test_a_section_heading_over_the_columns_does_not_hide_their_names(section):
    """风险信息 happened to be read; 资产质量-逾期-天数 was guessed a status label (0.56, not applied)
    and 还款信息-贷款余额 nothing, so the same report under another section name was refused."""
    merges = [(m[0], m[1], m[2], m[3], section if m[4] == "风险信息" else m[4]) for m in HEADER_MERGES]
    res = load_portfolio(_xlsx(_cells(), merges), "section.xlsx")
    mapping = res.summary["mapping"]
    assert mapping["days_past_due"] == f"{section}-逾期-天数" and mapping["balance"] == f"{section}-贷款余额"
    assert res.summary["rows_accepted"] == 3 and round(res.portfolio["balance"].sum() * 100) == 600000
    # where the section is the context a bare name needs, it stays (逾期信息-天数 is the DPD)
    assert suggest_mapping(read_table("逾期信息-天数,客户编号,数据日期\n3,A,2024-03-31\n".encode(), "a.csv"))[
        "days_past_due"] == "逾期信息-天数"
