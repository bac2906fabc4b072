"""Hostile workbooks built at test time (never committed): a few KB each that would make an
unguarded reader allocate gigabytes, or abort the process.

Each builder returns the bytes of an XLSX whose parts are what Excel writes, except for the
one thing that makes it hostile.
"""
from __future__ import annotations

import io
import zipfile

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?>{doctype}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
ENTITY_DOCTYPE = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def inline(ref: str, text: str) -> str:
    """One text cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def number(ref: str, value: float) -> str:
    """One number cell."""
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_xml(rows: str, dimension: str | None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dim}<sheetData>{rows}</sheetData></worksheet>')


def workbook(sheet: str | bytes, doctype: str = "") -> bytes:
    """A one-sheet XLSX around ``sheet`` (the worksheet XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB.format(doctype=doctype))
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def table_rows(n: int, first_row: int = 1) -> str:
    """A header and ``n`` data rows of a portfolio (account, month-end, balance, DPD)."""
    head = (f'<row r="{first_row}">' + inline(f"A{first_row}", "账户") + inline(f"B{first_row}", "日期")
            + inline(f"C{first_row}", "余额") + inline(f"D{first_row}", "逾期天数") + "</row>")
    body = []
    for i in range(1, n + 1):
        r = first_row + i
        body.append(f'<row r="{r}">' + inline(f"A{r}", f"A{i:05d}") + inline(f"B{r}", "2024-01-31")
                    + number(f"C{r}", 100 + i) + number(f"D{r}", i % 40) + "</row>")
    return head + "".join(body)


def sparse(last_cell: str = "XFD1048576", declare: bool = True) -> bytes:
    """One cell at A1 and one at ``last_cell``: ~1.5 KB."""
    row = int("".join(c for c in last_cell if c.isdigit()))
    rows = f'<row r="1">{inline("A1", "x")}</row><row r="{row}">{number(last_cell, 1)}</row>'
    return workbook(sheet_xml(rows, f"A1:{last_cell}" if declare else None))


def lying_dimension(declared: str, rows: int = 3) -> bytes:
    """A small real table whose dimension claims ``declared``."""
    return workbook(sheet_xml(table_rows(rows), declared))


def zip_bomb(unpacked_mb: int = 80) -> bytes:
    """A sheet of ``unpacked_mb`` MB of one repeated empty row (packs ~1000×)."""
    one = '<row><c t="inlineStr"><is><t></t></is></c></row>'
    body = one * (unpacked_mb * 1024 * 1024 // len(one))
    return workbook(sheet_xml(body, None))


def entity_expansion() -> bytes:
    """A workbook part with a billion-laughs DOCTYPE."""
    return workbook(sheet_xml(table_rows(2), "A1:D3"), doctype=ENTITY_DOCTYPE)


def shared_strings(declared: int) -> bytes:
    """A 2×2 table whose header comes from a shared-string table declaring ``declared`` strings
    (it holds two): the reader reserves 24 bytes per declared string before reading one."""
    sheet = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                      f'<row r="2">{number("A2", 1)}{number("B2", 2)}</row>', "A1:B2")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook(sheet))) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
            z.writestr(info.filename, data)
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                   f'spreadsheetml/2006/main" count="{declared}" uniqueCount="{declared}"><si><t>账户</t></si><si><t>余额</t></si></sst>')
    return out.getvalue()


def external_link(target: str = "file:///C:/报表/总账%202024.xlsx") -> bytes:
    """A small table whose workbook links to another file (``TargetMode="External"``), as a
    formula such as ``=[总账 2024.xlsx]Sheet1!A1`` leaves behind."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(lying_dimension("A1:D4")), "r") as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(info.filename, zin.read(info))
        z.writestr("xl/externalLinks/externalLink1.xml", '<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns='
                   '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r='
                   '"http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>')
        z.writestr("xl/externalLinks/_rels/externalLink1.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
                   '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
                   f'Target="{target}" TargetMode="External"/></Relationships>')
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# hostile readers: what a child process may do instead of answering (module-level, so the
# sandbox's child can import them by name)


def allocate(mb: int) -> int:
    """Allocate ``mb`` MB in one piece (a Python ``MemoryError`` past the child's limit)."""
    return len(bytearray(mb * 1024 ** 2))


def abort() -> None:
    """Abort the process, as a native reader does when an allocation fails."""
    import os
    os.abort()


def segfault() -> None:
    """Read address 0: a native reader's bug."""
    import ctypes
    ctypes.string_at(0)


def hang(seconds: float) -> None:
    """Take ``seconds`` to answer."""
    import time
    time.sleep(seconds)


def refuse(name: str) -> None:
    """Refuse the file, as a guard or reader does."""
    from analysis.ingest.errors import IngestError
    raise IngestError("ingest.error.empty_file", name=name)


def fail() -> None:
    """An unexpected error in the reader."""
    raise KeyError("xl/sharedStrings.xml")


def echo(value):
    """Answer with the value given."""
    return value
