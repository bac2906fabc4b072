"""Every format, encoding and layout the reader accepts, on tiny files built in memory."""
from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from analysis.ingest.portfolio import IngestError
from analysis.ingest.readers import dedupe_headers, find_header_row, read_table

CSV = "客户编号,统计日期,逾期天数,贷款余额\nA001,2024-01-31,0,1000\nA002,2024-01-31,35,2000.5\n"


def xlsx_bytes(sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = (), start_row: int = 0) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if isinstance(v, dt.datetime):
                    ws.write_datetime(start_row + i, j, v, date_fmt)
                elif v is not None:
                    ws.write(start_row + i, j, v)
        if name in hidden:
            ws.hide()
    wb.close()
    return buf.getvalue()


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
    ("utf-16", "utf-16"),
])
def test_csv_encodings(encoding, expected):
    raw = read_table(CSV.encode(encoding), "x.csv")
    assert raw.encoding == expected
    assert list(raw.frame.columns) == ["客户编号", "统计日期", "逾期天数", "贷款余额"]
    assert raw.frame["客户编号"].tolist() == ["A001", "A002"]
    assert raw.source_rows.tolist() == [2, 3]
    assert raw.file_format == "csv"


def test_gb18030_characters_outside_gbk():
    text = "客户编号,客户姓名,逾期天数\nA1,王䶮,0\n"  # 䶮 is not in GBK
    raw = read_table(text.encode("gb18030"), "x.csv")
    assert raw.frame["客户姓名"].tolist() == ["王䶮"]


def test_gbk_after_a_long_ascii_start_is_re_read_as_gb18030():
    # the first 256 KB are plain ASCII (valid UTF-8); the Chinese comes later
    body = "".join(f"A{i:06d},2024-01-31,0,100\n" for i in range(20_000))
    text = "account_id,month,dpd,balance\n" + body + "B1,2024-01-31,0,100\n".replace("B1", "客户")
    raw = read_table(text.encode("gbk"), "x.csv")
    assert raw.encoding == "gb18030" and raw.frame["account_id"].iloc[-1] == "客户"
    assert raw.source_rows[-1] == 20_002


def test_undecodable_text_is_a_clear_error():
    with pytest.raises(IngestError) as err:
        read_table(b"a,b\n\xff\xfe\xff,1\n\x81\xff,2\n", "x.csv")
    assert err.value.code == "ingest.error.encoding"
    assert "UTF-8" in err.value.message("zh") and "GBK" in err.value.message("en")


@pytest.mark.parametrize("delim, fmt", [(",", "csv"), ("\t", "tsv"), (";", "csv"), ("|", "csv")])
def test_delimiters_are_sniffed(delim, fmt):
    raw = read_table(CSV.replace(",", delim).encode(), "x.txt")
    assert raw.delimiter == delim and raw.file_format == fmt
    assert raw.frame.shape == (2, 4)


def test_title_rows_are_skipped_and_rows_numbered_as_in_the_file():
    text = "XX银行逾期明细表 2024年1月\n制表日期：2024-02-01\n\n" + CSV + "\n合计,,,3000.5\n"
    raw = read_table(text.encode(), "x.csv")
    assert raw.header_row == 4
    assert raw.frame["客户编号"].tolist() == ["A001", "A002", "合计"]
    assert raw.source_rows.tolist() == [5, 6, 8]  # the blank line 7 is removed, not renumbered
    assert ("ingest.note.title_rows_skipped", {"n": 3, "header_row": 4}) in raw.notes


def test_cells_as_found_keep_leading_zeros():
    raw = read_table(b"account_id,dpd\n000123,0\n", "x.csv")
    assert raw.frame["account_id"].tolist() == ["000123"]
    assert pd.api.types.is_string_dtype(raw.frame["dpd"].dtype)


def test_quoted_newlines_keep_line_numbers():
    text = 'id,reason,dpd\nA,"line one\nline two",3\nB,plain,4\n'
    raw = read_table(text.encode(), "x.csv")
    assert raw.frame["id"].tolist() == ["A", "B"]
    assert raw.source_rows.tolist() == [2, 4]


def test_ragged_rows_fall_back_and_say_so():
    text = "id,month,dpd,balance\nA,2024-01,0,1\nB,2024-01,0\nC,2024-01,0,3,extra\n"
    raw = read_table(text.encode(), "x.csv")
    assert raw.frame["id"].tolist() == ["A", "B", "C"]
    assert raw.source_rows.tolist() == [2, 3, 4]
    assert raw.frame["balance"].isna().tolist() == [False, True, False]
    assert any(k == "ingest.note.ragged_rows" for k, _ in raw.notes)


def test_footer_line_after_a_big_file_is_kept_in_place():
    body = "".join(f"A{i},2024-01-31,0,{i}\n" for i in range(3000))
    text = "id,month,dpd,balance\n" + body + "制表人：张三\n" + "Z,2024-01-31,0,1\n"
    raw = read_table(text.encode(), "x.csv")
    assert raw.frame.shape == (3002, 4)
    assert raw.frame["id"].iloc[3000] == "制表人：张三" and raw.frame["month"].isna().iloc[3000]
    assert raw.source_rows[3000] == 3002 and raw.source_rows[-1] == 3003
    assert np.all(np.diff(raw.source_rows) == 1)
    assert any(k == "ingest.note.ragged_rows" for k, _ in raw.notes)


def test_duplicate_and_blank_headers():
    assert dedupe_headers(["余额", "", "余额", None]) == ["余额", "column_2", "余额_2", "column_4"]
    raw = read_table(b"id,balance,balance\nA,1,2\n", "x.csv")
    assert list(raw.frame.columns) == ["id", "balance", "balance_2"]


def test_find_header_row_prefers_known_names():
    rows = [["X1", "X2", "X3"], ["ID", "LIMIT_BAL", "PAY_0"], ["1", "2", "3"]]
    assert find_header_row(rows) == 1


def test_xlsx_title_rows_hidden_sheet_and_typed_cells():
    rows = [["XX银行逾期明细表 2024年1月"], [], ["客户编号", "统计日期", "逾期天数", "贷款余额"],
            ["A1", dt.datetime(2024, 1, 31), 3, 1234.5], ["A2", 45322, 0, 1000], [],
            ["合计", None, None, 2234.5]]
    data = xlsx_bytes({"明细": rows, "Secret": [["x"]]}, hidden=("Secret",), start_row=1)
    raw = read_table(data, "x.xlsx")
    assert raw.file_format == "xlsx" and raw.sheet == "明细"
    assert raw.hidden_sheets == ("Secret",) and raw.sheets == ("明细",)
    assert ("ingest.note.hidden_sheets", {"names": ("Secret",)}) in raw.notes
    assert raw.header_row == 4
    assert raw.source_rows.tolist() == [5, 6, 8]
    assert raw.frame["客户编号"].tolist() == ["A1", "A2", "合计"]


def test_xlsx_sheet_choice():
    data = xlsx_bytes({"Empty": [], "Data": [["id", "dpd"], ["A", 1]], "Other": [["id", "dpd"], ["B", 2]]})
    assert read_table(data, "x.xlsx").sheet == "Data"  # first visible sheet with data
    raw = read_table(data, "x.xlsx", sheet="Other")
    assert raw.frame["id"].tolist() == ["B"] and "Other" in raw.sheets
    with pytest.raises(IngestError) as err:
        read_table(data, "x.xlsx", sheet="Nope")
    assert err.value.code == "ingest.error.no_such_sheet"


def test_xlsx_cover_sheet_is_passed_over_for_the_data():
    data = xlsx_bytes({"说明": [["本表说明"], ["数据口径：月末"]],
                       "明细": [["客户编号", "逾期天数"], ["A", 1]]})
    raw = read_table(data, "x.xlsx")
    assert raw.sheet == "明细" and raw.sheets == ("说明", "明细")
    only_notes = xlsx_bytes({"说明": [["本表说明"], ["数据口径：月末"]], "其他": [["x", "y"], [1, 2]]})
    assert read_table(only_notes, "x.xlsx").sheet == "说明"  # nothing known anywhere: the first


def test_xlsx_two_header_rows_pick_the_named_one():
    rows = [["", "X1", "X2", "X3"], ["ID", "LIMIT_BAL", "PAY_0", "BILL_AMT1"], [1, 20000, 2, 3913]]
    raw = read_table(xlsx_bytes({"Data": rows}), "uci.xlsx")
    assert list(raw.frame.columns) == ["ID", "LIMIT_BAL", "PAY_0", "BILL_AMT1"]
    assert raw.header_row == 2 and raw.source_rows.tolist() == [3]


def test_xlsx_text_after_numbers_is_kept():
    rows = [["id", "balance"]] + [[f"A{i}", i] for i in range(1200)] + [["Z", "待核实"]]
    raw = read_table(xlsx_bytes({"Data": rows}), "x.xlsx")
    assert str(raw.frame["balance"].iloc[-1]) == "待核实"


def test_xls_that_is_html():
    html = ("<html><body><table><tr><th>客户编号</th><th>逾期天数</th></tr>"
            "<tr><td>001</td><td>5</td></tr><tr><td>002</td><td>0</td></tr></table></body></html>")
    raw = read_table(html.encode("gbk"), "export.xls")
    assert raw.file_format == "html"
    assert raw.frame["客户编号"].tolist() == ["001", "002"]
    assert raw.source_rows.tolist() == [2, 3]


def test_xls_that_is_tsv():
    raw = read_table(CSV.replace(",", "\t").encode("gbk"), "export.xls")
    assert raw.file_format == "tsv" and raw.frame.shape == (2, 4)


def test_parquet_typed():
    table = pa.table({"account_id": ["A", "B"], "month": pd.to_datetime(["2024-01-31"] * 2),
                      "dpd": [0, 5], "balance": [1.5, 2.5]})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    raw = read_table(buf.getvalue(), "x.parquet")
    assert raw.file_format == "parquet" and raw.header_row == 0
    assert raw.source_rows.tolist() == [1, 2]
    assert raw.frame["dpd"].dtype == np.int64


@pytest.mark.parametrize("data, code", [
    (b"", "ingest.error.empty_file"),
    (b"   \n\n", "ingest.error.empty_file"),
    (os.urandom(0) + bytes(range(256)) * 8, "ingest.error.unknown_format"),
    (b"PK\x03\x04" + os.urandom(200), "ingest.error.unreadable_workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "ingest.error.unreadable_workbook"),
    (b"PAR1" + bytes(100), "ingest.error.unreadable_parquet"),
    (b"id,month,dpd,balance\n", "ingest.error.no_data_rows"),
])
def test_bad_files_raise_ingest_errors_in_both_languages(data, code):
    with pytest.raises(IngestError) as err:
        read_table(data, "bad.xlsx")
    assert err.value.code == code
    assert err.value.message("zh") != err.value.message("en")
    assert "bad.xlsx" in err.value.message("zh") or code == "ingest.error.no_data_rows"


def test_random_bytes_named_xlsx():
    rng = np.random.default_rng(1)
    with pytest.raises(IngestError) as err:
        read_table(rng.bytes(5000), "report.xlsx")
    assert err.value.code in ("ingest.error.unknown_format", "ingest.error.encoding")


def test_zip_that_is_not_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("data.csv", CSV)
    with pytest.raises(IngestError) as err:
        read_table(buf.getvalue(), "data.zip")
    # an archive, named as one (tests/ingest/test_formats.py checks every signature)
    assert err.value.code == "ingest.error.format_archive" and err.value.params["kind"] == "ZIP"


def test_legacy_xls_through_calamine():
    # A genuine BIFF .xls shipped with statsmodels (we cannot write .xls without another package).
    import statsmodels

    path = (Path(statsmodels.__file__).parent / "tsa" / "statespace" / "tests" / "results"
            / "frbny_nowcast" / "Nowcasting" / "data" / "US" / "2016-07-29.xls")
    if not path.is_file():
        pytest.skip("no legacy .xls sample available")
    raw = read_table(path.read_bytes(), "macro.xls")
    assert raw.file_format == "xls" and raw.sheet == "data"
    assert raw.header_row == 1 and raw.source_rows[:2].tolist() == [2, 3]
    assert list(raw.frame.columns[:2]) == ["Date", "PAYEMS"]
    assert raw.frame["PAYEMS"].iloc[0] == 96373.0


def test_xls_written_by_xlwt_title_rows_and_hidden_sheet():
    xlwt = pytest.importorskip("xlwt")  # in requirements-dev.txt
    wb = xlwt.Workbook(encoding="utf-8")
    hidden = wb.add_sheet("隐藏")
    hidden.write(0, 0, "x")
    ws = wb.add_sheet("明细")
    ws.write(0, 0, "XX银行逾期明细表 2024年1月")
    for j, h in enumerate(["客户编号", "统计日期", "逾期天数", "贷款余额"]):
        ws.write(2, j, h)
    ws.write(3, 0, "A1"); ws.write(3, 1, "2024-01-31"); ws.write(3, 2, 3); ws.write(3, 3, 1234.5)
    ws.write(4, 0, "合计"); ws.write(4, 3, 1234.5)
    hidden.visibility = 1
    ws.set_selected(True)
    wb.set_active_sheet(1)
    buf = io.BytesIO()
    wb.save(buf)
    raw = read_table(buf.getvalue(), "legacy.xls")
    assert raw.file_format == "xls" and raw.sheet == "明细"
    assert raw.hidden_sheets == ("隐藏",)
    assert raw.header_row == 3 and raw.source_rows.tolist() == [4, 5]
    assert raw.frame["客户编号"].tolist() == ["A1", "合计"]



def test_readers_stand_below_ingest_and_import_at_the_top():
    # readers raise the ingest error without importing analysis.ingest.portfolio (ingest imports readers),
    # and the ingest modules import at the top, except lxml (optional and heavy, for HTML files)
    import ast

    import analysis.ingest.portfolio
    import analysis.ingest.readers

    assert analysis.ingest.readers.IngestError is analysis.ingest.portfolio.IngestError
    root = Path(__file__).resolve().parents[2] / "analysis" / "ingest"
    late = []
    for name in ("readers.py", "portfolio.py", "parsing.py", "errors.py"):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top:
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if module != "lxml.html":
                    late.append(f"{name}:{node.lineno} {module}")
            if isinstance(node, ast.ImportFrom) and name == "readers.py":
                assert node.module != "analysis.ingest.portfolio"
    assert late == []


def test_a_table_saved_with_its_row_index_keeps_its_header():
    """pandas writes the index as an unnamed first column (Give Me Some Credit's cs-training.csv):
    the header row has one blank cell fewer than the data, and no column name we know."""
    csv = (",SeriousDlqin2yrs,RevolvingUtilizationOfUnsecuredLines,age,DebtRatio,MonthlyIncome\n"
           "1,1,0.766,45,0.80,9120\n2,0,0.957,40,0.12,2600\n3,0,0.658,38,0.085,3042\n").encode()
    raw = read_table(csv, "cs-training.csv")
    assert raw.header_row == 1 and len(raw.frame) == 3
    assert list(raw.frame.columns) == ["column_1", "SeriousDlqin2yrs", "RevolvingUtilizationOfUnsecuredLines", "age",
                                       "DebtRatio", "MonthlyIncome"]
    # a row of numbers with a blank first cell is still data, not a header
    rows = [["x", "a", "b", "c"], [None, "1", "2", "3"], ["k", "4", "5", "6"]]
    assert find_header_row(rows) == 0
