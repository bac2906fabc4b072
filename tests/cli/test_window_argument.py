"""``--window`` takes a whole number of month pairs, 1 or more (-3 was taken silently as 1)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize("command, window", [(["rollrates"], "0"), (["arrangement", "--bucket", "31-60"], "-3"),
                                             (["rollrates"], "x")])
def test_a_window_of_no_month_pairs_is_refused(command, window):
    sample = str(REPO / "data" / "sample" / "sample_portfolio.csv")
    out = subprocess.run([sys.executable, "-m", "analysis", command[0], sample, *command[1:], "--window", window],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "1 or more" in out.stderr and "Traceback" not in out.stderr
