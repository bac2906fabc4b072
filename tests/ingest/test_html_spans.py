"""Tables saved as web pages (the ".xls" of many web systems): cells spanning rows or columns are
read as a workbook's merged cells are, and several tables under one header are one table.

Read in document order, a branch merged down a block of rows (``rowspan``) moved every later cell
of those rows a column left (accounts got dates, balances got days past due, and the rows were
rejected for the wrong reason); a header over two rows was refused as having no DPD column; a
page with a table per month kept the largest and dropped the others without a word.
"""
from __future__ import annotations

import resource

import pytest

from analysis.ingest.portfolio import load_portfolio
from analysis.ingest.readers import read_table


def _tr(cells, tag="td") -> str:
    return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" if not isinstance(c, tuple) else f"<{tag} {c[1]}>{c[0]}</{tag}>"
                            for c in cells) + "</tr>"


def _page(*tables: list[str], head: str = "<html><head><meta charset='utf-8'></head><body>") -> bytes:
    return (head + "".join("<table>" + "".join(t) + "</table>" for t in tables) + "</body></html>").encode("utf-8")


HEAD = _tr(["账户", "日期", "余额", "逾期天数", "分行"], "th")


def test_a_branch_merged_down_its_rows_fills_them_and_moves_no_cell():
    first = _page([_tr(["分行", "账户", "日期", "余额", "逾期天数"], "th"),
                   _tr([("北京分行", 'rowspan="3"'), "A1", "2024-01-31", "100", "0"]),
                   _tr(["A2", "2024-01-31", "200", "35"]), _tr(["A3", "2024-01-31", "300", "95"])])
    res = load_portfolio(first, "first.xls")
    assert res.summary["rows_accepted"] == 3 and res.portfolio["balance"].sum() == 600
    assert res.portfolio["days_past_due"].tolist() == [0, 35, 95]
    assert res.portfolio["branch"].astype(str).tolist() == ["北京分行"] * 3
    assert ("ingest.note.merged_cells_filled", {"columns": ("分行",)}) in res.summary["notes"]
    last = _page([HEAD, _tr(["A1", "2024-01-31", "100", "0", ("上海分行", 'rowspan="2"')]),
                  _tr(["A2", "2024-01-31", "200", "35"]), _tr(["A3", "2024-01-31", "300", "95", "杭州分行"])])
    assert read_table(last, "last.xls").frame["分行"].tolist() == ["上海分行", "上海分行", "杭州分行"]


def test_a_remark_across_two_columns_leaves_the_next_one_empty_not_shifted():
    page = _page([_tr(["账户", "备注", "日期", "余额", "逾期天数"], "th"),
                  _tr(["A1", "正常", "2024-01-31", "100", "0"]), _tr(["A2", ("无", 'colspan="2"'), "200", "35"])])
    raw = read_table(page, "remark.xls")
    assert raw.frame["日期"].isna().tolist() == [False, True]
    assert raw.frame["余额"].tolist() == ["100", "200"] and raw.frame["逾期天数"].tolist() == ["0", "35"]
    res = load_portfolio(page, "remark.xls")
    assert res.summary["reasons"] == {"ingest.reject.missing_month": 1}  # its date is what is missing


def test_a_header_over_two_rows_is_joined_as_a_workbooks_is():
    page = _page(["<tr><th rowspan='2'>账户</th><th rowspan='2'>日期</th><th colspan='2'>逾期</th>"
                  "<th rowspan='2'>余额</th></tr>", _tr(["天数", "金额"], "th"),
                  _tr(["A1", "2024-01-31", "0", "0", "100"]), _tr(["A2", "2024-01-31", "35", "12.5", "200"])])
    raw = read_table(page, "two.xls")
    assert list(raw.frame.columns) == ["账户", "日期", "逾期-天数", "逾期-金额", "余额"]
    assert raw.source_rows.tolist() == [3, 4] and raw.header_row == 1
    res = load_portfolio(page, "two.xls")
    assert res.summary["rows_accepted"] == 2 and res.portfolio["days_past_due"].tolist() == [0, 35]
    assert res.portfolio["overdue_amount"].tolist() == [0.0, 12.5]


def test_tables_under_one_header_are_read_one_under_the_other_and_others_are_named():
    january = [HEAD] + [_tr([f"A{i}", "2024-01-31", "100", "0", "北京"]) for i in range(5)]
    february = [HEAD] + [_tr([f"A{i}", "2024-02-29", "100", "0", "北京"]) for i in range(6)]
    other = [_tr(["指标", "数值"], "th"), _tr(["户数", "6"]), _tr(["余额", "600"])]
    res = load_portfolio(_page(january, other, february), "months.xls")
    assert res.summary["rows_accepted"] == 11 and sorted(res.portfolio["month"].astype(str).unique()) == ["2024-01", "2024-02"]
    assert res.summary["reasons"] == {"ingest.reject.header_row": 1}  # February's own header, said
    keys = dict(res.summary["notes"])
    assert keys["ingest.note.html_tables_joined"] == {"n": 2}
    assert keys["ingest.note.html_tables_left_out"] == {"n": 1, "rows": 3}


def test_a_table_in_a_cell_is_no_table_of_the_page():
    page = _page([HEAD, _tr(["A1", "2024-01-31", "100", "0", "北京<table><tr><td>x</td></tr><tr><td>y</td></tr></table>"])])
    assert read_table(page, "nested.xls").notes == ()


@pytest.mark.parametrize("encoding", ["UTF-8", "GBK"])
def test_an_xhtml_page_declaring_its_encoding_is_read(encoding):
    page = (f'<?xml version="1.0" encoding="{encoding}"?><html xmlns="http://www.w3.org/1999/xhtml"><body><table>'
            + HEAD + _tr(["A1", "2024-01-31", "100", "0", "北京分行"]) + "</table></body></html>").encode(encoding.lower())
    assert read_table(page, "x.xls").frame["分行"].tolist() == ["北京分行"]


def test_a_span_of_a_hundred_thousand_costs_nothing():
    page = _page([HEAD, _tr(["A1", "2024-01-31", "100", "0", ("北京", 'rowspan="100000" colspan="3"')]),
                  _tr(["A2", "2024-01-31", "200", "5"])])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    raw = read_table(page, "span.xls")
    assert len(raw.frame) == 2 and resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before < 50


def test_spans_that_would_spread_a_small_page_over_millions_of_cells_are_refused():
    from analysis.ingest.errors import IngestError

    big = _tr([(f"c{i}", 'rowspan="1000"') for i in range(1500)]) + _tr(["x"]) * 999
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with pytest.raises(IngestError) as err:
        read_table(_page([HEAD, big]), "spans.xls")
    assert err.value.code == "ingest.error.html_spans_too_large"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before < 100


def test_a_rowspan_of_zero_reaches_the_end_of_the_table():
    page = _page([HEAD, _tr(["A1", "2024-01-31", "100", "0", ("北京", 'rowspan="0"')]),
                  _tr(["A2", "2024-01-31", "200", "5"]), _tr(["A3", "2024-01-31", "300", "9"])])
    assert read_table(page, "zero.xls").frame["分行"].tolist() == ["北京"] * 3


def test_the_page_is_walked_not_queried_so_a_huge_page_gets_no_xpath_error(monkeypatch):
    # libxml2's XPath gives up past ~10 million nodes (a 27 MB page of bare "<td>1" cells) and its
    # XPathEvalError escaped as a traceback (hostile round 5, #5): the reader walks the tree. Here
    # any XPath query fails as it did there, and the page still reads, thead/tbody rows in order
    # and a table inside a cell as that cell's text.
    import lxml.etree
    import lxml.html

    def refuse(*args, **kwargs):
        raise lxml.etree.XPathEvalError("unknown error")
    monkeypatch.setattr(lxml.html.HtmlElement, "xpath", refuse)
    inner = "<table><tr><td>x</td></tr></table>"
    page = ("<html><body><table><thead>" + HEAD + "</thead><tbody>"
            + _tr(["A1", "2024-01-31", "100", "0", "杭州" + inner]) + "</tbody>"
            + _tr(["A2", "2024-01-31", "200", "5", "宁波"]) + "</table></body></html>").encode("utf-8")
    raw = read_table(page, "web.xls")
    assert raw.frame["账户"].tolist() == ["A1", "A2"] and raw.frame["分行"].tolist() == ["杭州x", "宁波"]
