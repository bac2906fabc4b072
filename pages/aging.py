"""Aging (账龄分布与迁徙): where the book sits by bucket, how it moves, how vintages age, and how
regulators would classify it. Reads the session's data-core cubes."""
from __future__ import annotations

import streamlit as st

from analysis.aging import rates as A
from analysis.aging import regulatory as R
from analysis.trend import series as T
from analysis.aging import vintage as V
from analysis.charts import aging as C
from analysis.core.definitions import definitions_line
from analysis.core.vocabulary import ACTION_KEYS, action_label
from analysis.core.privacy import export_csv_bytes, export_xlsx_bytes
from analysis.core.units import format_amount, format_pp, format_rate, unit_label
from ui import aging as U
from ui import state
from ui.i18n import lang, t
from ui.widgets import definitions, show_chart, stop_unless_rows

st.title(t("aging.title"))
st.caption(t("aging.intro"))

stop_unless_rows()

LANG, MEASURE, UNIT, BUCKETS = lang(), state.measure(), state.unit(), state.buckets()
FILTERS = state.active_filters_for_definitions()
UNIT_LABEL = unit_label(UNIT, LANG)
core = state.cubes()
token = state.data_token()
with st.spinner(t("aging.building")):
    cubes = U.cubes(token, core)
months = list(cubes.months)
segments = state.book().segments


def dline(**kw) -> str:
    """The 口径 line of a view: what applies to it, plus the filters of the whole page."""
    return definitions_line(LANG, filters=FILTERS, **kw)


def subtitle(**kw) -> list[str]:
    """Chart subtitle in two lines: the view's 口径, then the bucket edges (too long for one)."""
    return [dline(**kw), BUCKETS.describe(LANG)]


def seg_title(col: str | None) -> str:
    if col is None:
        return t("aging.by.none")
    key = f"segment.{col}"
    text = t(key)
    return col if text == key else text


def labels(prefix: str, keys: list[str]) -> dict[str, str]:
    # Widgets get a plain dict, not a function calling t(): the label must not depend on when
    # (or in which thread) Streamlit formats the option.
    return {k: t(f"{prefix}.{k}") for k in keys}


SEG_LABELS = {c: seg_title(c) for c in [None, *segments]}


def warn(exc: A.AgingError) -> None:
    st.warning(exc.message(LANG))


st.session_state.setdefault(U.K_MONTH, months[-1])
if st.session_state[U.K_MONTH] not in months:
    st.session_state[U.K_MONTH] = months[-1]
top = st.columns([1, 3])
month = top[0].selectbox(t("aging.month"), months[::-1], key=U.K_MONTH, help=t("aging.month_help"))
with top[1].expander(t("aging.defs.title"), icon=":material/straighten:"):
    st.markdown(t("aging.defs.body", buckets=BUCKETS.describe(LANG), measure=t(f"aging.measure.{MEASURE}"),
                  unit=UNIT_LABEL, first=months[0], last=months[-1],
                  filters=dline() or t("aging.defs.no_filters")))

TABS = ["dist", "trend", "roll", "vintage", "reg", "drill"]
tabs = st.tabs([t(f"aging.tab.{k}") for k in TABS], key=U.K_TAB, on_change="rerun")
tab = dict(zip(TABS, tabs))


# --- distribution ----------------------------------------------------------------------------------
with tab["dist"]:
    if tab["dist"].open:
        by = st.selectbox(t("aging.by"), [None, *segments], format_func=SEG_LABELS.get, key=U.K_BY,
                          help=t("aging.by_help"))
        dist = A.aging_distribution(cubes.aging, month)
        totals = A.distribution_totals(dist)
        book = cubes.rates.set_index("month").loc[month]
        overdue_bal = float(book["overdue_balance"])
        k = st.columns(4)
        k[0].metric(t("aging.kpi.accounts"), f"{totals['count']:,}")
        k[1].metric(t("aging.kpi.balance", unit=UNIT_LABEL), format_amount(totals["balance"], UNIT))
        k[2].metric(t("aging.kpi.overdue_balance", unit=UNIT_LABEL), format_amount(overdue_bal, UNIT),
                    help=t("aging.kpi.overdue_balance_help"))
        if "overdue_amount" in totals:
            k[3].metric(t("aging.kpi.overdue_amount", unit=UNIT_LABEL), format_amount(totals["overdue_amount"], UNIT),
                        help=t("aging.kpi.overdue_amount_help"))
        else:
            k[3].metric(t("aging.kpi.overdue_rate"), format_rate(overdue_bal / totals["balance"] if totals["balance"] else float("nan")))
        full = state.full_portfolio()
        reconciled = int(book["count"]) == totals["count"] and abs(float(book["balance"]) - totals["balance"]) < 0.005
        st.caption((":material/check_circle: " if reconciled else ":material/error: ") + t(
            "aging.reconcile", month=month, count=totals["count"], balance=format_amount(totals["balance"], "yuan", 2),
            book_count=int(book["count"]), book_balance=format_amount(float(book["balance"]), "yuan", 2),
            rows=len(full), total_balance=format_amount(float(full["balance"].sum()), "yuan", 2)))

        left, right = st.columns([3, 2])
        with left:
            sub = subtitle(measure=MEASURE, month=month)
            overdue_only = st.toggle(t("aging.dist.overdue_only"), key="aging_overdue_only",
                                     help=t("aging.dist.overdue_only_help"))
            shown = dist[dist["bucket"] != BUCKETS.keys[0]] if overdue_only else dist
            show_chart(C.chart_distribution(shown, BUCKETS, LANG, UNIT, MEASURE, month, sub), key="aging_dist")
            U.table(U.distribution_table(dist, BUCKETS, LANG, UNIT), key="aging_dist_table", file_name=f"aging_{month}")
        with right:
            st.markdown(f"**{t('aging.playbook.heading')}**")
            st.caption(t("aging.playbook.caption"))
            try:
                current = state.stage_playbook()
                coverage = A.stage_coverage(cubes.dpd, month, current, LANG)
                show_chart(C.chart_playbook_coverage(coverage, LANG, UNIT, MEASURE, month,
                                                     dline(measure=MEASURE, month=month)), key="aging_playbook")
                U.table(U.coverage_table(coverage, LANG, UNIT), key="aging_playbook_table", file_name=f"aging_playbook_{month}")
            except A.AgingError as exc:
                warn(exc)
            with st.expander(t("aging.playbook.edit")):
                base = U.playbook_base(state.stage_playbook())
                edited = st.data_editor(
                    base, key=U.K_PLAYBOOK_EDITOR, num_rows="dynamic", hide_index=True,
                    column_config={
                        "min_dpd": st.column_config.NumberColumn(t("aging.playbook.min"), min_value=0, step=1, required=True),
                        "max_dpd": st.column_config.NumberColumn(t("aging.playbook.max"), min_value=0, step=1,
                                                                 help=t("aging.playbook.max_help")),
                        "action": st.column_config.SelectboxColumn(
                            t("aging.playbook.action"), options=list(ACTION_KEYS), required=True,
                            format_func=lambda a: action_label(a, LANG)),
                    })
                try:
                    clean = A.validate_playbook(edited)
                    if not U.same_table(clean, state.stage_playbook()):
                        state.set_stage_playbook(clean)
                        U.remember_saved(clean)
                        st.rerun()
                except A.AgingError as exc:
                    warn(exc)
                st.button(t("aging.playbook.reset"), key="aging_playbook_reset", on_click=U.reset_playbook)

        if by is not None:
            st.subheader(t("aging.by_segment.heading", segment=seg_title(by)))
            seg = A.aging_distribution(U.segment_cube(token, core, by), month, by)
            sub = subtitle(measure=MEASURE, month=month)
            show_chart(C.chart_distribution_by_segment(seg, by, BUCKETS, LANG, UNIT, MEASURE, month,
                                                       seg_title(by), sub), key="aging_by_segment")
            U.table(U.segment_table(seg, by, seg_title(by), BUCKETS, LANG, UNIT), key="aging_by_segment_table", expanded=False, file_name=f"aging_{by}_{month}")
            st.markdown(f"**{t('aging.cells.heading')}**")
            st.caption(t("aging.cells.caption"))
            cells = U.cell_table(seg, by, seg_title(by), BUCKETS, LANG)
            label_to_key = {BUCKETS.label_of(k, LANG): k for k in BUCKETS.keys}
            drill_label = t("aging.tab.drill")
            st.dataframe(cells, hide_index=True, width="stretch", key=U.K_CELLS, column_config=U.table_config(cells),
                         selection_mode="single-cell",
                         on_select=lambda: U.open_cell(by, cells.attrs["segment_values"], label_to_key, drill_label))


# --- over time -------------------------------------------------------------------------------------
with tab["trend"]:
    if tab["trend"].open:
        lines = A.rate_lines(cubes.rates, MEASURE)
        latest = lines[lines["month"] == month]
        k = st.columns(3)
        for col, row in zip(k, latest.itertuples(index=False)):
            col.metric(t(f"aging.metric.{row.metric}"), format_rate(row.rate),
                       delta=None if row.change != row.change else format_pp(row.change, LANG),
                       delta_color="inverse", help=t("aging.kpi.mom_help", month=month))
        normalize = st.toggle(t("aging.mix.normalize"), key="aging_mix_normalize")
        mix = A.bucket_mix(cubes.aging, MEASURE)
        months_span = (months[0], months[-1])
        show_chart(C.chart_bucket_mix(mix, BUCKETS, LANG, UNIT, MEASURE, normalize,
                                      subtitle(measure=MEASURE, months=months_span)), key="aging_mix")
        U.table(U.mix_table(mix, BUCKETS, LANG, UNIT, MEASURE), key="aging_mix_table", file_name="aging_mix")
        show_chart(C.chart_rate_lines(lines, LANG, dline(measure=MEASURE, months=months_span, lag=0)), key="aging_rates")
        U.table(U.rate_table(lines, LANG), key="aging_rates_table",
                   file_name="aging_rates")

        st.subheader(t("aging.lagged.heading"))
        st.caption(t("aging.lagged.caption"))
        c = st.columns(3)
        lag = c[0].number_input(t("aging.lagged.lag"), min_value=1, max_value=24, value=3, step=1, key="aging_lag")
        growth = c[1].number_input(t("aging.lagged.growth"), min_value=0, max_value=500, value=20, step=5,
                                   key="aging_growth", help=t("aging.lagged.growth_help"))
        metric = c[2].selectbox(t("aging.lagged.metric"), ["dpd30_rate", "overdue_rate", "dpd90_rate"],
                                format_func=labels("aging.metric", ["dpd30_rate", "overdue_rate", "dpd90_rate"]).get, key="aging_lag_metric")
        try:
            lagged = A.lagged_rates(cubes.rates, int(lag), MEASURE, growth / 100)
            part = lagged[lagged["metric"] == metric]
            fast = part[part["grew_fast"]]
            if len(fast):
                st.warning(icon=":material/trending_up:", body=t("aging.lagged.flatter", n=len(fast), months=("、" if LANG == "zh" else ", ").join(fast["month"].tail(6)),
                             growth=format_rate(float(fast["growth"].max()), 1), lag=int(lag)))
            else:
                st.caption(t("aging.lagged.steady", lag=int(lag), growth=int(growth)))
            left, right = st.columns(2)
            with left:
                show_chart(C.chart_lagged(lagged, metric, int(lag), LANG,
                                          dline(measure=MEASURE, months=months_span, lag=int(lag))), key="aging_lagged")
            with right:
                lag_table = U.lagged_table(part, LANG, UNIT, MEASURE, int(lag))
                st.dataframe(lag_table, hide_index=True, height=380, column_config=U.table_config(lag_table),
                             key="aging_lagged_table")
        except A.AgingError as exc:
            warn(exc)


# --- roll rates ------------------------------------------------------------------------------------
with tab["roll"]:
    if tab["roll"].open:
        pairs = list(cubes.roll_months)
        if not pairs:
            st.info(t("aging.roll.none", n=len(months)))
        else:
            c = st.columns([1, 2])
            mode = c[0].radio(t("aging.roll.mode"), ["pair", "window"], format_func=labels("aging.roll.mode", ["pair", "window"]).get,
                              key="aging_roll_mode", horizontal=True)
            if mode == "pair":
                default = U.default_pair(month, pairs)
                frm = c[1].selectbox(t("aging.roll.pair"), pairs[::-1], index=pairs[::-1].index(default),
                                     format_func=lambda m: f"{m} → {U.next_month(m)}", key="aging_roll_pair")
                chosen = [frm]
                label = f"{frm} → {U.next_month(frm)}"
            else:
                start_default = pairs[max(0, len(pairs) - 6)]
                rng = c[1].select_slider(t("aging.roll.window"), options=pairs, value=(start_default, pairs[-1]),
                                         key="aging_roll_window") if len(pairs) > 1 else (pairs[0], pairs[0])
                chosen = [m for m in pairs if rng[0] <= m <= rng[1]]
                label = t("aging.roll.window_label", first=rng[0], last=U.next_month(rng[1]), n=len(chosen))
            try:
                long = A.roll_matrix_long(cubes.rolls, chosen, MEASURE)
                sub = subtitle(measure=MEASURE, extra=[t("aging.roll.basis", months=label)])
                show_chart(C.chart_roll_heatmap(long, BUCKETS, LANG, MEASURE, UNIT, label, sub), key="aging_roll")
                U.table(U.roll_table(long, BUCKETS, LANG, UNIT, MEASURE), key="aging_roll_table", file_name="aging_roll_rates")
                st.caption(t("aging.roll.exit_note"))
                everything = U.all_roll_rates(token, cubes.rolls, MEASURE)
                span = (pairs[0], pairs[-1])
                st.subheader(t("aging.flow.heading"))
                flow = A.flow_rates(everything)
                show_chart(C.chart_flow_chain(flow, BUCKETS, LANG, subtitle(measure=MEASURE, months=span)),
                           key="aging_flow")
                U.table(U.flow_table(flow, BUCKETS, LANG), key="aging_flow_table",
                           file_name="aging_flow_rates")
                left, right = st.columns(2)
                with left:
                    cure = A.cure_rates(everything, chosen)
                    show_chart(C.chart_cure_rates(cure, BUCKETS, LANG, dline(measure=MEASURE, extra=[t("aging.roll.basis", months=label)]),
                                                  MEASURE, UNIT),
                               key="aging_cure")
                    U.table(U.cure_table(cure, BUCKETS, LANG, UNIT, MEASURE), key="aging_cure_table", file_name="aging_cure_rates")
                with right:
                    entry = T.entry_rates(cubes.rolls, MEASURE)
                    show_chart(C.chart_entry_rates(entry, LANG, dline(measure=MEASURE, months=span), MEASURE, UNIT),
                               key="aging_entry")
                    U.table(U.entry_table(entry, LANG, UNIT, MEASURE), key="aging_entry_table",
                               file_name="aging_entry_rates")
            except A.AgingError as exc:
                warn(exc)


# --- vintage ---------------------------------------------------------------------------------------
with tab["vintage"]:
    if tab["vintage"].open:
        if not core.has_origination:
            st.info(t("aging.vintage.no_origination"))
        else:
            c = st.columns(3)
            cohort = c[0].radio(t("aging.vintage.cohort"), ["month", "quarter"], horizontal=True,
                                format_func=labels("aging.vintage.cohort", ["month", "quarter"]).get, key="aging_vintage_cohort")
            vmetric = c[1].radio(t("aging.vintage.metric"), ["ever30", "dpd30"], horizontal=True,
                                 format_func=labels("aging.vintage.metric", ["ever30", "dpd30"]).get, key="aging_vintage_metric")
            st.caption(t(f"aging.vintage.explain.{vmetric}"))
            in_window = c[2].toggle(t("aging.vintage.in_window"), value=True, key="aging_vintage_in_window",
                                    help=t("aging.vintage.in_window_help"))
            last = c[2].number_input(t("aging.vintage.last"), min_value=1, max_value=240, value=24, step=1,
                                     key="aging_vintage_last")
            with st.spinner(t("aging.vintage.building")):
                everything = U.vintage_triangle(token, core, cohort, vmetric, MEASURE)
            tri = V.select_cohorts(everything, in_window, int(last))
            if in_window and not len(tri) and len(everything):
                st.info(t("aging.vintage.none_in_window"))
                tri = V.select_cohorts(everything, False, int(last))
            n_all, n_shown = everything["cohort"].nunique(), tri["cohort"].nunique()
            if n_shown < n_all:
                st.caption(t("aging.vintage.shown", shown=n_shown, total=n_all))
            sub = dline(measure=MEASURE, months=(months[0], months[-1]),
                        extra=[t(f"aging.vintage.metric.{vmetric}")])
            if not len(tri):
                st.info(t("aging.vintage.empty"))
            else:
                show_chart(C.chart_vintage_curves(tri, vmetric, LANG, sub), key="aging_vintage_curves")
                show_chart(C.chart_vintage_heatmap(tri, vmetric, LANG, sub), key="aging_vintage_heatmap")
                U.table(U.vintage_table(tri, LANG), key="aging_vintage_table",
                           file_name=f"aging_vintage_{vmetric}")
            st.subheader(t("aging.fpd.heading"))
            threshold = st.segmented_control(t("aging.fpd.threshold"), [1, 7, 30, 60], default=30,
                                             format_func=lambda n: f"FPD{n}", key="aging_fpd_threshold") or 30
            st.caption(t("aging.fpd.explain", n=threshold, mob=1 + threshold // 30))
            try:
                fpd = U.first_payment_default(token, core, int(threshold), MEASURE)
                if not len(fpd):
                    st.info(t("aging.fpd.empty", mob=1 + threshold // 30))
                else:
                    show_chart(C.chart_fpd(fpd, int(threshold), LANG, dline(measure=MEASURE)), key="aging_fpd")
                    U.table(U.fpd_table(fpd, LANG, UNIT), key="aging_fpd_table",
                               file_name=f"aging_fpd{threshold}")
            except A.AgingError as exc:
                warn(exc)


# --- regulatory ------------------------------------------------------------------------------------
with tab["reg"]:
    if tab["reg"].open:
        st.subheader(t("aging.reg.five_tier"))
        preset = st.selectbox(t("aging.reg.preset"), ["credit_card", "floors_2023", "custom"],
                              format_func=labels("aging.preset", ["credit_card", "floors_2023", "custom"]).get, key="aging_tier_preset")
        base_thr = R.FIVE_TIER_PRESETS.get(preset, R.FIVE_TIER_PRESETS["credit_card"])
        cols = st.columns(4)
        names = ["special_mention", "substandard", "doubtful", "loss"]
        thresholds = [
            cols[i].number_input(t("aging.reg.from", tier=t(f"aging.five_tier.{n}")), min_value=1, max_value=3650,
                                 value=int(base_thr[i]), step=1, key=f"aging_tier_{preset}_{n}",
                                 disabled=preset != "custom")
            for i, n in enumerate(names)]
        try:
            tiers = R.five_tier_distribution(cubes.dpd, month, thresholds, LANG)
            st.caption(t("aging.reg.stated", ranges=("；" if LANG == "zh" else "; ").join(f"{a} {b}" for a, b in zip(tiers["label"], tiers["dpd_range"]))))
            if preset == "floors_2023":
                st.caption(t("aging.reg.floors_note"))
            sub = dline(measure=MEASURE, month=month, extra=[t("aging.reg.basis", preset=t(f"aging.reg.short.{preset}"))])
            left, right = st.columns(2)
            with left:
                show_chart(C.chart_five_tier(tiers, LANG, UNIT, MEASURE, month, sub), key="aging_five_tier")
                U.table(U.class_table(tiers, t("aging.col.tier"), LANG, UNIT), key="aging_five_tier_table", file_name=f"aging_five_tier_{month}")
            with right:
                trend = R.five_tier_trend(cubes.dpd, thresholds, MEASURE)
                show_chart(C.chart_npl_trend(trend, LANG, dline(measure=MEASURE, months=(months[0], months[-1]))),
                           key="aging_npl")
                U.table(U.npl_table(trend, LANG), key="aging_npl_table",
                           file_name="aging_npl_ratio")
        except A.AgingError as exc:
            warn(exc)

        st.subheader(t("aging.reg.ifrs9"))
        c = st.columns(2)
        s2 = c[0].number_input(t("aging.reg.stage2"), min_value=1, max_value=3650, value=31, step=1, key="aging_ifrs9_s2")
        s3 = c[1].number_input(t("aging.reg.stage3"), min_value=2, max_value=3650, value=91, step=1, key="aging_ifrs9_s3")
        try:
            stages = R.ifrs9_distribution(cubes.dpd, month, int(s2), int(s3))
            st.caption(t("aging.reg.ifrs9_stated", s2=int(s2), s3=int(s3), s1=int(s2) - 1))
            show_chart(C.chart_ifrs9(stages, LANG, UNIT, MEASURE, month,
                                     dline(measure=MEASURE, month=month, extra=[t("aging.reg.ifrs9_basis", s2=int(s2), s3=int(s3))])),
                       key="aging_ifrs9")
            U.table(U.class_table(stages.assign(label=[t("aging.stage", n=int(s)) for s in stages["stage"]]),
                                     t("aging.col.stage"), LANG, UNIT),
                       key="aging_ifrs9_table", file_name=f"aging_ifrs9_{month}")
        except A.AgingError as exc:
            warn(exc)


# --- drill-down ------------------------------------------------------------------------------------
with tab["drill"]:
    if tab["drill"].open:
        st.caption(t("aging.drill.caption"))
        c = st.columns(3)
        bucket_names = {"overdue": t("aging.drill.overdue"), None: t("aging.drill.all"),
                        **{b: BUCKETS.label_of(b, LANG) for b in BUCKETS.keys}}
        bucket = c[0].selectbox(t("aging.drill.bucket"), list(bucket_names), key="aging_drill_bucket",
                                format_func=bucket_names.get)
        chosen_buckets = tuple(BUCKETS.keys[1:]) if bucket == "overdue" else bucket
        dby = c[1].selectbox(t("aging.by"), [None, *segments], format_func=SEG_LABELS.get, key="aging_drill_by")
        value = None
        if dby is not None:
            values = U.segment_values(core, dby)
            value = c[2].selectbox(seg_title(dby), values, key=f"aging_drill_value_{dby}") if values else None
        unmask = st.toggle(t("aging.drill.unmask"), key="aging_drill_unmask", help=t("aging.drill.unmask_help"))
        try:
            rows = U.drill_down(token, core, state.portfolio(), month, chosen_buckets, dby if value is not None else None, value, not unmask)
            cell_bal = float(rows["balance"].sum()) if len(rows) else 0.0
            st.markdown(t("aging.drill.summary", n=len(rows), balance=format_amount(cell_bal, UNIT), unit=UNIT_LABEL,
                          month=month, bucket=bucket_names[bucket],
                          segment=seg_title(dby) + (f" = {value}" if value is not None else "") if dby else t("aging.drill.all_segments")))
            shown = U.drill_display(rows, BUCKETS, LANG)
            if len(rows) > U.DRILL_SHOW:
                st.caption(t("aging.drill.truncated", shown=U.DRILL_SHOW, n=len(rows)))
            st.dataframe(shown.head(U.DRILL_SHOW), hide_index=True, width="stretch", key="aging_drill_table",
                         column_config=U.table_config(shown))
            note = dline(month=month, buckets=BUCKETS) + (" | " + t("aging.drill.unmasked_note") if unmask else "")
            name = f"aging_accounts_{month}_{bucket or 'all'}"
            d1, d2 = st.columns(2)
            d1.download_button(t("widgets.download_csv"), data=lambda: export_csv_bytes(shown, masked=not unmask),
                               file_name=f"{name}.csv", mime="text/csv", key="aging_drill_csv", width="stretch")
            d2.download_button(t("widgets.download_xlsx"),
                               data=lambda: export_xlsx_bytes({t("aging.drill.sheet"): shown}, masked=not unmask, note=note),
                               file_name=f"{name}.xlsx", key="aging_drill_xlsx", width="stretch",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            definitions(note)
        except A.AgingError as exc:
            warn(exc)
