"""Texts of a count-only book (no balance column, each account-month counted as 1)."""

MESSAGES = {
    "countonly.sidebar.note": {
        "zh": "本数据没有余额列（上传时选择了“每户按 1 计”），所有数字都是户数，不是金额；因此统计口径固定为按户数，也没有金额单位可选。",
        "en": "This data has no balance column (loaded with \u201ccount each account as 1\u201d): every figure is a number of accounts, not money, so the measure is fixed to counts and there is no amount unit to choose.",
    },
    "countonly.help.overdue_balance": {
        "zh": "本月逾期 1 天以上的户数（本数据没有余额，按户计）。",
        "en": "Accounts 1+ days past due this month (this data has no balances: counted in accounts).",
    },
    "countonly.aging.reconcile": {
        "zh": "核对：{month} 各分段合计 {count:,} 户，与该月组合（筛选后）{book_count:,} 户一致。上传文件共接收 {rows:,} 行（全部月份、筛选前）。本数据没有余额，按户计。",
        "en": "Check: the buckets of {month} add up to {count:,} accounts, the same as that month's book after filters ({book_count:,} accounts). The upload has {rows:,} accepted rows (all months, before filters). This data has no balances: figures are accounts.",
    },
    "countonly.upload.reconcile": {
        "zh": "本文件没有余额列，每户每月按 1 计：核对看行数和户数（接收 {rows:,} 行、{accounts:,} 户），不看金额。",
        "en": "This file has no balance column and each account-month counts as 1: reconcile by rows and accounts ({rows:,} rows, {accounts:,} accounts accepted), not by amounts.",
    },
    "countonly.no_balances": {
        "zh": "本数据没有余额列（上传时选择了“每户按 1 计”），所以这里不显示金额：{what}需要每户的余额。请在上传页把余额列映射上，重新加载后再看。",
        "en": "This data has no balance column (it was loaded with “count each account as 1”), so no amounts are shown here: {what} needs each account's balance. Map a balance column on the upload page and load the file again.",
    },
    "countonly.needs.arrangements": {"zh": "还款安排比较（净现值、预期回款和损失）", "en": "the comparison of arrangements (net present value, expected recoveries and losses)"},
    "countonly.needs.loss": {"zh": "预计损失", "en": "the loss forecast"},
    "countonly.calculators": {
        "zh": "本计算器按您输入的金额计算，不读取当前数据（当前数据没有余额，按户计）。",
        "en": "This calculator works on the amounts you type in and does not read the data in use (which has no balances: figures are accounts).",
    },
    "countonly.warnings.metric.balance": {"zh": "占全部户数 {share}", "en": "{share} of the accounts"},
    "countonly.warnings.metric.total": {"zh": "本月共 {n:,} 户；预警 {warned:,} 户。", "en": "{n:,} accounts this month; {warned:,} warned."},
    "countonly.warnings.lists.count": {"zh": "{n:,} 户", "en": "{n:,} accounts"},
    "countonly.aging.drill.summary": {"zh": "**{month} · {bucket} · {segment}**：{n:,} 户", "en": "**{month} · {bucket} · {segment}**: {n:,} accounts"},
    "countonly.causes.reconciled": {"zh": "✅ 各原因合计 = 当月逾期账户 {n} 户（当月共 {total} 户），与上传数据一致。",
                                    "en": "✅ The causes add up to the month's {n} overdue accounts ({total} accounts in the month), as in the upload."},
    "countonly.causes.not_reconciled": {"zh": "⚠️ 各原因合计与当月逾期账户（{n} 户，共 {total} 户）不一致，请反馈此问题。",
                                        "en": "⚠️ The causes do not add up to the month's overdue accounts ({n} accounts; {total} accounts in all). Please report this."},
}
