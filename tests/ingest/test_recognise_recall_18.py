"""Recall of header recognition on an eighteenth list of real-world column names (a regression guard).

Written blind after the seventeenth, before the recogniser's word lists were read, mostly in Chinese
as Chinese lenders export it: banks' credit-management (CMS) and core-system field names, alone
and with their comments ("LOAN_BAL（贷款余额）", "DUE_BILL_NO 借据号"); regulatory reporting (EAST
5.0's 个人/对公信贷业务借据 and 信贷合同表, 1104 G01/G11/S63/S67 items, the credit bureau's second-generation
loan-account fields); non-performing-asset disposal ledgers (债权本金, 处置方式, 处置责任人); collection
systems (案件号, 委案本金, 催回本金, 案件状态, PTP); risk-mart wide tables (DPD_CURR, M1_FLAG, EVER_30, FPD30_FLAG,
APPLY_SCORE, SCORECARD_VERSION); consumer-finance, micro-lending, guarantee (在保责任余额, 代偿余额), auto-finance,
leasing, factoring, trust and online-platform ledgers; and branch staff's Excel sheets (万元 and 截至
dates, slips of the input method such as 客户经里, 五级分累, 身份正号, 执行利律, 放款曰期, traditional
characters, full-width brackets); plus look-alikes that must stay unmapped (guarantees, collateral,
provisions, write-offs, recoveries, interest income, penalty interest, fees, a class's change date,
history windows, counts, flags, ratios, a scorecard's version, another party's numbers, a repayment
card). Of 422 drafted, the 15 already in the earlier lists (case and punctuation ignored) were
dropped and the rest trimmed to 272, 194 of them named, before measuring. Measured before any change
prompted by it: **89.2 %, 5 wrong** (unseen: 回收金额, 不良回收金额, 处置回收金额 and 现金回收金额 applied as the
amount paid, 代偿余额 as the balance); after its study 99.0 % and none wrong. The changes are general
rules, checked against the seventeen earlier lists (no applied field changed) and a probe of some
170 headers written after the recogniser was read (not kept as a measure): a recovery (回收) may be a
repayment or an NPL sale's proceeds, so it is offered as the amount paid, never applied; a
guarantor's compensation (代偿) is none of the loan's figures; a note naming the system or report a
column comes from (（EAST）, （CMS口径）, (G11)) says nothing about the field, where its letters had been
read as an abbreviation ("EAST" as earliest: history); 执行 (executed) qualifies a rate only (执行状态,
a court's enforcement, stays unread); a scorecard's score is the score, its name, model or version
none; a score's grade (评分等级) is the score; a claim's principal (债权本金) is the balance; the
principal contracted (合同本金) the amount lent; a financier (融资人) the borrower; a drawdown's number
(放款流水号, 出账编号) the 借据's; EAST's 业务管理机构 the branch; why a loan turned bad (不良原因) its
overdue reason; 认定 (as determined) a qualifier; four more slips of the input method (里, 累, 正, 曰);
warehouse names DISTR_AMT (发放金额) and EXEC_YEAR_RATE (执行年利率); the pinyin initials YQBX (逾期本息)
and JJYE (借据余额).

Left out, as calls the header alone cannot settle: "逾期原因及化解措施" stays offered only (a header of
two things joined by 及 is not cut: its second half may change what the column is, as 担保人及电话
shows) and 货款金额 stays missed (a slip of 贷款金额, but 货款 is also a real word: the payment for goods
in a receivables ledger).
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    ('借据起始日期', 'origination_date'), ('借据余额（折人民币）', 'balance'), ('借据金额（折人民币）', 'credit_limit'),
    ('实际终结日期', None), ('借据到期日期', None), ('放款方式', None), ('对公客户名称', 'customer_name'),
    ('合同余额', 'balance'), ('合同起始日期', 'origination_date'), ('合同状态', 'status_label'), ('合同可用金额', None),
    ('贷款五级形态（EAST）', 'loan_class'), ('信贷员姓名', 'owner'), ('业务管理机构代码', 'branch'), ('借款期限', None),
    ('最近一次实际还款日期', None), ('逾期61－90天未还本金', None), ('逾期180天以上未还本金', None), ('本月应还款额', 'due_amount'),
    ('当年累计发放贷款额', None), ('不良贷款余额', 'balance'), ('普惠型小微企业贷款户数', None), ('债权本金', 'balance'),
    ('处置方式', None), ('处置回收金额', None), ('现金回收金额', None), ('诉讼进展', None), ('处置责任人', 'owner'),
    ('基准日本金余额', 'balance'), ('案件号', 'account_id'), ('委案本金', None), ('催回本金', 'paid_amount'),
    ('案件状态', 'status_label'), ('PTP金额', None), ('委案时余额', None), ('当前欠款金额', 'balance'),
    ('催收专员', 'owner'), ('委外催收机构', 'owner'), ('催收人', 'owner'), ('承诺还款日（PTP）', None),
    ('委案金额（元）', None), ('催回金额（元）', 'paid_amount'), ('DPD_CURR', 'days_past_due'),
    ('CURR_DPD', 'days_past_due'), ('M1_FLAG', None), ('EVER_30', None), ('EVER30_FLAG', None),
    ('FPD30_FLAG', None), ('MAX_DPD_HIS', None), ('OVD_AMT_CURR', 'overdue_amount'),
    ('PRIN_BAL_CURR', 'balance'), ('STAT_MONTH', 'snapshot_date'), ('DATA_MONTH', 'snapshot_date'),
    ('APPLY_SCORE', 'score'), ('B_SCORE', 'score'), ('SCORECARD_VERSION', None),
    ('CURR_BKT', 'status_label'), ('CREDIT_LMT', 'credit_limit'), ('UTIL_RATE', None),
    ('PROV_NAME', 'region'), ('CHANNEL_CODE', 'channel'), ('DPD30_CNT_L12M', None),
    ('LOAN_STAT_CD', 'status_label'), ('DLQ_STAT_CD', 'status_label'),
    ('DISTR_AMT', 'credit_limit'), ('LOAN_DISTR_DT', 'origination_date'),
    ('START_INT_DT', 'origination_date'), ('EXEC_YEAR_RATE', 'interest_rate'),
    ('CUST_MGR_CD', 'owner'), ('PROD_NAME', 'product'), ('INDUS_TYPE_CD', 'industry'),
    ('COLL_VALUE', None), ('OWE_INT_AMT', None), ('IMPAIR_PROV_AMT', None),
    ('OVD_PRIN_BAL', 'overdue_amount'), ('LOAN_BAL（贷款余额）', 'balance'),
    ('OVD_DAYS 逾期天数', 'days_past_due'), ('DUE_BILL_NO 借据号', 'account_id'),
    ('YQBX', 'overdue_amount'), ('借款订单编号', 'account_id'), ('放款流水号', 'account_id'), ('实还利息', None),
    ('应还罚息', None), ('在贷本金', 'balance'), ('待还本金余额', 'balance'), ('当前DPD', 'days_past_due'),
    ('综合年化利率', 'interest_rate'), ('合同本金', 'credit_limit'), ('放款本金', 'credit_limit'),
    ('未收本金', 'balance'), ('分期订单号', 'account_id'), ('借款产品', 'product'), ('流量渠道', 'channel'),
    ('A卡分数', 'score'), ('信用分', 'score'), ('申请评分卡分数', 'score'), ('评分等级', 'score'), ('评分卡版本号', None),
    ('反欺诈分', None), ('在保责任余额', 'balance'), ('代偿余额', None), ('月供（元）', 'due_amount'),
    ('应收租金余额', 'balance'), ('未收租金', 'balance'), ('租金逾期金额', 'overdue_amount'),
    ('起租日期', 'origination_date'), ('租赁期限（月）', None), ('保理融资余额', 'balance'),
    ('保理融资金额', 'credit_limit'), ('融资人名称', 'customer_name'), ('信托贷款余额', 'balance'),
    ('信托合同编号', 'account_id'), ('保理业务编号', 'account_id'), ('融资租赁合同号', 'account_id'),
    ('应收账款逾期金额', 'overdue_amount'), ('保理融资逾期金额', 'overdue_amount'),
    ('截至2024年9月末贷款余额（万元）', 'balance'), ('贷款余额(元)截至9.30', 'balance'),
    ('逾期天数（截至9月30日）', 'days_past_due'), ('客户经理（管户）', 'owner'), ('借款人名称（全称）', 'customer_name'),
    ('借款人身份证号（18位）', 'id_number'), ('联系电话（手机）', 'phone'), ('贷款发放日（年/月/日）', 'origination_date'),
    ('欠息（万元）', None), ('抵押物价值（万元）', None), ('催收情况', None), ('逾期原因及化解措施', 'overdue_reason'),
    ('货款金额', 'credit_limit'), ('逾期天教', 'days_past_due'), ('借据好', 'account_id'), ('客户经里', 'owner'),
    ('五级分累', 'loan_class'), ('身份正号', 'id_number'), ('执行利律', 'interest_rate'),
    ('放款曰期', 'origination_date'), ('貸款金額', 'credit_limit'), ('逾期本金（新臺幣元）', 'overdue_amount'),
    ('撥款金額', 'credit_limit'), ('放款餘額（元）', 'balance'), ('授信額度（萬元）', 'credit_limit'),
    ('逾期金額（萬元）', 'overdue_amount'), ('客戶經理姓名', 'owner'), ('聯絡手機', 'phone'), ('身份證字號', 'id_number'),
    ('五級分類', 'loan_class'), ('逾期天數（天）', 'days_past_due'), ('資料基準日', 'snapshot_date'),
    ('還款狀態', 'status_label'), ('貸款產品', 'product'), ('所屬行業', 'industry'), ('所在縣市', 'region'),
    ('逾期原因說明', 'overdue_reason'), ('借款人姓名（中文）', 'customer_name'), ('抵押物价值', None),
    ('贷款减值准备（元）', None), ('拨备计提金额', None), ('不良回收金额', None), ('利息收入', None), ('罚息收入', None),
    ('应收复利', None), ('手续费收入', None), ('五级分类变动日期', None), ('近6个月最大逾期天数', None), ('近3个月最高逾期期数', None),
    ('关注类标志', None), ('是否核销', None), ('逾期率', None), ('不良率', None), ('M1-M2迁徙率', None),
    ('模型版本', None), ('保证金金额', None), ('担保合同号', None), ('抵押合同编号', None), ('共同借款人证件号码', None),
    ('担保人手机号', None), ('紧急联系人手机', None), ('借款人工作单位', None), ('贷款到期日（展期后）', None), ('展期金额', None),
    ('扣款账号', None), ('还款卡号', None), ('逾期次数', None), ('本金逾期金额占比', None), ('贷款余额占比', None),
    ('上月末逾期天数', None), ('担保金额（万元）', None), ('核销金额（元）', None), ('回收金额', None), ('历史最高逾期天数（天）', None),
    ('近12个月逾期次数（次）', None), ('逾期标志(Y/N)', None), ('担保人姓名及身份证号', None), ('借据流水号', 'account_id'),
    ('核心借据号', 'account_id'), ('信贷借据编号', 'account_id'), ('借据号码（22位）', 'account_id'),
    ('贷款编号', 'account_id'), ('剩余本金余额', 'balance'), ('未还本金余额', 'balance'), ('账面余额', 'balance'),
    ('融资余额（万元）', 'balance'), ('待还本金（元）', 'balance'), ('拖欠本息', 'overdue_amount'),
    ('逾期未还本金', 'overdue_amount'), ('逾期未还本息', 'overdue_amount'), ('逾期应收租金', 'overdue_amount'),
    ('DPD天数', 'days_past_due'), ('逾期天数_当前', 'days_past_due'), ('截至报表日逾期天数', 'days_past_due'),
    ('逾期状态（M1/M2/M3）', 'status_label'), ('账龄（M0-M7）', 'status_label'),
    ('催收阶段（M1/M2）', 'status_label'), ('借据状态（正常/逾期/结清）', 'status_label'), ('DPD分档', 'status_label'),
    ('逾期期数（期）', 'status_label'), ('五级分类认定结果', 'loan_class'), ('风险分类结果', 'loan_class'),
    ('当前五级分类', 'loan_class'), ('资产质量分类', 'loan_class'), ('授信金额', 'credit_limit'),
    ('贷款发放金额', 'credit_limit'), ('审批金额', 'credit_limit'), ('核定额度', 'credit_limit'),
    ('借据发放日期', 'origination_date'), ('发放日(起息日)', 'origination_date'), ('贷款起息日', 'origination_date'),
    ('放款日（yyyymmdd）', 'origination_date'), ('计划还款日期', 'due_date'), ('计划还款日', 'due_date'),
    ('约定还款日', 'due_date'), ('本期应还款额', 'due_amount'), ('当期应还本息', 'due_amount'),
    ('月还款额', 'due_amount'), ('本期实还款金额', 'paid_amount'), ('当期实还本息', 'paid_amount'),
    ('实收本金', 'paid_amount'), ('执行利率（年）', 'interest_rate'), ('借据利率', 'interest_rate'),
    ('管户客户经理工号', 'owner'), ('贷后管理责任人', 'owner'), ('借款企业名称', 'customer_name'),
    ('债务人姓名', 'customer_name'), ('客户中文名称', 'customer_name'), ('证件号码（18位）', 'id_number'),
    ('身份证号（脱敏）', 'id_number'), ('主借人身份证号', 'id_number'), ('手机号（脱敏）', 'phone'), ('借款人联系电话', 'phone'),
    ('客户联系电话', 'phone'), ('联系手机号', 'phone'), ('经办支行', 'branch'), ('管户机构', 'branch'),
    ('所属机构名称', 'branch'), ('放款机构名称', 'branch'), ('所属二级分行', 'branch'), ('借款人所在城市', 'region'),
    ('行政区划', 'region'), ('县区', 'region'), ('贷款产品类型', 'product'), ('业务品种名称', 'product'),
    ('产品代码', 'product'), ('行业分类', 'industry'), ('获客渠道来源', 'channel'),
    ('逾期原因（简述）', 'overdue_reason'), ('不良原因', 'overdue_reason'), ('欠款原因分析', 'overdue_reason'),
    ('统计截止日期', 'snapshot_date'), ('报表截止日', 'snapshot_date'), ('数据所属期', 'snapshot_date'),
    ('数据月份', 'snapshot_date'), ('截至日期（年月日）', 'snapshot_date'),
]


def test_recall_on_the_eighteenth_list():
    recall, out = missed(CASES)
    assert recall >= 0.98, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_eighteenth_list():
    found = wrong(CASES)
    assert not found, found
