"""A new upload starts with the whole of its own months and no segment filter: the sidebar's
choices for the data before (the sample's months, a product) must not carry over silently.

This guards the session logic (ui.state.set_data drops the filters). AppTest does not send
widget values back the way a browser does (a browser tour saw a 61-month upload keep the
sample's window); tests/browser/test_new_upload_months.py covers that case, which ui/sidebar.py
fixes by re-setting the filters when the data changes.
"""
from __future__ import annotations

from tests.app.apptest import assert_clean, open_page
from ui.overview import keys

MONTHS = [f"{y}-{m:02d}" for y in range(2021, 2025) for m in range(1, 13)]
CSV = ("客户编号,统计月份,逾期天数,贷款余额,产品\n" + "".join(
    f"A{i},{m},{0 if i % 4 else 35},{1000 + i}.00,{'信用卡' if i % 2 else '消费贷'}\n"
    for m in MONTHS for i in range(8))).encode("utf-8")


def test_a_new_upload_shows_its_whole_range_unfiltered():
    at = open_page(None, "zh")
    sample_months = list(at.sidebar.select_slider(key="filter_months").options)
    narrow = (sample_months[2], sample_months[-2])
    at.sidebar.select_slider(key="filter_months").set_value(narrow)
    at.sidebar.multiselect(key="filter_seg_product").set_value(["信用卡"])
    at.run()
    assert_clean(at)
    assert sorted(at.selectbox(key=keys.MONTH).options)[-1] == narrow[1]  # the sample, filtered
    at.switch_page("pages/upload.py")
    at.run()
    at.file_uploader[0].set_value([("book.csv", CSV, "text/csv")])
    at.run()
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    assert at.session_state["data_name"] == "book.csv"
    at.switch_page("pages/overview.py")  # the next page the user opens
    at.run()
    assert_clean(at)
    assert sorted(at.selectbox(key=keys.MONTH).options) == MONTHS
    assert "filter_seg_product" not in at.session_state or not at.session_state["filter_seg_product"]
