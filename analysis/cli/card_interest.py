"""``python -m analysis card-interest INPUT.json``: a card statement's interest, late fee and
next month's total due (the definitions are in :mod:`analysis.arrangements.card_interest`).

INPUT is one JSON object::

    {"statement_date": "YYYY-MM-DD", "due_date": "YYYY-MM-DD", "next_statement_date": "YYYY-MM-DD",
     "transactions": [{"posting_date": "YYYY-MM-DD", "amount": x}], "fees_and_interest": x,
     "payment": x, "daily_rate": 0.0005, "method": "full" | "unpaid", "min_payment_share": 0.10,
     "late_fee_rate": 0.05, "late_fee_floor": 0}

The JSON printed (keys may be added, never renamed)::

    {"statement_balance", "minimum_payment", "interest", "late_fee", "total_due_next", "method",
     "payment", "transactions_total", "unpaid_transactions"}
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from analysis.cli.columns import left, right, words
from analysis.cli.common import CliError
from analysis.core.i18n import JSON_TOO_DEEP, translate

HELP = "a card statement's interest (全额计息 or 按未还部分计息), late fee and total due next month, from INPUT.json"
#: FILE is the input JSON, not a portfolio: the dispatcher must not load it.
LOADS_ITSELF = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--method", choices=["full", "unpaid"],
                        help="override the input's method: full (全额计息) or unpaid (按未还部分计息)")


def run(args: argparse.Namespace, result=None) -> dict:
    """Compute the statement in ``args.file``; :class:`CliError` in ``args.lang`` on bad input."""
    from analysis.arrangements.card_interest import CardInterestError, card_interest, statement_from_dict

    lang = getattr(args, "lang", "en")
    data = read_json(args.file, lang)
    try:
        statement = statement_from_dict(data)
        r = card_interest(statement, args.method)
    except CardInterestError as exc:
        raise CliError(exc.message(lang)) from None
    return {"statement_balance": r.statement_balance, "minimum_payment": r.minimum_payment,
            "interest": r.interest, "late_fee": r.late_fee, "total_due_next": r.total_due_next,
            "method": r.method, "payment": r.payment, "transactions_total": r.transactions_total,
            "unpaid_transactions": r.unpaid_transactions}


def read_json(file: str | None, lang: str) -> object:
    """The JSON value in ``file``; :class:`CliError` saying what went wrong otherwise."""
    if not file:
        raise CliError(translate("calc.err.no_file", lang))
    path = Path(file)
    if not path.is_file():
        raise CliError(translate("calc.err.file_not_found", lang, path=path))
    try:
        text = path.read_bytes().decode("utf-8-sig")  # Windows editors write a BOM
    except OSError as exc:
        raise CliError(translate("calc.err.unreadable", lang, path=path, detail=exc.strerror)) from None
    except UnicodeDecodeError as exc:
        raise CliError(translate("calc.err.unreadable", lang, path=path, detail=f"not UTF-8 ({exc.reason})")) from None
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise CliError(translate("calc.err.bad_json", lang, path=path, line=getattr(exc, "lineno", 1),
                                 col=getattr(exc, "colno", 1), detail=getattr(exc, "msg", JSON_TOO_DEEP))) from None


def render(payload: dict, lang: str = "en") -> str:
    """The figures for people, in ``lang``; ``--json`` is for scripts."""
    w = words(lang)
    method = translate(f"calc.method.short.{payload['method']}", lang)  # the JSON keeps the key
    rows = [(w("method"), method), (w("statement_balance"), payload["statement_balance"]),
            (w("minimum_payment"), payload["minimum_payment"]), (w("payment"), payload["payment"]),
            (w("unpaid_transactions"), payload["unpaid_transactions"]), (w("interest"), payload["interest"]),
            (w("late_fee"), payload["late_fee"]), (w("total_due_next"), payload["total_due_next"])]
    return "\n".join(left(name, 22) + (right(value, 14, ",.2f") if isinstance(value, float) else right(value, 14))
                     for name, value in rows)
