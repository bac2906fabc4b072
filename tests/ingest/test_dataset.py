"""``python -m analysis convert``: a file in pieces gives the dataset and the report the whole file gives."""
from __future__ import annotations

import io
import json

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.ingest.dataset import REJECTED_FILE, REPORT_FILE, convert_to_dataset
from analysis.ingest.portfolio import IngestOptions, inspect_json, load_portfolio
from tests.cli.books import assert_same, book_text, run_cli

INSPECT_KEYS = ("rows_read", "rows_accepted", "rows_rejected", "mapping", "months", "accounts", "balance_total",
                "rejected", "reasons", "notes", "balance_read", "balance_rejected")


@pytest.fixture(scope="module")
def gbk_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("convert") / "逾期明细.csv"
    path.write_bytes(book_text().encode("gbk"))
    return path


def _dataset_rows(folder) -> pd.DataFrame:
    con = duckdb.connect()
    try:
        return con.execute(
            "SELECT account_id, month, days_past_due, balance, overdue_amount, product, region, source_row "
            f"FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true) ORDER BY source_row").fetch_df()
    finally:
        con.close()


def test_pieces_give_the_whole_files_report_and_rows(gbk_book, tmp_path, capsys):
    out = tmp_path / "book"
    code, converted, err = run_cli(capsys, "convert", str(gbk_book), "--out", str(out), "--chunk-bytes", "400", "--json")
    assert code == 0, err
    code, inspected, _ = run_cli(capsys, "inspect", str(gbk_book), "--json")
    assert code == 0
    # many pieces, and duplicates whose first copy is in another piece
    assert converted["pieces"] > 10 and converted["streamed"]
    assert converted["duplicates_across_pieces"] >= 3
    assert_same({k: converted[k] for k in INSPECT_KEYS}, {k: inspected[k] for k in INSPECT_KEYS})
    reasons = converted["reasons"]
    assert reasons["ingest.reject.duplicate"] >= 3 and reasons["ingest.reject.total_row"] == 1
    assert "ingest.reject.bad_dpd" in reasons and "ingest.reject.missing_account" in reasons
    assert any("gb18030" in n for n in converted["notes"])  # the encoding note of the whole file
    # the accepted rows are the portfolio ingest gives, each with its own source row
    portfolio = load_portfolio(gbk_book.read_bytes(), gbk_book.name).portfolio.sort_values("source_row")
    rows = _dataset_rows(out)
    assert rows["source_row"].tolist() == portfolio["source_row"].tolist()
    assert rows["account_id"].tolist() == portfolio["account_id"].tolist()
    assert rows["month"].tolist() == portfolio["month"].tolist()
    assert rows["days_past_due"].tolist() == portfolio["days_past_due"].tolist()
    np.testing.assert_allclose(rows["balance"], portfolio["balance"], rtol=1e-12)
    assert rows["product"].tolist() == portfolio["product"].astype(str).tolist()
    # month partitions, the report beside them
    assert sorted(p.name for p in out.glob("month=*")) == [f"month={m}" for m in converted["months"]]
    assert json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))["rows_read"] == converted["rows_read"]


def test_rejected_rows_file_lists_every_rejection_with_its_cells(gbk_book, tmp_path):
    out = tmp_path / "book"
    payload = convert_to_dataset(gbk_book, out, chunk_bytes=400, lang="zh")
    rejected = pd.read_csv(out / REJECTED_FILE, dtype=str, encoding="utf-8-sig")
    assert len(rejected) == payload["rows_rejected"]
    assert rejected["row"].astype(int).is_monotonic_increasing
    assert rejected["row"].astype(int).tolist()[:len(payload["rejected"])] == [r["row"] for r in payload["rejected"]]
    late = rejected[rejected["reason_key"] == "ingest.reject.duplicate"]
    # the third copy of KH0006 names the first copy, as ingest does (not the second, rejected one)
    firsts = {json.loads(d)["first_row"] for d in late["detail"]}
    whole = load_portfolio(gbk_book.read_bytes(), gbk_book.name)
    expected = {d["first_row"] for k, d in zip(whole.rejected["reason"], whole.rejected["detail"])
                if k == "ingest.reject.duplicate"}
    assert firsts == expected
    assert "重复" in late["reason"].iloc[0]  # the reason in the user's language
    assert {"KH0000", "KH0006"} <= set(late["客户编号"])  # the row's own cells
    assert (rejected["客户编号"] == "合计").sum() == 1


def test_a_piece_without_any_usable_month_is_judged_beside_a_good_row(tmp_path):
    head = "account_id,month,dpd,balance\n"
    good = "".join(f"A{i},2024-0{1 + i % 3},{i % 40},{i}.5\n" for i in range(20))
    text = head + good + "X1,soon,0,5\nX2,later,0,5\n" + good + "合计,,,100\n"
    path = tmp_path / "w.csv"
    path.write_text(text, encoding="utf-8")
    payload = convert_to_dataset(path, tmp_path / "out", chunk_bytes=24)
    whole = inspect_json(load_portfolio(path.read_bytes(), path.name))
    assert payload["streamed"] and payload["pieces"] > 20
    assert_same({k: payload[k] for k in INSPECT_KEYS}, {k: whole[k] for k in INSPECT_KEYS})


@pytest.mark.parametrize("case", ["status", "parquet", "xlsx", "quoted", "percent_rates"])
def test_other_layouts_match_the_whole_file(case, tmp_path):
    frame = pd.DataFrame({"loan_id": [f"L{i % 9}" for i in range(60)], "month": [f"2024-0{1 + i // 20}" for i in range(60)],
                          "dpd": [i % 50 for i in range(60)], "balance": [float(i) * 10 for i in range(60)]})
    options = None
    if case == "status":
        labels = ["Current", "Late (16-30 days)", "Fully Paid", "M2", "weird"]
        text = "id,month,status,balance\n" + "".join(
            f"S{i},2024-0{1 + i % 2},{labels[i % 5]},{i}\n" for i in range(50))
        name, data = "s.csv", text.encode()
    elif case == "parquet":
        buf = io.BytesIO()
        frame.to_parquet(buf)
        name, data = "p.parquet", buf.getvalue()
    elif case == "xlsx":
        buf = io.BytesIO()
        frame.to_excel(buf, index=False)
        name, data = "x.xlsx", buf.getvalue()
    elif case == "quoted":
        text = "id,month,dpd,balance,note\n" + "".join(
            f'Q{i},2024-01,{i},"1,{i}00.5","two\nlines {i}"\n' for i in range(15)) + "R1,2024-01,1,5\n"
        name, data = "q.csv", text.encode()
    else:  # rates read as percent in some pieces only: the file is converted whole
        text = "id,month,dpd,balance,利率\n" + "".join(f"A{i},2024-01,0,5,{0.1 if i < 10 else 12}\n" for i in range(30))
        name, data = "r.csv", text.encode()
    path = tmp_path / name
    path.write_bytes(data)
    payload = convert_to_dataset(path, tmp_path / "out", chunk_bytes=48 if case != "parquet" else 64 * 7,
                                 options=options)
    whole = inspect_json(load_portfolio(data, name, options=options))
    assert_same({k: payload[k] for k in INSPECT_KEYS}, {k: whole[k] for k in INSPECT_KEYS})
    assert payload["streamed"] == (case in ("status", "parquet", "quoted"))
    if case == "percent_rates":
        assert payload["whole_file_reason"] == "rate percent"


def test_worker_processes_give_the_same_dataset(gbk_book, tmp_path, monkeypatch):
    # Spawned workers re-import the parent's __main__. Under `python -m analysis` that is the
    # import-safe CLI; in a test worker that already drove the app through AppTest it is app.py,
    # which must not run in a worker. Give the workers a plain __main__, as the CLI has.
    import sys
    import types

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    one = convert_to_dataset(gbk_book, tmp_path / "one", chunk_bytes=900, workers=1)
    two = convert_to_dataset(gbk_book, tmp_path / "two", chunk_bytes=900, workers=2)
    assert_same({k: one[k] for k in INSPECT_KEYS}, {k: two[k] for k in INSPECT_KEYS})
    pd.testing.assert_frame_equal(_dataset_rows(tmp_path / "one"), _dataset_rows(tmp_path / "two"))


def test_relative_months_and_options_go_through(tmp_path, capsys):
    path = tmp_path / "cc.csv"
    path.write_bytes(b"ID,MONTHS_BALANCE,STATUS\n" + b"".join(f"{i},{-(i % 4)},{'CX0'[i % 3]}\n".encode() for i in range(40)))
    args = ["--reference-month", "2020-06", "--balance-missing", "unit", "--status-code", "X=exclude",
            "--status-code", "C=0", "--status-code", "0=0"]
    code, converted, err = run_cli(capsys, "convert", str(path), "--out", str(tmp_path / "o"), "--chunk-bytes", "30",
                                   "--json", *args)
    assert code == 0, err
    code, inspected, _ = run_cli(capsys, "inspect", str(path), "--json", *args)
    assert_same({k: converted[k] for k in INSPECT_KEYS}, {k: inspected[k] for k in INSPECT_KEYS})
    assert converted["months"] == ["2020-03", "2020-04", "2020-05", "2020-06"]


def test_problems_are_messages_not_tracebacks(gbk_book, tmp_path, capsys):
    out = tmp_path / "book"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    code, _, err = run_cli(capsys, "convert", str(gbk_book), "--out", str(out))
    assert code == 2 and "--overwrite" in err and "Traceback" not in err
    assert (out / "keep.txt").exists()  # nothing was touched
    code, _, err = run_cli(capsys, "convert", str(tmp_path / "none.csv"), "--out", str(tmp_path / "o"), "--lang", "zh")
    assert code == 2 and "找不到文件" in err
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(range(256)) * 4)
    code, _, err = run_cli(capsys, "convert", str(bad), "--out", str(tmp_path / "o2"))
    assert code == 2 and "error:" in err and "Traceback" not in err
    assert not (tmp_path / "o2").exists() and not list(tmp_path.glob(".o2.partial-*"))
    nodata = tmp_path / "head.csv"
    nodata.write_text("客户编号,数据日期,逾期天数,贷款余额\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "convert", str(nodata), "--out", str(tmp_path / "o3"))
    assert code == 2 and "Traceback" not in err
    code, _, _ = run_cli(capsys, "convert", str(gbk_book), "--out", str(out), "--overwrite", "--chunk-bytes", "2000")
    assert code == 0 and not (out / "keep.txt").exists() and (out / REPORT_FILE).exists()


def test_reject_everything_mapping_gives_an_empty_book_and_a_full_report(tmp_path):
    path = tmp_path / "neg.csv"
    path.write_text("id,month,dpd,balance\n" + "".join(f"N{i},2024-01,0,-{i + 1}\n" for i in range(30)), encoding="utf-8")
    payload = convert_to_dataset(path, tmp_path / "o", chunk_bytes=40)
    assert payload["rows_accepted"] == 0 and payload["rows_rejected"] == 30 and payload["months"] == []
    zero = convert_to_dataset(path, tmp_path / "z", chunk_bytes=40, options=IngestOptions(negative_balance="zero"))
    whole = inspect_json(load_portfolio(path.read_bytes(), path.name, options=IngestOptions(negative_balance="zero")))
    assert_same({k: zero[k] for k in INSPECT_KEYS}, {k: whole[k] for k in INSPECT_KEYS})


def test_rows_carry_an_integer_account_key_the_cubes_pair_on(gbk_book, tmp_path):
    from analysis.core import book_from_parquet
    from analysis.ingest.dataset import account_keys

    out = tmp_path / "book"
    payload = convert_to_dataset(gbk_book, out, chunk_bytes=400, overwrite=True)
    assert payload["account_key_unique"] is True
    rows = duckdb.connect().execute(
        f"SELECT account_id, account_key FROM read_parquet('{out}/**/*.parquet')").fetch_df()
    # one key per id, the same in every piece and month, and the one account_keys gives
    assert rows.groupby("account_id")["account_key"].nunique().max() == 1
    assert rows["account_key"].tolist() == account_keys(rows["account_id"]).tolist()
    keyed = book_from_parquet(out, memory_limit="256MB")
    plain = book_from_parquet(out, memory_limit="256MB")
    plain.account_key = None  # pair on the text id instead
    assert keyed.account_key == "account_key"
    for name in ("aging", "transitions", "vintage"):
        pd.testing.assert_frame_equal(getattr(keyed.cubes(), name)(), getattr(plain.cubes(), name)())
    keyed.close()
    plain.close()


def test_a_dataset_whose_keys_collide_pairs_on_the_text_id(gbk_book, tmp_path, monkeypatch):
    import analysis.ingest.dataset as dataset
    from analysis.core import book_from_parquet

    # every id gets the same key: the report must say so and readers must not use the key
    monkeypatch.setattr(dataset, "account_keys", lambda ids: np.zeros(len(ids), dtype=np.int64))
    out = tmp_path / "book"
    payload = convert_to_dataset(gbk_book, out, overwrite=True)
    assert payload["account_key_unique"] is False
    book = book_from_parquet(out, memory_limit="256MB")
    assert book.account_key is None
    moved = book.cubes().transitions()
    assert (moved["bucket"].astype(str) == moved["next_bucket"].astype(str)).any()
    book.close()


def _titled_workbook(rows: list[list]) -> bytes:
    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False, header=False)
    return buf.getvalue()


_HEADER = "客户编号,逾期天数,贷款余额\n"
_TITLED = {
    "titled.csv": ("XX银行逾期明细表 2024年1月\n" + _HEADER + "A1,0,100\nA2,35,200\n").encode(),
    "stacked.csv": ("XX银行逾期明细表 2024年1月\n" + _HEADER + "A1,0,100\nA2,35,200\n\n"
                    "XX银行逾期明细表 2024年2月\n" + _HEADER + "A1,5,90\nA2,65,190\n").encode("gbk"),
    "stacked.xlsx": _titled_workbook([["XX银行逾期明细表 2024年1月", None, None], _HEADER.strip().split(","),
                                      ["A1", 0, 100], ["A2", 35, 200], [None] * 3,
                                      ["XX银行逾期明细表 2024年2月", None, None], _HEADER.strip().split(","),
                                      ["A1", 5, 90], ["A2", 65, 190]]),
}


@pytest.mark.parametrize("name", sorted(_TITLED))
def test_months_named_by_title_rows_convert_as_they_load(name, tmp_path):
    """A month named only by the title above the table (and, stacked, above each month's table)
    was refused by convert ("no snapshot date"; the pieces never saw the titles) while inspect
    read it."""
    path = tmp_path / name
    path.write_bytes(_TITLED[name])
    payload = convert_to_dataset(path, tmp_path / "out", chunk_bytes=16)
    whole = inspect_json(load_portfolio(_TITLED[name], name))
    assert_same({k: payload[k] for k in INSPECT_KEYS}, {k: whole[k] for k in INSPECT_KEYS})
    assert payload["months"] == (["2024-01"] if name == "titled.csv" else ["2024-01", "2024-02"])
    assert payload["streamed"] == (name == "titled.csv")
    with duckdb.connect() as con:
        rows = con.execute(f"SELECT month, balance FROM read_parquet('{tmp_path / 'out'}/**/*.parquet', "
                           "hive_partitioning = true)").fetch_df()
    assert rows.groupby("month")["balance"].sum().round(2).to_dict() == (
        {"2024-01": 300.0} if name == "titled.csv" else {"2024-01": 300.0, "2024-02": 280.0})


@pytest.mark.parametrize("tail", ["\x1a", "\x1a\r\n"])
def test_a_dos_end_of_file_mark_is_no_row_in_a_converted_file(tail, tmp_path):
    path = tmp_path / "dos.csv"
    path.write_bytes(("账户,日期,余额,逾期天数\r\nA1,2024-01-31,100,0\r\nA2,2024-01-31,200,5\r\n" + tail).encode())
    payload = convert_to_dataset(path, tmp_path / "out", chunk_bytes=16)
    assert (payload["rows_read"], payload["rows_rejected"]) == (2, 0)


def test_an_output_that_cannot_be_written_is_a_message_and_a_killed_runs_leftovers_go(gbk_book, tmp_path):
    from analysis.ingest.dataset import DatasetError

    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    with pytest.raises(DatasetError) as err:
        convert_to_dataset(gbk_book, blocker / "book")
    assert err.value.key == "dataset.error.cannot_write" and "a_file" in err.value.message("zh")
    # a convert killed by its scheduler left .book.partial-<pid>: the next run clears it once it
    # has been untouched for hours; a fresh one may be another host's running convert: kept
    import os
    import time

    stale, fresh = tmp_path / ".book.partial-999999999", tmp_path / ".book.partial-999999998"
    for folder in (stale, fresh):
        (folder / "month=2024-01").mkdir(parents=True)
        (folder / "month=2024-01" / "part.parquet").write_bytes(b"x")
    old = time.time() - 7 * 3600
    for path in (stale, stale / "month=2024-01", stale / "month=2024-01" / "part.parquet"):
        os.utime(path, (old, old))
    convert_to_dataset(gbk_book, tmp_path / "book")
    assert not stale.exists() and fresh.exists() and (tmp_path / "book").is_dir()


@pytest.mark.parametrize("kind", ["parquet", "xlsx", "csv"])
def test_numeric_account_ids_convert_and_a_piece_without_months_is_judged_beside_a_good_row(kind, tmp_path):
    # a workbook or Parquet file whose account ids are numbers failed every convert: the witness
    # row's text id did not fit the number column
    months = [f"2024-0{1 + i // 20}" if not 40 <= i < 60 else "soon" for i in range(100)]
    frame = pd.DataFrame({"客户编号": [10_000 + i % 20 for i in range(100)], "统计月份": months,
                          "逾期天数": [i % 50 for i in range(100)], "贷款余额": [float(i) * 10 for i in range(100)]})
    path = tmp_path / f"book.{kind}"
    if kind == "parquet":
        frame.to_parquet(path, index=False, row_group_size=5)
    elif kind == "xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
    payload = convert_to_dataset(path, tmp_path / "out", chunk_bytes=64 * 2)
    whole = inspect_json(load_portfolio(path.read_bytes(), path.name))
    assert_same({k: payload[k] for k in INSPECT_KEYS}, {k: whole[k] for k in INSPECT_KEYS})
    assert payload["rows_accepted"] == 80 and payload["accounts"] == 20
    if kind != "xlsx":  # read whole: one piece
        assert payload["streamed"] and payload["pieces"] > 5
