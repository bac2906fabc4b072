"""Plain-pandas reference answers for the data core's cubes: the definitions as they stood
before the SQL core, kept only here so every engine can be checked against them.

Not used by the app, the CLI or the report: :mod:`analysis.core` is the one implementation.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.core.buckets import EXIT, Buckets, DEFAULT_BUCKETS, bucket_codes
from analysis.core.rates import month_ordinal, shift_month

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


# --- vintage (the row-level definition the vintage cube must reproduce) -----------------------

from analysis.aging.rates import _safe_div, origination_ordinal  # noqa: E402
from analysis.core.rates import month_from_ordinal  # noqa: E402

DPD30 = 31


def _cohort_codes(orig_ord: np.ndarray, cohort: str) -> tuple[np.ndarray, list[str]]:
    # Work on month numbers and format only the few distinct cohorts (strftime on millions of
    # rows costs seconds).
    key = orig_ord if cohort == "month" else orig_ord // 3
    codes, uniques = pd.factorize(key, sort=True)
    if cohort == "month":
        labels = [month_from_ordinal(int(u)) for u in uniques]
    else:
        labels = [f"{int(u) // 4:04d}-Q{int(u) % 4 + 1}" for u in uniques]
    return codes, labels


def vintage_triangle(portfolio_or_panel: pd.DataFrame, cohort: str = "month", metric: str = "ever30",
                     measure: str = "balance") -> pd.DataFrame:
    """Vintage curves from rows: the definition the vintage cube must reproduce (see
    :func:`analysis.aging.vintage.vintage_triangle` for the parameters and the output)."""
    df = portfolio_or_panel
    has_date = df["origination_date"].notna().to_numpy()
    rows = df.loc[has_date, ["account_id", "month", "days_past_due", "balance", "origination_date"]]
    m_codes, m_uniques = pd.factorize(rows["month"], sort=False)
    snap_ord = np.array([month_ordinal(str(u)) for u in m_uniques], dtype=np.int64)[m_codes]
    orig_ord = origination_ordinal(rows["origination_date"])[0]
    mob = snap_ord - orig_ord
    keep = mob >= 0  # a snapshot before the loan was booked is a data error, not a vintage point
    rows, mob, orig_ord, snap_ord = rows[keep], mob[keep], orig_ord[keep], snap_ord[keep]
    if not len(rows):
        return pd.DataFrame({"cohort": pd.Series([], dtype=object), "mob": pd.Series([], dtype=np.int64),
                             "value": [], "accounts": pd.Series([], dtype=np.int64), "balance": []})
    cohort_codes, cohorts = _cohort_codes(orig_ord, cohort)
    last_ord = int(snap_ord.max())
    bad = rows["days_past_due"].to_numpy() >= DPD30
    bal = rows["balance"].to_numpy(dtype=np.float64)

    # The MOB grid each cohort can observe: first observed MOB → MOB of the last data month.
    first_mob = np.full(len(cohorts), np.iinfo(np.int64).max)
    np.minimum.at(first_mob, cohort_codes, mob)
    # The youngest origination month of a quarter cohort bounds what all of it can show.
    youngest = np.zeros(len(cohorts), dtype=np.int64)
    np.maximum.at(youngest, cohort_codes, orig_ord)
    cohort_last_mob = last_ord - youngest
    max_mob = int(max(cohort_last_mob.max(), mob.max()))
    n_mob = max_mob + 1

    if metric == "dpd30":
        weights = np.ones(len(rows)) if measure == "count" else bal
        flat = cohort_codes * n_mob + mob
        base = np.bincount(flat, weights=weights, minlength=len(cohorts) * n_mob)
        num = np.bincount(flat, weights=np.where(bad, weights, 0.0), minlength=len(cohorts) * n_mob)
        accounts = np.bincount(flat, minlength=len(cohorts) * n_mob)
        balance = np.bincount(flat, weights=bal, minlength=len(cohorts) * n_mob)
        value = _safe_div(num, base)
        present = accounts > 0
        grid_c, grid_m = np.divmod(np.arange(len(cohorts) * n_mob), n_mob)
        sel = present & (grid_m <= cohort_last_mob[grid_c])  # a quarter stops with its youngest month
    else:
        acc_codes, _ = pd.factorize(rows["account_id"])
        n_acc = int(acc_codes.max()) + 1
        # Per account: its cohort, first observation (balance) and first 30+ MOB (balance then).
        # one int64 key sorts twice as fast as a two-key lexsort on millions of rows
        order = np.argsort(acc_codes * (int(mob.max()) + 1) + mob, kind="stable")
        a_sorted = acc_codes[order]
        first_idx = order[np.r_[True, a_sorted[1:] != a_sorted[:-1]]]
        acc_cohort = np.empty(n_acc, dtype=np.int64)
        acc_cohort[acc_codes[first_idx]] = cohort_codes[first_idx]
        acc_start_bal = np.zeros(n_acc)
        acc_start_bal[acc_codes[first_idx]] = bal[first_idx]
        bad_order = order[bad[order]]
        if len(bad_order):
            b_acc = acc_codes[bad_order]
            first_bad = bad_order[np.r_[True, b_acc[1:] != b_acc[:-1]]]
        else:
            first_bad = np.zeros(0, dtype=np.int64)
        ev_cohort = cohort_codes[first_bad]
        ev_mob = mob[first_bad]
        ev_weight = np.ones(len(first_bad)) if measure == "count" else bal[first_bad]
        events = np.bincount(ev_cohort * n_mob + ev_mob, weights=ev_weight,
                             minlength=len(cohorts) * n_mob).reshape(len(cohorts), n_mob)
        cum = np.cumsum(events, axis=1).reshape(-1)
        accounts_c = np.bincount(acc_cohort, minlength=len(cohorts))
        balance_c = np.bincount(acc_cohort, weights=acc_start_bal, minlength=len(cohorts))
        base_c = accounts_c.astype(float) if measure == "count" else balance_c
        grid_c, grid_m = np.divmod(np.arange(len(cohorts) * n_mob), n_mob)
        value = _safe_div(cum, base_c[grid_c])
        accounts = accounts_c[grid_c]
        balance = balance_c[grid_c]
        sel = (grid_m >= first_mob[grid_c]) & (grid_m <= cohort_last_mob[grid_c])

    return pd.DataFrame({
        "cohort": np.asarray(cohorts, dtype=object)[grid_c[sel]],
        "mob": grid_m[sel].astype(np.int64),
        "value": value[sel],
        "accounts": np.asarray(accounts)[sel].astype(np.int64),
        "balance": np.asarray(balance, dtype=np.float64)[sel],
    })




# --- first-payment default (row-level definition the early-MOB cube must reproduce) -----------

from analysis.aging.rates import months_on_book  # noqa: E402


def first_payment_default(panel: pd.DataFrame, dpd_threshold: int = 30, measure: str = "count",
                          observation_mob: int | None = None) -> pd.DataFrame:
    if isinstance(dpd_threshold, bool) or not isinstance(dpd_threshold, (int, np.integer)) \
            or not 1 <= dpd_threshold <= 180:
        raise ValueError(dpd_threshold)
    mob_at = int(observation_mob) if observation_mob is not None else 1 + int(dpd_threshold) // 30
    mob = months_on_book(panel["month"], panel["origination_date"])
    rows = panel.loc[mob == mob_at, ["origination_date", "days_past_due", "balance"]]
    cohort = pd.Series(origination_ordinal(rows["origination_date"])[0]).map(month_from_ordinal)
    hit = rows["days_past_due"].to_numpy() >= dpd_threshold
    work = pd.DataFrame({"cohort": cohort.to_numpy(), "balance": rows["balance"].to_numpy(dtype=float),
                         "fpd_accounts": hit.astype(np.int64),
                         "fpd_balance": np.where(hit, rows["balance"].to_numpy(dtype=float), 0.0)})
    out = work.groupby("cohort", sort=True).agg(
        accounts=("balance", "size"), balance=("balance", "sum"),
        fpd_accounts=("fpd_accounts", "sum"), fpd_balance=("fpd_balance", "sum")).reset_index()
    out.insert(1, "observation_mob", mob_at)
    num, den = ("fpd_accounts", "accounts") if measure == "count" else ("fpd_balance", "balance")
    out["fpd_rate"] = _safe_div(out[num], out[den])
    return out


