"""The report as a workbook: a summary sheet, then one formatted sheet per table.

Numbers stay numbers, written with the house's Excel number formats
(:func:`analysis.core.tables.excel_format`, :func:`~analysis.core.tables.excel_value`), so a
cell reads as the screen and the HTML print it.
"""
from __future__ import annotations

import io
import numbers
import re

import numpy as np
import pandas as pd
import xlsxwriter

from analysis.core.i18n import translate
from analysis.core.privacy import mask_by_content, neutralise_cell
from analysis.core.tables import DisplayTable, cell_text, excel_format, excel_value
from analysis.core.units import COUNT_UNIT
from analysis.report.model import Report, cell_kind, report_text as _t


def sheet_name(table_key: str, lang: str) -> str:
    """The worksheet name of a table (≤ 31 characters, no ``[]:*?/\\``).

    Examples
    --------
    >>> sheet_name("aging_distribution", "en")
    'Aging distribution'
    """
    name = translate(f"report.sheet.{table_key}", lang)
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


class _Cells:
    """Writes cells the house way: one workbook format per (kind, decimals), from
    :func:`analysis.core.tables.excel_format`; numbers as numbers (:func:`excel_value`)."""

    def __init__(self, book: xlsxwriter.Workbook, lang: str) -> None:
        self.book, self.lang = book, lang
        self.formats: dict[tuple[str, int | None], object] = {}

    def format(self, kind: str, decimals: int | None = None):
        if (kind, decimals) not in self.formats:
            spec = {"border": 1}
            number_format = excel_format(kind, self.lang, decimals)
            if number_format is not None:
                spec["num_format"] = number_format
            self.formats[(kind, decimals)] = self.book.add_format(spec)
        return self.formats[(kind, decimals)]

    def write(self, ws, r: int, c: int, value: object, kind: str, decimals: int | None = None) -> None:
        numeric = isinstance(value, numbers.Real) and not isinstance(value, bool)
        if kind != "text" and numeric:
            number = excel_value(value, kind, decimals)
            if number is None:
                ws.write_blank(r, c, None, self.format(kind, decimals))
            else:
                ws.write_number(r, c, number, self.format(kind, decimals))
        elif value is None or (isinstance(value, float) and np.isnan(value)):
            ws.write_blank(r, c, None, self.format("text"))
        else:  # text, or a text note in a numeric column; never run as a formula
            ws.write_string(r, c, str(neutralise_cell(str(value))), self.format("text"))


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
    styles = {"title": book.add_format({"bold": True, "font_size": 14}),
              "defs": book.add_format({"italic": True, "font_color": "#6B7785"}),
              "head": book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True,
                                       "valign": "top"})}
    cells = _Cells(book, lang)
    _summary_sheet(book, report, cells, styles)
    used = {sheet_name("summary", lang)}
    groups = [(_t("headline", lang), report.definitions, [report.overview_table] if report.overview_table else [])]
    groups += [(section.title, section.definitions, list(section.tables)) for section in report.sections]
    for group_title, group_defs, tables in groups:
        for table in tables:
            name = sheet_name(table.key, lang)
            while name in used:
                name = name[:28] + f"_{len(used)}"
            used.add(name)
            _table_sheet(book.add_worksheet(name), table, f"{group_title} · {table.title}", group_defs, cells, styles)
    book.close()
    return buffer.getvalue()


def _summary_sheet(book: xlsxwriter.Workbook, report: Report, cells: _Cells, styles: dict) -> None:
    """Headline figures (each row in its own kind), key findings, the 口径."""
    lang, headline = report.lang, report.headline
    ws = book.add_worksheet(sheet_name("summary", lang))
    ws.write_string(0, 0, report.title, styles["title"])
    ws.write_string(1, 0, report.subtitle, styles["defs"])
    ws.write_string(2, 0, report.definitions, styles["defs"])
    opening = [translate("countonly.report.summary", lang)] if report.unit == COUNT_UNIT else []
    # no balances: say so where the workbook opens (money sections have no sheet); and what was rejected
    opening += [report.data_note] if report.data_note else []
    if opening:
        ws.write_string(3, 0, " ".join(opening), styles["defs"])
    head = headline.shown_columns
    for c, name in enumerate(head):
        ws.write_string(4, c, str(name), styles["head"])
    for r, (_, row) in enumerate(headline.frame.iterrows(), start=5):
        for c, name in enumerate(head):
            cells.write(ws, r, c, row[name], cell_kind(headline, row, name), headline.places(name))
    r = 6 + len(headline.frame)
    ws.write_string(r, 0, _t("key_findings", lang), styles["title"])
    for i, finding in enumerate(report.findings, start=1):
        ws.write_string(r + i, 0, f"{i}. {finding.text(lang, report.unit)}")
    ws.set_column(0, 0, 34)
    ws.set_column(1, len(head), 16)
    ws.freeze_panes(5, 1)


def _table_sheet(ws, table: DisplayTable, title: str, definitions: str, cells: _Cells, styles: dict) -> None:
    """One table: title, 口径, bold header, formatted numbers, frozen panes, one page wide."""
    lang = cells.lang
    columns = table.shown_columns
    # Phones, ids and cards by content, as a guard; not names: the sections mask the borrowers'
    # names where they know the column, and a guess here took the account managers of the
    # by-owner table for borrowers (徐*燕 in the workbook, 徐晓燕 in the HTML and the slides).
    frame = mask_by_content(table.frame[columns], not_names=frozenset(columns))
    ws.write_string(0, 0, title, styles["title"])
    ws.write_string(1, 0, definitions, styles["defs"])
    for c, col in enumerate(columns):
        ws.write_string(3, c, str(neutralise_cell(str(col))), styles["head"])
        kind, places = table.kind(col), table.places(col)
        width = max([len(str(col))] + [len(cell_text(v, kind, lang, places)) for v in frame[col].head(200)])
        ws.set_column(c, c, min(max(width * (1.6 if lang == "zh" else 1.1) + 2, 10), 48))
    if "_kind" in table.frame.columns:
        # One figure per row, each in its own kind (as the HTML prints it: model.cell_kind).
        kinds = table.frame["_kind"].to_numpy()
        for r, (row, kind) in enumerate(zip(frame.itertuples(index=False), kinds), start=4):
            full = pd.Series([*row, kind], index=[*columns, "_kind"])
            for c, col in enumerate(columns):
                cells.write(ws, r, c, row[c], cell_kind(table, full, col), table.places(col))
    else:
        for r, row in enumerate(frame.itertuples(index=False), start=4):
            for c, col in enumerate(columns):
                cells.write(ws, r, c, row[c], table.kind(col), table.places(col))
    ws.freeze_panes(4, 1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # one page wide when printed
    ws.repeat_rows(3)
