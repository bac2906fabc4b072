"""A small book with no balance column, loaded with "count each account-month as 1", and what a
reader should see of it, worked out by hand.

    account  2024-01  2024-02  2024-03   region   (overdue reasons on the overdue months)
    A        0        0        35        north
    B        0        10       0         south
    C        40       70       100       north
    D        0        0        0         south

2024-03: 4 accounts; overdue (1+ DPD): A, C = 2; DPD30+: A (35), C (100) = 2 of 4 = 50.00%;
DPD90+: C = 1 of 4 = 25.00%; entry rate: of A and D (current in 2024-02), A is overdue in
2024-03 = 1 of 2 = 50.00%. Buckets of 2024-03: Current 2 (B, D), 31-60 1 (A), 91-180 1 (C).
12 rows in all.
"""
from __future__ import annotations

import re

from analysis.ingest.portfolio import IngestOptions, load_portfolio

CSV = """account_id,month,dpd,region,reason
A,2024-01,0,north,
A,2024-02,0,north,
A,2024-03,35,north,失业
B,2024-01,0,south,
B,2024-02,10,south,忘记还款
B,2024-03,0,south,
C,2024-01,40,north,生意失败
C,2024-02,70,north,生意失败
C,2024-03,100,north,失联
D,2024-01,0,south,
D,2024-02,0,south,
D,2024-03,0,south,
""".encode("utf-8")
#: The same book with balances (in 元), for the guard that a normal book still shows money.
CSV_WITH_BALANCE = """account_id,month,dpd,balance,region,reason
A,2024-01,0,10000,north,
A,2024-02,0,10000,north,
A,2024-03,35,10000,north,失业
B,2024-01,0,20000,south,
B,2024-02,10,20000,south,忘记还款
B,2024-03,0,20000,south,
C,2024-01,40,30000,north,生意失败
C,2024-02,70,30000,north,生意失败
C,2024-03,100,30000,north,失联
D,2024-01,0,40000,south,
D,2024-02,0,40000,south,
D,2024-03,0,40000,south,
""".encode("utf-8")
MONTH = "2024-03"
ACCOUNTS = 4
OVERDUE = 2
ROWS = 12
BUCKET_COUNTS = {"Current": 2, "1-30": 0, "31-60": 1, "61-90": 0, "91-180": 1, "181+": 0}

#: A money unit as any page, chart or export writes one (元 but not 单元格 "cell").
MONEY = re.compile(r"(?<!单)元|CNY|\byuan\b")


def count_only_result():
    return load_portfolio(CSV, "counts.csv", options=IngestOptions(balance_missing="unit"))


def balance_result():
    return load_portfolio(CSV_WITH_BALANCE, "balances.csv")


def money_in(texts) -> list[str]:
    """The texts that name a money unit."""
    return [text for text in texts if MONEY.search(text)]
