"""Every page of the app on the 2.4M-row panel, as one user session would visit them.

Bars (issue 11): each page's first visit ≤ 2 s; a rerun after a widget change ≤ 0.3 s. Timed
through Streamlit's AppTest, which runs the whole script (widgets, charts, tables) without a
browser, so the figures are the server's share of what a user waits for. The app opens on the
overview, so the app start is the overview's first visit and pays for registering the upload in
DuckDB and building the first cubes; the overview line after it is a return to a cached page.
Slow parts the pages run only on request (segment forecasts, the warning model on a large book,
the causes page's logistic regression on a large month) are not clicked here.
Also prints the process's resident memory after every page was visited.

The machine is shared, so each page's widget is moved :data:`RERUNS` times, each time to a value
not shown before in the session (a rerun back to a value already seen would only read caches),
and the reruns are summed up as min / median. Each line also gives the process's CPU seconds
over the same stretch (every thread: the script's and DuckDB's), which a busy machine inflates
far less than the wall clock; the load average is printed at the start and the end.

Run: ``make bench`` or ``python -m bench pages``. Prints figures; asserts nothing.
"""
from __future__ import annotations

import gc
import os
import statistics
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from analysis.core.rates import shift_month
from bench.bench_aging import canonical_portfolio
from tests.app.apptest import open_page

FIRST_VISIT, RERUN = 2.0, 0.3
#: Widget changes timed per page (each to a value the session has not shown yet).
RERUNS = 3


def _month_before(value: str, _: int) -> str:
    return shift_month(str(value), -1)


#: Trend metrics the bench moves to, in order: none is the page's first series (overdue rate) or
#: the overview's forecast (DPD30+ rate), so each one is a new fit.
TREND_METRICS = ("dpd90_rate", "entry_rate", "dpd30_balance")

#: (page, widget key, new value from the current one and the rerun's number): one widget a risk
#: manager moves on each page. Values go through session state (AppTest reads some select boxes'
#: labels outside the script run, where the page's language is unknown).
PAGES = (
    ("overview", "overview_month", _month_before),
    ("aging", "aging_month", _month_before),
    ("trend", "trend_metric", lambda _, i: TREND_METRICS[i % len(TREND_METRICS)]),
    ("causes", None, None),
    ("whatif", "whatif_lgd", lambda _, i: 50.0 + 5.0 * i),
    ("warnings", "warnings_month", _month_before),
    ("report", "report_month", _month_before),
)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _line(name: str, seconds: float, bar: float, cpu: float | None = None, extra: str = "") -> None:
    verdict = "OK" if seconds <= bar else "OVER"
    cpu_text = "" if cpu is None else f"  cpu {cpu:5.2f} s"
    print(f"  {name:<58} {seconds:7.2f} s   (bar ≤ {bar:.1f} s: {verdict}){cpu_text}{extra}", flush=True)


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # not on every system
        return "n/a"


def _timed(fn) -> tuple[float, float]:
    """Wall and process-CPU seconds of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    print(f"load average (1, 5, 15 min) at the start: {_load()}; {os.cpu_count()} CPUs", flush=True)
    portfolio = canonical_portfolio()
    print(f"portfolio: {len(portfolio):,} account-months; process RSS {_rss_mb():,.0f} MB", flush=True)
    result = SimpleNamespace(portfolio=portfolio, rejected=pd.DataFrame(), summary={}, raw=None,
                             compact=lambda: result)
    wall, cpu = time.perf_counter(), time.process_time()
    at = open_page(None, "en", timeout=900, data_result=result, data_name="bench", data_id="bench")
    # The app opens on the overview: this run is the overview's real first visit, and it pays for
    # registering the upload in DuckDB, the first cubes and (in a fresh process) the imports.
    _line("app start = overview's first visit (registers the upload)", time.perf_counter() - wall, FIRST_VISIT,
          time.process_time() - cpu)
    for i, (page, key, change) in enumerate(PAGES):
        def visit():
            at.switch_page(f"pages/{page}.py")
            at.run()

        seconds, cpu = _timed(visit)
        label = f"{page}: " + ("back from the app start (cached)" if i == 0 else "first visit")
        _line(label, seconds, FIRST_VISIT, cpu)
        if at.exception:
            print(f"    exception: {at.exception[0].value}", flush=True)
            continue
        if key is None:
            continue
        walls, cpus = [], []
        for n in range(RERUNS):
            value = change(at.session_state[key], n)

            def rerun():
                at.session_state[key] = value
                at.run()

            seconds, cpu = _timed(rerun)
            walls.append(seconds)
            cpus.append(cpu)
            if at.exception:
                print(f"    exception: {at.exception[0].value}", flush=True)
                break
        if walls:
            _line(f"{page}: rerun after {key} (median of {len(walls)})", statistics.median(walls), RERUN,
                  statistics.median(cpus), f"  [min {min(walls):.2f} s, cpu min {min(cpus):.2f} s]")
    gc.collect()
    print(f"process RSS after every page: {_rss_mb():,.0f} MB "
          f"(the test process holds the generated portfolio too)", flush=True)
    print(f"load average (1, 5, 15 min) at the end: {_load()}", flush=True)


if __name__ == "__main__":
    main()
