"""Spark through Spark Connect: the cube SQL of :mod:`analysis.core.sql` run on a cluster.

The app process holds no JVM: ``pyspark-client`` speaks gRPC to a Spark Connect endpoint
(``sc://host:15002``) and only the cubes, a few thousand rows, come back as pandas. The source
is a table the cluster already holds (``risk.card_book``) or a Parquet folder the cluster can
read; either becomes the session's temporary view ``src``, and every relation built on it is a
temporary view of this one session (two books never see each other's views). The views are
evaluated inside each cube's query, as on DuckDB; :meth:`SparkEngine.materialise` caches a
relation on the cluster when the core asks for one.

Spark takes seconds where DuckDB takes milliseconds: :func:`book_from_spark` and the engine report
what they are doing through an optional ``progress`` callable (``"connecting to sc://…"``,
``"running a query on Spark"``, ``"Spark: 12 of 40 tasks done"``) for the CLI or the app to show.
"""
from __future__ import annotations

import re
import threading
import time
import warnings
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from analysis.core.cubes import Book, SourceError, book_from_columns
from analysis.core.engine import engine_errors
from analysis.core.schema import BLANK_SEGMENT

#: A table the cluster holds: ``table``, ``db.table`` or ``catalog.db.table``, plain identifiers.
_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$")
#: Relation names the engine creates (``book_3``, ``panel_3``): plain identifiers only.
_RELATION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

#: How long a first contact may try before the server counts as unreachable: a handful of quick
#: retries (about 3 s), not the client's default of ten minutes of back-off.
CONNECT_RETRIES = {"max_retries": 4, "initial_backoff": 200, "backoff_multiplier": 2.0,
                   "max_backoff": 2000}
#: Once connected, a short outage (a driver restarting) is waited out for up to ~40 s.
RUN_RETRIES = {"max_retries": 8, "initial_backoff": 200, "backoff_multiplier": 2.0,
               "max_backoff": 15000}
#: Closing never waits for a server that has gone away.
CLOSE_RETRIES = {"max_retries": 0}

# pyspark-client warns on import and on every toPandas() that pandas 3 is "not yet fully
# supported"; the cubes it returns are plain numbers and text, checked against the reference in
# tests/core/test_spark_engine.py, so the warning is noise for the CLI and the app.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                        category=FutureWarning)
# A server that does not answer becomes a SourceError that says so; the client's own warning
# about giving up on retries would only print a second, vaguer line before it.
warnings.filterwarnings("ignore", message=r"\[RETRIES_EXCEEDED\]")

Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    pass


def _retry(session, policy: dict) -> None:
    # pyspark (below too) is optional and takes seconds to import: this module imports without
    # it, so its checks (is_table_name, is_path, the URL) run before any client is loaded.
    from pyspark.sql.connect.client.retries import DefaultPolicy

    session.client.set_retry_policies([DefaultPolicy(**policy)])


def _reason(error: BaseException) -> str:
    """The first line of a Spark or gRPC error: what went wrong, without the JVM stack."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    first = lines[0] if lines else type(error).__name__
    if first.startswith("<"):
        # A gRPC failure (no server, refused, timed out) prints as a multi-line dump; the gRPC
        # error it wraps has the status and the one line that says what happened.
        seen, link = set(), error
        while link is not None and id(link) not in seen:
            seen.add(id(link))
            details, code = getattr(link, "details", None), getattr(link, "code", None)
            if callable(details) and callable(code):
                try:
                    first = f"{code().name}: {details()}"
                except (AttributeError, TypeError, ValueError):  # a call without a status yet
                    pass
                break
            link = link.__cause__ or link.__context__
    return first[:300]


def _relation(name: str) -> str:
    if not _RELATION.match(str(name)):
        raise ValueError(f"not a plain relation name: {name!r}")
    return str(name)


def is_table_name(source: str) -> bool:
    """Whether ``source`` is a plain table name: ``table``, ``db.table`` or ``catalog.db.table``.

    Examples
    --------
    >>> is_table_name("risk.card_book"), is_table_name("risk.card_book; DROP TABLE x")
    (True, False)
    """
    return bool(_TABLE.match(str(source)))


def _not_a_table_name(source: str) -> SourceError:
    return SourceError("core.spark.not_a_table_name", name=source)


def is_path(source: str) -> bool:
    """Whether ``source`` is a Parquet path (it has a ``/`` or ends in ``.parquet``), not a table.

    Examples
    --------
    >>> is_path("/lake/card_book"), is_path("s3a://lake/card_book"), is_path("risk.card_book")
    (True, True, False)
    """
    text = str(source)
    return "/" in text or "\\" in text or text.lower().endswith(".parquet")


class _TaskProgress:
    """Forwards Spark's task counts to a ``progress`` callable, at most every half second.

    The first count of each query and its last one (``done``) always go through: a query that
    finishes inside half a second still says how many tasks it ran, whatever came just before.
    """

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self._last = 0.0
        self._operation = None
        self._said = ""

    def __call__(self, stages, inflight_tasks, operation_id, done) -> None:
        stages = list(stages or ())
        total = sum(s.num_tasks for s in stages)
        if not total:
            return
        now = time.monotonic()
        first = operation_id != self._operation
        if not (first or done or now - self._last >= 0.5):
            return
        self._operation, self._last = operation_id, now
        finished = sum(s.num_completed_tasks for s in stages)
        message = f"Spark: {finished} of {total} tasks done"
        if message != self._said:
            self._said = message
            self.progress(message)


@dataclass
class SparkEngine:
    """A Spark Connect session: the cube SQL runs on the cluster, the cubes come back as pandas.

    Parameters
    ----------
    url : str
        The Spark Connect endpoint, ``sc://host:port`` (optionally ``/;token=…`` and the other
        parameters of a Spark Connect URL).
    progress : callable, optional
        Called with short messages while Spark works (stages, task counts).

    Attributes
    ----------
    version : str
        The server's Spark release (a client talks to servers of its own major.minor).

    Raises
    ------
    SourceError
        When the URL is not a Spark Connect URL or the server does not answer.
    """

    url: str
    progress: Progress | None = None
    name: str = "spark"
    session: object = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        if not str(self.url).startswith("sc://"):
            raise SourceError("core.spark.not_a_url", url=self.url)
        from pyspark.sql.connect.session import SparkSession  # optional, slow: see _retry

        self._lock = threading.RLock()
        # create(), not getOrCreate(): a session of its own, so this book's temporary views are
        # invisible to every other book (and another user's) on the same server.
        try:
            self.session = SparkSession.builder.remote(self.url).create()
        except (*engine_errors(), ValueError) as error:  # a malformed URL, refused before any traffic
            raise SourceError("core.spark.bad_url", url=self.url, detail=_reason(error)) from error
        _retry(self.session, CONNECT_RETRIES)
        try:
            self.version = self.session.version
        except engine_errors() as error:
            self._stop_quietly()
            raise SourceError("core.spark.no_answer", url=self.url, detail=_reason(error)) from error
        _retry(self.session, RUN_RETRIES)
        self.session.registerProgressHandler(_TaskProgress(self._say))

    def _say(self, message: str) -> None:
        (self.progress or _quiet)(message)

    # --- sources ---------------------------------------------------------------------------
    def register_table(self, table: str) -> None:
        """Use a table the cluster holds (``table``, ``db.table`` or ``catalog.db.table``) as ``src``.

        Raises
        ------
        SourceError
            When the name is not plain or the cluster has no such table.
        """
        if not is_table_name(table):
            raise _not_a_table_name(table)
        with self._lock:
            try:
                self.session.table(table).createOrReplaceTempView("src")
            except engine_errors() as error:
                raise SourceError("core.spark.no_table", table=table, detail=_reason(error)) from error

    def register_parquet(self, path: str) -> None:
        """Use a Parquet file or a month-partitioned folder the cluster can read as ``src``.

        The path is read by the cluster, not by this process (``hdfs://…``, ``s3a://…``, or a
        folder the Spark driver and executors share).

        Raises
        ------
        SourceError
            When the cluster cannot read the path.
        """
        with self._lock:
            try:
                # mergeSchema: month partitions written at different times may differ in their
                # optional columns (DuckDB's union_by_name does the same).
                frame = self.session.read.option("mergeSchema", "true").parquet(str(path))
                frame.createOrReplaceTempView("src")
            except engine_errors() as error:
                raise SourceError("core.spark.no_parquet", path=path, detail=_reason(error)) from error

    def columns(self) -> list[str]:
        with self._lock:
            return list(self.session.table("src").columns)

    # --- relations -------------------------------------------------------------------------
    def define_book(self, name: str, select_sql: str, month_range, segments) -> None:
        # The Connect functions explicitly: with the full pyspark installed (the test server's),
        # pyspark.sql.functions would reach for a local JVM.
        from pyspark.sql.connect import functions as F

        condition = None
        if month_range is not None:
            # Months are YYYY-MM text: comparing them as text is comparing them as months.
            condition = F.col("month").cast("string").between(F.lit(str(month_range[0])),
                                                              F.lit(str(month_range[1])))
        for col, values in segments.items():
            if not values:
                continue
            test = F.col(col).cast("string").isin([str(v) for v in values])
            if BLANK_SEGMENT in values:  # the blank segment is the rows without a value
                test = test | F.col(col).isNull()
            condition = test if condition is None else condition & test
        with self._lock:
            frame = self.session.sql(select_sql)
            if condition is not None:
                frame = frame.filter(condition)
            frame.createOrReplaceTempView(_relation(name))

    def view(self, name: str, sql: str) -> None:
        with self._lock:
            self.session.sql(f"CREATE OR REPLACE TEMP VIEW {_relation(name)} AS {sql}")

    def materialise(self, name: str, sql: str) -> None:
        name = _relation(name)
        self._say(f"caching {name}")
        with self._lock:
            self.session.sql(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")
            # LAZY: the first cube computes the panel and keeps it in the executors' memory
            # (spilling to their disks), without a separate job just to fill the cache.
            self.session.sql(f"CACHE LAZY TABLE {name}")

    def keep(self, name: str, sql: str) -> None:
        """A relation every cube reads: cached on the cluster, so the table is scanned once."""
        self.materialise(name, sql)

    def drop(self, name: str) -> None:
        name = _relation(name)
        with self._lock:
            self.session.sql(f"UNCACHE TABLE IF EXISTS {name}")
            self.session.sql(f"DROP VIEW IF EXISTS {name}")

    def query(self, sql: str) -> pd.DataFrame:
        self._say("running a query on Spark")
        with self._lock:
            return self.session.sql(sql).toPandas()

    def _stop_quietly(self) -> None:
        try:
            _retry(self.session, CLOSE_RETRIES)
            self.session.stop()
        except engine_errors():  # stop() is best effort: a server that went away has nothing to free
            pass

    def close(self) -> None:
        """End this session on the server (its views and cached panels go with it)."""
        with self._lock:
            if self.session is not None:
                self._stop_quietly()
                self.session = None


def book_from_spark(url: str, source: str, progress: Progress | None = None) -> Book:
    """A :class:`~analysis.core.cubes.Book` over a Spark cluster, through Spark Connect.

    Parameters
    ----------
    url : str
        The Spark Connect endpoint, ``sc://host:15002``.
    source : str
        A table the cluster holds (``db.table``), or a Parquet file or month-partitioned folder
        the cluster can read (any path with a ``/``, or a name ending in ``.parquet``). Its columns have the canonical names, as
        ``python -m analysis convert`` writes them.
    progress : callable, optional
        Called with short stage messages (``"connecting to sc://…"``, ``"registering …"``,
        ``"reading the columns"``, later ``"running a query on Spark"`` and Spark's task counts
        while each cube runs), for the CLI or the app to show: Spark takes seconds.

    Returns
    -------
    Book
        ``kind == "spark"``; close it to end the Spark session.

    Raises
    ------
    SourceError
        When the server does not answer, the table or path is missing, or a required column is.

    Examples
    --------
    >>> book_from_spark("http://host:15002", "risk.book")
    Traceback (most recent call last):
    ...
    analysis.core.cubes.SourceError: not a Spark Connect URL: http://host:15002 (it looks like sc://host:15002)
    """
    if not is_path(source) and not is_table_name(source):
        # Refused before connecting: a cluster takes seconds to say what a pattern says now.
        raise _not_a_table_name(source)
    say = progress or _quiet
    say(f"connecting to {url}")
    engine = SparkEngine(url, progress=progress)
    try:
        say(f"registering {source}")
        if is_path(source):
            engine.register_parquet(source)
        else:
            engine.register_table(source)
        say("reading the columns")
        return book_from_columns(engine, "spark")
    except BaseException:
        engine.close()
        raise
