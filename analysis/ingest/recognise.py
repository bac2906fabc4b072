"""Which column of a file is which canonical field: the mapping step's suggestions.

Exports name the same thing in many ways (``贷款余额``, ``所属分行``, ``Current Actual UPB``,
``out_prncp``, ``LoanCurrentDaysDelinquent``, ``SK_DPD``), so a header is read by meaning, in
four steps, each giving a confidence in [0, 1]:

1. **exact**: the header (unit removed: ``贷款余额(万元)`` → ``贷款余额``) is a synonym in
   :data:`analysis.core.schema.SYNONYMS` (1.0);
2. **tokens**: the header is cut into words (camelCase, ``snake_case``, Chinese by the longest
   known word), abbreviations are expanded (``prncp`` → principal, by letters in order), typos
   corrected (``rapidfuzz``), and each word becomes a *concept* (BAL, PRIN, DELQ, DAYS, ID …).
   A field is a small set of concept patterns (``DAYS + DELQ`` → days past due) with the
   concepts that may accompany it (``当前``, ``loan``) and the ones that rule it out
   (``逾期余额`` is not the balance). Words the pattern does not explain lower the confidence;
   words that name something else entirely (income, age, flags, counts, ``max``, ``last``,
   ``6m``) rule the field out;
3. **fuzzy**: a near spelling of a synonym (``rapidfuzz`` ratio ≥ 88) when nothing else fits;
4. **values**: a sample of the column confirms or contradicts the field (text in a DPD column,
   a month column as a balance → no), and proposes fields for unnamed columns (phones, ID
   numbers, months) at low confidence. Masked personal data (``138****1234``,
   ``4401**********1234``) still confirms a phone or an ID number (the mask keeps the length);
   ``MMYYYY`` integers are months; codes 1–5 under a five-tier header (``五级分类``) are the class.

Headers are read in simplified and traditional Chinese, English, and the Spanish and Portuguese
of Latin-American loan tapes (``Días de Atraso``, ``Saldo Devedor``, ``Data Base``). Beside a
principal-only balance, a total (``本息余额``, ``Total Balance``) is offered, not applied.

Fields are then assigned globally, most confident first, so two columns never share a field.
:func:`recognise_columns` returns every suggestion with its confidence and reason;
:func:`suggest_mapping` only the confident ones, which the CLI, the dataset converter and the
upload page apply without asking.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.core.schema import AMOUNT_COLUMNS, SYNONYM_INDEX, normalise_header
from analysis.ingest.file_months import FILE_COLUMN
from analysis.ingest.parsing import FIVE_TIER_HEADER, loan_class_key
from analysis.ingest.readers import RawTable
from analysis.ingest.units import CURRENCY_CODES, split_unit

__all__ = ["CONFIDENT", "SUGGEST", "Suggestion", "contested_suggestions", "header_field", "recognise_columns",
           "suggest_mapping", "suggest_segments"]

#: At or above: applied without asking. Between SUGGEST and CONFIDENT: offered with one click.
CONFIDENT = 0.75
SUGGEST = 0.4

REASONS = ("exact", "tokens", "fuzzy", "values")


@dataclass(frozen=True)
class Suggestion:
    """One proposed ``field ← header`` with how sure the recogniser is and why.

    Attributes
    ----------
    field : str
        Canonical column (``analysis.core.schema.CANONICAL_COLUMNS``).
    header : str
        The file's header.
    confidence : float
        In [0, 1]; ``>= CONFIDENT`` is applied without asking.
    reason : {"exact", "tokens", "fuzzy", "values"}
        Exact synonym, words of the header, a near spelling, or the values alone.
    """

    field: str
    header: str
    confidence: float
    reason: str

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


# --------------------------------------------------------------------------------------------
# the lexicon: word → concepts

#: English words (lower case) per concept. Abbreviations not listed are found by their letters
#: (``amnt`` in ``amount``), typos by rapidfuzz; only words whose meaning is ambiguous are listed
#: in short form (``rec``: received in ``total_rec_prncp``).
_EN_LEXICON = """
ID: id ids identifier key no nbr seq sequence code uuid sk
REF: ref reference
NUM: number num
ACCOUNT: account acct acc acnt
LOAN: loan facility credit_facility
CONTRACT: contract agreement
RECEIPT: note_no iou
DOC: document doc voucher
CARD: card cc
CUSTOMER: customer cust client borrower borr member obligor debtor applicant party cardholder
INVOICE: invoice inv_no bill factura faktur fatura
BAL: balance bal balances exposure ead carrying
PRIN: principal prin princ prncp
RECV: receivable recivable
OUT: outstanding unpaid remaining remain os owed owing open_amount debt
AMT: amount amt amnt sum value
CURRENT: current curr cur actual now latest present live refreshed updated
ORIG: original orig initial
ORIGIN: origination originated financed completion drawdown issue issued disbursement disbursed disbursal funded booking booked sanction start inception vintage advance advanced
OPEN: open opened opening
LIMIT: limit lmt limits line sanctioned approved approval authorised authorized
CREDIT: credit cr
DAYS: days day dd
DPD: dpd
DELQ: delinquent delinquency delinq delq dlq arrears arrear overdue od ovd pastdue late
STATUS: status stat_code sts lstat active
BUCKET: bucket aging ageing classification class category_code tier npa npl
STAGE: stage
DATE: date dt dte time day_of eod
MONTH: month months mth mths mo yyyymm yearmonth ym eom
MONTHLY: monthly
PERIOD: period prd cycle
REPORT: report reporting rpt statement asof snapshot stat statistics statistical data cutoff observation obs extraction extract reported
BUSINESS: business posting posted transaction txn
DUE: due payable scheduled contractual
MATURITY: maturity
PAID: paid repaid received rec collected
PAYMENT: payment pymnt pmt pay payments
INSTAL: installment instalment emi minimum min annuity
RATE: rate rt apr yield coupon percentage percent pct
INTEREST: interest int
ANNUAL: annual annualised annualized yearly
SCORE: score cscore fico scoring
NAME: name nm fullname
PHONE: phone mobile tel telephone cell cellphone
CONTACT: contact
NATIONAL: national ssn passport nric citizen
BRANCH: branch branches office outlet org organisation organization institution dept department
BANK: bank banks lender lenders
REGION: region area province state city territory zone district county country geography geographic geographical geo regional
ADDRESS: addr address
PRODUCT: product prod products scheme
TYPE: type category kind group
GRADE: grade
INDUSTRY: industry sector naics sic
CHANNEL: channel source
OWNER: officer manager rm collector agent owner staff handler relationship rep representative
REASON: reason cause
NOTE: note notes remark remarks comment comments memo
TOTAL: total tot gross
QUAL: the of in at for on per to by a an as assigned net new servicing svcg primary clr clear cleared cntr short
COLLECT: collection collections
DEFAULT: default defaulted
END: end ending closing close
COUNT: numberof count cnt counts times
CUMUL: cumulative cum cumul lifetime sofar
PLURAL: accounts loans credits trades lines inquiries borrowers cards
LAST: last
HIST: max maximum highest hi worst ever since previous prev prior avg average mean median history historical earliest pre lowest lower upper range
NEXT: next future expected projected forecast
FIRST: first
FLAG: flag flg ind indicator is has yn not
FOREIGN: mob revolving revol escrow suspense corporate hardship settlement forgiveness forgiven undisbursed proceeds expenses costs cost public record records derog income inc salary wage age gender sex birth dob education marital marriage employment emp employed employer job occupation family fam children child housing ownership residence purpose term tenor duration ltv cltv dti ratio util utilization utilisation zip postal postcode url desc description title verification verified guarantor guarantee collateral mortgage insurance mi fee fees penalty recovery recoveries inquiry inq savings deposit checking bonds investor modification mod deferred deferral disaster loss foreclosure seller servicer target label weight tax lien bankrupt bankruptcy property plan plans goal chargeoff unscheduled prepayment prepayments prepaid price list guaranty guaranteed nonprofit profit jobs reject rejected rejection franchise coborrower downpayment ltv benchmark margin index cap floor currency crncy ccy conforming denial denied onbook overlimit specialscheme closed entity
"""

#: Chinese words per concept, matched longest first inside the header (no word boundaries needed:
#: a bank's header is a run of such words, ``所属分行名称`` = 所属 + 分行 + 名称).
_ZH_LEXICON = """
ID: 编号 号码 代码 编码 序号 号 id 流水号 工号
ACCOUNT: 账户 帐户 账号 帐号 户号 账 帐
LOAN: 贷款 借款 信贷 融资 放贷 贷
CONTRACT: 合同 协议 契约
RECEIPT: 借据 订单 凭证
CARD: 卡号 卡
CUSTOMER: 企业 客户 借款人 债务人 客户号 借款方 往来单位 持卡人 承租人
INVOICE: 发票 单据
BAL: 余额 结欠 敞口
PRIN: 本金
OUT: 未还 剩余 未偿 待还 在贷 欠款 尚欠 结余 未收 未回款
RECV: 应收
AMT: 金额 额 款项 数额
CURRENT: 当前 目前 最新 现 当期
ORIG: 原始 初始 原
ORIGIN: 放款 发放 拨款 开立 开卡 发卡 开户 起息 起始 开始 签约 签订 发生 借款日 投放 起贷
LIMIT: 额度 授信 批复 核定 核贷 审批 限额
CREDIT: 信用
DAYS: 天数 日数 天
DATE: 日期 日 时间
MONTH: 月份 年月 月
PERIOD: 期间 账期 期
PERIODS: 期数 期次
REPORT: 资料 统计 报表 报告 数据 快照 会计 截止 报送 采集 观察 账务
BUSINESS: 业务 交易 记账 过账 开票
DELQ: 逾期 拖欠 欠息 超期
STATUS: 状态 形态
BUCKET: 区间 账龄 五级分类 五级 分类 档位 档次 阶段 级次
DUE: 应还 应付 应缴
EXPIRY: 到期
DUEPAY: 应还款
PAID: 实还 已还 实收 已收 回收 回款 收回 实际还款 实缴
PAYMENT: 还款 支付 付款
INSTAL: 月供 期供 最低还款 分期
RATE: 利率
INTEREST: 利息 息
ANNUAL: 年
SCORE: 评分 分数 信用分 得分
NAME: 名称 姓名 户名 名字 名 全称 简称
PHONE: 手机 电话 联系方式 移动电话 联系
NATIONAL: 身份证 证件
BRANCH: 分行 支行 网点 机构 营业部 经办行 管理行 分支 部门
BANK: 银行
REGION: 地区 区域 省份 省 城市 市 大区 片区 区县 地市 所在地 区
ADDRESS: 地址
PRODUCT: 产品 品种
TYPE: 类型 类别 种类 性质 大类 小类 门类 分组 组别
GRADE: 等级 级别 评级
INDUSTRY: 行业 投向
CHANNEL: 渠道 来源
OWNER: 信贷员 销售员 客户经理 经办人 管户 催收员 责任人 负责人 经理 专员 业务员 管护 管理人 人员 催收人 跟进人 跟进员
COLLECT: 催收
REASON: 原因 说明
NOTE: 备注
TOTAL: 总 合计 总额
CUMUL: 累计 本年 年度 年累
QUAL: 信息 内部 别 结果 所属 所在 本期 本月 当月 月末 期末 表内 人民币 本币 的 本 之 已
COUNT: 次数 笔数 个数 户数 数量 个
HIST: 历史 最大 最高 最长 上期 上月 前期 曾经 近 过去
FIRST: 首次 首期 首笔
NEXT: 下期 下次 预计
FLAG: 是否 标志 标识
FOREIGN: 基准 合作 收入 年龄 性别 出生 学历 婚姻 职业 期限 用途 担保 抵押 质押 费 罚息 币种 邮编 工作 单位 家庭 子女 房产 利润 汇率 保证金 核销 损失 准备
"""


def _parse_lexicon(text: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in text.strip().splitlines():
        concept, words = line.split(":", 1)
        for w in words.split():
            out.setdefault(w, set()).add(concept.strip())
    return {w: frozenset(c) for w, c in out.items()}


_EN = _parse_lexicon(_EN_LEXICON)
_ZH = _parse_lexicon(_ZH_LEXICON)
# Words of bank and lender exports in several places: Chinese banks'
# English column names (PUTOUT_DATE 放款日期, DUEBILL_NO 借据号), regulatory classes named by what
# they classify (资产分类, "Prudential Risk Classification", "Asset Classification"), a card's
# 最后还款日 (the payment due date) and towns as regions.
for _w in ("town", "towns", "village", "municipality", "suburb", "prefecture"):
    _EN[_w] = frozenset({"REGION"})
_EN["dat"] = frozenset({"DATE"})  # dat_acct_open: an abbreviation of date (data is REPORT)
_EN["putout"] = frozenset({"ORIGIN"})  # 放款 in Chinese banks' English schemas
_EN["duebill"] = frozenset({"RECEIPT"})  # 借据 (an IOU note) in Chinese banks' English schemas
_EN["bureau"] = frozenset({"BUREAU"})  # a credit bureau's score is a score
_EN["prudential"] = frozenset({"FIVETIER"})  # the regulator's asset classification (Normal … Loss)
_EN["riskclass"] = frozenset({"BUCKET", "FIVETIER"})
_EN["ativa"] = _EN["ativo"] = frozenset({"QUAL"})  # Portuguese "active" (carteira ativa), not atividade
# 违约 (default) in the regulator's tables: 违约天数 are the days past due, 违约金额 the amount in
# default; 违约金 alone is a penalty fee. EAST's 欠本日期/欠息日期: the day principal (interest)
# fell due unpaid. 最近一次 (the last one) is a history word, as "last" is.
_ZH["违约"] = frozenset({"DELQ"})
_ZH["违约金"] = frozenset({"FOREIGN"})
_ZH["违约金额"] = frozenset({"DELQ", "AMT"})
for _w in ("欠本日期", "欠息日期"):
    _ZH[_w] = frozenset({"DELQ", "ORIGIN", "DATE"})
_ZH["最近一次"] = frozenset({"LAST"})
_ZH["上笔"] = frozenset({"HIST"})  # 上笔借据号: the previous loan's number, not this one's
_ZH["临时"] = frozenset({"FOREIGN"})  # 临时额度: a temporary line on top of the limit
_ZH["细分"] = frozenset({"QUAL"})  # 细分行业: not 细 + 分行 + 业
_ZH["经济"] = frozenset({"QUAL"})  # 经济行业分类: the industry
_ZH["资产"] = frozenset({"QUAL"})
_ZH["五分类"] = frozenset({"BUCKET", "FIVETIER"})  # 资产五分类
_ZH["初贷"] = frozenset({"ORIGIN"})  # Taiwan: 初貸日期, the first drawdown
_ZH["年月份"] = frozenset({"MONTH"})
_ZH["行政区划"] = frozenset({"REGION"})
_EN["trm"] = frozenset({"FOREIGN"})  # ORIG_TRM: the term
_EN["buro"] = frozenset({"BUREAU"})  # Spanish: buró de crédito
for _w, _c in (("tipo", "TYPE"), ("financiamiento", "LOAN"), ("financiamento", "LOAN")):
    _EN[_w] = frozenset({_c})
# Collection-system and data-warehouse exports: 还款日 is the scheduled repayment
# day (实际还款日 the one paid); 额度 is written "quota"; a band of days is a bucket.
_ZH["还款日"] = frozenset({"DUE", "PAYMENT", "DATE"})
_ZH["还款日期"] = frozenset({"PAYMENT", "DATE"})  # scheduled or paid: as before, offered, not applied
_ZH["应收款"] = frozenset({"RECV"})
_ZH["形成不良"] = frozenset({"DELQ"})  # 形成不良原因: why the loan became non-performing
for _w in ("管理", "系统"):
    _ZH[_w] = frozenset({"QUAL"})  # 管理责任人, 信贷系统客户名称
for _w in ("乡镇", "县", "镇"):
    _ZH[_w] = frozenset({"REGION"})
_EN["quota"] = frozenset({"LIMIT"})
_EN["fixed"] = frozenset({"QUAL"})
_EN["band"] = frozenset({"BUCKET"})
_EN["cid"] = frozenset({"NATIONAL"})  # cidNo: the citizen's ID number (masked as personal data)
_EN["actualpayment"] = frozenset({"PAID", "PAYMENT"})
_ZH["核准"] = frozenset({"LIMIT"})  # Taiwan: 核准金額, the approved amount
_ZH["五类"] = frozenset({"BUCKET", "FIVETIER"})
_ZH["资产分类"] = frozenset({"BUCKET", "FIVETIER"})  # 五类资产分类: the five-tier class of the asset
_ZH["风险分类"] = frozenset({"BUCKET", "FIVETIER"})
_ZH["还款截止"] = frozenset({"DUE", "PAYMENT"})  # 还款截止日期: the day by which a payment is due
_ZH["累积"] = frozenset({"CUMUL"})
for _w in ("发放行", "放款行", "开户行", "贷款行", "经营行", "账务行"):
    _ZH[_w] = frozenset({"BRANCH"})  # the bank (branch) that lent, keeps or books the loan
_ZH_MAX = max(len(w) for w in _ZH)


def _script_key(word: str) -> str:
    """A lexicon word as :func:`_tokens` leaves a header's letters: accents and marks off (Thai
    vowel and tone marks, Japanese voicing marks too), so both sides compare alike. Written in
    simplified characters where :data:`_TRADITIONAL` maps them (贷出, not 貸出)."""
    text = unicodedata.normalize("NFKD", word.lower())
    return unicodedata.normalize("NFKC", "".join(ch for ch in text if not unicodedata.combining(ch)))

# Words known in two languages, and compound words: a word may carry several concepts.
_ZH["账号"] = frozenset({"ACCOUNT", "ID"})
_ZH["帐号"] = frozenset({"ACCOUNT", "ID"})
_ZH["卡号"] = frozenset({"CARD", "ID"})
_ZH["户号"] = frozenset({"ACCOUNT", "ID"})
_ZH["客户号"] = frozenset({"CUSTOMER", "ID"})
_ZH["户名"] = frozenset({"ACCOUNT", "NAME"})
_ZH["五级分类"] = frozenset({"BUCKET", "FIVETIER"})  # the bank's own class: loan_class before a status
_ZH["五级"] = frozenset({"BUCKET", "FIVETIER"})
_ZH["十二级分类"] = frozenset({"BUCKET", "FIVETIER"})
_ZH["欠本"] = frozenset({"DELQ", "PRIN"})  # 欠本金额: principal in arrears
_ZH["应还款"] = frozenset({"DUE", "PAYMENT"})
_ZH["本息"] = frozenset({"PRIN", "AMT"})  # principal and interest together: an amount
_ZH["利率"] = frozenset({"RATE", "INTEREST"})  # 利 is interest: 利率 is never another rate
_EN["upb"] = frozenset({"OUT", "PRIN", "BAL"})
_EN["os"] = frozenset({"OUT"})
_EN["pbal"] = frozenset({"PRIN", "BAL"})  # LendingClub payment history: principal balance
_EN["cycles"] = frozenset({"PERIODS"})
_EN["periods"] = frozenset({"PERIODS"})  # totalPeriods, remainingPeriods: a number of instalments  # "Cycles Delinquent": missed payments, a status
_ZH["放款余额"] = frozenset({"LOAN", "BAL"})  # Taiwan: 放款 is the loan itself
_ZH["核贷"] = frozenset({"LIMIT", "LOAN"})
_ZH["欠息"] = frozenset({"DELQ", "INTEREST"})  # interest in arrears: not the overdue amount
_ZH["总额"] = frozenset({"TOTAL", "AMT"})
_ZH["借款日期"] = frozenset({"ORIGIN", "DATE"})
_ZH["管户行"] = frozenset({"BRANCH"})
_ZH["实还款"] = frozenset({"PAID", "PAYMENT"})
_ZH["还款金额"] = frozenset({"PAID", "AMT"})  # in Chinese the repayment made; English "payment amount" is either
_ZH["业务种类"] = frozenset({"PRODUCT", "TYPE"})
_ZH["业务品种"] = frozenset({"PRODUCT"})
_ZH["营业单位"] = frozenset({"BRANCH"})
_ZH["缴款"] = frozenset({"DUE", "PAYMENT"})  # Taiwan: 缴款日 is the day a payment is due
_EN["cif"] = frozenset({"CUSTOMER", "ID"})  # customer information file number
_EN["lan"] = frozenset({"LOAN", "ACCOUNT", "ID"})  # India: loan account number
_EN["roi"] = frozenset({"RATE", "INTEREST"})  # India: rate of interest
_EN["scr"] = frozenset({"SCORE"})
_EN["cyc"] = frozenset({"PERIODS"})  # cycles delinquent
for _w in ("document", "doc", "voucher"):
    _EN[_w] = frozenset({"RECEIPT", "DOC"})  # an accounting document: its number keys a ledger's entries
_EN["act"] = frozenset({"QUAL"})
_EN["delinquencies"] = frozenset({"DELQ", "COUNT", "PLURAL"})  # "CurrentDelinquencies": how many, not how much
for _w in ("occupation", "employment", "employer", "emp", "job", "profession"):
    _EN[_w] = frozenset({"FOREIGN", "JOB"})  # Bondora's OccupationArea: the borrower's trade, not a region
_EN["listing"] = frozenset({"LISTING"})
_EN["arrangement"] = frozenset({"CONTRACT"})
_EN["repay"] = frozenset({"PAID", "REPAY"})  # repay_amt is what was repaid; to_repay / should_repay are not
for _w in ("left", "rest", "wait", "pending", "unrepaid", "unrepay", "torepay", "out"):
    _EN[_w] = frozenset({"OUT"})  # left_repay_amt, to_repay_amt, out_principal: still owed
for _w in ("should", "need", "planned", "planrepay"):
    _EN[_w] = frozenset({"DUE"})  # should_repay_amt, plan_repay_date: scheduled
_EN["idcard"] = frozenset({"NATIONAL", "ID"})  # id_card_no: the identity card, not an id of the account
_EN["fiveclass"] = frozenset({"BUCKET", "FIVETIER"})  # five_class: 五级分类
_EN["cbirc"] = frozenset({"FIVETIER"})  # "CBIRC class": the regulator's five-tier classification
_EN["order"] = frozenset({"RECEIPT"})  # a consumer-finance loan order (订单)
_EN["lend"] = frozenset({"ORIGIN"})
_EN["dt"] = frozenset({"DATE"})  # Temenos T24 AA: the arrangement is the loan contract
_EN["termamount"] = frozenset({"ORIG", "AMT"})  # T24 TERM.AMOUNT: the amount lent
_EN["cocode"] = frozenset({"BRANCH", "ID"})  # T24 CO.CODE: the company (branch) the contract is booked in
_EN["legal"] = frozenset({"LEGAL"})  # LEGAL.ID: the customer's identity document number (a bare "legal" is not)
_EN["settled"] = frozenset({"PAID"})  # Flexcube AMOUNT_SETTLED: what was paid against the amount due  # P2P (Prosper, PPDai): the listing funded as a loan
_EN["recorddate"] = frozenset({"REPORT", "DATE"})  # Fannie Mae ACT_PERIOD: the activity (reporting) period
_EN["sanct"] = frozenset({"LIMIT"})  # Finacle SANCT_LIM: the sanctioned limit
_EN["foracid"] = frozenset({"ACCOUNT", "ID"})  # Finacle: the account number
_EN["sol"] = frozenset({"BRANCH"})  # Finacle SOL_ID: the service outlet, i.e. the branch
_EN["eod"] = frozenset({"REPORT", "DATE"})  # end-of-day business date: the date of the data
_EN["valuedate"] = frozenset({"ORIGIN"})  # a loan's value date is when it starts; offered, a transaction has one too
_EN["underlying_exposure"] = frozenset({"LOAN"})  # ESMA templates: the exposure is the loan
_ZH["未收"] = frozenset({"OUT", "RECV"})
_ZH["未逾期"] = frozenset({"FOREIGN"})
for _w in ("未回收", "待回收", "待回款", "待收", "未收回", "待收回", "未实还", "未支付", "待支付", "未付", "待付", "未还款",
           "待还款", "未清偿", "未结清"):
    _ZH[_w] = frozenset({"OUT"})  # not yet collected, paid or settled: what is still owed
_ZH["序号"] = frozenset({"FOREIGN"})  # the row's number in the sheet, never the account
_ZH["行号"] = frozenset({"FOREIGN"})
_ZH["成功"] = frozenset({"QUAL"})  # PPDai 借款成功日期: the day the loan was funded
_ZH["记录"] = frozenset({"REPORT"})
# 账龄天数, 欠款天数: days counted (aging of what is owed), the days past due; 账龄 alone is a bucket
_ZH["账龄天数"] = frozenset({"DAYS", "DELQ"})
_ZH["账龄"] = frozenset({"BUCKET", "AGING"})  # 账龄(天): with a unit of days, the days themselves
for _w in ("可用", "已用", "剩余可用", "未用"):
    _ZH[_w] = frozenset({"FOREIGN"})  # 可用额度, 已用额度: what is left or drawn of a limit, not the limit
for _w in ("个人", "对公", "日终"):
    _ZH[_w] = frozenset({"QUAL"})
for _w in ("统一社会信用代码", "组织机构代码", "营业执照", "营业执照号", "社会信用代码"):
    _ZH[_w] = frozenset({"NATIONAL", "ID"})  # an enterprise borrower's registration: its 证件号码
for _w in ("许可证", "科目", "联系人"):
    _ZH[_w] = frozenset({"FOREIGN"}) if _w != "联系人" else frozenset({"PHONE", "OTHERPARTY"})
for _w in ("available", "avail", "used", "unused", "undrawn", "other", "others"):
    _EN[_w] = frozenset({"FOREIGN"})  # "Available Limit", "Other Balances": not the limit, not the balance
for _w in ("aging", "ageing"):
    _EN[_w] = frozenset({"BUCKET", "AGING"})
for _w in ("aadhaar", "aadhar", "voter", "identity", "nino", "documento", "identidad"):
    _EN[_w] = frozenset({"NATIONAL"})  # identity numbers of a person (a taxpayer number is not one)
_EN["tipo"] = frozenset({"TYPE"})
_EN["nro"] = frozenset({"NUM"})
_EN["nr"] = frozenset({"NUM"})  # LoanNr (SBA), Kontonr: number
for _w in ("chk", "dgt", "chkdgt"):
    _EN[_w] = frozenset({"QUAL"})  # LoanNr_ChkDgt: the number with its check digit
_EN["obligation"] = frozenset({"LOAN"})
_EN["instrument"] = frozenset({"LOAN"})  # AnaCredit: the instrument is the loan (a contract may hold several)  # Obligation Number: the debt itself
_EN["ucic"] = frozenset({"CUSTOMER", "ID"})
_EN["kyc"] = frozenset({"NATIONAL"})
for _w in ("program", "programme"):
    _EN[_w] = frozenset({"PRODUCT"})  # Loan Program: the lending product
_EN["venta"] = frozenset({"QUAL"})  # Canal de Venta: the sales channel
for _w in ("rut", "ruc", "nit", "cuit", "cuil", "nif", "nie"):
    _EN[_w] = frozenset({"NATIONAL"})  # identity numbers in Latin-American and Spanish tapes (RUT, RUC, NIT, CUIT, NIF/NIE); Mexico's RFC is a tax number beside the CURP
for _w in ("performance", "performing", "nonperforming"):
    _EN[_w] = frozenset({"DELQ"})  # Performance Status: performing / non-performing, a delinquency status
_EN["perform"] = frozenset({"QUAL"})
_EN["cns"] = frozenset({"QUAL"})
_EN["cibil"] = frozenset({"SCORE"})  # India's credit bureau: the CIBIL score  # KYC ID, KYC No: the identity document seen at onboarding
_EN["idproof"] = frozenset({"NATIONAL", "ID"})
_ZH["护照"] = frozenset({"NATIONAL"})
_EN["inv"] = frozenset({"INVOICE"})  # ERP: Inv No, Inv Date, Inv Amt
_EN["dunning"] = frozenset({"DELQ"})  # SAP dunning level: the collection stage of an overdue item
_EN["level"] = frozenset({"GRADE"})
_EN["creditterm"] = frozenset({"FOREIGN"})  # Credit Period, Credit Days: the term granted, not a period of data
# a currency or a unit written into the header (Balance USD, Outstanding (Rs.), POS (in Lakhs)): a qualifier
for _w in ("usd", "eur", "inr", "rs", "mxn", "brl", "cny", "rmb", "gbp", "idr", "php", "cop", "pen", "clp", "ars",
           "lakh", "lakhs", "lac", "lacs", "crore", "crores", "thousands", "millions", "mn", "mln", "pa", "p"):
    _EN.setdefault(_w, frozenset({"QUAL"}))
# column names of core-banking tables (LN_NO, BRW_ID, ARR_DAYS, SANC_AMT, BR_CD, MOB_NO, IRAC_STATUS)
for _w, _c in (("ln", ("LOAN",)), ("ac", ("ACCOUNT",)), ("brw", ("CUSTOMER",)), ("oblg", ("LOAN",)), ("arr", ("DELQ",)),
               ("mat", ("MATURITY",)), ("sanc", ("LIMIT",)), ("cd", ("ID",)), ("br", ("BRANCH",)), ("ph", ("PHONE",)),
               ("inst", ("INSTAL",)), ("mobileno", ("PHONE", "ID"))):
    _EN[_w] = frozenset(_c)  # India: unique customer identification code
_EN["lob"] = frozenset({"SEGMENT"})  # a line of business is not a credit line
for _w, _c in (("position", "REPORT"), ("mis", "REPORT"), ("processing", "REPORT"),
               ("accounting", "REPORT"), ("funding", "ORIGIN"), ("service", "QUAL"), ("circle", "REGION")):
    _EN[_w] = frozenset({_c})  # Position Date, MIS Date (India), Service Outlet, Circle (India)
for _w in ("cert", "certno", "certificate", "hkid", "ktp", "nik", "cnpj", "ssn", "cnic", "bvn", "nrc", "mykad", "iqama",
           "kimlik", "ciudadania", "dui", "ife", "ine_id", "pasaporte", "passportno", "nationalid", "nid"):
    _EN[_w] = frozenset({"NATIONAL"})  # cert_no (证件号码), Hong Kong / Indonesian identity numbers
_EN["identification"] = frozenset({"ID", "IDENT"})
_EN["identificacion"] = frozenset({"ID", "IDENT"})  # with no holder named: the person's identification number
_EN["assettype"] = frozenset({"TYPE"})  # ESMA/EBA "Asset Class": the kind of loan, not a delinquency class
_EN["pan"] = frozenset({"FOREIGN"})  # India's tax number or a card's primary account number: left alone
_EN["counterparty"] = frozenset({"CUSTOMER"})
_EN["unique"] = frozenset({"QUAL"})
_EN["nominal"] = frozenset({"QUAL"})
_EN["eir"] = frozenset({"RATE", "INTEREST"})
_EN["sma"] = frozenset({"BUCKET"})  # India: special mention account status (SMA-0/1/2)
for _w in ("salesperson", "salesman", "asesor", "ejecutivo", "gestor", "analista", "promotor", "cobrador"):
    _EN[_w] = frozenset({"OWNER"})
for _w, _c in (("oficina", "BRANCH"),
               ("cuota", "INSTAL"), ("pago", "PAYMENT"), ("pagado", "PAID"), ("pagos", "PAYMENT"),
               ("vencimiento", "EXPIRY"), ("apertura", "OPEN"), ("otorgado", "ORIGIN"), ("otorgamiento", "ORIGIN"),
               ("desembolsado", "ORIGIN"), ("aprobado", "LIMIT"), ("proceso", "REPORT"), ("mes", "MONTH"),
               ("canal", "CHANNEL"), ("vencido", "DELQ"), ("insoluto", "OUT"), ("pendiente", "OUT")):
    _EN.setdefault(_w, frozenset({_c}))
_ZH["欠款天数"] = frozenset({"DAYS", "DELQ"})
_ZH["卡种"] = frozenset({"CARD", "TYPE"})  # 卡种代码: the kind of card, not a card number
for _w in ("还款卡", "还款账号", "还款帐号", "还款账户", "扣款账号", "扣款账户", "代扣账号", "代扣账户", "还款卡号",
           "入账账号", "收款账号", "结算账号", "结算账户"):
    _ZH[_w] = frozenset({"ACCOUNT", "ID", "OTHERPARTY"})  # the account money is drawn from or paid into, not the loan
_ZH["生效"] = frozenset({"ORIGIN"})
for _w in ("超期", "延滞", "迟延", "逾欠"):
    _ZH[_w] = frozenset({"DELQ"})  # 超期天数 (receivables), 延滯天數 (Taiwan): past due
_EN["residual"] = frozenset({"OUT"})
for _w in ("本期应收", "当期应收", "本月应收", "当月应收"):
    _ZH[_w] = frozenset({"DUE", "AMT"})  # what falls due this period, not the receivable's balance
_ZH["首逾"] = frozenset({"DELQ", "FIRST"})
_ZH["欠还"] = frozenset({"DELQ"})
for _w in ("呆滞", "呆账"):
    _ZH[_w] = frozenset({"FOREIGN"})  # the old four-tier bad-debt parts of a balance (呆滞, 呆账): not the balance
for _w in ("原币", "外币", "本外币", "折人民币", "折合", "折本币"):
    _ZH[_w] = frozenset({"QUAL"})  # 本金余额（原币）: the currency it is written in, not an original amount  # 欠还本金: principal due and not paid, i.e. past due  # 首逾日期: the first time ever past due, not this month's
for _w in ("每期还款", "每月还款", "月还款", "期还款", "分期还款"):
    _ZH[_w] = frozenset({"INSTAL", "PAYMENT"})  # 每期还款额, 月还款额: the instalment, what is due each period
_ZH["期初"] = frozenset({"HIST"})  # 期初余额: the balance at the start of the period, not at the snapshot
_EN["cohort"] = frozenset({"ORIGIN"})
for _w, _c in (("contratacao", ("ORIGIN",)), ("contratado", ("ORIGIN",)), ("contratada", ("ORIGIN",)),
               ("parcela", ("INSTAL",)), ("gerente", ("OWNER",)), ("uf", ("REGION",)), ("modalidade", ("PRODUCT",)),
               ("situacao", ("STATUS",)), ("minimo", ("INSTAL",)), ("realizado", ("PAID",)), ("fecha_pt", ("DATE",)),
               ("database_pt", ("REPORT", "DATE")), ("otorgamiento", ("ORIGIN",))):
    _EN[_w] = frozenset(_c)  # Portuguese and Spanish loan tapes: Saldo Devedor, Data Base, Valor da Parcela
for _w, _c in (("ciudad", ("REGION",)), ("cidade", ("REGION",)), ("regiao", ("REGION",)), ("tea", ("RATE", "INTEREST", "ANNUAL")),
               ("tramo", ("BUCKET",)), ("faixa", ("BUCKET",)), ("oficial", ("OWNER",)), ("departamento", ()),
               ("limite", ("LIMIT",)), ("periodo", ("PERIOD",)), ("referencia", ("REPORT",)), ("competencia", ("REPORT", "MONTH")),
               ("liberacao", ("ORIGIN",)), ("liberado", ("ORIGIN",)), ("financiado", ("ORIGIN",)), ("emprestimo", ("LOAN",)),
               ("aberto", ("OUT",)), ("contabil", ("QUAL",)), ("prestacao", ("INSTAL",)), ("recebido", ("PAID",)),
               ("pagamento", ("PAYMENT",)), ("estagio", ("STAGE",)), ("filial", ("BRANCH",)), ("atividade", ("INDUSTRY",)),
               ("actividad", ("INDUSTRY",)), ("motivo", ("REASON",)),
               ("observacao", ("NOTE",)), ("observacion", ("NOTE",)), ("codigo", ("ID",)), ("tomador", ("CUSTOMER",)),
               ("operacao", ("LOAN",)), ("vigente", ("CURRENT",)), ("intereses", ("INTEREST",)), ("juros", ("INTEREST",)),
               ("cuotas", ("INSTAL", "COUNT")), ("parcelas", ("INSTAL", "COUNT")), ("destino", ("FOREIGN",)),
               ("direccion", ("ADDRESS",)), ("endereco", ("ADDRESS",)), ("ano", ("QUAL",)), ("efectiva", ("QUAL",)),
               ("anual", ("ANNUAL",)), ("mensal", ("MONTHLY",)), ("mensual", ("MONTHLY",)), ("vencimento", ("EXPIRY", "DATE")),
               ("gestion", ()), ("cartera", ()), ("folio", ("ID",)), ("clave", ("ID",)), ("socio", ("CUSTOMER",)),
               ("asociado", ("CUSTOMER",)), ("deudor", ("CUSTOMER",)), ("devedor", ("CUSTOMER",)),
               ("acreditado", ("CUSTOMER",)), ("titular", ("CUSTOMER",)), ("razonsocial", ("CUSTOMER", "NAME")),
               ("inicio", ("ORIGIN",)), ("alta", ("ORIGIN",)), ("concesion", ("ORIGIN",)), ("concessao", ("ORIGIN",)),
               ("contable", ("QUAL",)), ("informe", ("REPORT",)), ("informacion", ("REPORT",)), ("adeudado", ("OUT",)),
               ("importe", ("AMT",)), ("impago", ("DELQ",)), ("impagos", ("DELQ",)), ("impagas", ("DELQ",)),
               ("impagadas", ("DELQ",)), ("impagados", ("DELQ",)), ("estatus", ("STATUS",)), ("etapa", ("STAGE",)),
               ("zona", ("REGION",)), ("movil", ("PHONE",)), ("correo", ("FOREIGN",)), ("domicilio", ("ADDRESS",)),
               ("moratoria", ("FOREIGN",)), ("moratorio", ("FOREIGN",)), ("moratorios", ("FOREIGN",)),
               ("comision", ("FOREIGN",)), ("frecuencia", ("FOREIGN",)), ("abono", ("PAID",)), ("recuperacion", ("FOREIGN",)),
               ("causa", ("REASON",)), ("observaciones", ("NOTE",)), ("ccb", ("CONTRACT",)), ("abertura", ("OPEN",)),
               ("posicao", ("REPORT",)), ("assessor", ("OWNER",)), ("consultor", ("OWNER",)), ("cnae", ("INDUSTRY",)),
               ("carteira", ())):
    _EN[_w] = frozenset(_c)
_EN["notional"] = frozenset({"AMT"})  # not a misspelt "national"
_EN["cupo"] = frozenset({"LIMIT"})  # Spanish: the credit line (not a coupon)
_EN["granted"] = frozenset({"ORIGIN"})
for _w in ("commitment", "committed"):
    _EN[_w] = frozenset({"LIMIT"})
_EN["size"] = frozenset({"AMT"})  # Loan Size, Ticket Size
_EN["fy"] = frozenset({"FOREIGN"})  # ApprovalFY: a fiscal year
_ZH["拨贷"] = frozenset({"ORIGIN"})  # Taiwan: 撥貸金額, the amount disbursed
_EN["monthlypayment"] = frozenset({"MONTHLY", "PAYMENT"})
_EN["openingbalance"] = frozenset({"BAL", "HIST"})  # the balance a period starts with  # Cohort Month: the month the loans were booked
for _w in ("存款", "拨备", "商户", "押品", "抵质押"):
    _ZH[_w] = frozenset({"FOREIGN"})  # a deposit's or a provision's balance, a merchant's or a collateral's number
for _w in ("provision", "provisions", "impairment", "ecl"):
    _EN[_w] = frozenset({"FOREIGN"})  # a provision balance is not the loan's
_EN["deal"] = frozenset({"DEAL"})
for _w in ("installments", "instalments"):
    _EN[_w] = frozenset({"INSTAL", "COUNT"})  # total_installments, pending_installments: how many
for _w in ("atrasada", "atrasadas", "atrasado", "atrasados", "vencidas"):
    _EN[_w] = frozenset({"DELQ"})  # a securitisation's deal (Deal ID, Deal Name) groups many loans  # 生效日期: the day the contract takes effect
_ZH["联络"] = frozenset({"PHONE"})  # Taiwan: 聯絡電話
_ZH["身分证"] = frozenset({"NATIONAL"})  # Taiwan: 身分證字號
_ZH["字号"] = frozenset({"ID"})
# Spanish and Portuguese loan tapes (Latin America): días de atraso, saldo de capital, número de crédito
for _w, _c in (("dias", "DAYS"), ("dia", "DAYS"), ("atraso", "DELQ"), ("atrasos", "DELQ"), ("mora", "DELQ"),
               ("morosidad", "DELQ"), ("vencidos", "DELQ"), ("saldo", "BAL"), ("capital", "PRIN"),
               ("fecha", "DATE"), ("prestamo", "LOAN"), ("credito", "LOAN"), ("cuenta", "ACCOUNT"),
               ("conta", "ACCOUNT"), ("numero", "NUM"), ("cliente", "CUSTOMER"), ("monto", "AMT"), ("valor", "AMT"),
               ("sucursal", "BRANCH"), ("agencia", "BRANCH"), ("producto", "PRODUCT"), ("produto", "PRODUCT"),
               ("tasa", "RATE"), ("taxa", "RATE"), ("interes", "INTEREST"), ("juros", "INTEREST"),
               ("desembolso", "ORIGIN"), ("corte", "REPORT"), ("nombre", "NAME"), ("nome", "NAME"),
               ("telefono", "PHONE"), ("celular", "PHONE"), ("cedula", "NATIONAL"), ("dni", "NATIONAL"),
               ("curp", "NATIONAL"), ("cpf", "NATIONAL"), ("situacion", "STATUS"),
               ("de", "QUAL"), ("del", "QUAL"), ("em", "QUAL"), ("en", "QUAL"), ("da", "QUAL"), ("do", "QUAL")):
    _EN.setdefault(_w, frozenset({_c}))
_EN["cred"] = frozenset({"CREDIT"})  # "cred_limit": the English word, not crédito
_EN["sal"] = frozenset({"FOREIGN"})  # salary, not saldo  # 未逾期金额: the part NOT past due  # receivables: what is not yet collected is the open balance

# Short tokens the Spanish, identity and other long words above would otherwise claim as their
# abbreviation (by letters in order): pinned to what they were read as before, or to nothing.
for _w, _c in (("info", ()), ("asset", ("ASSET",)), ("astype", ()), ("prov", ("REGION",)), ("sep", ()), ("get", ()),
               ("copy", ()), ("court", ()), ("cured", ()), ("can", ()), ("mrs", ()), ("vnd", ()),
               ("aaa", ()), ("kim", ()), ("hkd", ("FOREIGN",)), ("too", ()), ("orient", ()), ("process", ()),
               ("all", ()), ("cro", ()), ("alt", ("CUSTOMER",)), ("core", ("FOREIGN",)), ("proc", ("FOREIGN",)),
               ("dead", ("DEFAULT",)), ("sales", ()), ("opn", ("OPEN",)), ("once", ()), ("mom", ()), ("grand", ("FOREIGN",)), ("cmd", ()),
               ("noon", ()), ("noto", ()), ("dev", ()), ("mode", ()), ("real", ()), ("pal", ("DUE",)),
               ("contrato", ("CONTRACT",)), ("contratos", ("PLURAL",)), ("cliente", ("CUSTOMER",)), ("care", ("CUSTOMER",)),
               ("cuts", ("COUNT",)), ("dear", ("BRANCH",)), ("dir", ()), ("direction", ()), ("fax", ()), ("fix", ()), ("made", ("PAID",)),
               ("lite", ("CUMUL",)), ("manual", ()), ("page", ("RATE",)), ("cut", ("REPORT",)), ("dict", ("REGION",)),
               ("man", ("OWNER",)), ("lei", ("CUMUL",)), ("acting", ()), ("finding", ()), ("landing", ()), ("pages", ()), ("ira", ("FOREIGN",)), ("than", ()), ("lacks", ()), ("running", ()), ("lee", ("BANK",)), ("const", ("FOREIGN",)), ("ets", ()), ("img", ()),
               ("import", ()), ("formaction", ()), ("pagadas", ("PAID",)), ("foo", ("FOREIGN",)), ("neg", ()), ("non", ("FOREIGN",)),
               ("none", ()), ("nope", ())):
    _EN[_w] = frozenset(_c)
# Mortgage-insurance premiums (Ginnie Mae's Upfront/Annual MIP), IFRS 9 impairment stages and a
# "risk" band or grade are none of the fields; other regulators' tiers (十级分类) are the bank's class.
for _w in ("mip", "upfront", "ifrs", "ifrs9"):
    _EN[_w] = frozenset({"FOREIGN"})
_EN["risk"] = frozenset({"RISK"})
_ZH["减值"] = frozenset({"FOREIGN"})
for _w in ("四级分类", "十级分类", "十级", "十二级", "九级分类"):
    _ZH[_w] = frozenset({"BUCKET", "FIVETIER"})
_EN["asset"] = frozenset({"ASSET"})  # Reg AB II assetNumber: in an ABS tape the asset is the loan
_EN["nace"] = frozenset({"INDUSTRY"})  # the EU's industry classification
for _w in ("bounce", "bounced", "dishonour", "dishonoured", "dishonor"):
    _EN[_w] = frozenset({"DELQ"})  # India: a bounced NACH / cheque is a missed instalment
_EN["debtdays"] = frozenset({"DAYS", "DELQ"})  # Bondora CurrentDebtDaysPrimary: days in debt
_EN["monthsdelq"] = frozenset({"PERIODS", "DELQ"})  # Ginnie Mae "Months Delinquent": missed payments, a status
_EN["orgunit"] = frozenset({"BRANCH"})  # Oracle's Operating Unit, SAP's business unit
# Taiwan and Hong Kong: 管道/通路 (channel), 進件 (application intake), 已繳 (paid), a place of
# registration (注册地) is where the borrower is.
for _w, _c in (("管道", ("CHANNEL",)), ("通路", ("CHANNEL",)), ("进件", ("QUAL",)), ("已缴", ("PAID",)),
               ("户", ("CUSTOMER",)), ("注册地", ("REGION",))):
    _ZH[_w] = frozenset(_c)
# Indonesian and Vietnamese exports (accents removed): nama debitur, tunggakan, kolektibilitas;
# tên khách hàng, số ngày quá hạn, nhóm nợ (the debt group: the regulator's class), dư nợ.
for _w, _c in (("nama", ("NAME",)), ("debitur", ("CUSTOMER",)), ("nasabah", ("CUSTOMER",)), ("rekening", ("ACCOUNT",)),
               ("pinjaman", ("LOAN",)), ("kredit", ("LOAN",)), ("nomor", ("NUM",)), ("tanggal", ("DATE",)),
               ("pencairan", ("ORIGIN",)), ("realisasi", ("ORIGIN",)), ("tunggakan", ("DELQ",)), ("hari", ("DAYS",)),
               ("keterlambatan", ("DELQ",)), ("sisa", ("OUT",)), ("pokok", ("PRIN",)), ("plafon", ("LIMIT",)),
               ("plafond", ("LIMIT",)), ("angsuran", ("INSTAL",)), ("bunga", ("INTEREST",)),
               ("kolektibilitas", ("BUCKET", "FIVETIER")), ("kolektabilitas", ("BUCKET", "FIVETIER")),
               ("cabang", ("BRANCH",)), ("wilayah", ("REGION",)), ("produk", ("PRODUCT",)), ("telepon", ("PHONE",)),
               ("alamat", ("ADDRESS",)), ("petugas", ("OWNER",)), ("kolektor", ("OWNER",)), ("sektor", ("INDUSTRY",)),
               ("ekonomi", ("QUAL",)), ("alasan", ("REASON",)), ("pembayaran", ("PAYMENT",)), ("dibayar", ("PAID",)),
               ("laporan", ("REPORT",)), ("periode", ("PERIOD",)), ("bulan", ("MONTH",)), ("posisi", ("REPORT",)),
               ("jumlah", ("AMT",)), ("nilai", ("AMT",)), ("skor", ("SCORE",)), ("saluran", ("CHANNEL",)),
               ("jenis", ("TYPE",)), ("jatuhtempo", ("EXPIRY",)), ("bakidebet", ("BAL",)), ("sukubunga", ("RATE", "INTEREST")),
               ("ngay", ("DATE",)), ("thang", ("MONTH",)), ("ten", ("NAME",)), ("cmnd", ("NATIONAL",)), ("cccd", ("NATIONAL",)),
               ("songay", ("DAYS",)), ("quahan", ("DELQ",)), ("khachhang", ("CUSTOMER",)), ("dienthoai", ("PHONE",)),
               ("baocao", ("REPORT",)), ("nhomno", ("BUCKET", "FIVETIER")), ("duno", ("OUT", "BAL")),
               ("laisuat", ("RATE", "INTEREST")), ("hanmuc", ("LIMIT",)), ("giaingan", ("ORIGIN",)),
               ("chinhanh", ("BRANCH",)), ("hopdong", ("CONTRACT",)), ("khoanvay", ("LOAN",)), ("sanpham", ("PRODUCT",)),
               ("lydo", ("REASON",)), ("canbo", ("OWNER",)), ("tindung", ("CREDIT",)), ("datra", ("PAID",)),
               ("phaitra", ("DUE",)), ("nganh", ("INDUSTRY",)), ("kenh", ("CHANNEL",)), ("diem", ("SCORE",))):
    _EN[_w] = frozenset(_c)
# Receivables ledgers (用友, 金蝶): 未核销 is not yet settled (open), 收款 what was collected;
# collections: 催回 recovered; Hong Kong: 供款 an instalment; EAST's reporting and issuing
# institutions are branches (its 银行机构 is the bank itself); a cash-advance balance (取现) is
# part of a card's; Peru's Calificación SBS is the regulator's class (a bare Calificación a grade).
for _w, _c in (("未核销", ("OUT",)), ("收款", ("PAID",)), ("催回", ("PAID",)), ("供款", ("INSTAL",)),
               ("收款协议", ("FOREIGN",)), ("收款条件", ("FOREIGN",)), ("发卡机构", ("BRANCH",)), ("报送机构", ("BRANCH",)), ("取现", ("FOREIGN",)),
               ("最早", ("QUAL",)), ("每月", ("MONTHLY",)), ("每期", ("QUAL",)), ("连续", ("QUAL",)), ("欠款期数", ("DELQ", "PERIODS")),
               ("资产评估", ("BUCKET", "FIVETIER"))):
    _ZH[_w] = frozenset(_c)
for _w, _c in (("goc", ("PRIN",)), ("executive", ("OWNER",)), ("exec", ("OWNER",)), ("msa", ("REGION",)),
               ("metropolitan", ("REGION",)), ("calificacionsbs", ("BUCKET", "FIVETIER")), ("calificacion", ("GRADE",)), ("valorpago", ("PAID", "AMT")),
               ("arrearsafter", ("DAYS", "DELQ"))):
    _EN[_w] = frozenset(_c)  # SAP "Arrears after net due date": the days in arrears
# Financial leasing: the rent (租金) is the instalment, 起租日 the start; a receivable is 应收账款;
# 不良成因 why a loan turned bad; a group finance company's borrowers are its 成员单位; a promise
# to pay (承诺还款) is not a payment; a cut-off date of an NPL list is its 基准日.
for _w, _c in (("租金", ("AMT",)), ("应收租金", ("DUE", "AMT")), ("租金支付日", ("DUE", "PAYMENT", "DATE")),
               ("租金到期日", ("DUE", "DATE")), ("起租", ("ORIGIN",)), ("应收账款", ("RECV",)), ("应缴款", ("DUE", "PAYMENT")),
               ("成因", ("REASON",)), ("不良成因", ("DELQ", "REASON")), ("成员单位", ("CUSTOMER",)), ("承诺", ("FOREIGN",)),
               ("基准日", ("REPORT", "DATE")), ("未回款", ("OUT", "AMT")), ("待回款", ("OUT", "AMT"))):
    _ZH[_w] = frozenset(_c)  # 未回款: the money (款) not yet collected, an amount beside 应收账款
for _w, _c in (("promise", ("FOREIGN",)), ("ptp", ("FOREIGN",)), ("user", ("USER",)), ("userdefined", ("QUAL",))):
    _EN[_w] = frozenset(_c)
# Bill discounting: a 票据 (bill, note) is the item a discount book is keyed by; an ABS pool's
# 封包日 is its cut-off date; P2P 标 is the listing; 国民经济行业分类 the national industry code.
for _w, _c in (("票据", ("RECEIPT",)), ("封包", ("REPORT",)), ("标", ("LISTING",)), ("标准", ("QUAL",)),
               ("国民经济", ("QUAL",)), ("行业分类", ("INDUSTRY",))):
    _ZH[_w] = frozenset(_c)
for _w, _c in (("regularity", ("QUAL",)), ("accepted", ("ORIGIN",)), ("employee", ("OWNER",))):
    _EN[_w] = frozenset(_c)  # Home Credit AMT_INST_MIN_REGULARITY; Funding Circle loan_accepted_date
for _w, _c in (("经营单位", ("BRANCH",)), ("申请人", ("CUSTOMER",)), ("贴现申请人", ("CUSTOMER",)), ("贴现", ("ORIGIN",)),
               ("分析", ("QUAL",)), ("上日", ("HIST",)), ("前日", ("HIST",)), ("分类结果", ("BUCKET", "FIVETIER"))):
    _ZH[_w] = frozenset(_c)  # bill discounting: the day discounted starts the credit; 分类结果 is the class
for _w, _c in (("oldest", ("QUAL",)), ("lending", ("LOAN",)), ("ctd", ("PAID",)), ("location", ("REGION",)),
               ("cyclesdue", ("PERIODS", "DELQ"))):
    _EN[_w] = frozenset(_c)  # Oldest Unpaid Due Date; PMT_CTD (cycle to date); a card's CYCLE_DUE
# Card instalments (分期), pawn tickets (当票, 建当), co-borrowers, extensions and restructurings:
# what a figure was before one (重组前, 展期前) is history; 场景方 and 合作平台 bring the borrower.
for _w, _c in (("分期编号", ("ACCOUNT", "ID")), ("分期类型", ("PRODUCT", "TYPE")), ("当票", ("RECEIPT",)),
               ("建当", ("ORIGIN",)), ("主借人", ("CUSTOMER",)), ("共借人", ("OTHERPARTY",)), ("共同借款人", ("OTHERPARTY",)),
               ("前", ("HIST",)), ("展期", ("QUAL",)), ("后", ("QUAL",)), ("场景方", ("CHANNEL",)), ("合作平台", ("CHANNEL",)),
               ("描述", ("NOTE",)), ("关键日期", ("REPORT", "DATE"))):
    _ZH[_w] = frozenset(_c)
# Brokers and introducers bring loans (the channel); Metro 2's consumer is the borrower, a trade
# insurer's buyer the debtor; Islamic banks' profit rate is the rate; nCino's relationship is the
# customer (its manager is the owner).
for _w, _c in (("broker", ("CHANNEL",)), ("brokers", ("CHANNEL",)), ("aggregator", ("CHANNEL",)), ("introducer", ("CHANNEL",)),
               ("consumer", ("CUSTOMER",)), ("buyer", ("CUSTOMER",)), ("belong", ("QUAL",)), ("missed", ("DELQ",)),
               ("emirates", ("NATIONAL",)), ("profitrate", ("RATE", "INTEREST")), ("financial", ("QUAL",)),
               ("derived", ("QUAL",)), ("this", ("QUAL",)), ("vantage", ("SCORE",)), ("information", ("REPORT",)),
               ("relationship", ("QUAL",)), ("overduesince", ("DELQ", "DATE")),
               ("repayment", ("PAID", "PAYMENT", "REPAY")), ("repayments", ("PAID", "PAYMENT", "REPAY"))):
    _EN[_w] = frozenset(_c)
# Auto finance: the dealer (经销商) brings the loan; a guarantee ledger's 被担保人 is the borrower;
# SAP's 净到期日 is the net due date; 芝麻分 is Sesame Credit's score; a card's 最后还款日 is its
# due date but its 最后还款金额 the last payment made; 分期总金额 the amount put on instalments.
for _w, _c in (("经销商", ("CHANNEL",)), ("被担保人", ("CUSTOMER",)), ("净到期日", ("DUE", "DATE")), ("办理", ("ORIGIN",)),
               ("注册", ("QUAL",)), ("芝麻分", ("SCORE",)), ("芝麻信用分", ("SCORE",)), ("最后还款", ("LAST", "PAID", "PAYMENT")),
               ("最后还款日", ("DUE", "PAYMENT", "DATE")), ("年化", ("ANNUAL",)), ("分期总金额", ("ORIG", "AMT")), ("分期总额", ("ORIG", "AMT"))):
    _ZH[_w] = frozenset(_c)
for _w, _c in (("dealer", ("CHANNEL",)), ("sin", ("NATIONAL",)), ("mykad", ("NATIONAL",)), ("trade", ("BUSINESS",)),
               ("collectibility", ("BUCKET", "FIVETIER")), ("kol", ("BUCKET", "FIVETIER")), ("nonpayment", ("DELQ",)),
               ("emirate", ("REGION",)), ("offset", ("FOREIGN",)), ("requested", ("FOREIGN",)),
               ("concentration", ("FOREIGN",)), ("irr", ("RATE", "INTEREST"))):
    _EN[_w] = frozenset(_c)  # Canada's SIN, Malaysia's MyKad, Indonesia's kolektibilitas (Kol)
for _w, _c in (("本月末", ("QUAL",)), ("当月末", ("QUAL",)), ("上月末", ("HIST",)), ("未偿还", ("OUT",))):
    _ZH[_w] = frozenset(_c)
# Data-warehouse abbreviations (CONT_NO, DPD Bkt, OVD_STAT), Islamic banks' financing (the loan),
# Singapore's NRIC/FIN and Malaysia's IC No., the MAS Notice 612 grades (the regulator's classes),
# month to date (MTD) and year to date (YTD).
for _w, _c in (("cont", ("CONTRACT",)), ("bkt", ("BUCKET",)), ("financing", ("LOAN",)), ("icno", ("NATIONAL", "ID")),
               ("mas612", ("BUCKET", "FIVETIER")), ("mtd", ("QUAL",)), ("ytd", ("CUMUL",))):
    _EN[_w] = frozenset(_c)
# Hong Kong and Taiwan: 戶口 is an account, 批核 approves (the limit), 經辦 handles (the owner), 繳款
# 截止日 is the payment deadline; 截至 (as at) only says when a figure was taken.
for _w, _c in (("户口", ("ACCOUNT",)), ("批核", ("LIMIT",)), ("经办", ("OWNER",)), ("缴款截止", ("DUE", "PAYMENT")),
               ("截至", ("QUAL",)), ("截至日期", ("REPORT", "DATE"))):
    _ZH[_w] = frozenset(_c)
for _w, _c in (("rsn", ("REASON",)), ("rfd", ("DELQ", "REASON")), ("hkma", ("FIVETIER",)), ("handphone", ("PHONE",))):
    _EN[_w] = frozenset(_c)  # OVD_RSN_CD; RFD: reason for delinquency; HKMA's loan classification
# The PBOC's statistics call the class 贷款质量; an ABS pool's 入池 balance is the one at cut-off.
for _w, _c in (("国标", ("QUAL",)), ("水平", ("QUAL",)), ("贷款质量", ("BUCKET", "FIVETIER")),
               ("资产质量", ("BUCKET", "FIVETIER")), ("入池", ("HIST",))):
    _ZH[_w] = frozenset(_c)
# German labels of SAP's loan module (FS-CML): Verzugstage, Rückstandsbetrag, Nominalzins; India's
# IRAC status is the asset classification; Finacle's DMD (demand) is the amount due; Home Credit's
# EXT_SOURCE_n are external scores.
for _w, _c in (("verzugstage", ("DAYS", "DELQ")), ("verzug", ("DELQ",)), ("ruckstand", ("DELQ",)),
               ("ruckstandsbetrag", ("DELQ", "AMT")), ("nominalzins", ("RATE", "INTEREST")), ("zinssatz", ("RATE", "INTEREST")),
               ("zins", ("INTEREST",)), ("darlehen", ("LOAN",)), ("vertrag", ("CONTRACT",)), ("vertragsnummer", ("CONTRACT", "ID")),
               ("kunde", ("CUSTOMER",)), ("betrag", ("AMT",)), ("irac", ("BUCKET", "FIVETIER")), ("dmd", ("DUE",)),
               ("demand", ("DUE",)), ("extsource", ("SCORE",)), ("pi", ("AMT",)), ("darlehensnummer", ("LOAN", "ID")),
               ("restkapital", ("OUT", "PRIN")), ("zusagekapital", ("LIMIT",)), ("falligkeitsdatum", ("DUE", "DATE")),
               ("produktart", ("PRODUCT", "TYPE")), ("chn", ("CHANNEL",)), ("notedate", ("ORIGIN", "DATE")),
               ("moody", ("QUAL",)), ("moodys", ("QUAL",)), ("gics", ("INDUSTRY",)), ("purchase", ("QUAL",)),
               ("allin", ("QUAL",)), ("combination", ("QUAL",))):
    _EN[_w] = frozenset(_c)  # ORIG_CHN; a US note's date and amount are the loan's; an all-in rate
_ZH["计算"] = frozenset({"REPORT"})  # an ABS pool's 计算日: the date its figures are computed at
_ZH["收款期间"] = frozenset({"PERIOD"})  # 收款期间截止日: the end of the collection period
_ZH["未付款原因"] = _ZH["未还款原因"] = frozenset({"DELQ", "REASON"})  # why it is not paid: the overdue reason
# a receivable past its credit period (账期) is overdue: 账期超期天数, 超账期天数 are its days past due
for _word in ("账期超期", "账期逾期", "超账期", "超出账期", "超过账期"):
    _ZH[_word] = frozenset({"DELQ"})
# Receivables and factoring: the buyer (购货单位) owes, 应收日期 is when it is due, what was due and
# is not paid (应还未还) is past due; 保理 (factoring) is the credit itself.
for _w, _c in (("购货单位", ("CUSTOMER",)), ("购买方", ("CUSTOMER",)), ("购方", ("CUSTOMER",)), ("应收日期", ("DUE", "DATE")),
               ("欠款原因", ("DELQ", "REASON")), ("保理", ("LOAN",)), ("应还未还", ("DELQ",)), ("应收未收", ("DELQ",))):
    _ZH[_w] = frozenset(_c)
_EN["msisdn"] = frozenset({"PHONE"})  # a mobile subscriber's number: mobile-money lenders key phones by it
# Collections key their lists by case (案件); a planned date (计划还款日, 计划收租日) is when a payment
# is due; a village bank's 本月还款 is what was repaid this month; 夭数 is a common typo of 天数.
for _w, _c in (("案件", ("RECEIPT",)), ("融资款", ("LOAN",)), ("夭数", ("DAYS",)), ("收款到期日", ("DUE", "DATE")),
               ("计划", ("DUE",)), ("收租", ("PAYMENT",)), ("本月还款", ("PAID", "PAYMENT")), ("本期还款", ("PAID", "PAYMENT")),
               ("当月还款", ("PAID", "PAYMENT"))):
    _ZH[_w] = frozenset(_c)
# Singapore's SSIC (and the UN's ISIC) classify industries; Brazil's Resolution 2682 and Mexico's
# calificación de cartera are the regulators' classes; Serasa and Boa Vista are bureaus; a range
# of days in arrears (rango de mora) is a bucket; instalments overdue, counted, are a status.
for _w, _c in (("case", ("RECEIPT",)), ("ssic", ("INDUSTRY",)), ("isic", ("INDUSTRY",)), ("res2682", ("FIVETIER",)),
               ("decartera", ("FIVETIER",)), ("classificacao", ("BUCKET",)), ("clasificacion", ("BUCKET",)),
               ("cobranza", ("COLLECT",)), ("cobranca", ("COLLECT",)), ("registered", ("QUAL",)), ("serasa", ("BUREAU",)),
               ("boavista", ("BUREAU",)), ("rango", ("BUCKET",)), ("emioverdue", ("DELQ", "PERIODS")),
               ("fechalimite", ("DUE", "DATE"))):
    _EN[_w] = frozenset(_c)
_ZH["上次"] = frozenset({"LAST"})  # 上次还款金额: the last payment, not this period's
for _w, _c in (("beginning", ("HIST",)), ("mini", ("QUAL",)), ("ee", ("QUAL",))):
    _EN[_w] = frozenset(_c)  # a period's beginning balance is not the balance; Bondora's CreditScoreEeMini
# French (Francophone Africa's microfinance, Europe's servicers) and German arrears lists:
# encours is the outstanding, jours de retard the days late, un impayé an unpaid amount, the
# échéance an instalment (and its date), the Stichtag the reporting day; a maximum is history.
for _w, _c in (("pret", ("LOAN",)), ("prets", ("LOAN",)), ("encours", ("OUT", "BAL")), ("jours", ("DAYS",)),
               ("jour", ("DAYS",)), ("retard", ("DELQ",)), ("retards", ("DELQ",)), ("impaye", ("DELQ",)),
               ("impayes", ("DELQ",)), ("montant", ("AMT",)), ("echeance", ("DUE",)), ("prochaine", ("NEXT",)),
               ("prochain", ("NEXT",)), ("arrete", ("REPORT",)), ("restant", ("OUT",)), ("capital", ("PRIN",)),
               ("nom", ("NAME",)), ("agence", ("BRANCH",)), ("taux", ("RATE",)), ("motif", ("REASON",)),
               ("deblocage", ("ORIGIN",)), ("decaissement", ("ORIGIN",)), ("octroi", ("ORIGIN",)),
               ("accorde", ("LIMIT",)), ("rembourse", ("PAID",)), ("encaisse", ("PAID",)), ("gestionnaire", ("OWNER",)),
               ("conseiller", ("OWNER",)), ("produit", ("PRODUCT",)), ("emprunteur", ("CUSTOMER",)),
               ("contrat", ("CONTRACT",)), ("secteur", ("INDUSTRY",)), ("creance", ("RECV",)),
               ("tage", ("DAYS",)), ("stichtag", ("REPORT", "DATE")), ("kundennummer", ("CUSTOMER", "ID")),
               ("kontonummer", ("ACCOUNT", "ID")), ("konto", ("ACCOUNT",)), ("restschuld", ("OUT", "BAL")),
               ("kreditlinie", ("LIMIT",)), ("auszahlung", ("ORIGIN",)), ("auszahlungsdatum", ("ORIGIN", "DATE")),
               ("filiale", ("BRANCH",)), ("niederlassung", ("BRANCH",)), ("betreuer", ("OWNER",)),
               ("sachbearbeiter", ("OWNER",)), ("mahnstufe", ("DELQ", "BUCKET")), ("maximo", ("HIST",)),
               ("maxima", ("HIST",)), ("maximal", ("HIST",)), ("hochste", ("HIST",)),
               ("cbk", ("FIVETIER",))):  # the Central Bank of Kenya's classification: the regulator's class
    _EN[_w] = frozenset(_c)
# Korean, Japanese and Thai headers, cut into words as Chinese is (runs of their letters, no
# spaces needed): 연체일수 = 연체 + 일수, 貸出残高 = 贷出 + 残高, จำนวนวันค้างชำระ = จำนวนวัน + ค้างชำระ.
# Supply-chain finance: a core enterprise's (核心企业) limit is not the borrower's; collections: the
# days past due when a case was assigned (委案时) are history.
for _w, _c in (("연체", ("DELQ",)), ("일수", ("DAYS",)), ("금액", ("AMT",)), ("잔액", ("BAL",)), ("대출", ("LOAN",)),
               ("계좌", ("ACCOUNT",)), ("번호", ("ID",)), ("계약", ("CONTRACT",)), ("고객", ("CUSTOMER",)),
               ("성명", ("NAME",)), ("이름", ("NAME",)), ("기준일", ("REPORT", "DATE")), ("기준일자", ("REPORT", "DATE")),
               ("기준년월", ("REPORT", "MONTH")), ("한도", ("LIMIT",)), ("상환", ("PAID", "PAYMENT", "REPAY")),
               ("납입", ("PAYMENT",)), ("예정일", ("DUE", "DATE")), ("자산건전성", ("BUCKET", "FIVETIER")),
               ("건전성", ("FIVETIER",)), ("분류", ("BUCKET",)), ("지점", ("BRANCH",)), ("영업점", ("BRANCH",)),
               ("상품", ("PRODUCT",)), ("금리", ("RATE", "INTEREST")), ("이자", ("INTEREST",)), ("원금", ("PRIN",)),
               ("전화", ("PHONE",)), ("휴대폰", ("PHONE",)), ("주민등록번호", ("NATIONAL", "ID")), ("실행일", ("ORIGIN", "DATE")),
               ("대출일", ("ORIGIN", "DATE")), ("담당자", ("OWNER",)), ("업종", ("INDUSTRY",)), ("사유", ("REASON",)),
               ("신용", ("CREDIT",)), ("점수", ("SCORE",)), ("등급", ("GRADE",)), ("지역", ("REGION",)), ("채널", ("CHANNEL",)),
               ("残高", ("BAL",)), ("贷出", ("LOAN",)), ("贷付", ("LOAN",)), ("延滞", ("DELQ",)), ("返済", ("PAID", "PAYMENT", "REPAY")),
               ("约定返済日", ("DUE", "PAYMENT", "DATE")), ("返済予定日", ("DUE", "PAYMENT", "DATE")), ("番号", ("ID",)),
               ("氏名", ("NAME",)), ("顧客", ("CUSTOMER",)), ("口座", ("ACCOUNT",)), ("支店", ("BRANCH",)),
               ("実行日", ("ORIGIN", "DATE")), ("担当者", ("OWNER",)),
               ("เลขที่", ("ID",)), ("สัญญา", ("CONTRACT",)), ("จำนวนวัน", ("DAYS",)), ("ค้างชำระ", ("DELQ",)),
               ("ยอด", ("AMT",)), ("เงินต้น", ("PRIN",)), ("คงเหลือ", ("OUT",)), ("วันที่", ("DATE",)), ("ชื่อ", ("NAME",)),
               ("ลูกค้า", ("CUSTOMER",)), ("วงเงิน", ("LIMIT",)), ("สาขา", ("BRANCH",)), ("ดอกเบี้ย", ("INTEREST",)),
               ("อัตรา", ("RATE",)), ("ชำระ", ("PAYMENT",)), ("ครบกำหนด", ("DUE",)), ("โทรศัพท์", ("PHONE",)),
               ("เบอร์โทร", ("PHONE",)), ("บัตรประชาชน", ("NATIONAL",)), ("สถานะ", ("STATUS",)), ("จังหวัด", ("REGION",)),
               ("ผลิตภัณฑ์", ("PRODUCT",)), ("เหตุผล", ("REASON",)),
               ("核心企业", ("OTHERPARTY",)), ("委案时", ("HIST",)), ("入催时", ("HIST",)),
               ("标识码", ("ID",)), ("催款级别", ("DELQ", "BUCKET"))):
    _ZH[_script_key(_w)] = frozenset(_c)
# An account officer (AO), a collection agency or a call agent (坐席) is who handles the account (a tax
# number, TIN or RFC, is left out: beside the identity number it would take its place).
for _w, _c in (("proximo", ("NEXT",)), ("proxima", ("NEXT",)), ("franja", ("BUCKET",)), ("irregular", ("DELQ",)),
               ("agency", ("OWNER",)),
               ("ao", ("OWNER",)), ("mpesa", ("PHONE",)), ("klimk", ("LIMIT",))):
    _EN[_w] = frozenset(_c)
for _w, _c in (("催收公司", ("OWNER",)), ("催收机构", ("OWNER",)), ("委外机构", ("OWNER",)), ("坐席", ("OWNER",)),
               ("融资方", ("CUSTOMER",)), ("최장", ("HIST",)), ("최대", ("HIST",)), ("최고", ("HIST",))):
    _ZH[_script_key(_w)] = frozenset(_c)
# Fannie Mae ISSUANCE_UPB: the balance when the pool was issued is history (a score taken then is
# the score: ISSUANCE rules out every field but that one)
_EN["issuance"] = frozenset({"ISSUANCE"})
# 合作渠道 is the partner channel (a partner itself, 合作机构, is another party); 法人手机号 is the
# phone of the borrower company's legal representative; a card's 账单日期 the statement date.
for _w, _c in (("合作", ("QUAL",)), ("合作机构", ("OTHERPARTY",)), ("合作方", ("OTHERPARTY",)), ("法人", ("QUAL",)),
               ("账单日期", ("REPORT", "DATE"))):
    _ZH[_w] = frozenset(_c)
# Other people beside the borrower: a spouse's, a guarantor's (保证人), a relative's or a
# transaction's counterparty's (对方账号) number or name is theirs, never the borrower's. A
# receivables ledger's debtor is its 对方单位 or 欠款单位 (单位 alone is an employer); its 经手人 is
# who handles the item, while who approved or keyed a record (审批人, 录入人) is neither its limit
# nor its owner. An old (legacy, 旧) number or figure is history, as a previous one is; 征信分 is
# the credit bureau's score.
for _w, _c in (("配偶", ("OTHERPARTY",)), ("亲属", ("OTHERPARTY",)), ("保证人", ("OTHERPARTY",)),
               ("对方", ("OTHERPARTY",)), ("对方单位", ("CUSTOMER",)), ("欠款单位", ("CUSTOMER",)),
               ("客户单位", ("CUSTOMER",)), ("经手人", ("OWNER",)), ("审批人", ("FOREIGN",)), ("审核人", ("FOREIGN",)),
               ("复核人", ("FOREIGN",)), ("录入人", ("FOREIGN",)), ("旧", ("HIST",)), ("征信", ("BUREAU",)),
               ("征信分", ("SCORE", "BUREAU"))):
    _ZH[_w] = frozenset(_c)
# A loan's amount borrowed is the amount lent (not "borr" + "owed"); a ledger's book balance is
# the balance and a book value the carrying amount net of provisions (a BOOK_DATE stays the
# booking's); ETL and batch dates are when the data was taken; a card's embossed name is the
# cardholder's; INT_RAT abbreviates the rate and VisionPLUS's CRLIM the credit limit; Oracle's
# Customer Site is a bill-to address, not a staff member. A cash (ATM) limit or balance is a part
# of a card's line, as 取现 is; arrears capitalised into the balance are no longer overdue.
for _w, _c in (("spouse", ("OTHERPARTY",)), ("nominee", ("OTHERPARTY",)), ("kin", ("OTHERPARTY",)),
               ("old", ("HIST",)), ("legacy", ("HIST",)), ("former", ("HIST",)), ("borrowed", ("ORIGIN",)),
               ("book", ("ORIGIN",)), ("bookbalance", ("BAL",)), ("bookvalue", ("FOREIGN",)), ("etl", ("REPORT",)),
               ("batch", ("REPORT",)), ("embossed", ("CUSTOMER",)), ("rat", ("RATE",)), ("crlim", ("CREDIT", "LIMIT")),
               ("site", ("ADDRESS",)), ("cash", ("FOREIGN",)), ("atm", ("FOREIGN",)), ("cashloan", ("LOAN",)),
               ("capitalised", ("FOREIGN",)), ("capitalized", ("FOREIGN",)), ("capitalisation", ("FOREIGN",)),
               ("capitalization", ("FOREIGN",)), ("localcurrency", ("QUAL",)), ("recoveryofficer", ("OWNER", "COLLECT"))):
    _EN[_w] = frozenset(_c)
# Another bank's (他行) line or loans and "other" loans (本行其他贷款) are not this loan's; a
# figure at the end of last quarter or year (上季末, 上年末) is history, this quarter's (本季末)
# the figure; 月数 counts months as 期数 counts instalments (逾期月數: a status); 基本信息 (basic
# information) is a group title of a two-row header; a collection company (委外公司) handles the
# account; each period's rent (每期租金) is the instalment.
for _w, _c in (("他行", ("OTHERPARTY",)), ("其他", ("FOREIGN",)), ("其它", ("FOREIGN",)), ("本行", ("QUAL",)),
               ("上季", ("HIST",)), ("上季度", ("HIST",)), ("上季末", ("HIST",)), ("上年", ("HIST",)),
               ("上年末", ("HIST",)), ("上年度", ("HIST",)), ("去年", ("HIST",)), ("本季", ("QUAL",)), ("本季末", ("QUAL",)),
               ("本季度", ("QUAL",)), ("季末", ("QUAL",)), ("月数", ("PERIODS",)), ("基本", ("QUAL",)),
               ("委外公司", ("OWNER",)), ("委外方", ("OWNER",)),
               ("每期租金", ("INSTAL", "AMT")), ("每月租金", ("INSTAL", "AMT")), ("月租金", ("INSTAL", "AMT")),
               ("分档", ("BUCKET",)), ("分段", ("BUCKET",)),
               # a band of days (逾期天数段, 天数档): the bucket, as 天数区间 is
               ("天数段", ("DAYS", "BUCKET")), ("天数档", ("DAYS", "BUCKET")), ("天数分段", ("DAYS", "BUCKET"))):
    _ZH[_w] = frozenset(_c)
# Warehouse abbreviations (OVRD_DAYS_CNT 逾期天数, MGMT_ORG_CD 管理机构, PRVN_NM, FIVE_CLS_RSLT), a
# regulator named in a note ("Asset Classification (RBI)": unknown, not "paid" by its letters),
# Portuguese "atualizado" (updated: the current figure); an existing loan or payment is another one
# the applicant already has ("Monthly Mortgage Payment (existing)").
for _w, _c in (("ovrd", ("DELQ",)), ("ovdue", ("DELQ",)), ("mgmt", ("QUAL",)), ("prvn", ("REGION",)),
               ("rbi", ()), ("five_lvl", ("BUCKET", "FIVETIER")),
               ("atualizado", ("CURRENT",)), ("atualizada", ("CURRENT",)), ("actualizado", ("CURRENT",)),
               ("curr_term", ("CURRTERM",)), ("existing", ("HIST",))):
    _EN[_w] = frozenset(_c)
# Non-performing-asset ledgers, collections and guarantee books: a recovery (回收) may be a
# repayment or the proceeds of a sale, a write-off's pursuit or a guarantor's payment, so it is
# offered as the amount paid, never applied; a guarantor's compensation (代偿) is the guarantor's
# money, not the loan's; the principal of a claim (债权本金) is what the borrower still owes; a
# financier (融资人) is the borrower; a class as determined (认定) says nothing more; 执行 is the
# executed rate's word (执行利率) but also a court's enforcement (执行状态), and 评分卡 a scorecard
# whose score (评分卡分数) is the score but whose name or model is not: both are settled in
# _read_header by the words beside them; a version (版本) is none of the fields; why a loan
# turned bad (不良原因) is its overdue reason.
for _w, _c in (("回收", ("PAID", "RECOVERY")), ("代偿", ("FOREIGN",)), ("债权本金", ("OUT", "PRIN")),
               ("融资人", ("CUSTOMER",)), ("执行", ("EXEC",)), ("认定", ("QUAL",)), ("评分卡", ("SCORECARD",)),
               ("版本", ("FOREIGN",)), ("不良原因", ("DELQ", "REASON"))):
    _ZH[_w] = frozenset(_c)
# a disbursement's (drawdown's) number is the 借据's: 放款流水号, 出账编号
for _w in ("放款流水号", "放款编号", "放款号", "发放编号", "发放流水号", "出账流水号", "出账编号", "出账号"):
    _ZH[_w] = frozenset({"RECEIPT", "ID"})
#: Typing slips of Chinese headers (a homophone picked by the input method, a look-alike
#: character): 余颔 for 余额, 逾其 for 逾期, 借剧号 for 借据号. Tried only on characters the lexicon
#: does not place, in a header with a word it knows (份数 stays copies, not 分数), and kept only
#: when the header then reads without an unknown word.
# (客户经里, 五级分累, 身份正号, 放款曰期: 里, 累, 正 and 曰 for 理, 类, 证 and 日)
_ZH_TYPOS = str.maketrans("颔其剧护份今历化玛吗马代好明律里累正曰", "额期据户分金理话码码码贷号名率理类证日")
_ZH_MAX = max(len(w) for w in _ZH)  # the compound words added above are longer than the lexicon's

#: Portuguese words beside which "data" is a date, not the data: Data Vencimento, Data Referência.
_PT_WORDS = frozenset({"vencimento", "referencia", "liberacao", "contratacao", "pagamento", "desembolso", "base",
                       "emissao", "abertura", "inicio", "concessao", "movimento", "posicao", "corte"})

#: Two-word phrases read as one word (``past due`` is DELQ, ``number of`` a count).
_PHRASES = {("past", "due"): "pastdue", ("so", "far"): "sofar", ("past", "terms"): "pastdue", ("beyond", "terms"): "pastdue", ("as", "of"): "asof", ("number", "of"): "numberof",
            ("open", "amount"): "open_amount", ("note", "no"): "note_no", ("day", "of"): "day_of",
            ("year", "month"): "yearmonth", ("as", "at"): "asof", ("credit", "facility"): "credit_facility",
            ("product", "line"): "product", ("cut", "off"): "cutoff", ("m", "pesa"): "mpesa", ("no", "pago"): "nonpayment", ("months", "in"): "cycles",
            ("charge", "off"): "chargeoff", ("charged", "off"): "chargeoff", ("co", "borrower"): "coborrower",
            ("down", "payment"): "downpayment", ("value", "date"): "valuedate", ("on", "book"): "onbook",
            ("over", "limit"): "overlimit", ("over", "due"): "overdue", ("special", "scheme"): "specialscheme",
            ("record", "date"): "recorddate", ("term", "amount"): "termamount", ("to", "repay"): "torepay", ("plan", "repay"): "planrepay",
            ("id", "card"): "idcard", ("five", "class"): "fiveclass", ("co", "code"): "cocode", ("to", "value"): "ltv", ("underlying", "exposure"): "underlying_exposure",
            ("national", "insurance"): "nino", ("asset", "class"): "assettype",
            ("sales", "person"): "salesperson", ("id", "proof"): "idproof", ("as", "on"): "asof", ("razon", "social"): "razonsocial", ("razao", "social"): "razonsocial", ("credit", "period"): "creditterm", ("credit", "days"): "creditterm",
            ("since", "due"): "pastdue", ("from", "due"): "pastdue", ("mob", "no"): "mobileno", ("mob", "num"): "mobileno", ("reference", "date"): "recorddate", ("business", "line"): "lob", ("line", "of"): "lob", ("data", "de"): "fecha_pt", ("data", "da"): "fecha_pt",
            ("data", "do"): "fecha_pt", ("data", "base"): "database_pt", ("monthly", "repayment"): "monthlypayment",
            ("opening", "balance"): "openingbalance", ("beginning", "balance"): "openingbalance", ("write", "off"): "chargeoff", ("written", "off"): "chargeoff", ("identity", "card"): "idcard", ("social", "security"): "ssn",
            ("risk", "classification"): "riskclass", ("asset", "classification"): "riskclass",
            ("due", "bill"): "duebill", ("actual", "payment"): "actualpayment",
            ("debt", "days"): "debtdays", ("res", "2682"): "res2682", ("de", "cartera"): "decartera", ("fecha", "limite"): "fechalimite", ("co", "applicant"): "coborrower", ("no", "of"): "numberof", ("emi", "overdue"): "emioverdue", ("emis", "overdue"): "emioverdue", ("overdue", "emis"): "emioverdue", ("instalments", "overdue"): "emioverdue", ("installments", "overdue"): "emioverdue", ("overdue", "installments"): "emioverdue", ("overdue", "instalments"): "emioverdue", ("boa", "vista"): "boavista", ("note", "date"): "notedate", ("all", "in"): "allin", ("distribution", "date"): "recorddate", ("determination", "date"): "recorddate", ("note", "number"): "note_no", ("note", "num"): "note_no", ("ext", "source"): "extsource", ("nric", "fin"): "nric", ("ic", "no"): "icno", ("mas", "612"): "mas612", ("regular", "payment"): "monthlypayment", ("my", "kad"): "mykad", ("non", "payment"): "nonpayment", ("profit", "rate"): "profitrate", ("five", "cls"): "fiveclass", ("overdue", "since"): "overduesince", ("delinquent", "since"): "overduesince", ("arrears", "since"): "overduesince", ("cycle", "due"): "cyclesdue", ("receive", "by"): "payable", ("user", "defined"): "userdefined", ("valor", "pago"): "valorpago", ("calificacion", "sbs"): "calificacionsbs", ("arrears", "after"): "arrearsafter", ("operating", "unit"): "orgunit", ("business", "unit"): "orgunit",
            ("months", "delinquent"): "monthsdelq", ("months", "overdue"): "monthsdelq", ("months", "arrears"): "monthsdelq",
            ("jatuh", "tempo"): "jatuhtempo", ("baki", "debet"): "bakidebet", ("suku", "bunga"): "sukubunga",
            ("so", "ngay"): "songay", ("qua", "han"): "quahan", ("khach", "hang"): "khachhang",
            ("dien", "thoai"): "dienthoai", ("bao", "cao"): "baocao", ("nhom", "no"): "nhomno", ("du", "no"): "duno",
            ("lai", "suat"): "laisuat", ("han", "muc"): "hanmuc", ("giai", "ngan"): "giaingan",
            ("chi", "nhanh"): "chinhanh", ("hop", "dong"): "hopdong", ("khoan", "vay"): "khoanvay",
            ("san", "pham"): "sanpham", ("ly", "do"): "lydo", ("can", "bo"): "canbo", ("tin", "dung"): "tindung",
            ("da", "tra"): "datra", ("phai", "tra"): "phaitra",
            # D&B's "Days Beyond Terms": past the agreed terms, i.e. past due; SAP's "Amt in loc.cur.";
            # a recovery agent or officer is the collector (a recovery alone is money recovered)
            ("beyond", "terms"): "pastdue", ("beyond", "term"): "pastdue", ("beyond", "due"): "pastdue",
            ("loc", "cur"): "localcurrency", ("local", "currency"): "localcurrency", ("cash", "loan"): "cashloan",
            ("cash", "loans"): "cashloan", ("book", "balance"): "bookbalance", ("book", "bal"): "bookbalance",
            ("book", "value"): "bookvalue", ("recovery", "agent"): "recoveryofficer",
            ("recovery", "officer"): "recoveryofficer", ("recovery", "manager"): "recoveryofficer",
            ("recovery", "executive"): "recoveryofficer", ("recovery", "staff"): "recoveryofficer"}
# "Days Past Dues" (a slip); warehouse codes of the risk (风险分类) and five-tier classes and of a
# product's class (RISK_CLS_CD, FIVE_LVL_CLS, PROD_CLS_NM); the current instalment's term
# (CURR_TERM_DUE_AMT: 本期, not a tenor); Vietnam's debt group (nhóm nợ) is the class.
_PHRASES.update({("past", "dues"): "pastdue", ("risk", "cls"): "riskclass", ("five", "lvl"): "five_lvl",
                 ("five", "level"): "five_lvl", ("prod", "cls"): "product", ("product", "cls"): "product",
                 ("curr", "term"): "curr_term", ("current", "term"): "curr_term", ("cur", "term"): "curr_term",
                 ("debt", "group"): "nhomno"})

#: Concepts that mean something the canonical fields are not (a count, a flag, a history window,
#: a customer attribute): they rule a field out unless the field lists them as allowed.
_KILL = frozenset({"OTHERPARTY", "FOREIGN", "HIST", "LAST", "BANK", "FLAG", "COUNT", "PLURAL", "WINDOW", "NEXT", "FIRST", "CUMUL", "CODEBUCKET", "PERIODS",
                   "DEFAULT", "ISSUANCE", "BANDED"})
#: Concepts that never change a field's meaning.
_NEUTRAL = frozenset({"QUAL"})

#: What an identifier may identify: with one of these, a "reference" is that thing's number.
_HOLDERS = frozenset({"ACCOUNT", "LOAN", "CONTRACT", "RECEIPT", "CARD", "CUSTOMER", "INVOICE"})
#: What a description may describe: the text of a status, a product or a segment is that label.
_LABELLED = frozenset({"STATUS", "PRODUCT", "INDUSTRY", "REGION", "BRANCH", "CHANNEL", "TYPE", "BUCKET", "REASON"})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
#: Letters read as runs of words without spaces: Chinese (and Japanese) characters, Japanese kana,
#: Korean syllables, Thai.
_RUN_LETTERS = "\u3400-\u9fff\u3040-\u30ff\uac00-\ud7a3\u0e00-\u0e7f"
_PIECES = re.compile(rf"[a-z]+[0-9]*[a-z]*|[0-9]+[a-z]*|[{_RUN_LETTERS}]+|#")
_WINDOW = re.compile(r"^(?:\d+(?:d|day|days|m|mo|mon|mth|mths|month|months|y|yr|yrs|year|years|w|wk|weeks?)"
                     r"|(?:last|past|prev|within)\d+)$")
_CODEBUCKET = re.compile(r"^m\d+\+?$")
#: A band of days written as numbers at the start of a word ("91+", "31-60", "0~30"): one column of an
#: aging table. Small numbers only, so a date ("2024-06") is not one.
_BAND = re.compile(r"(?:^|(?<=[\s_]))(?:\d{1,3}\s*\+|\d{1,3}\s*[-–~]\s*\d{1,3}(?![\d./]))")
#: The five tiers of a regulatory class (and India's Std/Sub-Std/Doubtful/Loss) named in a header.
_TIER_WORDS = re.compile(r"sub[- ]?std|substandard|sub-standard|doubtful|special mention|关注|次级|可疑|损失|正常类|"
                         r"\bstd\b|\bloss\b|\bstandard\b", re.IGNORECASE)
#: A field code of the ECB / ESMA loan-level templates standing before its name ("AS42 NACE
#: Industry Code", "RREL30 Current Principal Balance").
# (ESMA's corporate, card and esoteric annexes: CRPL, CRCL, ESTL, and their collateral codes)
_FIELD_CODE = re.compile(r"^(?:ar|as|ac|rrel|rrec|crel|crec|corl|corc|autl|autc|cmrl|cmrc|lesl|lesc|esl|nprl|nprc|nprt|undl"
                         r"|crpl|crpc|crcl|crcc|estl|estc)\d{1,3}$")
_TRAILING_NOTE = re.compile(r"\s*[(（\[【][^)）\]】]*[)）\]】]\s*$")
_DATE_FIELDS = frozenset({"snapshot_date", "due_date", "origination_date"})
#: A note saying when a figure is taken ("(as at month end)", "（截至月末）"), what it includes
#: (逾期金额(含费用)) or where its footnote is ("Balance (Note 3)", "（注1）"): the name without it says what.
_AS_AT_NOTE = re.compile(r"^\W*(?:as\s+(?:at|of|on|per)|according\s+to|at\s+month|month[- ]?end|截至|截止|月末|期末"
                         r"|含|包含|including|incl\b|附注|注|notes?\b|see\b|[^)）\]】]*[+＋]"
                         r"|last\s*\d+\b)", re.IGNORECASE)  # "SSN (Last 4)": the digits shown of a masked number
_CURRENCY_NOTE = re.compile(r"[(（\[【]\s*(?:" + CURRENCY_CODES + r")\s*[)）\]】]\s*$", re.IGNORECASE)
#: Currencies of microfinance and mobile-money files the shared list lacks (Bangladesh's taka, Kenya's
#: shilling, Ghana's cedi, Uganda, Tanzania, Rwanda, Zambia, Malawi, Ethiopia, the CFA francs).
_MORE_CURRENCY_NOTE = re.compile(r"[(（\[【]\s*(?:tk|taka|ksh|kshs|ghs|ghc|ugx|tzs|rwf|zmw|mwk|etb|xof|xaf|fcfa|cfa)\s*[)）\]】]\s*$",
                                 re.IGNORECASE)
#: A unit of months in brackets: "账龄（月）", "Age (months)".
_MONTH_UNIT = re.compile(r"[(（\[【]\s*(?:月|个月|months?|mths?)\s*[)）\]】]", re.IGNORECASE)
_DAY_UNIT = re.compile(r"[(（\[【]\s*(?:天|日|days?)\s*[)）\]】]\s*$", re.IGNORECASE)
_LATIN_WORDS = sorted(_EN)
_BY_LETTER: dict[str, list[str]] = {}
for _w in _LATIN_WORDS:
    if "_" not in _w:
        _BY_LETTER.setdefault(_w[0], []).append(_w)

# Words matched only whole, added after the abbreviation and typo indexes above were built: they
# are transliterations and foreign words whose letters would otherwise claim English
# abbreviations (``nam``, the Vietnamese year, is not "name"; ``kota``, an Indonesian town, not
# "kolektabilitas"), so no other token is read as one of them.
# Japanese in Latin letters (Hepburn): 貸付残高 kashitsuke zandaka, 延滞日数 entai nissu, 契約番号
# keiyaku bangō, 顧客名 kokyaku mei, 基準日 kijun bi; 担保 (tanpo) and 保証人 (hoshōnin) are
# another thing and another party.
for _w, _c in (("kashitsuke", ("LOAN",)), ("kashidashi", ("LOAN",)), ("yushi", ("LOAN",)), ("zandaka", ("BAL",)),
               ("entai", ("DELQ",)), ("nissu", ("DAYS",)), ("kingaku", ("AMT",)), ("gaku", ("AMT",)),
               ("keiyaku", ("CONTRACT",)), ("bango", ("ID",)), ("bangou", ("ID",)), ("kokyaku", ("CUSTOMER",)),
               ("shimei", ("NAME",)), ("denwa", ("PHONE",)), ("keitai", ("PHONE",)),
               ("shiten", ("BRANCH",)), ("kinri", ("RATE", "INTEREST")), ("risoku", ("INTEREST",)),
               ("kijun", ("REPORT",)), ("yakujo", ("DUE",)), ("yotei", ("DUE",)), ("hensai", ("PAID", "PAYMENT", "REPAY")),
               ("gendo", ("LIMIT",)), ("jikko", ("ORIGIN",)), ("tantosha", ("OWNER",)), ("tanpo", ("FOREIGN",)),
               ("hoshonin", ("OTHERPARTY",)), ("hyoka", ("FOREIGN",)),
               # Korean in Latin letters (Revised Romanization): 대출잔액 daechul janaek, 연체일수 yeonche ilsu,
               # 계약번호 gyeyak beonho, 주민번호 jumin beonho, 담보 (dambo, collateral) another thing
               ("daechul", ("LOAN",)), ("janaek", ("BAL",)), ("yeonche", ("DELQ",)), ("ilsu", ("DAYS",)),
               ("geumaek", ("AMT",)), ("gyeyak", ("CONTRACT",)), ("beonho", ("ID",)), ("gogaek", ("CUSTOMER",)),
               ("myeong", ("NAME",)), ("seongmyeong", ("NAME",)), ("jeonhwa", ("PHONE",)), ("hyudaepon", ("PHONE",)),
               ("sinyong", ("CREDIT",)), ("jeomsu", ("SCORE",)), ("geumni", ("RATE", "INTEREST")), ("ija", ("INTEREST",)),
               ("gijun", ("REPORT",)), ("ilja", ("DATE",)), ("jumin", ("NATIONAL",)), ("sangtae", ("STATUS",)),
               ("hando", ("LIMIT",)), ("jijeom", ("BRANCH",)), ("damdangja", ("OWNER",)), ("wongeum", ("PRIN",)),
               ("sanghwan", ("PAID", "PAYMENT", "REPAY")), ("sangpum", ("PRODUCT",)), ("eopjong", ("INDUSTRY",)),
               ("jiyeok", ("REGION",)), ("dambo", ("FOREIGN",)),
               # French: l'intérêt annuel, la mensualité (the monthly instalment), le statut, les arriérés,
               # the loan's file (dossier), a sum granted (octroyé) or settled (réglé), a mobile (portable)
               ("interet", ("INTEREST",)), ("interets", ("INTEREST",)), ("annuel", ("ANNUAL",)), ("annuelle", ("ANNUAL",)),
               ("mensuel", ("MONTHLY",)), ("mensuelle", ("MONTHLY",)), ("mensualite", ("INSTAL", "MONTHLY")),
               ("statut", ("STATUS",)), ("arrieres", ("DELQ",)), ("arriere", ("DELQ",)), ("dossier", ("CONTRACT",)),
               ("octroye", ("ORIGIN",)), ("regle", ("PAID",)), ("portable", ("PHONE",)), ("clientele", ("CUSTOMER",)),
               ("activite", ("INDUSTRY",)), ("enplace", ("ORIGIN",)), ("mise", ("QUAL",)), ("la", ("QUAL",)),
               ("le", ("QUAL",)), ("les", ("QUAL",)), ("du", ("QUAL",)), ("des", ("QUAL",)), ("chargede", ("OWNER",)),
               # Spanish and Portuguese: a scheduled (programada) payment, a sum granted (concedido) or
               # formalised (formalización), a credit product (crediticio), arrears (inadimplência)
               ("programada", ("DUE",)), ("programado", ("DUE",)), ("concedido", ("ORIGIN",)), ("concedida", ("ORIGIN",)),
               ("formalizacion", ("ORIGIN",)), ("crediticio", ("QUAL",)), ("crediticia", ("QUAL",)), ("economica", ("QUAL",)),
               ("inadimplencia", ("DELQ",)), ("municipio", ("REGION",)),
               # Indonesian: the contract (kontrak, akad), a handphone (HP), the quality of a credit
               # (kualitas kredit, the OJK's class), places (provinsi, kabupaten, kota, kecamatan, desa)
               ("kontrak", ("CONTRACT",)), ("akad", ("ORIGIN",)), ("nohp", ("PHONE", "ID")), ("kualitas", ("BUCKET", "FIVETIER")),
               ("provinsi", ("REGION",)), ("kabupaten", ("REGION",)), ("kota", ("REGION",)), ("kecamatan", ("REGION",)),
               ("desa", ("REGION",)), ("perbulan", ("MONTHLY",)),
               # Vietnamese: năm (year), số tiền (a sum), nợ quá hạn (debt past due, an amount); the CIC is
               # Vietnam's credit bureau
               ("nam", ("ANNUAL",)), ("sotien", ("AMT",)), ("noquahan", ("DELQ", "AMT")), ("cic", ("QUAL",)),
               # South Asia's and East Africa's places (upazila, thana, tehsil, sub-county, ward) and
               # mobile money numbers; a loan taken (on a day) is a loan disbursed; a CKYC number is
               # India's central KYC identity number; PAR (portfolio at risk) names arrears
               ("upazila", ("REGION",)), ("thana", ("REGION",)), ("tehsil", ("REGION",)), ("mobilemoney", ("PHONE",)),
               ("taken", ("ORIGIN",)), ("ckyc", ("NATIONAL",)),
               # US servicing: the MBA and OTS methods of counting delinquency; arrearage is arrears;
               # bureaus named (TransUnion, Equifax, Experian, CRIF) score the borrower; a high credit
               # is the bureau's word for the limit or amount lent (a highest credit is history)
               ("ots", ("QUAL",)), ("mba", ("QUAL",)), ("arrearage", ("DELQ",)), ("transunion", ("BUREAU",)),
               ("equifax", ("BUREAU",)), ("experian", ("BUREAU",)), ("crif", ("BUREAU",)), ("highcredit", ("LIMIT",)),
               # another model's score (fraud, propensity, attrition, churn) is not the credit score; a
               # balloon or residual value is the asset's last lump, not the loan's balance or due date
               ("fraud", ("FOREIGN",)), ("propensity", ("FOREIGN",)), ("attrition", ("FOREIGN",)), ("churn", ("FOREIGN",)),
               ("balloon", ("FOREIGN",)), ("residualvalue", ("FOREIGN",)),
               ("surname", ("NAME",)), ("givenname", ("NAME",)), ("today", ("CURRENT",)), ("spending", ("QUAL",)),
               ("weekly", ("MONTHLY",)), ("fortnightly", ("MONTHLY",)), ("biweekly", ("MONTHLY",)),
               # an échéance is the instalment and the day it falls due (Échéance Mensuelle, Date d'Échéance)
               ("echeance", ("DUE", "INSTAL")), ("derniere", ("LAST",)), ("dernier", ("LAST",)),
               # Vietnamese phạt (a penalty) and lãi (interest) are other sums; Japanese names of a thing
               # (顧客名, 支店名) are read as a pair, as a lone "mei" may be anything (Brazil's MEI)
               ("phat", ("FOREIGN",)), ("lai", ("INTEREST",)), ("pardays", ("DAYS", "DELQ")),
               ("kokyakumei", ("CUSTOMER", "NAME")), ("shitenmei", ("BRANCH", "NAME")), ("hoshoninmei", ("OTHERPARTY",)),
               ("tantoshamei", ("OWNER", "NAME"))):
    _EN[_w] = frozenset(_c)
for _w in ("tk", "taka", "ksh", "kshs", "ghs", "ghc", "ugx", "tzs", "rwf", "zmw", "mwk", "etb", "xof", "xaf", "fcfa", "cfa"):
    _EN.setdefault(_w, frozenset({"QUAL"}))  # a currency written after the name (see _MORE_CURRENCY_NOTE)
_PHRASES.update({("kijun", "bi"): "kijunbi", ("hensai", "bi"): "hensaibi", ("kashitsuke", "bi"): "kashitsukebi",
                 ("jikko", "bi"): "jikkobi", ("keiyaku", "bi"): "keiyakubi", ("en", "place"): "enplace",
                 ("charge", "de"): "chargede", ("charge", "d"): "chargede", ("so", "tien"): "sotien",
                 ("per", "bulan"): "perbulan", ("jumlah", "hari"): "hari", ("mobile", "money"): "mobilemoney",
                 ("high", "credit"): "highcredit", ("residual", "value"): "residualvalue", ("last", "name"): "surname",
                 ("first", "name"): "givenname", ("family", "name"): "surname", ("given", "name"): "givenname",
                 ("arrears", "months"): "monthsdelq", ("actual", "pmt"): "actualpayment",
                 ("trans", "union"): "transunion", ("no", "hp"): "nohp", ("nomor", "hp"): "nohp",
                 ("hp", "no"): "nohp", ("par", "days"): "pardays", ("kokyaku", "mei"): "kokyakumei",
                 ("shiten", "mei"): "shitenmei", ("hoshonin", "mei"): "hoshoninmei", ("tantosha", "mei"): "tantoshamei"})
for _w, _c in (("kijunbi", ("REPORT", "DATE")), ("hensaibi", ("PAYMENT", "DATE")), ("kashitsukebi", ("ORIGIN", "DATE")),
               ("jikkobi", ("ORIGIN", "DATE")), ("keiyakubi", ("CONTRACT", "DATE"))):
    _EN[_w] = frozenset(_c)
# Thai: หนี้ (debt), เบอร์โทรศัพท์ (phone number), เบิกจ่าย (disbursed), สินเชื่อ (credit), งวด (an
# instalment), บัญชี (account), วัน (day), พนักงาน (staff), ติดตามหนี้ (debt collection); collateral
# (หลักประกัน) and an allowance (ค่าเผื่อ) are other things. Japanese and Chinese: a fraud score (反欺诈)
# is another model's, a weighted average (加权平均) a pool's statistic, not this loan's figure; a
# rent's days or instalments past due (租金逾期) are the loan's.
for _w, _c in (("หนี้", ("QUAL",)), ("เบอร์โทรศัพท์", ("PHONE", "ID")), ("เบิกจ่าย", ("ORIGIN",)), ("สินเชื่อ", ("LOAN",)),
               ("งวด", ("INSTAL",)), ("ค่างวด", ("INSTAL", "AMT")), ("บัญชี", ("ACCOUNT",)), ("วัน", ("DATE",)),
               ("พนักงาน", ("OWNER",)), ("ติดตาม", ("COLLECT",)), ("ติดตามหนี้", ("COLLECT",)), ("ประเภท", ("TYPE",)),
               ("หลักประกัน", ("FOREIGN",)), ("ค่าเผื่อ", ("FOREIGN",)), ("反欺诈", ("FOREIGN",)), ("欺诈", ("FOREIGN",)),
               ("平均", ("HIST",)), ("加权", ("QUAL",)), ("租金逾期", ("DELQ",))):
    _ZH[_script_key(_w)] = frozenset(_c)
_ZH_MAX = max(len(w) for w in _ZH)
# English servicing, card, collections and receivables words (matched whole, so they claim no
# abbreviations): a card's open-to-buy is the credit still available, not an amount owed; a debt
# buyer or purchaser is the firm a charged-off account is sold to, another party; an Australian
# redraw is prepaid money the borrower may draw again, not the balance; a drawn amount is what is
# used of a line, i.e. owed; SAP's open item is an unpaid one; "required payment" is a card's
# minimum due; cash received or collected is a payment made (cash alone is a cash advance); an
# account's or a card's holder is the borrower; a referral source is the channel; the American
# spellings of behaviour name a scorecard, as the British ones do; ANZSIC is Australia's and New
# Zealand's industry classification; a report's run date is when its data were taken; a
# hardship's reason is why the borrower fell behind; the earliest unpaid due date is the oldest one;
# an account's standing is its status (a standing order is a payment instruction); a third party's
# name or phone is another party's, but a third-party originator (TPO) is a channel; a cut-off is a
# date (a pool's cut-off is the date its figures are taken at).
_PHRASES.update({("to", "buy"): "opentobuy", ("debt", "buyer"): "debtbuyer", ("debt", "purchaser"): "debtbuyer",
                 ("open", "item"): "openitem", ("cash", "received"): "received",
                 ("cash", "collected"): "collected", ("account", "holder"): "accountholder",
                 ("card", "holder"): "accountholder", ("business", "name"): "businessname",
                 ("run", "date"): "recorddate", ("hardship", "reason"): "delqreason", ("earliest", "unpaid"): "unpaid",
                 ("cyc", "due"): "cyclesdue", ("mo", "delinquent"): "monthsdelq", ("mos", "delinquent"): "monthsdelq",
                 ("mths", "delinquent"): "monthsdelq", ("mo", "delq"): "monthsdelq", ("mths", "delq"): "monthsdelq",
                 ("asset", "quality"): "assetquality", ("product", "family"): "product",
                 ("assigned", "to"): "assignee", ("third", "party"): "thirdparty"})
for _w, _c in (("opentobuy", ("FOREIGN",)), ("debtbuyer", ("OTHERPARTY",)), ("redraw", ("FOREIGN",)),
               ("drawn", ("OUT",)), ("openitem", ("OUT",)), ("required", ("DUE",)), ("accountholder", ("CUSTOMER",)),
               ("businessname", ("CUSTOMER", "NAME")), ("referral", ("CHANNEL",)), ("referrer", ("CHANNEL",)),
               ("behavior", ("QUAL",)), ("behavioral", ("QUAL",)), ("behaviour", ("QUAL",)), ("behavioural", ("QUAL",)),
               ("anzsic", ("INDUSTRY",)), ("delqreason", ("DELQ", "REASON")), ("assetquality", ("BUCKET", "FIVETIER")),
               ("assignee", ("OWNER",)), ("best", ("QUAL",)), ("regulatory", ("REGULATORY",)),
               ("scorecard", ("SCORECARD",)), ("thirdparty", ("OTHERPARTY",)), ("tpo", ("CHANNEL",)),
               ("cutoff", ("REPORT", "DATE"))):
    _EN[_w] = frozenset(_c)
# Italian and Dutch loan tapes (the European DataWarehouse's and the banks' own: debito residuo,
# importo scaduto, giorni di ritardo, codice rapporto; openstaand saldo, dagen achterstand,
# rentevoet), more German (Kundenname: Kunden + Name; Grund des Zahlungsverzugs) and Spanish
# securitisation words (saldo vivo, identificador, datos). An Italian rapporto is the account (the
# bank's relationship with the customer) and a pratica the loan's file; a loan's stato (Stato del
# Rapporto, Stato Pratica) is its status, a bare one says nothing (a country, or with civile the
# marital status); the codice fiscale is Italy's personal number, as Spain's NIF and Brazil's CPF
# are; ATECO is Italy's industry classification and the Banca d'Italia the regulator; a German or
# Dutch Branche is the industry, not a branch. A scadenza is when something falls due: with a rata
# (an instalment) the instalment's due date, alone a maturity (offered, as 到期日 is); the next
# (prossima) one's is, as everywhere, not the due date.
for _w, _c in (("debito", ("OUT",)), ("residuo", ("OUT",)), ("importo", ("AMT",)), ("scaduto", ("DELQ",)),
               ("scaduti", ("DELQ",)), ("giorni", ("DAYS",)), ("ritardo", ("DELQ",)), ("tasso", ("RATE",)),
               ("interesse", ("INTEREST",)), ("codice", ("ID",)), ("codicefiscale", ("NATIONAL", "ID")),
               ("rata", ("INSTAL",)), ("scadenza", ("EXPIRY",)), ("erogato", ("ORIGIN",)),
               ("erogazione", ("ORIGIN",)), ("pagato", ("PAID",)), ("provincia", ("REGION",)), ("debitore", ("CUSTOMER",)),
               ("ateco", ("INDUSTRY",)), ("canale", ("CHANNEL",)), ("vendita", ("QUAL",)), ("gestore", ("OWNER",)),
               ("rapporto", ("ACCOUNT",)), ("pratica", ("CONTRACT",)), ("stato", ("QUAL",)),
               ("classificazione", ("BUCKET",)), ("di", ("QUAL",)),
               ("riferimento", ("REPORT",)), ("prossima", ("NEXT",)), ("prossimo", ("NEXT",)),
               ("lening", ("LOAN",)), ("nummer", ("NUM",)), ("hoofdsom", ("PRIN",)), ("dagen", ("DAYS",)),
               ("achterstand", ("DELQ",)), ("achterstallig", ("DELQ",)), ("bedrag", ("AMT",)), ("rente", ("INTEREST",)),
               ("rentevoet", ("RATE", "INTEREST")), ("rapportage", ("REPORT",)), ("datum", ("DATE",)),
               ("openstaand", ("OUT",)), ("aantal", ("COUNT",)), ("anzahl", ("COUNT",)),
               ("kunden", ("CUSTOMER",)), ("grund", ("REASON",)), ("zahlungsverzug", ("DELQ",)),
               ("branche", ("INDUSTRY",)), ("vivo", ("OUT",)), ("identificador", ("ID",)), ("datos", ("REPORT",)),
               # Indonesian usaha (business: sektor usaha, the borrower's line of business) and the
               # akad (the financing contract: No. Akad its number, Tanggal Akad the day it was signed);
               # a contract's signing is its start, as 签约 is
               ("usaha", ("QUAL",)), ("akad", ("CONTRACT",)), ("signing", ("ORIGIN",)), ("signed", ("ORIGIN",)),
               # Vietnamese: hiện tại (current), trễ hạn (late), trạng thái (status), tài khoản (account),
               # phòng giao dịch (a transaction office, i.e. a sub-branch), ngành nghề (the line of
               # business), kênh bán (the sales channel), họ và tên (full name)
               ("hientai", ("CURRENT",)), ("trehan", ("DELQ",)), ("trangthai", ("STATUS",)), ("taikhoan", ("ACCOUNT",)),
               ("phonggiaodich", ("BRANCH",)), ("nganhnghe", ("INDUSTRY",)), ("kenhban", ("CHANNEL",)),
               ("hova", ("QUAL",)), ("capitale", ("PRIN",)),
               # Portuguese: a risk level (nível de risco) is a grade, read with its risk in _read_header
               ("nivel", ("GRADE",)), ("risco", ("RISK",)),
               ("system", ("QUAL",)),  # the loan's id in the lender's system (systemloanid), as 系统 is
               ("norm", ("QUAL",)), ("normal", ("QUAL",))):  # not "nonperforming" by its letters: see _WEAKER
    _EN[_w] = frozenset(_c)
_PHRASES.update({("codice", "fiscale"): "codicefiscale", ("banca", "italia"): "regulatory",
                 ("hien", "tai"): "hientai", ("tre", "han"): "trehan", ("trang", "thai"): "trangthai",
                 ("tai", "khoan"): "taikhoan", ("nganh", "nghe"): "nganhnghe", ("kenh", "ban"): "kenhban",
                 ("ho", "va"): "hova",
                 ("ghana", "card"): "idcard"})  # the Ghana Card is Ghana's national identity card, not a bank card
#: Italian words beside which "data" is a date (Data di Riferimento, Data Scadenza Rata), as the
#: Portuguese ones above.
_PT_WORDS = _PT_WORDS | {"riferimento", "scadenza", "erogazione", "rata"}
# Receivables and card systems: 账款 is money on account (逾期账款: the overdue amount); selling on
# credit terms, what is past the term (超信用期, 超账期) is past due; a 总额度 is the total limit (not
# 总额 + 度); what falls due this period (当期到期, 本期到期) is the instalment's due, not the loan's
# maturity; a loan numbered in an ABS pool (入池资产编号) is the asset.
for _w, _c in (("账款", ("RECV", "AMT")), ("超信用期", ("DELQ",)), ("超账期", ("DELQ",)), ("总额度", ("TOTAL", "LIMIT")),
               ("当期到期", ("DUE",)), ("本期到期", ("DUE",)), ("入池资产", ("ASSET",))):
    _ZH[_w] = frozenset(_c)
_ZH_MAX = max(len(w) for w in _ZH)


# The twenty-first list: card centres' statements (账单: a bill, as an invoice is; 账单到期日 its
# due date; a statement's amount put on instalments, 账单分期, and what is not yet billed,
# 未出账单 / unbilled, are neither the instalment due nor the balance); 资金 (funding: 资金渠道 is
# where the money comes from, not the sales channel); 合约 (Taiwan, Hong Kong: the contract);
# 客户号码 (the customer's number, not 客户号 + 码); a regional centre (区域中心) is the region;
# Taiwan's 最後繳款日 is the payment deadline, as 最后还款日 is. In English: a credit (debit) note is
# a ledger document, not a credit; SAP's bill-to and sold-to parties are the customer; a credit
# controller chases receivables (the owner); a service centre is a branch; an economic activity or
# sector is the industry; a flat rate is a rate (not "f…l…a…t" by its letters); "per month" is
# monthly and "per annum" annual; what is due to a lender (Due to IBRD) is owed; the World Bank's
# IBRD and IDA and the Central Bank of Nigeria (CBN, whose prudential classes are the regulator's,
# as the CBK's are) name who lent or who classifies; BIZ abbreviates business.
for _w, _c in (("账单", ("INVOICE",)), ("账单分期", ("FOREIGN",)), ("未出账单", ("FOREIGN",)), ("未出账", ("FOREIGN",)),
               ("资金", ("FOREIGN",)), ("合约", ("CONTRACT",)), ("客户号码", ("CUSTOMER", "ID")),
               ("区域中心", ("REGION",)), ("最后缴款日", ("DUE", "PAYMENT", "DATE"))):
    _ZH[_w] = frozenset(_c)
_ZH_MAX = max(len(w) for w in _ZH)
_PHRASES.update({("credit", "note"): "creditnote", ("debit", "note"): "creditnote", ("credit", "memo"): "creditnote",
                 ("bill", "to"): "billto", ("sold", "to"): "billto", ("credit", "controller"): "creditcontroller",
                 ("service", "center"): "servicecenter", ("service", "centre"): "servicecenter",
                 ("economic", "activity"): "econactivity", ("economic", "sector"): "econactivity",
                 ("per", "month"): "monthly", ("per", "annum"): "annual", ("due", "to"): "owedto"})
for _w, _c in (("creditnote", ("FOREIGN",)), ("billto", ("CUSTOMER",)), ("creditcontroller", ("OWNER",)),
               ("servicecenter", ("BRANCH",)), ("econactivity", ("INDUSTRY",)), ("owedto", ("OUT",)),
               ("unbilled", ("FOREIGN",)), ("unbill", ("FOREIGN",)), ("flat", ("QUAL",)), ("ibrd", ("QUAL",)),
               ("ida", ("QUAL",)), ("cbn", ("FIVETIER",)), ("biz", ("BUSINESS",))):
    _EN[_w] = frozenset(_c)


# The twenty-third list: a contractual (约定, Japanese 約定) repayment is the one due, not one made
# (返済 is Japanese for repayment); a home or work phone (家庭电话, 单位电话) is still the
# borrower's; 核心 names the core system a customer number comes from; a collections record
# (催收记录) is the collector's notes; a daily or monthly rate (日利率, 月利率) is a rate, not a
# date; a business outlet (营业网点) is a branch; 审批 (approved) dates a decision, before the
# money is lent: offered as the start, never applied. Elsewhere: Spanish puntaje (a score),
# Vietnamese số tiền vay (the amount borrowed) and nhân viên (staff: a credit officer), the
# Indonesian data position (Posisi Data: the as-at date), German open items (offener Betrag,
# Tage überfällig, Fälligkeit, Debitor), warehouse CTRT (contract) and MBL (mobile); a
# new-versus-repeat flag names no officer (its "rep" is not a representative).
for _w, _c in (("约定", ("DUE",)), ("返済", ("PAYMENT",)), ("家庭电话", ("PHONE",)), ("住宅电话", ("PHONE",)),
               ("核心", ("QUAL",)), ("催收记录", ("COLLECT", "NOTE")), ("营业网点", ("BRANCH",))):
    _ZH[_w] = frozenset(_c)
_ZH_MAX = max(len(w) for w in _ZH)
_PHRASES.update({("so", "tien"): "sotien", ("nhan", "vien"): "nhanvien", ("posisi", "data"): "posisidata"})
for _w, _c in (("puntaje", ("SCORE",)), ("sotien", ("AMT",)), ("vay", ("LOAN",)), ("nhanvien", ("OWNER",)),
               ("posisidata", ("REPORT", "DATE")), ("offener", ("OUT",)), ("offene", ("OUT",)), ("uberfallig", ("DELQ",)),
               ("ueberfaellig", ("DELQ",)), ("falligkeit", ("DUE", "DATE")), ("nettofalligkeit", ("DUE", "DATE")),
               ("debitor", ("CUSTOMER",)), ("debitoren", ("CUSTOMER",)), ("debitorennummer", ("CUSTOMER", "ID")),
               ("nummer", ("NUM",)), ("ctrt", ("CONTRACT",)), ("mbl", ("PHONE",)), ("repeat", ("FOREIGN",)),
               ("versus", ("FOREIGN",))):
    _EN[_w] = frozenset(_c)


# The twenty-fourth list: 过期天数 are the days overdue (过期 alone may be an expiry, and an
# ID card's 证件过期天数 is one); 逾期级距 (a band of days overdue) is a bucket, where 额度级距 is a
# band of limits; so is an "age bucket" beside arrears; 立账 books a receivable
# (its aging runs from that day); a dunning clerk (SAP's BUSAB) is the collector (a clerk alone
# is not: a data-entry clerk); a sort code
# names a bank's branch, not an account; close of business (COB) dates the snapshot; MAD and TAD
# are a card's minimum and total amounts due; "nxt" is next (NxtPayDt, the next payment's date).
for _w, _c in (("过期天数", ("DELQ", "DAYS")), ("逾期级距", ("DELQ", "BUCKET")), ("立账", ("ORIGIN",)),
               ("证件过期", ("FOREIGN",)), ("有效期", ("FOREIGN",))):
    _ZH[_w] = frozenset(_c)
_ZH_MAX = max(len(w) for w in _ZH)
_PHRASES.update({("age", "bucket"): "agebucket", ("sort", "code"): "sortcode", ("dunning", "clerk"): "dunningclerk"})
for _w, _c in (("agebucket", ("BUCKET",)), ("sortcode", ("BRANCH", "ID")), ("dunningclerk", ("OWNER",)),
               ("busab", ("OWNER",)), ("cob", ("REPORT",)), ("mad", ("INSTAL", "DUE", "AMT")),
               ("tad", ("TOTAL", "DUE", "AMT")), ("nxt", ("NEXT",))):
    _EN[_w] = frozenset(_c)


#: Home Credit's keys: ``SK_ID_<what>``.
_SK_IDS = {"curr": frozenset({"CUSTOMER", "ID"}), "prev": frozenset({"LOAN", "ID"}),
           "bureau": frozenset({"LOAN", "ID"})}

#: Traditional characters of bank headers (Taiwan, Hong Kong) → simplified, so one lexicon reads both.
_TRADITIONAL = str.maketrans(
    "進撥繳帳戶餘額數資產別貸號機構區業務類級狀態單際還統計報據稱銀總歷齡證碼話電聯絡經辦員點網開發應實與為個時間當現結違約擔營種準備損續價稅費匯幣縣鄉鎮門專責負評審歸屬險標誌償欠齊條項編賬內處職歲簽訂況優劃場階錄檔貿來註說紀週筆車輸欄權徵護託領舊許對滯納遲後",
    "进拨缴账户余额数资产别贷号机构区业务类级状态单际还统计报据称银总历龄证码话电联络经办员点网开发应实与为个时间当现结违约担营种准备损续价税费汇币县乡镇门专责负评审归属险标志偿欠齐条项编账内处职岁签订况优划场阶录档贸来注说纪周笔车输栏权征护托领旧许对滞纳迟后")


def _simplified(text: str) -> str:
    return text.translate(_TRADITIONAL)


#: Words that make a header the weaker of two readings of one field: a city is a region only
#: when there is no state or region column, an APR (fees included) the rate only without a rate.
_WEAKER = {"property": 0.96, "collateral": 0.96, "msa": 0.9, "metropolitan": 0.9, "city": 0.94, "ciudad": 0.94, "cidade": 0.94, "county": 0.95, "district": 0.95, "zip": 0.9, "apr": 0.97, "country": 0.96,
           "市": 0.96, "城市": 0.95, "区县": 0.95,
           # NORM_PRIN_BAL: the normal (performing) principal is the balance of a loan not past due but
           # only a part of one that is (beside 逾期本金): offered as the balance, not applied
           "norm": 0.8, "normal": 0.8}


#: Another party's place: the seller's, the servicer's, the project's area is not where the
#: borrower is (Home Credit's SELLERPLACE_AREA, SBA's ProjectState); offered as the region, never applied.
_OTHER_PARTY = ("seller", "sellerplace", "servicer", "merchant", "dealer", "vendor", "supplier", "project", "store",
                "shop", "卖方", "销售方", "商户", "经销商", "供应商", "项目", "门店")


def _weaker_factor(header: str, field: str = "") -> float:
    words = set(_tokens(unicodedata.normalize("NFKC", header)))
    factor = 1.0
    for w, f in _WEAKER.items():
        if w in words or (not w.isascii() and w in header):
            factor = min(factor, f)
    if field == "region" and any(w in words or (not w.isascii() and w in header) for w in _OTHER_PARTY):
        factor *= 0.8
    if field == "account_id" and _FORMER.match(header):
        factor *= 0.8  # 原贷款号: the number of the loan a renewal or restructuring replaced; offered
    return factor


#: 原 before a number's holder: the one before (原贷款号, 原借据编号), not 原始 (as first recorded).
_FORMER = re.compile(r"^\s*原(?!始)")


def _is_subsequence(short: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in short)


#: Acronyms written in the plural ("No. of EMIs Overdue", "CIFs"): read as plurals, not by their letters.
_ACRONYMS = frozenset({"emi", "npa", "cif", "upb", "dpd"})


@lru_cache(maxsize=8192)
def _latin_word(token: str) -> tuple[frozenset[str], bool]:
    """Concepts of one Latin token: listed, an abbreviation of a listed word, or a near spelling.

    Returns ``(concepts, fuzzy)``; empty concepts when unknown.
    """
    if token in _EN:
        return _EN[token], False
    if token[:-1] in _ACRONYMS and token.endswith("s"):
        # "EMIs Paid": how many instalments, as "installments" is; "NPAs", "CIFs": a count of them
        return (frozenset({"INSTAL", "COUNT"}) if "INSTAL" in _EN[token[:-1]] else frozenset({"PLURAL"})), False
    if token.endswith("s") and token[:-1] in _EN and len(token) > 4:
        concepts = _EN[token[:-1]]
        # "accounts", "loans": a plural of an entity is a count of them, not the thing
        return (frozenset({"PLURAL"}) if concepts & {"ACCOUNT", "LOAN", "CUSTOMER", "CARD"} else concepts), False
    if len(token) >= 3:
        words = [w for w in _BY_LETTER.get(token[0], ()) if len(w) > len(token) and _is_subsequence(token, w)]
        # several readings: the words the abbreviation begins ("lim" → limit, not lifetime), then
        # those sharing its first two letters ("opn" → open, not occupation)
        for keep in (lambda w: True, lambda w: w.startswith(token), lambda w: w.startswith(token[:2])):
            found = {_EN[w] for w in words if keep(w)}
            if len(found) == 1:
                return found.pop(), False
    if len(token) >= 5:
        from rapidfuzz import fuzz, process  # lazy: only typos need it

        hit = process.extractOne(token, _LATIN_WORDS, scorer=fuzz.ratio, score_cutoff=85)
        if hit is not None:
            return _EN[hit[0]], True
    return frozenset(), False


def _zh_words(run: str) -> list[tuple[str, frozenset[str]]]:
    """Cut a run of Chinese characters into known words, longest first; unknown runs kept whole."""
    out: list[tuple[str, frozenset[str]]] = []
    unknown = ""
    i = 0
    while i < len(run):
        for size in range(min(_ZH_MAX, len(run) - i), 0, -1):
            word = run[i:i + size]
            if word in _ZH:
                if unknown:
                    out.append((unknown, frozenset()))
                    unknown = ""
                out.append((word, _ZH[word]))
                i += size
                break
        else:
            unknown += run[i]
            i += 1
    if unknown:
        out.append((unknown, frozenset()))
    return out


@dataclass(frozen=True)
class _Reading:
    """What a header says: its concepts, its unknown words, and its head word's concepts.

    ``before_head`` counts the unknown words standing before the head word (``Servicing
    Branch``, ``风险分类``): qualifiers of a known thing, which lower the confidence less than
    unknown words after it.
    """

    concepts: frozenset[str]
    unknown_long: int
    unknown_short: int
    fuzzy: bool
    head: frozenset[str] = frozenset()
    before_head: int = 0
    qualifiers: frozenset[str] = frozenset()


def _tokens(text: str) -> list[str]:
    # Salesforce field names: FinServ__FinancialAccountNumber__c, LLC_BI__Principal_Balance__c
    text = re.sub(r"__c$", "", re.sub(r"^[A-Za-z]+(?:_[A-Za-z]+)?__(?=[A-Za-z])", "", text))
    text = re.sub(r"(?<![\d.])\d+\.\d+(?![\d.])", " ", text)  # a version: VantageScore 3.0
    text = re.sub(r"\b([Oo])/([Ss])\b", r"\1\2", text)  # "Principal O/S": outstanding
    text = re.sub(r"\b[Oo]/[Dd]\b", "od", text)  # "Days O/D": overdue
    text = re.sub(r"\b[Pp]\s?&\s?[Ii]\b", " pi ", text)  # "Scheduled P&I Due": principal and interest, an amount
    # written out ("Past Due Principal & Interest"): the same amount, not interest alone
    text = re.sub(r"\b[Pp]rincipal\s*(?:&|\+|and)\s*[Ii]nterest\b", " pi ", text)
    text = re.sub(r"\b[Rr]ev\.?\s?\d+(?:\.\d+)?\b", " ", text)  # "NACE Rev.2": the classification's revision
    text = re.sub(r"\b[Hh]/[Pp]\b", "handphone", text)  # Singapore and Malaysia: "H/P No."
    text = re.sub(r"\b[Aa]/[Cc]\b", "acct", text)  # "A/C No.": account
    # "Taxa a.m." / "Rate p.m.": a monthly rate; "a.a." / "p.a.": an annual one
    text = re.sub(r"\b[AaPp]\.\s?[Mm]\.?(?=\W|$)", " monthly ", text)
    text = re.sub(r"\b(?:[Aa]\.\s?[Aa]|[Pp]\.\s?[Aa])\.?(?=\W|$)", " annual ", text)
    text = re.sub(r"(?<=[A-Z]{3})s(?![a-z])", "S", text)  # "EMIs", "NPAs": a plural acronym, not "EM" + "Is"
    text = re.sub(r"(?<![A-Za-z])[Nn]\s?°", " no ", text)  # "N° de Prêt": numéro, the number
    # French elision (d'intérêt, l'emprunteur, d'activité): the article is no word of its own
    text = re.sub(r"(?<![A-Za-z])[DdLl]['’](?=[^\W\d_])", " ", text)
    text = _CAMEL.sub(" ", text).lower()
    if not text.isascii():
        # "días", "número": accents off the Latin letters (Chinese characters are left as they are)
        text = text.replace("đ", "d")  # Vietnamese đ is a letter of its own (no accent to strip)
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFKC", text)
    # Spanish "tipo de interés" is the interest rate (tipo alone a type); Vietnamese "nợ quá hạn" is
    # the debt past due, an amount (quá hạn alone says past due)
    text = re.sub(r"\btipo\s+de\s+interes\b", "tasa interes", text)
    text = re.sub(r"\bno\s+qua\s+han\b", "noquahan", text)
    # Vietnamese "số" before a thing numbered (số hợp đồng, số tài khoản) is its number; Spanish
    # "línea de producto" is the product line (línea de crédito is left as it was)
    text = re.sub(r"\bso\s+(?=(?:hop\s+dong|tai\s+khoan|khoan\s+vay|the|ho\s+chieu)\b)", "nr ", text)
    text = re.sub(r"\blinea\s+de\s+productos?\b", "producto", text)
    text = re.sub(r"\bphong\s+giao\s+dich\b", "phonggiaodich", text)
    pieces = _PIECES.findall(text)
    out: list[str] = []
    i = 0
    while i < len(pieces):
        pair = tuple(pieces[i:i + 2])
        if pair in _PHRASES:
            out.append(_PHRASES[pair])
            i += 2
            continue
        out.extend(_compound(pieces[i]))
        i += 1
    return out


@lru_cache(maxsize=8192)
def _compound(token: str) -> tuple[str, ...]:
    """A token of two listed words written together (``rptdate``, ``loanbalance``, ``duedate``:
    column names of systems that allow no separator) as those two words; any other token as it is.

    Only a token unknown as a whole is cut, and only into two listed words of 2+ letters (the
    first of 3+), the longest first word first; failing that into three listed words of 3+ letters
    each (``monthlycontractamt``).

    Examples
    --------
    >>> _compound("rptdate"), _compound("balance")
    (('rpt', 'date'), ('balance',))
    """
    if len(token) < 6 or not token.isascii() or not token.isalpha() or token in _EN \
            or (token.endswith("s") and token[:-1] in _EN):
        return (token,)
    for cut in range(len(token) - 2, 2, -1):
        head, tail = token[:cut], token[cut:]
        if head in _EN and tail in _EN:
            return head, tail
    for cut in range(len(token) - 6, 2, -1):
        head, rest = token[:cut], token[cut:]
        if head in _EN:
            for cut2 in range(len(rest) - 2, 2, -1):
                # (a last word of two letters only if it is a key's: systemloanid, customerloanno)
                if rest[:cut2] in _EN and rest[cut2:] in _EN \
                        and (len(rest) - cut2 > 2 or rest[cut2:] in ("id", "no", "nr")):
                    return head, rest[:cut2], rest[cut2:]
    return (token,)


def _latin_concepts(tok: str, pos: int, n: int, following: str = "") -> tuple[frozenset[str], bool]:
    """Concepts of one Latin token in its place (position ``pos`` of ``n``); ``(concepts, fuzzy)``."""
    if _WINDOW.match(tok):
        return frozenset({"WINDOW"}), False
    if _CODEBUCKET.match(tok):
        return frozenset({"CODEBUCKET"}), False
    if tok == "stat" and pos > 0 and (pos == n - 1 or (pos == n - 2 and following in ("cd", "code"))):
        return frozenset({"STATUS"}), False  # LOAN_STAT, OVD_STAT, ACCT_STAT_CD: a trailing stat is the status
    if tok == "prd" and following in ("nm", "name", "cd", "code", "typ", "type", "desc", "id"):
        return frozenset({"PRODUCT"}), False  # PRD_NM, PRD_CD: the product's name or code (CURR_OVRD_PRD is a period)
    if tok == "distr" and following in ("dt", "date", "amt", "amount"):
        return frozenset({"ORIGIN"}), False  # DISTR_DT, DISTR_AMT: the distribution (发放) date or amount, not a district
    if tok == "1" and pos == n - 1 and pos > 0:
        return frozenset({"QUAL"}), False  # SAP's Name 1, a "Phone 1": the first of several
    if len(tok) > 3 and tok.endswith("1") and tok[:-1] in _EN:
        return _EN[tok[:-1]], False  # SAP's NAME1, ADDR1
    if tok.isdigit():
        return frozenset(), False
    if pos == 0 and n > 1 and _FIELD_CODE.match(tok):
        return frozenset({"QUAL"}), False
    if tok == "#":
        return frozenset({"ID"}), False
    if tok in ("numberof", "number", "num", "nbr", "aantal", "anzahl") \
            and following in ("days", "day", "months", "month", "cycles", "monthsdelq", "emioverdue", "dagen", "tage"):
        return frozenset({"QUAL"}), False  # "Number of Days Past Due", "Number Months in Arrears": the days, the months
    if tok in ("number", "num", "nbr") and pos == 0 and n > 1:
        return frozenset({"COUNT"}), False  # "num_accounts", "number_of…": a count, not an identifier
    if tok == "name" and pos == 0 and n > 1 and following not in ("of", "on") and not following.isdigit():
        return frozenset({"QUAL"}), False  # Home Credit's NAME_CONTRACT_STATUS: a label prefix, not a name
    if tok == "on" and pos == n - 1 and pos > 0:
        return frozenset({"DATE"}), False  # "Disbursed On", "Opened On", "Due On": the day it happened
    if tok == "d" and pos == n - 1 and pos > 0:
        return frozenset({"DATE"}), False  # LendingClub's issue_d, last_pymnt_d
    if tok == "over" and following in ("days", "day", "amt", "amount", "bal", "prin", "principal", "stat", "status", "reason"):
        return frozenset({"DELQ"}), False  # OVER_DAYS, OVER_AMT: 逾期 in Chinese warehouses ("Over 90 Days" is a band)
    if tok == "inv" and pos == n - 1 and pos > 0:
        return frozenset({"FOREIGN"}), False  # LendingClub's funded_amnt_inv, out_prncp_inv: the investors' share
    return _latin_word(tok)


@lru_cache(maxsize=8192)
def _read_header(header: str) -> _Reading:
    """The concepts of a header (its unit removed), for the token patterns."""
    if len(header) > MAX_HEADER_CHARS:
        return _Reading(frozenset(), 1, 0, False)  # see MAX_HEADER_CHARS
    if len(_TIER_WORDS.findall(header)) >= 2:
        # "Asset Class (Std/Sub-Std/Doubtful/Loss)", "分类（正常/关注/次级）": the header lists the tiers
        return _Reading(frozenset({"BUCKET", "FIVETIER"}), 0, 0, False, frozenset({"BUCKET", "FIVETIER"}))
    # application, behaviour and collection scorecards: A卡 / B卡 / C卡评分 is a score, not a card's
    header = re.sub(r"(?<![A-Za-z])[ABCabc]卡(?=评分|得分|分数)", "", header)
    header = re.sub(r"(?<![A-Za-z])[ABCabc]卡分", "评分", header)  # A卡分: the scorecard's points, its score
    stem, _ = split_unit(header)
    # "2023年12月末余额": the month the figure is taken at, not what it is
    stem = re.sub(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月(?:末|底|份)?(?=\D)", "", stem)
    tokens = _tokens(_simplified(unicodedata.normalize("NFKC", stem)))
    if len(tokens) == 3 and tokens[:2] == ["sk", "id"] and tokens[2] in _SK_IDS:
        # Home Credit: SK_ID_CURR is the applicant, SK_ID_PREV / SK_ID_BUREAU a credit of theirs
        return _Reading(_SK_IDS[tokens[2]], 0, 0, False, frozenset({"ID"}))
    if "data" in tokens and any(t in _PT_WORDS for t in tokens):
        tokens = ["fecha_pt" if t == "data" else t for t in tokens]  # "Data Vencimento": Portuguese for date
    if any(t in ("state", "estado", "situacion", "stato") for t in tokens):
        others = set().union(*(_latin_word(t)[0] for t in tokens if t.isascii() and t not in ("state", "estado", "stato")))
        others |= set().union(*(c for t in tokens if not t.isascii() for _, c in _zh_words(t)))
        if others & {"LOAN", "ACCOUNT", "CONTRACT", "CARD", "CREDIT", "DELQ", "PAYMENT", "RECEIPT"} \
                and not others & {"ADDRESS", "REGION", "CUSTOMER"}:
            # "Loan State", "Estado del Crédito": the loan's state is its status, not a state of the country
            tokens = ["status" if t in ("state", "estado", "situacion", "stato") else t for t in tokens]
    if any(t in ("range", "band") for t in tokens) and any(_latin_word(t)[0] & {"SCORE"} for t in tokens if t.isascii()):
        # fico_range_low, CreditScoreRangeLower, APPL_FICO_BAND: a bound or band of the score is the score
        tokens = [t for t in tokens if t not in ("range", "band", "low", "lower", "high", "upper")]
    scored = [i for i, t in enumerate(tokens) if t.isascii() and "SCORE" in _latin_word(t)[0]]
    if scored and 0 < len(tokens) - 1 - scored[-1] <= 3 and max(len(t) for t in tokens[scored[-1] + 1:]) > 1 \
            and not any(_latin_word(t)[0] for t in tokens[scored[-1] + 1:] if not t.isdigit()):
        # CreditScoreEsMicroL, Score_V2: a score named after its model or vendor is the score (a
        # lone letter, CSCORE_C, says whose it is: read below)
        tokens = tokens[: scored[-1] + 1]
    if len(tokens) > 1 and tokens[-1] in ("desc", "descr", "description") and tokens[-2].isascii() \
            and _latin_word(tokens[-2])[0] & _LABELLED:
        # LoanStatusDescription, "Product Description": the label of the status or product (a
        # bare desc is a borrower's free text)
        tokens = tokens[:-1]
    if any(t in ("year", "yr") for t in tokens) and any(_latin_word(t)[0] & {"RATE"} for t in tokens if t.isascii()):
        # EXEC_YEAR_RATE: 执行年利率, the annual rate (LAST_YEAR_RATE is last year's: left as it was)
        tokens = ["annual" if t in ("year", "yr") and (i == 0 or tokens[i - 1] not in ("last", "prev", "previous", "prior"))
                  else t for i, t in enumerate(tokens)]
    if "exec" in tokens and any(_latin_word(t)[0] & {"RATE"} for t in tokens if t.isascii()):
        tokens = [t for t in tokens if t != "exec"]  # EXEC_INT_RAT: the executed rate (执行利率), not an executive
    if any("FIVETIER" in _latin_word(t)[0] for t in tokens if t.isascii()):
        # FIVE_LVL_CLS, FIVE_CLS_RSLT: the class word and the result (分类结果) of the five-tier class
        tokens = [t for t in tokens if t not in ("cls", "rslt", "result")]
    if len(tokens) > 1 and tokens[-1] in ("cnt", "count") and tokens[-2] in ("days", "day"):
        tokens = tokens[:-1]  # OVRD_DAYS_CNT: the days counted are the days, not a count of something
    if len(tokens) > 2 and tokens[-1] in ("cnt", "count") and tokens[-3] in ("days", "day") \
            and "DELQ" in _latin_word(tokens[-2])[0] and not any(t.isdigit() for t in tokens):
        tokens = tokens[:-1]  # "Days Delinquent Count" as well ("30 Days Late Count" is a count of times)
    if "prd" in tokens and any("DELQ" in _latin_word(t)[0] for t in tokens[: tokens.index("prd")] if t.isascii()):
        tokens = ["periods" if t == "prd" else t for t in tokens]  # CURR_OVRD_PRD: periods overdue (逾期期数)
    if "servicer" in tokens[:-1] and tokens[tokens.index("servicer") + 1] in ("loan", "ln", "account", "acct"):
        # "Servicer Loan Number": the loan's number at its servicer (the servicer's own name stays another party's)
        tokens = ["servicing" if t == "servicer" else t for t in tokens]
    if len(tokens) > 2 and tokens[0] in ("titular", "holder") and tokens[1] in ("del", "de", "do", "da", "of"):
        tokens = tokens[:1]  # "Titular del Préstamo", "Holder of the Account": the holder, i.e. the borrower
    if len(tokens) > 1 and tokens[-1] in ("name", "nm") and tokens[-2].isascii() \
            and _latin_word(tokens[-2])[0] & _LABELLED:
        tokens = tokens[:-1]  # "Aging Bucket Name", "Status Name": the label's text, not a person's name
    if any(_latin_word(t)[0] & {"SCORE", "SCORECARD"} for t in tokens if t.isascii()):
        # "Application Scorecard Score": the application scorecard's score (an application's number is not a score's)
        tokens = [t for t in tokens if t != "application"]
    if len(tokens) > 1 and tokens[-1] == "standing" and _latin_word(tokens[-2])[0] & _HOLDERS:
        tokens = tokens[:-1] + ["status"]  # "Account Standing", "Loan Standing": its status
    if "thirdparty" in tokens[:-1] and tokens[tokens.index("thirdparty") + 1] in ("originator", "origination"):
        tokens = ["tpo" if t == "thirdparty" else t for t in tokens if t not in ("originator", "origination")]
    if "monthly" in tokens and tokens[-1] in ("received", "collected", "paid", "made"):
        tokens = [t for t in tokens if t != "monthly"]  # "Monthly Payment Received": this month's payment made
    identity_number = any(a == "id" and b in ("number", "no", "num", "nbr", "nr") for a, b in zip(tokens, tokens[1:]))
    words: list[tuple[frozenset[str], int]] = []  # (concepts, length) per word, in order
    fuzzy = False
    for pos, tok in enumerate(tokens):
        if re.fullmatch(rf"[{_RUN_LETTERS}]+", tok):
            cut = _zh_words(tok)
            if any(not found for _, found in cut) and any(found for _, found in cut):
                fixed = "".join(word.translate(_ZH_TYPOS) if not found else word for word, found in cut)
                mended = _zh_words(fixed) if fixed != tok else cut
                if all(found for _, found in mended):
                    cut, fuzzy = mended, True  # 贷款余颔: a slip of 余额, read as a near spelling
            words.extend((found, len(word) + 1) for word, found in cut)
            continue
        if tok in ("b", "c") and pos == len(tokens) - 1 and pos > 0 and "score" in tokens[pos - 1]:
            # Fannie Mae CSCORE_B / CSCORE_C: the borrower's score, the co-borrower's
            words.append((frozenset({"QUAL" if tok == "b" else "FOREIGN"}), 1))
            continue
        found, was_fuzzy = _latin_concepts(tok, pos, len(tokens), tokens[pos + 1] if pos + 1 < len(tokens) else "")
        fuzzy = fuzzy or was_fuzzy
        words.append((found, len(tok) if not tok.isdigit() else 1))
    concepts: set[str] = set().union(*(w for w, _ in words)) if words else set()
    unknown = [i for i, (w, _) in enumerate(words) if not w]
    unknown_long = sum(1 for i in unknown if words[i][1] >= 3)
    unknown_short = len(unknown) - unknown_long
    known = [i for i, (w, _) in enumerate(words) if w and not w <= {"QUAL"}]
    head = words[known[-1]][0] if known else frozenset()
    # unknown words standing before the head qualify it ("Servicing Branch", "贷款投向行业");
    # after the head they may change what it is ("Branch Servicing", "余额调整")
    before_head = sum(1 for i in unknown if known and i < known[-1] and words[i][1] >= 3)
    # known words before the head that the field does not use qualify it too ("放款机构": the
    # lending branch); their concepts are listed so the scorer can charge them as qualifiers
    qualifiers = frozenset().union(*(words[i][0] for i in known[:-1])) - head if len(known) > 1 else frozenset()
    dated = [i for i, (w, _) in enumerate(words) if w & {"DATE", "REPORT"}]
    if known and words[known[-1]][0] & {"BAL", "AMT"} and dated and max(dated) < known[-1] \
            and words[dated[-1] + 1][0] - {"QUAL"}:
        # 封包日未偿本金余额: the balance at a date named before it (the date is not the column's value)
        concepts -= {"DATE", "REPORT"}
    if (_CURRENCY_NOTE.search(header) or _MORE_CURRENCY_NOTE.search(header)) \
            and concepts & {"DELQ", "OUT", "PRIN", "PAID", "DUE", "LIMIT", "BAL", "ORIGIN"}:
        concepts.add("AMT")  # "Arrears (RM)", "Overdue (AED)", "Loan Disbursed (Tk)": money, in that currency
    if _DAY_UNIT.search(header):
        concepts.add("DAYS")  # "Arrears (days)", "逾期(天)": the unit says what is counted
    if {"DOC", "CUSTOMER"} <= concepts and not concepts & (_HOLDERS - {"CUSTOMER", "RECEIPT"}):
        concepts -= {"DOC", "RECEIPT"}
        concepts.add("NATIONAL")  # "borrowerDocumentNumber": the borrower's identity document
    if identity_number and not concepts & (_HOLDERS - {"CUSTOMER"}):
        concepts.add("NATIONAL")  # "Borrower ID Number", "Customer ID No": the person's identity number
    if "NATIONAL" in concepts:
        concepts -= {"DOC", "RECEIPT"}  # "Doc Identidad", "ID document": the identity document
    if ({"DAYS", "DELQ"} <= concepts or "DPD" in concepts) and (concepts & {"REPORT", "DAYS"}):
        # "Days in Arrears at Cut-off Date", "DPD as on date", "Days Past Due Date": when the days are
        # counted, not a date ("DPD Date" alone stays a date)
        concepts -= {"DATE", "REPORT"}
    if {"DELQ", "REASON"} <= concepts and not concepts & {"AMT", "DATE", "DAYS"}:
        concepts.discard("PAYMENT")  # "Reason for Late Payment": why it is late (a payment's reason alone is not)
    if "asof" in tokens and tokens.index("asof") > 0 and concepts & {"BAL", "OUT", "AMT", "PRIN", "LIMIT", "DELQ", "STATUS"}:
        concepts -= {"DATE", "REPORT", "MONTH"}  # "Balance as on 31.03.2024", "POS as of date": the figure, at a date
    elif tokens and tokens[-1] == "asof" and concepts <= {"REPORT", "QUAL", "CURRENT", "BUCKET", "AGING"}:
        concepts.add("DATE")  # "Data As Of", "As Of", "Ageing as at": the date the data are as of
        concepts -= {"BUCKET", "AGING"}
    if "INTEREST" in concepts and "%" in header and not concepts & {"AMT", "BAL", "DELQ"}:
        concepts.add("RATE")  # "Interest %", "Int (%)": the rate
    if "IDENT" in concepts:
        concepts.discard("IDENT")
        if not concepts & (_HOLDERS - {"CUSTOMER"}) - {"QUAL"}:
            concepts.add("NATIONAL")  # "Identification Number", "Customer Identification No"
    if "AGING" in concepts and "DELQ" not in concepts and _MONTH_UNIT.search(header):
        # 贷款账龄（月）, "Aging (months)": the loan's age in months (months on book) as often as how
        # late it is; offered as the status, not applied
        concepts.add("MOB")
    if "AGING" in concepts:
        concepts.discard("AGING")
        if "DAYS" in concepts:
            concepts -= {"BUCKET"}
            concepts.add("DELQ")  # "Ageing Days", "账龄(天)": the days counted, i.e. the days past due
    if ("od" in tokens or "ovrd" in tokens) and "LIMIT" in concepts:
        concepts.discard("DELQ")  # "OD Limit", OVRD_LMT: an overdraft's limit (a limit is never overdue)
    if "CURRTERM" in concepts:
        concepts.discard("CURRTERM")
        # CURR_TERM_DUE_AMT: this instalment's amount due (本期应还); CURR_TERM_NO alone is which one
        concepts.add("QUAL" if concepts & {"DUE", "PAID", "PAYMENT", "INSTAL"} else "FOREIGN")
    if {"DAYS", "DELQ", "BUCKET"} <= concepts:
        concepts.discard("DAYS")  # 逾期天数分档: the band of the days past due, a status
    if "MONTH" in concepts and ("END" in concepts or "eom" in tokens) \
            and concepts & {"BAL", "OUT", "AMT", "PRIN", "DELQ", "LIMIT", "DPD"}:
        concepts -= {"MONTH", "END"}  # BAL_MTH_END: the balance at the month's end (月末余额)
    if {"DPD", "BUCKET"} <= concepts:
        concepts.discard("DPD")
        concepts.add("DELQ")  # "DPD Bucket": the bucket of the days, a status
    if re.search(r"[应实]还|[应实]缴", _simplified(stem)) and not concepts & {"DATE", "MONTH", "DAYS", "PERIODS", "TYPE"} \
            and "月" not in re.sub(r"本月|当月|上月|下月", "", _simplified(stem)):
        concepts.add("AMT")  # 本月应还, 本期实还: in Chinese what is due or paid is an amount unless a date is named
    if "TOTAL" in concepts and re.search(r"本期|本月|当期|当月", _simplified(stem)):
        concepts.discard("TOTAL")  # 本期实还_合计: this period's total, not a running one
    if "ORIG" in concepts:
        concepts.discard("OUT")  # "Original UPB": the outstanding at origination, i.e. the amount lent
    if {"FIRST", "LOAN"} <= concepts and not concepts & {"ORIGIN", "OPEN"}:
        concepts.add("HIST")  # 首次贷款日期: the borrower's first loan ever (首贷户), not this one's start
    if concepts & {"LOAN", "CREDIT"} and "BUCKET" in concepts \
            and any(t in ("clasificacion", "classificacao", "classification") for t in tokens):
        concepts.add("FIVETIER")  # "Clasificación del Crédito", as "Loan Classification": the regulator's class
    if "pi" in tokens and "PAYMENT" in concepts and "PAID" not in concepts:
        concepts.add("DUE")  # PIPmtAmt: the scheduled principal-and-interest payment
    elif "pi" in tokens and not concepts & {"PAID", "DELQ", "OUT", "BAL", "PRIN", "RECOVERY", "FOREIGN"}:
        concepts.add("DUE")  # "P&I Amount", "Monthly P&I": the scheduled instalment, as P&I payment is
    this_period = re.search(r"\b(?:this|current|curr)\s+(?:period|month|cycle)\b|\b[mc]td\b", header, re.I)
    if this_period and "payments" in tokens and not concepts & {"DUE", "MONTHLY", "INSTAL", "NEXT", "LAST", "COUNT",
                                                                "DELQ", "FIRST", "PERIODS", "DATE", "OUT"}:
        concepts.add("PAID")  # "Payments MTD", "Payments This Period": the payments made so far (bare "Payments" may be due)
    if this_period and "TOTAL" in concepts:
        concepts.discard("TOTAL")  # "Total Payments This Period": this period's total, not a running one
    if "assigned" in tokens and "USER" in concepts:
        concepts.add("OWNER")  # Mambu's assignedUserKey: the staff member the account is assigned to
    if "REGULATORY" in concepts:
        concepts.discard("REGULATORY")
        if concepts & {"BUCKET", "GRADE", "RISK"}:
            concepts.add("FIVETIER")  # "Regulatory Classification Code": the regulator's class (a bare word is nothing)
    if "risco" in tokens and concepts & {"BUCKET", "GRADE"}:
        # Brazil: a loan's risk level or class (Nível, Classificação de Risco) is its Res. 2682 rating, AA … H
        concepts -= {"RISK"}
        concepts.add("FIVETIER")
    if tokens in (["impayes"], ["arrieres"]):
        concepts.add("AMT")  # French "Impayés", "Arriérés" alone: the unpaid sums (jours d'impayé are days)
    if len(tokens) > 1 and tokens[-1] == "gross" and _latin_word(tokens[-2])[0] & {"ORIGIN", "BAL"}:
        concepts.add("AMT")  # SBA's DisbursementGross, BalanceGross: the gross amount disbursed, outstanding
    if _BAND.search(re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", " ", header)) and concepts & {"DAYS", "DPD", "DELQ"}:
        # "91+ Days Past Due", "31-60 DPD": one band of an aging table (its amount, or a flag), not the days
        concepts.add("BANDED")
    if "NUM" in concepts:
        concepts.discard("NUM")
        concepts.add("ID")  # "account number", "loan number": the identifier
    if "REPAY" in concepts:
        concepts.discard("REPAY")
        if concepts & {"OUT", "DUE"}:
            concepts.discard("PAID")  # to_repay_amt: still owed; should_repay_amt: due
    if "LEGAL" in concepts:
        concepts.discard("LEGAL")
        if "ID" in concepts:
            concepts.add("NATIONAL")  # T24's LEGAL.ID; "legal" alone is a stage or an action
    if "EXEC" in concepts:
        concepts.discard("EXEC")
        # 执行利率: the rate executed; 执行状态, 执行日期: a court's enforcement (unknown, as before)
        concepts.add("QUAL" if "RATE" in concepts else "ENFORCE")
    if "SCORECARD" in concepts:
        concepts.discard("SCORECARD")
        # 评分卡分数, 评分卡得分: the scorecard's score; 评分卡名称, 申请评分卡: which scorecard
        concepts.add("QUAL" if "SCORE" in concepts else "FOREIGN")
    if "REF" in concepts and concepts & _HOLDERS:
        concepts.add("ID")  # "Account Ref": the account's number; a bare "Reference" may be anything
    elif "REF" in concepts and concepts & {"PHONE", "NAME", "ADDRESS", "CONTACT"}:
        concepts.add("OTHERPARTY")  # "Reference Phone", "Reference Name": a personal reference's, not the borrower's
    return _Reading(frozenset(concepts), unknown_long, unknown_short, fuzzy, head, before_head, qualifiers)


# --------------------------------------------------------------------------------------------
# the fields as concept patterns


def _rule(patterns: str, allowed: str = "", forbidden: str = "") -> tuple[tuple[tuple[frozenset[str], float], ...], frozenset[str], frozenset[str]]:
    """``"BAL=.9 PRIN+OUT=.92"`` → ((frozenset, score), ...), allowed, forbidden."""
    parsed = []
    for item in patterns.split():
        req, score = item.split("=")
        parsed.append((frozenset(req.split("+")), float(score)))
    # the words of the field's other patterns never count against it ("Days Past Due (DPD)")
    own = frozenset().union(*(req for req, _ in parsed))
    return tuple(parsed), frozenset(allowed.split()) | own, frozenset(forbidden.split())


_AMOUNT_OK = "AMT CURRENT LOAN ACCOUNT CONTRACT RECEIPT CARD CUSTOMER INVOICE TOTAL END MONTHLY CREDIT"
_SEGMENT_OK = "ID NAME CODE CUSTOMER LOAN ACCOUNT CURRENT"

_RULES = {
    "account_id": _rule("ACCOUNT+ID=.92 LOAN+ID=.92 CONTRACT+ID=.92 RECEIPT+ID=.92 CARD+ID=.9 CUSTOMER+ID=.85 "
                        "INVOICE+ID=.88 LISTING+ID=.88 RECV+ID=.88 CREDIT+ID=.82 RECEIPT=.82 ACCOUNT=.8 ID=.78 CONTRACT=.78 "
                        "INVOICE=.7 REF=.6",  # a bare "Contrato", "Contract": its number
                        "ACCOUNT LOAN CONTRACT RECEIPT CARD CUSTOMER CURRENT CREDIT DOC ASSET RECV",
                        "NAME PHONE NATIONAL DATE MONTH AMT BAL BRANCH REGION PRODUCT TYPE OWNER INDUSTRY CHANNEL "
                        "STATUS DELQ DAYS PRIN LIMIT RATE SCORE PERIOD REPORT ADDRESS"),
    "snapshot_date": _rule("REPORT+DATE=.92 REPORT+MONTH=.92 REPORT+PERIOD=.92 MONTHLY+PERIOD=.88 MONTH+PERIOD=.88 "
                           "PERIOD=.82 MONTH=.8 DATE=.72 REPORT=.62 MONTHLY+REPORT=.85 BUSINESS+DATE=.7",
                           "CURRENT MONTHLY END ACCOUNT DATE MONTH",
                           "ORIGIN OPEN DUE PAYMENT PAID MATURITY EXPIRY AMT BAL PRIN DAYS DELQ LIMIT ORIG FIRST STATUS "
                           "RATE INTEREST SCORE NAME ID TYPE"),
    "days_past_due": _rule("DPD=.95 DAYS+DELQ=.93",
                           "CURRENT LOAN ACCOUNT TOTAL ID CREDIT PRIN INTEREST CARD CONTRACT RECEIPT DUE",
                           "AMT BAL STATUS BUCKET RATE MONTH PERIOD OPEN"),  # "Opening DPD": at the month's start
    # a receivable's, an invoice's or an instalment's 到期日 / vencimento is when it is due (a
    # loan's is its maturity: offered only)
    "due_date": _rule("DUE+DATE=.88 PAYMENT+DUE+DATE=.9 EXPIRY+PAYMENT+DATE=.88 EXPIRY+DATE=.6 RECV+EXPIRY+DATE=.86 "
                      "INVOICE+EXPIRY+DATE=.86 INSTAL+EXPIRY+DATE=.86 DELQ+ORIGIN+DATE=.82 DELQ+DATE=.8 PAYMENT+DATE=.6 DUE=.6",
                      "PAYMENT CURRENT LOAN ACCOUNT INSTAL ORIGIN INVOICE CONTRACT RECEIPT OUT RECV MONTHLY",
                      "AMT BAL PRIN DAYS MATURITY REPORT PAID TOTAL"),
    "status_label": _rule("STATUS=.82 DELQ+STATUS=.93 BUCKET=.9 DELQ+BUCKET=.93 DELQ=.6 STAGE=.65 DELQ+STAGE=.88 DELQ+TYPE=.85 "
                          "COLLECT+STAGE=.86 "  # "Collection Stage", as 催收阶段
                          "CODEBUCKET+STATUS=.6 DELQ+GRADE=.88 "
                          "DELQ+PERIODS=.9",
                          "LOAN ACCOUNT CURRENT CREDIT CARD PAYMENT PERIOD MONTH TYPE ID CONTRACT RECEIPT PERIODS COLLECT LISTING END",
                          # a risk band is a grade; a customer's class (客户分类) is not the loan's status
                          "DPD AMT BAL PRIN DATE NAME RATE SCORE REGION INTEREST RISK CUSTOMER"),
    "loan_class": _rule("FIVETIER=.95 FIVETIER+BUCKET=.95",
                        "LOAN ACCOUNT CURRENT CREDIT CONTRACT RECEIPT STATUS TYPE ID GRADE",  # 五级分类代码: the class's code
                        "DPD DAYS DELQ AMT BAL PRIN DATE NAME RATE SCORE REGION INTEREST"),
    "balance": _rule("BAL=.9 RECV+AMT=.85 RECV=.78 PRIN+OUT=.93 OUT+AMT=.88 OUT=.78 PRIN=.7 PRIN+BAL=.93 OUT+BAL=.93 OPEN+AMT=.8",
                     _AMOUNT_OK + " PRIN OUT DUE BAL OPEN REPORT PERIOD LAST",  # reportingPeriodActualEndBalanceAmount
                     # a mobile-money wallet's balance (M-Pesa Balance) is not the loan's
                     "DELQ ORIG ORIGIN LIMIT PAID PAYMENT INSTAL DAYS DPD DATE MONTH RATE STATUS NAME TYPE "
                     "SCORE INTEREST PHONE"),
    "credit_limit": _rule("LIMIT=.9 LIMIT+AMT=.92 CREDIT+LIMIT=.93 ORIG+AMT=.85 ORIG+PRIN=.86 ORIG+BAL=.84 "
                          "ORIGIN+AMT=.85 ORIGIN+PRIN=.84 ORIG+ORIGIN=.8 LOAN+AMT=.8 CONTRACT+AMT=.85 CREDIT+AMT=.76 RECEIPT+AMT=.8 "
                          "CONTRACT+PRIN=.84",  # 合同本金: the principal contracted, the amount lent
                          _AMOUNT_OK + " CREDIT ORIG ORIGIN PRIN NOTE",  # a US note's original amount
                          # a monthly amount is an instalment, never what was lent
                          "OUT DELQ PAID PAYMENT INSTAL DAYS DATE MONTH RATE STATUS DUE INTEREST ID MONTHLY"),
    "overdue_amount": _rule("DELQ+AMT=.9 DELQ+PRIN=.9 DELQ+BAL=.9 DELQ+OUT=.85 DELQ+TOTAL=.85 DELQ+RECV=.85 "  # total_overdue, 逾期应收
                            "DELQ+INSTAL=.82",  # Overdue EMI: the instalment amount past due
                            _AMOUNT_OK + " PRIN OUT BAL DUE",
                            "DAYS DPD DATE MONTH STATUS BUCKET RATE COUNT REASON INTEREST"),
    # a monthly amount (MONTHLYCONTRACTAMT) is the instalment
    "due_amount": _rule("DUE+AMT=.9 DUE+TOTAL=.7 MONTHLY+PAYMENT=.85 MONTHLY+AMT=.8 INSTAL=.82 INSTAL+AMT=.9 DUE+PRIN=.85 "
                        "PAYMENT+DUE=.75 INSTAL+PAYMENT=.85",
                        _AMOUNT_OK + " PRIN PAYMENT DUE REPORT PERIOD",  # reportingPeriodScheduledPaymentAmount
                        "DATE DAYS DELQ PAID OUT BAL RATE STATUS"),
    "paid_amount": _rule("PAID=.85 PAID+AMT=.9 PAID+PRIN=.86 PAYMENT+AMT=.7 PAYMENT=.65 PAID+PAYMENT=.88 PAID+INSTAL=.85",
                         _AMOUNT_OK.replace("TOTAL", "") + " PRIN PERIOD MONTH",  # a total paid is cumulative, not the month's
                         "DUE DATE DAYS DELQ OUT BAL RATE STATUS PLAN INTEREST MONTHLY"),  # an instalment paid is paid
    "overdue_reason": _rule("REASON=.85 DELQ+REASON=.95 NOTE=.55 DELQ+NOTE=.7 COLLECT+NOTE=.85",  # 催收记录
                            "DELQ LOAN ACCOUNT BUCKET TYPE DEFAULT ID", "AMT DATE DAYS"),  # a reason code is the reason
    "product": _rule("PRODUCT=.9 LOAN+TYPE=.82 CONTRACT+TYPE=.8 PRODUCT+TYPE=.92 CARD+TYPE=.82 CREDIT+TYPE=.8 GRADE=.6 "
                     "RECEIPT+TYPE=.8 ACCOUNT+TYPE=.8 "
                     "TYPE=.6",
                     _SEGMENT_OK + " TYPE CREDIT REPORT BUSINESS CONTRACT BUCKET",  # 产品分类: a product's category
                     "DATE AMT BAL DAYS STATUS CUSTOMER RATE NATIONAL DELQ"),
    "region": _rule("REGION=.9", _SEGMENT_OK + " ADDRESS FOREIGN TYPE BUCKET", "DATE AMT BAL DAYS BRANCH JOB"),  # 地区分类
    # 放款机构, 报送机构; EAST's and the credit bureau's 业务管理机构 (the branch managing the business)
    "branch": _rule("BRANCH=.9", _SEGMENT_OK + " REGION OWNER ORIGIN REPORT BUSINESS", "DATE AMT BAL DAYS"),
    "industry": _rule("INDUSTRY=.9", _SEGMENT_OK + " TYPE BUCKET", "DATE AMT BAL DAYS"),  # 行业分类
    "channel": _rule("CHANNEL=.9", _SEGMENT_OK + " ORIGIN ORIG TYPE", "DATE AMT BAL DAYS"),
    # a credit or loan officer (cán bộ tín dụng) handles the loans
    "owner": _rule("OWNER=.9", _SEGMENT_OK + " BRANCH COLLECT USER CREDIT", "DATE AMT BAL DAYS"),  # ACCT_MGR_USER_ID
    "origination_date": _rule("ORIGIN+DATE=.9 ORIGIN+MONTH=.88 OPEN+DATE=.9 ORIGIN=.72 OPEN+MONTH=.85 ORIG+DATE=.85 "
                              "LOAN+DATE=.78 LIMIT+DATE=.78 CONTRACT+DATE=.78",
                              "LOAN ACCOUNT CONTRACT CARD CREDIT RECEIPT FIRST",
                              "DELQ DUE PAYMENT PAID AMT BAL PRIN REPORT MATURITY EXPIRY SCORE RATE STATUS BUSINESS"),
    # the last pulled score is the current one; one taken when a pool was issued is the score too
    # a score's grade (评分等级) is its band, the score as the scorecard reports it
    # a collection score ranks who will pay once late: another model's (as fraud and propensity are), not the credit score
    "score": _rule("SCORE=.9", "CREDIT CUSTOMER CURRENT ORIG ORIGIN LOAN ACCOUNT BUREAU AMT LAST ISSUANCE GRADE",
                   "DATE BAL TYPE COLLECT"),
    "interest_rate": _rule("RATE=.78 INTEREST+RATE=.95 ANNUAL+RATE=.88 RATE+CURRENT=.85",
                           "INTEREST ANNUAL CURRENT LOAN CONTRACT NOTE ORIG CREDIT ACCOUNT CARD CUSTOMER LAST REPORT PERIOD",
                           "DELQ AMT BAL DATE DAYS MONTH MONTHLY"),
    "customer_name": _rule("NAME=.8 CUSTOMER+NAME=.95 ACCOUNT+NAME=.9 CUSTOMER=.78", "CUSTOMER ACCOUNT",
                           "BRANCH REGION PRODUCT OWNER INDUSTRY CHANNEL TYPE ID"),
    # a loan officer's or a handler's phone (经手人电话) is staff data, not the borrower's
    "phone": _rule("PHONE=.95 CONTACT+ID=.85 CONTACT=.6", "CUSTOMER ID NUM CURRENT", "FLAG OWNER"),
    "id_number": _rule("NATIONAL=.93 NATIONAL+ID=.95", "CUSTOMER ID", "TYPE DATE OWNER"),
}


def _token_score(reading: _Reading, field: str) -> float:
    """Best pattern score of ``field`` for a header reading; 0 when ruled out."""
    patterns, allowed, forbidden = _RULES[field]
    concepts = reading.concepts
    if concepts & forbidden or (concepts & _KILL) - allowed:
        return 0.0
    best = 0.0
    for required, score in patterns:
        if not required <= concepts:
            continue
        rest = concepts - required - allowed - _NEUTRAL
        unknown_factor = 0.6 ** reading.unknown_long
        rest_factor = 0.6 ** len(rest)
        if reading.head & required:
            # "Servicing Branch", "放款机构": qualifiers before the field's own word cost less
            unknown_factor = 0.85 ** reading.before_head * 0.6 ** (reading.unknown_long - reading.before_head)
            before = rest & reading.qualifiers
            rest_factor = 0.85 ** len(before) * 0.6 ** len(rest - before)
        s = score * rest_factor * unknown_factor * 0.85 ** reading.unknown_short
        best = max(best, s)
    return best


_EXCEL_ESCAPE = re.compile(r"_x000[dDaA9]_")


#: A header written in English and in Chinese, either order, the halves apart by a space or a slash.
_BILINGUAL = re.compile(r"([A-Za-z][A-Za-z .&'_-]*[A-Za-z.])\s*[/|]?\s*([\u3400-\u9fff][^A-Za-z]*)"
                        r"|([\u3400-\u9fff][^A-Za-z]*?)\s*[/|]?\s*([A-Za-z][A-Za-z .&'_-]*[A-Za-z.])")


#: The top level of a merged header that only names a section of the report (基本信息, 风险情况,
#: 资产质量, "Loan details"), joined to the column's own name by SUB_HEADER_JOIN.
_SECTION_LEVEL = re.compile(
    r"^\s*(?:[^-]{1,8}(?:信息|情况|概况|状况|资料|明细|数据|指标|要素)|资产质量|风险分类|"
    r"[A-Za-z ]{0,30}\b(?:info|information|details|data|section)\b)\s*-(?=.)", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _header_scores(header: str) -> tuple[tuple[str, float, str], ...]:
    """``(field, confidence, reason)`` from the header alone, best first.

    A merged header's section level (``还款信息-贷款余额``, ``资产质量-逾期-天数``) is read past when
    the column's own name says more without it; it stays where it is the context the name needs
    (``逾期信息-天数``).
    """
    scores = _scores_of_header(header)
    both = _BILINGUAL.fullmatch(header.strip())
    if both is not None:
        # "Sales Channel 銷售渠道", "逾期天数 Days Past Due": the same name in two languages, each
        # half's words counted twice against the whole; when the halves agree, that field
        halves = [_header_scores(part.strip()) for part in both.groups() if part]
        if all(halves) and halves[0][0][0] == halves[1][0][0] and (
                not scores or max(h[0][1] for h in halves) > scores[0][1]):
            return max(halves, key=lambda h: h[0][1])
    section = _SECTION_LEVEL.match(header)
    if section is None:
        return scores
    own = _header_scores(header[section.end():])
    return own if own and (not scores or own[0][1] > scores[0][1]) else scores


def _scores_of_header(header: str) -> tuple[tuple[str, float, str], ...]:
    """:func:`_header_scores` of the header as it stands."""
    if len(header) > MAX_HEADER_CHARS:
        return ()  # a page of text in a header cell names no field (and reading it costs seconds)
    # Excel writes a line break typed in a cell as "_x000D_" when a tool escapes it
    header = _simplified(_EXCEL_ESCAPE.sub(" ", header))
    undated = _DATE_STAMP_END.sub("", _DATE_STAMP_START.sub("", header))
    if undated != header and re.search(r"[^\W\d_]", undated):
        header = undated  # "余额（万元）2024年6月末", "截止2024年6月30日逾期天数": when, not what
    stem, _ = split_unit(header)
    key = normalise_header(stem)
    if key in _ROW_NUMBER or _OTHER_ACCOUNTS.match(header):
        return ()
    if key in _PINYIN:
        return ((_PINYIN[key], 0.88, "tokens"),)
    # "Balance %", "% by Balance": a share of the balance, never the money (or the days) itself
    share = _SHARE_SIGN.search(header) is not None
    for text in (header, stem):
        exact = SYNONYM_INDEX.get(normalise_header(text))
        if share and exact in _NOT_SHARES:
            break
        if exact and not (exact in _DATE_FIELDS and _DAY_UNIT.search(header)):
            # "账期(天)": a period counted in days is a credit term, not the month of the data
            return ((exact, 1.0, "exact"),)
    reading = _read_header(header)
    note = _TRAILING_NOTE.search(stem)
    if note and note.start() > 0 and not share:
        # "POS (Rs. in Lakhs)": a synonym with a note of units and qualifiers only is that synonym
        exact = SYNONYM_INDEX.get(normalise_header(stem[: note.start()]))
        # a number in the note is no word ("Due Date (Net 30)": payment terms of 30 days)
        said = _read_header(re.sub(r"\d+", " ", note.group(0)))
        if exact and said.concepts == _NEUTRAL and not said.unknown_long + said.unknown_short:
            return ((exact, 0.95, "tokens"),)
    if note and note.start() > 0:
        # "逾期天数（截至月末）": a note in brackets; read the name without it as well
        plain = _read_header(stem[: note.start()])
        # a note of words the reader does not know ("(21位)", "(M)") says nothing about the field either
        if len(plain.concepts) >= 1 and (plain.unknown_long < reading.unknown_long
                                         or (plain.concepts == reading.concepts
                                             and plain.unknown_short < reading.unknown_short)
                                         or _is_acronym_of(note.group(0), stem[: note.start()])
                                         or _AS_AT_NOTE.search(note.group(0))
                                         or _holder_note(note.group(0), stem[: note.start()])
                                         or _system_note(note.group(0), stem[: note.start()])
                                         or _party_note(note.group(0), stem[: note.start()])):
            if "FIVETIER" in _read_header(note.group(0)).concepts and plain.concepts & {"BUCKET", "GRADE", "STATUS"}:
                # "Classification (CBN Prudential)": the note says whose classes they are, the regulator's
                plain = _Reading(plain.concepts | {"FIVETIER"}, plain.unknown_long, plain.unknown_short, plain.fuzzy,
                                 plain.head, plain.before_head, plain.qualifiers)
            reading = plain
    scores = []
    permille = 0.6 if "‰" in header else 1.0  # a per-mille rate is read wrong as %
    # a recovery (回收) may be this month's repayment or an NPL sale's proceeds: offered, never applied
    permille *= 0.7 if "RECOVERY" in reading.concepts else 1.0
    for field in _RULES:
        s = _token_score(reading, field) * _weaker_factor(stem, field) * permille
        if s >= SUGGEST:
            scores.append((field, round(s * (0.92 if reading.fuzzy else 1.0), 3), "fuzzy" if reading.fuzzy else "tokens"))
    if not scores:
        fuzzy = _fuzzy_synonym(stem)
        if fuzzy is not None and not (reading.concepts & _KILL - _RULES[fuzzy[0]][1]):
            scores.append((fuzzy[0], fuzzy[1], "fuzzy"))
    if share:
        scores = [s for s in scores if s[0] not in _NOT_SHARES]
    return tuple(sorted(scores, key=lambda x: -x[1]))


_SHARE_SIGN = re.compile(r"[%％]")
#: The borrower's primary or secondary accounts at the credit bureau (L&T's PRI.CURRENT.BALANCE,
#: SEC.SANCTIONED.AMOUNT): other loans' figures, never this one's.
_OTHER_ACCOUNTS = re.compile(r"^(?:pri|sec)\.(?:no\.of|active|overdue|current|sanctioned|disbursed|instal)",
                             re.IGNORECASE)  # Pri.Outstanding alone is a principal's
#: A date stamp before or after the name: the day or month the figure was taken ("2024.6.30贷款余额",
#: "逾期本金（元）2024.6.30", "本金余额(万元)-2024Q2", "截止2024年6月30日逾期天数", "逾期本金_6月末").
#: A stamp followed by 初 (the start of a year or month) is not stripped: 2024年初余额 is history; nor is
#: a bare year (2023年末余额 beside 2024年6月末余额 is last year's).
_STAMP = (r"(?:截[至止]到?\s*)?(?:\d{4}\s*(?:年|[-./])\s*(?:\d{1,2}\s*月?|第?[一二三四1-4]\s*季度?|[上下]半年)"
          r"(?:\s*[-./]?\s*\d{1,2}\s*日?)?|\d{4}\s*q[1-4]"
          r"|\d{1,2}\s*月\s*(?=末|底|份)|\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:末|底|份)?(?!初)")
_DATE_STAMP_START = re.compile(r"^\s*" + _STAMP + r"[\s_\-:：]*", re.IGNORECASE)
_DATE_STAMP_END = re.compile(r"[\s_\-–—/]*[(（\[]?\s*" + _STAMP + r"\s*[)）\]]?\s*$", re.IGNORECASE)
#: Fields a percentage cannot be: the money columns and the days past due.
_NOT_SHARES = frozenset(AMOUNT_COLUMNS) | {"days_past_due"}


#: Chinese banks' systems and regulatory tables named in a note after a header: EAST (the
#: regulator's inspection tables), the core and credit systems (CMS, ECIF, ODS, EDW, 1104 and its
#: forms G01 … S67). Listed by name: other capitals in a note (HIS, PRE, YTD) are abbreviations
#: that do change the figure (history, previous, year to date).
_SYSTEM_NOTES = re.compile(r"^(?:east|cms|ecif|ods|edw|cbs|crms|lms|icms|1104|[gs]\d{2}(?:_\d+)?)$")
_NOTE_WORDS = re.compile(r"^\s*[(（\[【]\s*([A-Za-z0-9_]+)\s*(?:口径|报表|系统|表)?\s*[)）\]】]\s*$")


def _holder_note(note: str, name: str) -> bool:
    """``Days Overdue (Oldest Invoice)``, ``Behavior Score (Current)``: a note naming only what the
    figure belongs to (an invoice, the loan, the current one) leaves the name's field as it is."""
    said = _read_header(note)
    rest = said.concepts - _NEUTRAL - {"CURRENT"}
    # (a note of qualifiers only, a currency's "(Tk)", is left to the rules above: it may say money)
    # ("Name (Invoice)": whose name it is may change, so a name keeps its note)
    return bool(said.concepts - _NEUTRAL) and rest <= _HOLDERS and not said.unknown_long + said.unknown_short \
        and "NAME" not in _read_header(name).concepts


#: Parties that number a loan in their own books: a note naming one after a loan's number says
#: whose numbering it is ("Loan Number (Servicer)", "Account ID (Originator)").
_NUMBERING_PARTIES = frozenset({"servicer", "originator", "lender", "issuer", "seller", "bank", "trustee", "investor"})


def _party_note(note: str, name: str) -> bool:
    """``Loan Number (Servicer)``: a loan's or an account's number as one party keeps it, still the
    loan's number (a name, phone or address with such a note stays that party's)."""
    words = [w for w in _tokens(note) if w not in ("the", "of", "by", "per")]
    plain = _read_header(name).concepts
    return bool(words) and all(w in _NUMBERING_PARTIES for w in words) and "ID" in plain \
        and bool(plain & (_HOLDERS - {"CUSTOMER"})) and not plain & {"NAME", "PHONE", "ADDRESS", "NATIONAL"}


def _system_note(note: str, name: str) -> bool:
    """``贷款五级形态（EAST）``, ``借据余额（CMS口径）``: a Chinese name with the system or report it comes
    from, which says nothing about the field (its letters would otherwise be read as an
    abbreviation: "EAST" as earliest, a history word)."""
    found = _NOTE_WORDS.match(note)
    return bool(found) and re.search(rf"[{_RUN_LETTERS}]", name) is not None \
        and _SYSTEM_NOTES.match(found.group(1).lower()) is not None


def _is_acronym_of(note: str, name: str) -> bool:
    """``(ULI)`` after "Universal Loan Identifier": the name's initials again, which say nothing more."""
    letters = re.sub(r"[^A-Za-z]", "", note)
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", _CAMEL.sub(" ", name))).lower()
    return 2 <= len(letters) <= 6 and letters.isupper() and _is_subsequence(letters.lower(), initials)


_SYNONYM_KEYS = sorted(SYNONYM_INDEX)


def _fuzzy_synonym(header: str) -> tuple[str, float] | None:
    """A near spelling of a known synonym (``outstandng_balance``): ratio 88 → 0.5, 100 → 0.8."""
    key = normalise_header(header)
    if len(key) < 4:
        return None
    from rapidfuzz import fuzz, process  # lazy: only headers nothing else explains need it

    hit = process.extractOne(key, _SYNONYM_KEYS, scorer=fuzz.ratio, score_cutoff=88)
    if hit is None:
        return None
    return SYNONYM_INDEX[hit[0]], round(0.5 + (hit[1] - 88) / 12 * 0.3, 3)


def header_field(header: object) -> tuple[str, float, str] | None:
    """The field a header names by itself: ``(field, confidence, reason)``, or ``None``.

    Examples
    --------
    >>> header_field("Outstanding Principal")[:2]
    ('balance', 0.93)
    >>> header_field("所属分行")[:2]
    ('branch', 0.9)
    >>> header_field("annual_inc") is None
    True
    """
    scores = _header_scores(str(header))
    return scores[0] if scores else None


#: Pinyin initials that Chinese data warehouses name columns with (贷款余额 → DKYE), for the
#: common headers whose initials no other header shares (还款日期 and 已还/应还金额 are left out).
_PINYIN = {
    "jjh": "account_id", "jjbh": "account_id", "htbh": "account_id", "hth": "account_id", "dkbh": "account_id",
    "dkzh": "account_id", "khbh": "account_id", "zhh": "account_id",
    "sjrq": "snapshot_date", "tjrq": "snapshot_date", "bbrq": "snapshot_date", "tjyf": "snapshot_date",
    "sjyf": "snapshot_date", "yqts": "days_past_due", "dqyqts": "days_past_due", "yhrq": "due_date",
    "yqzt": "status_label", "yqqs": "status_label", "wjfl": "loan_class", "fxfl": "loan_class",
    "dkye": "balance", "bjye": "balance", "sxed": "credit_limit", "htje": "credit_limit", "fkje": "credit_limit",
    "ffje": "credit_limit", "jjje": "credit_limit", "yqje": "overdue_amount", "yqbj": "overdue_amount",
    "yqbx": "overdue_amount", "jjye": "balance",
    "bqyh": "due_amount", "shje": "paid_amount", "yqyy": "overdue_reason", "cpmc": "product", "cplx": "product",
    "ssqy": "region", "jgh": "branch", "jgmc": "branch", "ssjg": "branch", "sshy": "industry", "hylx": "industry",
    "jgdm": "branch", "qdmc": "channel", "hyfl": "industry", "dkpz": "product", "khjl": "owner", "ffrq": "origination_date", "fkrq": "origination_date", "qxr": "origination_date",
    "khrq": "origination_date", "zxll": "interest_rate", "dkll": "interest_rate", "htll": "interest_rate",
    "khmc": "customer_name", "khxm": "customer_name",
    "sjhm": "phone", "lxdh": "phone", "zjhm": "id_number", "sfzh": "id_number", "dkzt": "status_label",
    # 产品代码, 行业门类 / 行业代码, 借款人姓名 / 名称, 逾期本金金额, 贷款发放日期, 账户状态
    "cpdm": "product", "hyml": "industry", "hydm": "industry", "jkrxm": "customer_name", "jkrmc": "customer_name",
    "yqbjje": "overdue_amount", "dkffrq": "origination_date", "zhzt": "status_label",
}

#: Longest header read for its words: a column name is a few words; a header cell of a million
#: characters (a hostile workbook) would hold the server for minutes.
MAX_HEADER_CHARS = 200

#: Row numbers, not keys: "No.", "#", "S/N", "Sr No".
_ROW_NUMBER = frozenset({"no", "no.", "#", "sn", "s/n", "srno", "sr.no", "sr.no.", "slno", "sl.no", "sl.no.", "sno",
                         "s.no", "s.no.", "rowno", "row"})


# --------------------------------------------------------------------------------------------
# the values


@dataclass(frozen=True)
class _Profile:
    """Shares of a column's sampled non-blank cells by kind."""

    n: int
    distinct: int
    numeric: float
    integer: float
    decimals: float
    negative: float
    monthlike: float
    relmonth: bool
    text: float
    phone: float
    idnum: float
    status: float
    max_int: int = 0
    #: every numeric cell is 0 or 1 (written 0, 1, 0.0 or 1.0): a flag or a count of one thing
    zero_one: bool = False
    #: share of cells that are a five-tier class (正常, 关注二级, Substandard …): a bank's 五级分类
    five_tier: float = 0.0
    #: distinct written values that are a five-tier class, and those that are not
    class_words: int = 0
    other_words: int = 0


_MONTH_TEXT = re.compile(
    r"^(?:\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?\s*月?(?:[ T].*)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?:[ T].*)?"
    r"|(?:\d{1,2}[-\s/]*)?[A-Za-z]{3,9}\.?[-\s/,]*(?:\d{4}|\d{2})|\d{4}[-\s/]*[A-Za-z]{3,9}"
    r"|\d{4}\s*q[1-4])$", re.IGNORECASE)
_MONTH_NAMES = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                "january", "february", "march", "april", "june", "july", "august", "september", "october",
                "november", "december"}
_NUMBER = re.compile(r"^[-+(]?[¥$€£]?\s*[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:%|万|亿|千|元|天|日)?\)?-?$")
_PHONE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d(?:\d{8}|\*{4}\d{4})$|^09\d{2}-?\d{3}-?\d{3}$|^0\d{2,3}-?\d{7,8}$|^\(?\d{3}\)?[- .]?\d{3}[- .]?\d{4}$")
_IDNUM = re.compile(r"^\d{6}(?:\d{8}|\*{8})\d{3}[\dXx]$|^\d{15}$|^\d{3}-\d{2}-\d{4}$")
_STATUS = re.compile(
    r"^(?:m\d+\+?|[cx]|正常|关注|次级|可疑|损失|current|paid|fully paid|charged off|default|late.*|in grace period|"
    r"\d+\s*[-~至到]\s*\d+\s*天?|\d+\s*\+|\d+\s*天以上|ra|xx|结清|核销|逾期.*|呆账|stage\s*\d)$", re.IGNORECASE)
_SAMPLE = 60
#: Days written in words around them (``逾期45天``, ``已逾期 5 天``): a DPD cell.
_WORDED_DAYS = re.compile(r"(?:已逾期|逾期|超期|拖欠|欠款)\s*(\d{1,5})\s*(?:天|日)?")
#: A number with some digits masked (``138****1234``, ``4401**********1234``, ``XXXXXX1234``):
#: exports of personal data are masked; the mask keeps the length, so the length tells which number.
_MASKED = re.compile(r"^\+?[\d\s\-()]*(?:[*×#•]+|[xX]{3,})[\d\s\-()*×#•xX]*$")


def _kind(value: object) -> str:
    """One cell's kind: month, number, int, phone, idnum, status, text (blank: '')."""
    if isinstance(value, str):
        return _text_kind(value)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "strftime"):
        return "month"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        # a phone or an ID number read as a number (13812345678, 110101199001011234): by its digits
        return _text_kind(str(int(value))) if abs(int(value)) >= 10**9 else _int_kind(int(value))
    if isinstance(value, (float, np.floating)):
        if not float(value).is_integer():
            # 2024.01 … 2024.12: a month typed as a number in Excel (a column of them is months)
            return "dotmonth" if 1900 < value < 2201 and 1 <= _dot_month(float(value)) <= 12 else "number"
        return _text_kind(str(int(value))) if abs(value) >= 10**9 else _int_kind(int(value))
    return _text_kind(str(value))


def _dot_month(value: float) -> int:
    """The month of ``2024.01`` / ``2024.1`` / ``2024.12`` read either way (1-12, else 0)."""
    f = round((value - np.floor(value)) * 100)
    return f if 1 <= f <= 12 else (f // 10 if f % 10 == 0 else 0)


@lru_cache(maxsize=65536)
def _text_kind(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).strip()
    if not text or text.lower() in ("nan", "null", "none", "-", "--", "—", "n/a", "na"):
        return ""
    if re.fullmatch(r"[-+]?\d+", text):
        if _PHONE.match(text):
            return "phone"
        if _IDNUM.match(text):
            return "idnum"
        return _int_kind(int(text)) if len(text) < 16 else "idlike"
    if _PHONE.match(text):
        return "phone"
    if _IDNUM.match(text):
        return "idnum"
    if _NUMBER.match(text):
        return "number" if "." in text else "int"
    days = _WORDED_DAYS.fullmatch(text)
    if days:  # 逾期45天: days, as parse_dpd reads them (not the status 逾期)
        return _int_kind(int(days.group(1)))
    masked = _masked_kind(text)
    if masked:
        return masked
    if _MONTH_TEXT.match(text):
        letters = re.findall(r"[A-Za-z]+", text)
        if all(w.lower() in _MONTH_NAMES or w.lower() in ("t", "q") for w in letters):
            return "month"
    if _STATUS.match(text):
        return "status"
    return "text"


def _masked_kind(text: str) -> str:
    """``phone`` or ``idnum`` for a masked number by its length (7–13 or 15–18 places), else ``''``."""
    if not _MASKED.match(text):
        return ""
    places = re.sub(r"[\s\-()+]", "", text)
    if sum(ch.isdigit() for ch in places) < 2:
        return ""
    if 7 <= len(places) <= 13:
        return "phone"
    if 15 <= len(places) <= 18:
        return "idnum"
    return ""


def _int_kind(v: int) -> str:
    """An integer that is also a valid ``YYYYMM`` / ``YYYYMMDD`` / ``MMYYYY`` reads as a month."""
    s = str(v)
    if len(s) == 6 and 1950 <= v // 100 <= 2100 and 1 <= v % 100 <= 12:
        return "intmonth"
    if len(s) == 8 and 1950 <= v // 10000 <= 2100 and 1 <= (v // 100) % 100 <= 12 and 1 <= v % 100 <= 31:
        return "intmonth"
    if len(s) in (5, 6) and 1 <= v // 10000 <= 12 and 1990 <= v % 10000 <= 2100:
        return "intmonth"  # MMYYYY written as a number: 32024, 122024 (the leading zero lost)
    return "negint" if v < 0 else "int"


def _profile(values: pd.Series | list) -> _Profile | None:
    """Kinds of the first non-blank cells of a column (``None`` when it has none)."""
    if isinstance(values, pd.Series):
        sample = values.head(_SAMPLE)
        if pd.api.types.is_datetime64_any_dtype(sample.dtype):
            n = int(sample.notna().sum())
            return _Profile(n, n, 0, 0, 0, 0, 1.0, False, 0, 0, 0, 0) if n else None
        values = sample.tolist()
    kinds: Counter = Counter()
    ints: list[int] = []
    seen: set = set()
    zero_one = True
    classes = 0
    words: set[str] = set()
    for v in values:
        k = _kind(v)
        if not k:
            continue
        kinds[k] += 1
        if k in ("status", "text"):
            classes += _is_class(str(v))
            words.add(str(v).strip())
        if zero_one and k in ("int", "number"):
            zero_one = str(v).strip() in ("0", "1", "0.0", "1.0", "0.00", "1.00") or v in (0, 1)
        seen.add(v if not isinstance(v, float) else round(v, 6))
        if k in ("int", "negint"):
            try:
                ints.append(int(float(str(v).replace(",", ""))))
            except ValueError:
                pass
    n = sum(kinds.values())
    if n == 0:
        return None
    share = {k: c / n for k, c in kinds.items()}
    integer = share.get("int", 0) + share.get("negint", 0)
    numeric = integer + share.get("number", 0) + share.get("intmonth", 0)
    distinct = len(seen)
    relmonth = (integer >= 0.95 and bool(ints) and max(ints) <= 0 and min(ints) >= -240 and len(set(ints)) >= 2)
    monthlike = share.get("month", 0) + (share.get("intmonth", 0) if distinct <= 120 else 0)
    dotted = share.get("dotmonth", 0)
    # a column that is all 2024.01-like numbers over a few values is months; else they are amounts
    dotted_months = dotted >= 0.95 and distinct <= 120
    monthlike += dotted if dotted_months else 0
    numeric += dotted
    decimals = share.get("number", 0) + (0 if dotted_months else dotted)
    return _Profile(
        n=n, distinct=distinct, numeric=numeric, integer=integer, decimals=decimals,
        negative=share.get("negint", 0), monthlike=monthlike, relmonth=relmonth,
        text=share.get("text", 0), phone=share.get("phone", 0),
        idnum=share.get("idnum", 0) + share.get("idlike", 0) * 0.5, status=share.get("status", 0),
        max_int=max(ints, default=0), zero_one=zero_one and numeric >= 0.9, five_tier=classes / n,
        class_words=sum(map(_is_class, words)), other_words=sum(not _is_class(w) for w in words),
    )


@lru_cache(maxsize=65536)
def _is_class(text: str) -> bool:
    return loan_class_key(text) is not None


def _five_tier_values(p: _Profile | None) -> bool:
    """The column holds a bank's five-tier classes (正常/关注/次级/可疑/损失, 正常类, Pass … Loss).

    By the cells *and* by the distinct values: a status column is mostly 正常 too (正常 / 个性化分期,
    正常 / 逾期 / 结清), so at least two classes and nearly no other word; a column of 正常 alone
    is left to its header.
    """
    if p is None or p.n < 2 or p.five_tier < 0.8 or p.class_words < 2:
        return False
    return p.other_words <= 0.2 * (p.class_words + p.other_words)


def _tier_codes(header: str, p: _Profile | None) -> bool:
    """Codes 1–5 (``01``–``05``) under a header naming the five-tier classification: the tiers."""
    return p is not None and bool(FIVE_TIER_HEADER.search(unicodedata.normalize("NFKC", header))) \
        and p.integer >= 0.95 and p.negative == 0 and 1 <= p.max_int <= 5 and not (p.zero_one and p.distinct >= 2)


_AMOUNT_FIELDS = frozenset(AMOUNT_COLUMNS)
_SEGMENT_FIELDS = frozenset({"product", "region", "branch", "industry", "channel", "owner"})


def _value_factor(field: str, p: _Profile | None, exact: bool = False) -> float:
    """How the values sit with a field: 1 fits, 0 contradicts, in between doubtful.

    A header that is an exact synonym is stronger evidence than a few odd cells: then only a
    column that is almost wholly of the wrong kind contradicts it (the validation report lists
    the odd cells), and doubt does not lower it.
    """
    if p is None:
        return 1.0
    if exact:
        return 0.0 if _overwhelmingly_wrong(field, p) else 1.0
    words = p.text + p.status
    if field == "account_id":
        if p.monthlike >= 0.9 or p.decimals >= 0.5:
            return 0.0
        return 1.0
    if field == "snapshot_date":
        if p.monthlike >= 0.8 or p.relmonth:
            return 1.0
        return 0.0 if (p.numeric >= 0.8 or words >= 0.5) else 0.6
    if field in ("due_date", "origination_date"):
        if p.monthlike >= 0.8:
            return 1.0
        return 0.0 if (p.numeric >= 0.8 or words >= 0.5) else 0.6
    if field == "days_past_due":
        if p.status >= 0.3 or p.text >= 0.3 or p.decimals >= 0.3 or p.monthlike >= 0.5:
            return 0.0
        return 1.0 if p.integer >= 0.8 and p.negative <= 0.2 else 0.7
    if field == "status_label":
        if p.monthlike >= 0.8 or p.decimals >= 0.5:
            return 0.0
        return 1.0
    if field == "loan_class":
        if p.monthlike >= 0.8 or p.numeric >= 0.8:
            return 0.0
        return 1.0 if p.five_tier >= 0.5 else 0.7
    if field in _AMOUNT_FIELDS or field in ("score", "interest_rate"):
        if p.monthlike >= 0.8 or words >= 0.3:
            return 0.0
        return 1.0 if p.numeric >= 0.8 else 0.7
    if field in _SEGMENT_FIELDS:
        if p.monthlike >= 0.8 or p.decimals >= 0.5:
            return 0.0
        return 1.0
    if field == "customer_name":
        return 0.0 if (p.numeric >= 0.8 or p.monthlike >= 0.8) else 1.0
    if field == "phone":
        if p.phone >= 0.5:
            return 1.0
        return 0.0 if (words >= 0.5 or p.monthlike >= 0.5 or p.decimals >= 0.3) else 0.7
    if field == "id_number":
        if p.idnum >= 0.5:
            return 1.0
        return 0.0 if (p.monthlike >= 0.5 or p.decimals >= 0.3) else 0.7
    if field == "overdue_reason":
        return 0.0 if p.monthlike >= 0.8 else (0.6 if p.numeric >= 0.8 else 1.0)
    return 1.0


def _overwhelmingly_wrong(field: str, p: _Profile) -> bool:
    """Nine in ten cells of another recognisable kind: months as a balance or as DPD, money as a date.

    Text that is no value at all (``abc``, ``待核实``) does not count: the column is still the
    one the header names, and validation says precisely which cells are wrong.
    """
    if field == "days_past_due":
        return p.monthlike >= 0.9 or p.decimals >= 0.9 or p.status >= 0.5
    if field in _AMOUNT_FIELDS or field in ("score", "interest_rate"):
        return p.monthlike >= 0.9
    if field in ("snapshot_date", "due_date", "origination_date"):
        return p.monthlike == 0 and not p.relmonth and p.decimals >= 0.9
    if field in ("phone", "id_number"):
        return p.phone + p.idnum == 0 and p.text >= 0.9  # "telephone: yes/none" is a flag, not a number
    if field == "loan_class":
        return p.monthlike >= 0.9 or p.numeric >= 0.9
    return False


def _values_only(p: _Profile | None) -> list[tuple[str, float]]:
    """Fields an unnamed column's values point at, at low confidence (offered, never applied)."""
    if p is None or p.n < 3:
        return []
    out = []
    if p.phone >= 0.9:
        out.append(("phone", 0.6))
    if p.idnum >= 0.9:
        out.append(("id_number", 0.6))
    if p.monthlike >= 0.95 and p.distinct <= 60:
        out.append(("snapshot_date", 0.5))
    return out


# --------------------------------------------------------------------------------------------
# the whole file


def _profiles(frame: pd.DataFrame, positions: list[int]) -> dict[int, _Profile | None]:
    """Profiles of the columns at ``positions`` from the first rows, converted in one go."""
    if not positions or frame.empty:
        return {}
    head = frame.iloc[:_SAMPLE, positions]
    out: dict[int, _Profile | None] = {}
    try:
        table = pa.Table.from_pandas(head, preserve_index=False)
        lists = [table.column(j).to_pylist() for j in range(table.num_columns)]
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        lists = [head.iloc[:, j].tolist() for j in range(len(positions))]  # mixed cells from a workbook
    for j, index in enumerate(positions):
        if pd.api.types.is_datetime64_any_dtype(head.dtypes.iloc[j]):
            out[index] = _profile(head.iloc[:, j])
        else:
            out[index] = _profile(lists[j])
    return out


def _series_headers(headers: list[str]) -> set[str]:
    """Headers that are one of a numbered series (``PAY_0 … PAY_6``, ``2024-01余额``, ``2024-02余额``).

    Such columns are months (or instalments) of one field: the wide-layout step reads them,
    the one-column mapping must not take one of them.
    """
    groups: dict[str, list[str]] = {}
    for h in headers:
        if re.search(r"\d", h):
            groups.setdefault(re.sub(r"[\d\s_\-./年月日]+", "", normalise_header(h)), []).append(h)
    return {h for hs in groups.values() if len(hs) >= 2 for h in hs}


_REASON_RANK = {r: i for i, r in enumerate(REASONS)}


def recognise_columns(raw: RawTable) -> list[Suggestion]:
    """Every column's best field with a confidence and reason; two columns never share a field.

    Parameters
    ----------
    raw : RawTable
        The file as read (headers and a sample of the first rows are looked at).

    Returns
    -------
    list of Suggestion
        In the file's column order; columns without a field are left out. Suggestions with
        ``confidence >= CONFIDENT`` are safe to apply; the others are to be offered.

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> raw = read_table(b"Loan ID,Reporting Month,Days Delinquent,Outstanding Principal\\nA,2024-01,0,1.5\\n", "a.csv")
    >>> [(s.field, s.header, s.reason) for s in recognise_columns(raw)]
    [('account_id', 'Loan ID', 'exact'), ('snapshot_date', 'Reporting Month', 'tokens'), ('days_past_due', 'Days Delinquent', 'tokens'), ('balance', 'Outstanding Principal', 'tokens')]
    """
    headers = [str(c) for c in raw.frame.columns]
    series = _series_headers(headers)
    # the file-name column the app adds to monthly files read together is no column of theirs
    # (来源文件 read as a channel, 来源 being one, made every file name a segment on one click)
    scored = {i: _header_scores(h) for i, h in enumerate(headers) if h not in series and h != FILE_COLUMN}
    # Values are read only where they can decide something: a candidate to confirm, or a header
    # that says nothing known (a header naming income or a flag is not offered on its values).
    wanted = [i for i, sc in scored.items() if sc or not _read_header(headers[i]).concepts]
    profiles = _profiles(raw.frame, wanted)
    candidates: list[tuple[float, int, int, str, str]] = []
    for index in wanted:
        profile = profiles.get(index)
        for field, conf, reason in scored[index]:
            if field == "status_label" and _day_counts(headers[index], profile):
                field = "days_past_due"  # "账龄" holding 45, 120, 370: the days themselves, not a bucket
            if field == "status_label" and _five_tier_values(profile):
                # "逾期状态" holding 正常/关注/次级: the bank's own classification, not a delinquency
                # status (its DPD would be a guess; the class is the figure the bank reports)
                field, reason = "loan_class", "values"
            elif field == "loan_class" and not _five_tier_values(profile) and profile is not None \
                    and profile.status >= 0.5 and profile.five_tier < 0.5:
                field, reason = "status_label", "values"  # "风险分类" holding M1, M2: a delinquency status
            if field == "loan_class" and _tier_codes(headers[index], profile):
                final = round(conf, 3)  # 五级分类 holding 1–5: the tiers by their regulatory codes
            else:
                final = round(conf * _value_factor(field, profile, exact=reason == "exact"), 3)
            if final >= SUGGEST:
                candidates.append((final, _REASON_RANK[reason], index, field, reason))
            elif field == "days_past_due" and profile is not None and profile.status >= 0.5:
                # "逾期天数" holding M1, M2, C: the delinquency is there, as status codes
                candidates.append((round(conf * 0.9, 3), _REASON_RANK["values"], index, "status_label", "values"))
        if _five_tier_values(profile) and not any(f in ("status_label", "loan_class") for f, _, _ in scored[index]):
            # a column of 正常/关注/次级/可疑/损失 under a header that does not say so ("监管口径")
            candidates.append((0.8, _REASON_RANK["values"], index, "loan_class", "values"))
        if not scored[index]:
            for field, conf in _values_only(profile):
                candidates.append((conf, _REASON_RANK["values"], index, field, "values"))
        candidates.extend((conf, _REASON_RANK["values"], index, field, "values")
                          for field, conf in _bare_delinquency(headers[index], profile))
    candidates = _customer_ids_offered(candidates, headers)
    candidates = _coarser_ids_offered(candidates, profiles)
    candidates = _invoice_due_dates(candidates, headers)
    candidates = _aging_beside_due_dates(candidates, headers)
    candidates = _invoice_dates_not_snapshots(candidates, headers)
    candidates = _payments_beside_instalments(candidates, headers)
    candidates = _bureau_aggregates_offered(candidates, headers)
    candidates = _principal_before_totals(candidates, headers)
    candidates = _amounts_lent_offered(candidates, headers)
    candidates = _siblings_offered(candidates, headers, raw.header_groups)
    candidates = _lone_month_by_values(candidates, profiles)
    # Most confident first; on a tie the current figure before the original one (``Current
    # Interest Rate`` before ``Original Interest Rate``), the more direct reason, the column further left.
    # A loan's amount is the one first lent (InitialApprovalAmount, not CurrentApprovalAmount); a
    # card's limit is the one now.
    current = {i for i, h in enumerate(headers) if "CURRENT" in _read_header(_simplified(h)).concepts}
    # A score at origination is the one published files fill (the current one is often blank).
    limits = {i for i in current if re.search(r"limit|额度", headers[i], re.IGNORECASE)}
    preferred = {"credit_limit": limits, "score": set()}
    candidates.sort(key=lambda c: (-c[0], c[2] not in preferred.get(c[3], current), c[1], c[2]))
    taken_fields: set[str] = set()
    taken_columns: set[int] = set()
    chosen: list[tuple[int, Suggestion]] = []
    for conf, _, index, field, reason in candidates:
        if field in taken_fields or index in taken_columns:
            continue
        taken_fields.add(field)
        taken_columns.add(index)
        chosen.append((index, Suggestion(field, headers[index], conf, reason)))
    return [s for _, s in sorted(chosen, key=lambda x: x[0])]


_LOAN_LEVEL = frozenset({"ACCOUNT", "LOAN", "CONTRACT", "RECEIPT", "CARD", "INVOICE"})


def _customer_ids_offered(candidates: list, headers: list[str]) -> list:
    """A customer (or contract) number is offered, not applied, when a finer id is there.

    One customer holds several loans (and invoices), one contract several drawdowns (借据):
    keyed by the coarser number, their rows would be merged into one account. With a loan,
    note, account, card or invoice number in the file, that one is the account; the coarser
    number stays a suggestion the user may still pick.
    """
    def level(index: int) -> int:
        concepts = _read_header(_simplified(headers[index])).concepts
        if "CONTRACT" in concepts:
            return 2
        if concepts & _LOAN_LEVEL:
            return 3
        return 1 if "CUSTOMER" in concepts else 0

    ids = {c[2]: level(c[2]) for c in candidates if c[3] == "account_id"}
    # only a real identifier counts as the finer one ("Invoice Total" is no invoice number)
    finest = max((ids[c[2]] for c in candidates if c[3] == "account_id" and c[0] >= 0.6), default=0)
    if finest < 2:
        return candidates
    return [(min(c[0], 0.7), *c[1:]) if c[3] == "account_id" and 0 < ids[c[2]] < finest else c
            for c in candidates]


def _coarser_ids_offered(candidates: list, profiles: dict) -> list:
    """Of two columns that both read as the account (账号 beside 贷款编号), the one with fewer
    distinct values in the first rows is offered, not applied: it repeats where the other does not
    (a customer's number beside each loan's), and keyed by it the loans of one customer would be
    rejected as repeated account-months (28 of 60 rows in one export)."""
    ids = [c for c in candidates if c[3] == "account_id" and c[0] >= CONFIDENT]
    distinct = {c[2]: getattr(profiles.get(c[2]), "distinct", 0) for c in ids}
    if len(distinct) < 2:
        return candidates
    most = max(distinct.values())
    return [(min(c[0], CONFIDENT - 0.01), *c[1:]) if c[3] == "account_id" and c[2] in distinct
            and distinct[c[2]] < most else c for c in candidates]


def _instalment_number(concepts: frozenset[str]) -> bool:
    """``期数``, ``当前期次``, ``Installment Number``: the row is one instalment of a schedule."""
    if "PERIODS" in concepts:
        return concepts <= {"PERIODS", "CURRENT", "QUAL", "ID"}
    return {"INSTAL", "ID"} <= concepts and concepts <= {"INSTAL", "ID", "CURRENT", "QUAL"}


def _invoice_due_dates(candidates: list, headers: list[str]) -> list:
    """In a receivables ledger or a repayment schedule ``到期日`` is the bill's or instalment's due date.

    A receivables ledger names an invoice or bill; a schedule numbers its instalments (PPDai's
    ``期数``). In a loan ledger the same word is the loan's maturity, which is why it is only
    offered there.
    """
    readings = [_read_header(_simplified(h)).concepts for h in headers]
    if not any("INVOICE" in r or _instalment_number(r) for r in readings):
        return candidates
    return [(max(c[0], 0.85), *c[1:]) if c[3] == "due_date" and c[4] != "values"
            and "EXPIRY" in _read_header(_simplified(headers[c[2]])).concepts else c for c in candidates]


#: Words that say a count of days is of days overdue, not an age.
_OVERDUE_WORDS = re.compile(r"逾期|超期|拖欠|欠款|过期|overdue|past\s*due|pastdue|arrear|delinq|dpd|late", re.IGNORECASE)
_AGING_WORDS = re.compile(r"账龄|帐龄|ag(?:e)?ing|\bage\b", re.IGNORECASE)


#: Words of a receivables ledger's columns (an invoice, a receivable), not a card statement's.
RECEIVABLES = re.compile(r"发票|开票|应收|invoice|receivable|factura|faktur|fatura", re.IGNORECASE)


def _aging_beside_due_dates(candidates: list, headers: list[str]) -> list:
    """In a receivables ledger (a column names an invoice or bill), an age in days (``账龄(天)``,
    "Ageing Days") beside a due date applied is only offered as the days past due: an ERP ages its
    invoices from the invoice date (金蝶, 用友), so a bill on 60-day terms is 45 days old and not
    overdue, and the days past due are counted from the due date. A header that says the days
    are overdue (逾期账龄, "Days Past Due") stays applied, and so does a card book's 账龄."""
    if not any(c[3] == "due_date" and c[0] >= CONFIDENT for c in candidates):
        return candidates
    if not any(RECEIVABLES.search(h) for h in headers):
        return candidates  # a card centre's 账龄 beside its statement's (账单) due date is the days overdue
    return [(min(c[0], 0.6), *c[1:]) if c[3] == "days_past_due" and _AGING_WORDS.search(headers[c[2]])
            and not _OVERDUE_WORDS.search(headers[c[2]]) else c for c in candidates]


def _amounts_lent_offered(candidates: list, headers: list[str]) -> list:
    """An amount lent (``orig_amt``, 放款金额, 贷款金额) beside a balance applied is only offered as
    the credit limit; a header that says limit (授信额度, Credit Limit, 批复额度) stays applied, and so
    does an exact synonym of the limit (合同金额, which the field's list names).

    On an instalment book the amount lent is no limit: what has been repaid cannot be drawn
    again, yet as a limit it is undrawn exposure (a tape's EAD 10.1M on a 6.7M book, its
    allowance +35 %) and a new loan looks fully utilised. A revolving line's file says limit.
    """
    if not any(c[3] == "balance" and c[0] >= CONFIDENT for c in candidates):
        return candidates
    return [(min(c[0], 0.7), *c[1:]) if c[3] == "credit_limit" and (c[4] != "exact" or _names_amount_lent(headers[c[2]]))
            and "LIMIT" not in _read_header(_simplified(headers[c[2]])).concepts else c for c in candidates]


#: Exact names of the credit limit that name the amount lent (LendingClub's ``loan_amnt``): beside
#: a balance they are offered, as any other amount lent is.
_LENT_SYNONYMS = frozenset({"loanamount", "loanamnt"})


def _names_amount_lent(header: str) -> bool:
    return normalise_header(header) in _LENT_SYNONYMS


def _day_counts(header: str, p: _Profile | None) -> bool:
    """An aging or delinquency column that holds whole days (some beyond 36) rather than labels."""
    if p is None or p.n < 3:
        return False
    concepts = _read_header(_simplified(header)).concepts
    return bool(concepts & {"BUCKET", "DELQ"}) and "PERIODS" not in concepts and p.integer >= 0.9 \
        and p.negative == 0 and p.max_int > 36 and p.distinct >= 3


_BARE_DELQ_OK = frozenset({"DELQ", "QUAL", "TOTAL", "CURRENT", "LOAN", "ACCOUNT"})


def _bare_delinquency(header: str, p: _Profile | None) -> list[tuple[str, float]]:
    """A header that only says "past due" (``Past Due``, ``Total Past Due``, ``逾期``): the values say which.

    Whole days (0, 15, 45 …) are the days past due, money the amount past due, labels the
    status. A column of 0/1 is a flag and gets nothing.
    """
    reading = _read_header(_simplified(header))
    if p is None or p.n < 3 or "DELQ" not in reading.concepts or not reading.concepts <= _BARE_DELQ_OK \
            or reading.unknown_long:
        return []
    if p.zero_one and p.distinct >= 2:
        return []  # LendingClub's acc_now_delinq (0.0 / 1.0): accounts delinquent now, not money
    if p.integer >= 0.9 and p.negative == 0 and 2 <= p.max_int <= 3650 and p.distinct >= 2:
        return [("days_past_due", 0.8)]
    if p.decimals >= 0.3 or (p.integer >= 0.9 and p.max_int > 3650):
        return [("overdue_amount", 0.78)]
    if p.status >= 0.5:
        return [("status_label", 0.85)]
    return []


def _invoice_dates_not_snapshots(candidates: list, headers: list[str]) -> list:
    """In a ledger of invoices or transactions a bare date (``Date``, ``业务日期``) is the entry's.

    Such a ledger names invoices, bills, documents or transactions (``Invoice No``, ``Document
    Number``, ``Transaction Type``, ``业务日期``); its snapshot is named as one (统计日期, As of Date) or is not in the file, so a
    transaction or document date is offered at most.
    """
    if not any(_read_header(_simplified(h)).concepts & {"INVOICE", "BUSINESS", "DOC"} for h in headers):
        return candidates
    return [(min(c[0], 0.7), *c[1:]) if c[3] == "snapshot_date"
            and "REPORT" not in _read_header(_simplified(headers[c[2]])).concepts else c for c in candidates]


def _payments_beside_instalments(candidates: list, headers: list[str]) -> list:
    """``Payment Amount`` beside an instalment (or minimum) due is what was paid against it.

    Alone, an English "payment amount" may be the scheduled payment or the one received, so it
    is only offered; next to a column that is confidently the amount due, it is the payment made.
    """
    due = {c[2] for c in candidates if c[3] == "due_amount" and c[0] >= CONFIDENT}
    if not due:
        return candidates
    return [(0.8, *c[1:]) if c[3] == "paid_amount" and c[2] not in due and 0.6 <= c[0] < CONFIDENT
            and c[4] == "tokens" and "PAYMENT" in _read_header(_simplified(headers[c[2]])).concepts else c
            for c in candidates]


_AGGREGATE_FIELDS = frozenset({"overdue_amount", "days_past_due", "status_label", "balance", "credit_limit"})


def _bureau_aggregates_offered(candidates: list, headers: list[str]) -> list:
    """In a file of credit-bureau aggregates, a bare delinquent amount or a total is across all trades.

    LendingClub's ``delinq_amnt`` (past-due amount on all the borrower's accounts) or
    ``tot_cur_bal`` sit beside counts and windows (``num_tl_30dpd``, ``inq_last_6mths``,
    ``mths_since_last_delinq``); there a header without a loan-level word is the bureau's
    figure, and a total or a balance named with words not understood (Prosper's
    ``ProsperPrincipalOutstanding``: on the borrower's earlier loans) may be one: offered, never applied.
    """
    full = [_read_header(_simplified(h)) for h in headers]
    readings = [r.concepts for r in full]
    # counts of trades or inquiries, windows, delinquency histories (a count of card drawings is not one)
    # counts over several trades, inquiries or delinquencies, or over a window; a loan's own
    # history (max_ovd_days, 累计逾期次数) is not one
    aggregates = sum(1 for h, r in zip(headers, readings) if h.isascii() and r & {"PLURAL", "WINDOW"})
    if aggregates < 2:
        return candidates
    loan_level = _HOLDERS | {"CURRENT", "PRIN", "OUT"}

    def bureau(c) -> bool:
        r = readings[c[2]]
        if c[3] not in _AGGREGATE_FIELDS or c[4] == "exact":
            return False
        if c[3] in ("balance", "credit_limit"):
            return "TOTAL" in r or full[c[2]].unknown_long > 0
        return not (r & loan_level)
    return [(min(c[0], 0.7), *c[1:]) if bureau(c) else c for c in candidates]


def _principal_only(header: str) -> bool:
    """``本金余额``, ``Principal Outstanding``, ``Current Principal Balance``: the principal alone."""
    text = _simplified(header)
    concepts = _read_header(text).concepts
    return "PRIN" in concepts and not concepts & {"TOTAL", "INTEREST", "RECV"} and "本息" not in text \
        and not re.search(r"incl|interest|with|\+|及|和|含", text, re.IGNORECASE)


def _principal_before_totals(candidates: list, headers: list[str]) -> list:
    """Two balances, one of them the principal alone: the principal is the balance, the other offered.

    A ledger often holds the principal outstanding beside a total (principal and interest, or
    with fees: ``贷款总余额``, ``本息余额``, ``Total Balance``, ``Current Balance`` on a card). The
    book's balance is the principal; the total stays a suggestion.
    """
    principal = {c[2] for c in candidates if c[3] == "balance" and c[0] >= CONFIDENT and _principal_only(headers[c[2]])}
    if not principal:
        return candidates

    def total(index: int) -> bool:
        # a total, principal with interest, or a bare balance of the account; a loan's balance
        # (贷款余额, Loan Balance) is its principal, a receivable's balance its own figure
        text = _simplified(headers[index])
        concepts = _read_header(text).concepts
        if concepts & {"TOTAL", "INTEREST"} or "本息" in text or re.search(r"incl|interest|及|含", text, re.IGNORECASE):
            return True
        return "LOAN" not in concepts and "RECV" not in concepts and concepts <= {"BAL", "CURRENT", "ACCOUNT", "OUT", "AMT", "QUAL"}
    return [(min(c[0], 0.7), *c[1:]) if c[3] == "balance" and c[2] not in principal and total(c[2]) else c
            for c in candidates]


def _siblings_offered(candidates: list, headers: list[str], groups: tuple[tuple[str, ...], ...]) -> list:
    """Two sub-columns of one merged header confident for the same field: neither applied, both offered.

    ``逾期天数`` over ``本金`` and ``利息``, or ``逾期金额`` over ``本金`` and ``合计``, read as
    two candidates of one field with the same words; taking the left one would choose for the
    user, without a word, which figure the book counts. (A principal beside a total is already
    decided by :func:`_principal_before_totals`; a sub-column no field names, ``利息``, is none.)
    """
    index = {h: i for i, h in enumerate(headers)}
    for field, members in contested_fields(candidates, headers, groups).items():
        columns = {index[h] for h in members}
        candidates = [(min(c[0], 0.7), *c[1:]) if c[3] == field and c[2] in columns else c
                      for c in candidates]
    return candidates


def _lone_month_by_values(candidates: list, profiles: dict) -> list:
    """The one column offered as the month whose cells are all months, when nothing else is the
    month: applied (``账单月``, ``出账月份`` holding 2024-01 … in a card centre's file).

    Its header alone is only a suggestion (a statement's month, a billing cycle); its values make
    it the month, and without it the file has none. Only when the month is that column's own best
    reading and no other column is offered as the month.
    """
    if any(c[3] == "snapshot_date" and c[0] >= CONFIDENT for c in candidates):
        return candidates
    offered = {c[2] for c in candidates if c[3] == "snapshot_date"}
    # by its header: a column that says nothing, holding months, stays a suggestion
    named = {c[2] for c in candidates if c[3] == "snapshot_date" and c[4] != "values"}
    if len(offered) != 1 or offered != named:
        return candidates
    (index,) = offered
    profile = profiles.get(index)
    best = max((c for c in candidates if c[2] == index), key=lambda c: c[0])
    if profile is None or profile.n < 3 or profile.monthlike < 0.95 or best[3] != "snapshot_date":
        return candidates
    return [(max(c[0], CONFIDENT), _REASON_RANK["values"], c[2], c[3], "values")
            if c[2] == index and c[3] == "snapshot_date" else c for c in candidates]


def contested_fields(candidates: list, headers: list[str],
                     groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    """``field -> headers`` of sibling columns (one merged parent) confident for the same field.

    Examples
    --------
    >>> cands = [(0.93, 1, 0, "days_past_due", "tokens"), (0.93, 1, 1, "days_past_due", "tokens")]
    >>> contested_fields(cands, ["逾期天数-本金", "逾期天数-利息"], (("逾期天数-本金", "逾期天数-利息"),))
    {'days_past_due': ('逾期天数-本金', '逾期天数-利息')}
    """
    index = {h: i for i, h in enumerate(headers)}
    out: dict[str, tuple[str, ...]] = {}
    for group in groups:
        members = {index[h] for h in group if h in index}
        by_field: dict[str, set[int]] = {}
        for conf, _, col, field, _ in candidates:
            if col in members and conf >= CONFIDENT:
                by_field.setdefault(field, set()).add(col)
        for field, cols in by_field.items():
            if len(cols) > 1:
                out[field] = out.get(field, ()) + tuple(headers[c] for c in sorted(cols))
    return out


def contested_suggestions(raw: RawTable) -> dict[str, tuple[str, ...]]:
    """``field -> headers`` that :func:`recognise_columns` left to the user because sibling
    columns of a header over two rows are equally that field (:func:`_siblings_offered`).

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> contested_suggestions(read_table(b"a,b\\n1,2\\n", "a.csv"))
    {}
    """
    if not raw.header_groups:
        return {}
    headers = [str(c) for c in raw.frame.columns]
    candidates = [(conf, 0, i, field, reason) for i, h in enumerate(headers)
                  for field, conf, reason in _header_scores(h)]
    return contested_fields(candidates, headers, raw.header_groups)


def suggest_mapping(raw: RawTable) -> dict[str, str]:
    """Propose ``canonical -> header``: the confident suggestions of :func:`recognise_columns`.

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> raw = read_table("客户编号,统计日期,逾期天数,贷款余额(元)\\nA,2024-01,0,1\\n".encode(), "a.csv")
    >>> suggest_mapping(raw)
    {'account_id': '客户编号', 'snapshot_date': '统计日期', 'days_past_due': '逾期天数', 'balance': '贷款余额(元)'}
    """
    return {s.field: s.header for s in recognise_columns(raw) if s.confident}


def suggest_segments(raw: RawTable, mapping: Mapping[str, str], limit: int = 5) -> list[str]:
    """Unmapped columns whose values are a few repeated labels: candidates for extra segments.

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> rows = "".join(f"A{i},{'ABC'[i % 3]},{i}\\n" for i in range(30))
    >>> suggest_segments(read_table(("id,grade,x\\n" + rows).encode(), "a.csv"), {"account_id": "id"})
    ['grade']
    """
    used = set(mapping.values())
    out = []
    for index, header in enumerate(str(c) for c in raw.frame.columns):
        if header in used:
            continue
        p = _profile(raw.frame.iloc[:, index])
        if p is not None and p.n >= 10 and p.text + p.status >= 0.8 and 2 <= p.distinct <= min(30, p.n // 2):
            out.append(header)
        if len(out) >= limit:
            break
    return out
