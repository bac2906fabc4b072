"""convert reads the money unit a file names, as inspect and the other commands do without --unit:
a file headed 贷款余额(万元) went into the dataset in 元 while inspect read it in 万元."""
from __future__ import annotations

import pytest

from tests.cli.books import run_cli

WAN_HEADER = "统计日期,借据号,逾期天数,贷款余额(万元)\n2024-03-31,J1,35,12.5\n2024-03-31,J2,0,30\n"
UNITS_ROW = "统计日期,借据号,逾期天数,贷款余额\n,,（天）,（万元）\n2024-03-31,J1,35,12.5\n2024-03-31,J2,0,30\n"


@pytest.mark.parametrize("text", [WAN_HEADER, UNITS_ROW], ids=["header", "units-row"])
@pytest.mark.parametrize("chunk", ["0", "64"], ids=["whole", "pieces"])
def test_convert_reads_the_unit_the_file_names(text, chunk, tmp_path, capsys):
    path = tmp_path / "wan.csv"
    path.write_text(text, encoding="utf-8")
    code, inspected, _ = run_cli(capsys, "inspect", str(path), "--json")
    assert code == 0 and inspected["balance_total"] == 425_000.0
    args = ["convert", str(path), "--out", str(tmp_path / "ds"), "--json"] + (["--chunk-bytes", chunk] if chunk != "0" else [])
    code, converted, _ = run_cli(capsys, *args)
    assert code == 0 and converted["balance_total"] == 425_000.0 and converted["rows_accepted"] == 2
    # --unit still reads every column in the unit given
    code, forced, _ = run_cli(capsys, "convert", str(path), "--out", str(tmp_path / "ds2"), "--json", "--unit", "yuan")
    assert code == 0 and forced["balance_total"] == 42.5
