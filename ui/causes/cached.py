"""Cached calls of the causes page.

Row work happens once per data token (data × filters × buckets) and dictionary: classifying the
overdue rows, cutting a month's cross-section for the drivers, banding for PSI. Every widget
change afterwards works on those results. Cached functions take the token (and a short hash of
the user's dictionary or class table) as plain arguments and frames as underscore arguments, so
Streamlit hashes short strings instead of millions of rows.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.causes import decomposition, drivers, stability
from analysis.causes import dictionary as causes
from analysis.core import Cubes
from analysis.core.buckets import Buckets, assign_buckets
from ui import memo, sharing


def has_reasons(portfolio: pd.DataFrame) -> bool:
    """True when the data has an overdue reason column with at least one text in it."""
    return "overdue_reason" in portfolio.columns and bool(portfolio["overdue_reason"].notna().any())



@sharing.cache_resource(max_entries=2, show_spinner=False)
def rows(token: str, _portfolio: pd.DataFrame, _buckets: Buckets) -> pd.DataFrame:
    """The filtered account rows with their bucket (reasons, drivers and stability read rows).

    The new column shares the portfolio's other columns (copy-on-write), so this is not a copy.
    """
    return _portfolio.assign(bucket=assign_buckets(_portfolio["days_past_due"].to_numpy(), _buckets))


def book_rates(token: str, _cubes: Cubes) -> pd.DataFrame:
    """Per month: accounts, balance and overdue totals of the book (what the causes must add up to)."""
    return _cubes.rates().set_index("month")


@sharing.cache_data(max_entries=8, show_spinner=False)
def has_reasons_cached(token: str, _rows: pd.DataFrame) -> bool:
    return has_reasons(_rows)


@sharing.cache_resource(max_entries=4, show_spinner=False)
def overdue_causes(token: str, dict_key: str, class_key: str, _rows: pd.DataFrame, _dictionary: pd.DataFrame,
                   _classes: pd.DataFrame) -> pd.DataFrame:
    """The overdue account-months with cause and classes (classified once per unique text)."""
    return causes.overdue_causes(_rows, _dictionary, _classes)


@sharing.cache_data(max_entries=8, show_spinner=False)
def reason_detail(token: str, dict_key: str, _rows: pd.DataFrame, _dictionary: pd.DataFrame) -> pd.DataFrame:
    """Every distinct reason text of the overdue rows with its cause and deciding keyword."""
    rows = _rows.loc[_rows["days_past_due"].to_numpy() >= 1, "overdue_reason"]
    return causes.classify_detail(rows, _dictionary)


@sharing.cache_data(max_entries=8, show_spinner=False)
def pareto(token: str, dict_key: str, class_key: str, _causes: pd.DataFrame, month: str, measure: str) -> pd.DataFrame:
    return causes.cause_pareto(_causes, month, measure)


@sharing.cache_data(max_entries=8, show_spinner=False)
def breakdown(token: str, dict_key: str, class_key: str, _causes: pd.DataFrame, by: str, month: str) -> pd.DataFrame:
    return causes.cause_breakdown(_causes, by, month)


@sharing.cache_data(max_entries=8, show_spinner=False)
def trend(token: str, dict_key: str, class_key: str, _causes: pd.DataFrame) -> pd.DataFrame:
    return causes.cause_trend(_causes)


@sharing.cache_resource(max_entries=4, show_spinner=False)
def driver_frame(token: str, _rows: pd.DataFrame, month: str, min_dpd: int) -> pd.DataFrame:
    """One month's accounts with attributes and the bad flag (shared by the drivers views)."""
    return drivers.driver_frame(_rows, month, min_dpd)


@sharing.cache_data(max_entries=8, show_spinner=False)
def segment_rates(token: str, _frame: pd.DataFrame, month: str, min_dpd: int, by: str) -> tuple[pd.DataFrame, dict]:
    memo.statsmodels_ready()  # the significance tests import statsmodels
    return drivers.segment_rates(_frame, by), drivers.segment_independence(_frame, by)


@sharing.cache_data(max_entries=8, show_spinner=False)
def information_value(token: str, _frame: pd.DataFrame, month: str, min_dpd: int) -> pd.DataFrame:
    return drivers.information_value(_frame)


@sharing.cache_data(max_entries=8, show_spinner=False)
def woe_table(token: str, _frame: pd.DataFrame, month: str, min_dpd: int, attribute: str) -> pd.DataFrame:
    return drivers.woe_table(_frame, attribute)


@sharing.cache_data(max_entries=8, show_spinner=False)
def logistic(token: str, _frame: pd.DataFrame, month: str, min_dpd: int, attributes: tuple[str, ...]):
    memo.statsmodels_ready()
    return drivers.logistic_drivers(_frame, list(attributes))


@sharing.cache_data(max_entries=8, show_spinner=False)
def psi_trend(token: str, _rows: pd.DataFrame, column: str, reference: str, measure: str) -> pd.DataFrame:
    return stability.psi_trend(_rows, column, reference=reference, measure=measure)


@sharing.cache_data(max_entries=8, show_spinner=False)
def psi_detail(token: str, _rows: pd.DataFrame, column: str, month: str, reference_month: str,
               measure: str) -> pd.DataFrame:
    return stability.psi_detail(_rows, column, month, reference_month, measure=measure)


def segment_rate_cube(token: str, _cubes: Cubes, by: str) -> pd.DataFrame:
    """The rate cube by one segment (the input of the change decomposition)."""
    return _cubes.rates(by)


@sharing.cache_data(max_entries=8, show_spinner=False)
def decompose(token: str, _rates: pd.DataFrame, by: str, month_from: str, month_to: str, metric: str,
              measure: str) -> decomposition.RateChange:
    return decomposition.decompose_rate_change(_rates, by, month_from, month_to, metric, measure)
