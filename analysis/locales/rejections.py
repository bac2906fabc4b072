"""Rejection reasons in a few words (analysis.ingest.rejections): one line per reason in the report."""

_REASONS = {
    "total_row": ("合计/小计行", "total or subtotal row"),
    "note_row": ("表格下方的说明行", "note under the table"),
    "header_row": ("表格中间重复的表头行", "header row repeated inside the table"),
    "missing_account": ("账户编号为空", "account id missing"),
    "missing_month": ("月份为空", "month missing"),
    "bad_month": ("月份不是日期", "month not a date"),
    "placeholder_month": ("月份早于 1950 年（占位日期）", "month before 1950 (a placeholder date)"),
    "bad_dpd": ("逾期天数不是整数", "DPD not a whole number"),
    "missing_dpd": ("逾期天数为空", "DPD missing"),
    "negative_dpd": ("逾期天数为负数", "negative DPD"),
    "dpd_over_a_century": ("逾期天数超过 100 年", "DPD over 100 years"),
    "bad_due_date": ("应还日期不是日期", "due date not a date"),
    "closed": ("已结清/关闭", "closed (paid off)"),
    "no_loan": ("当月无贷款", "no loan that month"),
    "excluded_status": ("状态在代码表中设为排除", "status excluded in the code table"),
    "unknown_status": ("状态不在代码表中", "status not in the code table"),
    "missing_balance": ("余额为空", "balance missing"),
    "bad_amount": ("金额不是数字", "amount not a number"),
    "amount_too_large": ("金额超过 100 万亿元", "amount above 100 trillion"),
    "negative_balance": ("负余额", "negative balance"),
    "duplicate": ("同一账户同一月份重复", "duplicate account-month"),
}

MESSAGES = {f"rejections.reason.{k}": {"zh": zh, "en": en} for k, (zh, en) in _REASONS.items()}
MESSAGES.update({
    "rejections.in_file": {"zh": "文件“{file}”{text}", "en": "“{file}” {text}"},
    "rejections.example": {"zh": "第 {row} 行", "en": "row {row}"},
    "rejections.example_value": {"zh": "第 {row} 行：{value}", "en": "row {row}: {value}"},
    "rejections.example_column": {"zh": "第 {row} 行（{column}）", "en": "row {row} ({column})"},
    "rejections.example_column_value": {"zh": "第 {row} 行（{column}）：{value}", "en": "row {row} ({column}): {value}"},
})
