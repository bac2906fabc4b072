"""What the trend page shows beside its charts: the metric cards, the tables, the small sums.

Everything a reader sees as a number is prepared here, away from the page: the cards' texts,
the forecast, backtest, changes, projection, loss and segment tables as
:class:`~analysis.core.tables.DisplayTable` (numbers kept as numbers, written by the one table
layer), the loss totals, the vintage completion's factors and backtest (table and summary). The page only lays them out.

Conventions: rates are shares (0.0312 = 3.12%); a rate's change is a share too, written in points
(个百分点 / pp); amounts arrive in 元 and leave in the view's unit, the unit named in the title.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.core.buckets import EXIT
from analysis.core.tables import DisplayTable, cell_text, display_table
from analysis.core.units import format_amount, format_pp, format_rate
from analysis.core.view import View
from analysis.trend.forecast import ForecastResult, model_label
from analysis.trend.projection import DEFAULT_WINDOW, projected_rate_name
from analysis.trend.series import TREND_METRICS, add_changes, latest_changes

#: The roll-rate windows (months pooled) the projection offers, when the book is long enough.
WINDOWS = (1, 3, 6, 12)
_BANDS = ("mean", "lower80", "upper80", "lower95", "upper95")


def trend_metrics(money: tuple[str, ...] | list[str]) -> list[str]:
    """The trend metrics a book can show: the overdue amount only when the file has that column.

    Parameters
    ----------
    money : sequence of str
        The book's money columns (``Book.money``).

    Examples
    --------
    >>> "overdue_amount" in trend_metrics(["balance"]), "overdue_amount" in trend_metrics(["balance", "overdue_amount"])
    (False, True)
    """
    return [m for m in TREND_METRICS if m != "overdue_amount" or "overdue_amount" in money]


def _missing(value: float) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def value_text(value: float, view: View, *, is_rate: bool) -> str:
    """A metric's value as a card or a sentence writes it: ``3.12%`` or ``1,234.57 万元``.

    Examples
    --------
    >>> value_text(0.0312, View(), is_rate=True), value_text(12345678.9, View(lang="en"), is_rate=False)
    ('3.12%', '1,234.57 CNY 10k')
    """
    return format_rate(value) if is_rate else f"{format_amount(value, view.unit)} {view.unit_label}"


@dataclass(frozen=True)
class ChangeCards:
    """The four cards over a metric's forecast: latest value, MoM, YoY, acceleration.

    Attributes
    ----------
    month : str or None
        Month of the latest value.
    latest : str
        The latest value, written.
    mom, yoy : str or None
        Month-on-month and year-on-year change in the card's unit (points for a rate, the
        amount unit otherwise); ``None`` when there is no month to compare with.
    mom_pct, yoy_pct : str or None
        The relative changes (``+1.2%``), the cards' deltas.
    pace : {"accelerating", "rising_slower", "not_rising", "unknown"}
        How the metric is moving, for the acceleration card.
    acceleration : str or None
        This month's change minus last month's, written.
    """

    month: str | None
    latest: str
    mom: str | None
    mom_pct: str | None
    yoy: str | None
    yoy_pct: str | None
    pace: str
    acceleration: str | None


def _relative(change: float) -> str | None:
    # written as every table writes a relative change (two decimals, no sign on nothing): a card
    # read "+2.1%" where the report's table read "+2.11%" for the same figure
    return None if _missing(change) else cell_text(change, "signed_rate", "en")


def _card_change(change: float, view: View, is_rate: bool) -> str | None:
    if _missing(change):
        return None
    return f"{change * 100:+.2f}" if is_rate else f"{'+' if change > 0 else ''}{format_amount(change, view.unit)}"


def change_cards(series: pd.Series, view: View, *, is_rate: bool) -> ChangeCards:
    """The metric cards of a monthly series (:func:`analysis.trend.series.latest_changes`, written).

    Examples
    --------
    >>> s = pd.Series([0.010, 0.012, 0.015], index=["2024-01", "2024-02", "2024-03"])
    >>> c = change_cards(s, View(lang="en"), is_rate=True)
    >>> c.latest, c.mom, c.mom_pct, c.pace, c.acceleration
    ('1.50%', '+0.30', '+25.00%', 'accelerating', '+0.10 pp')
    """
    ch = latest_changes(series, is_rate)
    if _missing(ch["acceleration"]):
        pace, acceleration = "unknown", None
    else:
        pace = "accelerating" if ch["accelerating"] else ("rising_slower" if ch["mom"] > 0 else "not_rising")
        acceleration = format_pp(ch["acceleration"], view.lang) if is_rate else format_amount(ch["acceleration"], view.unit)
    return ChangeCards(ch["month"], value_text(ch["value"], view, is_rate=is_rate),
                       _card_change(ch["mom"], view, is_rate), _relative(ch["mom_pct"]),
                       _card_change(ch["yoy"], view, is_rate), _relative(ch["yoy_pct"]), pace, acceleration)


def _amounts(values, view: View, is_rate: bool):
    """Rates as they are; amounts in the view's unit."""
    values = np.asarray(values, dtype=float)
    return values if is_rate else view.scale(values)


def forecast_table(result: ForecastResult, view: View, *, is_rate: bool) -> DisplayTable:
    """The history and the forecast with its 80% and 95% ranges, one row per month.

    Examples
    --------
    >>> h = pd.DataFrame({"month": ["2024-01"], "value": [0.02]})
    >>> f = pd.DataFrame({"month": ["2024-02"], "mean": [0.03], "lower80": [0.025], "upper80": [0.035],
    ...                   "lower95": [0.02], "upper95": [0.04]})
    >>> r = ForecastResult(history=h, forecast=f, model="naive", backtest=pd.DataFrame())
    >>> forecast_table(r, View(lang="en"), is_rate=True).text_frame("en").iloc[1].tolist()
    ['2024-02', '–', '3.00%', '2.50%', '3.50%', '2.00%', '4.00%']
    """
    merged = result.history.rename(columns={"value": "actual"}).merge(result.forecast, on="month", how="outer")
    kind = "rate" if is_rate else "amount"
    return display_table("forecast", view.text("trend.table.mean"), [
        (view.text("trend.table.month"), "text", merged["month"].astype(str)),
        *[(view.text(f"trend.table.{c}"), kind, _amounts(merged[c], view, is_rate)) for c in ("actual", *_BANDS)],
    ])


def backtest_table(result: ForecastResult, view: View, *, is_rate: bool) -> DisplayTable:
    """The models' rolling backtest: MASE and MAE, the model in use marked ✓.

    MAE is in points for a rate and in the view's unit for an amount (the unit in its title).

    Examples
    --------
    >>> bt = pd.DataFrame({"model": ["ets", "naive"], "mase": [0.81, 1.0], "mae": [0.002, 0.003],
    ...                    "chosen": [True, False]})
    >>> r = ForecastResult(history=pd.DataFrame(), forecast=pd.DataFrame(), model="ets", backtest=bt)
    >>> backtest_table(r, View(lang="en"), is_rate=True).text_frame("en").values.tolist()
    [['✓ ETS trend', '0.81', '0.20'], ['Naive', '1.00', '0.30']]
    """
    bt = result.backtest
    models = [("✓ " if chosen else "") + view.text(f"trend.backtest.short.{m}") for m, chosen in zip(bt["model"], bt["chosen"])]
    mae = bt["mae"].to_numpy(dtype=float)
    if is_rate:
        mae_title, mae_kind, mae_values = view.text("trend.backtest.mae", unit=view.text("trend.card.pp")), "number", mae * 100
    else:
        mae_title, mae_kind, mae_values = view.text("trend.backtest.mae", unit=view.unit_label), "amount", view.scale(mae)
    return display_table("backtest", view.text("trend.backtest.model"), [
        (view.text("trend.backtest.model"), "text", models),
        ("MASE", "number", bt["mase"].to_numpy(dtype=float)),
        (mae_title, mae_kind, mae_values),
    ], decimals={"MASE": 2, mae_title: 2})


def changes_table(series: pd.Series, view: View, *, is_rate: bool) -> DisplayTable:
    """Every month's value with its MoM and YoY change and acceleration (:func:`add_changes`).

    Examples
    --------
    >>> s = pd.Series([0.010, 0.012], index=["2024-01", "2024-02"])
    >>> changes_table(s, View(lang="en"), is_rate=True).text_frame("en").iloc[1, :3].tolist()
    ['2024-02', '1.20%', '+0.20 pp']
    """
    ch = add_changes(series, is_rate)
    value, change = ("rate", "pp") if is_rate else ("amount", "signed_amount")
    return display_table("changes", view.text("trend.changes.title"), [
        (view.text("trend.table.month"), "text", ch["month"]),
        (view.text("trend.changes.value"), value, _amounts(ch["value"], view, is_rate)),
        (view.text("trend.changes.mom"), change, _amounts(ch["mom"], view, is_rate)),
        (view.text("trend.changes.mom_pct"), "rate", ch["mom_pct"]),
        (view.text("trend.changes.yoy"), change, _amounts(ch["yoy"], view, is_rate)),
        (view.text("trend.changes.yoy_pct"), "rate", ch["yoy_pct"]),
        (view.text("trend.changes.acceleration"), change, _amounts(ch["acceleration"], view, is_rate)),
    ])


def window_choices(roll_months: int) -> tuple[list[int], int]:
    """The roll-rate windows a book with ``roll_months`` month pairs can pool, and the default.

    Examples
    --------
    >>> window_choices(24), window_choices(4), window_choices(0)
    (([1, 3, 6, 12], 3), ([1, 3], 3), ([0], 0))
    """
    options = [w for w in WINDOWS if w <= roll_months] or [roll_months]
    return options, DEFAULT_WINDOW if DEFAULT_WINDOW in options else options[-1]


def matrix_in_percent(matrix: pd.DataFrame, view: View) -> pd.DataFrame:
    """A roll-rate matrix in percent, its buckets labelled, for the editor.

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1]], index=["Current"], columns=["Current", "exit"])
    >>> matrix_in_percent(m, View(lang="en")).round(1).values.tolist()
    [[90.0, 10.0]]
    """
    labels = {k: view.buckets.label_of(k, view.lang) for k in [*matrix.index, EXIT]}
    return (matrix * 100).rename(index=labels, columns=labels).rename_axis(index=view.text("trend.projection.from_to"))


def matrix_table(matrix: pd.DataFrame, view: View, title: str) -> DisplayTable:
    """A roll-rate matrix (rows summing to 1) as a table: the from-bucket, then a rate per to-bucket.

    Examples
    --------
    >>> m = pd.DataFrame([[0.9, 0.1]], index=["Current"], columns=["Current", "exit"])
    >>> [float(v) for v in matrix_table(m, View(lang="en"), "Rates").frame.iloc[0].tolist()[1:]]
    [0.9, 0.1]
    """
    shown = matrix_in_percent(matrix, view)
    cols = [(shown.index.name or "", "text", list(shown.index))]
    cols += [(str(c), "rate", matrix.iloc[:, j].to_numpy(dtype=float)) for j, c in enumerate(shown.columns)]
    return display_table("trend_matrix_used", title, cols)


def matrix_from_percent(edited: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """The editor's percent cells back as shares, on the base matrix's bucket keys.

    Examples
    --------
    >>> base = pd.DataFrame([[0.9, 0.1]], index=["Current"], columns=["Current", "exit"])
    >>> matrix_from_percent(pd.DataFrame([[80.0, 20.0]]), base).loc["Current"].tolist()
    [0.8, 0.2]
    """
    return pd.DataFrame(edited.to_numpy(dtype=float) / 100, index=base.index, columns=base.columns)


def projection_table(projected: pd.DataFrame, rates: pd.DataFrame, view: View) -> DisplayTable:
    """The projected balance of each bucket per month, exits, the book total and the DPD90+ rate.

    Parameters
    ----------
    projected : DataFrame
        :func:`analysis.trend.projection.project_balances` (amounts in 元).
    rates : DataFrame
        :func:`analysis.trend.projection.projection_rates` of it.
    view : View
        Language, amount unit and bucket scheme.
    """
    keys = [k for k in projected.columns if k not in ("month", "step", "total")]
    unit = view.unit_label
    return display_table("roll_rate_projection", view.text("trend.projection.table"), [
        (view.text("trend.table.month"), "text", projected["month"].astype(str)),
        *[(f"{view.buckets.label_of(k, view.lang)} ({unit})", "amount", view.scale(projected[k].to_numpy(float)))
          for k in keys],
        (view.text("trend.projection.total", unit=unit), "amount", view.scale(projected["total"].to_numpy(float))),
        (projected_rate_name(view.buckets, view.lang), "rate", rates["dpd90_rate"].to_numpy(float)),
    ])


def loss_totals(loss: pd.DataFrame) -> dict[str, float]:
    """The book's balance, expected loss and overall loss factor of a roll-rate loss forecast.

    Examples
    --------
    >>> loss = pd.DataFrame({"balance": [100.0, 10.0], "expected_loss": [2.0, 3.0]})
    >>> loss_totals(loss)
    {'balance': 110.0, 'expected_loss': 5.0, 'loss_factor': 0.045454545454545456}
    """
    balance, expected = float(loss["balance"].sum()), float(loss["expected_loss"].sum())
    return {"balance": balance, "expected_loss": expected,
            "loss_factor": expected / balance if balance > 0 else math.nan}


def loss_table(loss: pd.DataFrame, view: View) -> DisplayTable:
    """The roll-rate loss forecast per bucket with a total row (:func:`loss_totals`).

    Examples
    --------
    >>> loss = pd.DataFrame({"bucket": ["Current", "181+"], "balance": [100.0, 10.0], "roll_forward": [0.1, float("nan")],
    ...                      "loss_factor": [0.02, 1.0], "expected_loss": [2.0, 10.0]})
    >>> loss_table(loss, View(lang="en", unit="yuan")).text_frame("en").iloc[2].tolist()
    ['Total', '110.00', '–', '10.91%', '12.00']
    """
    totals = loss_totals(loss)
    labels = [view.buckets.label_of(k, view.lang) for k in loss["bucket"]]
    unit = view.unit_label
    return display_table("roll_rate_loss", view.text("trend.loss.expected", unit=unit), [
        (view.text("trend.loss.bucket"), "text", [*labels, view.text("trend.loss.total")]),
        (view.text("trend.loss.balance", unit=unit), "amount",
         view.scale(np.append(loss["balance"].to_numpy(float), totals["balance"]))),
        (view.text("trend.loss.roll_forward"), "rate", np.append(loss["roll_forward"].to_numpy(float), math.nan)),
        (view.text("trend.loss.factor"), "rate", np.append(loss["loss_factor"].to_numpy(float), totals["loss_factor"])),
        (view.text("trend.loss.expected", unit=unit), "amount",
         view.scale(np.append(loss["expected_loss"].to_numpy(float), totals["expected_loss"]))),
    ])


def _segment_row(result: ForecastResult, view: View, is_rate: bool) -> tuple:
    latest = float(result.history["value"].iloc[-1]) if len(result.history) else math.nan
    if not result.ok:
        why = result.reason.text(view.lang) if result.reason else "–"
        return latest, math.nan, why, math.nan
    fc = result.forecast.iloc[-1]
    kind = "rate" if is_rate else "amount"
    low, high = (cell_text(float(_amounts([fc[c]], view, is_rate)[0]), kind, view.lang) for c in ("lower80", "upper80"))
    return latest, float(fc["mean"]), f"{low} – {high}", round(float(result.chosen_backtest()["mase"]), 2)


def segment_table(results: dict[str, ForecastResult], view: View, *, is_rate: bool, horizon: int) -> DisplayTable:
    """One row per segment forecast: latest value, the forecast ``horizon`` months on, its 80% range,
    the model and its MASE (or why there is no forecast)."""
    rows = [_segment_row(r, view, is_rate) for r in results.values()]
    kind = "rate" if is_rate else "amount"
    unit = "" if is_rate else f" ({view.unit_label})"  # amounts carry their unit in the title
    return display_table("segment_forecasts", view.text("trend.segments.segment"), [
        (view.text("trend.segments.segment"), "text", [str(name) for name in results]),
        (view.text("trend.segments.latest") + unit, kind, _amounts([r[0] for r in rows], view, is_rate)),
        (view.text("trend.segments.end", n=horizon) + unit, kind, _amounts([r[1] for r in rows], view, is_rate)),
        (view.text("trend.segments.range"), "text", [r[2] for r in rows]),
        (view.text("trend.backtest.model"), "text", [model_label(r.model, view.lang) if r.model else "–"
                                                     for r in results.values()]),
        ("MASE", "number", [r[3] for r in rows]),
    ], decimals={"MASE": 2})


def vintage_backtest_summary(backtest: pd.DataFrame) -> dict[str, float]:
    """How the vintage completion did when run some months ago: cohorts, MAE, 80% coverage.

    Parameters
    ----------
    backtest : DataFrame
        :func:`analysis.aging.vintage_completion.backtest_vintages` (``error``, ``in80``).

    Examples
    --------
    >>> bt = pd.DataFrame({"error": [0.01, -0.03], "in80": [True, False]})
    >>> vintage_backtest_summary(bt)
    {'cohorts': 2, 'mae': 0.02, 'coverage80': 0.5}
    """
    if not len(backtest):
        return {"cohorts": 0, "mae": math.nan, "coverage80": math.nan}
    return {"cohorts": len(backtest), "mae": float(backtest["error"].abs().mean()),
            "coverage80": float(backtest["in80"].mean())}


def factors_table(factors: pd.DataFrame, view: View) -> DisplayTable:
    """The chain ladder's development factors by month on book (``VintageCompletion.factors``).

    Examples
    --------
    >>> f = pd.DataFrame({"mob": [1], "factor": [1.25], "increment": [0.002], "sigma": [0.1], "cohorts": [4]})
    >>> factors_table(f, View(lang="en")).text_frame("en").iloc[0].tolist()
    ['1', '1.250', '+0.20 pp', '0.100', '4']
    """
    return display_table("development_factors", view.text("trend.vintage.factors_title"), [
        (view.text("trend.chart.mob"), "count", factors["mob"]),
        (view.text("trend.vintage.col.factor"), "number", factors["factor"]),
        (view.text("trend.vintage.col.increment"), "pp", factors["increment"]),  # a change of a rate
        (view.text("trend.vintage.col.sigma"), "number", factors["sigma"]),
        (view.text("trend.vintage.col.cohorts"), "count", factors["cohorts"]),
    ])


def vintage_backtest_table(backtest: pd.DataFrame, view: View) -> DisplayTable:
    """The vintage completion's backtest, one row per cohort (:func:`backtest_vintages`).

    Examples
    --------
    >>> bt = pd.DataFrame({"cohort": ["2024-01"], "from_mob": [2], "to_mob": [5], "actual": [0.03], "predicted": [0.031],
    ...                    "lower80": [0.025], "upper80": [0.035], "error": [0.001], "in80": [True]})
    >>> vintage_backtest_table(bt, View(lang="en")).text_frame("en").iloc[0].tolist()
    ['2024-01', '2', '5', '3.00%', '3.10%', '2.50%', '3.50%', '+0.10 pp', 'yes']
    """
    inside = [view.text("trend.yes") if bool(v) else view.text("trend.no") for v in backtest["in80"]]
    return display_table("vintage_backtest", view.text("trend.vintage.backtest_title"), [
        (view.text("trend.chart.cohort"), "text", backtest["cohort"].astype(str)),
        (view.text("trend.vintage.col.from_mob"), "count", backtest["from_mob"]),
        (view.text("trend.vintage.col.to_mob"), "count", backtest["to_mob"]),
        (view.text("trend.chart.actual"), "rate", backtest["actual"]),
        (view.text("trend.vintage.col.predicted"), "rate", backtest["predicted"]),
        (view.text("trend.table.lower80"), "rate", backtest["lower80"]),
        (view.text("trend.table.upper80"), "rate", backtest["upper80"]),
        (view.text("trend.vintage.col.error"), "pp", backtest["error"]),
        (view.text("trend.vintage.col.in80"), "text", inside),
    ])
