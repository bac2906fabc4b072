"""The aging page's sections, one function per tab, each drawing what the tab shows.

``pages/aging.py`` opens the page (:func:`open_page`), draws the header (:func:`header`) and
calls one of :func:`distribution`, :func:`over_time`, :func:`roll_rates`, :func:`vintage`,
:func:`regulatory` and :func:`accounts` per open tab. Figures come from :mod:`analysis.aging`,
charts from :mod:`analysis.charts.aging`, tables from :mod:`analysis.aging.tables`; this module
only wires widgets to them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.aging import rates as A
from analysis.aging import regulatory as R
from analysis.aging import tables as TB
from analysis.aging import vintage as V
from analysis.charts import aging as C
from analysis.core import Cubes
from analysis.core.definitions import definitions_line
from analysis.core.privacy import export_csv_bytes, export_xlsx_bytes
from analysis.core.rates import shift_month
from analysis.core.tables import DisplayTable, screen_format, screen_values
from analysis.core.units import format_amount, format_pp, format_rate
from analysis.core.view import View
from analysis.core.vocabulary import ACTION_KEYS, action_label, entry_rate_definition, five_tier_label, metric_name
from analysis.trend.series import entry_rates
from ui import state
from ui.aging import data as D
from ui.aging import keys as K
from ui.aging import state as S
from ui.i18n import t
from ui.widgets import definitions, show_chart, show_display_table

#: The drill-down shows at most this many rows on screen (the downloads carry them all).
DRILL_SHOW = 1_000


@dataclass(frozen=True)
class Page:
    """What every section of the page reads: the view (with the month in view), the cubes."""

    view: View
    core: Cubes
    token: str
    cubes: D.AgingCubes
    segments: tuple[str, ...]

    @property
    def months(self) -> list[str]:
        return list(self.cubes.months)

    @property
    def span(self) -> tuple[str, str]:
        """First and last month of the data in view."""
        return self.cubes.months[0], self.cubes.months[-1]

    def dline(self, **kw) -> str:
        """The 口径 line of a view: what applies to it, plus the filters of the whole page."""
        return definitions_line(self.view.lang, filters=self.view.filter_dict, **kw)

    def subtitle(self, **kw) -> list[str]:
        """Chart subtitle in two lines: the view's 口径, then the bucket edges (too long for one)."""
        return [self.dline(**kw), self.view.buckets.describe(self.view.lang)]

    def seg_title(self, col: str | None) -> str:
        """A segment column's name as the reader knows it (the column itself when untranslated)."""
        if col is None:
            return t("aging.by.none")
        text = t(f"segment.{col}")
        return col if text == f"segment.{col}" else text

    def seg_labels(self) -> dict[str | None, str]:
        return {c: self.seg_title(c) for c in [None, *self.segments]}


def _labels(prefix: str, keys: list[str]) -> dict[str, str]:
    # Widgets get a plain dict, not a function calling t(): the label must not depend on when
    # (or in which thread) Streamlit formats the option.
    return {k: t(f"{prefix}.{k}") for k in keys}


def _warn(exc: A.AgingError, view: View) -> None:
    st.warning(exc.message(view.lang))


def _list(view: View, items) -> str:
    return ("、" if view.lang == "zh" else ", ").join(items)


# --- the page and its header -----------------------------------------------------------------------

def open_page() -> Page:
    """The session's cubes for this page (built once per data token)."""
    core = state.cubes()
    token = state.data_token()
    with st.spinner(t("aging.building")):
        cubes = D.cubes(token, core)
    return Page(view=state.view(), core=core, token=token, cubes=cubes, segments=tuple(state.book().segments))


def header(page: Page) -> Page:
    """The month picker and the definitions; returns the page with the month in its view."""
    months = page.months
    S.keep_month_in(months)
    top = st.columns([1, 3])
    month = top[0].selectbox(t("aging.month"), months[::-1], key=K.MONTH, help=t("aging.month_help"))
    v = page.view
    with top[1].expander(t("aging.defs.title"), icon=":material/straighten:"):
        st.markdown(t("aging.defs.body", buckets=v.buckets.describe(v.lang), measure=t(f"aging.measure.{v.measure}"),
                      unit=v.unit_label, first=months[0], last=months[-1],
                      filters=page.dline() or t("aging.defs.no_filters")))
    return Page(view=v.but(month=month), core=page.core, token=page.token, cubes=page.cubes, segments=page.segments)


# --- distribution ----------------------------------------------------------------------------------

def distribution(page: Page) -> None:
    """Where the book sits this month: figures, the bucket chart, the playbook, and by segment."""
    v = page.view
    by = st.selectbox(t("aging.by"), [None, *page.segments], format_func=page.seg_labels().get, key=K.BY,
                      help=t("aging.by_help"))
    dist = A.aging_distribution(page.cubes.aging, v.month)
    _month_figures(page, dist)
    left, right = st.columns([3, 2])
    with left:
        overdue_only = st.toggle(t("aging.dist.overdue_only"), key=K.OVERDUE_ONLY, help=t("aging.dist.overdue_only_help"))
        shown = dist[dist["bucket"] != v.buckets.keys[0]] if overdue_only else dist
        show_chart(C.chart_distribution(shown, v, subtitle=page.subtitle(measure=v.measure, month=v.month)), key=K.DIST)
        show_display_table(TB.distribution_table(dist, v), key=K.DIST_TABLE)
    with right:
        _playbook(page)
    if by is not None:
        _by_segment(page, by)


def _month_figures(page: Page, dist: pd.DataFrame) -> None:
    """Four figures of the month and whether the distribution reconciles with the book."""
    v = page.view
    fig = TB.month_figures(dist, page.cubes.rates, v.month)
    k = st.columns(4)
    k[0].metric(t("aging.kpi.accounts"), f"{fig.count:,}")
    k[1].metric(t("aging.kpi.balance", unit=v.unit_label), format_amount(fig.balance, v.unit))
    k[2].metric(t("aging.kpi.overdue_balance", unit=v.unit_label), format_amount(fig.overdue_balance, v.unit),
                help=t("aging.kpi.overdue_balance_help"))
    if fig.overdue_amount is not None:
        k[3].metric(t("aging.kpi.overdue_amount", unit=v.unit_label), format_amount(fig.overdue_amount, v.unit),
                    help=t("aging.kpi.overdue_amount_help"))
    else:
        k[3].metric(t("aging.kpi.overdue_rate"), format_rate(fig.overdue_rate))
    full = state.full_portfolio()
    st.caption((":material/check_circle: " if fig.reconciled else ":material/error: ") + t(
        "aging.reconcile", month=v.month, count=fig.count, balance=format_amount(fig.balance, "yuan", 2),
        book_count=fig.book_count, book_balance=format_amount(fig.book_balance, "yuan", 2),
        rows=len(full), total_balance=format_amount(float(full["balance"].sum()), "yuan", 2)))


def _playbook(page: Page) -> None:
    """What each collection action covers this month, and the shared playbook's editor."""
    v = page.view
    st.markdown(f"**{t('aging.playbook.heading')}**")
    st.caption(t("aging.playbook.caption"))
    try:
        coverage = A.stage_coverage(page.cubes.dpd, v.month, state.stage_playbook(), v.lang)
        show_chart(C.chart_playbook_coverage(coverage, v, subtitle=page.dline(measure=v.measure, month=v.month)),
                   key=K.PLAYBOOK)
        show_display_table(TB.coverage_table(coverage, v), key=K.PLAYBOOK_TABLE)
    except A.AgingError as exc:
        _warn(exc, v)
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
        _warn(exc, v)
    st.button(t("aging.playbook.reset"), key=K.PLAYBOOK_RESET, on_click=S.reset_playbook)


def _column_config(table: DisplayTable, lang: str) -> dict:
    return {c: st.column_config.NumberColumn(c, format=screen_format(table.kind(c), lang))
            for c in table.shown_columns if table.kind(c) != "text"}


def _by_segment(page: Page, by: str) -> None:
    """The bucket mix of each segment, and the segment × bucket grid that opens the accounts."""
    v, title = page.view, page.seg_title(by)
    st.subheader(t("aging.by_segment.heading", segment=title))
    seg = A.aging_distribution(D.segment_cube(page.token, page.core, by), v.month, by)
    show_chart(C.chart_distribution_by_segment(seg, v, by=by, by_label=title,
                                               subtitle=page.subtitle(measure=v.measure, month=v.month)),
               key=K.BY_SEGMENT)
    show_display_table(TB.segment_table(seg, v, by=by, by_label=title), key=K.BY_SEGMENT_TABLE)
    st.markdown(f"**{t('aging.cells.heading')}**")
    st.caption(t("aging.cells.caption"))
    grid = TB.cell_grid(seg, v, by=by, by_label=title)
    label_to_key = {v.buckets.label_of(k, v.lang): k for k in v.buckets.keys}
    segment_values, drill_label = grid.frame["_segment"].tolist(), t("aging.tab.drill")
    st.dataframe(screen_values(grid), hide_index=True, width="stretch", key=K.CELLS,
                 column_config=_column_config(grid, v.lang), selection_mode="single-cell",
                 on_select=lambda: S.open_cell(by, segment_values, label_to_key, drill_label))


# --- over time -------------------------------------------------------------------------------------

def over_time(page: Page) -> None:
    """The three delinquency rates this month and over time, the bucket mix, and the lagged view."""
    v = page.view
    lines = A.rate_lines(page.cubes.rates, v.measure)
    k = st.columns(3)
    for col, row in zip(k, lines[lines["month"] == v.month].itertuples(index=False)):
        col.metric(metric_name(row.metric, v.lang), format_rate(row.rate),
                   delta=None if pd.isna(row.change) else format_pp(row.change, v.lang),
                   delta_color="inverse", help=t("aging.kpi.mom_help", month=v.month))
    normalize = st.toggle(t("aging.mix.normalize"), key=K.MIX_NORMALIZE)
    mix = A.bucket_mix(page.cubes.aging, v.measure)
    show_chart(C.chart_bucket_mix(mix, v, normalize=normalize, subtitle=page.subtitle(measure=v.measure, months=page.span)),
               key=K.MIX)
    show_display_table(TB.mix_table(mix, v), key=K.MIX_TABLE)
    show_chart(C.chart_rate_lines(lines, v, subtitle=page.dline(measure=v.measure, months=page.span, lag=0)), key=K.RATES)
    show_display_table(TB.rate_table(lines, v), key=K.RATES_TABLE)
    _lagged(page)


def _lagged(page: Page) -> None:
    """Rates on the book N months earlier, flagging months where fast growth flatters them."""
    v = page.view
    st.subheader(t("aging.lagged.heading"))
    st.caption(t("aging.lagged.caption"))
    c = st.columns(3)
    lag = int(c[0].number_input(t("aging.lagged.lag"), min_value=1, max_value=24, value=3, step=1, key=K.LAG))
    growth = c[1].number_input(t("aging.lagged.growth"), min_value=0, max_value=500, value=20, step=5,
                               key=K.GROWTH, help=t("aging.lagged.growth_help"))
    metrics = ["dpd30_rate", "overdue_rate", "dpd90_rate"]
    metric = c[2].selectbox(t("aging.lagged.metric"), metrics, format_func={m: metric_name(m, v.lang) for m in metrics}.get,
                            key=K.LAG_METRIC)
    try:
        lagged = A.lagged_rates(page.cubes.rates, lag, v.measure, growth / 100)  # the widget is in percent
        part = lagged[lagged["metric"] == metric]
        fast = part[part["grew_fast"]]
        if len(fast):
            st.warning(icon=":material/trending_up:", body=t(
                "aging.lagged.flatter", n=len(fast), months=_list(v, fast["month"].tail(6)),
                growth=format_rate(float(fast["growth"].max()), 1), lag=lag))
        else:
            st.caption(t("aging.lagged.steady", lag=lag, growth=int(growth)))
        left, right = st.columns(2)
        with left:
            show_chart(C.chart_lagged(lagged, v, metric=metric, lag=lag,
                                      subtitle=page.dline(measure=v.measure, months=page.span, lag=lag)), key=K.LAGGED)
        with right:
            show_display_table(TB.lagged_table(part, v, metric=metric, lag=lag), key=K.LAGGED_TABLE, expanded=True)
    except A.AgingError as exc:
        _warn(exc, v)


# --- roll rates ------------------------------------------------------------------------------------

def roll_rates(page: Page) -> None:
    """The roll-rate matrix of a month pair or window, the flow chain, cure and entry rates."""
    pairs = list(page.cubes.roll_months)
    if not pairs:
        st.info(t("aging.roll.none", n=len(page.months)))
        return
    chosen, label = _roll_months(page, pairs)
    v = page.view
    try:
        long = A.roll_matrix_long(page.cubes.rolls, chosen, v.measure)
        sub = page.subtitle(measure=v.measure, extra=[t("aging.roll.basis", months=label)])
        show_chart(C.chart_roll_heatmap(long, v, title_months=label, subtitle=sub), key=K.ROLL)
        show_display_table(TB.roll_table(long, v, title_months=label), key=K.ROLL_TABLE)
        st.caption(t("aging.roll.exit_note"))
        _flows(page, chosen, label, (pairs[0], pairs[-1]))
    except A.AgingError as exc:
        _warn(exc, v)


def _roll_months(page: Page, pairs: list[str]) -> tuple[list[str], str]:
    """The from-months the reader picked (one pair, or a window) and how to name them."""
    c = st.columns([1, 2])
    modes = ["pair", "window"]
    mode = c[0].radio(t("aging.roll.mode"), modes, format_func=_labels("aging.roll.mode", modes).get,
                      key=K.ROLL_MODE, horizontal=True)
    if mode == "pair":
        default = S.default_pair(page.view.month, pairs)
        frm = c[1].selectbox(t("aging.roll.pair"), pairs[::-1], index=pairs[::-1].index(default),
                             format_func=lambda m: f"{m} → {S.next_month(m)}", key=K.ROLL_PAIR)
        return [frm], f"{frm} → {S.next_month(frm)}"
    start_default = pairs[max(0, len(pairs) - 6)]
    rng = c[1].select_slider(t("aging.roll.window"), options=pairs, value=(start_default, pairs[-1]),
                             key=K.ROLL_WINDOW) if len(pairs) > 1 else (pairs[0], pairs[0])
    chosen = [m for m in pairs if rng[0] <= m <= rng[1]]
    return chosen, t("aging.roll.window_label", first=rng[0], last=S.next_month(rng[1]), n=len(chosen))


def _flows(page: Page, chosen: list[str], label: str, span: tuple[str, str]) -> None:
    """Flow-rate chain over every pair, cure rates of the chosen months, entry rates."""
    v = page.view
    everything = D.all_roll_rates(page.token, page.cubes.rolls, v.measure)
    st.subheader(t("aging.flow.heading"))
    flow = A.flow_rates(everything)
    show_chart(C.chart_flow_chain(flow, v, subtitle=page.subtitle(measure=v.measure, months=span)), key=K.FLOW)
    show_display_table(TB.flow_table(flow, v), key=K.FLOW_TABLE)
    left, right = st.columns(2)
    with left:
        cure = A.cure_rates(everything, chosen)
        show_chart(C.chart_cure_rates(cure, v, subtitle=page.dline(measure=v.measure,
                                                                   extra=[t("aging.roll.basis", months=label)])),
                   key=K.CURE)
        show_display_table(TB.cure_table(cure, v), key=K.CURE_TABLE)
    with right:
        entry = entry_rates(page.cubes.rolls, v.measure)
        # Entry rates are dated at the month of entry: each pair's end month, as on overview and trend.
        entry_span = (shift_month(span[0], 1), shift_month(span[1], 1))
        entry_line = page.dline(measure=v.measure, months=entry_span, extra=[entry_rate_definition(v.lang)])
        show_chart(C.chart_entry_rates(entry, v, subtitle=entry_line), key=K.ENTRY)
        show_display_table(TB.entry_table(entry, v), key=K.ENTRY_TABLE)


# --- vintage ---------------------------------------------------------------------------------------

def vintage(page: Page) -> None:
    """Vintage curves and triangle by origination cohort, and first-payment default."""
    if not page.core.has_origination:
        st.info(t("aging.vintage.no_origination"))
        return
    _vintage_curves(page)
    _first_payment_default(page)


def _vintage_curves(page: Page) -> None:
    v = page.view
    c = st.columns(3)
    cohorts, metrics = ["month", "quarter"], ["ever30", "dpd30"]
    cohort = c[0].radio(t("aging.vintage.cohort"), cohorts, horizontal=True,
                        format_func=_labels("aging.vintage.cohort", cohorts).get, key=K.VINTAGE_COHORT)
    metric = c[1].radio(t("aging.vintage.metric"), metrics, horizontal=True,
                        format_func=_labels("aging.vintage.metric", metrics).get, key=K.VINTAGE_METRIC)
    st.caption(t(f"aging.vintage.explain.{metric}"))
    in_window = c[2].toggle(t("aging.vintage.in_window"), value=True, key=K.VINTAGE_IN_WINDOW,
                            help=t("aging.vintage.in_window_help"))
    last = int(c[2].number_input(t("aging.vintage.last"), min_value=1, max_value=240, value=24, step=1,
                                 key=K.VINTAGE_LAST))
    with st.spinner(t("aging.vintage.building")):
        everything = D.vintage_triangle(page.token, page.core, cohort, metric, v.measure)
    tri = V.select_cohorts(everything, in_window, last)
    if in_window and not len(tri) and len(everything):
        st.info(t("aging.vintage.none_in_window"))
        tri = V.select_cohorts(everything, False, last)
    n_all, n_shown = everything["cohort"].nunique(), tri["cohort"].nunique()
    if n_shown < n_all:
        st.caption(t("aging.vintage.shown", shown=n_shown, total=n_all))
    if not len(tri):
        st.info(t("aging.vintage.empty"))
        return
    sub = page.dline(measure=v.measure, months=page.span, extra=[t(f"aging.vintage.metric.{metric}")])
    show_chart(C.chart_vintage_curves(tri, v, metric=metric, subtitle=sub), key=K.VINTAGE_CURVES)
    show_chart(C.chart_vintage_heatmap(tri, v, metric=metric, subtitle=sub), key=K.VINTAGE_HEATMAP)
    show_display_table(TB.vintage_table(tri, v, metric=metric), key=K.VINTAGE_TABLE)


def _first_payment_default(page: Page) -> None:
    v = page.view
    st.subheader(t("aging.fpd.heading"))
    threshold = int(st.segmented_control(t("aging.fpd.threshold"), [1, 7, 30, 60], default=30,
                                         format_func=lambda n: f"FPD{n}", key=K.FPD_THRESHOLD) or 30)
    mob = A.fpd_observation_mob(threshold)
    st.caption(t("aging.fpd.explain", n=threshold, mob=mob))
    try:
        fpd = D.first_payment_default(page.token, page.core, threshold, v.measure)
        if not len(fpd):
            st.info(t("aging.fpd.empty", mob=mob))
            return
        show_chart(C.chart_fpd(fpd, v, threshold=threshold, subtitle=page.dline(measure=v.measure)), key=K.FPD)
        show_display_table(TB.fpd_table(fpd, v, threshold=threshold), key=K.FPD_TABLE)
    except A.AgingError as exc:
        _warn(exc, v)


# --- regulatory ------------------------------------------------------------------------------------

def regulatory(page: Page) -> None:
    """Five-tier classification (五级分类) at a preset or custom thresholds, and IFRS 9 stages."""
    _five_tier(page)
    _ifrs9(page)


def _five_tier(page: Page) -> None:
    v = page.view
    st.subheader(t("aging.reg.five_tier"))
    presets = ["credit_card", "floors_2023", "custom"]
    preset = st.selectbox(t("aging.reg.preset"), presets, format_func=_labels("aging.preset", presets).get,
                          key=K.TIER_PRESET)
    base = R.FIVE_TIER_PRESETS.get(preset, R.FIVE_TIER_PRESETS["credit_card"])
    cols = st.columns(4)
    thresholds = [
        cols[i].number_input(t("aging.reg.from", tier=five_tier_label(n, v.lang)), min_value=1, max_value=3650,
                             value=int(base[i]), step=1, key=K.tier_threshold(preset, n), disabled=preset != "custom")
        for i, n in enumerate(["special_mention", "substandard", "doubtful", "loss"])]
    try:
        tiers = R.five_tier_distribution(page.cubes.dpd, v.month, thresholds, v.lang)
        sep = "；" if v.lang == "zh" else "; "
        st.caption(t("aging.reg.stated", ranges=sep.join(f"{a} {b}" for a, b in zip(tiers["label"], tiers["dpd_range"]))))
        if preset == "floors_2023":
            st.caption(t("aging.reg.floors_note"))
        sub = page.dline(measure=v.measure, month=v.month, extra=[t("aging.reg.basis", preset=t(f"aging.reg.short.{preset}"))])
        left, right = st.columns(2)
        with left:
            show_chart(C.chart_five_tier(tiers, v, subtitle=sub), key=K.FIVE_TIER)
            show_display_table(TB.five_tier_table(tiers, v), key=K.FIVE_TIER_TABLE)
        with right:
            trend = R.five_tier_trend(page.cubes.dpd, thresholds, v.measure)
            show_chart(C.chart_npl_trend(trend, v, subtitle=page.dline(measure=v.measure, months=page.span)), key=K.NPL)
            show_display_table(TB.npl_table(trend, v), key=K.NPL_TABLE)
    except A.AgingError as exc:
        _warn(exc, v)


def _ifrs9(page: Page) -> None:
    v = page.view
    st.subheader(t("aging.reg.ifrs9"))
    stage2_default, stage3_default = R.IFRS9_DEFAULT  # the one definition of the backstops
    c = st.columns(2)
    s2 = int(c[0].number_input(t("aging.reg.stage2"), min_value=1, max_value=3650, value=stage2_default, step=1,
                               key=K.IFRS9_STAGE2))
    s3 = int(c[1].number_input(t("aging.reg.stage3"), min_value=2, max_value=3650, value=stage3_default, step=1,
                               key=K.IFRS9_STAGE3))
    try:
        stages = R.ifrs9_distribution(page.cubes.dpd, v.month, s2, s3)
        st.caption(t("aging.reg.ifrs9_stated", s2=s2, s3=s3, s1=s2 - 1))
        sub = page.dline(measure=v.measure, month=v.month, extra=[t("aging.reg.ifrs9_basis", s2=s2, s3=s3)])
        show_chart(C.chart_ifrs9(stages, v, subtitle=sub), key=K.IFRS9)
        show_display_table(TB.ifrs9_table(stages, v), key=K.IFRS9_TABLE)
    except A.AgingError as exc:
        _warn(exc, v)


# --- accounts (drill-down) -------------------------------------------------------------------------

def drill_table(rows: pd.DataFrame, view: View) -> DisplayTable:
    """Drill-down rows with translated headers and bucket labels (amounts stay in 元: to the cent)."""
    out = rows.copy()
    out["bucket"] = [view.buckets.label_of(b, view.lang) for b in out["bucket"]]
    if "next_bucket" in out.columns:
        out["next_bucket"] = [None if pd.isna(b) else view.buckets.label_of(str(b), view.lang) for b in out["next_bucket"]]
    if "origination_date" in out.columns:
        out["origination_date"] = pd.to_datetime(out["origination_date"]).dt.strftime("%Y-%m-%d")
    names = {c: t(f"aging.drill.col.{c}") for c in out.columns}
    names = {c: (n if not n.startswith("aging.drill.col.") else c) for c, n in names.items()}
    kinds = {names[c]: "amount" for c in ("balance", "overdue_amount", "credit_limit") if c in names}
    kinds.update({names[c]: "count" for c in ("days_past_due",) if c in names})
    return DisplayTable(f"aging_accounts_{view.month}", t("aging.drill.sheet"), out.rename(columns=names), kinds)


def accounts(page: Page) -> None:
    """The accounts behind a bucket (and segment) this month, masked unless asked, with downloads."""
    v = page.view
    st.caption(t("aging.drill.caption"))
    c = st.columns(3)
    bucket_names = {"overdue": t("aging.drill.overdue"), None: t("aging.drill.all"),
                    **{b: v.buckets.label_of(b, v.lang) for b in v.buckets.keys}}
    bucket = c[0].selectbox(t("aging.drill.bucket"), list(bucket_names), key=K.DRILL_BUCKET, format_func=bucket_names.get)
    by = c[1].selectbox(t("aging.by"), [None, *page.segments], format_func=page.seg_labels().get, key=K.DRILL_BY)
    value = None
    if by is not None:
        values = D.segment_values(page.core, by)
        value = c[2].selectbox(page.seg_title(by), values, key=K.drill_value(by)) if values else None
    unmask = st.toggle(t("aging.drill.unmask"), key=K.DRILL_UNMASK, help=t("aging.drill.unmask_help"))
    chosen = tuple(v.buckets.keys[1:]) if bucket == "overdue" else bucket
    try:
        rows = D.drill_down(page.token, page.core, state.portfolio(), v.month, chosen,
                            by if value is not None else None, value, not unmask)
    except A.AgingError as exc:
        _warn(exc, v)
        return
    segment = (page.seg_title(by) + (f" = {value}" if value is not None else "")) if by else t("aging.drill.all_segments")
    st.markdown(t("aging.drill.summary", n=len(rows), balance=format_amount(float(rows["balance"].sum()), v.unit),
                  unit=v.unit_label, month=v.month, bucket=bucket_names[bucket], segment=segment))
    table = drill_table(rows, v)
    if len(rows) > DRILL_SHOW:
        st.caption(t("aging.drill.truncated", shown=DRILL_SHOW, n=len(rows)))
    st.dataframe(screen_values(table).head(DRILL_SHOW), hide_index=True, width="stretch", key=K.DRILL_TABLE,
                 column_config=_column_config(table, v.lang))
    note = page.dline(month=v.month, buckets=v.buckets) + (" | " + t("aging.drill.unmasked_note") if unmask else "")
    _drill_downloads(table.frame, f"aging_accounts_{v.month}_{bucket or 'all'}", note, masked=not unmask)
    definitions(note)


def _drill_downloads(shown: pd.DataFrame, name: str, note: str, masked: bool) -> None:
    d1, d2 = st.columns(2)
    d1.download_button(t("widgets.download_csv"), data=lambda: export_csv_bytes(shown, masked=masked),
                       file_name=f"{name}.csv", mime="text/csv", key=K.DRILL_CSV, width="stretch")
    d2.download_button(t("widgets.download_xlsx"),
                       data=lambda: export_xlsx_bytes({t("aging.drill.sheet"): shown}, masked=masked, note=note),
                       file_name=f"{name}.xlsx", key=K.DRILL_XLSX, width="stretch",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
