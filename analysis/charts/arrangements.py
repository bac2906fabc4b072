"""Chart builders of the arrangements page: what each option is worth, when its cash comes, and
how the ranking moves with the re-default and recovery rates.

House shape ``chart_x(data, view, *, subtitle=None)``: small frames from
:mod:`analysis.arrangements.options` (amounts in 元), scaled to the view's unit and named in the
axis title; tooltips carry the exact figures.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.theme import ACCENT, NEUTRAL, house_config, rate_format, titled
from analysis.core.i18n import translate
from analysis.core.view import View

GOOD = "#4C9F70"
BAD = "#D64545"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"arr.chart.{key}", lang, **params)


def chart_option_values(options: pd.DataFrame, view: View, *, best: str, subtitle=None) -> alt.Chart:
    """NPV of every option as bars (the best one in the accent colour), value vs none in the tooltip.

    Parameters
    ----------
    options : DataFrame
        ``Comparison.options`` (``name, npv, value_vs_none, expected_loss, cure_probability``).
    best : str
        The best option's name.
    """
    lang = view.lang
    unit = view.unit_label
    data = pd.DataFrame({
        "name": options["name"].astype(str), "npv": view.scale(options["npv"].to_numpy()),
        "vs": view.scale(options["value_vs_none"].to_numpy()), "loss": view.scale(options["expected_loss"].to_numpy()),
        "cure": options["cure_probability"].to_numpy(), "best": (options["name"] == best).to_numpy(),
    })
    order = list(data["name"])
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("npv:Q", title=_t("npv_axis", lang, unit=unit)),
        color=alt.ColorValue(NEUTRAL, condition={"test": "datum.best", "value": ACCENT}),
        tooltip=[alt.Tooltip("name:N", title=_t("option", lang)),
                 alt.Tooltip("npv:Q", title=_t("npv", lang, unit=unit), format=",.2f"),
                 alt.Tooltip("vs:Q", title=_t("vs_none", lang, unit=unit), format="+,.2f"),
                 alt.Tooltip("loss:Q", title=_t("loss", lang, unit=unit), format=",.2f"),
                 alt.Tooltip("cure:Q", title=_t("cure", lang), format=".1%")],
    )
    labels = bars.mark_text(align="left", dx=4, color="#3A4450").encode(
        text=alt.Text("npv:Q", format=",.2f"), color=alt.ColorValue("#3A4450"))
    chart = alt.layer(bars, labels, height=max(120, 42 * len(data)))
    return house_config(titled(chart, _t("values_title", lang), subtitle))


def chart_cumulative_cash(cash_flows: pd.DataFrame, order: list[str], view: View, *, subtitle=None) -> alt.Chart:
    """Cumulative expected cash (undiscounted) by month, one line per option."""
    lang = view.lang
    unit = view.unit_label
    frames = []
    last = int(cash_flows["month"].max()) if len(cash_flows) else 1
    for name in order:
        own = cash_flows[cash_flows["name"] == name].set_index("month")["expected"]
        series = own.reindex(range(0, last + 1), fill_value=0.0).cumsum()
        frames.append(pd.DataFrame({"name": name, "month": series.index, "cash": view.scale(series.to_numpy())}))
    data = pd.concat(frames, ignore_index=True)
    chart = alt.Chart(data).mark_line(interpolate="step-after").encode(
        x=alt.X("month:Q", title=_t("month_axis", lang)),
        y=alt.Y("cash:Q", title=_t("cash_axis", lang, unit=unit)),
        color=alt.Color("name:N", sort=order, title=None, legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip("name:N", title=_t("option", lang)), alt.Tooltip("month:Q", title=_t("month", lang)),
                 alt.Tooltip("cash:Q", title=_t("cash", lang, unit=unit), format=",.2f")],
    ).properties(height=320)
    return house_config(titled(chart, _t("cash_title", lang), subtitle))


def chart_sensitivity(sens: pd.DataFrame, view: View, factor: str, *, subtitle=None) -> alt.Chart:
    """NPV of each option as the factor moves (x); where lines cross, the ranking changes."""
    lang = view.lang
    unit = view.unit_label
    order = list(dict.fromkeys(sens["name"]))
    data = sens.assign(npv=view.scale(sens["npv"].to_numpy()))
    x_format = ".1f" if factor == "redefault" else ".2%"
    # A rate factor swept over a few points (3 %-5 %) read "3%, 4%, 4%, 5%" in whole percents.
    axis_format = ".1f" if factor == "redefault" else rate_format(data["value"], zero=False)
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("value:Q", title=_t(f"factor.{factor}", lang), axis=alt.Axis(format=axis_format)),
        y=alt.Y("npv:Q", title=_t("npv_axis", lang, unit=unit)),
        color=alt.Color("name:N", sort=order, title=None, legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip("name:N", title=_t("option", lang)),
                 alt.Tooltip("value:Q", title=_t(f"factor.{factor}", lang), format=x_format),
                 alt.Tooltip("npv:Q", title=_t("npv", lang, unit=unit), format=",.2f"),
                 alt.Tooltip("best:N", title=_t("best", lang))],
    ).properties(height=300)
    return house_config(titled(chart, _t(f"sens_title.{factor}", lang), subtitle))
