"""Text of the trend & forecast page (逾期趋势预测)."""

MESSAGES = {
    "trend.title": {"zh": "逾期趋势预测", "en": "Trend & forecast"},
    "trend.forecast.widen": {"zh": "侧边栏的月份范围只含 {n} 个月；数据自 {first} 起共有 {total} 个月：放宽月份范围即可预测。",
                             "en": "The sidebar's month range holds {n} months; the data has {total} from {first}: widen the month range for a forecast."},
    "trend.intro": {
        "zh": "逾期率和逾期余额的月度走势、未来 1-12 个月的预测及其可信区间。模型按“回测时预测得准不准”挑选，而不是按“对历史拟合得好不好”；"
              "旁边是按迁徙率推演的分段余额和损失，两种视角对照着看。",
        "en": "Monthly delinquency rates and balances, a 1-12 month forecast with honest ranges, and the model chosen by how well it "
              "forecast the past (not by how well it fits it). Beside it, the roll-rate view pushes today's buckets forward, so you see both.",
    },
    "trend.whole_book": {"zh": "全部组合", "en": "Whole book"},
    "trend.metric": {"zh": "指标", "en": "Metric"},
    "trend.segment_by": {"zh": "细分维度", "en": "Segment by"},
    "trend.segment": {"zh": "细分取值", "en": "Segment"},
    "trend.horizon": {"zh": "预测月数", "en": "Months to forecast"},
    "trend.horizon_help": {"zh": "越远的月份区间越宽：这是诚实的不确定性，而不是模型出错。",
                           "en": "Ranges widen further out: that is honest uncertainty, not a fault."},
    "trend.model": {"zh": "预测模型", "en": "Model"},
    "trend.model_auto": {"zh": "自动（按回测误差最小）", "en": "Auto (smallest backtest error)"},
    "trend.model_help": {
        "zh": "默认自动选择；也可以固定某个模型做对比。季节性模型需要至少 24 个月数据。",
        "en": "Chosen automatically by default; pin one to compare. Seasonal models need at least 24 months.",
    },
    "trend.no_series": {"zh": "所选细分在当前筛选下没有数据，请换一个细分或放宽侧边栏筛选。",
                        "en": "The chosen segment has no data under the current filters; pick another or widen the sidebar filters."},
    "trend.defs.thresholds": {"zh": "逾期：≥1天；30+：>30天；90+：>90天", "en": "overdue = DPD ≥ 1, 30+ = DPD > 30, 90+ = DPD > 90"},
    # events
    "trend.events.title": {"zh": "时间轴事件（显示在所有趋势图上）", "en": "Timeline events (marked on every trend chart)"},
    "trend.events.help": {
        "zh": "记下政策调整和外部事件，例如“2024-03 审批收紧”“2024-02 春节”。它们以竖线标在每张趋势图上，并进入会议报告。",
        "en": "Note policy changes and outside events, e.g. “2024-03 approval tightened”, “2024-02 Spring Festival”. They appear as "
              "markers on every trend chart and in the meeting report.",
    },
    "trend.events.month": {"zh": "月份", "en": "Month"},
    "trend.events.month_help": {"zh": "如 2024-03、2024年3月、202403", "en": "e.g. 2024-03, 2024/3, 202403"},
    "trend.events.label": {"zh": "事件说明", "en": "What happened"},
    "trend.events.bad": {"zh": "{n} 行的月份无法识别，未保存。请写成 2024-03 这样的格式。",
                         "en": "Not saved: {n} row(s) with a month that cannot be read. Write it like 2024-03."},
    # cards
    "trend.card.latest": {"zh": "最新值（{month}）", "en": "Latest ({month})"},
    "trend.card.mom": {"zh": "环比变化（{unit}）", "en": "Month on month ({unit})"},
    "trend.card.mom_help": {"zh": "与上一个自然月相比；比率的变化以“个百分点”表示，下方为相对变化。",
                            "en": "Against the previous calendar month; a rate's change is in percentage points, the relative change below."},
    "trend.card.yoy": {"zh": "同比变化（{unit}）", "en": "Year on year ({unit})"},
    "trend.card.yoy_help": {"zh": "与去年同月相比。", "en": "Against the same month last year."},
    "trend.card.no_yoy": {"zh": "数据不足 13 个月，还没有去年同月。", "en": "Fewer than 13 months of data: no same month last year yet."},
    "trend.card.accel": {"zh": "上升是否在加速", "en": "Is the rise speeding up?"},
    "trend.card.accel_help": {
        "zh": "本月环比变化减去上月环比变化；为正且本月在上升，说明上升在加速。",
        "en": "This month's change minus last month's; positive while the metric rises means the rise is speeding up.",
    },
    "trend.card.accelerating": {"zh": "加速上升", "en": "Accelerating"},
    "trend.card.rising_slower": {"zh": "上升但放缓", "en": "Rising, but slower"},
    "trend.card.not_rising": {"zh": "未上升", "en": "Not rising"},
    "trend.card.accel_unknown": {"zh": "月份不足", "en": "Too few months"},
    # forecast
    "trend.forecast.heading": {"zh": "预测与区间", "en": "Forecast and ranges"},
    "trend.forecast.pending": {"zh": "预测计算中…", "en": "Fitting the forecast…"},
    "trend.forecast.pending_help": {
        "zh": "正在回测各模型并拟合预测（约 1 秒），完成后自动显示；页面其余部分可照常查看。",
        "en": "Backtesting the models and fitting the forecast (about a second); it appears here by itself "
              "when done. The rest of the page is ready.",
    },
    "trend.chart.forecast_title": {"zh": "{metric}：历史与预测（{where}）", "en": "{metric}: history and forecast ({where})"},
    "trend.chart.history_title": {"zh": "{metric}：历史（{where}；数据不足，未作预测）", "en": "{metric}: history ({where}; too little data for a forecast)"},
    "trend.backtest.heading": {"zh": "模型回测（近 6 个月滚动）", "en": "Model backtest (rolling, last 6 months)"},
    "trend.backtest.help": {
        "zh": "每个模型只用当时之前的数据预测其后的月份，再与实际比较。MASE < 1 表示比“沿用上月值”更准。✓ 为当前使用的模型。",
        "en": "Each model forecast the months that followed using only the data before them. MASE < 1 beats “carry last month forward”. "
              "✓ marks the model in use; the notes under the chart name it in full.",
    },
    "trend.backtest.none": {"zh": "数据不足，未做回测。", "en": "Too little data for a backtest."},
    "trend.table.label": {"zh": "查看预测数据表（{unit}）", "en": "Show the forecast table ({unit})"},
    "trend.table.all_metrics": {"zh": "查看环比、同比与加速度明细", "en": "Show month-on-month, year-on-year and acceleration"},
    # projection
    "trend.projection.heading": {"zh": "迁徙率推演（马尔可夫链）", "en": "Roll-rate projection (Markov chain)"},
    "trend.projection.intro": {
        "zh": "把最新月各逾期分段的余额，按所选窗口的平均迁徙率逐月向前推。迁徙率可以直接修改（例如把 1-30 → 31-60 调低 2 个百分点），"
              "同一行的其他去向按原比例吸收差额，推演随之更新。{measure}",
        "en": "Today's bucket balances pushed forward month by month with the average roll rates of a chosen window. Edit any rate "
              "(e.g. 1-30 → 31-60 two points lower): the rest of the row absorbs the difference in proportion, and the projection follows. "
              "{measure}",
    },
    "trend.projection.by_balance": {"zh": "按余额口径。", "en": "By balance."},
    "trend.projection.by_count": {"zh": "按户数口径（本数据无余额，每户计 1）。",
                                  "en": "By number of accounts (this book has no balances: each account counts 1)."},
    "trend.projection.window": {"zh": "迁徙率窗口（月）", "en": "Roll-rate window (months)"},
    "trend.projection.window_help": {"zh": "取最近几个月的迁徙率加权平均（大月份权重大）。",
                                     "en": "The last months' roll rates, pooled (bigger months weigh more)."},
    "trend.projection.months": {"zh": "推演月数", "en": "Months to project"},
    "trend.projection.replenish": {"zh": "保持组合规模", "en": "Keep the book's size"},
    "trend.projection.replenish_help": {
        "zh": "开启：每月结清/核销的余额以新的正常余额补回（组合规模不变）；关闭：存量自然缩减（run-off）。",
        "en": "On: balance leaving the book each month comes back as new Current balance (constant size). Off: the book runs off.",
    },
    "trend.projection.matrix": {"zh": "迁徙率矩阵（{first} 至 {last}，行：本月分段，列：下月分段；可编辑）",
                                "en": "Roll rates ({first} to {last}; rows: bucket this month, columns: next month; editable)"},
    "trend.projection.edit_help": {"zh": "修改任一单元格后，该行其余单元格按比例调整使合计为 100%。",
                                   "en": "After you edit a cell, the rest of its row is rescaled so the row sums to 100%."},
    "trend.projection.reset": {"zh": "恢复实际迁徙率", "en": "Reset to actual rates"},
    "trend.projection.bad_matrix": {"zh": "迁徙率须在 0% 到 100% 之间；已改用实际迁徙率。",
                                    "en": "Roll rates must lie between 0% and 100%; using the actual rates instead."},
    "trend.projection.edited": {"zh": "当前推演使用的是修改后的迁徙率，每行其余单元格已按比例调整使合计为 100%，见下表。",
                                "en": "The projection uses your edited roll rates, each row's other cells rescaled so it sums to 100%: the table below."},
    "trend.projection.used": {"zh": "推演使用的迁徙率（修改后，每行合计 100%）", "en": "Roll rates the projection uses (edited, each row summing to 100%)"},
    "trend.projection.defs": {"zh": "迁徙率窗口：{first}–{last}（{n} 个月）；{mode}",
                              "en": "roll-rate window: {first}–{last} ({n} months); {mode}"},
    "trend.projection.mode_replenish": {"zh": "保持规模", "en": "book kept at size"},
    "trend.projection.mode_runoff": {"zh": "存量缩减", "en": "run-off"},
    "trend.projection.chart_title": {"zh": "未来 {n} 个月逾期各分段余额（迁徙率推演，不含正常）",
                                     "en": "Overdue bucket balances over the next {n} months (roll-rate projection, Current left out)"},
    "trend.projection.sentence": {
        "zh": "按此迁徙率，{rate}将由 {start} 变为 {month} 的 {end}；期间累计结清/退出 {exits} {unit}。",
        "en": "At these roll rates the {rate} moves from {start} to {end} by {month}; {exits} {unit} leave the book meanwhile.",
    },
    "trend.loss.heading": {"zh": "迁徙率损失预测（基于 {month} 余额）", "en": "Roll-rate loss forecast (balances at {month})"},
    "trend.loss.charge_off": {"zh": "核销分段", "en": "Charge-off bucket"},
    "trend.loss.charge_off_help": {"zh": "余额到达此分段即视为损失。", "en": "Balance reaching this bucket counts as lost."},
    "trend.loss.help": {
        "zh": "损失因子 = 从该分段逐段迁徙到核销分段的迁徙率连乘；预计损失 = 损失因子 × 当前余额（监管常用的迁徙率法）。",
        "en": "Loss factor = product of the roll-forward rates from the bucket down to charge-off; expected loss = factor × today's "
              "balance (the regulators' roll-rate method).",
    },
    # segments
    "trend.segments.heading": {"zh": "主要细分的预测", "en": "Forecasts for the largest segments"},
    "trend.segments.none": {"zh": "数据中没有细分列（如产品、地区）。在上传页映射后即可按细分预测。",
                            "en": "The data has no segment columns (product, region, ...). Map them on the upload page to forecast by segment."},
    "trend.segments.by": {"zh": "按哪个维度", "en": "Segments of"},
    "trend.segments.n": {"zh": "显示前几个（按最新余额）", "en": "How many (largest balance first)"},
    "trend.segments.on_request": {"zh": "每个细分单独回测并预测（约 0.5 秒一个），点击后为前 {n} 个细分计算，之后切换指标时保持开启。", "en": "Each segment gets its own backtest and forecast (about 0.5 s each): click to run them for the top {n}; they then stay on while you change the metric."},
    "trend.segments.run": {"zh": "预测前 {n} 个细分", "en": "Forecast the top {n} segments"},
    "trend.segments.working": {"zh": "正在为 {n} 个细分回测并预测…", "en": "Backtesting and forecasting {n} segments…"},
    "trend.segments.chart_title": {"zh": "{metric}：按{by}的前 {n} 个细分", "en": "{metric}: top {n} segments by {by}"},
    # vintage completion
    "trend.vintage.heading": {"zh": "账龄批次补全（链梯法）", "en": "Vintage completion (chain ladder)"},
    "trend.vintage.need_dates": {
        "zh": "此视图需要放款日期：请在“上传数据”页把文件中的放款日期列对应到“放款日期”字段。",
        "en": "This view needs origination dates: on the Upload page, map the loan start date column to the field “Origination date”.",
    },
    "trend.vintage.intro": {
        "zh": "年轻批次只观察到前几个账龄月。用成熟批次的逐月发展因子（余额加权的链接比率）把它们外推到最老批次的账龄，扇形表示 80% 区间；"
              "并用“若在几个月前做这个外推会怎样”检验准确度。",
        "en": "Young cohorts have only their first months on book. Development factors (volume-weighted link ratios) from older "
              "cohorts complete them to the oldest cohort's age; the fan is the 80% range. The backtest asks how this would have done "
              "had we run it some months ago.",
    },
    "trend.vintage.cohort": {"zh": "批次粒度", "en": "Cohorts by"},
    "trend.vintage.cohort.month": {"zh": "放款月", "en": "Month"},
    "trend.vintage.cohort.quarter": {"zh": "放款季度", "en": "Quarter"},
    "trend.vintage.metric": {"zh": "指标", "en": "Metric"},
    "trend.vintage.metric.ever30": {"zh": "累计曾逾期30天以上比例", "en": "Ever 30+ DPD (cumulative)"},
    "trend.vintage.metric.dpd30": {"zh": "当期30天以上逾期率", "en": "DPD30+ at each MOB"},
    "trend.vintage.lookback": {"zh": "回测：退回几个月", "en": "Backtest: months back"},
    "trend.vintage.lookback_help": {"zh": "把三角形截到几个月前的对角线，只用当时的数据外推，再与现在的实际比较。",
                                    "en": "Cut the triangle as it stood this many months ago, complete it from that alone, compare with today."},
    "trend.vintage.on_request": {"zh": "本账簿有 {rows} 个账户月：账龄立方体要再扫描每一行，补全与回测需要一两秒，因此按需计算。", "en": "This book has {rows} account-months: the vintage cube reads every row once more and the completion and its backtest take a second or two, so they run when you ask."},
    "trend.vintage.run": {"zh": "计算账龄补全", "en": "Complete the young vintages"},
    "trend.vintage.working": {"zh": "正在计算账龄三角形…", "en": "Building the vintage triangle…"},
    "trend.vintage.defs": {"zh": "指标：{metric}", "en": "metric: {metric}"},
    "trend.vintage.chart_title": {"zh": "各批次曲线及外推至账龄 {mob} 个月（虚线为外推）",
                                  "en": "Cohort curves completed to {mob} months on book (dashed: projected)"},
    "trend.vintage.backtest": {
        "zh": "回测：{n} 个批次，退回 {lookback} 个月外推，平均绝对误差 {mae}，实际值落在 80% 区间内的比例 {cover}。",
        "en": "Backtest: {n} cohorts completed from {lookback} months ago; mean absolute error {mae}; {cover} landed inside the 80% range.",
    },
    "trend.vintage.no_backtest": {"zh": "数据跨度不足，无法回测。", "en": "Not enough history to backtest."},
    "trend.vintage.factors": {"zh": "查看发展因子", "en": "Show the development factors"},
    "trend.vintage.backtest_table": {"zh": "查看回测明细", "en": "Show the backtest by cohort"},
}
