"""The stability tab (客群稳定性, PSI): did the mix of the book shift from month to month?"""
from __future__ import annotations

import streamlit as st

from analysis.causes.dictionary import CausesError
from analysis.causes.summary import psi_headline
from analysis.charts import causes as CH
from ui import persist
from ui.causes import cached
from ui.causes import keys as K
from ui.causes import tables as T
from ui.causes.context import CausesPage
from ui.i18n import t
from ui.widgets import definitions, show_chart, show_display_table

PSI_REFERENCES = ("previous", "first")
PSI_MEASURES = ("count", "balance")


def psi_columns(page: CausesPage) -> list[str]:
    """What PSI can be read on: the score (in bands) when the data has one, then the segments."""
    accounts = page.accounts
    has_score = "score" in accounts.columns and bool(accounts["score"].notna().any())
    return (["score"] if has_score else []) + page.segments


def stability_tab(page: CausesPage) -> None:
    """Controls, three figures, the PSI trend and one month's bands."""
    st.caption(t("causes.psi.intro"))
    columns = psi_columns(page)
    if len(page.months) < 2:
        st.info(t("causes.psi.one_month"))
        return
    if not columns:
        st.info(t("causes.psi.no_columns"))
        return
    c1, c2, c3 = st.columns(3)
    column = persist.choice(c1.selectbox, t("causes.psi.column"), columns, format_func=page.attr_title, key=K.PSI_COLUMN,
                            default=columns[0], options=columns)
    reference = persist.choice(c2.selectbox, t("causes.psi.reference"), list(PSI_REFERENCES), key=K.PSI_REFERENCE,
                               default=list(PSI_REFERENCES)[0], options=list(PSI_REFERENCES),
                               format_func=lambda r: page.tr(f"causes.psi.reference.{r}"))
    measures = ["count"] if page.view.counts_only else list(PSI_MEASURES)  # no balances: accounts only
    measure = persist.choice(c3.selectbox, t("causes.psi.measure"), measures, key=K.PSI_MEASURE,
                             default=measures[0], options=measures,
                             format_func=lambda m: page.tr(f"app.sidebar.measure.{m}"))
    try:
        with st.spinner(t("causes.psi.computing")):
            trend = cached.psi_trend(page.token, page.accounts, column, reference, measure)
        psi_view(page, trend, column, measure)
    except CausesError as exc:
        page.problem(exc)


def psi_view(page: CausesPage, trend, column: str, measure: str) -> None:
    """The PSI figures, chart and table, and the bands of one month against its reference."""
    line = page.dline(measure=measure, months=(page.months[0], page.months[-1]),
                      extra=[t("causes.psi.bands_def") if column == "score" else t("causes.psi.segments_def")])
    definitions(line)
    latest, worst = psi_headline(trend)
    m = st.columns(3)
    m[0].metric(t("causes.psi.latest", month=latest["month"]), f"{latest['psi']:.4f}",
                help=page.tr(f"causes.psi.{latest['verdict']}"))
    m[1].metric(t("causes.psi.verdict"), page.tr(f"causes.psi.{latest['verdict']}"))
    m[2].metric(t("causes.psi.max"), f"{worst['psi']:.4f}", help=str(worst["month"]))
    show_chart(CH.chart_psi_trend(trend, page.view, column_label=page.attr_title(column), subtitle=line), key=K.PSI)
    show_display_table(T.psi_table(page, trend, column), key=K.PSI)
    with st.expander(t("causes.psi.detail")):
        months = trend["month"].tolist()
        month = page.pick_month(K.PSI_MONTH, t("causes.month"), months, months[-1])
        reference = trend.set_index("month").loc[month, "reference_month"]
        detail = cached.psi_detail(page.token, page.accounts, column, month, reference, measure)
        T.show_inline(T.psi_detail_table(page, detail, month, reference), page.view.lang, K.PSI_DETAIL_TABLE)
