"""Adding next month's file to an open workspace moves the page choices that sat on the old newest
month to the new one, and leaves every other kept choice alone: a list (a multiselect of warning
levels, of report sections) made the page crash with "unhashable type: 'list'"."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _app():
    import streamlit as st

    from ui import persist
    from ui.workspace import _follow_the_newest_month

    kept = {"levels": ["red", "orange"], "month": "2024-12", "older": "2024-06", "span": ("2024-01", "2024-12"),
            "nested": [["a"], ["b"]], "number": 3}
    for key, value in kept.items():
        persist.KEPT_KEYS.add(f"t_{key}")
        st.session_state[f"t_{key}"] = value
    _follow_the_newest_month(["2024-11", "2024-12"])
    st.markdown(",".join(sorted(k for k in kept if f"t_{k}" in st.session_state)))


def test_month_choices_follow_and_lists_stay():
    at = AppTest.from_function(_app, default_timeout=60).run()
    assert not at.exception, at.exception[0].message if at.exception else ""
    assert at.markdown[0].value == "levels,nested,number,older"  # the month and the range moved on
