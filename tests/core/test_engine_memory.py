"""What a DuckDB query frees leaves the process: the session's memory is what it holds.

DuckDB's allocator keeps memory a query freed, per thread, unless the task peaked above
``allocator_flush_threshold`` (128 MB by default). On the 2.4M-row bench book a session's cubes left
~110 MB of it in the server for the session's life (``python -m bench session``). The engine flushes
after any task above 1 MB and lets the allocator's background threads return freed pages.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import duckdb

from analysis.core.engine import ALLOCATOR_FLUSH_THRESHOLD, DuckDBEngine

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
