"""Cached overview computations: the monthly summary, the findings' inputs, warned accounts.

Keys are the data token (data + filters + buckets) and plain parameters; the panel itself is an
underscore argument, so Streamlit hashes a short string instead of millions of rows.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.buckets import Buckets
from analysis.cube import shift_month
from analysis.findings import FindingsInputs, gather_inputs, warning_levels_for
from analysis.overview import monthly_summary


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def cached_summary(token: str, _panel: pd.DataFrame, measure: str) -> pd.DataFrame:
    """:func:`analysis.overview.monthly_summary` for the current data."""
    return monthly_summary(_panel, measure)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def cached_findings_inputs(token: str, _panel: pd.DataFrame, month: str, measure: str,
                           _buckets: Buckets) -> FindingsInputs:
    """Every analysis behind the month's findings (forecast, warnings, causes, drivers)."""
    return gather_inputs(_panel, month, measure, _buckets)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def cached_warned(token: str, _panel: pd.DataFrame, month: str, _buckets: Buckets) -> tuple[int, int | None]:
    """Warned accounts at ``month`` and at the month before (``None`` when not in the data)."""
    months = set(_panel["month"].astype(str).unique())

    def count(m: str) -> int:
        return int(warning_levels_for(_panel, m, _buckets)["accounts"].sum())

    prev = shift_month(month, -1)
    return count(month), (count(prev) if prev in months else None)
