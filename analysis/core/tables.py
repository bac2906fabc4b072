"""The one display-table layer: the table behind a figure, on the screen, in downloads and in the report.

A :class:`DisplayTable` keeps numbers as numbers (rates as shares, amounts already in the view's
unit) and records for each column what kind of figure it holds. How a kind is written is decided
here and nowhere else: the screen (Streamlit column formats), the HTML report and slides (text),
and the workbook (Excel number formats) all ask this module, so a figure reads the same in all of
them: percentages with two decimals, rate changes in points (个百分点 / pp), thousands separators,
negatives with a minus sign (never in parentheses), "–" for a missing value. Each kind is
described once (:data:`STYLES`); :func:`cell_text`, :func:`screen_format` and
:func:`excel_format` are written from that description.

CSV downloads (:func:`csv_frame`) write numbers, not text: plain numbers at full precision in the
unit the screen shows (rates and points ×100), the columns holding percents or points titled with
that unit (``逾期率 (%)``), so the file opens as numbers in Excel and reads like the screen.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

#: What a column can hold, and how it is written.
KINDS = ("text", "count", "signed_count", "amount", "signed_amount", "rate", "signed_rate", "pp", "number")
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

    def places(self, column: str) -> int | None:
        """Decimals of ``column``: as recorded in ``decimals``; for an amount column, enough for its
        smallest figure to keep two significant digits (:func:`amount_places`); else the kind's
        default (``None``)."""
        if column in self.decimals:
            return self.decimals[column]
        if self.kind(column) in ("amount", "signed_amount"):
            return amount_places(self.frame[column])
        return None

    def text_frame(self, lang: str) -> pd.DataFrame:
        """Every shown cell as the text a reader sees (HTML report, slides)."""
        columns = self.shown_columns
        data = {c: [cell_text(v, self.kind(c), lang, self.places(c)) for v in self.frame[c].tolist()]
                for c in columns}
        return pd.DataFrame(data, columns=columns)


#: Decimals an amount never goes below (fen in 元) or above.
AMOUNT_PLACES = (2, 6)


def amount_places(values: Iterable[float]) -> int:
    """Decimals that keep an amount column readable in any unit: at least 2, and enough for the
    smallest non-zero figure to show two significant digits (at most 6).

    In 亿元 a loss of 0.0123 written with 2 decimals reads "0.01", and a bridge from 0.3612 to
    0.3489 reads "0.36 − 0.01 = 0.35"; with the places of the smallest figure the steps and their
    sum stay visible. In 元 or 万元 the usual 2 decimals are kept.

    Examples
    --------
    >>> amount_places([1_234_567.8, 12.5]), amount_places([0.3612, -0.0123]), amount_places([0.0, float("nan")])
    (2, 3, 2)
    """
    finite = np.abs(np.asarray(pd.to_numeric(pd.Series(list(values)), errors="coerce"), dtype=np.float64))
    finite = finite[np.isfinite(finite) & (finite > 0)]
    if not len(finite):
        return AMOUNT_PLACES[0]
    needed = 1 - math.floor(math.log10(float(finite.min())))
    return int(min(max(needed, AMOUNT_PLACES[0]), AMOUNT_PLACES[1]))


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


@dataclass(frozen=True)
class KindStyle:
    """How one kind of figure is written, in every medium (the one description of a kind).

    Parameters
    ----------
    decimals : int
        Default decimals.
    signed : bool
        A ``+`` on positive values (changes).
    unit : {"", "percent", "points"}
        ``percent``: a share written ×100 with ``%``; ``points``: a change of a share written ×100
        in percentage points (个百分点 / pp); ``""``: the number as it is.
    integer : bool
        Rounded to a whole number (counts).
    """

    decimals: int
    signed: bool = False
    unit: str = ""
    integer: bool = False

    @property
    def scale(self) -> float:
        """Written value per stored value (100 for shares and their changes)."""
        return 100.0 if self.unit else 1.0


#: Every numeric kind of :data:`KINDS`. Thousands separators everywhere; negatives with a minus.
STYLES: dict[str, KindStyle] = {
    "count": KindStyle(0, integer=True),
    "signed_count": KindStyle(0, signed=True, integer=True),
    "amount": KindStyle(2),
    "signed_amount": KindStyle(2, signed=True),
    "rate": KindStyle(2, unit="percent"),
    "signed_rate": KindStyle(2, signed=True, unit="percent"),  # a relative change (+2.11%)
    "pp": KindStyle(2, signed=True, unit="points"),
    "number": KindStyle(3),
}
#: Default decimals per kind (``DisplayTable.decimals`` overrides them per column).
DEFAULT_DECIMALS = {kind: style.decimals for kind, style in STYLES.items() if not style.integer}
#: The words after a number in percentage points.
POINTS = {"zh": "个百分点", "en": " pp"}


def _style(kind: str) -> KindStyle:
    try:
        return STYLES[kind]
    except KeyError:
        raise ValueError(f"unknown column kind {kind!r}") from None


def _places(style: KindStyle, decimals: int | None) -> int:
    return 0 if style.integer else (style.decimals if decimals is None else decimals)


def unit_suffix(kind: str, lang: str) -> str:
    """What follows a written figure of ``kind``: ``%``, ``个百分点`` / `` pp``, or nothing.

    Examples
    --------
    >>> unit_suffix("pp", "zh"), unit_suffix("rate", "en"), unit_suffix("amount", "en")
    ('个百分点', '%', '')
    """
    if kind == "text":
        return ""
    unit = _style(kind).unit
    return "%" if unit == "percent" else POINTS[lang] if unit == "points" else ""


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
    >>> cell_text(-0.00001, "pp", "zh"), cell_text(0, "signed_count", "en")
    ('0.00个百分点', '0')
    """
    if _is_missing(value):
        return MISSING
    if kind == "text":
        return str(value)
    style = _style(kind)
    places = _places(style, decimals)
    number = round(float(value) * style.scale, places) + 0.0  # + 0.0: a negative zero is written as zero
    # A change that rounds to nothing is written without a sign: "0.00个百分点", not "+0.00个百分点".
    sign = "+" if style.signed and number != 0 else ""
    if style.integer:
        return f"{int(number):{sign},}"
    return f"{number:{sign},.{places}f}{unit_suffix(kind, lang)}"


def screen_format(kind: str, lang: str, decimals: int | None = None) -> str | None:
    """The Streamlit column format (printf style) of a kind, applied to :func:`screen_values`.

    ``None`` for text. Rates and points are shown from values already multiplied by 100 (so
    ``%%`` is a literal percent sign, not Streamlit's own ×100 ``percent`` preset), and the
    ``,`` flag groups thousands: the screen prints the digits :func:`cell_text` writes.

    Examples
    --------
    >>> screen_format("amount", "zh")
    '%,.2f'
    >>> screen_format("pp", "zh")
    '%+,.2f个百分点'
    >>> screen_format("rate", "en")
    '%,.2f%%'
    """
    if kind == "text":
        return None
    style = _style(kind)
    number = "d" if style.integer else f".{_places(style, decimals)}f"
    return f"%{'+' if style.signed else ''},{number}{unit_suffix(kind, lang).replace('%', '%%')}"


def screen_values(table: DisplayTable) -> pd.DataFrame:
    """The shown columns as the numbers the screen formats (rates and points × 100)."""
    out = {}
    for column in table.shown_columns:
        kind = table.kind(column)
        values = table.frame[column]
        out[column] = values * _style(kind).scale if kind != "text" and _style(kind).unit else values
    return pd.DataFrame(out, columns=table.shown_columns)


def screen_formats(table: DisplayTable, lang: str) -> dict[str, str]:
    """Column title → :func:`screen_format` of each numeric shown column of ``table``."""
    return {c: screen_format(table.kind(c), lang, table.places(c))
            for c in table.shown_columns if table.kind(c) != "text"}


def csv_frame(table: DisplayTable, lang: str) -> pd.DataFrame:
    """The table as its CSV download writes it: numbers as numbers, the screen's units in the titles.

    Every figure is a plain number at full precision (no thousands separators, no ``%``, no
    rounding), in the unit the screen shows it: rates and their changes ×100, and the columns
    holding them titled with that unit (``逾期率 (%)``, ``变动 (个百分点)``), so a number pasted
    from the CSV reads as it does on screen; amounts are already in the unit their title names.

    Examples
    --------
    >>> t = display_table("x", "X", [("Rate", "rate", [0.0312]), ("Change", "pp", [-0.004])])
    >>> csv_frame(t, "en").to_dict("list")
    {'Rate (%)': [3.12], 'Change (pp)': [-0.4]}
    """
    values = screen_values(table)
    scaled = [c for c in values.columns if unit_suffix(table.kind(c), lang)]
    # ×100 leaves binary noise (0.0312 × 100 = 3.1199999999999997), and so do sums and unit
    # scaling (43.042500000000004 万元); 10 decimals is far below any figure's precision and
    # writes 3.12 and 43.0425.
    numeric = [c for c in values.columns if table.kind(c) != "text" and pd.api.types.is_numeric_dtype(values[c].dtype)]
    values[numeric] = values[numeric].astype(float).round(10)
    for c in values.columns:
        if table.kind(c) == "count" and c in numeric:
            col = values[c]
            finite = col[np.isfinite(col)]
            if (finite == np.floor(finite)).all():  # accounts are whole: 9, not 9.0
                values[c] = col.round().astype("Int64")
    return values.rename(columns={c: f"{c} ({unit_suffix(table.kind(c), lang).strip()})" for c in scaled})


def excel_format(kind: str, lang: str, decimals: int | None = None) -> str | None:
    """The Excel number format of a kind (``None`` for text), written with :func:`excel_value`.

    A rate cell holds the share and Excel's ``%`` multiplies it; a ``pp`` cell holds points and
    names them in quotes. Two sections (positive and zero; negative), the negative with a minus; a
    signed kind has a third for zero, without a sign.

    Examples
    --------
    >>> excel_format("amount", "zh")
    '#,##0.00;-#,##0.00'
    >>> excel_format("rate", "en")
    '#,##0.00%;-#,##0.00%'
    >>> excel_format("pp", "zh")
    '+#,##0.00"个百分点";-#,##0.00"个百分点";#,##0.00"个百分点"'
    """
    if kind == "text":
        return None
    style = _style(kind)
    places = _places(style, decimals)
    body = "#,##0" + (("." + "0" * places) if places else "")
    suffix = {"percent": "%", "points": f'"{POINTS[lang]}"', "": ""}[style.unit]
    if style.signed:  # a third section: a change of nothing has no sign
        return f"+{body}{suffix};-{body}{suffix};{body}{suffix}"
    return f"{body}{suffix};-{body}{suffix}"


def excel_value(value: object, kind: str, decimals: int | None = None) -> float | None:
    """The number an Excel cell of ``kind`` holds (``pp`` in points), or ``None`` when missing.

    A change that rounds to nothing at the cell's decimals is held as 0: Excel picks a format's
    section by the value, so 0.0025 个百分点 read "+0.00个百分点" where the screen and the HTML,
    which write what the cell shows, read "0.00个百分点".

    Examples
    --------
    >>> excel_value(0.000025, "pp"), excel_value(-0.004, "signed_amount"), excel_value(0.004, "pp")
    (0.0, 0.0, 0.4)
    """
    if _is_missing(value) or kind == "text":
        return None
    style = _style(kind)
    if style.signed and round(float(value) * style.scale, _places(style, decimals)) == 0:  # as it is shown
        return 0.0
    return float(value) * style.scale if style.unit == "points" else float(value)
