"""The scenario editor of the what-if page: scenario buttons, the name box, the rule list and the
rule form, and the policy JSON files. Every widget key comes from :mod:`ui.whatif.keys`.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.core.view import View
from analysis.whatif.policy import ACTIONS, DELINQUENCY_THRESHOLDS, NO_CHANGE, PolicyError, Rule
from analysis.whatif.tables import bucket_label
from ui import state as app_state
from ui.i18n import lang, t, t_data
from ui.whatif import keys
from ui.whatif.state import (
    add_scenario, delete_focus, duplicate_focus, load_policy_file, move_rule, name_of, rename, safe_file_stem,
    segment_options, segment_title, set_include_defaulted, set_rules,
)

def scenario_buttons(n_scenarios: int) -> None:
    """New / duplicate / delete scenario."""
    b1, b2, b3, _ = st.columns([1, 1, 1, 2])
    b1.button(t("whatif.sc.add"), key=keys.K_ADD_SCENARIO, icon=":material/add:",
              on_click=add_scenario, args=(NO_CHANGE,))
    b2.button(t("whatif.sc.duplicate"), key=keys.K_DUPLICATE, icon=":material/content_copy:",
              on_click=duplicate_focus)
    b3.button(t("whatif.sc.delete"), key=keys.K_DELETE, icon=":material/delete:", on_click=delete_focus,
              disabled=n_scenarios <= 1)


def name_input(item: dict) -> None:
    """Rename the scenario being edited (a default name follows the language until typed over)."""
    key = keys.name_key(item["id"])
    if item["name"] is None or key not in st.session_state:
        st.session_state[key] = name_of(item)
    st.text_input(t("whatif.sc.name"), key=key, on_change=rename, args=(item["id"],))


def include_defaulted_box(item: dict) -> None:
    """Whether this scenario's rules also act on accounts in default or charged off (off by default)."""
    key = keys.include_key(item["id"])
    st.session_state[key] = bool(item["policy"].include_defaulted)
    st.checkbox(t("whatif.sc.include_defaulted"), key=key, on_change=set_include_defaulted, args=(item["id"],),
                help=t("whatif.sc.include_defaulted_help"))


def rule_list(i: int, item: dict, editable: bool = True) -> None:
    """The scenario's rules in order, with move up / down / remove."""
    rules = item["policy"].rules
    if not rules:
        st.info(t("whatif.rb.no_rules"))
        return
    L = lang()
    table = pd.DataFrame({
        t("whatif.rb.order"): range(1, len(rules) + 1),
        t("whatif.rb.rule_name"): [r.name or t("whatif.rb.unnamed", n=j + 1) for j, r in enumerate(rules)],
        t("whatif.rb.rule"): [r.describe(L) for r in rules],
    })
    st.dataframe(table, hide_index=True, width="stretch", key=keys.K_RULES_TABLE)
    if not editable:
        return
    pick_key = keys.rule_pick_key(item["id"])
    r1, r2, r3, r4, r5 = st.columns([3, 1, 1, 1, 1], vertical_alignment="bottom")
    picks = {j: f"{j + 1}. {r.name or r.describe(L)}" for j, r in enumerate(rules)}
    r1.selectbox(t("whatif.rb.pick"), list(picks), key=pick_key, format_func=picks.get)
    r2.button(t("whatif.rb.edit"), key=keys.K_RULE_EDIT, icon=":material/edit:",
              on_click=edit_rule, args=(item, pick_key), help=t("whatif.rb.edit_help"))
    r3.button(t("whatif.rb.up"), key=keys.K_RULE_UP, icon=":material/arrow_upward:",
              on_click=move_rule, args=(i, pick_key, -1))
    r4.button(t("whatif.rb.down"), key=keys.K_RULE_DOWN, icon=":material/arrow_downward:",
              on_click=move_rule, args=(i, pick_key, 1))
    r5.button(t("whatif.rb.remove"), key=keys.K_RULE_REMOVE, icon=":material/delete:",
              on_click=move_rule, args=(i, pick_key, 0))


def edit_rule(item: dict, pick_key: str) -> None:
    """Callback: put the picked rule into the form, which then replaces it instead of adding."""
    j = st.session_state.get(pick_key)
    rules = item["policy"].rules
    if j is None or not 0 <= j < len(rules):
        return
    rule = rules[j]
    s = st.session_state
    for key, attr in keys.FORM_FIELDS.items():
        value = getattr(rule, attr)
        s[key] = list(value) if attr == "buckets" else value
    s[keys.K_NEW_VALUE] = float(rule.value) if rule.value is not None else 0.0
    s[keys.K_NEW_SEGMENTS] = [f"{c}\x1f{v}" for c, vals in rule.segments.items() for v in vals]
    s[keys.K_EDITING] = (item["id"], j)


def _init_form() -> None:
    """Form defaults live in session state (never also as ``value=``), so "edit" can fill them."""
    for key in (keys.K_NEW_BUCKETS, keys.K_NEW_SEGMENTS):
        if st.session_state.get(key) is None:
            st.session_state[key] = []
    for key in keys.FORM_FIELDS:
        st.session_state.setdefault(key, None)
    st.session_state[keys.K_NEW_NAME] = st.session_state[keys.K_NEW_NAME] or ""
    if st.session_state.get(keys.K_NEW_ACTION) not in ACTIONS:
        st.session_state[keys.K_NEW_ACTION] = "cut"
    if st.session_state.get(keys.K_NEW_DELINQUENT_DPD) not in DELINQUENCY_THRESHOLDS:
        st.session_state[keys.K_NEW_DELINQUENT_DPD] = 1
    if st.session_state.get(keys.K_NEW_VALUE) is None:
        st.session_state[keys.K_NEW_VALUE] = 20.0


def cancel_edit() -> None:
    st.session_state.pop(keys.K_EDITING, None)


def _segment_option(option: str) -> str:
    col, value = option.split("\x1f", 1)
    return t("whatif.rb.seg_option", column=segment_title(col), value=value)


def rule_form(i: int, item: dict, view: View, feats: pd.DataFrame) -> None:
    """The rule builder: condition fields, action and value; adds the rule at the end."""
    buckets = view.buckets
    _init_form()
    editing = st.session_state.get(keys.K_EDITING)
    j_edit = editing[1] if editing and editing[0] == item["id"] and editing[1] < len(item["policy"].rules) else None
    with st.form(keys.K_RULE_FORM, clear_on_submit=False, border=True):
        if j_edit is None:
            st.markdown(t_data("whatif.rb.form_title", name=name_of(item)))
        else:
            st.markdown(t_data("whatif.rb.form_edit_title", n=j_edit + 1, name=name_of(item)))
        f1, f2, f3 = st.columns(3)
        with f1:
            st.text_input(t("whatif.rb.rule_name"), key=keys.K_NEW_NAME, placeholder=t("whatif.rb.name_placeholder"))
            st.multiselect(t("whatif.rb.buckets"), list(buckets.keys), select_all=False, key=keys.K_NEW_BUCKETS,
                           format_func={k: bucket_label(view, k) for k in buckets.keys}.get,
                           placeholder=t("whatif.rb.any"))
            g1, g2 = st.columns(2)
            g1.number_input(t("whatif.rb.dpd_min"), min_value=0, step=1, key=keys.K_NEW_DPD_MIN)
            g2.number_input(t("whatif.rb.dpd_max"), min_value=0, step=1, key=keys.K_NEW_DPD_MAX)
            g1.number_input(t("whatif.rb.util_min"), min_value=0.0, step=5.0, key=keys.K_NEW_UTIL_MIN)
            g2.number_input(t("whatif.rb.util_max"), min_value=0.0, step=5.0, key=keys.K_NEW_UTIL_MAX)
        with f2:
            options = segment_options(app_state.data_token(), feats)  # counts 100k rows: once per data
            st.multiselect(t("whatif.rb.segments"), options, select_all=False, key=keys.K_NEW_SEGMENTS,
                           format_func={o: _segment_option(o) for o in options}.get,
                           placeholder=t("whatif.rb.any"), help=t("whatif.rb.segments_help"))
            g1, g2 = st.columns(2)
            if "score" in feats.columns and feats["score"].notna().any():
                g1.number_input(t("whatif.rb.score_min"), step=10.0, key=keys.K_NEW_SCORE_MIN)
                g2.number_input(t("whatif.rb.score_max"), step=10.0, key=keys.K_NEW_SCORE_MAX)
            g1.number_input(t("whatif.rb.mob_min"), min_value=0, step=1, key=keys.K_NEW_MOB_MIN)
            g2.number_input(t("whatif.rb.mob_max"), min_value=0, step=1, key=keys.K_NEW_MOB_MAX)
        with f3:
            g1, g2 = st.columns(2)
            g1.number_input(t("whatif.rb.delinquent_months"), min_value=1, max_value=60, step=1,
                            key=keys.K_NEW_DELINQUENT_MONTHS, help=t("whatif.rb.delinquent_help"))
            g2.selectbox(t("whatif.rb.delinquent_dpd"), list(DELINQUENCY_THRESHOLDS),
                         key=keys.K_NEW_DELINQUENT_DPD,
                         format_func={d: t("whatif.rb.dpd_plus", dpd=d) for d in DELINQUENCY_THRESHOLDS}.get)
            st.number_input(t("whatif.rb.clean_months"), min_value=1, max_value=60, step=1,
                            key=keys.K_NEW_CLEAN_MONTHS, help=t("whatif.rb.clean_help"))
            st.selectbox(t("whatif.rb.action"), list(ACTIONS), key=keys.K_NEW_ACTION,
                         format_func={a: t(f"whatif.rb.action.{a}") for a in ACTIONS}.get)
            st.number_input(t("whatif.rb.value"), min_value=0.0, step=5.0, key=keys.K_NEW_VALUE,
                            help=t("whatif.rb.value_help"))
        c1, c2, _ = st.columns([1, 1, 3])
        submitted = c1.form_submit_button(t("whatif.rb.add") if j_edit is None else t("whatif.rb.save"),
                                          icon=":material/playlist_add:" if j_edit is None else ":material/check:",
                                          key=keys.K_ADD_RULE, type="primary")
        if j_edit is not None:
            c2.form_submit_button(t("whatif.rb.cancel"), key=keys.K_CANCEL_EDIT, on_click=cancel_edit)
    if not submitted:
        return
    try:
        rule = _rule_from_form()
    except PolicyError as exc:
        st.error(exc.markdown(lang()))
        return
    rules = list(item["policy"].rules)
    if j_edit is None:
        rules.append(rule)
    else:
        rules[j_edit] = rule
        st.session_state.pop(keys.K_EDITING, None)
    set_rules(i, tuple(rules))
    st.rerun()


def _rule_from_form() -> Rule:
    s = st.session_state
    segments: dict[str, list[str]] = {}
    for option in s.get(keys.K_NEW_SEGMENTS) or []:
        col, value = option.split("\x1f", 1)
        segments.setdefault(col, []).append(value)
    action = s[keys.K_NEW_ACTION]
    return Rule(
        action=action, value=None if action == "freeze" else s.get(keys.K_NEW_VALUE),
        name=str(s.get(keys.K_NEW_NAME) or "").strip(), buckets=tuple(s.get(keys.K_NEW_BUCKETS) or ()),
        dpd_min=s.get(keys.K_NEW_DPD_MIN), dpd_max=s.get(keys.K_NEW_DPD_MAX),
        utilisation_min=s.get(keys.K_NEW_UTIL_MIN), utilisation_max=s.get(keys.K_NEW_UTIL_MAX),
        score_min=s.get(keys.K_NEW_SCORE_MIN), score_max=s.get(keys.K_NEW_SCORE_MAX),
        segments=segments, mob_min=s.get(keys.K_NEW_MOB_MIN), mob_max=s.get(keys.K_NEW_MOB_MAX),
        delinquent_months=s.get(keys.K_NEW_DELINQUENT_MONTHS),
        delinquent_min_dpd=int(s.get(keys.K_NEW_DELINQUENT_DPD) or 1),
        clean_months=s.get(keys.K_NEW_CLEAN_MONTHS),
    )


def policy_files(item: dict, policy_json: str) -> None:
    """Save the scenario's policy as JSON; load a policy JSON as a new challenger."""
    j1, j2 = st.columns(2)
    with j1:
        st.download_button(t("whatif.sc.save_json"), data=policy_json.encode("utf-8"),
                           file_name=f"policy_{safe_file_stem(name_of(item))}.json", mime="application/json",
                           key=keys.K_SAVE_JSON, icon=":material/download:")
    with j2:
        uploaded = st.file_uploader(t("whatif.sc.load_json"), type=["json"], key=keys.K_LOAD_JSON,
                                    help=t("whatif.sc.load_help"))
        if uploaded is not None and st.session_state.get(keys.K_LOADED) != uploaded.file_id:
            load_policy_file(uploaded)
            st.rerun()
