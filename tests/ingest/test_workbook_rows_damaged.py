"""Sheets whose rows a reader cannot place without guessing are refused, not loaded wrong.

Hand-written XML (as a non-standard exporter writes it): a row number given twice, a row without
``r=`` whose implied number comes again, a shared-string cell whose value is no index, a second
``<sheetData>``. Read as they are, a row was lost, two rows merged (one account with another's
balance), an account read as the first shared string (北京分行), or half the rows dropped, without
a word (workbook_guard.sheet_span's damage).
"""
from __future__ import annotations

import io
import warnings
import zipfile

import pytest

from analysis.ingest.errors import IngestError
from analysis.ingest.readers import read_table

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
          'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.'
          'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '</Types>')


def _book(sheet_data: str, strings: tuple[str, ...] = ("北京分行",)) -> bytes:
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": _TYPES,
        "_rels/.rels": f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {NS} xmlns:r="{_REL}"><sheets><sheet name="明细" sheetId="1" r:id="rId1"/>'
                           '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{_REL}/'
                                      'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="'
                                      f'{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst {NS} count="{len(strings)}" uniqueCount="{len(strings)}">'
                                + "".join(f"<si><t>{x}</t></si>" for x in strings) + "</sst>",
        "xl/worksheets/sheet1.xml": f"<worksheet {NS}>{sheet_data}</worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return out.getvalue()


def _text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _row(r: int | None, account: str, i: int) -> str:
    at = f' r="{r}"' if r else ""
    ref = (lambda col: f"{col}{r}") if r else (lambda col: "")
    cell = (lambda col, v: _text(ref(col), v)) if r else (lambda col, v: f'<c t="inlineStr"><is><t>{v}</t></is></c>')
    number = (lambda col, v: f'<c r="{ref(col)}"><v>{v}</v></c>') if r else (lambda col, v: f"<c><v>{v}</v></c>")
    return f"<row{at}>{cell('A', account)}{cell('B', '2024-01-31')}{number('C', 100 + i)}{number('D', i)}</row>"


HEADER = '<row r="1">' + _text("A1", "账户") + _text("B1", "日期") + _text("C1", "余额") + _text("D1", "逾期天数") + "</row>"
GOOD = HEADER + "".join(_row(r, f"A{r}", r) for r in (2, 3, 4, 5))
CASES = {
    "repeated_row": HEADER + _row(2, "A2", 2) + _row(3, "A3", 3) + _row(3, "A4", 4) + _row(4, "A5", 5),
    "row_without_number": HEADER + _row(2, "A2", 2) + _row(None, "A3", 3) + _row(3, "A4", 4) + _row(4, "A5", 5),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_row_number_given_twice_is_refused_naming_the_row(case):
    with pytest.raises(IngestError) as err:
        read_table(_book(f"<sheetData>{CASES[case]}</sheetData>"), "x.xlsx")
    assert err.value.code == "ingest.error.workbook_damaged_repeated_row" and err.value.params["detail"] == 3
    assert "第 3 行出现了两次" in err.value.message("zh")


@pytest.mark.parametrize("index", ["-1", "abc", "4.9"])
def test_a_text_cell_without_a_string_index_is_refused(index):
    bad = HEADER.replace(_text("A1", "账户"), f'<c r="A1" t="s"><v>{index}</v></c>')
    with pytest.raises(IngestError) as err:
        read_table(_book(f"<sheetData>{bad}{GOOD[len(HEADER):]}</sheetData>"), "x.xlsx")
    assert err.value.code == "ingest.error.workbook_damaged_string_index" and err.value.params["detail"] == index


def test_a_second_data_section_is_refused():
    first, second = _row(2, "A2", 2) + _row(3, "A3", 3), _row(4, "A4", 4) + _row(5, "A5", 5)
    with pytest.raises(IngestError) as err:
        read_table(_book(f"<sheetData>{HEADER}{first}</sheetData><sheetData>{second}</sheetData>"), "x.xlsx")
    assert err.value.code == "ingest.error.workbook_damaged_sheet_data" and err.value.params["detail"] == 2


def test_rows_out_of_order_and_shared_strings_still_load():
    shared = HEADER.replace(_text("A1", "账户"), '<c r="A1" t="s"><v>0</v></c>')
    rows = _row(2, "A2", 2) + _row(4, "A4", 4) + _row(3, "A3", 3) + _row(5, "A5", 5)
    raw = read_table(_book(f"<sheetData>{shared}{rows}</sheetData>", ("账户",)), "x.xlsx")
    assert list(raw.frame.columns)[0] == "账户"
    assert sorted(raw.frame.iloc[:, 0].tolist()) == ["A2", "A3", "A4", "A5"]


def test_two_parts_of_one_name_are_refused():
    # a zip with the sheet XML twice: readers take one or the other, and which was read went unsaid
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_book(f"<sheetData>{GOOD}</sheetData>"))) as src, \
            zipfile.ZipFile(data, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        with warnings.catch_warnings():  # zipfile warns of the duplicate name it is asked to write
            warnings.simplefilter("ignore")
            out.writestr("xl/worksheets/sheet1.xml", f"<worksheet {NS}><sheetData>{HEADER}</sheetData></worksheet>")
    with pytest.raises(IngestError) as err:
        read_table(data.getvalue(), "x.xlsx")
    assert err.value.code == "ingest.error.unreadable_workbook"


def test_a_dos_end_of_file_mark_is_no_row():
    text = "账户,日期,余额,逾期天数\r\nA1,2024-01-31,100,0\r\nA2,2024-01-31,200,5\r\n\x1a"
    raw = read_table(text.encode("utf-8"), "dos.csv")
    assert raw.frame["账户"].tolist() == ["A1", "A2"] and raw.source_rows.tolist() == [2, 3]


def test_one_long_shared_string_pointed_at_by_every_cell_is_refused():
    # a 14 KB workbook whose 800 account cells pointed at one 1 MB string held 3.3 GB once read
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c>{_text(f"B{r}", "2024-01-31")}'
                   f'<c r="C{r}"><v>1</v></c><c r="D{r}"><v>0</v></c></row>' for r in range(2, 802))
    data = _book(f"<sheetData>{HEADER}{rows}</sheetData>", ("x" * (1 << 20),))
    assert len(data) < 50_000
    with pytest.raises(IngestError) as err:
        read_table(data, "x.xlsx")
    assert err.value.code == "ingest.error.workbook_long_text" and err.value.params["size"] > 1 << 20


def test_nuls_padding_a_text_file_to_a_block_are_no_part_of_it():
    text = "账户,日期,余额,逾期天数\nA1,2024-01-31,100,0\nA2,2024-01-31,200,5\n".encode() + b"\x00" * 100_000
    raw = read_table(text, "padded.csv")
    assert raw.frame["账户"].tolist() == ["A1", "A2"]
    utf16 = "账户,日期,余额,逾期天数\nA1,2024-01-31,100,0\n".encode("utf-16-le")  # NULs all through: kept
    assert read_table(utf16, "u16.csv").frame["账户"].tolist() == ["A1"]


def test_a_small_utf8_file_with_one_bad_byte_is_read_naming_its_line():
    # the same damage far down a big file was read with the line named; in a small file (all of it
    # the head) it refused the whole file as "neither UTF-8 nor GBK"
    rows = "".join(f"A{i},2024-01-31,{100 + i},0\n" for i in range(1, 30))
    data = ("账户,日期,余额,逾期天数\n" + rows).encode() + b"B\xb0\xa1,2024-01-31,5,0\n"
    raw = read_table(data, "small.csv")
    assert len(raw.frame) == 30
    assert dict(raw.notes)["ingest.note.not_utf8_lines"] == {"lines": ("31",), "n": 1}
    with pytest.raises(IngestError) as err:  # a GBK file mostly damaged is still an encoding refusal
        read_table("账户,余额\n张三,1\n".encode("gbk") + b"\x81\x20,2\n", "gbk.csv")
    assert err.value.code == "ingest.error.encoding"
    # one damaged line among twenty of Chinese text is read, naming it (it refused the whole file)
    rows = "".join(f"A{i},张三{i},{i}\n" for i in range(20))
    gbk = ("账户,姓名,余额\n" + rows).encode("gbk") + b"B1,\x81\x20,5\n"
    raw = read_table(gbk, "gbk.csv")
    assert len(raw.frame) == 21 and raw.frame["姓名"].tolist()[0] == "张三0"
    assert dict(raw.notes)["ingest.note.not_legacy_lines"] == {"encoding": "GB18030", "lines": ("22",), "n": 1}


def test_a_shared_string_just_under_the_limit_pointed_at_by_every_cell_is_refused_by_what_it_reads_to():
    # 200 bytes under the 1 MiB a text may have, 800 cells: 1.7 GB in the server (3.4 GB in the CLI)
    import resource

    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c>{_text(f"B{r}", "2024-01-31")}'
                   f'<c r="C{r}"><v>1</v></c><c r="D{r}"><v>0</v></c></row>' for r in range(2, 802))
    data = _book(f"<sheetData>{HEADER}{rows}</sheetData>", ("x" * ((1 << 20) - 200),))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with pytest.raises(IngestError) as err:
        read_table(data, "x.xlsx")
    assert err.value.code == "ingest.error.workbook_expands" and err.value.params["size_mb"] > 800
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before < 400  # the child read it, not we
    assert "150" in err.value.message("zh")


def test_a_workbook_written_with_single_quotes_keeps_its_hidden_sheet_hidden():
    # XML allows name='…' state='hidden': read for double quotes only, every sheet was visible and
    # the hidden first sheet (last year's data) was read instead of the visible one
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    old = "".join(f'<row r="{r}">{_text(f"A{r}", f"Z{r}")}{_text(f"B{r}", "2023-12-31")}<c r="C{r}"><v>1</v></c>'
                  f'<c r="D{r}"><v>0</v></c></row>' for r in range(2, 12))
    parts = {
        "[Content_Types].xml": _TYPES.replace("</Types>", '<Override PartName="/xl/worksheets/sheet2.xml" ContentType='
                                              '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet'
                                              '+xml"/></Types>'),
        "_rels/.rels": f"<Relationships xmlns='{rels}'><Relationship Id='rId1' Type='{_REL}/officeDocument' "
                       "Target='xl/workbook.xml'/></Relationships>",
        "xl/workbook.xml": f"<workbook {NS} xmlns:r='{_REL}'><sheets><sheet name='旧数据' sheetId='1' state='hidden' "
                           "r:id='rId1'/><sheet name='明细' sheetId='2' r:id='rId2'/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f"<Relationships xmlns='{rels}'><Relationship Id='rId1' Type='{_REL}/worksheet' "
                                      f"Target='worksheets/sheet1.xml'/><Relationship Id='rId2' Type='{_REL}/worksheet' "
                                      "Target='worksheets/sheet2.xml'/></Relationships>",
        "xl/worksheets/sheet1.xml": f"<worksheet {NS}><sheetData>{HEADER}{old}</sheetData></worksheet>",
        "xl/worksheets/sheet2.xml": f"<worksheet {NS}><sheetData>{GOOD}</sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    raw = read_table(out.getvalue(), "quoted.xlsx")
    assert raw.sheet == "明细" and raw.frame["账户"].tolist() == ["A2", "A3", "A4", "A5"]
    assert raw.hidden_sheets == ("旧数据",)


def test_days_and_amounts_formatted_as_dates_are_read_as_the_numbers_excel_stores():
    # 逾期天数 formatted yyyy-mm-dd read as 1900-01-07 …: the file was refused as having no DPD
    # column while the message listed that very column
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf)
    sheet, as_date = book.add_worksheet(), book.add_format({"num_format": "yyyy-mm-dd"})
    for j, name in enumerate(["账户", "日期", "贷款余额", "逾期天数"]):
        sheet.write(0, j, name)
    for i, (balance, dpd) in enumerate([(1200, 0), (1300, 7), (45000, 64), (100, 59)], start=1):
        sheet.write(i, 0, f"A{i}")
        sheet.write(i, 1, "2024-01-31")
        sheet.write_number(i, 2, balance, as_date)
        sheet.write_number(i, 3, dpd, as_date)
    book.close()
    raw = read_table(buf.getvalue(), "dates.xlsx")
    assert raw.frame["逾期天数"].tolist() == [0, 7, 64, 59] and raw.frame["贷款余额"].tolist() == [1200, 1300, 45000, 100]
    assert ("ingest.note.dates_as_numbers", {"columns": ("贷款余额", "逾期天数")}) in raw.notes
    assert raw.frame["日期"].tolist()[0] == "2024-01-31"  # a real date column stays as it is


def test_a_gbk_export_appended_to_a_utf8_one_is_read_line_by_line():
    # the file was read as GB18030: the UTF-8 half garbled into title rows, and the refusal named
    # the wrong problem ("no DPD column"; columns B00001、2024-01-31 …)
    head = "账户,日期,余额,逾期天数,分行\n"
    first = "".join(f"A{i},2024-01-31,{100 + i},0,北京分行\n" for i in range(10))
    second = "".join(f"B{i},2024-01-31,{200 + i},5,上海分行\n" for i in range(10))
    raw = read_table((head + first).encode() + second.encode("gbk"), "joined.csv")
    assert list(raw.frame.columns) == ["账户", "日期", "余额", "逾期天数", "分行"]
    assert raw.frame["分行"].tolist() == ["北京分行"] * 10 + ["上海分行"] * 10
    note = dict(raw.notes)["ingest.note.not_utf8_lines"]
    assert note["n"] == 10 and note["lines"] == ("12", "13", "14", "15", "16…")


def test_a_block_of_nuls_between_lines_is_removed_and_said():
    rows = "".join(f"A{i},2024-01-31,{100 + i},0\n" for i in range(300))
    head = "账户,日期,余额,逾期天数\n"
    cut = head + rows[:rows.index("A200,")]
    data = cut.encode() + b"\x00" * 5000 + rows[rows.index("A200,"):].encode()
    raw = read_table(data, "padded.csv")
    assert len(raw.frame) == 300 and raw.frame["账户"].tolist()[200] == "A200"
    assert dict(raw.notes)["ingest.note.nul_blocks_removed"] == {"n": 5000, "line": 202}


@pytest.mark.parametrize("spelling", [
    ("<row r=\"3\">", "<row r='3'>"),                       # a row given twice, in single quotes
    ('<c r="A2" t="inlineStr">', "<c r = \"A2\" t=\"inlineStr\">"),  # spaces around "="
    ('<c r="C2">', "<c" + " " * 600 + ' r="C2">'),           # the reference past what the checks read
    ('<c r="C2">', '<c r="C2" t= "s">'),                      # a text cell's type with a space
])
def test_cells_and_rows_spelled_as_no_spreadsheet_writes_them_are_refused(spelling):
    # XML allows r='3', r = "3" and long tags; the reader takes them, the checks read r="…" only:
    # a row given twice merged two accounts, t='s' with <v>-1</v> read an account as 北京分行, and a
    # stray cell at XFD1048576 in single quotes aborted the reader (hostile round 5, #4).
    usual, odd = spelling
    sheet = HEADER + _row(2, "A2", 2) + _row(3, "A3", 3) + _row(3, "A4", 4)
    sheet = sheet.replace(usual, odd, 1) if usual.startswith("<c") else sheet.replace(usual, odd)
    with pytest.raises(IngestError) as err:
        read_table(_book(f"<sheetData>{sheet}</sheetData>"), "x.xlsx")
    assert err.value.code == "ingest.error.workbook_damaged_odd_attributes"
    assert "单引号" in err.value.message("zh") and "single quotes" in err.value.message("en")


def test_an_apostrophe_or_an_equals_sign_in_a_text_is_no_odd_spelling():
    sheet = HEADER + _row(2, "O'Brien = A2", 2) + _row(3, "A3", 3)
    raw = read_table(_book(f"<sheetData>{sheet}</sheetData>"), "x.xlsx")
    assert raw.frame.iloc[:, 0].tolist() == ["O'Brien = A2", "A3"]


def test_many_sheet_names_over_one_part_read_that_part_once():
    # 20,000 <sheet> entries pointing (one relationship) at one summary part had the reader read
    # it once per entry looking for a data sheet: 152 s for a 140 KB file (hostile round 5, #7)
    import time

    summary = ('<row r="1">' + _text("A1", "机构") + _text("B1", "户数") + _text("C1", "余额") + "</row>"
               + "".join(f'<row r="{r}">{_text(f"A{r}", f"分行{r}")}<c r="B{r}"><v>{r}</v></c>'
                         f'<c r="C{r}"><v>{r * 10}</v></c></row>' for r in range(2, 1002)))
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_book(f"<sheetData>{summary}</sheetData>"))) as src, \
            zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            text = src.read(item)
            if item.filename == "xl/workbook.xml":
                sheets = "".join(f'<sheet name="S{i}" sheetId="{i + 1}" r:id="rId1"/>' for i in range(3000))
                text = text.replace('<sheet name="明细" sheetId="1" r:id="rId1"/>'.encode(), sheets.encode())
            out.writestr(item, text)
    start = time.perf_counter()
    raw = read_table(data.getvalue(), "x.xlsx")  # the summary is all there is: read as it is
    assert len(raw.frame) == 1000 and time.perf_counter() - start < 5
