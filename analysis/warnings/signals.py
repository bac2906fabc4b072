"""Early warning (预警) and collections (催收策略): who needs attention now, and what to do.

Four verbs, each a pure function on DataFrames:

* :func:`warning_signals` — one row per account at the chosen month, one boolean column per
  signal (see :data:`SIGNALS`), computed on a month × account numpy grid of the last few months
  (no Python loop per account).
* :func:`warning_levels` — red / orange / yellow from the signals with a :data:`DEFAULT_RULE`
  the user can read (:func:`describe_rule`) and change.
* :func:`collection_actions` — the action each warned account's DPD stage and cause call for,
  from the editable playbook; :func:`action_summary` gives accounts and balance per action.
* :func:`work_lists` — one list per owner (预警责任人), ready to export.

:func:`level_summary` counts accounts and balance per level, overall or by a segment.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis.causes.dictionary import classify_reasons
from analysis.core.buckets import DEFAULT_BUCKETS, Buckets, bucket_codes
from analysis.core.rates import month_ordinal, shift_month
from analysis.core.i18n import MessageError, translate
from analysis.core.vocabulary import ACTION_KEYS, CAUSE_KEYS, WARNING_LEVELS, action_label, cause_label, level_label
from analysis.warnings.playbook import DEFAULT_CAUSE_RESPONSES, DEFAULT_STAGE_PLAYBOOK, stage_actions
from analysis.core.privacy import export_csv_bytes, export_xlsx_bytes, mask_pii, neutralise_cell
from analysis.core.schema import PII_COLUMNS, segment_columns

#: Every signal, in the order they are shown.
SIGNALS = (
    "rolled", "first_delinquency", "dpd_rising", "high_utilisation", "utilisation_jump",
    "balance_growth", "score_drop", "underpaid", "wilful", "model_score",
)
LEVELS = WARNING_LEVELS  # the vocabulary's levels, most severe first
#: Owner value of accounts nobody is responsible for (the page translates it).
UNASSIGNED = "(unassigned)"
#: Escalation ladder of the stage actions, mildest first.
ESCALATION = ("none", "reminder", "call", "letter", "visit", "legal")
#: Responses for temporary hardship: relief replaces pressure.
RELIEF_ACTIONS = ("grace_period", "repayment_plan", "restructuring")

Classifier = Callable[[pd.Series], object]


class WarningError(MessageError):
    """A bad parameter or unusable data, with a message in either language.

    Examples
    --------
    >>> WarningError("warnings.error.no_data").message("en")
    'There is no data to analyse.'
    """



# --- thresholds -------------------------------------------------------------------------

@dataclass(frozen=True)
class WarningThresholds:
    """Every threshold behind the signals; all editable.

    Parameters
    ----------
    rising_months : int
        ``dpd_rising`` fires when DPD went up in each of the last ``rising_months`` months.
    utilisation_level : float
        ``high_utilisation`` fires at balance / credit limit ≥ this share (0.9 = 90 %) when the
        balance did not fall since last month (an amortising loan paying down is not flagged).
    utilisation_jump : float
        ``utilisation_jump`` fires when utilisation rose by at least this many points on last
        month, as a share (0.2 = 20 percentage points).
    balance_growth : float
        ``balance_growth`` fires when the balance grew by at least this share (0.5 = 50 %) ...
    growth_months : int
        ... over this many months.
    score_drop : float
        ``score_drop`` fires when the score is at least this many points below its best ...
    score_months : int
        ... of the previous ``score_months`` months.
    payment_share : float
        ``underpaid`` fires when paid < ``payment_share`` × due (to the cent), due > 0.
    model_probability : float
        ``model_score`` fires at a predicted probability of worsening ≥ this.
    disabled : tuple of str
        Signals switched off (always False, never counted).

    Examples
    --------
    >>> WarningThresholds(score_drop=50).score_drop
    50
    """

    rising_months: int = 2
    utilisation_level: float = 0.9
    utilisation_jump: float = 0.2
    balance_growth: float = 0.5
    growth_months: int = 3
    score_drop: float = 30.0
    score_months: int = 3
    payment_share: float = 1.0
    model_probability: float = 0.3
    disabled: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for name in ("rising_months", "growth_months", "score_months"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= value <= 24:
                raise WarningError("warnings.error.threshold", name=name, value=value, expected="1–24")
        bounded = {"utilisation_level": (0.0, 10.0), "utilisation_jump": (0.0, 10.0), "balance_growth": (0.0, 100.0),
                   "score_drop": (0.0, 1e6), "payment_share": (0.0, 1.0), "model_probability": (0.0, 1.0)}
        for name, (lo, hi) in bounded.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not (
                math.isfinite(value) and lo < value <= hi or (name == "payment_share" and value == hi)
            ):
                raise WarningError("warnings.error.threshold", name=name, value=value, expected=f"({lo:g}, {hi:g}]")
        unknown = [s for s in self.disabled if s not in SIGNALS]
        if unknown:
            raise WarningError("warnings.error.rule_signal", signal=", ".join(map(str, unknown)))
        object.__setattr__(self, "disabled", tuple(self.disabled))

    def window(self) -> int:
        """How many months of history the signals look at, the chosen month included."""
        return max(self.rising_months, self.growth_months, self.score_months, 1) + 1

    def describe(self, signal: str, lang: str) -> str:
        """One signal's definition with its threshold, in ``lang``.

        Examples
        --------
        >>> WarningThresholds().describe("balance_growth", "en")
        'balance up ≥ 50% over 3 months'
        """
        params = {
            "dpd_rising": {"n": self.rising_months},
            "high_utilisation": {"level": f"{self.utilisation_level:.0%}"},
            "utilisation_jump": {"points": f"{self.utilisation_jump * 100:g}"},
            "balance_growth": {"n": self.growth_months, "growth": f"{self.balance_growth:.0%}"},
            "score_drop": {"n": self.score_months, "points": f"{self.score_drop:g}"},
            "underpaid": {"share": f"{self.payment_share:.0%}"},
            "model_score": {"p": f"{self.model_probability:.0%}"},
        }.get(signal, {})
        return translate(f"warnings.define.{signal}", lang, **params)


# --- signals ----------------------------------------------------------------------------

def _check_portfolio(portfolio: pd.DataFrame) -> None:
    if not isinstance(portfolio, pd.DataFrame):
        raise WarningError("warnings.error.no_data")
    missing = [c for c in ("account_id", "month", "days_past_due", "balance") if c not in portfolio.columns]
    if missing:
        raise WarningError("warnings.error.missing_columns", columns=", ".join(missing))
    if not len(portfolio):
        raise WarningError("warnings.error.no_data")


@dataclass(frozen=True, eq=False)
class RowIndex:
    """Where each month's rows are and when each account was first overdue: built once per portfolio.

    The signals of one month read a few months' rows; finding them by comparing every row's month
    text (and every account id against the accounts of the month) cost ~1.5 s per month on 2.4M
    rows. With this index (~0.5 s to build, once) a month's signals read only its window's rows.
    Build it with :func:`row_index`; pass it to :func:`warning_signals`, :func:`level_outcomes`
    and :func:`signal_availability` together with the very frame it was built from.

    Attributes
    ----------
    n_rows : int
        Rows of the frame it was built from (checked on use).
    months : tuple of str
        The frame's distinct months, sorted.
    month_code : ndarray
        Per row, the index of its month in ``months``.
    month_rows : sequence of ndarray
        Per month (as in ``months``), the positions of its rows, ascending: found from
        ``month_code`` when asked (a range when the frame is sorted by month, as an upload is),
        not held: 9.6 MB of positions on 2.4M rows for ~2 ms a month read.
    account_code : ndarray
        Per row, an integer per distinct ``account_id``.
    first_overdue : ndarray
        Per account code, the index in ``months`` of its first month with DPD ≥ 1
        (``len(months)`` when never overdue).
    """

    n_rows: int
    months: tuple[str, ...]
    month_code: np.ndarray
    account_code: np.ndarray
    first_overdue: np.ndarray
    #: Where each month's run of rows starts (and the last ends) when the frame is sorted by month.
    month_bounds: np.ndarray | None = None

    @property
    def month_rows(self) -> "_MonthRows":
        return _MonthRows(self.month_code, self.month_bounds, len(self.months))

    def rows_of(self, months) -> np.ndarray:
        """Positions of the rows in any of ``months`` (those in the frame), in row order."""
        where = {m: i for i, m in enumerate(self.months)}
        parts = [self.month_rows[where[m]] for m in months if m in where]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return np.sort(np.concatenate(parts)) if len(parts) > 1 else parts[0]


def row_index(portfolio: pd.DataFrame) -> RowIndex:
    """The :class:`RowIndex` of a canonical portfolio (``account_id``, ``month``, ``days_past_due``).

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b", "a"], "month": ["2024-02", "2024-01", "2024-01"],
    ...                    "days_past_due": [5, 0, 0], "balance": [1.0, 1.0, 1.0]})
    >>> ix = row_index(df)
    >>> ix.months, ix.rows_of(["2024-01"]).tolist(), ix.first_overdue.tolist()
    (('2024-01', '2024-02'), [1, 2], [1, 2])
    """
    _check_portfolio(portfolio)
    m_codes, m_uniques = pd.factorize(portfolio["month"].astype(str), sort=True)
    months = tuple(str(m) for m in m_uniques)
    acc_codes, acc_uniques = pd.factorize(portfolio["account_id"])
    overdue = np.flatnonzero(portfolio["days_past_due"].to_numpy() >= 1)
    # each account's earliest month with an overdue row
    first = np.full(len(acc_uniques), len(months), dtype=np.int64)
    np.minimum.at(first, acc_codes[overdue], m_codes[overdue])
    small = np.int16 if len(months) < 2 ** 15 else np.int64
    # Account codes in 32 bits when they fit: the index lives as long as the session's data.
    position = np.int32 if len(portfolio) < 2 ** 31 else np.int64
    codes = m_codes.astype(small)
    sorted_by_month = len(codes) < 2 or bool((codes[1:] >= codes[:-1]).all())
    bounds = np.searchsorted(codes, np.arange(len(months) + 1)) if sorted_by_month else None
    return RowIndex(len(portfolio), months, codes, acc_codes.astype(position), first, bounds)


class _MonthRows:
    """``RowIndex.month_rows``: ``rows[i]`` are the positions of month ``i``'s rows, ascending."""

    def __init__(self, month_code: np.ndarray, bounds: np.ndarray | None, n_months: int) -> None:
        self._code, self._bounds, self._n = month_code, bounds, n_months

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> np.ndarray:
        if not -self._n <= i < self._n:
            raise IndexError(i)
        i = i % self._n
        position = np.int32 if len(self._code) < 2 ** 31 else np.int64
        if self._bounds is not None:  # sorted by month: the month's rows are one run
            return np.arange(self._bounds[i], self._bounds[i + 1], dtype=position)
        return np.flatnonzero(self._code == i).astype(position, copy=False)


def _index_for(portfolio: pd.DataFrame, index: RowIndex | None) -> RowIndex:
    if index is None:
        return row_index(portfolio)
    if not isinstance(index, RowIndex) or index.n_rows != len(portfolio):
        raise ValueError("index must be the row_index() of this very portfolio")
    return index


def _resolve_indexed(index: RowIndex, month: str | None) -> str:
    if month is None:
        return index.months[-1]
    if str(month) not in index.months:
        raise WarningError("warnings.error.month", month=month, first=index.months[0], last=index.months[-1])
    return str(month)


def signal_availability(portfolio: pd.DataFrame, thresholds: WarningThresholds | None = None,
                        classifier: Classifier | None = None, scores: pd.Series | None = None,
                        month: str | None = None, index: RowIndex | None = None) -> dict[str, str | None]:
    """For each signal, ``None`` when it can be computed, else the key of the reason it cannot.

    ``index`` (the :func:`row_index` of ``portfolio``, if kept) saves listing the months again.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a"], "month": ["2024-01"], "days_past_due": [0], "balance": [1.0]})
    >>> signal_availability(df)["high_utilisation"]
    'warnings.unavailable.credit_limit'
    """
    thresholds = thresholds or WarningThresholds()
    cols = set(portfolio.columns)
    if index is not None:
        months = list(_index_for(portfolio, index).months)
    else:
        months = sorted(pd.unique(portfolio["month"].astype(str))) if "month" in cols and len(portfolio) else []
    target = month or (months[-1] if months else None)
    history = bool(months) and months[0] < str(target)
    out: dict[str, str | None] = {}
    for s in SIGNALS:
        reason = None
        if s in thresholds.disabled:
            reason = "warnings.unavailable.disabled"
        elif s in ("high_utilisation", "utilisation_jump") and "credit_limit" not in cols:
            reason = "warnings.unavailable.credit_limit"
        elif s == "score_drop" and "score" not in cols:
            reason = "warnings.unavailable.score"
        elif s == "underpaid" and not {"due_amount", "paid_amount"} <= cols:
            reason = "warnings.unavailable.payments"
        elif s == "wilful" and "overdue_reason" not in cols:
            reason = "warnings.unavailable.reason"
        elif s == "model_score" and scores is None:
            reason = "warnings.unavailable.model"
        elif s in ("rolled", "first_delinquency", "dpd_rising", "utilisation_jump", "balance_growth",
                   "score_drop") and not history:
            reason = "warnings.unavailable.history"
        out[s] = reason
    return out


def _filled(n: int, text: str) -> np.ndarray:
    """``np.full(n, text, dtype=object)`` without making ``n`` copies of ``text`` (numpy casts a
    string fill value element by element: ~8 ms for 100k accounts).

    Examples
    --------
    >>> _filled(3, "unknown").tolist()
    ['unknown', 'unknown', 'unknown']
    """
    out = np.empty(n, dtype=object)
    out.fill(text)
    return out


def _grid(values: np.ndarray, cell: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    # ``cell`` = month × accounts + account, the flat position of each value (a later duplicate wins,
    # as with grid[mi, ai] = values; one flat index is ~5x faster than two)
    grid = np.full(shape, np.nan)
    grid.reshape(-1)[cell] = values
    return grid


def _classify(classifier: Classifier, reasons: pd.Series) -> np.ndarray:
    """Cause key per reason, classifying each distinct text once."""
    text = reasons.astype("string")
    uniques = pd.unique(text.dropna())
    if not len(uniques):
        return _filled(len(text), "unknown")
    keys = np.asarray(pd.Series(classifier(pd.Series(uniques, dtype="string"))).astype(object), dtype=object)
    lookup = dict(zip(uniques, keys))
    out = text.map(lookup).astype(object).to_numpy()
    return np.where(pd.isna(out), "unknown", out).astype(object)


def warning_signals(
    portfolio: pd.DataFrame,
    month: str | None = None,
    thresholds: WarningThresholds | None = None,
    buckets: Buckets = DEFAULT_BUCKETS,
    classifier: Classifier | None = None,
    scores: pd.Series | None = None,
    index: RowIndex | None = None,
) -> pd.DataFrame:
    """Warning signals per account at one month.

    Parameters
    ----------
    portfolio : DataFrame
        Canonical portfolio (or the bucketed panel built from it), all months.
    month : str, optional
        ``YYYY-MM``; default the latest month.
    thresholds : WarningThresholds, optional
    buckets : Buckets
        Bucket edges behind ``rolled``.
    classifier : callable, optional
        ``reasons -> cause keys`` (``analysis.causes.dictionary.classify_reasons`` when omitted and
        available). The cause of an account is its latest non-blank reason in the look-back window.
    scores : Series, optional
        Predicted probability of worsening per ``account_id`` (e.g. from
        ``analysis.warnings.model``); turns on the ``model_score`` signal.
    index : RowIndex, optional
        :func:`row_index` of ``portfolio``, when the caller keeps one (several months, or
        several settings, of one portfolio); built here when omitted.

    Returns
    -------
    DataFrame
        One row per account present at ``month``: ``account_id``, ``month``, ``days_past_due``,
        ``bucket``, ``prev_bucket``, ``balance``, ``utilisation``, ``cause``, ``probability``, the
        segment and personal-data columns present, one boolean column per signal in
        :data:`SIGNALS` (False when it cannot be computed) and ``n_signals``.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [0, 40], "balance": [100.0, 100.0]})
    >>> warning_signals(df)[["rolled", "first_delinquency", "n_signals"]].values.tolist()
    [[True, True, 2]]
    """
    _check_portfolio(portfolio)
    out, _ = _signals(portfolio, _index_for(portfolio, index), month, thresholds, buckets, classifier, scores)
    return out


def warning_flags(
    portfolio: pd.DataFrame,
    month: str | None = None,
    thresholds: WarningThresholds | None = None,
    buckets: Buckets = DEFAULT_BUCKETS,
    classifier: Classifier | None = None,
    scores: pd.Series | None = None,
    index: RowIndex | None = None,
) -> pd.DataFrame:
    """The part of :func:`warning_signals` that levels are counted from, without the account table.

    Same parameters and the same rows, in the same order, as :func:`warning_signals`, with only
    the columns :func:`warning_levels`, :func:`level_summary` (overall) and :func:`level_outcomes`
    (``prev_signals``) read: ``month``, ``days_past_due``, ``balance``, one boolean column per
    signal and ``n_signals``, each equal to :func:`warning_signals`' column. For a caller that
    counts warned accounts (the overview's headline and findings): copying the account ids,
    segments and personal-data columns of every account is most of :func:`warning_signals`' time.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [0, 40], "balance": [100.0, 100.0]})
    >>> warning_flags(df)[["days_past_due", "balance", "rolled", "n_signals"]].values.tolist()
    [[40, 100.0, True, 2]]
    """
    _check_portfolio(portfolio)
    return _flag_frame(_signal_arrays(portfolio, _index_for(portfolio, index), month, thresholds, buckets,
                                      classifier, scores))


def _flag_frame(got: dict) -> pd.DataFrame:
    """:func:`warning_flags`' frame of :func:`_signal_arrays`' arrays."""
    on = got["on"]
    return pd.DataFrame({"month": got["month"], "days_past_due": got["dpd"], "balance": got["balance"],
                         **{s: on[s] for s in SIGNALS}, "n_signals": got["n_signals"]},
                        index=pd.RangeIndex(len(got["accounts"])))


def _column(portfolio: pd.DataFrame, col: str, positions: np.ndarray) -> np.ndarray:
    """``portfolio[col]`` at ``positions`` as float64 (missing values NaN).

    A numpy-backed numeric column is taken with numpy (what ``.iloc[positions]`` gives, without
    building a Series and its index); any other dtype goes through pandas as before.
    """
    values = portfolio[col]
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "biuf":
        return values.to_numpy()[positions].astype(np.float64, copy=False)
    return values.iloc[positions].to_numpy(dtype=np.float64, na_value=np.nan)


def _signals(portfolio: pd.DataFrame, index: RowIndex, month: str | None, thresholds: WarningThresholds | None,
             buckets: Buckets, classifier: Classifier | None,
             scores: pd.Series | None) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`warning_signals` and the index's account code of each output row."""
    got = _signal_arrays(portfolio, index, month, thresholds, buckets, classifier, scores)
    month, on, accounts, base_pos, cols = got["month"], got["on"], got["accounts"], got["base_pos"], set(portfolio.columns)
    keep = ["account_id"] + [c for c in segment_columns(portfolio)] + [c for c in PII_COLUMNS if c in cols]
    keep += [c for c in ("credit_limit", "score", "due_amount", "paid_amount", "overdue_reason") if c in cols]
    out = portfolio.iloc[base_pos, [portfolio.columns.get_loc(c) for c in keep]].reset_index(drop=True)
    cats = list(buckets.keys)
    out.insert(1, "month", month)
    out.insert(2, "days_past_due", got["dpd"])
    out.insert(3, "bucket", pd.Categorical.from_codes(got["cur_codes"], categories=cats, ordered=True))
    out.insert(4, "prev_bucket", pd.Categorical.from_codes(got["prev_codes"], categories=cats, ordered=True))
    out.insert(5, "balance", got["balance"])
    out["utilisation"] = got["utilisation"]
    # the causes as categories (the known ones first), coded per distinct cause, not per account
    cause_codes, cause_found = pd.factorize(got["cause"])
    cause_cats = list(dict.fromkeys([*CAUSE_KEYS, *cause_found]))
    where = {c: i for i, c in enumerate(cause_cats)}
    out["cause"] = pd.Categorical.from_codes(np.array([where[c] for c in cause_found], dtype=np.int64)[cause_codes]
                                             if len(cause_found) else cause_codes, categories=cause_cats)
    out["probability"] = got["probability"]
    for s in SIGNALS:
        out[s] = on[s]
    out["n_signals"] = got["n_signals"]
    return out, accounts


def _signal_arrays(portfolio: pd.DataFrame, index: RowIndex, month: str | None,
                   thresholds: WarningThresholds | None, buckets: Buckets, classifier: Classifier | None,
                   scores: pd.Series | None) -> dict:
    """Every signal of one month as arrays in output row order (what :func:`_signals` and
    :func:`warning_flags` turn into frames): ``month``, ``accounts`` (index account codes),
    ``base_pos`` (each account's row at the month), ``dpd``, ``balance``, ``cur_codes``,
    ``prev_codes``, ``utilisation``, ``cause``, ``probability``, ``on`` (signal → flags) and
    ``n_signals``.

    Long on purpose: every signal reads the same month × account grids built once here, and
    splitting them into functions would pass a dozen arrays around on the hottest path.
    """
    thresholds = thresholds or WarningThresholds()
    if not isinstance(thresholds, WarningThresholds):
        raise WarningError("warnings.error.threshold", name="thresholds", value=type(thresholds).__name__,
                           expected="WarningThresholds")
    month = _resolve_indexed(index, month)
    classifier = classifier if classifier is not None else classify_reasons
    cols = set(portfolio.columns)

    width = thresholds.window()
    t_ord = month_ordinal(month)
    window_months = [shift_month(month, k) for k in range(-(width - 1), 1)]
    # Rows of the window month by month, each month's in row order: what the grids and the causes
    # read is the same as in row order (a month's duplicate rows keep their order), without a sort.
    code_of = {m: i for i, m in enumerate(index.months)}
    in_book = [m for m in window_months if m in code_of]
    parts = [index.month_rows[code_of[m]] for m in in_book]
    # Positions as numpy's own index type: gathers with 32-bit positions convert them each time.
    win_pos = np.concatenate(parts).astype(np.intp, copy=False)
    now_pos = index.month_rows[code_of[month]].astype(np.intp)
    # Each window row's month, counted from the window's first month (the rows come month by month).
    row_month = np.repeat(np.array([month_ordinal(m) - (t_ord - width + 1) for m in in_book], dtype=np.int64),
                          [len(part) for part in parts])

    acc_codes, accounts = pd.factorize(index.account_code[now_pos])  # accounts in order of first row at `month`
    slot = np.full(len(index.first_overdue), -1, dtype=np.int64)
    slot[accounts] = np.arange(len(accounts))
    ai = slot[index.account_code[win_pos]]
    known = ai >= 0
    win_pos = win_pos[known]  # rows of accounts that are in the book at `month`
    ai = ai[known]
    mi = row_month[known]
    shape = (width, len(accounts))

    def column(col: str, positions: np.ndarray) -> np.ndarray:
        return _column(portfolio, col, positions)

    cell = mi * shape[1] + ai  # each window row's flat position in a month × account grid

    def grid(col: str) -> np.ndarray:
        return _grid(column(col, win_pos), cell, shape)

    dpd = grid("days_past_due")
    bal = grid("balance")
    cur, prev = -1, -2
    # Buckets of the last two months only (all the signals and the table read): the window's
    # other months would be coded for nothing.
    last_two = dpd[-2:]
    codes = np.where(np.isnan(last_two), np.nan, bucket_codes(np.nan_to_num(last_two).astype(np.int64), buckets))
    # An account's row at the chosen month, in account order (duplicate rows: the last one wins).
    row_of = np.empty(len(accounts), dtype=np.int64)
    row_of[acc_codes] = np.arange(len(now_pos))
    base_pos = now_pos[row_of]

    on: dict[str, np.ndarray] = {}
    on["rolled"] = codes[cur] > codes[prev]  # NaN (absent last month) compares False

    # Overdue in a month before this one (the index keeps each account's first overdue month).
    ever = index.first_overdue[accounts] < code_of[month]
    book_started_before = index.months[0] < month
    on["first_delinquency"] = (dpd[cur] >= 1) & ~ever & book_started_before

    n = thresholds.rising_months
    with np.errstate(invalid="ignore"):
        steps = np.diff(dpd[-(n + 1):], axis=0) > 0
    on["dpd_rising"] = steps.all(axis=0)

    util = np.full(shape, np.nan)
    if "credit_limit" in cols:
        limit = grid("credit_limit")
        with np.errstate(invalid="ignore", divide="ignore"):
            util = np.where(limit > 0, bal / limit, np.nan)
    with np.errstate(invalid="ignore"):
        # Only while the account is still drawing: an amortising loan paying down from a full
        # contract amount is not a warning, however close to its limit it still is.
        on["high_utilisation"] = (util[cur] >= thresholds.utilisation_level - 1e-12) & (bal[cur] >= bal[prev])
        on["utilisation_jump"] = (util[cur] - util[prev]) >= thresholds.utilisation_jump - 1e-12
        past = bal[-(thresholds.growth_months + 1)]
        growth = np.where(past > 0, bal[cur] / np.where(past > 0, past, 1.0) - 1.0, np.nan)
        on["balance_growth"] = growth >= thresholds.balance_growth - 1e-12

    if "score" in cols:
        score = grid("score")
        look = score[-(thresholds.score_months + 1):-1]
        seen = ~np.isnan(look)
        best = np.where(seen.any(axis=0), np.max(np.where(seen, look, -np.inf), axis=0), np.nan)
        with np.errstate(invalid="ignore"):
            on["score_drop"] = (best - score[cur]) >= thresholds.score_drop - 1e-9
    else:
        on["score_drop"] = np.zeros(len(accounts), dtype=bool)

    if {"due_amount", "paid_amount"} <= cols:
        due = column("due_amount", base_pos)
        paid = column("paid_amount", base_pos)
        # Compare in cents so 99.999 paid on 100.00 due is not a shortfall of a rounding error.
        with np.errstate(invalid="ignore"):
            on["underpaid"] = (due > 0) & (np.round(paid * 100) < np.round(due * thresholds.payment_share * 100))
    else:
        on["underpaid"] = np.zeros(len(accounts), dtype=bool)

    cause = _filled(len(accounts), "unknown")
    if "overdue_reason" in cols and classifier is not None:
        reasons = portfolio["overdue_reason"].iloc[win_pos].astype("string").str.strip()
        reasons = reasons.where(reasons != "")
        cause_rows = _classify(classifier, reasons)
        has = reasons.notna().to_numpy()
        # Latest non-blank reason in the window: write months in order, later ones overwrite.
        order = np.argsort(mi[has], kind="stable")
        cause[ai[has][order]] = cause_rows[has][order]
        # a wilful note from an earlier month on an account that has since paid up is history,
        # not a warning: the flag needs the account overdue now
        on["wilful"] = (cause == "wilful_default") & (np.nan_to_num(dpd[cur]) >= 1)
    else:  # every cause "unknown"
        on["wilful"] = np.zeros(len(accounts), dtype=bool)

    probability = np.full(len(accounts), np.nan)
    if scores is not None:
        base_ids = portfolio["account_id"].iloc[base_pos]
        probability = pd.Series(scores).groupby(level=0).last().reindex(pd.Index(base_ids)).to_numpy(dtype=np.float64)
        with np.errstate(invalid="ignore"):
            on["model_score"] = probability >= thresholds.model_probability
    else:
        on["model_score"] = np.zeros(len(accounts), dtype=bool)

    for s in SIGNALS:
        on[s] = np.asarray(on[s], dtype=bool) & (s not in thresholds.disabled)

    return {
        "month": month, "accounts": accounts, "base_pos": base_pos, "on": on,
        "dpd": dpd[cur].astype(np.int64), "balance": column("balance", base_pos),
        "cur_codes": np.nan_to_num(codes[cur], nan=0).astype(np.int64),
        "prev_codes": np.where(np.isnan(codes[prev]), -1, np.nan_to_num(codes[prev], nan=0)).astype(np.int64),
        "utilisation": util[cur], "cause": cause, "probability": probability,
        "n_signals": np.sum([on[s] for s in SIGNALS], axis=0).astype(np.int64),
    }


def signal_names(row_flags: pd.DataFrame, lang: str | None = None, sep: str | None = None) -> pd.Series:
    """The signals each row carries, as text (keys, or labels in ``lang``) joined by ``sep``.

    Examples
    --------
    >>> f = pd.DataFrame({s: [s in ("rolled", "wilful")] for s in SIGNALS})
    >>> signal_names(f).tolist()
    ['rolled, wilful']
    """
    sep = sep if sep is not None else ("、" if lang == "zh" else ", ")
    names = [s if lang is None else translate(f"warnings.signal.{s}", lang) for s in SIGNALS]
    flags = row_flags[list(SIGNALS)].to_numpy(dtype=bool)
    # One text per distinct combination of signals (a few dozen), not one join per account.
    pattern = flags.astype(np.int64) @ (1 << np.arange(len(SIGNALS), dtype=np.int64)) if len(flags) else np.zeros(0, np.int64)
    combos, inverse = np.unique(pattern, return_inverse=True)
    texts = np.array([sep.join(n for i, n in enumerate(names) if combo >> i & 1) for combo in combos.tolist()],
                     dtype=object)
    return pd.Series(texts[inverse.reshape(-1)] if len(flags) else np.array([], dtype=object), index=row_flags.index,
                     dtype=object)


# --- levels -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Clause:
    """One way to reach a level: every condition set here must hold (AND).

    Parameters
    ----------
    signals : tuple of str
        Signals that must all be on.
    min_dpd : int
        DPD at the month at least this.
    min_count : int
        At least this many signals on (0 = no condition).
    """

    signals: tuple[str, ...] = ()
    min_dpd: int = 0
    min_count: int = 0


#: Level → clauses (OR). The default: red when the account rolled into 61+ DPD, its cause is
#: wilful, or 3+ signals; orange when it rolled, or 2+ signals; yellow for any single signal.
DEFAULT_RULE: dict[str, tuple[Clause, ...]] = {
    "red": (Clause(signals=("rolled",), min_dpd=61), Clause(signals=("wilful",)), Clause(min_count=3)),
    "orange": (Clause(signals=("rolled",)), Clause(min_count=2)),
    "yellow": (Clause(min_count=1),),
}


def validate_rule(rule: Mapping[str, tuple[Clause, ...]]) -> dict[str, tuple[Clause, ...]]:
    """Check a level rule; return it with every level present (missing levels: no clauses).

    Raises
    ------
    WarningError
        Unknown level or signal, negative numbers, or a clause with no condition at all
        (it would flag every account).

    Examples
    --------
    >>> validate_rule({"red": (Clause(min_count=3),)})["yellow"]
    ()
    """
    if not isinstance(rule, Mapping):
        raise WarningError("warnings.error.rule_level", level=type(rule).__name__)
    out: dict[str, tuple[Clause, ...]] = {}
    for level, clauses in rule.items():
        if level not in LEVELS:
            raise WarningError("warnings.error.rule_level", level=level)
        checked = []
        for c in clauses:
            if not isinstance(c, Clause):
                raise WarningError("warnings.error.rule_value", value=repr(c))
            for s in c.signals:
                if s not in SIGNALS:
                    raise WarningError("warnings.error.rule_signal", signal=s)
            for v in (c.min_dpd, c.min_count):
                if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
                    raise WarningError("warnings.error.rule_value", value=v)
            if not c.signals and c.min_count == 0:
                # "DPD ≥ x" alone would warn on accounts with no signal at all; require one.
                checked.append(Clause(c.signals, int(c.min_dpd), 1))
            else:
                checked.append(Clause(tuple(c.signals), int(c.min_dpd), int(c.min_count)))
        out[level] = tuple(checked)
    return {lv: out.get(lv, ()) for lv in LEVELS}


def describe_rule(rule: Mapping[str, tuple[Clause, ...]], lang: str) -> list[str]:
    """The rule in words, one line per level.

    Examples
    --------
    >>> describe_rule(DEFAULT_RULE, "en")[0]
    'Red: Rolled to a worse bucket and DPD ≥ 61; or Cause flagged as wilful; or 3 or more signals'
    """
    rule = validate_rule(rule)
    lines = []
    for level in LEVELS:
        parts = []
        for c in rule[level]:
            bits = [translate(f"warnings.signal.{s}", lang) for s in c.signals]
            if c.min_dpd:
                bits.append(translate("warnings.rule.dpd", lang, n=c.min_dpd))
            if c.min_count:
                bits.append(translate("warnings.rule.count", lang, n=c.min_count))
            parts.append(translate("warnings.rule.and", lang).join(bits))
        text = translate("warnings.rule.or", lang).join(parts) if parts else translate("warnings.rule.never", lang)
        lines.append(translate("warnings.rule.line", lang, level=level_label(level, lang), text=text))
    return lines


def warning_levels(signals: pd.DataFrame, rule: Mapping[str, tuple[Clause, ...]] = DEFAULT_RULE) -> pd.Series:
    """Warning level per account: the first of red, orange, yellow whose rule it meets.

    Parameters
    ----------
    signals : DataFrame
        Output of :func:`warning_signals`.
    rule : mapping
        Level → clauses (see :data:`DEFAULT_RULE`, :class:`Clause`).

    Returns
    -------
    Series
        Categorical with categories ``red``, ``orange``, ``yellow`` (most severe first); missing
        (NA) for accounts without a warning. Same index as ``signals``.

    Examples
    --------
    >>> f = pd.DataFrame({s: [False, s == "rolled"] for s in SIGNALS}).assign(days_past_due=[0, 70])
    >>> warning_levels(f.assign(n_signals=f[list(SIGNALS)].sum(axis=1))).astype(object).tolist()
    [nan, 'red']
    """
    rule = validate_rule(rule)
    missing = [c for c in (*SIGNALS, "days_past_due") if c not in signals.columns]
    if missing:
        raise WarningError("warnings.error.missing_columns", columns=", ".join(missing))
    flags = {s: signals[s].to_numpy(dtype=bool) for s in SIGNALS}
    count = np.sum(list(flags.values()), axis=0) if len(signals) else np.zeros(0, dtype=np.int64)
    dpd = signals["days_past_due"].to_numpy(dtype=np.int64)
    codes = np.full(len(signals), -1, dtype=np.int64)
    for i, level in reversed(list(enumerate(LEVELS))):  # most severe written last, so it wins
        hit = np.zeros(len(signals), dtype=bool)
        for c in rule[level]:
            ok = (dpd >= c.min_dpd) & (count >= c.min_count)
            for s in c.signals:
                ok &= flags[s]
            hit |= ok
        codes[hit] = i
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(LEVELS)), index=signals.index, name="level")


def _as_levels(levels: pd.Series) -> pd.Categorical:
    """``levels`` as a Categorical of :data:`LEVELS` (anything else missing), coded per distinct
    value: ``pd.Categorical(values, categories=LEVELS)`` compares every account's text.

    Examples
    --------
    >>> _as_levels(pd.Series(["red", None, "pink", "yellow"])).tolist()
    ['red', nan, nan, 'yellow']
    """
    if isinstance(levels.dtype, pd.CategoricalDtype) and list(levels.cat.categories) == list(LEVELS):
        return pd.Categorical.from_codes(levels.cat.codes.to_numpy(), categories=list(LEVELS))  # as warning_levels gives
    codes, found = pd.factorize(levels, use_na_sentinel=True)
    where = np.array([LEVELS.index(v) if isinstance(v, str) and v in LEVELS else -1 for v in found] + [-1],
                     dtype=np.int64)  # the last slot: missing values (code -1)
    return pd.Categorical.from_codes(where[codes], categories=list(LEVELS))


def level_summary(signals: pd.DataFrame, levels: pd.Series, by: str | None = None) -> pd.DataFrame:
    """Accounts and balance per warning level, overall or per segment (e.g. ``owner``, ``branch``).

    Returns
    -------
    DataFrame
        ``by`` (when given; missing values as :data:`UNASSIGNED`), ``level`` (every level, zeros
        kept), ``accounts``, ``balance``, ``balance_share`` (of the segment's whole balance).

    Examples
    --------
    >>> f = pd.DataFrame({"balance": [10.0, 30.0]})
    >>> lv = pd.Series(pd.Categorical(["red", None], categories=list(LEVELS)))
    >>> level_summary(f, lv)[["level", "accounts", "balance"]].values.tolist()
    [['red', 1, 10.0], ['orange', 0, 0.0], ['yellow', 0, 0.0]]
    """
    if len(levels) != len(signals):
        raise WarningError("warnings.error.rule_value", value=f"{len(levels)} levels for {len(signals)} accounts")
    if by is not None and by not in signals.columns:
        raise WarningError("warnings.error.missing_columns", columns=by)
    level_code = _as_levels(levels).codes.astype(np.int64)  # LEVELS' positions, -1 for none
    balance = pd.Series(signals["balance"].to_numpy(dtype=np.float64))
    n_levels = len(LEVELS)
    names = None
    if by is None:
        segment, n_segments = np.zeros(len(balance), dtype=np.int64), 1
        totals = np.array([float(balance.sum())])
    else:
        # Segments as integer codes in the order of their names (each value as text, missing ones
        # UNASSIGNED): texts are made and sorted per distinct value, not per account.
        codes, found = pd.factorize(signals[by], use_na_sentinel=True)
        texts = pd.Series(found).astype(object).astype(str).tolist()
        if (codes < 0).any():
            texts.append(UNASSIGNED)
        names, slot = np.unique(np.array(texts, dtype=object), return_inverse=True)
        slot = np.append(slot.reshape(-1), -1)  # code -1 (missing) is the last text, UNASSIGNED when present
        segment, n_segments = slot[np.where(codes < 0, len(texts) - 1, codes)].astype(np.int64), len(names)
        # every segment has accounts; summed as pandas groups sum (compensated), in row order
        totals = balance.groupby(segment, sort=True).sum().to_numpy(dtype=np.float64)
    warned = level_code >= 0
    cell = segment[warned] * n_levels + level_code[warned]  # segment × level, every pair listed
    accounts = np.bincount(cell, minlength=n_segments * n_levels).astype(np.int64)
    sums = np.zeros(n_segments * n_levels, dtype=np.float64)
    if len(cell):
        by_cell = balance[warned].groupby(cell, sort=True).sum()
        sums[by_cell.index.to_numpy()] = by_cell.to_numpy(dtype=np.float64)
    out = pd.DataFrame({
        "level": pd.Categorical.from_codes(np.tile(np.arange(n_levels), n_segments), categories=list(LEVELS)),
        "accounts": accounts, "balance": sums,
    })
    if by is not None:
        # (no accounts: an empty column of objects, as pandas' groupby gave)
        out.insert(0, by, pd.Series(names[np.repeat(np.arange(n_segments), n_levels)],
                                    dtype=str if n_segments else object))
    denom = np.repeat(totals, n_levels)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["balance_share"] = np.where(denom > 0, out["balance"] / denom, np.nan)
    return out


def level_outcomes(
    portfolio: pd.DataFrame,
    month: str | None = None,
    thresholds: WarningThresholds | None = None,
    rule: Mapping[str, tuple[Clause, ...]] = DEFAULT_RULE,
    buckets: Buckets = DEFAULT_BUCKETS,
    classifier: Classifier | None = None,
    index: RowIndex | None = None,
    prev_signals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Backtest of the rule: warn at the month before ``month`` and see who worsened by ``month``.

    Signals at month t−1 see only the data up to t−1. The model signal is left out (its
    probabilities belong to a model trained with later data). An account "worsened" when its
    bucket at ``month`` is worse than at t−1; accounts gone from the book at ``month`` count as
    ``exited``, not as worsened. ``index``: the :func:`row_index` of ``portfolio``, if kept.
    ``prev_signals``: :func:`warning_signals` of ``portfolio`` at t−1 with these ``thresholds``,
    ``buckets`` and ``classifier`` and no scores, when the caller already has them (a page
    stepping back a month computed them as that month's signals); computed here when omitted.

    Returns
    -------
    DataFrame
        One row per level plus ``none`` (no warning): ``level``, ``accounts``, ``balance`` (at
        t−1), ``worsened``, ``worsened_rate``, ``worsened_balance``, ``exited``, and the months
        ``from_month`` / ``to_month``.

    Raises
    ------
    WarningError
        When the month before ``month`` is not in the book.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": list("aaabbb"), "month": ["2024-01", "2024-02", "2024-03"] * 2,
    ...                    "days_past_due": [0, 40, 70, 0, 0, 0], "balance": [1.0] * 6})
    >>> level_outcomes(df)[["level", "accounts", "worsened"]].values.tolist()
    [['red', 0, 0], ['orange', 1, 1], ['yellow', 0, 0], ['none', 1, 0]]
    """
    _check_portfolio(portfolio)
    index = _index_for(portfolio, index)
    month = _resolve_indexed(index, month)
    prev = shift_month(month, -1)
    if prev not in index.months:
        raise WarningError("warnings.error.backtest_history", month=month, prev=prev)
    thresholds = thresholds or WarningThresholds()
    past_only = replace(thresholds, disabled=tuple(dict.fromkeys([*thresholds.disabled, "model_score"])))
    # The signals at t−1 read rows up to t−1 only (their look-back window ends there), so they
    # are computed on the whole frame with its index rather than on a copy cut at t−1.
    if prev_signals is None:
        got = _signal_arrays(portfolio, index, prev, past_only, buckets, classifier, None)
        signals, accounts = _flag_frame(got), got["accounts"]  # the backtest reads flags, DPD and balance only
    else:
        # Without scores the model signal is off either way, so the thresholds as given flag
        # what past_only flags. Rows are the accounts at t−1 in order of their first row there.
        accounts = pd.factorize(index.account_code[index.month_rows[index.months.index(prev)]])[1]
        if (len(prev_signals) != len(accounts) or (prev_signals["month"] != prev).any()
                or prev_signals["model_score"].any()):
            raise ValueError("prev_signals must be warning_signals() of this portfolio at the month before, "
                             "without scores")
        signals = prev_signals
    levels = warning_levels(signals, rule)
    now_pos = index.month_rows[index.months.index(month)]
    # DPD at `month` per account (duplicate rows: the last one wins).
    # Written in row order, so a later duplicate overwrites an earlier one (as _signal_arrays'
    # row_of): no sort of the month's accounts to find each one's last row.
    next_dpd = np.full(len(index.first_overdue), np.nan)
    now_pos = now_pos.astype(np.intp)
    dpd_now = portfolio["days_past_due"]
    next_dpd[index.account_code[now_pos]] = (
        dpd_now.to_numpy()[now_pos].astype(np.float64) if isinstance(dpd_now.dtype, np.dtype)
        else dpd_now.iloc[now_pos].to_numpy(dtype=np.float64))
    nxt = next_dpd[accounts]
    present = ~np.isnan(nxt)
    before_code = bucket_codes(signals["days_past_due"].to_numpy(), buckets)
    after_code = bucket_codes(np.nan_to_num(nxt).astype(np.int64), buckets)
    worse = present & (after_code > before_code)
    bal = signals["balance"].to_numpy(dtype=np.float64)
    level_code = levels.cat.codes.to_numpy()  # as warning_levels gives: LEVELS' positions, -1 for none
    rows = []
    for lv in (*LEVELS, "none"):
        m = level_code == (LEVELS.index(lv) if lv in LEVELS else -1)
        n = int(m.sum())
        rows.append({
            "level": lv, "accounts": n, "balance": float(bal[m].sum()), "worsened": int((worse & m).sum()),
            "worsened_rate": float((worse & m).sum() / n) if n else float("nan"),
            "worsened_balance": float(bal[worse & m].sum()), "exited": int((m & ~present).sum()),
            "from_month": prev, "to_month": month,
        })
    return pd.DataFrame(rows)


# --- collection actions ------------------------------------------------------------------

def _check_playbook(playbook: pd.DataFrame) -> None:
    if not isinstance(playbook, pd.DataFrame) or not {"min_dpd", "max_dpd", "action"} <= set(playbook.columns):
        raise WarningError("warnings.error.playbook")


def collection_actions(
    signals: pd.DataFrame,
    levels: pd.Series,
    playbook: pd.DataFrame = DEFAULT_STAGE_PLAYBOOK,
    cause_responses: Mapping[str, str] = DEFAULT_CAUSE_RESPONSES,
    include_unwarned: bool = False,
) -> pd.DataFrame:
    """The collection action each warned account's DPD stage and cause call for.

    The stage action comes from the playbook by DPD (``playbook.stage_actions``); the cause
    response from ``cause_responses``. They combine so that

    * temporary hardship (a relief response: grace period, repayment plan, restructuring) gets
      the relief instead of more pressure;
    * a dispute gets its response (resolve it before chasing);
    * otherwise the more severe step of the escalation ladder wins (a wilful defaulter in the
      first month goes straight to the cause's response, e.g. legal), except that a current
      account (DPD 0) is never escalated past the ``unknown`` response (a call);
    * an account whose cause is not recorded (``unknown``) follows its stage; when it is still
      current (stage ``none``) it gets the ``unknown`` response (default: a call), because a
      warned account needs at least a contact.

    Parameters
    ----------
    signals : DataFrame
        Output of :func:`warning_signals`.
    levels : Series
        Output of :func:`warning_levels` (same index).
    playbook : DataFrame
        ``min_dpd``, ``max_dpd`` (inclusive; NaN/None = open), ``action``.
    cause_responses : mapping
        Cause key → action key.
    include_unwarned : bool
        Keep accounts without a warning (default: warned accounts only).

    Returns
    -------
    DataFrame
        The signal frame's columns plus ``level``, ``signals`` (keys, comma-separated),
        ``stage_action``, ``cause_action`` and ``action``; sorted red first, then balance
        descending.

    Examples
    --------
    >>> f = pd.DataFrame({s: [True] for s in SIGNALS}).assign(
    ...     account_id=["a"], days_past_due=[45], balance=[1.0], n_signals=[10],
    ...     cause=pd.Categorical(["income_loss"]))
    >>> collection_actions(f, warning_levels(f))["action"].tolist()
    ['repayment_plan']
    """
    _check_playbook(playbook)
    if len(levels) != len(signals):
        raise WarningError("warnings.error.rule_value", value=f"{len(levels)} levels for {len(signals)} accounts")
    frame = signals.assign(level=_as_levels(levels))
    if not include_unwarned:
        frame = frame[frame["level"].notna().to_numpy()]
    dpd = frame["days_past_due"].to_numpy(dtype=np.int64)
    stage = stage_actions(dpd, playbook).astype(object)
    cause = (frame["cause"].astype(object).fillna("unknown").to_numpy() if "cause" in frame.columns
             else _filled(len(frame), "unknown"))
    responses = dict(cause_responses)
    fallback = responses.get("unknown", "call")
    # Per distinct value, not per account: a book warns tens of thousands of accounts over a
    # handful of causes and stages (a Python loop per account was 0.1-0.3 s of a month change).
    cause_action = _mapped(cause, lambda c: responses.get(c, fallback), object)
    rank = {a: i for i, a in enumerate(ESCALATION)}
    stage_rank = _mapped(stage, lambda a: rank.get(a, -1), np.int64)
    cause_rank = _mapped(cause_action, lambda a: rank.get(a, -1), np.int64)
    on_ladder = (cause_rank >= 0) & (stage_rank >= 0)
    action = np.where(on_ladder & (cause_rank > stage_rank), cause_action, stage)
    # A current account (paid up, or not yet due) is contacted, never escalated to a letter, a
    # visit or legal action on an earlier month's cause.
    current = (dpd < 1) & on_ladder & (cause_rank > rank.get(fallback, rank["call"]))
    action = np.where(current, fallback, action)
    no_cause = (cause == "unknown") & (stage != "none")
    action = np.where(no_cause, stage, action)
    # Relief, dispute handling and user-typed responses (off the ladder) replace the stage step.
    action = np.where((cause_rank < 0) & ~no_cause, cause_action, action)
    frame = frame.assign(
        signals=signal_names(frame),
        stage_action=stage,
        cause_action=cause_action,
        action=action.astype(object),
    )
    order = np.lexsort((-frame["balance"].to_numpy(dtype=np.float64),
                        np.where(frame["level"].isna(), 9, frame["level"].cat.codes)))
    return frame.iloc[order].reset_index(drop=True)


def _mapped(values: np.ndarray, fn: Callable[[object], object], dtype) -> np.ndarray:
    """``np.array([fn(v) for v in values], dtype)``, calling ``fn`` once per distinct value."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    return np.array([fn(u) for u in uniques], dtype=dtype)[codes] if len(values) else np.zeros(0, dtype=dtype)


def action_summary(actions: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Accounts and balance each action covers, in escalation order (relief and others after).

    Examples
    --------
    >>> a = pd.DataFrame({"action": ["call", "legal", "call"], "balance": [1.0, 5.0, 2.0]})
    >>> action_summary(a).values.tolist()
    [['call', 2, 3.0, 0.375], ['legal', 1, 5.0, 0.625]]
    """
    g = actions.groupby(actions["action"].astype(object), sort=False)["balance"]
    out = g.agg(accounts="size", balance="sum").reset_index()
    known = list(ACTION_KEYS)  # escalation ladder, relief responses, then "verify"
    out["_o"] = [known.index(a) if a in known else len(known) for a in out["action"]]
    out = out.sort_values(["_o", "action"]).drop(columns="_o").reset_index(drop=True)
    total = out["balance"].sum()
    out["balance_share"] = out["balance"] / total if total > 0 else np.nan
    out["accounts"] = out["accounts"].astype(np.int64)
    if lang is not None:
        out.insert(1, "label", [action_label(a, lang) for a in out["action"]])
    return out


# --- work lists ---------------------------------------------------------------------------

WORK_LIST_COLUMNS = (
    "account_id", "customer_name", "phone", "id_number", "level", "signals", "days_past_due", "bucket",
    "balance", "cause", "action", "owner", "branch", "month",
)


def _per_value(values: pd.Series, fn: Callable[[object], object]) -> list:
    """``[fn(v) for v in values]``, calling ``fn`` once per distinct value (a work list repeats a
    handful of levels, signals and actions over thousands of accounts)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = [fn(u) for u in uniques]
    return [mapped[c] for c in codes]


def work_lists(actions: pd.DataFrame, by: str = "owner", lang: str | None = None,
               buckets: Buckets = DEFAULT_BUCKETS) -> dict[str, pd.DataFrame]:
    """One work list per owner (预警责任人), most urgent first.

    Parameters
    ----------
    actions : DataFrame
        Output of :func:`collection_actions`.
    by : str
        Column that names who works the list (``owner``; ``branch`` when there are no owners).
        Accounts without one go to the :data:`UNASSIGNED` list.
    lang : {"zh", "en"}, optional
        Translate values for people (levels, signals, bucket, cause, action); keys are kept when
        omitted. Column names stay canonical so masking still finds the personal data; the export
        (:func:`export_work_lists`) masks it and translates the headers.

    Returns
    -------
    dict
        Owner → DataFrame (columns from :data:`WORK_LIST_COLUMNS` that exist), in owner order.

    Examples
    --------
    >>> a = pd.DataFrame({"account_id": ["a", "b"], "owner": ["王", None], "level": ["red", "yellow"],
    ...                   "balance": [1.0, 2.0], "action": ["call", "reminder"]})
    >>> list(work_lists(a))
    ['王', '(unassigned)']
    """
    if by not in actions.columns:
        raise WarningError("warnings.error.missing_columns", columns=by)
    who = actions[by].astype(object).where(actions[by].notna(), UNASSIGNED).astype(str)
    cols = [c for c in WORK_LIST_COLUMNS if c in actions.columns]
    if by not in cols:
        cols.append(by)
    frame = actions[cols].copy()
    if lang is not None:
        if "level" in frame:
            frame["level"] = _per_value(frame["level"].astype(object),
                                        lambda v: level_label(v, lang) if isinstance(v, str) else "")
        if "signals" in frame:
            sep = "、" if lang == "zh" else ", "
            frame["signals"] = _per_value(frame["signals"], lambda v: sep.join(
                translate(f"warnings.signal.{s}", lang) for s in str(v).split(", ") if s))
        if "bucket" in frame:
            frame["bucket"] = _per_value(frame["bucket"].astype(str),
                                         lambda k: buckets.label_of(k, lang) if k in buckets.keys else k)
        if "cause" in frame:
            frame["cause"] = _per_value(frame["cause"].astype(str),
                                        lambda c: cause_label(c, lang))
        if "action" in frame:
            frame["action"] = _per_value(frame["action"].astype(str), lambda a: action_label(a, lang))
        for col in ("owner", "branch"):
            if col in frame:
                frame[col] = frame[col].astype(object).where(frame[col].notna(), translate("warnings.unassigned", lang))
    out: dict[str, pd.DataFrame] = {}
    names = sorted(pd.unique(who), key=lambda s: (s == UNASSIGNED, s))
    for name in names:
        out[name] = frame[(who == name).to_numpy()].reset_index(drop=True)
    return out


_SHEET_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_names(names: list[str]) -> list[str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    out: list[str] = []
    for name in names:
        base = (str(name).translate(_SHEET_BAD).strip("'") or "_")[:31]
        cand, k = base, 2
        while cand.lower() in {o.lower() for o in out}:
            suffix = f"~{k}"
            cand, k = base[: 31 - len(suffix)] + suffix, k + 1
        out.append(cand)
    return out


def localise_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Work-list headers in ``lang`` (unknown columns kept as they are).

    Examples
    --------
    >>> list(localise_columns(pd.DataFrame(columns=["level", "x"]), "zh").columns)
    ['预警级别', 'x']
    """
    names = {c: translate(f"warnings.col.{c}", lang) for c in frame.columns if c in WORK_LIST_COLUMNS or c == "n_signals"}
    return frame.rename(columns=names)


def export_work_lists(lists: Mapping[str, pd.DataFrame], fmt: str = "xlsx", masked: bool = True,
                      note: str | None = None, summary: pd.DataFrame | None = None,
                      summary_name: str = "summary", lang: str | None = None) -> bytes:
    """Work lists as a file for Excel: personal data masked unless ``masked=False``, formulas neutralised.

    Parameters
    ----------
    lists : mapping
        Owner → work list (from :func:`work_lists`).
    fmt : {"xlsx", "csv"}
        XLSX: one sheet per owner (plus ``summary`` first when given). CSV: every list stacked
        (UTF-8 with BOM so Excel reads Chinese correctly).
    masked : bool
        Mask names, phone and ID numbers (default). Unmasking needs ``note``, which the file carries:
        an ``_info`` sheet in XLSX, a first line in CSV.
    note : str, optional
        Required when ``masked`` is False.
    lang : {"zh", "en"}, optional
        Translate the headers (after masking, which needs the canonical names).

    Raises
    ------
    ValueError
        Unknown format, or unmasked without a note.

    Examples
    --------
    >>> data = export_work_lists({"王": pd.DataFrame({"phone": ["13812341234"]})}, "csv")
    >>> "138****1234" in data.decode("utf-8-sig"), "13812341234" in data.decode("utf-8-sig")
    (True, False)
    """
    if fmt not in ("xlsx", "csv"):
        raise ValueError("fmt must be 'xlsx' or 'csv'")
    if not masked and not note:
        raise ValueError("an unmasked export must carry a note saying so")

    def ready(frame: pd.DataFrame) -> pd.DataFrame:
        out = mask_pii(frame) if masked else frame
        return localise_columns(out, lang) if lang else out

    lists = {k: ready(v) for k, v in lists.items()}
    frames = list(lists.values())
    if fmt == "csv":
        stacked = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        body = export_csv_bytes(stacked, masked=masked)
        if not masked:
            body = "\ufeff".encode("utf-8") + (str(neutralise_cell(f"# {note}")) + "\n").encode("utf-8") + body[3:]
        return body
    sheets: dict[str, pd.DataFrame] = {}
    names = list(lists)
    if summary is not None:
        names = [summary_name, *names]
    safe = _sheet_names(names)
    if summary is not None:
        sheets[safe[0]] = summary
        safe = safe[1:]
    for sheet, owner in zip(safe, lists):
        sheets[sheet] = lists[owner]
    if not sheets:
        sheets = {"_": pd.DataFrame()}
    return export_xlsx_bytes(sheets, masked=masked, note=None if masked else note)


__all__ = [
    "SIGNALS", "LEVELS", "UNASSIGNED", "ESCALATION", "RELIEF_ACTIONS", "WarningError",
    "WarningThresholds", "Clause", "DEFAULT_RULE", "RowIndex", "row_index", "signal_availability",
    "warning_signals", "warning_flags", "signal_names",
    "validate_rule", "describe_rule", "warning_levels", "level_summary", "level_outcomes", "collection_actions",
    "action_summary", "work_lists", "WORK_LIST_COLUMNS", "export_work_lists", "localise_columns",
]
