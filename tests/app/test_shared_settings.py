"""LGD and CCF are one setting on the what-if and provisions pages, whichever page is visited or
edited first (the what-if page once read LGD 0 % and CCF 0 % after a visit to the provisions page)."""
from __future__ import annotations

from tests.app.apptest import assert_clean, open_page
from ui.provisions import keys as PK
from ui.whatif import keys as WK


def _whatif_assumptions(at) -> str:
    return next(m.value for m in at.markdown if "当前假设" in m.value)


def test_the_whatif_page_after_the_provisions_page_keeps_the_defaults():
    at = open_page("provisions", "zh")
    at.switch_page("pages/whatif.py")
    at.run()
    assert_clean(at)
    assert "LGD 45%" in _whatif_assumptions(at) and "CCF 50%" in _whatif_assumptions(at)


def test_an_edit_on_one_page_is_the_value_on_the_other():
    at = open_page("provisions", "zh")
    at.number_input(key=PK.LGD).set_value(60.0).run()
    at.switch_page("pages/whatif.py")
    at.run()
    assert_clean(at)
    assert "LGD 60%" in _whatif_assumptions(at)
    at.number_input(key=WK.K_CCF).set_value(70.0).run()
    at.switch_page("pages/provisions.py")
    at.run()
    assert_clean(at)
    assert at.number_input(key=PK.CCF).value == 70.0
    assert at.number_input(key=PK.LGD).value == 60.0
