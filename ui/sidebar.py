"""The sidebar: language, unit, measure (fixed to accounts for a book with no balances), buckets,
filters, presentation mode."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.core.definitions import segment_name
from analysis.core.buckets import custom_buckets
from analysis.core.i18n import LANGS
from analysis.core.markup import escape_markdown
from analysis.core.schema import BLANK_SEGMENT, segment_columns
from analysis.core.units import MONEY_UNITS, unit_label
from ui import persist, state
from ui.i18n import LANG_KEY, lang, remember_lang_in_address, t, t_data

_LANG_NAMES = {"zh": "中文", "en": "English"}
persist.TRANSLATED_KEYS.update({state.K_UNIT, state.K_MEASURE, state.K_BUCKET_SCHEME})
#: (data id, {filter key: value}) the sidebar's filters were last drawn with.
K_DRAWN = "sidebar_filters_drawn"


def draw_sidebar() -> None:
    """Draw every global control; their values live in ``ui.state`` keys."""
    with st.sidebar:
        lang()  # make sure the key holds a valid value before the widget reads it
        st.segmented_control(
            t("app.sidebar.language"), options=list(LANGS), format_func=_LANG_NAMES.get,
            key=LANG_KEY, selection_mode="single", persist_state="session",
            on_change=persist.carry_choices_across_languages,
        )
        if st.session_state.get(LANG_KEY) not in LANGS:  # a deselected segmented control → keep one
            st.session_state.pop(LANG_KEY, None)
        remember_lang_in_address()
        st.toggle(t("app.sidebar.presentation"), key=state.K_PRESENTATION, help=t("app.sidebar.presentation_help"),
                  persist_state="session")
        if state.presentation():
            return
        _data_summary()
        if state.counts_only():
            _counts_only_measure()
        else:
            _unit_and_measure()
        _bucket_controls()
        _filters()


def _unit_and_measure() -> None:
    col1, col2 = st.columns(2)
    with col1:
        # format_func gets plain dicts: AppTest re-runs it outside the script, without a session.
        unit_names = {u: unit_label(u, lang()) for u in MONEY_UNITS}
        st.selectbox(t("app.sidebar.unit"), list(MONEY_UNITS), format_func=unit_names.__getitem__,
                     key=state.K_UNIT, index=list(MONEY_UNITS).index(state.unit()), persist_state="session")
    with col2:
        measure_names = {m: t(f"app.sidebar.measure.{m}") for m in ("balance", "count")}
        st.selectbox(t("app.sidebar.measure"), list(measure_names),
                     format_func=measure_names.__getitem__, key=state.K_MEASURE, persist_state="session",
                     index=["balance", "count"].index(state.measure()))


def _counts_only_measure() -> None:
    """A book with no balances: the measure is fixed to accounts (shown, not choosable) and there
    is no money unit to choose; the caption says why. The user's choices for a book with balances
    stay in their own keys, untouched."""
    names = {"count": t("app.sidebar.measure.count")}
    st.selectbox(t("app.sidebar.measure"), ["count"], format_func=names.__getitem__, key="measure_fixed",
                 disabled=True)
    st.caption(t("countonly.sidebar.note"))


def _data_summary() -> None:
    facts = state.data_facts()
    if not facts["rows"]:
        return
    months = facts["months"]
    st.caption(t_data("app.sidebar.data", name=state.data_name()))
    if facts["accounts"] is None:  # a configured dataset: distinct accounts are not counted
        st.caption(t("datasets.sidebar_rows", rows=facts["rows"], first=months[0], last=months[-1]))
    else:
        st.caption(t("app.sidebar.data_rows", accounts=facts["accounts"], rows=facts["rows"],
                     first=months[0], last=months[-1]))


def _bucket_controls() -> None:
    schemes = ["default", "m", "custom"]
    scheme_names = {s: t(f"app.sidebar.buckets.{s}") for s in schemes}
    st.selectbox(t("app.sidebar.buckets"), schemes, format_func=scheme_names.__getitem__,
                 key=state.K_BUCKET_SCHEME, persist_state="session")
    if st.session_state.get(state.K_BUCKET_SCHEME) == "custom":
        st.session_state.setdefault(state.K_BUCKET_EDGES, "30,60,90,180")
        st.text_input(t("app.sidebar.buckets.edges"), key=state.K_BUCKET_EDGES,
                      help=t("app.sidebar.buckets.edges_help"), persist_state="session")
        try:
            custom_buckets(state.parse_edges(st.session_state[state.K_BUCKET_EDGES]))
        except ValueError:
            st.warning(t("app.sidebar.buckets.bad_edges"))


def _filter_values(values: pd.Series) -> list[str]:
    """A segment's values to filter on; the rows without one are the blank segment, last (as the
    cubes show them)."""
    cats = [c for c in values.cat.categories.tolist() if c != BLANK_SEGMENT]
    return cats + [BLANK_SEGMENT] if values.isna().any() or BLANK_SEGMENT in values.cat.categories else cats


def _filters() -> None:
    df = state.full_portfolio()
    if not len(df):
        return
    st.subheader(t("app.sidebar.filters"))
    months = state.months_available()
    segments = {state.FILTER_PREFIX + col: _filter_values(df[col]) for col in segment_columns(df)}
    segments = {key: values for key, values in segments.items() if 1 < len(values) <= 500}
    fresh = {key: [] for key in segments}
    if len(months) > 1:
        fresh[state.K_MONTHS] = (months[0], months[-1])
    valid = {state.K_MONTHS: lambda v: len(v) == 2 and v[0] in months and v[1] in months,
             **{key: (lambda v, allowed=set(values): set(v) <= allowed) for key, values in segments.items()}}
    _fresh_filters(fresh, valid)
    drawn = {}
    if len(months) > 1:
        # value: a pair makes it a range slider (Streamlit logs once that session state also set it)
        drawn[state.K_MONTHS] = st.select_slider(t("app.sidebar.months"), options=months, value=state.month_range(),
                                                 key=state.K_MONTHS, persist_state="session")
    for key, values in segments.items():
        # no "Select all" entry: it is English on every screen, and choosing none is all already
        drawn[key] = st.multiselect(escape_markdown(_segment_title(key[len(state.FILTER_PREFIX):])), values,
                                    select_all=False, key=key, placeholder=t("app.sidebar.segment_all"),
                                    persist_state="session")
    st.session_state[K_DRAWN] = (st.session_state.get(state.K_ID), drawn)
    total = len(df)
    rows = len(state.portfolio())
    if rows != total:
        st.caption(t("app.sidebar.filtered", rows=rows, total=total))


def _fresh_filters(fresh: dict, valid: dict) -> None:
    """When the data changed since the filters were last drawn, put each filter's value for the new
    data into session state before its widget is drawn.

    The browser keeps every widget's last value and sends it back on each rerun, under an id made
    from the widget's key alone. ``state.set_data`` dropping the key on the server does not reach
    the browser, so a value that is still valid on the new data came back as the user's choice: the
    sample's window (2023-01 to 2024-12) on a 61-month panel ending 2024-12, a product the new book
    also has. A value assigned in session state is sent to the browser and replaces its copy. A
    value that differs from what was drawn for the old data was set for the new one (a workspace
    puts its saved filters back before the sidebar draws): it stays.
    """
    data_id = st.session_state.get(state.K_ID)
    drawn_for, drawn = st.session_state.get(K_DRAWN, (None, {}))
    if drawn_for == data_id:
        return
    for key, value in fresh.items():
        current = st.session_state.get(key)
        set_for_new = current is not None and (key not in drawn or list(current) != list(drawn[key]))
        if set_for_new and valid[key](current):
            value = tuple(current) if key == state.K_MONTHS else list(current)
        st.session_state[key] = value


def _segment_title(col: str) -> str:
    return segment_name(col, lang())
