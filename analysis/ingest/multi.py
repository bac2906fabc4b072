"""Several monthly files at once → one raw table → one portfolio, as if they were one file.

Core systems export one file per month (``逾期明细表 2024年1月.xlsx``, ``loans_202402.csv``). The
flow the upload page and the CLI share::

    raws = read_files([(data, name), ...])          # each read as a single upload is
    files = describe_files(raws, date_header)       # per file: rows, month, where it came from
    files = with_months(files, {"b.csv": "2024-02"})  # what the user typed, if anything
    multi = combine(raws, files)                    # ONE RawTable (+ 来源文件, maybe 数据月份)
    result = build_combined(multi, mapping, options)  # build_portfolio, rows named by file

A file's month comes from its date column when the mapping has one, else from a title row above
the header (``2024年1月``, ``数据日期：2024-01-31``), else from its name. Files are put in order of
month, then name, so a repeated account-month keeps the row of the earlier file, as one file
keeps its earlier row. Every row keeps its file and its row number in that file: the rejections
name both. Nothing here re-implements ingest: the combined table goes through
:func:`analysis.ingest.portfolio.build_portfolio` unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.ingest.errors import IngestError
from analysis.ingest.parsing import normalise_month, parse_months
from analysis.ingest.portfolio import IngestOptions, IngestResult, build_portfolio, row_numbers
from analysis.ingest.precheck import Problem
from analysis.ingest.readers import RawTable, read_table
from analysis.ingest.recognise import suggest_mapping
from analysis.ingest.file_months import FILE_COLUMN, MONTH_COLUMN, month_in_text, named_month
from analysis.ingest.units import title_unit
from analysis.locales.recognise import FILE_UNIT_NAMES

__all__ = [
    "FILE_COLUMN", "MONTH_COLUMN", "FileInfo", "MultiTable", "build_combined", "combine", "describe_files",
    "files_json", "month_in_text", "read_files", "regroup", "rejection_files", "set_name", "set_problems",
    "with_months", "without_file_column",
]

#: Row numbers of file i are handed to ingest as ``i * _STRIDE + row`` so a repeated account-month
#: can say which file's row was kept; they are decoded again before anyone sees them.
_STRIDE = 10 ** 10


@dataclass(frozen=True)
class FileInfo:
    """One file of a set: the row the user confirms on the upload page.

    Attributes
    ----------
    file : str
        The file's name.
    rows : int
        Data rows read (under the header).
    month : str or None
        ``YYYY-MM`` of the file; ``None`` when not known (or, with a date column, when the file
        holds several months: see ``months``).
    source : {"date_column", "title", "file_name", "user", "none"}
        Where ``month`` came from.
    months : tuple of str
        The months of the date column, when there is one.
    named : str or None
        The month the title or the name gives, also when the date column decides (to compare).
    missing, extra : tuple of str
        Headers of the first file this one lacks, and headers it has that the first one lacks.
    reference : str
        That first file (the first one given, whatever its month).
    """

    file: str
    rows: int
    month: str | None
    source: str
    months: tuple[str, ...] = ()
    named: str | None = None
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    reference: str = ""

    @property
    def guessed(self) -> bool:
        """Whether the user should confirm the month (it came from a title or the name, or is missing)."""
        return self.source in ("title", "file_name", "none")

    @property
    def conflict(self) -> bool:
        """The title or name names a month the date column does not hold."""
        return self.source == "date_column" and self.named is not None and self.named not in self.months

    @property
    def sort_key(self) -> tuple[str, str]:
        first = self.month or (self.months[0] if self.months else "9999-99")
        return first, self.file


def read_files(files: Iterable[tuple[bytes, str]], sheet: str | None = None,
               progress: Callable[[int, str], None] | None = None) -> list[RawTable]:
    """Read each ``(bytes, name)`` with :func:`read_table` (any mix of CSV, XLSX, XLS, Parquet).

    ``progress(i, name)`` is called before file ``i`` is read. Two files with the same name are
    refused: the report could not tell their rows apart.

    Raises
    ------
    IngestError
        The reader's error for the first file it cannot read (naming it), or a repeated name.
    """
    raws: list[RawTable] = []
    seen: set[str] = set()
    for i, (data, name) in enumerate(files):
        if name in seen:
            raise IngestError("multi.error.same_name", name=name)
        seen.add(name)
        if progress is not None:
            progress(i, name)
        raws.append(read_table(data, name, sheet=sheet))
    return raws


def date_header_of(raws: list[RawTable], mapping: Mapping[str, str] | None = None) -> str | None:
    """The month column the mapping names (or the first file suggests), if the files have it."""
    if not raws:
        return None
    header = (mapping or {}).get("snapshot_date") or suggest_mapping(raws[0]).get("snapshot_date")
    return header if header and header != MONTH_COLUMN else None


def _months_of_column(raw: RawTable, header: str) -> tuple[str, ...]:
    """The distinct months of a file's date column (only its distinct values are parsed)."""
    values = raw.frame[header]
    distinct = pd.Series(values.dropna().unique()) if not pd.api.types.is_datetime64_any_dtype(values.dtype) \
        else values.dropna()
    months = parse_months(distinct).dropna()
    return tuple(sorted({str(m) for m in months}))


def describe_files(raws: list[RawTable], date_header: str | None = None) -> list[FileInfo]:
    """Rows, month and where it came from, and header differences, per file, in load order
    (month, then name).

    Examples
    --------
    >>> a = read_table("客户编号,逾期天数,余额\\nA,0,1\\n".encode(), "loans_202402.csv")
    >>> b = read_table("XX银行 2024年1月\\n客户编号,逾期天数,余额\\nA,0,1\\n".encode(), "b.csv")
    >>> [(f.file, f.month, f.source) for f in describe_files([a, b])]
    [('b.csv', '2024-01', 'title'), ('loans_202402.csv', '2024-02', 'file_name')]
    """
    reference = list(raws[0].frame.columns) if raws else []
    reference_name = raws[0].filename if raws else ""
    out = []
    for raw in raws:
        named, named_source = named_month(raw) or (None, "none")
        months: tuple[str, ...] = ()
        if date_header is not None and date_header in raw.frame.columns:
            months = _months_of_column(raw, date_header)
        if months:
            month, source = (months[0] if len(months) == 1 else None), "date_column"
        else:
            month, source = named, named_source
        headers = list(raw.frame.columns)
        out.append(FileInfo(
            file=raw.filename, rows=len(raw.frame), month=month, source=source, months=months, named=named,
            missing=tuple(h for h in reference if h not in headers),
            extra=tuple(h for h in headers if h not in reference), reference=reference_name))
    return sorted(out, key=lambda f: f.sort_key)


def set_name(names: Iterable[str]) -> str:
    """What a set of files is called (the data's name on every page and in the report): the one
    file's name, or the first and last in natural order (2024年2月 before 2024年10月) and how many.

    Examples
    --------
    >>> set_name(["逾期 2024年10月.csv", "逾期 2024年9月.csv", "逾期 2024年1月.csv"])
    '逾期 2024年1月.csv … 逾期 2024年10月.csv (3)'
    >>> set_name(["book.csv"])
    'book.csv'
    """
    ordered = sorted(names, key=lambda n: [int(part) if part.isdigit() else part
                                           for part in re.split(r"(\d+)", n)])
    if len(ordered) == 1:
        return ordered[0]
    return f"{ordered[0]} … {ordered[-1]} ({len(ordered)})"


def with_months(files: list[FileInfo], months: Mapping[str, str | None]) -> list[FileInfo]:
    """The files with the months the user typed (``file name -> YYYY-MM``), re-ordered.

    A month the user leaves as it was keeps its source; a changed one becomes ``"user"``.

    Raises
    ------
    IngestError
        A typed month that is not a month, or a name that is not one of the files.
    """
    names = {f.file for f in files}
    for name in months:
        if name not in names:
            raise IngestError("multi.error.unknown_file", name=name, files=tuple(sorted(names)))
    out = []
    for f in files:
        if f.file not in months:
            out.append(f)
            continue
        typed = months[f.file]
        month = normalise_month(str(typed)) if typed not in (None, "") else None
        if typed not in (None, "") and month is None:
            raise IngestError("multi.error.bad_month", name=f.file, value=str(typed))
        if month == f.month:
            out.append(f)
        else:
            out.append(replace(f, month=month, source="user" if month else "none"))
    return sorted(out, key=lambda f: f.sort_key)


# --------------------------------------------------------------------------------------------
# one table


@dataclass(frozen=True)
class MultiTable:
    """The files as one raw table, and what the per-file table shows.

    Attributes
    ----------
    raw : RawTable
        All rows in file order, headers aligned by name (a header a file lacks is empty there),
        with :data:`FILE_COLUMN` and, when any month came from a title or a name,
        :data:`MONTH_COLUMN`. ``source_rows`` are each file's own row numbers.
    files : tuple of FileInfo
        In the order of the rows.
    file_index : ndarray of int32
        Per row, its file's position in ``files``.
    headers : tuple of tuple of str
        Each file's own headers (to name what a file lacks once the mapping is known).
    date_header : str or None
        The date column the months were read from (folded into :data:`MONTH_COLUMN` when that
        column is there).
    title_units : tuple of (file, unit, title)
        The money unit each file's title rows name (``单位：万元``), for the files that name one.
        The combined table's ``titles`` carry the first, so the unit is detected as for one file;
        files naming different units are refused (one unit reads the whole set).
    """

    raw: RawTable
    files: tuple[FileInfo, ...]
    file_index: np.ndarray
    headers: tuple[tuple[str, ...], ...]
    date_header: str | None = None
    title_units: tuple[tuple[str, str, str], ...] = ()

    @property
    def month_column(self) -> str | None:
        """:data:`MONTH_COLUMN` when the table has it."""
        return MONTH_COLUMN if MONTH_COLUMN in self.raw.frame.columns else None


def combine(raws: list[RawTable], files: list[FileInfo], date_header: str | None = None, *,
            allow_missing: bool = False) -> MultiTable:
    """The files as ONE :class:`RawTable`, in the order of ``files`` (month, then name).

    ``raws`` may be in any order (matched by file name). The caller should drop its own list
    once this returns: the combined frame then holds the only copy of the cells.

    Parameters
    ----------
    raws : list of RawTable
    files : list of FileInfo
        From :func:`describe_files` (or :func:`with_months`).
    date_header : str, optional
        The date column the months were read from.
    allow_missing : bool
        Combine even when a file's month is not known (the upload page shows the table and asks
        for it; :func:`build_combined` then refuses until it is given).

    Raises
    ------
    IngestError
        A file whose month is not known (and that has no date column holding one): the message
        names the files and says how to give the month.
    """
    if not allow_missing:
        _require_months(files)
    by_name = {r.filename: r for r in raws}
    ordered = [by_name[f.file] for f in files]
    columns: list[str] = []
    for raw in ordered:
        columns += [c for c in raw.frame.columns if c not in columns and c not in (FILE_COLUMN, MONTH_COLUMN)]
    frames = [_aligned(raw, columns) for raw in ordered]
    rows = np.concatenate([np.asarray(raw.source_rows, dtype=np.int64) for raw in ordered])
    file_index = np.concatenate([np.full(len(raw.frame), i, dtype=np.int32) for i, raw in enumerate(ordered)])
    headers = tuple(tuple(str(c) for c in r.frame.columns) for r in ordered)
    first = ordered[0]
    del ordered, by_name
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    del frames
    base_notes = _file_notes(raws)
    units = _title_units(raws, files)
    combined = RawTable(
        frame=frame, source_rows=rows, header_row=first.header_row, file_format=first.file_format,
        encoding=first.encoding, sheet=first.sheet, notes=base_notes, delimiter=first.delimiter,
        filename=first.filename, original_headers=tuple(columns), header_groups=first.header_groups,
        # the unit a title names (单位：万元), for unit detection as in one file
        titles=(units[0][2],) if units else ())
    multi = MultiTable(raw=combined, files=tuple(files), file_index=file_index, headers=headers,
                       date_header=date_header, title_units=units)
    return _labelled(multi, list(files))


def _title_units(raws: list[RawTable], files: list[FileInfo]) -> tuple[tuple[str, str, str], ...]:
    """``(file, unit, title)`` for each file whose title rows name a money unit, in ``files`` order."""
    by_name = {r.filename: r for r in raws}
    out = []
    for info in files:
        found = title_unit(list(getattr(by_name.get(info.file), "titles", ()) or ()))
        if found is not None:
            out.append((info.file, found[0], found[1]))
    return tuple(out)


def _units_differ(multi: MultiTable) -> dict | None:
    """The message's parameters when the files' titles name different money units, else ``None``."""
    if len({unit for _, unit, _ in multi.title_units}) <= 1:
        return None
    return {"files": tuple(f"{name} ({FILE_UNIT_NAMES[unit][0]})" for name, unit, _ in multi.title_units)}


def _monthless(files: Iterable[FileInfo]) -> list[str]:
    """The files whose month is not known (and whose date column holds none)."""
    return [f.file for f in files if f.month is None and not (f.source == "date_column" and f.months)]


def _require_months(files: Iterable[FileInfo]) -> None:
    missing = _monthless(files)
    if missing:
        raise IngestError("multi.error.no_month", files=tuple(missing))


def regroup(multi: MultiTable, files: list[FileInfo]) -> MultiTable:
    """The same table under months the user changed (:func:`with_months`): rows re-ordered by
    the files' new order, the month column rewritten. No file is read again.

    Examples
    --------
    >>> raws = read_files([(b"id,dpd,bal\\nA,0,1\\n", "x.csv"), (b"id,dpd,bal\\nA,0,2\\n", "2024-02.csv")])
    >>> multi = combine(raws, describe_files(raws), allow_missing=True)
    >>> multi = regroup(multi, with_months(list(multi.files), {"x.csv": "2024-01"}))
    >>> multi.raw.frame[[FILE_COLUMN, MONTH_COLUMN]].values.tolist()
    [['x.csv', '2024-01'], ['2024-02.csv', '2024-02']]
    """
    position = {f.file: i for i, f in enumerate(files)}
    new_of_old = np.array([position[f.file] for f in multi.files], dtype=np.int32)
    file_index = new_of_old[multi.file_index]
    raw = multi.raw
    headers = multi.headers
    if not np.array_equal(new_of_old, np.arange(len(files))):
        perm = np.argsort(file_index, kind="stable")
        raw = replace(raw, frame=raw.frame.take(perm).reset_index(drop=True),
                      source_rows=np.asarray(raw.source_rows)[perm])
        file_index = file_index[perm]
        old_of_new = np.argsort(new_of_old)
        headers = tuple(multi.headers[k] for k in old_of_new)
    moved = replace(multi, raw=raw, files=tuple(files), file_index=file_index, headers=headers)
    return _labelled(moved, files)


def _labelled(multi: MultiTable, files: list[FileInfo]) -> MultiTable:
    """The table with its file column, its month column (when a month is not the date column's)
    and the set's notes, for ``files`` in row order."""
    frame = multi.raw.frame.drop(columns=[c for c in (FILE_COLUMN, MONTH_COLUMN) if c in multi.raw.frame.columns])
    # codes into the files' names: a byte or two a row, however many rows
    frame[FILE_COLUMN] = pd.Categorical.from_codes(multi.file_index, categories=[f.file for f in files])
    months = _month_column(frame, multi.file_index, files, multi.date_header)
    if months is not None:
        frame[MONTH_COLUMN] = months
    base = tuple(n for n in multi.raw.notes if not n[0].startswith("multi."))
    raw = replace(multi.raw, frame=frame, notes=base + _set_notes(files, multi.date_header),
                  filename=files[0].file if len(files) == 1 else f"{files[0].file} … {files[-1].file}",
                  original_headers=tuple(str(c) for c in frame.columns))
    return replace(multi, raw=raw, files=tuple(files))


def _month_column(frame: pd.DataFrame, file_index: np.ndarray, files: list[FileInfo],
                  date_header: str | None) -> pd.Series | None:
    """Each row's month: its file's, or (for a file whose month is its date column's) its own
    date's; ``None`` when every file's months are its date column's (nothing to add)."""
    dated = np.array([f.source == "date_column" for f in files], dtype=bool)
    if dated.all() and date_header in frame.columns:
        return None
    per_file = np.array([None if d else f.month for f, d in zip(files, dated)], dtype=object)
    months = per_file[file_index]
    rows = dated[file_index]
    if rows.any() and date_header in frame.columns:
        months[rows] = parse_months(frame[date_header][rows]).to_numpy(dtype=object, na_value=None)
    return pd.Series(pd.array(months, dtype="str"), index=frame.index)


def _aligned(raw: RawTable, columns: list[str]) -> pd.DataFrame:
    """A file's frame with every column of the set, in the set's order (empty where it lacks one)."""
    frame = raw.frame
    n = len(frame)
    out = {}
    for c in columns:
        out[c] = frame[c].reset_index(drop=True) if c in frame.columns else pd.Series(pd.array([None] * n, dtype="str"))
    return pd.DataFrame(out)


def _file_notes(raws: list[RawTable]) -> tuple[tuple[str, dict], ...]:
    """The files' own notes (title rows skipped, encoding …), each once."""
    notes: list[tuple[str, dict]] = []
    seen = set()
    for raw in raws:
        for key, params in raw.notes:
            mark = (key, tuple(sorted((k, str(v)) for k, v in params.items())))
            if mark not in seen:
                seen.add(mark)
                notes.append((key, params))
    return tuple(notes)


def _set_notes(files: list[FileInfo], date_header: str | None) -> tuple[tuple[str, dict], ...]:
    """What the set adds: how many files, months that disagree, headers that differ."""
    notes = [("multi.note.files", {"n": len(files), "first": files[0].file, "last": files[-1].file})]
    for f in files:
        if f.conflict:
            notes.append(("multi.note.month_conflict", {"name": f.file, "named": f.named,
                                                        "column": date_header or "", "months": tuple(f.months)}))
        if f.missing or f.extra:
            notes.append(("multi.note.headers_differ", {"name": f.file, "missing": tuple(f.missing) or "—",
                                                        "extra": tuple(f.extra) or "—",
                                                        "first": f.reference or files[0].file}))
    return tuple(notes)


# --------------------------------------------------------------------------------------------
# build


def _lacking(multi: MultiTable, mapping: Mapping[str, str], options: IngestOptions) -> list[tuple[str, list[str]]]:
    """Per file that lacks some, the headers the mapping (or the options) use that it does not have."""
    used = {h for h in mapping.values() if h} | set(options.extra_segments)
    if options.wide is not None:
        used |= set(options.wide.headers())
    used -= {FILE_COLUMN, MONTH_COLUMN}
    out = []
    for info, headers in zip(multi.files, multi.headers):
        lacking = sorted(h for h in used if h not in headers)
        if lacking:
            out.append((info.file, lacking))
    return out


def _file_with(multi: MultiTable, headers: list[str]) -> str:
    """The first file that has ``headers`` (named in the message about a file that lacks them: the
    first file of the set may be the one lacking them)."""
    for info, present in zip(multi.files, multi.headers):
        if set(headers) <= set(present):
            return info.file
    return next((info.file for info, present in zip(multi.files, multi.headers) if set(headers) & set(present)), "")


def _check_headers(multi: MultiTable, mapping: Mapping[str, str], options: IngestOptions) -> None:
    """Refuse a mapping naming a header some file does not have (its rows would all be rejected)."""
    for name, lacking in _lacking(multi, mapping, options)[:1]:
        raise IngestError("multi.error.missing_headers", name=name, headers=tuple(lacking),
                          first=_file_with(multi, lacking))


def _as_built(multi: MultiTable, mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping :func:`build_combined` builds with: the month column stands in for a date
    column some files lack or a month column the mapping leaves out."""
    mapping = {c: h for c, h in mapping.items() if h}
    if multi.month_column and mapping.get("snapshot_date") in (None, multi.date_header):
        # the month column holds the date column's month for files that have one, and the
        # title's or name's for the others: the one column every file fills
        mapping["snapshot_date"] = MONTH_COLUMN
    return mapping


def set_problems(multi: MultiTable, mapping: Mapping[str, str],
                 options: IngestOptions = IngestOptions()) -> list[Problem]:
    """What stops a set of files from loading that one file cannot have, one problem per file,
    in the shape of :func:`analysis.ingest.precheck.precheck` (listed before it, as
    :func:`build_combined` refuses these before it builds): a file whose month is not known, a
    file lacking a header the mapping uses. An empty list when neither applies.

    Each problem's ``raises`` is the error :func:`build_combined` raises for it.

    Examples
    --------
    >>> raws = read_files([(b"id,dpd,bal\\nA,0,1\\n", "x.csv"), (b"id,dpd\\nA,0\\n", "2024-02.csv")])
    >>> multi = combine(raws, describe_files(raws), allow_missing=True)
    >>> [(p.key, p.params["name"]) for p in set_problems(multi, {"account_id": "id", "balance": "bal"})]
    [('multi.precheck.no_month', 'x.csv'), ('multi.precheck.missing_headers', '2024-02.csv')]
    """
    out = [Problem("multi.precheck.no_month", {"name": name}, "multi.error.no_month")
           for name in _monthless(multi.files)]
    out += [Problem("multi.precheck.missing_headers",
                    {"name": name, "headers": tuple(lacking), "first": _file_with(multi, lacking)},
                    "multi.error.missing_headers")
            for name, lacking in _lacking(multi, _as_built(multi, mapping), options)]
    differ = _units_differ(multi)
    if differ is not None:
        out.append(Problem("multi.precheck.units_differ", differ, "multi.error.units_differ"))
    return out


def build_combined(multi: MultiTable, mapping: Mapping[str, str],
                   options: IngestOptions = IngestOptions()) -> IngestResult:
    """:func:`build_portfolio` on the combined table; rejections name their file and row.

    When the table has :data:`MONTH_COLUMN` and the mapping has no month column, the month is
    taken from it. The result's ``rejected`` gains a ``file`` column; a repeated account-month
    whose kept row is in another file gets the reason ``multi.reject.duplicate_across_files``
    (naming that file and row); ``summary["files"]`` is the per-file table (:func:`files_json`).

    Raises
    ------
    IngestError
        What :func:`build_portfolio` raises, a file whose month is not known, and a mapped
        header some file lacks.
    """
    _require_months(multi.files)
    differ = _units_differ(multi)
    if differ is not None:  # one unit reads the whole set: a 万元 file read as 元 is 10,000× off
        raise IngestError("multi.error.units_differ", **differ)
    mapping = _as_built(multi, mapping)
    _check_headers(multi, mapping, options)
    raw = multi.raw
    coded = multi.file_index.astype(np.int64) * _STRIDE + np.asarray(raw.source_rows, dtype=np.int64)
    result = build_portfolio(replace(raw, source_rows=coded), mapping, options)
    del coded
    names = np.array([f.file for f in multi.files], dtype=object)
    portfolio = result.portfolio
    if "source_row" in portfolio.columns and len(portfolio):
        coded_rows = portfolio["source_row"].to_numpy().astype(np.int64)  # int32 when only the first file's rows
        portfolio = portfolio.assign(source_row=row_numbers(coded_rows % _STRIDE))
    rejected = _decoded_rejections(result.rejected, names)
    summary = {**result.summary, "files": files_json(multi.files)}
    return replace(result, portfolio=portfolio, rejected=rejected, summary=summary, raw=raw)


def _decoded_rejections(rejected: pd.DataFrame, names: np.ndarray) -> pd.DataFrame:
    """Rejections with each file's own row number, its file, and duplicates naming the kept file."""
    if not len(rejected):
        return rejected.assign(file=pd.Series([], dtype="str"))
    coded = rejected["row"].to_numpy(dtype=np.int64)
    own = coded // _STRIDE
    reasons = rejected["reason"].astype(object).to_numpy().copy()
    details = []
    for j, (reason, detail) in enumerate(zip(reasons, rejected["detail"])):
        if reason == "ingest.reject.duplicate" and isinstance(detail, dict):
            kept_file, kept_row = divmod(int(detail["first_row"]), _STRIDE)
            detail = {**detail, "first_row": kept_row, "first_file": str(names[kept_file])}
            if kept_file != own[j]:
                reasons[j] = "multi.reject.duplicate_across_files"
        details.append(detail)
    return rejected.assign(
        row=coded % _STRIDE,
        reason=pd.array(reasons.tolist(), dtype="str"),
        detail=pd.Series(details, dtype=object, index=rejected.index),
        file=pd.array(names[own].tolist(), dtype="str"),
    ).reset_index(drop=True)


def without_file_column(mapping: Mapping[str, str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """A resolved mapping less :data:`FILE_COLUMN`: the file name column is ours, not a segment of
    the data, unless the user mapped it (``given``).

    Examples
    --------
    >>> without_file_column({"account_id": "id", "segment": FILE_COLUMN})
    {'account_id': 'id'}
    """
    return {c: h for c, h in mapping.items() if h != FILE_COLUMN or c in (given or {})}


def rejection_files(result: IngestResult) -> list[str] | None:
    """Per rejected row, its file (a result of :func:`build_combined`), else ``None``."""
    if "file" not in result.rejected.columns:
        return None
    return [str(f) for f in result.rejected["file"]]


def files_json(files: Iterable[FileInfo]) -> list[dict]:
    """The per-file table as JSON-ready dicts (the CLI's ``files`` and ``summary["files"]``).

    Examples
    --------
    >>> files_json([FileInfo("a.csv", 2, "2024-01", "file_name")])[0]["month_source"]
    'file_name'
    """
    return [{"file": f.file, "rows": f.rows, "month": f.month, "month_source": f.source, "months": list(f.months),
             "named_month": f.named, "missing_headers": list(f.missing), "extra_headers": list(f.extra)}
            for f in files]
