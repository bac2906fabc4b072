""""Clean for N months" means DPD 0 in each of the last N months observed: a month missing from
the file, or from the account, is not a clean month, and such an account is "insufficient
history", never raised."""
from __future__ import annotations

import pandas as pd

from analysis.whatif.policy import Assumptions, Policy, Rule, scenario_totals, simulate_policy, snapshot_features


def _book(months: list[str], skip: dict[str, set[str]] | None = None) -> pd.DataFrame:
    rows = [{"account_id": acc, "month": m, "days_past_due": 0, "balance": 1_000.0, "credit_limit": 5_000.0}
            for acc in ("A1", "A2", "A3") for m in months if m not in (skip or {}).get(acc, set())]
    return pd.DataFrame(rows)


RAISE_CLEAN_6 = Policy("raise", (Rule("raise", 10, clean_months=6),))
ASSUME = Assumptions({"Current": 0.02, "1-30": 0.2, "31-60": 0.4, "61-90": 0.6, "91-180": 0.9, "181+": 1.0})


def _totals(portfolio: pd.DataFrame) -> dict:
    return scenario_totals(simulate_policy(snapshot_features(portfolio), RAISE_CLEAN_6, ASSUME))


def test_a_month_missing_from_the_file_is_not_a_clean_month():
    # June's file is missing: April–September spans six months, but only five were observed
    totals = _totals(_book(["2024-04", "2024-05", "2024-07", "2024-08", "2024-09"]))
    assert totals["accounts_affected"] == 0 and totals["accounts_insufficient_history"] == 3


def test_an_account_missing_a_month_is_short_and_the_others_are_raised():
    months = [f"2024-{m:02d}" for m in range(4, 10)]
    totals = _totals(_book(months, skip={"A2": {"2024-07"}}))
    assert totals["accounts_affected"] == 2 and totals["accounts_insufficient_history"] == 1
    features = snapshot_features(_book(months, skip={"A2": {"2024-07"}}))
    assert features.set_index("account_id")["months_in_a_row"].to_dict() == {"A1": 6.0, "A2": 2.0, "A3": 6.0}
    assert features["months_of_history"].tolist() == [6.0, 6.0, 6.0]  # the calendar span is unchanged
