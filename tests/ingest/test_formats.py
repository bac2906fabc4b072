"""Formats (issue 13 item 8): what is not a table is refused by its bytes with a message naming
what it is, whatever its name; day-first dates and decimal commas are read from the values."""
from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from analysis.ingest.portfolio import IngestError
from analysis.ingest.readers import read_table, sniff_refused

CSV = "客户编号,统计日期,逾期天数,贷款余额\nA001,2024-01-31,0,1000\nA002,2024-01-31,35,2000.5\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, format="PNG")
    return buf.getvalue()


def _image(fmt: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, format=fmt)
    return buf.getvalue()


def _ole2_with_stream(name: str) -> bytes:
    # an OLE2 header, then a directory entry naming the stream (UTF-16LE, as the format spells it)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + name.encode("utf-16-le") + bytes(64)


# (bytes, expected message key, expected kind)
REFUSED = [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "ingest.error.format_pdf", "PDF"),
    # the case: a text file named .xlsx that starts with %PDF-1.4 used to be read as a CSV
    ("%PDF-1.4\n客户编号,逾期天数\nA,1\n".encode(), "ingest.error.format_pdf", "PDF"),
    (_png(), "ingest.error.format_image", "PNG"),
    (_image("JPEG"), "ingest.error.format_image", "JPEG"),
    (_image("GIF"), "ingest.error.format_image", "GIF"),
    (_image("BMP"), "ingest.error.format_image", "BMP"),
    (_image("WEBP"), "ingest.error.format_image", "WebP"),
    (_image("TIFF"), "ingest.error.format_image", "TIFF"),
    (_zip({"data.csv": CSV.encode()}), "ingest.error.format_archive", "ZIP"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40), "ingest.error.format_archive", "7z"),
    (b"Rar!\x1a\x07\x01\x00" + bytes(40), "ingest.error.format_archive", "RAR"),
    (gzip.compress(CSV.encode()), "ingest.error.format_archive", "gzip"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
     "ingest.error.format_document", "Word (.docx)"),
    (_ole2_with_stream("WordDocument"), "ingest.error.format_document", "Word (.doc)"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
     "ingest.error.format_ods", "OpenDocument (.ods)"),
    (b"\x7fELF\x02\x01\x01" + bytes(60), "ingest.error.format_binary", "ELF"),
]


@pytest.mark.parametrize("data, key, kind", REFUSED, ids=[f"{r[2]}-{i}" for i, r in enumerate(REFUSED)])
@pytest.mark.parametrize("name", ["明细.xlsx", "data.csv"])
def test_what_is_not_a_table_is_refused_by_its_bytes_whatever_its_name(data, key, kind, name):
    with pytest.raises(IngestError) as err:
        read_table(data, name)
    assert err.value.code == key and err.value.params["kind"] == kind
    zh, en = err.value.message("zh"), err.value.message("en")
    assert name in zh and name in en and zh != en
    # the message names what the file is, in each language, and what to upload instead
    what = {"ingest.error.format_pdf": ("PDF 文档", "PDF document"),
            "ingest.error.format_image": ("图片", "an image"),
            "ingest.error.format_archive": ("压缩包", "compressed archive"),
            "ingest.error.format_document": ("文档", "a document"),
            "ingest.error.format_ods": ("电子表格", "spreadsheet"),
            "ingest.error.format_binary": ("程序文件", "program file")}[key]
    assert what[0] in zh and what[1] in en
    assert (".xlsx" in zh or "CSV" in zh) and (".xlsx" in en or "CSV" in en)
    assert kind in zh or key == "ingest.error.format_pdf"


@pytest.mark.parametrize("text", [
    "BMI,score\n1,2\n",            # "BM" starts a bitmap only with its reserved zero bytes
    "MZ_code,balance\nA,1\n",      # "MZ" starts a program only with binary bytes after it
    "BZh,x\n1,2\n",
    "GIF,余额\n1,2\n",
])
def test_text_that_merely_starts_like_a_signature_is_still_a_csv(text):
    assert sniff_refused(text.encode()) is None
    raw = read_table(text.encode(), "a.csv")
    assert list(raw.frame.columns) == text.splitlines()[0].split(",")


def test_disguised_text_and_real_workbooks_are_still_read():
    # a CSV wearing an .xlsx name, and HTML/TSV wearing an .xls name, as exports do
    raw = read_table(CSV.encode("gbk"), "明细.xlsx")
    assert raw.file_format == "csv" and raw.frame["客户编号"].tolist() == ["A001", "A002"]
    html = "<html><body><table><tr><th>客户编号</th><th>逾期天数</th></tr><tr><td>A1</td><td>3</td></tr></table></body></html>"
    assert read_table(html.encode(), "export.xls").file_format == "html"
    tsv = CSV.replace(",", "\t")
    assert read_table(tsv.encode(), "export.xls").file_format == "tsv"
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("明细")
    for i, row in enumerate(line.split(",") for line in CSV.splitlines()):
        ws.write_row(i, 0, row)
    wb.close()
    assert sniff_refused(buf.getvalue()) is None
    assert read_table(buf.getvalue(), "a.xlsx").frame["客户编号"].tolist() == ["A001", "A002"]


def test_a_damaged_zip_is_still_called_a_damaged_workbook():
    with pytest.raises(IngestError) as err:
        read_table(b"PK\x03\x04" + bytes(200), "a.xlsx")
    assert err.value.code == "ingest.error.unreadable_workbook"


# ---- day-first dates and decimal commas --------------------------------------------------------

from analysis.ingest.parsing import date_order_of, number_convention, parse_dates, parse_months, parse_numbers  # noqa: E402
from analysis.ingest.portfolio import (  # noqa: E402
    IngestOptions, build_portfolio, format_questions, load_portfolio, mapping_from_json, mapping_to_json,
)
import pandas as pd  # noqa: E402

MAPPING = {"account_id": "客户编号", "snapshot_date": "统计日期", "days_past_due": "逾期天数",
           "balance": "贷款余额"}


def _csv(rows: list[tuple[str, str, str, str]], extra_header: str = "", sep: str = ",") -> bytes:
    header = sep.join(["客户编号", "统计日期", "逾期天数", "贷款余额"]) + extra_header
    return ("\n".join([header] + [sep.join(r) for r in rows]) + "\n").encode()


def _notes(res, key):
    return [p for k, p in res.summary["notes"] if k == key]


def test_day_first_dates_are_detected_from_a_day_above_12():
    # 01/02/2024 alone could be January 2; 28/02/2024 in the same column can only be day-first,
    # so both are February (by hand: day 1 and day 28 of month 2)
    data = _csv([("A1", "01/02/2024", "0", "100"), ("A2", "28/02/2024", "0", "200"),
                 ("A1", "31/01/2024", "0", "90")])
    res = load_portfolio(data, "a.csv", mapping=MAPPING)
    assert sorted(res.portfolio["month"].tolist()) == ["2024-01", "2024-02", "2024-02"]
    assert _notes(res, "ingest.note.day_first") == [{"column": "统计日期", "example": "28/02/2024"}]


def test_ambiguous_dates_keep_month_first_and_are_offered():
    data = _csv([("A1", "01/02/2024", "0", "100"), ("A1", "02/03/2024", "0", "100")])
    res = load_portfolio(data, "a.csv", mapping=MAPPING)
    assert res.portfolio["month"].tolist() == ["2024-01", "2024-02"]  # January 2, February 3
    assert _notes(res, "ingest.note.date_order_ambiguous") == [{"column": "统计日期", "example": "01/02/2024"}]
    assert format_questions(read_table(data, "a.csv"), MAPPING)["date_order"] == [("统计日期", "01/02/2024")]
    # the option honoured: day first gives February and March
    forced = load_portfolio(data, "a.csv", mapping=MAPPING, options=IngestOptions(date_order="dmy"))
    assert forced.portfolio["month"].tolist() == ["2024-02", "2024-03"]
    assert not _notes(forced, "ingest.note.date_order_ambiguous")


def test_date_order_of_the_column_not_of_each_value():
    assert date_order_of(["1/2/2024", "13/2/2024"]) == ("dmy", "13/2/2024")
    assert date_order_of(["1/2/2024", "1/13/2024"]) == ("mdy", "1/13/2024")
    assert date_order_of(["13/2/2024", "1/13/2024"]) == (None, None)  # contradicts itself
    assert date_order_of(["1/1/2024", "2024-05-31"]) == (None, None)  # 1/1 reads the same both ways
    v = pd.Series(["03/04/2023", "25/12/2023"])
    assert parse_dates(v).dt.strftime("%Y-%m-%d").tolist() == ["2023-04-03", "2023-12-25"]
    assert parse_dates(v, "mdy").dt.strftime("%Y-%m-%d").tolist() == ["2023-03-04", "2023-12-25"]
    assert parse_months(pd.Series(["03/04/2023"]), "dmy").tolist() == ["2023-04"]


@pytest.mark.parametrize("cells, expected", [
    # by hand: dots group thousands, the comma marks decimals
    (["1.234,56", "99,5"], [1234.56, 99.5]),
    (["1 234,56", "12,5"], [1234.56, 12.5]),
    (["1\u00a0234,5", "7"], [1234.5, 7.0]),
    (["12,5", "1.000"], [12.5, 1000.0]),
    (["1.234.567", "3"], [1234567.0, 3.0]),
])
def test_decimal_commas_are_detected_and_read(cells, expected):
    assert number_convention(pd.Series(cells))[0] == "comma"
    assert parse_numbers(pd.Series(cells))[0].tolist() == expected


def test_decimal_comma_column_in_a_file_with_a_note():
    data = _csv([("A1", "2024-01-31", "0", "1.234,56"), ("A2", "2024-01-31", "0", "10,5")], sep=";")
    res = load_portfolio(data, "a.csv", mapping=MAPPING)
    assert res.portfolio["balance"].tolist() == [1234.56, 10.5]
    assert res.summary["balance_accepted"] == pytest.approx(1245.06)
    assert _notes(res, "ingest.note.decimal_comma") == [{"column": "贷款余额", "example": "1.234,56"}]


def test_amounts_all_written_like_1_234_read_with_a_dot_and_said_so():
    # a European export: 1.234 may be 1.234 or 1234; the usual reading is kept, the question asked
    rows = [("A1", "2024-01-31", "0", "1.234"), ("A2", "2024-01-31", "0", "25.000"), ("A3", "2024-01-31", "0", "7")]
    data = _csv(rows, sep=";")
    res = load_portfolio(data, "a.csv", mapping=MAPPING)
    assert res.portfolio["balance"].tolist() == [1.234, 25.0, 7.0]
    assert _notes(res, "ingest.note.decimal_dot_ambiguous") == [{"column": "贷款余额", "example": "1.234"}]
    raw = read_table(data, "a.csv")
    assert format_questions(raw, MAPPING)["decimal_comma"] == [("贷款余额", "1.234")]
    assert build_portfolio(raw, MAPPING, IngestOptions(decimal_comma=True)).portfolio["balance"].tolist() \
        == [1234.0, 25000.0, 7.0]
    # one amount with another number of decimals settles it: no note, no question
    settled = _csv(rows + [("A4", "2024-01-31", "0", "12.5")], sep=";")
    assert not _notes(load_portfolio(settled, "a.csv", mapping=MAPPING), "ingest.note.decimal_dot_ambiguous")
    assert format_questions(read_table(settled, "a.csv"), MAPPING)["decimal_comma"] == []


def test_ambiguous_commas_keep_thousands_and_are_offered():
    data = _csv([("A1", "2024-01-31", "0", '"1,234"'), ("A2", "2024-01-31", "0", '"2,500"')])
    res = load_portfolio(data, "a.csv", mapping=MAPPING)
    assert res.portfolio["balance"].tolist() == [1234.0, 2500.0]
    assert _notes(res, "ingest.note.decimal_comma_ambiguous") == [{"column": "贷款余额", "example": "1,234"}]
    raw = read_table(data, "a.csv")
    assert format_questions(raw, MAPPING)["decimal_comma"] == [("贷款余额", "1,234")]
    forced = build_portfolio(raw, MAPPING, IngestOptions(decimal_comma=True))
    assert forced.portfolio["balance"].tolist() == [1.234, 2.5]
    # and forcing the dot on a detected comma column reads the commas as thousands again
    eu = load_portfolio(_csv([("A1", "2024-01-31", "0", '"12,5"')]), "a.csv", mapping=MAPPING,
                        options=IngestOptions(decimal_comma=False))
    assert eu.portfolio["balance"].tolist() == [125.0]


def test_us_and_plain_numbers_are_read_as_before():
    assert number_convention(pd.Series(["1,234.56", "1,234"])) == ("dot", "1,234.56")
    assert number_convention(pd.Series(["1234.56", "7"])) == (None, None)
    assert parse_numbers(pd.Series(["1,234.56", "1,234,567"]))[0].tolist() == [1234.56, 1234567.0]
    res = load_portfolio(_csv([("A1", "2024-01-31", "0", "1234.5")]), "a.csv", mapping=MAPPING)
    assert not [k for k, _ in res.summary["notes"] if "decimal_comma" in k or "date_order" in k or "day_first" in k]


def test_bad_option_values_are_refused():
    for bad in (IngestOptions(date_order="ydm"), IngestOptions(decimal_comma="yes")):
        with pytest.raises(IngestError) as err:
            load_portfolio(_csv([("A1", "2024-01-31", "0", "1")]), "a.csv", mapping=MAPPING, options=bad)
        assert err.value.code == "ingest.error.bad_option"


@pytest.mark.parametrize("date_order, decimal_comma", [("dmy", True), ("mdy", False), ("auto", "auto")])
def test_mapping_json_round_trips_the_new_options(date_order, decimal_comma):
    text = mapping_to_json(MAPPING, IngestOptions(date_order=date_order, decimal_comma=decimal_comma))
    mapping, options = mapping_from_json(text)
    assert mapping == MAPPING
    assert options.date_order == date_order and options.decimal_comma is decimal_comma \
        or options.decimal_comma == decimal_comma == "auto"
    # a mapping file saved before these options existed reads as "auto"
    old = mapping_from_json('{"mapping": {"balance": "贷款余额"}, "options": {"amount_unit": "wan"}}')[1]
    assert (old.date_order, old.decimal_comma) == ("auto", "auto")


@pytest.mark.parametrize("flags, months, balances", [
    ([], ["2024-01", "2024-02"], 2 * 1234.0),                                  # today's reading
    (["--date-order", "dmy", "--decimal-comma", "yes"], ["2024-02", "2024-03"], 2 * 1.234),
])
def test_cli_date_order_and_decimal_comma(tmp_path, capsys, flags, months, balances):
    from tests.cli.books import run_cli

    path = tmp_path / "a.csv"
    path.write_bytes(_csv([("A1", "01/02/2024", "0", '"1,234"'), ("A1", "02/03/2024", "0", '"1,234"')]))
    code, payload, err = run_cli(capsys, "inspect", str(path), "--json", *flags)
    assert code == 0, err
    assert payload["months"] == months
    assert payload["balance_total"] == round(balances, 2)  # the JSON's totals are to the cent
    ambiguous = [n for n in payload["notes"] if "either" in n or "may separate" in n]
    assert len(ambiguous) == (2 if not flags else 0)


def test_a_month_with_far_fewer_accounts_than_the_month_before_is_noted():
    rows = [(f"A{i}", "2024-05-31", "0", "100") for i in range(10)] + [("A1", "2024-06-30", "0", "100")]
    res = load_portfolio(_csv(rows), "a.csv", mapping=MAPPING)
    assert _notes(res, "ingest.note.thin_month") == [{"month": "2024-06", "accounts": 1, "previous_accounts": 10}]
    whole = [(f"A{i}", m, "0", "100") for m in ("2024-05-31", "2024-06-30") for i in range(10)]
    assert not _notes(load_portfolio(_csv(whole), "a.csv", mapping=MAPPING), "ingest.note.thin_month")


def test_a_fixed_width_report_is_named_as_such_not_as_a_missing_column():
    from analysis.ingest.errors import IngestError
    from analysis.ingest.readers import read_table

    text = ("ACCOUNT    DATE        BALANCE   DPD\n"
            "A00001     2024-01-31  1200.00   0\n"
            "A00002     2024-01-31   300.50   35\n").encode()
    with pytest.raises(IngestError) as err:
        read_table(text, "report.txt")
    assert err.value.code == "ingest.error.fixed_width"
    assert "Fixed width" in err.value.message("en") and "固定宽度" in err.value.message("zh")
    one = read_table("account id\nA1\nA2\n".encode(), "one.txt")  # one column of a name with a space: read
    assert list(one.frame.columns) == ["account id"]
