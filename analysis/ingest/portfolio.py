"""Bytes of a portfolio file → a validated canonical portfolio and a validation report.

The flow the upload page, the CLI and the tests share::

    raw = read_table(data, filename)                 # cells as found (analysis.ingest.readers)
    mapping = suggest_mapping(raw)                    # canonical -> header, the user confirms
    codes = suggest_status_codes(raw, mapping)        # status label -> DPD, the user confirms
    result = build_portfolio(raw, mapping, IngestOptions(status_codes=codes))

or all at once: ``load_portfolio(data, filename)``.

Nothing is dropped silently: every row under the header is either in ``result.portfolio`` or in
``result.rejected`` with a reason, so ``rows_read == rows_accepted + rows_rejected`` and the
balance totals reconcile. Row checks are vectorised (boolean masks over the whole column, the
first failing check gives the reason); only the distinct values of a column ever go through
Python, never its rows.
"""
from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.conduct.textpii import mask_series
from analysis.core.i18n import shortened, translate
from analysis.ingest.bucket_columns import aging_band_columns
from analysis.ingest.errors import IngestError
from analysis.ingest.file_months import FILE_COLUMN, MONTH_COLUMN, month_blocks, named_month
from analysis.ingest.recognise import RECEIVABLES, contested_suggestions, suggest_mapping
from analysis.ingest.units import detect_unit as find_unit
from analysis.ingest.units import own_units
from analysis.core.privacy import mask_by_content, mask_mapped_pii
from analysis.ingest.parsing import (
    _as_arrow_strings,
    _categories,
    current_words,
    dash_cells,
    is_blank,
    label_convention,
    labels_to_dpd,
    LOAN_CLASS_DPD,
    loan_class_key,
    month_end,
    normalise_label,
    normalise_month,
    DATE_ORDERS,
    UNIT_FACTORS,
    date_order_of,
    dot_grouping_example,
    number_convention,
    MAX_AMOUNT,
    parse_amounts_detecting,
    parse_dates,
    parse_dates_ordered,
    parse_dpd,
    parse_months,
    parse_numbers,
    parse_numbers_detecting,
    parse_rates,
    shift_months,
    suggest_label_dpd,
)
from analysis.ingest.readers import HEADER_SCAN_ROWS, RawTable, give_back_memory, glibc, read_table
from analysis.ingest.reshape import UCI_REFERENCE_MONTH, WideSpec, suggest_wide_spec, wide_to_long
from analysis.core.schema import AMOUNT_COLUMNS, PII_COLUMNS, SEGMENT_COLUMNS, THIN_MONTH_SHARE, canonical_for
from analysis.core.vocabulary import FIVE_TIER_KEYS

__all__ = [
    "IngestError", "IngestOptions", "IngestResult", "RawTable", "WideSpec", "build_portfolio", "dpd_mapping",
    "format_questions", "inspect_json", "load_portfolio", "mapping_from_json", "mapping_to_json", "read_table",
    "suggest_mapping", "suggest_status_codes", "suggest_wide_spec",
]


@dataclass(frozen=True)
class IngestOptions:
    """Choices the user makes on the upload page (or on the command line).

    Attributes
    ----------
    amount_unit : {"yuan", "thousand", "wan", "yi"}
        Unit of amounts in the file: 元, 千元 (×1,000), 万元 (×10,000) or 亿元 (×100,000,000).
    snapshot_month : str, optional
        ``YYYY-MM`` for a file without a date column (a single snapshot).
    reference_month : str, optional
        The calendar month relative month 0 stands for (``MONTHS_BALANCE = 0, -1, …``), or the
        newest month of a wide UCI-style file.
    status_codes : Mapping[str, int | None], optional
        Status label → DPD; ``None`` excludes such rows (rejected with a reason). ``None`` here
        means "use :func:`suggest_status_codes`".
    balance_missing : {"reject", "unit"}
        Without a balance column: ``"unit"`` counts every account-month as balance 1.0.
    negative_balance : {"reject", "zero"}
        Reject rows with a negative balance, or count them as 0 (the report says how many).
    wide : WideSpec, optional
        Reshape one-column-per-month files.
    extra_segments : tuple of str
        Headers kept as extra segment columns (category dtype, header as the column name).
    date_order : {"auto", "mdy", "dmy"}
        How ``a/b/yyyy`` dates read: ``"auto"`` day first when a day above 12 shows it (a note
        says so), else month first; or forced month first / day first.
    decimal_comma : {"auto", True, False}
        ``"auto"`` reads ``1.234,56`` and ``12,5`` with a decimal comma when a column shows it (a
        note says so); ``True`` forces the comma as decimal mark (``1,234`` → 1.234), ``False`` the dot.
    column_units : Mapping[str, str], optional
        Amount columns read in a unit of their own (canonical → unit), where their header names
        one that is not ``amount_unit`` (``授信额度（元）`` beside ``贷款余额（万元）``); the
        others are read in ``amount_unit``.
    """

    amount_unit: str = "yuan"
    snapshot_month: str | None = None
    reference_month: str | None = None
    status_codes: Mapping[str, int | None] | None = None
    balance_missing: str = "reject"
    negative_balance: str = "reject"
    wide: WideSpec | None = None
    extra_segments: tuple[str, ...] = ()
    date_order: str = "auto"
    decimal_comma: bool | str = "auto"
    column_units: Mapping[str, str] | None = None

    def unit_of(self, canonical: str) -> str:
        """The unit the amount column ``canonical`` is read in."""
        return (self.column_units or {}).get(canonical, self.amount_unit)


@dataclass(frozen=True)
class IngestResult:
    """A validated portfolio and its validation report.

    Attributes
    ----------
    portfolio : DataFrame
        Canonical portfolio (docs/ARCHITECTURE.md), sorted by month then account_id.
    rejected : DataFrame
        Every rejected row: ``row`` (1-based as the user sees it), ``reason`` (message key),
        ``detail`` (dict of the message's parameters), ``position`` (row in ``raw.frame``).
    summary : dict
        ``rows_read, rows_accepted, rows_rejected, balance_read, balance_accepted,
        balance_rejected, accounts, months, mapping, notes`` and more.
    raw : RawTable or None
        The cells as read, for re-mapping and for the rejected-rows report.
    """

    portfolio: pd.DataFrame
    rejected: pd.DataFrame
    summary: dict
    raw: RawTable | None = None

    def rejected_report(self, lang: str = "en") -> pd.DataFrame:
        """Rejected rows for download: row number, reason in ``lang``, then the original cells.

        Examples
        --------
        >>> res = load_portfolio(b"account_id,month,dpd,balance\\n,2024-01,0,1\\n", "a.csv")
        >>> res.rejected_report("en")[["row", "reason"]].values.tolist()
        [[2, 'account id is missing']]
        """
        rej = self.rejected
        reasons = [translate(k, lang, **(d if isinstance(d, dict) else {}))
                   for k, d in zip(rej["reason"], rej["detail"])]
        out = pd.DataFrame({
            ("行号" if lang == "zh" else "row"): rej["row"].to_numpy(),
            # a reason quotes the cell it could not read, which may be a phone or an ID number
            ("原因" if lang == "zh" else "reason"): mask_by_content(pd.DataFrame({"r": pd.array(reasons, dtype="str")}))["r"].to_numpy(),
        })
        # keep the documented names too, so code can rely on them whatever the language
        out.columns = ["row", "reason"]
        if self.raw is not None and len(rej):
            cells = self.raw.frame.iloc[rej["position"].to_numpy()].reset_index(drop=True)
            cells = mask_mapped_pii(cells, self.summary.get("mapping") or {})
            cells.columns = [c if c not in ("row", "reason") else f"{c}_" for c in cells.columns]
            out = pd.concat([out, cells], axis=1)
        return out

    def compact(self) -> "IngestResult":
        """The same result keeping only the raw cells of rejected rows.

        The raw table of a 2-3M-row upload is as large as the portfolio itself; once the data is
        in use only the rejected rows' cells are still needed (for the rejected-rows report).
        """
        if self.raw is None:
            return self
        positions = self.rejected["position"].to_numpy() if len(self.rejected) else np.zeros(0, dtype=np.int64)
        if len(self.raw.frame) == len(positions) and (positions == np.arange(len(positions))).all():
            return self  # compact already: the same object (sessions sharing one result keep sharing it)
        frame = self.raw.frame.iloc[positions].reset_index(drop=True)
        raw = replace(self.raw, frame=frame, source_rows=np.asarray(self.raw.source_rows)[positions])
        rejected = self.rejected.assign(position=np.arange(len(self.rejected), dtype=np.int64))
        return replace(self, raw=raw, rejected=rejected)


# --------------------------------------------------------------------------------------------
# suggestions


def _status_values(raw: RawTable, mapping: Mapping[str, str], wide: WideSpec | None) -> list[pd.Series]:
    """The columns holding status labels: the wide layout's, else the mapped one."""
    cols = []
    if wide is not None and "status_label" in wide.columns:
        cols = [raw.frame[h] for h in wide.columns["status_label"] if h in raw.frame.columns]
    elif mapping.get("status_label") in raw.frame.columns:
        cols = [raw.frame[mapping["status_label"]]]
    return cols


def distinct_labels(raw: RawTable, mapping: Mapping[str, str], wide: WideSpec | None = None,
                    limit: int = 1000) -> list[str]:
    """The distinct status labels as found (trimmed), most frequent first, at most ``limit``.

    Examples
    --------
    >>> raw = read_table(b"id,status\\n1,M1\\n2, M1\\n3,M0\\n", "a.csv")
    >>> distinct_labels(raw, {"status_label": "status"})
    ['M1', 'M0']
    """
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for col in _status_values(raw, mapping, wide):
        vc = col.value_counts(dropna=True)
        for value, n in vc.items():
            if not n:  # a category of a compactly read column that no row holds
                continue
            key = normalise_label(value)
            if not key:
                continue
            counts[key] = counts.get(key, 0) + int(n)
            first.setdefault(key, key if not isinstance(value, str) else value.strip())
    order = sorted(counts, key=lambda k: -counts[k])[:limit]
    return [first[k] for k in order]


def suggest_status_codes(raw: RawTable, mapping: Mapping[str, str], wide: WideSpec | None = None) -> dict[str, int | None]:
    """Propose a DPD per status label found in the status column (or the wide status columns).

    ``None`` means exclude (e.g. Fully Paid: closed; credit-card code X: no loan that month).
    Labels that are not understood are left out — rows holding them are rejected as "unknown
    status" until the user gives them a DPD. See :data:`analysis.ingest.parsing.STATUS_CODE_DOC`.

    Examples
    --------
    >>> raw = read_table(b"id,status\\n1,Current\\n2,Late (16-30 days)\\n3,Fully Paid\\n", "a.csv")
    >>> suggest_status_codes(raw, {"account_id": "id", "status_label": "status"})
    {'Current': 0, 'Late (16-30 days)': 23, 'Fully Paid': None}
    """
    if wide is None and mapping.get("status_label") not in raw.frame.columns:
        wide_guess = suggest_wide_spec(raw)
        wide = wide_guess if wide_guess is not None and "status_label" in wide_guess.columns else None
    labels = distinct_labels(raw, mapping, wide)
    convention = label_convention(labels)
    if wide is not None and "status_label" in wide.columns and convention == "generic":
        convention = "months_late"
    out: dict[str, int | None] = {}
    # the bank's classification as the only delinquency column: its codes 1–5 are tiers, not months late
    classes = mapping.get("loan_class") if wide is None and mapping.get("loan_class") == mapping.get("status_label") else None
    for label in labels:
        tier = loan_class_key(label, header=classes) if classes else None
        proposal = LOAN_CLASS_DPD[tier] if tier else suggest_label_dpd(label, convention)
        if proposal is None:
            continue
        out[label] = None if isinstance(proposal, str) else int(proposal)
    return out


#: Canonical columns whose ``a/b/yyyy`` dates the date order option reads.
_DATE_COLUMNS = ("snapshot_date", "origination_date", "due_date")
#: Canonical columns whose numbers the decimal mark option reads.
_NUMBER_COLUMNS = (*AMOUNT_COLUMNS, "score", "interest_rate")


def format_questions(raw: RawTable, mapping: Mapping[str, str], sample: int = 50_000) -> dict[str, list]:
    """The mapped columns whose reading is a guess the user should confirm.

    ``{"date_order": [(header, example), ...], "decimal_comma": [(header, example), ...]}``:
    date columns whose ``a/b/yyyy`` values could be month-first or day-first, number columns whose
    commas could group thousands or mark decimals (``1,234``), amount columns whose every dotted
    cell reads ``1.234`` (three decimals, or a dot between thousands). Both are read the usual way (month
    first, comma as thousands) unless the user picks the option; unambiguous columns are detected
    and need no question. Only the first ``sample`` rows are looked at (the page asks on every
    rerun; the build's notes look at every row).

    Examples
    --------
    >>> raw = read_table(b'id,month,dpd,balance\\nA,01/02/2024,0,"1,234"\\n', "a.csv")
    >>> format_questions(raw, {"snapshot_date": "month", "balance": "balance"})
    {'date_order': [('month', '01/02/2024')], 'decimal_comma': [('balance', '1,234')]}
    """
    frame = raw.frame.head(sample)
    out: dict[str, list] = {"date_order": [], "decimal_comma": []}
    for canonical, header in mapping.items():
        if not header or header not in frame.columns:
            continue
        col = frame[header]
        if canonical in _DATE_COLUMNS and not pd.api.types.is_datetime64_any_dtype(col.dtype):
            found, example = date_order_of(col.dropna().unique())
            if found == "ambiguous":
                out["date_order"].append((header, example))
        elif canonical in _NUMBER_COLUMNS:
            found, example = number_convention(col)
            if found is None and canonical in AMOUNT_COLUMNS:
                # 1.234 in every dotted cell: three decimals, or a dot between thousands?
                found, example = "ambiguous", dot_grouping_example(col)
            if found == "ambiguous" and example:
                out["decimal_comma"].append((header, example))
    return out


# --------------------------------------------------------------------------------------------
# building the portfolio

# 合计/小计/总计 start a total row whatever follows ("合计：", "合计(元)"); the English words only
# when they are the whole cell, so an account called "Total Motors" or "Summit" is not one.
_TOTAL_PATTERN = (r"^\s*(合\s*计|小\s*计|总\s*计|总\s*合\s*计|总额|汇\s*总"
                  r"|(grand\s*total|sub\s*-?\s*total|total|sum|totals)\s*[:：]?\s*$)"
                  # 杭州分行小计, 本页合计, 全行汇总 (Excel's Chinese total row says 汇总): a subtotal
                  # named after what it adds up
                  r"|^[^\d]{0,12}(小\s*计|合\s*计|总\s*计|汇\s*总)\s*[:：]?\s*$")
#: A note under the table (注：…, 制表人：…, 数据来源：…) in the id or the first column: not a loan.
_NOTE_PATTERN = (r"^\s*(注|备注|说明|附注|制表|制表人|审核|审核人|复核|填报|填表|填表人|负责人|单位负责人|数据来源|资料来源|"
                 r"note|notes|source|prepared\s+by)\s*[0-9一二三四五六七八九十]*\s*[:：.、]")


class _Rejections:
    """First failing check wins: a reason code per row plus what to say about it."""

    def __init__(self, n: int) -> None:
        self.code = np.zeros(n, dtype=np.int16)
        self.kinds: list[tuple[str, str | None, pd.Series | None, dict]] = [("", None, None, {})]

    def add(self, mask: np.ndarray, key: str, column: str | None = None,
            values: pd.Series | None = None, **extra: object) -> None:
        """Give the rows in ``mask`` not yet rejected the reason ``key``."""
        mask = np.asarray(mask, dtype=bool) & (self.code == 0)
        if not mask.any():
            return
        self.kinds.append((key, column, values, extra))
        self.code[mask] = len(self.kinds) - 1

    @property
    def ok(self) -> np.ndarray:
        """Rows no check has rejected."""
        return self.code == 0

    def frame(self, source_rows: np.ndarray, positions: np.ndarray) -> pd.DataFrame:
        """The rejected rows in row order: row number, reason key, detail (message parameters), position."""
        idx = np.flatnonzero(self.code)
        details: list[dict] = [None] * len(idx)  # type: ignore[list-item]
        keys = np.empty(len(idx), dtype=object)
        codes = self.code[idx]
        for k in np.unique(codes):
            key, column, values, extra = self.kinds[k]
            sel = np.flatnonzero(codes == k)
            rows = idx[sel]
            keys[sel] = key
            if values is not None:
                vals = [_cell_text(v) for v in values.iloc[rows].tolist()]
            else:
                vals = [""] * len(rows)
            extra = dict(extra)
            per_row = extra.pop("_per_row", None)
            column_of = extra.pop("_column_of", None)
            columns = column_of(rows) if column_of is not None else None
            if per_row is not None:
                per_row = {name: np.asarray(arr)[rows].tolist() for name, arr in per_row.items()}
            # Rows that say the same share one (read-only) detail: ten million rows of "1,," each
            # with a dict of their own held 5 GB from a 40 MB file.
            shared: dict[tuple, dict] = {}
            for j, s in enumerate(sel):
                d = {"column": columns[j] if columns is not None else (column or ""), "value": vals[j]}
                d.update(extra)
                if per_row is not None:
                    d.update({name: vs[j] for name, vs in per_row.items()})
                try:
                    details[s] = shared.setdefault(tuple(d.items()), d)
                except TypeError:  # a parameter that cannot be a key: its own
                    details[s] = d
        return pd.DataFrame({
            "row": source_rows[idx].astype(np.int64),
            "reason": pd.array(keys.tolist(), dtype="str"),
            "detail": pd.Series(details, dtype=object),
            "position": (idx if positions is None else positions[idx]).astype(np.int64),
        })


def _cell_text(v: object) -> str:
    """A cell as the user sees it: blank for missing, integral floats without ``.0``."""
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:  # 1e308 is not 309 digits to read
        return str(int(v))
    return str(v)


def _bool(arr) -> np.ndarray:
    """An Arrow boolean result as a NumPy mask, null as False."""
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _strings(values: pd.Series) -> pd.Series:
    """Text of each cell, trimmed; integral numbers without ``.0``; blanks as NA."""
    if pd.api.types.is_float_dtype(values.dtype):
        v = values.to_numpy(dtype="float64", na_value=np.nan)
        if np.all(np.isnan(v) | (v == np.floor(v))):
            out = pd.Series(pd.array(values, dtype="Int64"), index=values.index).astype("str")
        else:
            out = values.astype("str")
        return out.where(values.notna(), pd.NA) if out.hasnans is False else out
    if pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return values.astype("str")
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.dt.strftime("%Y-%m-%d")
    if isinstance(values.dtype, pd.CategoricalDtype):  # each distinct cell once, spread over the rows
        codes, uniq = _category_codes(values)
        texts = _strings(uniq)
        out = texts.take(np.where(codes < 0, 0, codes)).where(codes >= 0, pd.NA) if len(uniq) else \
            pd.Series(pd.array([pd.NA] * len(values), dtype="str"))
        out.index = values.index
        return out
    arr = _as_arrow_strings(values)
    if arr is None:
        arr = pa.array([None if (x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x)))
                        else _cell_text(x) for x in values], type=pa.string())
    trimmed = pc.utf8_trim_whitespace(arr)
    trimmed = pc.if_else(pc.equal(trimmed, ""), None, trimmed)
    out = trimmed.to_pandas() if hasattr(trimmed, "to_pandas") else pd.Series(trimmed)
    if not pd.api.types.is_string_dtype(out.dtype):
        out = out.astype("str")
    out.index = values.index
    return out


def _factorize(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """``(codes int64 with -1 for missing, distinct values as a Series)`` in first-seen order.

    Text columns are dictionary-encoded by Arrow directly (pandas' factorize on Arrow strings
    adds conversions that cost more than the encoding itself on millions of rows).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):  # read compactly: already coded
        return _category_codes(values)
    arr = _as_arrow_strings(values) if pd.api.types.is_string_dtype(values.dtype) else None
    if arr is None:
        codes, uniq = pd.factorize(values, use_na_sentinel=True)
        return codes.astype(np.int32, copy=False), pd.Series(uniq)
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    if not chunks:
        return np.zeros(0, dtype=np.int32), pd.Series([], dtype="str")
    whole = pc.dictionary_encode(pa.chunked_array(chunks))
    encoded = whole.chunks
    last = encoded[-1].dictionary
    if all(e.dictionary.equals(last) for e in encoded[:-1]):
        # Arrow encodes a chunked column with one memo table: every chunk shares the dictionary
        idx = pc.fill_null(pa.chunked_array([e.indices for e in encoded], type=encoded[0].indices.type), -1)
        return np.asarray(idx.to_numpy(), dtype=np.int32), last.to_pandas()
    # otherwise unify the chunks' dictionaries through one small lookup
    distinct = pc.unique(pa.concat_arrays([e.dictionary for e in encoded]))
    parts = []
    for e in encoded:
        remap = np.asarray(pc.index_in(e.dictionary, value_set=distinct).to_numpy(zero_copy_only=False),
                           dtype=np.int32)
        idx = np.asarray(pc.fill_null(e.indices, -1).to_numpy(zero_copy_only=False), dtype=np.int32)
        parts.append(np.where(idx < 0, -1, remap[np.maximum(idx, 0)]) if len(remap) else idx)
    codes = np.concatenate(parts) if len(parts) > 1 else parts[0]
    return codes, distinct.to_pandas()


def _category_codes(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """:func:`_factorize` of a ``category`` column: its codes, and its categories that occur."""
    codes = values.cat.codes.to_numpy().astype(np.int32)
    cats = values.cat.categories
    used = np.bincount(codes[codes >= 0], minlength=len(cats)) > 0
    if not used.all():  # a category no row holds (rows were dropped): as if never seen
        table = np.where(used, np.cumsum(used) - 1, -1)
        codes, cats = _remap(codes, table), cats[used]
    return codes, pd.Series(cats.astype("str") if pd.api.types.is_string_dtype(cats.dtype) else cats, copy=False)


def _remap(codes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """``table[codes]`` with -1 (missing) kept as -1."""
    # int32 codes: half the memory of int64 on millions of rows, and plenty for distinct values
    table = np.append(np.asarray(table, dtype=np.int32), np.int32(-1))
    safe = codes.astype(np.int32, copy=False)
    missing = safe < 0
    if missing.any():
        safe = safe.copy()
        safe[missing] = len(table) - 1
    return table[safe]


#: Unicode format characters (category Cf: zero-width spaces and joiners, the BOM, direction
#: marks): invisible on screen, so a cell holding one must read as the cell without it.
_FORMAT_CHARACTERS = r"\p{Cf}"


class _Coded:
    """A text column as integer codes into its sorted, trimmed distinct values.

    Cleaning, sorting, total-row detection and category building then touch each distinct value
    once instead of every row: a 2.4M-row account column has 100k distinct ids, a segment a few.
    """

    def __init__(self, values: pd.Series, compact: bool = False, identifier: bool = False) -> None:
        codes, uniq = _factorize(values)
        arr = _as_arrow_strings(uniq) if pd.api.types.is_string_dtype(uniq.dtype) else None
        #: distinct values holding invisible format characters (zero-width space, BOM, direction
        #: marks): removed, or "A1" and "A1\u200b" are two accounts that look like one
        self.invisible = 0
        if arr is not None and identifier:  # ids only: a ZWJ or ZWNJ in a product name is part of it
            invisible = pc.fill_null(pc.match_substring_regex(arr, _FORMAT_CHARACTERS), False)
            self.invisible = int(pc.sum(invisible).as_py() or 0)
            if self.invisible:
                arr = pc.replace_substring_regex(arr, _FORMAT_CHARACTERS, "")
        if arr is not None:
            arr = pc.utf8_trim_whitespace(arr)
            arr = pc.if_else(pc.equal(arr, ""), None, arr)
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
        else:
            texts = _strings(uniq)
            arr = pa.array(texts.astype(object).where(texts.notna(), None).tolist(), type=pa.string())
        #: distinct values written in a form that hides the identifier (="00123", '00123, 1001.0)
        self.unwrapped = 0
        if identifier and len(arr):
            arr, self.unwrapped = _plain_identifiers(arr)
        # large_string: what pandas' str dtype holds, so handing rows over to pandas is zero-copy
        arr = arr.cast(pa.large_string())
        distinct = pc.unique(arr.drop_null())
        distinct = distinct.take(pc.array_sort_indices(distinct))
        remap = np.asarray(pc.fill_null(pc.index_in(arr, value_set=distinct), -1).to_numpy(), dtype=np.int64)
        self.codes = _remap(codes, remap)
        del codes
        if compact and len(distinct) < 127:
            self.codes = self.codes.astype(np.int8)  # a segment: a few categories, 1 byte a row
        elif compact and len(distinct) < 32_000:
            self.codes = self.codes.astype(np.int16)
        self.uniques = distinct

    @property
    def missing(self) -> np.ndarray:
        """Rows without a value."""
        return self.codes < 0

    def matches(self, pattern: str) -> np.ndarray:
        """Rows whose value matches the regular expression ``pattern`` (case-insensitive)."""
        hit = np.append(_bool(pc.match_substring_regex(self.uniques, pattern, ignore_case=True)), False)
        return hit[np.where(self.codes < 0, len(hit) - 1, self.codes)]

    def strings(self, rows: np.ndarray | None = None) -> pd.Series:
        """The values of ``rows`` (default all) as text, missing as NA."""
        idx = self.codes if rows is None else self.codes[rows]
        missing = idx < 0
        # the codes as they are (no int64 copy of millions of rows; no mask when none is missing)
        taken = self.uniques.take(pa.array(idx, mask=missing if missing.any() else None))
        out = taken.to_pandas()
        return out if pd.api.types.is_string_dtype(out.dtype) else out.astype("str")

    def categorical(self, rows: np.ndarray) -> pd.Categorical:
        """The values of ``rows`` as a categorical over the sorted distinct values."""
        cats = pd.Index(self.uniques.to_pylist(), dtype="str")
        return pd.Categorical.from_codes(self.codes[rows], categories=cats)


#: How exports keep an identifier's leading zeros from Excel (="00123", '00123), and a number
#: column's float form (1001.0): the identifier is what is inside.
_WRAPPED_ID = r'^="(.*)"$|^\'(.+)$|^(\d+)\.0+$'


def _plain_identifiers(arr: pa.Array) -> tuple[pa.Array, int]:
    """Identifiers without the wrapper an export put around them, and how many distinct values had one.

    One account written ``="0000090001"`` in one month's file and ``0000090001`` in the next
    must stay one account (else every account "exits" and comes back as new).
    """
    wrapped = pc.fill_null(pc.match_substring_regex(arr, _WRAPPED_ID), False)
    n = int(pc.sum(wrapped).as_py() or 0)
    if not n:
        return arr, 0
    inner = pc.replace_substring_regex(arr, _WRAPPED_ID, r"\1\2\3")
    inner = pc.utf8_trim_whitespace(inner)
    return pc.if_else(pc.equal(inner, ""), None, inner), n


def _column(values) -> pd.Series:
    """A Series over ``values`` without the copy pandas 3 makes of NumPy input by default."""
    return pd.Series(values, copy=False)


class _ByCode:
    """The rows of a compact (``category``) column parsed once per distinct cell: row ``i`` is
    ``table[codes[i]]``, built only when (and for the rows) asked.

    Parsed in full, a 2.4M-row column is 18 MB of float64 or datetime64 held from the
    conversions to the assembly; by code it is the raw column's own codes (1-4 bytes a row,
    shared, not copied) and a table of its distinct values. The last entry of ``table`` is the
    value of a missing cell (code -1, which NumPy reads as the last entry).
    """

    def __init__(self, table: np.ndarray, codes: np.ndarray) -> None:
        self.table = table
        self.codes = codes

    def rows(self, order: np.ndarray | None = None) -> np.ndarray:
        """The values of all rows, or of the rows ``order`` in that order."""
        return self.table[self.codes if order is None else self.codes[order]]

    def map(self, func: Callable[[np.ndarray], np.ndarray]) -> "_ByCode":
        """An elementwise ``func`` applied to the distinct values only."""
        return _ByCode(func(self.table), self.codes)


def _rows(values: np.ndarray | _ByCode, order: np.ndarray | None = None) -> np.ndarray:
    """All rows (or the rows ``order``) of a parsed column held in full or :class:`_ByCode`."""
    if isinstance(values, _ByCode):
        return values.rows(order)
    return values if order is None else values[order]


def _apply(values: np.ndarray | _ByCode, func: Callable[[np.ndarray], np.ndarray]) -> np.ndarray | _ByCode:
    """An elementwise ``func`` of a parsed column (per distinct value when held by code)."""
    return values.map(func) if isinstance(values, _ByCode) else func(values)


def _missing_value(item: np.ndarray):
    """What a missing cell parses to, for an array of ``item``'s dtype."""
    if item.dtype == bool:
        return False
    if np.issubdtype(item.dtype, np.datetime64):
        return np.datetime64("NaT", "ns")
    return np.nan


def _parsed(parse: Callable, values: pd.Series, *args) -> tuple:
    """``parse(values, *args)`` with its per-row outputs (Series, masks) as NumPy arrays; a
    compact column is parsed once per distinct cell and its outputs kept :class:`_ByCode`.

    The outputs by code are those :func:`analysis.ingest.parsing._per_category` spreads over
    the rows (exact for parsers whose value for a cell depends on that cell alone and on which
    texts occur), without holding them for every row.
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return tuple(item.to_numpy() if isinstance(item, pd.Series) else item for item in parse(values, *args))
    # a view of the raw column's codes: kept as long as the parsed column, never copied
    codes = values.cat.codes.to_numpy()
    out = []
    for item in parse(_categories(values), *args):
        if isinstance(item, pd.Series):
            item = item.to_numpy(dtype="float64", na_value=np.nan) if not \
                pd.api.types.is_datetime64_any_dtype(item.dtype) else item.to_numpy(dtype="datetime64[ns]")
        if isinstance(item, np.ndarray):
            item = _ByCode(np.append(item, np.array([_missing_value(item)], dtype=item.dtype)), codes)
        out.append(item)
    return tuple(out)


#: Threads for the independent column conversions. Measured on the 2.4M-row bench panel on
#: 2 shared cores: 2 threads saved ~0.1-0.3 s but raised peak memory by ~90 MB (each thread's
#: malloc arena holds its own temporaries), and memory is the tighter bar; so 1 by default.
CONVERSION_THREADS = 1


def _run_parallel(tasks: dict) -> dict:
    """Run independent column conversions (on ``CONVERSION_THREADS`` threads); keyed like ``tasks``."""
    workers = min(CONVERSION_THREADS, len(tasks))
    if workers <= 1:
        return {k: f() for k, f in tasks.items()}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {k: pool.submit(f) for k, f in tasks.items()}
        return {k: fut.result() for k, fut in futures.items()}


def _examples(values: pd.Series, k: int = 3) -> tuple[str, ...]:
    """Up to ``k`` distinct values of a column, for a message."""
    vals = [v for v in values.dropna().unique()[:k]]
    return tuple(_cell_text(v) for v in vals)


def _check_option(name: str, value: object, allowed: tuple) -> None:
    """Refuse an option value outside ``allowed``."""
    if value not in allowed:
        raise IngestError("ingest.error.bad_option", option=name, value=value)


def _column_list(raw: RawTable) -> tuple[str, ...]:
    """The file's headers for a message (at most 40)."""
    cols = [str(c) for c in raw.frame.columns]
    return shortened(cols, 40)


def build_portfolio(raw: RawTable, mapping: Mapping[str, str], options: IngestOptions = IngestOptions()) -> IngestResult:
    """Turn a :class:`RawTable` into the canonical portfolio under a confirmed mapping.

    The steps, in order (each a function below that says what it decides): check the options
    and the mapping, map the columns (reshaping a wide file), parse the values, find each row's
    month and DPD, check the amounts, drop repeated account-months, reconcile, assemble.

    Parameters
    ----------
    raw : RawTable
        From :func:`read_table`.
    mapping : Mapping[str, str]
        ``canonical -> header``. Empty values are ignored.
    options : IngestOptions
        Units, months, status codes, wide layout, extra segments.

    Returns
    -------
    IngestResult

    Raises
    ------
    IngestError
        When the mapping cannot give a portfolio at all (no account, month, DPD or balance
        source; a date column with no date in it; an amount column that is all text).

    Examples
    --------
    >>> raw = read_table(b"id,month,dpd,balance\\nA,2024-01,0,100\\nA,2024-01,5,100\\n", "a.csv")
    >>> res = build_portfolio(raw, suggest_mapping(raw))
    >>> res.summary["rows_accepted"], res.rejected["reason"].tolist()
    (1, ['ingest.reject.duplicate'])
    """
    with memory_returned():
        return _build([raw], mapping, options, owned=False)


def row_numbers(rows: np.ndarray) -> np.ndarray:
    """The ``source_row`` column of ``rows``: 32 bits when every row number fits (always, for a
    file read whole: 9.6 MB less per 2.4M rows in the session), else 64.

    Examples
    --------
    >>> row_numbers(np.array([2, 3], dtype=np.int64)).dtype
    dtype('int32')
    >>> row_numbers(np.array([2, 10 ** 10])).dtype
    dtype('int64')
    """
    rows = np.asarray(rows)
    fits = not len(rows) or (int(rows.max()) < 2 ** 31 and int(rows.min()) >= -2 ** 31)
    return rows.astype(np.int32 if fits else np.int64, copy=False)


def _build(holder: list, mapping: Mapping[str, str], options: IngestOptions, owned: bool) -> IngestResult:
    """:func:`build_portfolio` of the raw table in ``holder`` (a one-item list, emptied).

    ``owned``: the caller keeps no other reference to the raw table (:func:`load_portfolio`), so
    once the rows are checked only the rejected rows' cells are kept (the result is
    :meth:`IngestResult.compact`'s) and the cells of the others are released before the output
    columns are built: the text of a big file and the portfolio are then never held together.
    """
    raw = holder.pop()
    _check_options(options)
    mapping = _confirmed_mapping(raw.frame, mapping)
    work = _working_columns(raw, dpd_mapping(mapping), options)
    _require_sources(raw, work, options)
    # Arrow releases the GIL, so the independent conversions may run side by side (see
    # CONVERSION_THREADS); the row checks are then applied in a fixed order: first failing wins.
    converted = _Pool(_run_parallel(_conversions(work, options)))
    ledger = _Ledger(work.n, (*raw.notes, *work.notes, *_contested_notes(raw, mapping), *_lone_sub_column_notes(raw, mapping)))
    account = converted.peek("account")
    ledger.record(_account_checks(work, account))
    months = ledger.record(_months(work, options))
    dpd = ledger.record(_derive_dpd(raw, dpd_mapping(mapping), options, work, converted, months))
    amounts = _Pool(ledger.record(_amounts(work, converted, months, options)))
    order = ledger.record(_deduplicated_order(work, account, months, ledger.rejections.ok))

    # Reconcile before assembling, so the full-length intermediates can go before the output
    # columns are built (peak memory is what limits file size on a shared server).
    rejected = ledger.rejections.frame(work.source_rows, work.positions)
    totals = _balance_totals(amounts.peek("balance"), ledger.rejections, work.n)
    file_rows = len(raw.frame)
    # every row has its reason now: the reason codes (and what their messages quote) can go
    ledger.rejections = None
    if owned and work.wide is None:
        raw, rejected = _rejected_cells_only(raw, rejected)
        work = _without_checked_cells(work)
        give_back_memory()
    counts = {"accounts": _account_count(account, order), "months": _used_months(months, order)}
    if work.n < 2**31:  # the sort's int64 row numbers as int32: 9 MB less held while assembling
        order = order.astype(np.int32)
    # Each output column is built from its source, which is then released, so the portfolio
    # grows while the intermediates shrink; the row numbers first (a full column).
    source_row = _column(row_numbers(work.source_rows[order]))
    work = replace(work, source_rows=None)
    columns = _key_columns(account, months, dpd, order)
    del account, dpd
    converted.take("account")
    months = None
    balance, balance_zeroed = ledger.record(_balance_column(amounts.take("balance"), order))
    columns["balance"] = balance
    columns.update(ledger.record(_other_columns(work, converted, amounts, order, options)))
    del order
    columns["source_row"] = source_row
    del source_row
    portfolio = _portfolio_frame(columns)
    del columns

    summary = _summary(raw, mapping, options, work, portfolio, rejected, totals, file_rows=file_rows,
                       balance_zeroed=balance_zeroed, accounts=counts["accounts"],
                       months=counts["months"], notes=ledger.notes)
    return IngestResult(portfolio=portfolio, rejected=rejected, summary=summary, raw=raw)


#: Where a row's days past due can come from, in order of preference.
_DPD_SOURCES = ("days_past_due", "due_date", "status_label")


def dpd_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping the DPD is read through: as given, or, for a file whose only delinquency
    information is the bank's five-tier classification, that column read as a status label too.

    The class then gives each row a representative DPD (正常 0, 关注 45, 次级 135, 可疑 270,
    损失 361: :data:`analysis.ingest.parsing.LOAN_CLASS_DPD`), so the DPD views have a book to
    work on; the summary's ``dpd_source`` says ``"loan_class"`` and the aging page does not
    offer that DPD as a check of the class it came from.

    Examples
    --------
    >>> dpd_mapping({"account_id": "id", "loan_class": "五级分类"})["status_label"]
    '五级分类'
    >>> "status_label" in dpd_mapping({"days_past_due": "dpd", "loan_class": "五级分类"})
    False
    """
    out = {c: h for c, h in mapping.items() if h not in (None, "")}
    if "loan_class" in out and not any(c in out for c in _DPD_SOURCES):
        out["status_label"] = out["loan_class"]
    return out
#: Columns whose cells the output is still built from after the row checks (the others are
#: converted before them).
_ASSEMBLED_FROM_CELLS = ("due_date", "overdue_reason", "origination_date", "interest_rate", *PII_COLUMNS)


def _rejected_cells_only(raw: RawTable, rejected: pd.DataFrame) -> tuple[RawTable, pd.DataFrame]:
    """The raw table cut to the rejected rows, and the rejections pointing into it (as
    :meth:`IngestResult.compact` gives them)."""
    positions = rejected["position"].to_numpy()
    frame = raw.frame.iloc[positions].reset_index(drop=True)
    for name in frame.columns[[isinstance(t, pd.CategoricalDtype) for t in frame.dtypes]]:
        # a compact column's categories are the whole file's distinct cells (100k+ account ids)
        frame[name] = frame[name].cat.remove_unused_categories()
    small = replace(raw, frame=frame, source_rows=np.asarray(raw.source_rows)[positions])
    return small, rejected.assign(position=np.arange(len(rejected), dtype=np.int64))


def _without_checked_cells(work: _Working) -> _Working:
    """The working columns without the cells the rest of the build no longer reads (the names
    stay: the output is built from what the conversions gave)."""
    cols = {c: (v if c in _ASSEMBLED_FROM_CELLS else None) for c, v in work.cols.items()}
    return replace(work, cols=cols, extra_cols=dict.fromkeys(work.extra_cols), first_col=None)


# ---- how the steps hand over what they find -------------------------------------------------


@dataclass(frozen=True)
class _Check:
    """One row check: the rows in ``mask`` get reason ``key`` unless an earlier check took them."""

    mask: np.ndarray
    key: str
    column: str | None = None
    values: pd.Series | None = None
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Outcome:
    """What a step found: its value, the row checks it asks for (in order) and its notes."""

    value: object = None
    checks: tuple[_Check, ...] = ()
    notes: tuple[tuple[str, dict], ...] = ()


class _Ledger:
    """The validation report as the steps fill it: the first failing check wins; notes in order."""

    def __init__(self, n: int, notes: tuple[tuple[str, dict], ...]) -> None:
        self.rejections: _Rejections | None = _Rejections(n)
        self.notes: list[tuple[str, dict]] = list(notes)

    def record(self, outcome: _Outcome):
        """Apply a step's checks and keep its notes; return the step's value."""
        if outcome.checks and self.rejections is None:
            raise RuntimeError("row checks after the rejections were reported")
        for check in outcome.checks:
            self.rejections.add(check.mask, check.key, check.column, check.values, **check.extra)
        self.notes.extend(outcome.notes)
        return outcome.value


class _Pool:
    """Full-length intermediate columns, each handed over once by :meth:`take` and then gone.

    A 2.4M-row float column is 19 MB: releasing each as soon as its sorted copy exists keeps the
    build's peak memory ~100 MB lower than holding them all to the end.
    """

    def __init__(self, items: Mapping[str, object]) -> None:
        self._items = dict(items)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def peek(self, key: str, default: object = None):
        """The item, kept in the pool."""
        return self._items.get(key, default)

    def take(self, key: str):
        """The item, handed over: the pool forgets it."""
        return self._items.pop(key)


@dataclass(frozen=True)
class _Working:
    """The rows to validate (a wide file's rows are its account-months) and where each came from.

    Attributes
    ----------
    cols : dict
        Canonical name -> column over the rows.
    extra_cols : dict
        Extra segment header -> column.
    first_col : Series or None
        The file's first column (a total row may say 合计 there rather than in the account id).
    headers_of : dict
        Canonical name -> the header named in messages.
    wide, wide_months
        The normalised wide layout and each row's month from it (``None`` for a long file).
    positions : ndarray or None
        Each row's position in ``raw.frame``; ``None`` when the rows are the frame's own.
    source_rows : ndarray of int64
        Each row's line or row number as the user sees it.
    n : int
        Number of rows.
    notes : tuple
        Notes about the mapping (the wide reshape).
    """

    cols: dict[str, pd.Series]
    extra_cols: dict[str, pd.Series]
    first_col: pd.Series | None
    headers_of: dict[str, str]
    wide: WideSpec | None
    wide_months: pd.Series | None
    positions: np.ndarray | None
    source_rows: np.ndarray
    n: int
    notes: tuple[tuple[str, dict], ...] = ()
    date_order: str = "auto"
    decimal_comma: bool | str = "auto"
    #: The reader's format (``csv``, ``xlsx``, ``parquet`` …): what a message tells the user to fix.
    file_format: str = ""


@dataclass(frozen=True)
class _Months:
    """Each row's month as a code into ``labels`` (sorted ``YYYY-MM``, -1 when missing), and each
    label's month-end date."""

    codes: np.ndarray
    labels: list[str]
    ends: np.ndarray


# ---- check the options and the mapping -------------------------------------------------------


def _check_options(options: IngestOptions) -> None:
    """Refuse an option value outside its choices, or a month option that is not a month."""
    _check_option("amount_unit", options.amount_unit, tuple(UNIT_FACTORS))
    for unit in (options.column_units or {}).values():
        _check_option("column_units", unit, tuple(UNIT_FACTORS))
    _check_option("balance_missing", options.balance_missing, ("reject", "unit"))
    _check_option("negative_balance", options.negative_balance, ("reject", "zero"))
    _check_option("date_order", options.date_order, DATE_ORDERS)
    if not (options.decimal_comma == "auto" or isinstance(options.decimal_comma, bool)):
        raise IngestError("ingest.error.bad_option", option="decimal_comma", value=options.decimal_comma)
    for opt in ("snapshot_month", "reference_month"):
        value = getattr(options, opt)
        if value is not None and normalise_month(value) is None:
            raise IngestError("ingest.error.bad_option", option=opt, value=value)


def _confirmed_mapping(frame: pd.DataFrame, mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping without its empty entries; refuse a header the file does not have, and a
    header given to two fields (the upload page's check refuses it too; the command line's
    ``--map`` and code reach the build without that check)."""
    mapping = {c: h for c, h in mapping.items() if h not in (None, "")}
    fields_of: dict[str, list[str]] = {}
    for canonical, header in mapping.items():
        if header not in frame.columns:
            raise IngestError("ingest.error.unknown_header", canonical=canonical, header=header)
        fields_of.setdefault(header, []).append(canonical)
    for header, fields in fields_of.items():
        if len(fields) > 1:
            raise IngestError("ingest.error.same_header", header=header, fields=", ".join(fields))
    return mapping


def _require_sources(raw: RawTable, work: _Working, options: IngestOptions) -> None:
    """Refuse a mapping that cannot give a portfolio: no DPD, account, month or balance source."""
    cols = work.cols
    # DPD first: a file without any delinquency information needs the longest explanation
    if not any(c in cols for c in _DPD_SOURCES):
        bands = aging_band_columns(raw.frame.columns)
        if bands:  # amounts per bucket in columns: say what to export, not "no DPD column"
            raise IngestError("ingest.error.bucket_columns", columns=" / ".join(bands))
        unjoined = next((params for key, params in raw.notes if key == "ingest.note.header_rows_unjoined"), None)
        if unjoined:  # the days may be named in the header rows that could not be read as one
            raise IngestError("ingest.error.header_rows_unjoined", first=unjoined["first"], last=unjoined["last"],
                              columns=_column_list(raw))
        if not cols and not any(canonical_for(c) for c in raw.frame.columns):
            if any(canonical_for(part) for c in raw.frame.columns for part in str(c).split("，")):
                # names joined by full-width commas the reader could not take for the delimiter
                raise IngestError("ingest.error.full_width_commas", columns=_column_list(raw))
            # not one known name: the header is further down, under notes or rows of blanks
            raise IngestError("ingest.error.no_header_found", columns=_column_list(raw), rows=HEADER_SCAN_ROWS)
        raise IngestError("ingest.error.no_dpd", columns=_column_list(raw))
    if "account_id" not in cols:
        raise IngestError("ingest.error.no_account", columns=_column_list(raw))
    if work.wide_months is None and "snapshot_date" not in cols and options.snapshot_month is None:
        raise IngestError("ingest.error.no_month", columns=_column_list(raw))
    if "balance" not in cols and options.balance_missing != "unit":
        raise IngestError("ingest.error.no_balance", columns=_column_list(raw))


# ---- map: the working columns ----------------------------------------------------------------


def _working_columns(raw: RawTable, mapping: dict[str, str], options: IngestOptions) -> _Working:
    """The columns to validate: the mapped ones, or a wide file's reshaped to account-months."""
    frame = raw.frame
    if options.wide is not None and options.wide.columns:
        return _wide_working(raw, mapping, _normalised_wide(frame, options.wide), options)
    return _Working(
        cols={c: frame[h] for c, h in mapping.items()},
        extra_cols={h: frame[h] for h in options.extra_segments if h in frame.columns},
        first_col=frame[frame.columns[0]] if len(frame.columns) else None,
        headers_of=dict(mapping),
        wide=None,
        wide_months=None,
        positions=None,  # rows are the frame's rows: no index array of millions to carry
        source_rows=np.asarray(raw.source_rows, dtype=np.int64),
        n=len(frame),
        date_order=options.date_order,
        decimal_comma=options.decimal_comma,
        file_format=raw.file_format or "",
    )


def _normalised_wide(frame: pd.DataFrame, wide: WideSpec) -> WideSpec:
    """The wide layout with its months as ``YYYY-MM``; refuse unknown headers and non-months."""
    for header in wide.headers():
        if header not in frame.columns:
            raise IngestError("ingest.error.unknown_header", canonical="wide", header=header)
    # months typed by the user in the wide-layout editor: normalise, refuse what is not one
    fixed: dict[str, dict[str, str]] = {}
    for canonical, columns in wide.columns.items():
        for header, month in columns.items():
            norm = normalise_month(month)
            if norm is None:
                raise IngestError("ingest.error.bad_option", option=header, value=month)
            fixed.setdefault(canonical, {})[header] = norm
    return WideSpec(fixed)


def _repeated_amounts(mapping: Mapping[str, str], wide: WideSpec) -> tuple[tuple[str, dict], ...]:
    """Notes for amounts a wide file holds once per account (one 贷款余额 beside monthly DPD
    columns): every month repeats that figure, and the reader should know the history's totals
    are not the months' own."""
    if len(wide.months()) < 2:
        return ()
    # a limit is one figure per account by nature; a balance or an amount due is each month's
    return tuple(("ingest.note.wide_amount_repeated", {"column": mapping[c], "months": len(wide.months())})
                 for c in AMOUNT_COLUMNS if c in mapping and c not in wide.columns and c != "credit_limit")


def _wide_working(raw: RawTable, mapping: dict[str, str], wide: WideSpec, options: IngestOptions) -> _Working:
    """A wide file as one row per account and month, each row's month from the wide layout."""
    frame = raw.frame
    keep = [h for c, h in mapping.items() if c not in wide.columns]
    keep += [h for h in options.extra_segments if h in frame.columns]
    if len(frame.columns):
        keep.append(frame.columns[0])
    long = wide_to_long(frame, wide, keep)
    positions = long["source_position"].to_numpy()
    cols = {c: long[h] for c, h in mapping.items() if c not in wide.columns}
    cols.update({c: long[c] for c in wide.columns})
    headers_of = dict(mapping)
    headers_of.update({c: "/".join(list(v)[:2]) + ("/…" if len(v) > 2 else "") for c, v in wide.columns.items()})
    return _Working(
        cols=cols,
        extra_cols={h: long[h] for h in options.extra_segments if h in long.columns},
        first_col=long[frame.columns[0]] if len(frame.columns) else None,
        headers_of=headers_of,
        wide=wide,
        wide_months=long["month"],
        positions=positions,
        source_rows=np.asarray(raw.source_rows, dtype=np.int64)[positions],
        n=len(positions),
        notes=(("ingest.note.wide", {"columns": len(wide.headers()), "months": len(wide.months()),
                                     "rows": len(long)}),
               *_repeated_amounts(mapping, wide)),
        date_order=options.date_order,
        decimal_comma=options.decimal_comma,
    )


# ---- parse values ----------------------------------------------------------------------------


def _conversions(work: _Working, options: IngestOptions) -> dict[str, Callable[[], object]]:
    """The independent column conversions (text to codes, numbers, dates), keyed by column."""
    cols = work.cols
    tasks: dict[str, Callable[[], object]] = {"account": partial(_Coded, cols["account_id"], identifier=True)}
    if "status_label" in cols:
        tasks["status"] = partial(_Coded, cols["status_label"])
    if "loan_class" in cols:
        tasks["loan_class"] = partial(_Coded, cols["loan_class"], compact=True)
    if "days_past_due" in cols:
        tasks["dpd"] = partial(_parsed, parse_dpd, cols["days_past_due"])
    for canonical in AMOUNT_COLUMNS:
        if canonical in cols:
            tasks[canonical] = partial(_parsed, parse_amounts_detecting, cols[canonical], options.unit_of(canonical),
                                       options.decimal_comma)
    for canonical in SEGMENT_COLUMNS:
        if canonical in cols:
            tasks[canonical] = partial(_Coded, cols[canonical], compact=True)
    for header in options.extra_segments:
        if header in work.extra_cols:
            tasks["extra:" + header] = partial(_Coded, work.extra_cols[header], compact=True)
    if "origination_date" in cols:
        tasks["origination_date"] = partial(_parsed, parse_dates_ordered, cols["origination_date"],
                                            options.date_order)
    if "score" in cols:
        tasks["score"] = partial(_parsed, parse_numbers_detecting, cols["score"], options.decimal_comma)
    return tasks


# ---- reject: total rows and missing accounts -------------------------------------------------


def _account_checks(work: _Working, account: _Coded) -> _Outcome:
    """Total rows (合计/小计/Total in the account id or the first column), then rows without an id."""
    probes = [account]
    first_col = work.first_col
    if first_col is not None and work.wide is None and first_col.name != work.headers_of.get("account_id"):
        probes.append(_Coded(first_col))
    checks = []
    header_rows = _repeated_header_rows(work, account)
    if header_rows.any():
        checks.append(_Check(header_rows, "ingest.reject.header_row", None, account.strings()))
    for pattern, reason in ((_TOTAL_PATTERN, "ingest.reject.total_row"), (_NOTE_PATTERN, "ingest.reject.note_row")):
        for probe in probes:
            hit = probe.matches(pattern)
            if hit.any():
                checks.append(_Check(hit, reason, None, probe.strings()))
    checks.append(_Check(account.missing, "ingest.reject.missing_account", work.headers_of["account_id"]))
    _refuse_scientific_ids(account, work.headers_of["account_id"])
    _refuse_rounded_numeric_ids(work.cols["account_id"], work.headers_of["account_id"], work.file_format)
    notes = ((("ingest.note.ids_unwrapped", {"column": work.headers_of["account_id"]}),)
             if account.unwrapped else ())
    if account.invisible:
        notes += (("ingest.note.ids_invisible_characters", {"column": work.headers_of["account_id"],
                                                             "n": account.invisible}),)
    return _Outcome(checks=tuple(checks), notes=notes)


#: The cells a loan row always writes with a digit (a month, days, an amount), read to tell a
#: header or field-code row repeated inside the table from a row of data.
_DIGIT_CELLS = ("snapshot_date", "days_past_due", "balance")


def _repeated_header_rows(work: _Working, account: _Coded) -> np.ndarray:
    """Rows that repeat the header (客户编号 / 统计日期 …) or a field-code row under it (CUST_NO /
    DATA_DT …) inside the table: an export's page breaks, or files pasted one under another.

    Such a row writes no digit in its account cell nor in at least two of the month, days and
    balance cells, which are all filled; a loan's month always has one. Only rows whose account
    has no digit are read further (in most books: none).
    """
    none = np.zeros(work.n, dtype=bool)
    probed = [work.cols[c] for c in _DIGIT_CELLS if c in work.cols]
    if work.wide is not None or len(probed) < 2:
        return none
    candidates = np.flatnonzero(~account.matches(r"\d") & ~account.missing)
    if not len(candidates):
        return none
    hit = np.ones(len(candidates), dtype=bool)
    for values in probed:
        cells = values.iloc[candidates]
        if isinstance(cells.dtype, pd.CategoricalDtype):
            cells = pd.Series(cells.to_numpy(dtype=object), dtype="string")
        elif not pd.api.types.is_string_dtype(cells.dtype):
            return none  # a typed column (numbers, dates: a Parquet file) holds no header text
        text = cells.astype("string").str.strip()
        written = text.notna() & (text != "") & ~text.str.contains(r"\d", regex=True, na=True)
        hit &= written.to_numpy(dtype=bool, na_value=False)
    none[candidates[hit]] = True
    return none


def _refuse_rounded_numeric_ids(values: pd.Series, header: str, file_format: str = "") -> None:
    """Refuse an id column a workbook stores as numbers too long to be exact: card numbers of 16
    to 19 digits. A number of 2**53 or more cannot hold every digit, and Excel keeps 15
    significant digits (a 16-digit card ends in 0): different cards become one "number", and all
    but one would be rejected as repeated account-months."""
    if not pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return
    v = values.to_numpy(dtype=np.float64, na_value=np.nan)
    big = np.abs(v[np.isfinite(v)])
    big = big[big >= 1e15]
    if not len(big):
        return
    if (big >= 2.0 ** 53).any() or (len(big) >= 3 and (np.mod(big, 10) == 0).mean() >= 0.9):
        # a Parquet file (a warehouse's) stored them as floating point: no Excel to blame
        key = "ingest.error.ids_rounded_parquet" if file_format == "parquet" else "ingest.error.ids_rounded"
        raise IngestError(key, column=header, example=f"{big[0]:.0f}")


#: An id Excel turned into a number and then wrote in scientific notation (6.22588E+15): its
#: last digits are gone, and different cards now share one "number".
_SCIENTIFIC_ID = r"^\s*\d(\.\d+)?[eE]\+\d{1,2}\s*$"


def _refuse_scientific_ids(account: _Coded, header: str) -> None:
    """Refuse an id column whose values are mostly in scientific notation: the accounts cannot be
    told apart, and all but one of each group would be rejected as repeated account-months."""
    if not len(account.uniques):
        return
    hit = _bool(pc.match_substring_regex(account.uniques, _SCIENTIFIC_ID))
    if hit.sum() * 2 >= len(hit):
        example = account.uniques.filter(pa.array(hit))[0].as_py()
        raise IngestError("ingest.error.ids_scientific", column=header, example=example)


# ---- months ----------------------------------------------------------------------------------


def _months(work: _Working, options: IngestOptions) -> _Outcome:
    """Each row's calendar month: from the wide layout, the date column, or the snapshot month."""
    checks: tuple[_Check, ...] = ()
    notes: tuple[tuple[str, dict], ...] = ()
    if work.wide_months is not None:
        codes, uniq = _factorize(work.wide_months)
        codes, labels = _sorted_codes(codes, [str(u) for u in uniq])
    elif "snapshot_date" in work.cols:
        found = _months_of(work.cols["snapshot_date"], work.headers_of["snapshot_date"], options.reference_month,
                           options.date_order)
        (codes, labels), checks, notes = found.value, found.checks, found.notes
    else:
        month = normalise_month(options.snapshot_month)
        codes, labels = np.zeros(work.n, dtype=np.int32), [month]
        notes = (("ingest.note.snapshot_month", {"month": month}),)
    ends = month_end(pd.Series(labels, dtype="str")).to_numpy(dtype="datetime64[ns]")
    return _Outcome(_Months(codes, labels, ends), checks, notes)


def _months_of(values: pd.Series, header: str, reference_month: str | None, order: str = "auto") -> _Outcome:
    """Calendar months of the date column: dates, or relative months with a reference month.

    Works on the distinct values only (a monthly panel has a few dozen), then broadcasts. The
    value is ``(codes, labels)`` as :func:`_sorted_codes` gives them.
    """
    codes, distinct = _factorize(values)
    blank_u = np.append(is_blank(distinct), True)
    labels, notes = _relative_month_labels(distinct, header, reference_month)
    if labels is None:
        found, example = date_order_of(distinct) if order == "auto" else (None, None)
        notes = _date_order_notes(header, found, example)
        labels = parse_months(distinct, order).astype(object).where(lambda x: x.notna(), None).tolist()
    bad_u = np.array([lab is None for lab in labels] + [True], dtype=bool)
    if len(distinct) and bad_u[:-1].all():
        raise IngestError("ingest.error.month_garbage", column=header, examples=_examples(values))
    if not len(distinct) and len(values):
        raise IngestError("ingest.error.month_garbage", column=header, examples="")
    placeholder_u = np.array([lab is not None and lab < FIRST_SNAPSHOT_MONTH for lab in labels] + [False], dtype=bool)
    labels = [None if early else lab for lab, early in zip(labels, placeholder_u)]
    idx = np.where(codes < 0, len(labels), codes)
    checks = (_Check(blank_u[idx], "ingest.reject.missing_month", header),
              _Check(bad_u[idx] & ~blank_u[idx], "ingest.reject.bad_month", header, values),
              _Check(placeholder_u[idx], "ingest.reject.placeholder_month", header, values))
    return _Outcome(_sorted_codes(codes, labels), checks, notes)


#: The earliest month a snapshot of a credit book is taken in. An earlier one is a placeholder
#: for "no date" (1900-01-01, Excel's serial 0 or 60) or a typo: one such row stretched a 2024
#: book over 124 years of empty months.
FIRST_SNAPSHOT_MONTH = "1950-01"


def _relative_month_labels(distinct: pd.Series, header: str, reference_month: str | None
                           ) -> tuple[list[str | None] | None, tuple[tuple[str, dict], ...]]:
    """``YYYY-MM`` per distinct value when the column counts months back from a reference month
    (``MONTHS_BALANCE = 0, -1, …``), else ``None``; refuse such a column without the reference."""
    if pd.api.types.is_datetime64_any_dtype(distinct.dtype) or not len(distinct):
        return None, ()
    nums, garbage = parse_numbers(distinct)
    v = nums.to_numpy()
    fin = np.isfinite(v)
    relative = (fin.any() and not garbage.any() and bool(np.all(v[fin] == np.floor(v[fin])))
                and bool(np.all(np.abs(v[fin]) <= 1200))
                and (bool((v[fin] < 0).any()) or reference_month is not None))
    if not relative:
        return None, ()
    ref = normalise_month(reference_month)
    if ref is None:
        raise IngestError("ingest.error.need_reference_month", column=header)
    note = ("ingest.note.relative_months", {"column": header, "reference_month": ref})
    return [shift_months(ref, int(x)) if f else None for x, f in zip(v, fin)], (note,)


def _date_order_notes(header: str, found: str | None, example: str | None) -> tuple[tuple[str, dict], ...]:
    """Say when a date column was read day first, or could be read either way (an option then)."""
    if found == "dmy":
        return (("ingest.note.day_first", {"column": header, "example": example}),)
    if found == "ambiguous":
        return (("ingest.note.date_order_ambiguous", {"column": header, "example": example}),)
    return ()


def _decimal_notes(header: str, found: tuple[str | None, str | None]) -> list[tuple[str, dict]]:
    """Say when a number column was read with a decimal comma, or its commas could be either."""
    kind, example = found
    if kind == "comma":
        return [("ingest.note.decimal_comma", {"column": header, "example": example})]
    if kind == "ambiguous":
        return [("ingest.note.decimal_comma_ambiguous", {"column": header, "example": example})]
    if kind == "mixed":
        return [("ingest.note.decimal_marks_mixed", {"column": header, "example": example})]
    if kind == "dot_ambiguous":
        return [("ingest.note.decimal_dot_ambiguous", {"column": header, "example": example})]
    return []


def _month_column(wide: WideSpec | None, months: _Months, canonical: str) -> dict:
    """For a wide file, the month's own column to name in a rejection (BILL_AMT3, not BILL_AMT*)."""
    if wide is None or canonical not in wide.columns:
        return {}
    by_month = {m: h for h, m in wide.columns[canonical].items()}
    lookup = np.asarray([by_month.get(m, "") for m in months.labels] + [""], dtype=object)
    codes = months.codes
    return {"_column_of": lambda rows: lookup[np.where(codes[rows] < 0, len(lookup) - 1, codes[rows])].tolist()}


def _sorted_codes(codes: np.ndarray, labels: list[str | None]) -> tuple[np.ndarray, list[str]]:
    """Codes into the sorted distinct non-missing labels (``YYYY-MM`` sorts chronologically)."""
    distinct = sorted({lab for lab in labels if lab is not None})
    pos = {lab: i for i, lab in enumerate(distinct)}
    table = np.array([pos.get(lab, -1) if lab is not None else -1 for lab in labels], dtype=np.int32)
    return _remap(codes, table), distinct


# ---- derive DPD ------------------------------------------------------------------------------


def _derive_dpd(raw: RawTable, mapping: dict[str, str], options: IngestOptions, work: _Working,
                converted: _Pool, months: _Months) -> _Outcome:
    """Each row's days past due: from the DPD column, else the due date, else the status label."""
    if "days_past_due" in work.cols:
        outcome = _dpd_from_days(work, converted.take("dpd"), months)
        if "due_date" in work.cols and work.wide is None and any(RECEIVABLES.search(str(h)) for h in raw.frame.columns):
            outcome = replace(outcome, notes=outcome.notes + _sources_disagree(work, outcome.value, months))
        return outcome
    if "due_date" in work.cols:
        return _dpd_from_due_date(work, months)
    codes = options.status_codes
    if codes is None:
        codes = suggest_status_codes(raw, mapping, work.wide)
    outcome = _dpd_from_status(work, converted.peek("status"), codes, months)
    if work.wide is None and mapping.get("status_label") == mapping.get("loan_class"):
        # the bank's classification is the only delinquency information: say so, it is no DPD
        outcome = replace(outcome, notes=(("ingest.note.dpd_from_class", {"column": mapping["loan_class"]}),))
    return outcome


#: Rows compared by :func:`_sources_disagree`.
_COMPARED_ROWS = 200_000


def _sources_disagree(work: _Working, dpd, months: _Months) -> tuple[tuple[str, dict], ...]:
    """A note when a receivables ledger maps both a DPD column and a due date: the DPD column is
    what is used, and where the days from the due date to the month's end differ from it (by more
    than a day, on more than a tenth of the rows with both) the user is told how often. A
    ledger's 账龄 (days since the invoice) beside its 到期日 read every invoice as overdue. (A loan
    or card book's due date is the next one: the two differ there by design.) The first
    :data:`_COMPARED_ROWS` rows are compared: a second parse of every due date cost 20 % of a
    2.4M-row build."""
    rows = slice(0, min(work.n, _COMPARED_ROWS))
    sample = replace(work, cols={"due_date": work.cols["due_date"].iloc[rows]}, n=rows.stop)
    given = _rows(dpd)[rows]
    from_due = _dpd_from_due_date(sample, replace(months, codes=months.codes[rows])).value
    both = np.isfinite(given) & np.isfinite(from_due) & ~is_blank(sample.cols["due_date"])
    differ = both & (np.abs(given - from_due) > 1)
    if not both.any() or differ.sum() * 10 <= both.sum():
        return ()
    return (("ingest.note.dpd_and_due_date_differ", {
        "column": work.headers_of["days_past_due"], "due": work.headers_of["due_date"], "n": int(differ.sum()),
        "of": int(both.sum())}),)


def _dpd_from_days(work: _Working, parsed: tuple, months: _Months) -> _Outcome:
    """DPD as given; a column of text refuses the file, a bad, missing or negative value its row.
    The value is the parsed column as :func:`_parsed` gives it (in full or by code)."""
    header, values = work.headers_of["days_past_due"], work.cols["days_past_due"]
    dpd, garbage = parsed
    # more days than a 32-bit count holds (1e308, a pasted number) is not a count of days
    garbage = _rows(garbage) | _rows(_apply(dpd, _too_many_days))
    if work.n and garbage.any() and not _rows(_apply(dpd, np.isfinite)).any():
        raise IngestError("ingest.error.dpd_column_text", column=header, examples=_examples(values))
    where = _month_column(work.wide, months, "days_past_due")
    notes: tuple[tuple[str, dict], ...] = ()
    if work.wide is None:  # a wide layout's months are read by their own codes
        dpd, notes = _current_loans(dpd, garbage, values, header)
    return _Outcome(dpd, (_Check(garbage, "ingest.reject.bad_dpd", header, values, where),
                          _Check(_rows(_apply(dpd, np.isnan)), "ingest.reject.missing_dpd", header, None, where),
                          _Check(_rows(_apply(dpd, _negative)), "ingest.reject.negative_dpd", header, values, where),
                          _Check(_rows(_apply(dpd, _over_a_century)), "ingest.reject.dpd_over_a_century", header,
                                 values, where)),
                    notes)


def _current_loans(dpd, garbage: np.ndarray, values: pd.Series, header: str) -> tuple[object, tuple]:
    """``(dpd, notes)`` with the other ways a DPD column writes a loan that is not overdue read as
    0 days, each said in a note:

    * words (正常, 未逾期, 未到期, Current: parsed as 0 already; counted here);
    * blanks, when the column never writes a 0 nor such a word: an export that fills the days only
      for overdue loans. Where it writes 0, a blank is a missing value (rejected with its reason);
    * negative days, when a fifth or more of the column (and ten rows or more) is negative: today
      minus the due date (-12: due in 12 days). A few negatives among positive days are errors.
    """
    notes = []
    words = current_words(values)
    if words.any():
        notes.append(("ingest.note.dpd_words_current", {"column": header, "n": int(words.sum())}))
    days = _rows(dpd)
    valid = np.isfinite(days)
    blank = ~valid & ~garbage
    if blank.any() and not words.any() and valid.any() and not (days[valid] == 0).any():
        days = np.where(blank, 0.0, days)
        notes.append(("ingest.note.dpd_blank_current", {"column": header, "n": int(blank.sum())}))
        valid = valid | blank
    negative = valid & (days < 0)
    if negative.sum() >= 10 and negative.sum() * 5 >= valid.sum():
        days = np.where(negative, 0.0, days)
        notes.append(("ingest.note.dpd_negative_current", {"column": header, "n": int(negative.sum())}))
    return (days if notes else dpd), tuple(notes)


#: More days past due than any loan has been overdue: 100 years. A cell past it is a date serial
#: pasted into the column (45,322 is 2024-01-31) or a typo, not a count of days.
MAX_PLAUSIBLE_DPD = 36_500


def _over_a_century(values: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (values > MAX_PLAUSIBLE_DPD) & ~_too_many_days(values)


def _too_many_days(values: np.ndarray) -> np.ndarray:
    """More days than ``days_past_due`` (int32) holds."""
    return values > np.iinfo(np.int32).max


def _negative(values: np.ndarray) -> np.ndarray:
    """Below zero (NaN is not)."""
    return values < 0


def _dpd_from_due_date(work: _Working, months: _Months) -> _Outcome:
    """DPD as days from the due date to the month's end (0 when no due date, a bad one rejects)."""
    header, values = work.headers_of["due_date"], work.cols["due_date"]
    due, found, example = parse_dates_ordered(values, work.date_order)
    blank = is_blank(values)
    check = _Check(due.isna().to_numpy() & ~blank, "ingest.reject.bad_due_date", header, values)
    label_ends = months.ends
    ends = np.append(label_ends, np.datetime64("NaT", "ns"))[np.where(months.codes < 0, len(label_ends), months.codes)]
    days = (pd.Series(ends) - due.reset_index(drop=True)).dt.days.to_numpy(dtype="float64", na_value=np.nan)
    v = np.where(blank, 0.0, np.clip(days, 0, None))
    notes = (("ingest.note.dpd_from_due_date", {"column": header}), *_date_order_notes(header, found, example))
    return _Outcome(v, (check,), notes)


def _dpd_from_status(work: _Working, status: _Coded, codes: Mapping[str, int | None], months: _Months) -> _Outcome:
    """DPD through the status code table; an excluded (closed, no loan) or unknown label rejects."""
    header = work.headers_of["status_label"]
    labels = status.strings()
    dpd, excluded, unknown = labels_to_dpd(labels, codes)
    where = _month_column(work.wide, months, "status_label")
    checks = []
    if excluded.any():
        convention = label_convention(list(pd.unique(labels.dropna()))[:1000])
        kinds = _exclusion_kind(labels[excluded], convention)
        for kind in ("closed", "no_loan", "excluded"):
            mask = np.zeros(work.n, dtype=bool)
            mask[np.flatnonzero(excluded)[kinds == kind]] = True
            key = f"ingest.reject.{'excluded_status' if kind == 'excluded' else kind}"
            checks.append(_Check(mask, key, header, labels, where))
    checks.append(_Check(unknown, "ingest.reject.unknown_status", header, labels, where))
    return _Outcome(dpd.to_numpy(), tuple(checks), (("ingest.note.dpd_from_status", {"column": header}),))


def _exclusion_kind(labels: pd.Series, convention: str) -> np.ndarray:
    """Per row: ``"closed"``, ``"no_loan"`` or ``"excluded"`` (the reason an excluded label gives)."""
    codes, uniques = pd.factorize(labels, use_na_sentinel=True)
    kinds = []
    for u in uniques:
        p = suggest_label_dpd(u, convention)
        kinds.append(p if p in ("closed", "no_loan") else "excluded")
    kinds.append("excluded")
    return np.asarray(kinds, dtype=object)[np.where(codes < 0, len(uniques), codes)]


# ---- amounts ---------------------------------------------------------------------------------


def _amounts(work: _Working, converted: _Pool, months: _Months, options: IngestOptions) -> _Outcome:
    """Each amount in yuan; a balance that is missing, not a number or (under
    ``negative_balance="reject"``) negative rejects its row, another amount only when not a number."""
    notes = {"yuan": [], "wan": [("ingest.note.amount_unit_wan", {})]}.get(
        options.amount_unit, [(f"ingest.note.amount_unit_{options.amount_unit}", {})])
    amounts: dict[str, np.ndarray] = {}
    checks: list[_Check] = []
    for canonical in AMOUNT_COLUMNS:
        if canonical not in work.cols:
            continue
        header, values = work.headers_of[canonical], work.cols[canonical]
        unit = options.unit_of(canonical)
        if unit != options.amount_unit:  # its header names its own unit
            notes.append((f"ingest.note.column_unit.{unit}", {"column": header}))
        parsed, garbage, found = converted.take(canonical)
        notes += _decimal_notes(header, found)
        garbage = _rows(garbage)
        if work.n and garbage.any() and not _rows(_apply(parsed, np.isfinite)).any():
            # numbers stored as numbers (a Parquet float, an Excel cell) that are all infinite or
            # beyond any loan are no text: say what they are
            key = ("ingest.error.amount_column_not_finite" if pd.api.types.is_numeric_dtype(values.dtype)
                   else "ingest.error.amount_column_text")
            raise IngestError(key, column=header, examples=_examples(values))
        where = _month_column(work.wide, months, canonical)
        if garbage.any():
            # a number past the cap is a number: say so, not "not a number"
            checks.append(_Check(_too_large(values, garbage, unit), "ingest.reject.amount_too_large",
                                 header, values, where))
        checks.append(_Check(garbage, "ingest.reject.bad_amount", header, values, where))
        if canonical == "balance":
            # the balance is summed over all rows (reconciliation): held in full
            parsed = _rows(parsed)
            dashes = dash_cells(values) if work.wide is None else np.zeros(work.n, dtype=bool)
            if dashes.any():  # Excel's accounting format writes a zero balance as " - "
                parsed = np.where(dashes, 0.0, parsed)
                notes.append(("ingest.note.dash_zero", {"column": header, "n": int(dashes.sum())}))
            checks.append(_Check(np.isnan(parsed), "ingest.reject.missing_balance", header, None, where))
            if options.negative_balance == "reject":
                checks.append(_Check(parsed < 0, "ingest.reject.negative_balance", header, values, where))
        elif canonical in _NEVER_NEGATIVE:
            # a limit or an overdue amount below zero means nothing (a payment back is a paid
            # amount's business): the cell is read as empty, its row kept, and the user told
            negative = _rows(_apply(parsed, lambda a: a < 0))
            if negative.any():
                parsed = _apply(parsed, lambda a: np.where(a < 0, np.nan, a))
                notes.append(("ingest.note.negative_amount_empty", {
                    "column": header, "n": int(negative.sum()),
                    "examples": _examples(values[negative])}))
        amounts[canonical] = parsed
    if "balance" not in work.cols:
        amounts["balance"] = np.ones(work.n, dtype="float64")
        notes.append(("ingest.note.balance_unit", {}))
    return _Outcome(amounts, tuple(checks), tuple(notes))


#: Amounts that cannot be below zero (DESIGN: ≥ 0); a negative balance has its own rule.
_NEVER_NEGATIVE = ("credit_limit", "overdue_amount")


def _too_large(values: pd.Series, garbage: np.ndarray, unit: str) -> np.ndarray:
    """The rows among ``garbage`` whose cell is a finite number of at least :data:`MAX_AMOUNT` yuan."""
    rows = np.flatnonzero(garbage)
    numbers = parse_numbers(values.iloc[rows].reset_index(drop=True))[0].to_numpy(dtype="float64", na_value=np.nan)
    out = np.zeros(len(garbage), dtype=bool)
    out[rows] = np.isfinite(numbers) & (np.abs(numbers) * UNIT_FACTORS[unit] >= MAX_AMOUNT)
    return out


# ---- duplicates ------------------------------------------------------------------------------


def _deduplicated_order(work: _Working, account: _Coded, months: _Months, ok: np.ndarray) -> _Outcome:
    """The rows still accepted, sorted by month then account; a repeated account-month keeps its
    first row and the others are rejected, pointing at it."""
    # Sorting by (month, account) is needed for the output anyway; duplicates are then adjacent,
    # and the stable sort keeps each key's first row first. No hash table over millions of keys.
    month_codes, acc_codes = months.codes, account.codes
    order = _month_account_order(np.flatnonzero(ok), month_codes, acc_codes, len(months.labels))
    if len(order) <= 1:
        return _Outcome(order)
    m_sorted, a_sorted = month_codes[order], acc_codes[order]
    same = (m_sorted[1:] == m_sorted[:-1]) & (a_sorted[1:] == a_sorted[:-1])
    del m_sorted, a_sorted
    if not same.any():
        return _Outcome(order)
    dup_sorted = np.flatnonzero(same) + 1
    # the first row of each run of equal keys: the last position where the key changed
    starts = np.flatnonzero(np.concatenate([[True], ~same]))
    del same
    run_start = starts[np.searchsorted(starts, dup_sorted, side="right") - 1]
    dup_rows = order[dup_sorted]
    first_row = np.zeros(work.n, dtype=np.int64)
    first_row[dup_rows] = work.source_rows[order[run_start]]
    mask = np.zeros(work.n, dtype=bool)
    mask[dup_rows] = True
    check = _Check(mask, "ingest.reject.duplicate", work.headers_of["account_id"], account.strings(),
                   {"_per_row": {"first_row": first_row}})
    keep = np.ones(len(order), dtype=bool)
    keep[dup_sorted] = False
    notes = many_duplicates_notes(work.headers_of["account_id"], len(dup_rows), len(order) - len(dup_rows))
    return _Outcome(order[keep], (check,), tuple(notes))


def many_duplicates_notes(column: str, repeats: int, accepted: int) -> list[tuple[str, dict]]:
    """A note when a fifth of the rows (and a score of them) repeat an account-month: the account
    column may not identify one loan (a customer's number, with several loans each).

    Examples
    --------
    >>> many_duplicates_notes("账号", 30, 30)[0][1]
    {'column': '账号', 'n': 30}
    >>> many_duplicates_notes("账号", 3, 30)
    []
    """
    if repeats >= 20 and repeats * 5 >= repeats + accepted:
        return [("ingest.note.many_duplicates", {"column": column, "n": int(repeats)})]
    return []


def _month_account_order(idx: np.ndarray, month_codes: np.ndarray, acc_codes: np.ndarray, n_months: int) -> np.ndarray:
    """Rows ``idx`` ordered by month, then account (codes are already in sorted-label order).

    Two stable passes: by account (exports usually come sorted by account, which timsort
    exploits), then by month as int16, which NumPy sorts with a linear-time radix sort.
    """
    if not len(idx):
        return idx
    small = np.int16 if n_months < 32_000 else np.int32
    # Most exports list each month's accounts in id order already: one linear-time radix pass by
    # month then suffices; check, and sort by account first only when it does not.
    if len(idx) == len(month_codes):  # every row still in (idx is 0..n-1): no second int64 array
        order = np.argsort(month_codes.astype(small), kind="stable")
    else:
        order = idx[np.argsort(month_codes[idx].astype(small), kind="stable")]
    a, m = acc_codes[order], month_codes[order]
    if bool(np.all((a[1:] >= a[:-1]) | (m[1:] != m[:-1]))):
        return order
    del a, m, order
    by_acc = idx[np.argsort(acc_codes[idx], kind="stable")]
    m = month_codes[by_acc]
    m = m.astype(small)
    return by_acc[np.argsort(m, kind="stable")]


# ---- reconcile -------------------------------------------------------------------------------


def _balance_totals(balance: np.ndarray, rejections: _Rejections, n: int) -> dict[str, float]:
    """The balance read, rejected and on total rows: the figures the report reconciles."""
    if not n:
        return {"balance_read": 0.0, "balance_rejected": 0.0, "balance_total_rows": 0.0}
    finite = np.isfinite(balance)
    total_code = next((i for i, k in enumerate(rejections.kinds) if k[0] == "ingest.reject.total_row"), -1)
    return {
        "balance_read": float(balance[finite].sum()),
        "balance_rejected": float(balance[finite & ~rejections.ok].sum()),
        "balance_total_rows": float(balance[finite & (rejections.code == total_code)].sum()),
    }


def _summary(raw: RawTable, mapping: dict[str, str], options: IngestOptions, work: _Working,
             portfolio: pd.DataFrame, rejected: pd.DataFrame, totals: dict[str, float], *, file_rows: int,
             balance_zeroed: float, accounts: int, months: list[str], notes: list) -> dict:
    """The report's figures: rows and balance read, accepted and rejected, what was found and chosen."""
    return {
        "rows_read": int(work.n),
        "rows_accepted": int(len(portfolio)),
        "rows_rejected": int(len(rejected)),
        "file_rows": int(file_rows),
        "balance_read": totals["balance_read"],
        "balance_accepted": float(portfolio["balance"].sum()),
        "balance_rejected": totals["balance_rejected"],
        "balance_zeroed": balance_zeroed,
        "balance_total_rows": totals["balance_total_rows"],
        "accounts": accounts,
        "months": months,
        "mapping": dict(mapping),
        "notes": list(notes) + _thin_month_notes(portfolio),
        "reasons": _reason_counts(rejected),
        "file_format": raw.file_format,
        "encoding": raw.encoding,
        "sheet": raw.sheet,
        "sheets": list(raw.sheets),
        "hidden_sheets": list(raw.hidden_sheets),
        "header_row": raw.header_row,
        "options": _options_to_dict(options),
        "dpd_source": _dpd_source(mapping, work),
    }


def _thin_month_notes(portfolio: pd.DataFrame) -> list[tuple[str, dict]]:
    """:func:`thin_month_notes` of the accepted panel."""
    if "month" not in portfolio.columns or not len(portfolio):
        return []
    return thin_month_notes(portfolio["month"].astype(str).value_counts().to_dict())


def thin_month_notes(rows_by_month: Mapping[str, int]) -> list[tuple[str, dict]]:
    """A note per month holding far fewer account-months than the calendar month before it
    (fewer than :data:`THIN_MONTH_SHARE` of them): a partial extract.

    Examples
    --------
    >>> thin_month_notes({"2024-05": 60, "2024-06": 1, "2024-08": 2})
    [('ingest.note.thin_month', {'month': '2024-06', 'accounts': 1, 'previous_accounts': 60})]
    """
    notes = []
    for month, accounts in sorted(rows_by_month.items()):
        before = rows_by_month.get(shift_months(month, -1))
        if before and accounts < THIN_MONTH_SHARE * before:
            notes.append(("ingest.note.thin_month", {"month": month, "accounts": int(accounts),
                                                     "previous_accounts": int(before)}))
    return notes


def _dpd_source(mapping: Mapping[str, str], work: _Working) -> str:
    """The field each row's DPD came from; ``"loan_class"`` when it was the bank's classification."""
    source = next(c for c in _DPD_SOURCES if c in work.cols)
    if source == "status_label" and "status_label" not in mapping \
            and work.headers_of.get("status_label") == mapping.get("loan_class"):
        return "loan_class"
    return source


def _reason_counts(rejected: pd.DataFrame) -> dict[str, int]:
    """Rejected rows per reason key, most frequent first."""
    reasons = rejected["reason"].value_counts().to_dict() if len(rejected) else {}
    return {str(k): int(v) for k, v in reasons.items()}


def _used_months(months: _Months, order: np.ndarray) -> list[str]:
    """The months that kept at least one row, in order."""
    used = _codes_used(months.codes, order, len(months.labels))
    return [lab for lab, u in zip(months.labels, used) if u]


def _account_count(account: _Coded, order: np.ndarray) -> int:
    """Distinct accounts among the accepted rows."""
    return int(_codes_used(account.codes, order, len(account.uniques)).sum())


def _codes_used(codes: np.ndarray, order: np.ndarray, n: int) -> np.ndarray:
    """Which of ``n`` codes the rows ``order`` hold (they are never missing: such rows are rejected)."""
    # marks, not np.bincount: bincount would copy millions of int32 codes to int64 first
    used = np.zeros(n, dtype=bool)
    used[codes[order]] = True
    return used


# ---- assemble the accepted rows, sorted by month then account --------------------------------


def _key_columns(account: _Coded, months: _Months, dpd: np.ndarray | _ByCode, order: np.ndarray) -> dict[str, object]:
    """The sorted account id, month, month-end date and DPD columns."""
    out: dict[str, object] = {"account_id": account.strings(order)}
    labels_arr = pa.array(months.labels, type=pa.large_string())
    out["month"] = (labels_arr.take(pa.array(months.codes[order])).to_pandas().astype("str")
                    if len(order) else pd.Series([], dtype="str"))
    out["snapshot_date"] = _column(months.ends[months.codes[order]] if len(order)
                                   else np.array([], dtype="datetime64[ns]"))
    out["days_past_due"] = _column(_rows(dpd, order).astype(np.int32, copy=False) if len(order)
                                   else np.array([], dtype=np.int32))
    return out


def _balance_column(balance: np.ndarray, order: np.ndarray) -> _Outcome:
    """The sorted balance with any negative left (``negative_balance="zero"``) counted as 0; the
    value is ``(column, amount zeroed)``."""
    balance = balance[order]
    zeroed = balance < 0
    if not zeroed.any():
        return _Outcome((_column(balance), 0.0))
    amount = float(balance[zeroed].sum())
    balance[zeroed] = 0.0
    note = ("ingest.note.negative_zeroed", {"n": int(zeroed.sum()), "amount": f"{amount:,.2f}"})
    return _Outcome((_column(balance), amount), notes=(note,))


def _other_columns(work: _Working, converted: _Pool, amounts: _Pool, order: np.ndarray,
                   options: IngestOptions) -> _Outcome:
    """The other mapped columns, sorted, with a note for each column holding values not understood."""
    cols = work.cols
    out: dict[str, object] = {}
    notes: list[tuple[str, dict]] = []
    for canonical in AMOUNT_COLUMNS[1:]:
        if canonical in amounts:
            out[canonical] = _column(_rows(amounts.take(canonical), order))
    if "status_label" in cols:
        out["status_label"] = converted.peek("status").strings(order)
    if "loan_class" in cols:
        out["loan_class"], note = _loan_classes(work, converted.take("loan_class"), order)
        notes += note
    if "due_date" in cols:
        out["due_date"] = parse_dates(cols["due_date"]).take(order).reset_index(drop=True)
    if "overdue_reason" in cols:
        out["overdue_reason"] = _strings(cols["overdue_reason"]).take(order).reset_index(drop=True)
    for canonical in SEGMENT_COLUMNS:
        if canonical in cols:
            out[canonical] = _without_contacts(converted.take(canonical).categorical(order))
    if "origination_date" in cols:
        dates, found, example = converted.take("origination_date")
        notes += _date_order_notes(work.headers_of["origination_date"], found, example)
        out["origination_date"], note = _origination_dates(work, dates, order)
        notes += note
    if "score" in cols:
        values, garbage, found = converted.take("score")
        notes += _decimal_notes(work.headers_of["score"], found)
        notes += _garbage_note(work.headers_of["score"], _rows(garbage))
        out["score"] = _column(_rows(values, order))
    if "interest_rate" in cols:
        out["interest_rate"], note = _interest_rates(work, order)
        notes += note
    for canonical in PII_COLUMNS:
        if canonical in cols:
            out[canonical] = _strings(cols[canonical]).take(order).reset_index(drop=True)
    for header in options.extra_segments:
        # a header already used (a canonical column's name, or listed twice) keeps its first column
        if header in work.extra_cols and header not in out and header not in _KEY_COLUMNS:
            out[header] = _without_contacts(converted.take("extra:" + header).categorical(order))
    return _Outcome(out, notes=tuple(notes))


def _without_contacts(values: pd.Categorical) -> pd.Categorical:
    """A segment's values with the phone, identity and card numbers written in them masked.

    A segment's values are shown whole wherever the book is split or filtered (the sidebar's
    filter, every chart and table by segment, the report), and a free-text column kept as one
    (备注: "联系人王经理 13812345678 承诺分两次付") listed its numbers in full. Names stay: a
    segment of people is the account managers', named on purpose.
    """
    categories = pd.Series(values.categories.astype(str), dtype="string")
    masked = mask_series(categories)
    if masked.equals(categories):
        return values
    names = masked.to_numpy(dtype=object)
    codes = np.asarray(values.codes)
    return pd.Categorical(np.where(codes >= 0, names[np.maximum(codes, 0)], None))


def _loan_classes(work: _Working, coded: _Coded, order: np.ndarray) -> tuple[pd.Categorical, list]:
    """The bank's classes as an ordered categorical of the five-tier keys, and a note counting the
    rows whose cell is not a class (kept, without a class: their DPD and balance still count)."""
    header = work.headers_of["loan_class"]  # under 五级分类 a bare code 1–5 is the tier
    keys = [loan_class_key(v, header=header) for v in coded.uniques.to_pylist()]
    table = np.array([FIVE_TIER_KEYS.index(k) if k is not None else -1 for k in keys], dtype=np.int32)
    codes = _remap(coded.codes, table)[order]
    out = pd.Categorical.from_codes(codes, categories=list(FIVE_TIER_KEYS), ordered=True)
    unknown = np.flatnonzero(table < 0)
    if not len(unknown):
        return out, []
    rows = coded.codes[order]
    bad = np.isin(rows, unknown)
    if not bad.any():
        return out, []
    seen = [coded.uniques[int(i)].as_py() for i in unknown if (rows == i).any()][:3]
    note = ("ingest.note.loan_class_unknown", {"column": work.headers_of["loan_class"], "n": int(bad.sum()),
                                                "examples": tuple(seen)})
    return out, [note]


#: The columns :func:`_key_columns` and :func:`_balance_column` give, before the others.
_KEY_COLUMNS = ("account_id", "month", "snapshot_date", "days_past_due", "balance")


def _origination_dates(work: _Working, dates: np.ndarray | _ByCode, order: np.ndarray) -> tuple[pd.Series, list]:
    """The sorted origination dates, and a note counting cells that were not a date (blank is fine)."""
    missing = _rows(_apply(dates, np.isnat))
    bad = int((missing & ~is_blank(work.cols["origination_date"])).sum()) if missing.any() else 0
    notes = [("ingest.note.dates_garbage", {"column": work.headers_of["origination_date"], "n": bad})] if bad else []
    return _column(_rows(dates, order)), notes


def _garbage_note(header: str, garbage: np.ndarray) -> list[tuple[str, dict]]:
    """A note counting the cells of a numeric column that were not a number (they become NaN)."""
    return [("ingest.note.numbers_garbage", {"column": header, "n": int(garbage.sum())})] if garbage.any() else []


def _interest_rates(work: _Working, order: np.ndarray) -> tuple[pd.Series, list]:
    """The sorted interest rates as fractions, noting a column given in percent and bad cells."""
    header = work.headers_of["interest_rate"]
    values, garbage, scaled = parse_rates(work.cols["interest_rate"], work.decimal_comma)
    notes = [("ingest.note.rate_percent", {"column": header})] if scaled else []
    notes += _garbage_note(header, garbage)
    return _column(values.to_numpy()[order]), notes


def _portfolio_frame(columns: dict[str, object]) -> pd.DataFrame:
    """The output columns as one frame (no copy), its text columns as ``str``."""
    portfolio = pd.DataFrame(columns, copy=False)
    for c in ("account_id", "status_label", "overdue_reason", *PII_COLUMNS):
        if c in portfolio.columns and not pd.api.types.is_string_dtype(portfolio[c].dtype):
            portfolio[c] = portfolio[c].astype("str")
    return portfolio


# --------------------------------------------------------------------------------------------
# one call, JSON round trips


#: glibc's ``mallopt`` parameter: the size from which ``malloc`` maps fresh pages (and unmaps
#: them on ``free``) instead of carving the heap.
_M_MMAP_THRESHOLD = -3
#: Fixed at 1 MiB. glibc starts at 128 KiB but raises the threshold to the size of each mapped
#: block freed (up to 32 MiB), so after the first freed column every 2-18 MB array of a big
#: ingest comes from the heap, whose freed holes the next allocator (Arrow's) cannot use and
#: which is rarely given back: on the 2.4M-row bench CSV ~30-50 MB of peak. Setting it turns
#: that adjustment off for the process.
MMAP_THRESHOLD = 1 << 20

_POOL_LOCK = threading.Lock()
_POOL_STATE: dict[str, object] = {"depth": 0, "previous": None, "mallopt": False}


@contextmanager
def memory_returned() -> Iterator[None]:
    """Run an ingest with freed memory going back to the system as it is freed.

    An ingest allocates and frees columns of millions of rows through two allocators, NumPy's
    (C ``malloc``) and Arrow's pool (mimalloc), each keeping what it freed for its own reuse:
    the other cannot use it, so the resident peak was ~100 MB above the live data on the
    2.4M-row bench CSV. Inside, Arrow allocates from the system allocator (``malloc``, whose
    big blocks are then mapped and unmapped, see :data:`MMAP_THRESHOLD`), so one allocator
    holds everything and a freed column is given back at once. Arrays keep the pool they came
    from, so changing the default pool is safe for data made before, after or by other
    threads meanwhile; nested and concurrent calls share one switch, the last out restores it.

    Examples
    --------
    >>> with memory_returned():
    ...     pa.default_memory_pool().backend_name
    'system'
    """
    with _POOL_LOCK:
        if not _POOL_STATE["mallopt"]:
            libc = glibc()
            # a process started with its own threshold (the server: MALLOC_MMAP_THRESHOLD_=131072,
            # see the Makefile) keeps it; overriding it for the process's life held ~34 MB more
            # per session in the server
            if libc is not None and not os.environ.get("MALLOC_MMAP_THRESHOLD_"):
                libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
            _POOL_STATE["mallopt"] = True
        if _POOL_STATE["depth"] == 0:
            _POOL_STATE["previous"] = pa.default_memory_pool()
            pa.set_memory_pool(pa.system_memory_pool())
        _POOL_STATE["depth"] += 1
    try:
        yield
    finally:
        with _POOL_LOCK:
            _POOL_STATE["depth"] -= 1
            if _POOL_STATE["depth"] == 0:
                pa.set_memory_pool(_POOL_STATE["previous"])
                _POOL_STATE["previous"] = None


def load_portfolio(data: bytes, filename: str, mapping: Mapping[str, str] | None = None,
                   options: IngestOptions | None = None, sheet: str | None = None,
                   detect_unit: bool = False) -> IngestResult:
    """Read, suggest and build in one call (the CLI, the tests, the bundled sample).

    ``detect_unit``: use the money unit the file names when none was given (see
    :func:`resolve_mapping`).

    ``mapping`` entries override the suggestion for the canonical columns they name. A wide
    layout is used when ``options.wide`` is given, or proposed when the file is recognisably wide
    and the mapping has no DPD source of its own.

    Examples
    --------
    >>> res = load_portfolio("客户编号,统计日期,逾期天数,贷款余额\\nA1,2024-01-31,0,1\\n".encode("gbk"), "a.csv")
    >>> res.summary["rows_accepted"], res.portfolio["month"].tolist()
    (1, ['2024-01'])
    """
    with memory_returned():
        return _load(data, filename, mapping, options, sheet, detect_unit)


def _load(data: bytes, filename: str, mapping: Mapping[str, str] | None, options: IngestOptions | None,
          sheet: str | None, detect_unit: bool) -> IngestResult:
    """:func:`load_portfolio`'s steps."""
    # Columns with few distinct values are read compactly (category): about half the memory of
    # the cells of a big CSV, and the values are hashed once, while parsing (read_table).
    raw = read_table(data, filename, sheet=sheet, compact=True)
    raw, full, options = resolve_mapping(raw, mapping, options, detect_unit=detect_unit)
    if options.wide is not None:
        if any(isinstance(t, pd.CategoricalDtype) for t in raw.frame.dtypes):
            # reshaping a wide file works on its text cells: read it again as text (wide files are small)
            raw = replace(read_table(data, filename, sheet=sheet), notes=raw.notes)
        return build_portfolio(raw, full, options)
    # The result keeps only the rejected rows' cells (IngestResult.compact), so the build may
    # release the others before it assembles the portfolio.
    holder = [raw]
    del raw
    return _build(holder, full, options, owned=True)


def resolve_mapping(raw: RawTable, mapping: Mapping[str, str] | None = None,
                    options: IngestOptions | None = None, *,
                    detect_unit: bool = False) -> tuple[RawTable, dict[str, str], IngestOptions]:
    """The mapping and options :func:`load_portfolio` builds with: the suggestion overridden by
    ``mapping``, and a wide layout when the file is recognisably wide. Only the headers of
    ``raw`` are read, so a file streamed in pieces resolves it once from its first piece.

    With ``detect_unit`` (the CLI without ``--unit``) a unit named by an amount header or a
    title row (``贷款余额(万元)``, ``单位：万元``) is used and said in the notes; figures that
    only look like 万元 are read as given, with a note saying how to change it.
    """
    options = options or IngestOptions()
    given = dict(mapping or {})
    # a header the caller gives to a field is no longer the suggestion's for another field
    taken = {h for h in given.values() if h}
    full = {c: h for c, h in suggest_mapping(raw).items() if h not in taken}
    full.update(given)
    full = {c: h for c, h in full.items() if h}
    if detect_unit:
        raw, options = _detected_unit(raw, full, options)
        # with no unit given, a column whose header names its own unit is read in it
        options = replace(options, column_units=own_units(full, options.amount_unit) or None)
    if options.wide is None and not any(c in full for c in ("days_past_due", "due_date", "status_label", "loan_class")):
        spec = suggest_wide_spec(raw, options.reference_month)
        if spec is not None:
            options = replace(options, wide=spec)
            if "PAY_0" in raw.frame.columns and options.reference_month is None:
                options_note = ("ingest.note.wide_reference", {"month": UCI_REFERENCE_MONTH})
                raw = replace(raw, notes=raw.notes + (options_note,))
    if options.wide is not None:
        for canonical in options.wide.columns:
            full.pop(canonical, None)
        # a date column would contradict the months named by the wide layout
        full.pop("snapshot_date", None)
    elif "snapshot_date" not in full and not options.snapshot_month:
        raw, options = _named_snapshot_month(raw, options)
        if MONTH_COLUMN in raw.frame.columns and FILE_COLUMN not in raw.frame.columns:
            full["snapshot_date"] = MONTH_COLUMN  # one table per month on the sheet: each block's own
    return raw, full, options


def _contested_notes(raw: RawTable, mapping: Mapping[str, str]) -> tuple[tuple[str, dict], ...]:
    """A note for each field left unmapped because two sub-columns of one merged header are
    equally that field (``逾期天数-本金``, ``逾期天数-利息``): recognition left the pick to the user
    (:func:`analysis.ingest.recognise.contested_suggestions`); once one is mapped, nothing is said."""
    return tuple(("ingest.note.sub_columns_contested", {"field": field, "columns": tuple(headers)})
                 for field, headers in contested_suggestions(raw).items() if not mapping.get(field))


def _lone_sub_column_notes(raw: RawTable, mapping: Mapping[str, str]) -> tuple[tuple[str, dict], ...]:
    """A note for each amount read from one sub-column of a merged header while its siblings are
    read as nothing (逾期金额-本金 applied as the overdue amount, 逾期金额-利息 not counted): the
    figure is that part alone, which the reader may not expect of the heading."""
    field_of = {h: c for c, h in mapping.items() if h}
    out = []
    for group in raw.header_groups:
        mapped = [h for h in group if h in field_of]
        others = [h for h in group if h not in field_of]
        if len(mapped) == 1 and others and field_of[mapped[0]] in AMOUNT_COLUMNS:
            out.append(("ingest.note.sub_column_alone", {"column": mapped[0], "others": tuple(others),
                                                          "field": field_of[mapped[0]]}))
    return tuple(out)


def _named_snapshot_month(raw: RawTable, options: IngestOptions) -> tuple[RawTable, IngestOptions]:
    """One file without a date column: the month its title rows or its name give, said in a note
    (as for several files; the month was asked for although ``逾期明细 2024年3月.xlsx`` says it)."""
    if FILE_COLUMN in raw.frame.columns:  # several files: each file's month is its own
        return raw, options
    found = named_month(raw)
    if found is None:
        return raw, options
    month, source = found
    blocks = month_blocks(raw, month)
    if blocks is not None:
        stacked, months = blocks
        note = ("ingest.note.month_blocks", {"n": len(months), "months": " / ".join(months)})
        return replace(stacked, notes=stacked.notes + (note,)), options
    note = (f"ingest.note.month_from_{source}", {"month": month})
    return replace(raw, notes=raw.notes + (note,)), replace(options, snapshot_month=month)


def _detected_unit(raw: RawTable, mapping: Mapping[str, str], options: IngestOptions) -> tuple[RawTable, IngestOptions]:
    """The unit the file names (applied) or its magnitudes suggest (a note only), with its note."""
    found = find_unit(raw, mapping)
    if found is None or (found.unit == options.amount_unit and not found.suggested):
        return raw, options
    if found.suggested:
        note = ("recognise.note.unit_magnitude", {"header": found.evidence, "median": f"{found.median:g}"})
        return replace(raw, notes=raw.notes + (note,)), options
    note = (f"recognise.note.unit_detected.{found.unit}", {"evidence": found.evidence})
    return replace(raw, notes=raw.notes + (note,)), replace(options, amount_unit=found.unit)


def _options_to_dict(options: IngestOptions) -> dict:
    """The options as plain JSON-ready values."""
    d = asdict(options)
    d["wide"] = options.wide.to_dict() if options.wide is not None else None
    d["status_codes"] = dict(options.status_codes) if options.status_codes is not None else None
    d["extra_segments"] = list(options.extra_segments)
    d["column_units"] = dict(options.column_units) if options.column_units else None
    return d


def mapping_to_json(mapping: Mapping[str, str], options: IngestOptions = IngestOptions()) -> str:
    """The mapping and options as JSON, to save and reuse next month.

    Examples
    --------
    >>> text = mapping_to_json({"account_id": "客户编号"}, IngestOptions(amount_unit="wan"))
    >>> mapping_from_json(text)[1].amount_unit
    'wan'
    """
    payload = {"format": "delinquency-workbench/mapping", "version": 1,
               "mapping": dict(mapping), "options": _options_to_dict(options)}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def mapping_from_json(text: str) -> tuple[dict[str, str], IngestOptions]:
    """Read back :func:`mapping_to_json`; raises :class:`IngestError` on anything else.

    Examples
    --------
    >>> mapping, options = mapping_from_json('{"mapping": {"balance": "贷款余额"}, "options": {"amount_unit": "wan"}}')
    >>> mapping, options.amount_unit
    ({'balance': '贷款余额'}, 'wan')
    """
    try:
        payload = json.loads(text)
        mapping = {str(k): str(v) for k, v in payload["mapping"].items()}
        opts = dict(payload.get("options") or {})
        wide = opts.pop("wide", None)
        codes = opts.pop("status_codes", None)
        extra = opts.pop("extra_segments", None) or ()
        known = {f for f in IngestOptions.__dataclass_fields__}
        opts = {k: v for k, v in opts.items() if k in known}
        options = IngestOptions(
            **opts,
            wide=WideSpec({c: dict(v) for c, v in wide.items()}) if wide else None,
            status_codes={str(k): (None if v is None else int(v)) for k, v in codes.items()} if codes is not None else None,
            extra_segments=tuple(extra),
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise IngestError("ingest.error.bad_mapping_file") from None
    return mapping, options


def cents(value) -> float:
    """A money total to the cent, as the report and the pages show it (607.4100000000001 → 607.41).

    Examples
    --------
    >>> cents(607.4100000000001), cents(-0.001)
    (607.41, 0.0)
    """
    return round(float(value), 2) + 0.0


def inspect_json(result: IngestResult, lang: str = "en") -> dict:
    """DESIGN.md's ``inspect`` object: counts, mapping, months, accounts, balance, first 1,000
    rejections (their reasons in ``lang``).

    Examples
    --------
    >>> res = load_portfolio("id,month,dpd,balance\\nA,2024-01,0,5\\n合计,,,5\\n".encode(), "a.csv")
    >>> j = inspect_json(res); j["rows_read"], j["rejected"][0]["reason"][:9]
    (2, 'total/sub')
    """
    s = result.summary
    rej = result.rejected.head(1000)
    rejected = [
        {"row": int(r), "reason": translate(k, lang, **(d if isinstance(d, dict) else {}))}
        for r, k, d in zip(rej["row"], rej["reason"], rej["detail"])
    ]
    return {
        "rows_read": s["rows_read"],
        "rows_accepted": s["rows_accepted"],
        "rows_rejected": s["rows_rejected"],
        "mapping": dict(s["mapping"]),
        "months": list(s["months"]),
        "accounts": s["accounts"],
        "balance_total": cents(s["balance_accepted"]),
        "rejected": rejected,
        "reasons": dict(s.get("reasons", {})),
        "notes": [translate(k, "en", **p) for k, p in s.get("notes", [])],
        "balance_read": cents(s["balance_read"]),
        "balance_rejected": cents(s["balance_rejected"]),
    }
