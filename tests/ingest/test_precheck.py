"""precheck: every problem that blocks loading, at once, agreeing with what build_portfolio does."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.core.i18n import list_text
from analysis.ingest.portfolio import IngestError, IngestOptions, WideSpec, build_portfolio, read_table, suggest_mapping
from analysis.ingest.precheck import SAMPLE_ROWS, Problem, precheck

FULL = {"account_id": "id", "snapshot_date": "month", "days_past_due": "dpd", "balance": "bal"}


def raw_of(text: str):
    return read_table(text.encode("utf-8"), "t.csv")


# (name, csv text, mapping, options, expected problem keys). Each file has exactly the problems listed.
CASES = [
    ("no account", "month,dpd,bal\n2024-01,0,5\n",
     {"snapshot_date": "month", "days_past_due": "dpd", "balance": "bal"}, IngestOptions(), ["precheck.no_account"]),
    ("no month", "id,dpd,bal\nA,0,5\n",
     {"account_id": "id", "days_past_due": "dpd", "balance": "bal"}, IngestOptions(), ["precheck.no_month"]),
    ("no balance", "id,month,dpd\nA,2024-01,0\n",
     {"account_id": "id", "snapshot_date": "month", "days_past_due": "dpd"}, IngestOptions(), ["precheck.no_balance"]),
    ("no dpd", "id,month,bal\nA,2024-01,5\n",
     {"account_id": "id", "snapshot_date": "month", "balance": "bal"}, IngestOptions(), ["precheck.no_dpd"]),
    ("relative months, no reference", "id,month,dpd,bal\nA,0,0,5\nA,-1,0,5\n", FULL, IngestOptions(),
     ["precheck.need_reference_month"]),
    ("month column of text", "id,month,dpd,bal\nA,abc,0,5\nB,xyz,0,5\n", FULL, IngestOptions(),
     ["precheck.month_garbage"]),
    ("empty month column", "id,month,dpd,bal\nA,,0,5\nB,,0,5\n", FULL, IngestOptions(), ["precheck.month_empty"]),
    ("DPD column of labels", "id,month,dpd,bal\nA,2024-01,M1,5\nB,2024-01,M2,5\n", FULL, IngestOptions(),
     ["precheck.dpd_column_text"]),
    ("balance of text", "id,month,dpd,bal\nA,2024-01,0,abc\nB,2024-01,0,n/a\n", FULL, IngestOptions(),
     ["precheck.amount_column_text"]),
    ("credit limit of text", "id,month,dpd,bal,lim\nA,2024-01,0,5,abc\n", {**FULL, "credit_limit": "lim"},
     IngestOptions(), ["precheck.amount_column_text"]),
    ("bad unit", "id,month,dpd,bal\nA,2024-01,0,5\n", FULL, IngestOptions(amount_unit="dollars"),
     ["precheck.bad_option"]),
    ("bad date order", "id,month,dpd,bal\nA,2024-01,0,5\n", FULL, IngestOptions(date_order="ymd"),
     ["precheck.bad_option"]),
    ("decimal comma neither auto nor a choice", "id,month,dpd,bal\nA,2024-01,0,5\n", FULL,
     IngestOptions(decimal_comma="yes"), ["precheck.bad_option"]),
    ("bad reference month", "id,month,dpd,bal\nA,2024-01,0,5\n", FULL, IngestOptions(reference_month="abc"),
     ["precheck.bad_reference_month"]),
    ("bad snapshot month", "id,dpd,bal\nA,0,5\n", {"account_id": "id", "days_past_due": "dpd", "balance": "bal"},
     IngestOptions(snapshot_month="13/13"), ["precheck.bad_snapshot_month"]),
    ("header not in the file", "id,month,dpd,bal\nA,2024-01,0,5\n", {**FULL, "product": "产品"}, IngestOptions(),
     ["precheck.unknown_header"]),
    ("wide header not in the file", "id,PAY_0,PAY_2,bal\n1,0,0,5\n", {"account_id": "id", "balance": "bal"},
     IngestOptions(wide=WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_9": "2005-08"}})),
     ["precheck.wide_unknown_header"]),
    ("wide month not a month", "id,PAY_0,PAY_2,bal\n1,0,0,5\n", {"account_id": "id", "balance": "bal"},
     IngestOptions(wide=WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_2": "later"}})),
     ["precheck.wide_bad_month"]),
    ("wide layout without balance", "id,PAY_0,PAY_2\n1,0,0\n", {"account_id": "id"},
     IngestOptions(wide=WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_2": "2005-08"}})),
     ["precheck.no_balance"]),
]

# Mappings the build accepts but that give a book with every row rejected: the page refuses them.
EMPTY_BOOKS = [
    ("empty account column", "id,month,dpd,bal\n,2024-01,0,5\n ,2024-01,0,5\n", FULL, IngestOptions(),
     ["precheck.column_empty"]),
    ("empty DPD column", "id,month,dpd,bal\nA,2024-01,,5\nB,2024-01,,5\n", FULL, IngestOptions(),
     ["precheck.column_empty"]),
    ("empty balance column", "id,month,dpd,bal\nA,2024-01,0,\nB,2024-01,0,\n", FULL, IngestOptions(),
     ["precheck.column_empty"]),
    ("status labels with no DPD", "id,month,st,bal\nA,2024-01,foo,5\nB,2024-01,bar,5\n",
     {"account_id": "id", "snapshot_date": "month", "status_label": "st", "balance": "bal"},
     IngestOptions(status_codes={"foo": None}), ["precheck.no_status_code"]),
    ("due dates none a date", "id,month,due,bal\nA,2024-01,soon,5\nB,2024-01,later,5\n",
     {"account_id": "id", "snapshot_date": "month", "due_date": "due", "balance": "bal"}, IngestOptions(),
     ["precheck.due_date_garbage"]),
]


@pytest.mark.parametrize("name,text,mapping,options,keys", CASES, ids=[c[0] for c in CASES])
def test_each_blocking_case_is_listed_and_the_build_raises_it(name, text, mapping, options, keys):
    raw = raw_of(text)
    problems = precheck(raw, mapping, options)
    assert [p.key for p in problems] == keys
    with pytest.raises(IngestError) as exc:
        build_portfolio(raw, mapping, options)
    assert exc.value.key == problems[0].raises


@pytest.mark.parametrize("name,text,mapping,options,keys", EMPTY_BOOKS, ids=[c[0] for c in EMPTY_BOOKS])
def test_a_mapping_that_would_reject_every_row_is_listed(name, text, mapping, options, keys):
    raw = raw_of(text)
    problems = precheck(raw, mapping, options)
    assert [p.key for p in problems] == keys
    assert problems[0].raises is None
    assert build_portfolio(raw, mapping, options).summary["rows_accepted"] == 0


def test_two_fields_on_one_header_is_listed():
    raw = raw_of("id,month,dpd,bal\nA,2024-01,0,5\n")
    problems = precheck(raw, {**FULL, "credit_limit": "bal", "overdue_amount": "bal"})
    assert [(p.key, p.params["fields"]) for p in problems] == [
        ("precheck.same_header", ("balance", "credit_limit", "overdue_amount"))]
    assert problems[0].message("zh") == (
        "列“bal”同时对应了 余额、授信额度、逾期金额：一列只能对应一个字段，请为其中一个另选一列或选“—”。")


def test_every_problem_at_once_in_the_order_the_build_meets_them():
    # no month, no balance and a bad unit: the build stops at the first, the list has all three
    raw = raw_of("id,dpd\nA,0\n")
    options = IngestOptions(amount_unit="usd")
    problems = precheck(raw, {"account_id": "id", "days_past_due": "dpd"}, options)
    assert [p.key for p in problems] == ["precheck.bad_option", "precheck.no_month", "precheck.no_balance"]
    with pytest.raises(IngestError) as exc:
        build_portfolio(raw, {"account_id": "id", "days_past_due": "dpd"}, options)
    assert exc.value.key == "ingest.error.bad_option"
    # fix the unit: the build now stops at the month, the next problem in the list
    with pytest.raises(IngestError) as exc:
        build_portfolio(raw, {"account_id": "id", "days_past_due": "dpd"})
    assert exc.value.key == problems[1].raises == "ingest.error.no_month"


def test_missing_balance_and_relative_months_without_reference_together():
    raw = raw_of("id,month,dpd\nA,0,0\nA,-1,0\n")
    problems = precheck(raw, {"account_id": "id", "snapshot_date": "month", "days_past_due": "dpd"})
    assert [p.key for p in problems] == ["precheck.no_balance", "precheck.need_reference_month"]


def test_a_file_that_loads_has_no_problem():
    raw = raw_of("id,month,dpd,bal\nA,2024-01,0,5\nB,2024-01,30,abc\n")
    assert precheck(raw, FULL) == []
    assert build_portfolio(raw, FULL).summary["rows_accepted"] == 1
    # relative months with their reference, and a file without balances counted by accounts
    rel = raw_of("id,month,dpd\nA,0,0\nA,-1,0\n")
    options = IngestOptions(reference_month="2024-03", balance_missing="unit")
    mapping = {"account_id": "id", "snapshot_date": "month", "days_past_due": "dpd"}
    assert precheck(rel, mapping, options) == []
    assert build_portfolio(rel, mapping, options).summary["months"] == ["2024-02", "2024-03"]


def test_day_first_dates_and_decimal_commas_are_read_as_the_build_reads_them():
    raw = raw_of('id,month,dpd,bal\nA,31/01/2024,0,"1.234,56"\nB,29/02/2024,0,"12,5"\n')
    assert precheck(raw, FULL) == []
    assert build_portfolio(raw, FULL).portfolio["balance"].tolist() == [1234.56, 12.5]
    # a column of decimal commas only is numbers, not text
    raw = raw_of('id,month,dpd,bal\nA,2024-01,0,"1.234,56"\n')
    assert precheck(raw, FULL, IngestOptions(decimal_comma=True)) == []


def test_a_wide_file_that_loads_has_no_problem():
    raw = raw_of("ID,LIMIT_BAL,PAY_0,PAY_2,BILL_AMT1,BILL_AMT2\n1,20000,2,0,3913,3102\n2,120000,-1,-1,2682,1725\n")
    wide = WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_2": "2005-08"},
                     "balance": {"BILL_AMT1": "2005-09", "BILL_AMT2": "2005-08"}})
    mapping = {"account_id": "ID", "credit_limit": "LIMIT_BAL"}
    assert precheck(raw, mapping, IngestOptions(wide=wide)) == []
    assert build_portfolio(raw, mapping, IngestOptions(wide=wide)).summary["rows_accepted"] == 4


def test_the_whole_column_decides_when_the_sample_cannot():
    n = SAMPLE_ROWS + 500
    # the first rows' DPD and balance are blank: the sample alone would call the columns empty
    rows = [f"A{i},2024-01,,\n" for i in range(SAMPLE_ROWS + 10)] + [f"B{i},2024-01,3,7\n" for i in range(490)]
    raw = raw_of("id,month,dpd,bal\n" + "".join(rows))
    assert len(raw.frame) == n
    assert precheck(raw, FULL) == []
    # one relative month below zero after the sample makes the column relative months
    months = ["0"] * (SAMPLE_ROWS + 10) + ["-1"]
    raw = raw_of("id,month,dpd,bal\n" + "".join(f"A{i},{m},0,5\n" for i, m in enumerate(months)))
    problems = precheck(raw, FULL)
    assert [p.key for p in problems] == ["precheck.need_reference_month"]
    with pytest.raises(IngestError) as exc:
        build_portfolio(raw, FULL)
    assert exc.value.key == "ingest.error.need_reference_month"


def test_the_bundled_sample_has_no_problem():
    data = (Path(__file__).resolve().parents[2] / "data" / "sample" / "sample_portfolio.csv").read_bytes()
    raw = read_table(data, "sample_portfolio.csv")
    assert precheck(raw, suggest_mapping(raw)) == []


def test_messages_in_both_languages_name_the_column_and_the_fix():
    problems = [p for case in CASES + EMPTY_BOOKS for p in precheck(raw_of(case[1]), case[2], case[3])]
    problems.append(Problem("precheck.same_header", {"header": "bal", "fields": ("balance", "score")}))
    for p in problems:
        for lang in ("zh", "en"):
            text = p.message(lang)
            assert not re.search(r"\{\w+\}", text) and not text.startswith("precheck."), text
        # on the Chinese screen no English word except the user's own headers and values
        zh = p.message("zh").replace("YYYY-MM", "").replace("loan_id", "")
        for name in ("column", "header", "examples", "value", "option"):
            value = p.params.get(name, "")
            zh = zh.replace((list_text(value, "zh") if isinstance(value, tuple) else str(value)) or "\0", "")
        assert not re.search(r"[A-Za-z]{3,}", zh), p.message("zh")
    empty = precheck(raw_of(EMPTY_BOOKS[2][1]), FULL)[0]
    assert empty.message("zh") == "余额列“bal”是空的，所有行都会被拒收：请选择有数据的列。"
    assert empty.message("en") == "The balance column “bal” is empty, so every row would be rejected: choose a column that holds data."


def test_markdown_escapes_the_users_header():
    raw = raw_of("id,month,dpd,[x](http://e.vil)\nA,2024-01,0,abc\n")
    (problem,) = precheck(raw, {**FULL, "balance": "[x](http://e.vil)"})
    assert "[x](http" not in problem.markdown("en") and r"\[x\]" in problem.markdown("en")


REAL_CASES = [  # file, what the precheck lists with the suggested mapping (the build raises the first)
    ("credit_card_approval_panel/credit_record.csv", ["precheck.no_balance", "precheck.need_reference_month"]),
    ("german_credit/germancredit.csv", ["precheck.no_dpd", "precheck.no_account", "precheck.no_month",
                                        "precheck.no_balance"]),
    ("lendingclub_kaggle_sample1000/loan_sample.csv", ["precheck.no_month"]),
    ("uci_taiwan_default/UCI_Credit_Card.csv", []),
]


@pytest.mark.realdata
@pytest.mark.parametrize("name,keys", REAL_CASES, ids=[c[0].split("/")[0] for c in REAL_CASES])
def test_real_files_list_what_the_build_refuses(realdata_dir, name, keys):
    from analysis.ingest.portfolio import resolve_mapping

    path = realdata_dir / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    raw, mapping, options = resolve_mapping(read_table(path.read_bytes(), path.name))
    problems = precheck(raw, mapping, options)
    assert [p.key for p in problems] == keys
    if problems:
        with pytest.raises(IngestError) as exc:
            build_portfolio(raw, mapping, options)
        assert exc.value.key == problems[0].raises
    else:
        assert build_portfolio(raw, mapping, options).summary["rows_accepted"] > 0


@pytest.mark.realdata
def test_the_credit_panel_loads_once_both_problems_are_fixed(realdata_dir):
    from analysis.ingest.portfolio import resolve_mapping

    path = realdata_dir / "credit_card_approval_panel" / "credit_record.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    fixed = IngestOptions(reference_month="2019-12", balance_missing="unit")
    raw, mapping, options = resolve_mapping(read_table(path.read_bytes(), path.name), None, fixed)
    assert precheck(raw, mapping, options) == []
    assert build_portfolio(raw, mapping, options).summary["rows_accepted"] > 0
