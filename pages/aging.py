"""Aging (账龄分布与迁徙): where the book sits by bucket, how it moves, how vintages age, and how
regulators would classify it. Reads the session's data-core cubes; each tab is a view function
in :mod:`ui.aging.views`."""
from __future__ import annotations

import streamlit as st

from ui.aging import keys as K
from ui.aging import views
from ui.i18n import t
from ui.widgets import stop_unless_rows

st.title(t("aging.title"))
st.caption(t("aging.intro"))

stop_unless_rows()

page = views.header(views.open_page())  # month picker and definitions (口径)

dist, trend, roll, vintage, regulatory, accounts = st.tabs(
    [t(f"aging.tab.{k}") for k in ("dist", "trend", "roll", "vintage", "reg", "drill")],
    key=K.TAB, on_change="rerun")

with dist:
    if dist.open:
        views.distribution(page)

with trend:
    if trend.open:
        views.over_time(page)

with roll:
    if roll.open:
        views.roll_rates(page)

with vintage:
    if vintage.open:
        views.vintage(page)

with regulatory:
    if regulatory.open:
        views.regulatory(page)

with accounts:
    if accounts.open:
        views.accounts(page)
