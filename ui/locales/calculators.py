"""Text of the two calculators on the arrangements page (信用卡利息, 分期实际年化利率): labels,
help and notes. The definitions, errors and the customer summary are in
``analysis/locales/calculators.py`` (``calc.*`` without ``page``)."""

MESSAGES = {
    # --- card interest ------------------------------------------------------------------------
    "calc.page.card.title": {"zh": "信用卡利息计算", "en": "Card interest calculator"},
    "calc.page.card.intro": {
        "zh": "填入一期账单的交易和客户的还款，看全额还款、最低还款和本次还款各自在两种计息方式下的利息、违约金和下期应还。",
        "en": "Enter one statement's transactions and the customer's payment to see, for full payment, the minimum payment and "
              "this payment, the interest under both methods, the late fee and what is due next month.",
    },
    "calc.page.card.statement_date": {"zh": "账单日", "en": "Statement date"},
    "calc.page.card.due_date": {"zh": "到期还款日", "en": "Due date"},
    "calc.page.card.next_statement_date": {"zh": "下一账单日", "en": "Next statement date"},
    "calc.page.card.transactions": {
        "zh": "本期交易（记账日与金额；退款填负数，可增删行）",
        "en": "Transactions on the statement (posting date and amount; a refund is negative; add or delete rows)",
    },
    "calc.page.card.col_posting": {"zh": "记账日", "en": "Posting date"},
    "calc.page.card.col_amount": {"zh": "金额（元）", "en": "Amount"},
    "calc.page.card.fees": {"zh": "费用及利息（元）", "en": "Fees and interest billed"},
    "calc.page.card.fees_help": {
        "zh": "账单中已有的年费、分期手续费、上期利息等；还款先抵扣这部分，且不再计息。",
        "en": "Annual fee, instalment fees, last month's interest and the like on the statement; a payment clears them first and they bear no interest.",
    },
    "calc.page.card.payment": {"zh": "本次还款（元）", "en": "Payment made"},
    "calc.page.card.daily_rate": {"zh": "日利率（%）", "en": "Daily rate (%)"},
    "calc.page.card.min_share": {"zh": "最低还款比例（% 交易额）", "en": "Minimum payment (% of transactions)"},
    "calc.page.card.late_rate": {"zh": "违约金比例（% 最低还款额未还部分）", "en": "Late fee (% of the unpaid minimum)"},
    "calc.page.card.late_floor": {"zh": "违约金下限（元）", "en": "Late fee floor"},
    "calc.page.card.method": {"zh": "计息方式（本行规则）", "en": "Interest method (your bank's rule)"},
    "calc.page.card.balance": {"zh": "本期账单金额", "en": "Statement balance"},
    "calc.page.card.minimum": {"zh": "最低还款额", "en": "Minimum payment"},
    "calc.page.card.interest": {"zh": "本次还款的利息", "en": "Interest"},
    "calc.page.card.due_next": {"zh": "下期应还", "en": "Due next month"},
    "calc.page.card.table_title": {
        "zh": "三种还款下的利息与下期应还",
        "en": "Interest and what is due next month for three payments",
    },
    "calc.page.card.col_kind": {"zh": "还款方式", "en": "Payment"},
    "calc.page.card.col_payment": {"zh": "还款额（元）", "en": "Amount paid"},
    "calc.page.card.col_interest": {"zh": "利息：{method}（元）", "en": "Interest ({method})"},
    "calc.page.card.col_late_fee": {"zh": "违约金（元）", "en": "Late fee"},
    "calc.page.card.col_due_next": {"zh": "下期应还：{method}（元）", "en": "Due next ({method})"},
    "calc.page.card.err_row": {
        "zh": "交易表第 {row} 行缺少记账日或金额；请补全或删除该行。",
        "en": "Row {row} of the transactions lacks a posting date or an amount; complete it or delete the row.",
    },
    "calc.page.card.summary_file": {"zh": "信用卡利息说明", "en": "card-interest-summary"},
    "calc.page.card.defaults_note": {
        "zh": "日利率 0.05%、最低还款 10%、违约金 5% 为常见默认值，请按本行合同修改。",
        "en": "A daily rate of 0.05%, a 10% minimum and a 5% late fee are common defaults; change them to your bank's terms.",
    },
    # --- instalment ---------------------------------------------------------------------------
    "calc.page.inst.title": {"zh": "分期手续费的实际年化利率", "en": "Instalment fee as a true annual rate"},
    "calc.page.inst.intro": {
        "zh": "按月收取手续费的分期：看每月还款计划，以及按内部收益率（IRR）折算的实际年化利率——监管要求与名义手续费率并列展示。",
        "en": "An instalment plan with a monthly fee: the monthly schedule and the true annual rate from the internal rate of "
              "return (IRR), which regulation requires to be shown beside the nominal fee rate.",
    },
    "calc.page.inst.principal": {"zh": "分期本金（元）", "en": "Principal"},
    "calc.page.inst.fee_rate": {"zh": "月手续费率（%）", "en": "Monthly fee rate (%)"},
    "calc.page.inst.months": {"zh": "期数（月，1–360）", "en": "Months (1–360)"},
    "calc.page.inst.payment": {"zh": "每月还款", "en": "Monthly payment"},
    "calc.page.inst.last_payment": {"zh": "最后一期 {amount}", "en": "last month {amount}"},
    "calc.page.inst.fee_annual": {"zh": "名义手续费年率", "en": "Fee rate a year"},
    "calc.page.inst.apr_nominal": {"zh": "实际年化利率（名义）", "en": "APR (nominal)"},
    "calc.page.inst.apr_effective": {"zh": "实际年化利率（复利）", "en": "APR (effective)"},
    "calc.page.inst.vs_fee": {"zh": "名义费率的 {times} 倍", "en": "{times}× the fee rate"},
    "calc.page.inst.schedule": {"zh": "还款计划", "en": "Payment schedule"},
    "calc.page.inst.col_month": {"zh": "期次", "en": "Month"},
    "calc.page.inst.col_payment": {"zh": "还款额（元）", "en": "Payment"},
    "calc.page.inst.col_principal": {"zh": "本金（元）", "en": "Principal"},
    "calc.page.inst.col_fee": {"zh": "手续费（元）", "en": "Fee"},
    "calc.page.inst.summary_file": {"zh": "分期实际年化利率说明", "en": "instalment-rate-summary"},
    # --- both ---------------------------------------------------------------------------------
    "calc.page.customer": {"zh": "客户姓名（可选，打印时脱敏）", "en": "Customer name (optional, printed masked)"},
    "calc.page.download_summary": {"zh": "下载客户沟通说明（可打印）", "en": "Download the customer summary (printable)"},
    "calc.page.download_help": {
        "zh": "一页 A4 的 HTML 文件：用浏览器打开后打印或另存为 PDF；含本页数字与计算口径，不含其他客户信息。",
        "en": "A one-page A4 HTML file: open it in a browser to print or save as PDF; it holds these figures and the "
              "definitions, and no other customer data.",
    },
}
