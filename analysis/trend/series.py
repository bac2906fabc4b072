"""Monthly delinquency series for the book or a segment, and how they are changing.

Everything here reads the data core's cubes (:mod:`analysis.core`): the rows are aggregated once
per data × filters × buckets, and every later view reads a few hundred rows.

Definitions (the 口径 the page prints):

- ``overdue_rate``, ``dpd30_rate``, ``dpd90_rate``: share of the book (by balance or by count)
  with DPD ≥ 1, > 30, > 90 at the month end (:func:`analysis.core.rates.delinquency_rates`);
- ``overdue_balance``, ``dpd30_balance``, ``dpd90_balance``: balance of those accounts (元);
- ``overdue_amount``: sum of the past-due amount column, when the file has one;
- ``entry_rate`` (入催率): of the accounts (or balance) Current (DPD 0) at month *t-1*, the share
  that is 1+ DPD at month *t*; shown at month *t*, the month they entered collection. Accounts
  that left the book stay in the denominator (they did not go delinquent).
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from analysis.core.rates import delinquency_rates, month_ordinal, shift_month
from analysis.core.vocabulary import AMOUNT_METRICS, TREND_RATE_METRICS

#: Every metric a trend can follow: the month-end rates and the entry rate, then the amounts.
TREND_METRICS = (*TREND_RATE_METRICS, *AMOUNT_METRICS)


def is_rate_metric(metric: str) -> bool:
    """Whether ``metric`` is a share in [0, 1] (else an amount in 元).

    Examples
    --------
    >>> is_rate_metric("entry_rate"), is_rate_metric("dpd30_balance")
    (True, False)
    """
    if metric not in TREND_METRICS:
        raise ValueError(f"metric must be one of {', '.join(TREND_METRICS)}")
    return metric in TREND_RATE_METRICS


def _by_list(by: str | list[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def trend_table(rates: pd.DataFrame, transitions: pd.DataFrame, measure: str = "balance",
                by: str | list[str] | None = None) -> pd.DataFrame:
    """Every trend metric per month (× segment), from the data core's cubes.

    Parameters
    ----------
    rates : DataFrame
        ``Cubes.rates(by)`` (:mod:`analysis.core`).
    transitions : DataFrame
        ``Cubes.transitions(by)``, for the entry rate.
    measure : {"balance", "count"}
        Rates as shares of balance or of accounts.
    by : str or list of str, optional
        Segment column(s) the cubes were built by; a segment is taken at month *t* (for the
        entry rate, at *t-1*).

    Returns
    -------
    DataFrame
        ``month``, the ``by`` columns, ``count``, ``balance``, ``overdue_rate``, ``dpd30_rate``,
        ``dpd90_rate``, ``overdue_balance``, ``dpd30_balance``, ``dpd90_balance``,
        ``overdue_amount`` (NaN when the file has none), ``entry_rate`` (NaN for the first month
        and after a gap) and ``entry_base`` (Current accounts or balance at *t-1*).

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b", "a", "b"], "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 10, 0], "balance": [100.0, 300.0, 100.0, 300.0]})
    >>> cubes = book_from_portfolio(df).cubes()
    >>> trend_table(cubes.rates(), cubes.transitions())[["month", "overdue_rate", "entry_rate"]].values.tolist()
    [['2024-01', 0.0, nan], ['2024-02', 0.25, 0.25]]
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    keys = _by_list(by)
    missing = [c for c in ["month", "count", "balance", *keys] if c not in rates.columns]
    if missing:
        raise ValueError(f"rates lacks column(s) {missing}; take it from Cubes.rates(by)")
    with_rates = delinquency_rates(rates, measure)
    out = with_rates[["month", *keys, "count", "balance", "overdue_rate", "dpd30_rate", "dpd90_rate",
                      "overdue_balance", "dpd30_balance", "dpd90_balance"]].copy()
    out["overdue_amount"] = with_rates["overdue_amount"] if "overdue_amount" in with_rates.columns else np.nan
    entry = entry_rates(transitions, measure, keys or None)
    out = out.merge(entry, on=["month", *keys], how="left")
    for col in keys:  # the merge may turn categoricals into objects; keep them comparable
        if isinstance(rates[col].dtype, pd.CategoricalDtype):
            out[col] = pd.Categorical(out[col], categories=rates[col].cat.categories)
    return out.sort_values(["month", *keys], kind="stable").reset_index(drop=True)


def entry_rates(transitions: pd.DataFrame, measure: str = "balance", by: str | list[str] | None = None) -> pd.DataFrame:
    """Entry rate into delinquency (入催率) per month *t*: Current at *t-1* → 1+ DPD at *t*.

    The one definition of the entry rate, used by aging, trend, overview, findings, the report and
    the CLI. Month convention: the rate is dated at the month of entry *t* (the END month of the
    transition *t-1* → *t*, the month the accounts entered delinquency), never at *t-1*. The base
    is every account (or balance) Current at *t-1* whose next month is in the book, exits
    included. Built from the transition cube: the first bucket of every bucket scheme is DPD 0.
    Wherever the rate is shown, the definitions line carries
    :func:`analysis.core.vocabulary.entry_rate_definition`.

    Returns
    -------
    DataFrame
        ``month`` (the month of entry, *t*), the ``by`` columns, ``entry_rate``,
        ``entry_base`` (accounts or balance Current at *t-1*, exits included) and ``entered``.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b", "a"], "month": ["2024-01", "2024-01", "2024-02"],
    ...                    "days_past_due": [0, 0, 5], "balance": [1.0, 1.0, 1.0]})
    >>> entry_rates(book_from_portfolio(df).cubes().transitions(), "count")[["month", "entry_rate"]].values.tolist()
    [['2024-02', 0.5]]
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    keys = _by_list(by)
    rolls = transitions
    current = rolls["bucket"].cat.categories[0]
    rows = rolls[rolls["bucket"] == current]
    entered = ~rows["next_bucket"].isin([current, "exit"]).to_numpy()
    work = pd.DataFrame({"month": rows["to_month"].to_numpy(), **{k: rows[k].to_numpy() for k in keys},
                         "entry_base": rows[measure].to_numpy(dtype=float),
                         "entered": np.where(entered, rows[measure].to_numpy(dtype=float), 0.0)})
    grouped = work.groupby(["month", *keys], observed=True, sort=True)[["entry_base", "entered"]].sum().reset_index()
    base = grouped["entry_base"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        grouped["entry_rate"] = np.where(base > 0, grouped["entered"].to_numpy() / base, np.nan)
    return grouped[["month", *keys, "entry_rate", "entry_base", "entered"]]


def metric_series(table: pd.DataFrame, metric: str, by: str | None = None, segment: object = None) -> pd.Series:
    """One metric of a :func:`trend_table` as a Series indexed by month, for the book or one segment.

    Examples
    --------
    >>> t = pd.DataFrame({"month": ["2024-01", "2024-02"], "dpd30_rate": [0.01, 0.02]})
    >>> metric_series(t, "dpd30_rate").to_dict()
    {'2024-01': 0.01, '2024-02': 0.02}
    """
    is_rate_metric(metric)
    rows = table
    if by is not None:
        if by not in table.columns:
            raise ValueError(f"the table has no segment column {by!r}")
        rows = table[table[by].astype(str) == str(segment)] if segment is not None else table
        if segment is None:
            raise ValueError("give the segment value to pick one segment's series")
    values = rows[metric].to_numpy(dtype=float)
    return pd.Series(values, index=pd.Index(rows["month"].astype(str).to_numpy(), name="month"), name=metric)


def add_changes(series: pd.Series, is_rate: bool = True) -> pd.DataFrame:
    """Month-on-month and year-on-year change and acceleration of a monthly series.

    Changes compare calendar months: with a gap in the data the change is missing, never taken
    against the wrong month. For a rate, changes are in rate units (0.004 = 0.4 pp); for an
    amount, ``mom_pct`` and ``yoy_pct`` give the relative change too. ``acceleration`` is this
    month's MoM change minus last month's: positive while a rise speeds up.

    Returns
    -------
    DataFrame
        ``month``, ``value``, ``mom``, ``mom_pct``, ``yoy``, ``yoy_pct``, ``acceleration``.

    Examples
    --------
    >>> s = pd.Series([0.010, 0.012, 0.015], index=["2024-01", "2024-02", "2024-03"])
    >>> add_changes(s)["acceleration"].round(4).tolist()
    [nan, nan, 0.001]
    """
    months = [str(m) for m in series.index]
    values = series.to_numpy(dtype=float)
    lookup = dict(zip(months, values))

    def back(n: int) -> np.ndarray:
        return np.array([lookup.get(shift_month(m, -n), np.nan) for m in months], dtype=float)

    prev, prev2, year = back(1), back(2), back(12)
    mom = values - prev
    mom_prev = prev - prev2
    with np.errstate(invalid="ignore", divide="ignore"):
        mom_pct = np.where(prev != 0, mom / np.abs(prev), np.nan)
        yoy_pct = np.where(year != 0, (values - year) / np.abs(year), np.nan)
    return pd.DataFrame({"month": months, "value": values, "mom": mom, "mom_pct": mom_pct,
                         "yoy": values - year, "yoy_pct": yoy_pct, "acceleration": mom - mom_prev})


def latest_changes(series: pd.Series, is_rate: bool = True) -> dict:
    """The figures of the metric cards: the latest value and how it is moving.

    Returns
    -------
    dict
        ``month``, ``value``, ``mom``, ``mom_pct``, ``yoy``, ``yoy_pct``, ``acceleration`` and
        ``accelerating`` (True when the metric rose this month by more than it rose last month).

    Examples
    --------
    >>> s = pd.Series([0.010, 0.012, 0.015], index=["2024-01", "2024-02", "2024-03"])
    >>> latest_changes(s)["accelerating"]
    True
    """
    clean = series.dropna()
    if not len(clean):
        return {"month": None, "value": math.nan, "mom": math.nan, "mom_pct": math.nan, "yoy": math.nan,
                "yoy_pct": math.nan, "acceleration": math.nan, "accelerating": False}
    last = add_changes(clean, is_rate).iloc[-1]
    out = {k: (str(v) if k == "month" else float(v)) for k, v in last.items()}
    out["accelerating"] = bool(out["mom"] > 0 and out["acceleration"] > 0)
    return out


def top_segments(table: pd.DataFrame, by: str, n: int = 6) -> list[str]:
    """The ``n`` segments with the largest balance in the latest month.

    Examples
    --------
    >>> t = pd.DataFrame({"month": ["2024-01"] * 3, "region": ["a", "b", "c"], "balance": [5.0, 9.0, 1.0]})
    >>> top_segments(t, "region", 2)
    ['b', 'a']
    """
    if by not in table.columns:
        raise ValueError(f"the table has no segment column {by!r}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError("n must be a positive whole number")
    if not len(table):
        return []
    last = table[table["month"] == table["month"].max()]
    sizes = last.groupby(last[by].astype(str), observed=True)["balance"].sum().sort_values(ascending=False, kind="stable")
    return sizes.index[:n].tolist()


def months_span(series: pd.Series) -> int:
    """Calendar months from the first to the last month of a series (gaps included).

    Examples
    --------
    >>> months_span(pd.Series([1, 2], index=["2023-12", "2024-02"]))
    3
    """
    if not len(series):
        return 0
    months = sorted(str(m) for m in series.index)
    return month_ordinal(months[-1]) - month_ordinal(months[0]) + 1


_EVENT_MONTH = (
    r"^\s*(?P<y>\d{4})\s*(?:[-/.年]\s*(?P<m1>\d{1,2})\s*月?|(?P<m2>\d{2}))"
    r"(?:\s*[-/.]\s*\d{1,2}\s*日?|\s*\d{1,2}\s*日)?\s*$"
)


def normalise_event_month(text: object) -> str | None:
    """``"2024-3"``, ``"2024/03"``, ``"2024年3月"``, ``"202403"``, ``"2024-03-15"`` → ``"2024-03"``.

    Returns ``None`` when the text is not a month.

    Examples
    --------
    >>> [normalise_event_month(x) for x in ["2024年3月", "202403", "2024/3/15", "March"]]
    ['2024-03', '2024-03', '2024-03', None]
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return None
    match = re.match(_EVENT_MONTH, str(text))
    if not match:
        return None
    month = int(match.group("m1") or match.group("m2"))
    return f"{int(match.group('y')):04d}-{month:02d}" if 1 <= month <= 12 else None


def clean_events(events: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Timeline events as typed by a user → ``month`` (``YYYY-MM``), ``label``; and how many rows were unusable.

    Blank rows are dropped silently; rows whose month cannot be read are counted (and dropped).

    Examples
    --------
    >>> ev = pd.DataFrame({"month": ["2024年3月", "soon", None], "label": ["审批收紧", "x", None]})
    >>> clean, bad = clean_events(ev)
    >>> clean.values.tolist(), bad
    ([['2024-03', '审批收紧']], 1)
    """
    if events is None or not len(events):
        return pd.DataFrame({"month": pd.Series([], dtype=str), "label": pd.Series([], dtype=str)}), 0
    if not {"month", "label"} <= set(events.columns):
        raise ValueError("events need the columns 'month' and 'label'")
    labels = events["label"].astype("string").fillna("").str.strip()
    raw = events["month"].astype("string").fillna("").str.strip()
    blank = (raw == "") & (labels == "")
    months = [normalise_event_month(m) for m in raw]
    ok = np.array([m is not None for m in months]) & ~blank.to_numpy()
    clean = pd.DataFrame({"month": [m for m, k in zip(months, ok) if k],
                          "label": labels[ok].tolist()}).astype({"month": str, "label": str})
    clean = clean.sort_values("month", kind="stable").reset_index(drop=True)
    return clean, int((~ok & ~blank.to_numpy()).sum())
