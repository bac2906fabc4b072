"""The causes page's session state: the user's tables, editor generations, one-off messages.

Every read or write of ``st.session_state`` the causes views need goes through here.
"""
from __future__ import annotations

import hashlib
from typing import Sequence

import pandas as pd
import streamlit as st

from analysis.causes import dictionary as causes
from ui import state
from ui.causes import keys as K

#: Above this many accounts in the month the logistic model is fitted on request (~1-2 s).
LOGISTIC_AUTO_ACCOUNTS = 50_000


def dictionary() -> pd.DataFrame:
    """The reason dictionary in use: the user's (saved in ``ui.state``) or the shipped one."""
    saved = state.reason_dictionary()
    return causes.default_dictionary() if saved is None else saved


def table_key(table: pd.DataFrame) -> str:
    """A short hash of a small table, for cache keys."""
    return hashlib.sha1(table.to_csv(index=False).encode("utf-8")).hexdigest()[:12]


def class_table() -> pd.DataFrame:
    """The cause → class table in use (default :data:`analysis.causes.dictionary.DEFAULT_CAUSE_CLASSES`)."""
    saved = st.session_state.get(K.CLASSES)
    return causes.DEFAULT_CAUSE_CLASSES.copy() if saved is None else saved


def set_class_table(table: pd.DataFrame | None) -> None:
    """Save an edited cause → class table (checked first), or ``None`` for the default."""
    if table is None:
        st.session_state.pop(K.CLASSES, None)
    else:
        st.session_state[K.CLASSES] = causes.validate_cause_classes(table)


def editor_nonce() -> int:
    return int(st.session_state.get(K.EDITOR_NONCE, 0))


def reset_editors() -> None:
    """Give the editors new keys so they show the saved tables instead of stale edits."""
    st.session_state[K.EDITOR_NONCE] = editor_nonce() + 1


def say_once(key: str, **params) -> None:
    """A success message (text key) shown on the next run, after the change reruns the page."""
    st.session_state[K.DICT_MESSAGE] = ("ok", key, params)


def pop_message() -> tuple[str, str, dict] | None:
    """The message :func:`say_once` left, if any (shown once)."""
    return st.session_state.pop(K.DICT_MESSAGE, None)


def first_time(file_id: str) -> bool:
    """True the first time an uploaded dictionary file is seen (it is applied once, not every run)."""
    if st.session_state.get(K.DICT_APPLIED) == file_id:
        return False
    st.session_state[K.DICT_APPLIED] = file_id
    return True


def keep_choices(key: str, options: Sequence, default: list) -> None:
    """Seed a multiselect: the reader's choices that are still options (``default`` at first)."""
    st.session_state[key] = [a for a in st.session_state.get(key, default) if a in options]


def model_wanted(n_accounts: int, token: str) -> bool:
    """Fit the logistic model now: a month small enough, or the reader asked for it on this data."""
    return n_accounts <= LOGISTIC_AUTO_ACCOUNTS or st.session_state.get(K.DRV_MODEL_ON) == token


def ask_for_model(token: str) -> None:
    """Keep the model on for this data while the reader changes the attributes or the month."""
    st.session_state[K.DRV_MODEL_ON] = token
