"""Presentation mode: bigger type and charts for a projector, controls out of the way."""
from __future__ import annotations

import streamlit as st

from ui import state

_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 2.6rem; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem; }
.stMarkdown p, .stMarkdown li { font-size: 1.2rem; }
h1 { font-size: 2.6rem !important; }
h2, h3 { font-size: 1.9rem !important; }
[data-testid="stExpander"], [data-testid="stDownloadButton"] { display: none; }
</style>
"""


def apply() -> None:
    """Inject the presentation styles when the mode is on."""
    if state.presentation():
        st.html(_CSS)
