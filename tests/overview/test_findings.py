"""Key findings: the figures in each sentence are the analysis functions' results, and a finding is
stated only when its condition holds (both sides tested)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analysis.overview import findings as fd
from analysis.aging.rates import bucket_mix
from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.core import book_from_portfolio
from analysis.core.rates import delinquency_rates, shift_month
from analysis.overview.findings import (
    Finding, FindingsInputs, finding_bucket_shift, finding_driver, finding_entry_rate, finding_forecast,
    finding_rate_change, finding_top_cause, finding_warnings, finding_whatif, gather_inputs, key_findings,
)
from analysis.core.units import format_rate
from tests.core import reference as ref


@pytest.fixture(scope="module")
def rows(sample_portfolio):
    return sample_portfolio


@pytest.fixture(scope="module")
def cubes(rows):
    book = book_from_portfolio(rows)
    yield book.cubes(DEFAULT_BUCKETS)
    book.close()


@pytest.fixture(scope="module")
def ref_panel(rows):
    """The plain-pandas reference panel: the findings' figures are checked against it, not the engine."""
    return ref.bucketed_panel(rows, DEFAULT_BUCKETS)


@pytest.fixture(scope="module")
def month(rows):
    return sorted(rows["month"].unique())[-1]


@pytest.fixture(scope="module")
def inputs(cubes, rows, month):
    return gather_inputs(cubes, month, "balance", rows=rows)


def _no_placeholders_left(f: Finding) -> None:
    for lang in ("zh", "en"):
        text = f.text(lang)
        assert "{" not in text and not text.startswith("findings."), text


# --- figures equal the analysis functions' results on the sample -------------------------------

@pytest.mark.parametrize("metric", ["dpd30_rate", "dpd90_rate"])
def test_rate_change_figures_are_the_cube_rates(ref_panel, inputs, month, metric):
    rates = delinquency_rates(ref.rate_cube(ref_panel), "balance").set_index("month")[metric]
    prev = shift_month(month, -1)
    f = finding_rate_change(inputs.summary, month, metric)
    assert f.params["value"] == pytest.approx(rates[month], rel=1e-12)
    assert f.params["previous"] == pytest.approx(rates[prev], rel=1e-12)
    assert f.params["change"] == pytest.approx(rates[month] - rates[prev], abs=1e-15)
    assert format_rate(rates[month]) in f.text("en") and format_rate(rates[month]) in f.text("zh")
    magnitude = f"{abs(rates[month] - rates[prev]) * 100:.2f}"
    if f.key != "findings.rate.steady":
        assert f"{magnitude} pp" in f.text("en") and f"{magnitude}个百分点" in f.text("zh")
    _no_placeholders_left(f)


def test_entry_rate_figures_are_trend_entry_rates(ref_panel, inputs, month):
    from analysis.trend.series import entry_rates

    expected = entry_rates(ref.roll_cube(ref_panel), "balance").set_index("month")["entry_rate"]
    f = finding_entry_rate(inputs.summary, month)
    assert f.params["value"] == pytest.approx(expected[month], rel=1e-12)
    assert f.params["previous"] == pytest.approx(expected[shift_month(month, -1)], rel=1e-12)


def test_bucket_shift_is_the_largest_overdue_move(ref_panel, inputs, month):
    mix = bucket_mix(ref.aging_cube(ref_panel), "balance")
    pd.testing.assert_frame_equal(inputs.mix.assign(month=inputs.mix["month"].astype(str)),
                                  mix.assign(month=mix["month"].astype(str)), check_dtype=False, rtol=1e-12)
    f = finding_bucket_shift(mix, month, DEFAULT_BUCKETS, "balance")
    wide = mix.pivot_table(index="month", columns="bucket", values="share", observed=False)
    moves = (wide.loc[month] - wide.loc[shift_month(month, -1)]).drop("Current")
    assert f is not None
    assert f.params["bucket_key"] == moves.abs().idxmax()
    assert f.params["change"] == pytest.approx(moves.loc[f.params["bucket_key"]], abs=1e-15)
    assert f.params["share"] == pytest.approx(wide.loc[month, f.params["bucket_key"]], rel=1e-12)
    assert DEFAULT_BUCKETS.label_of(f.params["bucket_key"], "zh") in f.text("zh")


def test_driver_figures_are_the_decomposition(cubes, rows, ref_panel, month):
    from analysis.causes.decomposition import decompose_rate_change

    prev = shift_month(month, -1)
    contributions, total = fd.driver_contributions(cubes, month, "balance")
    two = rows[rows["month"].isin([prev, month])]
    cube = ref.rate_cube(two, ["region", "product"])
    label = cube["region"].astype(str) + " / " + cube["product"].astype(str)
    change = decompose_rate_change(cube.assign(seg=label.to_numpy()), "seg", prev, month, "dpd30_rate", "balance")
    assert total == pytest.approx(change.change, abs=1e-15)
    rates = delinquency_rates(ref.rate_cube(ref_panel), "balance").set_index("month")["dpd30_rate"]
    assert total == pytest.approx(rates[month] - rates[prev], abs=1e-12)
    expected = change.segments.set_index("segment")["total_effect"]
    got = contributions.set_index("segment")["contribution"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False, rtol=1e-9, atol=1e-15)
    # The effects add up to the change, so the driver's share is a true share of it.
    assert contributions["contribution"].sum() == pytest.approx(total, abs=1e-12)
    f = finding_driver(contributions, total, steady=0.0, share_min=0.0)
    assert f.params["contribution"] == pytest.approx(expected[f.params["segment"]], abs=1e-15)
    assert f.params["share"] == pytest.approx(expected[f.params["segment"]] / total, rel=1e-12)
    assert f.params["segment"] in f.text("en")


def test_forecast_figures_are_forecast_series(inputs, month):
    from analysis.trend.forecast import forecast_series
    from analysis.trend.series import metric_series

    result = forecast_series(metric_series(inputs.summary, "dpd30_rate"), horizon=6)
    f = finding_forecast(inputs.forecast)
    assert f is not None
    assert f.params["end"] == pytest.approx(float(result.forecast["mean"].iloc[-1]), rel=1e-9)
    assert f.params["high"] == pytest.approx(float(result.forecast["upper80"].iloc[-1]), rel=1e-9)
    assert f.params["start_month"] == month
    assert f.params["end_month"] == shift_month(month, 6)
    assert format_rate(f.params["end"]) in f.text("zh")


def test_warning_figures_are_warning_levels(rows, inputs, month):
    from analysis.warnings.signals import warning_levels, warning_signals

    signals = warning_signals(rows, month=month)
    levels = warning_levels(signals)
    f = finding_warnings(inputs.levels, month)
    assert f.params["accounts"] == int(levels.notna().sum())
    assert f.params["red"] == int((levels == "red").sum())
    assert f.params["balance"] == pytest.approx(float(signals.loc[levels.notna(), "balance"].sum()))
    assert f"{f.params['accounts']:,}" in f.text("en")


def test_top_cause_is_the_pareto_leader(rows, inputs, month):
    from analysis.causes.dictionary import cause_pareto, overdue_causes

    pareto = cause_pareto(overdue_causes(rows[rows["month"] == month]), month=month, measure="balance")
    known = pareto[~pareto["cause"].isin(["unknown", "other"])].sort_values("balance_share", ascending=False)
    f = finding_top_cause(inputs.pareto, "balance", month)
    assert f.params["cause_key"] == known["cause"].iloc[0]
    assert f.params["share"] == pytest.approx(known["balance_share"].iloc[0], rel=1e-12)


def test_whatif_figures_are_compare_scenarios(rows, month):
    from analysis.whatif import policy as whatif_policy

    features = whatif_policy.snapshot_features(rows, month)
    asm = whatif_policy.Assumptions({k: 0.01 * (i + 1) for i, k in enumerate(DEFAULT_BUCKETS.keys)})
    results = [whatif_policy.simulate_policy(features, p, asm) for p in whatif_policy.starter_policies("en")]
    comparison = whatif_policy.compare_scenarios(results, 0)
    f = finding_whatif(comparison)
    row = comparison.iloc[1]
    assert f.params["el"] == pytest.approx(-row["expected_loss_vs_champion"])
    assert f.params["accounts"] == row["accounts_affected"]


def test_key_findings_three_to_five_in_priority_order(inputs):
    found = key_findings(inputs)
    assert 3 <= len(found) <= 5
    areas = [f.key for f in found]
    assert areas[0].startswith("findings.rate.")
    assert len(key_findings(inputs, limit=2)) == 2
    with pytest.raises(ValueError):
        key_findings(inputs, limit=0)
    for f in found:
        _no_placeholders_left(f)
        assert f.page.startswith("pages/") and f.page.endswith(".py")
        d = f.to_dict("zh")
        assert d["text"] == f.text("zh") and isinstance(d["figures"], dict)


# --- each finding only when its condition holds ------------------------------------------------

def _summary(values: list[float], metric: str = "dpd30_rate") -> pd.DataFrame:
    months = [f"2024-{m:02d}" for m in range(1, len(values) + 1)]
    return pd.DataFrame({"month": months, metric: values})


@pytest.mark.parametrize("values, key", [
    ([0.030, 0.0305], "findings.rate.up"),      # exactly the steady threshold: a rise
    ([0.030, 0.0295], "findings.rate.down"),
    ([0.030, 0.0304], "findings.rate.steady"),  # 0.04 pp: steady
])
def test_rate_direction_follows_the_change(values, key):
    f = finding_rate_change(_summary(values), "2024-02")
    assert f.key == key
    assert ("rose" in f.text("en")) == (key == "findings.rate.up")
    assert ("fell" in f.text("en")) == (key == "findings.rate.down")


def test_rate_change_needs_the_previous_month():
    assert finding_rate_change(_summary([0.03, 0.04]), "2024-01") is None
    gap = pd.DataFrame({"month": ["2024-01", "2024-03"], "dpd30_rate": [0.03, 0.04]})
    assert finding_rate_change(gap, "2024-03") is None  # calendar months: no 2024-02
    with pytest.raises(ValueError):
        finding_rate_change(_summary([0.03]), "2030-01")
    with pytest.raises(ValueError):
        finding_rate_change(_summary([0.03]), metric="balance")


def _mix(shares_before: list[float], shares_now: list[float]) -> pd.DataFrame:
    keys = list(DEFAULT_BUCKETS.keys)
    return pd.DataFrame({"month": ["2024-01"] * 6 + ["2024-02"] * 6, "bucket": keys * 2,
                         "value": shares_before + shares_now, "share": shares_before + shares_now})


def test_bucket_shift_only_when_a_bucket_moved_enough():
    before = [0.90, 0.05, 0.02, 0.01, 0.01, 0.01]
    small = [0.9005, 0.0495, 0.02, 0.01, 0.01, 0.01]   # 0.05 pp: below the bar
    big = [0.89, 0.05, 0.03, 0.01, 0.01, 0.01]         # 31-60 +1 pp
    assert finding_bucket_shift(_mix(before, small)) is None
    f = finding_bucket_shift(_mix(before, big))
    assert f.key == "findings.bucket.up" and f.params["bucket_key"] == "31-60"
    assert f.params["change"] == pytest.approx(0.01)
    # Current's own move never counts as "the largest bucket movement".
    only_current = [0.95, 0.0, 0.02, 0.01, 0.01, 0.01]
    assert finding_bucket_shift(_mix(before, only_current)).params["bucket_key"] == "1-30"


def test_driver_only_when_one_segment_explains_enough():
    c = pd.DataFrame({"segment": ["A", "B", "C"], "contribution": [0.002, 0.001, 0.001]})
    assert finding_driver(c, 0.004).params["segment"] == "A"          # 50 %
    spread = pd.DataFrame({"segment": list("ABCD"), "contribution": [0.001] * 4})
    assert finding_driver(spread, 0.004) is None                      # 25 % each: nobody drives it
    assert finding_driver(c, 0.0004 * 0.5) is None                    # the change itself is steady
    against = pd.DataFrame({"segment": ["A", "B"], "contribution": [-0.003, 0.007]})
    f = finding_driver(against, 0.004)
    assert f.params["segment"] == "B" and f.key == "findings.driver.up.all"  # 175 % of the net rise
    falling = pd.DataFrame({"segment": ["A", "B"], "contribution": [-0.003, -0.001],
                            "mix_effect": [-0.0005, 0.0], "rate_effect": [-0.0025, -0.001]})
    assert finding_driver(falling, -0.004).key == "findings.driver.down.rate"
    # all of it from one segment, nothing offsetting: "100 % comes from", not "more than the net rise"
    alone = pd.DataFrame({"segment": ["A", "B"], "contribution": [0.205128, 0.0],
                          "mix_effect": [0.045, 0.0], "rate_effect": [0.160, 0.0]})
    assert finding_driver(alone, 0.205128).key == "findings.driver.up.rate"


def _forecast(start: float, end: float, ok: bool = True):
    history = pd.DataFrame({"month": ["2024-05", "2024-06"], "value": [start, start]})
    forecast = pd.DataFrame({"month": ["2024-12"], "mean": [end], "lower80": [end * 0.9], "upper80": [end * 1.1]})
    return SimpleNamespace(ok=ok, history=history, forecast=forecast, model="naive")


def test_forecast_direction_and_absence():
    assert finding_forecast(_forecast(0.03, 0.036)).key == "findings.forecast.up"
    assert finding_forecast(_forecast(0.03, 0.024)).key == "findings.forecast.down"
    assert finding_forecast(_forecast(0.03, 0.0303)).key == "findings.forecast.flat"
    assert finding_forecast(_forecast(0.03, 0.036, ok=False)) is None
    assert finding_forecast(None) is None
    from analysis.trend.forecast import forecast_series

    short = forecast_series(pd.Series([0.01, 0.02, 0.03], index=["2024-01", "2024-02", "2024-03"]))
    assert finding_forecast(short) is None


def test_warnings_only_when_someone_is_warned():
    def levels(red, orange, yellow):
        return pd.DataFrame({"level": ["red", "orange", "yellow"], "accounts": [red, orange, yellow],
                             "balance": [red * 10.0, orange * 10.0, yellow * 10.0]})

    assert finding_warnings(levels(0, 0, 0)) is None
    assert finding_warnings(levels(0, 2, 3)).key == "findings.warnings.some"
    f = finding_warnings(levels(1, 2, 3), "2024-06")
    assert f.key == "findings.warnings.red" and f.params["accounts"] == 6 and f.params["red"] == 1


def test_top_cause_skips_unknown_and_empty():
    pareto = pd.DataFrame({"cause": ["unknown", "forgot"], "count": [5, 1], "balance": [50.0, 10.0],
                           "count_share": [5 / 6, 1 / 6], "balance_share": [50 / 60, 10 / 60]})
    assert finding_top_cause(pareto).params["cause_key"] == "forgot"
    assert finding_top_cause(pareto.iloc[:1]) is None
    assert finding_top_cause(pareto.iloc[:0]) is None
    # reasons matched to no category ("other") are no cause either: an examiner's meeting was told
    # the leading cause was 其他 (two unmatched texts) above 收入下降/失业
    other = pd.DataFrame({"cause": ["other", "income_loss"], "count": [2, 1], "balance": [31000.0, 30800.0],
                          "count_share": [2 / 3, 1 / 3], "balance_share": [0.5016, 0.4984]})
    assert finding_top_cause(other).params["cause_key"] == "income_loss"


def test_whatif_only_when_a_challenger_changes_the_loss():
    base = {"scenario": ["Today", "Same"], "role": ["champion", "challenger"], "accounts_affected": [0, 0],
            "expected_loss_vs_champion": [0.0, 0.0], "revenue_vs_champion": [0.0, 0.0]}
    assert finding_whatif(pd.DataFrame(base)) is None
    worse = dict(base, expected_loss_vs_champion=[0.0, 5.0], accounts_affected=[0, 3])
    assert finding_whatif(pd.DataFrame(worse)).key == "findings.whatif.worse"
    win = dict(base, expected_loss_vs_champion=[0.0, -5.0], revenue_vs_champion=[0.0, 2.0])
    assert finding_whatif(pd.DataFrame(win)).key == "findings.whatif.win"


def test_text_formats_amounts_in_the_unit_and_checks_the_language():
    f = Finding("findings.warnings.some", {"accounts": 1200, "balance": 123456789.0, "red": 0, "red_balance": 0.0,
                                           "month": "2024-06"},
                {"accounts": "count", "balance": "amount", "red": "count", "red_balance": "amount"})
    assert "12,345.68万元" in f.text("zh", "wan")
    assert "1.23 CNY 100m" in f.text("en", "yi")
    assert "1,200" in f.text("en")
    with pytest.raises(ValueError):
        f.text("fr")


def test_gather_inputs_does_not_mutate_its_inputs(cubes, rows):
    before_rows, before_rates = rows.copy(), cubes.rates().copy()
    gather_inputs(cubes, rows=rows, forecast=False, warnings=False)
    pd.testing.assert_frame_equal(rows, before_rows)
    pd.testing.assert_frame_equal(cubes.rates(), before_rates)
    with pytest.raises(ValueError):
        gather_inputs(cubes, measure="amount")
    with pytest.raises(TypeError):
        gather_inputs(rows)  # a portfolio is not a Cubes: say so instead of computing something else


def test_without_rows_the_row_level_analyses_are_left_out(cubes, inputs, month):
    bare = gather_inputs(cubes, month, forecast=False)
    assert bare.levels is None and bare.pareto is None and bare.problems == ()
    # The aggregates do not depend on the rows: the same cubes give the same figures.
    pd.testing.assert_frame_equal(bare.summary, inputs.summary)
    pd.testing.assert_frame_equal(bare.contributions, inputs.contributions)


def test_summary_follows_the_cubes_filters(rows, inputs):
    # A month range on the cubes (the "up to month M" view) gives the whole book's figures for
    # the months it keeps: the entry rate of M needs only the pair M-1 → M.
    months = sorted(rows["month"].unique())
    book = book_from_portfolio(rows)
    try:
        cut = gather_inputs(book.cubes(DEFAULT_BUCKETS, (months[0], months[-3])), forecast=False, drivers=False)
    finally:
        book.close()
    assert cut.month == months[-3] and cut.summary["month"].tolist() == months[:-2]
    whole = inputs.summary.set_index("month").loc[months[:-2]]
    for col in ("accounts", "balance", "dpd30_rate", "dpd90_rate", "entry_rate"):
        np.testing.assert_allclose(cut.summary[col].to_numpy(dtype=float), whole[col].to_numpy(dtype=float),
                                   rtol=1e-12, equal_nan=True)


def test_driver_names_accounts_without_a_segment_value():
    from analysis.overview.findings import driver_contributions

    df = pd.DataFrame({"account_id": list("abcd") * 2, "month": ["2024-01"] * 4 + ["2024-02"] * 4,
                       "days_past_due": [0, 0, 0, 0, 0, 0, 45, 45], "balance": [100.0] * 8,
                       "region": pd.Categorical(["e", "w", None, None] * 2)})
    book = book_from_portfolio(df)
    try:
        table, total = driver_contributions(book.cubes(), "2024-02", by=["region"])
    finally:
        book.close()
    # Nothing is lost: the blank segment is a segment ("—") and the effects add up to the change.
    assert total == pytest.approx(0.5)
    assert table.set_index("segment")["contribution"].to_dict() == pytest.approx({"e": 0.0, "w": 0.0, "—": 0.5})


def test_minimal_inputs_give_findings_without_optional_analyses():
    s = pd.DataFrame({"month": ["2024-05", "2024-06"], "dpd30_rate": [0.028, 0.032], "dpd90_rate": [0.01, 0.013],
                      "entry_rate": [np.nan, 0.02]})
    keys = [f.key for f in key_findings(FindingsInputs("2024-06", "balance", s))]
    assert keys == ["findings.rate.up", "findings.rate.up"]  # dpd30 and dpd90; no entry rate before
    assert all(re.match(r"findings\.", k) for k in keys)


def test_warning_settings_from_the_warnings_page_are_honoured(cubes, rows, month):
    from analysis.warnings.signals import SIGNALS, WarningThresholds

    quiet = WarningThresholds(disabled=tuple(SIGNALS))
    inputs = gather_inputs(cubes, month, rows=rows, forecast=False, causes=False, drivers=False,
                           warning_thresholds=quiet)
    assert int(inputs.levels["accounts"].sum()) == 0
    assert finding_warnings(inputs.levels, month) is None
    assert "findings.warnings" not in " ".join(f.key for f in key_findings(inputs))


def test_a_failing_optional_analysis_is_reported_not_raised(cubes, rows, month, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("no signals today")  # data it cannot run on (MessageError is a ValueError)

    monkeypatch.setattr(fd, "warning_levels_for", broken)
    inputs = gather_inputs(cubes, month, rows=rows, forecast=False, causes=False, drivers=False)
    assert inputs.levels is None
    assert inputs.problems == (("warnings", {"zh": "no signals today", "en": "no signals today"}),)
    assert key_findings(inputs)[0].key.startswith("findings.rate.")


def test_a_failing_analysis_is_reported_in_both_languages(cubes, rows, month, monkeypatch):
    from analysis.core.i18n import MessageError

    def refused(*args, **kwargs):
        raise MessageError("causes.error.empty_month", month=month)

    monkeypatch.setattr(fd, "warning_levels_for", refused)
    inputs = gather_inputs(cubes, month, rows=rows, forecast=False, causes=False, drivers=False)
    (area, messages), = inputs.problems
    assert area == "warnings" and month in messages["zh"] and "余额" in messages["zh"]
    assert "no rate can be computed" in messages["en"]


def test_a_bug_in_an_optional_analysis_is_raised_not_noted(cubes, rows, month, monkeypatch):
    def buggy(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(fd, "warning_levels_for", buggy)
    with pytest.raises(RuntimeError, match="a bug"):
        gather_inputs(cubes, month, rows=rows, forecast=False, causes=False, drivers=False)


@pytest.mark.parametrize("thresholds", [None, "strict"])
def test_signals_kept_by_the_app_give_the_same_levels_and_backtest(rows, month, thresholds):
    # The app keeps one month's signals and hands them to that month's warned accounts and to
    # the next month's backtest (which would otherwise compute them again).
    from analysis.warnings.signals import WarningThresholds, level_outcomes, row_index

    th = None if thresholds is None else WarningThresholds(utilisation_level=0.7, rising_months=3, disabled=("score_drop",))
    index = row_index(rows)
    prev = shift_month(month, -1)
    before = fd.warning_signals_for(rows, prev, DEFAULT_BUCKETS, th, None, index)
    pd.testing.assert_frame_equal(fd.warning_levels_for(rows, prev, DEFAULT_BUCKETS, th, index=index, signals=before),
                                  fd.warning_levels_for(rows, prev, DEFAULT_BUCKETS, th, index=index))
    pd.testing.assert_frame_equal(fd.warning_outcomes_for(rows, month, DEFAULT_BUCKETS, th, index=index,
                                                          prev_signals=before),
                                  fd.warning_outcomes_for(rows, month, DEFAULT_BUCKETS, th, index=index))
    # Signals of another month are refused, not read as the month before.
    with pytest.raises(ValueError):
        level_outcomes(rows, month, th, index=index, prev_signals=fd.warning_signals_for(rows, month, index=index))


def test_a_kept_bucket_mix_gives_the_same_findings(cubes, rows, month):
    # The app keeps the bucket mix (every month) across changes of month and hands it in.
    kept = bucket_mix(cubes.aging(), "balance")
    for m in (month, shift_month(month, -1)):
        given = gather_inputs(cubes, m, "balance", rows=rows, forecast=False, mix=kept)
        computed = gather_inputs(cubes, m, "balance", rows=rows, forecast=False)
        pd.testing.assert_frame_equal(given.mix, computed.mix)
        assert ([(f.key, f.text("en")) for f in fd.key_findings(given)]
                == [(f.key, f.text("en")) for f in fd.key_findings(computed)])
        assert any(f.key.startswith("findings.bucket") for f in fd.key_findings(given, limit=20)) or \
            fd.finding_bucket_shift(kept, m) is None


def test_a_latest_month_with_most_accounts_missing_leads_the_findings():
    # a partial extract: the rate "fell" only because 59 of 60 accounts are missing
    s = pd.DataFrame({"month": ["2024-05", "2024-06"], "accounts": [60, 1], "dpd30_rate": [0.5, 0.0],
                      "dpd90_rate": [0.3, 0.0], "entry_rate": [0.6, 0.0]})
    found = key_findings(FindingsInputs("2024-06", "balance", s))
    assert found[0].key == "findings.data.thin_month" and found[0].severity == 2
    assert "60" in found[0].text("zh") and "98.33%" in found[0].text("en")
    assert found[1].key == "findings.rate.down"  # still said, after the warning
    # a book that shrinks by less than half, or grows, has no such finding
    for accounts in ([60, 31], [60, 90]):
        steady = key_findings(FindingsInputs("2024-06", "balance", s.assign(accounts=accounts)))
        assert all(f.key != "findings.data.thin_month" for f in steady)
