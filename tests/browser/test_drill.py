"""Drill-through in a real browser: clicking a bar of a chart opens the accounts behind it
(Streamlit's chart selection event, which AppTest cannot click)."""
from __future__ import annotations

from tests.browser.conftest import assert_no_error, wait_for_app


def test_clicking_a_warning_level_bar_lists_its_accounts(page, server_url):
    page.goto(f"{server_url}/warnings")
    wait_for_app(page)
    assert "点击图中任一级别的条形" in page.inner_text('[data-testid="stApp"]')
    tables_before = page.locator('[data-testid="stDataFrame"]').count()
    bars = page.locator(".st-key-chart_warnings_levels .mark-rect path")
    assert bars.count() == 3  # red, orange, yellow
    bars.first.scroll_into_view_if_needed()
    bars.first.click()
    page.get_by_text("红色预警的账户").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert_no_error(page)
    assert page.locator('[data-testid="stDataFrame"]').count() == tables_before + 1  # the table of those accounts


def test_clicking_a_cause_by_bucket_cell_lists_its_accounts(page, server_url):
    page.goto(f"{server_url}/causes")
    wait_for_app(page)
    assert "点击热力图任一格" in page.inner_text('[data-testid="stApp"]')
    cells = page.locator(".st-key-chart_causes_by_bucket .mark-rect path")
    assert cells.count() > 3
    # A reader clicks the percentage printed in the middle of a cell: it selects the cell too.
    labels = page.locator(".st-key-chart_causes_by_bucket .mark-text text")
    labels.first.scroll_into_view_if_needed()
    labels.first.click()
    page.get_by_text("双击热力图取消选择").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert_no_error(page)
    # the expander of the cell's accounts is open, titled "cause · bucket：n 户"
    assert page.locator('[data-testid="stExpander"] summary').filter(has_text=" · ").filter(has_text="户").count() == 1


def test_clicking_a_roll_matrix_cell_lists_the_accounts_that_rolled(page, server_url):
    page.goto(f"{server_url}/aging")
    wait_for_app(page)
    page.get_by_role("tab", name="迁徙").click()
    wait_for_app(page)
    assert "点击矩阵任一格" in page.inner_text('[data-testid="stApp"]')
    cells = page.locator(".st-key-chart_aging_roll .mark-rect path")
    assert cells.count() >= 6
    cells.first.scroll_into_view_if_needed()
    cells.first.click(position={"x": 3, "y": 3})  # a corner: the rate printed in the middle is a label
    page.get_by_text("双击矩阵取消选择").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert_no_error(page)
    assert "的账户（" in page.inner_text('[data-testid="stApp"]')
