"""Presentation mode: bigger type and charts for a projector, controls out of the way.

A projector shows about 1280 × 720 to a room; the back row must read the figures. In this mode
the sidebar keeps only the language and the mode switch (see ``ui.sidebar``), pages skip their
month pickers and tables, and the CSS below enlarges metrics, text and charts and hides what
only makes sense at a desk (download buttons and popovers, expanders with tables, the toolbar).
"""
from __future__ import annotations

import streamlit as st

from ui import state

_CSS = """
<style>
/* more room for content */
[data-testid="stMainBlockContainer"] { padding-top: 3rem !important; padding-left: 2.2rem !important;
  padding-right: 2.2rem !important; max-width: 100% !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
/* figures the back row can read (metric rules last and more specific: they win over text) */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.35rem !important;
  line-height: 1.55 !important; }
div[data-testid="stMetric"] [data-testid="stMetricValue"],
div[data-testid="stMetric"] [data-testid="stMetricValue"] div,
div[data-testid="stMetric"] [data-testid="stMetricValue"] p { font-size: 3.1rem !important; line-height: 1.15 !important; }
div[data-testid="stMetric"] [data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
div[data-testid="stMetric"] [data-testid="stMetricDelta"] div,
div[data-testid="stMetric"] [data-testid="stMetricDelta"] p { font-size: 1.2rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.05rem !important; }
h1 { font-size: 2.8rem !important; }
h2, h3 { font-size: 2rem !important; }
/* charts: scale the whole drawing (text included), not just the canvas; charts inside columns
   (sparklines in the metric cards, side-by-side charts) keep their size so they fit */
[data-testid="stVegaLiteChart"] { zoom: 1.2; width: calc(100% / 1.2) !important; }
[data-testid="stColumn"] [data-testid="stVegaLiteChart"] { zoom: 1; width: 100% !important; }
/* desk-only controls */
[data-testid="stExpander"], [data-testid="stDownloadButton"], [data-testid="stPopover"],
[data-testid="stPageLink"], [data-testid="stElementToolbar"] { display: none !important; }
</style>
"""


def apply() -> None:
    """Inject the presentation styles when the mode is on.

    The sidebar's settings survive being hidden because its widgets persist their state for the
    session (``persist_state="session"`` in ui/sidebar.py).
    """
    if state.presentation():
        st.html(_CSS)
