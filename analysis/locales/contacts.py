"""Text the contact-log checks and the collections performance emit: errors, rejected rows, rule
names, breach details, sources of the limits, performance labels and the A/B caveats."""

MESSAGES = {
    # errors: each says what is wrong and how to fix it
    "contacts.err.missing_columns": {
        "zh": "联系记录“{name}”缺少必需的列：{missing}。请在文件中加入这些列（例如 借据号/客户编号、联系时间（或联系日期＋联系时刻）、"
              "渠道（电话/短信/推送/信函/上门/邮件）、联系对象（本人/担保人/第三方）、是否接通（是/否）），"
              "或把表头改成可识别的名称。文件中的列：{found}。",
        "en": "The contact log “{name}” lacks required columns: {missing}. Add them (account_id, timestamp — or a date "
              "and a time column —, channel call/sms/push/letter/visit/email, recipient debtor/guarantor/third_party, "
              "answered yes/no) or rename the headers to recognised names. Columns found: {found}.",
    },
    "contacts.err.log_columns": {
        "zh": "联系记录缺少列：{missing}。请先用 read_contact_log 读取文件，得到标准列名。",
        "en": "The contact log lacks the columns {missing}. Read the file with read_contact_log to get the canonical columns.",
    },
    "contacts.err.no_rows": {
        "zh": "联系记录“{name}”的 {rows} 行都无法读取：例如第 {row} 行“{column}”列的值“{value}”。请修正该列的格式后重新上传。",
        "en": "None of the {rows} rows of the contact log “{name}” could be read: row {row}, for one, has “{value}” in “{column}”. Fix that column's format and upload again.",
    },
    "contacts.err.empty": {
        "zh": "联系记录“{name}”是空的，请上传包含表头和数据行的文件。",
        "en": "The contact log “{name}” is empty; upload a file with a header and data rows.",
    },
    "contacts.err.jurisdiction": {
        "zh": "不支持的司法辖区“{value}”，可选：{allowed}。",
        "en": "Unknown jurisdiction “{value}”; use one of {allowed}.",
    },
    "contacts.err.rule": {
        "zh": "未知规则：{rule}。可用规则：{rules}。",
        "en": "Unknown rule: {rule}. Rules: {rules}.",
    },
    "contacts.err.window": {
        "zh": "允许联系的时段无效（开始 {start} 分钟，结束 {end} 分钟）：开始须早于结束，且都在 0 到 1440 分钟（24:00）之间。",
        "en": "The contact window is not valid (start {start} min, end {end} min): start must be before end, both within 0–1440 minutes (24:00).",
    },
    "contacts.err.limit": {
        "zh": "阈值 {name} = {value} 无效，请填写非负整数（天数至少为 1）。",
        "en": "The limit {name} = {value} is not valid; use a whole number ≥ 0 (days ≥ 1).",
    },
    "contacts.err.channel_arg": {
        "zh": "未知渠道：{value}。可用渠道：{channels}。",
        "en": "Unknown channel: {value}. Channels: {channels}.",
    },
    "contacts.err.needs_portfolio": {
        "zh": "治愈率和滚动率需要资产组合数据（逾期天数按月），请同时提供资产组合文件（命令行 --portfolio）。",
        "en": "Cure and roll-forward rates need the portfolio (days past due by month); give the portfolio file too (--portfolio on the command line).",
    },
    "contacts.err.groups": {
        "zh": "“{column}”列中找不到两个可比较的组（找到：{found}）。请指定两个组，或换一列。",
        "en": "The column “{column}” does not hold two groups to compare (found: {found}). Name two groups, or choose another column.",
    },
    "contacts.err.group_column": {
        "zh": "联系记录中没有“{column}”列，无法按它分组。可用：{columns}。",
        "en": "The contact log has no column “{column}” to group by. Available: {columns}.",
    },
    # rejected rows
    "contacts.reject.account": {"zh": "账户（{column}）为空", "en": "the account ({column}) is blank"},
    "contacts.reject.timestamp": {
        "zh": "联系时间（{column}）无法识别：“{value}”，应为 2024-03-01 21:30 这样的日期时间",
        "en": "the time ({column}) is not a date and time: “{value}” (expected e.g. 2024-03-01 21:30)",
    },
    "contacts.reject.channel": {
        "zh": "渠道（{column}）无法识别：“{value}”，应为 电话/短信/推送/信函/上门/邮件 之一",
        "en": "the channel ({column}) is not known: “{value}” (expected call, sms, push, letter, visit or email)",
    },
    "contacts.reject.recipient": {
        "zh": "联系对象（{column}）无法识别：“{value}”，应为 本人/担保人/第三方（联系人、家属、同事……）之一",
        "en": "the recipient ({column}) is not known: “{value}” (expected debtor, guarantor or third_party)",
    },
    "contacts.reject.answered": {
        "zh": "是否接通（{column}）无法识别：“{value}”，应为 是/否（电话必须填写）",
        "en": "answered ({column}) is not yes or no: “{value}” (a call must say)",
    },
    "contacts.reject.promise_amount": {
        "zh": "承诺金额（{column}）不是非负数字：“{value}”",
        "en": "the promised amount ({column}) is not a number ≥ 0: “{value}”",
    },
    "contacts.reject.paid_amount": {
        "zh": "还款金额（{column}）不是非负数字：“{value}”",
        "en": "the paid amount ({column}) is not a number ≥ 0: “{value}”",
    },
    "contacts.reject.promise_date": {
        "zh": "承诺日期（{column}）不是日期：“{value}”",
        "en": "the promise date ({column}) is not a date: “{value}”",
    },
    # rules, channels, recipients
    "contacts.rule.time_window": {"zh": "联系时段", "en": "Contact hours"},
    "contacts.rule.daily_attempts": {"zh": "每日未接通次数", "en": "Daily unanswered attempts"},
    "contacts.rule.daily_answered": {"zh": "每日接通次数", "en": "Daily answered calls"},
    "contacts.rule.seven_in_seven": {"zh": "7 天 7 次", "en": "7 calls in 7 days"},
    "contacts.rule.after_conversation": {"zh": "通话后 7 天", "en": "7 days after a conversation"},
    "contacts.rule.third_party": {"zh": "联系第三方", "en": "Third-party contact"},
    "contacts.channel.call": {"zh": "电话", "en": "call"},
    "contacts.channel.sms": {"zh": "短信", "en": "SMS"},
    "contacts.channel.push": {"zh": "推送", "en": "push"},
    "contacts.channel.letter": {"zh": "信函", "en": "letter"},
    "contacts.channel.visit": {"zh": "上门", "en": "visit"},
    "contacts.channel.email": {"zh": "邮件", "en": "email"},
    "contacts.recipient.debtor": {"zh": "本人", "en": "debtor"},
    "contacts.recipient.guarantor": {"zh": "担保人", "en": "guarantor"},
    "contacts.recipient.third_party": {"zh": "第三方", "en": "third party"},
    # breach details
    "contacts.detail.time_window": {
        "zh": "{time} 的{channel}联系，不在允许时段 {window} 内",
        "en": "{channel} at {time}, outside {window}",
    },
    "contacts.detail.third_party": {
        "zh": "以{channel}联系第三方",
        "en": "{channel} to a third party",
    },
    "contacts.detail.daily_attempts": {
        "zh": "{day} 对{recipient}未接通电话 {n} 次（上限 {limit} 次）",
        "en": "{n} unanswered calls to the {recipient} on {day} (limit {limit})",
    },
    "contacts.detail.daily_answered": {
        "zh": "{day} 接通电话 {n} 次（上限 {limit} 次）",
        "en": "{n} answered calls on {day} (limit {limit})",
    },
    "contacts.detail.seven_in_seven": {
        "zh": "{start} 至 {day} 的 {days} 天内此前已拨打 {n} 次（上限 {limit} 次）",
        "en": "{n} calls already placed in the {days} days {start} to {day} (limit {limit})",
    },
    "contacts.detail.after_conversation": {
        "zh": "{when} 已通话，{until}（含）前不应再拨打（{days} 天）",
        "en": "conversation at {when}; no calls until {until} inclusive ({days} days)",
    },
    # sources of the limits
    "contacts.source.cn.time_window": {
        "zh": "中国互联网金融协会《互联网金融逾期债务催收自律公约（试行）》（2018）关于催收时间的要求及银行卡催收行业规范：22:00 至次日 08:00 不得催收（债务人同意的除外）；具体条款请以原文为准",
        "en": "NIFA 《互联网金融逾期债务催收自律公约（试行）》 (2018) on collection hours, and the bank-card industry's collection rules: no collection contact 22:00–08:00 without the debtor's consent; check the exact article in the text",
    },
    "contacts.source.cn.daily_attempts": {
        "zh": "行业惯例（未找到规定具体次数的条款）：同一联系人每日未接通拨打不超过 6 次；可修改",
        "en": "Industry practice (no article fixing the number found): at most 6 unanswered calls per contact per day; editable",
    },
    "contacts.source.cn.daily_answered": {
        "zh": "行业惯例（未找到规定具体次数的条款）：同一账户每日接通不超过 3 次；可修改",
        "en": "Industry practice (no article fixing the number found): at most 3 answered calls per account per day; editable",
    },
    "contacts.source.cn.third_party": {
        "zh": "《互联网金融逾期债务催收自律公约（试行）》：不得向债务人以外的第三人催收或披露债务信息；《个人信息保护法》最小必要原则",
        "en": "《互联网金融逾期债务催收自律公约（试行）》: no collection from, or disclosure of the debt to, anyone but the debtor; PIPL (个人信息保护法) data minimisation",
    },
    "contacts.source.us.time_window": {
        "zh": "美国 Regulation F 12 CFR §1006.6(b)(1)(i)（FDCPA §1692c(a)(1)）：当地时间上午 8 点前、晚上 9 点后推定为不便时间",
        "en": "Regulation F 12 CFR §1006.6(b)(1)(i) (FDCPA §1692c(a)(1)): before 8 a.m. and after 9 p.m. local time is presumed inconvenient",
    },
    "contacts.source.us.seven_in_seven": {
        "zh": "美国 Regulation F 12 CFR §1006.14(b)(2)(i)：连续 7 天内拨打超过 7 次推定为骚扰",
        "en": "Regulation F 12 CFR §1006.14(b)(2)(i): more than 7 calls within 7 consecutive days is presumed harassment",
    },
    "contacts.source.us.after_conversation": {
        "zh": "美国 Regulation F 12 CFR §1006.14(b)(2)(ii)：通话后 7 天内（通话日为第 1 天）再拨打推定为骚扰",
        "en": "Regulation F 12 CFR §1006.14(b)(2)(ii): a call within 7 days after a telephone conversation (its date is day 1) is presumed harassment",
    },
    "contacts.source.us.third_party": {
        "zh": "美国 FDCPA 15 U.S.C. §1692c(b)（Regulation F §1006.6(d)）：不得与第三方沟通债务（§1692b 的查找位置信息除外）",
        "en": "FDCPA 15 U.S.C. §1692c(b) (Regulation F §1006.6(d)): no communication about the debt with third parties (except location information under §1692b)",
    },
    # performance
    "contacts.perf.group": {"zh": "分组", "en": "group"},
    "contacts.perf.contacts": {"zh": "联系次数", "en": "contacts"},
    "contacts.perf.accounts_worked": {"zh": "作业账户数", "en": "accounts worked"},
    "contacts.perf.calls": {"zh": "拨打次数", "en": "calls"},
    "contacts.perf.contact_rate": {"zh": "接通率", "en": "contact rate"},
    "contacts.perf.rpc_rate": {"zh": "本人接通率", "en": "right-party contact rate"},
    "contacts.perf.answered_calls": {"zh": "接通次数", "en": "answered calls"},
    "contacts.perf.right_party_calls": {"zh": "本人接通次数", "en": "right-party calls"},
    "contacts.perf.conversations": {"zh": "有效通话次数", "en": "conversations"},
    "contacts.perf.promises": {"zh": "承诺还款次数", "en": "promises to pay"},
    "contacts.perf.promises_due": {"zh": "到期承诺数", "en": "promises due"},
    "contacts.perf.promises_kept": {"zh": "已兑现承诺数", "en": "promises kept"},
    "contacts.perf.worked_overdue": {"zh": "作业逾期账户数", "en": "overdue accounts worked"},
    "contacts.perf.cured": {"zh": "治愈账户数", "en": "accounts cured"},
    "contacts.perf.rolled_forward": {"zh": "恶化账户数", "en": "accounts rolled forward"},
    "contacts.perf.ptp_rate": {"zh": "承诺还款率", "en": "promise-to-pay rate"},
    "contacts.perf.kept_rate": {"zh": "承诺兑现率", "en": "kept-promise rate"},
    "contacts.perf.cure_rate": {"zh": "治愈率", "en": "cure rate"},
    "contacts.perf.roll_forward_rate": {"zh": "恶化率", "en": "roll-forward rate"},
    "contacts.perf.amount_recovered": {"zh": "回收金额", "en": "amount recovered"},
    # A/B comparison caveats
    "contacts.caveat.not_randomised": {
        "zh": "两组不是随机分配的：差异可能来自选择偏差（谁被分到哪种策略），而不是策略本身。",
        "en": "The groups were not assigned at random: a difference may come from who got which strategy (selection bias), not from the strategy.",
    },
    "contacts.caveat.bucket_mix": {
        "zh": "两组的逾期段构成不同：请看按逾期段分层的比较（Cochran–Mantel–Haenszel），早期逾期天然更容易治愈。",
        "en": "The groups' bucket mix differs: read the bucket-stratified comparison (Cochran–Mantel–Haenszel); early buckets cure more easily anyway.",
    },
    "contacts.caveat.small_sample": {
        "zh": "样本较小（某组少于 {n} 个账户月，或某格期望数少于 5）：检验结果不稳定，p 值仅供参考。",
        "en": "Small samples (a group under {n} account-months, or an expected cell under 5): the test is unstable; read the p-value with care.",
    },
    "contacts.caveat.one_month": {
        "zh": "治愈以次月是否回到正常判断：没有次月数据的账户月未计入。",
        "en": "Cure is judged by the next month's status: account-months without a next month are left out.",
    },
    # CLI
    "contacts.cli.title": {"zh": "联系记录检查（{jurisdiction}）：{contacts} 次联系，{breaches} 项违规", "en": "Contact log check ({jurisdiction}): {contacts} contacts, {breaches} breaches"},
    "contacts.note.no_account_found": {
        "zh": "联系记录中的账户没有一个在 --portfolio 组合中：记录可能属于另一批账户，或账户列用的是另一种编号（如客户号与借据号）。违规检查照常，绩效中的回款与迁徙无从计算。",
        "en": "None of the log's accounts is in the --portfolio book: the log may belong to other accounts, or its account column may hold another id (customer number vs loan number). The breach checks stand; performance cannot see cures or payments.",
    },
    "contacts.note.time_unknown": {
        "zh": "{n} 条联系记录只有日期、没有时刻：未对它们检查联系时段（其他规则照常检查）",
        "en": "{n} contact(s) have a date but no clock time: the contact hours were not checked for them (the other rules were)",
    },
    "contacts.cli.rejected": {"zh": "{n} 行无法读取（见 JSON 的 rejected）", "en": "{n} rows could not be read (see rejected in the JSON)"},
    "contacts.cli.by_rule": {"zh": "按规则", "en": "By rule"},
    "contacts.cli.breaches": {"zh": "违规明细（前 {n} 条）", "en": "Breaches (first {n})"},
    "contacts.cli.collectors": {"zh": "按催收员", "en": "By collector"},
    "contacts.cli.strategy": {
        "zh": "策略比较 {a} 对 {b}：治愈率 {rate_a} 对 {rate_b}，p = {p}",
        "en": "Strategies {a} vs {b}: cure rate {rate_a} vs {rate_b}, p = {p}",
    },
    "contacts.cli.stratified": {
        "zh": "按逾期段分层（Cochran–Mantel–Haenszel）：p = {p}",
        "en": "Stratified by bucket (Cochran–Mantel–Haenszel): p = {p}",
    },
    "contacts.cli.definitions": {
        "zh": "口径：接通率 = 接通电话/拨打电话；本人接通率 = 本人接通电话/拨打电话；承诺还款率 = 承诺次数/接通（电话或上门）；"
              "承诺兑现率 = 到期承诺中承诺日前（含）累计还款不低于承诺金额的比例；治愈率/恶化率 = 作业当月逾期、次月仍在册的账户月中，"
              "次月回到正常/进入更差逾期段的比例；回收金额 = 联系记录中的还款金额合计。",
        "en": "Definitions: contact rate = answered calls / calls; right-party contact rate = answered calls with the debtor / calls; "
              "promise-to-pay rate = promises / conversations (answered calls or visits); kept-promise rate = due promises whose "
              "payments up to the promised date (inclusive) reach the promised amount; cure / roll-forward rate = of the "
              "account-months worked that were overdue and still on the book next month, the share current / in a worse bucket "
              "next month; amount recovered = payments recorded in the log.",
    },
    "contacts.cli.not_legal_advice": {
        "zh": "这是筛查辅助工具，不构成法律意见。",
        "en": "A screening aid, not legal advice.",
    },
}
