"""The provisions tables as shown: each stage to the cent and the total their sum."""
from __future__ import annotations

import pandas as pd

from analysis.core.view import View
from analysis.provisions.tables import stage_table


def test_the_stage_table_foots_to_the_cent_as_the_ecl_command_totals():
    # stages of 108,349.18 + 37,126.60 + 28,693.82 read a total of 174,169.61 on screen (the sum
    # of the unrounded stages) and 174,169.60 in `ecl --json`
    stages = pd.DataFrame({"stage": [1, 2, 3], "accounts": [1, 1, 1], "balance": [1.004, 1.004, 1.004],
                           "ead": [1.004, 1.004, 1.004], "ecl": [0.004, 0.004, 0.004]})
    frame = stage_table(stages, View(lang="en", unit="yuan"), "2024-01").text_frame("en")
    ecl = [c for c in frame.columns if c.startswith("ECL")][0]
    assert frame[ecl].tolist()[-1] == "0.00" and frame.iloc[-1, 2] == "3.00"
