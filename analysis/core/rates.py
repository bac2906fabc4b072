"""Month arithmetic and what is read off the data core's cubes: rates and roll-rate matrices.

The cubes themselves are defined once, as SQL, in :mod:`analysis.core` (months are calendar
months; an account at month *t* is paired with itself at *t+1*; an account missing from a month
that is in the book *exited* and has its own ``exit`` column; a month missing from the book is
unknown, not an exit). This module holds the small functions that turn those cubes into the
figures people read.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.core.cubes import RATE_THRESHOLDS, month_index, month_label


#: ``"2024-03"`` → months since year 0 (consecutive months differ by exactly 1), and back: the
#: data core's month index, under the names the analysis modules know.
month_ordinal = month_index
month_from_ordinal = month_label


def shift_month(month: str, n: int) -> str:
    """The month ``n`` calendar months after ``month`` (negative goes back).

    Examples
    --------
    >>> shift_month("2024-01", -1)
    '2023-12'
    """
    return month_from_ordinal(month_ordinal(month) + n)


def delinquency_rates(rates: pd.DataFrame, measure: str = "balance") -> pd.DataFrame:
    """Add ``overdue_rate``, ``dpd30_rate`` and ``dpd90_rate`` (shares by ``measure``) to a rate cube.

    Parameters
    ----------
    rates : DataFrame
        ``Cubes.rates()`` (:mod:`analysis.core`).
    measure : {"balance", "count"}

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [150.0, 50.0]})
    >>> delinquency_rates(book_from_portfolio(df).cubes().rates())["dpd30_rate"].tolist()
    [0.25]
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    denom = rates[measure].to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = {
            f"{name}_rate": np.where(denom > 0, rates[f"{name}_{measure}"] / denom, np.nan)
            for name in RATE_THRESHOLDS
        }
    return rates.assign(**ratios)


def roll_rate_matrix(
    rolls: pd.DataFrame, months: list[str] | None = None, measure: str = "count"
) -> pd.DataFrame:
    """From-bucket × to-bucket roll rates (plus ``exit``), pooled over the chosen from-months.

    Pooling sums the flows of all chosen months before dividing, so a month with a larger book
    weighs more (the usual "average roll rate" of a window).

    Parameters
    ----------
    rolls : DataFrame
        Output of :func:`roll_cube` (any ``by`` columns are summed over).
    months : list of str, optional
        From-months to pool; default all.
    measure : {"count", "balance"}
        Share of accounts, or of balance at month t.

    Returns
    -------
    DataFrame
        Index: from-bucket keys; columns: to-bucket keys then ``"exit"``. Each row sums to 1;
        a bucket with nothing in it gives a row of NaN.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b", "b"], "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 0, 20], "balance": [1.0, 1.0, 3.0, 3.0]})
    >>> roll_rate_matrix(book_from_portfolio(df).cubes().transitions()).loc["Current", ["Current", "1-30"]].tolist()
    [0.5, 0.5]
    """
    if measure not in ("count", "balance"):
        raise ValueError("measure must be 'count' or 'balance'")
    counts = roll_flow_matrix(rolls, months, measure)
    totals = counts.sum(axis=1)
    return counts.div(totals.where(totals > 0), axis=0)


def roll_flow_matrix(
    rolls: pd.DataFrame, months: list[str] | None = None, measure: str = "count"
) -> pd.DataFrame:
    """The flows behind :func:`roll_rate_matrix`: accounts (or balance at t) from × to."""
    rows = rolls if months is None else rolls[rolls["month"].isin(months)]
    from_keys = list(rolls["bucket"].cat.categories)
    to_keys = list(rolls["next_bucket"].cat.categories)
    table = rows.pivot_table(index="bucket", columns="next_bucket", values=measure,
                             aggfunc="sum", observed=False, fill_value=0)
    return table.reindex(index=from_keys, columns=to_keys, fill_value=0).rename_axis(
        index="from_bucket", columns="to_bucket"
    ).astype(float)
