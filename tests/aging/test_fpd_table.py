"""The first-payment-default table counts the accounts on book when the first instalment is judged,
and says so: its 户数 is not a vintage's (accounts at origination)."""
from __future__ import annotations

import pandas as pd

from analysis.aging.tables import fpd_table
from analysis.core.view import View


def test_the_accounts_column_names_the_months_on_book_it_counts_at():
    fpd = pd.DataFrame({"cohort": ["2023-01", "2023-02"], "observation_mob": [2, 2], "accounts": [46, 50],
                        "balance": [1e6, 2e6], "fpd_accounts": [2, 1], "fpd_balance": [1e4, 5e3],
                        "fpd_rate": [2 / 46, 1 / 50]})
    zh = fpd_table(fpd, View(lang="zh"), threshold=30)
    en = fpd_table(fpd, View(lang="en"), threshold=30)
    assert "MOB2 在册户数" in zh.frame.columns and zh.frame["MOB2 在册户数"].tolist() == [46, 50]
    assert "Accounts on book at MOB2" in en.frame.columns
