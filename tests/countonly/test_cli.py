"""The CLI on a book with no balances: ``"counts_only": true`` (no key renamed), counts in the text."""
from __future__ import annotations

import pytest

from tests.cli.books import run_cli
from tests.countonly.book import ACCOUNTS, BUCKET_COUNTS, CSV, CSV_WITH_BALANCE, MONTH, ROWS


@pytest.fixture
def files(tmp_path):
    (tmp_path / "counts.csv").write_bytes(CSV)
    (tmp_path / "balances.csv").write_bytes(CSV_WITH_BALANCE)
    return tmp_path


def test_aging_json_says_counts_and_counts_right(files, capsys):
    code, payload, err = run_cli(capsys, "aging", str(files / "counts.csv"), "--balance-missing", "unit", "--json")
    assert code == 0, err
    assert payload["counts_only"] is True and payload["measure"] == "count" and payload["month"] == MONTH
    assert {r["bucket"]: r["count"] for r in payload["rows"]} == BUCKET_COUNTS
    assert {r["bucket"]: r["share"] for r in payload["rows"]}["31-60"] == pytest.approx(1 / 4)
    assert payload["totals"]["count"] == ACCOUNTS
    assert {"balance", "balance_share"} <= set(payload["rows"][0])  # the public keys stay


def test_aging_text_shows_accounts_only(files, capsys):
    from analysis.__main__ import main

    assert main(["aging", str(files / "counts.csv"), "--balance-missing", "unit"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "no balance column" in lines[0]
    assert lines[1].split() == ["bucket", "accounts", "share"]
    assert [line.split()[:3] for line in lines[2:]] == [
        ["Current", "2", "50.00%"], ["1-30", "0", "0.00%"], ["31-60", "1", "25.00%"], ["61-90", "0", "0.00%"],
        ["91-180", "1", "25.00%"], ["181+", "0", "0.00%"], ["total", "4"]]


def test_inspect_json_and_text_say_there_is_no_balance(files, capsys):
    code, payload, err = run_cli(capsys, "inspect", str(files / "counts.csv"), "--balance-missing", "unit", "--json")
    assert code == 0, err
    assert payload["counts_only"] is True
    assert payload["rows_accepted"] == ROWS and payload["accounts"] == ACCOUNTS
    assert "balance_total" in payload  # kept: a key is never removed
    from analysis.__main__ import main
    assert main(["inspect", str(files / "counts.csv"), "--balance-missing", "unit"]) == 0
    text = capsys.readouterr().out
    assert "balance total" not in text and "no balance column" in text


def test_a_book_with_balances_is_unchanged(files, capsys):
    code, payload, err = run_cli(capsys, "aging", str(files / "balances.csv"), "--json")
    assert code == 0, err
    assert "counts_only" not in payload and payload["measure"] == "balance"
    assert payload["totals"]["balance"] == 100000.0  # 10k + 20k + 30k + 40k in 2024-03
    code, payload, err = run_cli(capsys, "inspect", str(files / "balances.csv"), "--json")
    assert "counts_only" not in payload
    from analysis.__main__ import main
    assert main(["inspect", str(files / "balances.csv")]) == 0
    assert "balance total" in capsys.readouterr().out


@pytest.mark.parametrize("lang, says", [("en", "no balance column"), ("zh", "没有余额列")])
def test_money_only_commands_say_the_data_has_no_balances(files, capsys, tmp_path, lang, says):
    policy = tmp_path / "policy.json"
    policy.write_text('{"name": "cut", "rules": [{"action": "cut", "value": 30, "dpd_min": 31}]}', encoding="utf-8")
    for argv in (["ecl"], ["whatif", "--policy", str(policy)]):
        code, _, err = run_cli(capsys, *argv, str(files / "counts.csv"), "--balance-missing", "unit", "--lang", lang)
        assert code == 2 and says in err, (argv, code, err)
        assert "Traceback" not in err


def test_rollrates_counts_only_are_shares_of_accounts(files, capsys):
    code, payload, err = run_cli(capsys, "rollrates", str(files / "counts.csv"), "--balance-missing", "unit",
                                 "--measure", "balance", "--json")
    assert code == 0, err
    assert payload["counts_only"] is True and payload["measure"] == "count"
    # 2024-02 → 2024-03: of the two current accounts, A rolls to 31-60 and D stays current
    current = payload["rates"][payload["buckets"].index("Current")]
    assert current[payload["columns"].index("Current")] == pytest.approx(0.5)
    assert current[payload["columns"].index("31-60")] == pytest.approx(0.5)
    code, payload, err = run_cli(capsys, "rollrates", str(files / "balances.csv"), "--measure", "balance", "--json")
    assert "counts_only" not in payload and payload["measure"] == "balance"


def test_forecast_counts_only_uses_rates_by_count(files, capsys):
    code, payload, err = run_cli(capsys, "forecast", str(files / "counts.csv"), "--balance-missing", "unit",
                                 "--horizon", "1", "--json")
    assert code == 0, err
    assert payload["counts_only"] is True and payload["measure"] == "count"
    assert payload["history"][-1] == {"month": MONTH, "value": pytest.approx(2 / 4), "filled": False}  # DPD30+ 2 of 4


def test_warnings_and_causes_say_counts_only_and_print_no_money(files, capsys):
    from analysis.__main__ import main

    for command in ("warnings", "causes"):
        code, payload, err = run_cli(capsys, command, str(files / "counts.csv"), "--balance-missing", "unit", "--json")
        assert code == 0, (command, err)
        assert payload["counts_only"] is True, command
        code, payload, err = run_cli(capsys, command, str(files / "balances.csv"), "--json")
        assert "counts_only" not in payload, command
    assert main(["causes", str(files / "counts.csv"), "--balance-missing", "unit"]) == 0
    text = capsys.readouterr().out
    assert "overdue balance" not in text and "balance" not in text.splitlines()[2]
    assert main(["warnings", str(files / "counts.csv"), "--balance-missing", "unit"]) == 0
    actions = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Actions")]
    assert actions == ["Actions: Legal action / outsourcing 1; Repayment plan 1"]
