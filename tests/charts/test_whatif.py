"""The what-if bridge keeps its steps visible in any unit."""
from __future__ import annotations

import pandas as pd

from analysis.charts.whatif import chart_waterfall
from analysis.core.view import View


def test_a_bridge_in_yi_shows_its_steps_and_distinct_ticks():
    # 0.3612 亿 → two cuts → 0.3487 亿: with 2 fixed decimals this read "0.36, -0.01, -0.00, 0.35"
    rules = pd.DataFrame({"name": ["r1", "r2"], "expected_loss_delta": [-1_230_000.0, -20_000.0]})
    spec = chart_waterfall(rules, View(lang="zh", unit="yi"), before=36_120_000.0, metric="expected_loss").to_dict()
    labels = [row["label"] for rows in spec["datasets"].values() for row in rows if "label" in row]
    assert labels == ["0.36120", "-0.01230", "-0.00020", "0.34870"]
    assert spec["layer"][0]["encoding"]["y"]["axis"]["format"] == ",.3f"
    in_yuan = chart_waterfall(rules, View(lang="zh", unit="yuan"), before=36_120_000.0, metric="expected_loss").to_dict()
    labels = [row["label"] for rows in in_yuan["datasets"].values() for row in rows if "label" in row]
    assert labels == ["36,120,000.00", "-1,230,000.00", "-20,000.00", "34,870,000.00"]
