"""Regulatory views by DPD: five-tier loan classification (五级分类) and IFRS 9 stage.

Both work on ``Cubes.dpd()`` (:mod:`analysis.core`) (month × DPD value), so the user can edit the
thresholds and see the result at once, without touching the rows.

* Credit-card rule: 关注 1-90, 次级 91-120, 可疑 121-180, 损失 > 180 DPD.
* 2023 金融资产风险分类办法 floors: any overdue at least 关注, > 90 at least 次级, > 270 at least
  可疑, > 360 损失. They are *floors*: a bank may classify worse on other evidence; by DPD alone
  the floor is the class.
* IFRS 9 backstops: stage 1 ≤ 30 DPD, stage 2 31-90, stage 3 > 90 (a significant increase in
  credit risk and credit impairment may be found earlier on other evidence).

Thresholds are the *lower* DPD bound of 关注, 次级, 可疑 and 损失.

When the file holds the bank's own classification (``loan_class``, :meth:`analysis.core.Cubes.
classes`), that is the regulatory figure the bank reports: :func:`file_class_distribution` and
:func:`file_class_trend` show it, and :func:`class_comparison` / :func:`class_gaps` set it against
the class the DPD gives, so the reader sees where the bank classifies worse than the DPD floor
(allowed: other evidence) and where it classifies *better* (below the 2023 办法's floors: a red flag).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.aging.rates import AgingError, _check_columns, _check_measure, _check_month, _safe_div
from analysis.core.i18n import translate
from analysis.core.buckets import FIVE_TIER_2023, FIVE_TIER_CREDIT_CARD, FIVE_TIER_KEYS, five_tier_class
from analysis.core.vocabulary import five_tier_label

FIVE_TIER_PRESETS: dict[str, tuple[int, int, int, int]] = {
    "credit_card": FIVE_TIER_CREDIT_CARD,
    "floors_2023": FIVE_TIER_2023,
}
#: Classes counted as non-performing (不良): 次级 + 可疑 + 损失.
NPL_CLASSES = ("substandard", "doubtful", "loss")
IFRS9_DEFAULT = (31, 91)


def check_five_tier(thresholds) -> tuple[int, int, int, int]:
    """Four increasing whole-number lower bounds above 0, as a tuple.

    Raises
    ------
    AgingError
        Anything else.

    Examples
    --------
    >>> check_five_tier([1, 91, 121, 181])
    (1, 91, 121, 181)
    """
    try:
        values = tuple(int(v) for v in thresholds)
        whole = all(float(v) == int(v) for v in thresholds)
    except (TypeError, ValueError):
        raise AgingError("aging.error.thresholds", value=thresholds) from None
    if not whole or len(values) != 4 or values[0] < 1 or any(b <= a for a, b in zip(values, values[1:])):
        raise AgingError("aging.error.thresholds", value=list(thresholds))
    return values  # type: ignore[return-value]


def check_ifrs9(stage2_from: int, stage3_from: int) -> tuple[int, int]:
    """Validate the IFRS 9 backstops (``1 <= stage2_from < stage3_from``).

    Examples
    --------
    >>> check_ifrs9(31, 91)
    (31, 91)
    """
    try:
        s2, s3 = int(stage2_from), int(stage3_from)
    except (TypeError, ValueError):
        raise AgingError("aging.error.thresholds", value=[stage2_from, stage3_from]) from None
    if s2 < 1 or s3 <= s2:
        raise AgingError("aging.error.thresholds", value=[stage2_from, stage3_from])
    return s2, s3


def _ranges(lowers: tuple[int, ...]) -> list[str]:
    out = []
    for lo, nxt in zip(lowers, (*lowers[1:], None)):
        out.append(f"{lo}" if nxt == lo + 1 else (f"{lo}-{nxt - 1}" if nxt is not None else f"≥{lo}"))
    return out


def five_tier_distribution(dpd: pd.DataFrame, month: str,
                           thresholds=FIVE_TIER_CREDIT_CARD, lang: str = "en") -> pd.DataFrame:
    """Count and balance per five-tier class for a month, with shares and the DPD range of each.

    Parameters
    ----------
    dpd : DataFrame
        Output of ``Cubes.dpd()`` (:mod:`analysis.core`).
    month : str
    thresholds : sequence of 4 ints
        Lower DPD bounds of 关注, 次级, 可疑, 损失 (:data:`FIVE_TIER_PRESETS`).
    lang : str
        Language of the ``label`` column.

    Returns
    -------
    DataFrame
        ``tier, label, dpd_range, count, balance, count_share, balance_share``: always five rows.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> d = book_from_portfolio(pd.DataFrame({"account_id": list("abc"), "month": ["2024-01"] * 3,
    ...                            "days_past_due": [0, 100, 200], "balance": [7.0, 2.0, 1.0]})).cubes().dpd()
    >>> five_tier_distribution(d, "2024-01")["balance"].tolist()
    [7.0, 0.0, 2.0, 0.0, 1.0]
    """
    lowers = check_five_tier(thresholds)
    _check_month(dpd, month)
    rows = dpd[dpd["month"] == month]
    codes = np.asarray(five_tier_class(rows["days_past_due"].to_numpy(), lowers).codes, dtype=np.int64)
    count = np.bincount(codes, weights=rows["count"].to_numpy(dtype=float), minlength=5)
    bal = np.bincount(codes, weights=rows["balance"].to_numpy(dtype=float), minlength=5)
    return pd.DataFrame({
        "tier": pd.Categorical(FIVE_TIER_KEYS, categories=FIVE_TIER_KEYS, ordered=True),
        "label": [five_tier_label(k, lang) for k in FIVE_TIER_KEYS],
        "dpd_range": _ranges((0, *lowers)),
        "count": count.astype(np.int64), "balance": bal,
        "count_share": _safe_div(count, count.sum()), "balance_share": _safe_div(bal, bal.sum()),
    })


def five_tier_trend(dpd: pd.DataFrame, thresholds=FIVE_TIER_CREDIT_CARD,
                    measure: str = "balance") -> pd.DataFrame:
    """The non-performing ratio (不良率: 次级 + 可疑 + 损失) and 关注 share per month.

    Returns
    -------
    DataFrame
        ``month, npl, special_mention, total, npl_ratio, special_mention_ratio``.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> d = book_from_portfolio(pd.DataFrame({"account_id": list("ab"), "month": ["2024-01"] * 2,
    ...                            "days_past_due": [0, 100], "balance": [3.0, 1.0]})).cubes().dpd()
    >>> five_tier_trend(d)["npl_ratio"].tolist()
    [0.25]
    """
    lowers = check_five_tier(thresholds)
    _check_measure(measure)
    values = dpd["days_past_due"].to_numpy()
    amount = dpd[measure].to_numpy(dtype=float)
    work = pd.DataFrame({
        "month": dpd["month"].to_numpy(),
        "npl": np.where(values >= lowers[1], amount, 0.0),
        "special_mention": np.where((values >= lowers[0]) & (values < lowers[1]), amount, 0.0),
        "total": amount,
    })
    out = work.groupby("month", sort=True).sum().reset_index()
    out["npl_ratio"] = _safe_div(out["npl"], out["total"])
    out["special_mention_ratio"] = _safe_div(out["special_mention"], out["total"])
    return out


def ifrs9_distribution(dpd: pd.DataFrame, month: str, stage2_from: int = 31,
                       stage3_from: int = 91) -> pd.DataFrame:
    """Count and balance per IFRS 9 stage (by DPD backstops) for a month, with shares.

    Returns
    -------
    DataFrame
        ``stage, dpd_range, count, balance, count_share, balance_share``: always three rows.

    Examples
    --------
    >>> from analysis.core import book_from_portfolio
    >>> d = book_from_portfolio(pd.DataFrame({"account_id": list("abc"), "month": ["2024-01"] * 3,
    ...                            "days_past_due": [0, 31, 91], "balance": [5.0, 3.0, 2.0]})).cubes().dpd()
    >>> ifrs9_distribution(d, "2024-01")["balance_share"].tolist()
    [0.5, 0.3, 0.2]
    """
    s2, s3 = check_ifrs9(stage2_from, stage3_from)
    _check_month(dpd, month)
    rows = dpd[dpd["month"] == month]
    values = rows["days_past_due"].to_numpy()
    codes = np.where(values >= s3, 2, np.where(values >= s2, 1, 0))
    count = np.bincount(codes, weights=rows["count"].to_numpy(dtype=float), minlength=3)
    bal = np.bincount(codes, weights=rows["balance"].to_numpy(dtype=float), minlength=3)
    return pd.DataFrame({
        "stage": [1, 2, 3], "dpd_range": _ranges((0, s2, s3)),
        "count": count.astype(np.int64), "balance": bal,
        "count_share": _safe_div(count, count.sum()), "balance_share": _safe_div(bal, bal.sum()),
    })


# --- the bank's own classification ---------------------------------------------------------

#: The class of rows whose cell in the bank's classification column was not a class.
UNCLASSIFIED = "unclassified"
#: How the bank's class stands to the class its DPD gives: the same, worse than the DPD class (more
#: conservative, allowed on other evidence), better (below the DPD floor), or no class in the file.
RELATIONS = ("same", "worse", "better", "unclassified")
_CLASS_COLUMNS = ["month", "loan_class", "days_past_due", "count", "balance"]


def class_label(key: str, lang: str) -> str:
    """Display name of a class key, :data:`UNCLASSIFIED` included.

    Examples
    --------
    >>> class_label("doubtful", "zh"), class_label("unclassified", "en")
    ('可疑', 'Unclassified')
    """
    return translate("aging.chart.unclassified", lang) if key == UNCLASSIFIED else five_tier_label(key, lang)


def file_class_codes(loan_class: pd.Series) -> np.ndarray:
    """Each row's tier code as the file classifies it: 0 (正常) … 4 (损失), 5 for no class.

    Examples
    --------
    >>> file_class_codes(pd.Series(["loss", "normal", None])).tolist()
    [4, 0, 5]
    """
    codes = pd.Categorical(loan_class.astype("object"), categories=list(FIVE_TIER_KEYS)).codes
    return np.where(codes < 0, len(FIVE_TIER_KEYS), codes).astype(np.int64)


def _month_rows(classes: pd.DataFrame, month: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The month's rows of the class cube and each row's file tier code (5 = unclassified)."""
    _check_columns(classes, _CLASS_COLUMNS)
    _check_month(classes, month)
    rows = classes[(classes["month"] == month).to_numpy()]
    return rows, file_class_codes(rows["loan_class"])


def _shares(keys: list[str], count: np.ndarray, bal: np.ndarray, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "tier": keys, "label": [class_label(k, lang) for k in keys],
        "count": count.astype(np.int64), "balance": bal,
        "count_share": _safe_div(count, count.sum()), "balance_share": _safe_div(bal, bal.sum()),
    })


def file_class_distribution(classes: pd.DataFrame, month: str, lang: str = "en") -> pd.DataFrame:
    """Count and balance per class *as the file classifies* for a month, with shares of the book.

    Parameters
    ----------
    classes : DataFrame
        Output of ``Cubes.classes()`` (:mod:`analysis.core`).
    month : str
    lang : str
        Language of the ``label`` column.

    Returns
    -------
    DataFrame
        ``tier, label, count, balance, count_share, balance_share``: the five classes, best
        first, and an ``unclassified`` row when some rows of the month have no class (their
        balance is part of the book, so the shares are of the whole book).

    Examples
    --------
    >>> cube = pd.DataFrame({"month": ["2024-01"] * 3, "loan_class": ["normal", "substandard", "loss"],
    ...                      "days_past_due": [0, 10, 400], "count": [1, 1, 1], "balance": [6.0, 3.0, 1.0]})
    >>> file_class_distribution(cube, "2024-01")["balance_share"].tolist()
    [0.6, 0.0, 0.3, 0.0, 0.1]
    """
    rows, codes = _month_rows(classes, month)
    n = len(FIVE_TIER_KEYS) + 1
    count = np.bincount(codes, weights=rows["count"].to_numpy(dtype=float), minlength=n)
    bal = np.bincount(codes, weights=rows["balance"].to_numpy(dtype=float), minlength=n)
    keep = n if count[-1] > 0 else n - 1
    return _shares([*FIVE_TIER_KEYS, UNCLASSIFIED][:keep], count[:keep], bal[:keep], lang)


def file_class_trend(classes: pd.DataFrame, measure: str = "balance") -> pd.DataFrame:
    """The non-performing ratio (次级 + 可疑 + 损失) and 关注 share per month *as the file classifies*.

    Rows without a class count in the book (the denominator), in neither numerator.

    Returns
    -------
    DataFrame
        ``month, npl, special_mention, total, npl_ratio, special_mention_ratio`` (the columns
        of :func:`five_tier_trend`, so one chart draws either).

    Examples
    --------
    >>> cube = pd.DataFrame({"month": ["2024-01"] * 2, "loan_class": ["normal", "doubtful"],
    ...                      "days_past_due": [0, 0], "count": [1, 1], "balance": [3.0, 1.0]})
    >>> file_class_trend(cube)["npl_ratio"].tolist()
    [0.25]
    """
    _check_measure(measure)
    _check_columns(classes, _CLASS_COLUMNS)
    tier = classes["loan_class"].astype("object")
    amount = classes[measure].to_numpy(dtype=float)
    work = pd.DataFrame({
        "month": classes["month"].to_numpy(),
        "npl": np.where(tier.isin(NPL_CLASSES).to_numpy(), amount, 0.0),
        "special_mention": np.where((tier == "special_mention").to_numpy(), amount, 0.0),
        "total": amount,
    })
    out = work.groupby("month", sort=True).sum().reset_index()
    out["npl_ratio"] = _safe_div(out["npl"], out["total"])
    out["special_mention_ratio"] = _safe_div(out["special_mention"], out["total"])
    return out


def class_comparison(classes: pd.DataFrame, month: str, thresholds=FIVE_TIER_CREDIT_CARD,
                     lang: str = "en") -> pd.DataFrame:
    """The file's class against the class its DPD gives (at ``thresholds``) for a month.

    Parameters
    ----------
    classes : DataFrame
        Output of ``Cubes.classes()``.
    month : str
    thresholds : sequence of 4 ints
        Lower DPD bounds of 关注, 次级, 可疑, 损失 (:data:`FIVE_TIER_PRESETS`).
    lang : str

    Returns
    -------
    DataFrame
        One row per file class × DPD class, every combination (zeros kept): ``file_tier,
        file_label, dpd_tier, dpd_label, count, balance, relation`` where ``relation`` is one of
        :data:`RELATIONS` (``worse``: the file classifies worse than the DPD does). File classes
        are the five, plus ``unclassified`` when the month has rows without a class.

    Examples
    --------
    >>> cube = pd.DataFrame({"month": ["2024-01"] * 3, "loan_class": ["normal", "substandard", "normal"],
    ...                      "days_past_due": [0, 10, 100], "count": [1, 1, 1], "balance": [5.0, 3.0, 2.0]})
    >>> c = class_comparison(cube, "2024-01")
    >>> c[c["balance"] > 0][["file_tier", "dpd_tier", "relation", "balance"]].values.tolist()
    [['normal', 'normal', 'same', 5.0], ['normal', 'substandard', 'better', 2.0], ['substandard', 'special_mention', 'worse', 3.0]]
    """
    lowers = check_five_tier(thresholds)
    rows, file_codes = _month_rows(classes, month)
    dpd_codes = np.asarray(five_tier_class(rows["days_past_due"].to_numpy(), lowers).codes, dtype=np.int64)
    k = len(FIVE_TIER_KEYS)
    cells = file_codes * k + dpd_codes
    count = np.bincount(cells, weights=rows["count"].to_numpy(dtype=float), minlength=(k + 1) * k)
    bal = np.bincount(cells, weights=rows["balance"].to_numpy(dtype=float), minlength=(k + 1) * k)
    n_file = k + 1 if count[k * k:].sum() > 0 else k
    f, d = np.divmod(np.arange(n_file * k), k)
    keys = [*FIVE_TIER_KEYS, UNCLASSIFIED]
    relation = np.where(f == k, "unclassified", np.where(f == d, "same", np.where(f > d, "worse", "better")))
    return pd.DataFrame({
        "file_tier": [keys[i] for i in f], "file_label": [class_label(keys[i], lang) for i in f],
        "dpd_tier": [keys[i] for i in d], "dpd_label": [class_label(keys[i], lang) for i in d],
        "count": count[: n_file * k].astype(np.int64), "balance": bal[: n_file * k], "relation": relation,
    })


def class_npl_ratios(comparison: pd.DataFrame, measure: str = "balance") -> dict[str, float]:
    """The month's NPL ratio (次级 + 可疑 + 损失 of the whole month) as the file classifies and as
    the DPD does, from one :func:`class_comparison`.

    Returns
    -------
    dict
        ``{"file": ratio, "dpd": ratio}``; NaN for an empty month.

    Examples
    --------
    >>> cube = pd.DataFrame({"month": ["2024-01"] * 2, "loan_class": ["normal", "substandard"],
    ...                      "days_past_due": [100, 0], "count": [1, 1], "balance": [3.0, 1.0]})
    >>> class_npl_ratios(class_comparison(cube, "2024-01"))
    {'file': 0.25, 'dpd': 0.75}
    """
    _check_measure(measure)
    _check_columns(comparison, ["file_tier", "dpd_tier", measure])
    amount = comparison[measure].to_numpy(dtype=float)
    total = amount.sum()
    return {side: float(_safe_div(amount[comparison[f"{side}_tier"].isin(NPL_CLASSES).to_numpy()].sum(), total))
            for side in ("file", "dpd")}


def class_gaps(comparison: pd.DataFrame) -> pd.DataFrame:
    """How much of the month the file classifies the same as, worse than or better than its DPD.

    Parameters
    ----------
    comparison : DataFrame
        Output of :func:`class_comparison`.

    Returns
    -------
    DataFrame
        ``relation, count, balance, count_share, balance_share``: one row per relation of
        :data:`RELATIONS` (``unclassified`` only when there are such rows); shares of the month.

    Examples
    --------
    >>> cube = pd.DataFrame({"month": ["2024-01"] * 2, "loan_class": ["normal", "normal"],
    ...                      "days_past_due": [0, 100], "count": [1, 1], "balance": [3.0, 1.0]})
    >>> class_gaps(class_comparison(cube, "2024-01"))[["relation", "balance_share"]].values.tolist()
    [['same', 0.75], ['worse', 0.0], ['better', 0.25]]
    """
    _check_columns(comparison, ["relation", "count", "balance"])
    grouped = comparison.groupby("relation", sort=False)[["count", "balance"]].sum()
    present = [r for r in RELATIONS if r != "unclassified" or r in grouped.index]
    grouped = grouped.reindex(present, fill_value=0)
    count = grouped["count"].to_numpy(dtype=float)
    bal = grouped["balance"].to_numpy(dtype=float)
    return pd.DataFrame({
        "relation": present, "count": count.astype(np.int64), "balance": bal,
        "count_share": _safe_div(count, count.sum()), "balance_share": _safe_div(bal, bal.sum()),
    })


__all__ = ["FIVE_TIER_PRESETS", "NPL_CLASSES", "RELATIONS", "UNCLASSIFIED", "check_five_tier", "check_ifrs9",
           "class_comparison", "class_gaps", "class_label", "class_npl_ratios", "file_class_codes", "file_class_distribution", "file_class_trend",
           "five_tier_distribution", "five_tier_trend", "ifrs9_distribution"]
