"""The definitions line (口径) every chart, table and export carries.

Two teams comparing numbers must see why they differ: bucket edges, count or balance,
coincident or lagged, month, filters.
"""
from __future__ import annotations

from collections.abc import Mapping

from analysis.core.buckets import Buckets
from analysis.core.i18n import analysis_messages, translate

_WORDS = {
    "zh": {"balance": "按余额", "count": "按户数", "coincident": "同期口径", "lagged": "滞后{n}期口径",
           "month": "数据月份", "months": "月份", "filters": "筛选", "all": "全部", "sep": "；", "kv": "：",
           "list": "、"},
    "en": {"balance": "by balance", "count": "by count", "coincident": "coincident", "lagged": "lagged {n} months",
           "month": "month", "months": "months", "filters": "filters", "all": "whole book", "sep": "; ", "kv": ": ",
           "list": ", "},
}


def segment_name(column: str, lang: str) -> str:
    """A segment column's name as the sidebar writes it (地区 / Region); a column kept from the
    file under its own header keeps that header.

    Examples
    --------
    >>> segment_name("region", "zh"), segment_name("营业部", "en")
    ('地区', '营业部')
    """
    key = f"segment.{column}"
    return translate(key, lang) if key in analysis_messages() else str(column)


def definitions_line(
    lang: str,
    *,
    buckets: Buckets | None = None,
    measure: str | None = None,
    month: str | None = None,
    months: tuple[str, str] | None = None,
    filters: Mapping[str, list[str]] | None = None,
    lag: int | None = None,
    extra: list[str] | None = None,
) -> str:
    """Compose the 口径 line from whatever applies to a view.

    Examples
    --------
    >>> definitions_line("en", measure="count", month="2024-06", filters={"region": ["华东"]})
    'by count; month: 2024-06; filters: Region = 华东'
    >>> definitions_line("zh", measure="balance", lag=3)
    '按余额；滞后3期口径'
    """
    w = _WORDS[lang]
    parts: list[str] = []
    if measure:
        parts.append(w[measure])
    if lag is not None:
        parts.append(w["lagged"].format(n=lag) if lag else w["coincident"])
    if month:
        parts.append(f"{w['month']}{w['kv']}{month}")
    if months:
        parts.append(f"{w['months']}{w['kv']}{months[0]}–{months[1]}")
    if filters is not None:
        active = {k: v for k, v in filters.items() if v}
        if active:
            text = w["list"].join(f"{segment_name(k, lang)} = {'/'.join(map(str, v))}" for k, v in active.items())
            parts.append(f"{w['filters']}{w['kv']}{text}")
    if buckets is not None:
        parts.append(buckets.describe(lang))
    parts.extend(extra or [])
    return w["sep"].join(parts)
