"""The provisions read the accounts' history up to the sidebar's last month: moving the sidebar's
first month (the chart window) changes no stage, PD or allowance, and the month before the report
month is still there for the allowance movement; the report and the overview use the same figures."""
from __future__ import annotations

from tests.app.apptest import assert_clean, open_page, open_page_with_months


def _cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_allowance_does_not_move_with_the_first_month():
    whole = open_page("provisions", "en")
    late = open_page_with_months("provisions", ("2024-12", "2024-12"), "en")
    assert_clean(whole)
    assert_clean(late)
    assert _cards(late) == _cards(whole)
    notes = [i.value for i in late.info] + [c.value for c in late.caption]
    assert not any("is not in the data" in n for n in notes), notes  # the previous month is history, not missing
