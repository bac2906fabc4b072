"""Meeting report (会议汇报): pick sections, month and language; one click builds HTML, XLSX and PPTX."""
from __future__ import annotations

import streamlit as st

from analysis.core.definitions import definitions_line
from ui import state
from ui.i18n import lang, t
from ui.overview.cache import cached_findings_inputs, user_settings
from ui.provisions import settings as provision_settings
from ui.report import state as report_state
from ui.report import views
from ui.trend.projection import chosen_projection
from ui.widgets import definitions, stop_unless_rows

st.title(t("report.title"))
st.markdown(t("report.intro"))
stop_unless_rows()
# account rows, for the warnings, what-if and causes sections only: the history up to the
# sidebar's last month, as their pages read them
history = state.history()
rows = history[0]
cubes = state.cubes()  # every aggregate of the report: the cubes the pages read

# --- controls ---------------------------------------------------------------------------------
chosen = views.controls(list(cubes.months))
measure, unit, buckets = state.measure(), state.unit(), state.buckets()
filters = state.active_filters_for_definitions()
definitions(definitions_line(lang(), measure=measure, month=chosen.month, filters=filters, buckets=buckets))
st.caption(t("report.settings_note"))

with st.spinner(t("report.preparing")):
    settings_key, settings = user_settings()
    inputs = cached_findings_inputs(state.data_token(), cubes, rows, chosen.month, measure, settings_key, settings)

# --- preview of the findings ------------------------------------------------------------------
provisions = provision_settings.current()  # the provisions page's assumptions (its defaults before a visit)
projection = chosen_projection(cubes, state.view())  # the trend page's roll-rate projection, likewise
views.provisions_settings_note(provisions, chosen)
views.preview(inputs, buckets, chosen, unit, views.provisions_finding(rows, chosen, provisions))

# --- build and download -----------------------------------------------------------------------
if not state.presentation():  # building and downloading are desk work
    key = report_state.settings_key(chosen.sections, chosen.month, chosen.language, chosen.formats, settings_key,
                                    provisions.key() if provisions is not None else "", projection)
    views.build(chosen, key, rows, cubes, inputs,
                {**report_state.report_options(filters, settings, provisions, projection), "history": history})
    views.downloads(key, chosen.sections)
