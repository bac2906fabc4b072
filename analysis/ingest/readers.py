"""File bytes → a raw table of cells, whatever the format: CSV/TSV (UTF-8, BOM, GBK, GB18030,
UTF-16, UTF-32; lines ended by LF, CRLF or CR alone), XLSX, XLS (real, or HTML/TSV text wearing an
.xls name), HTML tables and Parquet.

The format is decided by the first bytes, never by the file name alone: OLE2 ``D0CF11E0`` is a
legacy workbook, ``PK`` a zip (XLSX), ``PAR1`` Parquet, ``<html``/``<table`` an HTML export, and
anything that decodes as text is delimited text. A title block above the header ("XX银行逾期明细表
2024年1月") is skipped by scanning the first rows for the one holding most known column names.

Big CSVs go through ``pyarrow.csv`` with every column read as text (cells as found: leading zeros
in account numbers survive); the Python ``csv`` module only handles odd files (ragged rows).
"""
from __future__ import annotations

import codecs
import csv
import ctypes
import html
import io
import itertools
import logging
import math
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import unquote

import numpy as np
import pandas as pd
import fastexcel
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from analysis.ingest.errors import IngestError
from analysis.ingest.merged import (MAX_HEADER_ROWS, StackedHeader, fill_merged_cells, header_reach, merge_refs,
                                    stacked_header, units_row_applied)
from analysis.ingest.parsing import ACCOUNTANT_DASHES
from analysis.ingest.sandbox import run_isolated, sandbox_limits_from
from analysis.ingest.side_by_side import stacked
from analysis.ingest.text_guard import check_columns, check_text, text_limits_from
from analysis.ingest.timezones import configured_zone, reading_zones, wall_clock
from analysis.ingest.workbook_guard import check_xlsx_cells, check_xlsx_parts, limits_from, without_comments
from analysis.ingest.xls_guard import check_xls
from analysis.core.i18n import shortened
from analysis.core.schema import AMOUNT_COLUMNS, canonical_for

#: How many rows at the top may hold titles before the header.
HEADER_SCAN_ROWS = 30
_HEAD_BYTES = 1 << 18
_DELIMITERS = (",", "\t", ";", "|")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The csv module's own cap (128 KB a field) raised a bare csv.Error on a long cell; lines are
# capped by configuration before any reader runs (analysis.ingest.text_guard), so a field can
# never be longer than its line.
csv.field_size_limit(2 ** 31 - 1)


@dataclass(frozen=True)
class RawTable:
    """Cells as found in the file, one frame row per non-empty row under the header.

    Attributes
    ----------
    frame : DataFrame
        String cells for text formats (``string[pyarrow]``, or ``str`` on the slow paths); typed cells (numbers, dates) where the format is typed
        (Excel, Parquet). Headers are deduplicated (``余额``, ``余额_2``); fully empty rows removed.
    source_rows : ndarray of int64
        The 1-based row number the user sees in Excel / the CSV line number, per frame row.
    header_row : int
        1-based row of the header (0 for Parquet, which has no header row).
    file_format : str
        ``"csv"``, ``"tsv"``, ``"xlsx"``, ``"xls"``, ``"html"`` or ``"parquet"``.
    encoding, sheet, sheets, hidden_sheets, notes
        What was detected; ``notes`` are ``(message key, params)`` pairs for the user.
    titles : tuple of str
        The text of the rows above the header (``"XX银行逾期明细表 2024年1月"``), one per row, so a
        monthly file's title can say which month it holds (:mod:`analysis.ingest.multi`).
    header_groups : tuple of tuple of str
        Under a header over several rows, the columns sharing one merged parent (``逾期金额-本金``,
        ``逾期金额-利息``): recognition never gives one field to two of them on its own.
    """

    frame: pd.DataFrame
    source_rows: np.ndarray
    header_row: int
    file_format: str
    encoding: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    hidden_sheets: tuple[str, ...] = ()
    notes: tuple[tuple[str, dict], ...] = ()
    delimiter: str | None = None
    filename: str = ""
    original_headers: tuple[str, ...] = field(default=())
    titles: tuple[str, ...] = ()
    header_groups: tuple[tuple[str, ...], ...] = ()


def title_texts(rows: list[list[object]]) -> tuple[str, ...]:
    """The non-empty cells of each title row joined by spaces (blank rows left out).

    Examples
    --------
    >>> title_texts([["XX银行逾期明细表", None], [], [None, "数据日期：2024-01-31"]])
    ('XX银行逾期明细表', '数据日期：2024-01-31')
    """
    out = []
    for row in rows:
        cells = [str(c).strip() for c in row if c is not None and str(c).strip()
                 and not str(c).startswith("__UNNAMED__")]
        if cells:
            out.append(" ".join(cells)[:500])
    return tuple(out)


# --------------------------------------------------------------------------------------------
# entry point


def read_table(data: bytes, filename: str, sheet: str | None = None, compact: bool = False,
               compact_min_bytes: int | None = None) -> RawTable:
    """Read any supported portfolio file into a :class:`RawTable`.

    Parameters
    ----------
    data : bytes
        The file's bytes (an upload, or ``Path.read_bytes()``).
    filename : str
        Used in messages; the format is sniffed from the bytes.
    sheet : str, optional
        Sheet of a workbook; default the first visible sheet with data.
    compact : bool
        For a delimited text file of at least ``compact_min_bytes`` (default
        :data:`COMPACT_MIN_BYTES`): columns with few distinct values in the first rows (months,
        segments, account ids of a file sorted by account) are read as ``category`` (cells as
        found, each distinct text stored once) instead of one string per cell. About half the
        memory of the cells of a 2.4M-row panel, and the values are hashed once, while parsing.
        For :func:`analysis.ingest.portfolio.load_portfolio`; the upload page keeps plain text.

    Raises
    ------
    IngestError
        Empty file, unknown format, undecodable text, unreadable workbook, missing sheet,
        header without data.

    Examples
    --------
    >>> raw = read_table("客户编号,逾期天数\\nA1,3\\n".encode("gbk"), "x.csv")
    >>> raw.encoding, list(raw.frame.columns), raw.source_rows.tolist()
    ('gb18030', ['客户编号', '逾期天数'], [2])
    """
    data = bytes(data) if not isinstance(data, bytes) else data
    if not data[:4096].strip(_NOTHING_BYTES) and not data.strip(_NOTHING_BYTES):
        raise IngestError("ingest.error.empty_file", name=filename)
    refused = sniff_refused(data)
    if refused is not None:
        key, kind = refused
        raise IngestError(key, name=filename, kind=kind)
    head = bytes(data[:8])
    if head.startswith(_OLE2):
        raw = read_workbook_isolated(data, filename, sheet, "xls")
    elif head.startswith(b"PK\x03\x04"):
        raw = read_workbook_isolated(data, filename, sheet, "xlsx")
    elif head.startswith(b"PAR1"):
        raw = _read_parquet(data, filename)
    else:
        min_bytes = COMPACT_MIN_BYTES if compact_min_bytes is None else compact_min_bytes
        raw = _read_text(data, filename, compact and len(data) >= min_bytes)
    if len(raw.frame) == 0:
        raise IngestError("ingest.error.no_data_rows", name=filename, header_row=raw.header_row)
    raw = units_row_applied(stacked(raw))  # tables side by side: one under the other; a units row: the header's
    give_back_memory()
    return raw


#: Bytes a file made only of is empty: white space, line ends, NULs and byte-order marks (UTF-8's
#: and UTF-16's: a BOM and line ends alone were read as a header of no columns).
_NOTHING_BYTES = b" \t\r\n\x0b\x0c\x00\xef\xbb\xbf\xfe\xff"


def check_upload_size(size: int, filename: str, max_upload_mb: int) -> None:
    """Refuse an upload over ``max_upload_mb`` × 1,000,000 bytes (Streamlit's
    ``server.maxUploadSize``): the limit the browser applies on macOS and Linux, so one limit
    holds whatever the browser (Windows counts 1,048,576 bytes a MB, as the server does).

    Examples
    --------
    >>> check_upload_size(1_000_000_000, "a.csv", 1000) is None
    True
    >>> try:
    ...     check_upload_size(1_000_000_001, "a.csv", 1000)
    ... except IngestError as exc:
    ...     print(exc.code, exc.params["limit_mb"])
    ingest.error.upload_too_large 1000
    """
    if size > max_upload_mb * 1_000_000:
        # rounded up, so a file just over the limit never reads as the limit itself ("1.0 MB, more than 1 MB")
        raise IngestError("ingest.error.upload_too_large", name=filename, size_mb=math.ceil(size / 1e4) / 100,
                          limit_mb=max_upload_mb)


def give_back_memory() -> None:
    """Return freed memory to the system: Arrow's allocator and C malloc keep freed blocks for
    reuse, which the next steps (NumPy, another allocator) cannot use. Measured on the 2.4M-row
    bench CSV: ~80 MB less peak for Arrow's pool after parsing, ~100 MB for malloc's heap."""
    pa.default_memory_pool().release_unused()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def glibc():
    """glibc, for ``malloc_trim`` and ``mallopt``, or ``None`` elsewhere (then memory is not
    handed back this way)."""
    try:
        lib = ctypes.CDLL("libc.so.6")
        lib.malloc_trim  # noqa: B018 - raises AttributeError outside glibc
        lib.mallopt  # noqa: B018
        return lib
    except (OSError, AttributeError):
        return None


_LIBC = glibc()


# --------------------------------------------------------------------------------------------
# refusing what is not a table: magic bytes, whatever the file is called

#: ``(prefix, message key, kind)``: files that are certainly not a table, by their first
#: bytes. The kind is a format name, the same in both languages.
_SIGNATURES = (
    (b"%PDF-", "ingest.error.format_pdf", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "ingest.error.format_image", "PNG"),
    (b"\xff\xd8\xff", "ingest.error.format_image", "JPEG"),
    (b"GIF87a", "ingest.error.format_image", "GIF"),
    (b"GIF89a", "ingest.error.format_image", "GIF"),
    (b"II*\x00", "ingest.error.format_image", "TIFF"),
    (b"MM\x00*", "ingest.error.format_image", "TIFF"),
    (b"WEBP", "ingest.error.format_image", "WebP"),
    (b"7z\xbc\xaf\x27\x1c", "ingest.error.format_archive", "7z"),
    (b"Rar!\x1a\x07", "ingest.error.format_archive", "RAR"),
    (b"\x1f\x8b", "ingest.error.format_archive", "gzip"),
    (b"\xfd7zXZ\x00", "ingest.error.format_archive", "xz"),
    (b"\x28\xb5\x2f\xfd", "ingest.error.format_archive", "zstd"),
    (b"{\\rtf", "ingest.error.format_document", "RTF"),
    (b"\x7fELF", "ingest.error.format_binary", "ELF"),
    (b"MZ", "ingest.error.format_binary", "EXE/DLL"),
)


def _utf16le(text: str) -> bytes:
    """How an OLE2 directory spells a stream name."""
    return text.encode("utf-16-le")


def sniff_refused(data: bytes) -> tuple[str, str] | None:
    """``(message key, kind)`` when the bytes are certainly not a table (a PDF, an image, an
    archive, a Word document, a program), else ``None``: the name's extension is not consulted.

    A zip is a workbook only when it holds ``xl/workbook.xml``; an OLE2 file only when it holds a
    ``Workbook``/``Book`` stream (a ``.doc`` shares the container). A zip that cannot be opened
    is left to the workbook reader, which says it is damaged.

    Examples
    --------
    >>> sniff_refused(b"%PDF-1.4\\n..."), sniff_refused(b"id,balance\\nA,1\\n")
    (('ingest.error.format_pdf', 'PDF'), None)
    """
    head = bytes(data[:64])
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n")  # a PDF saved by a text tool may gain a BOM
    for magic, key, kind in _SIGNATURES:
        if magic == b"WEBP":
            if head.startswith(b"RIFF") and head[8:12] == magic:
                return key, kind
            continue
        if magic == b"MZ":  # two letters a CSV may start with: also require the PE offset field
            if head.startswith(magic) and b"\x00" in head[2:64]:
                return key, kind
            continue
        if lead.startswith(magic):
            return key, kind
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return "ingest.error.format_archive", "bzip2"
    # BMP: "BM", the file size, then four reserved zero bytes ("BMI,..." is a CSV header)
    if head.startswith(b"BM") and head[6:10] == b"\x00\x00\x00\x00":
        return "ingest.error.format_image", "BMP"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(_OLE2):
        return _sniff_ole2(data)
    if lead.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in bytes(data[:8192]):
        # Excel's "XML Spreadsheet 2003" (often named .xls): no HTML table in it, so "empty"
        return "ingest.error.format_ods", "Excel XML Spreadsheet 2003"
    if _JSON_START.match(lead):
        return "ingest.error.format_json", "JSON"
    return None


#: The start of a JSON document ({"…" or [{…, [[…): no delimited text starts so.
_JSON_START = re.compile(rb'^(?:\{\s*"|\[\s*[\[{"]|\[\s*$)')


def _sniff_zip(data: bytes) -> tuple[str, str] | None:
    """A zip that is not an Excel workbook: a Word/PowerPoint/OpenDocument file or an archive."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # damaged: the workbook reader says so
    if "xl/workbook.xml" in names:
        return None
    if "xl/workbook.bin" in names:  # its sheets are binary records the guard cannot check
        return "ingest.error.format_ods", "Excel Binary (.xlsb)"
    if "word/document.xml" in names:
        return "ingest.error.format_document", "Word (.docx)"
    if "ppt/presentation.xml" in names:
        return "ingest.error.format_document", "PowerPoint (.pptx)"
    if "mimetype" in names:
        try:
            mime = zipfile.ZipFile(io.BytesIO(data)).read("mimetype")[:80]
        except (KeyError, zipfile.BadZipFile, OSError):
            mime = b""
        if b"opendocument.spreadsheet" in mime:
            return "ingest.error.format_ods", "OpenDocument (.ods)"
        if b"opendocument" in mime:
            return "ingest.error.format_document", "OpenDocument"
    return "ingest.error.format_archive", "ZIP"


def _sniff_ole2(data: bytes) -> tuple[str, str] | None:
    """A legacy Office file that is not a workbook (``.doc``, ``.ppt``), by its stream names."""
    directory = bytes(data[: 1 << 20])  # stream names sit in the directory, near the start
    if _utf16le("Workbook") in directory or _utf16le("Book\x00") in directory:
        return None
    if _utf16le("WordDocument") in directory:
        return "ingest.error.format_document", "Word (.doc)"
    if _utf16le("PowerPoint Document") in directory:
        return "ingest.error.format_document", "PowerPoint (.ppt)"
    return None  # unknown OLE2 content: the workbook reader decides


# --------------------------------------------------------------------------------------------
# text: encodings, delimiters, header detection


class _NotUtf8(Exception):
    """Raised when a file whose beginning looked like UTF-8 turns out not to be."""


def _text_source(data: bytes, filename: str, force_gb18030: bool = False) -> tuple[bytes, int, str]:
    """:func:`_decoded_source`, with the lines of a file that ends them with a carriage return
    alone (Excel for Mac's "CSV (Macintosh)") ended with a line feed, as every check counts them
    (such a file was one long line, refused as too long)."""
    src, start, encoding = _decoded_source(data, filename, force_gb18030)
    if src.find(b"\n", start) < 0:
        head = src[start:start + _HEAD_BYTES]
        if b"\r" in head:
            src, start = src[start:].replace(b"\r", b"\n"), 0
        else:  # a mainframe's NEL (U+0085) or a Unicode line separator (U+2028) ends every line
            for ending in (_NEL, _LINE_SEPARATOR):
                if ending in head:
                    src, start = src[start:].replace(ending, b"\n"), 0
                    break
    return _full_width_commas_as_commas(src, start), start, encoding


_NEL, _LINE_SEPARATOR, _FULL_WIDTH_COMMA = "\u0085".encode(), "\u2028".encode(), "，".encode()


def _full_width_commas_as_commas(src: bytes, start: int) -> bytes:
    r"""A file typed with a Chinese input method separates its cells with the full-width comma
    ``，``: read them as commas from the first line on which every later line has as many of them
    and no other delimiter (title lines above it are left as they are, and a file where a value
    holds a ``，`` is not touched: it is not a separator there).

    Examples
    --------
    >>> _full_width_commas_as_commas("账户，余额\nA1，100\n".encode(), 0).decode()
    '账户,余额\nA1,100\n'
    >>> _full_width_commas_as_commas("XX银行逾期明细\n账户，余额\nA1，100\n".encode(), 0).decode()
    'XX银行逾期明细\n账户,余额\nA1,100\n'
    >>> _full_width_commas_as_commas("账户，余额\nA1，客户称，下月还\n".encode(), 0).decode()[:5]
    '账户，余额'
    """
    head = src[start:start + _HEAD_BYTES]
    if _FULL_WIDTH_COMMA not in head:
        return src
    whole = len(src) - start <= _HEAD_BYTES  # else the last line read may be cut short
    lines = head.split(b"\n")
    lines = lines if whole else lines[:-1]
    offsets, pos = [], start
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    filled = [(i, ln.count(_FULL_WIDTH_COMMA)) for i, ln in enumerate(lines) if ln.strip()]
    for j, (i, count) in enumerate(filled):
        # the header: known column names between its ，, and no other delimiter (a data row, or a
        # one-column file of sentences, is never taken for one)
        if not count or any(d.encode() in lines[i] for d in _DELIMITERS) or not _names_columns(lines[i]):
            continue
        later = filled[j:]
        if len(later) >= 2 and all(c == count for _, c in later):
            return src[:offsets[i]] + src[offsets[i]:].replace(_FULL_WIDTH_COMMA, b",")
        return src  # a ， inside some value: not read as a separator (ingest says so)
    return src


def _names_columns(line: bytes) -> bool:
    """Whether a line split at its full-width commas names a known column."""
    try:
        parts = line.decode("utf-8").split("，")
    except UnicodeDecodeError:
        return False
    return any(canonical_for(p.strip().strip('"')) for p in parts)


def _decoded_source(data: bytes, filename: str, force_gb18030: bool = False) -> tuple[bytes, int, str]:
    """``(utf8_bytes, start, encoding)``: the file as UTF-8 from ``start`` (zero-copy if it was).

    Tries UTF-16 (by BOM), UTF-8 (with or without BOM), then GB18030 (a superset of GBK and
    GB2312). Only the first 256 KB are checked here: Arrow validates UTF-8 as it parses, so a
    UTF-8 file is never scanned twice, and a late surprise (:class:`_NotUtf8`) re-reads the file
    as GB18030. Never decodes with errors ignored: a file that is neither fails loudly.
    """
    if data[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):  # before UTF-16: FF FE 00 00 starts both
        try:
            return data.decode("utf-32").encode("utf-8"), 0, "utf-32"
        except UnicodeDecodeError:
            raise IngestError("ingest.error.encoding", name=filename) from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").encode("utf-8"), 0, "utf-16"
        except UnicodeDecodeError:
            raise IngestError("ingest.error.encoding", name=filename) from None
    if b"\x00" in data[:_HEAD_BYTES]:
        codec = _utf16_without_bom(data[:_HEAD_BYTES])
        if codec is not None:
            try:
                return data.decode(codec).encode("utf-8"), 0, codec
            except UnicodeDecodeError:
                raise IngestError("ingest.error.encoding", name=filename) from None
        if not _stray_nuls(data[:_HEAD_BYTES], len(data)):
            raise IngestError("ingest.error.unknown_format", name=filename)
    bom = data[:3] == codecs.BOM_UTF8
    if not force_gb18030 and head_is_utf8(data[:_HEAD_BYTES], len(data)):
        return data, 3 if bom else 0, "utf-8-sig" if bom else "utf-8"
    legacy = "gb18030" if force_gb18030 else legacy_encoding(data[:_HEAD_BYTES])
    # Chunked transcoding keeps the peak at about input + output, not input + str + output.
    decoder = codecs.getincrementaldecoder(legacy)(errors="strict")
    parts = []
    step = 1 << 24
    try:
        for start in range(0, len(data), step):
            parts.append(decoder.decode(data[start:start + step], final=False).encode("utf-8"))
        parts.append(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        raise IngestError("ingest.error.encoding", name=filename) from None
    text = b"".join(parts)
    del parts
    if b"\x00" in text[:_HEAD_BYTES]:
        raise IngestError("ingest.error.unknown_format", name=filename)
    return text, 0, {"cp950": "big5", "cp932": "shift_jis"}.get(legacy, legacy)


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``head`` is UTF-16 text saved without its BOM (a NUL
    beside nearly every ASCII letter, on one side), else ``None``.

    Examples
    --------
    >>> _utf16_without_bom("id,dpd\\nA1,3\\n".encode("utf-16-le")), _utf16_without_bom(b"\\x00\\x01binary")
    ('utf-16-le', None)
    """
    even, odd = head[0:4096:2], head[1:4096:2]
    if len(odd) < 4:
        return None
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


#: Legacy encodings tried on text that is not UTF-8: ``(codec, codec of its level-1 table, first
#: byte range of the level-1, most frequent, characters)``. GB18030 decodes almost any bytes, so
#: Big5 (Taiwan, Hong Kong) and Shift-JIS files came out garbled under it (客戶 → 延薑).
_LEGACY = (("gb18030", "gb2312", 0xB0, 0xD7), ("cp950", "big5", 0xA4, 0xC6), ("cp932", "shift_jis", 0x88, 0x98))


def legacy_encoding(head: bytes) -> str:
    """The legacy encoding ``head`` reads best in: GB18030 unless Big5 or Shift-JIS decode it to
    mostly frequent characters where GB18030 gives mostly rare ones (or fails).

    Examples
    --------
    >>> legacy_encoding("客户编号,贷款余额".encode("gbk")), legacy_encoding("客戶編號,貸款餘額".encode("big5"))
    ('gb18030', 'cp950')
    >>> legacy_encoding("顧客名,山田太郎".encode("shift_jis"))
    'cp932'
    """
    scores = {}
    for codec, table, low, high in _LEGACY:
        try:
            text = codecs.getincrementaldecoder(codec)(errors="strict").decode(head, final=False)
        except UnicodeDecodeError:
            continue
        scores[codec] = _frequent_share(text, table, low, high)
    gb = scores.get("gb18030")
    best = max((c for c in scores if c != "gb18030"), key=lambda c: scores[c] or 0, default=None)
    if best is not None and (scores[best] or 0) >= 0.9 and (gb is None or (gb or 0) < 0.8):
        return best
    return "gb18030"


def _frequent_share(text: str, table: str, low: int, high: int) -> float | None:
    """Share of the CJK characters of ``text`` in ``table``'s level-1 block (``None``: none)."""
    cjk = [c for c in text[:20_000] if "\u3400" <= c <= "\u9fff" or "\u3040" <= c <= "\u30ff"]
    if not cjk:
        return None
    frequent = 0
    for ch in cjk:
        try:
            code = ch.encode(table)
        except UnicodeEncodeError:
            continue
        frequent += len(code) == 2 and low <= code[0] <= high
    return frequent / len(cjk)


#: A run of NUL bytes this long is a block of padding (a tape, a pre-allocated file), not a cell.
_NUL_BLOCK = re.compile(rb"\x00{64,}")


def _without_nul_blocks(data: bytes) -> tuple[bytes, dict | None]:
    r"""``data`` without the blocks of NUL bytes written between its lines, and what the note
    says (the bytes removed, the line of the first block), when the rest is UTF-8 text without a
    NUL; else ``data`` as it is and ``None``. Such a block made a good CSV "format not recognised".

    Examples
    --------
    >>> _without_nul_blocks(b"id,dpd\nA1,1\n" + b"\x00" * 100 + b"A2,3\n")
    (b'id,dpd\nA1,1\nA2,3\n', {'n': 100, 'line': 3})
    >>> _without_nul_blocks(b"\x01\x00\x02" + b"\x00" * 100)[1] is None  # NULs elsewhere: binary
    True
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" * 64 not in data:
        return data, None
    first = _NUL_BLOCK.search(data)
    kept = _NUL_BLOCK.sub(b"", data)
    if b"\x00" in kept or not head_is_utf8(kept[:_HEAD_BYTES], len(kept)):
        return data, None
    return kept, {"n": len(data) - len(kept), "line": data.count(b"\n", 0, first.start()) + 1}


def _stray_nuls(head: bytes, size: int) -> bool:
    """A few NUL bytes in the cells of UTF-8 text (a damaged export), not a binary file: at most
    eight or one per 1,000 bytes, none in the first line, the rest UTF-8. Their cells are read as they
    are (a number with a NUL in it is rejected as not a number), as a NUL further down is.

    Examples
    --------
    >>> _stray_nuls(b"id,dpd\\nA1,1\\x002\\n" + b"A2,3\\n" * 300, 1519), _stray_nuls(b"PK\\x03\\x04\\x00\\x00", 6)
    (True, False)
    """
    first_line_end = head.find(b"\n")
    return (head.count(b"\x00") <= max(8, len(head) // 1000) and first_line_end > 0
            and b"\x00" not in head[:first_line_end] and head_is_utf8(head, size))


def head_is_utf8(head: bytes, size: int) -> bool:
    """Whether a text file whose first ``_HEAD_BYTES`` are ``head`` (of ``size`` bytes in all)
    reads as UTF-8: the test :func:`read_table` applies, for callers that stream the rest."""
    bom = head[:3] == codecs.BOM_UTF8
    head = head[3 if bom else 0:_HEAD_BYTES]
    if size > _HEAD_BYTES:
        cut = head.rfind(b"\n")
        head = head[: cut + 1] if cut > 0 else head[:-4]
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _head_text(buf: pa.Buffer) -> str:
    """The first ~256 KB as text, cut at a line end so no character is split."""
    head = buf.slice(0, min(buf.size, _HEAD_BYTES)).to_pybytes()
    if buf.size > _HEAD_BYTES:
        cut = head.rfind(b"\n")
        head = head[: cut + 1] if cut > 0 else head
    return head.decode("utf-8")


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter giving the most lines with the same (largest) number of fields."""
    best, best_score = ",", (-1, -1)
    sample = [ln for ln in lines[:200] if ln.strip()]
    for delim in _DELIMITERS:
        counts = [len(r) for r in csv.reader(sample, delimiter=delim)]
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        values, freq = np.unique(counts, return_counts=True)
        mode = int(values[np.argmax(freq)])
        score = (int(freq.max()), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


#: A header names a column in a few words; a longer cell, or one that reads as a sentence, is data
#: (a message template that mentions 电话 must not outscore the real header row).
_HEADER_MAX_CHARS = 40
_SENTENCE_MARKS = re.compile(r"[。！？；!?]|[，,]\s*\S.*[，,]")


def _header_like(cell: object) -> bool:
    text = str(cell).strip() if cell is not None else ""
    return 0 < len(text) <= _HEADER_MAX_CHARS and not _SENTENCE_MARKS.search(text)


#: Known columns that say where a row's delinquency comes from.
_DELINQUENCY_FIELDS = frozenset({"days_past_due", "due_date", "status_label", "loan_class"})


def _known_fields(headers: list[object]) -> set[str]:
    """The canonical fields a row of headers names (each once)."""
    return {canonical_for(c) for c in headers if _header_like(c)} - {None}


def _sheet_score(headers: list[object]) -> tuple[int, int]:
    """How much of a portfolio a sheet's headers name: (account + delinquency + balance, known columns)."""
    fields = _known_fields(headers)
    core = ("account_id" in fields) + bool(fields & _DELINQUENCY_FIELDS) + ("balance" in fields)
    return core, len(fields)


def _account_rows(headers: list[object]) -> bool:
    """Whether a sheet's headers name an account and where its delinquency comes from: one row per
    account (a detail sheet), not a cover or a summary by branch or bucket."""
    fields = _known_fields(headers)
    return "account_id" in fields and bool(fields & _DELINQUENCY_FIELDS)


def _known_count(cells: list[object]) -> int:
    """How many known columns the cells of a row name (each once: a header names a field once,
    while a data row of labels such as 电话, 联系人 may name one several times)."""
    return len(_known_fields(cells))


def find_header_row(rows: list[list[object]]) -> int:
    """Index of the header among the first rows: most known column names, else the first row
    as wide as the table (title rows are narrow).

    Examples
    --------
    >>> find_header_row([["XX银行逾期明细表"], [], ["客户编号", "逾期天数", "余额"], ["A", "1", "2"]])
    2
    >>> find_header_row([[None, "SeriousDlqin2yrs", "age"], ["1", "0", "45"]])  # a saved row index
    0
    """
    scan = rows[:HEADER_SCAN_ROWS]
    scores = [_known_count(r) for r in scan]
    if scores and max(scores) > 0:
        return int(np.argmax(scores))
    widths = [_width(r) for r in scan]
    if not widths:
        return 0
    full = max(widths)
    return next(i for i, w in enumerate(widths) if w == full)


def _filled(cell: object) -> bool:
    return cell is not None and bool(str(cell).strip())


def _width(row: list[object]) -> int:
    """Cells a row fills; a header whose only blank is its first cell counts as full (a table
    saved with its row index, as pandas writes it: the index column has no name, its cells do)."""
    filled = sum(1 for c in row if _filled(c))
    if (len(row) > 2 and not _filled(row[0]) and filled == len(row) - 1
            and all(_header_like(c) and not _NUMBER.fullmatch(str(c).strip()) for c in row[1:])):
        return len(row)
    return filled


_NUMBER = re.compile(r"[-+]?[\d,]*\.?\d+(?:[eE][-+]?\d+)?%?")


def dedupe_headers(headers: list[object]) -> list[str]:
    """Text headers, unique: blanks become ``column_N``, repeats get ``_2``, ``_3``.

    Examples
    --------
    >>> dedupe_headers(["余额", None, "余额", " id "])
    ['余额', 'column_2', '余额_2', 'id']
    """
    out: list[str] = []
    seen: set[str] = set()
    for j, h in enumerate(headers):
        text = "" if h is None or (isinstance(h, float) and np.isnan(h)) else str(h).strip()
        if isinstance(h, float) and not np.isnan(h) and h.is_integer():
            text = str(int(h))
        if not text or text.startswith("__UNNAMED__"):
            text = f"column_{j + 1}"
        name, k = text, 2
        while name in seen:
            name, k = f"{text}_{k}", k + 1
        seen.add(name)
        out.append(name)
    return out


def _without_end_of_file_mark(data: bytes) -> bytes:
    """``data`` without the Ctrl-Z (0x1A) that DOS and mainframe tools write at a text file's end
    (it was read as a row of one cell, and rejected: a phantom row), nor the NULs that pad a file
    to a block (refused as "format not recognised"). Not for UTF-16.

    Examples
    --------
    >>> _without_end_of_file_mark(b"a,b\\r\\n1,2\\r\\n\\x1a"), _without_end_of_file_mark(b"a\\x1ab\\n")
    (b'a,b\\r\\n1,2\\r\\n', b'a\\x1ab\\n')
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data
    if data.endswith(b"\x00"):
        text = data.rstrip(b"\x00")
        if b"\x00" not in text[:4096]:  # padding to a block (tapes, some FTP transfers); UTF-16
            data = text                   # has NULs all through, and keeps them
    end = len(data)
    while end and data[end - 1] in b"\r\n":  # not rstrip: that copies the whole file
        end -= 1
    return data[:end - 1] + data[end:] if end and data[end - 1:end] == b"\x1a" else data


def _read_text(data: bytes, filename: str, compact: bool = False) -> RawTable:
    """Delimited text (or an HTML table saved as text); re-read as GB18030 when UTF-8 fails late."""
    data = _without_end_of_file_mark(data)
    data, block = _without_nul_blocks(data)
    if block is not None:
        raw = _read_text(data, filename, compact)
        return RawTable(**{**raw.__dict__, "notes": raw.notes + (("ingest.note.nul_blocks_removed", block),)})
    head = data[:_HEAD_BYTES]
    if b"\x00" not in head and not head_is_utf8(head, len(data)) and (_mostly_utf8(data) or _utf8_first_line(data)):
        # UTF-8 with a few bytes that are not, in the file's first lines (a small file is all head):
        # read as damage further down is, naming the lines; it was refused as "no encoding", or
        # read as GB18030 with every Chinese character garbled (账户 → 璐︽埛)
        return _read_damaged_utf8(data, 3 if data[:3] == codecs.BOM_UTF8 else 0, "utf-8", filename, compact)
    try:
        src, start, encoding = _text_source(data, filename)
    except IngestError as exc:
        if exc.code != "ingest.error.encoding" or b"\x00" in head or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise
        return _read_damaged_legacy(data, filename, compact, exc)
    try:
        return _parse_text(src, start, encoding, filename, compact)
    except _NotUtf8:
        if not encoding.startswith("utf-8"):
            raise IngestError("ingest.error.encoding", name=filename) from None
        if _has_multibyte_utf8(src[start:start + _HEAD_BYTES]):
            return _read_damaged_utf8(data, start, encoding, filename, compact)
        src, start, encoding = _text_source(data, filename, force_gb18030=True)
        try:
            return _parse_text(src, start, encoding, filename, compact)
        except _NotUtf8:
            raise IngestError("ingest.error.encoding", name=filename) from None


_CJK = re.compile(r"[\u3400-\u9fff]")


def _read_damaged_legacy(data: bytes, filename: str, compact: bool, refusal: IngestError) -> RawTable:
    """A GBK or GB18030 file with a few byte sequences that are not: read with them shown as �
    and a note naming their lines (one bad sequence refused the whole file as "neither UTF-8 nor
    GBK", no line named); ``refusal`` is raised when more than a few lines are damaged, or the
    file is not Chinese text at all."""
    legacy = legacy_encoding(data[:_HEAD_BYTES])
    text = data.decode(legacy, errors="replace")
    lines, at = [], text.find("\ufffd")
    while at >= 0:
        lines.append(text.count("\n", 0, at) + 1)
        nl = text.find("\n", at)
        at = text.find("\ufffd", nl + 1) if nl >= 0 else -1
    total = text.count("\n") + 1
    chinese = len(_CJK.findall(text, 0, 1 << 20))
    # a few lines, a tenth of the file at most, in text that is Chinese elsewhere: else the file
    # is not this encoding at all, and is refused as before
    if not lines or len(lines) > max(5, total // 1000) or len(lines) * 10 > total or chinese < 3 * len(lines):
        raise refusal
    raw = _parse_text(text.encode("utf-8"), 0, legacy, filename, compact)
    note = ("ingest.note.not_legacy_lines", {"encoding": legacy.upper(), "lines": shortened([str(n) for n in lines], 5),
                                             "n": len(lines)})
    return RawTable(**{**raw.__dict__, "notes": raw.notes + (note,)})


def _has_multibyte_utf8(head: bytes) -> bool:
    """Whether valid UTF-8 ``head`` holds characters beyond ASCII (so the file is UTF-8, not a
    GBK file whose first lines happen to be ASCII)."""
    return not head.isascii()


def _utf8_first_line(data: bytes) -> bool:
    r"""Whether the first line is UTF-8 with characters beyond ASCII (a Chinese header written in
    UTF-8: GBK text almost never is valid UTF-8), so lines further on that are not UTF-8 were
    appended or pasted from elsewhere.

    Examples
    --------
    >>> _utf8_first_line("账户,余额\n".encode() + "张三".encode("gbk")), _utf8_first_line("账户,余额\n".encode("gbk"))
    (True, False)
    """
    end = data.find(b"\n", 0, 1 << 16)
    first = data[3 if data.startswith(codecs.BOM_UTF8) else 0:end if end >= 0 else 1 << 16]
    try:
        return not first.isascii() and bool(first.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 text with a few bytes that are not: at least three valid characters
    beyond ASCII for each byte that fails (GBK read as UTF-8 fails on nearly every character: about
    one valid for twelve that fail).

    Examples
    --------
    >>> _mostly_utf8(("客户编号,逾期天数\\n" * 3).encode() + b"A\\xb0,1\\n"), _mostly_utf8("客户编号".encode("gbk"))
    (True, False)
    """
    text = data[:1 << 20].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", "ignore")) - bad
    return 0 < bad and wide >= 3 * bad


def _read_damaged_utf8(data: bytes, start: int, encoding: str, filename: str, compact: bool) -> RawTable:
    """A UTF-8 file with lines further down that are not UTF-8 (rows pasted from a GBK system, a
    GBK export appended to a UTF-8 one): each such line read as GB18030, the others as UTF-8, and
    a note naming the lines. Re-read as GB18030 whole, every Chinese character of the UTF-8 lines
    was garbled (张三 → 寮犱笁); read as UTF-8 whole, the GBK lines' characters were lost."""
    text, lines = _decoded_by_line(data, start)
    src = text.encode("utf-8")
    del text
    raw = _parse_text(src, 0, encoding, filename, compact)
    note = ("ingest.note.not_utf8_lines", {"lines": shortened([str(n) for n in lines[:6]], 5), "n": len(lines)})
    return RawTable(**{**raw.__dict__, "notes": raw.notes + (note,)})


def _decoded_by_line(data: bytes, start: int) -> tuple[str, list[int]]:
    r"""``data[start:]`` as text, UTF-8 where it is and GB18030 on each line where it is not, and
    the 1-based numbers of those lines. Decoded from one failure to the next, so a file with a
    few such lines costs one pass (a memoryview: the rest of the file is never copied).

    Examples
    --------
    >>> _decoded_by_line("账户\n".encode() + "张三\n".encode("gbk") + "李四\n".encode(), 0)
    ('账户\n张三\n李四\n', [2])
    """
    view, parts, lines = memoryview(data), [], []
    pos, line = start, 1
    while True:
        try:
            parts.append(codecs.utf_8_decode(view[pos:], "strict", True)[0])
            return "".join(parts), lines
        except UnicodeDecodeError as exc:
            bad = pos + exc.start
            first = max(data.rfind(b"\n", pos, bad) + 1, pos)
            end = data.find(b"\n", bad)
            end = len(data) if end < 0 else end
            parts.append(codecs.utf_8_decode(view[pos:first], "strict", True)[0])
            line += data.count(b"\n", pos, first)
            parts.append(bytes(view[first:end]).decode("gb18030", errors="replace"))
            lines.append(line)
            pos = end


@dataclass(frozen=True)
class TextLayout:
    """Where a delimited text file's data starts, as :func:`read_table` finds it.

    Attributes
    ----------
    header_line : int
        0-based physical line of the header.
    offset : int
        Byte offset of the header line from the start of the text (after any BOM).
    headers : list of str
        Deduplicated column names.
    delimiter, file_format : str
    notes : tuple
        Title rows skipped, encoding: ``(message key, params)`` pairs.
    original_headers : tuple of str
    """

    header_line: int
    offset: int
    headers: list[str]
    delimiter: str
    file_format: str
    notes: tuple[tuple[str, dict], ...]
    original_headers: tuple[str, ...]
    titles: tuple[str, ...] = ()


def looks_like_html(head: str) -> bool:
    """An HTML (or XML) export wearing a text or .xls name."""
    stripped = head.lstrip().lower()
    return stripped.startswith(("<!doctype html", "<html", "<table", "<?xml")) or "<table" in stripped[:4096]


#: A line of text with its end, as the CSV reader ends lines (the last line may have none).
_TEXT_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")
_BYTE_LINE_END = re.compile(rb"\r\n|\n|\r")


def text_layout(src: bytes, start: int, encoding: str, filename: str) -> TextLayout:
    """Delimiter, header line and its byte offset of UTF-8 text ``src[start:]`` (only its first
    ~256 KB are read, unless title lines are longer)."""
    buf = pa.py_buffer(src).slice(start)
    head = _head_text(buf)
    # lines end where the byte reader ends them (\n, \r\n or a lone \r), not also at U+2028, \x0c
    # or \x85 as str.splitlines has it: a title holding one would shift the header by a line
    lines = _TEXT_LINE.findall(head)
    delim = _sniff_delimiter(lines)
    fmt = "tsv" if delim == "\t" else "csv"
    # records of the head with the physical line where each starts (quoted newlines span lines)
    reader = csv.reader(lines, delimiter=delim)
    records, starts, line = [], [], 0
    for rec in reader:
        if any(cell.strip() for cell in rec):  # empty lines above the header are no records
            starts.append(line)
            records.append(rec)
        line = reader.line_num
        if len(records) > HEADER_SCAN_ROWS:
            break
    if not records:
        raise IngestError("ingest.error.empty_file", name=filename)
    _refuse_open_quote_in_head(records, starts, delim, filename, src, start)
    widest = max(range(len(records)), key=lambda k: len(records[k]))
    limit = text_limits_from(os.environ).max_columns
    if len(records[widest]) > limit:  # refused: named with the row's own width, not the head's share of it
        check_columns(_line_width(src, start, starts[widest], delim, len(records[widest])), filename, limit)
    h = find_header_row(records)
    header_line = starts[h]  # 0-based physical line of the header
    header_cells = list(records[h])
    unnamed = _unnamed_last_column(header_cells, records[h + 1:h + 1 + _UNNAMED_SAMPLE])
    if unnamed:
        # every row holds a cell more than the header names (a remarks column left without a
        # name): read it as a column of its own, not joined onto the last named one (a DPD of
        # "5,已联系" rejected the row, or refused the file as having no days past due)
        header_cells.append(None)
    headers = dedupe_headers(header_cells)
    # byte offset of the header line's start
    hb = buf.slice(0, min(buf.size, _HEAD_BYTES)).to_pybytes()
    offset = 0
    for _ in range(header_line):
        end = _BYTE_LINE_END.search(hb, offset)
        if end is None:  # title lines longer than the sniffed head: keep looking in the whole file
            end = _BYTE_LINE_END.search(src, start + offset)
            hb = src[start:end.end() + _HEAD_BYTES] if end is not None else src[start:]
            offset = end.end() - start if end is not None else len(hb)
            continue
        offset = end.end()
    notes: list[tuple[str, dict]] = []
    if h > 0:
        notes.append(("ingest.note.title_rows_skipped", {"n": header_line, "header_row": header_line + 1}))
    if encoding not in ("utf-8",):
        notes.append(("ingest.note.encoding", {"encoding": encoding}))
    if unnamed:
        notes.append(("ingest.note.unnamed_last_column", {"column": headers[-1]}))
    return TextLayout(header_line=header_line, offset=offset, headers=headers, delimiter=delim, file_format=fmt,
                      notes=tuple(notes), original_headers=tuple("" if c is None else str(c) for c in header_cells),
                      titles=title_texts(records[:h]))


def _refuse_open_quote_in_head(records: list[list[str]], starts: list[int], delim: str, filename: str,
                               src: bytes, start: int) -> None:
    """Refuse a file whose first line opens a quote never closed: everything after it is read as
    one cell, the head holds that one record, and the file was refused for something else ("no
    header found", quoting the data back as a column name; or "no data rows"). Its lines hold as
    many delimiters as its first line (the rest of the header). A quote opened lower down leaves
    other records before it and is refused by the body's reader (:func:`_refuse_runaway_quote`);
    a closed quoted text with line breaks (a template, a remark) is one record among others."""
    if len(records) != 1:
        return
    for cell in records[0]:
        parts = cell.splitlines()
        width = parts[0].count(delim) if parts else 0
        if len(parts) >= 2 and width >= 2 and any(part.count(delim) >= width for part in parts[1:]):
            at = _line_offset(src, start, starts[0])
            lines = max(len(parts) - 1, src.count(b"\n", at if at is not None else start) - 1)
            raise IngestError("ingest.error.csv_unclosed_quote", name=filename, line=starts[0] + 1, lines=lines)


def _line_offset(src: bytes, start: int, line: int) -> int | None:
    """Byte offset in ``src`` where physical line ``line`` (0-based) of ``src[start:]`` starts."""
    at = start
    for _ in range(line):
        end = _BYTE_LINE_END.search(src, at)
        if end is None:
            return None
        at = end.end()
    return at


def _line_width(src: bytes, start: int, line: int, delim: str, seen: int) -> int:
    """Cells of physical line ``line`` of ``src[start:]`` counted by its delimiters to its end (a
    line longer than the head read holds more cells than the head showed: 100,004 columns were
    refused as 39,036); at least ``seen``."""
    at = _line_offset(src, start, line)
    if at is None:
        return seen
    end = _BYTE_LINE_END.search(src, at)
    return max(seen, src.count(delim.encode("utf-8"), at, end.start() if end else len(src)) + 1)


#: Rows under the header read to tell whether every one holds a cell more than the header names.
_UNNAMED_SAMPLE = 20


def _unnamed_last_column(header: list[str], rows: list[list[str]]) -> bool:
    """Whether each of ``rows`` (the first under the header) holds exactly one cell more than
    ``header`` names, some of them text there, and no amount its separator cut in two on every
    row (``13,004.00`` unquoted: ``13`` then ``004.00``, which :func:`_align` joins back): a last
    column without a name. The empty cell of a closing delimiter is no column (read elsewhere).

    Examples
    --------
    >>> _unnamed_last_column(["id", "dpd"], [["A1", "5", "called"], ["A2", "0", ""]])
    True
    >>> _unnamed_last_column(["id", "dpd"], [["A1", "5", ""], ["A2", "0", ""]]), _unnamed_last_column(["id", "dpd"], [])
    (False, False)
    >>> _unnamed_last_column(["id", "bal", "note"], [["A1", "13", "004.00", "called"]])
    False
    """
    width = len(header)
    if width < 2 or not rows or any(len(r) != width + 1 for r in rows) or not any(_WORDS.search(r[-1]) for r in rows):
        return False
    # an amount cut in two on every row: a pair of columns that always reads as one cut
    return not any(all(_THOUSANDS_CUT.fullmatch(r[j - 1].strip()) and _THOUSANDS_TAIL.fullmatch(r[j].strip())
                       for r in rows) for j in range(1, width + 1))


#: A cell holding a letter or a character of a word: not a number.
_WORDS = re.compile(r"[^\W\d_]")
#: The two cells an unquoted thousands separator makes of an amount (``13`` and ``004.00``).
_THOUSANDS_CUT = re.compile(r"[+-]?[1-9]\d{0,2}")
_THOUSANDS_TAIL = re.compile(r"\d{3}(?:\.\d*)?")


def _parse_text(src: bytes, start: int, encoding: str, filename: str, compact: bool = False) -> RawTable:
    """UTF-8 text from ``start``: an HTML table, or delimited records under the detected header."""
    buf = pa.py_buffer(src).slice(start)
    head = _head_text(buf)
    if looks_like_html(head):
        limit = text_limits_from(os.environ).max_html_bytes
        if buf.size > limit:  # refused before its parser holds ~30 times the file
            raise IngestError("ingest.error.html_too_large", name=filename, size_mb=math.ceil(buf.size / 1e6),
                              limit_mb=limit // 1_000_000)
        return _read_html(head if buf.size <= _HEAD_BYTES else buf.to_pybytes().decode("utf-8"),
                          filename, encoding)
    lines = check_text(src, start, filename, text_limits_from(os.environ))
    layout = text_layout(src, start, encoding, filename)
    if len(layout.headers) == 1 and _FIXED_WIDTH.search(layout.headers[0]):
        # "ACCOUNT    DATE        BALANCE   DPD": columns lined up with spaces, no delimiter; read
        # as one column the file was refused for a missing DPD column, naming that very line
        raise IngestError("ingest.error.fixed_width", name=filename, header=layout.headers[0][:80])
    # Quotes only matter below the header (a quoted header is common and harmless): they decide
    # whether values may hold newlines, which makes Arrow parse serially and renumber lines.
    first_nl = src.find(b"\n", start + layout.offset)
    has_quotes = first_nl >= 0 and src.find(b'"', first_nl + 1) >= 0
    # (quoted newlines renumber lines by counting them in the text: compact cells only without quotes)
    categories = (_few_distinct(src, start + layout.offset, layout.headers, layout.delimiter, has_quotes)
                  if compact and not has_quotes else frozenset())
    body_lines = lines - src.count(b"\n", start, start + layout.offset)  # the header's line on
    frame, source_rows, n_ragged = parse_text_body(src, start + layout.offset, layout.headers, layout.delimiter,
                                                   has_quotes, layout.header_line, categories, filename,
                                                   body_lines)
    notes = list(layout.notes) + list(n_ragged.notes())
    return RawTable(frame=frame, source_rows=source_rows, header_row=layout.header_line + 1,
                    file_format=layout.file_format, encoding=encoding, notes=tuple(notes),
                    delimiter=layout.delimiter, filename=filename, original_headers=layout.original_headers,
                    titles=layout.titles)


#: A header of three or more names apart by runs of spaces: a fixed-width report, not one column.
_FIXED_WIDTH = re.compile(r"^\s*\S+(?:\s\S+)*(?: {2,}\S+(?:\s\S+)*){2,}\s*$")

#: Smallest text file :func:`read_table` reads compactly when asked (below, the saving is nil).
COMPACT_MIN_BYTES = 8 << 20
#: Bytes of the body sampled to find the columns with few distinct values.
_SAMPLE_BYTES = 4 << 20


def _few_distinct(src: bytes, offset: int, headers: list[str], delim: str, has_quotes: bool) -> frozenset[str]:
    """Headers whose cells, in the first ~4 MB of rows, take at most 1 distinct value in 10.

    Such a column costs an int8-int32 code per row as ``category`` instead of its text. A column
    that turns out to vary more further down is still read right, only less compactly.
    """
    end = src.find(b"\n", offset + _SAMPLE_BYTES)
    sample = pa.py_buffer(src).slice(offset, (end if end >= 0 else len(src)) - offset)
    if _ends_with_extra_delimiter(src, offset, len(headers), delim, has_quotes):
        headers = headers + [_TRAILING]  # else every row is ragged: a Python call per row
    try:
        table, _ = _arrow_csv(sample, headers, delim, has_quotes)
    except pa.ArrowInvalid:  # undecodable or odd: the full read says so
        return frozenset()
    chosen = set()
    for name, col in zip(table.schema.names, table.columns):
        n = len(col) - col.null_count
        if n >= 100 and pc.count_distinct(col).as_py() * 10 <= n:
            chosen.add(name)
    return frozenset(chosen)


def parse_text_body(src: bytes, offset: int, headers: list[str], delim: str, has_quotes: bool,
                    header_line: int, categories: frozenset[str] = frozenset(),
                    filename: str = "", lines: int | None = None) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Cells of the records below the header line that starts at byte ``offset`` of UTF-8 ``src``.

    Returns the frame (empty rows dropped), each row's 1-based line (``header_line`` is the
    header's 0-based line) and how many ragged rows were repaired. A file streamed in pieces
    calls this once per piece, each piece behind a copy of the header line, so every rule
    (ragged rows, quoted newlines, line numbers) is the whole file's.

    ``categories`` names columns read as ``category`` (see :func:`read_table`'s ``compact``); a
    file with ragged rows is read as text.

    Empty lines are skipped by the reader instead of becoming rows of empty cells that are
    dropped afterwards (a 5 MB file of empty lines under 30 headers cost 1.6 GB and 13 s that
    way). Only a file that had some pays for finding which lines were kept: the rows read are
    checked against the number of lines (``lines``, from the header's line on, when the caller
    has counted them). Values in quotes may hold empty lines: such a file is read line for line
    unless it has many empty lines (more than :data:`_EMPTY_CELLS` cells of them), which is refused.

    Raises
    ------
    _NotUtf8
        When the bytes are not UTF-8 after all.
    IngestError
        A record longer than the reader's block (a quoted value with newlines can span lines),
        or many empty lines among quoted values (their line numbers cannot be kept).
    """
    body = pa.py_buffer(src).slice(offset)
    n_ragged = RaggedRows()
    if src.find(b"\n", offset) < 0 and src.find(b"\r", offset) < 0:
        # the header line and nothing after it, not even its line end: no rows (Arrow cannot skip
        # a header that does not end)
        return pd.DataFrame({h: pd.Series([], dtype="str") for h in headers}), np.empty(0, dtype=np.int64), n_ragged
    if has_quotes:
        _refuse_many_empty_lines(src, offset, len(headers), filename)
        extra = _header_extra_lines(src, offset, delim)
        if extra:
            # a header cell holding a line break: the reader skips lines, not records, so start
            # at the header's last line (its second line was read as a row of data)
            for _ in range(extra):
                offset = src.find(b"\n", offset) + 1
            header_line += extra
            lines = None if lines is None else lines - extra
            body = pa.py_buffer(src).slice(offset)
    try:
        table, ragged = _read_trailing_delimiter(body, headers, delim, has_quotes, categories) \
            if _ends_with_extra_delimiter(src, offset, len(headers), delim, has_quotes) else (None, None)
        if table is None:
            table, ragged = _arrow_csv(body, headers, delim, has_quotes, categories, skip_empty=not has_quotes)
        kept = None
        records = None if has_quotes else _records(src, offset, lines)
        if records is not None and table.num_rows + len(ragged) != records:
            kept = _kept_lines(body)  # some empty lines were skipped: which lines are the rows?
            few_empty = (records - len(kept)) * max(len(headers), 1) <= _EMPTY_CELLS
            if table.num_rows + len(ragged) != len(kept) or (ragged and few_empty):
                # the reader broke lines where the scan did not (a lone carriage return), or ragged
                # rows are numbered by their line: read every line, empty ones as rows of no cells
                kept = None
                del table
                table, ragged = _arrow_csv(body, headers, delim, has_quotes, categories)
        if has_quotes:
            _refuse_runaway_quote(ragged, delim, len(headers), src, filename)
        if kept is not None and ragged:
            raise _Ragged()  # the slow path skips empty lines itself and numbers every row
        if ragged and categories:
            del table  # ragged rows are put back as text: read the whole file as text
            table, ragged = _arrow_csv(body, headers, delim, has_quotes)
        if ragged and (has_quotes or len(ragged) > 1000):
            raise _Ragged()  # many odd rows, or line numbers Arrow cannot vouch for: slow path
        if categories:  # hand the table over column by column, so only one column is held twice
            holder = [table]
            del table
            frame, line_offsets = _arrow_to_frame(holder, has_quotes)
        else:
            frame, line_offsets = _arrow_to_frame(table, has_quotes)
            del table
        source_rows = header_line + 2 + np.arange(len(frame), dtype=np.int64) + line_offsets
        if kept is not None:
            source_rows = header_line + 1 + kept
        if ragged:
            frame, source_rows, n_ragged = _merge_ragged(frame, source_rows, ragged, src, offset,
                                                         header_line, headers, delim)
    except pa.ArrowInvalid as exc:
        if "utf8" in str(exc).lower() or "utf-8" in str(exc).lower():
            raise _NotUtf8() from None
        if "straddl" in str(exc).lower():  # a record longer than a block: quoted newlines, or no line ends
            raise IngestError("ingest.error.csv_record_too_long", name=filename, limit=_block_size()) from None
        raise
    except _Ragged:
        try:
            frame, source_rows, n_ragged = _python_csv(body, headers, delim, header_line)
        except UnicodeDecodeError:
            raise _NotUtf8() from None
    frame, source_rows = _drop_empty_rows(frame, source_rows)
    return frame, source_rows, n_ragged


def _header_extra_lines(src: bytes, offset: int, delim: str) -> int:
    """Line breaks inside the header record that starts at byte ``offset`` (in quoted cells)."""
    end = src.find(b"\n", offset)
    if end < 0 or src.find(b'"', offset, end) < 0:
        return 0  # no quote on the header's first line: it ends there
    text = src[offset:offset + _HEAD_BYTES].decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        next(reader)
    except (StopIteration, csv.Error):
        return 0
    return max(reader.line_num - 1, 0)


#: The name a trailing delimiter's empty column is read under (dropped once read).
_TRAILING = "\x00trailing delimiter"


def _ends_with_extra_delimiter(src: bytes, offset: int, width: int, delim: str, has_quotes: bool) -> bool:
    """Whether the first lines under the header (at byte ``offset``) end with one delimiter more
    than the header has: an export that closes every row with a delimiter. Read as is, every row
    is ragged (a cell too many): 4 million rows took the line-by-line path, 90 s and 3.4 GB."""
    if has_quotes or width < 1:
        return False
    end = src.find(b"\n", offset)
    lines = src[end + 1:end + 1 + 65536].split(b"\n")[:20] if end >= 0 else []
    lines = [line.rstrip(b"\r") for line in lines[:-1] if line.strip()]  # the last may be cut
    mark = delim.encode("utf-8")
    return bool(lines) and all(line.endswith(mark) and line.count(mark) == width for line in lines)


def _read_trailing_delimiter(body, headers: list[str], delim: str, has_quotes: bool,
                             categories: frozenset[str]) -> tuple[pa.Table | None, list[str] | None]:
    """The table read with one more, nameless column for the trailing delimiter, that column
    dropped; ``(None, None)`` when that does not fit every row (a row without the trailing
    delimiter, or a value after it): the caller then reads as usual."""
    table, ragged = _arrow_csv(body, headers + [_TRAILING], delim, has_quotes, categories, skip_empty=True)
    extra = table.column(_TRAILING)
    if ragged or extra.null_count != len(extra):
        return None, None
    return table.drop_columns([_TRAILING]), []


#: Cells of empty lines (empty lines × columns) above which a file with quoted values is refused.
_EMPTY_CELLS = 2_000_000


def _refuse_runaway_quote(ragged: list[str], delim: str, width: int, src: bytes, filename: str) -> None:
    """Refuse a file where a quote opened in a cell is never closed.

    The reader then takes the lines after it as that one cell's text, and their rows would be
    gone without a word; the record is left with the wrong number of cells (set aside as
    ragged). A quoted value may hold line breaks, and a line of a letter may hold as many commas
    as a record (a sample template does), so only a ragged record holding a line with as many
    delimiters as a record counts; its line is found in the file by its first line.
    """
    for text in ragged:
        lines = text.split("\n")
        if width >= 2 and any(line.count(delim) >= width - 1 for line in lines[1:]):
            at = src.find(lines[0].encode("utf-8"))
            raise IngestError("ingest.error.csv_unclosed_quote", name=filename,
                              line=src.count(b"\n", 0, at) + 1 if at >= 0 else 0, lines=len(lines) - 1)


def _refuse_many_empty_lines(src: bytes, offset: int, width: int, filename: str) -> None:
    """Refuse a file with quoted values and many empty lines: a quoted value may hold empty lines,
    so which line each record starts on is unknown once they are skipped, and reading each as a row
    of empty cells costs memory. Two substring counts estimate them (a run of k counts at least k/2).
    """
    estimate = 2 * (src.count(b"\n\n", offset) + src.count(b"\n\r\n", offset))
    if estimate * max(width, 1) > _EMPTY_CELLS:
        raise IngestError("ingest.error.csv_empty_lines", name=filename, n=estimate)


def _records(src: bytes, offset: int, lines: int | None) -> int:
    """Lines below the header line that starts at byte ``offset`` (``lines`` counted from there)."""
    if lines is None:
        lines = src.count(b"\n", offset) + (0 if src.endswith(b"\n") or len(src) <= offset else 1)
    return lines - 1


def _kept_lines(body: pa.Buffer) -> np.ndarray:
    """0-based lines of ``body`` (line 0 its header) that are not empty: the rows a reader that
    skips empty lines returns, in order (an empty line of a CRLF file is a lone ``\\r``)."""
    data = np.frombuffer(body, dtype=np.uint8)
    step = 1 << 26
    ends = np.concatenate([np.flatnonzero(data[i:i + step] == 10) + i for i in range(0, len(data), step)]
                          or [np.empty(0, np.int64)])
    if len(data) and data[-1] != 10:  # a last line without a line end
        ends = np.append(ends, len(data))
    starts = np.concatenate([[0], ends[:-1] + 1])
    size = ends - starts
    empty = size == 0
    one = np.flatnonzero(size == 1)
    empty[one] = data[starts[one]] == 13  # "\r" alone: the empty line of a CRLF file
    kept = np.flatnonzero(~empty)
    return kept[kept > 0].astype(np.int64)


def _rows_of(holder: list) -> int:
    """Rows of the table a :func:`_columns_to_frame` holder held (kept beside it once emptied)."""
    return holder[1] if len(holder) > 1 else holder[0].num_rows


def _columns_to_frame(holder: list) -> pd.DataFrame:
    """``[table]`` → frame, releasing each Arrow column once converted (the holder keeps the row count)."""
    table = holder[0]
    holder[:] = [None, table.num_rows]
    names = list(table.schema.names)
    columns = {}
    for name in names:
        col = table.column(0)
        table = table.remove_column(0)
        columns[name] = _to_pandas(pa.table({name: col}))[name]
        del col
    return pd.DataFrame(columns, copy=False) if columns else pd.DataFrame(index=range(holder[1]))


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """Zero-copy hand-over: text stays Arrow ``string`` (``string[pyarrow]`` in pandas).

    pandas' default ``str`` dtype would cast every text column to ``large_string``: a full copy
    with 8-byte offsets, about +100 MB on a 2.4M-row, 12-column file.
    """
    mapper = {pa.string(): pd.ArrowDtype(pa.string()), pa.large_string(): pd.ArrowDtype(pa.large_string())}
    return table.to_pandas(split_blocks=True, types_mapper=mapper.get)


class _Ragged(Exception):
    pass


_DICTIONARY = pa.dictionary(pa.int32(), pa.string())


def _block_size() -> int:
    """Bytes Arrow reads at a time: 16 MiB, or twice the configured longest line (a line must
    fit in one block)."""
    return max(1 << 24, 2 * text_limits_from(os.environ).max_line_bytes)


def _arrow_csv(body: pa.Buffer, headers: list[str], delim: str, has_quotes: bool,
               categories: frozenset[str] = frozenset(), skip_empty: bool = False) -> tuple[pa.Table, list[str]]:
    """Every column as text (dictionary-encoded for ``categories``); rows with the wrong number of
    cells are set aside (their text). ``skip_empty`` skips empty lines instead of reading each
    as a row of empty cells."""
    ragged = []

    def on_invalid(row):
        ragged.append(row)
        return "skip"

    table = pacsv.read_csv(
        pa.BufferReader(body),
        read_options=pacsv.ReadOptions(column_names=headers, skip_rows=1, block_size=_block_size()),
        parse_options=pacsv.ParseOptions(delimiter=delim, newlines_in_values=has_quotes,
                                         ignore_empty_lines=skip_empty, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types={h: _DICTIONARY if h in categories else pa.string() for h in headers},
            strings_can_be_null=True,
            null_values=[""], quoted_strings_can_be_null=True),
    )
    return table, [row.text for row in ragged]


def _arrow_to_frame(table: pa.Table | list, has_quotes: bool) -> tuple[pd.DataFrame, np.ndarray]:
    """pandas frame of the table, plus per-row line offsets caused by newlines inside quotes.

    ``[table]`` hands the table over: its columns are released one by one as they convert (a
    compact read's dictionary columns become new pandas categoricals, not zero-copy views).
    """
    if isinstance(table, list):
        return _columns_to_frame(table), np.zeros(_rows_of(table), dtype=np.int64)
    offsets = np.zeros(table.num_rows, dtype=np.int64)
    if has_quotes and table.num_rows:
        extra = np.zeros(table.num_rows, dtype=np.int64)
        for col in table.columns:
            n = pc.fill_null(pc.count_substring(col, "\n"), 0)
            extra += np.asarray(n.to_numpy(), dtype=np.int64)
        if extra.any():
            offsets = np.concatenate([[0], np.cumsum(extra)[:-1]])
    frame = _to_pandas(table)
    return frame, offsets


@dataclass(frozen=True)
class RaggedRows:
    """Rows of a text file whose number of cells differs from the header's: how many, and the
    lines of those read as an amount written with an unquoted thousands separator."""

    n: int = 0
    rejoined: tuple[int, ...] = ()
    #: the first lines of the others (padded, or their surplus joined into the last cell)
    aligned: tuple[int, ...] = ()

    def notes(self) -> tuple[tuple[str, dict], ...]:
        """What the user is told about them (see :func:`_align`).

        Examples
        --------
        >>> RaggedRows(n=3, rejoined=(7, 9), aligned=(12,)).notes()
        (('ingest.note.thousands_rejoined', {'n': 2, 'examples': '7, 9'}), ('ingest.note.ragged_rows', {'n': 1, 'examples': '12'}))
        """
        notes = []
        if self.rejoined:
            notes.append(("ingest.note.thousands_rejoined",
                          {"n": len(self.rejoined), "examples": ", ".join(map(str, self.rejoined[:5]))}))
        if self.n > len(self.rejoined):
            notes.append(("ingest.note.ragged_rows", {"n": self.n - len(self.rejoined),
                                                      "examples": ", ".join(map(str, self.aligned[:5]))}))
        return tuple(notes)


_LEADING_GROUP = re.compile(r"\s*[+-]?\d{1,3}\Z")
_THOUSANDS_GROUP = re.compile(r"\d{3}\Z")
_LAST_GROUP = re.compile(r"\d{3}\.\d*\s*\Z")
_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)\s*\Z")


def _thousands_runs(cells: list[str]) -> list[tuple[int, int]]:
    """``(start, stop)`` of each run of cells that reads as one number split at its thousands
    separators: 1 to 3 digits, then groups of 3 (the last may carry decimals)."""
    runs, i = [], 0
    while i < len(cells):
        j = i + 1
        if _LEADING_GROUP.match(cells[i]):
            while j < len(cells) and _THOUSANDS_GROUP.match(cells[j]):
                j += 1
            if j < len(cells) and _LAST_GROUP.match(cells[j]):
                j += 1
        if j > i + 1:
            runs.append((i, j))
        i = j
    return runs


def _joined(cells: list[str], runs) -> list[str]:
    out, i = [], 0
    for start, stop in runs:
        out += cells[i:start] + ["".join(c.strip() for c in cells[start:stop])]
        i = stop
    return out + cells[i:]


@dataclass(frozen=True)
class ColumnShapes:
    """What a text file's regular rows (as many cells as the header) say about its columns: which
    hold numbers, which of those whole numbers only, and whether the last column ever holds a
    digit. A row with cells too many is read against them (:func:`_align`)."""

    numeric: frozenset[int] = frozenset()
    whole: frozenset[int] = frozenset()
    last_has_digits: bool = True


_WHOLE_TEXT = re.compile(r"\s*[+-]?\d[\d,]*\s*\Z")
#: An accountant's dash for an empty amount (the amount parser reads it as blank).
_DASHES = frozenset(ACCOUNTANT_DASHES)


def _empty_number(cell: str | None) -> bool:
    return cell is None or cell.strip() in ("", *_DASHES)


def column_shapes(rows: list[list[str | None]], headers: list[str] | None = None) -> ColumnShapes:
    """:class:`ColumnShapes` of these rows: a column holds numbers when at least nine in ten of its
    non-empty cells are numbers (and some are); whole numbers when it holds days past due by its
    header (``headers``) and every one is whole.

    Examples
    --------
    >>> s = column_shapes([["A1", "12", "3.5", "北京"], ["A2", "1,500", "0.25", None]], ["账户", "逾期天数", "余额", "分行"])
    >>> sorted(s.numeric), sorted(s.whole), s.last_has_digits
    ([1, 2], [1], False)
    """
    if not rows:
        return ColumnShapes()
    numeric, whole = set(), set()
    width = max(len(r) for r in rows)
    for k in range(width):
        values = [r[k] for r in rows if k < len(r) and not _empty_number(r[k])]
        if values and sum(bool(_NUMBER_TEXT.match(v)) for v in values) >= 0.9 * len(values):
            numeric.add(k)
            days = headers is not None and k < len(headers) and canonical_for(headers[k]) == "days_past_due"
            if days and all(_WHOLE_TEXT.match(v) for v in values if _NUMBER_TEXT.match(v)):
                whole.add(k)  # a count of days never takes 30,500.00
    last = [r[width - 1] for r in rows if len(r) == width and r[width - 1] not in (None, "")]
    return ColumnShapes(frozenset(numeric), frozenset(whole), any(ch.isdigit() for v in last for ch in v))


def _numbers_fit(cells: list[str | None], shapes: ColumnShapes) -> bool:
    """Whether every number column's cell is empty or a number (a whole one where the column's are)."""
    return all(_empty_number(cells[k]) or (_NUMBER_TEXT.match(cells[k]) and (k not in shapes.whole
                                                                             or _WHOLE_TEXT.match(cells[k])))
               for k in shapes.numeric if k < len(cells))


#: More candidate runs than this in one row: not an amount or two split by accident.
_MAX_RUNS = 8


def _rejoined_thousands(rec: list[str], width: int, shapes: ColumnShapes) -> list[str] | None:
    """``rec`` with the runs such as ``12|000`` or ``1|234|567.89`` that were one number joined
    back: the one choice of runs that leaves exactly ``width`` cells and a number in every number
    column; ``None`` when there is none, or more than one (DPD 5 then a balance of 300 may be
    5,300: the row cannot say). A run never starts with a 0 (nobody writes 0,500).

    Examples
    --------
    >>> shapes = ColumnShapes(frozenset({2, 3}), frozenset({3}), False)
    >>> _rejoined_thousands(["A2", "2024-01-31", "12", "000", "35", "上海"], 5, shapes)
    ['A2', '2024-01-31', '12000', '35', '上海']
    >>> _rejoined_thousands(["A1", "5", "客户称", "下月还"], 3, ColumnShapes(frozenset({1}))) is None
    True
    >>> _rejoined_thousands(["A1", "5", "300", "1", "500", "北京"], 5, ColumnShapes(frozenset({1, 2, 3}))) is None
    True
    """
    cells = list(rec)
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    surplus = len(cells) - width
    runs = [(a, b) for a, b in _thousands_runs(cells) if not cells[a].strip().lstrip("+-").startswith("0")] \
        if surplus > 0 else []
    if not runs or len(runs) > _MAX_RUNS:
        return None
    fits = []
    for chosen in itertools.chain.from_iterable(itertools.combinations(runs, k) for k in range(1, len(runs) + 1)):
        if sum(stop - start - 1 for start, stop in chosen) == surplus:
            joined = _joined(cells, chosen)
            if _numbers_fit(joined, shapes):
                fits.append(joined)
    return fits[0] if len(fits) == 1 else None


#: A thousands group on its own (000, 050): a number column never holds one, a split amount does.
_BARE_GROUP = re.compile(r"\s*0\d{2}(?:\.\d*)?\s*\Z")


def _joined_at_last_fits(cells: list[str | None], shapes: ColumnShapes) -> bool:
    """Whether reading a long row with its surplus cells joined into the last one is plausible:
    no number column then holds text or a bare thousands group (12,000 read as 12 then 000 days),
    and the last column takes digits only if its regular cells have some (a branch column of
    names given "95,深圳")."""
    last = len(cells) - 1
    for k in shapes.numeric:
        if k < last and not _empty_number(cells[k]) and (not _NUMBER_TEXT.match(cells[k]) or _BARE_GROUP.match(cells[k])):
            return False
    if last in shapes.numeric:
        return _empty_number(cells[last]) or bool(_NUMBER_TEXT.match(cells[last]))
    return shapes.last_has_digits or not any(ch.isdigit() for ch in cells[last] or "")


def _align(rec: list[str], width: int, delim: str, shapes: ColumnShapes = ColumnShapes()
           ) -> tuple[list[str | None], bool]:
    """``(cells, rejoined)``: a short row padded with empty cells; a long one with its surplus
    non-empty cells joined into the last one, so nothing disappears silently, unless that reading
    does not fit the file's regular rows (``shapes``) and one reading of its runs as amounts
    written with an unquoted thousands separator (``12,000``) does (``rejoined`` is then true).

    Examples
    --------
    >>> shapes = ColumnShapes(frozenset({1, 2}), frozenset({2}), False)
    >>> _align(["A2", "12", "000", "35", "上海"], 4, ",", shapes)
    (['A2', '12000', '35', '上海'], True)
    >>> _align(["A1", "5", "客户称", "下月还"], 3, ",", ColumnShapes(frozenset({1}), frozenset({1}), False))
    (['A1', '5', '客户称,下月还'], False)
    """
    extra = [c for c in rec[width:] if c.strip()]
    out = (list(rec) + [None] * width)[:width]
    if extra:  # keep what would be lost in the last cell, so nothing disappears silently
        out[-1] = ((out[-1] or "") + delim + delim.join(extra)).lstrip(delim)
    out = [c if c != "" else None for c in out]
    # only beside rows that say which columns hold numbers: else "3,200" may be DPD 3 and a balance of 200
    if len(rec) > width and shapes.numeric and not _joined_at_last_fits(out, shapes):
        rejoined = _rejoined_thousands(rec, width, shapes)
        if rejoined is not None:
            return [c if c != "" else None for c in rejoined], True
    return out, False


def _merge_ragged(frame: pd.DataFrame, source_rows: np.ndarray, ragged: list[str], src: bytes,
                  body_start: int, header_line: int, headers: list[str], delim: str):
    """Put the few rows Arrow set aside (a "制表人：…" footer, a short row) back in file order.

    Each one's line is found by searching its text in the file; the parsed rows then take the
    remaining line numbers in order. Raises ``_Ragged`` when that cannot be done exactly.
    """
    lines, pos = [], src.find(b"\n", body_start) + 1  # search below the header line
    for text in ragged:
        hit = src.find(text.encode("utf-8"), pos)
        if hit < 0:
            raise _Ragged()
        lines.append(header_line + 1 + src.count(b"\n", body_start, hit))  # 1-based file line
        pos = hit + len(text.encode("utf-8"))
    lines = np.asarray(lines, dtype=np.int64)
    everything = header_line + 2 + np.arange(len(frame) + len(lines), dtype=np.int64)
    parsed_lines = everything[~np.isin(everything, lines)]
    if len(parsed_lines) != len(frame) or not np.array_equal(source_rows, header_line + 2 + np.arange(len(frame))):
        raise _Ragged()
    shapes = column_shapes(_sample_rows(frame), headers)
    aligned = [_align(rec, len(headers), delim, shapes) for rec in csv.reader(ragged, delimiter=delim)]
    cells = [c for c, _ in aligned]
    rejoined = tuple(int(line) for line, (_, joined) in zip(lines, aligned) if joined)
    others = tuple(int(line) for line, (_, joined) in zip(lines, aligned) if not joined)
    dtypes = frame.dtypes
    extra = pd.DataFrame(cells, columns=headers, dtype=object)
    extra = extra.astype({c: dtypes[c] for c in headers})
    merged = pd.concat([frame, extra], ignore_index=True)
    rows = np.concatenate([parsed_lines, lines])
    order = np.argsort(rows, kind="stable")
    if not np.all(order == np.arange(len(order))):
        merged = merged.take(order).reset_index(drop=True)
        rows = rows[order]
    return merged, rows, RaggedRows(len(ragged), rejoined, others[:5])


def _sample_rows(frame: pd.DataFrame, n: int = 500) -> list[list[str | None]]:
    """The first ``n`` rows of a text frame as lists of cells (what :func:`column_shapes` reads)."""
    head = frame.head(n)
    columns = [head[c].astype("object").where(head[c].notna(), None).tolist() for c in head.columns]
    return [list(r) for r in zip(*columns)]


def _python_csv(body: pa.Buffer, headers: list[str], delim: str, header_line: int):
    """Slow path for ragged files: short rows are padded, surplus cells kept only when non-empty."""
    text = body.to_pybytes().decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    next(reader, None)
    width = len(headers)
    records, lines = [], []
    line = reader.line_num
    for rec in reader:
        start = line + 1
        line = reader.line_num
        if not rec:
            continue  # an empty line: a row of empty cells, dropped anyway (and a list of width Nones)
        records.append(rec)
        lines.append(header_line + start)  # body line k is file line header_line + k
    shapes = column_shapes([r for r in records[:2000] if len(r) == width], headers)
    rows, ragged, rejoined, others = [], 0, [], []
    for rec, at in zip(records, lines):
        if len(rec) != width:
            ragged += 1
            rec, joined = _align(rec, width, delim, shapes)
            (rejoined if joined else others).append(at)
        rows.append([c if c != "" else None for c in rec])
    frame = pd.DataFrame(rows, columns=headers, dtype="str") if rows else pd.DataFrame(
        {h: pd.Series([], dtype="str") for h in headers})
    return frame, np.asarray(lines, dtype=np.int64), RaggedRows(ragged, tuple(rejoined), tuple(others[:5]))


def _drop_empty_rows(frame: pd.DataFrame, source_rows: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The frame without rows whose cells are all empty, with their row numbers."""
    if frame.shape[1] == 0 or len(frame) == 0:
        return frame.reset_index(drop=True), source_rows
    empty = np.ones(len(frame), dtype=bool)
    for col in frame.columns:
        empty &= frame[col].isna().to_numpy()
        if not empty.any():
            break
    if empty.any():
        keep = ~empty
        frame = frame.loc[keep].reset_index(drop=True)
        source_rows = source_rows[keep]
    return frame, np.asarray(source_rows, dtype=np.int64)


# --------------------------------------------------------------------------------------------
# HTML (".xls" exports from web systems are often an HTML table)


def _read_html(text: str, filename: str, encoding: str) -> RawTable:
    """The table of an HTML export (what web systems save as .xls), merged cells spread as
    Excel shows them; tables under the same header (a month per table) read one under the other.

    A cell spanning rows or columns (``rowspan``, ``colspan``) covers the cells it spans, as a
    merged range of a sheet does, and is filled and stacked as one (:func:`_from_rows`): read in
    document order instead, every later cell of its rows moved a column left.
    """
    try:  # lxml (pandas' html extra) is optional and heavy (~30 ms): only an HTML file needs it
        import lxml.html
    except ImportError:  # pragma: no cover - installed with pandas[html]
        raise IngestError("ingest.error.unknown_format", name=filename) from None
    text = _XML_DECLARATION.sub("", text, count=1)  # XHTML: lxml refuses text declaring its encoding
    try:
        doc = lxml.html.fromstring(text)
    except (lxml.html.etree.LxmlError, ValueError):  # not HTML
        raise IngestError("ingest.error.unknown_format", name=filename) from None
    # Walked, not asked of XPath: libxml2's XPath gives up on a page of more than ~10 million
    # nodes (a 27 MB table of bare "<td>1" cells) with an error of its own, which escaped as a
    # traceback. A table in a cell is that cell's text.
    tables = [t for t in doc.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
    if not tables:
        raise IngestError("ingest.error.unknown_format", name=filename)
    limits = text_limits_from(os.environ)
    grids = [_html_grid(_own_rows(t), filename, limits) for t in tables]
    best = max(range(len(grids)), key=lambda k: len(grids[k][0]))
    rows, merges = grids[best]
    if not rows:
        raise IngestError("ingest.error.empty_file", name=filename)
    header = rows[find_header_row(rows)]
    joined, left_out, notes = [best], [], []
    for k, (other, _) in enumerate(grids):
        if k == best or not other:
            continue
        if any(r == header for r in other[:MAX_HEADER_ROWS + 10]):
            joined.append(k)
        elif len(other) > 1:
            left_out.append(len(other))
    if len(joined) > 1:
        # the same columns in several tables (one a month): one under the other, in page order;
        # each table's own header is a repeated header row, which ingest sets aside by name
        rows, merges, offset = [], [], 0
        for k in sorted(joined):
            rows += grids[k][0]
            merges += [(t + offset, l, b + offset, r) for t, l, b, r in grids[k][1]]
            offset += len(grids[k][0])
        notes.append(("ingest.note.html_tables_joined", {"n": len(joined)}))
    if left_out:
        notes.append(("ingest.note.html_tables_left_out", {"n": len(left_out), "rows": sum(left_out)}))
    if len(rows) > limits.max_rows:  # the limits of a delimited file hold for an HTML table too
        raise IngestError("ingest.error.csv_too_many_rows", name=filename, lines=len(rows), limit=limits.max_rows)
    return _from_rows(rows, filename, "html", encoding=encoding, first_row=1, merges=merges, notes=notes)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ROW_GROUPS = ("thead", "tbody", "tfoot")


def _own_rows(table) -> list:
    """A table's own rows, in page order (``tr`` children, and those of its ``thead``, ``tbody``,
    ``tfoot``): a table nested in a cell is that cell's text, not more rows."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _ROW_GROUPS:
            rows += [tr for tr in child if tr.tag == "tr"]
    return rows


def _own_cells(tr) -> list:
    """A row's own cells (``td``, ``th``), in page order."""
    return [cell for cell in tr if cell.tag in ("td", "th")]
#: Rows or columns one HTML cell may span (a page is no sheet: a span of 100,000 is an attack).
_MAX_HTML_SPAN = 1000


def _html_grid(trs: list, filename: str, limits) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """The rows of an HTML table as a grid, a spanning cell's value in its top-left place and
    the places it covers empty, and the spans as merged ranges ``(top, left, bottom, right)``,
    0-based and inclusive, as a sheet's are."""
    grid: list[list[object]] = []
    merges: list[tuple[int, int, int, int]] = []
    taken: dict[int, set[int]] = {}  # row → columns covered by a span from above
    # what the spans may make of the cells written: a 2 MB page of spans made a grid of 62.5
    # million cells (2.1 GB, 27 s); a page's own cells cost their bytes already
    written = sum(len(_own_cells(tr)) for tr in trs)
    budget, cells_made = max(1_000_000, 4 * written), 0
    for i, tr in enumerate(trs):
        row: list[object] = []
        covered = taken.pop(i, set())
        cells = _own_cells(tr)
        spans = [min(_span(c.get("colspan")), _MAX_HTML_SPAN) for c in cells]
        check_columns(sum(spans) + len(covered), filename, limits.max_columns)  # before a row is built
        cells_made += sum(spans) + len(covered)
        if cells_made > budget:
            raise IngestError("ingest.error.html_spans_too_large", name=filename, written=written, limit=budget)
        j = 0
        for cell, across in zip(cells, spans):
            while j in covered:
                j += 1
            text = cell.text_content().strip() or None
            # rowspan="0": to the end of the table (HTML's rule), not one row
            down = len(trs) - i if str(cell.get("rowspan", "")).strip() == "0" else \
                min(_span(cell.get("rowspan")), _MAX_HTML_SPAN, len(trs) - i)
            row += [None] * (j + across - len(row))
            row[j] = text
            if down > 1 or across > 1:
                cells_made += (down - 1) * across  # counted before the rows below are made
                if cells_made > budget:
                    raise IngestError("ingest.error.html_spans_too_large", name=filename, written=written,
                                      limit=budget)
                merges.append((i, j, i + down - 1, j + across - 1))
                for k in range(i + 1, i + down):
                    taken.setdefault(k, set()).update(range(j, j + across))
            covered.update(range(j, j + across))
            j += across
        width = max(covered, default=-1) + 1
        grid.append(row + [None] * (width - len(row)))
    return grid, merges


def _span(value: object) -> int:
    """An HTML ``rowspan``/``colspan`` as a count (1 when missing or not a number)."""
    try:
        return max(int(str(value).strip()), 1)
    except (TypeError, ValueError):
        return 1


def _from_rows(rows: list[list[object]], filename: str, fmt: str, *, encoding=None, first_row=1,
               sheet=None, sheets=(), hidden=(), notes=(), merges=()) -> RawTable:
    """A RawTable from a small list of row lists (an HTML page's table).

    ``merges`` are the table's spanning cells as a sheet's merged ranges: a header over several
    rows is joined into one name per column, and a value merged down a block of rows fills it,
    as :func:`_read_sheet` does for a workbook.
    """
    h = find_header_row(rows)
    width = max((len(r) for r in rows), default=0)
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    notes = list(notes)
    top, names_row, levels = h, h, None
    stacked = _stacked_header_in(rows, list(merges), h)
    if stacked is not None:
        top, levels = stacked
        names_row = top + levels.depth - 1
    originals = [levels.names.get(j, rows[names_row][j]) if levels else rows[names_row][j] for j in range(width)]
    headers = dedupe_headers(originals)
    body = rows[names_row + 1:]
    frame = pd.DataFrame(body, columns=headers, dtype=object) if body else pd.DataFrame(columns=headers)
    for c in frame.columns:
        col = frame[c]
        if all(isinstance(v, str) or v is None for v in col):
            frame[c] = col.astype("str")
    source_rows = first_row + names_row + 1 + np.arange(len(body), dtype=np.int64)
    if top > 0:
        notes.append(("ingest.note.title_rows_skipped", {"n": top, "header_row": first_row + top}))
    if levels is not None:
        columns = shortened([headers[j] for j in levels.joined if j < width], 6)
        if levels.depth == 2:
            notes.append(("ingest.note.two_row_header", {"first": first_row + top, "second": first_row + top + 1,
                                                         "columns": columns}))
        else:
            notes.append(("ingest.note.stacked_header", {"first": first_row + top, "last": first_row + names_row,
                                                         "n": levels.depth, "columns": columns}))
    frame, source_rows = _drop_empty_rows(frame, source_rows)
    if merges:
        frame, filled, once = fill_merged_cells(frame, source_rows - first_row, list(range(width)), list(merges),
                                                body_top=names_row + 1)
        if filled:
            notes.append(("ingest.note.merged_cells_filled", {"columns": tuple(filled)}))
        if once:
            notes.append(("ingest.note.merged_amounts_once", {"columns": tuple(once)}))
    groups = tuple(tuple(headers[j] for j in g if j < width) for g in levels.groups) if levels else ()
    return RawTable(frame=frame, source_rows=source_rows, header_row=first_row + top, file_format=fmt,
                    encoding=encoding, sheet=sheet, sheets=tuple(sheets), hidden_sheets=tuple(hidden),
                    notes=tuple(notes), filename=filename, original_headers=tuple(str(c) for c in originals),
                    titles=title_texts(rows[:top]), header_groups=groups)


def _stacked_header_in(rows: list[list[object]], merges: list, h: int) -> tuple[int, StackedHeader] | None:
    """:func:`_stacked_header_at` for a table held as rows (an HTML page's)."""
    def rows_of(top: int, depth: int) -> list[dict[int, object]]:
        return [{j: v for j, v in enumerate(rows[r]) if v is not None} if r < len(rows) else {}
                for r in range(top, top + depth)]
    return _stacked_header_at(rows_of, merges, h, 0, 0)


# --------------------------------------------------------------------------------------------
# workbooks (XLSX via fastexcel; XLS through the same calamine engine)

#: What the workbook readers raise for a damaged workbook or sheet: the user's file, not a bug.
_WORKBOOK_ERRORS = (fastexcel.FastExcelError, CalamineError, pa.ArrowException, zipfile.BadZipFile)


#: The workbook's own small parts, read before the guard: at most this many bytes unpacked (a
#: workbook.xml of a thousand sheets is ~100 KB).
_SMALL_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
_SMALL_PART_BYTES = 16 << 20


def _xlsx_sheet_info(data: bytes, filename: str = "") -> tuple[list[str], dict[str, bool], dict[str, str]] | None:
    """Sheet names, visibility and XML paths read from the zip (cheap: no cell is parsed).

    Raises
    ------
    IngestError
        ``workbook_bomb`` when the workbook's own small parts unpack to more than 16 MB.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        for part in _SMALL_PARTS:
            info = zf.NameToInfo.get(part)
            if info is not None and info.file_size > _SMALL_PART_BYTES:
                # read before the guard sees the parts' sizes: 2.5 GB of spaces in workbook.xml
                # (a 2.4 MB upload) would be unpacked here, twice
                raise IngestError("ingest.error.workbook_bomb", name=filename, part=part,
                                  packed_kb=math.ceil(info.compress_size / 1024), size_mb=round(info.file_size / 1024 ** 2))
        wb = zf.read("xl/workbook.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    rels = {}
    try:
        rel_xml = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
        for m in re.finditer(r"<Relationship\b[^>]{0,4096}>", rel_xml):
            tag = m.group(0)
            rid, target = _attribute(tag, "Id"), _attribute(tag, "Target")
            if rid and target:
                rels[rid] = part_of_target(html.unescape(target))
    except KeyError:
        pass
    names, visible, paths = [], {}, {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b[^>]{0,4096}>", wb):
        tag = m.group(0)
        name = _attribute(tag, "name")
        if name is None:
            continue
        n = html.unescape(name)
        names.append(n)
        visible[n] = _attribute(tag, "state") not in ("hidden", "veryHidden")
        key = _attribute(tag, r"\w+:id") or _attribute(tag, "id")
        if key in rels:
            paths[n] = rels[key]
    return names, visible, paths


def _attribute(tag: str, name: str) -> str | None:
    """The value of attribute ``name`` (a regex) in an XML start tag, in either quotes (XML allows
    ``name='明细'``: read for double quotes only, every sheet of such a workbook was visible and a
    hidden one of old data was read).

    Examples
    --------
    >>> _attribute("<sheet name='旧' state = 'hidden'/>", "state"), _attribute("<sheet/>", "name")
    ('hidden', None)
    """
    m = re.search(r"(?<![\w:])" + name + r"""\s*=\s*(?:"([^"]*)"|'([^']*)')""", tag)
    return None if m is None else (m.group(1) if m.group(1) is not None else m.group(2))


def part_of_target(target: str) -> str:
    """The zip part a workbook relationship's target names: relative to ``xl/``, or from the
    package root when it starts with ``/`` or ``xl/`` (the Excel reader follows both; read as relative, a
    sheet stored at ``/data/s.xml`` escaped the guard, which checked ``xl/data/s.xml``).

    Examples
    --------
    >>> part_of_target("worksheets/sheet1.xml"), part_of_target("/xl/worksheets/sheet1.xml")
    ('xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml')
    >>> part_of_target("xl/worksheets/sheet1.xml")  # some writers name the root-relative path
    'xl/worksheets/sheet1.xml'
    >>> part_of_target("/data/s.xml"), part_of_target("../data/s.xml")
    ('data/s.xml', 'data/s.xml')
    """
    path = target.lstrip("/") if target.startswith(("/", "xl/")) else "xl/" + target
    return posixpath.normpath(path).lstrip("/")


def _sheet_head(data: bytes, path: str | None, zf: zipfile.ZipFile | None = None) -> bytes:
    """The first 4 MB of a sheet's XML, comments left out (``b""`` when it cannot be read): read
    once per sheet for :func:`_first_row_in` and :func:`_uncomputed_in`. ``zf``: the workbook's
    zip, opened once by a caller reading many sheets (opening it per sheet read 5,000 directories
    for 5,000 sheets)."""
    if not path:
        return b""
    try:
        zf = zf or zipfile.ZipFile(io.BytesIO(data))
        with zf.open(path) as fh:
            chunk = fh.read(1 << 22)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, zlib.error):
        return b""
    # comments left out: a comment of a million "<c " made the scan (each tag looking to the
    # chunk's end) run for minutes
    return without_comments(chunk)


def _first_row_in(head: bytes) -> int | None:
    """1-based row of the first cell holding a value in a sheet's :func:`_sheet_head`.

    calamine (fastexcel) starts a sheet's range at its first non-empty row, so this is the row
    number the user sees for the range's first row.
    """
    for m in re.finditer(rb"<(?:\w+:)?c\b([^>]{0,256}?)(/?)>", head):
        if m.group(2) == b"/":
            continue
        window = head[m.end():m.end() + 4096]
        end = window.find(b"</")
        if end == 0 and re.match(rb"</(?:\w+:)?c>", window):
            continue  # <c ...></c>: an empty cell
        if re.search(rb"<(?:\w+:)?(v|t)\b[^>]{0,256}>[^<]", window):
            ref = re.search(rb'\br="[A-Z]+(\d+)"', m.group(1))
            return int(ref.group(1)) if ref else None
    return None


#: Sheet XML (unpacked) from which the cell count runs beside the sandboxed read, not before it.
CELLS_CHECK_BESIDE_BYTES = 8 << 20


#: What Python's zip module raises on a damaged part of a workbook: a bad CRC or truncated entry,
#: a deflate stream that does not inflate, a compression method it does not know, an encrypted
#: part (``RuntimeError``: "password required").
_DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError)


def _is_damaged_zip(exc: BaseException) -> bool:
    """True for an exception a damaged or encrypted zip part raises while it is read."""
    return isinstance(exc, _DAMAGED_ZIP) or (isinstance(exc, RuntimeError) and "password required" in str(exc))


def read_workbook_isolated(data: bytes, filename: str, sheet: str | None, fmt: str) -> RawTable:
    """A workbook's table as :func:`read_table` gives it, or a refusal; see :func:`_read_isolated`.

    A damaged or encrypted part of the zip (found by the guard or the reader) is refused as an
    unreadable workbook, in the user's language, instead of escaping as Python's zip error.
    """
    try:
        return _read_isolated(data, filename, sheet, fmt)
    except BaseException as exc:
        if _is_reader_panic(exc):  # read in this process (DW_WORKBOOK_SANDBOX=0)
            raise IngestError("ingest.error.workbook_cell_unreadable", name=filename) from None
        if not _is_damaged_zip(exc):
            raise
        raise IngestError("ingest.error.unreadable_workbook", name=filename) from None


def _is_reader_panic(exc: BaseException) -> bool:
    """True for the Excel reader's Rust panic (pyo3's ``PanicException``, a ``BaseException``):
    a date cell whose serial is far outside the dates it can represent, so far."""
    return type(exc).__name__ == "PanicException"


def _read_isolated(data: bytes, filename: str, sheet: str | None, fmt: str) -> RawTable:
    """A workbook's table as :func:`read_table` gives it, read by the Excel reader in a child
    process (:mod:`analysis.ingest.sandbox`) while the guard checks it in this one.

    The guard refuses the hostile workbooks we know of cheaply, here (its refusal ends the
    child's read); the child is for the ones we do not: an allocation the native reader cannot
    survive ends the child, not this process, and comes back as a refusal in the user's
    language. The table crosses as Arrow IPC bytes.
    """
    info = _xlsx_sheet_info(data, filename) if fmt == "xlsx" else None
    if fmt == "xlsx" and info is None:
        # a zip that is not a workbook (or a broken one)
        raise IngestError("ingest.error.unreadable_workbook", name=filename)
    cells_check = None
    if fmt == "xlsx":
        # Before the reader sees it: a hostile workbook can make it allocate until the process
        # aborts. The zip directory and the parts' heads are checked first (milliseconds: bombs,
        # entity expansion, huge declared ranges). The pass over every cell runs first too for
        # a small sheet; over a big one it runs while the child reads (1.3 s of a 240,000-row
        # file's 2.7 s when it ran first), in this process.
        guard_limits = limits_from(os.environ)
        sheet_bytes = check_xlsx_parts(data, filename, info[2] or None, guard_limits)
        cells_check = partial(check_xlsx_cells, data, filename, info[2] or None, guard_limits)
        if sheet_bytes < CELLS_CHECK_BESIDE_BYTES:
            cells_check()  # milliseconds: no child is started for a small hostile sheet
            cells_check = None
    elif fmt == "xls":
        check_xls(data, filename, limits_from(os.environ))  # milliseconds: the records of sizes only
    limits = sandbox_limits_from(os.environ)
    if not limits.enabled:
        if cells_check is not None:
            cells_check()
        raw = _read_workbook(data, filename, sheet, fmt, info)
        _refuse_expanded_sheet(pa.Table.from_pandas(raw.frame, preserve_index=False), raw.source_rows, len(data),
                               filename)
    else:
        meta, ipc = run_isolated(_packed_workbook, (data, filename, sheet, fmt, info), filename, limits,
                                 alongside=cells_check, file_bytes=len(data))
        table = pa.ipc.open_stream(ipc).read_all()
        frame = _to_pandas(table)
        for c in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[c].dtype):
                frame[c] = _datetimes_in_ns(frame[c])
        raw = RawTable(frame=frame, **meta)
    linked = external_links(data) if fmt == "xlsx" else ()
    if linked:
        note = ("ingest.note.external_links", {"files": shortened(linked, 5)})
        raw = RawTable(**{**raw.__dict__, "notes": raw.notes + (note,)})
    return raw


def external_links(data: bytes) -> tuple[str, ...]:
    """File names an XLSX's formulas link to. The reader never opens them (it reads the values
    cached in this file): the user is told, so a stale link is not taken for fresh data.

    Examples
    --------
    >>> external_links(b"not a zip")
    ()
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in zf.namelist() if n.startswith("xl/externalLinks/_rels/") and n.endswith(".rels")]
        found = []
        for name in sorted(names):
            with zf.open(name) as fh:
                rels = fh.read(1 << 16).decode("utf-8", errors="replace")
            for m in re.finditer(r'\bTarget="([^"]+)"', rels):
                target = unquote(html.unescape(m.group(1))).replace("\\", "/").rstrip("/")
                found.append(target.rsplit("/", 1)[-1] or target)
    except (zipfile.BadZipFile, OSError, KeyError):
        return ()
    return tuple(dict.fromkeys(found))


def _packed_workbook(data: bytes, filename: str, sheet: str | None, fmt: str, info) -> tuple[dict, bytes]:
    """In the child: the workbook's table as ``(every other field, Arrow IPC stream of the frame)``."""
    try:
        raw = _read_workbook(data, filename, sheet, fmt, info)
    except BaseException as exc:
        if _is_reader_panic(exc):  # refused here, so the user hears why, not "the reader crashed"
            raise IngestError("ingest.error.workbook_cell_unreadable", name=filename) from None
        raise
    table = pa.Table.from_pandas(raw.frame, preserve_index=False)
    _refuse_expanded_sheet(table, raw.source_rows, len(data), filename)  # before the parent holds it
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    meta = {k: v for k, v in raw.__dict__.items() if k != "frame"}
    return meta, sink.getvalue().to_pybytes()


def _refuse_expanded_sheet(table: pa.Table, source_rows: np.ndarray, file_bytes: int, filename: str) -> None:
    """Refuse a sheet whose cells, as read, hold a row longer than a CSV line may be, or more than
    the zip-bomb ratio times the workbook's size in all (:func:`_refuse_long_rows`' rules):
    a 17 KB workbook whose 800 cells point at one shared text just under the 1 MiB a text may have
    held 1.7 GB (3.4 GB in the CLI)."""
    _refuse_long_rows(table, filename, text_limits_from(os.environ).max_line_bytes, file_bytes,
                              rows=source_rows, expands="ingest.error.workbook_expands")


def _read_workbook(data: bytes, filename: str, sheet: str | None, fmt: str, info=None) -> RawTable:
    # fastexcel logs dtype guesses ("falling back to string") through Python logging; they are
    # expected here (title rows) and would only alarm a user reading the CLI's stderr.
    """The chosen sheet, else the first visible sheet with data and known columns (else a cover
    sheet). ``info`` is the XLSX's sheet names, visibility and paths, read (and the workbook
    guarded) by :func:`read_workbook_isolated`."""
    logging.getLogger("fastexcel").setLevel(logging.ERROR)
    try:
        reader = fastexcel.read_excel(data)
        names = list(reader.sheet_names)
    except MemoryError:  # Arrow's is also an ArrowException: out of memory is not a damaged file
        raise
    except _WORKBOOK_ERRORS:
        raise IngestError("ingest.error.unreadable_workbook", name=filename) from None
    if info is not None:
        visible = {n: info[1].get(n, True) for n in names}
        paths = info[2]
    else:
        visible, paths = _xls_visibility(data, names), {}
    # a chart sheet holds no cells: never a candidate, and a workbook of charts only says so
    charts = [n for n in names if "/chartsheets/" in "/" + paths.get(n, "")]
    if charts and set(charts) >= set(names):
        raise IngestError("ingest.error.workbook_only_charts", name=filename, sheets=tuple(charts))
    if sheet in charts:
        raise IngestError("ingest.error.sheet_is_chart", name=filename, sheet=sheet,
                          sheets=tuple(n for n in names if n not in charts))
    shown = [n for n in names if visible.get(n, True) and n not in charts]
    hidden = [n for n in names if not visible.get(n, True) and n not in charts]
    notes: list[tuple[str, dict]] = []
    if sheet is not None:
        if sheet not in names:
            raise IngestError("ingest.error.no_such_sheet", name=filename, sheet=sheet,
                                sheets=tuple(shown))
        candidates = [sheet]
    else:
        # hidden sheets last: a workbook whose data sits on one, behind a visible cover, is read
        # (and says so) instead of being refused for the cover's columns
        candidates = shown + hidden
    last_error: Exception | None = None
    fallback: tuple[str, RawTable] | None = None
    zf = _zip_or_none(data) if fmt == "xlsx" else None  # opened once for every sheet tried
    tried: set[str] = set()
    for name in candidates:
        part = paths.get(name)
        if part is not None and sheet is None:
            # sheets naming one part are one sheet: 20,000 names over one summary part had it read
            # 20,000 times (152 s for a 140 KB file)
            if part in tried:
                continue
            tried.add(part)
        try:
            raw, data, reader, zf = _read_sheet_mended(reader, data, name, fmt, filename, paths.get(name), zf)
        except IngestError as exc:  # a sheet we cannot use: try the next visible one
            last_error = exc
            continue
        if raw is None or (sheet is None and len(raw.frame) == 0
                           and (name != candidates[-1] or fallback is not None)):
            continue  # an empty sheet or one with a header only: the data is on another sheet
        if sheet is None and len(raw.frame) and not _account_rows(list(raw.frame.columns)):
            # a cover, notes or summary sheet (字段/说明; 机构/账龄/户数/余额): prefer a later sheet
            # with an account and a delinquency column, but keep the best in case none has them
            score = _sheet_score(list(raw.frame.columns))
            if fallback is None or score > fallback[2]:
                fallback = (name, raw, score)
            continue
        return _with_sheet_notes(raw, name, shown, hidden, notes)
    if fallback is not None:
        return _with_sheet_notes(fallback[1], fallback[0], shown, hidden, notes)
    if last_error is not None:
        raise last_error  # no sheet was read: why the last one could not be (not "no rows")
    raise IngestError("ingest.error.no_data_rows", name=filename, header_row=1)


def _zip_or_none(data: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return None


def _read_sheet_mended(reader, data: bytes, name: str, fmt: str, filename: str, path: str | None,
                       zf: zipfile.ZipFile | None = None):
    """``(table or None, workbook, reader, zip)`` of one sheet, mending what fails the reader on one cell.

    Two kinds of cell fail a whole sheet in the Excel reader: an error value it does not know
    (``#SPILL!``: the reader's error) and a date serial far outside the dates it can represent
    (its Rust panic). Such cells are rewritten in the workbook (:func:`_mended_for_reader`) and
    the sheet read again; the workbook and reader returned are the mended ones, for the next
    sheet. A note on the table names what was done.

    Raises
    ------
    IngestError
        The sheet's own refusal, or why it cannot be read.
    """
    notes, tried = [], set()
    for _ in range(3):  # each kind of cell once, then give up
        try:
            raw = _read_sheet(reader, data, name, fmt, filename, path, zf)
        except IngestError:
            raise
        except MemoryError:  # Arrow's is also an ArrowException: the sheet is not broken, memory ran out
            raise
        except BaseException as exc:
            panic = _is_reader_panic(exc)
            if not (panic or isinstance(exc, _WORKBOOK_ERRORS)):
                raise
            mended = _mended_for_reader(data, exc) if fmt == "xlsx" and panic not in tried else None
            tried.add(panic)
            if mended is None:
                code = "ingest.error.workbook_cell_unreadable" if panic else "ingest.error.unreadable_workbook"
                raise IngestError(code, name=filename) from None
            data, note = mended
            notes.append(note)
            reader = fastexcel.read_excel(data)
            zf = _zip_or_none(data)
            continue
        if raw is not None and notes:
            raw = RawTable(**{**raw.__dict__, "notes": raw.notes + tuple(notes)})
        return raw, data, reader, zf
    raise IngestError("ingest.error.unreadable_workbook", name=filename)


def _mended_for_reader(data: bytes, exc: BaseException) -> tuple[bytes, tuple[str, dict]] | None:
    """The workbook with the cells that failed the reader rewritten, and the note saying so;
    ``None`` when ``exc`` is neither failure or no such cell is found."""
    if _is_reader_panic(exc):
        mended = _rewrite_cells(data, _HUGE_NUMBER, _number_as_text)
        return None if mended is None else (mended[0], ("ingest.note.huge_numbers_as_text", {"n": mended[1]}))
    if "unsupported cell error value" in str(exc).lower():
        found: set[bytes] = set()

        def known(m: re.Match) -> bytes:
            if m.group(2) in _READER_ERROR_VALUES:
                return m.group(0)
            found.add(m.group(2))
            return b"<" + m.group(1) + b">#N/A</" + m.group(1) + b">"

        mended = _rewrite_cells(data, _ERROR_VALUE, known)
        if mended is not None:
            values = tuple(sorted(v.decode("ascii") for v in found))
            return mended[0], ("ingest.note.error_values_empty", {"values": values})
    return None


def _rewrite_cells(data: bytes, pattern: re.Pattern, rewrite) -> tuple[bytes, int] | None:
    """The workbook with ``pattern``'s matches in its XML parts passed through ``rewrite`` (which
    returns a match unchanged to keep it), and how many changed; ``None`` when none did."""
    changed = 0

    def counted(m: re.Match) -> bytes:
        nonlocal changed
        out = rewrite(m)
        changed += out != m.group(0)
        return out

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename.endswith(".xml") and info.filename != "xl/sharedStrings.xml":
                body = pattern.sub(counted, body)
            zout.writestr(info, body)
    return (out.getvalue(), changed) if changed else None


#: A cell's value that is a number (its formula, if any, before it), with the cell's attributes.
_HUGE_NUMBER = re.compile(rb'<((?:\w+:)?c)\b([^>]{0,256}?)>(\s*(?:<(?:\w+:)?f\b[^>]{0,256}?(?:/>|>[^<]{0,4096}</(?:\w+:)?f>)\s*)?'
                          rb'<(?:\w+:)?v>)\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*<')
#: Days from Excel's epoch past which the reader cannot represent a date (it panics): ~290 million years.
_READER_DAYS = 1e11


def _number_as_text(m: re.Match) -> bytes:
    """A number cell beyond :data:`_READER_DAYS` as text (``t="str"``): read as the text it is,
    then rejected by row as ingest rejects any value it cannot use, instead of failing the sheet."""
    attrs = m.group(2)
    if b't="' in attrs and b't="n"' not in attrs:
        return m.group(0)
    try:
        value = float(m.group(4))
    except ValueError:
        return m.group(0)
    if abs(value) < _READER_DAYS:
        return m.group(0)
    attrs = attrs.replace(b' t="n"', b"")
    return b"<" + m.group(1) + attrs + b' t="str">' + m.group(3) + m.group(4) + b"<"


#: The error values the Excel reader knows; a cell holding another one fails its whole sheet.
_READER_ERROR_VALUES = frozenset({b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"})
_ERROR_VALUE = re.compile(rb"<((?:\w+:)?v)>(#[A-Z0-9_/!?]{1,32})</(?:\w+:)?v>")


#: A sheet named after a month (1月, 2024年3月, 2024-03, Mar 2024).
_MONTH_SHEET = re.compile(r"(?<!\d)(?:1[0-2]|0?[1-9])\s*月|(?:19|20)\d\d\s*[-年./]\s*(?:1[0-2]|0?[1-9])(?!\d)"
                          r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)


#: A sheet named after a part of the bank (北京分行, 华东区, 消费贷, Branch 01): one of several parts.
_PART_SHEET = re.compile(r"(?:分行|支行|分公司|子公司|营业部|分中心|地区|区域|大区|片区|[东南西北华]区|省|branch|region)\s*\d*$",
                         re.IGNORECASE)


def _with_sheet_notes(raw: RawTable, name: str, shown: list[str], hidden: list[str], notes: list) -> RawTable:
    """The sheet's table with which sheet was read, the others and the hidden ones."""
    extra = list(raw.notes)
    if len(shown) > 1:
        extra.insert(0, ("ingest.note.sheet_chosen", {"sheet": name, "sheets": tuple(shown)}))
        months = [n for n in shown if _MONTH_SHEET.search(n)]
        if len(months) >= 2 and name in months:
            # a workbook of one sheet per month: only one month was read
            extra.insert(1, ("ingest.note.month_sheets", {"sheet": name, "n": len(months)}))
        parts = [n for n in shown if _PART_SHEET.search(n.strip())]
        if len(parts) >= 2 and name in parts:
            # one sheet per branch or region: one part of the book was read, as if it were the book
            extra.insert(1, ("ingest.note.part_sheets", {"sheet": name, "n": len(parts)}))
    skipped = [h for h in hidden if h != name]
    if name in hidden:
        extra.insert(0, ("ingest.note.hidden_sheet_read", {"sheet": name}))
    if skipped:
        extra.insert(0, ("ingest.note.hidden_sheets", {"names": tuple(skipped)}))
    return RawTable(**{**raw.__dict__, "sheet": name, "sheets": tuple(shown),
                       "hidden_sheets": tuple(hidden), "notes": tuple(notes + extra)})


def _xls_visibility(data: bytes, names: list[str]) -> dict[str, bool]:
    """Which sheets of a legacy workbook are visible (all, when that cannot be read)."""
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return {m.name: m.visible == SheetVisibleEnum.Visible for m in wb.sheets_metadata}
    except CalamineError:  # visibility is a nicety; default to visible
        return {n: True for n in names}


def _xls_first_row(data: bytes, name: str) -> int | None:
    """1-based row of a legacy sheet's first cell with a value, or None."""
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        start = wb.get_sheet_by_name(name).start
        return None if start is None else int(start[0]) + 1
    except CalamineError:  # the row number is a nicety: rows are then counted from 1
        return None


def _load_sheet(reader, name: str, header_row: int, dtypes=None):
    """``reader.load_sheet``; a column whose type the reader cannot guess because of an error
    cell it does not map to empty (``#NAME?``) is read with every column as
    text, which ingest parses as it parses a CSV, instead of the whole sheet failing."""
    try:
        return reader.load_sheet(name, header_row=header_row, dtypes=dtypes)
    except fastexcel.CalamineCellError:
        return reader.load_sheet(name, header_row=header_row, dtypes="string")


def _read_sheet(reader, data: bytes, name: str, fmt: str, filename: str, path: str | None,
                zf: zipfile.ZipFile | None = None) -> RawTable | None:
    """One sheet → RawTable; ``None`` when the sheet is empty."""
    sheet = _load_sheet(reader, name, 0)
    batch, errors = _to_arrow_checked(sheet)
    if batch.num_columns == 0:
        return None
    # a legacy sheet has no guard before the reader: its width is checked before the header search
    check_columns(batch.num_columns, filename, limits_from(os.environ).max_columns)
    header_cells = list(batch.schema.names)
    rows = [header_cells] + _head_rows(batch)
    h = find_header_row(rows)
    # fastexcel counts header_row from the sheet's first row, but its range (and so the optimistic
    # header) starts at the first row holding a value: find that row to number rows as Excel does.
    head = _sheet_head(data, path, zf) if fmt == "xlsx" else b""
    first = _first_row_in(head) if fmt == "xlsx" else _xls_first_row(data, name)
    first = first or 1
    header_abs = first - 1 + h  # 0-based sheet row of the header
    merges = _sheet_merges(data, fmt, name, path, zf)
    levels_at = _stacked_header_at(partial(_header_rows_of, reader, name), merges, header_abs, first - 1,
                                  min(_sheet_columns(sheet, batch.num_columns)))
    if levels_at is not None:
        header_abs, levels = levels_at  # the top header row; the data starts under the last one
    # the row the reader takes its names from: the header's last
    names_row = header_abs + (levels.depth - 1 if levels_at is not None else 0)
    if h > 0 or errors or levels_at is not None:
        # The optimistic read took the first row as the header; read again with the real one
        # (titles above the header are rare, so the common case parses the sheet once). Columns
        # where a cell did not fit the guessed type are read as text so no value is lost.
        dtypes = {c: "string" for c in errors} if errors and h == 0 and levels_at is None else None
        sheet = _load_sheet(reader, name, names_row, dtypes)
        batch, errors2 = _to_arrow_checked(sheet)
        if errors2:
            sheet = reader.load_sheet(name, header_row=names_row, dtypes="string")
            batch, _ = _to_arrow_checked(sheet)
    table = pa.Table.from_batches([batch])
    sheet_columns = _sheet_columns(sheet, table.num_columns)
    originals = [str(c) for c in table.schema.names]
    if levels_at is not None:
        originals = [levels.names.get(c, o) for c, o in zip(sheet_columns, originals)]
    headers = dedupe_headers(originals)
    table = table.rename_columns(headers)
    frame = _to_pandas(table)
    for c in frame.columns:
        # Excel dates come as datetime64[ms]; keep the documented ns resolution for consumers.
        if pd.api.types.is_datetime64_any_dtype(frame[c].dtype):
            frame[c] = _datetimes_in_ns(frame[c])
    source_rows = names_row + 2 + np.arange(len(frame), dtype=np.int64)
    notes = []
    frame, as_numbers = _date_formatted_numbers(frame)
    if as_numbers:
        notes.append(("ingest.note.dates_as_numbers", {"columns": as_numbers}))
    if header_abs > 0:
        notes.append(("ingest.note.title_rows_skipped", {"n": header_abs, "header_row": header_abs + 1}))
    groups: tuple[tuple[str, ...], ...] = ()
    if levels_at is not None:
        by_column = dict(zip(sheet_columns, headers))
        groups = tuple(tuple(by_column[c] for c in g if c in by_column) for g in levels.groups)
        combined = [by_column[c] for c in levels.joined if c in by_column]
        columns = shortened(combined, 6)
        if levels.depth == 2:
            notes.append(("ingest.note.two_row_header", {"first": header_abs + 1, "second": header_abs + 2,
                                                         "columns": columns}))
        else:
            notes.append(("ingest.note.stacked_header", {"first": header_abs + 1, "last": names_row + 1,
                                                         "n": levels.depth, "columns": columns}))
    uncomputed = _uncomputed_in(head)
    if uncomputed:
        notes.append(("ingest.note.formulas_not_computed", {"n": uncomputed}))
    frame, source_rows = _drop_empty_rows(frame, source_rows)
    reach = header_reach(merges, header_abs, names_row)
    if reach > names_row and len(source_rows) and source_rows[0] <= reach + 1:
        # a header name merged down over rows read as data (a header too deep, or one whose levels
        # do not join): said, so a refusal can name the header rather than a missing column.
        # Rows a tall one-row header merges over are empty and left out above: nothing to say.
        notes.append(("ingest.note.header_rows_unjoined", {"first": header_abs + 1, "last": reach + 1,
                                                           "data": names_row + 2}))
    # after empty rows are left out: a spacer row inside a merged block stays out, not filled
    frame, filled, once = fill_merged_cells(frame, source_rows - 1, sheet_columns, merges, body_top=names_row + 1)
    if filled:
        notes.append(("ingest.note.merged_cells_filled", {"columns": tuple(filled)}))
    if once:
        notes.append(("ingest.note.merged_amounts_once", {"columns": tuple(once)}))
    return RawTable(frame=frame, source_rows=source_rows, header_row=header_abs + 1, file_format=fmt,
                    sheet=name, notes=tuple(notes), filename=filename, original_headers=tuple(originals),
                    titles=title_texts(rows[:header_abs - (first - 1)]), header_groups=groups)


#: Fields that hold numbers: a column of them formatted as dates in the workbook is read as the
#: numbers Excel stores.
_NUMBER_FIELDS = frozenset({"days_past_due", "score", "interest_rate", *AMOUNT_COLUMNS})
#: Day 0 of Excel's serial dates from 1900-03-01 on; before it, Excel counts the 29 February 1900
#: that never was, so serial 1 is 1900-01-01 and day 0 is a day later.
_EXCEL_DAY_ZERO, _EXCEL_LEAP_BUG = pd.Timestamp("1899-12-30"), pd.Timestamp("1900-03-01")


def _date_formatted_numbers(frame: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """``(frame, the columns changed)``: a days-past-due or amount column that the workbook
    formats as dates (逾期天数 1899-12-31, 1900-01-07 …) read back as the numbers it stores, 1 and
    8. Read as dates, the file was refused as having no DPD (or balance) column while the
    message listed that very column."""
    changed = {}
    for c in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[c].dtype) and canonical_for(c) in _NUMBER_FIELDS:
            days = (frame[c] - _EXCEL_DAY_ZERO) / pd.Timedelta(days=1)
            changed[c] = days - (frame[c] < _EXCEL_LEAP_BUG).astype("float64")
    return (frame.assign(**changed), tuple(changed)) if changed else (frame, ())


def _stacked_header_at(rows_of: Callable[[int, int], list | None], merges: list, header_abs: int, range_top: int,
                       range_left: int) -> tuple[int, StackedHeader] | None:
    """``(top row, header)`` when the found header row and the rows around it form one header
    (:func:`analysis.ingest.merged.stacked_header`), else ``None``.

    The deepest header is tried first, up to :data:`analysis.ingest.merged.MAX_HEADER_ROWS` rows,
    each holding the found row, the one starting at the found row before those starting above
    it. Only rows whose merged ranges could make a header are read again (as text, whatever the
    columns' types): a range across columns in the top row, or over three rows one merged down
    to the last, and a range across columns ending right above the last row. Above the found
    header, a merge from the sheet's first column (``range_left``) is a title: a report titled
    right above its header is not read again. ``rows_of(top, depth)`` gives those rows' cells by
    0-based column (a sheet's read again, an HTML page's grid), or ``None`` when they cannot be read.
    """
    # only a range starting in a header row can shape the header; a sheet merged down its body
    # holds thousands of others, looked at once here rather than by each of the tries below
    near = [m for m in merges if header_abs - MAX_HEADER_ROWS < m[0] < header_abs + MAX_HEADER_ROWS]
    if not near:
        return None
    for depth in range(MAX_HEADER_ROWS, 1, -1):
        for top in range(header_abs, header_abs - depth, -1):
            if top < range_top or not _could_stack(near, top, depth, range_left if top < header_abs else -1):
                continue
            rows = rows_of(top, depth)  # the cells of those rows by column, or None when unreadable
            if rows is None:
                continue
            found = stacked_header(rows, near, top, found=header_abs - top)
            if found is not None:
                return top, found
    return None


def _could_stack(merges: list, top: int, depth: int, left_most: int) -> bool:
    """Whether the merged ranges alone allow sheet rows ``top`` to ``top + depth - 1`` to be one
    header (what :func:`analysis.ingest.merged.stacked_header` asks of them), so that a sheet
    without such ranges is not read again."""
    last = top + depth - 1
    starts = any(t == top and b < last and r > l > left_most for t, l, b, r in merges) \
        or (depth > 2 and any(t == top and b == last for t, _, b, _ in merges))
    return starts and any(top <= t and b == last - 1 and r > l for t, l, b, r in merges)


def _header_rows_of(reader, name: str, top: int, depth: int) -> list[dict[int, object]] | None:
    """The cells of sheet rows ``top`` to ``top + depth - 1`` as text, by 0-based sheet column (a
    row past the sheet's end is empty)."""
    try:
        sheet = reader.load_sheet(name, header_row=top, n_rows=depth - 1, dtypes="string")
        batch = sheet.to_arrow()
    except (fastexcel.CalamineCellError, fastexcel.CalamineError, pa.ArrowException):
        return None
    columns = [int(c.absolute_index) for c in sheet.available_columns()]
    if len(columns) != batch.num_columns:
        return None
    rows = [dict(zip(columns, batch.schema.names))]
    for i in range(depth - 1):
        rows.append(dict(zip(columns, (col[i].as_py() if i < len(col) else None for col in batch.columns))))
    return rows


def _sheet_columns(sheet, width: int) -> list[int]:
    """0-based sheet column of each column the reader gave (an empty first column shifts them);
    ``-1`` each when the reader does not say, so no merged range is matched to a wrong column."""
    found = [int(c.absolute_index) for c in sheet.available_columns()]
    return found if len(found) == width else [-1] * width


#: Merged ranges read from a sheet, at most: a sheet with more is read as its cells say (unfilled).
MAX_MERGES = 200_000
_MERGE_CHUNK = 1 << 20


def _sheet_merges(data: bytes, fmt: str, name: str, path: str | None,
                  zf: zipfile.ZipFile | None = None) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges, 0-based ``(top, left, bottom, right)``; ``[]`` when none or
    they cannot be read (filling them is a help, never a reason to refuse the sheet)."""
    if fmt == "xls":
        try:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
            ranges = wb.get_sheet_by_name(name).merged_cell_ranges or []
        except CalamineError:
            return []
        found = [(int(a[0]), int(a[1]), int(b[0]), int(b[1])) for a, b in ranges]
        return found if len(found) <= MAX_MERGES else []
    if not path:
        return []
    found: set[tuple[int, int, int, int]] = set()
    try:
        zf = zf or zipfile.ZipFile(io.BytesIO(data))
        with zf.open(path) as fh:
            tail = b""
            while chunk := fh.read(_MERGE_CHUNK):
                window = tail + chunk
                if b"mergeCell" in window:
                    # the kept tail is scanned again, so a reference cut by a chunk's end is found
                    # whole; one found twice is the same range (a set)
                    found.update(merge_refs(window))
                    if len(found) > MAX_MERGES:
                        return []
                tail = window[-512:]
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, zlib.error, EOFError):
        return []
    return sorted(found)


#: A formula cell saved without its value (``<f>…</f><v></v></c>``, ``<f>…</f></c>``).
_FORMULA_WITHOUT_VALUE = re.compile(rb"</(?:\w+:)?f>\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")


def _uncomputed_in(head: bytes) -> int:
    """Formula cells without a value in a sheet's :func:`_sheet_head`: a file written by a program
    (openpyxl, a report generator) that Excel never opened, so nothing computed them. Read, they
    are empty; a note says why, and that opening and saving the file in Excel fixes it."""
    return len(_FORMULA_WITHOUT_VALUE.findall(head))


def _head_rows(batch: pa.RecordBatch) -> list[list]:
    """The first :data:`HEADER_SCAN_ROWS` rows as Python values, for the header search. A date
    Python cannot hold (a serial past the year 9999) is left out (``None``) rather than failing
    the whole sheet: here it is only a hint of where the header is; ingest judges it by row."""
    head = batch.slice(0, HEADER_SCAN_ROWS)
    columns = []
    for col in head.columns:
        try:
            columns.append(col.to_pylist())
        except (OverflowError, ValueError):
            columns.append([None] * len(col))
    return [list(row) for row in zip(*columns)] if columns else []


def _to_arrow_checked(sheet) -> tuple[pa.RecordBatch, set[str]]:
    """The sheet as Arrow plus the names of columns where a cell did not fit the inferred type."""
    batch, cell_errors = sheet.to_arrow_with_errors()
    bad: set[str] = set()
    if cell_errors is not None:
        for err in getattr(cell_errors, "errors", []) or []:
            col = getattr(err, "offset_position", None) or getattr(err, "position", None)
            idx = col[1] if isinstance(col, tuple) else None
            if idx is not None and idx < batch.num_columns:
                bad.add(batch.schema.names[idx])
            else:
                bad.update(batch.schema.names)
    return batch, bad


# --------------------------------------------------------------------------------------------
# Parquet


def _read_parquet(data: bytes, filename: str) -> RawTable:
    """A Parquet file's cells; rows are numbered from 1 (Parquet has no header row).

    Columns of nested values (struct, list, map) are not read: no field takes one, and a few KB
    of them can decode to gigabytes (a list of 240 million zeros, a 1 MB text in a struct on
    every row); a note names them. What the rest decodes to is weighed before it is decoded, as
    the workbook guard weighs a sheet: no row longer than a CSV line may be, and no more than
    ``max_ratio`` times the file's size in all (a 75 KB file declared 5 million identical rows).
    """
    notes = []
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        meta = parquet.metadata
        limits = text_limits_from(os.environ)
        if meta.num_rows > limits.max_rows:  # a few KB of Parquet can declare 100 million identical rows
            raise IngestError("ingest.error.parquet_too_many_rows", name=filename, rows=meta.num_rows,
                              limit=limits.max_rows)
        # as wide as a CSV may be (100,000 columns took minutes to match headers against)
        check_columns(meta.num_columns, filename, limits.max_columns)
        fields = list(parquet.schema_arrow)
        nested = [f.name for f in fields if pa.types.is_nested(f.type)]
        flat = [f for f in fields if not pa.types.is_nested(f.type)]
        if nested:
            notes.append(("ingest.note.parquet_nested_skipped", {"columns": tuple(nested)}))
        _refuse_from_footer(flat, meta.num_rows, filename, limits.max_line_bytes, len(data))
        _refuse_long_row_groups(meta, filename)
        # text read as dictionaries, as stored: a few KB of Parquet can repeat one 1 MB text over
        # thousands of rows, gigabytes once decoded (see _refuse_long_rows)
        texts = [f.name for f in flat if _is_text_type(f.type) and not pa.types.is_fixed_size_binary(f.type)]
        if texts:
            parquet = pq.ParquetFile(pa.BufferReader(data), read_dictionary=texts)
        columns = [f.name for f in flat]
        if meta.num_row_groups > _FEW_ROW_GROUPS:
            # one Arrow chunk per row group: 200,000 groups of one row held 4.8 GB for 154 MB
            schema = pa.schema([parquet.schema_arrow.field(c) for c in columns])
            table = pa.Table.from_batches(list(parquet.iter_batches(batch_size=1 << 16, columns=columns)), schema=schema)
        else:
            table = parquet.read(columns=columns)
        _refuse_long_rows(table, filename, limits.max_line_bytes, len(data))
    except (pa.ArrowException, OSError):  # ArrowInvalid for bytes that are not Parquet
        raise IngestError("ingest.error.unreadable_parquet", name=filename) from None
    zones, zone_notes = reading_zones(table.schema, [table], configured_zone(os.environ))
    frame = parquet_frame(table, zones)
    source_rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    frame, source_rows = _drop_empty_rows(frame, source_rows)
    return RawTable(frame=frame, source_rows=source_rows, header_row=0, file_format="parquet",
                    filename=filename, original_headers=tuple(table.schema.names), notes=tuple(notes) + zone_notes)


#: Row groups above which a Parquet file is read in batches of rows, not group by group.
_FEW_ROW_GROUPS = 1024


def _is_text_type(kind: pa.DataType) -> bool:
    return (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind)
            or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind))


def _cell_bytes(column: pa.ChunkedArray) -> np.ndarray:
    """Bytes of text each cell of ``column`` holds once decoded (a dictionary's value lengths taken
    by its indices); 0 for a number or a date, which costs the same in any file (how many rows a
    file may declare for its size is :func:`_refuse_from_footer`'s)."""
    out = []
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type) and _is_text_type(chunk.type.value_type):
            lengths = pc.fill_null(pc.binary_length(chunk.dictionary), 0).to_numpy(zero_copy_only=False)
            idx = pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
            out.append(np.where(idx >= 0, lengths[np.maximum(idx, 0)] if len(lengths) else 0, 0))
        elif pa.types.is_fixed_size_binary(chunk.type):
            out.append(np.full(len(chunk), chunk.type.byte_width, dtype=np.int64))
        elif _is_text_type(chunk.type):
            out.append(pc.fill_null(pc.binary_length(chunk), 0).to_numpy(zero_copy_only=False))
        else:
            out.append(np.zeros(len(chunk), dtype=np.int64))
    return np.concatenate(out).astype(np.int64) if out else np.zeros(0, dtype=np.int64)


def _refuse_from_footer(fields: list, rows: int, filename: str, limit: int, file_bytes: int) -> None:
    """Refuse, from the schema and the row count alone, what costs memory before it is read: a
    fixed-size binary cell is its full width on every row (2,500 rows of 1 MiB took 2.6 GB from
    15 KB), and more than :data:`_MAX_ROWS_PER_BYTE` rows per byte of file past a million rows is
    one row repeated, not a book (a 75 KB file declared 5 million identical rows, 2.4 GB once read;
    a real book, even a synthetic one of amortising loans, takes a byte a row or more)."""
    if not rows:
        return
    fixed = sum(f.type.byte_width for f in fields if pa.types.is_fixed_size_binary(f.type))
    if fixed > limit:
        raise IngestError("ingest.error.parquet_row_too_long", name=filename, row=1, size=fixed, limit=limit)
    _refuse_expansion(fixed * rows, file_bytes, filename)
    if rows > 1_000_000 and rows > _MAX_ROWS_PER_BYTE * max(file_bytes, 1):
        raise IngestError("ingest.error.parquet_rows_per_byte", name=filename, size_kb=math.ceil(file_bytes / 1024),
                          rows=rows)


#: Rows a Parquet file may declare per byte of its size (see :func:`_refuse_from_footer`).
_MAX_ROWS_PER_BYTE = 20
#: A row longer than this is a long row (a loan's row is a few hundred bytes; a remark a few KB)...
LONG_ROW_BYTES = 64 * 1024
#: ...and a file's long rows together may hold this much text. Each row under the per-row limit,
#: a thousand rows of a 1 MB text (each row group with a dictionary of its own) decoded to 1 GB,
#: 3.5 GB in the server from a 20 MB file.
LONG_ROWS_BUDGET = 64 << 20


def _refuse_long_row_groups(meta, filename: str) -> None:
    """Refuse, from the footer, a Parquet file whose row groups of long rows (their uncompressed
    bytes per row past :data:`LONG_ROW_BYTES`) hold more than :data:`LONG_ROWS_BUDGET` together,
    before any is decoded."""
    rows = size = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        bytes_ = sum(group.column(i).total_uncompressed_size for i in range(group.num_columns))
        if group.num_rows and bytes_ > LONG_ROW_BYTES * group.num_rows:
            rows, size = rows + group.num_rows, size + bytes_
    if size > LONG_ROWS_BUDGET:
        raise IngestError("ingest.error.long_rows", name=filename, rows=rows, row_kb=LONG_ROW_BYTES // 1024,
                          size_mb=math.ceil(size / (1 << 20)), limit_mb=LONG_ROWS_BUDGET >> 20)


def _refuse_expansion(decoded: int, file_bytes: int, filename: str, key: str = "ingest.error.parquet_expands") -> None:
    """Refuse (with ``key``) a file that decodes to more than the workbook guard's ``max_ratio``
    times its size (once past its ``ratio_floor_bytes``), as a zip bomb is refused."""
    guard = limits_from(os.environ)
    if decoded > guard.ratio_floor_bytes and decoded > guard.max_ratio * max(file_bytes, 1):
        raise IngestError(key, name=filename, size_kb=math.ceil(file_bytes / 1024),
                          size_mb=math.ceil(decoded / 1e6), ratio=int(guard.max_ratio))


def _refuse_long_rows(table: pa.Table, filename: str, limit: int, file_bytes: int,
                              rows: np.ndarray | None = None, expands: str = "ingest.error.parquet_expands") -> None:
    """Refuse a Parquet table whose rows, once decoded, are longer than a CSV line may be
    (``max_line_bytes``), or which decodes to more than the workbook guard's ``max_ratio`` times
    the file's size (once past its ``ratio_floor_bytes``).

    A 6.5 KB file repeating one 1 MB text over 2,500 rows decoded to 2.5 GB in the server and
    then failed with Arrow's offset overflow; the same text 200 bytes shorter over 2,000 rows,
    every row under the limit, took 2.2 GB; a 75 KB file of 5 million identical rows 2.4 GB.
    """
    if not table.num_rows:
        return
    total = np.zeros(table.num_rows, dtype=np.int64)
    for column in table.columns:
        total += _cell_bytes(column)
    worst = int(np.argmax(total))
    if total[worst] > limit:
        row = int(rows[worst]) if rows is not None and len(rows) > worst else worst + 1
        raise IngestError("ingest.error.parquet_row_too_long", name=filename, row=row, size=int(total[worst]),
                          limit=limit)
    _refuse_expansion(int(total.sum()), file_bytes, filename, expands)
    long = total > LONG_ROW_BYTES
    if int(total[long].sum()) > LONG_ROWS_BUDGET:  # each under the limit, together gigabytes
        raise IngestError("ingest.error.long_rows", name=filename, rows=int(long.sum()), row_kb=LONG_ROW_BYTES // 1024,
                          size_mb=math.ceil(int(total[long].sum()) / (1 << 20)), limit_mb=LONG_ROWS_BUDGET >> 20)


def _decoded_text(table: pa.Table) -> pa.Table:
    """Dictionary text columns as plain text, and bytes as text (a Hive or Spark export may store
    its strings as binary: read as such, account A1 became "b'A1'"): UTF-8, else GB18030."""
    for i, f in enumerate(table.schema):
        kind = f.type.value_type if pa.types.is_dictionary(f.type) else f.type
        if not _is_text_type(kind):
            continue
        column = table.column(i)
        if pa.types.is_dictionary(f.type):
            column = column.cast(kind)
        if pa.types.is_fixed_size_binary(kind):  # ids of one width (FIXED_LEN_BYTE_ARRAY): bytes as any others
            column, kind = column.cast(pa.binary()), pa.binary()
        if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            try:
                column = column.cast(pa.string() if pa.types.is_binary(kind) else pa.large_string())
            except pa.ArrowInvalid:  # not UTF-8: the other encoding Chinese systems write
                # bytes neither reads are kept as escapes (\x80A1), never one replacement mark:
                # b"\x80A1" and b"\xffA1" both read "�A1", and a distinct account was rejected as
                # the other's duplicate
                column = pa.array([None if v is None else v.decode("gb18030", errors="backslashreplace")
                                   for v in column.to_pylist()], type=pa.string())
        table = table.set_column(i, f.name, column)
    return table


def parquet_frame(table: pa.Table, zones: dict[str, str] | None = None) -> pd.DataFrame:
    """Cells of a Parquet table (or of one batch of it) as :func:`read_table` gives them; a
    timestamp with a time zone as its wall clock there (``zones`` from
    :func:`~analysis.ingest.timezones.reading_zones` for those stored in UTC)."""
    table = wall_clock(table, zones or {})
    table = _decoded_text(table.rename_columns(dedupe_headers(list(table.schema.names))))
    for i, f in enumerate(table.schema):
        if pa.types.is_date(f.type):  # a date32 comes to pandas as Python dates: as a timestamp instead
            table = table.set_column(i, f.name, table.column(i).cast(pa.timestamp("ms")))
        elif pa.types.is_nested(f.type):  # a struct or list cell is no field's value: its text
            table = table.set_column(i, f.name, pa.array([None if v is None else str(v) for v in table.column(i).to_pylist()],
                                                         type=pa.string()))
    frame = _to_pandas(table)
    for c in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[c].dtype) and getattr(frame[c].dt, "tz", None) is None:
            frame[c] = _datetimes_in_ns(frame[c])
    return frame.reset_index(drop=True)


def _datetimes_in_ns(col: pd.Series) -> pd.Series:
    """A date column at the documented nanosecond resolution; when a date lies outside it
    (before 1677 or after 2262: 9999-12-31, a common "no end date" sentinel), the column as
    ISO text instead, so ingest reads it as it reads the same dates in a CSV (a mapped month
    of 9999 rejects its row; an unmapped maturity date is carried as it is)."""
    try:
        return col.astype("datetime64[ns]")
    except (pd.errors.OutOfBoundsDatetime, OverflowError, ValueError):
        values = col.to_numpy()
        days = values.astype("datetime64[D]")
        unit = "D" if (values == days.astype(values.dtype))[~np.isnat(values)].all() else "s"
        text = np.datetime_as_string(values, unit=unit)
        return pd.Series(np.where(np.isnat(values), None, text), index=col.index, dtype="str")
