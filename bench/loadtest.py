"""N concurrent browser sessions through the real upload flow and the main pages (issue 19, item 4).

Bar: ten concurrent sessions on 2 cores: no error, median step time ≤ 5× the single-session time,
server memory back within 20 % of idle 3 minutes after the sessions close.

Each session opens the app, uploads a generated CSV through the real file chooser (the
:mod:`bench.panel` book, 24 months; ``--rows`` sets its size), checks and loads it, visits aging,
trend, warnings and the meeting report, and builds the report; every step is timed. The server is
started as ``tests/browser/test_memory.py`` starts it (the allocator settings of ``make run``,
``SERVER_ENV``), with a disconnected-session TTL of 120 s (Streamlit's default) unless ``--settle``
is shorter than 150 s.

Order: a warm-up session on the sample (imports, every step's first-visit cost), the reference
session alone, the idle reading once the reference session has expired, then N sessions at once
(one chromium, one browser context each) while the server's RSS is sampled every half second, the
reading once they closed, and the reading ``--settle`` seconds after they closed. Streamlit drops
expired sessions only when another session writes to its session storage, so a short visit (a
later user) comes just before that last reading, as in the memory test.

Figures, not a test: not part of ``make test`` nor ``make bench``. Exit status 1 when any session
had an error (an exception box, a traceback on the page, a timeout or a failed report build).

Run: ``make loadtest`` (SESSIONS=10) or ``python -m bench loadtest [--sessions N] [--rows R] [--settle S]``.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

#: The bar of issue 19 item 4.
RATIO_BAR = 5.0
MEMORY_BAR = 0.20
#: Streamlit's default ``server.disconnectedSessionTTL`` (seconds).
DEFAULT_TTL = 120
MONTHS = 24
#: Every step of a session, in order; ``upload`` and ``load`` only when a file is uploaded.
STEPS = ("open", "upload", "load", "aging", "trend", "warnings", "report", "build")
#: Page steps: the sidebar link (English titles) and the page's address.
PAGES = {"aging": ("Aging and roll rates", "aging"), "trend": ("Trend & forecast", "trend"),
         "warnings": ("Early warning & collections", "warnings"), "report": ("Meeting report", "report")}


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line of ``python -m bench loadtest``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``loadtest``.

    Returns
    -------
    argparse.Namespace
        ``sessions``, ``rows``, ``settle``, ``distinct`` and ``timeout`` (seconds per step).

    Examples
    --------
    >>> parse_args(["--sessions", "3"]).sessions
    3
    """
    parser = argparse.ArgumentParser(
        prog="python -m bench loadtest",
        description="N concurrent browser sessions through the real upload flow and the main pages.")
    parser.add_argument("--sessions", type=_positive, default=10, help="concurrent sessions (default 10)")
    parser.add_argument("--rows", type=_positive, default=240_000,
                        help=f"rows of the uploaded CSV, {MONTHS} months per account (default 240000)")
    parser.add_argument("--settle", type=_positive, default=180,
                        help="seconds after the sessions close for the last memory reading (default 180)")
    parser.add_argument("--distinct", action="store_true",
                        help="each concurrent session uploads its own book (another seed): no two share data")
    parser.add_argument("--timeout", type=_positive, default=300,
                        help="seconds one step may take before it counts as a timeout (default 300)")
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def session_ttl(settle: int) -> int:
    """The server's disconnected-session TTL: Streamlit's default, shorter when ``settle`` is short.

    The sessions must have expired before the last reading, which is taken ``settle`` seconds after
    they closed; 30 s are left for the reaping visit and the reading to settle.

    Examples
    --------
    >>> session_ttl(180), session_ttl(60), session_ttl(10)
    (120, 30, 5)
    """
    return min(DEFAULT_TTL, max(5, settle - 30))


@dataclass
class Outcome:
    """One session: seconds per finished step, and the step that failed with what."""

    seconds: dict[str, float] = field(default_factory=dict)
    failed: tuple[str, str] | None = None


# --- one session ------------------------------------------------------------------------------------

async def _settled(pg, timeout_ms: float) -> None:
    # wait_for_app of tests/browser/conftest.py, with the step's timeout instead of its 90 s: ten
    # sessions on two cores may take longer, and whether they do is what is measured.
    from tests.browser.conftest import _SETTLED

    await pg.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    for _ in range(3):
        await pg.wait_for_function(_SETTLED, timeout=timeout_ms)
        await pg.wait_for_timeout(800)
        if await pg.evaluate(_SETTLED):
            return


async def _problem(pg) -> str | None:
    if await pg.query_selector('[data-testid="stException"]'):
        return "an exception box"
    if "Traceback" in await pg.inner_text('[data-testid="stApp"]'):
        return "a traceback on the page"
    return None


def _at(address: str):
    # The page's path; the query (the refresh token the app keeps in the address) may be anything.
    return lambda url: urlsplit(url).path.rstrip("/").endswith(f"/{address}")


async def _step(pg, step: str, url: str, csv: Path | None, timeout_ms: float) -> None:
    if step == "open":
        await pg.goto(url)
        await _settled(pg, timeout_ms)
    elif step == "upload":
        await pg.get_by_test_id("stSidebarNavLink").filter(has_text="Upload data").first.click()
        await pg.wait_for_url(_at("upload"))
        await _settled(pg, timeout_ms)
        async with pg.expect_file_chooser() as chooser:
            await pg.get_by_test_id("stFileUploaderDropzone").first.get_by_test_id("stBaseButton-secondary").click()
        await (await chooser.value).set_files(str(csv))
        await pg.get_by_text("① What was found").wait_for()
        await _settled(pg, timeout_ms)
    elif step == "load":
        await pg.get_by_role("button", name="Check and load").click()
        await pg.get_by_text("Loaded").first.wait_for()
        await _settled(pg, timeout_ms)
        if csv.name not in await pg.inner_text('[data-testid="stApp"]'):
            raise RuntimeError(f"{csv.name} is not named on the page after loading")
    elif step in PAGES:
        link, address = PAGES[step]
        await pg.get_by_test_id("stSidebarNavLink").filter(has_text=link).first.click()
        await pg.wait_for_url(_at(address))
        await _settled(pg, timeout_ms)
    elif step == "build":
        await pg.get_by_role("button", name="Build the report").click()
        done = pg.locator('[data-testid="stDownloadButton"]').or_(pg.get_by_text("The report could not be built"))
        await done.first.wait_for()
        await _settled(pg, timeout_ms)
        if await pg.get_by_text("The report could not be built").count():
            raise RuntimeError("the report could not be built")
    else:  # a programming error, not a finding
        raise ValueError(f"unknown step {step!r}")


async def _session(browser, url: str, csv: Path | None, timeout_s: float, say=None) -> Outcome:
    """One browser session through every step; the first failing step ends it.

    ``say`` is called with each step's line (the warm-up and the reference show their progress);
    a failing step leaves a screenshot in the temporary directory, named in the failure.
    """
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    outcome = Outcome()
    timeout_ms = timeout_s * 1000
    context = await browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    try:
        pg = await context.new_page()
        pg.set_default_timeout(timeout_ms)
        for step in STEPS:
            if csv is None and step in ("upload", "load"):
                continue
            start = time.perf_counter()
            try:
                await _step(pg, step, url, csv, timeout_ms)
                problem = await _problem(pg)
            except PlaywrightTimeout:
                problem = f"a timeout ({timeout_s:.0f} s)"
            except Exception as exc:  # noqa: BLE001 — every failure of a session is a finding to report
                problem = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
            if problem:
                shot = Path(tempfile.gettempdir()) / f"dw-loadtest-{id(outcome):x}-{step}.png"
                with contextlib.suppress(Exception):  # a page that cannot be drawn is already reported
                    await pg.screenshot(path=str(shot), full_page=True)
                    problem += f" (screenshot {shot})"
                outcome.failed = (step, problem)
                say and say(f"  {step}: {problem}")
                break
            outcome.seconds[step] = time.perf_counter() - start
            say and say(f"  {step} {outcome.seconds[step]:.1f} s")
    finally:
        await context.close()
    return outcome


async def _another_user(browser, url: str) -> None:
    # A short visit: its connection writes to Streamlit's session storage, which drops the
    # sessions whose TTL has passed (Streamlit reaps expired sessions on writes only).
    from tests.browser.conftest import _SETTLED

    context = await browser.new_context(locale="en-US")
    try:
        pg = await context.new_page()
        await pg.goto(url)
        await pg.wait_for_function(_SETTLED, timeout=120_000)
    finally:
        await context.close()


# --- memory -----------------------------------------------------------------------------------------

class PeakRss:
    """The highest RSS of a process, sampled every half second on a thread while in ``with``."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        from tests.browser.test_memory import rss_mb

        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            self._stop.wait(0.5)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


class CpuMeter:
    """CPU seconds of the server (its process and the worker processes it started) and of the
    browsers, sampled from ``/proc`` every half second on a thread while in ``with``.

    The browsers run on the same cores as the server here; on a real deployment they are the
    users' own machines. Splitting the CPU shows which of the two a step's time went to. A
    process's CPU counts up to its last sample (a browser page closed between samples loses
    at most its last half second).
    """

    def __init__(self, server_pid: int):
        self.server_pid = server_pid
        self._seen: dict[int, tuple[str, float]] = {}
        self._base: dict[int, float] = {}  # CPU a process had used when the meter started
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def seconds(self) -> dict[str, float]:
        """``{"server": s, "browser": s}`` since the meter started."""
        totals = {"server": 0.0, "browser": 0.0}
        for kind, cpu in list(self._seen.values()):
            totals[kind] += cpu
        return totals

    def _sample(self) -> None:
        while True:
            self._read()
            if self._stop.wait(0.5):
                return

    def _read(self) -> dict[int, float]:
        tick = os.sysconf("SC_CLK_TCK")
        stats = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                    stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
        server = {self.server_pid}
        for _ in range(4):  # the worker processes' fork server and its children
            server |= {pid for pid, (ppid, _) in stats.items() if ppid in server}
        for pid, (_, cpu) in stats.items():
            kind = "server" if pid in server else None
            if kind is None:
                with contextlib.suppress(OSError):
                    kind = "browser" if b"chrom" in Path(f"/proc/{pid}/cmdline").read_bytes() else None
            if kind is not None:
                self._seen[pid] = (kind, cpu - self._base.get(pid, 0.0))
        return {pid: cpu for pid, (_, cpu) in stats.items()}

    def __enter__(self) -> CpuMeter:
        self._base = self._read()  # what the processes running now had used before does not count
        self._seen.clear()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# --- the run ----------------------------------------------------------------------------------------

def _say(line: str) -> None:
    print(line, flush=True)


async def _run(browser_path: str, url: str, pid: int, csvs: list[Path], args: argparse.Namespace, ttl: int) -> dict:
    from playwright.async_api import async_playwright

    from tests.browser.conftest import CHROMIUM_ARGS
    from tests.browser.test_memory import settled_rss

    figures: dict = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS, headless=True)
        try:
            print("warm-up session on the sample …", flush=True)
            warm = await _session(browser, url, None, args.timeout, say=_say)
            if warm.failed:
                print(f"  warm-up failed at {warm.failed[0]}: {warm.failed[1]}", flush=True)
            print("reference: one session alone …", flush=True)
            with CpuMeter(pid) as cpu:
                figures["single"] = await _session(browser, url, csvs[0], args.timeout, say=_say)
            figures["cpu_single"] = cpu.seconds()
            await asyncio.sleep(ttl + 1)  # the reference session expires before the idle reading
            await _another_user(browser, url)
            figures["idle"] = await asyncio.to_thread(settled_rss, pid)
            print(f"{args.sessions} sessions at once …", flush=True)
            start = time.perf_counter()
            with PeakRss(pid) as peak, CpuMeter(pid) as cpu:
                figures["many"] = await asyncio.gather(
                    *(_session(browser, url, csvs[i % len(csvs)], args.timeout) for i in range(args.sessions)))
                figures["cpu_many"] = cpu.seconds()
                closed_at = time.monotonic()
                figures["wall"] = time.perf_counter() - start
                figures["closed"] = await asyncio.to_thread(settled_rss, pid, 20)
            figures["peak"] = peak.peak
            print(f"waiting until {args.settle} s after they closed …", flush=True)
            # Just before the reading: the visit that lets Streamlit drop the expired sessions.
            visit_at = closed_at + max(ttl + 2, args.settle - 25)
            await asyncio.sleep(max(0.0, visit_at - time.monotonic()))
            await _another_user(browser, url)
            await asyncio.sleep(max(0.0, closed_at + args.settle - time.monotonic()))
            figures["after"] = await asyncio.to_thread(settled_rss, pid, 30)
            figures["after_s"] = time.monotonic() - closed_at
        finally:
            await browser.close()
    return figures


def _report(figures: dict, args: argparse.Namespace, csv_mb: float, ttl: int) -> int:
    single: Outcome = figures["single"]
    many: list[Outcome] = figures["many"]
    n = args.sessions
    books = "each its own" if args.distinct else "all the same"
    print(f"\n{n} concurrent sessions, a {figures['rows']:,}-row CSV ({csv_mb:,.1f} MB; {books}), server TTL {ttl} s; "
          f"the {n} took {figures['wall']:.0f} s")
    print(f"{'step':<10}{'single':>9}{f'median of {n}':>14}{f'max of {n}':>11}{'ratio':>8}"
          f"   bar (median ≤ {RATIO_BAR:g}× single)   errors")
    for step in STEPS:
        times = [o.seconds[step] for o in many if step in o.seconds]
        errors = [o.failed[1] for o in many if o.failed and o.failed[0] == step]
        one = single.seconds.get(step)
        if times and one:
            median = statistics.median(times)
            ratio = median / one
            verdict = "OK" if ratio <= RATIO_BAR else "OVER"
            print(f"{step:<10}{one:>8.1f}s{median:>13.1f}s{max(times):>10.1f}s{ratio:>7.1f}×   {verdict:<30}{len(errors):>6}")
        else:
            shown = f"{one:>8.1f}s" if one else f"{'—':>9}"
            print(f"{step:<10}{shown}{'—':>14}{'—':>11}{'—':>8}   {'no figure':<30}{len(errors):>6}")
    done = sum(1 for o in many if o.failed is None)
    print(f"sessions finished without error: {done} of {n} (bar: all)"
          + ("" if single.failed is None else f"; the reference session failed at {single.failed[0]}: {single.failed[1]}"))
    for i, o in enumerate(many, 1):
        if o.failed:
            print(f"  session {i}: {o.failed[0]}: {o.failed[1]}")
    one, all_ = figures["cpu_single"], figures["cpu_many"]
    print(f"CPU (the browsers share the server's cores here): one session: server {one['server']:.1f} s, "
          f"browser {one['browser']:.1f} s; {n} sessions: server {all_['server']:.1f} s "
          f"({all_['server'] / max(one['server'], 0.1):.1f}× one), browsers {all_['browser']:.1f} s "
          f"({all_['browser'] / max(one['browser'], 0.1):.1f}× one)")
    idle, after = figures["idle"], figures["after"]
    back = (after - idle) / idle
    print(f"server RSS: idle {idle:,.0f} MB; peak during {figures['peak']:,.0f} MB "
          f"({figures['peak'] - idle:+,.0f}); after close {figures['closed']:,.0f} MB; "
          f"{figures['after_s']:.0f} s after close {after:,.0f} MB ({back:+.1%} from idle; "
          f"bar ≤ +{MEMORY_BAR:.0%}: {'OK' if back <= MEMORY_BAR else 'OVER'})", flush=True)
    return 0 if done == n and single.failed is None else 1


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print its figures; 1 when any session had an error.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``loadtest`` (see :func:`parse_args`).
    """
    args = parse_args(argv or [])
    # Playwright and the browser-test helpers are test tooling: imported only when the test runs.
    from bench.panel import make_bench_panel, panel_to_csv_bytes
    from tests.browser.conftest import _chromium, app_server
    from tests.browser.test_memory import SERVER_ENV

    chromium = _chromium()
    if chromium is None:
        print("Debian chromium is not installed: no load test (make test installs it)")
        return 1
    ttl = session_ttl(args.settle)
    accounts = max(1, round(args.rows / MONTHS))
    with tempfile.TemporaryDirectory(prefix="dw-loadtest-") as tmp:
        # One book for everyone (a team loading the same export: the sessions share its work,
        # ui.sharing), or with --distinct one per session (nobody shares; the reference is the first).
        csvs = []
        for seed in range(19, 19 + (args.sessions if args.distinct else 1)):
            csv = Path(tmp) / f"loadtest-{accounts * MONTHS}-rows-{seed}.csv"
            csv.write_bytes(panel_to_csv_bytes(make_bench_panel(accounts, MONTHS, seed=seed)))
            csvs.append(csv)
        csv_mb = csvs[0].stat().st_size / 2**20
        with app_server(("--server.disconnectedSessionTTL", str(ttl)), env=SERVER_ENV,
                        start_within=120, quiet=True) as (url, proc):
            figures = asyncio.run(_run(chromium, url, proc.pid, csvs, args, ttl))
    figures["rows"] = accounts * MONTHS
    return _report(figures, args, csv_mb, ttl)
