"""One ``Cubes`` per (data, filters, bucket scheme): every figure of the workbench reads it.

A :class:`Book` is a source of account-months registered in an engine (the uploaded portfolio as
Arrow in DuckDB, a month-partitioned Parquet folder, a table on a Spark cluster). ``book.cubes(
buckets, month_range, segments)`` gives a :class:`Cubes`, which builds the bucketed panel once
(a temporary table) and each cube on first use, then keeps it: the aging cube, the transition
cube, the rate cube, the DPD cube and the vintage cube, as small pandas frames whose month is
``YYYY-MM`` text, whose bucket is an ordered categorical of the bucket keys and whose segments
keep their categories.

The SQL is in :mod:`analysis.core.sql`; nothing here aggregates rows in Python.
"""
from __future__ import annotations

import functools
import itertools
import json
import os
import re
import threading
from pathlib import Path
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.core.buckets import EXIT, Buckets, DEFAULT_BUCKETS
from analysis.core import sql
from analysis.core.engine import DEFAULT_MEMORY_LIMIT, DuckDBEngine, Engine
from analysis.core.i18n import MessageError
from analysis.core.schema import BLANK_SEGMENT, SEGMENT_COLUMNS, segment_columns
from analysis.core.units import counts_only
from analysis.core.vocabulary import FIVE_TIER_KEYS

#: Thresholds behind the standard rates: overdue (DPD ≥ 1), DPD30+ (> 30), DPD90+ (> 90).
RATE_THRESHOLDS = {"overdue": 1, "dpd30": 31, "dpd90": 91}
#: "30+" in vintage curves means more than 30 days past due, like ``dpd30_rate``.
VINTAGE_BAD_FROM = RATE_THRESHOLDS["dpd30"]
#: Money columns the cubes sum when the source has them.
MONEY_COLUMNS = ("overdue_amount", "credit_limit")
#: The report `python -m analysis convert` writes beside a dataset's month folders.
CONVERTED_REPORT = "_report.json"
#: Rows one pairing pass of a month-partitioned folder may sort per GB of the memory limit:
#: three months of 5M accounts (15M rows) peaked at 2.0 GB under a 2 GB limit, at 2.6 s a month
#: (3.4 s a month two months at a time; four months went over 2.5 GB).
PAIRING_ROWS_PER_GB = 8_000_000
#: Columns every source must have.
REQUIRED = ("account_id", "month", "days_past_due", "balance")
#: The bank's own five-tier class (五级分类) as the source holds it: the five-tier keys as text.
LOAN_CLASS = "loan_class"

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SEQUENCE = itertools.count()


class SourceError(MessageError):
    """A source that cannot be read as a portfolio (missing columns, duplicates it cannot order, an
    unreachable cluster): ``message(lang)`` says which, in the user's language; ``str()`` is English."""


def month_index(month: str) -> int:
    """``YYYY-MM`` → its month index (``year * 12 + month - 1``): consecutive months differ by 1.

    Examples
    --------
    >>> month_index("2024-01") - month_index("2023-12")
    1
    """
    return int(str(month)[:4]) * 12 + int(str(month)[5:7]) - 1


_MEMORY_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:([KMGT])i?)?B\s*$", re.IGNORECASE)


def memory_gb(limit: str, default: float | None = 2.0) -> float | None:
    """A DuckDB memory limit (``"2GB"``, ``"512MB"``, ``"1.5GiB"``) in GB; ``default`` when it is
    not such a size (the catalog refuses those, the pairing budget assumes 2 GB).

    Examples
    --------
    >>> memory_gb("500MB"), memory_gb("2GB"), memory_gb("1TB")
    (0.5, 2.0, 1000.0)
    >>> memory_gb("lots", default=None) is None
    True
    """
    found = _MEMORY_SIZE.match(str(limit))
    if not found:
        return default
    scale = {"": 1e-9, "K": 1e-6, "M": 1e-3, "G": 1.0, "T": 1e3}[(found.group(2) or "").upper()]
    return float(found.group(1)) * scale


def month_label(index: int) -> str:
    """Month index (``year * 12 + month - 1``) → ``YYYY-MM``.

    Examples
    --------
    >>> month_label(2024 * 12 + 2)
    '2024-03'
    """
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _month_labels(indices: pd.Series) -> pd.Series:
    uniques = {int(i): month_label(int(i)) for i in pd.unique(indices)}
    return pd.Series([uniques[int(i)] for i in indices], index=indices.index, dtype="str")


def _by_list(by: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


@dataclass
class Book:
    """Account-months registered in an engine as ``src``, with what the cubes need to know of them.

    Build one with :func:`book_from_portfolio`, :func:`book_from_parquet` or an engine's own
    helper (Spark); then ask it for :meth:`cubes`.

    Attributes
    ----------
    engine : Engine
    kind : str
        ``"memory"`` (an upload), ``"parquet"`` or ``"spark"``.
    aliases : dict
        Segment column as the user knows it → its plain SQL name in ``src``.
    categories : dict
        Segment column → its categories in display order (an upload's), when known.
    money : tuple of str
        The money columns the source has (of :data:`MONEY_COLUMNS`).
    origination : str or None
        ``"origination_idx"`` or the name of a date column: the source of vintages.
    """

    engine: Engine
    kind: str
    aliases: dict[str, str] = field(default_factory=dict)
    categories: dict[str, list] = field(default_factory=dict)
    money: tuple[str, ...] = ()
    origination: str | None = None
    has_source_row: bool = False
    account_key: str | None = None
    has_month_idx: bool = False
    unique_rows: bool = False
    has_row_no: bool = False
    #: No balances in the source (a dataset ``convert`` wrote from a file with no balance column,
    #: each account-month counted as 1): figures are accounts, never money.
    counts_only: bool = False
    #: The source has the bank's own five-tier class (``loan_class``): :meth:`Cubes.classes`.
    has_loan_class: bool = False
    #: The source is a folder partitioned by month (``month=YYYY-MM``): a query on one month reads
    #: that month's files only, so what needs an account's rows together (the duplicate check,
    #: the pairing of a month with the next) runs month by month, inside the memory limit, instead
    #: of sorting the whole book at once (which spills to disk on a book larger than memory).
    month_partitioned: bool = False
    #: Repeated account-months the cubes found (the most in one month window they read): the
    #: first copy by ``source_row`` counts, the others are left out, and the CLI says so.
    duplicates_seen: int = 0

    @property
    def segments(self) -> list[str]:
        """Segment columns, as the user knows them."""
        return list(self.aliases)

    def account_keys(self) -> np.ndarray | None:
        """The upload's account numbers (``account_key``: ``pd.factorize`` of ``account_id``, int32,
        in the portfolio's row order) as a read-only view of the book's own column, or ``None``
        when the book has none in memory (a Parquet or Spark source).

        Examples
        --------
        >>> df = pd.DataFrame({"account_id": ["a", "b", "a"], "month": ["2024-01", "2024-01", "2024-02"],
        ...                    "days_past_due": [0, 0, 0], "balance": [1.0, 2.0, 3.0]})
        >>> book_from_portfolio(df).account_keys().tolist()
        [0, 1, 0]
        """
        source = getattr(self.engine, "arrow_source", lambda: None)()
        if source is None or self.account_key is None or self.account_key not in source.column_names:
            return None
        column = source.column(self.account_key)
        if column.num_chunks != 1 or column.null_count:
            return None
        return column.chunk(0).to_numpy(zero_copy_only=True)

    def cubes(self, buckets: Buckets = DEFAULT_BUCKETS, month_range: tuple[str, str] | None = None,
              segments: dict[str, list[str]] | None = None) -> "Cubes":
        """The cubes of this book for a bucket scheme and the sidebar filters (built lazily)."""
        return Cubes(self, buckets, month_range, dict(segments or {}))

    def month_rows(self, month: str, limit: int | None = None) -> pd.DataFrame:
        """One month's account rows as a canonical portfolio frame (segments as categories).

        What analyses that need one row per account (warning model, drill-down, what-if per
        account, reasons) read on a book too large to hold: the caller says so on screen.
        """
        rows = self.engine.month_rows(month, limit)
        rows = rows.rename(columns={alias: col for col, alias in self.aliases.items()})
        for col in ("account_id", "month"):
            if col in rows.columns:
                rows[col] = rows[col].astype("str")
        for col in self.segments:
            if col in rows.columns:
                rows[col] = rows[col].astype("category")
        if LOAN_CLASS in rows.columns:
            rows[LOAN_CLASS] = pd.Categorical(rows[LOAN_CLASS].astype("object"), categories=list(FIVE_TIER_KEYS),
                                              ordered=True)
        if "snapshot_date" not in rows.columns and "month" in rows.columns:
            rows["snapshot_date"] = pd.PeriodIndex(rows["month"], freq="M").to_timestamp(how="end").normalize()
        return rows.drop(columns=[c for c in ("month_idx", "account_key") if c in rows.columns]).reset_index(drop=True)

    def month_accounts(self, month: str) -> tuple[pd.DataFrame, int]:
        """``(rows, copies)``: one month's rows, one per account, with ingest's column types,
        sorted by account; an account-month held twice (a warehouse table) keeps its first copy
        by ``source_row``, as ingest keeps it, and ``copies`` says how many were left out.

        What the CLI and the app read for the analyses that need one row per account on a book
        (:meth:`month_rows`), so both count a repeated account once.

        Examples
        --------
        >>> df = pd.DataFrame({"account_id": ["b", "a", "a"], "month": ["2024-01", "2024-01", "2024-02"],
        ...                    "days_past_due": [0, 40, 0], "balance": [100.0, 50.0, 45.0]})
        >>> rows, copies = book_from_portfolio(df).month_accounts("2024-01")
        >>> rows[["account_id", "days_past_due", "balance"]].values.tolist(), copies
        ([['a', 40, 50.0], ['b', 0, 100.0]], 0)
        """
        rows = self.month_rows(month)
        for col in ("snapshot_date", "origination_date", "due_date"):
            if col in rows.columns:
                rows[col] = pd.to_datetime(rows[col]).astype("datetime64[ns]")
        if "days_past_due" in rows.columns:
            rows["days_past_due"] = rows["days_past_due"].astype(np.int64)
        for col in ("balance", "credit_limit", "overdue_amount", "due_amount", "paid_amount", "score", "interest_rate"):
            if col in rows.columns:
                rows[col] = rows[col].astype(np.float64)
        order = ["source_row"] if "source_row" in rows.columns else []
        rows = rows.sort_values([*order, "account_id"], kind="stable").reset_index(drop=True)
        copies = rows.duplicated("account_id", keep="first").to_numpy()
        if copies.any() and not order:  # which copy comes first cannot be told: as the cubes refuse
            raise SourceError("core.duplicates_without_order", extra=int(copies.sum()))
        if copies.any():
            rows = rows[~copies].reset_index(drop=True)
        return rows.sort_values("account_id", kind="stable").reset_index(drop=True), int(copies.sum())

    def close(self) -> None:
        """Release the engine (its memory and temporary files)."""
        self.engine.close()


def _plain_aliases(columns: list[str]) -> dict[str, str]:
    out = {}
    for i, col in enumerate(columns):
        out[col] = col if _PLAIN.match(col) and col not in {"month_idx", "bucket"} else f"seg_{i}"
    return out


def portfolio_arrow(portfolio: pd.DataFrame, segments: list[str]) -> tuple[pa.Table, dict[str, str]]:
    """The columns of a canonical portfolio that the cubes read, as one Arrow table.

    Segments get plain SQL names (a user's ``行业`` becomes ``seg_3``) and travel as Arrow
    dictionaries (the categories, not one string per row). Text, number and date columns hand
    over the frame's own buffers: 2.4M rows take tens of milliseconds, not a copy of the
    portfolio; the book adds only its integer keys (account, month, row position).
    """
    aliases = _plain_aliases(segments)
    cols = {
        "account_id": _arrow_text(portfolio["account_id"]),
        "month": _arrow_text(portfolio["month"]),
        "days_past_due": pa.array(_int_column(portfolio["days_past_due"])),
        "balance": pa.array(portfolio["balance"].to_numpy(dtype=np.float64), from_pandas=True),
    }
    for col in MONEY_COLUMNS:
        if col in portfolio.columns:
            cols[col] = pa.array(portfolio[col].to_numpy(dtype=np.float64), from_pandas=True)
    for col, alias in aliases.items():
        values = portfolio[col]
        if not isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype("category")
        # The categorical's own codes (``.cat.codes`` would copy them: 2.3 MB a segment at 2.4M
        # rows, kept as long as the book).
        codes = values.array.codes
        cols[alias] = pa.DictionaryArray.from_arrays(
            pa.array(codes, mask=codes < 0),
            pa.array([str(c) for c in values.cat.categories], type=pa.string()))
    if LOAN_CLASS in portfolio.columns:
        # the bank's class as the keys' dictionary (a class per row is one byte of code)
        values = portfolio[LOAN_CLASS]
        if not isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype("category")
        codes = values.array.codes
        cols[LOAN_CLASS] = pa.DictionaryArray.from_arrays(
            pa.array(codes, mask=codes < 0), pa.array([str(c) for c in values.cat.categories], type=pa.string()))
    if "origination_date" in portfolio.columns:
        # The frame's own dates (no copy; the book's SQL takes each one's month index where a
        # vintage cube reads it): an int32 index column would add 9 MB per 2.4M rows to the session.
        cols["origination_date"] = _arrow_dates(portfolio["origination_date"])
    if "source_row" in portfolio.columns:
        cols["source_row"] = pa.array(_int_column(portfolio["source_row"]))
    # Integers for what every query joins, partitions and groups on: several times faster than
    # parsing "YYYY-MM" and hashing account ids in each query. 32 bits are enough for an upload
    # (a browser file holds tens of millions of rows, not billions) and keep the session's
    # copy of the keys at half the size.
    cols["account_key"] = pa.array(pd.factorize(portfolio["account_id"])[0].astype(np.int32))
    # The row's position, so row states can come back in the frame's own order.
    cols["row_no"] = pa.array(np.arange(len(portfolio), dtype=np.int32))
    codes, months = pd.factorize(portfolio["month"])
    index = np.array([month_index(m) for m in months], dtype=np.int32)
    # 16 bits hold every month index up to the year 2730: 4.8 MB less per 2.4M rows
    small = np.int16 if (index.max(initial=0) < 2**15 and index.min(initial=0) >= 0) else np.int32
    cols["month_idx"] = pa.array(index.astype(small)[codes] if len(codes) else np.zeros(0, dtype=small))
    return pa.table(cols), aliases


def _int_column(values: pd.Series) -> np.ndarray:
    """An integer column's own buffer (int32 from ingest: no copy), other dtypes as int64."""
    array = values.to_numpy()
    return array if array.dtype in (np.int32, np.int64) else array.astype(np.int64)


def _arrow_dates(values: pd.Series) -> pa.Array:
    if isinstance(values.dtype, pd.DatetimeTZDtype):  # the wall-clock date is the one the user gave
        values = values.dt.tz_localize(None)
    elif not pd.api.types.is_datetime64_dtype(values.dtype):
        values = pd.to_datetime(values)
    return pa.array(values.to_numpy(), from_pandas=True)


def _arrow_text(values: pd.Series) -> pa.Array:
    if not pd.api.types.is_string_dtype(values.dtype) or isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype("str")
    return pa.array(values, from_pandas=True)


def in_memory_limit(environ=None) -> str:
    """DuckDB's memory limit for a book held in memory: ``DW_MEMORY_LIMIT`` when it is a size,
    else the default.

    Examples
    --------
    >>> in_memory_limit({"DW_MEMORY_LIMIT": "4GB"}), in_memory_limit({"DW_MEMORY_LIMIT": "lots"}), in_memory_limit({})
    ('4GB', '2GB', '2GB')
    """
    value = str((os.environ if environ is None else environ).get("DW_MEMORY_LIMIT", "")).replace(" ", "")
    return value if value and memory_gb(value, default=None) is not None else DEFAULT_MEMORY_LIMIT


def book_from_portfolio(portfolio: pd.DataFrame, engine: DuckDBEngine | None = None,
                        memory_limit: str | None = None) -> Book:
    """A :class:`Book` over a canonical portfolio in memory (an upload, a file the CLI read), in DuckDB.

    Without ``engine``, DuckDB runs under ``memory_limit`` (default :func:`in_memory_limit`) and
    never spills to disk: the rows are in memory already, and an upload must not reach a file (a
    query that needs more raises :class:`analysis.core.engine.EngineMemoryError`, which says what
    to do).

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [100.0, 50.0]})
    >>> book_from_portfolio(df).cubes().aging()["balance"].tolist()
    [100.0, 0.0, 50.0, 0.0, 0.0, 0.0]
    """
    segments = segment_columns(portfolio) if len(portfolio.columns) else []
    table, aliases = portfolio_arrow(portfolio, segments)
    engine = engine or DuckDBEngine(memory_limit=memory_limit or in_memory_limit(), spill=False)
    engine.register_arrow(table)
    categories = {}
    for col in segments:
        dtype = portfolio[col].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            categories[col] = [str(c) for c in dtype.categories]
    return Book(engine=engine, kind="memory", aliases=aliases, categories=categories,
                money=tuple(c for c in MONEY_COLUMNS if c in portfolio.columns),
                origination="origination_date" if "origination_date" in portfolio.columns else None,
                has_source_row="source_row" in portfolio.columns, account_key="account_key", has_month_idx=True,
                has_row_no=True, has_loan_class=LOAN_CLASS in portfolio.columns)


def book_from_columns(engine: Engine, kind: str) -> Book:
    """A :class:`Book` over whatever ``src`` the engine has registered (a Parquet folder, a
    warehouse table): canonical column names are required, segments are the known segment
    columns it has.

    Raises
    ------
    SourceError
        When a required column is missing.
    """
    columns = engine.columns()
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise SourceError("core.missing_columns", missing=", ".join(missing), required=", ".join(REQUIRED))
    segments = [c for c in columns if c in SEGMENT_COLUMNS or c.startswith("segment_")]
    origination = ("origination_idx" if "origination_idx" in columns
                   else "origination_date" if "origination_date" in columns else None)
    return Book(engine=engine, kind=kind, aliases={c: c for c in segments},
                money=tuple(c for c in MONEY_COLUMNS if c in columns), origination=origination,
                has_source_row="source_row" in columns, has_loan_class=LOAN_CLASS in columns)


def book_from_parquet(path, memory_limit: str = "2GB", temp_directory=None, threads: int | None = None,
                      folder=None) -> Book:
    """A :class:`Book` over a Parquet file or a month-partitioned folder, in DuckDB, out of core
    under ``memory_limit`` (spilling to ``temp_directory``). ``folder`` is the dataset's folder
    when ``path`` is a pattern over its files (its conversion report is read from there)."""
    engine = DuckDBEngine(memory_limit=memory_limit, temp_directory=temp_directory, threads=threads)
    partitioned = engine.register_parquet(path)
    try:
        book = book_from_columns(engine, "parquet")
        book.month_partitioned = partitioned
        # A folder `convert` wrote has passed ingest's rules (one row per account-month, the
        # first copy kept): its report file says so, and a scan for duplicates is not needed.
        report = _converted_report(Path(folder if folder is not None else path))
        book.unique_rows = report is not None
        book.counts_only = bool(report) and counts_only(report)
        # Its integer account key pairs account-months faster than the text id, once the report
        # says no two ids share a key.
        if report and report.get("account_key_unique") and "account_key" in book.engine.columns():
            book.account_key = "account_key"
        return book
    except SourceError:
        engine.close()
        raise


def _converted_report(path: Path) -> dict | None:
    """The validation report of a folder ``convert`` wrote (None for any other source)."""
    file = path / CONVERTED_REPORT
    if not (path.is_dir() and file.is_file()):
        return None
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # unreadable: not trusted, so the book is checked as any other
        return None


def attach_states(rows: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """``rows`` (portfolio rows) with ``bucket``, ``next_bucket``, ``next_balance`` and
    ``next_dpd`` from :meth:`Cubes.states`, in the rows' own order; the input is not modified.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [1.0, 2.0]})
    >>> attach_states(df, book_from_portfolio(df).cubes().states())["bucket"].tolist()
    ['Current', '31-60']
    """
    keys = ["account_id", "month"]
    extra = [c for c in ("bucket", "next_bucket", "next_balance", "next_dpd") if c in states.columns]
    left = rows.drop(columns=[c for c in extra if c in rows.columns])
    key_frame = left[keys].astype("str")
    merged = key_frame.merge(states[keys + extra], on=keys, how="left", sort=False)
    return left.assign(**{c: merged[c].to_numpy() if not isinstance(merged[c].dtype, pd.CategoricalDtype)
                          else pd.Categorical(merged[c], categories=merged[c].cat.categories, ordered=True)
                          for c in extra})


def _built_once(method):
    """A cube method that sessions sharing one :class:`Cubes` (ui.sharing) run one at a time, so
    each cube is computed once and every session reads the same frame (DuckDB's parallel sums may
    differ in their last bits from one run to the next). The engine runs one query per book at a
    time anyway."""
    @functools.wraps(method)
    def once(self, *args, **kwargs):
        with self._building:
            return method(self, *args, **kwargs)

    return once


class Cubes:
    """The cubes of one book for one bucket scheme and one set of filters.

    Built lazily and kept: ask for a cube as often as you like. ``by`` is a segment column (or a
    list of them) as the user knows it.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-01"],
    ...                    "days_past_due": [0, 35, 5], "balance": [100.0, 90.0, 50.0]})
    >>> cubes = book_from_portfolio(df).cubes()
    >>> cubes.transitions()[["bucket", "next_bucket", "count"]].astype(str).values.tolist()
    [['Current', '31-60', '1'], ['1-30', 'exit', '1']]
    >>> cubes.months
    ['2024-01', '2024-02']
    """

    def __init__(self, book: Book, buckets: Buckets, month_range, segments: dict[str, list[str]]):
        unknown = [c for c in segments if c not in book.aliases]
        if unknown:
            raise SourceError("core.unknown_segments", unknown=", ".join(map(str, unknown)),
                              known=", ".join(map(str, book.segments)))
        self.book = book
        self.buckets = buckets
        self.month_range = tuple(month_range) if month_range else None
        self.segments = {k: [str(v) for v in vals] for k, vals in segments.items() if vals}
        self._memo: dict = {}
        self._suffix = f"_{next(_SEQUENCE)}"
        self._panel_built = False
        self._pairs_built = False
        #: Every relation defined in the engine, in order: what :meth:`release` drops.
        self._relations: dict[str, None] = {}
        # Sessions holding the same data share one Cubes (ui.sharing): its views are defined once.
        self._building = threading.RLock()
        self.duplicates_dropped = 0

    # --- the panel --------------------------------------------------------------------------
    @property
    def _carry(self) -> list[str]:
        carry = [*self.book.aliases.values(), *self.book.money]
        if self.book.has_loan_class:
            carry.append(LOAN_CLASS)
        if self.book.origination:
            carry.append("origination_idx")
        if self.book.has_source_row:
            carry.append("source_row")
        if self.book.has_row_no:
            carry.append("row_no")
        return carry

    def _panel(self) -> str:
        """Define the book, its bucketed view and the pairing view once; the bucketed view's name.

        Nothing is copied: the views are evaluated inside each cube's query, and every cube is
        kept once built. Transitions and row states read :meth:`_pairs`.
        """
        with self._building:
            return self._define_panel()

    def _define_panel(self) -> str:
        book, bucketed = f"book{self._suffix}", f"bucketed{self._suffix}"
        if self._panel_built:
            return bucketed
        base = ["account_id", "month", "days_past_due", "balance", *self.book.aliases.values(), *self.book.money] \
            + ([LOAN_CLASS] if self.book.has_loan_class else []) \
            + (["source_row"] if self.book.has_source_row else []) + (["row_no"] if self.book.has_row_no else [])
        select = sql.book_sql("src", base, origination=self.book.origination,
                              account_key=self.book.account_key, month_idx=self.book.has_month_idx)
        engine = self.book.engine
        # The segment filter narrows what is counted, not the book an account moves in: where an
        # account is a month later is read from every segment (a reassigned account manager is no
        # exit), a month the segment has no rows is still a month of the book, and which copy of a
        # duplicate counts is decided over the whole book. So the book is the month window only.
        engine.define_book(book, select, self.month_range, {})
        self._relations[book] = None
        if self.book.kind != "memory" and not self.book.unique_rows:
            # Ingest rejects duplicate account-months; a folder or a warehouse table is checked
            # here: the first copy in file order is kept and the rest are counted, not summed.
            extra = self._duplicate_count(book)
            if not extra and self.month_range is None:
                # The whole book has one row per account-month, so has every filtered view of it:
                # the sidebar's next filter need not scan it again (4 s on 24M rows, 21 s on 120M).
                self.book.unique_rows = True
            if extra:
                if not self.book.has_source_row:
                    raise SourceError("core.duplicates_without_order", extra=extra)
                every_copy = f"book_all{self._suffix}"
                engine.define_book(every_copy, select, self.month_range, {})
                self._relations[every_copy] = None
                cols = base + (["origination_idx"] if self.book.origination else [])
                engine.view(book, sql.first_of_duplicates_sql(cols, every_copy))
                self.duplicates_dropped = extra
                self.book.duplicates_seen = max(self.book.duplicates_seen, extra)
        engine.keep(self._whole(), sql.bucketed_sql(self.buckets, self._carry, book=book))
        self._relations.update(dict.fromkeys([self._whole(), bucketed]))
        if self._segment_filter():
            engine.define_book(bucketed, f"SELECT * FROM {self._whole()}", None, self._segment_filter())
        self._panel_built = True
        return bucketed

    def _segment_filter(self) -> dict[str, list[str]]:
        """The segments kept, by their columns' names in the engine."""
        return {self.book.aliases[k]: v for k, v in self.segments.items()}

    def _members(self, *months: int) -> str:
        """Every row, in any segment, of the accounts the segment filter keeps in some month: what
        their pairing reads (the other accounts' windows are never looked at); of ``months`` only
        when given (a month-partitioned folder then reads those months' files, not every one
        for each span: 2.7 s where the whole book's pairing took 1.2 s)."""
        if not self._segment_filter():
            return self._months(self._whole(), *months) if months else self._whole()
        whole, kept = self._whole(), f"bucketed{self._suffix}"
        if months:
            whole, kept = self._months(whole, *months), self._months(kept, *months)
        return f"(SELECT * FROM {whole} WHERE account_key IN (SELECT account_key FROM {kept})) AS members"

    def _whole(self) -> str:
        """The bucketed book of every segment (the bucketed view itself when none is filtered)."""
        return f"bucketed_all{self._suffix}" if self._segment_filter() else f"bucketed{self._suffix}"

    def _duplicate_count(self, book: str) -> int:
        """Extra copies of account-months in ``book``: month by month on a month-partitioned
        folder (a copy is always in its own month), else in one query."""
        engine = self.book.engine
        if not self.book.month_partitioned:
            return int(engine.query(sql.duplicate_count_sql(book)).iloc[0, 0] or 0)
        months = engine.query(f"SELECT DISTINCT month_idx FROM {book}")["month_idx"]
        return sum(int(engine.query(sql.duplicate_count_sql(self._months(book, int(m)))).iloc[0, 0] or 0)
                   for m in sorted(months))

    @staticmethod
    def _months(relation: str, *indices: int) -> str:
        """``relation``'s rows of the given month indices, as a relation.

        The filter is on the ``month`` text (labels made here from integers, never user text):
        a month-partitioned folder then reads those months' files only, where a filter on the
        computed ``month_idx`` reads every file.
        """
        listed = ", ".join(f"'{month_label(int(i))}'" for i in indices)
        return f"(SELECT * FROM {relation} WHERE month IN ({listed})) AS months_{'_'.join(map(str, map(int, indices)))}"

    def _span_panel(self, first: int, last: int | None = None) -> str:
        """The paired panel of months ``first`` to ``last`` (default: ``first`` alone).

        :func:`~analysis.core.sql.panel_sql` over those months and the one after gives their rows
        what it gives them over the whole book: an account's next row after a month is the next
        month's, or the account is not in the book then.
        """
        last = first if last is None else last
        self._panel()
        span = self._members(*range(int(first), int(last) + 2))
        pairs = sql.panel_sql(self.buckets, self._carry, self._month_indices(), bucketed=span)
        months = f"(SELECT * FROM ({pairs}) AS pairs WHERE month_idx BETWEEN {int(first)} AND {int(last)})"
        if not self._segment_filter():
            return f"{months} AS pairs_{int(first)}_{int(last)}"
        name = f"pairs{self._suffix}_{int(first)}_{int(last)}"  # the from-month's segment decides
        with self._building:
            self.book.engine.define_book(name, f"SELECT * FROM {months} AS span", None, self._segment_filter())
            self._relations[name] = None
        return name

    def _pairs(self) -> str:
        """The bucketed panel with each account's next calendar month (a view over the bucketed one)."""
        self._panel()
        pairs = f"panel{self._suffix}"
        with self._building:
            if not self._pairs_built:
                every = sql.panel_sql(self.buckets, self._carry, self._month_indices(), bucketed=self._members())
                if self._segment_filter():  # paired over every segment, kept by the from-month's
                    self.book.engine.view(f"panel_all{self._suffix}", every)
                    self._relations[f"panel_all{self._suffix}"] = None
                    self.book.engine.define_book(pairs, f"SELECT * FROM panel_all{self._suffix}", None,
                                                 self._segment_filter())
                else:
                    self.book.engine.view(pairs, every)
                self._relations[pairs] = None
                self._pairs_built = True
        return pairs

    def _month_indices(self) -> list[int]:
        """The book's month indices in the month window (every segment's: a month a filtered
        segment has no rows in is still in the book), from a cube already built when there is one
        (a month-partitioned source answers the query from its folder names otherwise)."""
        for key in (("aging", ()), ("rates", ())):
            if key in self._memo and not self._segment_filter():
                return sorted({month_index(m) for m in self._memo[key]["month"]})
        return sorted(self._month_counts())

    def _month_counts(self) -> dict[int, int]:
        """Rows of the book (every segment) per month index in the month window, asked of the
        engine once (a month-partitioned folder answers from its folder names and footers)."""
        with self._building:
            if "month_counts" not in self._memo:
                self._panel()
                counts = self.book.engine.query(
                    f"SELECT month_idx, COUNT(*) AS n FROM {self._whole()} GROUP BY month_idx")
                self._memo["month_counts"] = dict(zip(counts["month_idx"].astype(int), counts["n"].astype(int)))
            return self._memo["month_counts"]

    def release(self) -> None:
        """Forget the engine's relations (the cubes already built stay)."""
        with self._building:
            for name in reversed(list(self._relations)):
                self.book.engine.drop(name)
            self._relations.clear()
            self._panel_built = self._pairs_built = False

    # --- shaping helpers --------------------------------------------------------------------
    def _sql_by(self, by) -> list[str]:
        cols = _by_list(by)
        unknown = [c for c in cols if c not in self.book.aliases]
        if unknown:
            raise SourceError("core.unknown_segments", unknown=", ".join(map(str, unknown)),
                              known=", ".join(map(str, self.book.segments)))
        return [self.book.aliases[c] for c in cols]

    def _segment_column(self, values: pd.Series, col: str) -> pd.Categorical:
        cats = self.book.categories.get(col)
        if cats is None:
            cats = sorted(str(v) for v in pd.unique(values.dropna()))
        blank = values.isna()
        if blank.any():  # the rows with a blank segment are a segment of their own, shown last
            cats = [*[c for c in cats if c != BLANK_SEGMENT], BLANK_SEGMENT]
        return pd.Categorical(values.astype("object").where(~blank, BLANK_SEGMENT), categories=cats)

    def _shape(self, raw: pd.DataFrame, by: list[str]) -> pd.DataFrame:
        """Month text, user segment names with their categories, ``count`` as int64."""
        out = raw.rename(columns={"n_accounts": "count"})
        out.insert(0, "month", _month_labels(out.pop("month_idx")))
        for col in by:
            alias = self.book.aliases[col]
            values = out.pop(alias)
            out.insert(list(out.columns).index("month") + 1 + by.index(col), col,
                       self._segment_column(values, col))
        for col in out.columns:
            if col == "count" or col.endswith("_count"):
                out[col] = out[col].fillna(0).astype(np.int64)
            elif col not in ("month", "bucket", "next_bucket", "days_past_due", *by):
                out[col] = out[col].astype(np.float64).fillna(0.0)
        return out

    def _bucket_column(self, codes: pd.Series, with_exit: bool = False) -> pd.Categorical:
        cats = [*self.buckets.keys, EXIT] if with_exit else list(self.buckets.keys)
        return pd.Categorical.from_codes(codes.astype(np.int64).to_numpy(), categories=cats, ordered=True)

    # --- cubes ------------------------------------------------------------------------------
    @_built_once
    def aging(self, by=None) -> pd.DataFrame:
        """Accounts and money per month × segment(s) × bucket, every bucket present (zeros kept).

        Returns
        -------
        DataFrame
            ``month``, the ``by`` columns, ``bucket`` (ordered categorical), ``count``,
            ``balance`` and, when the source has them, ``overdue_amount`` and ``credit_limit``.
        """
        by = _by_list(by)
        key = ("aging", tuple(by))
        if key in self._memo:
            return self._memo[key]
        sql_by = self._sql_by(by)
        money = list(self.book.money)
        raw = self.book.engine.query(sql.aging_cube_sql(sql_by, money, panel=self._panel()))
        out = self._shape(raw, by)
        n_b = len(self.buckets)
        outer = out[["month", *by]].drop_duplicates()
        grid = outer.loc[outer.index.repeat(n_b)].reset_index(drop=True)
        grid["bucket"] = np.tile(np.arange(n_b), len(outer))
        out["bucket"] = out["bucket"].astype(np.int64)
        merged = grid.merge(out, on=["month", *by, "bucket"], how="left")
        for col in ["count", "balance", *money]:
            merged[col] = merged[col].fillna(0)
        merged["count"] = merged["count"].astype(np.int64)
        merged["bucket"] = self._bucket_column(merged["bucket"])
        for col in by:
            merged[col] = pd.Categorical(merged[col], categories=out[col].cat.categories)
        result = merged.sort_values(["month", *by, "bucket"], kind="stable").reset_index(drop=True)
        self._memo[key] = result[["month", *by, "bucket", "count", "balance", *money]]
        return self._memo[key]

    @_built_once
    def transitions(self, by=None) -> pd.DataFrame:
        """Flows from a bucket at month t to a bucket (or ``exit``) at t+1 (the roll-rate source).

        Returns
        -------
        DataFrame
            ``month`` (from), ``to_month``, the ``by`` columns, ``bucket``, ``next_bucket``
            (incl. ``"exit"``), ``count``, ``balance`` (at t), ``next_balance`` (at t+1, 0 on
            exit); observed combinations only, in key order.
        """
        by = _by_list(by)
        key = ("transitions", tuple(by))
        if key in self._memo:
            return self._memo[key]
        raw = self._transition_rows(self._sql_by(by))
        to_month = _month_labels(raw["month_idx"] + 1)
        out = self._shape(raw, by)
        out.insert(1, "to_month", to_month.to_numpy())
        out["bucket"] = self._bucket_column(out["bucket"])
        out["next_bucket"] = self._bucket_column(out["next_bucket"], with_exit=True)
        out = out.sort_values(["month", *by, "bucket", "next_bucket"], kind="stable").reset_index(drop=True)
        self._memo[key] = out[["month", "to_month", *by, "bucket", "next_bucket", "count", "balance", "next_balance"]]
        return self._memo[key]

    def _transition_rows(self, by: list[str]) -> pd.DataFrame:
        """The transition cube as the engine returns it; a few months at a time on a
        month-partitioned folder, so each pairing pass fits in memory where the whole book's
        would spill (120M rows took 449 s that way)."""
        engine = self.book.engine
        spans = self._spans() if self.book.month_partitioned else []
        if not spans:
            return engine.query(sql.transition_cube_sql(by, panel=self._pairs()))
        parts = [engine.query(sql.transition_cube_sql(by, panel=self._span_panel(a, b))) for a, b in spans]
        return pd.concat(parts, ignore_index=True)

    def _spans(self) -> list[tuple[int, int]]:
        """``(first, last)`` runs of consecutive months whose rows, with the month after, fit one
        pairing pass (:data:`PAIRING_ROWS_PER_GB` rows per GB of the memory limit)."""
        rows = self._month_counts()
        budget = PAIRING_ROWS_PER_GB * memory_gb(getattr(self.book.engine, "memory_limit", "2GB"))
        spans: list[tuple[int, int]] = []
        for month in sorted(rows):
            if month + 1 not in rows:
                continue  # the next month is not in the book: nothing to pair
            if spans and spans[-1][1] == month - 1 and sum(rows[m] for m in range(spans[-1][0], month + 2)) <= budget:
                spans[-1] = (spans[-1][0], month)
            else:
                spans.append((month, month))
        return spans

    @_built_once
    def rates(self, by=None) -> pd.DataFrame:
        """Totals and delinquent totals per month (× segment), whatever the bucket edges.

        Returns
        -------
        DataFrame
            ``month``, ``by`` columns, ``count``, ``balance``, and ``<name>_count`` /
            ``<name>_balance`` for ``overdue`` (DPD ≥ 1), ``dpd30`` (> 30), ``dpd90`` (> 90);
            plus ``overdue_amount`` when the source has it.
        """
        by = _by_list(by)
        key = ("rates", tuple(by))
        if key in self._memo:
            return self._memo[key]
        sums = [c for c in self.book.money if c == "overdue_amount"]
        raw = self.book.engine.query(sql.rate_cube_sql(self._sql_by(by), RATE_THRESHOLDS, sums, panel=self._panel()))
        out = self._shape(raw, by).sort_values(["month", *by], kind="stable").reset_index(drop=True)
        self._memo[key] = out
        return out

    @_built_once
    def dpd(self, by=None) -> pd.DataFrame:
        """Accounts and money per month × segment(s) × DPD value (for five-tier and IFRS 9 views
        at any thresholds).

        Returns
        -------
        DataFrame
            ``month, [by], days_past_due, count, balance, [overdue_amount]``, in key order.
        """
        by = _by_list(by)
        key = ("dpd", tuple(by))
        if key in self._memo:
            return self._memo[key]
        sums = [c for c in self.book.money if c == "overdue_amount"]
        raw = self.book.engine.query(sql.dpd_cube_sql(self._sql_by(by), sums, panel=self._panel()))
        out = self._shape(raw, by)
        out["days_past_due"] = out["days_past_due"].astype(np.int64)
        out = out.sort_values(["month", *by, "days_past_due"], kind="stable").reset_index(drop=True)
        self._memo[key] = out[["month", *by, "days_past_due", "count", "balance", *sums]]
        return self._memo[key]

    @_built_once
    def classes(self) -> pd.DataFrame:
        """Accounts and balance per month × the bank's own class (五级分类) × DPD value: the file's
        classification and, at any thresholds, the class its DPD gives, side by side.

        Returns
        -------
        DataFrame
            ``month, loan_class, days_past_due, count, balance``, in key order; ``loan_class`` an
            ordered categorical of :data:`analysis.core.vocabulary.FIVE_TIER_KEYS`, missing for
            rows whose cell was no class. A frame without columns when the book has no class.
        """
        if "classes" in self._memo:
            return self._memo["classes"]
        if not self.book.has_loan_class:
            out = pd.DataFrame()  # no columns at all: "this book has no classification of its own"
        else:
            raw = self.book.engine.query(sql.class_cube_sql(panel=self._panel()))
            values = raw["loan_class"].astype("object")
            out = pd.DataFrame({
                "month": _month_labels(raw["month_idx"]),
                "loan_class": pd.Categorical(values.where(values.notna(), None), categories=list(FIVE_TIER_KEYS),
                                             ordered=True),
                "days_past_due": raw["days_past_due"].astype(np.int64),
                "count": raw["n_accounts"].fillna(0).astype(np.int64),
                "balance": raw["balance"].astype(np.float64).fillna(0.0),
            }).sort_values(["month", "loan_class", "days_past_due"], kind="stable", na_position="last")
            out = out.reset_index(drop=True)
        self._memo["classes"] = out
        return out

    @_built_once
    def vintage(self) -> pd.DataFrame:
        """Per origination month × months on book: on-book, 30+ now, first seen and first 30+.

        Returns
        -------
        DataFrame
            ``origination`` (``YYYY-MM``), ``origination_idx``, ``mob``, ``count``, ``balance``,
            ``bad_count``, ``bad_balance``, ``new_count``, ``new_balance``,
            ``first_bad_count``, ``first_bad_balance``; a frame without columns when the book
            has no origination dates.
        """
        if "vintage" in self._memo:
            return self._memo["vintage"]
        if not self.book.origination:
            out = pd.DataFrame()  # no columns at all: "this book has no origination dates"
        else:
            raw = self.book.engine.query(sql.vintage_cube_sql(VINTAGE_BAD_FROM, panel=self._panel()))
            out = raw.rename(columns={"n_accounts": "count"})
            out["origination_idx"] = out["origination_idx"].astype(np.int64)
            out["mob"] = out["mob"].astype(np.int64)
            out.insert(0, "origination", _month_labels(out["origination_idx"]))
            for col in out.columns[3:]:
                out[col] = (out[col].fillna(0).astype(np.int64) if col.endswith("count")
                            else out[col].astype(np.float64).fillna(0.0))
            out = out.sort_values(["origination_idx", "mob"], kind="stable").reset_index(drop=True)
        self._memo["vintage"] = out
        return out

    @_built_once
    def early_mob(self, max_mob: int = 7) -> pd.DataFrame:
        """Per origination month × months on book (0 to ``max_mob``) × DPD: accounts, balance.

        Returns
        -------
        DataFrame
            ``origination`` (``YYYY-MM``), ``mob``, ``days_past_due``, ``count``, ``balance``;
            a frame without columns when the book has no origination dates.
        """
        key = ("early_mob", int(max_mob))
        if key in self._memo:
            return self._memo[key]
        if not self.book.origination:
            out = pd.DataFrame()  # no columns at all: "this book has no origination dates"
        else:
            raw = self.book.engine.query(sql.early_mob_cube_sql(max_mob, panel=self._panel()))
            out = pd.DataFrame({
                "origination": _month_labels(raw["origination_idx"].astype(np.int64)),
                "mob": raw["mob"].astype(np.int64), "days_past_due": raw["days_past_due"].astype(np.int64),
                "count": raw["n_accounts"].astype(np.int64), "balance": raw["balance"].astype(np.float64).fillna(0.0),
            }).sort_values(["origination", "mob", "days_past_due"], kind="stable").reset_index(drop=True)
        self._memo[key] = out
        return out

    # --- rows -------------------------------------------------------------------------------
    def states(self, month: str | None = None) -> pd.DataFrame:
        """Each account-month's bucket and its next month's state (not kept: rows are big).

        Returns
        -------
        DataFrame
            ``account_id``, ``month``, ``bucket`` (categorical of the keys), ``next_bucket``
            (keys plus ``"exit"``; missing when the next month is not in the book),
            ``next_balance`` (0 on exit, NaN unknown), ``next_dpd`` (-1 on exit or unknown).
        """
        index = None
        panel = None
        if month is not None:
            if not re.match(r"^\d{4}-\d{2}$", str(month)):
                raise SourceError("core.not_a_month", month=month)
            index = month_index(month)
            # that month and the next only: 1/12 of the work on a two-year book (a drill-down
            # cell took ~1 s with the whole book's window)
            panel = self._span_panel(index)
        raw = self.book.engine.query(sql.states_sql(index, panel=panel or self._pairs()))
        next_codes = raw["next_bucket"].astype("Int64").fillna(-1).astype(np.int64).to_numpy()
        return pd.DataFrame({
            "account_id": raw["account_id"].astype("str"),
            "month": raw["month"].astype("str"),
            "bucket": self._bucket_column(raw["bucket"]),
            "next_bucket": pd.Categorical.from_codes(next_codes, categories=[*self.buckets.keys, EXIT], ordered=True),
            "next_balance": raw["next_balance"].astype(np.float64),
            "next_dpd": raw["next_dpd"].astype(np.int64),
        })

    def states_in_row_order(self) -> pd.DataFrame:
        """:meth:`states` without the ids, in the order of the rows the book was built from (after
        the filters): for a caller that holds those very rows, attached by position.

        Raises
        ------
        SourceError
            For a book that does not carry row positions (a folder or a cluster table).
        """
        if not self.book.has_row_no:
            raise SourceError("core.row_order_unknown")
        raw = self.book.engine.query(sql.states_in_row_order_sql(panel=self._pairs()))
        next_codes = raw["next_bucket"].astype("Int64").fillna(-1).astype(np.int64).to_numpy()
        return pd.DataFrame({
            "bucket": self._bucket_column(raw["bucket"]),
            "next_bucket": pd.Categorical.from_codes(next_codes, categories=[*self.buckets.keys, EXIT], ordered=True),
            "next_balance": raw["next_balance"].astype(np.float64).to_numpy(),
            "next_dpd": raw["next_dpd"].astype(np.int64).to_numpy(),
        })

    # --- facts ------------------------------------------------------------------------------
    @property
    def has_origination(self) -> bool:
        """True when the book has origination dates (vintage and first-payment default)."""
        return bool(self.book.origination) and len(self.vintage()) > 0

    @property
    def months(self) -> list[str]:
        """Months in the filtered book, sorted (``YYYY-MM``)."""
        return self.rates()["month"].tolist()

    def book_totals(self) -> dict:
        """Rows, distinct accounts and balance of the book in the month window, every segment, a
        duplicate account-month counted once (the first copy, as every cube counts it), and the
        copies left out (``duplicates``).

        Examples
        --------
        >>> df = pd.DataFrame({"account_id": ["a", "b", "a"], "month": ["2024-01", "2024-01", "2024-02"],
        ...                    "days_past_due": [0, 40, 0], "balance": [100.0, 50.0, 45.5]})
        >>> book_from_portfolio(df).cubes().book_totals()
        {'rows': 3, 'accounts': 2, 'balance': 195.5, 'duplicates': 0}
        """
        self._panel()
        got = self.book.engine.query(
            f"SELECT COUNT(*) AS n, COUNT(DISTINCT account_id) AS accounts, SUM(balance) AS balance "
            f"FROM book{self._suffix}")
        return {"rows": int(got["n"].iloc[0]), "accounts": int(got["accounts"].iloc[0]),
                "balance": float(got["balance"].iloc[0] or 0.0), "duplicates": int(self.duplicates_dropped)}

    def totals(self) -> dict:
        """Rows (account-months) and balance of the filtered book: what every page reconciles to."""
        rates = self.rates()
        return {"rows": int(rates["count"].sum()), "balance": float(rates["balance"].sum())}
