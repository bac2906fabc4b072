"""``python -m analysis convert FILE --out BOOK/``: a big file into a month-partitioned Parquet dataset.

Several monthly files (``convert 2024-01.xlsx 2024-02.csv … --out BOOK/``) become one dataset
under the upload page's rules (each file's month from its date column, a title row or its name;
``--file-month NAME=YYYY-MM`` otherwise); the JSON adds ``files`` and each rejection's ``file``,
as ``inspect`` on the same files does.

Any file the app accepts (CSV/TSV in UTF-8, GBK or GB18030; XLSX; XLS; Parquet) is validated with
ingest's rules, in pieces for text and Parquet, and written as ``BOOK/month=YYYY-MM/*.parquet``
plus ``BOOK/_rejected.csv`` (every rejected row with its reason and cells) and
``BOOK/_report.json``. Every other command then takes ``BOOK/`` wherever it takes FILE, and
reads it out of core under ``--memory-limit``.

JSON: ``inspect``'s object for the whole file (``rows_read``, ``rows_accepted``,
``rows_rejected``, ``mapping``, ``months``, ``accounts``, ``balance_total``, ``rejected`` (the
first 1,000), ``reasons``, ``notes``, ``balance_read``, ``balance_rejected``) plus ``dataset``,
``rejected_file``, ``report_file``, ``streamed``, ``whole_file_reason``, ``pieces``,
``duplicates_across_pieces`` and ``seconds``.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from analysis.cli.common import CliError, command_line_hint, file_months, load_options, set_paths, unit_undecided
from analysis.cli.columns import words
from analysis.cli.inspect import render as inspect_render
from analysis.core.i18n import translate
from analysis.ingest.dataset import DatasetError, convert_to_dataset
from analysis.ingest.portfolio import IngestError

HELP = ("stream a big file (CSV, XLSX, XLS, Parquet) into a month-partitioned Parquet dataset "
        "with its validation report; every command then reads the dataset out of core")
#: convert reads FILE itself, in pieces: the dispatcher must not load it whole first.
LOADS_ITSELF = True


#: Files convert writes: read and write for the owner, read for the group (the app's service
#: account), nothing for other users of the machine.
PRIVATE_UMASK = 0o027


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="FOLDER", help="the dataset folder to write")
    parser.add_argument("--overwrite", action="store_true", help="replace FOLDER if it exists")
    parser.add_argument("--chunk-mb", type=float, default=64.0, metavar="MB",
                        help="size of a piece of text validated at once (default 64 MB, ~0.4 GB of memory each)")
    parser.add_argument("--chunk-bytes", type=int, help=argparse.SUPPRESS)  # tests: tiny pieces
    parser.add_argument("--workers", type=int, metavar="N",
                        help="processes validating pieces side by side (default: one per core for files of 128 MB or more)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")


def run(args: argparse.Namespace, result=None) -> dict:
    """Convert ``args.file`` into ``args.out``; raise :class:`CliError` (in ``args.lang``) on bad input."""
    lang = getattr(args, "lang", "en")
    if getattr(args, "spark", None) or getattr(args, "table", None):
        raise CliError("convert reads a file; --spark and --table are for the analysis commands"
                       if lang == "en" else "convert 读取文件；--spark 与 --table 用于分析命令")
    if not args.file:
        raise CliError("give the FILE to convert" if lang == "en" else "请给出要转换的文件")
    several = len(getattr(args, "files", None) or []) > 1
    path = set_paths(args) if several else Path(args.file)
    if not several and not path.is_file():
        raise CliError(f"file not found: {path}" if lang == "en" else f"找不到文件：{path}")
    if args.chunk_mb <= 0 or (args.workers is not None and args.workers < 1):
        raise CliError("--chunk-mb and --workers must be positive" if lang == "en" else "--chunk-mb 与 --workers 须为正数")
    mapping, options = load_options(args)
    chunk = args.chunk_bytes or int(args.chunk_mb * (1 << 20))

    def progress(text: str) -> None:
        if not args.quiet:
            print(f"convert: {text}", file=sys.stderr, flush=True)

    stop = [signal.SIGINT]  # the signal that stopped the run (Ctrl-C, unless SIGTERM came)

    def stopped(signum, frame) -> None:
        # SIGTERM as Ctrl-C: the half-written folder is removed on the way out
        stop[0] = signum
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stopped)  # a scheduler's stop cleans up as Ctrl-C does
    # The dataset holds borrowers' names, phones and ID numbers as read (the app masks them on
    # screen): its folders and files are the owner's and the owner's group's, never other users'.
    umask = os.umask(PRIVATE_UMASK)
    os.umask(umask | PRIVATE_UMASK)  # only ever tighter: a user's own 077 stays
    try:
        payload = convert_to_dataset(path, Path(args.out), mapping=mapping, options=options, sheet=args.sheet,
                                     chunk_bytes=chunk, memory_limit=args.memory_limit, workers=args.workers,
                                     lang=lang, overwrite=args.overwrite, progress=progress,
                                     file_months=file_months(args) if several else None,
                                     detect_unit=unit_undecided(args))
    except KeyboardInterrupt:
        raise CliError("stopped: nothing was written" if lang == "en" else "已停止：没有写出任何数据",
                       code=128 + int(stop[0])) from None
    except IngestError as exc:
        raise CliError(exc.message(lang) + command_line_hint(exc, lang)) from None
    except DatasetError as exc:
        raise CliError(exc.message(lang)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        os.umask(umask)
    if not payload.get("rows_accepted"):
        # a dataset of no rows is no conversion: say so, and where the reasons are
        raise CliError(translate("dataset.error.nothing_accepted", lang, path=str(payload.get("dataset", args.out))))
    if lang == "zh":
        payload["notes"] = [translate(k, "zh", **p) for k, p in payload.get("summary_notes", [])]
    if payload.get("whole_file_reason"):
        progress(translate("dataset.note.whole_file", lang, why=payload["whole_file_reason"]))
    return payload


def render(payload: dict, lang: str = "en") -> str:
    """What a person reads after a conversion, in ``lang``: where the dataset went and what was rejected."""
    w = words(lang)
    lines = [w("dataset_line", dataset=payload["dataset"], months=len(payload["months"]), pieces=payload["pieces"],
               seconds=f"{payload['seconds']:.1f}")]
    if payload.get("rejected_file"):
        lines.append(w("rejected_file", path=payload["rejected_file"]))
    lines.append(inspect_render(payload, lang))
    return "\n".join(lines)
