"""Columns of the CLI's text tables."""
from __future__ import annotations


def right(value: object, width: int, spec: str = "") -> str:
    """``value`` formatted by ``spec`` and right-aligned in ``width`` characters, with at least
    one space before it: a figure wider than its column (a stage of 600,000,001,000.00 yuan in a
    column of 18) pushes the line on instead of running into the figure before it.

    Examples
    --------
    >>> right(1234.5, 12, ",.2f"), right(600_000_001_000.0, 12, ",.2f"), right("n", 3)
    ('    1,234.50', ' 600,000,001,000.00', '  n')
    """
    text = format(value, spec)
    return text.rjust(width) if len(text) < width else " " + text
