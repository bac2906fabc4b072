"""Which column of a file is which canonical field: the mapping step's suggestions.

The upload page, the CLI and the dataset converter start from :func:`suggest_mapping`; the user
confirms or changes what it proposes.
"""
from __future__ import annotations

import re

from analysis.core.schema import canonical_for
from analysis.ingest.readers import RawTable

__all__ = ["suggest_mapping"]


def _header_canonical(header: str) -> str | None:
    """The canonical column a header names, also after dropping a trailing unit (元, 天, (CNY))."""
    found = canonical_for(header)
    if found:
        return found
    # "贷款余额(元)", "逾期天数（天）", "Balance (CNY)": drop a trailing unit before matching
    stripped = re.sub(r"\s*[(（\[【][^)）\]】]*[)）\]】]\s*$", "", str(header))
    stripped = re.sub(r"(万元|元|天|日|人民币)$", "", stripped.strip())
    if stripped and stripped != header:
        return canonical_for(stripped)
    return None


def suggest_mapping(raw: RawTable) -> dict[str, str]:
    """Propose ``canonical -> header`` from the synonym table; the first matching header wins.

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> raw = read_table("客户编号,统计日期,逾期天数,贷款余额(元)\\nA,2024-01,0,1\\n".encode(), "a.csv")
    >>> suggest_mapping(raw)
    {'account_id': '客户编号', 'snapshot_date': '统计日期', 'days_past_due': '逾期天数', 'balance': '贷款余额(元)'}
    """
    mapping: dict[str, str] = {}
    for header in raw.frame.columns:
        canonical = _header_canonical(header)
        if canonical and canonical not in mapping:
            mapping[canonical] = str(header)
    return mapping
