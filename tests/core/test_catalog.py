"""The deployment's datasets: listing is cheap and confined to the configured roots; opening
gives the same cubes as the upload; every failure is a CatalogError with both languages."""
from __future__ import annotations

import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.core import book_from_portfolio, catalog
from analysis.core.catalog import CatalogConfig, CatalogError
from tests.core.panels import tricky_portfolio


def canonical(portfolio: pd.DataFrame) -> pd.DataFrame:
    """The portfolio with canonical names and string segments, as `convert` writes it."""
    out = portfolio.rename(columns={"行业": "industry"})
    return out.astype({c: "str" for c in ("product", "region", "industry")})


def write_book(portfolio: pd.DataFrame, root) -> None:
    table = pa.Table.from_pandas(canonical(portfolio), preserve_index=False)
    pq.write_to_dataset(table, root, partition_cols=["month"])


@pytest.fixture(scope="module")
def portfolio() -> pd.DataFrame:
    return tricky_portfolio(n_accounts=60, n_months=8)


@pytest.fixture
def lake(tmp_path, portfolio):
    """A datasets folder: one partitioned book, one single-file book, and things that are not books."""
    root = tmp_path / "lake"
    write_book(portfolio, root / "cards_2023")
    pq.write_table(pa.Table.from_pandas(canonical(portfolio), preserve_index=False), root / "flat.parquet")
    (root / "empty").mkdir()
    (root / "notes").mkdir()
    (root / "notes" / "readme.txt").write_text("not a book")
    write_book(portfolio, root / "_staging")   # convert's work folders start with "_"
    write_book(portfolio, root / ".hidden")
    (root / "readme.md").write_text("not a book")
    return root


def test_config_takes_the_first_source_and_splits_spark_tables(tmp_path):
    env = {"DW_DATASETS_DIR": str(tmp_path), "DW_SPARK_URL": "sc://h:15002"}
    secrets = {"DW_DATASETS_DIR": "/elsewhere", "DW_SPARK_TABLES": ["risk.book", " risk.cards "],
               "DW_MEMORY_LIMIT": "512MB"}
    cfg = catalog.config_from(env, secrets)
    assert cfg.datasets_dir == tmp_path
    assert cfg.spark_tables == ("risk.book", "risk.cards")
    assert cfg.memory_limit == "512MB"
    assert cfg.configured
    assert not catalog.config_from({}, {"DW_DATASETS_DIR": "  "}).configured
    assert catalog.config_from({}).memory_limit == "2GB"
    # A Spark URL without tables offers nothing.
    assert not catalog.config_from({"DW_SPARK_URL": "sc://h:15002"}).configured


def test_lists_the_books_with_their_months_and_size(lake, portfolio):
    found = catalog.parquet_datasets(lake)
    assert [d.name for d in found] == ["cards_2023", "flat.parquet"]
    book = found[0]
    assert book.key == "parquet:cards_2023"
    assert list(book.months) == sorted(portfolio["month"].unique())
    assert "2023-07" not in book.months  # the month missing from the book is not invented
    files = [p for p in (lake / "cards_2023").rglob("*.parquet")]
    assert book.size_bytes == sum(p.stat().st_size for p in files) > 0
    assert found[1].months == () and found[1].size_bytes == (lake / "flat.parquet").stat().st_size


def test_a_symlink_out_of_the_root_is_not_listed_nor_opened(lake, tmp_path, portfolio):
    outside = tmp_path / "outside"
    write_book(portfolio, outside)
    os.symlink(outside, lake / "escape")
    assert "escape" not in [d.name for d in catalog.parquet_datasets(lake)]
    with pytest.raises(CatalogError) as err:
        catalog.parquet_path(lake, "escape")
    assert err.value.key == "catalog.not_found"


@pytest.mark.parametrize("name", ["../outside", "/etc", "cards_2023/month=2023-01", "..", ".", "", ".hidden", "_staging"])
def test_a_name_that_is_not_a_book_in_the_root_is_refused(lake, name):
    with pytest.raises(CatalogError) as err:
        catalog.parquet_path(lake, name)
    assert err.value.key == "catalog.not_found"


def test_open_book_gives_the_cubes_of_the_upload(lake, portfolio):
    cfg = CatalogConfig(datasets_dir=lake, memory_limit="256MB")
    book = catalog.open_book(cfg, "parquet:cards_2023")
    try:
        assert book.kind == "parquet"
        got = book.cubes().rates()
    finally:
        book.close()
    reference = book_from_portfolio(portfolio.rename(columns={"行业": "industry"}))
    try:
        want = reference.cubes().rates()
    finally:
        reference.close()
    assert got["month"].tolist() == want["month"].tolist()
    assert got["count"].tolist() == want["count"].tolist()
    pd.testing.assert_series_equal(got["balance"], want["balance"], rtol=1e-9, check_names=False)


def test_convert_side_files_are_not_rows_of_the_book(tmp_path, portfolio):
    # `convert` writes the rejected rows and the report beside the month folders.
    root = tmp_path / "lake"
    write_book(portfolio, root / "converted")
    pq.write_table(pa.table({"row": [5, 9], "reason": ["负数余额", "合计行"], "cells": ["{}", "{}"]}),
                   root / "converted" / "_rejected.parquet")
    (root / "converted" / "_report.json").write_text("{}")
    [found] = catalog.parquet_datasets(root)
    assert found.size_bytes == sum(p.stat().st_size for p in (root / "converted").glob("month=*/*.parquet"))
    book = catalog.open_book(CatalogConfig(datasets_dir=root, memory_limit="256MB"), found.key)
    try:
        assert int(book.cubes().rates()["count"].sum()) == len(portfolio)
    finally:
        book.close()


def test_open_book_looks_the_name_up_again(lake):
    cfg = CatalogConfig(datasets_dir=lake)
    with pytest.raises(CatalogError) as err:
        catalog.open_book(cfg, "parquet:../../etc")
    assert err.value.key == "catalog.not_found"
    with pytest.raises(CatalogError):
        catalog.open_book(cfg, "parquet:_staging")


def test_missing_columns_are_named(tmp_path, portfolio):
    root = tmp_path / "lake"
    write_book(portfolio.drop(columns=["balance"]), root / "no_balance")
    with pytest.raises(CatalogError) as err:
        catalog.open_book(CatalogConfig(datasets_dir=root), "parquet:no_balance")
    assert err.value.key == "catalog.missing_columns"
    assert "balance" in err.value.message("zh") and "no_balance" in err.value.message("en")


def test_text_days_past_due_is_named_before_any_sql(tmp_path, portfolio):
    root = tmp_path / "lake"
    text = portfolio.assign(days_past_due=portfolio["days_past_due"].astype(str))
    write_book(text, root / "text_dpd")
    with pytest.raises(CatalogError) as err:
        catalog.open_book(CatalogConfig(datasets_dir=root), "parquet:text_dpd")
    assert err.value.key == "catalog.not_numeric"
    assert "days_past_due" in err.value.message("zh")


@pytest.mark.parametrize("type_name,numeric", [
    ("int64", True), ("uint8", True), ("double", True), ("decimal128(18, 2)", True), ("BIGINT", True),
    ("UBIGINT", True), ("DECIMAL(18,2)", True), ("HUGEINT", True), ("FLOAT", True),
    ("string", False), ("large_string", False), ("VARCHAR", False), ("INTERVAL", False), ("date32[day]", False),
])
def test_numeric_types_as_engines_spell_them(type_name, numeric):
    assert bool(catalog._NUMERIC.match(type_name)) is numeric


def test_a_file_that_is_not_parquet_is_a_message(tmp_path):
    root = tmp_path / "lake"
    (root / "broken" / "month=2024-01").mkdir(parents=True)
    (root / "broken" / "month=2024-01" / "part-0.parquet").write_bytes(os.urandom(4096))
    [found] = catalog.parquet_datasets(root)
    assert found.months == ("2024-01",)
    with pytest.raises(CatalogError) as err:
        catalog.open_book(CatalogConfig(datasets_dir=root), found.key)
    assert err.value.key == "catalog.bad_parquet"


def test_a_bad_memory_limit_is_a_message(lake):
    with pytest.raises(CatalogError) as err:
        catalog.open_book(CatalogConfig(datasets_dir=lake, memory_limit="lots"), "parquet:cards_2023")
    assert err.value.key == "catalog.bad_memory_limit"


def test_a_missing_folder_is_reported_beside_the_other_sources(tmp_path):
    cfg = CatalogConfig(datasets_dir=tmp_path / "nope", spark_url="sc://h:15002", spark_tables=("risk.book",))
    found, problems = catalog.list_datasets(cfg)
    assert [d.key for d in found] == ["spark:risk.book"]
    assert [p.key for p in problems] == ["catalog.no_folder"]


def test_duckdb_file_tables_are_listed_and_opened(tmp_path, portfolio):
    import duckdb

    db = tmp_path / "warehouse.duckdb"
    frame = canonical(portfolio)
    con = duckdb.connect(str(db))
    con.register("frame", frame)
    con.execute("CREATE TABLE book AS SELECT * FROM frame")
    con.execute("CREATE SCHEMA risk")
    con.execute("CREATE TABLE risk.accounts AS SELECT account_id, month FROM frame")
    con.close()
    found = catalog.duckdb_datasets(db)
    assert [(d.key, d.rows) for d in found] == [("duckdb:book", len(frame)), ("duckdb:risk.accounts", len(frame))]
    cfg = CatalogConfig(duckdb_file=db, memory_limit="256MB")
    book = catalog.open_book(cfg, "duckdb:book")
    try:
        assert book.kind == "duckdb"
        assert book.cubes().rates()["count"].sum() == len(frame)
    finally:
        book.close()
    with pytest.raises(CatalogError) as err:
        catalog.open_book(cfg, "duckdb:risk.accounts")
    assert err.value.key == "catalog.missing_columns"


def test_a_file_that_is_not_duckdb_is_a_message(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(b"not a database" * 100)
    with pytest.raises(CatalogError) as err:
        catalog.duckdb_datasets(db)
    assert err.value.key == "catalog.bad_database"


def test_spark_without_its_module_or_server_is_a_polite_message():
    cfg = CatalogConfig(spark_url="sc://127.0.0.1:9", spark_tables=("risk.book",))  # nothing listens on 9
    steps = []
    try:
        import analysis.core.spark  # noqa: F401
    except ImportError:
        with pytest.raises(CatalogError) as err:
            catalog.open_book(cfg, "spark:risk.book", progress=steps.append)
        assert err.value.key == "catalog.spark_missing"
        return
    with pytest.raises(CatalogError) as err:
        catalog.open_book(cfg, "spark:risk.book", progress=steps.append)
    assert err.value.key == "catalog.spark_failed"
    assert "sc://127.0.0.1:9" in err.value.message("zh") and "risk.book" in err.value.message("en")
    assert steps and "sc://127.0.0.1:9" in steps[0]  # the progress callable heard from Spark


def test_every_catalog_message_has_both_languages():
    from analysis.locales.catalog import MESSAGES

    assert all(v["zh"] and v["en"] for v in MESSAGES.values())
    assert {k.split(".")[0] for k in MESSAGES} == {"catalog"}


def _month_file(root, month: str, table: pa.Table) -> None:
    (root / f"month={month}").mkdir(parents=True, exist_ok=True)
    pq.write_table(table, root / f"month={month}" / "part-0.parquet")


def _rows(snapshot: str, balance=(100.0,)) -> pa.Table:
    import datetime
    day = datetime.date.fromisoformat(snapshot)
    return pa.table({"account_id": ["A1"] * len(balance), "snapshot_date": pa.array([day] * len(balance), pa.date32()),
                     "days_past_due": pa.array([0] * len(balance), pa.int64()), "balance": pa.array(list(balance))})


def _refusal(tmp_path, name: str, files: list[tuple[str, pa.Table]]) -> CatalogError:
    """Why the lake's book ``name``, of ``(month folder, table)`` files, is refused."""
    for month, table in files:
        _month_file(tmp_path / "lake" / name, month, table)
    with pytest.raises(CatalogError) as err:
        catalog.open_book(CatalogConfig(datasets_dir=tmp_path / "lake"), f"parquet:{name}")
    return err.value


def test_a_partition_that_names_no_month_is_refused_by_name(tmp_path):
    err = _refusal(tmp_path, "garbage", [("garbage", _rows("2024-01-31")), ("2024-02", _rows("2024-02-29"))])
    assert err.key == "catalog.bad_partition" and "month=garbage" in err.message("zh")


def test_rows_filed_under_another_months_partition_are_refused(tmp_path):
    # counted as the partition's month before, silently
    err = _refusal(tmp_path, "misfiled", [("2024-01", _rows("2024-03-31")), ("2024-02", _rows("2024-02-29"))])
    assert err.key == "catalog.partition_mismatch"
    assert "2024-03" in err.message("en") and "month=2024-01" in err.message("zh")


def test_a_text_balance_in_one_file_of_many_is_named_before_any_sql(tmp_path):
    # only the first file's schema was checked: "Binder Error: sum(VARCHAR)" in English
    text = _rows("2024-02-29").set_column(3, "balance", pa.array(["99"]))
    err = _refusal(tmp_path, "mixed", [("2024-01", _rows("2024-01-31")), ("2024-02", text)])
    assert err.key == "catalog.not_numeric" and "month=2024-02" in err.message("zh")


def test_a_file_without_a_required_column_is_named_though_the_first_file_has_it(tmp_path, portfolio):
    # union_by_name read the missing days past due as empty, and its rows counted as Current
    root = tmp_path / "lake"
    write_book(portfolio, root / "patchy")
    month = sorted(p.name for p in (root / "patchy").iterdir())[-1]
    victim = next((root / "patchy" / month).glob("*.parquet"))
    table = pq.read_table(victim)
    pq.write_table(table.drop(["days_past_due"]), victim)
    with pytest.raises(CatalogError) as err:
        catalog.open_book(CatalogConfig(datasets_dir=root, memory_limit="256MB"), "parquet:patchy")
    assert err.value.key == "catalog.missing_columns"
    assert month in err.value.message("en") and "days_past_due" in err.value.message("zh")


def test_a_converted_dataset_opens_with_what_its_report_says(tmp_path):
    # the app opened it through a pattern over its files and never read the report: a book
    # without balances showed its counts as money, and paired on the text id
    from analysis.ingest.dataset import convert_to_dataset
    from analysis.ingest.portfolio import IngestOptions

    source = tmp_path / "nobal.csv"
    source.write_text("account,month,dpd\n" + "".join(f"A{i},2024-0{m},{(i * m) % 40}\n"
                                                     for i in range(20) for m in (1, 2, 3)))
    convert_to_dataset(source, tmp_path / "lake" / "nobal", options=IngestOptions(balance_missing="unit"))
    book = catalog.open_book(CatalogConfig(datasets_dir=tmp_path / "lake", memory_limit="256MB"), "parquet:nobal")
    try:
        assert book.counts_only and book.unique_rows and book.account_key == "account_key"
    finally:
        book.close()
