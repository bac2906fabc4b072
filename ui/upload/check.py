"""The check step: the "check and load" button and the validation that builds the portfolio."""
from __future__ import annotations

import streamlit as st

from analysis.ingest.portfolio import IngestError, build_portfolio
from ui.i18n import lang, t
from ui.upload.keys import K_VALIDATE


def check_button() -> bool:
    """The primary "check and load" button."""
    return st.button(t("upload.validate"), type="primary", key=K_VALIDATE)


def validate(raw, mapping, options):
    """Build the portfolio; returns the IngestResult or shows the reason it cannot be built."""
    try:
        with st.status(t("upload.validating"), expanded=False) as status:
            result = build_portfolio(raw, mapping, options)
            status.update(label=t("upload.validated", rows=result.summary["rows_accepted"]), state="complete")
        return result
    except IngestError as exc:
        st.error(exc.markdown(lang()))
    return None
