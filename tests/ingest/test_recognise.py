"""Header recognition by meaning: synonyms, words, abbreviations, near spellings and the values."""
from __future__ import annotations

import json
import time

import pytest

from analysis.core.schema import canonical_for
from analysis.ingest.readers import read_table
from analysis.ingest.recognise import CONFIDENT, header_field, recognise_columns, suggest_mapping, suggest_segments


def _raw(text: str):
    return read_table(text.encode("utf-8"), "t.csv")


# Headers as real exports write them; none of these is in the synonym table word for word.
BY_MEANING = {
    "balance": ["Outstanding Principal", "Unpaid Principal Balance", "Current Actual UPB", "贷款余额(万元)",
                "未还本金", "借据余额", "当前余额", "AMT_BALANCE", "Principal Outstanding", "Amount Outstanding",
                "os_balance", "月末贷款余额", "Gross Carrying Amount", "Principal O/S", "正常本金余额"],
    "credit_limit": ["授信额度(万元)", "Sanctioned Limit", "批复额度", "Original UPB", "Approved Limit", "放款金额"],
    "days_past_due": ["Days Delinquent", "Days in Arrears", "SK_DPD", "LoanCurrentDaysDelinquent", "Arrears Days",
                      "Number of Days Past Due", "Arrears (days)", "本金逾期天数", "CREDIT_DAY_OVERDUE"],
    "account_id": ["Loan Sequence Number", "SK_ID_CURR", "贷款账号", "Invoice No.", "Acct No", "LoanNumber"],
    "snapshot_date": ["Monthly Reporting Period", "As of Date", "Reporting Month", "会计日期", "截止日期", "rpt_dt"],
    "status_label": ["Current Loan Delinquency Status", "Delinquency Bucket"],
    # the bank's own five-tier classification: never read as a delinquency status
    "loan_class": ["贷款五级分类", "风险分类", "五级分类结果", "资产分类", "分类结果", "Loan Classification",
                   "Asset Classification", "Five-tier classification", "CBIRC class", "贷款五级分类结果"],
    "branch": ["所属分行", "所属支行", "经办机构", "Servicing Branch", "机构名称", "Home Branch"],
    "region": ["所属地区", "Property State", "BorrowerState", "所属省份"],
    "product": ["Loan Type", "产品类型", "Product Code", "贷款种类"],
    "overdue_amount": ["Past Due Amount", "Amount in Arrears", "逾期本金"],
    "origination_date": ["Disbursement Date", "LoanOriginationDate", "贷款发放日", "Date Opened"],
    "interest_rate": ["Note Rate", "BorrowerAPR", "贷款利率"],
    "score": ["Borrower Credit Score at Origination", "Behaviour Score"],
    "owner": ["Relationship Manager", "Loan Officer"],
    "customer_name": ["Borrower Name", "借款人名称"],
}

# Columns that are something else: income, flags, counts, history windows, codes.
NOTHING = ["annual_inc", "emp_title", "delinq_2yrs", "mths_since_last_delinq", "num_accounts_30d_past_due",
           "Zero Balance Code", "Loan Age", "Remaining Months to Legal Maturity", "Modification Flag",
           "AMT_INCOME_TOTAL", "DAYS_BIRTH", "FLAG_MOBIL", "NAME_INCOME_TYPE", "EmploymentStatus", "年龄",
           "是否逾期", "逾期次数", "历史最高逾期天数", "近6个月逾期次数", "M1余额", "default.payment.next.month",
           "Pre-HARP Loan Sequence Number", "last_pymnt_d", "max_bal_bc", "Seller Name", "Times 30 Days Late",
           "Original Loan-to-Value (LTV)", "Occupancy Status", "近12个月最大逾期天数", "月利率"]


@pytest.mark.parametrize("field, header", [(f, h) for f, hs in BY_MEANING.items() for h in hs])
def test_header_read_by_meaning(field, header):
    found = header_field(header)
    assert found is not None and found[0] == field and found[1] >= CONFIDENT, found
    # the readers' header-row detection and the wide reshape agree with the matcher
    assert canonical_for(header) == field


@pytest.mark.parametrize("header", NOTHING)
def test_other_things_are_not_mapped(header):
    found = header_field(header)
    assert found is None or found[1] < CONFIDENT, found
    assert canonical_for(header) is None


def test_reasons_and_confidence_order():
    assert header_field("贷款余额") == ("balance", 1.0, "exact")
    assert header_field("贷款余额(万元)")[2] == "exact"  # the unit is not part of the name
    assert header_field("Outstanding Principal")[2] == "tokens"
    assert header_field("Outstandng Principl")[:2] == ("balance", 0.93)  # letters in order: abbreviations
    assert header_field("Outstadning Prinicpal")[::2] == ("balance", "fuzzy")  # transposed letters: rapidfuzz
    # an unknown qualifier lowers confidence less than an unknown head word
    assert header_field("Flagship Branch")[1] > header_field("Branch Flagship")[1]


def test_the_issue_examples_in_one_file():
    raw = _raw("借据号,数据日期,逾期天数,贷款余额(万元),授信额度(万元),所属地区,所属分行\n"
               "A1,2024-01-31,0,18.25,30,华东,上海分行\nA2,2024-01-31,35,2.5,5,华南,广州分行\n")
    assert suggest_mapping(raw) == {
        "account_id": "借据号", "snapshot_date": "数据日期", "days_past_due": "逾期天数",
        "balance": "贷款余额(万元)", "credit_limit": "授信额度(万元)", "region": "所属地区", "branch": "所属分行",
    }


def test_agency_loan_level_headers():
    raw = _raw("Loan Sequence Number,Monthly Reporting Period,Current Actual UPB,Current Loan Delinquency Status,"
               "Loan Age,Original UPB,Property State,Zero Balance Code\n"
               "F1,202401,180000.50,0,12,200000,CA,\nF2,202401,95000.00,2,30,100000,TX,\n")
    assert suggest_mapping(raw) == {
        "account_id": "Loan Sequence Number", "snapshot_date": "Monthly Reporting Period",
        "balance": "Current Actual UPB", "status_label": "Current Loan Delinquency Status",
        "region": "Property State",  # the amount lent beside a balance: offered as the limit, not applied
    }


def test_two_columns_never_share_a_field_and_the_more_certain_wins():
    # Both name the balance; the exact synonym wins wherever it stands, the other stays unmapped.
    raw = _raw("Outstanding Principal,id,month,dpd,贷款余额\n1,A,2024-01,0,2\n")
    suggestions = recognise_columns(raw)
    fields = [s.field for s in suggestions]
    assert len(fields) == len(set(fields))
    headers = [s.header for s in suggestions]
    assert len(headers) == len(set(headers))
    assert suggest_mapping(raw)["balance"] == "贷款余额"
    assert "Outstanding Principal" not in suggest_mapping(raw).values()


def test_values_that_contradict_a_field_veto_it():
    # "Overdue Days" holding status codes is not DPD; "Reporting Month" holding money is not a month;
    # "Outstanding Balance" holding months is not a balance.
    raw = _raw("Loan ID,Overdue Days,Reporting Month,Outstanding Balance,stat_date\n"
               "A,M1,1200.50,2024-01,2024-01-31\nB,C,300.25,2024-02,2024-01-31\nC,M2,99.10,2024-03,2024-01-31\n")
    mapping = suggest_mapping(raw)
    assert mapping.get("status_label") == "Overdue Days"  # its values are status codes
    assert "days_past_due" not in mapping
    assert mapping.get("snapshot_date") == "stat_date"
    assert "Outstanding Balance" not in mapping.values()
    assert "Reporting Month" not in mapping.values()


def test_exact_synonym_kept_despite_garbage_cells():
    # A named column of garbage stays mapped, so validation can say which cells are wrong.
    raw = _raw("客户编号,统计日期,逾期天数,贷款余额\nA,abc,0,1\nB,xyz,0,2\n")
    assert suggest_mapping(raw)["snapshot_date"] == "统计日期"


def test_text_flag_named_telephone_is_not_a_phone():
    raw = _raw("id,telephone\n" + "".join(f"A{i},{'none' if i % 2 else 'yes, registered'}\n" for i in range(20)))
    assert "phone" not in suggest_mapping(raw)


def test_low_confidence_guesses_are_offered_not_applied():
    rows = "".join(f"A{i},1380013{i:04d},2024-0{1 + i % 3}-28\n" for i in range(12))
    raw = _raw("id,联系\u5b57\u6bb5X,col3\n" + rows)
    suggestions = {s.header: s for s in recognise_columns(raw)}
    assert suggestions["col3"].field == "snapshot_date" and suggestions["col3"].reason == "values"
    assert not suggestions["col3"].confident
    assert "snapshot_date" not in suggest_mapping(raw)


def test_numbered_series_are_left_to_the_wide_layout():
    raw = _raw("ID,LIMIT_BAL,PAY_0,PAY_2,BILL_AMT1,BILL_AMT2,PAY_AMT1,PAY_AMT2\n1,2,0,0,3,4,5,6\n")
    assert suggest_mapping(raw) == {"account_id": "ID", "credit_limit": "LIMIT_BAL"}


def test_segments_suggested_from_low_cardinality_text():
    rows = "".join(f"A{i},{'ABCD'[i % 4]},{i * 1.5},{'xyz'[i % 3]}{i}\n" for i in range(40))
    raw = _raw("id,grade_x,amount,note\n" + rows)
    assert suggest_segments(raw, {"account_id": "id"}) == ["grade_x"]


def test_hundred_columns_recognised_quickly():
    headers = [f"attribute_{i}_{chr(97 + i % 26)}" for i in range(90)]
    headers += ["Loan ID", "Reporting Month", "Days Delinquent", "Outstanding Principal", "所属分行",
                "所属地区", "Sanctioned Limit", "Interest Rate", "Product Type", "Customer Name"]
    row = ",".join(["x"] * 90 + ["A1", "2024-01", "0", "1.5", "上海分行", "华东", "10", "0.05", "消费贷", "张三"])
    raw = _raw(",".join(headers) + "\n" + "\n".join([row] * 200) + "\n")
    recognise_columns(raw)  # warm the word caches, as a session does on its first file
    start = time.perf_counter()
    mapping = suggest_mapping(raw)
    elapsed = time.perf_counter() - start
    assert len(mapping) == 10
    assert elapsed < 0.5, elapsed  # ~0.05 s on an idle core; generous for a shared test machine


def test_cli_inspect_reads_outstanding_principal(tmp_path, capsys):
    from analysis.__main__ import main

    path = tmp_path / "tape.csv"
    path.write_text("Loan Number,Reporting Month,Days Delinquent,Outstanding Principal\n"
                    "L1,2024-01,0,1000.50\nL2,2024-01,45,2000\n", encoding="utf-8")
    main(["inspect", str(path), "--json"])
    payload = json.loads(capsys.readouterr().out)
    assert payload["mapping"]["balance"] == "Outstanding Principal"
    assert payload["rows_accepted"] == 2
    assert payload["balance_total"] == pytest.approx(3000.50)


def test_words_of_a_data_row_do_not_outscore_the_header_row():
    """A template file whose rows say "legal", "letter", "debtor" (a stage's action, a channel, a
    recipient) keeps its first row as the header: a bare "legal" is not an identity number."""
    from analysis.ingest.readers import read_table

    csv = ("template_id,stage,action,channel,recipient,text\n"
           "ZH-R01,1-30,reminder,sms,debtor,提醒\n"
           "ZH-G01,91-180,legal,letter,debtor,诉讼前告知函\n").encode("utf-8")
    raw = read_table(csv, "templates.csv")
    assert list(raw.frame.columns) == ["template_id", "stage", "action", "channel", "recipient", "text"]
    assert header_field("legal") is None and header_field("LEGAL.ID")[0] == "id_number"


def test_a_past_due_flag_is_not_an_amount():
    """LendingClub's acc_now_delinq holds 0.0 / 1.0 (accounts delinquent now): it was applied as
    the overdue amount on its values; a bare 'Past Due' of money still is one."""
    flag = read_table(b"id,month,acc_now_delinq\nA,2024-01,0.0\nB,2024-01,1.0\nC,2024-01,0.0\nD,2024-01,0.0\n", "a.csv")
    assert not [s for s in recognise_columns(flag) if s.header == "acc_now_delinq" and s.confident]
    money = read_table(b"id,month,Past Due\nA,2024-01,0.00\nB,2024-01,0.00\nC,2024-01,12.50\nD,2024-01,0.00\n", "a.csv")
    assert [(s.field, s.confident) for s in recognise_columns(money) if s.header == "Past Due"] == [("overdue_amount", True)]


@pytest.mark.parametrize("glued, spaced", [
    ("acctno", "acct no"), ("custname", "cust name"), ("rptdate", "rpt date"), ("overdueamt", "overdue amt"),
    ("productcode", "product code"), ("openingdate", "opening date"), ("collectorname", "collector name"),
    ("principalbal", "principal bal"),
])
def test_two_words_written_together_read_as_the_two_words(glued, spaced):
    """Systems that allow no separator in a column name glue words together (征信 rptdate, ERP
    custname): such a name reads as its words with a space between."""
    assert header_field(spaced) is not None and header_field(glued)[:2] == header_field(spaced)[:2]


def test_a_word_is_cut_only_when_unknown_whole_and_both_parts_are_words():
    assert header_field("balance") == ("balance", 1.0, "exact")
    assert header_field("birthdate") is None  # birth + date: a birth date, not a snapshot
    assert header_field("zzqxdate") is None or header_field("zzqxdate")[1] < CONFIDENT


@pytest.mark.parametrize("field, header", [
    # Chinese banks' English schemas: 放款 is PUTOUT, a date abbreviated DAT
    ("origination_date", "PUTOUT_DATE"), ("origination_date", "PUTOUTDATE"), ("origination_date", "dat_acct_open"),
    ("account_id", "DUEBILL_NO"),
    # a classification named by what it classifies, or by the regulator's word for it
    ("loan_class", "Prudential Risk Classification"), ("loan_class", "Asset Classification Code"),
    ("loan_class", "五類資產分類"), ("loan_class", "贷款风险分类结果"),
    # the bank that lent or keeps the loan is the branch; a card's last repayment day is its due date
    ("branch", "贷款发放行代码"), ("branch", "开户行名称"), ("due_date", "还款截止日期"), ("due_date", "最后还款日"),
    ("credit_limit", "核准金額"), ("product", "产品分类名称"), ("region", "town_name"), ("region", "Village"),
    ("score", "BureauScoreValue"), ("score", "vScoreBuro"),
    # 违约 in the regulator's tables; an industry named by its classification; EAST's 欠本日期
    ("days_past_due", "违约天数"), ("overdue_amount", "违约金额(万元)"), ("industry", "经济行业分类"),
    ("industry", "细分行业"), ("industry", "Industry Classification Code"), ("due_date", "欠本日期"),
    ("due_date", "Overdue Date"), ("loan_class", "資產五分類"), ("origination_date", "初貸日期"),
    ("snapshot_date", "年月份"), ("product", "Tipo_Financiamiento"),
    # collection systems and data warehouses: 借据 as due_bill, 额度 as quota, a band of days
    ("account_id", "due_bill_no"), ("credit_limit", "fixedQuota"), ("due_date", "还款日"),
    ("overdue_reason", "形成不良原因"), ("owner", "管理责任人工号"), ("region", "所属乡镇"),
    ("customer_name", "信贷系统客户名称"), ("paid_amount", "Actual payment amount"),
    ("status_label", "Days in Arrears Band"), ("id_number", "cidNo"), ("balance", "应收款合计"),
])
def test_more_words_of_bank_exports(field, header):
    found = header_field(header)
    assert found is not None and found[0] == field and found[1] >= CONFIDENT, found


@pytest.mark.parametrize("header", ["累积逾期期数", "累計逾期期數", "carteira_ativa", "Local Currency", "临时额度",
                                    "上笔信贷借据号", "违约金", "ORIG_TRM", "实际还款日", "还款日期"])
def test_counts_over_a_lifetime_and_look_alikes_are_not_applied(header):
    found = header_field(header)
    assert found is None or found[1] < CONFIDENT, found


def test_an_amount_lent_beside_a_balance_is_offered_as_the_limit_and_a_limit_is_applied():
    # a tape's orig_amt filled in as the limit made repaid principal undrawn exposure (EAD 10.1M
    # on a 6.7M book, allowance +35 %) and every new loan fully utilised
    tape = _raw("loan_id,as_of_date,days_delinquent,upb,orig_amt\nL1,2024-01-31,0,900,1000\nL2,2024-01-31,35,480,500\n")
    offered = {s.field: s for s in recognise_columns(tape)}
    assert "credit_limit" not in suggest_mapping(tape) and offered["credit_limit"].header == "orig_amt"
    assert offered["credit_limit"].confidence < CONFIDENT
    card = _raw("card_no,as_of_date,days_delinquent,balance,credit_limit\nC1,2024-01-31,0,900,1000\n")
    assert suggest_mapping(card)["credit_limit"] == "credit_limit"
    ledger = _raw("借据号,统计月份,逾期天数,贷款余额,授信额度\nJ1,2024-01,0,900,1000\n")
    assert suggest_mapping(ledger)["credit_limit"] == "授信额度"
