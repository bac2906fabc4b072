"""Aging analyses (账龄分布与迁徙): distributions, mix and rates over time, roll, flow, cure and
entry rates, first-payment default, the collection playbook's coverage and drill-down rows.

Everything here works on the cubes of :mod:`analysis.core.rates` (small, aggregated frames) except the
few functions that must look at rows (``Cubes.dpd()`` (:mod:`analysis.core`), :func:`first_payment_default`,
:func:`drill_down`), which the UI caches once per upload × buckets × filters. No function
mutates its input.

Definitions (口径) used throughout:

* shares are of the month's total (or the segment's total) by ``count`` or ``balance``;
* a roll rate from bucket A at month *t* is the share of A at *t* (accounts, or balance at *t*)
  sitting in each bucket, or exited, at *t* + 1 (calendar months);
* the *flow rate* of bucket *i* is its roll rate into bucket *i* + 1; the chain multiplies them;
* the *cure rate* of a bucket is its roll rate back to the first bucket (Current / M0);
* the *entry rate* (入催率) is the share of Current at *t* - 1 that is 1+ DPD at *t*, dated at *t*, the
  month of entry (one definition: :func:`analysis.trend.series.entry_rates`);
* a *lagged* rate divides this month's delinquent amount by the book *N* months earlier.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.core.buckets import EXIT
from analysis.core.privacy import mask_pii
from analysis.core.schema import BLANK_SEGMENT
from analysis.core.rates import (RATE_THRESHOLDS, delinquency_rates, month_from_ordinal, month_ordinal,
                                 roll_flow_matrix, shift_month)
from analysis.core.i18n import MessageError, translate
from analysis.core.vocabulary import action_label
from analysis.warnings.playbook import DEFAULT_STAGE_PLAYBOOK, stage_actions

MEASURES = ("balance", "count")
#: Book growth over the lag above which the coincident rate is flagged as flattered.
DEFAULT_GROWTH_THRESHOLD = 0.2


class AgingError(MessageError):
    """A bad parameter or missing input; ``message(lang)`` says what to do in the user's language.

    ``str(exc)`` is the English text, so callers that do not care about languages still get a
    readable message.
    """



# --- parameter checks ----------------------------------------------------------------------

def _check_measure(measure: str) -> None:
    if measure not in MEASURES:
        raise AgingError("aging.error.measure", value=measure)


def _check_month(frame: pd.DataFrame, month: str) -> None:
    if not isinstance(month, str) or month not in set(frame["month"].unique()):
        raise AgingError("aging.error.month", month=month)


def _check_columns(frame: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AgingError("aging.error.column", column=", ".join(missing))


def _by_list(by: str | list[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _safe_div(num: np.ndarray | pd.Series, den: np.ndarray | pd.Series) -> np.ndarray:
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def months_of(frame: pd.DataFrame) -> list[str]:
    """The sorted ``YYYY-MM`` months of a cube or panel.

    Examples
    --------
    >>> months_of(pd.DataFrame({"month": ["2024-02", "2024-01", "2024-02"]}))
    ['2024-01', '2024-02']
    """
    return sorted(str(m) for m in pd.unique(frame["month"]))


# --- distribution for a month ----------------------------------------------------------------

def aging_distribution(cube: pd.DataFrame, month: str, by: str | None = None) -> pd.DataFrame:
    """Count, balance and overdue amount per bucket (× segment) for one month, with shares.

    Parameters
    ----------
    cube : DataFrame
        Output of ``Cubes.aging()`` (:mod:`analysis.core`) (built with the same ``by``).
    month : str
        ``YYYY-MM``; must be in the cube.
    by : str, optional
        Segment column the cube was built with; shares are then within each segment.

    Returns
    -------
    DataFrame
        ``[by], bucket, count, balance, [overdue_amount], count_share, balance_share``; one row
        per bucket (× segment), zeros kept. Shares sum to 1 within each segment (NaN when the
        segment is empty).

    Raises
    ------
    AgingError
        When the month is not in the cube or ``by`` is not a column of it.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [150.0, 50.0]})
    >>> aging_distribution(book_from_portfolio(df).cubes().aging(), "2024-01")["balance_share"].tolist()[:3]
    [0.75, 0.0, 0.25]
    """
    _check_month(cube, month)
    keys = _by_list(by)
    _check_columns(cube, keys)
    rows = cube[cube["month"] == month].drop(columns="month")
    value_cols = [c for c in ("count", "balance", "overdue_amount") if c in rows.columns]
    out = rows[[*keys, "bucket", *value_cols]].reset_index(drop=True)
    for m in MEASURES:
        total = out.groupby(keys, observed=True)[m].transform("sum") if keys else out[m].sum()
        out[f"{m}_share"] = _safe_div(out[m], total)
    return out


def distribution_totals(distribution: pd.DataFrame) -> dict[str, float]:
    """Totals of a distribution (every bucket and segment), for reconciling with the upload.

    Examples
    --------
    >>> distribution_totals(pd.DataFrame({"count": [2, 1], "balance": [10.0, 5.0]}))
    {'count': 3, 'balance': 15.0}
    """
    out: dict[str, float] = {"count": int(distribution["count"].sum()),
                             "balance": float(distribution["balance"].sum())}
    if "overdue_amount" in distribution.columns:
        out["overdue_amount"] = float(distribution["overdue_amount"].sum())
    return out


# --- over time ---------------------------------------------------------------------------------

def bucket_mix(cube: pd.DataFrame, measure: str = "balance") -> pd.DataFrame:
    """The bucket mix per month (segments summed): amount and share of the month's total.

    Returns
    -------
    DataFrame
        ``month, bucket, value, share`` sorted by month then bucket order.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [150.0, 50.0]})
    >>> bucket_mix(book_from_portfolio(df).cubes().aging(), "count")["share"].tolist()[:3]
    [0.5, 0.0, 0.5]
    """
    _check_measure(measure)
    grouped = cube.groupby(["month", "bucket"], observed=False, sort=True)[measure].sum().reset_index()
    grouped = grouped[grouped["month"].isin(set(cube["month"]))]
    grouped = grouped.rename(columns={measure: "value"})
    grouped["share"] = _safe_div(grouped["value"], grouped.groupby("month")["value"].transform("sum"))
    return grouped.reset_index(drop=True)


def rate_lines(rates: pd.DataFrame, measure: str = "balance") -> pd.DataFrame:
    """``overdue_rate``, ``dpd30_rate`` and ``dpd90_rate`` per month with the month-over-month change.

    Parameters
    ----------
    rates : DataFrame
        Output of ``Cubes.rates()`` (:mod:`analysis.core`) without ``by`` (one row per month).
    measure : {"balance", "count"}

    Returns
    -------
    DataFrame
        ``month, metric, rate, change`` where ``change`` is the difference from the previous
        *calendar* month in rate units (0.004 = 0.4 pp); NaN for the first month or after a gap.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b", "a", "b"], "month": ["2024-01"] * 2 + ["2024-02"] * 2,
    ...                    "days_past_due": [0, 0, 0, 40], "balance": [50.0, 50.0, 50.0, 50.0]})
    >>> rate_lines(book_from_portfolio(df).cubes().rates()).query("metric == 'dpd30_rate'")["change"].tolist()
    [nan, 0.5]
    """
    _check_measure(measure)
    table = delinquency_rates(_per_month(rates), measure)
    prev = {m: shift_month(m, -1) for m in table["month"]}
    frames = []
    for name in RATE_THRESHOLDS:
        metric = f"{name}_rate"
        by_month = dict(zip(table["month"], table[metric]))
        frames.append(pd.DataFrame({
            "month": table["month"].to_numpy(),
            "metric": metric,
            "rate": table[metric].to_numpy(dtype=np.float64),
            "change": [by_month[m] - by_month[prev[m]] if prev[m] in by_month else np.nan
                       for m in table["month"]],
        }))
    return pd.concat(frames, ignore_index=True)


def _per_month(rates: pd.DataFrame) -> pd.DataFrame:
    numeric = [c for c in rates.columns if c != "month" and pd.api.types.is_numeric_dtype(rates[c])]
    if rates["month"].is_unique:
        return rates[["month", *numeric]].sort_values("month").reset_index(drop=True)
    return rates.groupby("month", sort=True)[numeric].sum().reset_index()


def lagged_rates(rates: pd.DataFrame, lag: int = 3, measure: str = "balance",
                 growth_threshold: float = DEFAULT_GROWTH_THRESHOLD) -> pd.DataFrame:
    """Coincident and lagged delinquency rates side by side, with a "book grew fast" flag.

    The coincident rate divides this month's delinquent amount by this month's book; the lagged
    rate divides it by the book ``lag`` months earlier, when today's delinquents were booked. A
    fast-growing book fills the coincident denominator with young accounts that have not had
    time to go delinquent, so the coincident rate flatters; ``grew_fast`` marks those months.

    Parameters
    ----------
    rates : DataFrame
        Output of ``Cubes.rates()`` (:mod:`analysis.core`) (segments, if any, are summed).
    lag : int
        Months between numerator and denominator, 1 to 24.
    measure : {"balance", "count"}
    growth_threshold : float
        Book growth over the lag (0.2 = 20 %) from which a month is flagged.

    Returns
    -------
    DataFrame
        ``month, metric, coincident, lagged, book, book_lagged, growth, grew_fast``; ``lagged``
        is NaN when month *t* − ``lag`` is not in the data.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-02"],
    ...                    "days_past_due": [0, 40, 0], "balance": [100.0, 100.0, 100.0]})
    >>> out = lagged_rates(book_from_portfolio(df).cubes().rates(), lag=1).query("metric == 'dpd30_rate' and month == '2024-02'")
    >>> out[["coincident", "lagged", "growth", "grew_fast"]].values.tolist()
    [[0.5, 1.0, 1.0, True]]
    """
    _check_measure(measure)
    if isinstance(lag, bool) or not isinstance(lag, (int, np.integer)) or not 1 <= lag <= 24:
        raise AgingError("aging.error.lag", value=lag)
    if not isinstance(growth_threshold, (int, float)) or not 0 <= growth_threshold < 10 \
            or math.isnan(growth_threshold):
        raise AgingError("aging.error.growth", value=growth_threshold)
    table = _per_month(rates)
    book = dict(zip(table["month"], table[measure].astype(float)))
    months = table["month"].tolist()
    earlier = [shift_month(m, -int(lag)) for m in months]
    book_now = np.array([book[m] for m in months])
    book_then = np.array([book.get(e, np.nan) for e in earlier])
    growth = _safe_div(book_now - book_then, book_then)
    frames = []
    for name in RATE_THRESHOLDS:
        num = table[f"{name}_{measure}"].to_numpy(dtype=np.float64)
        frames.append(pd.DataFrame({
            "month": months, "metric": f"{name}_rate",
            "coincident": _safe_div(num, book_now), "lagged": _safe_div(num, book_then),
            "book": book_now, "book_lagged": book_then, "growth": growth,
            "grew_fast": np.nan_to_num(growth, nan=-1.0) >= growth_threshold,
        }))
    return pd.concat(frames, ignore_index=True)


# --- roll, flow, cure, entry ---------------------------------------------------------------------

def roll_rates_all(rolls: pd.DataFrame, measure: str = "count") -> pd.DataFrame:
    """Roll rates for every from-month at once (segments summed), as a tidy frame.

    One pass over the roll cube builds a month × from × to array, so all month pairs of a
    two-year book take milliseconds.

    Parameters
    ----------
    rolls : DataFrame
        Output of ``Cubes.transitions()`` (:mod:`analysis.core`).
    measure : {"count", "balance"}
        Accounts, or balance at month *t*.

    Returns
    -------
    DataFrame
        ``month, to_month, from_bucket, to_bucket, flow, rate``: every from × to combination
        (``exit`` included) for every from-month; each (month, from_bucket) rate row sums to 1
        (NaN when the bucket was empty that month).

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-01"],
    ...                    "days_past_due": [0, 0, 0], "balance": [1.0, 1.0, 1.0]})
    >>> out = roll_rates_all(book_from_portfolio(df).cubes().transitions())
    >>> out.query("from_bucket == 'Current' and to_bucket in ['Current', 'exit']")["rate"].tolist()
    [0.5, 0.5]
    """
    _check_measure(measure)
    from_keys = list(rolls["bucket"].cat.categories)
    to_keys = list(rolls["next_bucket"].cat.categories)
    months = months_of(rolls) if len(rolls) else []
    m_idx = pd.Categorical(rolls["month"], categories=months).codes.astype(np.int64)
    f_idx = rolls["bucket"].cat.codes.to_numpy(dtype=np.int64)
    t_idx = rolls["next_bucket"].cat.codes.to_numpy(dtype=np.int64)
    nf, nt = len(from_keys), len(to_keys)
    flat = (m_idx * nf + f_idx) * nt + t_idx
    flows = np.bincount(flat, weights=rolls[measure].to_numpy(dtype=np.float64),
                        minlength=len(months) * nf * nt).reshape(len(months), nf, nt)
    totals = flows.sum(axis=2, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = np.where(totals > 0, flows / np.where(totals > 0, totals, 1.0), np.nan)
    n = len(months) * nf * nt
    month_col = np.repeat(np.array(months, dtype=object), nf * nt)
    return pd.DataFrame({
        "month": month_col,
        "to_month": np.repeat(np.array([shift_month(m, 1) for m in months], dtype=object), nf * nt),
        "from_bucket": pd.Categorical(np.tile(np.repeat(np.array(from_keys, dtype=object), nt), len(months)),
                                      categories=from_keys, ordered=True),
        "to_bucket": pd.Categorical(np.tile(np.array(to_keys, dtype=object), len(months) * nf),
                                    categories=to_keys, ordered=True),
        "flow": flows.reshape(n),
        "rate": rates.reshape(n),
    })


def roll_matrix_long(rolls: pd.DataFrame, months: list[str] | None = None,
                     measure: str = "count") -> pd.DataFrame:
    """The pooled roll-rate matrix of the chosen from-months, long form for a heatmap.

    Pooling sums flows before dividing (:func:`analysis.core.rates.roll_rate_matrix`), so the window
    average weighs each month by the size of its bucket.

    Returns
    -------
    DataFrame
        ``from_bucket, to_bucket, flow, rate, base`` (``base`` = the from-bucket's total).

    Raises
    ------
    AgingError
        When a chosen month has no next month in the book (no pair to roll into).

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [0, 45], "balance": [1.0, 1.0]})
    >>> roll_matrix_long(book_from_portfolio(df).cubes().transitions()).query("from_bucket == 'Current' and rate > 0")[
    ...     ["to_bucket", "rate"]].values.tolist()
    [['31-60', 1.0]]
    """
    _check_measure(measure)
    if months is not None:
        available = set(rolls["month"].unique())
        missing = [m for m in months if m not in available]
        if missing or not months:
            raise AgingError("aging.error.pair", month=", ".join(missing) or "–")
    flows = roll_flow_matrix(rolls, months, measure)
    base = flows.sum(axis=1)
    rates = flows.div(base.where(base > 0), axis=0)
    out = flows.stack().rename("flow").reset_index()
    out["rate"] = rates.to_numpy().reshape(-1)
    out["base"] = np.repeat(base.to_numpy(), flows.shape[1])
    out["from_bucket"] = pd.Categorical(out["from_bucket"].astype(str), categories=list(flows.index), ordered=True)
    out["to_bucket"] = pd.Categorical(out["to_bucket"].astype(str), categories=list(flows.columns), ordered=True)
    return out


def flow_rates(all_rates: pd.DataFrame) -> pd.DataFrame:
    """The flow-rate chain per month: each bucket's roll into the next one, and their product.

    Parameters
    ----------
    all_rates : DataFrame
        Output of :func:`roll_rates_all`.

    Returns
    -------
    DataFrame
        ``month, to_month, step, from_bucket, to_bucket, rate, base, chain`` with one row per
        month and step ``from_bucket → to_bucket`` (consecutive buckets); ``chain`` is the
        product of the flow rates from the first bucket up to this step, i.e. the share of
        Current that would reach ``to_bucket`` if this month's flow rates held.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b", "b"], "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 10, 0, 0], "balance": [1.0, 1.0, 1.0, 1.0]})
    >>> flow_rates(roll_rates_all(book_from_portfolio(df).cubes().transitions()))["rate"].tolist()[:1]
    [0.5]
    """
    keys = list(all_rates["from_bucket"].cat.categories)
    steps = list(zip(keys[:-1], keys[1:]))
    frames = []
    base = all_rates.groupby(["month", "from_bucket"], observed=True, sort=False)["flow"].sum()
    for i, (a, b) in enumerate(steps):
        part = all_rates[(all_rates["from_bucket"] == a) & (all_rates["to_bucket"] == b)]
        frames.append(pd.DataFrame({
            "month": part["month"].to_numpy(), "to_month": part["to_month"].to_numpy(),
            "step": i, "from_bucket": a, "to_bucket": b, "rate": part["rate"].to_numpy(),
            "base": base.reindex(pd.MultiIndex.from_arrays(
                [part["month"].to_numpy(), np.full(len(part), a, dtype=object)])).to_numpy(),
        }))
    if not frames:
        return pd.DataFrame(columns=["month", "to_month", "step", "from_bucket", "to_bucket", "rate", "base", "chain"])
    out = pd.concat(frames, ignore_index=True).sort_values(["month", "step"], kind="stable")
    # A step with nothing to roll (empty bucket) breaks the chain: NaN from there on, not a
    # silent factor of 1.
    out["chain"] = out.groupby("month")["rate"].transform(lambda s: s.cumprod(skipna=False))
    out["from_bucket"] = pd.Categorical(out["from_bucket"].astype(str), categories=keys, ordered=True)
    out["to_bucket"] = pd.Categorical(out["to_bucket"].astype(str), categories=keys, ordered=True)
    return out.reset_index(drop=True)


def cure_rates(all_rates: pd.DataFrame, months: list[str] | None = None) -> pd.DataFrame:
    """Cure rate (back to the first bucket, Current / M0) per overdue bucket: per month and pooled.

    Parameters
    ----------
    all_rates : DataFrame
        Output of :func:`roll_rates_all`.
    months : list of str, optional
        From-months of the pooled rate (default all).

    Returns
    -------
    DataFrame
        ``month, bucket, cured, base, cure_rate`` for every month, plus rows with
        ``month == "pooled"`` pooling the chosen window (flows summed, then divided).

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "a", "b", "b"], "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [10, 0, 10, 40], "balance": [1.0, 1.0, 1.0, 1.0]})
    >>> cure_rates(roll_rates_all(book_from_portfolio(df).cubes().transitions())).query("bucket == '1-30'")["cure_rate"].tolist()
    [0.5, 0.5]
    """
    keys = list(all_rates["from_bucket"].cat.categories)
    first = keys[0]
    overdue = all_rates[all_rates["from_bucket"] != first]
    base = overdue.groupby(["month", "from_bucket"], observed=True, sort=True)["flow"].sum()
    cured = overdue[overdue["to_bucket"] == first].set_index(["month", "from_bucket"])["flow"]
    per = pd.DataFrame({"cured": cured.reindex(base.index).fillna(0.0), "base": base}).reset_index()
    if months is not None:
        unknown = [m for m in months if m not in set(per["month"])]
        if unknown:
            raise AgingError("aging.error.pair", month=", ".join(unknown))
        window = per[per["month"].isin(months)]
    else:
        window = per
    pooled = window.groupby("from_bucket", observed=False, sort=True)[["cured", "base"]].sum().reset_index()
    pooled = pooled[pooled["from_bucket"] != first]
    pooled.insert(0, "month", "pooled")
    out = pd.concat([per, pooled], ignore_index=True).rename(columns={"from_bucket": "bucket"})
    out["bucket"] = pd.Categorical(out["bucket"].astype(str), categories=keys[1:], ordered=True)
    out["cure_rate"] = _safe_div(out["cured"], out["base"])
    return out


# --- DPD cube: five-tier, IFRS 9 and playbook views at any thresholds ------------------------------

def stage_coverage(dpd: pd.DataFrame, month: str, playbook: pd.DataFrame = DEFAULT_STAGE_PLAYBOOK,
                   lang: str = "en") -> pd.DataFrame:
    """The balance and accounts each collection action covers in a month (playbook by DPD range).

    Parameters
    ----------
    dpd : DataFrame
        Output of ``Cubes.dpd()`` (:mod:`analysis.core`).
    month : str
    playbook : DataFrame
        ``min_dpd, max_dpd, action`` as in :data:`analysis.warnings.playbook.DEFAULT_STAGE_PLAYBOOK`
        (``max_dpd`` empty = open-ended).
    lang : str
        Language of the ``action_label`` column.

    Returns
    -------
    DataFrame
        ``min_dpd, max_dpd, action, action_label, count, balance, count_share, balance_share``,
        one row per playbook row, plus a row ``action == "none"`` for DPD not covered by any range
        (only when such accounts exist). Totals equal the month's book.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> d = book_from_portfolio(pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                                       "days_past_due": [0, 45], "balance": [10.0, 5.0]})).cubes().dpd()
    >>> stage_coverage(d, "2024-01").query("balance > 0")[["action", "balance"]].values.tolist()
    [['none', 10.0], ['letter', 5.0]]
    """
    _check_month(dpd, month)
    book = validate_playbook(playbook)
    rows = dpd[dpd["month"] == month]
    values = rows["days_past_due"].to_numpy(dtype=np.int64)
    # First matching range wins, like analysis.warnings.playbook.stage_actions; index -1 = no range.
    which = np.full(len(values), -1, dtype=np.int64)
    for i, r in enumerate(book.itertuples(index=False)):
        hi = np.inf if pd.isna(r.max_dpd) else r.max_dpd
        which[(which == -1) & (values >= r.min_dpd) & (values <= hi)] = i
    counts = np.bincount(which + 1, weights=rows["count"].to_numpy(dtype=np.float64), minlength=len(book) + 1)
    bal = np.bincount(which + 1, weights=rows["balance"].to_numpy(dtype=np.float64), minlength=len(book) + 1)
    out = book.assign(count=counts[1:].astype(np.int64), balance=bal[1:])
    if counts[0] > 0:
        out = pd.concat([out, pd.DataFrame({"min_dpd": [np.nan], "max_dpd": [np.nan], "action": ["none"],
                                            "count": [int(counts[0])], "balance": [bal[0]]})],
                        ignore_index=True)
    out.insert(3, "action_label", [action_label(a, lang) for a in out["action"]])
    out["count_share"] = _safe_div(out["count"], out["count"].sum())
    out["balance_share"] = _safe_div(out["balance"], out["balance"].sum())
    return out


def validate_playbook(playbook: pd.DataFrame) -> pd.DataFrame:
    """A clean copy of an edited playbook: whole-number, non-negative, ordered ranges.

    Rows with no action are dropped (an empty row added in the editor); anything else that does
    not make sense raises.

    Raises
    ------
    AgingError
        A range with a negative or non-numeric bound, or ``max_dpd < min_dpd``.

    Examples
    --------
    >>> validate_playbook(pd.DataFrame({"min_dpd": [0], "max_dpd": [None], "action": ["call"]}))["max_dpd"].isna().tolist()
    [True]
    """
    _check_columns(playbook, ["min_dpd", "max_dpd", "action"])
    # A handful of rows: plain Python (pandas' string methods cost ~30 ms a call here, on every
    # rerun of the page).
    lows, highs, actions = [], [], []
    for lo, hi, action in zip(playbook["min_dpd"].tolist(), playbook["max_dpd"].tolist(),
                              playbook["action"].tolist()):
        if _blank(action):
            continue
        low = _number(lo)
        high = None if _blank(hi) else _number(hi)
        if low is None or low < 0 or low != int(low) or (not _blank(hi) and (high is None or high < low)):
            raise AgingError("aging.error.playbook")
        lows.append(int(low))
        highs.append(np.nan if high is None else float(high))
        actions.append(str(action).strip())
    return pd.DataFrame({"min_dpd": np.array(lows, dtype=np.int64), "max_dpd": np.array(highs, dtype=np.float64),
                         "action": pd.Series(actions, dtype=object)})


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA \
        or (isinstance(value, str) and not value.strip())


def _number(value: object) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(out) else out


# --- row-level: FPD and drill-down -----------------------------------------------------------------

def months_on_book(month: pd.Series, origination_date: pd.Series) -> np.ndarray:
    """Whole calendar months between the origination month and the snapshot month (MOB 0 = the
    month the loan was booked); NaN-safe (−1 where the date is missing).

    Examples
    --------
    >>> months_on_book(pd.Series(["2024-03"]), pd.Series(pd.to_datetime(["2024-01-15"]))).tolist()
    [2]
    """
    codes, uniques = pd.factorize(month, sort=False)
    ords = np.array([month_ordinal(str(u)) for u in uniques], dtype=np.int64)
    snap = ords[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    orig_ord, valid = origination_ordinal(origination_date)
    return np.where(valid, snap - orig_ord, -1)


def origination_ordinal(origination_date: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Origination month as :func:`analysis.core.rates.month_ordinal` numbers, and where it is known.

    Vectorised through ``datetime64[M]`` (no string formatting on millions of rows).

    Examples
    --------
    >>> origination_ordinal(pd.Series(pd.to_datetime(["2024-01-15", None])))[0].tolist()
    [24288, 0]
    """
    values = pd.to_datetime(origination_date).to_numpy(dtype="datetime64[ns]")
    valid = ~np.isnat(values)
    months = values.astype("datetime64[M]").astype(np.int64) + 1970 * 12
    return np.where(valid, months, 0), valid


def fpd_observation_mob(dpd_threshold: int) -> int:
    """The month on book at which FPD *n* is read: ``1 + n // 30`` (FPD1/FPD7 at MOB 1, FPD30 at MOB 2).

    An account can only be *n* days past due once *n* days have passed since its first due date,
    so the observation moves one month later for every 30 days of threshold.

    Examples
    --------
    >>> [fpd_observation_mob(n) for n in (1, 7, 30, 60)]
    [1, 1, 2, 3]
    """
    return 1 + int(dpd_threshold) // 30


def first_payment_default(early: pd.DataFrame, dpd_threshold: int = 30, measure: str = "count",
                          observation_mob: int | None = None) -> pd.DataFrame:
    """First-payment default (FPD) by origination month.

    The first instalment falls due one month after booking, so an unpaid first instalment shows
    ``dpd_threshold`` DPD at months-on-book ``1 + dpd_threshold // 30`` (FPD1/FPD7 at MOB 1,
    FPD30 at MOB 2). An account counts as FPD when its DPD at that MOB is at least the threshold.

    Parameters
    ----------
    early : DataFrame
        ``Cubes.early_mob()`` (:mod:`analysis.core`): origination month × MOB × DPD.
    dpd_threshold : int
        1 to 180.
    measure : {"count", "balance"}
        Share of accounts, or of balance at the observation month.
    observation_mob : int, optional
        Override the MOB at which the first instalment is judged.

    Returns
    -------
    DataFrame
        ``cohort, observation_mob, accounts, balance, fpd_accounts, fpd_balance, fpd_rate``; only
        cohorts observed at the observation MOB appear.

    Raises
    ------
    AgingError
        No origination dates, or a threshold outside 1-180.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-03"] * 2, "days_past_due": [35, 0],
    ...                    "balance": [1.0, 3.0], "origination_date": pd.to_datetime(["2024-01-10"] * 2)})
    >>> first_payment_default(book_from_portfolio(df).cubes().early_mob())["fpd_rate"].tolist()
    [0.5]
    """
    if "days_past_due" not in early.columns:
        raise AgingError("aging.error.no_origination")
    _check_measure(measure)
    if isinstance(dpd_threshold, bool) or not isinstance(dpd_threshold, (int, np.integer)) \
            or not 1 <= dpd_threshold <= 180:
        raise AgingError("aging.error.fpd_threshold", value=dpd_threshold)
    mob_at = int(observation_mob) if observation_mob is not None else fpd_observation_mob(int(dpd_threshold))
    rows = early[early["mob"] == mob_at]
    hit = rows["days_past_due"].to_numpy() >= dpd_threshold
    work = pd.DataFrame({"cohort": rows["origination"].astype(str).to_numpy(),
                         "accounts": rows["count"].to_numpy(dtype=np.int64),
                         "balance": rows["balance"].to_numpy(dtype=float),
                         "fpd_accounts": np.where(hit, rows["count"].to_numpy(dtype=np.int64), 0),
                         "fpd_balance": np.where(hit, rows["balance"].to_numpy(dtype=float), 0.0)})
    out = work.groupby("cohort", sort=True)[["accounts", "balance", "fpd_accounts", "fpd_balance"]].sum().reset_index()
    out.insert(1, "observation_mob", mob_at)
    num, den = ("fpd_accounts", "accounts") if measure == "count" else ("fpd_balance", "balance")
    out["fpd_rate"] = _safe_div(out[num], out[den])
    return out


def has_origination(frame: pd.DataFrame) -> bool:
    """True when the frame has at least one origination date.

    Examples
    --------
    >>> has_origination(pd.DataFrame({"balance": [1.0]}))
    False
    """
    return "origination_date" in frame.columns and bool(frame["origination_date"].notna().any())


def require_origination(frame: pd.DataFrame) -> None:
    """Raise :class:`AgingError` (``aging.error.no_origination``) without origination dates."""
    if not has_origination(frame):
        raise AgingError("aging.error.no_origination")


#: Columns shown in a drill-down, in this order, when present.
DRILL_COLUMNS = ("account_id", "month", "days_past_due", "bucket", "loan_class", "balance", "overdue_amount",
                 "credit_limit", "product", "region", "branch", "industry", "channel", "owner",
                 "origination_date", "overdue_reason", "customer_name", "phone", "id_number")


def drill_down(panel: pd.DataFrame, month: str, bucket: str | None = None, by: str | None = None,
               segment: object = None, masked: bool = True, limit: int | None = None) -> pd.DataFrame:
    """The accounts behind one bucket × segment cell of the distribution, largest balance first.

    Parameters
    ----------
    panel : DataFrame
        Output of the account rows with their bucket and next month's state (``attach_states`` of :mod:`analysis.core`).
    month : str
    bucket : str or list of str, optional
        Bucket key, or several (e.g. every overdue bucket); all buckets when omitted.
    by, segment : optional
        Segment column and the value of the cell (both or neither).
    masked : bool
        Mask names, phones and ID numbers (default; :func:`analysis.core.privacy.mask_pii`).
    limit : int, optional
        Keep only the first ``limit`` rows (the count in the cell is ``len`` before the limit).

    Returns
    -------
    DataFrame
        The rows with the columns of :data:`DRILL_COLUMNS` that exist, plus the next-month
        bucket when known; ``bucket`` as its key.

    Examples
    --------
    >>> from analysis.core import attach_states, book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b", "c"], "month": ["2024-01"] * 3,
    ...                    "days_past_due": [0, 40, 50], "balance": [1.0, 2.0, 3.0]})
    >>> rows = attach_states(df, book_from_portfolio(df).cubes().states())
    >>> drill_down(rows, "2024-01", "31-60")["account_id"].tolist()
    ['c', 'b']
    >>> drill_down(rows, "2024-01", ["1-30", "31-60"])["account_id"].tolist()
    ['c', 'b']
    """
    _check_month(panel, month)
    mask = (panel["month"] == month).to_numpy().copy()
    if bucket is not None:
        wanted = [bucket] if isinstance(bucket, str) else list(bucket)
        known = list(panel["bucket"].cat.categories)
        unknown = [b for b in wanted if b not in known]
        if unknown or not wanted:
            raise AgingError("aging.error.bucket", bucket=", ".join(map(str, unknown)) or "–")
        mask &= panel["bucket"].isin(wanted).to_numpy()
    if (by is None) != (segment is None):
        raise AgingError("aging.error.segment_pair")
    if by is not None:
        _check_columns(panel, [by])
        same = (panel[by] == segment).fillna(False).to_numpy(dtype=bool)
        if segment == BLANK_SEGMENT:  # the cubes' segment of the rows without a value
            same = same | panel[by].isna().to_numpy()
        mask &= same
    cols = [c for c in DRILL_COLUMNS if c in panel.columns]
    if "next_bucket" in panel.columns:
        cols.append("next_bucket")
    rows = panel.loc[mask, cols].sort_values(["balance", "account_id"], ascending=[False, True], kind="stable")
    if limit is not None:
        rows = rows.head(int(limit))
    rows = rows.assign(bucket=rows["bucket"].astype(str))
    if "next_bucket" in rows.columns:
        rows = rows.assign(next_bucket=rows["next_bucket"].astype("string"))
    rows = rows.reset_index(drop=True)
    return mask_pii(rows) if masked else rows


def roll_cell_rows(drilled: pd.DataFrame, to_bucket: str) -> pd.DataFrame:
    """The rows of a :func:`drill_down` of one from-bucket that went to ``to_bucket`` a month later
    (``exit`` for accounts that left the book): the accounts behind one cell of the roll matrix.

    Examples
    --------
    >>> d = pd.DataFrame({"account_id": ["a", "b", "c"], "bucket": ["1-30"] * 3,
    ...                   "next_bucket": pd.array(["31-60", "exit", "31-60"], dtype="string")})
    >>> roll_cell_rows(d, "31-60")["account_id"].tolist(), roll_cell_rows(d, "exit")["account_id"].tolist()
    (['a', 'c'], ['b'])
    """
    if "next_bucket" not in drilled.columns:
        raise AgingError("aging.error.no_next_month")
    keep = (drilled["next_bucket"].astype("string") == str(to_bucket)).fillna(False).to_numpy(dtype=bool)
    return drilled[keep].reset_index(drop=True)


__all__ = [
    "roll_cell_rows",
    "AgingError", "aging_distribution", "distribution_totals", "bucket_mix", "rate_lines",
    "lagged_rates", "roll_rates_all", "roll_matrix_long", "flow_rates", "cure_rates",
    "stage_coverage", "validate_playbook", "months_on_book", "fpd_observation_mob", "first_payment_default",
    "has_origination", "require_origination", "drill_down", "months_of", "stage_actions",
]
