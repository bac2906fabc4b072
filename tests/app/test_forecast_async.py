"""Forecasts fitted off the script thread (ui.trend.jobs): the page draws at once, a note stands in
the forecast's place, and once the fit is done the figures are those forecast_series gives."""
from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

from analysis.core import book_from_portfolio, workers
from analysis.core.markup import escape_markdown
from analysis.ingest.portfolio import load_portfolio
from analysis.overview.findings import finding_forecast
from analysis.overview.headlines import monthly_summary
from analysis.trend import series as T
from analysis.trend.forecast import forecast_sentence, forecast_series, model_label
from tests.app.apptest import assert_clean, open_page
from tests.app.forecasts import pending, settle
from tests.conftest import REPO
from ui.overview import keys as overview_keys
from ui.trend import jobs, keys


@pytest.fixture(scope="module")
def sample_cubes():
    path = REPO / "data" / "sample" / "sample_portfolio.csv"
    book = book_from_portfolio(load_portfolio(path.read_bytes(), path.name).portfolio)
    cubes = book.cubes()
    summary = monthly_summary(cubes, "balance")
    table = T.trend_table(cubes.rates(), cubes.transitions(), "balance")
    book.close()
    return summary, table


@pytest.fixture(autouse=True)
def fresh_store(monkeypatch):
    """AppTest sessions share one session id, so session-scoped caches outlive a test: a store of
    its own, and no fit shared from another test's sessions."""
    store = jobs.ForecastJobs()
    monkeypatch.setattr(jobs, "session_jobs", lambda: store)
    monkeypatch.setattr(jobs, "_FITS", jobs._SharedFits())
    yield store
    store.close()


@pytest.fixture
def gate(monkeypatch):
    """Fits wait until the test opens the gate, so the page is seen while the forecast is pending
    (on the session's thread: a worker process would not see the test's stand-in)."""
    monkeypatch.setenv(workers.WORKERS_KEY, "0")
    opened = threading.Event()

    def gated(*args, **kwargs):
        assert opened.wait(120), "the test never opened the gate"
        return forecast_series(*args, **kwargs)

    monkeypatch.setattr(jobs, "forecast_series", gated)
    return opened


def _text(at) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(c.value for c in at.caption)


def _backtest_models(at) -> list[str]:
    tables = [d.value for d in at.dataframe if "MASE" in getattr(d.value, "columns", []) and len(d.value.columns) == 3]
    assert tables, "no backtest table on the page"
    return [str(v) for v in tables[0].iloc[:, 0]]


def test_trend_metric_change_draws_the_page_then_the_forecast_forecast_series_gives(sample_cubes, gate):
    _, table = sample_cubes
    gate.set()
    at = settle(open_page("trend", "en"))
    gate.clear()
    horizon = at.slider(key=keys.HORIZON).value
    at.selectbox(key=keys.METRIC).set_value("dpd90_rate").run()
    assert_clean(at)
    # The page is there (cards, projection, the table of every metric's changes), the forecast not yet.
    assert pending(at)
    assert len(at.metric) == 4
    assert any("Roll-rate projection" in h.value for h in at.subheader)
    assert "is expected to" not in _text(at)

    gate.set()
    started = time.perf_counter()
    settle(at)
    print(f"trend forecast ready {time.perf_counter() - started:.2f} s after the gate opened")
    assert_clean(at)
    expected = forecast_series(T.metric_series(table, "dpd90_rate"), horizon=horizon, model="auto", is_rate=True)
    sentence = forecast_sentence(expected, "en", "§")
    assert escape_markdown(sentence.split("§", 1)[1]) in _text(at)
    chosen = [m[1:].strip() for m in _backtest_models(at) if m.startswith("✓")]
    assert len(chosen) == 1 and model_label(expected.model, "en").startswith(chosen[0])


def test_overview_month_change_shows_a_note_then_the_forecast_finding(sample_cubes, gate):
    summary, _ = sample_cubes
    gate.set()
    at = settle(open_page(None, "en"))
    gate.clear()
    box = at.selectbox(key=overview_keys.MONTH)
    month = box.options[-2]
    box.set_value(month).run()
    assert_clean(at)
    assert pending(at)
    assert len(at.metric) == 7  # the headline does not wait
    assert "Fitting the forecast" in _text(at)

    gate.set()
    started = time.perf_counter()
    settle(at)
    print(f"overview forecast ready {time.perf_counter() - started:.2f} s after the gate opened")
    assert_clean(at)
    upto = summary[summary["month"] <= month]
    expected = finding_forecast(forecast_series(T.metric_series(upto, "dpd30_rate"), horizon=6, is_rate=True))
    assert expected is not None
    assert escape_markdown(expected.text("en", "yuan")) in _text(at)


def test_a_failed_fit_says_so(monkeypatch):
    monkeypatch.setenv(workers.WORKERS_KEY, "0")  # the stand-in runs on the session's thread
    def broken(*args, **kwargs):
        raise ValueError("the fit broke")

    monkeypatch.setattr(jobs, "forecast_series", broken)
    at = settle(open_page(None, "en"))
    assert "the fit broke" in _text(at)  # the overview names the problem, as for any failed analysis
    at.switch_page("pages/trend.py")
    at.run()
    settle(at)
    # the trend page raises it, as a direct call would (Streamlit shows the error box; the message
    # itself is in the server log when the app hides error details)
    assert at.exception and not pending(at)


# --- the store itself ----------------------------------------------------------------------------

def _series(n: int = 14) -> pd.Series:
    months = [f"{2023 + i // 12}-{i % 12 + 1:02d}" for i in range(n)]
    return pd.Series([0.02 + 0.001 * i + 0.0005 * (i % 3) for i in range(n)], index=months)


def test_jobs_fit_once_per_inputs_and_give_forecast_series_figures():
    store = jobs.ForecastJobs()
    try:
        s = _series()
        first = store.submit(s, 6, "auto", True)
        assert store.submit(s.copy(), 6, "auto", True) is first  # the same values: the same fit
        assert store.submit(s, 3, "auto", True) is not first
        got = first.result(timeout=120)
        want = forecast_series(s, horizon=6)
        pd.testing.assert_frame_equal(got.forecast, want.forecast)
        pd.testing.assert_frame_equal(got.backtest, want.backtest)
        assert got.model == want.model
        key = jobs.series_key(s, 6, "auto", True)
        assert store.finished[key] >= store.started[key]
    finally:
        store.close()


def test_jobs_raise_the_fit_error_where_the_result_is_read():
    store = jobs.ForecastJobs()
    try:
        with pytest.raises(ValueError, match="horizon"):
            store.submit(_series(), 99, "auto", True).result(timeout=60)
    finally:
        store.close()


def test_jobs_keep_a_bounded_number_of_results():
    store = jobs.ForecastJobs(keep=2)
    try:
        series = [_series(8 + i) for i in range(4)]
        for s in series:
            store.submit(s, 2, "naive", True).result(timeout=60)
        assert len(store._jobs) <= 3  # the newest is kept while it runs, the done ones trimmed to 2
    finally:
        store.close()


def test_a_fit_waits_for_the_page_run_that_asked_for_it_unless_someone_waits_for_a_result(monkeypatch):
    monkeypatch.setenv(workers.WORKERS_KEY, "0")  # on the session's thread, where a fit shares the GIL
    store = jobs.ForecastJobs()
    page_done = threading.Event()
    page = threading.Thread(target=page_done.wait, args=(30,))
    page.start()
    try:
        deferred = store.submit(_series(), 6, "auto", True, after=page)
        time.sleep(1.0)  # a fit of this series takes ~0.2 s: it would be done by now
        assert jobs.series_key(_series(), 6, "auto", True) not in store.finished  # not fitted while the page runs
        assert not deferred.done()
        # a caller that waits (the report, the segment table) is not held up by the deferred fit
        got = store.result(_series(10), 2, "naive", True)
        assert got.ok and deferred.done()
    finally:
        page_done.set()
        page.join()
        store.close()
    monkeypatch.setattr(jobs, "_FITS", jobs._SharedFits())  # a new server: the fit above is not there to share
    store = jobs.ForecastJobs()
    try:
        page = threading.Thread(target=time.sleep, args=(0.2,))
        page.start()
        job = store.submit(_series(), 6, "auto", True, after=page)
        job.result(timeout=120)
        key = jobs.series_key(_series(), 6, "auto", True)
        assert not page.is_alive() and store.finished[key] > store.started[key]
    finally:
        store.close()


def test_a_fit_in_a_worker_process_gives_the_figures_forecast_series_gives():
    # the default: the fit leaves the server's process (no page waits for its GIL)
    store = jobs.ForecastJobs()
    try:
        series = _series()
        fitted = store.result(series)
        direct = forecast_series(series)
        assert fitted.model == direct.model
        pd.testing.assert_frame_equal(fitted.forecast, direct.forecast)
        pd.testing.assert_frame_equal(fitted.backtest, direct.backtest)
    finally:
        store.close()
