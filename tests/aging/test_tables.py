"""The tables behind the aging charts (analysis.aging.tables): kinds, units, totals, languages."""
from __future__ import annotations

import pandas as pd
import pytest
from pytest import approx

from analysis.aging import rates as A
from analysis.aging import tables as TB
from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.core.view import View


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_distribution_table_reconciles_and_scales(tiny_cubes, lang):
    dist = A.aging_distribution(tiny_cubes.aging(), "2024-02")
    before = dist.copy()
    table = TB.distribution_table(dist, View(lang=lang, unit="wan", month="2024-02"))
    pd.testing.assert_frame_equal(dist, before)  # never mutate the input
    frame = table.frame
    assert frame.iloc[:-1, 0].tolist() == [DEFAULT_BUCKETS.label_of(str(k), lang) for k in dist["bucket"]]
    assert frame.iloc[-1, 1] == int(dist["count"].sum())
    assert frame.iloc[-1, 3] == approx(350 / 1e4)  # the total balance, in 万元
    assert frame.iloc[-1, 2] == approx(1.0)  # shares kept as shares
    assert [table.kind(c) for c in frame.columns[:5]] == ["text", "count", "rate", "amount", "rate"]
    assert "万元" in frame.columns[3] or "CNY 10k" in frame.columns[3]
    assert "aging.col" not in " ".join(frame.columns)


def test_month_figures_reconcile_with_the_book(tiny_cubes):
    dist = A.aging_distribution(tiny_cubes.aging(), "2024-02")
    figures = TB.month_figures(dist, tiny_cubes.rates(), "2024-02")
    assert figures.reconciled
    assert (figures.count, figures.balance) == (3, approx(350.0))
    assert figures.overdue_rate == approx(figures.overdue_balance / 350.0)
    off = TB.MonthFigures(3, 350.0, None, 0.0, 0.0, 3, 350.01)
    assert not off.reconciled


def test_rate_changes_stay_shares_and_are_points(tiny_cubes):
    lines = A.rate_lines(tiny_cubes.rates(), "balance")
    table = TB.rate_table(lines, View(lang="en"))
    change = table.frame.columns[3]
    assert table.kind(change) == "pp"
    assert table.frame[change].tolist() == approx(lines["change"].tolist(), nan_ok=True)
    assert table.text_frame("en")[change].iloc[-1].endswith(" pp")


def test_roll_table_has_exit_and_base_in_the_measure(tiny_cubes):
    long = A.roll_matrix_long(tiny_cubes.transitions(), None, "count")
    table = TB.roll_table(long, View(lang="en", measure="count"), title_months="2024-01 → 2024-02")
    columns = list(table.frame.columns)
    assert "Exit" in columns and table.kind(columns[-1]) == "count"
    rows = table.frame.iloc[:, 1:-1].sum(axis=1, min_count=1).dropna()  # buckets empty at t have no rates
    assert rows.tolist() == approx([1.0] * len(rows))
    by_balance = TB.roll_table(A.roll_matrix_long(tiny_cubes.transitions(), None, "balance"), View(lang="en", unit="yuan"))
    assert by_balance.kind(by_balance.frame.columns[-1]) == "amount"


def test_cell_grid_carries_the_segment_values():
    seg = pd.DataFrame({"product": pd.Categorical(["p", "p", "q"]), "bucket": ["Current", "31-60", "181+"],
                        "count": [2, 1, 4]})
    grid = TB.cell_grid(seg, View(lang="zh"), by="product", by_label="产品")
    assert grid.shown_columns[0] == "产品" and "_segment" not in grid.shown_columns
    assert grid.frame["_segment"].astype(str).tolist() == ["p", "q"]
    assert grid.shown_columns[1:] == list(DEFAULT_BUCKETS.labels("zh"))
    assert int(grid.frame[grid.shown_columns[1:]].to_numpy().sum()) == 7
    assert grid.frame.iloc[1, -2] == 4  # q's accounts in 181+, the last shown column


def test_class_tables_name_their_classes(tiny_cubes):
    from analysis.aging import regulatory as R

    view = View(lang="en", month="2024-02", unit="yuan")
    stages = R.ifrs9_distribution(tiny_cubes.dpd(), "2024-02", *R.IFRS9_DEFAULT)
    table = TB.ifrs9_table(stages, view)
    assert table.frame.iloc[:, 0].tolist() == ["Stage 1", "Stage 2", "Stage 3"]
    assert table.key == "aging_ifrs9_2024-02"
    assert table.frame.iloc[:, 4].sum() == approx(350.0)
