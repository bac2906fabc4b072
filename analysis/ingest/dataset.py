"""Any portfolio file → a month-partitioned Parquet dataset, streamed in pieces under ingest's rules.

A book too large for a browser upload (tens of millions of account-months) becomes a folder the
CLI and the app read out of core with DuckDB::

    OUT/month=2024-01/part-00000.parquet   accepted rows: canonical columns as ingest makes them
    OUT/month=2024-02/part-00000.parquet   (segments as text, dates as dates, ``source_row``
    ...                                     kept; the month is the folder, hive style)
    OUT/_rejected.csv                      every rejected row: ``row``, ``reason`` (in the user's
                                           language), ``reason_key``, ``detail`` (JSON), the cells
    OUT/_report.json                       the validation report: ``inspect``'s keys and more

How the rules stay ingest's: a CSV (or TSV, UTF-8 or GBK/GB18030) is cut into pieces of about
``chunk_bytes`` at record boundaries; each piece is parsed by :func:`analysis.ingest.readers.
parse_text_body` behind a copy of the header line and validated by :func:`analysis.ingest.portfolio.
build_portfolio` with the mapping and options resolved once from the header (and, for a status
column, the code table proposed from the whole column). Pieces run side by side in worker
processes (one per core). Every row is accepted or rejected with ingest's reason. What ingest
decides from a whole column is kept whole:

* duplicates: within a piece ingest rejects later copies; across pieces the written month
  folders are checked afterwards (DuckDB, keeping the lowest ``source_row``) and the later copies
  move to the rejected rows with ingest's reason and the row of the copy kept;
* a piece whose month, DPD or amount column holds no usable value at all (for the whole file
  ingest would refuse it) is validated again beside one good row of the file (a *witness* with
  an account id no file can hold), which is then taken out again;
* where pieces disagree on a column-level reading (relative months, rates in percent), the file
  is converted whole, so the answer is the whole file's.

Workbooks (XLSX/XLS), HTML exports, UTF-16 text and wide layouts (one column per month) are read
whole (a sheet holds at most ~1M rows) and written the same way. Parquet files go by batches.

Several monthly files (``convert 2024-01.xlsx 2024-02.csv … --out BOOK/``) are read whole and
combined as the upload page combines them (:mod:`analysis.ingest.multi`: each file's month from
its date column, a title row or its name) and validated once by
:func:`analysis.ingest.multi.build_combined`: the rejected rows name their file (``file``) and
the row in that file, a repeated account-month across files included.
"""
from __future__ import annotations

import codecs
import glob
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from pandas.api.types import union_categoricals

from analysis.ingest import readers as R
from analysis.core.i18n import MessageError, translate
from analysis.ingest.multi import (FILE_COLUMN, build_combined, combine, date_header_of, describe_files, files_json,
                                   read_files, with_months, without_file_column)
from analysis.ingest.portfolio import (IngestError, IngestOptions, build_portfolio, dpd_mapping, resolve_mapping,
                                       cents, many_duplicates_notes, suggest_status_codes, thin_month_notes)
from analysis.ingest.rejections import merge_rejections, rejections_json, rejections_line
from analysis.ingest.file_months import named_month
from analysis.ingest.merged import is_units_row
from analysis.ingest.side_by_side import side_by_side_blocks
from analysis.ingest.timezones import configured_zone, reading_zones
from analysis.core.engine import DuckDBEngine, default_threads
from analysis.core.privacy import mask_mapped_pii, neutralise_cell

#: Bytes of text per piece: ~0.7M rows of a 12-column export, ~0.4 GB while it is validated.
CHUNK_BYTES = 64 << 20
#: Below this size a file is converted in this process (worker processes take a second to start).
PARALLEL_FROM_BYTES = 128 << 20
REPORT_FILE = "_report.json"
#: CSV, not Parquet: a reader globbing the folder's ``**/*.parquet`` must see the book's rows only
#: (and a risk manager opens it in Excel). UTF-8 with a BOM, formulas neutralised.
REJECTED_FILE = "_rejected.csv"
#: Rejections listed in the report (``inspect`` lists the first 1,000 too).
REPORT_REJECTED = 1000

#: Errors ingest raises when a column has no usable value: for a piece, not the file.
_COLUMN_ERRORS = ("ingest.error.dpd_column_text", "ingest.error.amount_column_text", "ingest.error.month_garbage")
#: Column-level readings every piece must make the same way (else the file is converted whole).
_PIECE_READINGS = ("ingest.note.relative_months", "ingest.note.rate_percent", "ingest.note.dpd_blank_current",
                   "ingest.note.dpd_negative_current")
#: The order of the notes of one piece (the reader's, then ``build_portfolio``'s; its
#: ``numbers_garbage`` comes for the score and for the rate, around ``rate_percent``).
_NOTE_ORDER = (
    "ingest.note.thousands_rejoined", "ingest.note.ragged_rows",
    "ingest.note.sub_columns_contested", "ingest.note.sub_column_alone",
    "ingest.note.wide", "ingest.note.wide_amount_repeated", "ingest.note.ids_unwrapped", "ingest.note.relative_months", "ingest.note.snapshot_month",
    "ingest.note.dpd_words_current", "ingest.note.dpd_blank_current", "ingest.note.dpd_negative_current",
    "ingest.note.dpd_from_due_date", "ingest.note.dpd_from_status", "ingest.note.dpd_from_class",
    "ingest.note.amount_unit_thousand", "ingest.note.amount_unit_wan", "ingest.note.amount_unit_yi",
    "ingest.note.column_unit.yuan", "ingest.note.column_unit.thousand", "ingest.note.column_unit.wan",
    "ingest.note.column_unit.yi", "ingest.note.dash_zero",
    "ingest.note.balance_unit", "ingest.note.many_duplicates", "ingest.note.negative_zeroed", "ingest.note.dates_garbage",
    "ingest.note.numbers_garbage:score", "ingest.note.rate_percent", "ingest.note.numbers_garbage:interest_rate",
)
_COUNTED = ("n", "rows")
_WITNESS_ID = "\x00witness-row\x00"
#: Text-like canonical columns: written as strings whatever a piece's dtype.
_TEXT = ("account_id", "status_label", "overdue_reason", "customer_name", "phone", "id_number")


class DatasetError(MessageError):
    """A dataset that cannot be written or read, with a message in both languages."""


class _Restart(Exception):
    """Streaming cannot give the whole file's answer: start again another way."""

    def __init__(self, why: str, force_gb18030: bool = False) -> None:
        super().__init__(why, force_gb18030)  # both in args: it crosses process boundaries
        self.why = why
        self.force_gb18030 = force_gb18030


# --------------------------------------------------------------------------------------------
# sources: the file's rows in pieces, each a RawTable numbered as the whole file numbers it


def _units_line(line: bytes, encoding: str, delimiter: str) -> bool:
    """The line under the header is a units row (``,（天）,（万元）``): read whole, as ingest reads it
    (:func:`analysis.ingest.merged.units_row_applied`)."""
    try:
        cells = [c.strip().strip('"') for c in line.decode(encoding).rstrip("\r").split(delimiter)]
    except UnicodeDecodeError:
        return False
    return is_units_row(cells)


class _WholeSource:
    """The file read whole (workbooks, HTML, UTF-16, wide layouts, odd text)."""

    streaming = False
    parallel = False

    def __init__(self, path: Path, sheet: str | None) -> None:
        self.path = path
        raw = R.read_table(path.read_bytes(), path.name, sheet=sheet)
        self._notes = list(raw.notes)
        self._raw = replace(raw, notes=())

    def file_notes(self) -> list:
        return list(self._notes)

    def headers(self) -> R.RawTable:
        return self._raw

    def pieces(self) -> Iterator[tuple]:
        yield None, self._raw

    def read(self, span) -> R.RawTable:  # pragma: no cover - one piece: nothing to read again
        return self._raw

    def adopt(self, raw: R.RawTable) -> None:
        """Read ``raw`` (the table as the mapping was resolved on: monthly tables stacked on one
        sheet, each row with its block's month) instead of the table as read."""
        self._raw = replace(raw, notes=())


class _SetSource(_WholeSource):
    """Several monthly files read whole and combined into one table (:mod:`analysis.ingest.multi`),
    validated as one piece by :func:`~analysis.ingest.multi.build_combined`: every row keeps its
    file and its row in that file."""

    def __init__(self, paths: list[Path], sheet: str | None, mapping: Mapping[str, str] | None,
                 file_months: Mapping[str, str] | None) -> None:
        self.path = paths[0]
        # bytes are read one file at a time and dropped once the file is a table
        raws = read_files(((p.read_bytes(), p.name) for p in paths), sheet=sheet)
        date_header = date_header_of(raws, mapping)
        files = with_months(describe_files(raws, date_header), file_months or {})
        multi = combine(raws, files, date_header)
        del raws
        self._notes = list(multi.raw.notes)
        self.multi = replace(multi, raw=replace(multi.raw, notes=()))
        self._raw = self.multi.raw

    def build(self, raw: R.RawTable, mapping: Mapping[str, str], options: IngestOptions):
        return build_combined(self.multi, mapping, options)

    def order(self) -> str:
        """SQL ordering the rejected rows as the set's rows: file by file (month, then name), row by row."""
        names = ", ".join(_sql_string(f.file) for f in self.multi.files)
        return f"list_position([{names}], file), row"


class _TextSource:
    """A delimited text file in pieces cut at record boundaries, parsed exactly as a whole."""

    streaming = True
    parallel = True

    def __init__(self, path: Path, chunk_bytes: int, force_gb18030: bool = False) -> None:
        self.path, self.chunk_bytes = path, max(int(chunk_bytes), 1)
        self.size = size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(4 << 20)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise _Restart("UTF-16")
        if b"\x00" in head[:R._HEAD_BYTES] or not head.strip():
            raise _Restart("not text")  # read_table gives the user the precise message
        bom = head[:3] == codecs.BOM_UTF8
        self.utf8 = not force_gb18030 and R.head_is_utf8(head[:R._HEAD_BYTES + 1], size)
        self.encoding = ("utf-8-sig" if bom else "utf-8") if self.utf8 else "gb18030"
        start = 3 if (bom and self.utf8) else 0
        if len(head) < size:  # cut where no character is split (a newline is one byte in both)
            head = head[: head.rfind(b"\n") + 1] or head
        try:
            text = head if self.utf8 else head.decode("gb18030").encode("utf-8")
        except UnicodeDecodeError:
            raise IngestError("ingest.error.encoding", name=path.name) from None
        if R.looks_like_html(R._head_text(pa.py_buffer(text).slice(start))):
            raise _Restart("HTML")
        if R._full_width_commas_as_commas(text, start) is not text:
            raise _Restart("full-width commas")  # the whole file's lines are counted to read them as commas
        layout = R.text_layout(text, start, self.encoding, path.name)
        if side_by_side_blocks(layout.original_headers):
            raise _Restart("side by side")  # read whole, where the blocks are put one under the other
        self.layout = layout
        first_nl = text.find(b"\n", start + layout.offset)
        if first_nl < 0:
            raise _Restart("header only")
        self.header = text[start + layout.offset:first_nl + 1]
        # the same line in the file's own bytes: lines are the same in both encodings
        raw_pos = start
        for _ in range(layout.header_line + 1):
            raw_pos = head.find(b"\n", raw_pos) + 1
        self.body_start = raw_pos
        if _units_line(head[raw_pos:head.find(b"\n", raw_pos)], self.encoding, layout.delimiter):
            raise _Restart("units row")  # read whole, where a units row joins the header
        header_start = head.rfind(b"\n", 0, max(raw_pos - 1, 0)) + 1
        if named_month(self.headers()) is not None and self._header_repeats(head[header_start:raw_pos]):
            # one table per month under month titles: each block's month is read from the whole
            # sheet (file_months.month_blocks), a piece would give every block the first month
            raise _Restart("stacked monthly tables")
        self.has_quotes = self._quotes_below(raw_pos)
        self.end = self._end_of_text()

    def _end_of_text(self) -> int:
        """Where the text ends: before a DOS end-of-file mark (Ctrl-Z), as read_table reads it."""
        with open(self.path, "rb") as fh:
            fh.seek(max(self.size - 16, 0))
            tail = fh.read()
        if R._without_end_of_file_mark(tail) == tail:
            return self.size
        return self.size - len(tail) + len(tail.rstrip(b"\r\n")) - 1  # the mark and what follows it

    def _header_repeats(self, header_line: bytes) -> bool:
        """Whether a line below the header starts with the header's first cell (in the file's
        own bytes), as the header of a further table under it would."""
        first = header_line.rstrip(b"\r\n").split(self.layout.delimiter.encode(self.encoding), 1)[0].strip()
        if not first:
            return False
        mark = b"\n" + first
        with open(self.path, "rb") as fh:
            fh.seek(self.body_start)
            tail = b""
            while block := fh.read(16 << 20):
                if mark in tail + block:
                    return True
                tail = block[-len(mark):]
        return False

    def _quotes_below(self, pos: int) -> bool:
        # as read_table: quotes below the header decide whether values may hold newlines
        with open(self.path, "rb") as fh:
            fh.seek(pos)
            while block := fh.read(16 << 20):
                if b'"' in block:
                    return True
        return False

    def file_notes(self) -> list:
        return list(self.layout.notes)

    def headers(self) -> R.RawTable:
        """The header alone (what the mapping is resolved from)."""
        frame = pd.DataFrame({h: pd.Series([], dtype="str") for h in self.layout.headers})
        return self._raw(frame, np.zeros(0, dtype=np.int64), R.RaggedRows())

    def _raw(self, frame, rows, ragged: R.RaggedRows) -> R.RawTable:
        notes = ragged.notes()
        return R.RawTable(frame=frame, source_rows=rows, header_row=self.layout.header_line + 1,
                          file_format=self.layout.file_format, encoding=self.encoding, notes=notes,
                          delimiter=self.layout.delimiter, filename=self.path.name,
                          original_headers=self.layout.original_headers, titles=self.layout.titles)

    def _cut(self, buf: bytes) -> int:
        """End of the last whole record in ``buf`` (0 when there is none yet)."""
        end = buf.rfind(b"\n")
        if not self.has_quotes or end < 0:
            return end + 1
        # A newline ends a record when the quotes before it pair up (RFC 4180; "" inside a
        # quoted value keeps the count even). Walk back from the last newline.
        odd = buf.count(b'"', 0, end) % 2
        while end >= 0 and odd:
            prev = buf.rfind(b"\n", 0, end)
            odd ^= buf.count(b'"', prev + 1, end) % 2
            end = prev
        return end + 1

    def _parse(self, chunk: bytes, first_line: int) -> R.RawTable:
        if self.utf8:
            text = chunk
        else:
            try:
                text = chunk.decode("gb18030").encode("utf-8")
            except UnicodeDecodeError:
                raise IngestError("ingest.error.encoding", name=self.path.name) from None
        try:
            frame, rows, n_ragged = R.parse_text_body(self.header + text, 0, self.layout.headers,
                                                      self.layout.delimiter, self.has_quotes, first_line - 2)
        except R._NotUtf8:
            if self.utf8:
                raise _Restart("GB18030", force_gb18030=True) from None
            raise IngestError("ingest.error.encoding", name=self.path.name) from None
        return self._raw(frame, rows, n_ragged)

    def spans(self) -> Iterator[tuple[int, int, int]]:
        """``(start, end, first line)`` of each piece, found without parsing it."""
        pos, line, carry = self.body_start, self.layout.header_line + 2, b""
        with open(self.path, "rb") as fh:
            fh.seek(pos)
            while True:
                data = fh.read(max(min(self.chunk_bytes, self.end - fh.tell()), 0))
                buf = carry + data if carry else data
                if not buf:
                    return
                cut = len(buf) if not data else self._cut(buf)
                if cut <= 0:
                    carry = buf
                    continue
                yield pos, pos + cut, line
                line += buf.count(b"\n", 0, cut)
                pos += cut
                carry = buf[cut:]

    def read(self, span) -> R.RawTable:
        with open(self.path, "rb") as fh:
            fh.seek(span[0])
            chunk = fh.read(span[1] - span[0])
        return self._parse(chunk, span[2])

    def pieces(self) -> Iterator[tuple]:
        for span in self.spans():
            yield span, self.read(span)


class _ParquetSource:
    """A Parquet file by batches; rows are numbered from 1 as ingest numbers them."""

    streaming = True
    parallel = False

    def __init__(self, path: Path, chunk_rows: int) -> None:
        self.path, self.chunk_rows = path, max(int(chunk_rows), 1)
        try:
            self.file = pq.ParquetFile(path)
        except (pa.ArrowException, OSError):  # ArrowInvalid for a file that is not Parquet
            raise IngestError("ingest.error.unreadable_parquet", name=path.name) from None
        fields = list(self.file.schema_arrow)
        # as the upload reads it: nested columns (struct, list, map) are named, not read
        self.nested = tuple(f.name for f in fields if pa.types.is_nested(f.type))
        self.columns = [f.name for f in fields if not pa.types.is_nested(f.type)]
        self.names = tuple(self.columns)
        # every piece read in one zone, decided over the whole file as the upload decides it
        stamps = [f.name for f in fields if pa.types.is_timestamp(f.type) and f.type.tz is not None]
        batches = (pa.Table.from_batches([b]) for b in self.file.iter_batches(batch_size=self.chunk_rows, columns=stamps))
        self.zones, self.zone_notes = reading_zones(self.file.schema_arrow, batches if stamps else (),
                                                    configured_zone(os.environ))

    def file_notes(self) -> list:
        nested = [("ingest.note.parquet_nested_skipped", {"columns": self.nested})] if self.nested else []
        return nested + list(self.zone_notes)

    def _raw(self, table: pa.Table, start: int) -> R.RawTable:
        frame = R.parquet_frame(table, self.zones)
        rows = start + 1 + np.arange(len(frame), dtype=np.int64)
        frame, rows = R._drop_empty_rows(frame, rows)
        return R.RawTable(frame=frame, source_rows=rows, header_row=0, file_format="parquet",
                          filename=self.path.name, original_headers=self.names)

    def headers(self) -> R.RawTable:
        return self._raw(self.file.schema_arrow.empty_table().select(self.columns), 0)

    def pieces(self) -> Iterator[tuple]:
        start = 0
        for batch in self.file.iter_batches(batch_size=self.chunk_rows, columns=self.columns):
            yield (start, batch.num_rows), self._raw(pa.Table.from_batches([batch]), start)
            start += batch.num_rows

    def read(self, span) -> R.RawTable:
        for got, raw in self.pieces():
            if got == span:
                return raw
        raise RuntimeError("piece not found")  # pragma: no cover


def _open_source(path: Path, sheet: str | None, chunk_bytes: int, force_gb18030: bool = False):
    with open(path, "rb") as fh:
        magic = fh.read(64)
    if magic.startswith(b"PAR1"):
        return _ParquetSource(path, max(chunk_bytes // 64, 1))
    # a PDF, an image, an archive...: read_table refuses it with a message naming what it is
    refused = R.sniff_refused(magic) is not None
    if refused or magic.startswith(R._OLE2) or magic.startswith(b"PK\x03\x04") or not magic.strip():
        return _WholeSource(path, sheet)
    try:
        return _TextSource(path, chunk_bytes, force_gb18030)
    except _Restart:
        return _WholeSource(path, sheet)


# --------------------------------------------------------------------------------------------
# one piece: validate, write its months and its rejections


def _sql_string(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _cell_texts(values: pd.Series) -> pa.Array:
    """Cells as text for the rejected-rows file (blank as null), whatever their type."""
    if pd.api.types.is_string_dtype(values.dtype):
        return pa.array(values.astype("str"), type=pa.string(), from_pandas=True)
    out = []
    for v in values.tolist():
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            out.append(None)
        elif isinstance(v, float) and v.is_integer():
            out.append(str(int(v)))
        else:
            out.append(str(v))
    return pa.array(out, type=pa.string())


def account_keys(account_ids) -> np.ndarray:
    """A 64-bit integer per account id (SipHash, fixed key): the same id gives the same key in
    every piece, process and run, so a dataset's rows pair up on integers instead of text.

    Two ids could in principle share a key; :func:`convert_to_dataset` checks the whole book's
    ids and says in its report whether the keys are unique (``account_key_unique``); readers use
    the key only then.

    Examples
    --------
    >>> keys = account_keys(["KH001", "KH002", "KH001"])
    >>> bool(keys[0] == keys[2]), bool(keys[0] == keys[1]), keys.dtype.name
    (True, False, 'int64')
    """
    codes, uniques = pd.factorize(pd.Series(account_ids, dtype="str"))
    # an id repeats once per month: hash each id once
    keys = pd.util.hash_array(np.asarray(uniques, dtype=object), categorize=False).view(np.int64)
    return keys[codes] if len(codes) else np.zeros(0, dtype=np.int64)


def _accepted_table(portfolio: pd.DataFrame) -> pa.Table:
    """The accepted rows as written: segments as text, dates as dates, month left to the folder,
    and each account id's integer key (:func:`account_keys`)."""
    cols = {}
    for name in portfolio.columns:
        if name == "month":
            continue
        s = portfolio[name]
        if isinstance(s.dtype, pd.CategoricalDtype):
            # codes and categories hand over as an Arrow dictionary; decoding it is one take
            cols[name] = pc.cast(pa.array(s, from_pandas=True), pa.string())
        elif pd.api.types.is_string_dtype(s.dtype) or name in _TEXT:
            cols[name] = pa.array(s.astype("str"), type=pa.string(), from_pandas=True)
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            cols[name] = pc.cast(pa.array(s, from_pandas=True), pa.date32(), safe=False)
        elif name in ("days_past_due", "source_row"):
            cols[name] = pa.array(s.to_numpy(dtype=np.int64))
        else:
            cols[name] = pa.array(s.to_numpy(dtype=np.float64, na_value=np.nan), from_pandas=True)
    cols["account_key"] = pa.array(account_keys(portfolio["account_id"]))
    return pa.table(cols)


def _rejected_table(rejected: pd.DataFrame, cells: pd.DataFrame, headers: list[str],
                    mapping: Mapping[str, str], lang: str) -> pa.Table:
    """Rejected rows (ingest's frame: row, reason, detail) with their raw cells, PII masked."""
    cells = mask_mapped_pii(cells.reset_index(drop=True), dict(mapping))
    details = [d if isinstance(d, dict) else {} for d in rejected["detail"]]
    keys = [str(k) for k in rejected["reason"]]
    cols = {"row": pa.array(rejected["row"].to_numpy(dtype=np.int64))}
    if "file" in rejected.columns:  # several files read together: the row is the file's own
        cols["file"] = pa.array([str(f) for f in rejected["file"]], type=pa.string())
        headers = [h for h in headers if h != FILE_COLUMN]  # said by "file"
    cols |= {
        "reason": pa.array([translate(k, lang, **d) for k, d in zip(keys, details)], type=pa.string()),
        "reason_key": pa.array(keys, type=pa.string()),
        "detail": pa.array([json.dumps(d, ensure_ascii=False, default=str) for d in details], type=pa.string()),
    }
    for header in headers:
        name = header if header not in cols else f"{header}_"
        cols[name] = (_cell_texts(cells[header]) if header in cells.columns
                      else pa.nulls(len(rejected), type=pa.string()))
    return pa.table(cols)


def _month_file(out: Path, month: str, index: int) -> Path:
    return out / f"month={month}" / f"part-{index:05d}.parquet"


def _write_piece(out: Path, index: int, raw: R.RawTable, result, mapping: Mapping[str, str],
                 lang: str) -> dict:
    """Write a validated piece; what the whole file's report needs from it."""
    portfolio = result.portfolio
    months: list[str] = []
    if len(portfolio):
        table = _accepted_table(portfolio)
        runs = pc.run_end_encode(pa.array(portfolio["month"], type=pa.string()))
        ends = runs.run_ends.to_numpy()
        starts = np.concatenate([[0], ends[:-1]])
        for month, a, b in zip(runs.values.to_pylist(), starts, ends):
            file = _month_file(out, month, index)
            file.parent.mkdir(parents=True, exist_ok=True)
            # dictionary pages only where values repeat (segments, dates), not for account ids
            pq.write_table(table.slice(int(a), int(b - a)), file, compression="snappy",
                           use_dictionary=[c for c in table.column_names if c not in
                                           ("account_id", "account_key", "source_row", "balance",
                                            "overdue_amount")])
            months.append(month)
    rej = result.rejected
    if len(rej):
        cells = raw.frame.iloc[rej["position"].to_numpy()]
        table = _rejected_table(rej, cells, [str(c) for c in raw.frame.columns], mapping, lang)
        pq.write_table(table, out / f"_rejected.part-{index:05d}.parquet")
    s = result.summary
    keys = ("rows_read", "rows_accepted", "rows_rejected", "file_rows", "balance_read", "balance_accepted",
            "balance_rejected", "balance_zeroed", "balance_total_rows")
    rows = np.asarray(raw.source_rows)
    # the piece's distinct accounts (small): the file's count is their union, no second scan
    accounts = pc.unique(pa.array(portfolio["account_id"], type=pa.string())) if len(portfolio) else pa.array([], pa.string())
    return {"index": index, "totals": {k: s[k] for k in keys}, "notes": list(s["notes"]), "months": months,
            "first_row": int(rows.min()), "last_row": int(rows.max()), "accounts": accounts,
            "by_reason": rejections_json(result)}


def _witness_of(raw: R.RawTable, result, mapping: Mapping[str, str]) -> tuple[pd.DataFrame, int] | None:
    """One accepted row's cells and its line (its account id is replaced where it is used, by one
    the piece beside it does not hold: :func:`_witness_id`)."""
    if not len(result.portfolio):
        return None
    first = int(result.portfolio["source_row"].iloc[0])
    pos = int(np.flatnonzero(np.asarray(raw.source_rows) == first)[0])
    return raw.frame.iloc[[pos]].reset_index(drop=True).copy(), first


def _witness_id(ids: pd.Series) -> object:
    """An account id no row of ``ids`` holds, of their own kind: a text one for text ids, one more
    than the largest for numeric ids (a workbook's or a Parquet file's numbers: a text id in a
    number column failed the whole convert).

    Examples
    --------
    >>> int(_witness_id(pd.Series([10001, 10002]))), _witness_id(pd.Series(["A1"])) == _WITNESS_ID
    (10003, True)
    """
    if pd.api.types.is_numeric_dtype(ids.dtype) and not pd.api.types.is_bool_dtype(ids.dtype):
        top = ids.max()
        return (top if pd.notna(top) else 0) + 1
    return _WITNESS_ID


def _run_piece(source, span, raw: R.RawTable | None, index: int, mapping: dict, options: IngestOptions,
               out: Path, lang: str) -> dict:
    """Parse (when ``raw`` is None), validate and write one piece. Runs in a worker process, so
    ingest's errors come back as ``(key, params)`` rather than as exceptions."""
    try:
        if raw is None:
            raw = source.read(span)
        if not len(raw.frame):
            return {"index": index, "empty": True}
        if isinstance(source, _SetSource):  # one piece: the set's build says what is wrong, if anything
            result = source.build(raw, mapping, options)
            return {**_write_piece(out, index, raw, result, mapping, lang), "span": span, "witness": None}
        try:
            result = build_portfolio(raw, mapping, options)
        except IngestError as exc:
            if exc.code in _COLUMN_ERRORS:
                return {"index": index, "deferred": True, "span": span}
            raise
        done = _write_piece(out, index, raw, result, mapping, lang)
        done["span"] = span
        done["witness"] = _witness_of(raw, result, mapping)
        return done
    except IngestError as exc:
        return {"index": index, "error": (exc.key, exc.params)}


def _run_with_witness(source, span, index: int, witness: tuple, mapping: dict, options: IngestOptions,
                      out: Path, lang: str) -> dict:
    """A piece with no usable value in a column, validated beside the witness row."""
    raw = source.read(span)
    cells, row = witness
    header = mapping["account_id"]
    cells = cells.astype(raw.frame.dtypes.to_dict(), errors="ignore")
    # an id the piece does not hold: the witness is no copy of any of its account-months
    cells[header] = pd.Series([_witness_id(raw.frame[header])], dtype=cells[header].dtype)
    frame = pd.concat([cells, raw.frame], ignore_index=True)
    both = replace(raw, frame=frame, source_rows=np.concatenate([[row], np.asarray(raw.source_rows)]))
    alone = replace(raw, frame=cells, source_rows=np.asarray([row]), notes=())
    try:
        result = build_portfolio(both, mapping, options)
        own = build_portfolio(alone, mapping, options)
    except IngestError as exc:
        raise _Restart(exc.code) from None
    port = result.portfolio
    mine = (port["source_row"] == row).to_numpy()  # the witness's line is no line of this piece
    if not mine.any() or not (own.portfolio["source_row"] == row).any():
        raise _Restart("witness rejected")
    result = replace(result, portfolio=port[~mine].reset_index(drop=True),
                     rejected=result.rejected[result.rejected["row"] != row].reset_index(drop=True))
    done = _write_piece(out, index, both, result, mapping, lang)
    less = own.summary
    for k in ("rows_read", "rows_accepted", "file_rows", "balance_read", "balance_zeroed"):
        done["totals"][k] -= less[k]
    done["totals"]["balance_accepted"] = float(result.portfolio["balance"].sum())
    done["notes"] = _subtract_notes(done["notes"], less["notes"])
    rows = np.asarray(raw.source_rows)
    done.update(span=span, witness=None, first_row=int(rows.min()), last_row=int(rows.max()))
    return done


# --------------------------------------------------------------------------------------------
# notes of the pieces as the whole file's


def _note_rank(key: str, params: dict, mapping: Mapping[str, str]) -> int:
    if key == "ingest.note.numbers_garbage":
        canonical = next((c for c, h in mapping.items() if h == params.get("column")), "")
        key = f"{key}:{canonical}"
    return _NOTE_ORDER.index(key) if key in _NOTE_ORDER else len(_NOTE_ORDER)


def _merge_notes(lists: list[list], mapping: Mapping[str, str], zeroed: float) -> list[tuple[str, dict]]:
    """The pieces' notes as the whole file's: counts summed, in ingest's order."""
    merged: dict[tuple, dict] = {}
    for notes in lists:
        for key, params in notes:
            # a note's examples are the first piece's: the pieces' counts add up under one note
            ident = (key, tuple(sorted((k, str(v)) for k, v in params.items()
                                       if k not in (*_COUNTED, "amount", "examples"))))
            if ident not in merged:
                merged[ident] = dict(params)
            else:
                for k in _COUNTED:
                    if k in params:
                        merged[ident][k] = merged[ident][k] + params[k]
            if key == "ingest.note.negative_zeroed":
                merged[ident]["amount"] = f"{zeroed:,.2f}"
    ordered = sorted(merged.items(), key=lambda kv: _note_rank(kv[0][0], kv[1], mapping))
    return [(ident[0], params) for ident, params in ordered]


def _subtract_notes(notes: list, less: list) -> list:
    """``notes`` without the counts that ``less`` (the witness's own notes) added."""
    out = []
    for key, params in notes:
        params = dict(params)
        for k2, p2 in less:
            if k2 == key and p2.get("column") == params.get("column") and "n" in p2 and "n" in params:
                params["n"] -= p2["n"]
        if "n" in params and params["n"] <= 0:
            continue
        out.append((key, params))
    return out


def _check_readings(results: list[dict]) -> None:
    """Pieces that read a column differently (relative months, percent rates): convert whole."""
    for reading in _PIECE_READINGS:
        seen = {any(k == reading for k, _ in r["notes"]) for r in results if "notes" in r}
        if len(seen) > 1:
            raise _Restart(reading.rsplit(".", 1)[-1].replace("_", " "))


# --------------------------------------------------------------------------------------------
# the conversion


def _resolve_options(source, mapping, options: IngestOptions, detect_unit: bool = False):
    """Mapping and options from the header; the status code table from the whole column."""
    first = source.headers()
    before = len(first.notes)
    raw, full, options = resolve_mapping(first, mapping, options, detect_unit=detect_unit)
    if not source.streaming and raw.frame is not first.frame:
        source.adopt(raw)
    if isinstance(source, _SetSource):
        full = without_file_column(full, mapping)
    extra_notes = list(raw.notes[before:])
    status = dpd_mapping(full)  # a bank's classification is the status when nothing else says the DPD
    dpd_from_status = not any(c in full for c in ("days_past_due", "due_date")) and "status_label" in status
    if options.wide is None and dpd_from_status and options.status_codes is None and source.streaming:
        header = status["status_label"]
        # the whole column, one small integer a row: the proposals depend on every label it holds
        parts = [pd.Categorical(raw_piece.frame[header]) for _, raw_piece in source.pieces()]
        column = pd.DataFrame({header: union_categoricals(parts) if parts else pd.Categorical([])})
        whole = replace(first, frame=column, source_rows=np.arange(len(column)))
        options = replace(options, status_codes=suggest_status_codes(whole, status, None))
    return full, options, extra_notes


def _workers(source, workers: int | None) -> int:
    if not source.parallel:
        return 1
    if workers is None:
        workers = default_threads() if source.size >= PARALLEL_FROM_BYTES else 1
    return max(1, int(workers))


def _worker_init() -> None:
    # one core each: the pieces are the parallelism, Arrow's own threads would only fight them
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the convert that started it dies (killed by a scheduler or
    the OOM killer, its workers idled at ~200 MB each, forever)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        pass


#: A half-written copy untouched this long is a killed run's: a running convert writes a piece
#: every few seconds, and one in another container or on another host (a shared drive, where its
#: process cannot be seen) is never older than this.
STALE_AFTER_SECONDS = 6 * 3600


def _stale_partials(out: Path, now: float | None = None) -> list[Path]:
    """Half-written copies of ``out`` left by a convert that was killed: its process is not running
    here, and nothing in the folder changed for :data:`STALE_AFTER_SECONDS`."""
    now = time.time() if now is None else now
    stale = []
    for folder in out.parent.glob(f".{glob.escape(out.name)}.partial-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue
        if now - _last_change(folder) >= STALE_AFTER_SECONDS:
            stale.append(folder)
    return stale


def _last_change(folder: Path) -> float:
    """The newest modification time in a folder (its own included)."""
    newest = folder.stat().st_mtime
    for base, _, files in os.walk(folder):
        for name in files:
            try:
                newest = max(newest, (Path(base) / name).stat().st_mtime)
            except OSError:  # removed meanwhile
                pass
    return newest


def convert_to_dataset(path: str | Path | Sequence[str | Path], out: str | Path, *,
                       mapping: Mapping[str, str] | None = None, options: IngestOptions | None = None,
                       sheet: str | None = None, chunk_bytes: int = CHUNK_BYTES, memory_limit: str = "2GB",
                       workers: int | None = None, lang: str = "en", overwrite: bool = False,
                       progress: Callable[[str], None] | None = None,
                       file_months: Mapping[str, str] | None = None, detect_unit: bool = False) -> dict:
    """Convert a portfolio file (or several monthly files) into a month-partitioned Parquet
    dataset with its validation report.

    Parameters
    ----------
    path : str or Path, or a sequence of them
        Any file the app accepts: CSV/TSV (UTF-8, GBK, GB18030), XLSX, XLS, Parquet. Several
        files are monthly files read together, as the upload page reads them
        (:mod:`analysis.ingest.multi`); they are read whole.
    out : str or Path
        The dataset folder to write (must not exist or be empty, unless ``overwrite``).
    mapping, options, sheet
        As for :func:`analysis.ingest.portfolio.load_portfolio`.
    chunk_bytes : int
        Size of a piece of text (rows per Parquet batch: ``chunk_bytes // 64``).
    memory_limit : str
        DuckDB's limit for the checks across pieces.
    workers : int, optional
        Processes validating pieces side by side; default one per core for files of 128 MB or
        more, else this process alone.
    lang : str
        Language of the ``reason`` column of the rejected rows.
    progress : callable, optional
        Called with a line of text as pieces are done.
    file_months : Mapping[str, str], optional
        Several files: ``file name -> YYYY-MM`` for a file whose month its date column, title
        row and name do not give (as typed in the upload page's file table).
    detect_unit : bool
        Use the money unit the file names (a header's ``(万元)``, a title's ``单位：万元``) when
        the options give none, as ``inspect`` and the other commands do without ``--unit``.

    Returns
    -------
    dict
        ``inspect``'s keys (``rows_read``, ``rows_accepted``, ``rows_rejected``, ``mapping``,
        ``months``, ``accounts``, ``balance_total``, ``rejected`` (first 1,000), ``reasons``,
        ``notes``, ``balance_read``, ``balance_rejected``) plus ``dataset``, ``rejected_file``,
        ``report_file``, ``streamed``, ``whole_file_reason``, ``pieces``,
        ``duplicates_across_pieces``, ``seconds`` and ``summary_notes`` (the notes as message
        keys and parameters, for other languages). Several files add ``files`` (the per-file
        table, as ``inspect`` gives it) and each rejection's ``file``.

    Raises
    ------
    IngestError
        When the file cannot become a portfolio (as ingest says).
    DatasetError
        When the output folder cannot be used.
    """
    paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
    path, out = paths[0], Path(out)
    for each in paths:
        _check_paths(each, out, overwrite)
    started = time.perf_counter()
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    say = progress or (lambda text: None)
    force_gb, whole_why = False, None
    for stale in _stale_partials(out) if out.parent.is_dir() else ():
        shutil.rmtree(stale, ignore_errors=True)
    try:
        while True:
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                tmp.mkdir(parents=True)
            except OSError as exc:  # read-only, no space, a file in the way: a message, not a traceback
                raise DatasetError("dataset.error.cannot_write", path=str(out), detail=exc.strerror or str(exc)) from None
            try:
                source = (_SetSource(paths, sheet, mapping, file_months) if len(paths) > 1
                          else _WholeSource(path, sheet) if whole_why
                          else _open_source(path, sheet, chunk_bytes, force_gb18030=force_gb))
                payload = _convert(source, tmp, mapping, options or IngestOptions(), memory_limit,
                                   _workers(source, workers), lang, say, started, detect_unit)
                break
            except _Restart as restart:
                if restart.force_gb18030 and not force_gb:
                    force_gb = True
                    say("the file is not UTF-8 after all: reading it again as GB18030")
                    continue
                if whole_why:
                    raise
                whole_why = restart.why
                say(f"cannot stream this file ({restart.why}): reading it whole")
        payload["whole_file_reason"] = whole_why
        if isinstance(source, _SetSource):
            payload["files"] = files_json(source.multi.files)
        payload["dataset"] = str(out)
        payload["rejected_file"] = str(out / REJECTED_FILE) if payload["rows_rejected"] else None
        payload["report_file"] = str(out / REPORT_FILE)
        payload["seconds"] = round(time.perf_counter() - started, 3)
        try:
            _publish(tmp, out, payload)
        except OSError as exc:
            raise DatasetError("dataset.error.cannot_write", path=str(out), detail=exc.strerror or str(exc)) from None
        return payload
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _check_paths(path: Path, out: Path, overwrite: bool) -> None:
    """Refuse a missing input, an output that is (or holds) the input, or a non-empty output."""
    if not path.is_file():
        raise DatasetError("dataset.error.not_found", path=str(path))
    if out.resolve() == path.resolve() or path.resolve().is_relative_to(out.resolve()):
        raise DatasetError("dataset.error.same_path", path=str(out))
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not overwrite:
        raise DatasetError("dataset.error.exists", path=str(out))


def _publish(tmp: Path, out: Path, payload: dict) -> None:
    """Write the report into the finished folder and put the folder in place of ``out``.

    The dataset appears whole or not at all: a reader never sees a half-written folder.
    """
    (tmp / REPORT_FILE).write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str),
                                   encoding="utf-8")
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    tmp.rename(out)


def _run_all(source, mapping: dict, options: IngestOptions, tmp: Path, workers: int, lang: str, say,
             started: float) -> list[dict]:
    """Every piece validated and written; results in file order."""
    results: list[dict] = []

    def report(done: dict) -> None:
        results.append(done)
        if "error" in done:
            key, params = done["error"]
            raise IngestError(key, **params)
        rows = sum(r["totals"]["rows_read"] for r in results if "totals" in r)
        say(f"{len(results)} pieces, {rows:,} rows validated, {time.perf_counter() - started:.1f} s")

    if workers <= 1:
        for index, (span, raw) in enumerate(source.pieces()):
            report(_run_piece(source, span, raw, index, mapping, options, tmp, lang))
    else:
        # spawn, not fork: this process may already run Arrow and DuckDB threads
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init) as pool:
            pending = set()
            for index, span in enumerate(source.spans()):
                pending.add(pool.submit(_run_piece, source, span, None, index, mapping, options, tmp, lang))
                # a few pieces ahead at most: the cut points are found as the workers go
                while len(pending) >= 2 * workers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        report(fut.result())
            for fut in pending:
                report(fut.result())
    return sorted(results, key=lambda r: r["index"])


def _convert(source, tmp: Path, mapping, options: IngestOptions, memory_limit: str, workers: int, lang: str,
             say, started: float, detect_unit: bool = False) -> dict:
    full, options, extra_notes = _resolve_options(source, mapping, options, detect_unit)
    if options.wide is not None and source.streaming:
        raise _Restart("wide layout")
    results = _run_all(source, full, options, tmp, workers, lang, say, started)
    validated = time.perf_counter()
    if not any("totals" in r or "deferred" in r for r in results):
        raise IngestError("ingest.error.no_data_rows", name=source.path.name,
                          header_row=getattr(getattr(source, "layout", None), "header_line", -1) + 1)
    deferred = [r for r in results if r.get("deferred")]
    if deferred:
        witness = next((r["witness"] for r in results if r.get("witness") is not None), None)
        if witness is None:
            # no piece has a usable value: the whole file has none either; ingest says why
            build_portfolio(source.read(deferred[0]["span"]), full, options)
        for r in deferred:
            results[results.index(r)] = _run_with_witness(source, r["span"], r["index"], witness, full,
                                                          options, tmp, lang)
    results = [r for r in results if "totals" in r]
    _check_readings(results)
    say(f"checking duplicates across pieces, {time.perf_counter() - started:.1f} s")
    late = _late_duplicates(tmp, memory_limit)
    if len(late):
        _reject_late(tmp, source, results, late, full, lang)
    checked = time.perf_counter()
    payload = _report(tmp, source, results, late, full, extra_notes, memory_limit)
    payload["timings"] = {"pieces_s": round(validated - started, 3), "duplicates_s": round(checked - validated, 3),
                          "report_s": round(time.perf_counter() - checked, 3), "workers": workers}
    return payload


def _duckdb(memory_limit: str):
    return DuckDBEngine(memory_limit=memory_limit)


def _account_range(file: Path) -> tuple[str, str] | None:
    """Smallest and largest account id of a written file, from its Parquet statistics."""
    meta = pq.read_metadata(file)
    idx = meta.schema.to_arrow_schema().get_field_index("account_id")
    lows, highs = [], []
    for g in range(meta.num_row_groups):
        stats = meta.row_group(g).column(idx).statistics
        if stats is None or not stats.has_min_max:
            return None
        lows.append(stats.min)
        highs.append(stats.max)
    return (min(lows), max(highs)) if lows else None


def _ranges_overlap(files: list[Path]) -> bool:
    """Whether two files of a month may share an account (exports sorted by account or by month
    give pieces with disjoint ranges, and then no check is needed)."""
    ranges = [_account_range(f) for f in files]
    if any(r is None for r in ranges):
        return True
    ranges.sort()
    return any(b[0] <= a[1] for a, b in zip(ranges, ranges[1:]))


def _late_duplicates(tmp: Path, memory_limit: str) -> pd.DataFrame:
    """Account-months written by two pieces: the later copies (by ``source_row``).

    Only a month that several pieces wrote can hold them (within a piece ingest rejected later
    copies already); each such month is rewritten as one file without them.
    """
    found = []
    engine = _duckdb(memory_limit)
    try:
        con = engine.con
        for folder in sorted(p for p in tmp.glob("month=*") if p.is_dir()):
            files = sorted(folder.glob("*.parquet"))
            if len(files) < 2 or not _ranges_overlap(files):
                continue
            src = f"read_parquet({_sql_string(str(folder / '*.parquet'))})"
            late = con.execute(f"""
                WITH copies AS (
                    SELECT account_id, MIN(source_row) AS first_row FROM {src}
                    GROUP BY account_id HAVING COUNT(*) > 1)
                SELECT t.source_row AS row, t.account_id, c.first_row, t.balance
                FROM {src} t JOIN copies c USING (account_id)
                WHERE t.source_row > c.first_row""").fetch_df()
            if not len(late):
                continue
            found.append(late)
            con.register("late_rows", late[["row"]])
            merged = folder / "part-merged.parquet.tmp"
            con.execute(f"COPY (SELECT * FROM {src} WHERE source_row NOT IN (SELECT row FROM late_rows)) "
                        f"TO {_sql_string(str(merged))} (FORMAT parquet)")
            con.unregister("late_rows")
            for file in files:
                file.unlink()
            merged.rename(folder / "part-merged.parquet")
    finally:
        engine.close()
    if not found:
        return pd.DataFrame({"row": pd.Series([], dtype=np.int64), "account_id": pd.Series([], dtype="str"),
                             "first_row": pd.Series([], dtype=np.int64), "balance": pd.Series([], dtype=float)})
    return pd.concat(found, ignore_index=True).sort_values("row", kind="stable").reset_index(drop=True)


def _reject_late(tmp: Path, source, results: list[dict], late: pd.DataFrame, mapping: dict, lang: str) -> None:
    """Late duplicates into the rejected rows, with ingest's reason and their own cells; and the
    duplicates a piece rejected against a copy that was itself late now name the first copy."""
    rows = late["row"].to_numpy(dtype=np.int64)
    cells, headers = [], None
    for r in results:
        hit = rows[(rows >= r["first_row"]) & (rows <= r["last_row"])]
        if not len(hit):
            continue
        raw = source.read(r["span"])
        headers = headers or [str(c) for c in raw.frame.columns]
        pos = np.flatnonzero(np.isin(np.asarray(raw.source_rows), hit))
        cells.append(raw.frame.iloc[pos].assign(__row=np.asarray(raw.source_rows)[pos]))
    frame = pd.concat(cells, ignore_index=True).drop_duplicates("__row").set_index("__row").loc[rows]
    rejected = pd.DataFrame({
        "row": rows,
        "reason": "ingest.reject.duplicate",
        "detail": [{"column": mapping["account_id"], "value": str(a), "first_row": int(f)}
                   for a, f in zip(late["account_id"], late["first_row"])],
    })
    table = _rejected_table(rejected, frame.reset_index(drop=True), headers, mapping, lang)
    pq.write_table(table, tmp / "_rejected.late.parquet")
    first_of = dict(zip(late["row"].astype(int), late["first_row"].astype(int)))
    for part in tmp.glob("_rejected.part-*.parquet"):
        _repoint_duplicates(part, first_of, lang)


def _repoint_duplicates(file: Path, first_of: dict[int, int], lang: str) -> None:
    """Name the file's first copy in duplicates whose kept copy turned out to be a late one."""
    table = pq.read_table(file)
    keys = table.column("reason_key").to_pylist()
    if "ingest.reject.duplicate" not in keys:
        return
    details, reasons = table.column("detail").to_pylist(), table.column("reason").to_pylist()
    changed = False
    for i, key in enumerate(keys):
        if key != "ingest.reject.duplicate":
            continue
        d = json.loads(details[i])
        if int(d.get("first_row", -1)) in first_of:
            d["first_row"] = first_of[int(d["first_row"])]
            details[i] = json.dumps(d, ensure_ascii=False)
            reasons[i] = translate(key, lang, **d)
            changed = True
    if changed:
        table = table.set_column(table.schema.get_field_index("detail"), "detail", pa.array(details, pa.string()))
        table = table.set_column(table.schema.get_field_index("reason"), "reason", pa.array(reasons, pa.string()))
        pq.write_table(table, file)


def _write_rejected_csv(batches, path: Path) -> None:
    """The rejected rows as CSV for Excel: a BOM, and cells that would run as formulas quoted."""
    with open(path, "wb") as fh:
        fh.write(codecs.BOM_UTF8)
        writer = None
        for batch in batches:
            cols = []
            for name, column in zip(batch.schema.names, batch.columns):
                if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                    column = pa.array([neutralise_cell(v) for v in column.to_pylist()], type=pa.string())
                cols.append(column)
            table = pa.table(cols, names=[str(neutralise_cell(n)) for n in batch.schema.names])
            if writer is None:
                writer = pacsv.CSVWriter(fh, table.schema)
            writer.write_table(table)
        if writer is not None:
            writer.close()


def _rows_by_month(folder: Path) -> dict[str, int]:
    """Rows of each month partition of a dataset being written, from the files' footers."""
    return {part.name.split("=", 1)[1]: sum(pq.ParquetFile(f).metadata.num_rows for f in part.glob("*.parquet"))
            for part in folder.glob("month=*") if part.is_dir()}


def _report(tmp: Path, source, results: list[dict], late: pd.DataFrame, mapping: dict, extra_notes: list,
            memory_limit: str) -> dict:
    """The whole file's validation report from the pieces' and the dataset's figures."""
    t = {k: sum(r["totals"][k] for r in results) for k in results[0]["totals"]} if results else {}
    n_late = len(late)
    if n_late:
        late_balance = float(late["balance"].sum())
        t["rows_accepted"] -= n_late
        t["rows_rejected"] += n_late
        t["balance_accepted"] -= late_balance
        t["balance_rejected"] += late_balance
    months = sorted({m for r in results for m in r["months"]})
    parts = sorted(tmp.glob("_rejected.*.parquet"))
    engine = _duckdb(memory_limit)
    try:
        con = engine.con
        ids = pc.unique(pa.chunked_array([r["accounts"] for r in results], type=pa.string())) \
            if results else pa.array([], pa.string())
        accounts = len(ids)
        # Whether every account id has a key of its own (see account_keys): then readers pair
        # account-months on the integer key.
        keys_unique = bool(len(np.unique(account_keys(ids.to_pandas()))) == accounts)
        first, reasons = [], {}
        several = isinstance(source, _SetSource)
        order = source.order() if several else "row"
        if parts:
            listing = "[" + ", ".join(_sql_string(str(p)) for p in parts) + "]"
            rejected = f"read_parquet({listing}, union_by_name = true)"
            named = "file" if several else "NULL"
            first = con.execute(f"SELECT row, reason_key, detail, {named} FROM {rejected} ORDER BY {order} "
                                f"LIMIT {REPORT_REJECTED}").fetchall()
            reasons = {str(k): int(n) for k, n in con.execute(
                f"SELECT reason_key, COUNT(*) AS n FROM {rejected} GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()}
            _write_rejected_csv(con.sql(f"SELECT * FROM {rejected} ORDER BY {order}").to_arrow_reader(),
                                tmp / REJECTED_FILE)
            for p in parts:
                p.unlink()
    finally:
        engine.close()
    # a piece holds part of a month: which months are thin is the dataset's own count
    # a piece holds part of the file: whether repeats are many is the whole file's count too
    piece_notes = [[n for n in r["notes"] if n[0] not in ("ingest.note.thin_month", "ingest.note.many_duplicates")]
                   for r in results]
    piece_notes.append(many_duplicates_notes(mapping.get("account_id", ""), reasons.get("ingest.reject.duplicate", 0),
                                             int(t["rows_accepted"])))
    notes = (list(source.file_notes()) + list(extra_notes)
             + _merge_notes(piece_notes, mapping, t.get("balance_zeroed", 0.0))
             + thin_month_notes(_rows_by_month(tmp)))
    return {
        "rows_read": int(t["rows_read"]),
        "rows_accepted": int(t["rows_accepted"]),
        "rows_rejected": int(t["rows_rejected"]),
        "mapping": dict(mapping),
        "months": months,
        "accounts": accounts,
        "balance_total": cents(t["balance_accepted"]),
        "rejected": [{"row": int(r), "reason": translate(k, "en", **json.loads(d)), **({"file": f} if several else {})}
                     for r, k, d, f in first],
        "reasons": reasons,
        "notes": [translate(k, "en", **p) for k, p in notes],
        # inspect's one line per reason: the pieces' lines and the duplicates found across them
        "rejections_by_reason": merge_rejections([r.get("by_reason", []) for r in results] + [
            [rejections_line("ingest.reject.duplicate", late["row"], mapping.get("account_id", ""),
                             late["account_id"], late["balance"])] if n_late else []]),
        "balance_read": float(t["balance_read"]),
        "balance_rejected": float(t["balance_rejected"]),
        "balance_zeroed": float(t["balance_zeroed"]),
        "balance_total_rows": float(t["balance_total_rows"]),
        "file_rows": int(t["file_rows"]),
        "summary_notes": [[k, p] for k, p in notes],
        "streamed": bool(source.streaming),
        "pieces": len(results),
        "duplicates_across_pieces": n_late,
        "account_key_unique": keys_unique,
        "file_format": getattr(getattr(source, "layout", None), "file_format", None)
        or ("parquet" if isinstance(source, _ParquetSource) else getattr(getattr(source, "_raw", None), "file_format", None)),
        "encoding": getattr(source, "encoding", None) or getattr(getattr(source, "_raw", None), "encoding", None),
    }
