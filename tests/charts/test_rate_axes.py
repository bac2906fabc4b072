"""Rate axes print ticks that differ and say something.

The tour found the warning-model calibration axes reading "0%, 1%, 1%, 2%, 2%, 3%, 3%" (whole
percents on a 0-3 % range) and the entry-rate trend printing "0.000000%" (a bare ``"%"``). Every
rate axis now takes its format from :func:`analysis.charts.theme.rate_format` over the data it
draws. Ticks here are computed the way Vega does (d3's ``ticks``: a step of 1, 2 or 5 × 10^k).
"""
from __future__ import annotations

import math
import pathlib
import re

import numpy as np
import pandas as pd
import pytest

from analysis.charts import aging as CA
from analysis.charts import warnings as CW
from analysis.charts.theme import labelled_rate_format, rate_format
from analysis.core.view import View


def _d3_ticks(lo: float, hi: float, count: int) -> list[float]:
    raw = (hi - lo) / count
    power = 10.0 ** math.floor(math.log10(raw))
    error = raw / power
    step = power * (10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else 2 if error >= math.sqrt(2) else 1)
    return [i * step for i in range(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1)]


def _labels(fmt: str, ticks: list[float]) -> list[str]:
    m = re.fullmatch(r"\.(\d)%", fmt)
    assert m, f"a rate axis format names its decimals, got {fmt!r}"
    return [f"{t * 100:.{int(m.group(1))}f}%" for t in ticks]


@pytest.mark.parametrize("lo,hi", [(0.0, 0.001), (0.0, 0.01), (0.0, 0.03), (0.0, 0.3), (0.0, 1.0),
                                   (0.0201, 0.0214), (0.12, 0.125), (0.0, 0.0004)])
@pytest.mark.parametrize("count", [2, 3, 5, 8, 12, 18])
def test_consecutive_ticks_read_differently(lo, hi, count):
    fmt = rate_format([lo, hi], zero=lo == 0.0)
    labels = _labels(fmt, _d3_ticks(lo, hi, count))
    assert len(labels) == len(set(labels)), labels
    # ...and no tick carries a tail of zeros (at most the decimals the step needs, never "0.000000%").
    assert int(fmt[1]) <= 4


@pytest.mark.parametrize("span,places", [(0.001, 3), (0.01, 2), (0.03, 1), (0.3, 0)])
def test_the_decimals_follow_the_span(span, places):
    assert rate_format([0.0, span]) == f".{places}%"


def test_empty_and_flat_data_still_give_a_plain_format():
    assert rate_format([]) == ".0%" and rate_format([np.nan]) == ".0%" and rate_format([0.0, 0.0]) == ".0%"
    assert rate_format([0.004, 0.004], zero=False) in {".2%", ".3%"}


def test_explicit_tick_values_print_exactly():
    assert labelled_rate_format([0.05, 0.1, 0.2]) == ".0%"
    assert labelled_rate_format([0.005, 0.01, 0.015]) == ".1%"
    assert labelled_rate_format([0.0025, 0.005]) == ".2%"


def _axis_formats(spec) -> list[str]:
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("axis", "legend") and isinstance(value, dict) and "%" in str(value.get("format", "")):
                found.append(value["format"])
            else:
                found += _axis_formats(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _axis_formats(item)
    return found


def test_calibration_chart_on_a_small_range_has_distinct_ticks():
    cal = pd.DataFrame({"decile": range(1, 11), "mean_predicted": np.linspace(0.001, 0.028, 10),
                        "observed_rate": np.linspace(0.0, 0.03, 10), "n": 100, "events": 2})
    formats = _axis_formats(CW.chart_calibration(cal, View(lang="zh")).to_dict())
    assert len(formats) == 2
    for fmt in formats:  # the x axis is ~700 px (18 ticks), the y axis shorter
        for count in (5, 8, 18):
            labels = _labels(fmt, _d3_ticks(0.0, 0.03, count))
            assert len(labels) == len(set(labels)), labels


def test_entry_rate_chart_never_prints_a_bare_percent():
    entry = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "entry_rate": [0.0004, 0.0006, 0.0005],
                          "entered": [4.0, 6.0, 5.0], "entry_base": [10000.0] * 3})
    formats = _axis_formats(CA.chart_entry_rates(entry, View(lang="zh")).to_dict())
    assert formats and all(re.fullmatch(r"\.\d%", f) for f in formats)
    labels = _labels(formats[0], _d3_ticks(0.0, 0.0006, 8))
    assert len(labels) == len(set(labels)), labels


def test_no_chart_builder_hard_codes_a_rate_axis_format():
    # A fixed ".0%" is wrong on a small range and a bare "%" prints "0.000000%": every rate axis
    # and legend goes through rate_axis / rate_legend / rate_format (tooltips keep fixed formats).
    charts = pathlib.Path(__file__).resolve().parents[2] / "analysis" / "charts"
    offenders = []
    for path in sorted(charts.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {m.group(0)}"
                      for m in re.finditer(r"(?:Axis|Legend)\((?:[^()]*?,\s*)?format=\"[^\"]*%\"", text)]
        offenders += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"format=\"%\"", text)]
    assert not offenders, offenders
