"""What drove the change in a delinquency rate between two months: mix or rate, per segment.

The book's rate is a weighted average of segment rates, ``R = Σ wᵢ rᵢ`` (``wᵢ`` the segment's
share of the book by balance or count). Between month 0 and month 1 the change splits, per
segment, into

* a **mix effect** ``(w₁ − w₀) · (r₀ + r₁) / 2``: the book moved toward (or away from) the segment;
* a **rate effect** ``(r₁ − r₀) · (w₀ + w₁) / 2``: the segment itself got riskier (or safer).

This is the symmetric (midpoint) shift-share: unlike the textbook version anchored on month 0 it
leaves no interaction residual, so the effects add up to the total change exactly (up to float
rounding, ~1e-16). A segment present in only one month has no rate in the other; its rate is
carried over, so it contributes a pure mix effect (entering or leaving the book).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.causes.drivers import DriversError

METRICS = {"overdue_rate": "overdue", "dpd30_rate": "dpd30", "dpd90_rate": "dpd90"}


@dataclass(frozen=True)
class RateChange:
    """The decomposition of one rate change.

    Attributes
    ----------
    segments : DataFrame
        ``segment``, ``weight_from``, ``weight_to``, ``rate_from``, ``rate_to``, ``mix_effect``,
        ``rate_effect``, ``total_effect`` (= mix + rate); largest absolute effect first.
    rate_from, rate_to : float
        The book's rate in each month.
    """

    month_from: str
    month_to: str
    metric: str
    measure: str
    by: str
    rate_from: float
    rate_to: float
    segments: pd.DataFrame

    @property
    def change(self) -> float:
        """``rate_to − rate_from``."""
        return self.rate_to - self.rate_from

    @property
    def mix_total(self) -> float:
        return float(self.segments["mix_effect"].sum())

    @property
    def rate_total(self) -> float:
        return float(self.segments["rate_effect"].sum())


def decompose_rate_change(
    rates: pd.DataFrame,
    by: str,
    month_from: str,
    month_to: str,
    metric: str = "dpd30_rate",
    measure: str = "balance",
) -> RateChange:
    """Split the change of ``metric`` between two months into mix and rate effects per segment.

    Parameters
    ----------
    rates : DataFrame
        ``Cubes.rates()`` (:mod:`analysis.core`) by ``by``.
    by : str
        Segment column.
    month_from, month_to : str
        ``YYYY-MM``, different.
    metric : {"dpd30_rate", "overdue_rate", "dpd90_rate"}
    measure : {"balance", "count"}
        Weights and rates by balance or by number of accounts.

    Raises
    ------
    DriversError
        On a malformed or missing month, the same month twice, an unknown metric or measure,
        or a month with nothing in it.

    Examples
    --------
    >>> cube = pd.DataFrame({"month": ["2024-01", "2024-01", "2024-02", "2024-02"], "seg": ["A", "B", "A", "B"],
    ...                      "count": [1, 1, 1, 1], "balance": [50.0, 50.0, 20.0, 80.0],
    ...                      "dpd30_count": [0, 1, 0, 1], "dpd30_balance": [0.0, 5.0, 0.0, 8.0]})
    >>> d = decompose_rate_change(cube, "seg", "2024-01", "2024-02")
    >>> round(d.change, 4), round(d.mix_total, 4), round(d.rate_total, 4)
    (0.03, 0.03, 0.0)
    """
    for m in (month_from, month_to):
        if not isinstance(m, str) or not re.fullmatch(r"\d{4}-\d{2}", m):
            raise DriversError("causes.error.month_format", month=str(m))
    if month_from == month_to:
        raise DriversError("causes.error.same_month")
    if metric not in METRICS:
        raise DriversError("causes.error.metric", metric=str(metric))
    if measure not in ("balance", "count"):
        raise DriversError("causes.error.measure")
    if by not in rates.columns:
        raise DriversError("causes.error.not_column", column=str(by))
    num_col = f"{METRICS[metric]}_{measure}"
    g0, g1 = (_month_segments(rates, by, m, measure, num_col) for m in (month_from, month_to))
    index = g0.index.union(g1.index)
    g0 = g0.reindex(index, fill_value=0.0)
    g1 = g1.reindex(index, fill_value=0.0)
    n0, n1 = g0["den"].sum(), g1["den"].sum()
    w0, w1 = (g0["den"] / n0).to_numpy(), (g1["den"] / n1).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        r0 = np.where(g0["den"] > 0, g0["num"] / g0["den"], np.nan)
        r1 = np.where(g1["den"] > 0, g1["num"] / g1["den"], np.nan)
    # A segment absent in one month: carry its rate over so the whole effect is mix.
    r0 = np.where(np.isnan(r0), r1, r0)
    r1 = np.where(np.isnan(r1), r0, r1)
    r0, r1 = np.nan_to_num(r0), np.nan_to_num(r1)
    mix = (w1 - w0) * (r0 + r1) / 2
    rate = (r1 - r0) * (w0 + w1) / 2
    table = pd.DataFrame({"segment": [str(s) for s in index], "weight_from": w0, "weight_to": w1,
                          "rate_from": r0, "rate_to": r1, "mix_effect": mix, "rate_effect": rate,
                          "total_effect": mix + rate})
    order = np.argsort(-np.abs(table["total_effect"].to_numpy()), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    return RateChange(month_from, month_to, metric, measure, by, float(g0["num"].sum() / n0),
                      float(g1["num"].sum() / n1), table)


def _month_segments(rates: pd.DataFrame, by: str, month: str, measure: str, num_col: str) -> pd.DataFrame:
    """One month's book per segment: ``den`` (accounts or balance) and ``num`` (the delinquent part)."""
    rows = rates[rates["month"] == month]
    if not len(rows):
        raise DriversError("causes.error.month_missing", month=month)
    seg = rows[by].astype("string").fillna("—").to_numpy()
    g = pd.DataFrame({"segment": seg, "den": rows[measure].to_numpy(np.float64),
                      "num": rows[num_col].to_numpy(np.float64)}).groupby("segment", sort=True).sum()
    if g["den"].sum() <= 0:
        raise DriversError("causes.error.empty_month", month=month)
    return g


def waterfall_table(change: RateChange, labels: dict[str, str], top: int = 6) -> pd.DataFrame:
    """The steps of a waterfall from the first month's rate to the second's.

    The ``top`` segments with the largest absolute effects get a mix and a rate step each; the
    rest are summed into one "others" pair, so the bars always add up to the end rate.

    Parameters
    ----------
    change : RateChange
    labels : dict
        Display text for ``"start"``, ``"end"``, ``"mix"``, ``"rate"`` and ``"others"``.
    top : int
        Segments shown individually (≥ 1).

    Returns
    -------
    DataFrame
        ``order``, ``step`` (label), ``kind`` (``start``, ``mix``, ``rate``, ``end``),
        ``segment``, ``value`` (the step's change, or the level for start/end), ``begin`` and
        ``finish`` (the bar's extent).

    Examples
    --------
    >>> cube = pd.DataFrame({"month": ["2024-01", "2024-02"], "seg": ["A", "A"], "count": [1, 1],
    ...                      "balance": [10.0, 10.0], "dpd30_count": [0, 1], "dpd30_balance": [0.0, 1.0]})
    >>> w = waterfall_table(decompose_rate_change(cube, "seg", "2024-01", "2024-02"),
    ...                     {"start": "s", "end": "e", "mix": "m", "rate": "r", "others": "o"})
    >>> w["kind"].tolist(), float(w["finish"].iloc[-1])
    (['start', 'mix', 'rate', 'end'], 0.1)
    """
    if int(top) < 1:
        raise DriversError("causes.error.bins")
    seg = change.segments
    shown, rest = seg.iloc[: int(top)], seg.iloc[int(top):]
    steps = [(labels["start"], "start", "", change.rate_from)]
    for row in shown.itertuples(index=False):
        steps.append((f"{row.segment} · {labels['mix']}", "mix", row.segment, row.mix_effect))
        steps.append((f"{row.segment} · {labels['rate']}", "rate", row.segment, row.rate_effect))
    if len(rest):
        steps.append((f"{labels['others']} · {labels['mix']}", "mix", labels["others"], float(rest["mix_effect"].sum())))
        steps.append((f"{labels['others']} · {labels['rate']}", "rate", labels["others"], float(rest["rate_effect"].sum())))
    out = pd.DataFrame(steps, columns=["step", "kind", "segment", "value"])
    level = change.rate_from
    begins, finishes = [0.0], [change.rate_from]
    for v in out["value"].iloc[1:]:
        begins.append(level)
        level += v
        finishes.append(level)
    out["begin"], out["finish"] = begins, finishes
    end = pd.DataFrame({"step": [labels["end"]], "kind": ["end"], "segment": [""], "value": [change.rate_to],
                        "begin": [0.0], "finish": [change.rate_to]})
    out = pd.concat([out, end], ignore_index=True)
    out.insert(0, "order", np.arange(len(out)))
    return out
