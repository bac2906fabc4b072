"""Worker processes: work leaves the server's process, comes back whole and in order, and is
never lost when no worker can start or one dies."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys

import pytest

from analysis.core import workers
from analysis.core.i18n import MessageError
from analysis.ingest.errors import IngestError
from analysis.report.model import ReportError
from tests.conftest import REPO


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


def _refuse(value: int) -> int:
    if value == 2:
        raise ReportError("report.error.format", value="pdf", allowed="html")
    return value


def _die_outside(parent: int, value: int) -> int:
    # a worker that dies the way an out-of-memory kill does; in the server's own process, it works
    if os.getpid() != parent:
        os._exit(9)
    return value


@pytest.fixture
def fresh_pool(monkeypatch):
    """A pool of the test's own (the module keeps one per process)."""
    monkeypatch.setattr(workers, "_POOL", None)
    yield
    pool = workers._POOL
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def test_work_runs_in_other_processes_and_comes_back_in_job_order(fresh_pool):
    finished = []
    results = workers.map_in_workers(_pid_and, [(v,) for v in range(6)], on_done=finished.append)
    assert [v for _, v in results] == list(range(6))
    assert os.getpid() not in {pid for pid, _ in results}
    assert sorted(finished) == list(range(6))


def test_an_error_in_a_job_reaches_the_caller_whole(fresh_pool):
    with pytest.raises(ReportError) as caught:
        workers.map_in_workers(_refuse, [(1,), (2,), (3,)])
    assert caught.value.key == "report.error.format"
    assert caught.value.params == {"value": "pdf", "allowed": "html"}
    assert "pdf" in caught.value.message("zh")


def test_configured_off_the_work_runs_here(fresh_pool, monkeypatch):
    monkeypatch.setenv(workers.WORKERS_KEY, "0")
    results = workers.map_in_workers(_pid_and, [(1,), (2,)])
    assert {pid for pid, _ in results} == {os.getpid()}
    assert workers._POOL is None


def test_a_worker_that_dies_costs_time_not_the_answer(fresh_pool):
    results = workers.map_in_workers(_die_outside, [(os.getpid(), v) for v in range(3)])
    assert results == [0, 1, 2]  # answered here once the pool broke
    assert workers._POOL is None  # the broken pool is dropped: the next call starts a new one
    assert [v for _, v in workers.map_in_workers(_pid_and, [(5,)])] == [5]


def test_worker_count_reads_the_environment():
    assert workers.worker_count({workers.WORKERS_KEY: "3"}) == 3
    assert workers.worker_count({workers.WORKERS_KEY: "-1"}) == 0
    assert workers.worker_count({workers.WORKERS_KEY: "x"}) == workers.worker_count({}) >= 1


@pytest.mark.parametrize("error", [
    ReportError("report.error.format", value="pdf", allowed="html, xlsx"),
    IngestError("ingest.error.workbook_reader_crashed", name="a.xlsx",
                reason=IngestError("ingest.error.workbook_reader_crashed.timeout", seconds=5)),
])
def test_a_message_error_pickles_with_its_key_and_parameters(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and isinstance(copy, MessageError)
    assert copy.key == error.key and copy.message("zh") == error.message("zh")
    assert str(copy) == str(error)


def _is_daemon() -> bool:
    return multiprocessing.current_process().daemon


def test_workers_are_daemons_so_an_exit_never_waits_for_them(fresh_pool):
    # an idle worker is stopped at exit rather than joined (a join once waited forever)
    assert workers.map_in_workers(_is_daemon, [()]) == [True]


def test_a_process_that_used_the_workers_exits_at_once(tmp_path):
    script = tmp_path / "use_workers.py"
    script.write_text("from analysis.core.workers import map_in_workers\n"
                      "print(map_in_workers(divmod, [(7, 2), (9, 4)]))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(3, 1), (2, 1)]"


_SLOW_TARGET = '''import os, time
def busy(path):
    with open(path + ".part", "w") as fh:
        fh.write(str(os.getpid()))
    os.replace(path + ".part", path)
    end = time.time() + 120
    while time.time() < end:
        pass
'''


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed and not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in fh)
    except FileNotFoundError:
        return False


def _wait_for(predicate, seconds: float) -> bool:
    import time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ending with the parent is Linux's prctl")
@pytest.mark.parametrize("how", ["sandboxed read", "worker pool"])
def test_a_child_still_working_ends_when_the_server_is_killed(tmp_path, how):
    # a killed server left its reader (and idle report workers) running: the fork server stayed
    # alive through the pipe each child held, and the children with it
    (tmp_path / "slow_target.py").write_text(_SLOW_TARGET)
    marker = tmp_path / "child.pid"
    call = ("from analysis.ingest.sandbox import run_isolated\nrun_isolated(slow_target.busy, (MARK,), 'x.xlsx')"
            if how == "sandboxed read" else
            "from analysis.core.workers import map_in_workers\nmap_in_workers(slow_target.busy, [(MARK,)])")
    script = (f"import sys\nsys.path[:0] = [{str(tmp_path)!r}, {str(REPO)!r}]\nimport slow_target\n"
              + call.replace("MARK", repr(str(marker))))
    server = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "DW_WORKER_PROCESSES": "1"})
    try:
        assert _wait_for(marker.exists, 60), "the child never started"
        child = int(marker.read_text())
        assert child != server.pid and _running(child)
    finally:
        server.kill()
        server.wait()
    assert _wait_for(lambda: not _running(child), 10), "the child outlived the server"
