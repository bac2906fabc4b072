"""Provisions and NPL (拨备与不良): IFRS 9 expected credit loss by stage, the allowance movement,
五级分类 NPL ratio, coverage and allowance to loans against the regulatory reference levels."""
from __future__ import annotations

import streamlit as st

from ui import countonly, presentation, shared_settings
from ui.i18n import t
from ui.provisions import keys as K
from ui.provisions import views
from ui.widgets import stop_unless_rows

shared_settings.restore()  # LGD, CCF, the rate: one value on the what-if and provisions pages
st.title(t("prov.page.title"))
st.markdown(t("prov.page.intro"))
stop_unless_rows()
countonly.stop_without_balances("provisions")  # every figure here is money

# --- 1 · the month and what the figures assume ------------------------------------------------
setup = views.controls()
if setup is None:
    st.stop()
result = views.compute(setup)
if result is None:
    st.stop()

# --- 2 · the headline: allowance, NPL ratio, coverage, allowance to loans ----------------------
views.headline(setup, result)

# --- 3 · the sections, one tab each (presenting steps through them) ---------------------------
panel = views.trend(setup)
(tab_stage, open_stage), (tab_move, open_move), (tab_npl, open_npl), (tab_seg, open_seg) = presentation.tabs(
    K.TAB, [t("prov.page.tab.stages"), t("prov.page.tab.movement"), t("prov.page.tab.npl"), t("prov.page.tab.segment")])
monthly = None
with tab_stage:
    if open_stage:
        views.stages_section(setup, result)
with tab_move:
    if open_move:
        views.movement_section(setup, result)
with tab_npl:
    if open_npl:
        monthly = views.npl_section(setup, result, panel)
with tab_seg:
    if open_seg:
        views.segment_section(setup, panel)

views.downloads(setup, result, monthly)
