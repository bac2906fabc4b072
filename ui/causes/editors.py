"""The editable tables of the causes page: the reason dictionary, cause classes, cause responses.

Each save checks the table in ``analysis.causes.dictionary`` first (a bad edit is explained, never
raised), gives the editors fresh keys and reruns the page so every view reads the saved table.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.causes import dictionary as C
from analysis.causes.dictionary import CAUSE_KEYS, HARDSHIP_KEYS, WILLINGNESS_KEYS, CausesError
from analysis.causes.summary import unclassified_texts
from analysis.core.units import format_rate
from analysis.core.vocabulary import ACTION_KEYS, action_label
from ui import state
from ui.causes import keys as K
from ui.causes import session
from ui.causes.context import CausesPage
from ui.causes.tables import show_inline, unclassified_table
from ui.i18n import t, t_data

#: How many unclassified texts the dictionary section lists (and offers for a quick keyword).
UNCLASSIFIED_SHOWN = 30


def _saved(key: str, **params) -> None:
    """After a change: say so on the next run, show the saved tables afresh, rerun now."""
    session.say_once(key, **params)
    session.reset_editors()
    st.rerun()


def dictionary_section(page: CausesPage, detail: pd.DataFrame | None) -> None:
    """Edit, download and upload the keyword dictionary; see what is still unclassified."""
    st.subheader(t("causes.dict.title"))
    st.caption(t("causes.dict.intro"))
    message = session.pop_message()
    if message:
        kind, key, params = message
        (st.success if kind == "ok" else st.warning)(t_data(key, **params))
    current = session.dictionary()
    if detail is not None and len(detail):
        coverage(page, detail, len(current))
    dictionary_editor(page, current)
    dictionary_files(page, current)


def coverage(page: CausesPage, detail: pd.DataFrame, n_keywords: int) -> None:
    """How much of the written reasons the dictionary places, and the texts it does not."""
    unclassified, share = unclassified_texts(detail)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("causes.dict.distinct"), f"{len(detail):,}")
    c2.metric(t("causes.dict.unclassified_share"), format_rate(share, 1))
    c3.metric(t("causes.dict.keywords"), f"{n_keywords:,}")
    if not len(unclassified):
        st.success(t("causes.dict.all_classified"))
        return
    st.markdown(t("causes.dict.unclassified_intro"))
    examples = unclassified.head(UNCLASSIFIED_SHOWN)
    show_inline(unclassified_table(page, examples), page.view.lang, K.UNCLASSIFIED_TABLE, height=220)
    quick_add(page, examples["reason"].astype(str).tolist())


def dictionary_editor(page: CausesPage, current: pd.DataFrame) -> None:
    """The keyword table, editable, with save and reset."""
    edited = st.data_editor(
        current, num_rows="dynamic", width="stretch", hide_index=True, height=320,
        key=K.editor(K.DICT_EDITOR, session.editor_nonce()),
        column_config={
            "category": st.column_config.SelectboxColumn(
                t("causes.col.category"), options=list(CAUSE_KEYS), required=True, format_func=page.cause_name),
            "keyword": st.column_config.TextColumn(t("causes.col.keyword"), required=True,
                                                   help=t("causes.dict.keyword_help")),
            "lang": st.column_config.SelectboxColumn(t("causes.col.lang"), options=["zh", "en"]),
        },
    )
    b1, b2, _ = st.columns([1, 1, 2])
    # full width of their columns: a label cut to "Restore the shipped dicti…" reads as nothing
    if b1.button(t("causes.dict.save"), type="primary", key=K.DICT_SAVE, width="stretch"):
        try:
            state.set_reason_dictionary(C.validate_dictionary(edited))
        except CausesError as exc:
            page.problem(exc)
        else:
            _saved("causes.dict.saved", n=len(edited))
    if b2.button(t("causes.dict.reset"), key=K.DICT_RESET, help=t("causes.dict.reset_help"), width="stretch"):
        state.set_reason_dictionary(None)
        _saved("causes.dict.was_reset")


def dictionary_files(page: CausesPage, current: pd.DataFrame) -> None:
    """Download the dictionary (CSV, JSON) and upload one back."""
    d1, d2, d3 = st.columns([1, 1, 2])
    d1.download_button(t("causes.dict.download_csv"), data=lambda: C.dictionary_to_csv(current),
                       file_name="overdue_reason_dictionary.csv", mime="text/csv", key=K.DICT_DL_CSV)
    d2.download_button(t("causes.dict.download_json"), data=lambda: C.dictionary_to_json(current),
                       file_name="overdue_reason_dictionary.json", mime="application/json", key=K.DICT_DL_JSON)
    uploaded = d3.file_uploader(t("causes.dict.upload"), type=["csv", "json"], key=K.DICT_UPLOAD,
                                help=t("causes.dict.upload_help"))
    if uploaded is not None and session.first_time(uploaded.file_id):
        try:
            table = C.dictionary_from_bytes(uploaded.getvalue(), uploaded.name)
        except CausesError as exc:
            page.problem(exc)
            return
        state.set_reason_dictionary(table)
        _saved("causes.dict.uploaded", n=len(table), name=uploaded.name)


def quick_add(page: CausesPage, examples: list[str]) -> None:
    """Turn an unclassified text into a keyword in two clicks."""
    with st.form(K.QUICK_FORM, border=True):
        st.markdown(t("causes.quick.title"))
        q1, q2, q3 = st.columns([2, 2, 2])
        text = q1.selectbox(t("causes.quick.example"), examples, key=K.QUICK_TEXT)
        keyword = q2.text_input(t("causes.quick.keyword"), key=K.QUICK_KEYWORD, help=t("causes.quick.keyword_help"))
        category = q3.selectbox(t("causes.col.category"), [k for k in CAUSE_KEYS if k != "unknown"],
                                format_func=page.cause_name, key=K.QUICK_CATEGORY)
        if not st.form_submit_button(t("causes.quick.add")):
            return
        word = (keyword or text or "").strip()
        if not word:
            st.warning(t("causes.quick.empty"))
            return
        try:
            state.set_reason_dictionary(C.validate_dictionary(C.add_keyword(session.dictionary(), category, word)))
        except CausesError as exc:
            page.problem(exc)
            return
        _saved("causes.quick.added", keyword=word, category=page.cause_name(category))


def classes_editor(page: CausesPage) -> None:
    """The cause → willingness / hardship table, editable."""
    with st.expander(t("causes.classes.edit")):
        st.caption(t("causes.classes.edit_help"))
        edited = st.data_editor(
            session.class_table(), width="stretch", hide_index=True, num_rows="fixed",
            key=K.editor(K.CLASS_EDITOR, session.editor_nonce()), disabled=["cause"],
            column_config={
                "cause": st.column_config.SelectboxColumn(t("causes.col.cause"), options=list(CAUSE_KEYS),
                                                          format_func=page.cause_name),
                "willingness": st.column_config.SelectboxColumn(
                    page.tr("causes.class.willingness"), options=list(WILLINGNESS_KEYS), required=True,
                    format_func=lambda k: page.tr(f"causes.willingness.{k}")),
                "hardship": st.column_config.SelectboxColumn(
                    page.tr("causes.class.hardship"), options=list(HARDSHIP_KEYS), required=True,
                    format_func=lambda k: page.tr(f"causes.hardship.{k}")),
            },
        )
        c1, c2, _ = st.columns([1, 1, 2])
        if c1.button(t("causes.classes.save"), type="primary", key=K.CLASSES_SAVE):
            try:
                session.set_class_table(edited)
            except CausesError as exc:
                page.problem(exc)
            else:
                session.reset_editors()
                st.rerun()
        if c2.button(t("causes.classes.reset"), key=K.CLASSES_RESET):
            session.set_class_table(None)
            session.reset_editors()
            st.rerun()


def responses_editor(page: CausesPage) -> None:
    """The cause → response action table, editable (shared with the warnings page)."""
    with st.expander(t("causes.responses.edit")):
        st.caption(t("causes.responses.edit_help"))
        current = state.cause_responses()
        table = pd.DataFrame({"cause": list(CAUSE_KEYS), "response": [current.get(k, "call") for k in CAUSE_KEYS]})
        edited = st.data_editor(
            table, width="stretch", hide_index=True, num_rows="fixed", disabled=["cause"],
            key=K.editor(K.RESP_EDITOR, session.editor_nonce()),
            column_config={
                "cause": st.column_config.SelectboxColumn(t("causes.col.cause"), options=list(CAUSE_KEYS),
                                                          format_func=page.cause_name),
                # Actions typed on another page (not in the built-in list) stay selectable.
                "response": st.column_config.SelectboxColumn(
                    t("causes.col.response"), options=list(dict.fromkeys([*ACTION_KEYS, *current.values()])),
                    required=True, format_func=lambda k: action_label(k, page.view.lang)),
            },
        )
        if st.button(t("causes.responses.save"), type="primary", key=K.RESPONSES_SAVE):
            state.set_cause_responses({r.cause: r.response for r in edited.itertuples(index=False) if r.response})
            session.reset_editors()
            st.rerun()
