"""What money-only sections show for a book with no balances (loaded with "count each
account-month as 1"): a plain statement that the book has no balances and what the section would
need, instead of losses, provisions or recoveries of 0.00.

The fact itself is :func:`ui.state.counts_only`; figures that are counts anyway (accounts, rates by
count) are shown in accounts through the view's unit (:data:`analysis.core.units.COUNT_UNIT`).
"""
from __future__ import annotations

import streamlit as st

from ui import state
from ui.i18n import all_messages, t, t_data


def no_balances(section: str) -> bool:
    """Say that ``section`` needs balances the book does not have; True when it did (the caller
    then shows nothing of its money figures). ``section`` names a ``countonly.needs.<section>`` text."""
    if not state.counts_only():
        return False
    st.info(t("countonly.no_balances", what=t(f"countonly.needs.{section}")), icon=":material/info:")
    st.page_link("pages/upload.py", label=t("app.go_upload"), icon=":material/upload_file:")
    return True


def stop_without_balances(section: str) -> None:
    """:func:`no_balances`, then stop the page (for a page that is money from top to bottom)."""
    if no_balances(section):
        st.stop()


def calculator_note() -> None:
    """Above a calculator that works on typed-in amounts: it does not read a book with no balances."""
    if state.counts_only():
        st.caption(f":material/info: {t('countonly.calculators')}")


def text(key: str, data: bool = False, **params) -> str:
    """``t(key)``, or for a book with no balances its ``countonly.<key>`` wording when there is one
    (the sentence without the balance, which would only repeat the number of accounts).
    ``data=True`` escapes the parameters as :func:`ui.i18n.t_data` does."""
    if state.counts_only() and f"countonly.{key}" in all_messages():
        key = f"countonly.{key}"
    return (t_data if data else t)(key, **params)
