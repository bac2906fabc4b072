"""The house theme: one look for every chart, and a way to tell a chart carries it."""
from __future__ import annotations

import math

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


# --- nothing cut with "…", nothing printed over (the browser tour, round 2) -----------------------

_LONG = ("按余额；数据月份：2024-06；分类：文件中银行的五级分类；不良 = 次级 + 可疑 + 损失；"
         "关注类占比 = 关注 ÷ 全部")


def test_long_titles_and_subtitles_are_wrapped_to_fit_a_half_width_chart():
    # Vega cuts a title line at the chart's edge: a chart beside another (about 400 px) lost the
    # end of its 口径 line and of its English title.
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    title = "The bank's five-tier classification (as in the file), 2024-06"
    spec = theme.titled(chart, title, _LONG).to_dict()["title"]
    assert isinstance(spec["text"], list) and "".join(spec["text"]) == title
    assert all(theme._display_width(line) <= theme.TITLE_WIDTH for line in spec["text"])
    assert isinstance(spec["subtitle"], list) and "".join(spec["subtitle"]) == _LONG
    assert all(theme._display_width(line) <= theme.SUBTITLE_WIDTH for line in spec["subtitle"])
    # about 400 px at 11 px type (≤ 6.2 px per half-width character), 15 px bold for the title
    assert theme.SUBTITLE_WIDTH * 6.2 <= 400 and theme.TITLE_WIDTH * 8.5 <= 400


def test_a_long_legend_wraps_into_columns_instead_of_running_off_the_chart():
    labels = ["正常 → 逾期1-30天", "逾期1-30天 → 逾期31-60天", "逾期31-60天 → 逾期61-90天",
              "逾期61-90天 → 逾期91-180天", "逾期91-180天 → 逾期181+天"]
    data = pd.DataFrame({"x": range(5), "y": range(5), "step": labels})
    chart = alt.Chart(data).mark_point().encode(x="x:Q", y="y:Q",
                                                 color=alt.Color("step:N", scale=alt.Scale(domain=labels)))
    columns = house_config(chart).to_dict()["config"]["legend"]["columns"]
    assert 1 <= columns < len(labels)
    assert columns * max(6 * theme._display_width(s) + 30 for s in labels) <= theme.NARROW_PX
    short = ["Current", "1-30", "31-60"]
    small = chart.encode(color=alt.Color("step:N", scale=alt.Scale(domain=short)))
    assert "columns" not in house_config(small).to_dict()["config"]["legend"]  # one row fits


def test_quantitative_axes_thin_their_ticks_and_drop_labels_that_touch():
    # "480500" and "9,000.0010,000.00": Vega's one tick per 40 px, the last label flush against
    # the one before it.
    data = pd.DataFrame({"v": [0.0, 472.0], "c": ["a", "b"]})
    bar = alt.Chart(data).mark_bar().encode(x="v:Q", y="c:N")
    for chart in (bar, alt.layer(bar, bar.mark_text())):
        config = house_config(chart).to_dict()["config"]
        assert config["axisQuantitative"]["labelOverlap"] == "greedy"
        assert config["axisQuantitative"]["labelSeparation"] > 0
        assert config["axisXQuantitative"]["tickCount"] == {"expr": f"max(2, ceil(width / {theme.X_TICK_PX}))"}
        assert config["axis"]["labelLimit"] >= 280
    # the ticks that count gives (d3's step of 1, 2 or 5 × 10^k) leave room for "10,000.00" (~60 px)
    # and "500" beside their neighbours, on a full-width chart (770 px) and a half-width one
    for width in (770, 400):
        for top in (10_000.0, 500.0):
            count = max(2, math.ceil(width / theme.X_TICK_PX))
            step = theme._nice_step(top, count)
            assert width * step / top >= 75, (width, top, step)


def test_the_house_config_renders_for_every_kind_of_chart():
    import vl_convert as vlc

    data = pd.DataFrame({"v": [0.0, 9_500.0], "c": ["Special-mention share", "NPL ratio (substandard + doubtful + loss)"]})
    bar = alt.Chart(data).mark_bar().encode(x="v:Q", y="c:N", color=alt.Color("c:N", scale=alt.Scale(domain=list(data["c"]))))
    for chart in (bar, alt.layer(bar, bar.mark_text()), alt.concat(bar, bar), alt.hconcat(bar, bar)):
        svg = vlc.vegalite_to_svg(house_config(theme.titled(chart, "T", _LONG)).to_dict())
        assert svg.startswith("<svg") and "NaN" not in svg
