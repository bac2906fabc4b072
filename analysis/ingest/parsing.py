"""Pure value parsers for ingest: months, dates, amounts, DPD and status labels.

Every parser is vectorised the same way: a fast path casts the clean values in one Arrow/NumPy
operation, and only the values that fail go through the slow, forgiving Python cleaner — and even
then once per *distinct* value (``pd.factorize``), because a 2.4M-row month column holds a few
dozen distinct strings. Garbage never raises: it becomes NA and the caller decides whether the
row is rejected (it always says why).

The status-label table (:data:`STATUS_CODE_DOC`) is what the upload page shows the user before
they confirm it; representative DPD values are chosen so each label lands in the right default
bucket (Current, 1-30, 31-60, 61-90, 91-180, 181+).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Callable, Hashable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# --------------------------------------------------------------------------------------------
# helpers


def _is_categorical(values: pd.Series) -> bool:
    """A column read compactly (``category``: each distinct cell text stored once)."""
    return isinstance(values.dtype, pd.CategoricalDtype)


def _categories(values: pd.Series) -> pd.Series:
    """The distinct cells of a ``category`` column, as plain cells (text stays text)."""
    cats = values.cat.categories
    return pd.Series(cats.astype("str") if pd.api.types.is_string_dtype(cats.dtype) else cats, copy=False)


def _per_category(values: pd.Series, parse: Callable, *args) -> tuple:
    """``parse`` applied to the distinct cells of a ``category`` column, its per-cell outputs
    (Series, arrays) spread back over the rows; missing cells give NaN and ``False``.

    Exact for parsers whose value for a cell depends on that cell alone (and on which texts occur)."""
    codes = values.cat.codes.to_numpy()
    out = parse(_categories(values), *args)
    spread = []
    for item in out:
        if isinstance(item, pd.Series):
            arr = np.append(item.to_numpy(dtype="float64", na_value=np.nan), np.nan)
            spread.append(pd.Series(arr[codes], index=values.index, copy=False))
        elif isinstance(item, np.ndarray):
            spread.append(np.append(item, False)[codes])
        else:
            spread.append(item)
    return tuple(spread)


def _distinct(values: pd.Series) -> tuple[np.ndarray, list]:
    """``(codes, distinct values)``; text columns are dictionary-encoded by Arrow directly."""
    if _is_categorical(values):
        return values.cat.codes.to_numpy().astype(np.int64), _categories(values).tolist()
    arr = _as_arrow_strings(values) if pd.api.types.is_string_dtype(values.dtype) else None
    if arr is not None and len(arr):
        enc = pc.dictionary_encode(arr)
        chunks = enc.chunks if isinstance(enc, pa.ChunkedArray) else [enc]
        last = chunks[-1].dictionary
        if all(c.dictionary.equals(last) for c in chunks[:-1]):  # one memo table for all chunks
            idx = pa.chunked_array([c.indices for c in chunks], type=chunks[0].indices.type)
            return np.asarray(pc.fill_null(idx, -1).to_numpy(), dtype=np.int64), last.to_pylist()
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, list(uniques)


def _unique_apply(values: pd.Series, func: Callable[[object], object], dtype: str) -> pd.Series:
    """Apply ``func`` once per distinct value and broadcast the results back (NA stays NA)."""
    codes, uniques = _distinct(values)
    mapped = [func(u) for u in uniques]
    out_uniques = pd.array(mapped + [None], dtype=dtype)
    # the extra trailing NA absorbs code -1 (missing input) without a special case
    codes = np.where(codes < 0, len(mapped), codes)
    return pd.Series(out_uniques.take(codes), index=values.index)


def is_blank(values: pd.Series) -> np.ndarray:
    """True where a cell is missing or holds only whitespace.

    Examples
    --------
    >>> is_blank(pd.Series(["a", " ", None])).tolist()
    [False, True, True]
    """
    na = values.isna().to_numpy()
    if _is_categorical(values):
        blank = np.append(is_blank(_categories(values)), True)
        return blank[values.cat.codes.to_numpy()]
    if pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
        arr = _as_arrow_strings(values)
        if arr is not None:
            empty = pc.equal(pc.utf8_trim_whitespace(arr), "")
            empty = np.asarray(pc.fill_null(empty, True).to_numpy(zero_copy_only=False), dtype=bool)
            return na | empty
    return na


def _as_arrow_strings(values: pd.Series) -> pa.ChunkedArray | pa.Array | None:
    """The Arrow string array behind ``values`` (zero-copy for pandas' pyarrow strings)."""
    try:
        arr = pa.array(values, from_pandas=True) if not hasattr(values.array, "__arrow_array__") \
            else values.array.__arrow_array__()
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return None
    if pa.types.is_string_view(arr.type):
        arr = arr.cast(pa.large_string())
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    return arr


def _arrow_to_series(arr: pa.Array | pa.ChunkedArray, index: pd.Index) -> pd.Series:
    """An Arrow column as a Series on ``index``."""
    out = arr.to_pandas()
    out.index = index
    return out


def _cast_into(arr: pa.Array | pa.ChunkedArray, via: pa.DataType) -> np.ndarray:
    """Cast text to numbers chunk by chunk straight into one float64 array (NaN for nulls).

    One output allocation instead of a cast column plus its concatenated copy: on millions of
    rows the fresh memory (and the kernel zeroing it) costs as much as the parsing.
    Raises ``ArrowInvalid`` when a cell is not a ``via`` number.
    """
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    out = np.empty(sum(len(c) for c in chunks), dtype=np.float64)
    pos = 0
    for chunk in chunks:
        cast = pc.cast(chunk, via)
        out[pos:pos + len(chunk)] = cast.to_numpy(zero_copy_only=False)
        pos += len(chunk)
    return out


def _fold(text: str) -> str:
    """Full-width → half-width and trimmed, so ``２０２４年１月`` parses like ``2024年1月``."""
    return unicodedata.normalize("NFKC", text).strip()


# --------------------------------------------------------------------------------------------
# months and dates

_MONTH_NAMES = {
    name.lower(): i for i in range(1, 13)
    for name in (calendar.month_abbr[i], calendar.month_name[i])
}
_MONTH_NAMES["sept"] = 9
_EXCEL_EPOCH = _dt.date(1899, 12, 30)  # Excel's 1900 system, leap-year bug included

_YMD_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?(?:[ T].*)?$")
_DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_NAMED_RE = re.compile(
    r"^(?:(\d{1,2})[-\s/]*)?([A-Za-z]{3,9})\.?[-\s/,]*(\d{4}|\d{2})$|^(\d{4})[-\s/]*([A-Za-z]{3,9})$"
)
_NUMBER_RE = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _valid(y: int, m: int, d: int | None = None) -> bool:
    """Whether year, month (and day) make a calendar date between 1900 and 2200."""
    if not (1900 <= y <= 2200 and 1 <= m <= 12):
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


def _parse_date_scalar(value: object, order: str = "mdy") -> tuple[int, int, int | None] | None:
    """(year, month, day or None) from one cell, or ``None`` when it is not a date.

    ``order`` says how ``a/b/yyyy`` reads: ``"mdy"`` (month first) or ``"dmy"`` (day first); a
    first (or second) part above 12 can only be the day, whichever order is asked.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date, np.datetime64)):
        ts = pd.Timestamp(value)
        return None if pd.isna(ts) else (ts.year, ts.month, ts.day)
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        return _parse_number_date(float(value))
    text = _fold(str(value))
    if not text:
        return None
    m = _YMD_RE.match(text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        d = int(m.group(3)) if m.group(3) else None
        return (y, mo, d) if _valid(y, mo, d) else None
    m = _COMPACT_RE.match(text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        d = int(m.group(3)) if m.group(3) else None
        return (y, mo, d) if _valid(y, mo, d) else None
    m = _DMY_RE.match(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        # month first (US exports such as Lending Club) unless the first part cannot be a month;
        # day first when the column says so (see date_order_of)
        if order == "dmy":
            mo, d = (b, a) if b <= 12 else (a, b)
        else:
            mo, d = (a, b) if a <= 12 else (b, a)
        return (y, mo, d) if _valid(y, mo, d) else None
    m = _NAMED_RE.match(text)
    if m:
        if m.group(2):
            day, name, year = m.group(1), m.group(2), m.group(3)
        else:
            day, name, year = None, m.group(5), m.group(4)
        mo = _MONTH_NAMES.get(name.lower())
        if mo is None:
            return None
        y = int(year)
        if len(year) == 2:
            y += 2000 if y < 70 else 1900
        d = int(day) if day else None
        return (y, mo, d) if _valid(y, mo, d) else None
    if _NUMBER_RE.match(text):
        return _parse_number_date(float(text))
    return None


def _parse_number_date(x: float) -> tuple[int, int, int | None] | None:
    """202401 (YYYYMM), 20240131 (YYYYMMDD) or an Excel serial day number."""
    if x != int(x):
        x = math.floor(x)  # an Excel serial with a time of day
    n = int(x)
    if 190001 <= n <= 220012:
        y, mo = divmod(n, 100)
        return (y, mo, None) if _valid(y, mo) else None
    if 19000101 <= n <= 22001231:
        y, rest = divmod(n, 10000)
        mo, d = divmod(rest, 100)
        return (y, mo, d) if _valid(y, mo, d) else None
    if 1 <= n <= 109_000:  # Excel serials up to year 2198
        d = _EXCEL_EPOCH + _dt.timedelta(days=n)
        return (d.year, d.month, d.day) if _valid(d.year, d.month) else None
    return None


def _month_scalar(value: object, order: str = "mdy") -> str | None:
    """``YYYY-MM`` of one cell, or ``None`` when it is not a date."""
    parsed = _parse_date_scalar(value, order)
    return None if parsed is None else f"{parsed[0]:04d}-{parsed[1]:02d}"


#: How ``a/b/yyyy`` dates are read: detected from the column, month first, or day first.
DATE_ORDERS = ("auto", "mdy", "dmy")


def date_order_of(values: object) -> tuple[str | None, str | None]:
    """Which order a column's ``a/b/yyyy`` dates follow, and a value that shows it.

    ``"dmy"`` when some first part is above 12 (it can only be a day: ``31/01/2024``) and no
    second part is; ``"mdy"`` for the reverse; ``"ambiguous"`` when every part is 12 or less and
    the two differ somewhere (``01/02/2024``: 1 February or January 2?); ``None`` when the column
    has no such dates, or contradicts itself (then each value is read on its own, as before).
    Looks at the distinct values only.

    Examples
    --------
    >>> date_order_of(["01/02/2024", "31/01/2024"]), date_order_of(["1/2/2024", "2/1/2024"])
    (('dmy', '31/01/2024'), ('ambiguous', '1/2/2024'))
    >>> date_order_of(["2024-01-31", "12/31/2024"]), date_order_of(["2024-01-31"])
    (('mdy', '12/31/2024'), (None, None))
    """
    day_first = month_first = ambiguous = None
    for v in (values.tolist() if hasattr(values, "tolist") else values):
        if not isinstance(v, str):
            continue
        m = _DMY_RE.match(_fold(v))
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 and b <= 12:
            day_first = day_first or v
        elif b > 12 and a <= 12:
            month_first = month_first or v
        elif a != b and a <= 12 and b <= 12:
            ambiguous = ambiguous or v
    if day_first and month_first:
        return None, None
    if day_first:
        return "dmy", day_first
    if month_first:
        return "mdy", month_first
    return ("ambiguous", ambiguous) if ambiguous else (None, None)


def _resolve_order(order: str, uniques: object) -> tuple[str, str | None, str | None]:
    """``(order to read with, detected order, example)``: ``"auto"`` reads day first only when the
    column shows it (:func:`date_order_of`), else month first, as before."""
    if order not in DATE_ORDERS:
        raise ValueError(f"date order must be one of {DATE_ORDERS}")
    if order != "auto":
        return order, None, None
    found, example = date_order_of(uniques)
    return ("dmy" if found == "dmy" else "mdy"), found, example


def _mmyyyy(value: object) -> tuple[int, int] | None:
    """``(year, month)`` of a cell written ``MMYYYY`` (``32024``, ``"032024"``, ``122024``), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        text = str(int(value))
    elif isinstance(value, str) and value.strip().isdigit():
        text = value.strip()
    else:
        return None
    if len(text) not in (5, 6):
        return None
    number = int(text)
    month, year = number // 10000, number % 10000
    return (year, month) if 1 <= month <= 12 and 1990 <= year <= 2100 else None


def _mmyyyy_column(uniques: list) -> bool:
    """Whether a column's distinct cells are months written ``MMYYYY`` (the leading zero often lost).

    Every cell must read so, and one must rule out the other readings: six digits (October to
    December, or a kept leading zero, which ``YYYYMM`` cannot be) or a five-digit number that is
    no plausible Excel serial day (before 2000 or after 2029). ``42024`` alone stays Excel's
    2015-01-18.

    Examples
    --------
    >>> _mmyyyy_column([32024, 42024, 122024]), _mmyyyy_column(["032024", "042024"]), _mmyyyy_column([42024, 42055])
    (True, True, False)
    """
    present = [u for u in uniques if u is not None and not (isinstance(u, float) and math.isnan(u))]
    if not present or any(_mmyyyy(u) is None for u in present):
        return False
    texts = [str(int(u)) if not isinstance(u, str) else u.strip() for u in present]
    return any(len(t) == 6 for t in texts) or any(not 36526 <= int(t) <= 47483 for t in texts)


def _year_dot_month_column(uniques) -> list[str | None] | None:
    """``YYYY-MM`` of each distinct cell when the column holds months typed as numbers in Excel
    (``2024.01`` … ``2024.12``), else ``None``.

    Excel keeps such a cell as the number 2024.1 whether it was typed 2024.1 or 2024.10; read as
    a serial day it was 1905-07. A column that writes some month with two digits (2024.01 …
    2024.09) writes them all so: its 2024.1 is October. Otherwise 2024.1 is January.
    """
    present = [u for u in uniques if u is not None and not (isinstance(u, float) and math.isnan(u))]
    if not present or not all(isinstance(u, (float, np.floating)) and 1900 < u < 2201 and u != int(u) for u in present):
        return None
    fractions = [round((float(u) - math.floor(u)) * 100) for u in present]
    two_digit = any(1 <= f <= 9 for f in fractions)

    def month(u) -> str | None:
        y, f = int(math.floor(u)), round((float(u) - math.floor(u)) * 100)
        m = f if two_digit or f % 10 else f // 10  # one-digit style: .1 → 1, .11 → 11
        return f"{y:04d}-{m:02d}" if _valid(y, m) else None

    return [None if u is None or (isinstance(u, float) and math.isnan(u)) else month(u) for u in uniques]


def parse_months(values: pd.Series, order: str = "auto") -> pd.Series:
    """Calendar month ``"YYYY-MM"`` of each cell; anything that is not a date becomes NA.

    Accepts ``2024-01-31``, ``2024/1/31``, ``2024年1月``, ``202401``, ``20240131``, ``Jan-2024``,
    ``Mar-2018``, ``31-Jan-24``, Excel serial numbers (``45322``) and real dates.

    Examples
    --------
    >>> parse_months(pd.Series(["2024/1/31", "2024年2月", "202403", "Apr-2024", 45322, "abc"])).tolist()
    ['2024-01', '2024-02', '2024-03', '2024-04', '2024-01', nan]

    A column of ``MMYYYY`` numbers is read as such when its cells rule out Excel serial days
    (:func:`_mmyyyy_column`):

    >>> parse_months(pd.Series([112023, 122023, 12024, 22024])).tolist()
    ['2023-11', '2023-12', '2024-01', '2024-02']

    Months typed as numbers in Excel (``2024.01``; its ``2024.10`` is the number 2024.1):

    >>> parse_months(pd.Series([2024.01, 2024.09, 2024.1, 2024.12])).tolist()
    ['2024-01', '2024-09', '2024-10', '2024-12']

    ``order`` reads ``a/b/yyyy``: ``"auto"`` (day first when a day above 12 shows it), ``"mdy"``, ``"dmy"``:

    >>> parse_months(pd.Series(["01/02/2024", "28/02/2024"])).tolist(), parse_months(pd.Series(["01/02/2024"])).tolist()
    (['2024-02', '2024-02'], ['2024-01'])
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        # typed dates (Excel, Parquet): the month is arithmetic, no text involved
        return _months_from_datetimes(values)
    codes, uniques = _distinct(values)
    use, _, _ = _resolve_order(order, uniques)
    dotted = _year_dot_month_column(uniques)
    if dotted is not None:
        mapped = dotted
    elif _mmyyyy_column(uniques):
        mapped = [f"{y:04d}-{m:02d}" for y, m in map(_mmyyyy, uniques)]
    else:
        mapped = [_month_scalar(u, use) for u in uniques]
    out_uniques = pd.array(mapped + [None], dtype="str")
    codes = np.where(codes < 0, len(mapped), codes)
    return pd.Series(out_uniques.take(codes), index=values.index)


def _months_from_datetimes(values: pd.Series) -> pd.Series:
    """``YYYY-MM`` of each datetime (time zone dropped), NA for NaT and for a month outside 1900-2200
    (as for a date written as text: an Excel serial of 0 is 1899-12); one label per distinct month."""
    dt = values.dt.tz_localize(None) if getattr(values.dt, "tz", None) is not None else values
    codes, uniques = pd.factorize(dt.dt.to_period("M"), use_na_sentinel=True)
    labels = [str(u) if _valid(u.year, u.month) else None for u in uniques] + [None]
    codes = np.where(codes < 0, len(labels) - 1, codes)
    return pd.Series(pd.array(labels, dtype="str").take(codes), index=values.index)


def parse_dates(values: pd.Series, order: str = "auto") -> pd.Series:
    """Calendar dates (``datetime64[ns]``) of each cell; a month without a day becomes its first day.

    ``order`` reads ``a/b/yyyy`` as in :func:`parse_months`.

    Examples
    --------
    >>> parse_dates(pd.Series(["2024/1/31", "Mar-2018", "x"])).dt.strftime("%Y-%m-%d").tolist()
    ['2024-01-31', '2018-03-01', nan]
    """
    return parse_dates_ordered(values, order)[0]


def parse_dates_ordered(values: pd.Series, order: str = "auto") -> tuple[pd.Series, str | None, str | None]:
    """:func:`parse_dates`, also returning what :func:`date_order_of` found (``None``, ``None``
    when ``order`` was given or the dates are typed), for the note that says how they were read.

    Examples
    --------
    >>> dates, found, example = parse_dates_ordered(pd.Series(["05/01/2024", "25/12/2023"]))
    >>> dates.dt.strftime("%Y-%m-%d").tolist(), found, example
    (['2024-01-05', '2023-12-25'], 'dmy', '25/12/2023')
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        dt = values.dt.tz_localize(None) if getattr(values.dt, "tz", None) is not None else values
        return dt.astype("datetime64[ns]"), None, None
    codes, uniques = _distinct(values)
    use, found, example = _resolve_order(order, uniques)
    mmyyyy = _mmyyyy_column(uniques)

    def one(v: object) -> pd.Timestamp | None:
        if mmyyyy:
            y, m = _mmyyyy(v)
            return pd.Timestamp(y, m, 1)
        p = _parse_date_scalar(v, use)
        return None if p is None else pd.Timestamp(p[0], p[1], p[2] or 1)

    stamps = pd.DatetimeIndex([one(u) for u in uniques] + [pd.NaT], dtype="datetime64[ns]").to_numpy()
    codes = np.where(codes < 0, len(stamps) - 1, codes)
    return pd.Series(stamps[codes], index=values.index, copy=False), found, example


def month_end(months: pd.Series) -> pd.Series:
    """``"YYYY-MM"`` → the month's last day as ``datetime64[ns]``.

    Examples
    --------
    >>> month_end(pd.Series(["2024-02"])).dt.strftime("%Y-%m-%d").tolist()
    ['2024-02-29']
    """
    codes, uniques = pd.factorize(months, use_na_sentinel=True)
    ends = [pd.Period(u, freq="M").end_time.normalize() for u in uniques] + [pd.NaT]
    idx = pd.DatetimeIndex(ends, dtype="datetime64[ns]")
    codes = np.where(codes < 0, len(ends) - 1, codes)
    return pd.Series(idx.take(codes), index=months.index)


def shift_months(month: str, delta: int) -> str:
    """``shift_months("2024-01", -2) == "2023-11"``.

    Examples
    --------
    >>> shift_months("2005-09", -5)
    '2005-04'
    """
    y, m = int(month[:4]), int(month[5:7])
    total = y * 12 + (m - 1) + int(delta)
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def normalise_month(text: str | None) -> str | None:
    """A user-typed month (``2024-1``, ``2024年1月``, ``202401``) as ``YYYY-MM``, or ``None``.

    Examples
    --------
    >>> normalise_month("2024年1月")
    '2024-01'
    """
    if text is None or str(text).strip() == "":
        return None
    return _month_scalar(text)


# --------------------------------------------------------------------------------------------
# amounts and numbers

_PLAIN_NUMBER = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"
_CURRENCY_RE = re.compile(r"(人民币|rmb|cny|usd|hk\$|us\$|nt\$|元|[¥$€£])", re.IGNORECASE)
_SCALE_SUFFIX = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3, "k": 1e3, "m": 1e6}
_CLEAN_NUMBER_RE = re.compile(r"^([-+]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([-+]?\d+))?$")
#: Amount units a file may use, as multipliers to 元 (千元, 万元 and 亿元 appear in bank reports).
UNIT_FACTORS = {"yuan": 1.0, "thousand": 1_000.0, "wan": 10_000.0, "yi": 100_000_000.0}


_EU_GROUPED_RE = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$")
#: Digits that are not digits of a number: superscripts, subscripts, circled and parenthesised
#: numbers, vulgar fractions (Unicode's "other number" category; full-width and other scripts'
#: decimal digits are category Nd and read as the digits they are).
_FOOTNOTE_DIGITS = re.compile("[" + "".join(
    chr(c) for block in (range(0x80, 0x3300), range(0x1F100, 0x1F110))  # 🄀-🄌: digits with a comma or a stop
    for c in block if unicodedata.category(chr(c)) == "No") + "]")


#: An accountant's dash for a zero or empty amount: Excel's accounting format writes a zero as
#: "-", and typists write "--", the em dash, the en dash (what autocorrect makes of "-") or the
#: Chinese 破折号 "——". One list for every reader: the en dash was rejected as "not an amount"
#: by the amount parser while the balance's own dash rule read it as zero.
ACCOUNTANT_DASHES = ("-", "--", "—", "–", "——")
_DASH_CELL = r"^\s*(?:" + "|".join(re.escape(d) for d in ACCOUNTANT_DASHES) + r")\s*$"


def _amount_scalar(value: object, decimal_comma: bool = False) -> float | None:
    """Forgiving parse of one amount cell; ``None`` for text that is not a number.

    ``decimal_comma``: the comma is the decimal mark and dots (or spaces) group thousands."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return None if (isinstance(value, float) and math.isnan(value)) else float(value)
    if _FOOTNOTE_DIGITS.search(str(value)):
        return None  # 500² or 1,000¹: NFKC would fold the marker into a digit (5002, 10001)
    text = _fold(str(value)).replace("\u3000", "").replace(" ", "")
    if text in ("", *ACCOUNTANT_DASHES):
        return math.nan  # an accountant's dash for zero/empty: treated as blank, not garbage
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    text = _CURRENCY_RE.sub("", text)
    if decimal_comma and "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif decimal_comma and _EU_GROUPED_RE.match(text):
        text = text.replace(".", "")
    text = text.replace(",", "").replace("'", "").replace("_", "")
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text.endswith("-") and text[:-1].replace(".", "", 1).isdigit():
        negative, text = True, text[:-1]  # trailing minus, as some ledgers print it
    factor = 1.0
    if text and text[-1].lower() in _SCALE_SUFFIX:
        factor, text = _SCALE_SUFFIX[text[-1].lower()], text[:-1]
    m = _CLEAN_NUMBER_RE.match(text)
    if not m:
        return None
    number = float(text) * factor if factor == 1.0 else round(float(text) * factor, 2)  # 9.21万: to the cent
    return -number if negative else number


#: Number conventions a column can show (RE2 patterns, a number bounded by non-number characters).
_NUM_L, _NUM_R = r"(^|[^\d.,])", r"($|[^\d.,])"
_DECIMAL_COMMA_EVIDENCE = (
    _NUM_L + r"\d{1,3}(\.\d{3})+,\d+" + _NUM_R,                          # 1.234,56
    _NUM_L + r"\d{1,3}([ \x{a0}\x{202f}]\d{3})+,\d+" + _NUM_R,             # 1 234,56
    _NUM_L + r"\d+,(\d{1,2}|\d{4,})" + _NUM_R,                             # 12,5 (not a 3-digit group)
    _NUM_L + r"\d{1,3}(\.\d{3}){2,}" + _NUM_R,                             # 1.234.567
)
_DECIMAL_DOT_EVIDENCE = (
    _NUM_L + r"\d{1,3}(,\d{3})+\.\d+" + _NUM_R,                           # 1,234.56
    _NUM_L + r"\d{1,3}(,\d{3}){2,}" + _NUM_R,                              # 1,234,567
)
_COMMA_AMBIGUOUS = _NUM_L + r"\d{1,3},\d{3}" + _NUM_R                      # 1,234: 1234 or 1.234?


#: 1.234 / 25.000 in an amount column: a decimal dot, or a dot between thousands (1.234 = 1234,
#: as European systems write it)? Only when every dotted cell looks so; 0.125 or 12.5 settle it.
_DOT_AMBIGUOUS = r"^\s*[-+]?[1-9]\d{0,2}\.\d{3}\s*$"


def dot_grouping_example(values: pd.Series) -> str | None:
    """A cell of an amount column whose dot may group thousands (``1.234``), or ``None``.

    Every cell written with a dot must look like ``1.234`` (one to three digits, a dot, three
    digits): then the column reads either as small amounts with three decimals or, in the
    European way, as whole thousands. A number column read as such (a workbook's cells) has
    no such question.

    Examples
    --------
    >>> dot_grouping_example(pd.Series(["1.234", "25.000", "7"])), dot_grouping_example(pd.Series(["1.234", "12.5"]))
    ('1.234', None)
    >>> dot_grouping_example(pd.Series(["0.125", "0.500"])), dot_grouping_example(pd.Series(["1234.567"]))
    (None, None)
    """
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return None
    if _is_categorical(values):
        values = _categories(values)
    arr = _as_arrow_strings(values)
    if arr is None:
        arr = pa.array([v for v in values.tolist() if isinstance(v, str)], type=pa.string())
    dotted = pc.fill_null(pc.match_substring(arr, "."), False)
    n_dotted = pc.sum(dotted).as_py() or 0
    if not n_dotted:
        return None
    grouped = pc.fill_null(pc.match_substring_regex(arr, _DOT_AMBIGUOUS), False)
    if pc.sum(grouped).as_py() != n_dotted:
        return None
    return pc.filter(arr, grouped)[0].as_py().strip()


def _may_group_thousands(values: np.ndarray) -> bool:
    """Whether numbers read from text could all have been written ``1.234`` (a cheap float test
    before the text is searched: a fraction at 1,000 or above, or finer than 0.001, settles it)."""
    finite = values[np.isfinite(values)]
    fraction = finite != np.floor(finite)
    if not fraction.any():
        return False
    frac = finite[fraction]
    if (np.abs(frac) >= 1000).any() or (np.abs(frac) < 1).any():
        return False
    thousandths = frac * 1000
    return bool(np.all(np.abs(thousandths - np.rint(thousandths)) < 1e-6))


def _first_match(arr, patterns: tuple[str, ...]) -> str | None:
    """The first cell of ``arr`` matching any of ``patterns``, or ``None``."""
    for pattern in patterns:
        hit = pc.match_substring_regex(arr, pattern)
        if pc.any(hit).as_py():
            return pc.filter(arr, hit)[0].as_py()
    return None


def number_convention(values: pd.Series) -> tuple[str | None, str | None]:
    """Which decimal mark a text column uses, and a value that shows it.

    ``"comma"`` when a value can only be read with a decimal comma (``1.234,56``, ``1 234,56``,
    ``12,5``, ``1.234.567``) and none only with a decimal dot; ``"dot"`` when a value can only be
    read with a dot (``1,234.56``, ``1,234,567``); ``"ambiguous"`` when commas appear only as
    ``1,234`` (1234, or 1.234?); ``None`` when nothing tells (or the column contradicts itself).

    Examples
    --------
    >>> number_convention(pd.Series(["1.234,56", "12,5"])), number_convention(pd.Series(["1,234", "5"]))
    (('comma', '1.234,56'), ('ambiguous', '1,234'))
    >>> number_convention(pd.Series(["1,234.5", "1,234"])), number_convention(pd.Series(["12.5"]))
    (('dot', '1,234.5'), (None, None))
    """
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return None, None
    arr = _as_arrow_strings(values)
    if arr is None:
        texts = [v for v in values.tolist() if isinstance(v, str)]
        arr = pa.array(texts, type=pa.string())
    comma = _first_match(arr, _DECIMAL_COMMA_EVIDENCE)
    dot = _first_match(arr, _DECIMAL_DOT_EVIDENCE)
    if comma and not dot:
        return "comma", comma
    if dot and not comma:
        return "dot", dot
    if comma and dot:
        return "mixed", f"{dot} / {comma}"
    example = _first_match(arr, (_COMMA_AMBIGUOUS,))
    return ("ambiguous", example) if example else (None, None)


def _decimal_comma_to_dot(arr):
    """Cells written with a decimal comma, rewritten with a decimal dot and no grouping."""
    s = pc.replace_substring_regex(arr, r"[ \x{a0}\x{202f}']", "")
    no_dots = pc.replace_substring(s, ".", "")
    with_comma = pc.replace_substring(no_dots, ",", ".")
    grouped = pc.match_substring_regex(s, r"^[-+]?\d{1,3}(\.\d{3})+$")
    return pc.if_else(pc.match_substring(s, ","), with_comma, pc.if_else(grouped, no_dots, s))


#: How a column's decimal mark is chosen: detected (``"auto"``), comma (``True``) or dot (``False``).
DECIMAL_COMMA_CHOICES = ("auto", True, False)


def parse_numbers(values: pd.Series, decimal_comma: bool | str = "auto") -> tuple[pd.Series, np.ndarray]:
    """Numbers from cells, forgiving about formatting; returns ``(float64 values, garbage mask)``.

    Blank cells are NaN and *not* garbage; text that is not a number is NaN *and* garbage.
    ``1,234.5``, ``１２３４``, ``(1,234)`` → -1234, ``￥1,000元``, ``1.2万`` → 12000.
    ``decimal_comma``: ``"auto"`` reads ``1.234,56`` and ``12,5`` with a decimal comma when the
    column shows it (:func:`number_convention`); ``True``/``False`` force comma/dot.

    Examples
    --------
    >>> v, bad = parse_numbers(pd.Series(["1,234.5", "(100)", "１２", "1.2万", "", "n/a"]))
    >>> v.tolist()[:4], bad.tolist()
    ([1234.5, -100.0, 12.0, 12000.0], [False, False, False, False, False, True])
    >>> parse_numbers(pd.Series(["1.234,56", "1 234,5", "12,5", "1.000"]))[0].tolist()
    [1234.56, 1234.5, 12.5, 1000.0]
    """
    return parse_numbers_detecting(values, decimal_comma)[:2]


def parse_numbers_detecting(values: pd.Series, decimal_comma: bool | str = "auto"
                            ) -> tuple[pd.Series, np.ndarray, tuple[str | None, str | None]]:
    """:func:`parse_numbers`, also returning what :func:`number_convention` found (``(None,
    None)`` when every cell was a plain number or the choice was forced), for the note.

    ``inf``, ``Infinity`` and numbers past float64's range (``1e400``) are garbage, not numbers:
    no balance or count of days is infinite.
    """
    if decimal_comma not in DECIMAL_COMMA_CHOICES:
        raise ValueError(f"decimal_comma must be one of {DECIMAL_COMMA_CHOICES}")
    if _is_categorical(values):
        return _per_category(values, parse_numbers_detecting, decimal_comma)
    out, garbage, found = _numbers_detecting(values, decimal_comma)
    infinite = np.isinf(out.to_numpy(dtype="float64", na_value=np.nan))
    if infinite.any():
        out = out.mask(infinite)
        garbage = garbage | infinite
    return out, garbage, found


def _numbers_detecting(values: pd.Series, decimal_comma: bool | str
                       ) -> tuple[pd.Series, np.ndarray, tuple[str | None, str | None]]:
    """:func:`parse_numbers_detecting` of a column that is not categorical, infinities included."""
    n = len(values)
    nothing = (None, None)
    if pd.api.types.is_bool_dtype(values.dtype):
        return _not_numbers(values), values.notna().to_numpy(), nothing
    if pd.api.types.is_numeric_dtype(values.dtype):
        out = pd.Series(values.to_numpy(dtype="float64", na_value=np.nan), index=values.index)
        return out, np.zeros(n, dtype=bool), nothing
    arr = _as_arrow_strings(values)
    if arr is not None and decimal_comma is not True:
        try:  # fast path: every non-empty cell is a plain number
            return pd.Series(_cast_into(arr, pa.float64()), index=values.index, copy=False), \
                np.zeros(n, dtype=bool), nothing
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    found = number_convention(values) if decimal_comma == "auto" else nothing
    comma = decimal_comma is True or found[0] == "comma"
    unreadable = np.zeros(n, dtype=bool)
    if found[0] == "mixed":
        # both marks in one column: read it the way most cells show, and the cells that show the
        # other way cannot be read for sure (12,5 as 125 or 12.5?): rejected, not guessed
        texts = arr if arr is not None else pa.array([v if isinstance(v, str) else None for v in values], pa.string())
        by_comma, by_dot = _evidence(texts, _DECIMAL_COMMA_EVIDENCE), _evidence(texts, _DECIMAL_DOT_EVIDENCE)
        comma = by_comma.sum() > by_dot.sum()
        unreadable = by_dot if comma else by_comma
    if comma and arr is not None:
        arr = _decimal_comma_to_dot(arr)
        values = _arrow_to_series(arr, values.index)
    parsed, garbage = _parse_numbers_slow(values, arr, comma and arr is None)
    if unreadable.any():
        parsed = parsed.mask(unreadable)
        garbage = garbage | unreadable
    return parsed, garbage, found


def _evidence(arr, patterns: tuple[str, ...]) -> np.ndarray:
    """Cells of ``arr`` matching any of ``patterns``."""
    hit = np.zeros(len(arr), dtype=bool)
    for pattern in patterns:
        hit |= np.asarray(pc.fill_null(pc.match_substring_regex(arr, pattern), False).to_numpy(zero_copy_only=False), dtype=bool)
    return hit


def _parse_numbers_slow(values: pd.Series, arr, decimal_comma: bool) -> tuple[pd.Series, np.ndarray]:
    """Plain numbers in one Arrow cast, the rest through :func:`_amount_scalar` once per distinct value."""
    n = len(values)
    if arr is not None:
        plain = pc.fill_null(pc.match_substring_regex(arr, _PLAIN_NUMBER), False)
        fast = pc.cast(pc.utf8_trim_whitespace(pc.if_else(plain, arr, None)), pa.float64())
        result = np.asarray(fast.to_numpy(zero_copy_only=False), dtype="float64")
        plain_np = np.asarray(plain.to_numpy(zero_copy_only=False), dtype=bool)
    else:
        result = np.full(n, np.nan)
        plain_np = np.zeros(n, dtype=bool)
    rest = ~plain_np & ~values.isna().to_numpy()
    garbage = np.zeros(n, dtype=bool)
    if rest.any():
        idx = np.flatnonzero(rest)
        sub = values.iloc[idx]
        codes, uniques = pd.factorize(sub, use_na_sentinel=True)
        parsed = [_amount_scalar(u, decimal_comma) for u in uniques]
        vals = np.array([np.nan if p is None else p for p in parsed] + [np.nan], dtype="float64")
        bad = np.array([p is None for p in parsed] + [False], dtype=bool)
        codes = np.where(codes < 0, len(parsed), codes)
        result[idx] = vals[codes]
        garbage[idx] = bad[codes]
    return pd.Series(result, index=values.index), garbage


def parse_amounts(values: pd.Series, unit: str = "yuan") -> pd.Series:
    """Amounts in 元 (float64); text that is not a number becomes NaN.

    ``unit="wan"`` says the file is in 万元, so plain numbers are multiplied by 10,000 (a value
    that carries its own unit, ``1.2万``, is already in 元 and is not scaled again).
    Use :func:`parse_amounts_with_garbage` to learn which cells were text.

    Examples
    --------
    >>> parse_amounts(pd.Series(["1,000", "(5)", "2万"]), unit="yuan").tolist()
    [1000.0, -5.0, 20000.0]
    >>> parse_amounts(pd.Series(["1.5"]), unit="wan").tolist()
    [15000.0]
    """
    return parse_amounts_with_garbage(values, unit)[0]


def parse_amounts_with_garbage(values: pd.Series, unit: str = "yuan",
                               decimal_comma: bool | str = "auto") -> tuple[pd.Series, np.ndarray]:
    """Like :func:`parse_amounts`, also returning the mask of text cells that are not numbers."""
    return parse_amounts_detecting(values, unit, decimal_comma)[:2]


def parse_amounts_detecting(values: pd.Series, unit: str = "yuan", decimal_comma: bool | str = "auto"
                            ) -> tuple[pd.Series, np.ndarray, tuple[str | None, str | None]]:
    """:func:`parse_amounts_with_garbage` plus what :func:`number_convention` found, or
    ``("dot_ambiguous", example)`` when every dotted amount reads ``1.234``
    (:func:`dot_grouping_example`): read with a decimal dot, and said so."""
    if unit not in UNIT_FACTORS:
        raise ValueError(f"unit must be one of {sorted(UNIT_FACTORS)}")
    if _is_categorical(values):
        return _per_category(values, parse_amounts_detecting, unit, decimal_comma)
    out, garbage, found = parse_numbers_detecting(values, decimal_comma)
    if found == (None, None) and decimal_comma == "auto" and not pd.api.types.is_numeric_dtype(values.dtype) \
            and _may_group_thousands(out.to_numpy(dtype="float64", na_value=np.nan)):
        example = dot_grouping_example(values)
        found = ("dot_ambiguous", example) if example else found
    factor = UNIT_FACTORS[unit]
    if factor != 1.0:
        self_unit = np.zeros(len(values), dtype=bool)
        if not pd.api.types.is_numeric_dtype(values.dtype):
            arr = _as_arrow_strings(values)
            if arr is not None:
                hit = pc.match_substring_regex(arr, r"[万萬亿億]\s*元?\s*\)?\s*$")
                self_unit = np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False), dtype=bool)
        # to the cent: 9.21 万元 × 10,000 is 92,100.00000000001 in binary, and exports showed it
        scaled = np.round(out.to_numpy(dtype="float64", na_value=np.nan) * factor, 2)
        out = pd.Series(np.where(self_unit, out.to_numpy(), scaled), index=values.index)
    huge = np.abs(out.to_numpy(dtype="float64", na_value=np.nan)) >= MAX_AMOUNT
    if huge.any():
        out = out.mask(huge)
        garbage = garbage | huge
    return out, garbage, found


#: The largest amount read as money: 100 万亿元 (1e14). No loan's balance comes near it, and
#: above ~9e13 float64 no longer holds every cent; a cell past it (1e308, a digit string pasted
#: into the wrong column) is rejected as not an amount instead of overflowing the totals.
MAX_AMOUNT = 1e14


def _not_numbers(values: pd.Series) -> pd.Series:
    """A true/false column read as numbers: none (a Parquet boolean counted as 1 and 0 days or
    yuan, where the same TRUE/FALSE as text is refused)."""
    return pd.Series(np.full(len(values), np.nan), index=values.index)


#: Words a DPD column writes for a loan that is not overdue (read as 0 days).
CURRENT_WORDS = r"^\s*(?:正常|未逾期|无逾期|没有逾期|不逾期|未到期|current|not\s+overdue|not\s+due|no\s+arrears)\s*$"


def _cells_matching(values: pd.Series, pattern: str) -> np.ndarray:
    """Text cells matching the regular expression ``pattern`` (case-insensitive); numbers never do."""
    if _is_categorical(values):
        table = np.append(_cells_matching(_categories(values), pattern), False)
        return table[values.cat.codes.to_numpy()]
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return np.zeros(len(values), dtype=bool)
    texts = _as_arrow_strings(values) if pd.api.types.is_string_dtype(values.dtype) else None
    if texts is None:  # mixed cells from a workbook: their text ones
        texts = pa.array([v if isinstance(v, str) else None for v in values.astype(object)], type=pa.string())
    # the Arrow text itself: no Python object per row (2.4M rows in ~0.05 s, not seconds)
    hit = pc.fill_null(pc.match_substring_regex(texts, pattern, ignore_case=True), False)
    return np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)


def dash_cells(values: pd.Series) -> np.ndarray:
    """Cells that hold only an accountant's dash (``-``, `` - ``, ``—``, ``--``): Excel's accounting
    format writes a zero so.

    Examples
    --------
    >>> dash_cells(pd.Series([" - ", "12", None, "—", "–", "——"])).tolist()
    [True, False, False, True, True, True]
    """
    return _cells_matching(values, _DASH_CELL)


def current_words(values: pd.Series) -> np.ndarray:
    """Cells of a DPD column that say "not overdue" in words (:data:`CURRENT_WORDS`).

    Examples
    --------
    >>> current_words(pd.Series(["正常", "30", "Current", None])).tolist()
    [True, False, True, False]
    """
    return _cells_matching(values, CURRENT_WORDS)


def parse_dpd(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Days past due as float64 (NaN when blank or not a number) and the garbage mask.

    ``"30"``, ``"30天"``, ``"３０"``, ``30.0`` parse; so do words for "not overdue" (``正常``,
    ``未逾期``, ``未到期``, ``Current``: 0 days). A fractional or other text value is garbage.
    Negative numbers parse (the caller rejects them with their own reason).

    Examples
    --------
    >>> v, bad = parse_dpd(pd.Series(["30", "5天", "", "abc", "1.5", "未逾期"]))
    >>> v.tolist()[:2], v.tolist()[-1], bad.tolist()
    ([30.0, 5.0], 0.0, [False, False, False, True, True, False])
    >>> parse_dpd(pd.Series(["逾期45天", "已逾期 5 天", "超期30天"]))[0].tolist()
    [45.0, 5.0, 30.0]
    """
    if _is_categorical(values):
        return _per_category(values, parse_dpd)
    if pd.api.types.is_bool_dtype(values.dtype):
        return _not_numbers(values), values.notna().to_numpy()
    if not pd.api.types.is_numeric_dtype(values.dtype):
        arr = _as_arrow_strings(values)
        if arr is not None:
            try:  # fast path: whole numbers only, nothing else to check
                return pd.Series(_cast_into(arr, pa.int64()), index=values.index, copy=False), \
                    np.zeros(len(values), dtype=bool)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                stripped = pc.replace_substring_regex(arr, r"\s*(天|日|days?|d)\s*$", "")
                # 逾期45天, 已逾期 45 天, 超期30天: the days of the words around them
                stripped = pc.replace_substring_regex(stripped, r"^\s*(?:已逾期|逾期|超期|拖欠|欠款)\s*(\d)", r"\1")
                stripped = pc.if_else(pc.fill_null(pc.match_substring_regex(stripped, CURRENT_WORDS, ignore_case=True),
                                                   False), "0", stripped)
                values = _arrow_to_series(stripped, values.index)
    if pd.api.types.is_integer_dtype(values.dtype):
        return (pd.Series(values.to_numpy(dtype="float64", na_value=np.nan), index=values.index),
                np.zeros(len(values), dtype=bool))
    out, garbage = parse_numbers(values)
    frac = np.isfinite(out.to_numpy()) & (np.floor(out.to_numpy()) != out.to_numpy())
    # days are a count: 3m is three months (or M3), not 3,000,000 days; 1万 is no number of days
    scaled = _ends_with_scale(values)
    garbage = garbage | frac | scaled
    frac = frac | scaled
    result = out.to_numpy().copy()
    result[frac] = np.nan
    return pd.Series(result, index=out.index), garbage


def _ends_with_scale(values: pd.Series) -> np.ndarray:
    """Cells written with an amount's scale suffix (``3m``, ``2k``, ``1万``)."""
    arr = _as_arrow_strings(values) if not pd.api.types.is_numeric_dtype(values.dtype) else None
    if arr is None:
        return np.zeros(len(values), dtype=bool)
    suffixes = "".join(_SCALE_SUFFIX) + "".join(k.upper() for k in _SCALE_SUFFIX if k.isascii())
    hit = pc.match_substring_regex(arr, r"\d\s*[" + suffixes + r"]\s*$")
    return np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False), dtype=bool)


def parse_rates(values: pd.Series, decimal_comma: bool | str = "auto") -> tuple[pd.Series, np.ndarray, bool]:
    """Annual interest rates as fractions; ``12%`` and a column of percent numbers (14.07) → 0.1407.

    Returns ``(rates, garbage mask, scaled)`` where ``scaled`` says the column looked like percent.

    Examples
    --------
    >>> parse_rates(pd.Series(["12%", "8.5%"]))[0].round(4).tolist()
    [0.12, 0.085]
    """
    if _is_categorical(values):  # the percent test is over rows, not distinct values: plain text
        values = values.astype("str").where(values.notna(), None)
    pct = np.zeros(len(values), dtype=bool)
    if not pd.api.types.is_numeric_dtype(values.dtype):
        arr = _as_arrow_strings(values)
        if arr is not None:
            hit = pc.match_substring(arr, "%")
            pct = np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False), dtype=bool)
            if pct.any():
                values = _arrow_to_series(pc.replace_substring(arr, "%", ""), values.index)
    out, garbage = parse_numbers(values, decimal_comma)
    v = out.to_numpy().copy()
    v[pct] = v[pct] / 100.0
    rest = ~pct & np.isfinite(v)
    scaled = bool(rest.any() and np.nanmedian(v[rest]) > 1.0)
    if scaled:
        v[rest] = v[rest] / 100.0
    return pd.Series(v, index=out.index), garbage, scaled


# --------------------------------------------------------------------------------------------
# status labels → DPD

#: Meanings a status label can have when it does not map to a DPD: the rejection reason key.
EXCLUDE_REASONS = {
    "closed": "ingest.reject.closed",
    "no_loan": "ingest.reject.no_loan",
    "excluded": "ingest.reject.excluded_status",
}

#: The code table shown to the user (documentation of the proposals of :func:`suggest_label_dpd`).
#: Representative DPD = midpoint of the label's range (rounded down), so each label falls in the
#: right default bucket; open ranges take their lower edge (written-off/charged-off → 181, the
#: first day of the 181+ bucket).
STATUS_CODE_DOC = (
    ("Current / 正常 / M0 / C (paid that month) / Issued / -2, -1, 0 (UCI PAY_x)", "0"),
    ("M1 / 1-30天 / Late (16-30 days) → 23 / In Grace Period (1-15) → 8", "midpoint, e.g. 15"),
    ("M2 / 31-60天", "45"), ("M3 / 61-90天", "75"), ("M4 / 91-120", "105"), ("M5 / 121-150", "135"),
    ("M6 / 151-180", "165"), ("M6+ / M7 / 180天以上", "181+"),
    ("Late (31-120 days)", "75 (midpoint of 31-120, in 61-90)"),
    ("Default (Lending Club: 121+ days)", "135"),
    ("Charged Off / 核销 / 呆账", "181"),
    ("Fully Paid / 结清 / Closed", "exclude (closed)"),
    ("credit-card STATUS 0..5: 0 = 1-29, 1 = 30-59, 2 = 60-89, 3 = 90-119, 4 = 120-149, 5 = 150+/written off",
     "15, 45, 75, 105, 135, 181"),
    ("credit-card STATUS X (no loan that month)", "exclude (no loan)"),
    ("UCI PAY_x k ≥ 1 (k months late)", "midpoint of month k: 15, 45, 75, 105, 135, 165, 195, 225, 255"),
    ("五级分类 正常/关注/次级/可疑/损失 (正常类, 关注二级, Pass … Loss)", "0 / 45 / 135 / 270 / 361"),
)

_EXACT_LABELS: dict[str, int | str] = {
    # current / not late
    "current": 0, "正常": 0, "m0": 0, "issued": 0, "未逾期": 0, "正常还款": 0, "performing": 0,
    "paid duly": 0, "no delay": 0, "不逾期": 0, "当前": 0, "0天": 0, "c": 0, "in grace period": 8,
    "宽限期": 8, "grace": 8, "grace period": 8,
    # M-buckets (30-day months)
    "m1": 15, "m2": 45, "m3": 75, "m4": 105, "m5": 135, "m6": 165, "m6+": 195, "m7": 195,
    "m7+": 195, "m3+": 105, "m4+": 135,
    # Lending Club
    "default": 135, "charged off": 181, "charged-off": 181, "chargeoff": 181, "written off": 181,
    "write-off": 181, "核销": 181, "已核销": 181, "呆账": 181, "坏账": 181,
    "does not meet the credit policy. status:charged off": 181,
    "does not meet the credit policy. status: charged off": 181,
    # five-tier regulatory classification (关注 covers roughly 1-90 DPD, 次级 91-180, 可疑 181-360)
    "关注": 45, "次级": 135, "可疑": 270, "损失": 361,
    # closed / no loan
    "fully paid": "closed", "paid off": "closed", "closed": "closed", "结清": "closed",
    "已结清": "closed", "销户": "closed", "已还清": "closed", "settled": "closed",
    "does not meet the credit policy. status:fully paid": "closed",
    "does not meet the credit policy. status: fully paid": "closed",
    "x": "no_loan", "no loan": "no_loan", "无贷款": "no_loan",
}

# credit-card panel STATUS codes (Kaggle "credit card approval"): 0 = 1-29 DPD ... 5 = 150+/write-off
_CC_STATUS = {"0": 15, "1": 45, "2": 75, "3": 105, "4": 135, "5": 181, "c": 0, "x": "no_loan"}

_RANGE_RE = re.compile(r"(\d+)\s*(?:-|~|to|至|到|—|–)\s*(\d+)")
_OPEN_RE = re.compile(r"(?:>=|≥|>|over|above|more than|超过|大于)\s*(\d+)|(\d+)\s*(?:\+|天以上|日以上|days? and over|以上|days?\+)")
_M_RE = re.compile(r"^m\s*(\d+)(\+?)$")


def normalise_label(label: object) -> str:
    """The key a status label is matched by: NFKC, trimmed, lower case, integral floats as ints.

    Examples
    --------
    >>> normalise_label(" Late (16-30 days) "), normalise_label(2.0), normalise_label("Ｍ１")
    ('late (16-30 days)', '2', 'm1')
    """
    if isinstance(label, (float, np.floating)) and not math.isnan(label) and float(label).is_integer():
        return str(int(label))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(label)).strip().lower())


def _midpoint(lo: int, hi: int) -> int:
    """The middle day of a DPD range (rounded down)."""
    return (lo + hi) // 2


#: Labels of a loan or invoice that is not overdue (not yet due, within its terms).
_NOT_DUE_RE = re.compile(r"^(?:未到期|未逾期|未超期|信用期内|账期内|不逾期|无逾期|not\s+(?:yet\s+)?due|"
                         r"within\s+(?:terms|credit)|current\b)")


def suggest_label_dpd(label: object, convention: str = "generic") -> int | str | None:
    """Proposed DPD for one status label: an int, ``"closed"``/``"no_loan"`` (exclude), or ``None``
    when the label is not understood.

    ``convention`` is ``"cc_status"`` for credit-card panel codes 0-5/C/X, ``"months_late"`` for
    UCI-style PAY_x codes (-2/-1/0 = not late, k = k months late), else ``"generic"``.

    Examples
    --------
    >>> suggest_label_dpd("Late (16-30 days)"), suggest_label_dpd("31-60天"), suggest_label_dpd("Fully Paid")
    (23, 45, 'closed')
    >>> suggest_label_dpd("1", "cc_status"), suggest_label_dpd("X", "cc_status"), suggest_label_dpd("2", "months_late")
    (45, 'no_loan', 45)
    >>> suggest_label_dpd("未到期"), suggest_label_dpd("Not Yet Due"), suggest_label_dpd("信用期内")
    (0, 0, 0)
    """
    key = normalise_label(label)
    if convention == "cc_status" and key in _CC_STATUS:
        return _CC_STATUS[key]
    if convention == "months_late" and re.fullmatch(r"-?\d+", key):
        k = int(key)
        return 0 if k <= 0 else _midpoint(30 * (k - 1) + 1, 30 * k)
    if key in _EXACT_LABELS:
        return _EXACT_LABELS[key]
    m = _M_RE.match(key)
    if m:
        k = int(m.group(1))
        if m.group(2) or k >= 7:
            return 30 * max(k, 6) + 15 if k >= 7 else 30 * k + 15
        return 0 if k == 0 else _midpoint(30 * (k - 1) + 1, 30 * k)
    if any(w in key for w in ("fully paid", "结清", "paid off")):
        return "closed"
    if "charged off" in key or "核销" in key:
        return 181
    if _NOT_DUE_RE.match(key):
        return 0  # a receivables aging's 未到期 / 信用期内 / Not Yet Due: not overdue
    m = _RANGE_RE.search(key)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo <= hi:
            return _midpoint(max(lo, 1), hi) if hi > 0 else 0
    m = _OPEN_RE.search(key)
    if m:
        n = int(m.group(1) or m.group(2))
        # "90天以上"/">90" mean beyond the edge; "181+" already names the first day
        return n if "+" in key and "以上" not in key else n + 1
    tier = loan_class_key(key)
    if tier is not None:
        return LOAN_CLASS_DPD[tier]  # 正常类, 关注二级, Substandard: a five-tier class
    if re.fullmatch(r"\d+", key):
        return int(key)  # a bare number in a status column: read as days
    return None


def label_convention(labels: list[str]) -> str:
    """Which code convention a set of distinct labels follows (see :func:`suggest_label_dpd`).

    Examples
    --------
    >>> label_convention(["0", "1", "C", "X"]), label_convention(["-2", "-1", "0", "3"])
    ('cc_status', 'months_late')
    """
    keys = {normalise_label(x) for x in labels}
    keys.discard("")
    if keys and keys <= set(_CC_STATUS) and keys & {"c", "x"}:
        return "cc_status"
    if keys and all(re.fullmatch(r"-?\d+", k) for k in keys):
        ints = [int(k) for k in keys]
        if min(ints) >= -2 and max(ints) <= 9:
            return "months_late"
    return "generic"


def labels_to_dpd(labels: pd.Series, codes: Mapping[Hashable, int | None]) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Map status labels to DPD through a confirmed code table.

    Returns ``(dpd float64, excluded mask, unknown mask)``: ``excluded`` rows have a code mapped to
    ``None``, ``unknown`` rows hold a label missing from ``codes`` (blank labels are unknown too).
    Keys are matched after :func:`normalise_label`, so ``"m1"`` matches ``"M1 "``.

    Examples
    --------
    >>> dpd, excl, unk = labels_to_dpd(pd.Series(["C", "1", "X", "?"]), {"C": 0, "1": 45, "X": None})
    >>> dpd.tolist()[:2], excl.tolist(), unk.tolist()
    ([0.0, 45.0], [False, False, True, False], [False, False, False, True])
    """
    table = {normalise_label(k): v for k, v in codes.items()}
    codes_arr, uniques = pd.factorize(labels, use_na_sentinel=True)
    dpd_u, excl_u, unk_u = [], [], []
    for u in uniques:
        key = normalise_label(u)
        if key in table:
            v = table[key]
            dpd_u.append(np.nan if v is None else float(v))
            excl_u.append(v is None)
            unk_u.append(False)
        else:
            dpd_u.append(np.nan)
            excl_u.append(False)
            unk_u.append(True)
    dpd_u.append(np.nan), excl_u.append(False), unk_u.append(True)
    idx = np.where(codes_arr < 0, len(uniques), codes_arr)
    return (pd.Series(np.asarray(dpd_u, dtype="float64")[idx], index=labels.index),
            np.asarray(excl_u, dtype=bool)[idx], np.asarray(unk_u, dtype=bool)[idx])


# --------------------------------------------------------------------------------------------
# the bank's own five-tier classification (五级分类)

#: The class words a bank's classification column holds, per five-tier key (:data:`analysis.core.
#: vocabulary.FIVE_TIER_KEYS`): Chinese (simplified and traditional) and the English of the CBIRC's
#: own translation (Pass, Special mention, Substandard, Doubtful, Loss) and of other banks.
_CLASS_WORDS = {
    "normal": ("正常", "pass", "normal", "standard"),  # India's RBI classes: Standard, SMA-0/1/2, Sub-standard …
    "special_mention": ("关注", "關注", "specialmention", "sm", "sma", "sma0", "sma1", "sma2"),
    "substandard": ("次级", "次級", "substandard"),
    "doubtful": ("可疑", "doubtful"),
    "loss": ("损失", "損失", "loss"),
}
_CLASS_OF = {w: key for key, words in _CLASS_WORDS.items() for w in words}
# 正常类, 关注二级, 次级1, 正常类一级: the twelve-tier subclasses (十二级分类) fold into their tier;
# "Pass loans", "Substandard (次级)": a trailing word or a bracketed translation does not change the class
_CLASS_RE = re.compile(
    r"^(?P<word>正常|关注|關注|次级|次級|可疑|损失|損失|pass|normal|standard|specialmention|sma|sm|substandard|doubtful|loss)"
    r"(?:类|類|贷款|貸款|loans?|assets?|class)?(?:[一二三四五1-5][级級类類]?|[一二三四五1-5]?[级級类類])?$")


#: A header that names the five-tier classification itself (五级分类, Five Tier Classification,
#: CBIRC class): under it a bare code 1–5 is the tier. Not the twelve-tier one (十二级: 1–12).
FIVE_TIER_HEADER = re.compile(r"(?<!十)(?:五级|五級)|five\s*[-_]?\s*(?:tier|class|categor)|5\s*[-_]?\s*(?:tier|class|categor)"
                              r"|cbirc", re.IGNORECASE)


def loan_class_key(label: object, header: str | None = None) -> str | None:
    """The five-tier key of one cell of a bank's classification column, or ``None`` when it is not one.

    Twelve-tier subclasses fold into their tier (``正常二级`` → normal, ``关注3`` → special
    mention); ``类`` and a bracketed translation are ignored; English as the CBIRC translates it.
    A code before the word (``1-正常``, ``03 次级``) is dropped. A bare code ``1`` … ``5`` (``01`` …
    ``05``) is a tier only when ``header`` names the five-tier classification (``五级分类``,
    :data:`FIVE_TIER_HEADER`): under any other header a number is not a class.

    Examples
    --------
    >>> loan_class_key("次级类"), loan_class_key("关注二级"), loan_class_key(" Special Mention ")
    ('substandard', 'special_mention', 'special_mention')
    >>> loan_class_key("Sub-standard"), loan_class_key("M1") is None
    ('substandard', True)
    >>> loan_class_key("3", header="五级分类"), loan_class_key("3") is None, loan_class_key("03", header="风险等级") is None
    ('substandard', True, True)
    """
    if label is None or label is pd.NA or (isinstance(label, float) and math.isnan(label)):
        return None
    if isinstance(label, float) and label.is_integer():
        label = int(label)  # a code column read as floats: 3.0
    text = unicodedata.normalize("NFKC", str(label)).strip().lower()
    text = re.sub(r"\s*[(（\[【][^)）\]】]*[)）\]】]\s*$", "", text)  # "次级 (Substandard)"
    text = re.sub(r"[\s_\-/.]+", "", text)
    if not text:
        return None
    if re.fullmatch(r"0?[1-5]", text):
        if header is None or not FIVE_TIER_HEADER.search(unicodedata.normalize("NFKC", str(header))):
            return None
        return _TIER_BY_CODE[int(text)]
    text = re.sub(r"^0?[1-5][:：、]?(?=\D)", "", text)  # "1-正常", "03次级": the code before the class word
    if text in _CLASS_OF:
        return _CLASS_OF[text]
    m = _CLASS_RE.match(text)
    return _CLASS_OF[m.group("word")] if m else None


#: The five-tier classes by their regulatory code: 1 正常 … 5 损失.
_TIER_BY_CODE = {1: "normal", 2: "special_mention", 3: "substandard", 4: "doubtful", 5: "loss"}


#: Representative DPD of a class when the file has nothing else to tell the delinquency by
#: (:data:`STATUS_CODE_DOC`): the same values the status table gives 正常/关注/次级/可疑/损失.
LOAN_CLASS_DPD = {"normal": 0, "special_mention": 45, "substandard": 135, "doubtful": 270, "loss": 361}
