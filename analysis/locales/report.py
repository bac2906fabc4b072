"""Text the report and the overview charts emit (headings, metric names, table headers)."""

MESSAGES = {
    # headline metrics
    "report.metric.accounts": {"zh": "账户数", "en": "Accounts"},
    "report.metric.balance": {"zh": "贷款余额", "en": "Balance"},
    "report.metric.overdue_balance": {"zh": "逾期余额", "en": "Overdue balance"},
    "report.metric.overdue_rate": {"zh": "逾期率（1天以上）", "en": "Overdue rate (1+ DPD)"},
    "report.metric.dpd30_rate": {"zh": "DPD30+ 逾期率", "en": "DPD30+ rate"},
    "report.metric.dpd90_rate": {"zh": "DPD90+ 逾期率", "en": "DPD90+ rate"},
    "report.metric.entry_rate": {"zh": "入催率", "en": "Entry rate"},
    "report.metric.warned_accounts": {"zh": "预警账户数", "en": "Warned accounts"},
    "report.metric": {"zh": "指标", "en": "Metric"},
    "report.with_unit": {"zh": "{label}（{unit}）", "en": "{label} ({unit})"},
    "report.month": {"zh": "月份", "en": "Month"},
    "report.rate_axis": {"zh": "逾期率", "en": "Rate"},
    "report.chart.rates": {"zh": "逾期率月度走势", "en": "Delinquency rates by month"},
    "report.table.metric": {"zh": "指标", "en": "Metric"},
    "report.table.value": {"zh": "本月", "en": "This month"},
    "report.table.previous": {"zh": "上月", "en": "Previous month"},
    "report.table.change": {"zh": "环比变化", "en": "Change MoM"},
}
