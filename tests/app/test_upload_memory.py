"""The uploaded bytes leave Streamlit's upload store once the portfolio is loaded.

Streamlit keeps an uploaded file in its ``MemoryUploadedFileManager`` until the user clicks ✕ or
the session shuts down; a new uploader key does not remove it. These tests read the manager of
the running script, so they fail if the bytes stay (or if Streamlit changes the manager's API).
"""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.apptest import assert_clean, open_page


def _uploader_script():
    import streamlit as st
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from ui.upload import drop_uploaded_files

    files = st.file_uploader("data", key="data", accept_multiple_files=True)
    if files:
        ctx = get_script_run_ctx()
        ids = [f.file_id for f in files]
        before = len(ctx.uploaded_file_mgr.get_files(ctx.session_id, ids))
        held = drop_uploaded_files(*files, None)
        after = len(ctx.uploaded_file_mgr.get_files(ctx.session_id, ids))
        st.write(f"before={before} held={held} after={after} readable={sum(len(f.getvalue()) for f in files)}")


def test_drop_uploaded_files_removes_the_bytes_from_the_store():
    at = AppTest.from_function(_uploader_script)
    at.run()
    at.file_uploader(key="data").set_value([("a.csv", b"x" * 1000, "text/csv"), ("b.json", b"{}", "application/json")])
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "before=2 held=2 after=0 readable=1002"


def test_the_upload_page_drops_the_file_once_loaded(monkeypatch):
    # AppTest gives every run a fresh upload store, so the page's call is recorded instead; the
    # test above shows what the call does to the store.
    from tests.app.test_upload_page import CSV
    from ui.upload import flow as upload

    dropped = []
    real = upload.drop_uploaded_files
    monkeypatch.setattr(upload, "drop_uploaded_files", lambda *files: dropped.append(files) or real(*files))
    at = open_page("upload", "en")
    at.file_uploader[0].set_value(("book.csv", CSV, "text/csv"))
    at.run()
    assert not dropped  # not while the user is still mapping columns
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    assert at.session_state["data_name"] == "book.csv"
    assert [[f.name for f in files if f is not None] for files in dropped] == [["book.csv"]]
