"""A big CSV read compactly (columns with few distinct values as ``category``, issue 13 item 9)
gives exactly what the all-text read gives: portfolio, rejections, report, notes."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.portfolio import IngestOptions, build_portfolio, load_portfolio, resolve_mapping
from analysis.ingest.readers import read_table


def _file(n_accounts: int = 60, seed: int = 0) -> bytes:
    rng = np.random.default_rng(seed)
    lines = ["客户编号;统计日期;逾期天数;贷款余额;授信额度;产品;地区;放款日期;逾期原因"]
    months = ["31/01/2024", "29/02/2024", "31/03/2024", "30/04/2024", "31/05/2024"]
    for a in range(n_accounts):
        product = rng.choice(["信用卡", " 消费贷", "经营贷 ", ""])
        region = rng.choice(["华东", "华南", "  "])
        for m in months:
            dpd = rng.choice(["0", "0", "15", "45", "-3", "abc", "", "30天"])
            bal = rng.choice(["1.234,56", "100", "", "-5", "oops", "2 500,5", "12,5"])
            lines.append(f"K{a:04d};{m};{dpd};{bal};5000;{product};{region};15/0{1 + a % 9}/2020;"
                         f"{rng.choice(['失业', '', '疾病'])}")
    lines.append("K0001;31/01/2024;0;1;5000;信用卡;华东;15/01/2020;")  # a repeated account-month
    lines.append("合计;;;9.999,00;;;;;")                                # a total row
    lines.append(";;;;;;;;")                                            # an empty row
    return ("\n".join(lines) + "\n").encode("utf-8")


def _build(raw, options=IngestOptions(negative_balance="zero")):
    raw, mapping, options = resolve_mapping(raw, None, options)
    return build_portfolio(raw, mapping, options)


def _same(a, b):
    assert list(a.portfolio.columns) == list(b.portfolio.columns)
    for c in a.portfolio.columns:
        x, y = a.portfolio[c], b.portfolio[c]
        assert x.dtype == y.dtype, c
        pd.testing.assert_series_equal(x, y, check_names=True, obj=c)
    pd.testing.assert_frame_equal(a.rejected.drop(columns="position"), b.rejected.drop(columns="position"))
    assert a.summary == b.summary
    for lang in ("zh", "en"):
        ra, rb = a.rejected_report(lang), b.rejected_report(lang)
        assert ra.astype(str).values.tolist() == rb.astype(str).values.tolist()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_compact_read_gives_what_the_text_read_gives(seed):
    data = _file(seed=seed)
    text = read_table(data, "a.csv")
    compact = read_table(data, "a.csv", compact=True, compact_min_bytes=0)
    kinds = {c: str(compact.frame[c].dtype) for c in compact.frame.columns}
    assert kinds["产品"] == kinds["统计日期"] == "category"  # the compact path is taken
    assert np.array_equal(text.source_rows, compact.source_rows)
    for c in text.frame.columns:  # the cells as found, whatever their storage
        assert text.frame[c].astype(object).where(text.frame[c].notna(), None).tolist() == \
            compact.frame[c].astype(object).where(compact.frame[c].notna(), None).tolist()
    a, b = _build(text), _build(compact)
    assert b.summary["rows_rejected"] > 0 and any(k == "ingest.note.day_first" for k, _ in b.summary["notes"])
    _same(a, b)


def test_load_portfolio_releases_the_cells_of_accepted_rows_and_reports_the_same():
    data = _file(seed=3)
    full = _build(read_table(data, "a.csv"))
    loaded = load_portfolio(data, "a.csv", options=IngestOptions(negative_balance="zero"))
    _same(full, loaded)
    assert len(loaded.raw.frame) == loaded.summary["rows_rejected"] < loaded.summary["file_rows"]


def test_small_files_and_quoted_newlines_stay_text():
    data = _file(n_accounts=5)
    assert all(str(t) != "category" for t in read_table(data, "a.csv", compact=True).frame.dtypes)
    quoted = data.replace("失业".encode(), '"失\n业"'.encode())
    raw = read_table(quoted, "a.csv", compact=True, compact_min_bytes=0)
    assert all(str(t) != "category" for t in raw.frame.dtypes)
