"""``python -m analysis arrangement FILE --bucket B``: what each repayment arrangement is worth.

The JSON object (keys may be added, never renamed)::

    {"segment": {"month", "bucket", "cause_class", "account_id"}, "accounts", "balance",
     "options": [{"name", "kind", "npv", "value_vs_none", "expected_loss", "cure_probability",
                  "redefault", "undiscounted", "cash_flows": [{"month", "expected"}]}],
     "best", "baseline_usable" (false: "no arrangement" leaves most of the balance unresolved,
     so no option is named best on screen or in the text; "best" is still the highest NPV),
     "assumptions": {"discount_rate", "contract_rate", "recovery_rate", "recovery_lag", "chargeoff_dpd",
                     "chargeoff_delay_months", "months", "measure", "chargeoff_buckets", "roll_rates",
                     "assumed_rows", "redefault", "take_up", "contract_rate_source", "redefault_source",
                     "book_redefault": {"rate", "accounts", "defaulted", "column", "first_months",
                                        "horizon_months"} or null},
     "sensitivity": {"redefault": [{"value", "name", "npv", "best"}], "recovery": [...]},
     "warnings": ["..."]}

Money is rounded to the cent; probabilities are fractions.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.cli.columns import left, right, words
from analysis.cli.common import (CliError, book_of, buckets_from_arg, is_book, month_pairs, months_of_source, pick_month,
                                 rows_for)

HELP = ("compare repayment arrangements (grace, instalments, interest freeze, settlement) with collecting "
        "as now, for a bucket (and cause class) or one account: NPV, expected loss, cure probability")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bucket", metavar="KEY", help="overdue bucket of the segment, e.g. 31-60")
    parser.add_argument("--cause-class", metavar="WILLINGNESS/HARDSHIP",
                        help="only accounts of this cause class, e.g. unable/temporary (needs reasons)")
    parser.add_argument("--account", metavar="ID", help="one account instead of a segment")
    parser.add_argument("--month", metavar="YYYY-MM", help="month of the segment (default: the latest)")
    parser.add_argument("--options", metavar="OPTIONS.json",
                        help='options and assumptions: {"assumptions": {...}, "options": [{"kind": ...}]}')
    parser.add_argument("--window", type=month_pairs, default=6, metavar="N",
                        help="month pairs pooled for the roll rates, ending at --month (default 6, as the aging page)")
    parser.add_argument("--measure", choices=["balance", "count"], default="balance",
                        help="roll rates as shares of balance (default) or of accounts")
    parser.add_argument("--buckets", default="default", metavar="SCHEME",
                        help="default, m (M0-M6+) or the upper DPD edges, e.g. 30,60,90,180")


def run(args: argparse.Namespace, result) -> dict:
    """The comparison JSON; a :class:`CliError` in ``args.lang`` on bad input.

    Examples
    --------
    >>> import argparse
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> csv = (b"id,month,dpd,balance\\nA,2024-01,40,100\\nA,2024-02,0,100\\n"
    ...        b"B,2024-01,40,100\\nB,2024-02,100,100\\nB,2024-03,100,100\\nA,2024-03,40,100\\n")
    >>> ns = argparse.Namespace(bucket="31-60", cause_class=None, account=None, month=None, options=None,
    ...                         window=6, measure="balance", buckets="default", lang="en")
    >>> out = run(ns, load_portfolio(csv, "a.csv"))
    >>> out["accounts"], out["options"][0]["cure_probability"]
    (1, 0.5)
    """
    from analysis.arrangements import options as O
    from analysis.arrangements.payload import comparison_payload, redefault_record
    from analysis.arrangements.redefault import book_redefault
    from analysis.arrangements.segment import contract_rate, rate_note, select_segment
    from analysis.core.i18n import MessageError, translate
    from analysis.core.rates import shift_month

    lang = getattr(args, "lang", "en")
    if not args.bucket and not args.account:
        raise CliError("give --bucket (e.g. --bucket 31-60) or --account" if lang == "en"
                       else "请指定 --bucket（例如 --bucket 31-60）或 --account")
    buckets = buckets_from_arg(args.buckets, lang)
    months = months_of_source(result)
    month = pick_month(months, args.month, lang)
    try:
        options, assumptions, rate_given = _options(args, lang)
        panel, _ = rows_for(result, month, lang)
        pairs = [m for m in months if shift_month(m, 1) in set(months)]
        window = O.roll_window(months, pairs, month, args.window)
        book, owned = book_of(result, (window[0], shift_month(window[-1], 1)))
        try:
            rolls = book.cubes(buckets, month_range=(window[0], shift_month(window[-1], 1))).transitions()
        finally:
            if owned:
                book.close()
        segment, rows = select_segment(panel, month, buckets, bucket=args.bucket, cause_class=args.cause_class,
                                       account_id=args.account)
        rate = contract_rate(rows)
        if rate is not None and not rate_given:
            assumptions = O.replace(assumptions, contract_rate=min(1.0, max(0.0, rate)))
        chain = O.collection_chain(rolls, buckets, window, args.measure, assumptions.chargeoff_dpd)
        # A dataset hands over one month's rows: no history to follow arranged accounts through.
        own = None if is_book(result) else book_redefault(panel, assumptions.chargeoff_dpd)
        options = O.with_default_redefault(options, own.rate if own else None)
        comparison = O.compare_options(options, chain, segment, assumptions, lang)
        sens = {f: O.sensitivity(comparison, f, lang=lang) for f in ("redefault", "recovery")}
    except MessageError as exc:
        raise CliError(exc.message(lang)) from None
    record = O.assumptions_record(comparison)
    record["contract_rate_source"] = "data" if rate is not None and not rate_given else "assumption"
    record.update(redefault_record(own))
    out = comparison_payload(comparison, record, sens)
    out["warnings"] = O.comparison_warnings(comparison, lang)
    unusable = rate_note(rows)
    if unusable is not None and not rate_given:
        out["warnings"].append(translate(unusable[0], lang, **unusable[1]))
    for text in out["warnings"]:
        print(f"warning: {text}", file=sys.stderr)
    return out


def _options(args, lang: str):
    """The options, the assumptions, and whether the file names a contract rate (it then wins over
    the data's); the file is read once."""
    import json

    from analysis.arrangements import options as O

    if not args.options:
        return O.default_options(), O.ArrangementAssumptions(), False
    path = Path(args.options)
    if not path.is_file():
        raise CliError(f"options file not found: {path}" if lang == "en" else f"找不到方案文件：{path}")
    data = path.read_bytes()
    options, assumptions = O.options_from_json(data)  # refuses unreadable JSON with a message
    payload = json.loads(data)
    given = isinstance(payload, dict) and "contract_rate" in (payload.get("assumptions") or {})
    return options, assumptions, given


def render(out: dict, lang: str = "en") -> str:
    """The options side by side for people, in ``lang``."""
    w = words(lang)
    seg = out["segment"]
    who = seg["account_id"] or w("bucket_of", bucket=seg["bucket"]) + (f", {seg['cause_class']}" if seg["cause_class"] else "")
    a = out["assumptions"]
    lines = [w("arrangement_title", who=who, month=seg["month"], accounts=f"{out['accounts']:,}",
               balance=f"{out['balance']:,.2f}"),
             left(w("option"), 48) + right("NPV", 16) + right(w("vs_none"), 16) + right(w("exp_loss"), 16)
             + right(w("cure"), 8)]
    for o in out["options"]:
        lines.append(f"{left(o['name'][:47], 48)}{right(o['npv'], 16, ',.2f')}{right(o['value_vs_none'], 16, ',.2f')}"
                     f"{right(o['expected_loss'], 16, ',.2f')}{right(o['cure_probability'] * 100, 7, '.1f')}%")
    lines.append(w("best", name=out["best"]) if out.get("baseline_usable", True) else w("no_best"))
    lines.append(w("arrangement_basis", start=a["months"][0], end=a["months"][-1], measure=w(f"by_{a['measure']}"),
                   rate=f"{a['discount_rate'] * 100:g}", recovery=f"{a['recovery_rate'] * 100:g}", lag=a["recovery_lag"],
                   dpd=a["chargeoff_dpd"]))
    return "\n".join(lines)
