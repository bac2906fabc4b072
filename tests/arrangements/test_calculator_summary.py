"""The printable customer summary: the figures and definitions in the customer's language, a
masked name, one self-contained A4 page."""
from __future__ import annotations

import re
from datetime import date

import pytest

from analysis.arrangements.calculator_summary import card_interest_summary_html, instalment_summary_html
from analysis.arrangements.card_interest import CardStatement, Transaction
from analysis.arrangements.instalment import instalment_plan

TODAY = date(2026, 11, 20)
STATEMENT = CardStatement(date(2026, 11, 5), date(2026, 11, 25), date(2026, 12, 5),
                          (Transaction(date(2026, 10, 26), 1000.0), Transaction(date(2026, 11, 5), 500.0)),
                          payment=120.0, fees_and_interest=20.0, late_fee_floor=10.0)


def pages():
    return {
        "card": lambda lang, **kw: card_interest_summary_html(STATEMENT, lang, today=TODAY, **kw),
        "instalment": lambda lang, **kw: instalment_summary_html(instalment_plan(12_000, 0.006, 12), lang,
                                                                 today=TODAY, **kw),
    }


@pytest.mark.parametrize("which", ["card", "instalment"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_self_contained_a4_page(which, lang):
    page = pages()[which](lang)
    assert page.startswith("<!DOCTYPE html>") and "@page{size:A4" in page
    assert "<script" not in page and not re.search(r"(src|href)=", page) and "http" not in page
    assert ('lang="zh-CN"' in page) == (lang == "zh")
    assert "2026-11-20" in page


def test_card_page_holds_the_three_payments_and_the_definitions():
    # Hand-worked in test_calculator_cli: the 120 payment leaves 1,437.00 due under 全额计息.
    zh, en = pages()["card"]("zh"), pages()["card"]("en")
    for text in ("1,520.00", "170.00", "27.00", "10.00", "1,437.00", "全额还款", "最低还款", "本次还款",
                 "全额计息", "按未还部分计息", "0.05%"):
        assert text in zh, text
    for text in ("Full payment", "Minimum payment", "This payment", "Interest (whole statement)", "Due next (unpaid part)", "1,437.00"):
        assert text in en, text


def test_instalment_page_shows_the_true_rate_beside_the_fee_rate_and_why():
    zh = pages()["instalment"]("zh")
    assert "13.03%" in zh and "13.84%" in zh and "7.20%" in zh and "0.6%" in zh
    assert "两倍" in zh and zh.count("1,072.00") == 13  # the payment line and 12 schedule rows
    assert "nearer twice" in pages()["instalment"]("en")


@pytest.mark.parametrize("which", ["card", "instalment"])
def test_the_customer_name_is_masked_and_escaped(which):
    page = pages()[which]("zh", customer="张三丰")
    assert "张*丰" in page and "张三丰" not in page
    hostile = pages()[which]("en", customer="<b>Eve Smith</b>")
    assert "<b>" not in hostile and "Smith" not in hostile


def test_without_a_name_there_is_no_customer_line():
    assert "客户" not in pages()["instalment"]("zh").split("<h2>")[0].split("</h1>")[1]
