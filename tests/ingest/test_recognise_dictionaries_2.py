"""Whole layouts from a second set of public data dictionaries, and the miss kinds of the last blind measure.

Headers are copied from published layouts: a Chinese retail-credit modelling dictionary (个人客户信息,
贷款协议, 贷款借据, 还款计划), a consumer-finance 借据/期数单 table, the PBC credit report's account
record (借贷账户基本信息), an MFI portfolio report (Nigeria), a US personal-loan take-home
dictionary, a European banking-risk dashboard, a dbt arrears model, a Honduran microfinance
portfolio (cartera), a Latin-American credit extract, a Taiwanese loan system's JCIC monthly file
(聯徵放款月報). The expected field is written from each dictionary's definition: a repayment card
(还款卡号) or a card-type code (卡种代码) is not the loan's number, a borrower's document number
is their identity number, a count of instalments is no amount, a maturity (到期日期) is no due date
of an instalment, a deposit's or a provision's balance is not the loan's.

The last blind measure's miss kinds have a test each: sibling balances and dates, account-id
wordings, masked personal data, month and value-date wordings, days-past-due variants,
traditional Chinese, and the five-tier class as codes 1–5.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.readers import RawTable
from analysis.ingest.recognise import header_field, recognise_columns, suggest_mapping


def _raw(headers: list[str], rows: list[list[object]] | None = None) -> RawTable:
    rows = rows or [[""] * len(headers)]
    frame = pd.DataFrame(rows, columns=headers).astype(object)
    return RawTable(frame=frame, source_rows=np.arange(2, 2 + len(rows)), header_row=1, file_format="csv")


def _columns(columns: dict[str, list[object]]) -> RawTable:
    n = max(len(v) for v in columns.values())
    return _raw(list(columns), [[columns[h][i % len(columns[h])] for h in columns] for i in range(n)])


def _check(layout: list[str] | RawTable, expected: dict[str, str | None]) -> None:
    """Each named field is applied to its column; a ``None`` column gets no field applied."""
    raw = layout if isinstance(layout, RawTable) else _raw(layout)
    by_header = {h: f for f, h in suggest_mapping(raw).items()}
    wrong = {h: (e, by_header.get(h)) for h, e in expected.items() if by_header.get(h) != e}
    assert not wrong, wrong


# --------------------------------------------------------------------------------------------
# published layouts


def test_chinese_retail_credit_customer_table():
    layout = ["客户编号", "客户姓名", "证件类型", "证件号码", "出生日期", "客户性别", "婚姻状况", "教育程度", "客户职业",
              "联系电话", "电子邮件", "居住类型", "居住地址", "银行卡号", "开户银行", "卡种代码", "卡种名称", "创建机构",
              "创建柜员", "创建日期", "创建时间"]
    _check(layout, {"客户编号": "account_id", "客户姓名": "customer_name", "证件类型": None, "证件号码": "id_number",
                    "联系电话": "phone", "出生日期": None, "居住地址": None,
                    "开户银行": None, "电子邮件": None})


def test_chinese_retail_credit_agreement_and_iou_tables():
    agreement = ["客户编号", "协议编号", "产品名称", "贷款用途", "贷款金额", "贷款币种", "剩余本金", "贷款利率", "贷款期限",
                 "期限单位", "担保方式", "生效日期", "到期日期", "还款卡号", "贷款机构"]
    _check(agreement, {"协议编号": "account_id", "客户编号": None, "还款卡号": None, "产品名称": "product",
                       "贷款用途": None, "贷款金额": None, "剩余本金": "balance", "贷款利率": "interest_rate",
                       "贷款期限": None, "担保方式": None, "到期日期": None, "贷款机构": "branch", "贷款币种": None})
    iou = ["客户编号", "借据编号", "贷款金额", "贷款利率", "利率方式", "贷款期限", "期限单位", "还款方式", "还款顺序",
           "担保方式", "放款日期", "放款时间"]
    _check(iou, {"借据编号": "account_id", "客户编号": None, "放款日期": "origination_date", "还款方式": None,
                 "利率方式": None, "贷款金额": "credit_limit"})


def test_consumer_finance_iou_and_instalment_tables():
    iou = ["借据ID", "账户ID", "借据编号", "银行卡号", "银行名称", "放款业务流水号", "借据类型", "利率", "利息周期", "罚息率",
           "罚息周期", "贷款总本金", "贷款期限", "还款方式", "还款间隔", "总期数", "贷款起息日", "借款日", "贷款到期日",
           "借据状态", "结清日期", "借据余额", "已计划本金", "未计划本金", "本金桶余额", "利息桶余额", "罚息桶余额",
           "费用桶余额", "应还本金", "应还利息", "应还罚息", "应还费用", "已还本金", "已还利息", "已还罚息", "已还费用",
           "逾期天数", "逾期等级", "版本", "数据更新时间", "债权方比例", "申请授信件编号", "借款用途", "放款渠道"]
    _check(iou, {"借据余额": "balance", "应还本金": "due_amount", "已还本金": "paid_amount", "逾期天数": "days_past_due",
                 "贷款起息日": "origination_date", "放款渠道": "channel", "银行卡号": None, "银行名称": None,
                 "罚息率": None, "利息桶余额": None, "罚息桶余额": None, "费用桶余额": None, "应还利息": None,
                 "应还罚息": None, "已还利息": None, "已还费用": None, "结清日期": None, "贷款到期日": None,
                 "借款用途": None, "总期数": None, "债权方比例": None, "版本": None})
    schedule = ["期数单ID", "借据ID", "期数单状态", "计划项还款日", "实际还款日", "逾期等级", "逾期天数", "期数单余额",
                "本金桶余额", "利息桶余额", "应还本金", "应还利息", "已还本金", "已还利息", "版本"]
    _check(schedule, {"借据ID": "account_id", "逾期天数": "days_past_due", "应还本金": "due_amount",
                      "已还本金": "paid_amount", "实际还款日": None, "利息桶余额": None, "应还利息": None,
                      "已还利息": None, "逾期等级": "status_label"})


def test_pbc_credit_report_account_record():
    layout = ["报告编号", "账户编号", "账户类型", "业务管理机构类型", "业务管理机构代码", "账户标识", "授信协议编号",
              "业务种类", "开立日期", "到期日期", "币种", "借款金额", "账户授信额度", "共享授信额度", "还款方式", "还款频率",
              "还款期数", "担保方式", "贷款发放形式", "共同借款标志"]
    _check(layout, {"账户编号": "account_id", "业务种类": "product", "开立日期": "origination_date",
                    "账户授信额度": "credit_limit", "报告编号": None, "到期日期": None, "币种": None,
                    "共享授信额度": None, "还款方式": None, "还款频率": None, "担保方式": None, "共同借款标志": None})


def test_mfi_portfolio_report():
    layout = ["Serial number", "Account officer", "Customer name", "Phone number", "Customers address", "Gender",
              "Loan amount", "Outstanding loan balance", "Disbursement date", "Maturity date", "Product type",
              "Customer account balance", "Past due principal", "Past due interest", "Total principal paid",
              "Loan arrears", "Days overdue", "Status"]
    _check(layout, {"Account officer": "owner", "Customer name": "customer_name", "Phone number": "phone",
                    "Loan amount": None, "Outstanding loan balance": "balance",
                    "Disbursement date": "origination_date", "Maturity date": None, "Product type": "product",
                    "Customer account balance": None, "Past due principal": "overdue_amount",
                    "Past due interest": None, "Total principal paid": None, "Days overdue": "days_past_due",
                    "Status": "status_label", "Gender": None, "Customers address": None, "Serial number": None})


def test_personal_loan_dictionary_and_risk_dashboard():
    loans = ["loan_id", "origination_date", "vintage", "months_on_book", "fico_score", "income", "debt_to_income",
             "num_open_trades", "utilization_rate", "inquiries_last_6m", "loan_amount", "term", "apr", "channel",
             "employment_length", "state", "age", "days_past_due_current", "total_payments_to_date",
             "sample_weight", "default_12m"]
    _check(loans, {"loan_id": "account_id", "origination_date": "origination_date", "fico_score": "score",
                   "loan_amount": "credit_limit", "apr": "interest_rate", "channel": "channel", "state": "region",
                   "days_past_due_current": "days_past_due", "months_on_book": None, "income": None,
                   "utilization_rate": None, "inquiries_last_6m": None, "term": None, "age": None,
                   "total_payments_to_date": None, "default_12m": None, "sample_weight": None})
    dashboard = ["Loan_ID", "Loan_Amount_EUR", "Outstanding_Balance_EUR", "Sector", "Credit_Rating", "Days_Past_Due",
                 "KYC_Status"]
    _check(dashboard, {"Loan_ID": "account_id", "Loan_Amount_EUR": None,
                       "Outstanding_Balance_EUR": "balance", "Sector": "industry", "Days_Past_Due": "days_past_due",
                       "Credit_Rating": None, "KYC_Status": None})


def test_arrears_model_with_an_exposure_and_a_bucket():
    layout = ["as_of_date", "loan_id", "borrower_id", "product_type", "currency", "origination_date", "exposure",
              "days_past_due", "dpd_bucket", "npl_flag", "past_due_amount_total"]
    _check(layout, {"as_of_date": "snapshot_date", "loan_id": "account_id", "borrower_id": None,
                    "product_type": "product", "currency": None, "origination_date": "origination_date",
                    "exposure": "balance", "days_past_due": "days_past_due", "npl_flag": None,
                    "past_due_amount_total": "overdue_amount"})


def test_latin_american_portfolio_and_credit_extract():
    cartera = ["IdPersona", "prestamoId", "nombreCliente", "celular", "diaPago", "montoOtorgado", "saldoCapitalActual",
               "saldoActual", "valorCuota", "plazo", "meses", "tasa", "cuotasPagadas", "valorTotal",
               "valorCuotasAtrasadas", "diasEnMora", "totalMora", "fechaVencimiento", "mora"]
    _check(cartera, {"prestamoId": "account_id", "nombreCliente": "customer_name", "celular": "phone",
                     "montoOtorgado": None, "saldoCapitalActual": "balance", "saldoActual": None,
                     "valorCuota": "due_amount", "tasa": "interest_rate", "diasEnMora": "days_past_due",
                     "plazo": None, "cuotasPagadas": None, "IdPersona": None})
    extract = ["creditNumber", "status", "recordDate", "creditStartDate", "maturityDate", "firstCollectionDate",
               "borrowerDocumentNumber", "borrowerName", "affiliationOfficeName", "agreementLabel"]
    _check(extract, {"creditNumber": "account_id", "creditStartDate": "origination_date", "maturityDate": None,
                     "borrowerDocumentNumber": "id_number", "borrowerName": "customer_name",
                     "firstCollectionDate": None})


def test_loan_listing_with_counts_of_instalments():
    layout = ["id", "client_id", "client_name", "amount", "balance", "status", "interest_rate", "created_by_name",
              "delivered_by_name", "total_installments", "pending_installments", "payments_count", "created_at"]
    _check(layout, {"id": "account_id", "client_name": "customer_name", "balance": "balance",
                    "status": "status_label", "interest_rate": "interest_rate", "total_installments": None,
                    "pending_installments": None, "payments_count": None, "created_by_name": None})


def test_taiwanese_monthly_loan_file():
    layout = ["資料年月", "戶號", "額度編號", "撥款序號", "借款人ID / 統編", "戶況", "企金別"]
    _check(layout, {"資料年月": "snapshot_date", "戶號": "account_id", "額度編號": None, "企金別": None})


# --------------------------------------------------------------------------------------------
# the last blind measure's miss kinds


@pytest.mark.parametrize("principal, total", [
    ("Principal Balance", "Total Balance"), ("Principal Balance", "Balance"), ("Principal Outstanding", "Current Balance"),
    ("本金余额", "本息余额"), ("未偿本金", "未偿本息"), ("贷款本金余额", "账户余额"), ("Outstanding Principal", "Total Outstanding"),
    ("剩余本金", "总余额"), ("Principal Balance", "Balance Incl Interest"),
])
def test_the_principal_balance_wins_over_a_total(principal, total):
    raw = _columns({"Loan No": ["A1", "A2", "A3"], "DPD": [0, 5, 40], total: [110.5, 210.1, 35.2],
                    principal: [100.5, 200.1, 30.2]})
    _check(raw, {principal: "balance", total: None})


def test_a_loan_balance_beside_a_principal_balance_is_kept():
    # 贷款余额 is the principal in a Chinese ledger: either is right, the exact one stays
    raw = _columns({"账号": ["A1", "A2"], "贷款余额": [1.5, 2.5], "本金余额": [1.5, 2.5]})
    assert suggest_mapping(raw)["balance"] == "贷款余额"


@pytest.mark.parametrize("snapshot, other, field", [
    ("数据日期", "起息日", "origination_date"), ("统计日期", "记账日期", None), ("Reporting Date", "Value Date", None),
    ("Snapshot Date", "Last Payment Date", None), ("As of Date", "Maturity Date", None),
])
def test_two_dates_the_snapshot_is_the_data_date(snapshot, other, field):
    raw = _columns({"Loan No": ["A1", "A2"], snapshot: ["2024-03-31"] * 2, other: ["2023-01-15"] * 2})
    _check(raw, {snapshot: "snapshot_date", other: field})


@pytest.mark.parametrize("header", ["合同号", "借据编号", "贷款账号", "Facility ID", "Contract Reference", "Loan Ref",
                                    "Obligor ID", "Borrower ID", "贷款合同号", "信贷合同编号", "Counterparty Identifier",
                                    "Número de Crédito", "creditNumber", "放款帳號", "借據編號"])
def test_account_id_wordings(header):
    _check(_columns({header: ["A1", "A2", "A3"], "逾期天数": [0, 5, 40], "贷款余额": [1.0, 2.0, 3.0]}),
           {header: "account_id"})


@pytest.mark.parametrize("header", ["还款卡号", "还款账号", "扣款账号", "卡种代码", "商户号", "Deal ID"])
def test_other_numbers_are_not_the_account(header):
    # a repayment card, a card type, a merchant, a securitisation deal: not the loan's number
    assert suggest_mapping(_columns({header: ["A1", "A2", "A3"], "逾期天数": [0, 5, 40]})).get("account_id") != header


@pytest.mark.parametrize("phones, ids, names", [
    (["138****1234", "139****5678", "150****0000"], ["4401**********1234", "110101********123X", "3201**********0012"],
     ["张*", "李**", "王*明"]),
    (["138 **** 1234", "139 **** 5678", "150 **** 0000"], ["******19900101****"] * 3, ["*三", "*四", "*五"]),
    (["1381234****", "1391234****", "+86-150****0000"], ["440101********1234", "1101**********123X", "XXXXXXXXXXXXXX1234"],
     ["J*** Smith", "A. ****", "欧阳**"]),
    ([13812345678, 13912345678, 15012345678], [110101199001011234, 320101198505051234, 440101197012121234],
     ["张三", "李四", "王五"]),
])
@pytest.mark.parametrize("headers", [("手机号", "身份证号", "客户姓名"), ("借款人手机号", "借款人证件号码", "借款人姓名"),
                                     ("Mobile No", "National ID", "Borrower Name")])
def test_masked_personal_data_still_confirms_its_field(phones, ids, names, headers):
    phone, idn, name = headers
    raw = _columns({"借据号": ["A1", "A2", "A3"], "逾期天数": [0, 5, 40], phone: phones, idn: ids, name: names})
    _check(raw, {phone: "phone", idn: "id_number", name: "customer_name"})


@pytest.mark.parametrize("values", [[32024, 42024, 122024], [202403, 202404, 202405], ["2024年3月", "2024年4月", "2024年5月"],
                                    ["Mar-24", "Apr-24", "May-24"], ["032024", "042024", "122024"]])
@pytest.mark.parametrize("header", ["统计月份", "Reporting Month", "数据年月"])
def test_snapshot_months_in_many_spellings(values, header):
    _check(_columns({"账号": ["A1", "A2", "A3"], header: values, "余额": [1.5, 2.5, 3.5]}), {header: "snapshot_date"})


def test_a_value_date_is_not_the_snapshot_when_the_snapshot_is_named():
    raw = _columns({"Loan No": ["A1"], "Value Date": ["2023-01-01"], "Booking Date": ["2024-03-31"],
                    "Reporting Date": ["2024-03-31"], "Balance": [1.5]})
    _check(raw, {"Reporting Date": "snapshot_date", "Value Date": None})


@pytest.mark.parametrize("header", ["逾期天数(天)", "拖欠天数", "账龄天数", "欠款天数", "DPD_days", "days in arrears",
                                    "Arrears Days", "Days Overdue", "Number of Days Past Due", "dias de atraso",
                                    "Días de Mora", "Dias em atraso", "Ageing Days", "Aging (Days)", "逾期天數", "拖欠日数"])
def test_days_past_due_variants(header):
    _check(_columns({"账号": ["A1", "A2", "A3"], header: [0, 5, 40], "余额": [1.5, 2.5, 3.5]}), {header: "days_past_due"})


@pytest.mark.parametrize("header, field", [
    ("貸款餘額", "balance"), ("逾期天數", "days_past_due"), ("帳號", "account_id"), ("產品", "product"), ("分行", "branch"),
    ("還款金額", "paid_amount"), ("資料日期", "snapshot_date"), ("撥款日期", "origination_date"), ("應繳金額", "due_amount"),
    ("營業單位", "branch"), ("聯絡電話", "phone"), ("身分證字號", "id_number"), ("借據編號", "account_id"),
    ("客戶名稱", "customer_name"), ("五級分類", "loan_class"), ("逾期狀態", "status_label"), ("行業別", "industry"),
])
def test_traditional_chinese_headers(header, field):
    found = header_field(header)
    assert found is not None and found[0] == field and found[1] >= 0.75, found


def test_dpd_bucket_and_overdue_grade_are_statuses():
    assert header_field("DPD Bucket")[0] == "status_label"
    assert header_field("逾期等级")[0] == "status_label"


@pytest.mark.parametrize("header", ["可用额度", "已用额度", "Available Limit", "存款余额", "拨备余额", "Other Balances",
                                    "Provision Balance", "联系人电话", "total_installments"])
def test_look_alikes_are_not_applied(header):
    found = header_field(header)
    assert found is None or found[1] < 0.75, found


@pytest.mark.parametrize("codes", [["1", "2", "3", "1", "5"], [1, 1, 2, 3, 4], ["01", "02", "05", "01", "03"]])
def test_five_tier_codes_are_the_class(codes):
    raw = _columns({"账号": ["A1", "A2", "A3", "A4", "A5"], "逾期天数": [0, 5, 40, 0, 0], "五级分类": codes})
    assert {s.header: s.field for s in recognise_columns(raw)}.get("五级分类") == "loan_class"
    _check(raw, {"五级分类": "loan_class"})


def test_codes_under_a_risk_grade_are_not_the_class():
    raw = _columns({"账号": ["A1", "A2", "A3"], "逾期天数": [0, 5, 40], "风险等级": [1, 2, 3]})
    _check(raw, {"风险等级": None})


def test_brazilian_and_mexican_loan_tapes():
    brazil = ["Número do Contrato", "CPF", "Nome do Cliente", "Saldo Devedor", "Dias em Atraso", "Data de Vencimento",
              "Data da Contratação", "Valor Contratado", "Taxa de Juros", "Agência", "Produto", "Data Base", "UF",
              "Telefone", "Valor da Parcela", "Valor em Atraso", "Gerente", "Segmento", "Rating"]
    _check(brazil, {"Número do Contrato": "account_id", "CPF": "id_number", "Nome do Cliente": "customer_name",
                    "Saldo Devedor": "balance", "Dias em Atraso": "days_past_due",
                    "Data da Contratação": "origination_date", "Valor Contratado": None,
                    "Taxa de Juros": "interest_rate", "Agência": "branch", "Produto": "product",
                    "Data Base": "snapshot_date", "UF": "region", "Telefone": "phone", "Valor da Parcela": "due_amount",
                    "Valor em Atraso": "overdue_amount", "Gerente": "owner", "Rating": None})
    mexico = ["Número de Crédito", "Número de Cliente", "Nombre", "RFC", "CURP", "Teléfono", "Sucursal", "Región",
              "Estado", "Municipio", "Producto", "Fecha de Otorgamiento", "Fecha de Corte", "Monto Otorgado",
              "Saldo Insoluto", "Saldo Vencido", "Días de Atraso", "Tasa de Interés", "Ejecutivo", "Calificación"]
    _check(mexico, {"Número de Crédito": "account_id", "Número de Cliente": None, "Nombre": "customer_name",
                    "CURP": "id_number", "Teléfono": "phone", "Sucursal": "branch", "Región": "region",
                    "Producto": "product", "Fecha de Otorgamiento": "origination_date", "Fecha de Corte": "snapshot_date",
                    "Monto Otorgado": None, "Saldo Insoluto": "balance", "Saldo Vencido": "overdue_amount",
                    "Días de Atraso": "days_past_due", "Tasa de Interés": "interest_rate", "Ejecutivo": "owner",
                    "Estado": None, "Calificación": None})


@pytest.mark.parametrize("header, field", [
    ("Ciudad", "region"), ("TEA", "interest_rate"), ("Tramo de Mora", "status_label"), ("Cupo", "credit_limit"),
    ("Notional", None), ("ApprovalFY", None), ("Departamento", None),
])
def test_spanish_and_english_look_alikes_are_read_by_their_meaning(header, field):
    # a city is no ID number (ciudadanía), an annual rate (TEA) no amount, a band of arrears no amount,
    # a notional no misspelt national ID, a fiscal year no limit
    found = header_field(header)
    assert (found[0] if found else None) == field, found


def test_an_asset_id_is_not_a_product():
    found = header_field("Asset ID")
    assert found is None or found[0] != "product", found


def test_anacredit_instrument_attributes():
    # ECB AnaCredit: a contract may hold several instruments; the instrument is the loan
    layout = ["Observed agent identifier", "Contract identifier", "Instrument identifier", "Type of instrument",
              "Inception date", "Legal final maturity date", "Currency", "Commitment amount at inception",
              "Outstanding nominal amount", "Accrued interest", "Default status of the instrument", "Interest rate",
              "Off-balance sheet amount", "Accumulated impairment amount", "Status of forbearance and renegotiation",
              "Reference date", "Name", "National identifier"]
    _check(layout, {"Instrument identifier": "account_id", "Contract identifier": None,
                    "Inception date": "origination_date", "Legal final maturity date": None, "Currency": None,
                    "Commitment amount at inception": "credit_limit", "Outstanding nominal amount": "balance",
                    "Accrued interest": None, "Interest rate": "interest_rate", "Off-balance sheet amount": None,
                    "Accumulated impairment amount": None, "Reference date": "snapshot_date", "Name": "customer_name",
                    "National identifier": "id_number"})


def test_uk_rmbs_and_indian_loan_tapes():
    rmbs = ["Loan Identifier", "Borrower Identifier", "Pool Cut-off Date", "Origination Date", "Maturity Date",
            "Original Balance", "Current Balance", "Current Interest Rate", "Account Status", "Arrears Balance",
            "Months In Arrears", "Date Last In Arrears", "Region", "Primary Income", "Employment Status",
            "Credit Score", "Payment Due", "Payment Made", "Default Date", "Cumulative Recoveries",
            "Current Valuation Amount", "Original Loan To Value", "Purpose", "Originator", "Servicer"]
    _check(rmbs, {"Loan Identifier": "account_id", "Pool Cut-off Date": "snapshot_date",
                  "Origination Date": "origination_date", "Original Balance": None,
                  "Current Balance": "balance", "Arrears Balance": "overdue_amount", "Months In Arrears": "status_label",
                  "Payment Due": "due_amount", "Payment Made": "paid_amount", "Maturity Date": None,
                  "Date Last In Arrears": None, "Primary Income": None, "Employment Status": None,
                  "Default Date": None, "Cumulative Recoveries": None, "Current Valuation Amount": None,
                  "Original Loan To Value": None, "Originator": None, "Servicer": None})
    india = ["Borrower ID", "Loan Account Number", "Name of the Borrower", "PAN", "Aadhaar", "Mobile", "State", "District",
             "Branch", "Product", "Loan Amount", "Disbursement Date", "Tenure", "ROI", "EMI", "POS", "Principal Overdue",
             "Interest Overdue", "Total Overdue", "DPD", "Bucket", "Cut Off Date", "Collateral Value", "LTV",
             "CIBIL Score", "Occupation", "Monthly Income"]
    _check(india, {"Loan Account Number": "account_id", "Borrower ID": None, "Name of the Borrower": "customer_name",
                   "PAN": None, "Aadhaar": "id_number", "Mobile": "phone", "State": "region", "Branch": "branch",
                   "Product": "product", "Loan Amount": None, "Disbursement Date": "origination_date",
                   "Tenure": None, "ROI": "interest_rate", "EMI": "due_amount", "POS": "balance",
                   "Principal Overdue": "overdue_amount", "Interest Overdue": None, "DPD": "days_past_due",
                   "Cut Off Date": "snapshot_date", "Collateral Value": None, "LTV": None, "CIBIL Score": "score",
                   "Occupation": None, "Monthly Income": None})


def test_chinese_repayment_plan_history_and_default_tables():
    plan = ["协议编号", "借据编号", "还款期数", "应还日期", "应还利息", "应还本金", "应还本息", "还款标志"]
    _check(plan, {"借据编号": "account_id", "应还日期": "due_date", "应还本金": "due_amount", "应还利息": None,
                  "还款期数": None, "还款标志": None})
    history = ["协议编号", "借据编号", "还款日期", "还款期数", "还款金额", "实还利息", "实还本金"]
    _check(history, {"借据编号": "account_id", "还款金额": "paid_amount", "实还利息": None, "还款期数": None})
    default = ["协议编号", "借据编号", "还款期数", "应还日期", "欠还利息", "欠还本金", "欠款本息"]
    _check(default, {"借据编号": "account_id", "欠还本金": "overdue_amount", "欠还利息": None})
    # a period's amount receivable is what falls due, not the receivable's balance
    assert header_field("本期应收")[0] == "due_amount"


@pytest.mark.parametrize("header, field", [
    ("Interest %", "interest_rate"), ("Int (%)", "interest_rate"), ("Days in Arrears at Cut-off Date", "days_past_due"),
    ("Number of days in arrears at cut-off", "days_past_due"), ("DPD as on date", "days_past_due"),
    ("Days Past Due Date", "days_past_due"), ("Balance as on date", "balance"), ("Doc Identidad", "id_number"),
    ("KYC ID", "id_number"), ("ID Proof Number", "id_number"), ("Customer ID Number", "id_number"),
    ("LN_NO", "account_id"), ("ARR_DAYS", "days_past_due"), ("MOB_NO", "phone"), ("Inv No", "account_id"),
    ("Dunning Level", "status_label"), ("Days Since Due", "days_past_due"), ("Balance USD", "balance"),
])
def test_qualified_wordings_keep_their_field(header, field):
    found = header_field(header)
    assert found is not None and found[0] == field and found[1] >= 0.75, found


@pytest.mark.parametrize("header", ["DPD Date", "Credit Period", "Business Line", "Opening Balance", "期初余额", "POS Amount"])
def test_a_date_a_term_or_a_line_of_business_is_not_applied(header):
    found = header_field(header)
    assert found is None or found[0] not in ("days_past_due", "snapshot_date", "credit_limit", "balance") \
        or found[1] < 0.75, found
