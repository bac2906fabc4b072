"""``python -m analysis --version`` prints the version a saved workspace records."""
from __future__ import annotations

import pytest

from analysis import __version__
from analysis.__main__ import main
from analysis.workspace import APP_VERSION


def test_version_is_printed_and_is_the_workspace_s(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"Delinquency Workbench {__version__}"
    assert APP_VERSION == __version__
