"""Run a native reader on an untrusted file in a child process that may die alone.

The Excel reader (calamine, in Rust) aborts the whole process when an allocation fails: no
Python ``except`` runs, and on a server every user's session goes with it. The guards
(:mod:`analysis.ingest.workbook_guard`) refuse the hostile workbooks we know of before the reader
runs; this module is for the ones we do not: the read happens in a child process with an
address-space limit (``resource.setrlimit(RLIMIT_AS)``) and a timeout, so a crash, an
out-of-memory abort or a hang costs one read and becomes a clear refusal, never the server.

The child is forked from multiprocessing's fork server (a clean process that has already
imported the readers: ~10 ms a read instead of the ~1-2 s of importing Arrow and the Excel
reader), or spawned where there is no fork server (Windows). Forking the server process itself
is never done: it holds live threads (Streamlit's, Arrow's), and its address space is already
gigabytes, which an address-space limit counts.

Configuration (environment or Streamlit secrets; :func:`sandbox_limits_from`):

* ``DW_WORKBOOK_READER_MEMORY_MB`` (default 4096): memory the child may add to what it holds
  once started (the imported libraries, ~0.5 GB of address space).
* ``DW_WORKBOOK_READER_SECONDS`` (default 600): time for one read.
* ``DW_WORKBOOK_SANDBOX`` (default 1): 0 reads in the process itself (a trusted batch job).
"""
from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from analysis.core.workers import end_with_server, process_context, start_worker_server, without_main_script
from analysis.ingest.errors import IngestError
from analysis.ingest.workbook_guard import numbers_from

try:  # POSIX only: elsewhere the child runs with the timeout alone
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None

_LOG = logging.getLogger(__name__)
#: The child's exit code when it ran out of memory and could not even say so.
_EXIT_MEMORY = 3
#: Modules the fork server imports once, so each child starts with them loaded.
READER_PRELOAD = ["analysis.ingest.readers"]


@dataclass(frozen=True)
class SandboxLimits:
    """What one isolated read may cost.

    Attributes
    ----------
    memory_mb : int
        Address space the child may add to what it holds when it starts. 4 GB is twice the
        peak of the largest workbook the guard lets through (30 million cells, ~2 GB).
    seconds : int
        Wall time for one read, from the child's start to its answer.
    enabled : int
        0 runs the read in the calling process (no isolation).
    """

    memory_mb: int = 4096
    seconds: int = 600
    enabled: int = 1


#: Environment / secrets keys of the limits (see the README's "Deploying").
SANDBOX_KEYS = {"DW_WORKBOOK_READER_MEMORY_MB": "memory_mb", "DW_WORKBOOK_READER_SECONDS": "seconds",
                "DW_WORKBOOK_SANDBOX": "enabled"}


def sandbox_limits_from(*sources: Mapping) -> SandboxLimits:
    """The limits from mappings such as ``os.environ`` (first one that sets a key wins).

    Examples
    --------
    >>> sandbox_limits_from({"DW_WORKBOOK_READER_MEMORY_MB": "2048"}).memory_mb
    2048
    >>> sandbox_limits_from({}).seconds
    600
    """
    return SandboxLimits(**numbers_from(SANDBOX_KEYS, sources))


def _context():
    """The fork server, preloaded with the readers (see :func:`analysis.core.workers.process_context`)."""
    return process_context(READER_PRELOAD)


def start_reader_server() -> bool:
    """Start the fork server now (it imports the readers: ~2 s), so the first workbook a user
    uploads does not wait for it; ``False`` where children are spawned instead (nothing to start).
    Idempotent: meant for the app's start."""
    return start_worker_server(READER_PRELOAD)


def _vm_size() -> int:
    """Bytes of address space this process holds (0 where /proc is absent)."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return 0


def _limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it holds now plus ``memory_mb``."""
    if resource is None:  # pragma: no cover - Windows
        return
    limit = _vm_size() + memory_mb * 1024 ** 2
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # pragma: no cover - a platform that does not enforce it (macOS)
        pass


def _quiet_native_output() -> None:
    """Send the child's standard error nowhere: a native reader's panic prints its backtrace
    there (dozens of Rust frames on the command line's screen, or the server's log), and what
    went wrong reaches the user as a refusal in their language anyway."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:  # pragma: no cover - no /dev/null: the text stays
        pass


def _child(conn, memory_mb: int, target: Callable, args: tuple, server_pid: int = 0) -> None:
    """Runs in the child: end with the server, limit memory, call ``target(*args)``, send its
    answer back."""
    if server_pid:
        end_with_server(server_pid)
    _quiet_native_output()
    _limit_memory(memory_mb)
    try:
        answer = ("ok", target(*args))
    except IngestError as exc:
        answer = ("refused", exc.key, exc.params)
    except MemoryError:
        answer = ("memory",)
    except Exception as exc:  # noqa: BLE001 - anything else is reported, not shown as a traceback
        answer = ("error", type(exc).__name__)
    except BaseException as exc:  # noqa: BLE001 - a native reader's panic (pyo3's PanicException) too
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        answer = ("error", type(exc).__name__)
    try:
        conn.send(answer)
    except MemoryError:
        os._exit(_EXIT_MEMORY)
    finally:
        conn.close()


def run_isolated(target: Callable, args: tuple, filename: str, limits: SandboxLimits = SandboxLimits(),
                 alongside: Callable[[], None] | None = None, file_bytes: int | None = None):
    """``target(*args)`` in a child process under ``limits``; its return value (pickled).

    ``alongside``, when given, runs in this process while the child works (before it when
    there is no child): a check whose refusal wins over the child's answer, and which kills the
    child when it refuses. The child's memory limit is what makes that safe: whatever the
    check has not ruled out yet can cost the child, not this process.

    Parameters
    ----------
    target : callable
        A module-level function (the child imports it by name); it should return plain data
        (bytes, tuples, dicts): the answer crosses the process boundary pickled.
    args : tuple
        Its arguments, pickled to the child.
    filename : str
        For the messages.
    limits : SandboxLimits
    file_bytes : int, optional
        The file's size: a file a hundredth of the memory limit or less that runs the child out
        of memory is damaged, and is called so (its own size is not the problem).

    Raises
    ------
    IngestError
        The target's own refusal (re-raised as is), or ``ingest.error.workbook_reader_crashed``
        when the child ran out of memory, out of time, or died (its reason in the user's language).
    """
    if not limits.enabled:
        if alongside is not None:
            alongside()
        return target(*args)
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, limits.memory_mb, target, args, os.getpid()), daemon=True)
    try:
        with without_main_script():
            child.start()
    except OSError as exc:  # no process could be started (a locked-down host): read here, guarded as ever
        receive.close()
        send.close()
        _LOG.warning("workbook read in process: no child could be started (%s)", exc)
        if alongside is not None:
            alongside()
        return target(*args)
    send.close()  # the child holds the only writer: its death ends the pipe
    answer = None
    try:
        if alongside is not None:
            try:
                alongside()
            except BaseException:  # its refusal wins: the child's read is of no use now
                child.kill()
                raise
        if not receive.poll(limits.seconds):
            child.kill()
            raise IngestError("ingest.error.workbook_reader_crashed", name=filename,
                              reason=IngestError("ingest.error.workbook_reader_crashed.timeout", seconds=limits.seconds))
        try:
            answer = receive.recv()
        except (EOFError, OSError):
            answer = None  # died without answering: its exit code says how
    finally:
        receive.close()
        child.join(5)  # it exits once it has answered
        if child.exitcode is None:
            child.kill()
            child.join()
    if answer is not None and answer[0] == "ok":
        return answer[1]
    if answer is not None and answer[0] == "refused":
        raise IngestError(answer[1], **answer[2])
    reason = _reason(answer, child.exitcode, limits)
    if reason.code.endswith(".memory") and file_bytes is not None and file_bytes * 100 <= limits.memory_mb * 2 ** 20:
        # a 30 KB .xls whose sector chain loops: "if the file really is that large" misled
        raise IngestError("ingest.error.workbook_damaged_memory", name=filename, size_kb=max(file_bytes // 1024, 1),
                          limit_mb=limits.memory_mb)
    raise IngestError("ingest.error.workbook_reader_crashed", name=filename, reason=reason)


def _reason(answer, exitcode: int | None, limits: SandboxLimits) -> IngestError:
    """Why the child gave no table: out of memory (a failed allocation aborts a native reader:
    SIGABRT; the kernel's out-of-memory killer sends SIGKILL), or another crash."""
    memory = IngestError("ingest.error.workbook_reader_crashed.memory", limit_mb=limits.memory_mb)
    if answer is not None and answer[0] == "memory":
        return memory
    if answer is not None:  # an unexpected error in the reader, named for the administrator's log
        return IngestError("ingest.error.workbook_reader_crashed.crash", detail=answer[1])
    if exitcode == _EXIT_MEMORY or exitcode in (-signal.SIGABRT, -signal.SIGKILL):
        return memory
    if exitcode is not None and exitcode < 0:
        try:
            detail = signal.Signals(-exitcode).name
        except ValueError:
            detail = f"signal {-exitcode}"
    else:
        detail = f"exit code {exitcode}"
    return IngestError("ingest.error.workbook_reader_crashed.crash", detail=detail)
