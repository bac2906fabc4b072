"""Display units for amounts: 元 / 万元 / 亿元, and the number formats a risk manager writes.

A book loaded without a balance column (each account-month counted as 1, ingest's note
:data:`COUNT_NOTE`) has no money: its "amounts" are numbers of accounts, shown in the unit
:data:`COUNT_UNIT` (户 / accounts) so that no page, chart or export prints them as 元.

Rates and their changes are written by :func:`analysis.core.tables.cell_text`, the one place a
kind of figure is formatted, so a sentence and a table cell print the same digits.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from analysis.core.tables import cell_text

#: The money units a reader may choose (the sidebar, ``--report-unit``).
MONEY_UNITS = {"yuan": 1.0, "wan": 1e4, "yi": 1e8}
#: The unit of a count-only book: its balance column holds 1 per account-month.
COUNT_UNIT = "account"
#: Every display unit and its factor from the stored figure (元, or accounts for a count-only book).
UNITS = {**MONEY_UNITS, COUNT_UNIT: 1.0}
UNIT_LABELS = {
    "zh": {"yuan": "元", "wan": "万元", "yi": "亿元", COUNT_UNIT: "户"},
    "en": {"yuan": "CNY", "wan": "CNY 10k", "yi": "CNY 100m", COUNT_UNIT: "accounts"},
}
#: The ingest note of a file loaded with "count each account-month as 1" (no balance column).
COUNT_NOTE = "ingest.note.balance_unit"


def counts_only(notes) -> bool:
    """Whether a book's ingest notes say it has no balances (each account-month counted as 1).

    ``notes`` is an ingest summary's ``notes`` (``(key, params)`` pairs), a converted dataset's
    ``summary_notes`` (``[key, params]`` lists), or the summary dict itself.

    Examples
    --------
    >>> counts_only([("ingest.note.balance_unit", {})])
    True
    >>> counts_only({"notes": [["ingest.note.amount_unit_wan", {}]]})
    False
    """
    if isinstance(notes, dict):
        notes = notes.get("summary_notes") or notes.get("notes") or ()
    for note in notes or ():
        key = note[0] if isinstance(note, (list, tuple)) and note else note
        if key == COUNT_NOTE:
            return True
    return False


def display_unit(unit: str, counts: bool) -> str:
    """The unit figures are shown in: :data:`COUNT_UNIT` for a count-only book, else ``unit``.

    Examples
    --------
    >>> display_unit("wan", True), display_unit("wan", False)
    ('account', 'wan')
    """
    return COUNT_UNIT if counts else unit


def unit_label(unit: str, lang: str) -> str:
    """``"wan", "zh"`` → ``"万元"``; ``"account", "zh"`` → ``"户"``."""
    return UNIT_LABELS[lang][unit]


def scale_amount(value: float, unit: str) -> float:
    """An amount in 元 expressed in ``unit``."""
    return value / UNITS[unit]


_FEN = Decimal("0.01")


def fen(value: float) -> float:
    """Money rounded half up (四舍五入) to the fen, as a statement prints it.

    Python's ``round`` rounds halves to even and sees a binary float, so 100.005 (a tenth of
    1,000.05) became 100.00; the value is read to nine decimals first (what the arithmetic meant),
    then rounded half up, away from zero.

    Examples
    --------
    >>> fen(0.1 * 1000.05), fen(6422.94 / 36), fen(2.675), fen(-0.005), fen(-0.001)
    (100.01, 178.42, 2.68, -0.01, 0.0)
    """
    exact = Decimal(repr(round(float(value), 9))).quantize(_FEN, rounding=ROUND_HALF_UP)
    return float(exact) + 0.0  # + 0.0 turns -0.0 into 0.0


def format_amount(value: float, unit: str = "yuan", decimals: int | None = None) -> str:
    """Thousands separators in the chosen unit; 元 shows cents only when they are there (and a
    count of accounts has none).

    Examples
    --------
    >>> format_amount(12345678.9, "wan")
    '1,234.57'
    >>> format_amount(1234.0)
    '1,234'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    scaled = scale_amount(value, unit)
    if decimals is None:
        decimals = 2 if unit not in ("yuan", COUNT_UNIT) or round(scaled, 2) != round(scaled) else 0
    return f"{scaled:,.{decimals}f}"


def format_rate(value: float, decimals: int = 2) -> str:
    """A share as a percentage.

    Examples
    --------
    >>> format_rate(0.0312)
    '3.12%'
    """
    return cell_text(value, "rate", "en", decimals)


def percent_text(value: float) -> str:
    """A rate as the percentage it is, with no more decimals than it has: a typed value quoted
    back in a note (1800%, 100.4%, 8.5%), not rounded to a figure it is not.

    Examples
    --------
    >>> percent_text(18), percent_text(1.004), percent_text(0.085), percent_text(-0.05)
    ('1800%', '100.4%', '8.5%', '-5%')
    """
    return f"{float(value) * 100:.6g}%"


def format_pp(delta: float, lang: str, decimals: int = 2) -> str:
    """A change of a rate in percentage points (pp / 个百分点), signed.

    Examples
    --------
    >>> format_pp(0.004, "en")
    '+0.40 pp'
    >>> format_pp(-0.004, "zh")
    '-0.40个百分点'
    """
    return cell_text(delta, "pp", lang, decimals)
