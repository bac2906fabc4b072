"""The true annual rate of a fee-type instalment plan (分期手续费的实际年化利率).

A card instalment of principal P over n months at a fee of f per month is repaid as P/n of
principal plus P·f of fee every month. The fee is charged on the original principal although
the balance falls month by month, so the cost of the credit — the internal rate of return of
the cash flows — is well above the nominal 12·f and nears twice it as n grows (1.8 times at 12
months). Chinese regulation asks banks to show this annualised rate beside the fee rate.

In cents, as a schedule states them: every month's principal is P/n rounded to the cent, the
last month absorbing the remainder so the principal repaid sums to P exactly; the fee is P·f
rounded to the cent every month. The monthly rate i solves
P = Σₖ paymentₖ / (1 + i)ᵏ on those cent figures; the annual rates are 12·i (nominal) and
(1 + i)¹² − 1 (effective).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.optimize import brentq

from analysis.core.i18n import MessageError
from analysis.core.units import fen

MAX_MONTHS = 360
#: The highest monthly fee rate taken (10 % a month, 120 % a year): card instalment fees are
#: around 0.6 % a month; a higher figure is almost always a percentage typed as a share.
MAX_FEE_RATE = 0.10


class InstalmentError(MessageError):
    """An impossible instalment input; ``message(lang)`` says what is wrong and how to fix it."""


@dataclass(frozen=True)
class InstalmentMonth:
    """One line of the schedule, in cents."""

    month: int
    payment: float
    principal: float
    fee: float


@dataclass(frozen=True)
class InstalmentPlan:
    """The schedule and what it costs as an annual rate.

    ``payment`` is the regular monthly payment (month 1's; only the last month's may differ, by
    the principal's rounding remainder). Rates are fractions (0.13 is 13 %), not rounded.
    """

    principal: float
    fee_rate: float
    months: int
    schedule: tuple[InstalmentMonth, ...]
    payment: float
    total_fee: float
    irr_monthly: float
    apr_nominal: float
    apr_effective: float
    fee_rate_nominal_annual: float


def instalment_plan(principal: float, fee_rate: float, months: int) -> InstalmentPlan:
    """The schedule of a fee-type instalment and its IRR-based annual rates.

    Parameters
    ----------
    principal : float
        P, the amount split into instalments (> 0).
    fee_rate : float
        f, the fee per month as a fraction of P (0.006 is 0.6 % a month; ≥ 0).
    months : int
        n, the number of monthly instalments, 1 to 360.

    Returns
    -------
    InstalmentPlan

    Raises
    ------
    InstalmentError
        For n outside 1–360, a principal ≤ 0 or a negative fee rate.

    Examples
    --------
    0.6 % a month over 12 months on 12,000 is 7.2 % a year on paper, about 13 % in truth:

    >>> plan = instalment_plan(12_000, 0.006, 12)
    >>> plan.payment, plan.schedule[0].fee, plan.total_fee
    (1072.0, 72.0, 864.0)
    >>> round(plan.fee_rate_nominal_annual, 4), round(plan.apr_nominal, 6), round(plan.apr_effective, 6)
    (0.072, 0.130342, 0.138418)

    Without a fee the credit costs nothing:

    >>> instalment_plan(1000, 0, 3).irr_monthly
    0.0
    """
    principal, fee_rate, months = _checked(principal, fee_rate, months)
    schedule = _schedule(principal, fee_rate, months)
    i = _irr_monthly(principal, [m.payment for m in schedule])
    return InstalmentPlan(
        principal=principal, fee_rate=fee_rate, months=months, schedule=schedule,
        payment=schedule[0].payment, total_fee=fen(sum(m.fee for m in schedule)),
        irr_monthly=i, apr_nominal=12 * i, apr_effective=(1 + i) ** 12 - 1,
        fee_rate_nominal_annual=12 * fee_rate,
    )


def _checked(principal: object, fee_rate: object, months: object) -> tuple[float, float, int]:
    for name, value in (("principal", principal), ("fee_rate", fee_rate)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InstalmentError("calc.err.not_number", field=name, value=value)
    if isinstance(months, bool) or not isinstance(months, int) and not (isinstance(months, float) and months.is_integer()):
        raise InstalmentError("calc.err.months", value=months, max=MAX_MONTHS)
    months = int(months)
    if not 1 <= months <= MAX_MONTHS:
        raise InstalmentError("calc.err.months", value=months, max=MAX_MONTHS)
    if principal <= 0:
        raise InstalmentError("calc.err.principal", value=principal)
    if fee_rate < 0:
        raise InstalmentError("calc.err.negative", field="fee_rate", value=fee_rate)
    if fee_rate > MAX_FEE_RATE:
        # 0.6 typed for 0.6 %: a fee of 60 % a month (720 % a year) is no instalment plan, and over
        # years its true rate overflowed the arithmetic (a traceback)
        raise InstalmentError("calc.err.fee_rate_high", value=fee_rate, max=f"{MAX_FEE_RATE:.0%}",
                              meant=f"{fee_rate / 100:g}")
    return float(principal), float(fee_rate), months


def _schedule(principal: float, fee_rate: float, months: int) -> tuple[InstalmentMonth, ...]:
    regular = fen(principal / months)  # half up (四舍五入), as every amount here
    # The last month takes the remainder so the principal repaid is exactly P (in cents).
    last = fen(principal - regular * (months - 1))
    if last < 0 or regular <= 0:  # a few cents over many months: nothing (or too much) each month
        raise InstalmentError("calc.err.too_small", principal=principal, months=months)
    fee = fen(principal * fee_rate)
    rows = []
    for k in range(1, months + 1):
        part = regular if k < months else last
        rows.append(InstalmentMonth(month=k, payment=fen(part + fee), principal=part, fee=fee))
    return tuple(rows)


def _irr_monthly(principal: float, payments: list[float]) -> float:
    """The monthly rate at which the payments' present value is the principal."""
    if sum(payments) <= principal + 1e-9:  # no fee (or fees that round to nothing): no cost
        return 0.0

    def npv(i: float) -> float:
        return principal - sum(p / (1 + i) ** k for k, p in enumerate(payments, start=1))

    high = 1.0
    while npv(high) < 0:  # npv rises from Σ − P < 0 at 0 towards P as i grows
        high *= 2
    return brentq(npv, 0.0, high, xtol=1e-15, maxiter=500)


__all__ = ["MAX_FEE_RATE", "MAX_MONTHS", "InstalmentError", "InstalmentMonth", "InstalmentPlan", "instalment_plan"]
