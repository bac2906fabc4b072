"""One file without a date column whose name (or title) gives its month loads with no step but
"check and load": the snapshot month box is filled from it, and the page says where it came from."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page

CSV = "客户编号,逾期天数,贷款余额\nK1,0,100\nK2,35,50.5\n".encode("utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_month_comes_from_the_file_name(lang):
    at = open_page("upload", lang)
    at.file_uploader[0].set_value(("逾期明细表 2024年1月.csv", CSV, "text/csv")).run()
    assert_clean(at)
    assert at.text_input(key="upload_opt_snapshot").value == "2024-01"
    said = {"zh": "月份取自文件名：2024-01", "en": "Month taken from the file name: 2024-01"}[lang]
    assert any(said in c.value for c in at.caption), [c.value for c in at.caption]
    at.button(key="upload_validate").click().run()
    assert_clean(at)
    assert at.session_state["data_result"].summary["months"] == ["2024-01"]
