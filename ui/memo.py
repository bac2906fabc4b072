"""Page-level caches that several pages share, keyed so a rerun recomputes only what changed.

* :func:`row_index` — where each month's account rows are (``analysis.warnings.signals.row_index``), built
  once per data and filters; every warning computation of any page reads it.
* :func:`forecast` — one forecast per series *content*: the overview's and the report's DPD30+
  forecast of the latest month is the trend page's whole-book DPD30+ forecast, fitted once.
* :func:`warning_levels` — warned accounts per level for one month and one set of warning
  settings: the overview's "last month" is the month the overview or report shows next.
* :func:`chart` — a finished Altair chart per content, for charts a widget change elsewhere on
  the page leaves as they are (building one costs ~0.1-0.2 s). It is checked against the
  Vega-Lite schema once per spec structure (:func:`checked_once`): Streamlit converts a chart
  with ``to_dict()`` on every draw, and that check was most of a rerun's time (0.05-0.45 s a
  chart, measured on the trend and overview pages).

Cached functions take the data token and small settings as plain arguments and the big objects
as underscore arguments, so Streamlit hashes a short string, never millions of rows.
"""
from __future__ import annotations

import gc
import hashlib
import sys
import threading
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from analysis.conduct.rules import rule_pack
from analysis.conduct.segment import tokenizer
from analysis.core.buckets import Buckets
from analysis.core.rates import shift_month
from analysis.core.workers import start_worker_server
from analysis.ingest.sandbox import READER_PRELOAD
from analysis.overview.findings import warning_levels_for, warning_outcomes_for, warning_signals_for
from analysis.report.model import WORKER_PRELOAD as REPORT_PRELOAD
from analysis.trend.forecast import WORKER_PRELOAD as FORECAST_PRELOAD
from analysis.trend.forecast import ForecastResult
from analysis.warnings.signals import RowIndex, row_index as build_row_index
from ui import sharing, state


def _import_statsmodels() -> None:
    _start_worker_server()  # first: a page's first forecast would start the fork server without the rest
    # statsmodels' time-series modules take seconds to import cold (2.8 s measured on a busy
    # machine), and the first page of every server (the overview's forecast) needs them. Start
    # the import while that page's first cubes run in DuckDB, which releases the GIL; a later
    # import of the same modules waits for this one instead of starting over.
    try:
        import statsmodels.tsa.exponential_smoothing.ets  # noqa: F401
        import statsmodels.tsa.statespace.sarimax  # noqa: F401
    except ImportError:  # the forecast imports them itself and reports the failure
        pass
    finally:
        _STATSMODELS_IMPORTED.set()
    _load_conduct_rules()
    _freeze_long_lived()


def _freeze_long_lived() -> None:
    # Streamlit collects garbage fully after every script run (runner.postScriptGC), which frees
    # the reference cycle each run's page module leaves (see state.collect_garbage_soon). On a warm
    # server the collection walks ~200,000 objects of imported modules that never die: ~0.1 s
    # of CPU under the interpreter lock per run, 3.1 s of a 22 s session (py-spy on one
    # `bench loadtest` session), ten times over with ten users. Once the warm-up has imported
    # everything, those objects move to the permanent generation: each collection then walks only
    # what the runs made (<0.01 s) and still frees every run's cycle.
    gc.collect()
    gc.freeze()


def _start_worker_server() -> None:
    # The worker processes (reads of untrusted workbooks, report files, forecasts) are forked from
    # one fork server that imports what they need once, in its own process and on the other core:
    # started here, the first upload, report or forecast does not wait seconds for those imports.
    try:
        start_worker_server([*READER_PRELOAD, *REPORT_PRELOAD, *FORECAST_PRELOAD])
    except OSError:  # a host that cannot start processes: each job then runs in the server's process
        pass


def _load_conduct_rules() -> None:
    # jieba's 9 MB word list takes 1.4-2.3 s to load (5.7 s on a busy machine), once per server,
    # and the warnings page's work list checks its templates against the conduct rules on its
    # first visit: loaded here, after statsmodels, it is ready before anyone asks. A page that
    # asks first loads it itself (the caches are process-wide; nothing waits for this). Both
    # modules are imported above, in the page's thread: here only jieba's own import runs.
    try:
        tokenizer()
        rule_pack("cn")
    except Exception:  # noqa: BLE001 - a warm-up only: the page reports its own errors
        pass


_STATSMODELS_IMPORTED = threading.Event()


def _warm_up():
    if "statsmodels.tsa.statespace.sarimax" in sys.modules:
        _STATSMODELS_IMPORTED.set()
        return None
    thread = threading.Thread(target=_import_statsmodels, name="import-statsmodels", daemon=True)
    thread.start()
    return thread


_WARMING = _warm_up()


def statsmodels_ready() -> None:
    """Wait for the background import of statsmodels to finish.

    Call before any code that imports statsmodels (forecasts, the warning model, the drivers):
    two threads importing one package in different orders can deadlock on Python's module locks.
    """
    _STATSMODELS_IMPORTED.wait()


# Two: the chart window's rows and, when the sidebar starts later than the book, the history's.
@sharing.cache_resource(max_entries=2, show_spinner=False)
def _row_index(token: str, _rows: pd.DataFrame) -> RowIndex:
    return with_book_account_codes(build_row_index(_rows), _rows)


def with_book_account_codes(index: RowIndex, rows: pd.DataFrame) -> RowIndex:
    """``index`` reading its account codes from the book's ``account_key`` column instead of its own copy.

    The book (``analysis.core.cubes.book_from_portfolio``) numbers the accounts of the whole
    upload exactly as :func:`analysis.warnings.signals.row_index` does (``pd.factorize`` of
    ``account_id``, int32): for unfiltered rows both are the same 2.4M numbers (9.6 MB). The
    book's column is used only when it is the very same numbers, element for element;
    otherwise (filters, a configured dataset, another layout) ``index`` is returned as it is.
    """
    codes = _book_account_codes(rows)
    if codes is None or codes.dtype != index.account_code.dtype or not np.array_equal(codes, index.account_code):
        return index
    return replace(index, account_code=codes)


def _book_account_codes(rows: pd.DataFrame) -> np.ndarray | None:
    # The upload's own Arrow table (registered in DuckDB without a copy) holds the key column;
    # a zero-copy, read-only view of it shares the memory (it keeps the buffer alive itself).
    if state.is_dataset() or rows is not state.full_portfolio():
        return None
    codes = state.book().account_keys()
    return codes if codes is not None and len(codes) == len(rows) else None


def row_index(rows: pd.DataFrame | None = None) -> RowIndex:
    """The row index of account rows :mod:`ui.state` hands out (``state.portfolio()`` when
    omitted, or ``state.history()[0]``), built once per data and filters; other rows get an index
    of their own, not kept."""
    rows = state.portfolio() if rows is None else rows
    token = state.rows_token(rows)
    if token is None:
        return build_row_index(rows)
    return _row_index(token, rows)


def forecast(series: pd.Series, horizon: int = 6, model: str = "auto", is_rate: bool = True) -> ForecastResult:
    """:func:`analysis.trend.forecast.forecast_series`, kept per session by the series' values, so any
    page asking for the same series gets the same fit without refitting; waits for the fit.

    The fits go through the session's forecast store (:mod:`ui.trend.jobs`: a worker process, or
    the session's thread without workers), where a page that does not wait
    (:func:`ui.trend.jobs.forecast_soon`) may already have started this very one.
    """
    from ui.trend.jobs import forecast_now  # ui.trend.jobs imports this module

    return forecast_now(series, horizon, model, is_rate)


def forecaster(series: pd.Series, horizon: int) -> ForecastResult:
    """The ``forecaster`` :func:`analysis.overview.findings.gather_inputs` takes: a cached rate forecast."""
    return forecast(series, horizon, "auto", True)


@sharing.cache_data(max_entries=32, show_spinner=False)
def warning_levels(token: str, month: str, settings_key: str, _rows: pd.DataFrame, _buckets: Buckets,
                   _settings: dict | None = None) -> pd.DataFrame | None:
    """:func:`analysis.overview.findings.warning_levels_for` of ``month`` (``None`` when the rows lack it).

    ``token`` is :func:`ui.state.rows_token` of ``_rows``; ``settings_key`` fingerprints
    ``_settings`` (``warning_thresholds``, ``warning_rule``, ``reason_dictionary``), as
    :func:`ui.overview.cache.user_settings` returns them.
    """
    index = row_index(_rows)
    if month not in index.months:
        return None
    signals = _signals(token, month, settings_key, _rows, _buckets, _settings)
    return warning_levels_for(*_month_args(_rows, month, _buckets, _settings), index=index, signals=signals)


@sharing.cache_data(max_entries=32, show_spinner=False)
def warning_outcomes(token: str, month: str, settings_key: str, _rows: pd.DataFrame, _buckets: Buckets,
                     _settings: dict | None = None) -> pd.DataFrame | None:
    """:func:`analysis.overview.findings.warning_outcomes_for` of ``month``: the backtest that says
    whether the warnings separate on this book (``None`` without a month before)."""
    index = row_index(_rows)
    if month not in index.months:
        return None
    prev, before = shift_month(month, -1), None
    if prev in index.months:
        try:
            before = _signals(token, prev, settings_key, _rows, _buckets, _settings)
        except (ValueError, KeyError):  # the backtest meets the same problem and reports it as before
            before = None
    return warning_outcomes_for(*_month_args(_rows, month, _buckets, _settings), index=index, prev_signals=before)


@sharing.cache_resource(max_entries=2, show_spinner=False)
def _signals(token: str, month: str, settings_key: str, _rows: pd.DataFrame, _buckets: Buckets,
             _settings: dict | None) -> pd.DataFrame:
    # One month's signals (~100k rows × 30 columns on the bench book, so two months at most):
    # stepping back a month, the month before's warned accounts and this month's backtest both
    # read the signals of the month before; computed once (0.1-0.2 s each on 100k accounts).
    s = _settings or {}
    return warning_signals_for(_rows, month, _buckets, s.get("warning_thresholds"), s.get("reason_dictionary"),
                               index=row_index(_rows))


def _month_args(rows: pd.DataFrame, month: str, buckets: Buckets, settings: dict | None) -> tuple:
    # Both per-month warning figures take the rows, the month and the same three settings.
    s = settings or {}
    return rows, month, buckets, s.get("warning_thresholds"), s.get("warning_rule"), s.get("reason_dictionary")


def _fingerprint(parts: tuple) -> str | None:
    """A digest of everything a chart shows, or ``None`` when a part cannot be hashed."""
    digest = hashlib.sha1()
    try:
        for part in parts:
            if isinstance(part, (pd.DataFrame, pd.Series)):
                digest.update(pd.util.hash_pandas_object(part, index=True).to_numpy().tobytes())
                if isinstance(part, pd.DataFrame):
                    labels, dtypes = list(part.columns), [str(t) for t in part.dtypes]
                else:
                    labels, dtypes = [part.name], [str(part.dtype)]
                digest.update(repr((labels, dtypes)).encode("utf-8"))
            else:
                digest.update(repr(part).encode("utf-8"))
            digest.update(b"|")
    except TypeError:
        return None
    return digest.hexdigest()


#: String values that are text or data, not structure: two specs differing only there are checked once.
_FREE_TEXT = frozenset({"title", "subtitle", "text", "name", "format", "datum", "value", "description", "labelExpr",
                        "expr", "test", "tooltip"})
#: Keys whose lists hold data values, not structure: a scale's ``domain``, an explicit ``sort``
#: order (another month, other segment names), the ``views`` a selection listens to (a name per
#: chart). The schema takes any string there, so strings inside such a list are text; a bare
#: string under these keys (``"sort": "-x"``, ``"domain": "unaggregated"``) stays structural.
_FREE_TEXT_LISTS = frozenset({"domain", "sort", "views"})
_LIST_TEXT = "…list item"  # the key strings inside those lists are read under
#: Keys whose whole content is data (inline rows, the datasets Streamlit sends as Arrow).
_DATA = frozenset({"values", "datasets", "$schema"})
_CHECKED_SHAPES: set = set()
_SHAPES_LOCK = threading.Lock()


def _shape(node, key: str | None = None):
    """The structure of a Vega-Lite spec: keys, lists, value types and the structural strings
    (mark types, encodings, scale types, sort orders), without data, titles, numbers or the
    values listed in a domain, a sort order or a selection's views."""
    if isinstance(node, dict):
        return tuple(sorted((k, "…" if k in _DATA else _shape(v, k)) for k, v in node.items()))
    if isinstance(node, list):
        inner = _LIST_TEXT if key in _FREE_TEXT_LISTS else key
        return ("[", *dict.fromkeys(_shape(v, inner) for v in node))
    if isinstance(node, str):
        return "str" if key in _FREE_TEXT or key == _LIST_TEXT else node
    if isinstance(node, bool) or node is None:
        return node
    return type(node).__name__


def checked_once(chart):
    """``chart``, whose ``to_dict()`` checks the Vega-Lite schema once per spec *structure*.

    Streamlit calls ``to_dict()`` (which validates by default) each time a chart is drawn, and
    the check (jsonschema over the whole Vega-Lite schema) costs more than building the chart. A
    chart kept across reruns is the same object with the same spec; a chart rebuilt for another
    month or metric has the same structure with other data, titles and numbers. Whether a spec
    is valid depends on its structure (keys, types, mark and encoding names), so a structure is
    checked the first time it is drawn in this process and not again: a builder that produces
    an invalid spec still fails on its first draw, as before.
    """
    from altair.utils.schemapi import SchemaValidationError
    import jsonschema

    convert = chart.to_dict  # the chart's own bound method
    checked = False

    def to_dict(validate: bool = True, **kwargs):
        nonlocal checked
        spec = convert(validate=False, **kwargs)
        if not validate or checked or kwargs.get("format", "vega-lite") != "vega-lite":
            return spec
        shape = _shape(spec)
        with _SHAPES_LOCK:
            known = shape in _CHECKED_SHAPES
        if not known:
            # What to_dict(validate=True) checks: the spec before $schema and the datasets are added.
            try:
                type(chart).validate({k: v for k, v in spec.items() if k not in ("$schema", "datasets")})
            except jsonschema.ValidationError as err:
                raise SchemaValidationError(chart, err) from None
            with _SHAPES_LOCK:
                if len(_CHECKED_SHAPES) > 4096:  # bounded: a long-lived server sees new shapes rarely
                    _CHECKED_SHAPES.clear()
                _CHECKED_SHAPES.add(shape)
        checked = True
        return spec

    # Altair's __setattr__ turns attributes into chart properties: set the method on the instance.
    object.__setattr__(chart, "to_dict", to_dict)
    return chart


@sharing.cache_resource(max_entries=48, show_spinner=False)
def _chart(key: str, _build: Callable):
    return checked_once(_build())


def chart(build: Callable, *parts):
    """``build()``, reused while ``parts`` (every frame and parameter the chart shows) are unchanged.

    Parameters
    ----------
    build : callable
        Builds the finished chart (``house_config`` applied).
    *parts
        Frames, series and plain values that determine the chart: its data, title, subtitle,
        language, unit, events. A part that cannot be hashed means the chart is built each time.
    """
    # The builder's own place in the code is part of the key: two charts drawn from the same
    # frame and labels (a line and a bar of one table) must not hand out each other's chart.
    code = getattr(build, "__code__", None)
    site = (code.co_filename, code.co_firstlineno) if code is not None else getattr(build, "__qualname__", repr(build))
    key = _fingerprint((site, *parts))
    return build() if key is None else _chart(key, build)
