"""Every chart builder gives the spec it gave before its channels and layers were built the cheap way.

Altair turns a string or a dict given to ``encode()`` (``x="x:Q"``, ``alt.value(...)``,
``alt.condition(...)``) into a channel with ``from_dict``, which hashes the whole Vega-Lite schema
(~3.5 ms a channel), and ``(a + b).properties(height=...)`` copies the layered chart once more
(re-running its construction: 5-10 ms). The builders now pass channel objects and build their
layers with the height (``alt.layer(a, b, height=...)``), and the spec must not change.

The reference: ``golden/builder_inputs.json`` holds one call of each builder, as the pages and the
chart tests made it on the sample data (the smallest recorded call), plus hand-made calls of the
builders no page or test reached; ``golden/builder_specs.json`` holds the SHA-256 of each call's
``to_dict()`` (canonical JSON) computed by the builders *before* the change. Digests, not the
specs (260 kB): a mismatch names the builder; ``python -m tests.charts.test_builder_specs
--show NAME`` prints its spec to compare with the previous version's output. Re-record the digests
(``--record``) only for a change that is meant to alter a spec, and say so in its commit.

Both promises are checked too: no builder passes a string or a dict to ``encode()``, and none
calls ``properties()`` on a layered chart (analysis/charts/overview.py excepted: another change
owns it).
"""
from __future__ import annotations

import hashlib
import importlib
import json
import math
import pathlib
import sys
import traceback
from collections import Counter

import altair as alt
import numpy as np
import pandas as pd
import pytest
from altair.utils.schemapi import SchemaBase
from altair.vegalite.v6 import api

from analysis.core.buckets import Buckets
from analysis.core.view import View

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
INPUTS = GOLDEN / "builder_inputs.json"
SPECS = GOLDEN / "builder_specs.json"
#: Chart modules whose builders are covered here (``export`` and ``theme`` build no chart of their own).
MODULES = ("aging", "arrangements", "causes", "conduct", "overview", "provisions", "trend", "warnings", "whatif")
#: Whose promises (channel objects, no re-layering) are not this file's to keep.
NOT_YET = frozenset({"overview.py"})


# --- the inputs as JSON: frames by column with their dtypes, views by field ----------------------
def encode_value(value):
    """``value`` (a builder argument) as plain JSON (see :func:`decode_value`)."""
    if isinstance(value, pd.DataFrame):
        assert isinstance(value.index, pd.RangeIndex) and value.index.start == 0 and value.index.step == 1
        return {"__frame__": [_encode_column(name, value[name]) for name in value.columns]}
    if isinstance(value, View):
        return {"__view__": {"lang": value.lang, "unit": value.unit, "measure": value.measure,
                             "buckets": {"lowers": list(value.buckets.lowers), "keys": list(value.buckets.keys),
                                         "labels_zh": list(value.buckets.labels_zh),
                                         "labels_en": list(value.buckets.labels_en), "name": value.buckets.name},
                             "month": value.month, "filters": [[c, list(v)] for c, v in value.filters],
                             "month_range": list(value.month_range) if value.month_range else None}}
    if hasattr(value, "history") and hasattr(value, "forecast"):  # a ForecastResult: what a chart reads of it
        return {"__tuple__": [encode_value(value.history), encode_value(value.forecast)]}
    if isinstance(value, tuple):
        return {"__tuple__": [encode_value(v) for v in value]}
    if isinstance(value, list):
        return [encode_value(v) for v in value]
    if isinstance(value, dict):
        assert all(isinstance(k, str) for k in value)
        return {"__dict__": {k: encode_value(v) for k, v in value.items()}}
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        return value.item()
    assert value is None or isinstance(value, (str, int, float, bool)), type(value)
    return value


def _encode_column(name, column: pd.Series) -> dict:
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {"name": name, "dtype": "category", "categories": [_plain(v) for v in dtype.categories],
                "ordered": bool(dtype.ordered), "codes": column.cat.codes.tolist()}
    return {"name": name, "dtype": str(dtype), "values": [_plain(v) for v in column.tolist()]}


def _plain(v):
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if isinstance(v, np.generic) else v


def decode_value(value):
    """The builder argument :func:`encode_value` wrote."""
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__frame__" in value:
        return pd.DataFrame({c["name"]: _decode_column(c) for c in value["__frame__"]})
    if "__view__" in value:
        v = dict(value["__view__"])
        b = v.pop("buckets")
        buckets = Buckets(tuple(b["lowers"]), tuple(b["keys"]), tuple(b["labels_zh"]), tuple(b["labels_en"]), b["name"])
        month_range = v.pop("month_range")
        return View(buckets=buckets, filters=tuple((c, tuple(vals)) for c, vals in v.pop("filters")),
                    month_range=tuple(month_range) if month_range else None, **v)
    if "__tuple__" in value:
        return tuple(decode_value(v) for v in value["__tuple__"])
    if "__dict__" in value:
        return {k: decode_value(v) for k, v in value["__dict__"].items()}
    raise ValueError(f"not an encoded argument: {sorted(value)}")


def _decode_column(c: dict) -> pd.Series:
    if c["dtype"] == "category":
        return pd.Series(pd.Categorical.from_codes(c["codes"], categories=c["categories"], ordered=c["ordered"]))
    values = [np.nan if v is None and c["dtype"].startswith("float") else v for v in c["values"]]
    return pd.Series(values, dtype=c["dtype"])


# --- the calls ------------------------------------------------------------------------------------
def _unreached_calls() -> list[tuple[str, tuple, dict]]:
    """Builders no page on the sample nor any chart test called: hand-made inputs."""
    zh, en = View(lang="zh", unit="wan", month="2024-06"), View(lang="en", unit="yuan", month="2024-06")
    dist = pd.DataFrame({"product": ["信用卡", "信用卡", "消费贷", "消费贷"], "bucket": ["Current", "1-30"] * 2,
                         "count": [90, 10, 40, 5], "balance": [9.0e5, 1.2e5, 3.0e5, 8.0e4],
                         "count_share": [0.9, 0.1, 40 / 45, 5 / 45], "balance_share": [0.88, 0.12, 0.79, 0.21]})
    fpd = pd.DataFrame({"cohort": ["2024-01", "2024-02", "2024-03"], "accounts": [120, 130, 90],
                        "fpd_accounts": [3, 5, 2], "fpd_rate": [0.025, 0.0385, 0.0222]})
    heat = pd.DataFrame(np.arange(24 * 7).reshape(24, 7) % 5, index=range(24), columns=range(7))
    movement = pd.DataFrame({"item": ["opening", "new", "remeasurement", "write_offs", "derecognised", "closing"],
                             "total": [1000.0, 120.0, 0.0, -30.0, -60.0, 1030.0]})
    ratio = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "coverage": [1.62, 1.48, 1.55],
                          "npl_ratio": [0.012, 0.014, 0.013]})
    hist = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "value": [0.02, 0.025, 0.023]})
    fc = pd.DataFrame({"month": ["2024-04", "2024-05"], "mean": [0.024, 0.026], "lower80": [0.02, 0.021],
                       "upper80": [0.028, 0.031], "lower95": [0.018, 0.018], "upper95": [0.03, 0.034]})
    events = pd.DataFrame({"month": ["2024-02", "2024-05", "bad"], "label": ["审批收紧", "催收外包", "x"]})
    projection = pd.DataFrame({"month": ["2024-06", "2024-07", "2024-08"], "C": [900.0, 880.0, 870.0],
                               "M1": [60.0, 70.0, 72.0], "M2": [40.0, 45.0, 50.0], "exit": [0.0, 5.0, 8.0],
                               "total": [1000.0, 1000.0, 1000.0]})
    rates = pd.DataFrame({"month": ["2024-06", "2024-07", "2024-08"], "dpd90_rate": [0.01, 0.012, 0.013],
                          "cumulative_exit": [0.0, 5.0, 13.0]})
    from analysis.core.buckets import custom_buckets
    three = zh.but(buckets=custom_buckets([30, 60]))
    projection = projection.rename(columns=dict(zip(["C", "M1", "M2"], three.buckets.keys)))
    return [
        ("aging.chart_distribution_by_segment", (dist, zh), {"by": "product", "by_label": "产品", "subtitle": "口径"}),
        ("aging.chart_distribution_by_segment", (dist.assign(bucket=pd.Categorical(
            ["Current", "31-60", "Current", "31-60"], categories=["Current", "1-30", "31-60"])), en),
         {"by": "product", "subtitle": ["by balance", "June"]}),
        ("aging.chart_fpd", (fpd, zh), {"threshold": 30, "subtitle": "口径"}),
        ("aging.chart_fpd", (fpd, en), {"threshold": 7}),
        ("conduct.chart_contact_heatmap", (heat, zh), {"window": (8 * 60, 21 * 60), "subtitle": "口径"}),
        ("conduct.chart_contact_heatmap", (heat, en), {"window": (8 * 60 + 30, 20 * 60)}),
        ("provisions.chart_movement", (movement, zh), {"subtitle": "口径"}),
        ("provisions.chart_movement", (movement, en), {}),
        ("provisions.chart_ratio_trend", (ratio, zh, "coverage"), {"reference": 1.5, "subtitle": "口径"}),
        ("provisions.chart_ratio_trend", (ratio, en, "npl_ratio"), {}),
        ("trend.chart_event_markers", (events, ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]), {"lang": "zh"}),
        ("trend.chart_event_markers", (events, None), {"lang": "en"}),
        ("trend.chart_forecast_grid", ({"信用卡": (hist, fc), "消费贷": (hist, fc.iloc[:0])}, zh),
         {"title": "分段预测", "subtitle": "口径", "value_title": "逾期率", "is_rate": True, "events": events}),
        ("trend.chart_forecast_grid", ({"A": (hist.assign(value=[1e6, 1.2e6, 1.1e6]), fc.iloc[:0])}, en),
         {"title": "t", "value_title": "balance", "is_rate": False, "columns": 2}),
        ("trend.chart_forecast", ((hist, fc), zh), {"title": "逾期率", "subtitle": "口径", "value_title": "逾期率",
                                                   "is_rate": True, "events": events}),
        ("trend.chart_projection", (projection, three), {"title": "推演", "subtitle": "口径", "rates": rates,
                                                        "events": events.assign(month=["2024-07", "2024-08", "x"])}),
        ("trend.chart_projection", (projection, three), {"title": "推演", "include_current": True}),
    ]


def calls() -> list[tuple[str, str, tuple, dict]]:
    """``(case, builder, args, kwargs)``: the recorded calls, then the hand-made ones."""
    recorded = json.loads(INPUTS.read_text(encoding="utf-8"))
    out = [(c["builder"], c["builder"], tuple(decode_value(c["args"])), decode_value(c["kwargs"])) for c in recorded]
    seen = Counter()
    for builder, args, kwargs in _unreached_calls():
        seen[builder] += 1
        out.append((f"{builder}#{seen[builder]}", builder, args, kwargs))
    return out


def build(builder: str, args: tuple, kwargs: dict):
    module, name = builder.split(".")
    return getattr(importlib.import_module(f"analysis.charts.{module}"), name)(*args, **kwargs)


def digest(spec: dict) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                                     default=str).encode("utf-8")).hexdigest()


def _spec(builder: str, args: tuple, kwargs: dict) -> dict:
    chart = build(builder, args, kwargs)
    return chart.to_dict() if chart is not None else {}


CALLS = calls()


@pytest.mark.parametrize(("case", "builder", "args", "kwargs"), CALLS, ids=[c[0] for c in CALLS])
def test_the_spec_is_the_one_recorded(case, builder, args, kwargs):
    golden = json.loads(SPECS.read_text(encoding="utf-8"))
    assert digest(_spec(builder, args, kwargs)) == golden[case], f"{case}: the spec changed"


def test_every_builder_is_called():
    # a builder added later gets a recorded or a hand-made call here
    called = {c[1] for c in CALLS}
    for module in MODULES:
        mod = importlib.import_module(f"analysis.charts.{module}")
        for name in dir(mod):
            if name.startswith("chart_") and getattr(getattr(mod, name), "__module__", "") == mod.__name__:
                assert f"{module}.{name}" in called, f"{module}.{name} has no call in tests/charts/test_builder_specs.py"
    assert json.loads(SPECS.read_text(encoding="utf-8")).keys() == {c[0] for c in CALLS}


def _site() -> str:
    for frame in reversed(traceback.extract_stack()[:-2]):
        if "/analysis/charts/" in frame.filename.replace("\\", "/"):
            return f"{pathlib.Path(frame.filename).name}:{frame.lineno}"
    return "?"


def _offences(make, monkeypatch) -> list[tuple[str, str]]:
    """``(file:line, what)`` of each string or dict channel and each re-layering ``make()`` does."""
    found = []
    encode = api._EncodingMixin.encode

    def checked_encode(self, *args, **channels):
        for key, value in channels.items():
            for v in value if isinstance(value, list) else [value]:
                if not isinstance(v, SchemaBase):
                    found.append((_site(), f"encode({key}={type(v).__name__})"))
        return encode(self, *args, **channels)

    real = api.LayerChart.properties

    def properties(self, **kwargs):
        found.append((_site(), f"LayerChart.properties({', '.join(kwargs)})"))
        return real(self, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(api._EncodingMixin, "encode", checked_encode)
        m.setattr(api.LayerChart, "properties", properties)
        make()
    return [f for f in found if f[0].split(":")[0] not in NOT_YET]


def test_builders_pass_channel_objects_and_build_layers_once(monkeypatch):
    found = _offences(lambda: [build(builder, args, kwargs) for _, builder, args, kwargs in CALLS], monkeypatch)
    assert not found, f"from_dict channels or a layered chart copied again: {sorted(set(found))}"


def test_the_check_above_can_fail(monkeypatch):
    def slow():
        point = alt.Chart(pd.DataFrame({"x": [1], "y": [2]})).mark_point()
        (point.encode(x="x:Q", color=alt.value("red")) + point.encode(y=alt.Y("y:Q"))).properties(height=100)

    assert [what for _, what in _offences(slow, monkeypatch)] == [
        "encode(x=str)", "encode(color=dict)", "LayerChart.properties(height)"]


def _record() -> None:
    """Write the digests of every call's spec (run against the builders *before* a change)."""
    specs = {case: digest(_spec(builder, args, kwargs)) for case, builder, args, kwargs in CALLS}
    SPECS.write_text(json.dumps(specs, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(specs)} digests written to {SPECS}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--record"]:
        _record()
    elif sys.argv[1:2] == ["--show"]:
        for case, builder, args, kwargs in CALLS:
            if case == sys.argv[2]:
                print(json.dumps(_spec(builder, args, kwargs), sort_keys=True, indent=1, ensure_ascii=False, default=str))
    else:
        print(__doc__)
