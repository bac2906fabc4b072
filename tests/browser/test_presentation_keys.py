"""Presenting in a real browser: a presenter's clicker (PageDown / PageUp) steps through sections."""
from __future__ import annotations

from tests.browser.conftest import assert_no_error, wait_for_app


def _position(pg) -> str:
    return next(line for line in pg.inner_text("body").splitlines() if "PageUp / PageDown step" in line)


def test_pagedown_and_pageup_step_like_the_arrow_keys(browser, server_url):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.set_default_timeout(90_000)
    pg.goto(f"{server_url}/aging")
    wait_for_app(pg)
    pg.get_by_text("Presentation mode").first.click()
    wait_for_app(pg)
    assert _position(pg).startswith("Distribution (1 of")
    assert not pg.get_by_role("button", name="PageDown").is_visible()  # keys only
    pg.keyboard.press("PageDown")
    wait_for_app(pg)
    assert _position(pg).startswith("Over time (2 of")
    pg.keyboard.press("PageUp")
    wait_for_app(pg)
    assert _position(pg).startswith("Distribution (1 of")
    assert_no_error(pg)
    context.close()
