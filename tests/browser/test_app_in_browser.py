"""The app in a real browser: upload a real file through the file chooser, visit every page.

Each page is loaded once per language, and every check that needs that page in that language runs
on the same visit (a page load costs 5-18 s on a busy machine):

* nothing on any page is fetched from outside the server (a bank intranet has no internet, and a
  request to a third party tells it who opened the workbench when);
* drill-through (zh: warnings, causes, aging): clicking a bar or cell of a chart opens the accounts
  behind it (Streamlit's chart selection event, which AppTest cannot click);
* presenting (en: aging): a presenter's clicker (PageDown / PageUp) steps through sections.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import assert_no_error, running_app, shot, wait_for_app
from tests.conftest import REALDATA

PAGES = ["overview", "upload", "aging", "trend", "causes", "provisions", "whatif", "warnings", "arrangements", "report",
         "conduct"]


def test_default_language_follows_the_browser(browser, server_url):
    for locale, title in (("zh-CN", "总览"), ("en-US", "Overview")):
        context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.goto(server_url)
        # The title is drawn first; the rest of the overview is not what this test is about.
        pg.locator("h1").first.wait_for(timeout=90_000)
        assert pg.locator("h1").first.inner_text().strip() == title
        context.close()


def test_deep_links_arriving_together_on_a_fresh_server_all_get_the_whole_app(browser):
    # The first request of the process goes straight to a page: it must still be routed through
    # app.py (sidebar, navigation, data), not run as a bare v1 page script. So must the tabs
    # reconnecting with it after a restart, each to its own page: the runs that started before
    # the first one switched Streamlit out of its v1 mode are rerouted too. (Without
    # ui.pages_directory.reroute_bare_run this fails: some of the four are bare pages.)
    with running_app() as url:
        pages = []
        for path in ("report", "aging", "trend", "warnings"):
            context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
            pg = context.new_page()
            pg.goto(f"{url}/{path}", wait_until="commit")  # all four are under way before any is drawn
            pages.append(pg)
        titles = []
        for pg in pages:
            wait_for_app(pg)
            pg.get_by_test_id("stSidebarNavLink").filter(has_text="Overview").first.wait_for(timeout=60_000)
            assert "no data to analyse" not in pg.inner_text('[data-testid="stApp"]')
            titles.append(pg.locator("h1").first.inner_text().strip())
            pg.context.close()
        assert titles == ["Meeting report", "Aging and roll rates", "Trend & forecast", "Early warning & collections"]


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


def _record_outside_requests(pg, server_url: str) -> list[str]:
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server_url, "data:", "blob:")) else None)
    return outside


def _assert_fetched_only_from_the_server(pg, server_url: str, outside: list[str]) -> None:
    assert outside == [], f"fetched from outside the server: {sorted(set(outside))}"
    icon = pg.evaluate("() => document.querySelector(\"link[rel='shortcut icon']\")?.href || ''")
    assert icon.startswith(server_url), icon


def _drill_warning_level_bar(pg) -> None:
    assert "点击图中任一级别的条形" in pg.inner_text('[data-testid="stApp"]')
    tables_before = pg.locator('[data-testid="stDataFrame"]').count()
    bars = pg.locator(".st-key-chart_warnings_levels .mark-rect path")
    assert bars.count() == 3  # red, orange, yellow
    bars.first.scroll_into_view_if_needed()
    bars.first.click()
    pg.get_by_text("红色预警的账户").first.wait_for(timeout=60_000)
    wait_for_app(pg)
    assert_no_error(pg)
    assert pg.locator('[data-testid="stDataFrame"]').count() == tables_before + 1  # the table of those accounts


def _drill_cause_by_bucket_cell(pg) -> None:
    assert "点击热力图任一格" in pg.inner_text('[data-testid="stApp"]')
    cells = pg.locator(".st-key-chart_causes_by_bucket .mark-rect path")
    assert cells.count() > 3
    # A reader clicks the percentage printed in the middle of a cell: it selects the cell too.
    labels = pg.locator(".st-key-chart_causes_by_bucket .mark-text text")
    labels.first.scroll_into_view_if_needed()
    labels.first.click()
    pg.get_by_text("双击热力图取消选择").first.wait_for(timeout=60_000)
    wait_for_app(pg)
    assert_no_error(pg)
    # the expander of the cell's accounts is open, titled "cause · bucket：n 户"
    assert pg.locator('[data-testid="stExpander"] summary').filter(has_text=" · ").filter(has_text="户").count() == 1


def _drill_roll_matrix_cell(pg) -> None:
    pg.get_by_role("tab", name="迁徙").click()
    wait_for_app(pg)
    assert "点击矩阵任一格" in pg.inner_text('[data-testid="stApp"]')
    cells = pg.locator(".st-key-chart_aging_roll .mark-rect path")
    assert cells.count() >= 6
    cells.first.scroll_into_view_if_needed()
    cells.first.click(position={"x": 3, "y": 3})  # a corner: the rate printed in the middle is a label
    pg.get_by_text("双击矩阵取消选择").first.wait_for(timeout=60_000)
    wait_for_app(pg)
    assert_no_error(pg)
    assert "的账户（" in pg.inner_text('[data-testid="stApp"]')


#: Chinese pages with a chart whose bars or cells drill through to accounts (checked after the render).
DRILLS = {"warnings": _drill_warning_level_bar, "causes": _drill_cause_by_bucket_cell, "aging": _drill_roll_matrix_cell}


def _presentation_position(pg) -> str:
    return next(line for line in pg.inner_text("body").splitlines() if "PageUp / PageDown step" in line)


def _pagedown_and_pageup_step_like_the_arrow_keys(pg) -> None:
    pg.get_by_text("Presentation mode").first.click()
    wait_for_app(pg)
    assert _presentation_position(pg).startswith("Distribution (1 of")
    assert not pg.get_by_role("button", name="PageDown").is_visible()  # keys only
    pg.keyboard.press("PageDown")
    wait_for_app(pg)
    assert _presentation_position(pg).startswith("Over time (2 of")
    pg.keyboard.press("PageUp")
    wait_for_app(pg)
    assert _presentation_position(pg).startswith("Distribution (1 of")
    assert_no_error(pg)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_in_chinese(page, server_url, name):
    outside = _record_outside_requests(page, server_url)
    page.goto(f"{server_url}/{name}")
    wait_for_app(page)
    assert_no_error(page)
    assert page.locator("h1").count() >= 1
    shot(page, f"{name}-zh")
    _assert_fetched_only_from_the_server(page, server_url, outside)
    if name in DRILLS:
        DRILLS[name](page)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_in_english(browser, server_url, name):
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    outside = _record_outside_requests(pg, server_url)
    pg.goto(f"{server_url}/{name}")
    wait_for_app(pg)
    assert_no_error(pg)
    shot(pg, f"{name}-en")
    _assert_fetched_only_from_the_server(pg, server_url, outside)
    if name == "aging":
        _pagedown_and_pageup_step_like_the_arrow_keys(pg)
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
