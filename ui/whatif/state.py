"""Session state and cached calls of the what-if page (额度策略模拟).

Scenarios live in ``st.session_state[keys.K_SCENARIOS]`` as a list of plain dicts
``{"id", "name", "default_key", "policy"}``; the champion and the scenario being edited are
indices under their own keys. Everything heavy is cached per data token: the snapshot features
(rows → one row per account, once), the PD table, each scenario (keyed by its policy and
assumptions as JSON text), the sensitivity curve and the backtest. Widget changes afterwards
only re-price cached snapshots (well under a second on 100k accounts).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, replace

import numpy as np
import pandas as pd
import streamlit as st

from analysis.core.definitions import segment_name
from analysis.core import Cubes
from analysis.core.buckets import Buckets
from analysis.core.schema import segment_columns
from analysis.whatif.account_pd import HORIZON, calibration_table, cell_outcomes, with_account_pd
from analysis.whatif.pd import pd_table_or_fallback, window_outcomes
from analysis.whatif.policy import (
    DEFAULT_DPD, PD_FLOOR, STARTER_SCENARIOS, Assumptions, Policy, PolicyError, Rule, ScenarioResult, assumptions_from_percent, backtest_policy,
    change_by_rule, change_by_segment, compare_scenarios, percent_defaults, policy_from_json, scenario_totals,
    sensitivity_curves, simulate_policy, snapshot_features,
)
from analysis.whatif.policy import swap_bad_rates as policy_swap_bad_rates
from ui import sharing
from ui import state as app_state
from ui.i18n import lang, t
from ui.whatif.keys import (
    ASSUMPTION_KEYS, K_ASSUMPTIONS_KEPT, K_CCF, K_CHAMPION, K_DRAW, K_FOCUS, K_LGD, K_LOADED, K_MESSAGE, K_NEXT_ID, K_PAYDOWN, K_PD_METHOD, K_PD_USED,
    K_FUNDING, K_OPEX, K_PD_ACCOUNT, K_PD_FLOOR, K_RAISE_DRAW, K_UPLIFT, K_RATE, K_SCENARIOS, K_USE_MAPPED, include_key, name_key,
)

#: The widget of each assumption typed in percent.
PERCENT_KEYS = {"lgd": K_LGD, "ccf": K_CCF, "draw_share": K_DRAW, "interest_rate": K_RATE}
#: Assumption defaults, in percent as the widgets show them (the model's own defaults).
DEFAULTS = {PERCENT_KEYS[name]: value for name, value in percent_defaults().items()}


# --- scenarios ------------------------------------------------------------------------------

def _starter() -> list[dict]:
    """The starter scenarios (:data:`analysis.whatif.policy.STARTER_SCENARIOS`: today's policy as
    champion and two common challengers), each named by its catalogue key until renamed."""
    return [{"id": i, "name": None, "default_key": f"whatif.sc.default.{key}", "policy": policy}
            for i, (key, policy) in enumerate(STARTER_SCENARIOS)]


def scenarios() -> list[dict]:
    """The scenarios of this session (created with three starters on first use)."""
    if K_SCENARIOS not in st.session_state:
        st.session_state[K_SCENARIOS] = _starter()
        st.session_state[K_NEXT_ID] = 3
        st.session_state[K_CHAMPION] = 0
        st.session_state[K_FOCUS] = 1
    items = st.session_state[K_SCENARIOS]
    for key in (K_FOCUS, K_CHAMPION):
        if not 0 <= int(st.session_state.get(key, 0) or 0) < len(items):
            st.session_state[key] = 0
    return items


def name_of(item: dict) -> str:
    return item["name"] or t(item["default_key"])


def policy_of(item: dict) -> Policy:
    """The scenario's policy carrying the scenario's display name."""
    return replace(item["policy"], name=name_of(item))


def focus() -> int:
    scenarios()
    return int(st.session_state[K_FOCUS])


def champion() -> int:
    scenarios()
    return int(st.session_state[K_CHAMPION])


def add_scenario(policy: Policy, name: str | None = None, default_key: str | None = None) -> int:
    items = scenarios()
    sid = int(st.session_state.get(K_NEXT_ID, len(items)))
    st.session_state[K_NEXT_ID] = sid + 1
    items.append({"id": sid, "name": name, "default_key": default_key or "whatif.sc.default.new", "policy": policy})
    st.session_state[K_FOCUS] = len(items) - 1
    return len(items) - 1


def duplicate_focus() -> None:
    item = scenarios()[focus()]
    add_scenario(item["policy"], name=t("whatif.sc.copy_of", name=name_of(item)))


def delete_focus() -> None:
    items = scenarios()
    i = focus()
    if len(items) <= 1:
        return
    items.pop(i)
    champ = champion()
    if champ == i:
        st.session_state[K_CHAMPION] = 0
    elif champ > i:
        st.session_state[K_CHAMPION] = champ - 1
    st.session_state[K_FOCUS] = max(0, i - 1)


def rename(sid: int) -> None:
    for item in scenarios():
        if item["id"] == sid:
            text = str(st.session_state.get(name_key(sid), "")).strip()
            item["name"] = text or None


def set_rules(i: int, rules: tuple[Rule, ...]) -> None:
    item = scenarios()[i]
    item["policy"] = replace(item["policy"], rules=tuple(rules))


def set_include_defaulted(sid: int) -> None:
    """The scenario's "act on accounts in default too" box, into its policy."""
    for item in scenarios():
        if item["id"] == sid:
            item["policy"] = replace(item["policy"], include_defaulted=bool(st.session_state.get(include_key(sid))))


def move_rule(i: int, pick_key: str, step: int) -> None:
    rules = list(scenarios()[i]["policy"].rules)
    j = st.session_state.get(pick_key)
    if j is None or not 0 <= j < len(rules):
        return
    k = j + step
    if step == 0:
        rules.pop(j)
        st.session_state[pick_key] = max(0, min(j, len(rules) - 1)) if rules else None
    elif 0 <= k < len(rules):
        rules[j], rules[k] = rules[k], rules[j]
        st.session_state[pick_key] = k
    set_rules(i, tuple(rules))


def load_policy_file(uploaded) -> None:
    """Add an uploaded policy JSON as a new challenger (once per file)."""
    if uploaded is None or st.session_state.get(K_LOADED) == uploaded.file_id:
        return
    st.session_state[K_LOADED] = uploaded.file_id
    try:
        policy = policy_from_json(uploaded.getvalue())
    except PolicyError as exc:
        st.session_state[K_MESSAGE] = ("error", exc.markdown(lang()))
        return
    name = policy.name or uploaded.name.rsplit(".", 1)[0]
    add_scenario(replace(policy, name=""), name=name)
    st.session_state[K_MESSAGE] = ("success", t("whatif.sc.loaded", name=name, n=len(policy.rules)))


# --- assumptions ----------------------------------------------------------------------------

def init_assumption_widgets() -> None:
    for key, value in st.session_state.get(K_ASSUMPTIONS_KEPT, {}).items():  # what the page last priced with
        st.session_state.setdefault(key, value)
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    st.session_state.setdefault(K_PD_METHOD, "auto")
    st.session_state.setdefault(K_USE_MAPPED, True)
    st.session_state.setdefault(K_PAYDOWN, True)
    st.session_state.setdefault(K_PD_ACCOUNT, True)
    st.session_state.setdefault(K_PD_FLOOR, PD_FLOOR * 100.0)
    defaults = Assumptions({})
    st.session_state.setdefault(K_FUNDING, round(defaults.funding_rate * 100.0, 9))
    st.session_state.setdefault(K_OPEX, float(defaults.operating_cost))
    st.session_state.setdefault(K_RAISE_DRAW, round(defaults.draw_share * 100.0, 9))
    st.session_state.setdefault(K_UPLIFT, float(defaults.raise_pd_uplift))


def assumption_values() -> dict:
    """Every assumption's value (:data:`~ui.whatif.keys.ASSUMPTION_KEYS`): the widget's where the
    session holds it, else the one the page last priced with (another page is running)."""
    ss = st.session_state
    return {**ss.get(K_ASSUMPTIONS_KEPT, {}), **{key: ss[key] for key in ASSUMPTION_KEYS if key in ss}}


def used_pd_map() -> dict[str, float] | None:
    """The PDs the what-if page last used, hand edits included (for the meeting report)."""
    value = st.session_state.get(K_PD_USED)
    return dict(value) if value else None


def assumptions(pd_map: dict[str, float], has_rate: bool, account_level: bool = False) -> Assumptions:
    """Build the assumptions from the widgets (percent → share)."""
    init_assumption_widgets()
    s = st.session_state
    s[K_PD_USED] = dict(pd_map)
    s[K_ASSUMPTIONS_KEPT] = {key: s[key] for key in ASSUMPTION_KEYS if key in s}  # see keys.ASSUMPTION_KEYS
    base = assumptions_from_percent(pd_map, {name: s[key] for name, key in PERCENT_KEYS.items()},
                                    use_mapped_rate=bool(s[K_USE_MAPPED]) and has_rate,
                                    no_forced_paydown=bool(s[K_PAYDOWN]))
    return replace(base, pd_floor=float(s[K_PD_FLOOR]) / 100.0, account_level=bool(account_level),
                   funding_rate=float(s[K_FUNDING]) / 100.0, operating_cost=float(s[K_OPEX]),
                   raise_draw_share=float(s[K_RAISE_DRAW]) / 100.0, raise_pd_uplift=float(s[K_UPLIFT]))


def account_level_wanted() -> bool:
    init_assumption_widgets()
    return bool(st.session_state[K_PD_ACCOUNT])


def floor_share() -> float:
    init_assumption_widgets()
    return float(st.session_state[K_PD_FLOOR]) / 100.0


def assumptions_key(a: Assumptions) -> str:
    """The assumptions as canonical JSON text: the cache key of everything priced with them."""
    return json.dumps(asdict(a), sort_keys=True)


def _assumptions_from_key(text: str) -> Assumptions:
    return Assumptions(**json.loads(text))


# --- the rows the what-if reads ---------------------------------------------------------------

def history() -> tuple[pd.DataFrame, Cubes]:
    """The rows and cubes the what-if reads: :func:`ui.state.history` (the sidebar's segment
    filters and last month, with every month before it: PDs, roll rates and clean or delinquent
    history describe the accounts, not the chart window)."""
    return app_state.history()


# --- cached computations --------------------------------------------------------------------

def row_index(rows: pd.DataFrame):
    """The session's row index of ``rows`` (:func:`ui.memo.row_index`: month and account numbers
    per row, kept per data and filters and shared with the overview and warnings pages) when
    ``rows`` are the filtered portfolio it is kept for; ``None`` for other rows (the what-if's
    longer history), which the analysis then numbers itself."""
    from ui import memo

    return memo.row_index(rows) if rows is app_state.portfolio() else None


@sharing.cache_resource(max_entries=4, show_spinner=False)
def features(token: str, _portfolio: pd.DataFrame, _buckets: Buckets, month: str | None = None) -> pd.DataFrame:
    """One row per account at ``month`` (default latest) with everything rules test. Read-only."""
    return snapshot_features(_portfolio, month, _buckets, index=row_index(_portfolio))


def outcomes(token: str, _portfolio: pd.DataFrame) -> tuple:
    """Per row, whether a complete 12-month window follows and whether it reached default
    (:func:`analysis.whatif.pd.window_outcomes`): the bucket PDs and the account PDs both count
    these windows; computed once per data, kept as bits (two booleans a row are 4.8 MB on 2.4M
    rows, their bits 0.6 MB; unpacking costs ~2 ms, and only the caches below read them)."""
    return unpacked(*_packed_outcomes(token, _portfolio))


@sharing.cache_resource(max_entries=1, show_spinner=False)
def _packed_outcomes(token: str, _portfolio: pd.DataFrame) -> tuple[int, tuple[np.ndarray, ...]]:
    return packed(window_outcomes(_portfolio, HORIZON, DEFAULT_DPD, index=row_index(_portfolio)))


def packed(flags: tuple[np.ndarray, ...]) -> tuple[int, tuple[np.ndarray, ...]]:
    """Boolean arrays of one length as ``(length, their bits)``: an eighth of the memory."""
    return (len(flags[0]) if flags else 0), tuple(np.packbits(np.asarray(f, dtype=bool)) for f in flags)


def unpacked(n: int, bits: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """The boolean arrays :func:`packed` gave the bits of."""
    return tuple(np.unpackbits(b, count=n).astype(bool) for b in bits)


@sharing.cache_resource(max_entries=2, show_spinner=False)
def cells(token: str, _portfolio: pd.DataFrame, _buckets: Buckets) -> pd.DataFrame | None:
    """Complete-window counts per cell (bucket × score band × utilisation band); None without 13 months."""
    index = row_index(_portfolio)
    if (len(index.months) if index is not None else _portfolio["month"].nunique()) <= HORIZON:
        return None
    return cell_outcomes(_portfolio, _buckets, outcomes=outcomes(token, _portfolio), index=index)


@sharing.cache_resource(max_entries=4, show_spinner=False)
def features_with_pd(token: str, pd_json: str, floor: float, _features: pd.DataFrame, _cells: pd.DataFrame,
                     _buckets: Buckets) -> pd.DataFrame:
    """The snapshot with each account's own PD (``account_pd``), per data × bucket PDs × floor."""
    return with_account_pd(_features, _cells, json.loads(pd_json), _buckets, floor=floor)


@sharing.cache_data(max_entries=8, show_spinner=False)
def pd_table(token: str, _portfolio: pd.DataFrame, _cubes: Cubes, _buckets: Buckets, method: str,
             language: str) -> pd.DataFrame:
    """PD per bucket from the book's history; the fallback defaults with a single month."""
    rolls = _cubes.transitions() if len(_cubes.months) >= 2 else None
    windows = outcomes(token, _portfolio) if method != "markov" and len(_cubes.months) >= 2 else None
    index = row_index(_portfolio)
    return pd_table_or_fallback(_portfolio, _buckets, method=method, lang=language, rolls=rolls,
                                months=len(_cubes.months), outcomes=windows,
                                panel_months=None if index is None else index.months)


@sharing.cache_resource(max_entries=16, show_spinner=False)
def scenario(token: str, policy_json: str, assumptions_json: str, _features: pd.DataFrame) -> ScenarioResult:
    """A priced scenario, once per data × policy × assumptions (kept by reference: read-only).

    The accounts table is kept compact (:func:`compact_accounts`): the same figures in less memory.
    """
    result = simulate_policy(_features, policy_from_json(policy_json), _assumptions_from_key(assumptions_json))
    shared = _before_columns(token, assumptions_json, id(_features), result.accounts)
    return replace(result, accounts=compact_accounts(result.accounts, _features, shared))


#: Columns of a priced scenario no view reads: the PD after an uplift and the interest rate only
#: go into the after / before amounts, which the table keeps.
UNREAD = ("pd_after", "rate")
#: Columns that depend on the snapshot and the assumptions only, never on the policy: every
#: scenario priced with the same assumptions holds the same numbers there.
BEFORE = ("balance", "pd", "limit_before", "undrawn_before", "ead_before", "el_before", "revenue_before",
          "funding_before", "operating_cost", "margin_before")
#: Columns copied from the snapshot as they are.
_FROM_FEATURES = ("bucket", "days_past_due")


@sharing.cache_resource(max_entries=2, show_spinner=False)
def _before_columns(token: str, assumptions_json: str, features_id: int, _accounts: pd.DataFrame) -> dict:
    # The first scenario priced with these assumptions lends its policy-independent columns to
    # the others (three starter scenarios on 100k accounts: ~16 MB fewer). Keyed by the
    # snapshot's identity too; compact_accounts checks each column bit for bit before sharing it.
    # Each a standalone copy: a column of the lending scenario's table is a view into its whole
    # block of floats, which would stay alive after that scenario leaves the cache.
    return {c: pd.Series(_accounts[c].to_numpy(copy=True), name=c) for c in BEFORE if c in _accounts.columns}


def _same_bits(a: pd.Series, b: pd.Series) -> bool:
    # Bit-for-bit equality (NaN at the same places, -0.0 kept apart from 0.0), so sharing never
    # changes a figure.
    if a.dtype != b.dtype or len(a) != len(b):
        return False
    if isinstance(a.dtype, pd.CategoricalDtype):  # same dtype: same categories in the same order
        return bool(np.array_equal(a.cat.codes.to_numpy(), b.cat.codes.to_numpy()))
    x, y = a.to_numpy(), b.to_numpy()
    if x.dtype.kind not in "fiub":
        return bool(a.equals(b))
    return bool(np.array_equal(x.view(np.uint8), y.view(np.uint8)))


def compact_accounts(accounts: pd.DataFrame, features: pd.DataFrame | None = None,
                     shared: dict | None = None) -> pd.DataFrame:
    """A priced scenario's accounts table holding the same figures in less memory.

    Drops the columns no view reads (:data:`UNREAD`), stores the rule numbers in the smallest
    integer type that holds them, and reuses instead of copying the columns equal bit for bit to
    the snapshot's (``features``) or to another scenario's (``shared``, see :data:`BEFORE`).
    Amounts stay float64. The input is not modified.

    Parameters
    ----------
    accounts : DataFrame
        ``ScenarioResult.accounts`` of :func:`analysis.whatif.policy.simulate_policy`.
    features : DataFrame, optional
        The snapshot the scenario was priced on.
    shared : dict, optional
        Column name → Series to reuse where equal.

    Returns
    -------
    DataFrame

    Examples
    --------
    >>> acc = pd.DataFrame({"account_id": ["a"], "rule": [-1], "rate": [0.1], "balance": [5.0]})
    >>> out = compact_accounts(acc)
    >>> list(out.columns), str(out["rule"].dtype), out["balance"].tolist()
    (['account_id', 'rule', 'balance'], 'int8', [5.0])
    """
    out = accounts.drop(columns=[c for c in UNREAD if c in accounts.columns])
    for col in ("rule", "short_history"):
        if col in out.columns and out[col].dtype.kind == "i" and len(out):
            lo, hi = int(out[col].min()), int(out[col].max())
            for small in (np.int8, np.int16, np.int32):
                info = np.iinfo(small)
                if info.min <= lo and hi <= info.max:
                    out[col] = out[col].astype(small)
                    break
    donors = {}
    if features is not None and len(features) == len(out):
        donors.update({c: features[c].reset_index(drop=True) for c in _FROM_FEATURES if c in features.columns})
    donors.update(shared or {})
    for col, donor in donors.items():
        if col in out.columns and donor is not out[col] and _same_bits(out[col], donor):
            out[col] = donor  # copy-on-write: a reference to the same data, not a copy
    return out


@sharing.cache_resource(max_entries=16, show_spinner=False)
def totals(token: str, policy_json: str, assumptions_json: str, _result: ScenarioResult) -> dict:
    """:func:`scenario_totals` of the priced scenario :func:`scenario` returns for the same keys
    (read-only): the cards, the waterfall and the comparison read it on every rerun."""
    return scenario_totals(_result)


@sharing.cache_data(max_entries=8, show_spinner=False)
def comparison(token: str, policy_jsons: tuple[str, ...], assumptions_json: str, champion: int,
               _results: list[ScenarioResult], _totals: list[dict]) -> pd.DataFrame:
    """:func:`compare_scenarios` of the priced scenarios (one per ``policy_jsons`` entry, in order)."""
    return compare_scenarios(_results, champion=champion, totals=_totals)


@sharing.cache_data(max_entries=8, show_spinner=False)
def by_rule(token: str, policy_json: str, assumptions_json: str, language: str,
            _result: ScenarioResult) -> pd.DataFrame:
    """:func:`change_by_rule` of a priced scenario, rule names in ``language``."""
    return change_by_rule(_result, language)


@sharing.cache_data(max_entries=16, show_spinner=False)
def by_segment(token: str, policy_json: str, assumptions_json: str, by: str, _result: ScenarioResult) -> pd.DataFrame:
    """:func:`change_by_segment` of a priced scenario split by ``by``."""
    return change_by_segment(_result, by)


@sharing.cache_data(max_entries=8, show_spinner=False)
def calibration(token: str, pd_json: str, floor: float, _portfolio: pd.DataFrame, _cells: pd.DataFrame,
                _buckets: Buckets) -> pd.DataFrame:
    """:func:`analysis.whatif.account_pd.calibration_table` per data × bucket PDs × floor."""
    return calibration_table(_portfolio, _cells, json.loads(pd_json), _buckets, floor=floor)


@sharing.cache_data(max_entries=2, show_spinner=False)
def segment_options(token: str, _features: pd.DataFrame) -> list[str]:
    """The rule builder's segment choices (``column\x1fvalue``): columns with 1-300 values."""
    cols = [c for c in segment_columns(_features) if 0 < _features[c].nunique() <= 300]
    return [f"{c}\x1f{v}" for c in cols for v in _features[c].cat.categories if str(v)]


@sharing.cache_data(max_entries=8, show_spinner=False)
def sensitivity(token: str, policy_json: str, assumptions_json: str, _features: pd.DataFrame) -> pd.DataFrame:
    """The two 11-point sensitivity curves of a policy's targeted groups (cuts, then raises)."""
    return sensitivity_curves(_features, policy_from_json(policy_json), _assumptions_from_key(assumptions_json))


@sharing.cache_data(max_entries=8, show_spinner=False)
def swap_bad_rates(token: str, champion_json: str, challenger_json: str, month: str, no_forced_paydown: bool,
                   _portfolio: pd.DataFrame, _buckets: Buckets) -> dict:
    """Each swap group's bad rate over the 12 months after ``month``."""
    return policy_swap_bad_rates(_portfolio, policy_from_json(champion_json), policy_from_json(challenger_json),
                                 month, horizon=12, buckets=_buckets, no_forced_paydown=no_forced_paydown)


@sharing.cache_data(max_entries=8, show_spinner=False)
def backtest(token: str, policy_json: str, month: str, horizon: int, no_forced_paydown: bool,
             _portfolio: pd.DataFrame, _buckets: Buckets, assumptions_json: str | None = None) -> dict:
    """The backtest of a policy applied at ``month`` (predicted vs realised loss with the assumptions)."""
    asm = None if assumptions_json is None else _assumptions_from_key(assumptions_json)
    return backtest_policy(_portfolio, policy_from_json(policy_json), month, horizon=horizon,
                           buckets=_buckets, no_forced_paydown=no_forced_paydown, assumptions=asm)


# --- display helpers (labels and units only; no computation) --------------------------------

def safe_file_stem(name: str) -> str:
    """A scenario name as a file name: no path separators or characters Windows refuses.

    Examples
    --------
    >>> safe_file_stem("收紧31+ / 提额 优质")
    '收紧31+_提额_优质'
    """
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "policy"


def segment_title(col: str) -> str:
    """A split's name as the reader knows it (a segment column's label, or 逾期分段)."""
    if col == "bucket":
        return t("whatif.col.bucket")
    return segment_name(col, lang())
