"""The app in a real browser: upload a real file through the file chooser, visit every page.

Each page is opened once per language, all in one tab per language (a page in a new tab costs 5-18 s
on a busy machine, most of it the new session), and every check that needs that page in that
language runs on the same visit:

* the app opens in the browser's language (the overview's title);
* nothing on any page is fetched from outside the server (a bank intranet has no internet, and a
  request to a third party tells it who opened the workbench when);
* drill-through (zh: warnings, causes, aging): clicking a bar or cell of a chart opens the accounts
  behind it (Streamlit's chart selection event, which AppTest cannot click);
* presenting (en: aging): a presenter's clicker (PageDown / PageUp) steps through sections;
* the file uploader's own English words are written in Chinese (zh: upload).
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import assert_no_error, running_app, shot, wait_for_app
from tests.conftest import REALDATA

PAGES = ["overview", "upload", "aging", "trend", "causes", "provisions", "whatif", "warnings", "arrangements", "report",
         "conduct"]


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


#: The uploader's button and size line: Streamlit writes them in English whatever the page's
#: language (a ::after in the house styles writes them in Chinese on a Chinese page).
_UPLOADER_WORDS = """() => {
  const button = document.querySelector('[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p');
  const line = document.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
  return [getComputedStyle(button, '::after').content, getComputedStyle(line, '::after').content,
          getComputedStyle(button).fontSize, getComputedStyle(line).fontSize];
}"""


def _uploader_speaks_chinese(pg) -> None:
    button, line, button_size, line_size = pg.evaluate(_UPLOADER_WORDS)
    assert button == '"选择文件"' and "单个文件不超过" in line
    assert button_size == line_size == "0px"  # Streamlit's English words are not shown


#: Checks that need a page in a language, run on its visit (after the render checks).
CHECKS = {"zh": {**DRILLS, "upload": _uploader_speaks_chinese},
          "en": {"aging": _pagedown_and_pageup_step_like_the_arrow_keys}}
#: The overview's title: a tab that chose no language gets the browser's.
DEFAULT_TITLE = {"zh": "总览", "en": "Overview"}


def _visit_every_page(pg, server_url: str, lang: str) -> None:
    """One tab in ``lang`` lands on the app (the overview, in the browser's language), then opens
    every other page from the sidebar, as a reader does. On each: no error, a title, a screenshot,
    nothing fetched from outside the server, then the page's own checks (:data:`CHECKS`). Every
    page is visited even when one fails; the failures are reported together, by page.

    One session for all the pages (a new tab per page cost a session's start, ~3 s, each): each
    page on a fresh session is the AppTest page tests' (tests/app), and the deep-link test's in a
    browser. The pages with their own checks come last, presentation mode (English aging) last of
    all: it steps on through the pages once switched on.
    """
    outside = _record_outside_requests(pg, server_url)
    checks = CHECKS[lang]
    order = [name for name in PAGES if name not in checks] + [name for name in PAGES if name in checks]
    assert order[0] == "overview" and "overview" not in checks
    failed = []
    for name in order:
        try:
            if name == "overview":  # the app's root: the default page, in the browser's language
                pg.goto(server_url)
                wait_for_app(pg)
                assert pg.locator("h1").first.inner_text().strip() == DEFAULT_TITLE[lang]
            else:
                pg.locator(f'[data-testid="stSidebarNavLink"][href="{server_url}/{name}"]').first.click()
                pg.wait_for_url(re.compile(re.escape(f"{server_url}/{name}") + r"(\?|$)"), timeout=60_000)
                wait_for_app(pg)
            assert_no_error(pg)
            assert pg.locator("h1").count() >= 1
            shot(pg, f"{name}-{lang}")
            _assert_fetched_only_from_the_server(pg, server_url, outside)
            if name in checks:
                checks[name](pg)
        except Exception as error:  # an assertion or a Playwright timeout: note it, visit the rest
            failed.append(f"{name}: {type(error).__name__}: {error}")
    assert not failed, "\n".join(failed)


def test_every_page_renders_in_chinese(page, server_url):
    _visit_every_page(page, server_url, "zh")


def test_every_page_renders_in_english(browser, server_url):
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    try:
        _visit_every_page(pg, server_url, "en")
    finally:
        context.close()


def test_the_overview_typed_by_its_name_opens_the_overview(page, server_url, browser):
    # Every page is reached as /aging, /trend …; the landing page lives at "/", and /overview
    # typed by hand showed Streamlit's English "Page not found" dialog on the Chinese app, once
    # the server had run a page (a fresh server's first visit did not show it).
    warm = browser.new_context(locale="zh-CN")
    first = warm.new_page()
    first.goto(f"{server_url}/aging")
    wait_for_app(first)
    warm.close()
    page.goto(f"{server_url}/overview")
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().strip() == "总览"
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_test_id("stSidebarNavLink").filter(has_text="总览").count() == 1  # the alias is not listed
    assert_no_error(page)


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
