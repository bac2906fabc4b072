"""Streamlit's st.dataframe prints the house's printf formats as cell_text writes them.

``analysis.core.tables.screen_format`` hands Streamlit printf strings (``%,.2f``, ``%+,d``,
``%,.2f%%``, ``%+,.2f个百分点``); the grid draws its cells on a canvas, so the test records the text
the page draws (``fillText``) on one load of a small page (tests/browser/display_table_page.py).
"""
from __future__ import annotations

from pathlib import Path

from analysis.core.tables import cell_text
from tests.browser.conftest import app_server, assert_no_error, wait_for_app
from tests.browser.display_table_page import FIGURES, TABLE

PAGE = Path(__file__).with_name("display_table_page.py")
RECORD_CANVAS_TEXT = """
    window.__drawn = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
        window.__drawn.push(String(text));
        return fill.call(this, text, ...rest);
    };
"""


def test_dataframe_cells_read_as_the_report_writes_them(browser):
    with app_server(script=PAGE, quiet=True) as (url, _):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1800, "height": 900})
        pg = context.new_page()
        pg.add_init_script(RECORD_CANVAS_TEXT)
        pg.goto(url)
        wait_for_app(pg)
        assert_no_error(pg)
        pg.get_by_test_id("stDataFrame").nth(1).wait_for()
        pg.wait_for_function("() => window.__drawn.includes('number')")  # the grids are drawn
        drawn = set(pg.evaluate("window.__drawn"))
        context.close()
    expected = {lang: [cell_text(value, kind, lang, TABLE.decimals.get(title)) for title, kind, value in FIGURES]
                for lang in ("zh", "en")}
    assert "3.12%" in expected["zh"] and "+0.40个百分点" in expected["zh"] and "-1,234,567.89" in expected["zh"]
    for lang, texts in expected.items():
        missing = [text for text in texts if text not in drawn]
        assert not missing, (lang, missing, sorted(drawn))
