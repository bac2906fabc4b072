"""Re-default after an arrangement, from the book's own restructured accounts when it has them.

An account counts as arranged (restructured, re-aged, on a plan) from the first month a status
says so: ``status_label`` text such as 重组 / 展期 / 个性化分期 / 停息挂账 / restructured /
modified / re-aged / forbearance, or a kept segment column whose name says restructuring,
modification or hardship with a yes-like value (Y, yes, true, 1, 是). Its outcome is whether it
reached the charge-off DPD within the ``horizon`` months that follow; only accounts with the whole
horizon in the book count, and an account that left the book before is counted as not defaulted
(the convention of the what-if page's observed PD).

With fewer than ``min_accounts`` such accounts the estimate is not used (the published defaults
stay), and the page says how many there were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.core.rates import month_from_ordinal, month_ordinal
from analysis.core.schema import segment_columns

#: Status words that mean an arrangement (Chinese and English; matched case-insensitively).
ARRANGED_WORDS = ("重组", "展期", "延期还款", "个性化分期", "协商分期", "协商还款", "停息挂账", "债务重组", "再分期",
                  "restructur", "modif", "re-age", "reage", "re-aged", "forbear", "workout", "payment plan",
                  "hardship plan")
#: Kept columns whose name marks an arrangement flag.
FLAG_COLUMN = re.compile(r"restructur|modif|hardship|forbear|重组|展期|分期标志")
YES = {"y", "yes", "true", "1", "是", "有", "t"}
MIN_ACCOUNTS = 30


@dataclass(frozen=True)
class BookRedefault:
    """What the book says about re-default after an arrangement.

    ``rate`` is None when fewer than ``min_accounts`` arranged accounts had the whole horizon.
    """

    rate: float | None
    accounts: int
    defaulted: int
    source: str | None
    first_months: tuple[str, str] | None
    horizon: int


def arranged_rows(panel: pd.DataFrame) -> tuple[np.ndarray, str | None]:
    """Which rows say the account is under an arrangement, and the column that said so.

    Examples
    --------
    >>> df = pd.DataFrame({"status_label": ["正常", "已重组", None, "Modified"]})
    >>> arranged_rows(df)[0].tolist(), arranged_rows(df)[1]
    ([False, True, False, True], 'status_label')
    """
    if "status_label" in panel.columns:
        pattern = "|".join(re.escape(w) for w in ARRANGED_WORDS)
        hits = panel["status_label"].astype("string").str.contains(pattern, case=False, regex=True).fillna(False)
        hits = hits.to_numpy(dtype=bool)
        if hits.any():
            return hits, "status_label"
    for column in segment_columns(panel):
        if FLAG_COLUMN.search(str(column).lower()):
            values = panel[column].astype("string").str.strip().str.lower()
            hits = values.isin(YES).fillna(False).to_numpy(dtype=bool)
            if hits.any():
                return hits, str(column)
    return np.zeros(len(panel), dtype=bool), None


def book_redefault(panel: pd.DataFrame, chargeoff_dpd: int = 91, horizon: int = 12,
                   min_accounts: int = MIN_ACCOUNTS) -> BookRedefault:
    """Share of arranged accounts that reached ``chargeoff_dpd`` within ``horizon`` months.

    Examples
    --------
    >>> rows = []
    >>> for k in range(40):
    ...     for m in range(14):
    ...         dpd = 120 if (k < 10 and m == 5) else 0
    ...         rows.append((f"a{k}", f"2024-{m + 1:02d}" if m < 12 else f"2025-{m - 11:02d}", dpd,
    ...                      "重组" if m == 0 else "正常"))
    >>> df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "status_label"])
    >>> out = book_redefault(df)
    >>> out.rate, out.accounts, out.source
    (0.25, 40, 'status_label')
    """
    flagged, source = arranged_rows(panel)
    if source is None:
        return BookRedefault(None, 0, 0, None, None, horizon)
    months = panel["month"].astype(str)
    month_idx = months.map({m: month_ordinal(m) for m in months.unique()}).to_numpy(dtype=np.int64)
    last = int(month_idx.max())
    first = pd.Series(month_idx[flagged]).groupby(panel["account_id"].to_numpy()[flagged]).min()
    first = first[first + horizon <= last]  # the whole horizon is in the book
    if first.empty:
        return BookRedefault(None, 0, 0, source, None, horizon)
    start = first.reindex(panel["account_id"].to_numpy()).to_numpy()
    after = (month_idx > start) & (month_idx <= start + horizon)
    bad = after & (panel["days_past_due"].to_numpy() >= chargeoff_dpd)
    defaulted = pd.Series(bad).groupby(panel["account_id"].to_numpy()).any()
    n = len(first)
    k = int(defaulted.reindex(first.index, fill_value=False).sum())
    span = (month_from_ordinal(int(first.min())), month_from_ordinal(int(first.max())))
    return BookRedefault(k / n if n >= min_accounts else None, n, k, source, span, horizon)
