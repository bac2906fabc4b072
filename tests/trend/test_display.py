"""What the trend page shows beside its charts (analysis.trend.display): cards, tables, small sums."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import custom_buckets
from analysis.core.view import View
from analysis.trend import display as d
from analysis.trend.forecast import ForecastResult, Note
from analysis.trend.projection import project_balances, projection_rates, roll_rate_loss

EN = View(lang="en", unit="wan")


def _result(values=(0.02, 0.03), forecast=True, backtest=None, model="ets", reason=None) -> ForecastResult:
    months = [f"2024-{i + 1:02d}" for i in range(len(values))]
    history = pd.DataFrame({"month": months, "value": list(values)})
    fc = pd.DataFrame({"month": ["2025-01"], "mean": [0.04], "lower80": [0.035], "upper80": [0.045],
                       "lower95": [0.03], "upper95": [0.05]}) if forecast else pd.DataFrame(
        columns=["month", "mean", "lower80", "upper80", "lower95", "upper95"])
    bt = backtest if backtest is not None else pd.DataFrame(
        {"model": ["ets", "naive"], "mase": [0.8123, 1.0], "mae": [0.002, 0.004], "chosen": [True, False]})
    return ForecastResult(history, fc, bt, model, reason=reason)


def test_change_cards_of_a_rate_and_of_an_amount():
    s = pd.Series([0.010, 0.012, 0.011], index=["2024-01", "2024-02", "2024-03"])
    c = d.change_cards(s, EN, is_rate=True)
    assert (c.month, c.latest, c.mom, c.mom_pct, c.yoy, c.pace) == ("2024-03", "1.10%", "-0.10", "-8.33%", None, "not_rising")
    amounts = pd.Series([1e6, 2e6], index=["2024-01", "2024-02"])
    c = d.change_cards(amounts, EN, is_rate=False)
    assert c.latest == "200.00 CNY 10k" and c.mom == "+100.00" and c.pace == "unknown" and c.acceleration is None


def test_forecast_table_scales_amounts_and_keeps_rates():
    r = _result()
    rate = d.forecast_table(r, EN, is_rate=True)
    assert rate.frame.iloc[:, 1].tolist()[:2] == [0.02, 0.03]
    assert set(rate.kinds.values()) == {"text", "rate"}
    amount = d.forecast_table(_result(values=(20000.0, 30000.0)), EN, is_rate=False)
    assert amount.frame.iloc[:2, 1].tolist() == [2.0, 3.0]
    assert set(amount.kinds.values()) == {"text", "amount"}


def test_backtest_table_marks_the_model_in_use_and_writes_mae_in_points():
    t = d.backtest_table(_result(), EN, is_rate=True)
    assert list(t.frame.columns) == ["Model", "MASE", "MAE (pp)"]
    assert t.frame["Model"].str.startswith("✓").sum() == 1
    assert t.text_frame("en")["MASE"].tolist() == ["0.81", "1.00"]
    assert t.frame["MAE (pp)"].tolist() == pytest.approx([0.2, 0.4])
    amounts = d.backtest_table(_result(backtest=pd.DataFrame({"model": ["naive"], "mase": [1.0], "mae": [50000.0],
                                                              "chosen": [True]})), EN, is_rate=False)
    assert amounts.frame.iloc[0, 2] == pytest.approx(5.0) and "CNY 10k" in amounts.frame.columns[2]


def test_changes_table_writes_rate_changes_in_points():
    s = pd.Series([0.010, 0.012], index=["2024-01", "2024-02"])
    t = d.changes_table(s, View(lang="zh"), is_rate=True)
    assert t.text_frame("zh").iloc[1, 2] == "+0.20个百分点"


@pytest.mark.parametrize("pairs, expected", [(24, ([1, 3, 6, 12], 3)), (5, ([1, 3], 3)), (2, ([1], 1)), (0, ([0], 0))])
def test_window_choices(pairs, expected):
    assert d.window_choices(pairs) == expected


def test_the_matrix_goes_to_percent_and_back_unchanged():
    base = pd.DataFrame([[0.9, 0.1, 0.0], [0.5, 0.3, 0.2]], index=["Current", "1-30"],
                        columns=["Current", "1-30", "exit"])
    shown = d.matrix_in_percent(base, EN)
    pd.testing.assert_frame_equal(d.matrix_from_percent(shown, base), base)
    assert base.loc["Current", "Current"] == 0.9  # the input is not mutated


def test_projection_table_has_every_bucket_in_the_unit_and_the_rate():
    b = custom_buckets([30])
    m = pd.DataFrame([[0.9, 0.1, 0.0, 0.0], [0.5, 0.3, 0.2, 0.0], [0.0, 0.0, 0.9, 0.1]],
                     index=list(b.keys), columns=[*b.keys, "exit"])
    p = project_balances(pd.Series(dict(zip(b.keys, [90000.0, 5000.0, 5000.0]))), m, 2)
    t = d.projection_table(p, projection_rates(p, b), EN.but(buckets=b))
    assert t.frame.shape == (3, 1 + 4 + 1 + 1)  # month, 3 buckets + exit, total, DPD90+ rate
    assert t.frame.iloc[0, -2] == pytest.approx(10.0)  # 100,000 元 = 10 万元


def test_loss_totals_and_table():
    m = pd.DataFrame([[0.9, 0.1, 0.0, 0.0], [0.5, 0.3, 0.2, 0.0], [0.0, 0.0, 1.0, 0.0]],
                     index=["Current", "1-30", "31+"], columns=["Current", "1-30", "31+", "exit"])
    loss = roll_rate_loss(pd.Series({"Current": 100.0, "1-30": 10.0, "31+": 1.0}), m)
    totals = d.loss_totals(loss)
    assert totals == pytest.approx({"balance": 111.0, "expected_loss": 5.0, "loss_factor": 5.0 / 111.0})
    table = d.loss_table(loss, View(lang="en", unit="yuan", buckets=custom_buckets([30])))
    assert table.text_frame("en").iloc[-1].tolist() == ["Total", "111.00", "–", "4.50%", "5.00"]
    assert math.isnan(d.loss_totals(loss.assign(balance=0.0))["loss_factor"])


def test_segment_table_reports_a_missing_forecast_with_its_reason():
    ok = _result()
    short = _result(forecast=False, model=None, reason=Note("trend.forecast.reason.too_short", {"n": 3, "min": 6}))
    t = d.segment_table({"A": ok, "B": short}, EN, is_rate=True, horizon=6)
    text = t.text_frame("en")
    assert text.iloc[0].tolist()[1:4] == ["3.00%", "4.00%", "3.50% – 4.50%"]
    assert "at least 6" in text.iloc[1, 3] and text.iloc[1, 2] == "–" and text.iloc[1, 5] == "–"


def test_vintage_backtest_summary():
    bt = pd.DataFrame({"error": [0.01, -0.03, 0.02], "in80": [True, False, True]})
    assert d.vintage_backtest_summary(bt) == pytest.approx({"cohorts": 3, "mae": 0.02, "coverage80": 2 / 3})
    empty = d.vintage_backtest_summary(bt.iloc[:0])
    assert empty["cohorts"] == 0 and np.isnan(empty["mae"])


def test_trend_metrics_need_the_overdue_amount_column():
    assert "overdue_amount" not in d.trend_metrics(("balance",))
    assert "overdue_amount" in d.trend_metrics(("balance", "overdue_amount"))


def test_vintage_tables_keep_numbers_and_read_an_empty_backtest():
    f = pd.DataFrame({"mob": [1.0, 2.0], "factor": [1.25, float("nan")], "increment": [0.002, 0.001],
                      "sigma": [0.1, 0.2], "cohorts": [4.0, 1.0]})
    factors = d.factors_table(f, View(lang="zh"))
    assert factors.frame.iloc[:, 1].tolist()[0] == 1.25 and factors.text_frame("zh").iloc[1, 1] == "–"
    columns = ["cohort", "from_mob", "to_mob", "actual", "predicted", "lower80", "upper80", "error", "in80"]
    empty = d.vintage_backtest_table(pd.DataFrame({c: [] for c in columns}), View(lang="en"))
    assert len(empty.frame) == 0 and len(empty.shown_columns) == len(columns)
