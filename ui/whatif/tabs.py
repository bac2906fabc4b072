"""The four result tabs of the what-if page: breakdown, swap set, sensitivity, backtest.

Each tab is one function the page calls only while the tab is open (the backtest follows every
account through history). They read the :class:`~ui.whatif.views.Book` and the
:class:`~ui.whatif.views.Priced` scenarios; figures come from :mod:`analysis.whatif` and reach
the screen through :mod:`analysis.whatif.tables`.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.charts.whatif import METRICS, chart_sensitivity, chart_waterfall
from analysis.core.schema import segment_columns
from analysis.core.tables import DisplayTable, cell_text, screen_format, screen_values
from analysis.core.privacy import export_csv_bytes
from analysis.core.units import format_rate
from analysis.whatif import tables
from analysis.whatif.policy import (
    SWAP_GROUPS, PolicyError, backtest_months, policy_to_json, swap_set,
    swap_summary,
)
from ui import memo, persist
from analysis.core.markup import escape_markdown
from ui.i18n import t, t_data
from ui.whatif import keys
from ui.whatif import state as whatif
from ui.whatif.views import Book, Priced
from ui.widgets import show_chart, show_display_table

#: Swap-set rows drawn on screen (largest EL change first); the CSV download has them all.
SWAP_ROWS_SHOWN = 1000
#: Backtest start offered first: a year before the latest month, so a full window can be followed.
BACKTEST_LOOKBACK = 12


def split_options(book: Book) -> list[str]:
    """What the breakdown can be split by: the bucket, then every segment column."""
    return ["bucket", *segment_columns(book.features)]


@dataclass(frozen=True)
class Breakdown:
    """The focus scenario's change by rule (the waterfall's steps) and by the split chosen."""

    by_rule: pd.DataFrame
    rules: DisplayTable
    segments: DisplayTable
    by: str


def breakdown(book: Book, priced: Priced) -> Breakdown:
    """Each rule's contribution and the split chosen in the breakdown tab (also in the Excel file)."""
    options = split_options(book)
    by = st.session_state.get(keys.K_BY)
    by = by if by in options else "bucket"
    policy_json, a_key, result = priced.focus_policy_json, priced.assumptions_key, priced.focus_result
    by_rule = whatif.by_rule(book.token, policy_json, a_key, book.view.lang, result)
    segments = tables.segment_table(whatif.by_segment(book.token, policy_json, a_key, by, result), book.view, by=by,
                                    by_title=whatif.segment_title(by))
    return Breakdown(by_rule, tables.rule_table(by_rule, book.view), segments, by)


def breakdown_tab(book: Book, priced: Priced, parts: Breakdown) -> None:
    """The waterfall of one metric, rule by rule, and the change split by bucket or segment."""
    options = split_options(book)
    m1, m2 = st.columns(2)
    metric = persist.choice(m1.selectbox, t("whatif.res.metric"), list(METRICS), key=keys.K_METRIC,
                            default=list(METRICS)[0], options=list(METRICS),
                            format_func={m: t(f"whatif.chart.metric.{m}") for m in METRICS}.get)
    persist.choice(m2.selectbox, t("whatif.res.by"), options, key=keys.K_BY, default="bucket", options=options,
                   format_func={c: whatif.segment_title(c) for c in options}.get)
    before = priced.focus_totals["before"][{"limit": "limit_total"}.get(metric, metric)]
    view, name = book.view, priced.focus_name
    show_chart(memo.chart(lambda: chart_waterfall(parts.by_rule, view, before=before, metric=metric, subtitle=book.defs,
                                                  scenario=name),
                          "waterfall", parts.by_rule, before, metric, book.defs, name, view.lang, view.unit),
               key=keys.K_CHART_WATERFALL, name=t("whatif.file.waterfall"))
    show_display_table(parts.rules, key=keys.K_TABLE_BY_RULE)
    st.markdown(t_data("whatif.res.by_segment_title", by=whatif.segment_title(parts.by), name=priced.focus_name))
    show_display_table(parts.segments, key=keys.K_TABLE_BY_SEGMENT, expanded=True)


def swap_tab(book: Book, priced: Priced) -> None:
    """Accounts only the challenger changes (swap-in) and only the champion changes (swap-out)."""
    ci, fi = priced.champion, priced.focus
    challengers = [i for i in priced.valid if i != ci]
    if not challengers:
        st.info(t("whatif.swap.need_two"))
        return
    # Follow the scenario being edited when it changes; otherwise keep the user's pick.
    s = st.session_state
    if s.get(keys.K_SWAP_WITH) not in challengers or (fi != s.get(keys.K_SWAP_FOLLOWED) and fi in challengers):
        s[keys.K_SWAP_WITH] = fi if fi in challengers else challengers[0]
    s[keys.K_SWAP_FOLLOWED] = fi
    names = {i: whatif.name_of(item) for i, item in enumerate(priced.items)}
    other = persist.choice(st.selectbox, t("whatif.swap.with", champion=names[ci]), challengers, key=keys.K_SWAP_WITH,
                           default=challengers[0], options=challengers, format_func=names.get)
    st.caption(t("whatif.swap.help_three"))
    swaps = swap_set(priced.results[ci], priced.results[other])
    summary = swap_summary(swaps)
    figures = tables.swap_figures(summary, book.view)
    for col, key in zip(st.columns(3), SWAP_GROUPS):
        row = figures[key]
        col.metric(t(f"whatif.swap.{key}"), f"{row['accounts']:,}", help=t(f"whatif.swap.{key}_help"))
        L = book.view.lang
        col.caption(t("whatif.swap.figures", balance=cell_text(row["balance"], "amount", L), unit=book.view.unit_label,
                      el=cell_text(row["el_delta"], "signed_amount", L),
                      revenue=cell_text(row["revenue_delta"], "signed_amount", L)))
    bad = _swap_history(book, priced, ci, other)
    show_display_table(tables.swap_summary_table(summary, book.view, bad), key=keys.K_TABLE_SWAP_SUMMARY,
                       expanded=True)
    _account_rows(tables.swap_table(swaps, book.view), book.view.lang)


def _swap_history(book: Book, priced: Priced, ci: int, other: int) -> dict | None:
    """Each swap group's bad rate over the 12 months after a start a year before the snapshot (or
    the earliest month with a later one), said on screen with the window actually observed."""
    months = [m for m in backtest_months(book.portfolio) if m < book.month]
    if not months:
        st.caption(t("whatif.swap.no_history"))
        return None
    month = months[max(0, len(months) - BACKTEST_LOOKBACK)]
    try:
        bad = whatif.swap_bad_rates(book.token, policy_to_json(whatif.policy_of(priced.items[ci])),
                                    policy_to_json(whatif.policy_of(priced.items[other])), month,
                                    priced.assumptions.no_forced_paydown, book.portfolio, book.view.buckets)
    except PolicyError as exc:
        st.caption(exc.markdown(book.view.lang))
        return None
    st.caption(t("whatif.swap.history", month=bad["month"], end=bad["window_end"], n=bad["months_observed"],
                 dpd=bad["bad_dpd"]))
    if bad["months_observed"] < bad["horizon"]:
        st.caption(t("whatif.bt.short_window", n=bad["months_observed"], horizon=bad["horizon"]))
    return bad


def _account_rows(table: DisplayTable, lang: str) -> None:
    """An account-level table: the largest movers on screen, every account in the download."""
    n = len(table.frame)
    shown = screen_values(table).head(SWAP_ROWS_SHOWN)
    config = {c: st.column_config.NumberColumn(c, format=screen_format(table.kind(c), lang))
              for c in shown.columns if table.kind(c) != "text"}
    with st.expander(escape_markdown(table.title), expanded=False):
        if n > SWAP_ROWS_SHOWN:
            st.caption(t("whatif.swap.top", shown=SWAP_ROWS_SHOWN, n=n))
        st.dataframe(shown, hide_index=True, width="stretch", column_config=config, key=keys.K_TABLE_SWAP)
        st.download_button(t("widgets.download_csv"), data=lambda: export_csv_bytes(screen_values(table)),
                           file_name=f"{table.key}.csv", mime="text/csv", key=keys.K_SWAP_CSV)


def sensitivity_tab(book: Book, priced: Priced) -> None:
    """How deep a cut of the focus scenario's targeted group, for how much loss and revenue."""
    if not priced.focus_result.policy.rules:
        st.info(t_data("whatif.sens.no_rules", name=priced.focus_name))
        return
    st.caption(t_data("whatif.sens.help_two", name=priced.focus_name))
    curves = whatif.sensitivity(book.token, priced.focus_policy_json, priced.assumptions_key, book.features)
    if (curves["accounts"] == 0).all():
        st.info(t("whatif.sens.nobody"))
        return
    # Cuts and raises scaled separately: scaling both at once mixes two decisions in one curve.
    for direction in ("cut", "raise"):
        curve = curves[curves["direction"] == direction].reset_index(drop=True)
        if curve["accounts"].iloc[0] == 0:
            st.caption(t(f"whatif.sens.no_{direction}"))
            continue
        suffix = "" if direction == "cut" else "_raise"
        show_chart(chart_sensitivity(curve, book.view, subtitle=book.defs, direction=direction),
                   key=keys.K_CHART_SENSITIVITY + suffix, name=t("whatif.file.sensitivity") + suffix)
        show_display_table(tables.sensitivity_table(curve, book.view), key=keys.K_TABLE_SENSITIVITY + suffix)


def backtest_tab(book: Book, priced: Priced) -> None:
    """The focus policy applied at an earlier month: whom it would have cut, and what happened next."""
    months = backtest_months(book.portfolio)
    if not months or not priced.focus_result.policy.rules:
        st.info(t("whatif.bt.no_history") if not months else t_data("whatif.sens.no_rules", name=priced.focus_name))
        return
    c1, c2 = st.columns([3, 1])
    horizon = int(persist.choice(c2.number_input, t("whatif.bt.horizon"), min_value=1, max_value=36, step=1,
                                 key=keys.K_BT_HORIZON, default=12))
    if len(months) > 1:
        month = persist.choice(c1.select_slider, t("whatif.bt.month"), months, key=keys.K_BT_MONTH, options=months,
                               default=months[max(0, len(months) - BACKTEST_LOOKBACK)])
    else:
        month = months[0]
        c1.caption(t("whatif.bt.only_month", month=month))
    with st.spinner(t("whatif.spinner.backtest", month=month)):
        try:
            bt = whatif.backtest(book.token, priced.focus_policy_json, month, horizon,
                                 priced.assumptions.no_forced_paydown, book.portfolio, book.view.buckets,
                                 priced.assumptions_key)
        except PolicyError as exc:
            st.warning(exc.markdown(book.view.lang))
            return
    sm = bt["summary"]
    st.markdown(t_data("whatif.bt.summary", month=bt["month"], end=bt["window_end"], n=bt["months_observed"],
                  name=priced.focus_name, bad_share=format_rate(sm["bad_share_of_removed"], 1),
                  bad_cut=format_rate(sm["bad_rate_cut"], 1), bad_not=format_rate(sm["bad_rate_not_cut"], 1)))
    if bt["months_observed"] < horizon:
        st.caption(t("whatif.bt.short_window", n=bt["months_observed"], horizon=horizon))
    show_display_table(tables.backtest_table(bt, book.view), key=keys.K_TABLE_BACKTEST, expanded=True)
    L, unit = book.view.lang, book.view.unit_label
    reasons = sm["left_by_reason"]
    st.markdown(t("whatif.bt.more", left=sm["left_book"], paid=reasons["paid_off"], closed=reasons["closed"],
                  charged=reasons["charged_off"], unknown=reasons["unknown"], late=sm["left_last_seen_31plus"],
                  same_mix=format_rate(sm["bad_rate_not_cut_same_mix"], 1),
                  bad_cut=format_rate(sm["bad_rate_cut_same_buckets"], 1),
                  drawn=cell_text(book.view.scale(sm["drawn_before_default"]), "amount", L),
                  above=cell_text(book.view.scale(sm["drawn_above_new_limit"]), "amount", L), unit=unit,
                  predicted=cell_text(book.view.scale(sm["predicted_loss"]), "amount", L),
                  realised=cell_text(book.view.scale(sm["realised_loss"]), "amount", L)))
    show_display_table(tables.backtest_bucket_table(bt["by_bucket"], book.view), key=keys.K_TABLE_BACKTEST_BUCKET)
    st.caption(t("whatif.bt.definitions", dpd=bt["bad_dpd"]))
