"""The one display-table layer: the table behind a figure, on the screen, in downloads and in the report.

A :class:`DisplayTable` keeps numbers as numbers (rates as shares, amounts already in the view's
unit) and records for each column what kind of figure it holds. How a kind is written is decided
here and nowhere else: the screen (Streamlit column formats), the HTML report and slides (text),
and the workbook (Excel number formats) all ask this module, so a figure reads the same in all of
them: percentages with two decimals, rate changes in points (个百分点 / pp), thousands separators,
negatives with a minus sign (never in parentheses), "–" for a missing value.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

#: What a column can hold, and how it is written.
KINDS = ("text", "count", "signed_count", "amount", "signed_amount", "rate", "pp", "number")
MISSING = "–"


@dataclass(frozen=True)
class DisplayTable:
    """A table behind a chart: numbers kept as numbers, titles in the reader's language.

    Parameters
    ----------
    key : str
        Stable identifier (file-name stem of its downloads, sheet names).
    title : str
        Title shown above it.
    frame : pandas.DataFrame
        The figures; column names are the titles the reader sees. Columns whose name starts with
        ``_`` are carried but never shown.
    kinds : mapping of str to str
        Column title → one of :data:`KINDS`; columns not listed are ``text``.
    decimals : mapping of str to int
        Column title → decimals, where a column needs other than the kind's default (an amount in
        亿元 may need 4 so month-on-month differences stay visible).
    """

    key: str
    title: str
    frame: pd.DataFrame
    kinds: Mapping[str, str] = field(default_factory=dict)
    decimals: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = {k for k in self.kinds.values() if k not in KINDS}
        if unknown:
            raise ValueError(f"unknown column kinds {sorted(unknown)}; use one of {KINDS}")

    @property
    def shown_columns(self) -> list[str]:
        """The columns a reader sees, in order."""
        return [c for c in self.frame.columns if not str(c).startswith("_")]

    def kind(self, column: str) -> str:
        """How ``column`` is written (``text`` when not recorded)."""
        return self.kinds.get(column, "text")

    def text_frame(self, lang: str) -> pd.DataFrame:
        """Every shown cell as the text a reader sees (HTML report, slides)."""
        columns = self.shown_columns
        data = {c: [cell_text(v, self.kind(c), lang, self.decimals.get(c)) for v in self.frame[c].tolist()]
                for c in columns}
        return pd.DataFrame(data, columns=columns)


def display_table(key: str, title: str, columns: Iterable[tuple[str, str, object]],
                  decimals: Mapping[str, int] | None = None) -> DisplayTable:
    """A :class:`DisplayTable` from ``(title, kind, values)`` triples, in order.

    Examples
    --------
    >>> t = display_table("x", "X", [("桶", "text", ["M0", "M1"]), ("户数", "count", [10, 2])])
    >>> t.text_frame("zh")["户数"].tolist()
    ['10', '2']
    """
    columns = list(columns)
    frame = pd.DataFrame({name: _values(values) for name, _, values in columns})
    return DisplayTable(key, title, frame, {name: kind for name, kind, _ in columns}, dict(decimals or {}))


def _values(values: object) -> object:
    if isinstance(values, pd.Series):
        return values.to_numpy()
    return values


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(float(value))
    return False


DEFAULT_DECIMALS = {"amount": 2, "signed_amount": 2, "rate": 2, "pp": 2, "number": 3}


def cell_text(value: object, kind: str, lang: str, decimals: int | None = None) -> str:
    """One figure written the house way.

    Examples
    --------
    >>> cell_text(-1234.5, "amount", "zh")
    '-1,234.50'
    >>> cell_text(0.0312, "rate", "en")
    '3.12%'
    >>> cell_text(0.004, "pp", "zh")
    '+0.40个百分点'
    >>> cell_text(22969, "count", "en")
    '22,969'
    >>> cell_text(None, "rate", "en")
    '–'
    """
    if _is_missing(value):
        return MISSING
    if kind == "text":
        return str(value)
    places = DEFAULT_DECIMALS.get(kind, 0) if decimals is None else decimals
    number = float(value)
    if kind == "count":
        return f"{int(round(number)):,}"
    if kind == "signed_count":
        return f"{int(round(number)):+,}"
    if kind == "amount":
        return f"{number:,.{places}f}"
    if kind == "signed_amount":
        return f"{number:+,.{places}f}"
    if kind == "rate":
        return f"{number * 100:,.{places}f}%"
    if kind == "pp":
        text = f"{number * 100:+.{places}f}"
        return f"{text}个百分点" if lang == "zh" else f"{text} pp"
    if kind == "number":
        return f"{number:,.{places}f}"
    raise ValueError(f"unknown column kind {kind!r}")


def screen_format(kind: str, lang: str, decimals: int | None = None) -> str | None:
    """The Streamlit column format of a kind, applied to :func:`screen_values` (``None`` for text).

    Rates and points are shown from values already multiplied by 100, so the screen, the HTML and
    the workbook print the same digits.

    Examples
    --------
    >>> screen_format("amount", "zh")
    '%,.2f'
    >>> screen_format("pp", "zh")
    '%+.2f个百分点'
    """
    places = DEFAULT_DECIMALS.get(kind, 0) if decimals is None else decimals
    if kind == "text":
        return None
    if kind == "count":
        return "%,d"
    if kind == "signed_count":
        return "%+,d"
    if kind in ("amount", "number"):
        return f"%,.{places}f"
    if kind == "signed_amount":
        return f"%+,.{places}f"
    if kind == "rate":
        return f"%,.{places}f%%"
    if kind == "pp":
        return f"%+.{places}f个百分点" if lang == "zh" else f"%+.{places}f pp"
    raise ValueError(f"unknown column kind {kind!r}")


def screen_values(table: DisplayTable) -> pd.DataFrame:
    """The shown columns as the numbers the screen formats (rates and points × 100)."""
    out = {}
    for column in table.shown_columns:
        values = table.frame[column]
        out[column] = values * 100 if table.kind(column) in ("rate", "pp") else values
    return pd.DataFrame(out, columns=table.shown_columns)


def excel_format(kind: str, lang: str, decimals: int | None = None) -> str | None:
    """The Excel number format of a kind (``None`` for text); ``pp`` cells hold points, not shares.

    Examples
    --------
    >>> excel_format("amount", "zh")
    '#,##0.00;-#,##0.00;0.00'
    >>> excel_format("rate", "en")
    '0.00%'
    """
    places = DEFAULT_DECIMALS.get(kind, 0) if decimals is None else decimals
    frac = ("." + "0" * places) if places else ""
    if kind == "text":
        return None
    if kind == "count":
        return "#,##0;-#,##0;0"
    if kind == "signed_count":
        return "+#,##0;-#,##0;0"
    if kind in ("amount", "number"):
        return f"#,##0{frac};-#,##0{frac};0{frac}"
    if kind == "signed_amount":
        return f"+#,##0{frac};-#,##0{frac};0{frac}"
    if kind == "rate":
        return f"0{frac}%"
    if kind == "pp":
        suffix = '"个百分点"' if lang == "zh" else '" pp"'
        return f"+0{frac}{suffix};-0{frac}{suffix};0{frac}{suffix}"
    raise ValueError(f"unknown column kind {kind!r}")


def excel_value(value: object, kind: str) -> float | None:
    """The number an Excel cell of ``kind`` holds (``pp`` in points), or ``None`` when missing."""
    if _is_missing(value) or kind == "text":
        return None
    number = float(value)
    return number * 100 if kind == "pp" else number
