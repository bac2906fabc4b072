"""The what-if's row passes read the session's row index and count on grids: same figures as the
plain passes (a sort of every row, a groupby of every window), on panels with gaps, exits,
returns and duplicate rows."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS
from analysis.warnings.signals import row_index
from analysis.whatif import pd as whatif_pd
from analysis.whatif.account_pd import cell_outcomes
from analysis.whatif.pd import _reached_by_sort, window_outcomes
from analysis.whatif.policy import panel_codes, snapshot_features


def _panel(seed: int, accounts: int = 300, months: int = 20, duplicates: int = 0) -> pd.DataFrame:
    """Accounts that join late, leave, come back; months with a gap; DPD often past 90."""
    rng = np.random.default_rng(seed)
    calendar = [f"{2021 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}" for m in range(months + 2) if m not in (7, 8)]
    rows = []
    for a in range(accounts):
        start = int(rng.integers(0, len(calendar) // 2))
        for m in calendar[start:]:
            if rng.random() < 0.15:
                continue  # a month off the book
            rows.append((f"A{a:04d}", m, int(rng.choice([0, 0, 0, 5, 35, 65, 95, 200])), float(rng.integers(0, 900)),
                         float(rng.choice([0.0, 500.0, 1000.0, np.nan])), float(rng.choice([550.0, 650.0, 750.0, np.nan]))))
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "balance", "credit_limit", "score"])
    if duplicates:
        df = pd.concat([df, df.sample(duplicates, random_state=seed).assign(days_past_due=120)], ignore_index=True)
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # rows in no order


def _reference_reached(df: pd.DataFrame, horizon: int, default_dpd: int) -> np.ndarray:
    mcodes, months, acc, _ = panel_codes(df)
    ords = np.array([int(m[:4]) * 12 + int(m[5:]) - 1 for m in months])[mcodes]
    return _reached_by_sort(acc, ords, df["days_past_due"].to_numpy() >= default_dpd, horizon)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("horizon,default_dpd", [(12, 91), (3, 31), (1, 1)])
def test_window_outcomes_on_the_grid_match_the_sort(seed, horizon, default_dpd):
    df = _panel(seed)
    eligible, reached = window_outcomes(df, horizon, default_dpd)
    assert np.array_equal(reached, _reference_reached(df, horizon, default_dpd))
    assert 0 < reached.sum() < len(df)  # the panel exercises both answers
    given = window_outcomes(df, horizon, default_dpd, index=row_index(df))
    assert np.array_equal(given[0], eligible) and np.array_equal(given[1], reached)


def test_window_outcomes_with_two_rows_in_a_month_answer_as_the_sort_did(monkeypatch):
    # A duplicate account-month: "a later row" may be the same month, which the grid cannot say.
    df = _panel(5, duplicates=40)
    calls = []
    original = whatif_pd._reached_on_grid
    monkeypatch.setattr(whatif_pd, "_reached_on_grid", lambda *a: calls.append(original(*a)) or calls[-1])
    _, reached = window_outcomes(df, 12, 91)
    assert calls == [None]
    assert np.array_equal(reached, _reference_reached(df, 12, 91))


def test_window_outcomes_read_a_small_example_by_hand():
    df = pd.DataFrame({"account_id": ["a", "a", "a", "b", "b"],
                       "month": ["2024-01", "2024-02", "2024-04", "2024-01", "2024-03"],
                       "days_past_due": [0, 0, 95, 95, 0]})
    eligible, reached = window_outcomes(df, 2, 91)
    assert eligible.tolist() == [True, True, False, True, False]
    # a: Jan sees Feb and Mar (no 91+ in them); Feb sees Apr. b's 91+ in Jan is not after Jan.
    assert reached.tolist() == [False, True, False, False, False]


@pytest.mark.parametrize("month", [None, "2021-09"])
def test_snapshot_features_with_the_row_index_are_the_same(month):
    df = _panel(3)
    pd.testing.assert_frame_equal(snapshot_features(df, month, M_BUCKETS, index=row_index(df)),
                                  snapshot_features(df, month, M_BUCKETS), check_exact=True)


def test_a_row_index_of_other_rows_is_refused():
    df = _panel(4)
    with pytest.raises(ValueError):
        window_outcomes(df.iloc[:-1], 12, 91, index=row_index(df))


def _reference_cells(df: pd.DataFrame, outcomes) -> pd.DataFrame:
    """The cell counts as a groupby of every complete window (how they were first counted)."""
    from analysis.core.buckets import bucket_codes
    from analysis.whatif.account_pd import _score_band, _util_band

    eligible, reached = outcomes
    score = df["score"].to_numpy(dtype=np.float64)
    pool = score[eligible & ~np.isnan(score)]
    edges = np.unique(np.quantile(pool, [1 / 3, 2 / 3]))
    frame = pd.DataFrame({
        "bucket": bucket_codes(df["days_past_due"].to_numpy(), DEFAULT_BUCKETS).astype(np.int64)[eligible],
        "score_band": _score_band(score, edges)[eligible],
        "util_band": _util_band(df["balance"].to_numpy(dtype=np.float64), df["credit_limit"].to_numpy())[eligible],
        "n": 1, "bad": reached[eligible].astype(np.int64)})
    return frame.groupby(["bucket", "score_band", "util_band"], sort=True).sum().reset_index()


@pytest.mark.parametrize("seed", [0, 6])
def test_cell_counts_match_a_groupby_of_the_windows(seed):
    df = _panel(seed)
    outcomes = window_outcomes(df, 3, 91)
    cells = cell_outcomes(df, DEFAULT_BUCKETS, horizon=3, outcomes=outcomes)
    pd.testing.assert_frame_equal(cells, _reference_cells(df, outcomes), check_exact=True)
    assert (cells["util_band"] == -1).any() and (cells["score_band"] == -1).any()  # unknown bands kept
    given = cell_outcomes(df, DEFAULT_BUCKETS, horizon=3, outcomes=outcomes, index=row_index(df))
    pd.testing.assert_frame_equal(given, cells, check_exact=True)
    assert given.attrs == cells.attrs


def test_cell_counts_of_a_book_without_complete_windows_are_empty():
    df = _panel(7, months=3)
    cells = cell_outcomes(df, DEFAULT_BUCKETS, horizon=12)
    assert list(cells.columns) == ["bucket", "score_band", "util_band", "n", "bad"] and len(cells) == 0


@pytest.mark.parametrize("method", ["auto", "observed", "markov"])
def test_pd_table_with_the_months_given_is_the_same(method):
    df = _panel(8, months=16)
    pd.testing.assert_frame_equal(
        whatif_pd.pd_table_or_fallback(df, DEFAULT_BUCKETS, method=method, panel_months=row_index(df).months),
        whatif_pd.pd_table_or_fallback(df, DEFAULT_BUCKETS, method=method), check_exact=True)


@pytest.mark.parametrize("values", [
    pd.Series(pd.Categorical(["a", " ", "", None, "b", "a"])),
    pd.Series(pd.Categorical(["x", "  ", "x"], categories=["x", "  ", "zz"], ordered=True), name="seg"),
    pd.Series(pd.Categorical([1.0, np.nan, 2.0])),
    pd.Series(pd.Categorical(["a", "b"])),
])
def test_blank_segments_are_found_among_the_categories(values):
    from analysis.whatif.policy import BLANK, _with_blank

    out = _with_blank(values)
    text_blank = (values.isna() | (values.astype("string").str.strip() == "").fillna(False)).to_numpy(dtype=bool)
    assert (out.astype(object) == BLANK).to_numpy().tolist() == text_blank.tolist()
    assert (out is values) == (not text_blank.any())
    kept = ~text_blank
    assert out[kept].astype(object).tolist() == values[kept].astype(object).tolist()


def test_window_outcomes_over_more_than_255_months_match_the_sort():
    # Past 255 months the grid's running counts need two bytes.
    rng = np.random.default_rng(9)
    months = [f"{1990 + m // 12}-{m % 12 + 1:02d}" for m in range(300)]
    rows = [(f"A{a}", m, int(rng.choice([0, 95]))) for a in range(6) for m in months if rng.random() < 0.9]
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due"])
    _, reached = window_outcomes(df, 12, 91)
    assert np.array_equal(reached, _reference_reached(df, 12, 91))
