"""One browser session's memory on the server, at the size of the issue's bar.

Bar (issue 11): the server memory held by one session after loading the 2.4M-row CSV and visiting
every page ≤ 1.5 × the CSV's size, and back to the idle level after the session closes.

Drives the real app as ``tests/browser/test_memory.py`` does (the same server settings, the same
session: upload through the file chooser, check and load, every page, close), on the 2.4M-row
bench CSV of :mod:`bench.panel` instead of the test's 600,000 rows. Needs Debian's chromium and
Playwright (``make test`` installs both); takes a few minutes. Prints figures; asserts nothing.

Run: ``make bench`` or ``python -m bench session``.
"""
from __future__ import annotations

import time

from bench.bench_core import bench_csv

BAR = 1.5


def main() -> None:
    # Playwright and the browser-test helpers are test tooling (and Playwright is heavy): only this
    # bench needs them, and `bench` lists its benches without importing them.
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, _chromium, app_server
    from tests.browser.test_memory import SERVER_ENV, SESSION_TTL, _another_user, _session, settled_rss

    chromium = _chromium()
    if chromium is None:
        print("Debian chromium is not installed: skipped (make test installs it)")
        return
    csv = bench_csv()
    csv_mb = csv.stat().st_size / 2**20
    with app_server(("--server.disconnectedSessionTTL", str(SESSION_TTL)),
                    env=SERVER_ENV, start_within=120, quiet=True) as (url, proc), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(2):  # warm-up: imports, the sample, every page's first visit
                _session(browser, url)
            time.sleep(SESSION_TTL + 1)
            _another_user(browser, url)
            idle = settled_rss(proc.pid)
            steps: dict[str, float] = {}
            start = time.perf_counter()
            _session(browser, url, upload=csv,
                     on_step=lambda name: steps.__setitem__(name, settled_rss(proc.pid, timeout=20)))
            seconds = time.perf_counter() - start
            closed = settled_rss(proc.pid, timeout=20)
            time.sleep(SESSION_TTL + 1)
            _another_user(browser, url)
            after = settled_rss(proc.pid)
        finally:
            browser.close()
    held = steps["pages"] - idle
    ratio = held / csv_mb
    print(f"2.4M-row CSV {csv_mb:,.0f} MB; one session: upload, check and load, every page ({seconds:.0f} s)")
    print(f"  server RSS idle {idle:,.0f} MB; file read {steps['read']:,.0f}; loaded {steps['loaded']:,.0f}; "
          f"after every page {steps['pages']:,.0f}; browser closed {closed:,.0f}; session expired {after:,.0f}")
    print(f"  held by the session after every page {held:,.0f} MB = {ratio:.2f} × the CSV "
          f"(bar ≤ {BAR}: {'OK' if ratio <= BAR else 'OVER'})")
    # What went when: Streamlit clears the session-scoped caches (the DuckDB book, the cubes, the
    # pages' cached results) when the browser disconnects, and the session state (the loaded
    # portfolio) when the session expires.
    print(f"  of which the session's caches (freed when the browser closed) {steps['pages'] - closed:,.0f} MB, "
          f"its state (the portfolio; freed when the session expired) {closed - after:,.0f} MB")
    back = (after - idle) / idle
    print(f"  after the session: {after - idle:+,.0f} MB from idle ({back:+.1%}; bar: back to idle, "
          f"the test allows 20 %: {'OK' if back <= 0.2 else 'OVER'})", flush=True)
