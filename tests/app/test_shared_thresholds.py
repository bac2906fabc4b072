"""The five-tier thresholds and the IFRS 9 stage bounds are drawn on the aging page's 监管分类 tab and
on the provisions page: going straight from one to the other keeps them (Streamlit gave the second
page's inputs their minimum, 1/1/1/1, and the provisions page showed only a threshold error)."""
from __future__ import annotations

from tests.app.apptest import assert_clean, open_page
from ui.aging import keys as aging_keys

TIERS = [aging_keys.tier_threshold("credit_card", n) for n in ("special_mention", "substandard", "doubtful", "loss")]


def _cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_provisions_page_after_the_regulatory_tab_keeps_the_thresholds():
    direct = open_page("provisions", "zh")
    at = open_page("aging", "zh")
    at.session_state["aging_tab"] = "监管分类"
    at.run()
    before = {k: at.session_state[k] for k in TIERS + [aging_keys.IFRS9_STAGE2, aging_keys.IFRS9_STAGE3]}
    at.switch_page("pages/provisions.py").run()
    assert_clean(at)
    after = {k: at.session_state[k] for k in before}
    assert after == before and before[TIERS[1]] == 91
    assert _cards(at) == _cards(direct) and any("减值准备" in label for label in _cards(at))
    at.switch_page("pages/aging.py").run()  # and back: the tab reads what the provisions page kept
    assert_clean(at)
    assert {k: at.session_state[k] for k in before} == before
