"""Cached calls of the trend & forecast page and the session keys it owns.

Every aggregate comes from the session's data-core cubes (:func:`ui.state.cubes`), read once per
data token; forecasts are cached per session by (token, metric, measure, segment, horizon, model),
so moving a slider back shows the earlier answer at once.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.trend import forecast as fc
from analysis.trend import series as trend
from analysis.aging import vintage
from analysis.core import Cubes
from ui import memo

# Session keys owned by the page (widget keys are the same strings).
K_METRIC = "trend_metric"
K_BY = "trend_by"
K_SEGMENT = "trend_segment"  # + "_<column>"
K_HORIZON = "trend_horizon"
K_MODEL = "trend_model"
K_EVENTS_BASE = "trend_events_base"
K_EVENTS_VER = "trend_events_ver"
K_EVENTS_SAVED = "trend_events_saved"
K_WINDOW = "trend_window"
K_PROJ_MONTHS = "trend_proj_months"
K_REPLENISH = "trend_replenish"
K_MATRIX_VER = "trend_matrix_ver"
K_CHARGE_OFF = "trend_charge_off"
K_TOP_BY = "trend_top_by"
K_TOP_N = "trend_top_n"
K_VINTAGE_COHORT = "trend_vintage_cohort"
K_VINTAGE_METRIC = "trend_vintage_metric"
K_VINTAGE_LOOKBACK = "trend_vintage_lookback"
K_SEGMENTS_ON = "trend_segments_on"  # data token for which the user asked for the segment forecasts
K_VINTAGE_ON = "trend_vintage_on"  # data token for which the user asked for the vintage completion
#: Above this many account-months the vintage cube and its completion run when asked (~1-2 s at 2.4M).
VINTAGE_AUTO_ROWS = 500_000


@dataclass(frozen=True)
class RollInputs:
    """What the roll-rate projection needs, built once per data token."""

    rolls: pd.DataFrame       # roll cube (month × from × to)
    start: pd.Series          # balance per bucket in the latest month
    last_month: str
    roll_months: tuple[str, ...]


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def trend_table(token: str, _cubes: Cubes, measure: str, by: str | None) -> pd.DataFrame:
    """Cached :func:`analysis.trend.series.trend_table` of the rate and transition cubes."""
    return trend.trend_table(_cubes.rates(by), _cubes.transitions(by), measure, by)


def forecast(token: str, metric: str, measure: str, by: str | None, segment: str | None, horizon: int,
             model: str, series: pd.Series) -> fc.ForecastResult:
    """:func:`analysis.trend.forecast.forecast_series` of one metric series, cached by the series' values
    (:func:`ui.memo.forecast`): the whole book's DPD30+ forecast is the one the overview made."""
    return memo.forecast(series, horizon, model, trend.is_rate_metric(metric))


def segment_forecasts(token: str, metric: str, measure: str, by: str, top_n: int, horizon: int, model: str,
                      _table: pd.DataFrame) -> dict[str, fc.ForecastResult]:
    """Forecasts for the ``top_n`` largest segments (by latest balance), each cached by its series
    (:func:`ui.memo.forecast`), so a segment also shown above, or a larger ``top_n``, refits nothing."""
    names = trend.top_segments(_table, by, top_n)
    series = {name: trend.metric_series(_table, metric, by, name) for name in names}
    is_rate = trend.is_rate_metric(metric)
    # In-process on purpose: Streamlit installs app.py as __main__, so pool workers would re-run
    # the app when they start; and on two cores 20 segments took 2.6 s serially against 2.9 s in
    # two warm processes (python -m bench trend), so a pool would not pay here anyway.
    return {name: memo.forecast(s, horizon, model, is_rate) for name, s in series.items()}


@st.cache_resource(scope="session", max_entries=3, show_spinner=False)
def roll_inputs(token: str, _cubes: Cubes) -> RollInputs:
    """Transition cube and today's bucket balances (whole book, balance-weighted)."""
    rolls = _cubes.transitions()
    aging = _cubes.aging()
    last = str(aging["month"].max())
    latest = aging[aging["month"] == last]
    start = pd.Series(latest["balance"].to_numpy(dtype=float), index=latest["bucket"].astype(str).to_numpy())
    months = tuple(sorted(str(m) for m in pd.unique(rolls["month"]))) if len(rolls) else ()
    return RollInputs(rolls, start, last, months)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def vintage_triangle(token: str, _cubes: Cubes, cohort: str, metric: str, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.aging.vintage.vintage_triangle` of the vintage cube."""
    return vintage.vintage_triangle(_cubes.vintage(), cohort=cohort, metric=metric, measure=measure)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def vintage_completion(token: str, cohort: str, metric: str, measure: str, lookback: int, _cubes: Cubes):
    """The triangle completed and backtested (``(completion, backtest)``), per data and settings.

    Raises what :func:`analysis.aging.vintage.vintage_triangle` and
    :func:`analysis.aging.vintage_completion.complete_vintages` raise (a book too young to learn from).
    """
    from analysis.aging.vintage_completion import backtest_vintages, complete_vintages

    tri = vintage_triangle(token, _cubes, cohort, metric, measure)
    weight = "balance" if measure == "balance" else "accounts"
    return complete_vintages(tri, weight=weight), backtest_vintages(tri, weight=weight, lookback=lookback)
