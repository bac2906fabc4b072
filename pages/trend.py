"""Trend & forecast (逾期趋势预测): where delinquency has been, where it is heading, and how sure we are.

Storyboard: the series pickers and the timeline events; the metric cards; the forecast with its
backtest; the roll-rate projection and loss; forecasts of the largest segments; vintage completion.
Each section is a view in :mod:`ui.trend`.
"""
from __future__ import annotations

import streamlit as st

from ui import presentation, state, widgets
from ui.i18n import t
from ui.trend import controls, forecast, keys, projection, segments

st.title(t("trend.title"))
st.markdown(t("trend.intro"))
widgets.stop_unless_rows()
view = state.view()
cubes = state.cubes()

# --- which series: metric, segment, horizon, model; the events every chart marks -------------------
pick = controls.pick_series(view, cubes)
widgets.definitions(pick.defs)
events = controls.events_editor()
if not pick.has_data:
    st.info(t("trend.no_series"))
    st.stop()

# Presenting shows one section at a time (← →), at the choices made above at the desk.
shows = presentation.sections(keys.PRESENT, {"forecast": t("trend.forecast.heading"),
                                             "projection": t("trend.projection.heading"),
                                             "segments": t("trend.segments.heading"),
                                             "vintage": t("trend.vintage.heading")})

# --- the cards: latest, MoM, YoY, acceleration; forecast + backtest -------------------------------
if shows("forecast"):
    forecast.cards(pick, view)
    st.subheader(t("trend.forecast.heading"))
    forecast.forecast_section(pick, view, events)

# --- roll-rate projection and loss -----------------------------------------------------------------
if shows("projection"):
    st.divider()
    st.subheader(t("trend.projection.heading"))
    st.markdown(t("trend.projection.intro",
                  measure=t("trend.projection.by_count" if view.counts_only else "trend.projection.by_balance")))
    projection.projection_section(view, cubes, events)

# --- top segments ----------------------------------------------------------------------------------
if shows("segments"):
    st.divider()
    st.subheader(t("trend.segments.heading"))
    segments.segments_section(pick, view, cubes, events)

# --- vintage completion ----------------------------------------------------------------------------
if shows("vintage"):
    st.divider()
    st.subheader(t("trend.vintage.heading"))
    segments.vintage_section(view, cubes)
