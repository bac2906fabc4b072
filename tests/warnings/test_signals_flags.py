"""warning_flags (what the overview counts warned accounts from) gives warning_signals' own figures.

The book has what makes the full path subtle: written reasons (blank, wilful, other; the latest
in the window wins), owners and segments, personal data, duplicate rows of one account in one
month (the last one wins), accounts entering and leaving, payments, limits, scores, and the same
book with pandas' nullable and Arrow dtypes (read through pandas, not numpy).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, custom_buckets
from analysis.overview import findings as fd
from analysis.warnings.signals import (
    SIGNALS, Clause, WarningThresholds, level_outcomes, level_summary, row_index, warning_flags, warning_levels,
    warning_signals,
)

MONTHS = [f"2024-{m:02d}" for m in range(1, 9)]
FLAG_COLUMNS = ["month", "days_past_due", "balance", *SIGNALS, "n_signals"]
RULE = {"red": (Clause(signals=("wilful",)), Clause(min_count=2, min_dpd=31)),
        "orange": (Clause(signals=("score_drop",)),), "yellow": (Clause(min_count=1),)}


def _book(n_accounts: int = 600, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for a in range(n_accounts):
        start, end = rng.integers(0, 4), rng.integers(4, len(MONTHS) + 1)  # enters late, leaves early
        dpd, bal, limit, score = 0, float(rng.integers(100, 5000)), float(rng.choice([0, 3000, 6000])), 700
        for m in MONTHS[start:end]:
            dpd = max(0, dpd + int(rng.choice([-30, 0, 0, 15, 31, 40])))
            bal = max(0.0, bal * float(rng.choice([0.7, 1.0, 1.2, 1.8])))
            score = score - int(rng.choice([0, 0, 10, 45]))
            reason = rng.choice(["", "  ", "恶意拖欠", "失业", "家庭变故", "忘记还款", None])
            row = {"account_id": f"A{a:04d}", "month": m, "days_past_due": dpd, "balance": round(bal, 2),
                   "credit_limit": limit, "score": score, "due_amount": 100.0,
                   "paid_amount": float(rng.choice([0.0, 99.999, 100.0, 50.0])), "overdue_reason": reason,
                   "owner": rng.choice(["王", "李", None]), "region": rng.choice(["华东", "华南"]),
                   "customer_name": f"客户{a}"}
            rows.append(row)
            if rng.random() < 0.03:  # a duplicate row of the same account-month, with other values
                rows.append({**row, "days_past_due": dpd + 45, "balance": round(bal * 1.5, 2),
                             "overdue_reason": "恶意逃废债"})
    df = pd.DataFrame(rows)
    df[["owner", "region"]] = df[["owner", "region"]].astype("category")
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # rows in no particular order


@pytest.fixture(scope="module")
def books() -> dict[str, pd.DataFrame]:
    numpy_book = _book()
    other = numpy_book.copy()
    other["days_past_due"] = other["days_past_due"].astype("Int64")
    other["balance"] = other["balance"].astype("Float64")
    other["credit_limit"] = other["credit_limit"].astype("double[pyarrow]")
    other["score"] = other["score"].astype("Int64").mask(other.index % 17 == 0)  # some scores missing
    return {"numpy": numpy_book, "nullable": other}


THRESHOLDS = [None, WarningThresholds(rising_months=3, utilisation_level=0.5, score_drop=20, payment_share=0.5,
                                      disabled=("balance_growth",))]


@pytest.mark.parametrize("kind", ["numpy", "nullable"])
@pytest.mark.parametrize("thresholds", THRESHOLDS)
@pytest.mark.parametrize("buckets", [DEFAULT_BUCKETS, custom_buckets([1, 61])])
def test_flags_are_the_signals_own_columns(books, kind, thresholds, buckets):
    df = books[kind]
    index = row_index(df)
    scores = pd.Series(np.linspace(0, 1, 40), index=[f"A{a:04d}" for a in range(0, 400, 10)])
    for month in (MONTHS[0], MONTHS[1], MONTHS[4], MONTHS[-1]):
        for scored in (None, scores):
            full = warning_signals(df, month, thresholds, buckets, scores=scored, index=index)
            light = warning_flags(df, month, thresholds, buckets, scores=scored, index=index)
            assert list(light.columns) == FLAG_COLUMNS
            pd.testing.assert_frame_equal(light, full[FLAG_COLUMNS], check_dtype=False)
            assert light["days_past_due"].dtype == np.int64 and light["balance"].dtype == np.float64
            for rule in (None, RULE):
                lv_full = warning_levels(full, rule or fd.DEFAULT_RULE)
                lv_light = warning_levels(light, rule or fd.DEFAULT_RULE)
                pd.testing.assert_series_equal(lv_light, lv_full)
                pd.testing.assert_frame_equal(level_summary(light, lv_light), level_summary(full, lv_full))
    # the full frame still carries the accounts, owners and causes the warnings page lists
    assert {"account_id", "owner", "region", "customer_name", "cause", "bucket"} <= set(full.columns)


@pytest.mark.parametrize("kind", ["numpy", "nullable"])
@pytest.mark.parametrize("thresholds", THRESHOLDS)
def test_backtest_from_flags_is_the_backtest_from_the_full_signals(books, kind, thresholds):
    df = books[kind]
    index = row_index(df)
    for month in (MONTHS[1], MONTHS[4], MONTHS[-1]):
        prev = MONTHS[MONTHS.index(month) - 1]
        full_prev = warning_signals(df, prev, thresholds, index=index)  # the full table, as before
        for rule in (fd.DEFAULT_RULE, RULE):
            expected = level_outcomes(df, month, thresholds, rule, index=index, prev_signals=full_prev)
            pd.testing.assert_frame_equal(level_outcomes(df, month, thresholds, rule, index=index), expected)
            pd.testing.assert_frame_equal(
                level_outcomes(df, month, thresholds, rule, index=index,
                               prev_signals=warning_flags(df, prev, thresholds, index=index)), expected)


@pytest.mark.parametrize("dictionary", [None, "edited"])
def test_the_overviews_counts_are_the_warnings_pages_counts(books, dictionary):
    # What the overview keeps per month (warning_signals_for) counts the warned accounts,
    # balances and backtest the full signal table gives with the same reason dictionary.
    from analysis.causes.dictionary import classify_reasons, default_dictionary

    df = books["numpy"]
    index = row_index(df)
    words = None
    if dictionary == "edited":  # "失业" now counts as wilful: the wilful signal follows the dictionary
        words = default_dictionary()
        words.loc[words["keyword"] == "失业", "category"] = "wilful_default"
    classifier = None if words is None else (lambda reasons: classify_reasons(reasons, words))
    for month in (MONTHS[1], MONTHS[5]):
        kept = fd.warning_signals_for(df, month, DEFAULT_BUCKETS, None, words, index)
        full = warning_signals(df, month, classifier=classifier, index=index)
        pd.testing.assert_frame_equal(fd.warning_levels_for(df, month, dictionary=words, index=index, signals=kept),
                                      level_summary(full, warning_levels(full)))
        assert fd.warning_levels_for(df, month, dictionary=words, index=index, signals=kept)["accounts"].sum() > 0
        prev = MONTHS[MONTHS.index(month) - 1]
        pd.testing.assert_frame_equal(
            fd.warning_outcomes_for(df, month, dictionary=words, index=index,
                                    prev_signals=fd.warning_signals_for(df, prev, DEFAULT_BUCKETS, None, words, index)),
            level_outcomes(df, month, classifier=classifier, index=index,
                           prev_signals=warning_signals(df, prev, classifier=classifier, index=index)))


def test_flags_of_a_book_without_optional_columns_and_of_an_empty_month():
    df = pd.DataFrame({"account_id": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-01"],
                       "days_past_due": [0, 40, 0], "balance": [10.0, 10.0, 5.0]})
    pd.testing.assert_frame_equal(warning_flags(df, "2024-02"), warning_signals(df, "2024-02")[FLAG_COLUMNS])
    pd.testing.assert_frame_equal(warning_flags(df, "2024-01"), warning_signals(df, "2024-01")[FLAG_COLUMNS])


@pytest.mark.parametrize("order", ["by month", "shuffled"])
def test_the_row_index_finds_each_months_rows_without_holding_their_positions(order):
    df = _book(200)
    df = df.sort_values(["month", "account_id"], kind="stable") if order == "by month" \
        else df.sample(frac=1.0, random_state=3)
    df = df.reset_index(drop=True)
    index = row_index(df)
    months = df["month"].astype(str).to_numpy()
    assert len(index.month_rows) == len(index.months) == len(set(months))
    for i, month in enumerate(index.months):
        np.testing.assert_array_equal(index.month_rows[i], np.flatnonzero(months == month))
        assert index.month_rows[i].dtype == np.int32
    assert index.rows_of([index.months[0], index.months[-1]]).tolist() == \
        np.flatnonzero((months == index.months[0]) | (months == index.months[-1])).tolist()
    # each account's first month overdue, as the rows say
    overdue = df[df["days_past_due"] >= 1]
    first = overdue.groupby("account_id")["month"].min()
    codes, accounts = pd.factorize(df["account_id"])
    expected = [index.months.index(first[a]) if a in first.index else len(index.months) for a in accounts]
    assert index.first_overdue.tolist() == expected
    # per row: a month code and an account code, nothing else of the rows' length
    held = [v.nbytes for v in vars(index).values() if isinstance(v, np.ndarray) and len(v) == len(df)]
    assert sum(held) == index.month_code.nbytes + index.account_code.nbytes
    assert (index.month_bounds is not None) == (order == "by month")


@pytest.mark.parametrize("settings", ["defaults", "changed"])
def test_the_warnings_pages_backtest_is_the_overviews(full_sample_portfolio, settings):
    """The warnings page reads the overview's cached backtest (``ui.memo.warning_outcomes``) when
    no model score is a signal: the same figures as its own backtest on its full signals."""
    from analysis.causes.dictionary import classify_reasons, default_dictionary
    from analysis.warnings.signals import DEFAULT_RULE

    df = full_sample_portfolio
    index = row_index(df)
    words = default_dictionary()
    thresholds, rule = WarningThresholds(), DEFAULT_RULE
    if settings == "changed":
        words.loc[words["keyword"] == "失业", "category"] = "wilful_default"
        thresholds, rule = WarningThresholds(utilisation_level=0.5), RULE
    month = index.months[-1]
    prev = index.months[-2]
    # the warnings page: its own full signals of the month before
    classifier = lambda reasons: classify_reasons(reasons, words)  # noqa: E731
    before = warning_signals(df, prev, thresholds, DEFAULT_BUCKETS, classifier=classifier, index=index)
    page = level_outcomes(df, month, thresholds, rule, DEFAULT_BUCKETS, classifier, index=index, prev_signals=before)
    # the overview: its light flags of the month before, the defaults given as None
    norm_th = None if thresholds == WarningThresholds() else thresholds
    norm_rule = None if rule is DEFAULT_RULE else rule
    flags = fd.warning_signals_for(df, prev, DEFAULT_BUCKETS, norm_th, words, index)
    overview = fd.warning_outcomes_for(df, month, DEFAULT_BUCKETS, norm_th, norm_rule, words, index, prev_signals=flags)
    pd.testing.assert_frame_equal(overview, page)
