"""Champion against challenger in one pass: what the CLI's ``--compare`` prints and the page's
Excel download holds — the comparison, the swap set in three groups with each group's historical
bad rate, both sensitivity curves and the backtest of the challenger.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.core.buckets import DEFAULT_BUCKETS, Buckets
from analysis.core.rates import month_ordinal
from analysis.whatif.policy import (
    Assumptions, Policy, PolicyError, ScenarioResult, backtest_policy, compare_scenarios, sensitivity_curves,
    simulate_policy, swap_bad_rates, swap_set, swap_summary,
)

#: How far back the backtest and the swap groups' bad rates start: a full 12-month window.
LOOKBACK = 12


@dataclass(frozen=True)
class Comparison:
    """Champion vs challenger on one snapshot (amounts in 元)."""

    champion: ScenarioResult
    challenger: ScenarioResult
    comparison: pd.DataFrame
    swaps: pd.DataFrame
    swap_groups: pd.DataFrame
    swap_history: dict | None
    sensitivity: pd.DataFrame
    backtest: dict | None


def backtest_start(history: pd.DataFrame, month: str, lookback: int = LOOKBACK) -> str | None:
    """The month ``lookback`` months before ``month`` (or the earliest before it); None when none.

    Examples
    --------
    >>> h = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"]})
    >>> backtest_start(h, "2024-03"), backtest_start(h, "2024-03", 1), backtest_start(h, "2024-01")
    ('2024-01', '2024-02', None)
    """
    target = month_ordinal(month)
    earlier = sorted(m for m in map(str, history["month"].unique()) if month_ordinal(m) < target)
    if not earlier:
        return None
    fit = [m for m in earlier if target - month_ordinal(m) <= lookback]
    return fit[0] if fit else earlier[-1]


def compare_policies(history: pd.DataFrame, features: pd.DataFrame, champion: Policy, challenger: Policy,
                     assumptions: Assumptions, buckets: Buckets = DEFAULT_BUCKETS) -> Comparison:
    """Price both policies on ``features`` and follow them through ``history`` (rows up to the snapshot).

    Parameters
    ----------
    history : DataFrame
        Account rows up to and including the snapshot month (never later: no peeking).
    features : DataFrame
        :func:`analysis.whatif.policy.snapshot_features` of the snapshot (with ``account_pd`` when
        ``assumptions.account_level``).
    champion, challenger : Policy
    assumptions : Assumptions
    buckets : Buckets

    Returns
    -------
    Comparison
        ``backtest`` and ``swap_history`` are None when the history has no month before the snapshot.
    """
    champ = simulate_policy(features, champion, assumptions, name=champion.name or "champion")
    chall = simulate_policy(features, challenger, assumptions, name=challenger.name or "challenger")
    swaps = swap_set(champ, chall)
    month = str(features["month"].iloc[0]) if len(features) else None
    start = backtest_start(history, month) if month else None
    history_bad = backtest = None
    if start is not None:
        try:
            history_bad = swap_bad_rates(history, champion, challenger, start, horizon=LOOKBACK, buckets=buckets,
                                         no_forced_paydown=assumptions.no_forced_paydown)
            # the backtest prices at the start month with bucket PDs (accounts then carry no account PD)
            backtest = backtest_policy(history, challenger, start, horizon=LOOKBACK, buckets=buckets,
                                       no_forced_paydown=assumptions.no_forced_paydown, assumptions=assumptions)
        except PolicyError:
            history_bad = backtest = None
    groups = swap_summary(swaps)
    if history_bad is not None:
        groups = groups.merge(history_bad["table"].rename(columns={"accounts": "accounts_then"}), on="swap", how="left")
    return Comparison(champ, chall, compare_scenarios([champ, chall], 0), swaps, groups, history_bad,
                      sensitivity_curves(features, challenger, assumptions), backtest)


__all__ = ["Comparison", "LOOKBACK", "backtest_start", "compare_policies"]
