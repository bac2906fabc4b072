"""Recall of header recognition on a twenty-third list of real-world column names (a regression guard).

Written blind (by someone who had read neither the recogniser nor the earlier lists), then every
header an earlier list already held (normalised: NFKC, case, letters and digits) struck by script:
731 drafted, 403 struck, 328 kept. The rest is the long tail: Indonesian SLIK, Vietnamese, Spanish,
Portuguese, Turkish, German open-item lists, Indian NBFC MIS, Chinese core systems and warehouse
codes, and 111 headers in languages the recogniser does not claim (Russian, Polish, Czech,
Hungarian, Romanian, Greek, Hebrew, Arabic, Thai, Swahili, Korean, Japanese …). 63 are cited from
public repositories; four labels the drafter found to be guesses were struck (BUNGA, atrasoMaximo,
贷款人姓名, Pmt Amt).

Measured before any change prompted by it: **56.7 %, 5 wrong** as drafted (328 cases, 270 named);
**57.5 %, 5 wrong** on the 324 kept; 78.0 % and 4 wrong on the 213 in the languages the README names.
After its study: **63.5 % and none wrong on the 324 kept**; the earlier twenty-two lists give the same
applied field for every header (6,835 compared). The wrong ones: 約定返済額 (a contractual repayment is the
one due: 約定/约定 read as due, 返済 as a payment), New_versus_Repeat (a borrower flag; its "rep" named
an officer), PRI.CURRENT.BALANCE (L&T's bureau figures of the borrower's primary and secondary
accounts, PRI./SEC.: other loans'), 原贷款号 (the loan a renewal replaced: offered, not applied).
Relabelled: 审批日期 was drafted as no field; the approval date is read as the start where nothing
else dates the loan, as the SBA's DateApproved is (list 7), so it stays origination_date.

Rules added besides: 家庭电话 / 住宅电话 (the borrower's home phone; 单位电话 stays the employer's), 核心
(the core system a customer number comes from), 催收记录 (the collector's notes), 营业网点 (a branch),
"Overdue EMI" (the instalment past due), Spanish puntaje (score), Vietnamese số tiền vay and nhân
viên, Indonesian Posisi Data (the as-at date), German offener Betrag, Tage überfällig, Fälligkeit,
Debitor(ennummer), warehouse CTRT and MBL. Missed and left: the languages not claimed; 借款本金 and
대출원금 (borrowed or still owed: the header cannot say); Asset Class (in an ABS template the kind of
asset, in India the regulator's class); PAN (a card number or India's tax id); 日利率 (a daily rate
is not the annual one the field holds, as 月利率 is left); 首次逾期日期 / 首逾日 (the first time ever,
not the due date the days run from); TG_POKOK, PAR Category, Delq Cycle (abbreviations too short to
read safely).

324 cases, 267 named.
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    ('NO_REK', 'account_id'), ('TG_POKOK', 'overdue_amount'), ('JG_AKAD_AWAL', 'origination_date'),
    ('JG_JATUH_TEMPO', None), ('PG_SEKTOR_EK', 'industry'), ('TGL_LAPORAN', 'snapshot_date'),
    ('ST_TGL_MACET', None), ('Suku Bunga (% p.a.)', 'interest_rate'), ('No KTP', 'id_number'),
    ('Posisi Data', 'snapshot_date'), ('Nama Ibu Kandung', None), ('Denda Keterlambatan', None),
    ('MaKhoanVay_Code', 'account_id'), ('SoTienVay', 'credit_limit'), ('KyHanVay', None),
    ('MaNhanVienTinDung', 'owner'), ('DiemRuiRo', 'score'), ('so_ngay_qua_han', 'days_past_due'),
    ('numero_obligacion', 'account_id'), ('valor_couta', 'due_amount'), ('dias_de_mora', 'days_past_due'),
    ('intereses_mora', None), ('tipo_de_producto', 'product'), ('rango_mora_actual', 'status_label'),
    ('fecha_castigo', None), ('regional', 'region'), ('puntaje_credito', 'score'),
    ('porc_gastos_cobranza', None), ('tipo_identificacion', None), ('clienteId', 'account_id'),
    ('limiteDeCredito', 'credit_limit'), ('porVencer', None), ('Asesor de cobranza', 'owner'),
    ('Línea de crédito', 'credit_limit'), ('Interés moratorio', None), ('Cuotas vencidas', 'status_label'),
    ('Giro del negocio', 'industry'), ('NumeroDiasAtraso', 'days_past_due'), ('DataVencimento', 'due_date'),
    ('ValorMulta', None), ('ValorSaldoParcela', None), ('cari_kodu', 'account_id'),
    ('cari_unvan', 'customer_name'), ('gecikme_gunu', 'days_past_due'), ('bakiye_toplami', 'balance'),
    ('vade_gun_sayisi', None), ('Gecikme Gün Sayısı', 'days_past_due'), ('Kalan Anapara', 'balance'),
    ('Vadesi Geçmiş Tutar', 'overdue_amount'), ('Taksit Tutarı', 'due_amount'),
    ('Kullandırım Tarihi', 'origination_date'), ('Faiz Oranı', 'interest_rate'), ('Şube Adı', 'branch'),
    ('TC Kimlik No', 'id_number'), ('Müşteri Temsilcisi', 'owner'), ('Cep Telefonu', 'phone'),
    ('Debitorennummer', 'account_id'), ('Offener Betrag', 'balance'), ('Tage überfällig', 'days_past_due'),
    ('Nettofälligkeit', 'due_date'), ('Kreditlimit', 'credit_limit'), ('Sachbearbeiter', 'owner'),
    ('Belegdatum', None), ('Buchungskreis', None), ('Zahlungsbedingung', None),
    ('Capital restant dû', 'balance'), ('Taux nominal', 'interest_rate'), ("Motif d'impayé", 'overdue_reason'),
    ('貸付残高', 'balance'), ('契約番号', 'account_id'), ('延滞金額', 'overdue_amount'), ('極度額', 'credit_limit'),
    ('債務者区分', 'loan_class'), ('約定返済額', 'due_amount'), ('完済予定日', None), ('대출잔액', 'balance'),
    ('약정금액', 'credit_limit'), ('대출일자', 'origination_date'), ('해지일자', None), ('계좌번호', 'account_id'),
    ('최종적용금리', 'interest_rate'), ('기준일자', 'snapshot_date'), ('tbl_loan_id', 'account_id'), ('lender_id', None),
    ('New_versus_Repeat', None), ('Lender_portion_Funded', None), ('net_disbursement', None),
    ('Current_pincode_ID', None), ('PRI.CURRENT.BALANCE', None), ('Overdue EMI', 'overdue_amount'),
    ('Sanctioned Amt (Rs.)', 'credit_limit'), ('Asset Class (RBI)', 'loan_class'), ('PAN No.', 'id_number'),
    ('Disbursed On', 'origination_date'), ('PAR Category', 'status_label'), ('Prior Principal Balances', None),
    ('NextPaymentNr', None), ('贷款号', 'account_id'), ('结欠金额', 'balance'), ('逾期利率', None),
    ('贷款日期', 'origination_date'), ('原贷款号', None), ('第一责任人', 'owner'), ('行业类型', 'industry'),
    ('信贷产品名称', 'product'), ('手机号码2', 'phone'), ('家庭电话', 'phone'), ('汇票到期日', None), ('起息日期', 'origination_date'),
    ('五级分类类型', 'loan_class'), ('信贷业务品种', 'product'), ('原始到期日期', None), ('展期标志', None), ('证件类别', None),
    ('金融许可证号', None), ('核心客户号', 'account_id'), ('贷款本金余额（元）', 'balance'), ('管护机构', 'branch'),
    ('所属一级分行', 'branch'), ('数据加载时间戳', None), ('开户网点', 'branch'), ('贷款协议号', 'account_id'),
    ('用户姓名', 'customer_name'), ('借款本金', 'credit_limit'), ('当期已还金额', 'paid_amount'), ('催收记录', 'overdue_reason'),
    ('综合年化利率(IRR)', 'interest_rate'), ('日利率', 'interest_rate'), ('身份证号码（脱敏）', 'id_number'), ('紧急联系人姓名', None),
    ('单位名称', None), ('首次逾期日期', 'due_date'), ('退案日期', None), ('还款意愿', None), ('本币未核销余额', 'balance'),
    ('disburseDate', 'origination_date'), ('fiveLevelClass', 'loan_class'), ('LOAN_OVD_DAYS', 'days_past_due'),
    ('CUST_MBL_NO', 'phone'), ('EXEC_INT_RT', 'interest_rate'), ('LVL5_CLS', 'loan_class'), ('CRT_TM', None),
    ('FKJE', 'credit_limit'), ('贷款余额（亿元）', 'balance'), ('逾期金额（人民币元）', 'overdue_amount'),
    ('ＹＱＴＳ（天）', 'days_past_due'), ('當前逾期天數', 'days_past_due'), ('放款金額', 'credit_limit'), ('帳戶餘額', 'balance'),
    ('Outstanding Bal. ($)', 'balance'), ('Amt Overdue', 'overdue_amount'), ('Funded Date', 'origination_date'),
    ('Late Charges', None), ('Номер договора', 'account_id'), ('ФИО заемщика', 'customer_name'),
    ('Остаток основного долга', 'balance'), ('Просроченная задолженность', 'overdue_amount'),
    ('Количество дней просрочки', 'days_past_due'), ('Дата выдачи', 'origination_date'),
    ('Процентная ставка, %', 'interest_rate'), ('Сумма кредита', 'credit_limit'),
    ('Дата отчета', 'snapshot_date'), ('Филиал', 'branch'), ('Телефон заемщика', 'phone'),
    ('Dni opóźnienia', 'days_past_due'), ('Saldo zadłużenia', 'balance'), ('Numer umowy', 'account_id'),
    ('Data uruchomienia', 'origination_date'), ('Kwota zaległości', 'overdue_amount'),
    ('Oprocentowanie', 'interest_rate'), ('PESEL', 'id_number'), ('Numero pratica', 'account_id'),
    ('Data erogazione', 'origination_date'), ('Rata mensile', 'due_amount'),
    ('Tasso annuo nominale (TAN)', 'interest_rate'), ('Klantnummer', 'account_id'), ('Vervaldatum', 'due_date'),
    ('Baki Pinjaman', 'balance'), ('Bil. Hari Tertunggak', 'days_past_due'),
    ('No. Akaun Pinjaman', 'account_id'), ('Tunggakan (RM)', 'overdue_amount'),
    ('Tarikh Pengeluaran', 'origination_date'), ('ยอดหนี้คงค้าง', 'balance'),
    ('عدد أيام التأخير', 'days_past_due'), ('الرصيد القائم', 'balance'), ('رقم القرض', 'account_id'),
    ('Analista de crédito', 'owner'), ('Número de préstamo', 'account_id'), ('Capital pendiente', 'balance'),
    ('Oficina', 'branch'), ('DNI/NIE', 'id_number'), ('Parcelas em atraso', 'status_label'),
    ('Limite aprovado', 'credit_limit'), ('O/S Principal (HKD)', 'balance'), ('Arrears Value', 'overdue_amount'),
    ('Customer Surname', 'customer_name'), ('Postcode', None), ('Collections Queue', None),
    ('Reporting Month-End', 'snapshot_date'), ('Valuation Date', None), ('Settlement Figure', None),
    ('Obligor Rating', None), ('Facility Limit (USD)', 'credit_limit'), ('ECL Amount', None),
    ('GICS Sector', 'industry'), ('不良认定日', None), ('逾期期次', 'status_label'), ('客户所在省', 'region'),
    ('所属区域中心', 'region'), ('营业网点名称', 'branch'), ('产品线', 'product'), ('客户评级得分', 'score'),
    ('逾期原因备注', 'overdue_reason'), ('首逾日', 'due_date'), ('贷款余额_月末', 'balance'), ('配偶电话', None), ('批复编号', None),
    ('额度编号', None), ('审批日期', 'origination_date'), ('借款期限（月）', None), ('风险五级分类', 'loan_class'),
    ('监管五级分类', 'loan_class'), ('分类结果（五级）', 'loan_class'), ('本金逾期天数（天）', 'days_past_due'),
    ('逾期金额合计(万元)', 'overdue_amount'), ('应收账款余额（含税）', 'balance'), ('回款日期', None), ('所属大区', 'region'),
    ('curBal', 'balance'), ('annualRate', 'interest_rate'), ('acctMgr', 'owner'), ('reportDt', 'snapshot_date'),
    ('custIdNo', 'id_number'), ('OVDU_PRIN_BAL', 'overdue_amount'), ('LOAN_PRIN_BAL', 'balance'),
    ('CUR_OVDU_DAYS', 'days_past_due'), ('CTRT_AMT', 'credit_limit'), ('INDUS_TYP_CD', 'industry'),
    ('MGR_EMP_NO', 'owner'), ('BIZ_DT', 'snapshot_date'), ('GUAR_TYP_CD', None), ('CCY_CD', None),
    ('Dny po splatnosti', 'days_past_due'), ('Zůstatek jistiny', 'balance'), ('Číslo smlouvy', 'account_id'),
    ('Datum čerpání', 'origination_date'), ('Úroková sazba', 'interest_rate'),
    ('Dlužná částka po splatnosti', 'overdue_amount'), ('Késedelmes napok száma', 'days_past_due'),
    ('Tőketartozás', 'balance'), ('Szerződésszám', 'account_id'), ('Folyósítás dátuma', 'origination_date'),
    ('Hátralék összege', 'overdue_amount'), ('Zile întârziere', 'days_past_due'), ('Sold credit', 'balance'),
    ('Număr contract', 'account_id'), ('Data acordării', 'origination_date'),
    ('Sumă restantă', 'overdue_amount'), ('CNP', 'id_number'), ('Ημέρες καθυστέρησης', 'days_past_due'),
    ('Υπόλοιπο δανείου', 'balance'), ('Αριθμός σύμβασης', 'account_id'), ('ימי פיגור', 'days_past_due'),
    ('יתרת הלוואה', 'balance'), ('Siku za kuchelewa', 'days_past_due'), ('Salio la mkopo', 'balance'),
    ('Jina la mteja', 'customer_name'), ('Namba ya simu', 'phone'), ('연체원금', 'overdue_amount'),
    ('대출금리', 'interest_rate'), ('고객번호', 'account_id'), ('관리점', 'branch'), ('상품명', 'product'),
    ('휴대전화번호', 'phone'), ('대출원금', 'credit_limit'), ('실행일자', 'origination_date'), ('신용등급', None),
    ('残高（千円）', 'balance'), ('実行日', 'origination_date'), ('取扱店', 'branch'), ('顧客番号', 'account_id'),
    ('携帯電話番号', 'phone'), ('貸出金利', 'interest_rate'), ('延滞理由', 'overdue_reason'), ('入金額', 'paid_amount'),
    ('請求額', 'due_amount'), ('担当者名', 'owner'), ('業種', 'industry'), ('截至2024年6月末贷款余额（万元）', 'balance'),
    ('人民币贷款余额', 'balance'), ('表内贷款余额', 'balance'), ('其中：逾期本金', 'overdue_amount'), ('本月末逾期天数', 'days_past_due'),
    ('最新五级分类', 'loan_class'), ('当月应还款额', 'due_amount'), ('当月实际还款额', 'paid_amount'),
    ('首次放款日', 'origination_date'), ('贷款起始日期', 'origination_date'), ('借款人手机', 'phone'), ('管户经理姓名', 'owner'),
    ('支行（网点）', 'branch'), ('地市分行', 'branch'), ('行业大类', 'industry'), ('信用评级得分', 'score'),
    ('逾期原因（催收反馈）', 'overdue_reason'), ('快照月', 'snapshot_date'), ('贷款余额(本外币合计,万元)', 'balance'),
    ('放款本金（元）', 'credit_limit'), ('借款合同金额（万元）', 'credit_limit'), ('授信总额度', 'credit_limit'),
    ('应还未还本金', 'overdue_amount'), ('逾期日数', 'days_past_due'),
    ('Days Delinquent (as of month end)', 'days_past_due'), ('Unpaid Principal Bal', 'balance'),
    ('Bureau Score at Origination', 'score'), ('Ever 30+ DPD Flag', None), ('Principal Paid MTD', 'paid_amount'),
    ('Borrower Mobile', 'phone'), ('Gov ID No.', 'id_number'), ('Acct Open Dt', 'origination_date'),
    ('Cr Lmt', 'credit_limit'), ('Tot Amt Due', 'due_amount'), ('Delq Cycle', 'status_label'),
    ('Cust Nbr', 'account_id'),
]


def test_recall_on_the_twenty_third_list():
    recall, out = missed(CASES)
    assert recall >= 0.63, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_twenty_third_list():
    found = wrong(CASES)
    assert not found, found
