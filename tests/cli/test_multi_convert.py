"""``python -m analysis convert`` on several monthly files: one month-partitioned dataset under the
upload page's rules, the same validation report as ``inspect`` on those files, rejections named by
file and row, and the cubes of the one-file conversion."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from analysis.core import book_from_parquet
from analysis.ingest.dataset import REJECTED_FILE
from tests.cli.books import assert_same, run_cli

HEADER = ["客户编号", "逾期天数", "贷款余额", "产品"]
#: Month → rows as the clerk's system exports them; a few rows every validation rejects.
ROWS = {
    "2024-01": [["A1", "0", "1000.10", "信用卡"], ["A2", "35", "2000.20", "消费贷"], ["A3", "0", "300.00", "信用卡"],
                ["A4", "95", "4000.04", "消费贷"], ["A5", "0", "50.05", "信用卡"]],
    "2024-02": [["A1", "0", "990.01", "信用卡"], ["A2", "65", "2010.00", "消费贷"], ["A2", "0", "1.00", "消费贷"],
                ["A3", "x", "5.00", "信用卡"], ["A4", "125", "4100.00", "消费贷"], ["A6", "0", "600.60", "信用卡"]],
    "2024-03": [["A1", "5", "980.00", "信用卡"], ["A2", "95", "2020.02", "消费贷"], ["A3", "0", "310.31", "信用卡"],
                ["A4", "155", "4200.00", "消费贷"], ["A6", "35", "610.00", "信用卡"], ["合计", "", "8120.33", ""]],
}
#: The set: January a workbook whose month is in its title row, February and March CSVs named by month.
NAMES = {"2024-01": "明细 一月.xlsx", "2024-02": "loans_202402.csv", "2024-03": "逾期明细 2024年3月.csv"}
#: Rejections hand-listed: (file, row in that file, reason key); January's rows start on row 3 (title, header).
REJECTED = [("loans_202402.csv", 4, "ingest.reject.duplicate"), ("loans_202402.csv", 5, "ingest.reject.bad_dpd"),
            ("逾期明细 2024年3月.csv", 7, "ingest.reject.total_row")]
INSPECT_KEYS = ("rows_read", "rows_accepted", "rows_rejected", "mapping", "months", "accounts", "balance_total",
                "rejected", "reasons", "notes", "balance_read", "balance_rejected", "rejections_by_reason", "files")


def _csv(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows, title: str) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(HEADER)
    for r in rows:
        ws.append([r[0], int(r[1]), float(r[2]), r[3]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture()
def files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / NAMES["2024-01"]).write_bytes(_xlsx(ROWS["2024-01"], "XX银行逾期明细表 2024年1月"))
    for month in ("2024-02", "2024-03"):
        (folder / NAMES[month]).write_bytes(_csv(ROWS[month]))
    # the same rows in one file with a month column
    one = [[month, *r] for month, rows in ROWS.items() for r in rows]
    (folder / "全年.csv").write_bytes(_csv(one, ["统计月份", *HEADER]))
    return folder


def _paths(folder) -> list[str]:
    return [str(folder / NAMES[m]) for m in ("2024-03", "2024-01", "2024-02")]  # any order


def test_three_monthly_files_give_inspects_report_with_rejections_named_by_file_and_row(files, tmp_path, capsys):
    out = tmp_path / "book"
    code, converted, err = run_cli(capsys, "convert", *_paths(files), "--out", str(out), "--json", "--quiet")
    assert code == 0, err
    code, inspected, err = run_cli(capsys, "inspect", *_paths(files), "--json")
    assert code == 0, err
    assert_same({k: converted[k] for k in INSPECT_KEYS}, {k: inspected[k] for k in INSPECT_KEYS})
    assert [(f["file"], f["month"], f["month_source"]) for f in converted["files"]] == [
        ("明细 一月.xlsx", "2024-01", "title"), ("loans_202402.csv", "2024-02", "file_name"),
        ("逾期明细 2024年3月.csv", "2024-03", "file_name")]
    assert [(r["file"], r["row"]) for r in converted["rejected"]] == [(f, r) for f, r, _ in REJECTED]
    assert converted["months"] == ["2024-01", "2024-02", "2024-03"]
    # the rejected rows' file: the file and its own row, the reason, the row's own cells
    rejected = pd.read_csv(out / REJECTED_FILE, encoding="utf-8-sig", dtype=str)
    assert list(zip(rejected["file"], rejected["row"].astype(int), rejected["reason_key"])) == REJECTED
    assert rejected["贷款余额"].tolist() == ["1.00", "5.00", "8120.33"]
    assert "来源文件" not in rejected.columns  # said by "file"
    # accepted balance to the cent, from the text
    accepted = sum(Decimal(r[2]) for rows in ROWS.values() for r in rows) - Decimal("1.00") - Decimal("5.00") \
        - Decimal("8120.33")
    assert round(converted["balance_total"], 2) == float(accepted)


def test_three_monthly_files_converted_give_the_one_file_conversions_cubes(files, tmp_path, capsys):
    several, one = tmp_path / "several", tmp_path / "one"
    code, a, err = run_cli(capsys, "convert", *_paths(files), "--out", str(several), "--json", "--quiet")
    assert code == 0, err
    code, b, err = run_cli(capsys, "convert", str(files / "全年.csv"), "--out", str(one), "--json", "--quiet")
    assert code == 0, err
    assert (a["rows_accepted"], a["rows_rejected"]) == (b["rows_accepted"], b["rows_rejected"]) == (14, 3)
    assert a["reasons"] == b["reasons"]
    books = [book_from_parquet(several, memory_limit="256MB"), book_from_parquet(one, memory_limit="256MB")]
    try:
        left, right = (book.cubes() for book in books)
        for name in ("aging", "transitions", "rates", "dpd"):
            pd.testing.assert_frame_equal(getattr(left, name)(), getattr(right, name)(), obj=name)
        # and the balance of each month, to the cent, from the text of the rows accepted
        aging = left.aging()
        kept = {"2024-01": ROWS["2024-01"], "2024-02": [ROWS["2024-02"][i] for i in (0, 1, 4, 5)],
                "2024-03": ROWS["2024-03"][:5]}
        for month, rows in kept.items():
            assert round(float(aging.loc[aging["month"] == month, "balance"].sum()), 2) == float(
                sum(Decimal(r[2]) for r in rows))
    finally:
        for book in books:
            book.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_without_a_month_is_named_with_the_option_that_gives_it(files, tmp_path, capsys, lang):
    (files / "latest.csv").write_bytes(_csv([["A1", "0", "5.00", "信用卡"]]))
    paths = [*_paths(files), str(files / "latest.csv")]
    out = tmp_path / "book"
    code, _, err = run_cli(capsys, "convert", *paths, "--out", str(out), "--lang", lang)
    assert code == 2 and "latest.csv" in err and "--file-month" in err and "Traceback" not in err
    assert not out.exists()
    code, converted, err = run_cli(capsys, "convert", *paths, "--out", str(out), "--file-month", "latest.csv=2024-04",
                                   "--json", "--quiet")
    assert code == 0, err
    assert converted["months"] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert converted["files"][-1] == {**converted["files"][-1], "file": "latest.csv", "month": "2024-04",
                                      "month_source": "user"}


def test_several_files_refuse_a_snapshot_month_and_a_missing_file(files, tmp_path, capsys):
    out = tmp_path / "book"
    code, _, err = run_cli(capsys, "convert", *_paths(files), "--out", str(out), "--snapshot-month", "2024-01")
    assert code == 2 and "--snapshot-month" in err
    code, _, err = run_cli(capsys, "convert", *_paths(files), str(files / "nope.csv"), "--out", str(out))
    assert code == 2 and "nope.csv" in err
    assert not out.exists()
