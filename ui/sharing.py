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

The server-wide entries have no ``on_release``: an entry evicted while another session still
uses it (a book, the cubes) must stay open for that session, and is freed with its last
reference.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

import streamlit as st

#: Data ids whose content is the same in every session (ui.state.SAMPLE_ID).
SHARED_DATA = frozenset({"sample"})


def shared(key: object) -> bool:
    """Whether a cache key names data every session holds identically.

    Examples
    --------
    >>> shared("sample|months=all|default"), shared("sample"), shared("3f2a…|months=all|default")
    (True, True, False)
    >>> shared(None)
    False
    """
    return isinstance(key, str) and key.split("|", 1)[0] in SHARED_DATA


def cache_resource(**kwargs: Any) -> Callable:
    """``st.cache_resource(scope="session", **kwargs)``, server-wide for shared data (:func:`shared`)."""
    return _routed(st.cache_resource, kwargs)


def cache_data(**kwargs: Any) -> Callable:
    """``st.cache_data(scope="session", **kwargs)``, server-wide for shared data (:func:`shared`)."""
    return _routed(st.cache_data, kwargs)


def _routed(cache: Callable, kwargs: dict) -> Callable:
    def wrap(fn: Callable) -> Callable:
        own = cache(scope="session", **kwargs)(fn)
        everyone = cache(scope="global", **{k: v for k, v in kwargs.items() if k != "on_release"})(fn)

        @functools.wraps(fn)
        def call(*args, **kw):
            first = args[0] if args else next(iter(kw.values()), None)
            return (everyone if shared(first) else own)(*args, **kw)

        def clear() -> None:
            own.clear()
            everyone.clear()

        call.clear = clear
        return call

    return wrap
