"""Driving the app with Streamlit's AppTest: one helper every page test uses."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


def open_page(page: str | None, lang: str = "zh", timeout: float = 90, **session) -> AppTest:
    """Run the app (sample data loaded), switch to ``pages/<page>.py`` in ``lang`` and return it.

    Extra keyword arguments are put into ``st.session_state`` before the first run.
    """
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
    at.session_state["lang"] = lang
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


def assert_clean(at: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def open_page_with_months(page: str, months: tuple[str, str], lang: str = "zh", **session) -> AppTest:
    """:func:`open_page` with the sidebar's month range dragged to ``months`` first, as a reader
    would (a range put into session state before the first run is reset by the sidebar)."""
    at = open_page(None, lang, **session)
    at.sidebar.select_slider(key="filter_months").set_value(months).run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert tuple(at.session_state["filter_months"]) == tuple(months)
    return at
