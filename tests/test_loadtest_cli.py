"""``python -m bench loadtest``: the module imports without Playwright and reads its arguments (no browser here)."""
from __future__ import annotations

import pytest

from bench import loadtest


def test_the_defaults_are_the_bar_of_the_issue():
    args = loadtest.parse_args([])
    assert (args.sessions, args.rows, args.settle, args.timeout) == (10, 240_000, 180, 300)


def test_the_arguments_are_read():
    args = loadtest.parse_args(["--sessions", "2", "--rows", "50000", "--settle", "40", "--timeout", "90"])
    assert (args.sessions, args.rows, args.settle, args.timeout) == (2, 50_000, 40, 90)


@pytest.mark.parametrize("argv", [["--sessions", "0"], ["--rows", "many"], ["--settle", "-5"], ["--sessions"]])
def test_bad_arguments_stop_with_a_usage_message(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        loadtest.parse_args(argv)
    assert stop.value.code == 2
    assert "usage: python -m bench loadtest" in capsys.readouterr().err


def test_the_sessions_expire_before_the_last_reading():
    # The reading after --settle seconds only measures freed memory if the sessions' TTL has passed.
    for settle in (1, 10, 40, 60, 180, 600):
        ttl = loadtest.session_ttl(settle)
        assert 5 <= ttl <= loadtest.DEFAULT_TTL
        assert ttl <= max(5, settle - 30)
    assert loadtest.session_ttl(180) == loadtest.DEFAULT_TTL


def test_the_bench_runner_hands_loadtest_its_own_arguments(monkeypatch):
    from bench import __main__ as runner

    seen = []
    monkeypatch.setattr(loadtest, "main", lambda argv: seen.append(argv) or 0)
    assert runner.main(["loadtest", "--sessions", "3"]) == 0
    assert seen == [["--sessions", "3"]]


def test_the_bench_help_lists_loadtest_apart(capsys):
    from bench import __main__ as runner

    assert runner.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "not run by default: loadtest" in out
    assert "loadtest" not in out.split("benches (all of them without a name):")[1].splitlines()[0]



BURN = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end:\n    pass\n"


def test_the_cpu_meter_splits_the_servers_processes_from_the_browsers(tmp_path):
    # The "server" is a child process that burns 0.6 s of CPU and starts a worker that burns as
    # much: both count as the server's, and this test process does not.
    import subprocess
    import sys

    burner = tmp_path / "burn.py"
    burner.write_text(BURN)
    server = tmp_path / "server.py"
    server.write_text(f"import subprocess, sys, time\nworker = subprocess.Popen([sys.executable, {str(burner)!r}])\n"
                      f"{BURN}worker.wait()\ntime.sleep(1.0)\n")
    parent = subprocess.Popen([sys.executable, str(server)])
    with loadtest.CpuMeter(parent.pid) as meter:
        parent.wait(60)  # it idles a second after its worker: the meter's samples catch both
        seconds = meter.seconds()
    assert 0.8 <= seconds["server"] <= 2.0
