"""Aging (账龄分布与迁徙): where the book sits by bucket, how it moves, how vintages age, and how
regulators would classify it. Reads the session's data-core cubes; each tab is one view function
in its own module of :mod:`ui.aging`."""
from __future__ import annotations

import streamlit as st

from ui.aging import keys as K
from ui.aging.accounts import accounts
from ui.aging.distribution import distribution
from ui.aging.over_time import over_time
from ui.aging.page import header, open_page
from ui.aging.regulatory import regulatory
from ui.aging.roll_rates import roll_rates
from ui.aging.vintage import vintage
from ui import presentation
from ui.i18n import t
from ui.widgets import stop_unless_rows

st.title(t("aging.title"))
st.caption(t("aging.intro"))

stop_unless_rows()

page = header(open_page())  # month picker and definitions (口径)

# The tabs, in screen order: each draws only while it is open (Streamlit skips the others).
TABS = {
    "dist": distribution,   # 分布: figures of the month, buckets, playbook, by segment
    "trend": over_time,     # 趋势: 1+/30+/90+ rates, bucket mix, lagged rates
    "roll": roll_rates,     # 迁徙: roll-rate matrix, flow chain, cure and entry rates
    "vintage": vintage,     # 账龄: vintage curves and triangle, first-payment default
    "reg": regulatory,      # 监管分类: five-tier classes, IFRS 9 stages
    "drill": accounts,      # 明细: the accounts behind a bucket, with downloads
}
# The open tab is kept for the session; presenting steps through them (not the account list).
tabs = presentation.tabs(K.TAB, [t(f"aging.tab.{name}") for name in TABS], desk_only=[list(TABS).index("drill")])
for (tab, is_open), draw in zip(tabs, TABS.values()):
    with tab:
        if is_open:
            draw(page)
