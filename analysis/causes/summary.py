"""The figures the causes page states in words: its headlines, cuts and checks.

Small pure functions over what :mod:`.dictionary`, :mod:`.drivers`, :mod:`.stability` and
:mod:`.decomposition` return: the few causes behind 80 % of the overdue book, whether the causes
add up to the book, the share of texts the dictionary could not place, a month's bad rate, the
default attributes of the logistic model, the lead segment of a rate change. The page formats
them; nothing here knows about Streamlit.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from analysis.causes.decomposition import RateChange
from analysis.causes.drivers import iv_strength
from analysis.core import RATE_THRESHOLDS
from analysis.core.privacy import mask_pii
from analysis.core.tables import DisplayTable, display_table
from analysis.core.view import View
from analysis.core.vocabulary import cause_label

#: The "bad account" definitions the drivers offer: the data core's overdue, 30+ and 90+ DPD
#: thresholds (minimum days past due), so the drivers' "30+" is the rate pages' ``dpd30_rate``.
DRIVER_THRESHOLDS = tuple(RATE_THRESHOLDS.values())
#: The drivers' default definition of a bad account: 30+ DPD.
DEFAULT_DRIVER_THRESHOLD = RATE_THRESHOLDS["dpd30"]
#: The Pareto cut: the causes that together reach this share of the overdue book.
PARETO_CUT = 0.8
#: How many attributes the logistic model starts with.
MODEL_ATTRIBUTES = 4


#: Pareto rows that name no cause: the reason is blank, or matched no category (or said "other").
NOT_A_CAUSE = ("unknown", "other")


def leading_cause(pareto: pd.DataFrame, measure: str = "balance") -> pd.Series | None:
    """The Pareto row of the largest named cause by ``measure``; ``None`` when no overdue account
    has one. A blank reason (未填写) or one matched to no category (其他) names no cause: a meeting
    told the leading cause is "other" learns nothing, and the unclassified share has its own card.

    Examples
    --------
    >>> p = pd.DataFrame({"cause": ["other", "unknown", "forgot"], "balance_share": [0.5, 0.3, 0.2]})
    >>> leading_cause(p)["cause"]
    'forgot'
    """
    col = f"{measure}_share"
    if not len(pareto) or col not in pareto.columns:
        return None
    named = pareto[~pareto["cause"].astype(str).isin(NOT_A_CAUSE)].sort_values(col, ascending=False, kind="stable")
    if not len(named) or not float(named[col].iloc[0]) > 0:
        return None
    return named.iloc[0]


def pareto_lead(pareto: pd.DataFrame, measure: str = "balance", cut: float = PARETO_CUT) -> pd.DataFrame:
    """The leading causes of a Pareto table: the fewest that reach ``cut`` of the overdue book.

    Parameters
    ----------
    pareto : DataFrame
        :func:`analysis.causes.dictionary.cause_pareto` ranked by ``measure``.
    measure : {"balance", "count"}
        The measure the table is ranked and accumulated by.
    cut : float
        The share to reach (default 80 %).

    Returns
    -------
    DataFrame
        The first rows of ``pareto``, up to and including the one whose cumulative share reaches
        ``cut`` (all rows when none does).

    Examples
    --------
    >>> p = pd.DataFrame({"cause": ["a", "b", "c"], "balance_share": [0.6, 0.3, 0.1],
    ...                   "cumulative_share": [0.6, 0.9, 1.0]})
    >>> pareto_lead(p)["cause"].tolist()
    ['a', 'b']
    >>> pareto_lead(p, cut=0.5)["cause"].tolist()
    ['a']
    """
    if measure not in ("balance", "count"):
        raise ValueError(f"measure must be 'balance' or 'count', not {measure!r}")
    k = int((pareto["cumulative_share"] < cut).sum()) + 1
    return pareto.head(k)


def reconciles(pareto: pd.DataFrame, book: Mapping[str, float]) -> bool:
    """True when the causes add up to the month's overdue book, counted independently.

    Parameters
    ----------
    pareto : DataFrame
        :func:`analysis.causes.dictionary.cause_pareto` of one month (from the account rows).
    book : mapping
        The month's ``overdue_count`` and ``overdue_balance`` from the data-core cubes.

    Returns
    -------
    bool
        Same number of accounts and the same balance to the cent.

    Examples
    --------
    >>> p = pd.DataFrame({"count": [2, 1], "balance": [10.004, 5.0]})
    >>> reconciles(p, {"overdue_count": 3, "overdue_balance": 15.0})
    True
    >>> reconciles(p, {"overdue_count": 4, "overdue_balance": 15.0})
    False
    """
    return (int(pareto["count"].sum()) == int(book["overdue_count"])
            and round(float(pareto["balance"].sum()), 2) == round(float(book["overdue_balance"]), 2))


def unclassified_rate(rows: pd.DataFrame) -> float:
    """Share of the stated reasons (cause not ``unknown``) that matched no keyword.

    Parameters
    ----------
    rows : DataFrame
        :func:`analysis.causes.dictionary.overdue_causes`, usually of one month.

    Examples
    --------
    >>> rows = pd.DataFrame({"cause": ["other", "forgot", "unknown"], "unclassified": [True, False, False]})
    >>> unclassified_rate(rows)
    0.5
    """
    stated = int((rows["cause"] != "unknown").sum())
    return int(rows["unclassified"].sum()) / stated if stated else 0.0


def unclassified_texts(detail: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """The distinct reason texts no keyword matched, and their share of the stated reasons.

    Parameters
    ----------
    detail : DataFrame
        :func:`analysis.causes.dictionary.classify_detail` (``reason``, ``cause``, ``count``,
        ``unclassified``), most frequent first.

    Returns
    -------
    (DataFrame, float)
        The unclassified rows of ``detail`` and their count over the count of stated reasons.

    Examples
    --------
    >>> d = pd.DataFrame({"reason": ["x", "y", ""], "cause": ["other", "forgot", "unknown"],
    ...                   "count": [1, 3, 5], "unclassified": [True, False, False]})
    >>> rows, share = unclassified_texts(d)
    >>> rows["reason"].tolist(), share
    (['x'], 0.25)
    """
    stated = int(detail.loc[detail["cause"] != "unknown", "count"].sum())
    unclassified = detail[detail["unclassified"]]
    return unclassified, (float(unclassified["count"].sum()) / stated if stated else 0.0)


def bad_rate(frame: pd.DataFrame) -> tuple[int, float]:
    """Bad accounts of a driver frame and their share of its accounts.

    Examples
    --------
    >>> bad_rate(pd.DataFrame({"bad": [True, False, False, True]}))
    (2, 0.5)
    >>> bad_rate(pd.DataFrame({"bad": pd.Series([], dtype=bool)}))
    (0, 0.0)
    """
    n_bad = int(frame["bad"].sum())
    return n_bad, (n_bad / len(frame) if len(frame) else 0.0)


def threshold_days(min_dpd: int) -> int:
    """The "N+" of a bad-account definition: more than N days past due means ``min_dpd`` or more.

    Examples
    --------
    >>> [threshold_days(d) for d in DRIVER_THRESHOLDS]
    [1, 30, 90]
    """
    return min_dpd - 1 if min_dpd > 1 else 1


def default_model_attributes(iv: pd.DataFrame, n: int = MODEL_ATTRIBUTES) -> list[str]:
    """The attributes the logistic model starts with: the ``n`` strongest that are not suspicious.

    An IV above 0.5 usually means the attribute leaks the outcome (it was recorded after the
    account went bad), so those are left for the reader to add on purpose.

    Parameters
    ----------
    iv : DataFrame
        :func:`analysis.causes.drivers.information_value`, strongest first.

    Examples
    --------
    >>> iv = pd.DataFrame({"attribute": ["a", "b", "c"], "iv": [0.9, 0.2, 0.05]})
    >>> default_model_attributes(iv)
    ['b', 'c']
    """
    return [a for a, v in zip(iv["attribute"], iv["iv"]) if iv_strength(float(v)) != "suspicious"][:n]


def lead_effect(change: RateChange) -> tuple[pd.Series, str] | None:
    """The segment that moved the rate most and which effect dominates in it (``"mix"`` or ``"rate"``).

    Returns ``None`` when there are no segments or the rate did not change.

    Examples
    --------
    >>> seg = pd.DataFrame({"segment": ["A"], "mix_effect": [0.001], "rate_effect": [-0.003],
    ...                     "total_effect": [-0.002]})
    >>> lead, part = lead_effect(RateChange("2024-01", "2024-02", "dpd30_rate", "count", "seg", 0.05, 0.048, seg))
    >>> lead["segment"], part
    ('A', 'rate')
    """
    seg = change.segments
    if not len(seg) or not abs(change.change) > 0:
        return None
    lead = seg.iloc[0]
    return lead, ("mix" if abs(lead["mix_effect"]) >= abs(lead["rate_effect"]) else "rate")


def psi_headline(trend: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The latest month of a PSI trend and its worst month.

    Parameters
    ----------
    trend : DataFrame
        :func:`analysis.causes.stability.psi_trend` (at least one row).

    Examples
    --------
    >>> t = pd.DataFrame({"month": ["2024-02", "2024-03"], "psi": [0.3, 0.05]})
    >>> latest, worst = psi_headline(t)
    >>> latest["month"], worst["month"]
    ('2024-03', '2024-02')
    """
    return trend.iloc[-1], trend.loc[trend["psi"].idxmax()]


def cell_accounts(rows: pd.DataFrame, cause: str, bucket: str, view: View) -> DisplayTable:
    """The accounts behind one cell of the cause × bucket heatmap, largest balance first.

    Parameters
    ----------
    rows : DataFrame
        One month's classified overdue rows (:func:`analysis.causes.dictionary.overdue_causes`).
    cause, bucket : str
        The cell's cause key and bucket key.
    view : View
        Language, unit and buckets of the screen.

    Returns
    -------
    DisplayTable
        Account, customer (masked), days past due, balance in the view's unit, the reason as
        written; one row per account of the cell.

    Examples
    --------
    >>> rows = pd.DataFrame({"account_id": ["a", "b", "c"], "days_past_due": [40, 45, 5],
    ...                      "balance": [100.0, 300.0, 50.0], "bucket": ["31-60", "31-60", "1-30"],
    ...                      "cause": ["forgot", "forgot", "forgot"], "overdue_reason": ["忘了", "忘记", "忘了"]})
    >>> cell_accounts(rows, "forgot", "31-60", View(lang="en", unit="yuan")).frame.iloc[:, 0].tolist()
    ['b', 'a']
    """
    cell = rows[(rows["cause"].astype(str) == cause) & (rows["bucket"].astype(str) == bucket)]
    cell = mask_pii(cell.sort_values("balance", ascending=False, kind="stable"))
    tr = view.text
    columns = [(tr("causes.drill.account"), "text", cell["account_id"].astype(str).to_numpy())]
    if "customer_name" in cell.columns:
        columns.append((tr("causes.drill.customer"), "text", cell["customer_name"].astype(str).to_numpy()))
    columns += [
        (tr("causes.drill.dpd"), "count", cell["days_past_due"].to_numpy()),
        (tr("causes.drill.balance", unit=view.unit_label), "amount", view.scale(cell["balance"].to_numpy(float))),
        (tr("causes.drill.reason"), "text", cell["overdue_reason"].astype(str).to_numpy()),
    ]
    title = tr("causes.drill.title", cause=cause_label(cause, view.lang), bucket=view.buckets.label_of(bucket, view.lang),
               n=len(cell))
    return display_table(f"causes_cell_{cause}_{bucket}", title, columns)
