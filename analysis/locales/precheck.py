"""What blocks loading a file (analysis.ingest.precheck): one line each, what is wrong and what to do."""

_FIELDS = {
    "account_id": ("账户号/客户编号", "account ID"),
    "snapshot_date": ("统计月份/数据日期", "snapshot month"),
    "days_past_due": ("逾期天数", "days past due"),
    "due_date": ("应还日期", "due date"),
    "status_label": ("逾期状态/账龄标签", "status / bucket label"),
    "loan_class": ("五级分类（银行自己的分类结果）", "bank's five-tier classification"),
    "balance": ("余额", "balance"),
    "credit_limit": ("授信额度", "credit limit"),
    "overdue_amount": ("逾期金额", "overdue amount"),
    "due_amount": ("应还金额", "amount due"),
    "paid_amount": ("实还金额", "amount paid"),
    "overdue_reason": ("逾期原因", "overdue reason"),
    "product": ("产品", "product"),
    "region": ("地区", "region"),
    "branch": ("分行/机构", "branch"),
    "industry": ("行业", "industry"),
    "channel": ("渠道", "channel"),
    "owner": ("客户经理/责任人", "account manager"),
    "origination_date": ("放款日期", "origination date"),
    "score": ("信用评分", "score"),
    "interest_rate": ("年利率", "interest rate"),
    "customer_name": ("客户名称", "customer name"),
    "phone": ("手机号", "phone"),
    "id_number": ("身份证号", "ID number"),
}

MESSAGES = {f"precheck.field.{k}": {"zh": zh, "en": en} for k, (zh, en) in _FIELDS.items()}
MESSAGES.update({
    "precheck.bad_option": {
        "zh": "设置“{option}”的值“{value}”无效：请在选项中重新选择。",
        "en": "The setting “{option}” has an invalid value “{value}”: choose it again in the options.",
    },
    "precheck.bad_snapshot_month": {
        "zh": "“快照月份”中的“{value}”不是月份：请写成 YYYY-MM（例如 2024-01）。",
        "en": "“{value}” in “Snapshot month” is not a month: write it as YYYY-MM (e.g. 2024-01).",
    },
    "precheck.bad_reference_month": {
        "zh": "“相对月份的基准月”中的“{value}”不是月份：请写成 YYYY-MM（例如 2024-01），或清空。",
        "en": "“{value}” in “Reference month for relative months” is not a month: write it as YYYY-MM (e.g. 2024-01), or clear it.",
    },
    "precheck.unknown_header": {
        "zh": "“{field}”对应的列“{header}”不在文件中：请在字段对应中重新选择。",
        "en": "The column “{header}” chosen for {field} is not in the file: choose it again in the mapping.",
    },
    "precheck.same_header": {
        "zh": "列“{header}”同时对应了 {fields}：一列只能对应一个字段，请为其中一个另选一列或选“—”。",
        "en": "The column “{header}” is chosen for {fields}: a column can stand for one field only; choose another column for one of them, or “—”.",
    },
    "precheck.wide_unknown_header": {
        "zh": "宽表布局中的列“{header}”不在文件中：请关闭宽表转换，或重新上传同一布局的文件。",
        "en": "The wide-layout column “{header}” is not in the file: turn the wide reshape off, or upload a file of the same layout.",
    },
    "precheck.wide_bad_month": {
        "zh": "宽表布局中列“{header}”的月份“{value}”不是月份：请在宽表表格中写成 YYYY-MM。",
        "en": "The month “{value}” given to the wide-layout column “{header}” is not a month: write it as YYYY-MM in the wide-layout table.",
    },
    "precheck.bucket_columns": {
        "zh": "这是按账龄分段列示金额的汇总表（{columns}），没有每户的逾期天数：请从系统导出每张发票/每笔借据的明细（到期日或逾期天数、未还金额）。",
        "en": "This is an aging summary with an amount per bucket in columns ({columns}), with no days past due per account: export the detail per invoice or loan (due date or days past due, amount outstanding) from your system.",
    },
    "precheck.no_header_found": {
        "zh": "没有找到表头：没有一个列名是已知的列名。表头可能在前 {rows} 行之后，上方有说明行或看似空白的行：请删除这些行后重新上传；如果只是列名不同，请在字段对应中为逾期天数、账户、月份和余额选择列。",
        "en": "No header found: not one column name is a known one. The header may be below the first {rows} rows, under notes or rows that look blank: delete those rows and upload again; if the names are simply unfamiliar, choose the days-past-due, account, month and balance columns in the mapping.",
    },
    "precheck.no_dpd": {
        "zh": "没有可得出逾期天数的列：请在字段对应中选择逾期天数列、应还日期列或逾期状态/账龄标签列（如 M1、1-30天）之一。",
        "en": "Nothing gives days past due: in the mapping choose a days-past-due column, a due-date column or a status / bucket label column (e.g. M1, 1-30 days).",
    },
    "precheck.header_rows_unjoined": {
        "zh": "没有读到可得出逾期天数的列：合并单元格显示第 {first}–{last} 行是一个多行表头，但未能合为每列一个列名，逾期天数可能就在其中。请把表头整理为一行（或不超过 4 行、逐层对齐的合并表头）后重新上传。",
        "en": "No column giving days past due was read: merged cells show a header over rows {first}–{last} that could not be joined into one name per column, and the days past due may be in it. Make the header one row (or merged levels of at most 4 rows that line up) and upload again.",
    },
    "precheck.no_account": {
        "zh": "没有账户编号列：请在字段对应中选择哪一列是账户号/客户编号（如 客户编号、借据号、loan_id）。",
        "en": "No account ID column: in the mapping choose which column identifies the account (e.g. 客户编号, contract no, loan_id).",
    },
    "precheck.no_month": {
        "zh": "没有统计月份：请在字段对应中选择日期/月份列；如果整个文件是同一个月的快照，请在选项“快照月份”中填写该月（YYYY-MM）。",
        "en": "No snapshot month: in the mapping choose the date / month column, or, if the whole file is one month's snapshot, type that month (YYYY-MM) in the option “Snapshot month”.",
    },
    "precheck.no_balance": {
        "zh": "没有余额列：请在字段对应中选择余额列；如果文件里没有余额，请在选项中勾选“文件无余额：每户按 1 计”。",
        "en": "There is no balance column: choose it in the mapping, or, if the file has no balances, tick “No balance in the file: count each account as 1” in the options.",
    },
    "precheck.need_reference_month": {
        "zh": "列“{column}”是相对月份（0 = 当月，-1 = 上月……）：请在选项“相对月份的基准月”中填写“0”对应的月份（YYYY-MM）。",
        "en": "The column “{column}” holds relative months (0 = this month, -1 = last month, …): type the month 0 stands for (YYYY-MM) in the option “Reference month for relative months”.",
    },
    "precheck.month_garbage": {
        "zh": "月份列“{column}”中没有一个值是日期（例如：{examples}）：请检查是否选错了列。",
        "en": "Not one value in the month column “{column}” is a date (e.g. {examples}): check that the right column is chosen.",
    },
    "precheck.month_empty": {
        "zh": "月份列“{column}”是空的：请选择有日期的列，或选“—”并在选项中填写快照月份。",
        "en": "The month column “{column}” is empty: choose a column with dates, or “—” and type the snapshot month in the options.",
    },
    "precheck.dpd_column_text": {
        "zh": "逾期天数列“{column}”里没有一个数字（例如：{examples}）：如果它是状态标签（如 M1、1-30天），请把它对应为“逾期状态/账龄标签”。",
        "en": "The days-past-due column “{column}” holds no number at all (e.g. {examples}): if it holds status labels (M1, 1-30 days, …), choose it as the status / bucket label instead.",
    },
    "precheck.amount_column_text": {
        "zh": "{field}列“{column}”里全是文字、没有数字（例如：{examples}）：请检查是否选错了列。",
        "en": "The {field} column “{column}” holds only text, no numbers (e.g. {examples}): check that the right column is chosen.",
    },
    "precheck.column_empty": {
        "zh": "{field}列“{column}”是空的，所有行都会被拒收：请选择有数据的列。",
        "en": "The {field} column “{column}” is empty, so every row would be rejected: choose a column that holds data.",
    },
    "precheck.due_date_garbage": {
        "zh": "应还日期列“{column}”中没有一个值是日期（例如：{examples}），这些行都会被拒收：请检查是否选错了列。",
        "en": "Not one value in the due-date column “{column}” is a date (e.g. {examples}), so those rows would be rejected: check that the right column is chosen.",
    },
    "precheck.no_status_code": {
        "zh": "状态列“{column}”的标签（例如：{examples}）在代码表中都没有逾期天数，所有行都会被拒收：请在代码表中为它们填写逾期天数。",
        "en": "None of the labels in the status column “{column}” (e.g. {examples}) has a DPD in the code table, so every row would be rejected: give them a DPD in the code table.",
    },
})
