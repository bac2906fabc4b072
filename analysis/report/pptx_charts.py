"""The report's charts as native PowerPoint charts, and text sized to fit a slide.

A bar, stacked bar or line chart of the report becomes a python-pptx chart (``add_chart`` with
``CategoryChartData``) that a user can restyle to the bank's template: :func:`native_chart`
reads its series, categories and values from the Vega-Lite spec the HTML report draws, so the
slide shows the very figures of the report (the chart's data is what its table prints).
Charts PowerPoint cannot draw as they are (heatmaps, bands, waterfalls, bar + line on two axes)
return ``None`` and stay pictures. A line chart's labelled horizontal rules (a regulatory reference
level with its name beside it) become flat dashed series named by their label. :func:`fit_text` picks a font size that keeps a title or
subtitle whole inside its box.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: Marks drawn on top of a chart's bars or lines (value labels, reference rules, line points);
#: the native chart shows its values in data labels and drops the decoration.
DECORATION_MARKS = ("text", "rule", "point")
#: Marks a category chart can draw.
NATIVE_MARKS = ("bar", "line")
#: Category labels slant when there are more of them than this (a year and more of months).
ROTATE_AFTER = 12
#: At most this many bars get value labels (more would print over each other).
MAX_LABELLED = 15


@dataclass(frozen=True)
class NativeSeries:
    """One series of a native chart: its name, one value per category (None = no value), colour."""

    name: str
    values: tuple[float | None, ...]
    colour: str | None = None
    #: A reference level drawn flat across the categories (a dashed line, no markers).
    dashed: bool = False


@dataclass(frozen=True)
class NativeChart:
    """What a native PowerPoint chart needs, read from a report chart.

    ``kind`` is ``column`` (vertical bars), ``bar`` (horizontal bars) or ``line``; ``stacked``
    stacks the series; ``point_colours`` colours a single series' bars one by one (the buckets'
    and warning levels' colours); formats are Excel number formats.
    """

    kind: str
    stacked: bool
    categories: tuple[str, ...]
    series: tuple[NativeSeries, ...]
    number_format: str
    axis_format: str
    value_title: str | None = None
    category_title: str | None = None
    point_colours: tuple[str | None, ...] | None = None


# --- titles -------------------------------------------------------------------------------------

def _joined(text: object) -> str:
    """A Vega-Lite title or subtitle as one string (a list of lines is one wrapped sentence)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    out = ""
    for line in (str(t) for t in text):
        # A Chinese line break falls after a full-width character: no space to put back.
        # A line wrapped at a space may keep that space at either end: one space between words, never two.
        joined = not out or out[-1].isspace() or _is_wide(out[-1]) or (line and (line[0].isspace() or _is_wide(line[0])))
        glue = "" if joined else " "
        out += glue + line
    return out


def chart_titles(spec: dict) -> tuple[str, str]:
    """A chart spec's title and subtitle (empty when absent).

    Examples
    --------
    >>> chart_titles({"title": {"text": "各月结构", "subtitle": ["按余额；", "月份：2024-06"]}})
    ('各月结构', '按余额；月份：2024-06')
    >>> chart_titles({"title": "Levels"})
    ('Levels', '')
    >>> chart_titles({"title": {"text": "ECL", "subtitle": ["PD: default = ", "91-180/181+"]}})[1]
    'PD: default = 91-180/181+'

    """
    title = spec.get("title")
    if isinstance(title, dict):
        return _joined(title.get("text")), _joined(title.get("subtitle"))
    return _joined(title), ""


def without_title(spec: dict) -> dict:
    """The spec with its title and subtitle removed (the slide prints them, wrapped to fit).

    Examples
    --------
    >>> without_title({"title": {"text": "A"}, "mark": "bar"})
    {'mark': 'bar'}
    """
    return {k: v for k, v in spec.items() if k != "title"}


# --- number formats -----------------------------------------------------------------------------

# "~" (trim trailing zeros, the amount axes' ",.2~f") has no Excel counterpart without a stray
# decimal point on whole numbers: a native chart keeps its two places.
_D3 = re.compile(r"(?P<sign>\+?)(?P<comma>,?)(?:\.(?P<places>\d+))?~?(?P<type>[fd%]?)")


def excel_format(d3: str | None, *, rate_places: int | None = None) -> str:
    """The Excel number format of a d3 format (the charts' axis and tooltip formats).

    Amounts keep thousands separators; ``rate_places`` forces the decimals of a percentage.

    Examples
    --------
    >>> excel_format(",.2f"), excel_format(",d"), excel_format(".1%"), excel_format("%", rate_places=2)
    ('#,##0.00', '#,##0', '0.0%', '0.00%')
    >>> excel_format("+,.2f")
    '+#,##0.00;-#,##0.00;0.00'
    >>> excel_format(None), excel_format(",.2~f")
    ('#,##0.00', '#,##0.00')
    """
    match = _D3.fullmatch(d3 or ",.2f")
    if match is None:
        return "General"
    kind = match["type"]
    places = int(match["places"]) if match["places"] else (0 if kind in ("d", "%") else 2)
    if kind == "%":
        places = places if rate_places is None else rate_places
        return "0" + ("." + "0" * places if places else "") + "%"
    body = "#,##0" + ("." + "0" * places if places else "")
    if match["sign"]:
        return f"+{body};-{body};{body.replace('#,##', '')}"
    return body


def _percent_text(value: float, d3: str | None) -> str:
    """A quantitative category (a limit cut of 0.05) as its axis prints it ("5%")."""
    match = _D3.fullmatch(d3 or "")
    if match is not None and match["type"] == "%":
        places = int(match["places"]) if match["places"] else 0
        return f"{value * 100:.{places}f}%"
    return f"{value:,.{2 if value != int(value) else 0}f}"


# --- reading a chart ----------------------------------------------------------------------------

def _leaves(node: dict, data: object, encoding: dict):
    """The marks of a (layered) spec with the data and encoding each one inherits.

    A transform makes the chart a picture, except on a text layer: value labels (filtered to
    the figures that exist) are drawn by PowerPoint itself from the series."""
    mark = node.get("mark")
    if node.get("transform") and (mark if isinstance(mark, str) else (mark or {}).get("type")) != "text":
        raise _NotNative
    data = node.get("data", data)
    enc = {**encoding, **node.get("encoding", {})}
    if "layer" in node:
        for sub in node["layer"]:
            yield from _leaves(sub, data, enc)
    elif "mark" in node:
        mark = node["mark"]
        yield (mark if isinstance(mark, str) else mark.get("type")), (mark if isinstance(mark, dict) else {}), enc, data


class _NotNative(Exception):
    """The chart uses something a category chart cannot show."""


def _rows(data: object, datasets: dict) -> list[dict] | None:
    if not isinstance(data, dict):
        return None
    if "values" in data:
        return list(data["values"])
    return list(datasets.get(data.get("name"), [])) if data.get("name") in datasets else None


def _order(rows: list[dict], field: str, sort: object, value_field: str | None = None) -> list:
    """The distinct values of ``field`` in the order Vega-Lite draws them under ``sort``.

    A list is an explicit order (values it leaves out follow in data order), None is data order,
    ``"ascending"``/``"descending"`` sort the values themselves, ``"x"``/``"-y"`` sort by the
    plotted total and ``{"field": f, "order": ...}`` by another field.
    """
    seen = list(dict.fromkeys(row.get(field) for row in rows))
    if isinstance(sort, list):
        listed = [v for v in sort if v in seen]
        return listed + [v for v in seen if v not in listed]
    if sort is None:
        return seen
    descending = (isinstance(sort, str) and sort.startswith(("-", "desc"))) or (
        isinstance(sort, dict) and sort.get("order") == "descending")
    by = (sort.get("field") or value_field) if isinstance(sort, dict) else (
        value_field if isinstance(sort, str) and sort.lstrip("-") in ("x", "y") else None)
    if by is None:
        return sorted(seen, key=lambda v: (isinstance(v, str), v), reverse=descending)
    keys: dict = {}
    for row in rows:
        number = _number(row.get(by))
        keys[row.get(field)] = keys.get(row.get(field), 0.0) + (number or 0.0)
    return sorted(seen, key=lambda v: keys.get(v, 0.0), reverse=descending)


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _format_of(channel: dict, field: str, enc: dict) -> str | None:
    """The d3 format a quantitative field is printed with (tooltip first, then the axis)."""
    tips = enc.get("tooltip", [])
    for tip in tips if isinstance(tips, list) else [tips]:
        if isinstance(tip, dict) and tip.get("field") == field and tip.get("format"):
            return tip["format"]
    return (channel.get("axis") or {}).get("format")


def native_chart(chart: object) -> NativeChart | None:
    """The chart as a native PowerPoint category chart, or None when it must stay a picture.

    Bars (vertical, horizontal, stacked, grouped by a facet) and lines are read from the spec:
    categories in the order the chart draws them, one series per colour (or per facet column),
    each value the chart's own figure.

    Parameters
    ----------
    chart : altair chart or Vega-Lite dict

    Examples
    --------
    >>> spec = {"data": {"values": [{"b": "Current", "v": 90.0}, {"b": "1-30", "v": 10.0}]},
    ...         "mark": "bar", "encoding": {"y": {"field": "b", "type": "nominal", "sort": None},
    ...                                     "x": {"field": "v", "type": "quantitative", "title": "Balance"}}}
    >>> c = native_chart(spec)
    >>> c.kind, c.categories, c.series[0].values, c.number_format
    ('bar', ('Current', '1-30'), (90.0, 10.0), '#,##0.00')
    >>> native_chart({"mark": "rect", "data": {"values": []}, "encoding": {}}) is None
    True
    """
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    if any(k in spec for k in ("hconcat", "vconcat", "concat", "repeat")):
        return None
    try:
        return _native(spec)
    except _NotNative:
        return None


def _native(spec: dict) -> NativeChart | None:
    datasets = spec.get("datasets", {})
    facet_field, facet_sort, body = None, None, spec
    if "facet" in spec:
        facet = spec["facet"]
        if set(facet) - {"column", "row"} or len(facet) != 1:
            return None
        channel = next(iter(facet.values()))
        facet_field, facet_sort, body = channel.get("field"), channel.get("sort", "ascending"), spec.get("spec", {})
        if spec.get("transform"):
            return None
    leaves = list(_leaves(body, spec.get("data"), {}))
    if any(mark not in NATIVE_MARKS + DECORATION_MARKS for mark, *_ in leaves):
        return None
    primary = [leaf for leaf in leaves if leaf[0] in NATIVE_MARKS]
    if not primary:
        return None
    mark, props, enc, data = primary[0]
    x, y = enc.get("x", {}), enc.get("y", {})
    if any(set(leaf[2]) & {"x2", "y2", "theta", "xOffset", "yOffset"} for leaf in primary):
        return None
    signature = {(m, str(d), leaf_enc.get("x", {}).get("field"), leaf_enc.get("y", {}).get("field"))
                 for m, _p, leaf_enc, d in primary}
    if len(signature) != 1:  # a bar and a line on two axes (a Pareto), several datasets (a forecast fan)
        return None
    if y.get("type") == "quantitative" and x.get("type") != "quantitative":
        value, category, kind = y, x, ("column" if mark == "bar" else "line")
    elif x.get("type") == "quantitative" and y.get("type") != "quantitative":
        if mark != "bar":
            return None
        value, category, kind = x, y, "bar"
    elif mark == "line" and x.get("type") == y.get("type") == "quantitative":
        value, category, kind = y, x, "line"  # a curve over a numeric x: its points become categories
    else:
        return None
    rows = _rows(data, datasets)
    vfield, cfield = value.get("field"), category.get("field")
    if rows is None or not vfield or not cfield or value.get("aggregate") or category.get("aggregate"):
        return None
    colour = enc.get("color", {})
    cfield_colour = colour.get("field")
    series_field = facet_field or (cfield_colour if cfield_colour and cfield_colour != cfield else None)

    if category.get("type") == "quantitative":
        cats = sorted({row.get(cfield) for row in rows if _number(row.get(cfield)) is not None})
    else:
        cats = _order(rows, cfield, category.get("sort", "ascending"), vfield)
    if not cats:
        return None  # nothing to draw (every figure missing): PowerPoint refuses a chart without categories
    scale = colour.get("scale") or {}
    palette = (dict(zip(scale["domain"], scale["range"]))
               if isinstance(scale.get("domain"), list) and isinstance(scale.get("range"), list) else {})
    if series_field is None:
        names, single_colour = [None], props.get("color") or colour.get("value")
    else:
        sort = facet_sort if facet_field else colour.get("sort", scale.get("domain", "ascending"))
        order = enc.get("order", {})
        if not facet_field and mark == "bar" and order.get("field"):
            # Stacked bars pile up in the order channel's order, first at the axis; PowerPoint
            # stacks its series in their order, so the series follow it.
            sort = {"field": order["field"], "order": order.get("sort", "ascending")}
        names, single_colour = _order(rows, series_field, sort), None
    sums: dict = {}
    for row in rows:
        number = _number(row.get(vfield))
        if number is None:
            continue
        key = (row.get(cfield), row.get(series_field) if series_field else None)
        sums[key] = sums.get(key, 0.0) + number
    series = tuple(
        NativeSeries(str(name) if name is not None else str(value.get("title") or vfield),
                     tuple(sums.get((c, name)) for c in cats),
                     None if facet_field else (palette.get(name) if name is not None else single_colour))
        for name in names)
    stack = value.get("stack", "zero" if mark == "bar" else None)
    stacked = kind != "line" and series_field is not None and facet_field is None and stack not in (None, False)
    axis_d3 = (value.get("axis") or {}).get("format")
    value_d3 = _format_of(value, vfield, enc) or axis_d3
    percent = "%" in (value_d3 or "") or "%" in (axis_d3 or "")
    cat_d3 = (category.get("axis") or {}).get("format")
    labels = tuple(_percent_text(float(c), cat_d3) if category.get("type") == "quantitative" else str(c) for c in cats)
    point_colours = (tuple(palette.get(c) for c in cats)
                     if series_field is None and cfield_colour == cfield and palette else None)
    if kind == "line" and category.get("type") != "quantitative":
        series += reference_lines(leaves, datasets, len(cats))
    return NativeChart(
        kind=kind, stacked=stacked, categories=labels, series=series,
        number_format=excel_format("%" if percent else value_d3, rate_places=2 if percent else None),
        axis_format=excel_format(axis_d3 or value_d3),
        value_title=_joined(value.get("title")) or None,
        category_title=_joined(category.get("title")) or None,
        point_colours=point_colours)


def reference_lines(leaves: list, datasets: dict, n: int) -> tuple[NativeSeries, ...]:
    """Horizontal rules written with their name (a rule and a text mark on the same data, the
    text at the rule's height) as flat dashed series of ``n`` categories; unnamed rules (a zero
    line) stay decoration.

    Examples
    --------
    >>> data = {"values": [{"value": 1.5, "label": "Reference 150%"}]}
    >>> leaves = [("rule", {"color": "#6B1D1D"}, {"y": {"field": "value", "type": "quantitative"}}, data),
    ...           ("text", {}, {"y": {"field": "value", "type": "quantitative"}, "text": {"field": "label"}}, data)]
    >>> reference_lines(leaves, {}, 2)
    (NativeSeries(name='Reference 150%', values=(1.5, 1.5), colour='#6B1D1D', dashed=True),)
    >>> reference_lines(leaves[:1], {}, 2)
    ()
    """
    out = []
    for mark, props, enc, data in leaves:
        y = enc.get("y", {})
        if mark != "rule" or set(enc) & {"x", "x2", "y2"} or y.get("type") != "quantitative" or not y.get("field"):
            continue
        names = [leaf_enc["text"]["field"] for m, _p, leaf_enc, d in leaves
                 if m == "text" and d == data and leaf_enc.get("y", {}).get("field") == y["field"]
                 and isinstance(leaf_enc.get("text"), dict) and leaf_enc["text"].get("field")]
        if not names:
            continue
        for row in _rows(data, datasets) or []:
            level = _number(row.get(y["field"]))
            if level is not None:
                out.append(NativeSeries(str(row.get(names[0])), (level,) * n, props.get("color"), dashed=True))
    return tuple(out)


# --- text that fits ------------------------------------------------------------------------------

def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def text_width_em(text: str) -> float:
    """The width of a line of text in ems: a Chinese character is one em, a Latin one about 0.6.

    Examples
    --------
    >>> text_width_em("逾期率"), text_width_em("rate")
    (3.0, 2.4)
    """
    return sum(1.0 if _is_wide(ch) else 0.6 for ch in text)


def text_lines(lines: Sequence[str], width_in: float, size_pt: float) -> int:
    """How many lines ``lines`` take in a box ``width_in`` inches wide at ``size_pt`` (wrapped).

    Word wrapping leaves the end of a Latin line short: one line in ten is added back.

    Examples
    --------
    >>> text_lines(["逾期率" * 10], 2.0, 12)  # 30 em of 12 pt = 5 in: three lines of 2 in
    3
    """
    per_line = width_in * 72 / size_pt
    total = 0
    for line in lines:
        em = text_width_em(line)
        total += max(1, math.ceil(em * (1.1 if em and not _is_wide(line[0]) else 1.0) / per_line))
    return total


#: A line's height as a multiple of its font size (Microsoft YaHei's is about 1.32).
LINE_HEIGHT = 1.35


def text_height(lines: Sequence[str], width_in: float, size_pt: float, gap: float = 0.0) -> float:
    """The height in inches of ``lines`` wrapped at ``size_pt``, ``gap`` ems after each, with the box's margins.

    Examples
    --------
    >>> text_height(["Short title"], 12.0, 28)
    0.625
    """
    ems = text_lines(lines, width_in, size_pt) * LINE_HEIGHT + gap * len(lines)
    return ems * size_pt / 72 + 0.1


def fit_text(lines: Sequence[str], width_in: float, max_height_in: float, max_pt: int,
             min_pt: int, gap: float = 0.0) -> tuple[int, float]:
    """The largest font size from ``max_pt`` down to ``min_pt`` at which ``lines`` fit, and their height.

    ``gap`` is the space after each paragraph, in ems. The text is never cut: when even
    ``min_pt`` needs more than ``max_height_in``, the height returned is what the text needs
    and the caller lays out the rest of the slide below it.

    Returns
    -------
    (size in points, height in inches)

    Examples
    --------
    >>> fit_text(["Short title"], 12.0, 1.0, 28, 16)
    (28, 0.62)
    >>> fit_text(["很长的标题" * 20], 12.0, 1.0, 28, 16)[0] < 28
    True
    """
    if min_pt > max_pt or width_in <= 0:
        raise ValueError("need min_pt <= max_pt and a positive width")
    size = max_pt
    for size in range(max_pt, min_pt - 1, -1):
        if text_height(lines, width_in, size, gap) <= max_height_in:
            break
    return size, round(text_height(lines, width_in, size, gap), 2)


# --- drawing ----------------------------------------------------------------------------------------

def set_font(font, name: str) -> None:
    """Set a python-pptx font's Latin and East Asian typefaces (Chinese text uses the latter)."""
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement

    font.name = name
    rpr = font._rPr if hasattr(font, "_rPr") else font._element  # noqa: SLF001 (python-pptx has no ea setter)
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = OxmlElement("a:ea")
        rpr.find(qn("a:latin")).addnext(ea)
    ea.set("typeface", name)


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper()[:6])


def _totals_at_most_one(native: NativeChart) -> bool:
    """Whether every stacked column sums to at most one (shares), allowing for rounding."""
    return all(sum(s.values[i] or 0.0 for s in native.series) <= 1.0 + 1e-9 for i in range(len(native.categories)))


def add_native_chart(slide, native: NativeChart, box: tuple[int, int, int, int], font: str):
    """Draw ``native`` on ``slide`` inside ``box`` (left, top, width, height in EMU); returns the graphic frame."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import (XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION,
                                 XL_MARKER_STYLE, XL_TICK_LABEL_POSITION)
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    data = CategoryChartData(number_format=native.number_format)
    data.categories = native.categories
    for s in native.series:
        data.add_series(s.name, s.values)
    chart_type = {
        ("column", False): XL_CHART_TYPE.COLUMN_CLUSTERED, ("column", True): XL_CHART_TYPE.COLUMN_STACKED,
        ("bar", False): XL_CHART_TYPE.BAR_CLUSTERED, ("bar", True): XL_CHART_TYPE.BAR_STACKED,
        ("line", False): XL_CHART_TYPE.LINE_MARKERS,
    }[(native.kind, native.stacked)]
    frame = slide.shapes.add_chart(chart_type, *box, data)
    chart = frame.chart
    chart.font.size = Pt(12)
    set_font(chart.font, font)
    chart.has_title = False  # the slide's title and subtitle say what the chart shows
    chart.has_legend = len(native.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    values, categories = chart.value_axis, chart.category_axis
    values.tick_labels.number_format = native.axis_format
    values.tick_labels.number_format_is_linked = False
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = _rgb("#E3E7EC")
    for axis, title in ((values, native.value_title), (categories, native.category_title)):
        if title:
            axis.has_title = True
            axis.axis_title.text_frame.text = title
            run_font = axis.axis_title.text_frame.paragraphs[0].runs[0].font
            run_font.size, run_font.bold = Pt(11), False
            set_font(run_font, font)
    # Category labels at the low end of the value axis: with negative values (a limit cut's
    # change) they would otherwise sit on the zero line, over the bars.
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if native.kind != "bar" and len(native.categories) > ROTATE_AFTER:
        # Many months side by side: slanted like the report's axis, instead of wrapped.
        categories.tick_labels.font.size = Pt(11)
        categories._element.txPr.find(qn("a:bodyPr")).set("rot", "-2700000")  # noqa: SLF001 (-45°)
    if native.stacked and native.number_format.endswith("%") and _totals_at_most_one(native):
        values.maximum_scale = 1.0  # shares of a whole: the axis ends at 100%, not 120%
    if native.kind == "bar":
        # PowerPoint draws a bar chart's first category at the bottom; the report's at the top.
        # Reversed, the value axis would move to the top unless it crosses at the last category.
        categories.reverse_order = True
        values._element._remove_crosses()  # noqa: SLF001 (python-pptx sets this only from the other axis)
        values._element._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)  # noqa: SLF001
    plot = chart.plots[0]
    if native.kind != "line":
        plot.gap_width = 60
        plot.vary_by_categories = False
    for s, series in zip(native.series, plot.series):
        if native.kind == "line" and s.dashed:
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.NONE
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            series.format.line.width = Pt(1.5)
            if s.colour:
                series.format.line.color.rgb = _rgb(s.colour)
        elif native.kind == "line":
            series.smooth = False
            series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 5
            if s.colour:
                series.format.line.color.rgb = _rgb(s.colour)
                series.format.line.width = Pt(2.25)
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = _rgb(s.colour)
                series.marker.format.line.color.rgb = _rgb(s.colour)
        elif s.colour:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(s.colour)
    if native.point_colours:
        for point, colour in zip(plot.series[0].points, native.point_colours):
            if colour:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(colour)
    # Value labels where they stay legible: unstacked bars, few of them (grouped bars of a
    # scenario comparison included: their metrics differ in size and the labels say how much).
    if native.kind != "line" and not native.stacked and len(native.series) * len(native.categories) <= MAX_LABELLED:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = native.number_format, False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(11)
    return frame
