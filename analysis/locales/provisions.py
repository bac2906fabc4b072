"""Text the provisions analysis emits (IFRS 9 ECL, staging, movement, 五级分类/NPL): errors, notes,
PD sources, assumption sentences and the names of the movement items and migration states."""

MESSAGES = {
    # errors: each says what is wrong and how to fix it
    "provisions.err.share": {
        "zh": "{field} 为 {value}，应在 0 到 1 之间（如 0.45 表示 45%）。",
        "en": "{field} is {value}; it must be between 0 and 1 (0.45 means 45%).",
    },
    "provisions.err.rate": {
        "zh": "折现利率 {value} 无效，应为 0 到 1 之间的年利率（0.12 表示 12%）。",
        "en": "The discount rate {value} is not valid; give an annual rate between 0 and 1 (0.12 means 12%).",
    },
    "provisions.err.life": {
        "zh": "剩余期限 {value} 无效，应为 1 到 {max} 之间的整数月数。",
        "en": "The remaining life {value} is not valid; give a whole number of months from 1 to {max}.",
    },
    "provisions.err.curve_horizon": {
        "zh": "违约概率期限结构只覆盖 {horizon} 个月，无法给出 {months} 个月的值；请缩短剩余期限或重建期限结构。",
        "en": "The PD term structure covers {horizon} months, not {months}; shorten the remaining life or rebuild the curve.",
    },
    "provisions.err.window": {
        "zh": "合并的月份数 {value} 无效，应为不小于 1 的整数。",
        "en": "The window of {value} months is not valid; give a whole number of 1 or more.",
    },
    "provisions.err.no_scenario": {
        "zh": "至少需要一个宏观情景（如 基准 权重 1 乘数 1）。",
        "en": "At least one macro scenario is needed (e.g. base, weight 1, multiplier 1).",
    },
    "provisions.err.scenario_names": {
        "zh": "情景名称不能为空或重复（当前：{names}）。",
        "en": "Scenario names must be filled in and different from each other (now: {names}).",
    },
    "provisions.err.scenario_weight": {
        "zh": "情景“{name}”的权重 {value} 无效，应在 0 到 1 之间。",
        "en": "Scenario '{name}': the weight {value} is not valid; it must be between 0 and 1.",
    },
    "provisions.err.scenario_multiplier": {
        "zh": "情景“{name}”的违约概率乘数 {value} 无效，应为不小于 0 的数（1 表示不调整）。",
        "en": "Scenario '{name}': the PD multiplier {value} is not valid; it must be 0 or more (1 = unchanged).",
    },
    "provisions.err.scenario_sum": {
        "zh": "各情景权重合计为 {total}，应合计为 1（100%）。请调整权重。",
        "en": "The scenario weights add up to {total}; they must add up to 1 (100%). Adjust the weights.",
    },
    "provisions.err.probation": {
        "zh": "观察期 {field} 为 {value}，应为 0 到 {max} 之间的整数月数（0 表示不设观察期）。",
        "en": "The probation period {field} is {value}; give a whole number of months from 0 to {max} (0 = none).",
    },
    "provisions.err.score_drop": {
        "zh": "评分下降阈值 {value} 无效，应为大于 0 的分数。",
        "en": "The score-drop trigger {value} is not valid; give a number of points above 0.",
    },
    "provisions.err.pd_ratio": {
        "zh": "违约概率倍数阈值 {value} 无效，应大于 1（如 2 表示翻倍）。",
        "en": "The PD-ratio trigger {value} is not valid; it must be above 1 (2 means the PD doubled).",
    },
    "provisions.err.no_score": {
        "zh": "评分下降触发条件需要评分列；请在上传页映射“信用评分”，或关闭该条件。",
        "en": "The score-drop trigger needs a score column; map the score on the upload page or turn the trigger off.",
    },
    "provisions.err.pd_ratio_curve": {
        "zh": "违约概率倍数触发条件需要违约概率期限结构。",
        "en": "The PD-ratio trigger needs the PD term structure.",
    },
    "provisions.err.empty": {
        "zh": "数据中没有可用的行，无法计算拨备。",
        "en": "The data has no rows to compute provisions on.",
    },
    "provisions.err.month": {
        "zh": "数据中没有月份 {month}；可用月份：{first} 至 {last}。",
        "en": "Month {month} is not in the data; months available: {first} … {last}.",
    },
    "provisions.err.needs_file": {
        "zh": "ecl 目前需要一个完整读取的文件（CSV/XLSX/Parquet），暂不支持数据集文件夹或数据表。",
        "en": "ecl needs a file read whole (CSV/XLSX/Parquet) for now, not a dataset folder or a table.",
    },
    "provisions.err.scenario_arg": {
        "zh": "--scenario 的格式应为 名称:权重:乘数（如 downside:0.2:1.3），收到 {value!r}。",
        "en": "--scenario takes NAME:WEIGHT:MULTIPLIER (e.g. downside:0.2:1.3); got {value!r}.",
    },
    "provisions.err.life_arg": {
        "zh": "--life-by 的格式应为 产品=月数（如 信用卡=24），收到 {value!r}。",
        "en": "--life-by takes PRODUCT=MONTHS (e.g. 信用卡=24); got {value!r}.",
    },
    "provisions.err.five_tier_arg": {
        "zh": "--five-tier 可取 credit_card、floors_2023 或四个递增的逾期天数下限（如 1,91,121,181），收到 {value!r}。",
        "en": "--five-tier takes credit_card, floors_2023 or four increasing DPD lower bounds (e.g. 1,91,121,181); got {value!r}.",
    },
    "provisions.err.segment": {
        "zh": "--by {by}：不是该文件的分组列；可用分组：{segments}。",
        "en": "--by {by}: not a segment of this file; segments: {segments}.",
    },
    # notes shown beside the figures
    "provisions.note.no_previous": {
        "zh": "数据中没有上月（{previous}）的记录，无法编制 {month} 的拨备变动表和阶段迁移；各阶段数字照常给出。",
        "en": "The previous month ({previous}) is not in the data, so there is no allowance movement or stage migration for {month}; the stages are given as usual.",
    },
    "provisions.note.fallback_pd": {
        "zh": "报告月之前没有相邻月份可计算迁徙率，违约概率采用审慎的默认值（按分段，常数月风险率）；请在有更多历史数据后复核。",
        "en": "No month pair precedes the reporting month to give roll rates, so PDs are prudent defaults by bucket (constant monthly hazard); review them once there is more history.",
    },
    # where the PD comes from, for the definitions line (口径)
    "provisions.pd_source.markov": {
        "zh": "违约概率：本账簿迁徙率矩阵（按户数，合并 {n} 个起始月 {span}）的马尔可夫链幂次；违约 = {default}（吸收态），流出视为结清（吸收态）",
        "en": "PD: powers of the book's roll-rate matrix (by accounts, {n} from-months pooled, {span}) as a Markov chain; default = {default} (absorbing), exits taken as paid off (absorbing)",
    },
    "provisions.pd_source.fallback": {
        "zh": "违约概率：无迁徙历史，采用审慎默认值（按分段的 12 个月违约概率，常数月风险率推算各期限）",
        "en": "PD: no roll-rate history; prudent default 12-month PDs by bucket, spread over months at a constant hazard",
    },
    "provisions.note.raised_by_class": {
        "zh": "{n} 个账户（余额 {balance} {unit}）按逾期天数应在较低阶段，因行内五级分类（关注、次级、可疑、损失）而上调；如需只按逾期天数和信用风险显著增加划分：页面上取消阶段设置中的“按行内五级分类设阶段下限”，命令行加 --no-class-floor。",
        "en": "{n} account(s) (balance {balance} {unit}) are in a higher stage than their DPD says because of the bank's own class (special mention, substandard, doubtful, loss); to stage by DPD and SICR only, untick \"The bank's own classes set a floor on the stage\" in the staging settings (command line: --no-class-floor).",
    },
    "provisions.note.rates_unusable": {
        "zh": "{n} 个账户的年利率无法用于折现（为负或超过 100%，如 {example}）：这些账户按 {rate} 折现。请检查利率列的单位（2% 应写作 2% 或 0.02）",
        "en": "{n} account(s) with an annual interest rate the discounting cannot use (negative or above 100%, e.g. {example}): discounted at {rate} instead. Check the rate column's unit (2% is 2% or 0.02)",
    },
    "provisions.assume.rate_own": {
        "zh": "按账户年利率（月复利）折现；无利率的账户按 {rate}",
        "en": "discounted at each account's annual interest rate (monthly compounding); {rate} where it has none",
    },
    "provisions.assume.rate_flat": {
        "zh": "统一按年利率 {rate}（月复利）折现",
        "en": "discounted at {rate} a year for every account (monthly compounding)",
    },
    "provisions.assume.rounding": {
        "zh": "金额在最后一步四舍五入到分；合计为各阶段四舍五入后之和，变动表的四舍五入尾差计入重新计量",
        "en": "amounts rounded to the cent at the end; totals are the sums of the rounded stage figures, and the movement table's rounding residue sits in remeasurement",
    },
    "provisions.assume.lgd_ccf": {
        "zh": "违约损失率 LGD {lgd}，信用转换系数 CCF {ccf}（未用额度）",
        "en": "LGD {lgd}, CCF {ccf} (on the undrawn limit)",
    },
    "provisions.assume.life": {
        "zh": "剩余期限假设 {months} 个月{by}（数据无到期日）",
        "en": "assumed remaining life {months} months{by} (no maturity in the data)",
    },
    "provisions.scenario.base": {"zh": "基准", "en": "base"},
    "provisions.assume.scenario": {"zh": "{name} {weight}（PD ×{k}）", "en": "{name} {weight} (PD ×{k})"},
    "provisions.assume.scenarios": {
        "zh": "宏观情景：{items}",
        "en": "macro scenarios: {items}",
    },
    "provisions.assume.staging": {
        "zh": "阶段划分：逾期 ≥{s2} 天第二阶段、≥{s3} 天第三阶段；回调观察期 {p2} 个月（二→一）、{p3} 个月（三→二）；{sicr}",
        "en": "staging: stage 2 from {s2} DPD, stage 3 from {s3} DPD; probation {p2} months (2→1), {p3} months (3→2); {sicr}",
    },
    "provisions.assume.five_tier_file": {"zh": "五级分类与不良：文件中银行自己的五级分类",
                                         "en": "five-tier classes and NPL: the bank's own classification in the file"},
    "provisions.assume.five_tier_dpd": {"zh": "五级分类与不良：按逾期天数（关注 ≥{sm} 天、次级 ≥{sub} 天、可疑 ≥{dbt} 天、损失 ≥{loss} 天）",
                                        "en": "five-tier classes and NPL: by DPD (special mention ≥{sm}, substandard ≥{sub}, doubtful ≥{dbt}, loss ≥{loss} days)"},
    "provisions.assume.class_floor": {"zh": "按行内五级分类设阶段下限：关注类至少第二阶段，次级、可疑、损失类第三阶段",
                                      "en": "the bank's own classes set a floor: special mention at least stage 2, "
                                            "substandard, doubtful and loss stage 3"},
    "provisions.assume.class_floor_off": {"zh": "阶段只看逾期天数和信用风险显著增加，不看行内五级分类",
                                          "en": "stages by DPD and SICR only, not by the bank's own classes"},
    "provisions.assume.sicr_none": {"zh": "未设信用风险显著增加触发条件", "en": "no SICR trigger"},
    "provisions.assume.sicr_score": {"zh": "评分较首月下降 ≥{points} 分", "en": "score down ≥ {points} points since the first month"},
    "provisions.assume.sicr_pd": {"zh": "12个月违约概率 ≥ 首月的 {k} 倍", "en": "12-month PD ≥ {k}× the first month's"},
    "provisions.assume.sicr": {"zh": "信用风险显著增加：{items}", "en": "SICR: {items}"},
    # names of the movement items and migration states, for tables
    "provisions.item.opening": {"zh": "期初余额", "en": "Opening allowance"},
    "provisions.item.transfer_to_stage_1": {"zh": "转入第一阶段", "en": "Transfer to stage 1"},
    "provisions.item.transfer_to_stage_2": {"zh": "转入第二阶段", "en": "Transfer to stage 2"},
    "provisions.item.transfer_to_stage_3": {"zh": "转入第三阶段", "en": "Transfer to stage 3"},
    "provisions.item.new": {"zh": "新增（发放/购入）", "en": "New (originated or purchased)"},
    "provisions.item.derecognised": {"zh": "终止确认（结清/转出）", "en": "Derecognised (repaid or exited)"},
    "provisions.item.write_offs": {"zh": "核销", "en": "Write-offs"},
    "provisions.item.remeasurement": {"zh": "重新计量", "en": "Remeasurement"},
    "provisions.item.closing": {"zh": "期末余额", "en": "Closing allowance"},
    "provisions.state.new": {"zh": "新增", "en": "New"},
    "provisions.state.exited": {"zh": "流出", "en": "Exited"},
}
