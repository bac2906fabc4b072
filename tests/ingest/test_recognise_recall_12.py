"""Recall of header recognition on a twelfth list of real-world column names (a regression guard).

Written blind, last, after the fifth to eleventh lists had been studied, in the four groups the
issue names, about evenly: core-banking exports (Chinese and English loan, card and overdraft
ledgers, snapshots, collections queues; Finacle, T24, Flexcube), agency loan-level and
securitisation tapes (Fannie Mae, Freddie Mac, Ginnie Mae, Reg AB II, ESMA, ECB, UK RMBS, Chinese
ABS pools), public lending data (LendingClub, Prosper, Home Credit, Give Me Some Credit, UCI
Taiwan, German credit, Kiva, 拍拍贷, Bondora, SBA, 天池) and Chinese bank reports (不良, 逾期,
EAST, 授信, 普惠, 个贷, Taiwan and Hong Kong). Measured before any change prompted by it: 91.7 %
with the recogniser as the session found it, **96.8 %, 7 wrong** after the fifth to eleventh
lists' words (unseen); then a few of its words were added (97.8 %).

Left out, as calls the header alone cannot settle or that contradict a decision documented
elsewhere: 违约日期 (the day of default, read as the first unpaid day), P2P 已还本金 (repaid this
period or to date), 统一社会信用代码 (masked as the borrower's identity number), "OD Outstanding"
(an overdraft's balance or an overdue amount: OD is both), Reg AB II's
``currentDelinquencyStatus`` (its values say days), ``PAY_0`` (read by the wide layout), Home
Credit's ``AMT_PAYMENT``/``AMT_PAYMENT_CURRENT`` and Bondora's bare ``Interest``.
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    ('贷款账号', 'account_id'), ('借据号', 'account_id'), ('合同编号', 'account_id'),
    ('数据日期', 'snapshot_date'), ('客户名称', 'customer_name'), ('证件号码', 'id_number'),
    ('放款日期', 'origination_date'), ('到期日期', None), ('合同金额', 'credit_limit'),
    ('贷款余额', 'balance'), ('逾期本金', 'overdue_amount'), ('逾期利息', None),
    ('逾期天数', 'days_past_due'), ('本金逾期天数', 'days_past_due'), ('五级分类', 'loan_class'),
    ('执行利率(%)', 'interest_rate'), ('利率浮动比例', None), ('经办机构', 'branch'),
    ('管户客户经理', 'owner'), ('贷款品种', 'product'), ('担保方式', None),
    ('贷款用途', None), ('贷款投向行业', 'industry'), ('贷款期限(月)', None),
    ('最高逾期期数', None), ('当前逾期期数', 'status_label'), ('应还日期', 'due_date'),
    ('本期应还金额', 'due_amount'), ('本期实还金额', 'paid_amount'), ('减值准备', None),
    ('手机号码', 'phone'), ('卡号', 'account_id'), ('信用额度', 'credit_limit'),
    ('可用额度', None), ('账单日', None), ('到期还款日', 'due_date'),
    ('最低还款额', 'due_amount'), ('账龄', 'status_label'), ('当前余额', 'balance'),
    ('发卡渠道', 'channel'), ('持卡人姓名', 'customer_name'), ('逾期总金额', 'overdue_amount'),
    ('累计还款金额', None), ('Account Number', 'account_id'), ('As Of Date', 'snapshot_date'),
    ('Days Past Due', 'days_past_due'), ('DPD Bucket', 'status_label'), ('Outstanding Balance', 'balance'),
    ('Amount Past Due', 'overdue_amount'), ('Payment Due Date', 'due_date'), ('Next Due Date', None),
    ('Last Payment Amount', None), ('Loan Officer', 'owner'), ('Branch Code', 'branch'),
    ('Region', 'region'), ('Customer Name', 'customer_name'), ('National ID', 'id_number'),
    ('IFRS9 Stage', None), ('Risk Grade', None), ('Provision Amount', None),
    ('Interest Rate', 'interest_rate'), ('Open Date', 'origination_date'), ('Max DPD', None),
    ('Oldest Unpaid Due Date', 'due_date'), ('Total Arrears', 'overdue_amount'), ('Minimum Payment Due', 'due_amount'),
    ('Amount Paid This Cycle', 'paid_amount'), ('Assigned Collector', 'owner'), ('Promise To Pay Date', None),
    ('Reason for Delinquency', 'overdue_reason'), ('Delinq Reason Code', 'overdue_reason'), ('Mobile No', 'phone'),
    ('Behaviour Score', 'score'), ('Times 30 DPD Last 12M', None), ('FORACID', 'account_id'),
    ('SOL_ID', 'branch'), ('SCHM_CODE', 'product'), ('SANCT_LIM', 'credit_limit'),
    ('ACCT_OPN_DATE', 'origination_date'), ('DPD', 'days_past_due'), ('ASSET_CLASSIFICATION', 'loan_class'),
    ('ARRANGEMENT.ID', 'account_id'), ('OVERDUE.STATUS', 'status_label'), ('TOTAL.OVERDUE.AMT', 'overdue_amount'),
    ('AMOUNT_FINANCED', 'credit_limit'), ('OD Limit', 'credit_limit'), ('DaysDelinquent', 'days_past_due'),
    ('DelinquencyStatus', 'status_label'), ('PastDueAmount', 'overdue_amount'), ('ScheduledPaymentAmount', 'due_amount'),
    ('AmountPaidCurrentPeriod', 'paid_amount'), ('CollectorName', 'owner'), ('AcquisitionChannel', 'channel'),
    ('SSN', 'id_number'), ('LOAN_ID', 'account_id'), ('ACT_PERIOD', 'snapshot_date'),
    ('Monthly Reporting Period', 'snapshot_date'), ('Current Actual UPB', 'balance'), ('Current Loan Delinquency Status', 'status_label'),
    ('DLQ_STATUS', 'status_label'), ('Original UPB', 'credit_limit'), ('ORIG_UPB', 'credit_limit'),
    ('Original Interest Rate', 'interest_rate'), ('Current Interest Rate', 'interest_rate'), ('ORIG_DATE', 'origination_date'),
    ('First Payment Date', None), ('MATR_DT', None), ('Borrower Credit Score at Origination', 'score'),
    ('CSCORE_B', 'score'), ('OLTV', None), ('Debt-To-Income (DTI)', None),
    ('Channel', 'channel'), ('Property State', 'region'), ('Zero Balance Code', None),
    ('Loan Age', None), ('Remaining Months to Legal Maturity', None), ('Modification Flag', None),
    ('Delinquent Accrued Interest', None), ('LOAN SEQUENCE NUMBER', 'account_id'), ('CREDIT SCORE', 'score'),
    ('ESTIMATED_LTV', None), ('DELINQUENCY_DUE_TO_DISASTER', None), ('CURRENT_DEFERRED_UPB', None),
    ('Months Delinquent', 'status_label'), ('Loan Interest Rate', 'interest_rate'), ('Unpaid Principal Balance', 'balance'),
    ('As-of Date', 'snapshot_date'), ('Loan Origination Date', 'origination_date'), ('assetNumber', 'account_id'),
    ('reportingPeriodEndingDate', 'snapshot_date'), ('reportingPeriodBeginningDate', None), ('originalLoanAmount', 'credit_limit'),
    ('originationDate', 'origination_date'), ('originalInterestRatePercentage', 'interest_rate'), ('reportingPeriodInterestRatePercentage', 'interest_rate'),
    ('obligorCreditScore', 'score'), ('reportingPeriodActualEndBalanceAmount', 'balance'), ('reportingPeriodBeginningLoanBalanceAmount', None),
    ('reportingPeriodScheduledPaymentAmount', 'due_amount'), ('totalActualAmountPaid', 'paid_amount'), ('actualInterestCollectedAmount', None),
    ('chargedoffPrincipalAmount', None), ('obligorGeographicLocation', 'region'), ('loanMaturityDate', None),
    ('Data Cut-Off Date', 'snapshot_date'), ('Original Underlying Exposure Identifier', 'account_id'), ('Current Principal Balance', 'balance'),
    ('Original Principal Balance', 'credit_limit'), ('Origination Channel', 'channel'), ('Geographic Region - Obligor', 'region'),
    ('Number Of Days In Arrears', 'days_past_due'), ('Arrears Balance', 'overdue_amount'), ('Account Status', 'status_label'),
    ('Default Date', None), ('Cumulative Recoveries', None), ('Date Last In Arrears', None),
    ('Pool Cut-off Date', 'snapshot_date'), ('Loan Identifier', 'account_id'), ('Number Months in Arrears', 'status_label'),
    ('Months in Arrears', 'status_label'), ('Arrears Bucket', 'status_label'), ('Current Balance (GBP)', 'balance'),
    ('Arrears Amount (GBP)', 'overdue_amount'), ('Contract Number', 'account_id'), ('Days in Arrears', 'days_past_due'),
    ('Outstanding Principal (EUR)', 'balance'), ('Financed Amount', 'credit_limit'), ('Balloon Amount', None),
    ('Instalment Due', 'due_amount'), ('Instalment Paid', 'paid_amount'), ('资产编号', 'account_id'),
    ('借款合同编号', 'account_id'), ('数据截止日', 'snapshot_date'), ('未偿本金余额(元)', 'balance'),
    ('初始本金', 'credit_limit'), ('贷款年利率(%)', 'interest_rate'), ('当前逾期天数', 'days_past_due'),
    ('资产状态', 'status_label'), ('借款人所在省份', 'region'), ('借款人年龄', None),
    ('借款人年收入(万元)', None), ('借款人信用评分', 'score'), ('放款日', 'origination_date'),
    ('剩余期限(月)', None), ('抵押物评估价值', None), ('初始抵押率', None),
    ('累计回收金额', None), ('本期应还本息', 'due_amount'), ('本期实收本息', 'paid_amount'),
    ('贷款五级分类', 'loan_class'), ('借款人行业', 'industry'), ('逾期本息(元)', 'overdue_amount'),
    ('id', 'account_id'), ('loan_amnt', 'credit_limit'), ('term', None),
    ('int_rate', 'interest_rate'), ('installment', 'due_amount'), ('grade', None),
    ('sub_grade', None), ('annual_inc', None), ('issue_d', 'origination_date'),
    ('loan_status', 'status_label'), ('purpose', None), ('addr_state', 'region'),
    ('dti', None), ('delinq_2yrs', None), ('mths_since_last_delinq', None),
    ('out_prncp', 'balance'), ('total_pymnt', None), ('last_pymnt_d', None),
    ('last_pymnt_amnt', None), ('next_pymnt_d', None), ('acc_now_delinq', None),
    ('ListingKey', 'account_id'), ('LoanNumber', 'account_id'), ('LoanStatus', 'status_label'),
    ('BorrowerRate', 'interest_rate'), ('BorrowerState', 'region'), ('ProsperScore', 'score'),
    ('LoanCurrentDaysDelinquent', 'days_past_due'), ('LoanOriginalAmount', 'credit_limit'), ('LoanFirstDefaultedCycleNumber', None),
    ('LP_CustomerPayments', None), ('ProsperRating (Alpha)', None), ('SK_ID_CURR', 'account_id'),
    ('NAME_CONTRACT_TYPE', 'product'), ('AMT_INCOME_TOTAL', None), ('AMT_CREDIT', 'credit_limit'),
    ('TARGET', None), ('CREDIT_DAY_OVERDUE', 'days_past_due'), ('AMT_CREDIT_MAX_OVERDUE', None),
    ('AMT_CREDIT_SUM_OVERDUE', 'overdue_amount'), ('AMT_CREDIT_SUM_DEBT', 'balance'), ('AMT_INSTALMENT', 'due_amount'),
    ('MONTHS_BALANCE', 'snapshot_date'), ('SK_DPD', 'days_past_due'), ('AMT_BALANCE', 'balance'),
    ('AMT_CREDIT_LIMIT_ACTUAL', 'credit_limit'), ('AMT_INST_MIN_REGULARITY', 'due_amount'), ('SeriousDlqin2yrs', None),
    ('RevolvingUtilizationOfUnsecuredLines', None), ('NumberOfTime30-59DaysPastDueNotWorse', None), ('LIMIT_BAL', 'credit_limit'),
    ('PAY_2', None), ('default.payment.next.month', None), ('Credit amount', 'credit_limit'),
    ('Duration', None), ('loan_amount', 'credit_limit'), ('sector', 'industry'),
    ('ListingId', 'account_id'), ('借款金额', 'credit_limit'), ('借款利率', 'interest_rate'),
    ('借款成功日期', 'origination_date'), ('初始评级', None), ('借款类型', 'product'),
    ('历史逾期还款期数', None), ('还款状态', 'status_label'), ('应还本金', 'due_amount'),
    ('应还利息', None), ('recorddate', 'snapshot_date'), ('标当前逾期天数', 'days_past_due'),
    ('LoanDate', 'origination_date'), ('CurrentDebtDaysPrimary', 'days_past_due'), ('PrincipalOverdueBySchedule', 'overdue_amount'),
    ('InterestAndPenaltyBalance', None), ('NextPaymentDate', None), ('ProbabilityOfDefault', None),
    ('CreditScoreEeMini', 'score'), ('WorseLateCategory', None), ('ActiveLateCategory', 'status_label'),
    ('fico', 'score'), ('not.fully.paid', None), ('LoanNr_ChkDgt', 'account_id'),
    ('BorrName', 'customer_name'), ('NAICS', 'industry'), ('DisbursementDate', 'origination_date'),
    ('GrossApproval', 'credit_limit'), ('InitialInterestRate', 'interest_rate'), ('ChgOffPrinGr', None),
    ('issueDate', 'origination_date'), ('regionCode', 'region'), ('isDefault', None),
    ('UniqueID', 'account_id'), ('disbursed_amount', 'credit_limit'), ('branch_id', 'branch'),
    ('PERFORM_CNS.SCORE', 'score'), ('DELINQUENT.ACCTS.IN.LAST.SIX.MONTHS', None), ('统计日期', 'snapshot_date'),
    ('报表月份', 'snapshot_date'), ('支行名称', 'branch'), ('所属分行', 'branch'),
    ('所属地市', 'region'), ('借款人名称', 'customer_name'), ('企业名称', 'customer_name'),
    ('五级分类结果', 'loan_class'), ('风险分类', 'loan_class'), ('本期五级分类', 'loan_class'),
    ('上期五级分类', None), ('贷款余额(万元)', 'balance'), ('逾期本息合计', 'overdue_amount'),
    ('欠息金额', None), ('形成不良原因', 'overdue_reason'), ('不良成因', 'overdue_reason'),
    ('行业门类', 'industry'), ('国标行业分类', 'industry'), ('企业规模', None),
    ('担保类型', None), ('贷款损失准备', None), ('核销金额', None),
    ('清收责任人', 'owner'), ('逾期金额', 'overdue_amount'), ('欠本金额', 'overdue_amount'),
    ('逾期天数(天)', 'days_past_due'), ('欠款天数', 'days_past_due'), ('最长逾期天数', None),
    ('累计逾期次数', None), ('逾期状态', 'status_label'), ('逾期阶段', 'status_label'),
    ('逾期区间', 'status_label'), ('逾期原因', 'overdue_reason'), ('逾期原因分析', 'overdue_reason'),
    ('逾期起始日', 'due_date'), ('应还款日期', 'due_date'), ('客户经理姓名', 'owner'),
    ('联系方式', 'phone'), ('借款人姓名', 'customer_name'), ('身份证号码', 'id_number'),
    ('采集日期', 'snapshot_date'), ('信贷借据号', 'account_id'), ('借据金额', 'credit_limit'),
    ('借据余额', 'balance'), ('五级形态', 'loan_class'), ('实际利率', 'interest_rate'),
    ('贷款状态', 'status_label'), ('授信额度(万元)', 'credit_limit'), ('批复金额', 'credit_limit'),
    ('已用额度', None), ('剩余可用额度', None), ('授信到期日', None),
    ('普惠型小微企业贷款标识', None), ('重组标志', None), ('内部评级', None),
    ('客户信用等级', None), ('年利率(%)', 'interest_rate'), ('贷款发放日', 'origination_date'),
    ('信用卡卡号', 'account_id'), ('逾期账龄', 'status_label'), ('透支余额', 'balance'),
    ('当期应还', 'due_amount'), ('当期还款金额', 'paid_amount'), ('业务品种', 'product'),
    ('进件渠道', 'channel'), ('行为评分', 'score'), ('催收员', 'owner'),
    ('手机号', 'phone'), ('借款人证件号码', 'id_number'), ('帳號', 'account_id'),
    ('放款帳號', 'account_id'), ('資料日期', 'snapshot_date'), ('逾期天數', 'days_past_due'),
    ('授信額度', 'credit_limit'), ('貸款餘額', 'balance'), ('逾期金額', 'overdue_amount'),
    ('客戶姓名', 'customer_name'), ('身分證字號', 'id_number'), ('統一編號', None),
    ('撥貸日', 'origination_date'), ('分行別', 'branch'), ('應繳日', 'due_date'),
    ('本期應繳金額', 'due_amount'), ('本期已繳金額', 'paid_amount'), ('繳款截止日', 'due_date'),
    ('帳齡', 'status_label'), ('延滯期數', 'status_label'), ('行動電話', 'phone'),
    ('產品別', 'product'), ('通路別', 'channel'), ('行業別', 'industry'),
    ('地區別', 'region'), ('資產分類', 'loan_class'), ('轉銷呆帳金額', None),
    ('贷款到期日', None), ('下次还款日', None), ('上次还款金额', None),
    ('罚息', None), ('历史最大逾期天数', None), ('Accrued Interest', None),
    ('Days Since Last Payment', None), ('Available Limit', None), ('Tenor (Months)', None),
    ('账单周期', None), ('表内外欠息合计', None), ('保证人名称', None),
    ('拨备金额', None), ('序号', None), ('备注', None),
    ('展期到期日', None), ('历史最高逾期天数', None), ('近24个月逾期次数', None),
    ('上月逾期天数', None), ('贷款期限', None),
]


def test_recall_on_the_twelfth_list():
    recall, out = missed(CASES)
    assert recall >= 0.98, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_twelfth_list():
    found = wrong(CASES)
    assert not found, found
