"""Recall of header recognition on a nineteenth list of real-world column names (a regression guard).

Written blind after the eighteenth, before the recogniser's word lists were read, mostly in English:
US, UK, EU and Australian core-banking and servicing exports (FIS, Fiserv and Jack Henry report
labels, Temenos T24, Finastra Fusion, nCino and Salesforce field names, Mambu's camelCase API names,
FLEXCUBE columns, run-on warehouse names such as CurrBal, DelqDays, CrLimit); card processors
(TSYS, VisionPLUS, Optis: cycles past due, CTD/MTD figures, open-to-buy, block and reclass codes,
charge-off fields, TRIAD and bureau scores); agency and securitisation tapes (Fannie Mae's and
Freddie Mac's loan-level and monthly performance files, Ginnie Mae, Reg AB II, the ESMA annexes for
consumer, card, corporate and leasing pools with their field codes, UK RMBS and rating-agency
templates); public data (LendingClub and its payment history, Prosper, Zopa, Funding Circle, Home
Credit, Give Me Some Credit, UCI Taiwan, L&T vehicle loans and other Kaggle sets); collections
(queues, promises to pay, placements with outside agencies, debt sale, strategy and dialler
fields); ERP receivables (SAP open items, Oracle AR, NetSuite, Xero aging columns); plus
look-alikes that must stay unmapped (collateral, LTV, DTI, income, fees, recoveries, charge-offs,
provisions and ECL, counts, flags, ratios, history windows such as worst_delq_12m and
times_30dpd_l12m, payment history strings, other parties' scores and contacts, other models'
scores, aging-band amounts such as "91+ Days Past Due"). Of 670 drafted, the 169 already in the
earlier lists (case and punctuation ignored) were dropped and the rest trimmed to 270, 180 of them
named, before measuring. Measured before any change prompted by it: **78.3 %, 8 wrong** (unseen:
"Open To Buy Amt" and "Redraw Balance" applied as the balance, "Debt Buyer" as the balance,
"Reference Phone" as the phone, "91+ Days Past Due" as the days past due, "Collection Score" as the
score, and LendingClub's delinq_amnt and L&T's PRI.SANCTIONED.AMOUNT, both left out below); after
its study 97.8 % and 2 wrong on the whole list, 98.9 % and none wrong on the 266 cases kept. The
changes are general rules, checked against the eighteen earlier lists (one applied field changed:
the fifth list's ``hardship_reason`` is now applied as the overdue reason it expects) and a probe
of some 130 headers written after the recogniser was read (not kept as a measure): a band of days
written as numbers ("91+", "31-60") is one column of an aging table, not the days; a card's
open-to-buy, an Australian redraw, a debt buyer and a personal reference's or a third party's
phone or name are none of the loan's fields (a third-party originator is the channel); a
collection score is another model's, not the score; a note naming only what a figure belongs to
("(Oldest Invoice)", "(Current)"), the digits shown of a masked number ("(Last 4)") or a
classification's revision ("NACE Rev.2") says nothing about the field; a label word's name ("Aging
Bucket Name") is the label; P&I, written out or not, is the scheduled instalment unless paid, past
due or owed; payments and totals this period, MTD or CTD are this period's payments made; "Days
Delinquent Count" counts the days; the ESMA card, corporate and esoteric annex codes (CRCL, CRPL,
ESTL) are field codes; a regulatory class, grade or rating is the regulator's class; a collection
stage is a status; words read: behavior (US spelling), scorecard (its score is the score, its name
or ID none), assigned user and assignee, account and card holder, business name, referral source,
run date, cut-off, drawn, open item, required payment, cash received, hardship reason, earliest
unpaid, mo./mths delinquent, CYC-DUE, asset quality, product family, account standing, ANZSIC.

Left out, as calls the header alone cannot settle or that contradict a decision documented
elsewhere: LendingClub's ``delinq_amnt`` and L&T's ``PRI.SANCTIONED.AMOUNT`` (bureau figures for the
borrower's other accounts whose names read as this loan's, as Prosper's AmountDelinquent and L&T's
PRI.CURRENT.BALANCE are left out in earlier lists), ``PmtAmt`` (a payment amount is either the one
due or the one made: the recogniser's own rule, offered as paid) and nCino's ``Close_Date`` (a
loan's closing, i.e. its start, in an origination system; an account's closure elsewhere). Two stay
missed: "Trx Number" (an AR transaction's number, but trx is read as nothing rather than risk an
abbreviation) and "Collections (Current Month)" (money collected, or the collections team's work:
left offered). "Collection Score" is kept as unmapped although the recogniser reads a C卡 (collection
scorecard) score as the score: in English the name is as often a propensity-to-pay model's.
"""
from __future__ import annotations

from tests.ingest.recall import missed, wrong

CASES = [
    ('Loan Nbr', 'account_id'), ('Obligation Number', 'account_id'), ('Principal Bal', 'balance'),
    ('Current Prin Bal', 'balance'), ('Total Past Due Amt', 'overdue_amount'),
    ('Nbr Days Delinquent', 'days_past_due'), ('Times Past Due 30 Days', None), ('P&I Amount', 'due_amount'),
    ('Escrow Payment Amount', None), ('Original Note Date', 'origination_date'),
    ('Funding Date', 'origination_date'), ('Booked Date', 'origination_date'), ('Commitment Amt', 'credit_limit'),
    ('Interest Rate (Current)', 'interest_rate'), ('Note Int Rate', 'interest_rate'), ('Officer Nbr', 'owner'),
    ('Branch Nbr', 'branch'), ('Combined LTV', None), ('Accrued Interest Receivable', None),
    ('Late Charges Due', None), ('Loan Type Code', 'product'), ('Recovery Amt', None),
    ('Interest Paid to Date', None), ('LLC_BI__Loan_Officer__c', 'owner'),
    ('LLC_BI__Collateral_Value__c', None),
    ('accountState', 'status_label'), ('assignedUserKey', 'owner'), ('assignedBranchKey', 'branch'),
    ('AMOUNT_DISBURSED', 'credit_limit'), ('Outstanding (LCY)', 'balance'), ('Current Balance Amt', 'balance'),
    ('Cycles Past Due', 'status_label'), ('CYC-DUE', 'status_label'), ('Days Delinquent Count', 'days_past_due'),
    ('Past Due 30 Days Amount', None), ('Credit Line Amt', 'credit_limit'), ('Cash Credit Limit', None),
    ('Open To Buy Amt', None), ('Minimum Amount Due', 'due_amount'), ('Total Minimum Due', 'due_amount'),
    ('Payments MTD', 'paid_amount'), ('Gross Charge-off Amt', None), ('Charge-off Balance', None),
    ('Primary Cardholder Name', 'customer_name'), ('Account Open Dt', 'origination_date'),
    ('Behavior Score (Current)', 'score'), ('TRIAD Score', 'score'), ('Collection Score', None),
    ('Bankruptcy Score', None), ('Bureau Score at Booking', 'score'), ('VantageScore', 'score'),
    ('Empirica Score', 'score'), ('Score Date', None), ('Over Limit Amount', None),
    ('APR (Purchase)', 'interest_rate'), ('Penalty APR', None), ('Nbr Times 30 Days Delq', None),
    ('Highest Delinquency Cycle', None), ('NON_INTEREST_BEARING_UPB', None), ('PRINCIPAL_FORGIVENESS_AMOUNT', None),
    ('ALTERNATIVE_DELINQUENCY_RESOLUTION', None), ('cd_msa', 'region'), ('zb_removal_upb', None),
    ('seller_name', None), ('servicer_name', None), ('scheduledPrincipalAmount', 'due_amount'),
    ('CRCL6 Data Cut-Off Date', 'snapshot_date'), ('CRCL3 New Underlying Exposure Identifier', 'account_id'),
    ('CRCL24 Current Principal Balance', 'balance'), ('CRCL27 Credit Limit', 'credit_limit'),
    ('CRCL29 Current Interest Rate', 'interest_rate'), ('CRCL33 Number Of Days In Arrears', 'days_past_due'),
    ('CRCL32 Arrears Balance', 'overdue_amount'), ('CRCL35 Charged Off Amount', None),
    ('LESL30 Current Principal Balance', 'balance'), ('LESL23 Origination Date', 'origination_date'),
    ('CRPL62 Default Amount', None), ('CRPL57 Account Status', 'status_label'),
    ('RREL41 Payment Due', 'due_amount'), ('RREL16 Geographic Region - Obligor', 'region'),
    ('RREL45 Current Interest Rate Margin', None), ('RREL42 Current Interest Rate Index', None),
    ('Arrears Balance (GBP)', 'overdue_amount'), ('Months in Arrears (Current)', 'status_label'),
    ('Months in Arrears (Max Last 12M)', None), ('Ever in Arrears Flag', None), ('Arrears History (24M)', None),
    ('Reversion Rate', None), ('Obligor FICO at Origination', 'score'), ('Current Obligor FICO', 'score'),
    ('collection_recovery_fee', None), ('num_tl_30dpd', None), ('hardship_amount', None),
    ('Last_FICO_BAND', 'score'), ('PCO_RECOVERY', None), ('CreditScoreRangeUpper', 'score'),
    ('DelinquenciesLast7Years', None), ('ProsperPaymentsLessThanOneMonthLate', None),
    ('Latest Status', 'status_label'), ('Date of Default', None), ('State_ID', 'region'),
    ('PRIMARY.INSTAL.AMT', None), ('co-applicant_credit_type', None),
    ('Promised Amount', None), ('PTP Amount', None), ('Placement Agency', 'owner'),
    ('Agency Placement Balance', None), ('Agency Code', 'owner'), ('Outside Agency', 'owner'),
    ('Commission Rate', None), ('Collector Code', 'owner'), ('Assigned To', 'owner'),
    ('Collection Stage', 'status_label'), ('Settlement Offer Amount', None), ('Debt Buyer', None),
    ('Balance Placed', None), ('Collected to Date', None), ('Collected This Month', 'paid_amount'),
    ('Client Account Number', 'account_id'), ('Best Contact Number', 'phone'), ('Primary Phone', 'phone'),
    ('Reference Phone', None), ('Open Item Amount', 'balance'), ('Credit Limit Utilization %', None),
    ('Trx Number', 'account_id'), ('Aging Bucket Name', 'status_label'), ('Amount Remaining', 'balance'),
    ('91+ Days Past Due', None), ('Arrears Amt (AUD)', 'overdue_amount'), ('Loan Balance (AUD)', 'balance'),
    ('Hardship Indicator', None), ('Offset Account Balance', None), ('Redraw Balance', None),
    ('Limit (AUD)', 'credit_limit'), ('State/Territory', 'region'), ('Arrears Months (Current)', 'status_label'),
    ('Arrears Status', 'status_label'), ('Monthly Contractual Payment', 'due_amount'),
    ('Account Holder', 'customer_name'), ('Product Description', 'product'), ('Counterparty Name', 'customer_name'),
    ('Exposure at Default', None), ('Loss Allowance', None), ('Account Status Code', 'status_label'),
    ('Delinquency Rate', None), ('Default Rate (%)', None), ('Penalty Interest Rate', None),
    ('worst_delq_12m', None), ('times_30dpd_l12m', None), ('Worst Arrears Status (L12M)', None),
    ('Highest DPD Last 24M', None), ('Payment History String', None), ('Delinquency History (36 months)', None),
    ('Prior Month DPD', None), ('DPD at Month Start', None), ('Previous Cycle Delinquency', None),
    ('Days Past Due at Charge-off', None), ('DPD at Default', None), ('Behaviour Score Band', 'score'),
    ('Bureau Score Band', 'score'), ('Application Scorecard Score', 'score'), ('Co-Borrower FICO', None),
    ('Co-applicant Bureau Score', None), ('Recovery Score', None), ('Fees Outstanding', None),
    ('Fees Past Due', None), ('Interest Past Due', None), ('Principal Past Due', 'overdue_amount'),
    ('Past Due Principal & Interest', 'overdue_amount'), ('Amt Delinq', 'overdue_amount'),
    ('Princ Bal Outstanding', 'balance'), ('Remaining Principal', 'balance'),
    ('Balance Outstanding (GBP)', 'balance'), ('Drawn Balance', 'balance'), ('Undrawn Amount', None),
    ('Days Overdue (Oldest Invoice)', 'days_past_due'), ('Delinquency Days Count', 'days_past_due'),
    ('Mo. Delinquent', 'status_label'), ('Contractual Delinquency Status', 'status_label'),
    ('Account Standing', 'status_label'), ('Arrears Stage', 'status_label'), ('Origination Dt', 'origination_date'),
    ('Date of Advance', 'origination_date'), ('Original Advance', 'credit_limit'),
    ('Total Loan Amount', 'credit_limit'), ('Approved Amount', 'credit_limit'),
    ('Sanctioned Limit', 'credit_limit'), ('Line Amount', 'credit_limit'), ('Current Coupon', 'interest_rate'),
    ('Note Rate (%)', 'interest_rate'), ('Effective Interest Rate', 'interest_rate'),
    ('Portfolio Manager', 'owner'), ('Servicing Officer', 'owner'), ('Loan Officer ID', 'owner'),
    ('Collector Assigned', 'owner'), ('Workout Officer', 'owner'), ('Underwriter', None),
    ('Originating Branch', 'branch'), ('Borrower Country', 'region'), ('Country of Residence', 'region'),
    ('Customer Name (Legal)', 'customer_name'), ('Business Name', 'customer_name'),
    ('Primary Borrower Name', 'customer_name'), ('Co-Borrower Name', None), ('SSN (Last 4)', 'id_number'),
    ('National Insurance Number', 'id_number'), ('Co-Borrower SSN', None), ('Mobile Phone', 'phone'),
    ('Phone 1', 'phone'), ('Borrower Phone', 'phone'), ('Employer Telephone', None), ('NAICS Industry', 'industry'),
    ('SIC', 'industry'), ('NACE Code', 'industry'), ('ANZSIC Code', 'industry'),
    ('Industry Code (NACE Rev.2)', 'industry'), ('Loan Product Code', 'product'), ('Account Type', 'product'),
    ('Sub-Product', 'product'), ('Product Family', 'product'), ('Origination Channel Code', 'channel'),
    ('Third Party Originator', 'channel'), ('Referral Source', 'channel'), ('Lead Source', 'channel'),
    ('Marketing Channel', 'channel'), ('Reason for Delinquency Code', 'overdue_reason'),
    ('Delinquency Reason Desc', 'overdue_reason'), ('Arrears Cause', 'overdue_reason'),
    ('Hardship Reason Code', 'overdue_reason'), ('Non-Payment Reason', 'overdue_reason'),
    ('Write-off Reason', None), ('Reporting Date (EOM)', 'snapshot_date'), ('Month-End Date', 'snapshot_date'),
    ('Run Date', 'snapshot_date'), ('Extract Dt', 'snapshot_date'), ('Reporting Period End', 'snapshot_date'),
    ('Cut Off Dt', 'snapshot_date'), ('Pool Cutoff', 'snapshot_date'), ('Payment Due Dt', 'due_date'),
    ('Current Due Date', 'due_date'), ('Oldest Due Date', 'due_date'), ('Earliest Unpaid Due Date', 'due_date'),
    ('Invoice Due Dt', 'due_date'), ('Contractual Due Date', 'due_date'), ('Scheduled Payment Amt', 'due_amount'),
    ('Contractual Payment', 'due_amount'), ('Current Amount Due', 'due_amount'), ('Monthly P&I', 'due_amount'),
    ('Required Payment', 'due_amount'), ('Amount Paid (Period)', 'paid_amount'), ('Actual Payment', 'paid_amount'),
    ('Cash Received This Month', 'paid_amount'), ('Total Payments This Period', 'paid_amount'),
    ('Collections (Current Month)', 'paid_amount'), ('Regulatory Asset Classification', 'loan_class'),
    ('Asset Quality Classification', 'loan_class'), ('Regulatory Classification Code', 'loan_class'),
    ('DelqDays', 'days_past_due'), ('AcctStatus', 'status_label'), ('BranchNo', 'branch'),
    ('PhoneNbr', 'phone'), ('CrLimit', 'credit_limit'), ('CreditLimitAmt', 'credit_limit'), ('AvailCredit', None),
    ('ChgOffAmt', None), ('ProvAmt', None),
]


def test_recall_on_the_nineteenth_list():
    recall, out = missed(CASES)
    assert recall >= 0.98, (round(recall, 3), out)


def test_no_wrong_mapping_on_the_nineteenth_list():
    found = wrong(CASES)
    assert not found, found
