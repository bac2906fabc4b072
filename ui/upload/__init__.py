"""The upload flow (a package: keys, flow, mapping, options, check, report)'s state and widgets: file → raw table → mapping → validated portfolio.

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

from ui.upload.check import check_button, validate
from ui.upload.files import builder, file_chooser, files_table, set_problems
from ui.upload.flow import (accept, chosen_sheet, drop_uploaded_files, forget_report, just_loaded, note_text, read_raw,
                            read_uploads, reset_uploader, sheet_picker, uploader_key)
from ui.upload.keys import FILE_TYPES, K_CURRENT, NONE
from ui.upload.mapping import apply_saved_mapping, mapping_widgets, preview, save_mapping_button, saved_mapping_uploader
from ui.upload.options import options_widgets, status_code_editor, wide_editor
from ui.upload.report import validation_report

__all__ = [
    "FILE_TYPES", "K_CURRENT", "NONE", "accept", "apply_saved_mapping", "builder", "check_button", "chosen_sheet",
    "drop_uploaded_files", "file_chooser", "files_table", "forget_report", "just_loaded", "mapping_widgets",
    "note_text", "options_widgets", "preview", "read_raw", "read_uploads", "reset_uploader", "save_mapping_button",
    "saved_mapping_uploader", "set_problems", "sheet_picker", "status_code_editor", "uploader_key", "validate", "validation_report",
    "wide_editor",
]
