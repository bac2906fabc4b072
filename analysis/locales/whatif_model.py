"""Text of the what-if credit-risk model (issue 14): scope, history, swap groups, PD estimation."""

MESSAGES = {
    "whatif.seg.blank": {"zh": "（空白）", "en": "(blank)"},
    "whatif.err.month_not_in_file": {
        "zh": "文件中没有 {month} 月；文件的月份为 {first} 至 {last}。",
        "en": "Month {month} is not in the file; the file runs from {first} to {last}.",
    },
    "whatif.err.include_defaulted": {
        "zh": "策略的 include_defaulted 只能是 true 或 false，当前为 {value}。",
        "en": "The policy's include_defaulted must be true or false (got {value}).",
    },
    "whatif.col.insufficient_history": {"zh": "历史不足户数", "en": "Insufficient history"},
}
