"""The house theme: one look for every chart, and a way to tell a chart carries it."""
from __future__ import annotations

import doctest

import altair as alt
import pandas as pd

import analysis.charts.theme as theme
from analysis.charts.theme import FONT, GRID_COLOUR, has_house_config, house_config


def test_house_config_sets_fonts_quiet_axes_and_no_frame():
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_line().encode(x="x")
    spec = house_config(chart).to_dict()
    assert spec["config"]["font"] == FONT and spec["config"]["axis"]["gridColor"] == GRID_COLOUR
    assert spec["config"]["legend"]["orient"] == "bottom" and spec["config"]["view"]["strokeWidth"] == 0
    assert has_house_config(spec) and has_house_config(house_config(chart))
    assert not has_house_config(chart) and not has_house_config(alt.layer(chart, chart))
    assert has_house_config(house_config(alt.layer(chart, chart)))


def test_docstring_examples_hold():
    result = doctest.testmod(theme)
    assert result.attempted > 0 and result.failed == 0


def test_month_axes_thin_their_labels():
    # 61 months on a five-year panel printed over each other: every chart with months along x
    # thins its labels (they stay in the tooltip and the table).
    import json

    from analysis.charts.overview import chart_rate_trend
    from analysis.core.view import View

    months = pd.period_range("2020-01", "2025-01", freq="M").strftime("%Y-%m")
    rates = pd.DataFrame({"month": months, "overdue_rate": 0.05, "dpd30_rate": 0.03, "dpd90_rate": 0.01})
    spec = json.dumps(chart_rate_trend(rates, View(lang="zh"), month="2025-01").to_dict())
    assert '"labelOverlap": "greedy"' in spec
