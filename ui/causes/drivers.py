"""The drivers tab (风险驱动因素): what goes with delinquency when nobody wrote down why.

Top to bottom: the month and the bad-account definition, three figures, segment rates with their
significance, the information-value ranking with one attribute's bins, and a logistic regression
over the attributes the reader picks (fitted on request in a large month).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.causes.dictionary import CausesError
from analysis.causes.drivers import explain_odds_ratios
from analysis.causes.summary import (DEFAULT_DRIVER_THRESHOLD, DRIVER_THRESHOLDS, bad_rate,
                                     default_model_attributes, threshold_days)
from analysis.charts import causes as CH
from analysis.core.i18n import translate
from analysis.core.markup import escape_markdown
from analysis.core.units import format_rate
from ui import persist
from ui.causes import cached
from ui.causes import keys as K
from ui.causes import session
from ui.causes import tables as T
from ui.causes.context import CausesPage
from ui.i18n import t
from ui.widgets import definitions, show_chart, show_display_table


class _Drivers:
    """One month's driver frame and how "bad" is defined for it."""

    def __init__(self, page: CausesPage, frame: pd.DataFrame, month: str, threshold: int):
        self.page, self.frame, self.month, self.threshold = page, frame, month, threshold
        self.days = threshold_days(threshold)
        self.flag = t(f"causes.drivers.threshold.{threshold}")
        self.view = page.view.but(month=month)
        self.line = page.dline(measure="count", month=month, extra=[t("causes.drivers.flag_def", flag=self.flag)])


def drivers_tab(page: CausesPage) -> None:
    """The drivers tab: controls, figures, then segments, IV and the model."""
    st.caption(t("causes.drivers.intro"))
    c1, c2 = st.columns(2)
    with c1:
        month = page.pick_month(K.DRV_MONTH, t("causes.month"), page.months, page.months[-1])
    threshold = persist.choice(c2.selectbox, t("causes.drivers.threshold"), list(DRIVER_THRESHOLDS), key=K.DRV_THRESHOLD,
                               default=DEFAULT_DRIVER_THRESHOLD, options=list(DRIVER_THRESHOLDS),
                               format_func=lambda d: page.tr(f"causes.drivers.threshold.{d}"))
    try:
        with st.spinner(t("causes.drivers.preparing")):
            frame = cached.driver_frame(page.token, page.accounts, month, threshold)
    except CausesError as exc:
        page.problem(exc)
        return
    data = _Drivers(page, frame, month, threshold)
    n_bad, rate = bad_rate(frame)
    m = st.columns(3)
    m[0].metric(t("causes.drivers.m.accounts"), f"{len(frame):,}")
    m[1].metric(t("causes.drivers.m.bad", flag=data.flag), f"{n_bad:,}")
    m[2].metric(t("causes.drivers.m.rate", flag=data.flag), format_rate(rate))
    definitions(data.line)
    segments_section(data)
    iv = iv_section(data)
    if iv is not None and len(iv):
        model_section(data, iv)
    elif iv is not None:
        st.info(page.tr("causes.error.no_attributes"))


def segments_section(data: _Drivers) -> None:
    """Each segment's bad rate against the book's, with a chi-squared test of the whole split."""
    page = data.page
    st.subheader(t("causes.drivers.segments.title"))
    st.caption(t("causes.drivers.segments.help"))
    by = page.pick_segment(K.DRV_BY)
    if by is None:
        return
    try:
        rates, chi = cached.segment_rates(page.token, data.frame, data.month, data.threshold, by)
    except CausesError as exc:
        page.problem(exc)
        return
    show_chart(CH.chart_segment_rates(rates, data.view, by_label=page.seg_title(by), threshold_days=data.days,
                                      subtitle=data.line), key=K.SEGMENT_RATES)
    if not pd.isna(chi["p_value"]):
        st.caption(t("causes.drivers.chi", chi2=f"{chi['chi2']:,.1f}", dof=int(chi["dof"]), p=f"{chi['p_value']:.4f}",
                     verdict=t("causes.drivers.chi_yes" if chi["p_value"] < 0.05 else "causes.drivers.chi_no")))
    show_display_table(T.segment_rates_table(page, rates, by, data.flag, data.month), key=K.SEGMENT_RATES)


def iv_section(data: _Drivers) -> pd.DataFrame | None:
    """Attributes ranked by information value, and the bins of the one the reader opens."""
    page = data.page
    st.subheader(t("causes.drivers.iv.title"))
    st.caption(t("causes.drivers.iv.help"))
    try:
        with st.spinner(t("causes.drivers.iv.computing")):
            iv = cached.information_value(page.token, data.frame, data.month, data.threshold)
    except CausesError as exc:
        page.problem(exc)
        return None
    if not len(iv):
        return iv
    names = _names(page, iv)
    show_chart(CH.chart_iv_ranking(iv, data.view, names=names, subtitle=data.line), key=K.IV)
    show_display_table(T.iv_table(page, iv, names, data.month), key=K.IV)
    if (iv["strength"] == "suspicious").any():
        st.caption(t("causes.drivers.iv.suspicious"))
    attrs = iv["attribute"].tolist()
    if page.presenting:  # the WoE table of one attribute is desk work
        return iv
    with st.expander(t("causes.drivers.woe.title")):
        attr = persist.choice(st.selectbox, t("causes.drivers.col.attribute"), attrs, format_func=names.get, key=K.DRV_ATTR,
                              default=attrs[0], options=attrs)
        woe = cached.woe_table(page.token, data.frame, data.month, data.threshold, attr)
        T.show_inline(T.woe_table(page, woe, data.flag), page.view.lang, K.WOE_TABLE)
    return iv


def _names(page: CausesPage, iv: pd.DataFrame) -> dict[str, str]:
    return {a: page.attr_title(a) for a in iv["attribute"]}


def model_section(data: _Drivers, iv: pd.DataFrame) -> None:
    """A logistic regression over the chosen attributes: odds ratios as a chart, in words and as a table."""
    page, frame = data.page, data.frame
    st.subheader(t("causes.drivers.model.title"))
    st.caption(t("causes.drivers.model.help", flag=data.flag))
    names, attrs = _names(page, iv), iv["attribute"].tolist()
    session.keep_choices(K.DRV_MODEL, attrs, default_model_attributes(iv))
    chosen = persist.choice(st.multiselect, t("causes.drivers.model.attributes"), attrs, format_func=names.get,
                            key=K.DRV_MODEL, default=default_model_attributes(iv), placeholder=t("app.choose"))
    # A big month's fit (and statsmodels' full results) takes seconds: on request, then kept on
    # for this data while the user changes the attributes or the month.
    wanted = session.model_wanted(len(frame), page.token)
    if chosen and not wanted:
        st.caption(t("causes.drivers.model.on_request", n=f"{len(frame):,}"))
        if st.button(t("causes.drivers.model.run"), key=K.FIT_MODEL, icon=":material/functions:"):
            session.ask_for_model(page.token)
            wanted = True
    if not chosen:
        st.info(t("causes.drivers.model.pick"))
        return
    if not wanted:
        return
    try:
        with st.spinner(t("causes.drivers.model.fitting")):
            fit = cached.logistic(page.token, frame, data.month, data.threshold, tuple(chosen))
    except CausesError as exc:
        page.problem(exc)
        return
    if fit.warning:
        st.warning(translate(fit.warning, page.view.lang))
    st.caption(t("causes.drivers.model.facts", n=f"{fit.n:,}", events=f"{fit.events:,}", r2=f"{fit.pseudo_r2:.3f}")
               + (" " + t("causes.drivers.model.sampled") if fit.sampled else "")
               + (" " + t("causes.drivers.model.dropped", n=f"{fit.dropped:,}") if fit.dropped else ""))
    show_chart(CH.chart_driver_odds_ratios(fit.table, data.view, names=names, threshold_days=data.days,
                                           subtitle=data.line), key=K.ODDS)
    st.markdown(t("causes.drivers.model.reading"))
    for line in explain_odds_ratios(fit, page.view.lang, names, data.days)[:8]:
        st.markdown(f"- {escape_markdown(line)}")  # names columns and values from the file
    show_display_table(T.odds_table(page, fit, names, data.month), key=K.ODDS)
