"""The provisions page when the products in view are all blank ("—", e.g. a filter on the blank
product): no per-product life editor, and no crash (its empty table was a float column)."""
from __future__ import annotations

import pandas as pd

from analysis.ingest.portfolio import load_portfolio
from tests.app.apptest import assert_clean, open_page
from ui.provisions.settings import life_start

BLANK = ("客户编号,统计月份,逾期天数,贷款余额,产品\n"
         "A1,2024-01-31,0,1000,\nA2,2024-01-31,95,500,\nA1,2024-02-29,0,900,\nA2,2024-02-29,125,500,\n").encode()


def test_no_editor_without_a_named_product():
    assert life_start(pd.DataFrame({"product": pd.Series([None, None], dtype="object")})) is None
    assert life_start(pd.DataFrame({"product": ["信用卡", None]}))["product"].tolist() == ["信用卡"]


def test_the_page_renders_on_blank_products_only():
    at = open_page("provisions", "zh", data_result=load_portfolio(BLANK, "blank.csv"), data_name="blank.csv",
                   data_id="blank-products")
    assert_clean(at)
    assert len(at.metric) == 4
