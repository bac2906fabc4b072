"""Completing young vintages: chain-ladder development factors on a vintage triangle.

A vintage triangle (:func:`analysis.aging.vintage.vintage_triangle`: ``cohort, mob, value, accounts,
balance``) shows each cohort's rate by months on book (MOB) up to today. Young cohorts have only
a few MOBs; reserving actuaries complete such triangles with *link ratios*: how much the value
grows from MOB *k* to *k+1*, measured on the cohorts that have seen both.

- the factor from *k* to *k+1* is volume-weighted, ``Σ w·v(k+1) / Σ w·v(k)``, with ``w`` the
  cohort's accounts or balance (a big cohort counts more, as it should);
- a cohort standing at exactly 0 cannot grow by a ratio, so it grows by the weighted average
  increment instead (noted);
- the fan comes from the spread of the individual cohorts' link ratios around the factor
  (on the log scale, the variances of successive steps add up), giving 80% and 95% ranges;
- :func:`backtest_vintages` cuts the triangle as it stood ``lookback`` months ago, completes it
  with factors from that cut only, and compares with what the cohorts actually reached.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.core.rates import month_ordinal
from analysis.core.schema import MONTH_LABEL
from analysis.trend.forecast import Note

_Z80, _Z95 = 1.2815515655446004, 1.959963984540054
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$")


@dataclass(frozen=True)
class VintageCompletion:
    """Completed vintage curves.

    Attributes
    ----------
    factors : DataFrame
        ``mob`` (from), ``factor``, ``increment``, ``sigma`` (spread of log link ratios),
        ``cohorts`` (how many cohorts the factor rests on).
    projection : DataFrame
        ``cohort``, ``mob``, ``value``, ``kind`` (``"actual"`` or ``"projected"``),
        ``lower80``, ``upper80``, ``lower95``, ``upper95``.
    target_mob : int
        MOB every cohort is completed to (the oldest cohort's age).
    notes : tuple of Note
    """

    factors: pd.DataFrame
    projection: pd.DataFrame
    target_mob: int
    notes: tuple[Note, ...] = ()


def _check(triangle: pd.DataFrame, weight: str) -> None:
    if weight not in ("balance", "accounts"):
        raise ValueError("weight must be 'balance' or 'accounts'")
    missing = [c for c in ("cohort", "mob", "value", weight) if c not in triangle.columns]
    if missing:
        raise ValueError(f"the triangle lacks column(s) {missing}; build it with analysis.aging.vintage.vintage_triangle")


def _wide(triangle: pd.DataFrame, weight: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    tri = triangle.assign(cohort=triangle["cohort"].astype(str), mob=triangle["mob"].astype(int))
    values = tri.pivot_table(index="cohort", columns="mob", values="value", aggfunc="first")
    weights = tri.pivot_table(index="cohort", columns="mob", values=weight, aggfunc="first")
    mobs = list(range(int(tri["mob"].min()), int(tri["mob"].max()) + 1))
    return values.reindex(columns=mobs), weights.reindex(index=values.index, columns=mobs)


def development_factors(triangle: pd.DataFrame, weight: str = "balance", min_level: float = 0.005) -> pd.DataFrame:
    """Volume-weighted link ratios (MOB *k* → *k+1*), their spread, and average increments.

    Parameters
    ----------
    triangle : DataFrame
        ``cohort``, ``mob``, ``value`` and the ``weight`` column.
    weight : {"balance", "accounts"}
    min_level : float
        Below this weighted level at MOB *k* no ratio is taken (NaN factor): a curve at 0.1%
        that reaches 2% next month would give a ratio of 20 that explodes any cohort it touches;
        increments are used there instead.

    Returns
    -------
    DataFrame
        ``mob``, ``factor`` (NaN below ``min_level``), ``increment``
        (weighted mean of ``v(k+1) - v(k)``), ``sigma`` (weighted std of the log link ratios;
        the last known value is carried where fewer than two cohorts inform it) and ``cohorts``.

    Examples
    --------
    >>> tri = pd.DataFrame({"cohort": ["a", "a", "b", "b", "c"], "mob": [1, 2, 1, 2, 1],
    ...                     "value": [0.01, 0.02, 0.02, 0.03, 0.01], "balance": [1.0] * 5})
    >>> development_factors(tri, min_level=0)[["mob", "factor", "cohorts"]].values.tolist()
    [[1.0, 1.6666666666666667, 2.0]]
    """
    _check(triangle, weight)
    values, weights = _wide(triangle, weight)
    # Plain arrays: pandas indexing per MOB pair cost more than the arithmetic (~1 s per triangle).
    V, W = values.to_numpy(dtype=float), weights.to_numpy(dtype=float)
    rows = []
    for i, k in enumerate(values.columns[:-1]):
        both = ~np.isnan(V[:, i]) & ~np.isnan(V[:, i + 1])
        v0, v1 = V[both, i], V[both, i + 1]
        w = W[both, i]
        w = np.where(np.isnan(w), 0.0, w)
        if not both.any() or w.sum() <= 0:
            w = np.ones(int(both.sum()))
        den = float((w * v0).sum())
        level = den / float(w.sum()) if len(w) and w.sum() > 0 else 0.0
        factor = float((w * v1).sum()) / den if den > 0 and level >= min_level else np.nan
        increment = float((w * (v1 - v0)).sum() / w.sum()) if len(w) and w.sum() > 0 else np.nan
        pos = (v0 > 0) & (v1 > 0)
        sigma = np.nan
        if pos.sum() >= 2 and np.isfinite(factor) and factor > 0:
            a = w[pos] * v0[pos]
            dev = np.log(v1[pos] / v0[pos]) - np.log(factor)
            m = int(pos.sum())
            sigma = float(np.sqrt((a * dev ** 2).sum() / a.sum() * m / (m - 1))) if a.sum() > 0 else np.nan
        rows.append({"mob": float(k), "factor": factor, "increment": increment, "sigma": sigma,
                     "cohorts": float(both.sum())})
    out = pd.DataFrame(rows, columns=["mob", "factor", "increment", "sigma", "cohorts"])
    # Few cohorts reach the old MOBs: carry the last measured spread rather than claim certainty.
    out["sigma"] = out["sigma"].ffill().fillna(0.0)
    return out


def complete_vintages(triangle: pd.DataFrame, weight: str = "balance", target_mob: int | None = None,
                      is_rate: bool = True, min_level: float = 0.005, from_origination: bool = True) -> VintageCompletion:
    """Project every cohort to ``target_mob`` with development factors, with an 80%/95% fan.

    Long on purpose: all cohorts step MOB by MOB together, and the step keeps the exact arithmetic
    of a cohort-by-cohort loop (the backtest's golden values depend on it), so it stays in one place.

    Parameters
    ----------
    triangle : DataFrame
        Output of :func:`analysis.aging.vintage.vintage_triangle`.
    weight : {"balance", "accounts"}
        Volume used to weigh the link ratios.
    target_mob : int, optional
        Default: the oldest MOB in the triangle.
    is_rate : bool
        Keep projections and bands within [0, 1].
    min_level : float
        See :func:`development_factors`.
    from_origination : bool
        Use only cohorts observed from MOB 0 or 1. A cohort booked before the data starts shows
        an "ever 30+" counted from the first month *in the data*, not from origination, so
        its growth is not comparable (kept only when fewer than two cohorts remain otherwise).

    Raises
    ------
    ValueError
        When the triangle lacks columns, or has fewer than two cohorts or MOBs to learn from.

    Examples
    --------
    >>> tri = pd.DataFrame({"cohort": ["2024-01"] * 3 + ["2024-02"] * 2 + ["2024-03"],
    ...                     "mob": [0, 1, 2, 0, 1, 0], "value": [.01, .02, .03, .01, .02, .02],
    ...                     "balance": [1.0] * 6})
    >>> res = complete_vintages(tri, target_mob=2)
    >>> res.projection.query("cohort == '2024-03' and mob == 2")["value"].round(4).tolist()
    [0.06]
    """
    _check(triangle, weight)
    notes: list[Note] = []
    if from_origination and len(triangle):
        first = triangle.groupby(triangle["cohort"].astype(str))["mob"].min()
        young = first.index[first <= 1]
        if len(young) >= 2 and len(young) < len(first):
            triangle = triangle[triangle["cohort"].astype(str).isin(young)]
            notes.append(Note("trend.vintage.censored", {"n": int(len(first) - len(young))}))
    if triangle["cohort"].nunique() < 2 or triangle["mob"].nunique() < 2:
        raise ValueError("development factors need at least two cohorts and two MOBs")
    values, _ = _wide(triangle, weight)
    factors = development_factors(triangle, weight, min_level)
    if target_mob is None:
        # Complete up to the last MOB that at least two cohorts have seen: one cohort is no pattern.
        seen = factors.loc[factors["cohorts"] >= 2, "mob"]
        target = int(seen.max()) + 1 if len(seen) else int(values.columns.max())
    else:
        target = int(target_mob)
    if target < int(values.columns.min()):
        raise ValueError("target_mob lies before the first MOB of the triangle")
    # MOB -> (factor, increment, sigma) as plain floats.
    by_mob = {int(m): (float(f), float(i), float(sg)) for m, f, i, sg in
              zip(factors["mob"], factors["factor"], factors["increment"], factors["sigma"])}
    mobs = np.asarray([int(m) for m in values.columns], dtype=np.int64)
    grid = values.to_numpy(dtype=float)
    cohorts = np.asarray(values.index, dtype=object)
    seen = ~np.isnan(grid)
    # Actual points: every observed (cohort, MOB).
    ci, mj = np.nonzero(seen)
    observed = grid[ci, mj]
    # Columns collected as arrays, one frame at the end: cohort, mob, value, kind, 4 bands.
    parts = [(cohorts[ci], mobs[mj], observed, np.full(len(observed), "actual", dtype=object),
              observed, observed, observed, observed)]
    # Projection: all cohorts step MOB by MOB together from their last observed MOB; each step
    # applies to every cohort the same factor, increment and spread, element by element, with the
    # same arithmetic a cohort-by-cohort loop would do (max/min as Python's, squares per MOB).
    has = seen.any(axis=1)
    last = np.where(has, seen.shape[1] - 1 - np.argmax(seen[:, ::-1], axis=1), 0)
    start = np.where(has, mobs[last], 0)
    v = np.where(has, grid[np.arange(len(grid)), last], 0.0)
    zero_starts = int((has & (start < target) & (v == 0)).sum())
    log_var, abs_var = np.zeros(len(v)), np.zeros(len(v))
    alive = has.copy()
    for mob in range(int(start[has].min()) if has.any() else target, target):
        here = alive & (start <= mob)
        if mob not in by_mob:
            alive &= ~here  # no factor for this MOB: these cohorts stop here
            continue
        if not here.any():
            continue
        factor, increment, sigma = by_mob[mob]
        grow = here & (v > 0) & bool(np.isfinite(factor))
        add = here & ~grow
        inc = increment if np.isfinite(increment) else 0.0
        v = np.where(grow, v * factor, v)
        log_var = np.where(grow, log_var + sigma ** 2, log_var)
        stepped = v + inc
        v = np.where(add, np.where(0.0 > stepped, 0.0, stepped), v)
        abs_var = np.where(add, abs_var + (sigma * max(inc, 0.0)) ** 2, abs_var)
        bands = []
        for z in (_Z80, _Z95):
            spread_log, spread_abs = z * np.sqrt(log_var[here]), z * np.sqrt(abs_var[here])
            low = v[here] * np.exp(-spread_log) - spread_abs
            bands += [np.where(0.0 > low, 0.0, low), v[here] * np.exp(spread_log) + spread_abs]
        shown = v[here]
        if is_rate:
            shown = np.where(1.0 < shown, 1.0, shown)
            bands = [np.where(1.0 < b, 1.0, b) for b in bands]
        parts.append((cohorts[here], np.full(len(shown), mob + 1, dtype=np.int64), shown,
                      np.full(len(shown), "projected", dtype=object), *bands))
    names = ["cohort", "mob", "value", "kind", "lower80", "upper80", "lower95", "upper95"]
    rows = pd.DataFrame({name: np.concatenate([part[k] for part in parts]) for k, name in enumerate(names)})
    projection = rows[["cohort", "mob", "value", "kind", "lower80", "upper80", "lower95", "upper95"]]
    projection = projection.sort_values(["cohort", "mob"], kind="stable").reset_index(drop=True)
    if zero_starts:
        notes.append(Note("trend.vintage.zero_start", {"n": zero_starts}))
    return VintageCompletion(factors, projection, target, tuple(notes))


def _cohort_end_ordinal(labels: list[str]) -> np.ndarray:
    """Calendar month (ordinal) a cohort's MOB 0 stands for; quarters by their last month."""
    out = []
    for label in labels:
        q = _QUARTER.match(label)
        if MONTH_LABEL.match(label):
            out.append(month_ordinal(label))
        elif q:
            out.append(int(q.group(1)) * 12 + (int(q.group(2)) - 1) * 3 + 2)
        else:  # unknown labels: assume consecutive months in sorted order
            return np.arange(len(labels))
    return np.asarray(out)


def backtest_vintages(triangle: pd.DataFrame, weight: str = "balance", lookback: int = 6,
                      is_rate: bool = True, min_level: float = 0.005, from_origination: bool = True) -> pd.DataFrame:
    """Complete the triangle as it stood ``lookback`` months ago and compare with what happened.

    Only information on or before that earlier diagonal is used, as if the analysis had been run
    then. Each cohort that has aged since is scored at the MOB it has reached today.

    Returns
    -------
    DataFrame
        ``cohort``, ``from_mob``, ``to_mob``, ``actual``, ``predicted``, ``lower80``, ``upper80``,
        ``error`` (predicted - actual) and ``in80`` (actual inside the 80% range). Empty when
        the cut leaves too little to learn from.

    Examples
    --------
    >>> rows = [(f"2024-{c:02d}", m, 0.01 * (m + 1)) for c in range(1, 7) for m in range(0, 7 - c)]
    >>> tri = pd.DataFrame(rows, columns=["cohort", "mob", "value"]).assign(balance=1.0)
    >>> bt = backtest_vintages(tri, lookback=2)
    >>> bool((bt["error"].abs() < 1e-9).all()), len(bt) > 0
    (True, True)
    """
    _check(triangle, weight)
    if isinstance(lookback, bool) or not isinstance(lookback, (int, np.integer)) or lookback < 1:
        raise ValueError("lookback must be a positive whole number of months")
    tri = triangle.assign(cohort=triangle["cohort"].astype(str), mob=triangle["mob"].astype(int))
    cohorts = sorted(tri["cohort"].unique())
    start = dict(zip(cohorts, _cohort_end_ordinal(cohorts)))
    cal = tri["cohort"].map(start).to_numpy() + tri["mob"].to_numpy()
    cut = tri[cal <= cal.max() - lookback]
    empty = pd.DataFrame(columns=["cohort", "from_mob", "to_mob", "actual", "predicted", "lower80", "upper80",
                                  "error", "in80"])
    if cut["cohort"].nunique() < 2 or cut["mob"].nunique() < 2:
        return empty
    then_last = cut.groupby("cohort")["mob"].max()
    now = tri.sort_values("mob").groupby("cohort").tail(1).set_index("cohort")
    try:
        completed = complete_vintages(cut, weight, target_mob=int(now["mob"].max()), is_rate=is_rate,
                                      min_level=min_level, from_origination=from_origination)
    except ValueError:
        return empty
    proj = completed.projection.set_index(["cohort", "mob"])
    rows = []
    for cohort, from_mob in then_last.items():
        to_mob = int(now.loc[cohort, "mob"])
        if to_mob <= from_mob or (cohort, to_mob) not in proj.index:
            continue
        p = proj.loc[(cohort, to_mob)]
        actual = float(now.loc[cohort, "value"])
        rows.append({"cohort": cohort, "from_mob": int(from_mob), "to_mob": to_mob, "actual": actual,
                     "predicted": float(p["value"]), "lower80": float(p["lower80"]), "upper80": float(p["upper80"]),
                     "error": float(p["value"]) - actual,
                     "in80": bool(p["lower80"] - 1e-12 <= actual <= p["upper80"] + 1e-12)})
    return pd.DataFrame(rows, columns=empty.columns) if rows else empty
