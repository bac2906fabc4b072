"""What the aging page keeps in the session: the playbook editor's base, and
the jump from a clicked grid cell to the drill-down. Keys come from :mod:`ui.aging.keys`."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.core.rates import shift_month
from analysis.warnings.playbook import DEFAULT_STAGE_PLAYBOOK
from ui import state
from ui.aging import keys as K


# --- the shared playbook, edited on this page ------------------------------------------------

def playbook_base(current: pd.DataFrame) -> pd.DataFrame:
    """The table the playbook editor starts from.

    The editor keeps its edits as a diff against its input, so the input must stay the same
    while the user edits; it is reset only when the shared playbook changed elsewhere (another
    page, or the reset button).
    """
    saved = st.session_state.get(K.PLAYBOOK_SAVED)
    base = st.session_state.get(K.PLAYBOOK_BASE)
    if base is None or saved is None or not same_table(saved, current):
        st.session_state[K.PLAYBOOK_BASE] = current
        st.session_state[K.PLAYBOOK_SAVED] = current
        st.session_state.pop(K.PLAYBOOK_EDITOR, None)
        base = current
    return base


def save_playbook(table: pd.DataFrame) -> bool:
    """Share an edited playbook with every page; False when it is what is shared already."""
    if same_table(table, state.stage_playbook()):
        return False
    state.set_stage_playbook(table)
    st.session_state[K.PLAYBOOK_SAVED] = table
    return True


def reset_playbook() -> None:
    """Back to the shipped default playbook (button callback)."""
    state.set_stage_playbook(DEFAULT_STAGE_PLAYBOOK)
    for key in (K.PLAYBOOK_BASE, K.PLAYBOOK_SAVED, K.PLAYBOOK_EDITOR):
        st.session_state.pop(key, None)


def same_table(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """True when two playbook tables hold the same ranges and actions."""
    try:
        return a.reset_index(drop=True).astype(object).equals(b.reset_index(drop=True).astype(object))
    except (ValueError, TypeError):
        return False


# --- roll-rate month pairs ---------------------------------------------------------------------

def next_month(month: str) -> str:
    return shift_month(month, 1)


def default_pair(month: str, pairs: list[str]) -> str:
    """The from-month of the pair ending in the chosen month (M-1 → M), as the CLI does."""
    before = shift_month(month, -1)
    if before in pairs:
        return before
    return month if month in pairs else pairs[-1]


# --- click a bucket × segment cell → its accounts ------------------------------------------------

def open_cell(by: str, segment_values: list, label_to_key: dict[str, str], drill_tab_label: str) -> None:
    """Selection callback: put the clicked cell into the drill-down widgets and open that tab."""
    event = st.session_state.get(K.CELLS)
    cells = (event or {}).get("selection", {}).get("cells", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "cells", []) or []
    if not cells:
        return
    row, column = cells[0]
    bucket = label_to_key.get(str(column))
    if bucket is None or not 0 <= int(row) < len(segment_values):
        return
    st.session_state[K.DRILL_BUCKET] = bucket
    st.session_state[K.DRILL_BY] = by
    st.session_state[K.drill_value(by)] = segment_values[int(row)]
    st.session_state[K.TAB] = drill_tab_label
