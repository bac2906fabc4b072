"""The regulatory tab: five-tier classification (五级分类) at a preset or custom thresholds, and
IFRS 9 stages at their backstops."""
from __future__ import annotations

import streamlit as st

from analysis.aging import rates as A
from analysis.aging import regulatory as R
from analysis.aging import tables as TB
from analysis.charts import aging as C
from analysis.core.vocabulary import five_tier_label

from ui import persist
from ui.aging import keys as K
from ui.aging import page as P
from ui.i18n import t
from ui.widgets import show_chart, show_display_table


def regulatory(page: P.Page) -> None:
    """Five-tier classification (五级分类) at a preset or custom thresholds, and IFRS 9 stages."""
    _five_tier(page)
    _ifrs9(page)


def _five_tier(page: P.Page) -> None:
    v = page.view
    st.subheader(t("aging.reg.five_tier"))
    presets = ["credit_card", "floors_2023", "custom"]
    preset = persist.choice(st.selectbox, t("aging.reg.preset"), presets, key=K.TIER_PRESET, default=presets[0],
                            options=presets, format_func=P.options("aging.preset", presets).get)
    base = R.FIVE_TIER_PRESETS.get(preset, R.FIVE_TIER_PRESETS["credit_card"])
    cols = st.columns(4)
    thresholds = [
        persist.choice(cols[i].number_input, t("aging.reg.from", tier=five_tier_label(n, v.lang)), min_value=1,
                       max_value=3650, step=1, key=K.tier_threshold(preset, n), default=int(base[i]),
                       disabled=preset != "custom")
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
        P.warn(exc, v)


def _ifrs9(page: P.Page) -> None:
    v = page.view
    st.subheader(t("aging.reg.ifrs9"))
    stage2_default, stage3_default = R.IFRS9_DEFAULT  # the one definition of the backstops
    c = st.columns(2)
    s2 = int(persist.choice(c[0].number_input, t("aging.reg.stage2"), min_value=1, max_value=3650, step=1,
                            key=K.IFRS9_STAGE2, default=stage2_default))
    s3 = int(persist.choice(c[1].number_input, t("aging.reg.stage3"), min_value=2, max_value=3650, step=1,
                            key=K.IFRS9_STAGE3, default=stage3_default))
    try:
        stages = R.ifrs9_distribution(page.cubes.dpd, v.month, s2, s3)
        st.caption(t("aging.reg.ifrs9_stated", s2=s2, s3=s3, s1=s2 - 1))
        sub = page.dline(measure=v.measure, month=v.month, extra=[t("aging.reg.ifrs9_basis", s2=s2, s3=s3)])
        show_chart(C.chart_ifrs9(stages, v, subtitle=sub), key=K.IFRS9)
        show_display_table(TB.ifrs9_table(stages, v), key=K.IFRS9_TABLE)
    except A.AgingError as exc:
        P.warn(exc, v)
