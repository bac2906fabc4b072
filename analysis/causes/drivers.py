"""What goes with delinquency when nobody wrote down why: segments, attributes, odds ratios.

All three views look at one month's book (default the latest) and the flag "30+ DPD" (DPD > 30,
configurable): each account that month is *bad* (30+) or *good*.

* :func:`segment_rates` compares each segment's rate with the rest of the book (two-proportion
  z-test, p-values Holm-adjusted for the number of segments, so a long list of branches does not
  "find" a difference by chance).
* :func:`information_value` ranks attributes by information value (IV) from weight of evidence
  (WoE) per bin; numbers are cut into quantile bins, categories kept as they are.
* :func:`logistic_drivers` fits a logistic regression (statsmodels) of the flag on chosen
  attributes and reports odds ratios with 95 % confidence intervals; :func:`explain_odds_ratios`
  writes them as sentences.

WoE convention (Siddiqi): ``WoE = ln(%good / %bad)``, so a negative WoE marks a riskier bin;
``IV = Σ (%good − %bad) · WoE``. A bin with no good or no bad accounts gets 0.5 in the empty
cell so its WoE stays finite (the usual adjustment).
"""
from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.causes.dictionary import CausesError
from analysis.core.i18n import translate
from analysis.core.schema import segment_columns

#: Numeric attributes the drivers view considers when the portfolio has them. Amounts that are
#: the delinquency itself (overdue_amount, due/paid amounts) are left out: they would "explain"
#: the flag by definition.
NUMERIC_ATTRIBUTES = ("credit_limit", "score", "interest_rate", "balance", "utilisation", "months_on_book")

#: IV rule of thumb (Siddiqi): < 0.02 useless, 0.02-0.1 weak, 0.1-0.3 medium, 0.3-0.5 strong,
#: > 0.5 suspiciously strong (check for leakage).
IV_STRENGTH = ((0.02, "useless"), (0.1, "weak"), (0.3, "medium"), (0.5, "strong"), (math.inf, "suspicious"))

MAX_LEVELS = 12
#: Levels of a category with fewer bad (or good) accounts than this are pooled in the regression.
MIN_EVENTS = 5


#: Errors the user can act on (``message(lang)``); defined with the causes analysis.
DriversError = CausesError


def _check_month(month: str | None) -> None:
    if month is not None and (not isinstance(month, str) or not re.fullmatch(r"\d{4}-\d{2}", month)):
        raise DriversError("causes.error.month_format", month=str(month))


def driver_frame(panel: pd.DataFrame, month: str | None = None, min_dpd: int = 31) -> pd.DataFrame:
    """One month's accounts with their attributes and the flag ``bad`` (DPD ≥ ``min_dpd``).

    Adds ``utilisation`` (balance / credit limit) when limits are known and ``months_on_book``
    when origination dates are.

    Parameters
    ----------
    panel : DataFrame
        Canonical portfolio or bucketed panel.
    month : str, optional
        ``YYYY-MM``; default the latest month.
    min_dpd : int
        DPD from which an account counts as bad (31 = "30+ DPD").

    Raises
    ------
    DriversError
        When the month is malformed or not in the data, or ``min_dpd`` < 1.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["a", "b"], "month": ["2024-01"] * 2,
    ...                    "days_past_due": [0, 45], "balance": [1.0, 2.0]})
    >>> driver_frame(df)["bad"].tolist()
    [False, True]
    """
    _check_month(month)
    if int(min_dpd) < 1:
        raise DriversError("causes.error.min_dpd")
    if not len(panel):
        raise DriversError("causes.error.no_rows")
    months = panel["month"].unique()
    month = month or max(months)
    if month not in set(months):
        raise DriversError("causes.error.month_missing", month=month)
    rows = panel[panel["month"] == month]
    keep = ["account_id", "month", "days_past_due", "balance", *segment_columns(panel)]
    keep += [c for c in ("credit_limit", "score", "interest_rate", "origination_date", "snapshot_date")
             if c in panel.columns]
    out = rows[list(dict.fromkeys(keep))]
    extra: dict[str, object] = {"bad": rows["days_past_due"].to_numpy() >= int(min_dpd)}
    if "credit_limit" in out.columns:
        limit = out["credit_limit"].to_numpy(dtype=np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            extra["utilisation"] = np.where(limit > 0, out["balance"].to_numpy(dtype=np.float64) / limit, np.nan)
    if "origination_date" in out.columns and "snapshot_date" in out.columns:
        start = pd.to_datetime(out["origination_date"])
        end = pd.to_datetime(out["snapshot_date"])
        mob = (end.dt.year - start.dt.year) * 12 + (end.dt.month - start.dt.month)
        extra["months_on_book"] = mob.astype("Float64").astype(np.float64)
    return out.assign(**extra).drop(columns=[c for c in ("origination_date", "snapshot_date") if c in out.columns]
                                   ).reset_index(drop=True)


def candidate_attributes(frame: pd.DataFrame) -> list[str]:
    """Attributes the drivers view can use: segment columns, then known numeric ones with data.

    Examples
    --------
    >>> df = pd.DataFrame({"region": pd.Categorical(["N", "S"]), "score": [600.0, 700.0], "bad": [True, False]})
    >>> candidate_attributes(df)
    ['region', 'score']
    """
    segs = [c for c in segment_columns(frame) if frame[c].nunique(dropna=True) > 1]
    nums = [c for c in NUMERIC_ATTRIBUTES
            if c in frame.columns and frame[c].notna().any() and frame[c].nunique(dropna=True) > 1]
    return segs + nums


def _bad(frame: pd.DataFrame) -> np.ndarray:
    if "bad" not in frame.columns:
        raise DriversError("causes.error.no_flag")
    return frame["bad"].to_numpy(dtype=bool)


def _check_attribute(frame: pd.DataFrame, attribute: str) -> None:
    if attribute not in frame.columns or attribute == "bad":
        raise DriversError("causes.error.no_attribute", attribute=str(attribute))


def _segment_codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Per row the position of its segment's text (missing as "—") in the sorted texts, and the texts."""
    codes, names = _text_codes(values, "—")
    rank = np.argsort(np.argsort(np.array(names, dtype=object), kind="stable"))
    return rank[codes], sorted(names)


def segment_rates(frame: pd.DataFrame, by: str, alpha: float = 0.05) -> pd.DataFrame:
    """Each segment's bad rate against the rest of the book, with a two-proportion z-test.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`driver_frame`.
    by : str
        Segment column.
    alpha : float
        Significance level applied to the Holm-adjusted p-values.

    Returns
    -------
    DataFrame
        ``segment``, ``count``, ``bad``, ``rate`` (by count), ``balance``, ``bad_balance``,
        ``balance_rate``, ``book_rate`` (whole book, by count), ``diff`` (rate − book rate),
        ``p_value`` (segment vs the rest), ``p_adjusted`` (Holm), ``significant`` and
        ``direction`` (``"higher"``, ``"lower"`` or ``"similar"``); riskiest first.

    Examples
    --------
    >>> df = pd.DataFrame({"region": ["N"] * 50 + ["S"] * 50, "balance": 1.0,
    ...                    "bad": [True] * 25 + [False] * 25 + [True] * 2 + [False] * 48})
    >>> segment_rates(df, "region")[["segment", "direction"]].values.tolist()
    [['N', 'higher'], ['S', 'lower']]
    """
    if not 0 < alpha < 1:
        raise DriversError("causes.error.alpha")
    _check_attribute(frame, by)
    bad = _bad(frame)
    bal = frame["balance"].to_numpy(dtype=np.float64)
    codes, names = _segment_codes(frame[by])
    work = pd.DataFrame({"segment": codes, "bad": bad.astype(np.int64), "balance": bal,
                         "bad_balance": np.where(bad, bal, 0.0)})
    grouped = work.groupby("segment", sort=True)
    out = pd.DataFrame({"count": grouped.size().astype(np.int64), "bad": grouped["bad"].sum().astype(np.int64),
                        "balance": grouped["balance"].sum(), "bad_balance": grouped["bad_balance"].sum()}).reset_index()
    out["segment"] = pd.Series(np.array(names, dtype=object)[out["segment"].to_numpy()], dtype="str")
    n_all, x_all = int(out["count"].sum()), int(out["bad"].sum())
    n1, x1 = out["count"].to_numpy(np.float64), out["bad"].to_numpy(np.float64)
    n2, x2 = n_all - n1, x_all - x1
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = x1 / n1, np.where(n2 > 0, x2 / n2, np.nan)
        pooled = x_all / n_all if n_all else np.nan
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = np.where(se > 0, (p1 - p2) / se, 0.0)
        from scipy import stats  # 1.4 s to import: not at module level (every CLI command imports this module)

        pv = np.where(n2 > 0, 2 * stats.norm.sf(np.abs(z)), np.nan)
        out["rate"] = p1
        out["balance_rate"] = np.where(out["balance"] > 0, out["bad_balance"] / out["balance"], np.nan)
    out["book_rate"] = pooled
    out["diff"] = out["rate"] - pooled
    out["p_value"] = pv
    out["p_adjusted"] = _holm(pv)
    out["significant"] = out["p_adjusted"] < alpha
    out["direction"] = np.where(~out["significant"], "similar", np.where(out["diff"] > 0, "higher", "lower"))
    cols = ["segment", "count", "bad", "rate", "balance", "bad_balance", "balance_rate", "book_rate", "diff",
            "p_value", "p_adjusted", "significant", "direction"]
    return out[cols].sort_values(["rate", "count"], ascending=[False, False], kind="stable").reset_index(drop=True)


def _holm(p: np.ndarray) -> np.ndarray:
    p = np.asarray(p, dtype=np.float64)
    ok = ~np.isnan(p)
    out = np.full(p.shape, np.nan)
    if ok.any():
        # Holm's step-down as statsmodels' multipletests(method="holm") computes it, step for
        # step (ties in the same order), without its gc.collect() (0.15-0.2 s on a large heap).
        pvals = p[ok]
        order = np.argsort(pvals)
        adjusted = np.maximum.accumulate(pvals[order] * np.arange(len(pvals), 0, -1))
        adjusted[adjusted > 1] = 1
        unsorted = np.empty_like(adjusted)
        unsorted[order] = adjusted
        out[ok] = unsorted
    return out


def segment_independence(frame: pd.DataFrame, by: str) -> dict[str, float]:
    """Chi-square test that the bad rate is the same in every segment.

    Returns
    -------
    dict
        ``chi2``, ``dof`` and ``p_value`` (NaN when there is one segment or no bad accounts).

    Examples
    --------
    >>> df = pd.DataFrame({"g": ["a"] * 10 + ["b"] * 10, "bad": [True] * 9 + [False] * 10 + [True]})
    >>> segment_independence(df, "g")["p_value"] < 0.01
    True
    """
    _check_attribute(frame, by)
    codes, names = _segment_codes(frame[by])
    bad = _bad(frame)
    # The segment × (good, bad) counts, segments and columns as they occur.
    table = np.stack([np.bincount(codes[~bad], minlength=len(names)), np.bincount(codes[bad], minlength=len(names))],
                     axis=1)[np.flatnonzero(np.bincount(codes, minlength=len(names)))]
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return {"chi2": float("nan"), "dof": 0.0, "p_value": float("nan")}
    from scipy import stats

    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    return {"chi2": float(chi2), "dof": float(dof), "p_value": float(p)}


def _is_numeric(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def _numeric_view(s: pd.Series) -> pd.Series:
    """A kept column such as AGE arrives as a category of numbers: with many levels it is a number."""
    if _is_numeric(s):
        return s
    if s.nunique(dropna=True) <= MAX_LEVELS:
        return s
    # Each distinct value read once (with a missing row when there is one, as the column reads).
    codes, _ = pd.factorize(s, use_na_sentinel=True)
    first = np.unique(codes, return_index=True)[1]
    numbers = pd.to_numeric(s.iloc[first].astype("string"), errors="coerce").astype(np.float64).to_numpy()
    values = numbers[codes + 1] if len(codes) and codes.min() < 0 else numbers[codes]
    if np.count_nonzero(~np.isnan(values)) >= 0.95 * s.notna().sum() > 0:
        return pd.Series(values, index=s.index, name=s.name)
    return s


def _fmt_edge(x: float) -> str:
    if not np.isfinite(x):
        return "∞" if x > 0 else "-∞"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.4g}"


def _bin_names(inner: np.ndarray) -> list[str]:
    # Edges that differ below the display precision (24,275.5 and 24,276 both read "24,276")
    # would give two bins one name: show more decimals until every name is its own.
    for decimals in (None, 1, 2, 3, 4, 6):
        fmt = _fmt_edge if decimals is None else (lambda v, d=decimals: f"{v:,.{d}f}")
        names = [f"≤ {fmt(inner[0])}"]
        names += [f"{fmt(a)} – {fmt(b)}" for a, b in zip(inner[:-1], inner[1:])]
        names += [f"> {fmt(inner[-1])}"]
        if len(set(names)) == len(names):
            return names
    return [f"{name} ({i + 1})" for i, name in enumerate(names)]


def _text_codes(values: pd.Series, fill: str) -> tuple[np.ndarray, list[str]]:
    """Per row the number of its text (``values.astype("string")``, missing as ``fill``), and the
    texts. Only one row per distinct value (and one missing row, which can change how numbers in
    a category read) is turned into text, not every row."""
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    first = np.unique(codes, return_index=True)[1]  # sorted codes: -1 (missing) first when present
    texts = values.iloc[first].astype("string").fillna(fill).tolist()
    # Two values may read the same (1 and "1"), or as the filler itself: one number per text.
    label, names = pd.factorize(np.array(texts, dtype=object))
    if len(codes) and codes.min() >= 0:
        return label[codes], [str(n) for n in names]
    return label[codes + 1], [str(n) for n in names]  # -1 reads the first text, the missing row's


def _bin_codes(values: pd.Series, bins: int) -> tuple[np.ndarray, list[str], bool]:
    """:func:`attribute_bins` as numbers: per row its bin's position in the names, the names, and
    whether the names are in display order (numbers: low to high, then missing) or are to be
    sorted (categories)."""
    if int(bins) < 2:
        raise DriversError("causes.error.bins")
    values = _numeric_view(values)
    if _is_numeric(values):
        x = values.astype("Float64").astype(np.float64).to_numpy()
        finite = np.isfinite(x)
        edges = np.unique(np.quantile(x[finite], np.linspace(0, 1, int(bins) + 1))) if finite.any() else np.array([])
        inner = edges[1:-1]
        if len(inner) == 0:
            return np.where(finite, 0, 1), ["all", "missing"], True
        names = _bin_names(inner)
        idx = np.minimum(np.searchsorted(inner, x, side="left"), len(names) - 1)
        return np.where(finite, idx, len(names)), names + ["missing"], True
    codes, names = _text_codes(values, "missing")
    counts = np.bincount(codes, minlength=len(names))
    if np.count_nonzero(counts) < MAX_LEVELS:
        return codes, names, False
    ranked = np.sort(counts)[::-1]
    if ranked[MAX_LEVELS - 2] == ranked[MAX_LEVELS - 1]:
        # A tie at the cut: which of the tied categories keeps its own bin is the order
        # value_counts lists them in; ask it.
        text = values.astype("string").fillna("missing")
        top = text.value_counts().index[: MAX_LEVELS - 1]
        codes, uniques = pd.factorize(text.where(text.isin(top), "(other)"))
        return codes, [str(u) for u in uniques], False
    keep = counts > ranked[MAX_LEVELS - 1]  # the 11 most frequent
    folded = np.array([n if k else "(other)" for n, k in zip(names, keep)], dtype=object)
    label, merged = pd.factorize(folded)
    return label[codes], [str(n) for n in merged], False


def attribute_bins(values: pd.Series, bins: int = 5) -> pd.Series:
    """Bin labels for an attribute: quantile bins for numbers, the values themselves for categories.

    Missing values get the bin ``"missing"``; categories beyond the 11 most frequent are
    folded into ``"(other)"``.

    Examples
    --------
    >>> attribute_bins(pd.Series([1.0, 2.0, 3.0, 4.0, None]), bins=2).tolist()
    ['≤ 2.5', '≤ 2.5', '> 2.5', '> 2.5', 'missing']
    """
    codes, names, in_order = _bin_codes(values, bins)
    labels = np.array(names, dtype=object)[codes]
    if not in_order:  # categories: their texts, under the column's name
        return pd.Series(labels, index=values.index, dtype="string", name=values.name)
    if names == ["all", "missing"]:  # a number with one value
        return pd.Series(labels, index=values.index, dtype="string")
    return pd.Series(pd.Categorical.from_codes(codes, categories=names, ordered=True), index=values.index)


def woe_table(frame: pd.DataFrame, attribute: str, bins: int = 5) -> pd.DataFrame:
    """Weight of evidence and IV contribution per bin of one attribute.

    Returns
    -------
    DataFrame
        ``bin``, ``count``, ``bad``, ``good``, ``bad_rate``, ``dist_good``, ``dist_bad``,
        ``woe`` and ``iv`` (the bin's contribution; they sum to the attribute's IV).

    Raises
    ------
    DriversError
        When the month has no bad or no good accounts (nothing to separate).

    Examples
    --------
    >>> df = pd.DataFrame({"g": ["a", "a", "a", "b", "b", "b"], "bad": [True, False, False, True, True, False]})
    >>> round(float(woe_table(df, "g")["iv"].sum()), 4)  # 2 · (1/3) · ln 2
    0.4621
    """
    _check_attribute(frame, attribute)
    bad = _bad(frame)
    if bad.all() or not bad.any():
        raise DriversError("causes.error.one_class")
    codes, names, in_order = _bin_codes(frame[attribute], bins)
    count = np.bincount(codes, minlength=len(names))
    n_bad = np.bincount(codes[bad], minlength=len(names))
    seen = np.flatnonzero(count)  # the bins with accounts, in display order or by name
    order = seen if in_order else np.array(sorted(seen, key=names.__getitem__), dtype=np.int64)
    out = pd.DataFrame({"bin": pd.Series([names[i] for i in order], dtype="str"),
                        "count": count[order].astype(np.int64), "bad": n_bad[order].astype(np.int64)})
    out["good"] = out["count"] - out["bad"]
    out["bad_rate"] = out["bad"] / out["count"]
    total_bad, total_good = out["bad"].sum(), out["good"].sum()
    # An empty cell would make WoE infinite; 0.5 in that cell is the usual adjustment.
    adj_bad = out["bad"].where(out["bad"] > 0, 0.5)
    adj_good = out["good"].where(out["good"] > 0, 0.5)
    out["dist_good"] = adj_good / total_good
    out["dist_bad"] = adj_bad / total_bad
    out["woe"] = np.log(out["dist_good"] / out["dist_bad"])
    out["iv"] = (out["dist_good"] - out["dist_bad"]) * out["woe"]
    return out


def iv_strength(iv: float) -> str:
    """``"useless"``, ``"weak"``, ``"medium"``, ``"strong"`` or ``"suspicious"`` (Siddiqi's bands).

    Examples
    --------
    >>> iv_strength(0.15)
    'medium'
    """
    for upper, name in IV_STRENGTH:
        if iv < upper:
            return name
    return "suspicious"


def information_value(frame: pd.DataFrame, attributes: list[str] | None = None, bins: int = 5) -> pd.DataFrame:
    """Rank attributes by information value.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`driver_frame`.
    attributes : list of str, optional
        Default :func:`candidate_attributes`.
    bins : int
        Quantile bins for numeric attributes.

    Returns
    -------
    DataFrame
        ``attribute``, ``iv``, ``strength``, ``bins`` (number of bins), ``riskiest_bin`` and
        ``riskiest_rate``; highest IV first.

    Examples
    --------
    >>> df = pd.DataFrame({"g": ["a", "a", "b", "b"], "h": ["x", "y", "x", "y"], "bad": [True, True, False, False]})
    >>> information_value(df, ["g", "h"])["attribute"].tolist()
    ['g', 'h']
    """
    attrs = candidate_attributes(frame) if attributes is None else list(attributes)
    if not attrs:
        raise DriversError("causes.error.no_attributes")
    rows = []
    for attr in attrs:
        table = woe_table(frame, attr, bins)
        worst = table.sort_values("bad_rate", ascending=False, kind="stable").iloc[0]
        iv = float(table["iv"].sum())
        rows.append({"attribute": attr, "iv": iv, "strength": iv_strength(iv), "bins": len(table),
                     "riskiest_bin": worst["bin"], "riskiest_rate": float(worst["bad_rate"])})
    out = pd.DataFrame(rows)
    return out.sort_values(["iv", "attribute"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --- logistic regression ------------------------------------------------------------------

@dataclass(frozen=True)
class LogitResult:
    """A fitted driver model, as tidy tables (the statsmodels object stays inside).

    Attributes
    ----------
    table : DataFrame
        ``attribute``, ``level`` (category level, or empty for numbers), ``reference`` (the
        level compared against), ``step`` (for numbers: the increase the odds ratio refers to),
        ``odds_ratio``, ``ci_low``, ``ci_high``, ``p_value``.
    n, events : int
        Accounts used and how many of them were bad.
    pseudo_r2 : float
        McFadden's pseudo R².
    sampled : bool
        True when a random sample of ``n`` accounts was used (large books).
    dropped : int
        Accounts left out for a missing numeric value.
    warning : str or None
        Message key when the fit is unreliable (perfect separation, no convergence).
    """

    table: pd.DataFrame
    n: int
    events: int
    pseudo_r2: float
    sampled: bool = False
    dropped: int = 0
    warning: str | None = None
    attributes: tuple[str, ...] = field(default_factory=tuple)


def _nice_step(sd: float) -> float:
    """A round step near one standard deviation (1, 2 or 5 × a power of ten)."""
    if not np.isfinite(sd) or sd <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(sd))
    for m in (1, 2, 5, 10):
        if sd <= m * power * 1.5:
            return float(m * power)
    return float(10 * power)


def logistic_drivers(
    frame: pd.DataFrame,
    attributes: list[str],
    max_rows: int = 200_000,
    seed: int = 0,
    standardise: bool = True,
) -> LogitResult:
    """Logistic regression of the bad flag on ``attributes``, as odds ratios with 95 % CIs.

    Categories enter as dummies against their most common level (levels beyond the 11 most
    common, and levels with fewer than :data:`MIN_EVENTS` bad or good accounts, are pooled into
    ``"(other)"`` so a thin level cannot separate perfectly; when even the pool is that thin it
    joins the reference level). Numbers enter per ``step``: a round number close to
    one standard deviation when ``standardise`` (so "each 50,000 more credit limit" rather than
    "each 1 元"), else 1.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`driver_frame`.
    attributes : list of str
        Attributes to include (at least one).
    max_rows : int
        Larger books are fitted on a random sample of this many accounts (seeded).
    seed : int
        Seed of that sample.
    standardise : bool
        Express numeric odds ratios per round standard-deviation step.

    Raises
    ------
    DriversError
        When no attribute is given, one is unknown, or the data has only good or only bad accounts.

    Examples
    --------
    >>> df = pd.DataFrame({"g": pd.Categorical(["a"] * 40 + ["b"] * 40),
    ...                    "bad": [True] * 10 + [False] * 30 + [True] * 20 + [False] * 20})
    >>> round(float(logistic_drivers(df, ["g"]).table["odds_ratio"].iloc[0]), 4)  # (20/20) / (10/30)
    3.0
    """
    attrs = list(dict.fromkeys(attributes or []))
    if not attrs:
        raise DriversError("causes.error.no_attributes")
    for attr in attrs:
        _check_attribute(frame, attr)
    if int(max_rows) < 100:
        raise DriversError("causes.error.max_rows")
    work, numeric, dropped, sampled = _model_rows(frame, attrs, int(max_rows), seed)
    y = work["bad"].to_numpy(dtype=np.float64)
    if y.sum() == 0 or y.sum() == len(y):
        raise DriversError("causes.error.one_class")
    columns: dict[str, np.ndarray] = {}
    meta: list[dict] = []
    for a in attrs:
        design = _numeric_column(work[a], a, standardise) if a in numeric else _level_columns(work[a], a, y)
        for col, (values, row) in design.items():
            columns[col] = values
            meta.append(row)
    if not columns:
        raise DriversError("causes.error.no_variation")
    fit, warning = _fit_logit(y, pd.DataFrame(columns))
    return LogitResult(table=_odds_table(fit, meta), n=len(y), events=int(y.sum()), pseudo_r2=float(fit.prsquared),
                       sampled=sampled, dropped=dropped, warning=warning, attributes=tuple(attrs))


def _model_rows(frame: pd.DataFrame, attrs: list[str], max_rows: int, seed: int
                ) -> tuple[pd.DataFrame, list[str], int, bool]:
    """The rows the model sees: numbers read as numbers, rows missing one left out, large books sampled."""
    work = frame[attrs + ["bad"]]
    work = work.assign(**{a: _numeric_view(work[a]) for a in attrs})
    numeric = [a for a in attrs if _is_numeric(work[a])]
    keep = np.ones(len(work), dtype=bool)
    for a in numeric:
        keep &= np.isfinite(work[a].to_numpy(dtype=np.float64, na_value=np.nan))
    dropped = int((~keep).sum())
    work = work[keep]
    sampled = len(work) > max_rows
    if sampled:
        work = work.sample(n=max_rows, random_state=seed)
    return work, numeric, dropped, sampled


def _numeric_column(values: pd.Series, attr: str, standardise: bool) -> dict[str, tuple[np.ndarray, dict]]:
    """A number per round step (none when it does not vary)."""
    x = values.astype(np.float64).to_numpy()
    step = _nice_step(float(np.std(x))) if standardise else 1.0
    if np.std(x) == 0:
        return {}
    return {attr: (x / step, {"attribute": attr, "level": "", "reference": "", "step": step, "col": attr})}


def _level_columns(values: pd.Series, attr: str, y: np.ndarray) -> dict[str, tuple[np.ndarray, dict]]:
    """A category as dummies against its most common level, thin levels pooled into ``"(other)"``."""
    text = values.astype("string").fillna("missing")
    top = text.value_counts().index[: MAX_LEVELS - 1]
    text = text.where(text.isin(top), "(other)")
    # A level with (almost) no bad or no good accounts separates perfectly and its odds
    # ratio runs off to 0 or infinity; such thin levels are pooled into "(other)".
    events = pd.crosstab(text, y > 0.5)
    thin = [lvl for lvl in events.index
            if min(events.loc[lvl].get(True, 0), events.loc[lvl].get(False, 0)) < MIN_EVENTS]
    if thin and len(thin) < len(events):
        text = text.where(~text.isin(thin), "(other)")
        pooled = text == "(other)"
        if min(int((y[pooled.to_numpy()] > 0.5).sum()), int((y[pooled.to_numpy()] <= 0.5).sum())) < MIN_EVENTS:
            # Still too thin on its own: it joins the reference level instead.
            text = text.where(~pooled, text[~pooled].value_counts().index[0])
    counts = text.value_counts()
    if len(counts) < 2:
        return {}
    ref = str(counts.index[0])
    return {f"{attr}={level}": ((text == level).to_numpy(dtype=np.float64),
                                {"attribute": attr, "level": level, "reference": ref, "step": np.nan,
                                 "col": f"{attr}={level}"})
            for level in sorted(map(str, counts.index)) if level != ref}


def _fit_logit(y: np.ndarray, columns: pd.DataFrame):
    """The statsmodels fit, and the message key of what makes it unreliable (or ``None``)."""
    # statsmodels is optional and slow to import: only a model fit needs it.
    import statsmodels.api as sm

    X = sm.add_constant(columns, has_constant="add")
    warning = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fit = sm.Logit(y, X.to_numpy()).fit(disp=0, maxiter=200, method="newton")
        except np.linalg.LinAlgError:
            fit = sm.Logit(y, X.to_numpy()).fit(disp=0, maxiter=200, method="bfgs")
            warning = "causes.drivers.warn_singular"
    names = {w.category.__name__ for w in caught}
    if "PerfectSeparationWarning" in names:
        warning = "causes.drivers.warn_separation"
    elif not fit.mle_retvals.get("converged", True) or "ConvergenceWarning" in names:
        warning = warning or "causes.drivers.warn_convergence"
    params, bse = np.asarray(fit.params), np.asarray(fit.bse)
    if np.any(~np.isfinite(bse[1:])) or np.any(np.abs(params[1:]) > 15):
        warning = warning or "causes.drivers.warn_separation"
    return fit, warning


def _odds_table(fit, meta: list[dict]) -> pd.DataFrame:
    """Odds ratios with 95 % intervals and p-values, one row per model column (the constant left out)."""
    params, bse, pvalues = np.asarray(fit.params), np.asarray(fit.bse), np.asarray(fit.pvalues)
    from scipy import stats

    z = stats.norm.ppf(0.975)
    rows = []
    with np.errstate(over="ignore", invalid="ignore"):
        for i, m in enumerate(meta, start=1):
            rows.append({
                "attribute": m["attribute"], "level": m["level"], "reference": m["reference"], "step": m["step"],
                "odds_ratio": float(np.exp(params[i])),
                "ci_low": float(np.exp(params[i] - z * bse[i])), "ci_high": float(np.exp(params[i] + z * bse[i])),
                "p_value": float(pvalues[i]),
            })
    return pd.DataFrame(rows, columns=["attribute", "level", "reference", "step", "odds_ratio", "ci_low",
                                       "ci_high", "p_value"])


def explain_odds_ratios(result: LogitResult, lang: str, names: dict[str, str] | None = None,
                        threshold_days: int = 30) -> list[str]:
    """The odds ratios in plain words, one sentence per row, strongest effects first.

    Parameters
    ----------
    result : LogitResult
    lang : {"zh", "en"}
    names : dict, optional
        Display names of attributes (column → label).
    threshold_days : int
        The DPD the flag stands for (30 → "30+ DPD").

    Examples
    --------
    >>> df = pd.DataFrame({"g": pd.Categorical(["a"] * 40 + ["b"] * 40),
    ...                    "bad": [True] * 10 + [False] * 30 + [True] * 20 + [False] * 20})
    >>> explain_odds_ratios(logistic_drivers(df, ["g"]), "en")[0][:40]
    'g = b: the odds of being 30+ DPD are 3.0'
    """
    if lang not in ("zh", "en"):
        raise DriversError("causes.error.lang")
    names = names or {}
    table = result.table.assign(strength=np.abs(np.log(result.table["odds_ratio"].clip(lower=1e-12))))
    table = table.sort_values("strength", ascending=False, kind="stable")
    out = []
    for row in table.itertuples(index=False):
        name = names.get(row.attribute, row.attribute)
        clear_up, clear_down = row.ci_low > 1, row.ci_high < 1
        params = {"name": name, "level": _level(row.level, lang), "reference": _level(row.reference, lang),
                  "odds": f"{row.odds_ratio:.2f}",
                  "low": f"{row.ci_low:.2f}", "high": f"{row.ci_high:.2f}", "days": threshold_days,
                  "pct": f"{abs(row.odds_ratio - 1) * 100:.0f}",
                  "step": _fmt_step(row.step)}
        kind = "num" if row.level == "" else "cat"
        verdict = "up" if clear_up else ("down" if clear_down else "none")
        if not (np.isfinite(row.ci_low) and np.isfinite(row.ci_high) and np.isfinite(row.odds_ratio)):
            verdict = "unknown"  # no interval (too few accounts, or separation): no verdict either
        out.append(translate(f"causes.drivers.explain_{kind}_{verdict}", lang, **params))
    return out


def _level(level: str, lang: str) -> str:
    """Display text of the pooled levels the analysis itself creates."""
    if level in ("(other)", "missing"):
        return translate("causes.level.other" if level == "(other)" else "causes.level.missing", lang)
    return level


def _fmt_step(step: float) -> str:
    if step is None or not np.isfinite(step):
        return ""
    return f"{step:,.0f}" if step >= 1 else f"{step:g}"
