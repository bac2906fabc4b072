"""The template check: recall per category in both languages, precision on compliant texts (the
innocent contexts a phrase list trips on), letters, highlighting, the findings table, reading files."""
from __future__ import annotations

import io
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.conduct.rules import rule_pack
from analysis.conduct.segment import tokenizer
from analysis.conduct.templates import (Finding, TemplateError, check_templates, check_text, findings_table,
                                        highlight_segments, read_templates, templates_payload)

REPO = Path(__file__).resolve().parents[2]
CN, US = rule_pack("cn"), rule_pack("us")


def categories(text, pack, **kw) -> set[str]:
    return {f.category for f in check_text(text, pack, **kw)}


# --------------------------------------------------------------------------------------------
# recall: every category, both languages, several phrasings

BREAKING_CN = [
    ("threat", "三天内不还，让你好看，走着瞧。", {}),
    ("threat", "明天我们就带人上门，到你家门口等你。", {}),
    ("threat", "不还钱我们天天打爆你电话，让你不得安宁。", {}),
    ("insult", "你这个老赖，真不要脸。", {}),
    ("insult", "欠钱不还的人渣，滚！", {}),
    ("false_legal", "再不还款将公安立案，您会被拘留。", {}),
    ("false_legal", "逾期将上报征信黑名单，一辈子都贷不了款。", {}),
    ("false_legal", "您的逾期会影响子女上学和政审。", {}),
    ("false_legal", "您将被列入失信被执行人名单并限制高消费。", {}),
    ("impersonation", "我们是XX区人民法院执行局，请立即还款。", {}),
    ("impersonation", "【XX市公安局】您涉嫌恶意透支，请联系办案民警。", {}),
    ("impersonation", "这是法院传票，请于三日内到庭。", {}),
    ("shaming", "再不还就在朋友圈曝光你。", {}),
    ("shaming", "我们将给你通讯录里的所有人群发催收公告。", {}),
    ("shaming", "我们会把律师函张贴到你家门口。", {}),
    ("third_party", "我们将把您的欠款情况告知您的单位领导和家人。", {}),
    ("third_party", "您好，您的朋友李*在我司的借款已逾期，请转告他还款。", {"recipient": "third_party"}),
    ("third_party", "麻烦你们从他工资里扣一下，他借的钱一直不还。", {"recipient": "third_party"}),
    ("borrow_to_repay", "实在没钱就以贷还贷，先借网贷把我们这边还上。", {}),
    ("borrow_to_repay", "你可以找亲戚借点钱先还。", {}),
    ("borrow_to_repay", "你可以先在XX平台借一笔还上我们这边。", {}),
    ("extra_fee", "逾期将额外收取催收服务费300元。", {}),
    ("extra_fee", "需先支付500元解冻费后才能办理分期。", {}),
    ("excess_pii", "尊敬的张三丰先生，您的借款已逾期。", {}),
    ("excess_pii", "您的身份证号11010519491231002X名下借款已逾期。", {}),
    ("excess_pii", "您卡号6222021234567894的账单已逾期。", {}),
    ("excess_pii", "尊敬的{full_name}，您手机号{phone}的借款已逾期。", {}),
    ("excess_pii", "您好，您的手机号13812345678绑定的借款已逾期。", {}),
    ("letter_missing", "催收函：您的借款已逾期，请立即还款。", {"channel": "letter"}),
    ("contact_time", "我们将在晚上11点再次致电。", {}),
    ("contact_time", "外访人员将于凌晨6点上门拜访。", {}),
    ("contact_time", "今晚十点半我们会再给您打电话。", {}),
    ("threat", "我们已经掌握你的家庭住址，随时可以上门。", {}),
    ("third_party", "你要是再躲着不接电话，你家里人都会知道你干的好事。", {}),
    ("shaming", "我们将把你的照片和欠款信息发到你们小区业主群。", {}),
    ("borrow_to_repay", "你可以把车卖了还钱，或者用信用卡取现还款。", {}),
]

BREAKING_US = [
    ("threat", "Pay today or else. You'll regret it.", {}),
    ("threat", "We know where you live and we will find you.", {}),
    ("threat", "We will keep calling you every hour until you pay.", {}),
    ("insult", "You are a deadbeat and a loser.", {}),
    ("insult", "Pay your damn bill, you idiot.", {}),
    ("false_legal", "If you do not pay, you will be arrested and go to jail.", {}),
    ("false_legal", "We will file criminal charges for check fraud.", {}),
    ("false_legal", "We will garnish your wages next week.", {}),
    ("impersonation", "This is Officer Brown with the county sheriff.", {}),
    ("impersonation", "You have been served a court summons; call this number.", {}),
    ("impersonation", "We are the government agency handling your case.", {}),
    ("shaming", "We will post your name on Facebook.", {}),
    ("shaming", "Your name will be added to our public list of deadbeats: the wall of shame.", {}),
    ("third_party", "We will call your employer and tell them you owe us.", {}),
    ("third_party", "We will contact your family and your neighbors about this.", {}),
    ("third_party", "Please tell your son that his credit card debt is past due.", {"recipient": "third_party"}),
    ("borrow_to_repay", "Take out a payday loan to clear this balance.", {}),
    ("borrow_to_repay", "Ask your friends for money or get a cash advance.", {}),
    ("extra_fee", "A $25 processing fee will be added to your balance.", {}),
    ("extra_fee", "Pay by phone for a convenience fee of $9.95.", {}),
    ("excess_pii", "Dear John Smith, your account is past due.", {}),
    ("excess_pii", "Your SSN 123-45-6789 is linked to this account.", {}),
    ("excess_pii", "Hi {full_name}, your card {card_number} is past due.", {}),
    ("excess_pii", "Your card 4111 1111 1111 1111 is past due.", {}),
    ("letter_missing", "Dear Sir or Madam, please pay immediately.", {"channel": "letter"}),
    ("contact_time", "We will call you at 10 p.m. tonight.", {}),
    ("contact_time", "Our agent will visit you at 6 a.m. tomorrow.", {}),
    ("contact_time", "Expect our call around midnight.", {}),
    ("borrow_to_repay", "Why don't you borrow from your 401(k) to pay us?", {}),
    ("third_party", "If the balance isn't cleared by Friday, your boss will find out.", {}),
    ("false_legal", "Pay now or we will report you to the police for fraud.", {}),
]


@pytest.mark.parametrize("category, text, kw", BREAKING_CN, ids=[f"cn-{c}-{i}" for i, (c, _t, _k) in enumerate(BREAKING_CN)])
def test_recall_cn(category, text, kw):
    assert category in categories(text, CN, **kw)


@pytest.mark.parametrize("category, text, kw", BREAKING_US, ids=[f"us-{c}-{i}" for i, (c, _t, _k) in enumerate(BREAKING_US)])
def test_recall_us(category, text, kw):
    assert category in categories(text, US, **kw)


def test_every_category_is_tested_in_both_languages():
    from analysis.conduct.rules import CATEGORIES

    assert {c for c, _t, _k in BREAKING_CN} == set(CATEGORIES)
    assert {c for c, _t, _k in BREAKING_US} == set(CATEGORIES)


# --------------------------------------------------------------------------------------------
# precision: compliant, realistic texts (zero findings), with the innocent contexts

COMPLIANT_CN = [
    ("【XX消费金融】尊敬的张先生，您尾号1234的借款本期应还1,234.56元已逾期3天，请尽快还款，如已还款请忽略。客服热线400-820-8888。", {}),
    ("尊敬的客户，您的账单已逾期，逾期记录将按规定报送金融信用信息基础数据库，可能影响您的个人信用记录。", {}),
    ("您不在黑名单中，请按时还款保持良好信用。", {}),                                # 黑名单, negated
    ("我们不会将您的欠款情况告知您的家人或单位，请放心。", {}),                     # 告知家人, negated
    ("请勿将验证码告知他人，包括您的家人。", {}),                                    # 请勿告知
    ("如对欠款金额有异议，可致电客服核实，也可依法向有管辖权的人民法院起诉。", {}),   # 法院: a dispute route
    ("我司保留依法向人民法院提起诉讼的权利。", {}),
    ("我司外访专员将于工作日白天上门拜访，与您当面协商还款方案。", {}),               # 上门拜访 is a lawful visit
    ("如资金周转困难，可在APP申请分期或延期还款。", {}),
    ("请于今日23:59前完成还款，以免影响信用记录。", {}),                            # a deadline, not a call
    ("客服工作时间 8:00-22:00，欢迎致电咨询。", {}),                                 # opening hours
    ("按照借款合同约定，逾期将按日计收违约金。", {}),                                 # a fee the contract provides
    ("分期手续费按《信用卡领用合约》约定收取。", {}),
    ("本次还款不收取任何额外费用。", {}),
    ("尊敬的{name_masked}，您尾号{card_last4}的账单已逾期，应还{amount}元。", {}),
    ("尊敬的张*丰先生，您的借款已逾期5天。", {}),
    ("您的手机号138****5678已绑定还款账户。", {}),
    ("如有疑问请致电13812345678联系您的专属客户经理。", {}),                        # the lender's own number
    ("合同编号20240131000123，应还金额12,345.67元，还款日2024-01-31。", {}),
    ("提醒：我司不会以公安、法院名义联系您，如遇自称公检法人员要求转账，请提高警惕。", {}),
    ("您可以通过APP查看账单明细，滚动到页面底部即可申请分期。", {}),                  # 滚 inside 滚动
    ("如发现垃圾短信冒用我司名义，请向我们举报。", {}),                              # 垃圾 inside 垃圾短信
    ("本活动提升了品牌曝光度。", {}),                                                # 曝光 inside 曝光度
    ("您好，我们是XX公司，有重要事项需联系张先生，麻烦转告其回电400-820-8888，谢谢。", {"recipient": "third_party"}),
    ("您作为保证人，借款人已逾期30天，欠款合计5,000元，请督促其还款。", {"recipient": "guarantor"}),
    ("温馨提示：外访专员将于明日上午10点上门拜访，如时间不便，请致电400-820-8888另行预约。", {}),
    ("如经法院判决后仍未履行，法院可依法采取强制执行措施。", {}),                     # court measures after a judgment
    ("我们理解您的困难，愿意与您协商延期还款方案。", {}),
    ("您的借款已逾期，请不要向其他平台借钱还款，可以联系我们申请分期。", {}),          # borrowing, negated
    ("谨防诈骗分子以“消除征信黑名单”为由向您收费，我司从未委托任何机构提供此类服务。", {}),  # anti-fraud notice
    ("如您家人代为还款，请在转账备注中注明借款人姓名及合同编号。", {}),
    ("外访人员上门时会佩戴工作证，上门前将提前与您电话预约。", {}),
]

COMPLIANT_US = [
    ("ABC Bank: your card ending 1234 has a payment of $120.00 past due. Pay in the app or call 1-800-555-0100.", {}),
    ("Dear Mr. Smith, your payment on account ending 5678 is past due. Ask us about a payment plan.", {}),
    ("Dear Valued Customer, this is a reminder that your payment is due on 01/31/2025.", {}),
    ("We will not contact your employer or your family about this account.", {}),
    ("We will never claim to be from the police, a court or a government agency.", {}),
    ("If a court enters a judgment against you, the creditor may seek garnishment as permitted by law.", {}),
    ("A late fee may apply as provided in your cardholder agreement.", {}),
    ("There is no fee to pay online.", {}),
    ("Our office hours are 8 a.m. to 9 p.m., Monday through Friday. Call us anytime during those hours.", {}),
    ("Please pay by 11:59 p.m. on the due date to avoid a returned payment.", {}),
    ("This is an attempt to collect a debt by a debt collector.", {}),
    ("If you are having trouble paying, we can discuss a hardship plan.", {}),
    ("You can dispute this debt within 30 days by calling us or writing to PO Box 1234, Columbus, OH 43215.", {}),
    ("Hi, this is Alex from ABC Services calling for Jane Doe. Please ask her to call us back at 1-800-555-0100.", {"recipient": "third_party"}),
    ("Hi {first_name}, your account ending {last4} has a balance of ${amount}.", {}),
    ("Dear Mr./Ms. {last_name}: your balance is ${amount}.", {}),
    ("Beware of scammers who pretend to be law enforcement; we will never ask for gift cards.", {}),
    ("As the co-signer, you agreed to repay the loan if the borrower does not. The past-due amount is $1,146.20.", {"recipient": "guarantor"}),
    ("You may contact the Consumer Financial Protection Bureau at consumerfinance.gov.", {}),
    ("Reference number 20240131000123; amount due $1,234.56; due 2024-01-31.", {}),
    ("To stop texts reply STOP. Msg & data rates may apply.", {}),
    ("Scammers may claim to be from the IRS or the police; we will never do that.", {}),
    ("We are not permitted to discuss this account with anyone other than you.", {}),
    ("You can pay by debit card, bank transfer or check at no extra cost.", {}),
]


@pytest.mark.parametrize("text, kw", COMPLIANT_CN, ids=[f"cn-ok-{i}" for i in range(len(COMPLIANT_CN))])
def test_precision_cn(text, kw):
    assert check_text(text, CN, **kw) == []


@pytest.mark.parametrize("text, kw", COMPLIANT_US, ids=[f"us-ok-{i}" for i in range(len(COMPLIANT_US))])
def test_precision_us(text, kw):
    assert check_text(text, US, **kw) == []


def test_at_least_forty_compliant_texts():
    assert len(COMPLIANT_CN) + len(COMPLIANT_US) >= 40


# --------------------------------------------------------------------------------------------
# the sample templates: most fine, each category broken at least once in both languages

SAMPLE_EXPECTED = {
    "ZH-R05": {"excess_pii"}, "ZH-R06": {"shaming", "insult"}, "ZH-C03": {"threat", "insult"}, "ZH-C04": {"borrow_to_repay"},
    "ZH-C05": {"contact_time"}, "ZH-C07": {"third_party"}, "ZH-L02": {"letter_missing"},
    "ZH-L03": {"letter_missing", "false_legal"}, "ZH-V02": {"extra_fee"}, "ZH-V03": {"threat"},
    "ZH-G02": {"impersonation", "false_legal"}, "ZH-G03": {"false_legal"}, "ZH-G05": {"excess_pii"},
    "EN-R04": {"excess_pii"}, "EN-R05": {"insult"}, "EN-C03": {"threat"}, "EN-C04": {"borrow_to_repay"},
    "EN-C05": {"contact_time"}, "EN-C07": {"third_party"}, "EN-L02": {"letter_missing"}, "EN-L03": {"extra_fee"},
    "EN-V02": {"threat", "false_legal"}, "EN-V03": {"shaming"}, "EN-G02": {"false_legal"}, "EN-G03": {"impersonation"},
}


@pytest.mark.parametrize("name, pack", [("templates_zh.csv", CN), ("templates_en.csv", US)])
def test_sample_templates(name, pack):
    frame = read_templates((REPO / "data" / "sample" / name).read_bytes(), name)
    assert set(frame["action"]) == {"reminder", "call", "letter", "visit", "legal"}  # the playbook's action keys
    results = check_templates(frame, pack)
    for r in results:
        assert {f.category for f in r.findings} == SAMPLE_EXPECTED.get(r.template_id, set()), r.template_id
    assert sum(r.passes for r in results) > len(results) / 2
    planted = set().union(*(SAMPLE_EXPECTED[r.template_id] for r in results if r.template_id in SAMPLE_EXPECTED))
    from analysis.conduct.rules import CATEGORIES
    assert planted == set(CATEGORIES)


# --------------------------------------------------------------------------------------------
# letters

def test_letter_elements_each_missing_one_finding():
    findings = check_text("催收函：请立即还款。", CN, channel="letter", lang="en")
    missing = sorted(f.rule for f in findings if f.category == "letter_missing")
    assert missing == ["cn_letter_missing.amount", "cn_letter_missing.basis", "cn_letter_missing.borrower",
                       "cn_letter_missing.contact", "cn_letter_missing.dispute"]
    assert all((f.start, f.end) == (0, 0) for f in findings)
    assert {f.text for f in findings} >= {"how to dispute", "amount owed"}


def test_complete_letter_passes_and_the_same_text_as_sms_is_not_a_letter():
    letter = ("尊敬的{name_masked}：根据您与我司签订的《个人借款合同》，您已逾期30天，应还金额合计5,000.00元。"
              "如有异议，请于15日内致电客服热线400-820-8888提出。")
    assert check_text(letter, CN, channel="letter") == []
    assert check_text("请立即还款。", CN, channel="sms") == []
    assert check_text("请立即还款。", CN, channel="信函") != []  # Chinese channel names are understood


def test_the_playbook_action_stands_for_a_missing_channel():
    frame = pd.DataFrame({"action": ["letter", "reminder"], "text": ["请立即还款。", "请立即还款。"]})
    letter, reminder = check_templates(frame, CN)
    assert (letter.channel, reminder.channel) == ("letter", "")
    assert {f.category for f in letter.findings} == {"letter_missing"} and reminder.passes


def test_full_name_passes_in_a_letter_but_not_in_an_sms():
    text = "尊敬的张三丰先生：根据《个人借款合同》，您应还金额5,000元。如有异议请致电客服热线400-820-8888。"
    assert check_text(text, CN, channel="letter") == []
    assert categories(text, CN, channel="sms") == {"excess_pii"}


# --------------------------------------------------------------------------------------------
# findings, highlighting, the payload and the table

def test_finding_spans_point_at_the_text():
    text = "再不还钱就让你坐牢，老赖！"
    findings = check_text(text, CN)
    assert [(f.category, f.start, f.end, text[f.start:f.end]) for f in findings] == [
        ("false_legal", 7, 9, "坐牢"), ("insult", 10, 12, "老赖")]
    f = findings[0]
    assert f.source.startswith("《") and f.severity == "high" and "民事" in f.suggestion


def test_suggestions_follow_the_language():
    zh = check_text("You are a deadbeat.", US, lang="zh")[0].suggestion
    en = check_text("You are a deadbeat.", US, lang="en")[0].suggestion
    assert zh != en and "侮辱" in zh and "insulting" in en


def test_highlight_segments_cover_the_text():
    text = "三天不还，我们就曝光你，你这个老赖。"
    findings = check_text(text, CN)
    pieces = highlight_segments(text, findings)
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, f in pieces if f is not None] == ["曝光", "老赖"]
    assert highlight_segments("ok", []) == [("ok", None)]


def test_highlight_overlaps_prefer_the_severe_finding():
    low = Finding("extra_fee", "a", "s", "low", 0, 6, "abcdef", "")
    high = Finding("insult", "b", "s", "high", 2, 4, "cd", "")
    pieces = highlight_segments("abcdefg", [low, high])
    assert pieces == [("ab", low), ("cd", high), ("ef", low), ("g", None)]


def _results():
    frame = pd.DataFrame({"template_id": ["A", "B", "C"], "stage": ["1-30"] * 3, "action": ["reminder"] * 3,
                          "channel": ["sms", "短信", "letter"], "recipient": ["", "本人", "debtor"],
                          "text": ["您的账单已逾期，请尽快还款。", "尊敬的张三丰先生，再不还就曝光你",
                                   "请还款。"]})
    return check_templates(frame, CN, "zh")


def test_check_templates_and_payload_shape():
    results = _results()
    assert [r.passes for r in results] == [True, False, False]
    payload = templates_payload(results, "cn", lang="en")
    assert payload["jurisdiction"] == "cn" and payload["checked"] == 3 and payload["failing"] == 2
    b = payload["templates"][1]
    assert list(b)[:3] == ["template_id", "passes", "findings"]
    keys = {"category", "rule", "source", "severity", "start", "end", "text", "suggestion"}
    assert all(keys <= set(f) for t in payload["templates"] for f in t["findings"])
    pii = next(f for f in b["findings"] if f["category"] == "excess_pii")
    assert (pii["text"], pii["text_masked"]) == ("张三丰", "张*丰")
    # C lacks all five letter elements (no salutation, amount, basis, dispute route or contact)
    assert payload["by_category"] == {"excess_pii": 1, "letter_missing": 5, "shaming": 1}
    assert "not legal advice" in payload["disclaimer"]


def test_findings_table_is_masked_by_default():
    table = findings_table(_results(), "zh")
    assert list(table.columns)[:6] == ["template_id", "stage", "action", "channel", "recipient", "category"]
    pii = table[table["category"] == "excess_pii"].iloc[0]
    assert "张三丰" not in pii["excerpt"] and "张*丰" in pii["excerpt"]
    assert pii["category_name"] == "个人信息超出必要" and pii["severity"] == "中"
    assert "张三丰" in findings_table(_results(), "zh", masked=False)["excerpt"].str.cat()
    assert findings_table([], "en").columns.tolist()[-1] == "suggestion"


def test_findings_table_names_each_rule_in_the_readers_language():
    """The rule's name beside its ID: the screen and the export show the name, the ID stays for
    the compliance officer (and a rule the user added is named by its description)."""
    for lang in ("zh", "en"):
        table = findings_table(_results(), lang)
        assert table["rule_name"].str.len().gt(0).all()
        assert not table["rule_name"].str.contains(r"[a-z]+_[a-z_]+|[a-z]\.[a-z]").any()
        assert table["rule"].str.fullmatch(r"cn_[a-z_]+(\.[a-z_]+)?").all()  # the IDs kept
    zh, en = findings_table(_results(), "zh"), findings_table(_results(), "en")
    assert (zh["rule_name"] != en["rule_name"]).all()
    pii = zh[zh["rule"] == "cn_excess_pii"].iloc[0]
    assert pii["rule_name"] == "个人信息超出最小必要"
    amount = en[en["rule"] == "cn_letter_missing.amount"].iloc[0]  # a letter's missing element, by name
    assert amount["rule_name"] == "Letter missing a required element: amount owed"


# --------------------------------------------------------------------------------------------
# reading a file

def test_read_templates_recognises_chinese_headers_and_channels():
    csv = "模板编号,阶段,渠道,对象,话术\nT1,M1,短信,本人,请还款\nT2,M2,电话,紧急联系人,请回电\nT3,M2,催收函,担保人,请督促\n"
    frame = read_templates(csv.encode("gbk"), "t.csv")
    assert frame[["template_id", "channel", "recipient"]].values.tolist() == [
        ["T1", "sms", "debtor"], ["T2", "call", "third_party"], ["T3", "letter", "guarantor"]]


def test_read_templates_from_xlsx_without_ids():
    buffer = io.BytesIO()
    pd.DataFrame({"Channel": ["SMS"], "Text": ["Please pay."]}).to_excel(buffer, index=False)
    frame = read_templates(buffer.getvalue(), "t.xlsx")
    assert frame[["template_id", "channel", "text"]].values.tolist() == [["row2", "sms", "Please pay."]]


@pytest.mark.parametrize("data, key", [
    (b"id,channel\nA,sms\n", "conduct.err.templates_columns"),
    (b"id,text\nA,\nB,\n", "conduct.err.templates_empty"),
    (b"id,text\nA,x\nA,y\n", "conduct.err.templates_duplicate_id"),
    (b"id,recipient,text\nA,martian,x\n", "conduct.err.unknown_recipient"),
    (b"", "conduct.err.templates_unreadable"),
])
def test_read_templates_errors(data, key):
    with pytest.raises(TemplateError) as info:
        read_templates(data, "t.csv")
    assert info.value.key == key
    assert info.value.message("zh") != info.value.message("en")


def test_input_frame_untouched():
    frame = pd.DataFrame({"text": ["你这个老赖"], "channel": ["短信"]})
    before = frame.copy()
    check_templates(frame, CN)
    pd.testing.assert_frame_equal(frame, before)


# --------------------------------------------------------------------------------------------
# speed

def test_a_thousand_templates_well_under_a_second():
    texts = [t for t, _k in COMPLIANT_CN] + [t for _c, t, _k in BREAKING_CN] + [t for t, _k in COMPLIANT_US]
    frame = pd.DataFrame({"template_id": [str(i) for i in range(1000)],
                          "channel": ["sms"] * 1000,
                          "text": [f"{texts[i % len(texts)]}（{i}）" for i in range(1000)]})
    tokenizer()  # jieba's dictionary loads once per process, before the clock starts
    # CPU time, not the wall clock, best of two runs: the test machine is shared (about 0.4-0.5 s
    # on one core). A run under the bar settles it: the second run only gives a slow first one
    # (pattern compilation, a busy core) another chance.
    timings = []
    for _ in range(2):
        start = time.process_time()
        results = check_templates(frame, CN)
        timings.append(time.process_time() - start)
        if timings[-1] < 1.0:
            break
    assert len(results) == 1000
    assert min(timings) < 1.0, f"{min(timings):.2f} s"


def test_an_excerpt_cut_through_personal_data_is_still_masked():
    from analysis.conduct.templates import masked_piece

    text = "您好，请致电13812345678核实"
    # 138****5678 keeps its length, so each cut keeps its part of the masked form
    assert masked_piece(text, 0, 10) == "您好，请致电138*"
    assert masked_piece(text, 8, 17) == "8****5678"
    assert masked_piece(text, 0, len(text)) == "您好，请致电138****5678核实"


def test_the_word_segmenter_writes_nothing_to_the_temporary_directory(tmp_path, monkeypatch):
    # jieba's own initialize() leaves a jieba.cache there; the server writes nothing to disk
    import tempfile

    import jieba

    from analysis.conduct.segment import tokenizer

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    tok = tokenizer()
    assert list(tmp_path.iterdir()) == []
    reference = jieba.Tokenizer(dictionary=jieba.DEFAULT_DICT)
    reference.tmp_dir = str(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    reference.initialize()
    assert tok.total == reference.total and tok.FREQ == reference.FREQ
    assert [w for w, _, _ in tok.tokenize("请勿告知家人")] == ["请勿", "告知", "家人"]
