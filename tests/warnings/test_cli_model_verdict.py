"""`warnings --model` judges the model as the page does: a test month with fewer than ten accounts
that worsened cannot tell, so the verdict is "not enough to judge" and the lists do not use it
(the CLI said it works, and re-ordered the levels, on seven)."""
from __future__ import annotations

import numpy as np

from tests.cli.books import run_cli


def _thin_book(tmp_path):
    rng = np.random.default_rng(7)
    lines = ["account_id,month,days_past_due,balance,credit_limit,score"]
    for i in range(60):
        dpd = 0
        for m in range(1, 10):
            dpd = 0 if rng.random() < 0.9 else min(dpd + 30, 120) if dpd else (15 if rng.random() < 0.5 else 0)
            lines.append(f"A{i},2024-{m:02d},{dpd},{1000 + 10 * i},{5000},{600 + i}")
    path = tmp_path / "thin.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_model_tested_on_few_worsened_accounts_is_not_judged_nor_used(tmp_path, capsys):
    path = _thin_book(tmp_path)
    code, with_model, err = run_cli(capsys, "warnings", str(path), "--model", "--json", "--limit", "0")
    assert code == 0, err
    model = with_model["model"]
    assert model["events"] is not None and min(model["events"], model["n"] - model["events"]) < 10
    assert with_model["reliability"]["model"] == "unknown" and model["used"] is False
    _, plain, _ = run_cli(capsys, "warnings", str(path), "--json", "--limit", "0")
    assert with_model["levels"] == plain["levels"]
