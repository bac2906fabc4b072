"""Two or more tables side by side on one sheet (January in A–D, February in F–I, an empty column
between them): one table of their rows, one under the other.

Read as it stands, such a sheet is one table whose right-hand columns repeat the left-hand ones
(``客户编号_2`` …): recognition maps the left block only, and the right block's rows are gone
without a word. The blocks are recognised by their headers alone (so a file streamed in pieces
decides as the whole file does): an empty header column between blocks whose headers are the
same, in the same order.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.ingest.merged import blank_cell

if TYPE_CHECKING:  # readers applies it: no import back at run time
    from analysis.ingest.readers import RawTable

__all__ = ["side_by_side_blocks", "stacked"]


def _same(header: object) -> str:
    # the Excel reader numbers a repeated header (客户编号_1): the same header
    return re.sub(r"_\d+$", "", "".join(str(header).split()).lower())


def side_by_side_blocks(original_headers: tuple[str, ...] | list[str]) -> list[list[int]]:
    """Column positions of each block when the headers are two or more identical blocks (two or
    more columns each) separated by empty headers; ``[]`` otherwise.

    Examples
    --------
    >>> side_by_side_blocks(["客户编号", "逾期天数", "", "客户编号", "逾期天数"])
    [[0, 1], [3, 4]]
    >>> side_by_side_blocks(["客户编号", "逾期天数", "", "备注"])
    []
    """
    blocks: list[list[int]] = [[]]
    for i, header in enumerate(original_headers):
        if blank_cell(header):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(i)
    blocks = [b for b in blocks if b]
    if len(blocks) < 2 or any(len(b) < 2 for b in blocks):
        return []
    first = [_same(original_headers[i]) for i in blocks[0]]
    if any([_same(original_headers[i]) for i in b] != first for b in blocks[1:]):
        return []
    return blocks


def stacked(raw: RawTable) -> RawTable:
    """``raw`` with side-by-side tables (:func:`side_by_side_blocks`) put one under the other:
    each block's rows under the first block's headers, in block order, each row keeping its line
    in the file; rows empty in a block are left out of it. A note names the blocks. Any other
    table is returned as it is.
    """
    originals = raw.original_headers if len(raw.original_headers) == raw.frame.shape[1] else tuple(raw.frame.columns)
    blocks = side_by_side_blocks(originals)
    if not blocks:
        return raw
    names = [raw.frame.columns[i] for i in blocks[0]]
    parts, rows = [], []
    for block in blocks:
        part = raw.frame.iloc[:, block]
        part.columns = names
        filled = part.notna() & part.astype("string").apply(lambda c: c.str.strip() != "").fillna(False)
        keep = filled.any(axis=1).to_numpy(dtype=bool)
        parts.append(part[keep])
        rows.append(raw.source_rows[keep])
    frame = pd.concat(parts, ignore_index=True)
    ranges = " / ".join(f"{b[0] + 1}–{b[-1] + 1}" for b in blocks)  # a note's value: no one language's comma
    note = ("ingest.note.side_by_side", {"n": len(blocks), "columns": ranges, "rows": len(frame)})
    return replace(raw, frame=frame, source_rows=np.concatenate(rows).astype(np.int64),
                   original_headers=tuple(originals[i] for i in blocks[0]), notes=(*raw.notes, note))
