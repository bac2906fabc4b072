"""Parquet files that cost far more once decoded than their bytes, and text stored as bytes.

Parquet is read in the server process. A file's footer and its encodings can hide gigabytes:
one long text stored once in a dictionary and referenced by every row, or a list of millions of
zeros run-length encoded to nothing. Each is refused, as a CSV line over ``DW_MAX_CSV_LINE_BYTES``
is, before it is decoded; and strings a Hive or Spark export stores as binary are read as text.
"""
from __future__ import annotations

import io
import resource

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.ingest.errors import IngestError
from analysis.ingest.portfolio import load_portfolio
from analysis.ingest.readers import read_table


def _parquet(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_one_long_text_referenced_by_every_row_is_refused_before_it_is_decoded():
    # 2,500 rows x 1 MB once decoded (2.5 GB; it ended in Arrow's offset overflow, a traceback)
    rows = 2500
    long_text = pa.DictionaryArray.from_arrays(pa.array(np.zeros(rows, dtype=np.int32)), pa.array(["x" * (1 << 20)]))
    data = _parquet(pa.table({"账户": [f"A{i}" for i in range(rows)], "日期": ["2024-01-31"] * rows,
                              "余额": np.ones(rows), "逾期天数": np.zeros(rows, dtype=np.int64), "备注": long_text}))
    assert len(data) < 100_000
    before = _rss_mb()
    with pytest.raises(IngestError) as err:
        read_table(data, "long.parquet")
    assert err.value.code == "ingest.error.parquet_row_too_long" and err.value.params["size"] > 1 << 20
    assert _rss_mb() - before < 500  # nothing near the 2.5 GB the text decodes to
    assert "DW_MAX_CSV_LINE_BYTES" in err.value.message("zh")


def test_a_list_of_millions_of_values_in_a_few_rows_is_not_read_and_named():
    # a 2 KB file of 3 rows held a list of 240 million zeros (2.9 GB once read); no field takes a
    # list, so the column is left unread and the rest of the file loads
    values = 30_000_000
    lists = pa.ListArray.from_arrays(pa.array([0, values // 3, 2 * values // 3, values], pa.int32()),
                                     pa.array(np.zeros(values, dtype=np.int8)))
    data = _parquet(pa.table({"账户": ["A1", "A2", "A3"], "日期": ["2024-01-31"] * 3, "余额": [1.0, 2.0, 3.0],
                              "逾期天数": [0, 1, 2], "明细": lists}))
    before = _rss_mb()
    raw = read_table(data, "lists.parquet")
    assert _rss_mb() - before < 200
    assert "明细" not in raw.frame.columns and raw.frame["账户"].tolist() == ["A1", "A2", "A3"]
    assert ("ingest.note.parquet_nested_skipped", {"columns": ("明细",)}) in raw.notes


@pytest.mark.parametrize("nested", ["struct", "map"])
def test_a_long_text_inside_a_struct_or_map_is_not_decoded(nested):
    # 2,500 rows each holding one 1 MB text in a struct (or a map): 3.2-3.7 GB, then "damaged"
    buf, writer, per = io.BytesIO(), None, 100
    for start in range(0, 2500, per):
        text = pa.array(["y" * (1 << 20)]).take(pa.array(np.zeros(per, dtype=np.int32)))
        inner = (pa.StructArray.from_arrays([text], names=["note"]) if nested == "struct" else
                 pa.MapArray.from_arrays(pa.array(np.arange(per + 1, dtype=np.int32)), pa.array(["k"] * per), text))
        chunk = pa.table({"账户": [f"A{i}" for i in range(start, start + per)], "日期": ["2024-01-31"] * per,
                          "余额": np.ones(per), "逾期天数": np.zeros(per, dtype=np.int64), "备注": inner})
        writer = writer or pq.ParquetWriter(buf, chunk.schema, compression="zstd")
        writer.write_table(chunk)
        del text, inner, chunk
    writer.close()
    data = buf.getvalue()
    assert len(data) < 200_000
    before = _rss_mb()
    res = load_portfolio(data, f"{nested}.parquet")
    assert _rss_mb() - before < 500
    assert res.summary["rows_accepted"] == 2500
    assert any(k == "ingest.note.parquet_nested_skipped" for k, _ in res.summary["notes"])


def test_a_text_just_under_the_row_limit_on_every_row_is_refused_by_what_it_decodes_to():
    # every row under DW_MAX_CSV_LINE_BYTES, 2.1 GB in all from a 10 KB file
    rows = 2000
    text = pa.DictionaryArray.from_arrays(pa.array(np.zeros(rows, dtype=np.int32)), pa.array(["x" * ((1 << 20) - 200)]))
    data = _parquet(pa.table({"账户": [f"A{i}" for i in range(rows)], "日期": ["2024-01-31"] * rows,
                              "余额": np.ones(rows), "逾期天数": np.zeros(rows, dtype=np.int64), "备注": text}))
    before = _rss_mb()
    with pytest.raises(IngestError) as err:
        read_table(data, "under.parquet")
    assert err.value.code == "ingest.error.parquet_expands" and err.value.params["size_mb"] > 2000
    assert _rss_mb() - before < 500
    assert "150" in err.value.message("zh") and "150" in err.value.message("en")


def test_millions_of_identical_rows_in_a_small_file_are_refused_before_they_are_read():
    rows = 5_000_000
    data = _parquet(pa.table({"账户": pa.DictionaryArray.from_arrays(pa.array(np.zeros(rows, dtype=np.int32)), pa.array(["A1"])),
                              "日期": pa.DictionaryArray.from_arrays(pa.array(np.zeros(rows, dtype=np.int32)), pa.array(["2024-01-31"])),
                              "余额": np.ones(rows), "逾期天数": np.zeros(rows, dtype=np.int64)}))
    assert len(data) < 200_000
    before = _rss_mb()
    with pytest.raises(IngestError) as err:
        read_table(data, "same.parquet")
    assert err.value.code == "ingest.error.parquet_rows_per_byte" and err.value.params["rows"] == rows
    assert _rss_mb() - before < 150


def test_fixed_size_binary_is_read_as_text_and_a_wide_one_refused_from_the_schema():
    ids = pa.array([b"A00001", b"A00002"], pa.binary(6))
    data = _parquet(pa.table({"账户": ids, "日期": ["2024-01-31"] * 2, "余额": [1.0, 2.0], "逾期天数": [0, 35]}))
    assert read_table(data, "fixed.parquet").frame["账户"].tolist() == ["A00001", "A00002"]
    wide = pa.array([b"x" * (1 << 20)] * 3, pa.binary(1 << 20))
    data = _parquet(pa.table({"账户": ["A1", "A2", "A3"], "日期": ["2024-01-31"] * 3, "余额": [1.0, 2.0, 3.0],
                              "逾期天数": [0, 1, 2], "备注": wide}))
    with pytest.raises(IngestError) as err:
        read_table(data, "wide.parquet")
    assert err.value.code == "ingest.error.parquet_row_too_long"


def test_a_short_list_and_ordinary_text_still_load():
    data = _parquet(pa.table({"账户": ["A1", "A2"], "日期": ["2024-01-31"] * 2, "余额": [1.0, 2.0],
                              "逾期天数": [0, 35], "标签": pa.array([[1, 2], None], pa.list_(pa.int64()))}))
    res = load_portfolio(data, "ok.parquet")
    assert res.summary["rows_accepted"] == 2 and res.portfolio["balance"].sum() == 3.0


def test_strings_stored_as_binary_are_read_as_text():
    # a Hive/Impala/Spark export: account A1 loaded as "b'A1'" and never matched the CSV month's A1
    data = _parquet(pa.table({"账户": pa.array([b"A1", b"A2"], pa.binary()),
                              "地区": pa.array(["华东".encode("gb18030"), "华南".encode("gb18030")], pa.binary()),
                              "日期": ["2024-01-31"] * 2, "余额": [1.0, 2.0], "逾期天数": [0, 35]}))
    raw = read_table(data, "binary.parquet")
    assert raw.frame["账户"].tolist() == ["A1", "A2"]
    assert raw.frame["地区"].tolist() == ["华东", "华南"]  # not UTF-8: read as GB18030


def test_float_ids_in_parquet_are_refused_naming_the_export_not_excel():
    ids = np.array([1e17 + i * 1e3 for i in range(3)], dtype=np.float64)
    data = _parquet(pa.table({"账户": ids, "日期": ["2024-01-31"] * 3, "余额": [1.0, 2.0, 3.0], "逾期天数": [0, 1, 2]}))
    with pytest.raises(IngestError) as err:
        load_portfolio(data, "float_ids.parquet")
    assert err.value.code == "ingest.error.ids_rounded_parquet"
    assert "Excel" not in err.value.message("en") and "工作簿" not in err.value.message("zh")


def test_a_float_balance_of_only_infinities_is_named_as_such_not_as_text():
    data = _parquet(pa.table({"账户": ["A1", "A2", "A3"], "日期": ["2024-01-31"] * 3,
                              "余额": [float("inf"), float("-inf"), 1e308], "逾期天数": [0, 1, 2]}))
    with pytest.raises(IngestError) as err:
        load_portfolio(data, "inf.parquet")
    assert err.value.code == "ingest.error.amount_column_not_finite"
    assert "infinite" in err.value.message("en") and "无穷大" in err.value.message("zh")


def test_an_ordinary_book_that_packs_tight_is_read():
    # 2.4M rows of amortising loans, zstd and dictionaries: 1.3 MB on disk, 272 MB in Arrow; it
    # was refused by a ratio that counted its numbers
    accounts, months = 100_000, 24
    ids = np.repeat(np.arange(accounts), months)
    data = _parquet(pa.table({
        "账户": pa.DictionaryArray.from_arrays(pa.array(ids.astype(np.int32)), pa.array([f"A{i:06d}" for i in range(accounts)])),
        "日期": pa.DictionaryArray.from_arrays(pa.array(np.tile(np.arange(months, dtype=np.int32), accounts)),
                                             pa.array([f"2024-{m % 12 + 1:02d}-28" if m < 12 else f"2025-{m % 12 + 1:02d}-28"
                                                       for m in range(months)])),
        "余额": np.round(10_000 - np.tile(np.arange(months), accounts) * 400.0, 2),
        "逾期天数": np.zeros(accounts * months, dtype=np.int64)}))
    assert len(data) < 5_000_000
    assert len(read_table(data, "tight.parquet").frame) == accounts * months


def test_many_long_rows_each_under_the_row_limit_are_refused_from_the_footer():
    # A thousand one-row groups, each with its own dictionary of a 1 MB text: every row under the
    # 1 MiB a row may have, 1 GB decoded, 3.5 GB in the server from 20 MB (hostile round 5, #3).
    # Long rows together may hold 64 MB; a few long remarks are still read.
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.ingest.errors import IngestError
    from analysis.ingest.readers import read_table

    def book(n_long: int, size: int) -> bytes:
        n = n_long + 3
        table = pa.table({"账户": [f"A{i}" for i in range(n)], "日期": ["2024-01-31"] * n,
                          "余额": [100.0] * n, "逾期天数": [0] * n,
                          "备注": [("x" * size + str(i)) if i < n_long else "ok" for i in range(n)]})
        out = io.BytesIO()
        pq.write_table(table, out, row_group_size=1, compression="zstd")
        return out.getvalue()
    with pytest.raises(IngestError) as err:
        read_table(book(100, 800_000), "long.parquet")
    assert err.value.code == "ingest.error.long_rows" and err.value.params["rows"] == 100
    assert "64 MB" in err.value.message("en") and "64 MB" in err.value.message("zh")
    assert len(read_table(book(10, 100_000), "remarks.parquet").frame) == 13


def test_binary_ids_no_encoding_reads_stay_distinct():
    # b"\x80A1" and b"\xffA1" both read "�A1": one was rejected as the other's duplicate (hostile #9)
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.ingest.portfolio import load_portfolio

    table = pa.table({"账户": pa.array([b"\x80A1", b"\xffA1", "甲2".encode("gb18030")], pa.binary()),
                      "日期": ["2024-01-31"] * 3, "余额": [1.0, 2.0, 3.0], "逾期天数": [0, 0, 0]})
    out = io.BytesIO()
    pq.write_table(table, out)
    res = load_portfolio(out.getvalue(), "ids.parquet")
    assert res.summary["rows_rejected"] == 0
    assert sorted(res.portfolio["account_id"]) == sorted(["\\x80A1", "\\xffA1", "甲2"])
