"""The "worse next month" model: metrics, features, out-of-time validation, separation fallback."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.warnings.signals import WarningError, WarningThresholds, warning_signals
from analysis.warnings.model import (
    auc_score, calibration_table, fit_warning_model, ks_statistic, model_features, odds_ratio_words,
)
from tests.conftest import make_portfolio, rows_with_states


@pytest.fixture(scope="module")
def sample_model(sample_portfolio):
    return fit_warning_model(sample_portfolio)


# --- metrics ------------------------------------------------------------------------------------

def test_auc_golden_values_and_ties():
    assert auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.75)
    assert auc_score([0, 1], [0.5, 0.5]) == pytest.approx(0.5)
    assert auc_score([0, 0, 1], [0.9, 0.8, 0.1]) == pytest.approx(0.0)
    assert np.isnan(auc_score([1, 1], [0.2, 0.3]))


def test_ks_golden_values():
    assert ks_statistic([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == pytest.approx(1.0)
    assert ks_statistic([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4]) == pytest.approx(0.5)
    assert ks_statistic([0, 1], [0.5, 0.5]) == pytest.approx(0.0)  # ties are one threshold


def test_calibration_table_bins_are_equal_and_complete():
    rng = np.random.default_rng(0)
    p = rng.random(1000)
    y = (rng.random(1000) < p).astype(int)
    table = calibration_table(y, p)
    assert table["decile"].tolist() == list(range(1, 11))
    assert table["n"].tolist() == [100.0] * 10
    assert table["events"].sum() == y.sum()
    assert (table["mean_predicted"].diff().dropna() > 0).all()
    assert table["observed_rate"].between(0, 1).all()


@pytest.mark.parametrize("y,p", [([0, 1], [0.1]), ([0, 2], [0.1, 0.2]), ([0, 1], [np.nan, 0.2])])
def test_metrics_reject_bad_input(y, p):
    with pytest.raises(ValueError):
        auc_score(y, p)


def test_calibration_rejects_bad_bins():
    with pytest.raises(ValueError):
        calibration_table([0, 1], [0.1, 0.2], n_bins=1)


# --- features -----------------------------------------------------------------------------------

def test_features_target_and_history_columns():
    months = [f"2024-{m:02d}" for m in range(1, 9)]
    dpds = [0, 5, 0, 5, 0, 5, 0, 5]
    rows = [("A", m, d, 100.0 + 10 * i) for i, (m, d) in enumerate(zip(months, dpds))]
    rows += [("B", "2024-01", 0, 50.0), ("B", "2024-02", 200, 50.0), ("B", "2024-03", 230, 50.0)]
    df = make_portfolio(rows)
    before = df.copy()
    f = model_features(df).set_index(["account_id", "month"])
    pd.testing.assert_frame_equal(df, before)
    a = f.loc["A"]
    assert a["recent_delinquency"].tolist() == [0, 0, 1, 1, 2, 2, 3, 3]
    assert a["mob"].tolist() == list(range(8))
    assert a.loc["2024-02", "balance_change"] == pytest.approx(0.1)
    assert a["target"].iloc[:-1].tolist() == [1, 0, 1, 0, 1, 0, 1]
    assert np.isnan(a["target"].iloc[-1])  # no next month in the book
    b = f.loc["B"]
    assert b.loc["2024-01", "target"] == 1
    assert np.isnan(b.loc["2024-02", "target"])  # already in the last bucket: cannot get worse
    assert np.isnan(b.loc["2024-03", "target"])  # last bucket, and exits in 2024-04
    # rows that already carry next month's state (attach_states of the data core) give the same
    pd.testing.assert_frame_equal(model_features(rows_with_states(df)).set_index(["account_id", "month"]), f)


# --- the model on the sample --------------------------------------------------------------------

def test_model_beats_chance_out_of_time(sample_model, sample_portfolio):
    v = sample_model.validation
    months = sorted(sample_portfolio["month"].unique())
    assert v["test_month"] == months[-2] and v["test_to_month"] == months[-1]
    assert v["train_last"] < v["test_month"]
    assert v["auc"] > 0.65
    assert 0 <= v["ks"] <= 1 and v["ks"] > 0.2
    assert v["events"] > 0 and v["n"] > v["events"]


def test_calibration_on_the_sample_is_sane(sample_model):
    cal = sample_model.calibration
    v = sample_model.validation
    assert cal["n"].sum() == v["n"] and cal["events"].sum() == v["events"]
    assert cal["mean_predicted"].is_monotonic_increasing
    assert cal["observed_rate"].between(0, 1).all()
    # the riskiest decile holds far more of the events than the safest
    assert cal["observed_rate"].iloc[-1] > cal["observed_rate"].iloc[0]
    # on average the model is not off by more than a factor of two
    assert 0.5 < v["mean_predicted"] / v["event_rate"] < 2


def test_odds_ratios_and_words(sample_model):
    odds = sample_model.odds_ratios
    assert {"score", "days_to_next", "recent_delinquency"} <= set(odds["kind"])
    assert (odds["ci_low"] <= odds["odds_ratio"]).all() and (odds["odds_ratio"] <= odds["ci_high"]).all()
    score = odds[odds["kind"] == "score"].iloc[0]
    assert score["odds_ratio"] < 1  # a higher score means lower risk in the sample
    zh, en = odds_ratio_words(odds, "zh"), odds_ratio_words(odds, "en")
    assert len(zh) == len(en) == len(odds)
    assert all("95%" in line for line in zh + en)


def test_scores_usable_as_a_signal(sample_model, sample_portfolio):
    scores = sample_model.scores
    latest = sorted(sample_portfolio["month"].unique())[-1]
    assert sample_model.score_month == latest
    assert set(scores.index) == set(sample_portfolio.loc[sample_portfolio["month"] == latest, "account_id"])
    assert scores.dropna().between(0, 1).all()
    s = warning_signals(sample_portfolio, scores=scores, thresholds=WarningThresholds(model_probability=0.2),
                        classifier=lambda r: pd.Categorical(["other"] * len(r)))
    expected = s["account_id"].map(scores) >= 0.2
    assert s["model_score"].tolist() == expected.tolist()
    assert s["model_score"].any()


# --- robustness ---------------------------------------------------------------------------------

def _separable() -> pd.DataFrame:
    months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    rows, products = [], []
    for i in range(30):
        for m, d in zip(months, [0, 10, 40, 70, 100]):
            rows.append((f"A{i}", m, d, 100.0))
            products.append("bad")
        for m in months:
            rows.append((f"B{i}", m, 0, 100.0))
            products.append("good")
    return make_portfolio(rows).assign(product=pd.Categorical(products))


def test_perfect_separation_falls_back_to_a_regularised_fit():
    model = fit_warning_model(_separable())
    assert model.method == "ridge"
    notes = model.notes_text("en")
    assert any("regularised" in n for n in notes)
    assert any("正则化" in n for n in model.notes_text("zh"))
    assert np.isfinite(model.odds_ratios[["odds_ratio", "ci_low", "ci_high"]].to_numpy()).all()
    assert model.validation["auc"] == pytest.approx(1.0)


def test_minimal_columns_work_and_constant_features_are_dropped():
    rng = np.random.default_rng(1)
    months = [f"2024-{m:02d}" for m in range(1, 7)]
    rows = []
    for i in range(300):
        d = 0
        for m in months:
            d = d + 30 if (d > 0 and rng.random() < 0.6) else (int(rng.random() < 0.08) * 5 if d == 0 else 0)
            rows.append((f"X{i}", m, d, 100.0))  # balances never change
    df = make_portfolio(rows)
    model = fit_warning_model(df)
    assert "score" not in set(model.odds_ratios["kind"]) and "utilisation" not in set(model.odds_ratios["kind"])
    # the dropped feature is named as the reader knows it, never by its internal key
    assert any("Balance change on last month" in n for n in model.notes_text("en"))
    assert any("余额较上月变化" in n for n in model.notes_text("zh"))
    assert not any("balance_change" in n for lang in ("zh", "en") for n in model.notes_text(lang))
    assert 0 <= model.validation["ks"] <= 1


def test_too_little_history_is_a_clear_error():
    df = make_portfolio([("A", "2024-01", 0, 1.0), ("A", "2024-02", 10, 1.0)])
    with pytest.raises(WarningError) as err:
        fit_warning_model(df)
    assert "3" in err.value.message("zh") and "3" in err.value.message("en")
    with pytest.raises(WarningError):
        fit_warning_model(_separable(), max_train_rows=5)
    with pytest.raises(WarningError):
        fit_warning_model(_separable(), score_month="1999-01")


# --- the history the page trains on, and feature names ---------------------------------------------

def test_history_with_states_is_the_book_cut_at_the_month(tiny_portfolio):
    from analysis.warnings.model import history_with_states
    from tests.conftest import core_cubes

    df = tiny_portfolio
    months = sorted(df["month"].unique())
    month = months[-2]
    with core_cubes(df) as cubes:
        states = cubes.states_in_row_order()
    before = df.copy()
    history = history_with_states(df, month, states)
    pd.testing.assert_frame_equal(df, before)  # input untouched
    assert (history["month"] <= month).all() and len(history) == int((df["month"] <= month).sum())
    cut = rows_with_states(df[df["month"] <= month].reset_index(drop=True))
    got = history.reset_index(drop=True)
    assert got["next_dpd"].tolist() == cut["next_dpd"].tolist()
    assert got["next_bucket"].astype(object).where(got["next_bucket"].notna(), None).tolist() == \
        cut["next_bucket"].astype(object).where(cut["next_bucket"].notna(), None).tolist()
    np.testing.assert_allclose(got["next_balance"].to_numpy(dtype=float), cut["next_balance"].to_numpy(dtype=float))
    # without states the rows are only cut
    assert list(history_with_states(df, month, None).columns) == list(df.columns)


def test_feature_labels_name_every_row_in_both_languages(sample_model):
    from analysis.warnings.model import feature_label, feature_labels

    odds = sample_model.odds_ratios
    for lang in ("zh", "en"):
        labels = feature_labels(odds, lang)
        assert labels == [feature_label(r, lang) for _, r in odds.iterrows()]
        assert all(labels) and len(set(labels)) == len(labels)
