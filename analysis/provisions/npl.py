"""五级分类 (five-tier loan classification) by DPD, the NPL ratio, coverage and provision-to-loans.

* The bank's own classes when the book has them (a ``loan_class`` column: the 五级分类 the bank
  reports, :func:`classification_source` says ``"file"``); rows without a class count in the
  book's total (an ``unclassified`` row), in no class.
* Otherwise classes by DPD with the aging page's thresholds (:data:`analysis.core.buckets.FIVE_TIER_CREDIT_CARD`
  by default: 关注 1-90, 次级 91-120, 可疑 121-180, 损失 > 180; or the 2023 办法 floors
  :data:`~analysis.core.buckets.FIVE_TIER_2023`; see :mod:`analysis.aging.regulatory`).
* 不良贷款率 (NPL ratio) = (次级 + 可疑 + 损失) balance ÷ total balance
  (:data:`analysis.aging.regulatory.NPL_CLASSES`).
* 拨备覆盖率 (coverage) = allowance ÷ NPL balance; 拨贷比 (provision-to-loans) = allowance ÷ total
  balance. The allowance is the IFRS 9 ECL of the same month (all stages).

Ratios are fractions (0.015 = 1.5 %).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.aging.regulatory import NPL_CLASSES, UNCLASSIFIED, check_five_tier, file_class_codes
from analysis.core.buckets import FIVE_TIER_CREDIT_CARD, five_tier_class
from analysis.core.vocabulary import FIVE_TIER_KEYS

#: Regulatory reference levels, editable on the page and stated with their source. The base rule
#: is 《商业银行贷款损失准备管理办法》 (原银监会令 2011 年第 4 号): 拨备覆盖率 ≥ 150 %, 拨贷比 ≥ 2.5 %,
#: the higher of the two binding. 银监发〔2018〕7 号《关于调整商业银行贷款损失准备监管要求的通知》
#: made them ranges, 120 %-150 % and 1.5 %-2.5 %, set bank by bank (一行一策) from how fully the
#: bank recognises its NPLs. The reference line is the top of each range (the 2011 level); a bank
#: types its own requirement over it.
REFERENCE_LEVELS: dict[str, dict[str, object]] = {
    "coverage": {"value": 1.50, "range": (1.20, 1.50),
                 "source": "银监会令2011年第4号; 银监发〔2018〕7号 (120%-150%, 一行一策)"},
    "provision_to_loans": {"value": 0.025, "range": (0.015, 0.025),
                           "source": "银监会令2011年第4号; 银监发〔2018〕7号 (1.5%-2.5%, 一行一策)"},
}


#: Where the five-tier classes come from: the bank's own (a ``loan_class`` column) or the DPD.
CLASSIFICATION_SOURCES = ("file", "dpd")


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den > 0 else float("nan")


def classification_source(frame: pd.DataFrame) -> str:
    """``"file"`` when the rows carry the bank's own class (``loan_class``), else ``"dpd"``.

    Examples
    --------
    >>> classification_source(pd.DataFrame({"days_past_due": [0], "loan_class": ["normal"]}))
    'file'
    """
    return "file" if "loan_class" in frame.columns else "dpd"


def _tier_codes(frame: pd.DataFrame, lowers: tuple[int, ...]) -> np.ndarray:
    """Each row's class code (0-4; 5 for a row the file gives no class), from the file or the DPD."""
    if classification_source(frame) == "file":
        return file_class_codes(frame["loan_class"])
    return np.asarray(five_tier_class(frame["days_past_due"].to_numpy(), lowers).codes, dtype=np.int64)


def five_tier_table(accounts: pd.DataFrame, thresholds=FIVE_TIER_CREDIT_CARD) -> pd.DataFrame:
    """Accounts and balance per five-tier class (five rows, in class order): the bank's own
    classes when ``accounts`` has a ``loan_class`` column, else the classes by DPD.

    Parameters
    ----------
    accounts : DataFrame
        One month's rows: ``days_past_due``, ``balance`` and, when the file has it, ``loan_class``.
    thresholds : sequence of 4 ints
        Lower DPD bounds of 关注, 次级, 可疑, 损失 (checked, and used when there is no ``loan_class``).

    Returns
    -------
    DataFrame
        ``class`` (``normal, special_mention, substandard, doubtful, loss``, and ``unclassified``
        when some rows of the file have no class), ``accounts``, ``balance``, ``balance_share``
        (of the whole month).

    Examples
    --------
    >>> t = five_tier_table(pd.DataFrame({"days_past_due": [0, 5, 95, 200], "balance": [6.0, 2.0, 1.0, 1.0]}))
    >>> t["balance"].tolist()
    [6.0, 2.0, 1.0, 0.0, 1.0]
    >>> five_tier_table(pd.DataFrame({"days_past_due": [0, 0], "balance": [6.0, 4.0],
    ...                               "loan_class": ["normal", "doubtful"]}))["balance"].tolist()
    [6.0, 0.0, 0.0, 4.0, 0.0]
    """
    lowers = check_five_tier(thresholds)
    codes = _tier_codes(accounts, lowers)
    n = len(FIVE_TIER_KEYS) + 1
    balance = np.bincount(codes, weights=accounts["balance"].to_numpy(dtype=np.float64), minlength=n)
    count = np.bincount(codes, minlength=n).astype(np.int64)
    keep = n if count[-1] > 0 else n - 1
    total = balance.sum()
    return pd.DataFrame({
        "class": [*FIVE_TIER_KEYS, UNCLASSIFIED][:keep],
        "accounts": count[:keep],
        "balance": balance[:keep],
        "balance_share": balance[:keep] / total if total > 0 else np.full(keep, np.nan),
    })


def npl_figures(five_tier: pd.DataFrame, allowance: float) -> dict[str, float]:
    """NPL balance and ratio, coverage and provision-to-loans from a :func:`five_tier_table`.

    Returns
    -------
    dict
        ``balance`` (NPL), ``ratio``, ``coverage``, ``provision_to_loans``, ``total_balance``,
        ``allowance`` (as given; NaN ratios when a denominator is 0).

    Examples
    --------
    >>> t = five_tier_table(pd.DataFrame({"days_past_due": [0, 95], "balance": [90.0, 10.0]}))
    >>> f = npl_figures(t, allowance=3.0)
    >>> f["ratio"], f["coverage"], f["provision_to_loans"]
    (0.1, 0.3, 0.03)
    """
    total = float(five_tier["balance"].sum())
    npl = float(five_tier.loc[five_tier["class"].isin(NPL_CLASSES), "balance"].sum())
    return {"balance": npl, "ratio": _ratio(npl, total), "coverage": _ratio(allowance, npl),
            "provision_to_loans": _ratio(allowance, total), "total_balance": total, "allowance": float(allowance)}


def npl_trend(panel: pd.DataFrame, thresholds=FIVE_TIER_CREDIT_CARD, by: str | None = None) -> pd.DataFrame:
    """NPL ratio, coverage and provision-to-loans by month (and segment); NPL by the bank's own
    class when the panel has a ``loan_class`` column, else by DPD.

    Parameters
    ----------
    panel : DataFrame
        Account-months with ``month``, ``days_past_due``, ``balance``, ``ecl`` (the allowance of
        each row, e.g. :func:`analysis.provisions.report.provision_panel`), ``by`` and, when the
        file has it, ``loan_class``.
    thresholds : sequence of 4 ints
    by : str, optional
        A segment column.

    Returns
    -------
    DataFrame
        ``month``, ``by``, ``accounts``, ``balance``, ``npl_balance``, ``allowance``,
        ``npl_ratio``, ``coverage``, ``provision_to_loans`` and, when the panel has it,
        ``pd_months`` (the from-months of roll rates behind the month's PDs, 0 for the defaults).

    Examples
    --------
    >>> p = pd.DataFrame({"month": ["2024-01"] * 2, "days_past_due": [0, 95], "balance": [90.0, 10.0],
    ...                   "ecl": [1.0, 4.5]})
    >>> npl_trend(p)[["npl_ratio", "coverage", "provision_to_loans"]].values.round(3).tolist()
    [[0.1, 0.55, 0.055]]
    """
    lowers = check_five_tier(thresholds)
    keys = ["month"] + ([by] if by else [])
    bal = panel["balance"].to_numpy(dtype=np.float64)
    work = panel[keys].copy()
    work["accounts"] = 1
    work["balance"] = bal
    npl = np.isin(_tier_codes(panel, lowers), [FIVE_TIER_KEYS.index(k) for k in NPL_CLASSES])
    work["npl_balance"] = np.where(npl, bal, 0.0)
    work["allowance"] = panel["ecl"].to_numpy(dtype=np.float64)
    out = work.groupby(keys, sort=True, observed=True).sum().reset_index()
    if "stage" in panel.columns:  # as the ECL-by-stage table foots: each stage to the cent, then added
        staged = panel[keys].assign(stage=panel["stage"].to_numpy(), allowance=work["allowance"].to_numpy())
        per_stage = staged.groupby([*keys, "stage"], sort=True, observed=True)["allowance"].sum().round(2)
        footed = per_stage.groupby(level=list(range(len(keys))), sort=True).sum().round(2) + 0.0
        out["allowance"] = footed.to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        out["npl_ratio"] = np.where(out["balance"] > 0, out["npl_balance"] / out["balance"], np.nan)
        out["coverage"] = np.where(out["npl_balance"] > 0, out["allowance"] / out["npl_balance"], np.nan)
        out["provision_to_loans"] = np.where(out["balance"] > 0, out["allowance"] / out["balance"], np.nan)
    if "pd_months" in panel.columns:  # one value per month: the month's PD curve
        basis = panel[keys].assign(pd_months=panel["pd_months"].to_numpy())
        out["pd_months"] = basis.groupby(keys, sort=True, observed=True)["pd_months"].max().to_numpy()
    return out


__all__ = ["CLASSIFICATION_SOURCES", "REFERENCE_LEVELS", "classification_source", "five_tier_table", "npl_figures",
           "npl_trend"]
