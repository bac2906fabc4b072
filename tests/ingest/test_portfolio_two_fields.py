"""One header mapped to two fields is refused with a message naming both and the header
(issue 13): the upload page's check refuses it, and so do the build and the CLI's ``--map``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.ingest.portfolio import IngestError, build_portfolio, load_portfolio, read_table
from tests.cli.books import run_cli

REPO = Path(__file__).resolve().parents[2]
TEXT = ("客户编号,统计日期,逾期天数,贷款余额,逾期金额\n"
        "A1,2024-01-31,0,1000.50,0\n"
        "A2,2024-01-31,35,200.25,50.10\n")


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "book.csv"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_build_refuses_two_fields_on_one_header_in_both_languages():
    raw = read_table(TEXT.encode(), "book.csv")
    mapping = {"account_id": "客户编号", "snapshot_date": "统计日期", "days_past_due": "逾期天数",
               "balance": "贷款余额", "overdue_amount": "贷款余额"}
    with pytest.raises(IngestError) as err:
        build_portfolio(raw, mapping)
    assert err.value.code == "ingest.error.same_header"
    en, zh = err.value.message("en"), err.value.message("zh")
    for text in (en, zh):
        assert "贷款余额" in text and "balance" in text and "overdue_amount" in text
    assert "one field only" in en and "只能对应一个字段" in zh


def test_a_header_given_by_hand_is_no_longer_the_suggestions():
    # 逾期金额 is suggested as the overdue amount; given to the balance by hand, the hand wins
    # and the overdue amount is left unmapped rather than the file refused
    res = load_portfolio(TEXT.encode(), "book.csv", mapping={"balance": "逾期金额"})
    assert res.summary["mapping"]["balance"] == "逾期金额"
    assert "overdue_amount" not in res.summary["mapping"]
    assert res.portfolio["balance"].tolist() == [0.0, 50.10]
    assert res.summary["balance_accepted"] == pytest.approx(50.10, abs=0.005)


def test_cli_map_two_fields_on_one_header(tmp_path, capsys):
    path = _write(tmp_path)
    code, _, err = run_cli(capsys, "inspect", str(path), "--json",
                           "--map", "balance=贷款余额", "--map", "overdue_amount=贷款余额")
    assert code != 0
    assert "贷款余额" in err and "balance" in err and "overdue_amount" in err
    assert "Traceback" not in err
    code, _, err = run_cli(capsys, "inspect", str(path), "--lang", "zh",
                           "--map", "balance=贷款余额", "--map", "overdue_amount=贷款余额")
    assert code != 0 and "只能对应一个字段" in err


def test_cli_map_two_fields_as_a_user_runs_it(tmp_path):
    """The real command in its own process: exit status, one clear line, no traceback."""
    path = _write(tmp_path)
    out = subprocess.run([sys.executable, "-m", "analysis", "inspect", str(path),
                          "--map", "balance=贷款余额", "--map", "overdue_amount=贷款余额"],
                         cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "贷款余额" in lines[0] and "balance" in lines[0] and "overdue_amount" in lines[0]
    assert out.stdout == ""
