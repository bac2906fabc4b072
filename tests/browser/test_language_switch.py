"""Switching the language keeps every choice, in a real browser.

A select box tells the server its value as the label it shows, and the browser sends that label
back on the next run. After a switch the label is the other language's, and Streamlit handed it
back as the value: the sidebar's unit became '万元' and every page stopped with an error
(found on a browser tour; AppTest does not send widget values back, so only a browser shows it).
``ui.persist.carry_choices_across_languages`` writes each value back when the language changes.
"""
from __future__ import annotations

from tests.browser.conftest import assert_no_error, wait_for_app


def _pick(pg, key: str, option: str) -> None:
    pg.locator(f".st-key-{key} [role='combobox']").first.click()
    pg.get_by_role("option", name=option, exact=True).click()
    wait_for_app(pg)


def _shown(pg, key: str) -> str:
    return pg.locator(f".st-key-{key} [role='combobox']").first.input_value().strip()


def _switch(pg, language: str) -> None:
    pg.locator(".st-key-lang").get_by_text(language, exact=True).click()
    wait_for_app(pg)
    assert_no_error(pg)


def test_a_language_switch_keeps_the_sidebar_unit_and_the_page_grouping(page, server_url):
    page.goto(f"{server_url}/aging")
    wait_for_app(page)
    _pick(page, "unit", "亿元")
    _pick(page, "aging_by", "产品")
    _switch(page, "English")
    assert page.locator("h1").first.inner_text().strip() == "Aging and roll rates"
    assert (_shown(page, "unit"), _shown(page, "aging_by")) == ("CNY 100m", "Product")
    _switch(page, "中文")
    assert (_shown(page, "unit"), _shown(page, "aging_by")) == ("亿元", "产品")
    assert "亿元" in page.inner_text('[data-testid="stMain"]')  # the page's figures follow the unit
