"""The upload page asks the date order and decimal mark only when a column reads either way,
and refuses a PDF with a message saying what it is (issue 13 item 8)."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page

AMBIGUOUS = ("客户编号,统计日期,逾期天数,贷款余额\n"
             "A1,01/02/2024,0,\"1,234\"\n"
             "A1,02/03/2024,0,\"1,234\"\n").encode()
CLEAR = ("客户编号,统计日期,逾期天数,贷款余额\n"
         "A1,31/01/2024,0,100\n"
         "A1,29/02/2024,0,100\n").encode()


def _upload(at, name, data, mime="text/csv"):
    at.file_uploader[0].set_value((name, data, mime))
    at.run()
    return at


def _radio_keys(at):
    return {r.key for r in at.radio}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_ambiguous_file_is_asked_and_the_answer_honoured(lang):
    at = _upload(open_page("upload", lang), "a.csv", AMBIGUOUS)
    assert_clean(at)
    assert {"upload_opt_date_order", "upload_opt_decimal"} <= _radio_keys(at)
    at.radio(key="upload_opt_date_order").set_value("dmy")
    at.radio(key="upload_opt_decimal").set_value("comma")
    at.run()
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    portfolio = at.session_state["data_result"].portfolio
    # by hand: 01/02 and 02/03 day first are February and March; 1,234 with a decimal comma is 1.234
    assert portfolio["month"].tolist() == ["2024-02", "2024-03"]
    assert portfolio["balance"].tolist() == [1.234, 1.234]


def test_a_clear_file_is_not_asked_and_reads_day_first():
    at = _upload(open_page("upload", "en"), "a.csv", CLEAR)
    assert_clean(at)
    assert not {"upload_opt_date_order", "upload_opt_decimal"} & _radio_keys(at)
    at.button(key="upload_validate").click()
    at.run()
    assert at.session_state["data_result"].portfolio["month"].tolist() == ["2024-01", "2024-02"]


@pytest.mark.parametrize("lang, word", [("zh", "PDF 文档"), ("en", "PDF document")])
def test_a_pdf_named_xlsx_is_refused_saying_what_it_is(lang, word):
    at = _upload(open_page("upload", lang), "明细.xlsx", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert not at.exception
    assert any(word in e.value for e in at.error)
