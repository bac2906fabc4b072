"""Caches that sessions holding the same data share, and caches each session keeps to itself.

The pages cache their work per session (``scope="session"``: released when the session closes,
never seen by another user). Every new user opens the app on the bundled sample, though, and
ten users opening it at once computed the same book, cubes, overview and provisions ten times
over, holding the interpreter's lock in turn (``python -m bench loadtest``: the first page took
5.2 s alone and a median 85 s with ten sessions on two cores).

:func:`cache_resource` and :func:`cache_data` take the arguments of Streamlit's decorators and
cache each function twice: per session, and once for the whole server. A call whose first
argument is a data token (``ui.state.data_token``, or the data id it starts with) of data every
session holds identically (:data:`SHARED_DATA`, the sample) uses the server-wide cache, which
Streamlit computes once while the other sessions wait for it; any other call (a user's upload,
a workspace, a dataset) stays in the session's own cache, so one user's data never reaches
another's session.

An upload is shared the same way when it is the same data: its data id is then a digest of its
rows (:func:`content_id`), so users who load the same month-end export (a team before the same
meeting) compute its book, cubes and pages once, and users with different data never meet. Its
server-wide entries live while a session holds the data (:func:`hold`): when the last one has
left or moved to other data, every upload's server-wide entry is dropped (other shared uploads'
are recomputed once on their next use), so a departed team's data does not stay in memory. The
sample's entries stay for the server's life: every new user opens on it.

The server-wide entries have no ``on_release``: an entry evicted while another session still
uses it (a book, the cubes) must stay open for that session, and is freed with its last
reference.
"""
from __future__ import annotations

import functools
import hashlib
import threading
import time
import weakref
from collections import Counter
from typing import Any, Callable

import pandas as pd
import streamlit as st

#: Data ids whose content is the same in every session (ui.state.SAMPLE_ID).
SHARED_DATA = frozenset({"sample"})
#: How a data id made from the data's content (:func:`content_id`) starts.
CONTENT_PREFIX = "c-"
#: Server-wide entries per function: a session-scoped cache of one entry serves one session's
#: data; server-wide it serves every shared data at once, and must not evict one for another.
SLOTS = 8


def shared(key: object) -> bool:
    """Whether a cache key names data every session holds identically.

    Examples
    --------
    >>> shared("sample|months=all|default"), shared("sample"), shared("c-9e1f|months=all|default")
    (True, True, True)
    >>> shared("3f2a…|months=all|default")  # an upload's random id (a dataset, an old workspace)
    False
    >>> shared(None)
    False
    """
    if not isinstance(key, str):
        return False
    data_id = _data_id(key)
    return data_id in SHARED_DATA or data_id.startswith(CONTENT_PREFIX)


def _data_id(key: str) -> str:
    # a data token (ui.state.data_token) starts with its data id
    return key.split("|", 1)[0]


def content_id(rows: pd.DataFrame) -> str:
    """A data id made from the rows themselves: the same rows give the same id in any session.

    Examples
    --------
    >>> a = pd.DataFrame({"account_id": ["A", "B"], "balance": [1.0, 2.0]})
    >>> content_id(a) == content_id(a.copy()), content_id(a) == content_id(a.assign(balance=[1.0, 2.5]))
    (True, False)
    >>> content_id(a).startswith(CONTENT_PREFIX)
    True
    """
    digest = hashlib.sha256(repr([(str(c), str(t)) for c, t in rows.dtypes.items()]).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
    return CONTENT_PREFIX + digest.hexdigest()[:32]


# --- who holds shared data ----------------------------------------------------------------------

_HOLDERS: Counter = Counter()
_HOLDERS_LOCK = threading.Lock()
_SERVER_WIDE: list[Callable] = []  # the server-wide variant of every routed function


def _let_go(data_id: str) -> None:
    with _HOLDERS_LOCK:
        _HOLDERS[data_id] -= 1
        if _HOLDERS[data_id] > 0:
            return
        del _HOLDERS[data_id]
    for cached in list(_SERVER_WIDE):
        cached.clear()


@st.cache_resource(scope="session", max_entries=1, show_spinner=False, on_release=_let_go)
def _holding(data_id: str) -> str:
    with _HOLDERS_LOCK:
        _HOLDERS[data_id] += 1
    return data_id


def hold(data_id: str) -> None:
    """This session holds ``data_id`` (call when it becomes the session's data).

    It lets go when the session ends or holds other data; shared data no session holds any more
    is then dropped from the server-wide caches.
    """
    if isinstance(data_id, str) and data_id.startswith(CONTENT_PREFIX):
        _holding(data_id)


def holders(data_id: str) -> int:
    """How many sessions hold ``data_id`` now."""
    with _HOLDERS_LOCK:
        return _HOLDERS.get(data_id, 0)


def cache_resource(**kwargs: Any) -> Callable:
    """``st.cache_resource(scope="session", **kwargs)``, server-wide for shared data (:func:`shared`)."""
    return _routed(st.cache_resource, kwargs)


def cache_data(**kwargs: Any) -> Callable:
    """``st.cache_data(scope="session", **kwargs)``, server-wide for shared data (:func:`shared`)."""
    return _routed(st.cache_data, kwargs)


def _routed(cache: Callable, kwargs: dict) -> Callable:
    def wrap(fn: Callable) -> Callable:
        own = cache(scope="session", **kwargs)(fn)
        wide = {k: v for k, v in kwargs.items() if k != "on_release"}
        wide["max_entries"] = (kwargs.get("max_entries") or 1) * SLOTS
        # Two server-wide caches: the sample's lives as long as the server (every new user opens
        # on it), the uploads' is dropped when their last holder leaves. Streamlit keys a cache by
        # the function's qualified name, so the uploads' gets a name of its own.
        for_sample = cache(scope="global", **wide)(fn)
        for_uploads = cache(scope="global", **wide)(_renamed(fn, "uploads"))
        _SERVER_WIDE.append(for_uploads)

        @functools.wraps(fn)
        def call(*args, **kw):
            first = args[0] if args else next(iter(kw.values()), None)
            if not shared(first):
                return own(*args, **kw)
            return (for_sample if _data_id(first) in SHARED_DATA else for_uploads)(*args, **kw)

        return call

    return wrap


def _renamed(fn: Callable, suffix: str) -> Callable:
    @functools.wraps(fn)  # keeps the parameter names: Streamlit hashes no argument named "_…"
    def same(*args, **kw):
        return fn(*args, **kw)

    same.__qualname__ = f"{fn.__qualname__}[{suffix}]"
    return same


# --- work done once for every session that asks the same of shared data -------------------------

#: How long a finished piece of work (a built report) serves later sessions asking the same.
ONCE_SECONDS = 600.0


class _Abandoned(Exception):
    """The session doing the work stopped (its reader clicked elsewhere): a follower takes over."""


class _Once:
    """One piece of work: its progress lines as ``(key, params)``, then its result or error."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, dict]] = []
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished_at = 0.0

    def run(self, make: Callable, show: Callable) -> Any:
        def say(key: str, **params: Any) -> None:
            self.lines.append((key, params))
            show(key, **params)

        try:
            self.result = make(say)
        except Exception as exc:  # the work's own refusal: every follower shows the same message
            self.error = exc
            raise
        except BaseException:  # Streamlit stopped this session's script: another session redoes it
            self.error = _Abandoned()
            raise
        finally:
            self.finished_at = time.monotonic()
            self.done.set()
        return self.result

    def follow(self, show: Callable) -> Any:
        shown = 0
        while True:
            finished = self.done.wait(0.2)
            for key, params in self.lines[shown:]:
                show(key, **params)
            shown = len(self.lines)
            if finished:
                break
        if self.error is not None:
            raise self.error
        return self.result


class _OnceTable:
    """The server-wide pieces of work by key; cleared with the other server-wide caches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, _Once] = {}

    def claim(self, key: str) -> tuple[_Once, bool]:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.done.is_set() and (
                    entry.error is not None or now - entry.finished_at > ONCE_SECONDS):
                entry = None  # failed or too old: do it again
            if entry is not None:
                return entry, False
            entry = self._entries[key] = _Once()
            finished = [k for k, e in self._entries.items() if e.done.is_set()]
            for old in finished[:max(0, len(self._entries) - SLOTS)]:  # oldest first (insertion order)
                del self._entries[old]
            return entry, True

    def clear(self) -> None:
        # the uploads' work only, as with the routed caches: the sample's is kept
        with self._lock:
            for key in [k for k in self._entries if _data_id(k) not in SHARED_DATA]:
                del self._entries[key]


_ONCE = _OnceTable()
_SERVER_WIDE.append(_ONCE)


def once(token: str, key: str, make: Callable, show: Callable) -> Any:
    """``make(say)`` once for every session asking with the same ``key`` about shared data.

    Ten users who load the same export and build the same meeting report would otherwise
    assemble and render it ten times (~13 s of CPU each on 240,000 rows); the first one's work
    serves them all, and for :data:`ONCE_SECONDS` after it those who ask later. ``token`` is the
    session's data token: about data that is not shared (:func:`shared`) the work is always the
    session's own.

    Parameters
    ----------
    token : str
        The data token (``ui.state.data_token``) the work is about.
    key : str
        Everything else the result depends on (a fingerprint of the settings).
    make : callable
        ``make(say)`` does the work and returns its result; ``say(message_key, **params)`` reports
        a step of progress.
    show : callable
        ``show(message_key, **params)`` shows a step in this session (in its own language): the
        work's own steps, or those of the session doing it, as they come.

    Returns
    -------
    object
        ``make``'s result, the same object for every session.

    Raises
    ------
    Exception
        Whatever ``make`` raised, in every session that waited for it (a failed piece of work is
        not kept: the next ask does it again).
    """
    if not shared(token):
        return make(show)
    full_key = f"{token}\x00{key}"
    while True:
        entry, mine = _ONCE.claim(full_key)
        if mine:
            return entry.run(make, show)
        try:
            return entry.follow(show)
        except _Abandoned:
            continue  # its session stopped before it finished: claim it again


# --- the same object for sessions that hold the same thing --------------------------------------

class _InUse:
    """Objects some session holds, by key; made once however many sessions ask at the same time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
        self._making: dict[str, _Once] = {}

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        while True:
            with self._lock:
                held = self._held.get(key)
                if held is not None:
                    return held
                entry = self._making.get(key)
                mine = entry is None
                if mine:
                    entry = self._making[key] = _Once()
            if not mine:
                try:
                    return entry.follow(lambda *a, **k: None)
                except _Abandoned:
                    continue
            try:
                made = entry.run(lambda say: make(), lambda *a, **k: None)
                with self._lock:
                    self._held[key] = made
                return made
            finally:
                with self._lock:
                    self._making.pop(key, None)


_IN_USE = _InUse()


def while_held(key: str, make: Callable[[], Any]) -> Any:
    """``make()``, or the object it made for another session that still holds it.

    Ten users who upload the same export read and check the same bytes ten times over (~2 s of
    CPU each on 240,000 rows, in turn under the interpreter's lock). Keyed by a digest of what
    the object is made from (the file's bytes, the mapping and options), the first session's
    object serves the others, and sessions asking at the same time wait for the one making it.
    Nothing is kept for later: the object lives as long as a session holds it (a weak
    reference), so no file stays in memory after its users have moved on.

    Parameters
    ----------
    key : str
        A digest of everything the object is made from.
    make : callable
        ``make()`` makes the object (weakly referable: not an int, str, tuple or dict).

    Returns
    -------
    object
        The same object for every session while any of them holds it.

    Raises
    ------
    Exception
        Whatever ``make`` raised, in every session that waited for it (nothing is kept).
    """
    return _IN_USE.get(key, make)


def bytes_digest(*parts: bytes | str) -> str:
    """A digest of bytes and texts, for :func:`while_held` keys.

    Examples
    --------
    >>> bytes_digest(b"a", "b") == bytes_digest(b"a", "b"), bytes_digest(b"a", "b") == bytes_digest(b"ab")
    (True, False)
    """
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
