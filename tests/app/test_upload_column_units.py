"""The upload page with amount columns in different units (贷款余额（万元） beside 授信额度（元）):
flagged before loading, each column read in the unit its header names unless the reader unticks it."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page

CSV = "借据号,统计月份,逾期天数,贷款余额(万元),授信额度(元)\nA,2024-01,0,18.25,300000\nB,2024-01,40,2.5,50000\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_column_is_read_in_its_own_unit(lang):
    at = open_page("upload", lang)
    at.file_uploader[0].set_value(("units.csv", CSV.encode("utf-8"), "text/csv"))
    at.run()
    assert_clean(at)
    assert at.radio(key="upload_opt_unit").value == "wan"
    assert any("授信额度(元)" in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.checkbox(key="upload_unit_own").value is True
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    portfolio = at.session_state["data_result"].portfolio
    assert portfolio["balance"].tolist() == [182500.0, 25000.0]
    assert portfolio["credit_limit"].tolist() == [300000.0, 50000.0]


def test_unticking_reads_every_column_in_the_unit_chosen():
    at = open_page("upload", "zh")
    at.file_uploader[0].set_value(("units.csv", CSV.encode("utf-8"), "text/csv"))
    at.run()
    at.checkbox(key="upload_unit_own").uncheck()
    at.run()
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    assert at.session_state["data_result"].portfolio["credit_limit"].tolist() == [3e9, 5e8]
