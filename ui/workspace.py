"""The workspace on the upload page: save the data in use with every setting, open it next month,
and add the new month's file to the history (the file itself is :mod:`analysis.workspace`).

What a workspace carries from the session: the sidebar (unit, measure, buckets, months,
segment filters), the early-warning settings (:mod:`ui.warnings.keys`), the what-if scenarios and
assumptions (:mod:`ui.whatif.keys`), the cause responses, the pages' kept choices (month, tab,
grouping: :mod:`ui.persist`), and the shared tables (timeline events, stage playbook, cause
dictionary: :mod:`ui.state`). :func:`collect` reads them as plain
values, :func:`apply` puts them back. Both run outside any page's widgets: opening a workspace
is read on the upload page, kept as pending, and applied by ``app.py`` at the start of the next
run, before the sidebar draws the widgets it sets (Streamlit refuses a change to a widget's
value once the widget is drawn in a run).

Also here: the banner every page shows while the data in use is the bundled sample.
"""
from __future__ import annotations

import hashlib
import json
import math
import re

import pandas as pd
import streamlit as st

from analysis.core.definitions import segment_name
from analysis.core.markup import escape_markdown
from analysis.workspace import (
    WorkspaceError, extend_workspace, missing_segments, open_workspace, save_workspace,
    text_without_personal_data, workspace_file_name,
)
from analysis.whatif.policy import policy_from_json, policy_to_json
from ui import persist, state
from ui.datasets import format_size
from ui.i18n import lang, t, t_data
from ui.warnings.keys import settings_keys as warning_keys, widget_key as warning_widget_key
from ui.whatif import keys as wk
from ui.whatif import state as whatif_state
from ui.overview.keys import MONTH as OVERVIEW_MONTH
from ui.report.state import K_MONTH as REPORT_MONTH

#: Month choices pages keep themselves (outside :mod:`ui.persist`), that follow a new newest month.
PAGE_MONTH_KEYS = (OVERVIEW_MONTH, REPORT_MONTH)

# Session keys of this module.
K_PII = "workspace_include_pii"        # the "include personal data" box
K_FILE = "workspace_file"              # (fingerprint, bytes, file name) of the prepared file
K_PREPARE = "workspace_prepare"
K_DOWNLOAD = "workspace_download"
K_OPEN_NONCE = "workspace_open_nonce"  # a new uploader key once a workspace is opened
K_PENDING = "workspace_pending"        # an opened Workspace, applied by the next run
K_NOTICE = "workspace_notice"          # (kind, params) said once on the upload page
K_NEXT = "workspace_next_upload"       # "replace" | "extend": what the next upload does
K_OPEN_ERROR = "workspace_open_error"

#: The sidebar's settings (session keys of ui/state.py).
SIDEBAR_KEYS = (state.K_UNIT, state.K_MEASURE, state.K_BUCKET_SCHEME, state.K_BUCKET_EDGES, state.K_MONTHS)
#: The what-if assumptions (widget keys that hold their values).
WHATIF_KEYS = wk.ASSUMPTION_KEYS
#: Shared tables: name in the file → (session key, setter).
TABLES = {
    "events": (state.K_EVENTS, state.set_events),
    "stage_playbook": (state.K_STAGE_PLAYBOOK, state.set_stage_playbook),
    "reason_dictionary": (state.K_REASON_DICTIONARY, state.set_reason_dictionary),
}


# --- settings in and out -------------------------------------------------------------------------

def _plain(value):
    """A session value as JSON (tuples become lists; numpy scalars their Python value)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


_CHOICE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,80}$")
#: Never restored from a file as a page choice: the data, the session's machinery, the language.
_NOT_CHOICES = ("data_", "workspace_", "continuity_", "upload_", "filter_", "shared_", "persist_", "present")


def _is_plain(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v) for v in value)
    return value is None or isinstance(value, (str, bool, int, float))


def _page_choices() -> dict:
    """The choices pages kept (:mod:`ui.persist`: months, tabs, groupings), as plain values."""
    ss = st.session_state
    return {k: {"value": _plain(ss[k]), "tuple": isinstance(ss[k], tuple)} for k in sorted(persist.KEPT_KEYS)
            if k in ss and _is_plain(ss[k]) and _CHOICE_KEY.match(k) and not k.startswith(_NOT_CHOICES)}


def collect() -> tuple[dict, dict[str, pd.DataFrame]]:
    """The session's settings (plain JSON values) and shared tables, as a workspace saves them."""
    ss = st.session_state
    sidebar = {k: _plain(ss[k]) for k in SIDEBAR_KEYS if ss.get(k) is not None}
    sidebar["filters"] = {str(k)[len(state.FILTER_PREFIX):]: _plain(list(v)) for k, v in ss.items()
                          if str(k).startswith(state.FILTER_PREFIX) and v}
    settings: dict = {"sidebar": sidebar,
                      "warnings": {k: _plain(ss[k]) for k in warning_keys() if k in ss}}
    if wk.K_SCENARIOS in ss:
        settings["whatif"] = {
            "scenarios": [{"id": int(item["id"]), "name": item["name"], "default_key": item["default_key"],
                           "policy": policy_to_json(item["policy"])} for item in ss[wk.K_SCENARIOS]],
            "next_id": int(ss.get(wk.K_NEXT_ID, len(ss[wk.K_SCENARIOS]))),
            "champion": int(ss.get(wk.K_CHAMPION, 0) or 0), "focus": int(ss.get(wk.K_FOCUS, 0) or 0),
        }
    # on another page the widgets' values are not in the session: the ones the what-if last priced with
    settings["whatif_assumptions"] = {k: _plain(v) for k, v in whatif_state.assumption_values().items()
                                      if k in WHATIF_KEYS}
    if state.K_CAUSE_RESPONSES in ss:
        settings["cause_responses"] = dict(state.cause_responses())
    settings["page_choices"] = _page_choices()
    tables = {name: ss[key] for name, (key, _) in TABLES.items() if isinstance(ss.get(key), pd.DataFrame)}
    return settings, tables


#: What-if assumptions that are switches or a method's name; every other one is a number.
_WHATIF_SWITCHES = (wk.K_USE_MAPPED, wk.K_PAYDOWN, wk.K_PD_ACCOUNT)


def checked_settings(settings, tables: dict[str, pd.DataFrame]) -> dict:
    """The settings of an opened workspace file, refused unless each value is one its page
    could have saved (a key the page keeps, of the type it keeps).

    A file is the user's to edit: a setting under any other key (the data's own, ``data_id``)
    wrote that key of the session, which once showed another user's figures as the sample, and a
    value of the wrong type (``"abc"`` for a percentage) failed the page drawing it.

    Raises
    ------
    WorkspaceError
        ``workspace.error.corrupt`` naming ``settings.json`` (or the table).
    """
    def bad(part: str = "settings.json") -> WorkspaceError:
        return WorkspaceError("workspace.error.corrupt", part=part)

    if not isinstance(settings, dict):
        raise bad()
    sidebar = settings.get("sidebar") or {}
    filters = sidebar.get("filters") or {} if isinstance(sidebar, dict) else None
    if not isinstance(sidebar, dict) or not isinstance(filters, dict) \
            or not _is_plain([v for k, v in sidebar.items() if k != "filters"]) \
            or not all(isinstance(v, list) and _is_plain(v) for v in filters.values()):
        raise bad()
    warnings = settings.get("warnings") or {}
    allowed = set(warning_keys())
    if not isinstance(warnings, dict) or not set(warnings) <= allowed or not _is_plain(list(warnings.values())):
        raise bad()
    assumptions = settings.get("whatif_assumptions") or {}
    if not isinstance(assumptions, dict) or not set(assumptions) <= set(WHATIF_KEYS):
        raise bad()
    for key, value in assumptions.items():
        kind = bool if key in _WHATIF_SWITCHES else str if key == wk.K_PD_METHOD else (int, float)
        if not isinstance(value, kind) or (kind != bool and isinstance(value, bool)) \
                or (isinstance(value, float) and not math.isfinite(value)):
            raise bad()
    whatif = settings.get("whatif")
    if whatif:
        try:
            for item in whatif["scenarios"]:
                int(item["id"]), str(item["name"]), str(item["default_key"]), policy_from_json(item["policy"])
            int(whatif["next_id"]), int(whatif["champion"]), int(whatif["focus"])
        except Exception:  # noqa: BLE001 - any shape the page did not write
            raise bad() from None
    choices = settings.get("page_choices") or {}
    if not isinstance(choices, dict) or not all(isinstance(item, dict) for item in choices.values()):
        raise bad()
    if not isinstance(settings.get("cause_responses", {}), dict):
        raise bad()
    events = tables.get("events")
    if events is not None and not {"month", "label"} <= set(events.columns):
        raise bad("tables/events.parquet")
    return settings


def apply(result, name: str, settings: dict, tables: dict[str, pd.DataFrame], data_id: str | None = None) -> None:
    """Make ``result`` the data in use and put every saved setting back (before any widget is drawn)."""
    state.set_data(result, name, data_id)
    apply_settings(settings, tables, set(result.portfolio.columns))


def apply_settings(settings: dict, tables: dict[str, pd.DataFrame], columns: set[str]) -> None:
    """Put every saved setting back for the data in use (whose columns are ``columns``: a filter
    on a column it lacks is left out), before any widget is drawn."""
    ss = st.session_state
    sidebar = settings.get("sidebar") or {}
    for key in SIDEBAR_KEYS:
        if key in sidebar:
            ss[key] = tuple(sidebar[key]) if key == state.K_MONTHS else sidebar[key]
    for col, values in (sidebar.get("filters") or {}).items():
        if col in columns:
            ss[state.FILTER_PREFIX + col] = list(values)
    allowed = set(warning_keys())
    for key, value in (settings.get("warnings") or {}).items():
        if key not in allowed:  # never another key of the session (checked_settings refuses it)
            continue
        # the page syncs its widgets from these keys; the widget's own key wins when present
        ss[key] = value
        ss[warning_widget_key(key)] = value
    whatif = settings.get("whatif")
    if whatif:
        ss[wk.K_SCENARIOS] = [{"id": s["id"], "name": s["name"], "default_key": s["default_key"],
                               "policy": policy_from_json(s["policy"])} for s in whatif["scenarios"]]
        ss[wk.K_NEXT_ID], ss[wk.K_CHAMPION], ss[wk.K_FOCUS] = whatif["next_id"], whatif["champion"], whatif["focus"]
    kept = {key: value for key, value in (settings.get("whatif_assumptions") or {}).items() if key in WHATIF_KEYS}
    ss.update(kept)
    if kept:  # what the report prices with before the what-if page is opened again
        ss[wk.K_ASSUMPTIONS_KEPT] = kept
    for key, item in (settings.get("page_choices") or {}).items():
        if _CHOICE_KEY.match(str(key)) and not str(key).startswith(_NOT_CHOICES) and _is_plain(item.get("value")):
            value = item["value"]
            ss[key] = tuple(value) if item.get("tuple") and isinstance(value, list) else value
    if "cause_responses" in settings:
        state.set_cause_responses(settings["cause_responses"])
    for table_name, table in tables.items():
        if table_name in TABLES:
            TABLES[table_name][1](table)


def apply_pending() -> None:
    """In ``app.py`` before the sidebar: a workspace the upload page opened becomes the session's."""
    ws = st.session_state.pop(K_PENDING, None)
    if ws is None:
        return
    try:
        checked_settings(ws.settings, ws.tables)  # checked when opened; again, before any key is set
    except WorkspaceError as exc:
        st.session_state[K_OPEN_ERROR] = exc.markdown(lang())
        return
    apply(ws.result, ws.name, ws.settings, ws.tables)
    months = ws.result.summary.get("months") or []
    st.session_state[K_NOTICE] = ("opened", {
        "name": ws.name, "rows": len(ws.result.portfolio), "months": len(months),
        "first": months[0] if months else "—", "last": months[-1] if months else "—",
        "scenarios": len((ws.settings.get("whatif") or {}).get("scenarios") or []),
        "events": len(ws.tables.get("events", [])),
        "personal": bool(ws.personal_data.get("included")),
        "left_out": list(ws.personal_data.get("left_out") or []),
        "saved": ws.created_at[:16].replace("T", " "),
    })


# --- the upload page's section ------------------------------------------------------------------

def _own_data() -> bool:
    return state.ingest_result() is not None and not state.showing_sample()


def _file_name(include_personal: bool) -> str:
    name = state.data_name() if include_personal else text_without_personal_data(state.data_name())
    months = state.months_available()
    return workspace_file_name(name, months[-1] if months else None)


def _fingerprint(settings: dict, tables: dict, include: bool) -> str:
    text = json.dumps([st.session_state.get(state.K_ID), settings, sorted((k, id(v)) for k, v in tables.items()), include],
                      sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _save_part() -> None:
    st.markdown(f"**{t('ws.save.title')}**")
    if not _own_data():
        st.caption(t("ws.save.needs_data"))
        return
    # A short label: a checkbox's label does not wrap in the upload page's narrow column.
    include = st.checkbox(t("ws.save.pii"), key=K_PII, help=t("ws.save.pii_help"))
    if include:
        st.caption(t("ws.save.pii_note"))
    settings, tables = collect()
    fingerprint = _fingerprint(settings, tables, include)
    prepared = st.session_state.get(K_FILE)
    if prepared is None or prepared[0] != fingerprint:
        if st.button(t("ws.save.prepare"), key=K_PREPARE, icon=":material/inventory_2:"):
            with st.spinner(t("ws.save.preparing")):
                data = save_workspace(state.ingest_result(), state.data_name(), settings=settings, tables=tables,
                                      include_personal=include)
            st.session_state[K_FILE] = prepared = (fingerprint, data, _file_name(include))
        else:
            return
    _, data, file_name = prepared
    st.download_button(t("ws.save.download"), data=data, file_name=file_name, mime="application/zip",
                       key=K_DOWNLOAD, icon=":material/download:", on_click="ignore")
    st.caption(t_data("ws.save.ready", name=file_name, size=format_size(len(data)),
                      pii=t("ws.save.with_pii") if include else t("ws.save.without_pii")))


def _open_part() -> None:
    st.markdown(f"**{t('ws.open.title')}**")
    uploaded = st.file_uploader(t("ws.open.label"), type=["dwb", "zip"], help=t("ws.open.help"),
                                key=f"workspace_open_{st.session_state.get(K_OPEN_NONCE, 0)}")
    error = st.session_state.pop(K_OPEN_ERROR, None)
    if error:
        st.error(error)
    if uploaded is None:
        return
    try:
        with st.spinner(t_data("ws.open.opening", name=uploaded.name)):
            ws = open_workspace(uploaded.getvalue())
            checked_settings(ws.settings, ws.tables)
    except WorkspaceError as exc:
        st.session_state[K_OPEN_ERROR] = exc.markdown(lang())
    else:
        st.session_state[K_PENDING] = ws
        st.session_state.pop(K_FILE, None)
    # either way the uploader starts afresh and the file's bytes leave Streamlit's upload store
    from ui.upload.flow import drop_uploaded_files
    drop_uploaded_files(uploaded)
    st.session_state[K_OPEN_NONCE] = st.session_state.get(K_OPEN_NONCE, 0) + 1
    st.rerun()


def _notice() -> None:
    notice = st.session_state.get(K_NOTICE)
    if not notice:
        return
    kind, p = notice
    if kind == "opened":
        text = t_data("ws.opened", name=p["name"], rows=p["rows"], months=p["months"], first=p["first"],
                      last=p["last"], saved=p["saved"], scenarios=p["scenarios"], events=p["events"])
        personal = t("ws.opened.with_pii") if p["personal"] else t("ws.opened.without_pii")
        st.success(f"{text} {personal}", icon=":material/folder_open:")
    elif kind == "extended":
        text = t_data("ws.extended" if p["added"] else "ws.extended.none_added", name=p["name"],
                      added=", ".join(p["added"]), rows=p["rows"], months=p["months"], first=p["first"], last=p["last"])
        st.success(text, icon=":material/playlist_add:")
        if p.get("filters_cleared"):
            st.info(t("ws.extended.filters_cleared"), icon=":material/filter_alt_off:")
        if p.get("missing_segments"):
            st.warning(t_data("ws.extended.missing_segments", columns=[
                segment_name(c, lang()) for c in p["missing_segments"]]), icon=":material/warning:")
        if p["replaced"]:
            st.warning(t("ws.extended.replaced", months=", ".join(p["replaced"]), rows=p["replaced_rows"]),
                       icon=":material/swap_horiz:")


def section() -> None:
    """The "工作区 / Workspace" section: save, open, and what the next upload does."""
    with st.container(border=True):
        st.subheader(t("ws.title"), anchor=False)
        st.caption(t("ws.intro"))
        _notice()
        left, right = st.columns(2)
        with left:
            _save_part()
        with right:
            _open_part()
        if _own_data():
            names = {"replace": t("ws.next.replace"), "extend": t("ws.next.extend")}
            st.radio(t("ws.next.label"), list(names), format_func=names.__getitem__, key=K_NEXT,
                     horizontal=True, help=t("ws.next.help"))


def extending() -> bool:
    """Whether the next checked upload is added to the data in use (the user chose so)."""
    return _own_data() and st.session_state.get(K_NEXT) == "extend"


def for_accept(checked, name: str):
    """What the upload page accepts: the checked file, or the data in use extended by it.

    Returns ``(result, name)`` for ``upload.accept``. Months the new file shares with the data in
    use are replaced by the new file's rows (a corrected re-export wins); the page says which.
    """
    st.session_state.pop(K_NOTICE, None)
    st.session_state.pop(K_FILE, None)
    if not extending():
        return checked, name
    current = state.ingest_result()
    base = state.data_name().split(" + ")[0]
    try:
        out = extend_workspace(current, checked, new_name=name)
    except WorkspaceError as exc:  # balances added to a count-only book, or the reverse
        st.error(exc.message(lang()), icon=":material/block:")
        return None
    # the sidebar's filters are reset for the longer history (set_data): pages on the end of the
    # old range (the newest month, or the filtered range's last month) move to the new newest
    old_months = current.summary.get("months") or []
    old_range = state.month_range()
    narrowed = old_range is not None and bool(old_months) and tuple(old_range) != (old_months[0], old_months[-1])
    filtered = bool(state.segment_filters()) or narrowed
    _follow_the_newest_month(old_months, old_range[1] if narrowed else None)
    months = out.summary["months"]
    replaced = out.summary["replaced"]
    st.session_state[K_NOTICE] = ("extended", {
        # months that were not there before (a month uploaded again is replaced, not added)
        "name": name, "added": [m for m in out.summary["extended"][-1]["months"] if m not in replaced["months"]],
        "rows": len(out.portfolio),
        "months": len(months), "first": months[0], "last": months[-1],
        "replaced": replaced["months"], "replaced_rows": replaced["rows"], "filters_cleared": filtered,
        "missing_segments": missing_segments(current, checked),
    })
    return out, f"{base} + {name}"


def _follow_the_newest_month(old_months: list[str], range_end: str | None = None) -> None:
    """A page choice on the old newest month (a month picker's default), or on the last month of
    the sidebar's month range, moves to the new newest month.

    Pages keep their choices (:mod:`ui.persist`), defaults included: without this, the aging
    page would stay on last month after this month's file was added. The overview's and the
    report's months are kept by the pages themselves (they go back to the newest month only when
    theirs leaves the data), so they are named here too: else the meeting report was built for
    last month.
    """
    if not old_months:
        return
    ends = {old_months[-1], range_end} - {None}
    for key in [*persist.KEPT_KEYS, *PAGE_MONTH_KEYS]:
        value = st.session_state.get(key)
        # a month, or a range of months ending with one; other kept choices are lists (levels,
        # sections) or numbers, never in a set of months
        last = value[-1] if isinstance(value, (list, tuple)) and value else value
        if isinstance(last, str) and last in ends:
            st.session_state.pop(key, None)


# --- the sample banner ------------------------------------------------------------------------

def sample_banner(page_url: str, lost_notice_shown: bool) -> None:
    """On every page but the upload page while the data in use is the bundled sample: say so, and
    how to load one's own (a small line while presenting: the room must not take it for real)."""
    if not state.showing_sample() or page_url == "upload" or lost_notice_shown:
        return
    if state.presentation():
        st.caption(t("ws.sample.small"))
        return
    with st.container(border=True):
        st.info(t("ws.sample.body", sample=escape_markdown(t("app.sample_name"))), icon=":material/science:")
        st.page_link("pages/upload.py", label=t("ws.sample.link"), icon=":material/upload_file:")
