"""Recall of header recognition on a seventh list of real-world column names (a regression guard).

Written blind after the fifth and sixth lists had been studied, in four even groups: core-banking
exports (English and Chinese), agency loan-level and securitisation tapes (Fannie Mae, Freddie
Mac, Ginnie Mae, Reg AB II, ESMA/ECB, Chinese 信贷ABS 资产池 tapes), public lending data
(LendingClub, Prosper, Home Credit, Bondora, Kiva, 拍拍贷, 人人贷, Funding Circle, Zopa, UCI Taiwan,
German credit) and Chinese bank and regulatory reports (不良/逾期贷款明细, 五级分类明细, 普惠小微,
票据贴现, 贸易融资). Measured before any change prompted by it: 88.4 % with the recogniser as the
session found it, 90.4 % after the fifth and sixth lists' words (unseen); after its half A was
studied its half B read 91.7 %, unchanged; 96.0 % once both halves were studied.

Left out, as calls the header alone cannot settle or that contradict a decision documented
elsewhere: Bondora's ``DebtOccuredOn`` and Prosper's ``AmountDelinquent`` (see the fifth list),
the German credit data's ``Telephone`` (a yes/no flag: its values say so), enterprise
registration numbers (统一社会信用代码, 组织机构代码: masked as the borrower's identity number),
Fannie Mae's co-borrower score (kept apart from the borrower's), an ABS pool's 回收金额 and P2P
已还本金 (collections and principal repaid, of the period or to date), LendingClub's note-trading
``Loan Class`` (its letters say it is a grade), 违约日期 (the day of default, read as the first
unpaid day), the UCI columns ``PAY_0``/``PAY_AMT1`` (read by the wide layout, not one by one),
Home Credit's ``AMT_PAYMENT_CURRENT`` and ``BUSINESS_DATE`` (offered only, as 业务日期 is).
"""
from __future__ import annotations

from analysis.ingest.recognise import CONFIDENT, header_field

CASES = [
    ('Account Number', 'account_id'), ('ACCT_NO', 'account_id'), ('CARD_NBR', 'account_id'),
    ('FORACID', 'account_id'), ('AS_OF_DATE', 'snapshot_date'), ('Report Date', 'snapshot_date'),
    ('DPD', 'days_past_due'), ('Days Past Due', 'days_past_due'), ('Max DPD (12M)', None),
    ('Oldest Unpaid Due Date', 'due_date'), ('NEXT_PMT_DUE_DT', None), ('MATURITY_DT', None),
    ('Delinquency Bucket', 'status_label'), ('CYCLE_DUE', 'status_label'), ('Loan Status', 'status_label'),
    ('Outstanding Principal', 'balance'), ('CURR_BAL', 'balance'), ('PRIN_BAL', 'balance'),
    ('Credit Limit', 'credit_limit'), ('Sanctioned Amount', 'credit_limit'), ('Past Due Amount', 'overdue_amount'),
    ('AMT_PAST_DUE', 'overdue_amount'), ('Minimum Payment Due', 'due_amount'), ('Installment Amount', 'due_amount'),
    ('PMT_CTD', 'paid_amount'), ('Payment Received (Current Cycle)', 'paid_amount'), ('Last Payment Amount', None),
    ('Last Payment Date', None), ('SCHM_CODE', 'product'), ('SOL_ID', 'branch'),
    ('Region', 'region'), ('Collector ID', 'owner'), ('Assigned Agent', 'owner'),
    ('Relationship Manager', 'owner'), ('Disbursement Date', 'origination_date'), ('Behaviour Score', 'score'),
    ('Interest Rate (%)', 'interest_rate'), ('APR', 'interest_rate'), ('Customer Name', 'customer_name'),
    ('Mobile No', 'phone'), ('National ID', 'id_number'), ('SSN', 'id_number'),
    ('Delinquency Reason Code', 'overdue_reason'), ('Sales Channel', 'channel'), ('Accrued Interest', None),
    ('Provision Amount', None), ('IFRS9 Stage', None), ('OPEN_TO_BUY', None),
    ('Charge-off Flag', None), ('BLOCK_CODE', None), ('PTP Date', None),
    ('Penalty Interest', None), ('Write-off Amount', None), ('EIN', None),
    ('借据号', 'account_id'), ('贷款账号', 'account_id'), ('合同编号', 'account_id'),
    ('数据日期', 'snapshot_date'), ('DATA_DT', 'snapshot_date'), ('逾期天数', 'days_past_due'),
    ('最长逾期天数', None), ('逾期起始日期', 'due_date'), ('应还款日', 'due_date'),
    ('到期还款日', 'due_date'), ('到期日', None), ('下次还款日', None),
    ('逾期状态', 'status_label'), ('账龄', 'status_label'), ('当前逾期期数', 'status_label'),
    ('五级分类', 'loan_class'), ('本金余额', 'balance'), ('授信额度', 'credit_limit'),
    ('发放金额', 'credit_limit'), ('逾期金额', 'overdue_amount'), ('逾期本金', 'overdue_amount'),
    ('逾期利息', None), ('本期应还金额', 'due_amount'), ('最低还款额', 'due_amount'),
    ('本期实还金额', 'paid_amount'), ('累计还款金额', None), ('产品名称', 'product'),
    ('客户经理', 'owner'), ('催收员', 'owner'), ('发放日期', 'origination_date'),
    ('执行利率(%)', 'interest_rate'), ('客户名称', 'customer_name'), ('手机号码', 'phone'),
    ('证件号码', 'id_number'), ('逾期原因', 'overdue_reason'), ('行业投向', 'industry'),
    ('行为评分', 'score'), ('可用额度', None), ('已用额度', None),
    ('账单日', None), ('累计逾期次数', None), ('承诺还款日期', None),
    ('表内欠息', None), ('核销标志', None), ('贷款期限(月)', None),
    ('Loan Identifier', 'account_id'), ('Monthly Reporting Period', 'snapshot_date'), ('Channel', 'channel'),
    ('Current Interest Rate', 'interest_rate'), ('Original UPB', 'credit_limit'), ('Current Actual UPB', 'balance'),
    ('Origination Date', 'origination_date'), ('Loan Age', None), ('Maturity Date', None),
    ('Original Loan to Value Ratio (LTV)', None), ('Debt-To-Income (DTI)', None), ('Borrower Credit Score at Origination', 'score'),
    ('First Time Home Buyer Indicator', None), ('Loan Purpose', None), ('Property Type', None),
    ('Property State', 'region'), ('Current Loan Delinquency Status', 'status_label'), ('Modification Flag', None),
    ('Zero Balance Code', None), ('Net Sales Proceeds', None), ('id_loan', 'account_id'),
    ('LOAN SEQUENCE NUMBER', 'account_id'), ('svcg_cycle', 'snapshot_date'), ('current_upb', 'balance'),
    ('delq_sts', 'status_label'), ('current_int_rt', 'interest_rate'), ('orig_upb', 'credit_limit'),
    ('fico', 'score'), ('cltv', None), ('cd_zero_bal', None),
    ('repch_flag', None), ('Disclosure Sequence Number', 'account_id'), ('As of Date', 'snapshot_date'),
    ('Unpaid Principal Balance', 'balance'), ('Loan Interest Rate', 'interest_rate'), ('Months Delinquent', 'status_label'),
    ('Loan Origination Date', 'origination_date'), ('Pool ID', None), ('State', 'region'),
    ('assetNumber', 'account_id'), ('reportingPeriodEndingDate', 'snapshot_date'), ('originationDate', 'origination_date'),
    ('originalLoanAmount', 'credit_limit'), ('loanMaturityDate', None), ('obligorCreditScore', 'score'),
    ('obligorGeographicLocation', 'region'), ('reportingPeriodBeginningLoanBalanceAmount', None), ('reportingPeriodActualEndBalanceAmount', 'balance'),
    ('reportingPeriodScheduledPaymentAmount', 'due_amount'), ('totalActualAmountPaid', 'paid_amount'), ('actualInterestCollectedAmount', None),
    ('reportingPeriodInterestRatePercentage', 'interest_rate'), ('chargedoffPrincipalAmount', None), ('interestPaidThroughDate', None),
    ('Original Underlying Exposure Identifier', 'account_id'), ('New Underlying Exposure Identifier', 'account_id'), ('Data Cut-Off Date', 'snapshot_date'),
    ('Geographic Region - Obligor', 'region'), ('Original Principal Balance', 'credit_limit'), ('Current Principal Balance', 'balance'),
    ('Number Of Days In Arrears', 'days_past_due'), ('Arrears Balance', 'overdue_amount'), ('Account Status', 'status_label'),
    ('Default Amount', None), ('Cumulative Recoveries', None), ('Current Loan-To-Value', None),
    ('Date Last In Arrears', None), ('AR1 Pool Cut-off Date', 'snapshot_date'), ('AR3 Loan Identifier', 'account_id'),
    ('Number Months in Arrears', 'status_label'), ('资产编号', 'account_id'), ('借款合同编号', 'account_id'),
    ('封包日', 'snapshot_date'), ('初始起算日', 'snapshot_date'), ('封包日未偿本金余额（元）', 'balance'),
    ('入池贷款余额（万元）', 'balance'), ('合同金额（元）', 'credit_limit'), ('贷款发放日', 'origination_date'),
    ('贷款到期日', None), ('剩余期限（月）', None), ('已还期数', None),
    ('借款人所在省份', 'region'), ('借款人行业', 'industry'), ('当前逾期天数', 'days_past_due'),
    ('贷款五级分类', 'loan_class'), ('贷款利率（%）', 'interest_rate'), ('逾期本金（元）', 'overdue_amount'),
    ('借款人证件号码', 'id_number'), ('信用评分', 'score'), ('抵押物评估价值（元）', None),
    ('初始抵押率（%）', None), ('借款人年收入（万元）', None), ('历史累计逾期次数', None),
    ('id', 'account_id'), ('loan_amnt', 'credit_limit'), ('term', None),
    ('int_rate', 'interest_rate'), ('installment', 'due_amount'), ('grade', None),
    ('annual_inc', None), ('issue_d', 'origination_date'), ('loan_status', 'status_label'),
    ('addr_state', 'region'), ('dti', None), ('delinq_2yrs', None),
    ('fico_range_low', 'score'), ('revol_bal', None), ('out_prncp', 'balance'),
    ('total_pymnt', None), ('recoveries', None), ('last_pymnt_amnt', None),
    ('next_pymnt_d', None), ('acc_now_delinq', None), ('OutstandingPrincipal', 'balance'),
    ('ListingKey', 'account_id'), ('LoanStatus', 'status_label'), ('BorrowerRate', 'interest_rate'),
    ('ProsperScore', 'score'), ('LoanCurrentDaysDelinquent', 'days_past_due'), ('LoanOriginalAmount', 'credit_limit'),
    ('LoanOriginationDate', 'origination_date'), ('MonthlyLoanPayment', 'due_amount'), ('LP_CustomerPayments', None),
    ('SK_ID_CURR', 'account_id'), ('NAME_CONTRACT_TYPE', 'product'), ('AMT_CREDIT', 'credit_limit'),
    ('AMT_ANNUITY', 'due_amount'), ('AMT_INCOME_TOTAL', None), ('MONTHS_BALANCE', 'snapshot_date'),
    ('AMT_BALANCE', 'balance'), ('AMT_CREDIT_LIMIT_ACTUAL', 'credit_limit'), ('AMT_INST_MIN_REGULARITY', 'due_amount'),
    ('SK_DPD', 'days_past_due'), ('CREDIT_DAY_OVERDUE', 'days_past_due'), ('AMT_CREDIT_SUM_OVERDUE', 'overdue_amount'),
    ('AMT_CREDIT_MAX_OVERDUE', None), ('STATUS', 'status_label'), ('AMT_INSTALMENT', 'due_amount'),
    ('LoanId', 'account_id'), ('ReportAsOfEOD', 'snapshot_date'), ('ActiveLateCategory', 'status_label'),
    ('WorseLateCategory', None), ('CurrentDebtDaysPrimary', 'days_past_due'), ('PrincipalBalance', 'balance'),
    ('PrincipalOverdueBySchedule', 'overdue_amount'), ('ProbabilityOfDefault', None), ('sector', 'industry'),
    ('disbursed_time', 'origination_date'), ('BORROWER_NAMES', 'customer_name'), ('ListingId', 'account_id'),
    ('借款金额', 'credit_limit'), ('借款利率', 'interest_rate'), ('借款成功日期', 'origination_date'),
    ('借款类型', 'product'), ('历史逾期还款期数', None), ('还款状态', 'status_label'),
    ('recorddate', 'snapshot_date'), ('标当前状态', 'status_label'), ('标当前逾期天数', 'days_past_due'),
    ('信用分数', 'score'), ('loan_accepted_date', 'origination_date'), ('principal_remaining', 'balance'),
    ('Encrypted Loan ID', 'account_id'), ('Lending rate', 'interest_rate'), ('LIMIT_BAL', 'credit_limit'),
    ('PAY_2', None), ('BILL_AMT2', None), ('default.payment.next.month', None),
    ('SeriousDlqin2yrs', None), ('NumberOfTime30-59DaysPastDueNotWorse', None), ('Credit amount', 'credit_limit'),
    ('Installment rate in percentage of disposable income', None), ('Loan_ID', 'account_id'), ('UniqueID', 'account_id'),
    ('disbursed_amount', 'credit_limit'), ('branch_id', 'branch'), ('Employee_code_ID', 'owner'),
    ('PERFORM_CNS.SCORE', 'score'), ('MobileNo_Avl_Flag', None), ('PRI.OVERDUE.ACCTS', None),
    ('loan_int_rate', 'interest_rate'), ('Credit Score', 'score'), ('Months since last delinquent', None),
    ('报表日期', 'snapshot_date'), ('统计日期', 'snapshot_date'), ('报表月份', 'snapshot_date'),
    ('数据截止日期', 'snapshot_date'), ('报告期', 'snapshot_date'), ('机构名称', 'branch'),
    ('支行名称', 'branch'), ('所属分行', 'branch'), ('经营单位', 'branch'),
    ('地市', 'region'), ('所属区县', 'region'), ('借款人名称', 'customer_name'),
    ('企业名称', 'customer_name'), ('小微企业名称', 'customer_name'), ('借款人姓名', 'customer_name'),
    ('贴现申请人', 'customer_name'), ('借款人身份证号码', 'id_number'), ('客户证件号码', 'id_number'),
    ('证件类型', None), ('联系电话', 'phone'), ('借据编号', 'account_id'),
    ('贷款合同号', 'account_id'), ('票据号码', 'account_id'), ('融资编号', 'account_id'),
    ('贷款余额（万元）', 'balance'), ('借据余额（万元）', 'balance'), ('贷款剩余本金（元）', 'balance'),
    ('融资余额（折人民币）', 'balance'), ('贷款余额（元）', 'balance'), ('授信总额（万元）', 'credit_limit'),
    ('单户授信总额（万元）', 'credit_limit'), ('借据金额（万元）', 'credit_limit'), ('借款金额（元）', 'credit_limit'),
    ('融资金额（原币）', 'credit_limit'), ('五级分类结果', 'loan_class'), ('本期分类结果', 'loan_class'),
    ('风险分类', 'loan_class'), ('上期五级分类', None), ('上期分类结果', None),
    ('分类调整原因', None), ('内部评级', None), ('客户信用等级', None),
    ('逾期天数（天）', 'days_past_due'), ('本金逾期天数', 'days_past_due'), ('逾期开始日', 'due_date'),
    ('逾期本息合计', 'overdue_amount'), ('逾期本金（万元）', 'overdue_amount'), ('欠本金额', 'overdue_amount'),
    ('逾期利息（元）', None), ('罚息', None), ('欠息金额（万元）', None),
    ('逾期天数区间', 'status_label'), ('贷款状态', 'status_label'), ('形成不良原因', 'overdue_reason'),
    ('逾期原因分析', 'overdue_reason'), ('管户客户经理', 'owner'), ('清收责任人', 'owner'),
    ('信贷员', 'owner'), ('客户经理工号', 'owner'), ('责任客户经理', 'owner'),
    ('贷款种类', 'product'), ('贷款品种', 'product'), ('业务品种', 'product'),
    ('票据种类', 'product'), ('行业门类', 'industry'), ('所属行业', 'industry'),
    ('投向行业', 'industry'), ('国民经济行业分类', 'industry'), ('放款日期', 'origination_date'),
    ('贷款投放日期', 'origination_date'), ('贴现日', 'origination_date'), ('融资起始日', 'origination_date'),
    ('到期日期', None), ('票据到期日', None), ('融资到期日', None),
    ('执行年利率（%）', 'interest_rate'), ('贴现利率（%）', 'interest_rate'), ('融资利率', 'interest_rate'),
    ('年利率（%）', 'interest_rate'), ('月供金额（元）', 'due_amount'), ('本期应还本息', 'due_amount'),
    ('本期实还本息', 'paid_amount'), ('企业规模', None), ('是否首贷户', None),
    ('是否无还本续贷', None), ('房屋坐落', None), ('房屋总价（万元）', None),
    ('是否首套房', None), ('LPR加点（BP）', None), ('还款账号', None),
    ('主要担保方式', None), ('抵质押物', None), ('已计提减值准备', None),
    ('核销日期', None), ('承兑人', None), ('贴现利息', None),
    ('保证金比例', None), ('汇率', None), ('存款余额', None),
    ('法定代表人', None), ('贷款期限（年）', None),
]


def _confident(header: str) -> str | None:
    found = header_field(header)
    return found[0] if found is not None and found[1] >= CONFIDENT else None


def test_recall_on_the_seventh_list():
    named = [(h, e) for h, e in CASES if e is not None]
    missed = [(h, e, header_field(h)) for h, e in named if _confident(h) != e]
    recall = 1 - len(missed) / len(named)
    assert recall >= 0.97, (round(recall, 3), missed)


def test_no_wrong_mapping_on_the_seventh_list():
    wrong = [(h, e, _confident(h)) for h, e in CASES if _confident(h) not in (None, e)]
    assert not wrong, wrong
