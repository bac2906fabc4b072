"""The tables of the causes page as :class:`~analysis.core.tables.DisplayTable`\\ s.

Numbers stay numbers (shares as shares, amounts in the reader's unit); how they are written is the
display-table layer's business, so the screen, the CSV and the workbook agree with the report.
Each builder takes the page context for its titles and the reader's view.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from analysis.causes.decomposition import RateChange
from analysis.causes.drivers import LogitResult
from analysis.core.i18n import translate
from analysis.core.tables import MISSING, DisplayTable, display_table, screen_formats, screen_values
from analysis.core.vocabulary import action_label
from ui.causes.context import CausesPage


def _balance(page: CausesPage) -> str:
    return page.tr("causes.col.balance", unit=page.view.unit_label)


def pareto_table(page: CausesPage, responses: pd.DataFrame, month: str) -> DisplayTable:
    """The Pareto of causes with the response each calls for (:func:`~analysis.causes.dictionary.cause_responses`)."""
    lang = page.view.lang
    return display_table(f"causes_pareto_{month}", page.tr("causes.pareto.title"), [
        (page.tr("causes.col.cause"), "text", [page.cause_name(c) for c in responses["cause"]]),
        (page.tr("causes.col.accounts"), "count", responses["count"]),
        (_balance(page), "amount", page.view.scale(responses["balance"])),
        (page.tr("causes.col.count_share"), "rate", responses["count_share"]),
        (page.tr("causes.col.balance_share"), "rate", responses["balance_share"]),
        (page.tr("causes.col.cumulative"), "rate", responses["cumulative_share"]),
        (page.tr("causes.col.response"), "text", [action_label(a, lang) for a in responses["response"]]),
    ])


def responses_table(page: CausesPage, responses: pd.DataFrame) -> DisplayTable:
    """Each cause's typical response, with the accounts and balance it applies to."""
    return display_table("causes_responses", page.tr("causes.responses.title"), [
        (page.tr("causes.col.cause"), "text", [page.cause_name(c) for c in responses["cause"]]),
        (page.tr("causes.col.response"), "text", [action_label(a, page.view.lang) for a in responses["response"]]),
        (page.tr("causes.col.accounts"), "count", responses["count"]),
        (_balance(page), "amount", page.view.scale(responses["balance"])),
    ])


def breakdown_table(page: CausesPage, frame: pd.DataFrame, by: str, label: Callable[[object], str], by_title: str,
                    key: str, title: str) -> DisplayTable:
    """Cause × group (:func:`~analysis.causes.dictionary.cause_breakdown` or ``cause_trend``), groups that occur."""
    rows = frame[frame["count"] > 0]
    return display_table(key, title, [
        (by_title, "text", [label(v) for v in rows[by]]),
        (page.tr("causes.col.cause"), "text", [page.cause_name(str(c)) for c in rows["cause"]]),
        (page.tr("causes.col.accounts"), "count", rows["count"]),
        (_balance(page), "amount", page.view.scale(rows["balance"])),
        (page.tr("causes.col.count_share_in"), "rate", rows["count_share"]),
        (page.tr("causes.col.balance_share_in"), "rate", rows["balance_share"]),
    ])


def classes_table(page: CausesPage, summary: pd.DataFrame, dimension: str, month: str) -> DisplayTable:
    """The overdue book by class (:func:`~analysis.causes.dictionary.class_summary`)."""
    lang = page.view.lang
    return display_table(f"causes_classes_{dimension}_{month}", page.tr("causes.classes.title"), [
        (translate(f"causes.class.{dimension}", lang), "text",
         [translate(f"causes.{dimension}.{k}", lang) for k in summary["class"]]),
        (page.tr("causes.col.accounts"), "count", summary["count"]),
        (_balance(page), "amount", page.view.scale(summary["balance"])),
        (page.tr("causes.col.count_share"), "rate", summary["count_share"]),
        (page.tr("causes.col.balance_share"), "rate", summary["balance_share"]),
    ])


def reasons_table(page: CausesPage, detail: pd.DataFrame, key: str = "causes_reasons") -> DisplayTable:
    """Every distinct reason text with its cause, deciding keyword and occurrences."""
    return display_table(key, page.tr("causes.dict.title"), [
        (page.tr("causes.col.reason"), "text", detail["reason"].astype(str)),
        (page.tr("causes.col.cause"), "text", [page.cause_name(c) for c in detail["cause"]]),
        (page.tr("causes.col.keyword"), "text", detail["keyword"].astype("string").fillna("")),
        (page.tr("causes.col.count"), "count", detail["count"]),
    ])


def unclassified_table(page: CausesPage, examples: pd.DataFrame) -> DisplayTable:
    """Reason texts no keyword matched, most frequent first."""
    return display_table("causes_unclassified", page.tr("causes.dict.unclassified_share"), [
        (page.tr("causes.col.reason"), "text", examples["reason"].astype(str)),
        (page.tr("causes.col.count"), "count", examples["count"]),
    ])


def segment_rates_table(page: CausesPage, rates: pd.DataFrame, by: str, flag: str, month: str) -> DisplayTable:
    """Each segment's bad rate against the book's, with its tests (:func:`~analysis.causes.drivers.segment_rates`)."""
    p, p_adj = page.tr("causes.drivers.col.p"), page.tr("causes.drivers.col.p_adj")
    return display_table(f"segment_rates_{by}_{month}", page.tr("causes.drivers.segments.title"), [
        (page.seg_title(by), "text", rates["segment"]),
        (page.tr("causes.col.accounts"), "count", rates["count"]),
        (page.tr("causes.drivers.col.bad", flag=flag), "count", rates["bad"]),
        (page.tr("causes.drivers.col.rate"), "rate", rates["rate"]),
        (page.tr("causes.drivers.col.balance_rate"), "rate", rates["balance_rate"]),
        (page.tr("causes.drivers.col.diff"), "pp", rates["diff"]),
        (p, "number", rates["p_value"]),
        (p_adj, "number", rates["p_adjusted"]),
        (page.tr("causes.drivers.col.verdict"), "text",
         [translate(f"causes.direction.{d}", page.view.lang) for d in rates["direction"]]),
    ], decimals={p: 4, p_adj: 4})


def iv_table(page: CausesPage, iv: pd.DataFrame, names: dict[str, str], month: str) -> DisplayTable:
    """Information value per attribute (:func:`~analysis.causes.drivers.information_value`)."""
    return display_table(f"iv_ranking_{month}", page.tr("causes.drivers.iv.title"), [
        (page.tr("causes.drivers.col.attribute"), "text", [names[a] for a in iv["attribute"]]),
        ("IV", "number", iv["iv"]),
        (page.tr("causes.drivers.col.strength"), "text",
         [translate(f"causes.iv.{s}", page.view.lang) for s in iv["strength"]]),
        (page.tr("causes.drivers.col.riskiest"), "text", iv["riskiest_bin"].astype(str)),
        (page.tr("causes.drivers.col.riskiest_rate"), "rate", iv["riskiest_rate"]),
    ], decimals={"IV": 4})


def woe_table(page: CausesPage, woe: pd.DataFrame, flag: str) -> DisplayTable:
    """One attribute's bins with their bad rate, WoE and IV (:func:`~analysis.causes.drivers.woe_table`)."""
    return display_table("woe", page.tr("causes.drivers.woe.title"), [
        (page.tr("causes.drivers.col.bin"), "text", woe["bin"].astype(str)),
        (page.tr("causes.col.accounts"), "count", woe["count"]),
        (page.tr("causes.drivers.col.bad", flag=flag), "count", woe["bad"]),
        (page.tr("causes.drivers.col.rate"), "rate", woe["bad_rate"]),
        ("WoE", "number", woe["woe"]),
        ("IV", "number", woe["iv"]),
    ], decimals={"WoE": 4, "IV": 4})


def odds_table(page: CausesPage, fit: LogitResult, names: dict[str, str], month: str) -> DisplayTable:
    """The logistic model's odds ratios with their 95 % intervals and p-values."""
    table = fit.table
    columns = [page.tr(f"causes.drivers.col.{c}") for c in ("or", "ci_low", "ci_high", "p")]
    return display_table(f"odds_ratios_{month}", page.tr("causes.drivers.model.title"), [
        (page.tr("causes.drivers.col.attribute"), "text", [names.get(a, a) for a in table["attribute"]]),
        (page.tr("causes.drivers.col.level"), "text", table["level"]),
        (page.tr("causes.drivers.col.reference"), "text", table["reference"]),
        # Steps are round numbers (1, 0.05, 1,000): written as they are, not to a fixed precision.
        (page.tr("causes.drivers.col.step"), "text", [None if pd.isna(s) else f"{s:,g}" for s in table["step"]]),
        *[(title, "number", table[c]) for title, c in zip(columns, ("odds_ratio", "ci_low", "ci_high", "p_value"))],
    ], decimals={c: 4 for c in columns})


def psi_table(page: CausesPage, trend: pd.DataFrame, column: str) -> DisplayTable:
    """PSI per month against its reference month (:func:`~analysis.causes.stability.psi_trend`)."""
    return display_table(f"psi_{column}", page.tr("causes.psi.verdict"), [
        (page.tr("causes.col.month"), "text", trend["month"]),
        (page.tr("causes.psi.col.reference"), "text", trend["reference_month"]),
        ("PSI", "number", trend["psi"]),
        (page.tr("causes.psi.verdict"), "text",
         [translate(f"causes.psi.{v}", page.view.lang) for v in trend["verdict"]]),
    ], decimals={"PSI": 4})


def psi_detail_table(page: CausesPage, detail: pd.DataFrame, month: str, reference: str) -> DisplayTable:
    """Each band's share in the two months and its part of the PSI (:func:`~analysis.causes.stability.psi_detail`)."""
    contribution = page.tr("causes.psi.col.contribution")
    return display_table(f"psi_detail_{month}", page.tr("causes.psi.detail"), [
        (page.tr("causes.psi.col.band"), "text", detail["band"].astype(str)),
        (page.tr("causes.psi.col.ref_share", month=reference), "rate", detail["reference_share"]),
        (page.tr("causes.psi.col.share", month=month), "rate", detail["share"]),
        (page.tr("causes.psi.col.change"), "pp", detail["change"]),
        (contribution, "number", detail["contribution"]),
    ], decimals={contribution: 5})


def change_table(page: CausesPage, change: RateChange, by: str) -> DisplayTable:
    """Each segment's weights, rates, mix and rate effects (:class:`~analysis.causes.decomposition.RateChange`)."""
    seg, m_from, m_to = change.segments, change.month_from, change.month_to
    rate_from = page.tr("causes.change.col.rate_from", month=m_from)
    rate_to = page.tr("causes.change.col.rate_to", month=m_to)
    effects = [page.tr(f"causes.change.col.{c}") for c in ("mix", "rate", "total")]
    return display_table(f"rate_change_{by}_{m_from}_{m_to}", page.tr("causes.tab.change"), [
        (page.seg_title(by), "text", seg["segment"]),
        (page.tr("causes.change.col.weight_from", month=m_from), "rate", seg["weight_from"]),
        (page.tr("causes.change.col.weight_to", month=m_to), "rate", seg["weight_to"]),
        (rate_from, "rate", seg["rate_from"]),
        (rate_to, "rate", seg["rate_to"]),
        *[(title, "pp", seg[c]) for title, c in zip(effects, ("mix_effect", "rate_effect", "total_effect"))],
    ], decimals={rate_from: 3, rate_to: 3, **{e: 4 for e in effects}})


def show_inline(table: DisplayTable, lang: str, key: str, **kwargs) -> None:
    """A display table in the page's flow (not collapsed under a chart), formatted as everywhere else."""
    config = {c: st.column_config.NumberColumn(c, format=f) for c, f in screen_formats(table, lang).items()}
    st.dataframe(screen_values(table), hide_index=True, width="stretch", key=key, column_config=config,
                 placeholder=MISSING, **kwargs)
