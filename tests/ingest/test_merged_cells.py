"""Workbooks with merged cells, built here with xlsxwriter (``merge_range``) and xlwt.

A bank report merges 统计日期 once down its column and 分行 once over each block of its
accounts; read as cells, only the top row of each block held the value. The merged ranges of the
table's body are filled with their top-left value, and the upload says which columns were.
"""
from __future__ import annotations

import io

import pytest
import xlsxwriter
import xlwt
from python_calamine import CalamineWorkbook

from analysis.core.i18n import translate
from analysis.ingest.merged import merge_refs
from analysis.ingest.portfolio import load_portfolio
from analysis.ingest.readers import read_table

HEADER = ["统计日期", "客户编号", "分行", "逾期天数", "贷款余额"]
#: (account, branch, dpd, balance): two branches, blocks of three and two accounts
ACCOUNTS = [("KH001", "北京分行", 0, 1200.50), ("KH002", "北京分行", 35, 880.25), ("KH003", "北京分行", 95, 45.10),
            ("KH004", "上海分行", 0, 3000.00), ("KH005", "上海分行", 12, 19.99)]
FILLED = ("ingest.note.merged_cells_filled", {"columns": ("统计日期", "分行")})


def _cents(values) -> int:
    return int(round(sum(values) * 100))


def _report(*, merged: bool = True, title: bool = True, first_col: int = 0, spacer: bool = False) -> bytes:
    """The report: a merged title, the header, the month merged down the column and each branch
    merged over its block (or every cell written, ``merged=False``). ``first_col``: columns left
    empty before the table; ``spacer``: an empty row inside the 北京 block."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("逾期明细")
    c0, top = first_col, 0
    if title:
        ws.merge_range(0, c0, 0, c0 + 4, "XX银行个贷逾期明细表")
        ws.write(1, c0, "单位：元")
        top = 3
    ws.write_row(top, c0, HEADER)
    rows = list(ACCOUNTS)
    r = top + 1
    placed = []
    for i, acc in enumerate(rows):
        if spacer and i == 2:
            r += 1  # a blank row, inside the merged 北京 block
        placed.append(r)
        ws.write_row(r, c0 + 1, [acc[0]])
        ws.write_number(r, c0 + 3, acc[2])
        ws.write_number(r, c0 + 4, acc[3])
        r += 1
    if merged:
        ws.merge_range(placed[0], c0, placed[-1], c0, "2024-03")
        ws.merge_range(placed[0], c0 + 2, placed[2], c0 + 2, "北京分行")
        ws.merge_range(placed[3], c0 + 2, placed[4], c0 + 2, "上海分行")
    else:
        for row, acc in zip(placed, rows):
            ws.write(row, c0, "2024-03")
            ws.write(row, c0 + 2, acc[1])
    wb.close()
    return buf.getvalue()


def _legacy_report() -> bytes:
    """The same report as a legacy .xls (BIFF8), merged with xlwt's ``write_merge``."""
    wb = xlwt.Workbook()
    ws = wb.add_sheet("逾期明细")
    ws.write_merge(0, 0, 0, 4, "XX银行个贷逾期明细表")
    for j, h in enumerate(HEADER):
        ws.write(2, j, h)
    for i, (acc, _, dpd, bal) in enumerate(ACCOUNTS):
        ws.write(3 + i, 1, acc)
        ws.write(3 + i, 3, dpd)
        ws.write(3 + i, 4, bal)
    ws.write_merge(3, 7, 0, 0, "2024-03")
    ws.write_merge(3, 5, 2, 2, "北京分行")
    ws.write_merge(6, 7, 2, 2, "上海分行")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _check_portfolio(res) -> None:
    """Every account, in March, in its own branch, to the cent."""
    pf = res.portfolio.sort_values("account_id")
    assert res.summary["rows_rejected"] == 0
    assert pf["account_id"].tolist() == [a[0] for a in ACCOUNTS]
    assert pf["month"].tolist() == ["2024-03"] * 5
    assert pf["branch"].tolist() == [a[1] for a in ACCOUNTS]
    assert pf["days_past_due"].tolist() == [a[2] for a in ACCOUNTS]
    assert _cents(pf["balance"]) == _cents(a[3] for a in ACCOUNTS) == 514584
    by_branch = {b: _cents(g["balance"]) for b, g in pf.groupby("branch")}
    assert by_branch == {"北京分行": 212585, "上海分行": 301999}


def test_merged_month_and_branch_blocks_are_carried_to_every_row():
    res = load_portfolio(_report(), "report.xlsx")
    _check_portfolio(res)
    assert FILLED in res.summary["notes"]
    assert res.portfolio["source_row"].tolist() == [5, 6, 7, 8, 9]  # as Excel numbers them


def test_a_legacy_xls_is_filled_too():
    res = load_portfolio(_legacy_report(), "report.xls")
    _check_portfolio(res)
    assert FILLED in res.summary["notes"]


def test_the_merged_report_reads_as_the_same_table_written_flat():
    merged, flat = read_table(_report(), "m.xlsx"), read_table(_report(merged=False), "f.xlsx")
    assert merged.frame.equals(flat.frame)
    assert merged.source_rows.tolist() == flat.source_rows.tolist()
    # the flat file is read as before: no merged range, no note (the title note both have)
    assert [n for n in merged.notes if n != FILLED] == list(flat.notes)
    assert not any(k == FILLED[0] for k, _ in flat.notes)


def test_columns_are_matched_by_sheet_column_when_the_table_starts_further_right():
    # two empty columns before the table and a blank row inside a block: the ranges are placed
    # by sheet row and column, not by the frame's positions
    res = load_portfolio(_report(first_col=2, spacer=True), "shifted.xlsx")
    _check_portfolio(res)
    assert res.portfolio["source_row"].tolist() == [5, 6, 8, 9, 10]  # the blank row 7 is not a row


def test_without_a_title_the_body_is_filled_from_the_first_row():
    res = load_portfolio(_report(title=False), "plain.xlsx")
    _check_portfolio(res)
    assert res.portfolio["source_row"].tolist() == [2, 3, 4, 5, 6]


def test_the_note_names_the_columns_in_both_languages():
    key, params = FILLED
    zh, en = translate(key, "zh", **params), translate(key, "en", **params)
    assert "统计日期、分行" in zh and "合并单元格" in zh
    assert "统计日期, 分行" in en and "merged" in en


def test_a_merged_label_across_one_row_is_not_spread_over_columns():
    # "合计" merged over the first three columns of the total row: a label, left as read (the
    # row is rejected as a total row), while the month merged down is filled
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet()
    ws.write_row(0, 0, HEADER)
    for i, (acc, br, dpd, bal) in enumerate(ACCOUNTS[:3]):
        ws.write_row(1 + i, 1, [acc, br, dpd, bal])
    ws.merge_range(1, 0, 3, 0, "2024-03")
    ws.merge_range(4, 0, 4, 2, "合计")
    ws.write_number(4, 4, 2125.85)
    wb.close()
    raw = read_table(buf.getvalue(), "total.xlsx")
    assert raw.frame["统计日期"].tolist() == ["2024-03", "2024-03", "2024-03", "合计"]
    assert raw.frame["客户编号"].tolist()[-1] is None or raw.frame["客户编号"].isna().iloc[-1]
    assert ("ingest.note.merged_cells_filled", {"columns": ("统计日期",)}) in raw.notes
    res = load_portfolio(buf.getvalue(), "total.xlsx")
    assert res.summary["rows_accepted"] == 3 and res.portfolio["month"].tolist() == ["2024-03"] * 3


def test_ranges_read_from_the_sheet_xml_are_calamines():
    data = _report(first_col=1, spacer=True)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("逾期明细")
    expected = sorted((a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges)
    import zipfile
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert sorted(merge_refs(xml)) == expected
    assert len(expected) == 4


@pytest.mark.parametrize("lang, word", [("zh", "合并单元格"), ("en", "merged cells")])
def test_inspect_says_which_columns_were_filled(tmp_path, capsys, lang, word):
    from tests.cli.books import run_cli

    path = tmp_path / "report.xlsx"
    path.write_bytes(_report())
    code, payload, _ = run_cli(capsys, "inspect", str(path), "--json", "--lang", lang)
    assert code == 0
    assert payload["rows_accepted"] == 5 and payload["rows_rejected"] == 0
    assert round(payload["balance_total"] * 100) == 514584
    listed = "统计日期、分行" if lang == "zh" else "统计日期, 分行"  # the list as the sentence's language writes one
    assert any(word in n and listed in n for n in payload["notes"])


# ---- headers over two rows ---------------------------------------------------------------------

#: (account, dpd, balance, overdue principal, overdue interest)
LOANS = [("KH101", 0, 5000.00, 0.0, 0.0), ("KH102", 40, 2750.75, 300.10, 12.34), ("KH103", 100, 999.99, 999.99, 88.01)]


def _two_row_book(*, bottom_aligned: bool = False, title: bool = True, sub: tuple[str, str] = ("本金", "利息"),
                  parent: str = "逾期金额", dpd_parent: bool = False) -> bytes:
    """统计日期 | 客户编号 | 逾期金额 (本金, 利息) | 逾期天数 | 贷款余额, the month merged down the body.

    The other columns' names are merged down both header rows, or (``bottom_aligned``) written
    in the lower row with nothing above. ``dpd_parent``: 逾期天数 over 本金 and 利息 instead of
    one DPD column."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("明细")
    top = 0
    if title:
        ws.merge_range(0, 0, 0, 5, "XX银行逾期贷款明细表")
        top = 2
    up, low = top, top + 1
    single = {0: "统计日期", 1: "客户编号", 4: "逾期天数", 5: "贷款余额"}
    if dpd_parent:
        single[4] = "逾期金额"
    for c, text in single.items():
        if bottom_aligned:
            ws.write(low, c, text)
        else:
            ws.merge_range(up, c, low, c, text)
    ws.merge_range(up, 2, up, 3, "逾期天数" if dpd_parent else parent)
    ws.write_row(low, 2, list(sub))
    first = low + 1
    for i, (acc, dpd, bal, prin, intr) in enumerate(LOANS):
        if dpd_parent:
            ws.write_row(first + i, 1, [acc, dpd, dpd + 3, prin + intr, bal])
        else:
            ws.write_row(first + i, 1, [acc, prin, intr, dpd, bal])
    ws.merge_range(first, 0, first + len(LOANS) - 1, 0, "2024-06")
    wb.close()
    return buf.getvalue()


def _check_loans(res) -> None:
    pf = res.portfolio.sort_values("account_id")
    assert res.summary["rows_rejected"] == 0
    assert pf["account_id"].tolist() == [a[0] for a in LOANS]
    assert pf["month"].tolist() == ["2024-06"] * 3
    assert pf["days_past_due"].tolist() == [a[1] for a in LOANS]
    assert _cents(pf["balance"]) == _cents(a[2] for a in LOANS) == 875074


def test_a_merged_parent_over_two_sub_columns_names_each_of_them():
    raw = read_table(_two_row_book(), "two.xlsx")
    assert list(raw.frame.columns) == ["统计日期", "客户编号", "逾期金额-本金", "逾期金额-利息", "逾期天数", "贷款余额"]
    assert raw.header_row == 3 and raw.source_rows.tolist() == [5, 6, 7]  # data under the second header row
    assert raw.titles == ("XX银行逾期贷款明细表",)
    assert raw.header_groups == (("逾期金额-本金", "逾期金额-利息"),)
    assert ("ingest.note.two_row_header", {"first": 3, "second": 4, "columns": ("逾期金额-本金", "逾期金额-利息")}) in raw.notes
    res = load_portfolio(_two_row_book(), "two.xlsx")
    _check_loans(res)
    # the overdue amount is the principal column only: 利息 names no field, so it is not taken too
    assert res.summary["mapping"]["overdue_amount"] == "逾期金额-本金"
    assert "逾期金额-利息" not in res.summary["mapping"].values()
    assert _cents(res.portfolio["overdue_amount"]) == _cents(a[3] for a in LOANS) == 130009
    assert ("ingest.note.merged_cells_filled", {"columns": ("统计日期",)}) in res.summary["notes"]


def test_names_written_in_the_lower_row_are_read_with_the_parent_above():
    # only the parent sits in the upper row; the lower row names most columns, so it is the row
    # found as the header and the parent is looked for above it
    raw = read_table(_two_row_book(bottom_aligned=True), "low.xlsx")
    assert list(raw.frame.columns) == ["统计日期", "客户编号", "逾期金额-本金", "逾期金额-利息", "逾期天数", "贷款余额"]
    assert raw.header_row == 3 and raw.source_rows.tolist() == [5, 6, 7]
    _check_loans(load_portfolio(_two_row_book(bottom_aligned=True), "low.xlsx"))


def test_a_two_row_header_without_a_title_starts_on_row_one():
    raw = read_table(_two_row_book(title=False), "notitle.xlsx")
    assert raw.header_row == 1 and raw.source_rows.tolist() == [3, 4, 5]
    assert not any(k == "ingest.note.title_rows_skipped" for k, _ in raw.notes)
    _check_loans(load_portfolio(_two_row_book(title=False), "notitle.xlsx"))


def test_two_sub_columns_equally_one_field_are_offered_not_applied():
    # 逾期天数 over 本金 and 利息: both read as the DPD; the book's DPD is the user's choice
    from analysis.ingest.recognise import CONFIDENT, recognise_columns, suggest_mapping

    data = _two_row_book(dpd_parent=True)
    raw = read_table(data, "dpd.xlsx")
    assert raw.header_groups == (("逾期天数-本金", "逾期天数-利息"),)
    dpd = [s for s in recognise_columns(raw) if s.field == "days_past_due"]
    assert len(dpd) == 1 and dpd[0].confidence < CONFIDENT  # offered with one click, not applied
    assert "days_past_due" not in suggest_mapping(raw)
    res = load_portfolio(data, "dpd.xlsx", mapping={"days_past_due": "逾期天数-本金"})
    assert res.portfolio.sort_values("account_id")["days_past_due"].tolist() == [0, 40, 100]
    assert _cents(res.portfolio["balance"]) == 875074


def test_the_cli_says_which_sub_columns_wait_for_a_choice(tmp_path, capsys):
    from tests.cli.books import run_cli

    path = tmp_path / "dpd.xlsx"
    path.write_bytes(_two_row_book(dpd_parent=True))
    code, payload, _ = run_cli(capsys, "inspect", str(path), "--json", "--map", "days_past_due=逾期天数-利息")
    assert code == 0
    assert payload["rows_accepted"] == 3 and round(payload["balance_total"] * 100) == 875074
    assert not any("--map" in n for n in payload["notes"])  # chosen: nothing left to say
    code, _, err = run_cli(capsys, "inspect", str(path), "--json")
    assert code != 0 and "逾期天数-本金, 逾期天数-利息" in err  # an English sentence's list


def test_a_text_like_first_data_row_is_not_swallowed_as_a_header():
    # a header with one cell merged across two columns (备注), then a first row of text only:
    # the columns outside the merge are named in both rows, so the lower row is data. The branch
    # merged over the block is still filled.
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["客户编号", "客户名称", "分行", "五级分类", "统计日期", "贷款余额"])
    ws.merge_range(0, 6, 0, 7, "备注")
    ws.write_row(1, 0, ["KH201", "张三", None, "正常", "2024-06", "一千二百元", "展期", "人工核实"])
    ws.write_row(2, 0, ["KH202", "李四", None, "关注", "2024-06", "800.5", "无", "无"])
    ws.merge_range(1, 2, 2, 2, "杭州分行")
    wb.close()
    raw = read_table(buf.getvalue(), "text.xlsx")
    assert list(raw.frame.columns)[:6] == ["客户编号", "客户名称", "分行", "五级分类", "统计日期", "贷款余额"]
    assert raw.header_row == 1 and raw.source_rows.tolist() == [2, 3]
    assert raw.frame["客户编号"].tolist() == ["KH201", "KH202"]
    assert raw.frame["分行"].tolist() == ["杭州分行", "杭州分行"]
    assert not any(k == "ingest.note.two_row_header" for k, _ in raw.notes)


@pytest.mark.parametrize("title_from", [0, 1])
def test_a_title_merged_right_above_the_header_is_not_a_parent(title_from):
    # no empty row between the merged title and the header: the title stays a title, whether it
    # starts over the first column or over most columns after a 序号 column
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet()
    ws.merge_range(0, title_from, 0, 4, "XX银行 2024年6月逾期明细")
    ws.write_row(1, 0, ["序号", "统计日期", "客户编号", "逾期天数", "贷款余额", "备注"])
    ws.write_row(2, 0, [1, None, "KH301", 5, 10.01, "无"])
    ws.write_row(3, 0, [2, None, "KH302", 0, 20.02, "无"])
    ws.merge_range(2, 1, 3, 1, "2024-06")
    wb.close()
    raw = read_table(buf.getvalue(), "title.xlsx")
    assert list(raw.frame.columns) == ["序号", "统计日期", "客户编号", "逾期天数", "贷款余额", "备注"]
    assert raw.titles == ("XX银行 2024年6月逾期明细",) and raw.header_row == 2
    assert not any(k == "ingest.note.two_row_header" for k, _ in raw.notes)
    res = load_portfolio(buf.getvalue(), "title.xlsx")
    assert res.portfolio["month"].tolist() == ["2024-06"] * 2 and _cents(res.portfolio["balance"]) == 3003


def test_an_optional_field_left_to_the_user_is_said_in_a_note():
    # 逾期金额 over 本金 and 合计: both are an overdue amount; the file loads without one, and
    # the note says which columns wait for a choice (both languages)
    data = _two_row_book(sub=("本金", "合计"))
    res = load_portfolio(data, "amount.xlsx")
    _check_loans(res)
    assert "overdue_amount" not in res.summary["mapping"]
    note = ("ingest.note.sub_columns_contested", {"field": "overdue_amount", "columns": ("逾期金额-本金", "逾期金额-合计")})
    assert note in res.summary["notes"]
    assert "逾期金额-本金、逾期金额-合计" in translate(note[0], "zh", **note[1])
    assert "--map overdue_amount=" in translate(note[0], "en", **note[1])
    chosen = load_portfolio(data, "amount.xlsx", mapping={"overdue_amount": "逾期金额-合计"})
    assert _cents(chosen.portfolio["overdue_amount"]) == _cents(a[4] for a in LOANS)
    assert not any(k == note[0] for k, _ in chosen.summary["notes"])


def test_convert_carries_the_notes_into_its_report(tmp_path, capsys):
    from tests.cli.books import run_cli

    path = tmp_path / "amount.xlsx"
    path.write_bytes(_two_row_book(sub=("本金", "合计")))
    code, payload, _ = run_cli(capsys, "convert", str(path), "--out", str(tmp_path / "book"), "--json", "--quiet",
                               "--lang", "en")
    assert code == 0
    assert payload["rows_accepted"] == 3 and round(payload["balance_total"] * 100) == 875074
    notes = payload["notes"]
    assert any("rows 3–4" in n and "逾期金额-本金, 逾期金额-合计" in n for n in notes)
    assert any("merged cells (统计日期)" in n for n in notes)
    assert any("--map overdue_amount=" in n for n in notes)


def test_an_amount_merged_over_rows_is_counted_once_not_per_row():
    # 客户贷款余额 merged once over each customer's loans, as bank reports print it: the sum stays
    # the sheet's (copied to every loan it would count three times)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("明细")
    ws.write_row(0, 0, ["统计日期", "客户编号", "借据号", "逾期天数", "客户贷款余额"])
    loans = [("C1", "J1", 0), ("C1", "J2", 40), ("C1", "J3", 0), ("C2", "J4", 0)]
    for r, (cust, loan, dpd) in enumerate(loans, start=1):
        ws.write_row(r, 1, [cust, loan])
        ws.write_number(r, 3, dpd)
    ws.merge_range(1, 0, 4, 0, "2024-03")
    ws.merge_range(1, 4, 3, 4, 1_000_000.0)
    ws.write_number(4, 4, 250_000.0)
    wb.close()
    res = load_portfolio(buf.getvalue(), "c.xlsx", mapping={"account_id": "借据号"})
    book = res.portfolio.set_index("account_id")
    assert book["balance"].to_dict() == {"J1": 1_000_000.0, "J2": 0.0, "J3": 0.0, "J4": 250_000.0}
    assert set(book["month"]) == {"2024-03"}
    notes = dict(res.summary["notes"])
    assert notes["ingest.note.merged_amounts_once"] == {"columns": ("客户贷款余额",)}
    assert "客户贷款余额" not in notes["ingest.note.merged_cells_filled"]["columns"]


def test_a_unit_in_a_merged_parent_or_in_a_units_row_is_read():
    # 金额（万元） merged over 贷款余额 / 逾期金额; and a units row （天） （万元） under a one-row header
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("明细")
    ws.merge_range(0, 0, 1, 0, "统计日期")
    ws.merge_range(0, 1, 1, 1, "借据号")
    ws.merge_range(0, 2, 1, 2, "逾期天数")
    ws.merge_range(0, 3, 0, 4, "金额（万元）")
    ws.write_row(1, 3, ["贷款余额", "逾期金额"])
    ws.write_row(2, 0, ["2024-03-31", "J1", 35, 12.5, 1.5])
    ws.write_row(3, 0, ["2024-03-31", "J2", 0, 30.0, 0])
    wb.close()
    res = load_portfolio(buf.getvalue(), "p.xlsx", detect_unit=True)  # as the upload page and the CLI do
    assert res.portfolio["balance"].sum() == 425_000.0 and res.portfolio["overdue_amount"].sum() == 15_000.0
    units_row = "统计日期,借据号,逾期天数,贷款余额\n,,（天）,（万元）\n2024-03-31,J1,35,12.5\n2024-03-31,J2,0,30\n"
    res = load_portfolio(units_row.encode(), "u.csv", detect_unit=True)
    assert res.summary["rows_read"] == 2 and res.portfolio["balance"].sum() == 425_000.0
    assert dict(res.summary["notes"])["ingest.note.units_row"]["row"] == 2


def test_an_amount_read_from_one_sub_column_says_its_siblings_were_not_counted():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("明细")
    for col, name in enumerate(["统计月份", "客户编号", "逾期天数", "贷款余额"]):
        ws.merge_range(0, col, 1, col, name)
    ws.merge_range(0, 4, 0, 5, "逾期金额")
    ws.write_row(1, 4, ["本金", "利息"])
    ws.write_row(2, 0, ["2024-02", "A", 35, 10000, 2100, 105])
    wb.close()
    res = load_portfolio(buf.getvalue(), "s.xlsx")
    assert res.summary["mapping"]["overdue_amount"] == "逾期金额-本金"
    note = dict(res.summary["notes"])["ingest.note.sub_column_alone"]
    assert note == {"column": "逾期金额-本金", "others": ("逾期金额-利息",), "field": "overdue_amount"}
    # prose names the field; only the command line's hint keeps its code
    text = translate("ingest.note.sub_column_alone", "zh", **note)
    assert "作为逾期金额读入" in text and text.count("overdue_amount") == 1
