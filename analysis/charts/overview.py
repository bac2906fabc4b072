"""Charts of the overview and the report's headline: sparklines and the delinquency-rate trend.

Data in (the small frames of :mod:`analysis.overview.headlines`), ``alt.Chart`` out. Amounts are scaled
to the chosen unit before charting and the unit is named in the title; rates are shares drawn
with a percent axis. Months stay ``YYYY-MM`` strings.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.theme import ACCENT, NEUTRAL, house_config, titled
from analysis.charts.trend import chart_event_markers
from analysis.core.i18n import translate
from analysis.overview.headlines import METRIC_KINDS
from analysis.core.units import scale_amount, unit_label

#: Colours of the rate lines (calm → alarming, like the buckets).
RATE_COLOURS = {"overdue_rate": "#F2C94C", "dpd30_rate": "#EB5757", "dpd90_rate": "#6B1D1D"}


def metric_label(metric: str, lang: str, unit: str = "wan") -> str:
    """The display name of a headline metric, with the unit for amounts.

    Examples
    --------
    >>> metric_label("balance", "zh", "wan")
    '贷款余额（万元）'
    >>> metric_label("dpd30_rate", "en")
    'DPD30+ rate'
    """
    text = translate(f"report.metric.{metric}", lang)
    if METRIC_KINDS.get(metric) == "amount":
        text = translate("report.with_unit", lang, label=text, unit=unit_label(unit, lang))
    return text


def chart_sparkline(trends: pd.DataFrame, metric: str, lang: str, unit: str = "wan",
                    month: str | None = None, height: int = 48) -> alt.Chart:
    """A small line of one headline figure over the last months, the chosen month marked.

    Parameters
    ----------
    trends : DataFrame
        Output of :func:`analysis.overview.headlines.headline_trends` (``month, metric, value, kind``).
    metric : str
    lang : {"zh", "en"}
    unit : str
        Amount unit (``yuan``, ``wan``, ``yi``).
    month : str, optional
        Highlighted month (default the last one).
    height : int

    Examples
    --------
    >>> t = pd.DataFrame({"month": ["2024-01", "2024-02"], "metric": "dpd30_rate", "value": [.01, .02],
    ...                   "kind": "rate"})
    >>> chart_sparkline(t, "dpd30_rate", "en").to_dict()["height"]
    48
    """
    if metric not in set(trends["metric"]):
        raise ValueError(f"no {metric} in the trends")
    rows = trends[trends["metric"] == metric][["month", "value"]].copy()
    kind = METRIC_KINDS.get(metric, "count")
    if kind == "amount":
        rows["value"] = rows["value"].map(lambda v: scale_amount(v, unit))
    fmt = ".2%" if kind == "rate" else (",.2f" if kind == "amount" else ",.0f")
    month = month or str(rows["month"].max())
    label = metric_label(metric, lang, unit)
    base = alt.Chart(rows).encode(
        x=alt.X("month:O", axis=None),
        y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("month:O", title=translate("report.month", lang)),
                 alt.Tooltip("value:Q", title=label, format=fmt)],
    )
    line = base.mark_line(color=ACCENT, strokeWidth=2, interpolate="monotone")
    dot = base.transform_filter(alt.datum.month == month).mark_point(color=ACCENT, filled=True, size=40)
    chart = (line + dot).properties(height=height, width="container")
    return chart.configure_view(strokeWidth=0).configure(background="transparent")


def chart_rate_trend(summary: pd.DataFrame, lang: str, month: str | None = None, definitions: str = "",
                     metrics: tuple[str, ...] = ("overdue_rate", "dpd30_rate", "dpd90_rate"),
                     events: pd.DataFrame | None = None) -> alt.Chart:
    """The delinquency rates per month, the report month marked, events as markers.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`analysis.overview.headlines.monthly_summary`.
    lang : {"zh", "en"}
    month : str, optional
        The month the report is about (a vertical rule); default the latest.
    definitions : str
        The 口径 line (subtitle).
    metrics : tuple of str
    events : DataFrame, optional
        ``month, label`` timeline events, drawn by :func:`analysis.charts.trend.chart_event_markers`.

    Examples
    --------
    >>> s = pd.DataFrame({"month": ["2024-01", "2024-02"], "overdue_rate": [.05, .06],
    ...                   "dpd30_rate": [.02, .03], "dpd90_rate": [.01, .01]})
    >>> spec = chart_rate_trend(s, "en").to_dict()
    >>> spec["title"]["text"]
    'Delinquency rates by month'
    """
    missing = [m for m in ("month", *metrics) if m not in summary.columns]
    if missing:
        raise ValueError(f"summary lacks {missing}")
    month = month or str(summary["month"].max())
    names = {m: translate(f"report.metric.{m}", lang) for m in metrics}
    long = summary.melt(id_vars="month", value_vars=list(metrics), var_name="metric", value_name="rate")
    long["metric_label"] = long["metric"].map(names)
    order = [names[m] for m in metrics]
    colour = alt.Scale(domain=order, range=[RATE_COLOURS.get(m, ACCENT) for m in metrics])
    month_title = translate("report.month", lang)
    base = alt.Chart(long).encode(
        x=alt.X("month:O", title=month_title, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("rate:Q", title=translate("report.rate_axis", lang), axis=alt.Axis(format=".1%")),
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
    chart = alt.layer(*layers).properties(height=280, width="container")
    title = translate("report.chart.rates", lang)
    return house_config(titled(chart, title, definitions or None))


def headline_table(figures: pd.DataFrame, lang: str, unit: str = "wan") -> pd.DataFrame:
    """The headline figures as a table people read: formatted values, MoM change in pp or %.

    Parameters
    ----------
    figures : DataFrame
        Output of :func:`analysis.overview.headlines.headline_figures`.

    Examples
    --------
    >>> f = pd.DataFrame({"metric": ["dpd30_rate"], "kind": ["rate"], "month": ["2024-02"], "value": [.032],
    ...                   "previous_month": ["2024-01"], "previous": [.028], "change": [.004], "change_pct": [float("nan")]})
    >>> headline_table(f, "en").iloc[0].tolist()
    ['DPD30+ rate', '3.20%', '2.80%', '+0.40 pp']
    """
    from analysis.core.units import format_amount, format_pp, format_rate

    rows = []
    for r in figures.itertuples(index=False):
        if r.kind == "rate":
            val, prev, chg = format_rate(r.value), format_rate(r.previous), format_pp(r.change, lang)
        elif r.kind == "amount":
            val, prev = format_amount(r.value, unit), format_amount(r.previous, unit)
            chg = "–" if pd.isna(r.change_pct) else f"{r.change_pct * 100:+.1f}%"
        else:
            val = "–" if pd.isna(r.value) else f"{int(r.value):,}"
            prev = "–" if pd.isna(r.previous) else f"{int(r.previous):,}"
            chg = "–" if pd.isna(r.change) else f"{int(r.change):+,}"
        rows.append([metric_label(r.metric, lang, unit), val, prev, chg])
    cols = [translate(f"report.table.{c}", lang) for c in ("metric", "value", "previous", "change")]
    return pd.DataFrame(rows, columns=cols)


__all__ = ["RATE_COLOURS", "chart_rate_trend", "chart_sparkline", "headline_table", "metric_label"]
