"""Every real file in ../shared/realdata loads through the normal flow, with the mapping choices a
user would make written down here, and the result matches figures computed independently with
plain pandas. Skipped when the folder is absent."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.portfolio import IngestError, IngestOptions, load_portfolio

pytestmark = pytest.mark.realdata

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


def _path(*parts: str) -> Path:
    path = REALDATA.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


# The code table a user confirms for the credit-card panel (the proposal, unchanged):
# 0 = 1-29 DPD → 15, 1 = 30-59 → 45, 2 = 60-89 → 75, 3 = 90-119 → 105, 4 = 120-149 → 135,
# 5 = 150+/written off → 181, C = paid off that month → 0, X = no loan that month → exclude.
CC_CODES = {"C": 0, "0": 15, "1": 45, "2": 75, "3": 105, "4": 135, "5": 181, "X": None}


def test_credit_card_panel():
    path = _path("credit_card_approval_panel", "credit_record.csv")
    res = load_portfolio(path.read_bytes(), path.name, options=IngestOptions(
        reference_month="2020-12", balance_missing="unit", status_codes=CC_CODES))
    df = pd.read_csv(path, dtype={"STATUS": str})
    live = df[df["STATUS"] != "X"]
    s = res.summary
    assert s["rows_read"] == len(df) == 1_048_575
    assert s["rows_accepted"] == len(live) == 1_048_575 - 209_230
    assert s["rows_rejected"] == 209_230 and set(res.rejected["reason"]) == {"ingest.reject.no_loan"}
    assert s["accounts"] == live["ID"].nunique()
    assert df["ID"].nunique() == 45_985
    got = res.portfolio["status_label"].value_counts().to_dict()
    assert got == live["STATUS"].value_counts().to_dict()
    dpd = res.portfolio.groupby("status_label", observed=True)["days_past_due"].unique()
    assert {k: v.tolist() for k, v in dpd.items()} == {k: [v] for k, v in CC_CODES.items() if v is not None}
    months = sorted({f"{(2020 * 12 + 11 + m) // 12:04d}-{(2020 * 12 + 11 + m) % 12 + 1:02d}" for m in live["MONTHS_BALANCE"].unique()})
    assert s["months"] == months and s["months"][-1] == "2020-12" and len(months) == 61
    assert res.portfolio["balance"].eq(1.0).all()
    # rows as the user sees them: header on line 1, so data row i is line i + 2
    first_x = int(np.flatnonzero(df["STATUS"].to_numpy() == "X")[0]) + 2
    assert res.rejected["row"].iloc[0] == first_x


def _uci_expected(df: pd.DataFrame, pay: list[str], bill: list[str]):
    months = ["2005-09", "2005-08", "2005-07", "2005-06", "2005-05", "2005-04"]
    not_late = {m: int(df[p].le(0).sum()) for m, p in zip(months, pay)}
    balance = {m: float(df[b].clip(lower=0).sum()) for m, b in zip(months, bill)}
    return not_late, balance


@pytest.mark.parametrize("filename", ["UCI_Credit_Card.csv", "default of credit card clients.xlsx"])
def test_uci_taiwan_wide(filename):
    path = _path("uci_taiwan_default", filename)
    # The user keeps the proposed wide layout (PAY_0 = Sep 2005) and counts negative bills
    # (credit balances in the client's favour) as 0.
    res = load_portfolio(path.read_bytes(), path.name, options=IngestOptions(negative_balance="zero"))
    if filename.endswith(".xlsx"):
        df = pd.read_excel(path, header=1, engine="calamine")
        assert res.raw.header_row == 2 and res.raw.source_rows[:2].tolist() == [3, 4]
    else:
        df = pd.read_csv(path)
    pay = ["PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6"]
    bill = [f"BILL_AMT{i}" for i in range(1, 7)]
    s = res.summary
    assert s["rows_read"] == s["rows_accepted"] == 30_000 * 6 and s["rows_rejected"] == 0
    assert s["accounts"] == 30_000 and s["file_rows"] == 30_000
    assert s["months"] == ["2005-04", "2005-05", "2005-06", "2005-07", "2005-08", "2005-09"]
    not_late, balance = _uci_expected(df, pay, bill)
    p = res.portfolio
    assert p[p["days_past_due"] == 0].groupby("month").size().to_dict() == not_late
    got_bal = p.groupby("month")["balance"].sum().to_dict()
    assert got_bal == pytest.approx(balance)
    # k months late → the midpoint of the k-th 30-day band
    sep = p[p["month"] == "2005-09"].set_index("account_id")["days_past_due"]
    expect = df.set_index(df["ID"].astype(str))["PAY_0"].map(lambda k: 0 if k <= 0 else (30 * (k - 1) + 1 + 30 * k) // 2)
    assert (sep.sort_index() == expect.sort_index()).all()
    assert p["credit_limit"].sum() == pytest.approx(6 * df["LIMIT_BAL"].sum())


LC_DPD = {"Current": 0, "In Grace Period": 8, "Late (16-30 days)": 23, "Late (31-120 days)": 75,
          "Default": 135, "Charged Off": 181, "Issued": 0}


def test_lendingclub_openintro():
    path = _path("lendingclub_openintro_10k", "loans_full_schema.csv")
    # No loan id in this export: the user maps the row number; one snapshot, taken late 2018.
    res = load_portfolio(path.read_bytes(), path.name, mapping={"account_id": "rownames"},
                         options=IngestOptions(snapshot_month="2018-12", extra_segments=("grade",)))
    df = pd.read_csv(path)
    live = df[df["loan_status"] != "Fully Paid"]
    s = res.summary
    assert s["rows_read"] == 10_000 and s["rows_accepted"] == len(live) == 9_553
    assert res.rejected["reason"].value_counts().to_dict() == {"ingest.reject.closed": 447}
    assert res.portfolio["status_label"].value_counts().to_dict() == live["loan_status"].value_counts().to_dict()
    assert res.portfolio["days_past_due"].value_counts().to_dict() == live["loan_status"].map(LC_DPD).value_counts().to_dict()
    assert s["balance_accepted"] == pytest.approx(live["balance"].sum())
    assert res.portfolio["interest_rate"].mean() == pytest.approx(live["interest_rate"].mean() / 100)
    assert isinstance(res.portfolio["grade"].dtype, pd.CategoricalDtype)
    assert res.portfolio["origination_date"].notna().all()


def test_lendingclub_kaggle_sample():
    path = _path("lendingclub_kaggle_sample1000", "loan_sample.csv")
    res = load_portfolio(path.read_bytes(), path.name, options=IngestOptions(
        snapshot_month="2016-01", extra_segments=("grade", "purpose", "term")))
    df = pd.read_csv(path, low_memory=False)
    live = df[df["loan_status"] != "Fully Paid"]
    s = res.summary
    assert s["mapping"]["account_id"] == "id" and s["mapping"]["balance"] == "out_prncp"
    assert s["rows_read"] == 1_000 and s["rows_accepted"] == len(live) == 788
    assert res.portfolio["days_past_due"].value_counts().to_dict() == live["loan_status"].map(LC_DPD).value_counts().to_dict()
    assert s["balance_accepted"] == pytest.approx(live["out_prncp"].sum())
    # "Mon-YYYY" issue dates and leading spaces in values (" 36 months")
    assert res.portfolio["origination_date"].dt.strftime("%b-%Y").tolist() == \
        live.sort_values("id", key=lambda c: c.astype(str))["issue_d"].tolist()
    assert set(res.portfolio["term"].cat.categories) == {"36 months", "60 months"}


def test_german_credit_explains_missing_dpd():
    path = _path("german_credit", "germancredit.csv")
    with pytest.raises(IngestError) as err:
        load_portfolio(path.read_bytes(), path.name)
    assert err.value.code == "ingest.error.no_dpd"
    zh, en = err.value.message("zh"), err.value.message("en")
    assert "逾期天数" in zh and "credit_history" in zh
    assert "due date" in en and "status" in en and "creditability" in en
