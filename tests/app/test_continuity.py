"""A new session whose address says it showed the user's data tells the user the data is gone,
instead of switching to the sample without a word (a server restart, a reload)."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analysis.ingest.portfolio import load_portfolio
from tests.app.apptest import assert_clean
from tests.conftest import REPO
from ui.continuity import K_CARRY_ON, MARKER

SAMPLE = REPO / "data" / "sample" / "sample_portfolio.csv"


def _app(lang: str = "zh", **query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.session_state["lang"] = lang
    for k, v in query.items():
        at.query_params[k] = v
    return at


def _notice(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "不在本会话" in w.value or "no longer in this session" in w.value]


def test_a_new_session_with_the_marker_says_the_data_is_lost_in_both_languages():
    for lang, phrase in (("zh", "服务器重启过"), ("en", "the server restarted")):
        at = _app(lang, **{MARKER: "1"}).run()
        assert_clean(at)
        notice = _notice(at)
        assert len(notice) == 1 and phrase in notice[0]
        assert at.session_state["data_id"] == "sample"  # the app stays usable, and says what it shows


def test_carrying_on_with_the_sample_clears_the_notice_and_the_marker():
    at = _app(**{MARKER: "1"}).run()
    at.button(key=K_CARRY_ON).click().run()
    assert _notice(at) == []
    assert MARKER not in at.query_params
    at.run()
    assert _notice(at) == []


def test_the_sample_alone_has_neither_notice_nor_marker():
    at = _app().run()
    assert _notice(at) == [] and MARKER not in at.query_params


def test_the_users_own_data_puts_the_marker_in_the_address():
    at = _app()
    at.session_state["data_result"] = load_portfolio(SAMPLE.read_bytes(), "逾期明细.csv")
    at.session_state["data_name"] = "逾期明细.csv"
    at.session_state["data_id"] = "an-upload"
    at.run()
    assert_clean(at)
    # the marker holds the token the data is kept under for a refresh (ui/continuity.py's STORE)
    token = at.query_params[MARKER]
    token = token[0] if isinstance(token, list) else token
    assert len(token) >= 43 and token != "1"
    assert _notice(at) == []
