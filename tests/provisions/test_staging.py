"""Staging on hand-built histories: DPD thresholds, probation, gaps, the SICR triggers."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.i18n import MessageError
from analysis.provisions.pd_curve import ProvisionError, pd_term_structure
from analysis.provisions.staging import StagingRules, assign_stages

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


def _history(*accounts: tuple[str, list[int]], **extra) -> pd.DataFrame:
    rows = [(a, MONTHS[i], d) for a, dpds in accounts for i, d in enumerate(dpds)]
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due"])
    for col, values in extra.items():
        df[col] = values
    return df


def _stages(df, **rules) -> list[int]:
    return assign_stages(df, StagingRules(**rules))["stage"].tolist()


def test_dpd_thresholds_without_probation():
    df = _history(("a", [0, 30, 31, 90, 91, 500]))
    assert _stages(df, probation_stage2=0, probation_stage3=0) == [1, 1, 2, 2, 3, 3]
    assert _stages(df, stage2_from=1, stage3_from=61, probation_stage2=0, probation_stage3=0) == [1, 2, 2, 3, 3, 3]


def test_probation_holds_an_account_for_n_months_then_passes_it_through_stage_2():
    # cured at month 2; N = 3: held in 3 for months 2-4, released to 2 in month 5, then serves the
    # stage-2 probation (months 5-7 meet stage 1's conditions) and reaches 1 in month 8
    df = _history(("a", [95, 0, 0, 0, 0, 0, 0, 0, 0]))
    assert _stages(df) == [3, 3, 3, 3, 2, 2, 2, 1, 1]
    out = assign_stages(df)
    assert out["dpd_stage"].tolist() == [3] + [1] * 8
    assert out["probation"].tolist() == [False] + [True] * 6 + [False] * 2
    # other lengths
    assert _stages(df, probation_stage3=1, probation_stage2=2) == [3, 3, 2, 2, 1, 1, 1, 1, 1]
    assert _stages(df, probation_stage3=0, probation_stage2=0) == [3, 1, 1, 1, 1, 1, 1, 1, 1]


def test_a_relapse_restarts_the_probation_clock():
    df = _history(("a", [45, 0, 0, 10, 45, 0, 0, 0, 0]))
    # stage 2 backstop at 31; after month 4 the account needs 3 clean months (5-7) again
    assert _stages(df) == [2, 2, 2, 2, 2, 2, 2, 2, 1]
    # a stage-3 month while in stage-2 probation goes straight to 3
    df = _history(("a", [45, 0, 100, 0, 0, 0, 0]))
    assert _stages(df, probation_stage3=1, probation_stage2=1) == [2, 2, 3, 3, 2, 1, 1]


def test_accounts_do_not_leak_into_each_other_and_rows_keep_their_order():
    df = _history(("a", [100, 0, 0]), ("b", [0, 0, 0]), ("c", [0, 40, 0]))
    shuffled = df.sample(frac=1.0, random_state=1)
    out = assign_stages(shuffled)
    assert (out.index == shuffled.index).all()
    assert out.sort_index()["stage"].tolist() == [3, 3, 3, 1, 1, 1, 1, 2, 2]


def test_a_missing_month_counts_as_time_elapsed():
    df = pd.DataFrame({"account_id": "a", "month": ["2024-01", "2024-05", "2024-06"], "days_past_due": [100, 0, 0]})
    # 4 calendar months after the last stage-3 month: past the 3-month hold in stage 3 (02-04,
    # unobserved), so stage 2 from 05, serving the stage-2 probation from there (05-07)
    assert _stages(df) == [3, 2, 2]
    df = pd.DataFrame({"account_id": "a", "month": ["2024-01", "2024-09"], "days_past_due": [100, 0]})
    assert _stages(df) == [3, 1]  # 8 months later both probations are over


def test_the_score_trigger_compares_with_the_first_known_score():
    df = _history(("a", [0, 0, 0, 0]), ("b", [0, 0, 0, 0]),
                  score=[np.nan, 700, 660, 640, 600, 600, 551, 549])
    # a: first known score 700 (month 2); 640 is 60 down. b: 600 → 549 is 51 down
    out = assign_stages(df, StagingRules(score_drop=50, probation_stage2=0))
    assert out["sicr"].tolist() == [False, False, False, True, False, False, False, True]
    assert out["stage"].tolist() == [1, 1, 1, 2, 1, 1, 1, 2]
    with pytest.raises(ProvisionError) as exc:
        assign_stages(df.drop(columns="score"), StagingRules(score_drop=50))
    assert "评分" in exc.value.message("zh")


def test_the_pd_ratio_trigger_uses_the_curve():
    m = pd.DataFrame(np.eye(6), index=["Current", "1-30", "31-60", "61-90", "91-180", "181+"],
                     columns=["Current", "1-30", "31-60", "61-90", "91-180", "181+"])
    m.iloc[0] = [0.98, 0.01, 0, 0, 0.01, 0]   # 12-month PD of Current ≈ 11 %
    m.iloc[1] = [0.5, 0.2, 0, 0, 0.3, 0]      # of 1-30 far above
    curve = pd_term_structure(m, ["91-180", "181+"], 12)
    df = _history(("a", [0, 10, 0]), ("b", [10, 10, 10]))
    out = assign_stages(df, StagingRules(pd_ratio=2, probation_stage2=0), curve=curve)
    # a: Current → 1-30 multiplies the PD; b started in 1-30: no increase since its first month
    assert out["sicr"].tolist() == [False, True, False, False, False, False]
    assert out["stage"].tolist() == [1, 2, 1, 1, 1, 1]
    with pytest.raises(ProvisionError):
        assign_stages(df, StagingRules(pd_ratio=2))


@pytest.mark.parametrize("kwargs", [
    {"stage2_from": 91, "stage3_from": 31}, {"stage2_from": 0}, {"probation_stage2": -1},
    {"probation_stage3": 1.5}, {"probation_stage2": 1000}, {"score_drop": 0}, {"pd_ratio": 1.0},
    {"pd_ratio": float("nan")},
])
def test_bad_rules_are_refused_in_both_languages(kwargs):
    with pytest.raises(MessageError) as exc:
        StagingRules(**kwargs)
    assert exc.value.message("zh") != exc.value.message("en")


def test_the_input_is_not_modified():
    df = _history(("a", [95, 0, 0]), score=[700.0, 690.0, 600.0])
    before = df.copy()
    assign_stages(df, StagingRules(score_drop=50))
    pd.testing.assert_frame_equal(df, before)


def test_later_months_never_change_an_earlier_months_stage():
    rng = np.random.default_rng(4)
    rows = [(f"a{i}", MONTHS[m], int(rng.choice([0, 0, 0, 15, 45, 75, 100, 150])), float(rng.uniform(300, 800)))
            for i in range(60) for m in range(int(rng.integers(0, 4)), int(rng.integers(6, 13)))]
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "score"])
    rules = StagingRules(score_drop=100)
    full = assign_stages(df, rules)
    for cut in ("2024-04", "2024-09"):
        early = df["month"] <= cut
        pd.testing.assert_frame_equal(assign_stages(df[early], rules), full[early])
