"""Roll-rate views of the future: a Markov projection of bucket balances and the roll-rate loss forecast.

The statistical forecast (:mod:`analysis.trend.forecast`) extrapolates a rate; these two views push
*today's bucket balances* through the roll rates the book actually showed, which is how a
collections manager thinks ("if 1-30 keeps rolling 12% into 31-60...").

- :func:`average_roll_matrix` pools the roll-rate matrix of a window of months
  (:func:`analysis.core.rates.roll_rate_matrix`, shares of balance or accounts, ``exit`` column kept);
- :func:`adjust_roll_rate` and :func:`rebalance_rows` apply the user's edits and keep every row
  summing to 1 (the other destinations absorb the change in proportion to their size);
- :func:`project_balances` multiplies forward: ``b[t+1] = b[t] · P``. Exits leave the book,
  unless ``replenish=True`` puts the same amount back as new Current balance (a book kept at its
  size); either way nothing is lost silently: the exits are a column of the result;
- :func:`roll_rate_loss`: loss factor per bucket = product of the roll-forward rates from that
  bucket down to the charge-off bucket, times today's balance in the bucket.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.core.buckets import EXIT, Buckets
from analysis.core.i18n import translate
from analysis.core.rates import roll_rate_matrix, shift_month
from analysis.core.vocabulary import metric_name

MAX_PROJECTION_MONTHS = 36


def window_months(rolls: pd.DataFrame, window: int = 3, end_month: str | None = None) -> list[str]:
    """The last ``window`` from-months of a roll cube (up to ``end_month``).

    Examples
    --------
    >>> rolls = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"]})
    >>> window_months(rolls, 2)
    ['2024-02', '2024-03']
    """
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError("window must be a positive whole number of months")
    months = sorted(str(m) for m in pd.unique(rolls["month"]))
    if end_month is not None:
        months = [m for m in months if m <= end_month]
    return months[-int(window):]


def average_roll_matrix(rolls: pd.DataFrame, window: int = 3, measure: str = "balance",
                        end_month: str | None = None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The pooled roll-rate matrix of the last ``window`` months, ready to project with.

    Parameters
    ----------
    rolls : DataFrame
        Output of ``Cubes.transitions()`` (:mod:`analysis.core`).
    window : int
        Number of from-months to pool (3 = the usual "last quarter's average roll rates").
    measure : {"balance", "count"}
    end_month : str, optional
        Last from-month of the window; default the latest.

    Returns
    -------
    matrix : DataFrame
        From-bucket × (to-bucket..., ``exit``); every row sums to 1. A bucket that was empty in
        the window gets "stays where it is" (1 on the diagonal) instead of a row of NaN.
    months : list of str
        The from-months pooled.
    empty : list of str
        Buckets that were empty (see above).

    Raises
    ------
    ValueError
        When the roll cube has no month pairs, or on a bad parameter.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [0, 5], "balance": [10.0, 10.0]})
    >>> m, months, empty = average_roll_matrix(book_from_portfolio(df).cubes().transitions(), window=1)
    >>> float(m.loc["Current", "1-30"]), months, empty[:2]
    (1.0, ['2024-01'], ['1-30', '31-60'])
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    months = window_months(rolls, window, end_month)
    if not months:
        raise ValueError("there are no two consecutive months to take roll rates from")
    matrix = roll_rate_matrix(rolls, months, measure)
    empty = [str(b) for b in matrix.index[matrix.isna().any(axis=1)]]
    for b in empty:
        matrix.loc[b] = 0.0
        matrix.loc[b, b] = 1.0
    matrix.index = matrix.index.astype(str)
    matrix.columns = matrix.columns.astype(str)
    return matrix, months, empty


def _check_matrix(matrix: pd.DataFrame) -> None:
    if EXIT not in matrix.columns:
        raise ValueError(f"the matrix needs an '{EXIT}' column")
    if list(matrix.columns[:-1]) != list(matrix.index) or matrix.columns[-1] != EXIT:
        raise ValueError("matrix columns must be the from-buckets in the same order, then 'exit'")
    values = matrix.to_numpy(dtype=float)
    if not np.isfinite(values).all() or (values < -1e-12).any() or (values > 1 + 1e-12).any():
        raise ValueError("roll rates must be numbers between 0 and 1")
    if not np.allclose(values.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError("every row of roll rates must sum to 1 (100%)")


def _fill_row(row: np.ndarray, fixed: np.ndarray, diag: int) -> np.ndarray:
    """Keep the ``fixed`` entries, rescale the others so the row sums to 1."""
    out = row.copy()
    fixed_sum = out[fixed].sum()
    if fixed_sum >= 1:
        out[fixed] = out[fixed] / fixed_sum
        out[~fixed] = 0.0
        return out
    free = ~fixed
    free_sum = out[free].sum()
    remainder = 1 - fixed_sum
    if free_sum > 0:
        out[free] = out[free] * remainder / free_sum
    elif free[diag]:  # nothing to scale: the balance stays in its bucket
        out[diag] = remainder
    elif free.any():
        out[free] = remainder / free.sum()
    return out


def adjust_roll_rate(matrix: pd.DataFrame, from_bucket: str, to_bucket: str, delta: float) -> pd.DataFrame:
    """Change one roll rate by ``delta`` (0.02 = 2 points) and re-normalise its row.

    The other destinations of the row absorb the change in proportion to their size, so "1-30 →
    31-60 falls by 2 points" sends those 2 points mostly to where 1-30 balances usually go
    (staying, curing). The rate is kept within [0, 1].

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.3, 0.2]], index=["Current", "1-30"],
    ...                  columns=["Current", "1-30", "exit"])
    >>> adjust_roll_rate(m, "1-30", "1-30", -0.1).loc["1-30"].round(3).tolist()
    [0.571, 0.2, 0.229]
    """
    _check_matrix(matrix)
    if from_bucket not in matrix.index or to_bucket not in matrix.columns:
        raise ValueError(f"unknown roll {from_bucket!r} → {to_bucket!r}")
    if not np.isfinite(delta):
        raise ValueError("delta must be a number")
    out = matrix.copy()
    row = out.loc[from_bucket].to_numpy(dtype=float).copy()
    j = list(out.columns).index(to_bucket)
    row[j] = float(np.clip(row[j] + delta, 0.0, 1.0))
    fixed = np.zeros(len(row), dtype=bool)
    fixed[j] = True
    out.loc[from_bucket] = _fill_row(row, fixed, list(out.index).index(from_bucket))
    return out


def rebalance_rows(base: pd.DataFrame, edited: pd.DataFrame, tol: float = 1e-9) -> pd.DataFrame:
    """Apply a user's edits of a roll-rate matrix and make every row sum to 1 again.

    In each row the cells the user changed keep the value typed; the untouched cells absorb the
    difference in proportion to their size. If the typed cells alone exceed 100%, they are
    scaled down to 100% and the rest of the row becomes 0.

    Parameters
    ----------
    base : DataFrame
        The matrix before editing (rows sum to 1).
    edited : DataFrame
        Same shape and labels; missing cells count as unchanged.

    Examples
    --------
    >>> base = pd.DataFrame([[0.6, 0.2, 0.2]], index=["1-30"], columns=["1-30", "31-60", "exit"])
    >>> edited = base.copy(); edited.loc["1-30", "31-60"] = 0.0
    >>> rebalance_rows(base, edited).loc["1-30"].round(6).tolist()
    [0.75, 0.0, 0.25]
    """
    if list(base.index) != list(edited.index) or list(base.columns) != list(edited.columns):
        raise ValueError("the edited matrix must keep the buckets of the original")
    b = base.to_numpy(dtype=float)
    e = edited.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    e = np.where(np.isnan(e), b, e)
    if (e < 0).any() or (e > 1 + 1e-9).any():
        raise ValueError("roll rates must be between 0 and 1 (0% to 100%)")
    out = np.empty_like(b)
    diag_of = {k: i for i, k in enumerate(base.columns)}
    for r, key in enumerate(base.index):
        changed = np.abs(e[r] - b[r]) > tol
        out[r] = _fill_row(e[r], changed, diag_of.get(key, 0)) if changed.any() else b[r]
    return pd.DataFrame(out, index=base.index, columns=base.columns)


#: From-months pooled by default (the usual "last quarter's average roll rates"), and months a
#: projection runs, on the trend page and in the report.
DEFAULT_WINDOW = 3
DEFAULT_PROJECTION_MONTHS = 12


@dataclass(frozen=True)
class ProjectionChoice:
    """How a roll-rate projection is run: the reader's choices on the trend page, which the
    meeting report follows (its defaults are the page's).

    ``window``: from-months pooled (clamped to those the book has); ``months``: months projected;
    ``replenish``: exits come back as new Current balance (the book keeps its size) rather than
    leave it; ``matrix``: the reader's edited roll-rate matrix (rows summing to 1), or ``None``
    for the pooled one.
    """

    window: int = DEFAULT_WINDOW
    months: int = DEFAULT_PROJECTION_MONTHS
    replenish: bool = True
    matrix: pd.DataFrame | None = field(default=None, compare=False)


def project_balances(start: pd.Series, matrix: pd.DataFrame, horizon: int = 6, start_month: str | None = None,
                     replenish: bool = False) -> pd.DataFrame:
    """Push today's bucket balances forward with a roll-rate matrix (a Markov chain).

    Parameters
    ----------
    start : Series
        Balance (or accounts) per bucket today, indexed by the matrix's from-buckets.
    matrix : DataFrame
        From-bucket × (to-buckets, ``exit``), rows summing to 1.
    horizon : int
        Months to project, 1 to 36.
    start_month : str, optional
        ``YYYY-MM`` of ``start``; projected months follow it. Default: month numbers 0, 1, ...
    replenish : bool
        False: exits leave the book (run-off). True: each month's exits come back as new
        Current balance, so the book keeps its size.

    Returns
    -------
    DataFrame
        One row per month (month 0 = ``start``): ``month``, ``step``, one column per bucket,
        ``exit`` (left the book that month), ``total`` (in the book).

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.5, 0.0]], index=["Current", "1-30"],
    ...                  columns=["Current", "1-30", "exit"])
    >>> project_balances(pd.Series({"Current": 100.0, "1-30": 0.0}), m, 1)["1-30"].tolist()
    [0.0, 10.0]
    """
    _check_matrix(matrix)
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= MAX_PROJECTION_MONTHS:
        raise ValueError(f"horizon must be a whole number of months from 1 to {MAX_PROJECTION_MONTHS}")
    keys = list(matrix.index)
    extra = set(map(str, start.index)) - set(keys)
    if extra:
        raise ValueError(f"start balances have buckets the matrix lacks: {sorted(extra)}")
    b = start.reindex(keys).fillna(0.0).to_numpy(dtype=float)
    if (b < 0).any():
        raise ValueError("balances must not be negative")
    p = matrix.to_numpy(dtype=float)
    rows = [np.append(b, [0.0])]
    for _ in range(int(horizon)):
        nxt = b @ p
        b, exited = nxt[:-1].copy(), float(nxt[-1])
        if replenish:
            b[0] += exited
        rows.append(np.append(b, [exited]))
    out = pd.DataFrame(rows, columns=[*keys, EXIT])
    out.insert(0, "step", np.arange(len(rows)))
    out.insert(0, "month", [shift_month(start_month, s) if start_month else str(s) for s in range(len(rows))])
    out["total"] = out[keys].sum(axis=1)
    return out


def projected_rate_from(buckets: Buckets) -> int:
    """The lowest DPD of the buckets the projection's bad rate sums: 91 (DPD90+) when a bucket
    starts there; else the first bucket starting above it, or, when none does, the worst bucket.

    A projection moves bucket balances, so a bucket that straddles 90 days (61-120) cannot be
    split: the rate is named by the days it really counts, never DPD90+ when it is not.

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS, custom_buckets
    >>> [projected_rate_from(b) for b in (DEFAULT_BUCKETS, custom_buckets([30, 60, 120]), custom_buckets([30, 60]))]
    [91, 121, 61]
    """
    lowers = [int(x) for x in buckets.lowers]
    above = [x for x in lowers if x >= 91]
    return min(above) if above else max(lowers)


def dpd90_keys(buckets: Buckets) -> tuple[list[str], bool]:
    """Buckets the projection's bad rate sums (see :func:`projected_rate_from`), and whether that
    is DPD90+ exactly.

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS
    >>> dpd90_keys(DEFAULT_BUCKETS)
    (['91-180', '181+'], True)
    """
    start = projected_rate_from(buckets)
    return buckets.overdue_keys(start), start == 91


def projected_rate_name(buckets: Buckets, lang: str) -> str:
    """The projection's bad rate by name: DPD90+ when the buckets split at 91 days, else the days
    it counts (``DPD120+ 逾期率（档位不以 90 天为界）``).

    Examples
    --------
    >>> from analysis.core.buckets import custom_buckets
    >>> projected_rate_name(custom_buckets([30, 60, 120]), "en")
    'DPD120+ rate (the buckets do not split at 90 days)'
    """
    start = projected_rate_from(buckets)
    if start == 91:
        return metric_name("dpd90_rate", lang)
    return translate("trend.projection.rate_from", lang, days=start - 1)


def projection_rates(projection: pd.DataFrame, buckets: Buckets) -> pd.DataFrame:
    """``month``, ``total``, ``dpd90_balance``, ``dpd90_rate``, ``cumulative_exit`` of a projection.

    Examples
    --------
    >>> from analysis.core.buckets import custom_buckets
    >>> p = pd.DataFrame({"month": ["0"], "Current": [90.0], "1-90": [0.0], "91+": [10.0],
    ...                   "exit": [0.0], "total": [100.0]})
    >>> projection_rates(p, custom_buckets([90]))["dpd90_rate"].tolist()
    [0.1]
    """
    keys, _ = dpd90_keys(buckets)
    missing = [k for k in buckets.keys if k not in projection.columns]
    if missing:
        raise ValueError(f"projection lacks bucket column(s) {missing}")
    bad = projection[keys].sum(axis=1).to_numpy(dtype=float)
    total = projection["total"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(total > 0, bad / total, np.nan)
    return pd.DataFrame({"month": projection["month"], "total": total, "dpd90_balance": bad,
                         "dpd90_rate": rate, "cumulative_exit": projection[EXIT].cumsum().to_numpy(dtype=float)})


def roll_rate_loss(start: pd.Series, matrix: pd.DataFrame, charge_off: str | None = None) -> pd.DataFrame:
    """Roll-rate (flow-rate) loss forecast: loss factor per bucket × today's balance.

    The loss factor of a bucket is the product of the roll-forward rates (bucket → next bucket)
    from it down to the charge-off bucket; the charge-off bucket and any beyond it count as lost
    (factor 1).

    Parameters
    ----------
    start : Series
        Balance per bucket today.
    matrix : DataFrame
        Roll-rate matrix (from :func:`average_roll_matrix`, edited or not).
    charge_off : str, optional
        Bucket at which balances are written off; default the last bucket (e.g. 181+).

    Returns
    -------
    DataFrame
        ``bucket``, ``balance``, ``roll_forward`` (rate into the next bucket; NaN from the
        charge-off bucket on), ``loss_factor``, ``expected_loss``.

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1, 0.0, 0.0], [0.5, 0.3, 0.2, 0.0], [0.0, 0.0, 1.0, 0.0]],
    ...                  index=["Current", "1-30", "31+"], columns=["Current", "1-30", "31+", "exit"])
    >>> roll_rate_loss(pd.Series({"Current": 100.0, "1-30": 10.0, "31+": 1.0}), m)["expected_loss"].round(2).tolist()
    [2.0, 2.0, 1.0]
    """
    _check_matrix(matrix)
    keys = list(matrix.index)
    charge_off = keys[-1] if charge_off is None else charge_off
    if charge_off not in keys:
        raise ValueError(f"charge-off bucket {charge_off!r} is not one of {keys}")
    c = keys.index(charge_off)
    forward = np.array([matrix.iloc[i, i + 1] if i < c else np.nan for i in range(len(keys))], dtype=float)
    factors = np.ones(len(keys))
    for i in range(c - 1, -1, -1):
        factors[i] = forward[i] * factors[i + 1]
    balance = start.reindex(keys).fillna(0.0).to_numpy(dtype=float)
    return pd.DataFrame({"bucket": keys, "balance": balance, "roll_forward": forward,
                         "loss_factor": factors, "expected_loss": balance * factors})
