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
views = {"reasons": reasons_tab, "drivers": drivers_tab, "stability": stability_tab, "change": change_tab}

# Only the open tab is drawn: each computes on the rows, the others wait until the reader opens them.
for key in ("reasons", "drivers", "stability", "change"):
    with tabs[key]:
        if tabs[key].open:
            views[key](page)
