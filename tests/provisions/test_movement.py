"""Stage migration and the allowance movement: hand-worked items, identities to the cent."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.provisions.movement import MOVEMENT_ITEMS, allowance_movement, movement_flows, stage_migration

COLS = ["stage_1", "stage_2", "stage_3"]


def _table(rows):
    return pd.DataFrame(rows, columns=["account_id", "stage", "balance", "ecl"])


PREV = _table([("stay1", 1, 100.0, 1.0), ("up", 1, 200.0, 2.0), ("down", 2, 300.0, 30.0),
               ("to3", 2, 400.0, 40.0), ("paid", 1, 50.0, 0.5), ("gone3", 3, 80.0, 36.0)])
CURR = _table([("stay1", 1, 90.0, 1.2), ("up", 2, 210.0, 25.0), ("down", 1, 280.0, 2.8),
               ("to3", 3, 410.0, 184.5), ("new", 1, 500.0, 5.0)])


def test_items_by_hand():
    t = movement_flows(PREV, CURR).set_index("item")
    assert t.loc["opening", COLS].tolist() == pytest.approx([3.5, 70.0, 36.0])
    # up: 2.0 out of stage 1 into 2 ; down: 30 out of 2 into 1 ; to3: 40 out of 2 into 3
    assert t.loc["transfer_to_stage_1", COLS].tolist() == pytest.approx([30.0, -30.0, 0.0])
    assert t.loc["transfer_to_stage_2", COLS].tolist() == pytest.approx([-2.0, 2.0, 0.0])
    assert t.loc["transfer_to_stage_3", COLS].tolist() == pytest.approx([0.0, -40.0, 40.0])
    assert t.loc["new", COLS].tolist() == pytest.approx([5.0, 0.0, 0.0])
    assert t.loc["derecognised", COLS].tolist() == pytest.approx([-0.5, 0.0, 0.0])
    assert t.loc["write_offs", COLS].tolist() == pytest.approx([0.0, 0.0, -36.0])
    # remeasurement in the closing stage: stay1 +.2, down 2.8-30 ; up 25-2 ; to3 184.5-40
    assert t.loc["remeasurement", COLS].tolist() == pytest.approx([0.2 - 27.2, 23.0, 144.5])
    assert t.loc["closing", COLS].tolist() == pytest.approx([9.0, 25.0, 184.5])
    for item in ("transfer_to_stage_1", "transfer_to_stage_2", "transfer_to_stage_3"):
        assert t.loc[item, "total"] == pytest.approx(0.0)


def test_the_rounded_table_adds_up_to_the_cent():
    rng = np.random.default_rng(11)
    n = 400
    ids = np.array([f"a{i}" for i in range(n)])
    prev = _table(list(zip(ids[:300], rng.integers(1, 4, 300), rng.uniform(0, 1e4, 300), rng.uniform(0, 500, 300))))
    curr = _table(list(zip(ids[50:], rng.integers(1, 4, 350), rng.uniform(0, 1e4, 350), rng.uniform(0, 500, 350))))
    t = allowance_movement(prev, curr)
    assert t["item"].tolist() == list(MOVEMENT_ITEMS)
    body = t.set_index("item")
    for col in (*COLS, "total"):
        flows = body.loc[[i for i in MOVEMENT_ITEMS if i != "closing"], col]
        assert round(flows.sum(), 2) == body.loc["closing", col]
        assert (body[col] == body[col].round(2)).all()
    # the rows add across too, transfers net to 0, and the figures match the stage tables
    assert (body[COLS].sum(axis=1).round(2) == body["total"]).all()
    assert body.loc[["transfer_to_stage_1", "transfer_to_stage_2", "transfer_to_stage_3"], "total"].tolist() == [0, 0, 0]
    # opening and closing per stage as each month's stage table shows them (each rounded)
    for side, item in ((prev, "opening"), (curr, "closing")):
        shown = [round(side.loc[side["stage"] == k, "ecl"].sum(), 2) for k in (1, 2, 3)]
        assert body.loc[item, COLS].tolist() == shown
        assert body.loc[item, "total"] == round(sum(shown), 2)
    # remeasurement differs from its own rounding by the residue only, a few cents at most
    raw = movement_flows(prev, curr).set_index("item")
    residue = body.loc["remeasurement", COLS] - raw.loc["remeasurement", COLS].round(2)
    assert residue.abs().max() <= 0.05
    assert t.attrs["rounding_residue"]["stage_1"] == pytest.approx(residue["stage_1"], abs=1e-9)


def test_migration_counts_and_balances():
    m = stage_migration(PREV, CURR).set_index(["from_stage", "to_stage"])
    assert len(m) == 15  # 4 × 4 less new → exited
    assert m.loc[("1", "2"), "accounts"] == 1 and m.loc[("1", "2"), "balance_to"] == 210.0
    assert m.loc[("2", "1"), "balance_from"] == 300.0
    assert m.loc[("3", "exited"), "accounts"] == 1 and m.loc[("3", "exited"), "balance_to"] == 0.0
    assert m.loc[("new", "1"), "accounts"] == 1 and m.loc[("new", "1"), "balance_from"] == 0.0
    assert m["accounts"].sum() == 7  # 6 opening accounts + 1 new
    assert m["balance_from"].sum() == pytest.approx(PREV["balance"].sum())
    assert m["balance_to"].sum() == pytest.approx(CURR["balance"].sum())


def test_duplicated_accounts_are_refused():
    with pytest.raises(ValueError):
        stage_migration(pd.concat([PREV, PREV.iloc[:1]]), CURR)


def test_the_movement_chart_leaves_out_transfers_that_net_to_zero_and_says_so():
    from analysis.charts.provisions import chart_movement
    from analysis.core.view import View

    movement = pd.DataFrame({"item": ["opening", "transfer_to_stage_1", "transfer_to_stage_2", "transfer_to_stage_3",
                                      "new", "remeasurement", "closing"],
                             "total": [100.0, 0.0, 0.0, 0.0, 20.0, -5.0, 115.0]})
    for lang, word in (("zh", "阶段间转移"), ("en", "Transfers between stages")):
        spec = chart_movement(movement, View(lang=lang, unit="yuan")).to_dict()
        steps = [row["item"] for row in next(iter(spec["datasets"].values()))]
        assert steps == ["opening", "new", "remeasurement", "closing"]
        assert any(word in line for line in spec["title"]["subtitle"])
