"""The upload flow's state and widgets: file → raw table → mapping → validated portfolio.

The uploaded bytes are read once per (file, sheet) into a ``RawTable`` kept in this session
while the user maps columns. Once the portfolio is loaded, :func:`reset_uploader` drops the raw
table and gives the uploader a new key, and :func:`drop_uploaded_files` removes the file's
bytes from Streamlit's upload store. The second step is needed: Streamlit keeps every uploaded
file in its ``UploadedFileManager`` until the user clicks the file's ✕ or the session is shut
down, and a new widget key does neither (a session that expires after a disconnect is dropped
without a shutdown, so its files would stay until the server restarts). Nothing is written to
disk.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis.core.privacy import export_csv_bytes, mask_mapped_pii
from analysis.core.schema import CANONICAL_COLUMNS, PII_COLUMNS, SEGMENT_COLUMNS
from analysis.core.units import format_amount, unit_label
from analysis.ingest.parsing import STATUS_CODE_DOC
from analysis.ingest.portfolio import (IngestError, IngestOptions, build_portfolio, mapping_from_json, mapping_to_json,
                                       suggest_mapping, suggest_status_codes)
from analysis.ingest.readers import read_table
from analysis.ingest.reshape import WideSpec, suggest_wide_spec
from ui import state
from ui.i18n import all_messages, lang, t, t_data

K_NONCE = "upload_nonce"        # bumping it gives the uploader a new key, which drops the file
K_RAW = "upload_raw"            # (file_id, sheet) -> RawTable
K_REPORT = "upload_report"      # IngestResult of the last validation on this page
K_MAP_PREFIX = "upload_map_"
K_SHEET = "upload_sheet"
K_MAPPING_FILE = "upload_mapping_file_"     # + the uploader key: the saved-mapping uploader
K_MAPPING_APPLIED = "upload_mapping_applied"  # file_id of the saved mapping already in the boxes
K_PREVIEW = "upload_preview"
K_SAVE_MAPPING = "upload_save_mapping"
K_VALIDATE = "upload_validate"
K_CURRENT = "upload_current"     # prefix of the report on the data in use
#: What the file chooser accepts (the readers read every one of them).
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "parquet"]
NONE = "—"

REQUIRED_GROUP = ("account_id", "snapshot_date", "balance")
DPD_GROUP = ("days_past_due", "due_date", "status_label")
AMOUNT_GROUP = ("credit_limit", "overdue_amount", "due_amount", "paid_amount", "interest_rate", "score")
OTHER_GROUP = ("overdue_reason", "origination_date", *SEGMENT_COLUMNS)
GROUPS = (
    ("upload.group.required", REQUIRED_GROUP),
    ("upload.group.dpd", DPD_GROUP),
    ("upload.group.amounts", AMOUNT_GROUP),
    ("upload.group.other", OTHER_GROUP),
    ("upload.group.pii", PII_COLUMNS),
)
assert set(sum((g for _, g in GROUPS), ())) == set(CANONICAL_COLUMNS)


def uploader_key() -> str:
    return f"upload_file_{st.session_state.get(K_NONCE, 0)}"


def drop_uploaded_files(*files) -> int:
    """Remove uploaded files' bytes from Streamlit's upload store; returns how many were held.

    Streamlit 1.67 removes a file from its ``MemoryUploadedFileManager`` only when the browser
    deletes it (the ✕ on the widget) or the session shuts down; ``st.chat_input`` removes its
    files right after reading them with the manager's ``remove_file``, which is what this does
    for a file whose content is now the session's portfolio. The ``UploadedFile`` objects stay
    readable (they hold their own reference), but nothing else keeps the bytes once they go.
    A manager without ``remove_file`` (another storage backend) is left alone.
    """
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "uploaded_file_mgr", None)
    remove = getattr(manager, "remove_file", None)
    if ctx is None or remove is None:
        return 0
    ids = [f.file_id for f in files if f is not None]
    held = len(manager.get_files(ctx.session_id, ids))
    for file_id in ids:
        remove(session_id=ctx.session_id, file_id=file_id)
    return held


def just_loaded():
    """The ``IngestResult`` this page loaded on its last check (shown until a new file arrives)."""
    return st.session_state.get(K_REPORT)


def forget_report() -> None:
    """Drop the last check's report: a new file is being read, or other data is now in use."""
    st.session_state.pop(K_REPORT, None)


def reset_uploader() -> None:
    """Forget the uploaded file and its raw table (called once the data is in use)."""
    st.session_state[K_NONCE] = st.session_state.get(K_NONCE, 0) + 1
    st.session_state.pop(K_RAW, None)
    for key in [k for k in st.session_state if str(k).startswith(K_MAP_PREFIX)]:
        st.session_state.pop(key, None)
    st.session_state.pop(K_SHEET, None)


def read_raw(uploaded, sheet: str | None):
    """The raw table of the uploaded file (read once per file and sheet)."""
    key = (uploaded.file_id, sheet)
    cached = st.session_state.get(K_RAW)
    if cached and cached[0] == key:
        return cached[1]
    with st.status(t_data("upload.reading", name=uploaded.name), expanded=False) as status:
        raw = read_table(uploaded.getvalue(), uploaded.name, sheet=sheet)
        status.update(label=t("upload.read_done", rows=len(raw.frame), cols=raw.frame.shape[1]), state="complete")
    # A new file or sheet: forget the previous mapping choices so the suggestions apply.
    for k in [k for k in st.session_state if str(k).startswith(K_MAP_PREFIX)]:
        st.session_state.pop(k, None)
    st.session_state[K_RAW] = (key, raw)
    return raw


def note_text(key: str, params: dict) -> str:
    return t_data(key, **params) if key in all_messages() else key  # params name the file's columns and values


def mapping_widgets(raw) -> dict[str, str]:
    """One select box per canonical column, pre-filled with the suggested header."""
    headers = [str(c) for c in raw.frame.columns]
    suggested = suggest_mapping(raw)
    options = [NONE, *headers]
    mapping: dict[str, str] = {}
    for group_key, columns in GROUPS:
        expanded = group_key in ("upload.group.required", "upload.group.dpd")
        with st.expander(t(group_key), expanded=expanded):
            cols = st.columns(3)
            for i, canonical in enumerate(columns):
                key = K_MAP_PREFIX + canonical
                if key not in st.session_state:
                    st.session_state[key] = suggested.get(canonical, NONE) if suggested.get(canonical) in headers else NONE
                with cols[i % 3]:
                    choice = st.selectbox(t(f"upload.col.{canonical}"), options, key=key,
                                          help=t("upload.col_help", name=canonical))
                if choice != NONE:
                    mapping[canonical] = choice
    return mapping


def sheet_picker(raw) -> None:
    """The sheet select box, for a workbook with more than one sheet (a new pick rereads the file)."""
    if len(raw.sheets) > 1:
        st.selectbox(t("upload.sheet"), list(raw.sheets), key=K_SHEET,
                     index=list(raw.sheets).index(raw.sheet) if raw.sheet in raw.sheets else 0)


def chosen_sheet() -> str | None:
    """The sheet the user picked (None: the reader chooses)."""
    return st.session_state.get(K_SHEET)


def saved_mapping_uploader(raw):
    """The uploader for a mapping saved earlier; a new one is put into the boxes (then a rerun).

    Returns the uploaded mapping file (or None), so its bytes can be dropped with the data's.
    """
    saved = st.file_uploader(t("upload.load_mapping"), type=["json"], key=K_MAPPING_FILE + uploader_key())
    if saved is None or st.session_state.get(K_MAPPING_APPLIED) == saved.file_id:
        return saved
    try:
        saved_mapping, _ = mapping_from_json(saved.getvalue().decode("utf-8"))
    except (ValueError, UnicodeDecodeError, IngestError):
        st.error(t("upload.mapping_bad"))
        return saved
    missing = apply_saved_mapping(saved_mapping, [str(c) for c in raw.frame.columns])
    st.session_state[K_MAPPING_APPLIED] = saved.file_id
    if missing:
        st.warning(t_data("upload.mapping_missing", headers="、".join(missing)))
    st.rerun()


def preview(raw, mapping: dict[str, str]) -> None:
    """The file's first 20 rows, personal data masked as the mapping says, collapsed."""
    with st.expander(t("upload.preview"), expanded=False):
        st.dataframe(mask_mapped_pii(raw.frame.head(20), mapping), width="stretch", key=K_PREVIEW)


def save_mapping_button(mapping: dict[str, str], options) -> None:
    """Download the mapping and options as JSON (for the next file of the same layout, or the CLI)."""
    st.download_button(t("upload.save_mapping"), data=lambda: mapping_to_json(mapping, options),
                       file_name="mapping.json", mime="application/json", key=K_SAVE_MAPPING)


def check_button() -> bool:
    """The primary "check and load" button."""
    return st.button(t("upload.validate"), type="primary", key=K_VALIDATE)


def accept(checked, name: str, *files) -> None:
    """Make a checked portfolio the session's data, drop the upload (widget and bytes), rerun."""
    state.set_data(checked, name)
    st.session_state[K_REPORT] = state.ingest_result()
    reset_uploader()  # a new uploader key; the raw table is dropped
    drop_uploaded_files(*files)  # and the bytes Streamlit keeps for the session
    st.rerun()


def apply_saved_mapping(mapping: dict[str, str], headers: list[str]) -> list[str]:
    """Put a saved mapping into the select boxes; returns the headers it names that are missing."""
    missing = []
    for canonical in CANONICAL_COLUMNS:
        header = mapping.get(canonical)
        if header is None:
            st.session_state[K_MAP_PREFIX + canonical] = NONE
        elif header in headers:
            st.session_state[K_MAP_PREFIX + canonical] = header
        else:
            missing.append(header)
    return missing


def status_code_editor(raw, mapping: dict[str, str], wide=None) -> dict[str, int | None] | None:
    """The code table for a status/bucket label column (or wide status columns): code → DPD, or excluded."""
    wide_status = wide is not None and "status_label" in wide.columns
    if ("status_label" not in mapping and not wide_status) or "days_past_due" in mapping:
        return None

    suggested = suggest_status_codes(raw, mapping, wide=wide)
    table = pd.DataFrame({
        "code": list(suggested),
        "dpd": [None if v is None else int(v) for v in suggested.values()],
        "exclude": [v is None for v in suggested.values()],
    })
    st.markdown(t("upload.codes.intro"))
    with st.expander(t("upload.codes.doc")):
        st.dataframe(pd.DataFrame(list(STATUS_CODE_DOC), columns=[t("upload.codes.code"), t("upload.codes.dpd")]),
                     hide_index=True, width="stretch", key="upload_codes_doc")
    edited = st.data_editor(
        table, key="upload_codes_editor", hide_index=True, width="stretch", disabled=["code"],
        column_config={
            "code": st.column_config.TextColumn(t("upload.codes.code")),
            "dpd": st.column_config.NumberColumn(t("upload.codes.dpd"), min_value=0, step=1),
            "exclude": st.column_config.CheckboxColumn(t("upload.codes.exclude")),
        },
    )
    out: dict[str, int | None] = {}
    for row in edited.itertuples(index=False):
        if row.exclude or pd.isna(row.dpd):
            out[str(row.code)] = None
        else:
            out[str(row.code)] = int(row.dpd)
    return out


def wide_editor(raw, reference_month: str | None):
    """Offer to reshape a one-column-per-month file; returns the WideSpec to use or None."""

    spec = suggest_wide_spec(raw, reference_month=reference_month)
    if spec is None:
        return None
    st.info(t("upload.wide.found"))
    if not st.toggle(t("upload.wide.use"), value=True, key="upload_wide_use"):
        return None
    rows = [
        {"canonical": canonical, "header": header, "month": month}
        for canonical, columns in spec.columns.items() for header, month in columns.items()
    ]
    edited = st.data_editor(
        pd.DataFrame(rows), key="upload_wide_editor", hide_index=True, width="stretch",
        disabled=["canonical", "header"],
        column_config={
            "canonical": st.column_config.TextColumn(t("upload.wide.canonical")),
            "header": st.column_config.TextColumn(t("upload.wide.header")),
            "month": st.column_config.TextColumn(t("upload.wide.month"), help=t("upload.wide.month_help")),
        },
    )
    columns: dict[str, dict[str, str]] = {}
    for row in edited.itertuples(index=False):
        columns.setdefault(row.canonical, {})[row.header] = str(row.month).strip()
    return replace(spec, columns=columns)


def options_widgets(raw, mapping: dict[str, str]):
    """Unit, months, balance handling, extra segments, wide layout, status codes → IngestOptions."""

    headers = [str(c) for c in raw.frame.columns]
    with st.expander(t("upload.options"), expanded=True):
        c1, c2, c3 = st.columns(3)
        with c1:
            unit_names = {u: t(f"upload.opt.unit.{u}") for u in ("yuan", "wan")}
            unit = st.radio(t("upload.opt.unit"), list(unit_names), horizontal=True, key="upload_opt_unit",
                            format_func=unit_names.__getitem__)
        with c2:
            reference = st.text_input(t("upload.opt.reference_month"), key="upload_opt_reference",
                                      help=t("upload.opt.reference_help")).strip() or None
        with c3:
            snapshot = None
            if "snapshot_date" not in mapping:
                snapshot = st.text_input(t("upload.opt.snapshot_month"), key="upload_opt_snapshot",
                                         help=t("upload.opt.snapshot_help")).strip() or None
        c4, c5 = st.columns(2)
        with c4:
            balance_missing = "reject"
            if "balance" not in mapping:
                unit_balance = st.checkbox(t("upload.opt.balance_unit"), key="upload_opt_balance_unit",
                                           help=t("upload.opt.balance_unit_help"))
                balance_missing = "unit" if unit_balance else "reject"
            negative_names = {v: t(f"upload.opt.negative.{v}") for v in ("reject", "zero")}
            negative = st.radio(t("upload.opt.negative"), list(negative_names), key="upload_opt_negative",
                                format_func=negative_names.__getitem__, horizontal=True)
        with c5:
            unmapped = [h for h in headers if h not in mapping.values()]
            extra = st.multiselect(t("upload.opt.extra_segments"), unmapped, key="upload_opt_extra",
                                   help=t("upload.opt.extra_help"), placeholder=t("app.choose"))
    wide = wide_editor(raw, reference)
    codes = status_code_editor(raw, mapping, wide)
    return IngestOptions(
        amount_unit=unit, snapshot_month=snapshot, reference_month=reference, status_codes=codes,
        balance_missing=balance_missing, negative_balance=negative, wide=wide, extra_segments=tuple(extra),
    )


def validate(raw, mapping, options):
    """Build the portfolio; returns the IngestResult or shows the reason it cannot be built."""
    try:
        with st.status(t("upload.validating"), expanded=False) as status:
            result = build_portfolio(raw, mapping, options)
            status.update(label=t("upload.validated", rows=result.summary["rows_accepted"]), state="complete")
        return result
    except IngestError as exc:
        st.error(exc.markdown(lang()))
    return None


def validation_report(result, key: str = "upload") -> None:
    """Rows read / accepted / rejected, balance totals to reconcile, rejections with reasons."""
    s = result.summary
    u = state.unit()
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("upload.report.read"), f"{s['rows_read']:,}")
    c2.metric(t("upload.report.accepted"), f"{s['rows_accepted']:,}")
    c3.metric(t("upload.report.rejected"), f"{s['rows_rejected']:,}")
    c4.metric(t("upload.report.accounts"), f"{s.get('accounts', 0):,}")
    months = s.get("months") or []
    if months:
        st.caption(t("upload.report.months", first=months[0], last=months[-1], n=len(months)))
    balance_rows = []
    for key in ("balance_read", "balance_accepted", "balance_rejected"):
        if s.get(key) is not None:
            balance_rows.append({t("upload.report.item"): t(f"upload.report.{key}"),
                                 t("upload.report.amount", unit=unit_label(u, lang())): format_amount(s[key], u),
                                 t("upload.report.amount_yuan"): format_amount(s[key], "yuan", 2)})
    if balance_rows:
        st.markdown(t("upload.report.reconcile"))
        st.dataframe(pd.DataFrame(balance_rows), hide_index=True, width="stretch", key=f"{key}_balance_table")
    for key, params in s.get("notes", []):
        st.info(note_text(key, params))
    if s["rows_rejected"]:
        report = result.rejected_report(lang())
        with st.expander(t("upload.report.rejections", n=s["rows_rejected"]), expanded=True):
            reasons = report.iloc[:, 1].value_counts().rename_axis(t("upload.report.reason")).reset_index(name=t("upload.report.rows"))
            st.dataframe(reasons, hide_index=True, width="stretch", key=f"{key}_reason_counts")
            st.dataframe(report.head(1000), hide_index=True, width="stretch", key=f"{key}_rejected_rows")
            st.download_button(t("upload.report.download"), data=lambda: export_csv_bytes(report),
                               file_name="rejected_rows.csv", mime="text/csv", key=f"{key}_dl_rejected")
