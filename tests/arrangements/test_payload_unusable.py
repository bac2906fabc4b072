"""A comparison over a baseline that never resolves names no best option, in every output."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.arrangements import options as O
from analysis.arrangements.payload import comparison_payload
from analysis.arrangements.tables import options_table
from analysis.cli.arrangement import render
from analysis.core.view import View


def _stuck_comparison():
    # the 1-30 bucket never leaves: "no arrangement" resolves nothing (UCI Taiwan's 1-30, 34 rows of history)
    chain = O.CollectionChain(pd.DataFrame(), ("1-30",), ("31+",), np.array([[1.0]]), np.array([0.0]),
                              np.array([0.0]), ("2024-01",), "balance")
    return O.compare_options(O.default_options(), chain, O.Segment("2024-02", "1-30", 3, 1000.0),
                             O.ArrangementAssumptions())


def test_no_option_is_named_best_in_the_table_the_json_or_the_cli_text():
    comparison = _stuck_comparison()
    assert not O.baseline_usable(comparison)
    table = options_table(comparison, View(lang="en", unit="yuan")).text_frame("en")
    assert (table.iloc[:, -1] == "").all()
    sens = {f: O.sensitivity(comparison, f, lang="en") for f in ("redefault", "recovery")}
    out = comparison_payload(comparison, O.assumptions_record(comparison), sens)
    assert out["baseline_usable"] is False and out["best"] == comparison.best  # a key added, none renamed
    text = render(out, "en")
    assert "best: none can be named" in text and f"best: {comparison.best}" not in text
