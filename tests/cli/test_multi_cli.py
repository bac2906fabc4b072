"""The CLI with several monthly files: the same JSON as one file holding the same rows, keys only added."""
from __future__ import annotations

import io

import openpyxl
import pytest

from tests.cli.books import assert_same, run_cli

MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04"]


def _rows():
    """Per month: ten accounts rolling through the buckets, plus a negative balance and a repeat."""
    rows = {}
    for k, month in enumerate(MONTHS):
        out = [(f"KH{i:02d}", [0, 0, 15, 45, 75, 120][(i + k) % 6], f"{1000 + 37 * i + k}.{(i * 7 + k) % 100:02d}")
               for i in range(10)]
        out.append((f"KH{k:02d}", 0, "-3.50"))   # the account again this month: rejected, first kept
        out.append(("KH99", 0, "-1"))            # negative balance
        rows[month] = out
    return rows


def _write(tmp_path, with_xlsx=True):
    rows = _rows()
    single = ["客户编号,统计月份,逾期天数,贷款余额"]
    paths = []
    for k, month in enumerate(MONTHS):
        single += [f"{a},{month},{d},{b}" for a, d, b in rows[month]]
        if with_xlsx and k == 2:  # one month as a workbook with a title row naming it
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append([f"XX银行逾期明细表 {month[:4]}年{int(month[5:])}月"])
            ws.append(["客户编号", "逾期天数", "贷款余额"])
            for a, d, b in rows[month]:
                ws.append([a, d, float(b)])
            buf = io.BytesIO()
            wb.save(buf)
            path = tmp_path / "第三个月.xlsx"
            path.write_bytes(buf.getvalue())
        else:
            path = tmp_path / f"loans_{month.replace('-', '')}.csv"
            path.write_text("客户编号,逾期天数,贷款余额\n" + "".join(f"{a},{d},{b}\n" for a, d, b in rows[month]),
                            encoding="gbk")
        paths.append(str(path))
    one = tmp_path / "all.csv"
    one.write_text("\n".join(single) + "\n", encoding="utf-8")
    return str(one), paths


def test_inspect_several_files_has_the_one_file_keys_and_figures(tmp_path, capsys):
    one, paths = _write(tmp_path)
    code, single, _ = run_cli(capsys, "inspect", one, "--json")
    assert code == 0
    code, multi, err = run_cli(capsys, "inspect", *reversed(paths), "--json")  # any order given
    assert code == 0, err
    assert set(multi) == set(single) | {"files"}
    for key in ("rows_read", "rows_accepted", "rows_rejected", "months", "accounts", "reasons"):
        assert multi[key] == single[key], key
    # balances summed from the test's rows, to the cent
    expected = sum(round(float(b) * 100) for m, rs in _rows().items()
                   for j, (a, d, b) in enumerate(rs) if j < 10)
    assert round(multi["balance_total"] * 100) == round(single["balance_total"] * 100) == expected
    assert [(f["file"], f["month"], f["month_source"], f["rows"]) for f in multi["files"]] == [
        ("loans_202401.csv", "2024-01", "file_name", 12), ("loans_202402.csv", "2024-02", "file_name", 12),
        ("第三个月.xlsx", "2024-03", "title", 12), ("loans_202404.csv", "2024-04", "file_name", 12)]
    # every rejection names its file and its row there; the single file names its line
    assert sorted((r["file"], r["row"]) for r in multi["rejected"]) == sorted(
        [(f, 12) for f in ("loans_202401.csv", "loans_202402.csv", "loans_202404.csv")]
        + [(f, 13) for f in ("loans_202401.csv", "loans_202402.csv", "loans_202404.csv")]
        + [("第三个月.xlsx", 13), ("第三个月.xlsx", 14)])
    assert {"row", "reason"} <= set(single["rejected"][0]) and "file" not in single["rejected"][0]


def test_rollrates_on_several_files_equals_one_file(tmp_path, capsys):
    one, paths = _write(tmp_path)
    code, single, _ = run_cli(capsys, "rollrates", one, "--json")
    assert code == 0
    code, multi, err = run_cli(capsys, "rollrates", *paths, "--json")
    assert code == 0, err
    assert_same(multi, single)


def test_human_output_names_files(tmp_path, capsys):
    from analysis.__main__ import main

    _, paths = _write(tmp_path, with_xlsx=False)
    assert main(["inspect", *paths]) == 0
    text = capsys.readouterr().out
    assert "file           loans_202401.csv: 12 rows, month 2024-01 (file_name)" in text
    assert "loans_202402.csv row 13: " in text
    # under --lang zh the table's own words are Chinese too, not only the messages
    assert main(["inspect", *paths, "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "文件      loans_202401.csv：12 行，月份 2024-01（文件名）" in text
    assert "loans_202402.csv 第 13 行: " in text and "共读取 4 个文件" in text and "rows" not in text


def test_a_file_without_a_month_is_named_and_file_month_gives_it(tmp_path, capsys):
    _, paths = _write(tmp_path, with_xlsx=False)
    latest = tmp_path / "latest.csv"
    latest.write_text("客户编号,逾期天数,贷款余额\nKH01,0,5.25\n", encoding="utf-8")
    for lang, word in (("en", "Cannot tell which month"), ("zh", "无法判断")):
        code, _, err = run_cli(capsys, "inspect", *paths, str(latest), "--json", "--lang", lang)
        assert code == 2 and "Traceback" not in err
        assert word in err and "latest.csv" in err and "--file-month" in err
    code, payload, err = run_cli(capsys, "inspect", *paths, str(latest), "--json", "--file-month", "latest.csv=2024-05")
    assert code == 0, err
    assert payload["months"] == MONTHS + ["2024-05"]
    assert payload["files"][-1] == {"file": "latest.csv", "rows": 1, "month": "2024-05", "month_source": "user",
                                    "months": [], "named_month": None, "missing_headers": [], "extra_headers": []}


@pytest.mark.parametrize("extra, word", [
    (["--snapshot-month", "2024-01"], "--snapshot-month"),
    (["--table", "t"], "one source at a time"),
])
def test_options_that_mean_one_source_are_refused_with_several(tmp_path, capsys, extra, word):
    _, paths = _write(tmp_path, with_xlsx=False)
    code, _, err = run_cli(capsys, "inspect", *paths, *extra)
    assert code == 2 and word in err and "Traceback" not in err


def test_a_folder_among_files_and_a_missing_file_are_refused(tmp_path, capsys):
    _, paths = _write(tmp_path, with_xlsx=False)
    code, _, err = run_cli(capsys, "aging", paths[0], str(tmp_path))
    assert code == 2 and "one source at a time" in err
    code, _, err = run_cli(capsys, "aging", paths[0], str(tmp_path / "nope.csv"), "--lang", "zh")
    assert code == 2 and "找不到文件" in err


def test_a_mapped_header_one_file_lacks_is_named(tmp_path, capsys):
    _, paths = _write(tmp_path, with_xlsx=False)
    odd = tmp_path / "loans_202405.csv"
    odd.write_text("客户编号,逾期天数\nKH01,0\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "inspect", *paths, str(odd))
    assert code == 2 and "loans_202405.csv" in err and "贷款余额" in err


def test_one_file_commands_refuse_several(tmp_path, capsys):
    _, paths = _write(tmp_path, with_xlsx=False)
    with pytest.raises(SystemExit) as exit_:
        run_cli(capsys, "contacts", *paths)
    assert exit_.value.code == 2
    assert "reads one file at a time" in capsys.readouterr().err


def test_one_file_still_reads_as_before(tmp_path, capsys):
    one, _ = _write(tmp_path)
    code, payload, _ = run_cli(capsys, "inspect", one, "--json")
    assert code == 0 and "files" not in payload and payload["months"] == MONTHS


def test_the_report_names_the_set_of_files(tmp_path, capsys):
    _, paths = _write(tmp_path)
    out = tmp_path / "r.html"
    code, _, err = run_cli(capsys, "report", *paths, "-o", str(out), "--sections", "aging")
    assert code == 0, err
    assert "loans_202401.csv … 第三个月.xlsx (4)" in out.read_text(encoding="utf-8")
