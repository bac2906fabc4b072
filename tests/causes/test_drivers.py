"""Drivers: segment z-tests, WoE/IV and logistic odds ratios against values worked out by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.causes import drivers as D
from analysis.causes.dictionary import CausesError


def _tiny() -> pd.DataFrame:
    """Level a: 10 bad, 15 good; level b: 5 bad, 45 good (75 accounts, 15 bad)."""
    g = ["a"] * 25 + ["b"] * 50
    bad = [True] * 10 + [False] * 15 + [True] * 5 + [False] * 45
    return pd.DataFrame({"g": pd.Categorical(g), "bad": bad, "balance": 1.0})


def test_woe_and_iv_match_the_hand_computation():
    # %good / %bad per level: a 15/60 and 10/15, b 45/60 and 5/15.
    woe_a, woe_b = math.log((15 / 60) / (10 / 15)), math.log((45 / 60) / (5 / 15))
    iv = (15 / 60 - 10 / 15) * woe_a + (45 / 60 - 5 / 15) * woe_b
    table = D.woe_table(_tiny(), "g").set_index("bin")
    assert table.loc["a", "woe"] == pytest.approx(woe_a, rel=1e-9)
    assert table.loc["b", "woe"] == pytest.approx(woe_b, rel=1e-9)
    assert table["iv"].sum() == pytest.approx(iv, rel=1e-9)
    assert iv == pytest.approx(0.746567, abs=1e-6)
    ranking = D.information_value(_tiny(), ["g"])
    assert ranking.loc[0, "iv"] == pytest.approx(iv, rel=1e-9)
    assert ranking.loc[0, "strength"] == "suspicious"
    assert ranking.loc[0, "riskiest_bin"] == "a"


def test_empty_cell_gets_the_half_count_adjustment():
    df = pd.DataFrame({"g": ["a"] * 4 + ["b"] * 4, "bad": [True] * 4 + [True, False, False, False]})
    table = D.woe_table(df, "g").set_index("bin")
    # Level a has no good account: 0.5 stands in, so WoE = ln((0.5/3) / (4/5)).
    assert table.loc["a", "woe"] == pytest.approx(math.log((0.5 / 3) / (4 / 5)))
    assert np.isfinite(table["iv"]).all()


def test_numeric_attributes_are_binned_into_quantiles_with_missing_apart():
    values = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, np.nan, np.nan])
    bins = D.attribute_bins(values, bins=4)
    assert bins.value_counts().to_dict()["missing"] == 2
    assert bins.nunique() == 5
    assert list(bins.cat.categories)[-1] == "missing"


def test_odds_ratio_and_ci_match_the_two_by_two_table():
    fit = D.logistic_drivers(_tiny(), ["g"])
    row = fit.table.iloc[0]
    assert (row["level"], row["reference"]) == ("a", "b")
    odds = (10 / 15) / (5 / 45)
    se = math.sqrt(1 / 10 + 1 / 15 + 1 / 5 + 1 / 45)  # Woolf
    z = stats.norm.ppf(0.975)
    assert row["odds_ratio"] == pytest.approx(odds, rel=1e-6)
    assert row["ci_low"] == pytest.approx(math.exp(math.log(odds) - z * se), rel=1e-5)
    assert row["ci_high"] == pytest.approx(math.exp(math.log(odds) + z * se), rel=1e-5)
    assert fit.n == 75 and fit.events == 15
    assert fit.warning is None


def test_numeric_odds_ratio_is_per_step():
    rng = np.random.default_rng(3)
    x = rng.normal(50_000, 20_000, size=2_000)
    p = 1 / (1 + np.exp(-(-3 + x / 25_000)))
    df = pd.DataFrame({"credit_limit": x, "bad": rng.uniform(size=x.size) < p})
    per_unit = D.logistic_drivers(df, ["credit_limit"], standardise=False).table.iloc[0]
    per_step = D.logistic_drivers(df, ["credit_limit"]).table.iloc[0]
    assert per_step["step"] == 20_000
    assert per_step["odds_ratio"] == pytest.approx(per_unit["odds_ratio"] ** 20_000, rel=1e-4)
    assert per_step["ci_low"] > 1  # the true effect is strongly positive
    text = D.explain_odds_ratios(D.logistic_drivers(df, ["credit_limit"]), "zh", {"credit_limit": "授信额度"})[0]
    assert "授信额度每增加 20,000" in text.replace(" 每", "每")


def test_thin_levels_are_pooled_instead_of_separating():
    df = pd.concat([_tiny(), pd.DataFrame({"g": ["c"] * 6, "bad": [False] * 6, "balance": 1.0})], ignore_index=True)
    fit = D.logistic_drivers(df, ["g"])
    assert "c" not in set(fit.table["level"])
    assert np.isfinite(fit.table["ci_high"]).all()


def test_segment_rates_z_test_and_chi_square_by_hand():
    df = pd.DataFrame({"region": ["N"] * 50 + ["S"] * 50, "balance": 2.0,
                       "bad": [True] * 25 + [False] * 25 + [True] * 2 + [False] * 48})
    out = D.segment_rates(df, "region").set_index("segment")
    pooled = 27 / 100
    z = (25 / 50 - 2 / 50) / math.sqrt(pooled * (1 - pooled) * (1 / 50 + 1 / 50))
    p = 2 * stats.norm.sf(z)
    assert out.loc["N", "p_value"] == pytest.approx(p, rel=1e-9)
    assert out.loc["N", "p_adjusted"] == pytest.approx(min(1, 2 * p), rel=1e-9)  # Holm, two tests
    assert out.loc["N", "diff"] == pytest.approx(0.5 - pooled)
    assert out.loc["N", "balance_rate"] == pytest.approx(0.5)
    assert out["direction"].to_dict() == {"N": "higher", "S": "lower"}
    chi = D.segment_independence(df, "region")
    assert chi["chi2"] == pytest.approx(z * z, rel=1e-9)
    assert chi["dof"] == 1


def test_segment_rates_sum_back_to_the_book():
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"g": rng.choice(list("abcde"), 500), "bad": rng.uniform(size=500) < 0.1, "balance": 1.0})
    out = D.segment_rates(df, "g")
    assert out["count"].sum() == 500
    assert out["bad"].sum() == df["bad"].sum()
    assert not out["significant"].any() or out["p_adjusted"].min() < 0.05


def test_driver_frame_builds_the_flag_and_derived_attributes(tiny_portfolio):
    df = tiny_portfolio.assign(credit_limit=200.0, origination_date=pd.Timestamp("2023-01-15"))
    frame = D.driver_frame(df, "2024-02")
    assert frame.set_index("account_id")["bad"].to_dict() == {"A": False, "B": True, "C": True}
    assert frame.set_index("account_id")["utilisation"].to_dict()["B"] == pytest.approx(210 / 200)
    assert set(frame["months_on_book"]) == {13.0}
    assert D.driver_frame(df, "2024-02", min_dpd=1)["bad"].sum() == 2
    before = df.copy()
    D.driver_frame(df)
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize(("call", "key"), [
    (lambda f: D.driver_frame(f, "2024/02"), "causes.error.month_format"),
    (lambda f: D.driver_frame(f, "2030-01"), "causes.error.month_missing"),
    (lambda f: D.driver_frame(f, min_dpd=0), "causes.error.min_dpd"),
    (lambda f: D.segment_rates(D.driver_frame(f), "colour"), "causes.error.no_attribute"),
    (lambda f: D.segment_rates(D.driver_frame(f), "account_id", alpha=2), "causes.error.alpha"),
    (lambda f: D.logistic_drivers(D.driver_frame(f), []), "causes.error.no_attributes"),
    (lambda f: D.woe_table(D.driver_frame(f).assign(bad=False), "balance"), "causes.error.one_class"),
    (lambda f: D.attribute_bins(f["balance"], bins=1), "causes.error.bins"),
])
def test_bad_parameters_raise_clear_errors(tiny_portfolio, call, key):
    with pytest.raises(CausesError) as err:
        call(tiny_portfolio)
    assert err.value.key == key
    assert err.value.message("zh") and err.value.message("en")


def test_explanations_exist_in_both_languages_for_every_verdict():
    fit = D.logistic_drivers(_tiny(), ["g"])
    for lang in ("zh", "en"):
        lines = D.explain_odds_ratios(fit, lang)
        assert len(lines) == 1 and "6.00" in lines[0]
    none = D.LogitResult(table=fit.table.assign(ci_low=0.5, ci_high=2.0), n=75, events=15, pseudo_r2=0.1)
    assert "includes 1" in D.explain_odds_ratios(none, "en")[0]
    # no interval (a handful of accounts, or separation): no verdict, and no "nan"
    unknown = D.LogitResult(table=fit.table.assign(ci_low=np.nan, ci_high=np.nan), n=3, events=2, pseudo_r2=0.1)
    for lang, words in (("en", "cannot be estimated"), ("zh", "无法估计")):
        line = D.explain_odds_ratios(unknown, lang)[0]
        assert words in line and "nan" not in line.lower() and "includes 1" not in line


def test_numeric_bins_stay_in_order_in_the_woe_table():
    df = pd.DataFrame({"score": np.arange(100, dtype=float), "bad": np.arange(100) < 30})
    table = D.woe_table(df, "score", bins=4)
    assert table["bin"].tolist()[0].startswith("≤") and table["bin"].tolist()[-1].startswith(">")
    assert table["bad_rate"].is_monotonic_decreasing


def test_a_category_of_many_numbers_is_binned_as_a_number():
    ages = pd.Series(pd.Categorical([str(a) for a in range(20, 60)] * 3))
    assert D.attribute_bins(ages, bins=4).nunique() == 4


def test_driver_charts_build_in_both_languages():
    from analysis.charts import causes as CH
    from analysis.core.view import View

    df = pd.DataFrame({"region": ["N"] * 50 + ["S"] * 50, "balance": 2.0,
                       "bad": [True] * 25 + [False] * 25 + [True] * 2 + [False] * 48})
    for lang in ("zh", "en"):
        view = View(lang=lang, month="2024-01")
        rates = CH.chart_segment_rates(D.segment_rates(df, "region"), view, by_label="Region", threshold_days=30,
                                       subtitle="defs").to_dict()
        assert rates["title"]["subtitle"] == "defs"
        iv = CH.chart_iv_ranking(D.information_value(_tiny(), ["g"]), view).to_dict()
        assert "IV" in str(iv)
        forest = CH.chart_driver_odds_ratios(D.logistic_drivers(_tiny(), ["g"]).table, view).to_dict()
        assert "log" in str(forest)


def test_bins_whose_edges_round_alike_get_names_of_their_own():
    from analysis.causes.drivers import attribute_bins

    values = pd.Series([24275.0, 24275.4, 24275.6, 24276.0, 24276.2, 24276.8] * 5)
    bins = attribute_bins(values, bins=5)
    names = list(bins.cat.categories)
    assert len(set(names)) == len(names)
    assert bins.notna().all()
