"""Streamlit-side helpers the pages share: session state, cached calls, i18n, widgets.

Every page imports ``ui``; the call below and the one in ``ui.i18n.lang`` are the only
workaround for Streamlit internals in the app (a deep link on a fresh server must run through
``app.py``): see :mod:`ui.pages_directory` for why, and the test that says when to delete it.
"""
from ui.pages_directory import route_through_app

route_through_app()
