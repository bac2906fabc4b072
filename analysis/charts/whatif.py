"""Chart builders of the what-if page: the waterfall of a change, scenarios side by side, and
the sensitivity curve.

Every builder has the house shape ``chart_x(data, view, *, subtitle=None, ...)``: a small
aggregated frame from :mod:`analysis.whatif.policy` (amounts in 元), the reader's
:class:`~analysis.core.view.View` (language and unit) and the definitions line (口径). Amounts are
scaled to the view's unit, named in the axis title; tooltips carry the exact figures.
"""
from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts.theme import ACCENT, NEUTRAL, house_config, labelled_rate_format, titled
from analysis.core.i18n import translate
from analysis.core.tables import amount_places, cell_text
from analysis.core.view import View

#: Good news green, bad news red: a fall in risk is good, a fall in revenue is not.
GOOD = "#4C9F70"
BAD = "#D64545"
METRICS = ("expected_loss", "ead", "revenue", "limit")


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"whatif.chart.{key}", lang, **params)


def _amount_title(metric: str, view: View) -> str:
    return _t("amount_axis", view.lang, metric=_t(f"metric.{metric}", view.lang), unit=view.unit_label)


def _finish(chart, title: str, subtitle: str | list[str] | None):
    return house_config(titled(chart, title, _wrap(subtitle)))


def _wrap(subtitle: str | list[str] | None, width: int = 96) -> str | list[str] | None:
    """Break a long definitions line at its separators so no part is cut off at the chart's edge.

    Examples
    --------
    >>> _wrap("a；b", width=2)
    ['a；', 'b']
    """
    if not subtitle or not isinstance(subtitle, str) or len(subtitle) <= width:
        return subtitle
    parts = [p for p in subtitle.replace("；", "；\n").replace("; ", ";\n").split("\n") if p]
    lines, line = [], ""
    for part in parts:
        if line and len(line) + len(part) > width:
            lines.append(line.rstrip())
            line = ""
        line += part if line == "" or line.endswith("；") else " " + part
    if line:
        lines.append(line.rstrip())
    return lines


def _tick_places(span: float, ticks: int = 5) -> int:
    """Decimals that keep ``ticks`` axis labels over ``span`` distinct (0 for spans of whole units).

    Examples
    --------
    >>> _tick_places(0.03), _tick_places(5_000_000.0), _tick_places(12.0)
    (3, 0, 0)
    """
    step = span / ticks
    return 0 if step <= 0 or step >= 1 else min(6, math.ceil(-math.log10(step)))


def chart_waterfall(by_rule: pd.DataFrame, view: View, *, before: float, metric: str,
                    subtitle: str | None = None, scenario: str = "") -> alt.Chart:
    """Bridge from the book today to the book after the policy, one step per rule.

    Parameters
    ----------
    by_rule : DataFrame
        :func:`analysis.whatif.policy.change_by_rule` (``name`` and ``<metric>_delta`` columns).
    view : View
        Language and amount unit.
    before : float
        The metric's total today (元).
    metric : {"expected_loss", "ead", "revenue", "limit"}
    subtitle : str, optional
        The definitions line.
    scenario : str
        The scenario's name, appended to the title.

    Examples
    --------
    >>> rules = pd.DataFrame({"name": ["r1"], "expected_loss_delta": [-50.0]})
    >>> view = View(lang="en", unit="yuan")
    >>> chart_waterfall(rules, view, before=1000.0, metric="expected_loss").to_dict()["title"]["text"]
    'Expected loss: today → after the policy'
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}")
    lang = view.lang
    deltas = by_rule[f"{metric}_delta"].to_numpy(dtype=np.float64)
    names = [str(n) for n in by_rule["name"]]
    steps = [(_t("today", lang), 0.0, before, "total", before)]
    level = before
    for name, d in zip(names, deltas):
        steps.append((name, level, level + d, "up" if d > 0 else ("down" if d < 0 else "flat"), d))
        level += d
    steps.append((_t("after", lang), 0.0, level, "total", level))
    data = pd.DataFrame(steps, columns=["step", "start", "end", "kind", "amount"])
    data["order"] = np.arange(len(data))
    for col in ("start", "end", "amount"):
        data[col] = view.scale(data[col])
    # A bridge is read for its steps: zoom the axis onto the levels it passes through, so a
    # 5 % change is not a sliver on a bar that starts at 0. Totals rise from the axis floor.
    levels = data.loc[data["kind"] != "total", ["start", "end"]].to_numpy().ravel().tolist()
    levels += data.loc[data["kind"] == "total", "end"].tolist()
    lo, hi = min(levels), max(levels)
    pad = max((hi - lo) * 0.6, abs(hi) * 0.02, 1e-9)
    floor = max(lo - pad, 0.0) if lo >= 0 else lo - pad
    data.loc[data["kind"] == "total", "start"] = floor
    # Decimals from the figures, not fixed at 2: in 亿元 a step of 0.0123 would read "0.01" and the
    # axis would repeat one tick (0.34 0.34 0.35).
    places = amount_places(data["amount"])
    axis_format = f",.{_tick_places(hi + pad * 0.35 - floor)}f"
    data["label"] = [cell_text(a, "amount" if k == "total" else "signed_amount", lang, places)
                     for a, k in zip(data["amount"], data["kind"])]
    data["kind_label"] = [_t(f"kind.{k}", lang) for k in data["kind"]]
    good_when_down = metric != "revenue"
    colours = {"total": ACCENT, "flat": NEUTRAL, "down": GOOD if good_when_down else BAD,
               "up": BAD if good_when_down else GOOD}
    kinds = ["total", "down", "up", "flat"]
    colour = alt.Color("kind_label:N", title=None,
                       scale=alt.Scale(domain=[_t(f"kind.{k}", lang) for k in kinds], range=[colours[k] for k in kinds]))
    y_title = _amount_title(metric, view)
    base = alt.Chart(data).encode(
        x=alt.X("step:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
    )
    bars = base.mark_bar(size=38, clip=True).encode(
        y=alt.Y("start:Q", title=y_title, axis=alt.Axis(format=axis_format),
                scale=alt.Scale(zero=False, domain=[floor, hi + pad * 0.35], nice=False)),
        y2=alt.Y2("end:Q"),
        color=colour,
        tooltip=[alt.Tooltip("step:N", title=_t("step", lang)),
                 alt.Tooltip("amount:Q", title=_t("amount_tip", lang, unit=view.unit_label), format=f",.{places}f"),
                 alt.Tooltip("end:Q", title=_t("running_total", lang, unit=view.unit_label), format=f",.{places}f")],
    )
    labels = base.mark_text(dy=-8, fontSize=11, color="#3A4450").encode(
        y=alt.Y("top:Q"), text=alt.Text("label:N"),
    ).transform_calculate(top="max(datum.start, datum.end)")
    chart = alt.layer(bars, labels, height=320)
    title = _t("waterfall_title", lang, metric=_t(f"metric.{metric}", lang))
    if scenario:
        title = f"{title} · {scenario}"
    return _finish(chart, title, subtitle)


def chart_scenarios(comparison: pd.DataFrame, view: View, *, subtitle: str | None = None) -> alt.Chart:
    """Change vs the book today of EAD, expected loss and revenue, one bar per scenario.

    Parameters
    ----------
    comparison : DataFrame
        :func:`analysis.whatif.policy.compare_scenarios` with a ``scenario`` name column.
    view : View
        Language and amount unit.
    subtitle : str, optional
        The definitions line.
    """
    lang = view.lang
    rows = []
    for r in comparison.itertuples(index=False):
        for metric in ("ead", "expected_loss", "revenue"):
            rows.append({"scenario": r.scenario, "role": _t(f"role.{r.role}", lang),
                         "metric": _t(f"metric.{metric}", lang),
                         "change": view.scale(getattr(r, f"{metric}_change")),
                         "after": view.scale(getattr(r, metric)),
                         "vs_champion": view.scale(getattr(r, f"{metric}_vs_champion"))})
    data = pd.DataFrame(rows)
    u = view.unit_label
    order = list(comparison["scenario"])
    chart = alt.Chart(data).mark_bar(height=22).encode(
        y=alt.Y("scenario:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("change:Q", title=_t("change_axis", lang, unit=u), axis=alt.Axis(format=",.2f", labelAngle=0)),
        color=alt.Color("role:N", title=None, scale=alt.Scale(
            domain=[_t("role.champion", lang), _t("role.challenger", lang)], range=[NEUTRAL, ACCENT])),
        tooltip=[alt.Tooltip("scenario:N", title=_t("scenario", lang)),
                 alt.Tooltip("metric:N", title=_t("metric", lang)),
                 alt.Tooltip("change:Q", title=_t("change_tip", lang, unit=u), format="+,.2f"),
                 alt.Tooltip("vs_champion:Q", title=_t("vs_champion_tip", lang, unit=u), format="+,.2f"),
                 alt.Tooltip("after:Q", title=_t("after_tip", lang, unit=u), format=",.2f")],
    ).properties(width=200, height=max(34 * len(order), 120)).facet(
        column=alt.Column("metric:N", title=None, sort=[_t(f"metric.{m}", lang) for m in ("ead", "expected_loss", "revenue")]),
    ).resolve_scale(x="independent")
    return _finish(chart, _t("scenarios_title", lang), subtitle)


def chart_sensitivity(curve: pd.DataFrame, view: View, *, subtitle: str | None = None,
                      direction: str = "cut") -> alt.Chart:
    """ΔEL and Δrevenue against the cut (or raise, ``direction="raise"``) applied to the targeted
    group (0 % … 50 %).

    Parameters
    ----------
    curve : DataFrame
        :func:`analysis.whatif.policy.sensitivity_curve`.
    view : View
        Language and amount unit.
    subtitle : str, optional
        The definitions line.
    """
    lang = view.lang
    u = view.unit_label
    rows = []
    for r in curve.itertuples(index=False):
        for metric, col in (("expected_loss", "expected_loss_delta"), ("revenue", "revenue_delta")):
            rows.append({"cut_pct": r.cut_pct / 100.0, "series": _t(f"delta.{metric}", lang),
                         "value": view.scale(getattr(r, col)), "accounts": r.accounts,
                         "ratio": r.el_saved_per_revenue_lost})
    data = pd.DataFrame(rows)
    series = [_t("delta.expected_loss", lang), _t("delta.revenue", lang)]
    ticks = [round(c / 100.0, 4) for c in curve["cut_pct"]]
    base = alt.Chart(data).encode(
        x=alt.X("cut_pct:Q", title=_t("cut_axis" if direction == "cut" else "raise_axis", lang), scale=alt.Scale(domain=[0, 0.5]),
                axis=alt.Axis(format=labelled_rate_format(ticks), values=ticks)),
        y=alt.Y("value:Q", title=_t("change_axis", lang, unit=u)),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=series, range=[GOOD, BAD])),
    )
    tooltip = [alt.Tooltip("cut_pct:Q", title=_t("cut_tip" if direction == "cut" else "raise_tip", lang), format=".0%"),
               alt.Tooltip("series:N", title=_t("metric", lang)),
               alt.Tooltip("value:Q", title=_t("change_tip", lang, unit=u), format="+,.2f"),
               alt.Tooltip("accounts:Q", title=_t("accounts", lang), format=",d"),
               alt.Tooltip("ratio:Q", title=_t("ratio_tip", lang), format=",.2f")]
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=NEUTRAL, strokeDash=[4, 3]).encode(y=alt.Y("y:Q"))
    chart = alt.layer(zero, base.mark_line(strokeWidth=2.5), height=300)
    chart += base.mark_point(filled=True, size=55).encode(tooltip=tooltip)  # in place, as the sum of the three layered
    title = _t("sensitivity_title" if direction == "cut" else "sensitivity_raise_title", lang)
    return _finish(chart, title, subtitle)


__all__ = ["chart_scenarios", "chart_sensitivity", "chart_waterfall"]
