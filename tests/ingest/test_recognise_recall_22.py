"""Recall of header recognition on a twenty-second list of real-world column names (a regression guard).

Written blind (by someone who had read neither the recogniser nor the earlier lists) after the
twenty-first: 300 headers, 75 from each of (a) Chinese bank and consumer-finance exports, (b) Hong
Kong, Taiwan, Singapore and Malaysia, (c) US, UK, EU, India, Indonesia, the Philippines and Latin
America, (d) SME receivables, factoring and collection placements; 40 % look-alikes that must stay
unmapped. Cases the drafter was unsure of were struck before measuring.

Measured before any change prompted by it: **90.6 %, 2 wrong** on the list as drafted (300 cases,
180 named), **91.6 % and none wrong on the 298 kept**. After its study: 96.7 % and 2 wrong as drafted
(the two left out below), **97.8 % and none wrong on the 298 kept**. The earlier twenty-one lists give the same applied field for every header as before. General rules added: 契约 (the
contract, as 合约), 超期 (overdue, as 逾期), 账期超期 / 超账期 (past the credit period: 账期超期天数 is the
days past due; 账期 alone stays the data's accounting period), 跟进人 (the follow-up person, the
owner), 未付款原因 (why it is unpaid: the overdue reason), factura / faktur / fatura (an invoice: Nº
Factura is the receivable's number), "past terms" / "beyond terms" (overdue: Days Past Terms), "so
far" (cumulative: Amount Repaid So Far stays unmapped), "as at" after an aging word (Ageing as at: the
report's date), a number in a note of terms is no word (Due Date (Net 30)), and a header written in
English and in Chinese whose halves read the same field is that field (Sales Channel 銷售渠道).

Left out, as calls the header alone cannot settle or that contradict a decision documented
elsewhere: 本期繳款金額 (繳款 is read as a payment due, as list 21 left it; drafted as the payment
made); "Client Name" (in a placement file the agency's client is the creditor; in a bank's export
the client is the borrower). Relabelled: "Last Pymt Amt" (the last payment, which may be months
old, is not the month's paid amount; drafted as paid_amount because the drafter's brief said so).
Missed and left: 贷款余颜 (a typo of 余额), "Next Payment Due Date" (the next due date, not the one
the days past due run from), "Amt Pd This Cycle" (Pd is also a probability of default), "Arrears"
alone (an amount or a status).

298 cases, 178 named.
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    # Chinese banks' and consumer-finance companies' core-system and 信贷管理系统 exports (units, prefixes, typos,
    # pinyin initials, warehouse snake case)
    ('借据编号', 'account_id'), ('贷款账号（内部）', 'account_id'), ('DKZH', 'account_id'), ('LOAN_ACCT_NO', 'account_id'),
    ('借据好', 'account_id'), ('数据日期(YYYYMMDD)', 'snapshot_date'), ('统计月份', 'snapshot_date'),
    ('DATA_DT', 'snapshot_date'), ('当前逾期天数', 'days_past_due'), ('YQTS', 'days_past_due'),
    ('OVD_DAYS', 'days_past_due'), ('逾期天树', 'days_past_due'), ('应还款日', 'due_date'), ('YHRQ', 'due_date'),
    ('逾期状态（M0-M6+）', 'status_label'), ('逾期账龄', 'status_label'), ('五级分类结果', 'loan_class'), ('WJFL', 'loan_class'),
    ('贷款五级形态', 'loan_class'), ('贷款余额(万元)', 'balance'), ('DKYE', 'balance'), ('LOAN_BAL', 'balance'),
    ('截至月末本金余额（元）', 'balance'), ('贷款余颜', 'balance'), ('授信额度（万）', 'credit_limit'), ('放款金额(元)', 'credit_limit'),
    ('合同金额', 'credit_limit'), ('逾期本金(元)', 'overdue_amount'), ('当期应还本息', 'due_amount'), ('本期实还金额', 'paid_amount'),
    ('逾期原因说明', 'overdue_reason'), ('业务品种名称', 'product'), ('经办机构', 'branch'), ('所属地市', 'region'),
    ('国标行业', 'industry'), ('进件渠道', 'channel'), ('管户客户经理', 'owner'), ('催收人员', 'owner'), ('发放日期', 'origination_date'),
    ('执行年利率(%)', 'interest_rate'), ('信用评分卡得分', 'score'), ('CUST_NM', 'customer_name'), ('借款人手机号', 'phone'),
    ('证件号码', 'id_number'), ('SFZH', 'id_number'), ('贷款到期日', None), ('DQRQ', None), ('MTR_DT', None), ('罚息', None),
    ('滞纳金', None), ('手续费', None), ('累计逾期次数', None), ('逾期30天以上次数', None), ('抵押物评估价值（万元）', None), ('抵质押率', None),
    ('担保人姓名', None), ('GUAR_NM', None), ('减值准备', None), ('预期信用损失ECL(元)', None), ('违约概率PD', None), ('核销本金', None),
    ('WRTOFF_AMT', None), ('核销日期', None), ('贷款期限(月)', None), ('总期数', None), ('已还期数', None), ('累计已还本金', None),
    ('年收入(万元)', None), ('居住地址', None), ('电子邮箱', None), ('利率浮动比例', None), ('首次还款日', None), ('上次还款日期', None),
    ('是否逾期', None), ('贷款用途', None),
    # Hong Kong, Taiwan, Singapore and Malaysia bank and card exports (traditional characters, mixed languages)
    ('帳戶號碼', 'account_id'), ('貸款編號 Loan No.', 'account_id'), ('Card No. 卡號', 'account_id'), ('契約編號', 'account_id'),
    ('資料日期', 'snapshot_date'), ('Statement Month 結單月份', 'snapshot_date'), ('As at Date', 'snapshot_date'),
    ('逾期日數', 'days_past_due'), ('Overdue Days (逾期日數)', 'days_past_due'), ('DPD Bucket', 'status_label'),
    ('繳款截止日', 'due_date'), ('到期還款日 Payment Due Date', 'due_date'), ('最後繳款日', 'due_date'),
    ('Loan Grading (MAS 612)', 'loan_class'), ('Loan Classification (Pass/SM/Sub/Dbt/Loss)', 'loan_class'),
    ('貸款結欠 Outstanding Balance', 'balance'), ('Principal O/S (HKD)', 'balance'), ('O/S Bal (RM)', 'balance'),
    ('信用額度', 'credit_limit'), ('Approved Limit (SGD)', 'credit_limit'), ('撥貸金額', 'credit_limit'),
    ('逾期金額 Overdue Amt', 'overdue_amount'), ('Arrears (RM)', 'overdue_amount'), ('本期最低應繳金額', 'due_amount'),
    ('Min. Payment Due', 'due_amount'), ('每月供款', 'due_amount'), ('Last Pymt Amt', None), ('拖欠原因', 'overdue_reason'),
    ('Product Type 產品類別', 'product'), ('分行代號', 'branch'), ('州屬 State', 'region'), ('所在縣市', 'region'),
    ('Sales Channel 銷售渠道', 'channel'), ('RM Name', 'owner'), ('催收專員', 'owner'), ('撥款日期', 'origination_date'),
    ('CTOS Score', 'score'), ('聯徵評分', 'score'), ('年利率 p.a. (%)', 'interest_rate'), ('持卡人姓名', 'customer_name'),
    ('流動電話', 'phone'), ('HKID No.', 'id_number'), ('NRIC No.', 'id_number'), ('身分證字號', 'id_number'),
    ('Maturity Date 到期日', None), ('Collateral Value (HKD)', None), ('LTV %', None), ('DSR', None),
    ('Late Charge', None), ('逾期罰息', None), ('年費', None), ('Times 30+ in L12M', None),
    ('No. of Cycles Delinquent in L12M', None), ('Available Credit', None), ('可用額度', None),
    ('Total Payments Since Open', None), ('Write-off Amt', None), ('收回金額 Recovery Amt', None),
    ('Correspondence Address', None), ('電郵 Email', None), ('擔保人 Guarantor Name', None), ('Tenor (Months)', None),
    ('No. of Instalments', None), ('First Instalment Date', None), ('Monthly Income', None),
    ('Card Expiry Date', None), ('Last Payment Date', None), ('出生日期 DOB', None), ('Provision Amt', None),
    ('已繳期數', None), ('Charge-off Date', None), ('PD (12M)', None), ('Rate Spread over HIBOR', None),
    ('最近一次繳款日期', None),
    # US, UK, EU, Indian, Indonesian, Philippine and Latin-American lender exports and loan tapes
    ('Loan Identifier', 'account_id'), ('Agreement No.', 'account_id'), ('LAN', 'account_id'),
    ('Número de crédito', 'account_id'), ('Nomor Pinjaman', 'account_id'), ('Cut-off Date', 'snapshot_date'),
    ('Tanggal Posisi', 'snapshot_date'), ('Days Delinquent', 'days_past_due'), ('Días de atraso', 'days_past_due'),
    ('Dias em atraso', 'days_past_due'), ('Next Payment Due Date', 'due_date'),
    ('Fecha de vencimiento de la cuota', 'due_date'), ('Tanggal Jatuh Tempo Angsuran', 'due_date'),
    ('Current Loan Delinquency Status', 'status_label'), ('Arrears Band', 'status_label'),
    ('SMA Category (SMA-0/1/2)', 'status_label'), ('Kolektibilitas', 'loan_class'),
    ('Current Actual UPB', 'balance'), ('Saldo insoluto', 'balance'), ('Sisa Pokok', 'balance'),
    ('Orig Amt', 'credit_limit'), ('Sanctioned Amount', 'credit_limit'), ('Plafond', 'credit_limit'),
    ('Amount in Arrears (GBP)', 'overdue_amount'), ('Monto vencido', 'overdue_amount'),
    ('Tunggakan Pokok', 'overdue_amount'), ('Scheduled P&I', 'due_amount'), ('EMI Amount', 'due_amount'),
    ('Amt Pd This Cycle', 'paid_amount'), ('Pago recibido', 'paid_amount'), ('Motivo de atraso', 'overdue_reason'),
    ('Property State', 'region'), ('Sucursal', 'branch'), ('NAICS Code', 'industry'),
    ('Origination Channel', 'channel'), ('Collector Assigned', 'owner'), ('Disbursal Date', 'origination_date'),
    ('Fecha de desembolso', 'origination_date'), ('Borrower Credit Score at Origination', 'score'),
    ('CIBIL Score', 'score'), ('ROI (%)', 'interest_rate'), ('Nombre del acreditado', 'customer_name'),
    ('Celular', 'phone'), ('CPF', 'id_number'), ('NIK', 'id_number'), ('Maturity Date', None),
    ('Fecha de vencimiento del crédito', None), ('First Payment Date', None), ('Original LTV', None), ('DTI', None),
    ('Late Fees', None), ('Times 30-59 Days Late (24m)', None), ('Zero Balance Code', None),
    ('Zero Balance Effective Date', None), ('Modification Flag', None), ('Loan Age', None),
    ('Remaining Months to Legal Maturity', None), ('Charge-off Amount', None), ('Net Recovery', None),
    ('LGD %', None), ('Annual Income', None), ('Dirección', None), ('Correo electrónico', None),
    ('Nombre del aval', None), ('Plazo (meses)', None), ('Número de cuotas', None), ('Cuotas pagadas', None),
    ('Valor da garantia', None), ('Multa por atraso', None), ('Juros de mora', None), ('Denda', None),
    ('Nilai Agunan', None), ('Total Paid to Date', None), ('NPA Flag', None), ('Bureau Inquiries 6M', None),
    # SME trade receivables, factoring ledgers and collection-agency placement files
    ('Invoice No.', 'account_id'), ('发票号码', 'account_id'), ('Inv #', 'account_id'), ('單據編號', 'account_id'),
    ('Nº Factura', 'account_id'), ('No. Faktur', 'account_id'), ('Creditor Account No.', 'account_id'),
    ('Ageing as at', 'snapshot_date'), ('账龄截止日', 'snapshot_date'), ('Due Date (Net 30)', 'due_date'),
    ('应收到期日', 'due_date'), ('Fecha de vencimiento factura', 'due_date'), ('Days Past Terms', 'days_past_due'),
    ('Days Late', 'days_past_due'), ('超期天数', 'days_past_due'), ('账期超期天数', 'days_past_due'),
    ('Days Since Due', 'days_past_due'), ('Aging Bucket', 'status_label'), ('账龄区间', 'status_label'),
    ('账龄段(0-30/31-60/61-90/90+)', 'status_label'), ('Ageing Band', 'status_label'), ('Open Amount', 'balance'),
    ('Amount Outstanding (USD)', 'balance'), ('未收金额', 'balance'), ('应收余额', 'balance'), ('信用额度(客户)', 'credit_limit'),
    ('Factoring Limit', 'credit_limit'), ('Past Due Balance', 'overdue_amount'), ('逾期应收款', 'overdue_amount'),
    ('超期金额', 'overdue_amount'), ('Arrears', 'overdue_amount'), ('Amount Paid', 'paid_amount'),
    ('本期回款', 'paid_amount'), ('未付款原因', 'overdue_reason'), ('Non-Payment Reason', 'overdue_reason'),
    ('Debtor Industry', 'industry'), ('Debtor Country', 'region'), ('Sales Region', 'region'),
    ('Collector', 'owner'), ('Account Handler', 'owner'), ('跟进人', 'owner'), ('Debtor Name', 'customer_name'),
    ('Debtor Tel', 'phone'), ('Contact Mobile', 'phone'), ('Debtor SSN', 'id_number'), ('Original Creditor', None),
    ('Credit Terms', None), ('合同约定账期(天)', None), ('Credit Note Amount', None), ('Discount', None),
    ('Commission Rate %', None), ('Late Payment Interest', None), ('Collection Fee', None), ('Reserve Held', None),
    ('Recourse Flag', None), ('Dilution %', None), ('Date Last Paid', None), ('Last Contact Date', None),
    ('Promise to Pay Date', None), ('PTP Amount', None), ('Next Action Date', None), ('Debtor Address', None),
    ('Debtor Email', None), ('Guarantor', None), ('Total Collected to Date', None), ('Written Off', None),
    ('Bad Debt Provision', None), ('VAT Amount', None), ('Number of Invoices', None), ('Times Overdue (12m)', None),
    ('坏账准备', None), ('质保金', None), ('累计回款', None), ('收款银行账号', None),
]


def test_recall_on_the_twenty_second_list():
    recall, out = missed(CASES)
    assert recall >= 0.95, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_twenty_second_list():
    found = wrong(CASES)
    assert not found, found
