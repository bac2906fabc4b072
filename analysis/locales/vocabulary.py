"""The shared vocabulary's names (analysis.core.vocabulary): causes, actions, warning levels,
five-tier classes and IFRS 9 stages, the exit column, the book's metrics and the entry rate's 口径.

One label per key: every page, chart, table, report and CLI line shows these words, so a cause or
a rate is called the same thing everywhere.
"""

_CAUSES = {
    "income_loss": ("收入下降/失业", "Income loss / unemployment"),
    "business_difficulty": ("经营困难/资金周转", "Business difficulty / cash flow"),
    "illness_accident": ("疾病/意外", "Illness / accident"),
    "forgot": ("忘记还款/疏忽", "Forgot / oversight"),
    "over_indebted": ("多头借贷/负债过重", "Over-indebted"),
    "dispute": ("纠纷/争议", "Dispute"),
    "wilful_default": ("恶意拖欠/失联", "Wilful default / unreachable"),
    "force_majeure": ("不可抗力/灾害", "Force majeure / disaster"),
    "other": ("其他", "Other"),
    "unknown": ("未填写", "Not stated"),
}
_ACTIONS = {
    "none": ("正常管理", "Business as usual"),
    "reminder": ("短信/APP提醒", "SMS / app reminder"),
    "call": ("电话催收", "Phone call"),
    "letter": ("催收函", "Collection letter"),
    "visit": ("上门催收", "Field visit"),
    "legal": ("法律诉讼/委外催收", "Legal action / outsourcing"),
    "grace_period": ("宽限期", "Grace period"),
    "repayment_plan": ("个性化分期还款", "Repayment plan"),
    "restructuring": ("债务重组", "Restructuring"),
    "verify": ("核实争议", "Resolve the dispute"),
}
_LEVELS = {
    "red": ("红色预警", "Red"),
    "orange": ("橙色预警", "Orange"),
    "yellow": ("黄色预警", "Yellow"),
    "none": ("无预警", "No warning"),
}
_FIVE_TIER = {
    "normal": ("正常", "Normal"),
    "special_mention": ("关注", "Special mention"),
    "substandard": ("次级", "Substandard"),
    "doubtful": ("可疑", "Doubtful"),
    "loss": ("损失", "Loss"),
}
_METRICS = {
    "overdue_rate": ("逾期率（1天以上）", "Overdue rate (1+ DPD)"),
    "dpd30_rate": ("DPD30+ 逾期率", "DPD30+ rate"),
    "dpd90_rate": ("DPD90+ 逾期率", "DPD90+ rate"),
    "entry_rate": ("入催率", "Entry rate"),
    "overdue_balance": ("逾期余额（1天以上）", "Overdue balance (1+ DPD)"),
    "dpd30_balance": ("DPD30+ 逾期余额", "DPD30+ balance"),
    "dpd90_balance": ("DPD90+ 逾期余额", "DPD90+ balance"),
    "overdue_amount": ("逾期金额", "Overdue amount"),
    "accounts": ("账户数", "Accounts"),
    "balance": ("贷款余额", "Balance"),
    "warned_accounts": ("预警账户数", "Warned accounts"),
}

MESSAGES: dict[str, dict[str, str]] = {}
for _group, _table in (("cause", _CAUSES), ("action", _ACTIONS), ("level", _LEVELS), ("five_tier", _FIVE_TIER),
                       ("metric", _METRICS)):
    for _key, (_zh, _en) in _table.items():
        MESSAGES[f"vocabulary.{_group}.{_key}"] = {"zh": _zh, "en": _en}

MESSAGES.update({
    "vocabulary.stage": {"zh": "第{n}阶段", "en": "Stage {n}"},
    "vocabulary.bucket.exit": {"zh": "结清/退出", "en": "Exit"},
    "vocabulary.entry_rate.month": {"zh": "入催月份", "en": "Month of entry"},
    "vocabulary.entry_rate.base_month": {"zh": "正常月份（前一月）", "en": "Current in (month before)"},
    "vocabulary.entry_rate.definition": {
        "zh": "入催率按入催月份 t 计：t-1 月正常（DPD 0）的账户中，t 月逾期1天以上的占比；t-1 月后离开组合的计入分母",
        "en": "entry rate dated at the month of entry t: of the book Current (DPD 0) at t-1, the share 1+ DPD at t; "
              "accounts that left after t-1 stay in the base"},
})
