"""Widget and session keys of the early-warning page, in one place.

Settings keys (thresholds, rule, model switch) are read by other pages too (the overview and the
report count warned accounts with the same settings); their widgets use the separate keys of
:func:`widget_key` (see :mod:`ui.warnings.settings`).
"""
from __future__ import annotations

from analysis.warnings.settings import KNOBS, THRESHOLD_NAMES
from analysis.warnings.signals import LEVELS

# Session keys owned by the page (widget keys are the same strings).
K_MONTH = "warnings_month"
K_USE_MODEL = "warnings_use_model"
K_UNMASK = "warnings_unmask"
K_UNMASK_EXPORT = "warnings_unmask_export"
K_BY = "warnings_by"
K_LEVEL_FILTER = "warnings_level_filter"
K_OWNER_FILTER = "warnings_owner_filter"
K_LIST_OWNER = "warnings_list_owner"
K_RESPONSES_EDITOR = "warnings_responses_editor"
K_TAB = "warnings_tab"  # the open tab (kept for the session; presenting steps through the tabs)
K_MODEL_REQUESTED = "warnings_model_requested"  # data token for which the user asked for the model
K_ENABLED = "warnings_enabled_signals"
#: Threshold name → its settings key.
THRESHOLD_KEYS = {name: f"warnings_th_{name}" for name in THRESHOLD_NAMES}
#: Level → knob → its settings key.
RULE_KEYS = {lv: {knob: f"warnings_rule_{lv}_{knob}" for knob in KNOBS} for lv in LEVELS}

# Buttons, tables and downloads.
K_RESET = "warnings_reset"
K_FIT_MODEL = "warnings_fit_model"
K_SAVE_RESPONSES = "warnings_save_responses"
K_DOWNLOAD_XLSX = "warnings_dl_xlsx"
K_DOWNLOAD_CSV = "warnings_dl_csv"
K_ACCOUNTS = "warnings_accounts"
K_PLAYBOOK = "warnings_playbook"
# Charts and the tables under them (``show_chart``/``show_display_table`` keys).
K_LEVELS = "warnings_levels"
K_BACKTEST = "warnings_backtest"
K_DRILL = "warnings_drill"  # the accounts behind a clicked level bar
K_BY_CHART = "warnings_by"  # chart_/table_ prefixed: no clash with the K_BY select box
K_ODDS = "warnings_odds"
K_CALIBRATION = "warnings_calibration"
K_ACTIONS = "warnings_actions"


def widget_key(key: str) -> str:
    """The widget key behind a settings key.

    Streamlit drops a widget's state when another page runs without drawing that widget, so
    the settings live under plain keys (:data:`THRESHOLD_KEYS`, :data:`RULE_KEYS`, ...) that
    survive page switches and that other pages read; the widgets use these separate keys and are
    synced with them on every run.

    Examples
    --------
    >>> widget_key("warnings_th_rising_months")
    'warnings_w_th_rising_months'
    """
    return "warnings_w_" + key[len("warnings_"):]


def settings_keys() -> list[str]:
    """Every settings key a widget edits (thresholds, signals in use, model switch, rule knobs)."""
    return [*THRESHOLD_KEYS.values(), K_ENABLED, K_USE_MODEL,
            *(k for knobs in RULE_KEYS.values() for k in knobs.values())]
