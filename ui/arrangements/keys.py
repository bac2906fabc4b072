"""Every widget and session key of the arrangements page's comparison (还款安排比较), in one place.

The calculators keep theirs in :mod:`ui.arrangements.calculators` (prefix ``arr.calc.``).
"""
from __future__ import annotations

TAB = "arr_tab"
MONTH = "arr_month"
MODE = "arr_mode"  # "segment" | "account"
BUCKET = "arr_bucket"
CAUSE_CLASS = "arr_cause_class"
ACCOUNT = "arr_account"
WINDOW = "arr_window"
DISCOUNT = "arr_discount_pct"
CONTRACT = "arr_contract_pct"
RECOVERY = "arr_recovery_pct"
LAG = "arr_recovery_lag"
CHARGEOFF = "arr_chargeoff_dpd"
OPTIONS = "arr_options"  # the options editor (its input kept with ui.persist)
OPTIONS_UPLOAD = "arr_options_upload"
VALUES_CHART = "arr_values_chart"
CASH_CHART = "arr_cash_chart"
SENS_TAB = "arr_sens_tab"
SENS_REDEFAULT = "arr_sens_redefault"
SENS_RECOVERY = "arr_sens_recovery"
TABLE_OPTIONS = "arr_table_options"
TABLE_CASH = "arr_table_cash"
TABLE_ROLLS = "arr_table_rolls"
DOWNLOAD_XLSX = "arr_download_xlsx"
DOWNLOAD_JSON = "arr_download_json"
DOWNLOAD_OPTIONS = "arr_download_options"
DOWNLOAD_SUMMARY = "arr_download_summary"
