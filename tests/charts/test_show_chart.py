"""show_chart checks a chart built on this run against the schema once per spec structure, as
memo.chart does for the charts it keeps: Streamlit's to_dict checked the whole Vega-Lite schema
on every draw of the 47 charts pages build each run."""
from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from analysis.charts.theme import house_config
from ui import memo, widgets


def _bars(values, title) -> alt.Chart:
    data = pd.DataFrame({"c": [f"c{i}" for i in range(len(values))], "v": list(values)})
    return house_config(alt.Chart(data, title=title).mark_bar().encode(x="v:Q", y="c:N"))


@pytest.fixture
def drawn(monkeypatch):
    """The specs show_chart hands Streamlit (its to_dict as Streamlit calls it), and the schema checks made."""
    monkeypatch.setattr(memo, "_CHECKED_SHAPES", set())
    checks, specs = [], []
    original = alt.Chart.validate.__func__
    monkeypatch.setattr(alt.Chart, "validate",
                        classmethod(lambda cls, instance, schema=None: (checks.append(1), original(cls, instance, schema))[1]))
    monkeypatch.setattr(widgets.st, "altair_chart", lambda chart, **kwargs: specs.append(chart.to_dict()) or {})
    monkeypatch.setattr(widgets.state, "presentation", lambda: True)  # no download popover
    return checks, specs


def test_a_chart_built_on_this_run_is_checked_once_per_structure(drawn):
    checks, specs = drawn
    first, second = _bars([1.0, 2.0], "May"), _bars([3.0, 4.0, 5.0], "June")
    expected = [first.to_dict(), second.to_dict()]  # validated the usual way, outside show_chart
    checks.clear()
    widgets.show_chart(first, key="a")
    widgets.show_chart(second, key="a")
    assert specs == expected
    assert len(checks) == 1  # another month's chart has the same structure


def test_an_invalid_chart_still_fails_on_its_first_draw(drawn):
    bad = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x=alt.X("a:Q", bin="nonsense"))
    with pytest.raises(Exception, match="nonsense"):
        widgets.show_chart(bad, key="bad")
