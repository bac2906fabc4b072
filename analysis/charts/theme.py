"""One look for every chart: bucket colours, warning colours, fonts, titles with a 口径 subtitle."""
from __future__ import annotations

import altair as alt

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


def titled(chart: alt.Chart, title: str, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Attach the title and the definitions line (口径) as subtitle, in the house style."""
    params = {"text": title, "anchor": "start", "fontSize": 15, "font": FONT}
    if subtitle:
        params.update(subtitle=subtitle, subtitleColor=NEUTRAL, subtitleFontSize=11, subtitleFont=FONT)
    return chart.properties(title=alt.TitleParams(**params))


def month_axis(**params) -> alt.Axis:
    """The month axis: labels at 45°, thinned when they would print over each other (a five-year
    panel has 61 months; every label is still in the tooltip and the table)."""
    return alt.Axis(labelAngle=-45, labelOverlap="greedy", labelSeparation=3, **params)


def house_config(chart: alt.Chart) -> alt.Chart:
    """Fonts and quiet axes, applied once to a finished chart (not to layers inside it).

    The chart also sizes as ``fit-x``: it fills the width it is given, and the height a builder
    sets is the plot's own. Without it Streamlit's default ("fit" in both directions) squeezes
    the title, the subtitle lines, the axis labels and the legend into that height, and a bar
    chart of two categories came out 10-20 px high on screen (the exported PNG was fine).
    """
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelColor=AXIS_COLOUR, titleColor=AXIS_COLOUR,
                        gridColor=GRID_COLOUR)
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom")
        .configure_view(strokeWidth=0)
        .properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )


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
