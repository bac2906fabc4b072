"""The meeting-report page's sections, one named function each, in screen order.

:func:`controls` (sections, month, language, formats), :func:`preview` (the month's key
findings), :func:`build` (the button that assembles the report and renders each format) and
:func:`downloads` (the built files, or a note that they are stale); :func:`meeting_report_button`
is a link to the page for any other page.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analysis.core.buckets import Buckets
from analysis.core.i18n import LANGS
from analysis.core.markup import escape_markdown
from analysis.overview.findings import Finding, FindingsInputs, finding_provisions, key_findings, with_provisions
from analysis.provisions.settings import ProvisionSettings
from analysis.report.meeting import assemble_report, render_reports, with_data_note
from analysis.report.model import FORMATS, MIME_TYPES, SECTIONS, ReportError, file_name, size_kb
from ui import memo
from ui import presentation, sharing, state
from ui.i18n import lang, t
from ui.overview.cache import cached_provision_figures
from ui.overview.views import PROVISIONS_AUTO_ROWS
from ui.report import keys
from ui.report import state as report_state
from ui.report.state import Choices

LANG_NAMES = {"zh": "中文", "en": "English"}
_FORMAT_ICONS = {"html": ":material/language:", "xlsx": ":material/table_view:", "pptx": ":material/slideshow:"}


def section_names() -> dict[str, str]:
    """Section key → its name in the UI language."""
    return {s: t(f"report.section_name.{s}") for s in SECTIONS}


def format_names() -> dict[str, str]:
    """Format key → its name in the UI language."""
    return {f: t(f"report.format.{f}") for f in FORMATS}


def controls(months: list[str]) -> Choices:
    """Sections, month, report language and formats; returns what the reader picked."""
    report_state.init_choices(months)
    if state.presentation():  # the room sees the findings of the month chosen at the desk
        chosen = report_state.choices()
        presentation.shown_choice(t("report.pick_month"), chosen.month)
        presentation.page_stepper(keys.K_PRESENT, t("report.title"))
        return chosen
    # persist_state: the choices survive a visit to another page (or presentation mode).
    st.pills(t("report.sections"), list(SECTIONS), selection_mode="multi", key=keys.K_SECTIONS,
             format_func=section_names().get, help=t("report.sections_help"), persist_state="session")
    c1, c2, c3 = st.columns([1, 1, 2])
    c1.selectbox(t("report.pick_month"), months, key=keys.K_MONTH, persist_state="session")
    c2.segmented_control(t("report.language"), list(LANGS), key=keys.K_LANG, format_func=LANG_NAMES.get,
                         persist_state="session", on_change=report_state.language_picked)
    c3.pills(t("report.formats"), list(FORMATS), selection_mode="multi", key=keys.K_FORMATS,
             format_func=format_names().get, persist_state="session")
    return report_state.choices()


def provisions_settings_note(settings: ProvisionSettings | None, chosen: Choices) -> None:
    """When the provisions page's choices do not fit together, say that the report uses the defaults."""
    if settings is None and "provisions" in chosen.sections:
        st.warning(t("prov.page.settings_invalid"), icon=":material/warning:")


def provisions_finding(rows: pd.DataFrame, chosen: Choices, settings) -> Finding | None:
    """The provisions finding the report will add to its key findings, for the preview: from the
    overview's cached figures (the same settings), and only on a book the overview prices without
    being asked (a large book's preview leaves it out rather than make the reader wait)."""
    if "provisions" not in chosen.sections or len(rows) > PROVISIONS_AUTO_ROWS:
        return None
    settings = settings or ProvisionSettings()
    try:
        npl = cached_provision_figures(state.data_token(), settings.key(), chosen.month, rows, settings)
    except (ValueError, KeyError):  # the report's section says why
        return None
    return finding_provisions(npl, chosen.month, settings.references)


def preview(inputs: FindingsInputs, buckets: Buckets, chosen: Choices, unit: str,
            provision: Finding | None = None) -> None:
    """The month's key findings, as the report will state them, before anything is built
    (``provision``: :func:`provisions_finding`, ranked as the report ranks it)."""
    st.subheader(t("report.preview", month=chosen.month))
    findings = with_provisions(tuple(key_findings(inputs, buckets)), provision)
    if findings:
        st.markdown("\n".join(f"- {escape_markdown(f.text(chosen.language, unit))}" for f in findings))
    else:
        st.info(t("report.preview_empty"))


def build(chosen: Choices, key: str, rows: pd.DataFrame, cubes, inputs: FindingsInputs, options: dict) -> None:
    """The build button: assemble the report once, render each chosen format, keep the files.

    ``options`` are the further :func:`analysis.report.meeting.assemble_report` keywords of the
    session (measure, unit, filters, events, warning settings ...).
    """
    ready = bool(chosen.sections) and bool(chosen.formats)
    if not chosen.sections:
        st.warning(t("report.pick_section"))
    elif not chosen.formats:
        st.warning(t("report.pick_format"))
    if not st.button(t("report.build"), type="primary", icon=":material/build:", disabled=not ready,
                     key=keys.K_BUILD):
        return
    memo.statsmodels_ready()  # the report's sections may fit models: no import racing the warm-up
    policies, champion, assumptions = report_state.whatif_setup(cubes, rows, chosen.language)
    names = format_names()
    files: dict[str, bytes] = {}

    def make(say) -> dict[str, bytes]:
        report = assemble_report(
            rows, sections=chosen.sections, month=chosen.month, lang=chosen.language, cubes=cubes, inputs=inputs,
            policies=policies, champion=champion, assumptions=assumptions,
            progress=lambda step: say(f"report.step.{step}"), **options)
        ingested = state.ingest_result()  # what the upload's validation found, under the subtitle
        report = with_data_note(report, getattr(ingested, "summary", None))
        say("report.step.render", formats=tuple(chosen.formats))
        return render_reports(report, chosen.formats, on_done=lambda fmt: say("report.step.rendered", formats=(fmt,)))

    with st.status(t("report.building"), expanded=True) as status:
        def show(message: str, formats: tuple[str, ...] = ()) -> None:
            status.write(t(message, fmt=t("report.list_separator").join(names[f] for f in formats)) if formats
                         else t(message))

        try:
            # The same report of the same shared data (a team's identical upload) is built once.
            files = sharing.once(state.data_token(), key, make, show)
        except ReportError as exc:
            status.update(label=t("report.failed"), state="error")
            st.error(exc.markdown(lang()))
            st.stop()
        status.update(label=t("report.done", n=len(files)), state="complete", expanded=False)
    report_state.store_files(key, files, chosen.month, chosen.language)


def downloads(key: str, sections: Sequence[str]) -> None:
    """The built files' download buttons, or, when a setting changed since, a note to rebuild."""
    built = report_state.built_files()
    if not built:
        return
    if built["key"] != key:
        st.info(t("report.stale"))
        return
    st.subheader(t("report.downloads"))
    names = format_names()
    cols = st.columns(len(built["files"]) or 1)
    for col, (fmt, data) in zip(cols, built["files"].items()):
        col.download_button(
            t("report.download", fmt=names[fmt], size=size_kb(data)),
            data=data, file_name=file_name(built["month"], built["lang"], fmt), mime=MIME_TYPES[fmt],
            key=keys.download_key(fmt), icon=_FORMAT_ICONS[fmt], on_click="ignore", width="stretch",
        )
    st.caption(t("report.download_note", lang_name=LANG_NAMES[built["lang"]],
                 sections=t("report.list_sep").join(section_names()[s] for s in sections)))


def meeting_report_button() -> None:
    """A small link to the meeting-report page, for any page that wants one."""
    st.page_link("pages/report.py", label=t("report.button"), icon=":material/slideshow:")
