"""Shared fixtures. Portfolios are built in memory; no test writes into the repository."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
REALDATA = REPO.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata_dir() -> Path:
    """``../shared/realdata``; the test is skipped when it is absent."""
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata is absent")
    return REALDATA


@pytest.fixture(scope="session")
def sample_portfolio() -> pd.DataFrame:
    """A small canonical portfolio from the sample generator (600 accounts × 24 months)."""
    from data.sample.make_sample import generate_portfolio

    return generate_portfolio(n_accounts=600, n_months=24)


@pytest.fixture(scope="session")
def full_sample_portfolio() -> pd.DataFrame:
    """The bundled sample exactly as the app loads it (through ingest)."""
    from analysis.ingest import load_portfolio

    path = REPO / "data" / "sample" / "sample_portfolio.csv"
    return load_portfolio(path.read_bytes(), path.name).portfolio


def make_portfolio(rows: list[tuple]) -> pd.DataFrame:
    """A canonical portfolio from ``(account_id, month, dpd, balance)`` tuples, for golden tests."""
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "balance"])
    df["days_past_due"] = df["days_past_due"].astype("int64")
    df["balance"] = df["balance"].astype("float64")
    df["snapshot_date"] = pd.PeriodIndex(df["month"], freq="M").to_timestamp(how="end").normalize()
    return df


@pytest.fixture
def tiny_portfolio() -> pd.DataFrame:
    """Three accounts over three months, answers easy to work out by hand."""
    return make_portfolio([
        ("A", "2024-01", 0, 100.0), ("A", "2024-02", 0, 90.0), ("A", "2024-03", 15, 80.0),
        ("B", "2024-01", 10, 200.0), ("B", "2024-02", 40, 210.0), ("B", "2024-03", 70, 220.0),
        ("C", "2024-01", 95, 50.0), ("C", "2024-02", 125, 50.0),
    ])
