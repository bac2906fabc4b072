"""Portfolios that exercise the traps of the data core: late starts, early exits, a month missing
from the whole book, missing amounts, segments whose names are not plain identifiers."""
from __future__ import annotations

import numpy as np
import pandas as pd


def tricky_portfolio(n_accounts: int = 300, n_months: int = 14, seed: int = 7) -> pd.DataFrame:
    """A canonical portfolio (as ingest makes it) with every trap the cubes must handle.

    Month 2023-07 is missing from the whole book (a gap: not an exit); accounts start late and
    leave early; DPD random-walks through every bucket; overdue amounts are sometimes missing;
    ``行业`` is a user-kept segment with a Chinese name.
    """
    rng = np.random.default_rng(seed)
    months = pd.period_range("2023-01", periods=n_months, freq="M")
    months = months[months != pd.Period("2023-07", freq="M")]
    rows = []
    for i in range(n_accounts):
        start = int(rng.integers(0, len(months) // 2))
        stop = int(rng.integers(start + 1, len(months) + 1))
        dpd = 0
        orig = months[start] - int(rng.integers(0, 4))
        for m in months[start:stop]:
            step = rng.choice([-60, -30, 0, 0, 0, 30], p=[0.1, 0.15, 0.3, 0.2, 0.1, 0.15])
            dpd = int(max(0, dpd + step + rng.integers(0, 3)))
            balance = round(float(rng.uniform(100, 50_000)), 2)
            overdue = round(balance * min(dpd, 180) / 180, 2) if rng.random() > 0.1 else np.nan
            rows.append((f"A{i:05d}", str(m), dpd, balance, overdue, round(balance * 1.5, 2),
                         ["信用卡", "消费贷", "经营贷"][i % 3], ["华东", "华南"][i % 2],
                         ["制造业", "零售", "建筑"][i % 3], orig.to_timestamp()))
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "balance", "overdue_amount",
                                     "credit_limit", "product", "region", "行业", "origination_date"])
    for col in ("product", "region", "行业"):
        df[col] = df[col].astype("category")
    df["account_id"] = df["account_id"].astype("str")
    df["month"] = df["month"].astype("str")
    df = df.sort_values(["month", "account_id"], kind="stable").reset_index(drop=True)
    df["source_row"] = np.arange(2, len(df) + 2, dtype=np.int64)
    return df


#: A month range and segment filters that leave a few hundred rows of ``tricky_portfolio``.
FILTER_RANGE = ("2023-03", "2023-10")
FILTER_SEGMENTS = {"region": ["华南"], "product": ["信用卡", "经营贷"]}


def filtered_rows(portfolio: pd.DataFrame, month_range=FILTER_RANGE, segments=FILTER_SEGMENTS) -> pd.DataFrame:
    """The rows the sidebar filters keep, selected in pandas (the reference for cube filters)."""
    keep = (portfolio["month"] >= month_range[0]) & (portfolio["month"] <= month_range[1])
    for col, values in segments.items():
        keep &= portfolio[col].isin(values)
    return portfolio[keep]
