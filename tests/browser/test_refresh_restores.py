"""A browser refresh within the session gets the user's data back (ui/continuity.py: the token in
the address, the data in server memory), and the sample says it is the sample until then."""
from __future__ import annotations

import re

from tests.browser.conftest import assert_no_error, upload_and_load, wait_for_app

CSV = ("客户编号,统计月份,逾期天数,贷款余额\n"
       "A001,2024-01-31,0,1000.50\nA002,2024-01-31,45,2000\nA001,2024-02-29,10,900.25\nA002,2024-02-29,75,2100\n")
BANNER = "不是真实业务数据"


def test_a_refresh_restores_the_data_and_the_sample_banner_goes(page, server_url, tmp_path):
    page.goto(f"{server_url}/aging")
    wait_for_app(page)
    assert BANNER in page.inner_text('[data-testid="stMain"]')  # the sample, said on a page
    page.goto(f"{server_url}/upload")
    wait_for_app(page)
    assert BANNER not in page.inner_text('[data-testid="stMain"]')  # not on the way out of it

    data = tmp_path / "我的逾期明细.csv"
    data.write_text(CSV, encoding="utf-8")
    upload_and_load(page, data)
    token = re.search(r"[?&]d=([A-Za-z0-9_-]{43})", page.url).group(1)

    page.reload()
    wait_for_app(page)
    assert_no_error(page)
    assert token in page.url
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert "我的逾期明细.csv" in sidebar  # the data in use is the user's again
    main = page.inner_text('[data-testid="stMain"]')
    assert "不在本会话" not in main and BANNER not in main

    # a second tab with the same address gets the same data
    other = page.context.new_page()
    other.goto(page.url.replace("/upload", "/aging"))
    wait_for_app(other)
    assert "我的逾期明细.csv" in other.inner_text('[data-testid="stSidebar"]')
    assert BANNER not in other.inner_text('[data-testid="stMain"]')
    other.close()
