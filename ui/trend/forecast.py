"""The trend page's top half: the metric cards, the forecast with its backtest, its tables."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.charts.trend import chart_forecast
from analysis.core.markup import escape_markdown
from analysis.core.view import View
from analysis.trend import forecast as fc
from analysis.trend.display import backtest_table, change_cards, changes_table, forecast_table
from ui import memo, state, widgets
from ui.i18n import t
from ui.trend import cache, jobs, keys
from ui.trend.controls import Selection

PACE_TEXT = {"accelerating": "trend.card.accelerating", "rising_slower": "trend.card.rising_slower",
             "not_rising": "trend.card.not_rising", "unknown": "trend.card.accel_unknown"}


def cards(pick: Selection, view: View) -> None:
    """Latest value, month on month, year on year, and whether a rise is speeding up."""
    c = change_cards(pick.series, view, is_rate=pick.is_rate)
    change_unit = t("trend.card.pp") if pick.is_rate else view.unit_label
    k1, k2, k3, k4 = st.columns(4)
    k1.metric(t("trend.card.latest", month=c.month), c.latest, border=True)
    # A rising delinquency metric is bad news: deltas are coloured inverse (up = red).
    k2.metric(t("trend.card.mom", unit=change_unit), c.mom or "–", delta=c.mom_pct, delta_color="inverse",
              border=True, help=t("trend.card.mom_help"))
    # a card's value holds a figure: "不足 13 个月" was cut to "不足 13 …"; why it is missing is in the help
    k3.metric(t("trend.card.yoy", unit=change_unit), c.yoy or "–", delta=c.yoy_pct, delta_color="inverse",
              border=True, help=t("trend.card.yoy_help") + ("" if c.yoy else " " + t("trend.card.no_yoy")))
    k4.metric(t("trend.card.accel"), t(PACE_TEXT[c.pace]), delta=c.acceleration, delta_color="inverse", border=True,
              help=t("trend.card.accel_help"))


def forecast_section(pick: Selection, view: View, events: pd.DataFrame) -> None:
    """The forecast chart and sentence, the models' backtest beside it, the tables under it.

    A forecast not fitted yet is fitted off the script thread (:mod:`ui.trend.jobs`): a note
    stands in its place and the page is drawn again when it is done; the table of every metric's
    changes does not wait for it.
    """
    result, job = cache.forecast_soon(pick.metric, pick.horizon, pick.model, pick.series)
    if result is None:
        jobs.pending_note(job)
    else:
        _forecast(result, pick, view, events)
    widgets.show_display_table(changes_table(pick.series, view, is_rate=pick.is_rate), key=keys.TABLE_CHANGES,
                               label=t("trend.table.all_metrics"))


def _forecast(result: fc.ForecastResult, pick: Selection, view: View, events: pd.DataFrame) -> None:
    # no forecast (too few months): the history alone, under a title that says so, as the report's
    title = t("trend.chart.forecast_title" if result.ok else "trend.chart.history_title", metric=pick.label,
              where=pick.where)
    chart = memo.chart(lambda: chart_forecast(result, view, title=title, subtitle=pick.defs, value_title=pick.label,
                                              is_rate=pick.is_rate, events=events),
                       "forecast", result.history, result.forecast, title, pick.defs, pick.label, pick.is_rate,
                       view.unit, view.lang, events)
    widgets.show_chart(chart, key=keys.CHART_FORECAST, name=f"trend_{pick.metric}")
    # Plain sentences that can name a segment value of the file: shown as text.
    st.markdown(f"**{escape_markdown(fc.forecast_sentence(result, view.lang, pick.label, view.unit))}**")
    if result.reason is not None and result.reason.key == "trend.forecast.reason.too_short":
        history = state.history_months()
        if len(history) > len(state.months_in_view()):  # the book has the months; the range left them out
            st.caption(t("trend.forecast.widen", n=len(state.months_in_view()), total=len(history), first=history[0]))
    for note in result.notes:
        st.caption(f"ℹ️ {escape_markdown(note.text(view.lang))}")
    # Under the chart, the page's width: beside it, the MAE column (its unit in the header) was cut.
    _backtest(result, view, pick.is_rate)
    table = replace(forecast_table(result, view, is_rate=pick.is_rate), key=f"forecast_{pick.metric}")
    widgets.show_display_table(table, key=keys.TABLE_FORECAST,
                               label=t("trend.table.label", unit="%" if pick.is_rate else view.unit_label))


def _backtest(result: fc.ForecastResult, view: View, is_rate: bool) -> None:
    if not len(result.backtest):
        st.markdown(f"**{t('trend.backtest.heading')}**")
        st.caption(t("trend.backtest.none"))
        return
    widgets.show_display_table(backtest_table(result, view, is_rate=is_rate), key=keys.TABLE_BACKTEST,
                               label=t("trend.backtest.heading"), expanded=True)
    st.caption(t("trend.backtest.help"))
