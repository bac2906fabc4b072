"""Text of the overview page (总览)."""

MESSAGES = {
    "overview.title": {"zh": "总览", "en": "Overview"},
    "overview.no_data": {"zh": "还没有数据。请先上传组合文件，或稍候示例数据载入。", "en": "No data yet. Upload a portfolio file, or wait for the sample to load."},
    "overview.go_upload": {"zh": "去上传数据", "en": "Upload data"},
    "overview.month": {"zh": "数据月份", "en": "Month"},
    "overview.month_help": {"zh": "本页所有数字、变化和结论都针对所选月份，与上一个月比较。", "en": "Every figure, change and finding on this page is for this month, compared with the month before."},
    "overview.computing": {"zh": "正在计算本月指标、预测和预警…", "en": "Computing this month's figures, forecast and warnings…"},
    "overview.forecast_pending_help": {
        "zh": "正在拟合 DPD30+ 逾期率预测（约 1 秒）。完成后，若它属于本月最重要的 {n} 条要点，会自动加入上面的列表；否则可在“逾期趋势预测”页查看。",
        "en": "Fitting the DPD30+ rate forecast (about a second). When it is done it joins the list above if it is "
              "among the month's {n} key findings; otherwise it is on the Trend & forecast page.",
    },
    "overview.no_previous": {"zh": "数据中没有上一个月，因此不显示环比变化。", "en": "The data has no previous month, so month-on-month changes are not shown."},
    "overview.compared": {"zh": "箭头为与 {previous} 相比的环比变化；比率的变化以个百分点计。", "en": "Arrows show the change from {previous}; rate changes are in percentage points."},
    "overview.findings": {"zh": "本月要点", "en": "Key findings this month"},
    "overview.no_findings": {"zh": "本月数据不足以得出结论（例如只有一个月）。", "en": "Not enough data for findings this month (e.g. a single month)."},
    "overview.explain": {"zh": "查看{page}", "en": "See {page}"},
    "overview.trend": {"zh": "逾期率走势", "en": "Delinquency rate trend"},
    "overview.to_report": {"zh": "生成会议汇报材料", "en": "Build the meeting report"},
    "overview.file_rates": {"zh": "逾期率走势_{month}", "en": "delinquency_rates_{month}"},
    "overview.file_headline": {"zh": "核心指标_{month}", "en": "headline_figures_{month}"},
    "overview.help.accounts": {"zh": "当月在册账户数（每户每月一行）。", "en": "Accounts on the book this month (one row per account and month)."},
    "overview.help.balance": {"zh": "当月全部账户的贷款余额合计。", "en": "Total outstanding balance this month."},
    "overview.help.overdue_balance": {"zh": "逾期1天以上账户的余额合计（整户余额，不只是逾期金额）。", "en": "Balance of the accounts 1+ days past due (the whole balance, not just the past-due amount)."},
    "overview.help.dpd30_rate": {"zh": "逾期30天以上的占比（按侧边栏所选口径：余额或户数）。", "en": "Share of the book more than 30 days past due (by balance or count, as chosen in the sidebar)."},
    "overview.help.dpd90_rate": {"zh": "逾期90天以上的占比（按所选口径）。", "en": "Share of the book more than 90 days past due (by the chosen measure)."},
    "overview.help.entry_rate": {"zh": "入催率：上月正常的账户中，本月逾期1天以上的占比（按所选口径；已结清账户计入分母）。", "en": "Entry rate: of the book current last month, the share 1+ days past due this month (by the chosen measure; accounts that left stay in the base)."},
    "overview.help.warned_accounts": {"zh": "按预警页默认阈值和规则，本月触发红/橙/黄任一预警的账户数。", "en": "Accounts on any warning level (red/orange/yellow) this month under the warning page's default thresholds and rule."},
}

MESSAGES.update({
    "overview.dataset_other_month": {"zh": "数据集需要逐户明细的要点（预警、原因、拨备）只针对 {rows_month}：若要查看 {month} 的这些要点，请把侧边栏的月份范围截止到 {month}。",
                                     "en": "On a dataset, the findings that need one row per account (warnings, causes, provisions) are for {rows_month} only: to see them for {month}, end the sidebar's month range at {month}."},
    "overview.problem": {"zh": "“{page}”相关的要点暂未给出：该分析在这份数据上无法运行（{error}）。请打开该页面查看详情。",
                         "en": "Findings from {page} are left out: that analysis could not run on this data ({error}). Open the page for details."},
    "overview.run_provisions": {"zh": "计算本月拨备与不良指标（{rows} 行，约需数秒）",
                                "en": "Compute the month's allowance, NPL ratio and coverage ({rows} rows, a few seconds)"},
    "overview.computing_provisions": {"zh": "正在计算本月拨备与不良指标…", "en": "Computing the month's provisions…"},
})
