"""Forecasts: model choice by backtest, honest intervals, rates kept in [0, 1], edge cases."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.trend import forecast as F
from analysis.trend.forecast import forecast_many, forecast_sentence, forecast_series


def _months(n: int, start: int = 2021) -> list[str]:
    return [f"{start + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def _synthetic(seed: int, n: int, h: int, season: float = 0.25, slope: float = 0.02) -> tuple[pd.Series, np.ndarray]:
    """A delinquency rate with a known trend and yearly season (on the logit scale) plus noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(n + h)
    z = -3.3 + slope * t + season * np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.04, n + h)
    y = 1 / (1 + np.exp(-z))
    return pd.Series(y[:n], index=_months(n)[:n] if n + h <= 0 else _months(n + h)[:n]), y[n:]


# --- model choice ----------------------------------------------------------------------------

def test_chosen_model_beats_seasonal_naive_in_backtest_and_on_the_future():
    backtest_wins, future_wins = 0, 0
    for seed in (0, 1, 2):
        series, truth = _synthetic(seed, 36, 6)
        res = forecast_series(series, horizon=6)
        bt = res.backtest.set_index("model")
        assert res.model in bt.index and bool(bt.loc[res.model, "chosen"])
        backtest_wins += bt.loc[res.model, "mase"] < bt.loc["seasonal_naive", "mase"]
        naive = forecast_series(series, horizon=6, model="seasonal_naive").forecast["mean"].to_numpy()
        future_wins += np.abs(res.forecast["mean"].to_numpy() - truth).mean() < np.abs(naive - truth).mean()
    assert backtest_wins == 3
    assert future_wins >= 2


def test_backtest_table_has_every_candidate_with_mase_and_mae():
    series, _ = _synthetic(3, 30, 0)
    res = forecast_series(series, horizon=4)
    assert set(res.backtest.columns) == {"model", "mase", "mae", "chosen"}
    assert set(res.backtest["model"]) == set(F.MODELS)
    assert res.backtest["chosen"].sum() == 1
    assert (res.backtest["mae"] >= 0).all()
    # MASE is MAE over the mean absolute month-on-month change.
    scale = np.abs(np.diff(series.to_numpy())).mean()
    np.testing.assert_allclose(res.backtest["mase"], res.backtest["mae"] / scale)


def test_intervals_cover_the_truth_at_roughly_their_nominal_rate():
    inside95 = inside80 = total = 0
    for seed in range(6):
        series, truth = _synthetic(100 + seed, 30, 6)
        f = forecast_series(series, horizon=6).forecast
        inside95 += int(((truth >= f["lower95"]) & (truth <= f["upper95"])).sum())
        inside80 += int(((truth >= f["lower80"]) & (truth <= f["upper80"])).sum())
        total += len(truth)
    assert inside95 / total >= 0.85
    assert inside80 / total >= 0.65
    assert inside95 >= inside80


# --- shape of the result ----------------------------------------------------------------------

def test_forecast_frame_months_and_ordered_bands():
    series, _ = _synthetic(4, 20, 0)
    res = forecast_series(series, horizon=5)
    f = res.forecast
    assert list(f.columns) == ["month", "mean", "lower80", "upper80", "lower95", "upper95"]
    assert f["month"].tolist() == ["2022-09", "2022-10", "2022-11", "2022-12", "2023-01"]
    assert (f["lower95"] <= f["lower80"]).all() and (f["lower80"] <= f["mean"]).all()
    assert (f["mean"] <= f["upper80"]).all() and (f["upper80"] <= f["upper95"]).all()
    assert res.history["month"].tolist() == list(series.index)
    assert res.ok and res.reason is None


@pytest.mark.parametrize("level", [0.0005, 0.97])
def test_rates_never_leave_zero_one(level):
    rng = np.random.default_rng(7)
    values = np.clip(level + rng.normal(0, level * 0.5 if level < 0.5 else 0.02, 18), 0, 1)
    values[3] = 0.0 if level < 0.5 else 1.0  # a month exactly at the boundary
    res = forecast_series(pd.Series(values, index=_months(18)), horizon=12)
    f = res.forecast[["mean", "lower80", "upper80", "lower95", "upper95"]].to_numpy()
    assert np.isfinite(f).all()
    assert (f >= 0).all() and (f <= 1).all()
    assert "trend.forecast.note.zeros" in [n.key for n in res.notes]


def test_amounts_stay_positive():
    values = np.array([5e6, 4e6, 3e6, 2.5e6, 2e6, 1.5e6, 1.1e6, 0.9e6, 0.6e6, 0.4e6])
    res = forecast_series(pd.Series(values, index=_months(10)), horizon=6, is_rate=False)
    assert (res.forecast[["mean", "lower95"]].to_numpy() > 0).all()


def test_short_series_gets_a_reason_not_a_forecast():
    res = forecast_series(pd.Series([0.01, 0.02, 0.03, 0.02, 0.01], index=_months(5)))
    assert not res.ok and res.model is None and len(res.forecast) == 0
    assert res.reason.key == "trend.forecast.reason.too_short"
    assert "5" in res.reason.text("en") and "6" in res.reason.text("zh")
    assert forecast_sentence(res, "en", "DPD30+") == res.reason.text("en")


def test_six_months_is_enough():
    res = forecast_series(pd.Series([0.01, 0.012, 0.011, 0.013, 0.014, 0.013], index=_months(6)), horizon=3)
    assert res.ok and len(res.forecast) == 3


def test_constant_series_is_carried_forward_with_zero_width():
    res = forecast_series(pd.Series([0.02] * 12, index=_months(12)), horizon=4)
    assert res.ok and res.model == "naive"
    assert np.allclose(res.forecast[["mean", "lower95", "upper95"]].to_numpy(), 0.02)
    assert "trend.forecast.note.constant" in [n.key for n in res.notes]


def test_seasonal_models_need_24_months():
    series, _ = _synthetic(5, 20, 0)
    res = forecast_series(series, horizon=3)
    assert not set(res.backtest["model"]) & set(F.SEASONAL_MODELS)
    assert "trend.forecast.note.no_seasonal" in [n.key for n in res.notes]
    pinned = forecast_series(series, horizon=3, model="seasonal_naive")
    assert pinned.model != "seasonal_naive"
    assert "trend.forecast.note.pinned_unavailable" in [n.key for n in pinned.notes]


def test_gaps_are_filled_and_said():
    series, _ = _synthetic(6, 14, 0)
    res = forecast_series(series.drop(series.index[[4, 5]]), horizon=2)
    assert len(res.history) == 14
    assert ("trend.forecast.note.gaps", {"n": 2}) in [(n.key, n.params) for n in res.notes]
    # which months were filled in, not only how many (the CLI's JSON marks them)
    assert res.history["filled"].tolist() == [False] * 4 + [True] * 2 + [False] * 8


def test_pinned_model_is_used():
    series, _ = _synthetic(8, 24, 0)
    res = forecast_series(series, horizon=3, model="ets_damped")
    assert res.model == "ets_damped"
    assert res.backtest.set_index("model").loc["ets_damped", "chosen"]


def test_exploding_forecast_falls_back_to_the_best_baseline(monkeypatch):
    real = F._predict

    def exploding(model, z, h, spec, intervals, fitted=None):
        mean, bands = real(model, z, h, spec, intervals, fitted)
        if model == "ets" and intervals and len(z) == 12:
            return mean + np.arange(1, h + 1) * 5.0, bands  # +5 on the logit scale per month
        return mean, bands

    monkeypatch.setattr(F, "_predict", exploding)
    series, _ = _synthetic(9, 12, 0)
    res = forecast_series(series, horizon=6, model="ets")
    assert res.model in F.BASELINES
    note = [n for n in res.notes if n.key == "trend.forecast.note.exploded"]
    assert note and note[0].params["model"] == "ets"
    assert "ETS" in note[0].text("en")


def test_statsmodels_warnings_become_notes(monkeypatch):
    real = F._predict

    def noisy(model, z, h, spec, intervals, fitted=None):
        warnings.warn("optimizer did not converge", RuntimeWarning)
        return real(model, z, h, spec, intervals, fitted)

    monkeypatch.setattr(F, "_predict", noisy)
    series, _ = _synthetic(10, 10, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may leak out of forecast_series
        res = forecast_series(series, horizon=2, model="ets_damped")
    assert "trend.forecast.note.warnings" in [n.key for n in res.notes]


def test_input_is_not_mutated():
    series, _ = _synthetic(11, 12, 0)
    before = series.copy()
    forecast_series(series.iloc[::-1], horizon=2)  # unsorted input is fine too
    pd.testing.assert_series_equal(series, before)


@pytest.mark.parametrize("kwargs, match", [
    ({"horizon": 0}, "horizon"), ({"horizon": 25}, "horizon"), ({"horizon": True}, "horizon"),
    ({"horizon": 2.5}, "horizon"), ({"model": "prophet"}, "model"),
])
def test_bad_parameters_raise(kwargs, match):
    series, _ = _synthetic(12, 8, 0)
    with pytest.raises(ValueError, match=match):
        forecast_series(series, **kwargs)


@pytest.mark.parametrize("series, match", [
    (pd.Series([0.1, 0.2], index=["2024-1", "2024-02"]), "YYYY-MM"),
    (pd.Series([0.1, 0.2], index=["2024-01", "2024-01"]), "twice"),
    (pd.Series([0.1, 1.2], index=["2024-01", "2024-02"]), "between 0 and 1"),
    (pd.Series(["a", "b"], index=["2024-01", "2024-02"]), "numbers"),
    ([0.1, 0.2], "Series"),
])
def test_bad_series_raise(series, match):
    with pytest.raises(ValueError, match=match):
        forecast_series(series)


# --- several series, sentences ---------------------------------------------------------------

def test_forecast_many_matches_one_by_one_and_runs_in_processes(monkeypatch):
    import sys
    import types

    # Workers re-import the parent's __main__: in a test process that ran AppTest before, that is
    # the app, which must not run in a worker. Give them a plain __main__, as a script has.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    series = {f"s{i}": _synthetic(20 + i, 10, 0)[0] for i in range(4)}
    parallel = forecast_many(series, horizon=2, workers=2)
    assert list(parallel) == list(series)
    for key, s in series.items():
        alone = forecast_series(s, horizon=2)
        pd.testing.assert_frame_equal(parallel[key].forecast, alone.forecast)
        assert parallel[key].model == alone.model
    with pytest.raises(ValueError, match="workers"):
        forecast_many(series, workers=0)


def test_sentence_in_both_languages():
    rising = pd.Series(np.linspace(0.030, 0.040, 12), index=_months(12))
    res = forecast_series(rising, horizon=3, model="ets")
    en = forecast_sentence(res, "en", "DPD30+")
    zh = forecast_sentence(res, "zh", "30天以上逾期率")
    last = res.forecast.iloc[-1]
    assert en.startswith("DPD30+ is expected to rise from 4.0% (2021-12)")
    assert f"by {last['month']}" in en and "80% range" in en
    assert zh.startswith("预计30天以上逾期率将由 2021-12 的 4.0% 上升至")
    flat = forecast_series(pd.Series([0.05, 0.0501] * 4, index=_months(8)), horizon=2, model="naive")
    assert "roughly flat" in forecast_sentence(flat, "en", "X")
    amount = forecast_series(pd.Series(np.linspace(2e6, 1e6, 8), index=_months(8)), horizon=2,
                             is_rate=False, model="ets")
    assert "万元" in forecast_sentence(amount, "zh", "逾期余额", unit="wan")
    with pytest.raises(ValueError):
        forecast_sentence(res, "fr", "x")


# --- command line ------------------------------------------------------------------------------

def _csv(tmp_path, months: int = 10) -> str:
    rows = ["客户编号,数据日期,逾期天数,贷款余额,产品"]
    for m in range(months):
        for i in range(6):
            dpd = 45 if (i + m) % 5 == 0 else 0
            rows.append(f"A{i},2024-{m + 1:02d}-28,{dpd},{1000 + 10 * i},{'信用卡' if i % 2 else '消费贷'}")
    path = tmp_path / "book.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_cli_json_has_the_design_shape(tmp_path, capsys):
    import json

    from analysis.__main__ import main

    assert main(["forecast", _csv(tmp_path), "--horizon", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"metric", "history", "forecast", "model", "backtest"} <= set(out)
    assert out["metric"] == "dpd30_rate" and len(out["history"]) == 10
    assert [f["month"] for f in out["forecast"]] == ["2024-11", "2024-12"]
    first = out["forecast"][0]
    assert {"month", "mean", "lower", "upper", "lower80", "upper80"} <= set(first)
    assert first["lower"] <= first["lower80"] <= first["mean"] <= first["upper80"] <= first["upper"]
    assert set(out["backtest"]) == {"mase", "mae"}


def test_cli_segment_and_problems(tmp_path, capsys):
    import json

    from analysis.__main__ import main

    path = _csv(tmp_path)
    assert main(["forecast", path, "--by", "product", "--segment", "信用卡", "--json", "--model", "naive"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["segment"] == {"by": "product", "value": "信用卡"} and out["model"] == "naive"
    assert main(["forecast", path, "--horizon", "30"]) == 2
    assert "horizon" in capsys.readouterr().err
    assert main(["forecast", path, "--by", "product", "--segment", "房贷", "--lang", "zh"]) == 2
    assert "没有细分" in capsys.readouterr().err
    assert main(["forecast", _csv(tmp_path, months=4), "--json"]) == 0  # too short: a reason, not an error
    assert "6" in json.loads(capsys.readouterr().out)["reason"]


# --- the fits' shortcuts give statsmodels' own figures ---------------------------------------------

def test_sarima_fit_without_smoother_gives_the_full_fits_aic_forecast_and_intervals():
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    series, _ = _synthetic(7, 20, 0)
    z = np.log(series.to_numpy() / (1 - series.to_numpy()))
    for spec in (((0, 1, 1), (0, 0, 0, 0), "n"), ((1, 1, 0), (0, 0, 0, 0), "t")):
        ours = F._fit_sarima(z, spec)
        full = SARIMAX(pd.Series(z), order=spec[0], seasonal_order=spec[1], trend=spec[2],
                       concentrate_scale=True).fit(disp=False, maxiter=100)
        assert ours.aic == pytest.approx(full.aic, rel=1e-12)
        mean, bands = F._predict("sarima", z, 4, spec, intervals=True, fitted={(len(z), spec): ours})
        pred = full.get_forecast(4)
        np.testing.assert_allclose(mean, pred.predicted_mean, rtol=1e-12)
        for level in (80, 95):
            ci = np.asarray(pred.conf_int(alpha=1 - level / 100))
            np.testing.assert_allclose(bands[level][0], ci[:, 0], rtol=1e-12)
            np.testing.assert_allclose(bands[level][1], ci[:, 1], rtol=1e-12)


def test_ets_intervals_are_statsmodels_prediction_intervals():
    series, _ = _synthetic(8, 20, 0)
    z = np.log(series.to_numpy() / (1 - series.to_numpy()))
    mean, bands = F._predict("ets_damped", z, 5, None, intervals=True)
    pred = F._fit_ets(z, "ets_damped").get_prediction(start=len(z), end=len(z) + 4)
    np.testing.assert_allclose(mean, pred.predicted_mean, rtol=1e-12)
    for level in (80, 95):
        frame = pred.summary_frame(alpha=1 - level / 100)
        np.testing.assert_allclose(bands[level][0], frame["pi_lower"], rtol=1e-12)
        np.testing.assert_allclose(bands[level][1], frame["pi_upper"], rtol=1e-12)


def test_between_fits_calls_the_hook_before_every_fit_and_changes_no_figure():
    series, _ = _synthetic(9, 24, 0)
    plain = forecast_series(series, horizon=4)
    calls = []
    with F.between_fits(lambda: calls.append(1)):
        hooked = forecast_series(series, horizon=4)
    # 24 months: 4 SARIMA orders by AIC, 3 origins × (ETS, ETS damped) and 2 more SARIMA refits
    assert len(calls) >= 4 + 3 * 2 + 2
    pd.testing.assert_frame_equal(plain.forecast, hooked.forecast)
    pd.testing.assert_frame_equal(plain.backtest, hooked.backtest)
    with F.between_fits(lambda: calls.append(1)):
        pass
    before = len(calls)
    forecast_series(series, horizon=4)  # outside the block: no hook
    assert len(calls) == before


def _gappy(months: list[str]) -> pd.Series:
    rng = np.random.default_rng(5)
    return pd.Series(0.05 + 0.01 * rng.standard_normal(len(months)), index=months)


def test_months_filled_in_do_not_count_towards_the_months_a_forecast_needs():
    # 2024-01, 2024-05, 2025-03: 15 months once filled, 3 of them observed
    res = forecast_series(_gappy(["2024-01", "2024-05", "2025-03"]), horizon=3, is_rate=True)
    assert res.model is None and res.reason.key == "trend.forecast.reason.too_short"
    assert res.reason.params["n"] == 3


def test_a_series_more_gap_than_data_is_not_forecast():
    months = [f"2020-{m:02d}" for m in range(1, 9)] + ["2021-06"]  # 11 observed over 26 months: 15 filled in
    months += [f"2022-{m:02d}" for m in (1, 2)]
    res = forecast_series(_gappy(months), horizon=3, is_rate=True)
    assert res.model is None and res.reason.key == "trend.forecast.reason.too_gappy"
    assert res.reason.text("zh") and res.reason.text("en")
    few_gaps = [f"2020-{m:02d}" for m in range(1, 13) if m not in (4, 9)]
    assert forecast_series(_gappy(few_gaps), horizon=3, is_rate=True).model is not None
