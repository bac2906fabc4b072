"""The README's what-if example is the app's output: its policy, run on the bundled sample, gives
the figures it quotes (they went stale once, pricing defaulted accounts' undrawn limits)."""
from __future__ import annotations

import json
import re

import pytest

from tests.cli.books import run_cli
from tests.conftest import REPO

SECTION = ("## What-if: credit-limit policies", "## Early warning and collections")


def _section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme[readme.index(SECTION[0]):readme.index(SECTION[1])]


def _quoted(section: str, key: str) -> dict:
    return json.loads(re.search(r'"%s":\s*(\{[^{}]*\})' % key, section).group(1))


def test_the_readme_example_output_is_what_the_policy_gives_on_the_sample(tmp_path, capsys):
    section = _section()
    policy = tmp_path / "policy.json"
    policy.write_text(re.search(r"### Policy JSON\s+```json\n(.*?)```", section, re.S).group(1), encoding="utf-8")
    code, out, err = run_cli(capsys, "whatif", str(REPO / "data/sample/sample_portfolio.csv"), "--policy", str(policy),
                             "--by", "product", "--json")
    assert code == 0, err
    for key in ("before", "after", "delta", "out_of_scope"):
        for field, value in _quoted(section, key).items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                assert out[key][field] == value, f"{key}.{field}"
            else:
                assert out[key][field] == pytest.approx(value, abs=5e-5 if field == "el_per_revenue" else 0.005), \
                    f"{key}.{field}"
    counts = re.search(r'"accounts": (\d+), "accounts_matched": (\d+), "accounts_affected": (\d+)', section).groups()
    assert [out["accounts"], out["accounts_matched"], out["accounts_affected"]] == [int(c) for c in counts]
