"""Headline figures of a month with their month-on-month change, and the small trend series.

The landing page, the meeting report and the CLI all show the same seven figures: accounts,
balance, overdue balance, ``dpd30_rate``, ``dpd90_rate``, the collections entry rate (入催率)
and the number of warned accounts. Everything except the warned accounts comes from the data
core's rate and transition cubes (:func:`monthly_summary` reads a few hundred rows whatever the
size of the book); the warned accounts come from the early-warning analysis and are passed in.
The monthly figures are those of :func:`analysis.trend.series.trend_table`, relabelled, so no page
disagrees.

Conventions
-----------
* Rates are shares of the book by the chosen measure (balance or count), as
  :func:`analysis.core.rates.delinquency_rates` computes them.
* The entry rate of month *M* is the share of the book Current at *M-1* (by the same measure)
  that is 1+ DPD at *M*; accounts that left the book stay in the base
  (:func:`analysis.trend.series.entry_rates`).
* The month-on-month change of a rate is a difference in percentage points (stored as a share:
  0.004 = 0.4 pp); of a count or amount it is the absolute difference and the relative change.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.core.rates import shift_month

if TYPE_CHECKING:  # the data core pulls in DuckDB; only the type is needed here
    from analysis.core import Cubes

#: The headline figures in display order.
METRICS = ("accounts", "balance", "overdue_balance", "dpd30_rate", "dpd90_rate", "entry_rate", "warned_accounts")
#: How each figure is written: counts, amounts (in the chosen unit) or rates (%; changes in pp).
METRIC_KINDS = {
    "accounts": "count", "balance": "amount", "overdue_balance": "amount", "overdue_rate": "rate",
    "dpd30_rate": "rate", "dpd90_rate": "rate", "entry_rate": "rate", "warned_accounts": "count",
}
#: Figures where a rise is bad news (colours the change red on the page).
RISING_IS_BAD = {"overdue_balance", "overdue_rate", "dpd30_rate", "dpd90_rate", "entry_rate", "warned_accounts"}

_SUMMARY_COLUMNS = ("month", "accounts", "balance", "overdue_balance", "overdue_rate", "dpd30_rate",
                    "dpd90_rate", "dpd30_balance", "dpd90_balance", "entry_rate", "entry_base")


def _check_cubes(cubes: Cubes) -> None:
    if not (hasattr(cubes, "rates") and hasattr(cubes, "transitions")):
        raise TypeError("cubes must be an analysis.core.Cubes (book.cubes(buckets, month_range, segments))")


def monthly_summary(cubes: Cubes, measure: str = "balance") -> pd.DataFrame:
    """One row per month with the figures the overview shows (all but the warned accounts).

    A view of :func:`analysis.trend.series.trend_table` on the data core's rate and transition cubes,
    so the overview, the trend page, the aging page and the report print the same figures.

    Parameters
    ----------
    cubes : analysis.core.Cubes
        The cubes of the data, filters and buckets in use (``state.cubes()`` in the app).
    measure : {"balance", "count"}
        Basis of ``overdue_rate``, ``dpd30_rate``, ``dpd90_rate`` and ``entry_rate``.

    Returns
    -------
    DataFrame
        ``month``, ``accounts``, ``balance``, ``overdue_balance`` (balance of accounts 1+ DPD),
        ``overdue_rate``, ``dpd30_rate``, ``dpd90_rate``, ``dpd30_balance``, ``dpd90_balance``,
        ``entry_rate`` (NaN for the first month and after a gap) and ``entry_base``.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [150.0, 50.0]})
    >>> monthly_summary(book_from_portfolio(df).cubes())[["accounts", "overdue_balance", "dpd30_rate"]].values.tolist()
    [[2.0, 50.0, 0.25]]
    """
    from analysis.trend.series import trend_table

    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    _check_cubes(cubes)
    table = trend_table(cubes.rates(), cubes.transitions(), measure)
    out = table.rename(columns={"count": "accounts"})
    out["month"] = out["month"].astype(str)
    out["accounts"] = out["accounts"].astype(np.int64)
    return out[list(_SUMMARY_COLUMNS)].sort_values("month", kind="stable").reset_index(drop=True)


def headline_figures(summary: pd.DataFrame, month: str | None = None,
                     warned: tuple[int, int | None] | None = None) -> pd.DataFrame:
    """The headline figures of ``month`` next to the month before.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`monthly_summary`.
    month : str, optional
        ``YYYY-MM``; default the latest month.
    warned : (int, int or None), optional
        Warned accounts this month and last month (from the early-warning analysis); the row is
        left out when not given.

    Returns
    -------
    DataFrame
        One row per metric in :data:`METRICS` order: ``metric``, ``kind`` (count/amount/rate),
        ``month``, ``value``, ``previous_month``, ``previous``, ``change`` (value - previous;
        for rates a share, i.e. 0.004 = 0.4 pp) and ``change_pct`` (relative change, counts and
        amounts only). Without a month before, the previous columns are NaN.

    Raises
    ------
    ValueError
        When ``month`` is not in the summary.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-01", "2024-02"], "accounts": [10, 12], "balance": [100.0, 90.0],
    ...                   "overdue_balance": [5.0, 6.0], "overdue_rate": [.05, .0667], "dpd30_rate": [.02, .03],
    ...                   "dpd90_rate": [.01, .01], "entry_rate": [float("nan"), .1]})
    >>> h = headline_figures(s).set_index("metric")
    >>> float(round(h.loc["dpd30_rate", "change"], 4)), float(h.loc["accounts", "change_pct"])
    (0.01, 0.2)
    """
    if not len(summary):
        raise ValueError("the summary is empty: no months to report")
    months = summary["month"].astype(str).tolist()
    month = month or months[-1]
    if month not in months:
        raise ValueError(f"month {month!r} is not in the data ({months[0]} to {months[-1]})")
    row = summary.iloc[months.index(month)]
    prev_month = shift_month(month, -1)
    prev = summary.iloc[months.index(prev_month)] if prev_month in months else None
    records = []
    for metric in METRICS:
        if metric == "warned_accounts":
            if warned is None:
                continue
            value, previous = warned[0], warned[1]
        else:
            value = row[metric]
            previous = prev[metric] if prev is not None else np.nan
        value = float(value) if value is not None else np.nan
        previous = float(previous) if previous is not None else np.nan
        kind = METRIC_KINDS[metric]
        change = value - previous
        pct = change / previous if kind != "rate" and previous and not np.isnan(previous) else np.nan
        records.append({
            "metric": metric, "kind": kind, "month": month, "value": value,
            "previous_month": prev_month if prev is not None else None,
            "previous": previous, "change": change, "change_pct": pct,
        })
    return pd.DataFrame.from_records(records)


def headline_trends(summary: pd.DataFrame, month: str | None = None, months: int = 13,
                    metrics: tuple[str, ...] = ("accounts", "balance", "overdue_balance", "dpd30_rate",
                                                 "dpd90_rate", "entry_rate")) -> pd.DataFrame:
    """The last ``months`` values of each figure up to ``month``, long format, for sparklines.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "dpd30_rate": [.01, .02, .03]})
    >>> headline_trends(s, "2024-02", metrics=("dpd30_rate",))["value"].tolist()
    [0.01, 0.02]
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    upto = summary[summary["month"].astype(str) <= (month or str(summary["month"].max()))].tail(months)
    present = [m for m in metrics if m in upto.columns]
    long = upto.melt(id_vars="month", value_vars=present, var_name="metric", value_name="value")
    long["kind"] = long["metric"].map(METRIC_KINDS)
    return long.reset_index(drop=True)


__all__ = ["METRICS", "METRIC_KINDS", "RISING_IS_BAD", "headline_figures", "headline_trends",
           "monthly_summary"]
