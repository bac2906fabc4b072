"""The docstring examples of the provisions modules and the ecl command hold."""
from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["analysis.provisions.pd_curve", "analysis.provisions.staging",
                                    "analysis.provisions.ecl", "analysis.provisions.movement",
                                    "analysis.provisions.npl", "analysis.provisions.summary", "analysis.cli.ecl",
                                    "analysis.whatif.pd"])
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
