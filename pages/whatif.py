"""What-if credit-limit policies (额度策略模拟): build rules, price scenarios side by side, backtest."""
from __future__ import annotations

import streamlit as st

from ui import countonly, presentation, shared_settings, state
from ui.i18n import t
from ui.whatif import keys, tabs, views
from ui.widgets import stop_unless_rows

shared_settings.restore()  # LGD, CCF, the rate: one value on the what-if and provisions pages
st.title(t("whatif.title"))
st.markdown(t("whatif.intro"))

stop_unless_rows()
countonly.stop_without_balances("whatif")  # losses and revenue need balances
if not views.has_limits(state.portfolio()):
    views.stop_without_limits()
book = views.open_book()

# --- 1 · assumptions ------------------------------------------------------------------------
st.subheader(t("whatif.section.assumptions"))
book, assumptions, pd_table = views.assumptions_section(book)

# --- 2 · scenarios and rules ----------------------------------------------------------------
st.subheader(t("whatif.section.scenarios"))
views.scenarios_section(book)

# --- 3 · results ----------------------------------------------------------------------------
st.subheader(t("whatif.section.results", month=book.month))
priced = views.price_scenarios(book, assumptions, pd_table)
views.result_cards(book, priced)
comparison = views.comparison_section(book, priced)
# The tables behind the breakdown tab (also in the Excel download), for the split chosen there.
breakdown = tabs.breakdown(book, priced)

# Tabs render only when open: the backtest follows every account through history. The open tab
# is kept for the session; presenting steps through them one at a time.
(tab_break, open_break), (tab_swap, open_swap), (tab_sens, open_sens), (tab_bt, open_bt) = presentation.tabs(
    keys.K_TAB, [t("whatif.tab.breakdown"), t("whatif.tab.swap"), t("whatif.tab.sensitivity"), t("whatif.tab.backtest")])
with tab_break:
    if open_break:
        tabs.breakdown_tab(book, priced, breakdown)
with tab_swap:
    if open_swap:
        tabs.swap_tab(book, priced)
with tab_sens:
    if open_sens:
        tabs.sensitivity_tab(book, priced)
with tab_bt:
    if open_bt:
        tabs.backtest_tab(book, priced)

# --- download -------------------------------------------------------------------------------
views.download_results(book, priced, [comparison, breakdown.rules, breakdown.segments])
