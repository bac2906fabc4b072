"""Meeting report (会议汇报): pick sections, month and language; one click builds HTML, XLSX and PPTX."""
from __future__ import annotations

import streamlit as st

from analysis.core.definitions import definitions_line
from analysis.overview.findings import key_findings
from analysis.core.i18n import LANGS
from analysis.report.meeting import assemble_report, render_report
from analysis.report.model import FORMATS, MIME_TYPES, SECTIONS, ReportError
from ui import memo
from ui import report as rp
from ui import state
from ui.i18n import lang, t
from ui.overview import cached_findings_inputs, user_settings
from ui.widgets import definitions, stop_unless_rows

_LANG_NAMES = {"zh": "中文", "en": "English"}
_FORMAT_ICONS = {"html": ":material/language:", "xlsx": ":material/table_view:", "pptx": ":material/slideshow:"}

st.title(t("report.title"))
st.markdown(t("report.intro"))
stop_unless_rows()
rows = state.portfolio()  # account rows: the warnings, what-if and causes sections only
cubes = state.cubes()  # every aggregate of the report: the cubes the pages read

# --- controls ---------------------------------------------------------------------------------
months = list(cubes.months)
if st.session_state.get(rp.K_MONTH) not in months:
    st.session_state[rp.K_MONTH] = months[-1]
st.session_state.setdefault(rp.K_SECTIONS, list(SECTIONS))
st.session_state.setdefault(rp.K_FORMATS, list(FORMATS))
if st.session_state.get(rp.K_LANG) not in LANGS:
    st.session_state[rp.K_LANG] = lang()

# Labels resolved now, so the widgets' format functions are plain lookups.
section_names = {s: t(f"report.section_name.{s}") for s in SECTIONS}
format_names = {f: t(f"report.format.{f}") for f in FORMATS}
# persist_state: the choices survive a visit to another page (or presentation mode).
st.pills(t("report.sections"), list(SECTIONS), selection_mode="multi", key=rp.K_SECTIONS,
         format_func=section_names.get, help=t("report.sections_help"), persist_state="session")
c1, c2, c3 = st.columns([1, 1, 2])
c1.selectbox(t("report.pick_month"), months, key=rp.K_MONTH, persist_state="session")
c2.segmented_control(t("report.language"), list(LANGS), key=rp.K_LANG, format_func=_LANG_NAMES.get,
                     persist_state="session")
c3.pills(t("report.formats"), list(FORMATS), selection_mode="multi", key=rp.K_FORMATS,
         format_func=format_names.get, persist_state="session")

sections = [s for s in SECTIONS if s in (st.session_state.get(rp.K_SECTIONS) or [])]
formats = [f for f in FORMATS if f in (st.session_state.get(rp.K_FORMATS) or [])]
month = st.session_state[rp.K_MONTH]
language = st.session_state.get(rp.K_LANG) or lang()
measure, unit, buckets = state.measure(), state.unit(), state.buckets()
filters = state.active_filters_for_definitions()
definitions(definitions_line(lang(), measure=measure, month=month, filters=filters, buckets=buckets))
st.caption(t("report.settings_note"))

token = state.data_token()
with st.spinner(t("report.preparing")):
    settings_key, settings = user_settings()
    inputs = cached_findings_inputs(token, cubes, rows, month, measure, settings_key, settings)

# --- preview of the findings --------------------------------------------------------------------
st.subheader(t("report.preview", month=month))
preview = key_findings(inputs, buckets)
if preview:
    st.markdown("\n".join(f"- {f.text(language, unit)}" for f in preview))
else:
    st.info(t("report.preview_empty"))

# --- build ------------------------------------------------------------------------------------
ready = bool(sections) and bool(formats)
if not sections:
    st.warning(t("report.pick_section"))
elif not formats:
    st.warning(t("report.pick_format"))
key = rp.settings_key(sections, month, language, formats, settings_key)
if st.button(t("report.build"), type="primary", icon=":material/build:", disabled=not ready, key="report_build"):
    memo.statsmodels_ready()  # the report's sections may fit models: no import racing the warm-up
    policies, champion, assumptions = rp.whatif_setup(cubes, rows, language)
    files: dict[str, bytes] = {}
    with st.status(t("report.building"), expanded=True) as status:
        try:
            def progress(step: str) -> None:
                status.write(t(f"report.step.{step}"))

            report = assemble_report(
                rows, sections=sections, month=month, lang=language, measure=measure, unit=unit,
                events=state.events(), filters=filters, data_name=state.data_name(), policies=policies,
                champion=champion, assumptions=assumptions, cubes=cubes, inputs=inputs, progress=progress,
                playbook=state.stage_playbook(), cause_responses=state.cause_responses(), **settings)
            for fmt in formats:
                status.write(t("report.step.render", fmt=format_names[fmt]))
                files[fmt] = render_report(report, fmt)
        except ReportError as exc:
            status.update(label=t("report.failed"), state="error")
            st.error(exc.message(lang()))
            st.stop()
        status.update(label=t("report.done", n=len(files)), state="complete", expanded=False)
    st.session_state[rp.K_FILES] = {"key": key, "files": files, "month": month, "lang": language}

built = st.session_state.get(rp.K_FILES)
if built and built["key"] == key:
    st.subheader(t("report.downloads"))
    cols = st.columns(len(built["files"]) or 1)
    for col, (fmt, data) in zip(cols, built["files"].items()):
        col.download_button(
            t("report.download", fmt=format_names[fmt], size=f"{len(data) / 1024:,.0f}"),
            data=data, file_name=rp.file_name(built["month"], built["lang"], fmt), mime=MIME_TYPES[fmt],
            key=f"report_download_{fmt}", icon=_FORMAT_ICONS[fmt], on_click="ignore", width="stretch",
        )
    st.caption(t("report.download_note", lang_name=_LANG_NAMES[built["lang"]],
                 sections=t("report.list_sep").join(section_names[s] for s in sections)))
elif built:
    st.info(t("report.stale"))
