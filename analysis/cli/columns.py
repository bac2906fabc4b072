"""Columns of the CLI's text tables, in the language of ``--lang``.

A terminal draws a Chinese character two columns wide, so padding counts display columns, not
characters: a zh heading or a segment such as 华东 keeps the columns under it aligned.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable

from analysis.core.buckets import DEFAULT_BUCKETS, EXIT, M_BUCKETS, custom_buckets
from analysis.core.i18n import translate


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (East Asian wide and full-width characters count 2).

    Examples
    --------
    >>> width("bucket"), width("分段"), width("A1 华东")
    (6, 4, 7)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def right(value: object, columns: int, spec: str = "") -> str:
    """``value`` formatted by ``spec`` and right-aligned in ``columns`` display columns, with at
    least one space before it: a figure wider than its column (a stage of 600,000,001,000.00 yuan
    in a column of 18) pushes the line on instead of running into the figure before it. A figure
    that does not exist (None, NaN: a ratio to a revenue of 0) is a dash, never "nan".

    Examples
    --------
    >>> right(1234.5, 12, ",.2f"), right(600_000_001_000.0, 12, ",.2f"), right("n", 3)
    ('    1,234.50', ' 600,000,001,000.00', '  n')
    >>> right(float("nan"), 6, "+.4f"), right(None, 3), right("户数", 6)
    ('     –', '  –', '  户数')
    """
    missing = value is None or (isinstance(value, float) and value != value)
    text = "–" if missing else format(value, spec)
    used = width(text)
    return " " * (columns - used) + text if used < columns else " " + text


def left(value: object, columns: int) -> str:
    """``value`` as text, left-aligned in ``columns`` display columns (never cut).

    Examples
    --------
    >>> left("分段", 6) + "|", left("Current", 6) + "|"
    ('分段  |', 'Current|')
    """
    text = str(value)
    return text + " " * max(columns - width(text), 0)


def words(lang: str) -> Callable[..., str]:
    """The CLI's table words in ``lang``: ``w = words("zh"); w("count")`` → ``"户数"``.

    Examples
    --------
    >>> words("zh")("balance"), words("en")("balance")
    ('余额', 'balance')
    """
    def word(key: str, **params: object) -> str:
        return translate(f"cli.w.{key}", lang, **params)

    return word


def bucket_names(keys: list[str], lang: str) -> Callable[[str], str]:
    """Bucket key → its name in ``lang`` for the schemes the CLI takes (the JSON keeps the keys;
    in English the key is the name).

    Examples
    --------
    >>> name = bucket_names(["Current", "1-30", "31-60", "61-90", "91-180", "181+"], "zh")
    >>> name("Current"), name("181+"), name("exit")
    ('正常', '逾期180天以上', '结清/退出')
    """
    if lang == "en":
        return str  # the keys are the English names (and what scripts grep for)
    schemes = [DEFAULT_BUCKETS, M_BUCKETS]
    try:
        schemes.append(custom_buckets([int(k.split("-")[-1]) for k in keys[1:-1]]))
    except (ValueError, IndexError):
        pass
    for buckets in schemes:
        if list(buckets.keys) == list(keys):
            return lambda key: buckets.label_of(key, lang) if key in (*buckets.keys, EXIT) else key
    return str
