"""The contact-log tab: which log, the limits it is held to, every breach, and when contact happens."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.charts import conduct as C
from analysis.conduct.contacts import ContactLimits, ContactLog, breach_counts, contact_heatmap, contact_limits, find_breaches, read_contact_log
from analysis.conduct.textpii import mask_series
from analysis.core.i18n import MessageError
from analysis.core.markup import escape_markdown
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.view import View
from ui import access, persist, state
from ui.conduct import keys as K
from ui.conduct import state as S
from ui.i18n import t
from ui.conduct.uploads import read_once
from ui.widgets import show_chart

FILE_TYPES = ["csv", "txt", "xlsx", "xls"]
#: Breaches listed on screen (the download holds them all).
SHOWN_BREACHES = 1_000


def contacts_tab(view: View) -> None:
    """Choose the log, set the limits, show the breaches and the contact hours."""
    chosen = choose_log(view)
    if chosen is None:
        return
    name, log = chosen
    _accounts_found(name, log)
    limits = _limits(view)
    if limits is None:
        return
    with st.spinner(t("cdp.log.checking")):
        breaches = _breaches(name, log, limits, view.lang)
    _summary(log, breaches, limits, view)
    _breach_list(breaches, limits, view)
    _heatmap(log, limits, view)
    _rejected(log, view)


def choose_log(view: View) -> tuple[str, ContactLog] | None:
    """The log source (sample or file) and the uploader; ``None`` until a chosen file is loaded.

    Beside the user's own portfolio there is no choice: the sample log belongs to the sample
    portfolio, so the tab asks for the user's log and says which columns it needs.
    """
    if S.own_portfolio():
        source = "file"
    else:
        labels = {"sample": t("cdp.log.source.sample"), "file": t("cdp.log.source.file")}
        source = persist.choice(st.radio, t("cdp.log.source"), list(labels), key=K.LOG_SOURCE, default="sample",
                                options=list(labels), format_func=labels.get, horizontal=True)
    if source == "file":
        uploaded = st.file_uploader(t("cdp.log.upload"), type=FILE_TYPES, key=K.LOG_UPLOAD, help=t("cdp.log.upload_help"))
        log = read_once(uploaded, K.LOG_SEEN, read_contact_log, view.lang,
                        t("cdp.log.reading", name=uploaded.name) if uploaded is not None else "")
        if log is not None:
            S.set_contact_log(uploaded.name, log)
    chosen = S.contact_log()
    if chosen is None:
        if S.own_portfolio():
            st.info(t("cdp.log.own_prompt", name=escape_markdown(state.data_name())), icon=":material/upload_file:")
        else:
            st.info(t("cdp.log.upload_prompt"), icon=":material/upload_file:")
        return None
    name, log = chosen
    first, last = log.log["timestamp"].min(), log.log["timestamp"].max()
    facts = dict(n=len(log.log), first=f"{first:%Y-%m-%d}", last=f"{last:%Y-%m-%d}", rejected=len(log.rejected))
    if S.log_is_sample():
        st.caption(t("cdp.log.sample_in_use", **facts))
    else:
        st.caption(t("cdp.log.in_use", name=escape_markdown(name), **facts))
    unknown = int((~log.log["time_known"]).sum()) if "time_known" in log.log else 0
    if unknown:
        st.caption(t("contacts.note.time_unknown", n=f"{unknown:,}"))
    return name, log


def log_key(name: str, log: ContactLog) -> str:
    """A log's cache key: its name and the object (a new upload is a new object)."""
    return f"{name}#{id(log)}"


def _accounts_found(name: str, log: ContactLog) -> None:
    """A warning when none of the log's accounts is in the portfolio in use (the breaches stand:
    they need no portfolio; but the log is likely another book's, or its account column another id)."""
    found = S.share_in_book(log_key(name, log), log.log)
    if found is not None and found == 0:
        st.warning(t("cdp.log.no_account_found", n=log.log["account_id"].nunique(), name=escape_markdown(state.data_name())),
                   icon=":material/link_off:")


# --- limits ---------------------------------------------------------------------------------------

def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _limits(view: View) -> ContactLimits | None:
    """The jurisdiction's limits as the reader set them (each with its source), or ``None`` when invalid."""
    base = contact_limits(S.jurisdiction())
    with st.expander(t("cdp.log.limits", window=base.window_text()), expanded=False, icon=":material/tune:"):
        c1, c2 = st.columns(2)
        start = persist.choice(c1.time_input, t("cdp.log.window_start"), key=K.LIM_START + base.jurisdiction,
                               default=dt.time(base.window_start // 60, base.window_start % 60), step=1800)
        end = persist.choice(c2.time_input, t("cdp.log.window_end"), key=K.LIM_END + base.jurisdiction,
                             default=dt.time(base.window_end // 60 % 24, base.window_end % 60), step=1800,
                             help=t("cdp.log.window_end_help"))
        values = {"window_start": _minutes(start), "window_end": _minutes(end) or 24 * 60}
        fields = [("daily_attempts", "daily_unanswered", K.LIM_UNANSWERED), ("daily_answered", "daily_answered", K.LIM_ANSWERED),
                  ("seven_in_seven", "calls_in_period", K.LIM_CALLS), ("after_conversation", "quiet_days", K.LIM_QUIET)]
        shown = [f for f in fields if f[0] in base.rules]
        cols = st.columns(max(1, len(shown)))
        for col, (rule, field, key) in zip(cols, shown):
            values[field] = int(persist.choice(col.number_input, t(f"cdp.log.limit.{field}"), key=key + base.jurisdiction,
                                               default=int(getattr(base, field)), min_value=0 if field != "quiet_days" else 1,
                                               max_value=100, step=1))
        st.dataframe(limits_table(base, view.lang), hide_index=True, width="stretch")
    try:
        return replace(base, **values)
    except MessageError as exc:
        st.error(exc.markdown(view.lang), icon=":material/error:")
        return None


def limits_table(limits: ContactLimits, lang: str) -> pd.DataFrame:
    """The rules checked, each with its threshold in words and its source."""
    rows = []
    for rule in limits.rules:
        rows.append({t("cdp.log.col.rule"): t(f"contacts.rule.{rule}"),
                     t("cdp.log.col.threshold"): t(f"cdp.log.threshold.{rule}", window=limits.window_text(),
                                                    unanswered=limits.daily_unanswered, answered=limits.daily_answered,
                                                    calls=limits.calls_in_period, days=limits.period_days,
                                                    quiet=limits.quiet_days),
                     t("cdp.log.col.source"): limits.source(rule, lang)})
    return pd.DataFrame(rows)


# --- breaches -------------------------------------------------------------------------------------

@st.cache_data(scope="session", max_entries=4, show_spinner=False)
def _breaches_cached(name: str, n: int, limits: ContactLimits, lang: str, _log: pd.DataFrame) -> pd.DataFrame:
    return find_breaches(_log, limits, lang)


def _breaches(name: str, log: ContactLog, limits: ContactLimits, lang: str) -> pd.DataFrame:
    return _breaches_cached(log_key(name, log), len(log.log), limits, lang, log.log)


def _summary(log: ContactLog, breaches: pd.DataFrame, limits: ContactLimits, view: View) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("cdp.log.contacts"), f"{len(log.log):,}")
    c2.metric(t("cdp.log.breaches"), f"{len(breaches):,}")
    c3.metric(t("cdp.log.accounts"), f"{breaches['account_id'].nunique():,}")
    collectors = breaches["collector"].replace("", pd.NA).dropna().nunique() if "collector" in breaches else 0
    c4.metric(t("cdp.log.collectors"), f"{collectors:,}")
    counts = pd.Series(breach_counts(breaches, limits.rules))
    frame = pd.DataFrame({"rule": counts.index.astype(str), "breaches": counts.to_numpy()})
    show_chart(C.chart_breaches_by_rule(frame, view, subtitle=t("cdp.log.chart_subtitle", window=limits.window_text(),
                                                                 j=t(f"cdp.jurisdiction.{limits.jurisdiction}"))),
               K.LOG_RULE_CHART, name=t("cdp.log.chart_file"))
    if not len(breaches):
        st.success(t("cdp.log.no_breach"), icon=":material/check_circle:")


def breaches_for_screen(breaches: pd.DataFrame, masked: bool) -> pd.DataFrame:
    """Breaches with readable rule names; personal data found by content masked unless ``masked`` is False."""
    out = breaches.drop(columns=["source_row"], errors="ignore").copy()
    out["rule"] = [t(f"contacts.rule.{r}") for r in out["rule"]]
    if masked:
        for col in ("account_id", "collector", "detail"):
            if col in out:
                out[col] = mask_series(out[col].astype(str))
    return out.rename(columns={c: t(f"cdp.log.col.{c}") for c in out.columns})


def _breach_list(breaches: pd.DataFrame, limits: ContactLimits, view: View) -> None:
    if state.presentation() or not len(breaches):
        return
    st.subheader(t("cdp.log.list_heading"))
    rules = [r for r in limits.rules if (breaches["rule"] == r).any()]
    names = {r: t(f"contacts.rule.{r}") for r in rules}
    picked = persist.choice(st.multiselect, t("cdp.log.rule_filter"), rules, key=K.LOG_RULE_FILTER, default=rules,
                            options=rules, format_func=names.get)
    unmasked = access.unmask_switch(st.checkbox, t("cdp.unmask"), K.LOG_UNMASK, "conduct/breaches", help=t("cdp.unmask_help"))
    if unmasked:
        st.warning(t("cdp.unmask_warning"), icon=":material/warning:")
    chosen = breaches[breaches["rule"].isin(picked)]
    shown = breaches_for_screen(chosen.head(SHOWN_BREACHES), masked=not unmasked)
    st.dataframe(shown, hide_index=True, width="stretch")
    if len(chosen) > SHOWN_BREACHES:
        st.caption(t("cdp.log.more", n=len(chosen) - SHOWN_BREACHES))
    by_collector = breaches_by_collector(chosen)
    st.download_button(
        t("cdp.log.download"), key=K.LOG_DOWNLOAD, icon=":material/download:",
        data=lambda: _recorded(export_xlsx_bytes({t("cdp.log.sheet"): breaches_for_screen(chosen, masked=not unmasked),
                                                  t("cdp.log.sheet_collectors"): by_collector,
                                                  t("cdp.log.sheet_limits"): limits_table(limits, view.lang)},
                                                 masked=not unmasked, note=t("cdp.disclaimer_short")),
                               unmasked, f"{t('cdp.log.file')}.xlsx", len(chosen)),
        file_name=f"{t('cdp.log.file')}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def breaches_by_collector(breaches: pd.DataFrame) -> pd.DataFrame:
    """Breaches per collector × rule (for the manager who answers for them)."""
    if not len(breaches):
        return pd.DataFrame()
    who = breaches["collector"].replace("", t("cdp.log.no_collector")) if "collector" in breaches else t("cdp.log.no_collector")
    table = (breaches.assign(collector=who).groupby(["collector", "rule"]).size().unstack("rule", fill_value=0))
    table = table.rename(columns=lambda r: t(f"contacts.rule.{r}"))
    table.insert(0, t("cdp.log.breaches"), table.sum(axis=1))
    return table.sort_values(t("cdp.log.breaches"), ascending=False).reset_index().rename(
        columns={"collector": t("cdp.log.col.collector")})


def _heatmap(log: ContactLog, limits: ContactLimits, view: View) -> None:
    st.subheader(t("cdp.log.heatmap_heading"))
    heat = contact_heatmap(log.log, channels=limits.window_channels)
    show_chart(C.chart_contact_heatmap(heat, view, window=(limits.window_start, limits.window_end),
                                       subtitle=t("cdp.log.heatmap_subtitle", window=limits.window_text())),
               K.LOG_HEATMAP, name=t("cdp.log.heatmap_file"))


def _rejected(log: ContactLog, view: View) -> None:
    if state.presentation() or not len(log.rejected):
        return
    with st.expander(t("cdp.log.rejected", n=len(log.rejected)), icon=":material/block:"):
        report = log.rejected_report(view.lang)
        report = report.assign(reason=mask_series(report["reason"].astype(str)))
        st.dataframe(report.rename(columns={"row": t("cdp.log.col.row"), "reason": t("cdp.log.col.reason")}),
                     hide_index=True, width="stretch", key=K.LOG_REJECTED)


def _recorded(data: bytes, unmasked: bool, file_name: str, rows: int) -> bytes:
    """A download's bytes; an unmasked one is written to the audit trail as it is handed over."""
    return access.audited_export(data, file_name, rows) if unmasked else data
