"""The upload page's steps: file(s) → raw table → mapping and options → check → validated portfolio.

``keys`` (session keys), ``flow`` (reading, accepting, dropping the bytes: its docstring says why
both steps are needed), ``files`` (several monthly files), ``mapping``, ``options``, ``check``,
``report``. The page imports the names below from here.
"""
from __future__ import annotations

from ui.upload.check import check_button, validate
from ui.upload.files import builder, file_chooser, files_table, set_problems
from ui.upload.flow import (accept, chosen_sheet, drop_uploaded_files, forget_report, just_loaded, note_text,
                            prepare_analysis, read_raw, read_uploads, reset_uploader, sheet_picker, uploader_key)
from ui.upload.keys import FILE_TYPES, K_CURRENT, NONE
from ui.upload.mapping import apply_saved_mapping, mapping_widgets, preview, save_mapping_button, saved_mapping_uploader
from ui.upload.options import options_widgets, status_code_editor, wide_editor
from ui.upload.report import validation_report

__all__ = [
    "FILE_TYPES", "K_CURRENT", "NONE", "accept", "apply_saved_mapping", "builder", "check_button", "chosen_sheet",
    "drop_uploaded_files", "file_chooser", "files_table", "forget_report", "just_loaded", "mapping_widgets",
    "note_text", "options_widgets", "prepare_analysis", "preview", "read_raw", "read_uploads", "reset_uploader", "save_mapping_button",
    "saved_mapping_uploader", "set_problems", "sheet_picker", "status_code_editor", "uploader_key", "validate", "validation_report",
    "wide_editor",
]
