"""Charts kept across reruns are checked against the Vega-Lite schema once, not on every draw."""
from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from ui.memo import checked_once


def _chart() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"a": [1, 2], "b": [3.0, 4.0]})).mark_line().encode(x="a:Q", y="b:Q")


def test_the_spec_is_the_same_and_validated_only_on_the_first_call(monkeypatch):
    calls = []
    original = alt.Chart.validate.__func__

    def counting(cls, instance, schema=None):
        calls.append(1)
        return original(cls, instance, schema)

    monkeypatch.setattr(alt.Chart, "validate", classmethod(counting))
    plain = _chart().to_dict()
    calls.clear()
    chart = checked_once(_chart())
    first, second, third = chart.to_dict(), chart.to_dict(), chart.to_dict()
    assert first == second == third == plain
    assert len(calls) == 1
    # An explicit validate=False never counts as the check.
    fresh = checked_once(_chart())
    calls.clear()
    fresh.to_dict(validate=False)
    fresh.to_dict()
    assert len(calls) == 1


def test_an_invalid_chart_still_fails_on_its_first_draw():
    chart = checked_once(alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x=alt.X("a:Q", bin="nonsense")))
    with pytest.raises(Exception, match="bin|nonsense|valid"):
        chart.to_dict()


def test_checked_once_keeps_the_chart_properties_unchanged():
    chart = checked_once(_chart())
    assert "to_dict" not in chart._kwds  # set on the instance, not as a Vega-Lite property
    assert chart.copy().to_dict() == _chart().to_dict()
