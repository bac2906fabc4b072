"""Whole layouts from public data dictionaries: the look-alikes are decided by the file around them.

Each layout is a list of headers as the public documentation names them (Fannie Mae's loan
performance R-script names, Freddie Mac's sample-code names, Home Credit's tables, LendingClub's
payment history, the SBA PPP FOIA file, a receivables aging report, a Chinese core ledger and a
Taiwan ledger in traditional characters). The expected mapping is written from the dictionaries'
definitions, not from the recogniser: ``SK_ID_CURR`` is the applicant and ``SK_ID_PREV`` the credit
(Home Credit's column descriptions), ``LAST_UPB`` Fannie Mae's current unpaid balance, a loan's
``到期日`` its maturity while an invoice's is when it is due.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.readers import RawTable, read_table
from analysis.ingest.recognise import CONFIDENT, recognise_columns, suggest_mapping


def _raw(headers: list[str], rows: list[list[str]] | None = None) -> RawTable:
    rows = rows or [[""] * len(headers)]
    frame = pd.DataFrame(rows, columns=headers).astype(object)
    return RawTable(frame=frame, source_rows=np.arange(2, 2 + len(rows)), header_row=1, file_format="csv")


def _applied(headers: list[str]) -> dict[str, str]:
    return suggest_mapping(_raw(headers))


def test_customer_number_is_not_the_account_when_a_loan_number_is_there():
    # Chinese core ledger: 客户号 (the customer) and 借据号 (the loan note)
    assert _applied(["客户号", "借据号", "贷款余额"])["account_id"] == "借据号"
    # receivables aging: the customer is not the invoice
    assert _applied(["客户编号", "客户名称", "发票号", "应收金额"])["account_id"] == "发票号"
    # alone, the customer number is the account (a book kept per customer)
    assert _applied(["客户编号", "贷款余额"])["account_id"] == "客户编号"
    # the customer number is still offered, below the bar
    found = {s.header: s for s in recognise_columns(_raw(["Customer ID", "Loan ID", "Balance"]))}
    assert found["Loan ID"].field == "account_id" and found["Loan ID"].confident
    assert "Customer ID" not in found or not found["Customer ID"].confident


def test_home_credit_tables_key_on_the_credit_not_the_applicant():
    pos_cash = ["SK_ID_PREV", "SK_ID_CURR", "MONTHS_BALANCE", "CNT_INSTALMENT", "CNT_INSTALMENT_FUTURE",
                "NAME_CONTRACT_STATUS", "SK_DPD", "SK_DPD_DEF"]
    assert _applied(pos_cash) == {"account_id": "SK_ID_PREV", "snapshot_date": "MONTHS_BALANCE",
                                  "status_label": "NAME_CONTRACT_STATUS", "days_past_due": "SK_DPD"}
    bureau = ["SK_ID_CURR", "SK_ID_BUREAU", "CREDIT_ACTIVE", "CREDIT_DAY_OVERDUE", "AMT_CREDIT_SUM_DEBT",
              "AMT_CREDIT_SUM_LIMIT", "AMT_CREDIT_SUM_OVERDUE", "CREDIT_TYPE"]
    got = _applied(bureau)
    assert got["account_id"] == "SK_ID_BUREAU"
    assert got["balance"] == "AMT_CREDIT_SUM_DEBT" and got["overdue_amount"] == "AMT_CREDIT_SUM_OVERDUE"
    # credit_card_balance: the month's balance, not the principal receivable
    card = ["SK_ID_PREV", "MONTHS_BALANCE", "AMT_BALANCE", "AMT_RECEIVABLE_PRINCIPAL", "AMT_RECIVABLE"]
    assert _applied(card)["balance"] == "AMT_BALANCE"


def test_fannie_mae_r_script_names():
    got = _applied(["LOAN_ID", "Monthly.Rpt.Prd", "Servicer.Name", "LAST_RT", "LAST_UPB", "Loan.Age",
                    "Months.To.Legal.Mat", "Maturity.Date", "Delq.Status", "ZB_DTE", "LPI_DTE",
                    "ORIG_CHN", "ORIG_RT", "ORIG_AMT", "ORIG_DTE", "FRST_DTE", "CSCORE_B", "STATE"])
    assert {k: got.get(k) for k in ("account_id", "snapshot_date", "interest_rate", "balance", "status_label",
                                    "credit_limit", "origination_date", "score", "region")} == {
        "account_id": "LOAN_ID", "snapshot_date": "Monthly.Rpt.Prd", "interest_rate": "LAST_RT",
        "balance": "LAST_UPB", "status_label": "Delq.Status", "credit_limit": None,  # ORIG_AMT offered
        "origination_date": "ORIG_DTE", "score": "CSCORE_B", "region": "STATE"}
    # the maturity, the last paid instalment and the zero-balance dates are not the due date
    assert "due_date" not in got


def test_freddie_mac_sample_code_names():
    got = _applied(["id_loan", "svcg_cycle", "current_upb", "delq_sts", "loan_age", "mths_remng",
                    "current_int_rt", "dt_lst_pi", "dt_matr", "orig_upb", "fico"])
    assert got == {"account_id": "id_loan", "snapshot_date": "svcg_cycle", "balance": "current_upb",
                   "status_label": "delq_sts", "interest_rate": "current_int_rt", "score": "fico"}


@pytest.mark.parametrize("header", ["Maturity Date", "到期日期", "贷款到期日期", "Loan Maturity Date", "MATR_DT"])
def test_a_loans_maturity_is_not_applied_as_the_due_date(header):
    got = _applied(["借据号", header, "逾期天数", "贷款余额"])
    assert "due_date" not in got


def test_an_invoices_due_date_is_the_due_date():
    assert _applied(["发票号", "客户名称", "到期日", "应收余额"])["due_date"] == "到期日"
    assert _applied(["Invoice No", "Customer", "Due Date", "Amount Receivable"]) == {
        "account_id": "Invoice No", "customer_name": "Customer", "due_date": "Due Date", "balance": "Amount Receivable"}


def test_instalment_due_dates_still_read():
    for header in ("到期还款日", "还款到期日", "本期应还款日期", "Payment Due Date"):
        assert _applied(["卡号", header])["due_date"] == header


@pytest.mark.parametrize("header", [
    "MOB", "RevolvingCreditBalance", "revol_bal", "Escrow Balance", "Suspense Balance", "Corporate Advance Balance",
    "UndisbursedAmount", "hardship_dpd", "ForgivenessAmount", "PAYROLL_PROCEED", "total_rec_prncp", "recoveries",
    "欠息金额", "表外欠息", "本年回收金额", "累计回收", "当前期次", "合作机构", "银行机构代码", "利率(‰)",
    "LoanMonthsSinceOrigination", "avg_cur_bal", "Average Balance", "CNT_INSTALMENT_FUTURE", "num_tl_30dpd",
])
def test_things_that_are_not_fields_stay_unapplied(header):
    assert not any(s.confident for s in recognise_columns(_raw([header])))


def test_a_city_is_the_region_only_without_a_state():
    assert _applied(["LoanNumber", "BorrowerCity", "BorrowerState"])["region"] == "BorrowerState"
    assert _applied(["LoanNumber", "BorrowerCity"])["region"] == "BorrowerCity"


def test_sba_ppp_and_lendingclub_payment_history():
    ppp = _applied(["LoanNumber", "DateApproved", "BorrowerName", "BorrowerCity", "BorrowerState",
                    "InitialApprovalAmount", "CurrentApprovalAmount", "UndisbursedAmount", "NAICSCode", "LoanStatus"])
    assert {k: ppp.get(k) for k in ("account_id", "customer_name", "region", "credit_limit", "industry", "status_label")} == {
        "account_id": "LoanNumber", "customer_name": "BorrowerName", "region": "BorrowerState",
        "credit_limit": "InitialApprovalAmount", "industry": "NAICSCode", "status_label": "LoanStatus"}
    lc = _applied(["LOAN_ID", "PBAL_BEG_PERIOD", "PRNCP_PAID", "INT_PAID", "DUE_AMT", "RECEIVED_AMT",
                   "PERIOD_END_LSTAT", "MONTH", "MOB", "CO", "CurrentDaysPastDue"])
    assert {k: lc.get(k) for k in ("account_id", "due_amount", "paid_amount", "snapshot_date", "days_past_due")} == {
        "account_id": "LOAN_ID", "due_amount": "DUE_AMT", "paid_amount": "RECEIVED_AMT", "snapshot_date": "MONTH",
        "days_past_due": "CurrentDaysPastDue"}
    assert "phone" not in lc  # MOB is months on book, not a mobile number


def test_taiwan_ledger_in_traditional_characters():
    got = _applied(["帳號", "客戶名稱", "放款餘額", "逾期天數", "資料日期", "分行別", "產品別", "核貸金額", "逾期金額"])
    assert got == {"account_id": "帳號", "customer_name": "客戶名稱", "balance": "放款餘額",
                   "days_past_due": "逾期天數", "snapshot_date": "資料日期", "branch": "分行別", "product": "產品別",
                   "credit_limit": "核貸金額", "overdue_amount": "逾期金額"}


def test_a_customer_number_alone_is_the_account_a_customer_word_the_name():
    assert _applied(["Customer CIF", "Outstanding (HKD)"])["account_id"] == "Customer CIF"
    assert _applied(["A/C No.", "Customer CIF", "Outstanding (HKD)"])["account_id"] == "A/C No."
    assert _applied(["Customer", "Invoice #"]) == {"customer_name": "Customer", "account_id": "Invoice #"}


def test_payment_amount_is_offered_not_applied():
    # a credit union's scheduled payment or a servicer's payment received: the words do not say
    found = {s.header: s for s in recognise_columns(_raw(["Loan ID", "Payment Amount"]))}
    assert found["Payment Amount"].confidence < CONFIDENT


def test_values_still_veto_in_context():
    raw = read_table("借据号,到期日,贷款余额\nA,2024-05-01,100.5\n".encode(), "a.csv")
    assert "due_date" not in suggest_mapping(raw)  # the loan's maturity, offered at most


def test_a_contract_number_is_not_the_account_when_the_note_number_is_there():
    # one contract, several drawdowns (借据): the drawdown is the account
    assert _applied(["合同编号", "借据号", "贷款余额"])["account_id"] == "借据号"
    assert _applied(["贷款账号", "客户号", "合同编号", "贷款余额"])["account_id"] == "贷款账号"
    assert _applied(["合同编号", "客户号", "贷款余额"])["account_id"] == "合同编号"
