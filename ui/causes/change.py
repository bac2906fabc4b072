"""The change tab (本月变化归因): was a rate's move between two months mix or risk, and where?"""
from __future__ import annotations

import streamlit as st

from analysis.causes.decomposition import waterfall_table
from analysis.causes.dictionary import CausesError
from analysis.causes.summary import lead_effect
from analysis.charts import causes as CH
from analysis.core.tables import unit_suffix
from analysis.core.units import format_rate
from analysis.core.vocabulary import RATE_METRICS, metric_name
from ui import persist
from ui.causes import cached
from ui.causes import keys as K
from ui.causes import tables as T
from ui.causes.context import CausesPage
from ui.i18n import t, t_data
from ui.widgets import definitions, show_chart, show_display_table

DEFAULT_METRIC = "dpd30_rate"


def change_tab(page: CausesPage) -> None:
    """Two months, a segment and a rate; then the decomposition."""
    st.caption(t("causes.change.intro"))
    if len(page.months) < 2:
        st.info(t("causes.change.one_month"))
        return
    if not page.segments:
        st.info(t("causes.segment.none"))
        return
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        m_from = page.pick_month(K.CHG_FROM, t("causes.change.from"), page.months, page.months[-2])
    with c2:
        m_to = page.pick_month(K.CHG_TO, t("causes.change.to"), page.months, page.months[-1])
    by = page.pick_segment(K.CHG_BY, c3)
    metric = persist.choice(c4.selectbox, t("causes.change.metric"), list(RATE_METRICS), key=K.CHG_METRIC,
                            default=DEFAULT_METRIC, options=list(RATE_METRICS),
                            format_func=lambda k: metric_name(k, page.view.lang))
    try:
        rates_cube = cached.segment_rate_cube(page.token, page.core, by)
        change = cached.decompose(page.token, rates_cube, by, m_from, m_to, metric, page.view.measure)
        change_view(page, change, by)
    except CausesError as exc:
        page.problem(exc)


def change_view(page: CausesPage, change, by: str) -> None:
    """Figures, one sentence, the waterfall and the per-segment table of a decomposition."""
    m_from, m_to = change.month_from, change.month_to
    metric_label = metric_name(change.metric, page.view.lang)
    line = page.dline(measure=page.view.measure, months=(m_from, m_to), extra=[t("causes.change.def")])
    definitions(line)
    m = st.columns(4)
    m[0].metric(t("causes.change.rate_at", month=m_from), format_rate(change.rate_from))
    m[1].metric(t("causes.change.rate_at", month=m_to), format_rate(change.rate_to),
                delta=page.pp(change.change), delta_color="inverse")
    # The unit goes in the label: "+0.007个百分点" as a card value did not fit a quarter of the page.
    points = unit_suffix("pp", page.view.lang).strip()
    m[2].metric(t("causes.change.mix_total_in", unit=points), page.pp_number(change.mix_total))
    m[3].metric(t("causes.change.rate_total_in", unit=points), page.pp_number(change.rate_total))
    lead = lead_effect(change)
    if lead is not None:
        segment, part = lead
        st.markdown(t_data("causes.change.summary", metric=metric_label, start=m_from, end=m_to,
                      change=page.pp(change.change), mix=page.pp(change.mix_total), rate=page.pp(change.rate_total),
                      segment=segment["segment"], effect=page.pp(float(segment["total_effect"])),
                      part=t(f"causes.change.part.{part}")))
    elif len(change.segments):
        st.markdown(t("causes.change.no_change", metric=metric_label, start=m_from, end=m_to))
    steps = waterfall_table(change, {
        "start": m_from, "end": m_to, "mix": page.tr("causes.effect.mix"), "rate": page.tr("causes.effect.rate"),
        "others": page.tr("causes.segment.other")})
    show_chart(CH.chart_rate_waterfall(steps, page.view, metric_label=metric_label, month_from=m_from, month_to=m_to,
                                       subtitle=line), key=K.WATERFALL)
    show_display_table(T.change_table(page, change, by), key=K.WATERFALL)
