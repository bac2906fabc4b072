"""Population stability index: hand values, verdict edges, fixed bands, contributions."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.causes import stability as S
from analysis.causes.dictionary import CausesError


def test_psi_matches_the_formula():
    e, a = np.array([0.5, 0.3, 0.2]), np.array([0.4, 0.3, 0.3])
    hand = (0.4 - 0.5) * math.log(0.4 / 0.5) + 0 + (0.3 - 0.2) * math.log(0.3 / 0.2)
    assert S.psi(e, a) == pytest.approx(hand, rel=1e-12)
    assert S.psi([50, 30, 20], [40, 30, 30]) == pytest.approx(hand, rel=1e-12)  # counts normalised
    assert S.psi(e, e) == 0.0


def test_empty_band_uses_the_floor():
    value = S.psi([1, 1], [2, 0])
    a, e = np.array([1.0, 1e-4]), np.array([0.5, 0.5])
    assert value == pytest.approx(float(np.sum((a - e) * np.log(a / e))))


@pytest.mark.parametrize(("value", "verdict"), [(0.0, "stable"), (0.0999, "stable"), (0.1, "watch"),
                                                (0.25, "watch"), (0.2501, "shifted"), (float("nan"), "unknown")])
def test_verdicts(value, verdict):
    assert S.psi_verdict(value) == verdict


def test_bad_distributions_are_rejected():
    with pytest.raises(CausesError):
        S.psi([1, 2], [1, 2, 3])
    with pytest.raises(CausesError):
        S.psi([0, 0], [1, 1])


def _panel() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    rows = []
    for i, month in enumerate(["2024-01", "2024-02", "2024-03"]):
        shift = 0 if i < 2 else 60  # March: the score distribution moves down a lot
        scores = rng.normal(650 - shift, 50, 1_000)
        region = rng.choice(["N", "S"], 1_000, p=[0.5, 0.5] if i < 2 else [0.9, 0.1])
        rows.append(pd.DataFrame({"month": month, "score": scores, "balance": 1.0,
                                  "region": pd.Categorical(region)}))
    return pd.concat(rows, ignore_index=True)


def test_trend_flags_the_month_the_mix_shifted():
    panel = _panel()
    before = panel.copy()
    scores = S.psi_trend(panel, "score")
    assert scores["month"].tolist() == ["2024-02", "2024-03"]
    assert scores["verdict"].tolist() == ["stable", "shifted"]
    regions = S.psi_trend(panel, "region", reference="first")
    assert regions["reference_month"].tolist() == ["2024-01", "2024-01"]
    assert regions["verdict"].iloc[-1] == "shifted"
    pd.testing.assert_frame_equal(panel, before)


def test_score_bands_are_fixed_on_the_first_month():
    panel = _panel()
    dist = S.band_distribution(panel, "score")
    january = dist.loc["2024-01"]
    assert january.sum() == 1_000
    assert np.allclose(january / 1_000, 0.1, atol=0.002)  # deciles of the first month
    assert dist.loc["2024-03"].iloc[0] > 300  # March piles into the lowest band


def test_detail_contributions_sum_to_the_psi():
    panel = _panel()
    trend = S.psi_trend(panel, "score").set_index("month")
    detail = S.psi_detail(panel, "score", "2024-03", "2024-02")
    assert detail["contribution"].sum() == pytest.approx(trend.loc["2024-03", "psi"], rel=1e-9)
    assert detail["share"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(("call", "key"), [
    (lambda p: S.psi_trend(p, "colour"), "causes.error.not_column"),
    (lambda p: S.psi_trend(p, "score", reference="last"), "causes.error.reference"),
    (lambda p: S.psi_trend(p, "score", bins=1), "causes.error.bins"),
    (lambda p: S.psi_trend(p, "score", measure="rows"), "causes.error.measure"),
    (lambda p: S.psi_detail(p, "score", "2030-01", "2024-01"), "causes.error.month_missing"),
])
def test_bad_parameters(call, key):
    with pytest.raises(CausesError) as err:
        call(_panel())
    assert err.value.key == key


def test_psi_chart_draws_both_thresholds():
    from analysis.charts.causes import chart_psi_trend
    from analysis.core.view import View

    spec = chart_psi_trend(S.psi_trend(_panel(), "score"), View(lang="zh"), column_label="信用评分",
                           subtitle="defs").to_dict()
    text = str(spec)
    assert "0.25" in text and "0.1" in text and "显著偏移" in text
    assert spec["title"]["text"].startswith("信用评分")
