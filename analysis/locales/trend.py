"""Text the trend, forecast, projection and vintage-completion analyses emit."""

MESSAGES = {
    # models
    "trend.forecast.model.ets": {"zh": "指数平滑（ETS，加法趋势）", "en": "ETS, additive trend"},
    "trend.forecast.model.ets_damped": {"zh": "指数平滑（ETS，阻尼趋势）", "en": "ETS, damped trend"},
    "trend.forecast.model.ets_seasonal": {"zh": "指数平滑（ETS，阻尼趋势+季节）", "en": "ETS, damped trend + season"},
    "trend.forecast.model.sarima": {"zh": "SARIMAX（小型阶数网格）", "en": "SARIMAX (small order grid)"},
    "trend.forecast.model.seasonal_naive": {"zh": "季节朴素（去年同月）", "en": "Seasonal naive (same month last year)"},
    "trend.forecast.model.naive": {"zh": "朴素（延续上月）", "en": "Naive (last month carried forward)"},
    # why there is no forecast
    "trend.forecast.reason.too_short": {
        "zh": "只有 {n} 个月的数据，至少需要 {min} 个月才做预测：月份太少时任何模型都只是在猜。",
        "en": "Only {n} months of data; a forecast needs at least {min}. With so few months any model would be guessing.",
    },
    "trend.forecast.reason.none": {"zh": "没有可用的预测。", "en": "No forecast is available."},
    # notes
    "trend.forecast.note.gaps": {
        "zh": "数据中缺少 {n} 个月，已按前后月份线性插补后建模。",
        "en": "{n} month(s) missing in the data were filled by linear interpolation before modelling.",
    },
    "trend.forecast.note.leading_zeros": {
        "zh": "序列开头 {n} 个月为 0%（组合尚在起步期），模型从 {month} 起建模。",
        "en": "The first {n} month(s) were exactly 0% (the book was still seasoning); the model starts at {month}.",
    },
    "trend.forecast.note.constant": {
        "zh": "该序列在历史上没有变化，预测沿用当前值，区间宽度为零。",
        "en": "The series never changed, so the forecast carries the current value with a zero-width range.",
    },
    "trend.forecast.note.zeros": {
        "zh": "序列中有 0（或 100%）的月份；为在对数/logit 尺度上建模，按最小非零值的一半处理。",
        "en": "Some months are exactly 0 (or 100%); for the log/logit scale they are treated as half the smallest non-zero value.",
    },
    "trend.forecast.note.no_seasonal": {
        "zh": "只有 {n} 个月数据，季节性模型需要至少 {min} 个月，本次未参与比较。",
        "en": "With {n} months, seasonal models (which need {min}) were left out.",
    },
    "trend.forecast.note.pinned_unavailable": {
        "zh": "所选模型“{model}”需要至少 {min} 个月数据，已改为自动选择。",
        "en": "The pinned model “{model}” needs at least {min} months; chosen automatically instead.",
    },
    "trend.forecast.note.failed": {
        "zh": "以下模型无法在此序列上拟合，未参与比较：{models}。",
        "en": "These models could not be fitted to this series and did not compete: {models}.",
    },
    "trend.forecast.note.exploded": {
        "zh": "“{model}”的预测远超历史合理范围，已改用回测最好的基准模型“{fallback}”。",
        "en": "“{model}” forecast far outside the history's range, so the best baseline, “{fallback}”, is used instead.",
    },
    "trend.forecast.note.warnings": {
        "zh": "“{model}”拟合时出现 {n} 条数值警告（如未完全收敛），请结合区间谨慎解读。",
        "en": "Fitting “{model}” raised {n} numerical warning(s) (e.g. incomplete convergence); read the range with care.",
    },
    "trend.forecast.note.widened": {
        "zh": "回测中该模型的误差超出其自身区间，已将区间放宽 {factor} 倍，使其与实际表现相符。",
        "en": "In the backtest this model missed by more than its own ranges allowed, so the ranges were widened ×{factor} to match its track record.",
    },
    "trend.forecast.note.auto": {
        "zh": "自动选择：“{model}”在滚动回测中误差最小。",
        "en": "Chosen automatically: “{model}” had the smallest rolling-origin backtest error.",
    },
    # the sentence
    "trend.forecast.sentence.rise": {
        "zh": "预计{metric}将由 {start_month} 的 {start} 上升至 {end_month} 的 {end}；80% 区间为 {low}–{high}。",
        "en": "{metric} is expected to rise from {start} ({start_month}) to {end} by {end_month}; the 80% range is {low}–{high}.",
    },
    "trend.forecast.sentence.fall": {
        "zh": "预计{metric}将由 {start_month} 的 {start} 下降至 {end_month} 的 {end}；80% 区间为 {low}–{high}。",
        "en": "{metric} is expected to fall from {start} ({start_month}) to {end} by {end_month}; the 80% range is {low}–{high}.",
    },
    "trend.forecast.sentence.flat": {
        "zh": "预计{metric}将基本持平：由 {start_month} 的 {start} 到 {end_month} 的 {end}；80% 区间为 {low}–{high}。",
        "en": "{metric} is expected to stay roughly flat, from {start} ({start_month}) to {end} by {end_month}; the 80% range is {low}–{high}.",
    },
    # projection and vintage (metric names are the vocabulary's)
    "trend.projection.no_rolls": {
        "zh": "没有相邻两个月的数据，无法计算迁徙率。",
        "en": "No two consecutive months in the data, so there are no roll rates to project with.",
    },
    "trend.projection.empty_rows": {
        "zh": "以下分段在所选窗口中没有余额，假定其余额原地不动：{buckets}。",
        "en": "These buckets were empty in the chosen window and are assumed to stay put: {buckets}.",
    },
    "trend.vintage.too_few": {
        "zh": "至少需要两个批次、且有批次跨越两个以上账龄月，才能计算发展因子。",
        "en": "Development factors need at least two cohorts, one of them observed over two or more months on book.",
    },
    "trend.vintage.censored": {
        "zh": "{n} 个批次在数据起始月之前已放款，其“累计逾期”并非从放款起算，未用于计算发展因子。",
        "en": "{n} cohort(s) were booked before the data starts, so their “ever” rates do not count from origination; they were left out of the factors.",
    },
    "trend.vintage.zero_start": {
        "zh": "{n} 个批次当前值为 0，按平均增量（而非倍数）外推。",
        "en": "{n} cohort(s) stand at 0 today and were projected with average increments instead of ratios.",
    },
    # tables the trend page shows (analysis.trend.display)
    "trend.projection.from_to": {"zh": "本月 \\ 下月", "en": "this month \\ next"},
    "trend.card.pp": {"zh": "个百分点", "en": "pp"},
    "trend.backtest.model": {"zh": "模型", "en": "Model"},
    "trend.backtest.short.ets": {"zh": "ETS 趋势", "en": "ETS trend"},
    "trend.backtest.short.ets_damped": {"zh": "ETS 阻尼", "en": "ETS damped"},
    "trend.backtest.short.ets_seasonal": {"zh": "ETS 季节", "en": "ETS seasonal"},
    "trend.backtest.short.sarima": {"zh": "SARIMAX", "en": "SARIMAX"},
    "trend.backtest.short.seasonal_naive": {"zh": "季节朴素", "en": "Seasonal naive"},
    "trend.backtest.short.naive": {"zh": "朴素", "en": "Naive"},
    "trend.backtest.mae": {"zh": "MAE（{unit}）", "en": "MAE ({unit})"},
    "trend.table.month": {"zh": "月份", "en": "Month"},
    "trend.table.actual": {"zh": "实际值", "en": "Actual"},
    "trend.table.mean": {"zh": "预测值", "en": "Forecast"},
    "trend.table.lower80": {"zh": "80%下限", "en": "80% low"},
    "trend.table.upper80": {"zh": "80%上限", "en": "80% high"},
    "trend.table.lower95": {"zh": "95%下限", "en": "95% low"},
    "trend.table.upper95": {"zh": "95%上限", "en": "95% high"},
    "trend.loss.bucket": {"zh": "逾期分段", "en": "Bucket"},
    "trend.loss.balance": {"zh": "当前余额（{unit}）", "en": "Balance ({unit})"},
    "trend.loss.roll_forward": {"zh": "向下一段迁徙率", "en": "Roll-forward rate"},
    "trend.loss.factor": {"zh": "损失因子", "en": "Loss factor"},
    "trend.loss.expected": {"zh": "预计损失（{unit}）", "en": "Expected loss ({unit})"},
    "trend.loss.total": {"zh": "合计", "en": "Total"},
    "trend.segments.segment": {"zh": "细分", "en": "Segment"},
    "trend.segments.latest": {"zh": "最新值", "en": "Latest"},
    "trend.segments.end": {"zh": "{n} 个月后预测", "en": "Forecast in {n} months"},
    "trend.segments.range": {"zh": "80% 区间", "en": "80% range"},
    "trend.changes.title": {"zh": "环比、同比与加速度", "en": "Month on month, year on year, acceleration"},
    "trend.changes.value": {"zh": "数值", "en": "Value"},
    "trend.changes.mom": {"zh": "环比变化", "en": "Change MoM"},
    "trend.changes.mom_pct": {"zh": "环比变化率", "en": "Change MoM (%)"},
    "trend.changes.yoy": {"zh": "同比变化", "en": "Change YoY"},
    "trend.changes.yoy_pct": {"zh": "同比变化率", "en": "Change YoY (%)"},
    "trend.changes.acceleration": {"zh": "加速度（环比变化之差）", "en": "Acceleration (change in the MoM change)"},
    "trend.projection.table": {"zh": "迁徙率推演明细", "en": "Roll-rate projection"},
    "trend.projection.total": {"zh": "在册余额合计（{unit}）", "en": "Book total ({unit})"},
    # chart labels
    "trend.chart.history": {"zh": "历史", "en": "History"},
    "trend.chart.forecast": {"zh": "预测", "en": "Forecast"},
    "trend.chart.band80": {"zh": "80% 区间", "en": "80% range"},
    "trend.chart.band95": {"zh": "95% 区间", "en": "95% range"},
    "trend.chart.range80": {"zh": "80% 区间", "en": "80% range"},
    "trend.chart.range95": {"zh": "95% 区间", "en": "95% range"},
    "trend.chart.month": {"zh": "月份", "en": "Month"},
    "trend.chart.event": {"zh": "事件", "en": "Event"},
    "trend.chart.value": {"zh": "实际值", "en": "Actual"},
    "trend.chart.mean": {"zh": "预测值", "en": "Forecast"},
    "trend.chart.bucket": {"zh": "逾期分段", "en": "Bucket"},
    "trend.chart.balance": {"zh": "余额", "en": "Balance"},
    "trend.chart.share": {"zh": "占比", "en": "Share"},
    "trend.chart.dpd90_rate": {"zh": "90天以上逾期率", "en": "DPD90+ rate"},
    "trend.chart.cohort": {"zh": "放款批次", "en": "Cohort"},
    "trend.chart.mob": {"zh": "账龄（月）", "en": "Months on book"},
    "trend.chart.actual": {"zh": "实际", "en": "Actual"},
    "trend.chart.projected": {"zh": "外推", "en": "Projected"},
}
