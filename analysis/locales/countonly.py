"""Texts of a count-only book (no balance column, each account-month counted as 1): what the
analysis layer writes instead of money."""

MESSAGES = {
    "countonly.metric.balance": {"zh": "在册户数", "en": "Accounts on the book"},
    "countonly.metric.overdue_balance": {"zh": "逾期户数（1天以上）", "en": "Overdue accounts (1+ DPD)"},
    "countonly.metric.dpd30_balance": {"zh": "逾期30天以上户数", "en": "Accounts 30+ DPD"},
    "countonly.metric.dpd90_balance": {"zh": "逾期90天以上户数", "en": "Accounts 90+ DPD"},
    "countonly.metric.overdue_amount": {"zh": "逾期户数", "en": "Overdue accounts"},
    "countonly.findings.warnings.red": {"zh": "{month} 共 {accounts} 户触发预警，其中红色预警 {red} 户。",
                                        "en": "{accounts} accounts are on early warning in {month}; {red} of them red."},
    "countonly.findings.warnings.some": {"zh": "{month} 共 {accounts} 户触发预警，暂无红色预警。",
                                         "en": "{accounts} accounts are on early warning in {month}; none is red."},
    "countonly.report.no_balances": {
        "zh": "本数据没有余额列（每户每月按 1 计），所以本节没有金额：{what}需要每户的余额。加载带余额列的文件后再生成报告。",
        "en": "This data has no balance column (each account-month counted as 1), so this section has no amounts: {what} needs each account's balance. Load a file with a balance column and build the report again.",
    },
    "countonly.needs.provisions": {"zh": "减值准备（预期信用损失 ECL）、不良率和拨备覆盖率", "en": "the allowance (expected credit loss), the NPL ratio and coverage"},
    "countonly.needs.whatif": {"zh": "额度策略模拟（预期损失、利息收入）", "en": "the limit-policy simulation (expected loss and interest revenue)"},
    "countonly.report.summary": {
        "zh": "本数据没有余额列（每户每月按 1 计）：所有数字都是户数，不是金额；减值准备和额度策略模拟需要每户的余额，本报告未计算。",
        "en": "This data has no balance column (each account-month counted as 1): every figure is a number of accounts, not money; provisions and the limit-policy simulation need each account's balance and are not in this report.",
    },
    "countonly.cli.no_balances": {
        "zh": "这份数据没有余额列（--balance-missing unit：每户每月按 1 计），所以算不出金额：{what}需要每户的余额。请用带余额列的文件，并用 --map 指定余额列。",
        "en": "This data has no balance column (--balance-missing unit: each account-month counted as 1), so there are no amounts to compute: {what} needs each account's balance. Use a file with a balance column (--map names it).",
    },
    # Labels that name a balance in the unit given: with the count unit (户 / accounts) they read
    # as these instead (analysis.core.i18n.translate picks them), e.g. not "余额（户）".
    "countonly.aging.chart.balance_unit": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.aging.col.balance": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.causes.chart.balance_unit": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.causes.drill.balance": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.trend.loss.balance": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.trend.chart.balance_unit": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    # The report's columns and titles that name balances (analysis.report.context.ReportContext).
    "countonly.report.col.balance": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.report.col.overdue_balance": {"zh": "逾期户数", "en": "Overdue accounts"},
    "countonly.report.col.book_total": {"zh": "在册户数合计", "en": "Accounts on the book"},
    "countonly.report.table_title.distribution": {"zh": "{month} 各分段户数", "en": "Accounts per bucket, {month}"},
    "countonly.report.chart.projection": {"zh": "迁徙率推演：未来{n}个月各分段户数（按近{window}个月平均迁徙率）",
                                          "en": "Roll-rate projection: accounts per bucket over the next {n} months (last {window} months' average roll rates)"},
    "countonly.report.table_title.projection": {"zh": "迁徙率推演（各分段户数）", "en": "Roll-rate projection (accounts per bucket)"},
    "countonly.trend.projection.total": {"zh": "在册户数合计（户）", "en": "Accounts on the book"},
    "countonly.warnings.chart.balance_unit": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.warnings.tcol.balance_unit": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.warnings.chart.bar_label": {"zh": "{n} 户", "en": "{n} accounts"},
    "countonly.warnings.chart.levels_title": {"zh": "各预警级别的账户数", "en": "Accounts under each warning level"},
    "countonly.warnings.chart.by_title": {"zh": "按{by}的预警户数", "en": "Warned accounts by {by}"},
    "countonly.warnings.chart.actions_title": {"zh": "各催收动作覆盖的账户数", "en": "Accounts each collection action covers"},
    "countonly.warnings.th.col.balance": {"zh": "命中户数（每户计1）", "en": "Accounts flagged (each counted as 1)"},
}
