"""Cached overview computations: the monthly summary, the findings' inputs, warned accounts, the
month's provisions figures.

The report page reads :func:`user_settings` and :func:`cached_findings_inputs` too.

Keys are the data token (data + filters + buckets) and plain parameters; the session's cubes
(``state.cubes()``) and the account rows are underscore arguments, so Streamlit hashes a short
string instead of millions of rows. Every aggregate is read from the cubes the other pages
read; the rows serve only the warnings and causes, which need one row per account.
"""
from __future__ import annotations

import hashlib
from concurrent.futures import Future
from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.aging.rates import bucket_mix
from analysis.core import Cubes
from analysis.core.rates import shift_month
from analysis.overview.findings import FORECAST_HORIZON, FindingsInputs, forecast_for, gather_inputs
from analysis.overview.headlines import monthly_summary, warned_comparable_before
from analysis.provisions.settings import ProvisionSettings
from analysis.warnings.signals import DEFAULT_RULE, WarningThresholds, validate_rule
from ui import memo, sharing, state
from ui.provisions import cache as provision_cache
from ui.trend import jobs
from ui.warnings import keys as wk
from ui.warnings import settings as ws


@sharing.cache_data(max_entries=8, show_spinner=False)
def cached_summary(token: str, _cubes: Cubes, measure: str) -> pd.DataFrame:
    """:func:`analysis.overview.headlines.monthly_summary` of the session's cubes."""
    return monthly_summary(_cubes, measure)


@sharing.cache_data(max_entries=4, show_spinner=False)
def cached_mix(token: str, _cubes: Cubes, measure: str) -> pd.DataFrame:
    """:func:`analysis.aging.rates.bucket_mix` of the session's aging cube: every month's mix,
    the same whichever month the findings are about (kept across changes of month)."""
    return bucket_mix(_cubes.aging(), measure)


def user_settings() -> tuple[str, dict]:
    """The warning thresholds, level rule and reason dictionary the user set on the other pages.

    Returns ``(key, settings)``: ``settings`` holds ``warning_thresholds``, ``warning_rule`` and
    ``reason_dictionary`` (``None`` = the defaults, when the user has not changed them), ``key``
    fingerprints them for the caches. So the overview and the report count the same warned
    accounts and causes as the warnings and causes pages.
    """
    settings: dict = {"warning_thresholds": None, "warning_rule": None, "reason_dictionary": state.reason_dictionary()}
    if all(k in st.session_state for k in wk.THRESHOLD_KEYS.values()):
        try:
            settings["warning_thresholds"] = ws.thresholds_from_widgets()
            settings["warning_rule"] = ws.rule_from_widgets()
        except ValueError:  # invalid values on the warnings page (WarningError): it says so there; use the defaults here
            settings["warning_thresholds"] = settings["warning_rule"] = None
        # The defaults as set on the warnings page are the defaults: same key as before a visit
        # there, so the counts cached for the overview and the report are reused. (The model
        # signal is never on here: these counts are computed without model scores.)
        th = settings["warning_thresholds"]
        if th is not None and replace(th, disabled=tuple(d for d in th.disabled if d != "model_score")) == WarningThresholds():
            settings["warning_thresholds"] = None
        try:
            if settings["warning_rule"] is not None and validate_rule(settings["warning_rule"]) == validate_rule(DEFAULT_RULE):
                settings["warning_rule"] = None
        except ValueError:  # an invalid rule (WarningError) is passed on as it is (the findings report it)
            pass
    dictionary = settings["reason_dictionary"]
    dict_key = (hashlib.sha1(pd.util.hash_pandas_object(dictionary, index=False).to_numpy().tobytes()).hexdigest()
                if isinstance(dictionary, pd.DataFrame) else repr(dictionary))
    key = repr((settings["warning_thresholds"], settings["warning_rule"], dict_key))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12], settings


@sharing.cache_data(max_entries=8, show_spinner=False)
def cached_findings_inputs(token: str, _cubes: Cubes, _rows: pd.DataFrame, month: str, measure: str,
                           settings_key: str = "", _settings: dict | None = None,
                           forecast: bool = True) -> FindingsInputs:
    """Every analysis behind the month's findings (forecast, warnings, causes, drivers).

    Its parts are cached on their own as well (:mod:`ui.memo`): the warned accounts per month,
    the forecast per series, so a month the overview counted as "last month", or a forecast the
    trend page made, is not computed again. ``forecast=False`` leaves the forecast out (the
    overview adds it with :func:`with_forecast_soon`, without waiting for the fit).
    """
    summary = cached_summary(token, _cubes, measure)
    s = _settings or {}
    index = levels = outcomes = None
    if len(_rows):
        index = memo.row_index(_rows)
        rows_key = state.rows_token(_rows)
        try:
            levels = memo.warning_levels(rows_key, month, settings_key, _rows, _cubes.buckets, s)
            outcomes = memo.warning_outcomes(rows_key, month, settings_key, _rows, _cubes.buckets, s)
        except (ValueError, KeyError):  # gather_inputs runs it again and reports the problem
            levels = None
    return gather_inputs(_cubes, month, measure, rows=_rows, summary=summary, index=index, levels=levels,
                         outcomes=outcomes, forecast=forecast, forecaster=memo.forecaster,
                         mix=cached_mix(token, _cubes, measure), **s)


def with_forecast_soon(inputs: FindingsInputs) -> tuple[FindingsInputs, Future | None]:
    """``inputs`` with the month's DPD30+ forecast, or ``(inputs, job)`` while it is being fitted.

    The forecast :func:`cached_findings_inputs` would add (the same series, horizon and fit, from
    the session's forecast store :mod:`ui.trend.jobs`), but started off the script thread: the
    overview draws its other findings meanwhile. A forecast that cannot run on the data is
    reported in ``problems`` as :func:`analysis.overview.findings.gather_inputs` reports it.
    Inputs that already hold a forecast, or its problem, are returned as they are.
    """
    if inputs.forecast is not None or any(area == "trend" for area, _ in inputs.problems):
        return inputs, None
    pending: list[Future] = []

    def forecaster(series: pd.Series, horizon: int):
        result, job = jobs.forecast_soon(series, horizon, "auto", True)
        if result is None:
            pending.append(job)
        return result

    upto = inputs.summary[inputs.summary["month"] <= inputs.month]
    try:
        result = forecast_for(upto, "dpd30_rate", FORECAST_HORIZON, forecaster)
    except (ValueError, KeyError) as exc:  # as gather_inputs' _optional: the finding is left out, the problem said
        message = exc.message("en") if hasattr(exc, "message") else str(exc)
        return replace(inputs, problems=(("trend", message or type(exc).__name__),) + inputs.problems), None
    if pending:
        return inputs, pending[0]
    return replace(inputs, forecast=result), None


def _levels(cubes: Cubes, rows: pd.DataFrame, month: str, settings_key: str,
            settings: dict) -> pd.DataFrame | None:
    if not len(rows) or month not in memo.row_index(rows).months:
        return None
    try:
        return memo.warning_levels(state.rows_token(rows), month, settings_key, rows, cubes.buckets, settings)
    except (ValueError, KeyError):  # the findings report the problem; the headline leaves the count out
        return None


def warned_accounts(cubes: Cubes, rows: pd.DataFrame, month: str, settings_key: str,
                    settings: dict) -> tuple[int, int | None] | None:
    """(this month, the month before) warned accounts, or ``None`` without a warning analysis.

    ``rows`` are ``state.history()[0]``: the signals look back past the sidebar's first month, as
    on the warnings page and in the report.

    The same cached levels the findings read (:func:`ui.memo.warning_levels`), so the headline
    can be drawn before the findings' slower parts (the forecast) are ready.
    """
    now = _levels(cubes, rows, month, settings_key, settings)
    if now is None:
        return None
    if not warned_comparable_before(memo.row_index(rows).months, month):
        return int(now["accounts"].sum()), None  # last month has no history of its own: no change to show
    before = _levels(cubes, rows, shift_month(month, -1), settings_key, settings)
    return int(now["accounts"].sum()), (None if before is None else int(before["accounts"].sum()))


def cached_provision_figures(token: str, settings_key: str, month: str, rows: pd.DataFrame,
                             settings: ProvisionSettings) -> dict[str, float]:
    """The month's NPL and allowance figures (``ProvisionResult.npl``) with the provisions page's
    settings: the provisions page's own cached result (:func:`ui.provisions.cache.month_result`),
    so the book is priced once for the overview, the report preview and the page."""
    return dict(provision_cache.month_result(token, settings_key, month, rows, settings).npl)
