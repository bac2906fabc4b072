"""Display units for amounts: 元 / 万元 / 亿元, and the number formats a risk manager writes.

Rates and their changes are written by :func:`analysis.core.tables.cell_text`, the one place a
kind of figure is formatted, so a sentence and a table cell print the same digits.
"""
from __future__ import annotations

import math

from analysis.core.tables import cell_text

UNITS = {"yuan": 1.0, "wan": 1e4, "yi": 1e8}
UNIT_LABELS = {
    "zh": {"yuan": "元", "wan": "万元", "yi": "亿元"},
    "en": {"yuan": "CNY", "wan": "CNY 10k", "yi": "CNY 100m"},
}


def unit_label(unit: str, lang: str) -> str:
    """``"wan", "zh"`` → ``"万元"``."""
    return UNIT_LABELS[lang][unit]


def scale_amount(value: float, unit: str) -> float:
    """An amount in 元 expressed in ``unit``."""
    return value / UNITS[unit]


def format_amount(value: float, unit: str = "yuan", decimals: int | None = None) -> str:
    """Thousands separators in the chosen unit; 元 shows cents only when they are there.

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
        decimals = 2 if unit != "yuan" or round(scaled, 2) != round(scaled) else 0
    return f"{scaled:,.{decimals}f}"


def format_rate(value: float, decimals: int = 2) -> str:
    """A share as a percentage.

    Examples
    --------
    >>> format_rate(0.0312)
    '3.12%'
    """
    return cell_text(value, "rate", "en", decimals)


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
