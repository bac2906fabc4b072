"""The tables behind the early-warning figures: titles in both languages, amounts in the unit, rates as shares."""
from __future__ import annotations


import pandas as pd
import pytest

from analysis.core.view import View
from analysis.warnings import tables as T
from analysis.warnings.playbook import DEFAULT_STAGE_PLAYBOOK
from analysis.warnings.signals import (
    SIGNALS, WarningThresholds, action_summary, collection_actions, level_outcomes, level_summary,
    signal_availability, warning_levels, warning_signals,
)
from tests.conftest import make_portfolio

MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04"]


@pytest.fixture(scope="module")
def book() -> pd.DataFrame:
    rows = [(f"A{i}", m, d, 10_000.0 * (i + 1)) for i in range(30)
            for m, d in zip(MONTHS, [0, 0, 5 * (i % 3), 40 * (i % 4)])]
    return make_portfolio(rows).assign(owner=pd.Categorical([f"O{i % 4}" for i in range(30) for _ in MONTHS]))


@pytest.fixture(scope="module")
def signals(book):
    s = warning_signals(book)
    return s.assign(level=warning_levels(s).to_numpy())


def test_signal_summary_counts_and_sums_each_flag(signals):
    out = T.signal_summary(signals)
    assert out["signal"].tolist() == list(SIGNALS)
    for s, n, bal in out.itertuples(index=False):
        flagged = signals[s].to_numpy(dtype=bool)
        assert n == flagged.sum() and bal == pytest.approx(signals.loc[flagged, "balance"].sum())


def test_month_totals(signals):
    assert T.month_totals(signals) == (len(signals), pytest.approx(signals["balance"].sum()))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_signal_table_states_definitions_units_and_status(book, signals, lang):
    th = WarningThresholds(disabled=("model_score",))
    availability = signal_availability(book, th)
    view = View(lang=lang, unit="wan")
    table = T.signal_table(T.signal_summary(signals), availability, th, view)
    assert len(table.frame) == len(SIGNALS)
    amount = view.text("warnings.th.col.balance", unit=view.unit_label)
    assert table.kind(amount) == "amount" and table.kind(view.text("warnings.th.col.accounts")) == "count"
    assert table.frame[amount].sum() == pytest.approx(T.signal_summary(signals)["balance"].sum() / 10_000)
    status = table.frame[view.text("warnings.th.col.status")].tolist()
    assert view.text("warnings.unavailable.disabled") in status and view.text("warnings.th.ok") in status


def test_unavailable_leaves_out_what_the_reader_switched_off():
    availability = {"rolled": None, "score_drop": "warnings.unavailable.score", "wilful": T.DISABLED}
    assert T.unavailable_signals(availability) == {"score_drop": "warnings.unavailable.score"}
    assert "；" not in T.unavailable_text(availability, "zh")
    assert T.unavailable_text({"rolled": None, "wilful": T.DISABLED}, "en") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_level_tables_overall_and_by_segment(signals, lang):
    view = View(lang=lang, unit="yi")
    summary = level_summary(signals, signals["level"])
    table = T.level_table(summary, view)
    share = view.text("warnings.tcol.balance_share")
    assert table.kind(share) == "rate" and table.frame[share].tolist() == pytest.approx(summary["balance_share"].tolist())
    balance = view.text("warnings.tcol.balance_unit", unit=view.unit_label)
    assert table.frame[balance].sum() == pytest.approx(summary["balance"].sum() / 1e8)
    by = T.level_table(level_summary(signals, signals["level"], by="owner"), view, by="owner", by_label="OWNER")
    assert by.shown_columns[0] == "OWNER" and by.key != table.key
    assert by.frame[balance].sum() == pytest.approx(table.frame[balance].sum())


def test_outcome_action_playbook_tables(book, signals):
    view = View(lang="en", unit="yuan")
    out = level_outcomes(book)
    table = T.outcome_table(out, view)
    assert table.frame["Share worsened"].tolist() == pytest.approx(out["worsened_rate"].tolist(), nan_ok=True)
    acts = action_summary(collection_actions(signals, signals["level"]))
    at = T.action_table(acts, view)
    assert at.frame["Accounts"].sum() == acts["accounts"].sum()
    book_table = T.playbook_table(DEFAULT_STAGE_PLAYBOOK, view).text_frame("en")
    assert book_table.iloc[-1, 1] == "∞" and book_table.iloc[0, 1] == "0"


def test_odds_and_calibration_tables():
    view = View(lang="zh")
    odds = pd.DataFrame({"odds_ratio": [2.0], "ci_low": [1.5], "ci_high": [2.5], "p_value": [0.00012]})
    table = T.odds_table(odds, ["特征A"], view)
    assert table.text_frame("zh").iloc[0].tolist() == ["特征A", "2.000", "1.500", "2.500", "0.0001"]
    cal = pd.DataFrame({"decile": [1, 2], "n": [10, 10], "min_p": [0.0, 0.1], "max_p": [0.1, 0.2],
                        "mean_predicted": [0.05, 0.15], "observed_rate": [0.1, 0.2], "events": [1, 2]})
    ct = T.calibration_table(cal, view)
    assert [ct.kind(c) for c in ct.shown_columns] == [T.CALIBRATION_KINDS[c] for c in cal.columns]
    assert ct.text_frame("zh").iloc[0, 4] == "5.00%"


def test_builders_do_not_touch_their_inputs(signals):
    summary = level_summary(signals, signals["level"])
    before = summary.copy()
    T.level_table(summary, View())
    pd.testing.assert_frame_equal(summary, before)


def test_the_actions_share_is_titled_by_its_base_the_warned_balance():
    # the levels' share is of the book's balance, the actions' of the warned balance: one title
    # over both made "Phone call 67.7 %" read as two thirds of the book (it was 2.8 %)
    from analysis.core.view import View
    from analysis.warnings.tables import action_table, level_table

    view = View(lang="en", unit="yuan")
    by_action = pd.DataFrame({"action": ["call"], "label": ["Phone call"], "accounts": [3], "balance": [30.0],
                              "balance_share": [1.0]})
    levels = pd.DataFrame({"level": ["red"], "accounts": [3], "balance": [30.0], "balance_share": [0.028]})
    actions = action_table(by_action, view).text_frame("en").columns.tolist()
    assert "Share of warned balance" in actions and "Share of balance" not in actions
    assert "Share of balance" in level_table(levels, view).text_frame("en").columns.tolist()


def test_by_a_segment_the_levels_share_is_titled_by_the_segments_balance():
    # By owner, each row's share is of that owner's own book: "余额占比" did not say which total.
    from analysis.core.view import View
    from analysis.warnings.tables import level_table

    levels = pd.DataFrame({"owner": ["张三", "李四"], "level": ["red", "red"], "accounts": [3, 1],
                           "balance": [30.0, 5.0], "balance_share": [0.3, 0.05]})
    for lang, title in (("zh", "占本组余额比例"), ("en", "Share of the segment's balance")):
        frame = level_table(levels, View(lang=lang, unit="yuan"), by="owner").text_frame(lang)
        assert frame.columns[-1] == title
