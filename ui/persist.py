"""A page's choices (month, tab, grouping, windows, switches) kept for the session.

Streamlit forgets a widget's value at the end of any run that did not draw the widget: another
page ran, a closed tab skipped it, or presentation mode hid it. Every page draws its choices
through :func:`choice`, which keeps the value under the widget's key for the whole session
(Streamlit's ``persist_state="session"``), puts the default there before the widget is first
drawn (so the value is known even when the widget is not drawn) and draws nothing while
presenting. Tabs take no ``persist_state``; :func:`tab` keeps the open one under a key of its
own, by position, so that a language switch keeps it too.

Not kept on purpose: the switches that show personal data unmasked (they start off on every
visit), and the early-warning settings, which :mod:`ui.warnings.settings` keeps under keys other
pages read.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from ui import state

SESSION = "session"  # the persist_state of every kept widget
#: Every key a page kept a choice under (in this process): a workspace saves the session's values.
KEPT_KEYS: set[str] = set()
#: Keys of other widgets whose options are shown translated (the sidebar's unit, measure and
#: buckets, the upload's reading options): carried across a language switch with the kept ones.
TRANSLATED_KEYS: set[str] = set()


def keep(key: str, default: Any, options: Sequence | None = None) -> Any:
    """The value under ``key``: ``default`` when unset, or when it left ``options`` (new data, filters).

    Examples
    --------
    ``keep("aging_month", months[-1], months)`` before drawing the month picker.
    """
    KEPT_KEYS.add(key)
    if key not in st.session_state or (options is not None and not _among(st.session_state[key], options)):
        st.session_state[key] = default
    return st.session_state[key]


def carry_choices_across_languages() -> None:
    """The language switch's ``on_change``: every choice keeps its value in the new language.

    A select box (and a radio, a multiselect, a segmented control) tells the server its value as
    the *shown label*; the browser keeps that label and sends it back on the next run. After a
    switch the label is the other language's ('万元' where the options now read 'CNY 10k'), and
    Streamlit hands it back as the value: a page crashed on it, or a kept choice fell back to its
    default. Here, before the run in the new language, each value is read (the last run's widgets
    still decode the old labels) and written back under its key, which Streamlit sends to the
    browser in place of its copy.
    """
    for key in sorted(KEPT_KEYS | TRANSLATED_KEYS):
        if key in st.session_state:
            try:
                st.session_state[key] = st.session_state[key]
            except st.errors.StreamlitAPIException:  # a widget whose value cannot be set: nothing to carry
                pass


def _among(value: Any, options: Sequence) -> bool:
    if isinstance(value, (list, tuple)) and not isinstance(options, range):
        return all(v in options for v in value)
    return value in options


def choice(widget: Callable, *args, key: str, default: Any, options: Sequence | None = None, shared: bool = False,
           **kwargs) -> Any:
    """Draw a page choice kept for the session (nothing while presenting); return its value.

    Parameters
    ----------
    widget : a Streamlit widget function, e.g. ``st.selectbox`` or ``columns[0].toggle``
    *args, **kwargs : what the widget takes, without its default (``index=``, ``value=``,
        ``default=``): the default is ``default``, put under ``key`` before the first draw (a
        range slider still takes ``value=``: it is what makes it a range)
    key : str
        The widget's key, where the value lives.
    default : the value before the reader chose one
    options : the values allowed now; a kept value outside them goes back to ``default``
        (for a range slider, both ends must be among them)
    shared : bool
        The same key is drawn on another page too (the five-tier thresholds: the aging page's
        监管分类 tab and the provisions page). Going straight from one page to the other, Streamlit
        gives the second page's widget its minimum, not the value (the first page's widget of
        that key is still registered, under another page's id): the value is written back under
        the key before the draw, which the new widget then takes.
    """
    value = keep(key, default, options)
    if state.presentation():
        return value
    if shared:
        st.session_state[key] = value
    return widget(*args, key=key, persist_state=SESSION, **kwargs)


def _saved_tab(key: str) -> str:
    return f"{key}__kept"


def tab(key: str, labels: Sequence[str], default: int = 0) -> int:
    """The position of the tab to open in ``st.tabs(labels, key=key, ...)``, kept for the session.

    Call it right before drawing the tabs: the tab the reader opened is remembered (by position)
    and put back under ``key`` when Streamlit dropped it while another page ran.
    """
    saved = _saved_tab(key)
    KEPT_KEYS.add(saved)  # the position, not the label: a workspace opened in the other language
    current = st.session_state.get(key)
    if current in labels:
        index = list(labels).index(current)
    else:
        index = st.session_state.get(saved, default)
        index = index if 0 <= index < len(labels) else default
        st.session_state[key] = labels[index]
    st.session_state[saved] = index
    return index


def set_tab(key: str, labels: Sequence[str], index: int) -> None:
    """Open tab ``index`` (a button callback: presentation mode's previous/next)."""
    st.session_state[_saved_tab(key)] = index
    st.session_state[key] = labels[index]


# --- data editors ------------------------------------------------------------------------------
# An editor keeps its edits as a diff against its input, and Streamlit drops that diff when a
# run does not draw the editor. The edited table is kept under K_TABLES by editor key; the editor
# restarts from it on the next visit, and presentation mode (no editor) reads it.

K_TABLES = "persist_tables"  # editor key -> (table the editor started from, table as edited)


def editor_input(key: str, table: pd.DataFrame) -> pd.DataFrame:
    """The table to hand ``st.data_editor(..., key=key)``: ``table``, or the edits kept from an earlier visit.

    While the editor is on screen its input stays the same (its edits are a diff against it).
    """
    kept = st.session_state.setdefault(K_TABLES, {})
    if key in st.session_state and key in kept:
        return kept[key][0]
    start = kept[key][1] if key in kept else table
    kept[key] = (start, start)
    return start


def keep_table(key: str, edited: pd.DataFrame) -> None:
    """Keep what the editor ``key`` returned this run (see :func:`editor_input`)."""
    kept = st.session_state.setdefault(K_TABLES, {})
    kept[key] = (kept[key][0] if key in kept else edited, edited)


def kept_table(key: str, table: pd.DataFrame) -> pd.DataFrame:
    """The table as last edited in editor ``key`` (``table`` when never edited), without drawing the editor."""
    kept = st.session_state.get(K_TABLES, {})
    return kept[key][1] if key in kept else table


def editor(key: str, table: pd.DataFrame, **editor_kwargs) -> pd.DataFrame:
    """A data editor kept for the session: ``st.data_editor`` at the desk (its edits kept with
    :func:`keep_table`), the table as last edited while presenting (no editor drawn).

    ``editor_kwargs`` are what ``st.data_editor`` takes besides the table and the key.
    """
    if state.presentation():
        return kept_table(key, table)
    edited = st.data_editor(editor_input(key, table), key=key, **editor_kwargs)
    keep_table(key, edited)
    return edited

