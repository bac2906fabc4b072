"""The issue's bar on the bundled sample: stages add to the book, stage 3 = LGD × EAD, the
movement adds up and opens where last month closed, five-tier and NPL figures from the rows."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.rates import shift_month
from analysis.provisions.ecl import EclAssumptions, Scenario
from analysis.provisions.npl import npl_trend
from analysis.provisions.pd_curve import ProvisionError
from analysis.provisions.staging import StagingRules
from analysis.provisions.summary import provision_panel, provisions_for_month, provisions_payload
from tests.conftest import make_portfolio


@pytest.fixture(scope="module")
def sample(full_sample_portfolio):
    return full_sample_portfolio


@pytest.fixture(scope="module")
def latest(sample):
    return provisions_for_month(sample)


def test_stage_totals_add_to_the_book(sample, latest):
    rows = sample[sample["month"] == latest.month]
    p = provisions_payload(latest)
    assert p["month"] == "2024-12" and p["previous_month"] == "2024-11"
    assert sum(s["accounts"] for s in p["stages"]) == p["total"]["accounts"] == len(rows)
    assert round(sum(s["balance"] for s in p["stages"]), 2) == p["total"]["balance"] == round(rows["balance"].sum(), 2)
    ead = rows["balance"] + 0.5 * np.maximum(rows["credit_limit"].fillna(rows["balance"]) - rows["balance"], 0)
    stage3 = rows["account_id"].isin(latest.accounts.loc[latest.accounts["stage"] == 3, "account_id"])
    ead = ead.where(~stage3, rows["balance"])  # a stage-3 line is blocked: EAD = balance
    assert round(sum(s["ead"] for s in p["stages"]), 2) == p["total"]["ead"]
    assert p["total"]["ead"] == pytest.approx(ead.sum(), abs=0.015)  # stages rounded, then added
    # each stage rounded, the total their sum as shown: a cent or so from rounding the raw sum
    assert round(sum(s["ecl"] for s in p["stages"]), 2) == p["total"]["ecl"]
    assert abs(p["total"]["ecl"] - latest.accounts["ecl"].sum()) <= 0.015
    # five-tier classes add to the book too
    assert sum(t["accounts"] for t in p["five_tier"]) == len(rows)
    assert round(sum(t["balance"] for t in p["five_tier"]), 2) == p["total"]["balance"]


def test_stage_3_ecl_is_lgd_times_ead_to_the_cent(latest):
    s3 = latest.accounts[latest.accounts["stage"] == 3]
    assert len(s3) > 0
    assert (s3["ecl"].round(2) == (0.45 * s3["ead"]).round(2)).all()
    p = provisions_payload(latest)
    assert p["stages"][2]["ecl"] == round(0.45 * s3["ead"].sum(), 2)


def test_one_scenario_of_weight_1_multiplier_1_equals_the_unweighted(sample, latest):
    one = provisions_for_month(sample, assumptions=EclAssumptions(scenarios=(Scenario("central", 1.0, 1.0),)))
    assert provisions_payload(one)["stages"] == provisions_payload(latest)["stages"]


def test_the_movement_adds_up_and_opens_where_last_month_closed(sample, latest):
    p = provisions_payload(latest)
    items = {row["item"]: row for row in p["movement"]}
    for col in ("amount", "stage_1", "stage_2", "stage_3"):
        flows = [row[col] for row in p["movement"] if row["item"] != "closing"]
        assert round(sum(flows), 2) == items["closing"][col]
    assert [items["closing"][f"stage_{k}"] for k in (1, 2, 3)] == [s["ecl"] for s in p["stages"]]
    before = provisions_payload(provisions_for_month(sample, shift_month(latest.month, -1)))
    assert [items["opening"][f"stage_{k}"] for k in (1, 2, 3)] == [s["ecl"] for s in before["stages"]]
    # migration: every account of either month once
    mig = p["migration"]
    assert sum(m["accounts"] for m in mig if m["from"] != "new") == before["total"]["accounts"]
    assert sum(m["accounts"] for m in mig if m["to"] != "exited") == p["total"]["accounts"]


def test_five_tier_and_npl_from_the_rows(sample, latest):
    rows = sample[sample["month"] == latest.month]
    dpd, bal = rows["days_past_due"].to_numpy(), rows["balance"].to_numpy()
    cls = np.select([dpd >= 181, dpd >= 121, dpd >= 91, dpd >= 1], [4, 3, 2, 1], 0)
    p = provisions_payload(latest)
    assert [t["accounts"] for t in p["five_tier"]] == np.bincount(cls, minlength=5).tolist()
    npl = bal[cls >= 2].sum()
    assert p["npl"]["balance"] == round(npl, 2)
    assert p["npl"]["ratio"] == pytest.approx(npl / bal.sum())
    allowance = latest.accounts["ecl"].sum()
    assert p["npl"]["coverage"] == pytest.approx(allowance / npl)
    assert p["npl"]["provision_to_loans"] == pytest.approx(allowance / bal.sum())


def test_the_panel_prices_each_month_as_the_month_does(sample, latest):
    panel = provision_panel(sample, keep=("product",))
    month = panel[panel["month"] == latest.month]
    assert month["ecl"].sum() == pytest.approx(latest.accounts["ecl"].sum(), rel=1e-12)
    trend = npl_trend(panel)
    assert trend["month"].tolist() == sorted(sample["month"].unique())
    last = trend.iloc[-1]
    assert last["coverage"] == pytest.approx(latest.npl["coverage"], rel=1e-12)
    by = npl_trend(panel[panel["month"] == latest.month], by="product")
    assert by["balance"].sum() == pytest.approx(latest.npl["total_balance"])


def test_a_single_month_gives_stages_without_movement():
    df = make_portfolio([("a", "2024-03", 0, 100.0), ("b", "2024-03", 120, 50.0)])
    r = provisions_for_month(df)
    p = provisions_payload(r, "en")
    assert p["movement"] == [] and p["previous_month"] is None and "migration" not in p
    assert p["stages"][2]["ecl"] == 22.5 and p["assumptions"]["pd_source"] == "fallback"
    assert any("2024-02" in n for n in p["notes"]) and any("上月" in n for n in provisions_payload(r, "zh")["notes"])


def test_a_month_not_in_the_book_is_refused(sample):
    with pytest.raises(ProvisionError) as exc:
        provisions_for_month(sample, "2031-01")
    assert "2023-01" in exc.value.message("zh") and "2031-01" in exc.value.message("en")


def test_probation_and_sicr_reach_the_figures(sample, latest):
    strict = provisions_for_month(sample, rules=StagingRules(score_drop=30))
    assert strict.stages["accounts"].iloc[1] >= latest.stages["accounts"].iloc[1]
    assert strict.accounts["sicr"].sum() > 0
    loose = provisions_for_month(sample, rules=StagingRules(probation_stage2=0, probation_stage3=0))
    assert loose.stages["accounts"].iloc[2] <= latest.stages["accounts"].iloc[2]


def test_the_input_is_not_modified(sample):
    before = sample.copy()
    provisions_for_month(sample, "2024-06")
    pd.testing.assert_frame_equal(sample, before)


@pytest.mark.parametrize("lang, words", [
    ("en", ["12 from-months pooled, 2023-12…2024-11", "LGD 45%, CCF 50%", "36 months; card 24 months",
            "base 60% (PD ×1), down 40% (PD ×1.3)", "stage 2 from 31 DPD", "score down ≥ 40 points"]),
    ("zh", ["合并 12 个起始月 2023-12…2024-11", "LGD 45%", "36 个月；card 24 个月", "基准 60%（PD ×1）、down 40%（PD ×1.3）",
            "≥31 天第二阶段", "评分较首月下降 ≥40 分"]),
])
def test_the_definitions_line_states_every_assumption(sample, lang, words):
    from analysis.provisions.summary import assumption_parts

    r = provisions_for_month(sample, rules=StagingRules(score_drop=40),
                             assumptions=EclAssumptions(remaining_life_by_product={"card": 24},
                                                        scenarios=(Scenario("base", 0.6), Scenario("down", 0.4, 1.3))))
    text = " | ".join(assumption_parts(r, lang))
    for w in words:
        assert w in text, w
    assert provisions_payload(r, lang)["assumptions"]["definitions"] == assumption_parts(r, lang)


def test_the_pd_trigger_is_point_in_time_and_the_panel_agrees_with_the_month(sample):
    rules = StagingRules(pd_ratio=3)
    month = provisions_for_month(sample, "2024-06", rules=rules)
    assert month.accounts["sicr"].sum() > 0
    panel = provision_panel(sample, rules=rules)
    june = panel[panel["month"] == "2024-06"].set_index("account_id")
    assert june.loc[month.accounts["account_id"], "stage"].tolist() == month.accounts["stage"].tolist()
    # later months do not change June: the same figures from the book cut at June
    cut = provisions_for_month(sample[sample["month"] <= "2024-06"], "2024-06", rules=rules)
    assert cut.accounts["stage"].tolist() == month.accounts["stage"].tolist()
    assert cut.accounts["ecl"].sum() == pytest.approx(month.accounts["ecl"].sum(), rel=1e-12)


def test_rates_the_discounting_cannot_use_are_counted_in_a_note():
    import pandas as pd

    from analysis.provisions.summary import provisions_for_month

    df = pd.DataFrame({"account_id": list("abab"), "month": ["2024-01"] * 2 + ["2024-02"] * 2,
                       "days_past_due": [0, 0, 0, 100], "balance": [100.0, 200.0, 100.0, 200.0],
                       "interest_rate": [2.0, 0.05, 2.0, 0.05]})  # 200 % where 2 % was meant
    r = provisions_for_month(df)
    assert ("provisions.note.rates_unusable", {"n": 1, "example": "200%", "rate": "12%"}) in r.notes
    assert "200%" in r.notes_text("zh")[-1]
    clean = provisions_for_month(df.assign(interest_rate=0.05))
    assert not any(k == "provisions.note.rates_unusable" for k, _ in clean.notes)
