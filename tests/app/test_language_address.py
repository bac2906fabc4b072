"""The language the reader chose goes into the address when it is not the browser's, so a refresh
(a new session, which starts from the browser's language) keeps it."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.apptest import assert_clean
from tests.conftest import REPO
from ui.i18n import LANG_PARAM


def test_a_new_session_opens_in_the_language_its_address_carries():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params[LANG_PARAM] = "zh"  # the browser of a test session is not Chinese
    at.run()
    assert_clean(at)
    assert at.session_state["lang"] == "zh" and at.query_params[LANG_PARAM] == "zh"


def test_the_browsers_own_language_is_not_written_into_the_address():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params[LANG_PARAM] = "en"  # the browser's language: nothing to remember
    at.run()
    assert_clean(at)
    assert at.session_state["lang"] == "en" and LANG_PARAM not in at.query_params
