"""One look for every chart: bucket colours, warning colours, fonts, titles with a 口径 subtitle."""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable

import numpy as np

import altair as alt
from altair.utils.schemapi import SchemaBase, Undefined

#: Calm → alarming, one colour per bucket position; the same on every chart and table.
_BUCKET_RAMP = (
    "#4C9F70",  # Current
    "#F2C94C",  # 1-30
    "#F2994A",  # 31-60
    "#EB5757",  # 61-90
    "#B83232",  # 91-180
    "#6B1D1D",  # 181+
)
_LONG_RAMP = ("#4C9F70", "#C9D46A", "#F2C94C", "#F2994A", "#EB6A4F", "#D64545", "#A92E2E", "#6B1D1D")
EXIT_COLOUR = "#9AA5B1"

LEVEL_COLOURS = {"red": "#D64545", "orange": "#F2994A", "yellow": "#F2C94C"}
ACCENT = "#2F5D8A"
NEUTRAL = "#6B7785"
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
AXIS_COLOUR = "#3A4450"
GRID_COLOUR = "#EDF0F3"


def bucket_colours(keys: list[str] | tuple[str, ...]) -> list[str]:
    """Colours for bucket keys in order (``"exit"`` is grey).

    Examples
    --------
    >>> bucket_colours(["Current", "1-30", "exit"])[-1]
    '#9AA5B1'
    """
    real = [k for k in keys if k != "exit"]
    ramp = _BUCKET_RAMP if len(real) <= len(_BUCKET_RAMP) else _LONG_RAMP
    if len(real) > len(ramp):
        ramp = ramp + (ramp[-1],) * (len(real) - len(ramp))
    # Spread a short list over the ramp so the last bucket is always the most alarming colour.
    if len(real) < len(ramp):
        step = (len(ramp) - 1) / max(len(real) - 1, 1)
        ramp = tuple(ramp[round(i * step)] for i in range(len(real)))
    colours = iter(ramp)
    return [EXIT_COLOUR if k == "exit" else next(colours) for k in keys]


def bucket_colour_scale(keys: list[str] | tuple[str, ...]) -> alt.Scale:
    """An altair scale mapping bucket keys (or their labels, in the same order) to bucket colours."""
    return alt.Scale(domain=list(keys), range=bucket_colours(list(keys)))


def level_colour_scale(levels: list[str]) -> alt.Scale:
    """Warning levels (red/orange/yellow keys or labels in that order) to their colours."""
    base = ["red", "orange", "yellow"]
    return alt.Scale(domain=list(levels), range=[LEVEL_COLOURS[b] for b in base[: len(levels)]])


#: How many ticks a rate axis may draw at most: Vega asks for about one tick per 40 px, so an axis
#: 700 px long draws up to 18; the format is chosen for the finest step that could give.
_MAX_TICKS = 20


def _nice_step(span: float, count: int) -> float:
    # d3's tickIncrement, which Vega uses: a step of 1, 2 or 5 × 10^k giving about ``count`` ticks.
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    error = raw / power
    factor = 10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else 2 if error >= math.sqrt(2) else 1
    return factor * power


def rate_format(values: object = (), *, zero: bool = True, ticks: int = _MAX_TICKS) -> str:
    """The d3 format of a rate axis (or legend) over ``values``: as many decimals of a percent as
    the tick step needs, so consecutive ticks never read the same ("1%, 1%, 2%" on a 0-3 % axis)
    and no tick prints a row of zeros ("0.000000%", what a bare ``"%"`` gives).

    Parameters
    ----------
    values : array-like of float
        The rates the axis shows (NaN ignored); empty gives ``".0%"``.
    zero : bool
        Whether the scale includes 0 (Vega-Lite's default for a quantitative position axis).
    ticks : int
        The most ticks the axis may draw; the format fits the step of that many.

    Examples
    --------
    >>> rate_format([0.0, 0.03]), rate_format([0.0, 0.01]), rate_format([0.0, 0.001]), rate_format([0.1, 0.4])
    ('.1%', '.2%', '.3%', '.0%')
    >>> rate_format([]), rate_format([0.0, 0.0])
    ('.0%', '.0%')
    """
    arr = np.asarray(values, dtype=np.float64).ravel()
    arr = arr[np.isfinite(arr)]
    if not arr.size:
        return ".0%"
    lo, hi = float(arr.min()), float(arr.max())
    if zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = hi - lo
    if span <= 0:
        # One value: Vega draws it alone; show it with the digits it needs, at most two decimals.
        span = abs(hi)
        if span == 0:
            return ".0%"
    step = _nice_step(span, max(int(ticks), 1)) * 100  # in percent points
    return f".{min(max(0, -math.floor(math.log10(step) + 1e-9)), 4)}%"


def labelled_rate_format(values: object) -> str:
    """The d3 format of rate ticks placed at exactly ``values`` (an axis with explicit ``values``):
    the fewest decimals, up to four, that print each value exactly (so distinct values read
    differently, and 0.5 % does not read "0%" or "1%").

    Examples
    --------
    >>> labelled_rate_format([0.05, 0.1, 0.2]), labelled_rate_format([0.005, 0.01, 0.015])
    ('.0%', '.1%')
    """
    arr = np.unique(np.round(np.asarray(values, dtype=np.float64).ravel(), 10))
    arr = arr[np.isfinite(arr)]
    for places in range(5):
        if np.allclose(np.round(arr * 100, places), arr * 100, rtol=0, atol=1e-6):
            return f".{places}%"
    return ".4%"


def rate_axis(values: object = (), *, zero: bool = True, **params) -> alt.Axis:
    """An axis of rates formatted by :func:`rate_format` over ``values`` (other ``params`` as
    :class:`altair.Axis`)."""
    return alt.Axis(format=rate_format(values, zero=zero), **params)


def rate_legend(values: object = (), **params) -> alt.Legend:
    """A colour legend of rates formatted by :func:`rate_format` over ``values`` (a gradient
    legend draws about five labels)."""
    return alt.Legend(format=rate_format(values, ticks=5), **params)


#: Width of a subtitle line, in half-width characters (a CJK character counts two): what fits
#: over the narrowest chart the pages draw, one of two side by side at 1280 px (about 400 px) at
#: 11 px type. Vega does not wrap a title: it cuts a longer line at the chart's edge with "…"
#: (the regulatory and entry-rate subtitles did). A full-width chart (and the 760 px export) just
#: shows more lines.
SUBTITLE_WIDTH = 64
#: The same for the title, at 15 px bold type.
TITLE_WIDTH = 46
_BREAKS = ("；", "; ", "，", ", ", "、", " ")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_line(text: str, width: int = SUBTITLE_WIDTH) -> list[str]:
    """``text`` as lines of at most ``width`` half-width characters, broken after a separator
    (；, ；, ，, 、 or a space) where there is one, else mid-word.

    Examples
    --------
    >>> wrap_line("按余额；数据月份：2024-12；DPD 分段：正常 (0), 逾期1-30天 (1-30)", width=30)
    ['按余额；数据月份：2024-12；', 'DPD 分段：正常 (0), ', '逾期1-30天 (1-30)']
    >>> wrap_line("short")
    ['short']
    """
    lines, rest = [], text
    while _display_width(rest) > width:
        cut, used = 0, 0
        for i, ch in enumerate(rest):
            used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used > width:
                break
            cut = i + 1
        head = rest[:cut]
        brk = max((head.rfind(b) + len(b) for b in _BREAKS if head.rfind(b) > 0), default=0)
        cut = brk or cut
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest] if rest else lines


def titled(chart: alt.Chart, title: str, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Attach the title and the definitions line (口径) as subtitle, in the house style; title and
    subtitle lines too long for a half-width chart are wrapped (:func:`wrap_line`), never cut off.

    Examples
    --------
    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1]})).mark_point()
    >>> spec = titled(c, "标题", "按余额；" * 20).to_dict()["title"]
    >>> spec["text"], len(spec["subtitle"])
    ('标题', 3)
    """
    heading = wrap_line(str(title), TITLE_WIDTH) or [""]
    params = {"text": heading[0] if len(heading) == 1 else heading, "anchor": "start", "fontSize": 15,
              "font": FONT}
    if subtitle:
        lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
        wrapped = [part for line in lines for part in wrap_line(str(line))]
        params.update(subtitle=wrapped[0] if len(wrapped) == 1 else wrapped, subtitleColor=NEUTRAL,
                      subtitleFontSize=11, subtitleFont=FONT)
    # ``chart.properties(title=...)`` copied the chart (re-layering a layered one) and checked the
    # title against the schema; the spec is the same (``tests/charts/test_house_config.py``)
    titled_chart = _shallow_copy(chart)
    titled_chart.title = params
    return titled_chart


#: The click selection a chart offers for drill-through; Streamlit reports its fields by this name.
PICK = "pick"


def pick_on(layers: list[alt.Chart], fields: list[str]) -> list[alt.Chart]:
    """``layers`` sharing one click selection of ``fields`` named :data:`PICK`: clicking a bar or a
    cell, or the label printed on it, tells the page which one (Streamlit's chart selection event);
    a double click clears it."""
    pick = alt.selection_point(name=PICK, fields=fields, on="click", clear="dblclick")
    return [layer.add_params(pick) for layer in layers]


def month_axis(**params) -> alt.Axis:
    """The month axis: labels at 45°, thinned when they would print over each other (a five-year
    panel has 61 months; every label is still in the tooltip and the table)."""
    return alt.Axis(labelAngle=-45, labelOverlap="greedy", labelSeparation=3, **params)


#: The narrowest chart a page draws (one of two side by side at 1280 px), in px: a one-row legend
#: wider than this is wrapped into columns that fit it.
NARROW_PX = 400
#: Pixels per x-axis tick (Vega's tick count is a hint: d3 picks a step of 1, 2 or 5 × 10^k). At
#: 90 px a 770 px axis over 0-10,000 still drew a tick per 1,000, 70 px apart, and the browser
#: printed "9,000.0010,000.00"; at 120 px it draws one per 2,000 ("10,000.00" is about 60 px).
X_TICK_PX = 120


def _legend_entries(node: object) -> list[list[str]]:
    # the label lists of every colour legend whose domain the builder wrote (bucket, level and
    # series scales all do), anywhere in a spec
    found = []
    if isinstance(node, dict):
        for channel in ("color", "fill", "stroke"):
            enc = node.get(channel)
            if isinstance(enc, dict) and enc.get("legend", {}) is not None:
                domain = (enc.get("scale") or {}).get("domain")
                if isinstance(domain, list) and domain and all(isinstance(d, str) for d in domain):
                    found.append(domain)
        for value in node.values():
            found.extend(_legend_entries(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_legend_entries(value))
    return found


def _outline(node: object) -> object:
    """The spec of an altair object as plain dicts and lists, without its data and unconverted:
    what :func:`_legend_entries` reads, for none of the cost of ``to_dict`` (which serialises
    every data frame, deep-copies the chart and resolves shorthands)."""
    if isinstance(node, SchemaBase):
        kwds = {k: _outline(v) for k, v in node._kwds.items()
                if v is not Undefined and k not in ("data", "datasets")}
        return kwds if kwds or not node._args else _outline(node._args[0])
    if isinstance(node, dict):
        return {k: _outline(v) for k, v in node.items() if k not in ("data", "datasets")}
    if isinstance(node, (list, tuple)):
        return [_outline(v) for v in node]
    if isinstance(node, np.ndarray):
        return node.tolist()
    return node


def legend_columns(labels: list[str], width: int = NARROW_PX) -> int | None:
    """How many columns a bottom legend of ``labels`` needs so no entry is cut at the edge of a
    chart ``width`` px wide; ``None`` when one row fits.

    Vega lays a bottom legend out in one row and clips what passes the chart's edge ("逾期91-180天 -",
    "Special-mentio…"). An entry is its symbol, padding and a label at about 6 px per half-width
    character (a CJK character counts two).

    Examples
    --------
    >>> legend_columns(["Current", "1-30", "31-60"]) is None
    True
    >>> legend_columns(["逾期61-90天 → 逾期91-180天", "逾期91-180天 → 逾期181+天", "正常 → 逾期1-30天"])
    2
    """
    entries = [6 * _display_width(str(label)) + 30 for label in labels]
    if sum(entries) <= width:
        return None
    return max(1, width // max(entries))
#: The longest axis label, in px (Vega's 180 cut "NPL ratio (substandard + doubtful + …").
AXIS_LABEL_LIMIT = 280


def category_axis(labels: list[str], width: int = NARROW_PX, **params) -> alt.Axis:
    """An x axis of categories whose labels never print over each other: level while they fit
    side by side in a chart ``width`` px wide, else at -35° (and never cut short).

    ``labelAngle=0`` on bucket labels printed "逾期61-90天逾期91-180天逾期180天以上" in a chart
    beside another. Other ``params`` as :class:`altair.Axis`.

    Examples
    --------
    >>> category_axis(["第一阶段", "第二阶段", "第三阶段"]).to_dict()["labelAngle"]
    0
    >>> category_axis(["逾期1-30天", "逾期31-60天", "逾期61-90天", "逾期91-180天", "逾期180天以上"]).to_dict()["labelAngle"]
    -35
    """
    # a label needs its text (about 6 px per half-width character) and some air on each side;
    # the y axis and its title take about 60 px of the width
    need = max((6 * _display_width(str(label)) + 12 for label in labels), default=0) * len(labels)
    angle = 0 if need <= width - 60 else -35
    return alt.Axis(labelAngle=angle, labelLimit=AXIS_LABEL_LIMIT, **params)


def _shallow_copy(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    # ``chart.copy(deep=False)`` without re-running the class's ``__init__``, which on a layered
    # chart re-collects its layers' data and selections (deep copies and schema checks of every
    # layer) although they were collected when it was built. The copy shares everything but the
    # top-level property map, so setting a property on it leaves ``chart`` as it was.
    copy = object.__new__(type(chart))
    object.__setattr__(copy, "_args", chart._args)
    object.__setattr__(copy, "_kwds", dict(chart._kwds))
    return copy


def house_config(chart: alt.Chart) -> alt.Chart:
    """Fonts and quiet axes, applied once to a finished chart (not to layers inside it).

    Nothing is cut or printed over: a bottom legend too wide for a half-width chart wraps into
    the columns that fit (:func:`legend_columns`), instead of one row cut at the edge
    ("Special-mentio…"); a quantitative x axis asks for a tick per :data:`X_TICK_PX` (Vega's
    own one per 40 px printed "480500" and "9,000.0010,000.00", the last label pushed flush
    against the one before), and labels that would still touch are dropped (``greedy``) with room between.

    The chart also sizes as ``fit-x``: it fills the width it is given, and the height a builder
    sets is the plot's own. Without it Streamlit's default ("fit" in both directions) squeezes
    the title, the subtitle lines, the axis labels and the legend into that height, and a bar
    chart of two categories came out 10-20 px high on screen (the exported PNG was fine).
    """
    # One shallow copy carrying the whole config, as plain Vega-Lite: a chain of ``configure_*``
    # calls copied (and, on a layered chart, re-layered) the chart once per call, and
    # ``properties`` checked the schema; the spec is the same (``tests/charts/test_house_config.py``).
    single = isinstance(chart, (alt.Chart, alt.LayerChart))
    needed = [n for labels in _legend_entries(_outline(chart)) if (n := legend_columns(labels)) is not None]
    columns = {"columns": min(needed)} if needed else {}
    config = {
        "font": FONT,
        "axis": {"labelFont": FONT, "titleFont": FONT, "labelColor": AXIS_COLOUR, "titleColor": AXIS_COLOUR,
                 "gridColor": GRID_COLOUR, "labelLimit": AXIS_LABEL_LIMIT},
        "axisQuantitative": {"labelOverlap": "greedy", "labelSeparation": 6},
        "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom", "labelLimit": 360, **columns},
        "view": {"strokeWidth": 0},
    }
    themed = _shallow_copy(chart)
    # Vega-Lite fits only single and layered views; a facet or concatenation sized "fit-x" has
    # no width to fit and renders as an invalid SVG (the what-if comparison's PNG failed).
    if single:  # only a single or layered view has a "width" signal for the tick count to read
        themed.autosize = {"type": "fit-x", "contains": "padding"}
        config["axisXQuantitative"] = {"tickCount": {"expr": f"max(2, ceil(width / {X_TICK_PX}))"}}
    themed.config = config
    # Every ``to_dict`` (Streamlit's on each draw, the export's) starts with ``copy(deep=False)``:
    # of a finished chart, a shallow one (see :class:`_FinishedCopy`).
    object.__setattr__(themed, "copy", _FinishedCopy(themed))
    return themed


class _FinishedCopy:
    """``copy`` of a finished chart: Altair's ``to_dict`` copies the chart with ``copy(deep=False)``,
    which re-runs the class's ``__init__``; on a layered chart that deep-copies every layer twice
    and schema-checks each selection again (~10 ms of a drill-through chart's draw), to collect
    what its construction already collected. A finished chart is not changed in place, so a
    shallow copy gives the same spec (``tests/charts/test_house_config.py``). Other copies are
    Altair's own. (A class, not a bound method, so the chart still pickles.)"""

    __slots__ = ("chart",)

    def __init__(self, chart: alt.TopLevelMixin) -> None:
        self.chart = chart

    def __call__(self, deep: bool | Iterable = True, ignore: list[str] | None = None) -> alt.TopLevelMixin:
        if deep is False and not ignore:
            return _shallow_copy(self.chart)
        return type(self.chart).copy(self.chart, deep=deep, ignore=ignore)


def has_house_config(chart: alt.TopLevelMixin | dict) -> bool:
    """True when a chart (or its Vega-Lite spec) went through :func:`house_config`.

    Examples
    --------
    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")
    >>> has_house_config(c), has_house_config(house_config(c))
    (False, True)
    """
    config = (chart if isinstance(chart, dict) else chart.to_dict()).get("config", {})
    return (config.get("font") == FONT and config.get("axis", {}).get("gridColor") == GRID_COLOUR
            and config.get("view", {}).get("strokeWidth") == 0)
