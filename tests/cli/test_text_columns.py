"""The CLI's text tables keep a space between figures however wide a figure grows."""
from __future__ import annotations

import re

import pytest

from analysis.__main__ import main


@pytest.mark.parametrize("command", ["aging", "ecl", "rollrates"])
def test_figures_of_a_bank_sized_book_in_yuan_never_run_together(tmp_path, capsys, command):
    rows = ["account_id,month,dpd,balance"]
    rows += [f"A{i},{m},{dpd},{300_000_000_000 + i * 1000:.2f}"
             for m in ("2024-05", "2024-06") for i, dpd in enumerate([0, 0, 45, 100])]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main([command, str(path)]) == 0
    text = capsys.readouterr().out
    assert "1,200,000,006,000.00" in text or command == "rollrates"
    # two figures glued together make one token that is not a grouped number (2600,000,001,000.00)
    grouped = re.compile(r"^[-+]?\d{1,3}(,\d{3})*(\.\d+)?%?$")
    tokens = [token.rstrip(",;)") for token in text.split()]
    glued = [token for token in tokens if "," in token and token[:1].isdigit() and not grouped.match(token)]
    assert not glued, text
