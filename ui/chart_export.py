"""Chart downloads (PNG/SVG). The presenting work replaces this with server-side vl-convert."""
from __future__ import annotations

import altair as alt
import streamlit as st


def chart_download_buttons(chart: alt.TopLevelMixin, key: str, name: str) -> None:
    """Offer the chart as downloadable images."""
    return None
