"""Text of the what-if credit-risk model (issue 14): scope, history, swap groups, PD estimation."""

MESSAGES = {
    "whatif.seg.blank": {"zh": "（空白）", "en": "(blank)"},
    "whatif.err.month_not_in_file": {
        "zh": "文件中没有 {month} 月；文件的月份为 {first} 至 {last}。",
        "en": "Month {month} is not in the file; the file runs from {first} to {last}.",
    },
    "whatif.err.include_defaulted": {
        "zh": "策略的 include_defaulted 只能是 true 或 false，当前为 {value}。",
        "en": "The policy's include_defaulted must be true or false (got {value}).",
    },
    "whatif.col.insufficient_history": {"zh": "历史不足户数", "en": "Insufficient history"},
    "whatif.err.direction": {
        "zh": "敏感性方向只能是 cut（压降）或 raise（提额），当前为 {value}。",
        "en": "The sensitivity direction must be cut or raise (got {value}).",
    },
    "whatif.chart.raise_axis": {"zh": "对目标客群的提额幅度", "en": "Raise applied to the targeted group"},
    "whatif.chart.raise_tip": {"zh": "提额幅度", "en": "Raise"},
    "whatif.chart.sensitivity_raise_title": {"zh": "敏感性：提额幅度与预期损失、利息收入的取舍",
                                             "en": "Sensitivity: how large a raise, for how much loss and revenue"},
    "whatif.col.raise": {"zh": "提额幅度", "en": "Raise"},
    "whatif.col.el_per_revenue_change": {"zh": "预期损失变动 ÷ 收入变动", "en": "ΔEL ÷ Δrevenue"},
    "whatif.swap.both_differ": {"zh": "两者都调整但额度不同", "en": "Both change, differently"},
    "whatif.col.ead_champion": {"zh": "冠军方案 EAD（{unit}）", "en": "EAD, champion ({unit})"},
    "whatif.col.ead_challenger": {"zh": "挑战者方案 EAD（{unit}）", "en": "EAD, challenger ({unit})"},
    "whatif.col.el_champion": {"zh": "冠军方案预期损失（{unit}）", "en": "EL, champion ({unit})"},
    "whatif.col.el_challenger": {"zh": "挑战者方案预期损失（{unit}）", "en": "EL, challenger ({unit})"},
    "whatif.col.swap_group": {"zh": "分组", "en": "Group"},
    "whatif.col.went_bad": {"zh": "此后违约户数", "en": "Went bad"},
    "whatif.col.bad_rate": {"zh": "历史坏账率", "en": "Historical bad rate"},
    "whatif.col.accounts_then": {"zh": "当时户数", "en": "Accounts then"},
    "whatif.file.swap_summary": {"zh": "额度策略_换入换出分组", "en": "limit_policy_swap_groups"},
    "whatif.swap.summary_title": {"zh": "换入换出分组", "en": "Swap set by group"},
    "whatif.report.pd_months": {
        "zh": "违约概率为 12 个月内逾期达到 91 天及以上的概率，估计所用月份 {first} 至 {last}（含观察结果的月份）。",
        "en": "PD is the probability of reaching 91+ DPD within 12 months, estimated on the months {first} to {last} "
              "(outcome months included).",
    },
    "whatif.report.pd_defaults": {
        "zh": "数据只有一个月：违约概率为缺省值（12 个月内逾期达到 91 天及以上），未从历史估计。",
        "en": "A single month of data: the PDs (reaching 91+ DPD within 12 months) are stated defaults, not estimated.",
    },
    "whatif.err.pd_floor": {
        "zh": "违约概率下限应在 0 到 1 之间（不含 1），当前为 {value}。",
        "en": "The PD floor must be at least 0 and below 1 (got {value}).",
    },
    "whatif.err.account_pd_params": {
        "zh": "账户级违约概率参数有误：可信度常数 k 应不小于 0（当前 {k}），下限应在 0 到 1 之间（当前 {floor}）。",
        "en": "Account-level PD: the credibility constant k must be at least 0 (got {k}) and the floor in [0, 1) (got {floor}).",
    },
    "whatif.err.calibration_by": {
        "zh": "校准表只能按 util_band 或 score_band 分组，当前为 {value}。",
        "en": "The calibration table groups by util_band or score_band (got {value}).",
    },
    "whatif.band.util.0": {"zh": "30%以下", "en": "under 30%"},
    "whatif.band.util.1": {"zh": "30%–70%", "en": "30%–70%"},
    "whatif.band.util.2": {"zh": "70%–100%", "en": "70%–100%"},
    "whatif.band.util.3": {"zh": "超过额度", "en": "over the limit"},
    "whatif.band.na": {"zh": "未知", "en": "not known"},
    "whatif.file.calibration": {"zh": "额度策略_违约概率校准", "en": "limit_policy_pd_calibration"},
    "whatif.calibration.title": {"zh": "违约概率校准：预测与实际（按分段与使用率档，样本内）",
                                 "en": "PD calibration: predicted vs observed (by bucket and utilisation band, in-sample)"},
    "whatif.col.util_band": {"zh": "额度使用率档", "en": "Utilisation band"},
    "whatif.col.windows": {"zh": "观察窗口数", "en": "Windows"},
    "whatif.col.predicted": {"zh": "预测违约概率", "en": "Predicted PD"},
    "whatif.col.observed": {"zh": "实际违约率", "en": "Observed default rate"},
    "whatif.col.gap": {"zh": "预测 − 实际", "en": "Predicted − observed"},
}
