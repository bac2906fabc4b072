"""Any portfolio file → a month-partitioned Parquet dataset, streamed in pieces under ingest's rules.

A book too large for a browser upload (tens of millions of account-months) becomes a folder the
CLI and the app read out of core with DuckDB::

    OUT/month=2024-01/part-0.parquet      accepted rows: canonical columns as ingest makes them
    OUT/month=2024-02/part-0.parquet      (segments as text, dates as dates, ``source_row`` kept;
    ...                                    the month is the folder, hive style)
    OUT/_rejected.parquet                 every rejected row: ``row``, ``reason`` (in the user's
                                          language), ``reason_key``, ``detail`` (JSON), the cells
    OUT/_report.json                      the validation report: ``inspect``'s keys and more

How the rules stay ingest's: a CSV (or TSV, UTF-8 or GBK/GB18030) is cut into pieces of about
``chunk_bytes`` at record boundaries; each piece is parsed by :func:`analysis.readers.
parse_text_body` behind a copy of the header line and validated by :func:`analysis.ingest.
build_portfolio` with the mapping and options resolved once from the first piece (and, for a
status column, the code table proposed from the whole column). Every row is accepted or rejected
with ingest's reason. What ingest decides from a whole column is kept whole:

* duplicates: within a piece ingest rejects later copies; across pieces the written month
  folders are checked afterwards (DuckDB, keeping the lowest ``source_row``) and the later copies
  move to the rejected rows with ingest's reason and its ``first_row``;
* a piece whose month, DPD or amount column holds no usable value at all (ingest would refuse
  the whole file) is validated again beside one good row of the file (a *witness* with an
  account id no file can hold), which is then taken out again;
* where pieces disagree on a column-level reading (relative months, rates in percent), the file
  is converted whole, so the answer is the whole file's.

Workbooks (XLSX/XLS), HTML exports, UTF-16 text and wide layouts (one column per month) are read
whole (a sheet holds at most ~1M rows) and written the same way. Parquet files stream by batch.
"""
from __future__ import annotations

import codecs
import json
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis import readers as R
from analysis.i18n import MessageError, translate
from analysis.ingest import IngestError, IngestOptions, build_portfolio, resolve_mapping, suggest_status_codes
from analysis.privacy import mask_mapped_pii

#: Bytes of text per piece: ~1M rows of a 12-column export, a few hundred MB while validated.
CHUNK_BYTES = 64 << 20
REPORT_FILE = "_report.json"
REJECTED_FILE = "_rejected.parquet"
#: Rejections listed in the report (``inspect`` lists the first 1,000 too).
REPORT_REJECTED = 1000

#: Errors ingest raises when a column has no usable value: for a piece, not the file.
_COLUMN_ERRORS = ("ingest.error.dpd_column_text", "ingest.error.amount_column_text", "ingest.error.month_garbage")
#: Column-level readings every piece must make the same way (else the file is converted whole).
_PIECE_READINGS = ("ingest.note.relative_months", "ingest.note.rate_percent")
#: The order ``build_portfolio`` appends its notes in (``numbers_garbage`` comes once for the
#: score and once for the rate, around ``rate_percent``): merged notes keep the whole file's order.
_NOTE_ORDER = (
    "ingest.note.wide", "ingest.note.relative_months", "ingest.note.snapshot_month",
    "ingest.note.dpd_from_due_date", "ingest.note.dpd_from_status", "ingest.note.amount_unit_wan",
    "ingest.note.balance_unit", "ingest.note.negative_zeroed", "ingest.note.dates_garbage",
    "ingest.note.numbers_garbage:score", "ingest.note.rate_percent", "ingest.note.numbers_garbage:interest_rate",
)
_WITNESS_ID = "\x00witness-row\x00"
_DATE_COLUMNS = ("snapshot_date", "origination_date", "due_date")


class DatasetError(MessageError):
    """A dataset that cannot be written or read, with a message in both languages."""


class _Restart(Exception):
    """Streaming cannot give the whole file's answer: start again another way."""

    def __init__(self, why: str, force_gb18030: bool = False) -> None:
        super().__init__(why)
        self.why = why
        self.force_gb18030 = force_gb18030


# --------------------------------------------------------------------------------------------
# sources: the file's rows in pieces, each a RawTable with the file's own row numbers


@dataclass
class _Piece:
    raw: R.RawTable
    span: tuple | None  # how to read the piece again (for the cells of late duplicates)


class _WholeSource:
    """The file read whole (workbooks, HTML, UTF-16, wide layouts, odd CSVs)."""

    streaming = False

    def __init__(self, path: Path, sheet: str | None) -> None:
        raw = R.read_table(path.read_bytes(), path.name, sheet=sheet)
        self._notes = list(raw.notes)
        self._raw = replace(raw, notes=())

    def file_notes(self) -> list:
        return list(self._notes)

    def pieces(self) -> Iterator[_Piece]:
        yield _Piece(self._raw, None)

    def reread(self, span) -> R.RawTable:  # pragma: no cover - one piece: no late duplicates
        return self._raw


class _TextSource:
    """A delimited text file in pieces cut at record boundaries, parsed exactly as a whole."""

    streaming = True

    def __init__(self, path: Path, chunk_bytes: int, force_gb18030: bool = False) -> None:
        self.path, self.chunk_bytes = path, max(int(chunk_bytes), 1)
        size = path.stat().st_size
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
        layout = R.text_layout(text, start, self.encoding, path.name)
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
        self.has_quotes = self._quotes_below(raw_pos)
        self.ragged = 0

    def _quotes_below(self, pos: int) -> bool:
        # as read_table: quotes below the header decide whether values may hold newlines
        with open(self.path, "rb") as fh:
            fh.seek(pos)
            while block := fh.read(16 << 20):
                if b'"' in block:
                    return True
        return False

    def file_notes(self) -> list:
        notes = list(self.layout.notes)
        if self.ragged:
            notes.append(("ingest.note.ragged_rows", {"n": self.ragged}))
        return notes

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
        self.ragged += n_ragged
        return R.RawTable(frame=frame, source_rows=rows, header_row=self.layout.header_line + 1,
                          file_format=self.layout.file_format, encoding=self.encoding,
                          delimiter=self.layout.delimiter, filename=self.path.name,
                          original_headers=self.layout.original_headers)

    def pieces(self) -> Iterator[_Piece]:
        pos, line, carry = self.body_start, self.layout.header_line + 2, b""
        with open(self.path, "rb") as fh:
            fh.seek(pos)
            while True:
                data = fh.read(self.chunk_bytes)
                buf = carry + data if carry else data
                if not buf:
                    return
                cut = len(buf) if not data else self._cut(buf)
                if cut <= 0:
                    carry = buf
                    continue
                chunk, carry = buf[:cut], buf[cut:]
                raw = self._parse(chunk, line)
                span = (pos, pos + cut, line)
                pos += cut
                line += chunk.count(b"\n")
                if len(raw.frame):
                    yield _Piece(raw, span)

    def reread(self, span) -> R.RawTable:
        with open(self.path, "rb") as fh:
            fh.seek(span[0])
            chunk = fh.read(span[1] - span[0])
        ragged = self.ragged
        try:
            return self._parse(chunk, span[2])
        finally:
            self.ragged = ragged


class _ParquetSource:
    """A Parquet file by batches; rows are numbered from 1 as ingest numbers them."""

    streaming = True

    def __init__(self, path: Path, chunk_rows: int) -> None:
        self.path, self.chunk_rows = path, max(int(chunk_rows), 1)
        try:
            self.file = pq.ParquetFile(path)
        except Exception:  # noqa: BLE001 - any reader failure is an unreadable file for the user
            raise IngestError("ingest.error.unreadable_parquet", name=path.name) from None
        self.names = tuple(self.file.schema_arrow.names)

    def file_notes(self) -> list:
        return []

    def _raw(self, batch: pa.RecordBatch, start: int) -> R.RawTable:
        frame = R.parquet_frame(pa.Table.from_batches([batch]))
        rows = start + 1 + np.arange(len(frame), dtype=np.int64)
        frame, rows = R._drop_empty_rows(frame, rows)
        return R.RawTable(frame=frame, source_rows=rows, header_row=0, file_format="parquet",
                          filename=self.path.name, original_headers=self.names)

    def pieces(self) -> Iterator[_Piece]:
        start = 0
        for batch in self.file.iter_batches(batch_size=self.chunk_rows):
            raw = self._raw(batch, start)
            span = (start, batch.num_rows)
            start += batch.num_rows
            if len(raw.frame):
                yield _Piece(raw, span)

    def reread(self, span) -> R.RawTable:
        start = 0
        for batch in self.file.iter_batches(batch_size=self.chunk_rows):
            if start == span[0]:
                return self._raw(batch, start)
            start += batch.num_rows
        raise RuntimeError("piece not found")  # pragma: no cover


def _open_source(path: Path, sheet: str | None, chunk_bytes: int, force_gb18030: bool = False):
    with open(path, "rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"PAR1"):
        return _ParquetSource(path, max(chunk_bytes // 64, 1))
    if magic.startswith(R._OLE2) or magic.startswith(b"PK\x03\x04") or not magic.strip():
        return _WholeSource(path, sheet)
    try:
        return _TextSource(path, chunk_bytes, force_gb18030)
    except _Restart:
        return _WholeSource(path, sheet)


# --------------------------------------------------------------------------------------------
# writing


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


def _accepted_table(portfolio: pd.DataFrame) -> pa.Table:
    """The accepted rows as written: segments as text, dates as dates, month left to the folder."""
    cols = {}
    for name in portfolio.columns:
        if name == "month":
            continue
        s = portfolio[name]
        if isinstance(s.dtype, pd.CategoricalDtype):
            # codes and categories hand over as an Arrow dictionary; decoding it is one take
            cols[name] = pc.cast(pa.array(s, from_pandas=True), pa.string())
        elif pd.api.types.is_string_dtype(s.dtype):
            cols[name] = pa.array(s, type=pa.string(), from_pandas=True)
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            cols[name] = pc.cast(pa.array(s, from_pandas=True), pa.date32(), safe=False)
        else:
            cols[name] = pa.array(s, from_pandas=True)
    return pa.table(cols)


class _Writer:
    """Accepted rows into one Parquet file per month; rejected rows into one file; the totals."""

    def __init__(self, out: Path, mapping: dict, lang: str) -> None:
        self.out, self.mapping, self.lang = out, mapping, lang
        self.schema: pa.Schema | None = None
        self.months: dict[str, pq.ParquetWriter] = {}
        self.month_pieces: dict[str, int] = defaultdict(int)
        self.rejected_writer: pq.ParquetWriter | None = None
        self.rejected_schema: pa.Schema | None = None
        self.cell_headers: list[str] | None = None
        self.totals = defaultdict(float)
        self.notes: list[list] = []
        self.spans: list[tuple[int, int, tuple | None]] = []  # (first row, last row, span)

    def month_file(self, month: str) -> Path:
        return self.out / f"month={month}" / "part-0.parquet"

    def accepted(self, portfolio: pd.DataFrame) -> None:
        if not len(portfolio):
            return
        table = _accepted_table(portfolio)
        if self.schema is None:
            self.schema = table.schema
        else:
            table = table.select(self.schema.names).cast(self.schema)
        runs = pc.run_end_encode(pa.array(portfolio["month"], type=pa.string()))
        ends = runs.run_ends.to_numpy()
        starts = np.concatenate([[0], ends[:-1]])
        for month, a, b in zip(runs.values.to_pylist(), starts, ends):
            writer = self.months.get(month)
            if writer is None:
                self.month_file(month).parent.mkdir(parents=True, exist_ok=True)
                writer = self.months[month] = pq.ParquetWriter(self.month_file(month), self.schema,
                                                               compression="snappy")
            writer.write_table(table.slice(int(a), int(b - a)), row_group_size=int(b - a))
            self.month_pieces[month] += 1

    def rejected(self, rejected: pd.DataFrame, cells: pd.DataFrame, part: str = "tmp") -> None:
        """Rejected rows (ingest's frame: row, reason, detail) with their raw cells."""
        if not len(rejected):
            return
        if part != getattr(self, "_rejected_part", part) and self.rejected_writer is not None:
            self.rejected_writer.close()
            self.rejected_writer = None
        self._rejected_part = part
        if self.cell_headers is None:
            self.cell_headers = [str(c) for c in cells.columns]
        cells = mask_mapped_pii(cells.reset_index(drop=True), self.mapping)
        details = [d if isinstance(d, dict) else {} for d in rejected["detail"]]
        keys = [str(k) for k in rejected["reason"]]
        cols = {
            "row": pa.array(rejected["row"].to_numpy(dtype=np.int64)),
            "reason": pa.array([translate(k, self.lang, **d) for k, d in zip(keys, details)], type=pa.string()),
            "reason_key": pa.array(keys, type=pa.string()),
            "detail": pa.array([json.dumps(d, ensure_ascii=False, default=str) for d in details], type=pa.string()),
        }
        for header in self.cell_headers:
            name = header if header not in cols else f"{header}_"
            cols[name] = (_cell_texts(cells[header]) if header in cells.columns
                          else pa.nulls(len(rejected), type=pa.string()))
        table = pa.table(cols)
        if self.rejected_schema is None:
            self.rejected_schema = table.schema
        if self.rejected_writer is None:
            self.rejected_writer = pq.ParquetWriter(self.out / f"_rejected.{part}.parquet", self.rejected_schema)
        self.rejected_writer.write_table(table.cast(self.rejected_schema))

    def close(self) -> None:
        for writer in self.months.values():
            writer.close()
        self.months_written = sorted(set(getattr(self, "months_written", [])) | set(self.months))
        self.months = {}
        if self.rejected_writer is not None:
            self.rejected_writer.close()
            self.rejected_writer = None


# --------------------------------------------------------------------------------------------
# validating pieces


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
            ident = (key, tuple(sorted((k, str(v)) for k, v in params.items() if k not in ("n", "amount", "rows"))))
            if ident not in merged:
                merged[ident] = dict(params)
            else:
                for k in ("n", "rows"):
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
        if "n" in params and params["n"] <= 0 and key not in ("ingest.note.wide",):
            continue
        out.append((key, params))
    return out


class _Validator:
    """``build_portfolio`` on each piece, with the witness for pieces without usable values."""

    def __init__(self, mapping: dict, options: IngestOptions) -> None:
        self.mapping, self.options = mapping, options
        self.witness: pd.DataFrame | None = None
        self.witness_row = 0
        self.readings: set[tuple[str, bool]] = set()

    def _remember_witness(self, raw: R.RawTable, result) -> None:
        if self.witness is not None or not len(result.portfolio):
            return
        first = int(result.portfolio["source_row"].iloc[0])
        pos = int(np.flatnonzero(np.asarray(raw.source_rows) == first)[0])
        row = raw.frame.iloc[[pos]].reset_index(drop=True).copy()
        header = self.mapping["account_id"]
        row[header] = pd.Series([_WITNESS_ID], dtype=row[header].dtype)
        self.witness, self.witness_row = row, first

    def _check_readings(self, result) -> None:
        keys = {k for k, _ in result.summary["notes"]}
        for reading in _PIECE_READINGS:
            self.readings.add((reading, reading in keys))
            if (reading, not (reading in keys)) in self.readings:
                raise _Restart(reading.rsplit(".", 1)[-1].replace("_", " "))

    def build(self, raw: R.RawTable):
        """``(result, raw the rejected positions refer to, witness summary or None)``, or None
        when the piece must wait for a witness."""
        try:
            result = build_portfolio(raw, self.mapping, self.options)
        except IngestError as exc:
            if exc.code not in _COLUMN_ERRORS:
                raise
            return None
        self._check_readings(result)
        self._remember_witness(raw, result)
        return result, raw, None

    def build_with_witness(self, raw: R.RawTable):
        """A piece with no usable value in a column, validated beside the witness row."""
        rows = np.concatenate([[self.witness_row], np.asarray(raw.source_rows)])
        frame = pd.concat([self.witness.astype(raw.frame.dtypes.to_dict(), errors="ignore"), raw.frame],
                          ignore_index=True)
        both = replace(raw, frame=frame, source_rows=rows)
        alone = replace(raw, frame=self.witness, source_rows=np.asarray([self.witness_row]))
        try:
            result = build_portfolio(both, self.mapping, self.options)
            own = build_portfolio(alone, self.mapping, self.options)
        except IngestError as exc:
            raise _Restart(exc.code) from None
        port = result.portfolio
        if not (port["account_id"] == _WITNESS_ID).any() or not (own.portfolio["account_id"] == _WITNESS_ID).any():
            raise _Restart("witness rejected")
        self._check_readings(result)
        result = replace(result, portfolio=port[port["account_id"] != _WITNESS_ID].reset_index(drop=True),
                         rejected=result.rejected[result.rejected["row"] != self.witness_row].reset_index(drop=True))
        return result, both, own.summary


# --------------------------------------------------------------------------------------------
# the conversion


def _resolve_options(source, first: R.RawTable, mapping, options: IngestOptions, sheet):
    """Mapping and options from the first piece; the status code table from the whole column."""
    before = len(first.notes)
    raw, full, options = resolve_mapping(first, mapping, options)
    extra_notes = list(raw.notes[before:])
    dpd_from_status = not any(c in full for c in ("days_past_due", "due_date")) and "status_label" in full
    if options.wide is None and dpd_from_status and options.status_codes is None and source.streaming:
        from pandas.api.types import union_categoricals

        header = full["status_label"]
        ragged = getattr(source, "ragged", 0)
        # the whole column, one small integer a row: the proposals depend on every label it holds
        parts = [pd.Categorical(piece.raw.frame[header]) for piece in source.pieces()]
        source.ragged = ragged
        column = pd.DataFrame({header: union_categoricals(parts)})
        whole = replace(first, frame=column, source_rows=np.arange(len(column)))
        options = replace(options, status_codes=suggest_status_codes(whole, full, None))
    return full, options, extra_notes


def convert_to_dataset(path: str | Path, out: str | Path, *, mapping: Mapping[str, str] | None = None,
                       options: IngestOptions | None = None, sheet: str | None = None,
                       chunk_bytes: int = CHUNK_BYTES, memory_limit: str = "2GB", lang: str = "en",
                       overwrite: bool = False, progress: Callable[[str], None] | None = None) -> dict:
    """Convert a portfolio file into a month-partitioned Parquet dataset with its validation report.

    Parameters
    ----------
    path : str or Path
        Any file the app accepts: CSV/TSV (UTF-8, GBK, GB18030), XLSX, XLS, Parquet.
    out : str or Path
        The dataset folder to write (must not exist or be empty, unless ``overwrite``).
    mapping, options, sheet
        As for :func:`analysis.ingest.load_portfolio`.
    chunk_bytes : int
        Size of a piece of text (rows per Parquet batch: ``chunk_bytes // 64``).
    memory_limit : str
        DuckDB's limit for the duplicate check across pieces.
    lang : str
        Language of the ``reason`` column of the rejected rows.
    progress : callable, optional
        Called with a line of text after each piece.

    Returns
    -------
    dict
        ``inspect``'s keys (``rows_read``, ``rows_accepted``, ``rows_rejected``, ``mapping``,
        ``months``, ``accounts``, ``balance_total``, ``rejected`` (first 1,000), ``reasons``,
        ``notes``, ``balance_read``, ``balance_rejected``) plus ``dataset``, ``rejected_file``,
        ``report_file``, ``streamed``, ``pieces``, ``duplicates_across_pieces``, ``seconds`` and
        ``summary_notes`` (the notes as message keys and parameters).

    Raises
    ------
    IngestError
        When the file cannot become a portfolio (as ingest says).
    DatasetError
        When the output folder cannot be used.
    """
    path, out = Path(path), Path(out)
    if not path.is_file():
        raise DatasetError("dataset.error.not_found", path=str(path))
    if out.resolve() == path.resolve() or path.resolve().is_relative_to(out.resolve()):
        raise DatasetError("dataset.error.same_path", path=str(out))
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not overwrite:
        raise DatasetError("dataset.error.exists", path=str(out))
    started = time.perf_counter()
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    say = progress or (lambda text: None)
    force_gb, whole_why = False, None
    try:
        while True:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            try:
                source = (_WholeSource(path, sheet) if whole_why
                          else _open_source(path, sheet, chunk_bytes, force_gb18030=force_gb))
                payload = _convert(source, tmp, mapping, options, sheet, memory_limit, lang, say, started)
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
        payload["dataset"] = str(out)
        payload["rejected_file"] = str(out / REJECTED_FILE) if payload["rows_rejected"] else None
        payload["report_file"] = str(out / REPORT_FILE)
        payload["seconds"] = round(time.perf_counter() - started, 3)
        (tmp / REPORT_FILE).write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str),
                                       encoding="utf-8")
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        tmp.rename(out)
        return payload
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _convert(source, tmp: Path, mapping, options, sheet, memory_limit: str, lang: str, say, started: float) -> dict:
    pieces = source.pieces()
    first = next(pieces, None)
    if first is None:
        raise IngestError("ingest.error.no_data_rows", name=source.path.name if hasattr(source, "path") else "",
                          header_row=getattr(getattr(source, "layout", None), "header_line", 0) + 1)
    full, options, extra_notes = _resolve_options(source, first.raw, mapping, options or IngestOptions(), sheet)
    if options.wide is not None and source.streaming:
        raise _Restart("wide layout")
    if not source.streaming:
        pieces = iter(())
    validator = _Validator(full, options)
    writer = _Writer(tmp, full, lang)
    deferred: list[_Piece] = []
    summaries = []
    n_piece = 0
    # Three stages overlap on the two cores: the next piece is parsed (Arrow, without the GIL)
    # while this one is validated, and the last one is written (Parquet, without the GIL).
    writes = _Background()

    def take(piece: _Piece, built) -> None:
        result, raw, less = built
        s = dict(result.summary)
        notes = list(s["notes"])
        if less is not None:
            for k in ("rows_read", "rows_accepted", "file_rows", "balance_read", "balance_zeroed"):
                s[k] -= less[k]
            s["balance_accepted"] = float(result.portfolio["balance"].sum())
            notes = _subtract_notes(notes, less["notes"])
        summaries.append(s)
        writer.notes.append(notes)
        rej = result.rejected
        cells = raw.frame.iloc[rej["position"].to_numpy()] if len(rej) else raw.frame.iloc[:0]
        writes.submit(_write_piece, writer, result.portfolio, rej, cells)
        rows = np.asarray(piece.raw.source_rows)
        writer.spans.append((int(rows.min()), int(rows.max()), piece.span))

    try:
        for piece in _prefetch(_chain(first, pieces)):
            n_piece += 1
            built = validator.build(piece.raw)
            if built is None:
                deferred.append(piece)
            else:
                take(piece, built)
            done = sum(s["rows_read"] for s in summaries)
            say(f"piece {n_piece}: {done:,} rows validated, {time.perf_counter() - started:.1f} s")
        if deferred:
            if validator.witness is None:
                # no piece has a usable value: the whole file has none either; ingest says why
                build_portfolio(deferred[0].raw, full, options)
            for piece in deferred:
                take(piece, validator.build_with_witness(piece.raw))
        writes.wait()
    finally:
        writes.close()
        writer.close()

    late = _late_duplicates(writer, tmp, memory_limit)
    if late is not None and len(late):
        _reject_late(writer, source, late, full)
        writer.close()
    return _report(writer, source, summaries, late, full, extra_notes, tmp, memory_limit, n_piece)


def _write_piece(writer: _Writer, portfolio: pd.DataFrame, rejected: pd.DataFrame, cells: pd.DataFrame) -> None:
    writer.accepted(portfolio)
    writer.rejected(rejected, cells)


class _Background:
    """One worker thread running tasks in order; at most ``depth`` waiting (memory stays bounded)."""

    def __init__(self, depth: int = 1) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pending: list = []
        self.depth = depth

    def submit(self, fn, *args) -> None:
        self.pending.append(self.pool.submit(fn, *args))
        while len(self.pending) > self.depth:
            self.pending.pop(0).result()  # re-raises a failed write here

    def wait(self) -> None:
        while self.pending:
            self.pending.pop(0).result()

    def close(self) -> None:
        for fut in self.pending:
            fut.cancel()
        self.pool.shutdown(wait=True)


def _prefetch(iterator: Iterator, depth: int = 1) -> Iterator:
    """``iterator``'s items, the next one produced on a thread while this one is used."""
    import queue
    import threading

    box: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    end = object()

    def produce() -> None:
        try:
            for item in iterator:
                while not stop.is_set():
                    try:
                        box.put((item, None), timeout=0.2)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put((end, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            box.put((end, exc))

    thread = threading.Thread(target=produce, daemon=True)
    thread.start()
    try:
        while True:
            item, exc = box.get()
            if exc is not None:
                raise exc
            if item is end:
                return
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)


def _chain(first, rest):
    yield first
    yield from rest


def _duckdb(memory_limit: str):
    from analysis.core.engine import DuckDBEngine

    return DuckDBEngine(memory_limit=memory_limit)


def _late_duplicates(writer: _Writer, tmp: Path, memory_limit: str) -> pd.DataFrame | None:
    """Account-months written by two pieces: the later copies (by ``source_row``), per month.

    Only months that more than one piece wrote can hold them (within a piece ingest already
    rejected later copies). Each such month's file is rewritten without them.
    """
    months = [m for m, n in writer.month_pieces.items() if n > 1]
    if not months:
        return None
    engine = _duckdb(memory_limit)
    found = []
    try:
        con = engine.con
        for month in sorted(months):
            file = writer.month_file(month)
            src = f"read_parquet({_sql_string(str(file))})"
            late = con.execute(f"""
                WITH copies AS (
                    SELECT account_id, MIN(source_row) AS first_row FROM {src}
                    GROUP BY account_id HAVING COUNT(*) > 1)
                SELECT t.source_row AS row, t.account_id, c.first_row, t.balance
                FROM {src} t JOIN copies c USING (account_id)
                WHERE t.source_row > c.first_row""").fetch_df()
            if not len(late):
                continue
            late["month"] = month
            found.append(late)
            con.register("late_rows", late[["row"]])
            fresh = file.with_name("part-0.dedup.parquet")
            con.execute(f"COPY (SELECT * FROM {src} WHERE source_row NOT IN (SELECT row FROM late_rows)) "
                        f"TO {_sql_string(str(fresh))} (FORMAT parquet)")
            con.unregister("late_rows")
            os.replace(fresh, file)
    finally:
        engine.close()
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(
        columns=["row", "account_id", "first_row", "balance", "month"])


def _reject_late(writer: _Writer, source, late: pd.DataFrame, mapping: dict) -> None:
    """Late duplicates into the rejected rows, with ingest's reason and their own cells."""
    late = late.sort_values("row", kind="stable").reset_index(drop=True)
    rows = late["row"].to_numpy(dtype=np.int64)
    cells = []
    for lo, hi, span in writer.spans:
        hit = rows[(rows >= lo) & (rows <= hi)]
        if not len(hit):
            continue
        raw = source.reread(span)
        pos = np.flatnonzero(np.isin(np.asarray(raw.source_rows), hit))
        cells.append(raw.frame.iloc[pos].assign(__row=np.asarray(raw.source_rows)[pos]))
    frame = pd.concat(cells, ignore_index=True).drop_duplicates("__row").set_index("__row").loc[rows]
    rejected = pd.DataFrame({
        "row": rows,
        "reason": "ingest.reject.duplicate",
        "detail": [{"column": mapping["account_id"], "value": str(a), "first_row": int(f)}
                   for a, f in zip(late["account_id"], late["first_row"])],
    })
    writer.rejected(rejected, frame.reset_index(drop=True), part="late")


def _repoint_duplicates(file: Path, first_of: dict[int, int], lang: str) -> None:
    """A duplicate rejected inside its piece names the copy its piece kept; when that copy was a
    late duplicate itself, name the file's first copy instead, as ingest does."""
    if not file.exists():
        return
    reader = pq.ParquetFile(file)
    fixed = file.with_name("_rejected.fixed.parquet")
    with pq.ParquetWriter(fixed, reader.schema_arrow) as out:
        for batch in reader.iter_batches(batch_size=65_536):
            table = pa.Table.from_batches([batch])
            keys = table.column("reason_key").to_pylist()
            if "ingest.reject.duplicate" in keys:
                details, reasons = table.column("detail").to_pylist(), table.column("reason").to_pylist()
                for i, key in enumerate(keys):
                    if key != "ingest.reject.duplicate":
                        continue
                    d = json.loads(details[i])
                    if int(d.get("first_row", -1)) in first_of:
                        d["first_row"] = first_of[int(d["first_row"])]
                        details[i] = json.dumps(d, ensure_ascii=False)
                        reasons[i] = translate(key, lang, **d)
                table = table.set_column(table.schema.get_field_index("detail"), "detail", pa.array(details, pa.string()))
                table = table.set_column(table.schema.get_field_index("reason"), "reason", pa.array(reasons, pa.string()))
            out.write_table(table)
    os.replace(fixed, file)


def _report(writer: _Writer, source, summaries: list[dict], late, mapping: dict, extra_notes: list,
            tmp: Path, memory_limit: str, n_piece: int) -> dict:
    """The whole file's validation report from the pieces' and the dataset's figures."""
    keys = ("rows_read", "rows_accepted", "rows_rejected", "file_rows", "balance_read", "balance_accepted",
            "balance_rejected", "balance_zeroed", "balance_total_rows")
    t = {k: sum(s[k] for s in summaries) for k in keys}
    n_late = 0 if late is None else len(late)
    if n_late:
        late_balance = float(late["balance"].sum())
        t["rows_accepted"] -= n_late
        t["rows_rejected"] += n_late
        t["balance_accepted"] -= late_balance
        t["balance_rejected"] += late_balance
    if n_late:
        _repoint_duplicates(tmp / "_rejected.tmp.parquet", dict(zip(late["row"].astype(int), late["first_row"].astype(int))),
                            writer.lang)
    parts = [p for p in (tmp / "_rejected.tmp.parquet", tmp / "_rejected.late.parquet") if p.exists()]
    engine = _duckdb(memory_limit)
    try:
        con = engine.con
        accounts = 0
        if writer.months_written:
            pattern = _sql_string(str(tmp / "month=*" / "*.parquet"))
            accounts = int(con.execute(f"SELECT COUNT(DISTINCT account_id) FROM read_parquet({pattern})").fetchone()[0])
        first, reasons = [], {}
        if parts:
            listing = "[" + ", ".join(_sql_string(str(p)) for p in parts) + "]"
            final = _sql_string(str(tmp / REJECTED_FILE))
            con.execute(f"COPY (SELECT * FROM read_parquet({listing}, union_by_name = true) ORDER BY row) "
                        f"TO {final} (FORMAT parquet)")
            for p in parts:
                p.unlink()
            first = con.execute(f"SELECT row, reason_key, detail FROM read_parquet({final}) ORDER BY row "
                                f"LIMIT {REPORT_REJECTED}").fetchall()
            reasons = {str(k): int(n) for k, n in con.execute(
                f"SELECT reason_key, COUNT(*) AS n FROM read_parquet({final}) GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()}
    finally:
        engine.close()
    notes = (list(source.file_notes()) + list(extra_notes)
             + _merge_notes(writer.notes, mapping, t["balance_zeroed"]))
    months = sorted(writer.months_written)
    return {
        "rows_read": int(t["rows_read"]),
        "rows_accepted": int(t["rows_accepted"]),
        "rows_rejected": int(t["rows_rejected"]),
        "mapping": dict(mapping),
        "months": months,
        "accounts": accounts,
        "balance_total": float(t["balance_accepted"]),
        "rejected": [{"row": int(r), "reason": translate(k, "en", **json.loads(d))} for r, k, d in first],
        "reasons": reasons,
        "notes": [translate(k, "en", **p) for k, p in notes],
        "balance_read": float(t["balance_read"]),
        "balance_rejected": float(t["balance_rejected"]),
        "balance_zeroed": float(t["balance_zeroed"]),
        "balance_total_rows": float(t["balance_total_rows"]),
        "file_rows": int(t["file_rows"]),
        "summary_notes": [[k, p] for k, p in notes],
        "streamed": bool(source.streaming),
        "pieces": n_piece,
        "duplicates_across_pieces": n_late,
        "files": len(months),
        "file_format": summaries[0].get("file_format") if summaries else None,
        "encoding": summaries[0].get("encoding") if summaries else None,
        "header_row": summaries[0].get("header_row") if summaries else None,
    }
