"""The audit trail of who saw personal data: who, when, what, never a data value.

A record names the user (the identity provider's e-mail or subject), the event (``unmask`` on a
screen, ``export_unmasked`` for a download), where it happened (page and widget, file name) and
how many rows; it never holds a cell of the data. Records are JSON lines appended to the file the
deployer names (``DW_AUDIT_LOG``), else written to the server's log.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

from analysis.core.i18n import MessageError

#: Events the app records.
EVENTS = ("unmask", "export_unmasked", "unmask_refused")
LOGGER = logging.getLogger("delinquency.audit")


def audit_record(user: str, event: str, where: str, *, rows: int | None = None, detail: str = "",
                 when: datetime | None = None) -> dict:
    """One audit record (a dict ready for JSON).

    Parameters
    ----------
    user : str
        Who (the signed-in user's e-mail or subject; ``"local"`` without sign-in).
    event : str
        One of :data:`EVENTS`.
    where : str
        The page and widget, or the file name of the download.
    rows : int, optional
        How many rows were shown or exported unmasked.
    detail : str
        Free words from the app (never a data value).

    Examples
    --------
    >>> r = audit_record("ana@bank.cn", "unmask", "warnings/work_lists", rows=12,
    ...                  when=datetime(2026, 12, 5, 9, 30, tzinfo=timezone.utc))
    >>> r["time"], r["user"], r["event"], r["rows"]
    ('2026-12-05T09:30:00+00:00', 'ana@bank.cn', 'unmask', 12)
    """
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}; expected one of {EVENTS}")
    stamp = (when or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    record = {"time": stamp, "user": str(user), "event": event, "where": str(where)}
    if rows is not None:
        record["rows"] = int(rows)
    if detail:
        record["detail"] = str(detail)
    return record


class AuditUnwritable(MessageError):
    """The audit trail cannot be written: what it would record must not happen."""


def write_audit(record: Mapping, path: str | Path | None = None) -> None:
    """Append ``record`` as one JSON line to ``path`` (the server's log when ``None``).

    Raises
    ------
    AuditUnwritable
        When ``path`` cannot be written (a folder that is not there, no permission).
    """
    line = json.dumps(dict(record), ensure_ascii=False, sort_keys=True)
    if path is None:
        LOGGER.warning("audit %s", line)  # warning: shown by Streamlit's default log level
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError:
        LOGGER.error("the audit trail %s cannot be written", path)
        raise AuditUnwritable("core.audit_unwritable", path=str(path)) from None
