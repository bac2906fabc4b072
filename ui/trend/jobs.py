"""Forecasts fitted off the script thread, so a page draws at once and the forecast follows.

A forecast with model choice (:func:`analysis.trend.forecast.forecast_series`) takes 0.3-1 s: a
dozen statsmodels fits that cannot be made shorter without changing the figures (warm starts
moved the chosen model on short series). The overview after a month change and the trend page
after a metric change do not wait for it: they ask :func:`forecast_soon`, which starts the fit
on the session's forecast thread and returns ``None`` until it is done; the page draws the rest
and a :func:`pending_note` in its place, which polls and reruns the page once the result is
there. Callers that need the figures now (the report, the segment table; the CLI and
``gather_inputs`` without a forecaster call ``forecast_series`` directly) wait with
:func:`forecast_now`. Both read one store per session, by the series' values, so a forecast
started by one page is the one another page shows: the same figures, fitted once; a session
asking for a series another session is fitting (everyone opens on the sample) waits for that
fit instead of starting its own (:data:`_FITS`, by the series' values). The fit runs
in one of the server's worker processes (:mod:`analysis.core.workers`), beside the page on the
other core and without this process's GIL. Where there are none (``DW_WORKER_PROCESSES=0``) it
runs on the session's thread and lets a page run go first: it starts when the run that asked
for it is over, and between its model fits it waits while a later run is drawing (at most
:data:`DEFER_AT_MOST` in all), since a fit beside a run slowed it by ~0.1 s (both want the GIL);
a caller that waits for a result is never held up.

A fit that fails raises its error where the result is asked for, as a direct call would.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

import pandas as pd
import streamlit as st

from analysis.core.workers import map_in_workers, worker_count
from analysis.trend.forecast import WORKER_PRELOAD, ForecastResult, between_fits, forecast_series
from ui import memo
from ui.i18n import t

#: Forecasts kept per session (each a few dozen numbers and small tables).
KEEP = 64
#: How often a pending forecast's placeholder looks whether the fit is done.
POLL_SECONDS = 0.5
#: A fit lets page runs go first (fitting beside a run slowed it by ~0.1 s: both want the GIL),
#: waiting this long at most in all.
DEFER_AT_MOST = 3.0


def series_key(series: pd.Series, horizon: int, model: str, is_rate: bool) -> str:
    """A fingerprint of the forecast's inputs: the series' months and values, and the settings."""
    digest = hashlib.sha1()
    digest.update(pd.util.hash_pandas_object(series, index=True).to_numpy().tobytes())
    digest.update(repr((str(series.dtype), len(series), horizon, model, bool(is_rate))).encode("utf-8"))
    return digest.hexdigest()


class _SharedFits:
    """Fits under way or done, by :func:`series_key`, for every session of this server.

    The key is a digest of the series' months and values and the settings, so a session finds
    here only a fit of a series it holds itself: ten users opening the app on the sample ask for
    the same forecasts, and the worker processes fit each once instead of ten times.
    """

    def __init__(self, keep: int = 4 * KEEP):
        self._fits: OrderedDict[str, Future] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep

    def get(self, key: str) -> Future | None:
        with self._lock:
            return self._fits.get(key)

    def put(self, key: str, job: Future) -> None:
        with self._lock:
            self._fits[key] = job
            self._fits.move_to_end(key)
            while len(self._fits) > self._keep:
                self._fits.popitem(last=False)


_FITS = _SharedFits()


class ForecastJobs:
    """One session's forecasts: fitted on threads of their own (one per worker process), kept by inputs.

    ``started``/``finished`` (perf_counter seconds) are kept per key, so a benchmark can say when
    a forecast became ready, not only when the page that asked for it returned.
    """

    def __init__(self, keep: int = KEEP):
        # A thread per worker process: each thread only waits for its fit there, so the segment
        # table's dozen forecasts use both workers. Without workers the fit holds this process's
        # GIL: one at a time then.
        self._pool = ThreadPoolExecutor(max_workers=max(1, worker_count()), thread_name_prefix="forecast")
        self._jobs: OrderedDict[str, Future] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep
        self._waiting = 0  # callers blocked on a result: no fit may then wait for a script run
        self._page: threading.Thread | None = None  # the latest page run that asked for a forecast
        self.started: dict[str, float] = {}
        self.finished: dict[str, float] = {}

    def submit(self, series: pd.Series, horizon: int = 6, model: str = "auto", is_rate: bool = True,
               after: threading.Thread | None = None) -> Future:
        """The fit of these inputs: the one already started or done, else a new one.

        ``after``: the page's script run asking; fits (this one or one under way) let it go first,
        until it has ended, :data:`DEFER_AT_MOST` seconds have passed, or someone waits for a
        result (:meth:`result`)."""
        key = series_key(series, horizon, model, is_rate)
        with self._lock:
            if after is not None:
                self._page = after
            job = self._jobs.get(key)
            if job is not None:
                self._jobs.move_to_end(key)
                return job
            self.started[key] = time.perf_counter()
            shared = _FITS.get(key)  # another session fitting the very same series (the sample)
            if shared is None or shared.cancelled():
                job = self._pool.submit(self._fit, key, series.copy(), horizon, model, is_rate)
                _FITS.put(key, job)
            else:
                job = self._follow(shared, key, series.copy(), horizon, model, is_rate)
            self._jobs[key] = job
            self._forget_old()
            return job

    def result(self, series: pd.Series, horizon: int = 6, model: str = "auto", is_rate: bool = True) -> ForecastResult:
        """The fit of these inputs, waiting for it (and letting no fit wait for a script run meanwhile)."""
        with self._lock:
            self._waiting += 1
        try:
            return self.submit(series, horizon, model, is_rate).result()
        finally:
            with self._lock:
                self._waiting -= 1

    def _fit(self, key: str, series: pd.Series, horizon: int, model: str, is_rate: bool) -> ForecastResult:
        deadline = time.monotonic() + DEFER_AT_MOST

        def let_the_page_go_first() -> None:
            # before each of the fit's dozen model fits: wait while a page run is drawing (the
            # one that asked, or a later one: a user moving a widget again), within the deadline
            while True:
                page = self._page
                if page is None or not page.is_alive() or self._waiting or time.monotonic() >= deadline:
                    return
                page.join(0.02)

        try:
            if worker_count() > 0:
                # In a worker process the fit holds none of this server's GIL: no page waits for
                # it, and it need not wait for a page. (This thread only waits for the answer.)
                return map_in_workers(forecast_series, [(series, horizon, model, is_rate)],
                                      preload=WORKER_PRELOAD)[0]
            let_the_page_go_first()
            memo.statsmodels_ready()  # two threads importing statsmodels at once can deadlock
            with between_fits(let_the_page_go_first):
                return forecast_series(series, horizon=horizon, model=model, is_rate=is_rate)
        finally:
            self.finished[key] = time.perf_counter()

    def _follow(self, shared: Future, key: str, *fit_args) -> Future:
        """This session's future of another session's fit: its result or error, or, when that
        session left before the fit started (its fits are cancelled), a fit of our own."""
        mine: Future = Future()

        def settle(job: Future) -> None:
            if job.cancelled():
                try:
                    self._pool.submit(self._fit, key, *fit_args).add_done_callback(settle)
                except RuntimeError:  # this session has closed too: nobody waits for the answer
                    mine.cancel()
                return
            self.finished.setdefault(key, time.perf_counter())
            if job.exception() is not None:
                mine.set_exception(job.exception())
            else:
                mine.set_result(job.result())

        shared.add_done_callback(settle)
        return mine

    def _forget_old(self) -> None:
        done = [key for key, job in self._jobs.items() if job.done()]
        for key in done[: max(0, len(self._jobs) - self._keep)]:
            del self._jobs[key]
            self.started.pop(key, None)
            self.finished.pop(key, None)

    def close(self, _=None) -> None:
        """Stop: fits not yet started are dropped (the session is gone)."""
        self._pool.shutdown(wait=False, cancel_futures=True)


@st.cache_resource(scope="session", max_entries=1, show_spinner=False, on_release=lambda jobs: jobs.close())
def session_jobs() -> ForecastJobs:
    """This session's forecast store (one fitting thread per session, ended with the session)."""
    return ForecastJobs()


def forecast_now(series: pd.Series, horizon: int = 6, model: str = "auto", is_rate: bool = True) -> ForecastResult:
    """The forecast, waiting for it (reusing a fit another page started)."""
    return session_jobs().result(series, horizon, model, is_rate)


def forecast_soon(series: pd.Series, horizon: int = 6, model: str = "auto",
                  is_rate: bool = True) -> tuple[ForecastResult | None, Future]:
    """``(result, job)``: the result when the fit is done (its error raised, as a direct call
    would), else ``(None, job)`` with the fit started; draw :func:`pending_note` of ``job`` then."""
    # the fit starts when this script run is over: it would slow the rest of the page
    here = threading.current_thread()
    job = session_jobs().submit(series, horizon, model, is_rate, after=None if here is threading.main_thread() else here)
    if not job.done():
        return None, job
    return job.result(), job


def pending_note(job: Future, border: bool = False, help_text: str | None = None) -> None:
    """A visible "fitting the forecast" note where the forecast will be, which reruns the page
    when the fit is done (its result or its error is then drawn by the page, as usual).
    ``help_text``: what happens then, when it is not "it appears here" (the trend page's)."""
    runs = [0]

    @st.fragment(run_every=POLL_SECONDS)
    def _note() -> None:
        runs[0] += 1
        if runs[0] > 1 and job.done():  # a later poll, not the page's own run: draw the page again
            st.rerun()
        with st.container(border=border):
            st.markdown(f"⏳ {t('trend.forecast.pending')}")
            st.caption(help_text or t("trend.forecast.pending_help"))

    _note()
