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
    st.session_state["sample"] = id(book("sample|months=all|default"))


def test_the_same_rows_are_shared_while_a_session_holds_them_and_dropped_after():
    rows, sample = "c-rows|months=all|default", "sample|months=all|default"
    first = AppTest.from_function(_holding_script).run()
    assert sharing.holders("c-rows") == 1 and first.session_state["calls"] in ([rows, sample], [rows])
    second = AppTest.from_function(_holding_script).run()  # the same session: it already holds them
    assert sharing.holders("c-rows") == 1 and second.session_state["calls"] == []
    clear_session_cache("test session id")  # the session ends: nobody holds the rows any more
    assert sharing.holders("c-rows") == 0
    third = AppTest.from_function(_holding_script).run()  # a later user with the same rows computes them again
    # ... and finds the sample's work still there: every new user opens on the sample
    assert third.session_state["calls"] == [rows]
    assert third.session_state["sample"] == second.session_state["sample"]
    clear_session_cache("test session id")


def test_uploads_get_their_id_from_their_rows(tmp_path):
    rows = pd.DataFrame({"account_id": ["A", "B"], "month": ["2024-01", "2024-01"], "balance": [1.0, 2.0]})
    assert sharing.shared(sharing.content_id(rows)) and sharing.content_id(rows) == sharing.content_id(rows.copy())
    assert sharing.content_id(rows) != sharing.content_id(rows.assign(balance=[1.0, 2.01]))
    assert sharing.content_id(rows) != sharing.content_id(rows.rename(columns={"balance": "limit"}))


# --- sharing.once: work done once for every session asking the same ---------------------------

def _lines():
    shown = []
    return shown, lambda key, **params: shown.append((key, params))


def test_once_does_shared_work_once_and_replays_its_progress_to_who_waits():
    import threading

    started, release = threading.Event(), threading.Event()
    calls = []

    def make(say):
        calls.append(1)
        say("step.one")
        started.set()
        release.wait(5)
        say("step.two", formats=("pptx",))
        return object()

    token, key = "sample|months=all|default", f"once-{id(make)}"
    owner_lines, owner_show = _lines()
    results = {}
    owner = threading.Thread(target=lambda: results.setdefault("owner", sharing.once(token, key, make, owner_show)))
    owner.start()
    assert started.wait(5)
    follower_lines, follower_show = _lines()
    follower = threading.Thread(target=lambda: results.setdefault("follower", sharing.once(token, key, make, follower_show)))
    follower.start()
    release.set()
    owner.join(5), follower.join(5)
    assert len(calls) == 1 and results["owner"] is results["follower"]
    assert follower_lines == owner_lines == [("step.one", {}), ("step.two", {"formats": ("pptx",)})]
    later_lines, later_show = _lines()
    assert sharing.once(token, key, make, later_show) is results["owner"] and len(calls) == 1
    assert later_lines == owner_lines  # a later ask sees the steps it was made of


def test_once_keeps_an_upload_that_is_not_shared_to_its_session():
    calls = []

    def make(say):
        calls.append(1)
        return object()

    token = "3f2a|months=all|default"  # a random id: nobody else holds this data
    first = sharing.once(token, "k", make, _lines()[1])
    second = sharing.once(token, "k", make, _lines()[1])
    assert len(calls) == 2 and first is not second


def test_once_does_not_keep_a_failure_and_a_stopped_session_hands_the_work_on():
    import pytest

    token, key = "sample|months=all|default", "once-failing"
    attempts = []

    def failing(say):
        attempts.append(1)
        raise ValueError("refused")

    for _ in range(2):
        with pytest.raises(ValueError, match="refused"):
            sharing.once(token, key, failing, _lines()[1])
    assert len(attempts) == 2  # the refusal was not kept: each ask tried again

    class Stopped(BaseException):  # what Streamlit raises in a script it stops
        pass

    def stopped(say):
        raise Stopped()

    with pytest.raises(Stopped):
        sharing.once(token, "once-stopped", stopped, _lines()[1])
    assert sharing.once(token, "once-stopped", lambda say: "done", _lines()[1]) == "done"


def test_a_session_waiting_for_one_that_stops_does_the_work_itself():
    import threading

    class Stopped(BaseException):
        pass

    started, release = threading.Event(), threading.Event()

    def stops(say):
        started.set()
        release.wait(5)
        raise Stopped()

    token, key, outcome = "sample|months=all|default", "once-handed-on", {}

    def owner():
        try:
            sharing.once(token, key, stops, _lines()[1])
        except Stopped:
            outcome["owner"] = "stopped"

    first = threading.Thread(target=owner)
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=lambda: outcome.setdefault(
        "follower", sharing.once(token, key, lambda say: "its own", _lines()[1])))
    second.start()
    release.set()
    first.join(5), second.join(5)
    assert outcome == {"owner": "stopped", "follower": "its own"}


def test_an_uploads_shared_work_goes_with_its_last_holder_the_samples_stays():
    made = []

    def make(say):
        made.append(1)
        return object()

    sample, upload = "sample|months=all|default", "c-once-rows|months=all|default"
    kept, dropped = sharing.once(sample, "k-clear", make, _lines()[1]), sharing.once(upload, "k-clear", make, _lines()[1])
    sharing._ONCE.clear()  # what the last holder's leaving does (sharing._let_go)
    assert sharing.once(sample, "k-clear", make, _lines()[1]) is kept
    assert sharing.once(upload, "k-clear", make, _lines()[1]) is not dropped and len(made) == 3


# --- sharing.while_held: one object for the sessions holding the same thing ---------------------

class _Table:  # a stand-in for a raw table or an ingest result (weakly referable)
    pass


def test_while_held_gives_the_same_object_while_someone_holds_it_and_keeps_nothing_after():
    import gc

    made = []

    def make():
        made.append(1)
        return _Table()

    first = sharing.while_held("held-a", make)
    assert sharing.while_held("held-a", make) is first and len(made) == 1  # a second session, same file
    assert sharing.while_held("held-b", make) is not first and len(made) == 2  # another file
    del first
    gc.collect()
    sharing.while_held("held-a", make)  # nobody held it: made anew, nothing was kept
    assert len(made) == 3


def test_while_held_makes_once_for_sessions_asking_at_the_same_time_and_keeps_no_failure():
    import threading

    import pytest

    started, release, made = threading.Event(), threading.Event(), []

    def slow():
        made.append(1)
        started.set()
        release.wait(5)
        return _Table()

    results = []
    threads = [threading.Thread(target=lambda: results.append(sharing.while_held("held-slow", slow))) for _ in range(3)]
    threads[0].start()
    assert started.wait(5)
    for th in threads[1:]:
        th.start()
    release.set()
    for th in threads:
        th.join(5)
    assert len(made) == 1 and len(results) == 3 and all(r is results[0] for r in results)

    def refuse():
        made.append("refused")
        raise ValueError("not a portfolio")

    for _ in range(2):
        with pytest.raises(ValueError, match="not a portfolio"):
            sharing.while_held("held-refused", refuse)
    assert made.count("refused") == 2
