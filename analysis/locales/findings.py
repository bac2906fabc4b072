"""Sentences of the key findings (analysis/overview/findings.py). Figures arrive already formatted."""

MESSAGES = {
    # (metric names are the vocabulary's: analysis/core/vocabulary.metric_name)
    # rates month on month
    "findings.data.thin_month": {
        "zh": "{month} 只有 {accounts} 户，上月（{previous_month}）有 {previous_accounts} 户，少了 {drop}：数据可能导出不完整，本月比率的变化可能只是缺失的账户造成的，请先核对导出再解读本月。",
        "en": "Accounts in {month}: {accounts}, against {previous_accounts} in {previous_month} ({drop} fewer): the extract may be incomplete, so its rate changes may only be the missing accounts; check the export before reading the month."},
    "findings.rate.up": {"zh": "{metric}环比上升{change}，{month} 达到 {value}。",
                         "en": "{metric} rose {change} month on month to {value} in {month}."},
    "findings.rate.down": {"zh": "{metric}环比下降{change}，{month} 降至 {value}。",
                           "en": "{metric} fell {change} month on month to {value} in {month}."},
    "findings.rate.steady": {"zh": "{metric}基本持平：{month} 为 {value}（上月 {previous}）。",
                             "en": "{metric} held steady at {value} in {month} (previous month {previous})."},
    "findings.entry.up": {"zh": "入催率上升{change}至 {value}：{previous_month} 正常的客户中，更多在 {month} 进入逾期（上月 {previous}）。",
                          "en": "The entry rate rose {change} to {value}: more accounts that were current in {previous_month} were overdue in {month} (previous {previous})."},
    "findings.entry.down": {"zh": "入催率下降{change}至 {value}：{previous_month} 正常的客户中，{month} 进入逾期的更少（上月 {previous}）。",
                            "en": "The entry rate fell {change} to {value}: fewer accounts that were current in {previous_month} were overdue in {month} (previous {previous})."},
    "findings.entry.steady": {"zh": "入催率基本持平，{month} 为 {value}（上月 {previous}）。",
                              "en": "The entry rate held steady at {value} in {month} (previous {previous})."},
    # buckets
    "findings.bucket.up": {"zh": "分段变化最大的是{bucket}：占{measure}比重上升{change}至 {share}。",
                           "en": "The largest bucket movement: {bucket} rose {change} to {share} of {measure}."},
    "findings.bucket.down": {"zh": "分段变化最大的是{bucket}：占{measure}比重下降{change}至 {share}。",
                             "en": "The largest bucket movement: {bucket} fell {change} to {share} of {measure}."},
    # drivers (mix vs rate)
    "findings.driver.up": {"zh": "{metric}的上升中有 {share} 来自 {segment}。",
                           "en": "{share} of the {metric} rise comes from {segment}."},
    "findings.driver.down": {"zh": "{metric}的下降中有 {share} 来自 {segment}。",
                             "en": "{share} of the {metric} fall comes from {segment}."},
    "findings.driver.up.rate": {"zh": "{metric}的上升中有 {share} 来自 {segment}，主要是该客群自身风险上升（逾期率效应 {rate_effect}）。",
                                "en": "{share} of the {metric} rise comes from {segment}, mostly because that segment got riskier (rate effect {rate_effect})."},
    "findings.driver.up.mix": {"zh": "{metric}的上升中有 {share} 来自 {segment}，主要是组合向该客群倾斜（结构效应 {mix_effect}）。",
                               "en": "{share} of the {metric} rise comes from {segment}, mostly because the book shifted towards it (mix effect {mix_effect})."},
    "findings.driver.down.rate": {"zh": "{metric}的下降中有 {share} 来自 {segment}，主要是该客群自身风险下降（逾期率效应 {rate_effect}）。",
                                  "en": "{share} of the {metric} fall comes from {segment}, mostly because that segment improved (rate effect {rate_effect})."},
    "findings.driver.down.mix": {"zh": "{metric}的下降中有 {share} 来自 {segment}，主要是组合结构变化（结构效应 {mix_effect}）。",
                                 "en": "{share} of the {metric} fall comes from {segment}, mostly through the book's mix (mix effect {mix_effect})."},
    "findings.driver.up.all": {"zh": "{segment} 单独就使{metric}上升了{contribution}，超过整体净升幅{total_change}（其他客群部分抵消）。",
                               "en": "{segment} alone added {contribution} to the {metric}, more than the net rise of {total_change} (other segments offset part of it)."},
    "findings.driver.down.all": {"zh": "{segment} 单独就使{metric}下降了{contribution}，超过整体净降幅{total_change}（其他客群部分抵消）。",
                                 "en": "{segment} alone took {contribution} off the {metric}, more than the net fall of {total_change} (other segments offset part of it)."},
    # forecast
    "findings.forecast.up": {"zh": "预测{metric}将从 {start_month} 的 {start} 升至 {end_month} 的 {end}（80% 区间 {low}–{high}）。",
                             "en": "{metric} is forecast to rise from {start} in {start_month} to {end} by {end_month} (80% range {low}–{high})."},
    "findings.forecast.down": {"zh": "预测{metric}将从 {start_month} 的 {start} 降至 {end_month} 的 {end}（80% 区间 {low}–{high}）。",
                               "en": "{metric} is forecast to fall from {start} in {start_month} to {end} by {end_month} (80% range {low}–{high})."},
    "findings.forecast.flat": {"zh": "预测{metric}到 {end_month} 大致持平于 {end}（当前 {start}，80% 区间 {low}–{high}）。",
                               "en": "{metric} is forecast to stay near {end} through {end_month} (now {start}; 80% range {low}–{high})."},
    # warnings
    "findings.warnings.red": {"zh": "{month} 共 {accounts} 户触发预警（余额 {balance}），其中红色预警 {red} 户（余额 {red_balance}）。",
                              "en": "{accounts} accounts are on early warning in {month} (balance {balance}); {red} of them red (balance {red_balance})."},
    "findings.warnings.some": {"zh": "{month} 共 {accounts} 户触发预警（余额 {balance}），暂无红色预警。",
                               "en": "{accounts} accounts are on early warning in {month} (balance {balance}); none is red."},
    "findings.warnings.unreliable_rule": {
        "zh": "预警规则在本账本上区分不出好坏客户，需要重新校准后再使用：回测 {prev} → {to}，{group}只有 {flagged_rate} 恶化，未预警客户为 {unflagged_rate}（本月 {accounts} 户触发预警，暂不宜作为催收名单）。",
        "en": "The early warnings do not separate good from bad on this book and need recalibrating: in the backtest {prev} → {to}, {flagged_rate} of {group} worsened against {unflagged_rate} of accounts with no warning (the {accounts} accounts warned this month are not a reliable work list)."},
    "findings.warnings.unreliable_model": {
        "zh": "预警模型在本账本上排序不可靠（样本外 AUC {auc}），需要重新校准；名单暂不使用模型概率（本月 {accounts} 户触发预警）。",
        "en": "The warning model does not rank accounts reliably on this book (out-of-time AUC {auc}) and needs recalibrating; the lists do not use its probabilities ({accounts} accounts warned this month)."},
    # what-if
    "findings.whatif.best": {"zh": "“{scenario}”较现行策略减少预期损失 {el}，年利息收入减少 {revenue}（{accounts} 户额度调整）。",
                             "en": "\"{scenario}\" lowers expected loss by {el} against today's policy and costs {revenue} of yearly revenue ({accounts} accounts change limit)."},
    "findings.whatif.win": {"zh": "“{scenario}”较现行策略减少预期损失 {el}，同时年利息收入增加 {revenue}（{accounts} 户额度调整）。",
                            "en": "\"{scenario}\" lowers expected loss by {el} against today's policy and adds {revenue} of yearly revenue ({accounts} accounts change limit)."},
    "findings.whatif.worse": {"zh": "所有备选策略都会增加预期损失；损失增幅最小的是“{scenario}”（+{el}，年利息收入变动 {revenue_signed}，{accounts} 户额度调整）。",
                              "en": "Every challenger raises expected loss; the smallest rise is \"{scenario}\" (+{el}, yearly revenue {revenue_signed}, {accounts} accounts change limit)."},
    # causes
    "findings.cause.top": {"zh": "首要逾期原因是“{cause}”，占{measure}的 {share}。",
                           "en": "The leading overdue cause is \"{cause}\", {share} of {measure}."},
    # provisions (allowance, NPL ratio, coverage against the regulatory reference levels)
    "findings.provisions.ok": {
        "zh": "{month} 减值准备 {allowance}，不良贷款率{basis} {ratio}；拨备覆盖率 {coverage}、拨贷比 {loans}，均不低于参考值（{ref_coverage}、{ref_loans}）。",
        "en": "The allowance for {month} is {allowance}; NPL ratio{basis} {ratio}, coverage {coverage} and allowance to loans {loans}, both at or above their reference levels ({ref_coverage}, {ref_loans})."},
    "findings.provisions.below": {
        "zh": "{month} 减值准备 {allowance}，不良贷款率{basis} {ratio}；拨备覆盖率 {coverage}（参考值 {ref_coverage}）、拨贷比 {loans}（参考值 {ref_loans}），{below}。",
        "en": "The allowance for {month} is {allowance}; NPL ratio{basis} {ratio}, coverage {coverage} (reference {ref_coverage}) and allowance to loans {loans} (reference {ref_loans}): {below}."},
    "findings.provisions.no_npl.ok": {
        "zh": "{month} 减值准备 {allowance}，没有不良贷款（拨备覆盖率不适用）；拨贷比 {loans}，不低于参考值 {ref_loans}。",
        "en": "The allowance for {month} is {allowance}; there are no non-performing loans (no coverage ratio); allowance to loans {loans}, at or above its reference of {ref_loans}."},
    "findings.provisions.no_npl.below": {
        "zh": "{month} 减值准备 {allowance}，没有不良贷款（拨备覆盖率不适用）；拨贷比 {loans}，低于参考值 {ref_loans}。",
        "en": "The allowance for {month} is {allowance}; there are no non-performing loans (no coverage ratio); allowance to loans {loans} is below its reference of {ref_loans}."},
    "findings.provisions.basis.file": {"zh": "（银行自己的五级分类）", "en": " (the bank's own classification)"},
    "findings.provisions.which.coverage": {"zh": "拨备覆盖率低于参考值", "en": "coverage is below its reference"},
    "findings.provisions.which.provision_to_loans": {"zh": "拨贷比低于参考值", "en": "allowance to loans is below its reference"},
    "findings.provisions.which.both": {"zh": "两项均低于参考值", "en": "both are below their references"},
}
