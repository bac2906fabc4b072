"""The sections of the early-warning page: signals, levels, backtest, segments, actions, playbook, responses.

Each function draws one section from the cached :class:`~ui.warnings.compute.WarningResults`;
figures and tables come from :mod:`analysis.charts.warnings` and :mod:`analysis.warnings.tables`.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analysis.core.definitions import segment_name
from analysis.charts.warnings import chart_actions, chart_level_outcomes, chart_levels, chart_levels_by
from analysis.core.definitions import definitions_line
from analysis.core.schema import segment_columns
from analysis.core.tables import MISSING, DisplayTable, screen_formats, screen_values
from analysis.core.units import format_amount, format_rate
from analysis.core.view import View
from analysis.core.vocabulary import ACTION_KEYS, action_label, level_label
from analysis.warnings.reliability import Reliability
from analysis.warnings.signals import LEVELS, Clause, WarningThresholds, describe_rule
from analysis.warnings.tables import action_table, level_table, month_totals, outcome_table, playbook_table, signal_table
from analysis.warnings.worklists import merged_responses, owner_column, responses_frame
from ui import countonly, memo, persist, state
from ui.i18n import t
from ui.warnings import compute
from ui.warnings.keys import (
    K_ACTIONS, K_BACKTEST, K_BY, K_BY_CHART, K_LEVELS, K_PLAYBOOK, K_RESPONSES_EDITOR, K_SAVE_RESPONSES,
)
from ui.widgets import show_chart, show_display_table

#: Level headings in the level colours (material icons ship with Streamlit; emoji depend on fonts).
LEVEL_ICONS = {lv: f":{lv}[:material/warning:]" for lv in LEVELS}
#: Segments shown by name in the chart of warned balance per segment; the rest are summed.
TOP_SEGMENTS = 15
#: Whether the aging page (where the playbook is edited) is part of this app.
HAS_AGING_PAGE = (Path(__file__).resolve().parents[2] / "pages" / "aging.py").exists()


def segment_label(column: str, lang: str) -> str:
    """A segment column's name in ``lang`` (the column itself when the catalogues do not name it)."""
    return segment_name(column, lang)


def subtitle(view: View, **kw) -> str:
    """The 口径 line of a figure of this page."""
    return definitions_line(view.lang, filters=view.filter_dict, buckets=view.buckets, **kw)


def flat_table(table: DisplayTable, key: str, lang: str) -> None:
    """A display table drawn in place (inside an expander, or a list that is the section itself)."""
    config = {c: st.column_config.NumberColumn(c, format=f) for c, f in screen_formats(table, lang).items()}
    st.dataframe(screen_values(table), hide_index=True, width="stretch", column_config=config, key=key,
                 placeholder=MISSING)  # an empty cell reads "–", not Streamlit's "None"


def signals_flagged(res: compute.WarningResults, thresholds: WarningThresholds, view: View) -> None:
    """How many accounts each signal flags, its definition and whether it is in use (collapsed)."""
    show_display_table(signal_table(res.by_signal, res.availability, thresholds, view))


def level_summary(res: compute.WarningResults, rule: dict[str, tuple[Clause, ...]], view: View) -> str | None:
    """Accounts and balance per warning level: metrics, the chart and its table; the level whose
    bar the reader clicked (drill-through), or ``None``."""
    st.subheader(t("warnings.levels.heading"))
    accounts, balance = month_totals(res.signals)
    st.caption(countonly.text("warnings.metric.total", n=accounts, amount=format_amount(balance, view.unit), unit=view.unit_label,
                 warned=len(res.actions)))
    summary = res.summary.set_index("level")
    rule_lines = describe_rule(rule, view.lang)
    for col, lv, line in zip(st.columns(3), LEVELS, rule_lines):
        with col:
            st.metric(f"{LEVEL_ICONS[lv]} {level_label(lv, view.lang)}",
                      t("warnings.metric.accounts", n=int(summary.loc[lv, "accounts"])), border=True, help=line)
            st.caption(countonly.text("warnings.metric.balance", amount=format_amount(float(summary.loc[lv, "balance"]), view.unit),
                         unit=view.unit_label, share=format_rate(float(summary.loc[lv, "balance_share"]))))
    sub = subtitle(view, month=view.month, measure="count" if view.counts_only else "balance")
    picked = show_chart(memo.chart(lambda: chart_levels(res.summary, view, subtitle=sub, pick=True), "levels",
                                   res.summary, view.lang, view.unit, sub), key=K_LEVELS, pick=True)
    show_display_table(level_table(res.summary, view))
    level = picked[0].get("level_key") if picked else None
    return level if level in LEVELS else None


def reliability(verdict: Reliability, view: View) -> None:
    """Whether the warnings separate good from bad on this book, said plainly before any count.

    A rule or model that fails its backtest or validation is shown as a warning box (the lists
    below need recalibrating before use); one that passes gets a one-line verdict with its figures.
    """
    text = verdict.text(view.lang)
    if not text:
        return
    if verdict.trusted:
        st.caption(text)
    else:
        st.warning(text, icon=":material/report:")


def backtest(res: compute.WarningResults, view: View) -> None:
    """The rule applied to last month: the share of each level's accounts that worsened since."""
    st.markdown(f"**{t('warnings.backtest.heading')}**")
    out = res.outcomes
    if out is None:
        st.caption(t("warnings.backtest.none"))
        return
    first, last = out["from_month"].iloc[0], out["to_month"].iloc[0]
    st.caption(t("warnings.backtest.explain", prev=first, month=last))
    sub = subtitle(view, months=(first, last), measure="count")
    show_chart(memo.chart(lambda: chart_level_outcomes(out, view, subtitle=sub), "outcomes", out, view.lang, sub),
               key=K_BACKTEST)
    show_display_table(outcome_table(out, view))


def by_segment(res: compute.WarningResults, settings: str, view: View) -> None:
    """Warned balance per owner, branch or segment, stacked by level, and its table."""
    st.subheader(t("warnings.by.heading"))
    segments = segment_columns(res.signals)
    if not segments:
        st.info(t("warnings.by.none"))
        return
    lang = view.lang
    by = persist.choice(st.selectbox, t("warnings.by.select"), segments, key=K_BY, options=segments,
                        default=owner_column(segments) or segments[0], format_func=lambda c: segment_label(c, lang))
    by_label = segment_label(by, lang)
    summary = compute.summary_by(state.data_token(), view.month, settings, by, res.signals)
    unassigned = view.text("warnings.unassigned")
    sub = subtitle(view, month=view.month, measure="count" if view.counts_only else "balance")
    show_chart(memo.chart(lambda: chart_levels_by(summary, view, by=by, by_label=by_label, subtitle=sub,
                                                  top=TOP_SEGMENTS, unassigned=unassigned),
                          "levels_by", summary, by, by_label, lang, view.unit, sub, unassigned), key=K_BY_CHART)
    show_display_table(level_table(summary, view, by=by, by_label=by_label), key=K_BY_CHART)


def collection_actions(res: compute.WarningResults, view: View) -> None:
    """Balance each collection action covers, and its table."""
    st.subheader(t("warnings.actions.heading"))
    st.markdown(t("warnings.actions.explain"))
    if len(res.actions):
        acts = res.by_action
        sub = subtitle(view, month=view.month, measure="count" if view.counts_only else "balance")
        show_chart(memo.chart(lambda: chart_actions(acts, view, subtitle=sub), "actions", acts, view.lang, view.unit,
                              sub), key=K_ACTIONS)
        show_display_table(action_table(acts, view))
    if "overdue_reason" not in state.portfolio().columns:
        st.caption(t("warnings.actions.no_causes"))


def playbook(view: View) -> None:
    """The stage playbook in use (collapsed), with the way to the page that edits it."""
    with st.expander(t("warnings.actions.playbook"), expanded=False):
        flat_table(playbook_table(state.stage_playbook(), view), K_PLAYBOOK, view.lang)
        if HAS_AGING_PAGE:
            st.page_link("pages/aging.py", label=t("aging.title"), icon=":material/stacked_bar_chart:")


def cause_responses(view: View) -> None:
    """The response to each overdue cause, editable and saved for every page (collapsed)."""
    lang = view.lang
    with st.expander(t("warnings.actions.responses"), expanded=False):
        current = state.cause_responses()
        edited = st.data_editor(
            responses_frame(current, lang), hide_index=True, width="stretch", key=K_RESPONSES_EDITOR,
            disabled=["cause", "label"], column_order=["label", "response"],
            column_config={
                "label": st.column_config.TextColumn(t("warnings.actions.col.cause")),
                "response": st.column_config.SelectboxColumn(t("warnings.actions.col.response"), options=list(ACTION_KEYS),
                                                             required=True, format_func=lambda a: action_label(a, lang)),
            },
        )
        if st.button(t("warnings.actions.save_responses"), key=K_SAVE_RESPONSES):
            state.set_cause_responses(merged_responses(current, edited))
            st.success(t("warnings.actions.saved"))
            st.rerun()
