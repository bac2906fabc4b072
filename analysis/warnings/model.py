"""A logistic regression for "moves to a worse bucket next month", trained on the book's history.

The model is the statistical companion of the rule-based signals in :mod:`analysis.warnings.signals`:
its odds ratios say in plain words which features raise the chance of an account worsening, its
out-of-time validation (AUC, KS, calibration by decile) on the latest month pair says how far to
trust it, and its predicted probability at the latest month can be used as one more signal.

Design
------
* Rows: account-months whose next calendar month is in the book, the account still there
  (exits are not "worse"), and not already in the last bucket (it cannot get worse).
* Target: the bucket at t+1 is worse than at t.
* Features (each only when its column exists): bucket dummies and DPD; utilisation; balance
  change on last month; score; months on book; overdue months in the previous six; segment
  dummies with rare levels pooled into "other".
* Train on every month pair but the latest; validate on the latest pair (out of time); score the
  accounts at the latest month with the validated model (the score shown is the score tested).
* statsmodels ``Logit``; on (quasi-)separation, a singular matrix or no convergence, a ridge
  (L2) fit solved exactly by penalised Newton, with approximate intervals and p-values from the
  penalised Hessian, and a note saying so. Separation found by a small linear programme on the
  design's discrete columns goes to the ridge at once, without the logit's 100 Newton iterations.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.special import expit
from scipy.stats import norm, rankdata

from analysis.core.buckets import DEFAULT_BUCKETS, Buckets, bucket_codes
from analysis.core import book_from_portfolio
from analysis.core.rates import month_ordinal, shift_month
from analysis.core.i18n import analysis_messages, translate
from analysis.warnings.signals import WarningError

#: Segment columns used as dummies by default (owner and branch describe who works a case,
#: not the borrower, and have many levels).
MODEL_SEGMENTS = ("product", "region", "channel", "industry")
RARE_SHARE = 0.02
MAX_LEVELS = 8
MAX_TRAIN_ROWS = 100_000  # ~3,000 events at a 3 % rate: ample for ~30 coefficients


@dataclass
class WarningModel:
    """What :func:`fit_warning_model` learnt and how well it did out of time.

    Attributes
    ----------
    odds_ratios : DataFrame
        ``feature``, ``kind``, ``column``, ``value``, ``base``, ``step``, ``coef``, ``odds_ratio``,
        ``ci_low``, ``ci_high``, ``p_value`` (one row per feature, intercept excluded).
    validation : dict
        ``auc``, ``ks``, ``n``, ``events``, ``event_rate``, ``test_month``, ``test_to_month``,
        ``train_first``, ``train_last``, ``n_train``, ``train_events``.
    calibration : DataFrame
        ``decile`` (1 = lowest predicted), ``n``, ``min_p``, ``max_p``, ``mean_predicted``,
        ``observed_rate``, ``events``.
    scores : Series
        Predicted probability of worsening next month per ``account_id`` at ``score_month``.
    score_month : str
    method : str
        ``"logit"`` or ``"ridge"``.
    notes : list of (key, params)
        Message keys (``analysis/locales/warnings.py``) for :meth:`notes_text`.
    """

    odds_ratios: pd.DataFrame
    validation: dict
    calibration: pd.DataFrame
    scores: pd.Series
    score_month: str
    method: str
    notes: list = field(default_factory=list)

    def notes_text(self, lang: str) -> list[str]:
        """The notes (fallback fit, dropped features, sampling) in ``lang``."""
        out = []
        for key, params in self.notes:
            params = dict(params)
            if "reason" in params:
                params["reason"] = translate(f"warnings.model.reason.{params['reason']}", lang)
            if isinstance(params.get("features"), tuple):  # dropped features: their names, not their keys
                sep = "、" if lang == "zh" else ", "
                params["features"] = sep.join(_dropped_label(row, lang) for row in params["features"])
            out.append(translate(key, lang, **params))
        return out


# --- metrics ------------------------------------------------------------------------------

def _check_y_p(y, p) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    if y.shape != p.shape or y.ndim != 1:
        raise ValueError("outcomes and predictions must be 1-D and of the same length")
    if np.isnan(p).any() or not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("outcomes must be 0/1 and predictions must not be missing")
    return y, p


def auc_score(y, p) -> float:
    """Area under the ROC curve (ties count half); NaN when only one class is present.

    Examples
    --------
    >>> auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    """
    y, p = _check_y_p(y, p)
    n1 = y.sum()
    n0 = len(y) - n1
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = rankdata(p)
    return float((ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def ks_statistic(y, p) -> float:
    """Kolmogorov-Smirnov: the largest gap between the score distributions of events and non-events.

    Examples
    --------
    >>> ks_statistic([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])
    1.0
    """
    y, p = _check_y_p(y, p)
    n1 = y.sum()
    n0 = len(y) - n1
    if n1 == 0 or n0 == 0:
        return float("nan")
    order = np.argsort(p, kind="stable")
    ps, ys = p[order], y[order]
    last = np.r_[ps[1:] != ps[:-1], True]  # evaluate only after the last of each tied value
    cum1 = np.cumsum(ys)[last] / n1
    cum0 = np.cumsum(1 - ys)[last] / n0
    return float(np.max(np.abs(cum1 - cum0)))


def calibration_table(y, p, n_bins: int = 10) -> pd.DataFrame:
    """Observed event rate against the mean prediction, per equal-sized bin of the prediction.

    Examples
    --------
    >>> calibration_table([0, 1, 0, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)[["n", "observed_rate"]].values.tolist()
    [[2.0, 0.5], [2.0, 0.5]]
    """
    y, p = _check_y_p(y, p)
    if not isinstance(n_bins, (int, np.integer)) or n_bins < 2:
        raise ValueError("n_bins must be a whole number ≥ 2")
    if not len(p):
        return pd.DataFrame(columns=["decile", "n", "min_p", "max_p", "mean_predicted", "observed_rate", "events"])
    # Rank-based bins have equal sizes even when many predictions tie.
    ranks = rankdata(p, method="ordinal") - 1
    bins = (ranks * n_bins // len(p)).astype(np.int64) + 1
    frame = pd.DataFrame({"decile": bins, "p": p, "y": y})
    out = frame.groupby("decile").agg(n=("y", "size"), min_p=("p", "min"), max_p=("p", "max"),
                                      mean_predicted=("p", "mean"), observed_rate=("y", "mean"), events=("y", "sum"))
    out["n"] = out["n"].astype(float)
    return out.reset_index()


# --- features -----------------------------------------------------------------------------

def _with_states(rows: pd.DataFrame, buckets: Buckets) -> pd.DataFrame:
    # Next month's state from the data core's panel: one definition of "next month".
    book = book_from_portfolio(rows)
    try:
        # The book is these very rows, so its states come back in their order: no key join.
        states = book.cubes(buckets).states_in_row_order()
    finally:
        book.close()
    return rows.assign(**{col: states[col].to_numpy() if col in ("next_balance", "next_dpd") else states[col].array
                          for col in states.columns})


def model_features(panel: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> pd.DataFrame:
    """Per account-month raw features and the target (NaN when the row cannot be a training row).

    Long on purpose: one block per feature, each used only when its column exists, read in order.

    Parameters
    ----------
    panel : DataFrame
        Canonical portfolio or its bucketed panel (``next_dpd`` is derived when missing).

    Returns
    -------
    DataFrame
        ``account_id``, ``month``, ``bucket_code``, ``dpd``, ``utilisation``, ``balance_change``,
        ``score``, ``mob``, ``recent_delinquency``, the segment columns present, and ``target``
        (1.0 worse next month, 0.0 not worse, NaN not usable).

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "a"], "month": ["2024-01", "2024-02"],
    ...                    "days_past_due": [0, 40], "balance": [100.0, 90.0]})
    >>> model_features(df)["target"].tolist()
    [1.0, nan]
    """
    for col in ("account_id", "month", "days_past_due", "balance"):
        if col not in panel.columns:
            raise WarningError("warnings.error.missing_columns", columns=col)
    if "next_dpd" not in panel.columns or "next_bucket" not in panel.columns:
        panel = _with_states(panel, buckets)
    acc, acc_uniques = pd.factorize(panel["account_id"])
    m_codes, m_uniques = pd.factorize(panel["month"], sort=True)
    m_uniques = [str(m) for m in m_uniques]
    m_ord = np.array([month_ordinal(m) for m in m_uniques], dtype=np.int64)[m_codes]
    order = np.lexsort((m_ord, acc))
    a, o = acc[order], m_ord[order]
    dpd = panel["days_past_due"].to_numpy(dtype=np.int64)[order]
    bal = panel["balance"].to_numpy(dtype=np.float64)[order]
    n = len(order)
    same_prev = np.r_[False, (a[1:] == a[:-1]) & (o[1:] == o[:-1] + 1)]
    prev_bal = np.r_[np.nan, bal[:-1]]
    with np.errstate(invalid="ignore", divide="ignore"):
        change = np.where(same_prev & (prev_bal > 0), bal / np.where(prev_bal > 0, prev_bal, 1) - 1, 0.0)
    change = np.clip(change, -1.0, 1.0)  # a balance that doubles tells no more than one that rose 100 %

    # Overdue months among the previous six observed months of the same account.
    flag = (dpd >= 1).astype(np.int64)
    start = np.r_[True, a[1:] != a[:-1]]
    group_start = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    csum = np.cumsum(flag)
    prefix = csum - flag  # overdue rows strictly before each row
    lo = np.maximum(np.arange(n) - 6, group_start)
    recent = prefix - prefix[lo] if n else np.zeros(0)

    if "origination_date" in panel.columns:
        orig = pd.to_datetime(panel["origination_date"]).to_numpy()[order]
        orig_ord = pd.DatetimeIndex(orig).year * 12 + pd.DatetimeIndex(orig).month - 1
        mob = np.where(np.isnan(orig_ord.to_numpy(dtype=np.float64, na_value=np.nan)), np.nan, o - orig_ord.to_numpy(dtype=np.float64, na_value=np.nan))
    else:
        mob = np.full(n, np.nan)
    seen = (np.arange(n) - group_start).astype(np.float64)  # months since first seen in the book
    mob = np.where(np.isnan(mob), seen, np.maximum(mob, 0))

    out = pd.DataFrame({
        # Categoricals from codes: no per-row string objects on millions of rows.
        "account_id": pd.Categorical.from_codes(acc[order], categories=pd.Index(acc_uniques).astype(str)),
        "month": pd.Categorical.from_codes(m_codes[order], categories=m_uniques, ordered=True),
        "bucket_code": bucket_codes(dpd, buckets).astype(np.int64),
        "dpd": dpd.astype(np.float64),
        "balance_change": change,
        "mob": mob,
        "recent_delinquency": recent.astype(np.float64),
    })
    if "credit_limit" in panel.columns:
        limit = panel["credit_limit"].to_numpy(dtype=np.float64, na_value=np.nan)[order]
        with np.errstate(invalid="ignore", divide="ignore"):
            out["utilisation"] = np.clip(np.where(limit > 0, bal / limit, np.nan), 0, 2)
    if "score" in panel.columns:
        out["score"] = panel["score"].to_numpy(dtype=np.float64, na_value=np.nan)[order]
    for col in MODEL_SEGMENTS:
        if col in panel.columns:
            seg = panel[col] if isinstance(panel[col].dtype, pd.CategoricalDtype) else panel[col].astype("category")
            seg = seg.cat.rename_categories([str(c) for c in seg.cat.categories])
            codes = seg.cat.codes.to_numpy()[order]
            out[col] = pd.Categorical.from_codes(codes, categories=seg.cat.categories)
    next_dpd = panel["next_dpd"].to_numpy(dtype=np.int64)[order]
    next_known = panel["next_bucket"].notna().to_numpy()[order]
    exited = next_dpd < 0
    last_bucket = out["bucket_code"].to_numpy() == len(buckets) - 1
    usable = next_known & ~exited & ~last_bucket
    worse = bucket_codes(np.maximum(next_dpd, 0), buckets) > out["bucket_code"].to_numpy()
    out["target"] = np.where(usable, worse.astype(np.float64), np.nan)
    return out


class _Design:
    """The encoding learnt on the training rows, applied unchanged to the test and scoring rows."""

    def __init__(self, train: pd.DataFrame, buckets: Buckets, segments: tuple[str, ...]) -> None:
        self.n_buckets = len(buckets) - 1  # the last bucket never trains
        self.bucket_keys = buckets.keys
        self.bucket_lowers = tuple(buckets.lowers)
        self.has_util = "utilisation" in train and train["utilisation"].notna().any()
        self.util_fill = float(train["utilisation"].median()) if self.has_util else 0.0
        self.util_missing = self.has_util and train["utilisation"].isna().any()
        self.has_score = "score" in train and train["score"].notna().any()
        if self.has_score:
            score = train["score"]
            self.score_mean = float(score.mean())
            sd = float(score.std()) or 1.0
            mag = 10 ** math.floor(math.log10(sd)) if sd > 0 else 1.0
            # a round step near one standard deviation: "per 50 points" reads better than "per 47.3"
            self.score_step = min((mag * k for k in (1, 2, 5, 10)), key=lambda s: abs(s - sd))
            self.score_missing = score.isna().any()
        self.levels: dict[str, tuple[str, list[str]]] = {}
        for col in segments:
            if col not in train:
                continue
            share = train[col].value_counts(normalize=True, dropna=False, sort=True)
            share.index = ["∅" if pd.isna(v) else str(v) for v in share.index]
            share = share[share > 0]
            keep = [str(v) for v, s in share.items() if s >= RARE_SHARE][:MAX_LEVELS]
            if len(keep) >= 2 or (len(keep) == 1 and len(share) > 1):
                self.levels[col] = (keep[0], keep[1:] + (["__other__"] if len(share) > len(keep) else []))
        self.columns: list[str] = []
        self.meta: list[dict] = []

    def transform(self, rows: pd.DataFrame) -> pd.DataFrame:
        cols: dict[str, np.ndarray] = {"const": np.ones(len(rows))}
        meta: list[dict] = []
        codes = rows["bucket_code"].to_numpy()
        for i in range(1, self.n_buckets):
            cols[f"bucket_{i}"] = (codes == i).astype(float)
            meta.append({"kind": "bucket", "column": "bucket", "value": self.bucket_keys[i], "base": self.bucket_keys[0], "step": 1.0})
        # Days left before the next bucket edge, not raw DPD: with bucket dummies in the model,
        # raw DPD makes the bucket odds ratios unreadable (they cancel each other out).
        lowers = np.asarray(self.bucket_lowers + (self.bucket_lowers[-1],), dtype=float)
        nxt = lowers[np.minimum(codes + 1, len(lowers) - 1)]
        cols["days_to_next"] = np.clip(nxt - rows["dpd"].to_numpy(), 0, None) / 30.0
        meta.append({"kind": "days_to_next", "column": "days_past_due", "value": None, "base": None, "step": 30.0})
        if self.has_util:
            util = rows["utilisation"].to_numpy(dtype=float)
            cols["utilisation"] = np.where(np.isnan(util), self.util_fill, util) / 0.1
            meta.append({"kind": "utilisation", "column": "utilisation", "value": None, "base": None, "step": 0.1})
            if self.util_missing:
                cols["utilisation_missing"] = np.isnan(util).astype(float)
                meta.append({"kind": "utilisation_missing", "column": "utilisation", "value": None, "base": None, "step": 1.0})
        cols["balance_change"] = rows["balance_change"].to_numpy() / 0.1
        meta.append({"kind": "balance_change", "column": "balance", "value": None, "base": None, "step": 0.1})
        if self.has_score:
            s = rows["score"].to_numpy(dtype=float)
            cols["score"] = (np.where(np.isnan(s), self.score_mean, s) - self.score_mean) / self.score_step
            meta.append({"kind": "score", "column": "score", "value": None, "base": None, "step": self.score_step})
            if self.score_missing:
                cols["score_missing"] = np.isnan(s).astype(float)
                meta.append({"kind": "score_missing", "column": "score", "value": None, "base": None, "step": 1.0})
        cols["mob"] = rows["mob"].to_numpy() / 12.0
        meta.append({"kind": "mob", "column": "mob", "value": None, "base": None, "step": 12.0})
        cols["recent_delinquency"] = rows["recent_delinquency"].to_numpy()
        meta.append({"kind": "recent_delinquency", "column": "recent_delinquency", "value": None, "base": None, "step": 1.0})
        for col, (base, others) in self.levels.items():
            cat = rows[col].cat
            codes = cat.codes.to_numpy()
            lookup = {str(c): i for i, c in enumerate(cat.categories)}
            known = [lookup.get(v, -2) if v != "∅" else -1 for v in [base, *others] if v != "__other__"]
            for v in others:
                if v == "__other__":
                    hit = ~np.isin(codes, known)
                else:
                    hit = codes == (-1 if v == "∅" else lookup.get(v, -2))
                cols[f"{col}={v}"] = hit.astype(float)
                meta.append({"kind": "segment", "column": col, "value": v, "base": base, "step": 1.0})
        self.meta = meta
        return pd.DataFrame(cols, index=rows.index)


def _drop_degenerate(X: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Drop constant columns and columns that are linear combinations of earlier ones."""
    dropped = [c for c in X.columns if c != "const" and np.ptp(X[c].to_numpy()) == 0]
    X = X.drop(columns=dropped)
    # Rank checks on the small k × k Gram matrix of unit-length columns, not on the n × k data.
    A = X.to_numpy()
    A = A / np.linalg.norm(A, axis=0)
    gram = A.T @ A
    keep_idx: list[int] = []
    for j, c in enumerate(X.columns):
        idx = keep_idx + [j]
        if np.linalg.matrix_rank(gram[np.ix_(idx, idx)], tol=1e-10) == len(idx):
            keep_idx.append(j)
        else:
            dropped.append(c)
    return X.iloc[:, keep_idx], dropped


#: Newton iterations the logit fit gets (statsmodels' default) before the ridge takes over.
NEWTON_MAXITER = 100
#: statsmodels' Newton tolerance and Hessian ridge (``_fit_newton``'s ``tol`` and ``ridge_factor``).
_NEWTON_TOL, _NEWTON_RIDGE = 1e-8, 1e-10


def _newton_stalls(y: np.ndarray, A: np.ndarray, maxiter: int = NEWTON_MAXITER) -> bool:
    """True when statsmodels' Newton fit of ``Logit(y, A)`` surely ends on ``maxiter`` without converging.

    The same Newton steps (from zeros, the Hessian ridged by 1e-10, both scaled by the rows) on
    the distinct rows of ``A`` with their row and event counts: the same sums, grouped, so a
    design of bucket dummies and whole months (a book without balances) runs on a few thousand
    rows instead of 100,000, and the 100 iterations of a fit that drifts (quasi-separation:
    about 5 s of statsmodels at 100,000 rows) take milliseconds. Answers True only when the fit
    is still moving by more than 1e-4 (10,000 times the tolerance) after ``maxiter`` steps, every
    step was finite and solvable, the last Hessian is well conditioned (statsmodels inverts it
    before it warns) and no prediction could be perfect (a distinct row holds both outcomes);
    otherwise False, and statsmodels' own fit decides as before. The rounding of grouped sums
    cannot turn a fit moving by 1e-4 into one that converged, so the fallback and its reason
    are the ones the full fit gives.
    """
    A = np.ascontiguousarray(A, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    nobs, k = A.shape
    if nobs == 0 or k == 0:
        return False
    keys = A.view(np.dtype((np.void, A.dtype.itemsize * k))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    U = A[first]
    if len(first) > nobs // 4:
        # Little to group (continuous features: UCI's 100,000 rows stay ~100,000): the check would
        # cost as much as statsmodels' own fit (3.3 s measured) and decide nothing more.
        return False
    n = np.bincount(inverse, minlength=len(first)).astype(np.float64)
    events = np.bincount(inverse, weights=y, minlength=len(first))
    if not ((events > 0) & (events < n)).any():  # every distinct row has one outcome: perfect prediction is possible
        return False
    ridge = _NEWTON_RIDGE * np.eye(k)
    params, step = np.zeros(k), np.full(k, np.inf)
    with np.errstate(all="ignore"):
        for _ in range(maxiter):
            if not (np.abs(step) > _NEWTON_TOL).any():
                return False  # converged: statsmodels fits it
            p = expit(U @ params)
            hess = (U.T * (n * p * (1 - p))) @ U / nobs
            grad = U.T @ (events - n * p) / nobs
            try:
                step = np.linalg.solve(hess + ridge, grad)
            except np.linalg.LinAlgError:
                return False
            params = params + step
            if not (np.isfinite(params).all() and np.isfinite(step).all()):
                return False
        p = expit(U @ params)
        hess = (U.T * (n * p * (1 - p))) @ U / nobs
        if not np.isfinite(hess).all() or np.linalg.cond(hess) > 1e12:
            return False
    return bool(np.abs(step).max() > 1e-4)


#: Columns with at most this many distinct training values enter the separation check.
_DISCRETE_LEVELS = 64
#: The separation check runs when the discrete columns have at most this many distinct rows
#: (a linear programme of that many constraints: milliseconds; UCI and the card panel have < 600).
_SEPARATION_MAX_ROWS = 5_000
#: The ridge penalty on every coefficient but the intercept (on the -loglike / n scale).
RIDGE_ALPHA = 1e-3
#: The penalised Newton stops when no coefficient moves by more than this.
_RIDGE_TOL, _RIDGE_MAXITER = 1e-10, 50


def _separated(y: np.ndarray, A: np.ndarray) -> bool:
    """True when the discrete columns of ``A`` (quasi-)separate the outcomes: the logit has no maximum.

    A direction ``b`` with ``x·b ≥ 0`` on every event row, ``≤ 0`` on every other row, and not 0
    on all of them makes the likelihood rise without end along ``b`` (Albert and Anderson, 1984),
    so Newton drifts (statsmodels spends its 100 iterations, ~5 s at 100,000 rows, then warns)
    or stops on exploding standard errors: either way the ridge. Such a direction is looked for
    by a linear programme over the columns with few distinct values (bucket dummies, days to the
    next bucket, months, segment dummies), on their distinct rows: a book whose accounts in some
    bucket never worsen (UCI, the credit-card panel) is found in milliseconds. A direction over
    these columns is one of the whole design (the other coefficients 0), so a True is certain;
    a False only says none was found there, and the logit is tried.
    """
    from scipy.optimize import linprog

    nobs, k = A.shape
    if nobs == 0 or k == 0:
        return False
    # Columns picked on a spread of rows (any subset of columns is sound; the distinct rows of the
    # full data below decide whether the programme runs).
    probe = A[:: max(1, nobs // 4_096)]
    cols = [j for j in range(k) if len(np.unique(probe[:, j])) <= _DISCRETE_LEVELS]
    if not cols:
        return False
    D = np.ascontiguousarray(A[:, cols])
    keys = D.view(np.dtype((np.void, D.dtype.itemsize * len(cols)))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    if len(first) > _SEPARATION_MAX_ROWS:
        return False
    U = D[first]
    n = np.bincount(inverse, minlength=len(first))
    events = np.bincount(inverse, weights=y, minlength=len(first))
    mixed = (events > 0) & (events < n)
    sign = np.where(events > 0, 1.0, -1.0)[~mixed]
    pure = U[~mixed] * sign[:, None]  # want pure @ b >= 0, and some > 0
    if not len(pure):
        return False
    res = linprog(-pure.sum(axis=0), A_ub=-pure, b_ub=np.zeros(len(pure)),
                  A_eq=U[mixed] if mixed.any() else None, b_eq=np.zeros(int(mixed.sum())) if mixed.any() else None,
                  bounds=[(-1, 1)] * len(cols), method="highs")
    if res.status != 0:
        return False
    b = res.x
    # The solver's answer checked in plain arithmetic: a direction that separates only to the
    # solver's tolerance does not count.
    margin = pure @ b
    scale = np.abs(U @ b).max()
    return bool(scale > 1e-6 and margin.min() >= -1e-9 * scale and np.abs(U[mixed] @ b).max(initial=0.0) <= 1e-9 * scale)


def _ridge_fit(y: np.ndarray, A: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, int]:
    """The exact minimum of ``-loglike / n + Σ alpha_j b_j² / 2`` and the Newton steps it took.

    The penalised likelihood is strictly concave in the penalised coefficients and has a
    maximum even on separated data, so Newton (step halved while it does not improve, which
    it rarely needs) reaches it to 1e-10 in about ten steps; statsmodels' own ridge
    (``GLM.fit_regularized(L1_wt=0)``) is a BFGS stopped at a gradient of 1e-5, seconds at
    100,000 rows and off in the 3rd decimal of some coefficients.
    """
    nobs, k = A.shape

    # Matrix-vector products by einsum, not BLAS: a threaded gemv on a tall, narrow matrix costs
    # 3-4 times the CPU when the cores are busy (measured on the 2-core server), for no gain.
    def objective(eta: np.ndarray, b: np.ndarray) -> float:
        return float(np.logaddexp(0.0, eta).sum() - np.einsum("i,i->", y, eta)) / nobs + float(alpha @ (b * b)) / 2

    b, eta = np.zeros(k), np.zeros(nobs)
    current = objective(eta, b)
    for it in range(1, _RIDGE_MAXITER + 1):
        p = expit(eta)
        Aw = A * np.sqrt(p * (1 - p))[:, None]
        hess = Aw.T @ Aw / nobs + np.diag(alpha)
        grad = np.einsum("ij,i->j", A, y - p) / nobs - alpha * b
        step = np.linalg.solve(hess, grad)
        d_eta = np.einsum("ij,j->i", A, step)
        t, trial = 1.0, objective(eta + d_eta, b + step)
        while trial > current + 1e-12 * abs(current) and t > 1e-4:
            t /= 2
            trial = objective(eta + t * d_eta, b + t * step)
        b, eta, current = b + t * step, eta + t * d_eta, trial
        if np.abs(t * step).max() < _RIDGE_TOL:
            break
    return b, it


def _fit(y: np.ndarray, X: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, str, str | None]:
    """Coefficients and their covariance; ``(params, cov, method, fallback reason)``.

    Separated outcomes (:func:`_separated`) go straight to the ridge ("separation"), as does a
    logit that would run out of Newton iterations (:func:`_newton_stalls`, "convergence"); any
    other design is fitted by statsmodels, with the ridge when that fit fails. The ridge's
    covariance is the inverse of the penalised likelihood's curvature at its minimum: its
    intervals and p-values are approximate (a note says so).
    """
    A = X.to_numpy(dtype=np.float64)
    if _separated(y, A):
        reason = "separation"
    elif _newton_stalls(y, A):
        reason = "convergence"
    else:
        reason = None
    if reason is None:
        # imported here: a separated book never needs statsmodels' models (~1 s to import cold)
        import statsmodels.api as sm
        from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationError, PerfectSeparationWarning

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", PerfectSeparationWarning)
                warnings.simplefilter("error", ConvergenceWarning)
                warnings.simplefilter("ignore", RuntimeWarning)
                res = sm.Logit(y, X).fit(disp=0, maxiter=NEWTON_MAXITER, method="newton")
            params, cov = np.asarray(res.params), np.asarray(res.cov_params())
            # quasi-separation shows up as exploding coefficients and standard errors
            if not (np.isfinite(params).all() and np.isfinite(cov).all()) \
                    or np.sqrt(np.clip(np.diag(cov), 0, None)).max() > 50:
                reason = "separation"
            else:
                return params, cov, "logit", None
        except (PerfectSeparationError, PerfectSeparationWarning):
            reason = "separation"
        except np.linalg.LinAlgError:
            reason = "singular"
        except ConvergenceWarning:
            reason = "convergence"
    alpha = np.full(X.shape[1], RIDGE_ALPHA)
    alpha[list(X.columns).index("const")] = 0.0
    params, _ = _ridge_fit(y, A, alpha)
    p = expit(A @ params)
    H = (A * (p * (1 - p))[:, None]).T @ A + len(y) * np.diag(alpha)
    cov = np.linalg.pinv(H)
    return params, cov, "ridge", reason


def _select_months(features: pd.DataFrame) -> tuple[list[str], str]:
    usable = features.loc[features["target"].notna(), "month"]
    months = sorted(str(m) for m in pd.unique(usable))
    if len(months) < 2:
        raise WarningError("warnings.error.model_history", n=len(months))
    return months[:-1], months[-1]


def fit_warning_model(
    panel: pd.DataFrame,
    buckets: Buckets = DEFAULT_BUCKETS,
    segments: tuple[str, ...] | list[str] | None = None,
    score_month: str | None = None,
    max_train_rows: int = MAX_TRAIN_ROWS,
    seed: int = 0,
) -> WarningModel:
    """Train on all month pairs but the latest, validate out of time on the latest, score a month.

    Long on purpose: the steps (select months, sample, fit with a ridge fallback, validate, score)
    share the fitted design and read as one procedure.

    Parameters
    ----------
    panel : DataFrame
        Canonical portfolio or its bucketed panel (all months).
    buckets : Buckets
        What "a worse bucket" means.
    segments : sequence of str, optional
        Segment columns to use as dummies (default those of :data:`MODEL_SEGMENTS` present).
    score_month : str, optional
        Month whose accounts get a probability (default the latest month).
    max_train_rows : int
        Above this, a reproducible random sample of training rows is used.
    seed : int

    Returns
    -------
    WarningModel

    Raises
    ------
    WarningError
        Fewer than two usable month pairs, or no (or only) events in the training rows.

    Examples
    --------
    >>> from data.sample.make_sample import generate_portfolio  # doctest: +SKIP
    >>> m = fit_warning_model(generate_portfolio(2000, 12))      # doctest: +SKIP
    >>> m.validation["auc"] > 0.5                                # doctest: +SKIP
    True
    """
    if not isinstance(max_train_rows, (int, np.integer)) or max_train_rows < 100:
        raise WarningError("warnings.error.threshold", name="max_train_rows", value=max_train_rows, expected="≥ 100")
    if not isinstance(panel, pd.DataFrame) or not len(panel):
        raise WarningError("warnings.error.no_data")
    segments = tuple(MODEL_SEGMENTS if segments is None else segments)
    features = model_features(panel, buckets)
    train_months, test_month = _select_months(features)
    months_all = [str(m) for m in features["month"].cat.categories]
    if score_month is None:
        score_month = months_all[-1]
    elif score_month not in months_all:
        raise WarningError("warnings.error.month", month=score_month, first=months_all[0], last=months_all[-1])

    has_target = features["target"].notna().to_numpy()
    train = features[has_target & features["month"].isin(train_months).to_numpy()]
    test = features[has_target & (features["month"] == test_month).to_numpy()]
    notes: list = []
    if len(train) > max_train_rows:
        train = train.sample(n=max_train_rows, random_state=seed)
        notes.append(("warnings.model.note.sampled", {"n": int(max_train_rows)}))
    y = train["target"].to_numpy()
    if y.sum() == 0 or y.sum() == len(y):
        raise WarningError("warnings.error.model_events")

    design = _Design(train, buckets, tuple(c for c in segments if c in features.columns))
    X = design.transform(train)
    meta = dict(zip([c for c in X.columns if c != "const"], design.meta))
    X, dropped = _drop_degenerate(X)
    if dropped:
        # the features' own descriptions, named in the reader's language when the notes are read
        notes.append(("warnings.model.note.dropped", {"features": tuple(meta.get(c, {"kind": c}) for c in dropped)}))
    params, cov, method, reason = _fit(y, X)
    if reason:
        notes.insert(0, ("warnings.model.note.regularised", {"reason": reason}))

    def predict(rows: pd.DataFrame) -> np.ndarray:
        Z = design.transform(rows)[list(X.columns)]
        return expit(Z.to_numpy() @ params)

    p_test = predict(test)
    y_test = test["target"].to_numpy()
    validation = {
        "auc": auc_score(y_test, p_test), "ks": ks_statistic(y_test, p_test),
        "n": int(len(test)), "events": int(y_test.sum()),
        "event_rate": float(y_test.mean()) if len(test) else float("nan"),
        "mean_predicted": float(p_test.mean()) if len(test) else float("nan"),
        "test_month": test_month, "test_to_month": shift_month(test_month, 1),
        "train_first": train_months[0], "train_last": train_months[-1],
        "n_train": int(len(train)), "train_events": int(y.sum()),
    }
    calibration = calibration_table(y_test, p_test) if len(test) else calibration_table([], [])

    se = np.sqrt(np.clip(np.diag(cov), 0, None))
    z = norm.ppf(0.975)
    rows = []
    for j, name in enumerate(X.columns):
        if name == "const":
            continue
        info = meta[name]
        b, s = params[j], se[j]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            p_val = float(2 * norm.sf(abs(b / s))) if s > 0 else float("nan")
        rows.append({"feature": name, **info, "coef": float(b), "odds_ratio": float(np.exp(b)),
                     "ci_low": float(np.exp(b - z * s)), "ci_high": float(np.exp(b + z * s)), "p_value": p_val})
    odds = pd.DataFrame(rows, columns=["feature", "kind", "column", "value", "base", "step", "coef", "odds_ratio",
                                       "ci_low", "ci_high", "p_value"])

    at = features[(features["month"] == score_month).to_numpy()]
    scorable = at["bucket_code"].to_numpy() < len(buckets) - 1
    probs = np.full(len(at), np.nan)
    if scorable.any():
        probs[scorable] = predict(at[scorable])
    scores = pd.Series(probs, index=pd.Index(np.asarray(at["account_id"].astype(str)), name="account_id"),
                       name="probability")
    return WarningModel(odds, validation, calibration, scores, score_month, method, notes)


def history_with_states(portfolio: pd.DataFrame, month: str, states: pd.DataFrame | None) -> pd.DataFrame:
    """The rows up to ``month`` with each row's bucket and next-month state attached (a new frame).

    A row's next month is in the history exactly when it is not after ``month``, so the rows of
    ``month`` itself get an unknown next state, as a book cut at ``month`` gives them; the model
    then never learns from what happened after the month it scores.

    Parameters
    ----------
    portfolio : DataFrame
        The account-month rows.
    month : str
        The last month of the history (``YYYY-MM``).
    states : DataFrame or None
        ``bucket``, ``next_bucket``, ``next_balance``, ``next_dpd`` of every row of ``portfolio``,
        in its row order (:meth:`analysis.core.Cubes.states_in_row_order`); ``None``: the rows as
        they are (the model derives the states itself).

    Examples
    --------
    >>> rows = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"]})
    >>> st = pd.DataFrame({"bucket": ["M0"] * 3, "next_bucket": ["M1", "M0", "M0"],
    ...                    "next_balance": [1.0, 2.0, 3.0], "next_dpd": [5, 0, 0]})
    >>> history_with_states(rows, "2024-02", st)["next_dpd"].tolist()
    [5, -1]
    """
    keep = (portfolio["month"] <= month).to_numpy()
    history = portfolio[keep]
    if states is None:
        return history
    last = (history["month"] == month).to_numpy()
    next_bucket = states["next_bucket"].array[keep].copy()
    next_bucket[last] = None
    return history.assign(
        bucket=states["bucket"].array[keep], next_bucket=next_bucket,
        next_balance=np.where(last, np.nan, states["next_balance"].to_numpy()[keep]),
        next_dpd=np.where(last, -1, states["next_dpd"].to_numpy()[keep]))


def feature_label(row: pd.Series | dict, lang: str, segment_names: dict[str, str] | None = None,
                  buckets: Buckets = DEFAULT_BUCKETS) -> str:
    """A feature's name in words, with its unit ("per 30 more days")."""
    kind = row["kind"]
    if kind == "bucket":
        value = buckets.label_of(row["value"], lang) if row["value"] in buckets.keys else row["value"]
        return translate("warnings.model.feature.bucket", lang, value=value)
    if kind == "segment":
        value = translate("warnings.model.other_level", lang) if row["value"] == "__other__" else row["value"]
        column = (segment_names or {}).get(row["column"], row["column"])
        return translate("warnings.model.feature.segment", lang, column=column, value=value, base=row["base"])
    if kind == "score":
        return translate("warnings.model.feature.score", lang, step=f"{row['step']:g}")
    return translate(f"warnings.model.feature.{kind}", lang)


def _dropped_label(row: dict, lang: str) -> str:
    """A dropped feature's name: its label, a segment column named as the upload names it."""
    if row.get("kind") == "segment":
        column = translate(f"precheck.field.{row['column']}", lang)
        names = {row["column"]: row["column"] if column.startswith("precheck.") else column}
        return feature_label(row, lang, names)
    if "kind" in row and f"warnings.model.feature.{row['kind']}" not in analysis_messages():
        return str(row["kind"])
    return feature_label(row, lang)


def feature_labels(odds_ratios: pd.DataFrame, lang: str, segment_names: dict[str, str] | None = None,
                   buckets: Buckets = DEFAULT_BUCKETS) -> list[str]:
    """:func:`feature_label` of every row of ``odds_ratios``, in order (the chart's and the table's names).

    Examples
    --------
    >>> feature_labels(pd.DataFrame([{"kind": "mob"}]), "en")
    ['Months on book (per 12 more months)']
    """
    return [feature_label(row, lang, segment_names, buckets) for _, row in odds_ratios.iterrows()]


def _ratio(x: float) -> str:
    """An odds ratio as people read it: 2 decimals, whole numbers when large, 2 significant digits when tiny."""
    if not np.isfinite(x):
        return "–"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.2f}" if x >= 0.01 else f"{x:.2g}"


def odds_ratio_words(odds_ratios: pd.DataFrame, lang: str, segment_names: dict[str, str] | None = None,
                     buckets: Buckets = DEFAULT_BUCKETS) -> list[str]:
    """Each odds ratio as a sentence a risk manager reads aloud, strongest effect first.

    Examples
    --------
    >>> t = pd.DataFrame([{"kind": "recent_delinquency", "odds_ratio": 1.5, "ci_low": 1.2, "ci_high": 1.9, "coef": 0.41}])
    >>> odds_ratio_words(t, "en")[0]
    'Overdue months in the last 6 (per extra month): multiplies the odds of worsening by 1.50 (95% CI 1.20–1.90), i.e. 50% higher.'
    """
    if not len(odds_ratios):
        return []
    order = odds_ratios.assign(_s=odds_ratios["coef"].abs()).sort_values("_s", ascending=False)
    out = []
    for _, row in order.iterrows():
        ratio = row["odds_ratio"]
        key = "warnings.model.words.times" if ratio >= 2 else (
            "warnings.model.words.up" if ratio >= 1 else "warnings.model.words.down")
        change = abs(ratio - 1)
        pct = f"{change:.1%}" if 0.99 < change < 1 else f"{change:.0%}"
        text = translate(key, lang, feature=feature_label(row, lang, segment_names, buckets), ratio=_ratio(ratio),
                         low=_ratio(row["ci_low"]), high=_ratio(row["ci_high"]), pct=pct)
        if row["ci_low"] <= 1 <= row["ci_high"]:
            text = text.rstrip("。.") + translate("warnings.model.words.unclear", lang) + ("。" if lang == "zh" else ".")
        out.append(text)
    return out


__all__ = [
    "WarningModel", "auc_score", "ks_statistic", "calibration_table", "model_features", "fit_warning_model",
    "feature_label", "feature_labels", "odds_ratio_words", "history_with_states", "MODEL_SEGMENTS",
]
