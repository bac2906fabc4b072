"""Several monthly files read together (analysis.ingest.multi): months found, one panel, rows named by file."""
from __future__ import annotations

import io
import random

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis.ingest.errors import IngestError
from analysis.ingest.multi import (FILE_COLUMN, MONTH_COLUMN, build_combined, combine, date_header_of, describe_files,
                                   month_in_text, read_files, with_months)
from analysis.ingest.portfolio import load_portfolio, suggest_mapping

HEADER = "客户编号,逾期天数,贷款余额"


def _csv(rows, header=HEADER, title=None) -> bytes:
    lines = ([title] if title else []) + [header] + [",".join(str(c) for c in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows, header=HEADER, title=None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(header.split(","))
    for r in rows:
        ws.append(list(r))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _load(pairs, months=None, mapping=None, options=None):
    raws = read_files(pairs)
    header = date_header_of(raws, mapping)
    files = with_months(describe_files(raws, header), months or {})
    multi = combine(raws, files, header)
    full = {**suggest_mapping(multi.raw), **(mapping or {})}
    full = {c: h for c, h in full.items() if h != FILE_COLUMN}
    return multi, build_combined(multi, full, *([options] if options else []))


# ---- months from names and titles ---------------------------------------------------------------

@pytest.mark.parametrize("text, month", [
    ("逾期明细表 2024年1月.xlsx", "2024-01"),
    ("逾期明细表2024年12月", "2024-12"),
    ("贷款 2023 年 07 月 明细", "2023-07"),
    ("2024年三月", "2024-03"),
    ("2024年十一月报表", "2024-11"),
    ("loans_202402", "2024-02"),
    ("20240331_export", "2024-03"),
    ("2024-01", "2024-01"),
    ("2024_05_loans", "2024-05"),
    ("2024.6 逾期", "2024-06"),
    ("book-2024-07-31", "2024-07"),
    ("Jan 2024", "2024-01"),
    ("loans_jan2024", "2024-01"),
    ("December-2023 delinquency", "2023-12"),
    ("2024 Sept", "2024-09"),
    ("Dec24", "2024-12"),
    ("report 31/01/2024", "2024-01"),
    ("数据日期：2024-01-31", "2024-01"),
    ("制表日期：2024-02-05 数据日期：2024-01-31", "2024-01"),
    ("导出时间 2024-02-05 截至2024年1月末", "2024-01"),
    # nothing certain: no month, an ambiguous day/month, a word that starts like a month
    ("逾期明细表", None),
    ("report 03/04/2024", None),
    ("Marketing 2024", None),
    ("loans_v2", None),
    ("2024", None),
    ("123456789", None),
    ("2024-13", None),
])
def test_month_in_text(text, month):
    assert month_in_text(text) == month


def test_title_rows_name_the_month_in_csv_and_xlsx():
    raws = read_files([
        (_csv([("A", 0, 1)], title="XX银行逾期明细表 2024年2月"), "明细.csv"),
        (_xlsx([("A", 0, 1)], title="数据日期：2024-01-31"), "明细.xlsx"),
    ])
    files = describe_files(raws)
    assert [(f.file, f.month, f.source) for f in files] == [("明细.xlsx", "2024-01", "title"),
                                                           ("明细.csv", "2024-02", "title")]
    assert all(f.guessed for f in files)


def test_title_beats_file_name():
    raws = read_files([(_csv([("A", 0, 1)], title="逾期明细 2024年3月"), "loans_202402.csv")])
    (info,) = describe_files(raws)
    assert (info.month, info.source, info.named) == ("2024-03", "title", "2024-03")


# ---- months from a date column ----------------------------------------------------------------

def test_date_column_gives_the_month_and_a_disagreeing_name_is_flagged():
    header = "客户编号,统计日期,逾期天数,贷款余额"
    pairs = [(_csv([("A", "2024-01-31", 0, "10.10")], header), "loans_202401.csv"),
             (_csv([("A", "2024-01-31", 3, "20.20"), ("B", "2024-01-31", 0, "1")], header), "loans_202402.csv")]
    raws = read_files(pairs)
    assert date_header_of(raws) == "统计日期"
    files = describe_files(raws, "统计日期")
    assert [(f.file, f.month, f.source, f.conflict) for f in files] == [
        ("loans_202401.csv", "2024-01", "date_column", False),
        ("loans_202402.csv", "2024-01", "date_column", True)]
    multi = combine(raws, files, "统计日期")
    assert MONTH_COLUMN not in multi.raw.frame.columns  # every file has its dates: no month to add
    result = build_combined(multi, suggest_mapping(multi.raw))
    notes = [(k, p) for k, p in result.summary["notes"] if k == "multi.note.month_conflict"]
    assert notes == [("multi.note.month_conflict", {"name": "loans_202402.csv", "named": "2024-02",
                                                    "column": "统计日期", "months": ("2024-01",)})]
    # the date column decides: both files' A rows are 2024-01, the second file's is a duplicate
    assert result.portfolio["month"].tolist() == ["2024-01", "2024-01"]
    rej = result.rejected
    assert rej[["file", "row", "reason"]].values.tolist() == [["loans_202402.csv", 2, "multi.reject.duplicate_across_files"]]
    assert rej["detail"].iloc[0]["first_file"] == "loans_202401.csv" and rej["detail"].iloc[0]["first_row"] == 2


def test_a_file_with_several_months_in_its_date_column():
    header = "客户编号,统计日期,逾期天数,贷款余额"
    raws = read_files([(_csv([("A", "2024-01-31", 0, 1), ("A", "2024-02-29", 0, 1)], header), "history.csv"),
                       (_csv([("A", "2024-03-31", 0, 1)], header), "march.csv")])
    files = describe_files(raws, "统计日期")
    assert [(f.file, f.month, f.months) for f in files] == [("history.csv", None, ("2024-01", "2024-02")),
                                                           ("march.csv", "2024-03", ("2024-03",))]
    result = build_combined(combine(raws, files, "统计日期"), suggest_mapping(raws[0]))
    assert result.portfolio["month"].tolist() == ["2024-01", "2024-02", "2024-03"]


def test_dates_in_some_files_and_names_in_others():
    """The month column then holds each row's own date's month, or the file's month."""
    with_dates = _csv([("A", "2024-01-31", 0, 5)], "客户编号,统计日期,逾期天数,贷款余额")
    raws = read_files([(with_dates, "a.csv"), (_csv([("A", 0, 6)]), "2024-02.csv")])
    files = describe_files(raws, date_header_of(raws))
    assert [(f.file, f.source) for f in files] == [("a.csv", "date_column"), ("2024-02.csv", "file_name")]
    multi = combine(raws, files, "统计日期")
    result = build_combined(multi, suggest_mapping(multi.raw))
    assert result.summary["mapping"]["snapshot_date"] == MONTH_COLUMN
    assert result.portfolio[["month", "balance"]].values.tolist() == [["2024-01", 5.0], ["2024-02", 6.0]]


# ---- the bar: twelve monthly files give the panel one file gives ------------------------------

def _panel(seed=7):
    """Twelve months of rows with cents, and the problems ingest rejects: negative balances,
    missing accounts, text in amounts, a repeated account-month within a month."""
    rng = random.Random(seed)
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    rows = {}
    for month in months:
        out = []
        for k in range(40):
            cents = rng.randrange(0, 10_000_000)
            out.append([f"ACC{k:03d}", rng.choice([0, 0, 0, 5, 35, 65, 95, 200]), f"{cents // 100}.{cents % 100:02d}"])
        out[3][2] = "-12.34"            # negative balance
        out[5][0] = ""                  # missing account
        out[7][2] = "abc"               # not a number
        out.append(list(out[9]))        # the same account-month again: the first stays
        out[-1][1] = 1
        rows[month] = out
    return months, rows


def test_twelve_monthly_files_give_the_one_file_panel_to_the_cent():
    months, rows = _panel()
    single_lines = ["客户编号,统计月份,逾期天数,贷款余额"]
    where = {}  # single-file line -> (monthly file, its row)
    for month in months:
        for j, r in enumerate(rows[month]):
            single_lines.append(",".join([r[0], month, str(r[1]), r[2]]))
            where[len(single_lines)] = (f"逾期明细表 {int(month[:4])}年{int(month[5:])}月.csv", j + 2)
    one = load_portfolio(("\n".join(single_lines) + "\n").encode(), "all.csv")
    # monthly files without a month column, given in a shuffled order
    pairs = [(_csv(rows[m]), f"逾期明细表 {int(m[:4])}年{int(m[5:])}月.csv") for m in months]
    random.Random(1).shuffle(pairs)
    multi, many = _load(pairs)
    assert [f.month for f in multi.files] == months and {f.source for f in multi.files} == {"file_name"}

    cols = [c for c in one.portfolio.columns if c != "source_row"]
    pd.testing.assert_frame_equal(many.portfolio[cols], one.portfolio[cols])
    # the accepted balance, summed exactly in cents from the test's own rows
    kept_cents = 0
    for month in months:
        seen = set()
        for acc, _, bal in rows[month]:
            if not acc or bal in ("abc", "-12.34") or acc in seen:
                continue
            seen.add(acc)
            units, cents = bal.split(".")
            kept_cents += int(units) * 100 + int(cents)
    assert round(many.portfolio["balance"].sum(), 2) == round(one.portfolio["balance"].sum(), 2) == kept_cents / 100
    assert many.summary["balance_accepted"] == pytest.approx(kept_cents / 100, abs=1e-6)
    # each file's own row numbers: the same rows of the same files, each row number mapped from one file
    assert many.portfolio["source_row"].tolist() == [where[line][1] for line in one.portfolio["source_row"]]
    # the same rejections: same reasons for the same rows, each named by its file and row
    one_rej = sorted((*where[r], k) for r, k in zip(one.rejected["row"], one.rejected["reason"]))
    many_rej = sorted(zip(many.rejected["file"], many.rejected["row"], many.rejected["reason"]))
    assert many_rej == one_rej and len(many_rej) == 12 * 4
    assert many.summary["reasons"] == one.summary["reasons"]
    assert many.summary["rows_read"] == one.summary["rows_read"] == 12 * 41


def test_mixed_csv_and_xlsx_give_the_csv_panel():
    months = ["2024-01", "2024-02", "2024-03"]
    data = {m: [(f"A{k}", [0, 31, 95][k % 3], round(1000 + 17.05 * k + i, 2)) for k in range(6)]
            for i, m in enumerate(months)}
    csv_only = [(_csv(data[m]), f"{m}.csv") for m in months]
    mixed = [(_xlsx(data[months[0]]), "2024-01.xlsx"), (_csv(data[months[1]]), "2024-02.csv"),
             (_xlsx(data[months[2]], title="逾期明细 2024年3月"), "third.xlsx")]
    _, a = _load(csv_only)
    multi, b = _load(mixed)
    assert [(f.file, f.source) for f in multi.files] == [("2024-01.xlsx", "file_name"), ("2024-02.csv", "file_name"),
                                                        ("third.xlsx", "title")]
    cols = [c for c in a.portfolio.columns if c != "source_row"]
    pd.testing.assert_frame_equal(b.portfolio[cols], a.portfolio[cols])
    assert b.portfolio["balance"].sum() == pytest.approx(sum(r[2] for m in months for r in data[m]), abs=1e-9)
    # the titled workbook's rows start one row lower
    assert b.portfolio.loc[b.portfolio["month"] == "2024-03", "source_row"].tolist() == [3, 4, 5, 6, 7, 8]


# ---- headers, duplicates, months the user gives -----------------------------------------------

def test_headers_that_differ_are_named_and_a_mapped_header_missing_is_refused():
    raws = read_files([
        (_csv([("A", 0, 1)]), "2024-01.csv"),
        (_csv([("A", 0, 1, "华东")], HEADER + ",地区"), "2024-02.csv"),
        (_csv([("A", 0)], "客户编号,逾期天数"), "2024-03.csv"),
    ])
    files = describe_files(raws)
    assert [(f.file, f.missing, f.extra) for f in files] == [
        ("2024-01.csv", (), ()), ("2024-02.csv", (), ("地区",)), ("2024-03.csv", ("贷款余额",), ())]
    multi = combine(raws, files)
    notes = [p for k, p in multi.raw.notes if k == "multi.note.headers_differ"]
    assert [(p["name"], p["missing"], p["extra"]) for p in notes] == [("2024-02.csv", "—", ("地区",)),
                                                                     ("2024-03.csv", ("贷款余额",), "—")]
    # the region is empty in the other files (not a shifted column)
    assert multi.raw.frame["地区"].isna().tolist() == [True, False, True]
    with pytest.raises(IngestError) as err:
        build_combined(multi, {"account_id": "客户编号", "days_past_due": "逾期天数", "balance": "贷款余额"})
    assert err.value.code == "multi.error.missing_headers"
    assert err.value.params["name"] == "2024-03.csv" and err.value.params["headers"] == ("贷款余额",)
    assert "2024-03.csv" in err.value.message("zh") and "贷款余额" in err.value.message("en")
    # without the balance the three files load, each account-month counted once
    from analysis.ingest.portfolio import IngestOptions
    result = build_combined(multi, {"account_id": "客户编号", "days_past_due": "逾期天数"},
                            IngestOptions(balance_missing="unit"))
    assert result.portfolio["month"].tolist() == ["2024-01", "2024-02", "2024-03"]


def test_duplicates_across_files_name_the_file_and_row_and_the_earlier_file_wins():
    pairs = [(_csv([("A", 0, "1.00"), ("B", 0, "2.00")]), "c 2024-01.csv"),
             (_csv([("X", 0, "9"), ("B", 90, "3.00")]), "b 2024-01.csv"),
             (_csv([("B", 5, "4.00"), ("B", 6, "5.00")]), "a 2024-02.csv")]
    multi, result = _load(pairs)
    assert [f.file for f in multi.files] == ["b 2024-01.csv", "c 2024-01.csv", "a 2024-02.csv"]
    jan = result.portfolio[result.portfolio["month"] == "2024-01"].set_index("account_id")
    assert jan.loc["B", "balance"] == 3.00 and jan.loc["B", "days_past_due"] == 90  # b… comes first
    rej = result.rejected
    assert rej[["file", "row", "reason"]].values.tolist() == [
        ["c 2024-01.csv", 3, "multi.reject.duplicate_across_files"],   # across files: the kept file is named
        ["a 2024-02.csv", 3, "ingest.reject.duplicate"],  # within a file: as one file says it
    ]
    assert rej["detail"].iloc[0]["first_file"] == "b 2024-01.csv" and rej["detail"].iloc[0]["first_row"] == 3
    report = result.rejected_report("zh")
    assert report[["row", FILE_COLUMN]].values.tolist() == [[3, "c 2024-01.csv"], [3, "a 2024-02.csv"]]
    assert "b 2024-01.csv" in report["reason"].iloc[0] and "第 3 行" in report["reason"].iloc[0]
    assert "row 3 of “b 2024-01.csv” was kept" in result.rejected_report("en")["reason"].iloc[0]


def test_a_file_without_a_month_is_refused_until_the_user_gives_one():
    raws = read_files([(_csv([("A", 0, 1)]), "2024-01.csv"), (_csv([("A", 0, 2)]), "latest.csv")])
    files = describe_files(raws)
    assert [(f.file, f.month, f.source, f.guessed) for f in files] == [
        ("2024-01.csv", "2024-01", "file_name", True), ("latest.csv", None, "none", True)]
    with pytest.raises(IngestError) as err:
        combine(raws, files)
    assert err.value.code == "multi.error.no_month" and err.value.params["files"] == ("latest.csv",)
    with pytest.raises(IngestError) as bad:
        with_months(files, {"latest.csv": "soon"})
    assert bad.value.code == "multi.error.bad_month"
    with pytest.raises(IngestError) as unknown:
        with_months(files, {"other.csv": "2024-02"})
    assert unknown.value.code == "multi.error.unknown_file"
    fixed = with_months(files, {"latest.csv": "2023年12月"})
    assert [(f.file, f.month, f.source) for f in fixed] == [("latest.csv", "2023-12", "user"),
                                                           ("2024-01.csv", "2024-01", "file_name")]
    result = build_combined(combine(raws, fixed), suggest_mapping(raws[0]))
    assert result.portfolio[["month", "balance"]].values.tolist() == [["2023-12", 2.0], ["2024-01", 1.0]]


def test_two_files_of_the_same_name_are_refused():
    with pytest.raises(IngestError) as err:
        read_files([(_csv([("A", 0, 1)]), "2024-01.csv"), (_csv([("A", 0, 1)]), "2024-01.csv")])
    assert err.value.code == "multi.error.same_name"


def test_a_file_the_reader_refuses_is_named():
    with pytest.raises(IngestError) as err:
        read_files([(_csv([("A", 0, 1)]), "2024-01.csv"), (b"", "2024-02.csv")])
    assert err.value.params["name"] == "2024-02.csv"


def test_inputs_are_not_changed_and_the_file_column_is_cheap():
    raws = read_files([(_csv([("A", 0, 1)]), "2024-02.csv"), (_csv([("B", 0, 1)]), "2024-01.csv")])
    before = [r.frame.copy() for r in raws]
    multi = combine(raws, describe_files(raws))
    for r, b in zip(raws, before):
        pd.testing.assert_frame_equal(r.frame, b)
        assert FILE_COLUMN not in r.frame.columns
    assert isinstance(multi.raw.frame[FILE_COLUMN].dtype, pd.CategoricalDtype)
    assert multi.raw.frame[FILE_COLUMN].tolist() == ["2024-01.csv", "2024-02.csv"]
    assert np.asarray(multi.raw.source_rows).tolist() == [2, 2]


def test_months_changed_on_the_page_reorder_the_rows_without_reading_again():
    from analysis.ingest.multi import regroup

    pairs = [(_csv([("A", 0, "1.5"), ("B", 0, "2")]), "latest.csv"), (_csv([("A", 0, "3")]), "2024-02.csv"),
             (_csv([("A", 9, "4")], "客户编号,逾期天数,贷款余额"), "2024-01.csv")]
    raws = read_files(pairs)
    multi = combine(raws, describe_files(raws), allow_missing=True)
    assert [f.file for f in multi.files] == ["2024-01.csv", "2024-02.csv", "latest.csv"]
    assert multi.raw.frame[MONTH_COLUMN].isna().tolist() == [False, False, True, True]
    with pytest.raises(IngestError) as err:
        build_combined(multi, suggest_mapping(multi.raw))
    assert err.value.code == "multi.error.no_month"
    edited = with_months(list(multi.files), {"latest.csv": "2023-12", "2024-02.csv": "2024-03"})
    moved = regroup(multi, edited)
    frame = moved.raw.frame
    assert frame[FILE_COLUMN].tolist() == ["latest.csv", "latest.csv", "2024-01.csv", "2024-02.csv"]
    assert frame[MONTH_COLUMN].tolist() == ["2023-12", "2023-12", "2024-01", "2024-03"]
    assert frame["贷款余额"].tolist() == ["1.5", "2", "4", "3"]
    assert np.asarray(moved.raw.source_rows).tolist() == [2, 3, 2, 2]
    assert moved.file_index.tolist() == [0, 0, 1, 2]
    # the same table as combining afresh with those months, and the input is unchanged
    fresh = combine(read_files(pairs), with_months(describe_files(read_files(pairs)), {
        "latest.csv": "2023-12", "2024-02.csv": "2024-03"}))
    pd.testing.assert_frame_equal(frame, fresh.raw.frame)
    assert moved.headers == fresh.headers
    assert multi.raw.frame[FILE_COLUMN].tolist()[0] == "2024-01.csv"
    result = build_combined(moved, suggest_mapping(moved.raw))
    assert result.portfolio[["month", "account_id", "balance"]].values.tolist() == [
        ["2023-12", "A", 1.5], ["2023-12", "B", 2.0], ["2024-01", "A", 4.0], ["2024-03", "A", 3.0]]
    assert [f["month_source"] for f in result.summary["files"]] == ["user", "file_name", "user"]


def test_a_month_the_user_gives_overrides_a_date_column():
    header = "客户编号,统计日期,逾期天数,贷款余额"
    raws = read_files([(_csv([("A", "2024-01-31", 0, 1)], header), "a.csv"),
                       (_csv([("A", "2024-01-31", 0, 2)], header), "b.csv")])
    files = with_months(describe_files(raws, "统计日期"), {"b.csv": "2024-02"})
    multi = combine(raws, files, "统计日期")
    assert multi.raw.frame[MONTH_COLUMN].tolist() == ["2024-01", "2024-02"]
    result = build_combined(multi, suggest_mapping(raws[0]))  # maps 统计日期: the month column is used
    assert result.summary["mapping"]["snapshot_date"] == MONTH_COLUMN
    assert result.portfolio["month"].tolist() == ["2024-01", "2024-02"]


def test_the_rejections_summary_keeps_duplicates_across_files_apart():
    from analysis.ingest.rejections import reason_label, rejections_by_reason

    pairs = [(_csv([("A", 0, "1"), ("A", 0, "2")]), "a 2024-01.csv"), (_csv([("A", 0, "3")]), "b 2024-01.csv")]
    _, result = _load(pairs)
    summary = rejections_by_reason(result)
    assert sorted(summary["reason"]) == ["ingest.reject.duplicate", "multi.reject.duplicate_across_files"]
    assert reason_label("multi.reject.duplicate_across_files", "zh").startswith("跨文件重复")
    assert reason_label("multi.reject.duplicate_across_files", "en").startswith("duplicate account-month across")


def test_a_parquet_month_among_csv_months():
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = {"2024-01": [("A", 0, "10.25"), ("B", 40, "20.50")], "2024-02": [("A", 5, "9.75"), ("B", 70, "21.00")]}
    table = pa.table({"客户编号": ["A", "B"], "逾期天数": [5, 70], "贷款余额": [9.75, 21.0]})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    _, mixed = _load([(_csv(rows["2024-01"]), "2024-01.csv"), (buf.getvalue(), "loans_2024_02.parquet")])
    _, text = _load([(_csv(rows[m]), f"{m}.csv") for m in rows])
    cols = [c for c in text.portfolio.columns if c != "source_row"]
    pd.testing.assert_frame_equal(mixed.portfolio[cols], text.portfolio[cols])
    assert mixed.portfolio["source_row"].tolist() == [2, 3, 1, 2]  # a Parquet file counts its rows from 1


@pytest.mark.realdata
@pytest.mark.slow
def test_real_panel_split_into_monthly_files_gives_the_same_panel(realdata_dir):
    """The Kaggle credit-card panel's last twelve months, as one file and as twelve monthly files
    named by month (the relative month column dropped): the same account-months, statuses and
    rejections."""
    from analysis.ingest.parsing import shift_months
    from analysis.ingest.portfolio import IngestOptions

    text = (realdata_dir / "credit_card_approval_panel" / "credit_record.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    header, body = lines[0], [ln.split(",") for ln in lines[1:]]
    assert header.split(",") == ["ID", "MONTHS_BALANCE", "STATUS"]
    recent = [r for r in body if int(r[1]) >= -11]
    options = IngestOptions(reference_month="2020-01", balance_missing="unit")
    one = load_portfolio(("ID,MONTHS_BALANCE,STATUS\n" + "".join(f"{a},{m},{s}\n" for a, m, s in recent)).encode(),
                         "recent.csv", options=options)
    pairs = []
    for back in range(0, 12):
        month = shift_months("2020-01", -back)
        rows = "".join(f"{a},{s}\n" for a, m, s in recent if int(m) == -back)
        pairs.append((("ID,STATUS\n" + rows).encode(), f"credit_record {month}.csv"))
    multi, many = _load(pairs, options=IngestOptions(balance_missing="unit"))
    assert {f.source for f in multi.files} == {"file_name"} and len(multi.files) == 12
    cols = [c for c in one.portfolio.columns if c != "source_row"]
    pd.testing.assert_frame_equal(many.portfolio[cols], one.portfolio[cols])
    assert many.summary["rows_read"] == one.summary["rows_read"] == len(recent)
    assert many.summary["reasons"] == one.summary["reasons"]


def test_the_file_name_column_is_never_suggested_for_a_field():
    # 来源文件 read as a channel (来源 is one), offered with a one-click "adopt" button
    from analysis.ingest.multi import FILE_COLUMN, combine, describe_files, read_files
    from analysis.ingest.recognise import recognise_columns

    files = [(f"账户,日期,逾期天数,余额\nA1,2024-0{m}-28,0,100\n".encode(), f"2024年{m}月.csv") for m in (1, 2)]
    raws = read_files(files)
    multi = combine(raws, describe_files(raws))
    assert FILE_COLUMN in multi.raw.frame.columns
    assert not [s for s in recognise_columns(multi.raw) if s.header == FILE_COLUMN]


def test_the_upload_preview_shows_empty_text_cells_empty():
    # the grid wrote a missing cell as the English word "None", on the Chinese page too
    import pandas as pd

    from ui.upload.mapping import _blank_text

    frame = pd.DataFrame({"原因": ["失业", None], "余额": [1.0, None], "日期": pd.to_datetime(["2024-01-31", None])})
    shown = _blank_text(frame)
    assert shown["原因"].tolist() == ["失业", ""] and shown["余额"].isna().tolist() == [False, True]
    assert frame["原因"].isna().tolist() == [False, True]  # the input is not changed
