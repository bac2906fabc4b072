"""Merged cells of a worksheet: values carried down a merged range, and headers over several rows.

A bank report merges cells the way a reader likes them: ``统计日期`` once over the whole column,
``分行`` once over each block of its accounts, ``逾期金额`` over the two columns ``本金`` and
``利息`` named in the row below. The Excel reader sees the value in the range's top-left cell
only; every other cell of the range is empty. So, read as cells, all rows but one lack their
month, most accounts lack their branch, and the sub-columns have no name.

A merged range is given here as ``(top, left, bottom, right)``: 0-based sheet row and column of
its first and last cell, inclusive, as Excel and calamine count them (a title above the header or
an empty first column do not shift them). The table's own rows and columns are located by their
sheet row and column, never by their position in the frame.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.ingest.units import split_unit

__all__ = ["MAX_HEADER_ROWS", "SUB_HEADER_JOIN", "StackedHeader", "blank_cell", "cell_position", "fill_merged_cells",
           "header_reach", "is_unit_cell", "is_units_row", "joined_name", "merge_refs", "stacked_header",
           "two_row_header", "units_row_applied", "with_unit"]

#: Between a merged parent header and the sub-column's own name: ``金额-本金``.
SUB_HEADER_JOIN = "-"

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]{0,256}?\bref="([A-Za-z$]{1,4}\d{1,7})(?::([A-Za-z$]{1,4}\d{1,7}))?"')


def cell_position(ref: str) -> tuple[int, int]:
    """0-based ``(row, column)`` of an A1-style cell reference.

    Examples
    --------
    >>> cell_position("A1"), cell_position("B12"), cell_position("$AA$3")
    ((0, 0), (11, 1), (2, 26))
    """
    m = _CELL.fullmatch(ref.strip())
    if m is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    column = 0
    for letter in m.group(1).upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(m.group(2)) - 1, column - 1


def merge_refs(xml: bytes) -> list[tuple[int, int, int, int]]:
    """The merged ranges an XLSX sheet's XML declares (``<mergeCell ref="A5:A8"/>``).

    Read from the XML rather than by a second pass of the Excel reader: the ranges sit in a
    short element after the cells, while a second read of the cells took as long as the first
    (2 s for 200,000 rows) and doubled the reader's memory.

    Examples
    --------
    >>> merge_refs(b'<mergeCells count="2"><mergeCell ref="A5:A8"/><mergeCell ref="C5:D5"/></mergeCells>')
    [(4, 0, 7, 0), (4, 2, 4, 3)]
    """
    out = []
    for m in _MERGE_REF.finditer(xml):
        try:
            first = cell_position(m.group(1).decode("ascii"))
            last = cell_position(m.group(2).decode("ascii")) if m.group(2) else first
        except ValueError:
            continue  # a reference we cannot read merges nothing we can fill
        out.append((min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])))
    return out


def fill_merged_cells(frame: pd.DataFrame, sheet_rows: np.ndarray, sheet_columns: list[int],
                      merges: list[tuple[int, int, int, int]], body_top: int
                      ) -> tuple[pd.DataFrame, tuple[str, ...], tuple[str, ...]]:
    """The frame with each merged range of the table's body filled with its top-left value.

    Only ranges over several rows are filled: they are what Excel shows once for a block of rows
    (a month, a branch). A range within one row is a label across columns (``合计``, a note) and
    stays as read. A range starting above ``body_top`` is a title or a header, not a value of
    the rows. Cells that hold a value are kept, and a column only takes a value of its own type
    (a range across a text and a number column fills the text one only).

    An amount (a column whose header names money: 余额, 金额, 本金, 额度, balance, amount …) is not
    repeated: a customer's balance merged over its loans is one sum, and copied to every loan it
    would count N times. It stays on the range's first row and the other rows get 0, so the
    book's total is the sheet's.

    Parameters
    ----------
    frame : DataFrame
        Cells as read, one row per sheet row kept (empty rows already left out).
    sheet_rows : ndarray of int
        0-based sheet row of each frame row, increasing.
    sheet_columns : list of int
        0-based sheet column of each frame column.
    merges : list of (top, left, bottom, right)
        Merged ranges of the sheet, 0-based and inclusive.
    body_top : int
        0-based sheet row of the first row under the header.

    Returns
    -------
    (DataFrame, tuple of str, tuple of str)
        A new frame (the input is not changed), the names of the columns where a cell was filled,
        and those of the amounts counted once (0 under their range's first row).

    Examples
    --------
    >>> f = pd.DataFrame({"月份": ["2024-01", None, None], "客户余额": [9.0, None, None]})
    >>> out, filled, once = fill_merged_cells(f, np.array([4, 5, 6]), [0, 1], [(4, 0, 6, 0), (4, 1, 6, 1)], 4)
    >>> out["月份"].tolist(), out["客户余额"].tolist(), filled, once
    (['2024-01', '2024-01', '2024-01'], [9.0, 0.0, 0.0], ('月份',), ('客户余额',))
    """
    spans = np.array([m for m in merges if m[2] > m[0] and m[0] >= body_top], dtype=np.int64).reshape(-1, 4)
    rows = np.asarray(sheet_rows, dtype=np.int64)
    if not len(spans) or not len(rows) or frame.shape[1] == 0:
        return frame, (), ()
    position = {c: j for j, c in enumerate(sheet_columns)}
    columns = {}
    filled, once = [], []
    for j, name in enumerate(frame.columns):
        here = spans[(spans[:, 1] <= sheet_columns[j]) & (spans[:, 3] >= sheet_columns[j])]
        column = _filled_column(frame, j, here, rows, position) if len(here) else None
        if column is None:
            continue
        if _MONEY_HEADER.search(str(name)):
            # the rows the range covers under its first: 0, not the sum again
            added = frame.iloc[:, j].isna().to_numpy() & column.notna().to_numpy()
            zero = "0" if pd.api.types.is_string_dtype(frame.iloc[:, j].dtype) else 0
            column = column.where(~added, zero)
            once.append(str(name))
        else:
            filled.append(str(name))
        columns[name] = column
    if not columns:
        return frame, (), ()
    out = frame.copy(deep=False)  # the other columns are shared, not copied: a wide sheet stays cheap
    for name, column in columns.items():
        out[name] = column
    return out, tuple(filled), tuple(once)


#: A header naming money: an amount merged over rows is one sum, not each row's.
_MONEY_HEADER = re.compile(r"余额|金额|本金|利息|额度|欠款|款项|应收|应付|罚息|费用|万元|[（(]元[)）]"
                           r"|amount|balance|principal|interest|limit|outstanding|exposure|arrears|\bamt\b|\bbal\b",
                           re.IGNORECASE)


def _filled_column(frame: pd.DataFrame, j: int, spans: np.ndarray, rows: np.ndarray,
                   position: dict[int, int]) -> pd.Series | None:
    """Column ``j`` with the ranges ``spans`` (all covering it) filled, or ``None`` if nothing changed."""
    n = len(rows)
    spans = spans[np.argsort(spans[:, 0], kind="stable")]
    # Excel never overlaps merged ranges; a file that does is not filled twice over the same rows
    # (a range starting inside an earlier one is left out), which also bounds the work by the rows.
    ends_before = np.concatenate([[-1], np.maximum.accumulate(spans[:-1, 2])])
    spans = spans[spans[:, 0] > ends_before]
    starts = np.searchsorted(rows, spans[:, 0])
    ends = np.searchsorted(rows, spans[:, 2], side="right")
    source_col = np.array([position.get(int(c), -1) for c in spans[:, 1]], dtype=np.int64)
    # the range's value lives in its top-left cell: that row and column must be in the frame
    ok = (starts < n) & (rows[np.minimum(starts, n - 1)] == spans[:, 0]) & (source_col >= 0)
    starts, ends, source_col = starts[ok], ends[ok], source_col[ok]
    if not len(starts):
        return None
    cover = np.zeros(n + 1, dtype=np.int64)
    np.add.at(cover, starts, 1)
    np.add.at(cover, ends, -1)
    inside = np.cumsum(cover)[:n] > 0
    owner = np.full(n, -1, dtype=np.int64)
    owner[starts] = np.arange(len(starts))
    owner = np.maximum.accumulate(owner)
    target = frame.iloc[:, j]
    blank = target.isna().to_numpy()
    out = target
    changed = False
    for k in np.unique(source_col):
        source = frame.iloc[:, int(k)]
        if int(k) != j and source.dtype != target.dtype:
            continue  # a number column does not take a range's text (nor a text column a date)
        mask = inside & (source_col[np.maximum(owner, 0)] == k) & blank
        if not mask.any():
            continue
        top = np.where(mask, starts[np.maximum(owner, 0)], np.arange(n))
        value = source.take(top)
        value.index = target.index
        mask &= value.notna().to_numpy()
        if mask.any():
            out = out.where(~mask, value)
            changed = True
    return out if changed else None


_TRAILING_NOTE = re.compile(r"^(.*?)\s*([（(][^（）()]{1,16}[)）])\s*$")


def is_unit_cell(cell: object) -> bool:
    """A cell that only names a unit (``（元）``, ``万元``, ``天``, ``%``): a units row's, not data.

    Examples
    --------
    >>> is_unit_cell("（万元）"), is_unit_cell("天"), is_unit_cell("本金"), is_unit_cell("12")
    (True, True, False, False)
    """
    if blank_cell(cell) or isinstance(cell, (int, float, np.number)):
        return False
    return split_unit("x" + _bracketed(str(cell).strip()))[0] == "x"


def with_unit(name: str, unit_cell: object) -> str:
    """``name`` with a units row's cell as its bracketed unit: ``贷款余额（万元）``."""
    return name + _bracketed(str(unit_cell).strip())


def _bracketed(text: str) -> str:
    """``text`` in brackets (``（万元）``), unless it already is (``(元)``)."""
    return text if re.fullmatch(r"[（(].*[)）]", text) else f"（{text}）"


def units_row_applied(raw):
    """``raw`` (a :class:`analysis.ingest.readers.RawTable`) with a units row right under its header
    (``（天）``, ``（万元）``, ``元`` … in the cells, nothing else) made part of the header: each named
    column takes its unit (``贷款余额（万元）``, where units are read) and the row is no data row.

    The row is :func:`is_units_row`'s.
    """
    frame = raw.frame
    if len(frame) < 2 or raw.source_rows[0] != raw.header_row + 1:
        return raw
    # cell by cell: frame.iloc[0] finds one dtype for the whole row, hashing every categorical
    # column's categories (0.19 s on a 2.4M-row file)
    first = [frame.iloc[0, i] for i in range(frame.shape[1])]
    if not is_units_row(first):
        return raw
    units = {name: cell for name, cell in zip(frame.columns, first) if not blank_cell(cell)}
    renamed = {name: with_unit(str(name), units[name]) for name in units}
    originals = tuple(with_unit(str(o), units[n]) if n in units else o
                      for n, o in zip(frame.columns, raw.original_headers or frame.columns))
    note = ("ingest.note.units_row", {"row": int(raw.source_rows[0]), "columns": tuple(renamed.values())})
    return replace(raw, frame=frame.iloc[1:].rename(columns=renamed).reset_index(drop=True),
                   source_rows=raw.source_rows[1:], original_headers=originals, notes=(*raw.notes, note))


def joined_name(parent: str, sub: str) -> str:
    """A sub-column's name under a merged parent, the parent's unit moved to the end, where units
    are read: ``金额（万元）`` over ``贷款余额`` is ``金额-贷款余额（万元）``.

    Examples
    --------
    >>> joined_name("金额（万元）", "贷款余额"), joined_name("逾期金额", "本金")
    ('金额-贷款余额（万元）', '逾期金额-本金')
    """
    found = _TRAILING_NOTE.match(parent)
    if found and split_unit("x" + found.group(2))[0] == "x" and not _TRAILING_NOTE.match(sub):
        return found.group(1) + SUB_HEADER_JOIN + sub + found.group(2)
    return parent + SUB_HEADER_JOIN + sub


def blank_cell(text: object) -> bool:
    """A cell (or header) that holds nothing: None, NA, NaN, white space, or the Excel reader's name
    for a header it found empty (``__UNNAMED__4``).

    Examples
    --------
    >>> [blank_cell(v) for v in (None, pd.NA, float("nan"), " ", "__UNNAMED__3", "0", "客户")]
    [True, True, True, True, True, False, False]
    """
    return text is None or text is pd.NA or (isinstance(text, float) and text != text) or not str(text).strip() \
        or str(text).startswith("__UNNAMED__")


def is_units_row(cells) -> bool:
    """A row under the header that only names units (two or more ``（天）``, ``万元`` …, every other
    cell empty): part of the header, read by :func:`units_row_applied` and by ``convert`` before
    it streams a file. One unit word alone may be a value (a status column's ``正常``)."""
    named = [c for c in cells if not blank_cell(c)]
    return len(named) >= 2 and all(is_unit_cell(c) for c in named)


#: A sub-column's name: words, not a number, an amount or a date (those are a first data row).
_NOT_A_LABEL = re.compile(r"^\s*[-+(]?[\d.,:/\s年月日%¥$-]*\)?\s*$|^\s*\d")
_LABEL_MAX_CHARS = 40


def _label(text: object) -> bool:
    return not blank_cell(text) and len(str(text).strip()) <= _LABEL_MAX_CHARS and not _NOT_A_LABEL.match(str(text))


#: Header rows read as one header, at most. Bank reports stack three levels (a section, a
#: heading, the column), rarely four; each row more is one more chance to take a data row for one.
MAX_HEADER_ROWS = 4


@dataclass(frozen=True)
class StackedHeader:
    """A header over several rows, one name per column.

    Attributes
    ----------
    names : dict of int to str
        Each column's name by 0-based sheet column: the merged parents above it and its own name,
        top down, joined by :data:`SUB_HEADER_JOIN` (``逾期金额-本金``, ``风险信息-逾期-天数``); the
        column's own name where no parent is above it.
    groups : tuple of tuple of int
        The sheet columns whose nearest parent is the same merged cell (siblings: ``逾期金额-本金``,
        ``逾期金额-利息``). A section over a parent and a plain column (``风险信息`` over ``逾期``
        and ``贷款余额``) makes no group of them: they are not parts of one figure.
    depth : int
        How many sheet rows the header spans, 2 to :data:`MAX_HEADER_ROWS`.
    joined : tuple of int
        The sheet columns whose name was joined from a parent and what is under it.
    """

    names: dict[int, str]
    groups: tuple[tuple[int, ...], ...]
    depth: int = 2
    joined: tuple[int, ...] = ()


def stacked_header(rows: Sequence[dict[int, object]], merges: list[tuple[int, int, int, int]],
                   top_row: int, *, found: int = 0) -> StackedHeader | None:
    """One name per column when ``rows`` (consecutive sheet rows) form one header, else ``None``.

    The rows form one header when merged cells say so: a *parent* (a cell merged across several of
    the table's columns, but not all of them: that is a title) sits in the top row (over three
    rows or more, a name merged down to the last row will do), and in the last row there are
    names under a parent that ends in the row above it. Each column is named
    by the parents above it and at most one name of its own, top down; its own name may sit in
    any row (merged down, or written in the lowest row with nothing above). Anything else means
    the lower rows are data: a column named twice (unless the second is a unit, ``（元）``), a
    number or a date under the first row, a parent under a column's own name, or parents that do
    not nest. Over three rows or more, no name may be merged on below the last row (the header
    is deeper than the rows: cut short, its lowest names would be read as data). Without a
    merged parent no row under the first is taken for a header: a text-like first data row stays
    data.

    Parameters
    ----------
    rows : sequence of dict of int to object
        The rows' cells by 0-based sheet column, top down; 2 to :data:`MAX_HEADER_ROWS` rows.
    merges : list of (top, left, bottom, right)
        Merged ranges of the sheet, 0-based and inclusive.
    top_row : int
        0-based sheet row of ``rows[0]``.
    found : int
        Which of ``rows`` names most known columns (the row the header search found). A parent in
        a row above it, starting at the table's first column or over more than half of its
        columns, is then taken for a title (a merged title is left-aligned or centred over the
        table; a group of columns rarely starts it or spans most of it).

    Returns
    -------
    StackedHeader or None

    Examples
    --------
    >>> rows = [{0: "客户编号", 1: "风险信息", 2: None, 3: None},
    ...         {0: None, 1: "逾期", 2: None, 3: "贷款余额"},
    ...         {0: None, 1: "天数", 2: "金额", 3: None}]
    >>> merges = [(0, 0, 2, 0), (0, 1, 0, 3), (1, 1, 1, 2), (1, 3, 2, 3)]
    >>> h = stacked_header(rows, merges, top_row=0)
    >>> h.names, h.groups, h.depth
    ({0: '客户编号', 1: '风险信息-逾期-天数', 2: '风险信息-逾期-金额', 3: '风险信息-贷款余额'}, ((1, 2),), 3)
    >>> stacked_header(rows[:2] + [{0: "A1", 1: "35", 2: "0", 3: "1000"}], merges[1:3], 0) is None
    True
    """
    depth = len(rows)
    if not 2 <= depth <= MAX_HEADER_ROWS:
        return None
    columns = sorted(set().union(*rows))
    if len(columns) < 2:
        return None
    first, last = columns[0], columns[-1]
    # a parent: (row index it starts in, row index it ends in, name, columns under it)
    parents: list[tuple[int, int, str, tuple[int, ...]]] = []
    for top, left, bottom, right in sorted(merges):
        i = top - top_row
        if not (0 <= i and bottom - top_row < depth - 1 and right > left) or blank_cell(rows[i].get(left)):
            continue  # a parent leaves a row under it for the names of its columns
        wide = (min(right, last) - max(left, first) + 1) * 2 > len(columns)
        if (left <= first and right >= last) or (i < found and (left <= first or wide)):
            return None  # a title over the table, not a parent
        under = tuple(c for c in columns if left <= c <= right)
        parents.append((i, bottom - top_row, str(rows[i][left]).strip(), under))
    # the top row starts the header: a parent in it or, over three rows or more, a name merged
    # down to the header's last row (a stacked header's ``统计日期`` beside a section of two levels)
    down = depth > 2 and any(t == top_row and b == top_row + depth - 1 and not blank_cell(rows[0].get(left))
                             for t, left, b, _ in merges)
    if not (down or any(p[0] == 0 for p in parents)):
        return None
    if not any(p[1] == depth - 2 and any(not blank_cell(rows[-1].get(c)) for c in p[3]) for p in parents):
        return None  # the last row names nothing under a parent: a wide label, not one more header row
    if depth > 2 and any(top_row <= t < top_row + depth <= b and left in rows[0] for t, left, b, _ in merges):
        return None  # a name merged further down: the header is deeper than these rows, not cut short
    above: dict[int, dict[int, int]] = {c: {} for c in columns}  # column -> row index -> parent
    for k, (i, _, _, under) in enumerate(parents):
        for c in under:
            above[c][i] = k  # Excel never overlaps ranges; where a file does, the later one names it
    names, joined, nearest = {}, [], {}
    for c in columns:
        labels = _column_labels(rows, c, above[c], parents)
        if labels is None:
            return None
        path, own, unit = labels
        if not path and own is None:
            continue
        if path:
            nearest[c] = path[-1]
        words = [parents[k][2] for k in path] + ([own] if own is not None else [])
        name = words[0]
        for word in words[1:]:
            name = joined_name(name, word)
        names[c] = with_unit(name, unit) if unit is not None else name
        if len(words) > 1:
            joined.append(c)
    for k, (_, _, _, under) in enumerate(parents):
        # a parent nests in the one above it: all its columns share the parents above it
        if len({tuple(_path_of(above[c], parents, k)) for c in under}) > 1:
            return None
    groups = tuple(g for g in (tuple(c for c in under if nearest.get(c) == k) for k, (*_, under) in enumerate(parents))
                   if len(g) > 1)
    return StackedHeader(names=names, groups=groups, depth=depth, joined=tuple(joined))


def _path_of(above: dict[int, int], parents: list, k: int) -> list[int]:
    """The parents above parent ``k`` over one column, top down."""
    return [p for i, p in sorted(above.items()) if i < parents[k][0]]


def _column_labels(rows: Sequence[dict[int, object]], c: int, above: dict[int, int],
                   parents: list) -> tuple[list[int], str | None, str | None] | None:
    """Column ``c``'s parents (top down), own name and unit in ``rows``; ``None`` when its cells
    are a data row's, not a header's."""
    path, own, unit = [], None, None
    i = 0
    while i < len(rows):
        if i in above:
            if own is not None:
                return None  # a parent under the column's own name: not one header
            path.append(above[i])
            i = parents[above[i]][1] + 1  # the rows the parent's range covers hold nothing else
            continue
        cell = rows[i].get(c)
        if not blank_cell(cell):
            if own is None:
                if i > 0 and not _label(cell):
                    return None  # a number or a date under the first row: data
                own = str(cell).strip()
            elif unit is None and is_unit_cell(cell):
                unit = str(cell)  # 贷款余额 over （元）: its unit
            else:
                return None  # named twice: the lower row is data under a shallower header
        i += 1
    return path, own, unit


def header_reach(merges: list[tuple[int, int, int, int]], top_row: int, last_row: int) -> int:
    """The lowest sheet row a range starting in header rows ``top_row`` to ``last_row`` covers
    (``last_row`` when none goes further): a name merged down past the header says the header is
    deeper than the rows read as one, and the rows in between were read as data.

    A range starting under the header is the body's (a month merged over its accounts) and one
    starting above it a title's; neither says anything of the header.

    Examples
    --------
    >>> header_reach([(0, 0, 4, 0), (0, 2, 0, 4), (5, 0, 9, 0)], top_row=0, last_row=1)
    4
    >>> header_reach([(0, 0, 1, 0), (2, 0, 9, 0)], top_row=0, last_row=1)
    1
    """
    return max([last_row, *(b for t, _, b, _ in merges if top_row <= t <= last_row)])


def two_row_header(upper: dict[int, object], lower: dict[int, object], merges: list[tuple[int, int, int, int]],
                   upper_row: int, *, lower_is_header: bool = False) -> StackedHeader | None:
    """One name per column when two rows form the header, else ``None``: :func:`stacked_header`
    of the two rows.

    The rows form one header when the upper row holds a *parent*: a cell merged across several
    of the table's columns (but not all of them: that is a title), with the sub-columns' names
    under it in the lower row. Every other column is named in one row only (a cell merged down
    both rows, or a name in either row): a column named in both rows outside a parent means the
    lower row is the first data row, and so does a cell under a parent that is a number or a
    date.

    Parameters
    ----------
    upper, lower : dict of int to object
        The two rows' cells by 0-based sheet column.
    merges : list of (top, left, bottom, right)
        Merged ranges of the sheet, 0-based and inclusive.
    upper_row : int
        0-based sheet row of the upper row.
    lower_is_header : bool
        The lower row is the one that names most known columns, so the upper one may be a title
        row (``found=1`` of :func:`stacked_header`).

    Returns
    -------
    StackedHeader or None

    Examples
    --------
    >>> up = {0: "客户编号", 1: "逾期金额", 2: None, 3: "统计日期"}
    >>> low = {0: None, 1: "本金", 2: "利息", 3: None}
    >>> two_row_header(up, low, [(0, 1, 0, 2), (0, 3, 1, 3)], upper_row=0).names
    {0: '客户编号', 1: '逾期金额-本金', 2: '逾期金额-利息', 3: '统计日期'}
    >>> two_row_header(up, {0: "A001", 1: "12.5", 2: "0", 3: "2024-01"}, [(0, 1, 0, 2)], 0) is None
    True
    """
    return stacked_header((upper, lower), merges, upper_row, found=int(lower_is_header))
