"""The account managers of the report's by-owner table read the same in the workbook as in the HTML:
they are the bank's staff who work the list, not borrowers to mask; a phone number written into a
table is still masked in the workbook."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd

from analysis.core.tables import DisplayTable
from analysis.report.meeting import build_report
from analysis.report.to_xlsx import _table_sheet


def _owner_sheet(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return next(ws for ws in wb.worksheets if ws.cell(4, 1).value == "客户经理")


def test_the_workbook_names_the_managers_the_html_names(sample_portfolio):
    html = build_report(sample_portfolio, sections=["warnings"], lang="zh", fmt="html").decode("utf-8")
    sheet = _owner_sheet(build_report(sample_portfolio, sections=["warnings"], lang="zh", fmt="xlsx"))
    managers = [sheet.cell(r, 1).value for r in range(5, 8)]
    assert all(m and "*" not in m for m in managers), managers
    assert all(m in html for m in managers)


def test_a_phone_written_into_a_table_is_masked_in_the_workbook():
    import xlsxwriter

    from analysis.report.to_xlsx import _Cells

    table = DisplayTable("t", "t", pd.DataFrame({"原因": ["失业，电话13812341234"] * 3}), {})
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    styles = {k: wb.add_format() for k in ("title", "defs", "head")}
    _table_sheet(wb.add_worksheet("t"), table, "t", "", _Cells(wb, "zh"), styles)
    wb.close()
    cell = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active.cell(5, 1).value
    assert "13812341234" not in cell and "138****1234" in cell
