"""Everything that would stop a file from loading, listed at once, before the build.

:func:`analysis.ingest.portfolio.build_portfolio` stops at the first problem it meets (no balance
column: the user fixes it and clicks again, then learns the reference month is missing). The
upload page calls :func:`precheck` on every rerun instead and shows the whole list above the
"check and load" button, each problem saying what is wrong and what to do.

The list agrees with the build: a problem whose ``raises`` is set is exactly the
:class:`~analysis.ingest.errors.IngestError` the build would raise (the first such problem in the
list is the one it raises first); the others (``raises`` is ``None``) are mappings the build
accepts but that give a book with every row rejected (an empty account, DPD or balance column,
status labels none of which has a DPD, due dates none of which is a date) or a wrong one (two
fields on one header). The column checks read a sample first and the whole column only when the
sample cannot decide, so a good 2M-row file costs a few milliseconds per check.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis.core.i18n import translate
from analysis.core.markup import escape_params
from analysis.core.schema import AMOUNT_COLUMNS, canonical_for
from analysis.ingest.bucket_columns import aging_band_columns
from analysis.ingest.errors import IngestError
from analysis.ingest.parsing import (
    DATE_ORDERS,
    DECIMAL_COMMA_CHOICES,
    UNIT_FACTORS,
    is_blank,
    labels_to_dpd,
    normalise_month,
    parse_amounts_detecting,
    parse_dates_ordered,
    parse_dpd,
    parse_numbers,
)
# build_portfolio's own month reader and status helpers: the precheck asks the same function the
# build does, so the two cannot drift apart when month parsing learns a new format.
from analysis.ingest.portfolio import IngestOptions, _months_of, distinct_labels, dpd_mapping, suggest_status_codes
from analysis.ingest.readers import HEADER_SCAN_ROWS, RawTable
from analysis.ingest.reshape import WideSpec

__all__ = ["Problem", "precheck"]

#: Rows read from the top of a column before the whole column is looked at.
SAMPLE_ROWS = 2_000

#: Where a row's days past due can come from, in build_portfolio's order of preference.
_DPD_SOURCES = ("days_past_due", "due_date", "status_label")


@dataclass(frozen=True)
class Problem:
    """One thing that blocks loading: what is wrong and what to do.

    Attributes
    ----------
    key : str
        Message key in ``analysis/locales/precheck.py`` (``"precheck.…"``).
    params : Mapping
        The message's parameters; ``field``/``fields`` hold canonical column names, given in the
        reader's language by :meth:`message`.
    raises : str or None
        The ``IngestError`` key ``build_portfolio`` raises for the same mapping; ``None`` when
        the build would load a book with every row rejected, or a wrong one.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    raises: str | None = None

    def _params(self, lang: str) -> dict:
        params = dict(self.params)
        if "field" in params:
            params["field"] = field_label(str(params["field"]), lang)
        if "fields" in params:
            params["fields"] = tuple(field_label(str(f), lang) for f in params["fields"])
        return params

    def message(self, lang: str = "en") -> str:
        """The problem and its fix in ``lang``.

        Examples
        --------
        >>> Problem("precheck.no_balance").message("en")[:25]
        'There is no balance colum'
        """
        return translate(self.key, lang, **self._params(lang))

    def markdown(self, lang: str = "en") -> str:
        """:meth:`message` with the user's headers and values escaped for Streamlit markdown."""
        return translate(self.key, lang, **escape_params(self._params(lang)))


def field_label(canonical: str, lang: str) -> str:
    """A canonical column's name for the reader (``"balance"`` → ``"余额"``)."""
    return translate(f"precheck.field.{canonical}", lang) if canonical else ""


def precheck(raw: RawTable, mapping: Mapping[str, str], options: IngestOptions = IngestOptions()) -> list[Problem]:
    """Every problem that blocks loading ``raw`` under ``mapping`` and ``options``, in the order
    :func:`~analysis.ingest.portfolio.build_portfolio` meets them; an empty list when it loads.

    Parameters
    ----------
    raw : RawTable
        From :func:`~analysis.ingest.readers.read_table`.
    mapping : Mapping[str, str]
        ``canonical -> header``; empty values are ignored.
    options : IngestOptions
        As the build gets them.

    Returns
    -------
    list of Problem

    Examples
    --------
    >>> from analysis.ingest.readers import read_table
    >>> raw = read_table(b"id,dpd\\nA,0\\n", "a.csv")
    >>> [p.key for p in precheck(raw, {"account_id": "id", "days_past_due": "dpd"})]
    ['precheck.no_month', 'precheck.no_balance']
    """
    mapping = {c: h for c, h in mapping.items() if h not in (None, "")}
    frame = raw.frame
    problems = _option_problems(options)
    problems += [Problem("precheck.unknown_header", {"field": c, "header": h}, "ingest.error.unknown_header")
                 for c, h in mapping.items() if h not in frame.columns]
    problems += _same_header_problems(mapping)
    wide = options.wide if options.wide is not None and options.wide.columns else None
    if wide is None:
        mapping = dpd_mapping(mapping)  # the bank's classification as the status when nothing else says the DPD
    wide_problems = _wide_problems(frame, wide) if wide is not None else []
    problems += wide_problems
    present = {c for c in mapping if wide is None or c not in wide.columns}
    if wide is not None:
        present |= set(wide.columns)
    unjoined = next((params for key, params in raw.notes if key == "ingest.note.header_rows_unjoined"), None)
    if not present and not any(canonical_for(c) for c in frame.columns):
        # not one known name: the header is further down (say that, not four missing columns)
        return problems + [Problem("precheck.no_header_found", {"rows": HEADER_SCAN_ROWS}, "ingest.error.no_header_found")]
    sources = _source_problems(present, wide is not None, options, aging_band_columns(frame.columns), unjoined)
    if any(p.key == "precheck.bucket_columns" for p in sources):
        # an aging summary: no mapping makes it a book, so the advice on columns would mislead
        return [p for p in sources if p.key == "precheck.bucket_columns"]
    problems += sources
    if wide_problems:
        return problems  # the month columns cannot be stacked as the build would stack them
    columns = _columns(frame, mapping, wide)
    # an option already listed as invalid: read the columns the default way meanwhile
    readable = replace(options, date_order=options.date_order if options.date_order in DATE_ORDERS else "auto",
                       decimal_comma=options.decimal_comma if _valid_decimal_comma(options.decimal_comma) else "auto")
    problems += _column_problems(raw, mapping, wide, readable, columns)
    return problems


# ---- the options and the mapping -------------------------------------------------------------


def _option_problems(options: IngestOptions) -> list[Problem]:
    """Option values build_portfolio refuses (``_check_options``), every one of them."""
    out = []
    for name, allowed in (("amount_unit", tuple(UNIT_FACTORS)), ("balance_missing", ("reject", "unit")),
                          ("negative_balance", ("reject", "zero")), ("date_order", DATE_ORDERS),
                          ("decimal_comma", DECIMAL_COMMA_CHOICES)):
        value = getattr(options, name)
        if value not in allowed or (name == "decimal_comma" and not _valid_decimal_comma(value)):
            out.append(Problem("precheck.bad_option", {"option": name, "value": value}, "ingest.error.bad_option"))
    for name in ("snapshot_month", "reference_month"):
        value = getattr(options, name)
        if value is not None and normalise_month(value) is None:
            out.append(Problem(f"precheck.bad_{name}", {"value": value}, "ingest.error.bad_option"))
    return out


def _valid_decimal_comma(value: object) -> bool:
    """``"auto"``, ``True`` or ``False`` themselves (``1 == True``, but the build refuses 1)."""
    return value == "auto" or isinstance(value, bool)


def _same_header_problems(mapping: Mapping[str, str]) -> list[Problem]:
    """One problem per header that two or more fields are mapped to."""
    fields_of: dict[str, list[str]] = {}
    for canonical, header in mapping.items():
        fields_of.setdefault(header, []).append(canonical)
    return [Problem("precheck.same_header", {"header": h, "fields": tuple(fs)})
            for h, fs in fields_of.items() if len(fs) > 1]


def _wide_problems(frame: pd.DataFrame, wide: WideSpec) -> list[Problem]:
    """Wide-layout headers the file lacks and months that are not months (``_normalised_wide``)."""
    out = [Problem("precheck.wide_unknown_header", {"header": h}, "ingest.error.unknown_header")
           for h in wide.headers() if h not in frame.columns]
    for columns in wide.columns.values():
        for header, month in columns.items():
            if normalise_month(month) is None:
                out.append(Problem("precheck.wide_bad_month", {"header": header, "value": month},
                                   "ingest.error.bad_option"))
    return out


def _source_problems(present: set[str], wide: bool, options: IngestOptions,
                     bands: list[str] = (), unjoined: Mapping | None = None) -> list[Problem]:
    """No DPD source (or an aging table's bucket columns, ``bands``; or a header whose rows
    ``unjoined`` names could not be read as one), no account, no month, no balance
    (``_require_sources``), all at once."""
    out = []
    if not present & set(_DPD_SOURCES):
        if bands:
            out.append(Problem("precheck.bucket_columns", {"columns": " / ".join(bands)},
                               "ingest.error.bucket_columns"))
        elif unjoined:
            out.append(Problem("precheck.header_rows_unjoined", {"first": unjoined["first"], "last": unjoined["last"]},
                               "ingest.error.header_rows_unjoined"))
        else:
            out.append(Problem("precheck.no_dpd", {}, "ingest.error.no_dpd"))
    if "account_id" not in present:
        out.append(Problem("precheck.no_account", {}, "ingest.error.no_account"))
    if not wide and "snapshot_date" not in present and options.snapshot_month is None:
        out.append(Problem("precheck.no_month", {}, "ingest.error.no_month"))
    if "balance" not in present and options.balance_missing != "unit":
        out.append(Problem("precheck.no_balance", {}, "ingest.error.no_balance"))
    return out


# ---- the mapped columns ----------------------------------------------------------------------


def _columns(frame: pd.DataFrame, mapping: Mapping[str, str], wide: WideSpec | None) -> dict[str, list[pd.Series]]:
    """The columns each field reads: the mapped one, or all of a wide layout's month columns."""
    out = {c: [frame[h]] for c, h in mapping.items() if h in frame.columns and (wide is None or c not in wide.columns)}
    if wide is not None:
        out.update({c: [frame[h] for h in cols] for c, cols in wide.columns.items()})
    return out


def _sample(columns: list[pd.Series]) -> pd.Series:
    """The first rows of each column, as one Series."""
    return pd.concat([c.iloc[:SAMPLE_ROWS] for c in columns], ignore_index=True)


def _distinct(columns: list[pd.Series]) -> pd.Series:
    """The distinct values of the columns in first-seen order (missing left out)."""
    parts = [pd.Series(pd.unique(c.dropna())) for c in columns]
    whole = pd.concat(parts, ignore_index=True) if parts else pd.Series([], dtype=object)
    return pd.Series(pd.unique(whole)) if len(parts) > 1 else whole


def _examples(values: pd.Series, k: int = 3) -> tuple[str, ...]:
    """Up to ``k`` distinct values for a message (as the build quotes them)."""
    out = []
    for v in values.dropna().unique()[:k]:
        out.append(str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
    return tuple(out)


def _all_blank(columns: list[pd.Series]) -> bool:
    """Whether every cell of the columns is missing or whitespace (top rows first)."""
    if not is_blank(_sample(columns)).all():
        return False
    return all(bool(is_blank(c).all()) for c in columns)


def _number_state(columns: list[pd.Series], parse) -> str:
    """``"ok"`` (some value is a number), ``"text"`` (values, none a number) or ``"empty"``."""
    values, _ = parse(_sample(columns))
    if np.isfinite(values.to_numpy()).any():
        return "ok"
    values, garbage = parse(_distinct(columns))
    if np.isfinite(values.to_numpy()).any():
        return "ok"
    return "text" if garbage.any() else "empty"


def _column_problems(raw: RawTable, mapping: Mapping[str, str], wide: WideSpec | None,
                     options: IngestOptions, columns: dict[str, list[pd.Series]]) -> list[Problem]:
    """Mapped columns that are empty or hold nothing the build can read, in the build's order."""
    if not len(raw.frame):
        return []
    headers = _headers(mapping, wide)
    out: list[Problem] = []
    if "account_id" in columns and _all_blank(columns["account_id"]):
        out.append(Problem("precheck.column_empty", {"field": "account_id", "column": headers["account_id"]}))
    reference_ok = options.reference_month is None or normalise_month(options.reference_month) is not None
    if wide is None and "snapshot_date" in columns and reference_ok:
        out += _month_problems(columns["snapshot_date"][0], headers["snapshot_date"], options.reference_month,
                               options.date_order)
    out += _dpd_problems(raw, mapping, wide, options, columns, headers)
    for canonical in AMOUNT_COLUMNS:
        if canonical not in columns:
            continue
        # as the build reads amounts: a decimal comma (1.234,56) is a number, not text
        state = _number_state(columns[canonical],
                              lambda v: parse_amounts_detecting(v, "yuan", options.decimal_comma)[:2])
        if state == "text":
            out.append(Problem("precheck.amount_column_text",
                               {"field": canonical, "column": headers[canonical],
                                "examples": _examples(_distinct(columns[canonical]))},
                               "ingest.error.amount_column_text"))
        elif state == "empty" and canonical == "balance":
            out.append(Problem("precheck.column_empty", {"field": "balance", "column": headers["balance"]}))
    return out


def _headers(mapping: Mapping[str, str], wide: WideSpec | None) -> dict[str, str]:
    """The header to name per field; a wide layout's as ``BILL_AMT1/BILL_AMT2/…``."""
    out = dict(mapping)
    if wide is not None:
        out.update({c: "/".join(list(v)[:2]) + ("/…" if len(v) > 2 else "") for c, v in wide.columns.items()})
    return out


def _relative_like(values: pd.Series) -> bool:
    """Whether the values could be relative months (whole numbers within ±1200, nothing else):
    only then does the whole column decide, since one negative anywhere makes it relative."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return False
    nums, garbage = parse_numbers(values)
    v = nums.to_numpy()
    fin = np.isfinite(v)
    return bool(not garbage.any() and np.all(v[fin] == np.floor(v[fin])) and np.all(np.abs(v[fin]) <= 1200))


def _month_problems(values: pd.Series, header: str, reference_month: str | None, order: str) -> list[Problem]:
    """A month column with no date in it, or relative months without a reference month."""
    sample = pd.Series(pd.unique(values.iloc[:SAMPLE_ROWS].dropna()))
    if len(sample) and not _relative_like(sample):
        try:
            _months_of(sample, header, reference_month, order)
            return []  # a date in the sample and no relative months: the whole column reads
        except IngestError:
            pass
    try:
        # distinct values only: the build decides on them too, whatever the number of rows
        _months_of(_distinct([values]) if values.notna().any() else values.iloc[:1], header, reference_month, order)
    except IngestError as exc:
        if exc.key == "ingest.error.need_reference_month":
            return [Problem("precheck.need_reference_month", {"column": header}, exc.key)]
        if exc.key == "ingest.error.month_garbage":
            examples = exc.params.get("examples", "")
            key = "precheck.month_garbage" if examples else "precheck.month_empty"
            return [Problem(key, {"column": header, "examples": examples}, exc.key)]
        raise
    return []


def _dpd_problems(raw: RawTable, mapping: Mapping[str, str], wide: WideSpec | None, options: IngestOptions,
                  columns: dict[str, list[pd.Series]], headers: dict[str, str]) -> list[Problem]:
    """The DPD source the build would use: a DPD column without a number, due dates without a
    date, status labels none of which has a DPD in the code table."""
    source = next((c for c in _DPD_SOURCES if c in columns), None)
    if source == "days_past_due":
        state = _number_state(columns[source], parse_dpd)
        if state == "text":
            return [Problem("precheck.dpd_column_text",
                            {"column": headers[source], "examples": _examples(_distinct(columns[source]))},
                            "ingest.error.dpd_column_text")]
        if state == "empty":
            return [Problem("precheck.column_empty", {"field": source, "column": headers[source]})]
    elif source == "due_date":
        if _all_dates_bad(columns[source], options.date_order):
            return [Problem("precheck.due_date_garbage",
                            {"column": headers[source], "examples": _examples(_distinct(columns[source]))})]
    elif source == "status_label":
        return _status_problems(raw, mapping, wide, options, headers[source])
    return []


def _all_dates_bad(columns: list[pd.Series], order: str) -> bool:
    """Whether the columns hold values and not one of them is a date (read in ``order``)."""
    if parse_dates_ordered(_sample(columns), order)[0].notna().any():
        return False
    distinct = _distinct(columns)
    distinct = distinct[~is_blank(distinct)]
    return bool(len(distinct)) and not parse_dates_ordered(distinct, order)[0].notna().any()


def _status_problems(raw: RawTable, mapping: Mapping[str, str], wide: WideSpec | None,
                     options: IngestOptions, header: str) -> list[Problem]:
    """Status labels none of which the code table gives a DPD: every row would be rejected."""
    if options.status_codes is not None:
        # a confirmed table (the upload page always has one): a label of the top rows with a DPD settles it
        top = RawTable(frame=raw.frame.iloc[:SAMPLE_ROWS], source_rows=raw.source_rows[:SAMPLE_ROWS],
                       header_row=raw.header_row, file_format=raw.file_format)
        dpd, _, _ = labels_to_dpd(pd.Series(distinct_labels(top, mapping, wide), dtype=object), options.status_codes)
        if np.isfinite(dpd.to_numpy()).any():
            return []
    labels = distinct_labels(raw, mapping, wide)
    if not labels:
        return [Problem("precheck.column_empty", {"field": "status_label", "column": header})]
    codes = options.status_codes if options.status_codes is not None else suggest_status_codes(raw, mapping, wide)
    dpd, _, _ = labels_to_dpd(pd.Series(labels, dtype=object), codes)
    if np.isfinite(dpd.to_numpy()).any():
        return []
    return [Problem("precheck.no_status_code", {"column": header, "examples": tuple(labels[:3])})]
