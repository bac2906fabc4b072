"""``python -m analysis card-interest`` and ``instalment``: the public JSON, the human text, and
errors in the user's language without a traceback."""
from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.cli.books import run_cli

D = Decimal
INPUT = {"statement_date": "2026-11-05", "due_date": "2026-11-25", "next_statement_date": "2026-12-05",
         "transactions": [{"posting_date": "2026-10-26", "amount": 1000}, {"posting_date": "2026-11-05", "amount": 500}],
         "fees_and_interest": 20, "payment": 120, "daily_rate": 0.0005, "method": "full",
         "min_payment_share": 0.10, "late_fee_rate": 0.05, "late_fee_floor": 10}


def cents(x: Decimal) -> float:
    return float(x.quantize(D("0.01"), rounding=ROUND_HALF_UP))


def write(tmp_path, data, name="input.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_card_interest_json_keys_and_figures(tmp_path, capsys):
    code, payload, _ = run_cli(capsys, "card-interest", write(tmp_path, INPUT), "--json")
    assert code == 0
    assert {"statement_balance", "minimum_payment", "interest", "late_fee", "total_due_next", "method"} <= set(payload)
    # By hand: T = 1,500, F = 20, B = 1,520, M = 170; 100 of the 120 reaches the transactions, U = 1,400.
    # full: 1000·0.0005·30 + 500·0.0005·20 = 15 + 5 = 20, + 1400·0.0005·10 = 7 → 27.
    # late fee: max(5% × (170 − 120) = 2.5, floor 10) = 10.
    assert payload["statement_balance"] == 1520.0 and payload["minimum_payment"] == 170.0
    assert payload["interest"] == 27.0 and payload["late_fee"] == 10.0
    assert payload["total_due_next"] == 1520 - 120 + 27 + 10
    assert payload["method"] == "full" and payload["unpaid_transactions"] == 1400.0


def test_card_interest_unpaid_method(tmp_path, capsys):
    code, payload, _ = run_cli(capsys, "card-interest", write(tmp_path, {**INPUT, "method": "unpaid"}), "--json")
    assert code == 0
    expected = (D(1000) * 40 + D(500) * 30) * (D(1400) / D(1500)) * D("0.0005")  # 25.666…
    assert payload["interest"] == cents(expected) == 25.67
    assert payload["total_due_next"] == cents(D(1520) - D(120) + expected + D(10))
    assert payload["method"] == "unpaid"


def test_method_option_overrides_the_input(tmp_path, capsys):
    code, payload, _ = run_cli(capsys, "card-interest", write(tmp_path, INPUT), "--method", "unpaid", "--json")
    assert code == 0 and payload["method"] == "unpaid" and payload["interest"] == 25.67


def test_card_interest_human_text(tmp_path, capsys):
    from analysis.__main__ import main

    assert main(["card-interest", write(tmp_path, INPUT)]) == 0
    out = capsys.readouterr().out
    assert "total due next" in out and "1,437.00" in out
    # the method by its name in the reader's language (the JSON keeps the key)
    assert main(["card-interest", write(tmp_path, INPUT), "--lang", "zh"]) == 0
    assert next(line for line in capsys.readouterr().out.splitlines() if line.startswith("计息方式")).endswith("全额计息")


@pytest.mark.parametrize("lang, word", [("en", "larger"), ("zh", "大于")])
def test_card_interest_payment_above_balance(tmp_path, capsys, lang, word):
    code, payload, err = run_cli(capsys, "card-interest", write(tmp_path, {**INPUT, "payment": 2000}), "--json",
                                 "--lang", lang)
    assert code == 2 and payload is None
    assert word in err and "Traceback" not in err


@pytest.mark.parametrize("content, lang, words", [
    ('{"statement_date": ', "en", ["not valid JSON", "line 1"]),
    ('{"statement_date": ', "zh", ["不是有效的 JSON"]),
    ("[1, 2]", "en", ["JSON object"]),
    (json.dumps({**INPUT, "due_date": "2026-11-01"}), "zh", ["早于账单日"]),
    (json.dumps({k: v for k, v in INPUT.items() if k != "next_statement_date"}), "en", ["next_statement_date", "YYYY-MM-DD"]),
    (json.dumps({**INPUT, "daily_rate": -0.1}), "en", ["daily_rate", "negative"]),
])
def test_card_interest_bad_input_files(tmp_path, capsys, content, lang, words):
    code, _, err = run_cli(capsys, "card-interest", write(tmp_path, content), "--json", "--lang", lang)
    assert code == 2 and "Traceback" not in err
    for word in words:
        assert word in err


def test_card_interest_file_problems(tmp_path, capsys):
    code, _, err = run_cli(capsys, "card-interest", str(tmp_path / "missing.json"), "--json")
    assert code == 2 and "not found" in err
    code, _, err = run_cli(capsys, "card-interest", "--json", "--lang", "zh")
    assert code == 2 and "请给出输入 JSON 文件" in err
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00{")
    code, _, err = run_cli(capsys, "card-interest", str(binary), "--json")
    assert code == 2 and "Cannot read" in err


def test_card_interest_reads_a_file_with_a_bom(tmp_path, capsys):
    path = tmp_path / "bom.json"
    path.write_bytes(json.dumps(INPUT).encode("utf-8-sig"))
    code, payload, _ = run_cli(capsys, "card-interest", str(path), "--json")
    assert code == 0 and payload["interest"] == 27.0


def test_instalment_json(capsys):
    code, payload, _ = run_cli(capsys, "instalment", "--principal", "12000", "--fee-rate", "0.006", "--months", "12", "--json")
    assert code == 0
    assert {"payment", "schedule", "irr_monthly", "apr_nominal", "apr_effective", "fee_rate_nominal_annual"} <= set(payload)
    assert payload["payment"] == 1072.0
    assert payload["schedule"][0] == {"month": 1, "payment": 1072.0, "principal": 1000.0, "fee": 72.0}
    assert len(payload["schedule"]) == 12
    i = payload["irr_monthly"]
    assert 1072 * (1 - (1 + i) ** -12) / i == pytest.approx(12000, rel=1e-12)  # the annuity identity
    assert payload["apr_nominal"] == pytest.approx(12 * i) and round(payload["apr_nominal"] * 100, 2) == 13.03
    assert payload["apr_effective"] == pytest.approx((1 + i) ** 12 - 1)
    assert payload["fee_rate_nominal_annual"] == pytest.approx(0.072)


def test_instalment_one_month(capsys):
    code, payload, _ = run_cli(capsys, "instalment", "--principal", "500", "--fee-rate", "0.01", "--months", "1", "--json")
    assert code == 0 and payload["schedule"] == [{"month": 1, "payment": 505.0, "principal": 500.0, "fee": 5.0}]
    assert payload["irr_monthly"] == pytest.approx(0.01, abs=1e-13)


def test_instalment_human_text(capsys):
    from analysis.__main__ import main

    assert main(["instalment", "--principal", "12000", "--fee-rate", "0.006", "--months", "12"]) == 0
    out = capsys.readouterr().out
    assert "13.03%" in out and "7.20%" in out and "1,072.00" in out


@pytest.mark.parametrize("argv, lang, word", [
    (["--months", "0"], "en", "1 to 360"),
    (["--months", "361"], "zh", "1 到 360"),
    (["--principal", "-5"], "en", "more than 0"),
    (["--fee-rate", "-0.01"], "zh", "不能为负数"),
])
def test_instalment_errors(capsys, argv, lang, word):
    args = {"--principal": "12000", "--fee-rate": "0.006", "--months": "12"}
    args.update(dict(zip(argv[::2], argv[1::2])))
    flat = [x for pair in args.items() for x in pair]
    code, _, err = run_cli(capsys, "instalment", *flat, "--json", "--lang", lang)
    assert code == 2 and word in err and "Traceback" not in err


def test_instalment_takes_no_file(tmp_path, capsys):
    code, _, err = run_cli(capsys, "instalment", write(tmp_path, INPUT), "--principal", "1", "--fee-rate", "0",
                           "--months", "1", "--json")
    assert code == 2 and "reads no file" in err
