"""The controls of the early-warning page: month, model switch, thresholds, level rule, the rule in words."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis.core.definitions import definitions_line
from analysis.core.i18n import translate
from analysis.core.view import View
from analysis.core.vocabulary import level_label
from analysis.warnings.settings import SWITCHABLE_SIGNALS
from analysis.warnings.signals import LEVELS, SIGNALS, Clause, WarningError, WarningThresholds, describe_rule, validate_rule
from analysis.warnings.tables import unavailable_text
from ui import persist, presentation, state
from ui.i18n import t
from ui.warnings import settings
from ui.warnings.keys import K_ENABLED, K_MONTH, K_RESET, K_USE_MODEL, RULE_KEYS, THRESHOLD_KEYS, widget_key
from ui.widgets import definitions

#: Threshold inputs per column: name, lowest, highest, step (months step by one, the rest by five).
THRESHOLD_INPUTS = (
    (("rising_months", 1, 12, 1), ("utilisation_level", 1.0, 500.0, 5.0), ("utilisation_jump", 1.0, 500.0, 5.0)),
    (("balance_growth", 1.0, 10000.0, 5.0), ("growth_months", 1, 12, 1), ("payment_share", 1.0, 100.0, 5.0)),
    (("score_drop", 1.0, 1000.0, 5.0), ("score_months", 1, 12, 1), ("model_probability", 1.0, 100.0, 5.0)),
)


@dataclass(frozen=True)
class Settings:
    """The thresholds and rule in force on this run."""

    thresholds: WarningThresholds
    rule: dict[str, tuple[Clause, ...]]


def _signal_namer(lang: str):
    # format_func callbacks also run outside the script run (AppTest), where session state is
    # not readable: the language is fixed when the widget is drawn.
    return lambda s: translate(f"warnings.signal.{s}", lang)


def month_and_model() -> str:
    """The month to read (latest by default) and the switch that makes the model a signal."""
    settings.init_widgets()
    months = state.months_in_view()
    if state.presentation():  # the month stays; the model switch is a desk setting
        month = persist.keep(K_MONTH, months[-1], months)
        presentation.shown_choice(t("warnings.month"), month)
        return month
    c_month, c_model = st.columns([1, 2])
    with c_month:
        month = persist.choice(st.selectbox, t("warnings.month"), months[::-1], key=K_MONTH, default=months[-1],
                               options=months, help=t("warnings.month_help"))
    with c_model:
        st.write("")
        st.toggle(t("warnings.use_model"), key=widget_key(K_USE_MODEL), help=t("warnings.use_model_help"))
    return month


def definitions_and_history(view: View) -> None:
    """The 口径 line of the month; which months the signals read when the sidebar starts later
    than the book, or a note when the data holds a single month."""
    definitions(definitions_line(view.lang, month=view.month, filters=view.filter_dict, buckets=view.buckets))
    history = state.history_months()
    if len(history) == 1:
        st.info(t("warnings.no_history"))
    elif history[0] < state.months_in_view()[0]:
        st.caption(t("warnings.note.history", first=history[0]))


def threshold_editor(view: View) -> None:
    """The signals in use and their thresholds (collapsed), with a reset to the defaults; not while presenting."""
    if state.presentation():
        return
    with st.expander(t("warnings.th.title"), expanded=False):
        st.multiselect(t("warnings.th.enabled"), list(SWITCHABLE_SIGNALS), select_all=False, key=widget_key(K_ENABLED),
                       format_func=_signal_namer(view.lang), placeholder=t("warnings.knob.none"))
        for col, inputs in zip(st.columns(3), THRESHOLD_INPUTS):
            with col:
                for name, low, high, step in inputs:
                    st.number_input(t(f"warnings.th.{name}"), low, high, step=step,
                                    key=widget_key(THRESHOLD_KEYS[name]))
        st.button(t("warnings.th.reset"), on_click=settings.reset_widgets, key=K_RESET)


def rule_editor(view: View) -> None:
    """The three knobs of each level (collapsed); not while presenting."""
    if state.presentation():
        return
    with st.expander(t("warnings.knob.title"), expanded=False):
        for col, lv in zip(st.columns(3), LEVELS):
            keys = RULE_KEYS[lv]
            with col:
                st.markdown(f"**{level_label(lv, view.lang)}**")
                st.number_input(t("warnings.knob.count"), 0, len(SIGNALS), step=1, key=widget_key(keys["count"]))
                st.multiselect(t("warnings.knob.signals"), list(SIGNALS), select_all=False,
                               key=widget_key(keys["signals"]), format_func=_signal_namer(view.lang),
                               placeholder=t("warnings.knob.none"))
                st.number_input(t("warnings.knob.rolled_dpd"), 0, 3650, step=1, key=widget_key(keys["rolled_dpd"]))


def settings_or_stop(view: View) -> Settings:
    """The thresholds and rule as set; a settings problem is stated and stops the page."""
    try:
        return Settings(settings.thresholds_from_widgets(), validate_rule(settings.rule_from_widgets()))
    except WarningError as exc:
        stop_on(exc, view)


def stop_on(exc: WarningError, view: View):
    """Say what is wrong with the settings and stop the page."""
    st.warning(t("warnings.settings_error", error=exc.markdown(view.lang)))
    st.stop()


def rule_in_words(rule: dict[str, tuple[Clause, ...]], availability: dict, view: View) -> None:
    """How the level is decided, in sentences, and which signals the data cannot give."""
    st.subheader(t("warnings.knob.heading"))
    st.markdown("\n".join(f"- {line}" for line in describe_rule(rule, view.lang)))
    st.caption(view.text("warnings.rule.first_match"))
    items = unavailable_text(availability, view.lang)
    if items:
        st.caption(t("warnings.th.unavailable", items=items))
