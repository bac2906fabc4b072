"""Cached calls of the trend & forecast page.

Every aggregate comes from the session's data-core cubes (:func:`ui.state.cubes`), read once per
data token; forecasts are kept per session by the series' values (:func:`ui.memo.forecast`,
:mod:`ui.trend.jobs`), so moving a slider back shows the earlier answer at once, and a new one is
fitted off the script thread while the page draws the rest. The roll-rate projection, its loss
forecast and the vintage completion are cached by the token and their settings, so a rerun
caused by another widget recomputes none of them.
"""
from __future__ import annotations

import hashlib
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from analysis.aging import vintage
from analysis.aging.vintage_completion import VintageCompletion, backtest_vintages, complete_vintages
from analysis.core import Cubes
from analysis.core.tables import DisplayTable
from analysis.core.view import View
from analysis.trend import forecast as fc
from analysis.trend import projection as proj
from analysis.trend import series as trend
from analysis.trend.display import loss_table, matrix_in_percent, projection_table
from ui import memo, sharing
from ui.trend import jobs


@dataclass(frozen=True)
class RollInputs:
    """What the roll-rate projection needs, built once per data token."""

    rolls: pd.DataFrame       # roll cube (month × from × to)
    start: pd.Series          # balance per bucket in the latest month
    last_month: str
    roll_months: tuple[str, ...]


@sharing.cache_data(max_entries=8, show_spinner=False)
def trend_table(token: str, _cubes: Cubes, measure: str, by: str | None) -> pd.DataFrame:
    """Cached :func:`analysis.trend.series.trend_table` of the rate and transition cubes."""
    return trend.trend_table(_cubes.rates(by), _cubes.transitions(by), measure, by)


def forecast(metric: str, horizon: int, model: str, series: pd.Series) -> fc.ForecastResult:
    """:func:`analysis.trend.forecast.forecast_series` of one metric series, cached by the series' values
    (:func:`ui.memo.forecast`): the whole book's DPD30+ forecast is the one the overview made. Waits."""
    return memo.forecast(series, horizon, model, trend.is_rate_metric(metric))


def forecast_soon(metric: str, horizon: int, model: str,
                  series: pd.Series) -> tuple[fc.ForecastResult | None, Future]:
    """:func:`forecast` without waiting: ``(result, job)``, ``(None, job)`` while the fit runs
    (:func:`ui.trend.jobs.forecast_soon`, the same store :func:`forecast` reads)."""
    return jobs.forecast_soon(series, horizon, model, trend.is_rate_metric(metric))


def segment_forecasts(metric: str, by: str, top_n: int, horizon: int, model: str,
                      table: pd.DataFrame) -> dict[str, fc.ForecastResult]:
    """Forecasts for the ``top_n`` largest segments (by latest balance), each cached by its series
    (:func:`ui.memo.forecast`), so a segment also shown above, or a larger ``top_n``, refits nothing."""
    names = trend.top_segments(table, by, top_n)
    series = {name: trend.metric_series(table, metric, by, name) for name in names}
    is_rate = trend.is_rate_metric(metric)
    # All asked for at once through the session's forecast store (ui.trend.jobs), then collected:
    # the fits run side by side in the worker processes, and a segment another section already
    # fitted is not fitted again.
    store = jobs.session_jobs()
    started = {name: store.submit(s, horizon, model, is_rate) for name, s in series.items()}
    return {name: store.result(series[name], horizon, model, is_rate) for name in started}


@sharing.cache_resource(max_entries=3, show_spinner=False)
def roll_inputs(token: str, _cubes: Cubes) -> RollInputs:
    """Transition cube and today's bucket balances (whole book, balance-weighted)."""
    rolls = _cubes.transitions()
    aging = _cubes.aging()
    last = str(aging["month"].max())
    latest = aging[aging["month"] == last]
    start = pd.Series(latest["balance"].to_numpy(dtype=float), index=latest["bucket"].astype(str).to_numpy())
    months = tuple(sorted(str(m) for m in pd.unique(rolls["month"]))) if len(rolls) else ()
    return RollInputs(rolls, start, last, months)


@sharing.cache_data(max_entries=8, show_spinner=False)
def roll_matrix(token: str, _cubes: Cubes, window: int) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Cached :func:`analysis.trend.projection.average_roll_matrix` (by balance) of the last ``window`` months."""
    return proj.average_roll_matrix(roll_inputs(token, _cubes).rolls, window, "balance")


def matrix_key(matrix: pd.DataFrame) -> str:
    """A fingerprint of a roll-rate matrix (its cells as floats, its buckets), to key the caches below.

    Hashing a few dozen cells by hand is ~0.05 ms; Streamlit's cache hashing of the same frame
    (``hash_pandas_object`` and a pickle of the result on every call) was ~4 ms a call, paid on
    every rerun of the page whatever widget moved.
    """
    values = np.ascontiguousarray(matrix.to_numpy(dtype=float))
    digest = hashlib.sha1(values.tobytes())
    digest.update(repr((list(matrix.index), list(matrix.columns), values.shape)).encode("utf-8"))
    return digest.hexdigest()


@sharing.cache_resource(max_entries=16, show_spinner=False)
def projection(token: str, _cubes: Cubes, key: str, _matrix: pd.DataFrame, months: int,
               replenish: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Today's balances pushed ``months`` ahead with ``_matrix`` (edited or not), and its rates.

    ``(project_balances, projection_rates)`` of :mod:`analysis.trend.projection`; ``key`` is
    :func:`matrix_key` of the matrix, so an edit recomputes and a rerun does not. The frames are
    shared between reruns (not copied): read them, never change them.
    """
    inputs = roll_inputs(token, _cubes)
    projected = proj.project_balances(inputs.start, _matrix, months, inputs.last_month, replenish=replenish)
    return projected, proj.projection_rates(projected, _cubes.buckets)


@sharing.cache_resource(max_entries=16, show_spinner=False)
def loss(token: str, _cubes: Cubes, key: str, _matrix: pd.DataFrame, charge_off: str) -> pd.DataFrame:
    """:func:`analysis.trend.projection.roll_rate_loss` of today's balances (``key``: :func:`matrix_key`;
    shared between reruns, never change it)."""
    return proj.roll_rate_loss(roll_inputs(token, _cubes).start, _matrix, charge_off)


@sharing.cache_resource(max_entries=16, show_spinner=False)
def projection_display(token: str, key: str, months: int, replenish: bool, view_key: str, _projected: pd.DataFrame,
                       _rates: pd.DataFrame, _view: View) -> DisplayTable:
    """:func:`analysis.trend.display.projection_table` of :func:`projection` (same key), built once."""
    return projection_table(_projected, _rates, _view)


@sharing.cache_resource(max_entries=16, show_spinner=False)
def loss_display(token: str, key: str, charge_off: str, view_key: str, _loss: pd.DataFrame, _view: View) -> DisplayTable:
    """:func:`analysis.trend.display.loss_table` of :func:`loss` (same key), built once."""
    return loss_table(_loss, _view)


@sharing.cache_resource(max_entries=16, show_spinner=False)
def matrix_shown(token: str, window: int, view_key: str, _base: pd.DataFrame, _view: View) -> pd.DataFrame:
    """:func:`analysis.trend.display.matrix_in_percent` of :func:`roll_matrix` (the editor's input), built once.

    The editor copies its input (``st.data_editor``), so the shared frame is never changed.
    """
    return matrix_in_percent(_base, _view)


def view_key(view: View) -> str:
    """The view as a cache key (language, unit, measure, buckets, filters: everything a label reads)."""
    return repr(view)


@sharing.cache_data(max_entries=8, show_spinner=False)
def vintage_triangle(token: str, _cubes: Cubes, cohort: str, metric: str, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.aging.vintage.vintage_triangle` of the vintage cube."""
    return vintage.vintage_triangle(_cubes.vintage(), cohort=cohort, metric=metric, measure=measure)


@sharing.cache_data(max_entries=8, show_spinner=False)
def vintage_completion(token: str, cohort: str, metric: str, measure: str, lookback: int,
                       _cubes: Cubes) -> tuple[VintageCompletion, pd.DataFrame]:
    """The triangle completed and backtested (``(completion, backtest)``), per data and settings.

    Raises what :func:`analysis.aging.vintage.vintage_triangle` and
    :func:`analysis.aging.vintage_completion.complete_vintages` raise (a book too young to learn from).
    """
    tri = vintage_triangle(token, _cubes, cohort, metric, measure)
    weight = "balance" if measure == "balance" else "accounts"
    return complete_vintages(tri, weight=weight), backtest_vintages(tri, weight=weight, lookback=lookback)
