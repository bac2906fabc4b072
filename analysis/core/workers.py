"""Worker processes for the CPU-heavy Python work a server must not run under its own GIL.

A Streamlit server runs every user's page in threads of one process. DuckDB releases the GIL
while it aggregates, but pure-Python and GIL-holding native work does not: rendering a meeting
report (vl-convert draws each chart while holding the GIL, python-pptx and XlsxWriter are Python)
took ~7 s of CPU for the sample's HTML file, and every other session's page waited behind it.
On two cores one process uses one. Work handed to a worker process runs on the other core, and
the server's threads stay free for the other users.

The workers are forked from multiprocessing's fork server (a clean process that has already
imported what the work needs), or spawned where there is none (Windows, macOS). The server
process itself is never forked: it holds live threads (Streamlit's, Arrow's, DuckDB's).

Configuration: ``DW_WORKER_PROCESSES`` (environment), the number of worker processes; default
two (or the number of cores when fewer); ``0`` runs the work in the calling process (a batch
job, a locked-down host that cannot start processes).
"""
from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

_LOG = logging.getLogger(__name__)

#: Environment key of the number of worker processes.
WORKERS_KEY = "DW_WORKER_PROCESSES"
#: What ``sys.modules["__main__"]`` is while a child starts: a module with no file to re-run.
_BARE_MAIN = types.ModuleType("__main__")


def process_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """The fork server's context where there is one, else spawn.

    ``preload``: modules the fork server imports once, so each child starts with them loaded.
    There is one fork server per process: the modules other callers asked for stay in its list,
    and a list given after it started changes nothing (the children import what they lack).

    Examples
    --------
    >>> process_context().get_start_method() in ("forkserver", "spawn")
    True
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    from multiprocessing import forkserver

    current = list(getattr(forkserver._forkserver, "_preload_modules", None) or [])
    # never "__main__": under Streamlit that is the page script, which must not run in a child
    wanted = [m for m in current if m != "__main__"] + [m for m in preload if m not in current]
    if wanted != current:
        ctx.set_forkserver_preload(wanted)
    return ctx


@contextlib.contextmanager
def without_main_script() -> Iterator[None]:
    """Start children without the running script as their ``__main__``.

    multiprocessing prepares each child by re-running the parent's ``__main__`` file. Under
    Streamlit that is the page script (Streamlit puts it there for each run): the child would draw
    the app outside a session and die (a Streamlit exception, exit code 1) before doing its work.
    Work handed to a child needs nothing from ``__main__``, so the child is started while a bare
    module stands in; the script's module is put back unless a new run has replaced it meanwhile.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None or getattr(main, "__file__", None) is None:
        yield  # python -m / a console entry point / an interpreter: nothing re-run from a path
        return
    sys.modules["__main__"] = _BARE_MAIN
    try:
        yield
    finally:
        if sys.modules.get("__main__") is _BARE_MAIN:
            sys.modules["__main__"] = main


def start_worker_server(preload: Sequence[str] = ()) -> bool:
    """Start the fork server now, importing ``preload`` (seconds, in that process), so the first
    child a user needs (a read, a report, a forecast) does not wait for it; ``False`` where
    children are spawned instead (nothing to start). Idempotent: meant for the app's start."""
    ctx = process_context(preload)
    if ctx.get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    with without_main_script():
        forkserver.ensure_running()
    return True


#: Linux's prctl option: the signal a process gets when its parent ends.
_PR_SET_PDEATHSIG = 1


def end_with_server(server_pid: int) -> None:
    """In a child of the fork server: end when the server (``server_pid``) ends, even killed.

    The fork server ends when the server does, unless a child holds its "alive" pipe, and every
    child is handed one (to start children of its own, which ours never do). So a reader still
    working, or an idle report worker, kept the fork server and itself alive after the server
    was killed: orphans that outlived it, one set per crash. The child closes that pipe, then
    asks the kernel to kill it when its parent, the fork server, ends. Elsewhere (a spawned
    child, another system) nothing is done: the child ends with its work or its pipe.
    """
    try:
        from multiprocessing import forkserver

        alive = forkserver._forkserver._forkserver_alive_fd
    except (ImportError, AttributeError):  # pragma: no cover - a Python without it
        return
    if alive is None or not sys.platform.startswith("linux"):
        return
    try:
        os.close(alive)
    except OSError:
        pass
    forkserver._forkserver._forkserver_alive_fd = None
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return
    try:
        os.kill(server_pid, 0)  # the server ended before the request was made: end now
    except ProcessLookupError:
        os._exit(0)
    except PermissionError:  # pragma: no cover - alive, under another user
        pass


def worker_count(environ: Mapping[str, str] | None = None) -> int:
    """Worker processes to use: ``DW_WORKER_PROCESSES``, else two (fewer on a one-core machine).

    Examples
    --------
    >>> worker_count({"DW_WORKER_PROCESSES": "0"}), worker_count({"DW_WORKER_PROCESSES": "3"})
    (0, 3)
    >>> worker_count({"DW_WORKER_PROCESSES": "many"}) == worker_count({})
    True
    """
    environ = os.environ if environ is None else environ
    default = max(1, min(2, os.cpu_count() or 1))
    try:
        return max(0, int(environ.get(WORKERS_KEY, default)))
    except (TypeError, ValueError):
        _LOG.warning("%s=%r is not a whole number: %d worker processes", WORKERS_KEY, environ.get(WORKERS_KEY), default)
        return default


_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool(preload: Sequence[str]) -> ProcessPoolExecutor | None:
    """The process-wide pool, started on first use (``None`` when configured off)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            workers = worker_count()
            if workers == 0:
                return None
            ctx = _DaemonWorkers(process_context(preload))
            # no max_tasks_per_child: with it, Python 3.11's pool left a worker without its stop
            # signal at exit, and the interpreter waited for it forever
            _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                        initializer=end_with_server, initargs=(os.getpid(),))
        return _POOL


class _DaemonWorkers:
    """A multiprocessing context whose processes are daemons.

    An idle worker holds nothing worth waiting for at exit. As daemons they are stopped when the
    server (or a test run) exits, instead of joined: twice a process waited forever at exit for
    a worker that never received its stop signal (not reproduced since; this makes it harmless).
    The workers start no processes of their own, which a daemon may not.
    """

    def __init__(self, context) -> None:
        self._context = context

    def __getattr__(self, name: str):
        return getattr(self._context, name)

    def Process(self, *args, **kwargs):  # noqa: N802 - multiprocessing's name
        process = self._context.Process(*args, **kwargs)
        process.daemon = True
        return process


def _forget_pool(pool: ProcessPoolExecutor) -> None:
    """Drop a broken pool (a worker died: killed, out of memory), so the next call starts anew."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is pool:
            _POOL = None
    pool.shutdown(wait=False, cancel_futures=True)


def map_in_workers(fn: Callable, jobs: Sequence[tuple], *, preload: Sequence[str] = (),
                   on_done: Callable[[int], None] | None = None) -> list:
    """``[fn(*job) for job in jobs]``, computed in the worker processes, results in job order.

    Parameters
    ----------
    fn : callable
        A module-level function (a child imports it by name); its arguments and result cross the
        process boundary pickled.
    jobs : sequence of tuple
        The arguments of each call.
    preload : sequence of str
        Modules the workers should have imported (see :func:`process_context`).
    on_done : callable, optional
        Called with a job's position as each job finishes (in the calling thread, in the order
        they finish): progress for the reader.

    Returns
    -------
    list
        The results in job order. An exception ``fn`` raised is raised here (the first, in job
        order). When no worker can be started, or one dies (killed, out of memory), the jobs not
        yet answered run in this process instead: slower, never lost.

    Examples
    --------
    >>> map_in_workers(divmod, [(7, 2), (9, 4)])
    [(3, 1), (2, 1)]
    """
    pool = _pool(preload) if len(jobs) else None
    results: dict[int, object] = {}
    if pool is not None:
        try:
            with without_main_script():
                pending = {pool.submit(fn, *job): i for i, job in enumerate(jobs)}
            _collect(pending, results, on_done)
        except (BrokenProcessPool, OSError) as exc:  # a worker died, or none could start
            _LOG.warning("worker processes failed (%s): the rest of the work runs in the server process", exc)
            _forget_pool(pool)
    for i, job in enumerate(jobs):
        if i not in results:
            results[i] = _Outcome(lambda job=job: fn(*job))
            if on_done is not None:
                on_done(i)
    return [results[i].value() for i in range(len(jobs))]


class _Outcome:
    """A job's result or its exception, raised only when the result is asked for (job order).

    A pool that broke (:class:`BrokenProcessPool`) is not the job's failure: it propagates, and
    the caller runs the job in its own process instead.
    """

    def __init__(self, compute: Callable[[], object]) -> None:
        self._value, self._error = None, None
        try:
            self._value = compute()
        except BrokenProcessPool:
            raise
        except Exception as exc:  # noqa: BLE001 - kept and re-raised in job order by value()
            self._error = exc

    def value(self):
        if self._error is not None:
            raise self._error
        return self._value


def _collect(pending: dict[Future, int], results: dict[int, object], on_done) -> None:
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            i = pending.pop(future)
            results[i] = _Outcome(future.result)
            if on_done is not None:
                on_done(i)
