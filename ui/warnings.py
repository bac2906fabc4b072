"""Cached calls of the early-warning page and the session keys it owns.

Row work (signals on the month × account grid, the model fit) runs once per data token and
setting; every other widget change (filters on the account list, the segment shown, unmasking)
only slices the cached results. Cached functions take the token and small settings as plain
arguments and frames as underscore arguments, so Streamlit hashes strings, not rows.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from analysis.core.buckets import Buckets
from analysis.warnings.signals import (
    DEFAULT_RULE, LEVELS, SIGNALS, Clause, WarningError, WarningThresholds, action_summary, collection_actions,
    level_outcomes, level_summary,
    signal_availability, warning_levels, warning_signals,
)
from ui import memo, state
from ui.i18n import t

# Session keys owned by the page (widget keys are the same strings).
K_MONTH = "warnings_month"
K_USE_MODEL = "warnings_use_model"
K_UNMASK = "warnings_unmask"
K_UNMASK_EXPORT = "warnings_unmask_export"
K_BY = "warnings_by"
K_LEVEL_FILTER = "warnings_level_filter"
K_OWNER_FILTER = "warnings_owner_filter"
K_LIST_OWNER = "warnings_list_owner"
K_RESPONSES_EDITOR = "warnings_responses_editor"
K_MODEL_REQUESTED = "warnings_model_requested"  # data token for which the user asked for the model
THRESHOLD_KEYS = {
    "rising_months": "warnings_th_rising_months",
    "utilisation_level": "warnings_th_utilisation_level",
    "utilisation_jump": "warnings_th_utilisation_jump",
    "balance_growth": "warnings_th_balance_growth",
    "growth_months": "warnings_th_growth_months",
    "score_drop": "warnings_th_score_drop",
    "score_months": "warnings_th_score_months",
    "payment_share": "warnings_th_payment_share",
    "model_probability": "warnings_th_model_probability",
}
K_ENABLED = "warnings_enabled_signals"
RULE_KEYS = {lv: {"count": f"warnings_rule_{lv}_count", "signals": f"warnings_rule_{lv}_signals",
                  "rolled_dpd": f"warnings_rule_{lv}_rolled_dpd"} for lv in LEVELS}

#: Widget values are shown in the units people type: percentages for shares.
PERCENT_THRESHOLDS = ("utilisation_level", "utilisation_jump", "balance_growth", "payment_share", "model_probability")


def _default_rule_widgets() -> dict[str, dict]:
    """The default rule expressed in the page's three knobs per level."""
    out = {}
    for lv, clauses in DEFAULT_RULE.items():
        count = next((c.min_count for c in clauses if not c.signals and c.min_count), 0)
        alone = [c.signals[0] for c in clauses if len(c.signals) == 1 and not c.min_dpd and not c.min_count]
        rolled = next((c.min_dpd for c in clauses if c.signals == ("rolled",) and c.min_dpd), 0)
        out[lv] = {"count": count, "signals": [s for s in alone if s != "rolled"] + (["rolled"] if "rolled" in alone else []),
                   "rolled_dpd": rolled}
    return out


def _settings_keys() -> list[str]:
    return [*THRESHOLD_KEYS.values(), K_ENABLED, K_USE_MODEL,
            *(k for knobs in RULE_KEYS.values() for k in knobs.values())]


def widget_key(key: str) -> str:
    """The widget key behind a settings key.

    Streamlit drops a widget's state when another page runs without drawing that widget, so
    the settings live under plain keys (:data:`THRESHOLD_KEYS`, :data:`RULE_KEYS`, ...) that
    survive page switches and that other pages read (the overview and the report use the same
    thresholds); the widgets use these separate keys and are synced with them on every run.
    """
    return "warnings_w_" + key[len("warnings_"):]


def init_widgets() -> None:
    """Defaults once; then sync: a widget the user just changed wins, a widget Streamlit dropped
    while another page was shown is restored from the saved setting."""
    defaults = WarningThresholds()
    for name, key in THRESHOLD_KEYS.items():
        value = getattr(defaults, name)
        st.session_state.setdefault(key, round(value * 100, 4) if name in PERCENT_THRESHOLDS else value)
    st.session_state.setdefault(K_ENABLED, [s for s in SIGNALS if s != "model_score"])
    st.session_state.setdefault(K_USE_MODEL, False)
    for lv, knobs in _default_rule_widgets().items():
        for knob, value in knobs.items():
            st.session_state.setdefault(RULE_KEYS[lv][knob], value)
    for key in _settings_keys():
        wkey = widget_key(key)
        if wkey in st.session_state:
            st.session_state[key] = st.session_state[wkey]
        else:
            st.session_state[wkey] = st.session_state[key]


def reset_widgets() -> None:
    """Back to the default thresholds and rule (a button callback)."""
    for key in _settings_keys():
        if key == K_USE_MODEL:
            continue
        st.session_state.pop(key, None)
        st.session_state.pop(widget_key(key), None)
    init_widgets()


def thresholds_from_widgets() -> WarningThresholds:
    """The thresholds the user set; raises :class:`WarningError` with a clear message when invalid."""
    values = {}
    for name, key in THRESHOLD_KEYS.items():
        raw = st.session_state.get(key)
        values[name] = raw / 100 if name in PERCENT_THRESHOLDS else raw
    for name in ("rising_months", "growth_months", "score_months"):
        values[name] = int(values[name])
    enabled = set(st.session_state.get(K_ENABLED, []))
    if st.session_state.get(K_USE_MODEL):
        enabled.add("model_score")
    values["disabled"] = tuple(s for s in SIGNALS if s not in enabled)
    return WarningThresholds(**values)


def rule_from_widgets() -> dict[str, tuple[Clause, ...]]:
    """The level rule from the page's knobs: ≥ n signals, any listed signal, rolled into DPD ≥ x."""
    rule = {}
    for lv in LEVELS:
        keys = RULE_KEYS[lv]
        clauses = []
        rolled_dpd = int(st.session_state.get(keys["rolled_dpd"]) or 0)
        if rolled_dpd:
            clauses.append(Clause(signals=("rolled",), min_dpd=rolled_dpd))
        for s in st.session_state.get(keys["signals"]) or []:
            clauses.append(Clause(signals=(s,)))
        count = int(st.session_state.get(keys["count"]) or 0)
        if count:
            clauses.append(Clause(min_count=count))
        rule[lv] = tuple(clauses)
    return rule


def _frame_key(frame: pd.DataFrame | None) -> str:
    if frame is None:
        return "none"
    digest = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
    return hashlib.sha1(digest + repr(list(frame.columns)).encode()).hexdigest()[:16]


def settings_key(*parts: object) -> str:
    """A short stable key for settings objects Streamlit should not hash itself."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:16]


# --- cached work --------------------------------------------------------------------------

#: Above this many account-months the model (features of every row + a logistic fit, ~5 s at
#: 2.4M rows) is fitted when the user asks for it, not on every visit; below, at once.
MODEL_AUTO_ROWS = 500_000


def model_on_request(portfolio: pd.DataFrame) -> bool:
    """True when the model is fitted only on request (a large book), see :data:`MODEL_AUTO_ROWS`."""
    return len(portfolio) > MODEL_AUTO_ROWS


@st.cache_resource(scope="session", max_entries=1, show_spinner=False)
def _states(token: str, _cubes, n_rows: int) -> pd.DataFrame | None:
    # Each row's next-month state from the data core, in the rows' order, once per data token:
    # the model of any month reads it (None when the cubes cannot give row order).
    try:
        states = _cubes.states_in_row_order()
    except Exception:  # noqa: BLE001 - a dataset without row positions: the model builds its own
        return None
    return states if len(states) == n_rows else None


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def fit_model(token: str, month: str, _portfolio: pd.DataFrame, _buckets: Buckets):
    """The warning model trained on history up to ``month``; ``(model, None)`` or ``(None, (key, params))``.

    The history's next-month states come from the session's cubes (one query per data token, not
    one per month): a row's next month is in the history exactly when it is not after ``month``,
    so the rows of ``month`` itself get "unknown", as a book cut at ``month`` gives them.
    """
    from analysis.warnings.model import fit_warning_model

    memo.statsmodels_ready()
    keep = (_portfolio["month"] <= month).to_numpy()
    history = _portfolio[keep]
    states = _states(token, state.cubes(), len(_portfolio))
    if states is not None:
        last = (history["month"] == month).to_numpy()
        next_bucket = states["next_bucket"].array[keep].copy()
        next_bucket[last] = None
        history = history.assign(
            bucket=states["bucket"].array[keep], next_bucket=next_bucket,
            next_balance=np.where(last, np.nan, states["next_balance"].to_numpy()[keep]),
            next_dpd=np.where(last, -1, states["next_dpd"].to_numpy()[keep]))
    try:
        return fit_warning_model(history, _buckets, score_month=month), None
    except WarningError as exc:
        return None, (exc.key, exc.params)


def _classifier(dictionary):
    try:
        from analysis.causes.dictionary import classify_reasons
    except ImportError:
        return None
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


@st.cache_resource(scope="session", max_entries=8, show_spinner=False)
def results(token: str, month: str, settings: str, _portfolio: pd.DataFrame, _buckets: Buckets,
            _thresholds: WarningThresholds, _rule, _playbook: pd.DataFrame, _responses: dict,
            _dictionary, _scores: pd.Series | None) -> WarningResults:
    """Signals, levels and actions for one month and one set of settings (``settings`` keys them)."""
    classifier = _classifier(_dictionary)
    index = memo.row_index(_portfolio)
    signals = warning_signals(_portfolio, month, _thresholds, _buckets, classifier=classifier, scores=_scores,
                              index=index)
    levels = warning_levels(signals, _rule)
    actions = collection_actions(signals, levels, _playbook, _responses)
    try:
        outcomes = level_outcomes(_portfolio, month, _thresholds, _rule, _buckets, classifier, index=index)
    except WarningError:
        outcomes = None
    return WarningResults(
        signals=signals.assign(level=levels.to_numpy()),
        actions=actions,
        summary=level_summary(signals, levels),
        by_action=action_summary(actions),
        by_signal=pd.DataFrame({
            "signal": list(SIGNALS),
            "accounts": [int(signals[s].sum()) for s in SIGNALS],
            "balance": [float(signals.loc[signals[s].to_numpy(dtype=bool), "balance"].sum()) for s in SIGNALS],
        }),
        availability=signal_availability(_portfolio, _thresholds, classifier, _scores, month, index=index),
        month=month,
        outcomes=outcomes,
    )


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def summary_by(token: str, month: str, settings: str, by: str, _signals: pd.DataFrame) -> pd.DataFrame:
    """Level × segment (owner, branch, ...) accounts and balance."""
    return level_summary(_signals, _signals["level"], by=by)


def compute(month: str, thresholds: WarningThresholds, rule, use_model: bool):
    """Everything the page needs for the current settings: ``(results, model, model_error, settings)``.

    ``settings`` is the key of these results; pass it to the caches downstream.
    """
    portfolio = state.portfolio()
    buckets = state.buckets()
    token = state.data_token()
    model, model_error = None, None
    if use_model:
        with st.spinner(t("warnings.spinner.model")):
            model, model_error = fit_model(token, month, portfolio, buckets)
    playbook = state.stage_playbook()
    responses = state.cause_responses()
    dictionary = state.reason_dictionary()
    scores = model.scores if model is not None else None
    settings = settings_key(thresholds, rule, _frame_key(playbook), sorted(responses.items()),
                            _frame_key(dictionary) if isinstance(dictionary, pd.DataFrame) else repr(dictionary),
                            model is not None)
    with st.spinner(t("warnings.spinner.signals")):
        try:
            res = results(token, month, settings, portfolio, buckets, thresholds, rule, playbook, responses,
                          dictionary, scores)
        except WarningError:
            raise
        except ValueError as exc:  # a reason dictionary edited into a bad shape: keep working on the default
            if dictionary is None:
                raise
            st.warning(t("warnings.dictionary_error", error=str(exc)))
            settings = settings_key(settings, "default-dictionary")
            res = results(token, month, settings, portfolio, buckets, thresholds, rule, playbook, responses,
                          None, scores)
    return res, model, model_error, settings


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def lists_for(token: str, month: str, settings: str, by: str | None, lang: str, _actions: pd.DataFrame,
              _buckets: Buckets) -> dict[str, pd.DataFrame]:
    """Work lists per owner (or one list when nobody is named), values in ``lang``."""
    from analysis.warnings.signals import UNASSIGNED, work_lists

    if by is None:
        lists = work_lists(_actions.assign(_list=UNASSIGNED), by="_list", lang=lang, buckets=_buckets)
        return {k: v.drop(columns="_list") for k, v in lists.items()}
    return work_lists(_actions, by=by, lang=lang, buckets=_buckets)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def account_list(token: str, month: str, settings: str, levels: tuple, owners: tuple, lang: str, limit: int,
                 _shown: pd.DataFrame, _buckets: Buckets) -> pd.DataFrame:
    """The first ``limit`` accounts of the list as shown (values in ``lang``, personal data as is),
    per month, settings and list filters (``levels``, ``owners``), most urgent first."""
    from analysis.warnings.signals import work_lists

    # one list keyed on a constant keeps the urgency order (work_lists splits per owner)
    lists = work_lists(_shown.head(limit).assign(_list="all"), by="_list", lang=lang, buckets=_buckets)
    return lists["all"].drop(columns="_list")
