"""Overview (总览): the month's headline figures, small trends and key findings, each linked.

Storyboard: the month; the headline cards (cubes and the month's warned accounts: fast); the
findings, computed after the headline is on screen (the month's forecast is fitted off the
script thread: a note stands in its place until it is done), then the provisions finding (allowance, NPL ratio, coverage: it prices the book, so it
comes last, and on a large book only when asked); the rate trend with the headline table. Each section is a view in :mod:`ui.overview`.
"""
from __future__ import annotations

import streamlit as st

from analysis.core.definitions import definitions_line
from analysis.core.vocabulary import entry_rate_definition
from analysis.overview.headlines import headline_figures, headline_trends
from ui import state, widgets
from ui.i18n import t
from ui.overview import views
from ui.overview.cache import cached_findings_inputs, cached_summary, user_settings, warned_accounts

st.title(t("overview.title"))
if not state.has_data():
    views.no_data()
    st.stop()
if not len(state.portfolio()):
    st.info(t("app.no_rows"))
    st.stop()
# account rows, for the warnings and causes only: the history up to the sidebar's last month, as
# the warnings page and the report read them (the signals look back past the chart window)
rows = state.history()[0]
cubes = state.cubes()  # every figure on this page: the cubes the other pages read
months = list(cubes.months)

# --- the month ---------------------------------------------------------------------------------
month = views.pick_month(months)
view = state.view(month)
widgets.definitions(definitions_line(view.lang, measure=view.measure, month=month, filters=view.filter_dict,
                                     buckets=view.buckets, extra=[entry_rate_definition(view.lang)]))

# --- headline figures --------------------------------------------------------------------------
token = state.data_token()
summary = cached_summary(token, cubes, view.measure)
settings_key, settings = user_settings()
warned = warned_accounts(cubes, rows, month, settings_key, settings)
figures = headline_figures(summary, month, warned)
views.headline(figures, headline_trends(summary, month), view)

# --- key findings ------------------------------------------------------------------------------
st.subheader(t("overview.findings"))
with st.spinner(t("overview.computing")):
    # without the forecast: views.findings adds it, fitted off the script thread (a note until then)
    inputs = cached_findings_inputs(token, cubes, rows, month, view.measure, settings_key, settings, forecast=False)
# the provisions finding prices the book (a button on a large one), over the history up to the
# month; it is ranked among the others as the meeting report ranks it
views.findings(inputs, view, views.provisions(state.history()[0], view, token))

# --- trend -------------------------------------------------------------------------------------
st.subheader(t("overview.trend"))
views.rate_trend(summary, figures, view, months[0])
