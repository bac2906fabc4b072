"""The upload flow's state and widgets: file(s) → raw table → mapping → validated portfolio.

The uploaded bytes are read once per (file, sheet) into a ``RawTable`` kept in this session
while the user maps columns; several files chosen together are read once per set into one
combined table (:mod:`analysis.ingest.multi`), and only that table is kept. Once the portfolio is loaded, :func:`reset_uploader` drops the raw
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

from analysis.core.i18n import MessageError
from analysis.ingest.errors import IngestError
from analysis.ingest.multi import FILE_COLUMN, MONTH_COLUMN, combine, date_header_of, describe_files, read_files
from analysis.ingest.readers import check_upload_size, read_table
from analysis.ingest.recognise import suggest_mapping
from ui import sharing, state
from ui.i18n import all_messages, t, t_data
from ui.upload.keys import K_MAP_PREFIX, K_NONCE, K_RAW, K_REPORT, K_SHEET, NONE

#: (file ids and sheet, MultiTable, the months as found): the several files chosen together.
K_MULTI = "upload_multi"


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
    # several files chosen together come as one list
    files = [g for f in files for g in (f if isinstance(f, list) else [f])]
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
    st.session_state.pop(K_MULTI, None)
    for key in [k for k in st.session_state if str(k).startswith(K_MAP_PREFIX)]:
        st.session_state.pop(key, None)
    st.session_state.pop(K_SHEET, None)


def _check_size(uploaded) -> None:
    """One upload limit whatever the browser: a Windows browser counts a MB as 2^20 bytes and lets
    through up to 4.9 % more than the 10^6-byte MB the others (and the upload help) apply."""
    check_upload_size(uploaded.size, uploaded.name, int(st.get_option("server.maxUploadSize")))


def read_raw(uploaded, sheet: str | None):
    """The raw table of the uploaded file (read once per file and sheet)."""
    key = (uploaded.file_id, sheet)
    cached = st.session_state.get(K_RAW)
    if cached and cached[0] == key:
        return cached[1]
    st.session_state.pop(K_MULTI, None)  # a set read before is not needed any more
    _check_size(uploaded)
    data = uploaded.getvalue()
    # Users who upload the same file (a team's month-end export) share one read of it.
    digest = sharing.bytes_digest(data, uploaded.name, sheet or "")
    with st.status(t_data("upload.reading", name=uploaded.name), expanded=False) as status:
        try:
            raw = sharing.while_held(f"raw|{digest}", lambda: read_table(data, uploaded.name, sheet=sheet))
        except IngestError:  # the page shows the reader's message: the status must not stay "reading…"
            status.update(label=t("upload.files.failed"), state="error")
            raise
        status.update(label=t("upload.read_done", rows=len(raw.frame), cols=raw.frame.shape[1]), state="complete")
    # A new file or sheet: forget the previous mapping choices so the suggestions apply.
    for k in [k for k in st.session_state if str(k).startswith(K_MAP_PREFIX)]:
        st.session_state.pop(k, None)
    st.session_state[K_RAW] = (key, raw, digest)
    return raw


def raw_digest(raw) -> str | None:
    """The digest of the file ``raw`` was read from (:func:`read_raw`), or ``None`` (several files)."""
    cached = st.session_state.get(K_RAW)
    return cached[2] if cached and cached[1] is raw else None


def read_uploads(uploads, sheet: str | None):
    """``(raw, multi)``: one file's raw table (``multi`` None, as :func:`read_raw`), or several
    files read once per set into one combined table (``raw`` is ``multi.raw``).

    Each file is read in turn with its own progress step; the per-file tables go as soon as the
    combined one exists, so the session holds one copy of the cells.
    """
    if len(uploads) == 1:
        return read_raw(uploads[0], sheet), None
    key = (tuple(f.file_id for f in uploads), sheet)
    cached = st.session_state.get(K_MULTI)
    if cached and cached[0] == key:
        return cached[1].raw, cached[1]
    st.session_state.pop(K_MULTI, None)  # the previous set's table goes before the new one is read
    st.session_state.pop(K_RAW, None)
    for f in uploads:
        _check_size(f)
    n = len(uploads)
    with st.status(t("upload.files.reading", n=n), expanded=True) as status:
        bar = st.progress(0.0)

        def step(i: int, name: str) -> None:
            bar.progress(i / n, text=t_data("upload.files.reading_one", i=i + 1, n=n, name=name))

        try:
            raws = read_files(((f.getvalue(), f.name) for f in uploads), sheet=sheet, progress=step)
        except IngestError:  # the page shows the reader's message, naming the file
            status.update(label=t("upload.files.failed"), state="error")
            raise
        header = date_header_of(raws)
        found = describe_files(raws, header)
        multi = combine(raws, found, header, allow_missing=True)
        del raws
        bar.progress(1.0, text=t("upload.files.read_done", n=n, rows=len(multi.raw.frame)))
        status.update(label=t("upload.files.read_done", n=n, rows=len(multi.raw.frame)), state="complete",
                      expanded=False)
    _seed_mapping(multi)
    st.session_state[K_MULTI] = (key, multi, found)
    return multi.raw, multi


def _seed_mapping(multi) -> None:
    """A new set: forget earlier mapping choices; the month column (when added) is the month,
    and the file-name column is never suggested as a field of the data."""
    for k in [k for k in st.session_state if str(k).startswith(K_MAP_PREFIX)]:
        st.session_state.pop(k, None)
    for canonical, header in suggest_mapping(multi.raw).items():
        if header == FILE_COLUMN:
            st.session_state[K_MAP_PREFIX + canonical] = NONE
    if multi.month_column:
        st.session_state[K_MAP_PREFIX + "snapshot_date"] = MONTH_COLUMN


def months_found():
    """The files' months as first found (the per-file table's base), or None."""
    cached = st.session_state.get(K_MULTI)
    return cached[2] if cached else None


def keep_multi(multi) -> None:
    """Keep the set's table after the user changed a month (same files, same sheet)."""
    cached = st.session_state.get(K_MULTI)
    if cached:
        st.session_state[K_MULTI] = (cached[0], multi, cached[2])


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


def prepare_analysis() -> None:
    """Right after a load, build what every page opens with, under a progress line.

    The data core's book (the portfolio registered in DuckDB), its month, bucket and transition
    cubes and the account index the warnings read cost ~2-3 s on a 2.4M-row book; built here, while
    the reader looks at the load report, the first page they open does not pay for them. Each
    is cached for the session (the same objects the pages ask for), so a rerun of this page
    costs nothing. A problem is left to the pages, which explain it where it matters.
    """
    from ui import memo  # the pages' caches (imports the analyses: only once data is loaded)

    cubes = state.cubes()
    steps = [("book", lambda: cubes.months), ("rates", cubes.rates), ("aging", cubes.aging),
             ("transitions", cubes.transitions), ("accounts", lambda: memo.row_index(state.portfolio()))]
    with st.status(t("upload.prepare.running"), expanded=False) as status:
        bar = st.progress(0.0)
        for i, (step, build) in enumerate(steps):
            bar.progress(i / len(steps), text=t(f"upload.prepare.{step}"))
            try:
                build()
            except MessageError:  # the page that needs it says what is wrong, in context
                break
        bar.progress(1.0, text=t("upload.prepare.done"))
        status.update(label=t("upload.prepare.done"), state="complete")
