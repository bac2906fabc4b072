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

from analysis.aging.rates import AgingError, _check_measure, _safe_div
from analysis.core.rates import month_from_ordinal

COHORTS = ("month", "quarter")
METRICS = ("ever30", "dpd30")
#: "30+" means more than 30 days past due, as ``dpd30_rate`` (analysis.core.rates.RATE_THRESHOLDS).
DPD30 = 31


def _cohort_keys(origination_idx: np.ndarray, cohort: str) -> tuple[np.ndarray, list[str]]:
    # Work on month numbers and format only the few distinct cohorts.
    key = origination_idx if cohort == "month" else origination_idx // 3
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


def vintage_triangle(vintage: pd.DataFrame, cohort: str = "month", metric: str = "ever30",
                     measure: str = "balance") -> pd.DataFrame:
    """Vintage curves as a tidy frame: one row per cohort × months on book.

    Long on purpose: one vectorised pass over the cube (the MOB grid each cohort can observe,
    then either metric on it); half of it is this docstring.

    Parameters
    ----------
    vintage : DataFrame
        The vintage cube, ``Cubes.vintage()`` (:mod:`analysis.core`): per origination month ×
        MOB, the accounts on book, those 30+ then, those first seen and those first 30+.
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
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b", "b"], "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 40, 0, 0], "balance": [10.0, 10.0, 30.0, 30.0],
    ...                    "origination_date": pd.to_datetime(["2024-01-05"] * 4)})
    >>> cube = book_from_portfolio(df).cubes().vintage()
    >>> vintage_triangle(cube, metric="ever30", measure="count")[["mob", "value"]].values.tolist()
    [[0.0, 0.0], [1.0, 0.5]]
    >>> vintage_triangle(cube, metric="dpd30", measure="balance")["value"].tolist()
    [0.0, 0.25]
    """
    _check(cohort, metric, measure)
    if "new_count" not in vintage.columns or not len(vintage):
        raise AgingError("aging.error.no_origination")
    orig = vintage["origination_idx"].to_numpy(dtype=np.int64)
    mob = vintage["mob"].to_numpy(dtype=np.int64)
    codes, cohorts = _cohort_keys(orig, cohort)
    n_c = len(cohorts)
    last_ord = int((orig + mob).max())
    # The MOB grid each cohort can observe: first observed MOB → MOB of the last data month;
    # the youngest origination month of a quarter cohort bounds what all of it can show.
    first_mob = np.full(n_c, np.iinfo(np.int64).max)
    np.minimum.at(first_mob, codes, mob)
    youngest = np.zeros(n_c, dtype=np.int64)
    np.maximum.at(youngest, codes, orig)
    cohort_last_mob = last_ord - youngest
    n_mob = int(max(cohort_last_mob.max(), mob.max())) + 1
    flat = codes * n_mob + mob
    size = n_c * n_mob

    def summed(column: str) -> np.ndarray:
        return np.bincount(flat, weights=vintage[column].to_numpy(dtype=np.float64), minlength=size)

    grid_c, grid_m = np.divmod(np.arange(size), n_mob)
    if metric == "dpd30":
        accounts, balance = summed("count"), summed("balance")
        num = summed("bad_count" if measure == "count" else "bad_balance")
        value = _safe_div(num, accounts if measure == "count" else balance)
        # as for ever30: a quarter's curve stops where its youngest month stops, else its later
        # points are its older months' accounts alone, labelled as the quarter
        sel = (accounts > 0) & (grid_m <= cohort_last_mob[grid_c])
    else:
        events = summed("first_bad_count" if measure == "count" else "first_bad_balance")
        cum = np.cumsum(events.reshape(n_c, n_mob), axis=1).reshape(-1)
        accounts_c = np.bincount(codes, weights=vintage["new_count"].to_numpy(dtype=np.float64), minlength=n_c)
        balance_c = np.bincount(codes, weights=vintage["new_balance"].to_numpy(dtype=np.float64), minlength=n_c)
        base_c = accounts_c if measure == "count" else balance_c
        value = _safe_div(cum, base_c[grid_c])
        accounts, balance = accounts_c[grid_c], balance_c[grid_c]
        sel = (grid_m >= first_mob[grid_c]) & (grid_m <= cohort_last_mob[grid_c])
    return pd.DataFrame({
        "cohort": np.asarray(cohorts, dtype=object)[grid_c[sel]],
        "mob": grid_m[sel].astype(np.int64),
        "value": value[sel],
        "accounts": np.rint(np.asarray(accounts)[sel]).astype(np.int64),
        "balance": np.asarray(balance, dtype=np.float64)[sel],
    })


def vintage_matrix(vintage: pd.DataFrame, cohort: str = "month", metric: str = "ever30",
                   measure: str = "balance") -> pd.DataFrame:
    """The vintage triangle wide: cohorts as rows, months on book as columns, rates as values.

    Same parameters as :func:`vintage_triangle`; cells a cohort cannot have reached yet are NaN.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [0, 40], "balance": [10.0, 10.0],
    ...                    "origination_date": pd.to_datetime(["2024-01-05"] * 2)})
    >>> vintage_matrix(book_from_portfolio(df).cubes().vintage()).values.tolist()
    [[0.0, 1.0]]
    """
    tidy = vintage_triangle(vintage, cohort=cohort, metric=metric, measure=measure)
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
