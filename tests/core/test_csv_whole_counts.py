"""CSV downloads write accounts as whole numbers (9, not 9.0) and amounts without binary tails."""
from __future__ import annotations

import pandas as pd

from analysis.core.tables import csv_frame, display_table
from analysis.core.view import View
from analysis.provisions.tables import stage_table


def test_counts_are_whole_and_amounts_clean():
    stages = pd.DataFrame({"stage": [1, 2, 3], "accounts": [9, 1, 40], "balance": [430425.0, 1.0, 2.0],
                           "ead": [1.0, 1.0, 1.0], "ecl": [0.1, 0.2, 0.3]})
    text = csv_frame(stage_table(stages, View(lang="zh", unit="wan"), "2024-01"), "zh").to_csv(index=False)
    assert "\n第一阶段,9," in text and "\n合计,50," in text and "43.0425," in text, text
    assert ".0," not in text.split("\n")[1].split(",")[1]


def test_a_count_column_with_fractions_stays_as_it_is():
    frame = csv_frame(display_table("x", "X", [("n", "count", [1.5, 2.0])]), "en")
    assert frame["n"].tolist() == [1.5, 2.0]
