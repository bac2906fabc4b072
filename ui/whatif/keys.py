"""Every widget and session key of the what-if page (额度策略模拟), in one place.

The page, its views, the meeting report (which reads the scenarios and assumptions the reader
built here) and the AppTest tests all name a key through this module, never as a literal.
"""
from __future__ import annotations

# --- session state the page keeps -------------------------------------------------------------
K_SCENARIOS = "whatif_scenarios"  # list of {"id", "name", "default_key", "policy"}
K_NEXT_ID = "whatif_next_id"
K_LOADED = "whatif_policy_loaded"  # file_id of the last policy JSON loaded (loaded once)
K_MESSAGE = "whatif_message"  # ("error" | "success", text) shown once after a callback
K_PD_USED = "whatif_pd_used"  # {bucket: PD} the page last priced with (hand edits included)
K_EDITING = "whatif_editing"  # (scenario id, rule index) while the form edits an existing rule
K_SWAP_FOLLOWED = "whatif_swap_followed"  # the focus the swap tab last followed

# --- scenario pickers -------------------------------------------------------------------------
K_FOCUS = "whatif_focus"
K_CHAMPION = "whatif_champion"

# --- assumptions ------------------------------------------------------------------------------
K_PD_METHOD = "whatif_pd_method"
K_PD_EDITOR = "whatif_pd_editor"
K_LGD = "whatif_lgd"
K_CCF = "whatif_ccf"
K_DRAW = "whatif_draw_share"
K_RATE = "whatif_rate"
K_USE_MAPPED = "whatif_use_mapped_rate"
K_PAYDOWN = "whatif_no_forced_paydown"
K_PD_ACCOUNT = "whatif_pd_account_level"
K_FUNDING = "whatif_funding_rate"  # percent
K_OPEX = "whatif_operating_cost"  # 元 per account per year
K_RAISE_DRAW = "whatif_raise_draw_share"  # percent
K_UPLIFT = "whatif_raise_pd_uplift"
K_PD_FLOOR = "whatif_pd_floor"  # percent
K_TABLE_CALIBRATION = "whatif_calibration"
#: Every assumption widget. Streamlit keeps a ``persist_state`` widget's value for the page, but it
#: is not in ``st.session_state`` while another page runs: the meeting report priced with the
#: defaults (LGD 45 % where the page said 60 %) and a workspace saved elsewhere left them out. The
#: values the page last priced with are kept under :data:`K_ASSUMPTIONS_KEPT`, a plain key.
ASSUMPTION_KEYS = (K_PD_METHOD, K_LGD, K_CCF, K_DRAW, K_RATE, K_USE_MAPPED, K_PAYDOWN, K_PD_ACCOUNT, K_FUNDING,
                   K_OPEX, K_RAISE_DRAW, K_UPLIFT, K_PD_FLOOR)
K_ASSUMPTIONS_KEPT = "whatif_assumptions_kept"

# --- scenario editor --------------------------------------------------------------------------
K_ADD_SCENARIO = "whatif_add_scenario"
K_DUPLICATE = "whatif_duplicate"
K_DELETE = "whatif_delete"
K_RULES_TABLE = "whatif_rules_table"
K_RULE_EDIT = "whatif_rule_edit"
K_RULE_UP = "whatif_rule_up"
K_RULE_DOWN = "whatif_rule_down"
K_RULE_REMOVE = "whatif_rule_remove"
K_RULE_FORM = "whatif_rule_form"
K_ADD_RULE = "whatif_add_rule"
K_CANCEL_EDIT = "whatif_cancel_edit"
K_SAVE_JSON = "whatif_save_json"
K_LOAD_JSON = "whatif_load_json"

# the rule form's fields
K_NEW_NAME = "whatif_new_name"
K_NEW_BUCKETS = "whatif_new_buckets"
K_NEW_SEGMENTS = "whatif_new_segments"
K_NEW_DPD_MIN = "whatif_new_dpd_min"
K_NEW_DPD_MAX = "whatif_new_dpd_max"
K_NEW_UTIL_MIN = "whatif_new_util_min"
K_NEW_UTIL_MAX = "whatif_new_util_max"
K_NEW_SCORE_MIN = "whatif_new_score_min"
K_NEW_SCORE_MAX = "whatif_new_score_max"
K_NEW_MOB_MIN = "whatif_new_mob_min"
K_NEW_MOB_MAX = "whatif_new_mob_max"
K_NEW_DELINQUENT_MONTHS = "whatif_new_delinquent_months"
K_NEW_DELINQUENT_DPD = "whatif_new_delinquent_dpd"
K_NEW_CLEAN_MONTHS = "whatif_new_clean_months"
K_NEW_ACTION = "whatif_new_action"
K_NEW_VALUE = "whatif_new_value"

#: Form widget key → the :class:`~analysis.whatif.policy.Rule` field it edits.
FORM_FIELDS = {
    K_NEW_NAME: "name", K_NEW_BUCKETS: "buckets", K_NEW_DPD_MIN: "dpd_min", K_NEW_DPD_MAX: "dpd_max",
    K_NEW_UTIL_MIN: "utilisation_min", K_NEW_UTIL_MAX: "utilisation_max", K_NEW_SCORE_MIN: "score_min",
    K_NEW_SCORE_MAX: "score_max", K_NEW_MOB_MIN: "mob_min", K_NEW_MOB_MAX: "mob_max",
    K_NEW_DELINQUENT_MONTHS: "delinquent_months", K_NEW_DELINQUENT_DPD: "delinquent_min_dpd",
    K_NEW_CLEAN_MONTHS: "clean_months", K_NEW_ACTION: "action",
}

# --- results ----------------------------------------------------------------------------------
K_TAB = "whatif_tab"
K_METRIC = "whatif_metric"
K_BY = "whatif_by"
K_SWAP_WITH = "whatif_swap_with"
K_BT_HORIZON = "whatif_bt_horizon"
K_BT_MONTH = "whatif_bt_month"
K_DOWNLOAD_XLSX = "whatif_download_xlsx"

# charts and tables (widget keys of show_chart / show_display_table)
K_CHART_SCENARIOS = "whatif_scenarios"
K_CHART_WATERFALL = "whatif_waterfall"
K_CHART_SENSITIVITY = "whatif_sensitivity"
K_TABLE_COMPARISON = "whatif_comparison"
K_TABLE_BY_RULE = "whatif_by_rule"
K_TABLE_BY_SEGMENT = "whatif_by_segment"
K_TABLE_SWAP = "whatif_swap_table"
K_SWAP_CSV = "whatif_swap_csv"
K_TABLE_SWAP_SUMMARY = "whatif_swap_summary"
K_TABLE_SENSITIVITY = "whatif_sensitivity_table"
K_TABLE_BACKTEST = "whatif_backtest"
K_TABLE_BACKTEST_BUCKET = "whatif_backtest_by_bucket"


def name_key(scenario_id: int) -> str:
    """The name box of one scenario (one per scenario, so a typed name survives switching)."""
    return f"whatif_name_{scenario_id}"


def include_key(scenario_id: int) -> str:
    """The "act on accounts in default too" box of one scenario."""
    return f"whatif_include_defaulted_{scenario_id}"


def rule_pick_key(scenario_id: int) -> str:
    """The rule picked in one scenario's rule list."""
    return f"whatif_rule_pick_{scenario_id}"


def pd_editor_key(token: str, method: str) -> str:
    """The PD editor of one dataset and PD method (a new estimate starts a fresh editor)."""
    return f"{K_PD_EDITOR}_{token}_{method}"
