"""Charts of the overview and the report's headline: the delinquency-rate trend (the metric cards' lines
are Streamlit's own, from :func:`analysis.overview.headlines.headline_cards`).

Data in (the small frames of :mod:`analysis.overview.headlines`), ``alt.Chart`` out, in the house
shape ``chart_x(data, view, *, subtitle=None, ...)`` and passed through
:func:`analysis.charts.theme.house_config`. Amounts are scaled to the view's unit before charting
and the unit is named in the title; rates are shares drawn with a percent axis. Months stay
``YYYY-MM`` strings. (The headline table is :func:`analysis.overview.headlines.headline_table`.)
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.theme import ACCENT, NEUTRAL, house_config, month_axis, rate_axis, titled
from analysis.charts.trend import chart_event_markers
from analysis.core.i18n import translate
from analysis.core.view import View
from analysis.core.vocabulary import ENTRY_RATE, TREND_RATE_METRICS, metric_name
from analysis.overview.headlines import METRIC_KINDS, metric_label

#: Colours of the rate lines (calm → alarming, like the buckets).
RATE_COLOURS = {"overdue_rate": "#F2C94C", "dpd30_rate": "#EB5757", "dpd90_rate": "#6B1D1D", ENTRY_RATE: ACCENT}


def chart_rate_trend(data: pd.DataFrame, view: View, *, subtitle: str | None = None, month: str | None = None,
                     metrics: tuple[str, ...] | None = None,
                     events: pd.DataFrame | None = None) -> alt.LayerChart:
    """The delinquency rates per month, the report month marked, events as markers.

    Parameters
    ----------
    data : DataFrame
        Output of :func:`analysis.overview.headlines.monthly_summary`.
    view : View
        Language of the labels.
    subtitle : str, optional
        The 口径 line.
    month : str, optional
        The month the report is about (a vertical rule); default the latest.
    metrics : tuple of str, optional
        Default: the rates of :data:`~analysis.core.vocabulary.TREND_RATE_METRICS` the summary has
        (1+, 30+, 90+ and the entry rate, which the table beside the chart and its 口径 give too).
    events : DataFrame, optional
        ``month, label`` timeline events, drawn by :func:`analysis.charts.trend.chart_event_markers`.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-01", "2024-02"], "overdue_rate": [.05, .06],
    ...                   "dpd30_rate": [.02, .03], "dpd90_rate": [.01, .01]})
    >>> spec = chart_rate_trend(s, View(lang="en")).to_dict()
    >>> spec["title"]["text"]
    'Delinquency rates by month'
    """
    summary, lang = data, view.lang
    metrics = metrics or tuple(m for m in TREND_RATE_METRICS if m in summary.columns)
    missing = [m for m in ("month", *metrics) if m not in summary.columns]
    if missing:
        raise ValueError(f"summary lacks {missing}")
    month = month or str(summary["month"].max())
    names = {m: metric_name(m, lang) for m in metrics}
    long = summary.melt(id_vars="month", value_vars=list(metrics), var_name="metric", value_name="rate")
    long["metric_label"] = long["metric"].map(names)
    order = [names[m] for m in metrics]
    colour = alt.Scale(domain=order, range=[RATE_COLOURS.get(m, ACCENT) for m in metrics])
    month_title = translate("report.month", lang)
    base = alt.Chart(long).encode(
        x=alt.X("month:O", title=month_title, axis=month_axis()),
        y=alt.Y("rate:Q", title=translate("report.rate_axis", lang), axis=rate_axis(long["rate"])),
        color=alt.Color("metric_label:N", scale=colour, sort=order, title=None),
        tooltip=[alt.Tooltip("month:O", title=month_title),
                 alt.Tooltip("metric_label:N", title=translate("report.metric", lang)),
                 alt.Tooltip("rate:Q", title=translate("report.rate_axis", lang), format=".2%")],
    )
    rule = alt.Chart(pd.DataFrame({"month": [month]})).mark_rule(color=NEUTRAL, strokeDash=[4, 3]).encode(x="month:O")
    layers = [base.mark_line(strokeWidth=2.5, interpolate="monotone"), base.mark_point(filled=True, size=30), rule]
    markers = chart_event_markers(events, sorted(set(long["month"].astype(str))), lang)
    if markers is not None:
        layers.append(markers)
    # The size as layer() arguments: ``properties`` copied the layered chart again and checked
    # each value against the schema (a third of the build); the spec is the same.
    chart = alt.layer(*layers, height=280, width="container")
    title = translate("report.chart.rates", lang)
    return house_config(titled(chart, title, subtitle or None))


__all__ = ["RATE_COLOURS", "chart_rate_trend", "metric_label"]
