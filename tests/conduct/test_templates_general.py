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

# A second wave, written after the first rules were in and checked before any change (40 % of it
# was caught then): what a rule built from the first wave still missed.
BREAKING += [
    ("cn", "threat", "你儿子在哪个学校上学，我们心里有数。", {}),
    ("cn", "threat", "别逼我们去你老家跟乡亲们打个招呼。", {}),
    ("cn", "threat", "你要是继续装死，后面的事情就不是打电话这么简单了。", {}),
    ("cn", "threat", "这个月不还，你们全家都别想过安稳日子。", {}),
    ("cn", "threat", "劝你识相点，不然有你受的。", {}),
    ("cn", "threat", "我们会联系你单位，让你这份工作干不成。", {}),
    ("cn", "shaming", "你欠钱的事，我们会编辑成图片发给你微信好友。", {}),
    ("cn", "shaming", "你们小区门口明天会贴出你的欠款告示。", {}),
    ("cn", "shaming", "我们将把你的欠款信息在本地生活群里滚动播放。", {}),
    ("cn", "shaming", "你的照片会被做成海报挂在村委会门口。", {}),
    ("cn", "borrow_to_repay", "家里亲戚朋友那么多，随便凑一凑就还上了。", {}),
    ("cn", "borrow_to_repay", "去申请个网商贷，额度下来先还我们的。", {}),
    ("cn", "borrow_to_repay", "用你的信用卡取现，今天就能把账平了。", {}),
    ("cn", "borrow_to_repay", "你可以把手机抵押了，或者去借个小额贷款。", {}),
    ("cn", "borrow_to_repay", "拍拍贷上面秒批的，你借一笔就行。", {}),
    ("cn", "excess_pii", "杨丽娟女士：您本月应还款项已逾期。", {}),
    ("cn", "excess_pii", "提醒周志强先生，您的账单已逾期15天。", {}),
    ("cn", "impersonation", "我是东城分局经侦大队的，你这个案子已经立了。", {}),
    ("cn", "impersonation", "区人民法院的李法官让我转告你，三天内必须还清。", {}),
    ("cn", "impersonation", "我们这边是市公安局网安支队，核实你的网贷欠款问题。", {}),
    ("cn", "extra_fee", "逾期账户每天加收20元滞纳管理费。", {}),
    ("cn", "extra_fee", "需要先交300元的减免申请费，才能为你办理减免。", {}),
    ("cn", "extra_fee", "外访人员的车马费由您承担，共计150元。", {}),
    ("cn", "insult", "你这种人就是社会的蛀虫。", {}),
    ("cn", "insult", "别给脸不要脸。", {}),
    ("cn", "third_party", "再不接电话，我们就打给你表哥表姐。", {}),
    ("us", "threat", "If you keep ignoring us, you'll find out the hard way.", {}),
    ("us", "threat", "We know your daughter goes to Lincoln Elementary.", {}),
    ("us", "threat", "Don't make us come looking for you.", {}),
    ("us", "threat", "We'll call your HR department and make sure you're out of a job.", {}),
    ("us", "threat", "Your life is about to get a lot more complicated.", {}),
    ("us", "insult", "Grow up and pay your bills like an adult, you freeloading bum.", {}),
    ("us", "insult", "Are you really this clueless?", {}),
    ("us", "insult", "Stop being such a coward and answer the phone.", {}),
    ("us", "shaming", "Your name will appear on our public delinquent accounts page.", {}),
    ("us", "shaming", "We're going to put up flyers about your debt around your block.", {}),
    ("us", "shaming", "We will tag you in a post so all your Facebook friends see what you owe.", {}),
    ("us", "third_party", "Your church will get a letter about this debt.", {}),
    ("us", "borrow_to_repay", "Cash out your 401k, that's what it's there for.", {}),
    ("us", "borrow_to_repay", "Ask your bank for a personal loan and wire it to us.", {}),
    ("us", "borrow_to_repay", "You could always take out a title loan on your truck.", {}),
    ("us", "borrow_to_repay", "Max out your Discover card and send us the money today.", {}),
    ("us", "borrow_to_repay", "Get a payday advance from your employer and pay us Friday.", {}),
    ("us", "excess_pii", "Mrs. Linda Carter - this notice concerns your overdue account.", {}),
    ("us", "excess_pii", "Attention Dr. Samuel Okafor: your balance is past due.", {}),
    ("us", "impersonation", "Sergeant Daniels here from the Cook County Sheriff's Office about your debt.", {}),
    ("us", "impersonation", "This message is from the county prosecutor's office regarding your unpaid account.", {}),
    ("us", "impersonation", "I'm calling from the fraud division of the state police about your credit card balance.", {}),
    ("us", "extra_fee", "We charge a $29 payment processing fee on all card payments.", {}),
    ("us", "extra_fee", "An administrative surcharge of 15% has been applied to your account.", {}),
    ("us", "extra_fee", "Your account has been assessed a $50 returned-mail fee.", {}),
    ("us", "extra_fee", "A collection cost of $200 is now part of your balance.", {}),
]

# A third wave, the same way (65 % caught before its fixes; its compliant half found three false
# alarms: "online payment page", "message on Facebook", 查看《…协议》 for a fee).
BREAKING += [
    ("cn", "threat", "咱们把话说在前头，你不还，你家里人也别想清静。", {}),
    ("cn", "threat", "你妈身体不好吧？别让老人家为你的事操心。", {}),
    ("cn", "threat", "钱不还，我们就去你爸妈那里等你。", {}),
    ("cn", "threat", "你这样拖着，出了什么事可别怨我们。", {}),
    ("cn", "threat", "我们有的是办法让你还钱。", {}),
    ("cn", "shaming", "我们会把你的情况发到你们老乡群，让大家评评理。", {}),
    ("cn", "shaming", "你要是还不还，你的欠款截图明天就会出现在你朋友圈每个人的手机上。", {}),
    ("cn", "shaming", "我们准备在你单位的公告栏贴一份欠款说明。", {}),
    ("cn", "shaming", "你们公司群里已经有人在传你欠钱的事了，再不还就更多人知道。", {}),
    ("cn", "borrow_to_repay", "你支付宝里不是有借呗额度吗？先借出来还了。", {}),
    ("cn", "borrow_to_repay", "找你爸妈要点钱先还上，这有什么难的。", {}),
    ("cn", "borrow_to_repay", "去申请个信用贷，下来马上还我们。", {}),
    ("cn", "borrow_to_repay", "你信用卡还有额度吧，套出来还了。", {}),
    ("cn", "excess_pii", "黄晓明先生您好，这里是XX金融贷后管理部。", {}),
    ("cn", "excess_pii", "尊敬的用户孙丽丽女士，您的账单已逾期。", {}),
    ("cn", "impersonation", "这里是朝阳区人民检察院，你涉嫌恶意拖欠，请配合调查。", {}),
    ("cn", "impersonation", "我是法院的执行干警，你的欠款案已进入执行。", {}),
    ("cn", "impersonation", "派出所张警官已经把你的情况登记了，尽快还钱。", {}),
    ("cn", "extra_fee", "逾期超过30天，每月额外收取账户管理费99元。", {}),
    ("cn", "extra_fee", "本次外访产生的交通费和误工费需由您承担。", {}),
    ("cn", "extra_fee", "结清前需支付200元的结清证明办理费。", {}),
    ("cn", "threat", "你要是再不接电话，我们就让你在厂里抬不起头来。", {}),
    ("us", "threat", "Pay up or your family will be dealing with us too.", {}),
    ("us", "threat", "It would be a shame if your boss heard about this.", {}),
    ("us", "threat", "We'll be waiting outside your kids' school.", {}),
    ("us", "threat", "This will follow you and your family until you pay.", {}),
    ("us", "insult", "Nobody likes a deadbeat who hides from his debts.", {}),
    ("us", "insult", "Listen, pal, stop being a crybaby and pay.", {}),
    ("us", "shaming", "We'll put your name in the HOA newsletter as a delinquent payer.", {}),
    ("us", "shaming", "Everyone in your neighborhood group chat will know you don't pay your bills.", {}),
    ("us", "shaming", "We will pin a notice about your unpaid balance on the community board at your building.", {}),
    ("us", "borrow_to_repay", "Borrow against your home equity and get us paid.", {}),
    ("us", "borrow_to_repay", "Sign up for a new credit card today and use it to pay off this debt.", {}),
    ("us", "borrow_to_repay", "Take an early withdrawal from your 403(b) to settle this.", {}),
    ("us", "borrow_to_repay", "Why not grab a quick loan from an app like MoneyLion and pay us?", {}),
    ("us", "excess_pii", "Ms. Angela Martinez, your account is seriously past due.", {}),
    ("us", "impersonation", "You are speaking with Officer Grant of the state highway patrol regarding your debt.", {}),
    ("us", "impersonation", "Special Agent Lewis, U.S. Marshals Service, needs to discuss your delinquent account.", {}),
    ("us", "impersonation", "This is Investigator Hall from the district attorney's fraud unit.", {}),
    ("us", "extra_fee", "A $35 account servicing fee was applied to your balance today.", {}),
    ("us", "extra_fee", "To set up a payment plan we charge a one-time $50 setup fee.", {}),
    ("us", "extra_fee", "Each reminder letter adds a $10 notice fee to what you owe.", {}),
    ("us", "threat", "We'll see to it that you're let go from your job.", {}),
]

# Whole templates as a lender sends them, one breaking sentence inside otherwise proper text (79 %
# caught before its fixes: 同步至业主微信群, 跟您家里人沟通, "make sure your employer lets you go").
BREAKING += [
    ("cn", "threat", "【XX消费金融】您的借款已逾期45天，欠款{amount}元。我们的同事下周会去您老家了解情况，请提前安排。", {}),
    ("cn", "shaming", "【XX贷】您已严重逾期，若48小时内仍未处理，我们将把您的欠款信息同步至您所在小区的业主微信群。", {}),
    ("cn", "borrow_to_repay", "您好，您的账单已逾期。如果手头紧，可以先用其他平台的额度周转一下，把我们这边结清，避免影响征信。", {}),
    ("cn", "extra_fee", "【XX金融】您的借款已逾期60天，除本息外已产生催收服务费及上门核查费合计480元，请一并支付。", {}),
    ("cn", "impersonation", "您好，我是市中级人民法院执行局的陈法官，现就您拖欠XX公司借款一事正式通知您，请在三日内履行还款义务。", {"channel": "call"}),
    ("cn", "excess_pii", "【XX银行】赵建华先生，您尾号6789的信用卡本期应还{amount}元，已逾期10天，请尽快还款。", {"channel": "sms"}),
    ("cn", "threat", "您好，这边是XX金融。您一直不处理，我们也很为难，只能换个方式跟您家里人沟通了，到时候别说我们没提醒。", {}),
    ('us', 'threat', "This is ABC Recovery. We've tried to work with you. If we don't hear back today, we will make sure your employer lets you go.", {}),
    ("us", "shaming", "Final notice: if this balance remains unpaid, details of the account will be shared in your neighborhood Facebook group.", {}),
    ("us", "borrow_to_repay", "Your account is 90 days past due. Many customers in your situation take a hardship withdrawal from their 401(k) to resolve this. Call us today.", {}),
    ("us", "extra_fee", "Your current balance of $1,240.00 includes a $45 account maintenance fee and a $30 collection processing fee.", {}),
    ('us', 'impersonation', "Hello, this is Deputy Collins with the Franklin County Sheriff's Office. I'm calling about the credit card debt you owe to ABC Bank.", {'channel': 'call'}),
    ("us", "excess_pii", "ABC Bank: Mr. Thomas Wright, your payment of $210.00 is 20 days late. Call 1-800-555-0100.", {"channel": "sms"}),
    ('us', 'insult', "We've called you six times. Stop being a deadbeat and call us back.", {}),
]

# A fourth wave (69 % caught before its fixes; one false alarm: contacting references for location
# information, which the FDCPA allows).
BREAKING += [
    ("cn", "impersonation", "刘法官说了，你这个月再不还就直接强制执行。", {}),
    ("cn", "impersonation", "我是张警官，你的网贷问题我们已经掌握了，尽快把钱还了。", {}),
    ("cn", "impersonation", "这边是检察院孙检察官，关于你欠XX平台的钱，需要你今天给个说法。", {}),
    ("cn", "threat", "我们已经派人去你爸妈家了，你自己看着办。", {}),
    ("cn", "threat", "你老家的地址我们有，要不要我们过去一趟？", {}),
    ("cn", "threat", "钱不还，这事跟你没完。", {}),
    ("cn", "threat", "小心你出门的时候。", {}),
    ("cn", "shaming", "我们会在你们村的大喇叭里广播你欠钱不还的事。", {}),
    ("cn", "shaming", "你的欠款信息已经挂到我们的失信公示页面上了。", {}),
    ("cn", "shaming", "我们会把你的事发到你们公司的内部论坛。", {}),
    ("cn", "borrow_to_repay", "你找个口子先下款，把我们这边的窟窿补上。", {}),
    ("cn", "borrow_to_repay", "你微粒贷不是还有额度吗？", {}),
    ("cn", "borrow_to_repay", "实在不行你去抖音放心借借点。", {}),
    ("cn", "extra_fee", "因您未按时还款，系统已自动扣除逾期手续费88元。", {}),
    ("cn", "extra_fee", "需另付风险保证金500元才能申请分期。", {}),
    ("cn", "excess_pii", "林美玲女士，请于今日18:00前还款。", {}),
    ("cn", "insult", "你这种人怎么好意思借钱？", {}),
    ("cn", "insult", "真是个废柴，连这点钱都还不上。", {}),
    ("us", "insult", "Only a bum like you would dodge a $300 bill.", {}),
    ("us", "insult", "You're a joke, pay your bill.", {}),
    ("us", "insult", "Quit acting like a spoiled brat and pay.", {}),
    ("us", "insult", "What kind of loser ignores his debts?", {}),
    ("us", "shaming", "We'll list your name on the community notice board at the rec center.", {}),
    ("us", "shaming", "We'll let the whole neighborhood group know that you stiffed us.", {}),
    ("us", "shaming", "Your overdue balance will be posted in the tenants' group chat.", {}),
    ("us", "borrow_to_repay", "Have you thought about getting a cash advance on your credit card to clear this?", {}),
    ("us", "borrow_to_repay", "Open a store card, buy a gift card and send it to us.", {}),
    ("us", "borrow_to_repay", "Your 401(k) has plenty in it; a loan from it would cover this.", {}),
    ("us", "borrow_to_repay", "Just ask your parents to lend you the money.", {}),
    ("us", "excess_pii", "Hi Mr. Daniel Kim, this is a reminder about your past-due balance.", {"channel": "sms"}),
    ("us", "excess_pii", "Mrs. Patricia Nguyen: your account is now in collections.", {"channel": "email"}),
    ("us", "impersonation", "Agent Ruiz, FBI, regarding your delinquent loan. Call back immediately.", {}),
    ("us", "impersonation", "Officer Bell from the police department asked us to inform you that your debt must be paid.", {}),
    ("us", "impersonation", "This is Judge Harper's office calling about the money you owe.", {}),
    ("us", "impersonation", "I am an investigator with the district attorney's office and I need payment today.", {}),
    ("us", "extra_fee", "A $12.50 convenience charge applies to all payments by phone.", {}),
    ("us", "extra_fee", "We've added a $60 file review fee to your account.", {}),
    ("us", "extra_fee", "Pay today to avoid a $100 collection surcharge.", {}),
    ("us", "threat", "You really don't want us showing up at your workplace.", {}),
    ("us", "threat", "We will make your life very difficult.", {}),
    ("us", "threat", "You'll be sorry if you keep ignoring these calls.", {}),
    ("us", "threat", "We'll be in touch with your wife's employer next.", {}),
]

# A fifth wave (77 % caught before its fixes, no false alarm): 要不要我们… is a question, not a
# negation; 到你父母住的小区, 睡不好觉, "and see what happens", "don't be such a cheapskate".
BREAKING += [
    ("cn", "threat", "我们的人明天就到你父母住的小区，到时候你别后悔。", {}),
    ("cn", "threat", "你老家是XX县的吧？我们那边也有同事。", {}),
    ("cn", "threat", "今天不还，今晚你就睡不好觉了。", {}),
    ("cn", "threat", "后果你自己掂量掂量。", {}),
    ("cn", "threat", "给你脸你不要，那就别怪我们用别的办法了。", {}),
    ("cn", "threat", "我们会让你在你们公司混不下去。", {}),
    ("cn", "shaming", "你的欠款记录已经整理好，准备发到你们家族群。", {}),
    ("cn", "shaming", "下一步我们会在你们小区的宣传栏公示你的逾期信息。", {}),
    ("cn", "shaming", "要不要我们在你大学校友群里帮你宣传一下？", {}),
    ("cn", "shaming", "我们会在你所在社区的居民群里发布催收通知。", {}),
    ("cn", "borrow_to_repay", "你先在安逸花借出来，把这期补上。", {}),
    ("cn", "borrow_to_repay", "可以用花呗买点东西转卖，钱就有了。", {}),
    ("cn", "borrow_to_repay", "信用卡套现一下就能还上，很简单。", {}),
    ("cn", "borrow_to_repay", "借呗、白条随便哪个借一笔先还我们。", {}),
    ("cn", "excess_pii", "【XX金融】吴晓东先生，您的借款已逾期。", {}),
    ("cn", "excess_pii", "致：郑秀芳女士，您的账单已逾期20天。", {}),
    ("cn", "impersonation", "我是县公安局的李警官，有人举报你借钱不还，你今天必须处理。", {}),
    ("cn", "impersonation", "执行法官王某某责令你于三日内还清XX平台欠款。", {}),
    ("cn", "extra_fee", "您的账户已产生逾期处理费200元，请连同欠款一并还清。", {}),
    ("cn", "extra_fee", "我们派人上门的费用300元需要您来出。", {}),
    ("cn", "extra_fee", "逾期第3天起收取信息服务费每日10元。", {}),
    ("us", "threat", "We'll send a team to your parents' house in Ohio.", {}),
    ("us", "threat", "It'd be a pity if this affected your job.", {}),
    ("us", "threat", "Keep ignoring us and see what happens.", {}),
    ("us", "threat", "We'll make sure your boss knows and that you're fired.", {}),
    ("us", "insult", "You scumbags always have an excuse.", {}),
    ("us", "insult", "Pay it, you dirtbag.", {}),
    ("us", "insult", "You're pathetic.", {}),
    ("us", "insult", "Don't be such a cheapskate.", {}),
    ("us", "shaming", "We'll post a notice about your debt on the bulletin board in your building's lobby.", {}),
    ("us", "shaming", "We're going to share your balance with your HOA's Facebook group.", {}),
    ("us", "shaming", "Everyone on Nextdoor will know you don't pay what you owe.", {}),
    ("us", "borrow_to_repay", "Take a hardship loan from your retirement plan and pay us in full.", {}),
    ("us", "borrow_to_repay", "Use a credit card cash advance today to bring the account current.", {}),
    ("us", "borrow_to_repay", "Get a new credit card with a 0% balance transfer and move this debt to it.", {}),
    ("us", "borrow_to_repay", "Borrow the money from a friend and call us back.", {}),
    ("us", "excess_pii", "Ms. Rebecca Stone, your payment is overdue.", {"channel": "sms"}),
    ("us", "excess_pii", "Hey Mr. Luis Ortega, we need to talk about your balance.", {"channel": "sms"}),
    ("us", "impersonation", "This is Special Agent Carter with the FBI. You need to settle your debt today.", {}),
    ("us", "impersonation", "Officer Reyes, sheriff's department, here about your overdue account.", {}),
    ("us", "impersonation", "I'm a detective with the local police and I'm following up on your unpaid loan.", {}),
    ("us", "extra_fee", "There is now a $25 late handling fee on your account.", {}),
    ("us", "extra_fee", "An additional $40 collection charge will be assessed tomorrow.", {}),
    ("us", "extra_fee", "We've applied a $19.99 account recovery fee.", {}),
]

# A sixth wave, mostly compliant texts with the risky words (75 % of its breaking half caught before;
# three false alarms: 在官网公告栏发布《…公告》 about the lender's own conduct, 服务费减免活动, "if you
# lose your job, call us", which the old pack called a false legal consequence).
BREAKING += [
    ("cn", "threat", "我们已经查到你老婆上班的地方了。", {}),
    ("cn", "threat", "你不还也行，我们直接去你老家找你爷爷奶奶要。", {}),
    ("cn", "shaming", "再拖，你的照片就会出现在你们村的微信群里。", {}),
    ("cn", "borrow_to_repay", "你可以先找网贷平台借出来周转。", {}),
    ("cn", "extra_fee", "由于多次联系不上您，已额外加收失联查找费150元。", {}),
    ("cn", "impersonation", "我是派出所的民警，你的借款纠纷已经转到我们这里。", {}),
    ("us", "threat", "We know your husband works at the plant on 5th Street.", {}),
    ("us", "shaming", "Your debt will be announced at the next HOA meeting.", {}),
    ("us", "borrow_to_repay", "Tap your Roth IRA and pay this off.", {}),
    ("us", "extra_fee", "We are adding a $30 fee for each call we make to you.", {}),
    ("us", "impersonation", "Trooper Walsh of the state police is handling your unpaid account.", {}),
    ("us", "insult", "Stop acting like a child and pay your debt.", {}),
]

# A seventh wave (67 % caught before its fixes, no false alarm): 孩子被人指指点点, 同学会的群里说,
# 找个贷款周转, buying on 白条 to sell, 何志伟先生 (志 is a given name here), "we have people in your
# area", "think about your kids before …", "a waste of time".
BREAKING += [
    ("cn", "threat", "你再躲，我们就只能去你老丈人家里坐坐了。", {}),
    ("cn", "threat", "你也不想你孩子在学校被人指指点点吧？", {}),
    ("cn", "threat", "识相的话今天就把钱还了，别逼我们。", {}),
    ("cn", "shaming", "你要是不还，我们就把你的欠款发到朋友圈，配上你的照片。", {}),
    ("cn", "shaming", "我们会在你们同学会的群里说这件事。", {}),
    ("cn", "borrow_to_repay", "你先找个贷款周转一下，以后再慢慢还别人的。", {}),
    ("cn", "borrow_to_repay", "用京东白条分期买个手机，卖了钱先还我们。", {}),
    ("cn", "excess_pii", "何志伟先生，我们是XX金融，请回电。", {"channel": "sms"}),
    ("cn", "impersonation", "我是公安局经侦的刘警官，现在通知你马上还款。", {}),
    ("cn", "extra_fee", "因逾期，您的账户将被收取每天50元的延期管理费。", {}),
    ("cn", "extra_fee", "要办理停催，需要先交一笔停催服务费。", {}),
    ("us", "threat", "We have people in your area, and they can stop by anytime.", {}),
    ("us", "threat", "Think about your kids before you ignore this letter again.", {}),
    ("us", "shaming", "We'll put your name and balance in our monthly 'delinquent customers' newsletter.", {}),
    ("us", "shaming", "Your unpaid balance will be shared in your alumni association's Facebook group.", {}),
    ("us", "borrow_to_repay", "Refinance your car with another lender and use the cash to settle with us.", {}),
    ("us", "borrow_to_repay", "Just put the balance on a new credit card and you're done with us.", {}),
    ("us", "excess_pii", "Dear Ms. Karen Mitchell, your account is delinquent.", {"channel": "email"}),
    ("us", "impersonation", "This is Lieutenant Moore. The police department has your file regarding the money you owe.", {}),
    ("us", "impersonation", "I'm Agent Price with the Department of Justice and this debt must be paid today.", {}),
    ("us", "extra_fee", "A $20 statement fee will be charged each month until you pay.", {}),
    ("us", "extra_fee", "We've tacked a $35 processing charge onto your balance.", {}),
    ("us", "insult", "Do the right thing for once, you freeloader.", {}),
    ("us", "insult", "Honestly, you're a waste of time.", {}),
]

# An eighth wave (60 % caught before its fixes, no false alarm): insults and veiled threats are the
# open-ended kinds (leeches, "nice try, genius", 没皮没脸, 你还算个人吗, "watch my step", 家住几楼
# 我们都知道, 把事情闹大), and "your neighbors will see", 给你所有微信好友发.
BREAKING += [
    ("us", "insult", "You absolute clown, answer your phone.", {}),
    ("us", "insult", "People like you are leeches.", {}),
    ("us", "insult", "Man up and pay what you owe, you coward.", {}),
    ("us", "insult", "Nice try, genius. Pay the bill.", {}),
    ("us", "threat", "If I were you, I'd watch my step.", {}),
    ("us", "threat", "We can make things very uncomfortable at your job.", {}),
    ("us", "threat", "Ignore this and you'll regret the day you took this loan.", {}),
    ("us", "shaming", "Your neighbors will see your name on our 'do not lend' flyer.", {}),
    ("us", "shaming", "We'll mention your unpaid account in the church newsletter.", {}),
    ("us", "borrow_to_repay", "Pull some money out of your pension and we can close this today.", {}),
    ("us", "borrow_to_repay", "A quick payday loan would take care of this by Friday.", {}),
    ("us", "impersonation", "Sheriff's Deputy Allen is calling on behalf of the court regarding your balance.", {}),
    ("us", "impersonation", "This is Detective Sharp. Your unpaid loan has been referred to our unit.", {}),
    ("us", "extra_fee", "Your payoff now includes a $95 document preparation fee.", {}),
    ("us", "extra_fee", "A skip tracing charge of $45 has been added.", {}),
    ("us", "excess_pii", "Mr. Anthony Russo: final notice on your overdue account.", {"channel": "sms"}),
    ("cn", "insult", "你这人真是没皮没脸。", {}),
    ("cn", "insult", "欠钱不还，你还算个人吗？", {}),
    ("cn", "threat", "你家住几楼我们都知道。", {}),
    ("cn", "threat", "劝你别把事情闹大。", {}),
    ("cn", "shaming", "我们会给你所有微信好友发一条你的欠款提醒。", {}),
    ("cn", "borrow_to_repay", "你去分期乐借一笔，先把这个月的还了。", {}),
    ("cn", "extra_fee", "本次逾期产生的律师函制作费100元由您承担。", {}),
    ("cn", "impersonation", "我是区检察院的，现在正式通知你尽快还清欠款。", {}),
    ("cn", "excess_pii", "【XX银行】冯晓丽女士您好，您的信用卡已逾期。", {}),
]

# A ninth wave on the kinds the fresh set missed, in their plainest wording (90 % caught before
# its fixes, no false alarm): 让你的老家人都知道…你看着办, 网贷…先把我们这边平掉, "go up on the
# community notice board".
BREAKING += [
    ("cn", "threat", "再不还款，我们就安排人去你父母家里拜访。", {}),
    ("cn", "threat", "你要是继续拖，你的日子不会好过的。", {}),
    ("cn", "threat", "不还钱的话，等着瞧会有什么后果。", {}),
    ("cn", "threat", "我们会让你的老家人都知道你是什么样的人，你看着办。", {}),
    ("cn", "shaming", "明天上午我们会把你的欠款截图发在你们小区的QQ群里。", {}),
    ("cn", "shaming", "你的逾期信息将在你老家村里的微信群公布。", {}),
    ("cn", "shaming", "我们会把催收通知贴到你单位楼下的公告栏。", {}),
    ("cn", "borrow_to_repay", "先从借呗借点出来把我们的账还了，再慢慢还借呗。", {}),
    ("cn", "borrow_to_repay", "你可以申请一张信用卡，套现出来还款。", {}),
    ("cn", "borrow_to_repay", "网贷那么多，你随便找一个先把我们这边平掉。", {}),
    ("cn", "excess_pii", "陈建国先生，您好，您的借款已逾期30天。", {"channel": "sms"}),
    ("cn", "impersonation", "我是东湖派出所的王警官，你欠的钱今天必须还上。", {"channel": "call"}),
    ("cn", "impersonation", "我是区法院的李法官，现在通知你立即还款。", {"channel": "call"}),
    ("cn", "extra_fee", "因您逾期，已产生违约处理费200元，请一并支付。", {}),
    ("cn", "extra_fee", "外访人员上门将收取上门服务费300元。", {}),
    ("us", "threat", "We'll make sure you lose your job if this isn't paid.", {}),
    ("us", "insult", "Pay up, you deadbeat loser.", {}),
    ("us", "insult", "Stop being an idiot and call us back.", {}),
    ("us", "insult", "Listen here, scumbag, we're done waiting.", {}),
    ("us", "shaming", "We'll post your overdue balance in your neighborhood Facebook group.", {}),
    ("us", "shaming", "Your name will go up on the community notice board at the grocery store.", {}),
    ("us", "borrow_to_repay", "Take out a loan against your 401(k) to pay this off.", {}),
    ("us", "borrow_to_repay", "Open a new credit card and get a cash advance to cover this.", {}),
    ("us", "excess_pii", "Mr. James Carter, your account is 60 days past due.", {"channel": "sms"}),
    ("us", "impersonation", "This is Agent Wilson of the FBI calling about your unpaid credit card.", {"channel": "call"}),
    ("us", "impersonation", "Officer Daniels with the county sheriff's department needs to talk about your debt.", {}),
    ("us", "impersonation", "I'm an investigator with the district attorney regarding your unpaid account.", {}),
    ("us", "extra_fee", "A $40 account research fee has been added to your balance.", {}),
    ("us", "extra_fee", "We charge a $25 handling fee on every payment plan.", {}),
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

COMPLIANT += [
    ("cn", "祝您和家人新春快乐，如还款有困难可随时与我们联系。", {}),
    ("cn", "如需查询还款记录，可加入官方服务群或拨打客服热线。", {}),
    ("cn", "您可以使用借记卡、信用卡、微信或支付宝还款，均不收取手续费。", {}),
    ("cn", "本平台不会要求您通过其他平台借款还款，谨防诈骗。", {}),
    ("cn", "为方便您还款，我们开通了支付宝和微信还款渠道。", {}),
    ("cn", "逾期罚息按合同约定的日利率0.05%计算。", {}),
    ("cn", "您的信用卡年费300元已按领用合约收取。", {}),
    ("cn", "逾期后我司可能委托第三方催收机构与您联系。", {}),
    ("cn", "如果您的家人愿意协助您制定还款计划，也欢迎一同来电。", {}),
    ("cn", "我们会在每月5日发送还款提醒短信。", {}),
    ("cn", "若您对催收人员的服务有意见，可拨打投诉电话。", {}),
    ("cn", "如遇到有人冒充法院工作人员要求转账，请立即报警。", {}),
    ("cn", "我行将按照法律规定向征信机构报送您的还款信息。", {}),
    ("cn", "您好，张先生，您的分期申请已审批通过。", {}),
    ("cn", "刘女士您好，感谢您的来电。", {}),
    ("cn", "本通知仅发送给您本人，请妥善保管您的个人信息。", {}),
    ("cn", "如收入受影响，可申请延期还款。", {}),
    ("cn", "您可以在APP“我的-账单”中查看利息和费用明细。", {}),
    ("cn", "如对本次外访有疑问，可拨打客服热线核实外访人员身份。", {}),
    ("cn", "您可申请将账单分为12期，分期手续费率以页面展示为准。", {}),
    ("cn", "请不要向身边的朋友借钱还款，我们可以一起商量方案。", {}),
    ("cn", "您的还款将优先冲抵逾期利息，再冲抵本金。", {}),
    ("cn", "公司官方抖音号会定期分享防诈骗知识。", {}),
    ("cn", "如您已还款，请忽略本短信，系统更新可能有延迟。", {}),
    ("cn", "我们不会上门，也不会联系您的亲友。", {}),
    ("us", "Follow us on Facebook for money-saving tips.", {}),
    ("us", "You can make a payment using your debit or credit card on our website.", {}),
    ("us", "We will never ask you to take out a loan to pay this account.", {}),
    ("us", "Your family members are not responsible for this debt unless they co-signed.", {}),
    ("us", "Questions? Call our customer care team at 1-800-555-0123.", {}),
    ("us", "A returned payment fee of $25 may apply as provided in your loan agreement.", {}),
    ("us", "Our collections specialist, Maria, will reach out next week.", {}),
    ("us", "Detailed information about your rights is available at consumerfinance.gov.", {}),
    ("us", "Dear Mrs. Thompson, we received your payment. Thank you.", {}),
    ("us", "Mr. Jackson, your payment arrangement has been confirmed.", {}),
    ("us", "If you receive a call from someone claiming to be a police officer about this account, hang up and call us.", {}),
    ("us", "Our office is located near the county courthouse on Main Street.", {}),
    ("us", "You may ask us to stop contacting you at work.", {}),
    ("us", "If you are experiencing financial hardship, a credit counseling agency may be able to help.", {}),
    ("us", "There is no charge for setting up autopay.", {}),
    ("us", "We may report information about your account to credit bureaus.", {}),
    ("us", "Please let us know if a family member helps you manage your finances.", {}),
    ("us", "We post updates about office closures on our website and social media.", {}),
    ("us", "Your payment plan keeps your account in good standing.", {}),
    ("us", "Retirement income such as Social Security is generally protected from collection.", {}),
    ("us", "We do not add interest or fees to your balance while your payment plan is active.", {}),
    ("us", "Agent #4471 helped you on your last call; you can ask for them by number.", {}),
    ("us", "Judge for yourself which plan fits your budget.", {}),
    ("us", "We are a debt collector. This is an attempt to collect a debt.", {}),
]

COMPLIANT += [
    ("cn", "您可以在APP内查看本期账单，并通过微信、支付宝完成还款。", {}),
    ("cn", "祝您和您的家人中秋快乐、阖家幸福。", {}),
    ("cn", "如果您的联系方式有变化，请及时在APP中更新，以免错过重要通知。", {}),
    ("cn", "逾期将按合同约定收取违约金，详见《借款合同》第七条。", {}),
    ("cn", "我们在官方微信群和公众号提供还款咨询服务。", {}),
    ("cn", "客服会在工作日通过电话与您联系，请注意接听。", {}),
    ("cn", "如您近期失去工作，可申请停息挂账，我们会尽量协助。", {}),
    ("cn", "本次办理延期不收取任何费用。", {}),
    ("cn", "请核对您的还款金额，如有疑问请致电客服。", {}),
    ("cn", "提前结清可免收剩余期数的服务费。", {}),
    ("cn", "您可以使用信用卡或借记卡在线支付本期欠款。", {}),
    ("cn", "本公司不会在朋友圈、微信群等公开渠道发布客户的任何信息。", {}),
    ("cn", "温馨提示：请勿通过借新还旧的方式还款，以免加重负担。", {}),
    ("cn", "若您需要开具还款证明，可在线申请，平台免费提供。", {}),
    ("cn", "感谢您对我们工作的理解和支持，祝您生活愉快。", {}),
    ("cn", "如需了解分期手续费，请查看《分期付款服务协议》。", {}),
    ("cn", "我们已经收到您的还款，感谢配合。", {}),
    ("cn", "您可前往就近网点或通过手机银行办理还款。", {}),
    ("cn", "您好，这里是XX银行信用卡中心，您本期账单已逾期3天。", {}),
    ("cn", "经核实，您已于6月5日结清全部欠款，相关记录将在5个工作日内更新。", {}),
    ("cn", "如对催收方式有意见，可拨打投诉热线或向地方金融监管部门反映。", {}),
    ("cn", "公司外访人员均持证上岗，上门前会提前电话预约。", {}),
    ("us", "Visit our online payment page to pay your balance.", {}),
    ("us", "You can send your payment online or by mail.", {}),
    ("us", "Send us a message on Facebook if you have questions about your account.", {}),
    ("us", "Your statement is available online; log in to view your balance.", {}),
    ("us", "We are here to help you and your family through difficult times.", {}),
    ("us", "If you want, a family member can join the call with your permission.", {}),
    ("us", "Your account has no late fees as long as your plan stays current.", {}),
    ("us", "Our team will reach out to you by phone during business hours.", {}),
    ("us", "Payments made by credit card are processed the same day.", {}),
    ("us", "There is no fee for paying by bank transfer.", {}),
    ("us", "Please update your address so we can reach you.", {}),
    ("us", "If you lost your job, we may be able to pause your payments.", {}),
    ("us", "You may contact your state attorney general's office if you have a complaint about us.", {}),
    ("us", "We won't share your information with your employer, family or friends.", {}),
    ("us", "Log in to our secure portal to see your payment history.", {}),
    ("us", "Thank you, Mr. Brown. Your next payment is due on the 15th.", {}),
    ("us", "Dear Dr. Kim, this letter confirms your settlement.", {}),
    ("us", "The community bank branch on Main Street accepts payments.", {}),
    ("us", "We post our holiday hours on our website.", {}),
    ("us", "Our payment processing partner may show a pending charge.", {}),
    ("us", "A hardship plan can lower your monthly payment for six months.", {}),
    ("us", "You can ask questions about your balance in our online chat.", {}),
]

# whole compliant templates (a refunded 手续费 was the one false alarm)
COMPLIANT += [
    ("cn", "【XX消费金融】尊敬的客户，您尾号2345的借款本期应还860.00元已逾期5天。逾期将按合同约定计收罚息，并按规定报送金融信用信息基础数据库。请登录APP还款，如有困难可申请延期。客服400-820-8888。", {}),
    ("cn", "【XX银行信用卡中心】温馨提示：近期有不法分子冒充法院、公安人员或我行工作人员，以“消除逾期记录”为由要求转账。我行不会通过个人账户收款，请通过官方渠道还款。", {}),
    ("cn", "您好，请问是王先生本人吗？我是XX消费金融的客服专员，工号1023。您在我司的借款已逾期12天，想了解一下您近期的还款安排。如有困难，我们可以为您申请分期方案。", {"channel": "call"}),
    ("cn", "尊敬的客户：因您的借款逾期超过90天，我司已委托XX律师事务所处理，后续可能依法向有管辖权的人民法院提起诉讼。如您对欠款有异议，请于15日内致电400-820-8888。", {}),
    ("cn", "您好，您作为借款人李*的担保人，依据《保证合同》第三条，借款人目前逾期30天，欠款合计12,000元，请督促其尽快还款或与我司联系。", {"recipient": "guarantor"}),
    ("cn", "您好，这里是XX公司，我们有重要事情需要联系刘先生，麻烦您转告他尽快回电400-820-8888，谢谢。", {"recipient": "third_party"}),
    ("cn", "【XX金融】您好，您的还款方式支持借记卡、信用卡、微信和支付宝，还款成功后短信通知将在10分钟内送达。", {}),
    ("cn", "【XX金融】我司外访人员将于本周三上午10点上门拜访，与您面谈还款方案。外访人员将出示工作证，如需改期请致电客服。", {}),
    ("cn", "尊敬的客户，为保障您的权益，我司催收人员不会向您的家人、同事透露您的借款信息，也不会在社交平台发布任何信息。如遇违规催收，请拨打投诉热线。", {}),
    ("cn", "您好，您的分期申请已通过，分期手续费按《分期业务协议》约定的费率收取，每期手续费已在还款计划中列明。", {}),
    ("cn", "【XX银行】尊敬的张女士，您本期信用卡账单已逾期3天，最低还款额500元。逾期可能产生违约金和利息，具体以《信用卡领用合约》为准。", {}),
    ("cn", "您好，关于您反映的扣款问题，我们已核实，多扣的30元手续费将在3个工作日内退回您的账户。", {}),
    ("cn", "【XX金融】您好，如您近期因失业、疾病等原因还款困难，可在APP提交材料申请延期，我们将在3个工作日内与您联系。", {}),
    ("cn", "您的借款已结清，感谢您的信任。结清证明可在APP“我的-借款记录”中下载，免费开具。", {}),
    ("cn", "尊敬的客户，我们注意到您最近没有登录APP，您的账单已逾期。请您抽空处理，如需帮助可加入官方客服群咨询。", {}),
    ("us", "ABC Bank: your credit card ending 1234 has a minimum payment of $35.00 that is 10 days past due. Pay online, by phone at 1-800-555-0100, or by mail. Reply STOP to opt out.", {}),
    ("us", "This is Jordan from ABC Recovery, a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose. Please call us at 1-800-555-0147 between 8 a.m. and 8 p.m.", {"channel": "call"}),
    ("us", "Hi, this is Sam with ABC Services calling for Maria Lopez. Please have her call us back at 1-800-555-0100. Thank you.", {"recipient": "third_party", "channel": "call"}),
    ("us", "As the co-signer on this auto loan, you are responsible for the $540.00 past-due amount under the terms of the credit agreement you signed.", {"recipient": "guarantor"}),
    ("us", "If we cannot reach an agreement, the creditor may decide to file a lawsuit. If a court enters a judgment, the creditor may be able to garnish wages as permitted by law.", {}),
    ("us", "Beware of scams: we will never call you pretending to be a police officer, a judge or an IRS agent, and we will never ask for payment by gift card.", {}),
    ("us", "Your payment plan of $75.00 per month has been set up. There are no fees for this plan, and you can pay by debit card, credit card or bank transfer.", {}),
    ("us", "We understand that unexpected events like job loss or illness happen. Ask us about hardship options, including reduced payments.", {}),
    ("us", "You have the right to dispute this debt. You can also contact the Consumer Financial Protection Bureau at 1-855-411-2372 or the Federal Trade Commission.", {}),
    ("us", "Late fees on your account are charged only as described in your cardholder agreement; we do not add any other fees.", {}),
    ("us", "We will report your account to the credit bureaus as delinquent if the past-due amount remains unpaid after 30 days.", {}),
    ("us", "Our field representative, Agent Taylor, will stop by only at a time you choose. Call us to schedule.", {}),
    ("us", "Dear Mr. Wright, thank you for speaking with us today. Your payment arrangement is confirmed.", {}),
    ("us", "We encourage you to talk with your family about a budget that works for you.", {}),
    ('us', "If you'd like a third party, such as a relative or a financial counselor, to speak with us for you, please send us written permission.", {}),
]

COMPLIANT += [
    ("cn", "官方通知：请认准我司客服热线，刘经理将于明日联系您确认还款计划。", {}),
    ("cn", "您好，您的账单还有3天到期，可使用信用卡、储蓄卡还款。", {}),
    ("cn", "为保障您的资金安全，请勿相信任何自称警官、法官的人员要求的转账。", {}),
    ("cn", "您的还款计划已生效，每期还款额包含合同约定的利息和服务费。", {}),
    ("cn", "您好，您的借款已逾期，我们理解您的难处，欢迎与我们沟通还款方案。", {}),
    ("cn", "如您已委托家人代为还款，请提醒其在备注中填写合同编号。", {}),
    ("cn", "提醒：逾期信息将依法报送征信系统，请您按时还款，珍惜个人信用。", {}),
    ("cn", "如需帮助，可在工作日9:00-18:00联系客服。", {}),
    ("cn", "我们已收到您的延期申请，审核结果将通过短信通知您。", {}),
    ("cn", "您可以在APP中设置自动还款，避免遗忘。", {}),
    ("cn", "本月起，我司优化了客服渠道，新增企业微信客服群，欢迎扫码加入。", {}),
    ("cn", "如您对本次通话内容有疑问，可拨打客服热线进行核实。", {}),
    ("us", "Hi Mr. Kim, this is a reminder that your payment is due Friday.", {}),
    ("us", "You can pay by phone, online, or by mailing a check. There is no fee to pay by check.", {}),
    ("us", "We noticed you missed a payment. If something changed, like a new job or a move, let us know.", {}),
    ("us", "Please do not post your account number on social media or share it with anyone.", {}),
    ("us", "If you have questions, our agents are available 8 a.m. to 8 p.m. Eastern.", {}),
    ("us", "Officers and employees of ABC Recovery will never threaten you or use abusive language.", {}),
    ("us", "We may contact your references only to find your current address or phone number.", {}),
    ("us", "Your monthly statement lists any fees allowed by your credit agreement.", {}),
    ("us", "Thank you for being a loyal customer. We value your business.", {}),
    ("us", "This is a friendly reminder from your credit union. Your loan payment is 5 days late.", {}),
    ("us", "If you need to talk about options, our team is here to help, no judgment.", {}),
    ("us", "You may be able to consolidate your balance through our own hardship program at a lower rate.", {}),
]

COMPLIANT += [
    ("cn", "您好，王女士，您本期账单已出，可通过APP、微信或信用卡还款。", {}),
    ("cn", "如您需要，可以让家人陪同您到营业网点办理。", {}),
    ("cn", "我们的客服群仅用于解答还款问题，不会发布任何个人信息。", {}),
    ("cn", "逾期罚息及违约金均按照《借款合同》的约定计收，我司不收取合同以外的任何费用。", {}),
    ("cn", "您好，我是XX消费金融的贷后专员小李，想跟您确认一下本月的还款安排。", {}),
    ("cn", "您可以选择银行转账、支付宝或微信支付完成还款。", {}),
    ("cn", "如您的工作或住址发生变化，请及时告知我们以便联系。", {}),
    ("cn", "我们已为您减免部分逾期罚息，请于本月底前还清剩余欠款。", {}),
    ("cn", "若您认为本次催收存在不当行为，可向我司投诉或向监管部门反映。", {}),
    ("cn", "为避免影响信用记录，建议您合理安排资金，按时还款。", {}),
    ("cn", "您的借款还有500元未还，今天是最后还款日，请及时处理。", {}),
    ("cn", "我们会在工作日白天与您联系，不会在夜间打扰您。", {}),
    ("us", "Ms. Stone, we received your payment. Thank you!", {}),
    ("us", "Your balance is $420.00. You can pay with a card or bank account.", {}),
    ("us", "We offer payment plans with no interest and no fees.", {}),
    ("us", "Please keep your contact information up to date so we can reach you.", {}),
    ("us", "We're here to help. Let us know if a family emergency is affecting your ability to pay.", {}),
    ("us", "Our agent will follow up with you next week to confirm your plan.", {}),
    ("us", "Information about consumer rights is available from the FTC and the CFPB.", {}),
    ("us", "If you believe you've been contacted in error, please let us know.", {}),
    ("us", "Your account is past due. Please contact us to discuss your options.", {}),
    ("us", "This notice is from ABC Recovery, a debt collector.", {}),
    ("us", "We do not report to credit bureaus until an account is 60 days past due.", {}),
    ("us", "Thank you for updating your address with us.", {}),
]

COMPLIANT += [
    ("cn", "【XX消费金融】春节将至，祝您和家人身体健康、万事如意。如需调整还款日，可在APP内申请。", {}),
    ("cn", "您好，您反映的问题我们已记录，客服专员将在1个工作日内回电，请保持电话畅通。", {}),
    ("cn", "我司已在官网公告栏发布《关于规范催收行为的公告》，欢迎监督。", {}),
    ("cn", "如您回老家过年期间不方便还款，可提前在APP设置自动还款。", {}),
    ("cn", "您好，您的信用卡还款已到账，当前剩余应还0元。", {}),
    ("cn", "因系统升级，本月账单服务费减免活动延期一周，具体以APP公告为准。", {}),
    ("cn", "本行不会要求您向他人借款还款，如遇此类要求请拨打投诉电话。", {}),
    ("cn", "我们不会去您老家，也不会联系您的父母，请放心。", {}),
    ("cn", "您好，您单位的工资卡如需设置为还款账户，请在APP绑定。", {}),
    ("cn", "如您的家人想了解还款政策，可在您授权后致电客服。", {}),
    ("cn", "您的账单已逾期2天，宽限期内还款不收取违约金。", {}),
    ("cn", "本公司催收人员均经过培训，持证上岗，工号可在官网查询。", {}),
    ("cn", "外访人员上门时，请核实其工作证，并可拨打客服电话确认身份。", {}),
    ("cn", "您好，感谢您的耐心，我们已为您办理延期，延期期间不收取任何费用。", {}),
    ("cn", "欢迎关注我们的官方微博，获取最新的还款优惠信息。", {}),
    ("us", "Happy holidays to you and your family from all of us at ABC Bank.", {}),
    ("us", "Our agents are trained to treat every customer with respect.", {}),
    ("us", "We post our privacy notice on our website and mail it once a year.", {}),
    ("us", "If you lose your job, call us; we may be able to lower your payments.", {}),
    ("us", "You can authorize a family member to speak with us on your behalf.", {}),
    ("us", "Your loan agreement allows a late fee of $15 if a payment is more than 10 days late.", {}),
    ("us", "We never charge a fee to set up a payment plan.", {}),
    ("us", "Visit our community page to learn about free financial education classes.", {}),
    ("us", "Officer training at ABC Recovery includes FDCPA compliance.", {}),
    ("us", "Our office is closed for the holiday; online payments are still available.", {}),
    ("us", "You can pay at any branch, by phone, or through our mobile app.", {}),
    ("us", "Please don't borrow money to pay us; call us to find a plan that fits your budget.", {}),
    ("us", "To protect your privacy, we will not leave details of your account on voicemail.", {}),
    ("us", "Your employer will not be contacted about this account.", {}),
    ("us", "If you have a question about a fee on your statement, call us and we'll review it.", {}),
]

COMPLIANT += [
    ("cn", "如果您的孩子需要用钱，我们理解，可以申请延期还款。", {}),
    ("cn", "请您在方便的时候回电，我们的专员会协助您处理。", {}),
    ("cn", "本平台的分期服务费已在借款时告知并经您确认，具体见借款合同。", {}),
    ("cn", "我们的客服人员可以通过企业微信添加您，方便您随时咨询。", {}),
    ("cn", "为方便您还款，您也可以委托家人通过我们的官方渠道代为还款。", {}),
    ("cn", "您好，您的借款还有两天到期，您可以使用京东白条以外的任何储蓄卡还款。", {}),
    ("us", "Think about setting up autopay so you never miss a payment.", {}),
    ("us", "We have representatives in your area who can meet you at our branch by appointment.", {}),
    ("us", "Our monthly newsletter has tips on budgeting and saving.", {}),
    ("us", "Refinancing options may be available through our own loan modification program.", {}),
    ("us", "Please call the number on the back of your card if you think this message is in error.", {}),
    ("us", "Your statement fee was waived this month.", {}),
]

COMPLIANT += [
    ("us", "You can count on us to keep your information private.", {}),
    ("us", "Our office hours changed; we now close at 6 p.m.", {}),
    ("us", "We'll mail your payoff letter within 10 business days.", {}),
    ("us", "Thanks for choosing autopay; there's no fee for this service.", {}),
    ("us", "You may contact a nonprofit credit counselor for free advice.", {}),
    ("us", "Our customer care team can help you pick a due date that fits your payday.", {}),
    ("cn", "您好，您家人的联系方式仅用于紧急情况下联系您本人。", {}),
    ("cn", "如您在外地，也可以通过手机银行还款，无需回老家办理。", {}),
    ("cn", "我们不会让您的家人承担还款责任。", {}),
    ("cn", "本行信用卡可绑定微信支付，方便您日常消费。", {}),
    ("cn", "如对账单中的服务费有疑问，可查看《服务协议》或致电客服。", {}),
    ("cn", "您好，您的欠款已结清，我们会在三个工作日内更新征信记录。", {}),
]

COMPLIANT += [
    ("cn", "您好，按合同约定的逾期利息将从逾期次日起计算，请尽快还款。", {}),
    ("cn", "如有疑问，可加入我们的官方客服群，群内有专人解答。", {}),
    ("cn", "您可以使用支付宝、微信或信用卡还款，均不收取任何费用。", {}),
    ("cn", "天冷了，注意保暖，祝您和家人平安健康。", {}),
    ("cn", "我司外访专员将提前预约后上门，与您面谈还款方案。", {}),
    ("us", "You may contact the CFPB if you have concerns about how we collect.", {}),
    ("us", "Our agent will call you tomorrow between 10 a.m. and noon.", {}),
    ("us", "We do not charge any fees to set up or change a payment plan.", {}),
    ("us", "You can pay with a credit card, debit card or bank transfer.", {}),
    ("us", "Dear Mr. Carter, your payment was received. Thank you.", {}),
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
    ('cn', '尊敬的{name_masked}：\n根据您与我司签订的《个人消费借款合同》（合同编号{contract_no}），您的借款已逾期{days}天，截至{date}应还金额合计{amount}元（本金、利息及合同约定的逾期罚息）。请于收到本函之日起7日内还款。若您认为上述金额与实际不符，请在收函后15日内致电400-820-8888或来函至我司客户服务部，我司将核查后答复。\nXX消费金融有限公司'),
    ('us', 'Dear {salutation} {last_name}:\nABC Recovery is a debt collector. We are trying to collect a debt that you owe to Acme Bank on account ending {last4}. As of {date}, you owe ${amount}. If you believe you do not owe all or part of this debt, or if it is not yours, call us at 1-800-555-0147 or write to ABC Recovery, PO Box 100, Columbus, OH 43215 by {deadline}, and we will stop collection until we send you information about it.'),
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


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_a_thousand_of_these_templates_are_checked_fast(jurisdiction):
    import time

    import pandas as pd

    from analysis.conduct.segment import tokenizer
    from analysis.conduct.templates import check_templates

    texts = [t for j, _c, t, _k in BREAKING if j == jurisdiction] + [t for j, t, _k in COMPLIANT if j == jurisdiction]
    frame = pd.DataFrame({"channel": ["sms"] * 1000, "text": [f"{texts[i % len(texts)]} ({i})" for i in range(1000)]})
    tokenizer()  # jieba's dictionary loads once per process, before the clock starts
    check_templates(frame.head(len(texts)), PACKS[jurisdiction])  # patterns compile once per pack
    # CPU time, the best of up to five runs: about 0.4-0.7 s alone, but 1.10-1.25 s in all five runs while the other xdist worker drove a
    # browser (the two vCPUs share a core). The test guards against a regression of 3x or more,
    # under a bar that holds on a busy CI machine; a run under it settles it.
    bar = 2.0
    timings = []
    for _ in range(5):
        start = time.process_time()
        results = check_templates(frame, PACKS[jurisdiction])
        timings.append(time.process_time() - start)
        if timings[-1] < bar:
            break
    assert len(results) == 1000 and min(timings) < bar, f"{min(timings):.2f} s"


def test_a_night_time_typed_full_width_is_read_as_the_time():
    half = [(f.category, f.start, f.end) for f in check_text("我们将于23:00再次致电", rule_pack("cn"))]
    full = check_text("我们将于２３：００再次致电", rule_pack("cn"))
    assert [(f.category, f.start, f.end) for f in full] == half and half
    assert full[0].text == "２３：００"  # the finding quotes the text as written


@pytest.mark.parametrize(("jurisdiction", "text", "flagged"), [
    ("cn", "我们将于夜里12点致电", "夜里12点"),        # midnight, not noon
    ("cn", "我们将于凌晨12点再次致电", "凌晨12点"),
    ("cn", "我们将于中午12点致电", None),
    ("us", "We will call you at nine thirty tonight.", "nine thirty tonight"),
    ("us", "We will call you at twelve tonight.", "twelve tonight"),
    ("us", "We will call you at seven tonight.", None),
    ("us", "Call us before nine tonight.", None),  # the customer's call
])
def test_night_times_written_in_words(jurisdiction, text, flagged):
    found = [f.text for f in check_text(text, rule_pack(jurisdiction)) if f.category == "contact_time"]
    assert found == ([flagged] if flagged else [])
