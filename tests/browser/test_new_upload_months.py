"""After the sample, a new upload's sidebar month window is the new data's whole range, in a real
browser.

A browser tour saw a 61-month upload keep the sample's month window in the sidebar; AppTest
(tests/app/test_new_data_filters.py) did not reproduce it, because the browser keeps each
widget's value on its side and sends it back on every rerun, which AppTest does not do. Two
generated files: one whose months do not overlap the sample's, one whose months cover them (the
sample's window is then a valid choice on the new data and nothing on the server says it is stale).
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import assert_no_error, upload_and_load, wait_for_app

#: The sample covers 2023-01 … 2024-12. ``before``: three years with no month in common with it;
#: ``covering``: 61 months ending with the sample's last (a panel of relative months read with
#: 2024-12 as month 0, as credit_record.csv is), so the sample's window is a valid choice on it.
MONTH_SETS = {
    "before": [f"{y}-{m:02d}" for y in range(2019, 2022) for m in range(1, 13)],
    "covering": ["2019-12"] + [f"{y}-{m:02d}" for y in range(2020, 2025) for m in range(1, 13)],
}


def _csv(tmp_path, months: list[str]):
    path = tmp_path / "新明细.csv"
    path.write_text("客户编号,统计月份,逾期天数,贷款余额,产品\n" + "".join(
        f"A{i},{m},{0 if i % 4 else 35},{1000 + i}.00,{'信用卡' if i % 2 else '消费贷'}\n"
        for m in months for i in range(8)), encoding="utf-8")
    return path


def _window(pg) -> list[str]:
    """The two months the sidebar's month slider shows on its thumbs."""
    slider = pg.locator('[data-testid="stSidebar"] .st-key-filter_months')
    slider.wait_for(timeout=60_000)
    return [v.strip() for v in slider.get_by_test_id("stSliderThumbValue").all_inner_texts()]


def _chosen(pg) -> list[str]:
    """The products chosen in the sidebar's product filter (none: every product)."""
    product = pg.locator('[data-testid="stSidebar"] .st-key-filter_seg_product')
    product.wait_for(timeout=60_000)
    return [v.strip() for v in product.locator("[data-tag] [title]").all_inner_texts()]


def _upload(pg, path) -> None:
    _open(pg, "上传数据", "/upload")
    upload_and_load(pg, path)


def _open(pg, title: str, path: str) -> None:
    pg.get_by_test_id("stSidebarNavLink").filter(has_text=title).first.click()
    pg.wait_for_url(re.compile(re.escape(path) + r"(\?|$)"), timeout=60_000)
    wait_for_app(pg)


# Each test runs the case that failed before the fix and costs a browser upload (~15 s): the
# window kept on a book that covers the sample's months; the product kept on one that does not.
@pytest.mark.parametrize("case", ["covering"])
def test_the_month_window_is_the_new_uploads_whole_range(page, server_url, tmp_path, case):
    months = MONTH_SETS[case]
    page.goto(f"{server_url}/aging")
    wait_for_app(page)
    sample = _window(page)
    assert len(sample) == 2 and sample[0] < sample[1], sample
    assert (set(sample) <= set(months)) == (case == "covering"), (case, sample)

    _upload(page, _csv(tmp_path, months))
    assert "新明细.csv" in page.inner_text('[data-testid="stSidebar"]')
    assert _window(page) == [months[0], months[-1]]
    _open(page, "账龄分布与迁徙", "/aging")  # the next page the user opens
    assert_no_error(page)
    assert _window(page) == [months[0], months[-1]]


@pytest.mark.parametrize("case", ["before"])
def test_a_narrowed_sample_window_and_product_do_not_carry_over(page, server_url, tmp_path, case):
    months = MONTH_SETS[case]
    page.goto(f"{server_url}/aging")
    wait_for_app(page)
    whole = _window(page)
    # narrow the sample's window from the right with the keyboard, as a reader can
    thumbs = page.locator('[data-testid="stSidebar"] .st-key-filter_months input[type="range"]')
    thumbs.last.focus()
    for _ in range(3):
        thumbs.last.press("ArrowLeft")
    # the server has the narrowed window once the sidebar counts the rows it filtered out
    page.locator('[data-testid="stSidebar"]').get_by_text("筛选后").wait_for(timeout=60_000)
    wait_for_app(page)
    narrowed = _window(page)
    assert narrowed[0] == whole[0] and narrowed[1] < whole[1], (whole, narrowed)
    # and one product, which the new book has too
    product = page.locator('[data-testid="stSidebar"] .st-key-filter_seg_product')
    product.locator("input").click()
    page.keyboard.type("信用卡")
    page.get_by_role("option", name="信用卡", exact=True).wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    assert _chosen(page) == ["信用卡"]

    _upload(page, _csv(tmp_path, months))
    assert _window(page) == [months[0], months[-1]]
    assert _chosen(page) == []
    _open(page, "账龄分布与迁徙", "/aging")
    assert_no_error(page)
    assert _window(page) == [months[0], months[-1]]
    assert _chosen(page) == []
