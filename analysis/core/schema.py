"""The canonical portfolio: column names, types and the header synonyms that map onto them.

This is the one table the ingest layer, the pages and the tests agree on. A *portfolio* is a
DataFrame with one row per account per month and these columns (optional ones may be absent):

========================  =====================================  ==============================
column                    dtype after ingest                      meaning
========================  =====================================  ==============================
account_id                string                                  account / contract number
month                     string ``YYYY-MM``                      calendar month of the snapshot
snapshot_date             datetime64[ns], month end               the same month as a date
days_past_due             int32 >= 0                              DPD at the snapshot
balance                   float64 >= 0                            outstanding balance (元)
credit_limit ...          float64 >= 0 (NaN when missing)         see ``AMOUNT_COLUMNS``
score, interest_rate      float64                                 interest_rate is annual, 0.12 = 12 %
overdue_reason            string (NA when blank)                  free text as staff wrote it
product ... owner         category                                segments (``SEGMENT_COLUMNS``)
loan_class                category of ``FIVE_TIER_KEYS`` (NA       the bank's own 五级分类 (the
                          when the cell is not a class)           regulatory figure it reports)
origination_date          datetime64[ns]                          loan start → vintage, MOB
customer_name, phone,     string                                  personal data, masked on screen
id_number
source_row                int32 (int64 past 2**31)                the row as the user sees it in
                                                                  their file (1-based, Excel rows)
========================  =====================================  ==============================

Columns the user keeps as *extra segments* (e.g. Lending Club ``grade``) are stored as
``category`` too; :func:`segment_columns` finds every segment by that rule.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

REQUIRED_COLUMNS = ("account_id", "snapshot_date", "days_past_due", "balance")

AMOUNT_COLUMNS = (
    "balance",
    "credit_limit",
    "overdue_amount",
    "due_amount",
    "paid_amount",
)
NUMBER_COLUMNS = ("score", "interest_rate")
DATE_COLUMNS = ("snapshot_date", "origination_date", "due_date")


def usable_rates(rates) -> np.ndarray:
    r"""Which annual ``interest_rate`` values a calculation may use: a fraction from 0 to 1.

    One rule for every figure priced at an account's rate (the ECL discounting, the what-if's
    revenue, the arrangements' contract rate): a blank, a negative rate or one above 100 % a year
    (``18`` typed for 18 % among fractions, ``200`` for 2 %) is a data problem, and the caller's
    assumed rate stands in, with a note counting the accounts.

    Examples
    --------
    >>> usable_rates([0.12, 18.0, -0.05, float("nan"), 1.0]).tolist()
    [True, False, False, False, True]
    """
    values = np.asarray(rates, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(values) & (values >= 0.0) & (values <= 1.0)

SEGMENT_COLUMNS = ("product", "region", "branch", "industry", "channel", "owner")
#: The segment of the rows whose segment cell is blank: a value of its own in every cube, table and
#: filter (left out, its accounts went missing from a split and its shares were "nan"). A dash
#: reads as "none" in both languages and never clashes with a label an export carries.
BLANK_SEGMENT = "—"
#: A month holding fewer than this share of the month before's account-months looks like a partial
#: extract (ingest notes it, the findings lead with it): its rate changes compare two different books.
THIN_MONTH_SHARE = 0.5
#: A month label as the canonical ``month`` column holds it: ``YYYY-MM``.
MONTH_LABEL = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PII_COLUMNS = ("customer_name", "phone", "id_number")
TEXT_COLUMNS = ("account_id", "overdue_reason", "status_label") + PII_COLUMNS

#: Every canonical column in display order. ``due_date`` and ``status_label`` are inputs only:
#: ingest turns them into ``days_past_due`` and keeps ``status_label`` for reference.
CANONICAL_COLUMNS = (
    "account_id",
    "snapshot_date",
    "days_past_due",
    "due_date",
    "status_label",
    "loan_class",
    "balance",
    "credit_limit",
    "overdue_amount",
    "due_amount",
    "paid_amount",
    "overdue_reason",
    *SEGMENT_COLUMNS,
    "origination_date",
    "score",
    "interest_rate",
    *PII_COLUMNS,
)

#: Header synonyms, Chinese and English, matched after :func:`normalise_header`.
#: One table: extend it here, never in a page.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "account_id": (
        "account_id", "account", "account no", "account number", "acct", "acct_id", "loan_id",
        "loan id", "loan no", "contract no", "contract_id", "id", "customer_id", "cust_id",
        "客户编号", "客户号", "账户号", "账号", "账户编号", "合同号", "合同编号", "借据号",
        "借据编号", "贷款编号", "卡号", "客户id", "客户代码",
    ),
    "snapshot_date": (
        "snapshot_date", "snapshot", "as_of", "as of", "as_of_date", "report_date", "date",
        "month", "period", "stat_date", "data_date", "统计日期", "数据日期", "月份", "统计月份",
        "months_balance", "month_balance", "month_index",
        "报表日期", "快照日期", "日期", "数据月份", "账期", "统计期间", "期间", "dt", "data_dt",
    ),
    "days_past_due": (
        "days_past_due", "dpd", "days past due", "days_overdue", "overdue_days", "past_due_days",
        "逾期天数", "逾期天数(天)", "当前逾期天数", "逾期日数", "拖欠天数",
    ),
    "due_date": (
        "due_date", "due date", "payment_due_date", "应还日期", "应还款日",
        "还款到期日", "最早逾期日",
    ),
    "status_label": (
        "status_label", "status", "loan_status", "bucket", "aging_bucket", "delinquency_status",
        "逾期状态", "账龄", "逾期阶段", "逾期档位", "账龄段", "逾期期数",
    ),
    # The bank's own classification: what it reports to the regulator (it may be worse than the
    # DPD floor on other evidence), never read as a delinquency status when the file has one.
    "loan_class": (
        "loan_class", "五级分类", "五级分类结果", "五级分类状态", "风险分类", "风险分类结果", "贷款分类", "资产分类",
        "分类结果", "贷款五级分类", "贷款风险分类", "资产风险分类", "十二级分类", "五级", "五级分类代码",
        "loan classification", "risk classification", "asset classification", "five tier classification",
        "five category classification", "5 tier classification", "five class", "five_class", "loan class",
        "cbirc class", "cbirc classification", "regulatory classification",
        "credit risk classification", "classification",
    ),
    "balance": (
        "balance", "outstanding", "outstanding_balance", "principal_balance", "current_balance",
        "out_prncp", "loan_balance", "贷款余额", "欠款余额", "余额", "未偿余额", "本金余额",
        "剩余本金", "应收账款余额", "账面余额", "透支余额", "pos", "principal outstanding (pos)",
    ),
    "credit_limit": (
        "credit_limit", "limit", "credit line", "limit_bal", "line_amount", "授信额度",
        "loan_amount", "loan_amnt", "信用额度", "额度", "授信金额", "合同金额",
    ),
    "overdue_amount": (
        "overdue_amount", "past_due_amount", "amount_past_due", "delinquent_amount", "逾期金额",
        "逾期本金", "逾期余额", "拖欠金额",
    ),
    "due_amount": (
        "due_amount", "amount_due", "installment_due", "minimum_due", "应还金额", "本期应还",
        "应还款额", "最低还款额",
    ),
    "paid_amount": (
        "paid_amount", "amount_paid", "实还金额", "本期实还",
        "实际还款额", "还款金额",
    ),
    "overdue_reason": (
        "overdue_reason", "reason", "delinquency_reason", "default_reason", "逾期原因",
        "原因", "逾期原因说明", "催收备注", "逾期说明",
    ),
    "product": ("product", "product_type", "product_name", "产品", "产品类型", "产品名称", "业务品种", "贷款品种"),
    "region": ("region", "area", "province", "state", "addr_state", "地区", "区域", "省份", "大区"),
    "branch": ("branch", "branch_name", "分行", "支行", "网点", "机构", "经办机构", "分支机构"),
    "industry": ("industry", "sector", "行业", "所属行业", "行业分类"),
    "channel": ("channel", "source_channel", "渠道", "获客渠道", "进件渠道"),
    "owner": (
        "owner", "account_manager", "manager", "officer", "collector", "客户经理", "责任人",
        "管户人", "催收员", "经办人",
    ),
    "origination_date": (
        "origination_date", "open_date", "issue_date", "issue_d", "issue_month", "disbursement_date",
        "start_date", "放款日期", "发放日期", "开户日期", "起息日", "贷款发放日", "合同起始日",
    ),
    "score": ("score", "credit_score", "fico", "信用评分", "评分", "行为评分", "信用分"),
    "interest_rate": ("interest_rate", "rate", "int_rate", "apr", "利率", "年利率", "执行利率"),
    "customer_name": ("customer_name", "name", "borrower", "client_name", "客户名称", "客户姓名", "姓名", "借款人"),
    "phone": ("phone", "mobile", "telephone", "phone_number", "手机号", "手机号码", "联系电话", "电话"),
    "id_number": ("id_number", "id_no", "national_id", "身份证号", "身份证号码", "证件号码", "证件号"),
}

#: Categorical columns that are states or results the analyses add, not segments of the book.
_NOT_SEGMENTS = frozenset({"month", "loan_class", "bucket", "prev_bucket", "next_bucket", "five_tier", "ifrs9_stage", "cause", "level"})
_SPACE_RE = re.compile(r"[\s_\-./:：（）()\[\]【】]+")


def normalise_header(header: object) -> str:
    """Fold a header to a comparable key: NFKC (full-width → half-width), lower case, no separators.

    Examples
    --------
    >>> normalise_header(" Loan_Status ")
    'loanstatus'
    >>> normalise_header("逾期天数（天）")
    '逾期天数天'
    """
    text = unicodedata.normalize("NFKC", str(header)).strip().lower()
    return _SPACE_RE.sub("", text)


#: normalised synonym → canonical column
SYNONYM_INDEX: dict[str, str] = {
    normalise_header(s): canonical for canonical, words in SYNONYMS.items() for s in words
}


def canonical_for(header: object) -> str | None:
    """Return the canonical column a header means, or ``None`` when nothing names one confidently.

    A synonym first; otherwise the header's words as :func:`analysis.ingest.recognise.header_field`
    reads them (``所属分行``, ``Outstanding Principal``), when it is confident. The values are not
    looked at here (the readers call this on every cell of the first rows to find the header).

    Examples
    --------
    >>> canonical_for("逾期天数")
    'days_past_due'
    >>> canonical_for("Unpaid Principal Balance")
    'balance'
    >>> canonical_for("colour") is None
    True
    """
    exact = SYNONYM_INDEX.get(normalise_header(header))
    if exact is not None:
        return exact
    return _meaning(str(header))


@lru_cache(maxsize=16384)
def _meaning(header: str) -> str | None:
    # The recogniser sits in the ingest layer and imports this module: import it when first needed.
    from analysis.ingest.recognise import CONFIDENT, header_field

    found = header_field(header)
    return found[0] if found is not None and found[1] >= CONFIDENT else None


def segment_columns(portfolio: pd.DataFrame) -> list[str]:
    """List the segment columns of a portfolio: canonical ones first, then extra kept columns.

    A segment is any ``category`` column except the month, which is how ingest stores them.

    Examples
    --------
    >>> df = pd.DataFrame({"region": pd.Categorical(["华东"]), "grade": pd.Categorical(["A"])})
    >>> segment_columns(df)
    ['region', 'grade']
    """
    cats = [
        c for c in portfolio.columns
        if isinstance(portfolio[c].dtype, pd.CategoricalDtype) and c not in _NOT_SEGMENTS
    ]
    known = [c for c in SEGMENT_COLUMNS if c in cats]
    return known + [c for c in cats if c not in known]
