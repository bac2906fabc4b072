"""The meeting report's roll-rate projection runs as the trend page ran it: the same window, months,
mode (book kept at size or run-off) and edited rates, so one projected DPD90+ rate has one value."""
from __future__ import annotations

import re

from tests.app.apptest import assert_clean, open_page
from tests.app.test_report_page import built_html
from ui.trend import keys as trend_keys

SENTENCE = re.compile(r"DPD90\+ rate moves from ([\d.]+%) to ([\d.]+%) by (\d{4}-\d{2})")


def _page_projection(at) -> tuple[str, str]:
    found = next(SENTENCE.search(md.value) for md in at.markdown if SENTENCE.search(md.value))
    return found.group(2), found.group(3)


def _report_html(at) -> str:
    return built_html(at, ["trend"])


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _row(html: str, month: str) -> str:
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S) if f">{month}<" in r]
    return re.sub(r"<[^>]+>", " ", rows[-1])


def test_the_report_projects_as_the_trend_page_did():
    at = open_page("trend", "en")
    assert_clean(at)
    kept_rate, month = _page_projection(at)  # the page's defaults: book kept at size, 12 months
    html = _report_html(at)
    assert "book kept at size" in _words(html) and kept_rate in _row(html, month)

    at.switch_page("pages/trend.py").run()
    at.toggle(key=trend_keys.REPLENISH).set_value(False).run()
    at.slider(key=trend_keys.PROJ_MONTHS).set_value(6).run()
    runoff_rate, month = _page_projection(at)
    assert runoff_rate != kept_rate
    html = _report_html(at)
    assert "run-off (exits are not replaced)" in _words(html) and "next 6 months" in _words(html)
    assert runoff_rate in _row(html, month)
