"""A forecast fitted off the script thread, in a real browser: the trend page shows a "Fitting the
forecast…" note, which polls (a timed fragment rerun, which AppTest cannot run) and redraws the
page with the forecast once the fit is done."""
from __future__ import annotations

import pytest

from tests.browser.conftest import app_server, assert_no_error, shot, wait_for_app


@pytest.fixture(scope="module")
def new_server():
    # Its own server: sessions on the sample share their forecasts (ui.trend.jobs), so on the
    # suite's server another test has already fitted this one.
    with app_server(quiet=True) as (url, _):
        yield url


def test_the_trend_page_replaces_its_forecast_note_by_the_forecast(browser, new_server):
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(90_000)
    try:
        pg.goto(f"{new_server}/trend")  # the server's first session: no forecast fitted yet
        note = pg.get_by_text("Fitting the forecast…")
        note.first.wait_for(state="visible")  # shown at least one poll (0.5 s) after the page is drawn
        pg.get_by_text("is expected to").first.wait_for(state="visible")  # the forecast sentence, by itself
        wait_for_app(pg)
        assert note.count() == 0
        assert pg.get_by_text("Model backtest").count() >= 1
        assert_no_error(pg)
        shot(pg, "trend-forecast-after-note")
    finally:
        context.close()
