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
}
