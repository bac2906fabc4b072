"""Engines that run the cube SQL: DuckDB in this process, or Spark through Spark Connect.

An engine knows how to name a source (a table in memory, a Parquet folder, a cluster table) as
the relation ``src``, how to narrow it to ``book`` with the sidebar filters (through its own
expression API, so filter values are bound, never spliced into SQL), how to materialise a
relation once, and how to run a query into a small pandas frame. Everything else is the SQL text
of :mod:`analysis.core.sql`, the same for every engine.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb
import pandas as pd
import pyarrow as pa

from analysis.core.i18n import MessageError
from analysis.core.schema import BLANK_SEGMENT

#: DuckDB takes 80 % of the machine's memory unless told: every connection gets a limit.
DEFAULT_MEMORY_LIMIT = "2GB"

#: DuckDB's allocator hands memory back after a task that peaked above this (see DuckDBEngine).
ALLOCATOR_FLUSH_THRESHOLD = "1MB"


class EngineMemoryError(MessageError):
    """A query needed more than the engine's ``memory_limit`` (``message(lang)`` says what to do)."""


class Engine(Protocol):
    """What :class:`analysis.core.cubes.Cubes` needs from an engine."""

    name: str

    def columns(self) -> list[str]:
        """Columns of the registered source ``src``."""

    def define_book(self, name: str, select_sql: str, month_range: tuple[str, str] | None,
                    segments: dict[str, list[str]]) -> None:
        """Define the view ``name`` as ``select_sql`` narrowed by the filters."""

    def view(self, name: str, sql: str) -> None:
        """A view (re-evaluated where it is used)."""

    def materialise(self, name: str, sql: str) -> None:
        """A relation computed once and kept (a temporary table, or a cached Spark view)."""

    def keep(self, name: str, sql: str) -> None:
        """The bucketed book every cube reads: whatever makes repeated reads cheap here (a view
        in DuckDB, which scans Arrow or Parquet fast and out of core; a cached view on Spark)."""

    def drop(self, name: str) -> None:
        """Forget a materialised relation (and its memory)."""

    def month_rows(self, month: str, limit: int | None = None) -> pd.DataFrame:
        """Every column of ``src`` for one month (``YYYY-MM``), at most ``limit`` rows."""

    def query(self, sql: str) -> pd.DataFrame:
        """Run a query whose answer is small (a cube) and return it as pandas."""

    def close(self) -> None:
        """Release the engine's memory and temporary files."""


def engine_errors() -> tuple[type[Exception], ...]:
    """What the engines raise for data they cannot read or a cluster that fails mid-query.

    DuckDB's and Arrow's errors always; Spark Connect's once its client is loaded (it is optional
    and takes seconds to import, and nothing can raise its errors before it is loaded).

    Examples
    --------
    >>> import duckdb
    >>> issubclass(duckdb.IOException, engine_errors())
    True
    """
    spark = sys.modules.get("pyspark.errors")
    errors = (duckdb.Error, pa.ArrowException)
    return errors + (spark.PySparkException,) if spark is not None else errors


def _sql_string(text: str) -> str:
    # Only for paths the deployer configured or the CLI was given (never cell values):
    # standard SQL quoting, the quote doubled.
    return "'" + str(text).replace("'", "''") + "'"


def default_threads() -> int:
    """The cores this process may use (a container's CPU set, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class DuckDBEngine:
    """DuckDB embedded in this process: the default, and the only engine on one machine.

    Parameters
    ----------
    memory_limit : str
        DuckDB's ``memory_limit`` (always set: its default is 80 % of the machine).
    temp_directory : str or Path, optional
        Where DuckDB spills when a query needs more than the limit (a private temporary folder
        when not given, removed on :meth:`close`).
    threads : int, optional
        Worker threads; the cores this process may use by default.
    spill : bool
        ``False``: never write to disk, no temporary folder at all; a query that needs more than
        the limit raises :class:`EngineMemoryError`. For a book whose rows are in memory already
        (an upload, which must never reach the disk): spilling its bucketed panel would write the
        upload's rows to a file.
    """

    memory_limit: str = DEFAULT_MEMORY_LIMIT
    temp_directory: str | Path | None = None
    threads: int | None = None
    name: str = "duckdb"
    spill: bool = True

    def __post_init__(self) -> None:
        self._tmp = None
        if not self.spill:
            self.temp_directory = ""  # DuckDB's way of saying: nowhere to offload to
        elif self.temp_directory is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="dw-duckdb-")
            self.temp_directory = self._tmp.name
        self.con = duckdb.connect(":memory:", config={
            "memory_limit": self.memory_limit,
            "temp_directory": str(self.temp_directory),
            "threads": int(self.threads or default_threads()),
            # Results come back in SQL order only where the query says ORDER BY; keeping
            # insertion order costs memory on big scans.
            "preserve_insertion_order": False,
            # DuckDB's allocator keeps what a query freed for the next one, per thread, and only
            # hands it back after a task that peaked above this (128 MB by default): a session's
            # cubes on the 2.4M-row book left ~110 MB of such memory in the server for as long as
            # the session lived. Flushing after any task above 1 MB and letting the allocator's
            # background threads return freed pages keeps the session at what it really holds
            # (same CPU: 6.8-7.0 s for a page's cubes either way; python -m bench session).
            "allocator_flush_threshold": ALLOCATOR_FLUSH_THRESHOLD,
            "allocator_background_threads": True,
        })
        # DuckDB draws a progress bar on stdout for long queries: the app shows its own.
        self.con.execute("SET enable_progress_bar = false")
        # A Parquet folder's footers are read once, not at every query: each query on a
        # 1,200-file book re-read them all (~1.8 s before the first row; a month's count took
        # 1.9 s instead of 0.08 s). A file written again is read again (its time is checked).
        # (A setting of the Parquet reader: it exists once the connection is open, not before.)
        self.con.execute("SET parquet_metadata_cache = true")
        self._source = None  # keeps a registered Arrow table alive
        # One connection per book; a Streamlit session may call it from a new script thread
        # while the previous run winds down, and a connection is not for concurrent use.
        self._lock = threading.RLock()
        self._closed = False

    # --- sources ---------------------------------------------------------------------------
    def register_arrow(self, table: pa.Table) -> None:
        """Use an Arrow table (the uploaded portfolio) as ``src``, without copying it."""
        self._source = table
        self.con.register("src", table)

    def arrow_source(self) -> pa.Table | None:
        """The Arrow table registered as ``src`` (an upload), or ``None`` for a file or table source."""
        return self._source

    def register_parquet(self, path: str | Path) -> bool:
        """Use a Parquet file or a (month-partitioned) folder of them as ``src``.

        Returns whether the source is partitioned by month (``month=YYYY-MM`` folders, or a glob
        over them): a query on one month then reads that month's files only.
        """
        path = Path(path)
        if path.is_dir():
            # A month-partitioned folder reads only its month=… folders, so a file beside them
            # (convert's reports) never breaks the hive layout.
            partitioned = any(p.is_dir() and p.name.startswith("month=") for p in path.iterdir())
            pattern = str(path / ("month=*" if partitioned else "**") / "*.parquet")
        else:
            partitioned = any(part.startswith("month=") for part in path.parts)
            pattern = str(path)
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM read_parquet({_sql_string(pattern)}, "
            "hive_partitioning = true, union_by_name = true)"
        )
        return partitioned

    def register_table(self, database: str | Path, table: str) -> None:
        """Use a table of a DuckDB database file (opened read-only) as ``src``."""
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_.]*$", table):
            raise ValueError(f"not a plain table name: {table!r}")
        self.con.execute(f"ATTACH {_sql_string(str(database))} AS lake (READ_ONLY)")
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM lake.{table}")

    def columns(self) -> list[str]:
        with self._lock:
            return [row[0] for row in self.con.execute("DESCRIBE src").fetchall()]

    # --- relations -------------------------------------------------------------------------
    def define_book(self, name: str, select_sql: str, month_range, segments) -> None:
        # Binding a relation is a call on the connection too: sessions sharing a book (the
        # sample, ui.sharing) define their cubes at the same moment, and DuckDB refuses a second
        # call on a busy connection ("connection is busy with another call") instead of waiting.
        with self._lock:
            self._define_book(name, select_sql, month_range, segments)

    def _define_book(self, name: str, select_sql: str, month_range, segments) -> None:
        rel = self.con.sql(select_sql)
        condition = None
        if month_range is not None:
            col = duckdb.ColumnExpression("month")
            condition = col.between(duckdb.ConstantExpression(str(month_range[0])),
                                    duckdb.ConstantExpression(str(month_range[1])))
        for col, values in segments.items():
            if not values:
                continue
            cast = duckdb.ColumnExpression(col).cast(duckdb.sqltype("VARCHAR"))
            test = cast.isin(*(duckdb.ConstantExpression(str(v)) for v in values))
            if BLANK_SEGMENT in values:  # the blank segment is the rows without a value
                test = test | duckdb.ColumnExpression(col).isnull()
            condition = test if condition is None else condition & test
        if condition is not None:
            rel = rel.filter(condition)
        rel.create_view(name, replace=True)

    def view(self, name: str, sql: str) -> None:
        with self._lock:
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def materialise(self, name: str, sql: str) -> None:
        with self._lock, self._within_memory():
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def keep(self, name: str, sql: str) -> None:
        # A view: DuckDB re-reads Arrow or a pruned Parquet folder faster than it would copy it,
        # and a copy of the book would double the session's memory.
        self.view(name, sql)

    def drop(self, name: str) -> None:
        with self._lock:
            if self._closed:  # the whole connection is gone already, and its tables with it
                return
            kinds = self.con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ?",
                                     [name]).fetchall()
            for (kind,) in kinds:
                self.con.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} IF EXISTS {name}")

    def month_rows(self, month: str, limit: int | None = None) -> pd.DataFrame:
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        with self._lock:
            return self.con.execute(f"SELECT * FROM src WHERE month = ?{tail}", [str(month)]).fetch_df()

    def query(self, sql: str) -> pd.DataFrame:
        with self._lock, self._within_memory():
            return self.con.execute(sql).fetch_df()

    @contextmanager
    def _within_memory(self):
        """A query that fails leaves the connection usable, and DuckDB's out-of-memory error is
        :class:`EngineMemoryError`: what to do, in the user's language (an engine that spills ran
        out even so: the limit is too small for the book; one that may not spill holds an upload)."""
        try:
            yield
        except duckdb.Error as exc:
            # a result that failed while it was fetched stays pending on the connection, and the
            # next query, the page's next figure, would be refused for it
            try:
                self.con.abort()
            except duckdb.Error:
                pass  # nothing was pending
            if isinstance(exc, duckdb.OutOfMemoryException):
                key = "core.out_of_memory_spilling" if self.spill else "core.out_of_memory"
                raise EngineMemoryError(key, limit=self.memory_limit) from None
            raise

    def close(self) -> None:
        try:
            with self._lock:
                self._closed = True
                self.con.close()
        finally:
            self._source = None
            if self._tmp is not None:
                self._tmp.cleanup()
                self._tmp = None
