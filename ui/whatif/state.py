"""Session state and cached calls of the what-if page (额度策略模拟).

Scenarios live in ``st.session_state["whatif_scenarios"]`` as a list of plain dicts
``{"id", "name", "default_key", "policy"}``; the champion and the scenario being edited are
indices under their own keys. Everything heavy is cached per data token: the snapshot features
(rows → one row per account, once), the PD table, each scenario (keyed by its policy and
assumptions as JSON text), the sensitivity curve and the backtest. Widget changes afterwards
only re-price cached snapshots (well under a second on 100k accounts).
"""
from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd
import streamlit as st

from analysis.whatif import policy as limits
from analysis.core.buckets import Buckets
from analysis.whatif.policy import Assumptions, Policy, PolicyError, Rule
from analysis.core import Cubes
from analysis.whatif.pd import estimate_pd, fallback_pd
from ui.i18n import lang, t

K_SCENARIOS = "whatif_scenarios"
K_NEXT_ID = "whatif_next_id"
K_FOCUS = "whatif_focus"
K_CHAMPION = "whatif_champion"
K_PD_METHOD = "whatif_pd_method"
K_PD_EDITOR = "whatif_pd_editor"
K_LGD = "whatif_lgd"
K_CCF = "whatif_ccf"
K_DRAW = "whatif_draw_share"
K_RATE = "whatif_rate"
K_USE_MAPPED = "whatif_use_mapped_rate"
K_PAYDOWN = "whatif_no_forced_paydown"
K_LOADED = "whatif_policy_loaded"
K_MESSAGE = "whatif_message"

#: Swap-set rows drawn on screen (largest EL change first); the CSV download has them all.
SWAP_ROWS_SHOWN = 1000
#: Assumption defaults, in percent as the widgets show them.
DEFAULTS = {K_LGD: 45.0, K_CCF: 50.0, K_DRAW: 30.0, K_RATE: 12.0}


# --- scenarios ------------------------------------------------------------------------------

def _starter() -> list[dict]:
    """Today's policy (no change) as champion, and two common challengers to start from.

    The challengers use DPD ranges rather than bucket keys so they work with any bucket scheme.
    """
    return [
        {"id": 0, "name": None, "default_key": "whatif.sc.default.champion", "policy": limits.NO_CHANGE},
        {"id": 1, "name": None, "default_key": "whatif.sc.default.tighten",
         "policy": Policy("", (Rule("cut", 30, dpd_min=31),))},
        {"id": 2, "name": None, "default_key": "whatif.sc.default.grow",
         "policy": Policy("", (Rule("cut", 30, dpd_min=31),
                               Rule("raise", 10, dpd_max=0, utilisation_max=30, clean_months=6)))},
    ]


def scenarios() -> list[dict]:
    """The scenarios of this session (created with three starters on first use)."""
    if K_SCENARIOS not in st.session_state:
        st.session_state[K_SCENARIOS] = _starter()
        st.session_state[K_NEXT_ID] = 3
        st.session_state[K_CHAMPION] = 0
        st.session_state[K_FOCUS] = 1
    items = st.session_state[K_SCENARIOS]
    for key in (K_FOCUS, K_CHAMPION):
        if not 0 <= int(st.session_state.get(key, 0) or 0) < len(items):
            st.session_state[key] = 0
    return items


def name_of(item: dict) -> str:
    return item["name"] or t(item["default_key"])


def policy_of(item: dict) -> Policy:
    """The scenario's policy carrying the scenario's display name."""
    return Policy(name_of(item), item["policy"].rules)


def focus() -> int:
    scenarios()
    return int(st.session_state[K_FOCUS])


def champion() -> int:
    scenarios()
    return int(st.session_state[K_CHAMPION])


def add_scenario(policy: Policy, name: str | None = None, default_key: str | None = None) -> int:
    items = scenarios()
    sid = int(st.session_state.get(K_NEXT_ID, len(items)))
    st.session_state[K_NEXT_ID] = sid + 1
    items.append({"id": sid, "name": name, "default_key": default_key or "whatif.sc.default.new", "policy": policy})
    st.session_state[K_FOCUS] = len(items) - 1
    return len(items) - 1


def duplicate_focus() -> None:
    item = scenarios()[focus()]
    add_scenario(item["policy"], name=t("whatif.sc.copy_of", name=name_of(item)))


def delete_focus() -> None:
    items = scenarios()
    i = focus()
    if len(items) <= 1:
        return
    items.pop(i)
    champ = champion()
    if champ == i:
        st.session_state[K_CHAMPION] = 0
    elif champ > i:
        st.session_state[K_CHAMPION] = champ - 1
    st.session_state[K_FOCUS] = max(0, i - 1)


def rename(sid: int) -> None:
    for item in scenarios():
        if item["id"] == sid:
            text = str(st.session_state.get(f"whatif_name_{sid}", "")).strip()
            item["name"] = text or None


def set_rules(i: int, rules: tuple[Rule, ...]) -> None:
    item = scenarios()[i]
    item["policy"] = Policy(item["policy"].name, tuple(rules))


def move_rule(i: int, pick_key: str, step: int) -> None:
    rules = list(scenarios()[i]["policy"].rules)
    j = st.session_state.get(pick_key)
    if j is None or not 0 <= j < len(rules):
        return
    k = j + step
    if step == 0:
        rules.pop(j)
        st.session_state[pick_key] = max(0, min(j, len(rules) - 1)) if rules else None
    elif 0 <= k < len(rules):
        rules[j], rules[k] = rules[k], rules[j]
        st.session_state[pick_key] = k
    set_rules(i, tuple(rules))


def load_policy_file(uploaded) -> None:
    """Add an uploaded policy JSON as a new challenger (once per file)."""
    if uploaded is None or st.session_state.get(K_LOADED) == uploaded.file_id:
        return
    st.session_state[K_LOADED] = uploaded.file_id
    try:
        policy = limits.policy_from_json(uploaded.getvalue())
    except PolicyError as exc:
        st.session_state[K_MESSAGE] = ("error", exc.message(lang()))
        return
    name = policy.name or uploaded.name.rsplit(".", 1)[0]
    add_scenario(Policy("", policy.rules), name=name)
    st.session_state[K_MESSAGE] = ("success", t("whatif.sc.loaded", name=name, n=len(policy.rules)))


# --- assumptions ----------------------------------------------------------------------------

def init_assumption_widgets() -> None:
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    st.session_state.setdefault(K_PD_METHOD, "auto")
    st.session_state.setdefault(K_USE_MAPPED, True)
    st.session_state.setdefault(K_PAYDOWN, True)


K_PD_USED = "whatif_pd_used"  # {bucket: PD} the page last priced with (hand edits included)


def used_pd_map() -> dict[str, float] | None:
    """The PDs the what-if page last used, hand edits included (for the meeting report)."""
    value = st.session_state.get(K_PD_USED)
    return dict(value) if value else None


def assumptions(pd_map: dict[str, float], has_rate: bool) -> Assumptions:
    """Build the assumptions from the widgets (percent → share)."""
    init_assumption_widgets()
    s = st.session_state
    s[K_PD_USED] = dict(pd_map)
    return Assumptions(
        pd_by_bucket=pd_map, lgd=float(s[K_LGD]) / 100.0, ccf=float(s[K_CCF]) / 100.0,
        draw_share=float(s[K_DRAW]) / 100.0, interest_rate=float(s[K_RATE]) / 100.0,
        use_mapped_rate=bool(s[K_USE_MAPPED]) and has_rate, no_forced_paydown=bool(s[K_PAYDOWN]),
    )


def assumptions_key(a: Assumptions) -> str:
    """The assumptions as canonical JSON text: the cache key of everything priced with them."""
    return json.dumps(asdict(a), sort_keys=True)


def _assumptions_from_key(text: str) -> Assumptions:
    return Assumptions(**json.loads(text))


# --- cached computations --------------------------------------------------------------------

@st.cache_resource(scope="session", max_entries=4, show_spinner=False)
def features(token: str, _portfolio: pd.DataFrame, _buckets: Buckets, month: str | None = None) -> pd.DataFrame:
    """One row per account at ``month`` (default latest) with everything rules test. Read-only."""
    return limits.snapshot_features(_portfolio, month, _buckets)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def pd_table(token: str, _portfolio: pd.DataFrame, _cubes: Cubes, _buckets: Buckets, method: str,
             language: str) -> pd.DataFrame:
    """PD per bucket from the book's history; the fallback defaults with a single month."""
    if len(_cubes.months) < 2:
        return fallback_pd(_buckets, language)
    try:
        return estimate_pd(_portfolio, _buckets, method=method, lang=language, rolls=_cubes.transitions())
    except PolicyError:
        return fallback_pd(_buckets, language)


@st.cache_resource(scope="session", max_entries=16, show_spinner=False)
def scenario(token: str, policy_json: str, assumptions_json: str, _features: pd.DataFrame) -> limits.ScenarioResult:
    """A priced scenario, once per data × policy × assumptions (kept by reference: read-only)."""
    policy = limits.policy_from_json(policy_json)
    return limits.simulate_policy(_features, policy, _assumptions_from_key(assumptions_json))


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def sensitivity(token: str, policy_json: str, assumptions_json: str, _features: pd.DataFrame) -> pd.DataFrame:
    """The 11-point sensitivity curve of a policy's targeted group."""
    return limits.sensitivity_curve(_features, limits.policy_from_json(policy_json),
                                    _assumptions_from_key(assumptions_json))


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def backtest(token: str, policy_json: str, month: str, horizon: int, no_forced_paydown: bool,
             _portfolio: pd.DataFrame, _buckets: Buckets) -> dict:
    """The backtest of a policy applied at ``month``."""
    return limits.backtest_policy(_portfolio, limits.policy_from_json(policy_json), month, horizon=horizon,
                                  buckets=_buckets, no_forced_paydown=no_forced_paydown)


# --- display helpers (labels and units only; no computation) --------------------------------

def safe_file_stem(name: str) -> str:
    """A scenario name as a file name: no path separators or characters Windows refuses.

    Examples
    --------
    >>> safe_file_stem("收紧31+ / 提额 优质")
    '收紧31+_提额_优质'
    """
    import re

    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "policy"


def bucket_label(buckets: Buckets, key: object) -> str:
    key = str(key)
    return buckets.label_of(key, lang()) if key in buckets.keys else key


def segment_title(col: str) -> str:
    from ui.i18n import all_messages

    if col == "bucket":
        return t("whatif.col.bucket")
    key = f"segment.{col}"
    return t(key) if key in all_messages() else col


# --- widgets of the scenario editor (the page calls these in storyboard order) ---------------

def scenario_buttons(n_scenarios: int) -> None:
    """New / duplicate / delete scenario."""
    b1, b2, b3, _ = st.columns([1, 1, 1, 2])
    b1.button(t("whatif.sc.add"), key="whatif_add_scenario", icon=":material/add:",
              on_click=add_scenario, args=(limits.NO_CHANGE,))
    b2.button(t("whatif.sc.duplicate"), key="whatif_duplicate", icon=":material/content_copy:",
              on_click=duplicate_focus)
    b3.button(t("whatif.sc.delete"), key="whatif_delete", icon=":material/delete:", on_click=delete_focus,
              disabled=n_scenarios <= 1)


def name_input(item: dict) -> None:
    """Rename the scenario being edited (a default name follows the language until typed over)."""
    key = f"whatif_name_{item['id']}"
    if item["name"] is None or key not in st.session_state:
        st.session_state[key] = name_of(item)
    st.text_input(t("whatif.sc.name"), key=key, on_change=rename, args=(item["id"],))


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
    st.dataframe(table, hide_index=True, width="stretch", key="whatif_rules_table")
    if not editable:
        return
    pick_key = f"whatif_rule_pick_{item['id']}"
    r1, r2, r3, r4, r5 = st.columns([3, 1, 1, 1, 1], vertical_alignment="bottom")
    picks = {j: f"{j + 1}. {r.name or r.describe(L)}" for j, r in enumerate(rules)}
    r1.selectbox(t("whatif.rb.pick"), list(picks), key=pick_key, format_func=picks.get)
    r2.button(t("whatif.rb.edit"), key="whatif_rule_edit", icon=":material/edit:",
              on_click=edit_rule, args=(item, pick_key), help=t("whatif.rb.edit_help"))
    r3.button(t("whatif.rb.up"), key="whatif_rule_up", icon=":material/arrow_upward:",
              on_click=move_rule, args=(i, pick_key, -1))
    r4.button(t("whatif.rb.down"), key="whatif_rule_down", icon=":material/arrow_downward:",
              on_click=move_rule, args=(i, pick_key, 1))
    r5.button(t("whatif.rb.remove"), key="whatif_rule_remove", icon=":material/delete:",
              on_click=move_rule, args=(i, pick_key, 0))


K_EDITING = "whatif_editing"  # (scenario id, rule index) while the form edits an existing rule
_FORM_FIELDS = {  # form widget key → Rule field
    "whatif_new_name": "name", "whatif_new_buckets": "buckets", "whatif_new_dpd_min": "dpd_min",
    "whatif_new_dpd_max": "dpd_max", "whatif_new_util_min": "utilisation_min",
    "whatif_new_util_max": "utilisation_max", "whatif_new_score_min": "score_min",
    "whatif_new_score_max": "score_max", "whatif_new_mob_min": "mob_min", "whatif_new_mob_max": "mob_max",
    "whatif_new_delinquent_months": "delinquent_months", "whatif_new_delinquent_dpd": "delinquent_min_dpd",
    "whatif_new_clean_months": "clean_months", "whatif_new_action": "action",
}


def edit_rule(item: dict, pick_key: str) -> None:
    """Callback: put the picked rule into the form, which then replaces it instead of adding."""
    j = st.session_state.get(pick_key)
    rules = item["policy"].rules
    if j is None or not 0 <= j < len(rules):
        return
    rule = rules[j]
    s = st.session_state
    for key, attr in _FORM_FIELDS.items():
        value = getattr(rule, attr)
        s[key] = list(value) if attr == "buckets" else value
    s["whatif_new_value"] = float(rule.value) if rule.value is not None else 0.0
    s["whatif_new_segments"] = [f"{c}\x1f{v}" for c, vals in rule.segments.items() for v in vals]
    s[K_EDITING] = (item["id"], j)


def _init_form() -> None:
    """Form defaults live in session state (never also as ``value=``), so "edit" can fill them."""
    for key in ("whatif_new_buckets", "whatif_new_segments"):
        if st.session_state.get(key) is None:
            st.session_state[key] = []
    for key in _FORM_FIELDS:
        st.session_state.setdefault(key, None)
    st.session_state["whatif_new_name"] = st.session_state["whatif_new_name"] or ""
    if st.session_state.get("whatif_new_action") not in limits.ACTIONS:
        st.session_state["whatif_new_action"] = "cut"
    if st.session_state.get("whatif_new_delinquent_dpd") not in limits.DELINQUENCY_THRESHOLDS:
        st.session_state["whatif_new_delinquent_dpd"] = 1
    if st.session_state.get("whatif_new_value") is None:
        st.session_state["whatif_new_value"] = 20.0


def cancel_edit() -> None:
    st.session_state.pop(K_EDITING, None)


def _segment_option(option: str) -> str:
    col, value = option.split("\x1f", 1)
    return t("whatif.rb.seg_option", column=segment_title(col), value=value)


def rule_form(i: int, item: dict, buckets: Buckets, feats: pd.DataFrame) -> None:
    """The rule builder: condition fields, action and value; adds the rule at the end."""
    from analysis.core.schema import segment_columns

    _init_form()
    editing = st.session_state.get(K_EDITING)
    j_edit = editing[1] if editing and editing[0] == item["id"] and editing[1] < len(item["policy"].rules) else None
    with st.form("whatif_rule_form", clear_on_submit=False, border=True):
        if j_edit is None:
            st.markdown(t("whatif.rb.form_title", name=name_of(item)))
        else:
            st.markdown(t("whatif.rb.form_edit_title", n=j_edit + 1, name=name_of(item)))
        f1, f2, f3 = st.columns(3)
        with f1:
            st.text_input(t("whatif.rb.rule_name"), key="whatif_new_name", placeholder=t("whatif.rb.name_placeholder"))
            st.multiselect(t("whatif.rb.buckets"), list(buckets.keys), key="whatif_new_buckets",
                           format_func={k: bucket_label(buckets, k) for k in buckets.keys}.get,
                           placeholder=t("whatif.rb.any"))
            g1, g2 = st.columns(2)
            g1.number_input(t("whatif.rb.dpd_min"), min_value=0, step=1, key="whatif_new_dpd_min")
            g2.number_input(t("whatif.rb.dpd_max"), min_value=0, step=1, key="whatif_new_dpd_max")
            g1.number_input(t("whatif.rb.util_min"), min_value=0.0, step=5.0, key="whatif_new_util_min")
            g2.number_input(t("whatif.rb.util_max"), min_value=0.0, step=5.0, key="whatif_new_util_max")
        with f2:
            cols = [c for c in segment_columns(feats) if 0 < feats[c].nunique() <= 300]
            options = [f"{c}\x1f{v}" for c in cols for v in feats[c].cat.categories if str(v)]
            st.multiselect(t("whatif.rb.segments"), options, key="whatif_new_segments",
                           format_func={o: _segment_option(o) for o in options}.get,
                           placeholder=t("whatif.rb.any"), help=t("whatif.rb.segments_help"))
            g1, g2 = st.columns(2)
            if "score" in feats.columns and feats["score"].notna().any():
                g1.number_input(t("whatif.rb.score_min"), step=10.0, key="whatif_new_score_min")
                g2.number_input(t("whatif.rb.score_max"), step=10.0, key="whatif_new_score_max")
            g1.number_input(t("whatif.rb.mob_min"), min_value=0, step=1, key="whatif_new_mob_min")
            g2.number_input(t("whatif.rb.mob_max"), min_value=0, step=1, key="whatif_new_mob_max")
        with f3:
            g1, g2 = st.columns(2)
            g1.number_input(t("whatif.rb.delinquent_months"), min_value=1, max_value=60, step=1,
                            key="whatif_new_delinquent_months", help=t("whatif.rb.delinquent_help"))
            g2.selectbox(t("whatif.rb.delinquent_dpd"), list(limits.DELINQUENCY_THRESHOLDS),
                         key="whatif_new_delinquent_dpd",
                         format_func={d: t("whatif.rb.dpd_plus", dpd=d) for d in limits.DELINQUENCY_THRESHOLDS}.get)
            st.number_input(t("whatif.rb.clean_months"), min_value=1, max_value=60, step=1,
                            key="whatif_new_clean_months", help=t("whatif.rb.clean_help"))
            st.selectbox(t("whatif.rb.action"), list(limits.ACTIONS), key="whatif_new_action",
                         format_func={a: t(f"whatif.rb.action.{a}") for a in limits.ACTIONS}.get)
            st.number_input(t("whatif.rb.value"), min_value=0.0, step=5.0, key="whatif_new_value",
                            help=t("whatif.rb.value_help"))
        c1, c2, _ = st.columns([1, 1, 3])
        submitted = c1.form_submit_button(t("whatif.rb.add") if j_edit is None else t("whatif.rb.save"),
                                          icon=":material/playlist_add:" if j_edit is None else ":material/check:",
                                          key="whatif_add_rule", type="primary")
        if j_edit is not None:
            c2.form_submit_button(t("whatif.rb.cancel"), key="whatif_cancel_edit", on_click=cancel_edit)
    if not submitted:
        return
    try:
        rule = _rule_from_form()
    except PolicyError as exc:
        st.error(exc.message(lang()))
        return
    rules = list(item["policy"].rules)
    if j_edit is None:
        rules.append(rule)
    else:
        rules[j_edit] = rule
        st.session_state.pop(K_EDITING, None)
    set_rules(i, tuple(rules))
    st.rerun()


def _rule_from_form() -> Rule:
    s = st.session_state
    segments: dict[str, list[str]] = {}
    for option in s.get("whatif_new_segments") or []:
        col, value = option.split("\x1f", 1)
        segments.setdefault(col, []).append(value)
    action = s["whatif_new_action"]
    return Rule(
        action=action, value=None if action == "freeze" else s.get("whatif_new_value"),
        name=str(s.get("whatif_new_name") or "").strip(), buckets=tuple(s.get("whatif_new_buckets") or ()),
        dpd_min=s.get("whatif_new_dpd_min"), dpd_max=s.get("whatif_new_dpd_max"),
        utilisation_min=s.get("whatif_new_util_min"), utilisation_max=s.get("whatif_new_util_max"),
        score_min=s.get("whatif_new_score_min"), score_max=s.get("whatif_new_score_max"),
        segments=segments, mob_min=s.get("whatif_new_mob_min"), mob_max=s.get("whatif_new_mob_max"),
        delinquent_months=s.get("whatif_new_delinquent_months"),
        delinquent_min_dpd=int(s.get("whatif_new_delinquent_dpd") or 1),
        clean_months=s.get("whatif_new_clean_months"),
    )


def policy_files(item: dict, policy_json: str) -> None:
    """Save the scenario's policy as JSON; load a policy JSON as a new challenger."""
    j1, j2 = st.columns(2)
    with j1:
        st.download_button(t("whatif.sc.save_json"), data=policy_json.encode("utf-8"),
                           file_name=f"policy_{safe_file_stem(name_of(item))}.json", mime="application/json",
                           key="whatif_save_json", icon=":material/download:")
    with j2:
        uploaded = st.file_uploader(t("whatif.sc.load_json"), type=["json"], key="whatif_load_json",
                                    help=t("whatif.sc.load_help"))
        if uploaded is not None and st.session_state.get(K_LOADED) != uploaded.file_id:
            load_policy_file(uploaded)
            st.rerun()
