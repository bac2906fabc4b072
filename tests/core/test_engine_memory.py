"""What a DuckDB query frees leaves the process: the session's memory is what it holds.

DuckDB's allocator keeps memory a query freed, per thread, unless the task peaked above
``allocator_flush_threshold`` (128 MB by default). On the 2.4M-row bench book a session's cubes left
~110 MB of it in the server for the session's life (``python -m bench session``). The engine flushes
after any task above 1 MB and lets the allocator's background threads return freed pages.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.core import book_from_portfolio
from analysis.core.engine import ALLOCATOR_FLUSH_THRESHOLD, DuckDBEngine, EngineMemoryError

# A window over 4M rows partitioned 100,000 ways: what the transition cube does, at the size where
# DuckDB's default settings kept 67-105 MB after three runs (4 MB with the engine's).
WINDOW = ("SELECT sum(l) AS s FROM (SELECT LEAD(i) OVER (PARTITION BY i % 100000 ORDER BY i) AS l "
          "FROM range(4000000) t(i))")


def _rss_mb() -> float:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def test_the_engine_hands_freed_memory_back_after_each_task():
    engine = DuckDBEngine()
    try:
        settings = dict(engine.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('allocator_flush_threshold', 'allocator_background_threads')").fetchall())
        assert settings["allocator_background_threads"] == "true"
        # DuckDB renders the threshold its own way: compare with a connection told the same.
        told = duckdb.connect(":memory:", config={"allocator_flush_threshold": ALLOCATOR_FLUSH_THRESHOLD})
        try:
            expected = told.execute("SELECT current_setting('allocator_flush_threshold')").fetchone()[0]
            default = duckdb.connect(":memory:")
            try:
                assert expected != default.execute("SELECT current_setting('allocator_flush_threshold')").fetchone()[0]
            finally:
                default.close()
        finally:
            told.close()
        assert settings["allocator_flush_threshold"] == expected
    finally:
        engine.close()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the process's RSS from /proc")
def test_a_big_window_query_leaves_little_memory_behind():
    engine = DuckDBEngine()
    try:
        engine.query("SELECT 1")  # the connection's own first-use cost is not what is measured
        before = _rss_mb()
        for _ in range(3):
            assert int(engine.query(WINDOW)["s"].iloc[0]) > 0
        time.sleep(3)  # the background threads return pages on a timer
        kept = _rss_mb() - before
    finally:
        engine.close()
    assert kept <= 30, f"{kept:.0f} MB stayed after the queries"


def test_a_book_in_memory_never_spills_and_says_so_when_memory_runs_out(tmp_path, monkeypatch):
    # An upload must never reach the disk: its engine has no folder to offload to, so none is
    # made (the default engine makes a private one), and running out is a message in either language.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    n = 1_000_000
    rows = pd.DataFrame({"account_id": np.arange(n).astype(str), "month": "2024-01",
                         "days_past_due": 0, "balance": 1.0})
    book = book_from_portfolio(rows, memory_limit="10MB")
    try:
        assert book.engine.con.execute("SELECT current_setting('temp_directory')").fetchall() == [("",)]
        with pytest.raises(EngineMemoryError) as raised:
            book.cubes().transitions()
        assert "10MB" in raised.value.message("zh") and "不写入磁盘" in raised.value.message("zh")
        assert "never written to disk" in raised.value.message("en") and "DW_MEMORY_LIMIT" in str(raised.value)
        # the failed query's result does not stay pending on the connection: the next one runs
        assert book.engine.query("SELECT 42 AS answer")["answer"].tolist() == [42]
    finally:
        book.close()
    assert list(tmp_path.iterdir()) == []
    spilling = DuckDBEngine()  # a book on disk spills into a private folder, gone on close
    assert [p.name.startswith("dw-duckdb-") for p in tmp_path.iterdir()] == [True]
    spilling.close()
    assert list(tmp_path.iterdir()) == []
