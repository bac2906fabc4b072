"""Provisions on held-out real files: the issue's identities on books the code never saw.

UCI Taiwan credit cards (30,000 accounts, six months, limits) and the credit-card approval panel
(status codes, a unit balance per account-month, 61 months), loaded through ingest with the options
the ingest tests document. Stage counts by DPD are recomputed here from the raw files. Skipped when
../shared/realdata is absent.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.provisions.staging import StagingRules
from analysis.provisions.summary import provisions_for_month, provisions_payload

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
UCI = REALDATA / "uci_taiwan_default" / "UCI_Credit_Card.csv"
CC = REALDATA / "credit_card_approval_panel" / "credit_record.csv"
CC_CODES = {"C": 0, "0": 15, "1": 45, "2": 75, "3": 105, "4": 135, "5": 181, "X": None}

pytestmark = pytest.mark.realdata


def _load(path: Path, **options):
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    from analysis.ingest.portfolio import IngestOptions, load_portfolio

    return load_portfolio(path.read_bytes(), path.name, options=IngestOptions(**options)).portfolio


def _check_identities(result, rows: pd.DataFrame, lgd: float = 0.45) -> dict:
    p = provisions_payload(result)
    assert sum(s["accounts"] for s in p["stages"]) == p["total"]["accounts"] == len(rows)
    assert round(sum(s["balance"] for s in p["stages"]), 2) == p["total"]["balance"] == round(rows["balance"].sum(), 2)
    assert round(sum(s["ecl"] for s in p["stages"]), 2) == p["total"]["ecl"]
    s3 = result.accounts[result.accounts["stage"] == 3]
    assert (s3["ecl"].round(2) == (lgd * s3["ead"]).round(2)).all()
    for col in ("amount", "stage_1", "stage_2", "stage_3"):
        flows = [m[col] for m in p["movement"] if m["item"] != "closing"]
        assert round(sum(flows), 2) == p["movement"][-1][col]
    assert [p["movement"][-1][f"stage_{k}"] for k in (1, 2, 3)] == [s["ecl"] for s in p["stages"]]
    return p


def test_uci_identities_and_stages_from_the_raw_file():
    portfolio = _load(UCI, negative_balance="zero")
    result = provisions_for_month(portfolio, rules=StagingRules(probation_stage2=0, probation_stage3=0))
    assert result.month == "2005-09" and result.previous_month == "2005-08"
    rows = portfolio[portfolio["month"] == "2005-09"]
    p = _check_identities(result, rows)
    # without probation the stage is the DPD backstop: PAY_0 = months behind (≥ 2 → 31+ DPD, ≥ 4 → 91+)
    raw = pd.read_csv(UCI)
    pay0 = raw["PAY_0"].to_numpy()
    expected = [int((pay0 < 2).sum()), int(((pay0 >= 2) & (pay0 < 4)).sum()), int((pay0 >= 4).sum())]
    assert [s["accounts"] for s in p["stages"]] == expected
    # EAD from the raw limits and September bills (stage 3, PAY_0 ≥ 4: the bill alone, the line blocked)
    bill, limit = raw["BILL_AMT1"].clip(lower=0), raw["LIMIT_BAL"]
    ead = np.where(pay0 >= 4, bill, bill + 0.5 * np.maximum(limit - bill, 0))
    assert p["total"]["ead"] == pytest.approx(float(ead.sum()), abs=0.01)


def test_credit_card_panel_identities_with_probation():
    portfolio = _load(CC, reference_month="2020-12", balance_missing="unit", status_codes=CC_CODES)
    result = provisions_for_month(portfolio)
    rows = portfolio[portfolio["month"] == result.month]
    _check_identities(result, rows)
    # probation only ever holds accounts up: never fewer stage-3 accounts than the DPD backstop gives
    assert int(result.stages["accounts"].iloc[2]) >= int((rows["days_past_due"] >= 91).sum())
