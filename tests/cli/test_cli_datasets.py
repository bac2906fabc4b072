"""Every command takes a dataset where it takes a file, and answers what it answers on the file."""
from __future__ import annotations

import sys

import duckdb
import pandas as pd
import pytest

from analysis.ingest.dataset import convert_to_dataset
from tests.cli.books import assert_same, book_text, run_cli


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """``(file, dataset)``: the GBK export and its dataset, converted in small pieces."""
    root = tmp_path_factory.mktemp("datasets")
    path = root / "book.csv"
    path.write_bytes(book_text(n_accounts=30).encode("gbk"))
    payload = convert_to_dataset(path, root / "book", chunk_bytes=500)
    assert payload["pieces"] > 10 and payload["duplicates_across_pieces"] >= 3
    return path, root / "book"


CUBE_COMMANDS = [
    ["aging"],
    ["aging", "--by", "product", "--measure", "count"],
    ["aging", "--month", "2024-02", "--buckets", "m"],
    ["aging", "--by", "region", "--buckets", "30,90"],
    ["rollrates"],
    ["rollrates", "--month", "2024-03", "--measure", "balance"],
    ["rollrates", "--window", "3", "--buckets", "m"],
    ["forecast", "--horizon", "2", "--model", "naive"],
    ["forecast", "--metric", "overdue_rate", "--measure", "count", "--horizon", "3", "--model", "naive"],
    ["forecast", "--by", "product", "--segment", "信用卡", "--metric", "overdue_amount", "--model", "seasonal_naive"],
]


@pytest.mark.parametrize("argv", CUBE_COMMANDS, ids=lambda a: " ".join(a))
def test_cube_commands_answer_the_same_on_the_dataset(book, argv, capsys):
    path, dataset = book
    code, on_file, err = run_cli(capsys, argv[0], str(path), *argv[1:], "--json")
    assert code == 0, err
    code, on_dataset, err = run_cli(capsys, argv[0], str(dataset), *argv[1:], "--json")
    assert code == 0, err
    # every candidate model's backtest is a numerical fit (ETS, ARIMA): its optimiser turns the
    # last-bit differences of money sums into ~1e-7; the chosen forecast and the history are exact
    models = (on_dataset.pop("models", None), on_file.pop("models", None))
    assert_same(on_dataset, on_file)
    if models[0] is not None:
        assert_same(models[0], models[1], rel=1e-4)


def test_inspect_on_the_dataset_is_the_conversion_report(book, capsys):
    path, dataset = book
    _, on_file, _ = run_cli(capsys, "inspect", str(path), "--json")
    code, on_dataset, _ = run_cli(capsys, "inspect", str(dataset), "--json")
    assert code == 0 and "note" in on_dataset
    assert_same({k: v for k, v in on_dataset.items() if k != "note"}, on_file)
    code, zh, _ = run_cli(capsys, "inspect", str(dataset), "--json", "--lang", "zh")
    assert code == 0 and any("编码" in n or "gb18030" in n for n in zh["notes"]) and "数据集" in zh["note"]


def test_row_commands_read_one_month_and_say_so(book, capsys):
    path, dataset = book
    code, causes, err = run_cli(capsys, "causes", str(dataset), "--json")
    assert code == 0 and causes["month"] == "2024-09"
    assert "2024-09" in causes["note"] and "note:" in err
    _, on_file, _ = run_cli(capsys, "causes", str(path), "--json")
    assert_same(causes["totals"], on_file["totals"])
    code, warned, err = run_cli(capsys, "warnings", str(dataset), "--month", "2024-05", "--json", "--lang", "zh")
    assert code == 0 and warned["month"] == "2024-05" and "2024-05" in warned["note"] and "只使用" in err
    _, whole, _ = run_cli(capsys, "warnings", str(path), "--month", "2024-05", "--json")
    assert warned["accounts_total"] == whole["accounts_total"]
    assert warned["balance_total"] == pytest.approx(whole["balance_total"], rel=1e-12)


def test_the_aging_of_a_dataset_never_reads_the_book_into_pandas(book, capsys, monkeypatch):
    from analysis.core import engine as engine_module
    from analysis.core.cubes import Book

    _, dataset = book
    biggest = []
    query = engine_module.DuckDBEngine.query

    def counting(self, sql):
        out = query(self, sql)
        biggest.append(len(out))
        return out

    def refuse(*args, **kwargs):
        raise AssertionError("aging pulled account rows")

    monkeypatch.setattr(engine_module.DuckDBEngine, "query", counting)
    monkeypatch.setattr(Book, "month_rows", refuse)
    monkeypatch.setattr("analysis.ingest.portfolio.load_portfolio", refuse)
    code, payload, err = run_cli(capsys, "aging", str(dataset), "--by", "region", "--json")
    assert code == 0, err
    # every answer the engine handed over is a cube: months, or buckets × segments
    assert biggest and max(biggest) <= 6 * 3
    assert payload["totals"]["count"] > max(biggest)


def test_a_duckdb_table_is_a_book_too(book, tmp_path, capsys):
    path, dataset = book
    db = tmp_path / "lake.duckdb"
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE loans AS SELECT * FROM read_parquet('{dataset}/**/*.parquet', hive_partitioning = true)")
    con.close()
    code, on_table, err = run_cli(capsys, "rollrates", str(db), "--table", "loans", "--json")
    assert code == 0, err
    _, on_file, _ = run_cli(capsys, "rollrates", str(path), "--json")
    assert_same(on_table, on_file)
    code, _, err = run_cli(capsys, "aging", str(db), "--table", "nope")
    assert code == 2 and "Traceback" not in err


def test_a_warehouse_folder_with_duplicates_keeps_the_first_copy(tmp_path, capsys):
    folder = tmp_path / "lake"
    (folder / "month=2024-01").mkdir(parents=True)
    (folder / "month=2024-02").mkdir()
    pd.DataFrame({"account_id": ["a", "b", "a"], "days_past_due": [0, 40, 99], "balance": [10.0, 20.0, 999.0],
                  "source_row": [1, 2, 3]}).to_parquet(folder / "month=2024-01" / "p.parquet")
    pd.DataFrame({"account_id": ["a", "b"], "days_past_due": [5, 0], "balance": [10.0, 20.0],
                  "source_row": [4, 5]}).to_parquet(folder / "month=2024-02" / "p.parquet")
    code, aging, err = run_cli(capsys, "aging", str(folder), "--month", "2024-01", "--json")
    assert code == 0, err
    assert aging["totals"] == {"count": 2, "balance": 30.0}
    code, causes, err = run_cli(capsys, "causes", str(folder), "--month", "2024-01", "--json")
    assert code == 0 and causes["totals"]["accounts"] == 2 and "duplicate" in causes["note"]
    code, inspected, _ = run_cli(capsys, "inspect", str(folder), "--json")
    assert code == 0 and inspected["rows_read"] == 5 and inspected["months"] == ["2024-01", "2024-02"]
    assert "no conversion report" in inspected["note"]


@pytest.mark.parametrize("case", ["missing", "empty", "columns", "not_parquet", "spark", "table"])
def test_bad_books_are_messages_with_exit_2(case, book, tmp_path, capsys, monkeypatch):
    _, dataset = book
    argv = ["aging", str(tmp_path / case)]
    if case == "empty":
        (tmp_path / case).mkdir()
    elif case == "columns":
        (tmp_path / case).mkdir()
        pd.DataFrame({"loan": ["a"], "dpd": [1]}).to_parquet(tmp_path / case / "x.parquet")
    elif case == "not_parquet":
        (tmp_path / case / "month=2024-01").mkdir(parents=True)
        (tmp_path / case / "month=2024-01" / "x.parquet").write_bytes(b"PAR1 this is not parquet")
    elif case == "spark":
        monkeypatch.setitem(sys.modules, "analysis.core.spark", None)  # as if it were not installed
        argv = ["aging", "--spark", "sc://localhost:1", "--table", "risk.book"]
    elif case == "table":
        argv = ["aging", str(tmp_path / "x.csv"), "--table", "t"]
        (tmp_path / "x.csv").write_text("a\n1\n")
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and err.startswith(("error:", "Spark")) and "Traceback" not in err
    expected = {"missing": "not found", "empty": "no Parquet", "columns": "account_id",
                "not_parquet": "cannot be read", "spark": "Spark", "table": "error:"}[case]
    assert expected in err


def test_inspect_on_a_foreign_folder_counts_a_repeated_account_month_once(tmp_path, capsys):
    # the file's totals as the cubes count them: the copy is a rejected duplicate, not summed in
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = pd.DataFrame({"account_id": ["A", "B", "A", "A"], "month": ["2024-01", "2024-01", "2024-02", "2024-02"],
                         "days_past_due": [0, 10, 0, 0], "balance": [100.1, 200.2, 90.3, 999.0],
                         "source_row": [1, 2, 3, 4]})
    pq.write_to_dataset(pa.Table.from_pandas(rows, preserve_index=False), tmp_path / "foreign", partition_cols=["month"])
    code, payload, err = run_cli(capsys, "inspect", str(tmp_path / "foreign"), "--json")
    assert code == 0, err
    assert (payload["rows_read"], payload["rows_accepted"], payload["rows_rejected"]) == (4, 3, 1)
    assert payload["balance_total"] == 390.6 and payload["balance_read"] == 1389.6
    assert payload["balance_rejected"] == 999.0 and payload["reasons"] == {"ingest.reject.duplicate": 1}
    _, aging, err = run_cli(capsys, "aging", str(tmp_path / "foreign"), "--month", "2024-02", "--json")
    assert sum(r["balance"] for r in aging["rows"]) == 90.3  # the first copy, as inspect counts it
    assert "note: Duplicate account-months in the months read (extra copies: 1)" in err  # said, not silent


def test_one_months_accounts_are_one_row_each_for_the_cli_and_the_app(tmp_path):
    # the app read Book.month_rows as it came: the repeated account counted twice on the what-if,
    # warnings, provisions and causes pages (1,939 accounts where the CLI gave 1,938)
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.core import book_from_parquet

    rows = pd.DataFrame({"account_id": ["A", "B", "A"], "month": ["2024-02"] * 3, "days_past_due": [0, 10, 40],
                         "balance": [90.3, 200.2, 999.0], "source_row": [3, 4, 5]})
    pq.write_to_dataset(pa.Table.from_pandas(rows, preserve_index=False), tmp_path / "foreign", partition_cols=["month"])
    book = book_from_parquet(tmp_path / "foreign")
    try:
        accounts, copies = book.month_accounts("2024-02")
    finally:
        book.close()
    assert copies == 1 and accounts["account_id"].tolist() == ["A", "B"]
    # without source_row nobody can tell which copy came first: refused, as the cubes refuse it
    from analysis.core import SourceError

    pq.write_to_dataset(pa.Table.from_pandas(rows.drop(columns="source_row"), preserve_index=False),
                        tmp_path / "unordered", partition_cols=["month"])
    unordered = book_from_parquet(tmp_path / "unordered")
    try:
        with pytest.raises(SourceError):
            unordered.month_accounts("2024-02")
    finally:
        unordered.close()
    assert accounts["balance"].tolist() == [90.3, 200.2] and str(accounts["days_past_due"].dtype) == "int64"
    source = open("ui/state.py", encoding="utf-8").read()
    assert ".month_accounts(month)" in source and ".month_rows(month)" not in source  # the app reads the same


def test_a_dataset_says_its_rejected_rows_as_its_file_does(book, capsys):
    path, dataset = book
    _, _, on_file = run_cli(capsys, "aging", str(path), "--json")
    code, _, on_dataset = run_cli(capsys, "aging", str(dataset), "--json")
    assert code == 0
    said = [line for line in on_dataset.splitlines() if line.startswith("note: Validation")]
    assert said and said == [line for line in on_file.splitlines() if line.startswith("note: Validation")]
