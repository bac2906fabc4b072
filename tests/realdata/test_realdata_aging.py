"""Aging on the real files: loaded through analysis.ingest.portfolio with the options a user would choose
(the same as tests/realdata/test_realdata_ingest.py), cubed by the data core, then compared with
an independent plain-pandas computation written here from the raw file. Skipped when ../shared
is absent."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.aging import rates as A
from analysis.core.rates import roll_flow_matrix
from analysis.ingest.portfolio import IngestOptions, load_portfolio
from analysis.aging.vintage import vintage_triangle
from tests.conftest import core_cubes

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


def _path(*parts: str) -> Path:
    path = REALDATA.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


# The credit-card panel's STATUS code table as the user confirms it on the upload page …
CC_CODES = {"C": 0, "0": 15, "1": 45, "2": 75, "3": 105, "4": 135, "5": 181, "X": None}
# … and, independently, which default bucket each code lands in (0 = 1-29 DPD, …, 5 = 150+ / written off).
CC_BUCKET = {"C": "Current", "0": "1-30", "1": "31-60", "2": "61-90", "3": "91-180", "4": "91-180", "5": "181+"}
BUCKETS = ["Current", "1-30", "31-60", "61-90", "91-180", "181+"]


def _relative_to_month(rel: pd.Series, reference: str = "2020-12") -> pd.Series:
    base = int(reference[:4]) * 12 + int(reference[5:]) - 1
    ords = base + rel
    return (ords // 12).astype(str).str.zfill(4) + "-" + (ords % 12 + 1).astype(str).str.zfill(2)


@pytest.fixture(scope="module")
def credit_card():
    path = _path("credit_card_approval_panel", "credit_record.csv")
    res = load_portfolio(path.read_bytes(), path.name, options=IngestOptions(
        reference_month="2020-12", balance_missing="unit", status_codes=CC_CODES))
    raw = pd.read_csv(path, dtype={"STATUS": str})
    live = raw[raw["STATUS"] != "X"].assign(month=lambda d: _relative_to_month(d["MONTHS_BALANCE"]),
                                            bucket=lambda d: d["STATUS"].map(CC_BUCKET))
    with core_cubes(res.portfolio) as cubes:
        yield cubes, live


def test_credit_card_distribution_every_month(credit_card):
    cubes, live = credit_card
    expected = live.groupby(["month", "bucket"]).size().unstack(fill_value=0).reindex(columns=BUCKETS, fill_value=0)
    months = cubes.months
    assert months == sorted(expected.index)
    for month in (months[0], months[len(months) // 2], months[-2], months[-1]):
        dist = A.aging_distribution(cubes.aging(), month)
        assert dist["count"].tolist() == expected.loc[month].tolist(), month
        assert dist["count_share"].sum() == pytest.approx(1.0)
    got = cubes.aging().pivot_table(index="month", columns="bucket", values="count", observed=False, aggfunc="sum")
    assert (got.reindex(columns=BUCKETS).to_numpy() == expected.to_numpy()).all()


def test_credit_card_roll_rates_latest_pair(credit_card):
    cubes, live = credit_card
    t0, t1 = "2020-11", "2020-12"
    now = live[live["month"] == t0][["ID", "bucket"]]
    nxt = live[live["month"] == t1][["ID", "bucket"]].rename(columns={"bucket": "next"})
    pairs = now.merge(nxt, on="ID", how="left").fillna({"next": "exit"})
    expected = pd.crosstab(pairs["bucket"], pairs["next"]).reindex(index=BUCKETS, columns=[*BUCKETS, "exit"], fill_value=0)
    flows = roll_flow_matrix(cubes.transitions(), [t0], "count")
    assert (flows.to_numpy() == expected.to_numpy()).all()
    long = A.roll_matrix_long(cubes.transitions(), [t0], "count")
    sums = long.groupby("from_bucket", observed=True)["rate"].sum(min_count=1).dropna()
    assert np.allclose(sums.to_numpy(), 1.0)
    # every account at t0 is somewhere at t1, exits included
    assert flows.to_numpy().sum() == len(now)


LC_DPD = {"Current": 0, "In Grace Period": 8, "Late (16-30 days)": 23, "Late (31-120 days)": 75,
          "Default": 135, "Charged Off": 181, "Issued": 0}
LC_BUCKET = {"Current": "Current", "Issued": "Current", "In Grace Period": "1-30", "Late (16-30 days)": "1-30",
             "Late (31-120 days)": "61-90", "Default": "91-180", "Charged Off": "181+"}


def test_lendingclub_openintro_distribution_by_grade_and_vintage(cubes_of):
    path = _path("lendingclub_openintro_10k", "loans_full_schema.csv")
    res = load_portfolio(path.read_bytes(), path.name, mapping={"account_id": "rownames"},
                         options=IngestOptions(snapshot_month="2018-12", extra_segments=("grade",)))
    raw = pd.read_csv(path)
    live = raw[raw["loan_status"] != "Fully Paid"].assign(bucket=lambda d: d["loan_status"].map(LC_BUCKET))
    cubes = cubes_of(res.portfolio)

    dist = A.aging_distribution(cubes.aging(), "2018-12")
    expected = live.groupby("bucket")["balance"].agg(["size", "sum"]).reindex(BUCKETS, fill_value=0)
    assert dist["count"].tolist() == expected["size"].tolist()
    assert dist["balance"].to_numpy() == pytest.approx(expected["sum"].to_numpy(), abs=0.005)
    assert dist["balance_share"].to_numpy() == pytest.approx((expected["sum"] / expected["sum"].sum()).to_numpy())

    by_grade = A.aging_distribution(cubes.aging("grade"), "2018-12", "grade")
    exp_grade = live.groupby(["grade", "bucket"])["balance"].sum()
    for (grade, bucket), value in exp_grade.items():
        got = by_grade[(by_grade["grade"] == grade) & (by_grade["bucket"] == bucket)]["balance"].iloc[0]
        assert got == pytest.approx(value, abs=0.005), (grade, bucket)
    assert by_grade["balance"].sum() == pytest.approx(live["balance"].sum(), abs=0.01)

    # Coincident 30+ by count per origination month, at the one snapshot (MOB = 2018-12 − issue month)
    tri = vintage_triangle(cubes.vintage(), "month", "dpd30", "count")
    issue = pd.to_datetime(live["issue_month"], format="%b-%Y")
    cohort = issue.dt.strftime("%Y-%m")
    bad = live["loan_status"].map(LC_DPD) > 30
    exp_rate = bad.groupby(cohort).mean()
    got = tri.set_index("cohort")["value"]
    assert got.sort_index().to_numpy() == pytest.approx(exp_rate.sort_index().to_numpy())


def test_lendingclub_kaggle_sample_distribution(cubes_of):
    path = _path("lendingclub_kaggle_sample1000", "loan_sample.csv")
    res = load_portfolio(path.read_bytes(), path.name, options=IngestOptions(
        snapshot_month="2016-01", extra_segments=("grade", "purpose", "term")))
    raw = pd.read_csv(path, low_memory=False)
    live = raw[raw["loan_status"] != "Fully Paid"].assign(bucket=lambda d: d["loan_status"].map(LC_BUCKET))
    dist = A.aging_distribution(cubes_of(res.portfolio).aging(), "2016-01")
    expected = live.groupby("bucket")["out_prncp"].agg(["size", "sum"]).reindex(BUCKETS, fill_value=0)
    assert dist["count"].tolist() == expected["size"].tolist()
    assert dist["balance"].to_numpy() == pytest.approx(expected["sum"].to_numpy(), abs=0.005)
    assert A.distribution_totals(dist)["balance"] == pytest.approx(live["out_prncp"].sum(), abs=0.01)
