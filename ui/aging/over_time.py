"""The over-time tab: the 1+/30+/90+ rates this month and over time, the bucket mix, lagged rates."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.aging import rates as A
from analysis.aging import tables as TB
from analysis.charts import aging as C
from analysis.core.units import format_pp, format_rate
from analysis.core.vocabulary import metric_name

from ui import persist
from ui.aging import keys as K
from ui.aging import page as P
from ui.i18n import t
from ui.widgets import show_chart, show_display_table


def over_time(page: P.Page) -> None:
    """The three delinquency rates this month and over time, the bucket mix, and the lagged view."""
    v = page.view
    lines = A.rate_lines(page.cubes.rates, v.measure)
    k = st.columns(3)
    for col, row in zip(k, lines[lines["month"] == v.month].itertuples(index=False)):
        col.metric(metric_name(row.metric, v.lang), format_rate(row.rate),
                   delta=None if pd.isna(row.change) else format_pp(row.change, v.lang),
                   delta_color="inverse", help=t("aging.kpi.mom_help", month=v.month))
    normalize = persist.choice(st.toggle, t("aging.mix.normalize"), key=K.MIX_NORMALIZE, default=False)
    mix = A.bucket_mix(page.cubes.aging, v.measure)
    show_chart(C.chart_bucket_mix(mix, v, normalize=normalize, subtitle=page.subtitle(measure=v.measure, months=page.span)),
               key=K.MIX)
    show_display_table(TB.mix_table(mix, v), key=K.MIX_TABLE)
    show_chart(C.chart_rate_lines(lines, v, subtitle=page.dline(measure=v.measure, months=page.span, lag=0)), key=K.RATES)
    show_display_table(TB.rate_table(lines, v), key=K.RATES_TABLE)
    _lagged(page)


def _lagged(page: P.Page) -> None:
    """Rates on the book N months earlier, flagging months where fast growth flatters them."""
    v = page.view
    st.subheader(t("aging.lagged.heading"))
    st.caption(t("aging.lagged.caption"))
    c = st.columns(3)
    lag = int(persist.choice(c[0].number_input, t("aging.lagged.lag"), min_value=1, max_value=24, step=1,
                             key=K.LAG, default=3))
    growth = persist.choice(c[1].number_input, t("aging.lagged.growth"), min_value=0, max_value=500, step=5,
                            key=K.GROWTH, default=20, help=t("aging.lagged.growth_help"))
    metrics = ["dpd30_rate", "overdue_rate", "dpd90_rate"]
    metric = persist.choice(c[2].selectbox, t("aging.lagged.metric"), metrics, key=K.LAG_METRIC, default=metrics[0],
                            options=metrics, format_func={m: metric_name(m, v.lang) for m in metrics}.get)
    try:
        lagged = A.lagged_rates(page.cubes.rates, lag, v.measure, growth / 100)  # the widget is in percent
        part = lagged[lagged["metric"] == metric]
        fast = part[part["grew_fast"]]
        if len(fast):
            st.warning(icon=":material/trending_up:", body=t(
                "aging.lagged.flatter", n=len(fast), months=P.joined(v, fast["month"].tail(6)),
                growth=format_rate(float(fast["growth"].max()), 1), lag=lag))
        else:
            st.caption(t("aging.lagged.steady", lag=lag, growth=int(growth)))
        left, right = st.columns(2)
        with left:
            show_chart(C.chart_lagged(lagged, v, metric=metric, lag=lag,
                                      subtitle=page.dline(measure=v.measure, months=page.span, lag=lag)), key=K.LAGGED)
        with right:
            show_display_table(TB.lagged_table(part, v, metric=metric, lag=lag), key=K.LAGGED_TABLE, expanded=True)
    except A.AgingError as exc:
        P.warn(exc, v)
