"""Cached calls of the aging page: the cubes it reads and the slower analyses it caches.

Every aggregate comes from the session's :class:`analysis.core.Cubes` (:func:`ui.state.cubes`),
built once per data token (data × filters × buckets); every widget change afterwards works on
them. Cached functions take the token as a plain argument and big objects as underscore
arguments, so Streamlit hashes a short string instead of millions of rows.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.aging import rates as aging
from analysis.aging import vintage
from analysis.core import Cubes, attach_states
from analysis.core.schema import BLANK_SEGMENT
from analysis.trend.series import entry_rates
from ui import sharing


@dataclass(frozen=True)
class AgingCubes:
    """The small aggregates every view of the page reads (never mutate them)."""

    aging: pd.DataFrame      # month × bucket (whole book)
    rolls: pd.DataFrame      # month × from-bucket × to-bucket
    rates: pd.DataFrame      # month: totals and delinquent totals
    dpd: pd.DataFrame        # month × DPD value
    classes: pd.DataFrame    # month × the bank's own class × DPD value (no columns: the file has none)
    months: tuple[str, ...]  # months in the data, sorted
    roll_months: tuple[str, ...]  # from-months that have a next month in the book


@sharing.cache_resource(max_entries=4, show_spinner=False)
def cubes(token: str, _cubes: Cubes) -> AgingCubes:
    """The page's whole-book cubes, read once per data token."""
    rolls = _cubes.transitions()
    return AgingCubes(
        aging=_cubes.aging(), rolls=rolls, rates=_cubes.rates(), dpd=_cubes.dpd(), classes=_cubes.classes(),
        months=tuple(_cubes.months),
        roll_months=tuple(aging.months_of(rolls)) if len(rolls) else (),
    )


def segment_values(_cubes: Cubes, by: str) -> list[str]:
    """The values of a segment column, in the data's own order (for the drill-down picker)."""
    known = _cubes.book.categories.get(by)
    in_cube = [str(v) for v in _cubes.aging(by)[by].cat.categories]
    if known is None:
        return in_cube
    # the rows without a value are the cubes' blank segment, last
    return list(known) + ([BLANK_SEGMENT] if BLANK_SEGMENT in in_cube and BLANK_SEGMENT not in known else [])


def segment_cube(token: str, _cubes: Cubes, by: str) -> pd.DataFrame:
    """Month × segment × bucket, for the segment the user picked (kept by the cubes)."""
    return _cubes.aging(by)


@sharing.cache_data(max_entries=8, show_spinner=False)
def all_roll_rates(token: str, _rolls: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Roll rates of every month pair (flow chain, cure and entry rates read these)."""
    return aging.roll_rates_all(_rolls, measure)


@sharing.cache_data(max_entries=8, show_spinner=False)
def flow_chain(token: str, _rolls: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.aging.rates.flow_rates` of every month pair (~0.3 s of pandas on the
    bench book: paid once, not on each rerun of the roll-rate tab)."""
    return aging.flow_rates(all_roll_rates(token, _rolls, measure))


@sharing.cache_data(max_entries=8, show_spinner=False)
def entry_rates_of(token: str, _rolls: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.trend.series.entry_rates` of the transition cube."""
    return entry_rates(_rolls, measure)


@sharing.cache_data(max_entries=8, show_spinner=False)
def vintage_triangle(token: str, _cubes: Cubes, cohort: str, metric: str, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.aging.vintage.vintage_triangle` of the vintage cube."""
    return vintage.vintage_triangle(_cubes.vintage(), cohort=cohort, metric=metric, measure=measure)


@sharing.cache_data(max_entries=8, show_spinner=False)
def first_payment_default(token: str, _cubes: Cubes, threshold: int, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.aging.rates.first_payment_default` of the early-MOB cube."""
    return aging.first_payment_default(_cubes.early_mob(), dpd_threshold=threshold, measure=measure)


@sharing.cache_data(max_entries=8, show_spinner=False)
def drill_down(token: str, _cubes: Cubes, _portfolio: pd.DataFrame, month: str,
               bucket: str | tuple[str, ...] | None, by: str | None, segment: object, masked: bool) -> pd.DataFrame:
    """Cached :func:`analysis.aging.rates.drill_down`: the month's rows with their bucket and next
    month's bucket from the data core (PII masked unless ``masked`` is False)."""
    return aging.drill_down(month_rows_with_states(token, _cubes, _portfolio, month), month, bucket=bucket, by=by,
                            segment=segment, masked=masked)


@sharing.cache_resource(max_entries=2, show_spinner=False)
def month_rows_with_states(token: str, _cubes: Cubes, _portfolio: pd.DataFrame, month: str) -> pd.DataFrame:
    """The month's rows with their bucket and next month's state, once per month: the next cell
    the reader clicks in the same month (another bucket, a segment) only filters them. Read-only."""
    rows = _portfolio[(_portfolio["month"] == month).to_numpy()]
    return attach_states(rows, _cubes.states(month))
