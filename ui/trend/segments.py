"""The trend page's last two sections: forecasts of the largest segments, and the vintage completion.

Both are heavier than the rest of the page (a forecast per segment; one more pass over every row
for the vintage cube), so on a large book they run when the reader asks, then stay on for the data.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.aging.rates import AgingError
from analysis.charts.trend import chart_forecast_grid, chart_vintage_fan
from analysis.core import Cubes
from analysis.core.definitions import definitions_line
from analysis.core.markup import escape_markdown
from analysis.core.units import format_pp, format_rate
from analysis.core.view import View
from analysis.trend.display import factors_table, segment_table, vintage_backtest_summary, vintage_backtest_table
from ui import memo, persist, state, widgets
from ui.i18n import t
from ui.trend import cache, keys
from ui.trend.controls import Selection


def segments_section(pick: Selection, view: View, cubes: Cubes, events: pd.DataFrame) -> None:
    """Segment column and how many; on request, one forecast per segment as small multiples."""
    if not pick.segments:
        st.info(t("trend.segments.none"))
        return
    token = state.data_token()
    s1, s2 = st.columns(2)
    top_by = persist.choice(s1.selectbox, t("trend.segments.by"), list(pick.segments), key=keys.TOP_BY,
                            default=pick.segments[0], options=list(pick.segments),
                            format_func=pick.segment_titles.__getitem__)
    top_n = persist.choice(s2.slider, t("trend.segments.n"), 2, 12, key=keys.TOP_N, default=6)
    # Each segment is a forecast of its own (model backtests, ~0.5 s each): on request, then
    # kept on for this data while the user changes the metric or the segments.
    if not keys.segments_on(token):
        st.caption(t("trend.segments.on_request", n=top_n))
        if st.button(t("trend.segments.run", n=top_n), key=keys.SEGMENTS_RUN, icon=":material/query_stats:"):
            keys.turn_segments_on(token)
    if not keys.segments_on(token):
        return
    table = cache.trend_table(token, cubes, view.measure, top_by)
    with st.spinner(t("trend.segments.working", n=top_n)):
        results = cache.segment_forecasts(pick.metric, top_by, top_n, pick.horizon, pick.model, table)
    title = t("trend.segments.chart_title", metric=pick.label, by=pick.segment_titles[top_by], n=len(results))
    defs = definitions_line(view.lang, measure=view.measure, filters=view.filter_dict, buckets=view.buckets)
    widgets.show_chart(chart_forecast_grid(results, view, title=title, subtitle=defs, value_title=pick.label,
                                           is_rate=pick.is_rate, events=events), key=keys.CHART_SEGMENTS)
    summary = segment_table(results, view, is_rate=pick.is_rate, horizon=pick.horizon)
    widgets.show_display_table(replace(summary, key=f"segment_forecasts_{pick.metric}"), key=keys.TABLE_SEGMENTS)


def vintage_section(view: View, cubes: Cubes) -> None:
    """Young cohorts completed by the chain ladder, with a backtest (on request on a large book)."""
    token = state.data_token()
    rows = cubes.totals()["rows"]
    wanted = keys.vintage_wanted(token, rows, has_dates=bool(cubes.book.origination))
    if not wanted:
        st.markdown(t("trend.vintage.intro"))
        st.caption(t("trend.vintage.on_request", rows=f"{rows:,}"))
        if st.button(t("trend.vintage.run"), key=keys.VINTAGE_RUN, icon=":material/stacked_line_chart:"):
            keys.turn_vintage_on(token)
            wanted = True
    if not wanted:
        return
    if not cubes.has_origination:
        st.info(t("trend.vintage.need_dates"))
        return
    st.markdown(t("trend.vintage.intro"))
    cohorts = {c: t(f"trend.vintage.cohort.{c}") for c in ("month", "quarter")}
    metrics = {m: t(f"trend.vintage.metric.{m}") for m in ("ever30", "dpd30")}
    v1, v2, v3 = st.columns(3)
    cohort = persist.choice(v1.selectbox, t("trend.vintage.cohort"), list(cohorts), key=keys.VINTAGE_COHORT,
                            default="month", options=list(cohorts), format_func=cohorts.__getitem__)
    metric = persist.choice(v2.selectbox, t("trend.vintage.metric"), list(metrics), key=keys.VINTAGE_METRIC,
                            default="ever30", options=list(metrics), format_func=metrics.__getitem__)
    lookback = persist.choice(v3.slider, t("trend.vintage.lookback"), 1, 12, key=keys.VINTAGE_LOOKBACK, default=6,
                              help=t("trend.vintage.lookback_help"))
    try:
        with st.spinner(t("trend.vintage.working")):
            done, backtest = cache.vintage_completion(token, cohort, metric, view.measure, lookback, cubes)
    except AgingError as exc:
        st.info(exc.markdown(view.lang))
        return
    except ValueError:
        st.info(t("trend.vintage.too_few"))
        return
    defs = definitions_line(view.lang, measure=view.measure, filters=view.filter_dict,
                            extra=[t("trend.vintage.defs", metric=metrics[metric])])
    title = t("trend.vintage.chart_title", mob=done.target_mob)
    chart = memo.chart(lambda: chart_vintage_fan(done.projection, view, title=title, subtitle=defs, value_title=metrics[metric]),
                       "vintage", done.projection, title, defs, metrics[metric], view.lang)
    widgets.show_chart(chart, key=keys.CHART_VINTAGE)
    for note in done.notes:
        st.caption(f"ℹ️ {escape_markdown(note.text(view.lang))}")
    check = vintage_backtest_summary(backtest)
    if check["cohorts"]:
        st.markdown(t("trend.vintage.backtest", n=check["cohorts"], lookback=lookback,
                      mae=format_pp(check["mae"], view.lang).lstrip("+"), cover=format_rate(check["coverage80"], 0)))
    else:
        st.caption(t("trend.vintage.no_backtest"))
    widgets.show_display_table(factors_table(done.factors, view), key=keys.TABLE_FACTORS, label=t("trend.vintage.factors"))
    widgets.show_display_table(vintage_backtest_table(backtest, view), key=keys.TABLE_VINTAGE_BACKTEST,
                               label=t("trend.vintage.backtest_table"))
