"""The regulatory tab: five-tier classification (五级分类) at a preset or custom thresholds, and
IFRS 9 stages at their backstops.

When the file holds the bank's own classification (``loan_class``), that is the headline: it is
the figure the bank reports. The classes by DPD follow as a check, with the file class × DPD
class tables and a plain sentence when the bank classifies better than the 2023 办法's DPD floors."""
from __future__ import annotations

import streamlit as st

from analysis.aging import rates as A
from analysis.aging import regulatory as R
from analysis.aging import tables as TB
from analysis.charts import aging as C
from analysis.core.buckets import FIVE_TIER_2023
from analysis.core.units import format_amount, format_pp, format_rate
from analysis.core.vocabulary import five_tier_label

from ui import persist, state
from ui.aging import keys as K
from ui.aging import page as P
from ui.i18n import t
from ui.widgets import show_chart, show_display_table


def regulatory(page: P.Page) -> None:
    """Five-tier classification (五级分类) at a preset or custom thresholds, and IFRS 9 stages;
    the bank's own classification first when the file has one."""
    classes = page.cubes.classes
    if len(classes.columns):
        _file_classes(page, classes)
        if _dpd_from_class():
            st.info(t("aging.reg.dpd_from_class"))  # its DPD is the class itself: no check
        else:
            rule = _five_tier(page)
            if rule is not None:
                _comparison(page, classes, *rule)
    else:
        _five_tier(page)
    _ifrs9(page)


def _dpd_from_class() -> bool:
    """The DPD of this upload came from the bank's classification (the file had nothing else)."""
    summary = getattr(state.ingest_result(), "summary", None) or {}
    return summary.get("dpd_source") == "loan_class"


def _file_classes(page: P.Page, classes) -> None:
    """The bank's classification as the file gives it: shares by balance and by count, NPL ratio."""
    v = page.view
    st.subheader(t("aging.reg.file_heading"))
    st.caption(t("aging.reg.file_intro"))
    try:
        dist = R.file_class_distribution(classes, v.month, v.lang)
    except A.AgingError as exc:
        P.warn(exc, v)
        return
    npl = dist[dist["tier"].isin(R.NPL_CLASSES)]
    sm = dist[dist["tier"] == "special_mention"]
    cards = [("aging.reg.file_npl_balance", _share(npl["balance"].sum(), dist["balance"].sum())),
             ("aging.reg.file_npl_count", _share(npl["count"].sum(), dist["count"].sum())),
             ("aging.reg.file_sm_balance", _share(sm["balance"].sum(), dist["balance"].sum()))]
    if v.counts_only:  # no balances: the balance figures would repeat the counts
        cards = [cards[1]]
    for col, (key, value) in zip(st.columns(3), cards):
        col.metric(t(key), format_rate(value))
    unclassified = dist[dist["tier"] == R.UNCLASSIFIED]
    if len(unclassified):
        st.caption(t("aging.reg.file_unclassified", n=int(unclassified["count"].iloc[0]),
                     balance=format_amount(float(unclassified["balance"].iloc[0]), v.unit), unit=v.unit_label))
    sub = page.dline(measure=v.measure, month=v.month, extra=[t("aging.reg.file_basis")])
    left, right = st.columns(2)
    with left:
        show_chart(C.chart_file_classes(dist, v, subtitle=sub), key=K.FILE_CLASS)
        show_display_table(TB.file_class_table(dist, v), key=K.FILE_CLASS_TABLE)
    with right:
        trend = R.file_class_trend(classes, v.measure)
        show_chart(C.chart_npl_trend(trend, v, subtitle=page.dline(measure=v.measure, months=page.span,
                                                                   extra=[t("aging.reg.file_basis")]),
                                     title=t("aging.reg.file_npl_title")), key=K.FILE_NPL)
        show_display_table(TB.npl_table(trend, v, source="file"), key=K.FILE_NPL_TABLE)


def _share(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else float("nan")


def _comparison(page: P.Page, classes, preset: str, thresholds) -> None:
    """The file's class against the class by DPD: where the bank is stricter, where it is not."""
    v = page.view
    st.subheader(t("aging.reg.compare_heading"))
    try:
        comparison = R.class_comparison(classes, v.month, thresholds, v.lang)
        floors = R.class_gaps(R.class_comparison(classes, v.month, FIVE_TIER_2023, v.lang))
    except A.AgingError as exc:
        P.warn(exc, v)
        return
    gaps = R.class_gaps(comparison)
    st.caption(t("aging.reg.compare_intro"))
    ratios = R.class_npl_ratios(comparison, v.measure)
    cols = st.columns(2)
    cols[0].metric(t(f"aging.reg.npl_file.{v.measure}"), format_rate(ratios["file"]))
    cols[1].metric(t(f"aging.reg.npl_dpd.{v.measure}", rule=t(f"aging.reg.short.{preset}")), format_rate(ratios["dpd"]),
                   delta=format_pp(ratios["dpd"] - ratios["file"], v.lang), delta_color="off",
                   help=t("aging.reg.npl_gap_help"))
    below = floors[floors["relation"] == "better"].iloc[0]
    chosen = gaps[gaps["relation"] == "better"].iloc[0]
    # a book without balances says accounts only (its "balance" is the count again)
    suffix = "_count" if v.counts_only else ""
    if below["count"] > 0:
        st.warning(t(f"aging.reg.below_floor{suffix}", n=int(below["count"]), unit=v.unit_label,
                     balance=format_amount(float(below["balance"]), v.unit),
                     share=format_rate(float(below["count_share" if v.counts_only else "balance_share"]))),
                   icon=":material/flag:")
    elif chosen["count"] > 0:
        st.caption(t(f"aging.reg.better_than_rule{suffix}", n=int(chosen["count"]), unit=v.unit_label,
                     balance=format_amount(float(chosen["balance"]), v.unit),
                     share=format_rate(float(chosen["count_share" if v.counts_only else "balance_share"]))))
    else:
        st.caption(t("aging.reg.not_better"))
    show_display_table(TB.class_gaps_table(gaps, v), key=K.CLASS_GAPS_TABLE, expanded=True)
    show_display_table(TB.class_comparison_table(comparison, v, "balance"), key=K.CLASS_COMPARE_BALANCE,
                       expanded=True)
    show_display_table(TB.class_comparison_table(comparison, v, "count"), key=K.CLASS_COMPARE_COUNT)


def _five_tier(page: P.Page) -> tuple[str, list[int]] | None:
    """The classes by DPD at a preset or custom thresholds; the rule and thresholds used (None: invalid)."""
    v = page.view
    st.subheader(t("aging.reg.five_tier"))
    presets = ["credit_card", "floors_2023", "custom"]
    preset = persist.choice(st.selectbox, t("aging.reg.preset"), presets, key=K.TIER_PRESET, shared=True, default=presets[0],
                            options=presets, format_func=P.options("aging.preset", presets).get)
    base = R.FIVE_TIER_PRESETS.get(preset, R.FIVE_TIER_PRESETS["credit_card"])
    cols = st.columns(4)
    thresholds = [
        persist.choice(cols[i].number_input, t("aging.reg.from", tier=five_tier_label(n, v.lang)), min_value=1,
                       max_value=3650, step=1, key=K.tier_threshold(preset, n), shared=True, default=int(base[i]),
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
        return None
    return preset, thresholds


def _ifrs9(page: P.Page) -> None:
    v = page.view
    st.subheader(t("aging.reg.ifrs9"))
    stage2_default, stage3_default = R.IFRS9_DEFAULT  # the one definition of the backstops
    c = st.columns(2)
    s2 = int(persist.choice(c[0].number_input, t("aging.reg.stage2"), min_value=1, max_value=3650, step=1,
                            key=K.IFRS9_STAGE2, shared=True, default=stage2_default))
    s3 = int(persist.choice(c[1].number_input, t("aging.reg.stage3"), min_value=2, max_value=3650, step=1,
                            key=K.IFRS9_STAGE3, shared=True, default=stage3_default))
    try:
        stages = R.ifrs9_distribution(page.cubes.dpd, v.month, s2, s3)
        st.caption(t("aging.reg.ifrs9_stated", s2=s2, s3=s3, s1=s2 - 1))
        sub = page.dline(measure=v.measure, month=v.month, extra=[t("aging.reg.ifrs9_basis", s2=s2, s3=s3)])
        show_chart(C.chart_ifrs9(stages, v, subtitle=sub), key=K.IFRS9)
        show_display_table(TB.ifrs9_table(stages, v), key=K.IFRS9_TABLE)
    except A.AgingError as exc:
        P.warn(exc, v)
