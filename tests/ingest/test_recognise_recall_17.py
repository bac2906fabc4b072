"""Recall of header recognition on a seventeenth list of real-world column names (a regression guard).

Written blind after the sixteenth, before the recogniser's word lists were read, from the sources
the earlier lists named least: US servicer tapes (McDash-like field names, Freddie Mac's monthly
performance file), the ECB and ESMA loan-level templates for SME, auto and consumer pools and the
UK FCA's PSD; microfinance (MIX Market, Kiva partners, Indian MFI/NBFC and BC exports with CKYC
and voter IDs, Bangladeshi taka ledgers, Kenyan mobile-money lenders); BNPL and revenue-based
finance exports; auto finance and leasing (汽车金融, 融资租赁 rent schedules); bureau tradelines
(Experian/Equifax, CIBIL, 百行/朴道 fields); Chinese trust and ABS servicer reports (资产池, 逾期分布);
bank GL exports (科目余额, 表内/表外); Japanese and Korean headers in Latin letters (Kashitsuke
Zandaka, Yeonche Ilsu); Spanish, Portuguese, French, Indonesian, Vietnamese and Thai headers; and
look-alikes that must stay unmapped (collateral and guarantee values, fees, provisions and 拨备,
write-offs, recoveries, counts, flags, ratios, other models' scores, history windows). Of 599
drafted, the 146 already in the earlier lists (case and punctuation ignored) were dropped and the
rest trimmed to 322, 227 of them named. Measured before any change prompted by it: **55.5 %, 12
wrong** (unseen); after its study 98.7 % and 2 wrong on the whole list (both left out below), 98.7 %
and none wrong on the 320 cases kept. The changes are general rules, checked against the sixteen
earlier lists (one applied field changed: the thirteenth list's "Agent de crédit" is now applied
as the owner it expects) and a probe of some 150 headers written after the recogniser was read
(not kept as a measure): transliterations and foreign words are matched only whole, never as
abbreviations or near spellings (``nam``, the Vietnamese year, had been read as "name", ``kota`` as
kolektabilitas, ``entai`` as a branch); Japanese and Korean loan words in Latin letters; French
elision (d'intérêt) and N°; tipo de interés, nợ quá hạn, high credit, last/first name as phrases; a
currency note of Africa's and South Asia's lenders (Tk, KSh, GHS) says money; a note listing what an
amount includes ("(Principal + Interest)") says nothing about the field; a loan's or credit's
classification (Clasificación del Crédito) is the regulator's class; 账龄 with a unit of months
(贷款账龄（月）, months on book as often as months late) is offered only; another model's score
(fraud, propensity, 反欺诈), a weighted average (加权平均), a balloon or residual value, a mobile-money
wallet's balance and a Vietnamese penalty (phạt) are none of the fields.

Left out, as calls the header alone cannot settle or that contradict a decision documented
elsewhere: "Overdue Since Date" (the eighth list reads "Overdue Since" as the first unpaid due
date), 违约金额 (the recogniser's own tests read it as the amount in default, i.e. overdue); and
three stay missed: "Total Demand" (a microfinance period's instalments due; a bare total due stays
offered, as it may be all that is owed), "Departamento" (a region in Colombia or Peru, a company's
department elsewhere: left unread on purpose) and "Expected Repayment Date" (a mobile loan's due
date, but "expected" is a forecast everywhere else).
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    ('Servicer Loan Number', 'account_id'), ('CurrPrinBal', 'balance'),
    ('MBADelqStatus', 'status_label'), ('MBA Delinquency Status', 'status_label'),
    ('OTS Delinquency Status', 'status_label'), ('CurrIntRate', 'interest_rate'),
    ('PIPmtAmt', 'due_amount'), ('Scheduled P&I', 'due_amount'), ('PropState', 'region'),
    ('Escrow Balance', None), ('Corporate Advance Balance', None), ('Property Value (Current)', None),
    ('Servicing Fee Rate', None), ('Paid-to Date', None), ('Credit Score (Current)', 'score'),
    ('Orig FICO', 'score'), ('Gross Interest Rate', 'interest_rate'),
    ('AS3 Loan Identifier', 'account_id'), ('AS117 Principal Arrears', 'overdue_amount'),
    ('AS118 Days in Principal Arrears', 'days_past_due'), ('AS121 Default Amount', None),
    ('AS124 Cumulative Recoveries', None), ('AS26 Collateral Value', None),
    ('AUTL31 Current Principal Balance', 'balance'), ('AUTL6 Data Cut-Off Date', 'snapshot_date'),
    ('CMRL51 Number Of Days In Arrears', 'days_past_due'),
    ('CMRL29 Original Principal Balance', 'credit_limit'), ('AUTL53 Arrears Balance', 'overdue_amount'),
    ('AUTL17 Geographic Region - Obligor', 'region'), ('CMRL39 Current Interest Rate', 'interest_rate'),
    ('Original Vehicle Value', None), ('Residual Value', None),
    ('Current Balance Outstanding', 'balance'), ('Monthly Payment Due', 'due_amount'),
    ('Monthly Payment Received', 'paid_amount'), ('Date of Account Opening', 'origination_date'),
    ('Interest Rate Type', None), ('Interest Rate Margin', None), ('CKYC Number', 'id_number'),
    ('Voter ID No', 'id_number'), ('Total Demand', 'due_amount'),
    ('Overdue Amt (Principal + Interest)', 'overdue_amount'), ('PAR Days', 'days_past_due'),
    ('Disb Date', 'origination_date'), ('Loan Disbursed (Tk)', 'credit_limit'),
    ('Overdue (Tk)', 'overdue_amount'), ('Outstanding (Tk)', 'balance'), ('NID No', 'id_number'),
    ('Loan Balance (KES)', 'balance'), ('Total Repaid', None), ('DPD Bucket (Current)', 'status_label'),
    ('Provision Amount (Rs.)', None), ('Security Value', None),
    ('advance_amount', 'credit_limit'), ('Balance Remaining', 'balance'),
    ('Contract Date', 'origination_date'), ('Payoff Amount', None), ('Contract Rate', 'interest_rate'),
    ('Days Past Due (Contractual)', 'days_past_due'), ('首付金额', None), ('剩余期数', None), ('尾款金额', None),
    ('租金逾期天数', 'days_past_due'), ('租赁物名称', None), ('租赁物评估价值', None), ('当期应还租金', 'due_amount'),
    ('Written-off Amount (Total)', None), ('Settlement Amount', None), ('Value of Collateral', None),
    ('Sanctioned Amount/High Credit', 'credit_limit'), ('CIBIL TransUnion Score', 'score'),
    ('Days Past Due/Asset Classification (up to 36 months)', None), ('反欺诈评分', None), ('累计违约率', None),
    ('早偿金额', None), ('加权平均利率', None), ('当前贷款状态', 'status_label'), ('五级分类（入池时）', None), ('期初借方余额', None),
    ('本期借方发生额', None), ('表内利息', None), ('表外利息', None), ('核销本金', None), ('表外欠息余额', None), ('记账日期', None),
    ('Kashitsuke Zandaka', 'balance'), ('Entai Nissu', 'days_past_due'),
    ('Entai Kingaku', 'overdue_amount'), ('Keiyaku Bango', 'account_id'),
    ('Kokyaku Mei', 'customer_name'), ('Denwa Bango', 'phone'), ('Shiten Mei', 'branch'),
    ('Kinri', 'interest_rate'), ('Kijun Bi', 'snapshot_date'), ('Tanpo Hyoka Gaku', None),
    ('Hoshonin Mei', None), ('Daechul Janaek', 'balance'), ('Yeonche Ilsu', 'days_past_due'),
    ('Yeonche Geumaek', 'overdue_amount'), ('Gyeyak Beonho', 'account_id'),
    ('Gogaek Myeong', 'customer_name'), ('Jeonhwa Beonho', 'phone'), ('Sinyong Jeomsu', 'score'),
    ('Geumni', 'interest_rate'), ('Gijun Ilja', 'snapshot_date'), ('Jumin Beonho', 'id_number'),
    ('Dambo Gachi', None), ('Saldo Capital Vigente', 'balance'),
    ('Tasa de Interés Efectiva Anual', 'interest_rate'), ('Clasificación del Crédito', 'loan_class'),
    ('Nombre del Cliente', 'customer_name'), ('Asesor de Crédito', 'owner'),
    ('Teléfono Celular', 'phone'), ('DNI del Titular', 'id_number'), ('Provisión Constituida', None),
    ('Monto Castigado', None), ('Valor del Avalúo', None), ('Número de Cuotas Pagadas', None),
    ('Cuota Mensual', 'due_amount'), ('Fecha de Pago Programada', 'due_date'),
    ('Producto Crediticio', 'product'), ('Actividad Económica', 'industry'), ('Departamento', 'region'),
    ('Municipio', 'region'), ('Motivo de Mora', 'overdue_reason'),
    ('Estado del Crédito', 'status_label'), ('Taxa de Juros a.m.', None),
    ('Taxa de Juros a.a.', 'interest_rate'), ('CPF do Cliente', 'id_number'),
    ('Número do Contrato', 'account_id'), ('Provisão (PDD)', None), ('Valor da Garantia', None),
    ('Modalidade de Crédito', 'product'), ('Encours Restant Dû', 'balance'),
    ('Nombre de Jours de Retard', 'days_past_due'), ('Date de Déblocage', 'origination_date'),
    ('Montant Accordé', 'credit_limit'), ("Taux d'Intérêt Annuel", 'interest_rate'),
    ("Nom de l'Emprunteur", 'customer_name'), ('N° de Prêt', 'account_id'), ('Agence', 'branch'),
    ('Chargé de Clientèle', 'owner'), ('Téléphone Portable', 'phone'),
    ('Échéance Mensuelle', 'due_amount'), ('Provision Constituée', None),
    ("Date d'Arrêté", 'snapshot_date'), ("Secteur d'Activité", 'industry'),
    ('Motif du Retard', 'overdue_reason'), ('Statut du Prêt', 'status_label'),
    ('Jumlah Hari Tunggakan', 'days_past_due'), ('Kualitas Kredit', 'loan_class'),
    ('Tanggal Akad', 'origination_date'), ('No Rekening', 'account_id'), ('No HP', 'phone'),
    ('Angsuran per Bulan', 'due_amount'), ('Kantor Cabang', 'branch'),
    ('Cadangan Kerugian Penurunan Nilai (CKPN)', None), ('Tanggal Jatuh Tempo Angsuran', 'due_date'),
    ('Nama Kolektor', 'owner'), ('Provinsi', 'region'), ('Nomor KTP', 'id_number'),
    ('Nợ quá hạn', 'overdue_amount'), ('Số tiền giải ngân', 'credit_limit'),
    ('Lãi suất (%/năm)', 'interest_rate'), ('Cán bộ tín dụng', 'owner'),
    ('Giá trị tài sản bảo đảm', None), ('Dự phòng rủi ro', None), ('Du no goc', 'balance'),
    ('ยอดหนี้คงเหลือ', 'balance'), ('ยอดค้างชำระ', 'overdue_amount'), ('ชื่อลูกค้า', 'customer_name'),
    ('เบอร์โทรศัพท์', 'phone'), ('เลขบัตรประชาชน', 'id_number'), ('อัตราดอกเบี้ย', 'interest_rate'),
    ('สาขา', 'branch'), ('วันที่เบิกจ่าย', 'origination_date'), ('วงเงินสินเชื่อ', 'credit_limit'),
    ('ค่างวด', 'due_amount'), ('มูลค่าหลักประกัน', None), ('ค่าเผื่อหนี้สงสัยจะสูญ', None),
    ('สถานะบัญชี', 'status_label'), ('Collateral Market Value', None),
    ('Guarantee Coverage Amount', None), ('Processing Fee', None), ('Late Payment Fee', None),
    ('Loan Loss Provision', None), ('Amount Written Off', None), ('Post Write-off Recoveries', None),
    ('Fraud Score', None), ('Propensity to Pay Score', None), ('Worst Delinquency (L24M)', None),
    ('DPD 30+ Count Last 6M', None), ('Highest Balance', None), ('Prior Month Balance', None),
    ('Balance 3 Months Ago', None), ('Last Month DPD', None), ('Previous Bucket', None),
    ('Application Score', 'score'), ('逾期账户数', None), ('累计核销金额', None), ('核销后收回金额', None),
    ('拨备余额', None), ('计提拨备金额', None), ('Unpaid Prin Bal (Curr)', 'balance'),
    ('Payment Due Date (Current)', 'due_date'), ('Total Monthly Pmt (PITI)', 'due_amount'),
    ('Last Full Payment Received Date', None), ('Loan Status (MBA Method)', 'status_label'),
    ('Delinquency Bucket (OTS)', 'status_label'), ('Sched Pmt Amt', 'due_amount'),
    ('Actual Pmt Amt', 'paid_amount'), ('Total Delinquent Amount', 'overdue_amount'),
    ('Arrearage Amount', 'overdue_amount'), ('Borrower Last Name', 'customer_name'),
    ('Co-Borrower Last Name', None), ('Origination Channel (Retail/Broker/Correspondent)', 'channel'),
    ('Current Outstanding Principal', 'balance'), ('Arrears Months', 'status_label'),
    ('Instalment Amount (Contractual)', 'due_amount'), ('Amount Received in Month', 'paid_amount'),
    ('Borrower Region (NUTS3)', 'region'), ('Reporting Reference Date', 'snapshot_date'),
    ('Client Name (as per Aadhaar)', 'customer_name'), ('Weekly Installment', 'due_amount'),
    ('Installment Collected', 'paid_amount'), ('Arrear Principal', 'overdue_amount'),
    ('Days in Arrears (PAR)', 'days_past_due'), ('Loan Officer Code', 'owner'), ('Village', 'region'),
    ('Upazila', 'region'), ('Mobile Money Number', 'phone'),
    ('National ID / Passport No.', 'id_number'), ('Amount Due Today', 'due_amount'),
    ('Loan Taken On', 'origination_date'), ('Expected Repayment Date', 'due_date'),
    ('Amount Repaid So Far', None), ('Spending Limit', 'credit_limit'),
    ('Net Amount Financed', 'credit_limit'), ('Customer Rate (APR)', 'interest_rate'),
    ('Balloon Payment Due Date', None), ('车贷合同号', 'account_id'), ('融资租赁合同编号', 'account_id'),
    ('承租人手机号', 'phone'), ('租金余额', 'balance'), ('租金逾期期数', 'status_label'), ('首期租金', None),
    ('租赁保证金', None), ('Opened On', 'origination_date'), ('High Balance', None),
    ('当期逾期天数', 'days_past_due'), ('当期末未偿本金余额', 'balance'), ('当期应收本金', 'due_amount'),
    ('回收款', None), ('逾期状态（M0-M6）', 'status_label'), ('贷款账龄（月）', None), ('表外应收利息', None),
    ('表内应收利息', None), ('计提减值金额', None), ('已核销本金余额', None), ('账务机构', 'branch'), ('Zandaka', 'balance'),
    ('Kashitsuke Bango', 'account_id'), ('Yakujo Hensai Bi', 'due_date'),
    ('Daechul Beonho', 'account_id'), ('Yeonche Sangtae', 'status_label'),
    ('Hando Geumaek', 'credit_limit'), ('Gyeyak Ilja', 'origination_date'), ('Jijeom Myeong', 'branch'),
    ('Días de Impago', 'days_past_due'), ('Importe Vencido', 'overdue_amount'),
    ('Importe Concedido', 'credit_limit'), ('Fecha de Formalización', 'origination_date'),
    ('Titular del Préstamo', 'customer_name'), ('NIF del Titular', 'id_number'),
    ('Oficina Gestora', 'branch'), ('Tipo de Interés Nominal', 'interest_rate'),
    ('Límite de Crédito', 'credit_limit'), ('Saldo em Aberto', 'balance'),
    ('Dias de Inadimplência', 'days_past_due'), ('Valor Vencido', 'overdue_amount'),
    ('Data da Liberação', 'origination_date'), ('Limite de Crédito', 'credit_limit'),
    ('Parcela Mensal', 'due_amount'), ('Gerente da Conta', 'owner'),
    ('Motivo do Atraso', 'overdue_reason'), ('Situação do Contrato', 'status_label'),
    ('Nome do Tomador', 'customer_name'), ('Capital Restant', 'balance'),
    ('Montant des Arriérés', 'overdue_amount'), ('Date de Mise en Place', 'origination_date'),
    ('Montant Octroyé', 'credit_limit'), ('Plafond Autorisé', 'credit_limit'),
    ('Numéro de Dossier', 'account_id'), ('Gestionnaire', 'owner'),
    ("Date d'Échéance de la Mensualité", 'due_date'), ('Mensualité', 'due_amount'),
    ('Montant Réglé', 'paid_amount'), ('Numéro CNI', 'id_number'), ('Sisa Pinjaman', 'balance'),
    ('Jumlah Tunggakan', 'overdue_amount'), ('Nomor Kontrak', 'account_id'),
    ('Kabupaten/Kota', 'region'), ('Nama AO', 'owner'), ('Status Kolektibilitas', 'loan_class'),
    ('Tong du no', 'balance'), ('So tien qua han', 'overdue_amount'),
    ('Han muc tin dung', 'credit_limit'), ('Nhom no (CIC)', 'loan_class'),
    ('Lai suat', 'interest_rate'), ('วันครบกำหนดชำระ', 'due_date'), ('ชื่อพนักงานติดตามหนี้', 'owner'),
    ('ประเภทสินเชื่อ', 'product'), ('จังหวัด', 'region'), ('ยอดเงินต้นคงเหลือ', 'balance'),
    ('Guarantee Fee', None), ('Collateral Coverage Ratio', None), ('Charged-off Principal', None),
    ('Previous Month Status', None), ('Balance at Charge-off', None), ('Utilisation Rate', None),
]


def test_recall_on_the_seventeenth_list():
    recall, out = missed(CASES)
    assert recall >= 0.98, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_seventeenth_list():
    found = wrong(CASES)
    assert not found, found
