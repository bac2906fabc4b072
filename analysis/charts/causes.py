"""Chart builders of the causes page: aggregated frames in, ``alt.Chart`` out.

Each builder has the house shape ``chart_x(data, view, *, subtitle=None, ...)``: what an
:mod:`analysis.causes.dictionary`, :mod:`analysis.causes.drivers`, :mod:`analysis.causes.stability`
or :mod:`analysis.causes.decomposition` function returned, the :class:`~analysis.core.view.View`
(language, unit, measure, buckets, month) and the definitions line (口径) for the subtitle. Months
stay ``YYYY-MM`` strings on ordinal axes, amounts are scaled to the chosen unit (named in the axis
title), rates are percentages and rate changes are shown in percentage points.
"""
from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts.theme import (ACCENT, AXIS_LABEL_LIMIT, LEVEL_COLOURS, NEUTRAL, bucket_colours, house_config,
                                   month_axis, pick_on, rate_axis, rate_legend, titled)
from analysis.core.i18n import translate
from analysis.core.units import UNITS, unit_label
from analysis.core.vocabulary import CAUSE_KEYS, cause_label
from analysis.core.view import View

#: One muted colour per cause; wilful default is the one alarming red, "not stated" the palest grey.
CAUSE_COLOURS = {
    "income_loss": "#4E79A7",
    "business_difficulty": "#76B7B2",
    "illness_accident": "#B07AA1",
    "forgot": "#8CB369",
    "over_indebted": "#C9A66B",
    "dispute": "#9C755F",
    "wilful_default": "#B83232",
    "force_majeure": "#5F8FA0",
    "other": "#A8A8A8",
    "unknown": "#D9D9D9",
}
_RATE_FMT = ".2%"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"causes.chart.{key}", lang, **params)


def _cause_scale(keys: list[str], lang: str) -> alt.Scale:
    return alt.Scale(domain=[cause_label(k, lang) for k in keys], range=[CAUSE_COLOURS.get(k, NEUTRAL) for k in keys])


def _amount_title(measure: str, unit: str, lang: str) -> str:
    return _t("accounts", lang) if measure == "count" else _t("balance_unit", lang, unit=unit_label(unit, lang))


def _finish(chart: alt.Chart, title: str, subtitle: str | list[str] | None) -> alt.Chart:
    return house_config(titled(chart, title, subtitle))


def _js(text: str) -> str:
    """A string literal for a Vega expression."""
    return json.dumps(str(text), ensure_ascii=False)


def _level(level: str, lang: str) -> str:
    if level in ("(other)", "missing"):
        return translate("causes.level.other" if level == "(other)" else "causes.level.missing", lang)
    return str(level)


def _cause_order(frame: pd.DataFrame) -> list[str]:
    present = set(map(str, frame["cause"]))
    return [k for k in CAUSE_KEYS if k in present]


# --- reasons ------------------------------------------------------------------------------

def chart_cause_pareto(pareto: pd.DataFrame, view: View, *, subtitle: str | None = None) -> alt.Chart:
    """Bars of each cause by the view's measure (largest first) and the cumulative share as a line.

    Parameters
    ----------
    pareto : DataFrame
        :func:`analysis.causes.dictionary.cause_pareto` ranked by the view's measure.
    view : View
        Language, unit, measure and month (in the title).
    subtitle : str, optional
        The definitions line (口径).
    """
    lang, unit, measure, month = view.lang, view.unit, view.measure, view.month or ""
    data = pd.DataFrame({
        "cause": [cause_label(c, lang) for c in pareto["cause"]],
        "key": pareto["cause"].astype(str).to_numpy(),
        "value": pareto[measure].to_numpy(np.float64) / (1.0 if measure == "count" else UNITS[unit]),
        "count": pareto["count"].to_numpy(),
        "balance": pareto["balance"].to_numpy(np.float64) / UNITS[unit],
        "count_share": pareto["count_share"].to_numpy(),
        "balance_share": pareto["balance_share"].to_numpy(),
        "cumulative": pareto["cumulative_share"].to_numpy(),
    })
    order = data["cause"].tolist()
    tooltip = [
        alt.Tooltip("cause:N", title=_t("cause", lang)),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("count_share:Q", title=_t("count_share", lang), format=_RATE_FMT),
        alt.Tooltip("balance:Q", title=_t("balance_unit", lang, unit=unit_label(unit, lang)), format=",.2f"),
        alt.Tooltip("balance_share:Q", title=_t("balance_share", lang), format=_RATE_FMT),
        alt.Tooltip("cumulative:Q", title=_t("cumulative", lang), format=_RATE_FMT),
    ]
    x = alt.X("cause:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=AXIS_LABEL_LIMIT))
    bars = alt.Chart(data).mark_bar().encode(
        x=x, y=alt.Y("value:Q", title=_amount_title(measure, unit, lang),
                     axis=alt.Axis(format=",.0f" if measure == "count" else ",.2~f")),
        color=alt.Color("cause:N", scale=_cause_scale(data["key"].tolist(), lang), legend=None),
        tooltip=tooltip,
    )
    line = alt.Chart(data).mark_line(point=True, color=NEUTRAL).encode(
        x=x, y=alt.Y("cumulative:Q", title=_t("cumulative", lang), scale=alt.Scale(domain=[0, 1]),
                     axis=rate_axis([0.0, 1.0])),
        tooltip=tooltip,
    )
    rule = alt.Chart(pd.DataFrame({"y": [0.8]})).mark_rule(strokeDash=[4, 4], color=NEUTRAL).encode(y=alt.Y("y:Q"))
    chart = alt.layer(bars, alt.layer(line, rule), resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="independent")),
                      height=340)
    title_key = "pareto.title_count" if measure == "count" else "pareto.title_balance"
    return _finish(chart, _t(title_key, lang, month=month), subtitle)


def chart_cause_by_bucket(table: pd.DataFrame, view: View, *, subtitle: str | None = None,
                          pick: bool = False) -> alt.Chart:
    """Heatmap: rows causes, columns buckets, cell = the cause's share of the bucket.

    Parameters
    ----------
    table : DataFrame
        :func:`analysis.causes.dictionary.cause_breakdown` with ``by="bucket"``.
    view : View
        Language, unit, measure, bucket scheme and month.
    subtitle : str, optional
        The definitions line (口径).
    pick : bool
        Clicking a cell selects its cause and bucket (``cause_key``, ``bucket_key``) for drill-through.
    """
    lang, unit, measure, month, buckets = view.lang, view.unit, view.measure, view.month or "", view.buckets
    keys = [k for k in buckets.keys if k in set(map(str, table["bucket"]))]
    causes = _cause_order(table.query("count > 0")) or _cause_order(table)
    rows = table[table["cause"].astype(str).isin(causes) & table["bucket"].astype(str).isin(keys)]
    data = pd.DataFrame({
        "bucket_key": rows["bucket"].astype(str).to_numpy(),
        "cause_key": rows["cause"].astype(str).to_numpy(),
        "bucket": [buckets.label_of(str(b), lang) for b in rows["bucket"]],
        "cause": [cause_label(str(c), lang) for c in rows["cause"]],
        "share": rows[f"{measure}_share"].to_numpy(),
        "count": rows["count"].to_numpy(),
        "balance": rows["balance"].to_numpy(np.float64) / UNITS[unit],
    })
    bucket_order = [buckets.label_of(k, lang) for k in keys]
    cause_order = [cause_label(c, lang) for c in causes]
    tooltip = [
        alt.Tooltip("cause:N", title=_t("cause", lang)),
        alt.Tooltip("bucket:N", title=_t("bucket", lang)),
        alt.Tooltip("share:Q", title=_t("share_in_bucket", lang), format=_RATE_FMT),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("balance:Q", title=_t("balance_unit", lang, unit=unit_label(unit, lang)), format=",.2f"),
    ]
    # Bucket labels in the bucket colours tie the columns to every other chart of the app.
    # Colours come from the full bucket list (Current has no overdue rows but keeps its colour slot).
    full = dict(zip(buckets.keys, bucket_colours(list(buckets.keys))))
    colour_of = {buckets.label_of(k, lang): full[k] for k in keys}
    label_colour = " : ".join(f"datum.label == {_js(b)} ? '{c}'" for b, c in colour_of.items()) + " : '#3A4450'"
    base = alt.Chart(data).encode(
        x=alt.X("bucket:N", sort=bucket_order, title=_t("bucket", lang),
                axis=alt.Axis(labelAngle=0, orient="top", labelFontWeight="bold", labelColor=alt.ExprRef(label_colour),
                              labelLimit=120)),
        y=alt.Y("cause:N", sort=cause_order, title=None),
    )
    rect = base.mark_rect().encode(
        color=alt.Color("share:Q", title=_t("share_in_bucket", lang), scale=alt.Scale(scheme="oranges", domain=[0, 1]),
                        legend=rate_legend([0.0, 1.0])),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.ColorValue("#3A4450", condition={"test": "datum.share > 0.5", "value": "white"}),
        tooltip=tooltip,
    )
    if pick:
        rect, text = pick_on([rect, text], ["cause_key", "bucket_key"])
    # A fixed column step keeps the (long, Chinese) bucket labels readable in the PNG/SVG export.
    heat = alt.layer(rect, text, height=max(180, 30 * len(cause_order)), width=alt.Step(88))
    return _finish(heat, _t("by_bucket.title", lang, month=month), subtitle)


def chart_cause_by_segment(table: pd.DataFrame, view: View, *, by: str, by_label: str | None = None,
                           subtitle: str | None = None) -> alt.Chart:
    """100 % stacked bars: the cause mix of each segment.

    Parameters
    ----------
    table : DataFrame
        :func:`analysis.causes.dictionary.cause_breakdown` with ``by`` a segment column.
    view : View
        Language, unit, measure and month.
    by : str
        The segment column; ``by_label`` its name for the reader.
    subtitle : str, optional
        The definitions line (口径).
    """
    lang, unit, measure, month = view.lang, view.unit, view.measure, view.month or ""
    rows = table[table["count"] > 0]
    causes = _cause_order(rows)
    data = pd.DataFrame({
        "segment": rows[by].astype(str).to_numpy(),
        "cause": [cause_label(str(c), lang) for c in rows["cause"]],
        "order": [CAUSE_KEYS.index(str(c)) for c in rows["cause"]],
        "share": rows[f"{measure}_share"].to_numpy(),
        "count": rows["count"].to_numpy(),
        "balance": rows["balance"].to_numpy(np.float64) / UNITS[unit],
    })
    seg_order = (rows.groupby(rows[by].astype(str), observed=True)[measure].sum().sort_values(ascending=False)
                 .index.tolist())
    tooltip = [
        alt.Tooltip("segment:N", title=by_label or by),
        alt.Tooltip("cause:N", title=_t("cause", lang)),
        alt.Tooltip("share:Q", title=_t("share_in_segment", lang), format=_RATE_FMT),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("balance:Q", title=_t("balance_unit", lang, unit=unit_label(unit, lang)), format=",.2f"),
    ]
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("segment:N", sort=seg_order, title=by_label or by),
        x=alt.X("share:Q", stack="normalize", title=_t("share_in_segment", lang), axis=rate_axis([0.0, 1.0])),
        color=alt.Color("cause:N", title=_t("cause", lang), scale=_cause_scale(causes, lang)),
        order=alt.Order("order:Q"),
        tooltip=tooltip,
    ).properties(height=max(160, 28 * len(seg_order)))
    return _finish(chart, _t("by_segment.title", lang, segment=by_label or by, month=month), subtitle)


def chart_cause_trend(trend: pd.DataFrame, view: View, *, subtitle: str | None = None) -> alt.Chart:
    """Stacked bars per month: each cause's share of that month's overdue book.

    Parameters
    ----------
    trend : DataFrame
        :func:`analysis.causes.dictionary.cause_trend`.
    view : View
        Language, unit and measure.
    subtitle : str, optional
        The definitions line (口径).
    """
    lang, unit, measure = view.lang, view.unit, view.measure
    rows = trend[trend["count"] > 0]
    causes = _cause_order(rows)
    data = pd.DataFrame({
        "month": rows["month"].astype(str).to_numpy(),
        "cause": [cause_label(str(c), lang) for c in rows["cause"]],
        "order": [CAUSE_KEYS.index(str(c)) for c in rows["cause"]],
        "share": rows[f"{measure}_share"].to_numpy(),
        "count": rows["count"].to_numpy(),
        "balance": rows["balance"].to_numpy(np.float64) / UNITS[unit],
    })
    tooltip = [
        alt.Tooltip("month:O", title=_t("month", lang)),
        alt.Tooltip("cause:N", title=_t("cause", lang)),
        alt.Tooltip("share:Q", title=_t("share_in_month", lang), format=_RATE_FMT),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("balance:Q", title=_t("balance_unit", lang, unit=unit_label(unit, lang)), format=",.2f"),
    ]
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("month:O", title=_t("month", lang), axis=month_axis()),
        y=alt.Y("share:Q", stack="normalize", title=_t("share_in_month", lang), axis=rate_axis([0.0, 1.0])),
        color=alt.Color("cause:N", title=_t("cause", lang), scale=_cause_scale(causes, lang)),
        order=alt.Order("order:Q"),
        tooltip=tooltip,
    ).properties(height=320)
    return _finish(chart, _t("trend.title", lang), subtitle)


def chart_cause_classes(table: pd.DataFrame, view: View, *, dimension: str, subtitle: str | None = None) -> alt.Chart:
    """Bars of the overdue book by class (willingness, hardship or term).

    Parameters
    ----------
    table : DataFrame
        :func:`analysis.causes.dictionary.class_summary`: ``class`` (key), ``count``, ``balance``,
        ``count_share``, ``balance_share``.
    view : View
        Language, unit, measure and month.
    dimension : {"willingness", "hardship", "term"}
    subtitle : str, optional
        The definitions line (口径).
    """
    lang, unit, measure, month = view.lang, view.unit, view.measure, view.month or ""
    data = pd.DataFrame({
        "label": [translate(f"causes.{dimension}.{k}", lang) for k in table["class"]],
        "value": table[measure].to_numpy(np.float64) / (1.0 if measure == "count" else UNITS[unit]),
        "count": table["count"].to_numpy(),
        "balance": table["balance"].to_numpy(np.float64) / UNITS[unit],
        "share": table[f"{measure}_share"].to_numpy(),
    })
    colours = {"unwilling": LEVEL_COLOURS["red"], "lasting": LEVEL_COLOURS["orange"], "long": LEVEL_COLOURS["red"],
               "medium": LEVEL_COLOURS["orange"]}
    data["colour"] = [colours.get(str(k), ACCENT if str(k) not in ("unclear", "none") else NEUTRAL)
                      for k in table["class"]]
    tooltip = [
        alt.Tooltip("label:N", title=translate(f"causes.class.{dimension}", lang)),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("balance:Q", title=_t("balance_unit", lang, unit=unit_label(unit, lang)), format=",.2f"),
        alt.Tooltip("share:Q", title=_t("share", lang), format=_RATE_FMT),
    ]
    y = alt.Y("label:N", sort=data["label"].tolist(), title=None)
    bars = alt.Chart(data).mark_bar().encode(
        y=y, x=alt.X("value:Q", title=_amount_title(measure, unit, lang),
                     axis=alt.Axis(format=",.0f" if measure == "count" else ",.2~f")),
        color=alt.Color("colour:N", scale=None), tooltip=tooltip,
    )
    text = alt.Chart(data).mark_text(align="left", dx=4, color="#3A4450").encode(
        y=y, x=alt.X("value:Q"), text=alt.Text("share:Q", format=".1%"), tooltip=tooltip)
    chart = alt.layer(bars, text, height=max(120, 40 * len(data)))
    dimension_name = translate(f"causes.class.{dimension}", lang)
    return _finish(chart, _t("classes.title", lang, dimension=dimension_name, month=month), subtitle)


# --- drivers ------------------------------------------------------------------------------

def chart_segment_rates(rates: pd.DataFrame, view: View, *, by_label: str, threshold_days: int = 30,
                        subtitle: str | None = None) -> alt.Chart:
    """Each segment's bad rate as a bar, the book's rate as a rule; colour = significance.

    Parameters
    ----------
    rates : DataFrame
        :func:`analysis.causes.drivers.segment_rates`.
    view : View
        Language and month.
    by_label : str
        The segment column's name for the reader.
    threshold_days : int
        "Bad" means more than this many days past due (in the titles).
    subtitle : str, optional
        The definitions line (口径).
    """
    lang, month = view.lang, view.month or ""
    palette = {"higher": LEVEL_COLOURS["red"], "lower": "#4C9F70", "similar": "#B8C2CC"}
    data = pd.DataFrame({
        "segment": rates["segment"].astype(str).to_numpy(),
        "rate": rates["rate"].to_numpy(),
        "count": rates["count"].to_numpy(),
        "bad": rates["bad"].to_numpy(),
        "diff_pp": rates["diff"].to_numpy() * 100,
        "p": rates["p_adjusted"].to_numpy(),
        "direction": [translate(f"causes.direction.{d}", lang) for d in rates["direction"]],
        "key": rates["direction"].astype(str).to_numpy(),
    })
    keys = [k for k in ("higher", "similar", "lower")]
    tooltip = [
        alt.Tooltip("segment:N", title=by_label),
        alt.Tooltip("rate:Q", title=_t("bad_rate", lang, days=threshold_days), format=_RATE_FMT),
        alt.Tooltip("diff_pp:Q", title=_t("vs_book_pp", lang), format="+.2f"),
        alt.Tooltip("count:Q", title=_t("accounts", lang), format=",d"),
        alt.Tooltip("bad:Q", title=_t("bad_accounts", lang, days=threshold_days), format=",d"),
        alt.Tooltip("p:Q", title=_t("p_adjusted", lang), format=".4f"),
        alt.Tooltip("direction:N", title=_t("significance", lang)),
    ]
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("segment:N", sort=data["segment"].tolist(), title=by_label),
        x=alt.X("rate:Q", title=_t("bad_rate", lang, days=threshold_days), axis=rate_axis(data["rate"])),
        color=alt.Color("direction:N", title=_t("significance", lang),
                        scale=alt.Scale(domain=[translate(f"causes.direction.{k}", lang) for k in keys],
                                        range=[palette[k] for k in keys])),
        tooltip=tooltip,
    )
    book = float(rates["book_rate"].iloc[0]) if len(rates) else 0.0
    rule = alt.Chart(pd.DataFrame({"x": [book], "label": [_t("book_rate", lang)]})).mark_rule(
        color="#3A4450", strokeDash=[4, 3]).encode(
        x=alt.X("x:Q"), tooltip=[alt.Tooltip("x:Q", title=_t("book_rate", lang), format=_RATE_FMT)])
    chart = alt.layer(bars, rule, height=max(160, 26 * len(data)))
    return _finish(chart, _t("segment_rates.title", lang, segment=by_label, days=threshold_days, month=month), subtitle)


def chart_iv_ranking(iv: pd.DataFrame, view: View, *, names: dict[str, str] | None = None,
                     subtitle: str | None = None) -> alt.Chart:
    """Horizontal bars of information value per attribute, coloured by strength band.

    Parameters
    ----------
    iv : DataFrame
        :func:`analysis.causes.drivers.information_value`.
    view : View
        Language and month.
    names : dict, optional
        Attribute column → its name for the reader.
    subtitle : str, optional
        The definitions line (口径).
    """
    lang, month, names = view.lang, view.month or "", names or {}
    strength_keys = ["suspicious", "strong", "medium", "weak", "useless"]
    colours = ["#6B1D1D", "#B83232", "#EB5757", "#F2C94C", "#B8C2CC"]
    data = pd.DataFrame({
        "attribute": [names.get(a, a) for a in iv["attribute"]],
        "iv": iv["iv"].to_numpy(),
        "strength": [translate(f"causes.iv.{s}", lang) for s in iv["strength"]],
        "riskiest": iv["riskiest_bin"].astype(str).to_numpy(),
        "riskiest_rate": iv["riskiest_rate"].to_numpy(),
    })
    tooltip = [
        alt.Tooltip("attribute:N", title=_t("attribute", lang)),
        alt.Tooltip("iv:Q", title="IV", format=".3f"),
        alt.Tooltip("strength:N", title=_t("strength", lang)),
        alt.Tooltip("riskiest:N", title=_t("riskiest_bin", lang)),
        alt.Tooltip("riskiest_rate:Q", title=_t("riskiest_rate", lang), format=_RATE_FMT),
    ]
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("attribute:N", sort=data["attribute"].tolist(), title=None),
        x=alt.X("iv:Q", title=_t("iv_axis", lang)),
        color=alt.Color("strength:N", title=_t("strength", lang),
                        scale=alt.Scale(domain=[translate(f"causes.iv.{s}", lang) for s in strength_keys],
                                        range=colours)),
        tooltip=tooltip,
    )
    rules = alt.Chart(pd.DataFrame({"x": [0.02, 0.1, 0.3]})).mark_rule(color=NEUTRAL, strokeDash=[2, 3]).encode(
        x=alt.X("x:Q"))
    chart = alt.layer(bars, rules, height=max(140, 28 * len(data)))
    return _finish(chart, _t("iv.title", lang, month=month), subtitle)


def chart_driver_odds_ratios(table: pd.DataFrame, view: View, *, names: dict[str, str] | None = None,
                             threshold_days: int = 30, subtitle: str | None = None) -> alt.Chart:
    """Forest plot of the delinquency drivers: odds ratio and 95 % CI per attribute level, log scale,
    a rule at 1 (the warning model's features: :func:`analysis.charts.warnings.chart_warning_odds_ratios`).

    Parameters
    ----------
    table : DataFrame
        ``LogitResult.table`` from :func:`analysis.causes.drivers.logistic_drivers`.
    view : View
        Language.
    names : dict, optional
        Attribute column → its name for the reader.
    threshold_days : int
        "Bad" means more than this many days past due (in the axis title).
    subtitle : str, optional
        The definitions line (口径).
    """
    lang, names = view.lang, names or {}
    labels = []
    for row in table.itertuples(index=False):
        name = names.get(row.attribute, row.attribute)
        if row.level:
            labels.append(_t("or_level", lang, name=name, level=_level(row.level, lang),
                             reference=_level(row.reference, lang)))
        else:
            step = f"{row.step:,.0f}" if row.step >= 1 else f"{row.step:g}"
            labels.append(_t("or_step", lang, name=name, step=step))
    verdict = np.where(table["ci_low"] > 1, "up", np.where(table["ci_high"] < 1, "down", "none"))
    data = pd.DataFrame({
        "label": labels, "or": table["odds_ratio"].to_numpy(), "lo": table["ci_low"].to_numpy(),
        "hi": table["ci_high"].to_numpy(), "p": table["p_value"].to_numpy(),
        "verdict": [_t(f"or_{v}", lang) for v in verdict],
    })
    domain = [_t("or_up", lang), _t("or_none", lang), _t("or_down", lang)]
    tooltip = [
        alt.Tooltip("label:N", title=_t("attribute", lang)),
        alt.Tooltip("or:Q", title=_t("odds_ratio", lang), format=".3f"),
        alt.Tooltip("lo:Q", title=_t("ci_low", lang), format=".3f"),
        alt.Tooltip("hi:Q", title=_t("ci_high", lang), format=".3f"),
        alt.Tooltip("p:Q", title="p", format=".4f"),
    ]
    lo = float(np.nanmin(np.r_[data["lo"].to_numpy(), 0.9])) if len(data) else 0.5
    hi = float(np.nanmax(np.r_[data["hi"].to_numpy(), 1.1])) if len(data) else 2.0
    scale = alt.Scale(type="log", domain=[max(lo * 0.9, 1e-3), min(hi * 1.1, 1e3)], clamp=True)
    y = alt.Y("label:N", sort=data["label"].tolist(), title=None, axis=alt.Axis(labelLimit=AXIS_LABEL_LIMIT + 120))
    colour = alt.Color("verdict:N", title=None, scale=alt.Scale(domain=domain,
                                                                range=[LEVEL_COLOURS["red"], "#8A96A3", "#4C9F70"]))
    whiskers = alt.Chart(data).mark_rule(strokeWidth=2).encode(
        y=y, x=alt.X("lo:Q", scale=scale, title=_t("or_axis", lang, days=threshold_days)), x2=alt.X2("hi:Q"),
        color=colour, tooltip=tooltip)
    points = alt.Chart(data).mark_point(filled=True, size=70).encode(y=y, x=alt.X("or:Q", scale=scale), color=colour,
                                                                      tooltip=tooltip)
    one = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(color="#3A4450", strokeDash=[4, 3]).encode(x=alt.X("x:Q"))
    chart = alt.layer(whiskers, points, height=max(140, 26 * len(data)))
    chart += one  # in place, as whiskers + points + one layered (data shared by the first two stays on top)
    return _finish(chart, _t("or.title", lang, days=threshold_days), subtitle)


# --- stability and change -------------------------------------------------------------------

def chart_psi_trend(trend: pd.DataFrame, view: View, *, column_label: str, subtitle: str | None = None) -> alt.Chart:
    """PSI per month as a line, with the 0.1 and 0.25 thresholds and points coloured by verdict.

    Parameters
    ----------
    trend : DataFrame
        :func:`analysis.causes.stability.psi_trend`.
    view : View
        Language.
    column_label : str
        The banded column's name for the reader (in the title).
    subtitle : str, optional
        The definitions line (口径).
    """
    lang = view.lang
    keys = ["stable", "watch", "shifted"]
    data = pd.DataFrame({
        "month": trend["month"].astype(str).to_numpy(),
        "reference": trend["reference_month"].astype(str).to_numpy(),
        "psi": trend["psi"].to_numpy(),
        "verdict": [translate(f"causes.psi.{v}", lang) if v in keys else "–" for v in trend["verdict"]],
    })
    tooltip = [
        alt.Tooltip("month:O", title=_t("month", lang)),
        alt.Tooltip("reference:O", title=_t("reference_month", lang)),
        alt.Tooltip("psi:Q", title="PSI", format=".4f"),
        alt.Tooltip("verdict:N", title=_t("verdict", lang)),
    ]
    x = alt.X("month:O", title=_t("month", lang), axis=month_axis())
    line = alt.Chart(data).mark_line(color=ACCENT).encode(x=x, y=alt.Y("psi:Q", title="PSI"), tooltip=tooltip)
    points = alt.Chart(data).mark_point(filled=True, size=60).encode(
        x=x, y=alt.Y("psi:Q"), tooltip=tooltip,
        color=alt.Color("verdict:N", title=_t("verdict", lang),
                        scale=alt.Scale(domain=[translate(f"causes.psi.{k}", lang) for k in keys],
                                        range=["#4C9F70", LEVEL_COLOURS["orange"], LEVEL_COLOURS["red"]])))
    rules = alt.Chart(pd.DataFrame({"y": [0.1, 0.25], "label": [_t("psi_watch", lang), _t("psi_shift", lang)]}))
    rule = rules.mark_rule(strokeDash=[4, 4], color=NEUTRAL).encode(y=alt.Y("y:Q"))
    text = rules.mark_text(align="left", dx=2, dy=-6, color=NEUTRAL, fontSize=10).encode(
        y=alt.Y("y:Q"), text=alt.Text("label:N"), x=alt.XValue(0))
    chart = alt.layer(line, points, height=300)
    chart += rule  # in place, as line + points + rule + text layered (the first two's data stays on top)
    chart += text
    return _finish(chart, _t("psi.title", lang, column=column_label), subtitle)


def chart_rate_waterfall(steps: pd.DataFrame, view: View, *, metric_label: str, month_from: str, month_to: str,
                         subtitle: str | None = None) -> alt.Chart:
    """Waterfall from the first month's rate to the second's, one mix and one rate step per segment.

    Parameters
    ----------
    steps : DataFrame
        :func:`analysis.causes.decomposition.waterfall_table`.
    view : View
        Language.
    metric_label : str
        The rate's name (axis and title); ``month_from`` and ``month_to`` the two months compared.
    subtitle : str, optional
        The definitions line (口径).
    """
    lang = view.lang
    kinds = steps["kind"].astype(str).to_numpy()
    value = steps["value"].to_numpy(np.float64)
    colour_key = np.where(np.isin(kinds, ["start", "end"]), "level", np.where(value >= 0, "up", "down"))
    data = pd.DataFrame({
        "order": steps["order"].to_numpy(),
        "step": steps["step"].astype(str).to_numpy(),
        "begin": steps["begin"].to_numpy(np.float64),
        "finish": steps["finish"].to_numpy(np.float64),
        "value_pp": np.where(np.isin(kinds, ["start", "end"]), np.nan, value * 100),
        "level": steps["finish"].to_numpy(np.float64),
        "kind": [_t(f"wf_{k}", lang) for k in kinds],
        "colour": [_t(f"wf_colour_{c}", lang) for c in colour_key],
    })
    colours = [_t(f"wf_colour_{c}", lang) for c in ("level", "up", "down")]
    tooltip = [
        alt.Tooltip("step:N", title=_t("step", lang)),
        alt.Tooltip("kind:N", title=_t("effect", lang)),
        alt.Tooltip("value_pp:Q", title=_t("change_pp", lang), format="+.3f"),
        alt.Tooltip("level:Q", title=_t("rate_after", lang), format=".3%"),
    ]
    # The steps are a few basis points on a rate of a few percent: zoom the axis on them (the
    # start and end bars are cut at the bottom, as in any rate waterfall), with some headroom.
    moving = data[~np.isin(kinds, ["start", "end"])]
    levels = np.r_[moving["begin"].to_numpy(), moving["finish"].to_numpy(), data["finish"].to_numpy()]
    lo, hi = float(np.nanmin(levels)), float(np.nanmax(levels))
    pad = max((hi - lo) * 0.25, 1e-4)
    levels_shown = [max(lo - pad, 0.0), hi + pad]
    scale = alt.Scale(domain=levels_shown, zero=False, clamp=True)
    x = alt.X("step:N", sort=data["step"].tolist(), title=None, axis=alt.Axis(labelAngle=-40, labelLimit=180))
    bars = alt.Chart(data).mark_bar(size=22, clip=True).encode(
        x=x, y=alt.Y("begin:Q", title=metric_label, axis=rate_axis(levels_shown, zero=False), scale=scale),
        y2=alt.Y2("finish:Q"),
        color=alt.Color("colour:N", title=None, scale=alt.Scale(domain=colours,
                                                               range=[ACCENT, LEVEL_COLOURS["red"], "#4C9F70"])),
        tooltip=tooltip,
    )
    chart = bars.properties(height=360)
    return _finish(chart, _t("waterfall.title", lang, metric=metric_label, start=month_from, end=month_to), subtitle)
