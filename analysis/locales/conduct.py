"""Text the template conduct check emits: the disclaimer, category names, errors."""

MESSAGES = {
    "conduct.disclaimer": {
        "zh": "本检查是合规筛查辅助工具，不构成法律意见：规则包列出的词语与条文来源只用于提示可能的问题，"
              "结论须由合规或法务人员结合具体情况判断；规则可按本机构制度与最新法规编辑。",
        "en": "This check is a screening aid, not legal advice: the rule packs' phrases and cited sources flag "
              "possible problems, and compliance or legal staff decide on each case; edit the rules to your "
              "institution's policy and the current law.",
    },
    # category names
    "conduct.note.blank_rows": {
        "zh": "{n} 行没有话术内容，未检查（第 {rows} 行）",
        "en": "{n} row(s) have no template text and were not checked (row {rows})",
    },
    "conduct.category.language": {"zh": "语言与规则不符，未能检查", "en": "Language the rules cannot read: not checked"},
    "conduct.rule.language_mismatch": {"zh": "话术语言与所选规则的语言不一致", "en": "Template not in the rules' language"},
    "conduct.language.name.zh": {"zh": "中文", "en": "Chinese"},
    "conduct.language.name.en": {"zh": "英文", "en": "English"},
    "conduct.language.source.zh": {"zh": "所选规则（中国）按中文话术编写", "en": "The chosen rules (China) read Chinese text"},
    "conduct.language.source.en": {"zh": "所选规则（美国）按英文话术编写", "en": "The chosen rules (US) read English text"},
    "conduct.language.suggestion": {
        "zh": "这条话术不是所选规则的语言，规则中的词语都无法匹配，不能视为已通过检查。请选择对应语言的规则（--jurisdiction cn / us），或请合规人员人工审核。",
        "en": "This template is not in the rules' language, so none of their patterns can match: it cannot count as checked. Choose the rules for its language (--jurisdiction cn / us), or have compliance staff review it.",
    },
    "conduct.category.threat": {"zh": "威胁恐吓", "en": "Threat or intimidation"},
    "conduct.category.insult": {"zh": "侮辱谩骂", "en": "Insult or obscenity"},
    "conduct.category.false_legal": {"zh": "虚假或夸大的法律后果", "en": "False or exaggerated legal consequence"},
    "conduct.category.impersonation": {"zh": "冒充国家机关", "en": "Impersonating an authority"},
    "conduct.category.shaming": {"zh": "公开羞辱", "en": "Public shaming"},
    "conduct.category.third_party": {"zh": "向第三人透露", "en": "Third-party disclosure"},
    "conduct.category.borrow_to_repay": {"zh": "诱导以贷还贷", "en": "Pressure to borrow to repay"},
    "conduct.category.extra_fee": {"zh": "合同外收费", "en": "Fee not in the contract"},
    "conduct.category.excess_pii": {"zh": "个人信息超出必要", "en": "Personal data beyond the minimum"},
    "conduct.category.letter_missing": {"zh": "催收函缺少必备内容", "en": "Letter missing a required element"},
    "conduct.category.contact_time": {"zh": "夜间联系", "en": "Contact at night"},
    "conduct.severity.high": {"zh": "高", "en": "high"},
    "conduct.severity.medium": {"zh": "中", "en": "medium"},
    "conduct.severity.low": {"zh": "低", "en": "low"},
    # what a finding of a coded check says
    "conduct.finding.letter_missing": {
        "zh": "催收函未包含：{element}",
        "en": "The letter does not state: {element}",
    },
    "conduct.finding.pii": {
        "zh": "{kind}：{text}",
        "en": "{kind}: {text}",
    },
    "conduct.pii.phone": {"zh": "手机号", "en": "phone number"},
    "conduct.pii.id_number": {"zh": "身份证号", "en": "ID number"},
    "conduct.pii.card": {"zh": "银行卡号", "en": "card number"},
    "conduct.pii.ssn": {"zh": "社会安全号", "en": "social security number"},
    "conduct.pii.email": {"zh": "电子邮箱", "en": "e-mail address"},
    "conduct.pii.name": {"zh": "完整姓名", "en": "full name"},
    "conduct.pii.placeholder": {"zh": "占位符", "en": "placeholder"},
    # findings table headers (canonical column → text)
    "conduct.col.template_id": {"zh": "模板编号", "en": "Template"},
    "conduct.col.stage": {"zh": "阶段", "en": "Stage"},
    "conduct.col.action": {"zh": "处置动作", "en": "Action"},
    "conduct.col.channel": {"zh": "渠道", "en": "Channel"},
    "conduct.col.recipient": {"zh": "对象", "en": "Recipient"},
    "conduct.col.category": {"zh": "问题类别", "en": "Category"},
    "conduct.col.rule_name": {"zh": "规则", "en": "Rule"},
    "conduct.col.rule": {"zh": "规则编号", "en": "Rule ID"},
    "conduct.col.severity": {"zh": "严重程度", "en": "Severity"},
    "conduct.col.excerpt": {"zh": "原文摘录", "en": "Excerpt"},
    "conduct.col.source": {"zh": "依据", "en": "Source"},
    "conduct.col.suggestion": {"zh": "修改建议", "en": "Suggestion"},
    # errors: what is wrong and how to fix it
    "conduct.err.jurisdiction": {
        "zh": "没有“{value}”的规则包；可选：{allowed}。",
        "en": "There is no rule pack for '{value}'; use one of {allowed}.",
    },
    "conduct.err.pack_json": {
        "zh": "规则包不是有效的 JSON（{detail}）；请用 JSON 校验工具检查引号、逗号和括号。",
        "en": "The rule pack is not valid JSON ({detail}); check quotes, commas and brackets with a JSON validator.",
    },
    "conduct.err.pack_shape": {
        "zh": "规则包应为含“jurisdiction”和非空列表“rules”的 JSON 对象。",
        "en": 'The rule pack must be a JSON object with "jurisdiction" and a non-empty list "rules".',
    },
    "conduct.err.pack_field": {
        "zh": "规则包中 {where} 的字段“{field}”缺失或类型不对；请参照随附的 cn.json / us.json 补全。",
        "en": "In the rule pack, {where}: the field '{field}' is missing or of the wrong type; see the shipped cn.json / us.json.",
    },
    "conduct.err.pack_bilingual": {
        "zh": "规则包中 {where} 的“{field}”须同时有中文（zh）和英文（en）文本。",
        "en": "In the rule pack, {where}: '{field}' needs both a Chinese (zh) and an English (en) text.",
    },
    "conduct.err.pack_category": {
        "zh": "规则“{rule}”的类别“{value}”无效；可用类别：{allowed}。",
        "en": "Rule '{rule}': unknown category '{value}'; use one of {allowed}.",
    },
    "conduct.err.pack_severity": {
        "zh": "规则“{rule}”的严重程度“{value}”无效；可用：{allowed}。",
        "en": "Rule '{rule}': unknown severity '{value}'; use one of {allowed}.",
    },
    "conduct.err.pack_kind": {
        "zh": "规则“{rule}”的检查方式“{value}”无效；可用：{allowed}。",
        "en": "Rule '{rule}': unknown kind '{value}'; use one of {allowed}.",
    },
    "conduct.err.pack_channel": {
        "zh": "规则“{rule}”的适用渠道“{value}”无效；可用：{allowed}。",
        "en": "Rule '{rule}': unknown channel '{value}'; use one of {allowed}.",
    },
    "conduct.err.pack_recipient": {
        "zh": "规则“{rule}”的适用对象“{value}”无效；可用：{allowed}。",
        "en": "Rule '{rule}': unknown recipient '{value}'; use one of {allowed}.",
    },
    "conduct.err.pack_regex": {
        "zh": "规则包 {where} 的正则表达式“{pattern}”无法解析（{detail}）；请修正或改写为普通词语。",
        "en": "In the rule pack, {where}: the pattern '{pattern}' is not a valid regular expression ({detail}); fix it or use a plain phrase.",
    },
    "conduct.err.pack_duplicate": {
        "zh": "规则编号“{rule}”重复；每条规则的编号须唯一。",
        "en": "The rule id '{rule}' appears twice; each rule needs its own id.",
    },
    "conduct.err.pack_empty_rule": {
        "zh": "规则“{rule}”既没有词语也没有正则表达式，无法匹配任何文本；请至少填写一项。",
        "en": "Rule '{rule}' has neither phrases nor patterns, so it can match nothing; add at least one.",
    },
    "conduct.err.pack_time": {
        "zh": "规则包阈值 {field} 的取值“{value}”无效；请写成 HH:MM，例如 22:00。",
        "en": "The pack threshold {field} = '{value}' is not a time; write HH:MM, e.g. 22:00.",
    },
    "conduct.err.table_columns": {
        "zh": "规则表缺少列：{columns}。",
        "en": "The rules table lacks the columns: {columns}.",
    },
    "conduct.err.templates_unreadable": {
        "zh": "无法读取模板文件“{name}”：{detail}",
        "en": "Cannot read the template file '{name}': {detail}",
    },
    "conduct.err.templates_columns": {
        "zh": "模板文件“{name}”缺少{missing}列（找到的列：{found}）。请至少提供模板内容列（text / 内容 / 话术），"
              "并建议提供模板编号（template_id / 模板编号）与渠道（channel / 渠道）。",
        "en": "The template file '{name}' has no {missing} column (columns found: {found}). Provide at least the text "
              "(text / 内容 / 话术), and preferably template_id (模板编号) and channel (渠道).",
    },
    "conduct.err.templates_empty": {
        "zh": "模板文件“{name}”没有任何非空的模板内容。",
        "en": "The template file '{name}' holds no template text.",
    },
    "conduct.err.templates_duplicate_id": {
        "zh": "模板文件“{name}”中模板编号重复：{ids}；每个模板的编号须唯一。",
        "en": "The template file '{name}' repeats template ids: {ids}; each template needs its own id.",
    },
    "conduct.err.unknown_recipient": {
        "zh": "第 {row} 行的对象“{value}”无法识别；可用：本人/debtor、担保人/guarantor、第三方/联系人/third_party。",
        "en": "Row {row}: the recipient '{value}' is not recognised; use debtor, guarantor or third_party (or 本人, 担保人, 第三方, 联系人).",
    },
}
