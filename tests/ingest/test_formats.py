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
