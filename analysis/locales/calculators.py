"""Text the two calculators emit (card interest, instalment rate): errors, definitions, the
customer summary. The page's own labels are in ``ui/locales/calculators.py`` (``calc.page.*``)."""

MESSAGES = {
    # --- errors: each names what is wrong and how to fix it -----------------------------------
    "calc.err.not_object": {
        "zh": "输入应为一个 JSON 对象，含 statement_date、due_date、next_statement_date、transactions、payment 等字段。",
        "en": "The input must be one JSON object with statement_date, due_date, next_statement_date, transactions, payment and so on.",
    },
    "calc.err.missing": {
        "zh": "缺少字段“{field}”，格式应为 {expected}。",
        "en": "The field '{field}' is missing; expected {expected}.",
    },
    "calc.err.bad_date": {
        "zh": "字段“{field}”的值 {value!r} 不是日期，格式应为 YYYY-MM-DD（如 2026-11-25）。",
        "en": "The field '{field}' is {value!r}, not a date; expected YYYY-MM-DD (e.g. 2026-11-25).",
    },
    "calc.err.not_number": {
        "zh": "字段“{field}”的值 {value!r} 不是有效数字，请填写数字（如 1234.56）。",
        "en": "The field '{field}' is {value!r}, not a number; enter a number such as 1234.56.",
    },
    "calc.err.daily_rate_high": {
        "zh": "日利率 {value} 超过 {max}：信用卡日利率通常为万分之五（填 0.0005）。如果填的是百分数，请改为 {meant}。",
        "en": "A daily rate of {value} is above {max}: card rates are usually 0.05% a day (enter 0.0005). If you entered a percentage, enter {meant}.",
    },
    "calc.err.fee_rate_high": {
        "zh": "每月手续费率 {value} 超过 {max}：分期手续费通常约为每月 0.6%（填 0.006）。如果填的是百分数，请改为 {meant}。",
        "en": "A monthly fee rate of {value} is above {max}: instalment fees are usually about 0.6% a month (enter 0.006). If you entered a percentage, enter {meant}.",
    },
    "calc.err.negative": {
        "zh": "字段“{field}”不能为负数（收到 {value}）；请填写 0 或正数。",
        "en": "The field '{field}' cannot be negative (got {value}); enter 0 or more.",
    },
    "calc.err.share_above_one": {
        "zh": "最低还款比例 {value} 大于 1；比例以小数填写，如 10% 填 0.10。",
        "en": "The minimum-payment share {value} is above 1; give it as a fraction, e.g. 0.10 for 10%.",
    },
    "calc.err.method": {
        "zh": "计息方式 {value!r} 无效；请用 \"full\"（全额计息）或 \"unpaid\"（按未还部分计息）。",
        "en": "Unknown interest method {value!r}; use \"full\" (interest on the whole statement) or \"unpaid\" (on the unpaid part only).",
    },
    "calc.err.transactions_list": {
        "zh": "transactions 应为交易列表，每笔形如 {example}。",
        "en": "transactions must be a list of objects like {example}.",
    },
    "calc.err.due_before_statement": {
        "zh": "到期还款日 {due} 早于账单日 {statement}；到期还款日应在账单日当天或之后。",
        "en": "The due date {due} is before the statement date {statement}; it must be on or after it.",
    },
    "calc.err.next_before_due": {
        "zh": "下一账单日 {next} 早于到期还款日 {due}；下一账单日应在到期还款日当天或之后。",
        "en": "The next statement date {next} is before the due date {due}; it must be on or after it.",
    },
    "calc.err.posting_after_statement": {
        "zh": "第 {row} 笔交易的记账日 {posting} 晚于账单日 {statement}；本期账单只含账单日及之前记账的交易。",
        "en": "Transaction {row} posted on {posting}, after the statement date {statement}; a statement holds only transactions posted on or before its date.",
    },
    "calc.err.negative_total": {
        "zh": "交易合计为 {total}（退款多于消费）；本期无欠款，无需计算利息。请检查交易金额。",
        "en": "The transactions add up to {total} (more refunds than spending): nothing is owed, so there is no interest to compute. Check the amounts.",
    },
    "calc.err.payment_above_balance": {
        "zh": "还款额 {payment} 大于本期账单金额 {balance}；多还的部分不属于本期账单，请填写不超过账单金额的还款额。",
        "en": "The payment {payment} is larger than the statement balance {balance}; enter at most the balance.",
    },
    "calc.err.months": {
        "zh": "分期期数 {value} 无效；请填写 1 到 {max} 之间的整数。",
        "en": "The number of months {value} is not valid; enter a whole number from 1 to {max}.",
    },
    "calc.err.principal": {
        "zh": "分期本金应大于 0（收到 {value}）。",
        "en": "The principal must be more than 0 (got {value}).",
    },
    "calc.err.too_small": {
        "zh": "本金 {principal} 太小，无法分成 {months} 期且每期本金精确到分；请减少期数或提高本金。",
        "en": "A principal of {principal} is too small to split into {months} monthly instalments to the cent; use fewer months or a larger principal.",
    },
    "calc.err.no_file": {
        "zh": "请给出输入 JSON 文件，例如：python -m analysis card-interest input.json",
        "en": "Give the input JSON file, e.g. python -m analysis card-interest input.json",
    },
    "calc.err.file_not_found": {"zh": "找不到输入文件：{path}", "en": "Input file not found: {path}"},
    "calc.err.unreadable": {
        "zh": "无法读取输入文件 {path}：{detail}",
        "en": "Cannot read the input file {path}: {detail}",
    },
    "calc.err.bad_json": {
        "zh": "输入文件 {path} 不是有效的 JSON（第 {line} 行第 {col} 列：{detail}）。",
        "en": "The input file {path} is not valid JSON (line {line}, column {col}: {detail}).",
    },
    "calc.err.takes_no_file": {
        "zh": "instalment 命令不读取文件；请用 --principal、--fee-rate、--months 给出参数。",
        "en": "The instalment command reads no file; give --principal, --fee-rate and --months.",
    },
    # --- names ------------------------------------------------------------------------------
    "calc.method.full": {"zh": "全额计息", "en": "Interest on the whole statement"},
    "calc.method.unpaid": {"zh": "按未还部分计息", "en": "Interest on the unpaid part only"},
    "calc.method.short.full": {"zh": "全额计息", "en": "whole statement"},
    "calc.method.short.unpaid": {"zh": "按未还部分计息", "en": "unpaid part"},
    "calc.kind.full": {"zh": "全额还款", "en": "Full payment"},
    "calc.kind.minimum": {"zh": "最低还款", "en": "Minimum payment"},
    "calc.kind.entered": {"zh": "本次还款", "en": "This payment"},
    # --- definitions (the page's 口径 line and the customer summary) -------------------------------
    "calc.card.defs": {
        "zh": "账单金额 = 交易合计 + 费用及利息；最低还款额 = {share} × 交易合计 + 费用及利息；还款先抵费用及利息，再抵交易；"
              "费用不计息。还清账单金额则不计息，否则按日利率 {rate}：全额计息 = 每笔交易自记账日至到期还款日的利息 + "
              "未还交易自到期还款日至下一账单日的利息；按未还部分计息 = 未还交易占比 × 每笔交易自记账日至下一账单日的利息。"
              "还款低于最低还款额时收取违约金 = max({late_rate} × 最低还款额未还部分, {floor})。下期应还 = 账单金额 − 还款 + 利息 + 违约金。"
              "金额最后一步四舍五入到分。",
        "en": "Statement balance = transactions + fees and interest; minimum payment = {share} × transactions + fees and interest; "
              "a payment clears fees and interest first, then transactions; fees bear no interest. Paying the whole balance means "
              "no interest; otherwise, at a daily rate of {rate}: whole statement = each transaction from its posting date to the "
              "due date + the unpaid transactions from the due date to the next statement; unpaid part only = the unpaid share × "
              "each transaction from its posting date to the next statement. Paying less than the minimum adds a late fee = "
              "max({late_rate} × the unpaid part of the minimum, {floor}). Due next = balance − payment + interest + late fee. "
              "Amounts are rounded to the cent at the last step.",
    },
    "calc.inst.defs": {
        "zh": "每期本金 = 本金 ÷ 期数（精确到分，尾差计入最后一期）；每期手续费 = 本金 × 月手续费率；"
              "实际月利率 i 为使各期还款现值等于本金的内部收益率（IRR）；名义年化 = 12 × i，实际年化 = (1 + i)^12 − 1；"
              "名义手续费年率 = 12 × 月手续费率。",
        "en": "Principal per month = principal ÷ months (to the cent, the last month takes the remainder); fee per month = "
              "principal × monthly fee rate; the monthly rate i is the internal rate of return (IRR) at which the payments' "
              "present value equals the principal; true annual rate (APR), nominal = 12 × i, effective = (1 + i)^12 − 1; nominal fee rate "
              "a year = 12 × monthly fee rate.",
    },
    "calc.inst.why": {
        "zh": "手续费始终按最初的全部本金收取，而您每月都在归还本金、实际占用的资金逐月减少，"
              "所以真实的年化成本高于名义手续费率，期数越多越接近其两倍。",
        "en": "The fee is charged on the whole original principal every month, while you repay part of it each month and "
              "use less and less of the bank's money, so the true annual cost is higher than the nominal fee rate: the more months, the nearer twice it.",
    },
    # --- the printable customer summary -----------------------------------------------------------
    "calc.summary.card_title": {"zh": "信用卡还款与利息说明", "en": "Your card payment and interest"},
    "calc.summary.inst_title": {"zh": "分期还款计划与实际年化利率", "en": "Your instalment plan and its annual rate"},
    "calc.summary.customer": {"zh": "客户", "en": "Customer"},
    "calc.summary.prepared": {"zh": "制表日期", "en": "Prepared on"},
    "calc.summary.statement_date": {"zh": "账单日", "en": "Statement date"},
    "calc.summary.due_date": {"zh": "到期还款日", "en": "Due date"},
    "calc.summary.next_statement_date": {"zh": "下一账单日", "en": "Next statement date"},
    "calc.summary.balance": {"zh": "本期账单金额", "en": "Statement balance"},
    "calc.summary.minimum": {"zh": "最低还款额", "en": "Minimum payment"},
    "calc.summary.daily_rate": {"zh": "日利率", "en": "Daily rate"},
    "calc.summary.payment_kind": {"zh": "还款方式", "en": "Payment"},
    "calc.summary.payment": {"zh": "还款金额", "en": "Amount paid"},
    "calc.summary.interest_method": {"zh": "利息（{method}）", "en": "Interest ({method})"},
    "calc.summary.late_fee": {"zh": "违约金", "en": "Late fee"},
    "calc.summary.due_next_method": {"zh": "下期应还（{method}）", "en": "Due next ({method})"},
    "calc.summary.principal": {"zh": "分期本金", "en": "Amount in instalments"},
    "calc.summary.months": {"zh": "期数", "en": "Months"},
    "calc.summary.fee_rate": {"zh": "月手续费率", "en": "Monthly fee rate"},
    "calc.summary.monthly_payment": {"zh": "每月还款", "en": "Monthly payment"},
    "calc.summary.total_fee": {"zh": "手续费合计", "en": "Total fees"},
    "calc.summary.fee_rate_annual": {"zh": "名义手续费年率（12 × 月费率）", "en": "Nominal fee rate a year (12 × monthly)"},
    "calc.summary.apr_nominal": {"zh": "实际年化利率（名义，12 × IRR）", "en": "True annual rate (nominal, 12 × IRR)"},
    "calc.summary.apr_effective": {"zh": "实际年化利率（复利）", "en": "True annual rate (effective, compounded)"},
    "calc.summary.month": {"zh": "期次", "en": "Month"},
    "calc.summary.sched_payment": {"zh": "还款额", "en": "Payment"},
    "calc.summary.sched_principal": {"zh": "本金", "en": "Principal"},
    "calc.summary.sched_fee": {"zh": "手续费", "en": "Fee"},
    "calc.summary.definitions": {"zh": "计算口径", "en": "How these figures are computed"},
    "calc.summary.footer": {
        "zh": "本说明为测算结果，仅供沟通参考，以银行正式账单和合同为准。",
        "en": "These figures are an estimate for our conversation; the bank's statement and contract are what counts.",
    },
}
