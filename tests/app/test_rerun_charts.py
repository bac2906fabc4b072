"""Charts are checked against the Vega-Lite schema once per spec structure, not on every draw
(:func:`ui.memo.checked_once`): the check was most of a page's rerun time."""
from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
from altair.utils.schemapi import SchemaValidationError

from ui import memo
from ui.memo import checked_once


def _line(values=(3.0, 4.0), title="A") -> alt.Chart:
    data = pd.DataFrame({"a": range(len(values)), "b": list(values)})
    return alt.Chart(data, title=title).mark_line().encode(x="a:Q", y="b:Q")


@pytest.fixture
def validations(monkeypatch):
    """The schema checks made (``alt.Chart.validate`` calls), with no structure checked before."""
    monkeypatch.setattr(memo, "_CHECKED_SHAPES", set())
    calls = []
    original = alt.Chart.validate.__func__

    def counting(cls, instance, schema=None):
        calls.append(1)
        return original(cls, instance, schema)

    monkeypatch.setattr(alt.Chart, "validate", classmethod(counting))
    return calls


def test_a_kept_chart_gives_the_same_spec_and_is_checked_once(validations):
    plain = _line().to_dict(validate=False)
    chart = checked_once(_line())
    assert chart.to_dict() == chart.to_dict() == chart.to_dict() == plain
    assert len(validations) == 1


def test_other_data_and_titles_in_the_same_structure_are_not_checked_again(validations):
    checked_once(_line()).to_dict()
    checked_once(_line((1.0, 2.0, 5.0), title="another month")).to_dict()
    assert len(validations) == 1
    # Another mark is another structure: checked.
    checked_once(alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q")).to_dict()
    assert len(validations) == 2


def test_validate_false_is_not_a_check(validations):
    chart = checked_once(_line())
    chart.to_dict(validate=False)
    assert not validations
    chart.to_dict()
    assert len(validations) == 1


def test_an_invalid_chart_still_fails_on_its_first_draw(validations):
    chart = checked_once(alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x=alt.X("a:Q", bin="nonsense")))
    with pytest.raises(SchemaValidationError):
        chart.to_dict()


def test_checked_once_keeps_the_chart_properties_unchanged():
    chart = checked_once(_line())
    assert "to_dict" not in chart._kwds  # set on the instance, not as a Vega-Lite property
    assert chart.copy().to_dict() == _line().to_dict()


def _sorted_bars(order, sort=None) -> alt.Chart:
    data = pd.DataFrame({"c": list(order), "v": range(len(order))})
    y = alt.Y("c:N", sort=list(order) if sort is None else sort)
    return alt.Chart(data).mark_bar().encode(x="v:Q", y=y, color=alt.Color("c:N", scale=alt.Scale(domain=list(order))))


def test_values_listed_in_a_sort_order_or_a_domain_are_not_structure(validations):
    # another month lists other segment names, in another order, in the sort and the colour domain
    checked_once(_sorted_bars(["上海分行", "北京分行"])).to_dict()
    checked_once(_sorted_bars(["成都分行", "西安分行", "武汉分行"])).to_dict()
    assert len(validations) == 1
    # a bare sort string is structure: checked
    checked_once(_sorted_bars(["a", "b"], sort="-x")).to_dict()
    assert len(validations) == 2
    checked_once(_sorted_bars(["a", "b"], sort="x")).to_dict()
    assert len(validations) == 3


def test_a_selection_listening_to_another_view_name_is_not_checked_again(validations, monkeypatch):
    original = alt.LayerChart.validate.__func__
    monkeypatch.setattr(alt.LayerChart, "validate",
                        classmethod(lambda cls, instance, schema=None: (validations.append(1), original(cls, instance, schema))[1]))

    def picked(values):  # a layered chart lists the view a selection is on by the chart's own name
        pick = alt.selection_point(fields=["c"], on="click")
        bars = _sorted_bars(values)
        return alt.layer(bars.add_params(pick), bars.mark_text())

    first, second = picked(["a", "b"]), picked(["c", "d"])
    assert first.to_dict(validate=False)["params"][0]["views"] != second.to_dict(validate=False)["params"][0]["views"]
    checked_once(first).to_dict()
    checked_once(second).to_dict()
    assert len(validations) == 1


def test_an_invalid_sort_list_still_fails_on_its_first_draw(validations):
    checked_once(_sorted_bars(["a", "b"])).to_dict()
    bad = _sorted_bars(["a", "b"], sort=[{"nonsense": 1}])
    with pytest.raises(SchemaValidationError):
        checked_once(bad).to_dict()
