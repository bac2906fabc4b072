"""Whole layouts from more public data dictionaries, with the look-alikes each one holds.

Headers are copied from the published layouts: Fannie Mae's Single-Family Loan Performance file
(2020 layout), Freddie Mac's standard origination and performance files, the SBA 7(a) and PPP FOIA
files, Home Credit's previous_application / credit_card_balance / installments_payments tables,
LendingClub's loan data and Prosper's listings, the Fed's FR Y-14M card schedule, ESMA's
securitisation template, Finacle / T24 / Flexcube core-banking extracts, ERP receivables aging
reports (Kingdee/Yonyou 应收账款账龄分析表, QuickBooks, Xero, SAP FBL5N) and Chinese loan ledgers
(贷款台账, an EAST-like extract). The expected field is written from each dictionary's definition:
a credit grade is not the product, a seller's area not the borrower's region, a bank's or a
lender's state not a branch, LendingClub's ``delinq_amnt`` the past-due amount on *all* the
borrower's accounts (a bureau figure), an invoice's business date (业务日期) not the snapshot.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.readers import RawTable
from analysis.ingest.recognise import CONFIDENT, recognise_columns, suggest_mapping


def _raw(headers: list[str], rows: list[list[object]] | None = None) -> RawTable:
    rows = rows or [[""] * len(headers)]
    frame = pd.DataFrame(rows, columns=headers).astype(object)
    return RawTable(frame=frame, source_rows=np.arange(2, 2 + len(rows)), header_row=1, file_format="csv")


def _applied(headers: list[str], rows: list[list[object]] | None = None) -> dict[str, str]:
    return suggest_mapping(_raw(headers, rows))


def _check(layout: list[str], expected: dict[str, str | None]) -> None:
    """Each named field is applied to its column; a ``None`` column gets no field applied."""
    got = _applied(layout)
    by_header = {h: f for f, h in got.items()}
    wrong = {h: (e, by_header.get(h)) for h, e in expected.items() if by_header.get(h) != e}
    assert not wrong, wrong


FANNIE_2020 = [
    "Reference Pool ID", "Loan Identifier", "Monthly Reporting Period", "Channel", "Seller Name", "Servicer Name",
    "Original Interest Rate", "Current Interest Rate", "Original UPB", "UPB at Issuance", "Current Actual UPB",
    "Original Loan Term", "Origination Date", "First Payment Date", "Loan Age", "Remaining Months to Legal Maturity",
    "Maturity Date", "Original Loan to Value Ratio (LTV)", "Number of Borrowers", "Debt-To-Income (DTI)",
    "Borrower Credit Score at Origination", "Co-Borrower Credit Score at Origination", "Loan Purpose", "Property Type",
    "Occupancy Status", "Property State", "Metropolitan Statistical Area (MSA)", "Zip Code Short",
    "Amortization Type", "Current Loan Delinquency Status", "Loan Payment History", "Modification Flag",
    "Zero Balance Code", "Zero Balance Effective Date", "UPB at the Time of Removal", "Repurchase Date",
    "Unscheduled Principal Current", "Last Paid Installment Date", "Foreclosure Date", "Disposition Date",
    "Net Sales Proceeds", "Principal Forgiveness Amount", "Original List Start Date", "Original List Price",
    "Current List Price", "Borrower Credit Score Current", "Delinquent Accrued Interest",
    "Interest Rate Adjustment Frequency", "Lifetime Interest Rate Cap Up Percent", "Deal Name", "Total Deferral Amount",
]


def test_fannie_mae_2020_layout():
    _check(FANNIE_2020, {
        "Loan Identifier": "account_id", "Monthly Reporting Period": "snapshot_date", "Channel": "channel",
        "Current Interest Rate": "interest_rate", "Original Interest Rate": None, "Original UPB": None,
        "Current Actual UPB": "balance", "UPB at Issuance": None, "UPB at the Time of Removal": None,
        "Origination Date": "origination_date", "Borrower Credit Score at Origination": "score",
        "Co-Borrower Credit Score at Origination": None, "Property State": "region",
        "Current Loan Delinquency Status": "status_label", "Occupancy Status": None, "Seller Name": None,
        "Original List Start Date": None, "Original List Price": None, "Current List Price": None,
        "Unscheduled Principal Current": None, "Repurchase Date": None, "Deal Name": None,
        "Delinquent Accrued Interest": None, "Maturity Date": None,
    })


def test_freddie_mac_standard_layout():
    layout = ["Credit Score", "First Payment Date", "First Time Homebuyer Flag", "Maturity Date",
              "Metropolitan Statistical Area (MSA) Or Metropolitan Division", "Original UPB",
              "Original Loan-to-Value (LTV)", "Original Interest Rate", "Channel", "Property State", "Postal Code",
              "Loan Sequence Number", "Seller Name", "Servicer Name", "Monthly Reporting Period",
              "Current Actual UPB", "Current Loan Delinquency Status", "Loan Age", "Current Interest Rate",
              "Current Non-Interest Bearing UPB", "Due Date of Last Paid Installment (DDLPI)",
              "Estimated Loan-to-Value (ELTV)", "Zero Balance Removal UPB", "Interest Bearing UPB"]
    _check(layout, {"Credit Score": "score", "Original UPB": None, "Loan Sequence Number": "account_id",
                    "Monthly Reporting Period": "snapshot_date", "Current Actual UPB": "balance",
                    "Current Loan Delinquency Status": "status_label", "Current Interest Rate": "interest_rate",
                    "Property State": "region", "Estimated Loan-to-Value (ELTV)": None,
                    "Original Loan-to-Value (LTV)": None, "Zero Balance Removal UPB": None,
                    "Due Date of Last Paid Installment (DDLPI)": None, "Maturity Date": None})


def test_sba_7a_foia_layout():
    layout = ["AsOfDate", "Program", "BorrName", "BorrStreet", "BorrCity", "BorrState", "BorrZip", "BankName",
              "BankFDICNumber", "BankStreet", "BankCity", "BankState", "GrossApproval", "SBAGuaranteedApproval",
              "ApprovalDate", "ApprovalFiscalYear", "FirstDisbursementDate", "InitialInterestRate",
              "FixedOrVariableInterestInd", "TermInMonths", "NaicsCode", "NaicsDescription", "FranchiseCode",
              "FranchiseName", "ProjectCounty", "ProjectState", "SBADistrictOffice", "CongressionalDistrict",
              "BusinessType", "BusinessAge", "LoanStatus", "PaidInFullDate", "ChargeOffDate", "GrossChargeOffAmount",
              "RevolverStatus", "JobsSupported", "CollateralInd"]
    _check(layout, {"AsOfDate": "snapshot_date", "BorrName": "customer_name", "BorrState": "region",
                    "GrossApproval": "credit_limit", "FirstDisbursementDate": "origination_date",
                    "InitialInterestRate": "interest_rate", "NaicsCode": "industry", "LoanStatus": "status_label",
                    "BankName": None, "BankState": None, "BankCity": None, "ProjectState": None,
                    "ChargeOffDate": None, "GrossChargeOffAmount": None, "FranchiseCode": None,
                    "SBAGuaranteedApproval": None, "BusinessType": None})


def test_sba_ppp_lenders_and_projects_are_not_the_borrower():
    layout = ["LoanNumber", "DateApproved", "SBAOfficeCode", "BorrowerName", "BorrowerCity", "BorrowerState",
              "LoanStatusDate", "LoanStatus", "SBAGuarantyPercentage", "InitialApprovalAmount",
              "CurrentApprovalAmount", "ServicingLenderName", "ServicingLenderState", "ProjectCity", "ProjectState",
              "JobsReported", "NAICSCode", "OriginatingLender", "OriginatingLenderState", "NonProfit",
              "ForgivenessAmount", "ForgivenessDate"]
    _check(layout, {"LoanNumber": "account_id", "DateApproved": "origination_date", "BorrowerName": "customer_name",
                    "BorrowerState": "region", "LoanStatus": "status_label", "InitialApprovalAmount": "credit_limit",
                    "NAICSCode": "industry", "LoanStatusDate": None, "SBAGuarantyPercentage": None,
                    "ServicingLenderName": None, "ServicingLenderState": None, "ProjectState": None,
                    "OriginatingLenderState": None, "NonProfit": None, "JobsReported": None})
    # alone, the project's or a lender's state is offered at most
    for header in ("ProjectState", "ServicingLenderState", "SELLERPLACE_AREA", "Seller State"):
        assert "region" not in _applied(["LoanNumber", header]), header


def test_home_credit_previous_application_and_card_balance():
    prev = ["SK_ID_PREV", "SK_ID_CURR", "NAME_CONTRACT_TYPE", "AMT_ANNUITY", "AMT_APPLICATION", "AMT_CREDIT",
            "AMT_DOWN_PAYMENT", "AMT_GOODS_PRICE", "RATE_DOWN_PAYMENT", "NAME_CONTRACT_STATUS", "DAYS_DECISION",
            "CODE_REJECT_REASON", "NAME_CLIENT_TYPE", "NAME_GOODS_CATEGORY", "NAME_PORTFOLIO", "CHANNEL_TYPE",
            "SELLERPLACE_AREA", "NAME_SELLER_INDUSTRY", "CNT_PAYMENT", "NAME_YIELD_GROUP", "PRODUCT_COMBINATION",
            "DAYS_FIRST_DUE", "DAYS_LAST_DUE", "DAYS_TERMINATION"]
    _check(prev, {"SK_ID_PREV": "account_id", "AMT_ANNUITY": "due_amount", "AMT_CREDIT": "credit_limit",
                  "NAME_CONTRACT_STATUS": "status_label", "CHANNEL_TYPE": "channel", "SELLERPLACE_AREA": None,
                  "AMT_DOWN_PAYMENT": None, "CODE_REJECT_REASON": None, "NAME_YIELD_GROUP": None,
                  "AMT_GOODS_PRICE": None})
    card = ["SK_ID_PREV", "SK_ID_CURR", "MONTHS_BALANCE", "AMT_BALANCE", "AMT_CREDIT_LIMIT_ACTUAL",
            "AMT_DRAWINGS_ATM_CURRENT", "AMT_DRAWINGS_CURRENT", "AMT_INST_MIN_REGULARITY", "AMT_PAYMENT_CURRENT",
            "AMT_PAYMENT_TOTAL_CURRENT", "AMT_RECEIVABLE_PRINCIPAL", "AMT_RECIVABLE", "AMT_TOTAL_RECEIVABLE",
            "CNT_DRAWINGS_ATM_CURRENT", "CNT_DRAWINGS_CURRENT", "CNT_INSTALMENT_MATURE_CUM", "NAME_CONTRACT_STATUS",
            "SK_DPD", "SK_DPD_DEF"]
    _check(card, {"SK_ID_PREV": "account_id", "MONTHS_BALANCE": "snapshot_date", "AMT_BALANCE": "balance",
                  "AMT_CREDIT_LIMIT_ACTUAL": "credit_limit", "NAME_CONTRACT_STATUS": "status_label",
                  "SK_DPD": "days_past_due", "SK_DPD_DEF": None, "AMT_RECIVABLE": None})
    inst = ["SK_ID_PREV", "SK_ID_CURR", "NUM_INSTALMENT_VERSION", "NUM_INSTALMENT_NUMBER", "DAYS_INSTALMENT",
            "DAYS_ENTRY_PAYMENT", "AMT_INSTALMENT", "AMT_PAYMENT"]
    # beside the instalment due, the payment is what the client paid on it
    _check(inst, {"SK_ID_PREV": "account_id", "AMT_INSTALMENT": "due_amount", "AMT_PAYMENT": "paid_amount"})


def test_home_credit_application_flags_are_not_regions():
    layout = ["SK_ID_CURR", "TARGET", "NAME_CONTRACT_TYPE", "AMT_INCOME_TOTAL", "AMT_CREDIT", "AMT_ANNUITY",
              "REGION_POPULATION_RELATIVE", "REGION_RATING_CLIENT", "REGION_RATING_CLIENT_W_CITY",
              "REG_REGION_NOT_LIVE_REGION", "REG_CITY_NOT_WORK_CITY", "ORGANIZATION_TYPE", "EXT_SOURCE_1"]
    got = _applied(layout)
    assert "region" not in got and "branch" not in got
    assert got["account_id"] == "SK_ID_CURR" and got["credit_limit"] == "AMT_CREDIT"


LENDINGCLUB = [
    "id", "member_id", "loan_amnt", "funded_amnt", "funded_amnt_inv", "term", "int_rate", "installment", "grade",
    "sub_grade", "emp_title", "emp_length", "home_ownership", "annual_inc", "verification_status", "issue_d",
    "loan_status", "pymnt_plan", "purpose", "zip_code", "addr_state", "dti", "delinq_2yrs", "earliest_cr_line",
    "fico_range_low", "inq_last_6mths", "mths_since_last_delinq", "open_acc", "pub_rec", "revol_bal", "revol_util",
    "total_acc", "initial_list_status", "out_prncp", "total_pymnt", "total_rec_prncp", "total_rec_int", "recoveries",
    "last_pymnt_d", "last_pymnt_amnt", "next_pymnt_d", "acc_now_delinq", "tot_coll_amt", "tot_cur_bal",
    "open_acc_6m", "total_bal_il", "max_bal_bc", "total_rev_hi_lim", "avg_cur_bal", "chargeoff_within_12_mths",
    "delinq_amnt", "mths_since_recent_bc_dlq", "num_accts_ever_120_pd", "num_tl_30dpd", "num_tl_90g_dpd_24m",
    "pct_tl_nvr_dlq", "tot_hi_cred_lim", "total_bc_limit", "hardship_flag", "hardship_dpd", "settlement_amount",
]


def test_lendingclub_bureau_aggregates_are_not_the_loans_figures():
    _check(LENDINGCLUB, {
        "id": "account_id", "loan_amnt": None, "int_rate": "interest_rate", "installment": "due_amount",
        "issue_d": "origination_date", "loan_status": "status_label", "addr_state": "region", "out_prncp": "balance",
        "grade": None, "sub_grade": None, "delinq_amnt": None, "acc_now_delinq": None, "tot_cur_bal": None,
        "total_bc_limit": None, "tot_hi_cred_lim": None, "total_rec_prncp": None, "hardship_dpd": None,
        "num_tl_30dpd": None, "open_acc": None, "total_acc": None, "initial_list_status": None,
    })
    # without the aggregates around it, a delinquent amount is the loan's own
    assert _applied(["Loan ID", "Delinquent Amount"])["overdue_amount"] == "Delinquent Amount"
    assert _applied(["Loan ID", "Past Due Amount", "Balance"])["overdue_amount"] == "Past Due Amount"


def test_prosper_listing_figures_are_the_borrowers_history():
    layout = ["ListingKey", "ListingNumber", "CreditGrade", "LoanStatus", "BorrowerAPR", "BorrowerRate",
              "ProsperRating (Alpha)", "BorrowerState", "InquiriesLast6Months", "CurrentDelinquencies",
              "AmountDelinquent", "DelinquenciesLast7Years", "OpenRevolvingAccounts", "TotalTrades",
              "ProsperPrincipalOutstanding", "LoanCurrentDaysDelinquent", "LoanKey", "LoanOriginalAmount",
              "LoanOriginationDate", "MonthlyLoanPayment"]
    _check(layout, {"LoanStatus": "status_label", "BorrowerRate": "interest_rate", "BorrowerState": "region",
                    "LoanCurrentDaysDelinquent": "days_past_due", "LoanKey": "account_id",
                    "LoanOriginalAmount": "credit_limit", "LoanOriginationDate": "origination_date",
                    "MonthlyLoanPayment": "due_amount", "CreditGrade": None, "ProsperRating (Alpha)": None,
                    "AmountDelinquent": None, "ProsperPrincipalOutstanding": None, "CurrentDelinquencies": None})


def test_fr_y14m_card_schedule():
    layout = ["Reference Number", "Customer ID", "Bank ID", "State", "Zip Code", "Credit Card Type", "Product Type",
              "Lending Type", "Loan Source/Channel", "Month-end Account Status - Active", "Account Origination Date",
              "Original Credit Limit", "Current Credit Limit", "Current Cash Advance Limit", "Minimum Payment Due",
              "Total Payment Due", "Next Payment Due Date", "Actual Payment Amount", "Total Past Due",
              "Days Past Due", "Account Cycle Date", "Cycle Ending Balance", "Refreshed Credit Score - Primary Borrower",
              "Original Credit Score - Primary Borrower", "Borrower Income at Origination", "Charge-off Reason",
              "Gross Charge-off Amount - Current Month", "Recovery Amount - Current Month", "Cycle Ending Retail APR"]
    _check(layout, {"State": "region", "Product Type": "product", "Loan Source/Channel": "channel",
                    "Account Origination Date": "origination_date", "Current Credit Limit": "credit_limit",
                    "Minimum Payment Due": "due_amount", "Actual Payment Amount": "paid_amount",
                    "Days Past Due": "days_past_due", "Cycle Ending Balance": "balance",
                    "Refreshed Credit Score - Primary Borrower": "score", "Bank ID": None,
                    "Original Credit Limit": None, "Borrower Income at Origination": None,
                    "Gross Charge-off Amount - Current Month": None, "Next Payment Due Date": None})


def test_esma_underlying_exposures():
    layout = ["Unique Identifier", "Original Underlying Exposure Identifier", "New Underlying Exposure Identifier",
              "Original Obligor Identifier", "New Obligor Identifier", "Data Cut-Off Date", "Pool Addition Date",
              "Redemption Date", "Geographic Region - Obligor", "Geographic Region Classification",
              "Employment Status", "Origination Date", "Maturity Date", "Origination Channel", "Purpose",
              "Original Principal Balance", "Current Principal Balance", "Purchase Price", "Amortisation Type",
              "Current Interest Rate", "Current Interest Rate Margin", "Interest Rate Cap", "Cumulative Prepayments",
              "Arrears Balance", "Number Of Days In Arrears", "Account Status", "Default Amount",
              "Original Loan-To-Value", "Current Loan-To-Value", "Collateral Type"]
    _check(layout, {"New Underlying Exposure Identifier": "account_id", "Data Cut-Off Date": "snapshot_date",
                    "Geographic Region - Obligor": "region", "Origination Date": "origination_date",
                    "Origination Channel": "channel", "Original Principal Balance": None,
                    "Current Principal Balance": "balance", "Current Interest Rate": "interest_rate",
                    "Arrears Balance": "overdue_amount", "Number Of Days In Arrears": "days_past_due",
                    "Account Status": "status_label", "Purchase Price": None, "Original Loan-To-Value": None,
                    "Current Loan-To-Value": None, "Cumulative Prepayments": None,
                    "Geographic Region Classification": None})


def test_core_banking_extracts():
    finacle = ["FORACID", "ACCT_NAME", "SCHM_CODE", "SOL_ID", "CUST_ID", "CLR_BAL_AMT", "SANCT_LIM",
               "ACCT_OPN_DATE", "DPD_CNTR", "INT_RATE", "ACCT_CLS_FLG", "ACCT_CRNCY_CODE", "EOD_DATE"]
    _check(finacle, {"FORACID": "account_id", "ACCT_NAME": "customer_name", "SCHM_CODE": "product",
                     "SOL_ID": "branch", "CLR_BAL_AMT": "balance", "SANCT_LIM": "credit_limit",
                     "ACCT_OPN_DATE": "origination_date", "DPD_CNTR": "days_past_due", "INT_RATE": "interest_rate",
                     "EOD_DATE": "snapshot_date", "ACCT_CRNCY_CODE": None, "ACCT_CLS_FLG": None})
    flexcube = ["ACCOUNT_NUMBER", "BRANCH_CODE", "PRODUCT_CODE", "CUSTOMER_ID", "BOOK_DATE", "VALUE_DATE",
                "MATURITY_DATE", "AMOUNT_FINANCED", "ACCOUNT_STATUS", "DPD", "OUTSTANDING_PRINCIPAL",
                "PRINCIPAL_OVERDUE", "INTEREST_OVERDUE", "NEXT_DUE_DATE", "CURRENCY", "LOAN_OFFICER"]
    _check(flexcube, {"ACCOUNT_NUMBER": "account_id", "BRANCH_CODE": "branch", "PRODUCT_CODE": "product",
                      "BOOK_DATE": "origination_date", "AMOUNT_FINANCED": None,
                      "ACCOUNT_STATUS": "status_label", "DPD": "days_past_due", "OUTSTANDING_PRINCIPAL": "balance",
                      "PRINCIPAL_OVERDUE": "overdue_amount", "LOAN_OFFICER": "owner", "INTEREST_OVERDUE": None,
                      "NEXT_DUE_DATE": None, "MATURITY_DATE": None, "CURRENCY": None, "CUSTOMER_ID": None})
    t24 = ["@ID", "CUSTOMER", "CATEGORY", "CURRENCY", "VALUE.DATE", "MATURITY.DATE", "INTEREST.RATE", "CO.CODE",
           "ACCOUNT.OFFICER", "OVERDUE.STATUS", "TOT.OVERDUE.AMT", "ONLINE.ACTUAL.BAL", "DAYS.OVERDUE"]
    _check(t24, {"@ID": "account_id", "INTEREST.RATE": "interest_rate", "ACCOUNT.OFFICER": "owner",
                 "OVERDUE.STATUS": "status_label", "TOT.OVERDUE.AMT": "overdue_amount",
                 "ONLINE.ACTUAL.BAL": "balance", "DAYS.OVERDUE": "days_past_due", "CURRENCY": None,
                 "VALUE.DATE": None, "MATURITY.DATE": None})


def test_erp_receivables_aging_reports():
    kingdee = ["往来单位", "往来单位编码", "单据类型", "单据编号", "单据日期", "业务日期", "到期日", "币别", "价税合计",
               "应收金额", "已收金额", "未收金额", "账龄", "逾期天数", "业务员", "部门", "结算方式", "汇率", "备注"]
    _check(kingdee, {"往来单位": "customer_name", "单据编号": "account_id", "到期日": "due_date",
                     "未收金额": "balance", "已收金额": "paid_amount", "账龄": "status_label", "逾期天数": "days_past_due",
                     "业务员": "owner", "业务日期": None, "单据日期": None, "应收金额": None, "往来单位编码": None,
                     "币别": None, "汇率": None})
    quickbooks = ["Date", "Transaction Type", "Num", "Customer", "Due Date", "Past Due", "Amount", "Open Balance"]
    _check(quickbooks, {"Num": "account_id", "Customer": "customer_name", "Due Date": "due_date",
                        "Open Balance": "balance", "Date": None, "Transaction Type": None})
    xero = ["Contact", "Invoice Number", "Invoice Date", "Due Date", "Reference", "Current", "< 1 Month",
            "1 Month", "2 Months", "3 Months", "Older", "Total"]
    _check(xero, {"Invoice Number": "account_id", "Due Date": "due_date", "Contact": None, "Reference": None,
                  "Invoice Date": None, "< 1 Month": None})
    sap = ["Company Code", "Customer", "Account", "Document Number", "Document Type", "Document Date",
           "Posting Date", "Net Due Date", "Amount in Local Currency", "Local Currency", "Days in Arrears",
           "Dunning Level", "Reference", "Clearing Date"]
    _check(sap, {"Net Due Date": "due_date", "Days in Arrears": "days_past_due", "Document Date": None,
                 "Posting Date": None, "Company Code": None, "Local Currency": None, "Clearing Date": None})


def test_a_bare_past_due_is_read_by_its_values():
    rows_days = [["INV-1", "2024-05-31", 0, "100.00"], ["INV-2", "2024-06-30", 45, "250.50"],
                 ["INV-3", "2024-04-30", 12, "80.00"], ["INV-4", "2024-03-31", 95, "310.00"]]
    assert _applied(["Num", "Due Date", "Past Due", "Open Balance"], rows_days)["days_past_due"] == "Past Due"
    rows_money = [["A1", "1200.50", "100.25"], ["A2", "800.00", "0.00"], ["A3", "560.75", "60.10"]]
    assert _applied(["Card Number", "Balance", "Total Past Due"], rows_money)["overdue_amount"] == "Total Past Due"
    rows_flag = [["A1", 0], ["A2", 1], ["A3", 0], ["A4", 1]]
    assert "days_past_due" not in _applied(["Loan ID", "Past Due"], rows_flag)  # a 0/1 flag


def test_chinese_ledgers():
    ledger = ["序号", "借款人名称", "客户编号", "借据号", "合同号", "贷款品种", "贷款金额(万元)", "贷款余额(万元)", "发放日",
              "到期日", "利率(%)", "担保方式", "五级分类", "所属支行", "客户经理", "逾期天数", "欠息金额", "行业投向",
              "贷款用途", "还款方式", "逾期本金", "逾期利息", "贷款期限", "证件类型", "证件号码", "联系电话", "统计日期"]
    _check(ledger, {"借款人名称": "customer_name", "借据号": "account_id", "贷款品种": "product",
                    "贷款金额(万元)": None, "贷款余额(万元)": "balance", "发放日": "origination_date",
                    "利率(%)": "interest_rate", "五级分类": "loan_class", "所属支行": "branch", "客户经理": "owner",
                    "逾期天数": "days_past_due", "行业投向": "industry", "逾期本金": "overdue_amount",
                    "证件号码": "id_number", "联系电话": "phone", "统计日期": "snapshot_date", "到期日": None,
                    "欠息金额": None, "逾期利息": None, "证件类型": None, "客户编号": None, "合同号": None})
    east = ["机构名称", "内部机构号", "客户统一编号", "借据号", "贷款发放日期", "贷款到期日期", "贷款金额", "贷款余额", "币种",
            "五级分类", "本金逾期天数", "利息逾期天数", "欠本金额", "表内欠息", "贷款投向行业", "贷款状态", "采集日期",
            "实际利率", "基准利率"]
    _check(east, {"机构名称": "branch", "借据号": "account_id", "贷款发放日期": "origination_date",
                  "贷款金额": None, "贷款余额": "balance", "本金逾期天数": "days_past_due",
                  "欠本金额": "overdue_amount", "贷款投向行业": "industry", "采集日期": "snapshot_date",
                  "实际利率": "interest_rate", "基准利率": None, "表内欠息": None, "币种": None,
                  "贷款到期日期": None})
    card = ["卡号", "持卡人姓名", "证件号码", "发卡日期", "信用额度", "账单日", "到期还款日", "本期账单金额", "最低还款额",
            "本期已还款金额", "透支余额", "逾期期数", "逾期金额", "发卡机构", "统计日期"]
    _check(card, {"卡号": "account_id", "持卡人姓名": "customer_name", "发卡日期": "origination_date",
                  "信用额度": "credit_limit", "到期还款日": "due_date", "最低还款额": "due_amount",
                  "本期已还款金额": "paid_amount", "透支余额": "balance", "逾期期数": "status_label",
                  "逾期金额": "overdue_amount", "统计日期": "snapshot_date", "账单日": None, "本期账单金额": None})


@pytest.mark.parametrize("header", ["grade", "sub_grade", "CreditGrade", "ProsperRating (Alpha)", "风险等级", "信用等级"])
def test_a_credit_grade_is_offered_not_applied_as_the_product(header):
    found = {s.header: s for s in recognise_columns(_raw(["Loan ID", header]))}
    assert header not in found or not found[header].confident


@pytest.mark.parametrize("header", ["业务日期", "Business Date", "Transaction Date", "Posting Date", "开票日期"])
def test_a_business_or_transaction_date_is_offered_not_applied_as_the_snapshot(header):
    found = {s.header: s for s in recognise_columns(_raw(["借据号", header, "贷款余额"]))}
    assert header not in found or found[header].confidence < CONFIDENT


def test_receivables_by_customer_and_by_order():
    by_customer = ["客户编码", "客户名称", "信用期(天)", "期末余额", "未逾期金额", "逾期金额", "1年以内", "1-2年", "2-3年",
                   "3年以上", "坏账准备", "账龄", "最后回款日期", "业务员", "所属部门", "统计截止日"]
    _check(by_customer, {"客户编码": "account_id", "客户名称": "customer_name", "期末余额": "balance",
                         "逾期金额": "overdue_amount", "未逾期金额": None, "账龄": "status_label", "业务员": "owner",
                         "统计截止日": "snapshot_date", "坏账准备": None, "信用期(天)": None,
                         "最后回款日期": None})
    by_order = ["日期", "客户", "订单号", "销售额", "已开票金额", "应收账款", "已回款", "未回款", "账期(天)", "逾期天数",
                "负责人", "地区", "备注"]
    _check(by_order, {"客户": "customer_name", "订单号": "account_id", "已回款": "paid_amount", "未回款": "balance",
                      "逾期天数": "days_past_due", "负责人": "owner", "地区": "region", "日期": None, "账期(天)": None})


def test_hmda_lar_is_not_a_book_of_delinquencies():
    layout = ["activity_year", "lei", "state_code", "county_code", "conforming_loan_limit", "derived_loan_product_type",
              "action_taken", "purchaser_type", "loan_type", "loan_purpose", "open-end_line_of_credit", "loan_amount",
              "loan_to_value_ratio", "interest_rate", "rate_spread", "hoepa_status", "origination_charges",
              "balloon_payment", "income", "applicant_credit_score_type", "denial_reason-1",
              "tract_minority_population_percent"]
    _check(layout, {"state_code": "region", "loan_amount": "credit_limit", "interest_rate": "interest_rate",
                    "rate_spread": None, "hoepa_status": None, "applicant_credit_score_type": None,
                    "denial_reason-1": None, "conforming_loan_limit": None, "income": None})


def test_fannie_mae_glossary_names():
    layout = ["POOL_ID", "LOAN_ID", "ACT_PERIOD", "CHANNEL", "SELLER", "SERVICER", "ORIG_RATE", "CURR_RATE",
              "ORIG_UPB", "ISSUANCE_UPB", "CURRENT_UPB", "ORIG_TERM", "ORIG_DATE", "FIRST_PAY", "LOAN_AGE",
              "REM_MONTHS", "MATR_DT", "OLTV", "DTI", "CSCORE_B", "CSCORE_C", "STATE", "ZIP", "DLQ_STATUS",
              "PMT_HISTORY", "Zero_Bal_Code", "ZB_DTE", "LAST_UPB", "RPRCH_DTE", "DISPOSITION_DATE",
              "ORIGINAL_LIST_PRICE", "CURRENT_LIST_PRICE", "ISSUE_SCOREB", "CURR_SCOREB", "CURR_SCOREC",
              "DELINQUENT_ACCRUED_INTEREST", "ARM_INDEX", "DEAL_NAME", "ADR_UPB"]
    _check(layout, {"LOAN_ID": "account_id", "ACT_PERIOD": "snapshot_date", "CHANNEL": "channel",
                    "CURR_RATE": "interest_rate", "ORIG_UPB": None, "CURRENT_UPB": "balance",
                    "ORIG_DATE": "origination_date", "CSCORE_B": "score", "STATE": "region",
                    "DLQ_STATUS": "status_label", "CSCORE_C": None, "ISSUANCE_UPB": None, "LAST_UPB": None,
                    "ADR_UPB": None, "REM_MONTHS": None, "ZB_DTE": None, "CURRENT_LIST_PRICE": None,
                    "ISSUE_SCOREB": None, "DEAL_NAME": None})


def test_card_files():
    churn = ["CLIENTNUM", "Attrition_Flag", "Customer_Age", "Gender", "Dependent_count", "Education_Level",
             "Income_Category", "Card_Category", "Months_on_book", "Total_Relationship_Count", "Months_Inactive_12_mon",
             "Credit_Limit", "Total_Revolving_Bal", "Avg_Open_To_Buy", "Total_Trans_Amt", "Avg_Utilization_Ratio"]
    _check(churn, {"Credit_Limit": "credit_limit", "Months_on_book": None, "Months_Inactive_12_mon": None,
                   "Customer_Age": None, "Avg_Open_To_Buy": None})
    statement = ["Account Number", "Cardholder Name", "Card Type", "Open Date", "Credit Line", "Statement Date",
                 "Statement Balance", "Current Balance", "Minimum Payment", "Payment Due Date", "Last Payment Date",
                 "Last Payment Amount", "Cycles Past Due", "Days Delinquent", "Past Due Amount", "Over Limit Amount",
                 "Purchase APR", "Charge Off Date", "Charge Off Amount", "FICO Score", "Branch"]
    _check(statement, {"Account Number": "account_id", "Cardholder Name": "customer_name", "Card Type": "product",
                       "Open Date": "origination_date", "Credit Line": "credit_limit", "Current Balance": "balance",
                       "Minimum Payment": "due_amount", "Payment Due Date": "due_date",
                       "Days Delinquent": "days_past_due", "Past Due Amount": "overdue_amount",
                       "FICO Score": "score", "Branch": "branch", "Over Limit Amount": None,
                       "Last Payment Amount": None, "Charge Off Date": None, "Charge Off Amount": None,
                       "Last Payment Date": None})


def test_english_and_chinese_aging_reports_by_invoice():
    netsuite = ["Type", "Date", "Document Number", "Name", "Customer", "Due Date", "Age", "Open Balance", "Amount",
                "Memo", "Terms", "Sales Rep", "Subsidiary"]
    _check(netsuite, {"Document Number": "account_id", "Due Date": "due_date", "Open Balance": "balance",
                      "Sales Rep": "owner", "Date": None, "Type": None, "Age": None, "Memo": None})
    sage = ["Customer Code", "Customer Name", "Trans Date", "Trans Type", "Reference", "Details", "Invoice Total",
            "Outstanding", "Current", "Period 1", "Period 2", "Period 3", "Older", "Credit Limit", "Account Manager",
            "Days Overdue"]
    # "Invoice Total" is an amount, not an invoice number: the customer code stays the account
    _check(sage, {"Customer Code": "account_id", "Customer Name": "customer_name", "Outstanding": "balance",
                  "Credit Limit": "credit_limit", "Account Manager": "owner", "Days Overdue": "days_past_due",
                  "Trans Date": None, "Reference": None, "Invoice Total": None})
    zh = ["客户代码", "客户名称", "销售订单", "发票号码", "发票日期", "应收日期", "发票金额", "收款金额", "余额", "逾期天数",
          "账龄分组", "销售部门", "业务员", "币种", "结算条件"]
    _check(zh, {"发票号码": "account_id", "客户名称": "customer_name", "余额": "balance", "逾期天数": "days_past_due",
                "账龄分组": "status_label", "业务员": "owner", "客户代码": None, "发票日期": None, "币种": None})


def test_nbfc_and_microfinance_loan_books():
    nbfc = ["Loan Account No", "Customer Name", "Branch", "Product", "Disbursement Date", "Disbursed Amount", "EMI",
            "Tenure", "ROI", "POS", "DPD", "Bucket", "Overdue Amount", "EMI Overdue", "Last Receipt Date",
            "Collection Executive", "State", "Zone", "Asset Classification", "NPA Date", "Sanction Amount",
            "Maturity Date", "Installment Due Date", "Charges Overdue", "Mobile No"]
    _check(nbfc, {"Loan Account No": "account_id", "Disbursement Date": "origination_date",
                  "Disbursed Amount": None, "EMI": "due_amount", "ROI": "interest_rate", "POS": "balance",
                  "DPD": "days_past_due", "Bucket": "status_label", "Overdue Amount": "overdue_amount",
                  "State": "region", "Installment Due Date": "due_date", "Mobile No": "phone", "Tenure": None,
                  "NPA Date": None, "Maturity Date": None, "Charges Overdue": None, "EMI Overdue": None})
    mfi = ["ClientID", "LoanID", "Officer", "BranchName", "DisbursementDate", "LoanAmount", "PrincipalOutstanding",
           "InterestOutstanding", "PrincipalArrears", "InterestArrears", "DaysInArrears", "PAR30", "WriteOff",
           "Gender", "GroupName", "LoanCycle", "ReportDate"]
    _check(mfi, {"LoanID": "account_id", "Officer": "owner", "BranchName": "branch", "LoanAmount": None,
                 "PrincipalOutstanding": "balance", "PrincipalArrears": "overdue_amount",
                 "DaysInArrears": "days_past_due", "ReportDate": "snapshot_date", "ClientID": None,
                 "InterestOutstanding": None, "InterestArrears": None, "PAR30": None, "LoanCycle": None})


def test_ppdai_listing_and_repayment_tables():
    lc = ["ListingId", "借款金额", "借款期限", "借款利率", "借款成功日期", "初始评级", "借款类型", "是否首标", "年龄", "性别",
          "手机认证", "历史成功借款次数", "历史成功借款金额", "总待还本金", "历史逾期还款期数"]
    _check(lc, {"ListingId": "account_id", "借款金额": None, "借款利率": "interest_rate",
                "借款成功日期": "origination_date", "借款类型": "product", "初始评级": None, "手机认证": None,
                "历史成功借款金额": None, "历史逾期还款期数": None, "借款期限": None})
    lp = ["ListingId", "期数", "还款状态", "应还本金", "应还利息", "剩余本金", "剩余利息", "到期日期", "还款日期", "recorddate"]
    # a schedule numbers its instalments: 到期日期 is the instalment's due date there
    _check(lp, {"ListingId": "account_id", "还款状态": "status_label", "应还本金": "due_amount",
                "剩余本金": "balance", "到期日期": "due_date", "recorddate": "snapshot_date", "期数": None,
                "应还利息": None, "剩余利息": None})
    prosper = ["ListingKey", "ListingNumber", "LoanKey", "LoanNumber", "LoanOriginalAmount"]
    assert _applied(prosper)["account_id"] in ("LoanKey", "LoanNumber")


def test_an_aging_column_of_whole_days_is_the_days_past_due():
    rows = [["INV-1", 45, "100.00"], ["INV-2", 0, "80.00"], ["INV-3", 120, "55.00"], ["INV-4", 370, "10.00"]]
    assert _applied(["发票号", "账龄", "未收金额"], rows)["days_past_due"] == "账龄"
    labels = [["INV-1", "0-30天", "100.00"], ["INV-2", "31-60天", "80.00"], ["INV-3", "90天以上", "55.00"]]
    assert _applied(["发票号", "账龄", "未收金额"], labels)["status_label"] == "账龄"
    periods = [["A1", 0], ["A2", 2], ["A3", 5], ["A4", 1]]  # 逾期期数: missed instalments, a status
    assert _applied(["借据号", "逾期期数"], periods)["status_label"] == "逾期期数"


def test_bureau_counts_and_occupations():
    prosper = ["ListingKey", "LoanStatus", "CurrentDelinquencies", "AmountDelinquent", "DelinquenciesLast7Years",
               "InquiriesLast6Months", "LoanKey", "LoanOriginalAmount"]
    assert "overdue_amount" not in _applied(prosper)
    bondora = ["LoanId", "Country", "County", "City", "OccupationArea", "EmploymentStatus", "PrincipalBalance"]
    got = _applied(bondora)
    assert got.get("region") != "OccupationArea" and "industry" not in got
    assert "product" not in _applied(["Underlying Exposure Identifier", "Special Scheme"])
    assert "account_id" not in _applied(["序号", "客户名称", "贷款余额"])


def test_two_bureau_counts_are_enough_to_read_an_amount_delinquent_as_the_bureaus():
    prosper = ["ListingKey", "LoanStatus", "CurrentDelinquencies", "AmountDelinquent", "LoanKey",
               "LoanOriginalAmount", "InquiriesLast6Months", "LoanCurrentDaysDelinquent"]
    got = _applied(prosper)
    assert "overdue_amount" not in got and got["days_past_due"] == "LoanCurrentDaysDelinquent"
    # a Chinese ledger's own history counts do not make its overdue amount a bureau figure
    ledger = ["借据号", "累计逾期次数", "最高逾期天数", "逾期总金额", "贷款余额"]
    assert _applied(ledger)["overdue_amount"] == "逾期总金额"


def test_temenos_arrangements_and_collections_accounts():
    t24 = ["ARRANGEMENT.ID", "CUSTOMER.ID", "PRODUCT", "CURRENCY", "START.DATE", "MATURITY.DATE", "TERM.AMOUNT",
           "PRINCIPAL.BALANCE", "OVERDUE.STATUS", "DAYS.PAST.DUE", "ACCOUNT.OFFICER", "CO.CODE", "INTEREST.RATE",
           "TOT.OVERDUE.AMT", "REPORT.DATE", "SHORT.NAME", "SECTOR", "LEGAL.ID", "PHONE.1"]
    _check(t24, {"ARRANGEMENT.ID": "account_id", "PRODUCT": "product", "START.DATE": "origination_date",
                 "TERM.AMOUNT": None, "PRINCIPAL.BALANCE": "balance", "OVERDUE.STATUS": "status_label",
                 "DAYS.PAST.DUE": "days_past_due", "ACCOUNT.OFFICER": "owner", "CO.CODE": "branch",
                 "INTEREST.RATE": "interest_rate", "TOT.OVERDUE.AMT": "overdue_amount", "REPORT.DATE": "snapshot_date",
                 "SHORT.NAME": "customer_name", "SECTOR": "industry", "LEGAL.ID": "id_number", "PHONE.1": "phone",
                 "CUSTOMER.ID": None, "CURRENCY": None, "MATURITY.DATE": None})
    collections = ["Account Number", "Account Opening Date", "Product Type", "Outstanding Amount", "Overdue Amount",
                   "Days Past Due", "Home Branch", "Asset Classification Code", "Account Limit", "Maturity Date",
                   "Account Currency Code", "Interest Rate", "Reason for Delinquency", "Behavior Score",
                   "Relationship Manager", "Account Closed Date", "Interest Bucket", "Principal Bucket Amount",
                   "Originator Legal Entity Identifier"]
    _check(collections, {"Account Number": "account_id", "Account Opening Date": "origination_date",
                         "Outstanding Amount": "balance", "Overdue Amount": "overdue_amount",
                         "Days Past Due": "days_past_due", "Home Branch": "branch", "Account Limit": "credit_limit",
                         "Reason for Delinquency": "overdue_reason", "Relationship Manager": "owner",
                         "Interest Bucket": None, "Account Closed Date": None, "Principal Bucket Amount": None,
                         "Originator Legal Entity Identifier": None})


def test_consumer_finance_warehouse_names():
    layout = ["loan_no", "user_id", "cust_name", "id_card_no", "mobile_no", "product_name", "channel_name", "loan_amt",
              "lend_date", "term_no", "ovd_days", "ovd_amt", "to_repay_amt", "repay_amt", "should_repay_amt",
              "plan_repay_date", "actual_repay_date", "dt", "five_class", "city_name", "province_name",
              "collector_name", "max_ovd_days", "his_ovd_cnt"]
    _check(layout, {"loan_no": "account_id", "cust_name": "customer_name", "id_card_no": "id_number",
                    "mobile_no": "phone", "product_name": "product", "channel_name": "channel",
                    "loan_amt": None, "lend_date": "origination_date", "ovd_days": "days_past_due",
                    "ovd_amt": "overdue_amount", "to_repay_amt": "balance", "repay_amt": "paid_amount",
                    "should_repay_amt": "due_amount", "plan_repay_date": "due_date", "dt": "snapshot_date",
                    "five_class": "loan_class", "province_name": "region", "collector_name": "owner",
                    "user_id": None, "term_no": None, "actual_repay_date": None, "max_ovd_days": None,
                    "his_ovd_cnt": None, "city_name": None})
    # what is still to be repaid is the balance, never the amount paid
    for header in ("left_repay_amt", "wait_repay_amt", "remain_repay_amt", "unrepay_amt"):
        assert _applied(["loan_no", header]).get("balance") == header, header


@pytest.mark.parametrize("header", ["未回收本金", "待回收金额", "待回款金额", "待收本息", "未收回金额", "未还款金额", "未结清金额"])
def test_not_yet_collected_is_the_balance_not_the_amount_paid(header):
    got = _applied(["借据号", header])
    assert got.get("balance") == header and "paid_amount" not in got


def test_a_loan_amount_beside_a_balance_is_offered_as_the_limit_not_applied():
    # LendingClub's loan_amount filled the credit limit at 100 % ("a common name"): on an
    # instalment book the repaid principal became undrawn limit and the EAD, expected loss and
    # allowance grew with it; it is offered, as orig_amt, 放款金额 and 贷款金额 are
    from analysis.ingest.recognise import recognise_columns

    headers = ["loan_id", "month", "dpd", "loan_amount", "balance"]
    rows = [["L1", "2024-01", "0", "10000", "8000"], ["L2", "2024-01", "35", "5000", "4200"],
            ["L3", "2024-01", "0", "7000", "6900"]]
    raw = _raw(headers, rows)
    assert "credit_limit" not in suggest_mapping(raw)
    offered = [s for s in recognise_columns(raw) if s.field == "credit_limit"]
    assert [(s.header, s.confidence < 0.75) for s in offered] == [("loan_amount", True)]
    # a header that says limit is still filled in beside a balance
    assert _applied(["loan_id", "month", "dpd", "credit_limit", "balance"]).get("credit_limit") == "credit_limit"
