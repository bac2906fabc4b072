"""Widget and session keys of the overview page, and the month it reads.

The page never touches ``st.session_state``: :func:`month` and :func:`keep_month` read and keep the
month picker's value.
"""
from __future__ import annotations

import streamlit as st

MONTH = "overview_month"
PRESENT = "overview_present"  # the presentation stepper (one section: the page)
CHART_RATES = "overview_rates"
TABLE_HEADLINE = "overview_headline"
RUN_PROVISIONS = "overview_run_provisions"  # session: the data token the reader asked the provisions for
RUN_PROVISIONS_BUTTON = "overview_run_provisions_button"


def keep_month(months: list[str]) -> None:
    """Start on the latest month, and go back to it when the chosen month left the data (new filters)."""
    if st.session_state.get(MONTH) not in months:
        st.session_state[MONTH] = months[-1]


def month() -> str:
    """The month the page reads (set by the picker, or kept while presenting)."""
    return st.session_state[MONTH]
