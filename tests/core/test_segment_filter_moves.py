"""A segment filter narrows what is counted, not the book accounts move in.

The transitions of a filtered segment are those of its accounts at month t, wherever they are at
t+1: an account that changes segment (a reassigned manager, a reclassified product) is in its real
next bucket, not an exit; an account that leaves the book in a month the segment has no other rows
is an exit, not "month unknown"; and which copy of a duplicated account-month counts is decided over
the whole book, not among the rows the filter left. The same figures as the unfiltered cube split
by that segment (its segment at t), on an upload and on a month-partitioned Parquet folder.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.core import book_from_parquet, book_from_portfolio
from analysis.ingest.portfolio import load_portfolio

MOVED = b"""account_id,month,days_past_due,balance,product
A1,2024-01,45,1000.00,cash
A1,2024-02,0,900.00,card
A2,2024-01,45,500.00,cash
A2,2024-02,75,500.00,cash
A3,2024-01,0,700.00,card
A3,2024-02,0,700.00,card
"""
# S1, the only East account, is paid off before 2024-03, a month the book has (X1 is there)
LEFT = b"""account_id,month,days_past_due,balance,product
S1,2024-01,0,100.00,East
S1,2024-02,40,100.00,East
X1,2024-01,0,500.00,West
X1,2024-02,0,500.00,West
X1,2024-03,0,500.00,West
"""


def _cells(table: pd.DataFrame) -> list[tuple]:
    return sorted((str(r.month), str(r.bucket), str(r.next_bucket), int(r.count), round(float(r.balance), 2))
                  for r in table.itertuples() if r.count)


def _folder(tmp_path, portfolio: pd.DataFrame):
    """The portfolio as a month-partitioned Parquet folder (a bank's dataset)."""
    for month, rows in portfolio.groupby("month", observed=True):
        (tmp_path / f"month={month}").mkdir()
        rows.drop(columns="month").assign(product=rows["product"].astype(str)).to_parquet(
            tmp_path / f"month={month}" / "part.parquet", index=False)
    return book_from_parquet(str(tmp_path))


def _books(data: bytes, tmp_path):
    portfolio = load_portfolio(data, "p.csv").portfolio
    return [book_from_portfolio(portfolio), _folder(tmp_path, portfolio)]


@pytest.mark.parametrize("source", [0, 1], ids=["upload", "parquet folder"])
def test_an_account_that_changes_segment_is_in_its_next_bucket_not_an_exit(tmp_path, source):
    book = _books(MOVED, tmp_path)[source]
    filtered = book.cubes(segments={"product": ["cash"]}).transitions()
    split = book.cubes().transitions(by="product")
    # A1 cured (31-60 → Current, 1,000.00) and was moved to card; A2 rolled to 61-90
    truth = [("2024-01", "31-60", "61-90", 1, 500.0), ("2024-01", "31-60", "Current", 1, 1000.0)]
    assert _cells(filtered) == truth
    assert _cells(split[split["product"] == "cash"]) == truth
    book.close()


@pytest.mark.parametrize("source", [0, 1], ids=["upload", "parquet folder"])
def test_a_segment_that_empties_exits_in_a_month_the_book_has(tmp_path, source):
    book = _books(LEFT, tmp_path)[source]
    filtered = book.cubes(segments={"product": ["East"]}).transitions()
    truth = [("2024-01", "Current", "31-60", 1, 100.0), ("2024-02", "31-60", "exit", 1, 100.0)]
    assert _cells(filtered) == truth
    book.close()


def test_the_copy_a_filter_counts_is_the_one_the_whole_book_keeps(tmp_path):
    # A 2024-01 twice: line 2 (cash, 100.00) comes first, line 3 (card, 99,999.00) is the copy
    for month, frame in {"2024-01": pd.DataFrame({"account_id": ["A", "A", "B"], "days_past_due": [0, 200, 0],
                                                  "balance": [100.0, 99999.0, 50.0], "product": ["cash", "card", "card"],
                                                  "source_row": [2, 3, 4]}),
                         "2024-02": pd.DataFrame({"account_id": ["A", "B"], "days_past_due": [0, 0],
                                                  "balance": [100.0, 50.0], "product": ["cash", "card"],
                                                  "source_row": [5, 6]})}.items():
        (tmp_path / f"month={month}").mkdir()
        frame.to_parquet(tmp_path / f"month={month}" / "part.parquet", index=False)
    book = book_from_parquet(str(tmp_path))
    cubes = book.cubes(segments={"product": ["card"]})
    aging = cubes.aging()
    january = aging[aging["month"] == "2024-01"]
    assert (int(january["count"].sum()), round(float(january["balance"].sum()), 2)) == (1, 50.0)
    assert cubes.duplicates_dropped == 1
    book.close()


def test_release_forgets_every_relation_the_cubes_made(tmp_path):
    book = _books(MOVED, tmp_path)[1]
    cubes = book.cubes(segments={"product": ["cash"]})
    cubes.transitions(), cubes.aging()
    before = set(book.engine.query("SELECT table_name FROM information_schema.tables")["table_name"])
    assert any(name.endswith(cubes._suffix) or cubes._suffix + "_" in name for name in before)
    cubes.release()
    left = set(book.engine.query("SELECT table_name FROM information_schema.tables")["table_name"])
    assert not [n for n in left if n.endswith(cubes._suffix) or cubes._suffix + "_" in n]
    assert len(cubes.transitions()) and len(cubes.aging())  # built again on demand
    book.close()
