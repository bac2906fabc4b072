"""Nothing on a page is fetched from outside the server (a bank intranet has no internet, and a
request to a third party tells it who opened the workbench when)."""
from __future__ import annotations

from tests.browser.conftest import assert_no_error, wait_for_app


def test_pages_fetch_only_from_the_server(browser, server_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(90_000)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server_url, "data:", "blob:")) else None)
    for path in ("", "/conduct"):  # the shell, fonts and icon load on the first; the newest page's own assets
        page.goto(f"{server_url}{path}")
        wait_for_app(page)
        assert_no_error(page)
    icon = page.evaluate("() => document.querySelector(\"link[rel='shortcut icon']\")?.href || ''")
    context.close()
    assert outside == [], f"fetched from outside the server: {sorted(set(outside))}"
    assert icon.startswith(server_url), icon
