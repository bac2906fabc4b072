"""Texts of a count-only book (no balance column, each account-month counted as 1)."""

MESSAGES = {
    "countonly.sidebar.note": {
        "zh": "本数据没有余额列（上传时选择了“每户按 1 计”），所有数字都是户数，不是金额；因此统计口径固定为按户数，也没有金额单位可选。",
        "en": "This data has no balance column (loaded with \u201ccount each account as 1\u201d): every figure is a number of accounts, not money, so the measure is fixed to counts and there is no amount unit to choose.",
    },
}
