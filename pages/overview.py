"""Overview (总览): the month's headline figures, small trends and key findings, each linked."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analysis.charts.overview import chart_rate_trend, chart_sparkline, headline_table, metric_label
from analysis.core.definitions import definitions_line
from analysis.overview.findings import key_findings
from analysis.overview.headlines import RISING_IS_BAD, headline_figures, headline_trends
from analysis.core.units import format_amount, format_pp, format_rate
from ui import memo, state
from ui.i18n import lang, t
from ui.overview import cached_findings_inputs, cached_summary, user_settings, warned_accounts
from ui.widgets import definitions, show_chart, show_table

ROOT = Path(__file__).resolve().parents[1]
K_MONTH = "overview_month"
SEVERITY_ICONS = {0: ":material/check_circle:", 1: ":material/visibility:", 2: ":material/warning:"}
PAGE_TITLES = {"pages/aging.py": "aging.title", "pages/trend.py": "trend.title", "pages/causes.py": "causes.title",
               "pages/whatif.py": "whatif.title", "pages/warnings.py": "warnings.title"}


def _value(row) -> str:
    if row.kind == "rate":
        return format_rate(row.value)
    if row.kind == "amount":
        return format_amount(row.value, state.unit())
    return "–" if row.value != row.value else f"{int(row.value):,}"


def _flat(row) -> bool:
    """A change that rounds to zero as written (no arrow: "up 0.00 pp" would mislead)."""
    if row.kind == "rate":
        return abs(row.change) < 0.00005
    return row.kind == "count" and row.change == 0


def _delta(row) -> str | None:
    if row.change != row.change:  # NaN: no month before
        return None
    if row.kind == "rate":
        return format_pp(abs(row.change), lang()).lstrip("+") if _flat(row) else format_pp(row.change, lang())
    pct = "" if row.change_pct != row.change_pct else f" ({row.change_pct * 100:+.1f}%)"
    if row.kind == "amount":
        return f"{'+' if row.change >= 0 else '-'}{format_amount(abs(row.change), state.unit())}{pct}"
    return f"{int(row.change):+,}{pct}"


st.title(t("overview.title"))
if not state.has_data():
    st.info(t("overview.no_data"))
    if (ROOT / "pages/upload.py").exists():
        st.page_link("pages/upload.py", label=t("overview.go_upload"), icon=":material/upload_file:")
    st.stop()

rows = state.portfolio()  # account rows, for the warnings and causes only
if not len(rows):
    st.info(t("app.no_rows"))
    st.stop()
cubes = state.cubes()  # every figure on this page: the cubes the other pages read

months = list(cubes.months)
if st.session_state.get(K_MONTH) not in months:
    st.session_state[K_MONTH] = months[-1]
if not state.presentation():
    st.columns([1, 3])[0].selectbox(t("overview.month"), months, key=K_MONTH, help=t("overview.month_help"),
                                    persist_state="session")
month = st.session_state[K_MONTH]
measure, unit, buckets = state.measure(), state.unit(), state.buckets()
definitions(definitions_line(lang(), measure=measure, month=month, filters=state.active_filters_for_definitions(),
                             buckets=buckets))

token = state.data_token()
# The headline first (cubes and the month's warned accounts: fast); the findings, which wait for
# the month's forecast, are computed after it is on screen.
summary = cached_summary(token, cubes, measure)
settings_key, settings = user_settings()
warned = warned_accounts(token, cubes, rows, month, settings_key, settings)

figures = headline_figures(summary, month, warned)
trends = headline_trends(summary, month)

# --- headline figures ------------------------------------------------------------------------
for chunk in (figures.iloc[:4], figures.iloc[4:]):
    cols = st.columns(4)
    for col, row in zip(cols, chunk.itertuples(index=False)):
        with col.container(border=True):
            bad = row.metric in RISING_IS_BAD
            flat = row.change == row.change and _flat(row)
            st.metric(metric_label(row.metric, lang(), unit), _value(row), _delta(row),
                      delta_color="off" if flat or not bad else "inverse", delta_arrow="off" if flat else "auto",
                      help=t(f"overview.help.{row.metric}"))
            if row.metric in set(trends["metric"]) and trends[trends["metric"] == row.metric]["value"].notna().sum() > 1:
                spark = memo.chart(lambda: chart_sparkline(trends, row.metric, lang(), unit, month),
                                   "spark", trends, row.metric, lang(), unit, month)
                st.altair_chart(spark, width="stretch",
                                theme=None, key=f"overview_spark_{row.metric}")
if figures["previous"].isna().all():
    st.caption(t("overview.no_previous"))
else:
    st.caption(t("overview.compared", previous=figures["previous_month"].dropna().iloc[0]))

# --- key findings ----------------------------------------------------------------------------
st.subheader(t("overview.findings"))
with st.spinner(t("overview.computing")):
    inputs = cached_findings_inputs(token, cubes, rows, month, measure, settings_key, settings)
findings = key_findings(inputs, buckets)
if not findings:
    st.info(t("overview.no_findings"))
for area, message in getattr(inputs, "problems", ()):  # older cached results lack it
    st.caption(t("overview.problem", page=t(f"{area}.title"), error=message))
if state.rows_note():  # a large dataset: warnings and causes read one month's rows
    st.caption(state.rows_note())
for finding in findings:
    sentence = f"{SEVERITY_ICONS.get(finding.severity, '')} {finding.text(lang(), unit)}"
    with st.container(border=True):
        if state.presentation() or not (ROOT / finding.page).exists():
            st.markdown(sentence)
            continue
        text_col, link_col = st.columns([3.4, 1.6], vertical_alignment="center")
        text_col.markdown(sentence)
        with link_col:
            st.page_link(finding.page, label=t("overview.explain", page=t(PAGE_TITLES[finding.page])),
                         icon=":material/arrow_forward:")

# --- trend ----------------------------------------------------------------------------------
st.subheader(t("overview.trend"))
rate_defs = definitions_line(lang(), measure=measure, months=(months[0], month), buckets=None,
                             filters=state.active_filters_for_definitions())
upto = summary[summary["month"] <= month]
show_chart(memo.chart(lambda: chart_rate_trend(upto, lang(), month, rate_defs, events=state.events()),
                      "rate_trend", upto, lang(), month, rate_defs, state.events()),
           key="overview_rates", name=t("overview.file_rates", month=month))
if not state.presentation():
    show_table(headline_table(figures, lang(), unit), key="overview_headline",
               file_name=t("overview.file_headline", month=month))
    if (ROOT / "pages/report.py").exists():
        st.page_link("pages/report.py", label=t("overview.to_report"), icon=":material/slideshow:")
