"""The sections and tabs of the what-if page (额度策略模拟), one named function each.

``pages/whatif.py`` calls them in screen order: :func:`open_book` (snapshot and 口径 line),
:func:`assumptions_section`, :func:`scenarios_section`, :func:`price_scenarios`, then
:func:`result_cards`, :func:`comparison_section`, the four tabs (:mod:`ui.whatif.tabs`) and
:func:`download_results`.
Figures come from :mod:`analysis.whatif` (amounts in 元) and are scaled once, through the view
context or a :class:`~analysis.core.tables.DisplayTable`.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd
import streamlit as st

from analysis.charts.whatif import chart_scenarios
from analysis.core import Cubes
from analysis.core.definitions import definitions_line
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.tables import DisplayTable, display_table
from analysis.core.units import format_amount, format_rate
from analysis.core.view import View
from analysis.whatif import tables
from analysis.whatif.account_pd import CREDIBILITY_K
from analysis.whatif.compare import compare_policies
from analysis.whatif.pd import absorbing_keys, apply_pd_edits, estimation_months
from analysis.whatif.policy import (
    Assumptions, PolicyError, ScenarioResult, compare_scenarios, policy_to_json, rate_note, scenario_totals,
)
from ui import memo, persist, shared_settings, state
from analysis.core.markup import escape_markdown
from analysis.core.i18n import translate
from ui.i18n import all_messages, t, t_data
from ui.whatif import editor, keys
from ui.whatif import state as whatif
from ui.widgets import definitions, show_chart, show_display_table



@dataclass(frozen=True)
class Book:
    """What every section reads: the rows, the snapshot features and how the reader views them."""

    token: str
    portfolio: pd.DataFrame
    features: pd.DataFrame
    view: View
    defs: str
    has_rate: bool
    cubes: Cubes

    @property
    def month(self) -> str:
        return str(self.view.month)


@dataclass(frozen=True)
class Priced:
    """The scenarios priced with one set of assumptions (``None`` where a scenario's rules fail)."""

    items: list
    results: list
    focus: int
    champion: int
    assumptions: Assumptions
    assumptions_key: str
    pd_sources: list
    token: str = ""
    policy_jsons: tuple = ()   # each item's policy as JSON (the cache key of its result)

    @property
    def valid(self) -> list[int]:
        return [i for i, r in enumerate(self.results) if r is not None]

    @property
    def focus_item(self) -> dict:
        return self.items[self.focus]

    @property
    def focus_result(self) -> ScenarioResult:
        return self.results[self.focus]

    def totals(self, i: int) -> dict:
        """:func:`scenario_totals` of scenario ``i`` (cached per data, policy and assumptions)."""
        if not self.policy_jsons:  # built by hand, without the cache keys
            return scenario_totals(self.results[i])
        return whatif.totals(self.token, self.policy_jsons[i], self.assumptions_key, self.results[i])

    @cached_property
    def focus_totals(self) -> dict:
        """:func:`scenario_totals` of the focus scenario (the cards and the waterfall read it)."""
        return self.totals(self.focus)

    @property
    def focus_name(self) -> str:
        return whatif.name_of(self.focus_item)

    @property
    def focus_policy_json(self) -> str:
        return policy_to_json(whatif.policy_of(self.focus_item))


def has_limits(portfolio: pd.DataFrame) -> bool:
    """Whether the data carries credit limits (what-if has nothing to work on without them)."""
    return "credit_limit" in portfolio.columns and bool(portfolio["credit_limit"].notna().any())


def stop_without_limits() -> None:
    """The empty state of a book without credit limits: say where to map them, then stop."""
    st.info(t("whatif.empty.no_limit"))
    st.page_link("pages/upload.py", label=t("whatif.empty.go_upload"), icon=":material/upload_file:")
    st.stop()


def open_book() -> Book:
    """The latest snapshot of every account, the 口径 line, and a note on accounts without limits."""
    portfolio, cubes = whatif.history()
    token = state.data_token()
    with st.spinner(t("whatif.spinner.features")):
        feats = whatif.features(token, portfolio, state.buckets())
    view = state.view(month=str(feats["month"].iloc[0]))
    defs = definitions_line(view.lang, buckets=view.buckets, month=view.month,
                            filters=state.active_filters_for_definitions(), extra=[t("whatif.defs.model")])
    definitions(defs)
    no_limit = int(feats["credit_limit"].isna().sum())
    if no_limit:
        st.caption(t("whatif.note.no_limit_accounts", n=no_limit, total=len(feats)))
    has_rate = "interest_rate" in feats.columns and bool(feats["interest_rate"].notna().any())
    index = whatif.row_index(portfolio)  # its months: not read from every row again
    first = index.months[0] if index is not None else str(portfolio["month"].min())
    st.caption(t("whatif.note.history", end=view.month, first=first))
    return Book(token, portfolio, feats, view, defs, has_rate, cubes)


# --- 1 · assumptions ------------------------------------------------------------------------

def assumptions_section(book: Book) -> tuple[Book, Assumptions, pd.DataFrame]:
    """The assumption widgets and the PD editor, then the assumptions stated in one sentence.

    Returns the book (its snapshot carrying each account's own PD when that is on), the
    assumptions and the PD table they started from (method and sources).
    """
    whatif.init_assumption_widgets()
    method = st.session_state[keys.K_PD_METHOD]
    with st.spinner(t("whatif.spinner.pd")):
        pd_tab = whatif.pd_table(book.token, book.portfolio, book.cubes, book.view.buckets, method, book.view.lang)
    if state.presentation():  # no inputs: the assumptions and PDs as set at the desk
        edited = persist.kept_table(keys.pd_editor_key(book.token, method), _editable_pds(book.view, pd_tab))
    else:
        with st.expander(t("whatif.asm.edit"), expanded=False):
            c1, c2 = st.columns([2, 3])
            with c1:
                _assumption_inputs(book.has_rate)
            with c2:
                edited = _pd_editor(book, pd_tab)
    pd_map, edited_pd = apply_pd_edits(pd_tab, edited["pd"].tolist())
    cells = whatif.cells(book.token, book.portfolio, book.view.buckets) if whatif.account_level_wanted() else None
    if cells is not None:
        floor = whatif.floor_share()
        feats = whatif.features_with_pd(book.token, json.dumps(pd_map, sort_keys=True), floor, book.features, cells,
                                        book.view.buckets)
        book = replace(book, features=feats)
    assumptions = whatif.assumptions(pd_map, book.has_rate, account_level=cells is not None)
    _assumptions_summary(book.view, assumptions, pd_tab, edited_pd)
    _account_pd_note(book, assumptions, pd_map, cells)
    return book, assumptions, pd_tab


def _account_pd_note(book: Book, a: Assumptions, pd_map: dict, cells) -> None:
    """Say whether PDs are per account (and on what), the floor, and the calibration table."""
    if cells is None:
        st.caption(t("whatif.asm.pd_level_bucket_short" if whatif.account_level_wanted() else "whatif.asm.pd_level_bucket",
                     floor=format_rate(a.pd_floor, 2)))
        return
    parts = [t("whatif.col.bucket")]
    if cells.attrs["uses_score"]:
        parts.append(t("whatif.asm.score_bands", n=len(cells.attrs["score_edges"]) + 1))
    if cells.attrs["uses_util"]:
        parts.append(t("whatif.asm.util_bands"))
    st.caption(t("whatif.asm.pd_level_account", cells=" × ".join(parts), k=int(CREDIBILITY_K),
                 floor=format_rate(a.pd_floor, 2), first=cells.attrs["from_month"], last=cells.attrs["to_month"],
                 windows=int(cells["n"].sum())))
    if state.presentation():
        return
    cal = whatif.calibration(book.token, json.dumps(pd_map, sort_keys=True), a.pd_floor, book.portfolio, cells,
                             book.view.buckets)
    show_display_table(tables.calibration_table(cal, book.view), key=keys.K_TABLE_CALIBRATION)


def _assumption_inputs(has_rate: bool) -> None:
    """LGD, CCF, headroom drawn and the default rate (in percent), the rate and paydown toggles."""
    for key, label in ((keys.K_LGD, "lgd"), (keys.K_CCF, "ccf"), (keys.K_DRAW, "draw")):
        if key == keys.K_DRAW:  # the what-if page's own
            st.number_input(t(f"whatif.asm.{label}"), 0.0, 100.0, step=5.0, key=key, persist_state="session",
                            help=t(f"whatif.asm.{label}_help"))
        else:  # shared with the provisions page, kept by ui.shared_settings (not by Streamlit)
            shared_settings.shared_widget(st.number_input, t(f"whatif.asm.{label}"), key, st.session_state.get(key),
                                          min_value=0.0, max_value=100.0, step=5.0, help=t(f"whatif.asm.{label}_help"))
    shared_settings.shared_widget(st.number_input, t("whatif.asm.rate"), keys.K_RATE, st.session_state.get(keys.K_RATE),
                                  min_value=0.0, max_value=100.0, step=0.5, help=t("whatif.asm.rate_help"))
    if has_rate:
        shared_settings.shared_widget(st.toggle, t("whatif.asm.use_mapped"), keys.K_USE_MAPPED,
                                      st.session_state.get(keys.K_USE_MAPPED, True))
    else:
        st.caption(t("whatif.asm.no_rate_column"))
    shared_settings.snapshot((keys.K_LGD, keys.K_CCF, keys.K_RATE, keys.K_USE_MAPPED))
    st.toggle(t("whatif.asm.paydown"), key=keys.K_PAYDOWN, persist_state="session", help=t("whatif.asm.paydown_help"))
    st.toggle(t("whatif.asm.pd_account"), key=keys.K_PD_ACCOUNT, persist_state="session",
              help=t("whatif.asm.pd_account_help"))
    st.number_input(t("whatif.asm.funding"), 0.0, 100.0, step=0.25, key=keys.K_FUNDING, persist_state="session",
                    help=t("whatif.asm.funding_help"))
    st.number_input(t("whatif.asm.opex"), 0.0, None, step=10.0, key=keys.K_OPEX, persist_state="session",
                    help=t("whatif.asm.opex_help"))
    st.number_input(t("whatif.asm.raise_draw"), 0.0, 100.0, step=5.0, key=keys.K_RAISE_DRAW, persist_state="session",
                    help=t("whatif.asm.raise_draw_help"))
    st.number_input(t("whatif.asm.uplift"), 0.0, 10.0, step=0.1, key=keys.K_UPLIFT, persist_state="session",
                    help=t("whatif.asm.uplift_help"))
    st.number_input(t("whatif.asm.pd_floor"), 0.0, 99.0, step=0.01, format="%.2f", key=keys.K_PD_FLOOR,
                    persist_state="session", help=t("whatif.asm.pd_floor_help"))


def _pd_editor(book: Book, pd_tab: pd.DataFrame) -> pd.DataFrame:
    """The PD method and the PD per bucket, in percent, for the reader to type over."""
    methods = ("auto", "markov", "observed")
    st.selectbox(t("whatif.asm.pd_method"), list(methods), key=keys.K_PD_METHOD, persist_state="session",
                 format_func={m: t(f"whatif.asm.pd_method.{m}") for m in methods}.get)
    view = book.view
    key = keys.pd_editor_key(book.token, st.session_state[keys.K_PD_METHOD])
    edited = st.data_editor(
        persist.editor_input(key, _editable_pds(view, pd_tab)), key=key, hide_index=True,
        width="stretch", disabled=["bucket", "source"],
        column_config={
            "bucket": st.column_config.TextColumn(t("whatif.col.bucket")),
            "pd": st.column_config.NumberColumn(t("whatif.asm.pd_col"), min_value=0.0, max_value=100.0,
                                                step=0.1, format="%.2f%%", required=True),
            "source": st.column_config.TextColumn(t("whatif.asm.source_col"), width="large"),
        },
    )
    persist.keep_table(key, edited)
    absorbing = "/".join(tables.bucket_label(view, k) for k in absorbing_keys(view.buckets))
    st.caption(t("whatif.asm.pd_help", absorbing=absorbing))
    return edited


def _editable_pds(view: View, pd_tab: pd.DataFrame) -> pd.DataFrame:
    """The PD table as the editor shows it: bucket names, PD in percent, where each came from."""
    return pd.DataFrame({
        "bucket": [tables.bucket_label(view, b) for b in pd_tab["bucket"]],
        "pd": pd_tab["pd"].to_numpy() * 100.0,  # the editor shows and takes percent
        "source": pd_tab["source"].to_numpy(),
    })


def _estimation_line(pd_tab: pd.DataFrame) -> str:
    """Which months the PDs (and the roll rates behind them) came from, 12-month horizon stated."""
    span = estimation_months(pd_tab)
    if span is None:
        return t("whatif.asm.months_none")
    return t("whatif.asm.months", first=span[0], last=span[1])


def _assumptions_summary(view: View, a: Assumptions, pd_tab: pd.DataFrame, edited_pd: bool) -> None:
    pds = t("whatif.list_sep").join(f"{tables.bucket_label(view, b)} {format_rate(p, 1)}"
                                    for b, p in a.pd_by_bucket.items())
    st.markdown(t(
        "whatif.asm.summary", lgd=format_rate(a.lgd, 0), ccf=format_rate(a.ccf, 0),
        draw=format_rate(a.draw_share, 0), rate=format_rate(a.interest_rate, 1),
        rate_source=t("whatif.asm.rate_mapped") if a.use_mapped_rate else t("whatif.asm.rate_default"),
        paydown=t("whatif.asm.paydown_on") if a.no_forced_paydown else t("whatif.asm.paydown_off"),
        pds=pds, pd_source=t("whatif.asm.pd_edited") if edited_pd else t(f"whatif.asm.pd_from.{pd_tab['method'].iloc[0]}"),
    ))
    st.caption(_estimation_line(pd_tab))


# --- 2 · scenarios and rules ----------------------------------------------------------------

def scenarios_section(book: Book) -> None:
    """Pick the scenario to edit and the champion; edit the rules unless presenting."""
    st.caption(t("whatif.sc.help"))
    items = whatif.scenarios()
    message = st.session_state.pop(keys.K_MESSAGE, None)
    if message:
        (st.error if message[0] == "error" else st.success)(message[1])
    indices = list(range(len(items)))
    # Labels as plain dicts: format functions must not read session state (AppTest calls them
    # between runs, where there is none).
    names = {i: whatif.name_of(item) for i, item in enumerate(items)}
    c1, c2 = st.columns(2)
    persist.choice(c1.selectbox, t("whatif.sc.focus"), indices, key=keys.K_FOCUS, default=whatif.focus(), options=indices,
                   format_func=names.get)
    persist.choice(c2.selectbox, t("whatif.sc.champion"), indices, key=keys.K_CHAMPION, default=whatif.champion(),
                   options=indices, format_func=names.get, help=t("whatif.sc.champion_help"))
    fi = whatif.focus()
    item = items[fi]
    presenting = state.presentation()
    if not presenting:
        editor.scenario_buttons(len(items))
        editor.name_input(item)
        editor.include_defaulted_box(item)
    editor.rule_list(fi, item, editable=not presenting)
    if not presenting:
        editor.rule_form(fi, item, book.view, book.features)
        editor.policy_files(item, policy_to_json(whatif.policy_of(item)))


# --- 3 · results ----------------------------------------------------------------------------

def price_scenarios(book: Book, assumptions: Assumptions, pd_tab: pd.DataFrame) -> Priced:
    """Every scenario priced (cached); stops the page when the focus or the champion cannot be."""
    items = whatif.scenarios()
    a_key = whatif.assumptions_key(assumptions)
    results: list[ScenarioResult | None] = []
    policy_jsons = tuple(policy_to_json(whatif.policy_of(item)) for item in items)
    with st.spinner(t("whatif.spinner.price", n=len(items))):
        for item, policy_json in zip(items, policy_jsons):
            try:
                results.append(whatif.scenario(book.token, policy_json, a_key, book.features))
            except PolicyError as exc:
                st.warning(t("whatif.res.scenario_failed", name=escape_markdown(whatif.name_of(item)), error=exc.markdown(book.view.lang)))
                results.append(None)
    priced = Priced(items, results, whatif.focus(), whatif.champion(), assumptions, a_key, pd_tab["source"].tolist(),
                    book.token, policy_jsons)
    if results[priced.champion] is None or results[priced.focus] is None:
        st.info(t("whatif.res.fix_rules"))
        st.stop()
    return priced


def result_cards(book: Book, priced: Priced) -> None:
    """The focus scenario against the book today: accounts affected, limit, EAD, EL, revenue, EL/revenue."""
    view, unit = book.view, book.view.unit
    tot = priced.focus_totals
    st.markdown(t_data("whatif.res.cards_title", name=priced.focus_name))
    st.caption(t("whatif.res.book", month=book.month, accounts=tot["accounts"], unit=view.unit_label,
                 balance=format_amount(tot["before"]["balance_total"], unit),
                 limit=format_amount(tot["before"]["limit_total"], unit)))
    # Two rows of three: six cards in one row cut a figure of seven digits to "1,228…" at 1280 px.
    cards = [*st.columns(3), *st.columns(3)]
    cards[0].metric(t("whatif.res.affected"), f"{tot['accounts_affected']:,}",
                    help=t("whatif.res.affected_help", matched=tot["accounts_matched"], total=tot["accounts"]))
    for col, key, inverse in ((cards[1], "limit_total", False), (cards[2], "ead", True),
                              (cards[3], "expected_loss", True), (cards[4], "revenue", False)):
        col.metric(t(f"whatif.res.{key}", unit=view.unit_label), format_amount(tot["after"][key], unit),
                   delta=f"{view.scale(tot['delta'][key]):+,.2f}", delta_color="inverse" if inverse else "normal",
                   help=t("whatif.res.before_help", value=format_amount(tot["before"][key], unit), unit=view.unit_label))
    ratio_after, ratio_delta = tot["after"]["el_per_revenue"], tot["delta"]["el_per_revenue"]
    cards[5].metric(t("whatif.res.el_per_revenue"), "–" if math.isnan(ratio_after) else f"{ratio_after:.3f}",
                    delta=None if math.isnan(ratio_delta) else f"{ratio_delta:+.3f}", delta_color="inverse",
                    help=t("whatif.res.el_per_revenue_help"))
    st.caption(t("whatif.res.margin", unit=view.unit_label,
                 before=format_amount(tot["before"]["risk_adjusted_margin"], unit),
                 after=format_amount(tot["after"]["risk_adjusted_margin"], unit),
                 delta=f"{view.scale(tot['delta']['risk_adjusted_margin']):+,.2f}",
                 funding=format_rate(priced.assumptions.funding_rate, 2),
                 uplift=f"{priced.assumptions.raise_pd_uplift:g}"))
    if tot["accounts_insufficient_history"]:
        st.caption(t("whatif.res.insufficient_history", n=tot["accounts_insufficient_history"]))
    unusable = rate_note(priced.results[priced.focus], book.features)  # from the priced scenario: no rescan per rerun
    if unusable is not None:
        st.caption(t(unusable[0], **unusable[1]))
    out = tot["out_of_scope"]
    if out["accounts"]:
        st.caption(t("whatif.res.out_of_scope_included" if out["included"] else "whatif.res.out_of_scope",
                     n=out["accounts"], unit=view.unit_label, balance=format_amount(out["balance_total"], unit),
                     el=format_amount(out["expected_loss"], unit),
                     el_delta=f"{view.scale(out['expected_loss_delta']):+,.2f}"))


def comparison(priced: Priced) -> pd.DataFrame:
    """The valid scenarios side by side (:func:`compare_scenarios`), named as the reader named them."""
    valid = priced.valid
    results, champion = [priced.results[i] for i in valid], valid.index(priced.champion)
    if priced.policy_jsons:  # cached: a rerun that changes no scenario and no assumption reprices nothing
        out = whatif.comparison(priced.token, tuple(priced.policy_jsons[i] for i in valid), priced.assumptions_key,
                                champion, results, [priced.totals(i) for i in valid])
    else:
        out = compare_scenarios(results, champion=champion)
    return out.assign(scenario=[whatif.name_of(priced.items[i]) for i in valid])


def comparison_section(book: Book, priced: Priced) -> DisplayTable:
    """The scenarios chart and the comparison table under it; returns the table (for the download)."""
    compared = comparison(priced)
    view = book.view
    show_chart(memo.chart(lambda: chart_scenarios(compared, view, subtitle=book.defs), "scenarios", compared,
                          view.lang, view.unit, book.defs),
               key=keys.K_CHART_SCENARIOS, name=t("whatif.file.scenarios"))
    table = tables.comparison_table(compared, book.view)
    show_display_table(table, key=keys.K_TABLE_COMPARISON)
    return table


# --- download -------------------------------------------------------------------------------

def _comparison_sheets(book: Book, priced: Priced) -> dict[str, pd.DataFrame]:
    """Champion vs the scenario being edited, as the CLI's ``--compare`` gives it: the swap set in
    three groups with their historical bad rates, both sensitivity curves, the backtest."""
    champion = whatif.policy_of(priced.items[priced.champion])
    challenger = whatif.policy_of(priced.focus_item)
    c = compare_policies(book.portfolio[book.portfolio["month"] <= book.month], book.features, champion, challenger,
                         priced.assumptions, book.view.buckets)
    view = book.view
    name = lambda key: translate(key, view.lang, all_messages())  # noqa: E731  (the view's language)
    out = {name("whatif.sheet.swap_groups"): tables.swap_summary_table(c.swap_groups, view, c.swap_history)}
    for direction in ("cut", "raise"):
        curve = c.sensitivity[c.sensitivity["direction"] == direction].reset_index(drop=True)
        out[name(f"whatif.sheet.sensitivity_{direction}")] = tables.sensitivity_table(curve, view)
    if c.backtest is not None:
        out[name("whatif.sheet.backtest")] = tables.backtest_table(c.backtest, view)
        out[name("whatif.sheet.backtest_bucket")] = tables.backtest_bucket_table(c.backtest["by_bucket"], view)
    return {title: table.frame[table.shown_columns] for title, table in out.items()}


def download_results(book: Book, priced: Priced, sheets: list[DisplayTable]) -> None:
    """The comparison, the breakdown, the assumptions and the policy in one workbook (not while presenting)."""
    if state.presentation():
        return
    asm = tables.assumptions_table(priced.assumptions.pd_by_bucket, priced.pd_sources, book.view)
    policy_sheet = display_table("policy", t("whatif.sheet.policy"), [("policy.json", "text", [priced.focus_policy_json])])
    titles = [t("whatif.sheet.scenarios"), t("whatif.sheet.by_rule"), t("whatif.sheet.by_segment"),
              t("whatif.sheet.assumptions"), t("whatif.sheet.policy")]
    frames = [table.frame[table.shown_columns] for table in (*sheets, asm, policy_sheet)]

    def workbook() -> bytes:
        # Computed on click only: the comparison follows the accounts through history.
        extra = _comparison_sheets(book, priced)
        return export_xlsx_bytes({**dict(zip(titles, frames)), **extra}, note=book.defs)

    st.download_button(
        t("whatif.download_xlsx"), data=workbook,
        file_name=f"{t('whatif.file.results')}_{book.month}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=keys.K_DOWNLOAD_XLSX, icon=":material/table_view:",
    )
