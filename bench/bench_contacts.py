"""Contact-log benchmark: 100,000 rows read from CSV and checked against the China and US limits.

Bar (issue 16): 100k contact-log rows checked in ≤ 2 s. The log is synthetic (5,000 accounts over
90 days, a fifth of the rows on 200 of them and 5 % on two; calls, SMS and visits at any hour, a
third of calls answered, some third parties), so
every rule fires many times; the figure is the best of three runs of :func:`find_breaches` on the
canonical log, and the CSV read is timed separately.

Run: ``make bench`` or ``python -m bench contacts``. Prints figures; asserts nothing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.conduct.contacts import breach_counts, contact_heatmap, contact_limits, find_breaches, read_contact_log
from bench.timing import best_of


def synthetic_log_csv(n_rows: int = 100_000, n_accounts: int = 5_000, seed: int = 16) -> bytes:
    """A contact log as CSV bytes (English headers and values)."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00", "m")
    minutes = np.sort(rng.integers(0, 90 * 24 * 60, n_rows))
    draw = rng.random(n_rows)
    frame = pd.DataFrame({
        # a fifth of the rows on 200 "hot" accounts and 5 % on two hounded ones (~28 contacts a
        # day), so every frequency rule fires too
        "account_id": [f"A{i:06d}" for i in np.select(
            [draw < 0.05, draw < 0.25], [rng.integers(0, 2, n_rows), rng.integers(0, 200, n_rows)],
            rng.integers(0, n_accounts, n_rows))],
        "timestamp": pd.DatetimeIndex(start + minutes.astype("timedelta64[m]")).strftime("%Y-%m-%d %H:%M"),
        "channel": rng.choice(["call", "call", "call", "sms", "visit"], n_rows),
        "recipient": rng.choice(["debtor"] * 8 + ["guarantor", "third_party"], n_rows),
        "answered": rng.choice(["yes", "no", "no"], n_rows),
        "collector": [f"C{i:02d}" for i in rng.integers(0, 40, n_rows)],
        "agency": rng.choice(["in-house", "vendor"], n_rows),
        "strategy": rng.choice(["A", "B"], n_rows),
    })
    return frame.to_csv(index=False).encode()


def main(n_rows: int = 100_000) -> None:
    from analysis.conduct.performance import performance_table

    data = synthetic_log_csv(n_rows)
    t_read, result = best_of(lambda: read_contact_log(data, "bench.csv"), repeat=3)
    log = result.log
    print(f"read {len(log):,} rows from {len(data) / 1e6:.1f} MB of CSV: {t_read:.2f} s")
    for jurisdiction in ("cn", "us"):
        limits = contact_limits(jurisdiction)
        seconds, breaches = best_of(lambda: find_breaches(log, limits), repeat=3)
        counts = breach_counts(breaches, limits.rules).to_dict()
        verdict = "meets" if seconds <= 2.0 else "MISSES"
        print(f"find_breaches {jurisdiction}: {seconds:.2f} s for {len(log):,} rows ({verdict} the 2 s bar); {counts}")
    seconds, _ = best_of(lambda: contact_heatmap(log), repeat=3)
    print(f"contact_heatmap: {seconds:.3f} s")
    seconds, table = best_of(lambda: performance_table(log, by="collector"), repeat=3)
    print(f"performance_table by collector (no portfolio): {seconds:.2f} s, {len(table)} rows")


if __name__ == "__main__":
    main()
