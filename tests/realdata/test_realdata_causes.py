"""Real books without a reason column (UCI Taiwan, Lending Club) still get a useful drivers view.

Loaded through the normal ingest flow with the options the ingest tests document, plus the
attributes a user would keep as extra segments. Skipped when ../shared/realdata is absent.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.causes import drivers as D
from analysis.causes import stability as S
from analysis.causes.decomposition import decompose_rate_change

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"

pytestmark = pytest.mark.realdata


def _path(*parts: str) -> Path:
    path = REALDATA.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(scope="module")
def uci() -> tuple[pd.DataFrame, pd.DataFrame]:
    from analysis.ingest.portfolio import IngestOptions, load_portfolio

    path = _path("uci_taiwan_default", "UCI_Credit_Card.csv")
    result = load_portfolio(path.read_bytes(), path.name, options=IngestOptions(
        negative_balance="zero", extra_segments=("SEX", "EDUCATION", "MARRIAGE", "AGE")))
    return result.portfolio, pd.read_csv(path)


@pytest.fixture(scope="module")
def lending_club() -> pd.DataFrame:
    from analysis.ingest.portfolio import IngestOptions, load_portfolio

    path = _path("lendingclub_openintro_10k", "loans_full_schema.csv")
    return load_portfolio(path.read_bytes(), path.name, mapping={"account_id": "rownames"},
                          options=IngestOptions(snapshot_month="2018-12", extra_segments=("grade",))).portfolio


def test_uci_has_no_reason_column_but_a_drivers_ranking(uci):
    portfolio, raw = uci
    assert "overdue_reason" not in portfolio.columns
    frame = D.driver_frame(portfolio, "2005-09")
    # 30+ DPD in September = PAY_0 of 2 or more months late, counted straight from the file.
    assert int(frame["bad"].sum()) == int((raw["PAY_0"] >= 2).sum())
    ranking = D.information_value(frame)
    assert {"credit_limit", "utilisation", "EDUCATION", "AGE"} <= set(ranking["attribute"])
    top = ranking.iloc[0]
    assert top["iv"] >= 0.1 and top["strength"] in ("medium", "strong")
    # Lower limits go with more delinquency in this book: the riskiest limit band is the lowest.
    limit = D.woe_table(frame, "credit_limit")
    assert limit["bad_rate"].iloc[0] == limit["bad_rate"].max()
    # AGE arrives as a category of numbers and is binned as a number.
    assert D.woe_table(frame, "AGE")["bin"].iloc[0].startswith("≤")


def test_uci_segment_rates_and_model_are_significant_and_finite(uci):
    portfolio, raw = uci
    frame = D.driver_frame(portfolio, "2005-09")
    rates = D.segment_rates(frame, "EDUCATION").set_index("segment")
    assert rates["count"].sum() == len(raw)
    assert rates.loc["1", "direction"] == "lower"  # graduate school
    fit = D.logistic_drivers(frame, ["credit_limit", "utilisation", "EDUCATION"])
    assert fit.n == len(raw) and fit.warning is None
    assert np.isfinite(fit.table[["odds_ratio", "ci_low", "ci_high"]].to_numpy()).all()
    limit = fit.table.set_index("attribute").loc["credit_limit"]
    assert limit["ci_high"] < 1  # a higher limit clearly lowers the odds of 30+ DPD
    for lang in ("zh", "en"):
        assert len(D.explain_odds_ratios(fit, lang)) == len(fit.table)


def test_uci_stability_and_change_run_on_six_months(uci, cubes_of):
    portfolio, _ = uci
    trend = S.psi_trend(portfolio, "EDUCATION")
    assert trend["month"].tolist() == ["2005-05", "2005-06", "2005-07", "2005-08", "2005-09"]
    assert (trend["psi"] >= 0).all()
    cube = cubes_of(portfolio).rates("EDUCATION")
    change = decompose_rate_change(cube, "EDUCATION", "2005-08", "2005-09")
    assert change.mix_total + change.rate_total == pytest.approx(change.change, abs=1e-12)


def test_lending_club_drivers(lending_club):
    frame = D.driver_frame(lending_club)
    assert "overdue_reason" not in lending_club.columns
    assert frame["bad"].sum() > 20
    ranking = D.information_value(frame)
    assert {"grade", "interest_rate"} <= set(ranking["attribute"])
    assert ranking.set_index("attribute").loc["interest_rate", "iv"] > 0.1
    rates = D.segment_rates(frame, "grade")
    assert rates["count"].sum() == len(frame)
    fit = D.logistic_drivers(frame, ["interest_rate", "grade"])
    rate = fit.table.set_index("attribute").loc["interest_rate"]
    assert rate["ci_low"] > 1  # dearer loans go with 30+ DPD


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_leads_with_drivers_on_uci(uci, lang):
    import types

    from tests.app.apptest import assert_clean, open_page

    portfolio, _ = uci
    result = types.SimpleNamespace(portfolio=portfolio, summary={})
    at = open_page("causes", lang, data_result=result, data_name="UCI_Credit_Card.csv", data_id="uci")
    assert_clean(at)
    assert at.tabs[0].label == ("风险驱动因素" if lang == "zh" else "Drivers")
    assert len(at.get("vega_lite_chart")) >= 3  # segment rates, IV ranking, odds ratios
    words = " ".join(m.value for m in at.markdown)
    assert ("授信额度" if lang == "zh" else "Credit limit") in words
