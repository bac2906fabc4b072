"""Card interest: issue 17's definitions, to the cent, on hand-worked and closed-form cases.

Expected figures are worked by hand here (day counts written out, products in ``Decimal``), not
taken from the code.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.arrangements.card_interest import (
    CardInterestError, CardStatement, Transaction, card_interest, quote_payments, statement_from_dict,
)

D = Decimal
STATEMENT, DUE, NEXT = date(2026, 11, 5), date(2026, 11, 25), date(2026, 12, 5)


def cents(x: Decimal) -> float:
    return float(x.quantize(D("0.01"), rounding=ROUND_HALF_UP))


def example(**changes) -> CardStatement:
    """3,000 on 8 Oct (48 days to the due date), 1,500.50 on 20 Oct (36 days), a refund of 200 on
    1 Nov (24 days); 10 days from the due date to the next statement; 35.20 of fees."""
    base = CardStatement(STATEMENT, DUE, NEXT,
                         (Transaction(date(2026, 10, 8), 3000.0), Transaction(date(2026, 10, 20), 1500.5),
                          Transaction(date(2026, 11, 1), -200.0)),
                         payment=300.0, fees_and_interest=35.2, late_fee_rate=0.05)
    return replace(base, **changes)


def test_day_counts_of_the_example_are_what_the_hand_work_assumes():
    assert (DUE - date(2026, 10, 8)).days == 48
    assert (DUE - date(2026, 10, 20)).days == 36
    assert (DUE - date(2026, 11, 1)).days == 24
    assert (NEXT - DUE).days == 10


def test_full_method_hand_worked():
    r = card_interest(example())
    T, F, rate = D("4300.5"), D("35.2"), D("0.0005")
    B, M = T + F, D("0.1") * T + F  # 4,335.70 and 465.25
    U = T - (D("300") - F)  # the payment clears the fees first: 264.80 reaches the transactions
    interest = (D("3000") * 48 + D("1500.5") * 36 - D("200") * 24) * rate + U * rate * 10
    late = D("0.05") * (M - D("300"))
    assert (r.statement_balance, r.minimum_payment, r.unpaid_transactions) == (4335.7, 465.25, 4035.7)
    assert r.interest == cents(interest) == 116.79
    assert r.late_fee == cents(late) == 8.26
    assert r.total_due_next == cents(B - D("300") + interest + late) == 4160.75
    assert r.method == "full"


def test_unpaid_method_hand_worked():
    r = card_interest(example(), "unpaid")
    T, rate = D("4300.5"), D("0.0005")
    U = D("4035.7")
    interest = (D("3000") * 58 + D("1500.5") * 46 - D("200") * 34) * (U / T) * rate
    assert r.interest == cents(interest)
    assert r.total_due_next == cents(D("4335.7") - D("300") + interest + D("0.05") * (D("465.25") - D("300")))
    assert r.method == "unpaid"


def test_full_payment_costs_no_interest_and_leaves_nothing_due():
    s = example(payment=4335.7)
    for method in ("full", "unpaid"):
        r = card_interest(s, method)
        assert (r.interest, r.late_fee, r.total_due_next) == (0.0, 0.0, 0.0)


def test_zero_daily_rate_costs_no_interest():
    r = card_interest(example(daily_rate=0.0))
    assert r.interest == 0.0
    assert r.total_due_next == cents(D("4335.7") - D("300") + D("0.05") * (D("465.25") - D("300")))


def test_a_cent_short_of_the_balance_pays_interest_on_the_whole_statement():
    # 全额计息: one cent unpaid and every transaction bears interest from its posting date.
    r = card_interest(example(payment=4335.69))
    expected = (D("3000") * 48 + D("1500.5") * 36 - D("200") * 24) * D("0.0005") + D("0.01") * D("0.0005") * 10
    assert r.interest == cents(expected) == 96.61
    assert card_interest(example(payment=4335.69), "unpaid").interest == cents(
        (D("3000") * 58 + D("1500.5") * 46 - D("200") * 34) * (D("0.01") / D("4300.5")) * D("0.0005"))


def test_paying_exactly_the_minimum_has_no_late_fee():
    s = example(payment=465.25)
    r = card_interest(s)
    assert r.late_fee == 0.0
    assert card_interest(example(payment=465.24)).late_fee == cents(D("0.05") * D("0.01"))  # 0.0005 → 0.00


def test_late_fee_floor_applies_below_the_minimum_only():
    assert card_interest(example(late_fee_floor=50.0)).late_fee == 50.0  # 5% of 165.25 = 8.26 < 50
    assert card_interest(example(late_fee_floor=5.0)).late_fee == 8.26
    assert card_interest(example(late_fee_floor=50.0, payment=465.25)).late_fee == 0.0


def test_a_payment_that_only_covers_the_fees_leaves_every_transaction_unpaid():
    r = card_interest(example(payment=20.0))
    assert r.unpaid_transactions == 4300.5
    # With all of T unpaid both methods charge interest on every transaction up to the next statement.
    assert r.interest == card_interest(example(payment=20.0), "unpaid").interest == cents(
        (D("3000") * 58 + D("1500.5") * 46 - D("200") * 34) * D("0.0005"))


def test_no_interest_on_fees():
    only_fees = CardStatement(STATEMENT, DUE, NEXT, (), payment=0.0, fees_and_interest=100.0)
    r = card_interest(only_fees)
    assert (r.statement_balance, r.minimum_payment, r.interest) == (100.0, 100.0, 0.0)
    assert card_interest(only_fees, "unpaid").interest == 0.0
    assert r.late_fee == 5.0 and r.total_due_next == 105.0


def test_a_refund_never_makes_interest_negative():
    # A refund posted long before a small purchase: Σ amount·days < 0, and the card pays nothing.
    s = CardStatement(STATEMENT, DUE, NEXT, (Transaction(date(2026, 10, 1), -100.0),
                                             Transaction(date(2026, 11, 5), 150.0)), payment=0.0)
    assert s.transactions_total == 50.0
    assert card_interest(s, "unpaid").interest == 0.0
    # full: -100·55 + 150·20 = -2,500 → 0 before the due date, plus the 50 unpaid for 10 days
    assert card_interest(s, "full").interest == 0.0


def test_three_quotes_full_minimum_entered():
    quotes = quote_payments(example())
    assert [q.kind for q in quotes] == ["full", "minimum", "entered"]
    assert [q.payment for q in quotes] == [4335.7, 465.25, 300.0]
    full, minimum, entered = quotes
    assert full.full.interest == full.unpaid.interest == 0.0 and full.full.total_due_next == 0.0
    assert minimum.full.late_fee == minimum.unpaid.late_fee == 0.0
    assert entered.full == card_interest(example(), "full")
    assert entered.unpaid == card_interest(example(), "unpaid")


def test_the_input_is_not_changed():
    s = example()
    before = repr(s)
    quote_payments(s)
    card_interest(s, "unpaid")
    assert repr(s) == before


# --- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, key", [
    ({"payment": 4335.72}, "calc.err.payment_above_balance"),
    ({"payment": -1.0}, "calc.err.negative"),
    ({"fees_and_interest": -1.0}, "calc.err.negative"),
    ({"daily_rate": -0.0005}, "calc.err.negative"),
    ({"min_payment_share": -0.1}, "calc.err.negative"),
    ({"late_fee_rate": -0.05}, "calc.err.negative"),
    ({"late_fee_floor": -1.0}, "calc.err.negative"),
    ({"min_payment_share": 1.5}, "calc.err.share_above_one"),
    ({"method": "daily"}, "calc.err.method"),
    ({"due_date": date(2026, 11, 4)}, "calc.err.due_before_statement"),
    ({"next_statement_date": date(2026, 11, 24)}, "calc.err.next_before_due"),
    ({"transactions": (Transaction(date(2026, 11, 6), 10.0),)}, "calc.err.posting_after_statement"),
    ({"transactions": (Transaction(date(2026, 11, 1), -10.0),)}, "calc.err.negative_total"),
    ({"payment": float("nan")}, "calc.err.not_number"),
    ({"transactions": (Transaction(date(2026, 11, 1), float("inf")),)}, "calc.err.not_number"),
])
def test_impossible_inputs_raise_a_bilingual_error(changes, key):
    with pytest.raises(CardInterestError) as err:
        example(**changes)
    assert err.value.key == key
    zh, en = err.value.message("zh"), err.value.message("en")
    assert zh != en and zh != key and "{" not in en


def test_half_a_cent_above_the_balance_counts_as_paying_it():
    r = card_interest(example(payment=4335.704))
    assert (r.interest, r.total_due_next) == (0.0, 0.0)


def test_payment_error_names_both_figures():
    with pytest.raises(CardInterestError) as err:
        example(payment=5000.0)
    assert "5,000.00" in err.value.message("en") and "4,335.70" in err.value.message("zh")


def test_an_unknown_method_argument_is_refused():
    with pytest.raises(CardInterestError):
        card_interest(example(), "compound")


# --- the JSON input -----------------------------------------------------------------------------

GOOD = {"statement_date": "2026-11-05", "due_date": "2026-11-25", "next_statement_date": "2026-12-05",
        "transactions": [{"posting_date": "2026-10-08", "amount": 3000}, {"posting_date": "2026-10-20", "amount": 1500.5},
                         {"posting_date": "2026-11-01", "amount": -200}],
        "fees_and_interest": 35.2, "payment": 300, "daily_rate": 0.0005, "method": "full",
        "min_payment_share": 0.10, "late_fee_rate": 0.05, "late_fee_floor": 0}


def test_from_dict_reads_the_issue_format():
    assert statement_from_dict(GOOD) == example()


def test_from_dict_defaults():
    data = {k: GOOD[k] for k in ("statement_date", "due_date", "next_statement_date", "transactions", "payment")}
    s = statement_from_dict(data)
    assert (s.fees_and_interest, s.daily_rate, s.method, s.min_payment_share, s.late_fee_rate, s.late_fee_floor) == (
        0.0, 0.0005, "full", 0.10, 0.05, 0.0)


@pytest.mark.parametrize("change, key, named", [
    ({"due_date": None}, "calc.err.missing", "due_date"),
    ({"payment": None}, "calc.err.missing", "payment"),
    ({"transactions": None}, "calc.err.missing", "transactions"),
    ({"statement_date": "05/11/2026"}, "calc.err.bad_date", "statement_date"),
    ({"next_statement_date": 20261205}, "calc.err.bad_date", "next_statement_date"),
    ({"payment": "three hundred"}, "calc.err.not_number", "payment"),
    ({"daily_rate": True}, "calc.err.not_number", "daily_rate"),
    ({"transactions": {"posting_date": "2026-10-08"}}, "calc.err.transactions_list", "posting_date"),
    ({"transactions": [1, 2]}, "calc.err.transactions_list", "posting_date"),
    ({"transactions": [{"posting_date": "2026-10-08"}]}, "calc.err.missing", "transactions[1].amount"),
    ({"transactions": [{"amount": 5}]}, "calc.err.missing", "transactions[1].posting_date"),
    ({"transactions": [{"posting_date": "2026-13-01", "amount": 5}]}, "calc.err.bad_date", "transactions[1].posting_date"),
    ({"method": 3}, "calc.err.method", "full"),
])
def test_from_dict_names_the_field_and_its_format(change, key, named):
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(CardInterestError) as err:
        statement_from_dict(data)
    assert err.value.key == key
    assert named in err.value.message("en") and named in err.value.message("zh")


def test_from_dict_refuses_what_is_not_an_object():
    with pytest.raises(CardInterestError) as err:
        statement_from_dict([GOOD])
    assert err.value.key == "calc.err.not_object"


# --- properties ---------------------------------------------------------------------------------

amounts = st.decimals(min_value=D("0.01"), max_value=D("50000"), places=2).map(float)


@st.composite
def statements(draw):
    n = draw(st.integers(1, 6))
    tx = tuple(Transaction(STATEMENT - timedelta(days=draw(st.integers(0, 40))), draw(amounts)) for _ in range(n))
    fees = draw(st.decimals(min_value=0, max_value=500, places=2).map(float))
    due = STATEMENT + timedelta(days=draw(st.integers(0, 25)))
    nxt = due + timedelta(days=draw(st.integers(0, 15)))
    return CardStatement(STATEMENT, due, nxt, tx, payment=0.0, fees_and_interest=fees,
                         daily_rate=draw(st.sampled_from([0.0, 0.0003, 0.0005, 0.001])),
                         late_fee_floor=draw(st.sampled_from([0.0, 10.0])))


@settings(max_examples=80, deadline=None)
@given(statements(), st.lists(st.floats(0, 1), min_size=2, max_size=5))
def test_interest_and_amount_due_never_rise_with_the_payment(s, shares):
    payments = sorted(share * s.balance for share in shares)
    for method in ("full", "unpaid"):
        results = [card_interest(replace(s, payment=p), method) for p in payments]
        assert all(a.interest >= b.interest for a, b in zip(results, results[1:]))
        assert all(a.late_fee >= b.late_fee for a, b in zip(results, results[1:]))
        assert all(a.total_due_next >= b.total_due_next for a, b in zip(results, results[1:]))


@settings(max_examples=80, deadline=None)
@given(statements(), st.floats(0, 1))
def test_whole_statement_interest_is_never_below_unpaid_part_interest(s, share):
    # full − unpaid = (1 − U/T) · r · Σ amount · days(posting → due) ≥ 0 for purchases
    s = replace(s, payment=share * s.balance)
    assert card_interest(s, "full").interest >= card_interest(s, "unpaid").interest


@settings(max_examples=60, deadline=None)
@given(statements(), st.floats(0, 1))
def test_the_methods_agree_when_nothing_reaches_the_transactions(s, share):
    # U = T: both charge every transaction from its posting date to the next statement.
    s = replace(s, payment=share * s.fees_and_interest)
    # each method rounds to the cent: one cent apart, give or take the float that holds it
    assert abs(card_interest(s, "full").interest - card_interest(s, "unpaid").interest) <= 0.01 + 1e-9


def test_amounts_are_rounded_half_up_to_the_fen():
    # 四舍五入, as the definitions line says: a tenth of 1,000.05 is 100.005, shown 100.01 (Python's
    # round() gave 100.00: a binary float just below the half, and halves to even)
    s = CardStatement(date(2024, 3, 5), date(2024, 3, 25), date(2024, 4, 5),
                      (Transaction(date(2024, 2, 20), 1000.05),), payment=0.0)
    assert card_interest(s).minimum_payment == 100.01
    s = replace(s, transactions=(Transaction(date(2024, 2, 20), 4275.65),))
    assert card_interest(s).minimum_payment == 427.57
