"""``python -m analysis report FILE -o OUT.html|OUT.xlsx|OUT.pptx``: the meeting report, headless.

The format follows the output file's extension. The JSON object (keys may be added, never
renamed)::

    {"output": path, "format": "html"|"xlsx"|"pptx", "sections": [...], "month", "lang",
     "bytes": n, "findings": [{"key", "text", "page", "area", "severity", "figures"}][, "note"]}

Every aggregate comes from the data core's cubes (as for ``aging``, ``rollrates`` and
``forecast``); on a dataset (a Parquet folder, a table) the sections that need one row per
account read one month's rows, and ``note`` says so.

``--lang`` (shared with every command) also sets the report's language. Amounts in the report
are in ``--report-unit`` (default 万元); ``--unit`` keeps its shared meaning: the unit of the
amounts *in the input file*.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from analysis.cli.counts import is_counts_only
from analysis.core.units import display_unit
from analysis.cli.common import CliError, book_of, buckets_from_arg, rows_for, source_name
from analysis.core.i18n import translate
from analysis.whatif.policy import NO_CHANGE, Policy, PolicyError, policy_from_json

HELP = "meeting report for a month: HTML (self-contained), XLSX or PPTX, format from the -o extension"

_EXTENSIONS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".pptx": "pptx"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Late: the CLI imports every command's module to list the commands, and the report stack
    # (every analysis area and the charts) would double the start-up of each other command.
    from analysis.report.model import SECTIONS

    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.html, OUT.xlsx or OUT.pptx")
    parser.add_argument("--sections", nargs="+", default=list(SECTIONS), metavar="SECTION",
                        help=f"sections to include (default all): {' '.join(SECTIONS)}; commas work too")
    parser.add_argument("--month", metavar="YYYY-MM", help="month to report on (default: the latest)")
    parser.add_argument("--measure", choices=["balance", "count"], default="balance",
                        help="rates by balance or by count (default balance)")
    parser.add_argument("--report-unit", choices=["yuan", "wan", "yi"], default="wan",
                        help="unit of amounts in the report: 元, 万元 or 亿元 (default wan)")
    parser.add_argument("--buckets", default="default", metavar="default|m|EDGES",
                        help="bucket scheme: default, m (M0-M6+) or upper edges such as 30,60,90,180")
    parser.add_argument("--policy", action="append", default=[], metavar="POLICY.json",
                        help="what-if challenger policy (repeatable); today's policy is the champion")
    parser.add_argument("--events", metavar="EVENTS.csv", help="timeline events: a CSV with month,label columns")


def _sections(values: list[str]) -> list[str]:
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def run(args: argparse.Namespace, result) -> dict:
    """Build the report file; raise :class:`CliError` (in ``args.lang``) on bad input."""
    # Late, as in add_arguments: only this command pays for the report stack.
    from analysis.report.meeting import assemble_report, render_report, with_data_note
    from analysis.report.model import ReportError

    lang = getattr(args, "lang", "en") or "en"
    out = Path(args.output)
    fmt = _EXTENSIONS.get(out.suffix.lower())
    if fmt is None:
        raise CliError(f"the output must end in .html, .xlsx or .pptx, not {out.suffix or '(none)'}" if lang == "en"
                       else f"输出文件须以 .html、.xlsx 或 .pptx 结尾，而不是 {out.suffix or '（无扩展名）'}")
    if not out.parent.exists():
        raise CliError(f"the folder {out.parent} does not exist" if lang == "en" else f"文件夹 {out.parent} 不存在")
    policies = None
    if args.policy:
        policies = [Policy(translate("whatif.sc.default.champion", lang), NO_CHANGE.rules)]  # the page's name
        for path in args.policy:
            try:
                policy = policy_from_json(Path(path).read_text(encoding="utf-8"))
            except OSError as exc:
                raise CliError(f"cannot read {path}: {exc.strerror}") from None
            except PolicyError as exc:
                raise CliError(exc.message(lang)) from None
            policies.append(policy if policy.name else Policy(Path(path).stem, policy.rules))
    events = None
    if args.events:
        try:
            events = pd.read_csv(args.events, dtype=str, encoding="utf-8-sig")[["month", "label"]]
        except (OSError, KeyError, ValueError) as exc:
            raise CliError(f"cannot read the events file {args.events}: it needs month,label columns ({exc})") from None
    buckets = buckets_from_arg(args.buckets, lang)
    # The cubes every other command reads (aging, rollrates, forecast): one figure, one value.
    # A dataset's rows (warnings, what-if, causes) are one month's, and the note says so.
    book, owned = book_of(result)
    try:
        rows, note = rows_for(result, args.month, lang)
        report = assemble_report(
            rows, sections=_sections(args.sections), month=args.month, lang=lang, measure=args.measure,
            unit=display_unit(args.report_unit, is_counts_only(result)), events=events, data_name=source_name(args),
            policies=policies, cubes=book.cubes(buckets),
        )
        # the file's validation under the subtitle (a dataset: the report convert wrote)
        report = with_data_note(report, getattr(result, "summary", None) or getattr(result, "report", None))
        data = render_report(report, fmt)
    except ReportError as exc:
        raise CliError(exc.message(lang)) from None
    finally:
        if owned:
            book.close()
    out.write_bytes(data)
    payload = {
        "output": str(out), "format": fmt, "sections": [s.key for s in report.sections], "month": report.month,
        "lang": lang, "bytes": len(data), "findings": [f.to_dict(lang, report.unit) for f in report.findings],
    }
    if note:
        payload["note"] = note
    if report.data_note:
        payload["data_note"] = report.data_note
    return payload


def render(payload: dict) -> str:
    """What a person reads after the command: where the file went and the month's findings."""
    lines = [translate("report.cli_done", payload.get("lang", "en"), fmt=payload["format"].upper(),
                       month=payload["month"], output=payload["output"], size=f"{payload['bytes']:,}",
                       sections=", ".join(payload["sections"]))]
    lines += [f"  • {f['text']}" for f in payload["findings"]]
    if payload.get("data_note"):
        lines.append(payload["data_note"])
    return "\n".join(lines)
