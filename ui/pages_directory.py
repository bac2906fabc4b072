"""The one workaround for Streamlit internals: a deep link on a fresh server goes through app.py.

Why it exists. ``app.py`` routes with ``st.navigation`` (titles, icons, URL paths and sections in
both languages). Streamlit still treats an app with a ``pages/`` folder beside its entry script
as a v1 multipage app until the first ``st.navigation`` call of the process
(``PagesManager.uses_pages_directory``). A visitor whose first request after a restart is a deep
link (``/aging``) would get ``pages/aging.py`` run alone: no sidebar, no language, no data.

What it does. Every page imports ``ui``, and ``ui/__init__.py`` calls
:func:`route_through_app` once per process: in that first run it switches the process to
``st.navigation`` mode (the same flag ``st.navigation`` itself clears) and reruns, which runs
``app.py`` and routes to the requested page. Sessions whose runs started in v1 mode before that
switch (tabs reconnecting together after a restart) are rerun by :func:`reroute_bare_run` at
their first translation.

The supported alternative is Streamlit's own advice: name the folder ``app_pages/``, not
``pages/``. We keep ``pages/`` (every page test, the bench and the docs name it); renaming it
removes this module.

When to delete it. ``tests/app/test_pages_directory.py`` runs a tiny app with a ``pages/`` folder
and a deep link, without this module: the day Streamlit routes that request through the entry
script by itself, the test fails and says to delete this module and its call in
``ui/__init__.py``.
"""
from __future__ import annotations

import sys

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

try:
    from streamlit.runtime.pages_manager import PagesManager
except ImportError:  # a Streamlit without the v1 fallback: nothing to work around
    PagesManager = None
try:  # the function a bare v1 run goes through (it runs the requested page script itself)
    from streamlit.runtime.scriptrunner.script_runner import _mpa_v1
    _BARE_RUN = _mpa_v1.__code__
except (ImportError, AttributeError):
    _BARE_RUN = None


def route_through_app() -> None:
    """In a bare v1 page run, switch the process to ``st.navigation`` mode and rerun.

    Does nothing outside a script run (imports from tests, the CLI, the bench) and once the
    process is in ``st.navigation`` mode, which is every run but the first of a process.
    """
    # The flag first: outside a run it is unset, and asking for the run context there logs a
    # "missing ScriptRunContext" warning.
    if PagesManager is None or not PagesManager.uses_pages_directory:
        return
    if get_script_run_ctx(suppress_warning=True) is not None:
        PagesManager.uses_pages_directory = False
        st.rerun()


def reroute_bare_run() -> None:
    """In a session's run that Streamlit started as a bare v1 page, rerun it through ``app.py``.

    :func:`route_through_app` runs once per process, in the first run that imports ``ui``. Other
    sessions whose runs started in v1 mode before that run switched the mode (several tabs
    reconnecting at once after a restart, each to its own page) import ``ui`` from the cache and
    would stay bare pages: file names as the navigation, no data. Called at a session's first
    translation (``ui.i18n.lang``), this finds Streamlit's v1 runner on the call stack running a
    page other than the entry script, and reruns. ``app.py`` run by that runner as its main page
    routes itself and is left alone.
    """
    if _BARE_RUN is None or get_script_run_ctx(suppress_warning=True) is None:
        return
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is _BARE_RUN:
            scope = frame.f_locals
            page, main = scope.get("page"), scope.get("main_page")
            if page is None or page is main or getattr(page, "_page", 0) == getattr(main, "_page", 1):
                return
            if PagesManager is not None:
                PagesManager.uses_pages_directory = False
            st.rerun()
        frame = frame.f_back
