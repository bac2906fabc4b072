"""How real exports write what ingest must read exactly (found by loading generated bank exports):

- an amount column whose header names its own unit (``授信额度（元）`` beside ``贷款余额（万元）``, or
  under a title ``单位：万元``) is read in that unit, not multiplied by 10,000;
- monthly files whose title rows say ``单位：万元`` are read in 万元 together, and files whose
  titles name different units are refused (one unit reads the set);
- account ids written the way exports keep leading zeros (``="00123"``, ``'00123``) or as a
  float (``1001.0``) are the id inside, so an account stays one account across months;
- months typed as numbers in Excel (``2024.01`` … ``2024.12``, whose ``2024.10`` is 2024.1).
"""
from __future__ import annotations

import io

import openpyxl
import pytest

from analysis.ingest.errors import IngestError
from analysis.ingest.multi import build_combined, combine, date_header_of, describe_files, read_files, set_problems
from analysis.ingest.portfolio import IngestOptions, load_portfolio, mapping_from_json, mapping_to_json, resolve_mapping
from tests.cli.books import run_cli


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def _workbook(rows: list[list], titles: list[str] = ()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for title in titles:
        ws.append([title])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_column_naming_its_own_unit_is_read_in_it():
    data = _csv("借据号,统计月份,逾期天数,贷款余额(万元),授信额度(元)\nA,2024-01,0,18.25,300000\nB,2024-01,40,2.5,50000\n")
    res = load_portfolio(data, "a.csv", detect_unit=True)
    assert res.portfolio["balance"].tolist() == [182500.0, 25000.0]
    assert res.portfolio["credit_limit"].tolist() == [300000.0, 50000.0]  # was 3,000,000,000
    assert ("ingest.note.column_unit.yuan", {"column": "授信额度(元)"}) in res.summary["notes"]
    # a unit given by hand reads every column (the way to override a header that is wrong)
    forced = load_portfolio(data, "a.csv", options=IngestOptions(amount_unit="wan"))
    assert forced.portfolio["credit_limit"].tolist() == [3e9, 5e8]


def test_a_title_unit_reads_the_columns_that_name_none():
    rows = [["借据号", "统计月份", "逾期天数", "贷款余额", "授信额度（元）"],
            ["A", "2024-01", 0, 18.25, 300000], ["B", "2024-01", 40, 2.5, 50000]]
    res = load_portfolio(_workbook(rows, ["XX银行贷款明细", "单位：万元"]), "t.xlsx", detect_unit=True)
    assert res.portfolio["balance"].tolist() == [182500.0, 25000.0]  # was read as 元 (18.25)
    assert res.portfolio["credit_limit"].tolist() == [300000.0, 50000.0]


def test_column_units_survive_a_saved_mapping():
    raw_options = IngestOptions(amount_unit="wan", column_units={"credit_limit": "yuan"})
    mapping, options = mapping_from_json(mapping_to_json({"balance": "余额"}, raw_options))
    assert options.column_units == {"credit_limit": "yuan"} and options.unit_of("credit_limit") == "yuan"
    assert options.unit_of("balance") == "wan"
    with pytest.raises(IngestError):
        load_portfolio(_csv("id,month,dpd,balance\nA,2024-01,0,1\n"), "a.csv",
                       options=IngestOptions(column_units={"balance": "lakh"}))


def _monthly(month: str, unit_title: str | None) -> bytes:
    rows = [["客户编号", "数据日期", "逾期天数", "贷款余额"], ["K1", f"{month}-28", 0, 12.5], ["K2", f"{month}-28", 35, 3.25]]
    return _workbook(rows, ["逾期明细表"] + ([unit_title] if unit_title else []))


def test_monthly_files_read_the_unit_their_titles_name():
    raws = read_files([(_monthly("2024-01", "单位：万元"), "jan.xlsx"), (_monthly("2024-02", "单位：万元"), "feb.xlsx")])
    multi = combine(raws, describe_files(raws, date_header_of(raws)), date_header_of(raws))
    raw, mapping, options = resolve_mapping(multi.raw, None, None, detect_unit=True)
    assert options.amount_unit == "wan"
    from dataclasses import replace
    res = build_combined(replace(multi, raw=raw), mapping, options)
    assert res.portfolio["balance"].sum() == pytest.approx(2 * (12.5 + 3.25) * 10_000)


def test_monthly_files_naming_different_units_are_refused():
    raws = read_files([(_monthly("2024-01", "单位：万元"), "jan.xlsx"), (_monthly("2024-02", "单位：元"), "feb.xlsx")])
    multi = combine(raws, describe_files(raws, date_header_of(raws)), date_header_of(raws))
    problems = set_problems(multi, {"account_id": "客户编号", "balance": "贷款余额"})
    assert [p.key for p in problems] == ["multi.precheck.units_differ"]
    assert problems[0].params["files"] == ("jan.xlsx (万元)", "feb.xlsx (元)")
    with pytest.raises(IngestError) as err:
        build_combined(multi, {"account_id": "客户编号", "snapshot_date": "数据日期", "days_past_due": "逾期天数",
                               "balance": "贷款余额"})
    assert err.value.code == "multi.error.units_differ"
    assert "1 万倍" in err.value.message("zh") and "jan.xlsx (万元)、feb.xlsx (元)" in err.value.message("zh")
    assert "jan.xlsx (万元), feb.xlsx (元)" in err.value.message("en")  # a list in the reader's language


@pytest.mark.parametrize("wrapped", ['"=""{id}"""', "'{id}", "{id}.0"])
def test_wrapped_account_ids_are_one_account_across_months(tmp_path, capsys, wrapped):
    paths = []
    for month, form in (("2024-01", wrapped), ("2024-02", "{id}")):
        lines = ["账号,数据日期,逾期天数,贷款余额"]
        lines += [f"{form.format(id=f'{9000 + i}')},{month}-28,{(0, 40)[i % 2]},{100 + i}.50" for i in range(6)]
        path = tmp_path / f"{month}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(path))
    code, payload, _ = run_cli(capsys, "inspect", *paths, "--json", "--lang", "zh")
    assert code == 0 and payload["accounts"] == 6 and payload["rows_accepted"] == 12
    assert any("前导零" in n for n in payload["notes"])
    code, rolls, _ = run_cli(capsys, "rollrates", *paths, "--json")
    assert code == 0
    exit_share = [row[-1] for row in rolls["rates"]]
    assert all(x in (None, 0.0) for x in exit_share), exit_share  # nobody "exits" because of the id's form


def test_months_typed_as_numbers_in_excel_are_months():
    rows = [["借据号", "统计月份", "逾期天数", "贷款余额"]]
    months = [2024.01, 2024.02, 2024.09, 2024.1, 2024.11, 2024.12]  # 2024.1 is October: Excel dropped the 0
    rows += [[f"L{i}", m, 0, 100.0] for m in months for i in range(3)]
    res = load_portfolio(_workbook(rows), "m.xlsx")
    assert sorted(set(res.portfolio["month"])) == ["2024-01", "2024-02", "2024-09", "2024-10", "2024-11", "2024-12"]
    assert res.summary["rows_rejected"] == 0


def test_a_dpd_column_filled_only_for_overdue_loans_reads_blanks_as_current():
    rows = "".join(f"K{i},2024-03-31,{'' if i % 4 else 35 + i},{1000 + i}\n" for i in range(12))
    res = load_portfolio(_csv("借据号,统计日期,逾期天数,贷款余额\n" + rows), "a.csv")
    assert res.summary["rows_rejected"] == 0
    assert (res.portfolio["days_past_due"] == 0).sum() == 9
    assert any(k == "ingest.note.dpd_blank_current" and p["n"] == 9 for k, p in res.summary["notes"])
    # a column that writes 0 for current loans: its blanks are missing values, rejected as before
    zeros = rows.replace(",2024-03-31,,", ",2024-03-31,0,") + "K99,2024-03-31,,5\n"
    res = load_portfolio(_csv("借据号,统计日期,逾期天数,贷款余额\n" + zeros), "b.csv")
    assert res.rejected["reason"].tolist() == ["ingest.reject.missing_dpd"]


def test_words_for_not_overdue_are_zero_days():
    text = "借据号,统计日期,逾期天数,贷款余额\nA,2024-03-31,正常,10\nB,2024-03-31,未逾期,20\nC,2024-03-31,45,30\n"
    res = load_portfolio(_csv(text), "w.csv")
    assert res.portfolio["days_past_due"].tolist() == [0, 0, 45] and res.summary["rows_rejected"] == 0
    assert any(k == "ingest.note.dpd_words_current" for k, _ in res.summary["notes"])
    aging = "客户编号,统计日期,账龄,应收余额\nA,2024-06-30,未到期,10\nB,2024-06-30,1-30天,20\nC,2024-06-30,信用期内,5\n"
    res = load_portfolio(_csv(aging), "ar.csv", mapping={"status_label": "账龄"})
    assert res.summary["rows_rejected"] == 0 and sorted(res.portfolio["days_past_due"]) == [0, 0, 15]


def test_subtotals_notes_and_dashes_get_their_own_reading():
    text = ("分行,借据号,统计日期,逾期天数,贷款余额\n杭州分行,A,2024-03-31,0,100\n杭州分行,B,2024-03-31,0, - \n"
            "杭州分行小计,,,,100\n本页合计,,,,100\n注：余额单位为元,,,,\n制表人：张三,,,,\n")
    res = load_portfolio(_csv(text), "s.csv")
    reasons = dict(zip(res.rejected["row"], res.rejected["reason"]))
    assert reasons == {4: "ingest.reject.total_row", 5: "ingest.reject.total_row", 6: "ingest.reject.note_row",
                       7: "ingest.reject.note_row"}
    assert res.portfolio["balance"].tolist() == [100.0, 0.0]  # the accountant's dash is a zero balance
    assert any(k == "ingest.note.dash_zero" for k, _ in res.summary["notes"])
    assert res.rejected_report("zh")["reason"].str.contains("说明行").sum() == 2


@pytest.mark.parametrize("dash", ["-", "--", "—", "–", "——", " – "])
def test_every_accountants_dash_reads_the_same_in_every_amount_column(dash):
    # The en dash (what autocorrect makes of "-") was "not an amount": both rows below were
    # rejected, while "-" and "—" read as a zero balance and an empty overdue amount.
    text = f"客户编号,统计日期,逾期天数,贷款余额,逾期金额\nA1,2024-01-31,0,100,{dash}\nA2,2024-01-31,0,{dash},0\n"
    res = load_portfolio(_csv(text), "d.csv")
    assert res.summary["rows_rejected"] == 0
    assert res.portfolio["balance"].tolist() == [100.0, 0.0]
    assert res.portfolio["overdue_amount"].isna().tolist() == [True, False]


def test_inspect_totals_are_to_the_cent(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("借据号,统计日期,逾期天数,贷款余额\nA,2024-03-31,0,0.1\nB,2024-03-31,0,0.2\n", encoding="utf-8")
    code, payload, _ = run_cli(capsys, "inspect", str(path), "--json")
    assert code == 0 and payload["balance_total"] == 0.3  # not 0.30000000000000004


def test_one_file_takes_its_month_from_its_title_or_its_name():
    rows = [["客户编号", "逾期天数", "贷款余额"], ["K1", 0, 100.0], ["K2", 35, 50.0]]
    titled = load_portfolio(_workbook(rows, ["XX银行逾期明细表", "统计日期：2024-03-31"]), "明细.xlsx")
    assert titled.portfolio["month"].unique().tolist() == ["2024-03"]
    assert ("ingest.note.month_from_title", {"month": "2024-03"}) in titled.summary["notes"]
    named = load_portfolio(_workbook(rows), "逾期明细表 2024年1月.xlsx")
    assert named.portfolio["month"].unique().tolist() == ["2024-01"]
    assert ("ingest.note.month_from_file_name", {"month": "2024-01"}) in named.summary["notes"]
    given = load_portfolio(_workbook(rows), "逾期明细表 2024年1月.xlsx", options=IngestOptions(snapshot_month="2024-02"))
    assert given.portfolio["month"].unique().tolist() == ["2024-02"]  # a month given wins
    with pytest.raises(IngestError):
        load_portfolio(_workbook(rows), "明细.xlsx")  # nothing says the month: asked for, as before


def test_the_detail_sheet_is_read_behind_a_cover_or_a_summary():
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "汇总"
    for row in (["机构", "账龄", "户数", "贷款余额"], ["杭州分行", "正常", 2, 150.0], ["宁波分行", "M1", 1, 50.0]):
        summary.append(row)
    detail = wb.create_sheet("明细")
    for row in (["借据号", "数据日期", "逾期天数", "贷款余额"], ["A", "2024-01-31", 0, 100.0],
                ["B", "2024-01-31", 0, 50.0], ["C", "2024-01-31", 20, 50.0]):
        detail.append(row)
    out = io.BytesIO()
    wb.save(out)
    res = load_portfolio(out.getvalue(), "book.xlsx")
    assert res.summary["rows_accepted"] == 3 and res.portfolio["balance"].sum() == 200.0
    assert any(k == "ingest.note.sheet_chosen" and p["sheet"] == "明细" for k, p in res.summary["notes"])


def test_headers_are_compared_with_the_first_file_given_and_it_is_named():
    feb = _csv("客户编号,数据日期,逾期天数,贷款余额\nK1,2024-02-29,0,1\n")
    jan = _csv("客户编号,数据日期,逾期天数,贷款余额,产品\nK1,2024-01-31,0,1,x\n")
    raws = read_files([(feb, "feb.csv"), (jan, "jan.csv")])  # the later month given first
    multi = combine(raws, describe_files(raws, date_header_of(raws)), date_header_of(raws))
    differ = [p for k, p in multi.raw.notes if k == "multi.note.headers_differ"]
    assert [(p["name"], p["first"]) for p in differ] == [("jan.csv", "feb.csv")]  # not "jan.csv" against itself


def test_summary_rows_named_huizong_are_total_rows():
    text = ("借据号,统计日期,逾期天数,贷款余额\nA,2024-01-31,0,100\nB,2024-01-31,0,50\n"
            "杭州分行汇总,2024-01-31,0,150\n全行汇总,2024-01-31,0,150\n汇总,,,150\n")
    res = load_portfolio(_csv(text), "h.csv")
    assert res.summary["rows_accepted"] == 2 and res.portfolio["balance"].sum() == 150.0
    assert set(res.rejected["reason"]) == {"ingest.reject.total_row"}


def test_ids_in_scientific_notation_are_refused_with_what_to_do():
    text = "卡号,统计日期,逾期天数,贷款余额\n" + "".join(f"6.22588E+15,2024-01-31,0,{i}\n" for i in range(1, 6))
    with pytest.raises(IngestError) as err:
        load_portfolio(_csv(text), "card.csv")
    assert "科学计数法" in err.value.message("zh") and "6.22588E+15" in err.value.message("en")


def test_many_repeats_say_the_id_may_not_be_a_loans():
    text = "账号,统计日期,逾期天数,贷款余额\n" + "".join(f"KH{i // 2},2024-01-31,0,{i}\n" for i in range(60))
    res = load_portfolio(_csv(text), "c.csv")
    assert any(k == "ingest.note.many_duplicates" and p["n"] == 30 for k, p in res.summary["notes"])


def test_of_two_id_columns_the_finer_one_is_the_account():
    text = "账号,贷款编号,数据日期,逾期天数,贷款余额\n" + "".join(
        f"KH{i // 2},LN{i:04d},2024-01-31,0,{100 + i}\n" for i in range(10))
    res = load_portfolio(_csv(text), "two.csv")
    assert res.summary["mapping"]["account_id"] == "贷款编号" and res.summary["rows_rejected"] == 0


def test_a_column_of_today_minus_the_due_date_reads_negatives_as_not_yet_due():
    text = "借据号,统计日期,逾期天数,贷款余额\n" + "".join(
        f"K{i},2024-01-31,{-(i + 3) if i % 5 else 40},{100 + i}\n" for i in range(20))
    res = load_portfolio(_csv(text), "neg.csv")
    assert res.summary["rows_rejected"] == 0 and sorted(set(res.portfolio["days_past_due"])) == [0, 40]
    assert any(k == "ingest.note.dpd_negative_current" and p["n"] == 16 for k, p in res.summary["notes"])
    # one negative among positive days is an error: rejected, as before
    few = "借据号,统计日期,逾期天数,贷款余额\n" + "".join(f"K{i},2024-01-31,{-5 if i == 0 else i},{i + 1}\n" for i in range(10))
    assert load_portfolio(_csv(few), "few.csv").rejected["reason"].tolist() == ["ingest.reject.negative_dpd"]


def test_a_wide_file_with_one_balance_says_every_month_repeats_it():
    text = "借据号,2024年1月逾期天数,2024年2月逾期天数,贷款余额\n" + "".join(f"K{i},0,{i},{100 + i}\n" for i in range(6))
    res = load_portfolio(_csv(text), "wide.csv")
    assert sorted(set(res.portfolio["month"])) == ["2024-01", "2024-02"]
    assert ("ingest.note.wide_amount_repeated", {"column": "贷款余额", "months": 2}) in res.summary["notes"]


def test_a_workbook_of_monthly_sheets_says_only_one_month_was_read():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for month in (1, 2, 3):
        ws = wb.create_sheet(f"{month}月")
        for row in (["借据号", "数据日期", "逾期天数", "贷款余额"], ["A", f"2024-0{month}-28", 0, 100.0]):
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    res = load_portfolio(out.getvalue(), "months.xlsx")
    assert ("ingest.note.month_sheets", {"sheet": "1月", "n": 3}) in res.summary["notes"]


def test_header_and_code_rows_repeated_inside_the_table_are_said_as_such():
    # An export paginated with its header (and the field-code row under it) repeated: those rows
    # are no accounts, and the report says so rather than "统计日期 is not a date".
    header, codes = "客户编号,统计日期,逾期天数,贷款余额", "CUST_NO,DATA_DT,OVD_DAYS,LOAN_BAL"
    lines = [header, codes]
    for month in ("2024-01-31", "2024-02-29"):
        lines += [f"C{i:03d},{month},{i * 10},{1000 + i}.50" for i in range(3)] + [header, codes]
    res = load_portfolio(_csv("\n".join(lines) + "\n"), "paged.csv")
    reasons = dict(zip(res.rejected["row"], res.rejected["reason"]))
    assert reasons == {2: "ingest.reject.header_row", 6: "ingest.reject.header_row", 7: "ingest.reject.header_row",
                       11: "ingest.reject.header_row", 12: "ingest.reject.header_row"}
    assert len(res.portfolio) == 6 and res.portfolio["balance"].sum() == 2 * (3 * 1000 + 3 + 1.5)
    assert res.rejected_report("zh")["reason"].str.contains("重复的表头").sum() == 5
    # receivables keyed by customer name (no digit in the id) keep their rows, and a loan row with
    # a broken month is still "not a date"
    names = "客户名称,统计日期,逾期天数,应收余额\n华为,2024-01-31,0,10\n中兴,2024-01-31,5,20\n联想,一月底,5,30\n"
    res = load_portfolio(_csv(names), "ar.csv", mapping={"account_id": "客户名称"})
    assert len(res.portfolio) == 2
    assert res.rejected["reason"].tolist() == ["ingest.reject.bad_month"]


def test_an_aging_summary_with_amounts_per_bucket_in_columns_is_refused_with_what_to_export():
    from analysis.ingest.precheck import precheck

    text = ("客户编码,客户名称,统计日期,未到期,1-30天,31-60天,61-90天,90天以上,合计\n"
            "C001,甲公司,2024-06-30,100,20,0,0,5,125\nC002,乙公司,2024-06-30,50,0,10,0,0,60\n")
    with pytest.raises(IngestError) as caught:
        load_portfolio(_csv(text), "ar.csv")
    assert caught.value.key == "ingest.error.bucket_columns"
    assert "未到期 / 1-30天 / 31-60天 / 61-90天 / 90天以上" in caught.value.message("zh")
    assert "one row per invoice or loan" in caught.value.message("en")
    from analysis.ingest.readers import read_table

    raw, mapping, options = resolve_mapping(read_table(_csv(text), "ar.csv"), None, None)
    # the one thing to say: advice on the account, month or balance column would not make it a book
    assert [p.key for p in precheck(raw, mapping, options)] == ["precheck.bucket_columns"]
    # a book whose months are columns (2024-01, 2024-02, …) is no aging table
    wide = "客户编号,2024-01,2024-02,2024-03\nA,0,30,60\n"
    with pytest.raises(IngestError) as caught:
        load_portfolio(_csv(wide), "w.csv")
    assert caught.value.key != "ingest.error.bucket_columns"


def _side_by_side_rows() -> list[list]:
    header = ["客户编号", "统计日期", "逾期天数", "贷款余额"]
    rows = [header + [None] + header]
    for i in range(3):
        rows.append([f"A{i}", "2024-01-31", 0, 100 + i, None, f"A{i}", "2024-02-29", 10 * i, 90 + i])
    rows.append([None] * 5 + ["A9", "2024-02-29", 0, 5])  # the right table one row longer
    return rows


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_tables_side_by_side_are_read_one_under_the_other(fmt, tmp_path, capsys):
    rows = _side_by_side_rows()
    if fmt == "xlsx":
        data = _workbook(rows, titles=["逾期明细 2024年1-2月"])
    else:
        data = _csv("\n".join(",".join("" if c is None else str(c) for c in r) for r in rows) + "\n")
    res = load_portfolio(data, f"sbs.{fmt}")
    book = res.portfolio
    assert len(book) == 7 and sorted(book["month"].unique()) == ["2024-01", "2024-02"]
    assert book["balance"].sum() == 303 + 273 + 5
    assert book.loc[book["account_id"] == "A9", "month"].tolist() == ["2024-02"]
    note = dict(res.summary["notes"])["ingest.note.side_by_side"]
    assert note["n"] == 2 and note["rows"] == 7
    # convert streams a text file in pieces: it reads such a file whole, to the same rows
    path = tmp_path / f"sbs.{fmt}"
    path.write_bytes(data)
    code, payload, _ = run_cli(capsys, "convert", str(path), "--out", str(tmp_path / "ds"), "--json")
    assert code == 0 and payload["rows_accepted"] == 7, payload


def test_a_blank_column_between_different_columns_is_no_second_table():
    text = "客户编号,统计日期,逾期天数,贷款余额,,备注,经办人\nA,2024-01-31,0,100,,无,张三\n"
    res = load_portfolio(_csv(text), "one.csv")
    assert len(res.portfolio) == 1 and "ingest.note.side_by_side" not in dict(res.summary["notes"])


def test_a_card_file_keyed_on_its_statement_month_reads_that_month():
    # 账单月 alone is only offered as the month; holding months, and with no other month column, it is the month
    card = "卡号,账单月,逾期天数,账单余额\n6222000011112222,2024-01,0,100\n6222000011113333,2024-01,35,200\n" \
           "6222000011112222,2024-02,0,90\n"
    res = load_portfolio(_csv(card), "card.csv")
    assert sorted(res.portfolio["month"].unique()) == ["2024-01", "2024-02"] and len(res.portfolio) == 3
    # a billing day (5, 12) is no month; a loan's start month is its origination, not the snapshot
    day = "卡号,账单日,逾期天数,账单余额\n6222000011112222,5,0,100\n6222000011113333,12,35,200\n6222000011112222,5,0,90\n"
    assert "snapshot_date" not in resolve_mapping(*_raw_of(day))[1]
    start = "借据号,放款月份,逾期天数,贷款余额\nA,2024-01,0,100\nB,2024-01,35,200\nC,2024-02,0,90\n"
    assert resolve_mapping(*_raw_of(start))[1].get("origination_date") == "放款月份"
    assert "snapshot_date" not in resolve_mapping(*_raw_of(start))[1]


def _raw_of(text: str) -> tuple:
    from analysis.ingest.readers import read_table

    return read_table(_csv(text), "f.csv"), None, None


@pytest.mark.parametrize("cards", [
    [6222021234567890123 + i * 7 for i in range(6)],            # 19 digits: no float holds them
    [float(f"{6222021234567000 + i * 7:.14e}") for i in range(6)],  # 16 digits as Excel keeps them
])
def test_card_numbers_stored_as_long_numbers_are_refused_not_merged(cards):
    rows = [["统计日期", "卡号", "逾期天数", "账户余额"]] + [["2024-03-31", float(c), 0, 1000.0] for c in cards]
    with pytest.raises(IngestError) as caught:
        load_portfolio(_workbook(rows), "cards.xlsx")
    assert caught.value.key == "ingest.error.ids_rounded"
    assert "15 位有效数字" in caught.value.message("zh")


def test_long_numeric_ids_kept_exactly_are_read():
    rows = [["统计日期", "借据号", "逾期天数", "余额"]] + [["2024-03-31", 1000000000000001 + i * 3, 0, 10.0]
                                                   for i in range(6)]
    res = load_portfolio(_workbook(rows), "ok.xlsx")
    assert res.portfolio["account_id"].nunique() == 6


def test_days_written_in_words_and_a_band_of_days_column_are_read():
    # 逾期45天 is 45 days (it was read as a status, and every overdue row rejected as an unknown code)
    worded = "数据日期,账号,逾期天数,贷款余额\n" + "".join(
        f"2024-01-31,A{i},{'未逾期' if d == 0 else f'逾期{d}天'},3000.00\n" for i, d in enumerate([0, 5, 45, 75, 200]))
    res = load_portfolio(_csv(worded), "w.csv")
    assert res.summary["rows_rejected"] == 0 and sorted(res.portfolio["days_past_due"]) == [0, 5, 45, 75, 200]
    # a column headed 逾期天数段 holds bucket labels: the status, read as such
    banded = "数据日期,账号,逾期天数段,贷款余额\n2024-01-31,A,正常,10\n2024-01-31,B,1-30天,20\n2024-01-31,C,180天以上,30\n"
    res = load_portfolio(_csv(banded), "b.csv")
    assert res.summary["rows_rejected"] == 0 and res.summary["mapping"]["status_label"] == "逾期天数段"


def test_a_workbook_of_one_sheet_per_branch_says_only_one_branch_was_read():
    wb = openpyxl.Workbook()
    for i, branch in enumerate(["北京分行", "上海分行", "广州分行"]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = branch
        ws.append(["统计日期", "借据号", "逾期天数", "贷款余额"])
        ws.append(["2024-03-31", f"{branch}-1", 0, 1000])
    out = io.BytesIO()
    wb.save(out)
    res = load_portfolio(out.getvalue(), "branches.xlsx")
    assert dict(res.summary["notes"])["ingest.note.part_sheets"] == {"sheet": "北京分行", "n": 3}
    single = _workbook([["统计日期", "借据号", "逾期天数", "贷款余额"], ["2024-03-31", "A", 0, 1]])
    assert "ingest.note.part_sheets" not in dict(load_portfolio(single, "one.xlsx").summary["notes"])


def test_monthly_tables_stacked_on_one_sheet_under_their_titles_take_their_own_months():
    header = ["客户编号", "逾期天数", "贷款余额"]
    rows = [header] + [[f"A{i}", 0, 1000] for i in range(3)]
    rows += [[None] * 3, ["XX银行逾期明细表 2024年2月", None, None], header] + [[f"A{i}", 10 * i, 900] for i in range(3)]
    res = load_portfolio(_workbook(rows, titles=["XX银行逾期明细表 2024年1月"]), "stacked.xlsx")
    book = res.portfolio
    assert sorted(book["month"].unique()) == ["2024-01", "2024-02"] and len(book) == 6
    assert res.summary["rows_rejected"] == 0 and book["balance"].sum() == 5700
    assert dict(res.summary["notes"])["ingest.note.month_blocks"] == {"n": 2, "months": "2024-01 / 2024-02"}
