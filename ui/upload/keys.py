"""Session keys and constants of the upload flow (one place, so the modules agree)."""
from __future__ import annotations

from analysis.core.schema import CANONICAL_COLUMNS, PII_COLUMNS, SEGMENT_COLUMNS

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
DPD_GROUP = ("days_past_due", "due_date", "status_label", "loan_class")
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
