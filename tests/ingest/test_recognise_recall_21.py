"""Recall of header recognition on a twenty-first list of real-world column names (a regression guard).

Written blind after the twentieth, before the recogniser's word lists were read, aimed at what the
earlier lists under-sampled: (a) exports as Chinese risk managers receive them from 核心系统,
信贷管理系统, 信用卡中心 and 消费金融/小贷 systems, with units and notes in brackets (贷款余额(元),
欠款本金【元】), prefixes (本期, 当前, 截至月末), warehouse names in snake case (OVDU_DAY_CNT, PRD_NM,
UNBILL_INST_AMT) and in pinyin initials (CPDM, HYML, JKRXM, YQBJJE), Hong Kong and Taiwan characters
(合約編號, 最後繳款日, 延滯天數) and card-centre terms (账单, 账单分期, 溢缴款, 超限金额); (b) BNPL, fintech
and microfinance exports (days in arrears, PAR, loan officers, centres and groups, Ghana Card, CNIC,
Aadhaar) and SME receivables (invoices, bill-to and sold-to parties, credit controllers, aging bands
as columns); (c) US and EU loan-level tapes of other vendors (McDash, CoreLogic, Intex, EDW/ESMA);
(d) public datasets (the World Bank's IBRD and IDA loans, Kaggle credit sets, Prosper, Home Credit,
Bondora); with look-alikes that must stay unmapped (collateral, income, DTI/LTV, fees and penalties,
recoveries, provisions/ECL/PD/LGD, counts over windows, flags, other parties' names and numbers,
aging-band columns, cumulative sums paid). Of 1,395 drafted, the 780 already in the earlier lists
or drafted twice (case and punctuation ignored, by a script) were dropped; 40 more, whose drafted
label was itself unsure, were struck before measuring; from the four groups' rest 90, 90, 80 and 60
were drawn at random (seed 21), all the public datasets' named headers kept, giving 320 cases, 138
named.

Measured before any change prompted by it: **76.1 %, 13 wrong** on the list as drafted (320 cases);
**79.1 % and 5 wrong on the 313 cases kept** (账单分期金额 and UNBILL_INST_AMT applied as the
instalment due; 资金渠道, the funding source, as the channel; "Credit Note Amount" as the limit; and
"Classification (CBN Prudential)" as the status, its note dropped for the unknown "CBN"). After its
study: 92.8 % and 9 wrong on the list as drafted (the relabelled and left-out cases below), **95.7 %
and none wrong on the 313 kept**. The earlier twenty lists (6,224 cases) give the same applied field
for every header as before.

General rules added: Chinese 账单 (a card statement, a bill: 账单到期日 its due date), 账单分期 and
未出账单 / "unbilled" (a statement put on instalments, what is not yet billed: neither the instalment
due nor the balance), 资金 (funding: 资金渠道 and 资金方 are not the sales channel), 合约 (the
contract), 客户号码 (not 客户号 + 码), 区域中心 (a regional centre, the region), and the traditional
後 (最後繳款日 read as 最后缴款日, Taiwan's payment deadline as 最后还款日 is); in English a credit or
debit note (credit memo) is a ledger document, SAP's bill-to and sold-to parties are the customer, a
credit controller is the owner, a service centre a branch, an economic activity or sector the
industry, "flat" a qualifier of a rate, "per month" monthly and "per annum" annual, "due to" a
lender what is owed (with the World Bank's IBRD and IDA as lenders' names), CBN (the Central Bank
of Nigeria) a regulator as the CBK is, and a note naming the regulator's classes keeps them when
the rest of the note is unknown; "as of" ending a header without a figure is a date ("Data As Of");
a note naming whose numbering a loan number is ("Loan Number (Servicer)", "(Originator)") leaves
the number the loan's; PRD before a name or code is the product (PRD_NM; CURR_OVRD_PRD stays
periods); a late payment's reason is the overdue reason (a payment's reason alone is not); pinyin
initials CPDM (产品代码), HYML/HYDM (行业门类/代码), JKRXM/JKRMC (借款人姓名/名称), YQBJJE (逾期本金金额),
DKFFRQ (贷款发放日期) and ZHZT (账户状态).

Relabelled before the after-measure, as the draft contradicted decisions documented in the earlier
lists: "Disbursed Amount (US$)", "Original Invoice Amount" and "Order Amount" (an amount lent,
disbursed or financed is the credit_limit field, as 放款金额, loan_amnt and "Original Balance" are;
drafted as unmapped); "Scheduled Balance" (the balance, as "Current Ending Scheduled Balance" is;
drafted as unmapped); 最後繳款日 (Taiwan's payment deadline, as 最后还款日 is the due date; drafted as a
last payment's date).

Left out, as calls the header alone cannot settle or that contradict a decision documented
elsewhere: BIZ_DT (a business date is left unmapped, "Business Date" in the first list; drafted as
the snapshot date); "Principal Repaid" and "Repaid to IBRD" (the World Bank's are cumulative, but a
bare repaid is read as the month's payment); 本期繳款金額 (繳款 is read as a payment due, Taiwan's
缴款日; drafted as the payment made); 繳款期限 (Taiwan's payment deadline, but 期限 is a loan's term
in mainland headers); "Referral Code" (a referrer's code or an invitation code: the channel or
nothing); purchase_date (a BNPL purchase starts the loan, but a tape's purchase date is when the
loan was bought). Six stay missed: M值 (the M-bucket in collections jargon, letters and 值), "Order
Date" (an order's date starts a consumer-finance loan, but SAP's "Document Date" stays unmapped and
an order precedes an invoice), "McDash Loan ID" (an unknown vendor's name before the loan id: offered
only), "Credit Limit (Revolving)" (revolving marks a bureau's figures elsewhere), "Borrower's
Obligation" and "Credits Outstanding" (the World Bank's words for what is owed, read as a loan and a
count of credits).
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    # Chinese bank exports: core, credit-management, card-centre and consumer-finance systems, warehouse
    # names (snake case and pinyin initials), Hong Kong and Taiwan forms, receivables ledgers
    ('MAX_OVDU_DAYS', None), ('LOAN_STAT', 'status_label'), ('31-90天', None), ('出催日期', None), ('預借現金額度', None),
    ('CARDHOLDER_NM', 'customer_name'), ('逾期本息合计(元)', 'overdue_amount'), ('CYCLE_DAY', None), ('行業代碼', 'industry'),
    ('KHBH', 'account_id'), ('區域中心', 'region'), ('擔保品種類', None), ('LXYE', None), ('本期贷款余额', 'balance'),
    ('HTBH', 'account_id'), ('CPDM', 'product'), ('基準日期', 'snapshot_date'), ('MGR_NAME', 'owner'), ('手续费(元)', None),
    ('BJYE', 'balance'), ('当期应还款额', 'due_amount'), ('COLL_TYP', None), ('PRD_NM', 'product'), ('WRT_OFF_DT', None),
    ('超限金额', None), ('月末余额[元]', 'balance'), ('負債比', None), ('產品代碼', 'product'), ('信用卡额度', 'credit_limit'),
    ('借款期数', None), ('DATA_DATE', 'snapshot_date'), ('PD_VAL', None), ('近12个月查询次数', None), ('账单分期金额', None),
    ('違約金', None), ('PNLT_INT', None), ('OVDU_TIMES_12M', None), ('HTH', 'account_id'), ('年收入(萬元)', None),
    ('SSJG', 'branch'), ('预期信用损失', None), ('配偶证件号码', None), ('客户号码', 'account_id'),
    ('OVDU_DAY_CNT', 'days_past_due'), ('M值', 'status_label'), ('GUAR_NM', None), ('信用卡卡號', 'account_id'),
    ('溢缴款', None), ('本期应还', 'due_amount'), ('CUST_NAME_CN', 'customer_name'), ('91-180天', None), ('180天以上', None),
    ('JJBH', 'account_id'), ('CRD_LMT', 'credit_limit'), ('最後繳款日', 'due_date'), ('ACCT_BAL', 'balance'),
    ('OVDU_AMT', 'overdue_amount'), ('持卡人身分證字號', 'id_number'), ('HYML', 'industry'), ('资金渠道', None), ('押品估值', None),
    ('循環信用餘額', 'balance'), ('UNBILL_INST_AMT', None), ('BRANCH_NM', 'branch'), ('本金餘額', 'balance'),
    ('LST_RPY_DT', None), ('IS_OVDU_FLG', None), ('复利', None), ('销卡日期', None), ('当前余额（元）', 'balance'),
    ('額度', 'credit_limit'), ('设备类型', None), ('担保人证件号', None), ('JKRXM', 'customer_name'), ('PHONE_NUM', 'phone'),
    ('INCOME_AMT', None), ('合約編號', 'account_id'), ('ZJLX', None), ('OPEN_DT', 'origination_date'),
    ('账单到期日', 'due_date'), ('累计已还本金', None), ('违约概率', None), ('FKRQ', 'origination_date'), ('逾期罚息(元)', None),
    ('YQBJJE', 'overdue_amount'), ('本期應繳總額', 'due_amount'), ('申請管道', 'channel'),
    # BNPL and fintech, microfinance (Africa, South Asia, Latin America) and SME receivables
    ('Days Late (Invoice)', 'days_past_due'), ('Days in Arrears (DIA)', 'days_past_due'),
    ('Reason for Late Payment', 'overdue_reason'), ('Ghana Card Number', 'id_number'),
    ('Customer Region', 'region'), ('61 - 90 days', None), ('Actual Repayment', 'paid_amount'),
    ('Arrears (UGX)', 'overdue_amount'), ('Business Sector', 'industry'), ('Cumulative Collections', None),
    ('Economic Activity', 'industry'), ('Borrower Full Name', 'customer_name'), ('PAR 1', None),
    ('1-30 days', None), ('Disputed', None), ('Aadhaar No', 'id_number'), ('Principal Due', 'due_amount'),
    ('Credit Limit (KES)', 'credit_limit'), ('Effective Interest Rate (EIR)', 'interest_rate'),
    ('Agente de crédito', 'owner'), ('Loan Balance Outstanding', 'balance'), ('Current (0 days)', None),
    ('Loan Outstanding (INR)', 'balance'), ('Number of Installments Paid', None),
    ('Repayment Amount Due', 'due_amount'), ('PAR90', None), ('Customer Class', None),
    ('Customer UUID', 'account_id'), ('Flat Interest Rate', 'interest_rate'), ('91-120', None),
    ('Not Yet Due', None), ('Late Days', 'days_past_due'), ('Store Name', None), ('Debtor Account', 'account_id'),
    ('merchant_name', None), ('Province/Region', 'region'), ('Group ID', None), ('120+', None),
    ('Impairment Allowance', None), ('Retention', None), ('Cash Collateral', None),
    ('Annual Interest Rate', 'interest_rate'), ('Original Invoice Amount', 'credit_limit'), ('Centre ID', None),
    ('Classification (CBN Prudential)', 'loan_class'), ('Loan Tenure (Months)', None), ('Center Name', None),
    ('Customer Credit Limit', 'credit_limit'), ('Amount Received', 'paid_amount'), ('Moratorium Flag', None),
    ('PAR > 30 Amount', None), ('Bill-to Name', 'customer_name'), ('Internal Score', 'score'),
    ('Credit Note Amount', None), ('Credit Controller', 'owner'), ('Loan Disbursement Date', 'origination_date'),
    ('Compulsory Savings', None), ('Loan Loss Reserve', None), ('Remaining Balance', 'balance'),
    ('Loan Cycle Number', None), ('Order Amount', 'credit_limit'), ('Outstanding (USD)', 'balance'),
    ('Credit Terms', None), ('Savings Balance', None), ('Instalment Amount (Due)', 'due_amount'),
    ('Service Center', 'branch'), ('Order Date', 'origination_date'), ('Invoice Ref', 'account_id'),
    ('31-60 Days', None), ('Last Contact Date', None), ('Account Reference', 'account_id'),
    ('Days in Arrears Bucket', 'status_label'), ('Meeting Date', None), ('Sold-to Customer', 'customer_name'),
    ('Sales Territory', 'region'), ('Kendra Name', None), ('Loan Scheme', 'product'),
    ('Cartera en riesgo > 30', None), ('Loan Purpose Category', None), ('Unit Office', 'branch'), ('Cluster', None),
    ('Center Meeting Day', None), ('No. of days in arrears', 'days_past_due'), ('Insurance Fee', None),
    ('Account Owner', 'owner'), ('Loan Product Name', 'product'), ('RBI Asset Classification', 'loan_class'),
    ('Document No.', 'account_id'),
    # US and EU loan-level tapes (Black Knight McDash, CoreLogic, Intex, European DataWarehouse / ESMA)
    ('Status (OTS Method)', 'status_label'), ('Advances Outstanding', None),
    ('Days Delinquent (Current)', 'days_past_due'), ('Modification Type', None), ('Liquidation Proceeds', None),
    ('REO Date', None), ('Realized Loss', None), ('Number of Times 30 Days Delinquent', None),
    ('Broker Channel', 'channel'), ('Reporting Period', 'snapshot_date'), ('Months Since Last Payment', None),
    ('Number of Days Delinquent', 'days_past_due'), ('Original LTV', None), ('McDash Loan ID', 'account_id'),
    ('Bankruptcy Chapter', None), ('Delinquency Status (MBA)', 'status_label'), ('Pay String', None),
    ('Data As Of', 'snapshot_date'), ('Loan Number (Servicer)', 'account_id'), ('Current CLTV', None),
    ('Restructuring Arrangement', None), ('Days Past Due as of Cutoff', 'days_past_due'),
    ('Property ZIP (3-digit)', None), ('Number of Months in Arrears', 'status_label'), ('Interest Only Flag', None),
    ('Payment Frequency', None), ('Drawn Amount', 'balance'), ('Current Appraisal Value', None),
    ('Curtailment Amount', None), ('Scheduled Balance', 'balance'), ('Current Principal Balance (EUR)', 'balance'),
    ('Loss Amount', None), ('Account Status Date', None), ('Times 60 Days Late (Last 12 Months)', None),
    ('Documentation Type', None), ('MI Coverage', None), ('Total Arrears Amount', 'overdue_amount'),
    ('Servicing Fee', None), ('Current FICO', 'score'), ('Interest Collections', None),
    ('Geographic Region (NUTS3)', 'region'), ('Loan Performance Status', 'status_label'), ('Lien Position', None),
    ('Current Unpaid Principal Balance', 'balance'), ('Customer Segment', None),
    ('Current Actual Balance', 'balance'), ('Foreclosure Flag', None), ('Tax and Insurance', None),
    ('Next Due Date (Servicer)', None), ('Escrow Advance', None), ('Debt-to-Income Ratio (Back-End)', None),
    ('Modification Date', None), ('Foreclosure Status', None), ('Tranche', None), ('Investor Code', None),
    ('Prepayment Penalty Amount', None), ('Mortgage Insurance Type', None), ('Payment Status', 'status_label'),
    ('Servicer Loan ID', 'account_id'), ('Property City', 'region'), ('First Time Homebuyer', None),
    ('Pool Number', None), ('Delinq Status (MBA)', 'status_label'), ('Interest Rate Reset Date', None),
    ('Amount in Arrears (GBP)', 'overdue_amount'), ('Number of Units', None),
    ('Credit Limit (Revolving)', 'credit_limit'), ('HOA Fees', None),
    ('Days Past Due at Reporting Date', 'days_past_due'), ('Actual Payment Received', 'paid_amount'),
    ('Monthly Payment Amount', 'due_amount'), ('Payment Type', None), ('FICO Score at Origination', 'score'),
    ('Account Status (ESMA)', 'status_label'), ('Interest Margin', None), ('Loan Status Code', 'status_label'),
    ('First Pay Date', None), ('Back-End DTI', None), ('Appraised Value', None), ('Occupancy', None),
    # public datasets (World Bank IBRD/IDA, Kaggle credit sets, Prosper, LendingClub, Home Credit, Bondora)
    ('Due to IBRD', 'balance'), ("Borrower's Obligation", 'balance'),
    ('LoanCurrentDaysDelinquent (days)', 'days_past_due'), ('Outstanding_Debt', 'balance'),
    ('Total_EMI_per_month', 'due_amount'), ('Credits Outstanding', 'balance'), ('IDA Credit Number', 'account_id'),
    ('Due to IDA (US$)', 'balance'), ('Days Past Due (Prosper)', 'days_past_due'), ('PAY_AMT1', None),
    ('First Repayment Date', None), ('ReScheduledOn', None), ('Loans Held', None), ('EAD2', None),
    ('Effective Date (Most Recent)', None), ('ActiveScheduleFirstPaymentReached', None), ('FreeCash', None),
    ('LanguageCode', None), ('Status of existing checking account', None), ('Credit_Mix', None),
    ('Board Approval Date', None), ('LP_NetPrincipalLoss', None), ('Disbursed Amount (US$)', 'credit_limit'),
    ('Undisbursed Credits (US$)', None), ('MARRIAGE', None), ('paid_off_time', None),
    ('Credit_Utilization_Ratio', None), ('TradesNeverDelinquent (percentage)', None), ('OCCUPATION_TYPE', None),
    ('GracePeriodEnd', None), ('policyCode', None), ('ListingCategory', None), ('Checking account', None),
    ('Rating_V2', None), ('EDUCATION', None), ('BILL_AMT1', None), ('collections_12_mths_ex_med', None),
    ('Num_Bank_Accounts', None), ('tags', None), ('SEX', None), ('Credit history', None),
    ('Total Received Late Fees', None), ('HomeOwnershipType', None), ('TotalInquiries', None),
    ('Loan_Amount_Term', None), ('Last Payment Received Date', None), ('ClosedDate', None),
    ('CoapplicantIncome', None), ('cb_person_default_on_file', None), ('InterestRecovery', None),
    ('DateCreditPulled', None), ('employmentTitle', None), ('PlannedPrincipalTillDate', None),
    ('BankcardUtilization', None), ('GracePeriodStart', None), ('PreviousRepaymentsBeforeLoan', None),
    ('supplier_id', None), ('LateFeesPaidTillDate', None),
]


def test_recall_on_the_twenty_first_list():
    recall, out = missed(CASES)
    assert recall >= 0.95, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_twenty_first_list():
    found = wrong(CASES)
    assert not found, found
