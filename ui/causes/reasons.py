"""The reasons tab (逾期原因): what the written reasons say about one month's overdue book.

Top to bottom: the month, four headline figures with the reconciliation against the book, one
sentence on the causes behind 80 % of it, then Pareto, responses, cause × bucket, cause ×
segment, the monthly mix, practice classes, the workbook and the dictionary.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.causes import dictionary as C
from analysis.causes.dictionary import CausesError
from analysis.causes.summary import cell_accounts, leading_cause, pareto_lead, reconciles, unclassified_rate
from analysis.charts import causes as CH
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.tables import MISSING, csv_frame
from analysis.core.units import format_amount, format_rate
from ui import countonly, persist, state
from ui.causes import cached
from ui.causes import keys as K
from ui.causes import session
from ui.causes import tables as T
from ui.causes.context import CausesPage
from ui.causes.editors import classes_editor, dictionary_section, responses_editor
from ui.i18n import t, t_data
from ui.widgets import definitions, show_chart, show_display_table

#: The practice classes the overdue book can be read by.
CLASS_DIMENSIONS = ("willingness", "hardship", "term")


class _Reasons:
    """The month's classified rows and the cache keys of the user's dictionary and class table."""

    def __init__(self, page: CausesPage, table: pd.DataFrame, dkey: str, ckey: str, month: str):
        self.page, self.table, self.dkey, self.ckey, self.month = page, table, dkey, ckey, month
        self.rows = table[table["month"] == month]
        self.view = page.view.but(month=month)

    def pareto(self, measure: str) -> pd.DataFrame:
        return cached.pareto(self.page.token, self.dkey, self.ckey, self.table, self.month, measure)

    def breakdown(self, by: str) -> pd.DataFrame:
        return cached.breakdown(self.page.token, self.dkey, self.ckey, self.table, by, self.month)


def reasons_tab(page: CausesPage) -> None:
    """The reasons tab, or why it cannot show and the dictionary to prepare meanwhile."""
    if not page.has_reasons:
        st.info(t("causes.no_reason_detail"))
        dictionary_section(page, None)
        return
    dictionary, classes = session.dictionary(), session.class_table()
    dkey, ckey = session.table_key(dictionary), session.table_key(classes)
    try:
        with st.spinner(t("causes.classifying")):
            table = cached.overdue_causes(page.token, dkey, ckey, page.accounts, dictionary, classes)
            detail = cached.reason_detail(page.token, dkey, page.accounts, dictionary)
    except CausesError as exc:
        page.problem(exc)
        dictionary_section(page, None)
        return
    c1, _ = st.columns([1, 3])
    with c1:
        month = page.pick_month(K.MONTH, t("causes.month"), page.months, page.months[-1])
    data = _Reasons(page, table, dkey, ckey, month)
    if not len(data.rows):
        st.info(t("causes.no_overdue", month=month))
        dictionary_section(page, detail)
        return
    headline(data)
    pareto_table = pareto_section(data)
    by_bucket = bucket_section(data)
    segment_section(data)
    trend_section(data)
    classes_section(data)
    if page.presenting:
        return
    classes_editor(page)
    workbook_button(data, pareto_table, by_bucket, detail)
    st.divider()
    dictionary_section(page, detail)


def headline(data: _Reasons) -> None:
    """Four figures, the 口径 line, the reconciliation with the book and the 80 % sentence."""
    page, view, month = data.page, data.view, data.month
    par = data.pareto(view.measure)
    book = cached.book_rates(page.token, page.core).loc[month]
    top = leading_cause(par, view.measure)  # as the overview's finding: blank and unmatched name no cause
    # a book without balances: the balance card would repeat the accounts card
    m = st.columns(3 if view.counts_only else 4)
    m[0].metric(t("causes.m.overdue_accounts"), f"{int(par['count'].sum()):,}",
                help=t("causes.m.overdue_accounts_help", total=f"{int(book['count']):,}"))
    if not view.counts_only:
        m[1].metric(t("causes.m.overdue_balance", unit=view.unit_label), format_amount(par["balance"].sum(), view.unit),
                    help=t("causes.m.overdue_balance_help", total=format_amount(float(book["balance"]), view.unit),
                           unit=view.unit_label))
    m = m if not view.counts_only else [None, *m]  # the next cards keep their places
    # The cause's name in the label, its share as the figure: a name such as 多头借贷/负债过重 in the
    # card's large figure type was cut off in a quarter-width card.
    if top is None:
        m[2].metric(t("causes.m.top_cause"), MISSING, help=t("causes.m.top_cause_none_help"))
    else:
        m[2].metric(t_data("causes.m.top_cause_named", cause=page.cause_name(str(top["cause"]))),
                    format_rate(top[f"{view.measure}_share"], 1), help=t("causes.m.top_cause_share_help"))
    m[3].metric(t("causes.m.unclassified"), format_rate(unclassified_rate(data.rows), 1),
                help=t("causes.m.unclassified_help"))
    definitions(page.dline(measure=view.measure, month=month, buckets=view.buckets))
    # Every cause view must add up to the month's overdue book, computed independently from the rows.
    st.caption(countonly.text("causes.reconciled" if reconciles(par, book) else "causes.not_reconciled",
                 n=f"{int(book['overdue_count']):,}", balance=format_amount(float(book["overdue_balance"]), view.unit),
                 unit=view.unit_label, total=f"{int(book['count']):,}"))
    # One sentence a manager can read out: the few causes behind 80 % of the overdue book.
    share = f"{view.measure}_share"
    lead = pareto_lead(par, view.measure)
    st.markdown(t("causes.summary", k=len(lead), measure=t(f"causes.summary.{view.measure}"),
                  share=format_rate(float(lead[share].sum()), 1),
                  causes=t("causes.summary.sep").join(
                      t_data("causes.summary.item", cause=page.cause_name(str(c)), share=format_rate(s, 1))
                      for c, s in zip(lead["cause"], lead[share]))))


def pareto_section(data: _Reasons):
    """The Pareto of causes by the measure the reader picks, then each cause's response."""
    page = data.page
    st.subheader(t("causes.pareto.title"))
    st.caption(t("causes.pareto.help"))
    measures = ("count",) if page.view.counts_only else ("balance", "count")  # no balances: accounts only
    measure = persist.choice(
        st.segmented_control, t("causes.pareto.measure"), list(measures), key=K.PARETO_MEASURE,
        default=page.view.measure, options=measures,
        format_func=lambda m: page.tr(f"app.sidebar.measure.{m}")) or page.view.measure
    ranked = data.pareto(measure)
    show_chart(CH.chart_cause_pareto(ranked, data.view.but(measure=measure),
                                     subtitle=page.dline(measure=measure, month=data.month)), key=K.PARETO)
    resp = C.cause_responses(ranked, state.cause_responses())
    table = T.pareto_table(page, resp, data.month)
    show_display_table(table, key=K.PARETO)
    st.subheader(t("causes.responses.title"))
    st.caption(t("causes.responses.help"))
    T.show_inline(T.responses_table(page, resp), page.view.lang, K.RESPONSES_TABLE)
    if not page.presenting:
        responses_editor(page)
    return table


def bucket_section(data: _Reasons):
    """Cause × delinquency bucket: the cause mix of each bucket."""
    page, view = data.page, data.view
    st.subheader(t("causes.bucket.title"))
    st.caption(t("causes.bucket.help"))
    by_bucket = data.breakdown("bucket")
    picked = show_chart(CH.chart_cause_by_bucket(
        by_bucket, view, subtitle=page.dline(measure=view.measure, month=data.month, buckets=view.buckets), pick=True),
        key=K.BY_BUCKET, pick=True)
    table = T.breakdown_table(page, by_bucket, "bucket", lambda b: view.buckets.label_of(str(b), view.lang),
                              t("causes.col.bucket"), f"causes_by_bucket_{data.month}", t("causes.bucket.title"))
    show_display_table(table, key=K.BY_BUCKET)
    if not page.presenting:
        cell_drill(data, picked[0] if picked else None)
    return table


def cell_drill(data: _Reasons, cell: dict | None) -> None:
    """The accounts behind the heatmap cell the reader clicked, or how to get them."""
    if cell is None or not {"cause_key", "bucket_key"} <= set(cell):
        st.caption(t("causes.drill.hint"))
        return
    accounts = cell_accounts(data.rows, str(cell["cause_key"]), str(cell["bucket_key"]), data.view)
    show_display_table(accounts, key=K.CELL_DRILL, expanded=True)
    st.caption(t("causes.drill.clear"))


def segment_section(data: _Reasons) -> None:
    """Cause × a segment the reader picks."""
    page, view = data.page, data.view
    st.subheader(t("causes.segment.title"))
    by = page.pick_segment(K.BY)
    if by is None:
        return
    by_seg = data.breakdown(by)
    show_chart(CH.chart_cause_by_segment(by_seg, view, by=by, by_label=page.seg_title(by),
                                         subtitle=page.dline(measure=view.measure, month=data.month)),
               key=K.BY_SEGMENT)
    show_display_table(T.breakdown_table(page, by_seg, by, str, page.seg_title(by), f"causes_by_{by}_{data.month}",
                                         t("causes.segment.title")), key=K.BY_SEGMENT)


def trend_section(data: _Reasons) -> None:
    """Each cause's share of the overdue book, month by month."""
    page, view = data.page, data.view
    st.subheader(t("causes.trend.title"))
    if len(page.months) < 2:
        st.info(t("causes.trend.one_month"))
        return
    shares = cached.trend(page.token, data.dkey, data.ckey, data.table)
    show_chart(CH.chart_cause_trend(shares, view, subtitle=page.dline(measure=view.measure,
                                                                      months=(page.months[0], page.months[-1]))),
               key=K.TREND)
    show_display_table(T.breakdown_table(page, shares, "month", str, t("causes.col.month"), "causes_trend",
                                         t("causes.trend.title")), key=K.TREND)


def classes_section(data: _Reasons) -> None:
    """The overdue book by willingness, hardship or term."""
    page, view = data.page, data.view
    st.subheader(t("causes.classes.title"))
    st.caption(t("causes.classes.help"))
    dim = persist.choice(st.segmented_control, t("causes.classes.dimension"), list(CLASS_DIMENSIONS), key=K.CLASS_DIM,
                         default=CLASS_DIMENSIONS[0], options=CLASS_DIMENSIONS,
                         format_func=lambda d: page.tr(f"causes.class.{d}")) or CLASS_DIMENSIONS[0]
    summary = C.class_summary(data.rows, dim)
    show_chart(CH.chart_cause_classes(summary, view, dimension=dim,
                                      subtitle=page.dline(measure=view.measure, month=data.month)),
               key=K.CLASSES_VIEW)
    show_display_table(T.classes_table(page, summary, dim, data.month), key=K.CLASSES_VIEW)


def workbook_button(data: _Reasons, pareto_table, by_bucket, detail: pd.DataFrame) -> None:
    """The month's Pareto, cause × bucket and reason texts as one workbook (built when clicked).

    Sheets hold numbers as the CSV downloads do (rates ×100, the unit in the column title).
    """
    page, view, lang = data.page, data.view, data.view.lang
    st.download_button(
        t("causes.download_xlsx"),
        data=lambda: export_xlsx_bytes({
            page.tr("causes.sheet.pareto"): csv_frame(pareto_table, lang),
            page.tr("causes.sheet.bucket"): csv_frame(by_bucket, lang),
            page.tr("causes.sheet.reasons"): csv_frame(T.reasons_table(page, detail), lang),
        }, note=page.dline(measure=view.measure, month=data.month, buckets=view.buckets)),
        file_name=f"overdue_causes_{data.month}.xlsx", key=K.XLSX,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
