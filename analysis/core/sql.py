"""The cube definitions, written once as SQL text that DuckDB and Spark SQL both run unchanged.

Every figure in the workbench (aging, roll rates, delinquency rates, entry and cure rates,
vintages, the five-tier class and IFRS 9 views) aggregates one of the relations defined here.
The texts read like their definitions; the only parts filled in by Python are

* the bucket ``CASE`` built from a :class:`~analysis.core.buckets.Buckets` (integers only),
* column identifiers taken from an allow-list of the source's own columns (quoted), and
* filter values, which always go through the engine's parameter binding (``?``).

Months are an integer index, ``year * 12 + month - 1``, so "the next month" is ``month_idx + 1``
and a gap in the book is visible as a missing index (never paired across it).

Relations, in the order they build on each other:

``book``
    The source after the filters: one row per account-month, canonical columns, ``month_idx``.
``panel`` (materialised once: a temporary table, never a CTE used twice)
    ``book`` plus ``bucket`` (0-based code), and the same account's ``next_bucket``,
    ``next_balance`` and ``next_dpd`` at ``month_idx + 1``. ``next_bucket`` is the exit code
    (the number of buckets) when that month is in the book but the account is not, and NULL when
    the month itself is not in the book (the last month, or a gap): unknown, not an exit.
"""
from __future__ import annotations

import re

from analysis.core.buckets import Buckets

#: Money columns summed by the aging cube when the source has them.
AGING_SUMS = ("overdue_amount", "credit_limit")

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote(name: str) -> str:
    """A column identifier, checked, in the one form both engines read the same way.

    Spark SQL reads double quotes as a string literal unless ANSI mode is on, and DuckDB does not
    read backticks, so identifiers stay bare and must match ``[A-Za-z_][A-Za-z0-9_]*``. Canonical
    names have that shape; other columns (a user's Chinese segment header) get a plain alias
    before they reach SQL (see :mod:`analysis.core.cubes`).

    Raises
    ------
    ValueError
        For any other name (never interpolated into SQL).

    Examples
    --------
    >>> quote("region")
    'region'
    """
    if not _IDENTIFIER.match(str(name)):
        raise ValueError(f"not a plain column name: {name!r}")
    return str(name)


def month_index_sql(column: str = "month") -> str:
    """``'2024-03'`` → ``2024 * 12 + 3 - 1`` in SQL that both engines run."""
    col = quote(column)
    return (f"(CAST(SUBSTR({col}, 1, 4) AS INT) * 12 + CAST(SUBSTR({col}, 6, 2) AS INT) - 1)")


def bucket_case_sql(buckets: Buckets, dpd: str = "days_past_due") -> str:
    """The 0-based bucket code of a DPD value, e.g. ``CASE WHEN dpd >= 181 THEN 5 ... ELSE 0 END``.

    Examples
    --------
    >>> from analysis.core.buckets import custom_buckets
    >>> bucket_case_sql(custom_buckets([30]))
    'CASE WHEN days_past_due >= 31 THEN 2 WHEN days_past_due >= 1 THEN 1 ELSE 0 END'
    """
    col = quote(dpd)
    whens = " ".join(f"WHEN {col} >= {int(lo)} THEN {i}"
                     for i, lo in reversed(list(enumerate(buckets.lowers))) if i > 0)
    return f"CASE {whens} ELSE 0 END"


def book_sql(source: str, columns: list[str], origination: str | None = None,
             account_key: str | None = None, month_idx: bool = False) -> str:
    """The book: the canonical columns of ``source``, an account key and the integer month index.

    ``source`` is a relation the engine registered; ``origination`` names a date column whose
    month becomes ``origination_idx`` (or is ``"origination_idx"`` when the source has it).
    Pairing and per-account windows use ``account_key``: an integer the upload carries (joins on
    integers are several times faster than on text), else the account id itself. ``month_idx``
    says the source carries the month index already; otherwise it is computed from ``month``.
    The sidebar filters are applied by the engine on top (their values bound, never spliced).
    """
    cols = ", ".join(quote(c) for c in columns)
    if origination == "origination_idx":
        cols += ", origination_idx"
    elif origination:
        col = quote(origination)
        cols += f", (YEAR({col}) * 12 + MONTH({col}) - 1) AS origination_idx"
    key = quote(account_key) if account_key else "account_id"
    index = "month_idx" if month_idx else month_index_sql()
    return f"SELECT {cols}, {key} AS account_key, {index} AS month_idx FROM {source}"


def bucketed_sql(buckets: Buckets, carry: list[str], book: str = "book") -> str:
    """The book with each account-month's bucket (0-based code): what the aging, rate, DPD and
    vintage cubes aggregate. ``carry`` are the book's other columns kept (segments, amounts,
    origination month)."""
    kept = "".join(f", {quote(c)}" for c in carry)
    return (f"SELECT account_id, account_key, month, month_idx, days_past_due, balance{kept}, "
            f"{bucket_case_sql(buckets)} AS bucket FROM {book}")


def panel_sql(buckets: Buckets, carry: list[str], months: list[int], bucketed: str = "bucketed") -> str:
    """The bucketed panel: every account-month with the same account's state one calendar month
    later (``next_bucket``, ``next_balance``, ``next_dpd``); what transitions read.

    The account's next *row* (``LEAD`` over its months) is its state one month later only when
    that row's ``month_idx`` is this one's plus one; otherwise the account is not in the book
    that month. ``next_bucket`` is then the exit code (the number of buckets) when that month is
    in the book (``months``, the book's month indices), and NULL when it is not (the last month,
    or a gap): unknown, never an exit. One window pass over the book: no self-join (a join on a
    text account id costs half as much again on a big book). Rows are unique per account-month
    here (duplicates are refused or dropped before), so the window order is total.
    """
    exit_code = len(buckets)
    kept = "".join(f", {quote(c)}" for c in carry)
    # Integers only (the book's own month indices), never user text.
    known = ", ".join(str(int(m)) for m in months) or "NULL"
    follows = "lead_idx = month_idx + 1"
    return f"""
SELECT account_id, month, month_idx, days_past_due, balance{kept}, bucket,
       CASE WHEN month_idx + 1 NOT IN ({known}) THEN NULL
            WHEN {follows} THEN lead_bucket ELSE {exit_code} END AS next_bucket,
       CASE WHEN month_idx + 1 NOT IN ({known}) THEN NULL
            WHEN {follows} THEN lead_balance ELSE 0.0 END AS next_balance,
       CASE WHEN month_idx + 1 NOT IN ({known}) THEN -1
            WHEN {follows} THEN lead_dpd ELSE -1 END AS next_dpd
FROM (
    SELECT *,
           LEAD(month_idx) OVER next_row AS lead_idx,
           LEAD(bucket) OVER next_row AS lead_bucket,
           LEAD(balance) OVER next_row AS lead_balance,
           LEAD(days_past_due) OVER next_row AS lead_dpd
    FROM {bucketed}
    WINDOW next_row AS (PARTITION BY account_key ORDER BY month_idx)
) paired
"""


def _by(by: list[str]) -> str:
    return "".join(f"{quote(c)}, " for c in by)


def _group(by: list[str], *tail: str) -> str:
    return ", ".join(["month_idx", *(quote(c) for c in by), *tail])


def aging_cube_sql(by: list[str], sums: list[str], panel: str = "panel") -> str:
    """Accounts and money per month × segment(s) × bucket (buckets with nothing are filled in
    afterwards, so every bucket shows)."""
    extra = "".join(f", SUM({quote(c)}) AS {quote(c)}" for c in sums)
    return f"""
SELECT month_idx, {_by(by)}bucket, COUNT(*) AS n_accounts, SUM(balance) AS balance{extra}
FROM {panel}
GROUP BY {_group(by, "bucket")}
"""


def transition_cube_sql(by: list[str], panel: str = "panel") -> str:
    """Accounts and balance moving from a bucket at month t to a bucket (or exit) at t+1.

    Only account-months whose next calendar month is in the book; the segment is the one at t.
    """
    return f"""
SELECT month_idx, {_by(by)}bucket, next_bucket, COUNT(*) AS n_accounts,
       SUM(balance) AS balance, SUM(next_balance) AS next_balance
FROM {panel}
WHERE next_bucket IS NOT NULL
GROUP BY {_group(by, "bucket", "next_bucket")}
"""


def rate_cube_sql(by: list[str], thresholds: dict[str, int], sums: list[str], panel: str = "panel") -> str:
    """Totals and delinquent totals per month × segment(s), independent of the bucket edges."""
    flags = "".join(
        f", SUM(CASE WHEN days_past_due >= {int(lo)} THEN 1 ELSE 0 END) AS {quote(name)}_count"
        f", SUM(CASE WHEN days_past_due >= {int(lo)} THEN balance ELSE 0.0 END) AS {quote(name)}_balance"
        for name, lo in thresholds.items()
    )
    extra = "".join(f", SUM({quote(c)}) AS {quote(c)}" for c in sums)
    return f"""
SELECT month_idx, {_by(by)}COUNT(*) AS n_accounts, SUM(balance) AS balance{flags}{extra}
FROM {panel}
GROUP BY {_group(by)}
"""


def dpd_cube_sql(by: list[str], sums: list[str], panel: str = "panel") -> str:
    """Accounts and money per month × segment(s) × DPD value: a few hundred values a month, so
    every view whose thresholds a user edits (five-tier class, IFRS 9 stage) is recomputed on it."""
    extra = "".join(f", SUM({quote(c)}) AS {quote(c)}" for c in sums)
    return f"""
SELECT month_idx, {_by(by)}days_past_due, COUNT(*) AS n_accounts, SUM(balance) AS balance{extra}
FROM {panel}
GROUP BY {_group(by, "days_past_due")}
"""


def class_cube_sql(panel: str = "panel") -> str:
    """Accounts and balance per month × the bank's own class (``loan_class``) × DPD value: the
    file's classification, and the class its DPD gives at any thresholds, from one small cube."""
    return f"""
SELECT month_idx, loan_class, days_past_due, COUNT(*) AS n_accounts, SUM(balance) AS balance
FROM {panel}
GROUP BY month_idx, loan_class, days_past_due
"""


def vintage_cube_sql(bad_from: int, panel: str = "panel") -> str:
    """Per origination month × months on book (MOB 0 = the month booked): the accounts on book
    and their balance, those at ``bad_from``+ DPD then, the accounts first seen at that MOB (and
    their balance then), and the accounts whose first ``bad_from``+ month it is (and their balance
    then). Coincident and cumulative ("ever 30+") vintage curves both come from these sums.

    A snapshot before the origination month is a data error, not a vintage point: left out.

    Each account's first month on book and first ``bad_from``+ month are one aggregate per
    account, joined back to its rows (an account-month is one row): no window sorts the whole
    book, which on 120M rows spilled past the memory limit (120 s, 3.1 GB peak under 2 GB).
    """
    bad = f"days_past_due >= {int(bad_from)}"
    on_book = f"SELECT * FROM {panel} WHERE origination_idx IS NOT NULL AND month_idx >= origination_idx"
    return f"""
SELECT b.origination_idx, b.month_idx - b.origination_idx AS mob, COUNT(*) AS n_accounts, SUM(b.balance) AS balance,
       SUM(CASE WHEN b.{bad} THEN 1 ELSE 0 END) AS bad_count,
       SUM(CASE WHEN b.{bad} THEN b.balance ELSE 0.0 END) AS bad_balance,
       SUM(CASE WHEN b.month_idx = f.first_seen THEN 1 ELSE 0 END) AS new_count,
       SUM(CASE WHEN b.month_idx = f.first_seen THEN b.balance ELSE 0.0 END) AS new_balance,
       SUM(CASE WHEN b.month_idx = f.first_bad THEN 1 ELSE 0 END) AS first_bad_count,
       SUM(CASE WHEN b.month_idx = f.first_bad THEN b.balance ELSE 0.0 END) AS first_bad_balance
FROM ({on_book}) b
JOIN (
    SELECT account_key, MIN(month_idx) AS first_seen,
           MIN(CASE WHEN {bad} THEN month_idx END) AS first_bad
    FROM ({on_book}) o
    GROUP BY account_key
) f ON b.account_key = f.account_key
GROUP BY b.origination_idx, b.month_idx - b.origination_idx
"""


def states_in_row_order_sql(panel: str = "panel") -> str:
    """Every account-month's bucket and next state, in the source's own row order (``row_no``):
    what a caller holding the same rows attaches by position, with no key join."""
    return f"SELECT bucket, next_bucket, next_balance, next_dpd FROM {panel} ORDER BY row_no"


def states_sql(month_idx: int | None = None, panel: str = "panel") -> str:
    """Each account-month's bucket and the next month's state, for analyses that need rows
    (drill-down, the warning model); one month, or every month."""
    where = f" WHERE month_idx = {int(month_idx)}" if month_idx is not None else ""
    return (f"SELECT account_id, month, bucket, next_bucket, next_balance, next_dpd FROM {panel}{where}")


def early_mob_cube_sql(max_mob: int, panel: str = "panel") -> str:
    """Accounts and balance per origination month × months on book (up to ``max_mob``) × DPD:
    first-payment default at any DPD threshold reads it."""
    return f"""
SELECT origination_idx, month_idx - origination_idx AS mob, days_past_due,
       COUNT(*) AS n_accounts, SUM(balance) AS balance
FROM {panel}
WHERE origination_idx IS NOT NULL AND month_idx - origination_idx BETWEEN 0 AND {int(max_mob)}
GROUP BY origination_idx, month_idx - origination_idx, days_past_due
"""


def duplicate_count_sql(book: str = "book") -> str:
    """How many account-months appear more than once in ``book`` (each extra copy counted)."""
    return f"SELECT COALESCE(SUM(n - 1), 0) AS extra FROM (SELECT COUNT(*) AS n FROM {book} GROUP BY account_key, month_idx) g WHERE n > 1"


def first_of_duplicates_sql(columns: list[str], book_all: str = "book_all") -> str:
    """``book`` keeping the first copy of each account-month in file order (``source_row``)."""
    cols = ", ".join(quote(c) for c in columns)
    return f"""
SELECT {cols}, account_key, month_idx FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY account_key, month_idx ORDER BY source_row) AS copy_no
    FROM {book_all}
) ranked WHERE copy_no = 1
"""
