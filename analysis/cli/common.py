"""What every CLI command shares: reading the file the way the app does, and failing politely."""
from __future__ import annotations

import argparse
import json
from pathlib import Path


class CliError(Exception):
    """A problem with the user's input: printed on stderr without a traceback, exit code 2."""


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every command takes to read and map its FILE."""
    parser.add_argument("file", metavar="FILE", help="portfolio file: CSV (UTF-8/GBK/GB18030), XLSX, XLS, Parquet")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument("--map", action="append", default=[], metavar="CANONICAL=HEADER",
                        help="map a column by hand, e.g. --map balance=贷款余额 (repeatable)")
    parser.add_argument("--mapping-file", metavar="JSON", help="a mapping saved from the app's upload page")
    parser.add_argument("--sheet", metavar="NAME", help="sheet to read in a workbook")
    parser.add_argument("--unit", choices=["yuan", "wan"], help="unit of the amounts in the file (default yuan)")
    parser.add_argument("--status-code", action="append", default=[], metavar="CODE=DPD",
                        help="status label/code → days past due; CODE=exclude drops such rows as rejected")
    parser.add_argument("--reference-month", metavar="YYYY-MM", help="month that relative month 0 stands for")
    parser.add_argument("--snapshot-month", metavar="YYYY-MM", help="month of a file without a date column")
    parser.add_argument("--balance-missing", choices=["reject", "unit"],
                        help="without a balance column: 'unit' counts each account-month as 1")
    parser.add_argument("--lang", choices=["zh", "en"], default="en", help="language of messages")


def _pairs(items: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise CliError(f"{what} takes KEY=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        out[key.strip()] = value.strip()
    return out


def load_from_args(args: argparse.Namespace):
    """Read ``args.file`` into an ``IngestResult`` with the mapping options given on the command line.

    Raises
    ------
    CliError
        With a message for the user (in ``args.lang``) when the file cannot be read or mapped.
    """
    from dataclasses import replace

    from analysis.ingest import IngestError, IngestOptions, load_portfolio, mapping_from_json

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"file not found: {path}" if args.lang == "en" else f"找不到文件：{path}")
    mapping: dict[str, str] | None = None
    options = IngestOptions()
    if args.mapping_file:
        mapping, options = mapping_from_json(Path(args.mapping_file).read_text(encoding="utf-8"))
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
    codes = _pairs(args.status_code, "--status-code")
    if codes:
        changes["status_codes"] = {
            k: (None if v.lower() in ("exclude", "none", "") else int(v)) for k, v in codes.items()
        }
    if changes:
        options = replace(options, **changes)
    try:
        return load_portfolio(path.read_bytes(), path.name, mapping=mapping, options=options, sheet=args.sheet)
    except IngestError as exc:
        raise CliError(exc.message(args.lang)) from None


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
    from analysis.buckets import DEFAULT_BUCKETS, M_BUCKETS, custom_buckets

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
    """A CliError naming the segments the file has when ``--by`` is not one of them."""
    if by is None:
        return
    from analysis.schema import segment_columns

    segments = segment_columns(portfolio)
    if by not in segments:
        raise CliError((f"--by {by}: not a segment of this file; segments: {', '.join(segments) or 'none'}")
                       if lang == "en" else f"--by {by}：不是该文件的分组列；可用分组：{'、'.join(segments) or '无'}")


def dump_json(payload: dict) -> str:
    """JSON exactly as scripts read it: UTF-8 text, NaN as null."""
    return json.dumps(_clean(payload), ensure_ascii=False, indent=None, default=str)


def _clean(value):
    import math

    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return _clean(value.item())
    return value
