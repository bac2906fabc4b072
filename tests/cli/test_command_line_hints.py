"""Ingest's messages speak of the upload page; the CLI adds the option that does the same."""
from __future__ import annotations

import pytest

from analysis.__main__ import main
from analysis.core.i18n import analysis_messages


@pytest.mark.parametrize("lang, option", [("en", "--balance-missing unit"), ("zh", "--balance-missing unit")])
def test_a_file_without_balances_names_the_option_that_counts_accounts(tmp_path, capsys, lang, option):
    path = tmp_path / "counts.csv"
    path.write_text("account_id,month,dpd,region\nA1,2024-01,0,华东\nA2,2024-01,40,华南\n", encoding="utf-8")
    assert main(["aging", str(path), "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert option in err and "Traceback" not in err
    assert main(["aging", str(path), "--balance-missing", "unit"]) == 0


def test_every_hint_exists_in_both_languages():
    from analysis.cli.common import _COMMAND_LINE_HINTS

    messages = analysis_messages()
    for error, hint in _COMMAND_LINE_HINTS.items():
        assert error in messages and messages[hint]["zh"] and messages[hint]["en"]


def test_the_report_command_speaks_of_a_book_without_balances_in_accounts(tmp_path, capsys):
    rows = ["account_id,month,dpd,region"]
    rows += [f"A{i},2024-{m:02d},{(0, 0, 0, 45, 100, 200)[(i + m) % 6]},{'华东' if i % 2 else '华南'}"
             for m in range(1, 7) for i in range(60)]
    path = tmp_path / "counts.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", str(path), "--balance-missing", "unit", "-o", str(out), "--json"]) == 0
    import json

    findings = json.loads(capsys.readouterr().out)["findings"]
    assert findings and not any("balance" in f["text"] or "CNY" in f["text"] for f in findings)


def test_inspect_in_chinese_gives_each_rejected_row_its_reason_in_chinese(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text("account_id,month,dpd,balance\nA2,2024-06,abc,5\nA3,2024-06,0,5\n", encoding="utf-8")
    assert main(["inspect", str(path), "--lang", "zh", "--json"]) == 0
    import json

    rejected = json.loads(capsys.readouterr().out)["rejected"]
    assert rejected == [{"row": 2, "reason": "逾期天数“dpd”的值“abc”不是整数"}]


def test_a_file_lacking_a_mapped_column_is_told_which_file_has_it(tmp_path, capsys):
    # the first file is the one lacking it: "(the first file, jan.csv, has them)" contradicted itself
    jan = tmp_path / "jan.csv"
    jan.write_text("account_id,month,dpd,balance\nA,2024-01,0,5\n", encoding="utf-8")
    mar = tmp_path / "mar.csv"
    mar.write_text("account_id,month,dpd,balance,credit_limit\nA,2024-03,0,5,10\n", encoding="utf-8")
    assert main(["inspect", str(jan), str(mar)]) == 2
    err = capsys.readouterr().err
    assert "“jan.csv” lacks columns the mapping uses: credit_limit (“mar.csv” has them)" in err


def test_converting_a_file_of_which_no_row_passes_says_so_and_later_commands_agree(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("account_id,month,dpd,balance\nabc,xx,1,1\n,2024-01,0,5\n", encoding="utf-8")
    out = tmp_path / "ds"
    assert main(["convert", str(path), "--out", str(out), "--quiet"]) == 2
    assert "_rejected.csv" in capsys.readouterr().err and (out / "_rejected.csv").is_file()
    assert main(["aging", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no row of the file passed validation" in err and "Make one with" not in err
