"""Trend & forecast (逾期趋势预测): where delinquency has been, where it is heading, and how sure we are."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.trend import forecast as fc
from analysis.trend import projection as proj
from analysis.trend import series as trend
from analysis.aging.rates import AgingError
from analysis.core.buckets import EXIT
from analysis.charts.theme import house_config
from analysis.charts.trend import chart_forecast, chart_forecast_grid, chart_projection, chart_vintage_fan
from analysis.core.definitions import definitions_line
from analysis.core.privacy import export_csv_bytes
from analysis.core.units import UNITS, format_amount, format_pp, format_rate, unit_label
from ui import memo, state, widgets
from ui import trend as ui
from ui.i18n import lang, t

L = lang()
st.title(t("trend.title"))
st.markdown(t("trend.intro"))

widgets.stop_unless_rows()
core = state.cubes()

token, measure, unit, buckets = state.data_token(), state.measure(), state.unit(), state.buckets()
filters = state.active_filters_for_definitions()
U = unit_label(unit, L)


def metric_label(metric: str) -> str:
    return t(f"trend.metric.{metric}")


def segment_title(col: str | None) -> str:
    if col is None:
        return t("trend.whole_book")
    key = f"segment.{col}"
    text = t(key)
    return col if text == key else text


def fmt_value(value: float, is_rate: bool) -> str:
    return format_rate(value) if is_rate else f"{format_amount(value, unit)} {U}"


# --- controls ---------------------------------------------------------------------------------
metrics = [m for m in trend.TREND_METRICS if m != "overdue_amount" or "overdue_amount" in core.book.money]
segments = state.book().segments
c1, c2, c3 = st.columns(3)
# Labels as plain dicts: AppTest reads format_func outside the run (docs/ARCHITECTURE.md).
METRIC_LABELS = {m: metric_label(m) for m in metrics}
SEGMENT_TITLES = {col: segment_title(col) for col in [None, *segments]}
metric = c1.selectbox(t("trend.metric"), metrics, format_func=METRIC_LABELS.__getitem__, key=ui.K_METRIC)
by = c2.selectbox(t("trend.segment_by"), [None, *segments], format_func=SEGMENT_TITLES.__getitem__, key=ui.K_BY)
table = ui.trend_table(token, core, measure, by)
segment = None
if by is not None:
    values = trend.top_segments(table, by, n=10_000)
    # One widget per segment column, so a value of another column is never carried over.
    segment = c3.selectbox(t("trend.segment"), values, key=f"{ui.K_SEGMENT}_{by}")
c4, c5 = st.columns(2)
horizon = c4.slider(t("trend.horizon"), 1, 12, 6, key=ui.K_HORIZON, help=t("trend.horizon_help"))
model = c5.selectbox(t("trend.model"), ["auto", *fc.MODELS], key=ui.K_MODEL, help=t("trend.model_help"),
                     format_func=lambda m: t("trend.model_auto") if m == "auto" else fc.model_label(m, L))

is_rate = trend.is_rate_metric(metric)
series = trend.metric_series(table, metric, by, segment) if segment is not None or by is None else None
seg_filter = {**filters, by: [segment]} if by is not None else filters
months_shown = (str(series.index.min()), str(series.index.max())) if series is not None and len(series) else None
# Amounts are balances whatever the measure; rates follow the sidebar's balance/count choice.
# The rate thresholds (1, 31, 91 days) do not depend on the bucket scheme, so no bucket edges here.
defs = definitions_line(L, measure=measure if is_rate else "balance", months=months_shown, filters=seg_filter,
                        extra=[t("trend.defs.thresholds")])
widgets.definitions(defs)

# --- events on the timeline (edited here, drawn on every trend chart) ---------------------------
with st.expander(t("trend.events.title"), expanded=False):
    st.caption(t("trend.events.help"))
    shared = state.events()
    saved = st.session_state.get(ui.K_EVENTS_SAVED)
    if ui.K_EVENTS_BASE not in st.session_state or (saved is not None and not saved.equals(shared)):
        # First visit, or another page changed the events: restart the editor from the shared table.
        st.session_state[ui.K_EVENTS_BASE] = shared.reset_index(drop=True)
        st.session_state[ui.K_EVENTS_VER] = st.session_state.get(ui.K_EVENTS_VER, 0) + 1
    edited = st.data_editor(
        st.session_state[ui.K_EVENTS_BASE], num_rows="dynamic", hide_index=True, width="stretch",
        key=f"trend_events_editor_{st.session_state[ui.K_EVENTS_VER]}",
        column_config={"month": st.column_config.TextColumn(t("trend.events.month"), help=t("trend.events.month_help")),
                       "label": st.column_config.TextColumn(t("trend.events.label"), width="large")},
    )
    clean, bad = trend.clean_events(edited)
    if bad:
        st.warning(t("trend.events.bad", n=bad))
    if not clean.equals(shared):
        state.set_events(clean)
    st.session_state[ui.K_EVENTS_SAVED] = clean
events = state.events()

if series is None or not series.notna().any():
    st.info(t("trend.no_series"))
    st.stop()

# --- the cards: latest, MoM, YoY, acceleration -------------------------------------------------
ch = trend.latest_changes(series, is_rate)
k1, k2, k3, k4 = st.columns(4)
k1.metric(t("trend.card.latest", month=ch["month"]), fmt_value(ch["value"], is_rate), border=True)
change_unit = t("trend.card.pp") if is_rate else U


def change_value(change: float) -> str | None:
    """A change in the card's unit: points for a rate, the amount unit otherwise."""
    if pd.isna(change):
        return None
    return f"{change * 100:+.2f}" if is_rate else f"{'+' if change > 0 else ''}{format_amount(change, unit)}"


def relative(change: float) -> str | None:
    return None if pd.isna(change) else f"{change * 100:+.1f}%"


# A rising delinquency metric is bad news: deltas are coloured inverse (up = red).
k2.metric(t("trend.card.mom", unit=change_unit), change_value(ch["mom"]) or "–", delta=relative(ch["mom_pct"]),
          delta_color="inverse", border=True, help=t("trend.card.mom_help"))
k3.metric(t("trend.card.yoy", unit=change_unit), change_value(ch["yoy"]) or t("trend.card.no_yoy"),
          delta=relative(ch["yoy_pct"]), delta_color="inverse", border=True, help=t("trend.card.yoy_help"))
if pd.isna(ch["acceleration"]):
    accel_word, accel_delta = t("trend.card.accel_unknown"), None
else:
    accel_word = t("trend.card.accelerating") if ch["accelerating"] else (
        t("trend.card.rising_slower") if ch["mom"] > 0 else t("trend.card.not_rising"))
    accel_delta = format_pp(ch["acceleration"], L) if is_rate else format_amount(ch["acceleration"], unit)
k4.metric(t("trend.card.accel"), accel_word, delta=accel_delta, delta_color="inverse", border=True,
          help=t("trend.card.accel_help"))

# --- forecast + backtest -------------------------------------------------------------------
st.subheader(t("trend.forecast.heading"))
with st.spinner(t("trend.forecasting")):
    result = ui.forecast(token, metric, measure, by, None if segment is None else str(segment), horizon, model, series)
where = segment_title(None) if by is None else f"{segment_title(by)} = {segment}"
left, right = st.columns([3, 1.3])
with left:
    fc_title = t("trend.chart.forecast_title", metric=metric_label(metric), where=where)
    chart = memo.chart(lambda: house_config(chart_forecast(
        result.history, result.forecast, title=fc_title, subtitle=defs, value_title=metric_label(metric),
        is_rate=is_rate, unit=unit, lang=L, events=events)),
        "forecast", result.history, result.forecast, fc_title, defs, metric_label(metric), is_rate, unit, L, events)
    widgets.show_chart(chart, key="trend_forecast", name=f"trend_{metric}")
    st.markdown(f"**{fc.forecast_sentence(result, L, metric_label(metric), unit)}**")
    for note in result.notes:
        st.caption(f"ℹ️ {note.text(L)}")
with right:
    st.markdown(f"**{t('trend.backtest.heading')}**")
    if len(result.backtest):
        bt = pd.DataFrame({
            t("trend.backtest.model"): [("✓ " if c else "") + t(f"trend.backtest.short.{m}") for m, c in
                                        zip(result.backtest["model"], result.backtest["chosen"])],
            "MASE": result.backtest["mase"].round(2),
            # MAE in points for a rate, in the amount unit otherwise; the unit sits in the header.
            t("trend.backtest.mae", unit=t("trend.card.pp") if is_rate else U):
                (result.backtest["mae"] * 100).round(2) if is_rate else (result.backtest["mae"] / UNITS[unit]).round(2),
        })
        st.dataframe(bt, hide_index=True, width="stretch", key="trend_backtest_table")
        st.caption(t("trend.backtest.help"))
    else:
        st.caption(t("trend.backtest.none"))

fc_table = result.history.rename(columns={"value": "actual"}).merge(result.forecast, on="month", how="outer")
if not is_rate:
    numbers = [c for c in fc_table.columns if c != "month"]
    fc_table[numbers] = fc_table[numbers] / UNITS[unit]
fc_table = fc_table.rename(columns={"month": t("trend.table.month"), "actual": t("trend.table.actual"),
                                    "mean": t("trend.table.mean"), "lower80": t("trend.table.lower80"),
                                    "upper80": t("trend.table.upper80"), "lower95": t("trend.table.lower95"),
                                    "upper95": t("trend.table.upper95")})
widgets.show_table(fc_table, key="trend_forecast_table", label=t("trend.table.label", unit="%" if is_rate else U),
                   file_name=f"forecast_{metric}")

with st.expander(t("trend.table.all_metrics"), expanded=False):
    changes = trend.add_changes(series, is_rate)
    st.dataframe(changes, hide_index=True, width="stretch", key="trend_changes_table",
                 column_config={c: st.column_config.NumberColumn(format="percent" if is_rate or c.endswith("_pct") else "localized")
                                for c in changes.columns if c != "month"})

# --- roll-rate projection ----------------------------------------------------------------------
st.divider()
st.subheader(t("trend.projection.heading"))
st.markdown(t("trend.projection.intro"))
inputs = ui.roll_inputs(token, core)
if not inputs.roll_months:
    st.info(t("trend.projection.no_rolls"))
else:
    p1, p2, p3 = st.columns(3)
    window_options = [w for w in (1, 3, 6, 12) if w <= len(inputs.roll_months)] or [len(inputs.roll_months)]
    window = p1.select_slider(t("trend.projection.window"), window_options, value=3 if 3 in window_options else window_options[-1],
                              key=ui.K_WINDOW, help=t("trend.projection.window_help"))
    months_ahead = p2.slider(t("trend.projection.months"), 1, 24, 12, key=ui.K_PROJ_MONTHS)
    replenish = p3.toggle(t("trend.projection.replenish"), value=True, key=ui.K_REPLENISH,
                          help=t("trend.projection.replenish_help"))
    base, pooled, empty = proj.average_roll_matrix(inputs.rolls, window, "balance")
    if empty:
        st.caption(t("trend.projection.empty_rows", buckets="、".join(buckets.label_of(b, L) for b in empty)))
    labels = {k: buckets.label_of(k, L) for k in [*base.index, EXIT]}
    shown = (base * 100).rename(index=labels, columns=labels).rename_axis(index=t("trend.projection.from_to"))
    ver = st.session_state.get(ui.K_MATRIX_VER, 0)
    st.markdown(t("trend.projection.matrix", first=pooled[0], last=pooled[-1]))
    edited = st.data_editor(
        shown, key=f"trend_matrix_editor_{token}_{window}_{ver}", width="stretch",
        column_config={c: st.column_config.NumberColumn(c, min_value=0.0, max_value=100.0, format="%.2f%%")
                       for c in shown.columns},
    )
    e1, e2 = st.columns([3, 1])
    e1.caption(t("trend.projection.edit_help"))
    if e2.button(t("trend.projection.reset"), key="trend_matrix_reset"):
        st.session_state[ui.K_MATRIX_VER] = ver + 1
        st.rerun()
    edited_keys = pd.DataFrame(edited.to_numpy(dtype=float) / 100, index=base.index, columns=base.columns)
    try:
        matrix = proj.rebalance_rows(base, edited_keys)
    except ValueError:  # the editor bounds cells to 0-100%, but never show a traceback for a typo
        st.warning(t("trend.projection.bad_matrix"))
        matrix = base
    if not matrix.equals(base):
        st.info(t("trend.projection.edited"))
    projected = proj.project_balances(inputs.start, matrix, months_ahead, inputs.last_month, replenish=replenish)
    rates = proj.projection_rates(projected, buckets)
    proj_defs = definitions_line(L, measure="balance", filters=filters, buckets=buckets,
                                 extra=[t("trend.projection.defs", first=pooled[0], last=pooled[-1], n=len(pooled),
                                          mode=t("trend.projection.mode_replenish" if replenish else "trend.projection.mode_runoff"))])
    title = t("trend.projection.chart_title", n=months_ahead)
    chart = memo.chart(lambda: house_config(chart_projection(projected, buckets, title=title, subtitle=proj_defs,
                                                             unit=unit, lang=L, rates=rates, events=events)),
                       "projection", projected, rates, events, buckets.keys, title, proj_defs, unit, L)
    widgets.show_chart(chart, key="trend_projection")
    end = rates.iloc[-1]
    st.markdown(t("trend.projection.sentence", start=format_rate(rates["dpd90_rate"].iloc[0]),
                  month=str(end["month"]), end=format_rate(end["dpd90_rate"]),
                  exits=format_amount(float(end["cumulative_exit"]), unit), unit=U))
    ptable = projected.rename(columns=labels)
    widgets.show_table(ptable.assign(**{t("trend.chart.dpd90_rate"): rates["dpd90_rate"].to_numpy()}),
                       key="trend_projection_table", file_name="roll_rate_projection")

    st.markdown(f"**{t('trend.loss.heading', month=inputs.last_month)}**")
    l1, l2 = st.columns([1, 3])
    keys = list(base.index)
    charge_off = l1.selectbox(t("trend.loss.charge_off"), keys, index=len(keys) - 1, key=ui.K_CHARGE_OFF,
                              format_func=lambda k: labels[k], help=t("trend.loss.charge_off_help"))
    l1.caption(t("trend.loss.help"))
    loss = proj.roll_rate_loss(inputs.start, matrix, charge_off)
    total_balance, total_loss = float(loss["balance"].sum()), float(loss["expected_loss"].sum())
    shown_loss = pd.DataFrame({
        t("trend.loss.bucket"): [*loss["bucket"].map(labels), t("trend.loss.total")],
        t("trend.loss.balance", unit=U): [format_amount(v, unit) for v in [*loss["balance"], total_balance]],
        t("trend.loss.roll_forward"): [format_rate(v) for v in loss["roll_forward"]] + ["–"],
        t("trend.loss.factor"): [format_rate(v) for v in loss["loss_factor"]]
                                + [format_rate(total_loss / total_balance if total_balance > 0 else float("nan"))],
        t("trend.loss.expected", unit=U): [format_amount(v, unit) for v in [*loss["expected_loss"], total_loss]],
    })
    with l2:
        st.dataframe(shown_loss, hide_index=True, width="stretch", key="trend_loss_table")
        st.download_button(t("widgets.download_csv"), data=lambda: export_csv_bytes(shown_loss),
                           file_name="roll_rate_loss.csv", mime="text/csv", key="trend_loss_csv")

# --- top segments -------------------------------------------------------------------------------
st.divider()
st.subheader(t("trend.segments.heading"))
if not segments:
    st.info(t("trend.segments.none"))
else:
    s1, s2 = st.columns(2)
    top_by = s1.selectbox(t("trend.segments.by"), segments, format_func=SEGMENT_TITLES.__getitem__, key=ui.K_TOP_BY)
    top_n = s2.slider(t("trend.segments.n"), 2, 12, 6, key=ui.K_TOP_N)
    # Each segment is a forecast of its own (model backtests, ~0.5 s each): on request, then
    # kept on for this data while the user changes the metric or the segments.
    if st.session_state.get(ui.K_SEGMENTS_ON) != token:
        st.caption(t("trend.segments.on_request", n=top_n))
        if st.button(t("trend.segments.run", n=top_n), key="trend_segments_run", icon=":material/query_stats:"):
            st.session_state[ui.K_SEGMENTS_ON] = token
if segments and st.session_state.get(ui.K_SEGMENTS_ON) == token:
    seg_table = ui.trend_table(token, core, measure, top_by)
    with st.spinner(t("trend.segments.working", n=top_n)):
        results = ui.segment_forecasts(token, metric, measure, top_by, top_n, horizon, model, seg_table)
    panels = {name: (r.history, r.forecast) for name, r in results.items()}
    grid = chart_forecast_grid(panels, title=t("trend.segments.chart_title", metric=metric_label(metric), by=segment_title(top_by), n=len(panels)),
                               subtitle=definitions_line(L, measure=measure, filters=filters, buckets=buckets),
                               value_title=metric_label(metric), is_rate=is_rate, unit=unit, lang=L, events=events)
    widgets.show_chart(house_config(grid), key="trend_segments")
    summary = pd.DataFrame([{
        t("trend.segments.segment"): name,
        t("trend.segments.latest"): fmt_value(r.history["value"].iloc[-1], is_rate) if len(r.history) else "–",
        t("trend.segments.end", n=horizon): fmt_value(r.forecast["mean"].iloc[-1], is_rate) if r.ok else "–",
        t("trend.segments.range"): (f"{fmt_value(r.forecast['lower80'].iloc[-1], is_rate)} – {fmt_value(r.forecast['upper80'].iloc[-1], is_rate)}"
                                    if r.ok else (r.reason.text(L) if r.reason else "–")),
        t("trend.backtest.model"): fc.model_label(r.model, L) if r.model else "–",
        "MASE": round(r.chosen_backtest()["mase"], 2) if r.ok else None,
    } for name, r in results.items()])
    widgets.show_table(summary, key="trend_segments_table", file_name=f"segment_forecasts_{metric}")

# --- vintage completion ---------------------------------------------------------------------------
st.divider()
st.subheader(t("trend.vintage.heading"))
# A large book's vintage cube (one more pass over every row) and its completion take a second
# or more: on request, then kept on for this data.
vintage_rows = core.totals()["rows"]
vintage_wanted = (not core.book.origination or vintage_rows <= ui.VINTAGE_AUTO_ROWS
                  or st.session_state.get(ui.K_VINTAGE_ON) == token)
if not vintage_wanted:
    st.markdown(t("trend.vintage.intro"))
    st.caption(t("trend.vintage.on_request", rows=f"{vintage_rows:,}"))
    if st.button(t("trend.vintage.run"), key="trend_vintage_run", icon=":material/stacked_line_chart:"):
        st.session_state[ui.K_VINTAGE_ON] = token
        vintage_wanted = True
if vintage_wanted:
    if not core.has_origination:
        st.info(t("trend.vintage.need_dates"))
    else:
        st.markdown(t("trend.vintage.intro"))
        v1, v2, v3 = st.columns(3)
        cohort = v1.selectbox(t("trend.vintage.cohort"), ["month", "quarter"], key=ui.K_VINTAGE_COHORT,
                              format_func=lambda c: t(f"trend.vintage.cohort.{c}"))
        vmetric = v2.selectbox(t("trend.vintage.metric"), ["ever30", "dpd30"], key=ui.K_VINTAGE_METRIC,
                               format_func=lambda m: t(f"trend.vintage.metric.{m}"))
        lookback = v3.slider(t("trend.vintage.lookback"), 1, 12, 6, key=ui.K_VINTAGE_LOOKBACK,
                             help=t("trend.vintage.lookback_help"))
        try:
            with st.spinner(t("trend.vintage.working")):
                done, bt = ui.vintage_completion(token, cohort, vmetric, measure, lookback, core)
        except AgingError as exc:
            st.info(exc.message(L))
        except ValueError:
            st.info(t("trend.vintage.too_few"))
        else:
            vdefs = definitions_line(L, measure=measure, filters=filters,
                                     extra=[t("trend.vintage.defs", metric=t(f"trend.vintage.metric.{vmetric}"))])
            title, value_title = t("trend.vintage.chart_title", mob=done.target_mob), t(f"trend.vintage.metric.{vmetric}")
            chart = memo.chart(lambda: house_config(chart_vintage_fan(done.projection, title=title, subtitle=vdefs,
                                                                      value_title=value_title, lang=L)),
                               "vintage", done.projection, title, vdefs, value_title, L)
            widgets.show_chart(chart, key="trend_vintage")
            for note in done.notes:
                st.caption(f"ℹ️ {note.text(L)}")
            if len(bt):
                mae = bt["error"].abs().mean()
                st.markdown(t("trend.vintage.backtest", n=len(bt), lookback=lookback, mae=format_pp(mae, L).lstrip("+"),
                              cover=f"{bt['in80'].mean() * 100:.0f}%"))
            else:
                st.caption(t("trend.vintage.no_backtest"))
            widgets.show_table(done.factors, key="trend_vintage_factors", label=t("trend.vintage.factors"),
                               file_name="development_factors")
            widgets.show_table(bt, key="trend_vintage_backtest", label=t("trend.vintage.backtest_table"),
                               file_name="vintage_backtest")
