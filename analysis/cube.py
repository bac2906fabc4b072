"""Portfolio → cubes. The heavy row work (bucketing, pairing month t with t+1) happens here, once.

:func:`bucketed_panel` runs once per upload and bucket choice; the cube functions aggregate it
(tens of milliseconds on millions of rows) and every page works on their small results.

Months are calendar months (``YYYY-MM``): an account at month *t* is paired with the same
account at the next calendar month. When that next month is in the book but the account is not,
the account *exited* (paid off, written off, sold) and is counted in the ``exit`` column, never
dropped. When the next calendar month is not in the book at all (the last month, or a gap in
the data), there is no pair and ``next_bucket`` is missing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.buckets import EXIT, Buckets, DEFAULT_BUCKETS, bucket_codes

#: Thresholds behind the standard rates: overdue (DPD ≥ 1), DPD30+ (> 30), DPD90+ (> 90).
RATE_THRESHOLDS = {"overdue": 1, "dpd30": 31, "dpd90": 91}
RATE_METRICS = ("overdue_rate", "dpd30_rate", "dpd90_rate")


def month_ordinal(month: str) -> int:
    """``"2024-03"`` → months since year 0, so consecutive months differ by exactly 1.

    Examples
    --------
    >>> month_ordinal("2024-01") - month_ordinal("2023-12")
    1
    """
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_from_ordinal(ordinal: int) -> str:
    """Inverse of :func:`month_ordinal`.

    Examples
    --------
    >>> month_from_ordinal(month_ordinal("2024-12") + 1)
    '2025-01'
    """
    return f"{ordinal // 12:04d}-{ordinal % 12 + 1:02d}"


def shift_month(month: str, n: int) -> str:
    """The month ``n`` calendar months after ``month`` (negative goes back).

    Examples
    --------
    >>> shift_month("2024-01", -1)
    '2023-12'
    """
    return month_from_ordinal(month_ordinal(month) + n)


def bucketed_panel(portfolio: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> pd.DataFrame:
    """Add bucket, next-month bucket and next-month balance to every account-month.

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio (``account_id``, ``month``, ``days_past_due``, ``balance``, ...).
    buckets : Buckets
        Bucket definition.

    Returns
    -------
    DataFrame
        The portfolio's columns plus ``bucket`` (ordered categorical of ``buckets.keys``),
        ``next_bucket`` (categorical of the keys plus ``"exit"``; missing when month t+1 is not
        in the book), ``next_balance`` (0 on exit) and ``next_dpd`` (-1 on exit). The input is
        not modified.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-01"],
    ...                    "days_past_due": [0, 35, 5], "balance": [100.0, 90.0, 50.0]})
    >>> bucketed_panel(df)[["bucket", "next_bucket"]].astype(str).values.tolist()
    [['Current', '31-60'], ['31-60', nan], ['1-30', 'exit']]
    """
    n_rows = len(portfolio)
    codes = bucket_codes(portfolio["days_past_due"].to_numpy(), buckets)
    acc, _ = pd.factorize(portfolio["account_id"])
    mcodes, months = pd.factorize(portfolio["month"], sort=True)
    ordinals = np.array([month_ordinal(str(m)) for m in months], dtype=np.int64)
    row_ord = ordinals[mcodes] if n_rows else np.zeros(0, dtype=np.int64)

    order = np.lexsort((row_ord, acc))
    a, o = acc[order], row_ord[order]
    paired = (a[:-1] == a[1:]) & (o[1:] == o[:-1] + 1)
    src, dst = order[:-1][paired], order[1:][paired]

    exit_code = len(buckets)
    next_codes = np.full(n_rows, exit_code, dtype=np.int8)
    next_codes[src] = codes[dst]
    balance = portfolio["balance"].to_numpy(dtype=np.float64)
    next_balance = np.zeros(n_rows)
    next_balance[src] = balance[dst]
    dpd = portfolio["days_past_due"].to_numpy(dtype=np.int64)
    next_dpd = np.full(n_rows, -1, dtype=np.int64)
    next_dpd[src] = dpd[dst]

    next_in_book = np.isin(ordinals + 1, ordinals)
    unpaired = ~next_in_book[mcodes] if n_rows else np.zeros(0, dtype=bool)
    next_codes[unpaired] = -1
    next_balance[unpaired] = np.nan
    next_dpd[unpaired] = -1

    return portfolio.assign(
        bucket=pd.Categorical.from_codes(codes, categories=list(buckets.keys), ordered=True),
        next_bucket=pd.Categorical.from_codes(
            next_codes, categories=[*buckets.keys, EXIT], ordered=True
        ),
        next_balance=next_balance,
        next_dpd=next_dpd,
    )


def _keys(by: str | list[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def aging_cube(panel: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """Count and amounts per month × segment × bucket, every bucket present (zeros kept).

    Parameters
    ----------
    panel : DataFrame
        Output of :func:`bucketed_panel`.
    by : str or list of str, optional
        Segment column(s).

    Returns
    -------
    DataFrame
        ``month``, the ``by`` columns, ``bucket`` (ordered categorical), ``count``, ``balance``
        and, when present in the portfolio, ``overdue_amount`` and ``credit_limit``.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [100.0, 50.0]})
    >>> aging_cube(bucketed_panel(df))["balance"].tolist()
    [100.0, 0.0, 50.0, 0.0, 0.0, 0.0]
    """
    keys = ["month", *_keys(by), "bucket"]
    sums = {"balance": "sum"}
    for col in ("overdue_amount", "credit_limit"):
        if col in panel.columns:
            sums[col] = "sum"
    grouped = panel.groupby(keys, observed=True, sort=False)
    out = grouped.agg(sums)
    out.insert(0, "count", grouped.size())
    # Reindex so every (month, segment) row has every bucket, then restore order.
    outer = out.index.droplevel("bucket").unique()
    cats = panel["bucket"].cat.categories
    full = pd.MultiIndex.from_tuples(
        [(*(o if isinstance(o, tuple) else (o,)), b) for o in outer for b in cats], names=keys
    )
    out = out.reindex(full, fill_value=0).reset_index()
    out["bucket"] = pd.Categorical(out["bucket"], categories=cats, ordered=True)
    out["count"] = out["count"].astype(np.int64)
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def roll_cube(panel: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """Flows from bucket at month t to bucket (or exit) at t+1, per from-month and segment.

    Only account-months whose next calendar month is in the book appear. The segment is the
    account's segment at month t.

    Returns
    -------
    DataFrame
        ``month`` (from-month), ``to_month``, the ``by`` columns, ``bucket`` (from),
        ``next_bucket`` (to, incl. ``"exit"``), ``count``, ``balance`` (at t) and
        ``next_balance`` (at t+1, 0 for exits).
    """
    keys = ["month", *_keys(by), "bucket", "next_bucket"]
    rows = panel[panel["next_bucket"].notna()]
    grouped = rows.groupby(keys, observed=True, sort=True)
    out = grouped.agg(balance=("balance", "sum"), next_balance=("next_balance", "sum"))
    out.insert(0, "count", grouped.size().astype(np.int64))
    out = out.reset_index()
    out.insert(1, "to_month", [shift_month(m, 1) for m in out["month"]])
    return out


def rate_cube(panel_or_portfolio: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """Totals and delinquent totals per month (× segment), independent of the bucket edges.

    Returns
    -------
    DataFrame
        ``month``, ``by`` columns, ``count``, ``balance``, and for each of ``overdue``,
        ``dpd30`` and ``dpd90``: ``<name>_count`` and ``<name>_balance``; plus
        ``overdue_amount`` when the portfolio has it.
    """
    df = panel_or_portfolio
    dpd = df["days_past_due"].to_numpy()
    bal = df["balance"].to_numpy(dtype=np.float64)
    extra = {}
    for name, lo in RATE_THRESHOLDS.items():
        flag = dpd >= lo
        extra[f"{name}_count"] = flag.astype(np.int64)
        extra[f"{name}_balance"] = np.where(flag, bal, 0.0)
    keys = ["month", *_keys(by)]
    cols = ["balance", *extra] + (["overdue_amount"] if "overdue_amount" in df.columns else [])
    work = df[keys + ["balance"] + (["overdue_amount"] if "overdue_amount" in df.columns else [])].assign(**extra)
    grouped = work.groupby(keys, observed=True, sort=True)
    out = grouped[cols].sum()
    out.insert(0, "count", grouped.size().astype(np.int64))
    return out.reset_index()


def delinquency_rates(rates: pd.DataFrame, measure: str = "balance") -> pd.DataFrame:
    """Add ``overdue_rate``, ``dpd30_rate`` and ``dpd90_rate`` (shares by ``measure``) to a rate cube.

    Parameters
    ----------
    rates : DataFrame
        Output of :func:`rate_cube`.
    measure : {"balance", "count"}

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [150.0, 50.0]})
    >>> delinquency_rates(rate_cube(df))["dpd30_rate"].tolist()
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
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b", "b"], "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 0, 20], "balance": [1.0, 1.0, 3.0, 3.0]})
    >>> roll_rate_matrix(roll_cube(bucketed_panel(df))).loc["Current", ["Current", "1-30"]].tolist()
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
