"""A tenth wave of template texts, written for the kinds a fresh set still missed: veiled threats
built on knowing where someone lives or walks plus a warning to be careful, the family's days made
hard; borrowing from anonymised platforms (XX花, 某某贷, a small-loan app) or from a relative who
"spots" the money, a new card; delinquent-customer lists on the lender's website or newsletter,
the church or club told; a letter that names the debt but no amount.

The compliant half uses the same words innocently: an anti-fraud notice that says the lender
never exposes the address book, "stay safe" in a weather notice, 周转/结清 in a hardship offer,
the branch list on the website, a CFPB-style validation notice whose itemisation shows "fees
+ $0.00". Each text is its own test; the sets also state the issue's bar (recall ≥ 90 %, false
alarms ≤ 10 %).
"""
from __future__ import annotations

import pytest

from analysis.conduct.rules import rule_pack
from analysis.conduct.templates import check_text

PACKS = {"cn": rule_pack("cn"), "us": rule_pack("us")}
LETTER = {"channel": "letter"}

# (jurisdiction, expected category, text, keyword arguments of check_text)
BREAKING = [
    # knowing where the debtor lives or walks, with a warning to be careful
    ("cn", "threat", "你住在幸福小区3栋2楼，我们都清楚，晚上走夜路当心点。", {}),
    ("cn", "threat", "你家门牌号我们已经有了，以后出门看着点。", {}),
    ("cn", "threat", "你每天几点出门我们一清二楚，注意安全。", {}),
    ("cn", "threat", "你住几栋几楼我们都查到了，最近小心一点。", {}),
    ("cn", "threat", "知道你住哪个小区，别拿自己的安全开玩笑。", {}),
    ("cn", "threat", "你每天早上七点出门走哪条路，我们心里有数，好自为之。", {}),
    ("cn", "threat", "我们知道你下班走哪条路，夜里回家当心。", {}),
    ("cn", "threat", "门牌号、楼层我们都掌握了，走夜路的时候注意点。", {}),
    ("cn", "threat", "你小区的大门朝哪开我们都知道，出门多留个心眼。", {}),
    # the family's days made hard
    ("cn", "threat", "再不还款，你和你家里人的日子都不会好过。", {}),
    ("cn", "threat", "你和你家人以后的日子不会太平。", {}),
    ("cn", "threat", "拖着不还，你一家人的日子都别想好过。", {}),
    ("cn", "threat", "你全家以后的生活会很难。", {}),
    # borrowing from anonymised or generic platforms
    ("cn", "borrow_to_repay", "去XX花上借一笔，秒到账，先把我们这边结清。", {}),
    ("cn", "borrow_to_repay", "某某贷额度很高，先借出来周转一下把欠款还了。", {}),
    ("cn", "borrow_to_repay", "网贷平台那么多，随便申请一个先借来还款。", {}),
    ("cn", "borrow_to_repay", "下载个小额贷款APP，几分钟就放款，先把本期结清。", {}),
    ("cn", "borrow_to_repay", "XX借秒到账，借了先还我们。", {}),
    ("cn", "borrow_to_repay", "可以先在某某花上周转一下，把这期结清再说。", {}),
    ("cn", "borrow_to_repay", "很多小额贷款APP当天放款，您先借来还上。", {}),
    ("cn", "borrow_to_repay", "用XX分期先借一笔，把这期欠款结清。", {}),
    ("cn", "borrow_to_repay", "某个借款软件秒到账，先周转一下把欠款清了。", {}),
    # lists of delinquent customers, the church or the club told
    ("cn", "shaming", "逾期客户名单将在我司官网公布，包括您的姓名。", {}),
    ("cn", "shaming", "您的名字会出现在本月的逾期客户名单上，刊登在公司简报里。", {}),
    ("cn", "shaming", "我们会把你列入失信客户名单并在官网公示。", {}),
    ("cn", "shaming", "下期内刊会登出逾期客户名单，你就在上面。", {}),
    ("cn", "shaming", "我们会告诉你们教会的弟兄姐妹你欠钱不还。", {}),
    ("cn", "shaming", "再不还，你们教会的人都会知道你欠款的事。", {}),
    ("cn", "shaming", "我们会联系你们俱乐部的会长，说明你的欠款情况。", {}),
    ("cn", "shaming", "你车友会的朋友们很快就会知道你欠钱不还。", {}),
    # a letter that names the debt but no amount
    ("cn", "letter_missing", "尊敬的{姓氏}先生/女士：根据您与本行签订的《个人借款合同》，您的借款已逾期，请尽快处理欠款。"
     "如有异议，请致电客服热线95555。", LETTER),
    ("cn", "letter_missing", "致借款人{name_masked}：依据《信用卡领用合约》，您的账户尚有欠款未还。如对账务有异议，"
     "请联系我行客服400-800-1234。", LETTER),
    ("cn", "letter_missing", "尊敬的客户：按照借款协议约定，您的贷款已逾期30天，欠款请尽快归还。如有疑问请拨打热线95588。", LETTER),
    # English: a relative or friend spots the money, a new card
    ("us", "borrow_to_repay", "Ask your brother to spot you the money until payday and clear this today.", {}),
    ("us", "borrow_to_repay", "Can't a friend lend you the $400? Get it to us by Friday.", {}),
    ("us", "borrow_to_repay", "Have a relative lend you the money and pay this off today.", {}),
    ("us", "borrow_to_repay", "Just put it on a new card and we're done.", {}),
    ("us", "borrow_to_repay", "Get a friend to front you the cash so we can close this out.", {}),
    ("us", "borrow_to_repay", "Why not have your mom loan you the balance?", {}),
    ("us", "borrow_to_repay", "Put the whole amount on a new credit card today.", {}),
    ("us", "borrow_to_repay", "Your cousin could cover this - ask him to lend you what you owe.", {}),
    ("us", "borrow_to_repay", "Borrow it from a coworker if you have to, just pay today.", {}),
    ("us", "borrow_to_repay", "Someone in your family can surely spot you $300.", {}),
    ("us", "borrow_to_repay", "Have your roommate float you the money until Friday.", {}),
    ("us", "borrow_to_repay", "Get your sister to lend you the rest and send it over today.", {}),
    # lists on the website or in the newsletter, the church or the club
    ("us", "shaming", "Delinquent accounts, including yours, are listed on our website every month.", {}),
    ("us", "shaming", "Your name will appear on the list of delinquent customers in our monthly newsletter.", {}),
    ("us", "shaming", "We publish a list of past-due members on the credit union's website.", {}),
    ("us", "shaming", "We will let your church know about this unpaid balance.", {}),
    ("us", "shaming", "Your congregation will hear about your debt.", {}),
    ("us", "shaming", "We'll mention your unpaid account to the members of your club.", {}),
    ("us", "shaming", "Your pastor and fellow church members will be informed that you owe us.", {}),
    ("us", "shaming", "We can add your name to the delinquent list on our website.", {}),
    ("us", "shaming", "Our newsletter lists members who are behind on payments; you'll be in the next issue.", {}),
    ("us", "shaming", "We'll tell your golf club that you don't pay your debts.", {}),
    # veiled threats in English
    ("us", "threat", "We know which apartment is yours. Be careful walking home at night.", {}),
    ("us", "threat", "We know what time you leave for work every morning. Stay safe out there.", {}),
    ("us", "threat", "We know your building and your floor. I'd be careful if I were you.", {}),
    ("us", "threat", "Things will get hard for you and your family.", {}),
    ("us", "threat", "Your family's life is going to get difficult if this isn't paid.", {}),
    ("cn", "threat", "你可以去投诉，我们不怕，你住哪个小区我们都知道，出门小心点。", {}),
    ("cn", "shaming", "我们会在官网公布你的欠款信息。", {}),
    ("us", "borrow_to_repay", "Can't a friend lend you the money? Stop making excuses.", {}),
    ("us", "threat", "We know where you park. Be careful.", {}),
    ("cn", "threat", "你住的那栋楼我们去过了，出门看着点。", {}),
    ("cn", "shaming", "你的名字会登上本月的欠款名单，在公众号发布。", {}),
    ("us", "borrow_to_repay", "Put the past-due amount on a new Visa today.", {}),
    ("us", "shaming", "Your club will be told about your debt.", {}),
    ("us", "borrow_to_repay", "Hit up a family member for the money today.", {}),
    ("us", "borrow_to_repay", "Maybe your grandmother could front the money.", {}),
    ("us", "shaming", "We post a list of members in default on our website.", {}),
    ("us", "shaming", "We'll let the members of your gym know you owe us.", {}),
    ("cn", "threat", "你每天几点出门几点回家，我们都记着呢，小心点。", {}),
    ("cn", "borrow_to_repay", "去某某贷周转一下，当天就能结清。", {}),
    # a letter with no amount
    ("us", "letter_missing", "Dear {first_name}, This letter concerns your credit card account with Acme Bank, which is past due. "
     "If you dispute this debt, write to us within 30 days. Call us at 800-555-0100.", LETTER),
    ("us", "letter_missing", "Dear Customer, You owe a balance on your loan agreement with First Credit. To dispute it, "
     "contact us at (800) 555-0199.", LETTER),
    ("us", "letter_missing", "Dear {first_name}, Our records show an amount past due on your account with Metro Card Services. "
     "If you believe this is an error, you may dispute it within 30 days. Call us at 888-555-0142.", LETTER),
]

COMPLIANT = [
    # anti-fraud notices that name what the lender never does
    ("cn", "郑重提醒：本公司绝不会以曝光通讯录、联系亲友等方式催收，如遇此类情况请报警。", {}),
    ("cn", "防骗提示：我司从不曝光通讯录，也不会威胁告知您的家人。", {}),
    ("cn", "警惕冒充催收诈骗：凡是声称要曝光通讯录的，都不是本公司工作人员。", {}),
    ("cn", "我们承诺不会爆通讯录，不会骚扰您的亲友。", {}),
    ("cn", "如有人以曝光通讯录相威胁，请立即向我司投诉。", {}),
    ("cn", "温馨提示：正规催收不会曝光通讯录，谨防诈骗。", {}),
    ("cn", "注意：近期有不法分子冒充我司，以上门、曝光为由要求转账，请勿相信。", {}),
    ("cn", "反诈提醒：任何自称可以让您家人日子不好过的催收来电都是诈骗，请立即挂断并报警。", {}),
    # safety and the address in care or service messages
    ("cn", "天气转凉，出门注意安全，您的账单将于本月20日到期。", {}),
    ("cn", "台风来临，请注意安全；还款可通过APP操作，无需外出。", {}),
    ("cn", "为保障账户安全，请当心陌生来电，勿向他人透露验证码。", {}),
    ("cn", "您预留的通讯地址为某某小区2栋，如有变更请联系客服更新，以免错过账单。", {}),
    ("cn", "夜间出行请注意安全，如需还款可随时使用手机银行。", {}),
    ("cn", "为了您和家人的信息安全，请勿将验证码告诉他人。", {}),
    ("cn", "祝您和家人生活愉快，本期账单已出，请按时还款。", {}),
    ("cn", "若您或家人遇到困难导致还款困难，可联系我们申请帮扶。", {}),
    # borrowing words in a warning or a hardship offer
    ("cn", "请勿通过网贷平台借款还款，如有困难可申请分期。", {}),
    ("cn", "我们不建议您向XX花、某某贷等平台借钱还款，可以联系我们协商还款方案。", {}),
    ("cn", "谨防秒到账贷款广告诈骗，本行不会要求您借新还旧。", {}),
    ("cn", "如资金周转困难，可以申请延期还款或分期还款。", {}),
    ("cn", "还款后账户即结清，结清证明可在APP下载。", {}),
    ("cn", "您可以先还最低还款额，剩余部分分期结清。", {}),
    ("cn", "本行从不推荐任何小额贷款APP，请勿轻信。", {}),
    # the website, the newsletter, the church in innocent use
    ("cn", "本行官网公布了营业网点和服务时间，欢迎查询。", {}),
    ("cn", "本月客户简报：新增线上还款渠道，欢迎使用。", {}),
    ("cn", "我们不会在官网或任何名单上公开您的个人信息。", {}),
    ("cn", "教会、社团等第三方不会收到任何关于您账户的信息。", {}),
    # a payment reminder and letters that state an amount
    ("cn", "您的借款已逾期3天，欠款金额1200元，请于今日还款。", {}),
    ("cn", "尊敬的{姓氏}先生/女士：根据《个人借款合同》，截至2026年6月1日您尚欠本息合计人民币12,345.67元。"
     "如有异议，请致电客服热线95555。", LETTER),
    ("cn", "致借款人{name_masked}：依据《信用卡领用合约》，您的欠款金额为{amount}。如对账务有异议，请联系我行客服400-800-1234。", LETTER),
    ("cn", "尊敬的客户：按照借款协议约定，您的贷款已逾期30天，欠款共计3200元。如有疑问请拨打热线95588。", LETTER),
    ("cn", "尊敬的客户：根据借款合同，您尚欠￥8,600.00未还。如有异议请致电客服热线4008001234。", LETTER),
    # English: never publishing, never contacting the church
    ("us", "We never publish a list of customers or contact your church about a debt.", {}),
    ("us", "If someone says they will post your debt online, it is a scam; report it to us.", {}),
    ("us", "Our newsletter this month: new branch hours and online payments.", {}),
    ("us", "Our website lists our branch locations and phone numbers.", {}),
    ("us", "We will not contact your employer, family, or church about this debt.", {}),
    ("us", "Please do not take out a new loan to pay this; call us to set up a plan.", {}),
    ("us", "Do not borrow from friends or family to pay us. We can lower your payment instead.", {}),
    ("us", "Stay safe during the storm; you can pay online without leaving home.", {}),
    ("us", "Be careful of scammers pretending to be us.", {}),
    ("us", "We can set up a payment plan so your family budget stays manageable.", {}),
    ("us", "Your card ending in 1234 has a balance of $210.45 due on July 3.", {}),
    ("us", "A new card with a new number has been mailed to you.", {}),
    ("us", "We're open Monday to Friday, 8 a.m. to 8 p.m. Call us any time in those hours.", {}),
    ("us", "Members of our credit union can find free budgeting classes on our website.", {}),
    ("us", "You can pay with a debit card, bank transfer or check.", {}),
    ("us", "Fees: +$0.00. Interest: +$0.00. Your balance is $640.00.", {}),
    ("us", "No interest or fees have been added to your account since March 3.", {}),
    ("us", "Stay safe and take care of yourself; when you are ready, call us to talk about your account.", {}),
    ("us", "We know times are hard for you and your family; we can pause payments for 60 days.", {}),
    ("us", "Your payment of $75.00 was received. Thank you, and have a great week.", {}),
    ("us", "Our club rewards program is open to all cardholders.", {}),
    ("us", "If a scammer threatens to tell your church or employer, hang up and call us.", {}),
    ("us", "Your loan has been paid in full. The lien release will be mailed to your address.", {}),
    ("us", "You may authorize a family member to speak with us about your account.", {}),
    ("us", "Can't make a payment this week? Call us and we will find a plan that works for you.", {}),
    ("us", "Our website lets you pay your balance, see your due date and set up autopay.", {}),
    ("us", "Don't want to miss a payment? Set up autopay from your checking account.", {}),
    # near misses found while fixing: the address confirmed, the lender's own channels, a tip
    ("cn", "您好，您登记的小区地址我们已核实，如需修改请联系客服。", {}),
    ("cn", "您家小区门口有我行网点，出门办理还款很方便，注意安全。", {}),
    ("cn", "您可在官网公布的还款渠道中选择。", {}),
    ("cn", "您的借款已逾期，请勿通过XX花、某某借等平台借款还款。", {}),
    ("us", "We know where you can get free credit counseling. Stay safe.", {}),
    ("us", "Our newsletter shows members how to avoid late fees.", {}),
    ("cn", "我司承诺：不爆通讯录、不骚扰亲友、不上门。", {}),
    ("cn", "本行官网公布的客服热线为95555。", {}),
    ("us", "Our newsletter features tips for members who are behind on payments; call us for help.", {}),
    ("us", "Interest +$0.00 Fees +$0.00 Payments -$25.00 Total $975.00", {}),
    ("us", "Ask a family member for help reading this letter.", {}),
    ("us", "We will not lend you more money until this is paid.", {}),
    ("us", "Let the members of our support team know how we did.", {}),
    ("cn", "我们从不通过曝光通讯录、骚扰家人等方式催收，请放心。", {}),
    ("cn", "如您资金周转困难，可申请延期，我们会为您结清后开具证明。", {}),
    # CFPB-model validation notices: the itemisation shows zero fees and zero interest
    ("us", "To: {consumer_name}. Acme Collections is a debt collector. We are trying to collect a debt that you owe to First Bank. "
     "We will use any information you give us to help collect the debt. Our information shows: "
     "You had a credit card account from First Bank with account number ending 4321. "
     "As of January 2, 2026, you owed: $2,310.00. Between January 2, 2026 and today: "
     "You were charged this amount in interest: + $0.00. You were charged this amount in fees: + $0.00. "
     "You paid or were credited this amount toward the debt: - $100.00. Total amount of the debt now: $2,210.00. "
     "Call or write to us by March 10, 2026, to dispute all or part of the debt. "
     "Acme Collections, PO Box 1, Springfield, IL. Call us at 800-555-0100.", LETTER),
    ("us", "Dear {first_name}, Acme Collections is a debt collector. We are trying to collect a debt that you owe to "
     "First Bank. As of January 2, 2026, you owed: $2,310.00. Between January 2, 2026 and today: You were charged this "
     "amount in interest: + $0.00. You were charged this amount in fees: + $0.00. Total amount of the debt now: $2,310.00. "
     "Call or write to us by March 10, 2026, to dispute all or part of the debt. Call us at 800-555-0100.", LETTER),
    ("us", "Dear {first_name}, Midwest Recovery is a debt collector trying to collect a debt you owe to Metro Card. "
     "Itemization: interest +$0.00, fees +$0.00, payments -$0.00. Total amount of the debt now: $980.55. "
     "If you dispute this debt, write to us by June 30. Contact us at (888) 555-0142 or www.example.com.", LETTER),
    ("us", "Dear {first_name}, Between May 1 and today you were charged fees of +$0.00 and interest of +$0.00. "
     "Total amount of the debt now: {amount}. This is an attempt to collect a debt by a debt collector, "
     "on behalf of your creditor Metro Bank. To dispute, call us at 800-555-0100.", LETTER),
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


def test_the_sets_meet_the_issue_bar_and_are_big_enough():
    for lang in ("cn", "us"):
        breaking = [(c, t, kw) for j, c, t, kw in BREAKING if j == lang]
        compliant = [(t, kw) for j, t, kw in COMPLIANT if j == lang]
        assert len(breaking) >= 30 and len(compliant) >= 30
        hits = sum(c in _categories(lang, t, kw) for c, t, kw in breaking)
        alarms = sum(bool(check_text(t, PACKS[lang], **kw)) for t, kw in compliant)
        assert hits / len(breaking) >= 0.9 and alarms / len(compliant) <= 0.1, (lang, hits, alarms)
