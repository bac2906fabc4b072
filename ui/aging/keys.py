"""Every widget and session key of the aging page, in one place.

Widget keys are the session keys of their widgets; tests (``tests/app/test_aging_page.py``) and
the cell-grid callback import them from here instead of spelling them.
"""
from __future__ import annotations

# --- page-level --------------------------------------------------------------------------------
TAB = "aging_tab"
MONTH = "aging_month"

# --- distribution ------------------------------------------------------------------------------
BY = "aging_by"
OVERDUE_ONLY = "aging_overdue_only"
DIST = "aging_dist"                       # chart; its table is DIST_TABLE
DIST_TABLE = "aging_dist_table"
PLAYBOOK = "aging_playbook"
PLAYBOOK_TABLE = "aging_playbook_table"
PLAYBOOK_EDITOR = "aging_playbook_editor"
PLAYBOOK_BASE = "aging_playbook_base"     # session only: the table the editor started from
PLAYBOOK_SAVED = "aging_playbook_saved"   # session only: the playbook last saved from here
PLAYBOOK_RESET = "aging_playbook_reset"
BY_SEGMENT = "aging_by_segment"
BY_SEGMENT_TABLE = "aging_by_segment_table"
CELLS = "aging_cells"

# --- over time ---------------------------------------------------------------------------------
MIX_NORMALIZE = "aging_mix_normalize"
MIX = "aging_mix"
MIX_TABLE = "aging_mix_table"
RATES = "aging_rates"
RATES_TABLE = "aging_rates_table"
LAG = "aging_lag"
GROWTH = "aging_growth"
LAG_METRIC = "aging_lag_metric"
LAGGED = "aging_lagged"
LAGGED_TABLE = "aging_lagged_table"

# --- roll rates --------------------------------------------------------------------------------
ROLL_MODE = "aging_roll_mode"
ROLL_PAIR = "aging_roll_pair"
ROLL_WINDOW = "aging_roll_window"
ROLL = "aging_roll"
ROLL_TABLE = "aging_roll_table"
ROLL_DRILL = "aging_roll_drill"  # the accounts behind a clicked roll-matrix cell
FLOW = "aging_flow"
FLOW_TABLE = "aging_flow_table"
CURE = "aging_cure"
CURE_TABLE = "aging_cure_table"
ENTRY = "aging_entry"
ENTRY_TABLE = "aging_entry_table"

# --- vintage -----------------------------------------------------------------------------------
VINTAGE_COHORT = "aging_vintage_cohort"
VINTAGE_METRIC = "aging_vintage_metric"
VINTAGE_IN_WINDOW = "aging_vintage_in_window"
VINTAGE_LAST = "aging_vintage_last"
VINTAGE_CURVES = "aging_vintage_curves"
VINTAGE_HEATMAP = "aging_vintage_heatmap"
VINTAGE_TABLE = "aging_vintage_table"
FPD_THRESHOLD = "aging_fpd_threshold"
FPD = "aging_fpd"
FPD_TABLE = "aging_fpd_table"

# --- regulatory --------------------------------------------------------------------------------
TIER_PRESET = "aging_tier_preset"
FIVE_TIER = "aging_five_tier"
FIVE_TIER_TABLE = "aging_five_tier_table"
NPL = "aging_npl"
NPL_TABLE = "aging_npl_table"
FILE_CLASS = "aging_file_class"               # the bank's own classification (a loan_class column)
FILE_CLASS_TABLE = "aging_file_class_table"
FILE_NPL = "aging_file_npl"
FILE_NPL_TABLE = "aging_file_npl_table"
CLASS_GAPS_TABLE = "aging_class_gaps_table"
CLASS_COMPARE_BALANCE = "aging_class_compare_balance"
CLASS_COMPARE_COUNT = "aging_class_compare_count"
IFRS9_STAGE2 = "aging_ifrs9_s2"
IFRS9_STAGE3 = "aging_ifrs9_s3"
IFRS9 = "aging_ifrs9"
IFRS9_TABLE = "aging_ifrs9_table"

# --- accounts (drill-down) ---------------------------------------------------------------------
DRILL_BUCKET = "aging_drill_bucket"
DRILL_BY = "aging_drill_by"
DRILL_UNMASK = "aging_drill_unmask"
DRILL_TABLE = "aging_drill_table"
DRILL_CSV = "aging_drill_csv"
DRILL_XLSX = "aging_drill_xlsx"


def tier_threshold(preset: str, tier: str) -> str:
    """The number input of one five-tier threshold (one per preset, so each keeps its values)."""
    return f"aging_tier_{preset}_{tier}"


def drill_value(by: str) -> str:
    """The segment-value picker of the drill-down, one per segment column."""
    return f"aging_drill_value_{by}"
