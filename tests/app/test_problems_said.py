"""A problem a page did not catch, with a message of its own, is said in the user's language
(``ui.widgets.problems_said`` around every page in app.py), never a bare error box.

AppTest runs a page it switched to on its own (Streamlit's pages-folder mode, reset at each of its
runs), without app.py: these tests stay on the landing page, which app.py runs."""
from __future__ import annotations

import duckdb
import pytest

from analysis.core import Cubes
from analysis.core.engine import EngineMemoryError
from analysis.ingest.portfolio import load_portfolio
from tests.app.apptest import open_page

CSV = "客户编号,统计日期,逾期天数,贷款余额\nA,2024-01-31,0,100\nA,2024-02-29,35,90\nB,2024-01-31,0,50\nB,2024-02-29,0,40\n"


def _upload(data_id: str) -> dict:
    # an upload of its own: the sample's cubes may be cached already by another test in this process
    return {"data_result": load_portfolio(CSV.encode(), "small.csv"), "data_name": "small.csv", "data_id": data_id}


@pytest.mark.parametrize("lang, words", [("zh", "不写入磁盘"), ("en", "never written to disk")])
def test_an_uploaded_book_out_of_memory_says_what_to_do(monkeypatch, lang, words):
    def out_of_memory(self, by=None):
        raise EngineMemoryError("core.out_of_memory", limit="2GB")

    monkeypatch.setattr(Cubes, "transitions", out_of_memory)
    at = open_page(None, lang, **_upload(f"oom-{lang}"))  # the landing page runs through app.py
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error if words in e.value and "2GB" in e.value]


def test_an_engine_error_names_its_kind_not_its_text(monkeypatch):
    # DuckDB's text can quote a value of the data (a name, a phone number): only the kind is shown
    def lost(self, by=None):
        raise duckdb.IOException("IO Error: could not read 张三 13800138000")

    monkeypatch.setattr(Cubes, "transitions", lost)
    at = open_page(None, "en", **_upload("io-error"))
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error]
    assert any("IOException" in text for text in shown)
    assert not any("13800138000" in text or "张三" in text for text in shown)
