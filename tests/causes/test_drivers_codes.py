"""The drivers read each distinct value once instead of turning every row into text: the bins,
WoE tables, segment rates and tests must be the ones the row-by-row texts give."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.causes.drivers import (MAX_LEVELS, _holm, _numeric_view, attribute_bins, segment_independence,
                                     segment_rates, woe_table)


def _frame(n: int = 4000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "bad": rng.random(n) < 0.2,
        "balance": rng.gamma(2.0, 500.0, n),
        # Integer categories with gaps: a category of numbers reads "3.0" when the column has a gap.
        "grade": pd.Categorical(np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 5, n))),
        "region": pd.Categorical(rng.choice(["北", "南", "East", "west"], n)),
        # Texts that read alike (1 and "1") or as the fillers themselves.
        "mixed": pd.Series(rng.choice(["x", "y", None, 1, "1", "(other)", "missing", "—"], n), dtype=object),
        "branch": pd.Categorical(rng.choice([f"b{i:02d}" for i in range(25)], n, p=np.arange(1, 26) / 325)),
        "age": pd.Categorical(np.where(rng.random(n) < 0.05, np.nan, rng.integers(18, 70, n))),
        "flag": rng.random(n) < 0.3,
    })


def _row_texts(values: pd.Series, fill: str) -> pd.Series:
    return values.astype("string").fillna(fill)


def _woe_by_rows(frame: pd.DataFrame, attribute: str) -> pd.DataFrame:
    """Counts per bin from the row-by-row labels (grouped by their texts)."""
    labels = attribute_bins(frame[attribute])
    text = labels.astype("string") if not isinstance(labels.dtype, pd.CategoricalDtype) else labels
    grouped = pd.DataFrame({"bin": text.array, "bad": frame["bad"].astype(np.int64)}).groupby(
        "bin", observed=True, sort=True)
    return pd.DataFrame({"count": grouped.size(), "bad": grouped["bad"].sum()}).reset_index()


@pytest.mark.parametrize("attribute", ["grade", "region", "mixed", "branch", "age", "flag", "balance"])
def test_woe_counts_are_the_row_by_row_counts(attribute):
    frame = _frame()
    ours = woe_table(frame, attribute)
    rows = _woe_by_rows(frame, attribute)
    assert ours["bin"].tolist() == rows["bin"].astype(str).tolist()
    assert ours["count"].tolist() == rows["count"].tolist() and ours["bad"].tolist() == rows["bad"].tolist()


def test_category_texts_read_as_every_row_reads_them():
    frame = _frame()
    for col in ("grade", "region", "mixed", "flag"):
        expected = _row_texts(frame[col], "missing")
        assert attribute_bins(frame[col]).tolist() == expected.tolist()
    assert "3.0" in set(attribute_bins(frame["grade"]))  # the gap makes the numbers floats


def test_a_many_level_category_keeps_its_eleven_largest():
    frame = _frame()
    bins = attribute_bins(frame["branch"])
    text = _row_texts(frame["branch"], "missing")
    top = set(text.value_counts().index[: MAX_LEVELS - 1])
    assert bins.tolist() == text.where(text.isin(top), "(other)").tolist()
    assert bins.nunique() == MAX_LEVELS


def test_a_tie_at_the_eleventh_place_is_broken_as_value_counts_breaks_it():
    values = pd.Series(pd.Categorical(np.repeat([f"c{i:02d}" for i in range(15)], 10)[::-1]))
    text = _row_texts(values, "missing")
    top = set(text.value_counts().index[: MAX_LEVELS - 1])
    assert attribute_bins(values).tolist() == text.where(text.isin(top), "(other)").tolist()


def test_a_category_of_numbers_with_many_levels_is_binned_as_numbers():
    frame = _frame()
    view = _numeric_view(frame["age"])
    expected = pd.to_numeric(frame["age"].astype("string"), errors="coerce").astype(np.float64)
    pd.testing.assert_series_equal(view, expected, check_exact=True)
    assert str(attribute_bins(frame["age"]).dtype) == "category"


@pytest.mark.parametrize("by", ["grade", "region", "mixed", "branch"])
def test_segment_rates_and_chi_square_match_the_row_texts(by):
    from scipy import stats

    frame = _frame(seed=3)
    ours = segment_rates(frame, by)
    text = _row_texts(frame[by], "—")
    grouped = frame.assign(segment=text.to_numpy()).groupby("segment", sort=True)
    counts = grouped.size()
    assert sorted(ours["segment"]) == counts.index.tolist()
    assert ours.set_index("segment")["count"].reindex(counts.index).tolist() == counts.tolist()
    assert ours.set_index("segment")["bad"].reindex(counts.index).tolist() == grouped["bad"].sum().tolist()
    table = pd.crosstab(text, frame["bad"])
    chi2, p, dof, _ = stats.chi2_contingency(table.to_numpy(), correction=False)
    assert segment_independence(frame, by) == {"chi2": float(chi2), "dof": float(dof), "p_value": float(p)}


def test_holm_is_statsmodels_holm():
    multipletests = pytest.importorskip("statsmodels.stats.multitest").multipletests
    rng = np.random.default_rng(0)
    for n in range(1, 30):
        p = rng.choice([0.01, 0.02, 0.5, 1.0, 0.0, 0.3, np.nan, rng.random()], n)
        ok = ~np.isnan(p)
        expected = np.full(n, np.nan)
        if ok.any():
            expected[ok] = multipletests(p[ok], method="holm")[1]
        assert np.array_equal(_holm(p), expected, equal_nan=True)
