"""Sessions that hold the sample share its cached work; an upload's stays in its own session (ui.sharing)."""
from __future__ import annotations

import pandas as pd
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


def _holding_script():
    import streamlit as st

    from ui import sharing

    calls = st.session_state.setdefault("calls", [])

    @sharing.cache_resource(max_entries=1, show_spinner=False)
    def book(token: str) -> object:
        calls.append(token)
        return object()

    sharing.hold("c-rows")
    book("c-rows|months=all|default")


def test_the_same_rows_are_shared_while_a_session_holds_them_and_dropped_after():
    first = AppTest.from_function(_holding_script).run()
    assert sharing.holders("c-rows") == 1 and first.session_state["calls"] == ["c-rows|months=all|default"]
    second = AppTest.from_function(_holding_script).run()  # the same session: it already holds them
    assert sharing.holders("c-rows") == 1 and second.session_state["calls"] == []
    clear_session_cache("test session id")  # the session ends: nobody holds the rows any more
    assert sharing.holders("c-rows") == 0
    third = AppTest.from_function(_holding_script).run()  # a later user with the same rows computes them again
    assert third.session_state["calls"] == ["c-rows|months=all|default"]
    clear_session_cache("test session id")


def test_uploads_get_their_id_from_their_rows(tmp_path):
    rows = pd.DataFrame({"account_id": ["A", "B"], "month": ["2024-01", "2024-01"], "balance": [1.0, 2.0]})
    assert sharing.shared(sharing.content_id(rows)) and sharing.content_id(rows) == sharing.content_id(rows.copy())
    assert sharing.content_id(rows) != sharing.content_id(rows.assign(balance=[1.0, 2.01]))
    assert sharing.content_id(rows) != sharing.content_id(rows.rename(columns={"balance": "limit"}))
