"""The warning verdict on real books: on UCI Taiwan the rule and the model do not separate good
from bad (red accounts worsened less often than unwarned ones; the model's AUC is under 0.5), so
the CLI says so and does not let the model order the list; on the bundled sample they separate.
Skipped when ../shared/realdata is absent."""
from __future__ import annotations

import pytest

from tests.cli.books import run_cli
from tests.conftest import REALDATA, REPO

pytestmark = pytest.mark.realdata

UCI = REALDATA / "uci_taiwan_default" / "UCI_Credit_Card.csv"


def test_uci_warnings_are_declared_unreliable(capsys):
    if not UCI.is_file():
        pytest.skip(f"{UCI} is absent")
    code, got, err = run_cli(capsys, "warnings", str(UCI), "--model", "--json", "--limit", "5", "--lang", "zh")
    assert code == 0, err
    rel = got["reliability"]
    assert rel["trusted"] is False and rel["rule"] == "fails" and rel["model"] == "fails"
    assert rel["flagged_rate"] <= rel["unflagged_rate"]
    assert got["model"]["auc"] < 0.6 and got["model"]["used"] is False
    assert "model_score" not in {s for a in got["accounts"] for s in a["signals"]}
    assert "重新校准" in rel["text"] and "AUC" in rel["text"]


def test_sample_warnings_pass(capsys):
    code, got, err = run_cli(capsys, "warnings", str(REPO / "data" / "sample" / "sample_portfolio.csv"), "--model",
                             "--json", "--limit", "5")
    assert code == 0, err
    rel = got["reliability"]
    assert rel["trusted"] is True and rel["rule"] == "separates" and rel["model"] == "separates"
    assert got["model"]["used"] is True
    assert "separate good from bad" in rel["text"]
