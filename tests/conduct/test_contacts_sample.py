"""The bundled sample contact log: reproduced byte for byte, and its planted breaches found
exactly — each one by account and time, none invented."""
from __future__ import annotations


import pandas as pd
import pytest

from analysis.conduct.contacts import breach_counts, contact_limits, find_breaches, read_contact_log
from analysis.conduct.performance import compare_strategies, performance_table
from analysis.conduct.sample_log import PLANTED, SAMPLE_LOG, SAMPLE_PORTFOLIO, generate_contact_log, log_csv_text
from analysis.ingest.portfolio import load_portfolio

# The planted breaches written out by hand from the generator's docstring: (rule, account index
# or planted account, time). Overdue accounts of November 2024 in account order: o0, o1, …;
# planted current accounts P1…P6.
TIME_WINDOW = {"cn": [(0, "22:00"), (1, "22:00"), (2, "07:59"), (3, "22:15")],
               "us": [(0, "22:00"), (1, "22:00"), (2, "07:59"), (3, "22:15"), (4, "21:30"), (5, "21:30"), (6, "21:59")]}
THIRD_PARTY = [(10, "10:30"), (11, "11:30"), (12, "15:00")]
CALLS = {
    "cn": [("daily_attempts", "P1", "2024-11-12 15:00"), ("daily_answered", "P3", "2024-11-14 15:00")],
    "us": [("seven_in_seven", "P5", "2024-11-11 16:00"),
           ("after_conversation", "P3", "2024-11-14 11:00"), ("after_conversation", "P3", "2024-11-14 13:00"),
           ("after_conversation", "P3", "2024-11-14 15:00"),
           ("after_conversation", "P4", "2024-11-15 12:00"), ("after_conversation", "P4", "2024-11-15 15:00"),
           ("after_conversation", "P6", "2024-11-24 20:00")],
}


@pytest.fixture(scope="module")
def portfolio() -> pd.DataFrame:
    return load_portfolio(SAMPLE_PORTFOLIO.read_bytes(), SAMPLE_PORTFOLIO.name).portfolio


@pytest.fixture(scope="module")
def log():
    return read_contact_log(SAMPLE_LOG.read_bytes(), SAMPLE_LOG.name)


def test_generator_reproduces_the_committed_file(portfolio):
    text = log_csv_text(generate_contact_log(portfolio))
    assert b"\xef\xbb\xbf" + text.encode("utf-8") == SAMPLE_LOG.read_bytes(), \
        "data/sample/contact_log.csv is stale: run python -m analysis.conduct.sample_log"


def test_file_is_small_and_fully_readable(log):
    assert SAMPLE_LOG.stat().st_size < 2_000_000
    assert log.rejected.empty and len(log.log) > 1000
    assert set(log.log["channel"]) == {"call", "sms", "letter", "visit"}
    assert set(log.log["agency"]) == {"本行催收中心", "华信委外"}
    assert log.log["collector"].nunique() == 6


def test_contacts_are_for_accounts_and_months_of_the_portfolio(log, portfolio):
    months = pd.DatetimeIndex(log.log["timestamp"]).strftime("%Y-%m")
    pairs = set(zip(portfolio["account_id"].astype(str), portfolio["month"].astype(str)))
    # payments confirmed after a late-December promise may fall in January: the only exception
    inside = [(a, m) in pairs for a, m in zip(log.log["account_id"], months) if m <= "2024-12"]
    assert all(inside)
    overdue = {(a, m) for a, m, d in zip(portfolio["account_id"], portfolio["month"], portfolio["days_past_due"]) if d > 0}
    share = sum((a, m) in overdue for a, m in zip(log.log["account_id"], months)) / len(log.log)
    assert share > 0.9  # mostly overdue accounts


def _named(portfolio: pd.DataFrame) -> dict:
    """o0, o1, … (November's overdue accounts in order) and P1…P6 (the planted current accounts)."""
    window = portfolio[portfolio["month"].astype(str) >= "2024-07"]
    nov = window[window["month"] == "2024-11"]
    overdue = sorted(nov.loc[nov["days_past_due"] > 0, "account_id"].astype(str))
    ever = set(window.loc[window["days_past_due"] > 0, "account_id"].astype(str))
    months = window.groupby(window["account_id"].astype(str))["month"].nunique()
    current = sorted(a for a in months.index if a not in ever and months[a] == 6)
    names = {i: a for i, a in enumerate(overdue)}
    names.update({f"P{k + 1}": a for k, a in enumerate(current[:6])})
    return names


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_planted_breaches_found_exactly_and_none_invented(log, portfolio, jurisdiction):
    names = _named(portfolio)
    limits = contact_limits(jurisdiction)
    breaches = find_breaches(log.log, limits)
    want = [("time_window", names[i], f"2024-11-20 {hm}") for i, hm in TIME_WINDOW[jurisdiction]]
    want += [("third_party", names[i], f"2024-11-20 {hm}") for i, hm in THIRD_PARTY]
    want += [(rule, names[p], when) for rule, p, when in CALLS[jurisdiction]]
    got = sorted(breaches[["rule", "account_id", "timestamp"]].itertuples(index=False, name=None))
    assert got == sorted(want)
    assert breach_counts(breaches, limits.rules).to_dict() == PLANTED[jurisdiction]


def test_sample_performance_and_ab(log, portfolio):
    t = performance_table(log.log, portfolio, by="agency")
    assert t["agency"].tolist() == ["华信委外", "本行催收中心"]
    assert t["contacts"].sum() == len(log.log)
    assert ((t["cure_rate"] >= 0) & (t["cure_rate"] <= 1)).all()
    r = compare_strategies(log.log, portfolio)
    # the generator gives 1-30 accounts strategy A more often: the crude comparison and the
    # stratified one must not be read alike, and the caveat says so
    assert r.groups == ("A", "B")
    assert "contacts.caveat.bucket_mix" in r.caveats
    assert r.by_bucket.loc[0, "bucket"] == "1-30"
    assert r.by_bucket.loc[0, "n_a"] / r.n[0] > r.by_bucket.loc[0, "n_b"] / r.n[1]
