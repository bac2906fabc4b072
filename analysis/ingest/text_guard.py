"""Refuse a hostile delimited text file before the CSV reader allocates for it.

A CSV costs memory by its lines and its columns, not by its bytes: a 5 MB file of empty lines
under a 30-column header is five million rows of 30 cells (1.6 GB and 13 s before this guard),
and a single 40 MB line makes Arrow's block reader fail outright. So before a byte is parsed:

* every line's length is checked against ``max_line_bytes`` by a scan that looks at one byte in
  a window of half the limit wherever lines are short (``bytes.find`` stops at the first newline),
  and measures a line exactly only where a whole window holds none;
* the lines are counted (one ``bytes.count``: ~0.05 s for 200 MB) against ``max_rows``.

Both are configuration (:func:`text_limits_from`, the ``DW_MAX_CSV_*`` keys), and each refusal
names the limit and the key that raises it. Empty lines under the limits are then skipped by the
reader without building a row for each (:func:`analysis.ingest.readers.parse_text_body`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from analysis.ingest.errors import IngestError
from analysis.ingest.workbook_guard import numbers_from


@dataclass(frozen=True)
class TextLimits:
    """What one delimited text file may cost before it is parsed.

    Attributes
    ----------
    max_line_bytes : int
        Bytes of one line (UTF-8). A real portfolio line is well under 10 KB (200 columns of 50
        characters); the default, 1 MiB, leaves a hundredfold margin and keeps every line well
        inside the reader's 16 MiB block.
    max_rows : int
        Lines of the file (header, titles and empty lines included). Ten million is four times
        the largest panel the workbench is measured on (2.4 million rows) and more than any
        1 GB upload of real rows holds; a larger book is set up as a dataset (README, "Large books").
    max_columns : int
        Cells in one row. Finding the header matches every cell of the first rows against the
        known column names, ~1 ms a column (10,000 columns: 12 s) in the server process: a 1 MB
        line of 500,000 empty cells would hold it for minutes. 2,000 is ten years of monthly
        columns for a dozen measures.
    max_html_bytes : int
        Bytes of an HTML table (what web systems save as .xls). Its parser holds ~30 times the
        file in memory (174 MB of HTML: 5.2 GB and 25 s before a row could be counted); 64 MB is
        a few hundred thousand rows of a real export.
    """

    max_line_bytes: int = 1 << 20
    max_rows: int = 10_000_000
    max_columns: int = 2000
    max_html_bytes: int = 64 << 20


#: Environment / secrets keys of the limits (see the README's "Deploying").
TEXT_LIMIT_KEYS = {"DW_MAX_CSV_LINE_BYTES": "max_line_bytes", "DW_MAX_CSV_ROWS": "max_rows",
                   "DW_MAX_COLUMNS": "max_columns", "DW_MAX_HTML_BYTES": "max_html_bytes"}


def text_limits_from(*sources: Mapping) -> TextLimits:
    """The limits from mappings such as ``os.environ`` (first one that sets a key wins).

    Examples
    --------
    >>> text_limits_from({"DW_MAX_CSV_ROWS": "1,000"}).max_rows
    1000
    >>> text_limits_from({}).max_line_bytes
    1048576
    """
    return TextLimits(**numbers_from(TEXT_LIMIT_KEYS, sources))


def long_line(src: bytes, start: int, limit: int) -> tuple[int, int] | None:
    """``(line number, bytes)`` of the first line of ``src[start:]`` longer than ``limit`` bytes
    (its line end not counted), or ``None``.

    A line over ``limit`` covers at least one whole window of ``limit // 2`` bytes of any tiling,
    so a window with a newline in it clears itself with one ``find`` that stops at that newline.

    Examples
    --------
    >>> long_line(b"a,b\\n1,2\\n" + b"x" * 50 + b"\\n3,4\\n", 0, 20)
    (3, 50)
    >>> long_line(b"a,b\\r\\n1,2\\r\\n", 0, 3) is None
    True
    """
    window = max(1, limit // 2)
    n, pos = len(src), start
    while pos < n:
        end = min(pos + window, n)
        if src.find(b"\n", pos, end) >= 0:
            pos = end
            continue
        first = max(start, src.rfind(b"\n", start, pos) + 1)
        last = src.find(b"\n", pos)
        last = n if last < 0 else last
        size = last - first - (1 if last > first and src[last - 1:last] == b"\r" else 0)
        if size > limit:
            return src.count(b"\n", start, first) + 1, size
        pos = last + 1
    return None


def check_text(src: bytes, start: int, filename: str, limits: TextLimits = TextLimits()) -> int:
    """Raise :class:`IngestError` when ``src[start:]`` (UTF-8 text) has a line or more lines than
    ``limits`` allow; else return its number of lines.

    Examples
    --------
    >>> check_text(b"id,dpd\\nA,1\\n", 0, "a.csv")
    2
    >>> try:
    ...     check_text(b"id,dpd\\n" * 5, 0, "a.csv", TextLimits(max_rows=3))
    ... except IngestError as exc:
    ...     print(exc.code, exc.params["lines"])
    ingest.error.csv_too_many_rows 5
    """
    found = long_line(src, start, limits.max_line_bytes)
    if found is not None:
        raise IngestError("ingest.error.csv_line_too_long", name=filename, line=found[0], size=found[1],
                          limit=limits.max_line_bytes)
    lines = src.count(b"\n", start) + (0 if src.endswith(b"\n") or len(src) <= start else 1)
    if lines > limits.max_rows:
        raise IngestError("ingest.error.csv_too_many_rows", name=filename, lines=lines, limit=limits.max_rows)
    return lines


def check_columns(width: int, filename: str, limit: int) -> None:
    """Raise :class:`IngestError` when a row of ``width`` cells is wider than ``limit``.

    Examples
    --------
    >>> check_columns(12, "a.csv", 2000) is None
    True
    """
    if width > limit:
        raise IngestError("ingest.error.too_many_columns", name=filename, cols=width, limit=limit)
