"""Wide files (one column per month) → the long account × month form ingest validates.

Two layouts are common: the UCI Taiwan credit-card layout (``PAY_0, PAY_2 … PAY_6`` repayment
status and ``BILL_AMT1 … BILL_AMT6`` bills, newest month first, no ``PAY_1``) and Chinese
management exports with the month in the header (``2024-01逾期天数``, ``2024年2月余额``). The user
confirms which columns are months and what month each is (a :class:`WideSpec`) before reshaping.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.ingest.parsing import normalise_month, shift_months
from analysis.core.schema import canonical_for

#: Month that PAY_0 / BILL_AMT1 stand for in the UCI "default of credit card clients" data.
UCI_REFERENCE_MONTH = "2005-09"


@dataclass(frozen=True)
class WideSpec:
    """Which headers hold which canonical column for which month.

    Attributes
    ----------
    columns : Mapping[str, Mapping[str, str]]
        ``canonical -> {header: "YYYY-MM"}``, e.g.
        ``{"status_label": {"PAY_0": "2005-09", "PAY_2": "2005-08"}, "balance": {"BILL_AMT1": "2005-09"}}``.
    """

    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def months(self) -> list[str]:
        """Every month named in the spec, oldest first."""
        return sorted({m for cols in self.columns.values() for m in cols.values()})

    def headers(self) -> list[str]:
        """Every header the spec consumes."""
        return [h for cols in self.columns.values() for h in cols]

    def to_dict(self) -> dict:
        return {c: dict(v) for c, v in self.columns.items()}


_PAY_RE = re.compile(r"^pay_?(\d+)$", re.IGNORECASE)
_BILL_RE = re.compile(r"^bill_?amt_?(\d+)$", re.IGNORECASE)
_MONTH_IN_HEADER = re.compile(
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*月?|\d{6}(?!\d))"
)


def suggest_wide_spec(raw, reference_month: str | None = None) -> WideSpec | None:
    """Propose a :class:`WideSpec` from the headers, or ``None`` when the file is not wide.

    Recognises ``PAY_0, PAY_2..PAY_6`` / ``BILL_AMT1..6`` (UCI: PAY_0 and BILL_AMT1 are the newest
    month; ``reference_month`` says which, default 2005-09 when the UCI layout is recognised) and
    headers carrying a month (``2024-01逾期天数``, ``2024年2月余额``, ``202403_dpd``).

    Examples
    --------
    >>> import types
    >>> raw = types.SimpleNamespace(frame=pd.DataFrame(columns=["ID", "PAY_0", "PAY_2", "BILL_AMT1", "BILL_AMT2"]))
    >>> suggest_wide_spec(raw).to_dict()
    {'status_label': {'PAY_0': '2005-09', 'PAY_2': '2005-08'}, 'balance': {'BILL_AMT1': '2005-09', 'BILL_AMT2': '2005-08'}}
    """
    headers = [str(h) for h in raw.frame.columns]
    columns: dict[str, dict[str, str]] = {}
    pay = {h: int(m.group(1)) for h in headers if (m := _PAY_RE.match(h.strip()))}
    bill = {h: int(m.group(1)) for h in headers if (m := _BILL_RE.match(h.strip()))}
    if len(pay) >= 2 or len(bill) >= 2:
        ref = normalise_month(reference_month) or UCI_REFERENCE_MONTH
        if len(pay) >= 2:
            # PAY_0 is the newest month and PAY_2 the one before: UCI skipped PAY_1.
            base = min(pay.values())
            columns["status_label"] = {
                h: shift_months(ref, -(k - base - (1 if base == 0 and k >= 2 else 0)))
                for h, k in sorted(pay.items(), key=lambda kv: kv[1])
            }
        if len(bill) >= 2:
            base = min(bill.values())
            columns["balance"] = {h: shift_months(ref, -(k - base)) for h, k in sorted(bill.items(), key=lambda kv: kv[1])}
        return WideSpec(columns)
    for h in headers:
        m = _MONTH_IN_HEADER.search(h)
        if not m:
            continue
        month = normalise_month(m.group(1).replace(" ", ""))
        rest = (h[: m.start()] + h[m.end():]).strip(" _-:：()（）")
        canonical = canonical_for(rest) if rest else None
        if month and canonical and canonical not in ("snapshot_date", "account_id"):
            columns.setdefault(canonical, {})[h] = month
    columns = {c: v for c, v in columns.items() if len(v) >= 2}
    return WideSpec(columns) if columns else None


def wide_to_long(frame: pd.DataFrame, spec: WideSpec, id_columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Stack the month columns: one output row per input row per month in ``spec``.

    The output has the ``id_columns`` (repeated per month), ``month`` (``YYYY-MM``), one column per
    canonical name in ``spec`` (NA where that month has no column), and ``source_position``
    (int64 position of the input row, so rejections point at the user's row). Rows are in
    month order, then input order. The input is not modified.

    Examples
    --------
    >>> f = pd.DataFrame({"ID": ["a", "b"], "PAY_0": [0, 2], "PAY_2": [-1, 1]})
    >>> spec = WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_2": "2005-08"}})
    >>> wide_to_long(f, spec, ["ID"])[["ID", "month", "status_label"]].values.tolist()
    [['a', '2005-08', -1], ['b', '2005-08', 1], ['a', '2005-09', 0], ['b', '2005-09', 2]]
    """
    missing = [h for h in spec.headers() if h not in frame.columns]
    if missing:
        raise KeyError(f"columns not in the file: {missing}")
    months = spec.months()
    n = len(frame)
    ids = [c for c in dict.fromkeys(id_columns) if c not in spec.headers()]
    parts: dict[str, object] = {}
    reps = len(months)
    for c in ids:
        col = frame[c]
        parts[c] = pd.concat([col] * reps, ignore_index=True) if reps else col.iloc[:0]
    parts["month"] = pd.Series(np.repeat(np.asarray(months, dtype=object), n), dtype="str")
    for canonical, cols in spec.columns.items():
        by_month = {m: h for h, m in cols.items()}
        pieces = []
        for m in months:
            h = by_month.get(m)
            pieces.append(frame[h].reset_index(drop=True) if h is not None
                          else pd.Series([pd.NA] * n, dtype="object"))
        parts[canonical] = pd.concat(pieces, ignore_index=True) if pieces else pd.Series([], dtype="object")
    parts["source_position"] = np.tile(np.arange(n, dtype=np.int64), reps)
    return pd.DataFrame(parts)
