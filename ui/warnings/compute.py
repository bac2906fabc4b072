"""Cached work of the early-warning page: signals, levels, actions, the model and the lists.

Row work (signals on the month × account grid, the model fit) runs once per data token and
setting; every other widget change (filters on the account list, the segment shown, unmasking)
only slices the cached results. Cached functions take the token and small settings as plain
arguments and frames as underscore arguments, so Streamlit hashes strings, not rows.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.causes.dictionary import classify_reasons
from analysis.core.buckets import Buckets
from analysis.core.rates import shift_month
from analysis.core.cubes import SourceError
from analysis.core.privacy import mask_pii
from analysis.core.tables import DisplayTable
from analysis.core.view import View
from analysis.warnings.reliability import model_passes, warning_reliability
from analysis.warnings.signals import (
    UNASSIGNED, WarningError, WarningThresholds, action_summary, collection_actions, level_outcomes, level_summary,
    signal_availability, warning_levels, warning_signals, work_lists,
)
from analysis.warnings import worklists
from analysis.warnings.tables import signal_summary
from analysis.warnings.worklists import account_table
from ui import memo, sharing, state
from ui.i18n import t, t_data
from ui.overview.cache import user_settings
from ui.warnings.keys import K_MODEL_REQUESTED

#: Above this many account-months the model (features of every row + a logistic fit, ~5 s at
#: 2.4M rows) is fitted when the user asks for it, not on every visit; below, at once.
MODEL_AUTO_ROWS = 500_000


def model_on_request(portfolio: pd.DataFrame) -> bool:
    """True when the model is fitted only on request (a large book), see :data:`MODEL_AUTO_ROWS`."""
    return len(portfolio) > MODEL_AUTO_ROWS


def model_module():
    """:mod:`analysis.warnings.model`, imported once the background statsmodels import is done.

    The model imports scipy.stats (seconds cold) and statsmodels: importing them while
    :mod:`ui.memo`'s background import runs can deadlock on Python's module locks, so this late
    import waits for that one first, and a page that never shows the model never pays for it.
    """
    memo.statsmodels_ready()
    from analysis.warnings import model  # late on purpose: see the docstring

    return model


def _frame_key(frame: pd.DataFrame | None) -> str:
    if frame is None:
        return "none"
    digest = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
    return hashlib.sha1(digest + repr(list(frame.columns)).encode()).hexdigest()[:16]


def settings_key(*parts: object) -> str:
    """A short stable key for settings objects Streamlit should not hash itself."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:16]


@sharing.cache_resource(max_entries=1, show_spinner=False)
def _states(token: str, _cubes, n_rows: int) -> pd.DataFrame | None:
    # Each row's next-month state from the data core, in the rows' order, once per data token:
    # the model of any month reads it (None when the cubes cannot give row order).
    try:
        states = _cubes.states_in_row_order()
    except SourceError:  # a dataset without row positions: the model builds its own
        return None
    return states if len(states) == n_rows else None


@sharing.cache_data(max_entries=8, show_spinner=False)
def fit_model(token: str, month: str, _portfolio: pd.DataFrame, _buckets: Buckets):
    """The warning model trained on history up to ``month``; ``(model, None)`` or ``(None, (key, params))``.

    The history's next-month states come from the session's cubes (one query per data token, not
    one per month), cut at ``month`` by :func:`analysis.warnings.model.history_with_states`.
    """
    model = model_module()
    states = _states(token, state.history()[1], len(_portfolio))
    history = model.history_with_states(_portfolio, month, states)
    try:
        return model.fit_warning_model(history, _buckets, score_month=month), None
    except WarningError as exc:
        return None, (exc.key, exc.params)


def _classifier(dictionary):
    return lambda reasons: classify_reasons(reasons, dictionary)


@dataclass(frozen=True)
class WarningResults:
    """What the page shows, computed once per setting (read-only)."""

    signals: pd.DataFrame      # one row per account at the month, with ``level``
    actions: pd.DataFrame      # warned accounts with their actions, most urgent first
    summary: pd.DataFrame      # level × accounts, balance
    by_action: pd.DataFrame    # action × accounts, balance
    by_signal: pd.DataFrame    # signal × accounts, balance flagged
    outcomes: pd.DataFrame | None  # backtest of the rule on the month before (None: no such month)
    availability: dict         # signal → reason key or None
    month: str


@sharing.cache_resource(max_entries=2, show_spinner=False)
def _month_signals(token: str, month: str, signals_key: str, _portfolio: pd.DataFrame, _buckets: Buckets,
                   _thresholds: WarningThresholds, _dictionary) -> pd.DataFrame:
    # One month's signals without model scores (two months at most: ~100k rows each on the bench
    # book). A month's backtest reads the month before's signals, which are that month's own
    # signals when the reader steps back a month: computed once instead of twice.
    return warning_signals(_portfolio, month, _thresholds, _buckets, classifier=_classifier(_dictionary),
                           index=memo.row_index(_portfolio))


@sharing.cache_resource(max_entries=8, show_spinner=False)
def results(token: str, month: str, settings: str, _portfolio: pd.DataFrame, _buckets: Buckets,
            _thresholds: WarningThresholds, _rule, _playbook: pd.DataFrame, _responses: dict,
            _dictionary, _scores: pd.Series | None, signals_key: str = "", outcomes_key: str = "",
            _outcomes_settings: dict | None = None) -> WarningResults:
    """Signals, levels and actions for one month and one set of settings (``settings`` keys them;
    ``signals_key`` keys the thresholds and the reason dictionary, all the signals depend on).

    ``outcomes_key`` and ``_outcomes_settings`` (:func:`ui.overview.cache.user_settings` of the
    same widgets), when given and the model's scores are not a signal: the backtest is the one
    the overview and the report read (:func:`ui.memo.warning_outcomes`, the same figures), so the
    month before's signals are not held a second time, in full, for this page."""
    classifier = _classifier(_dictionary)
    index = memo.row_index(_portfolio)
    if _scores is None and signals_key:
        signals = _month_signals(token, month, signals_key, _portfolio, _buckets, _thresholds, _dictionary)
    else:
        signals = warning_signals(_portfolio, month, _thresholds, _buckets, classifier=classifier, scores=_scores,
                                  index=index)
    levels = warning_levels(signals, _rule)
    actions = collection_actions(signals, levels, _playbook, _responses)
    if _scores is None and outcomes_key:
        outcomes = memo.warning_outcomes(token, month, outcomes_key, _portfolio, _buckets, _outcomes_settings)
    else:
        outcomes = _backtest(token, month, signals_key, _portfolio, _buckets, _thresholds, _rule, _dictionary)
    return WarningResults(
        signals=signals.assign(level=levels.array),  # categorical: the summaries read its codes
        actions=actions,
        summary=level_summary(signals, levels),
        by_action=action_summary(actions),
        by_signal=signal_summary(signals),
        availability=signal_availability(_portfolio, _thresholds, classifier, _scores, month, index=index),
        month=month,
        outcomes=outcomes,
    )


def _backtest(token: str, month: str, signals_key: str, portfolio: pd.DataFrame, buckets: Buckets,
              thresholds: WarningThresholds, rule, dictionary) -> pd.DataFrame | None:
    """The rule's backtest into ``month`` on this page's own signals of the month before."""
    index = memo.row_index(portfolio)
    before = None
    prev = shift_month(month, -1)
    if signals_key and prev in index.months:
        try:
            before = _month_signals(token, prev, signals_key, portfolio, buckets, thresholds, dictionary)
        except (ValueError, KeyError):  # the backtest meets the same problem and says so as before
            before = None
    try:
        return level_outcomes(portfolio, month, thresholds, rule, buckets, _classifier(dictionary), index=index,
                              prev_signals=before)
    except WarningError:
        return None


@sharing.cache_data(max_entries=8, show_spinner=False)
def summary_by(token: str, month: str, settings: str, by: str, _signals: pd.DataFrame) -> pd.DataFrame:
    """Level × segment (owner, branch, ...) accounts and balance."""
    return level_summary(_signals, _signals["level"], by=by)


def rows() -> tuple[pd.DataFrame, str]:
    """The account rows the warnings read and their cache key: ``state.history()`` (the sidebar's
    segment filters up to its last month, every month before it included), as the overview and the
    report count them: the signals look back past the chart window, and its first month has a
    month before to backtest against."""
    portfolio = state.history()[0]
    return portfolio, state.rows_token(portfolio)


def model_wanted(portfolio: pd.DataFrame) -> bool:
    """Whether to fit the model on this run: at once on a small book; on a large one once the user
    asked (then for every month shown with the same data)."""
    return not model_on_request(portfolio) or st.session_state.get(K_MODEL_REQUESTED) == state.data_token()


def compute(month: str, thresholds: WarningThresholds, rule, use_model: bool):
    """Everything the page needs for the current settings:
    ``(results, model, model_error, settings, reliability)``.

    The model is fitted whenever it is wanted (:func:`model_wanted`) or switched on, so the
    verdict on the warnings (:func:`analysis.warnings.reliability.warning_reliability`) includes
    it; its probabilities become a signal only when switched on and when it passes its
    validation. ``settings`` is the key of these results; pass it to the caches downstream.
    """
    portfolio, token = rows()
    buckets = state.buckets()
    model, model_error = None, None
    if use_model or model_wanted(portfolio):
        with st.spinner(t("warnings.spinner.model")):
            model, model_error = fit_model(token, month, portfolio, buckets)
    playbook = state.stage_playbook()
    responses = state.cause_responses()
    dictionary = state.reason_dictionary()
    scores = model.scores if use_model and model is not None and model_passes(model.validation) else None
    dict_key = _frame_key(dictionary) if isinstance(dictionary, pd.DataFrame) else repr(dictionary)
    settings = settings_key(thresholds, rule, _frame_key(playbook), sorted(responses.items()), dict_key,
                            scores is not None)
    # the overview's and the report's backtest, when this page's settings are theirs
    outcomes_key, outcomes_settings = user_settings()
    with st.spinner(t("warnings.spinner.signals")):
        try:
            res = results(token, month, settings, portfolio, buckets, thresholds, rule, playbook, responses,
                          dictionary, scores, settings_key(thresholds, dict_key), outcomes_key, outcomes_settings)
        except WarningError:
            raise
        except ValueError as exc:  # a reason dictionary edited into a bad shape: keep working on the default
            if dictionary is None:
                raise
            st.warning(t_data("warnings.dictionary_error", error=str(exc)))
            settings = settings_key(settings, "default-dictionary")
            res = results(token, month, settings, portfolio, buckets, thresholds, rule, playbook, responses,
                          None, scores, settings_key(thresholds, repr(None)))
    reliability = warning_reliability(res.outcomes, model.validation if model is not None else None)
    return res, model, model_error, settings, reliability


def lists_for(by: str | None, lang: str, actions: pd.DataFrame, buckets: Buckets) -> dict[str, pd.DataFrame]:
    """Work lists per owner (or one list when nobody is named), values in ``lang``.

    Not cached: the page makes them only when a download is clicked (its names and totals come
    from :func:`analysis.warnings.worklists.list_names` and ``chosen_totals``).
    """
    if by is None:
        lists = work_lists(actions.assign(_list=UNASSIGNED), by="_list", lang=lang, buckets=buckets)
        return {k: v.drop(columns="_list") for k, v in lists.items()}
    return work_lists(actions, by=by, lang=lang, buckets=buckets)


@sharing.cache_resource(max_entries=8, show_spinner=False)
def list_names(key: str, owner_col: str | None, _actions: pd.DataFrame) -> list[str]:
    """:func:`analysis.warnings.worklists.list_names` of the warned accounts ``key`` names
    (data token, month, settings); read-only."""
    return worklists.list_names(_actions, owner_col)


@sharing.cache_resource(max_entries=16, show_spinner=False)
def chosen_totals(key: str, owner_col: str | None, pick: str, _actions: pd.DataFrame) -> tuple[int, float]:
    """:func:`analysis.warnings.worklists.chosen_totals` of the warned accounts ``key`` names."""
    return worklists.chosen_totals(_actions, owner_col, pick)


@sharing.cache_resource(max_entries=8, show_spinner=False)  # read-only: no copy per read
def account_list(token: str, month: str, settings: str, levels: tuple, owners: tuple, lang: str, unit: str,
                 limit: int, masked: bool, _shown: pd.DataFrame, _view: View) -> DisplayTable:
    """The first ``limit`` accounts of the list as shown (values in ``lang``, amounts in ``unit``,
    personal data masked unless ``masked`` is False), per month, settings and list filters
    (``levels``, ``owners``), most urgent first; ``_view`` is the reader's view (``lang``, ``unit``)."""
    # one list keyed on a constant keeps the urgency order (work_lists splits per owner)
    lists = work_lists(_shown.head(limit).assign(_list="all"), by="_list", lang=lang, buckets=_view.buckets)
    table = lists["all"].drop(columns="_list")
    return account_table(mask_pii(table) if masked else table, _view)
