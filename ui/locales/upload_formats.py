"""Upload page texts of the date order and decimal mark choices (issue 13 item 8)."""

MESSAGES = {
    "upload.fmt.date_order": {"zh": "日期顺序", "en": "Date order"},
    "upload.fmt.date_order.auto": {"zh": "自动识别（默认按月/日/年）", "en": "Detect (month first by default)"},
    "upload.fmt.date_order.mdy": {"zh": "月/日/年", "en": "month/day/year"},
    "upload.fmt.date_order.dmy": {"zh": "日/月/年", "en": "day/month/year"},
    "upload.fmt.date_order_help": {
        "zh": "这些列的日期两种读法都说得通：{columns}。例如 01/02/2024 可以是 1 月 2 日，也可以是 2 月 1 日。请按系统导出的习惯选择。",
        "en": "Dates in these columns read either way: {columns}. For example 01/02/2024 is January 2 or 1 February. Choose what your system exports.",
    },
    "upload.fmt.decimal": {"zh": "小数点", "en": "Decimal mark"},
    "upload.fmt.decimal.auto": {"zh": "自动识别（默认逗号为千位分隔符、点为小数点）", "en": "Detect (by default a comma separates thousands, a dot marks decimals)"},
    "upload.fmt.decimal.dot": {"zh": "点：1,234.56", "en": "dot: 1,234.56"},
    "upload.fmt.decimal.comma": {"zh": "逗号：1.234,56", "en": "comma: 1.234,56"},
    "upload.fmt.decimal_help": {
        "zh": "这些列的逗号或点可能是千位分隔符，也可能是小数点：{columns}。例如 1,234 可以是一千二百三十四，也可以是 1.234；欧洲格式的 1.234 则是一千二百三十四（选“逗号”）。",
        "en": "The commas or dots in these columns may separate thousands or mark decimals: {columns}. For example 1,234 is one thousand two hundred and thirty-four, or 1.234; in the European way 1.234 is one thousand two hundred and thirty-four (choose “comma”).",
    },
}
