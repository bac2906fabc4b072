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
from ui import presentation
from ui.i18n import t
from ui.widgets import stop_unless_rows

st.title(t("causes.title"))
st.caption(t("causes.intro"))
stop_unless_rows()

page = causes_page()
if not page.has_reasons:
    st.info(t("causes.no_reason_note"))

# The open tab is kept for the session; presenting steps through the tabs one at a time.
tabs = dict(zip(page.tabs, presentation.tabs(K.TAB, [t(f"causes.tab.{k}") for k in page.tabs])))

# Only the open tab is drawn: each works on the account rows, the others wait until opened.
DRAW = {
    "reasons": reasons_tab,      # written reasons: Pareto, buckets, segments, classes, dictionary
    "drivers": drivers_tab,      # what goes with delinquency: segment rates, IV/WoE, logistic model
    "stability": stability_tab,  # did the mix shift: PSI by month
    "change": change_tab,        # was the rate's move mix or risk: the waterfall
}
for name, (tab, is_open) in tabs.items():
    with tab:
        if is_open:
            DRAW[name](page)
