"""One rule for an account's annual rate across the book: a rate no calculation can use (negative,
above 100 %: ``18`` typed for 18 % among fractions) gives way to the assumed rate in the ECL's
discounting, the what-if's revenue and the arrangements' contract rate alike, and each says so."""
from __future__ import annotations

import json

import pytest

from tests.cli.books import run_cli

#: Three accounts of 10,000 on a limit of 20,000; the third's rate is typed as a percentage.
ROWS = [("A1", 0.12), ("A2", 0.12), ("A3", 18)]


def _book(tmp_path, dpd: int = 0):
    lines = ["客户编号,数据日期,逾期天数,贷款余额,授信额度,年利率"]
    for month, day in (("2024-11", 30), ("2024-12", 31)):
        lines += [f"{acc},{month}-{day},{dpd},10000,20000,{rate}" for acc, rate in ROWS]
    path = tmp_path / "book.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_what_if_prices_revenue_at_the_assumed_rate_and_says_so(tmp_path, capsys):
    policy = tmp_path / "p.json"
    policy.write_text(json.dumps({"version": 1, "name": "no change", "rules": []}))
    code, payload, err = run_cli(capsys, "whatif", str(_book(tmp_path)), "--policy", str(policy), "--json",
                                 "--pd-level", "bucket", "--pd", "Current=0.02", "--pd", "1-30=0.2", "--lang", "zh")
    assert code == 0, err
    drawn = 10_000 + 0.3 * 10_000  # balance + draw share × headroom
    assert payload["before"]["revenue"] == pytest.approx(3 * 0.12 * drawn)  # 1,800 % gave 237,120.00
    assert payload["accounts_rate_replaced"] == 1
    assert len(payload["notes"]) == 1 and "1800%" in payload["notes"][0] and "12%" in payload["notes"][0]


def test_a_book_of_usable_rates_has_no_note(tmp_path, capsys):
    policy = tmp_path / "p.json"
    policy.write_text(json.dumps({"version": 1, "name": "no change", "rules": []}))
    path = _book(tmp_path)
    path.write_text(path.read_text().replace(",18\n", ",0.18\n"))
    code, payload, _ = run_cli(capsys, "whatif", str(path), "--policy", str(policy), "--json", "--pd-level", "bucket",
                               "--pd", "Current=0.02", "--pd", "1-30=0.2")
    assert code == 0 and payload["accounts_rate_replaced"] == 0 and payload["notes"] == []


def test_the_contract_rate_leaves_unusable_rates_out_and_warns(tmp_path, capsys):
    code, payload, err = run_cli(capsys, "arrangement", str(_book(tmp_path, dpd=45)), "--bucket", "31-60", "--json")
    assert code == 0, err
    assert payload["assumptions"]["contract_rate"] == pytest.approx(0.12)  # was clipped to 100 %
    assert any("1800%" in w for w in payload["warnings"])


def test_the_ecl_note_reads_for_one_account(tmp_path, capsys):
    code, payload, err = run_cli(capsys, "ecl", str(_book(tmp_path)), "--json")
    assert code == 0, err
    note = next(n for n in payload["notes"] if "1800%" in n)
    assert note.startswith("1 account with an annual interest rate") and "discounted at 12%" in note


def test_a_defaulted_account_earns_nothing_so_its_rate_is_not_counted_as_replaced(tmp_path, capsys):
    policy = tmp_path / "p.json"
    policy.write_text(json.dumps({"version": 1, "name": "no change", "rules": []}))
    code, payload, err = run_cli(capsys, "whatif", str(_book(tmp_path, dpd=95)), "--policy", str(policy), "--json",
                                 "--pd-level", "bucket", "--pd", "Current=0.02", "--pd", "1-30=0.2")
    assert code == 0, err
    assert payload["accounts_rate_replaced"] == 0 and payload["notes"] == []  # every account is in default
