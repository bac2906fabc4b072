"""The page caches keep the same figures in less memory (issue 11): the what-if scenario cache's
compact accounts tables and the warnings row index reading the book's account keys."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from analysis.core.cubes import book_from_portfolio
from analysis.whatif.policy import (
    NO_CHANGE, Assumptions, Policy, Rule, change_by_rule, change_by_segment, compare_scenarios, scenario_totals,
    simulate_policy, swap_set,
)
from analysis.warnings.signals import row_index
from ui import memo
from ui.whatif import state as whatif


def _features(n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    dpd = rng.choice([0, 0, 0, 5, 40, 75, 120], n)
    keys = ["Current", "1-30", "31-60", "61-90", "91-180"]
    bucket = np.select([dpd == 0, dpd <= 30, dpd <= 60, dpd <= 90], keys[:4], keys[4])
    return pd.DataFrame({
        "account_id": [f"A{i:05d}" for i in range(n)],
        "bucket": pd.Categorical(bucket, keys),
        "days_past_due": dpd,
        "balance": rng.uniform(0, 9000, n).round(2),
        "credit_limit": np.where(rng.random(n) < 0.05, np.nan, 10000.0),
        "product": pd.Categorical(rng.choice(["card", "loan"], n)),
    })


def _priced(features: pd.DataFrame, compact: bool) -> list:
    a = Assumptions({"Current": 0.02, "1-30": 0.1, "31-60": 0.3, "61-90": 0.5, "91-180": 0.8})
    policies = [NO_CHANGE, Policy("cut", (Rule("cut", 30, dpd_min=31),)),
                Policy("both", (Rule("cut", 30, dpd_min=31), Rule("raise", 10, dpd_max=0)))]
    out, shared = [], None
    for p in policies:
        r = simulate_policy(features, p, a)
        if compact:
            if shared is None:
                shared = {c: pd.Series(r.accounts[c].to_numpy(copy=True)) for c in whatif.BEFORE}
            r = replace(r, accounts=whatif.compact_accounts(r.accounts, features, shared))
        out.append(r)
    return out


def test_compact_accounts_keeps_every_figure_and_holds_less():
    f = _features()
    full, small = _priced(f, False), _priced(f, True)
    for a, b in zip(full, small):
        assert scenario_totals(a) == scenario_totals(b)
        pd.testing.assert_frame_equal(change_by_rule(a, "zh"), change_by_rule(b, "zh"), check_exact=True)
        for by in ("bucket", "product"):
            pd.testing.assert_frame_equal(change_by_segment(a, by), change_by_segment(b, by), check_exact=True)
    pd.testing.assert_frame_equal(compare_scenarios(full, 1), compare_scenarios(small, 1), check_exact=True)
    pd.testing.assert_frame_equal(swap_set(full[0], full[2]), swap_set(small[0], small[2]), check_exact=True)
    acc = small[2].accounts
    assert not set(whatif.UNREAD) & set(acc.columns)
    assert acc["rule"].dtype == np.int8 and acc["balance"].dtype == np.float64 and acc["el_after"].dtype == np.float64
    # The policy-independent columns are one array for all three scenarios.
    for col in whatif.BEFORE:
        assert np.shares_memory(small[0].accounts[col].to_numpy(), small[2].accounts[col].to_numpy()), col
    assert np.shares_memory(acc["days_past_due"].to_numpy(), f["days_past_due"].to_numpy())


def test_compact_accounts_does_not_share_a_column_that_differs():
    f = _features()
    r = _priced(f, False)[1]
    other = r.accounts["el_before"].to_numpy(copy=True)
    other[3] = np.nextafter(other[3], np.inf)  # one bit apart
    columns = r.accounts.columns.tolist()
    out = whatif.compact_accounts(r.accounts, f, {"el_before": pd.Series(other)})
    assert out["el_before"].to_numpy()[3] == r.accounts["el_before"].to_numpy()[3]
    assert not np.shares_memory(out["el_before"].to_numpy(), other)
    assert r.accounts.columns.tolist() == columns and "rate" in r.accounts.columns  # input untouched


@pytest.fixture
def upload(monkeypatch):
    rows = pd.DataFrame({"account_id": ["b", "a", "b", "c", "a"], "month": ["2024-01", "2024-01", "2024-02", "2024-02", "2024-02"],
                         "days_past_due": [0, 3, 10, 0, 0], "balance": [1.0] * 5})
    book = book_from_portfolio(rows)
    monkeypatch.setattr(memo.state, "is_dataset", lambda: False)
    monkeypatch.setattr(memo.state, "full_portfolio", lambda: rows)
    monkeypatch.setattr(memo.state, "book", lambda: book)
    yield rows, book
    book.close()


def test_row_index_reads_the_books_account_keys(upload):
    rows, book = upload
    own = row_index(rows)
    shared = memo.with_book_account_codes(own, rows)
    assert shared.account_code is not own.account_code
    assert np.array_equal(shared.account_code, own.account_code) and shared.account_code.dtype == own.account_code.dtype
    assert shared.months == own.months and shared.first_overdue.tolist() == own.first_overdue.tolist()


def test_row_index_of_filtered_rows_keeps_its_own_codes(upload):
    rows, _ = upload
    part = rows[rows["month"] == "2024-02"]
    own = row_index(part)
    assert memo.with_book_account_codes(own, part) is own


def test_the_window_outcomes_are_kept_as_bits_and_read_back_exactly(full_sample_portfolio):
    from analysis.whatif.pd import window_outcomes
    df = full_sample_portfolio
    assert len(df) % 8  # the last byte of bits is partly padding
    expected = window_outcomes(df, whatif.HORIZON, whatif.DEFAULT_DPD)
    n, bits = whatif.packed(expected)
    assert n == len(df) and sum(b.nbytes for b in bits) == 2 * ((len(df) + 7) // 8)
    for e, g in zip(expected, whatif.unpacked(n, bits), strict=True):
        assert g.dtype == bool and np.array_equal(e, g)
