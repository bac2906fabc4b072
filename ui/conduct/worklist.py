"""On the warnings page: for the work list chosen, the next actions and the template each sends,
with whether it passes the conduct checks (the templates and choices of the conduct page)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.conduct.playbook import action_counts, templates_per_action
from analysis.core.markup import escape_markdown
from analysis.core.units import format_amount
from analysis.core.view import View
from analysis.core.vocabulary import action_label
from analysis.warnings.worklists import ALL_LISTS, filter_actions
from ui.conduct import state as S
from ui.i18n import t


def _per_action(actions: pd.DataFrame, owner_col: str | None, pick: str) -> tuple[list[str], pd.DataFrame]:
    # The chosen list's next actions (sorted, as text) and their accounts and balance.
    actions = actions[[c for c in ("level", "action", "balance", owner_col) if c]]
    owners = [] if pick == ALL_LISTS or owner_col is None else [pick]
    work = filter_actions(actions, sorted(actions["level"].astype(str).unique()), owners, owner_col)
    return sorted(work["action"].astype(str).unique()), action_counts(work[["action", "balance"]])


@st.cache_resource(scope="session", max_entries=8, show_spinner=False)
def _per_action_kept(key: str, owner_col: str | None, pick: str, _actions: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    # Read-only, so kept without a copy per read; ``key`` names the actions (data, month, settings).
    return _per_action(_actions, owner_col, pick)


def next_action_templates_section(actions: pd.DataFrame, owner_col: str | None, pick: str, view: View,
                                  key: str | None = None) -> None:
    """The chosen list's accounts per next action, and the message template each action sends.

    ``key`` identifies ``actions`` (their data, month and settings): given, the per-action counts
    are kept per key, owner column and list, so a rerun that changes none of them counts nothing
    (the templates in use, which the conduct page edits, are read on every run).
    """
    sent, counts = (_per_action(actions, owner_col, pick) if key is None
                    else _per_action_kept(key, owner_col, pick, actions))
    if not sent:
        return
    with st.spinner(t("cdp.tpl.checking")):  # the first Chinese check of a session loads jieba (~2 s)
        in_use = S.templates_in_use(sent)
    table = templates_per_action(counts, in_use)
    status = {True: t("cdp.wl.passes"), False: t("cdp.wl.fails"), None: t("cdp.wl.no_template")}
    shown = pd.DataFrame({
        t("cdp.wl.action"): [action_label(a, view.lang) for a in table["action"]],
        t("cdp.wl.accounts"): table["accounts"].to_numpy(),
        t("cdp.wl.balance", unit=view.unit_label): [format_amount(b, view.unit) for b in table["balance"]],
        t("cdp.wl.template"): [tid or "—" for tid in table["template_id"]],
        t("cdp.wl.check"): [status[None if tid is None else bool(p)] for tid, p in zip(table["template_id"], table["passes"])],
    })
    with st.expander(t("cdp.wl.heading"), expanded=bool((table["passes"] == False).any()), icon=":material/sms:"):  # noqa: E712
        st.dataframe(shown, hide_index=True, width="stretch")
        st.caption(t("cdp.wl.caption", name=escape_markdown(S.templates_label()),
                     j=t(f"cdp.jurisdiction.{S.jurisdiction()}")))
        st.page_link("pages/conduct.py", label=t("cdp.wl.link"), icon=":material/verified_user:")
