"""``python -m analysis instalment --principal P --fee-rate f --months n``: a fee-type
instalment's schedule and its true annual rate (IRR-based; see
:mod:`analysis.arrangements.instalment`).

The JSON printed (keys may be added, never renamed); rates are fractions (0.13 is 13 %)::

    {"payment", "schedule": [{"month", "payment", "principal", "fee"}], "irr_monthly",
     "apr_nominal", "apr_effective", "fee_rate_nominal_annual", "principal", "fee_rate",
     "months", "total_fee"}
"""
from __future__ import annotations

import argparse

from analysis.cli.columns import left, right, words
from analysis.cli.common import CliError
from analysis.core.i18n import translate

HELP = "an instalment plan's schedule and true annual rate (IRR: nominal 12·i and effective) beside the nominal fee rate"
#: No FILE: the figures come from the options.
LOADS_ITSELF = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--principal", type=float, required=True, metavar="P", help="the amount split into instalments")
    parser.add_argument("--fee-rate", type=float, required=True, metavar="f",
                        help="fee per month as a fraction of the principal, e.g. 0.006 for 0.6%%")
    parser.add_argument("--months", type=int, required=True, metavar="n", help="number of monthly instalments, 1-360")


def run(args: argparse.Namespace, result=None) -> dict:
    """The plan; :class:`CliError` in ``args.lang`` on bad input."""
    from analysis.arrangements.instalment import InstalmentError, instalment_plan

    lang = getattr(args, "lang", "en")
    if getattr(args, "file", None):
        raise CliError(translate("calc.err.takes_no_file", lang))
    try:
        plan = instalment_plan(args.principal, args.fee_rate, args.months)
    except InstalmentError as exc:
        raise CliError(exc.message(lang)) from None
    return {"payment": plan.payment,
            "schedule": [{"month": m.month, "payment": m.payment, "principal": m.principal, "fee": m.fee}
                         for m in plan.schedule],
            "irr_monthly": plan.irr_monthly, "apr_nominal": plan.apr_nominal, "apr_effective": plan.apr_effective,
            "fee_rate_nominal_annual": plan.fee_rate_nominal_annual, "principal": plan.principal,
            "fee_rate": plan.fee_rate, "months": plan.months, "total_fee": plan.total_fee}


def render(payload: dict, lang: str = "en") -> str:
    """The schedule and the rates for people, in ``lang``; ``--json`` is for scripts."""
    w = words(lang)
    lines = [right(w("period"), 5) + right(w("payment"), 14) + right(w("principal"), 14) + right(w("fee"), 12)]
    lines += [f"{right(m['month'], 5)}{right(m['payment'], 14, ',.2f')}{right(m['principal'], 14, ',.2f')}{right(m['fee'], 12, ',.2f')}" for m in payload["schedule"]]
    lines += [left(w("monthly_payment"), 29) + f"{payload['payment']:,.2f}",
              left(w("total_fees"), 29) + f"{payload['total_fee']:,.2f}",
              left(w("fee_rate_nominal"), 29) + f"{payload['fee_rate_nominal_annual']:.2%}  " + w("fee_rate_nominal_how"),
              left(w("apr_nominal"), 29) + f"{payload['apr_nominal']:.2%}  "
              + w("apr_nominal_how", irr=f"{payload['irr_monthly']:.4%}"),
              left(w("apr_effective"), 29) + f"{payload['apr_effective']:.2%}  ((1 + IRR)^12 − 1)"]
    return "\n".join(lines)
