"""Early warning and collections (预警机制与催收策略): who needs attention now, and what to do.

Above the tabs: the month and the model switch; the editable thresholds and level rule; whether
the warnings separate good from bad on this book (on every tab, and while presenting). Then one
tab at a time (the others do not run): the rule in words and the accounts and balance per level;
how last month's levels held up; warned balance per owner or segment; the warning model; the
account list and the work lists to download (desk work, not presented); the collection actions,
with the playbook and the per-cause responses at the desk. Each section is a function of
:mod:`ui.warnings`.
"""
from __future__ import annotations

import streamlit as st

from analysis.warnings.signals import WarningError
from ui import presentation, state
from ui.i18n import t
from ui.warnings import controls, lists, model_view, settings, views
from ui.warnings.keys import K_TAB
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

views.reliability(verdict, view)  # above the tabs: whether the warnings work, whatever is open


# --- the tabs: each draws only while it is open ------------------------------------------------
def levels() -> None:
    controls.rule_in_words(chosen.rule, res.availability, view)
    views.signals_flagged(res, chosen.thresholds, view)
    clicked = views.level_summary(res, chosen.rule, view)
    if not state.presentation():  # the accounts behind a clicked bar: desk work
        lists.accounts_at_level(res, key, clicked, view)


def accounts() -> None:
    lists.account_list(res, key, view)
    lists.work_lists(res, key, view)


def actions() -> None:
    views.collection_actions(res, view)
    if not state.presentation():  # the playbook and the editable responses are desk work
        views.playbook(view)
        views.cause_responses(view)


TABS = {
    "levels": levels,                                                               # 预警级别
    "backtest": lambda: views.backtest(res, view),                                  # 回测
    "by": lambda: views.by_segment(res, key, view),                                 # 按分组
    "model": lambda: model_view.model_section(model, model_error, use_model, view),  # 预警模型
    "list": accounts,                                                               # 预警名单 and work lists
    "actions": actions,                                                             # 催收动作
}
# The open tab is kept for the session; presenting steps through them (not the account list).
tabs = presentation.tabs(K_TAB, [t(f"warnings.tab.{name}") for name in TABS], desk_only=[list(TABS).index("list")])
for (tab, is_open), draw in zip(tabs, TABS.values()):
    with tab:
        if is_open:
            draw()
