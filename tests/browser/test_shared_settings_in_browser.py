"""Settings two pages draw (the five-tier thresholds on the aging page's 监管分类 tab and on the
provisions page) survive going from one page to the other in a real browser."""
from __future__ import annotations

from tests.browser.conftest import assert_no_error, wait_for_app


def test_the_provisions_page_keeps_its_figures_after_the_aging_regulatory_tab(page, server_url):
    page.goto(f"{server_url}/aging")
    wait_for_app(page)
    page.get_by_role("tab", name="监管分类").click()
    wait_for_app(page)
    assert "关注" in page.inner_text('[data-testid="stApp"]')
    page.get_by_test_id("stSidebarNavLink").filter(has_text="拨备").first.click()
    wait_for_app(page)
    assert_no_error(page)
    text = page.inner_text('[data-testid="stApp"]')
    assert "分类阈值须为递增" not in text
    # the figures, not only the intro's words (the page once showed its title and an error alone)
    assert "减值准备（万元）" in text and "不良贷款率" in text
