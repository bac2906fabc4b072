"""Early-warning signals, levels and collection actions on hand-built accounts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, custom_buckets
from analysis.warnings.playbook import DEFAULT_CAUSE_RESPONSES, DEFAULT_STAGE_PLAYBOOK
from analysis.warnings.signals import (
    DEFAULT_RULE, LEVELS, SIGNALS, UNASSIGNED, Clause, WarningError, WarningThresholds, action_summary,
    collection_actions, describe_rule, level_outcomes, level_summary, signal_availability, warning_levels,
    warning_signals,
    work_lists,
)
from tests.conftest import make_portfolio

MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04"]


def book(accounts: dict[str, list], **extra: dict[str, list]) -> pd.DataFrame:
    """Accounts as ``{id: [dpd per month or None]}``; extra columns as ``{col: {id: [values]}}``."""
    rows, extras = [], {c: [] for c in extra}
    for acc, dpds in accounts.items():
        for i, d in enumerate(dpds):
            if d is None:
                continue
            rows.append((acc, MONTHS[i], d, 100.0))
            for col, per in extra.items():
                extras[col].append(per.get(acc, [np.nan] * 4)[i])
    df = make_portfolio(rows)
    for col, values in extras.items():
        df[col] = values
    return df


def flags(signals: pd.DataFrame, signal: str) -> dict[str, bool]:
    return dict(zip(signals["account_id"], signals[signal]))


def stand_in_classifier(reasons: pd.Series) -> pd.Categorical:
    """A tiny stand-in for analysis.causes.dictionary.classify_reasons."""
    keys = np.where(reasons.str.contains("恶意|故意", regex=True), "wilful_default",
                    np.where(reasons.str.contains("失业"), "income_loss", "other"))
    return pd.Categorical(keys)


# --- each signal ----------------------------------------------------------------------------

def test_rolled_means_a_worse_bucket_than_last_month():
    df = book({"worse": [0, 0, 0, 5], "same": [0, 0, 10, 20], "better": [0, 0, 40, 10], "new": [None, None, None, 40]})
    s = warning_signals(df)
    assert flags(s, "rolled") == {"worse": True, "same": False, "better": False, "new": False}
    assert s.loc[s["account_id"] == "worse", "prev_bucket"].astype(str).item() == "Current"


def test_rolled_follows_the_bucket_edges_in_use():
    df = book({"a": [0, 0, 0, 20], "b": [0, 0, 20, 40]})
    wide = custom_buckets([60])  # Current, 1-60, 61+
    assert flags(warning_signals(df, buckets=wide), "rolled") == {"a": True, "b": False}
    assert flags(warning_signals(df, buckets=DEFAULT_BUCKETS), "rolled") == {"a": True, "b": True}


def test_first_delinquency_needs_a_clean_past():
    df = book({"first": [0, 0, 0, 3], "again": [10, 0, 0, 3], "clean": [0, 0, 0, 0], "new_bad": [None, None, None, 5]})
    assert flags(warning_signals(df), "first_delinquency") == {
        "first": True, "again": False, "clean": False, "new_bad": True,
    }


def test_first_delinquency_is_unknown_in_the_books_first_month():
    df = book({"a": [5, 10, 20, 30]})
    assert not warning_signals(df, month="2024-01")["first_delinquency"].any()


def test_dpd_rising_for_n_consecutive_months():
    df = book({"up3": [5, 35, 65, 95], "up2": [0, 0, 10, 40], "flat": [0, 30, 30, 60], "gap": [5, None, 65, 95]})
    two = warning_signals(df, thresholds=WarningThresholds(rising_months=2))
    three = warning_signals(df, thresholds=WarningThresholds(rising_months=3))
    assert flags(two, "dpd_rising") == {"up3": True, "up2": True, "flat": False, "gap": False}  # a missing month breaks the run
    assert flags(three, "dpd_rising") == {"up3": True, "up2": False, "flat": False, "gap": False}


def test_utilisation_level_and_jump():
    df = book({"high": [0] * 4, "jump": [0] * 4, "calm": [0] * 4, "nolimit": [0] * 4},
              credit_limit={"high": [100.0, 100, 100, 105], "jump": [200.0, 200, 200, 125],
                            "calm": [400.0] * 4, "nolimit": [0.0] * 4})
    s = warning_signals(df)  # balances are 100: utilisation 95%, 50%→80%, 25%, n/a
    assert flags(s, "high_utilisation") == {"high": True, "jump": False, "calm": False, "nolimit": False}
    assert flags(s, "utilisation_jump") == {"high": False, "jump": True, "calm": False, "nolimit": False}
    assert s.loc[s["account_id"] == "jump", "utilisation"].item() == pytest.approx(0.8)
    loose = warning_signals(df, thresholds=WarningThresholds(utilisation_level=0.8, utilisation_jump=0.4))
    assert flags(loose, "high_utilisation")["jump"] and not flags(loose, "utilisation_jump")["jump"]


def test_high_utilisation_ignores_loans_paying_down():
    df = book({"paying": [0] * 4, "drawing": [0] * 4}, credit_limit={"paying": [100.0] * 4, "drawing": [100.0] * 4})
    df["balance"] = [100.0, 99, 98, 97, 90.0, 92, 94, 96]
    assert flags(warning_signals(df), "high_utilisation") == {"paying": False, "drawing": True}


def test_balance_growth_over_the_window():
    df = book({"grew": [0] * 4, "slow": [0] * 4, "zero": [0] * 4})
    df["balance"] = [100.0, 110, 120, 131, 100.0, 105, 110, 129.99, 0.0, 50, 100, 200]
    s = warning_signals(df, thresholds=WarningThresholds(balance_growth=0.3, growth_months=3))
    assert flags(s, "balance_growth") == {"grew": True, "slow": False, "zero": False}
    one = warning_signals(df, thresholds=WarningThresholds(balance_growth=0.3, growth_months=1))
    assert flags(one, "balance_growth") == {"grew": False, "slow": False, "zero": True}


def test_score_drop_from_the_best_of_the_previous_months():
    df = book({"drop": [0] * 4, "small": [0] * 4, "old": [0] * 4, "noscore": [0] * 4},
              score={"drop": [700.0, 720, 690, 689], "small": [700.0, 700, 700, 675],
                     "old": [800.0, 700, 700, 700], "noscore": [np.nan] * 4})
    s = warning_signals(df, thresholds=WarningThresholds(score_drop=30, score_months=2))
    assert flags(s, "score_drop") == {"drop": True, "small": False, "old": False, "noscore": False}
    longer = warning_signals(df, thresholds=WarningThresholds(score_drop=30, score_months=3))
    assert flags(longer, "score_drop")["old"]


def test_underpaid_to_the_cent_when_payments_are_mapped():
    df = book({"short": [0] * 4, "full": [0] * 4, "cents": [0] * 4, "nodue": [0] * 4, "unknown": [0] * 4},
              due_amount={a: [100.0] * 4 for a in ("short", "full", "cents", "unknown")} | {"nodue": [0.0] * 4},
              paid_amount={"short": [100.0, 100, 100, 99.99], "full": [100.0] * 4, "cents": [100.0, 100, 100, 99.999],
                           "nodue": [0.0] * 4, "unknown": [np.nan] * 4})
    s = warning_signals(df)
    assert flags(s, "underpaid") == {"short": True, "full": False, "cents": False, "nodue": False, "unknown": False}
    half = warning_signals(df, thresholds=WarningThresholds(payment_share=0.5))
    assert not half["underpaid"].any()


def test_wilful_uses_the_latest_recorded_reason():
    reasons = {"wilful": [None, "有钱不还 恶意拖欠", None, None], "changed": [None, "恶意", "失业了", None],
               "none": [None] * 4}
    df = book({"wilful": [0, 10, 40, 70], "changed": [0, 10, 40, 70], "none": [0, 10, 40, 70]},
              overdue_reason=reasons)
    df["overdue_reason"] = df["overdue_reason"].astype("string")
    s = warning_signals(df, classifier=stand_in_classifier)
    assert flags(s, "wilful") == {"wilful": True, "changed": False, "none": False}
    assert dict(zip(s["account_id"], s["cause"].astype(str))) == {
        "wilful": "wilful_default", "changed": "income_loss", "none": "unknown"}


def test_model_score_signal_uses_the_given_probabilities():
    df = book({"a": [0] * 4, "b": [0] * 4, "c": [0] * 4})
    scores = pd.Series({"a": 0.9, "b": 0.1})
    s = warning_signals(df, scores=scores, thresholds=WarningThresholds(model_probability=0.5))
    assert flags(s, "model_score") == {"a": True, "b": False, "c": False}
    assert not warning_signals(df)["model_score"].any()


def test_disabled_signals_never_fire_and_missing_columns_are_reported():
    df = book({"a": [0, 0, 0, 40]})
    s = warning_signals(df, thresholds=WarningThresholds(disabled=("rolled",)))
    assert not s["rolled"].any() and s["first_delinquency"].all()
    avail = signal_availability(df)
    assert avail["rolled"] is None
    assert avail["high_utilisation"] == "warnings.unavailable.credit_limit"
    assert avail["underpaid"] == "warnings.unavailable.payments"


def test_signals_at_a_chosen_month_and_segment_columns_kept():
    df = book({"a": [0, 40, 40, 40], "b": [0, 0, 0, 0]})
    df["owner"] = pd.Categorical(["王"] * 4 + ["李"] * 4)
    s = warning_signals(df, month="2024-02")
    assert s["month"].unique().tolist() == ["2024-02"]
    assert flags(s, "rolled") == {"a": True, "b": False}
    assert s["owner"].astype(str).tolist() == ["王", "李"]
    assert s["n_signals"].tolist() == [2, 0]


def test_signals_do_not_mutate_input_and_match_a_per_account_loop():
    rng = np.random.default_rng(3)
    rows = [(f"A{i}", m, int(rng.choice([0, 0, 5, 35, 70, 100])), float(rng.integers(1, 500)))
            for i in range(60) for m in MONTHS if rng.random() > 0.1]
    df = make_portfolio(rows)
    df["credit_limit"] = 400.0
    before = df.copy()
    s = warning_signals(df, thresholds=WarningThresholds(rising_months=2))
    pd.testing.assert_frame_equal(df, before)
    # the same signals, worked out one account at a time
    for acc, g in df.groupby("account_id"):
        hist = dict(zip(g["month"], g["days_past_due"]))
        if "2024-04" not in hist:
            assert acc not in set(s["account_id"])
            continue
        row = s[s["account_id"] == acc].iloc[0]
        now, prev = hist["2024-04"], hist.get("2024-03")
        code = lambda d: int(np.searchsorted(DEFAULT_BUCKETS.lowers, d, side="right") - 1)
        assert row["rolled"] == (prev is not None and code(now) > code(prev))
        seq = [hist.get(m) for m in MONTHS[-3:]]
        rising = all(x is not None for x in seq) and seq[0] < seq[1] < seq[2]
        assert row["dpd_rising"] == rising
        assert row["first_delinquency"] == (now >= 1 and all(hist[m] == 0 for m in hist if m < "2024-04"))


@pytest.mark.parametrize("kwargs", [
    {"rising_months": 0}, {"utilisation_level": -0.1}, {"balance_growth": float("nan")},
    {"payment_share": 1.5}, {"model_probability": 0}, {"score_months": 2.5}, {"disabled": ("nope",)},
])
def test_bad_thresholds_raise_clear_errors(kwargs):
    with pytest.raises(WarningError) as err:
        WarningThresholds(**kwargs)
    assert err.value.message("zh") and err.value.message("en")


def test_bad_month_and_columns_raise():
    df = book({"a": [0, 0, 0, 0]})
    with pytest.raises(WarningError, match="2030-01"):
        warning_signals(df, month="2030-01")
    with pytest.raises(WarningError, match="balance"):
        warning_signals(df.drop(columns="balance"))
    with pytest.raises(WarningError):
        warning_signals(df.iloc[0:0])


# --- levels -----------------------------------------------------------------------------------

def frame_of(*rows: tuple[int, tuple[str, ...]]) -> pd.DataFrame:
    """Signal frames from (dpd, signals on) tuples."""
    data = {s: [s in on for _, on in rows] for s in SIGNALS}
    f = pd.DataFrame(data).assign(days_past_due=[d for d, _ in rows], balance=[100.0 * (i + 1) for i in range(len(rows))],
                                  account_id=[f"A{i}" for i in range(len(rows))])
    return f.assign(n_signals=f[list(SIGNALS)].sum(axis=1))


def test_levels_follow_the_default_rule():
    f = frame_of(
        (70, ("rolled",)),                                   # rolled into 61+ → red
        (40, ("rolled",)),                                   # rolled → orange
        (0, ("wilful",)),                                    # wilful → red
        (0, ("high_utilisation", "score_drop", "underpaid")),  # 3 signals → red
        (0, ("high_utilisation", "score_drop")),             # 2 signals → orange
        (0, ("balance_growth",)),                            # 1 signal → yellow
        (100, ()),                                           # nothing → no warning
    )
    assert warning_levels(f).astype(object).fillna("none").tolist() == [
        "red", "orange", "red", "red", "orange", "yellow", "none"]


def test_a_changed_rule_changes_levels():
    f = frame_of((40, ("rolled",)), (0, ("balance_growth", "score_drop")))
    rule = {"red": (Clause(min_count=2),), "orange": (), "yellow": (Clause(signals=("rolled",)),)}
    assert warning_levels(f, rule).astype(object).tolist() == ["yellow", "red"]
    # a clause with only a DPD floor still needs one signal
    only_dpd = {"red": (Clause(min_dpd=30),)}
    assert warning_levels(frame_of((40, ()), (40, ("rolled",))), only_dpd).astype(object).fillna("none").tolist() == ["none", "red"]


def test_rule_is_stated_in_both_languages():
    zh, en = describe_rule(DEFAULT_RULE, "zh"), describe_rule(DEFAULT_RULE, "en")
    assert len(zh) == len(en) == 3
    assert zh[0].startswith("红色预警：") and "逾期 ≥ 61 天" in zh[0] and "命中信号 ≥ 3 个" in zh[0]
    assert en[2] == "Yellow: 1 or more signals"
    assert describe_rule({"red": (Clause(min_count=2),)}, "en")[1] == "Orange: (not used)"


@pytest.mark.parametrize("rule", [
    {"purple": (Clause(min_count=1),)}, {"red": (Clause(signals=("nope",)),)},
    {"red": (Clause(min_count=-1),)}, {"red": ("x",)},
])
def test_bad_rules_raise(rule):
    with pytest.raises(WarningError):
        warning_levels(frame_of((0, ("rolled",))), rule)


def test_level_summary_counts_and_balance_reconcile():
    f = frame_of((70, ("rolled",)), (40, ("rolled",)), (0, ("balance_growth",)), (0, ()))
    f["owner"] = pd.Categorical(["王", "王", None, "李"])
    lv = warning_levels(f)
    total = level_summary(f, lv)
    assert total["accounts"].tolist() == [1, 1, 1]
    assert total["balance"].tolist() == [100.0, 200.0, 300.0]
    assert total["balance_share"].sum() == pytest.approx(600 / 1000)
    by = level_summary(f, lv, by="owner")
    assert set(by["owner"]) == {"王", "李", UNASSIGNED}
    assert by["balance"].sum() == total["balance"].sum()
    assert len(by) == 3 * len(LEVELS)
    wang = by[by["owner"] == "王"].set_index("level")
    assert wang.loc["red", "balance_share"] == pytest.approx(100 / 300)


def test_level_outcomes_backtest_the_rule_on_the_month_before():
    # warned at 2024-03 (rolled into 61+ → red; rolled → orange), outcome at 2024-04
    df = book({"red_worse": [0, 0, 70, 100], "orange_same": [0, 0, 40, 45], "quiet_worse": [0, 0, 0, 10],
               "red_gone": [0, 0, 70, None], "quiet": [0, 0, 0, 0]})
    out = level_outcomes(df).set_index("level")
    assert list(out.index) == ["red", "orange", "yellow", "none"]
    assert out.loc["red", ["accounts", "worsened", "exited"]].tolist() == [2, 1, 1]
    assert out.loc["red", "worsened_rate"] == pytest.approx(0.5)
    assert out.loc["orange", ["accounts", "worsened"]].tolist() == [1, 0]
    assert out.loc["none", ["accounts", "worsened"]].tolist() == [2, 1]
    assert out["accounts"].sum() == 5 and out["balance"].sum() == pytest.approx(500.0)
    assert set(out["from_month"]) == {"2024-03"} and set(out["to_month"]) == {"2024-04"}
    # only data up to the warning month is used: a later month changes nothing at 2024-03
    assert level_outcomes(df, month="2024-03").set_index("level").loc["none", "accounts"] == 5
    with pytest.raises(WarningError):
        level_outcomes(df, month="2024-01")


# --- collection actions -----------------------------------------------------------------------

def test_actions_follow_the_stage_playbook():
    f = frame_of((3, ("rolled",)), (20, ("rolled",)), (45, ("rolled",)), (75, ("rolled",)), (120, ("rolled",)), (0, ("score_drop",)))
    f["cause"] = pd.Categorical(["forgot"] * 6)
    acts = collection_actions(f, warning_levels(f)).set_index("account_id")
    assert acts.loc[["A0", "A1", "A2", "A3", "A4"], "stage_action"].tolist() == ["reminder", "call", "letter", "visit", "legal"]
    assert acts.loc[["A0", "A1", "A2", "A3", "A4"], "action"].tolist() == ["reminder", "call", "letter", "visit", "legal"]
    assert acts.loc["A5", "action"] == "reminder"  # current account: the cause's step (forgot → reminder)


def test_actions_follow_the_cause_responses():
    f = frame_of((20, ("rolled",)), (20, ("rolled",)), (20, ("rolled",)), (20, ("rolled",)), (100, ("rolled",)))
    f["cause"] = pd.Categorical(["income_loss", "illness_accident", "wilful_default", "dispute", "business_difficulty"])
    acts = collection_actions(f, warning_levels(f)).set_index("account_id")
    assert acts.loc[["A0", "A1", "A2", "A3", "A4"], "action"].tolist() == [
        "repayment_plan", "grace_period", "legal", "verify", "restructuring"]
    # edited tables are honoured
    book_ = DEFAULT_STAGE_PLAYBOOK.assign(action=["none", "reminder", "visit", "visit", "visit", "legal"])
    edited = collection_actions(f, warning_levels(f), book_, {**DEFAULT_CAUSE_RESPONSES, "income_loss": "call"})
    assert edited.set_index("account_id").loc["A0", "action"] == "visit"


def test_actions_only_for_warned_accounts_and_sorted_by_urgency():
    f = frame_of((0, ()), (5, ("balance_growth",)), (70, ("rolled",)), (40, ("rolled",)))
    f["cause"] = pd.Categorical(["unknown"] * 4)
    acts = collection_actions(f, warning_levels(f))
    assert acts["account_id"].tolist() == ["A2", "A3", "A1"]
    assert acts["level"].astype(str).tolist() == ["red", "orange", "yellow"]
    assert acts["signals"].tolist() == ["rolled", "rolled", "balance_growth"]
    # no recorded cause: the stage decides; a warned current account still gets a contact
    assert acts.set_index("account_id").loc["A1", "action"] == "reminder"
    g = frame_of((0, ("balance_growth",)), (10, ("rolled",))).assign(cause=pd.Categorical(["unknown"] * 2))
    assert collection_actions(g, warning_levels(g))["action"].tolist() == ["call", "call"]
    summary = action_summary(acts)
    assert summary["balance"].sum() == acts["balance"].sum()
    assert summary["accounts"].sum() == len(acts)
    with pytest.raises(WarningError):
        collection_actions(f, warning_levels(f), playbook=pd.DataFrame({"x": [1]}))


def test_work_lists_per_owner_keep_every_warned_account():
    f = frame_of((70, ("rolled",)), (40, ("rolled",)), (5, ("balance_growth",)))
    f["owner"] = pd.Categorical(["王", None, "王"])
    f["bucket"] = pd.Categorical(["61-90", "31-60", "1-30"], categories=list(DEFAULT_BUCKETS.keys))
    f["cause"] = pd.Categorical(["unknown"] * 3)
    acts = collection_actions(f, warning_levels(f))
    lists = work_lists(acts)
    assert list(lists) == ["王", UNASSIGNED]
    assert sum(len(v) for v in lists.values()) == len(acts)
    assert lists["王"]["account_id"].tolist() == ["A0", "A2"]
    zh = work_lists(acts, lang="zh")
    assert zh["王"]["level"].tolist() == ["红色预警", "黄色预警"]
    assert zh["王"]["bucket"].tolist() == ["逾期61-90天", "逾期1-30天"]
    assert zh[UNASSIGNED]["owner"].tolist() == ["（未分配）"]
    assert zh["王"]["signals"].tolist() == ["较上月滚动恶化", "余额快速增长"]


# --- invariants ---------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def portfolios(draw):
    n_acc = draw(st.integers(1, 8))
    rows = []
    for i in range(n_acc):
        for m in MONTHS:
            if draw(st.booleans()) or m == MONTHS[-1]:
                rows.append((f"A{i}", m, draw(st.sampled_from([0, 0, 3, 20, 45, 75, 120, 200])),
                             float(draw(st.integers(0, 1000)))))
    df = make_portfolio(rows)
    df["credit_limit"] = [float(draw(st.sampled_from([0, 500, 1000]))) for _ in range(len(df))]
    df["owner"] = pd.Categorical([draw(st.sampled_from(["王", "李", None])) for _ in range(len(df))])
    return df


@settings(max_examples=25, deadline=None)
@given(portfolios())
def test_levels_actions_and_summaries_reconcile(df):
    before = df.copy()
    s = warning_signals(df)
    lv = warning_levels(s)
    acts = collection_actions(s, lv)
    pd.testing.assert_frame_equal(df, before)
    assert len(s) == (df["month"] == MONTHS[-1]).sum()
    assert (s["n_signals"] == s[list(SIGNALS)].sum(axis=1)).all()
    assert (s.loc[lv.notna().to_numpy(), "n_signals"] >= 1).all()  # nobody is warned without a signal
    total = level_summary(s, lv)
    by = level_summary(s, lv, by="owner")
    assert total["accounts"].sum() == lv.notna().sum() == len(acts)
    assert by["balance"].sum() == pytest.approx(total["balance"].sum())
    assert acts["balance"].sum() == pytest.approx(total["balance"].sum())
    assert action_summary(acts)["accounts"].sum() == len(acts)
    lists = work_lists(acts)
    assert sum(len(v) for v in lists.values()) == len(acts)


# --- charts -------------------------------------------------------------------------------------

import json  # noqa: E402


def _datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_carry_only_aggregates_titles_and_level_colours(lang):
    from analysis.charts.theme import LEVEL_COLOURS
    from analysis.charts.warnings import chart_actions, chart_level_outcomes, chart_levels, chart_levels_by
    from analysis.core.view import View

    rows = [(f"A{i}", m, d, 100.0 + i) for i in range(40) for m, d in zip(MONTHS, [0, 0, 5 * (i % 3), 40 * (i % 4)])]
    df = make_portfolio(rows).assign(owner=pd.Categorical([f"O{i % 5}" for i in range(40) for _ in MONTHS]))
    s = warning_signals(df)
    lv = warning_levels(s)
    acts = collection_actions(s, lv)
    view = View(lang=lang, unit="wan")
    charts = {
        "levels": chart_levels(level_summary(s, lv), view, subtitle="口径"),
        "by": chart_levels_by(level_summary(s, lv, "owner"), view, by="owner", by_label="owner", subtitle="口径"),
        "actions": chart_actions(action_summary(acts), view, subtitle="口径"),
        "outcomes": chart_level_outcomes(level_outcomes(df), view, subtitle="口径"),
    }
    for name, chart in charts.items():
        spec = chart.to_dict()
        assert spec["title"]["text"] and spec["title"]["subtitle"] == "口径", name
        n_rows = max(len(d) for d in _datasets(spec))
        assert n_rows <= 3 * 5 + 1, f"{name} ships {n_rows} rows: row-level data?"
        text = json.dumps(spec, ensure_ascii=False)
        assert not any(f'"A{i}"' in text for i in range(40)), f"{name} names an account"
        if name in ("levels", "by", "outcomes"):
            assert LEVEL_COLOURS["red"] in text and LEVEL_COLOURS["yellow"] in text
    unit = "万元" if lang == "zh" else "CNY 10k"
    assert unit in json.dumps(charts["levels"].to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_balance_bars_are_labelled_with_their_balance_and_name_their_accounts(lang):
    # A count written at the end of a balance bar reads as if it were the bar's length.
    from analysis.charts.warnings import chart_actions, chart_levels
    from analysis.core.view import View

    summary = pd.DataFrame({"level": LEVELS, "accounts": [3, 5, 1200], "balance": [2_500_000.0, 10_000.0, 123_456.0],
                            "balance_share": [0.9, 0.004, 0.046]})
    spec = chart_levels(summary, View(lang=lang, unit="wan")).to_dict()
    labels = [r["label"] for d in _datasets(spec) for r in d]
    suffix = "户）" if lang == "zh" else "accounts)"
    expected = {"zh": ["250.00（3 户）", "1.00（5 户）", "12.35（1,200 户）"],
                "en": ["250.00 (3 accounts)", "1.00 (5 accounts)", "12.35 (1,200 accounts)"]}
    assert labels == expected[lang]
    assert all(label.endswith(suffix) for label in labels)
    acts = pd.DataFrame({"action": ["call"], "accounts": [7], "balance": [50_000.0], "balance_share": [1.0]})
    action_labels = [r["label"] for d in _datasets(chart_actions(acts, View(lang=lang, unit="wan")).to_dict()) for r in d]
    assert action_labels == (["5.00（7 户）"] if lang == "zh" else ["5.00 (7 accounts)"])


def test_the_signals_own_bucket_columns_are_not_segments_to_group_by():
    # The warnings page offered "按prev_bucket的预警余额" as its default grouping on a book
    # without owners: the bucket columns the signals add are states, not segments.
    from analysis.core.schema import segment_columns

    rows = [(f"A{i}", m, d, 100.0) for i in range(4) for m, d in zip(MONTHS, [0, 0, 5, 40])]
    signals = warning_signals(make_portfolio(rows))
    levels = warning_levels(signals)
    shown = signals.assign(level=levels.to_numpy())  # what the page groups
    assert {"bucket", "prev_bucket", "cause", "level"} <= set(shown.columns)
    assert segment_columns(shown) == []


def test_a_current_account_with_an_old_wilful_note_is_neither_red_for_it_nor_sued():
    # paid up this month (its reason cell blank, as exports leave it for current accounts); the
    # wilful note is two months old: no wilful flag, and at most a call, never legal action
    from analysis.causes.dictionary import classify_reasons

    rows = []
    for month, dpd, reason in (("2024-01", 40, "恶意拖欠，拒不还款"), ("2024-02", 70, None), ("2024-03", 0, None)):
        rows.append({"account_id": "W", "month": month, "days_past_due": dpd, "balance": 1000.0,
                     "overdue_reason": reason})
        rows.append({"account_id": "X", "month": month, "days_past_due": dpd + 31, "balance": 1000.0,
                     "overdue_reason": "恶意拖欠" if month == "2024-03" else None})
    signals = warning_signals(pd.DataFrame(rows), month="2024-03", classifier=classify_reasons)
    by_id = signals.set_index("account_id")
    assert not by_id.loc["W", "wilful"] and by_id.loc["X", "wilful"]
    actions = collection_actions(signals.assign(wilful=True), warning_levels(signals.assign(wilful=True)))
    action = actions.set_index("account_id")["action"]
    assert action["W"] == "call" and action["X"] == "legal"
