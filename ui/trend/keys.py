"""Widget and session keys of the trend & forecast page, and the little session state it keeps.

Widget keys are the session keys of the widgets' values (AppTest finds widgets by them). The
page never touches ``st.session_state``: the "run on request" switches, the roll-rate editor's
version and the events editor's copy are read and set through the functions below.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

# --- controls -------------------------------------------------------------------------------
METRIC = "trend_metric"
BY = "trend_by"
SEGMENT = "trend_segment"  # + "_<column>": one widget per segment column (see segment_key)
HORIZON = "trend_horizon"
MODEL = "trend_model"
PRESENT = "trend_present"  # the section shown while presenting
# --- events editor --------------------------------------------------------------------------
EVENTS_BASE = "trend_events_base"
EVENTS_VER = "trend_events_ver"
EVENTS_SAVED = "trend_events_saved"
EVENTS_EDITOR = "trend_events_editor"  # + "_<version>"
# --- roll-rate projection and loss ----------------------------------------------------------
WINDOW = "trend_window"
PROJ_MONTHS = "trend_proj_months"
REPLENISH = "trend_replenish"
MATRIX_VER = "trend_matrix_ver"
MATRIX_EDITOR = "trend_matrix_editor"  # + "_<token>_<window>_<version>"
MATRIX_RESET = "trend_matrix_reset"
CHARGE_OFF = "trend_charge_off"
# --- segments and vintages ------------------------------------------------------------------
TOP_BY = "trend_top_by"
TOP_N = "trend_top_n"
SEGMENTS_RUN = "trend_segments_run"
SEGMENTS_ON = "trend_segments_on"  # data token for which the user asked for the segment forecasts
VINTAGE_COHORT = "trend_vintage_cohort"
VINTAGE_METRIC = "trend_vintage_metric"
VINTAGE_LOOKBACK = "trend_vintage_lookback"
VINTAGE_RUN = "trend_vintage_run"
VINTAGE_ON = "trend_vintage_on"  # data token for which the user asked for the vintage completion
# --- charts and tables (show_chart / show_display_table keys) -------------------------------
CHART_FORECAST = "trend_forecast"
CHART_PROJECTION = "trend_projection"
CHART_SEGMENTS = "trend_segments"
CHART_VINTAGE = "trend_vintage"
TABLE_BACKTEST = "trend_backtest_table"
TABLE_FORECAST = "trend_forecast_table"
TABLE_CHANGES = "trend_changes_table"
TABLE_PROJECTION = "trend_projection_table"
TABLE_MATRIX_USED = "trend_matrix_used_table"
TABLE_LOSS = "trend_loss_table"
TABLE_SEGMENTS = "trend_segments_table"
TABLE_FACTORS = "trend_vintage_factors"
TABLE_VINTAGE_BACKTEST = "trend_vintage_backtest"

#: Above this many account-months the vintage cube and its completion run when asked (~1-2 s at 2.4M).
VINTAGE_AUTO_ROWS = 500_000


def segment_key(by: str) -> str:
    """The segment picker's key for segment column ``by``."""
    return f"{SEGMENT}_{by}"


# --- run on request -------------------------------------------------------------------------

def segments_on(token: str) -> bool:
    """Whether the user asked for the segment forecasts of this data."""
    return st.session_state.get(SEGMENTS_ON) == token


def turn_segments_on(token: str) -> None:
    st.session_state[SEGMENTS_ON] = token


def vintage_on(token: str) -> bool:
    """Whether the user asked for the vintage completion of this data."""
    return st.session_state.get(VINTAGE_ON) == token


def turn_vintage_on(token: str) -> None:
    st.session_state[VINTAGE_ON] = token


def vintage_wanted(token: str, rows: int, has_dates: bool) -> bool:
    """The vintage section runs at once on a small book (or one without dates, to say so), else on request."""
    return not has_dates or rows <= VINTAGE_AUTO_ROWS or vintage_on(token)


# --- the roll-rate editor -------------------------------------------------------------------

def matrix_version() -> int:
    """The roll-rate editor's version: a new version is a fresh editor (the actual rates)."""
    return st.session_state.get(MATRIX_VER, 0)


def reset_matrix() -> None:
    st.session_state[MATRIX_VER] = matrix_version() + 1


def matrix_editor_key(token: str, window: int) -> str:
    """One editor per data, window and version, so edits of another window never carry over."""
    return f"{MATRIX_EDITOR}_{token}_{window}_{matrix_version()}"


# --- the events editor ----------------------------------------------------------------------

def events_base(shared: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table the events editor starts from, and the editor's key.

    On the first visit, or when another page changed the shared events, the editor restarts
    from the shared table (a new key: Streamlit keeps an editor's edits per key).
    """
    saved = st.session_state.get(EVENTS_SAVED)
    if EVENTS_BASE not in st.session_state or (saved is not None and not saved.equals(shared)):
        st.session_state[EVENTS_BASE] = shared.reset_index(drop=True)
        st.session_state[EVENTS_VER] = st.session_state.get(EVENTS_VER, 0) + 1
    return st.session_state[EVENTS_BASE], f"{EVENTS_EDITOR}_{st.session_state[EVENTS_VER]}"


def events_saved(clean: pd.DataFrame) -> None:
    """Remember what the editor last saved, to tell another page's change from ours."""
    st.session_state[EVENTS_SAVED] = clean
