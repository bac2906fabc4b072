"""A one-month snapshot has a single months-on-book value: the vintage charts would be one dot
each at that MOB, a chart that looks empty. The analysis side says why instead, in both languages."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.aging import vintage_note
from analysis.core.view import View


def _triangle(mobs: list[int], cohorts: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{"cohort": c, "mob": m, "value": 0.01 * (m + 1), "accounts": 10}
                         for c in cohorts for m in mobs])


@pytest.mark.parametrize("lang,words", [("zh", "账龄 3"), ("en", "MOB 3")])
def test_one_months_on_book_value_says_why_there_is_no_curve(lang, words):
    note = vintage_note(_triangle([3], ["2024-01", "2024-02"]), View(lang=lang))
    assert note and words in note and "{" not in note


def test_two_months_on_book_draw_the_chart():
    assert vintage_note(_triangle([0, 1], ["2024-01"]), View(lang="zh")) is None
    # One cohort per MOB still makes two MOB values: curves of one point each, but an axis to read.
    assert vintage_note(pd.concat([_triangle([0], ["2024-02"]), _triangle([1], ["2024-01"])]), View(lang="en")) is None


def test_an_empty_triangle_is_left_to_the_page_empty_state():
    assert vintage_note(_triangle([], []).reindex(columns=["cohort", "mob", "value", "accounts"]), View(lang="en")) is None


def test_the_note_leaves_the_input_alone():
    tri = _triangle([0], ["2024-01"])
    before = tri.copy()
    vintage_note(tri, View(lang="en"))
    pd.testing.assert_frame_equal(tri, before)
