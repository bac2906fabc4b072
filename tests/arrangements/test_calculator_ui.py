"""The calculator sections under AppTest, in both languages: they draw, a changed input changes
the figure, an impossible input is an error box in the user's language, never a traceback."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui.arrangements import calculators as calc

D = Decimal


def _script() -> None:
    import streamlit as st

    from ui.arrangements.calculators import card_interest_section, instalment_section

    card, inst = st.tabs(["card", "instalment"])
    with card:
        card_interest_section()
    with inst:
        instalment_section()


def open_sections(lang: str, **session) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["lang"] = lang
    for key, value in session.items():
        at.session_state[key] = value
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def money(x: Decimal) -> str:
    return f"{x.quantize(D('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# The page's example: 3,000 (48 days to the due date), 1,500.50 (36 days), a refund of 200 (24 days),
# 10 days to the next statement, no fees, 0.05 % a day, 500 paid.
T = D("4300.5")
BEFORE_DUE = D(3000) * 48 + D("1500.5") * 36 - D(200) * 24


def full_interest(payment: Decimal) -> Decimal:
    return (BEFORE_DUE + (T - payment) * 10) * D("0.0005")


@pytest.mark.parametrize("lang, labels", [
    ("zh", ("本期账单金额", "最低还款额", "本次还款的利息", "下期应还", "每月还款", "实际年化利率（名义）")),
    ("en", ("Statement balance", "Minimum payment", "Interest", "Due next month", "Monthly payment",
            "APR (nominal)")),
])
def test_both_sections_draw_with_the_example(lang, labels):
    at = open_sections(lang)
    clean(at)
    balance, minimum, interest, due, payment, apr = labels
    assert metric(at, balance) == "4,300.50"
    assert metric(at, minimum) == "430.05"
    assert metric(at, interest) == money(full_interest(D(500))) == "115.61"
    assert metric(at, due) == money(T - 500 + full_interest(D(500)))
    assert metric(at, payment) == "1,072.00"
    assert metric(at, apr) == "13.03%"
    quotes = next(d.value for d in at.dataframe if d.value.shape == (3, 7))
    assert len(quotes) == 3 and quotes.iloc[0, 2] == 0.0  # full payment: no interest
    downloads = {b.key for b in at.get("download_button")}
    assert {calc.K_CARD_DOWNLOAD, calc.K_INST_DOWNLOAD} <= downloads


def test_a_larger_payment_lowers_the_interest():
    at = open_sections("en")
    at.number_input(key=calc.K_CARD_PAYMENT).set_value(2000.0)
    at.run()
    clean(at)
    assert metric(at, "Interest") == money(full_interest(D(2000)))


def test_the_method_switch_changes_the_interest():
    at = open_sections("zh")
    at.radio(key=calc.K_CARD_METHOD).set_value("unpaid")
    at.run()
    clean(at)
    U = T - 500
    unpaid = (D(3000) * 58 + D("1500.5") * 46 - D(200) * 34) * (U / T) * D("0.0005")
    assert metric(at, "本次还款的利息") == money(unpaid)


def test_more_months_change_the_rate():
    at = open_sections("en")
    at.number_input(key=calc.K_INST_MONTHS).set_value(24)
    at.run()
    clean(at)
    assert metric(at, "Monthly payment") == "572.00"  # 500 of principal + 72 of fee
    assert metric(at, "APR (nominal)") != "13.03%"


@pytest.mark.parametrize("lang, word", [("zh", "早于账单日"), ("en", "before the statement date")])
def test_an_impossible_date_is_an_error_in_the_users_language(lang, word):
    at = open_sections(lang)
    at.date_input(key=calc.K_CARD_DUE).set_value(date(2026, 11, 1))
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and word in at.error[0].value


def test_a_payment_above_the_balance_is_an_error():
    at = open_sections("en")
    at.number_input(key=calc.K_CARD_PAYMENT).set_value(5000.0)
    at.run()
    assert not at.exception and "larger than the statement balance" in at.error[0].value


def test_a_zero_principal_is_an_error():
    at = open_sections("zh")
    at.number_input(key=calc.K_INST_PRINCIPAL).set_value(0.0)
    at.run()
    assert not at.exception and "分期本金应大于 0" in at.error[0].value


def test_presentation_mode_shows_the_figures_without_inputs():
    at = open_sections("en", presentation=True)
    clean(at)
    assert metric(at, "Statement balance") == "4,300.50"
    assert not at.number_input and not at.get("download_button")


def test_transaction_rows_blank_skipped_half_filled_refused():
    rows = pd.DataFrame({"posting_date": pd.to_datetime(["2026-10-08", None, None]), "amount": [100.0, None, 5.0]})
    with pytest.raises(calc._RowError) as err:
        calc._transactions(rows)
    assert err.value.row == 3
    assert [t.amount for t in calc._transactions(rows.iloc[:2])] == [100.0]


def test_an_edited_transaction_changes_the_balance():
    at = open_sections("en")
    at.session_state[calc.K_CARD_TRANSACTIONS] = {"edited_rows": {0: {"amount": 4000.0}}, "added_rows": [],
                                                  "deleted_rows": [2]}
    at.run()
    clean(at)
    assert metric(at, "Statement balance") == "5,500.50"  # 4,000 + 1,500.50, the refund deleted


def test_a_half_filled_transaction_row_is_an_error():
    at = open_sections("zh")
    at.session_state[calc.K_CARD_TRANSACTIONS] = {"edited_rows": {}, "added_rows": [{"amount": 50.0}],
                                                  "deleted_rows": []}
    at.run()
    assert not at.exception and "第 4 行" in at.error[0].value
