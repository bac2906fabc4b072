"""Vintage (账龄/MOB) analysis: cohorts by origination month or quarter × months on book.

Two metrics:

* ``ever30`` — cumulative: the share of the cohort that has been more than 30 DPD at least once
  by that MOB. By count the base is every account of the cohort seen in the data; by balance the
  numerator is each account's balance when it *first* went 30+ and the base is each account's
  balance when first seen (the closest to the amount booked a portfolio export carries). Accounts
  that went 30+ and later left the book stay counted, so the curve never goes down.
* ``dpd30`` — coincident: among the cohort's accounts on the book at that MOB, the share more
  than 30 DPD then (by count or by balance at that MOB).

MOB 0 is the month of origination. A cohort's curve covers the MOBs the data can observe: from
the cohort's first observed MOB to the last month in the data.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.aging import AgingError, _check_measure, _safe_div, origination_ordinal, require_origination
from analysis.cube import month_from_ordinal, month_ordinal

COHORTS = ("month", "quarter")
METRICS = ("ever30", "dpd30")
#: "30+" means more than 30 days past due, as ``dpd30_rate`` (analysis.cube.RATE_THRESHOLDS).
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


def _check(cohort: str, metric: str, measure: str) -> None:
    if cohort not in COHORTS:
        raise AgingError("aging.error.cohort", value=cohort)
    if metric not in METRICS:
        raise AgingError("aging.error.metric", value=metric)
    _check_measure(measure)


def vintage_triangle(portfolio_or_panel: pd.DataFrame, cohort: str = "month", metric: str = "ever30",
                     measure: str = "balance") -> pd.DataFrame:
    """Vintage curves as a tidy frame: one row per cohort × months on book.

    Parameters
    ----------
    portfolio_or_panel : DataFrame
        Canonical portfolio (or bucketed panel) with ``origination_date``.
    cohort : {"month", "quarter"}
        Origination month (``YYYY-MM``) or quarter (``YYYY-Qn``).
    metric : {"ever30", "dpd30"}
        Cumulative ever-30+ rate, or the coincident 30+ rate.
    measure : {"balance", "count"}

    Returns
    -------
    DataFrame
        ``cohort, mob, value, accounts, balance``: ``value`` is the rate; ``accounts`` and
        ``balance`` are its base (the cohort for ``ever30``, the accounts on the book at that
        MOB for ``dpd30``). Sorted by cohort then MOB.

    Raises
    ------
    AgingError
        No origination dates, or a bad ``cohort`` / ``metric`` / ``measure``.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b", "b"], "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 40, 0, 0], "balance": [10.0, 10.0, 30.0, 30.0],
    ...                    "origination_date": pd.to_datetime(["2024-01-05"] * 4)})
    >>> vintage_triangle(df, metric="ever30", measure="count")[["mob", "value"]].values.tolist()
    [[0.0, 0.0], [1.0, 0.5]]
    >>> vintage_triangle(df, metric="dpd30", measure="balance")["value"].tolist()
    [0.0, 0.25]
    """
    _check(cohort, metric, measure)
    require_origination(portfolio_or_panel)
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
        sel = present
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


def vintage_matrix(portfolio_or_panel: pd.DataFrame, cohort: str = "month", metric: str = "ever30",
                   measure: str = "balance") -> pd.DataFrame:
    """The vintage triangle wide: cohorts as rows, months on book as columns, rates as values.

    Same parameters as :func:`vintage_triangle`; cells a cohort cannot have reached yet are NaN.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [0, 40], "balance": [10.0, 10.0],
    ...                    "origination_date": pd.to_datetime(["2024-01-05"] * 2)})
    >>> vintage_matrix(df).values.tolist()
    [[0.0, 1.0]]
    """
    tidy = vintage_triangle(portfolio_or_panel, cohort=cohort, metric=metric, measure=measure)
    wide = tidy.pivot(index="cohort", columns="mob", values="value")
    return wide.rename_axis(index="cohort", columns="mob")


def select_cohorts(triangle: pd.DataFrame, booked_in_window: bool = True, last: int | None = None) -> pd.DataFrame:
    """Keep the cohorts a vintage chart should show.

    A seasoned book loaded for two years holds cohorts booked long before the data starts; their
    curves begin mid-life (left-truncated) and crowd out the young cohorts a risk committee
    compares. ``booked_in_window`` keeps only cohorts seen at MOB 0; ``last`` keeps the most
    recent ``last`` of those.

    Raises
    ------
    AgingError
        ``last`` below 1.

    Examples
    --------
    >>> tri = pd.DataFrame({"cohort": ["2019-01", "2024-01", "2024-01", "2024-02"], "mob": [60, 0, 1, 0],
    ...                     "value": [.1, 0, .01, 0], "accounts": [5] * 4, "balance": [1.0] * 4})
    >>> select_cohorts(tri)["cohort"].unique().tolist()
    ['2024-01', '2024-02']
    >>> select_cohorts(tri, booked_in_window=False, last=1)["cohort"].unique().tolist()
    ['2024-02']
    """
    if last is not None and (isinstance(last, bool) or int(last) < 1):
        raise AgingError("aging.error.cohort_count", value=last)
    out = triangle
    if booked_in_window:
        first = out.groupby("cohort")["mob"].min()
        out = out[out["cohort"].isin(first.index[first == 0])]
    if last is not None:
        keep = sorted(out["cohort"].unique())[-int(last):]
        out = out[out["cohort"].isin(keep)]
    return out.reset_index(drop=True)


def vintage_summary(triangle: pd.DataFrame, mobs: tuple[int, ...] = (3, 6, 12)) -> pd.DataFrame:
    """The rate of every cohort at a few milestone MOBs (a risk committee's vintage table).

    Examples
    --------
    >>> tri = pd.DataFrame({"cohort": ["2024-01"] * 4, "mob": [0, 1, 2, 3], "value": [0, .01, .02, .03],
    ...                     "accounts": [10] * 4, "balance": [100.0] * 4})
    >>> vintage_summary(tri, (3,))["mob_3"].tolist()
    [0.03]
    """
    base = triangle.groupby("cohort", sort=True).agg(accounts=("accounts", "first"), balance=("balance", "first"))
    for m in mobs:
        at = triangle[triangle["mob"] == m].set_index("cohort")["value"]
        base[f"mob_{m}"] = at.reindex(base.index)
    return base.reset_index()


__all__ = ["COHORTS", "METRICS", "vintage_triangle", "vintage_matrix", "select_cohorts", "vintage_summary"]
