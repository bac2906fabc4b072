"""Rejections by reason: one line per reason key with its count, balance and first three rows."""
from __future__ import annotations

import json

import numpy as np
import pytest

from analysis.__main__ import main
from analysis.core.i18n import analysis_messages, translate
from analysis.ingest.portfolio import IngestOptions, WideSpec, build_portfolio, load_portfolio, read_table
from analysis.ingest.rejections import example_text, reason_label, rejections_by_reason, rejections_json
from analysis.locales.ingest import MESSAGES as INGEST_MESSAGES

HEAD = "id,month,dpd,bal\n"
FULL = {"account_id": "id", "snapshot_date": "month", "days_past_due": "dpd", "balance": "bal"}


def long_file_with_negatives(n_neg: int = 60):
    """Good rows and rows with negative balances -1, -2, … (every value different), interleaved.

    Returns the text, the line numbers of the negative rows and their balances.
    """
    lines, neg_rows, neg_values = [HEAD], [], []
    for i in range(n_neg):
        lines.append(f"G{i},2024-01,0,{100 + i}\n")
        lines.append(f"N{i},2024-01,0,-{i + 1}\n")
        neg_rows.append(len(lines))  # the CSV line number of the row just added
        neg_values.append(-(i + 1))
    return "".join(lines), neg_rows, neg_values


def test_many_negative_balances_are_one_line_with_the_exact_count_and_balance():
    text, rows, values = long_file_with_negatives(60)
    res = load_portfolio(text.encode(), "t.csv", mapping=FULL)
    summary = rejections_by_reason(res)
    assert summary["reason"].tolist() == ["ingest.reject.negative_balance"]
    line = summary.iloc[0]
    assert line["rows"] == 60
    assert line["balance"] == pytest.approx(-sum(range(1, 61)))  # -1830
    assert line["balance_rows"] == 60
    assert line["columns"] == ["bal"]
    assert line["examples"] == [{"row": rows[k], "column": "bal", "value": str(values[k])} for k in range(3)]
    assert rows[:3] == [3, 5, 7]


def test_each_reason_once_and_the_balances_add_up_to_the_rejected_balance():
    text = (HEAD
            + "A,2024-01,0,100\n"     # 2 kept
            + ",2024-01,0,40\n"       # 3 missing account, 40
            + "B,2024-01,-3,25\n"     # 4 negative DPD, 25
            + "A,2024-01,0,7\n"       # 5 duplicate of row 2, 7
            + "C,2024-01,x,11\n"      # 6 bad DPD, 11
            + "D,2024-01,0,-9\n"      # 7 negative balance, -9
            + ",2024-01,5,2\n"        # 8 missing account, 2
            + "E,2024-01,0,abc\n"     # 9 balance not a number: balance unknown
            + "F,2024-01,y,13\n")     # 10 bad DPD, 13
    res = load_portfolio(text.encode(), "t.csv", mapping=FULL)
    s = rejections_by_reason(res).set_index("reason")
    expected = {  # reason: (rows, balance, example rows)
        "ingest.reject.missing_account": (2, 42.0, [3, 8]),
        "ingest.reject.bad_dpd": (2, 24.0, [6, 10]),
        "ingest.reject.negative_dpd": (1, 25.0, [4]),
        "ingest.reject.duplicate": (1, 7.0, [5]),
        "ingest.reject.negative_balance": (1, -9.0, [7]),
        "ingest.reject.bad_amount": (1, np.nan, [9]),
    }
    assert set(s.index) == set(expected)
    for reason, (n, balance, example_rows) in expected.items():
        assert s.loc[reason, "rows"] == n
        if np.isnan(balance):
            assert np.isnan(s.loc[reason, "balance"]) and s.loc[reason, "balance_rows"] == 0
        else:
            assert s.loc[reason, "balance"] == pytest.approx(balance)
        assert [e["row"] for e in s.loc[reason, "examples"]] == example_rows
    assert s["rows"].tolist()[:2] == [2, 2]  # most rows first
    assert np.nansum(s["balance"]) == pytest.approx(res.summary["balance_rejected"])
    assert s.loc["ingest.reject.bad_dpd", "examples"][1]["value"] == "y"


def test_balances_are_in_yuan_when_the_file_is_in_wan():
    text, _, values = long_file_with_negatives(5)
    res = load_portfolio(text.encode(), "t.csv", mapping=FULL, options=IngestOptions(amount_unit="wan"))
    assert rejections_by_reason(res)["balance"].tolist() == [pytest.approx(sum(values) * 10_000)]


def test_a_wide_file_gives_one_line_over_its_month_columns():
    # UCI layout: BILL_AMT1 is the newest month. Negative bills in three months, different values.
    text = ("ID,PAY_0,PAY_2,PAY_3,BILL_AMT1,BILL_AMT2,BILL_AMT3\n"
            "1,0,0,0,-18,100,200\n"        # row 2: BILL_AMT1 negative
            "2,0,0,0,50,-1,-25\n"          # row 3: BILL_AMT2 and BILL_AMT3 negative
            "3,0,0,0,60,70,80\n"
            "4,0,0,0,-7,70,80\n")          # row 5: BILL_AMT1 negative
    raw = read_table(text.encode(), "wide.csv")
    wide = WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_2": "2005-08", "PAY_3": "2005-07"},
                     "balance": {"BILL_AMT1": "2005-09", "BILL_AMT2": "2005-08", "BILL_AMT3": "2005-07"}})
    res = build_portfolio(raw, {"account_id": "ID"}, IngestOptions(wide=wide))
    s = rejections_by_reason(res)
    assert s["reason"].tolist() == ["ingest.reject.negative_balance"]
    line = s.iloc[0]
    assert line["rows"] == 4 and line["balance"] == pytest.approx(-18 - 1 - 25 - 7)
    # first three rows as the user counts them; row 3 twice (two months), its older month first in the file's stacking
    assert [(e["row"], e["column"], e["value"]) for e in line["examples"]][0] == (2, "BILL_AMT1", "-18")
    assert sorted((e["row"], e["column"], e["value"]) for e in line["examples"][1:]) == [
        (3, "BILL_AMT2", "-1"), (3, "BILL_AMT3", "-25")]
    assert sorted(line["columns"]) == ["BILL_AMT1", "BILL_AMT2", "BILL_AMT3"]


def test_a_wide_row_rejected_for_its_status_gets_that_months_balance():
    text = ("ID,PAY_0,PAY_2,BILL_AMT1,BILL_AMT2\n"
            "1,0,Z,10,20\n"     # PAY_2 (2005-08) not a known code: balance BILL_AMT2 = 20
            "2,Q,0,30,40\n")    # PAY_0 (2005-09): balance BILL_AMT1 = 30
    raw = read_table(text.encode(), "wide.csv")
    wide = WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_2": "2005-08"},
                     "balance": {"BILL_AMT1": "2005-09", "BILL_AMT2": "2005-08"}})
    res = build_portfolio(raw, {"account_id": "ID"}, IngestOptions(wide=wide, status_codes={"0": 0}))
    line = rejections_by_reason(res).iloc[0]
    assert line["reason"] == "ingest.reject.unknown_status"
    assert line["rows"] == 2 and line["balance"] == pytest.approx(20 + 30)


def test_the_summary_of_a_compacted_result_is_the_same():
    text, _, _ = long_file_with_negatives(10)
    res = load_portfolio((text + ",2024-01,0,5\n").encode(), "t.csv", mapping=FULL)
    a, b = rejections_by_reason(res), rejections_by_reason(res.compact())
    assert a.to_dict("records") == b.to_dict("records")


def test_no_rejection_gives_an_empty_summary():
    res = load_portfolio((HEAD + "A,2024-01,0,5\n").encode(), "t.csv", mapping=FULL)
    s = rejections_by_reason(res)
    assert len(s) == 0 and list(s.columns) == ["reason", "rows", "balance", "balance_rows", "columns", "examples"]


def test_personal_data_in_an_example_value_is_masked():
    res = load_portfolio((HEAD + "A,2024-01,13812345678 call,5\nB,2024-01,0,5\n").encode(), "t.csv", mapping=FULL)
    (example,) = rejections_by_reason(res).iloc[0]["examples"]
    assert "13812345678" not in example["value"] and "138****5678" in example["value"]


def test_every_rejection_reason_has_a_short_label_in_both_languages():
    reasons = [k for k in analysis_messages() if k.startswith(("ingest.reject.", "multi.reject."))]
    assert set(k for k in INGEST_MESSAGES if k.startswith("ingest.reject.")) <= set(reasons)
    for key in reasons:
        for lang in ("zh", "en"):
            label = reason_label(key, lang)
            assert label and "{" not in label and not label.startswith("ingest."), (key, lang)
    assert reason_label("ingest.reject.negative_balance", "zh") == "负余额"
    # a reason added later without a short label still reads: its first row's message
    assert reason_label("ingest.reject.total_row", "en") == "total or subtotal row"
    assert reason_label("no.such.reason", "en", {"x": 1}) == "no.such.reason"


def test_example_texts():
    e = {"row": 12, "column": "BILL_AMT6", "value": "-18"}
    assert example_text(e, "zh") == "第 12 行（BILL_AMT6）：-18"
    assert example_text(e, "en") == "row 12 (BILL_AMT6): -18"
    assert example_text({"row": 4, "column": "", "value": "x"}, "zh") == "第 4 行：x"


def test_json_lines_and_the_cli_key(tmp_path, capsys):
    text, rows, _ = long_file_with_negatives(4)
    path = tmp_path / "neg.csv"
    path.write_text((text + ",2024-01,0,5\n").replace(HEAD, "account_id,month,days_past_due,balance\n"))
    res = load_portfolio(path.read_bytes(), "neg.csv")
    lines = rejections_json(res, "zh")
    assert [(d["reason"], d["label"], d["rows"], d["balance"]) for d in lines] == [
        ("ingest.reject.negative_balance", "负余额", 4, -10.0),
        ("ingest.reject.missing_account", "账户编号为空", 1, 5.0)]
    assert json.loads(json.dumps(lines)) == lines
    main(["inspect", str(path), "--json"])
    payload = json.loads(capsys.readouterr().out)
    assert payload["rejections_by_reason"][0]["reason"] == "ingest.reject.negative_balance"
    assert payload["rejections_by_reason"][0]["label"] == "negative balance"
    assert [e["row"] for e in payload["rejections_by_reason"][0]["examples"]] == rows[:3]
    assert payload["reasons"] == {"ingest.reject.negative_balance": 4, "ingest.reject.missing_account": 1}
    main(["inspect", str(path)])
    out = capsys.readouterr().out
    assert "negative balance" in out and translate("ingest.reject.missing_account", "en") in out


def test_an_example_from_one_of_several_files_names_the_file():
    e = {"row": 7, "column": "贷款余额", "value": "-1", "file": "2024-02.csv"}
    assert example_text(e, "zh") == "文件“2024-02.csv”第 7 行（贷款余额）：-1"
    assert example_text(e, "en") == "“2024-02.csv” row 7 (贷款余额): -1"


def test_a_file_converted_in_pieces_gives_the_whole_files_lines(tmp_path, capsys):
    from tests.cli.books import assert_same, book_text, run_cli

    path = tmp_path / "逾期明细.csv"
    path.write_bytes(book_text().encode("gbk"))
    out = tmp_path / "book"
    code, converted, err = run_cli(capsys, "convert", str(path), "--out", str(out), "--chunk-bytes", "400", "--json")
    assert code == 0, err
    assert converted["pieces"] > 10 and converted["duplicates_across_pieces"] >= 3
    _, whole, _ = run_cli(capsys, "inspect", str(path), "--json")
    lines = whole["rejections_by_reason"]
    assert {d["reason"] for d in lines} >= {"ingest.reject.duplicate", "ingest.reject.total_row"}
    assert_same(converted["rejections_by_reason"], lines)
    _, on_dataset, _ = run_cli(capsys, "inspect", str(out), "--json", "--lang", "zh")
    labels = {d["reason"]: d["label"] for d in on_dataset["rejections_by_reason"]}
    assert labels["ingest.reject.duplicate"] == "同一账户同一月份重复"


@pytest.mark.realdata
def test_the_uci_file_has_one_negative_balance_line(realdata_dir):
    import pandas as pd

    path = realdata_dir / "uci_taiwan_default" / "UCI_Credit_Card.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    lines = rejections_json(load_portfolio(path.read_bytes(), path.name), "zh")
    # independently: every negative bill cell of the six months is one rejected account-month
    bills = pd.read_csv(path)[[f"BILL_AMT{k}" for k in range(1, 7)]].to_numpy()
    assert [(d["label"], d["rows"]) for d in lines] == [("负余额", int((bills < 0).sum()))]
    assert lines[0]["balance"] == pytest.approx(round(float(bills[bills < 0].sum()), 2))
    assert sorted(lines[0]["columns"]) == [f"BILL_AMT{k}" for k in range(1, 7)]
