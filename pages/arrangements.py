"""Repayment arrangements and card interest (还款安排与利息): which arrangement recovers the most,
and what a customer will really pay."""
from __future__ import annotations

import streamlit as st

from ui import countonly, presentation
from ui.arrangements import calculators, compare
from ui.arrangements import keys as K
from ui.i18n import t

st.title(t("arr.page.title"))
st.markdown(t("arr.page.intro"))

# The comparison needs data; the calculators do not, so the page never stops for want of it.
(tab_compare, open_compare), (tab_card, open_card), (tab_inst, open_inst) = presentation.tabs(
    K.TAB, [t("arr.page.tab.compare"), t("arr.page.tab.card"), t("arr.page.tab.instalment")])
with tab_compare:
    if open_compare and not countonly.no_balances("arrangements"):
        compare.comparison_tab()
with tab_card:
    if open_card:
        countonly.calculator_note()
        calculators.card_interest_section()
with tab_inst:
    if open_inst:
        countonly.calculator_note()
        calculators.instalment_section()
