"""Held-out contact logs: every planted breach found and counted exactly, none invented.

The logs in ``tests/conduct/data/heldout_contacts_{cn,us}.csv`` were written apart from the checker
(``python -m analysis contacts``), from the counting convention of issue 16 only:

- ``time_window``: each contact (any channel) outside [08:00, 22:00) in China, [08:00, 21:00) in the
  US, local time as written.
- ``third_party``: each contact (any channel) whose recipient is ``third_party``.
- ``daily_attempts`` (China): each account × recipient × day whose unanswered calls exceed 6.
- ``daily_answered`` (China): each account × day whose answered calls (all recipients) exceed 3.
- ``seven_in_seven`` (US): each call placed when 7 or more calls to that account were already placed
  in the preceding 7 days.
- ``after_conversation`` (US): each call placed within 7 days after an answered call.

Interpretations where the issue leaves room (and why):

- Only ``channel == "call"`` rows are calls; a text is a contact (time window, third party) but not
  a call, so it never counts toward the attempt, answered, 7-in-7 or after-conversation figures.
- Days are calendar days as written in the log.
- ``seven_in_seven`` and ``after_conversation`` count days as Regulation F does, not as rolling
  168-hour windows. 12 CFR 1006.14(b)(2)(i)(A) presumes a violation when calls are placed "more than
  seven times within a period of seven consecutive days", so "the preceding 7 days" of a call on day
  D is the period D-6 … D: the calls placed earlier on D and on the six dates before it.
  1006.14(b)(2)(i)(B) says "the date of the telephone conversation is the first day of the
  seven-consecutive-day period", so a call is "within 7 days after" an answered call on day C when it
  is placed after that call on one of the dates C … C+6; on C+7 (whatever the clock time, including
  exactly 7 × 24 hours later) it is not.
  Three planted rows tell the two readings apart (:data:`CALENDAR_ONLY`): a rolling-window checker
  would flag them; this one expects them clean.
- Calls on the same account count together whatever the recipient (the issue says "calls to that
  account"); the US log keeps its third-party and co-signer calls away from other calls so that the
  per-person reading of Regulation F gives the same figures.
- ``daily_attempts`` and ``daily_answered`` are one breach per group; the checker may stamp that
  breach with any time of the day, so those breaches are compared by account and day.

The expected breaches are written out by hand (``PLANTED``) and also computed by a plain-loop
implementation of the convention above (:func:`expected_breaches`); the two are checked against each
other first, then the checker against both.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
LOGS = {"cn": DATA / "heldout_contacts_cn.csv", "us": DATA / "heldout_contacts_us.csv"}
WINDOW_END = {"cn": "22:00", "us": "21:00"}
ALL_RULES = ("time_window", "daily_attempts", "daily_answered", "seven_in_seven", "after_conversation", "third_party")
DAILY_RULES = ("daily_attempts", "daily_answered")
LIMITS = {"daily_attempts": 6, "daily_answered": 3, "seven_in_seven": 7}

# The breaches planted by hand: (rule, account_id, timestamp) — for the daily rules, the day.
PLANTED = {
    "cn": [
        ("time_window", "CN-T01", "2024-03-05 07:59"),
        ("time_window", "CN-T01", "2024-03-05 22:00"),
        ("time_window", "CN-T01", "2024-03-05 23:30"),   # a text
        ("time_window", "CN-T01", "2024-03-06 00:05"),
        ("time_window", "CN-T02", "2024-03-19 07:30"),   # a text
        ("time_window", "CN-P01", "2024-03-25 22:15"),   # also a third party
        ("daily_attempts", "CN-D02", "2024-03-07"),      # 7 unanswered: one over
        ("daily_attempts", "CN-D03", "2024-03-08"),      # 10 unanswered: still one breach
        ("daily_attempts", "CN-D03", "2024-03-09"),
        ("daily_attempts", "CN-D05", "2024-03-13"),      # 7 to the guarantor (2 to the debtor)
        ("daily_attempts", "CN-P02", "2024-03-26"),      # 7 to a third party
        ("daily_answered", "CN-N02", "2024-03-12"),      # 4 answered
        ("daily_answered", "CN-N03", "2024-03-20"),      # 2 debtor + 2 guarantor
        ("daily_answered", "CN-N05", "2024-03-22"),      # 5 answered: one breach
        ("third_party", "CN-P01", "2024-03-04 10:20"),
        ("third_party", "CN-P01", "2024-03-11 14:40"),
        ("third_party", "CN-P01", "2024-03-18 16:00"),   # a text
        ("third_party", "CN-P01", "2024-03-25 22:15"),
    ] + [("third_party", "CN-P02", f"2024-03-26 {h:02d}:05") for h in range(9, 16)],
    "us": [
        ("time_window", "US-T01", "2025-03-03 07:59"),
        ("time_window", "US-T01", "2025-03-03 21:00"),
        ("time_window", "US-T01", "2025-03-03 21:30"),   # a text
        ("time_window", "US-T01", "2025-03-04 06:45"),   # a text
        ("time_window", "US-P01", "2025-03-28 21:15"),   # also a third party
        ("seven_in_seven", "US-S02", "2025-03-10 16:00"),  # the 8th call of 4..10 March
        ("seven_in_seven", "US-S03", "2025-03-12 16:00"),  # 8th call of the day
        ("seven_in_seven", "US-S03", "2025-03-12 17:00"),  # 9th
        ("seven_in_seven", "US-S05", "2025-03-23 11:00"),  # 17 March holds two of the seven
        ("after_conversation", "US-C01", "2025-03-04 17:00"),  # same day as the conversation
        ("after_conversation", "US-C01", "2025-03-10 20:00"),  # day 7
        ("after_conversation", "US-C04", "2025-03-15 11:00"),  # an answered call after an answered call
        ("after_conversation", "US-C04", "2025-03-21 10:00"),  # day 7 of the 15th
        ("third_party", "US-P01", "2025-03-05 11:00"),
        ("third_party", "US-P01", "2025-03-20 12:00"),   # a text
        ("third_party", "US-P01", "2025-03-28 21:15"),
    ],
}
# Planted boundary rows that must NOT be breaches (checked in the log and against the checker).
CLEAN = {
    "cn": [("time_window", "CN-T01", "2024-03-05 08:00"), ("time_window", "CN-T01", "2024-03-05 21:59"),
           ("time_window", "CN-T02", "2024-03-19 21:30"),
           ("daily_attempts", "CN-D01", "2024-03-07"),   # exactly 6
           ("daily_attempts", "CN-D04", "2024-03-09"),   # 4 debtor + 4 guarantor
           ("daily_attempts", "CN-D06", "2024-03-14"),   # 6 calls + 3 texts
           ("daily_attempts", "CN-D07", "2024-03-10"), ("daily_attempts", "CN-D07", "2024-03-11"),  # 4 + 3 over midnight
           ("daily_attempts", "CN-D08", "2024-03-15"),   # 6 unanswered + 1 answered
           ("daily_answered", "CN-N01", "2024-03-12"),   # exactly 3
           ("daily_answered", "CN-N04", "2024-03-21")],
    "us": [("time_window", "US-T01", "2025-03-03 08:00"), ("time_window", "US-T01", "2025-03-03 20:59"),
           ("seven_in_seven", "US-S01", "2025-03-10 10:00"),   # exactly the 7th
           ("after_conversation", "US-C04", "2025-03-22 12:00"),  # day 8
           ("after_conversation", "US-C05", "2025-03-19 10:00"),  # a text after a conversation
           ("third_party", "US-G01", "2025-03-06 10:30")],       # a co-signer
}
# Rows a rolling 7 × 24 h window would flag and the calendar-day reading of Regulation F does not.
CALENDAR_ONLY = [
    ("seven_in_seven", "US-S04", "2025-03-08 09:00"),      # calls on 1 (20:00) … 8 March: 8 calendar days
    ("after_conversation", "US-C02", "2025-03-11 10:00"),  # day 8, earlier clock time than the conversation
    ("after_conversation", "US-C03", "2025-03-11 15:00"),  # exactly 7 × 24 h later
]


def read_log(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _day(timestamp: str) -> date:
    return date.fromisoformat(timestamp[:10])


def expected_breaches(rows: list[dict], jurisdiction: str) -> list[tuple[str, str, str, str]]:
    """``(rule, account_id, timestamp or day, collector or "")`` for every breach, by plain loops."""
    out = []
    end = WINDOW_END[jurisdiction]
    for r in rows:
        clock = r["timestamp"][11:16]  # zero-padded "HH:MM" compares as text
        if not ("08:00" <= clock < end):
            out.append(("time_window", r["account_id"], r["timestamp"], r["collector"]))
        if r["recipient"] == "third_party":
            out.append(("third_party", r["account_id"], r["timestamp"], r["collector"]))
    calls = [r for r in rows if r["channel"] == "call"]
    if jurisdiction == "cn":
        unanswered: dict[tuple, int] = {}
        answered: dict[tuple, int] = {}
        for r in calls:
            day = r["timestamp"][:10]
            if r["answered"] == "no":
                key = (r["account_id"], r["recipient"], day)
                unanswered[key] = unanswered.get(key, 0) + 1
            else:
                key = (r["account_id"], day)
                answered[key] = answered.get(key, 0) + 1
        for (account, _recipient, day), n in unanswered.items():
            if n > LIMITS["daily_attempts"]:
                out.append(("daily_attempts", account, day, ""))
        for (account, day), n in answered.items():
            if n > LIMITS["daily_answered"]:
                out.append(("daily_answered", account, day, ""))
    else:
        for c in calls:
            earlier = [d for d in calls if d["account_id"] == c["account_id"] and d["timestamp"] < c["timestamp"]]
            in_period = [d for d in earlier if (_day(c["timestamp"]) - _day(d["timestamp"])).days <= 6]
            if len(in_period) >= LIMITS["seven_in_seven"]:
                out.append(("seven_in_seven", c["account_id"], c["timestamp"], c["collector"]))
            if any(d["answered"] == "yes" for d in in_period):
                out.append(("after_conversation", c["account_id"], c["timestamp"], c["collector"]))
    return out


def _without_collector(breaches) -> Counter:
    return Counter(b[:3] for b in breaches)


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_the_loops_find_exactly_the_planted_breaches(jurisdiction):
    rows = read_log(LOGS[jurisdiction])
    assert len({(r["account_id"], r["timestamp"], r["channel"]) for r in rows if r["channel"] == "call"}) == \
        sum(r["channel"] == "call" for r in rows), "two calls on one account in the same minute: order would be ambiguous"
    found = _without_collector(expected_breaches(rows, jurisdiction))
    planted = Counter(PLANTED[jurisdiction])
    assert found == planted, f"missing {planted - found}, extra {found - planted}"


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_the_planted_counts_per_rule(jurisdiction):
    by_rule = Counter(rule for rule, *_ in PLANTED[jurisdiction])
    hand = {"cn": {"time_window": 6, "daily_attempts": 5, "daily_answered": 3, "third_party": 11},
            "us": {"time_window": 5, "seven_in_seven": 4, "after_conversation": 4, "third_party": 3}}
    assert dict(by_rule) == hand[jurisdiction]


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_the_clean_boundary_rows_exist_and_are_clean(jurisdiction):
    rows = read_log(LOGS[jurisdiction])
    stamps = {(r["account_id"], r["timestamp"]) for r in rows}
    days = {(r["account_id"], r["timestamp"][:10]) for r in rows}
    found = _without_collector(expected_breaches(rows, jurisdiction))
    for rule, account, when in CLEAN[jurisdiction] + (CALENDAR_ONLY if jurisdiction == "us" else []):
        assert (account, when) in (days if rule in DAILY_RULES else stamps), (rule, account, when)
        assert found[(rule, account, when)] == 0, (rule, account, when)


def test_the_calendar_only_rows_are_what_a_rolling_window_would_flag():
    """Guards the interpretation note: with 168-hour windows these three rows would be breaches."""
    from datetime import datetime, timedelta

    calls = [r for r in read_log(LOGS["us"]) if r["channel"] == "call"]

    def at(r):
        return datetime.strptime(r["timestamp"], "%Y-%m-%d %H:%M")

    for rule, account, when in CALENDAR_ONLY:
        c = next(r for r in calls if r["account_id"] == account and r["timestamp"] == when)
        window = [d for d in calls if d["account_id"] == account and at(c) - timedelta(days=7) <= at(d) < at(c)]
        if rule == "seven_in_seven":
            assert len(window) >= 7
        else:
            assert any(d["answered"] == "yes" for d in window)


# ---------------------------------------------------------------------------------- the checker

needs_cli = pytest.mark.skipif(not (REPO / "analysis" / "cli" / "contacts.py").exists(),
                               reason="analysis/cli/contacts.py does not exist yet (issue 16)")


def _run(capsys, jurisdiction: str) -> dict:
    from analysis.__main__ import main

    code = main(["contacts", str(LOGS[jurisdiction]), "--jurisdiction", jurisdiction, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def _key(breach: dict) -> tuple[str, str, str, str]:
    rule = breach["rule"]
    if rule in DAILY_RULES:
        return rule, breach["account_id"], breach["timestamp"][:10], ""
    return rule, breach["account_id"], breach["timestamp"], breach["collector"]


@needs_cli
@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_the_checker_counts_every_contact(capsys, jurisdiction):
    payload = _run(capsys, jurisdiction)
    assert payload["jurisdiction"] == jurisdiction
    assert payload["contacts"] == len(read_log(LOGS[jurisdiction]))


@needs_cli
@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_the_checker_counts_by_rule_exactly(capsys, jurisdiction):
    payload = _run(capsys, jurisdiction)
    expected = Counter(b[0] for b in expected_breaches(read_log(LOGS[jurisdiction]), jurisdiction))
    got = {rule: payload["by_rule"].get(rule, 0) for rule in ALL_RULES}
    want = {rule: expected.get(rule, 0) for rule in ALL_RULES}
    assert got == want, f"by_rule {payload['by_rule']} != expected {want}"


@needs_cli
@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_the_checker_lists_each_breach_and_invents_none(capsys, jurisdiction):
    payload = _run(capsys, jurisdiction)
    got = Counter(_key(b) for b in payload["breaches"])
    want = Counter(expected_breaches(read_log(LOGS[jurisdiction]), jurisdiction))
    missing, invented = want - got, got - want
    calendar = {b for b in invented if b[:3] in CALENDAR_ONLY}
    assert not missing and not invented, (
        f"missing (rule, account, time, collector): {sorted(missing)}\n"
        f"invented: {sorted(invented)}"
        + (f"\n{len(calendar)} of the invented are the rolling-window readings of CALENDAR_ONLY (see the module "
           "docstring for why Regulation F counts calendar days)" if calendar else ""))


def dense_log(seed: int, start: date, bursts: tuple[int, ...], answer_rate: float) -> list[dict]:
    """A busy random log (bursts of calls, night contacts, mixed recipients) where every rule fires
    many times, for comparing the checker with the loops above row by row. ``bursts``: the numbers
    of contacts an account-day may get; the US needs sparse days, or every call breaks both rules."""
    import random
    from datetime import timedelta

    rng = random.Random(seed)
    rows, taken = [], set()
    for a in range(8):
        account = f"R{seed % 100:02d}-{a:02d}"
        for d in range(12):
            day = start + timedelta(days=d)
            for _ in range(rng.choice(bursts)):
                minute = rng.randrange(6 * 60, 24 * 60) if rng.random() < 0.2 else rng.randrange(8 * 60, 21 * 60)
                stamp = f"{day} {minute // 60:02d}:{minute % 60:02d}"
                if (account, stamp) in taken:  # one contact per account and minute: call order stays defined
                    continue
                taken.add((account, stamp))
                channel = "call" if rng.random() < 0.85 else "sms"
                rows.append({"account_id": account, "timestamp": stamp, "channel": channel,
                             "recipient": rng.choices(["debtor", "guarantor", "third_party"], [0.8, 0.15, 0.05])[0],
                             "answered": "yes" if channel == "call" and rng.random() < answer_rate else "no",
                             "collector": f"K{rng.randrange(1, 5)}"})
    rng.shuffle(rows)  # a file in no particular order
    return rows


@needs_cli
@pytest.mark.parametrize("jurisdiction, seed", [("cn", 11), ("cn", 12), ("us", 21), ("us", 22)])
def test_the_checker_agrees_with_the_loops_on_a_busy_random_log(capsys, tmp_path, jurisdiction, seed):
    from analysis.__main__ import main

    if jurisdiction == "cn":
        rows = dense_log(seed, date(2024, 2, 24), (0, 0, 1, 2, 4, 7, 9, 12), 0.25)  # crosses 29 February
    else:
        rows = dense_log(seed, date(2024, 2, 24), (0, 0, 0, 0, 0, 1, 1, 2, 3, 9), 0.08)
    counted = Counter(b[0] for b in expected_breaches(rows, jurisdiction))
    assert all(counted[rule] >= 3 for rule in counted) and len(counted) == 4, counted  # every rule fires
    path = tmp_path / "log.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    code = main(["contacts", str(path), "--jurisdiction", jurisdiction, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    payload = json.loads(out.out)
    assert payload["contacts"] == len(rows)
    got = Counter(_key(b) for b in payload["breaches"])
    want = Counter(expected_breaches(rows, jurisdiction))
    assert got == want, f"missing {sorted(want - got)[:20]}\ninvented {sorted(got - want)[:20]}"
    assert {rule: payload["by_rule"].get(rule, 0) for rule in ALL_RULES} == {rule: counted.get(rule, 0) for rule in ALL_RULES}
