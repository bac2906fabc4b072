"""``python -m analysis contacts``: the JSON's shape (a public interface), the sample's planted
counts, editable thresholds, the portfolio's figures, and bad input as a message with exit 2."""
from __future__ import annotations

import pytest

from analysis.conduct.sample_log import PLANTED, SAMPLE_LOG, SAMPLE_PORTFOLIO
from tests.cli.books import run_cli

LOG = str(SAMPLE_LOG)
TINY = ("account_id,timestamp,channel,recipient,answered,collector\n"
        "A,2024-03-01 07:59,call,debtor,yes,王\n"
        "A,2024-03-01 10:00,call,debtor,no,王\n"
        "B,2024-03-01 21:30,sms,relative,,李\n"
        "B,2024-03-02 10:00,call,debtor,no,李\n"
        "C,x,call,debtor,no,李\n")


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(TINY, encoding="utf-8")
    return str(path)


def test_shape_and_counts_on_the_tiny_log(capsys, tiny):
    code, payload, _ = run_cli(capsys, "contacts", tiny, "--json")
    assert code == 0
    assert {"jurisdiction", "contacts", "breaches", "by_rule", "performance"} <= set(payload)
    assert payload["jurisdiction"] == "cn" and payload["contacts"] == 4
    assert payload["by_rule"] == {"time_window": 1, "daily_attempts": 0, "daily_answered": 0, "third_party": 1}
    assert payload["breaches"] == [
        {"account_id": "A", "collector": "王", "timestamp": "2024-03-01 07:59", "rule": "time_window",
         "detail": "call at 07:59, outside 08:00–22:00"},
        {"account_id": "B", "collector": "李", "timestamp": "2024-03-01 21:30", "rule": "third_party",
         "detail": "SMS to a third party"},
    ]
    assert payload["rows_rejected"] == 1 and payload["rejected"][0]["row"] == 6
    overall = payload["performance"]["overall"]
    # 3 calls, 1 answered (A 07:59, by the debtor), no promises, no portfolio
    assert (overall["contacts"], overall["calls"], overall["answered_calls"]) == (4, 3, 1)
    assert overall["contact_rate"] == pytest.approx(1 / 3) and overall["rpc_rate"] == pytest.approx(1 / 3)
    assert overall["cure_rate"] is None and overall["kept_rate"] is None
    assert [r["collector"] for r in payload["performance"]["by_collector"]] == ["李", "王"]
    assert payload["performance"]["strategy_test"] is None
    assert len(payload["heatmap"]) == 24 and all(len(r) == 7 for r in payload["heatmap"])
    assert sum(map(sum, payload["heatmap"])) == 4


def test_us_rules(capsys, tiny):
    code, payload, _ = run_cli(capsys, "contacts", tiny, "--jurisdiction", "us", "--json")
    assert code == 0
    # 21:30 is outside the US window too; B's call on the 2nd has no conversation before it
    assert payload["by_rule"] == {"time_window": 2, "seven_in_seven": 0, "after_conversation": 1, "third_party": 1}
    assert [b["timestamp"] for b in payload["breaches"] if b["rule"] == "after_conversation"] == ["2024-03-01 10:00"]
    assert "1006.14" in payload["limits"]["sources"]["after_conversation"]


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_sample_log_planted_counts(capsys, jurisdiction):
    code, payload, _ = run_cli(capsys, "contacts", LOG, "--jurisdiction", jurisdiction, "--json")
    assert code == 0
    assert payload["by_rule"] == PLANTED[jurisdiction]
    assert len(payload["breaches"]) == sum(PLANTED[jurisdiction].values())
    assert all(set(b) == {"account_id", "collector", "timestamp", "rule", "detail"} for b in payload["breaches"])


def test_thresholds_are_editable(capsys):
    code, payload, _ = run_cli(capsys, "contacts", LOG, "--daily-unanswered", "7", "--window-end", "21:00", "--json")
    assert code == 0
    # P1's seven unanswered calls are now allowed; the US window's three extra texts now count
    assert payload["by_rule"] == {"time_window": 7, "daily_attempts": 0, "daily_answered": 1, "third_party": 3}
    assert payload["limits"]["window"] == "08:00–21:00" and payload["limits"]["daily_unanswered"] == 7


def test_with_the_portfolio(capsys):
    code, payload, _ = run_cli(capsys, "contacts", LOG, "--portfolio", str(SAMPLE_PORTFOLIO), "--lang", "zh", "--json")
    assert code == 0
    perf = payload["performance"]
    assert [r["bucket"] for r in perf["by_bucket"]] == ["Current", "1-30", "31-60", "61-90", "91-180", "181+"]
    assert sum(r["contacts"] for r in perf["by_bucket"]) == payload["contacts"]
    assert {r["agency"] for r in perf["by_agency"]} == {"本行催收中心", "华信委外"}
    test = perf["strategy_test"]
    assert test["groups"] == ["A", "B"] and test["column"] == "strategy"
    assert 0 <= test["p_value"] <= 1 and 0 <= test["cmh_p_value"] <= 1
    assert "contacts.caveat.bucket_mix" in test["caveats"] and "逾期段" in " ".join(test["caveat_texts"])
    first = run_cli(capsys, "contacts", LOG, "--portfolio", str(SAMPLE_PORTFOLIO), "--ab-by", "first_channel",
                    "--buckets", "m", "--json")[1]
    assert first["performance"]["strategy_test"]["groups"] == ["call", "sms"]
    assert [r["bucket"] for r in first["performance"]["by_bucket"]][:2] == ["M0", "M1"]


def test_human_render(capsys):
    from analysis.__main__ import main

    assert main(["contacts", LOG, "--portfolio", str(SAMPLE_PORTFOLIO), "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("联系记录检查（cn）：3,586 次联系，9 项违规") and "不构成法律意见" in text
    assert "策略比较 A 对 B" in text and "Cochran–Mantel–Haenszel" in text
    assert main(["contacts", LOG, "--jurisdiction", "us"]) == 0
    assert capsys.readouterr().out.startswith("Contact log check (us): 3,586 contacts, 17 breaches")


@pytest.mark.parametrize("argv, words", [
    (["contacts"], "contact log"),
    (["contacts", "no/such/file.csv"], "not found"),
    (["contacts", LOG, "--window-start", "8h"], "HH:MM"),
    (["contacts", LOG, "--window-start", "22:00", "--window-end", "08:00"], "window"),
    (["contacts", LOG, "--daily-answered", "-1"], "daily_answered"),
    (["contacts", LOG, "--portfolio", str(SAMPLE_PORTFOLIO), "--ab-by", "colour"], "colour"),
    (["contacts", LOG, "--portfolio", "no/such/portfolio.csv"], "not found"),
    (["contacts", LOG, "--buckets", "60,30"], "--buckets"),
])
def test_bad_input_is_a_message_and_exit_2(capsys, argv, words):
    code, _, err = run_cli(capsys, *argv, "--json")
    assert code == 2 and words in err and "Traceback" not in err


def test_missing_column_is_explained_in_chinese(capsys, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("借据号,联系时间,渠道\nA,2024-03-01 10:00,电话\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "contacts", str(path), "--lang", "zh", "--json")
    assert code == 2 and "缺少必需的列" in err and "recipient" in err and "answered" in err


@pytest.mark.slow
def test_a_dataset_folder_gives_the_same_performance_as_the_file(capsys, tmp_path):
    folder = tmp_path / "book"
    assert run_cli(capsys, "convert", str(SAMPLE_PORTFOLIO), "--out", str(folder), "--quiet", "--json")[0] == 0
    from_folder = run_cli(capsys, "contacts", LOG, "--portfolio", str(folder), "--json")[1]
    from_file = run_cli(capsys, "contacts", LOG, "--portfolio", str(SAMPLE_PORTFOLIO), "--json")[1]
    assert from_folder["performance"] == from_file["performance"]
    assert from_file["performance"]["overall"]["worked_overdue"] > 0
