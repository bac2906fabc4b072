"""Which accounts an arrangement is priced for: a bucket, optionally one cause class, or one account.

The cause class is the practice class the causes page gives each overdue reason (willingness ×
hardship, e.g. "unable, temporary": willing but unable to pay for a while, the customers the
practice texts recommend arrangements for).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.arrangements.options import ArrangementError, Segment
from analysis.causes.dictionary import HARDSHIP_KEYS, WILLINGNESS_KEYS, overdue_causes
from analysis.core.buckets import Buckets, assign_buckets
from analysis.core.schema import usable_rates
from analysis.core.units import percent_text


def parse_cause_class(text: str | None) -> tuple[str | None, str | None]:
    """``"unable/temporary"`` → ``("unable", "temporary")``; one key alone names one dimension.

    Separators: ``/``, ``,``, ``:``, ``+``, ``_`` or a space. With two keys the first is the
    willingness and the second the hardship.

    Examples
    --------
    >>> parse_cause_class("unable/temporary"), parse_cause_class("lasting"), parse_cause_class(None)
    (('unable', 'temporary'), (None, 'lasting'), (None, None))
    """
    if text is None or not str(text).strip():
        return None, None
    parts = [p for p in re.split(r"[/,:+_\s]+", str(text).strip().lower()) if p]
    if len(parts) == 2 and parts[0] in WILLINGNESS_KEYS and parts[1] in HARDSHIP_KEYS:
        return parts[0], parts[1]
    if len(parts) == 1 and parts[0] in WILLINGNESS_KEYS:
        return parts[0], None
    if len(parts) == 1 and parts[0] in HARDSHIP_KEYS:
        return None, parts[0]
    raise ArrangementError("arr.err.cause_class", value=text, willingness="/".join(WILLINGNESS_KEYS),
                           hardship="/".join(HARDSHIP_KEYS))


def month_rows(panel: pd.DataFrame, month: str, buckets: Buckets) -> pd.DataFrame:
    """The month's rows with their bucket key.

    Raises
    ------
    ArrangementError
        When the month is not in the data (the message lists the first and last month).
    """
    rows = panel[panel["month"] == month]
    if rows.empty:
        months = sorted(panel["month"].unique())
        raise ArrangementError("arr.err.month", month=month, first=months[0] if months else "–",
                               last=months[-1] if months else "–")
    return rows.assign(bucket=assign_buckets(rows["days_past_due"].to_numpy(), buckets))


def select_segment(panel: pd.DataFrame, month: str, buckets: Buckets, bucket: str | None = None,
                   cause_class: str | None = None, account_id: str | None = None,
                   dictionary: pd.DataFrame | None = None, classes: pd.DataFrame | None = None
                   ) -> tuple[Segment, pd.DataFrame]:
    """The segment and its rows in ``month``: a bucket (with a cause class) or one account.

    Parameters
    ----------
    panel : DataFrame
        Canonical portfolio (the data in view).
    bucket : str, optional
        Bucket key; required unless ``account_id`` is given.
    cause_class : str, optional
        ``willingness/hardship`` keys (see :func:`parse_cause_class`); needs ``overdue_reason``.
    account_id : str, optional
        One account: its bucket and balance in ``month``.

    Raises
    ------
    ArrangementError
        Unknown bucket, account not in the month, no reason column for a cause class, or no
        account in the segment (the message says which choice emptied it).

    Examples
    --------
    >>> from analysis.core.buckets import DEFAULT_BUCKETS
    >>> df = pd.DataFrame({"account_id": ["a", "b", "c"], "month": ["2024-01"] * 3,
    ...                    "days_past_due": [0, 40, 45], "balance": [1.0, 2.0, 3.0]})
    >>> seg, rows = select_segment(df, "2024-01", DEFAULT_BUCKETS, bucket="31-60")
    >>> seg.accounts, seg.balance
    (2, 5.0)
    """
    rows = month_rows(panel, month, buckets)
    if account_id is not None:
        one = rows[rows["account_id"].astype(str) == str(account_id)]
        if one.empty:
            raise ArrangementError("arr.err.account", account=account_id, month=month)
        key = str(one["bucket"].iloc[0])
        return Segment(month=month, bucket=key, accounts=1, balance=float(one["balance"].sum()),
                       account_id=str(account_id)), one
    if bucket not in buckets.keys:
        raise ArrangementError("arr.err.bucket", bucket=bucket, buckets=", ".join(buckets.keys))
    chosen = rows[rows["bucket"] == bucket]
    willingness, hardship = parse_cause_class(cause_class)
    if willingness or hardship:
        if "overdue_reason" not in panel.columns:
            raise ArrangementError("arr.err.no_reason")
        causes = overdue_causes(chosen, dictionary, classes)
        keep = np.ones(len(causes), dtype=bool)
        if willingness:
            keep &= (causes["willingness"] == willingness).to_numpy()
        if hardship:
            keep &= (causes["hardship"] == hardship).to_numpy()
        chosen = chosen[chosen["account_id"].isin(causes.loc[keep, "account_id"])]
    if chosen.empty:
        raise ArrangementError("arr.err.empty", bucket=bucket, month=month, cause=cause_class or "–")
    label = "/".join(x for x in (willingness, hardship) if x) or None
    return Segment(month=month, bucket=bucket, accounts=int(chosen["account_id"].nunique()),
                   balance=float(chosen["balance"].sum()), cause_class=label), chosen


def contract_rate(rows: pd.DataFrame) -> float | None:
    """Balance-weighted annual ``interest_rate`` of the rows (None when the data has none).

    A rate no calculation can use (negative, above 100 %: ``18`` typed for 18 %) is left out,
    as the ECL and the what-if leave it out (:func:`~analysis.core.schema.usable_rates`);
    :func:`rate_note` says so.

    Examples
    --------
    >>> round(contract_rate(pd.DataFrame({"balance": [1.0, 3.0], "interest_rate": [0.1, 0.2]})), 6)
    0.175
    >>> contract_rate(pd.DataFrame({"balance": [1.0, 1.0], "interest_rate": [0.12, 18.0]}))
    0.12
    """
    if "interest_rate" not in rows.columns:
        return None
    known = rows[usable_rates(rows["interest_rate"].to_numpy(dtype=np.float64, na_value=np.nan))
                 & (rows["balance"] > 0).to_numpy()]
    if known.empty:
        return None
    return float(np.average(known["interest_rate"], weights=known["balance"]))


def rate_note(rows: pd.DataFrame) -> tuple[str, dict] | None:
    """``("arr.note.rates_unusable", params)`` when some of the rows' rates were left out of the
    contract rate (negative or above 100 % a year), else ``None``.

    Examples
    --------
    >>> rate_note(pd.DataFrame({"balance": [1.0, 1.0], "interest_rate": [0.12, 18.0]}))
    ('arr.note.rates_unusable', {'n': 1, 'example': '1800%'})
    """
    if "interest_rate" not in rows.columns:
        return None
    given = rows["interest_rate"].to_numpy(dtype=np.float64, na_value=np.nan)
    left_out = given[~np.isnan(given) & ~usable_rates(given)]
    if not len(left_out):
        return None
    return ("arr.note.rates_unusable", {"n": int(len(left_out)), "example": percent_text(left_out[0])})
