"""The check step through AppTest: problems listed before any click, no spinner beside an error,
rejections by reason with every header in the reader's language."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest import open_page

# No balance column and no month column: two problems, both knowable before any click.
NO_BALANCE_NO_MONTH = "客户编号,逾期天数,产品\nA001,0,信用卡\nA002,45,消费贷\n".encode("utf-8")

# Sixty negative balances, every one a different value, and two good rows.
NEGATIVES = ("客户编号,统计月份,逾期天数,贷款余额\n"
             + "".join(f"N{i:03d},2024-01-31,0,-{i + 1}\n" for i in range(60))
             + "G001,2024-01-31,0,1000\nG002,2024-01-31,30,2000\n").encode("utf-8")

# Every row's DPD is negative: nothing blocks the check, but no row passes it.
NONE_PASS = "客户编号,统计月份,逾期天数,贷款余额\nA001,2024-01-31,-1,100\nA002,2024-01-31,-5,200\n".encode("utf-8")

TEXT = {
    "zh": {"month": "没有统计月份", "balance": "没有余额列", "blocked": "载入前还需处理 2 个问题",
           "reason": "原因", "row": "行号", "rows": "行数", "negative": "负余额", "failed": "校验未通过",
           "none": "没有任何行通过"},
    "en": {"month": "No snapshot month", "balance": "There is no balance column", "blocked": "2 problems to fix",
           "reason": "Reason", "row": "Row", "rows": "Rows", "negative": "negative balance", "failed": "The check failed",
           "none": "no row passed"},
}


def _upload(at, name, data):
    at.file_uploader[0].set_value((name, data, "text/csv"))
    at.run()
    return at


def _no_running_status(at):
    assert all(s.state != "running" for s in at.status), [(s.label, s.state) for s in at.status]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_missing_balance_and_month_are_both_listed_before_any_click(lang):
    at = _upload(open_page("upload", lang), "逾期.csv", NO_BALANCE_NO_MONTH)
    assert not at.exception
    boxes = [w.value for w in at.warning if TEXT[lang]["blocked"] in w.value]
    assert len(boxes) == 1, [w.value for w in at.warning]
    box = boxes[0]
    assert TEXT[lang]["month"] in box and TEXT[lang]["balance"] in box
    assert len(re.findall(r"^- ", box, flags=re.M)) == 2  # one bullet per problem
    button = at.button(key="upload_validate")
    assert button.disabled
    _no_running_status(at)
    assert not at.error and all(s.state != "error" for s in at.status)  # nothing was run, nothing failed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fixing_the_problems_enables_the_button(lang):
    at = _upload(open_page("upload", lang), "逾期.csv", NO_BALANCE_NO_MONTH)
    at.text_input(key="upload_opt_snapshot").set_value("2024-01").run()
    box = " ".join(w.value for w in at.warning)
    assert TEXT[lang]["month"] not in box and TEXT[lang]["balance"] in box
    at.checkbox(key="upload_opt_balance_unit").check().run()
    assert not any(TEXT[lang]["balance"] in w.value for w in at.warning)
    assert not at.button(key="upload_validate").disabled
    at.button(key="upload_validate").click().run()
    assert not at.exception
    assert at.session_state["data_result"].summary["rows_accepted"] == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_spinner_stays_beside_an_error_when_no_row_passes(lang):
    at = _upload(open_page("upload", lang), "逾期.csv", NONE_PASS)
    assert not at.button(key="upload_validate").disabled
    at.button(key="upload_validate").click().run()
    assert not at.exception
    assert at.error, "no row passed: the page says so"
    _no_running_status(at)
    (check,) = [s for s in at.status if s.state == "error"]
    assert TEXT[lang]["none"] in check.label


def _validate_script(lang):
    """A page that only runs validate() on a mapping the build refuses (no balance column)."""
    import streamlit as st

    from analysis.ingest.portfolio import IngestOptions, read_table
    from ui.upload import validate

    st.session_state["lang"] = lang
    raw = read_table("客户编号,统计月份,逾期天数\nA,2024-01,0\n".encode(), "a.csv")
    validate(raw, {"account_id": "客户编号", "snapshot_date": "统计月份", "days_past_due": "逾期天数"}, IngestOptions())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_build_error_ends_the_progress_box_in_the_error_state(lang):
    at = AppTest.from_function(_validate_script, args=(lang,), default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1
    _no_running_status(at)
    assert [(s.state, TEXT[lang]["failed"] in s.label) for s in at.status] == [("error", True)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rejections_by_reason_with_headers_in_the_readers_language(lang):
    at = _upload(open_page("upload", lang), "逾期.csv", NEGATIVES)
    at.button(key="upload_validate").click().run()
    assert not at.exception
    tables = [d.value for d in at.dataframe]
    reasons = [v for v in tables if TEXT[lang]["rows"] in v.columns and TEXT[lang]["reason"] in v.columns]
    assert len(reasons) == 1, [list(v.columns) for v in tables]
    by_reason = reasons[0]
    assert len(by_reason) == 1  # sixty values, one reason
    line = by_reason.iloc[0]
    assert line[TEXT[lang]["reason"]] == TEXT[lang]["negative"]
    assert line[TEXT[lang]["rows"]] == "60"
    (balance_col,) = [c for c in by_reason.columns if c.startswith("余额（" if lang == "zh" else "Balance (")]
    # -(1 + … + 60) = -1,830 元, in the page's unit (万元 by default: -0.18)
    assert line[balance_col] == "-0.18"
    examples = line[by_reason.columns[-1]]
    assert ("第 2 行" if lang == "zh" else "row 2") in examples and "-1" in examples
    assert ("第 4 行" if lang == "zh" else "row 4") in examples and ("第 5 行" if lang == "zh" else "row 5") not in examples
    rows = [v for v in tables if list(v.columns[:2]) == [TEXT[lang]["row"], TEXT[lang]["reason"]]]
    assert len(rows) == 1 and len(rows[0]) == 60
    if lang == "zh":
        for v in tables:
            assert not {"row", "reason", "Row", "Reason"} & set(map(str, v.columns)), list(v.columns)


def test_the_reason_balance_in_yuan_is_the_exact_sum():
    at = _upload(open_page("upload", "zh", unit="yuan"), "逾期.csv", NEGATIVES)
    at.button(key="upload_validate").click().run()
    (by_reason,) = [d.value for d in at.dataframe if "行数" in d.value.columns]
    assert by_reason.iloc[0]["余额（元）"] == "-1,830"  # -(1 + 2 + … + 60)
