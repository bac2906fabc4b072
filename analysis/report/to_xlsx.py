"""The report as a workbook: a summary sheet, then one formatted sheet per table.

Numbers stay numbers, written with the house's Excel number formats
(:func:`analysis.core.tables.excel_format`, :func:`~analysis.core.tables.excel_value`), so a
cell reads as the screen and the HTML print it.
"""
from __future__ import annotations

import io
import re

import numpy as np
import xlsxwriter

from analysis.core.i18n import translate
from analysis.core.privacy import mask_pii, neutralise_cell
from analysis.core.tables import cell_text
from analysis.report.model import Report, report_text


def sheet_name(table_key: str, lang: str) -> str:
    """The worksheet name of a table (≤ 31 characters, no ``[]:*?/\\``).

    Examples
    --------
    >>> sheet_name("aging_distribution", "en")
    'Aging distribution'
    """
    name = translate(f"report.sheet.{table_key}", lang)
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def render_xlsx(report: Report) -> bytes:
    """The report as a workbook: a summary sheet, then one formatted sheet per table.

    Numbers stay numbers (formatted: thousands separators, %, pp), amounts are in the report's
    unit (named in the column title), headers are bold, panes are frozen below the header and
    right of the first column, personal data is masked and no text cell can run as a formula.
    """
    lang = report.lang
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "nan_inf_to_errors": False})
    f_title = book.add_format({"bold": True, "font_size": 14})
    f_defs = book.add_format({"italic": True, "font_color": "#6B7785"})
    f_head = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True, "valign": "top"})
    fmts = {
        "rate": book.add_format({"num_format": "0.00%", "border": 1}),
        "pp": book.add_format({"num_format": '+0.00" pp";-0.00" pp";0.00" pp"' if lang == "en"
                               else '+0.00"个百分点";-0.00"个百分点";0.00"个百分点"', "border": 1}),
        "amount": book.add_format({"num_format": "#,##0.00", "border": 1}),
        "count": book.add_format({"num_format": "#,##0", "border": 1}),
        "signed_amount": book.add_format({"num_format": "+#,##0.00;-#,##0.00;0.00", "border": 1}),
        "signed_count": book.add_format({"num_format": "+#,##0;-#,##0;0", "border": 1}),
        "number": book.add_format({"num_format": "#,##0.000", "border": 1}),
        "text": book.add_format({"border": 1}),
    }

    def write_value(ws, r, c, value, kind):
        if kind == "pp" and isinstance(value, (int, float, np.floating)) and not np.isnan(value):
            ws.write_number(r, c, float(value) * 100, fmts["pp"])
        elif kind != "text" and isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            if np.isnan(float(value)):
                ws.write_blank(r, c, None, fmts[kind])
            else:
                ws.write_number(r, c, float(value), fmts[kind])
        elif value is None or (isinstance(value, float) and np.isnan(value)):
            ws.write_blank(r, c, None, fmts["text"])
        else:
            ws.write_string(r, c, str(neutralise_cell(str(value))), fmts["text"])

    # Summary sheet: headline figures, findings, definitions.
    ws = book.add_worksheet(sheet_name("summary", lang))
    ws.write_string(0, 0, report.title, f_title)
    ws.write_string(1, 0, report.subtitle, f_defs)
    ws.write_string(2, 0, report.definitions, f_defs)
    head = [c for c in report.headline.frame.columns if not str(c).startswith("_")]
    for c, name in enumerate(head):
        ws.write_string(4, c, str(name), f_head)
    for r, (_, row) in enumerate(report.headline.frame.iterrows(), start=5):
        kind = str(row["_kind"])
        for c, name in enumerate(head):
            k = "text" if c == 0 else ("rate" if c == 4 else kind)
            if c == 3:  # the change: signed, a rate's in percentage points
                k = {"rate": "pp", "amount": "signed_amount", "count": "signed_count"}.get(kind, kind)
            write_value(ws, r, c, row[name], k)
    r = 6 + len(report.headline.frame)
    ws.write_string(r, 0, report_text("key_findings", lang), f_title)
    for i, finding in enumerate(report.findings, start=1):
        ws.write_string(r + i, 0, f"{i}. {finding.text(lang, report.unit)}")
    ws.set_column(0, 0, 34)
    ws.set_column(1, len(head), 16)
    ws.freeze_panes(5, 1)

    used = {sheet_name("summary", lang)}
    groups = [(report_text("headline", lang), report.definitions, [report.overview_table] if report.overview_table else [])]
    groups += [(section.title, section.definitions, list(section.tables)) for section in report.sections]
    for group_title, group_defs, tables in groups:
        for table in tables:
            name = sheet_name(table.key, lang)
            while name in used:
                name = name[:28] + f"_{len(used)}"
            used.add(name)
            ws = book.add_worksheet(name)
            frame = mask_pii(table.frame)
            ws.write_string(0, 0, f"{group_title} · {table.title}", f_title)
            ws.write_string(1, 0, group_defs, f_defs)
            for c, col in enumerate(frame.columns):
                ws.write_string(3, c, str(neutralise_cell(str(col))), f_head)
                kind = table.kinds.get(col, "text")
                width = max([len(str(col))] + [len(cell_text(v, kind, lang)) for v in frame[col].head(200)])
                ws.set_column(c, c, min(max(width * (1.6 if lang == "zh" else 1.1) + 2, 10), 48))
            for r, row in enumerate(frame.itertuples(index=False), start=4):
                for c, col in enumerate(frame.columns):
                    write_value(ws, r, c, row[c], table.kinds.get(col, "text"))
            ws.freeze_panes(4, 1)
            ws.set_landscape()
            ws.fit_to_pages(1, 0)  # one page wide when printed
            ws.repeat_rows(3)
    book.close()
    return buffer.getvalue()
