"""Slicing warned accounts: owners, level and owner filters, the account list as shown, work-list totals."""
from __future__ import annotations


import pandas as pd
import pytest

from analysis.core.view import View
from analysis.core.vocabulary import CAUSE_KEYS
from analysis.warnings import worklists as W
from analysis.warnings.signals import UNASSIGNED, collection_actions, warning_levels, warning_signals, work_lists
from tests.conftest import make_portfolio

MONTHS = ["2024-01", "2024-02", "2024-03"]


@pytest.fixture
def actions() -> pd.DataFrame:
    rows = [(f"A{i}", m, d, 1000.0 * (i + 1)) for i in range(12) for m, d in zip(MONTHS, [0, 10 * (i % 3), 35 * (i % 4)])]
    df = make_portfolio(rows)
    df["owner"] = pd.Categorical([None if i % 5 == 0 else f"O{i % 3}" for i in range(12) for _ in MONTHS])
    s = warning_signals(df)
    return collection_actions(s, warning_levels(s))


def test_owner_column_prefers_owner_then_branch():
    assert W.owner_column(["branch", "owner"]) == "owner"
    assert W.owner_column(["branch"]) == "branch"
    assert W.owner_column(["region"]) is None


def test_owner_options_put_the_unassigned_last(actions):
    options = W.owner_options(W.owner_values(actions, "owner"))
    assert options[-1] == UNASSIGNED and options[:-1] == sorted(options[:-1])


def test_filters_keep_the_order_and_only_the_chosen(actions):
    red = W.filter_actions(actions, ["red"])
    assert (red["level"].astype(str) == "red").all()
    assert list(red.index) == [i for i in actions.index if str(actions.loc[i, "level"]) == "red"]
    mine = W.filter_actions(actions, list(actions["level"].astype(str).unique()), [UNASSIGNED], "owner")
    assert len(mine) and mine["owner"].isna().all()
    # owners without an owner column are ignored; no owners chosen: every owner
    assert len(W.filter_actions(actions, ["red", "orange", "yellow"], ["O1"], None)) == len(actions)
    assert len(W.filter_actions(actions, ["red", "orange", "yellow"], [], "owner")) == len(actions)


def test_account_table_titles_units_and_kinds(actions):
    table = work_lists(actions.head(3).assign(_l="x"), by="_l", lang="zh")["x"].drop(columns="_l")
    shown = W.account_table(table, View(lang="zh", unit="wan"))
    assert "余额（万元）" in shown.frame.columns and "账户号" in shown.frame.columns
    assert shown.kind("余额（万元）") == "amount" and shown.kind("逾期天数") == "count"
    assert shown.frame["余额（万元）"].tolist() == pytest.approx((table["balance"] / 10_000).tolist())
    assert table["balance"].max() > 100  # the input stays in 元


def test_pick_and_totals():
    lists = {"A": pd.DataFrame({"balance": [1.0, 2.0]}), "B": pd.DataFrame({"balance": [5.0]})}
    assert W.list_totals(W.pick_lists(lists, W.ALL_LISTS)) == (3, 8.0)
    assert W.list_totals(W.pick_lists(lists, "B")) == (1, 5.0)


def test_responses_frame_and_merge_do_not_touch_the_saved_mapping():
    current = {"forgot": "reminder"}
    frame = W.responses_frame(current, "en")
    assert frame["cause"].tolist() == list(CAUSE_KEYS)
    assert set(frame.loc[frame["cause"] != "forgot", "response"]) == {W.DEFAULT_RESPONSE}
    edited = frame.assign(response=["legal"] * len(frame))
    merged = W.merged_responses(current, edited)
    assert merged["forgot"] == "legal" and current == {"forgot": "reminder"}
