"""The warned accounts: the list on screen (masked until unmasked) and the work lists to download."""
from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import streamlit as st

from analysis.core.i18n import translate
from analysis.core.tables import csv_frame
from analysis.core.units import format_amount
from analysis.core.view import View
from analysis.core.vocabulary import level_label
from analysis.warnings.signals import LEVELS, UNASSIGNED, export_work_lists, level_summary
from analysis.warnings.tables import level_table
from analysis.warnings.worklists import (
    ALL_LISTS, filter_actions, owner_column, pick_lists,
)
from ui import access, countonly, persist, state
from ui.conduct.worklist import next_action_templates_section
from ui.i18n import all_messages, t
from ui.warnings import compute
from ui.warnings.keys import (
    K_ACCOUNTS, K_DOWNLOAD_CSV, K_DOWNLOAD_XLSX, K_DRILL, K_LEVEL_FILTER, K_LIST_OWNER, K_OWNER_FILTER, K_UNMASK,
    K_UNMASK_EXPORT,
)
from ui.warnings.views import flat_table, segment_label

#: Accounts shown on screen (the work lists hold them all).
ACCOUNT_LIST_LIMIT = 2000


def _owner_namer(lang: str):
    # Fixed language: format_func callbacks also run outside the script run (AppTest).
    unassigned = translate("warnings.unassigned", lang)
    return lambda s: unassigned if s == UNASSIGNED else s


def account_list(res: compute.WarningResults, settings: str, view: View) -> None:
    """The warned accounts, most urgent first, filtered by level and owner; personal data masked
    unless the reader unmasks it (and is warned)."""
    st.subheader(t("warnings.list.heading"))
    actions = res.actions
    if not len(actions):
        st.info(t("warnings.list.empty"))
        return
    lang = view.lang
    owner_col = owner_column(actions.columns)
    f1, f2 = st.columns(2)
    with f1:
        levels = persist.choice(st.multiselect, t("warnings.list.levels"), list(LEVELS), default=list(LEVELS),
                                options=list(LEVELS), format_func=lambda lv: level_label(lv, lang), key=K_LEVEL_FILTER,
                                placeholder=t("app.choose"))
    owners: list[str] = []
    if owner_col:
        with f2:
            choices = list(compute.list_names(f"{state.data_token()}|{view.month}|{settings}", owner_col, actions))
            owners = persist.choice(st.multiselect, t("warnings.list.owners"), choices, key=K_OWNER_FILTER,
                                    default=[], options=choices, placeholder=t("warnings.list.all"),
                                    format_func=_owner_namer(lang))
    unmask = access.unmask_switch(st.toggle, t("warnings.list.unmask"), K_UNMASK, "warnings/account_list")
    if unmask:
        st.warning(t("warnings.list.unmask_warning"), icon=":material/visibility:")
    shown = filter_actions(actions, levels, owners, owner_col)
    if not len(shown):
        st.info(t("warnings.list.empty_filter"))
        return
    table = compute.account_list(state.data_token(), view.month, settings, tuple(levels), tuple(owners), lang,
                                 view.unit, ACCOUNT_LIST_LIMIT, not unmask, shown, view)
    flat_table(table, K_ACCOUNTS, lang)
    st.caption(t("warnings.list.shown", shown=min(ACCOUNT_LIST_LIMIT, len(shown)), total=len(shown)))


def accounts_at_level(res: compute.WarningResults, settings: str, level: str | None, view: View) -> None:
    """The accounts behind the level bar the reader clicked (drill-through), masked, most urgent first."""
    if level is None:
        st.caption(t("warnings.drill.hint"))
        return
    shown = filter_actions(res.actions, [level], [], owner_column(res.actions.columns))
    st.markdown(t("warnings.drill.heading", level=level_label(level, view.lang), n=len(shown)))
    if not len(shown):
        return
    table = compute.account_list(state.data_token(), view.month, settings, (level,), (), view.lang, view.unit,
                                 ACCOUNT_LIST_LIMIT, True, shown, view)
    flat_table(table, K_DRILL, view.lang)
    st.caption(t("warnings.drill.clear"))


def work_lists(res: compute.WarningResults, settings: str, view: View) -> None:
    """Work lists per owner as Excel or CSV, masked unless the reader says why not (then noted in the file)."""
    st.subheader(t("warnings.lists.heading"))
    actions = res.actions
    if not len(actions):
        st.caption(t("warnings.lists.empty"))
        return
    lang, month = view.lang, view.month
    owner_col = owner_column(actions.columns)
    # The lists themselves (every warned account, values translated) are made only when a
    # download is clicked; their names and totals come from the actions.
    key = f"{state.data_token()}|{month}|{settings}"  # names these actions: the caches below keep per key
    names = compute.list_names(key, owner_col, actions)
    everyone = translate("warnings.lists.all", lang, all_messages())
    name = _owner_namer(lang)
    pick = persist.choice(st.selectbox, t("warnings.lists.owner"), [ALL_LISTS, *names], key=K_LIST_OWNER,
                          default=ALL_LISTS, options=[ALL_LISTS, *names],
                          format_func=lambda s: everyone if s == ALL_LISTS else name(s))
    n_rows, balance = compute.chosen_totals(key, owner_col, pick, actions)
    st.caption(countonly.text("warnings.lists.count", n=n_rows, amount=format_amount(balance, view.unit), unit=view.unit_label))
    # the message each next action sends (the section reads the level, action, balance and owner)
    next_action_templates_section(actions, owner_col, pick, view, key=key)
    unmasked = access.unmask_switch(st.checkbox, t("warnings.lists.unmask"), K_UNMASK_EXPORT, "warnings/work_lists")
    note = None
    if unmasked:
        st.warning(t("warnings.lists.unmask_warning"), icon=":material/warning:")
        note = t("warnings.lists.note", month=month, when=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    buckets, signals = view.buckets, res.signals
    by_label = segment_label(owner_col, lang) if owner_col is not None else None

    def chosen() -> dict[str, pd.DataFrame]:  # the lists picked, made when a download is clicked
        return pick_lists(compute.lists_for(owner_col, lang, actions, buckets), pick)

    def summary() -> pd.DataFrame | None:  # every owner's levels, the workbook's first sheet
        if pick != ALL_LISTS or owner_col is None:
            return None
        by_owner = level_summary(signals, signals["level"], by=owner_col)
        # as the CSV downloads write a table: the share ×100 under a title that says (%)
        return csv_frame(level_table(by_owner, view, by=owner_col, by_label=by_label), lang)

    stem = f"{t('warnings.lists.file')}_{month}" + ("" if pick == ALL_LISTS else f"_{pick}")
    summary_name = t("warnings.lists.summary_sheet")
    d1, d2 = st.columns(2)
    with d1:
        st.download_button(
            t("warnings.lists.xlsx"),
            data=lambda: _recorded(export_work_lists(chosen(), "xlsx", masked=not unmasked, note=note, summary=summary(),
                                                     summary_name=summary_name, lang=lang), unmasked, f"{stem}.xlsx", n_rows),
            file_name=f"{stem}.xlsx", key=K_DOWNLOAD_XLSX, icon=":material/download:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    with d2:
        st.download_button(
            t("warnings.lists.csv"),
            data=lambda: _recorded(export_work_lists(chosen(), "csv", masked=not unmasked, note=note, lang=lang),
                                   unmasked, f"{stem}.csv", n_rows),
            file_name=f"{stem}.csv", mime="text/csv", key=K_DOWNLOAD_CSV, icon=":material/download:",
        )
    st.caption(t("warnings.lists.masked_note"))


def _recorded(data: bytes, unmasked: bool, file_name: str, rows: int) -> bytes:
    """A download's bytes; an unmasked one is written to the audit trail as it is handed over."""
    return access.audited_export(data, file_name, rows) if unmasked else data
