"""Names of the shipped rule packs' rules and word lists (:mod:`analysis.conduct.packs`).

A rule's id (``cn_threat_violence``) is what the pack file, the CLI's JSON and a compliance
officer's references use; the screen and the exports name the rule in the reader's language
(:func:`analysis.conduct.display.rule_name`). A rule the user adds has no entry here and is
named by its own description.
"""

_RULES = {
    # China
    "cn_threat_violence": ("威胁人身安全或骚扰", "Threat of violence or harassment"),
    "cn_threat_whereabouts": ("以掌握住址行踪暗示威胁", "Veiled threat: knowing where the debtor is"),
    "cn_threat_family": ("以家人或老家施压", "Pressure through family or home town"),
    "cn_insult": ("侮辱谩骂", "Insults and abuse"),
    "cn_false_criminal": ("虚称刑事后果", "False criminal consequences"),
    "cn_false_blacklist": ("虚构征信黑名单", "Invented credit blacklist"),
    "cn_false_family_consequence": ("虚称影响子女与家人", "False consequences for children and family"),
    "cn_false_court_measure": ("无判决却称强制执行", "Court measures claimed without a judgment"),
    "cn_impersonation": ("冒充国家机关或仿冒文书", "Impersonating an authority or its documents"),
    "cn_shaming": ("曝光或通讯录群发", "Exposure or messaging the contact list"),
    "cn_shaming_channel": ("在群聊或公开渠道公布欠款", "Debt published in groups or public places"),
    "cn_third_party_threat": ("以告知第三人相威胁", "Threat to tell third parties"),
    "cn_third_party_disclosure": ("向第三人透露欠款", "Debt revealed to a third party"),
    "cn_borrow_to_repay": ("诱导以贷还贷", "Pressure to borrow to repay"),
    "cn_extra_fee": ("合同外收费", "Fees not in the contract"),
    "cn_excess_pii": ("个人信息超出最小必要", "Personal data beyond the minimum"),
    "cn_letter_missing": ("催收函缺少必备内容", "Letter missing a required element"),
    "cn_contact_time": ("提出夜间联系", "Proposes contact at night"),
    # United States
    "us_threat_violence": ("威胁暴力或骚扰", "Threat of violence or harassment"),
    "us_insult": ("侮辱或粗俗用语", "Insults or profanity"),
    "us_false_criminal": ("虚称逮捕或刑事指控", "False threat of arrest or charges"),
    "us_false_consequence": ("夸大或虚构的后果", "False or exaggerated consequences"),
    "us_impersonation": ("冒充法院、政府或执法机关", "Posing as a court, government or police"),
    "us_shaming": ("公开羞辱", "Public shaming"),
    "us_shaming_channel": ("在群组或社交媒体公开债务", "Debt published in groups or on social media"),
    "us_third_party_threat": ("以告知第三人相威胁", "Threat to tell third parties"),
    "us_third_party_disclosure": ("向第三人透露债务", "Debt revealed to a third party"),
    "us_borrow_to_repay": ("施压借钱或变卖资产还款", "Pressure to borrow or sell assets to pay"),
    "us_extra_fee": ("未经授权的费用", "Unauthorised fees"),
    "us_excess_pii": ("个人信息超出必要", "Personal data beyond what is needed"),
    "us_letter_missing": ("催收函缺少必备内容", "Letter missing a required element"),
    "us_contact_time": ("提出在不便时间联系", "Proposes contact at an inconvenient time"),
}

#: The packs' word lists: a pattern writes ``{name}`` where any word of the list may stand.
_LISTS = {
    "family": ("家人称谓", "family members"),
    "hometown": ("老家、村里", "home town and village"),
    "community": ("公开广播与曝光渠道", "public broadcasts and exposure pages"),
    "debt_info": ("欠款说法", "words for the debt"),
    "platform": ("借贷平台", "lending platforms"),
    "circle": ("身边的人", "people around the debtor"),
    "lenders_people": ("可借钱的亲友", "friends and family to borrow from"),
    "notice": ("告示、传单", "notices and flyers"),
    "law_title": ("执法与司法人员称谓", "police and court titles"),
    "agency": ("公安与司法机关", "police and judicial bodies"),
    "whereabouts": ("住址与行踪", "address and whereabouts"),
    "caution": ("提醒“当心”的说法", "warnings to be careful"),
    "anti_fraud": ("反诈提示用语", "anti-fraud wording"),
    "family_en": ("家人称谓（英文）", "family members"),
    "community_en": ("社区群组（英文）", "community groups"),
    "insult_en": ("辱骂用语（英文）", "insults"),
    "insult_adj": ("贬损形容词（英文）", "degrading adjectives"),
    "circle_en": ("雇主与同事（英文）", "employer and colleagues"),
    "notice_en": ("告示、传单（英文）", "notices and flyers"),
    "retirement": ("退休账户（英文）", "retirement accounts"),
    "credit_source": ("借款来源（英文）", "sources of credit"),
    "agency_en": ("执法机关（英文）", "law-enforcement bodies"),
    "lender_en": ("借贷应用（英文）", "lending apps"),
    "debt_en": ("债务与当事人说法（英文）", "words for the debt and the debtor"),
    "lenders_en": ("可借钱的亲友（英文）", "friends and family to borrow from"),
    "anti_fraud_en": ("反诈提示用语（英文）", "anti-fraud wording"),
}

MESSAGES = {f"conduct.rule.{k}": {"zh": zh, "en": en} for k, (zh, en) in _RULES.items()}
MESSAGES.update({f"conduct.list.{k}": {"zh": zh, "en": en} for k, (zh, en) in _LISTS.items()})
