"""Text the what-if analysis emits: policy errors, rule descriptions, PD sources."""

MESSAGES = {
    # the starter scenarios (analysis.whatif.policy.STARTER_SCENARIOS): the page's and the report's
    "whatif.sc.default.champion": {"zh": "维持现状", "en": "No change (today)"},
    "whatif.sc.default.tighten": {"zh": "逾期31+压降30%", "en": "Cut 31+ DPD by 30%"},
    "whatif.sc.default.grow": {"zh": "压降31+并为优质客户提额", "en": "Cut 31+, raise clean low-use"},
    "whatif.note.rates_unusable": {
        "zh": "{n:,} 户的年利率无法使用（为负或超过 100%，如 {example}）：其收入按 {rate} 计算，与拨备折现的做法一致。请检查利率列的单位（2% 应写作 2% 或 0.02）。",
        "en": "{n:,} account(s) with an annual interest rate that cannot be used (negative or above 100%, e.g. {example}): their revenue is priced at {rate}, as the provisions discount them. Check the rate column's unit (2% is 2% or 0.02).",
    },
    # errors: every one names what is wrong and how to fix it
    "whatif.err.action": {
        "zh": "规则“{rule}”的动作“{action}”无效；可用动作：{actions}。",
        "en": "Rule '{rule}': unknown action '{action}'; use one of {actions}.",
    },
    "whatif.err.freeze_value": {
        "zh": "规则“{rule}”：冻结至当前余额不需要数值，请清空数值。",
        "en": "Rule '{rule}': freeze to the balance takes no value; leave the value empty.",
    },
    "whatif.err.value_missing": {
        "zh": "规则“{rule}”：动作“{action}”需要一个数值。",
        "en": "Rule '{rule}': the action '{action}' needs a number as its value.",
    },
    "whatif.err.value_range": {
        "zh": "规则“{rule}”：动作“{action}”的数值 {value} 超出范围，应在 {lo} 到 {hi} 之间。",
        "en": "Rule '{rule}': the value {value} of '{action}' must be between {lo} and {hi}.",
    },
    "whatif.err.bound": {
        "zh": "规则“{rule}”：条件 {field} 的取值 {value} 无效（应为非负数字）。",
        "en": "Rule '{rule}': condition {field} = {value} is not valid (a non-negative number is expected).",
    },
    "whatif.err.range": {
        "zh": "规则“{rule}”：{low}（{lo}）大于 {high}（{hi}），没有账户能满足。",
        "en": "Rule '{rule}': {low} ({lo}) is above {high} ({hi}), so nothing can match.",
    },
    "whatif.err.months": {
        "zh": "规则“{rule}”：{field} 应为不小于 1 的整数月数，当前为 {value}。",
        "en": "Rule '{rule}': {field} must be a whole number of months, at least 1 (got {value}).",
    },
    "whatif.err.delinquent_dpd": {
        "zh": "规则“{rule}”：近N月逾期的天数门槛 {value} 无效，可选 {allowed}。",
        "en": "Rule '{rule}': the DPD threshold {value} for past delinquency must be one of {allowed}.",
    },
    "whatif.err.segment_empty": {
        "zh": "规则“{rule}”：维度 {column} 未选择任何取值。",
        "en": "Rule '{rule}': no values chosen for segment {column}.",
    },
    "whatif.err.not_rule": {
        "zh": "策略只能包含规则，收到 {value}。",
        "en": "A policy holds rules only; got {value}.",
    },
    "whatif.err.not_policy": {
        "zh": "需要一个额度策略（Policy）。",
        "en": "A Policy is needed.",
    },
    "whatif.err.json_shape": {
        "zh": "策略文件格式不对：最外层应为 JSON 对象，含 \"rules\" 列表。",
        "en": "The policy file should be a JSON object with a \"rules\" list.",
    },
    "whatif.err.json_syntax": {
        "zh": "策略文件不是有效的 JSON（第 {line} 行第 {column} 列：{detail}）。",
        "en": "The policy file is not valid JSON (line {line}, column {column}: {detail}).",
    },
    "whatif.err.json_encoding": {
        "zh": "策略文件应为 UTF-8 编码的 JSON 文本。",
        "en": "The policy file should be UTF-8 JSON text.",
    },
    "whatif.err.unknown_key": {
        "zh": "策略文件（{where}）含未知字段：{keys}。",
        "en": "Unknown field(s) in the policy file ({where}): {keys}.",
    },
    "whatif.err.version": {
        "zh": "策略文件版本 {value} 不受支持（当前版本 {expected}）。",
        "en": "Policy format version {value} is not supported (expected {expected}).",
    },
    "whatif.err.rules_list": {
        "zh": "\"rules\" 应为规则列表。",
        "en": "\"rules\" must be a list of rules.",
    },
    "whatif.err.rule_shape": {
        "zh": "第 {n} 条规则格式不对：应为含 \"when\"、\"action\"、\"value\" 的对象。",
        "en": "Rule {n} should be an object with \"when\", \"action\" and \"value\".",
    },
    "whatif.err.unknown_condition": {
        "zh": "第 {n} 条规则含未知条件：{keys}。可用条件：{allowed}。",
        "en": "Rule {n} has unknown condition(s): {keys}. Known conditions: {allowed}.",
    },
    "whatif.err.no_action": {
        "zh": "第 {n} 条规则缺少 \"action\"。",
        "en": "Rule {n} has no \"action\".",
    },
    "whatif.err.list_field": {
        "zh": "第 {n} 条规则的 {field} 应为列表（分段维度为 {{维度: [取值, ...]}}）。",
        "en": "Rule {n}: {field} must be a list (segments: {{column: [values, ...]}}).",
    },
    "whatif.err.pd_range": {
        "zh": "分段 {bucket} 的违约概率 {value} 应在 0 到 1 之间。",
        "en": "The PD of bucket {bucket} ({value}) must be between 0 and 1.",
    },
    "whatif.err.share_range": {
        "zh": "假设 {field} 的取值 {value} 应在 0 到 1（0%–100%）之间。",
        "en": "Assumption {field} = {value} must be between 0 and 1 (0%–100%).",
    },
    "whatif.err.rate_range": {
        "zh": "年利率 {value} 应在 0 到 1（0%–100%）之间。",
        "en": "The annual interest rate {value} must be between 0 and 1 (0%–100%).",
    },
    "whatif.err.pd_missing": {
        "zh": "以下分段缺少违约概率：{buckets}。请在假设中补充。",
        "en": "No PD for bucket(s) {buckets}; fill them in the assumptions.",
    },
    "whatif.err.no_rows": {
        "zh": "数据中没有任何行。",
        "en": "The portfolio has no rows.",
    },
    "whatif.err.month": {
        "zh": "数据中没有 {month} 月；可选 {first} 至 {last}。",
        "en": "Month {month} is not in the data; choose between {first} and {last}.",
    },
    "whatif.err.no_column": {
        "zh": "规则“{rule}”需要数据列 {column}，当前数据没有。请在上传页映射该列或删去此条件。",
        "en": "Rule '{rule}' needs the column {column}, which the data does not have. Map it on the upload page or drop that condition.",
    },
    "whatif.err.bucket": {
        "zh": "规则“{rule}”引用的分段 {buckets} 不在当前分段中（{known}）。请改用逾期天数范围，或调整侧边栏的分段。",
        "en": "Rule '{rule}' names bucket(s) {buckets} that are not in the current buckets ({known}). Use a DPD range or change the buckets in the sidebar.",
    },
    "whatif.err.segment": {
        "zh": "规则“{rule}”引用的维度 {column} 不在数据中。",
        "en": "Rule '{rule}' uses the segment {column}, which the data does not have.",
    },
    "whatif.err.no_limit": {
        "zh": "额度策略模拟需要授信额度：请在上传页把“授信额度/信用额度”列映射为“授信额度”字段。",
        "en": "What-if needs credit limits: map the 授信额度 / credit limit column on the upload page.",
    },
    "whatif.err.no_scenarios": {
        "zh": "至少需要一个方案。",
        "en": "At least one scenario is needed.",
    },
    "whatif.err.champion": {
        "zh": "冠军方案的位置无效（共 {n} 个方案）。",
        "en": "The champion position is not valid ({n} scenarios).",
    },
    "whatif.err.same_book": {
        "zh": "要比较的方案必须基于同一批账户和同一数据月份。",
        "en": "Scenarios can only be compared on the same accounts and month.",
    },
    "whatif.err.cuts": {
        "zh": "压降比例应在 0% 到 100% 之间。",
        "en": "Cut percentages must be between 0% and 100%.",
    },
    "whatif.err.rule_index": {
        "zh": "规则序号无效（策略共 {n} 条规则）。",
        "en": "No such rule (the policy has {n} rules).",
    },
    "whatif.err.horizon": {
        "zh": "回测观察期 {value} 应为不小于 1 的整数月数。",
        "en": "The backtest window {value} must be a whole number of months, at least 1.",
    },
    "whatif.err.backtest_last": {
        "zh": "{month} 之后没有数据，无法回测；请选择更早的月份。",
        "en": "There is no data after {month} to follow; choose an earlier month.",
    },
    "whatif.err.pd_method": {
        "zh": "违约概率估计方法 {value} 无效，可选 auto、markov、observed。",
        "en": "Unknown PD method {value}; use auto, markov or observed.",
    },
    "whatif.err.pd_horizon": {
        "zh": "违约概率期限 {value} 应为 1 到 60 之间的整数月数。",
        "en": "The PD horizon {value} must be a whole number of months between 1 and 60.",
    },
    "whatif.err.pd_no_history": {
        "zh": "只有一个月的数据，无法从迁徙率估计违约概率；请手工填写各分段违约概率，或上传多个月份的数据。",
        "en": "With a single month there are no roll rates to estimate PD from; type the PDs by hand or upload several months.",
    },
    # rule descriptions
    "whatif.rule_n": {"zh": "规则{n}", "en": "Rule {n}"},
    "whatif.cond.all": {"zh": "所有账户", "en": "all accounts"},
    "whatif.cond.sep": {"zh": "且", "en": " and "},
    "whatif.cond.buckets": {"zh": "分段为 {values}", "en": "bucket in {values}"},
    "whatif.cond.dpd_min": {"zh": "逾期天数≥{value}", "en": "DPD ≥ {value}"},
    "whatif.cond.dpd_max": {"zh": "逾期天数≤{value}", "en": "DPD ≤ {value}"},
    "whatif.cond.utilisation_min": {"zh": "使用率≥{value}%", "en": "utilisation ≥ {value}%"},
    "whatif.cond.utilisation_max": {"zh": "使用率≤{value}%", "en": "utilisation ≤ {value}%"},
    "whatif.cond.score_min": {"zh": "评分≥{value}", "en": "score ≥ {value}"},
    "whatif.cond.score_max": {"zh": "评分≤{value}", "en": "score ≤ {value}"},
    "whatif.cond.mob_min": {"zh": "账龄≥{value}个月", "en": "months on book ≥ {value}"},
    "whatif.cond.mob_max": {"zh": "账龄≤{value}个月", "en": "months on book ≤ {value}"},
    "whatif.cond.segment": {"zh": "{column}为{values}", "en": "{column} in {values}"},
    "whatif.cond.delinquent_months": {"zh": "近{n}个月曾逾期{dpd}天以上", "en": "{dpd}+ DPD in the last {n} months"},
    "whatif.cond.clean_months": {"zh": "近{value}个月无逾期", "en": "no delinquency in the last {value} months"},
    "whatif.action.cut": {"zh": "额度下调{value}%", "en": "cut {value}%"},
    "whatif.action.raise": {"zh": "额度上调{value}%", "en": "raise {value}%"},
    "whatif.action.set": {"zh": "额度设为{value}元", "en": "set to {value}"},
    "whatif.action.freeze": {"zh": "冻结至当前余额", "en": "freeze to the balance"},
    "whatif.action.cap_utilisation": {"zh": "压降至使用率不低于{value}%", "en": "cap at {value}% utilisation"},
    # PD sources
    "whatif.pd_source.markov": {
        "zh": "迁徙矩阵推算（{months}个月平均迁徙率，{horizon}个月内进入{absorbing}）",
        "en": "roll-rate chain ({months}-month average roll rates, reaching {absorbing} within {horizon} months)",
    },
    "whatif.pd_source.observed": {
        "zh": "历史实际（{n:,}个账户月，{horizon}个月内进入{absorbing}的比例）",
        "en": "observed ({n:,} account-months, share reaching {absorbing} within {horizon} months)",
    },
    "whatif.pd_source.absorbing": {
        "zh": "已处于违约状态（{absorbing}），按 100%",
        "en": "already in default ({absorbing}): 100%",
    },
    "whatif.pd_source.manual": {"zh": "手工输入", "en": "typed by hand"},
    "whatif.pd_source.default": {"zh": "缺省值（数据不足以估计）", "en": "default (not enough data to estimate)"},
}

MESSAGES.update({
    # charts
    "whatif.chart.metric.expected_loss": {"zh": "预期损失", "en": "Expected loss"},
    "whatif.chart.metric.ead": {"zh": "违约风险暴露", "en": "Exposure at default"},
    "whatif.chart.metric.revenue": {"zh": "年利息收入", "en": "Yearly interest revenue"},
    "whatif.chart.metric.limit": {"zh": "授信额度", "en": "Credit limit"},
    "whatif.chart.amount_axis": {"zh": "{metric}（{unit}）", "en": "{metric} ({unit})"},
    "whatif.chart.today": {"zh": "当前", "en": "Today"},
    "whatif.chart.after": {"zh": "策略后", "en": "After"},
    "whatif.chart.kind.total": {"zh": "合计", "en": "Total"},
    "whatif.chart.kind.down": {"zh": "减少", "en": "Decrease"},
    "whatif.chart.kind.up": {"zh": "增加", "en": "Increase"},
    "whatif.chart.kind.flat": {"zh": "无变化", "en": "No change"},
    "whatif.chart.step": {"zh": "项目", "en": "Step"},
    "whatif.chart.amount_tip": {"zh": "金额（{unit}）", "en": "Amount ({unit})"},
    "whatif.chart.running_total": {"zh": "累计（{unit}）", "en": "Running total ({unit})"},
    "whatif.chart.waterfall_title": {"zh": "{metric}：当前 → 策略后（按规则分解）", "en": "{metric}: today → after the policy"},
    "whatif.chart.role.champion": {"zh": "冠军（现行）", "en": "Champion (today)"},
    "whatif.chart.role.challenger": {"zh": "挑战者", "en": "Challenger"},
    "whatif.chart.scenario": {"zh": "方案", "en": "Scenario"},
    "whatif.chart.metric": {"zh": "指标", "en": "Metric"},
    "whatif.chart.change_axis": {"zh": "较当前变化（{unit}）", "en": "Change vs today ({unit})"},
    "whatif.chart.change_tip": {"zh": "较当前变化（{unit}）", "en": "Change vs today ({unit})"},
    "whatif.chart.vs_champion_tip": {"zh": "较冠军方案（{unit}）", "en": "Vs the champion ({unit})"},
    "whatif.chart.after_tip": {"zh": "策略后合计（{unit}）", "en": "Total after ({unit})"},
    "whatif.chart.scenarios_title": {"zh": "各方案对比：违约风险暴露、预期损失与利息收入的变化", "en": "Scenarios side by side: change in exposure, expected loss and revenue"},
    "whatif.chart.delta.expected_loss": {"zh": "预期损失变化", "en": "Change in expected loss"},
    "whatif.chart.delta.revenue": {"zh": "利息收入变化", "en": "Change in revenue"},
    "whatif.chart.cut_axis": {"zh": "目标客群额度压降比例", "en": "Limit cut for the targeted group"},
    "whatif.chart.cut_tip": {"zh": "压降比例", "en": "Cut"},
    "whatif.chart.accounts": {"zh": "目标账户数", "en": "Targeted accounts"},
    "whatif.chart.ratio_tip": {"zh": "每减少1元收入所降低的预期损失", "en": "EL saved per unit of revenue lost"},
    "whatif.chart.sensitivity_title": {"zh": "敏感性：压降幅度与预期损失、利息收入的取舍", "en": "Sensitivity: how deep a cut, for how much loss and revenue"},
})

MESSAGES.update({
    "whatif.pd_source.adjusted": {
        "zh": "；历史估计低于上一分段，已上调至上一分段的值（逾期越深违约概率不应越低）",
        "en": "; the history gave less than the bucket before, so it was raised to that value (a later bucket is never safer)",
    },
})

MESSAGES.update({
    # the tables of the page, its downloads and the report (analysis.whatif.tables)
    "whatif.asm.source_col": {"zh": "来源", "en": "Source"},
    "whatif.rb.rule_name": {"zh": "规则名称", "en": "Rule name"},
    "whatif.rb.rule": {"zh": "条件 → 动作", "en": "Condition → action"},
    "whatif.res.comparison_table": {"zh": "查看方案对比表", "en": "Show the comparison table"},
    "whatif.res.by_rule_table": {"zh": "查看各规则贡献", "en": "Show each rule's contribution"},
    "whatif.tab.sensitivity": {"zh": "敏感性", "en": "Sensitivity"},
    "whatif.tab.backtest": {"zh": "历史回测", "en": "Backtest"},
    "whatif.col.scenario": {"zh": "方案", "en": "Scenario"},
    "whatif.col.role": {"zh": "角色", "en": "Role"},
    "whatif.col.affected": {"zh": "调整账户数", "en": "Accounts affected"},
    "whatif.col.matched": {"zh": "命中账户数", "en": "Accounts matched"},
    "whatif.col.accounts": {"zh": "账户数", "en": "Accounts"},
    "whatif.col.account": {"zh": "账户", "en": "Account"},
    "whatif.col.bucket": {"zh": "逾期分段", "en": "Bucket"},
    "whatif.col.balance": {"zh": "余额（{unit}）", "en": "Balance ({unit})"},
    "whatif.col.pd": {"zh": "违约概率", "en": "PD"},
    "whatif.col.swap": {"zh": "类型", "en": "Type"},
    "whatif.col.limit_total": {"zh": "策略后授信总额（{unit}）", "en": "Limit after ({unit})"},
    "whatif.col.ead": {"zh": "策略后 EAD（{unit}）", "en": "EAD after ({unit})"},
    "whatif.col.expected_loss": {"zh": "策略后预期损失（{unit}）", "en": "EL after ({unit})"},
    "whatif.col.expected_loss_before": {"zh": "当前预期损失（{unit}）", "en": "EL today ({unit})"},
    "whatif.col.revenue": {"zh": "策略后年利息收入（{unit}）", "en": "Revenue after ({unit})"},
    "whatif.col.el_per_revenue": {"zh": "每元收入的预期损失", "en": "EL per unit of revenue"},
    "whatif.col.limit_total_change": {"zh": "额度变化（{unit}）", "en": "Δ limit ({unit})"},
    "whatif.col.ead_change": {"zh": "EAD 变化（{unit}）", "en": "Δ EAD ({unit})"},
    "whatif.col.expected_loss_change": {"zh": "预期损失变化（{unit}）", "en": "Δ EL ({unit})"},
    "whatif.col.revenue_change": {"zh": "收入变化（{unit}）", "en": "Δ revenue ({unit})"},
    "whatif.col.limit_total_vs_champion": {"zh": "额度较冠军（{unit}）", "en": "Limit vs champion ({unit})"},
    "whatif.col.ead_vs_champion": {"zh": "EAD 较冠军（{unit}）", "en": "EAD vs champion ({unit})"},
    "whatif.col.expected_loss_vs_champion": {"zh": "预期损失较冠军（{unit}）", "en": "EL vs champion ({unit})"},
    "whatif.col.revenue_vs_champion": {"zh": "收入较冠军（{unit}）", "en": "Revenue vs champion ({unit})"},
    "whatif.col.limit_before": {"zh": "当前额度（{unit}）", "en": "Limit today ({unit})"},
    "whatif.col.limit_champion": {"zh": "冠军方案额度（{unit}）", "en": "Champion limit ({unit})"},
    "whatif.col.limit_challenger": {"zh": "挑战者额度（{unit}）", "en": "Challenger limit ({unit})"},
    "whatif.col.el_delta": {"zh": "预期损失差（挑战者−冠军，{unit}）", "en": "Δ EL (challenger − champion, {unit})"},
    "whatif.col.revenue_delta": {"zh": "收入差（挑战者−冠军，{unit}）", "en": "Δ revenue (challenger − champion, {unit})"},
    "whatif.col.cut": {"zh": "压降比例", "en": "Cut"},
    "whatif.col.ratio": {"zh": "每减少1元收入降低的预期损失", "en": "EL saved per unit of revenue lost"},
    "whatif.swap.swap_in": {"zh": "换入", "en": "Swap-in"},
    "whatif.swap.swap_out": {"zh": "换出", "en": "Swap-out"},
    "whatif.swap.table": {"zh": "查看换入换出明细（{n:,} 户）", "en": "Show the swap set ({n:,} accounts)"},
    "whatif.bt.outcome": {"zh": "后续表现", "en": "What happened next"},
    "whatif.bt.went_bad": {"zh": "之后进入91+", "en": "Later reached 91+"},
    "whatif.bt.stayed_good": {"zh": "保持良好（期末仍在册）", "en": "Stayed good (still in the book)"},
    "whatif.bt.left_book": {"zh": "离开数据（结清、销户、核销或原因不明）", "en": "Left the book (paid off, closed, charged off or unknown)"},
    "whatif.bt.already_bad": {"zh": "当时已在91+", "en": "Already 91+ then"},
    "whatif.bt.cut": {"zh": "被压降户数", "en": "Accounts cut"},
    "whatif.bt.raised": {"zh": "被提额户数", "en": "Accounts raised"},
    "whatif.bt.undrawn_before": {"zh": "当时未用额度（{unit}）", "en": "Undrawn then ({unit})"},
    "whatif.bt.undrawn_removed": {"zh": "收回未用额度（{unit}）", "en": "Undrawn removed ({unit})"},
    "whatif.bt.undrawn_added": {"zh": "新增未用额度（{unit}）", "en": "Undrawn added ({unit})"},
    "whatif.bt.share_removed": {"zh": "收回比例", "en": "Share removed"},
    "whatif.file.results": {"zh": "额度策略测算", "en": "limit_policy_results"},
    "whatif.file.scenarios": {"zh": "额度策略_方案对比", "en": "limit_policy_scenarios"},
    "whatif.file.waterfall": {"zh": "额度策略_变化分解", "en": "limit_policy_waterfall"},
    "whatif.file.swap": {"zh": "额度策略_换入换出", "en": "limit_policy_swap_set"},
    "whatif.file.sensitivity": {"zh": "额度策略_敏感性", "en": "limit_policy_sensitivity"},
    "whatif.sheet.scenarios": {"zh": "方案对比", "en": "Scenarios"},
    "whatif.sheet.by_rule": {"zh": "规则贡献", "en": "By rule"},
    "whatif.sheet.by_segment": {"zh": "维度拆分", "en": "By segment"},
    "whatif.sheet.assumptions": {"zh": "假设", "en": "Assumptions"},
    "whatif.sheet.policy": {"zh": "策略JSON", "en": "Policy JSON"},
    "whatif.file.by_rule": {"zh": "额度策略_规则贡献", "en": "limit_policy_by_rule"},
    "whatif.file.by_segment": {"zh": "额度策略_维度拆分", "en": "limit_policy_by_segment"},
    "whatif.file.backtest": {"zh": "额度策略_历史回测", "en": "limit_policy_backtest"},
    "whatif.file.assumptions": {"zh": "额度策略_假设", "en": "limit_policy_assumptions"},
})
