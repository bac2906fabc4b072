"""What a file's title rows or its name say about its month (``逾期明细表 2024年1月.xlsx``,
``XX银行 数据日期：2024-01-31``), and the columns a set of files adds to the combined table.

Read by :mod:`analysis.ingest.multi` (each file of a set) and by
:func:`analysis.ingest.portfolio.resolve_mapping` (one file without a date column); it stands
below both, so neither imports the other for it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from analysis.ingest.merged import blank_cell
from analysis.ingest.readers import RawTable

__all__ = ["FILE_COLUMN", "MONTH_COLUMN", "month_blocks", "month_in_text", "named_month", "stem"]

#: Column added to the combined table: the file each row came from (shown in the rejected-rows report).
FILE_COLUMN = "来源文件"
#: Column added when a month comes from a title or a file name (the synonym table maps it to the month).
MONTH_COLUMN = "数据月份"

_MONTH_WORDS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "oct": 10, "nov": 11, "dec": 12}
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12}
_NAMES = (r"(?<![a-z])(january|february|march|april|may|june|july|august|september|october|november|december"
          r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?![a-z])")
#: Month patterns, each giving (year, month) groups; searched in the text, not matched whole.
_PATTERNS: tuple[tuple[re.Pattern, Callable[[re.Match], tuple[int, int] | None]], ...] = (
    (re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(十[一二]?|[一二三四五六七八九])\s*月"),
     lambda m: (int(m[1]), _CN_MONTHS[m[2]])),
    (re.compile(r"(?<![\d.])((?:19|20)\d\d)[-_./](\d{1,2})(?:[-_./]\d{1,2})?(?![\d])"),
     lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)(?!\d)"), lambda m: _day_first(m)),
    (re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(?:[0-3]\d)?(?!\d)"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(_NAMES + r"[\s\-_.,']*((?:19|20)\d\d|\d\d)(?!\d)", re.IGNORECASE),
     lambda m: (_year(m[2]), _MONTH_WORDS[m[1].lower()[:3]])),
    (re.compile(r"(?<!\d)((?:19|20)\d\d)[\s\-_.,]*" + _NAMES, re.IGNORECASE),
     lambda m: (int(m[1]), _MONTH_WORDS[m[2].lower()[:3]])),
)
#: A date right after these words is the data's date; after the others, when the file was made.
_DATA_WORDS = re.compile(r"(数据日期|统计日期|报表日期|数据月份|统计月份|报告期|截至|截止|期末"
                         r"|as\s+of|as\s+at|period)\s*[:：]?\s*$", re.IGNORECASE)
_MADE_WORDS = re.compile(r"(制表|打印|导出|生成|下载|printed|exported|generated|created|run)"
                         r"\S{0,4}\s*[:：]?\s*$", re.IGNORECASE)


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _day_first(m: re.Match) -> tuple[int, int] | None:
    """``31/01/2024`` or ``01/31/2024``; ``03/04/2024`` says nothing certain about the month."""
    a, b, y = int(m[1]), int(m[2]), int(m[3])
    if a > 12 >= b:
        return y, b
    if b > 12 >= a:
        return y, a
    return (y, a) if a == b else None


def month_in_text(text: str) -> str | None:
    """The ``YYYY-MM`` a file name or title names, or ``None``.

    A date after 数据日期/截至/as of is preferred; one after 制表/导出/printed is when the file was
    made and is ignored. Otherwise the first month found in the text.

    Examples
    --------
    >>> [month_in_text(s) for s in ["逾期明细表 2024年1月.xlsx", "loans_202402.csv", "2024-03.csv", "2024_04.xls",
    ...                             "Jan 2024.xlsx", "2024.6 报表.xlsx", "二〇", "2024年十二月"]]
    ['2024-01', '2024-02', '2024-03', '2024-04', '2024-01', '2024-06', None, '2024-12']
    >>> month_in_text("逾期明细 制表日期：2024-02-05 数据日期：2024-01-31")
    '2024-01'
    """
    found: list[tuple[int, str, str]] = []  # (position, month, kind)
    for pattern, to_month in _PATTERNS:
        for m in pattern.finditer(text):
            ym = to_month(m)
            if ym is None or not (1 <= ym[1] <= 12 and 1990 <= ym[0] <= 2100):
                continue
            if any(start <= m.start() < end for start, end, _ in found):
                continue  # a later pattern inside a month already found (the year of 2024年1月)
            before = text[max(0, m.start() - 12):m.start()]
            kind = "data" if _DATA_WORDS.search(before) else "made" if _MADE_WORDS.search(before) else "plain"
            found.append((m.start(), m.end(), (f"{ym[0]:04d}-{ym[1]:02d}", kind)))
    found.sort()
    for wanted in ("data", "plain"):
        for _, _, (month, kind) in found:
            if kind == wanted:
                return month
    return None


# --------------------------------------------------------------------------------------------
# per file: what it holds and which month


def stem(name: str) -> str:
    """A file name without its data extension (``a.xlsx`` → ``a``)."""
    return re.sub(r"\.(csv|txt|tsv|xlsx|xlsm|xls|parquet)$", "", name, flags=re.IGNORECASE)


def named_month(raw: RawTable) -> tuple[str, str] | None:
    """``(month, "title" | "file_name")``: the month a file's title rows name (``XX银行 2024年1月``),
    else its name (``逾期明细表 2024年1月.xlsx``); ``None`` when neither does.

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> named_month(read_table("客户编号,逾期天数,余额\\nA,0,1\\n".encode(), "逾期明细 2024年3月.csv"))
    ('2024-03', 'file_name')
    """
    title = next((m for m in (month_in_text(t) for t in raw.titles) if m), None)
    if title:
        return title, "title"
    from_name = month_in_text(stem(raw.filename))
    return (from_name, "file_name") if from_name else None


def month_blocks(raw: RawTable, first_month: str) -> tuple[RawTable, list[str]] | None:
    """One table per month stacked on one sheet, each under a title naming its month
    (``XX银行逾期明细表 2024年1月`` + header + rows, then ``… 2024年2月`` + header + rows): the rows
    with their block's month in :data:`MONTH_COLUMN`, the titles and repeated headers left out.

    ``first_month`` is the month the file's own title names (the first block's). ``None`` unless
    the header repeats inside the table with a title naming a month right above every repeat.
    Returns the table and the months of the blocks, in order.

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> text = "客户编号,逾期天数,余额\\nA,0,1\\n明细表 2024年2月,,\\n客户编号,逾期天数,余额\\nA,5,2\\n"
    >>> out, months = month_blocks(read_table(text.encode(), "t.csv"), "2024-01")
    >>> months, out.frame[MONTH_COLUMN].tolist(), out.frame["逾期天数"].tolist()
    (['2024-01', '2024-02'], ['2024-01', '2024-02'], ['0', '5'])
    """
    frame = raw.frame
    headers = [str(h).strip() for h in (raw.original_headers or frame.columns)]
    if MONTH_COLUMN in frame.columns or len(headers) != frame.shape[1] or len(frame) < 3:
        return None
    named = [j for j, h in enumerate(headers) if h]
    if not named:
        return None
    # rows whose first named cell repeats its header, then checked on every column (one column of
    # a big file is compared, not the whole table)
    first = frame.iloc[:, named[0]].astype("string").str.strip()
    candidates = (first == headers[named[0]]).fillna(False).to_numpy().nonzero()[0]
    if not len(candidates):
        return None
    rows = frame.iloc[candidates].astype("string")
    same = sum((rows.iloc[:, j].str.strip() == headers[j]).fillna(False).to_numpy() for j in named)
    repeats = [int(candidates[k]) for k in (same * 3 >= 2 * len(named)).nonzero()[0]]
    if not repeats:
        return None
    titles, months = set(), [first_month]
    for i in repeats:
        above = i - 1
        text = " ".join(str(c) for c in frame.iloc[above].tolist() if not blank_cell(c)) if above >= 0 else ""
        month = month_in_text(text) if above not in repeats else None
        if month is None:
            return None
        titles.add(above)
        months.append(month)
    block = 0
    labels, keep = [], []
    for i in range(len(frame)):
        if i in titles:
            block += 1
            keep.append(False)
        else:
            keep.append(i not in repeats)
        labels.append(months[block])
    mask = np.array(keep)
    out = frame.assign(**{MONTH_COLUMN: labels})[mask].reset_index(drop=True)
    originals = tuple(raw.original_headers) + (MONTH_COLUMN,) if raw.original_headers else ()
    return replace(raw, frame=out, source_rows=raw.source_rows[mask], original_headers=originals), months


