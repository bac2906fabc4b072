"""Plain-pandas reference answers for the data core's cubes: the definitions as they stood
before the SQL core, kept only here so every engine can be checked against them.

Not used by the app, the CLI or the report: :mod:`analysis.core` is the one implementation.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.buckets import EXIT, Buckets, DEFAULT_BUCKETS, bucket_codes
from analysis.cube import month_ordinal, shift_month

RATE_THRESHOLDS = {"overdue": 1, "dpd30": 31, "dpd90": 91}


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


def dpd_cube(panel: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Count, balance (and overdue amount) per month × DPD value (× segment).

    DPD takes a few hundred distinct values, so this cube stays small, and every view whose
    thresholds the user edits (five-tier class, IFRS 9 stage, playbook ranges) is recomputed on
    it instantly instead of on the rows.

    Returns
    -------
    DataFrame
        ``month, [by], days_past_due, count, balance, [overdue_amount]``.

    """
    keys = ["month", *_keys(by), "days_past_due"]
    sums = {"balance": "sum"}
    if "overdue_amount" in panel.columns:
        sums["overdue_amount"] = "sum"
    grouped = panel.groupby(keys, observed=True, sort=True)
    out = grouped.agg(sums)
    out.insert(0, "count", grouped.size().astype(np.int64))
    out = out.reset_index()
    return out[[*keys, "count", *sums]]
