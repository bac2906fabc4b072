"""Sessions that hold the sample share its cached work; an upload's stays in its own session (ui.sharing)."""
from __future__ import annotations

from streamlit.runtime.caching.cache_resource_api import clear_session_cache
from streamlit.testing.v1 import AppTest

from ui import sharing


def _script():
    import streamlit as st

    from ui import sharing

    calls = st.session_state.setdefault("calls", [])

    @sharing.cache_resource(max_entries=2, show_spinner=False)
    def work(token: str) -> object:
        calls.append(token)
        return object()

    st.session_state["ids"] = {key: id(work(key)) for key in ("sample|months=all|default", "3f2a|months=all|default")}


def _session():
    # Every AppTest runs as "test session id": a user leaving is what Streamlit does on a disconnect.
    clear_session_cache("test session id")
    return AppTest.from_function(_script).run()


def test_the_sample_is_computed_once_for_every_session_an_upload_once_per_session():
    first, second = _session(), _session()
    assert not first.exception and not second.exception
    shared, own = "sample|months=all|default", "3f2a|months=all|default"
    # the second session found the sample's object the first one made, and made its own upload's
    assert first.session_state["calls"] == [shared, own]
    assert second.session_state["calls"] == [own]
    assert first.session_state["ids"][shared] == second.session_state["ids"][shared]


def test_only_the_data_id_decides():
    assert sharing.shared("sample") and sharing.shared("sample|a|b")
    assert not sharing.shared("samples|a") and not sharing.shared("x|sample") and not sharing.shared(3)
