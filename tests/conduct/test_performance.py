"""Collections performance: every figure of a tiny log worked by hand, and the A/B comparison
against the z-test, the Wald interval and the Cochran–Mantel–Haenszel test computed by hand."""
from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from analysis.conduct.contacts import ContactsError
from analysis.conduct.performance import PERFORMANCE_COLUMNS, compare_strategies, performance_table, worked_account_months
from analysis.core.buckets import custom_buckets

nan = float("nan")


def tiny():
    """Five accounts: A cures, B rolls forward, C stays, D is current, E leaves the book."""
    book = pd.DataFrame({
        "account_id": list("ABCDE") + list("ABCD"),
        "month": ["2024-03"] * 5 + ["2024-04"] * 4,
        "days_past_due": [15, 45, 20, 0, 100, 0, 75, 20, 10],
    })
    rows = [
        # account, time, channel, recipient, answered, collector, promise, promise date, paid
        ("A", "2024-03-02 10:00", "call", "debtor", True, "王", 500, "2024-03-10", nan),
        ("A", "2024-03-05 10:00", "call", "debtor", False, "王", nan, None, 300),
        ("A", "2024-03-09 10:00", "sms", "debtor", False, "王", nan, None, 250),
        ("B", "2024-03-03 09:00", "call", "third_party", True, "王", nan, None, nan),
        ("B", "2024-03-04 09:00", "call", "debtor", True, "王", 1000, "2024-03-06", nan),
        ("B", "2024-03-07 09:00", "call", "debtor", False, "王", nan, None, 1000),
        ("C", "2024-03-03 11:00", "call", "debtor", False, "李", nan, None, nan),
        ("D", "2024-03-03 12:00", "visit", "debtor", True, "李", 200, "2024-04-30", nan),
        ("E", "2024-03-04 12:00", "call", "guarantor", True, "李", nan, None, nan),
    ]
    log = pd.DataFrame({
        "account_id": [r[0] for r in rows], "timestamp": pd.to_datetime([r[1] for r in rows]),
        "channel": [r[2] for r in rows], "recipient": [r[3] for r in rows], "answered": [r[4] for r in rows],
        "collector": [r[5] for r in rows], "promise_amount": [float(r[6]) for r in rows],
        "promise_date": pd.to_datetime([r[7] for r in rows]), "paid_amount": [float(r[8]) for r in rows],
    })
    return log, book


def record(table, **where):
    mask = np.ones(len(table), dtype=bool)
    for k, v in where.items():
        mask &= table[k].to_numpy() == v
    assert mask.sum() == 1
    return table[mask].iloc[0]


def test_per_collector_by_hand():
    log, book = tiny()
    t = performance_table(log, book, by="collector")
    assert list(t.columns) == ["collector", *PERFORMANCE_COLUMNS]
    wang = record(t, collector="王")
    # 6 rows on A and B; calls 1,2,4,5,6; answered 1,4,5; with the debtor 1,5
    assert (wang.contacts, wang.accounts_worked, wang.calls, wang.answered_calls, wang.right_party_calls) == (6, 2, 5, 3, 2)
    assert wang.contact_rate == pytest.approx(3 / 5) and wang.rpc_rate == pytest.approx(2 / 5)
    # two promises out of three conversations
    assert (wang.conversations, wang.promises) == (3, 2)
    assert wang.ptp_rate == pytest.approx(2 / 3)
    # A promised 500 by 03-10 (not due on 03-09); B promised 1000 by 03-06 and paid on 03-07: due, broken
    assert (wang.promises_due, wang.promises_kept) == (1, 0)
    assert wang.kept_rate == 0.0
    # A (1-30 → Current) cured, B (31-60 → 61-90) rolled forward
    assert (wang.worked_overdue, wang.cured, wang.rolled_forward) == (2, 1, 1)
    assert wang.cure_rate == 0.5 and wang.roll_forward_rate == 0.5
    assert wang.amount_recovered == 1550.0

    li = record(t, collector="李")
    assert (li.contacts, li.accounts_worked, li.calls, li.answered_calls, li.right_party_calls) == (3, 3, 2, 1, 0)
    assert li.contact_rate == 0.5 and li.rpc_rate == 0.0
    assert (li.conversations, li.promises, li.promises_due) == (2, 1, 0)
    assert li.ptp_rate == 0.5 and math.isnan(li.kept_rate)
    # only C is judged: D was current, E left the book
    assert (li.worked_overdue, li.cured, li.rolled_forward) == (1, 0, 0)
    assert li.cure_rate == 0.0 and li.amount_recovered == 0.0


def test_kept_promise_counts_payments_up_to_the_promised_day():
    log, book = tiny()
    t = performance_table(log, book, by=(), as_of="2024-03-31")
    row = t.iloc[0]
    # A: 300 + 250 paid 03-02 … 03-10 ≥ 500: kept; B: nothing by 03-06: broken; D: due 04-30, not yet
    assert (row.group, row.promises_due, row.promises_kept) == ("all", 2, 1)
    assert row.kept_rate == 0.5
    # one cent short is broken
    short = log.assign(paid_amount=log["paid_amount"].where(log.index != 2, 199.99))
    assert performance_table(short, book, by=(), as_of="2024-03-31").iloc[0].promises_kept == 0


def test_kept_promise_from_the_portfolio_without_payments_in_the_log():
    log, book = tiny()
    log = log.drop(columns="paid_amount")
    book = book.assign(paid_amount=[600.0, 0, 0, 0, 0, 0, 900.0, 0, 0])
    row = performance_table(log, book, by=(), as_of="2024-03-31").iloc[0]
    # A paid 600 in March ≥ 500: kept; B paid 0 in March (900 in April, after 03-06): broken
    assert (row.promises_due, row.promises_kept, row.kept_rate) == (2, 1, 0.5)
    assert math.isnan(row.amount_recovered)


def test_by_bucket_and_channel():
    log, book = tiny()
    t = performance_table(log, book, by="bucket")
    assert t["bucket"].tolist() == ["Current", "1-30", "31-60", "91-180"]  # in the buckets' order
    assert record(t, bucket="1-30").contacts == 4 and record(t, bucket="1-30").cure_rate == 0.5
    assert record(t, bucket="31-60").roll_forward_rate == 1.0
    t = performance_table(log, book, by=["collector", "channel"])
    assert record(t, collector="王", channel="sms").contacts == 1
    assert math.isnan(record(t, collector="王", channel="sms").contact_rate)


def test_custom_buckets_change_the_judgement():
    log, book = tiny()
    wide = custom_buckets([90])  # Current, 1-90, 91+: B (45 → 75) no longer rolls forward
    row = performance_table(log, book, by=(), buckets=wide).iloc[0]
    assert (row.worked_overdue, row.cured, row.rolled_forward) == (3, 1, 0)


def test_without_portfolio_outcomes_are_empty():
    log, _ = tiny()
    t = performance_table(log, by="collector")
    assert t["worked_overdue"].tolist() == [0, 0] and t["cure_rate"].isna().all()
    with pytest.raises(ContactsError):
        performance_table(log, by="bucket")
    with pytest.raises(ContactsError, match="no column"):
        performance_table(log, by="agency")


def test_worked_account_months_and_no_mutation():
    log, book = tiny()
    before = log.copy()
    am = worked_account_months(log, book)
    pd.testing.assert_frame_equal(log, before)
    assert am[["account_id", "bucket", "next_bucket", "judged", "cured", "rolled_forward", "contacts"]].values.tolist() == [
        ["A", "1-30", "Current", True, True, False, 3],
        ["B", "31-60", "61-90", True, False, True, 3],
        ["C", "1-30", "1-30", True, False, False, 1],
        ["D", "Current", "1-30", False, False, False, 1],
        ["E", "91-180", "", False, False, False, 1],
    ]


# ---------------------------------------------------------------------------------- A/B

def ab_data(cells):
    """cells: {(dpd, group): (n, cured)} → log and book, one call per account-month."""
    ids, groups, dpd_now, dpd_next = [], [], [], []
    k = 0
    for (dpd, group), (n, cured) in cells.items():
        for i in range(n):
            ids.append(f"X{k:04d}")
            groups.append(group)
            dpd_now.append(dpd)
            dpd_next.append(0 if i < cured else dpd + 30)
            k += 1
    log = pd.DataFrame({"account_id": ids, "timestamp": pd.Timestamp("2024-03-05 10:00"), "channel": "call",
                        "recipient": "debtor", "answered": False, "strategy": groups})
    book = pd.DataFrame({"account_id": ids * 2, "month": ["2024-03"] * k + ["2024-04"] * k,
                         "days_past_due": dpd_now + dpd_next})
    return log, book


CELLS = {(15, "A"): (30, 11), (15, "B"): (20, 14), (45, "A"): (10, 1), (45, "B"): (30, 11)}


def test_two_proportion_test_by_hand():
    log, book = ab_data(CELLS)
    r = compare_strategies(log, book)
    assert r.groups == ("A", "B") and r.n == (40, 50) and r.cured == (12, 25)
    pa, pb = 12 / 40, 25 / 50
    pooled = 37 / 90
    z = (pa - pb) / math.sqrt(pooled * (1 - pooled) * (1 / 40 + 1 / 50))
    assert r.z == pytest.approx(z, rel=1e-9)
    assert r.p_value == pytest.approx(math.erfc(abs(z) / math.sqrt(2)), rel=1e-9)
    half = NormalDist().inv_cdf(0.975) * math.sqrt(pa * (1 - pa) / 40 + pb * (1 - pb) / 50)
    assert r.ci == pytest.approx((pa - pb - half, pa - pb + half), rel=1e-9)
    assert r.difference == pytest.approx(-0.2)


def test_stratified_test_by_hand():
    log, book = ab_data(CELLS)
    r = compare_strategies(log, book)
    num = den = var = dev = 0.0
    for dpd in (15, 45):
        na, ca = CELLS[(dpd, "A")]
        nb, cb = CELLS[(dpd, "B")]
        a, b, c, d = ca, na - ca, cb, nb - cb
        total = na + nb
        num += a * d / total
        den += b * c / total
        m1, m2 = a + c, b + d
        dev += a - na * m1 / total
        var += na * nb * m1 * m2 / (total ** 2 * (total - 1))
    stat = dev ** 2 / var
    assert r.cmh_odds_ratio == pytest.approx(num / den, rel=1e-9)
    assert r.cmh_statistic == pytest.approx(stat, rel=1e-9)
    assert r.cmh_p_value == pytest.approx(math.erfc(math.sqrt(stat / 2)), rel=1e-9)
    assert r.by_bucket[["bucket", "n_a", "cured_a", "n_b", "cured_b"]].values.tolist() == [
        ["1-30", 30, 11, 20, 14], ["31-60", 10, 1, 30, 11]]


def test_caveats():
    log, book = ab_data(CELLS)
    r = compare_strategies(log, book)
    # A is 75 % 1-30, B 40 %: the mixes differ; groups of 40 and 50 are not small
    assert r.caveats == ("contacts.caveat.not_randomised", "contacts.caveat.one_month", "contacts.caveat.bucket_mix")
    assert all(t and not t.startswith("contacts.") for t in r.caveat_texts("zh"))
    small = {(15, "A"): (10, 3), (15, "B"): (10, 6)}
    r = compare_strategies(*ab_data(small))
    assert "contacts.caveat.small_sample" in r.caveats and "contacts.caveat.bucket_mix" not in r.caveats
    payload = r.to_dict()
    assert payload["groups"] == ["A", "B"] and payload["n"] == [10, 10] and payload["cure_rates"] == [0.3, 0.6]


def test_first_channel_groups_and_errors():
    log = pd.DataFrame({"account_id": ["A", "A", "B", "C"],
                        "timestamp": pd.to_datetime(["2024-03-01 09:00", "2024-03-02 09:00", "2024-03-01 09:00", "2024-03-01 09:00"]),
                        "channel": ["sms", "call", "call", "call"], "recipient": "debtor", "answered": False})
    book = pd.DataFrame({"account_id": list("ABCABC"), "month": ["2024-03"] * 3 + ["2024-04"] * 3,
                         "days_past_due": [10, 10, 10, 0, 0, 20]})
    r = compare_strategies(log, book, by="first_channel")
    assert r.groups == ("call", "sms") and r.n == (2, 1) and r.cured == (1, 1)
    with pytest.raises(ContactsError):
        compare_strategies(log, None)
    with pytest.raises(ContactsError):
        compare_strategies(log, book, by="strategy")
    with pytest.raises(ContactsError):
        compare_strategies(log, book, by="first_channel", groups=("call", "visit"))


def test_every_performance_column_has_a_header_in_both_languages():
    from analysis.conduct.performance import PERFORMANCE_COLUMNS
    from analysis.core.i18n import analysis_messages

    messages = analysis_messages()
    missing = [c for c in PERFORMANCE_COLUMNS if not {"zh", "en"} <= set(messages.get(f"contacts.perf.{c}", {}))]
    assert not missing  # the page showed "contacts.perf.promises" as a column header
