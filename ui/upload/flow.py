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

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis.ingest.readers import read_table
from ui import state
from ui.i18n import all_messages, t, t_data
from ui.upload.keys import K_MAP_PREFIX, K_NONCE, K_RAW, K_REPORT, K_SHEET


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

def sheet_picker(raw) -> None:
    """The sheet select box, for a workbook with more than one sheet (a new pick rereads the file)."""
    if len(raw.sheets) > 1:
        st.selectbox(t("upload.sheet"), list(raw.sheets), key=K_SHEET,
                     index=list(raw.sheets).index(raw.sheet) if raw.sheet in raw.sheets else 0)


def chosen_sheet() -> str | None:
    """The sheet the user picked (None: the reader chooses)."""
    return st.session_state.get(K_SHEET)

def accept(checked, name: str, *files) -> None:
    """Make a checked portfolio the session's data, drop the upload (widget and bytes), rerun."""
    state.set_data(checked, name)
    st.session_state[K_REPORT] = state.ingest_result()
    reset_uploader()  # a new uploader key; the raw table is dropped
    drop_uploaded_files(*files)  # and the bytes Streamlit keeps for the session
    st.rerun()
