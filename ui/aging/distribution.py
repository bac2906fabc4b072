"""The distribution tab: the month's figures, the bucket chart, the collection playbook, and the
bucket mix by segment with the grid that opens the accounts behind a cell."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.aging import rates as A
from analysis.aging import tables as TB
from analysis.charts import aging as C
from analysis.core.tables import MISSING, screen_values
from analysis.core.units import format_amount, format_rate
from analysis.core.view import View
from analysis.core.vocabulary import ACTION_KEYS, action_label
from ui import countonly, persist, state
from ui.aging import data as D
from ui.aging import keys as K
from ui.aging import page as P
from ui.aging import state as S
from ui.i18n import t, t_data
from ui.widgets import show_chart, show_display_table


def distribution(page: P.Page) -> None:
    """Where the book sits this month: figures, the bucket chart, the playbook, and by segment."""
    v = page.view
    # Streamlit shows a None value as no choice, under its own English placeholder: name it as an option.
    by = persist.choice(st.selectbox, t("aging.by"), [None, *page.segments], format_func=page.seg_labels().get,
                        key=K.BY, default=None, options=[None, *page.segments], help=t("aging.by_help"),
                        placeholder=page.seg_title(None))
    dist = A.aging_distribution(page.cubes.aging, v.month)
    _month_figures(page, dist)
    left, right = st.columns([3, 2])
    with left:
        overdue_only = persist.choice(st.toggle, t("aging.dist.overdue_only"), key=K.OVERDUE_ONLY, default=False,
                                      help=t("aging.dist.overdue_only_help"))
        shown = dist[dist["bucket"] != v.buckets.keys[0]] if overdue_only else dist
        show_chart(C.chart_distribution(shown, v, subtitle=page.subtitle(measure=v.measure, month=v.month)), key=K.DIST)
        show_display_table(TB.distribution_table(dist, v), key=K.DIST_TABLE)
    with right:
        _playbook(page)
    if by is not None:
        _by_segment(page, by)


def _month_figures(page: P.Page, dist: pd.DataFrame) -> None:
    """Four figures of the month and whether the distribution reconciles with the book."""
    v = page.view
    fig = TB.month_figures(dist, page.cubes.rates, v.month)
    k = st.columns(4)
    k[0].metric(t("aging.kpi.accounts"), f"{fig.count:,}")
    if v.counts_only:  # no balances: the balance is the number of accounts, shown once
        _count_figures(k, fig, v)
        return
    k[1].metric(t("aging.kpi.balance", unit=v.unit_label), format_amount(fig.balance, v.unit))
    k[2].metric(t("aging.kpi.overdue_balance", unit=v.unit_label), format_amount(fig.overdue_balance, v.unit),
                help=t("aging.kpi.overdue_balance_help"))
    if fig.overdue_amount is not None:
        k[3].metric(t("aging.kpi.overdue_amount", unit=v.unit_label), format_amount(fig.overdue_amount, v.unit),
                    help=t("aging.kpi.overdue_amount_help"))
    else:
        # The rate follows the measure the chart and table beside it show.
        k[3].metric(t("aging.kpi.overdue_rate", measure=t(f"aging.measure.{v.measure}")),
                    format_rate(fig.overdue_rate_by(v.measure)))
    whole = state.data_facts()  # every month, before filters (a dataset's from its cubes, not one month's rows)
    st.caption((":material/check_circle: " if fig.reconciled else ":material/error: ") + t(
        "aging.reconcile", month=v.month, count=fig.count, balance=format_amount(fig.balance, "yuan", 2),
        book_count=fig.book_count, book_balance=format_amount(fig.book_balance, "yuan", 2),
        rows=whole["rows"], total_balance=format_amount(whole["balance"], "yuan", 2)))


def _count_figures(k, fig, v) -> None:
    """The month's figures of a book with no balances: overdue accounts and rate, and a
    reconciliation in accounts and rows."""
    k[1].metric(t("countonly.metric.overdue_balance"), f"{int(fig.overdue_count):,}")
    k[2].metric(t("aging.kpi.overdue_rate", measure=t("aging.measure.count")), format_rate(fig.overdue_rate_by("count")))
    if fig.overdue_amount is not None:  # the file's own overdue amounts are money, in 元 (as in the report)
        money = v.but(unit="yuan")
        k[3].metric(t("aging.kpi.overdue_amount", unit=money.unit_label), format_amount(fig.overdue_amount, money.unit),
                    help=t("aging.kpi.overdue_amount_help"))
    st.caption((":material/check_circle: " if fig.reconciled else ":material/error: ") + t(
        "countonly.aging.reconcile", month=v.month, count=fig.count, book_count=fig.book_count,
        rows=state.data_facts()["rows"]))


def _playbook(page: P.Page) -> None:
    """What each collection action covers this month, and the shared playbook's editor."""
    v = page.view
    st.markdown(f"**{t('aging.playbook.heading')}**")
    st.caption(countonly.text("aging.playbook.caption"))
    try:
        coverage = A.stage_coverage(page.cubes.dpd, v.month, state.stage_playbook(), v.lang)
        show_chart(C.chart_playbook_coverage(coverage, v, subtitle=page.dline(measure=v.measure, month=v.month)),
                   key=K.PLAYBOOK)
        show_display_table(TB.coverage_table(coverage, v), key=K.PLAYBOOK_TABLE)
    except A.AgingError as exc:
        P.warn(exc, v)
    if not state.presentation():
        with st.expander(t("aging.playbook.edit")):
            _playbook_editor(v)


def _playbook_editor(v: View) -> None:
    edited = st.data_editor(
        S.playbook_base(state.stage_playbook()), key=K.PLAYBOOK_EDITOR, num_rows="dynamic", hide_index=True,
        column_config={
            "min_dpd": st.column_config.NumberColumn(t("aging.playbook.min"), min_value=0, step=1, required=True),
            "max_dpd": st.column_config.NumberColumn(t("aging.playbook.max"), min_value=0, step=1,
                                                     help=t("aging.playbook.max_help")),
            "action": st.column_config.SelectboxColumn(
                t("aging.playbook.action"), options=list(ACTION_KEYS), required=True,
                format_func=lambda a: action_label(a, v.lang)),
        })
    try:
        if S.save_playbook(A.validate_playbook(edited)):
            st.rerun()
    except A.AgingError as exc:
        P.warn(exc, v)
    st.button(t("aging.playbook.reset"), key=K.PLAYBOOK_RESET, on_click=S.reset_playbook)


def _by_segment(page: P.Page, by: str) -> None:
    """The bucket mix of each segment, and the segment × bucket grid that opens the accounts."""
    v, title = page.view, page.seg_title(by)
    st.subheader(t_data("aging.by_segment.heading", segment=title))
    seg = A.aging_distribution(D.segment_cube(page.token, page.core, by), v.month, by)
    show_chart(C.chart_distribution_by_segment(seg, v, by=by, by_label=title,
                                               subtitle=page.subtitle(measure=v.measure, month=v.month)),
               key=K.BY_SEGMENT)
    show_display_table(TB.segment_table(seg, v, by=by, by_label=title), key=K.BY_SEGMENT_TABLE)
    if state.presentation():  # the grid opens the account list: a desk tool
        return
    st.markdown(f"**{t('aging.cells.heading')}**")
    st.caption(t("aging.cells.caption"))
    grid = TB.cell_grid(seg, v, by=by, by_label=title)
    label_to_key = {v.buckets.label_of(k, v.lang): k for k in v.buckets.keys}
    segment_values, drill_label = grid.frame["_segment"].tolist(), t("aging.tab.drill")
    st.dataframe(screen_values(grid), hide_index=True, width="stretch", key=K.CELLS,
                 column_config=P.column_config(grid, v.lang), selection_mode="single-cell", placeholder=MISSING,
                 on_select=lambda: S.open_cell(by, segment_values, label_to_key, drill_label))
