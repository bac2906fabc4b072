"""The app in a real browser: upload a real file through the file chooser, visit every page."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import assert_no_error, running_app, shot, wait_for_app
from tests.conftest import REALDATA

PAGES = ["overview", "upload", "aging", "trend", "causes", "provisions", "whatif", "warnings", "arrangements", "report"]


def test_default_language_follows_the_browser(browser, server_url):
    for locale, title in (("zh-CN", "总览"), ("en-US", "Overview")):
        context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.goto(server_url)
        # The title is drawn first; the rest of the overview is not what this test is about.
        pg.locator("h1").first.wait_for(timeout=90_000)
        assert pg.locator("h1").first.inner_text().strip() == title
        context.close()


def test_a_deep_link_on_a_fresh_server_gets_the_whole_app(browser):
    # The first request of the process goes straight to a page: it must still be routed
    # through app.py (sidebar, navigation), not run as a bare v1 page script.
    with running_app() as url:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.goto(f"{url}/aging")
        wait_for_app(pg)
        pg.get_by_test_id("stSidebarNavLink").filter(has_text="总览").first.wait_for(timeout=60_000)
        assert pg.locator("h1").first.inner_text().strip() == "账龄分布与迁徙"
        context.close()


def test_upload_a_real_file_through_the_file_chooser(page, server_url):
    source = REALDATA / "uci_taiwan_default" / "UCI_Credit_Card.csv"
    if not source.is_file():
        pytest.skip("../shared/realdata is absent")
    page.goto(f"{server_url}/upload")
    wait_for_app(page)
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").first.get_by_test_id("stBaseButton-secondary").click()
    chooser.value.set_files(str(source))
    page.get_by_text("① 文件内容").wait_for(timeout=90_000)
    wait_for_app(page)
    page.get_by_role("button", name="校验并载入").click()
    page.get_by_text("已载入").first.wait_for(timeout=120_000)
    wait_for_app(page)
    assert_no_error(page)
    text = page.inner_text('[data-testid="stApp"]')
    assert "UCI_Credit_Card.csv" in text
    assert "176,068" in text  # 30,000 cards × 6 months, less the negative bills rejected with reasons
    shot(page, "upload-uci-zh")
    # The new data is what the other pages now show.
    page.get_by_test_id("stSidebarNavLink").filter(has_text="账龄分布与迁徙").first.click()
    wait_for_app(page)
    assert_no_error(page)
    shot(page, "aging-after-upload-zh")


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_in_chinese(page, server_url, name):
    page.goto(f"{server_url}/{name}")
    wait_for_app(page)
    assert_no_error(page)
    assert page.locator("h1").count() >= 1
    shot(page, f"{name}-zh")


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_in_english(browser, server_url, name):
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.goto(f"{server_url}/{name}")
    wait_for_app(pg)
    assert_no_error(pg)
    shot(pg, f"{name}-en")
    context.close()


def test_land_on_the_overview_and_download_the_meeting_report(page, server_url):
    page.goto(server_url)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().strip() == "总览"
    page.get_by_test_id("stSidebarNavLink").filter(has_text="会议汇报").first.click()
    wait_for_app(page)
    page.get_by_role("button", name="生成汇报材料").click()
    page.get_by_role("button", name="下载").first.wait_for(timeout=120_000)
    wait_for_app(page)
    shot(page, "report-built-zh")
    html_button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text="HTML").first
    with page.expect_download(timeout=60_000) as download:
        html_button.click()
    path = download.value.path()
    text = open(path, encoding="utf-8").read()
    assert "<html" in text.lower() and "逾期" in text
    # Self-contained: nothing is fetched from elsewhere (SVG namespaces are names, not fetches).
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
