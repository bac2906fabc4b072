"""Bytes of a portfolio file → a validated canonical portfolio and a validation report.

The flow the upload page, the CLI and the tests share::

    raw = read_table(data, filename)                 # cells as found (analysis.readers)
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
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.i18n import MessageError, translate
from analysis.privacy import mask_mapped_pii
from analysis.parsing import (
    _as_arrow_strings,
    is_blank,
    label_convention,
    labels_to_dpd,
    month_end,
    normalise_label,
    normalise_month,
    parse_amounts_with_garbage,
    parse_dates,
    parse_dpd,
    parse_months,
    parse_numbers,
    parse_rates,
    shift_months,
    suggest_label_dpd,
)
from analysis.readers import RawTable, read_table
from analysis.reshape import UCI_REFERENCE_MONTH, WideSpec, suggest_wide_spec, wide_to_long
from analysis.schema import AMOUNT_COLUMNS, PII_COLUMNS, SEGMENT_COLUMNS, canonical_for

__all__ = [
    "IngestError", "IngestOptions", "IngestResult", "RawTable", "WideSpec", "build_portfolio",
    "inspect_json", "load_portfolio", "mapping_from_json", "mapping_to_json", "read_table",
    "suggest_mapping", "suggest_status_codes", "suggest_wide_spec",
]


class IngestError(MessageError):
    """A file that cannot become a portfolio, with a message in both languages.

    Attributes
    ----------
    code : str
        Message key in ``analysis/locales/ingest.py`` (``"ingest.error.…"``).
    params : dict
        Values for the message's placeholders.

    Examples
    --------
    >>> IngestError("ingest.error.empty_file", name="a.csv").message("en")[:22]
    'The file “a.csv” is em'
    """



@dataclass(frozen=True)
class IngestOptions:
    """Choices the user makes on the upload page (or on the command line).

    Attributes
    ----------
    amount_unit : {"yuan", "wan"}
        Unit of amounts in the file; ``"wan"`` (万元) multiplies by 10,000.
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
    """

    amount_unit: str = "yuan"
    snapshot_month: str | None = None
    reference_month: str | None = None
    status_codes: Mapping[str, int | None] | None = None
    balance_missing: str = "reject"
    negative_balance: str = "reject"
    wide: WideSpec | None = None
    extra_segments: tuple[str, ...] = ()


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
            ("原因" if lang == "zh" else "reason"): pd.array(reasons, dtype="str"),
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
        frame = self.raw.frame.iloc[positions].reset_index(drop=True)
        raw = replace(self.raw, frame=frame, source_rows=np.asarray(self.raw.source_rows)[positions])
        rejected = self.rejected.assign(position=np.arange(len(self.rejected), dtype=np.int64))
        return replace(self, raw=raw, rejected=rejected)


# --------------------------------------------------------------------------------------------
# suggestions


def _header_canonical(header: str) -> str | None:
    found = canonical_for(header)
    if found:
        return found
    # "贷款余额(元)", "逾期天数（天）", "Balance (CNY)": drop a trailing unit before matching
    import re

    stripped = re.sub(r"\s*[(（\[【][^)）\]】]*[)）\]】]\s*$", "", str(header))
    stripped = re.sub(r"(万元|元|天|日|人民币)$", "", stripped.strip())
    if stripped and stripped != header:
        return canonical_for(stripped)
    return None


def suggest_mapping(raw: RawTable) -> dict[str, str]:
    """Propose ``canonical -> header`` from the synonym table; the first matching header wins.

    Examples
    --------
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


def _status_values(raw: RawTable, mapping: Mapping[str, str], wide: WideSpec | None) -> list[pd.Series]:
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
    status" until the user gives them a DPD. See :data:`analysis.parsing.STATUS_CODE_DOC`.

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
    for label in labels:
        proposal = suggest_label_dpd(label, convention)
        if proposal is None:
            continue
        out[label] = None if isinstance(proposal, str) else int(proposal)
    return out


# --------------------------------------------------------------------------------------------
# building the portfolio

# 合计/小计/总计 start a total row whatever follows ("合计：", "合计(元)"); the English words only
# when they are the whole cell, so an account called "Total Motors" or "Summit" is not one.
_TOTAL_PATTERN = (r"^\s*(合\s*计|小\s*计|总\s*计|总\s*合\s*计|总额"
                  r"|(grand\s*total|sub\s*-?\s*total|total|sum|totals)\s*[:：]?\s*$)")


class _Rejections:
    """First failing check wins: a reason code per row plus what to say about it."""

    def __init__(self, n: int) -> None:
        self.code = np.zeros(n, dtype=np.int16)
        self.kinds: list[tuple[str, str | None, pd.Series | None, dict]] = [("", None, None, {})]

    def add(self, mask: np.ndarray, key: str, column: str | None = None,
            values: pd.Series | None = None, **extra: object) -> None:
        mask = np.asarray(mask, dtype=bool) & (self.code == 0)
        if not mask.any():
            return
        self.kinds.append((key, column, values, extra))
        self.code[mask] = len(self.kinds) - 1

    @property
    def ok(self) -> np.ndarray:
        return self.code == 0

    def frame(self, source_rows: np.ndarray, positions: np.ndarray) -> pd.DataFrame:
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
            for j, s in enumerate(sel):
                d = {"column": columns[j] if columns is not None else (column or ""), "value": vals[j]}
                d.update(extra)
                if per_row is not None:
                    d.update({name: vs[j] for name, vs in per_row.items()})
                details[s] = d
        return pd.DataFrame({
            "row": source_rows[idx].astype(np.int64),
            "reason": pd.array(keys.tolist(), dtype="str"),
            "detail": pd.Series(details, dtype=object),
            "position": (idx if positions is None else positions[idx]).astype(np.int64),
        })


def _cell_text(v: object) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _bool(arr) -> np.ndarray:
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


class _Coded:
    """A text column as integer codes into its sorted, trimmed distinct values.

    Cleaning, sorting, total-row detection and category building then touch each distinct value
    once instead of every row: a 2.4M-row account column has 100k distinct ids, a segment a few.
    """

    def __init__(self, values: pd.Series, compact: bool = False) -> None:
        codes, uniq = _factorize(values)
        arr = _as_arrow_strings(uniq) if pd.api.types.is_string_dtype(uniq.dtype) else None
        if arr is not None:
            arr = pc.utf8_trim_whitespace(arr)
            arr = pc.if_else(pc.equal(arr, ""), None, arr)
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
        else:
            texts = _strings(uniq)
            arr = pa.array(texts.astype(object).where(texts.notna(), None).tolist(), type=pa.string())
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
        return self.codes < 0

    def matches(self, pattern: str) -> np.ndarray:
        hit = np.append(_bool(pc.match_substring_regex(self.uniques, pattern, ignore_case=True)), False)
        return hit[np.where(self.codes < 0, len(hit) - 1, self.codes)]

    def strings(self, rows: np.ndarray | None = None) -> pd.Series:
        idx = self.codes if rows is None else self.codes[rows]
        taken = self.uniques.take(pa.array(idx, mask=idx < 0, type=pa.int64()))
        out = taken.to_pandas()
        return out if pd.api.types.is_string_dtype(out.dtype) else out.astype("str")

    def categorical(self, rows: np.ndarray) -> pd.Categorical:
        cats = pd.Index(self.uniques.to_pylist(), dtype="str")
        return pd.Categorical.from_codes(self.codes[rows], categories=cats)


def _column(values) -> pd.Series:
    """A Series over ``values`` without the copy pandas 3 makes of NumPy input by default."""
    return pd.Series(values, copy=False)


#: Threads for the independent column conversions. Measured on the 2.4M-row bench panel on
#: 2 shared cores: 2 threads saved ~0.1-0.3 s but raised peak memory by ~90 MB (each thread's
#: malloc arena holds its own temporaries), and memory is the tighter bar; so 1 by default.
CONVERSION_THREADS = 1


def _run_parallel(tasks: dict) -> dict:
    """Run independent column conversions (on ``CONVERSION_THREADS`` threads); keyed like ``tasks``."""
    from concurrent.futures import ThreadPoolExecutor

    workers = min(CONVERSION_THREADS, len(tasks))
    if workers <= 1:
        return {k: f() for k, f in tasks.items()}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {k: pool.submit(f) for k, f in tasks.items()}
        return {k: fut.result() for k, fut in futures.items()}


def _examples(values: pd.Series, k: int = 3) -> str:
    vals = [v for v in values.dropna().unique()[:k]]
    return "、".join(_cell_text(v) for v in vals)


def _check_option(name: str, value: object, allowed: tuple) -> None:
    if value not in allowed:
        raise IngestError("ingest.error.bad_option", option=name, value=value)


def _column_list(raw: RawTable) -> str:
    cols = [str(c) for c in raw.frame.columns]
    return "、".join(cols[:40]) + ("…" if len(cols) > 40 else "")


def build_portfolio(raw: RawTable, mapping: Mapping[str, str], options: IngestOptions = IngestOptions()) -> IngestResult:
    """Turn a :class:`RawTable` into the canonical portfolio under a confirmed mapping.

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
    _check_option("amount_unit", options.amount_unit, ("yuan", "wan"))
    _check_option("balance_missing", options.balance_missing, ("reject", "unit"))
    _check_option("negative_balance", options.negative_balance, ("reject", "zero"))
    for opt in ("snapshot_month", "reference_month"):
        value = getattr(options, opt)
        if value is not None and normalise_month(value) is None:
            raise IngestError("ingest.error.bad_option", option=opt, value=value)
    frame = raw.frame
    mapping = {c: h for c, h in mapping.items() if h not in (None, "")}
    for canonical, header in mapping.items():
        if header not in frame.columns:
            raise IngestError("ingest.error.unknown_header", canonical=canonical, header=header)
    wide = options.wide if options.wide is not None and options.wide.columns else None
    notes: list[tuple[str, dict]] = list(raw.notes)

    # ---- the working columns: canonical -> Series over the rows to validate ---------------
    if wide is not None:
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
        wide = WideSpec(fixed)
        keep = [h for c, h in mapping.items() if c not in wide.columns]
        keep += [h for h in options.extra_segments if h in frame.columns]
        if len(frame.columns):
            keep.append(frame.columns[0])
        long = wide_to_long(frame, wide, keep)
        positions = long["source_position"].to_numpy()
        cols = {c: long[h] for c, h in mapping.items() if c not in wide.columns}
        cols.update({c: long[c] for c in wide.columns})
        extra_cols = {h: long[h] for h in options.extra_segments if h in long.columns}
        first_col = long[frame.columns[0]] if len(frame.columns) else None
        headers_of = dict(mapping)
        headers_of.update({c: "/".join(list(v)[:2]) + ("/…" if len(v) > 2 else "") for c, v in wide.columns.items()})
        notes.append(("ingest.note.wide", {"columns": len(wide.headers()), "months": len(wide.months()),
                                           "rows": len(long)}))
        wide_months = long["month"]
    else:
        positions = None  # rows are the frame's rows: no index array of millions to carry
        cols = {c: frame[h] for c, h in mapping.items()}
        extra_cols = {h: frame[h] for h in options.extra_segments if h in frame.columns}
        first_col = frame[frame.columns[0]] if len(frame.columns) else None
        headers_of = dict(mapping)
        wide_months = None
    n = len(positions) if positions is not None else len(frame)
    source_rows = np.asarray(raw.source_rows, dtype=np.int64)
    if positions is not None:
        source_rows = source_rows[positions]

    # ---- can this mapping give a portfolio at all? ------------------------------------------
    # DPD first: a file without any delinquency information needs the longest explanation
    has_dpd = any(c in cols for c in ("days_past_due", "due_date", "status_label"))
    if not has_dpd:
        raise IngestError("ingest.error.no_dpd", columns=_column_list(raw))
    if "account_id" not in cols:
        raise IngestError("ingest.error.no_account", columns=_column_list(raw))
    if wide_months is None and "snapshot_date" not in cols and options.snapshot_month is None:
        raise IngestError("ingest.error.no_month", columns=_column_list(raw))
    if "balance" not in cols and options.balance_missing != "unit":
        raise IngestError("ingest.error.no_balance", columns=_column_list(raw))

    rej = _Rejections(n)

    # ---- total rows (合计/小计/Total) --------------------------------------------------------
    # The column conversions are independent (and Arrow releases the GIL, so they can run side by
    # side, see CONVERSION_THREADS); the checks are then applied in a fixed order.
    tasks: dict[str, object] = {"account": lambda: _Coded(cols["account_id"])}
    if "status_label" in cols:
        tasks["status"] = lambda: _Coded(cols["status_label"])
    if "days_past_due" in cols:
        tasks["dpd"] = lambda: parse_dpd(cols["days_past_due"])
    for canonical in AMOUNT_COLUMNS:
        if canonical in cols:
            tasks[canonical] = (lambda c: lambda: parse_amounts_with_garbage(cols[c], options.amount_unit))(canonical)
    for canonical in SEGMENT_COLUMNS:
        if canonical in cols:
            tasks[canonical] = (lambda c: lambda: _Coded(cols[c], compact=True))(canonical)
    for header in options.extra_segments:
        if header in extra_cols:
            tasks["extra:" + header] = (lambda h: lambda: _Coded(extra_cols[h], compact=True))(header)
    if "origination_date" in cols:
        tasks["origination_date"] = lambda: parse_dates(cols["origination_date"])
    if "score" in cols:
        tasks["score"] = lambda: parse_numbers(cols["score"])
    pre = _run_parallel(tasks)
    account = pre["account"]
    probes = [account]
    if first_col is not None and wide is None and first_col.name != headers_of.get("account_id"):
        probes.append(_Coded(first_col))
    for probe in probes:
        hit = probe.matches(_TOTAL_PATTERN)
        if hit.any():
            rej.add(hit, "ingest.reject.total_row", None, probe.strings())
    rej.add(account.missing, "ingest.reject.missing_account", headers_of["account_id"])

    # ---- month ------------------------------------------------------------------------------
    if wide_months is not None:
        codes, uniq = _factorize(wide_months)
        month_codes, month_labels = _sorted_codes(codes, [str(u) for u in uniq])
    elif "snapshot_date" in cols:
        month_codes, month_labels = _months_of(cols["snapshot_date"], headers_of["snapshot_date"], options, notes, rej)
    else:
        month = normalise_month(options.snapshot_month)
        month_codes, month_labels = np.zeros(n, dtype=np.int32), [month]
        notes.append(("ingest.note.snapshot_month", {"month": month}))
    label_ends = month_end(pd.Series(month_labels, dtype="str")).to_numpy(dtype="datetime64[ns]")

    def wide_column(canonical: str) -> dict:
        """For a wide file, name the month's own column in rejections (BILL_AMT3, not BILL_AMT*)."""
        if wide is None or canonical not in wide.columns:
            return {}
        by_month = {m: h for h, m in wide.columns[canonical].items()}
        lookup = np.asarray([by_month.get(m, "") for m in month_labels] + [""], dtype=object)
        return {"_column_of": lambda rows: lookup[np.where(month_codes[rows] < 0, len(lookup) - 1,
                                                            month_codes[rows])].tolist()}

    # ---- days past due ------------------------------------------------------------------------
    status_coded = pre.get("status")
    status_strings = status_coded.strings() if status_coded is not None else None
    if "days_past_due" in cols:
        header = headers_of["days_past_due"]
        dpd, garbage = pre["dpd"]
        v = dpd.to_numpy()
        if n and garbage.any() and not np.isfinite(v).any():
            raise IngestError("ingest.error.dpd_column_text", column=header,
                              examples=_examples(cols["days_past_due"]))
        rej.add(garbage, "ingest.reject.bad_dpd", header, cols["days_past_due"], **wide_column("days_past_due"))
        rej.add(np.isnan(v), "ingest.reject.missing_dpd", header, **wide_column("days_past_due"))
        rej.add(v < 0, "ingest.reject.negative_dpd", header, cols["days_past_due"], **wide_column("days_past_due"))
    elif "due_date" in cols:
        header = headers_of["due_date"]
        due = parse_dates(cols["due_date"])
        blank = is_blank(cols["due_date"])
        rej.add(due.isna().to_numpy() & ~blank, "ingest.reject.bad_due_date", header, cols["due_date"])
        ends = np.append(label_ends, np.datetime64("NaT", "ns"))[np.where(month_codes < 0, len(label_ends), month_codes)]
        days = (pd.Series(ends) - due.reset_index(drop=True)).dt.days.to_numpy(dtype="float64", na_value=np.nan)
        v = np.where(blank, 0.0, np.clip(days, 0, None))
        notes.append(("ingest.note.dpd_from_due_date", {"column": header}))
    else:
        header = headers_of["status_label"]
        codes = options.status_codes
        if codes is None:
            codes = suggest_status_codes(raw, mapping, wide)
        dpd, excluded, unknown = labels_to_dpd(status_strings, codes)
        v = dpd.to_numpy()
        if excluded.any():
            labels = status_strings
            convention = label_convention(list(pd.unique(labels.dropna()))[:1000])
            kinds = _exclusion_kind(labels[excluded], convention)
            for kind in ("closed", "no_loan", "excluded"):
                mask = np.zeros(n, dtype=bool)
                mask[np.flatnonzero(excluded)[kinds == kind]] = True
                rej.add(mask, f"ingest.reject.{'excluded_status' if kind == 'excluded' else kind}",
                        header, labels, **wide_column("status_label"))
        rej.add(unknown, "ingest.reject.unknown_status", header, status_strings, **wide_column("status_label"))
        notes.append(("ingest.note.dpd_from_status", {"column": header}))
    dpd_values = v

    # ---- balance and other amounts --------------------------------------------------------------
    if options.amount_unit == "wan":
        notes.append(("ingest.note.amount_unit_wan", {}))
    amounts: dict[str, np.ndarray] = {}
    balance_all = None
    for canonical in AMOUNT_COLUMNS:
        if canonical not in cols:
            continue
        header = headers_of[canonical]
        values, garbage = pre.pop(canonical)
        arr = values.to_numpy()
        if n and garbage.any() and not np.isfinite(arr).any():
            raise IngestError("ingest.error.amount_column_text", column=header,
                              examples=_examples(cols[canonical]))
        if canonical == "balance":
            balance_all = arr
            rej.add(garbage, "ingest.reject.bad_amount", header, cols[canonical], **wide_column(canonical))
            rej.add(np.isnan(arr), "ingest.reject.missing_balance", header, **wide_column(canonical))
            if options.negative_balance == "reject":
                rej.add(arr < 0, "ingest.reject.negative_balance", header, cols[canonical], **wide_column(canonical))
        else:
            rej.add(garbage, "ingest.reject.bad_amount", header, cols[canonical], **wide_column(canonical))
        amounts[canonical] = arr
    if "balance" not in cols:
        balance_all = np.ones(n, dtype="float64")
        amounts["balance"] = balance_all
        notes.append(("ingest.note.balance_unit", {}))

    # ---- duplicates: same account and month; keep the first, point the others at it ---------
    # Sorting by (month, account) is needed for the output anyway; duplicates are then adjacent,
    # and the stable sort keeps each key's first row first. No hash table over millions of keys.
    acc_codes = account.codes
    order = _month_account_order(np.flatnonzero(rej.ok), month_codes, acc_codes, len(month_labels))
    if len(order) > 1:
        m_sorted, a_sorted = month_codes[order], acc_codes[order]
        same = (m_sorted[1:] == m_sorted[:-1]) & (a_sorted[1:] == a_sorted[:-1])
        del m_sorted, a_sorted
        if same.any():
            dup_sorted = np.flatnonzero(same) + 1
            # the first row of each run of equal keys: the last position where the key changed
            starts = np.flatnonzero(np.concatenate([[True], ~same]))
            run_start = starts[np.searchsorted(starts, dup_sorted, side="right") - 1]
            dup_rows = order[dup_sorted]
            first_row = np.zeros(n, dtype=np.int64)
            first_row[dup_rows] = source_rows[order[run_start]]
            mask = np.zeros(n, dtype=bool)
            mask[dup_rows] = True
            rej.add(mask, "ingest.reject.duplicate", headers_of["account_id"], account.strings(),
                    _per_row={"first_row": first_row})
            keep = np.ones(len(order), dtype=bool)
            keep[dup_sorted] = False
            order = order[keep]
        del same

    # ---- assemble the accepted rows, sorted by month then account ----------------------------
    ok = rej.ok
    # The report's totals first, so the full-length intermediates can go before the output
    # columns are built (peak memory is what limits file size on a shared server).
    rejected = rej.frame(source_rows, positions)
    rejected_mask = ~ok
    finite = np.isfinite(balance_all) if balance_all is not None else np.zeros(n, dtype=bool)
    balance_read = float(balance_all[finite].sum()) if n else 0.0
    balance_rejected = float(balance_all[finite & rejected_mask].sum()) if n else 0.0
    total_rows = rej.code == (next((i for i, k in enumerate(rej.kinds) if k[0] == "ingest.reject.total_row"), -1))
    balance_total_rows = float(balance_all[finite & total_rows].sum()) if n else 0.0
    del finite, total_rows, rejected_mask, balance_all, positions
    out: dict[str, object] = {}
    out["account_id"] = account.strings(order)
    labels_arr = pa.array(month_labels, type=pa.large_string())
    out["month"] = (labels_arr.take(pa.array(month_codes[order])).to_pandas().astype("str")
                    if len(order) else pd.Series([], dtype="str"))
    out["snapshot_date"] = _column(label_ends[month_codes[order]] if len(order)
                                     else np.array([], dtype="datetime64[ns]"))
    out["days_past_due"] = _column(dpd_values[order].astype(np.int64, copy=False) if len(order) else np.array([], dtype=np.int64))
    del dpd_values, v
    balance = amounts.pop("balance")[order]
    zeroed = balance < 0
    balance_zeroed = float(balance[zeroed].sum()) if zeroed.any() else 0.0
    if zeroed.any():
        notes.append(("ingest.note.negative_zeroed", {"n": int(zeroed.sum()), "amount": f"{balance_zeroed:,.2f}"}))
        balance[zeroed] = 0.0
    out["balance"] = _column(balance)
    for canonical in AMOUNT_COLUMNS[1:]:
        if canonical in amounts:
            out[canonical] = _column(amounts.pop(canonical)[order])
    if "status_label" in cols:
        out["status_label"] = status_coded.strings(order)
    if "due_date" in cols:
        out["due_date"] = parse_dates(cols["due_date"]).take(order).reset_index(drop=True)
    if "overdue_reason" in cols:
        out["overdue_reason"] = _strings(cols["overdue_reason"]).take(order).reset_index(drop=True)
    for canonical in SEGMENT_COLUMNS:
        if canonical in cols:
            out[canonical] = pre.pop(canonical).categorical(order)
    if "origination_date" in cols:
        dates = pre.pop("origination_date")
        missing = dates.isna().to_numpy()
        bad = int((missing & ~is_blank(cols["origination_date"])).sum()) if missing.any() else 0
        if bad:
            notes.append(("ingest.note.dates_garbage", {"column": headers_of["origination_date"], "n": bad}))
        out["origination_date"] = dates.take(order).reset_index(drop=True)
    if "score" in cols:
        values, garbage = pre.pop("score")
        if garbage.any():
            notes.append(("ingest.note.numbers_garbage", {"column": headers_of["score"], "n": int(garbage.sum())}))
        out["score"] = _column(values.to_numpy()[order])
    if "interest_rate" in cols:
        values, garbage, scaled = parse_rates(cols["interest_rate"])
        if scaled:
            notes.append(("ingest.note.rate_percent", {"column": headers_of["interest_rate"]}))
        if garbage.any():
            notes.append(("ingest.note.numbers_garbage", {"column": headers_of["interest_rate"], "n": int(garbage.sum())}))
        out["interest_rate"] = _column(values.to_numpy()[order])
    for canonical in PII_COLUMNS:
        if canonical in cols:
            out[canonical] = _strings(cols[canonical]).take(order).reset_index(drop=True)
    for header in options.extra_segments:
        if header in extra_cols and header not in out:
            out[header] = pre.pop("extra:" + header).categorical(order)
    out["source_row"] = _column(source_rows[order].astype(np.int64, copy=False))
    portfolio = pd.DataFrame(out, copy=False)
    del out
    for c in ("account_id", "status_label", "overdue_reason", *PII_COLUMNS):
        if c in portfolio.columns and not pd.api.types.is_string_dtype(portfolio[c].dtype):
            portfolio[c] = portfolio[c].astype("str")

    reasons = rejected["reason"].value_counts().to_dict() if len(rejected) else {}
    used_months = np.bincount(month_codes[order], minlength=len(month_labels)) > 0 if len(order) else []
    months_list = [lab for lab, used in zip(month_labels, used_months) if used]
    n_accounts = int((np.bincount(acc_codes[order]) > 0).sum()) if len(order) else 0
    summary = {
        "rows_read": int(n),
        "rows_accepted": int(len(portfolio)),
        "rows_rejected": int(len(rejected)),
        "file_rows": int(len(frame)),
        "balance_read": balance_read,
        "balance_accepted": float(portfolio["balance"].sum()),
        "balance_rejected": balance_rejected,
        "balance_zeroed": balance_zeroed,
        "balance_total_rows": balance_total_rows,
        "accounts": n_accounts,
        "months": months_list,
        "mapping": dict(mapping),
        "notes": notes,
        "reasons": {str(k): int(v) for k, v in reasons.items()},
        "file_format": raw.file_format,
        "encoding": raw.encoding,
        "sheet": raw.sheet,
        "sheets": list(raw.sheets),
        "hidden_sheets": list(raw.hidden_sheets),
        "header_row": raw.header_row,
        "options": _options_to_dict(options),
        "dpd_source": next(c for c in ("days_past_due", "due_date", "status_label") if c in cols),
    }
    return IngestResult(portfolio=portfolio, rejected=rejected, summary=summary, raw=raw)


def _exclusion_kind(labels: pd.Series, convention: str) -> np.ndarray:
    codes, uniques = pd.factorize(labels, use_na_sentinel=True)
    kinds = []
    for u in uniques:
        p = suggest_label_dpd(u, convention)
        kinds.append(p if p in ("closed", "no_loan") else "excluded")
    kinds.append("excluded")
    return np.asarray(kinds, dtype=object)[np.where(codes < 0, len(uniques), codes)]


def _months_of(values: pd.Series, header: str, options: IngestOptions, notes: list,
               rej: _Rejections) -> tuple[np.ndarray, list[str]]:
    """Calendar months of the date column: dates, or relative months with a reference month.

    Works on the distinct values only (a monthly panel has a few dozen), then broadcasts.
    """
    codes, distinct = _factorize(values)
    blank_u = np.append(is_blank(distinct), True)
    labels: list[str | None] | None = None
    if not pd.api.types.is_datetime64_any_dtype(distinct.dtype) and len(distinct):
        nums, garbage = parse_numbers(distinct)
        v = nums.to_numpy()
        fin = np.isfinite(v)
        relative = (fin.any() and not garbage.any() and bool(np.all(v[fin] == np.floor(v[fin])))
                    and bool(np.all(np.abs(v[fin]) <= 1200))
                    and (bool((v[fin] < 0).any()) or options.reference_month is not None))
        if relative:
            ref = normalise_month(options.reference_month)
            if ref is None:
                raise IngestError("ingest.error.need_reference_month", column=header)
            notes.append(("ingest.note.relative_months", {"column": header, "reference_month": ref}))
            labels = [shift_months(ref, int(x)) if f else None for x, f in zip(v, fin)]
    if labels is None:
        labels = parse_months(distinct).astype(object).where(lambda x: x.notna(), None).tolist()
    bad_u = np.array([lab is None for lab in labels] + [True], dtype=bool)
    if len(distinct) and bad_u[:-1].all():
        raise IngestError("ingest.error.month_garbage", column=header, examples=_examples(values))
    if not len(distinct) and len(values):
        raise IngestError("ingest.error.month_garbage", column=header, examples="")
    idx = np.where(codes < 0, len(labels), codes)
    rej.add(blank_u[idx], "ingest.reject.missing_month", header)
    rej.add(bad_u[idx] & ~blank_u[idx], "ingest.reject.bad_month", header, values)
    return _sorted_codes(codes, labels)


def _sorted_codes(codes: np.ndarray, labels: list[str | None]) -> tuple[np.ndarray, list[str]]:
    """Codes into the sorted distinct non-missing labels (``YYYY-MM`` sorts chronologically)."""
    distinct = sorted({lab for lab in labels if lab is not None})
    pos = {lab: i for i, lab in enumerate(distinct)}
    table = np.array([pos.get(lab, -1) if lab is not None else -1 for lab in labels], dtype=np.int32)
    return _remap(codes, table), distinct


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
    order = idx[np.argsort(month_codes[idx].astype(small), kind="stable")]
    a, m = acc_codes[order], month_codes[order]
    if bool(np.all((a[1:] >= a[:-1]) | (m[1:] != m[:-1]))):
        return order
    del a, m, order
    by_acc = idx[np.argsort(acc_codes[idx], kind="stable")]
    m = month_codes[by_acc]
    m = m.astype(small)
    return by_acc[np.argsort(m, kind="stable")]


# --------------------------------------------------------------------------------------------
# one call, JSON round trips


def load_portfolio(data: bytes, filename: str, mapping: Mapping[str, str] | None = None,
                   options: IngestOptions | None = None, sheet: str | None = None) -> IngestResult:
    """Read, suggest and build in one call (the CLI, the tests, the bundled sample).

    ``mapping`` entries override the suggestion for the canonical columns they name. A wide
    layout is used when ``options.wide`` is given, or proposed when the file is recognisably wide
    and the mapping has no DPD source of its own.

    Examples
    --------
    >>> res = load_portfolio("客户编号,统计日期,逾期天数,贷款余额\\nA1,2024-01-31,0,1\\n".encode("gbk"), "a.csv")
    >>> res.summary["rows_accepted"], res.portfolio["month"].tolist()
    (1, ['2024-01'])
    """
    raw = read_table(data, filename, sheet=sheet)
    raw, full, options = resolve_mapping(raw, mapping, options)
    return build_portfolio(raw, full, options)


def resolve_mapping(raw: RawTable, mapping: Mapping[str, str] | None = None,
                    options: IngestOptions | None = None) -> tuple[RawTable, dict[str, str], IngestOptions]:
    """The mapping and options :func:`load_portfolio` builds with: the suggestion overridden by
    ``mapping``, and a wide layout when the file is recognisably wide. Only the headers of
    ``raw`` are read, so a file streamed in pieces resolves it once from its first piece.
    """
    options = options or IngestOptions()
    suggested = suggest_mapping(raw)
    full = {**suggested, **(mapping or {})}
    full = {c: h for c, h in full.items() if h}
    if options.wide is None and not any(c in full for c in ("days_past_due", "due_date", "status_label")):
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
    return raw, full, options


def _options_to_dict(options: IngestOptions) -> dict:
    d = asdict(options)
    d["wide"] = options.wide.to_dict() if options.wide is not None else None
    d["status_codes"] = dict(options.status_codes) if options.status_codes is not None else None
    d["extra_segments"] = list(options.extra_segments)
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
    except (ValueError, KeyError, TypeError, AttributeError):
        raise IngestError("ingest.error.bad_mapping_file") from None
    return mapping, options


def inspect_json(result: IngestResult) -> dict:
    """DESIGN.md's ``inspect`` object: counts, mapping, months, accounts, balance, first 1,000 rejections.

    Examples
    --------
    >>> res = load_portfolio(b"id,month,dpd,balance\\nA,2024-01,0,5\\n\\u5408\\u8ba1,,,5\\n".decode("unicode_escape").encode(), "a.csv")
    >>> j = inspect_json(res); j["rows_read"], j["rejected"][0]["reason"][:9]
    (2, 'total/sub')
    """
    s = result.summary
    rej = result.rejected.head(1000)
    rejected = [
        {"row": int(r), "reason": translate(k, "en", **(d if isinstance(d, dict) else {}))}
        for r, k, d in zip(rej["row"], rej["reason"], rej["detail"])
    ]
    return {
        "rows_read": s["rows_read"],
        "rows_accepted": s["rows_accepted"],
        "rows_rejected": s["rows_rejected"],
        "mapping": dict(s["mapping"]),
        "months": list(s["months"]),
        "accounts": s["accounts"],
        "balance_total": s["balance_accepted"],
        "rejected": rejected,
        "reasons": dict(s.get("reasons", {})),
        "notes": [translate(k, "en", **p) for k, p in s.get("notes", [])],
        "balance_read": s["balance_read"],
        "balance_rejected": s["balance_rejected"],
    }
