"""AppTest of presentation mode: no controls on any page, the charts and findings at the choices
made at the desk, one section at a time with previous/next, and a way out on the page."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page
from ui import presentation
from ui.aging import keys as AK
from ui.overview import keys as OK
from ui.warnings import keys as WK

# button_group: segmented controls and pills
INPUTS = ("selectbox", "multiselect", "toggle", "checkbox", "number_input", "radio", "slider", "select_slider",
          "text_input", "text_area", "date_input", "data_editor", "button_group")


def _inputs(at) -> dict[str, int]:
    """Input widgets on the main area (the sidebar keeps the mode switch, hidden by CSS)."""
    found = {kind: len(getattr(at.main, kind)) for kind in INPUTS}
    return {kind: n for kind, n in found.items() if n}


def _charts(at) -> int:
    return len(at.main.get("vega_lite_chart"))


def _next(at, key: str):
    at.button(key=f"{key}_next").click().run()
    assert_clean(at)
    return at


@pytest.mark.parametrize("page", ["overview", "aging", "trend", "causes", "whatif", "warnings", "report"])
def test_no_page_draws_a_control_while_presenting(page):
    at = open_page(page, "zh", presentation=True)
    assert_clean(at)
    assert _inputs(at) == {}
    assert not at.main.get("download_button")
    assert not at.main.get("expander")  # settings and the tables under charts are desk work
    if page == "report":  # the report page presents the month's findings as the report states them
        assert at.subheader and at.markdown
    else:
        assert _charts(at) + len(at.metric) > 0


def test_the_deck_starts_at_the_overview():
    # The app's entry script tells each page its neighbours in the deck; AppTest runs it on the
    # first run only (later runs execute the page alone), so the walk starts on the first page.
    at = open_page("overview", "en", presentation=True)
    assert at.button(key=f"{OK.PRESENT}_previous").disabled
    assert at.button(key=f"{OK.PRESENT}_next").label == "Next page"
    _next(at, OK.PRESENT)
    assert at.title[0].value == "Aging and roll rates"


def test_the_way_out_is_on_the_page():
    # The sidebar is folded away while presenting: the bar on top of every page leads out. (The
    # app's entry script draws it; AppTest keeps the entry script's elements of the first run only.)
    at = open_page(None, "en", presentation=True)
    at.button(key=presentation.K_EXIT).click().run()
    assert_clean(at)
    assert not at.session_state["presentation"]
    assert at.selectbox  # the controls are back


def test_aging_presents_the_desk_choices_one_tab_at_a_time():
    at = open_page("aging", "en")
    earlier = at.selectbox(key=AK.MONTH).options[3]
    at.selectbox(key=AK.MONTH).set_value(earlier).run()
    at.session_state["presentation"] = True
    at.run()
    assert_clean(at)
    assert _inputs(at) == {}
    assert any(f"Month: {earlier}" in c.value for c in at.caption)  # the month chosen at the desk
    assert len(at.metric) == 4 and _charts(at) >= 2  # distribution: figures and charts
    assert not at.tabs  # one section, not the tab strip
    assert at.button(key=f"{AK.TAB}_previous").disabled
    _next(at, AK.TAB)
    assert len(at.metric) == 3  # over time: the three rates
    assert any("Over time" in m.value for m in at.markdown)
    assert at.session_state[AK.TAB] == "Over time"
    for _ in range(3):
        _next(at, AK.TAB)
    assert at.session_state[AK.TAB] == "Regulatory"  # the account list is desk work: not presented
    # past the last section, → opens the next page of the deck (test_the_deck_starts_at_the_overview)
    assert at.button(key=f"{AK.TAB}_next").label == "Next page"
    # out of the mode: the controls are back, on the tab and month presented
    at.session_state["presentation"] = False
    at.run()
    assert_clean(at)
    assert at.session_state[AK.TAB] == "Regulatory" and at.selectbox(key=AK.TIER_PRESET)
    at.session_state[AK.TAB] = "Distribution"
    at.run()
    assert at.selectbox(key=AK.MONTH).value == earlier


def test_warnings_presents_sections_and_keeps_the_month():
    at = open_page("warnings", "en")
    month = at.selectbox(key=WK.K_MONTH).options[2]
    at.selectbox(key=WK.K_MONTH).set_value(month).run()
    at.session_state["presentation"] = True
    at.run()
    assert_clean(at)
    assert _inputs(at) == {}
    assert not at.tabs  # one section, not the tab strip
    assert any(f"Month: {month}" in c.value for c in at.caption)
    headings = [s.value for s in at.subheader]
    assert "Warning levels" in headings and "Collection actions" not in headings
    assert len(at.metric) >= 3
    seen = []
    for _ in range(4):
        _next(at, WK.K_TAB)
        seen.append([s.value for s in at.subheader] + [m.value for m in at.markdown])
        assert _inputs(at) == {}
        # the verdict on the warnings stays on screen whatever section is presented
        assert any("separate good from bad" in c.value for c in at.caption)
    assert any("Collection actions" in s for s in seen[-1])
    assert any(any("Warnings by owner" in x for x in s) for s in seen)
    # the account list and work lists are desk work: stepped over
    assert not any(any(x in ("Warned accounts", "Work lists per owner") for x in s) for s in seen)
    assert at.button(key=f"{WK.K_TAB}_next").label == "Next page"
    at.button(key=f"{WK.K_TAB}_previous").click().run()
    assert_clean(at)
    assert any("Warning model" in s.value for s in at.subheader)
    at.session_state["presentation"] = False
    at.run()
    assert_clean(at)
    assert at.session_state[WK.K_TAB] == "Model"  # back at the desk on the tab presented
    assert at.selectbox(key=WK.K_MONTH).value == month
