"""An upload's book holds no second copy of the portfolio: DuckDB scans the frame's own buffers.

The session keeps the portfolio (pandas) and its book (Arrow registered in DuckDB) side by side
for its whole life; every column the two share must be the same memory, so the book adds only the
integer keys the cubes join and group on.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from analysis.core import book_from_portfolio
from analysis.ingest.portfolio import load_portfolio
from bench.panel import make_bench_panel, panel_to_csv_bytes

# Integer arrays only the book has: account_key, row_no, month_idx (int32 each).
OWN_COLUMNS = {"account_key", "row_no", "month_idx"}


def _buffers_of(values) -> set[int]:
    """Addresses of the memory behind a pandas column (Arrow-backed or NumPy)."""
    array = values.array
    if hasattr(array, "_pa_array"):
        return {b.address for chunk in array._pa_array.chunks for b in chunk.buffers() if b is not None}
    if hasattr(array, "codes"):  # a categorical: its codes
        return {np.asarray(array.codes).__array_interface__["data"][0]}
    return {np.asarray(array).__array_interface__["data"][0]}


def test_the_book_shares_every_column_it_has_in_common_with_the_portfolio():
    portfolio = load_portfolio(panel_to_csv_bytes(make_bench_panel(2_000, 6, seed=5)), "book.csv").portfolio
    book = book_from_portfolio(portfolio)
    try:
        table: pa.Table = book.engine._source
        names = {alias: col for col, alias in book.aliases.items()}
        own, copied = 0, []
        for name in table.column_names:
            column = table[name]
            if name in OWN_COLUMNS:
                own += column.nbytes
                continue
            shared = _buffers_of(portfolio[names.get(name, name)])
            for chunk in column.chunks:
                data = chunk.indices if isinstance(chunk, pa.DictionaryArray) else chunk
                # The values buffer (the last: offsets come before the characters of a text column).
                buffers = [b for b in data.buffers() if b is not None]
                if buffers and not any(b.address in shared for b in buffers[1:] or buffers):
                    copied.append(name)
        assert not copied, f"the book copied {copied}"
        assert own == (4 + 4 + 2) * len(portfolio)  # account_key, row_no (int32), month_idx (int16)
    finally:
        book.close()


def test_the_cubes_copy_nothing_into_duckdb():
    portfolio = load_portfolio(panel_to_csv_bytes(make_bench_panel(500, 4, seed=6)), "book.csv").portfolio
    book = book_from_portfolio(portfolio)
    try:
        cubes = book.cubes()
        cubes.aging(), cubes.transitions(), cubes.states_in_row_order()
        kinds = book.engine.con.execute("SELECT DISTINCT table_type FROM information_schema.tables").fetchall()
        assert kinds == [("VIEW",)]  # the bucketed panel is read where it is used, never stored
        held = book.engine.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
        assert held == 0
    finally:
        book.close()
