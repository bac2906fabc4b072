"""ui.pages_directory: still needed (Streamlit runs a fresh deep link as a bare page), and it works.

A tiny app in tmp_path mirrors ours: an entry script that routes with ``st.navigation`` and a
``pages/`` folder beside it. ``AppTest`` starts every run like a fresh process (it resets
Streamlit's v1 flag), and ``switch_page`` before the first run is a deep link.
"""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

ENTRY = """
import streamlit as st
st.sidebar.write("ROUTED")
page = st.navigation([st.Page("pages/home.py", url_path="home", default=True),
                      st.Page("pages/deep.py", url_path="deep")])
page.run()
"""
PAGE = """
import sys
sys.path.insert(0, {repo!r})
{workaround}
import streamlit as st
st.title("DEEP")
"""


def _deep_link(tmp_path: Path, workaround: str) -> AppTest:
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text(ENTRY)
    (tmp_path / "pages" / "home.py").write_text('import streamlit as st\nst.title("HOME")\n')
    (tmp_path / "pages" / "deep.py").write_text(PAGE.format(repo=str(REPO), workaround=workaround))
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=30)
    at.switch_page("pages/deep.py")
    return at.run()


def _routed(at: AppTest) -> bool:
    return any(m.value == "ROUTED" for m in at.sidebar.markdown)


def test_streamlit_still_runs_a_fresh_deep_link_as_a_bare_page(tmp_path):
    at = _deep_link(tmp_path, workaround="")
    assert not at.exception
    assert [t.value for t in at.title] == ["DEEP"]
    assert not _routed(at), (
        "Streamlit now routes a fresh deep link through the entry script by itself: delete "
        "ui/pages_directory.py, its call in ui/__init__.py, this test and the note in "
        "docs/ARCHITECTURE.md"
    )


def test_the_workaround_routes_a_fresh_deep_link_through_the_entry_script(tmp_path):
    at = _deep_link(tmp_path, workaround="from ui.pages_directory import route_through_app\n"
                                          "route_through_app()")
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["DEEP"]
    assert _routed(at)
