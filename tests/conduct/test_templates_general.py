"""The template check beyond the stock words: threats and shaming by what a sentence does (an actor,
a verb, an object), borrowing by any platform's name, fees by any name, full names beside a title,
slang insults, authority titles speaking about the debt, dispute routes said in other words.

Written apart from the other corpora (new wording, new platforms, new fee names), with a compliant
set that uses the same words innocently: a fee the contract provides, the lender's own 客服群, a
credit card as a way to pay, 家人 in a care message, "our agent will call", "you may contact the
CFPB". Each set states its own bar, as the issue's: recall ≥ 90 %, false alarms ≤ 10 %; every text
is also its own test so a regression names the sentence.
"""
from __future__ import annotations

import pytest

from analysis.conduct.rules import rule_pack
from analysis.conduct.templates import check_text

CN, US = rule_pack("cn"), rule_pack("us")
PACKS = {"cn": CN, "us": US}

# (jurisdiction, expected category, text, keyword arguments of check_text)
BREAKING = [
    # threats with no stock word: the family, the home town, vague menace, the job
    ("cn", "threat", "再拖下去，我们的人就去你老家找你爸妈聊聊。", {}),
    ("cn", "threat", "你父母住在哪个村我们都清楚，过两天派同事过去坐坐。", {}),
    ("cn", "threat", "这笔钱不处理，以后你的日子会很难过。", {}),
    ("cn", "threat", "今天不结清，你会后悔的。", {}),
    ("cn", "threat", "不配合的话，咱们就看看接下来会发生什么。", {}),
    ("cn", "threat", "我们已经安排人手，明天去你岳父母家走一趟。", {}),
    ("cn", "threat", "你老婆每天几点下班我们都知道。", {}),
    ("cn", "threat", "再不回电，保证让你在单位待不下去。", {}),
    ("cn", "threat", "我们会让你的生活变得很麻烦。", {}),
    # public shaming in community channels
    ("cn", "shaming", "明天就把你的欠款截图发进你们村的微信群。", {}),
    ("cn", "shaming", "你的逾期记录会在小区业主群和QQ群里公布。", {}),
    ("cn", "shaming", "我们将在微博上发文，点名你欠款不还。", {}),
    ("cn", "shaming", "准备在你们公司的钉钉群里发一份欠款通知。", {}),
    ("cn", "shaming", "您的姓名和欠款金额将张贴在小区公告栏。", {}),
    ("cn", "shaming", "校友群里的同学很快就会看到你的欠款信息。", {}),
    # borrowing to repay, by the platform's name or the instrument
    ("cn", "borrow_to_repay", "你先去京东金条周转一下，把我们这笔结清。", {}),
    ("cn", "borrow_to_repay", "把花呗额度用起来，先把逾期的还了。", {}),
    ("cn", "borrow_to_repay", "可以去办一张新信用卡，刷出来还我们。", {}),
    ("cn", "borrow_to_repay", "网上贷款平台那么多，随便找一家倒一下就行。", {}),
    ("cn", "borrow_to_repay", "建议您在美团月付或者360借条上申请一笔，先还我们这边。", {}),
    # a full name beside a title
    ("cn", "excess_pii", "王建国先生，您的借款已逾期7天，请尽快处理。", {"channel": "sms"}),
    ("cn", "excess_pii", "【某某金融】刘晓燕女士您好，本期账单已逾期。", {"channel": "sms"}),
    ("cn", "excess_pii", "您好，陈思远先生，您尾号0932的借款今日到期。", {"channel": "push"}),
    # authority titles speaking about the debt
    ("cn", "impersonation", "我是城关派出所的刘警官，你的欠款现在由我负责，今天必须处理。", {"channel": "call"}),
    ("cn", "impersonation", "区法院执行庭王法官通知你三日内结清全部欠款。", {}),
    ("cn", "impersonation", "我是检察院的孙检察官，你这笔网贷已经转到我手上。", {"channel": "call"}),
    ("cn", "impersonation", "赵民警提醒您，请尽快归还平台欠款。", {}),
    # fees with made-up names
    ("cn", "extra_fee", "您的账户已产生违约处理费150元，已计入欠款。", {}),
    ("cn", "extra_fee", "逾期第5天起每天收取30元账户维护费。", {}),
    ("cn", "extra_fee", "本次外访将向您收取上门服务费200元。", {}),
    ("cn", "extra_fee", "请于今日补缴催告通知费50元。", {}),
    # threats with no stock word, English
    ("us", "threat", "We'll make sure you lose your job over this.", {}),
    ("us", "threat", "You don't want to find out what happens if you ignore this.", {}),
    ("us", "threat", "Keep dodging us and things are going to get very bad for you.", {}),
    ("us", "threat", "We'll have a couple of guys stop by your mother's house.", {}),
    # slang insults
    ("us", "insult", "Quit hiding, you scumbag.", {}),
    ("us", "insult", "Only a lowlife ignores five letters.", {}),
    ("us", "insult", "Stop acting like a jackass and pay up.", {}),
    ("us", "insult", "You cheapskate, everyone else pays their bills.", {}),
    # public shaming in community channels
    ("us", "shaming", "We will post about your unpaid balance in your neighborhood Facebook group.", {}),
    ("us", "shaming", "Your past-due account will be listed on the bulletin board of your apartment complex.", {}),
    ("us", "shaming", "We'll share the details on Nextdoor so your neighbors see it.", {}),
    ("us", "shaming", "A notice about your debt will go out to your alumni WhatsApp group.", {}),
    # borrowing to repay
    ("us", "borrow_to_repay", "Take a loan against your retirement account and settle with us today.", {}),
    ("us", "borrow_to_repay", "Open a new credit card and use a balance transfer to pay us off.", {}),
    ("us", "borrow_to_repay", "Withdraw the money from your IRA to cover this balance.", {}),
    ("us", "borrow_to_repay", "Apply for a personal loan at another bank and clear this account first.", {}),
    ("us", "borrow_to_repay", "Put it on your Visa and we're done.", {}),
    # a full name beside a title
    ("us", "excess_pii", "Hello Ms. Jennifer Lopez, your account is 30 days past due.", {"channel": "sms"}),
    ("us", "excess_pii", "Mr. Robert Johnson, please call us about your balance.", {"channel": "sms"}),
    # authority titles and agencies
    ("us", "impersonation", "This is Agent Miller of the FBI regarding your unpaid loan.", {"channel": "call"}),
    ("us", "impersonation", "Deputy Harris from the county sheriff's department needs you to settle this account today.", {}),
    ("us", "impersonation", "I'm an investigator with the state attorney's office calling about your delinquent balance.", {}),
    ("us", "impersonation", "Detective Ramos, financial crimes unit, regarding the money you owe.", {}),
    # fees with made-up names
    ("us", "extra_fee", "A $40 account research fee has been added to your balance.", {}),
    ("us", "extra_fee", "Phone payments carry a $15 payment handling charge.", {}),
    ("us", "extra_fee", "Your balance now includes a $75 skip-trace fee.", {}),
    ("us", "extra_fee", "A recovery cost of $120 will be added unless you pay this week.", {}),
]

COMPLIANT = [
    ("cn", "按合同约定的逾期利息和违约金将按日计收，具体以账单为准。", {}),
    ("cn", "天气转凉，祝您和家人身体健康。如需调整还款计划，欢迎联系我们。", {}),
    ("cn", "欢迎加入官方客服群，群内可查询还款进度和优惠活动。", {}),
    ("cn", "本期账单可使用储蓄卡、信用卡或支付宝还款。", {}),
    ("cn", "提前还款不收取手续费。", {}),
    ("cn", "您可以通过微信公众号、APP或拨打客服热线办理还款。", {}),
    ("cn", "我们的专员将在工作日与您电话联系，协助您制定还款计划。", {}),
    ("cn", "逾期后将按《借款合同》第八条的约定收取逾期罚息。", {}),
    ("cn", "王先生您好，您的借款已逾期3天，请及时还款。", {}),
    ("cn", "尊敬的李女士，感谢您按时还款。", {}),
    ("cn", "您的信用卡本期账单已出，应还1,200元，到期还款日为5日。", {}),
    ("cn", "请勿轻信自称民警、法官的人要求转账，我司只通过官方渠道联系您。", {}),
    ("cn", "官方微博和微信公众号会发布还款政策的最新通知。", {}),
    ("cn", "您签署的《服务协议》列明的服务费已包含在每期还款额中。", {}),
    ("cn", "如需开具结清证明，可在APP内申请，免收工本费。", {}),
    ("cn", "为保护您和家人的账户安全，请勿向任何人透露验证码。", {}),
    ("cn", "我们不会在任何群聊、朋友圈或公开平台发布您的信息。", {}),
    ("cn", "如果您的工作单位发生变动，请及时在APP更新资料。", {}),
    ("cn", "请放心，我们不会收取合同以外的任何费用。", {}),
    ("cn", "逾期可能产生罚息并影响个人信用记录，请您尽早安排。", {}),
    ("cn", "建议您合理规划收支，避免过度借贷。", {}),
    ("cn", "如您近期遇到失业、疾病等困难，可联系我们申请延期，我们会与您一起想办法。", {}),
    ("cn", "您也可以到附近的社区银行网点办理现金还款。", {}),
    ("cn", "客户经理王女士将于明天上午与您联系，确认还款计划。", {}),
    ("cn", "如您对欠款金额有疑问，可在收到本函后15日内来电或来函，我司将予以复核。", {}),
    ("us", "You may contact the CFPB at consumerfinance.gov if you have a complaint.", {}),
    ("us", "Our agent will call you between 9 a.m. and 5 p.m. to discuss your options.", {}),
    ("us", "We do not charge any fees for online or phone payments.", {}),
    ("us", "Late charges, if any, are assessed only as stated in your loan agreement.", {}),
    ("us", "You can pay with a debit card, a credit card or a bank transfer.", {}),
    ("us", "Wishing you and your family a safe holiday season. Our offices are closed on December 25.", {}),
    ("us", "Our customer support group is available Monday to Friday.", {}),
    ("us", "Mr. Lee, thank you for your payment of $200.", {}),
    ("us", "Dear Ms. Garcia, your account ending 4821 is 15 days past due.", {}),
    ("us", "If someone claims to be from a government agency and asks you to pay, report it to the FTC.", {}),
    ("us", "Our compliance officer reviews every complaint within 10 business days.", {}),
    ("us", "Please don't take on new debt to pay this account; call us to set up a plan you can afford.", {}),
    ("us", "You may qualify for a payment plan with no additional fees.", {}),
    ("us", "Our field representative visits only by appointment.", {}),
    ("us", "Hi Jordan, your payment of $85 is scheduled for Friday.", {}),
    ("us", "Your balance includes the annual fee disclosed in your cardholder agreement.", {}),
    ("us", "A nonprofit credit counselor can help you build a budget.", {}),
    ("us", "If you lost your job recently, ask us about our hardship program.", {}),
    ("us", "You can find our office hours on the community page of our website.", {}),
    ("us", "We care about your family's financial wellbeing and offer free budgeting tools.", {}),
]

# letters that say how to dispute in other words (no "dispute", no 异议)
LETTERS = [
    ("us", "Dear Mr. Patel: Your Acme Card account ending 1234 has a balance of $2,310.45. If you think this amount "
           "is wrong, call us at 1-800-555-0100 or write to us within 60 days and we will investigate."),
    ("us", "Dear Ms. Chen, the amount owed on your loan account ending 9921 is $845.10. If you disagree with this "
           "balance, contact us at 1-800-555-0199 within 30 days and we will look into it."),
    ("cn", "尊敬的{name_masked}：根据您与我司签订的《个人借款合同》，您应还金额合计3,200.00元。"
           "如您认为金额不符，可于15日内来函或致电客服热线400-820-8888说明，我司将予以复核。"),
    ("cn", "尊敬的张先生：依据《信用卡领用合约》，您的欠款金额为8,512.30元。"
           "若对账单有不同看法，请联系客服热线95555，我行会在核查后答复。"),
]


def _categories(jurisdiction, text, kw):
    return {f.category for f in check_text(text, PACKS[jurisdiction], **kw)}


@pytest.mark.parametrize("jurisdiction, category, text, kw", BREAKING,
                         ids=[f"{j}-{c}-{i}" for i, (j, c, _t, _k) in enumerate(BREAKING)])
def test_breaking(jurisdiction, category, text, kw):
    assert category in _categories(jurisdiction, text, kw)


@pytest.mark.parametrize("jurisdiction, text, kw", COMPLIANT,
                         ids=[f"{j}-ok-{i}" for i, (j, _t, _k) in enumerate(COMPLIANT)])
def test_compliant(jurisdiction, text, kw):
    assert check_text(text, PACKS[jurisdiction], **kw) == []


@pytest.mark.parametrize("jurisdiction, text", LETTERS, ids=[f"{j}-letter-{i}" for i, (j, _t) in enumerate(LETTERS)])
def test_a_dispute_route_in_other_words_is_a_dispute_route(jurisdiction, text):
    assert check_text(text, PACKS[jurisdiction], channel="letter") == []


def test_a_job_threat_is_a_threat():
    cn = _categories("cn", "我们会让你丢掉工作。", {})
    us = _categories("us", "We'll get you fired from your job.", {})
    assert "threat" in cn and "threat" in us


def test_the_sets_meet_the_issue_bar_and_are_big_enough():
    assert len(BREAKING) >= 40 and len(COMPLIANT) + len(LETTERS) >= 40
    assert {j for j, *_ in BREAKING} == {"cn", "us"} and {j for j, *_ in COMPLIANT} == {"cn", "us"}
    hits = sum(c in _categories(j, t, kw) for j, c, t, kw in BREAKING)
    alarms = sum(bool(check_text(t, PACKS[j], **kw)) for j, t, kw in COMPLIANT)
    alarms += sum(bool(check_text(t, PACKS[j], channel="letter")) for j, t in LETTERS)
    assert hits / len(BREAKING) >= 0.9 and alarms / (len(COMPLIANT) + len(LETTERS)) <= 0.1
