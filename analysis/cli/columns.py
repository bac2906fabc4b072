"""Columns of the CLI's text tables."""
from __future__ import annotations


def right(value: object, width: int, spec: str = "") -> str:
    """``value`` formatted by ``spec`` and right-aligned in ``width`` characters, with at least
    one space before it: a figure wider than its column (a stage of 600,000,001,000.00 yuan in a
    column of 18) pushes the line on instead of running into the figure before it. A figure
    that does not exist (None, NaN: a ratio to a revenue of 0) is a dash, never "nan".

    Examples
    --------
    >>> right(1234.5, 12, ",.2f"), right(600_000_001_000.0, 12, ",.2f"), right("n", 3)
    ('    1,234.50', ' 600,000,001,000.00', '  n')
    >>> right(float("nan"), 6, "+.4f"), right(None, 3)
    ('     –', '  –')
    """
    missing = value is None or (isinstance(value, float) and value != value)
    text = "–" if missing else format(value, spec)
    return text.rjust(width) if len(text) < width else " " + text
