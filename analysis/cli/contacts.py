"""``python -m analysis contacts LOG [--portfolio FILE] [--jurisdiction cn|us]``: a contact log
checked against the contact-time, frequency and third-party rules, and what each collector,
agency, branch, channel and strategy achieved.

LOG is a CSV/XLSX with one row per contact (:mod:`analysis.conduct.contacts` lists the columns
it recognises); ``--portfolio`` is a portfolio file read as every other command reads its FILE
(``--map``, ``--unit``, … apply to it; ``--sheet`` picks the log's sheet). The JSON printed is a
public interface (keys may be added, never renamed)::

    {"jurisdiction": "cn" | "us",
     "contacts": N,                                    # log rows read
     "breaches": [{"account_id", "collector", "timestamp": "YYYY-MM-DD HH:MM", "rule", "detail"}],
     "by_rule": {"<rule>": count},                     # every rule of the jurisdiction, zeros too
     "performance": {
         "overall": {<figures>},
         "by_collector" | "by_agency" | "by_branch" | "by_channel" | "by_strategy" | "by_bucket":
             [{"<group column>": ..., <figures>}],     # by_bucket with --portfolio; the others
                                                       # when the log has the column
         "strategy_test": {"column", "groups", "n", "cured", "cure_rates", "difference", "z",
                           "p_value", "ci", "alpha", "by_bucket", "cmh_odds_ratio",
                           "cmh_statistic", "cmh_p_value", "caveats", "caveat_texts"} | null,
         "definitions": "<口径 / definitions line>"},
     "limits": {"rules", "window", "daily_unanswered", "daily_answered", "calls_in_period",
                "period_days", "quiet_days", "sources": {"<rule>": "<source>"}},
     "heatmap": [[count by weekday Mon…Sun] for hour 0…23],
     "rows_rejected": n, "rejected": [{"row", "reason"}],
     "language": "zh" | "en", "note": "<screening aid, not legal advice>"}

``<figures>`` are the columns of :data:`analysis.conduct.performance.PERFORMANCE_COLUMNS`
(``contacts, accounts_worked, calls, answered_calls, contact_rate, right_party_calls, rpc_rate,
conversations, promises, ptp_rate, promises_due, promises_kept, kept_rate, worked_overdue,
cured, cure_rate, rolled_forward, roll_forward_rate, amount_recovered``); rates are fractions,
null when their denominator is 0 (or, for cure and roll-forward, without ``--portfolio``).
``strategy_test`` compares the cure rates of the two largest strategies (``--ab-by``; default
the log's ``strategy`` column, else the first channel of the month) and needs ``--portfolio``;
``--buckets`` (default, m, or DPD edges) sets the buckets of the portfolio's figures.
"""
from __future__ import annotations

import argparse
import re
from dataclasses import replace
from pathlib import Path

from analysis.cli.common import CliError, buckets_from_arg, is_book, load_from_args
from analysis.core.engine import engine_errors
from analysis.core.i18n import MessageError, translate

HELP = ("a contact log checked against contact hours, call frequency and third-party rules (China / US Regulation F), "
        "with collections performance per collector, agency, channel and strategy")
#: LOG is not a portfolio: the command reads it (and --portfolio) itself.
LOADS_ITSELF = True

_GROUPS = ("collector", "agency", "branch", "channel", "strategy")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--portfolio", metavar="FILE",
                        help="the portfolio (CSV/XLSX/Parquet or a dataset folder): buckets, cure and roll-forward rates")
    parser.add_argument("--buckets", default="default", metavar="SCHEME",
                        help="buckets of the portfolio's figures: default, m, or DPD edges such as 30,60,90")
    parser.add_argument("--jurisdiction", choices=["cn", "us"], default="cn",
                        help="rules and thresholds: cn (default) or us (Regulation F / FDCPA)")
    parser.add_argument("--window-start", metavar="HH:MM", help="start of the allowed contact hours (default 08:00)")
    parser.add_argument("--window-end", metavar="HH:MM", help="end of the allowed contact hours (default 22:00 cn, 21:00 us)")
    parser.add_argument("--daily-unanswered", type=int, metavar="N",
                        help="unanswered calls allowed per account × recipient × day (cn, default 6)")
    parser.add_argument("--daily-answered", type=int, metavar="N", help="answered calls allowed per account × day (cn, default 3)")
    parser.add_argument("--calls-in-period", type=int, metavar="N", help="calls allowed in 7 consecutive days (us, default 7)")
    parser.add_argument("--quiet-days", type=int, metavar="N",
                        help="days without calls after a conversation, its day included (us, default 7)")
    parser.add_argument("--ab-by", metavar="COLUMN",
                        help="what the A/B test compares: a log column (default strategy) or first_channel")


def _minutes(text: str, lang: str) -> int:
    m = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text or "")
    if not m or int(m.group(1)) > 24 or int(m.group(2)) > 59 or int(m.group(1)) * 60 + int(m.group(2)) > 1440:
        raise CliError(f"not a time of day (HH:MM): {text!r}" if lang == "en" else f"不是有效的时刻（HH:MM）：{text!r}")
    return int(m.group(1)) * 60 + int(m.group(2))


def _limits(args: argparse.Namespace, lang: str):
    from analysis.conduct.contacts import contact_limits

    changes: dict[str, object] = {}
    if args.window_start:
        changes["window_start"] = _minutes(args.window_start, lang)
    if args.window_end:
        changes["window_end"] = _minutes(args.window_end, lang)
    for name in ("daily_unanswered", "daily_answered", "calls_in_period", "quiet_days"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    limits = contact_limits(args.jurisdiction)
    return replace(limits, **changes) if changes else limits


def _records(table) -> list[dict]:
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in rec.items()} for rec in table.to_dict("records")]


def run(args: argparse.Namespace, result=None) -> dict:
    """The contacts JSON; a :class:`CliError` in ``args.lang`` on bad input."""
    from analysis.conduct.contacts import breach_counts, contact_heatmap, find_breaches, read_contact_log
    from analysis.conduct.performance import compare_strategies, performance_table

    lang = getattr(args, "lang", "en")
    if not args.file:
        raise CliError("give the contact log: python -m analysis contacts LOG" if lang == "en"
                       else "请给出联系记录文件：python -m analysis contacts LOG")
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"file not found: {path}" if lang == "en" else f"找不到文件：{path}")
    try:
        limits = _limits(args, lang)
        read = read_contact_log(path.read_bytes(), path.name, sheet=getattr(args, "sheet", None))
    except MessageError as exc:  # ContactsError, IngestError: said in the user's language
        raise CliError(exc.message(lang)) from None
    log = read.log
    buckets = buckets_from_arg(getattr(args, "buckets", None), lang)
    portfolio = _portfolio(args, lang)

    breaches = find_breaches(log, limits, lang=lang)
    performance: dict[str, object] = {}
    try:
        performance["overall"] = _records(performance_table(log, portfolio, by=(), buckets=buckets).drop(columns="group"))[0]
        for col in _GROUPS:
            if col in log.columns and (col != "collector" or (log[col] != "").any()):
                performance[f"by_{col}"] = _records(performance_table(log, portfolio, by=col, buckets=buckets))
        if portfolio is not None:
            performance["by_bucket"] = _records(performance_table(log, portfolio, by="bucket", buckets=buckets))
        performance["strategy_test"] = _strategy_test(args, log, portfolio, lang, compare_strategies, buckets)
    except MessageError as exc:
        raise CliError(exc.message(lang)) from None
    performance["definitions"] = translate("contacts.cli.definitions", lang)
    heat = contact_heatmap(log)
    return {
        "jurisdiction": limits.jurisdiction,
        "contacts": int(len(log)),
        "breaches": [{k: str(b[k]) for k in ("account_id", "collector", "timestamp", "rule", "detail")}
                     for b in breaches.to_dict("records")],
        "by_rule": {k: int(v) for k, v in breach_counts(breaches, limits.rules).items()},
        "performance": performance,
        "limits": {
            "rules": list(limits.rules), "window": limits.window_text(),
            "daily_unanswered": limits.daily_unanswered, "daily_answered": limits.daily_answered,
            "calls_in_period": limits.calls_in_period, "period_days": limits.period_days, "quiet_days": limits.quiet_days,
            "sources": {r: limits.source(r, lang) for r in limits.rules},
        },
        "heatmap": heat.to_numpy().tolist(),
        "rows_rejected": int(len(read.rejected)),
        "time_unknown": int((~read.log["time_known"]).sum()) if "time_known" in read.log else 0,
        "accounts_in_portfolio": (None if portfolio is None or "account_id" not in portfolio else
                                  int(read.log["account_id"].drop_duplicates().isin(
                                      set(portfolio["account_id"].astype(str))).sum())),
        "rejected": _records(read.rejected_report(lang)),
        "language": lang,
        "note": translate("contacts.cli.not_legal_advice", lang),
    }


def _portfolio(args: argparse.Namespace, lang: str):
    """The portfolio of ``--portfolio`` (a book's rows are read whole: the log covers few months)."""
    if not args.portfolio:
        return None
    source = load_from_args(argparse.Namespace(**{**vars(args), "file": args.portfolio, "sheet": None,
                                                  "table": None, "spark": None}))
    if is_book(source):
        try:
            frame = source.book.engine.query("SELECT account_id, month, days_past_due, paid_amount FROM src")
        except engine_errors():  # a book without paid_amount: the three columns buckets need
            frame = source.book.engine.query("SELECT account_id, month, days_past_due FROM src")
        finally:
            source.close()
        return frame
    return source.portfolio


def _strategy_test(args, log, portfolio, lang, compare_strategies, buckets):
    if portfolio is None:
        return None
    by = args.ab_by or ("strategy" if "strategy" in log.columns else "first_channel")
    try:
        result = compare_strategies(log, portfolio, by=by, buckets=buckets)
    except MessageError as exc:
        if args.ab_by:  # asked for: say why it cannot be done
            raise CliError(exc.message(lang)) from None
        return None     # the default comparison is not possible on this log: leave it out
    out = result.to_dict()
    out["caveat_texts"] = result.caveat_texts(lang)
    return out


def render(payload: dict) -> str:
    """A short report for people; ``--json`` is for scripts."""
    lang = payload.get("language", "en")
    lines = [translate("contacts.cli.title", lang, jurisdiction=payload["jurisdiction"], contacts=f"{payload['contacts']:,}",
                       breaches=f"{len(payload['breaches']):,}")]
    if payload["rows_rejected"]:
        lines.append(translate("contacts.cli.rejected", lang, n=f"{payload['rows_rejected']:,}"))
    if payload.get("accounts_in_portfolio") == 0:
        lines.append(translate("contacts.note.no_account_found", lang))
    if payload.get("time_unknown"):
        lines.append(translate("contacts.note.time_unknown", lang, n=payload["time_unknown"]))
    lines.append(translate("contacts.cli.by_rule", lang) + ":")
    for rule, n in payload["by_rule"].items():
        lines.append(f"  {translate(f'contacts.rule.{rule}', lang):<28}{n:>8,}   {payload['limits']['sources'].get(rule, '')}")
    shown = payload["breaches"][:20]
    if shown:
        lines.append(translate("contacts.cli.breaches", lang, n=len(shown)) + ":")
        lines += [f"  {b['timestamp']}  {b['account_id']:<14}{b['collector']:<10}{b['rule']:<20}{b['detail']}" for b in shown]
    rows = payload["performance"].get("by_collector") or []
    if rows:
        lines.append(translate("contacts.cli.collectors", lang) + ":")

        def pct(x):
            return "—" if x is None or x != x else f"{x:.1%}"

        for r in rows:
            lines.append(f"  {r['collector']:<10}{r['contacts']:>7,}  {translate('contacts.perf.contact_rate', lang)} "
                         f"{pct(r['contact_rate'])}  {translate('contacts.perf.rpc_rate', lang)} {pct(r['rpc_rate'])}  "
                         f"{translate('contacts.perf.ptp_rate', lang)} {pct(r['ptp_rate'])}  "
                         f"{translate('contacts.perf.cure_rate', lang)} {pct(r['cure_rate'])}")
    test = payload["performance"].get("strategy_test")
    if test:
        p = test["p_value"]
        lines.append(translate("contacts.cli.strategy", lang, a=test["groups"][0], b=test["groups"][1],
                               rate_a=f"{test['cure_rates'][0]:.1%}", rate_b=f"{test['cure_rates'][1]:.1%}",
                               p="—" if p is None else f"{p:.3f}"))
        cmh = test["cmh_p_value"]
        lines.append(translate("contacts.cli.stratified", lang, p="—" if cmh is None else f"{cmh:.3f}"))
        lines += [f"  · {t}" for t in test["caveat_texts"]]
    lines.append(payload["note"])
    return "\n".join(lines)
