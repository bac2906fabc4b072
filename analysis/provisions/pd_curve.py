"""PD term structure from the book's own roll rates: cumulative PD by month, 12-month and lifetime.

The chain is the what-if page's (:mod:`analysis.whatif.pd`): the roll-rate matrix
(:func:`analysis.core.rates.roll_rate_matrix`, count-weighted, i.e. a share of *accounts*, since
ECL multiplies a per-account PD by the account's own exposure) pooled over the from-months of a
window, with the **default buckets** (lower bound ≥ 91 DPD, :func:`~analysis.whatif.pd.absorbing_keys`)
and ``exit`` (left the book: assumed paid off, not a default) made absorbing
(:func:`~analysis.whatif.pd.chain_matrix`). With ``P`` that one-step matrix, the cumulative PD of a
from-bucket *i* by month *t* is ``(P^t)[i, default].sum()`` and the marginal PD of month *t* is the
difference of two cumulative PDs.

Point in time: for a reporting month M the window holds only the from-months whose to-month is M or
earlier (nothing the bank could not have known at M). The default window is the last 12 such
months: a year of history evens out the seasonality of roll rates (holiday spending, year-end
collections) without reaching back to a book that no longer exists.

A book with one month has no roll rates; :func:`fallback_curve` then turns the what-if page's
prudent 12-month PDs (:func:`~analysis.whatif.pd.fallback_pd`) into a term structure with a
constant monthly hazard, and says so (``source = "fallback"``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.core import book_from_portfolio
from analysis.core.buckets import DEFAULT_BUCKETS, Buckets
from analysis.core.i18n import MessageError, translate
from analysis.core.rates import roll_rate_matrix
from analysis.whatif.pd import absorbing_keys, chain_matrix, fallback_pd

#: From-months pooled into the roll-rate matrix (the last 12 up to the reporting month).
DEFAULT_WINDOW = 12
#: Longest term structure we build (50 years): a remaining life beyond it is a typo.
MAX_HORIZON = 600


class ProvisionError(MessageError):
    """An assumption, a staging rule or a month the user gave is not valid (text in both languages)."""


@dataclass(frozen=True)
class PdCurve:
    """Cumulative PD by month since the reporting date, per from-bucket.

    Attributes
    ----------
    buckets : tuple of str
        From-bucket keys, in bucket order.
    cumulative : ndarray, shape (horizon + 1, len(buckets))
        ``cumulative[t, i]``: probability that an account in bucket *i* today has reached default
        by the end of month *t*; row 0 is 0 (nobody defaults before time passes; a bucket that is
        already a default state gets a PD of 1 in month 1).
    default_keys : tuple of str
        The absorbing default buckets.
    months : tuple of str
        The from-months pooled into the roll-rate matrix (empty for the fallback).
    source : {"markov", "fallback"}
    """

    buckets: tuple[str, ...]
    cumulative: np.ndarray
    default_keys: tuple[str, ...]
    months: tuple[str, ...]
    source: str

    @property
    def horizon(self) -> int:
        """Months the curve covers."""
        return int(self.cumulative.shape[0] - 1)

    def marginal(self) -> np.ndarray:
        """``marginal[t - 1, i]`` = PD of defaulting in month *t* (shape ``(horizon, n)``)."""
        return np.diff(self.cumulative, axis=0)

    def cumulative_pd(self, months: int) -> pd.Series:
        """Cumulative PD by month ``months`` per bucket (``months`` ≤ :attr:`horizon`).

        Examples
        --------
        >>> c = pd_term_structure(pd.DataFrame([[0.9, 0.1], [0.0, 1.0]], index=["G", "B"],
        ...                       columns=["G", "B"]), ["B"], horizon=2)
        >>> c.cumulative_pd(2).round(4).tolist()
        [0.19, 1.0]
        """
        if not 0 <= int(months) <= self.horizon:
            raise ProvisionError("provisions.err.curve_horizon", months=months, horizon=self.horizon)
        return pd.Series(self.cumulative[int(months)], index=list(self.buckets), name="pd")

    def pd_12m(self) -> pd.Series:
        """12-month PD per bucket (the life when the curve is shorter)."""
        return self.cumulative_pd(min(12, self.horizon))

    def lifetime_pd(self, remaining_life: int) -> pd.Series:
        """Lifetime PD per bucket over ``remaining_life`` months."""
        return self.cumulative_pd(remaining_life)

    def table(self) -> pd.DataFrame:
        """Long table for a chart: ``bucket, month (1..horizon), cumulative_pd, marginal_pd``."""
        t = np.arange(1, self.horizon + 1)
        n = len(self.buckets)
        return pd.DataFrame({
            "bucket": np.tile(np.asarray(self.buckets, dtype=object), self.horizon),
            "month": np.repeat(t, n),
            "cumulative_pd": self.cumulative[1:].ravel(),
            "marginal_pd": self.marginal().ravel(),
        })

    def describe(self, lang: str = "en") -> str:
        """The PD source as one sentence for the definitions line (口径)."""
        if self.source == "fallback":
            return translate("provisions.pd_source.fallback", lang)
        span = f"{self.months[0]}…{self.months[-1]}" if self.months else "–"
        return translate("provisions.pd_source.markov", lang, n=len(self.months), span=span,
                         default="/".join(self.default_keys))


def check_horizon(months: object) -> int:
    """A whole number of months in 1..:data:`MAX_HORIZON`, else a :class:`ProvisionError`.

    Examples
    --------
    >>> check_horizon(36)
    36
    """
    try:
        value = float(months)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ProvisionError("provisions.err.life", value=months, max=MAX_HORIZON) from None
    if value != value or value != int(value) or not 1 <= value <= MAX_HORIZON:
        raise ProvisionError("provisions.err.life", value=months, max=MAX_HORIZON)
    return int(value)


def pd_term_structure(matrix: pd.DataFrame, absorbing: list[str], horizon: int,
                      months: tuple[str, ...] = ()) -> PdCurve:
    """Cumulative PD for t = 0..horizon from a roll-rate matrix (powers of the absorbing chain).

    Parameters
    ----------
    matrix : DataFrame
        Roll-rate matrix (from-bucket × to-bucket, plus ``exit``), as
        :func:`analysis.core.rates.roll_rate_matrix` returns it.
    absorbing : list of str
        Default buckets.
    horizon : int
        Months, 1..:data:`MAX_HORIZON`.
    months : tuple of str
        The from-months pooled into ``matrix`` (recorded on the curve).

    Returns
    -------
    PdCurve

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.3, 0.2], [0.0, 0.0, 1.0]],
    ...                  index=["G", "D", "B"], columns=["G", "D", "B"])
    >>> pd_term_structure(m, ["B"], 2).cumulative[:, 0].round(4).tolist()
    [0.0, 0.0, 0.02]
    """
    horizon = check_horizon(horizon)
    p, cols = chain_matrix(matrix, absorbing)
    n = len(matrix.index)
    default_idx = [cols.index(k) for k in absorbing]
    out = np.zeros((horizon + 1, n))
    reached = np.eye(len(cols))
    for t in range(1, horizon + 1):
        reached = reached @ p
        out[t] = reached[:n][:, default_idx].sum(axis=1)
    # The cumulative PD never falls (default is absorbing); clip float noise above 1.
    out = np.clip(np.maximum.accumulate(out, axis=0), 0.0, 1.0)
    return PdCurve(tuple(str(k) for k in matrix.index), out, tuple(absorbing), tuple(months), "markov")


def fallback_curve(buckets: Buckets = DEFAULT_BUCKETS, horizon: int = 36) -> PdCurve:
    """A term structure for a book without history: constant monthly hazard from the what-if
    page's prudent 12-month PDs (:func:`analysis.whatif.pd.fallback_pd`).

    ``cumulative(t) = 1 - (1 - PD12) ** (t / 12)``; default buckets are 1 from month 1.

    Examples
    --------
    >>> c = fallback_curve(horizon=24)
    >>> round(float(c.cumulative[12, 0]), 6), round(float(c.cumulative[24, 0]), 6)
    (0.02, 0.0396)
    """
    horizon = check_horizon(horizon)
    table = fallback_pd(buckets)
    absorbing = absorbing_keys(buckets)
    pd12 = table["pd"].to_numpy(dtype=np.float64)
    t = np.arange(horizon + 1, dtype=np.float64)[:, None]
    out = 1.0 - (1.0 - pd12[None, :]) ** (t / 12.0)
    is_default = np.array([k in absorbing for k in buckets.keys])
    out[1:, is_default] = 1.0
    out[0] = 0.0
    return PdCurve(tuple(buckets.keys), out, tuple(absorbing), (), "fallback")


def book_transitions(portfolio: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> pd.DataFrame:
    """The data core's transition cube of a portfolio (one definition of roll flows, no second
    group-by); compute it once and hand it to :func:`book_pd_curve` for every month."""
    book = book_from_portfolio(portfolio)
    try:
        return book.cubes(buckets).transitions()
    finally:
        book.close()


def pooled_months(rolls: pd.DataFrame, month: str | None, window: int | None = DEFAULT_WINDOW) -> list[str]:
    """From-months pooled for reporting month ``month``: those whose to-month is ``month`` or
    earlier, the last ``window`` of them (``None`` = all).

    Examples
    --------
    >>> r = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "to_month": ["2024-02", "2024-03", "2024-04"]})
    >>> pooled_months(r, "2024-03", window=12)
    ['2024-01', '2024-02']
    """
    pairs = rolls[["month", "to_month"]].drop_duplicates()
    if month is not None:
        pairs = pairs[pairs["to_month"].astype(str) <= str(month)]
    chosen = sorted(str(m) for m in pairs["month"].unique())
    if window is not None:
        if int(window) < 1:
            raise ProvisionError("provisions.err.window", value=window)
        chosen = chosen[-int(window):]
    return chosen


def book_pd_curve(portfolio: pd.DataFrame, month: str | None = None, *, buckets: Buckets = DEFAULT_BUCKETS,
                  horizon: int = 36, window: int | None = DEFAULT_WINDOW,
                  rolls: pd.DataFrame | None = None) -> PdCurve:
    """The PD term structure of a book as at ``month``, from its own roll rates.

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio (``account_id``, ``month``, ``days_past_due``, ``balance``).
    month : str, optional
        Reporting month: only from-months whose to-month is this month or earlier are pooled
        (default: every pair in the book).
    buckets : Buckets
    horizon : int
        Months of the curve (the longest remaining life needed).
    window : int or None
        Pool the last ``window`` from-months (default 12; ``None`` = all).
    rolls : DataFrame, optional
        The transition cube of ``portfolio`` for ``buckets`` (:func:`book_transitions`).

    Returns
    -------
    PdCurve
        The Markov curve; the :func:`fallback_curve` when no month pair precedes ``month``.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": list("aabb"), "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 95, 0, 0], "balance": 1.0})
    >>> c = book_pd_curve(df, horizon=2)
    >>> c.months, c.cumulative[1].tolist()
    (('2024-01',), [0.5, 0.0, 0.0, 1.0, 1.0, 1.0])
    """
    horizon = check_horizon(horizon)
    rolls = book_transitions(portfolio, buckets) if rolls is None else rolls
    chosen = pooled_months(rolls, month, window)
    if not chosen:
        return fallback_curve(buckets, horizon)
    matrix = roll_rate_matrix(rolls, chosen, measure="count")
    return pd_term_structure(matrix, absorbing_keys(buckets), horizon, tuple(chosen))


__all__ = ["DEFAULT_WINDOW", "MAX_HORIZON", "PdCurve", "ProvisionError", "book_pd_curve", "book_transitions",
           "check_horizon", "fallback_curve", "pd_term_structure", "pooled_months"]
