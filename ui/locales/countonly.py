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
    "countonly.aging.playbook.caption": {
        "zh": "每个逾期天数区间对应的催收动作，以及本月落在该区间的账户。策略表可在下方编辑，其他页面（预警）同步使用。",
        "en": "The action each DPD range calls for, and the accounts in that range this month. Edit the playbook below; other pages (early warning) use the same table.",
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
    # Labels that name a balance in the unit given: read with the count unit as these instead.
    "countonly.aging.kpi.balance": {"zh": "在册户数（户）", "en": "Accounts on the book"},
    "countonly.aging.kpi.overdue_balance": {"zh": "逾期户数（户）", "en": "Overdue accounts"},
    "countonly.causes.col.balance": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.causes.m.overdue_balance": {"zh": "逾期户数（户）", "en": "Overdue accounts"},
    "countonly.causes.m.overdue_balance_help": {"zh": "逾期1天以上的账户数；当月共 {total} 户。",
                                                "en": "Accounts 1+ days past due; {total} accounts in the month."},
    "countonly.cdp.wl.balance": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.upload.check.col.balance": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.trend.projection.chart_title": {"zh": "未来 {n} 个月逾期各分段户数（迁徙率推演，不含正常）",
                                               "en": "Overdue accounts by bucket over the next {n} months (roll-rate projection, Current left out)"},
    "countonly.trend.projection.sentence": {
        "zh": "按此迁徙率，{rate}将由 {start} 变为 {month} 的 {end}；期间累计约 {exits} 户结清/退出。",
        "en": "At these roll rates the {rate} moves from {start} to {end} by {month}; about {exits} accounts leave the book meanwhile.",
    },
    "countonly.upload.report.amount": {"zh": "户数（每户计1）", "en": "Accounts (each counted as 1)"},
    "countonly.aging.defs.body": {
        "zh": "- **分段**：{buckets}\n- **统计口径**：按户数（本数据没有余额列，每户每月计 1，所有数字都是户数）\n- **数据月份**：{first} 至 {last}；月份按自然月，t 月与 t+1 月配对计算迁徙\n- **逾期率**：逾期1天以上（1+）、逾期30天以上（30+，即 >30 天）、逾期90天以上（90+，即 >90 天）的户数占比\n- **迁徙率**：t 月处于某分段的账户，在 t+1 月所处分段的占比；离开组合（结清、核销、转出）的单列为“结清/退出”\n- **回正常率**：某逾期分段在下月回到正常的占比；**入催率**：上月正常的账户在本月逾期1天以上的占比，记在入催月份（本月）\n- **滞后口径**：本月逾期户数 ÷ N 个月前的在册户数\n- **筛选**：{filters}",
        "en": "- **Buckets**: {buckets}\n- **Measure**: accounts (this data has no balance column: each account-month counts as 1, so every figure is a number of accounts)\n- **Months**: {first} to {last}; calendar months, month t paired with month t+1 for roll rates\n- **Rates**: share of accounts 1+ DPD (overdue), more than 30 DPD (30+) and more than 90 DPD (90+)\n- **Roll rate**: of the accounts in a bucket at month t, the share in each bucket at t+1; accounts that left the book (paid off, written off, sold) are their own \"Exit\" column\n- **Cure rate**: share of an overdue bucket back to Current next month; **entry rate**: share of last month's Current that is 1+ DPD this month, dated at the month of entry (this month)\n- **Lagged basis**: this month's delinquent accounts ÷ the accounts N months earlier\n- **Filters**: {filters}",
    },
}
