"""The trend page's roll-rate half: the editable roll-rate matrix, the projection, the loss forecast."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts.trend import chart_projection
from analysis.core import Cubes
from analysis.core.definitions import definitions_line
from analysis.core.units import format_amount, format_rate
from analysis.core.view import View
from analysis.trend import projection as proj
from analysis.trend.display import matrix_from_percent, matrix_table, window_choices
from ui import countonly, memo, persist, state, widgets
from ui.i18n import t
from ui.trend import cache, keys


def projection_section(view: View, cubes: Cubes, events: pd.DataFrame) -> None:
    """Window, months and mode; the matrix editor; the projection chart, sentence and table; the loss."""
    token = state.data_token()
    inputs = cache.roll_inputs(token, cubes)
    if not inputs.roll_months:
        st.info(t("trend.projection.no_rolls"))
        return
    p1, p2, p3 = st.columns(3)
    options, default = window_choices(len(inputs.roll_months))
    window = persist.choice(p1.select_slider, t("trend.projection.window"), options, key=keys.WINDOW, default=default,
                            options=options, help=t("trend.projection.window_help"))
    months = persist.choice(p2.slider, t("trend.projection.months"), 1, 24, key=keys.PROJ_MONTHS,
                            default=DEFAULTS.months)
    replenish = persist.choice(p3.toggle, t("trend.projection.replenish"), key=keys.REPLENISH,
                               default=DEFAULTS.replenish, help=t("trend.projection.replenish_help"))
    base, pooled, empty = cache.roll_matrix(token, cubes, window)
    if empty:
        st.caption(t("trend.projection.empty_rows", buckets=[view.buckets.label_of(b, view.lang) for b in empty]))
    matrix = _matrix_editor(base, pooled, view, token, window)
    # Everything below is cached by cheap keys (the matrix's fingerprint, the view's repr): a rerun
    # after another widget (the metric above) draws the same projection without rebuilding it.
    key = cache.matrix_key(matrix)
    projected, rates = cache.projection(token, cubes, key, matrix, months, replenish)
    mode = t("trend.projection.mode_replenish" if replenish else "trend.projection.mode_runoff")
    # The projection moves balances; a book with no balances moves accounts.
    defs = definitions_line(view.lang, measure="count" if view.counts_only else "balance", filters=view.filter_dict, buckets=view.buckets,
                            extra=[t("trend.projection.defs", first=pooled[0], last=pooled[-1], n=len(pooled), mode=mode)])
    title = t("trend.projection.chart_title", n=months, unit=view.unit_label)
    # projected and rates are a function of (token, matrix, months, replenish): keyed by those, not
    # by hashing the frames again (memo.chart's fingerprint of both was ~3 ms a rerun)
    chart = memo.chart(lambda: chart_projection(projected, view, title=title, subtitle=defs, rates=rates, events=events),
                       "projection", token, key, months, replenish, events, view.buckets.keys, title, defs, view.unit,
                       view.lang)
    widgets.show_chart(chart, key=keys.CHART_PROJECTION)
    end = rates.iloc[-1]
    st.markdown(t("trend.projection.sentence", rate=proj.projected_rate_name(view.buckets, view.lang),
                  start=format_rate(rates["dpd90_rate"].iloc[0]), month=str(end["month"]),
                  end=format_rate(end["dpd90_rate"]), exits=format_amount(_exits(float(end["cumulative_exit"]), view), view.unit),
                  unit=view.unit_label))
    widgets.show_display_table(cache.projection_display(token, key, months, replenish, cache.view_key(view),
                                                        projected, rates, view), key=keys.TABLE_PROJECTION)
    _loss(base, matrix, key, view, token, cubes, inputs.last_month)


def _exits(projected: float, view: View) -> float:
    """Accounts that leave, whole: a projection moves fractions of accounts, a reader counts them."""
    return float(round(projected)) if view.counts_only else projected


def _matrix_editor(base: pd.DataFrame, pooled: list[str], view: View, token: str, window: int) -> pd.DataFrame:
    """The pooled roll rates in an editor (percent); returns the matrix to project with."""
    shown = cache.matrix_shown(token, window, cache.view_key(view), base, view)
    key = keys.matrix_editor_key(token, window)
    if state.presentation():  # no editor: the rates as last edited at the desk
        edited = persist.kept_table(key, shown)
        return _edited_matrix(base, edited)
    st.markdown(t("trend.projection.matrix", first=pooled[0], last=pooled[-1]))
    edited = st.data_editor(
        persist.editor_input(key, shown), key=key, width="stretch",
        column_config={c: st.column_config.NumberColumn(c, min_value=0.0, max_value=100.0, format="%.2f%%")
                       for c in shown.columns},
    )
    persist.keep_table(key, edited)
    e1, e2 = st.columns([3, 1])
    e1.caption(t("trend.projection.edit_help"))
    if e2.button(t("trend.projection.reset"), key=keys.MATRIX_RESET):
        keys.reset_matrix()
        st.rerun()
    matrix = _edited_matrix(base, edited) if not edited.equals(shown) else base
    if not matrix.equals(base):
        # the editor keeps the cells as typed (a row may sum to 86%): the rates used, rescaled, beside it
        st.info(t("trend.projection.edited"))
        widgets.show_display_table(matrix_table(matrix, view, t("trend.projection.used")),
                                   key=keys.TABLE_MATRIX_USED, expanded=True)
    return matrix


def _edited_matrix(base: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame:
    matrix = _rebalanced(base, edited)
    if matrix is None:  # the editor bounds cells to 0-100%, but never show a traceback for a typo
        st.warning(t("trend.projection.bad_matrix"))
        return base
    return matrix


def _rebalanced(base: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame | None:
    """The edited matrix (percent, labelled) as rates with rows summing to 1; None when unreadable."""
    try:
        return proj.rebalance_rows(base, matrix_from_percent(edited, base))
    except ValueError:
        return None


#: The projection before the reader chose anything (the report's too).
DEFAULTS = proj.ProjectionChoice()


def chosen_projection(cubes: Cubes, view: View) -> proj.ProjectionChoice:
    """The projection as the reader set it on this page (window, months, mode, edited rates), read
    without drawing anything, so the meeting report projects as the page did; the page's defaults
    before a visit."""
    token = state.data_token()
    inputs = cache.roll_inputs(token, cubes)
    if not inputs.roll_months:
        return DEFAULTS
    options, default = window_choices(len(inputs.roll_months))
    window = persist.keep(keys.WINDOW, default, options)
    months = int(st.session_state.get(keys.PROJ_MONTHS, DEFAULTS.months))
    replenish = bool(st.session_state.get(keys.REPLENISH, DEFAULTS.replenish))
    base, _pooled, _empty = cache.roll_matrix(token, cubes, window)
    shown = cache.matrix_shown(token, window, cache.view_key(view), base, view)
    edited = persist.kept_table(keys.matrix_editor_key(token, window), shown)
    matrix = None if edited.equals(shown) else _rebalanced(base, edited)
    return proj.ProjectionChoice(window=window, months=months, replenish=replenish, matrix=matrix)


def _loss(base: pd.DataFrame, matrix: pd.DataFrame, key: str, view: View, token: str, cubes: Cubes, month: str) -> None:
    """The roll-rate loss forecast of today's balances, the charge-off bucket picked here."""
    st.markdown(f"**{t('trend.loss.heading', month=month)}**")
    if countonly.no_balances("loss"):
        return
    l1, l2 = st.columns([1, 3])
    buckets = list(base.index)
    labels = {k: view.buckets.label_of(k, view.lang) for k in buckets}
    charge_off = persist.choice(l1.selectbox, t("trend.loss.charge_off"), buckets, key=keys.CHARGE_OFF, default=buckets[-1],
                                options=buckets, format_func=labels.__getitem__, help=t("trend.loss.charge_off_help"))
    l1.caption(t("trend.loss.help"))
    with l2:
        loss = cache.loss(token, cubes, key, matrix, charge_off)
        widgets.show_display_table(cache.loss_display(token, key, charge_off, cache.view_key(view), loss, view),
                                   key=keys.TABLE_LOSS, expanded=True)
