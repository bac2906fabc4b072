"""Every widget and session key of the causes page, in one place (pages and views never spell them).

Widget keys double as session keys where the page seeds a default before drawing the widget.
"""
from __future__ import annotations

# --- tabs and selections ---------------------------------------------------------------------
TAB = "causes_tab"
MONTH = "causes_month"
BY = "causes_by"
CLASS_DIM = "causes_class_dim"
PARETO_MEASURE = "causes_pareto_measure"
DRV_MONTH = "causes_drv_month"
DRV_THRESHOLD = "causes_drv_threshold"
DRV_BY = "causes_drv_by"
DRV_ATTR = "causes_drv_attr"
DRV_MODEL = "causes_drv_model"
PSI_COLUMN = "causes_psi_column"
PSI_REFERENCE = "causes_psi_reference"
PSI_MEASURE = "causes_psi_measure"
PSI_MONTH = "causes_psi_month"
CHG_FROM = "causes_chg_from"
CHG_TO = "causes_chg_to"
CHG_BY = "causes_chg_by"
CHG_METRIC = "causes_chg_metric"

# --- the editable tables -----------------------------------------------------------------------
CLASSES = "causes_class_table"          # the edited cause → class table (DataFrame)
EDITOR_NONCE = "causes_editor_nonce"    # bumping it gives the editors fresh keys (after save/reset)
DICT_EDITOR = "causes_dict_editor"      # + "_<nonce>"
DICT_UPLOAD = "causes_dict_upload"
DICT_APPLIED = "causes_dict_applied"    # file id of the last dictionary file applied
DICT_MESSAGE = "causes_dict_message"    # (kind, text key, params) shown once after a change
CLASS_EDITOR = "causes_class_editor"    # + "_<nonce>"
RESP_EDITOR = "causes_resp_editor"      # + "_<nonce>"
QUICK_FORM = "causes_quick_form"
QUICK_TEXT = "causes_quick_text"
QUICK_KEYWORD = "causes_quick_keyword"
QUICK_CATEGORY = "causes_quick_category"
DRV_MODEL_ON = "causes_drivers_model_on"  # data token for which the user asked for the model

# --- buttons, downloads, tables and charts -------------------------------------------------------
DICT_SAVE = "causes_dict_save"
DICT_RESET = "causes_dict_reset"
DICT_DL_CSV = "causes_dict_dl_csv"
DICT_DL_JSON = "causes_dict_dl_json"
CLASSES_SAVE = "causes_classes_save"
CLASSES_RESET = "causes_classes_reset"
RESPONSES_SAVE = "causes_responses_save"
FIT_MODEL = "causes_fit_model"
XLSX = "causes_xlsx"
UNCLASSIFIED_TABLE = "causes_unclassified_table"
RESPONSES_TABLE = "causes_responses_table"
WOE_TABLE = "causes_woe_table"
PSI_DETAIL_TABLE = "causes_psi_detail"
# Chart and table-under-chart keys (``show_chart`` / ``show_display_table`` add their prefixes).
PARETO = "causes_pareto"
BY_BUCKET = "causes_by_bucket"
CELL_DRILL = "causes_cell_drill"  # the accounts behind a clicked heatmap cell
BY_SEGMENT = "causes_by_segment"
TREND = "causes_trend"
CLASSES_VIEW = "causes_classes"
SEGMENT_RATES = "causes_segment_rates"
IV = "causes_iv"
ODDS = "causes_odds"
PSI = "causes_psi"
WATERFALL = "causes_waterfall"


def editor(base: str, nonce: int) -> str:
    """The key of an editor in its current generation (a new nonce shows the saved table afresh)."""
    return f"{base}_{nonce}"
