"""A convert stopped midway (Ctrl-C, or a scheduler's SIGTERM) leaves no half-written dataset and
exits as shells and schedulers expect: 128 + the signal (130, 143), not 2 (bad input)."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.conftest import REPO

SAMPLE = REPO / "data" / "sample" / "sample_portfolio.csv"


@pytest.mark.slow
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_convert_removes_its_folder_and_exits_with_the_signal(tmp_path, signum, code):
    out = tmp_path / "book"
    # small pieces: the run lasts long enough to be stopped after its first progress line
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "convert", str(SAMPLE), "--out", str(out),
                             "--chunk-mb", "0.05", "--workers", "1"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stderr.readline()
    assert first.startswith("convert:"), first
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert "stopped: nothing was written" in err and "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_converted_dataset_is_not_readable_by_other_users(tmp_path):
    # names, phones and ID numbers went into 0644 files in 0755 folders: any user of the machine
    # could read them
    import stat

    from analysis.__main__ import main

    out = tmp_path / "book"
    assert main(["convert", str(SAMPLE), "--out", str(out), "--quiet"]) == 0
    written = [out, *out.rglob("*")]
    assert len(written) > 3
    assert not [p for p in written if p.stat().st_mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IXOTH)]
    assert all(p.stat().st_mode & stat.S_IRGRP for p in written)  # the app's service account may read them


def test_convert_only_ever_tightens_the_users_own_umask(tmp_path):
    # it set 027 outright: a user running with 077 got a dataset of names and phones their group could read
    import os
    import stat

    from analysis.__main__ import main

    before = os.umask(0o077)
    try:
        assert main(["convert", str(SAMPLE), "--out", str(tmp_path / "book"), "--quiet"]) == 0
    finally:
        os.umask(before)
    written = [tmp_path / "book", *(tmp_path / "book").rglob("*")]
    assert not [p for p in written if p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)]
