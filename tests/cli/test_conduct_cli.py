"""``python -m analysis conduct TEMPLATES``: the issue's JSON shape, the human report, clear errors."""
from __future__ import annotations

import json

import pytest

from analysis.conduct.rules import pack_to_json, rule_pack
from tests.cli.books import run_cli

TEMPLATES = ("template_id,stage,action,channel,recipient,text\n"
             "T1,1-30,reminder,短信,本人,您的账单已逾期，请尽快还款。\n"
             "T2,1-30,call,电话,本人,再不还钱就让你坐牢，老赖！\n"
             "T3,31-60,letter,信函,本人,请立即还款。\n"
             "T4,1-30,call,电话,联系人,麻烦转告他借款已逾期\n")


@pytest.fixture
def templates(tmp_path):
    path = tmp_path / "templates.csv"
    path.write_text(TEMPLATES, encoding="utf-8")
    return path


def test_json_shape(capsys, templates):
    code, payload, err = run_cli(capsys, "conduct", str(templates), "--json")
    assert code == 0, err
    assert payload["jurisdiction"] == "cn"
    assert [t["template_id"] for t in payload["templates"]] == ["T1", "T2", "T3", "T4"]
    assert [t["passes"] for t in payload["templates"]] == [True, False, False, False]
    t2 = payload["templates"][1]
    assert [(f["category"], f["start"], f["end"], f["text"]) for f in t2["findings"]] == [
        ("false_legal", 7, 9, "坐牢"), ("insult", 10, 12, "老赖")]
    for t in payload["templates"]:
        for f in t["findings"]:
            assert set(f) >= {"category", "rule", "source", "severity", "start", "end", "text", "suggestion"}
            assert isinstance(f["start"], int) and isinstance(f["end"], int)
            assert f["severity"] in ("high", "medium", "low")
    t3 = payload["templates"][2]
    assert {f["category"] for f in t3["findings"]} == {"letter_missing"} and len(t3["findings"]) == 5
    assert all(f["start"] == f["end"] == 0 for f in t3["findings"])
    assert {f["category"] for f in payload["templates"][3]["findings"]} == {"third_party"}
    assert (t2["stage"], t2["action"], t2["channel"], t2["recipient"]) == ("1-30", "call", "call", "debtor")


def test_us_pack_and_language(capsys, tmp_path):
    path = tmp_path / "us.csv"
    path.write_text("template_id,channel,text\nA,sms,You are a deadbeat.\nB,sms,Your payment is past due.\n",
                    encoding="utf-8")
    code, payload, _ = run_cli(capsys, "conduct", str(path), "--jurisdiction", "us", "--lang", "zh", "--json")
    assert code == 0
    assert payload["jurisdiction"] == "us"
    finding = payload["templates"][0]["findings"][0]
    assert (finding["category"], finding["rule"], finding["text"]) == ("insult", "us_insult", "deadbeat")
    assert "§1692d(2)" in finding["source"] and "侮辱" in finding["suggestion"]
    assert "不构成法律意见" in payload["disclaimer"]


def test_an_edited_pack(capsys, templates, tmp_path):
    obj = json.loads(pack_to_json(rule_pack("cn")))
    obj["rules"] = [r for r in obj["rules"] if r["category"] != "insult"]
    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    code, payload, _ = run_cli(capsys, "conduct", str(templates), "--rules", str(pack), "--json")
    assert code == 0
    assert {f["category"] for f in payload["templates"][1]["findings"]} == {"false_legal"}


def test_human_report(capsys, templates):
    from analysis.__main__ import main

    assert main(["conduct", str(templates), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "4 templates checked (cn), 3 with findings" in out
    assert "FAIL T2" in out and "ok   T1" in out and "not legal advice" in out
    assert "《" in out  # each finding's source is shown


@pytest.mark.parametrize("make, words", [
    (lambda p: None, ["not found"]),
    (lambda p: p.write_text("id,channel\nA,sms\n", encoding="utf-8"), ["text"]),
    (lambda p: p.write_text("", encoding="utf-8"), ["templates.csv"]),
])
def test_bad_input_exit_2_without_traceback(capsys, tmp_path, make, words):
    path = tmp_path / "templates.csv"
    make(path)
    code, payload, err = run_cli(capsys, "conduct", str(path), "--json")
    assert code == 2 and payload is None
    assert "Traceback" not in err
    for word in words:
        assert word in err


def test_bad_pack_exit_2(capsys, templates, tmp_path):
    pack = tmp_path / "pack.json"
    pack.write_text('{"jurisdiction": "cn", "rules": [{"rule": "x", "category": "rude"}]}', encoding="utf-8")
    code, _, err = run_cli(capsys, "conduct", str(templates), "--rules", str(pack), "--lang", "zh", "--json")
    assert code == 2 and "rude" in err and "Traceback" not in err


def test_no_file(capsys):
    code, _, err = run_cli(capsys, "conduct", "--json")
    assert code == 2 and "conduct" in err
