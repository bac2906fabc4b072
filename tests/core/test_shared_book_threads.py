"""A book and its cubes used by many sessions at once (ui.sharing shares the sample's)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from analysis.core import book_from_portfolio
from analysis.ingest.portfolio import load_portfolio
from tests.conftest import REPO


@pytest.fixture(scope="module")
def book():
    path = REPO / "data" / "sample" / "sample_portfolio.csv"
    shared = book_from_portfolio(load_portfolio(path.read_bytes(), path.name).portfolio)
    yield shared
    shared.close()


def test_sessions_define_their_cubes_on_one_book_at_the_same_moment(book):
    # DuckDB refuses a second call on a busy connection ("connection is busy with another call")
    expected = book.cubes().rates()
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: book.cubes().rates(), range(32)))
    for rates in got:  # to the cent: DuckDB's parallel sums may differ in their last bits between runs
        pd.testing.assert_frame_equal(rates, expected, check_exact=False, rtol=0, atol=0.005)


def test_sessions_read_one_shared_cubes_at_the_same_moment(book):
    shared = book.cubes()
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda i: (shared.rates, shared.transitions, shared.aging)[i % 3](), range(24)))
    # computed once and shared: every session reads the very same frame
    assert got[0] is shared.rates() and got[1] is shared.transitions() and got[2] is shared.aging()
