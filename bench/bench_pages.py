"""Every page of the app on the 2.4M-row panel, as one user session would visit them.

Bars (issue 11): each page's first visit ≤ 2 s; a rerun after a widget change ≤ 0.3 s. Timed
through Streamlit's AppTest, which runs the whole script (widgets, charts, tables) without a
browser, so the figures are the server's share of what a user waits for. The journey is a
user's: the app opens on the sample's overview (in this fresh process it pays the imports a
running server has paid already), the 2.4M-row book is loaded (the upload page, right after
"Check and load", registers it in DuckDB and builds the cubes every page opens with, under a
progress line: timed on its own line, no bar), then each page's first visit on the book.
Slow parts the pages run only on request (segment forecasts, the warning model on a large book,
the causes page's logistic regression on a large month) are not clicked here. A forecast is
fitted off the script thread (the page shows a note until it is drawn): a rerun that started
one is followed by a separate line saying when the forecast was on screen.
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
from tests.app.forecasts import pending, settle

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


def _line(name: str, seconds: float, bar: float | None, cpu: float | None = None, extra: str = "") -> None:
    verdict = "no bar" if bar is None else f"bar ≤ {bar:.1f} s: " + ("OK" if seconds <= bar else "OVER")
    cpu_text = "" if cpu is None else f"  cpu {cpu:5.2f} s"
    print(f"  {name:<58} {seconds:7.2f} s   ({verdict}){cpu_text}{extra}", flush=True)


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


def _settled(at) -> float:
    """Seconds until the pending forecast is drawn (AppTest reruns the page as the note's poll would)."""
    start = time.perf_counter()
    settle(at)
    return time.perf_counter() - start


def _forecast_line(at, seconds: float) -> None:
    print(f"    {'… its forecast on screen after':<56} {seconds + _settled(at):7.2f} s   "
          f"(fitted off the script thread, not a faster fit)", flush=True)



def main() -> None:
    print(f"load average (1, 5, 15 min) at the start: {_load()}; {os.cpu_count()} CPUs", flush=True)
    portfolio = canonical_portfolio()
    print(f"portfolio: {len(portfolio):,} account-months; process RSS {_rss_mb():,.0f} MB", flush=True)
    months = sorted(portfolio["month"].unique())
    balance = float(portfolio["balance"].sum())
    # the load report of a clean file: every row accepted, the balances reconcile
    summary = {"rows_read": len(portfolio), "rows_accepted": len(portfolio), "rows_rejected": 0,
               "balance_read": balance, "balance_accepted": balance, "balance_rejected": 0.0,
               "accounts": int(portfolio["account_id"].nunique()), "months": months, "notes": []}
    result = SimpleNamespace(portfolio=portfolio, rejected=pd.DataFrame(), summary=summary, raw=None,
                             compact=lambda: result)
    wall, cpu = time.perf_counter(), time.process_time()
    at = open_page(None, "en", timeout=900)
    _line("app start on the sample (this process's imports)", time.perf_counter() - wall, None,
          time.process_time() - cpu)

    def load():
        # what "Check and load" leaves behind (ui.upload.flow.accept): the data, and the load
        # report the upload page shows while it prepares the analysis
        for key, value in {"data_result": result, "data_name": "bench", "data_id": "bench",
                           "upload_report": result}.items():
            at.session_state[key] = value
        at.switch_page("pages/upload.py")
        at.run()

    seconds, cpu = _timed(load)
    _line("load: the upload page prepares the analysis", seconds, None, cpu)
    for page, key, change in PAGES:
        def visit():
            at.switch_page(f"pages/{page}.py")
            at.run()

        seconds, cpu = _timed(visit)
        _line(f"{page}: first visit", seconds, FIRST_VISIT, cpu)
        if pending(at):
            _forecast_line(at, seconds)
        if at.exception:
            print(f"    exception: {at.exception[0].value}", flush=True)
            continue
        if key is None:
            continue
        walls, cpus, drawn = [], [], []
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
            if pending(at):
                drawn.append(seconds + _settled(at))
        if walls:
            _line(f"{page}: rerun after {key} (median of {len(walls)})", statistics.median(walls), RERUN,
                  statistics.median(cpus), f"  [min {min(walls):.2f} s, cpu min {min(cpus):.2f} s]")
        if drawn:
            print(f"    {'… its forecast on screen after (median)':<56} {statistics.median(drawn):7.2f} s   "
                  f"(fitted off the script thread, not a faster fit)", flush=True)
    # Issue 15 measured "changing the bucket scheme" on the warnings page (9 s): a new scheme is a
    # new analysis (every cube and signal by the new buckets), so its bar is a first visit's.
    def new_scheme():
        at.switch_page("pages/warnings.py")
        at.session_state["bucket_scheme"] = "m"
        at.run()

    seconds, cpu = _timed(new_scheme)
    _line("warnings: after a bucket scheme change (M0-M6+)", seconds, FIRST_VISIT, cpu)
    if at.exception:
        print(f"    exception: {at.exception[0].value}", flush=True)
    gc.collect()
    print(f"process RSS after every page: {_rss_mb():,.0f} MB "
          f"(the test process holds the generated portfolio too)", flush=True)
    print(f"load average (1, 5, 15 min) at the end: {_load()}", flush=True)


if __name__ == "__main__":
    main()
