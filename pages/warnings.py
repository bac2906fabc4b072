"""Early warning and collections (预警机制与催收策略): who needs attention now, and what to do.

The screen, top to bottom: the month and the model switch; the editable thresholds and level
rule; whether the warnings separate good from bad on this book; the rule in words; per level, the accounts and balance, and how last month's levels held
up; warned balance per owner or segment; the warning model; the account list; the collection
actions, the playbook and the per-cause responses; the work lists to download. Each section is a
function of :mod:`ui.warnings`.
"""
from __future__ import annotations

import streamlit as st

from analysis.warnings.signals import WarningError
from ui import presentation, state
from ui.i18n import t
from ui.warnings import controls, lists, model_view, settings, views
from ui.warnings.keys import K_PRESENT
from ui.warnings.compute import compute
from ui.widgets import stop_unless_rows

st.title(t("warnings.title"))
st.markdown(t("warnings.intro"))
stop_unless_rows()

# --- the month, the thresholds and the rule ----------------------------------------------------
month = controls.month_and_model()
view = state.view(month)
controls.definitions_and_history(view)
controls.threshold_editor(view)
controls.rule_editor(view)
chosen = controls.settings_or_stop(view)

use_model = settings.use_model()
try:
    res, model, model_error, key, verdict = compute(month, chosen.thresholds, chosen.rule, use_model)
except WarningError as exc:
    controls.stop_on(exc, view)

views.reliability(verdict, view)  # on every section while presenting: whether the warnings work

# Presenting shows these one at a time (← →); the account list, playbook, editors and work lists
# are desk work and are not presented.
shows = presentation.sections(K_PRESENT, {"levels": t("warnings.levels.heading"), "backtest": t("warnings.backtest.heading"),
                                          "by": t("warnings.by.heading"), "model": t("warnings.model.heading"),
                                          "actions": t("warnings.actions.heading")})

# --- levels, backtest, segments ----------------------------------------------------------------
if shows("levels"):
    controls.rule_in_words(chosen.rule, res.availability, view)
    views.signals_flagged(res, chosen.thresholds, view)
    clicked = views.level_summary(res, chosen.rule, view)
    if not state.presentation():
        lists.accounts_at_level(res, key, clicked, view)
if shows("backtest"):
    views.backtest(res, view)
if shows("by"):
    views.by_segment(res, key, view)

# --- the model ---------------------------------------------------------------------------------
if shows("model"):
    model_view.model_section(model, model_error, use_model, view)

# --- who to call and what to do ----------------------------------------------------------------
if not state.presentation():
    lists.account_list(res, key, view)
if shows("actions"):
    views.collection_actions(res, view)
if not state.presentation():
    views.playbook(view)
    views.cause_responses(view)
    lists.work_lists(res, key, view)
