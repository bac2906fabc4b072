"""Streamlit-side helpers the pages share: session state, cached calls, i18n, widgets."""


def _leave_pages_directory_mode() -> None:
    # Streamlit treats an app with a ``pages/`` folder as a v1 multipage app until the first
    # ``st.navigation`` call of the process. A visitor whose first request is a deep link
    # (/aging after a restart) would get that page script run alone, without app.py's
    # router and sidebar. Every page imports ``ui``, so the first import switches the process
    # to st.navigation mode and reruns, which runs app.py and routes to the requested page.
    try:
        from streamlit.runtime.pages_manager import PagesManager
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:  # a future Streamlit without the v1 fallback: nothing to do
        return
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        import streamlit as st

        PagesManager.uses_pages_directory = False
        st.rerun()


_leave_pages_directory_mode()
