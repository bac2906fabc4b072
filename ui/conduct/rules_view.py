"""The rules tab: the rule pack in use, editable, with each rule's source; the contact limits and theirs."""
from __future__ import annotations

import streamlit as st

from analysis.conduct.contacts import contact_limits
from analysis.conduct.rules import (CATEGORIES, CHANNELS, RECIPIENTS, SEVERITIES, TABLE_COLUMNS, RulePack, lexicon_table,
                                   pack_from_json, pack_from_table, pack_to_json)
from analysis.core.i18n import MessageError
from analysis.core.view import View
from ui import persist, state
from ui.conduct import keys as K
from ui.conduct import state as S
from ui.conduct.contacts_view import limits_table
from ui.i18n import t


def rules_tab(view: View) -> None:
    """The pack's rules in an editor (changes apply to every check on this page at once), its
    file in and out, and the contact limits with their sources."""
    j = S.jurisdiction()
    st.markdown(t("cdp.rules.intro", j=t(f"cdp.jurisdiction.{j}")))
    _pack_files(j, view)
    base = S.base_pack(j)
    edited = persist.editor(S.editor_key(j), S.editable_rules(j), hide_index=True, num_rows="dynamic",
                            column_config=_rule_columns(), width="stretch")
    if not state.presentation():
        try:
            new = pack_from_table(edited, base, view.lang)
        except MessageError as exc:
            st.error(t("cdp.rules.invalid", error=exc.markdown(view.lang)), icon=":material/error:")
        else:
            if pack_to_json(new) != pack_to_json(base):
                S.save_pack(j, new)
                st.caption(t("cdp.rules.edited"))
    _word_lists(S.pack(j), view)
    st.subheader(t("cdp.rules.limits_heading"))
    st.dataframe(limits_table(contact_limits(j), view.lang), hide_index=True, width="stretch")
    st.caption(t("cdp.rules.limits_caption"))


def _rule_columns() -> dict:
    """The editor's columns in the reader's words: the rule's name first, its ID beside it (what
    the pack file and the CLI use), category, severity, channels and recipients shown by name
    (the cells keep the codes the pack stores)."""
    # labels made here, in the script's run: a format function is also called outside it (AppTest)
    categories = {c: t(f"conduct.category.{c}") for c in CATEGORIES}
    severities = {s: t(f"conduct.severity.{s}") for s in SEVERITIES}
    channels = {c: t(f"cdp.channel.{c}") for c in CHANNELS}
    recipients = {r: t(f"cdp.recipient.{r}") for r in RECIPIENTS}
    config = {c: st.column_config.TextColumn(t(f"cdp.rules.col.{c}"), width="large" if c in ("phrases", "patterns", "suggestion")
                                             else "medium") for c in TABLE_COLUMNS}
    config["name"] = st.column_config.TextColumn(t("cdp.rules.col.name"), disabled=True, width="medium", pinned=True,
                                                 help=t("cdp.rules.col.name_help"))
    config["rule"] = st.column_config.TextColumn(t("cdp.rules.col.rule"), width="small", help=t("cdp.rules.col.rule_help"))
    config["category"] = st.column_config.SelectboxColumn(t("cdp.rules.col.category"), options=list(CATEGORIES),
                                                          format_func=categories.get, width="medium")
    config["severity"] = st.column_config.SelectboxColumn(t("cdp.rules.col.severity"), options=list(SEVERITIES),
                                                          format_func=severities.get, width="small")
    config["channels"] = st.column_config.MultiselectColumn(t("cdp.rules.col.channels"), options=list(CHANNELS),
                                                            format_func=channels.get, width="medium")
    config["recipients"] = st.column_config.MultiselectColumn(t("cdp.rules.col.recipients"), options=list(RECIPIENTS),
                                                              format_func=recipients.get, width="medium")
    return config


def _word_lists(pack: RulePack, view: View) -> None:
    """The word lists a pattern names in braces (``{caution}``), with their names and words."""
    if not pack.lexicon:
        return
    st.caption(t("cdp.rules.patterns_caption", example="`{caution}`" if "caution" in pack.lexicon
                 else f"`{{{next(iter(pack.lexicon))}}}`"))
    with st.expander(t("cdp.rules.lists_heading"), icon=":material/list:"):
        table = lexicon_table(pack, view.lang)
        st.dataframe(table.rename(columns={"ref": t("cdp.rules.col.ref"), "name": t("cdp.rules.col.list_name"),
                                           "words": t("cdp.rules.col.words")}), hide_index=True, width="stretch")


def _pack_files(j: str, view: View) -> None:
    if state.presentation():
        return
    c1, c2, c3 = st.columns([1, 2, 1])
    c1.download_button(t("cdp.rules.download"), data=lambda: pack_to_json(S.pack(j)).encode("utf-8"),
                       file_name=f"conduct_rules_{j}.json", mime="application/json", key=K.RULES_DOWNLOAD + j,
                       icon=":material/download:", help=t("cdp.rules.download_help"), width="stretch")
    uploaded = c2.file_uploader(t("cdp.rules.upload"), type=["json"], key=K.RULES_UPLOAD + j, help=t("cdp.rules.upload_help"))
    if uploaded is not None and st.session_state.get(K.RULES_SEEN + j) != uploaded.file_id:
        st.session_state[K.RULES_SEEN + j] = uploaded.file_id
        try:
            loaded = pack_from_json(uploaded.getvalue())
        except MessageError as exc:
            st.error(exc.markdown(view.lang), icon=":material/error:")
        else:
            if loaded.jurisdiction != j:
                st.error(t("cdp.rules.other_jurisdiction", found=t(f"cdp.jurisdiction.{loaded.jurisdiction}"),
                           j=t(f"cdp.jurisdiction.{j}")), icon=":material/error:")
            else:
                S.reset_pack(j)
                S.save_pack(j, loaded)
                st.success(t("cdp.rules.loaded", n=len(loaded.rules)), icon=":material/check_circle:")
    if c3.button(t("cdp.rules.reset"), key=K.RULES_RESET + j, icon=":material/restart_alt:",
                 help=t("cdp.rules.reset_help"), width="stretch"):
        S.reset_pack(j)
        st.rerun()
