"""The overview page's sections: the month picker, the headline cards, the findings (the provisions
one drawn after the others: it prices the book), the rate trend."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.charts.overview import chart_rate_trend
from analysis.core.definitions import definitions_line
from analysis.core.i18n import MessageError
from analysis.core.markup import escape_markdown
from analysis.core.view import View
from analysis.overview.findings import (
    KEY_FINDINGS, Finding, FindingsInputs, finding_provisions, key_findings, with_provisions,
)
from analysis.provisions.settings import ProvisionSettings
from analysis.overview.headlines import headline_cards, headline_table
from ui import memo, presentation, state, widgets
from ui.i18n import all_messages, t
from ui.overview import keys
from ui.overview.cache import cached_provision_figures, with_forecast_soon
from ui.provisions import settings as provision_settings
from ui.trend.jobs import pending_note

ROOT = Path(__file__).resolve().parents[2]
#: Findings shown (key_findings' default limit); a pending forecast's note takes one place.
FINDINGS_SHOWN = KEY_FINDINGS
SEVERITY_ICONS = {0: ":material/check_circle:", 1: ":material/visibility:", 2: ":material/warning:"}
PAGE_TITLES = {"pages/aging.py": "aging.title", "pages/trend.py": "trend.title", "pages/causes.py": "causes.title",
               "pages/whatif.py": "whatif.title", "pages/warnings.py": "warnings.title",
               "pages/provisions.py": "prov.page.title", "pages/upload.py": "upload.title"}
#: Above this many account-months the month's provisions (staging, PD curves, ECL) run when asked.
PROVISIONS_AUTO_ROWS = 500_000


def page_exists(page: str) -> bool:
    """Whether the app ships ``page`` (a trimmed deployment may leave some out)."""
    return (ROOT / page).exists()


def no_data() -> None:
    """What the landing page says before any data, with the way to the upload page."""
    st.info(t("overview.no_data"))
    if page_exists("pages/upload.py"):
        st.page_link("pages/upload.py", label=t("overview.go_upload"), icon=":material/upload_file:")


def pick_month(months: list[str]) -> str:
    """The month picker (hidden while presenting: the month stays); returns the month in view."""
    keys.keep_month(months)
    if not state.presentation():
        st.columns([1, 3])[0].selectbox(t("overview.month"), months, key=keys.MONTH, help=t("overview.month_help"),
                                        persist_state="session")
    presentation.page_stepper(keys.PRESENT, t("overview.title"))
    return keys.month()


def headline(figures: pd.DataFrame, trends: pd.DataFrame, view: View) -> None:
    """The headline figures as metric cards, four a row, each with its line over the last months; then what
    they compare with."""
    cards = headline_cards(figures, trends, view)
    for start in range(0, len(cards), 4):
        for col, card in zip(st.columns(4), cards.iloc[start:start + 4].itertuples(index=False)):
            with col.container(border=True):
                _card(card, view)
    if figures["previous"].isna().all():
        st.caption(t("overview.no_previous"))
    else:
        st.caption(t("overview.compared", previous=figures["previous_month"].dropna().iloc[0]))


def _card(card, view: View) -> None:
    # A change that rounds to zero gets no arrow and no colour; a rise is red where rising is bad.
    # The line is Streamlit's own sparkline: part of the card, sized by it, no chart to draw.
    st.metric(card.label, card.value, card.delta, delta_color="off" if card.flat or not card.rising_is_bad else "inverse",
              delta_arrow="off" if card.flat else "auto", help=_card_help(card.metric, view),
              chart_data=list(card.spark_values) if card.spark else None, chart_type="line")


def _card_help(metric: str, view: View) -> str:
    # A count-only book's "overdue balance" is its number of overdue accounts.
    if view.counts_only and f"countonly.help.{metric}" in all_messages():
        return t(f"countonly.help.{metric}")
    return t(f"overview.help.{metric}")


#: Findings that read one row per account: on a dataset, one month's rows only.
_ROW_LEVEL_AREAS = frozenset({"warnings", "causes"})


def findings(inputs: FindingsInputs, view: View, provision: Finding | None = None) -> None:
    """The month's findings in words, each linked to the page that explains it; the provisions
    one (:func:`provisions`) ranked among them as the meeting report ranks it
    (:func:`analysis.report.sections.with_provisions`), so both list the same findings.

    ``inputs`` without the forecast get it from :func:`ui.overview.cache.with_forecast_soon`; while
    it is being fitted the other findings are drawn (one fewer) with a note in the forecast's
    place, and the page is drawn again when the fit is done.
    """
    inputs, job = with_forecast_soon(inputs)
    limit = FINDINGS_SHOWN - (job is not None)
    found = with_provisions(tuple(key_findings(inputs, view.buckets, limit=limit)), provision, limit=limit)
    if not found and job is None:
        st.info(t("overview.no_findings"))
    rows_month = state.dataset_month()
    other_month = rows_month is not None and rows_month != view.month
    if other_month:
        # a dataset's row-level findings read one month: another month is not "missing from the data"
        st.caption(t("overview.dataset_other_month", month=view.month, rows_month=rows_month))
    for area, messages in getattr(inputs, "problems", ()):  # older cached results lack it
        if other_month and area in _ROW_LEVEL_AREAS:
            continue  # said once above
        message = messages.get(view.lang, messages.get("en", "")) if isinstance(messages, dict) else str(messages)
        st.caption(t("overview.problem", page=t(f"{area}.title"), error=escape_markdown(message)))
    if state.rows_note():  # a large dataset: warnings and causes read one month's rows
        st.caption(state.rows_note())
    for finding in found:
        _finding_box(finding, view)
    if job is not None:
        # the forecast is a key finding only when it ranks among the first few: say so, so a
        # note that goes away without a forecast in its place is what it promised
        pending_note(job, border=True, help_text=t("overview.forecast_pending_help", n=FINDINGS_SHOWN))


def _finding_box(finding: Finding, view: View) -> None:
    """One finding in a box, with its icon and (at the desk) a link to the page that explains it."""
    # A finding is plain text naming segments from the file: escaped, so a value stays text.
    sentence = f"{SEVERITY_ICONS.get(finding.severity, '')} {escape_markdown(finding.text(view.lang, view.unit))}"
    with st.container(border=True):
        if state.presentation() or not page_exists(finding.page):
            st.markdown(sentence)
            return
        text_col, link_col = st.columns([3.4, 1.6], vertical_alignment="center")
        text_col.markdown(sentence)
        with link_col:
            st.page_link(finding.page, label=t("overview.explain", page=t(PAGE_TITLES[finding.page])),
                         icon=":material/arrow_forward:")


def provisions(rows: pd.DataFrame, view: View, token: str) -> Finding | None:
    """The month's allowance, NPL ratio and coverage against the reference levels, in one finding
    (for :func:`findings`, which places it).

    Priced with the provisions page's settings (its defaults before a visit), cached per data,
    settings and month; on a book above :data:`PROVISIONS_AUTO_ROWS` account-months only once
    the reader asks. Nothing is shown when the book cannot be priced (the provisions page says why).
    """
    if not page_exists("pages/provisions.py") or view.counts_only:  # no balances: nothing to provision
        return None
    if state.dataset_month() not in (None, view.month):  # a dataset's rows are another month's
        return None
    settings = provision_settings.current()
    if settings is None:  # the page's choices do not fit together: say so, price with the defaults
        st.caption(t("prov.page.settings_invalid"))
        settings = ProvisionSettings()
    if len(rows) > PROVISIONS_AUTO_ROWS and st.session_state.get(keys.RUN_PROVISIONS) != token:
        if not state.presentation() and st.button(t("overview.run_provisions", rows=f"{len(rows):,}"),
                                                  key=keys.RUN_PROVISIONS_BUTTON, icon=":material/play_arrow:"):
            st.session_state[keys.RUN_PROVISIONS] = token
            st.rerun()
        return None
    try:
        with st.spinner(t("overview.computing_provisions")):
            npl = cached_provision_figures(token, settings.key(), view.month, rows, settings)
    except (ValueError, KeyError) as exc:  # data the provisions cannot run on (a MessageError is a ValueError)
        message = exc.markdown(view.lang) if isinstance(exc, MessageError) else escape_markdown(str(exc))
        st.caption(t("overview.problem", page=t("prov.page.title"), error=message))
        return None
    return finding_provisions(npl, view.month, settings.references)


def rate_trend(summary: pd.DataFrame, figures: pd.DataFrame, view: View, first_month: str) -> None:
    """The delinquency rates up to the month, and (unless presenting) the headline table and the report link."""
    month = view.month
    defs = definitions_line(view.lang, measure=view.measure, months=(first_month, month), buckets=None,
                            filters=view.filter_dict)
    upto = summary[summary["month"] <= month]
    events = state.events()
    widgets.show_chart(memo.chart(lambda: chart_rate_trend(upto, view, subtitle=defs, month=month, events=events),
                                  "rate_trend", upto, view.lang, month, defs, events),
                       key=keys.CHART_RATES, name=t("overview.file_rates", month=month))
    if state.presentation():
        return
    table = replace(headline_table(figures, view), key=t("overview.file_headline", month=month))
    widgets.show_display_table(table, key=keys.TABLE_HEADLINE, label=t("widgets.table"))
    if page_exists("pages/report.py"):
        st.page_link("pages/report.py", label=t("overview.to_report"), icon=":material/slideshow:")
