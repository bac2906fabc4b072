"""Every JSON a user can hand the app or the command line (a saved mapping, a what-if policy, a
collections rule pack, a cause dictionary, arrangement options, a card-interest input) refuses a
document nested deeper than Python's parser goes with its own message, never a RecursionError."""
from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.core.i18n import MessageError
from tests.conftest import REPO

DEEP = "[" * 100_000 + "]" * 100_000


def _readers():
    from analysis.arrangements.options import options_from_json
    from analysis.causes.dictionary import dictionary_from_bytes
    from analysis.conduct.rules import pack_from_json
    from analysis.ingest.portfolio import mapping_from_json
    from analysis.whatif.policy import policy_from_json
    return {"mapping": mapping_from_json, "policy": policy_from_json, "rule pack": pack_from_json,
            "cause dictionary": lambda text: dictionary_from_bytes(text.encode(), "d.json"),
            "arrangement options": lambda text: options_from_json(text.encode())}


@pytest.mark.parametrize("name", ["mapping", "policy", "rule pack", "cause dictionary", "arrangement options"])
def test_a_json_nested_too_deeply_is_refused_with_a_message(name):
    reader = _readers()[name]
    with pytest.raises(MessageError) as err:
        reader(DEEP)
    assert err.value.message("zh") and err.value.message("en")


@pytest.mark.parametrize("args", [["card-interest", "{deep}"], ["aging", "{sample}", "--mapping-file", "{deep}"],
                                  ["aging", "{sample}", "--mapping-file", "{png}"]])
def test_the_command_line_refuses_them_without_a_traceback(tmp_path, args):
    deep, png = tmp_path / "deep.json", tmp_path / "png.json"
    deep.write_text(DEEP)
    png.write_bytes(b"\x89PNG\r\n\x1a\n\0")
    sample = REPO / "data" / "sample" / "sample_portfolio.csv"
    argv = [a.format(deep=deep, png=png, sample=sample) for a in args]
    out = subprocess.run([sys.executable, "-m", "analysis", *argv], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr and out.stderr.startswith("error:")
