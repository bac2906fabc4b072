"""``python -m analysis causes FILE``: why accounts are overdue in a month, optionally by segment.

JSON: ``{"month", "rows": [{"cause", "label", "count", "balance", "count_share", "balance_share",
"response"[, by-column]}], "unclassified_examples": [{"reason", "count"}, ...]}`` plus
``by``, ``reason_column`` (false when the file has none), ``totals`` (overdue accounts and
balance, unclassified share) and ``drivers`` (the information-value ranking of the mapped
attributes for 30+ DPD, useful above all when there is no reason column).

Rows are the overdue accounts (DPD ≥ 1) of the month; counts per cause sum to them. With
``--by``, shares are the cause mix *within* each segment. A book with no balances adds
``"counts_only": true`` (its balances are the counts; the text shows accounts only).
"""
from __future__ import annotations

from pathlib import Path

from analysis.cli.columns import left, right, width, words
from analysis.causes import dictionary as C
from analysis.causes import drivers as D
from analysis.cli.common import CliError, check_segment, pick_month, rows_for
from analysis.cli.counts import with_counts_flag
from analysis.core.vocabulary import action_label, cause_label
from analysis.warnings.playbook import DEFAULT_CAUSE_RESPONSES

HELP = ("overdue causes of a month: free-text reasons normalised by the keyword dictionary (count, balance, "
        "shares, typical response), optionally by a segment; plus an IV ranking of the attributes")


def add_arguments(parser) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", help="month to show (default: the latest)")
    parser.add_argument("--by", metavar="COL", help="segment column, e.g. product, region, branch")
    parser.add_argument("--dictionary", metavar="FILE", help="keyword dictionary saved from the app (CSV or JSON)")
    parser.add_argument("--examples", type=int, default=20, metavar="N",
                        help="how many unclassified reason texts to list (default 20)")




def run(args, result) -> dict:
    """The causes JSON for an ``IngestResult``.

    Examples
    --------
    >>> import argparse
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> data = "id,month,dpd,balance,逾期原因\\nA,2024-01,0,30,\\nB,2024-01,45,10,客户失业\\nC,2024-01,5,20,忘记还款\\n"
    >>> res = load_portfolio(data.encode("utf-8"), "c.csv")
    >>> out = run(argparse.Namespace(month=None, by=None, dictionary=None, examples=5, lang="en"), res)
    >>> [(r["cause"], r["count"], r["balance_share"]) for r in out["rows"]]
    [('forgot', 1, 0.6666666666666666), ('income_loss', 1, 0.3333333333333333)]
    """
    lang = getattr(args, "lang", "en")
    portfolio, note = rows_for(result, args.month, lang)
    months = sorted(portfolio["month"].astype(str).unique().tolist()) if len(portfolio) else []
    month = pick_month(months, args.month, lang)
    by = args.by
    check_segment(portfolio, by, lang)
    if getattr(args, "examples", 20) < 0:
        raise CliError("--examples must be 0 or more" if lang == "en" else "--examples 不能为负数")
    dictionary = None
    if getattr(args, "dictionary", None):
        path = Path(args.dictionary)
        if not path.is_file():
            raise CliError(f"file not found: {path}" if lang == "en" else f"找不到文件：{path}")
        try:
            dictionary = C.dictionary_from_bytes(path.read_bytes(), path.name)
        except C.CausesError as exc:
            raise CliError(exc.message(lang)) from None

    rows_in_month = portfolio[portfolio["month"] == month]
    payload: dict = {"month": month, "by": by, "reason_column": "overdue_reason" in portfolio.columns,
                     "rows": [], "unclassified_examples": []}
    overdue = rows_in_month[rows_in_month["days_past_due"] >= 1]
    payload["totals"] = {"accounts": int(len(rows_in_month)), "overdue_accounts": int(len(overdue)),
                         "overdue_balance": round(float(overdue["balance"].sum()), 2)}
    if payload["reason_column"]:
        try:
            table = C.overdue_causes(rows_in_month, dictionary)
        except C.CausesError as exc:
            raise CliError(exc.message(lang)) from None
        if by is None:
            frame = C.cause_pareto(table, month, "balance")
        else:
            frame = C.cause_breakdown(table, by, month)
            frame = frame[frame["count"] > 0]
        for rec in frame.to_dict("records"):
            row = {"cause": str(rec["cause"]), "label": cause_label(str(rec["cause"]), lang),
                   "count": int(rec["count"]), "balance": round(float(rec["balance"]), 2),
                   "count_share": rec["count_share"], "balance_share": rec["balance_share"],
                   "response": DEFAULT_CAUSE_RESPONSES.get(str(rec["cause"]), "call")}
            if by is not None:
                row[by] = str(rec[by])
            payload["rows"].append(row)
        examples = C.unclassified_reasons(overdue["overdue_reason"], dictionary, limit=args.examples)
        payload["unclassified_examples"] = [{"reason": str(r.reason), "count": int(r.count)}
                                            for r in examples.itertuples(index=False)]
        stated = int((table["cause"] != "unknown").sum())
        payload["totals"]["unclassified_share"] = float(table["unclassified"].sum() / stated) if stated else None
    try:
        frame = D.driver_frame(portfolio, month)
        ranking = D.information_value(frame)
        payload["drivers"] = {"target": "30+ DPD", "iv": [
            {"attribute": r.attribute, "iv": round(float(r.iv), 4), "strength": r.strength,
             "riskiest_bin": str(r.riskiest_bin), "riskiest_rate": float(r.riskiest_rate)}
            for r in ranking.itertuples(index=False)]}
    except D.DriversError as exc:
        payload["drivers"] = {"target": "30+ DPD", "iv": [], "note": exc.message(lang)}
    if note:
        payload["note"] = note
    return with_counts_flag(payload, result)


def render(payload: dict, lang: str = "en") -> str:
    """A plain table for people, in ``lang``."""
    w = words(lang)
    by = payload.get("by")
    lines = [w("causes_title", month=payload["month"])]
    tot = payload["totals"]
    counts = payload.get("counts_only", False)  # no balances: the balance columns would repeat the counts
    lines.append(w("causes_totals", overdue=f"{tot['overdue_accounts']:,}", accounts=f"{tot['accounts']:,}")
                 + ("" if counts else w("causes_balance", balance=f"{tot['overdue_balance']:,.2f}")))
    if not payload["reason_column"]:
        lines.append(w("no_reason_column"))
    else:
        cw = max([width(r["cause"] if lang == "en" else cause_label(r["cause"], lang)) + 2 for r in payload["rows"]] + [22])
        head = (left(w("cause"), cw) + (left(by, 16) if by else "") + right(w("count"), 9) + right(w("share"), 9)
                + ("" if counts else right(w("balance"), 18) + right(w("share"), 9)) + "  " + w("response"))
        lines.append(head)
        for r in payload["rows"]:
            seg = left(r[by], 16) if by else ""
            money = "" if counts else f"{right(r['balance'], 18, ',.2f')}{right(_pct(r['balance_share']), 9)}"
            cause, response = (r["cause"], r["response"]) if lang == "en" else \
                (cause_label(r["cause"], lang), action_label(r["response"], lang))
            lines.append(f"{left(cause, cw)}{seg}{right(r['count'], 9, ',')}{right(_pct(r['count_share']), 9)}{money}  {response}")
        if payload["unclassified_examples"]:
            lines.append(w("unclassified_reasons") + w("colon"))
            lines += [f"  {right(e['count'], 6, ',')}  {e['reason']}" for e in payload["unclassified_examples"]]
    iv = payload.get("drivers", {}).get("iv", [])
    if iv:
        lines.append(w("iv_title") + w("colon"))
        lines += [f"  {left(r['attribute'], 20)}{right(r['iv'], 8, '.3f')}  {r['strength']}" for r in iv]
    return "\n".join(lines)


def _pct(value) -> str:
    return "–" if value is None or value != value else f"{value * 100:.2f}%"
