"""Refuse a hostile legacy ``.xls`` (BIFF8) workbook before the Excel reader allocates for it.

The reader reserves rows × columns cells for the range a sheet's DIMENSIONS record declares: a
6 KB file declaring 4,294,967,295 rows asked for 43 TB and aborted the process (the sandboxed
child, or with ``DW_WORKBOOK_SANDBOX=0`` the server). A stray cell at IV65536 in a file of a few
cells made it build a 16-million-cell range (2.3 GB). This module reads the file's directory
(:mod:`olefile`) and the BIFF records that say how big each sheet is, never the cells' values:

* each sheet's DIMENSIONS record, against BIFF8's own limits (65,536 rows, 256 columns) and the
  cell budget of :class:`analysis.ingest.workbook_guard.WorkbookLimits`;
* for a small workbook stream (under :data:`WALK_ALL_BYTES`, which is where a hostile file hides),
  every cell record's row and column: the range the cells span and how many there are, so a
  mostly empty range is refused as in an XLSX;
* for a larger one, the cells cannot be fewer than the stream's bytes allow, so a declared
  range far larger than that is refused as mostly empty without reading the cells.

A file that is not what it seems (no workbook stream, a damaged directory) is left to the
reader, which says it cannot be opened.
"""
from __future__ import annotations

import struct

import olefile

from analysis.ingest.errors import IngestError
from analysis.ingest.workbook_guard import SheetSpan, WorkbookLimits, refuse_span

#: Workbook streams this small have every cell record walked (a few milliseconds).
WALK_ALL_BYTES = 4 << 20
#: BIFF8's own limits: a DIMENSIONS record past them is damaged or hostile.
BIFF8_ROWS, BIFF8_COLUMNS = 65_536, 256

_BOF, _EOF, _DIMENSIONS, _BOUNDSHEET = 0x0809, 0x000A, 0x0200, 0x0085
#: Records holding one cell (row, column first) and the two holding a run of cells in one row.
_CELL = frozenset({0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x0201, 0x0006, 0x00D6, 0x0207})
_MULTI = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK
#: Fewest bytes a cell takes in the stream (a MULBLANK holds one per two bytes).
_MIN_CELL_BYTES = 2


def check_xls(data: bytes, filename: str, limits: WorkbookLimits = WorkbookLimits()) -> None:
    """Raise :class:`IngestError` when a sheet of the legacy workbook in ``data`` declares or spans
    more than the reader can hold (or a mostly empty range); see the module's docstring."""
    stream = _workbook_stream(data)
    if stream is None:
        return
    sheets, globals_end = _sheet_offsets(stream)
    # Each sheet's substream lies after the globals, apart from the others: a file whose sheets
    # start inside the globals, or past the stream, is damaged. Every record is walked once at most
    # (sheets sharing an offset share its walk), so the work stays within the stream's records: ten
    # thousand sheets all pointing at one place walked it ten thousand times (105 s for 480 KB).
    if any(not globals_end <= offset < len(stream) for _, offset in sheets):
        raise IngestError("ingest.error.unreadable_workbook", name=filename)
    budget = [len(stream) // 4 + 1]
    spans: dict[int, SheetSpan] = {}
    for sheet, offset in sheets:
        if offset not in spans:
            spans[offset] = _sheet_span(stream, offset, walk_cells=len(stream) <= WALK_ALL_BYTES, budget=budget)
            if budget[0] < 0:  # sheets overlapping one another: no workbook is written so
                raise IngestError("ingest.error.unreadable_workbook", name=filename)
        span = spans[offset]
        if span.declared and (span.declared[0] > BIFF8_ROWS or span.declared[1] > BIFF8_COLUMNS):
            rows, cols = span.declared
            raise IngestError("ingest.error.workbook_range_too_large", name=filename, sheet=sheet, rows=rows,
                              cols=cols, cells=rows * cols, limit=limits.max_cells)
        if span.first is None and span.declared:
            # the cells were not walked: there cannot be more of them than the stream has room for
            cells = len(stream) // _MIN_CELL_BYTES
            span = SheetSpan(span.declared, (1, 1), span.declared, cells)
        refuse_span(span, filename, sheet, limits)


def _workbook_stream(data: bytes) -> bytes | None:
    """The BIFF ``Workbook`` (or BIFF5 ``Book``) stream, or ``None`` when there is none to read."""
    try:
        with olefile.OleFileIO(data) as ole:
            for name in ("Workbook", "Book"):
                if ole.exists(name):
                    return ole.openstream(name).read()
    except (OSError, ValueError, struct.error, IndexError, KeyError):  # olefile's damaged-file errors
        return None
    return None


def _records(stream: bytes, start: int):
    """``(type, payload offset, payload size)`` of the records from byte ``start`` to the end."""
    pos, end = start, len(stream)
    while pos + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, pos)
        yield kind, pos + 4, size
        pos += 4 + size


def _sheet_offsets(stream: bytes) -> tuple[list[tuple[str, int]], int]:
    """``(sheet name, stream offset of its BOF)`` from the globals' BOUNDSHEET records, and where
    the globals end (after their EOF record)."""
    sheets = []
    end = len(stream)
    for kind, at, size in _records(stream, 0):
        if kind == _EOF:
            end = at + size
            break
        if kind == _BOUNDSHEET and size >= 8:
            offset = struct.unpack_from("<I", stream, at)[0]
            length = stream[at + 6]
            raw = stream[at + 8:at + 8 + (length * 2 if stream[at + 7] & 1 else length)]
            name = raw.decode("utf-16-le" if stream[at + 7] & 1 else "latin-1", errors="replace")
            sheets.append((name, offset))
    return sheets, end


def _sheet_span(stream: bytes, offset: int, walk_cells: bool, budget: list[int] | None = None) -> SheetSpan:
    """What a sheet's substream says about its size: its DIMENSIONS and, when ``walk_cells``, the
    box its cell records span and how many there are (``first``/``last`` ``None`` otherwise).

    ``budget``: ``[records left to walk]``, shared by the sheets of one file and taken from; the
    walk stops once it is spent (below zero), which the caller refuses."""
    declared = None
    rows, cols, cells = [], [], 0
    for kind, at, size in _records(stream, offset):
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                break
        if kind == _EOF:
            break
        if kind == _DIMENSIONS:
            if size >= 14:  # BIFF8: rows as 32 bits
                first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", stream, at)
            elif size >= 10:  # BIFF5
                first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", stream, at)
            else:
                continue
            declared = (max(last_row - first_row, 0), max(last_col - first_col, 0))
            if not walk_cells:
                break
        elif walk_cells and kind in _CELL and size >= 4:
            row, col = struct.unpack_from("<HH", stream, at)
            rows.append(row)
            cols.append(col)
            cells += 1
        elif walk_cells and kind in _MULTI and size >= 6:
            row, first = struct.unpack_from("<HH", stream, at)
            last = struct.unpack_from("<H", stream, at + size - 2)[0]
            rows.append(row)
            cols += [first, last]
            cells += max(last - first + 1, 1)
    if not walk_cells or not cells:
        return SheetSpan(declared, None, None, cells)
    return SheetSpan(declared, (min(rows) + 1, min(cols) + 1), (max(rows) + 1, max(cols) + 1), cells)

