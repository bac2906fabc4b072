"""The template tab: which templates, what the rules found in them, and which one each playbook action sends."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts import conduct as C
from analysis.conduct.display import highlight_html
from analysis.conduct.rules import CHANNELS, RECIPIENTS, rule_name
from analysis.conduct.templates import TemplateResult, check_text, findings_table, read_templates
from analysis.core.i18n import list_text
from analysis.core.markup import escape_markdown
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.view import View
from analysis.core.vocabulary import action_label
from ui import access, persist, state
from ui.conduct import keys as K
from ui.conduct import state as S
from ui.i18n import t
from ui.conduct.uploads import read_once
from ui.widgets import show_chart

#: Failing templates whose text is shown marked (the table lists every finding).
SHOWN_TEMPLATES = 40
FILE_TYPES = ["csv", "txt", "xlsx", "xls"]


def templates_tab(view: View) -> None:
    """Choose the templates, check them, show what was found and what each action sends."""
    source = _source()
    if source == "typed":
        _typed(view)
        return
    if source == "file" and not _file_loaded(view):
        return
    with st.spinner(t("cdp.tpl.checking")):  # the first Chinese check loads jieba's dictionary (~2 s)
        results = S.checked_templates()
    _summary(results, view)
    _findings(results, view)
    _marked_texts(results, view)
    _playbook(results, view)


def _source() -> str:
    labels = {"sample": t("cdp.tpl.source.sample"), "file": t("cdp.tpl.source.file"), "typed": t("cdp.tpl.source.typed")}
    return persist.choice(st.radio, t("cdp.tpl.source"), list(labels), key=K.TPL_SOURCE, default="sample",
                          options=list(labels), format_func=labels.get, horizontal=True)


def _file_loaded(view: View) -> bool:
    """The uploader; True when a template file is loaded (read once, its bytes dropped)."""
    uploaded = st.file_uploader(t("cdp.tpl.upload"), type=FILE_TYPES, key=K.TPL_UPLOAD, help=t("cdp.tpl.upload_help"))
    frame = read_once(uploaded, K.TPL_SEEN, read_templates, view.lang, t("cdp.tpl.checking"))
    if frame is not None:
        S.set_templates(uploaded.name, frame)
    if st.session_state.get(K.TPL_FILE) is None:
        st.info(t("cdp.tpl.upload_prompt"), icon=":material/upload_file:")
        return False
    name, frame = st.session_state[K.TPL_FILE]
    st.caption(t("cdp.tpl.file_in_use", name=escape_markdown(name), n=len(frame)))
    blank = list(frame.attrs.get("blank_rows", []))
    if blank:
        st.caption(t("conduct.note.blank_rows", n=len(blank), rows=", ".join(map(str, blank[:10]))))
    return True


# --- results ------------------------------------------------------------------------------------

def _summary(results: list[TemplateResult], view: View) -> None:
    failing = [r for r in results if not r.passes]
    n_findings = sum(len(r.findings) for r in results)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("cdp.tpl.checked"), f"{len(results):,}")
    c2.metric(t("cdp.tpl.failing"), f"{len(failing):,}")
    c3.metric(t("cdp.tpl.findings"), f"{n_findings:,}")
    pack = S.pack()
    st.caption(t("cdp.tpl.checked_with", name=escape_markdown(S.templates_label()),
                 pack=t(f"cdp.jurisdiction.{pack.jurisdiction}"), rules=len(pack.rules)))
    if not failing:
        st.success(t("cdp.tpl.all_pass"), icon=":material/check_circle:")


def category_counts(results: list[TemplateResult]) -> pd.DataFrame:
    """Findings and templates touched per category (categories with a finding only)."""
    rows: dict[str, dict] = {}
    for r in results:
        for cat in {f.category for f in r.findings}:
            rows.setdefault(cat, {"category": cat, "findings": 0, "templates": 0})["templates"] += 1
        for f in r.findings:
            rows[f.category]["findings"] += 1
    return pd.DataFrame(list(rows.values()), columns=["category", "findings", "templates"])


def _findings(results: list[TemplateResult], view: View) -> None:
    counts = category_counts(results)
    if not len(counts):
        return
    st.subheader(t("cdp.tpl.found_heading"))
    show_chart(C.chart_findings_by_category(counts, view, subtitle=t("cdp.tpl.chart_subtitle", name=S.templates_label())),
               K.TPL_CHART, name=t("cdp.tpl.chart_file"))
    if state.presentation():
        return
    unmasked = access.unmask_switch(st.checkbox, t("cdp.unmask"), K.TPL_UNMASK, "conduct/templates", help=t("cdp.unmask_help"))
    if unmasked:
        st.warning(t("cdp.unmask_warning"), icon=":material/warning:")
    table = findings_table(results, view.lang, masked=not unmasked, pack=S.pack())
    # keys as the reader's words: the playbook's action names, the channels' names; the rule by
    # its name, its ID last (for the compliance officer who looks it up in the pack file)
    table = table.assign(action=[action_label(a, view.lang) if a else "" for a in table["action"]],
                         channel=[t(f"cdp.channel.{c}") if c else "" for c in table["channel"]])
    table = table[[c for c in table.columns if c not in ("category", "recipient", "rule")] + ["rule"]]
    shown = _headed(table, "conduct.col.", {"category_name": "conduct.col.category"})
    st.dataframe(shown, hide_index=True, width="stretch")
    st.download_button(t("cdp.tpl.download"), key=K.TPL_DOWNLOAD, icon=":material/download:",
                       data=lambda: (access.audited_export if unmasked else lambda b, *_: b)(
                           export_xlsx_bytes({t("cdp.tpl.sheet"): shown}, masked=not unmasked, note=t("cdp.disclaimer_short")),
                           f"{t('cdp.tpl.file')}.xlsx", len(shown)),
                       file_name=f"{t('cdp.tpl.file')}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _headed(frame: pd.DataFrame, prefix: str, special: dict[str, str] | None = None) -> pd.DataFrame:
    """``frame`` with its headers in the reader's language (``prefix + column``)."""
    special = special or {}
    return frame.rename(columns={c: t(special.get(c, prefix + c)) for c in frame.columns})


def _marked_texts(results: list[TemplateResult], view: View) -> None:
    if state.presentation():
        return
    failing = [r for r in results if not r.passes]
    if not failing:
        return
    st.subheader(t("cdp.tpl.texts_heading"))
    st.caption(t("cdp.tpl.texts_caption"))
    masked = not st.session_state.get(K.TPL_UNMASK, False)
    for r in failing[:SHOWN_TEMPLATES]:
        cats = list_text(dict.fromkeys(t(f"conduct.category.{f.category}") for f in r.findings), view.lang)
        label = f"{r.template_id} · {action_label(r.action, view.lang) if r.action else r.channel} · {cats}"
        with st.expander(escape_markdown(label), expanded=False, icon=":material/report:"):
            template_detail(r, view, masked)
    if len(failing) > SHOWN_TEMPLATES:
        st.caption(t("cdp.tpl.more", n=len(failing) - SHOWN_TEMPLATES))


def template_detail(r: TemplateResult, view: View, masked: bool) -> None:
    """One template's text with its findings marked, then each finding: rule, source, suggestion."""
    # st.html, not markdown: the (escaped) text must not be read as markdown, and this is HTML
    pack = S.pack()
    st.html(f'<div style="line-height:1.8">{highlight_html(r.text, r.findings, view.lang, masked=masked, pack=pack)}</div>')
    for f in r.findings:
        what = t(f"conduct.category.{f.category}")
        severity = t(f"conduct.severity.{f.severity}")
        st.markdown(t("cdp.tpl.finding_line", what=escape_markdown(what), severity=escape_markdown(severity),
                      rule=escape_markdown(rule_name(f.rule, view.lang, pack)), rule_id=escape_markdown(f.rule)))
        st.caption(t("cdp.tpl.finding_source", source=escape_markdown(f.source)))
        if f.suggestion:
            st.caption(t("cdp.tpl.finding_suggestion", suggestion=escape_markdown(f.suggestion)))


def _typed(view: View) -> None:
    """Check one text typed in (a draft before it goes into the template library)."""
    text = st.text_area(t("cdp.tpl.typed"), key=K.TPL_TYPED, height=140, placeholder=t("cdp.tpl.typed_placeholder"))
    c1, c2 = st.columns(2)
    # labels made here, in the script's run: a format function is also called outside it (AppTest)
    channels = {c: t(f"cdp.channel.{c}") for c in CHANNELS}
    recipients = {r: t(f"cdp.recipient.{r}") for r in RECIPIENTS}
    channel = c1.selectbox(t("conduct.col.channel"), list(CHANNELS), key=K.TPL_TYPED_CHANNEL, format_func=channels.get)
    recipient = c2.selectbox(t("conduct.col.recipient"), list(RECIPIENTS), key=K.TPL_TYPED_RECIPIENT,
                             format_func=recipients.get)
    if not (text or "").strip():
        st.caption(t("cdp.tpl.typed_empty"))
        return
    with st.spinner(t("cdp.tpl.checking")):
        findings = check_text(text, S.pack(), channel=channel, recipient=recipient, lang=view.lang)
    result = TemplateResult("—", text, tuple(findings), channel=channel, recipient=recipient)
    if result.passes:
        st.success(t("cdp.tpl.typed_passes"), icon=":material/check_circle:")
    else:
        st.warning(t("cdp.tpl.typed_fails", n=len(findings)), icon=":material/report:")
    template_detail(result, view, masked=True)


# --- the playbook -------------------------------------------------------------------------------

def _playbook(results: list[TemplateResult], view: View) -> None:
    """Which template each playbook action sends (the reader picks among an action's templates)."""
    if state.presentation():
        return
    st.subheader(t("cdp.tpl.playbook_heading"))
    st.caption(t("cdp.tpl.playbook_caption"))
    by_action: dict[str, list[TemplateResult]] = {}
    for r in results:
        if r.action:
            by_action.setdefault(r.action, []).append(r)
    actions = [a for a in dict.fromkeys(state.stage_playbook()["action"].astype(str)) if a != "none"]
    actions += [a for a in by_action if a not in actions]
    for action in actions:
        candidates = by_action.get(action, [])
        c1, c2 = st.columns([1, 2])
        c1.markdown(f"**{escape_markdown(action_label(action, view.lang))}**")
        if not candidates:
            c2.caption(t("cdp.tpl.no_template"))
            continue
        ids = [c.template_id for c in candidates]
        default = next((c.template_id for c in candidates if c.passes), ids[0])
        names = {c.template_id: f"{c.template_id} · {t('cdp.tpl.passes') if c.passes else t('cdp.tpl.fails')}" for c in candidates}
        persist.choice(c2.selectbox, t("cdp.tpl.template_for", action=action_label(action, view.lang)), ids,
                       key=K.TPL_CHOICE + action, default=default, options=ids, label_visibility="collapsed",
                       format_func=names.get)
