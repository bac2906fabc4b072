"""Trend charts: history + forecast with 80/95% bands, small multiples, roll-rate projection,
vintage fan, and the timeline event markers every trend chart in the app can layer on.

Every builder has the house shape ``chart_x(data, view, *, title, subtitle=None, ...)``: the
aggregated data first (a few dozen rows), the reader's :class:`~analysis.core.view.View` second
(language, unit, buckets), the rest keyword-only; it returns a finished chart already passed
through :func:`analysis.charts.theme.house_config`. Months are drawn as ``YYYY-MM`` ordinal strings.
:func:`chart_event_markers` is a layer for other builders, not a finished chart.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts.theme import ACCENT, bucket_colours, house_config, month_axis, rate_axis, rate_format, titled
from analysis.core.i18n import translate
from analysis.core.view import View
from analysis.trend.projection import projected_rate_name

_EVENT_COLOUR = "#7B61FF"
_HISTORY_COLOUR = "#1F2A36"
_X_AXIS = month_axis(title=None)


def _valid_events(events: pd.DataFrame | None, months: list[str] | None = None) -> pd.DataFrame:
    """Events with a ``YYYY-MM`` month and a label, inside ``months`` when given."""
    if events is None or not len(events) or not {"month", "label"} <= set(events.columns):
        return pd.DataFrame({"month": pd.Series([], dtype=str), "label": pd.Series([], dtype=str)})
    ev = pd.DataFrame({"month": events["month"].astype("string").str.strip(),
                       "label": events["label"].astype("string").fillna("").str.strip()})
    ev = ev[ev["month"].str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").fillna(False).astype(bool)]
    if months:
        ev = ev[ev["month"].isin(set(months))]
    # Two notes on one month share one marker.
    ev = ev.groupby("month", sort=True)["label"].agg(lambda s: " · ".join(x for x in s if x)).reset_index()
    return ev.astype({"month": str, "label": str})


def chart_event_markers(events: pd.DataFrame | None, months: list[str] | None = None,
                        lang: str = "zh") -> alt.LayerChart | None:
    """Vertical rules with labels for timeline events, to layer on any chart whose x is ``month:O``.

    Parameters
    ----------
    events : DataFrame
        ``month`` (``YYYY-MM``) and ``label``, as kept by ``ui.state.events()``; rows with an
        invalid month are skipped.
    months : list of str, optional
        The months on the chart's x axis; events outside are dropped (an ordinal axis would
        otherwise grow to show them).
    lang : {"zh", "en"}

    Returns
    -------
    LayerChart or None
        ``None`` when there is nothing to mark, so callers can write
        ``alt.layer(chart, markers) if markers else chart``.

    Examples
    --------
    >>> ev = pd.DataFrame({"month": ["2024-03", "bad"], "label": ["审批收紧", "x"]})
    >>> chart_event_markers(ev, ["2024-02", "2024-03"]) is not None
    True
    >>> chart_event_markers(ev, ["2024-01"]) is None
    True
    """
    ev = _valid_events(events, months)
    if not len(ev):
        return None
    tip = [alt.Tooltip("month:O", title=translate("trend.chart.month", lang)),
           alt.Tooltip("label:N", title=translate("trend.chart.event", lang))]
    base = alt.Chart(ev).encode(x=alt.X("month:O", axis=_X_AXIS))
    rule = base.mark_rule(color=_EVENT_COLOUR, strokeDash=[4, 3], strokeWidth=1.5).encode(tooltip=tip)
    text = base.mark_text(align="left", baseline="top", dx=3, dy=2, color=_EVENT_COLOUR, fontSize=11,
                          angle=0).encode(text=alt.Text("label:N"), y=alt.YValue(2), tooltip=tip)
    return alt.layer(rule, text)


def with_events(chart: alt.TopLevelMixin, events: pd.DataFrame | None, months: list[str],
                lang: str = "zh") -> alt.TopLevelMixin:
    """``chart`` with event markers layered on (unchanged when there are none in range)."""
    markers = chart_event_markers(events, months, lang)
    return alt.layer(chart, markers) if markers is not None else chart


def _sized_with_events(chart: alt.TopLevelMixin, events: pd.DataFrame | None, months: list[str], lang: str,
                       **properties) -> alt.TopLevelMixin:
    """``with_events(chart, ...).properties(**properties)`` without copying a layered chart again.

    Altair's copy of a layer chart (what ``properties`` starts with) re-runs its construction,
    deep copies and schema checks included: 5-10 ms a chart. The markers' layer is built with the
    properties; a layer chart without markers gets them set in place, so ``chart`` must be one
    this module has just built and shared with no one.
    """
    markers = chart_event_markers(events, months, lang)
    if markers is not None:
        return alt.layer(chart, markers, **properties)
    if not isinstance(chart, alt.LayerChart):
        return chart.properties(**properties)
    for name, value in properties.items():
        setattr(chart, name, value)
    return chart


def _value_format(is_rate: bool) -> str:
    return ".2%" if is_rate else ",.2f"


def _value_title(value_title: str, is_rate: bool, view: View) -> str:
    return value_title if is_rate else f"{value_title} ({view.unit_label})"


def _history_and_forecast(data) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(history, forecast)`` of a ``ForecastResult`` or of a ``(history, forecast)`` pair."""
    if isinstance(data, tuple):
        return data
    return data.history, data.forecast


def _forecast_frames(data, is_rate: bool, view: View):
    history, forecast = _history_and_forecast(data)
    scale = (lambda v: v) if is_rate else view.scale
    hist = pd.DataFrame({"month": history["month"].astype(str), "value": scale(history["value"].to_numpy(float))})
    fc = forecast.copy()
    for col in ("mean", "lower80", "upper80", "lower95", "upper95"):
        fc[col] = scale(fc[col].to_numpy(float))
    if len(hist) and len(fc):
        # Start the forecast line and the bands at the last actual month so nothing floats free.
        last = hist.iloc[-1]
        anchor = pd.DataFrame({"month": [last["month"]], **{c: [last["value"]] for c in
                                                             ("mean", "lower80", "upper80", "lower95", "upper95")}})
        fc = pd.concat([anchor, fc[anchor.columns]], ignore_index=True)
    return hist, fc


def _forecast_layers(hist: pd.DataFrame, fc: pd.DataFrame, *, is_rate: bool, y_title: str, lang: str,
                     months: list[str], compact: bool = False) -> alt.LayerChart:
    fmt = _value_format(is_rate)
    lab = {k: translate(f"trend.chart.{k}", lang) for k in ("history", "forecast", "band80", "band95", "month",
                                                            "value", "mean", "range80", "range95")}
    x = alt.X("month:O", axis=_X_AXIS, scale=alt.Scale(domain=months))
    # The scale does not include 0 (zero=False below): a rate's decimals follow the drawn range.
    drawn = np.concatenate([hist["value"].to_numpy(float)] + [fc[c].to_numpy(float) for c in ("lower95", "upper95") if c in fc])
    y_axis = alt.Axis(format=rate_format(drawn, zero=False) if is_rate else ",.0f", title=None if compact else y_title)
    layers = []
    if len(fc):
        band_tip = [alt.Tooltip("month:O", title=lab["month"]), alt.Tooltip("mean:Q", title=lab["mean"], format=fmt),
                    alt.Tooltip("lower80:Q", title=f"{lab['range80']} ↓", format=fmt),
                    alt.Tooltip("upper80:Q", title=f"{lab['range80']} ↑", format=fmt),
                    alt.Tooltip("lower95:Q", title=f"{lab['range95']} ↓", format=fmt),
                    alt.Tooltip("upper95:Q", title=f"{lab['range95']} ↑", format=fmt)]
        fc_base = alt.Chart(fc).encode(x=x)
        layers += [
            fc_base.mark_area(color=ACCENT, opacity=0.12).encode(
                y=alt.Y("lower95:Q", axis=y_axis, scale=alt.Scale(zero=False)), y2=alt.Y2("upper95:Q"), tooltip=band_tip),
            fc_base.mark_area(color=ACCENT, opacity=0.25).encode(y=alt.Y("lower80:Q"), y2=alt.Y2("upper80:Q"),
                                                                 tooltip=band_tip),
            fc_base.mark_line(color=ACCENT, strokeDash=[6, 4],
                              point=alt.OverlayMarkDef(color=ACCENT, size=25) if not compact else False).encode(
                y=alt.Y("mean:Q"), tooltip=band_tip),
        ]
    hist_tip = [alt.Tooltip("month:O", title=lab["month"]), alt.Tooltip("value:Q", title=lab["value"], format=fmt)]
    layers.append(alt.Chart(hist).mark_line(
        color=_HISTORY_COLOUR, point=alt.OverlayMarkDef(color=_HISTORY_COLOUR, size=25) if not compact else False).encode(
        # titled by the metric: a slide's native chart names its one series so, not "value"
        x=x, y=alt.Y("value:Q", axis=y_axis, scale=alt.Scale(zero=False), title=y_title), tooltip=hist_tip))
    if not compact and len(fc):
        # A legend for line styles: a tiny key drawn from data so it translates with the page
        # (with no forecast there is one line, and no forecast or bands to name).
        key = pd.DataFrame({"series": [lab["history"], lab["forecast"], lab["band80"], lab["band95"]]})
        legend = alt.Chart(key).mark_point(opacity=0).encode(
            color=alt.Color("series:N", scale=alt.Scale(domain=key["series"].tolist(),
                                                         range=["#1F2A36", ACCENT, "#A9BDD2", "#D5E0EB"]),
                            legend=alt.Legend(title=None, symbolType="stroke", symbolStrokeWidth=6)))
        layers.append(legend)
    return alt.layer(*layers)


def chart_forecast(data, view: View, *, title: str, subtitle: str | list[str] | None = None,
                   value_title: str, is_rate: bool, events: pd.DataFrame | None = None,
                   height: int = 340) -> alt.LayerChart:
    """History line, dashed forecast line, 80% and 95% bands, and event markers.

    Parameters
    ----------
    data : ForecastResult or (DataFrame, DataFrame)
        A :class:`analysis.trend.forecast.ForecastResult`, or its ``(history, forecast)`` pair:
        ``month``, ``value``; and ``month``, ``mean``, ``lower80``, ``upper80``, ``lower95``,
        ``upper95`` (may be empty: history only).
    view : View
        Language, and the unit amounts are scaled to.
    title, subtitle : str
        Title, and the definitions line (口径).
    value_title : str
        Name of the metric for the y axis (the unit is appended for amounts).
    is_rate : bool
        Rates are drawn as percentages; amounts are scaled to the view's unit.
    events : DataFrame, optional
        Timeline events (``month``, ``label``).

    Examples
    --------
    >>> h = pd.DataFrame({"month": ["2024-01", "2024-02"], "value": [0.02, 0.03]})
    >>> f = pd.DataFrame({"month": ["2024-03"], "mean": [0.035], "lower80": [0.03], "upper80": [0.04],
    ...                   "lower95": [0.028], "upper95": [0.045]})
    >>> spec = chart_forecast((h, f), View(lang="en"), title="DPD30+", subtitle="by balance",
    ...                       value_title="rate", is_rate=True).to_dict()
    >>> spec["title"]["text"], "config" in spec
    ('DPD30+', True)
    """
    hist, fc = _forecast_frames(data, is_rate, view)
    months = sorted(set(hist["month"]) | set(fc["month"]))
    y_title = _value_title(value_title, is_rate, view)
    chart = _forecast_layers(hist, fc, is_rate=is_rate, y_title=y_title, lang=view.lang, months=months)
    chart = _sized_with_events(chart, events, months, view.lang, height=height)
    return house_config(titled(chart, title, subtitle))


def chart_forecast_grid(data: dict, view: View, *, title: str, subtitle: str | list[str] | None = None,
                        value_title: str, is_rate: bool, events: pd.DataFrame | None = None,
                        columns: int = 3) -> alt.ConcatChart:
    """Small multiples: one compact history + forecast chart per segment, same look, own y scale.

    Parameters
    ----------
    data : dict of str → ForecastResult or (history, forecast)
        Segment name → what :func:`chart_forecast` takes.
    view : View

    Examples
    --------
    >>> h = pd.DataFrame({"month": ["2024-01", "2024-02"], "value": [0.02, 0.03]})
    >>> f = h.iloc[:0].rename(columns={"value": "mean"}).assign(lower80=[], upper80=[], lower95=[], upper95=[])
    >>> chart_forecast_grid({"A": (h, f), "B": (h, f)}, View(), title="t", subtitle="s", value_title="v",
    ...                     is_rate=True).to_dict()["columns"]
    3
    """
    if not data:
        raise ValueError("give at least one segment to draw")
    charts = []
    y_title = _value_title(value_title, is_rate, view)
    for name, panel in data.items():
        hist, fc = _forecast_frames(panel, is_rate, view)
        months = sorted(set(hist["month"]) | set(fc["month"]))
        layer = _forecast_layers(hist, fc, is_rate=is_rate, y_title=y_title, lang=view.lang, months=months, compact=True)
        charts.append(_sized_with_events(layer, events, months, view.lang, width=230, height=150,
                                         title=alt.TitleParams(str(name), fontSize=12, anchor="start")))
    return house_config(titled(alt.concat(*charts, columns=columns), title, subtitle))


def chart_projection(data: pd.DataFrame, view: View, *, title: str, subtitle: str | list[str] | None = None,
                     rates: pd.DataFrame | None = None, events: pd.DataFrame | None = None, height: int = 320,
                     include_current: bool = False) -> alt.LayerChart:
    """Projected bucket balances as stacked bars per month (month 0 = today), DPD90+ rate as a line.

    Current is left out by default: it dwarfs the overdue buckets, which are what the chart is for
    (the table under it has every bucket).

    Parameters
    ----------
    data : DataFrame
        Output of :func:`analysis.trend.projection.project_balances` (``month``, bucket columns).
    view : View
        Language, amount unit and the bucket scheme of the columns.
    rates : DataFrame, optional
        Output of :func:`analysis.trend.projection.projection_rates`; adds the DPD90+ line (right axis).

    Examples
    --------
    >>> from analysis.core.buckets import custom_buckets
    >>> p = pd.DataFrame({"month": ["2024-01", "2024-02"], "Current": [90.0, 85.0], "1-30": [5.0, 8.0],
    ...                   "31+": [5.0, 7.0], "exit": [0.0, 0.0], "total": [100.0, 100.0]})
    >>> chart_projection(p, View(lang="en", buckets=custom_buckets([30])), title="t", subtitle="s").to_dict()["title"]["text"]
    't'
    """
    projection, buckets, lang = data, view.buckets, view.lang
    keys = [k for k in buckets.keys if k in projection.columns]
    if not include_current:
        keys = keys[1:]
    labels = [buckets.label_of(k, lang) for k in keys]
    colours = dict(zip(buckets.keys, bucket_colours(list(buckets.keys))))
    long = projection.melt(id_vars=["month"], value_vars=keys, var_name="bucket", value_name="balance")
    long["balance"] = view.scale(long["balance"].to_numpy(float))
    long["bucket_label"] = long["bucket"].map(dict(zip(keys, labels)))
    totals = long.groupby("month")["balance"].transform("sum").to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        long["share"] = np.where(totals > 0, long["balance"].to_numpy(float) / totals, np.nan)
    long["order"] = long["bucket"].map({k: i for i, k in enumerate(keys)})
    months = projection["month"].astype(str).tolist()
    u = view.unit_label
    lab = {k: translate(f"trend.chart.{k}", lang) for k in ("month", "bucket", "share")}
    lab["balance"] = translate("trend.chart.balance_unit", lang, unit=u)
    lab["dpd90_rate"] = projected_rate_name(view.buckets, lang)
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("month:O", axis=_X_AXIS, scale=alt.Scale(domain=months)),
        y=alt.Y("balance:Q", stack=True, axis=alt.Axis(title=lab["balance"], format=",.0f")),
        color=alt.Color("bucket_label:N", scale=alt.Scale(domain=labels, range=[colours[k] for k in keys]), sort=labels,
                        legend=alt.Legend(title=None)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("month:O", title=lab["month"]), alt.Tooltip("bucket_label:N", title=lab["bucket"]),
                 alt.Tooltip("balance:Q", title=lab["balance"], format=",.2f"),
                 alt.Tooltip("share:Q", title=lab["share"], format=".2%")],
    )
    chart: alt.TopLevelMixin = bars
    if rates is not None and len(rates):
        line = alt.Chart(rates.assign(month=rates["month"].astype(str))).mark_line(
            color=_HISTORY_COLOUR, point=alt.OverlayMarkDef(color=_HISTORY_COLOUR), strokeDash=[2, 2]).encode(
            x=alt.X("month:O", scale=alt.Scale(domain=months), axis=_X_AXIS),
            y=alt.Y("dpd90_rate:Q", axis=rate_axis(rates["dpd90_rate"], title=lab["dpd90_rate"], orient="right")),
            tooltip=[alt.Tooltip("month:O", title=lab["month"]),
                     alt.Tooltip("dpd90_rate:Q", title=lab["dpd90_rate"], format=".2%")])
        chart = alt.layer(bars, line, resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="independent")))
    chart = _sized_with_events(chart, events, months, lang, height=height)
    return house_config(titled(chart, title, subtitle))


def chart_vintage_fan(data: pd.DataFrame, view: View, *, title: str, subtitle: str | list[str] | None = None,
                      value_title: str, max_cohorts: int = 12, height: int = 340) -> alt.LayerChart:
    """Vintage curves by MOB: actual (solid), completed (dashed) with the 80% fan of young cohorts.

    Only the latest ``max_cohorts`` cohorts are drawn, so the chart stays readable.

    Parameters
    ----------
    data : DataFrame
        ``VintageCompletion.projection`` (:mod:`analysis.aging.vintage_completion`): ``cohort``,
        ``mob``, ``value``, ``kind`` (actual/projected) and the 80%/95% bounds.
    view : View
        Language of the labels.

    Examples
    --------
    >>> p = pd.DataFrame({"cohort": ["2024-01", "2024-01"], "mob": [0, 1], "value": [0.01, 0.02],
    ...                   "kind": ["actual", "projected"], "lower80": [0.01, 0.015], "upper80": [0.01, 0.025],
    ...                   "lower95": [0.01, 0.012], "upper95": [0.01, 0.03]})
    >>> chart_vintage_fan(p, View(lang="en"), title="t", subtitle="s", value_title="ever30").to_dict()["title"]["text"]
    't'
    """
    projection, lang = data, view.lang
    cohorts = sorted(projection["cohort"].astype(str).unique())[-max_cohorts:]
    data = projection[projection["cohort"].astype(str).isin(cohorts)].copy()
    data["cohort"] = data["cohort"].astype(str)
    # The projected part starts at the last actual point, so each curve is one unbroken line.
    last_actual = data[data["kind"] == "actual"].sort_values("mob").groupby("cohort").tail(1)
    proj = pd.concat([last_actual.assign(kind="projected"), data[data["kind"] == "projected"]], ignore_index=True)
    proj = proj[proj["cohort"].isin(data.loc[data["kind"] == "projected", "cohort"])]
    lab = {k: translate(f"trend.chart.{k}", lang) for k in ("cohort", "mob", "value", "range80", "actual", "projected")}
    colour = alt.Color("cohort:O", scale=alt.Scale(scheme=alt.SchemeParams("viridis", extent=[0, 0.85])),
                       legend=alt.Legend(title=lab["cohort"], columns=2, symbolType="stroke", symbolOpacity=1,
                                         symbolStrokeWidth=3))
    tip = [alt.Tooltip("cohort:O", title=lab["cohort"]), alt.Tooltip("mob:Q", title=lab["mob"]),
           alt.Tooltip("value:Q", title=lab["value"], format=".2%"),
           alt.Tooltip("lower80:Q", title=f"{lab['range80']} ↓", format=".2%"),
           alt.Tooltip("upper80:Q", title=f"{lab['range80']} ↑", format=".2%")]
    x = alt.X("mob:Q", title=lab["mob"], axis=alt.Axis(tickMinStep=1))
    # The youngest cohorts' fans can reach 100%; keep the curves readable and clip the fan.
    top = float(min(1.0, max(1.5 * float(data["value"].max()), 0.01))) if len(data) else 1.0
    y = alt.Y("value:Q", title=value_title, axis=rate_axis([0.0, top]), scale=alt.Scale(domain=[0, top], clamp=True))
    band = alt.Chart(proj).mark_area(opacity=0.12, clip=True).encode(
        x=x, y=alt.Y("lower80:Q", scale=alt.Scale(domain=[0, top], clamp=True)), y2=alt.Y2("upper80:Q"), color=colour,
        tooltip=tip)
    actual = alt.Chart(data[data["kind"] == "actual"]).mark_line(clip=True).encode(x=x, y=y, color=colour, tooltip=tip)
    projected = alt.Chart(proj).mark_line(strokeDash=[5, 4], clip=True).encode(x=x, y=y, color=colour, tooltip=tip)
    return house_config(titled(alt.layer(band, actual, projected, height=height), title, subtitle))

