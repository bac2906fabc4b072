"""A workspace file: the data in use and every setting, saved as one file and opened next month.

A risk manager loads this month's export, sets the unit, the buckets, the warning thresholds and
the what-if scenarios, notes events on the timeline, and next month wants to start from there and
add the new month's file. A workspace is one zip file:

``manifest.json``
    format name and version, the app version, when it was made, the data's name, what was done
    with personal data, each member's SHA-256 and each portfolio column's dtype.
``portfolio.parquet``
    the canonical panel (``IngestResult.portfolio``), dtypes restored exactly on open.
``rejected.parquet``, ``summary.json``, ``mapping.json``
    the validation report (rows and balances read, accepted, rejected, so the reconciliation line
    still holds), and the mapping with its options (:func:`~analysis.ingest.portfolio.mapping_to_json`).
``settings.json``, ``tables/<name>.parquet``
    whatever plain settings and small tables the caller hands in (the app: sidebar, warnings,
    what-if scenarios, cause responses; events, stage playbook, cause dictionary).

Personal data is left out unless asked for: the personal-data columns
(:data:`~analysis.core.schema.PII_COLUMNS`) are not written, and in every other text column
but the account id, personal data found by content (phone and ID numbers in notes, a column
of people's names) is masked (:mod:`analysis.core.privacy`). The account id stays: it is how
months are linked, and a file without it could not be extended.

Nothing here imports Streamlit; the page's side is ``ui/workspace.py``.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import __version__
from analysis.core.i18n import MessageError
from analysis.core.privacy import PII_MASKERS, mask_by_content, mask_id_number, mask_phone
from analysis.core.schema import CANONICAL_COLUMNS, MONTH_LABEL, PII_COLUMNS, segment_columns
from analysis.core.units import counts_only
from analysis.ingest.portfolio import IngestResult, mapping_from_json, mapping_to_json

FORMAT = "delinquency-workbench/workspace"
#: The layout this code writes; files with a higher number are refused with a clear message.
FORMAT_VERSION = 1
#: The app's version, written into each file so support can tell which build made it.
APP_VERSION = __version__
#: File name ending offered for downloads (a zip inside; any name opens).
EXTENSION = ".dwb"

#: A set of monthly files is named "<first> … <last> (n)" (analysis.ingest.multi.set_name).
_SET_NAME = re.compile(r"^(?P<first>.+?) … (?P<last>.+?) \(\d+\)$")


def workspace_file_name(data_name: str, last_month: str | None) -> str:
    """The name a saved workspace is offered under: the data's name without its extension, and
    the last month it holds. Of a set of monthly files, what their names share (their month
    differs), not both names run together with their extensions.

    Examples
    --------
    >>> workspace_file_name("逾期明细 2024年1月.xlsx … 逾期明细 2024年12月.xlsx (12)", "2024-12")
    '逾期明细_2024-12.dwb'
    >>> workspace_file_name("book.csv", "2024-06"), workspace_file_name("a.csv … b.csv (2)", None)
    ('book_2024-06.dwb', 'a_b.dwb')
    """
    found = _SET_NAME.match(data_name)
    if found:
        first, last = (part.rsplit(".", 1)[0] for part in (found["first"], found["last"]))
        shared = re.sub(r"[\d\s年月日_./-]+$", "", os.path.commonprefix([first, last]))
        name = shared or f"{first}_{last}"
    else:
        name = data_name.rsplit(".", 1)[0]
    stem = re.sub(r"[^\w\-\u4e00-\u9fff]+", "_", name).strip("_")[:60] or "workspace"
    return f"{stem}_{last_month}{EXTENSION}" if last_month else f"{stem}{EXTENSION}"

#: Columns every workspace portfolio must have (what the pages cannot do without).
_REQUIRED = ("account_id", "month", "days_past_due", "balance")
#: A manifest or JSON member larger than this is not a workspace's (a zip bomb, a foreign file).
_MAX_JSON_BYTES = 64 * 1024 * 1024
_TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_NOT_NAMES = frozenset(CANONICAL_COLUMNS) - frozenset(PII_COLUMNS)
#: Kept as is whatever its content: the key that links an account's months.
_IDENTITY = ("account_id",)
#: A mobile or ID number glued to letters (``abc13912345678``): the free-text masker reads such a
#: run as part of a code, but a rejected cell is quoted whole, so a workspace without personal
#: data masks it there too.
_GLUED_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_GLUED_ID = re.compile(r"(?<!\d)[1-8]\d{16}[\dXx](?!\d)")


class WorkspaceError(MessageError):
    """A workspace file that cannot be opened or extended, with a message in both languages.

    Examples
    --------
    >>> WorkspaceError("workspace.error.not_workspace").message("en")[:31]
    'This file is not a workspace fi'
    """


@dataclass(frozen=True)
class Workspace:
    """What a workspace file holds, as opened by :func:`open_workspace`.

    Attributes
    ----------
    result : IngestResult
        The portfolio, the rejected rows (row, reason, detail; no raw cells) and the summary.
    name : str
        The data's name as shown in the sidebar when it was saved.
    settings : dict
        The plain settings the caller saved (JSON values).
    tables : dict of str to DataFrame
        The small tables the caller saved, dtypes as saved.
    personal_data : dict
        ``included`` (bool), ``left_out`` (columns not written), ``masked`` (columns written with
        personal data found by content masked).
    format_version, app_version, created_at : int, str, str
        What the manifest says about the file.
    """

    result: IngestResult
    name: str
    settings: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    personal_data: dict = field(default_factory=dict)
    format_version: int = FORMAT_VERSION
    app_version: str = APP_VERSION
    created_at: str = ""


# --------------------------------------------------------------------------------------------
# personal data


def personal_data_plan(portfolio: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Which columns a workspace without personal data leaves out, and which it masks.

    Returns
    -------
    left_out : list of str
        The personal-data columns present (:data:`~analysis.core.schema.PII_COLUMNS`).
    masked : list of str
        Other text columns (not the account id) in which personal data is found by content.

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["13812345678"], "phone": ["13812345678"],
    ...                    "overdue_reason": ["请致电13812345678"], "balance": [1.0]})
    >>> personal_data_plan(df)
    (['phone'], ['overdue_reason'])
    """
    left_out = [c for c in PII_COLUMNS if c in portfolio.columns]
    masked = [c for c in portfolio.columns
              if c not in left_out and c not in _IDENTITY and _masked_values(portfolio[c]) is not None]
    return left_out, masked


def _masked_values(series: pd.Series) -> dict | None:
    """Distinct value → masked value for the values that change, or None when none does.

    Each distinct value is checked once: a column of 2.4M rows holds a few thousand texts.
    """
    if not (series.dtype == object or pd.api.types.is_string_dtype(series)
            or isinstance(series.dtype, pd.CategoricalDtype)):
        return None
    values = pd.unique(series.dropna().astype(str).to_numpy()) if not isinstance(series.dtype, pd.CategoricalDtype) \
        else np.asarray(series.cat.categories.astype(str))
    if not len(values):
        return None
    frame = pd.DataFrame({series.name: pd.array(values, dtype="str")})
    masked = mask_by_content(frame, not_names=_NOT_NAMES)[series.name].astype(str).to_numpy()
    changed = {v: m for v, m in zip(values, masked) if v != m}
    return changed or None


def _mask_column(series: pd.Series, changed: dict) -> pd.Series:
    if isinstance(series.dtype, pd.CategoricalDtype):
        # two values may mask to the same text: merge those categories rather than fail
        return series.astype(str).where(series.notna()).map(lambda v: changed.get(v, v)).astype("category")
    return series.map(lambda v: changed.get(v, v) if isinstance(v, str) else v).astype(series.dtype)


def without_personal_data(portfolio: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """A copy without the personal-data columns and with personal data in other text masked.

    Returns the frame, the columns left out and the columns masked (see :func:`personal_data_plan`).

    Examples
    --------
    >>> df = pd.DataFrame({"account_id": ["A"], "customer_name": ["张三"], "overdue_reason": ["失业，电话13812345678"]})
    >>> out, left_out, masked = without_personal_data(df)
    >>> list(out.columns), out["overdue_reason"].tolist(), left_out, masked
    (['account_id', 'overdue_reason'], ['失业，电话138****5678'], ['customer_name'], ['overdue_reason'])
    """
    out, left_out, changed = _personal_data_removed(portfolio)
    return out, left_out, list(changed)


def _personal_data_removed(portfolio: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict[str, dict]]:
    """:func:`without_personal_data`, with each masked column's value → masked value."""
    left_out = [c for c in PII_COLUMNS if c in portfolio.columns]
    out = portfolio.drop(columns=left_out)
    changes, changed_values = {}, {}
    for col in out.columns:
        if col in _IDENTITY:
            continue
        changed = _masked_values(out[col])
        if changed is not None:
            changes[col] = _mask_column(out[col], changed)
            changed_values[col] = changed
    return (out.assign(**changes) if changes else out), left_out, changed_values


def text_without_personal_data(value: str) -> str:
    """One text (a file name, a setting) with personal data found by content masked, as a note
    column's cells are.

    Examples
    --------
    >>> text_without_personal_data("客户13912345678.csv")
    '客户139****5678.csv'
    """
    frame = pd.DataFrame({"text": pd.array([value], dtype="str")})
    return str(mask_by_content(frame, not_names=frozenset({"text"}))["text"].iloc[0])


def _settings_strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_settings_strings(v) for v in value.values())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_settings_strings(v) for v in value)) if value else set()
    return set()


def _replace_strings(value: Any, replaced: dict[str, str]) -> Any:
    if isinstance(value, str):
        return replaced.get(value, value)
    if isinstance(value, dict):
        return {k: _replace_strings(v, replaced) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_replace_strings(v, replaced) for v in value]
    return value


def _settings_without_personal_data(settings: dict, portfolio: pd.DataFrame, left_out: list[str],
                                    changed: dict[str, dict]) -> dict:
    """Settings whose text values hold no personal data: a filter may name a value of a column
    that was left out or masked (a branch chosen in the sidebar that is a phone number).

    A value masked in the portfolio is written as masked there, so the filter still matches it;
    a value of a left-out column is masked as that column is; any other text is masked by content.
    """
    texts = _settings_strings(settings)
    if not texts:
        return settings
    replaced = {}
    for col in left_out:
        values = portfolio[col]
        hits = set(pd.unique(values[values.astype("str").isin(list(texts))].astype("str")))
        replaced.update({t: PII_MASKERS[col](t) for t in hits if col in PII_MASKERS})
    for values in changed.values():
        replaced.update({t: values[t] for t in texts if t in values and t not in replaced})
    replaced.update({t: m for t in texts - set(replaced) if (m := text_without_personal_data(t)) != t})
    return _replace_strings(settings, replaced) if replaced else settings


def _masked_glued_numbers(text: str) -> str:
    return _GLUED_ID.sub(lambda m: mask_id_number(m.group()),
                         _GLUED_PHONE.sub(lambda m: mask_phone(m.group()), text))


# --------------------------------------------------------------------------------------------
# save


def _json_default(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, default=_json_default, allow_nan=True).encode("utf-8")


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    # zstd: as small as gzip, several times faster to write and read (2.4M rows open in ~1 s)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer, compression="zstd")
    return buffer.getvalue()


def _rejected_frame(rejected: pd.DataFrame, include_personal: bool) -> pd.DataFrame:
    """The rejected rows with their message parameters as JSON text (Parquet has no dict column)."""
    detail = pd.Series([json.dumps(d if isinstance(d, dict) else {}, ensure_ascii=False, default=_json_default)
                        for d in rejected["detail"]] if "detail" in rejected.columns else [], dtype="str")
    out = pd.DataFrame({
        "row": rejected["row"].to_numpy(dtype=np.int64) if "row" in rejected.columns else np.zeros(0, np.int64),
        "reason": pd.array(rejected["reason"].astype(str).to_numpy() if "reason" in rejected.columns else [], dtype="str"),
        "detail": detail.to_numpy(),
    })
    for extra in ("file",):  # the file a row came from, when several were read together
        if extra in rejected.columns:
            out[extra] = pd.array(rejected[extra].astype(str).to_numpy(), dtype="str")
    if not include_personal and len(out):
        # a reason quotes the cell it could not read, which may be a phone or an ID number
        masked = mask_by_content(out[["detail"]], not_names=frozenset({"detail"}))["detail"].astype("str")
        out["detail"] = pd.array([_masked_glued_numbers(t) for t in masked], dtype="str")
    return out


def save_workspace(result: IngestResult, name: str, *, settings: dict | None = None,
                   tables: dict[str, pd.DataFrame] | None = None, include_personal: bool = False,
                   created_at: str | None = None) -> bytes:
    """The data in use and the caller's settings as one workspace file (zip bytes).

    Parameters
    ----------
    result : IngestResult
        The data in use (its raw cells are not saved).
    name : str
        The data's name, shown again when the workspace is opened.
    settings : dict, optional
        Plain JSON values (str, numbers, bools, lists, dicts) to restore on open.
    tables : dict of str to DataFrame, optional
        Small tables to restore on open (names: lower-case letters, digits, ``_``).
    include_personal : bool
        Keep personal data (names, phones, ID numbers, and personal data found in other text).
        Default: left out (see the module's notes), from the name and the settings too: a
        phone number in the file name or chosen as a filter value is written masked.
    created_at : str, optional
        ISO time to record (default: now, UTC).

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> res = load_portfolio(b"account_id,month,dpd,balance,phone\\nA,2024-01,0,5,13812345678\\n", "a.csv")
    >>> ws = open_workspace(save_workspace(res, "a.csv", settings={"unit": "wan"}))
    >>> ws.name, ws.settings, "phone" in ws.result.portfolio.columns, ws.personal_data["left_out"]
    ('a.csv', {'unit': 'wan'}, False, ['phone'])
    """
    settings = dict(settings or {})
    tables = dict(tables or {})
    for table_name in tables:
        if not _TABLE_NAME.match(str(table_name)):
            raise ValueError(f"table name {table_name!r}: lower-case letters, digits and _ only")
    portfolio = result.portfolio
    if include_personal:
        left_out, masked = [], []
    else:
        portfolio, left_out, changed = _personal_data_removed(result.portfolio)
        masked = list(changed)
        settings = _settings_without_personal_data(settings, result.portfolio, left_out, changed)
        name = text_without_personal_data(str(name))
    summary = dict(result.summary)
    options = summary.get("options") or {}
    mapping_text = mapping_to_json(summary.get("mapping") or {}, mapping_from_json(
        json.dumps({"mapping": {}, "options": options}, default=_json_default))[1])
    members: dict[str, bytes] = {
        "portfolio.parquet": _parquet_bytes(portfolio),
        "rejected.parquet": _parquet_bytes(_rejected_frame(result.rejected, include_personal)),
        # the notes are (key, params) pairs; JSON keeps them as two-element lists (undone on open)
        "summary.json": _json_bytes(summary),
        "mapping.json": mapping_text.encode("utf-8"),
        "settings.json": _json_bytes(settings),
    }
    for table_name, table in tables.items():
        members[f"tables/{table_name}.parquet"] = _parquet_bytes(table.reset_index(drop=True))
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": APP_VERSION,
        "created_at": created_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "name": str(name),
        "rows": int(len(portfolio)),
        "months": sorted(map(str, pd.unique(portfolio["month"]))) if "month" in portfolio.columns else [],
        "dtypes": {str(c): str(t) for c, t in portfolio.dtypes.items()},
        "personal_data": {"included": bool(include_personal), "left_out": left_out, "masked": masked},
        "tables": sorted(tables),
        "members": {path: hashlib.sha256(data).hexdigest() for path, data in members.items()},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", _json_bytes(manifest), compress_type=zipfile.ZIP_DEFLATED)
        for path, data in members.items():
            # Parquet is compressed already: storing it keeps save and open fast
            kind = zipfile.ZIP_STORED if path.endswith(".parquet") else zipfile.ZIP_DEFLATED
            archive.writestr(path, data, compress_type=kind)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# open


def _read_member(archive: zipfile.ZipFile, path: str, digest: str | None, limit: int | None = None) -> bytes:
    try:
        info = archive.getinfo(path)
    except KeyError:
        raise WorkspaceError("workspace.error.corrupt", part=path) from None
    if limit is not None and info.file_size > limit:
        raise WorkspaceError("workspace.error.corrupt", part=path)
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise WorkspaceError("workspace.error.corrupt", part=path) from None
    if digest is not None and hashlib.sha256(data).hexdigest() != digest:
        raise WorkspaceError("workspace.error.corrupt", part=path)
    return data


def _read_json(archive: zipfile.ZipFile, path: str, digest: str | None) -> Any:
    try:
        return json.loads(_read_member(archive, path, digest, _MAX_JSON_BYTES).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise WorkspaceError("workspace.error.corrupt", part=path) from None


def _read_parquet(archive: zipfile.ZipFile, path: str, digest: str | None, limit: int | None = None) -> pd.DataFrame:
    data = _read_member(archive, path, digest, limit)
    try:
        return pq.read_table(pa.BufferReader(data)).to_pandas()
    except (pa.ArrowException, OSError, ValueError, TypeError):
        raise WorkspaceError("workspace.error.corrupt", part=path) from None


def _restore_dtypes(frame: pd.DataFrame, dtypes: dict) -> pd.DataFrame:
    """Each column back to the dtype it was saved with (Parquet keeps most; this is the guarantee).

    Only a cast that changes no value is made: a manifest edited to say ``int8`` for the balance
    wrapped 14,668.77 to 76 and the total to a negative number, without a word.
    """
    fixes = {}
    for col, dtype in dtypes.items():
        if col in frame.columns and str(frame[col].dtype) != dtype:
            try:
                cast = frame[col].astype(dtype)
                same = cast.astype(frame[col].dtype).equals(frame[col])
            except (TypeError, ValueError, OverflowError):
                same = False
            if not same:
                raise WorkspaceError("workspace.error.corrupt", part="portfolio.parquet")
            fixes[col] = cast
    return frame.assign(**fixes) if fixes else frame


def _check_panel(portfolio: pd.DataFrame, summary: dict, personal: dict) -> None:
    """Refuse a panel that ingest could not have accepted, that disagrees with its own summary, or
    that carries personal-data columns its manifest says were left out: the file was altered.

    Each check is one ingest guarantees (one row per account-month, a month for every row, a
    finite balance, an account for every row) or that the summary states (its months, its
    accepted balance); before, duplicated rows doubled the aging silently.
    """
    def altered(part: str = "portfolio.parquet") -> WorkspaceError:
        return WorkspaceError("workspace.error.corrupt", part=part)

    if not pd.api.types.is_numeric_dtype(portfolio["balance"]) or not pd.api.types.is_numeric_dtype(portfolio["days_past_due"]):
        raise altered()
    balance = portfolio["balance"].to_numpy(dtype="float64", na_value=np.nan)
    if not np.isfinite(balance).all() or portfolio["account_id"].isna().any():
        raise altered()
    months = portfolio["month"].astype("str")
    if portfolio["month"].isna().any() or not months.map(lambda m: bool(MONTH_LABEL.match(m))).all():
        raise altered()
    if portfolio.duplicated(["account_id", "month"]).any():
        raise altered()
    stated = summary.get("months")
    if stated is not None and sorted(map(str, stated)) != sorted(months.unique()):
        raise altered("summary.json")
    accepted = summary.get("balance_accepted")
    if isinstance(accepted, (int, float)) and not isinstance(accepted, bool) \
            and abs(float(accepted) - float(balance.sum())) > 0.005 + 1e-9 * abs(float(accepted)):
        raise altered("summary.json")
    if not personal.get("included", True) and any(c in portfolio.columns for c in PII_COLUMNS):
        raise altered()


def _summary_from_payload(payload: dict) -> dict:
    summary = dict(payload)
    if "notes" in summary:
        summary["notes"] = [(str(k), dict(p or {})) for k, p in summary["notes"]]
    return summary


def _rejected_from_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "row": frame["row"].to_numpy(dtype=np.int64),
        "reason": pd.array(frame["reason"].to_numpy(), dtype="str"),
        "detail": pd.Series([json.loads(d) for d in frame["detail"]], dtype=object).to_numpy(),
        "position": np.arange(len(frame), dtype=np.int64),
    })
    if "file" in frame.columns:
        out["file"] = frame["file"].to_numpy()
    return out


def open_workspace(data: bytes) -> Workspace:
    """Read a file written by :func:`save_workspace`.

    Raises
    ------
    WorkspaceError
        Not a workspace file (another zip, a workbook, anything), a damaged one (a part missing
        or altered), or one written by a newer version of the app (``workspace.error.newer``).

    Examples
    --------
    >>> open_workspace(b"account_id,month")
    Traceback (most recent call last):
    ...
    analysis.workspace.WorkspaceError: This file is not a workspace file ...
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise WorkspaceError("workspace.error.not_workspace") from None
    try:
        return _open(archive, len(data))
    except WorkspaceError:
        raise
    except (RecursionError, TypeError, ValueError, KeyError, AttributeError, IndexError, pa.ArrowException):
        # a part of a shape the app never writes (a list for a mapping, JSON nested 100,000 deep)
        raise WorkspaceError("workspace.error.corrupt", part="manifest.json") from None


def _open(archive: zipfile.ZipFile, size: int) -> Workspace:
    with archive:
        if "manifest.json" not in archive.namelist():
            raise WorkspaceError("workspace.error.not_workspace")
        manifest = _read_json(archive, "manifest.json", None)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise WorkspaceError("workspace.error.not_workspace")
        version = manifest.get("format_version")
        if not isinstance(version, int):
            raise WorkspaceError("workspace.error.corrupt", part="manifest.json")
        if version > FORMAT_VERSION:
            raise WorkspaceError("workspace.error.newer", version=version, supported=FORMAT_VERSION,
                                 app_version=str(manifest.get("app_version", "?")))
        digests = manifest.get("members") or {}
        # a Parquet part is stored, not compressed: it cannot unpack to more than the file holds
        limit = max(4 * size, 64 << 20)
        portfolio = _read_parquet(archive, "portfolio.parquet", digests.get("portfolio.parquet"), limit)
        portfolio = _restore_dtypes(portfolio, manifest.get("dtypes") or {})
        rejected = _rejected_from_frame(_read_parquet(archive, "rejected.parquet", digests.get("rejected.parquet"), limit))
        summary = _summary_from_payload(_read_json(archive, "summary.json", digests.get("summary.json")))
        settings = _read_json(archive, "settings.json", digests.get("settings.json"))
        tables = {name: _read_parquet(archive, f"tables/{name}.parquet", digests.get(f"tables/{name}.parquet"), limit)
                  for name in manifest.get("tables") or []}
    missing = [c for c in _REQUIRED if c not in portfolio.columns]
    if missing or len(portfolio) != manifest.get("rows") or len(portfolio) != summary.get("rows_accepted"):
        raise WorkspaceError("workspace.error.corrupt", part="portfolio.parquet")
    personal = dict(manifest.get("personal_data") or {})
    _check_panel(portfolio, summary, personal)
    result = IngestResult(portfolio=portfolio, rejected=rejected, summary=summary, raw=None)
    return Workspace(result=result, name=str(manifest.get("name", "")), settings=settings if isinstance(settings, dict) else {},
                     tables=tables, personal_data=personal,
                     format_version=version, app_version=str(manifest.get("app_version", "")),
                     created_at=str(manifest.get("created_at", "")))


# --------------------------------------------------------------------------------------------
# extend


def overlapping_months(current: IngestResult, new: IngestResult) -> list[str]:
    """Months the new data has that the data in use already has (sorted).

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> a = load_portfolio(b"account_id,month,dpd,balance\\nA,2024-01,0,5\\nA,2024-02,0,5\\n", "a.csv")
    >>> b = load_portfolio(b"account_id,month,dpd,balance\\nA,2024-02,0,6\\nA,2024-03,0,6\\n", "b.csv")
    >>> overlapping_months(a, b)
    ['2024-02']
    """
    old = set(map(str, pd.unique(current.portfolio["month"])))
    return sorted(m for m in map(str, pd.unique(new.portfolio["month"])) if m in old)


def _concat_panels(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Stack two canonical panels keeping each column's dtype (categories united, not turned to text)."""
    columns = list(old.columns) + [c for c in new.columns if c not in old.columns]
    parts_old, parts_new = {}, {}
    for col in columns:
        a, b = old.get(col), new.get(col)
        cat = any(s is not None and isinstance(s.dtype, pd.CategoricalDtype) for s in (a, b))
        if cat:
            cats = pd.Index([])
            for s in (a, b):
                if s is not None:
                    cats = cats.union(pd.Index(s.astype("category").cat.categories), sort=False)
            dtype = pd.CategoricalDtype(cats)
            parts_old[col] = a.astype(dtype) if a is not None else pd.Categorical([None] * len(old), dtype=dtype)
            parts_new[col] = b.astype(dtype) if b is not None else pd.Categorical([None] * len(new), dtype=dtype)
    left = old.assign(**{c: v for c, v in parts_old.items()}) if parts_old else old
    right = new.assign(**{c: v for c, v in parts_new.items()}) if parts_new else new
    out = pd.concat([left, right], ignore_index=True, sort=False)
    return out[columns].sort_values(["month", "account_id"], kind="stable").reset_index(drop=True)


def _rows_and_balance(frame: pd.DataFrame) -> tuple[int, float]:
    return int(len(frame)), float(frame["balance"].sum()) if "balance" in frame.columns else 0.0


def extend_workspace(current: IngestResult, new: IngestResult, *, new_name: str = "",
                     on_overlap: str = "replace") -> IngestResult:
    """The data in use with a new month's (or months') data added: one longer history.

    Parameters
    ----------
    current : IngestResult
        The data in use (e.g. from :func:`open_workspace`).
    new : IngestResult
        The newly checked file.
    new_name : str
        The new file's name, recorded in the summary's ``extended`` list.
    on_overlap : {"replace", "refuse"}
        A month both have: ``"replace"`` drops the data in use's rows of that month and keeps the
        new file's (the newer export wins: a corrected re-run of a month, or a file that repeats
        the last month); ``"refuse"`` raises :class:`WorkspaceError` naming the months.

    Returns
    -------
    IngestResult
        The panel sorted by month then account; the summary reconciles: rows and balances read,
        accepted and rejected are the sums of both, less the rows replaced (``summary["replaced"]``
        says how many, with their balance and months).

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> a = load_portfolio(b"account_id,month,dpd,balance\\nA,2024-01,0,5\\nB,2024-01,0,7\\n", "a.csv")
    >>> b = load_portfolio(b"account_id,month,dpd,balance\\nA,2024-02,0,4\\n", "b.csv")
    >>> out = extend_workspace(a, b)
    >>> out.summary["months"], out.summary["rows_accepted"], out.summary["balance_accepted"]
    (['2024-01', '2024-02'], 3, 16.0)
    """
    if on_overlap not in ("replace", "refuse"):
        raise ValueError(f"on_overlap must be 'replace' or 'refuse', not {on_overlap!r}")
    _require_same_measure(current, new)
    overlap = overlapping_months(current, new)
    if overlap and on_overlap == "refuse":
        raise WorkspaceError("workspace.error.overlap", months="、".join(overlap), n=len(overlap))
    old = current.portfolio
    dropped = old[old["month"].isin(overlap)] if overlap else old.iloc[0:0]
    kept = old[~old["month"].isin(overlap)] if overlap else old
    panel = _concat_panels(kept, new.portfolio)
    a, b = current.summary, new.summary
    drop_rows, drop_balance = _rows_and_balance(dropped)

    def total(key: str) -> float:
        return (a.get(key) or 0) + (b.get(key) or 0)

    summary = dict(b)
    summary.update({
        "rows_read": int(total("rows_read")) - drop_rows,
        "rows_accepted": int(total("rows_accepted")) - drop_rows,
        "rows_rejected": int(total("rows_rejected")),
        "file_rows": int(total("file_rows")) - drop_rows,
        "balance_read": total("balance_read") - drop_balance,
        "balance_accepted": total("balance_accepted") - drop_balance,
        "balance_rejected": total("balance_rejected"),
        "balance_zeroed": total("balance_zeroed"),
        "balance_total_rows": total("balance_total_rows"),
        "accounts": int(panel["account_id"].nunique()),
        "months": sorted(map(str, pd.unique(panel["month"]))),
        "reasons": _add_counts(a.get("reasons") or {}, b.get("reasons") or {}),
        "replaced": {"months": overlap, "rows": drop_rows, "balance": drop_balance},
        "extended": [*a.get("extended", []), {"name": str(new_name), "months": sorted(map(str, pd.unique(new.portfolio["month"]))),
                                               "rows": int(len(new.portfolio)), "balance": _rows_and_balance(new.portfolio)[1]}],
    })
    rejected = pd.concat([_rejected_rows(current.rejected), _rejected_rows(new.rejected)], ignore_index=True)
    rejected["position"] = np.arange(len(rejected), dtype=np.int64)
    return IngestResult(portfolio=panel, rejected=rejected, summary=summary, raw=None)


def _require_same_measure(current: IngestResult, new: IngestResult) -> None:
    """Refuse adding a file with balances to a book without (each account counted as 1), or the
    reverse: the history would hold accounts in some months and money in others, and every rate
    and total across them would mix the two."""
    old_counts, new_counts = counts_only(current.summary), counts_only(new.summary)
    if old_counts and not new_counts:
        raise WorkspaceError("workspace.error.counts_then_balances")
    if new_counts and not old_counts:
        raise WorkspaceError("workspace.error.balances_then_counts")


def missing_segments(current: IngestResult, new: IngestResult) -> list[str]:
    """Segment columns the data in use has and the new file lacks (its rows show them as "—").

    Examples
    --------
    >>> from analysis.ingest.portfolio import load_portfolio
    >>> a = load_portfolio(b"account_id,month,dpd,balance,product\\nA,2024-01,0,5,x\\n", "a.csv")
    >>> b = load_portfolio(b"account_id,month,dpd,balance\\nA,2024-02,0,4\\n", "b.csv")
    >>> missing_segments(a, b)
    ['product']
    """
    have = set(segment_columns(new.portfolio))
    return [c for c in segment_columns(current.portfolio) if c not in have]


def _add_counts(a: dict, b: dict) -> dict:
    out = dict(a)
    for key, value in b.items():
        out[key] = out.get(key, 0) + value if isinstance(value, (int, float)) else value
    return out


def _rejected_rows(rejected: pd.DataFrame) -> pd.DataFrame:
    # the raw cells are not carried over (the combined result has none); row, reason, detail are
    return rejected[[c for c in ("row", "reason", "detail", "file") if c in rejected.columns]].reset_index(drop=True)

