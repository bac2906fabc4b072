"""The vintage tab: curves and triangle by origination cohort, and first-payment default (FPD)."""
from __future__ import annotations

import streamlit as st

from analysis.aging import rates as A
from analysis.aging import tables as TB
from analysis.aging import vintage as V
from analysis.charts import aging as C

from ui import persist
from ui.aging import data as D
from ui.aging import keys as K
from ui.aging import page as P
from ui.i18n import t
from ui.widgets import show_chart, show_display_table


def vintage(page: P.Page) -> None:
    """Vintage curves and triangle by origination cohort, and first-payment default."""
    if not page.core.has_origination:
        st.info(t("aging.vintage.no_origination"))
        return
    _vintage_curves(page)
    _first_payment_default(page)


def _vintage_curves(page: P.Page) -> None:
    v = page.view
    c = st.columns(3)
    cohorts, metrics = ["month", "quarter"], ["ever30", "dpd30"]
    cohort = persist.choice(c[0].radio, t("aging.vintage.cohort"), cohorts, horizontal=True, key=K.VINTAGE_COHORT,
                            default=cohorts[0], options=cohorts, format_func=P.options("aging.vintage.cohort", cohorts).get)
    metric = persist.choice(c[1].radio, t("aging.vintage.metric"), metrics, horizontal=True, key=K.VINTAGE_METRIC,
                            default=metrics[0], options=metrics, format_func=P.options("aging.vintage.metric", metrics).get)
    st.caption(t(f"aging.vintage.explain.{metric}"))
    in_window = persist.choice(c[2].toggle, t("aging.vintage.in_window"), key=K.VINTAGE_IN_WINDOW, default=True,
                               help=t("aging.vintage.in_window_help"))
    last = int(persist.choice(c[2].number_input, t("aging.vintage.last"), min_value=1, max_value=240, step=1,
                              key=K.VINTAGE_LAST, default=24))
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
    note = C.vintage_note(tri, v)
    if note:
        # One MOB draws one dot per cohort: say why there is no curve rather than show an empty-looking chart.
        st.info(note)
    else:
        sub = page.dline(measure=v.measure, months=page.span, extra=[t(f"aging.vintage.metric.{metric}")])
        show_chart(C.chart_vintage_curves(tri, v, metric=metric, subtitle=sub), key=K.VINTAGE_CURVES)
        show_chart(C.chart_vintage_heatmap(tri, v, metric=metric, subtitle=sub), key=K.VINTAGE_HEATMAP)
    show_display_table(TB.vintage_table(tri, v, metric=metric), key=K.VINTAGE_TABLE)


def _first_payment_default(page: P.Page) -> None:
    v = page.view
    st.subheader(t("aging.fpd.heading"))
    threshold = int(persist.choice(st.segmented_control, t("aging.fpd.threshold"), [1, 7, 30, 60], default=30,
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
        P.warn(exc, v)
