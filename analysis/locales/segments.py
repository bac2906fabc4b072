"""The names of the segment columns, as the sidebar, the 口径 lines and the reports write them."""

MESSAGES = {
    "segment.product": {"zh": "产品", "en": "Product"},
    "segment.region": {"zh": "地区", "en": "Region"},
    "segment.branch": {"zh": "分行", "en": "Branch"},
    "segment.industry": {"zh": "行业", "en": "Industry"},
    "segment.channel": {"zh": "渠道", "en": "Channel"},
    "segment.owner": {"zh": "客户经理", "en": "Account manager"},
}
