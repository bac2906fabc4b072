"""house_config gives the spec it always gave, for a fraction of the cost.

It used to find the legends by serialising the whole chart (its data included) and then chain
eight ``configure_*``/``properties`` calls, each a copy of the chart (a layered chart re-layered)
and a schema check: about 55 ms a chart on every rerun that changes one. ``_chained`` below is
that implementation, kept as the reference the one-copy version must equal.
"""
from __future__ import annotations

import copy
import pickle

import altair as alt
import numpy as np
import pandas as pd
import pytest

from analysis.charts import causes as CC
from analysis.charts import conduct as CD
from analysis.charts import theme
from analysis.charts import warnings as CW
from analysis.charts.theme import FONT, X_TICK_PX, house_config, legend_columns, pick_on
from tests.charts import test_heights as H


def _chained(chart):
    """house_config as it was: legends read off ``to_dict``, one ``configure_*`` call per part."""
    single = isinstance(chart, (alt.Chart, alt.LayerChart))
    entries = theme._legend_entries(chart.to_dict(validate=False))
    needed = [n for labels in entries if (n := legend_columns(labels)) is not None]
    columns = {"columns": min(needed)} if needed else {}
    themed = (
        chart.configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelColor=theme.AXIS_COLOUR, titleColor=theme.AXIS_COLOUR,
                        gridColor=theme.GRID_COLOUR, labelLimit=theme.AXIS_LABEL_LIMIT)
        .configure_axisQuantitative(labelOverlap="greedy", labelSeparation=6)
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom", labelLimit=360, **columns)
        .configure_view(strokeWidth=0)
    )
    if single:
        themed = (themed.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
                  .configure_axisXQuantitative(tickCount=alt.ExprRef(f"max(2, ceil(width / {X_TICK_PX}))")))
    return themed


_LONG = ["正常 → 逾期1-30天", "逾期1-30天 → 逾期31-60天", "逾期31-60天 → 逾期61-90天",
         "逾期61-90天 → 逾期91-180天", "逾期91-180天 → 逾期181+天"]
_DATA = pd.DataFrame({"x": range(5), "y": [0.1, 0.2, 0.3, 0.2, 0.1], "s": _LONG, "t": list("abcde")})


def _kinds() -> dict[str, alt.TopLevelMixin]:
    base = alt.Chart(_DATA)
    long_colour = alt.Color("s:N", scale=alt.Scale(domain=_LONG))
    point = base.mark_point().encode(x="x:Q", y="y:Q", color=long_colour)
    bar = base.mark_bar().encode(x="t:N", y="y:Q", color=alt.Color("t:N", scale=alt.Scale(domain=list("abcde"))))
    text = base.mark_text().encode(x="t:N", y="y:Q", text="t:N")
    return {
        "single, long legend": point,
        "single, short legend": bar,
        "single, no colour": text,
        "legend hidden": base.mark_point().encode(x="x:Q", color=alt.Color("s:N", scale=alt.Scale(domain=_LONG),
                                                                             legend=None)),
        "fill, numpy domain": base.mark_bar().encode(x="x:Q", fill=alt.Fill("s:N", scale=alt.Scale(
            domain=np.array(_LONG)))),
        "stroke, tuple domain": base.mark_line().encode(x="x:Q", stroke=alt.Stroke("s:N", scale=alt.Scale(
            domain=tuple(_LONG[:2])))),
        "colour under a condition": base.mark_bar().encode(x="x:Q", color=alt.condition(
            "datum.x > 2", alt.Color("s:N", scale=alt.Scale(domain=_LONG)), alt.value("grey"))),
        "colour as a dict": base.mark_bar().encode(x="x:Q", color={"field": "s", "type": "nominal",
                                                                    "scale": {"domain": _LONG}}),
        "layered, legend in the second layer": alt.layer(text, point),
        "layered with a click selection": alt.layer(*pick_on([bar, text], ["t"])),
        "layered with its own data": alt.layer(bar, text, data=_DATA),
        "titled and sized": theme.titled(point, "T", "口径").properties(height=200),
        "facet": point.facet(column="t:N"),
        "concat": alt.concat(point, bar),
        "hconcat": alt.hconcat(bar, text),
        "vconcat": alt.vconcat(point, text),
        "already configured": bar.configure_axis(grid=False),
    }


@pytest.mark.parametrize("name", list(_kinds()))
def test_the_spec_is_what_the_chained_configure_calls_gave(name):
    chart = _kinds()[name]
    assert house_config(chart).to_dict() == _chained(chart).to_dict()


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.parametrize("builder", H.BUILDERS, ids=lambda b: b.__name__)
def test_every_builder_gets_the_chained_spec(builder, n, monkeypatch):
    # the finished chart each builder hands to house_config, themed both ways
    handed = []

    def record(chart):
        handed.append(chart)
        return house_config(chart)

    for module in (CC, CD, CW):
        monkeypatch.setattr(module, "house_config", record)
    spec = builder(n).to_dict()
    assert len(handed) == 1
    assert spec == _chained(handed[0]).to_dict()


def _builder_specs():
    for builder in H.BUILDERS:
        for n in (1, 2, 30):
            yield f"{builder.__name__}-{n}", builder(n).to_dict()


@pytest.mark.parametrize(("name", "spec"), list(_builder_specs()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_builder_keeps_the_house_promises(name, spec):
    config = spec["config"]
    assert theme.has_house_config(spec)
    assert config["axis"]["labelLimit"] == theme.AXIS_LABEL_LIMIT and config["axis"]["labelFont"] == FONT
    assert config["axisQuantitative"] == {"labelOverlap": "greedy", "labelSeparation": 6}
    assert config["legend"]["orient"] == "bottom"
    # a long legend wraps into the columns the longest label allows; a short one stays one row
    needed = [n for labels in theme._legend_entries(spec) if (n := legend_columns(labels)) is not None]
    assert config["legend"].get("columns") == (min(needed) if needed else None)
    if not any(k in spec for k in ("facet", "concat", "hconcat", "vconcat", "repeat")):
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
        assert config["axisXQuantitative"]["tickCount"] == {"expr": f"max(2, ceil(width / {X_TICK_PX}))"}
    else:
        assert "autosize" not in spec and "axisXQuantitative" not in config


def test_a_long_legend_in_a_builder_gets_columns():
    # the promise above is not vacuous: some builder on these inputs has a legend too long for one row
    assert any("columns" in spec["config"]["legend"] for _, spec in _builder_specs())


def _refuse(data, **kwargs):
    raise AssertionError("house_config serialised the chart's data")


@pytest.mark.parametrize("name", list(_kinds()))
def test_house_config_does_not_serialise_the_data(name):
    chart = _kinds()[name]
    before = chart.to_dict()
    alt.data_transformers.register("refuse", _refuse)
    with alt.data_transformers.enable("refuse"):
        themed = house_config(chart)
        with pytest.raises(AssertionError, match="serialised"):  # the trap does catch a to_dict
            chart.to_dict()
    assert chart.to_dict() == before  # the chart it was given is left as it was
    assert "config" in themed.to_dict()


@pytest.mark.parametrize("name", ["single, long legend", "layered with a click selection", "facet", "hconcat"])
def test_titled_gives_what_properties_gave(name):
    # titled sets the title on a shallow copy instead of chart.properties(title=...) (a copy that
    # re-layers a layered chart, and a schema check): the spec is the same
    chart = _kinds()[name]
    subtitle = "按余额；数据月份：2024-12；" * 6
    themed = theme.titled(chart, "标题", subtitle)
    heading = {"text": "标题", "anchor": "start", "fontSize": 15, "font": FONT,
               "subtitle": theme.wrap_line(subtitle), "subtitleColor": theme.NEUTRAL, "subtitleFontSize": 11,
               "subtitleFont": FONT}
    assert themed.to_dict() == chart.properties(title=alt.TitleParams(**heading)).to_dict()
    assert "title" not in chart.to_dict()


@pytest.mark.parametrize("name", ["layered with a click selection", "layered, legend in the second layer",
                                  "single, long legend", "facet", "concat"])
def test_drawing_a_finished_chart_does_not_rebuild_it(name, monkeypatch):
    # Altair's to_dict starts with copy(deep=False), which re-ran LayerChart.__init__ (every layer
    # deep-copied twice, each selection schema-checked again) on each draw; a finished chart's
    # shallow copy gives the same spec without it
    chart = _kinds()[name]
    themed = house_config(chart)
    expected = _chained(chart).to_dict()
    inits = []
    for cls in (alt.LayerChart, alt.FacetChart, alt.ConcatChart):
        real = cls.__init__
        monkeypatch.setattr(cls, "__init__", lambda self, *a, _real=real, **k: (inits.append(1), _real(self, *a, **k))[1])
    assert themed.to_dict() == expected
    assert not inits
    # the copies Altair hands out otherwise are its own, and come out as before
    assert themed.copy().to_dict() == expected and themed.copy(deep=["config"]).to_dict() == expected
    assert themed.copy(deep=False).to_dict() == expected
    assert pickle.loads(pickle.dumps(themed)).to_dict() == expected and copy.deepcopy(themed).to_dict() == expected
