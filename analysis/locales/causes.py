"""Text the causes analyses emit: class names (cause names are the vocabulary's), driver sentences, verdicts, errors."""

_WILLINGNESS = {
    "unable": ("有还款意愿、无还款能力", "Willing but unable"),
    "unwilling": ("无还款意愿（恶意）", "Unwilling (wilful)"),
    "careless": ("有能力有意愿（疏忽）", "Able and willing (oversight)"),
    "unclear": ("待判断", "Unclear"),
}
_HARDSHIP = {
    "temporary": ("暂时性困难", "Temporary hardship"),
    "lasting": ("持续性困难", "Lasting hardship"),
    "none": ("非困难所致", "Not hardship"),
    "unclear": ("待判断", "Unclear"),
}
_TERM = {
    "short": ("短期逾期（≤30天）", "Short-term (≤ 30 DPD)"),
    "medium": ("中期逾期（31-90天）", "Medium-term (31-90 DPD)"),
    "long": ("长期逾期（>90天）", "Long-term (> 90 DPD)"),
}
_VERDICTS = {
    "stable": ("稳定", "Stable"),
    "watch": ("需关注", "Watch"),
    "shifted": ("显著偏移", "Shifted"),
}
_STRENGTH = {
    "useless": ("无预测力", "Not predictive"),
    "weak": ("弱", "Weak"),
    "medium": ("中等", "Medium"),
    "strong": ("强", "Strong"),
    "suspicious": ("过强（请检查是否信息泄露）", "Suspiciously strong (check for leakage)"),
}
_DIRECTION = {
    "higher": ("显著偏高", "Significantly higher"),
    "lower": ("显著偏低", "Significantly lower"),
    "similar": ("无显著差异", "No significant difference"),
}

MESSAGES: dict[str, dict[str, str]] = {}
for _group, _table in (("willingness", _WILLINGNESS), ("hardship", _HARDSHIP),
                       ("term", _TERM), ("psi", _VERDICTS), ("iv", _STRENGTH), ("direction", _DIRECTION)):
    for _key, (_zh, _en) in _table.items():
        MESSAGES[f"causes.{_group}.{_key}"] = {"zh": _zh, "en": _en}

MESSAGES.update({
    # the accounts behind a clicked cause × bucket cell
    "causes.drill.title": {"zh": "{cause} · {bucket}：{n:,} 户", "en": "{cause} · {bucket}: {n:,} accounts"},
    "causes.drill.account": {"zh": "账户", "en": "Account"},
    "causes.drill.customer": {"zh": "客户", "en": "Customer"},
    "causes.drill.dpd": {"zh": "逾期天数", "en": "Days past due"},
    "causes.drill.balance": {"zh": "余额（{unit}）", "en": "Balance ({unit})"},
    "causes.drill.reason": {"zh": "逾期原因原文", "en": "Reason as written"},
    "causes.class.willingness": {"zh": "还款意愿与能力", "en": "Willingness and ability"},
    "causes.class.hardship": {"zh": "困难性质", "en": "Nature of the hardship"},
    "causes.class.term": {"zh": "逾期期限", "en": "Term of the delinquency"},
    "causes.effect.mix": {"zh": "结构", "en": "mix"},
    "causes.effect.rate": {"zh": "风险", "en": "rate"},
    "causes.segment.other": {"zh": "其他", "en": "Others"},
    "causes.level.other": {"zh": "其他小类合并", "en": "other small levels, pooled"},
    "causes.level.missing": {"zh": "缺失", "en": "missing"},
    # Plain-word odds ratios: {name} attribute, {level}/{reference} categories, {step} increase.
    "causes.drivers.explain_cat_up": {
        "zh": "{name}为「{level}」的账户，逾期{days}天以上的几率是「{reference}」的 {odds} 倍（95% 置信区间 {low}–{high}），风险明显更高。",
        "en": "{name} = {level}: the odds of being {days}+ DPD are {odds} times those of {reference} (95% CI {low}–{high}); clearly riskier.",
    },
    "causes.drivers.explain_cat_down": {
        "zh": "{name}为「{level}」的账户，逾期{days}天以上的几率是「{reference}」的 {odds} 倍（95% 置信区间 {low}–{high}），风险明显更低。",
        "en": "{name} = {level}: the odds of being {days}+ DPD are {odds} times those of {reference} (95% CI {low}–{high}); clearly safer.",
    },
    "causes.drivers.explain_cat_none": {
        "zh": "{name}为「{level}」与「{reference}」相比没有明确差异（几率比 {odds}，95% 置信区间 {low}–{high} 包含 1）。",
        "en": "{name} = {level} shows no clear difference from {reference} (odds ratio {odds}, 95% CI {low}–{high} includes 1).",
    },
    "causes.drivers.explain_num_up": {
        "zh": "{name}每增加 {step}，逾期{days}天以上的几率约增加 {pct}%（几率比 {odds}，95% 置信区间 {low}–{high}）。",
        "en": "Each {step} more {name} raises the odds of being {days}+ DPD by about {pct}% (odds ratio {odds}, 95% CI {low}–{high}).",
    },
    "causes.drivers.explain_num_down": {
        "zh": "{name}每增加 {step}，逾期{days}天以上的几率约降低 {pct}%（几率比 {odds}，95% 置信区间 {low}–{high}）。",
        "en": "Each {step} more {name} lowers the odds of being {days}+ DPD by about {pct}% (odds ratio {odds}, 95% CI {low}–{high}).",
    },
    "causes.drivers.explain_num_none": {
        "zh": "{name}与逾期{days}天以上没有明确关系（每增加 {step} 的几率比 {odds}，95% 置信区间 {low}–{high} 包含 1）。",
        "en": "{name} shows no clear link with being {days}+ DPD (odds ratio per {step}: {odds}, 95% CI {low}–{high} includes 1).",
    },
    "causes.drivers.explain_cat_unknown": {
        "zh": "{name}为「{level}」与「{reference}」相比：几率比 {odds}，但账户太少或被该属性完全分开，置信区间无法估计，不能据此下结论。",
        "en": "{name} = {level} against {reference}: odds ratio {odds}, but with too few accounts or a perfect split the interval cannot be estimated, so no conclusion can be drawn.",
    },
    "causes.drivers.explain_num_unknown": {
        "zh": "{name}每增加 {step}：几率比 {odds}，但账户太少或被该属性完全分开，置信区间无法估计，不能据此下结论。",
        "en": "Each {step} more {name}: odds ratio {odds}, but with too few accounts or a perfect split the interval cannot be estimated, so no conclusion can be drawn.",
    },
    "causes.drivers.warn_separation": {
        "zh": "模型提示“完全分离”：某个属性几乎完全区分了好坏账户，相应的几率比和置信区间不可靠。请去掉该属性或合并其取值后重试。",
        "en": "The model hit perfect separation: one attribute almost perfectly splits good and bad accounts, so its odds ratio and interval are unreliable. Drop that attribute or merge its values and try again.",
    },
    "causes.drivers.warn_convergence": {
        "zh": "模型未能完全收敛，结果仅供参考。可减少属性数量后重试。",
        "en": "The model did not fully converge; treat the result as indicative. Try fewer attributes.",
    },
    "causes.drivers.warn_singular": {
        "zh": "所选属性之间高度相关（例如额度与余额），已改用近似算法，置信区间仅供参考。",
        "en": "The chosen attributes are strongly collinear (e.g. limit and balance); an approximate fit was used and the intervals are indicative only.",
    },
    # Errors (parameters and data the user can fix).
    "causes.error.month_format": {"zh": "月份格式应为 2024-06，收到：{month}", "en": "A month looks like 2024-06; got {month}"},
    "causes.error.month_missing": {"zh": "数据中没有 {month} 这个月份。", "en": "The data has no month {month}."},
    "causes.error.min_dpd": {"zh": "逾期天数门槛必须至少为 1 天。", "en": "The DPD threshold must be at least 1 day."},
    "causes.error.no_rows": {"zh": "当前数据为空（可能被筛选条件全部排除）。", "en": "There is no data (the filters may exclude everything)."},
    "causes.error.no_flag": {"zh": "缺少好坏标记列 bad。", "en": "The table lacks the good/bad flag column 'bad'."},
    "causes.error.no_attribute": {"zh": "数据中没有属性“{attribute}”。", "en": "The data has no attribute “{attribute}”."},
    "causes.error.no_attributes": {
        "zh": "没有可分析的属性。请在上传页映射产品、地区、渠道、评分、授信额度等字段。",
        "en": "There are no attributes to analyse. Map product, region, channel, score, credit limit or similar columns on the upload page.",
    },
    "causes.error.one_class": {
        "zh": "该月份的账户全部为好账户（或全部为坏账户），无法比较。请换一个月份或放宽筛选。",
        "en": "Every account that month is good (or every one bad), so there is nothing to compare. Pick another month or widen the filters.",
    },
    "causes.error.no_variation": {"zh": "所选属性在该月份没有变化（只有一个取值），无法建模。", "en": "The chosen attributes do not vary that month (a single value), so no model can be fitted."},
    "causes.error.alpha": {"zh": "显著性水平必须在 0 和 1 之间。", "en": "The significance level must be between 0 and 1."},
    "causes.error.bins": {"zh": "分箱数至少为 2。", "en": "Use at least 2 bins."},
    "causes.error.max_rows": {"zh": "抽样行数至少为 100。", "en": "The sample must hold at least 100 rows."},
    "causes.error.lang": {"zh": "语言只能是 zh 或 en。", "en": "The language must be zh or en."},
    "causes.error.not_segment": {"zh": "“{column}”不是分组字段。", "en": "“{column}” is not a segment column."},
    "causes.error.not_column": {"zh": "数据中没有“{column}”列。", "en": "The data has no column “{column}”."},
    "causes.error.same_month": {"zh": "请选择两个不同的月份。", "en": "Choose two different months."},
    "causes.error.metric": {"zh": "不支持的指标：{metric}", "en": "Unsupported metric: {metric}"},
    "causes.error.measure": {"zh": "统计口径只能是按余额或按户数。", "en": "The measure must be balance or count."},
    "causes.error.empty_month": {"zh": "{month} 的余额（或户数）为零，无法计算比率。", "en": "{month} has no balance (or no accounts), so no rate can be computed."},
    "causes.error.reference": {"zh": "比较基准只能是“上月”或“首月”。", "en": "The reference must be the previous month or the first month."},
    "causes.error.no_reason": {
        "zh": "数据中没有逾期原因列。请在上传页把“逾期原因”映射到相应的列。",
        "en": "The data has no overdue reason column. Map “Overdue reason” on the upload page.",
    },
    "causes.error.dict_columns": {"zh": "原因词典缺少列：{columns}（需要 category 和 keyword 两列）。", "en": "The reason dictionary lacks the column(s) {columns} (it needs category and keyword)."},
    "causes.error.dict_category": {"zh": "词典中有无法识别的原因类别：{values}。可用类别：{keys}", "en": "Unknown cause categories in the dictionary: {values}. Use one of: {keys}"},
    "causes.error.dict_clash": {"zh": "以下关键词同时归到了两个类别，请只保留一个：{keywords}", "en": "These keywords are listed under two categories; keep one: {keywords}"},
    "causes.error.dict_encoding": {"zh": "词典文件不是 UTF-8 或 GBK 编码的文本。", "en": "The dictionary file is not UTF-8 or GBK text."},
    "causes.error.dict_json": {"zh": "词典文件不是有效的 JSON（{detail}）。", "en": "The dictionary file is not valid JSON ({detail})."},
    "causes.error.dict_json_shape": {"zh": "JSON 词典应把每个类别对应到一个关键词列表，例如 \"forgot\": [\"忘记\", \"疏忽\"]。", "en": "A JSON dictionary maps each category to a list of keywords, e.g. \"forgot\": [\"forgot\", \"oversight\"]."},
    "causes.error.dict_csv": {"zh": "词典 CSV 无法读取：{detail}", "en": "The dictionary CSV cannot be read: {detail}"},
    "causes.error.dict_too_big": {"zh": "词典有 {n:,} 个关键词，超过上限 {limit:,} 个（每条逾期原因都要与每个关键词比对，太多会让页面长时间无响应）。请只保留需要的关键词。", "en": "The dictionary holds {n:,} keywords, more than the {limit:,} allowed (every reason is matched against every keyword, and that many would hold the page for minutes). Keep the keywords you need."},
    "causes.error.dict_empty": {"zh": "词典中没有任何关键词（只有空行或空白），未替换当前使用的词典。", "en": "The dictionary holds no keyword (only blank rows), so the dictionary in use was not replaced."},
    "causes.error.dict_ext": {"zh": "词典文件须为 .csv 或 .json。", "en": "The dictionary must be a .csv or .json file."},
    "causes.error.class_columns": {"zh": "原因分类表需要 cause、willingness、hardship 三列。", "en": "The cause class table needs the columns cause, willingness and hardship."},
    "causes.error.class_values": {"zh": "原因分类表中有无法识别的取值：{values}", "en": "Unknown values in the cause class table: {values}"},
    "causes.error.limit": {"zh": "显示条数不能为负数。", "en": "The number of examples cannot be negative."},
    "causes.error.responses": {"zh": "应对措施须为“原因 → 措施”的对应表。", "en": "Responses must map cause keys to action keys."},
    "causes.error.psi_bands": {"zh": "两个分布的分箱必须一致。", "en": "Both distributions need the same bands."},
    "causes.error.psi_values": {"zh": "分布不能为负，也不能全为零。", "en": "Distributions must be non-negative and not all zero."},
})

# Chart text (titles say what the chart shows; axis titles carry the unit).
MESSAGES.update({f"causes.chart.{k}": {"zh": zh, "en": en} for k, (zh, en) in {
    "accounts": ("户数", "Accounts"),
    "balance_unit": ("余额（{unit}）", "Balance ({unit})"),
    "cause": ("逾期原因", "Cause"),
    "count_share": ("户数占比", "Share of accounts"),
    "balance_share": ("余额占比", "Share of balance"),
    "cumulative": ("累计占比", "Cumulative share"),
    "share": ("占比", "Share"),
    "pareto.title_count": ("{month} 逾期原因帕累托图（按户数）", "Overdue causes, {month}: Pareto by number of accounts"),
    "pareto.title_balance": ("{month} 逾期原因帕累托图（按余额）", "Overdue causes, {month}: Pareto by balance"),
    "bucket": ("逾期分段", "Bucket"),
    "share_in_bucket": ("占该分段比例", "Share of the bucket"),
    "by_bucket.title": ("{month} 各逾期分段的原因构成", "Cause mix of each delinquency bucket, {month}"),
    "share_in_segment": ("占该分组比例", "Share of the segment"),
    "by_segment.title": ("{month} 各{segment}的逾期原因构成", "Cause mix by {segment}, {month}"),
    "month": ("月份", "Month"),
    "share_in_month": ("占当月逾期比例", "Share of the month's overdue book"),
    "trend.title": ("逾期原因构成的月度变化", "Cause mix of the overdue book, month by month"),
    "classes.title": ("{month} 逾期账户按{dimension}划分", "Overdue accounts by {dimension}, {month}"),
    "bad_rate": ("逾期{days}天以上占比（按户数）", "{days}+ DPD rate (by count)"),
    "vs_book_pp": ("较全组合（个百分点）", "vs whole book (pp)"),
    "bad_accounts": ("逾期{days}天以上户数", "{days}+ DPD accounts"),
    "p_adjusted": ("p 值（Holm 校正）", "p-value (Holm-adjusted)"),
    "significance": ("与全组合相比", "Against the book"),
    "book_rate": ("全组合水平", "Whole book"),
    "segment_rates.title": ("{month} 各{segment}逾期{days}天以上比例与全组合对比", "{days}+ DPD rate by {segment} against the whole book, {month}"),
    "attribute": ("属性", "Attribute"),
    "strength": ("区分能力", "Strength"),
    "riskiest_bin": ("风险最高的分箱", "Riskiest bin"),
    "riskiest_rate": ("该分箱坏账户比例", "Bad rate in that bin"),
    "iv_axis": ("信息值 IV", "Information value (IV)"),
    "iv.title": ("{month} 各属性区分好坏账户的能力（IV 排序）", "Which attributes separate good from bad accounts, {month} (IV ranking)"),
    "or_level": ("{name}：{level}（对比 {reference}）", "{name}: {level} (vs {reference})"),
    "or_step": ("{name}：每增加 {step}", "{name}: per {step} more"),
    "or_up": ("风险更高", "Riskier"),
    "or_down": ("风险更低", "Safer"),
    "or_none": ("无明确差异", "No clear difference"),
    "odds_ratio": ("几率比", "Odds ratio"),
    "ci_low": ("95% 置信区间下限", "95% CI low"),
    "ci_high": ("95% 置信区间上限", "95% CI high"),
    "or_axis": ("逾期{days}天以上的几率比（对数刻度，1 = 无差异）", "Odds ratio of being {days}+ DPD (log scale, 1 = no difference)"),
    "or.title": ("逻辑回归：各属性对逾期{days}天以上几率的影响", "Logistic regression: how each attribute moves the odds of {days}+ DPD"),
    "reference_month": ("对比月份", "Compared with"),
    "verdict": ("结论", "Verdict"),
    "psi_watch": ("0.1 需关注", "0.1 watch"),
    "psi_shift": ("0.25 显著偏移", "0.25 shifted"),
    "psi.title": ("{column}分布稳定性（PSI）逐月变化", "Population stability (PSI) of {column}, month by month"),
    "wf_start": ("起始水平", "Starting level"),
    "wf_mix": ("结构效应", "Mix effect"),
    "wf_rate": ("风险效应", "Rate effect"),
    "wf_end": ("期末水平", "Ending level"),
    "wf_colour_level": ("水平", "Level"),
    "wf_colour_up": ("推高", "Pushed up"),
    "wf_colour_down": ("拉低", "Pulled down"),
    "step": ("步骤", "Step"),
    "effect": ("效应", "Effect"),
    "change_pp": ("变动（个百分点）", "Change (pp)"),
    "rate_after": ("累计后水平", "Level after this step"),
    "waterfall.title": ("{metric}从 {start} 到 {end} 的变动拆解：结构效应与风险效应", "What moved the {metric} from {start} to {end}: mix and rate effects"),
}.items()})
