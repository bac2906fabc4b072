"""Every page of the app on the 2.4M-row panel, as one user session would visit them.

Bars (issue 11): each page's first visit ≤ 2 s; a rerun after a widget change ≤ 0.3 s. Timed
through Streamlit's AppTest, which runs the whole script (widgets, charts, tables) without a
browser, so the figures are the server's share of what a user waits for. The app opens on the
overview, so the app start is the overview's first visit and pays for registering the upload in
DuckDB and building the first cubes; the overview line after it is a return to a cached page.
Slow parts the pages run only on request (segment forecasts, the warning model on a large book,
the causes page's logistic regression on a large month) are not clicked here.
Also prints the process's resident memory after every page was visited.

Run: ``make bench`` or ``python -m bench pages``. Prints figures; asserts nothing.
"""
from __future__ import annotations

import gc
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from analysis.core.rates import shift_month
from bench.bench_aging import canonical_portfolio
from tests.app.apptest import open_page

FIRST_VISIT, RERUN = 2.0, 0.3

def _month_before(value: str) -> str:
    return shift_month(str(value), -1)


#: (page, widget key, new value from the current one): one widget a risk manager moves on each
#: page. Values go through session state (AppTest reads some select boxes' labels outside the
#: script run, where the page's language is unknown).
PAGES = (
    ("overview", "overview_month", _month_before),
    ("aging", "aging_month", _month_before),
    ("trend", "trend_metric", lambda _: "dpd90_rate"),
    ("causes", None, None),
    ("whatif", "whatif_lgd", lambda _: 50.0),
    ("warnings", "warnings_month", _month_before),
    ("report", "report_month", _month_before),
)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _line(name: str, seconds: float, bar: float) -> None:
    verdict = "OK" if seconds <= bar else "OVER"
    print(f"  {name:<58} {seconds:7.2f} s   (bar ≤ {bar:.1f} s: {verdict})", flush=True)


def main() -> None:
    portfolio = canonical_portfolio()
    print(f"portfolio: {len(portfolio):,} account-months; process RSS {_rss_mb():,.0f} MB", flush=True)
    result = SimpleNamespace(portfolio=portfolio, rejected=pd.DataFrame(), summary={}, raw=None,
                             compact=lambda: result)
    start = time.perf_counter()
    at = open_page(None, "en", timeout=900, data_result=result, data_name="bench", data_id="bench")
    # The app opens on the overview: this run is the overview's real first visit, and it pays for
    # registering the upload in DuckDB, the first cubes and (in a fresh process) the imports.
    _line("app start = overview's first visit (registers the upload)", time.perf_counter() - start, FIRST_VISIT)
    for i, (page, key, change) in enumerate(PAGES):
        begin = time.perf_counter()
        at.switch_page(f"pages/{page}.py")
        at.run()
        seconds = time.perf_counter() - begin
        label = f"{page}: " + ("back from the app start (cached)" if i == 0 else "first visit")
        _line(label, seconds, FIRST_VISIT)
        if at.exception:
            print(f"    exception: {at.exception[0].value}", flush=True)
            continue
        if key is None:
            continue
        value = change(at.session_state[key])
        begin = time.perf_counter()
        at.session_state[key] = value
        at.run()
        _line(f"{page}: rerun after {key}", time.perf_counter() - begin, RERUN)
        if at.exception:
            print(f"    exception: {at.exception[0].value}", flush=True)
    gc.collect()
    print(f"process RSS after every page: {_rss_mb():,.0f} MB "
          f"(the test process holds the generated portfolio too)", flush=True)


if __name__ == "__main__":
    main()
