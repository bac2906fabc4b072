"""find_breaches against a plain-loop reference of the counting convention, on random logs dense
enough that every rule fires many times (default and edited limits)."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from analysis.conduct.contacts import contact_limits, find_breaches


def random_log(seed: int, n: int = 2500, accounts: int = 8, days: int = 20) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    minutes = rng.integers(0, days * 24 * 60, n)
    minutes[rng.random(n) < 0.05] = minutes[0]  # some same-minute ties: file order decides
    return pd.DataFrame({
        "account_id": [f"A{i:02d}" for i in rng.integers(0, accounts, n)],
        "timestamp": pd.Timestamp("2024-02-25") + pd.to_timedelta(minutes, unit="min"),  # crosses 29 February
        "channel": rng.choice(["call", "call", "call", "sms", "visit", "letter"], n),
        "recipient": rng.choice(["debtor", "debtor", "debtor", "guarantor", "third_party"], n),
        "answered": rng.random(n) < 0.3,
        "collector": [f"C{i}" for i in rng.integers(0, 4, n)],
        "source_row": np.arange(2, n + 2),
    })


def reference(log: pd.DataFrame, limits) -> Counter:
    """(rule, source_row) of every breach, by loops over the rows (the module docstring's words)."""
    rows = list(log.itertuples(index=False))
    order = sorted(range(len(rows)), key=lambda i: (rows[i].timestamp, i))  # earlier: time, then file order
    out = Counter()
    for r in rows:
        minute = r.timestamp.hour * 60 + r.timestamp.minute
        if "time_window" in limits.rules and r.channel in limits.window_channels and not (
                limits.window_start <= minute < limits.window_end):
            out[("time_window", r.source_row)] += 1
        if "third_party" in limits.rules and r.recipient == "third_party":
            out[("third_party", r.source_row)] += 1
    calls = [rows[i] for i in order if rows[i].channel == "call"]
    seen_unanswered: Counter = Counter()
    seen_answered: Counter = Counter()
    for c in calls:
        day = c.timestamp.date()
        if not c.answered:
            key = (c.account_id, c.recipient, day)
            seen_unanswered[key] += 1
            if "daily_attempts" in limits.rules and seen_unanswered[key] == limits.daily_unanswered + 1:
                out[("daily_attempts", c.source_row)] += 1
        else:
            key = (c.account_id, day)
            seen_answered[key] += 1
            if "daily_answered" in limits.rules and seen_answered[key] == limits.daily_answered + 1:
                out[("daily_answered", c.source_row)] += 1
    for k, c in enumerate(calls):
        earlier = [d for d in calls[:k] if d.account_id == c.account_id]
        day = c.timestamp.date()
        in_period = [d for d in earlier if (day - d.timestamp.date()).days <= limits.period_days - 1]
        if "seven_in_seven" in limits.rules and len(in_period) >= limits.calls_in_period:
            out[("seven_in_seven", c.source_row)] += 1
        after = [d for d in earlier if d.answered and (day - d.timestamp.date()).days <= limits.quiet_days - 1]
        if "after_conversation" in limits.rules and after:
            out[("after_conversation", c.source_row)] += 1
    return out


EDITED = {"window_start": 9 * 60 + 30, "window_end": 20 * 60, "daily_unanswered": 2, "daily_answered": 1,
          "calls_in_period": 3, "period_days": 4, "quiet_days": 2}
ALL_RULES = ("time_window", "daily_attempts", "daily_answered", "seven_in_seven", "after_conversation", "third_party")


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("setting", ["cn", "us", "edited"])
def test_matches_the_reference(seed, setting):
    log = random_log(seed)
    limits = contact_limits("us" if setting == "us" else "cn")
    if setting == "edited":
        limits = replace(limits, rules=ALL_RULES, **EDITED)
    got = Counter(zip(find_breaches(log, limits)["rule"], find_breaches(log, limits)["source_row"]))
    want = reference(log, limits)
    assert got == want, f"missing {sorted(want - got)[:5]}, extra {sorted(got - want)[:5]}"
    # dense enough that every rule checked fires
    assert {rule for rule, _ in want} == set(limits.rules)


@pytest.mark.parametrize("seed", [1, 2])
def test_matches_the_reference_where_the_us_boundaries_matter(seed):
    # sparser: about one call a day per account, so a day more or less in either period, or one
    # call more allowed, changes the answer (the dense logs above breach whatever the boundary)
    log = random_log(seed, n=800, accounts=10, days=30)
    limits = contact_limits("us")
    got = Counter(zip(find_breaches(log, limits)["rule"], find_breaches(log, limits)["source_row"]))
    assert got == reference(log, limits)
    for change in ({"quiet_days": 8}, {"quiet_days": 6}, {"period_days": 8}, {"period_days": 6}, {"calls_in_period": 6}):
        assert got != reference(log, replace(limits, **change)), change
