"""Account-level PD: bucket × score band × utilisation band, shrunk toward the bucket PD.

The bucket PD (:mod:`analysis.whatif.pd`) prices every Current account alike, so a raise aimed at
low-utilisation, high-score accounts is priced at the Current average. Here each account gets the
observed 12-month default rate of its **cell** — its bucket, its score band and its utilisation
band at the time — from the book's own complete windows, with credibility shrinkage toward the
bucket PD where a cell is thin:

``pd = w × cell rate + (1 − w) × bucket PD``, ``w = n / (n + k)``

where ``n`` is the number of complete 12-month windows observed in the cell and ``k`` is
:data:`CREDIBILITY_K` (100): a cell with 100 windows gets half its own rate and half the bucket's.
At a 5 % default rate a rate measured on 100 windows has a standard error of about 2.2 points,
about the spread between cells of one bucket, so below that the bucket is the better guess and
above it the cell (Bühlmann credibility with the binomial variance as the within-cell noise).

A **floor** of :data:`PD_FLOOR` (0.03 %) applies to every PD that is not already default: the
Basel II IRB floor for corporate and retail PDs (Basel II ¶285 and ¶331; CRR Art. 160(1) and
163(1)). A book where no Current account defaulted in the window would otherwise price raises at
zero loss. The Basel III final reforms (2017, CRE32/CRE36) raise the floor to 0.05 % (0.10 % for
revolving QRRE); the floor is editable for that reason.

Columns a book lacks drop out of the cell: without ``score`` the cells are bucket ×
utilisation; without credit limits, bucket × score; with neither, the bucket PD itself.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.core.buckets import Buckets, bucket_codes
from analysis.whatif.pd import absorbing_keys, window_outcomes
from analysis.whatif.policy import DEFAULT_DPD, PD_FLOOR, PolicyError

#: Credibility constant k of ``w = n / (n + k)`` (windows observed in a cell); see the module text.
CREDIBILITY_K = 100.0
#: Utilisation band edges (balance ÷ limit): < 30 %, 30–70 %, 70–100 %, over the limit.
UTIL_EDGES = (0.3, 0.7, 1.0)
#: Number of score bands (equal-count bands of the scores in the estimation windows).
SCORE_BANDS = 3
HORIZON = 12
_NA = -1


def _util_band(balance: np.ndarray, limit: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        util = np.where(limit > 0, balance / limit, np.nan)
    band = np.searchsorted(np.asarray(UTIL_EDGES), util, side="right")
    return np.where(np.isnan(util), _NA, band).astype(np.int64)


def _score_band(score: np.ndarray, edges: np.ndarray) -> np.ndarray:
    band = np.searchsorted(edges, score, side="right")
    return np.where(np.isnan(score), _NA, band).astype(np.int64)


def _cell_counts(bucket: np.ndarray, score_band: np.ndarray, util_band: np.ndarray, bad: np.ndarray) -> pd.DataFrame:
    """Windows and defaults per (bucket, score band, utilisation band) present, in that order:
    one count over a combined cell number (bands from -1, so each shifted by one)."""
    if not len(bucket):
        return pd.DataFrame({c: np.zeros(0, dtype=np.int64) for c in ("bucket", "score_band", "util_band", "n", "bad")})
    n_s, n_u = int(score_band.max()) + 2, int(util_band.max()) + 2
    cell = (bucket * n_s + (score_band + 1)) * n_u + (util_band + 1)
    n = np.bincount(cell)
    hit = np.flatnonzero(n)
    defaults = np.bincount(cell, weights=bad, minlength=len(n))[hit]
    return pd.DataFrame({"bucket": hit // (n_s * n_u), "score_band": hit // n_u % n_s - 1, "util_band": hit % n_u - 1,
                         "n": n[hit].astype(np.int64), "bad": defaults.astype(np.int64)})


def cell_outcomes(panel: pd.DataFrame, buckets: Buckets, horizon: int = HORIZON,
                  default_dpd: int = DEFAULT_DPD, outcomes: tuple[np.ndarray, np.ndarray] | None = None,
                  index=None) -> pd.DataFrame:
    """Complete-window counts and defaults per cell (bucket × score band × utilisation band).

    Parameters
    ----------
    panel : DataFrame
        Account rows (``account_id``, ``month``, ``days_past_due``, ``balance``; ``score`` and
        ``credit_limit`` when the book has them).
    buckets : Buckets
    horizon : int
        Months of the default window (12).
    default_dpd : int
    outcomes : tuple of arrays, optional
        :func:`analysis.whatif.pd.window_outcomes` of ``panel`` with the same ``horizon`` and
        ``default_dpd``, when the caller already has it (the bucket PDs read the same windows).
    index : RowIndex, optional
        The panel's row index when the caller keeps one
        (:func:`analysis.whatif.policy.panel_codes`): its months are not read from the rows again.

    Returns
    -------
    DataFrame
        ``bucket`` (code), ``score_band``, ``util_band`` (-1 = not known / not used), ``n``
        (complete windows), ``bad`` (reached default). ``attrs`` holds ``score_edges``,
        ``uses_score``, ``uses_util``, ``from_month`` and ``to_month`` (months read).

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS
    >>> df = pd.DataFrame({"account_id": list("aabb"), "month": ["2024-01", "2024-02"] * 2,
    ...                    "days_past_due": [0, 95, 0, 0], "balance": [10.0, 10.0, 90.0, 90.0],
    ...                    "credit_limit": [100.0] * 4})
    >>> cell_outcomes(df, DEFAULT_BUCKETS, horizon=1)[["util_band", "n", "bad"]].values.tolist()
    [[0, 1, 1], [2, 1, 0]]
    """
    eligible, reached = window_outcomes(panel, horizon, default_dpd, index) if outcomes is None else outcomes
    # Only rows with a complete window count: their bands, not every row's.
    dpd = panel["days_past_due"].to_numpy(dtype=np.int64)[eligible]
    bcode = bucket_codes(dpd, buckets).astype(np.int64)
    uses_util = "credit_limit" in panel.columns and bool(panel["credit_limit"].notna().any())
    uses_score = "score" in panel.columns and bool(panel["score"].notna().any())
    if uses_util:
        ub = _util_band(panel["balance"].to_numpy(dtype=np.float64)[eligible],
                        panel["credit_limit"].to_numpy(dtype=np.float64, na_value=np.nan)[eligible])
    else:
        ub = np.full(len(dpd), _NA, dtype=np.int64)
    edges = np.zeros(0)
    if uses_score:
        score = panel["score"].to_numpy(dtype=np.float64, na_value=np.nan)[eligible]
        pool = score[~np.isnan(score)]
        if len(pool):
            edges = np.unique(np.quantile(pool, [i / SCORE_BANDS for i in range(1, SCORE_BANDS)]))
        sb = _score_band(score, edges)
    else:
        sb = np.full(len(dpd), _NA, dtype=np.int64)
    out = _cell_counts(bcode, sb, ub, reached[eligible])
    months = [str(m) for m in index.months] if index is not None else sorted(map(str, panel["month"].unique()))
    out.attrs.update(score_edges=[float(e) for e in edges], uses_score=uses_score, uses_util=uses_util,
                     from_month=months[0] if months else None, to_month=months[-1] if months else None,
                     horizon=int(horizon))
    return out


def account_pd(features: pd.DataFrame, cells: pd.DataFrame, bucket_pd: Mapping[str, float],
               buckets: Buckets, k: float = CREDIBILITY_K, floor: float = PD_FLOOR) -> np.ndarray:
    """PD per snapshot account: its cell's observed rate shrunk toward the bucket PD, floored.

    Parameters
    ----------
    features : DataFrame
        :func:`analysis.whatif.policy.snapshot_features` (``bucket``, ``balance``,
        ``credit_limit``, ``score`` when present).
    cells : DataFrame
        :func:`cell_outcomes` of the history.
    bucket_pd : mapping
        PD per bucket key (the shrinkage target; edited figures included).
    buckets : Buckets
    k : float
        Credibility constant, ≥ 0 (0 = the cell's own rate wherever it has a window).
    floor : float
        Lowest PD of an account not in default, in [0, 1).

    Returns
    -------
    ndarray
        One PD per row of ``features``; 1 in the default buckets.

    Examples
    --------
    >>> from analysis.core.buckets import custom_buckets
    >>> b = custom_buckets([90])
    >>> cells = pd.DataFrame({"bucket": [0], "score_band": [-1], "util_band": [0], "n": [100], "bad": [10]})
    >>> cells.attrs.update(score_edges=[], uses_score=False, uses_util=True)
    >>> f = pd.DataFrame({"bucket": pd.Categorical(["Current", "Current"], b.keys), "balance": [10.0, 90.0],
    ...                   "credit_limit": [100.0, 100.0]})
    >>> pds = {"Current": 0.02, "1-90": 0.3, "91+": 1.0}
    >>> account_pd(f, cells, pds, b).round(4).tolist()  # .5 × .1 + .5 × .02; no cell: the bucket's
    [0.06, 0.02]
    """
    if not (k >= 0) or not (0 <= floor < 1):
        raise PolicyError("whatif.err.account_pd_params", k=k, floor=floor)
    keys = list(buckets.keys)
    target = np.array([float(bucket_pd.get(key, np.nan)) for key in keys])
    codes = features["bucket"].cat.codes.to_numpy().astype(np.int64)
    base = np.where(codes >= 0, target[np.clip(codes, 0, None)], np.nan)
    if cells.attrs.get("uses_util"):
        ub = _util_band(features["balance"].to_numpy(dtype=np.float64),
                        features["credit_limit"].to_numpy(dtype=np.float64, na_value=np.nan))
    else:
        ub = np.full(len(features), _NA, dtype=np.int64)
    if cells.attrs.get("uses_score") and "score" in features.columns:
        sb = _score_band(features["score"].to_numpy(dtype=np.float64, na_value=np.nan),
                         np.asarray(cells.attrs.get("score_edges", []), dtype=np.float64))
    else:
        sb = np.full(len(features), _NA, dtype=np.int64)
    key = pd.MultiIndex.from_arrays([codes, sb, ub])
    table = cells.set_index(["bucket", "score_band", "util_band"])
    pos = table.index.get_indexer(key)
    n = np.where(pos >= 0, table["n"].to_numpy(dtype=np.float64)[np.clip(pos, 0, None)], 0.0)
    bad = np.where(pos >= 0, table["bad"].to_numpy(dtype=np.float64)[np.clip(pos, 0, None)], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(n > 0, bad / n, 0.0)
        w = np.where(n > 0, n / (n + k), 0.0)
    pd_ = w * rate + (1.0 - w) * base
    absorbing = np.isin(np.asarray(keys, dtype=object), absorbing_keys(buckets))
    in_default = (codes >= 0) & absorbing[np.clip(codes, 0, None)]
    return np.where(in_default, 1.0, np.clip(np.maximum(pd_, floor), 0.0, 1.0))


def with_account_pd(features: pd.DataFrame, cells: pd.DataFrame, bucket_pd: Mapping[str, float],
                    buckets: Buckets, k: float = CREDIBILITY_K, floor: float = PD_FLOOR) -> pd.DataFrame:
    """``features`` with an ``account_pd`` column (a new frame; the input is not changed)."""
    return features.assign(account_pd=account_pd(features, cells, bucket_pd, buckets, k=k, floor=floor))


def calibration_table(panel: pd.DataFrame, cells: pd.DataFrame, bucket_pd: Mapping[str, float],
                      buckets: Buckets, k: float = CREDIBILITY_K, floor: float = PD_FLOOR,
                      by: str = "util_band") -> pd.DataFrame:
    """Predicted vs observed 12-month default rate by bucket and band, on the past windows.

    Every complete window of the history is priced with the account-level model (its cell at
    the window's start) and compared with what happened. In-sample: the same windows estimated
    the cells, so it shows what shrinkage and the floor do, and how far cells spread around their
    bucket; an out-of-time check needs a longer book.

    Returns
    -------
    DataFrame
        One row per bucket not in default and band: ``bucket`` (key), ``band`` (``by``'s band code, -1 = not known), ``windows``,
        ``predicted`` (mean PD), ``observed`` (default rate), ``gap`` (predicted − observed).
    """
    if by not in ("util_band", "score_band"):
        raise PolicyError("whatif.err.calibration_by", value=by)
    keys = list(buckets.keys)
    # default buckets are priced at 1 by definition: nothing to calibrate there
    live = ~np.isin(np.asarray(keys, dtype=object)[cells["bucket"].to_numpy()], absorbing_keys(buckets))
    rows = cells[live].copy()
    target = np.array([float(bucket_pd.get(key, np.nan)) for key in keys])
    base = target[rows["bucket"].to_numpy()]
    n, bad = rows["n"].to_numpy(dtype=np.float64), rows["bad"].to_numpy(dtype=np.float64)
    w = n / (n + k)
    pred = w * (bad / n) + (1.0 - w) * base
    absorbing = np.isin(np.asarray(keys, dtype=object)[rows["bucket"].to_numpy()], absorbing_keys(buckets))
    rows["pd"] = np.where(absorbing, 1.0, np.clip(np.maximum(pred, floor), 0.0, 1.0))
    rows["pd_n"] = rows["pd"] * rows["n"]
    g = rows.groupby(["bucket", by], sort=True)[["n", "bad", "pd_n"]].sum().reset_index()
    out = pd.DataFrame({"bucket": [keys[c] for c in g["bucket"]], "band": g[by].to_numpy(),
                        "windows": g["n"].to_numpy(dtype=np.int64),
                        "predicted": g["pd_n"] / g["n"], "observed": g["bad"] / g["n"]})
    out["gap"] = out["predicted"] - out["observed"]
    return out


__all__ = ["CREDIBILITY_K", "HORIZON", "PD_FLOOR", "SCORE_BANDS", "UTIL_EDGES", "account_pd", "calibration_table",
           "cell_outcomes", "with_account_pd"]
