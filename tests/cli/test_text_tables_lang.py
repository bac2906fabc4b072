"""The CLI's text tables under ``--lang zh``: Chinese headings and names, columns aligned by
display width; English output keeps the keys; ``--json`` is the same in both languages."""
from __future__ import annotations

import json

import pytest

from analysis.__main__ import main
from analysis.cli.columns import width
from tests.aging.test_regulatory_loan_class import classed_csv

SAMPLE = "data/sample/sample_portfolio.csv"
CARD = {"statement_date": "2026-11-05", "due_date": "2026-11-25", "next_statement_date": "2026-12-05",
        "transactions": [{"posting_date": "2026-10-26", "amount": 1000}], "payment": 120, "daily_rate": 0.0005}


def _out(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv, zh_words, en_words", [
    (("aging", SAMPLE), ["账龄分布", "分段", "户数", "占比", "余额", "正常", "逾期31-60天", "合计"],
     ["aging distribution", "bucket", "Current", "31-60", "total"]),
    (("rollrates", SAMPLE), ["迁徙率", "从/到", "正常", "结清/退出"], ["roll rates", "from/to", "exit"]),
    (("ecl", SAMPLE), ["预期信用损失", "阶段", "第1阶段", "五级分类", "次级", "不良率", "减值准备变动", "期初余额"],
     ["expected credit loss", "stage", "substandard", "NPL ratio", "allowance movement", "opening"]),
    (("inspect", SAMPLE), ["读取行数", "接受行数", "户数", "余额合计", "列映射："],
     ["rows read", "rows accepted", "balance total", "mapping:"]),
    (("causes", SAMPLE), ["逾期原因", "原因", "应对", "多头借贷/负债过重"], ["overdue causes", "over_indebted"]),
    (("instalment", "--principal", "12000", "--months", "12", "--fee-rate", "0.006"),
     ["期数", "还款额", "手续费合计", "实际年化利率"], ["payment", "total fees", "true annual rate"]),
    (("card-interest", "CARD"), ["账单金额", "最低还款额", "利息"], ["statement balance", "minimum payment", "interest"]),
])
def test_text_tables_speak_the_language_asked(capsys, tmp_path, argv, zh_words, en_words):
    if "CARD" in argv:
        card = tmp_path / "card.json"
        card.write_text(json.dumps(CARD), encoding="utf-8")
        argv = tuple(str(card) if a == "CARD" else a for a in argv)
    zh = _out(capsys, *argv, "--lang", "zh")
    en = _out(capsys, *argv)
    assert all(word in zh for word in zh_words), [w for w in zh_words if w not in zh]
    assert all(word in en for word in en_words), [w for w in en_words if w not in en]
    assert not any(word in zh for word in ("rows read", "bucket ", "statement balance", "aging distribution"))


def test_zh_columns_line_up_by_display_width(capsys):
    lines = _out(capsys, "aging", SAMPLE, "--by", "region", "--lang", "zh").splitlines()[1:]
    ends = {width(line) for line in lines[:-1]}
    assert len(ends) == 1, lines[:4]  # every row as wide as the heading: figures right-aligned under it


def test_json_is_the_same_in_both_languages(capsys):
    assert json.loads(_out(capsys, "aging", SAMPLE, "--json", "--lang", "zh")) == json.loads(_out(capsys, "aging", SAMPLE, "--json"))


def test_zh_file_classes_in_the_aging_table(tmp_path, capsys):
    path = tmp_path / "classed.csv"
    path.write_bytes(classed_csv())
    text = _out(capsys, "aging", str(path), "--lang", "zh")
    assert "五级分类（银行自己的分类，来自文件）" in text and "未分类" in text and "不良率（次级 + 可疑 + 损失）" in text


def test_rows_the_file_could_not_use_are_said_on_stderr(tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text("借据号,统计日期,逾期天数,贷款余额\nA,2024-01-31,0,10\nB,2024-01-31,abc,20\n合计,,,30\n",
                    encoding="utf-8")
    assert main(["aging", str(path), "--json", "--lang", "zh"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["totals"]["count"] == 1  # stdout is the JSON, unchanged
    assert "拒绝 2 行" in out.err and "合计/小计行" in out.err
    assert main(["aging", SAMPLE, "--json"]) == 0
    assert capsys.readouterr().err == ""  # nothing rejected: nothing said
