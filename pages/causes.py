"""Causes (逾期原因分析): why accounts are overdue, what goes with delinquency, whether the mix
shifted, and what drove this month's change. Totals from the data-core cubes; reasons and drivers
from the account rows. Each tab is a view in ``ui/causes/``."""
from __future__ import annotations

import streamlit as st

from ui.causes import keys as K
from ui.causes.change import change_tab
from ui.causes.context import causes_page
from ui.causes.drivers import drivers_tab
from ui.causes.reasons import reasons_tab
from ui.causes.stability import stability_tab
from ui.i18n import t
from ui.widgets import stop_unless_rows

st.title(t("causes.title"))
st.caption(t("causes.intro"))
stop_unless_rows()

page = causes_page()
if not page.has_reasons:
    st.info(t("causes.no_reason_note"))

labels = {k: t(f"causes.tab.{k}") for k in page.tabs}
tabs = dict(zip(page.tabs, st.tabs(list(labels.values()), key=K.TAB, on_change="rerun",
                                   default=labels[page.tabs[0]])))

# Only the open tab is drawn: each works on the account rows, the others wait until opened.
with tabs["reasons"]:
    if tabs["reasons"].open:
        reasons_tab(page)        # written reasons: Pareto, buckets, segments, classes, dictionary
with tabs["drivers"]:
    if tabs["drivers"].open:
        drivers_tab(page)        # what goes with delinquency: segment rates, IV/WoE, logistic model
with tabs["stability"]:
    if tabs["stability"].open:
        stability_tab(page)      # did the mix shift: PSI by month
with tabs["change"]:
    if tabs["change"].open:
        change_tab(page)         # was the rate's move mix or risk: the waterfall
