"""Recall of header recognition on a sixteenth list of real-world column names (a regression guard).

Written blind after the fifteenth, before the recogniser's word lists were read, weighted toward
what the earlier lists covered least: Chinese headers as clerks type them in Excel (full-width
brackets, two-row headers flattened with "_" or "-", units and dates after the name,
"余额（万元）2024年6月末", "2024.6.30贷款余额", slips of the input method, 余颔 for 余额, 逾其 for 逾期, traditional
characters), 1104, EAST, card, consumer-finance, leasing, factoring and village-bank ledgers;
English headers of Indian, South-East Asian, African and Latin-American lenders; mixed headers
("Balance 余额", "Disbursement Date（放款日）"); warehouse abbreviations (LN_BAL_AMT, OVRD_DAYS_CNT,
FIVE_LVL_CLS, CURR_TERM_DUE_AMT, BAL_MTH_END); and look-alikes that must stay unmapped (collateral,
guarantees, margin deposits, fees, income, another bank's line or loans, counts, flags, ratios,
shares, history windows, last quarter's figures, another party's contact). Of 472 drafted, those
already in the earlier lists (case and punctuation ignored) were dropped and the rest trimmed to
299, 216 of them named. Measured before any change prompted by it: **78.2 %, 5 wrong** (unseen);
after its study 97.2 % of the whole list and none wrong (100 % of the cases kept). The changes are
general rules, checked against the fifteen earlier lists (no applied field changed) and a further
probe of some 300 headers written after the recogniser was read (not kept as a measure): a date
stamp before or after the name (2024.6.30, 2024年二季度末, 2024Q2, 截止…日, 6月末) says when, not what (a
bare year or a year's start, 2024年初, is not cut: history); a note of units and qualifiers after a
synonym ("POS (Rs. in Lakhs)") or "as per …" ("Name (as per KYC)") leaves the synonym; another
bank's (他行) and "other" (其他) figures and last quarter's or year's (上季末, 上年末) are not this loan's; a
Chinese header with one unknown character is read with its common slips mended (余颔, 逾其, 借剧号, 客护,
份类, 本今, 经历, 电化) when that leaves no unknown word; 月数 counts as 期数 does; a band of the days (逾期天数分档)
is a status; a month-end balance is the balance; warehouse words (OVRD, MGMT, PRVN, STAT_CD, CLS,
RSLT, CURR_TERM, DAYS_CNT) and plural acronyms (EMIs) are read.

Left out, as calls the header alone cannot settle or that contradict a decision documented
elsewhere: ``PAN No`` (India's tax number, also a card's primary account number: left alone by the
recogniser's own rule), "Installments in Arrears" and "Parcelas em Atraso" (a count of the
instalments in arrears: the tenth list reads "No. of Instalments in Arrears" as no field, the
thirteenth and fifteenth read it and "No. of Instalments Overdue" as the status), "Monthly Mortgage
Payment" and "Mortgage Rate" (in an application or listing file the applicant's other mortgage or
the market's rate; a mortgage stays another product), and 借款本金 (the principal borrowed in a P2P
ledger, but the same word stands in 借款本金余额 and 逾期借款本金: offered as the balance, as before).
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    ('贷款余额（元）2024.06', 'balance'), ('余额（万元）2024年6月末', 'balance'), ('逾期天数_截至6月末', 'days_past_due'),
    ('贷款信息_贷款余额', 'balance'), ('贷款信息-借据号', 'account_id'), ('客户信息_客户名称', 'customer_name'),
    ('客户信息_证件号码', 'id_number'), ('客户信息_联系电话', 'phone'), ('逾期情况_逾期本金', 'overdue_amount'), ('担保情况_担保金额', None),
    ('所属支行（部）', 'branch'), ('逾期金額（元）', 'overdue_amount'), ('貸款帳號', 'account_id'), ('產品名稱', 'product'),
    ('授信額度(仟元)', 'credit_limit'), ('放款餘額(仟元)', 'balance'), ('逾期月數', 'status_label'), ('贷款余颔', 'balance'),
    ('逾其天数', 'days_past_due'), ('借剧号', 'account_id'), ('客护名称', 'customer_name'), ('五级份类', 'loan_class'),
    ('逾期金颔', 'overdue_amount'), ('身分证号', 'id_number'), ('手机号吗', 'phone'), ('放款日其', 'origination_date'),
    ('2024.6.30贷款余额', 'balance'), ('截止2024年6月30日逾期天数', 'days_past_due'), ('6月末逾期金额', 'overdue_amount'),
    ('较上年末增减（万元）', None), ('本月新增逾期', None), ('贷款起始日', 'origination_date'), ('借款到期日', None), ('合同到期日期', None),
    ('客户经理电话', None), ('共同借款人姓名', None), ('共借人身份证号', None), ('担保人联系电话', None), ('押品评估价值（万元）', None),
    ('逾期本金（万元）_6月末', 'overdue_amount'), ('近12个月最高逾期天数', None), ('近6个月逾期次数', None), ('五级分类（上月）', None),
    ('五级分类（本月）', 'loan_class'), ('风险分类（2024年二季度）', 'loan_class'), ('信用评分（分）', 'score'),
    ('行业类别（国标）', 'industry'), ('贷款投向', 'industry'), ('县（市、区）', 'region'), ('放款渠道', 'channel'),
    ('获客来源', 'channel'), ('下期应还日期', None), ('当期应还日', 'due_date'), ('本期应还本息（元）', 'due_amount'),
    ('本期实还本息（元）', 'paid_amount'), ('委外公司', 'owner'), ('经办员工号', 'owner'), ('贷款入账账号', None),
    ('账户逾期状态', 'status_label'), ('逾期账龄（M）', 'status_label'), ('总欠款', 'balance'), ('持卡人手机', 'phone'),
    ('用户手机号', 'phone'), ('剩余租金', 'balance'), ('每期租金', 'due_amount'), ('保理合同编号', 'account_id'),
    ('保理融资款逾期天数', 'days_past_due'), ('身份证', 'id_number'), ('利率（月‰）', None), ('普惠口径贷款余额', 'balance'),
    ('保证金余额', None), ('他行授信额度', None), ('本行其他贷款余额', None), ('他行贷款余额', None), ('对外担保金额', None), ('逾期笔数', None),
    ('逾期次数（近24个月）', None), ('历史最高逾期金额', None), ('借款人配偶手机号', None), ('Balance 余额', 'balance'),
    ('逾期金额/Overdue Amt', 'overdue_amount'), ('五级分类 Classification', 'loan_class'),
    ('放款日期 Disb. Date', 'origination_date'), ('利率 Rate (%)', 'interest_rate'), ('担保金额 Guarantee Amt', None),
    ('Branch 支行', 'branch'), ('Mobile 手机', 'phone'), ('LN_BAL_AMT', 'balance'),
    ('OVRD_DAYS_CNT', 'days_past_due'), ('FIVE_LVL_CLS', 'loan_class'), ('LN_FIVE_CLS_CD', 'loan_class'),
    ('DUBIL_NO', 'account_id'), ('IOU_NO', 'account_id'), ('LN_ACCT_NO', 'account_id'), ('ORG_NM', 'branch'),
    ('MGR_NM', 'owner'), ('LOAN_END_DT', None), ('EXEC_RATE', 'interest_rate'), ('CONT_AMT', 'credit_limit'),
    ('CRDT_LMT_AMT', 'credit_limit'), ('AVL_LMT', None), ('CURR_OVRD_PRD', 'status_label'),
    ('MAX_OVRD_DAYS_12M', None), ('OVRD_FLG', None), ('STAT_DT', 'snapshot_date'), ('GUAR_AMT', None),
    ('ACT_REPAY_AMT', 'paid_amount'), ('SCHD_REPAY_AMT', 'due_amount'), ('SCHD_REPAY_DT', 'due_date'),
    ('CRDT_SCORE', 'score'), ('LN_STATUS_CD', 'status_label'), ('TOT_OVD_AMT', 'overdue_amount'),
    ('DLQ_DAYS', 'days_past_due'), ('DLQ_BKT', 'status_label'), ('ORIG_LN_AMT', 'credit_limit'),
    ('NXT_DUE_DT', None), ('BR_CD', 'branch'), ('PRVN_NM', 'region'), ('ACCT_MGR_ID', 'owner'),
    ('CELL_PHN_NO', 'phone'), ('ID_CARD_NO', 'id_number'), ('BORR_NM', 'customer_name'),
    ('RISK_CLS_CD', 'loan_class'), ('OVD_RSN', 'overdue_reason'), ('COLL_VAL_AMT', None), ('LMT_USED_RT', None),
    ('OVD_CNT_24M', None), ('EVER_90_FLG', None), ('BHV_SCR', 'score'),
    ('Borrower Name (as per KYC)', 'customer_name'), ('Aadhaar No. (masked)', 'id_number'),
    ('Mobile No. (Registered)', 'phone'), ('Sanctioned Limit (Rs.)', 'credit_limit'),
    ('POS (Rs. in Lakhs)', 'balance'), ('Total O/S', 'balance'), ('No. of EMIs Overdue', 'status_label'),
    ('EMI Amt', 'due_amount'), ('Asset Classification (RBI)', 'loan_class'), ('Field Officer', 'owner'),
    ('Branch Code (SOL)', 'branch'), ('District', 'region'), ('First EMI Date', None),
    ('Rate of Interest (p.a.)', 'interest_rate'), ('Bureau Score', 'score'),
    ('Outstanding Balance (KES)', 'balance'), ('Principal Arrears', 'overdue_amount'),
    ('Penalty Arrears', None), ('Amount Disbursed (NGN)', 'credit_limit'), ('Repayment Due Date', 'due_date'),
    ('Date Granted', 'origination_date'), ('Sisa Pokok', 'balance'), ('Monto Desembolsado', 'credit_limit'),
    ('Cuota', 'due_amount'), ('Saldo en Mora', 'overdue_amount'), ('Agencia', 'branch'),
    ('Cédula', 'id_number'), ('Fecha de Vencimiento', None), ('Valor Garantía', None),
    ('Días de Atraso Máximo', None), ('Max DPD in 12M', None), ('Worst Status L6M', None),
    ('Times 30+ DPD (24m)', None), ('Collateral Amount', None), ('Guaranteed Amount (CGTMSE)', None),
    ('Annual Income (INR)', None), ('Limit Utilisation %', None), ('Charges Overdue', None),
    ('Total Overdue (Incl. Charges)', 'overdue_amount'), ('ECL Stage', None), ('Bounce Count', None),
    ('NACH Status', None), ('Outstading Balance', 'balance'), ('Days Past Dues', 'days_past_due'),
    ('Custmer Name', 'customer_name'), ('Arrear Amount', 'overdue_amount'),
    ('Dibursement Date', 'origination_date'), ('Current Principal Outstanding Balance', 'balance'),
    ('BorrowerAPR', 'interest_rate'), ('Loan Balance Remaining', 'balance'), ('Home Value', None),
    ('loan_percent_income', None), ('逾期本金（元）2024.6.30', 'overdue_amount'), ('本金余额(万元)-2024Q2', 'balance'),
    ('06月末欠款余额', 'balance'), ('五级分类（截至2024年6月末）', 'loan_class'), ('上年末贷款余额', None), ('上季末逾期金额', None),
    ('本季末逾期金额', 'overdue_amount'), ('期末余额（元）', 'balance'), ('期初余额（元）', None), ('客户基本信息-手机号码', 'phone'),
    ('贷款基本信息-合同金额（元）', 'credit_limit'), ('贷款基本信息-发放日', 'origination_date'), ('贷款基本信息-到期日', None),
    ('还款信息-本期实还款额', 'paid_amount'), ('还款信息-最近还款日', None), ('逾期信息-逾期本息合计(元)', 'overdue_amount'),
    ('逾期信息-欠息金额', None), ('担保信息-保证人名称', None), ('风险分类_本期', 'loan_class'), ('风险分类_上期', None),
    ('管护信息_管护人', 'owner'), ('管护信息_所属机构', 'branch'), ('逾期贷款_天数', 'days_past_due'), ('借款人_联系方式', 'phone'),
    ('保证人1_证件号码', None), ('共同借款人_联系电话', None), ('放款金额（单位：元）', 'credit_limit'), ('合同编码', 'account_id'),
    ('客户经历', 'owner'), ('逾期本今', 'overdue_amount'), ('证件号玛', 'id_number'), ('联系电化', 'phone'),
    ('借據號碼', 'account_id'), ('催收經辦', 'owner'), ('擔保品價值', None), ('分期付款金額', 'due_amount'),
    ('核准額度', 'credit_limit'), ('延滯金額', 'overdue_amount'), ('逾期天数是否大于90', None), ('逾期90天以上标识', None),
    ('逾期天数分档', 'status_label'), ('逾期天数占比', None), ('逾期金额占比（%）', None), ('授信额度使用率', None),
    ('OVRD_INT_AMT', None), ('CUR_OVRD_DAYS', 'days_past_due'), ('OVRD_TIMES', None),
    ('FIVE_CLS_RSLT', 'loan_class'), ('CUST_TEL', 'phone'), ('CUST_MGR_NM', 'owner'), ('MGMT_ORG_CD', 'branch'),
    ('DUBIL_AMT', 'credit_limit'), ('DUBIL_BAL', 'balance'), ('ACTL_INT_RAT', 'interest_rate'),
    ('CURR_TERM_DUE_DT', 'due_date'), ('CURR_TERM_DUE_AMT', 'due_amount'),
    ('CURR_TERM_PAID_AMT', 'paid_amount'), ('NEXT_REPAY_DT', None), ('MORT_VAL_AMT', None),
    ('RPT_DT', 'snapshot_date'), ('BAL_MTH_END', 'balance'), ('ACCT_STAT_CD', 'status_label'),
    ('PROD_CLS_NM', 'product'), ('PROV_CD', 'region'), ('Loan Account No (LAN)', 'account_id'),
    ('Co-Applicant Mobile', None), ('KYC ID No.', 'id_number'), ('Principal O/S as on date', 'balance'),
    ('Overdue Principal (Rs)', 'overdue_amount'), ('Bucket (0-30/31-60/61-90/90+)', 'status_label'),
    ('Tenor Remaining', None), ('Branch (Hub)', 'branch'), ('Collection Agency Name', 'owner'),
    ('LTV at Disbursal', None), ('Arrears Category', 'status_label'), ('Client Phone No.', 'phone'),
    ('National ID (Ghana Card)', 'id_number'), ('Loan Officer (LO)', 'owner'), ('Group Leader Phone', None),
    ('Account Status (Current/Past Due/Litigation)', 'status_label'), ('NRIC', 'id_number'),
    ('Handphone No', 'phone'), ('Debt Group', 'loan_class'), ('Collectibility', 'loan_class'),
    ('Monto Vencido', 'overdue_amount'), ('Días Vencidos', 'days_past_due'),
    ('Tasa Nominal Anual', 'interest_rate'), ('Ejecutivo de Cuenta', 'owner'), ('RUT', 'id_number'),
    ('Monto del Préstamo', 'credit_limit'), ('Valor de la Cuota', 'due_amount'), ('Fecha Último Pago', None),
    ('Saldo Devedor Atualizado', 'balance'), ('Overdue Days/逾期天数', 'days_past_due'),
    ('借据号 IOU No.', 'account_id'), ('Cust Name 客户名', 'customer_name'), ('ID No. 证件号', 'id_number'),
    ('Outstanding Principal 剩余本金', 'balance'), ('Disbursement Date（放款日）', 'origination_date'),
    ('Classification（五级）', 'loan_class'), ('Branch Name 支行名称', 'branch'), ('Product 产品', 'product'),
    ('Collateral Value 押品价值', None), ('Credit Limit 授信额度', 'credit_limit'), ('Account Manager客户经理', 'owner'),
    ('DPD（天）', 'days_past_due'), ('out_prncp_inv', None), ('sec_app_fico_range_low', None),
    ('AMT_RECEIVABLE_PRINCIPAL', 'balance'), ('RREL27 Origination Channel', 'channel'),
    ('RREC13 Current Valuation Amount', None), ('AR169 Number of Months in Arrears', 'status_label'),
]


def test_recall_on_the_sixteenth_list():
    recall, out = missed(CASES)
    assert recall >= 1.0, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_sixteenth_list():
    found = wrong(CASES)
    assert not found, found
