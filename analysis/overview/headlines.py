"""Headline figures of a month with their month-on-month change, and the small trend series.

The landing page, the meeting report and the CLI all show the same seven figures: accounts,
balance, overdue balance, ``dpd30_rate``, ``dpd90_rate``, the collections entry rate (入催率)
and the number of warned accounts. Everything except the warned accounts comes from the data
core's rate and transition cubes (:func:`monthly_summary` reads a few hundred rows whatever the
size of the book); the warned accounts come from the early-warning analysis and are passed in.
The monthly figures are those of :func:`analysis.trend.series.trend_table`, relabelled, so no page
disagrees.

Conventions
-----------
* Rates are shares of the book by the chosen measure (balance or count), as
  :func:`analysis.core.rates.delinquency_rates` computes them.
* The entry rate of month *M* is the share of the book Current at *M-1* (by the same measure)
  that is 1+ DPD at *M*; accounts that left the book stay in the base
  (:func:`analysis.trend.series.entry_rates`).
* The month-on-month change of a rate is a difference in percentage points (stored as a share:
  0.004 = 0.4 pp); of a count or amount it is the absolute difference and the relative change.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.core.i18n import translate
from analysis.core.rates import shift_month
from analysis.core.tables import DisplayTable, cell_text, display_table
from analysis.core.units import COUNT_UNIT, format_amount, format_pp, format_rate, unit_label
from analysis.core.view import View
from analysis.core.vocabulary import metric_name
from analysis.trend.series import trend_table

if TYPE_CHECKING:  # the data core pulls in DuckDB; only the type is needed here
    from analysis.core import Cubes

#: The headline figures in display order.
METRICS = ("accounts", "balance", "overdue_balance", "dpd30_rate", "dpd90_rate", "entry_rate", "warned_accounts")
#: How each figure is written: counts, amounts (in the chosen unit) or rates (%; changes in pp).
METRIC_KINDS = {
    "accounts": "count", "balance": "amount", "overdue_balance": "amount", "overdue_rate": "rate",
    "dpd30_rate": "rate", "dpd90_rate": "rate", "entry_rate": "rate", "warned_accounts": "count",
}
#: Figures where a rise is bad news (colours the change red on the page).
RISING_IS_BAD = {"overdue_balance", "overdue_rate", "dpd30_rate", "dpd90_rate", "entry_rate", "warned_accounts"}

_SUMMARY_COLUMNS = ("month", "accounts", "balance", "overdue_balance", "overdue_rate", "dpd30_rate",
                    "dpd90_rate", "dpd30_balance", "dpd90_balance", "entry_rate", "entry_base")


def _check_cubes(cubes: Cubes) -> None:
    if not (hasattr(cubes, "rates") and hasattr(cubes, "transitions")):
        raise TypeError("cubes must be an analysis.core.Cubes (book.cubes(buckets, month_range, segments))")


def monthly_summary(cubes: Cubes, measure: str = "balance") -> pd.DataFrame:
    """One row per month with the figures the overview shows (all but the warned accounts).

    A view of :func:`analysis.trend.series.trend_table` on the data core's rate and transition cubes,
    so the overview, the trend page, the aging page and the report print the same figures.

    Parameters
    ----------
    cubes : analysis.core.Cubes
        The cubes of the data, filters and buckets in use (``state.cubes()`` in the app).
    measure : {"balance", "count"}
        Basis of ``overdue_rate``, ``dpd30_rate``, ``dpd90_rate`` and ``entry_rate``.

    Returns
    -------
    DataFrame
        ``month``, ``accounts``, ``balance``, ``overdue_balance`` (balance of accounts 1+ DPD),
        ``overdue_rate``, ``dpd30_rate``, ``dpd90_rate``, ``dpd30_balance``, ``dpd90_balance``,
        ``entry_rate`` (NaN for the first month and after a gap) and ``entry_base``.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 40], "balance": [150.0, 50.0]})
    >>> monthly_summary(book_from_portfolio(df).cubes())[["accounts", "overdue_balance", "dpd30_rate"]].values.tolist()
    [[2.0, 50.0, 0.25]]
    """
    if measure not in ("balance", "count"):
        raise ValueError("measure must be 'balance' or 'count'")
    _check_cubes(cubes)
    table = trend_table(cubes.rates(), cubes.transitions(), measure)
    out = table.rename(columns={"count": "accounts"})
    out["month"] = out["month"].astype(str)
    out["accounts"] = out["accounts"].astype(np.int64)
    return out[list(_SUMMARY_COLUMNS)].sort_values("month", kind="stable").reset_index(drop=True)


def warned_comparable_before(months, month: str) -> bool:
    """Whether last month's warned accounts compare with this month's: the warning signals look
    one month back, so last month needs its own month before in the rows (a month range starting
    last month, or a book that starts there, would count last month with no history: "+33" against
    a count of 0).

    Examples
    --------
    >>> warned_comparable_before({"2024-01", "2024-02", "2024-03"}, "2024-03")
    True
    >>> warned_comparable_before({"2024-02", "2024-03"}, "2024-03")
    False
    """
    months = {str(m) for m in months}
    before = shift_month(month, -1)
    return before in months and shift_month(before, -1) in months


def headline_figures(summary: pd.DataFrame, month: str | None = None,
                     warned: tuple[int, int | None] | None = None) -> pd.DataFrame:
    """The headline figures of ``month`` next to the month before.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`monthly_summary`.
    month : str, optional
        ``YYYY-MM``; default the latest month.
    warned : (int, int or None), optional
        Warned accounts this month and last month (from the early-warning analysis); the row is
        left out when not given.

    Returns
    -------
    DataFrame
        One row per metric in :data:`METRICS` order: ``metric``, ``kind`` (count/amount/rate),
        ``month``, ``value``, ``previous_month``, ``previous``, ``change`` (value - previous;
        for rates a share, i.e. 0.004 = 0.4 pp) and ``change_pct`` (relative change, counts and
        amounts only). Without a month before, the previous columns are NaN.

    Raises
    ------
    ValueError
        When ``month`` is not in the summary.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-01", "2024-02"], "accounts": [10, 12], "balance": [100.0, 90.0],
    ...                   "overdue_balance": [5.0, 6.0], "overdue_rate": [.05, .0667], "dpd30_rate": [.02, .03],
    ...                   "dpd90_rate": [.01, .01], "entry_rate": [float("nan"), .1]})
    >>> h = headline_figures(s).set_index("metric")
    >>> float(round(h.loc["dpd30_rate", "change"], 4)), float(h.loc["accounts", "change_pct"])
    (0.01, 0.2)
    """
    if not len(summary):
        raise ValueError("the summary is empty: no months to report")
    months = summary["month"].astype(str).tolist()
    month = month or months[-1]
    if month not in months:
        raise ValueError(f"month {month!r} is not in the data ({months[0]} to {months[-1]})")
    row = summary.iloc[months.index(month)]
    prev_month = shift_month(month, -1)
    prev = summary.iloc[months.index(prev_month)] if prev_month in months else None
    records = []
    for metric in METRICS:
        if metric == "warned_accounts":
            if warned is None:
                continue
            value, previous = warned[0], warned[1]
        else:
            value = row[metric]
            previous = prev[metric] if prev is not None else np.nan
        value = float(value) if value is not None else np.nan
        previous = float(previous) if previous is not None else np.nan
        kind = METRIC_KINDS[metric]
        change = value - previous
        pct = change / previous if kind != "rate" and previous and not np.isnan(previous) else np.nan
        records.append({
            "metric": metric, "kind": kind, "month": month, "value": value,
            # the warned count's month before may lie before the chart window (the warnings read
            # the history): a previous month is named wherever there is a previous figure
            "previous_month": prev_month if prev is not None or not np.isnan(previous) else None,
            "previous": previous, "change": change, "change_pct": pct,
        })
    return pd.DataFrame.from_records(records)


def headline_trends(summary: pd.DataFrame, month: str | None = None, months: int = 13,
                    metrics: tuple[str, ...] = ("accounts", "balance", "overdue_balance", "dpd30_rate",
                                                 "dpd90_rate", "entry_rate")) -> pd.DataFrame:
    """The last ``months`` values of each figure up to ``month``, long format, for sparklines.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "dpd30_rate": [.01, .02, .03]})
    >>> headline_trends(s, "2024-02", metrics=("dpd30_rate",))["value"].tolist()
    [0.01, 0.02]
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    upto = summary[summary["month"].astype(str) <= (month or str(summary["month"].max()))].tail(months)
    present = [m for m in metrics if m in upto.columns]
    long = upto.melt(id_vars="month", value_vars=present, var_name="metric", value_name="value")
    long["kind"] = long["metric"].map(METRIC_KINDS)
    return long.reset_index(drop=True)


def metric_label(metric: str, lang: str, unit: str = "wan") -> str:
    """The display name of a headline metric, with the unit for amounts.

    Examples
    --------
    >>> metric_label("balance", "zh", "wan")
    '贷款余额（万元）'
    >>> metric_label("dpd30_rate", "en")
    'DPD30+ rate'
    """
    if unit == COUNT_UNIT and METRIC_KINDS.get(metric) == "amount":
        # A book with no balances: its "balances" are numbers of accounts.
        return translate(f"countonly.metric.{metric}", lang)
    text = metric_name(metric, lang)
    if METRIC_KINDS.get(metric) == "amount":
        text = translate("report.with_unit", lang, label=text, unit=unit_label(unit, lang))
    return text


def figures_for_view(figures: pd.DataFrame, view: View) -> pd.DataFrame:
    """The figures a view shows: a count-only book's balance is its number of accounts, shown
    once (as accounts), and its other amounts are counts of accounts."""
    if not view.counts_only:
        return figures
    kept = figures[figures["metric"] != "balance"]
    return kept.assign(kind=kept["kind"].replace("amount", "count")).reset_index(drop=True)


def _is_nan(value: float) -> bool:
    return value != value


def _flat(kind: str, change: float) -> bool:
    """A change that rounds to zero as written (no arrow: "up 0.00 pp" would mislead)."""
    if kind == "rate":
        return abs(change) < 0.00005
    return kind == "count" and change == 0


def _card_value(kind: str, value: float, view: View) -> str:
    if kind == "rate":
        return format_rate(value)
    if kind == "amount":
        return format_amount(value, view.unit)
    return "–" if _is_nan(value) else f"{int(value):,}"


def _card_delta(kind: str, change: float, change_pct: float, view: View) -> str | None:
    if _is_nan(change):  # no month before
        return None
    if kind == "rate":
        return format_pp(abs(change), view.lang).lstrip("+") if _flat(kind, change) else format_pp(change, view.lang)
    # the % change as the headline table writes it (two decimals): the card read "+2.1%", the table "+2.11%"
    pct = "" if _is_nan(change_pct) else f" ({cell_text(change_pct, 'signed_rate', view.lang)})"
    if kind == "amount":
        return f"{'+' if change >= 0 else '-'}{format_amount(abs(change), view.unit)}{pct}"
    return f"{int(change):+,}{pct}"


def headline_cards(figures: pd.DataFrame, trends: pd.DataFrame, view: View) -> pd.DataFrame:
    """The headline figures as the overview's metric cards write them.

    Parameters
    ----------
    figures : DataFrame
        Output of :func:`headline_figures`.
    trends : DataFrame
        Output of :func:`headline_trends`.
    view : View
        Language and amount unit.

    Returns
    -------
    DataFrame
        One row per figure: ``metric``, ``label``, ``value`` and ``delta`` (text; ``delta`` is
        ``None`` without a month before), ``flat`` (the change rounds to zero as written: no
        arrow), ``rising_is_bad`` (colour a rise red), ``spark`` (more than one month to draw) and
        ``spark_values`` (the figure over the trend's months, amounts in the view's unit; empty
        when there is nothing to draw).

    Examples
    --------
    >>> f = pd.DataFrame({"metric": ["dpd30_rate"], "kind": ["rate"], "month": ["2024-02"], "value": [.032],
    ...                   "previous_month": ["2024-01"], "previous": [.028], "change": [.004], "change_pct": [float("nan")]})
    >>> t = pd.DataFrame({"month": ["2024-01", "2024-02"], "metric": "dpd30_rate", "value": [.028, .032], "kind": "rate"})
    >>> card = headline_cards(f, t, View(lang="en")).to_dict("records")[0]
    >>> card["value"], card["delta"], card["flat"], card["spark"]
    ('3.20%', '+0.40 pp', False, True)
    """
    drawn = trends[trends["value"].notna()]
    figures = figures_for_view(figures, view)
    rows = []
    for r in figures.itertuples(index=False):
        spark = _spark_values(drawn[drawn["metric"] == r.metric]["value"], r.kind, view)
        rows.append({
            "metric": r.metric, "label": metric_label(r.metric, view.lang, view.unit),
            "value": _card_value(r.kind, r.value, view),
            "delta": _card_delta(r.kind, r.change, r.change_pct, view),
            "flat": (not _is_nan(r.change)) and _flat(r.kind, r.change), "rising_is_bad": r.metric in RISING_IS_BAD,
            "spark": len(spark) > 1, "spark_values": spark if len(spark) > 1 else (),
        })
    cards = pd.DataFrame(rows, columns=["metric", "label", "value", "delta", "flat", "rising_is_bad", "spark",
                                        "spark_values"])
    # pandas reads a text column with a None in it as text with NaN, and a card then wrote "nan"
    # as its change (warned accounts on a large dataset have no month before): keep the None
    cards["delta"] = pd.Series([r["delta"] for r in rows], index=cards.index, dtype=object)
    return cards


def _spark_values(values: pd.Series, kind: str, view: View) -> tuple[float, ...]:
    """A card's line: the figure month by month, amounts in the view's unit (the shape is what counts)."""
    numbers = values.to_numpy(float)
    if kind == "amount" and view.unit != COUNT_UNIT:
        numbers = np.asarray(view.scale(numbers), dtype=float)
    return tuple(float(v) for v in numbers)


def _signed_share(value: float, lang: str) -> str:
    text = cell_text(value, "rate", lang, 1)
    return text if text == "–" or value < 0 else f"+{text}"


def headline_table(figures: pd.DataFrame, view: View) -> DisplayTable:
    """The headline figures as a table people read: value, the month before, the change.

    Each row is written by its own kind (a count, an amount in the view's unit, a rate), so the
    cells are text made by :func:`analysis.core.tables.cell_text`: a rate's change in points, an
    amount's as a relative change.

    Parameters
    ----------
    figures : DataFrame
        Output of :func:`headline_figures`.
    view : View
        Language and amount unit.

    Examples
    --------
    >>> f = pd.DataFrame({"metric": ["dpd30_rate"], "kind": ["rate"], "month": ["2024-02"], "value": [.032],
    ...                   "previous_month": ["2024-01"], "previous": [.028], "change": [.004], "change_pct": [float("nan")]})
    >>> headline_table(f, View(lang="en")).frame.iloc[0].tolist()
    ['DPD30+ rate', '3.20%', '2.80%', '+0.40 pp']
    """
    lang = view.lang
    labels, values, previous, changes = [], [], [], []
    for r in figures_for_view(figures, view).itertuples(index=False):
        if r.kind == "amount":
            kind = "amount"
            value, prev = view.scale(r.value), view.scale(r.previous)
            change = _signed_share(r.change_pct, lang)
        else:
            kind = "rate" if r.kind == "rate" else "count"
            value, prev = r.value, r.previous
            change = cell_text(r.change, "pp" if r.kind == "rate" else "signed_count", lang)
        labels.append(metric_label(r.metric, lang, view.unit))
        values.append(cell_text(value, kind, lang))
        previous.append(cell_text(prev, kind, lang))
        changes.append(change)
    return display_table("headline", translate("report.headline", lang), [
        (translate(f"report.table.{c}", lang), "text", v)
        for c, v in (("metric", labels), ("value", values), ("previous", previous), ("change", changes))])


__all__ = ["METRICS", "METRIC_KINDS", "RISING_IS_BAD", "headline_cards", "headline_figures", "headline_table",
           "headline_trends", "metric_label", "monthly_summary"]
