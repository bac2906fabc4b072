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


def test_a_ratio_to_no_revenue_is_a_dash_not_nan(tmp_path, capsys):
    # every account 180+ DPD earns nothing: expected loss per revenue does not exist
    policy = tmp_path / "p.json"
    policy.write_text('{"version": 1, "name": "cut31", "rules": [{"name": "31+ cut", "when": {"dpd_min": 31}, '
                      '"action": "cut", "value": 30}]}', encoding="utf-8")
    rows = ["account_id,month,dpd,balance,credit_limit"]
    rows += [f"A{i},2024-{k + 1:02d},{200 + 30 * k},{5000 + i},10000" for k in range(6) for i in range(10)]
    path = tmp_path / "book.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["whatif", str(path), "--policy", str(policy)]) == 0
    text = capsys.readouterr().out
    assert "el/revenue" in text and "nan" not in text.lower()
