"""The datasets a deployment offers: what the person deploying the app configured, listed and opened.

Big books come in as a dataset, not a browser upload. The deployer names where they live
(environment variables or Streamlit secrets, same names):

- ``DW_DATASETS_DIR``: a folder whose sub-folders (or ``.parquet`` files) are books, as
  ``python -m analysis convert`` writes them (partitioned by ``month=YYYY-MM``);
- ``DW_DUCKDB_FILE``: a DuckDB database file whose tables are books;
- ``DW_SPARK_URL`` + ``DW_SPARK_TABLES``: a Spark Connect URL and the tables offered;
- ``DW_MEMORY_LIMIT`` (default ``2GB``) and ``DW_TEMP_DIR``: DuckDB's memory limit and spill folder.

:func:`list_datasets` lists them cheaply (a Parquet book's months are its partition folders
that hold rows, by their files' footers; its size is the bytes of its files; no row is read);
:func:`open_book` opens one as a
:class:`~analysis.core.Book`. A dataset is always looked up again by name under the configured
roots before it is opened, so a name coming back from the browser can never point elsewhere.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from analysis.core.cubes import REQUIRED, SourceError, book_from_columns, book_from_parquet, memory_gb
from analysis.core.engine import DuckDBEngine, engine_errors
from analysis.core.i18n import MessageError
from analysis.core.schema import MONTH_LABEL

#: The configuration keys (environment variables and top-level Streamlit secrets).
KEYS = ("DW_DATASETS_DIR", "DW_DUCKDB_FILE", "DW_SPARK_URL", "DW_SPARK_TABLES", "DW_MEMORY_LIMIT", "DW_TEMP_DIR")
DEFAULT_MEMORY_LIMIT = "2GB"
KINDS = ("parquet", "duckdb", "spark")

_MONTH_DIR = re.compile(r"^month=(.+)$")
_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$")
#: Columns the cubes compare and sum: a number type, or the first cube fails in SQL.
NUMERIC = ("days_past_due", "balance")
_NUMERIC = re.compile(r"^(u?(tiny|small|big|huge)?int(?!erval)|float|halffloat|double|decimal|numeric|real)", re.IGNORECASE)


class CatalogError(MessageError):
    """A configured dataset that cannot be listed or opened; the text is in ``analysis/locales/catalog.py``."""


@dataclass(frozen=True)
class CatalogConfig:
    """Where the deployment's datasets live (everything optional; nothing set = no datasets).

    Attributes
    ----------
    datasets_dir : Path or None
        Folder of Parquet books.
    duckdb_file : Path or None
        DuckDB database file whose tables are books.
    spark_url : str or None
        Spark Connect URL (``sc://host:15002``).
    spark_tables : tuple of str
        Tables offered on the Spark cluster.
    memory_limit : str
        DuckDB ``memory_limit`` for a book opened from disk.
    temp_directory : Path or None
        Where DuckDB spills (a private temporary folder when not set).
    """

    datasets_dir: Path | None = None
    duckdb_file: Path | None = None
    spark_url: str | None = None
    spark_tables: tuple[str, ...] = ()
    memory_limit: str = DEFAULT_MEMORY_LIMIT
    temp_directory: Path | None = None

    @property
    def configured(self) -> bool:
        """True when at least one source of datasets is configured."""
        return bool(self.datasets_dir or self.duckdb_file or (self.spark_url and self.spark_tables))


@dataclass(frozen=True)
class Dataset:
    """One book the deployment offers.

    Attributes
    ----------
    kind : str
        ``"parquet"``, ``"duckdb"`` or ``"spark"``.
    name : str
        The folder, file or table name (what the user picks and the sidebar shows).
    months : tuple of str
        ``YYYY-MM`` months when known without opening the book (Parquet partition folders).
    size_bytes : int or None
        Bytes on disk (Parquet files; DuckDB's estimate is rows, not bytes: ``None``).
    rows : int or None
        Rows when the source knows them cheaply (DuckDB's table statistics).
    """

    kind: str
    name: str
    months: tuple[str, ...] = ()
    size_bytes: int | None = None
    rows: int | None = None

    @property
    def key(self) -> str:
        """``kind:name``, unique across the configured sources."""
        return f"{self.kind}:{self.name}"


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def config_from(*sources: Mapping) -> CatalogConfig:
    """The configuration from mappings such as ``os.environ`` and ``st.secrets``, first one wins.

    ``DW_SPARK_TABLES`` is a comma-separated string or a list (TOML secrets). The memory limit
    is checked when a book is opened (:func:`open_book`), so a typo there does not hide the list.

    Examples
    --------
    >>> config_from({"DW_SPARK_URL": "sc://h:15002", "DW_SPARK_TABLES": "risk.book, risk.cards"}).spark_tables
    ('risk.book', 'risk.cards')
    >>> config_from({}).configured
    False
    """
    values: dict[str, object] = {}
    for source in sources:
        for key in KEYS:
            if key not in values and source is not None and _text(source.get(key)) is not None:
                values[key] = source.get(key)
    tables = values.get("DW_SPARK_TABLES") or ()
    if isinstance(tables, str):
        tables = tables.split(",")
    memory = _text(values.get("DW_MEMORY_LIMIT")) or DEFAULT_MEMORY_LIMIT
    path = lambda key: Path(_text(values[key])).expanduser() if _text(values.get(key)) else None  # noqa: E731
    return CatalogConfig(
        datasets_dir=path("DW_DATASETS_DIR"), duckdb_file=path("DW_DUCKDB_FILE"),
        spark_url=_text(values.get("DW_SPARK_URL")),
        spark_tables=tuple(t for t in (_text(x) for x in tables) if t),
        memory_limit=memory.replace(" ", ""), temp_directory=path("DW_TEMP_DIR"),
    )


# --- Parquet folders ----------------------------------------------------------------------

def _visible(name: str) -> bool:
    # convert's side files and writers' temporary files start with "_" or "."
    return not name.startswith((".", "_"))


def partition_months(folder: str | Path) -> tuple[str, ...]:
    """The ``month=…`` partition folder names directly under ``folder``, sorted (no file is read).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for m in ("2024-02", "2024-01"): (root / f"month={m}").mkdir()
    >>> partition_months(root)
    ('2024-01', '2024-02')
    """
    months = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                match = _MONTH_DIR.match(entry.name)
                if match and entry.is_dir(follow_symlinks=False):
                    months.append(unquote(match.group(1)))
    except OSError:
        return ()
    return tuple(sorted(months))


def months_with_rows(folder: str | Path) -> tuple[str, ...]:
    """:func:`partition_months` that hold rows: a Parquet file whose footer counts some (an empty
    month folder, or a file of no rows, is no month of the book: the list said 25 months of a
    book that opened with 23). Only footers are read.

    Examples
    --------
    >>> import tempfile, pyarrow as pa, pyarrow.parquet as pq
    >>> root = Path(tempfile.mkdtemp())
    >>> for m, n in (("2024-01", 2), ("2024-02", 0)):
    ...     (root / f"month={m}").mkdir()
    ...     pq.write_table(pa.table({"x": list(range(n))}, schema=pa.schema([("x", pa.int64())])), root / f"month={m}" / "a.parquet")
    >>> (root / "month=2024-03").mkdir()
    >>> months_with_rows(root)
    ('2024-01',)
    """
    folder = Path(folder)
    out = []
    named = {unquote(m.group(1)): p for p in (folder.iterdir() if folder.is_dir() else ())
             if (m := _MONTH_DIR.match(p.name)) and p.is_dir()}
    for month in partition_months(folder):
        for file in _parquet_files(named[month]):
            try:
                if pq.ParquetFile(file).metadata.num_rows > 0:
                    out.append(month)
                    break
            except (pa.ArrowException, OSError):  # a damaged file: opening the book says so
                out.append(month)
                break
    return tuple(out)


def _parquet_files(folder: Path):
    # os.walk does not follow symlinked folders: a dataset is what is inside its folder.
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _visible(d))
        for name in sorted(files):
            if name.endswith(".parquet") and _visible(name):
                yield Path(base) / name


def dataset_size(folder: str | Path) -> int:
    """Bytes of the Parquet files of a dataset (a folder or one file)."""
    folder = Path(folder)
    if folder.is_file():
        return folder.stat().st_size
    total = 0
    for path in _parquet_files(folder):
        try:
            total += path.stat().st_size
        except OSError:  # removed while we looked
            pass
    return total


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _check_root(root: Path) -> None:
    if not root.is_dir():
        raise CatalogError("catalog.no_folder", path=str(root))


def parquet_datasets(root: str | Path) -> list[Dataset]:
    """The Parquet books in ``root``: each sub-folder holding ``.parquet`` files, and each
    ``.parquet`` file directly in it, by name.

    Folders and files whose names start with ``.`` or ``_`` are skipped, and so is anything
    whose real location is outside ``root`` (a symbolic link leading elsewhere).

    Raises
    ------
    CatalogError
        When ``root`` is not a folder.
    """
    root = Path(root)
    _check_root(root)
    out = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if not _visible(entry.name) or not _inside(root, entry):
            continue
        if entry.is_dir():
            if next(_parquet_files(entry), None) is None:
                continue
            out.append(Dataset("parquet", entry.name, months_with_rows(entry), dataset_size(entry)))
        elif entry.is_file() and entry.suffix == ".parquet":
            out.append(Dataset("parquet", entry.name, (), entry.stat().st_size))
    return out


def parquet_path(root: str | Path, name: str) -> Path:
    """The path of the Parquet book ``name`` in ``root``, checked to be one of its books.

    Raises
    ------
    CatalogError
        When ``name`` is not a book directly in ``root`` (a path, ``..``, a hidden name, a
        symbolic link leading out of ``root``, a name that is not there).
    """
    root = Path(root)
    _check_root(root)
    plain = name and name == Path(name).name and _visible(name) and name not in {".", ".."}
    path = root / name if plain else None
    if path is None or not path.exists() or not _inside(root, path):
        raise CatalogError("catalog.not_found", name=str(name))
    return path


# --- DuckDB files and Spark tables ---------------------------------------------------------

def duckdb_datasets(database: str | Path) -> list[Dataset]:
    """The tables (and views) of a DuckDB database file, opened read-only, with DuckDB's row estimate.

    Raises
    ------
    CatalogError
        When the file is missing or is not a DuckDB database (or another process holds it open
        for writing).
    """
    database = Path(database)
    if not database.is_file():
        raise CatalogError("catalog.no_file", path=str(database))
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as exc:
        raise CatalogError("catalog.bad_database", path=str(database), detail=type(exc).__name__) from exc
    try:
        rows = con.execute(
            "SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE NOT temporary "
            "UNION ALL SELECT schema_name, view_name, NULL FROM duckdb_views() WHERE NOT internal AND NOT temporary "
            "ORDER BY 1, 2"
        ).fetchall()
    finally:
        con.close()
    out = []
    for schema, table, size in rows:
        name = table if schema == "main" else f"{schema}.{table}"
        if _TABLE.match(name):  # names the engine can address without quoting
            out.append(Dataset("duckdb", name, (), None, None if size is None else int(size)))
    return out


def spark_datasets(tables) -> list[Dataset]:
    """The Spark tables the deployer offers (listed from the configuration, nothing is contacted)."""
    return [Dataset("spark", t) for t in tables if _TABLE.match(t)]


def list_datasets(config: CatalogConfig) -> tuple[list[Dataset], list[CatalogError]]:
    """Every dataset of every configured source, and the problems of the sources that failed.

    A broken source does not hide the others: its error comes back beside the datasets that
    could be listed.
    """
    found: list[Dataset] = []
    problems: list[CatalogError] = []
    steps = []
    if config.datasets_dir:
        steps.append(lambda: parquet_datasets(config.datasets_dir))
    if config.duckdb_file:
        steps.append(lambda: duckdb_datasets(config.duckdb_file))
    if config.spark_url and config.spark_tables:
        steps.append(lambda: spark_datasets(config.spark_tables))
    for step in steps:
        try:
            found.extend(step())
        except CatalogError as exc:
            problems.append(exc)
        except OSError as exc:  # a folder we may not read, a network mount gone
            problems.append(CatalogError("catalog.unreadable", detail=type(exc).__name__))
    if steps:
        problems.extend(settings_problems(config))
    return found, problems


def settings_problems(config: CatalogConfig) -> list[CatalogError]:
    """What is wrong with the memory settings, said before a book needs them: a memory limit that
    is no size, a spill folder that cannot be made or written (a book larger than the limit would
    fail at its first spill, with nothing naming the folder).

    Examples
    --------
    >>> [p.key for p in settings_problems(CatalogConfig(memory_limit="lots", temp_directory=Path("/proc/x/spill")))]
    ['catalog.bad_memory_limit', 'catalog.bad_temp_dir']
    """
    problems = []
    if memory_gb(config.memory_limit, default=None) is None:
        problems.append(CatalogError("catalog.bad_memory_limit", value=config.memory_limit))
    folder = config.temp_directory
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)  # DuckDB would make it at its first spill
            usable = os.access(folder, os.W_OK | os.X_OK)
        except OSError:
            usable = False
        if not usable:
            problems.append(CatalogError("catalog.bad_temp_dir", path=str(folder)))
    return problems


def find(config: CatalogConfig, key: str) -> Dataset:
    """The configured dataset whose :attr:`Dataset.key` is ``key`` (listed again, never trusted).

    Raises
    ------
    CatalogError
        When no configured source offers it (any more).
    """
    found, _ = list_datasets(config)
    for dataset in found:
        if dataset.key == key:
            return dataset
    raise CatalogError("catalog.not_found", name=key.split(":", 1)[-1])


# --- opening -----------------------------------------------------------------------------

def _require(types: Mapping[str, str], name: str) -> None:
    """Refuse a source without the required columns, or whose DPD or balance is not a number.

    ``types`` maps column → type name as the engine spells it (Arrow's ``int64``, DuckDB's
    ``BIGINT``, ``DECIMAL(18,2)``): checked here so the user reads which column is wrong instead
    of an SQL error from the first cube.
    """
    missing = [c for c in REQUIRED if c not in types]
    if missing:
        raise CatalogError("catalog.missing_columns", name=name, missing=", ".join(missing),
                           required=", ".join(REQUIRED))
    for col in NUMERIC:
        if not _NUMERIC.match(str(types[col])):
            raise CatalogError("catalog.not_numeric", name=name, column=col, type=str(types[col]))


def _parquet_types(path: Path, name: str | None = None) -> dict[str, str]:
    """Column → type of a Parquet book (its first file's), after checking what the first cube
    would otherwise fail on, or count wrongly, with an engine error in English:

    * every ``month=`` partition names a month (``month=garbage`` failed the cubes' cast);
    * the days past due and the balance are numbers in **every** file (a text balance in one
      file of many passed, then "Binder Error: sum(VARCHAR)");
    * a file's own dates (row-group statistics, no row is read) fall in its partition's month (rows
      of March filed under month=2024-01 were counted as January, silently).

    Raises
    ------
    CatalogError
    """
    name = name or path.name
    if path.is_dir():
        for month in partition_months(path):
            if not MONTH_LABEL.match(month):
                raise CatalogError("catalog.bad_partition", name=name, folder=f"month={month}")
    try:
        dataset = ds.dataset(path, format="parquet", partitioning="hive", exclude_invalid_files=False)
        for fragment in dataset.get_fragments():
            _check_fragment(fragment, path, name)
    except (pa.ArrowException, OSError) as exc:  # ArrowInvalid for a file that is not Parquet
        raise CatalogError("catalog.bad_parquet", name=name, detail=type(exc).__name__) from exc
    return {field.name: str(field.type) for field in dataset.schema}



def _check_fragment(fragment, root: Path, name: str) -> None:
    """One file of a Parquet book: numbers where numbers are summed, dates within its partition."""
    file = str(Path(fragment.path).relative_to(root)) if root.is_dir() else root.name
    schema = fragment.physical_schema
    match = re.search(r"(?:^|/)month=([^/]+)/", file)
    # every file, not the first only: a file without days past due read them as empty, and its
    # rows counted as Current (the month may be its folder's name)
    missing = [c for c in REQUIRED if c not in schema.names and not (c == "month" and match)]
    if missing:
        raise CatalogError("catalog.missing_columns", name=f"{name}/{file}", missing=", ".join(missing),
                           required=", ".join(REQUIRED))
    for col in NUMERIC:
        if col in schema.names and not _NUMERIC.match(str(schema.field(col).type)):
            raise CatalogError("catalog.not_numeric", name=f"{name}/{file}", column=col, type=str(schema.field(col).type))
    if match is None or not MONTH_LABEL.match(match.group(1)):
        return
    found = _months_in(fragment.metadata, schema)
    if found and found != {match.group(1)}:
        raise CatalogError("catalog.partition_mismatch", name=name, folder=f"month={match.group(1)}",
                           file=file, months="、".join(sorted(found)))


def _months_in(metadata, schema: pa.Schema) -> set[str]:
    """The months a file's row groups say they hold (their ``snapshot_date`` or ``month``
    statistics); empty when the file keeps none."""
    for col in ("snapshot_date", "month"):
        if col not in schema.names:
            continue
        index = schema.get_field_index(col)
        months = set()
        for group in range(metadata.num_row_groups):
            stats = metadata.row_group(group).column(index).statistics
            if stats is None or not stats.has_min_max:
                return set()
            for value in (stats.min, stats.max):
                text = value.isoformat() if hasattr(value, "isoformat") else str(value)
                months.add(text[:7])
        return months
    return set()


def _parquet_source(path: Path) -> Path:
    """What DuckDB should read of a Parquet book: its month partitions when it has them.

    ``convert`` writes ``_rejected.parquet`` (the rejected rows, other columns) beside the
    ``month=…`` folders; a glob over the whole folder would read it as rows of the book (DuckDB
    does not skip ``_`` files as Arrow and Spark do), so a partitioned book is read through its
    partition folders only.
    """
    if path.is_dir() and partition_months(path):
        return path / "month=*" / "**" / "*.parquet"
    return path


def open_book(config: CatalogConfig, key: str, progress: Callable[[str], None] | None = None):
    """Open the configured dataset ``key`` (``kind:name``) as a :class:`~analysis.core.Book`.

    Parquet books and DuckDB tables open in DuckDB under ``config.memory_limit``; Spark tables
    through Spark Connect (``analysis.core.spark``). The caller owns the book: ``book.close()``.

    Parameters
    ----------
    config : CatalogConfig
    key : str
        A :attr:`Dataset.key` from :func:`list_datasets`.
    progress : callable, optional
        Called with short English status lines while Spark starts (it takes seconds).

    Raises
    ------
    CatalogError
        When the dataset is not configured, unreadable, lacks the required columns, the memory
        limit is not a size such as ``2GB``, or Spark is not installed or not reachable.
    """
    if memory_gb(config.memory_limit, default=None) is None:
        raise CatalogError("catalog.bad_memory_limit", value=config.memory_limit)
    dataset = find(config, key)
    if dataset.kind == "parquet":
        path = parquet_path(config.datasets_dir, dataset.name)
        _require(_parquet_types(path, dataset.name), dataset.name)
        try:
            # the folder too: a pattern over its files is no folder, and its conversion report
            # (no duplicates, counts only, the integer account key) was never read
            return book_from_parquet(_parquet_source(path), memory_limit=config.memory_limit,
                                     temp_directory=config.temp_directory, folder=path)
        except SourceError as exc:
            raise CatalogError("catalog.not_a_book", name=dataset.name) from exc
        except engine_errors() as exc:  # duckdb.Error and friends: a file DuckDB cannot read
            raise CatalogError("catalog.bad_parquet", name=dataset.name, detail=type(exc).__name__) from exc
    if dataset.kind == "duckdb":
        engine = DuckDBEngine(memory_limit=config.memory_limit, temp_directory=config.temp_directory)
        try:
            engine.register_table(config.duckdb_file, dataset.name)
            described = engine.query("DESCRIBE src")
            _require(dict(zip(described["column_name"], described["column_type"])), dataset.name)
            return book_from_columns(engine, "duckdb")
        except duckdb.Error as exc:
            engine.close()
            raise CatalogError("catalog.bad_database", path=str(config.duckdb_file), detail=type(exc).__name__) from exc
        except (CatalogError, SourceError) as exc:
            engine.close()
            if isinstance(exc, CatalogError):
                raise
            raise CatalogError("catalog.not_a_book", name=dataset.name) from exc
    return _open_spark(config, dataset.name, progress)


def _open_spark(config: CatalogConfig, table: str, progress):
    try:  # pyspark's Connect client is optional and takes seconds to import: only Spark pays
        from analysis.core.spark import book_from_spark
    except ImportError as exc:  # the module, or pyspark's Connect client, is not installed
        raise CatalogError("catalog.spark_missing") from exc
    try:
        return book_from_spark(config.spark_url, table, progress)
    except SourceError as exc:  # no answer, no such table, a required column missing: Spark's reason
        raise CatalogError("catalog.spark_failed", name=table, url=config.spark_url, detail=exc) from exc
    except MessageError:
        raise
    except ImportError as exc:
        raise CatalogError("catalog.spark_missing") from exc
    except engine_errors() as exc:  # anything else the Spark client raises on the way
        raise CatalogError("catalog.spark_unreachable", url=config.spark_url, detail=type(exc).__name__) from exc
