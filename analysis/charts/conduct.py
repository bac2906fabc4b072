"""Chart builders of the collections-conduct page: what the template checks found, and when
collectors make contact.

House shape ``chart_x(data, view, *, subtitle=None)``: small frames from
:mod:`analysis.conduct`; tooltips carry the exact counts.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.theme import ACCENT, NEUTRAL, house_config, rate_axis, titled
from analysis.core.i18n import translate
from analysis.core.view import View

BAD = "#D64545"
#: Pixels per bar of a category chart (labels of 12 px must not print over each other).
_STEP = 30


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"cdc.{key}", lang, **params)


def chart_findings_by_category(counts: pd.DataFrame, view: View, *, subtitle=None) -> alt.Chart:
    """Findings per category as bars, most first, with the templates each touches in the tooltip.

    Parameters
    ----------
    counts : DataFrame
        ``category`` (key), ``findings``, ``templates`` (templates with at least one finding of it).
    """
    lang = view.lang
    data = pd.DataFrame({
        "name": [translate(f"conduct.category.{c}", lang) for c in counts["category"]],
        "findings": counts["findings"].astype("int64").to_numpy(),
        "templates": counts["templates"].astype("int64").to_numpy(),
    }).sort_values("findings", ascending=False, kind="stable")
    order = data["name"].tolist()
    bars = alt.Chart(data).mark_bar(color=BAD).encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("findings:Q", title=_t("findings_axis", lang), axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("name:N", title=_t("category", lang)),
                 alt.Tooltip("findings:Q", title=_t("findings", lang), format=",d"),
                 alt.Tooltip("templates:Q", title=_t("templates", lang), format=",d")],
    )
    labels = bars.mark_text(align="left", dx=4, color="#3A4450").encode(text=alt.Text("findings:Q", format=",d"),
                                                                        color=alt.ColorValue("#3A4450"))
    chart = alt.layer(bars, labels, height=max(140, _STEP * len(data)))
    return house_config(titled(chart, _t("findings_title", lang), subtitle))


def chart_breaches_by_rule(counts: pd.DataFrame, view: View, *, subtitle=None) -> alt.Chart:
    """Breaches per contact rule as bars (rules without a breach shown at 0, so the reader sees
    what was checked).

    Parameters
    ----------
    counts : DataFrame
        ``rule`` (key), ``breaches``.
    """
    lang = view.lang
    data = pd.DataFrame({
        "name": [translate(f"contacts.rule.{r}", lang) for r in counts["rule"]],
        "breaches": counts["breaches"].astype("int64").to_numpy(),
    })
    data["any"] = data["breaches"] > 0
    order = data["name"].tolist()
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("breaches:Q", title=_t("breaches_axis", lang), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.ColorValue(NEUTRAL, condition={"test": "datum.any", "value": BAD}),
        tooltip=[alt.Tooltip("name:N", title=_t("rule", lang)),
                 alt.Tooltip("breaches:Q", title=_t("breaches", lang), format=",d")],
    )
    labels = bars.mark_text(align="left", dx=4, color="#3A4450").encode(text=alt.Text("breaches:Q", format=",d"),
                                                                        color=alt.ColorValue("#3A4450"))
    chart = alt.layer(bars, labels, height=max(140, _STEP * len(data)))
    return house_config(titled(chart, _t("breaches_title", lang), subtitle))


def chart_contact_heatmap(heatmap: pd.DataFrame, view: View, *, window: tuple[int, int], subtitle=None) -> alt.Chart:
    """Contacts by hour of day × weekday; hours outside the allowed window are outlined in red.

    Parameters
    ----------
    heatmap : DataFrame
        :func:`analysis.conduct.contacts.contact_heatmap` (hours 0–23 × weekdays 0–6).
    window : (int, int)
        The allowed window in minutes after midnight, ``[start, end)``.
    """
    lang = view.lang
    days = [_t(f"weekday{d}", lang) for d in range(7)]
    start, end = window
    rows = []
    for hour in range(24):
        # an hour is outside when any minute of it is: [hour*60, hour*60+60) not inside [start, end)
        outside = hour * 60 < start or hour * 60 + 60 > end
        for day in range(7):
            rows.append({"hour": f"{hour:02d}:00", "day": days[day], "contacts": int(heatmap.loc[hour, day]),
                         "outside": outside})
    data = pd.DataFrame(rows)
    hours = [f"{h:02d}:00" for h in range(24)]
    base = alt.Chart(data).encode(
        x=alt.X("day:N", sort=days, title=None, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("hour:N", sort=hours, title=_t("hour_axis", lang)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("contacts:Q", title=_t("contacts", lang), scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("day:N", title=_t("weekday", lang)), alt.Tooltip("hour:N", title=_t("hour", lang)),
                 alt.Tooltip("contacts:Q", title=_t("contacts", lang), format=",d")],
    )
    flagged = base.transform_filter(alt.datum.outside).mark_rect(fill=None, stroke=BAD, strokeWidth=1.2)
    numbers = base.transform_filter(alt.datum.contacts > 0).mark_text(fontSize=10, color="#3A4450").encode(
        text=alt.Text("contacts:Q", format=",d"))
    chart = alt.layer(cells, flagged, numbers, height=24 * 22)
    return house_config(titled(chart, _t("heatmap_title", lang), subtitle))


def chart_group_rates(table: pd.DataFrame, view: View, *, group_label: str, rate: str, subtitle=None) -> alt.Chart:
    """One rate per group (collector, agency, …) as bars, with the counts behind it in the tooltip.

    Parameters
    ----------
    table : DataFrame
        ``group`` (text), ``rate`` (fraction, NaN when undefined: left out), ``n`` (its denominator).
    rate : str
        The rate's key (``contact_rate``, ``cure_rate``, …) for the titles.
    """
    lang = view.lang
    data = table.dropna(subset=["rate"]).sort_values("rate", ascending=False, kind="stable")
    data = pd.DataFrame({"group": data["group"].astype(str).to_numpy(), "rate": data["rate"].to_numpy(),
                         "n": data["n"].astype("int64").to_numpy()})
    name = translate(f"contacts.perf.{rate}", lang)
    order = data["group"].tolist()
    bars = alt.Chart(data).mark_bar(color=ACCENT).encode(
        y=alt.Y("group:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("rate:Q", title=name, axis=rate_axis(data["rate"])),
        tooltip=[alt.Tooltip("group:N", title=group_label), alt.Tooltip("rate:Q", title=name, format=".1%"),
                 alt.Tooltip("n:Q", title=_t("base", lang), format=",d")],
    )
    labels = bars.mark_text(align="left", dx=4, color="#3A4450").encode(text=alt.Text("rate:Q", format=".1%"),
                                                                        color=alt.ColorValue("#3A4450"))
    chart = alt.layer(bars, labels, height=max(140, _STEP * len(data)))
    return house_config(titled(chart, _t("rates_title", lang, rate=name, group=group_label), subtitle))
