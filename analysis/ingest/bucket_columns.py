"""An aging table with the amounts of each bucket in columns (未到期 / 1-30天 / 31-60天 / 90天以上):
a layout receivables and summary reports take, which the app cannot read as accounts.

The app reads one row per account and month with its days past due, due date or bucket label.
In this layout a row is a customer and each bucket column holds part of its balance, so neither
its days nor its bucket exist as a value: the file is refused with what to export instead, not
with the general "nothing gives days past due".
"""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["MIN_BAND_COLUMNS", "aging_band_columns"]

#: Bucket columns (at least two of them bands of days) that make a table an aging table.
MIN_BAND_COLUMNS = 3

_NUMBER = r"\d{1,4}"
_UNIT = r"\s*(?:天|日|个月|月|年|days?|d|dpd|months?)?"
# 1-30天, 31~60 days, 0-30, 61至90天, 逾期1-30天, 1-30 DPD, 0 - 30 Days Past Due
_RANGE = re.compile(rf"^(?:逾期|超期|账龄|aging|age)?\s*{_NUMBER}{_UNIT}\s*(?:-|–|—|~|～|至|到|to)\s*{_NUMBER}{_UNIT}"
                    rf"\s*(?:以内|内|past due|overdue)?$", re.IGNORECASE)
# 90天以上, 90+, >90, over 90 days, 91+ Days Past Due, 3年以上, 180天以上(含)
_OPEN = re.compile(rf"^(?:逾期|超期|账龄)?\s*(?:(?:>|＞|≥|over|above|more than)\s*{_NUMBER}{_UNIT}"
                   rf"|{_NUMBER}{_UNIT}\s*(?:\+|以上|及以上|plus)){_UNIT}\s*(?:past due|overdue|[（(]含[)）])?$",
                   re.IGNORECASE)
# 30天以内, 1年以内, within 30 days: the first band
_WITHIN = re.compile(rf"^(?:{_NUMBER}{_UNIT}\s*(?:以内|内)|within\s*{_NUMBER}{_UNIT})$", re.IGNORECASE)
# 2024-01, 2024/1, 2024年1月: a month (a wide layout's column), never a band of days
_MONTH = re.compile(r"^(?:19|20)\d{2}\s*(?:-|/|\.|年)\s*\d{1,2}")
# the bucket before the first band: not yet due
_NOT_DUE = re.compile(r"^(?:未到期|未逾期|信用期内|账期内|正常|current|not (?:yet )?due|within terms)$", re.IGNORECASE)


def _band(header: str) -> str | None:
    """``"band"`` for a band of days, ``"not_due"`` for the not-yet-due bucket, else ``None``."""
    text = re.sub(r"[（(](?:元|万元|金额|余额|amount)[)）]$", "", str(header).strip()).strip()
    text = re.sub(r"\s*(?:金额|余额|amount|balance)$", "", text, flags=re.IGNORECASE).strip()
    if _MONTH.match(text):
        return None
    if _RANGE.match(text) or _OPEN.match(text) or _WITHIN.match(text):
        return "band"
    if _NOT_DUE.match(text):
        return "not_due"
    return None


def aging_band_columns(headers: Iterable[object]) -> list[str]:
    """The headers that are buckets of an aging table with amounts per bucket in columns, or ``[]``
    when there are fewer than :data:`MIN_BAND_COLUMNS` of them (or fewer than two bands of days).

    Examples
    --------
    >>> aging_band_columns(["客户名称", "未到期", "1-30天", "31-60天", "61-90天", "90天以上", "合计"])
    ['未到期', '1-30天', '31-60天', '61-90天', '90天以上']
    >>> aging_band_columns(["Customer", "Current", "1-30 Days", "31-60 Days", "Over 90"])
    ['Current', '1-30 Days', '31-60 Days', 'Over 90']
    >>> aging_band_columns(["客户编号", "统计日期", "逾期天数", "贷款余额"])
    []
    """
    kinds = {str(h): _band(str(h)) for h in headers}
    found = [h for h, kind in kinds.items() if kind is not None]
    bands = sum(kind == "band" for kind in kinds.values())
    return found if len(found) >= MIN_BAND_COLUMNS and bands >= 2 else []
