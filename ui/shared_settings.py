"""Settings two pages share (LGD, CCF, the fallback rate, the own-rate switch of the what-if and
provisions pages): one value, each page's own widget.

The pages once drew their widgets under the same key; with their own labels and ranges Streamlit
took them for different widgets, and after a visit to the provisions page the what-if page's
widgets started from their minimum: LGD 0 %, CCF 0 %, expected loss 0. Each page now has its own
widget keys; the value lives here under the what-if page's key name, a widget's change is kept
(:func:`keep`, its ``on_change``), and at the start of every run (:func:`restore`) each page's
widget key gets the kept value before any widget is drawn.
"""
from __future__ import annotations

import streamlit as st

from ui.whatif.keys import K_CCF, K_LGD, K_RATE, K_USE_MAPPED

#: The shared setting (named by the what-if page's key) → the provisions page's widget key.
PROVISIONS_KEYS = {K_LGD: "prov_lgd", K_CCF: "prov_ccf", K_RATE: "prov_rate", K_USE_MAPPED: "prov_own_rate"}
_SETTING_OF = {**{k: k for k in PROVISIONS_KEYS}, **{v: k for k, v in PROVISIONS_KEYS.items()}}
K_SAVED = "shared_settings"


def restore() -> None:
    """Give every widget key of a kept setting its value (call before any page draws a widget)."""
    saved = st.session_state.setdefault(K_SAVED, {})
    for setting in PROVISIONS_KEYS:  # a value the what-if page holds that nothing kept yet
        if setting not in saved and st.session_state.get(setting) is not None:
            saved[setting] = st.session_state[setting]
    for setting, value in saved.items():
        st.session_state[setting] = value
        st.session_state[PROVISIONS_KEYS[setting]] = value


def value(setting: str, default):
    """The kept value of ``setting`` (a what-if key name), else ``default``."""
    return st.session_state.get(K_SAVED, {}).get(setting, default)


def keep(widget_key: str) -> None:
    """A widget's ``on_change``: keep its new value as the setting's."""
    st.session_state.setdefault(K_SAVED, {})[_SETTING_OF[widget_key]] = st.session_state[widget_key]


def shared_widget(widget, label: str, key: str, default, **kwargs):
    """Draw a shared setting's widget under ``key`` (its value: kept, else ``default``), keeping
    every change; no ``persist_state``: Streamlit's own keeping brought back the other page's stale
    value. Returns the widget's value."""
    if key not in st.session_state and default is not None:
        st.session_state[key] = default
    return widget(label, key=key, on_change=keep, args=(key,), **kwargs)


def snapshot(widget_keys) -> None:
    """Keep the values these widgets were drawn with (right after a page draws them)."""
    saved = st.session_state.setdefault(K_SAVED, {})
    for key in widget_keys:
        if key in st.session_state:
            saved[_SETTING_OF[key]] = st.session_state[key]
