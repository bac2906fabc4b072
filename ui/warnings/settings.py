"""The warning thresholds and level rule the reader set, kept in the session across pages.

The values live under the settings keys of :mod:`ui.warnings.keys` (the overview and the report
read them), and are synced with the widgets' own keys on every run of the warnings page. The
conversion between typed values and the analysis objects is
:mod:`analysis.warnings.settings`'s.
"""
from __future__ import annotations

import streamlit as st

from analysis.warnings.settings import (
    SWITCHABLE_SIGNALS, rule_from_knobs, rule_knobs, threshold_inputs, thresholds_from_inputs,
)
from analysis.warnings.signals import Clause, WarningThresholds
from ui.warnings.keys import K_ENABLED, K_USE_MODEL, RULE_KEYS, THRESHOLD_KEYS, settings_keys, widget_key


def init_widgets() -> None:
    """Defaults once; then sync: a widget the user just changed wins, a widget Streamlit dropped
    while another page was shown is restored from the saved setting."""
    for name, value in threshold_inputs().items():
        st.session_state.setdefault(THRESHOLD_KEYS[name], value)
    st.session_state.setdefault(K_ENABLED, list(SWITCHABLE_SIGNALS))
    st.session_state.setdefault(K_USE_MODEL, False)
    for lv, knobs in rule_knobs().items():
        for knob, value in knobs.items():
            st.session_state.setdefault(RULE_KEYS[lv][knob], value)
    for key in settings_keys():
        wkey = widget_key(key)
        if wkey in st.session_state:
            st.session_state[key] = st.session_state[wkey]
        else:
            st.session_state[wkey] = st.session_state[key]


def reset_widgets() -> None:
    """Back to the default thresholds and rule (a button callback); the model switch stays."""
    for key in settings_keys():
        if key == K_USE_MODEL:
            continue
        st.session_state.pop(key, None)
        st.session_state.pop(widget_key(key), None)
    init_widgets()


def use_model() -> bool:
    """Whether the model's prediction counts as a signal."""
    return bool(st.session_state.get(K_USE_MODEL))


def thresholds_from_widgets() -> WarningThresholds:
    """The thresholds the user set; raises :class:`~analysis.warnings.signals.WarningError` when invalid."""
    values = {name: st.session_state.get(key) for name, key in THRESHOLD_KEYS.items()}
    return thresholds_from_inputs(values, st.session_state.get(K_ENABLED, []), use_model())


def rule_from_widgets() -> dict[str, tuple[Clause, ...]]:
    """The level rule from the page's knobs: ≥ n signals, any listed signal, rolled into DPD ≥ x."""
    return rule_from_knobs({lv: {knob: st.session_state.get(key) for knob, key in knobs.items()}
                            for lv, knobs in RULE_KEYS.items()})
