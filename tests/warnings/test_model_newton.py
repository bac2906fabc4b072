"""The logit that would run out of Newton iterations goes straight to the ridge, with the very figures
(and the reason) statsmodels' 100 iterations followed by the ridge give; every other fit is statsmodels' own."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.warnings import model as M


def _design(rows: list[tuple[list[float], int, int]]) -> tuple[np.ndarray, pd.DataFrame]:
    """Rows ``(x, n, events)`` repeated: ``n`` copies of ``x``, the first ``events`` of them worse."""
    xs, ys = [], []
    for x, n, events in rows:
        xs += [x] * n
        ys += [1.0] * events + [0.0] * (n - events)
    cols = ["const", *(f"x{i}" for i in range(1, len(rows[0][0])))]
    return np.asarray(ys), pd.DataFrame(xs, columns=cols)


def _quasi_separated() -> tuple[np.ndarray, pd.DataFrame]:
    # The base group never worsens (as the credit-card panel's paid-off accounts): the intercept drifts
    # to minus infinity, one small step per iteration, while the other groups hold both outcomes.
    rng = np.random.default_rng(3)
    rows = [([1.0, 0.0, 0.0, float(m)], 400, 0) for m in range(6)]
    rows += [([1.0, 1.0, 0.0, float(m)], 300, int(rng.integers(5, 20))) for m in range(6)]
    rows += [([1.0, 0.0, 1.0, float(m)], 100, int(rng.integers(10, 40))) for m in range(6)]
    return _design(rows)


def _without_shortcut(monkeypatch, y, X):
    with monkeypatch.context() as m:
        m.setattr(M, "_newton_stalls", lambda *a, **k: False)
        return M._fit(y, X)


def _same_fit(a, b) -> None:
    assert a[2:] == b[2:]  # method and reason
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_a_drifting_logit_skips_statsmodels_newton_and_gives_the_same_ridge(monkeypatch):
    y, X = _quasi_separated()
    assert M._newton_stalls(y, X.to_numpy())
    before = _without_shortcut(monkeypatch, y, X)  # 100 Newton iterations, ConvergenceWarning, ridge
    assert before[2:] == ("ridge", "convergence")

    import statsmodels.api as sm

    def no_logit(*args, **kwargs):
        raise AssertionError("statsmodels' Logit should not run on a fit that cannot converge")

    monkeypatch.setattr(sm, "Logit", no_logit)
    _same_fit(M._fit(y, X), before)


def test_a_converging_logit_is_statsmodels_own(monkeypatch):
    rng = np.random.default_rng(0)
    n = 5_000
    X = pd.DataFrame({"const": np.ones(n), "a": rng.normal(size=n), "b": rng.integers(0, 2, n).astype(float)})
    y = (rng.random(n) < 1 / (1 + np.exp(-(-2 + 0.8 * X["a"] + 0.5 * X["b"])))).astype(float).to_numpy()
    assert not M._newton_stalls(y, X.to_numpy())
    got = M._fit(y, X)
    assert got[2:] == ("logit", None)
    _same_fit(got, _without_shortcut(monkeypatch, y, X))


def test_perfect_separation_is_left_to_statsmodels(monkeypatch):
    # Every distinct row holds one outcome: statsmodels may detect a perfect prediction, so no shortcut.
    y, X = _design([([1.0, 0.0], 50, 0), ([1.0, 1.0], 50, 50)])
    assert not M._newton_stalls(y, X.to_numpy())
    got = M._fit(y, X)
    assert got[2:] == ("ridge", "separation")
    _same_fit(got, _without_shortcut(monkeypatch, y, X))


def test_few_iterations_still_moving_is_not_a_stall():
    y, X = _quasi_separated()
    # After 3 steps the drifting fit still moves by more than 1e-4: a stall only after the full count.
    assert M._newton_stalls(y, X.to_numpy(), maxiter=3)
    y2, X2 = _design([([1.0, 0.0], 200, 20), ([1.0, 1.0], 200, 60)])
    assert not M._newton_stalls(y2, X2.to_numpy())  # converges in a few steps
    assert not M._newton_stalls(np.zeros(0), np.zeros((0, 2)))


CARD_PANEL = Path(__file__).resolve().parents[2].parent / "shared" / "realdata" / "credit_card_approval_panel" / "credit_record.csv"
CC_CODES = {"C": 0, "0": 15, "1": 45, "2": 75, "3": 105, "4": 135, "5": 181, "X": None}


@pytest.mark.realdata
def test_credit_card_panel_model_figures_without_newton(monkeypatch):
    """The credit-card panel's model (paid-off accounts never worsen: the logit drifts) is the ridge
    with the reason and the out-of-time figures the 100 Newton iterations gave (AUC 0.8449, KS
    pinned), and statsmodels' Newton is not run (about 5 s at 100,000 rows before)."""
    if not CARD_PANEL.is_file():
        pytest.skip(f"{CARD_PANEL} is absent")
    from analysis.ingest.portfolio import IngestOptions, load_portfolio
    import statsmodels.api as sm

    portfolio = load_portfolio(CARD_PANEL.read_bytes(), CARD_PANEL.name, options=IngestOptions(
        reference_month="2020-12", balance_missing="unit", status_codes=CC_CODES)).portfolio

    def no_logit(*args, **kwargs):
        raise AssertionError("statsmodels' Logit ran")

    monkeypatch.setattr(sm, "Logit", no_logit)
    model = M.fit_warning_model(portfolio, score_month="2020-12")
    assert model.method == "ridge"
    assert model.notes[0] == ("warnings.model.note.regularised", {"reason": "convergence"})
    v = model.validation
    assert (v["test_month"], v["n"], v["events"], v["n_train"], v["train_events"]) == ("2020-11", 25_971, 219, 100_000, 1_107)
    # the figures the fit gave with statsmodels' 100 iterations first (commit 8cfb711)
    assert v["auc"] == pytest.approx(0.8448775003156203, abs=1e-12)
    assert v["ks"] == pytest.approx(0.6537994655023469, abs=1e-12)
    assert v["mean_predicted"] == pytest.approx(0.008475190156961524, abs=1e-15)
    odds = dict(zip(model.odds_ratios["feature"], model.odds_ratios["odds_ratio"]))
    assert odds["days_to_next"] == pytest.approx(2.407403672459871, rel=1e-12)
    assert odds["mob"] == pytest.approx(0.6202224519689106, rel=1e-12)
