"""Chart builders of the aging page: aggregated frames in, ``alt.Chart`` out.

Every builder has the house shape ``chart_x(data, view, *, subtitle=None, ...)``: the frame an
:mod:`analysis.aging.rates` / :mod:`analysis.aging.regulatory` / :mod:`analysis.aging.vintage`
function returned, the reader's :class:`~analysis.core.view.View` (language, unit, measure,
buckets and, for one-month charts, the month), then keyword-only the definitions line (口径) for
the subtitle and what is specific to the chart. Months stay ``YYYY-MM`` strings on ordinal axes,
amounts are scaled to the view's unit (named in the axis title), rates are percentages, bucket
colours come from the theme, and every chart goes through :func:`~analysis.charts.theme.house_config`.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis.core.buckets import FIVE_TIER_KEYS, Buckets
from analysis.charts.theme import (ACCENT, bucket_colours, category_axis, house_config, month_axis, pick_on, rate_axis,
                                   rate_legend, titled)
from analysis.core.i18n import translate
from analysis.core.units import UNITS, unit_label
from analysis.core.view import View
from analysis.core.vocabulary import ENTRY_RATE, five_tier_label, metric_name, stage_label

_RATE_FMT = ".2%"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"aging.chart.{key}", lang, **params)


def _amount_title(measure: str, unit: str, lang: str) -> str:
    if measure == "count":
        return _t("accounts", lang)
    return _t("balance_unit", lang, unit=unit_label(unit, lang))


def _scaled(values: pd.Series | np.ndarray, measure: str, unit: str) -> np.ndarray:
    arr = np.asarray(values, dtype=np.float64)
    return arr if measure == "count" else arr / UNITS[unit]


def _amount_fmt(measure: str) -> str:
    return ",.0f" if measure == "count" else ",.2f"


def _amount_axis_fmt(measure: str) -> str:
    # an axis in 万元 read "0.00, 2,000.00, 4,000.00": up to two places, trailing zeros trimmed
    return ",.0f" if measure == "count" else ",.2~f"


def _bucket_labels(keys: list[str], buckets: Buckets, lang: str) -> list[str]:
    return [buckets.label_of(k, lang) for k in keys]


def _bucket_scale(keys: list[str], buckets: Buckets, lang: str) -> alt.Scale:
    return alt.Scale(domain=_bucket_labels(keys, buckets, lang), range=bucket_colours(keys))


#: A share label is drawn only where the share exists: a book whose balances are all 0 has no
#: share of balance, and Vega writes a missing value as the text "null".
_SHOWN_SHARE = "isValid(datum.share) && isFinite(datum.share)"


def _finish(chart: alt.Chart, title: str, subtitle: str | list[str] | None) -> alt.Chart:
    return house_config(titled(chart, title, subtitle))


# --- distribution ------------------------------------------------------------------------------

def chart_distribution(dist: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Bars per bucket for one month (whole book), with count, balance, overdue amount and shares
    in the tooltip.

    Parameters
    ----------
    dist : DataFrame
        :func:`analysis.aging.rates.aging_distribution` without ``by``.
    """
    lang, unit, measure, buckets = view.lang, view.unit, view.measure, view.buckets
    month = view.month or ""
    keys = [str(k) for k in dist["bucket"]]
    labels = _bucket_labels(keys, buckets, lang)
    data = pd.DataFrame({
        "bucket_label": labels,
        "value": _scaled(dist[measure], measure, unit),
        "count": dist["count"].to_numpy(),
        "balance": _scaled(dist["balance"], "balance", unit),
        "count_share": dist["count_share"].to_numpy(),
        "balance_share": dist["balance_share"].to_numpy(),
        "share": dist[f"{measure}_share"].to_numpy(),
    })
    tooltip = [
        alt.Tooltip("bucket_label:N", title=_t("bucket", lang)),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("count_share:Q", title=_t("count_share", lang), format=_RATE_FMT),
        alt.Tooltip("balance:Q", title=_amount_title("balance", unit, lang), format=",.2f"),
        alt.Tooltip("balance_share:Q", title=_t("balance_share", lang), format=_RATE_FMT),
    ]
    if "overdue_amount" in dist.columns:
        data["overdue_amount"] = _scaled(dist["overdue_amount"], "balance", unit)
        tooltip.append(alt.Tooltip("overdue_amount:Q", title=_t("overdue_amount_unit", lang, unit=unit_label(unit, lang)), format=",.2f"))
    y = alt.Y("bucket_label:N", sort=labels, title=None)
    bars = alt.Chart(data).mark_bar().encode(
        y=y, x=alt.X("value:Q", title=_amount_title(measure, unit, lang), axis=alt.Axis(format=_amount_axis_fmt(measure))),
        color=alt.Color("bucket_label:N", scale=_bucket_scale(keys, buckets, lang), legend=None),
        tooltip=tooltip,
    )
    text = alt.Chart(data).transform_filter(_SHOWN_SHARE).mark_text(align="left", dx=4, color="#3A4450").encode(
        y=y, x=alt.X("value:Q"), text=alt.Text("share:Q", format=".1%"), tooltip=tooltip)
    chart = alt.layer(bars, text, height=max(160, 34 * len(labels)))
    return _finish(chart, _t("distribution.title", lang, month=month), subtitle)


def chart_distribution_by_segment(dist: pd.DataFrame, view: View, *, by: str, by_label: str | None = None,
                                  subtitle: str | list[str] | None = None) -> alt.Chart:
    """100 % stacked bars: the bucket mix of each segment in one month.

    Parameters
    ----------
    dist : DataFrame
        :func:`analysis.aging.rates.aging_distribution` with ``by``.
    """
    lang, unit, measure, buckets = view.lang, view.unit, view.measure, view.buckets
    month = view.month or ""
    keys = list(dist["bucket"].cat.categories) if hasattr(dist["bucket"], "cat") else list(dict.fromkeys(dist["bucket"]))
    keys = [str(k) for k in keys]
    label_of = dict(zip(keys, _bucket_labels(keys, buckets, lang)))
    data = pd.DataFrame({
        "segment": dist[by].astype(str).to_numpy(),
        "bucket_label": [label_of[str(k)] for k in dist["bucket"]],
        "order": [keys.index(str(k)) for k in dist["bucket"]],
        "count": dist["count"].to_numpy(),
        "balance": _scaled(dist["balance"], "balance", unit),
        "share": dist[f"{measure}_share"].to_numpy(),
    })
    seg_total = data.groupby("segment")["count" if measure == "count" else "balance"].transform("sum")
    data["segment_total"] = seg_total.to_numpy()
    segments = data.groupby("segment")["segment_total"].first().sort_values(ascending=False).index.tolist()
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("segment:N", sort=segments, title=by_label or by),
        x=alt.X("share:Q", stack="normalize", title=_t("share_of", lang, measure=_t(f"measure.{measure}", lang)),
                axis=rate_axis([0.0, 1.0])),
        color=alt.Color("bucket_label:N", scale=_bucket_scale(keys, buckets, lang), title=_t("bucket", lang),
                        sort=[label_of[k] for k in keys]),
        order=alt.Order("order:Q"),
        tooltip=[
            alt.Tooltip("segment:N", title=by_label or by),
            alt.Tooltip("bucket_label:N", title=_t("bucket", lang)),
            alt.Tooltip("share:Q", title=_t("share_of", lang, measure=_t(f"measure.{measure}", lang)), format=_RATE_FMT),
            alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
            alt.Tooltip("balance:Q", title=_amount_title("balance", unit, lang), format=",.2f"),
        ],
    ).properties(height=max(160, 26 * len(segments)))
    return _finish(chart, _t("by_segment.title", lang, month=month, segment=by_label or by), subtitle)


# --- over time ----------------------------------------------------------------------------------

def chart_bucket_mix(mix: pd.DataFrame, view: View, *, normalize: bool = False,
                     subtitle: str | list[str] | None = None) -> alt.Chart:
    """Stacked bars of the bucket mix per month (amounts, or shares when ``normalize``).

    Parameters
    ----------
    mix : DataFrame
        :func:`analysis.aging.rates.bucket_mix`.
    """
    lang, unit, measure, buckets = view.lang, view.unit, view.measure, view.buckets
    keys = [str(k) for k in mix["bucket"].cat.categories]
    label_of = dict(zip(keys, _bucket_labels(keys, buckets, lang)))
    data = pd.DataFrame({
        "month": mix["month"].astype(str).to_numpy(),
        "bucket_label": [label_of[str(k)] for k in mix["bucket"]],
        "order": [keys.index(str(k)) for k in mix["bucket"]],
        "value": _scaled(mix["value"], measure, unit),
        "share": mix["share"].to_numpy(),
    })
    y_field = "share" if normalize else "value"
    y_title = _t("share_of", lang, measure=_t(f"measure.{measure}", lang)) if normalize else _amount_title(measure, unit, lang)
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("month:O", title=_t("month", lang), axis=month_axis()),
        y=alt.Y(f"{y_field}:Q", stack="zero", title=y_title,
                axis=rate_axis([0.0, 1.0]) if normalize else alt.Axis(format=_amount_fmt(measure))),
        color=alt.Color("bucket_label:N", scale=_bucket_scale(keys, buckets, lang), title=_t("bucket", lang),
                        sort=[label_of[k] for k in keys]),
        order=alt.Order("order:Q", sort="descending"),
        tooltip=[
            alt.Tooltip("month:O", title=_t("month", lang)),
            alt.Tooltip("bucket_label:N", title=_t("bucket", lang)),
            alt.Tooltip("value:Q", title=_amount_title(measure, unit, lang), format=_amount_fmt(measure)),
            alt.Tooltip("share:Q", title=_t("share_of", lang, measure=_t(f"measure.{measure}", lang)), format=_RATE_FMT),
        ],
    ).properties(height=320)
    return _finish(chart, _t("mix.title", lang), subtitle)


def _metric_label(metric: str, lang: str) -> str:
    return metric_name(metric, lang)


def chart_rate_lines(lines: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Overdue, 30+ and 90+ rates per month, with the month-over-month change in pp in the tooltip.

    Parameters
    ----------
    lines : DataFrame
        :func:`analysis.aging.rates.rate_lines`.
    """
    lang = view.lang
    metrics = list(dict.fromkeys(lines["metric"]))
    labels = [_metric_label(m, lang) for m in metrics]
    data = pd.DataFrame({
        "month": lines["month"].astype(str).to_numpy(),
        "metric_label": [_metric_label(m, lang) for m in lines["metric"]],
        "rate": lines["rate"].to_numpy(),
        "change_pp": lines["change"].to_numpy() * 100,
    })
    colours = ["#F2C94C", "#EB5757", "#6B1D1D"][: len(labels)]
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:O", title=_t("month", lang), axis=month_axis()),
        y=alt.Y("rate:Q", title=_t("rate", lang), axis=rate_axis(data["rate"])),
        color=alt.Color("metric_label:N", scale=alt.Scale(domain=labels, range=colours), title=None),
        tooltip=[
            alt.Tooltip("month:O", title=_t("month", lang)),
            alt.Tooltip("metric_label:N", title=_t("metric", lang)),
            alt.Tooltip("rate:Q", title=_t("rate", lang), format=_RATE_FMT),
            alt.Tooltip("change_pp:Q", title=_t("mom_pp", lang), format="+.2f"),
        ],
    ).properties(height=300)
    return _finish(chart, _t("rates.title", lang), subtitle)


def chart_lagged(lagged: pd.DataFrame, view: View, *, metric: str, lag: int,
                 subtitle: str | list[str] | None = None) -> alt.Chart:
    """Coincident vs lagged rate of one metric; months where the book grew fast are marked.

    Parameters
    ----------
    lagged : DataFrame
        :func:`analysis.aging.rates.lagged_rates`.
    """
    lang = view.lang
    part = lagged[lagged["metric"] == metric]
    coin, lag_label = _t("coincident", lang), _t("lagged", lang, n=lag)
    data = pd.DataFrame({
        "month": np.concatenate([part["month"].astype(str).to_numpy()] * 2),
        "series": [coin] * len(part) + [lag_label] * len(part),
        "rate": np.concatenate([part["coincident"].to_numpy(), part["lagged"].to_numpy()]),
        "growth": np.concatenate([part["growth"].to_numpy()] * 2),
        "grew_fast": np.concatenate([part["grew_fast"].to_numpy()] * 2),
    })
    data = data[data["rate"].notna()]
    tooltip = [
        alt.Tooltip("month:O", title=_t("month", lang)),
        alt.Tooltip("series:N", title=_t("basis", lang)),
        alt.Tooltip("rate:Q", title=_metric_label(metric, lang), format=_RATE_FMT),
        alt.Tooltip("growth:Q", title=_t("growth", lang, n=lag), format="+.1%"),
    ]
    x = alt.X("month:O", title=_t("month", lang), axis=month_axis())
    lines = alt.Chart(data).mark_line(point=True).encode(
        x=x, y=alt.Y("rate:Q", title=_metric_label(metric, lang), axis=rate_axis(data["rate"])),
        color=alt.Color("series:N", scale=alt.Scale(domain=[coin, lag_label], range=[ACCENT, "#EB5757"]), title=None),
        # same field and title as the colour, so Vega-Lite draws one legend with both
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=[coin, lag_label], range=[[1, 0], [6, 3]]), title=None),
        tooltip=tooltip,
    )
    fast = data[(data["series"] == lag_label) & data["grew_fast"]]
    marks = alt.Chart(fast.assign(note=_t("grew_fast", lang))).mark_point(
        shape="triangle-up", size=110, filled=True, color="#F2994A").encode(
        x=x, y=alt.Y("rate:Q"), tooltip=[*tooltip, alt.Tooltip("note:N", title="⚠")])
    return _finish(alt.layer(lines, marks, height=300), _t("lagged.title", lang, metric=_metric_label(metric, lang)), subtitle)


# --- roll rates ----------------------------------------------------------------------------------

def chart_roll_heatmap(long: pd.DataFrame, view: View, *, title_months: str = "",
                       subtitle: str | list[str] | None = None, pick: bool = False) -> alt.Chart:
    """From-bucket × to-bucket heatmap with the rate written in each cell; exit is its own column.

    Parameters
    ----------
    long : DataFrame
        :func:`analysis.aging.rates.roll_matrix_long`.
    pick : bool
        Clicking a cell selects it (``from_key``, ``to_key``) for drill-through.
    """
    lang, unit, measure, buckets = view.lang, view.unit, view.measure, view.buckets
    from_keys = [str(k) for k in long["from_bucket"].cat.categories]
    to_keys = [str(k) for k in long["to_bucket"].cat.categories]
    from_labels = _bucket_labels(from_keys, buckets, lang)
    to_labels = _bucket_labels(to_keys, buckets, lang)
    f_of, t_of = dict(zip(from_keys, from_labels)), dict(zip(to_keys, to_labels))
    data = pd.DataFrame({
        "from_key": long["from_bucket"].astype(str).to_numpy(),
        "to_key": long["to_bucket"].astype(str).to_numpy(),
        "from_label": [f_of[str(k)] for k in long["from_bucket"]],
        "to_label": [t_of[str(k)] for k in long["to_bucket"]],
        "rate": long["rate"].to_numpy(),
        "flow": _scaled(long["flow"], measure, unit),
        "base": _scaled(long["base"], measure, unit),
    })
    data["label"] = [("" if np.isnan(r) else f"{r:.1%}") for r in data["rate"]]
    data["dark"] = data["rate"].fillna(0) > 0.55
    x = alt.X("to_label:N", sort=to_labels, title=_t("to_bucket", lang), axis=alt.Axis(labelAngle=-35, labelAlign="left", orient="top", labelLimit=120))
    y = alt.Y("from_label:N", sort=from_labels, title=_t("from_bucket", lang))
    amount = _amount_title(measure, unit, lang)
    tooltip = [
        alt.Tooltip("from_label:N", title=_t("from_bucket", lang)),
        alt.Tooltip("to_label:N", title=_t("to_bucket", lang)),
        alt.Tooltip("rate:Q", title=_t("roll_rate", lang), format=_RATE_FMT),
        alt.Tooltip("flow:Q", title=f"{_t('flow', lang)} ({amount})", format=_amount_fmt(measure)),
        alt.Tooltip("base:Q", title=f"{_t('base', lang)} ({amount})", format=_amount_fmt(measure)),
    ]
    rect = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y, color=alt.Color("rate:Q", scale=alt.Scale(scheme="orangered", domain=[0, 1]),
                                  title=_t("roll_rate", lang), legend=rate_legend([0.0, 1.0])),
        tooltip=tooltip)
    text = alt.Chart(data).mark_text(fontSize=11).encode(
        x=x, y=y, text=alt.Text("label:N"),
        color=alt.ColorValue("#1F2933", condition={"test": "datum.dark", "value": "white"}), tooltip=tooltip)
    if pick:
        rect, text = pick_on([rect, text], ["from_key", "to_key"])
    chart = alt.layer(rect, text, height=max(200, 38 * len(from_labels)), width=max(420, 80 * len(to_labels)))
    return _finish(chart, _t("roll.title", lang, months=title_months), subtitle)


def chart_flow_chain(flow: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Flow rates over time: one line per step (Current → 1-30, 1-30 → 31-60, …).

    Parameters
    ----------
    flow : DataFrame
        :func:`analysis.aging.rates.flow_rates`.
    """
    lang, buckets = view.lang, view.buckets
    keys = [str(k) for k in flow["from_bucket"].cat.categories]
    steps = [f"{buckets.label_of(a, lang)} → {buckets.label_of(b, lang)}" for a, b in zip(keys[:-1], keys[1:])]
    data = pd.DataFrame({
        "month": flow["month"].astype(str).to_numpy(),
        "step_label": [steps[int(s)] for s in flow["step"]],
        "rate": flow["rate"].to_numpy(), "chain": flow["chain"].to_numpy(),
    })
    colours = bucket_colours(keys)[1:]
    chart = alt.Chart(data[data["rate"].notna()]).mark_line(point=True).encode(
        x=alt.X("month:O", title=_t("from_month", lang), axis=month_axis()),
        y=alt.Y("rate:Q", title=_t("flow_rate", lang), axis=rate_axis(data["rate"])),
        color=alt.Color("step_label:N", scale=alt.Scale(domain=steps, range=colours), title=None, sort=steps),
        tooltip=[
            alt.Tooltip("month:O", title=_t("from_month", lang)),
            alt.Tooltip("step_label:N", title=_t("step", lang)),
            alt.Tooltip("rate:Q", title=_t("flow_rate", lang), format=_RATE_FMT),
            alt.Tooltip("chain:Q", title=_t("chain", lang), format=".3%"),
        ],
    ).properties(height=320)
    return _finish(chart, _t("flow.title", lang), subtitle)


def chart_cure_rates(cure: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Pooled cure rate (back to Current) per overdue bucket.

    Parameters
    ----------
    cure : DataFrame
        :func:`analysis.aging.rates.cure_rates`; only the ``"pooled"`` rows are drawn.
    """
    lang, unit, measure, buckets = view.lang, view.unit, view.measure, view.buckets
    pooled = cure[cure["month"] == "pooled"]
    keys = [str(k) for k in pooled["bucket"]]
    labels = _bucket_labels(keys, buckets, lang)
    all_keys = list(buckets.keys)
    data = pd.DataFrame({"bucket_label": labels, "cure_rate": pooled["cure_rate"].to_numpy(),
                         "cured": _scaled(pooled["cured"], measure, unit), "base": _scaled(pooled["base"], measure, unit)})
    amount = _amount_title(measure, unit, lang)
    colours = dict(zip(all_keys, bucket_colours(all_keys)))
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("bucket_label:N", sort=labels, title=_t("from_bucket", lang), axis=category_axis(labels)),
        y=alt.Y("cure_rate:Q", title=_t("cure_rate", lang), axis=rate_axis(data["cure_rate"])),
        color=alt.Color("bucket_label:N", scale=alt.Scale(domain=labels, range=[colours[k] for k in keys]), legend=None),
        tooltip=[
            alt.Tooltip("bucket_label:N", title=_t("from_bucket", lang)),
            alt.Tooltip("cure_rate:Q", title=_t("cure_rate", lang), format=_RATE_FMT),
            alt.Tooltip("cured:Q", title=f"{_t('cured', lang)} ({amount})", format=_amount_fmt(measure)),
            alt.Tooltip("base:Q", title=f"{_t('base', lang)} ({amount})", format=_amount_fmt(measure)),
        ],
    )
    text = alt.Chart(data).transform_filter("isValid(datum.cure_rate) && isFinite(datum.cure_rate)").mark_text(
        dy=-6, color="#3A4450").encode(
        x=alt.X("bucket_label:N", sort=labels), y=alt.Y("cure_rate:Q"), text=alt.Text("cure_rate:Q", format=".1%"))
    chart = alt.layer(chart, text, height=260)
    return _finish(chart, _t("cure.title", lang), subtitle)


def chart_entry_rates(entry: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """The collections entry rate (入催率) per month of entry (Current at t-1 → 1+ DPD at t).

    Parameters
    ----------
    entry : DataFrame
        :func:`analysis.trend.series.entry_rates` (the one definition, dated at the month of entry).
    """
    lang, unit, measure = view.lang, view.unit, view.measure
    data = pd.DataFrame({"month": entry["month"].astype(str).to_numpy(), "entry_rate": entry["entry_rate"].to_numpy(),
                         "entered": _scaled(entry["entered"], measure, unit),
                         "base": _scaled(entry["entry_base"], measure, unit)})
    amount = _amount_title(measure, unit, lang)
    chart = alt.Chart(data).mark_line(point=True, color=ACCENT).encode(
        x=alt.X("month:O", title=_t("entry_month", lang), axis=month_axis()),
        y=alt.Y("entry_rate:Q", title=metric_name(ENTRY_RATE, lang), axis=rate_axis(data["entry_rate"])),
        tooltip=[alt.Tooltip("month:O", title=_t("entry_month", lang)),
                 alt.Tooltip("entry_rate:Q", title=metric_name(ENTRY_RATE, lang), format=_RATE_FMT),
                 alt.Tooltip("entered:Q", title=f"{_t('entered', lang)} ({amount})", format=_amount_fmt(measure)),
                 alt.Tooltip("base:Q", title=f"{_t('base', lang)} ({amount})", format=_amount_fmt(measure))],
    ).properties(height=260)
    return _finish(chart, _t("entry.title", lang), subtitle)


# --- vintage --------------------------------------------------------------------------------------

def vintage_note(triangle: pd.DataFrame, view: View) -> str | None:
    """Why the vintage charts are not drawn, or ``None`` when they can be.

    With a single months-on-book value (one month of snapshots, or every cohort at the same
    age) the curves are one point each at that MOB: a chart that looks empty and reads as a
    broken page. The page shows this message instead (and keeps the table).

    Examples
    --------
    >>> tri = pd.DataFrame({"cohort": ["2024-06"], "mob": [0], "value": [0.0], "accounts": [10]})
    >>> vintage_note(tri, View(lang="en")).startswith("Every cohort is seen at one month on book only (MOB 0")
    True
    >>> vintage_note(tri.assign(mob=[0]).pipe(lambda t: pd.concat([t, t.assign(mob=[1])])), View(lang="en")) is None
    True
    """
    mobs = pd.unique(triangle["mob"].dropna()) if len(triangle) else []
    if len(mobs) == 1:
        return _t("vintage.one_mob", view.lang, mob=int(mobs[0]))
    return None


def chart_vintage_curves(triangle: pd.DataFrame, view: View, *, metric: str,
                         subtitle: str | list[str] | None = None) -> alt.Chart:
    """One line per cohort, months on book on the x-axis.

    Parameters
    ----------
    triangle : DataFrame
        :func:`analysis.aging.vintage.vintage_triangle`.
    """
    lang = view.lang
    data = triangle[["cohort", "mob", "value", "accounts"]].astype({"cohort": str})
    cohorts = sorted(data["cohort"].unique())
    chart = alt.Chart(data).mark_line().encode(
        x=alt.X("mob:Q", title=_t("mob", lang), axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("value:Q", title=_t(f"vintage.{metric}", lang), axis=rate_axis(data["value"])),
        color=alt.Color("cohort:N", sort=cohorts, title=_t("cohort", lang),
                        scale=alt.Scale(scheme="viridis"), legend=alt.Legend(columns=6, symbolLimit=60)),
        tooltip=[alt.Tooltip("cohort:N", title=_t("cohort", lang)), alt.Tooltip("mob:Q", title=_t("mob", lang)),
                 alt.Tooltip("value:Q", title=_t(f"vintage.{metric}", lang), format=_RATE_FMT),
                 alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=",d")],
    ).properties(height=340)
    return _finish(chart, _t("vintage.curves_title", lang, metric=_t(f"vintage.{metric}", lang)), subtitle)


def chart_vintage_heatmap(triangle: pd.DataFrame, view: View, *, metric: str,
                          subtitle: str | list[str] | None = None) -> alt.Chart:
    """The cohort × MOB triangle as a heatmap with the rate in each cell."""
    lang = view.lang
    data = triangle[["cohort", "mob", "value", "accounts"]].astype({"cohort": str})
    data = data.assign(label=[("" if np.isnan(v) else f"{v:.1%}") for v in data["value"]])
    n_mob = int(data["mob"].max()) + 1 if len(data) else 1
    cohorts = sorted(data["cohort"].unique())
    x = alt.X("mob:O", title=_t("mob", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("cohort:O", sort=cohorts, title=_t("cohort", lang))
    vmax = float(np.nanmax(data["value"])) if len(data) and np.isfinite(np.nanmax(data["value"])) else 1.0
    tooltip = [alt.Tooltip("cohort:N", title=_t("cohort", lang)), alt.Tooltip("mob:O", title=_t("mob", lang)),
               alt.Tooltip("value:Q", title=_t(f"vintage.{metric}", lang), format=_RATE_FMT),
               alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=",d")]
    rect = alt.Chart(data).mark_rect().encode(
        x=x, y=y, color=alt.Color("value:Q", scale=alt.Scale(scheme="orangered", domain=[0, max(vmax, 1e-9)]),
                                  title=_t(f"vintage.{metric}", lang), legend=rate_legend([0.0, vmax])),
        tooltip=tooltip)
    height = max(200, 20 * len(cohorts))
    if n_mob <= 25 and len(cohorts) <= 40:
        text = alt.Chart(data).mark_text(fontSize=9).encode(
            x=x, y=y, text=alt.Text("label:N"),
            color=alt.ColorValue("#1F2933", condition={"test": f"datum.value > {vmax * 0.6}", "value": "white"}),
            tooltip=tooltip)
        chart = alt.layer(rect, text, height=height)
    else:
        chart = rect.properties(height=height)
    return _finish(chart, _t("vintage.heatmap_title", lang, metric=_t(f"vintage.{metric}", lang)), subtitle)


def chart_fpd(fpd: pd.DataFrame, view: View, *, threshold: int, subtitle: str | list[str] | None = None) -> alt.Chart:
    """FPD rate per origination month (bars), accounts observed in the tooltip."""
    lang = view.lang
    data = fpd[["cohort", "fpd_rate", "accounts", "fpd_accounts"]].astype({"cohort": str})
    chart = alt.Chart(data).mark_bar(color="#EB5757").encode(
        x=alt.X("cohort:O", title=_t("cohort", lang), axis=month_axis()),
        y=alt.Y("fpd_rate:Q", title=_t("fpd_rate", lang, n=threshold), axis=rate_axis(data["fpd_rate"])),
        tooltip=[alt.Tooltip("cohort:N", title=_t("cohort", lang)),
                 alt.Tooltip("fpd_rate:Q", title=_t("fpd_rate", lang, n=threshold), format=_RATE_FMT),
                 alt.Tooltip("fpd_accounts:Q", title=_t("fpd_accounts", lang), format=",d"),
                 alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=",d")],
    ).properties(height=260)
    return _finish(chart, _t("fpd.title", lang, n=threshold), subtitle)


# --- regulatory and playbook --------------------------------------------------------------------

def _class_bars(data: pd.DataFrame, domain: list[str], colours: list[str], lang: str, unit: str,
                measure: str, category_title: str) -> alt.Chart:
    tooltip = [
        alt.Tooltip("label:N", title=category_title),
        *([alt.Tooltip("dpd_range:N", title=_t("dpd_range", lang))] if "dpd_range" in data.columns else []),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("count_share:Q", title=_t("count_share", lang), format=_RATE_FMT),
        alt.Tooltip("balance:Q", title=_amount_title("balance", unit, lang), format=",.2f"),
        alt.Tooltip("balance_share:Q", title=_t("balance_share", lang), format=_RATE_FMT),
    ]
    y = alt.Y("label:N", sort=domain, title=None)
    bars = alt.Chart(data).mark_bar().encode(
        y=y, x=alt.X("value:Q", title=_amount_title(measure, unit, lang), axis=alt.Axis(format=_amount_axis_fmt(measure))),
        color=alt.Color("label:N", scale=alt.Scale(domain=domain, range=colours), legend=None), tooltip=tooltip)
    text = alt.Chart(data).transform_filter(_SHOWN_SHARE).mark_text(align="left", dx=4, color="#3A4450").encode(
        y=y, x=alt.X("value:Q"), text=alt.Text("share:Q", format=".2%"), tooltip=tooltip)
    return alt.layer(bars, text, height=max(140, 36 * len(domain)))


def _class_frame(dist: pd.DataFrame, labels: list[str], unit: str, measure: str) -> pd.DataFrame:
    out = pd.DataFrame({
        "label": labels,
        "value": _scaled(dist[measure], measure, unit), "count": dist["count"].to_numpy(),
        "balance": _scaled(dist["balance"], "balance", unit),
        "count_share": dist["count_share"].to_numpy(), "balance_share": dist["balance_share"].to_numpy(),
        "share": dist[f"{measure}_share"].to_numpy(),
    })
    if "dpd_range" in dist.columns:  # the DPD-derived classes say their ranges; the file's have none
        out.insert(1, "dpd_range", dist["dpd_range"].to_numpy())
    return out


def chart_five_tier(dist: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """Five-tier class distribution (:func:`analysis.aging.regulatory.five_tier_distribution`)."""
    lang, unit, measure = view.lang, view.unit, view.measure
    month = view.month or ""
    labels = [five_tier_label(k, lang) for k in FIVE_TIER_KEYS]
    data = _class_frame(dist, labels, unit, measure)
    chart = _class_bars(data, labels, bucket_colours(list(FIVE_TIER_KEYS)), lang, unit, measure, _t("five_tier", lang))
    return _finish(chart, _t("five_tier.title", lang, month=month), subtitle)


def chart_file_classes(dist: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """The bank's own five-tier classification as the file gives it
    (:func:`analysis.aging.regulatory.file_class_distribution`); rows without a class last, in grey."""
    lang, unit, measure = view.lang, view.unit, view.measure
    labels = dist["label"].astype(str).tolist()
    colours = bucket_colours(list(FIVE_TIER_KEYS)) + ["#9AA5B1"]
    data = _class_frame(dist, labels, unit, measure)
    chart = _class_bars(data, labels, colours[: len(labels)], lang, unit, measure, _t("file_class", lang))
    return _finish(chart, _t("file_class.title", lang, month=view.month or ""), subtitle)


def chart_ifrs9(dist: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """IFRS 9 stage distribution (:func:`analysis.aging.regulatory.ifrs9_distribution`)."""
    lang, unit, measure = view.lang, view.unit, view.measure
    month = view.month or ""
    labels = [stage_label(s, lang) for s in dist["stage"]]
    data = _class_frame(dist, labels, unit, measure)
    chart = _class_bars(data, labels, ["#4C9F70", "#F2994A", "#B83232"], lang, unit, measure, _t("ifrs9", lang))
    return _finish(chart, _t("ifrs9.title", lang, month=month), subtitle)


def chart_npl_trend(trend: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None,
                    title: str | None = None) -> alt.Chart:
    """The non-performing ratio and the special-mention share per month
    (:func:`analysis.aging.regulatory.five_tier_trend`, or ``file_class_trend`` with its own ``title``)."""
    lang = view.lang
    npl, sm = _t("npl_ratio", lang), _t("sm_ratio", lang)
    data = pd.DataFrame({
        "month": np.concatenate([trend["month"].astype(str).to_numpy()] * 2),
        "series": [npl] * len(trend) + [sm] * len(trend),
        "rate": np.concatenate([trend["npl_ratio"].to_numpy(), trend["special_mention_ratio"].to_numpy()]),
    })
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:O", title=_t("month", lang), axis=month_axis()),
        y=alt.Y("rate:Q", title=_t("rate", lang), axis=rate_axis(data["rate"])),
        color=alt.Color("series:N", scale=alt.Scale(domain=[npl, sm], range=["#B83232", "#F2C94C"]), title=None),
        tooltip=[alt.Tooltip("month:O", title=_t("month", lang)), alt.Tooltip("series:N", title=_t("metric", lang)),
                 alt.Tooltip("rate:Q", title=_t("rate", lang), format=_RATE_FMT)],
    ).properties(height=260)
    return _finish(chart, title or _t("npl.title", lang), subtitle)


def chart_playbook_coverage(coverage: pd.DataFrame, view: View, *, subtitle: str | list[str] | None = None) -> alt.Chart:
    """The balance (or accounts) each collection action covers (:func:`analysis.aging.rates.stage_coverage`)."""
    lang, unit, measure = view.lang, view.unit, view.measure
    month = view.month or ""
    def rng(lo, hi):
        if pd.isna(lo):
            return "–"
        return f"{int(lo)}+" if pd.isna(hi) else (f"{int(lo)}" if hi == lo else f"{int(lo)}-{int(hi)}")

    labels = [f"{a} ({rng(lo, hi)})" for a, lo, hi in zip(coverage["action_label"], coverage["min_dpd"], coverage["max_dpd"])]
    data = pd.DataFrame({
        "label": labels, "value": _scaled(coverage[measure], measure, unit),
        "count": coverage["count"].to_numpy(), "balance": _scaled(coverage["balance"], "balance", unit),
        "share": coverage[f"{measure}_share"].to_numpy(), "order": np.arange(len(labels)),
    })
    ramp = bucket_colours([f"s{i}" for i in range(len(labels))])
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("label:N", sort=labels, title=None),
        x=alt.X("value:Q", title=_amount_title(measure, unit, lang), axis=alt.Axis(format=_amount_axis_fmt(measure))),
        color=alt.Color("label:N", scale=alt.Scale(domain=labels, range=ramp), legend=None),
        tooltip=[alt.Tooltip("label:N", title=_t("action", lang)),
                 alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
                 alt.Tooltip("balance:Q", title=_amount_title("balance", unit, lang), format=",.2f"),
                 alt.Tooltip("share:Q", title=_t("share_of", lang, measure=_t(f"measure.{measure}", lang)), format=_RATE_FMT)],
    )
    text = alt.Chart(data).transform_filter(_SHOWN_SHARE).mark_text(align="left", dx=4, color="#3A4450").encode(
        y=alt.Y("label:N", sort=labels), x=alt.X("value:Q"), text=alt.Text("share:Q", format=".1%"))
    chart = alt.layer(chart, text, height=max(140, 32 * len(labels)))
    return _finish(chart, _t("playbook.title", lang, month=month), subtitle)


__all__ = [
    "chart_distribution", "chart_distribution_by_segment", "chart_bucket_mix", "chart_rate_lines",
    "chart_lagged", "chart_roll_heatmap", "chart_flow_chain", "chart_cure_rates", "chart_entry_rates",
    "chart_vintage_curves", "chart_vintage_heatmap", "vintage_note", "chart_fpd", "chart_five_tier", "chart_ifrs9",
    "chart_npl_trend", "chart_playbook_coverage",
]
