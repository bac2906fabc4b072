"""Which money unit a file's amounts are in: from headers, title rows and, as a hint, magnitudes.

Bank reports print the unit beside the header (``贷款余额(万元)``, ``Balance ($000)``) or once in
a title row (``单位：万元``). Loading such a file as 元 understates the book 10,000 times, so the
mapping step reads the unit from there and says so. Magnitudes alone (a median balance of 18.2)
only *suggest* 万元: a small-balance book in 元 can look the same.

Units are the keys of :data:`analysis.ingest.parsing.UNIT_FACTORS`.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.core.schema import AMOUNT_COLUMNS
from analysis.ingest.parsing import parse_numbers

__all__ = ["UnitFinding", "detect_unit", "own_units", "header_unit", "split_unit", "title_unit", "unit_conflicts"]

# Unit words, most specific first (亿元 before 元). A bare 万/千/亿 counts only inside brackets or
# after 单位, where it cannot be part of a word.
_UNIT_WORDS: tuple[tuple[str, str], ...] = (
    (r"亿元|億元|亿人民币|100\s*m(?:illion)?\s*(?:cny|rmb|yuan)", "yi"),
    (r"万元|萬元|万人民币|(?:cny|rmb|yuan)\s*10\s*k|10\s*k\s*(?:cny|rmb|yuan)|10,?000\s*(?:cny|rmb|yuan)|ten\s+thousands?", "wan"),
    (r"千元|(?:cny|rmb|yuan|usd|\$|hk\$)\s*(?:'?000s?|k|thousands?)|(?:'?000s?|k|thousands?)\s*(?:cny|rmb|yuan|usd)|\$\s*'?000s?|'000s?|\b000s\b|\bin\s+thousands\b|\bthousands\b", "thousand"),
    (r"人民币元|人民币|元|\byuan\b|\bcny\b|\brmb\b", "yuan"),
)
_UNIT_RES = tuple((re.compile(p, re.IGNORECASE), u) for p, u in _UNIT_WORDS)
_BARE_RES = ((re.compile(r"^\s*亿\s*$"), "yi"), (re.compile(r"^\s*万\s*$"), "wan"), (re.compile(r"^\s*千\s*$"), "thousand"),
             (re.compile(r"^\s*(?:k|000)\s*$", re.IGNORECASE), "thousand"))
#: Currency codes written in brackets after an amount's name: "Arrears (RM)", "Balance (AED)".
CURRENCY_CODES = ("cny|rmb|usd|hkd|eur|gbp|jpy|twd|sgd|aud|cad|inr|rm|myr|thb|idr|php|vnd|aed|sar|qar|kwd|bhd|omr|"
                   "nzd|krw|chf|zar|ngn|kes|brl|mxn|cop|pen|clp|ars|pkr|bdt|lkr|egp|try|rs|rp|mop|ntd|nt\\$")
# A unit in brackets at the end of a header: "(万元)", "（天）", "[%]", "【元】".
_TRAILING_BRACKET = re.compile(r"\s*[(（\[【]([^)）\]】]{1,16})[)）\]】]\s*$")
# A unit written after the name without brackets: "贷款余额万元", "balance_in_thousands", "Amount $000".
_TRAILING_WORD = re.compile(
    r"[\s_\-/:：,，]*(?:单位[:：]?\s*)?(亿元|万元|千元|人民币元|元|人民币|%|in\s+thousands|thousands|\$\s*'?000s?|'000s?)\s*$",
    re.IGNORECASE)
_TITLE_UNIT = re.compile(r"(?:金额)?单位\s*[:：]?\s*([^\s,，;；)）]{1,12})|\b(?:unit|units|amounts?)\s*[:：]\s*([^,;)]{1,24})|\b(in\s+thousands|in\s+ten\s+thousands)\b",
                         re.IGNORECASE)


def _fold(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip()


def _unit_in(text: str, bare: bool = False) -> str | None:
    """The money unit a short text names (``万元``, ``$000``, ``CNY``), or ``None``."""
    if bare:
        for rx, unit in _BARE_RES:
            if rx.match(text):
                return unit
    for rx, unit in _UNIT_RES:
        if rx.search(text):
            return unit
    return None


def split_unit(header: object) -> tuple[str, str | None]:
    """Split a header into its name and the money unit it names (``None``: no money unit).

    Non-money units (``天``, ``%``, ``月``) are removed from the name too, so the name can be
    recognised; they give no money unit.

    Examples
    --------
    >>> split_unit("贷款余额(万元)")
    ('贷款余额', 'wan')
    >>> split_unit("Outstanding Balance ($000)")
    ('Outstanding Balance', 'thousand')
    >>> split_unit("逾期天数（天）")
    ('逾期天数', None)
    >>> split_unit("授信额度万元")
    ('授信额度', 'wan')
    """
    text = _fold(header)
    unit = None
    for _ in range(2):  # "余额（人民币）(万元)": at most two trailing unit groups
        m = _TRAILING_BRACKET.search(text)
        if m and (found := _unit_in(m.group(1), bare=True)) is not None:
            unit = unit or found
            text = text[: m.start()].rstrip()
            continue
        if m and re.fullmatch(r"\s*(?:天|日|月|个月|%|％|days?|months?|pct|percent|yyyy-?mm(?:-?dd)?|" + CURRENCY_CODES + r")\s*", m.group(1), re.IGNORECASE):
            # a non-money unit or a currency code such as (USD): not part of the name
            if unit is None and re.fullmatch(r"\s*(?:cny|rmb)\s*", m.group(1), re.IGNORECASE):
                unit = "yuan"
            text = text[: m.start()].rstrip()
            continue
        w = _TRAILING_WORD.search(text)
        if w and w.start() > 0:
            found = _unit_in(w.group(1))
            unit = unit or found
            text = text[: w.start()].rstrip()
            continue
        break
    return text, unit


def header_unit(header: object) -> str | None:
    """The money unit a header names, or ``None``.

    Examples
    --------
    >>> header_unit("授信额度（亿元）"), header_unit("Balance in thousands"), header_unit("余额")
    ('yi', 'thousand', None)
    """
    return split_unit(header)[1]


def title_unit(texts: Sequence[str]) -> tuple[str, str] | None:
    """``(unit, text)`` from a title row or note such as ``单位：万元``; ``None`` when none says.

    Examples
    --------
    >>> title_unit(["XX银行贷款台账", "统计日期：2024-01-31 单位：万元"])
    ('wan', '统计日期：2024-01-31 单位：万元')
    >>> title_unit(["Loan tape (amounts in thousands)"])[0]
    'thousand'
    """
    for text in texts:
        folded = _fold(text)
        for m in _TITLE_UNIT.finditer(folded):
            word = next(g for g in m.groups() if g)
            unit = _unit_in(word, bare=True)
            if unit is not None:
                return unit, str(text)
    return None


@dataclass(frozen=True)
class UnitFinding:
    """What the file says (or suggests) about its money unit.

    Attributes
    ----------
    unit : str
        A key of ``UNIT_FACTORS``.
    source : {"header", "title", "magnitude"}
        Where it came from; ``"magnitude"`` is a suggestion only.
    evidence : str
        The header or title text that names the unit (for magnitudes: the balance header).
    median, maximum : float or None
        The magnitudes behind a ``"magnitude"`` suggestion (in the file's own figures).
    """

    unit: str
    source: str
    evidence: str
    median: float | None = None
    maximum: float | None = None

    @property
    def suggested(self) -> bool:
        """True when only the magnitudes point at the unit (the user should confirm)."""
        return self.source == "magnitude"


def _amount_headers(mapping: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(c, mapping[c]) for c in AMOUNT_COLUMNS if mapping.get(c)]


def _magnitude_unit(values: pd.Series) -> tuple[float, float] | None:
    """``(median, max)`` of positive amounts when they look like 万元 figures, else ``None``.

    Balances of a bank book in 元 have medians in the thousands; a median under 100 with at
    least a third of the figures carrying decimals and nothing above 100,000 reads like 万元
    (18.25 = 182,500 元). Small-balance books in 元 can look alike, hence only a suggestion.
    """
    numbers, _ = parse_numbers(values.head(5000))
    arr = numbers.to_numpy(dtype=float)
    arr = arr[np.isfinite(arr) & (arr > 0)]
    if len(arr) < 5:
        return None
    median, p90, top = float(np.median(arr)), float(np.quantile(arr, 0.9)), float(arr.max())
    decimals = float(np.mean(np.abs(arr - np.round(arr)) > 1e-9))
    if median < 100 and p90 < 1_000 and top < 100_000 and decimals >= 1 / 3:
        return median, top
    return None


def own_units(mapping: Mapping[str, str], unit: str) -> dict[str, str]:
    """``{canonical: unit}`` for the mapped amount columns whose header names a unit other than
    the file's ``unit``: each is read in its own (``IngestOptions.column_units``).

    A header is the most specific thing a file says about its column: a workbook whose title
    says 单位：万元 may still print 授信额度（元）, and a balance in 万元 beside a limit in 元 is a
    common layout. Reading every column in one unit multiplied such a limit by 10,000.

    Examples
    --------
    >>> own_units({"balance": "贷款余额(万元)", "credit_limit": "授信额度（元）"}, "wan")
    {'credit_limit': 'yuan'}
    """
    out = {}
    for canonical, header in _amount_headers(mapping):
        named = header_unit(header)
        if named is not None and named != unit:
            out[canonical] = named
    return out


def detect_unit(raw, mapping: Mapping[str, str]) -> UnitFinding | None:
    """The money unit of a file's amounts, for the columns whose header names none: the balance's
    header, then a title row, then another amount header, then (a suggestion) magnitudes.

    The balance decides before a title (it is the figure every page reports); a title decides
    before another column's header (``单位：万元`` above ``授信额度（元）`` is about the others).

    Parameters
    ----------
    raw : RawTable
        The file as read (``titles`` and ``notes`` are searched for ``单位：万元``).
    mapping : Mapping[str, str]
        canonical → header; only the amount columns (balance first) are looked at.

    Returns
    -------
    UnitFinding or None
        ``None`` when nothing names or suggests a unit (the page keeps 元).

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> raw = read_table("借据号,贷款余额(万元)\\nA,18.25\\n".encode(), "a.csv")
    >>> f = detect_unit(raw, {"account_id": "借据号", "balance": "贷款余额(万元)"})
    >>> f.unit, f.source, f.evidence
    ('wan', 'header', '贷款余额(万元)')
    """
    amounts = _amount_headers(mapping)
    balance = dict(amounts).get("balance")
    if balance is not None and header_unit(balance) is not None:
        return UnitFinding(header_unit(balance), "header", balance)
    texts = list(getattr(raw, "titles", ()) or ())
    texts += [str(p.get("text", "")) for _, p in getattr(raw, "notes", ()) if isinstance(p, dict)]
    found = title_unit(texts)
    if found is not None:
        return UnitFinding(found[0], "title", found[1])
    for _, header in amounts:
        unit = header_unit(header)
        if unit is not None:
            return UnitFinding(unit, "header", header)
    for canonical, header in amounts:
        if canonical not in ("balance", "credit_limit") or header not in raw.frame.columns:
            continue
        if pd.api.types.is_datetime64_any_dtype(raw.frame[header].dtype):
            continue
        magnitudes = _magnitude_unit(raw.frame[header])
        if magnitudes is not None:
            return UnitFinding("wan", "magnitude", header, median=magnitudes[0], maximum=magnitudes[1])
        break  # the balance decides; a limit is looked at only without a balance
    return None


def unit_conflicts(mapping: Mapping[str, str], unit: str) -> list[tuple[str, str]]:
    """Mapped amount headers that name a unit other than ``unit``: ``[(header, its unit), ...]``
    (the page offers to read each in its own unit, :func:`own_units`, before loading).

    Examples
    --------
    >>> unit_conflicts({"balance": "贷款余额(万元)", "credit_limit": "授信额度(元)"}, "wan")
    [('授信额度(元)', 'yuan')]
    """
    return [(mapping[c], u) for c, u in own_units(mapping, unit).items()]
