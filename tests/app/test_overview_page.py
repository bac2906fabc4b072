"""AppTest of the overview (landing) page in both languages."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_lands_with_figures_and_findings(lang):
    at = open_page(None, lang)  # the landing page is the overview
    assert_clean(at)
    assert at.title[0].value == ("总览" if lang == "zh" else "Overview")
    labels = [m.label for m in at.metric]
    assert len(labels) == 7
    assert any(("DPD30+" in label) for label in labels)
    assert all(m.value not in ("", "–") for m in at.metric[:6])
    # findings are written out in the chosen language
    texts = " ".join(md.value for md in at.markdown)
    if lang == "zh":
        assert "个百分点" in texts or "持平" in texts
    else:
        assert " pp " in texts or "held steady" in texts
    assert at.selectbox(key="overview_month").value == sorted(at.selectbox(key="overview_month").options)[-1]


def test_overview_month_change_and_presentation_mode():
    at = open_page(None, "en")
    box = at.selectbox(key="overview_month")
    earlier = box.options[-3]
    box.set_value(earlier).run()
    assert_clean(at)
    assert any(earlier in c.value for c in at.caption)
    at.session_state["presentation"] = True
    at.run()
    assert_clean(at)
    assert not [s for s in at.selectbox if s.key == "overview_month"]
    assert len(at.metric) == 7


def test_presentation_mode_keeps_the_hidden_settings():
    # The month picker and the sidebar settings are hidden while presenting; switching the
    # mode on and off must not reset them (Streamlit drops hidden widgets' values otherwise).
    at = open_page(None, "en", unit="yi")  # the sidebar draws the unit widget with this value
    month = at.selectbox(key="overview_month").options[-4]
    at.selectbox(key="overview_month").set_value(month).run()
    assert "CNY 100m" in at.metric[1].label
    for presenting in (True, True, False):
        at.session_state["presentation"] = presenting
        at.run()
        assert_clean(at)
        assert "CNY 100m" in at.metric[1].label
        assert any(f"month: {month}" in c.value for c in at.caption)
    assert at.selectbox(key="overview_month").value == month
