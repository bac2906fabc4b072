"""The CLI reads the money unit a file names when ``--unit`` is not given, and says so."""
from __future__ import annotations

from tests.cli.books import run_cli

TEXT = "借据号,统计月份,逾期天数,贷款余额(万元)\nA,2024-01,0,18.25\nB,2024-01,35,2.5\n"


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unit_from_header_without_unit_option(tmp_path, capsys):
    code, payload, _ = run_cli(capsys, "inspect", str(_write(tmp_path, "a.csv", TEXT)), "--json")
    assert code == 0
    assert payload["balance_total"] == (18.25 + 2.5) * 10_000  # 万元 → 元
    assert any("贷款余额(万元)" in n and "--unit" in n for n in payload["notes"])


def test_unit_option_wins_over_header(tmp_path, capsys):
    code, payload, _ = run_cli(capsys, "inspect", str(_write(tmp_path, "a.csv", TEXT)), "--json", "--unit", "yuan")
    assert code == 0
    assert payload["balance_total"] == 18.25 + 2.5
    assert not any("--unit" in n for n in payload["notes"])


def test_several_files_detect_the_unit_too(tmp_path, capsys):
    second = TEXT.replace("2024-01", "2024-02")
    paths = [str(_write(tmp_path, "2024-01.csv", TEXT)), str(_write(tmp_path, "2024-02.csv", second))]
    code, payload, _ = run_cli(capsys, "inspect", *paths, "--json", "--lang", "zh")
    assert code == 0
    assert payload["balance_total"] == 2 * (18.25 + 2.5) * 10_000
    assert any("已按万元读取" in n for n in payload["notes"])


def test_magnitudes_alone_only_suggest(tmp_path, capsys):
    rows = "".join(f"K{i},2024-01,0,{12.5 + i * 0.75}\n" for i in range(8))
    path = _write(tmp_path, "b.csv", "借据号,统计月份,逾期天数,贷款余额\n" + rows)
    code, payload, _ = run_cli(capsys, "inspect", str(path), "--json")
    assert code == 0
    assert payload["balance_total"] == sum(12.5 + i * 0.75 for i in range(8))  # read as 元
    assert any("--unit wan" in n for n in payload["notes"])
