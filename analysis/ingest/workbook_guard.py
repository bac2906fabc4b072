"""Refuse a hostile or oversized XLSX before a reader allocates for it.

The Excel reader (calamine, in Rust) reserves memory for the range a sheet *declares* and then
builds the dense range its cells *span*. A 2 KB sheet that declares ``A1:XFD1048576`` asks it
for 17 billion cells (a 550 GB allocation: the process aborts, and with it every user's
session); a sheet with one stray cell at ``CV1048576`` costs 100 million cells (~5 GB); a zip
bomb of 4 MB unpacks to gigabytes of XML. None of that can be caught once the reader runs, so
this module reads only the zip directory and streams the sheet XML (counting, never parsing
cells) and says no first:

* the parts' unpacked size and the sheet's compression ratio (zip bombs);
* a ``<!DOCTYPE`` anywhere in the parts a reader opens (entity expansion; Excel never writes one);
* the shared-string table's declared size (the reader reserves 24 bytes per declared string up
  front: a 1 KB part declaring two billion asks for 48 GB and aborts it);
* the declared dimension, and the range the cells really span, against a cell budget;
* a sparse range (a few cells spread over a huge range: a stray cell, the usual cause) gets its
  own message saying which cell to delete.

The limits are configuration (:func:`limits_from`), sized so one server holds one such read
next to other sessions; larger books go through the dataset path (README, "Large books").
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from analysis.ingest.errors import IngestError

#: How much of a sheet's XML is read at a time while counting.
_CHUNK = 1 << 22
# Wider than Excel allows (XFD, 1,048,576): a reference past its end is hostile or damaged, and must
# still be seen (it was not matched, so ``A1:ZZZZ99999999`` passed and cost the reader seconds).
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]{0,512}\bref="([A-Za-z]{1,4})(\d{1,20})(?::([A-Za-z]{1,4})(\d{1,20}))?"')
# The usual spelling first (fast); any prefix and attribute order when a chunk has none of it.
# Attribute runs are bounded ({0,256}): an unbounded [^>]* after each "<c " of a comment holding
# millions of them (no ">" after any) scanned to the chunk's end every time, quadratic: a 20 KB
# upload held the server. Real cells' and rows' attributes are well under the bounds.
_FAST_LETTERS = re.compile(rb'<c r="([A-Za-z]{1,4})\d')  # the reader takes lower case too
_ANY_LETTERS = re.compile(rb'<(?:\w+:)?c\b[^>]{0,256}?\br="([A-Za-z]{1,4})\d')
# Row numbers of any length: a reader parses 11 digits, and \d{1,10} saw no row at all there.
_FAST_ROWS = re.compile(rb'<row r="(\d{1,20})"')
_ANY_ROWS = re.compile(rb'<(?:\w+:)?row\b[^>]{0,512}?\br="(\d{1,20})"')
# A cell's own row, read only where rows do not say theirs (``<row>`` without ``r=``): the reader
# then places the cell by its reference, so ``<c r="BXX1048576">`` spans the sheet.
_CELL_ROWS = re.compile(rb'<(?:\w+:)?c\b[^>]{0,256}?\br="[A-Za-z]{1,4}(\d{1,20})"')
_ANY_ROW_OPEN = re.compile(rb"<\w+:row[\s>]")
_ANY_CELL_OPEN = re.compile(rb"<\w+:c[\s>/]")
_SST_COUNTS = re.compile(rb'<(?:\w+:)?sst\b[^>]{0,4096}>')
_SST_UNIQUE = re.compile(rb'\buniqueCount="(\d+)"')
#: Fewest bytes one shared string takes in the part (``<si><t/></si>``, less a little).
_SST_MIN_BYTES = 8


@dataclass(frozen=True)
class WorkbookLimits:
    """What one workbook may cost before it is read.

    Attributes
    ----------
    max_cells : int
        Cells in the range a sheet declares or spans (rows × columns). The reader holds ~32
        bytes per cell of the range and the table built from it as much again, so 30 million
        cells (Excel's 1,048,576 rows × 28 columns) is ~2 GB at the peak of one read.
    max_unzipped_bytes : int
        The parts' unpacked size together.
    max_ratio : float
        Unpacked / packed size of one part above which a large part is a zip bomb (real sheets
        pack 5–20×; a bomb of empty cells packs 300× and more).
    ratio_floor_bytes : int
        Parts smaller than this unpacked are never judged by their ratio.
    sparse_share, sparse_min_cells : float, int
        A range of at least ``sparse_min_cells`` cells with fewer cells than ``sparse_share`` of
        it is sparse, and refused even under ``max_cells`` (it costs its size for nothing).
    max_columns : int
        Columns a sheet spans (:class:`analysis.ingest.text_guard.TextLimits` says why 2,000).
    max_shared_string_bytes : int
        Bytes of one shared string, as a CSV line may have (``DW_MAX_CSV_LINE_BYTES``): every cell
        that points at a string gets its own copy once read, so a 14 KB workbook whose 800 cells
        point at one 1 MB string held 3.3 GB.
    """

    max_cells: int = 30_000_000
    max_columns: int = 2000
    max_unzipped_bytes: int = 3 * 1024 ** 3
    max_ratio: float = 150.0
    ratio_floor_bytes: int = 64 * 1024 ** 2
    sparse_share: float = 0.01
    sparse_min_cells: int = 2_000_000
    max_shared_string_bytes: int = 1 << 20


#: Environment / secrets keys of the limits (see the README's "Deploying").
LIMIT_KEYS = {"DW_MAX_WORKBOOK_CELLS": "max_cells", "DW_MAX_WORKBOOK_UNZIPPED_BYTES": "max_unzipped_bytes",
              "DW_MAX_COLUMNS": "max_columns", "DW_MAX_CSV_LINE_BYTES": "max_shared_string_bytes"}


def limits_from(*sources: Mapping) -> WorkbookLimits:
    """The limits from mappings such as ``os.environ`` (first one that sets a key wins).

    Examples
    --------
    >>> limits_from({"DW_MAX_WORKBOOK_CELLS": "1000"}, {}).max_cells
    1000
    >>> limits_from({}).max_cells
    30000000
    """
    return WorkbookLimits(**numbers_from(LIMIT_KEYS, sources))


def numbers_from(keys: Mapping[str, str], sources) -> dict[str, int]:
    """``{field: whole number}`` for each of ``keys`` (setting → field) that one of ``sources``
    sets to a whole number (``1_000``, ``1,000`` and ``1000`` alike); the first source wins, and
    text that is not a number is ignored (the default stands).

    Examples
    --------
    >>> numbers_from({"DW_X": "x"}, [{"DW_X": "lots"}, {"DW_X": "2,000"}])
    {'x': 2000}
    """
    values = {}
    for key, field in keys.items():
        for source in sources:
            text = str(source.get(key, "") or "").replace("_", "").replace(",", "").strip()
            if text.isdigit():
                values[field] = int(text)
                break
    return values


def column_number(letters: str | bytes) -> int:
    """Excel column letters → 1-based number.

    Examples
    --------
    >>> column_number("A"), column_number("Z"), column_number("AA"), column_number("XFD")
    (1, 26, 27, 16384)
    """
    text = letters.decode() if isinstance(letters, bytes) else letters
    n = 0
    for ch in text.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(number: int) -> str:
    """1-based column number → Excel letters.

    Examples
    --------
    >>> column_letters(1), column_letters(100), column_letters(16384)
    ('A', 'CV', 'XFD')
    """
    out = ""
    while number > 0:
        number, rem = divmod(number - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass(frozen=True)
class SheetSpan:
    """What a sheet's XML says about its size, from one streaming pass.

    ``declared`` is the dimension's (rows, columns) or ``None``; ``first``/``last`` the
    (row, column) corners of the cells' bounding box (``None`` for an empty sheet); ``cells``
    the number of cell elements.
    """

    declared: tuple[int, int] | None
    first: tuple[int, int] | None
    last: tuple[int, int] | None
    cells: int
    #: What makes the sheet's rows ambiguous to a reader, which would load it wrong without a
    #: word: ``("repeated_row", n)``, ``("string_index", text)``, ``("sheet_data", n)``,
    #: ``("odd_attributes", tag)``; or ``None``.
    damage: tuple[str, object] | None = None

    @property
    def spanned(self) -> int:
        """Cells of the bounding box of the cells present."""
        if self.first is None or self.last is None:
            return 0
        return (self.last[0] - self.first[0] + 1) * (self.last[1] - self.first[1] + 1)


def _declared(head: bytes) -> tuple[int, int] | None:
    m = _DIMENSION.search(head)
    if not m:
        return None
    c1, r1 = column_number(m.group(1)), int(m.group(2))
    if m.group(3) is None:
        return (1, 1)
    c2, r2 = column_number(m.group(3)), int(m.group(4))
    return (abs(r2 - r1) + 1, abs(c2 - c1) + 1)


#: A shared-string cell whose value is no index (``-1``, ``abc``, ``4.9``): the reader read it as
#: string 0 (an account became 北京分行). A value cut at the body's end is not judged.
#: (Led by the literal ``t="s"``: the search jumps between them, six times faster than from "<c".)
_BAD_STRING_INDEX = re.compile(rb't="s"[^>]{0,256}?>\s*<(?:\w+:)?v>(?!\d{1,10}(?:</|$))([^<]{0,40})')
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")
#: A cell's, row's or dimension's attributes spelled as no spreadsheet program writes them, though
#: XML allows it: in single quotes (r='3'), with spaces around "=" (r = "3"), or in a tag longer
#: than the checks read. The reader takes them; the checks above read r="…" only, so such a sheet
#: is refused instead of read past them (a row given twice, a shared-string cell with no index and
#: a stray cell at XFD1048576 went unseen, and the last aborted the reader).
_ODD_ATTRIBUTES = re.compile(rb"<(?:\w+:)?(?:c|row|dimension)\b(?:[^>]{0,512}?(?:=\s*'|\s=|=\s)|[^>]{513})")


def sheet_span(stream) -> SheetSpan:
    """Count a sheet's cells and find the box they span, reading ``stream`` in chunks.

    Columns come from every cell reference's letters (one ``findall`` per chunk: ~1 s for a
    140 MB sheet, against the tens of seconds the reader then takes), rows from the row elements.
    Row numbers given twice, a shared-string cell whose value is no index, and a second
    ``<sheetData>`` are noted as damage: the reader silently merged or dropped those rows.
    """
    declared = None
    damage = None
    seen_rows: list = [bytearray(_EXCEL_ROWS + 1), set(), 0]
    sheet_data = 0
    rows: list[int] = []
    letters: set[bytes] = set()
    cells = row_elements = 0
    carry = b""
    first = True
    in_comment = False
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk and not carry:
            break
        buf = carry + chunk
        # a tag cut at the chunk's end is finished in the next one: keep the tail from the last "<"
        cut = buf.rfind(b"<") if chunk else -1
        body, carry = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
        if in_comment or b"<!--" in body:
            # a comment's "<row " or "<c " are not cells: counted, they made a sheet look sparse
            body, in_comment = _outside_comments(body, in_comment)
        if first:
            declared, first = _declared(body[:65536]), False
        here = _count_cells(body)
        cells += here
        row_tags = body.count(b"<row")  # counted once: a scan of the whole body each time
        row_elements += row_tags or len(_ANY_ROW_OPEN.findall(body))
        fast = _FAST_LETTERS.findall(body)
        # every cell in the usual spelling, or some in another (attributes reordered, a prefix)
        usual = len(fast) >= here
        letters.update(fast if usual else fast + _ANY_LETTERS.findall(body))
        fast_rows = _FAST_ROWS.findall(body)
        found = fast_rows or _ANY_ROWS.findall(body)
        if damage is None:
            plain = usual and len(fast_rows) >= row_tags
            damage = _odd_attributes(body, plain) or _damage(body, found, seen_rows)
        if b"sheetData" in body:  # bytes.find first: a regex tries every "<" of a 100 MB sheet
            sheet_data += len(_SHEET_DATA.findall(body))
        if len(found) < row_tags or (not found and b"<c" in body):
            found = found + _CELL_ROWS.findall(body)  # rows that do not say their number
        if found or rows:
            # a cell placed far below the row it stands in (the reader follows the cell): only
            # references with more digits than any row yet are looked for, so a sheet pays little
            digits = len(str(max([int(r) for r in found] + rows)))
            found = found + _deep_cells(digits, usual).findall(body)
        if found:
            rows += [min(int(r) for r in found), max(int(r) for r in found)]
        if not chunk:
            break
    if damage is None and sheet_data > 1:
        damage = ("sheet_data", sheet_data)
    if not cells:
        return SheetSpan(declared, None, None, 0, damage)
    first_row = min(rows) if rows else 1
    last_row = max(max(rows) if rows else 0, first_row + row_elements - 1)
    cols = sorted(column_number(x) for x in letters) or [1]
    return SheetSpan(declared, (first_row, cols[0]), (last_row, cols[-1]), cells, damage)


#: In a body whose cells and rows start in Excel's spelling, what could still hide an attribute
#: the checks read: "=" not followed by a double quote (``t='s'``, ``t= "s"``), or a space before
#: the "=" of ``t`` (``t ="s"``). Two searches that each start from a literal: ~5 ms a 4 MB body.
_UNQUOTED_EQUALS = re.compile(rb'=[^"]')
_SPACED_TYPE = re.compile(rb"t\s+=")


def _odd_attributes(body: bytes, plain: bool = False) -> tuple[str, str] | None:
    """``("odd_attributes", the tag's start)`` when a cell, row or dimension of ``body`` spells its
    attributes in a way the checks do not read (:data:`_ODD_ATTRIBUTES`), else ``None``.

    ``plain``: every cell and row of ``body`` starts ``<c r="`` / ``<row r="`` (Excel's own
    spelling), so their places are read whatever follows; then only an "=" not followed by a double
    quote, or a spaced ``t =``, can hide an attribute, and a body with neither is not searched (the
    search doubled the check's time on a 127 MB sheet)."""
    if plain and _UNQUOTED_EQUALS.search(body) is None and _SPACED_TYPE.search(body) is None:
        return None
    odd = _ODD_ATTRIBUTES.search(body)
    if odd is None:
        return None
    return ("odd_attributes", odd.group(0)[:40].decode("utf-8", "replace"))


_EXCEL_ROWS = 1_048_576
_ROW_TAG = re.compile(rb'<(?:\w+:)?row\b([^>]{0,512})>')
_ROW_NUMBER = re.compile(rb'\br="(\d{1,20})"')


def _damage(body: bytes, found: list[bytes], seen_rows: list) -> tuple[str, object] | None:
    """A row number given twice, or a shared-string cell without an index, in one body of a sheet's
    XML. ``seen_rows`` is ``[rows so far (a byte each), rows so far past Excel's last, last row]``:
    a row without ``r=`` is the one after the last, as the reader numbers it."""
    seen, beyond, last = seen_rows
    numbers = ([int(r) for r in found] if len(found) >= body.count(b"<row") else
               [int(m.group(1)) if m else None for m in (_ROW_NUMBER.search(t) for t in _ROW_TAG.findall(body))])
    for number in numbers:
        number = last + 1 if number is None else number
        # a byte per row Excel can have (a set of a million rows' numbers held ~60 MB); rows past
        # it, which the span check refuses anyway, in a set
        if number < len(seen):
            if seen[number]:
                return ("repeated_row", number)
            seen[number] = 1
        elif number in beyond:
            return ("repeated_row", number)
        else:
            beyond.add(number)
        last = number
    seen_rows[2] = last
    bad = _BAD_STRING_INDEX.search(body) if b't="s"' in body else None
    if bad is not None:
        return ("string_index", bad.group(1).decode("utf-8", "replace").strip()[:20])
    return None


@lru_cache(maxsize=64)
def _deep_cells(digits: int, usual: bool) -> re.Pattern:
    """Cell references whose row has more than ``digits`` digits (in the usual spelling, or any)."""
    if usual:
        return re.compile(rb'<c r="[A-Za-z]{1,4}(\d{%d,20})"' % (digits + 1))
    return re.compile(rb'<(?:\w+:)?c\b[^>]{0,256}?\br="[A-Za-z]{1,4}(\d{%d,20})"' % (digits + 1))


def _outside_comments(body: bytes, in_comment: bool) -> tuple[bytes, bool]:
    """``body`` without its comments, and whether it ends inside one (``in_comment``: it starts in
    one). A comment's end cannot straddle two bodies: each ends just before a "<"."""
    out, at = [], 0
    if in_comment:
        end = body.find(b"-->")
        if end < 0:
            return b"", True
        at = end + 3
    while (start := body.find(b"<!--", at)) >= 0:
        out.append(body[at:start])
        end = body.find(b"-->", start + 4)
        if end < 0:
            return b"".join(out), True
        at = end + 3
    out.append(body[at:])
    return b"".join(out), False


def _count_cells(body: bytes) -> int:
    n = body.count(b"<c ") + body.count(b"<c>") + body.count(b"<c/>")
    return n or len(_ANY_CELL_OPEN.findall(body))


def check_xlsx(data: bytes, filename: str, sheet_paths: Mapping[str, str] | None = None,
               limits: WorkbookLimits = WorkbookLimits()) -> None:
    """Raise :class:`IngestError` when the workbook in ``data`` is unsafe to hand to a reader.

    :func:`check_xlsx_parts` and then :func:`check_xlsx_cells`: a caller that reads the
    workbook in a memory-limited child process may run the second (a pass over every cell of
    the sheet XML, ~1 s for 240,000 rows) while the child reads.

    Parameters
    ----------
    data : bytes
        The XLSX file.
    filename : str
        For the messages.
    sheet_paths : mapping, optional
        Sheet name → XML part; every worksheet part is checked when omitted.
    limits : WorkbookLimits
        What one workbook may cost.
    """
    check_xlsx_parts(data, filename, sheet_paths, limits)
    check_xlsx_cells(data, filename, sheet_paths, limits)


def _open_zip(data: bytes, filename: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise IngestError("ingest.error.unreadable_workbook", name=filename) from None
    names = zf.namelist()
    if len(set(names)) != len(names):
        # two parts of one name (two sheet XMLs): readers disagree on which one is the sheet, and
        # the one read was not said; Excel calls such a file damaged
        raise IngestError("ingest.error.unreadable_workbook", name=filename)
    return zf


def _sheet_parts(zf: zipfile.ZipFile, sheet_paths: Mapping[str, str] | None) -> dict[str, str]:
    """Sheet name (or part name) → XML part of every sheet to check.

    Every part that holds a worksheet, by its place or by its root element wherever it is stored,
    named as ``sheet_paths`` names it. Not only the named ones: the reader may find a sheet where
    the caller did not (two sheets of one name, a second id, a member whose name differs in case
    or is stored twice), and it may read any sheet when the first has no data.
    """
    names = set(zf.namelist())
    named = {path: sheet for sheet, path in dict(sheet_paths or {}).items() if path in names}
    parts = {p for p in names if p.startswith("xl/worksheets/") and p.endswith(".xml")}
    parts |= {p for p in names - parts if p.lower().endswith(".xml") and _holds_worksheet(zf, p)}
    return {named.get(p, p): p for p in sorted(parts | set(named))}


_WORKSHEET_ROOT = re.compile(rb"<(?:\w+:)?(?:worksheet|sheetData)\b")


def _holds_worksheet(zf: zipfile.ZipFile, name: str) -> bool:
    """Whether the part's first 64 KB open a worksheet (a damaged part is left to the reader)."""
    try:
        with zf.open(name) as fh:
            return _WORKSHEET_ROOT.search(fh.read(1 << 16)) is not None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        return False


def check_xlsx_parts(data: bytes, filename: str, sheet_paths: Mapping[str, str] | None = None,
                     limits: WorkbookLimits = WorkbookLimits()) -> int:
    """What the zip directory and each part's first bytes say, in milliseconds: unpacked sizes
    and ratios (zip bombs), document types (entity expansion), shared-string counts, and each
    sheet's declared range. A workbook that passes still needs :func:`check_xlsx_cells`; the
    unpacked bytes of the sheet XML that count reads are returned (as the directory states them)."""
    zf = _open_zip(data, filename)
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise IngestError("ingest.error.workbook_unpacked_too_large", name=filename,
                          size_mb=round(total / 1024 ** 2), limit_mb=round(limits.max_unzipped_bytes / 1024 ** 2))
    for info in infos:
        if info.file_size >= limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise IngestError("ingest.error.workbook_bomb", name=filename, part=info.filename,
                              size_mb=round(info.file_size / 1024 ** 2), packed_kb=max(1, round(info.compress_size / 1024)))
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and not info.filename.startswith("xl/worksheets/"):
            with zf.open(info) as fh:
                if b"<!DOCTYPE" in fh.read(1 << 16).upper():
                    raise IngestError("ingest.error.workbook_doctype", name=filename, part=info.filename)
    for info in infos:
        if info.filename.lower().endswith("sharedstrings.xml"):
            _check_shared_strings(zf, info, filename, limits)
        elif info.filename.lower().endswith("styles.xml"):
            _check_number_formats(zf, data, info, filename)
    sheets = _sheet_parts(zf, sheet_paths)
    for sheet, path in sheets.items():
        with zf.open(path) as fh:
            head = fh.read(1 << 16)
        if b"<!DOCTYPE" in head.upper():
            raise IngestError("ingest.error.workbook_doctype", name=filename, part=path)
        if _declared_cells(_declared(head)) > limits.max_cells and len(data) > limits.ratio_floor_bytes:
            # a big file declaring a huge range: refuse on the header without streaming it all
            _refuse(SheetSpan(_declared(head), None, None, 0), filename, sheet, limits)
    return sum(zf.getinfo(path).file_size for path in sheets.values())


def check_xlsx_cells(data: bytes, filename: str, sheet_paths: Mapping[str, str] | None = None,
                     limits: WorkbookLimits = WorkbookLimits()) -> None:
    """What every cell of each sheet says, in one streaming pass (:func:`sheet_span`): the
    declared and the spanned range against the cell budget, a mostly empty range, too many
    columns. Run after :func:`check_xlsx_parts`."""
    zf = _open_zip(data, filename)
    for sheet, path in _sheet_parts(zf, sheet_paths).items():
        with _open_as_reader_does(zf, data, zf.getinfo(path), filename) as fh:
            span = sheet_span(fh)
        refuse_span(span, filename, sheet, limits)


def refuse_span(span: SheetSpan, filename: str, sheet: str, limits: WorkbookLimits) -> None:
    """Raise :class:`IngestError` when a sheet's declared or spanned range is over the cell budget,
    mostly empty, or too wide (an XLSX's or a legacy XLS's, counted by their guards), or its rows
    are ambiguous (:attr:`SheetSpan.damage`)."""
    if span.damage is not None:
        kind, detail = span.damage
        raise IngestError(f"ingest.error.workbook_damaged_{kind}", name=filename, sheet=sheet, detail=detail)
    biggest = max(_declared_cells(span.declared), span.spanned)
    if biggest > limits.max_cells or (biggest >= limits.sparse_min_cells and span.cells < limits.sparse_share * biggest):
        # the reader reserves the declared range, then builds the spanned one: both must fit;
        # and a mostly empty range costs its size in memory for nothing, even under the budget
        _refuse(span, filename, sheet, limits)
    cols = span.last[1] - span.first[1] + 1 if span.first and span.last else 0
    if cols > limits.max_columns:  # finding the header costs per column, in the server process
        raise IngestError("ingest.error.too_many_columns", name=filename, cols=cols, limit=limits.max_columns)


def _open_as_reader_does(zf: zipfile.ZipFile, data: bytes, info: zipfile.ZipInfo, filename: str):
    """The part's bytes as the Excel reader inflates them: the whole stream.

    Python's zip module stops at the size the directory declares (and checks the checksum of
    that much); the reader inflates to the stream's end. A sheet declaring a few hundred bytes,
    with their checksum, and holding a hostile range after them passed the count and then cost
    the reader 550 GB. Stored and deflated parts are inflated here, and refused as damaged as
    soon as they run past their declared size; other methods are left to Python's module.
    """
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return zf.open(info)
    head = info.header_offset
    if data[head:head + 4] != b"PK\x03\x04":
        raise IngestError("ingest.error.unreadable_workbook", name=filename)
    start = head + 30 + int.from_bytes(data[head + 26:head + 28], "little") + int.from_bytes(data[head + 28:head + 30], "little")
    raw = memoryview(data)[start:start + info.compress_size]
    return _InflatedPart(raw, info.compress_type == zipfile.ZIP_DEFLATED, info.file_size, filename)


class _InflatedPart:
    """A file-like reader of one zip part's raw bytes (see :func:`_open_as_reader_does`)."""

    _STEP = 1 << 16

    def __init__(self, raw: memoryview, deflated: bool, declared: int, filename: str) -> None:
        self._raw, self._at, self._declared, self._filename = raw, 0, declared, filename
        self._inflater = zlib.decompressobj(-15) if deflated else None
        self._total = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._raw = memoryview(b"")

    def read(self, size: int) -> bytes:
        out = []
        wanted = size
        while wanted > 0:
            if self._inflater is None:
                piece = bytes(self._raw[self._at:self._at + wanted])
                self._at += len(piece)
            else:
                if self._inflater.eof:
                    break
                source = self._inflater.unconsumed_tail
                if not source:
                    source = self._raw[self._at:self._at + self._STEP]
                    self._at += len(source)
                if not source:
                    break
                piece = self._inflater.decompress(source, wanted)
            if not piece and (self._inflater is None or self._at >= len(self._raw) and not self._inflater.unconsumed_tail):
                break
            self._total += len(piece)
            if self._total > self._declared:
                raise IngestError("ingest.error.unreadable_workbook", name=self._filename)
            out.append(piece)
            wanted -= len(piece)
        return b"".join(out)


#: Longest number format accepted (Excel's own limit is 255 characters).
MAX_FORMAT_CHARS = 1000
_FORMAT_CODE = re.compile(rb'formatCode="([^"]{%d})' % (MAX_FORMAT_CHARS + 1))


def _check_number_formats(zf: zipfile.ZipFile, data: bytes, info: zipfile.ZipInfo, filename: str) -> None:
    """Refuse a style sheet holding a number format longer than :data:`MAX_FORMAT_CHARS`.

    The reader scans a format's code once for every cell format using it: a 54 KB workbook with
    one 50 MB format used by 20,000 cell formats held a core for the sandbox's whole ten minutes.
    """
    with _open_as_reader_does(zf, data, info, filename) as fh:
        carry = b""
        while chunk := fh.read(_CHUNK):
            window = carry + chunk
            found = _FORMAT_CODE.search(window)
            if found:
                raise IngestError("ingest.error.workbook_number_format", name=filename,
                                  chars=MAX_FORMAT_CHARS, limit=255)
            carry = window[-(MAX_FORMAT_CHARS + 32):]


def _check_shared_strings(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str, limits: WorkbookLimits) -> None:
    """Refuse a shared-string table declaring more strings than its part can hold or than the
    cell budget (a sheet cannot use more distinct strings than it has cells)."""
    with zf.open(info) as fh:
        head = without_comments(fh.read(1 << 16))
    tag = _SST_COUNTS.search(head)
    if not tag:
        if info.file_size > 1 << 16:
            # the table's opening tag is a part's first bytes; one pushed past where it is looked
            # for (by a comment of 5 KB, say) would hide a count of two billion from this check
            raise IngestError("ingest.error.unreadable_workbook", name=filename)
        return
    # uniqueCount is what the reader reserves for (count, the references, may exceed the strings)
    unique = _SST_UNIQUE.search(tag.group(0))
    declared = int(unique.group(1)) if unique else 0
    limit = min(info.file_size // _SST_MIN_BYTES + 1, limits.max_cells)
    if declared > limit:
        raise IngestError("ingest.error.workbook_shared_strings", name=filename, part=info.filename,
                          declared=declared, limit=limit)
    longest = _longest_shared_string(zf, info)
    if longest > limits.max_shared_string_bytes:
        raise IngestError("ingest.error.workbook_long_text", name=filename, size=longest,
                          limit=limits.max_shared_string_bytes)


def _longest_shared_string(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Bytes of the longest ``<si>`` of a shared-string part (its markup included), streamed: the
    widest gap between two string starts, or from the last to the part's end."""
    longest, last, offset, carry = 0, None, 0, b""
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            buf = carry + chunk
            base = offset - len(carry)
            at = buf.find(b"<si")
            while at >= 0:
                if last is not None:
                    longest = max(longest, base + at - last)
                last = base + at
                at = buf.find(b"<si", at + 3)
            carry = buf[-2:]
            offset += len(chunk)
    return max(longest, offset - last) if last is not None else 0


def without_comments(xml: bytes) -> bytes:
    """``xml`` without its comments (an unclosed one runs to the end), in one linear pass.

    Examples
    --------
    >>> without_comments(b"<a><!-- <sst count='9'> --><b/><!-- open")
    b'<a><b/>'
    """
    return _outside_comments(xml, False)[0]


def _declared_cells(declared: tuple[int, int] | None) -> int:
    return 0 if declared is None else declared[0] * declared[1]


def _refuse(span: SheetSpan, filename: str, sheet: str, limits: WorkbookLimits) -> None:
    """The refusal for a sheet whose declared or spanned range is over the cell budget."""
    if _declared_cells(span.declared) >= span.spanned:
        rows, cols = span.declared
        corner = (rows + (span.first[0] - 1 if span.first else 0), cols + (span.first[1] - 1 if span.first else 0))
    else:
        rows, cols = span.last[0] - span.first[0] + 1, span.last[1] - span.first[1] + 1
        corner = span.last
    cells = rows * cols
    if span.cells and cells >= limits.sparse_min_cells and span.cells < limits.sparse_share * cells:
        raise IngestError("ingest.error.workbook_sparse", name=filename, sheet=sheet,
                          cell=f"{column_letters(corner[1])}{corner[0]}", cells=span.cells, rows=rows, cols=cols)
    raise IngestError("ingest.error.workbook_range_too_large", name=filename, sheet=sheet, rows=rows, cols=cols,
                      cells=cells, limit=limits.max_cells)
