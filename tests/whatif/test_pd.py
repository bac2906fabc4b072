"""PD per bucket from the book's own history: chain algebra and behaviour on the sample."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS, custom_buckets
from analysis.whatif.policy import PolicyError
from analysis.whatif.pd import absorbing_keys, estimate_pd, markov_pd, observed_pd, pd_mapping
from tests.conftest import make_portfolio


@pytest.fixture(scope="module")
def bundled_sample():
    """The sample as bundled (the generator's defaults: 3,000 accounts × 24 months)."""
    from data.sample.make_sample import generate_portfolio

    return generate_portfolio()


def test_absorbing_state_math_against_a_hand_computed_chain():
    # Good → {G .8, D .15, B .05}; Delinquent → {G .3, D .4, B .3}; Bad absorbing.
    m = pd.DataFrame([[0.8, 0.15, 0.05], [0.3, 0.4, 0.3], [0.1, 0.1, 0.8]],
                     index=["G", "D", "B"], columns=["G", "D", "B"])
    # By hand: one step: G .05, D .3. Two steps: G = .8*.05 + .15*.3 + .05 = .135;
    # D = .3*.05 + .4*.3 + .3 = .435. Three steps: G = .8*.135 + .15*.435 + .05 = .22325.
    assert markov_pd(m, ["B"], 1).tolist() == pytest.approx([0.05, 0.3, 1.0])
    assert markov_pd(m, ["B"], 2).tolist() == pytest.approx([0.135, 0.435, 1.0])
    assert markov_pd(m, ["B"], 3)["G"] == pytest.approx(0.22325)
    # The cure row of B (.1 back to G) is ignored: default is absorbing.


def test_exit_is_absorbing_and_not_a_default():
    m = pd.DataFrame([[0.5, 0.0, 0.5], [0.0, 1.0, 0.0]], index=["G", "B"], columns=["G", "B", "exit"])
    assert markov_pd(m, ["B"], 12)["G"] == pytest.approx(0.0)
    m2 = pd.DataFrame([[0.4, 0.1, 0.5], [0.0, 1.0, 0.0]], index=["G", "B"], columns=["G", "B", "exit"])
    # geometric: .1 × (1 + .4 + .4²) after 3 steps
    assert markov_pd(m2, ["B"], 3)["G"] == pytest.approx(0.1 * (1 + 0.4 + 0.16))


def test_absorbing_set_follows_the_bucket_definition():
    assert absorbing_keys(DEFAULT_BUCKETS) == ["91-180", "181+"]
    assert absorbing_keys(M_BUCKETS) == ["M4", "M5", "M6", "M6+"]
    assert absorbing_keys(custom_buckets([30, 60, 90])) == ["91+"]
    assert absorbing_keys(custom_buckets([30, 60])) == ["61+"]  # the last bucket holds 91+


def test_observed_rate_on_a_tiny_book():
    df = make_portfolio([
        ("a", "2024-01", 0, 1.0), ("a", "2024-02", 20, 1.0), ("a", "2024-03", 95, 1.0),
        ("b", "2024-01", 0, 1.0), ("b", "2024-02", 0, 1.0), ("b", "2024-03", 0, 1.0),
        ("c", "2024-01", 40, 1.0), ("c", "2024-02", 70, 1.0),
    ])
    obs = observed_pd(df, DEFAULT_BUCKETS, horizon=2).set_index("bucket")
    # complete 2-month windows start in 2024-01 only: a (Current → 95 in March) and b, c (31-60, exits)
    assert obs.loc["Current", "pd"] == pytest.approx(0.5)
    assert obs.loc["Current", "observations"] == 2
    assert obs.loc["31-60", "pd"] == pytest.approx(0.0)
    assert np.isnan(obs.loc["1-30", "pd"])
    assert obs.loc["181+", "pd"] == 1.0


@pytest.mark.parametrize("buckets", [DEFAULT_BUCKETS, M_BUCKETS, custom_buckets([30, 60, 90])],
                         ids=["default", "m", "custom"])
@pytest.mark.parametrize("method", ["markov", "observed"])
def test_pd_increases_with_the_bucket_on_the_sample(bundled_sample, buckets, method):
    table = estimate_pd(bundled_sample, buckets, method=method, monotone=False)  # the raw estimate
    assert table["bucket"].tolist() == list(buckets.keys)
    pds = table["pd"].to_numpy()
    assert ((pds >= 0) & (pds <= 1)).all()
    assert (np.diff(pds) >= 0).all(), table
    live = ~table["bucket"].isin(absorbing_keys(buckets))
    assert (np.diff(pds[live.to_numpy()]) > 0).all(), table  # strictly, before default
    assert pds[0] < 0.2
    assert set(pd_mapping(table)) == set(buckets.keys)


def test_auto_uses_observed_when_history_allows_and_states_the_source(sample_portfolio):
    panel = sample_portfolio
    table = estimate_pd(panel, DEFAULT_BUCKETS, method="auto", lang="zh", min_observations=10)
    assert set(table["method"]) == {"observed", "absorbing"}
    too_few = estimate_pd(panel, DEFAULT_BUCKETS, method="auto", min_observations=10**7)
    assert set(too_few["method"]) == {"markov", "absorbing"}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in s) for s in table["source"])
    short = panel[panel["month"] >= "2024-06"]  # 7 months: not enough for a 12-month window
    assert set(estimate_pd(short, DEFAULT_BUCKETS, method="auto")["method"]) == {"markov", "absorbing"}


def test_bad_parameters_raise(tiny_portfolio):
    panel = tiny_portfolio
    with pytest.raises(PolicyError):
        estimate_pd(panel, DEFAULT_BUCKETS, method="magic")
    with pytest.raises(PolicyError):
        estimate_pd(panel, DEFAULT_BUCKETS, horizon=0)
    one_month = tiny_portfolio[tiny_portfolio["month"] == "2024-03"]
    with pytest.raises(PolicyError):
        estimate_pd(one_month, DEFAULT_BUCKETS, method="markov")


def test_monotone_raises_an_inverted_pd_and_says_so():
    # Bucket 1-30 is seen only as a bucket nobody leaves (as in the UCI file): its raw PD is 0.
    rows = [("n", m, 0, 1.0) for m in ("2024-01", "2024-02", "2024-03")]
    rows += [("s", m, 10, 1.0) for m in ("2024-01", "2024-02", "2024-03")]
    rows += [("b", "2024-01", 0, 1.0), ("b", "2024-02", 95, 1.0), ("b", "2024-03", 125, 1.0)]
    panel = make_portfolio(rows)
    raw = estimate_pd(panel, DEFAULT_BUCKETS, method="markov", monotone=False).set_index("bucket")
    assert raw.loc["1-30", "pd"] == 0.0 and raw.loc["Current", "pd"] > 0
    fixed = estimate_pd(panel, DEFAULT_BUCKETS, method="markov", lang="en").set_index("bucket")
    assert fixed.loc["1-30", "pd"] == fixed.loc["Current", "pd"]
    assert bool(fixed.loc["1-30", "adjusted"]) and "raised" in fixed.loc["1-30", "source"]
    assert not fixed.loc["Current", "adjusted"]
    assert (np.diff(fixed["pd"].to_numpy()) >= 0).all()


@pytest.mark.parametrize("method", ["markov", "observed", "auto"])
def test_given_transitions_give_the_same_table(sample_portfolio, cubes_of, method):
    # The page passes the session's transition cube; without it estimate_pd builds the same cube.
    rolls = cubes_of(sample_portfolio, M_BUCKETS).transitions()
    given = estimate_pd(sample_portfolio, M_BUCKETS, method=method, rolls=rolls)
    built = estimate_pd(sample_portfolio, M_BUCKETS, method=method)
    pd.testing.assert_frame_equal(given, built)
    if method == "markov":  # and the chain really is read from the cube it is given
        first_half = rolls[rolls["month"] < "2024-01"]
        other = estimate_pd(sample_portfolio, M_BUCKETS, method=method, rolls=first_half, monotone=False)
        assert not np.allclose(other["pd"], estimate_pd(sample_portfolio, M_BUCKETS, method=method, monotone=False)["pd"])


# --- the reader's hand edits ------------------------------------------------------------------

def test_pd_edits_take_percent_keep_blanks_and_clip():
    from analysis.whatif.pd import apply_pd_edits

    table = pd.DataFrame({"bucket": ["Current", "1-30", "31-60"], "pd": [0.02, 0.15, 0.4]})
    assert apply_pd_edits(table, [2.0, 15.0, 40.0]) == ({"Current": 0.02, "1-30": 0.15, "31-60": 0.4}, False)
    mapping, edited = apply_pd_edits(table, [3.0, None, "x"])  # a blank or unreadable cell keeps the estimate
    assert mapping == pytest.approx({"Current": 0.03, "1-30": 0.15, "31-60": 0.4}) and edited
    mapping, edited = apply_pd_edits(table, [-5.0, 150.0, 40.0])
    assert mapping == {"Current": 0.0, "1-30": 1.0, "31-60": 0.4} and edited
    before = table.copy()
    apply_pd_edits(table, [1.0, 1.0, 1.0])
    pd.testing.assert_frame_equal(table, before)  # the input is never changed
    with pytest.raises(ValueError):
        apply_pd_edits(table, [1.0])


def test_one_default_dpd_for_pd_backtest_and_ifrs9_stage3():
    import inspect

    from analysis.aging.regulatory import IFRS9_DEFAULT
    from analysis.whatif import pd as whatif_pd
    from analysis.whatif.policy import DEFAULT_DPD, backtest_policy

    assert DEFAULT_DPD == IFRS9_DEFAULT[1] == whatif_pd.DEFAULT_DPD
    assert inspect.signature(backtest_policy).parameters["bad_dpd"].default == DEFAULT_DPD
    assert inspect.signature(absorbing_keys).parameters["default_dpd"].default == DEFAULT_DPD


def test_given_window_outcomes_give_the_same_tables(sample_portfolio):
    # The page counts the 12-month windows once and hands them to the bucket and the account PDs.
    from analysis.whatif.account_pd import HORIZON, cell_outcomes
    from analysis.whatif.pd import pd_table_or_fallback, window_outcomes
    from analysis.whatif.policy import DEFAULT_DPD

    windows = window_outcomes(sample_portfolio, HORIZON, DEFAULT_DPD)
    pd.testing.assert_frame_equal(observed_pd(sample_portfolio, DEFAULT_BUCKETS, outcomes=windows),
                                  observed_pd(sample_portfolio, DEFAULT_BUCKETS))
    for method in ("auto", "observed"):
        pd.testing.assert_frame_equal(
            pd_table_or_fallback(sample_portfolio, DEFAULT_BUCKETS, method=method, outcomes=windows),
            pd_table_or_fallback(sample_portfolio, DEFAULT_BUCKETS, method=method))
    given, own = cell_outcomes(sample_portfolio, DEFAULT_BUCKETS, outcomes=windows), cell_outcomes(sample_portfolio, DEFAULT_BUCKETS)
    pd.testing.assert_frame_equal(given, own)
    assert given.attrs == own.attrs
