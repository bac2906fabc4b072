"""Rows whose segment cell is blank are a segment of their own (BLANK_SEGMENT) in every cube and
filter: left out, a split by region lost their accounts and wrote their shares as "nan"."""
from __future__ import annotations

import pandas as pd

from analysis.aging.rates import aging_distribution
from analysis.core import book_from_portfolio
from analysis.core.schema import BLANK_SEGMENT


def _book():
    return pd.DataFrame({
        "account_id": ["A1", "A2", "A3", "A4"], "month": ["2024-06"] * 4, "days_past_due": [0, 45, 0, 100],
        "balance": [100.0, 200.0, 300.0, 400.0],
        "region": pd.Categorical(["华东", "华东", None, None]),
    })


def test_a_split_by_segment_keeps_the_rows_without_one_and_adds_up():
    cubes = book_from_portfolio(_book()).cubes()
    cube = cubes.aging("region")
    assert list(cube["region"].cat.categories) == ["华东", BLANK_SEGMENT]
    blank = cube[cube["region"] == BLANK_SEGMENT]
    assert blank["count"].sum() == 2 and blank["balance"].sum() == 700.0
    assert cube["count"].sum() == 4 and cube["balance"].sum() == 1000.0
    dist = aging_distribution(cube, "2024-06", "region")
    shares = dist[dist["region"] == BLANK_SEGMENT]["balance_share"]
    assert shares.notna().all() and abs(shares.sum() - 1.0) < 1e-12


def test_filtering_on_the_blank_segment_keeps_exactly_the_rows_without_one():
    book = book_from_portfolio(_book())
    blank_only = book.cubes(segments={"region": [BLANK_SEGMENT]}).aging()
    assert blank_only["count"].sum() == 2 and blank_only["balance"].sum() == 700.0
    both = book.cubes(segments={"region": ["华东", BLANK_SEGMENT]}).aging()
    assert both["count"].sum() == 4
    assert book.cubes(segments={"region": ["华东"]}).aging()["balance"].sum() == 300.0


def test_the_accounts_behind_the_blank_segment_are_the_rows_without_one():
    from analysis.aging.rates import drill_down
    from analysis.core import attach_states

    book = book_from_portfolio(_book())
    cubes = book.cubes()
    rows = attach_states(_book(), cubes.states("2024-06"))
    accounts = drill_down(rows, "2024-06", by="region", segment=BLANK_SEGMENT, masked=False)
    assert sorted(accounts["account_id"]) == ["A3", "A4"]
