"""Every example in the docstrings of ``analysis/`` holds.

The examples are the quickest documentation a newcomer reads (``fen(0.1 * 1000.05)`` is 100.01,
``translate`` writes a list with the reader's separator): one that no longer holds misleads. A few
test files ran the examples of their own modules; this runs them all (about 580, ~15 s of CPU).
"""
from __future__ import annotations

import doctest
import importlib
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for path in (ROOT / "analysis").rglob("*.py")
    if path.name != "__main__.py" and "__pycache__" not in path.parts
)


@pytest.mark.parametrize("module", MODULES)
def test_the_examples_of_a_module_hold(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {module} failed"
