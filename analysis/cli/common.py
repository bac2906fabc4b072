"""What every CLI command shares: reading the file the way the app does, and failing politely.

FILE is a portfolio file (read whole by ingest, as the app reads an upload), several monthly
files read together into one panel (``analysis.ingest.multi``: ``inspect 2024-01.xlsx 2024-02.csv``),
or a book the
data core reads out of core: a folder of Parquet files partitioned by ``month=YYYY-MM`` (as
``python -m analysis convert`` writes it), a ``.duckdb`` database file with ``--table``, or a
table (or Parquet path) on a Spark cluster with ``--spark sc://HOST:PORT``. A book becomes a
:class:`BookSource`; the commands read its cubes, and the commands that need one row per account
pull one month's rows from the engine (:func:`rows_for`) and say so.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from analysis.aging.rates import months_of
from analysis.core import SourceError, book_from_parquet, book_from_portfolio
from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS, custom_buckets
from analysis.core.catalog import CatalogConfig, CatalogError, _parquet_files, _parquet_types, _require, open_book
from analysis.core.engine import engine_errors
from analysis.core.i18n import MessageError, translate
from analysis.core.schema import segment_columns
from analysis.ingest.multi import (build_combined, combine, date_header_of, describe_files, read_files, set_name,
                                   with_months, without_file_column)
from analysis.ingest.portfolio import IngestError, IngestOptions, load_portfolio, mapping_from_json, resolve_mapping


class CliError(Exception):
    """A problem with the user's input: printed on stderr without a traceback, exit code 2 (or
    ``code``: 130 or 143 for a run stopped by Ctrl-C or SIGTERM, as shells and schedulers expect)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


#: Commands that read their one FILE themselves: several files are refused, not silently cut to one.
ONE_FILE_COMMANDS = ("card-interest", "instalment", "conduct", "contacts")


class _Files(argparse.Action):
    """FILE...: ``args.files`` holds them all, ``args.file`` the first (what one-file code reads)."""

    def __call__(self, parser, namespace, values, option_string=None):
        files = list(values or [])
        command = parser.prog.rsplit(" ", 1)[-1]
        if len(files) > 1 and command in ONE_FILE_COMMANDS:
            parser.error(translate("multi.error.one_file_command", "en", n=len(files), files=", ".join(files)))
        namespace.files = files
        namespace.file = files[0] if files else None


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every command takes to read and map its FILE."""
    parser.add_argument("file", metavar="FILE", nargs="*", action=_Files,
                        help="portfolio file: CSV (UTF-8/GBK/GB18030), XLSX, XLS, Parquet; several monthly files "
                             "read together as one panel (each file's month from its date column, title row or "
                             "name); or a dataset folder (Parquet by month=YYYY-MM, as `convert` writes it), or a "
                             ".duckdb file with --table")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument("--map", action="append", default=[], metavar="CANONICAL=HEADER",
                        help="map a column by hand, e.g. --map balance=贷款余额 (repeatable)")
    parser.add_argument("--mapping-file", metavar="JSON", help="a mapping saved from the app's upload page")
    parser.add_argument("--sheet", metavar="NAME", help="sheet to read in a workbook")
    parser.add_argument("--unit", choices=["yuan", "thousand", "wan", "yi"],
                        help="unit of the amounts in the file: yuan, thousand, wan (10k) or yi (100M); default yuan")
    parser.add_argument("--status-code", action="append", default=[], metavar="CODE=DPD",
                        help="status label/code → days past due; CODE=exclude drops such rows as rejected")
    parser.add_argument("--reference-month", metavar="YYYY-MM", help="month that relative month 0 stands for")
    parser.add_argument("--snapshot-month", metavar="YYYY-MM", help="month of a file without a date column")
    parser.add_argument("--file-month", action="append", default=[], metavar="NAME=YYYY-MM",
                        help="with several files: the month of file NAME when its date column, title and name "
                             "do not say it (repeatable)")
    parser.add_argument("--balance-missing", choices=["reject", "unit"],
                        help="without a balance column: 'unit' counts each account-month as 1")
    parser.add_argument("--date-order", choices=["auto", "mdy", "dmy"],
                        help="how dates like 01/02/2024 read: auto (day first when a day above 12 shows it), "
                             "mdy (month first) or dmy (day first); default auto")
    parser.add_argument("--decimal-comma", choices=["auto", "yes", "no"],
                        help="whether a comma is the decimal mark (1.234,56): auto (when a column shows it), "
                             "yes or no; default auto")
    parser.add_argument("--lang", choices=["zh", "en"], default="en", help="language of messages and of the text tables (the JSON keys stay the same)")
    parser.add_argument("--table", metavar="NAME", help="table of the .duckdb FILE, or of the Spark cluster (--spark)")
    parser.add_argument("--spark", metavar="sc://HOST:PORT",
                        help="run on a Spark cluster through Spark Connect (with --table, or FILE as a Parquet path there)")
    parser.add_argument("--memory-limit", default="2GB", metavar="SIZE",
                        help="DuckDB memory limit for a dataset (default 2GB; it spills to disk beyond it)")


def _pairs(items: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise CliError(f"{what} takes KEY=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        out[key.strip()] = value.strip()
    return out


def load_from_args(args: argparse.Namespace):
    """Read ``args.file`` into an ``IngestResult`` with the mapping options given on the command
    line; or open a book (a dataset folder, a ``.duckdb`` table, a Spark table) as a
    :class:`BookSource`.

    Raises
    ------
    CliError
        With a message for the user (in ``args.lang``) when the file cannot be read or mapped.
    """
    lang = getattr(args, "lang", "en")
    files = getattr(args, "files", None) or []
    if len(files) > 1:
        return load_files(args)
    if getattr(args, "spark", None):
        return open_spark(args)
    if not args.file:
        raise CliError(_text("dataset.error.needs_file", lang))
    path = Path(args.file)
    if path.is_dir():
        return open_dataset(path, args)
    if getattr(args, "table", None):
        return open_duckdb_table(path, args)
    if not path.is_file():
        raise CliError(f"file not found: {path}" if lang == "en" else f"找不到文件：{path}")
    mapping, options = load_options(args)
    try:
        return load_portfolio(path.read_bytes(), path.name, mapping=mapping, options=options, sheet=args.sheet,
                              detect_unit=unit_undecided(args))
    except IngestError as exc:
        raise CliError(exc.message(lang) + command_line_hint(exc, lang)) from None


def load_files(args: argparse.Namespace):
    """Several monthly files (``args.files``) read together into one ``IngestResult``, as the
    upload page does (:mod:`analysis.ingest.multi`); ``summary["files"]`` is the per-file table.

    Raises
    ------
    CliError
        A folder, a table or ``--snapshot-month`` among several files, a file that is not there,
        a file whose month cannot be found, or anything ingest refuses (in ``args.lang``).
    """
    lang = getattr(args, "lang", "en")
    paths = set_paths(args)
    mapping, options = load_options(args)
    try:
        # bytes are read one file at a time and dropped once the file is a table
        raws = read_files(((p.read_bytes(), p.name) for p in paths), sheet=args.sheet)
        files = describe_files(raws, date_header_of(raws, mapping))
        files = with_months(files, file_months(args))
        multi = combine(raws, files, date_header_of(raws, mapping))
        del raws
        raw, full, options = resolve_mapping(multi.raw, mapping, options, detect_unit=unit_undecided(args))
        multi = replace(multi, raw=raw)
        return build_combined(multi, without_file_column(full, mapping), options)
    except IngestError as exc:
        raise CliError(exc.message(lang) + command_line_hint(exc, lang)) from None


def unit_undecided(args: argparse.Namespace) -> bool:
    """True when neither ``--unit`` nor a saved mapping says the money unit: the file's is used."""
    return not getattr(args, "unit", None) and not getattr(args, "mapping_file", None)


def set_paths(args: argparse.Namespace) -> list[Path]:
    """The paths of several FILEs read together, each a file that is there.

    Raises
    ------
    CliError
        A folder, a table or ``--snapshot-month`` among several files, or a file not found.
    """
    lang = getattr(args, "lang", "en")
    paths = [Path(f) for f in args.files]
    if getattr(args, "spark", None) or getattr(args, "table", None) or any(p.is_dir() for p in paths):
        raise CliError(_text("multi.error.cli_book", lang))
    if getattr(args, "snapshot_month", None):
        raise CliError(_text("multi.error.cli_snapshot", lang))
    for path in paths:
        if not path.is_file():
            raise CliError(f"file not found: {path}" if lang == "en" else f"找不到文件：{path}")
    return paths


def file_months(args: argparse.Namespace) -> dict[str, str]:
    """``--file-month NAME=YYYY-MM`` as ``{name: month}``."""
    return _pairs(getattr(args, "file_month", []) or [], "--file-month")


#: Ingest's messages speak of the upload page's steps; on the command line, the option that does it.
_COMMAND_LINE_HINTS = {
    "multi.error.no_month": "multi.hint.file_month",
    "ingest.error.no_balance": "cli.hint.no_balance",
    "ingest.error.no_account": "cli.hint.no_account",
    "ingest.error.no_month": "cli.hint.no_month",
    "ingest.error.need_reference_month": "cli.hint.reference_month",
    "ingest.error.no_dpd": "cli.hint.no_dpd",
    "ingest.error.header_rows_unjoined": "cli.hint.no_dpd",
    "ingest.error.dpd_column_text": "cli.hint.status_label",
    "ingest.error.unknown_header": "cli.hint.map",
}


def command_line_hint(exc: IngestError, lang: str) -> str:
    """The command-line option that does what an ingest message asks of the upload page (else nothing).

    Examples
    --------
    >>> command_line_hint(IngestError("ingest.error.no_balance", columns="id"), "en")
    ' — On the command line: --map balance=HEADER, or --balance-missing unit to count accounts.'
    """
    key = _COMMAND_LINE_HINTS.get(exc.code)
    return " — " + _text(key, lang) if key else ""  # on the error's one line


def source_name(args: argparse.Namespace) -> str:
    """What the data is called in a report: the file's name, the first and last of several
    files (as the upload page names them), or the table.

    Examples
    --------
    >>> source_name(argparse.Namespace(file="d/2024-01.csv", files=["d/2024-01.csv", "d/2024-03.csv", "d/2024-02.csv"]))
    '2024-01.csv … 2024-03.csv (3)'
    """
    files = getattr(args, "files", None) or ([args.file] if getattr(args, "file", None) else [])
    if files:
        return set_name(Path(f).name for f in files)
    return str(getattr(args, "table", "") or "")


def load_options(args: argparse.Namespace):
    """``(mapping or None, IngestOptions)`` from ``--map``, ``--mapping-file`` and the other options."""
    mapping: dict[str, str] | None = None
    options = IngestOptions()
    if args.mapping_file:
        try:
            mapping, options = mapping_from_json(Path(args.mapping_file).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CliError(f"cannot read {args.mapping_file}: {exc.strerror}") from None
        except UnicodeDecodeError:  # a picture or a workbook given as the mapping file
            raise CliError(IngestError("ingest.error.bad_mapping_file").message(getattr(args, "lang", "en"))) from None
        except IngestError as exc:
            raise CliError(exc.message(getattr(args, "lang", "en"))) from None
    manual = _pairs(args.map, "--map")
    if manual:
        mapping = {**(mapping or {}), **manual}
    changes: dict[str, object] = {}
    if args.unit:
        changes["amount_unit"] = args.unit
    if args.reference_month:
        changes["reference_month"] = args.reference_month
    if args.snapshot_month:
        changes["snapshot_month"] = args.snapshot_month
    if args.balance_missing:
        changes["balance_missing"] = args.balance_missing
    if getattr(args, "date_order", None):
        changes["date_order"] = args.date_order
    if getattr(args, "decimal_comma", None):
        changes["decimal_comma"] = {"yes": True, "no": False}.get(args.decimal_comma, "auto")
    codes = _pairs(args.status_code, "--status-code")
    if codes:
        changes["status_codes"] = {
            k: (None if v.lower() in ("exclude", "none", "") else int(v)) for k, v in codes.items()
        }
    if changes:
        options = replace(options, **changes)
    return mapping, options


# --------------------------------------------------------------------------------------------
# books: a dataset folder, a DuckDB table, a Spark table


def _text(key: str, lang: str, **params) -> str:
    return translate(key, lang, **params)


class BookSource:
    """A book the data core reads where it lies (never whole into pandas), and what the CLI
    needs of it.

    Attributes
    ----------
    book : analysis.core.Book
    name : str
        The folder, file or table, for messages.
    report : dict or None
        The ``_report.json`` ``convert`` wrote beside a dataset, when there is one.
    """

    def __init__(self, book, name: str, report: dict | None = None) -> None:
        self.book, self.name, self.report = book, name, report
        self._months: list[str] | None = None

    def months(self) -> list[str]:
        """The book's months, sorted (one small query; a Parquet folder answers from its
        partition names)."""
        if self._months is None:
            found = self.book.engine.query("SELECT DISTINCT month FROM src")
            self._months = sorted(str(m) for m in found["month"].dropna())
        return self._months

    def close(self) -> None:
        self.book.close()


def _book_errors(lang: str, name: str):
    """Turn the engine's and the catalogue's errors into a CliError (a context manager)."""

    @contextmanager
    def guard():
        try:
            yield
        except CatalogError as exc:
            raise CliError(exc.message(lang)) from None
        except SourceError as exc:
            raise CliError(_text("dataset.error.source", lang, path=name, detail=exc.message(lang))) from None
        except engine_errors() as exc:  # duckdb.Error and friends: a file the engine cannot read
            raise CliError(_text("dataset.error.unreadable", lang, path=name, detail=first_line(exc))) from None

    return guard()


def month_pairs(text: str) -> int:
    """``--window``: a whole number of month pairs, 1 or more (argparse's ``type``; -3 was taken
    silently as 1).

    Examples
    --------
    >>> month_pairs("6")
    6
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of month pairs: give a whole number of 1 or more")
    return value


def first_line(exc: BaseException) -> str:
    """An engine error's first line (at most 300 characters), or its type when it has no text."""
    text = str(exc)
    return text.splitlines()[0][:300] if text else type(exc).__name__


def open_dataset(path: Path, args: argparse.Namespace) -> BookSource:
    """A Parquet folder (``month=YYYY-MM`` partitions) as a :class:`BookSource`, in DuckDB under
    ``--memory-limit``."""
    lang = getattr(args, "lang", "en")
    if next(_parquet_files(path), None) is None:
        if (path / "_report.json").is_file():  # converted, but every row was rejected
            raise CliError(_text("dataset.error.nothing_accepted", lang, path=str(path)))
        raise CliError(_text("dataset.error.no_parquet", lang, path=str(path)))
    with _book_errors(lang, str(path)):
        _require(_parquet_types(path), path.name)
        book = book_from_parquet(path, memory_limit=args.memory_limit)
    report = None
    report_file = path / "_report.json"
    if report_file.is_file():
        try:
            report = json.loads(report_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            report = None
    return BookSource(book, str(path), report)


def open_duckdb_table(path: Path, args: argparse.Namespace) -> BookSource:
    """A table of a DuckDB database file as a :class:`BookSource` (opened read-only)."""
    lang = getattr(args, "lang", "en")
    if not path.is_file():
        raise CliError(f"file not found: {path}" if lang == "en" else f"找不到文件：{path}")
    with _book_errors(lang, f"{path}:{args.table}"):
        book = open_book(CatalogConfig(duckdb_file=path, memory_limit=args.memory_limit), f"duckdb:{args.table}")
    return BookSource(book, f"{path}:{args.table}")


def _progress(*parts, **named) -> None:
    """Spark takes seconds to start and to run: say what it is doing, on stderr."""
    text = " ".join(str(p) for p in parts if p is not None)
    if named:
        text = (text + " " + " ".join(f"{k}={v}" for k, v in named.items())).strip()
    print(text if text.lower().startswith("spark") else f"Spark: {text}", file=sys.stderr, flush=True)


def open_spark(args: argparse.Namespace) -> BookSource:
    """``--spark URL`` with ``--table NAME`` (or FILE as a Parquet path on the cluster) as a
    :class:`BookSource`, through Spark Connect (``analysis.core.spark``)."""
    lang = getattr(args, "lang", "en")
    source = getattr(args, "table", None) or args.file
    if not source:
        raise CliError(_text("dataset.error.spark_needs_source", lang))
    try:  # pyspark's Connect client is optional and takes seconds to import: only --spark pays
        from analysis.core.spark import book_from_spark
    except ImportError as exc:  # the module, or pyspark's Connect client, is not installed
        raise CliError(_text("dataset.error.spark_unavailable", lang, detail=str(exc))) from None
    with _book_errors(lang, f"{args.spark} {source}"):
        try:
            book = book_from_spark(args.spark, source, _progress)
        except ImportError as exc:
            raise CliError(_text("dataset.error.spark_unavailable", lang, detail=str(exc))) from None
        except (SourceError, CatalogError):
            raise  # the guard words them
        except MessageError as exc:
            raise CliError(exc.message(lang)) from None
        except engine_errors() as exc:  # anything else the Spark client raises on the way
            raise CliError(_text("catalog.spark_unreachable", lang, url=args.spark,
                                 detail=f"{type(exc).__name__}: {first_line(exc)[:200]}")) from None
    _progress("connected; running the cubes on the cluster")
    return BookSource(book, f"{args.spark} {source}")


def is_book(result) -> bool:
    """True when the command was given a book (dataset, table), not a file read whole."""
    return isinstance(result, BookSource)


def book_of(result, month_range: tuple[str, str] | None = None):
    """``(Book, owned)``: the dataset's book, or a DuckDB book over a file's portfolio (which
    the caller closes when ``owned``). For a file, ``month_range`` hands over those months'
    rows only (a book's cubes take the range as their filter instead)."""
    if is_book(result):
        return result.book, False

    portfolio = result.portfolio
    if month_range is not None:
        month = portfolio["month"]
        portfolio = portfolio[((month >= month_range[0]) & (month <= month_range[1])).to_numpy()]
    # held in memory, as every book built from rows is (the analyses' own, an upload): no spilling,
    # under DW_MEMORY_LIMIT; a book larger than that is converted into a dataset
    return book_from_portfolio(portfolio), True


def months_of_source(result) -> list[str]:
    """Sorted months of a file's portfolio or of a book."""
    if is_book(result):
        return result.months()
    return months_of(result.portfolio) if len(result.portfolio) else []


def segments_of(result) -> list[str]:
    """Segment columns of a file's portfolio or of a book."""
    if is_book(result):
        return list(result.book.segments)
    return segment_columns(result.portfolio)


def rows_for(result, month: str | None, lang: str) -> tuple:
    """``(portfolio, note)``: a file's whole portfolio (note None), or one month's rows of a
    book (the given month or the latest), with a note saying so, printed on stderr too.

    A book may hold an account-month twice (a warehouse table): the first copy by
    ``source_row`` is kept, as ingest keeps it, and the note says how many were dropped.
    """
    if not is_book(result):
        return result.portfolio, None
    chosen = pick_month(result.months(), month, lang)
    with _book_errors(lang, result.name):
        rows, copies = result.book.month_accounts(chosen)
    notes = [_text("dataset.note.one_month", lang, month=chosen, rows=len(rows))]
    if copies:
        notes.append(_text("dataset.note.duplicates_dropped", lang, month=chosen, n=copies))
    note = " ".join(notes)
    print(f"note: {note}", file=sys.stderr)
    return rows, note


def pick_month(months: list[str], month: str | None, lang: str) -> str:
    """``month`` if the file has it, else the latest month; a polite CliError otherwise."""
    if not months:
        raise CliError("the file has no accepted rows" if lang == "en" else "文件中没有可用的数据行")
    if month is None:
        return months[-1]
    if month not in months:
        raise CliError((f"month {month} is not in the file; months available: {months[0]} … {months[-1]}")
                       if lang == "en" else f"文件中没有月份 {month}；可用月份：{months[0]} 至 {months[-1]}")
    return month


def buckets_from_arg(text: str | None, lang: str = "en"):
    """``default`` / ``m`` / ``30,60,90`` → a Buckets, or a CliError the user can act on."""
    if text in (None, "", "default"):
        return DEFAULT_BUCKETS
    if text.lower() == "m":
        return M_BUCKETS
    try:
        return custom_buckets([int(p) for p in text.replace("，", ",").split(",") if p.strip()])
    except ValueError:
        raise CliError(f"--buckets takes default, m or increasing whole DPD edges such as 30,60,90; got {text!r}"
                       if lang == "en" else f"--buckets 可取 default、m 或递增的逾期天数上限，如 30,60,90；收到 {text!r}") from None


def check_segment(portfolio, by: str | None, lang: str = "en") -> None:
    """A CliError naming the segments the file (or book) has when ``--by`` is not one of them."""
    if by is None:
        return
    if is_book(portfolio) or hasattr(portfolio, "portfolio"):
        segments = segments_of(portfolio)
    else:
        segments = segment_columns(portfolio)
    if by not in segments:
        raise CliError((f"--by {by}: not a segment of this file; segments: {', '.join(segments) or 'none'}")
                       if lang == "en" else f"--by {by}：不是该文件的分组列；可用分组：{'、'.join(segments) or '无'}")


def dump_json(payload: dict) -> str:
    """JSON exactly as scripts read it: UTF-8 text, NaN as null."""
    return json.dumps(_clean(payload), ensure_ascii=False, indent=None, default=str)


def _clean(value):
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return _clean(value.item())
    return value
