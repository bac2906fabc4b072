"""Sessions asking for the forecast of the same series share one fit (ui.trend.jobs)."""
from __future__ import annotations

import threading

import pandas as pd
import pytest

from ui import memo
from ui.trend import jobs


@pytest.fixture
def fits(monkeypatch):
    """Fits run in the session's thread and are counted; each returns the series' last value."""
    calls = []

    def fake(series, horizon=6, model="auto", is_rate=True):
        calls.append(float(series.iloc[-1]))
        return float(series.iloc[-1])

    monkeypatch.setattr(jobs, "worker_count", lambda: 0)
    monkeypatch.setattr(jobs, "forecast_series", fake)
    monkeypatch.setattr(memo, "statsmodels_ready", lambda: None)
    monkeypatch.setattr(jobs, "_FITS", jobs._SharedFits())
    return calls


def _series(last: float) -> pd.Series:
    return pd.Series([0.01, 0.02, last], index=["2024-01", "2024-02", "2024-03"])


def test_two_sessions_fit_the_same_series_once_and_different_series_each(fits):
    a, b = jobs.ForecastJobs(), jobs.ForecastJobs()
    try:
        assert a.result(_series(0.03)) == 0.03
        assert b.result(_series(0.03)) == 0.03
        assert b.result(_series(0.04)) == 0.04
        assert fits == [0.03, 0.04]
    finally:
        a.close(), b.close()


def test_a_fit_dropped_by_a_session_that_left_is_fitted_by_the_one_waiting(fits):
    a, b = jobs.ForecastJobs(), jobs.ForecastJobs()
    busy = threading.Event()
    # a's one fitting thread is held by another job, so a's fit of the series waits in its queue
    blocker = a._pool.submit(busy.wait, 10)
    try:
        a.submit(_series(0.05))
        waiting = b.submit(_series(0.05))
        a.close()  # the user left: a's queued fit is cancelled
        assert waiting.result(timeout=10) == 0.05
        assert fits == [0.05]
    finally:
        busy.set()
        blocker.result(timeout=10)
        b.close()
