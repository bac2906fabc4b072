"""Every widget and session key of the meeting-report page, in one place.

The page, its views and the AppTest tests name a key through this module, never as a literal.
"""
from __future__ import annotations

# --- widgets ----------------------------------------------------------------------------------
K_SECTIONS = "report_sections"
K_PRESENT = "report_present"  # the presentation stepper (one section: the findings)
K_MONTH = "report_month"
K_LANG = "report_lang"
K_FORMATS = "report_formats"
K_BUILD = "report_build"

# --- session state the page keeps -------------------------------------------------------------
K_FILES = "report_files"  # {"key": settings fingerprint, "files": {fmt: bytes}, "month", "lang"}
K_LANG_PICKED = "report_lang_picked"  # True once the reader picked the report's language themselves


def download_key(fmt: str) -> str:
    """The download button of one built file."""
    return f"report_download_{fmt}"
