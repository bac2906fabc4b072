"""Text of the check step and the rejections report on the upload page."""

MESSAGES = {
    "upload.check.blocked": {
        "zh": "**载入前还需处理 {n} 个问题：**",
        "en": "**{n} problem(s) to fix before loading:**",
    },
    "upload.check.disabled_help": {
        "zh": "请先处理上方列出的问题，按钮随后即可使用。",
        "en": "Fix the problems listed above first; the button then becomes available.",
    },
    "upload.check.ready": {
        "zh": "未发现阻止载入的问题。",
        "en": "Nothing blocks loading.",
    },
    "upload.check.failed": {
        "zh": "校验未通过，原因见下方",
        "en": "The check failed: see why below",
    },
    "upload.check.none_accepted": {
        "zh": "校验完成，但没有任何行通过",
        "en": "Checked: no row passed",
    },
    "upload.check.reasons_title": {
        "zh": "拒收原因（{n:,} 行，{k} 类）",
        "en": "Why rows were rejected ({n:,} row(s), {k} reason(s))",
    },
    "upload.check.col.reason": {"zh": "原因", "en": "Reason"},
    "upload.check.col.rows": {"zh": "行数", "en": "Rows"},
    "upload.check.col.balance": {"zh": "余额（{unit}）", "en": "Balance ({unit})"},
    "upload.check.col.columns": {"zh": "涉及的列", "en": "Columns"},
    "upload.check.col.examples": {"zh": "示例（前三行）", "en": "Examples (first three rows)"},
    "upload.check.col.row": {"zh": "行号", "en": "Row"},
    "upload.check.balance_note": {
        "zh": "余额为这些行中能读出余额的行之和；“—”表示这些行没有可读的余额（例如余额为空或不是数字）。",
        "en": "Balance sums the rows whose balance could be read; “—” means none of them had one (e.g. an empty or unreadable balance).",
    },
    "upload.check.rows_title": {
        "zh": "逐行拒收明细（显示前 {shown:,} 行，共 {n:,} 行）",
        "en": "Rejected rows one by one (first {shown:,} of {n:,})",
    },
    "upload.check.download": {
        "zh": "下载全部拒收明细（CSV，{n:,} 行）",
        "en": "Download all rejected rows (CSV, {n:,} row(s))",
    },
}
