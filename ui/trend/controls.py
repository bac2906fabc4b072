"""The trend page's controls: which series to read (metric, segment), how far to forecast, the events.

:func:`pick_series` draws the pickers and returns a :class:`Selection`, everything the sections
below need to know about the series in view.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.core.definitions import segment_name
from analysis.core import Cubes
from analysis.core.definitions import definitions_line
from analysis.core.i18n import translate
from analysis.core.view import View
from analysis.core.vocabulary import metric_name, metric_notes
from analysis.trend import forecast as fc
from analysis.trend import series as trend
from analysis.trend.display import trend_metrics
from ui import persist, state
from ui.i18n import all_messages, lang, t
from ui.trend import cache, keys


@dataclass(frozen=True)
class Selection:
    """The series the reader picked and how to label it."""

    metric: str
    by: str | None               # segment column, or None for the whole book
    segment: object              # segment value (None for the whole book)
    horizon: int
    model: str
    series: pd.Series | None     # None when the segment has no data
    is_rate: bool
    defs: str                    # the 口径 line of the series
    segments: tuple[str, ...]    # the book's segment columns
    segment_titles: dict         # column (or None) → its title

    @property
    def label(self) -> str:
        return series_name(self.metric, lang())

    @property
    def where(self) -> str:
        """The whole book, or ``column = value``."""
        return self.segment_titles[None] if self.by is None else f"{self.segment_titles[self.by]} = {self.segment}"

    @property
    def has_data(self) -> bool:
        return self.series is not None and bool(self.series.notna().any())


def series_name(metric: str, language: str) -> str:
    """A metric's name; for a book with no balances an amount is a number of accounts, named so."""
    key = f"countonly.metric.{metric}"
    if state.counts_only() and key in all_messages():
        return translate(key, language)
    return metric_name(metric, language)


def segment_title(col: str | None) -> str:
    """A segment column's title (its own name when the catalogue has none)."""
    if col is None:
        return t("trend.whole_book")
    return segment_name(col, lang())


def pick_series(view: View, cubes: Cubes) -> Selection:
    """Metric, segment column and value, horizon and model pickers; the series they pick."""
    token = state.data_token()
    metrics = trend_metrics(cubes.book.money)
    segments = tuple(state.book().segments)
    # Labels as plain dicts: AppTest reads format_func outside the run (docs/ARCHITECTURE.md).
    metric_labels = {m: series_name(m, view.lang) for m in metrics}
    titles = {col: segment_title(col) for col in [None, *segments]}
    c1, c2, c3 = st.columns(3)
    metric = persist.choice(c1.selectbox, t("trend.metric"), metrics, format_func=metric_labels.__getitem__,
                            key=keys.METRIC, default=metrics[0], options=metrics)
    by = persist.choice(c2.selectbox, t("trend.segment_by"), [None, *segments], format_func=titles.__getitem__,
                        key=keys.BY, default=None, options=[None, *segments], placeholder=titles[None])
    table = cache.trend_table(token, cubes, view.measure, by)
    segment = None
    if by is not None:
        # One widget per segment column, so a value of another column is never carried over.
        values = trend.top_segments(table, by, n=10_000)
        segment = persist.choice(c3.selectbox, t("trend.segment"), values, key=keys.segment_key(by),
                                 default=values[0] if values else None, options=values)
    c4, c5 = st.columns(2)
    horizon = persist.choice(c4.slider, t("trend.horizon"), 1, 12, key=keys.HORIZON, default=6, help=t("trend.horizon_help"))
    model_labels = {m: t("trend.model_auto") if m == "auto" else fc.model_label(m, view.lang) for m in ["auto", *fc.MODELS]}
    model = persist.choice(c5.selectbox, t("trend.model"), list(model_labels), key=keys.MODEL, default="auto",
                           options=list(model_labels), help=t("trend.model_help"), format_func=model_labels.__getitem__)
    is_rate = trend.is_rate_metric(metric)
    series = trend.metric_series(table, metric, by, segment) if segment is not None or by is None else None
    return Selection(metric, by, segment, horizon, model, series, is_rate,
                     _definitions(view, series, by, segment, metric), segments, titles)


def _definitions(view: View, series: pd.Series | None, by: str | None, segment: object, metric: str) -> str:
    is_rate = trend.is_rate_metric(metric)
    filters = view.filter_dict if by is None else {**view.filter_dict, by: [segment]}
    months = (str(series.index.min()), str(series.index.max())) if series is not None and len(series) else None
    # Amounts are balances whatever the measure; rates follow the sidebar's balance/count choice.
    # The rate thresholds (1, 31, 91 days) do not depend on the bucket scheme, so no bucket edges here.
    return definitions_line(view.lang, measure=view.measure if is_rate else "balance", months=months,
                            filters=filters, extra=[t("trend.defs.thresholds"), *metric_notes(metric, view.lang)])


def events_editor() -> pd.DataFrame:
    """The timeline events editor (edited here, drawn on every trend chart; not while presenting); returns the events."""
    if state.presentation():
        return state.events()
    with st.expander(t("trend.events.title"), expanded=False):
        st.caption(t("trend.events.help"))
        shared = state.events()
        base, key = keys.events_base(shared)
        edited = st.data_editor(
            base, num_rows="dynamic", hide_index=True, width="stretch", key=key,
            column_config={"month": st.column_config.TextColumn(t("trend.events.month"), help=t("trend.events.month_help")),
                           "label": st.column_config.TextColumn(t("trend.events.label"), width="large")},
        )
        clean, bad = trend.clean_events(edited)
        if bad:
            st.warning(t("trend.events.bad", n=bad))
        if not clean.equals(shared):
            state.set_events(clean)
        keys.events_saved(clean)
    return state.events()
