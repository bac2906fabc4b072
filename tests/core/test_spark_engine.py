"""Every cube is the same on Spark (through Spark Connect) as in the plain-pandas reference: over a
month-partitioned Parquet folder the cluster reads, and over a table the cluster holds. Counts
exact, money to 1e-9 relative (see test_cubes_engines.py for DuckDB).

One local server for the whole test session (tests/core/conftest.py) and one ``Cubes`` per
bucket scheme, reused by every test: each cube is one Spark job of about a second.
"""
from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS, custom_buckets
from analysis.core import SourceError, book_from_portfolio
from analysis.core.spark import SparkEngine, book_from_spark, is_path, is_table_name
from tests.core import reference as ref
from tests.core.panels import tricky_portfolio
from tests.core.spark_server import free_port, server_version, spark_home
from tests.core.test_cubes_engines import assert_filtered_like_reference, assert_same_frame, write_dataset

pytestmark = [
    pytest.mark.spark,
    pytest.mark.xdist_group("spark"),
    # pyspark's own notes on pandas 3 (analysis.core.spark silences them outside pytest, which
    # resets warning filters per test); the frames are checked against the reference here.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.filterwarnings(r"ignore:\[RETRIES_EXCEEDED\]"),
]

BUCKETS = [DEFAULT_BUCKETS, M_BUCKETS, custom_buckets([30, 90])]
BYS = [None, "region", ["product", "industry"]]
TABLE = "risk.card_book"


@pytest.fixture(scope="module")
def raw_portfolio() -> pd.DataFrame:
    return tricky_portfolio()


@pytest.fixture(scope="module")
def portfolio(raw_portfolio) -> pd.DataFrame:
    """The reference's view of the book: canonical segment names, as the dataset has them."""
    return raw_portfolio.rename(columns={"行业": "industry"})


@pytest.fixture(scope="module")
def dataset(raw_portfolio, tmp_path_factory):
    root = tmp_path_factory.mktemp("spark-book")
    write_dataset(raw_portfolio, root)
    return root


@pytest.fixture(scope="module")
def parquet_book(spark_url, dataset):
    book = book_from_spark(spark_url, str(dataset))
    yield book
    book.close()


@pytest.fixture(scope="module")
def table_book(spark_url, dataset):
    """A table the cluster holds, in a database, as a warehouse keeps it: not partitioned, and with
    the origination month already an index (the other way :mod:`analysis.core.cubes` reads)."""
    from pyspark.sql.connect.session import SparkSession

    admin = SparkSession.builder.remote(spark_url).create()
    try:
        admin.sql("CREATE DATABASE IF NOT EXISTS risk")
        (admin.read.parquet(str(dataset))
         .selectExpr("*", "YEAR(origination_date) * 12 + MONTH(origination_date) - 1 AS origination_idx")
         .drop("origination_date")
         .write.mode("overwrite").saveAsTable(TABLE))
    finally:
        admin.stop()
    book = book_from_spark(spark_url, TABLE)
    yield book
    book.close()


@pytest.fixture(scope="module")
def parquet_cubes(parquet_book):
    """One Cubes per bucket scheme (each builds its panel once, on first use)."""
    return {b.name: parquet_book.cubes(b) for b in BUCKETS}


@pytest.fixture(scope="module")
def duckdb_vintage(portfolio):
    book = book_from_portfolio(portfolio)
    try:
        return book.cubes().vintage()
    finally:
        book.close()


@pytest.mark.parametrize("by", BYS, ids=str)
def test_cubes_over_a_parquet_folder_match_the_reference(parquet_cubes, portfolio, by):
    cubes = parquet_cubes[DEFAULT_BUCKETS.name]
    panel = ref.bucketed_panel(portfolio)
    assert_same_frame(cubes.aging(by), ref.aging_cube(panel, by))
    assert_same_frame(cubes.transitions(by), ref.roll_cube(panel, by))
    assert_same_frame(cubes.rates(by), ref.rate_cube(panel, by))


# The bucket edges reach SQL only through the bucket CASE of the panel: the aging and transition
# cubes show it (the rate cube does not depend on the edges).
@pytest.mark.parametrize("buckets", BUCKETS[1:], ids=lambda b: b.name)
@pytest.mark.parametrize("by", [None, ["product", "industry"]], ids=str)
def test_other_bucket_schemes_match_the_reference(parquet_cubes, portfolio, buckets, by):
    cubes = parquet_cubes[buckets.name]
    panel = ref.bucketed_panel(portfolio, buckets)
    assert_same_frame(cubes.aging(by), ref.aging_cube(panel, by))
    assert_same_frame(cubes.transitions(by), ref.roll_cube(panel, by))


@pytest.mark.parametrize("by", [None, "region"])
def test_dpd_cube_over_a_parquet_folder_matches_the_reference(parquet_cubes, portfolio, by):
    want = ref.dpd_cube(ref.bucketed_panel(portfolio), by)
    assert_same_frame(parquet_cubes[DEFAULT_BUCKETS.name].dpd(by), want)


def test_vintage_cube_is_the_same_on_spark_and_duckdb(parquet_cubes, portfolio, duckdb_vintage):
    vintage = parquet_cubes[DEFAULT_BUCKETS.name].vintage()
    assert_same_frame(vintage, duckdb_vintage)
    assert vintage["new_count"].sum() == portfolio["account_id"].nunique()
    assert vintage["count"].sum() == len(portfolio)


def test_every_cube_over_a_cluster_table_matches_the_reference(table_book, portfolio, duckdb_vintage):
    cubes = table_book.cubes(DEFAULT_BUCKETS)
    panel = ref.bucketed_panel(portfolio)
    assert_same_frame(cubes.aging(), ref.aging_cube(panel))
    assert_same_frame(cubes.transitions(), ref.roll_cube(panel))
    assert_same_frame(cubes.rates(), ref.rate_cube(panel))
    assert_same_frame(cubes.dpd(), ref.dpd_cube(panel))
    assert_same_frame(cubes.transitions("region"), ref.roll_cube(panel, "region"))
    assert table_book.origination == "origination_idx"
    assert_same_frame(cubes.vintage(), duckdb_vintage)


def test_filters_are_bound_values_narrowing_the_book(parquet_book, portfolio):
    assert_filtered_like_reference(parquet_book, portfolio)


def test_a_gap_month_and_the_last_month_are_unknown_not_exits(parquet_cubes, portfolio):
    rolls = parquet_cubes[DEFAULT_BUCKETS.name].transitions()
    assert "2023-07" not in set(portfolio["month"])
    assert "2023-06" not in set(rolls["month"])
    assert portfolio["month"].max() not in set(rolls["month"])
    exits = rolls[rolls["next_bucket"] == "exit"]
    assert len(exits) and (exits["next_balance"] == 0).all()


def test_totals_reconcile_with_the_book(parquet_cubes, portfolio):
    totals = parquet_cubes[DEFAULT_BUCKETS.name].totals()
    assert totals["rows"] == len(portfolio)
    assert totals["balance"] == pytest.approx(portfolio["balance"].sum(), rel=1e-12)


def test_duplicate_account_months_keep_the_first_copy_by_source_row(spark_url, raw_portfolio, portfolio,
                                                                    tmp_path):
    # The copies come first in the folder but later in the file: file order, not Spark's
    # reading order, decides which copy counts.
    copy = raw_portfolio.iloc[:5].assign(balance=raw_portfolio["balance"].iloc[:5] * 10,
                                         source_row=raw_portfolio["source_row"].iloc[:5] + 10**6)
    write_dataset(pd.concat([copy, raw_portfolio], ignore_index=True), tmp_path)
    said = []
    book = book_from_spark(spark_url, str(tmp_path), progress=said.append)
    try:
        cubes = book.cubes()
        assert cubes.totals()["rows"] == len(portfolio)
        assert cubes.totals()["balance"] == pytest.approx(portfolio["balance"].sum(), rel=1e-12)
        assert cubes.duplicates_dropped == 5
    finally:
        book.close()
    # ... and the stages were reported as they came, for the CLI and the app to show.
    assert said[0] == f"connecting to {spark_url}"
    assert said.index(f"registering {tmp_path}") < said.index("reading the columns")
    queries = said[said.index("reading the columns"):]
    assert "running a query on Spark" in queries
    assert any(re.fullmatch(r"Spark: \d+ of \d+ tasks done", text) for text in queries)


def test_each_book_is_a_session_of_its_own(parquet_book, table_book):
    # Both register their source as `src`: were the views shared, one would see the other's.
    assert "origination_date" in parquet_book.engine.columns()
    assert "origination_idx" in table_book.engine.columns()
    assert "origination_idx" not in parquet_book.engine.columns()


def test_a_materialised_relation_is_a_cached_view_until_dropped(parquet_book, portfolio):
    engine = parquet_book.engine
    engine.materialise("months_kept", "SELECT month, COUNT(*) AS n FROM src GROUP BY month")
    try:
        assert engine.session.catalog.isCached("months_kept")
        got = engine.query("SELECT month, n FROM months_kept ORDER BY month")
        want = portfolio.groupby("month").size()
        assert got["month"].tolist() == want.index.tolist() and got["n"].tolist() == want.tolist()
    finally:
        engine.drop("months_kept")
    assert "months_kept" not in {t.name for t in engine.session.catalog.listTables()}
    with pytest.raises(ValueError, match="not a plain relation name"):
        engine.view("x; DROP VIEW src", "SELECT 1")


def test_a_missing_table_is_a_source_error(spark_url):
    with pytest.raises(SourceError, match="no readable table risk.no_such_book"):
        book_from_spark(spark_url, "risk.no_such_book")


def test_a_missing_folder_is_a_source_error(spark_url, tmp_path):
    with pytest.raises(SourceError, match="cannot read Parquet"):
        book_from_spark(spark_url, str(tmp_path / "absent"))


def test_a_source_without_the_required_columns_says_which(spark_url, tmp_path):
    pq.write_table(pa.table({"account_id": ["a"], "month": ["2024-01"]}), tmp_path / "x.parquet")
    with pytest.raises(SourceError, match="days_past_due"):
        book_from_spark(spark_url, str(tmp_path))


def test_a_server_that_does_not_answer_is_a_source_error_within_seconds():
    import time

    started = time.monotonic()
    with pytest.raises(SourceError, match="does not answer"):
        SparkEngine(f"sc://localhost:{free_port()}")
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("url", ["http://localhost:15002", "localhost:15002", ""])
def test_a_url_that_is_not_spark_connect_is_refused(url):
    with pytest.raises(SourceError, match="not a Spark Connect URL"):
        book_from_spark(url, "risk.book")


@pytest.mark.parametrize("name", ["book; DROP TABLE x", "a.b.c.d", "1book", "risk.`book`"])
def test_table_names_are_plain_identifiers_checked_before_connecting(name):
    assert not is_table_name(name)
    with pytest.raises(SourceError, match="not a plain table name"):
        book_from_spark("sc://nowhere.invalid:15002", name)


@pytest.mark.parametrize("source, path", [("risk.card_book", False), ("card_book", False),
                                          ("/lake/card_book", True), ("s3a://lake/book/", True),
                                          ("book.parquet", True), ("book; DROP TABLE x", False)])
def test_a_source_with_a_slash_is_a_path_and_anything_else_a_table_name(source, path):
    assert is_path(source) is path


def test_the_test_server_is_the_clients_release(spark_url, parquet_book):
    import pyspark

    server = server_version(spark_home())
    assert parquet_book.engine.version.split(".")[:2] == pyspark.__version__.split(".")[:2]
    assert parquet_book.engine.version == server


def test_without_java_the_server_says_why_it_cannot_start(monkeypatch):
    from tests.core import spark_server

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "")
    assert "no Java runtime" in spark_server.unavailable()
