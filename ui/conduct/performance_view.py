"""The performance tab: what each collector, agency, channel or strategy achieves, and an A/B comparison."""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from analysis.charts import conduct as C
from analysis.conduct.contacts import ContactsError
from analysis.conduct.performance import compare_strategies, performance_table
from analysis.core.markup import escape_markdown
from analysis.core.privacy import export_xlsx_bytes
from analysis.core.units import format_pp
from analysis.core.view import View
from ui import persist, state
from ui.conduct import keys as K
from ui.conduct import state as S
from ui.conduct.contacts_view import choose_log, log_key as _log_key
from ui.i18n import lang, t
from ui.widgets import show_chart

#: The group columns a log may have, in the order offered.
GROUPS = ("collector", "agency", "branch", "channel", "strategy")
RATES = ("contact_rate", "rpc_rate", "ptp_rate", "kept_rate", "cure_rate", "roll_forward_rate")
#: The count each rate is a share of (its base, shown in the tooltip).
RATE_BASE = {"contact_rate": "calls", "rpc_rate": "calls", "ptp_rate": "conversations", "kept_rate": "promises_due",
             "cure_rate": "worked_overdue", "roll_forward_rate": "worked_overdue"}
#: Log accounts found in the portfolio below which the portfolio is taken not to be the log's.
MIN_MATCH = 0.5


def performance_tab(view: View) -> None:
    """Figures per group, a chart of one rate, and the A/B comparison."""
    chosen = choose_log(view)
    if chosen is None:
        return
    name, log = chosen
    frame = log.log
    log_key = _log_key(name, log)
    portfolio = _matching_portfolio(frame, log_key)
    book_key = st.session_state.get(state.K_ID) if portfolio is not None else None
    groups = [g for g in GROUPS if g in frame.columns and frame[g].replace("", pd.NA).notna().any()]
    if not groups:
        st.info(t("cdp.perf.no_groups"))
        return
    c1, c2 = st.columns([2, 1])
    group_names = {g: t(f"cdp.group.{g}") for g in groups}
    by = persist.choice(c1.selectbox, t("cdp.perf.by"), groups, key=K.PERF_BY, default=groups[0], options=groups,
                        format_func=group_names.get)
    by_bucket = portfolio is not None and persist.choice(c2.toggle, t("cdp.perf.by_bucket"), key=K.PERF_BUCKETS, default=False)
    table = _performance(log_key, book_key, (by, "bucket") if by_bucket else (by,), view.buckets, frame, portfolio)
    shown = performance_for_screen(table, [by, "bucket"] if by_bucket else [by], view)
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(c, format="percent")
                                for c in (t(f"contacts.perf.{r}") for r in RATES)})
    st.caption(t("cdp.perf.definitions"))
    if not by_bucket:
        _rate_chart(table, by, portfolio is not None, view)
    if not state.presentation():
        st.download_button(t("cdp.perf.download"), key=K.PERF_DOWNLOAD, icon=":material/download:",
                           data=lambda: export_xlsx_bytes({t("cdp.perf.sheet"): shown}, masked=True),
                           file_name=f"{t('cdp.perf.file')}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    _ab(frame, portfolio, view, log_key, book_key)


# Figures per log × book × choice, once (the book has a row per account-month: not on every rerun).
@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def _performance(log_key: str, book_key, by: tuple, buckets, _log: pd.DataFrame, _book) -> pd.DataFrame:
    return performance_table(_log, _book, by=list(by) if len(by) > 1 else by[0], buckets=buckets)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def _compare(log_key: str, book_key, by: str, groups: tuple, buckets, _log: pd.DataFrame, _book: pd.DataFrame):
    return compare_strategies(_log, _book, by=by, groups=groups, buckets=buckets)


def _matching_portfolio(log: pd.DataFrame, log_key: str) -> pd.DataFrame | None:
    """The book in use when it holds the log's accounts (cure and roll-forward need it), else ``None`` with a note."""
    found = S.share_in_book(log_key, log)
    if found is None:
        st.info(t("cdp.perf.no_portfolio"))
        return None
    book = state.full_portfolio()
    if found < MIN_MATCH:
        st.warning(t("cdp.perf.not_this_book", share=found, name=escape_markdown(state.data_name())),
                   icon=":material/link_off:")
        return None
    st.caption(t("cdp.perf.with_book", name=escape_markdown(state.data_name()), share=found))
    return book


def performance_for_screen(table: pd.DataFrame, groups: list[str], view: View) -> pd.DataFrame:
    """The performance table with readable headers, group values as text and rates as fractions."""
    out = table.copy()
    if "channel" in groups and "channel" in out:
        out["channel"] = [t(f"cdp.channel.{c}") for c in out["channel"]]
    if "bucket" in out:
        labels = dict(zip(view.buckets.keys, view.buckets.labels(view.lang)))
        out["bucket"] = [labels.get(b, b) for b in out["bucket"]]
    keep = groups + ["contacts", "accounts_worked", "calls", *RATES[:2], "promises", "ptp_rate", "kept_rate",
                     "worked_overdue", "cure_rate", "roll_forward_rate", "amount_recovered"]
    out = out[[c for c in keep if c in out.columns]]
    names = {g: t(f"cdp.group.{g}") for g in groups}
    return out.rename(columns={c: names.get(c, t(f"contacts.perf.{c}")) for c in out.columns})


def _rate_chart(table: pd.DataFrame, by: str, with_book: bool, view: View) -> None:
    rates = [r for r in RATES if with_book or r not in ("cure_rate", "roll_forward_rate")]
    rates = [r for r in rates if table[r].notna().any()]
    if not rates:
        return
    rate_names = {r: t(f"contacts.perf.{r}") for r in rates}
    rate = persist.choice(st.segmented_control, t("cdp.perf.rate"), rates, key=K.PERF_RATE, default=rates[0],
                          options=rates, format_func=rate_names.get) or rates[0]
    data = pd.DataFrame({"group": table[by].astype(str), "rate": table[rate], "n": table[RATE_BASE[rate]]})
    if by == "channel":
        data["group"] = [t(f"cdp.channel.{c}") for c in data["group"]]
    show_chart(C.chart_group_rates(data, view, group_label=t(f"cdp.group.{by}"), rate=rate,
                                   subtitle=t("cdp.perf.chart_subtitle")), K.PERF_CHART, name=t("cdp.perf.chart_file"))


# --- A/B ------------------------------------------------------------------------------------------

def _ab(log: pd.DataFrame, portfolio: pd.DataFrame | None, view: View, log_key: str, book_key) -> None:
    st.subheader(t("cdp.ab.heading"))
    st.caption(t("cdp.ab.intro"))
    if portfolio is None:
        st.info(t("cdp.ab.needs_book"))
        return
    columns = (["strategy"] if "strategy" in log.columns else []) + ["first_channel"]
    c1, c2, c3 = st.columns(3)
    by_names = {c: t(f"cdp.ab.by.{c}") for c in columns}
    by = persist.choice(c1.selectbox, t("cdp.ab.by"), columns, key=K.AB_BY, default=columns[0], options=columns,
                        format_func=by_names.get)
    source = "channel" if by == "first_channel" else by
    values = sorted(log[source].astype(str).replace("", pd.NA).dropna().unique().tolist())
    if len(values) < 2:
        st.info(t("cdp.ab.one_group"))
        return
    names = {v: t(f"cdp.channel.{v}") if source == "channel" else str(v) for v in values}
    name = names.get  # plain text: selectbox options
    shown = {v: escape_markdown(n) for v, n in names.items()}  # markdown: labels, verdict
    a = persist.choice(c2.selectbox, t("cdp.ab.a"), values, key=K.AB_A + by, default=values[0], options=values, format_func=name)
    rest = [v for v in values if v != a]
    b = persist.choice(c3.selectbox, t("cdp.ab.b"), rest, key=K.AB_B + by, default=rest[0], options=rest, format_func=name)
    try:
        result = _compare(log_key, book_key, by, (a, b), view.buckets, log, portfolio)
    except ContactsError as exc:
        st.warning(exc.markdown(view.lang), icon=":material/info:")
        return
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("cdp.ab.rate", group=shown[a]), _pct(result.rates[0]), help=t("cdp.ab.n", n=result.n[0], cured=result.cured[0]))
    m2.metric(t("cdp.ab.rate", group=shown[b]), _pct(result.rates[1]), help=t("cdp.ab.n", n=result.n[1], cured=result.cured[1]))
    m3.metric(t("cdp.ab.difference"), _pp(result.difference),
              help=t("cdp.ab.ci", low=_pp(result.ci[0]), high=_pp(result.ci[1]), level=f"{1 - result.alpha:.0%}"))
    m4.metric(t("cdp.ab.p"), _p(result.p_value), help=t("cdp.ab.p_help"))
    st.markdown(t("cdp.ab.verdict." + verdict(result.p_value, result.cmh_p_value, result.alpha),
                  a=shown[a], b=shown[b], p=_p(result.p_value), p_strat=_p(result.cmh_p_value)))
    with st.expander(t("cdp.ab.by_bucket"), expanded=False):
        per = result.by_bucket.rename(columns={c: t(f"cdp.ab.col.{c}") for c in result.by_bucket.columns})
        st.dataframe(per, hide_index=True, width="stretch")
    for text in result.caveat_texts(view.lang):
        st.warning(text, icon=":material/warning:")


def verdict(p: float, p_stratified: float, alpha: float) -> str:
    """Which of four readings the two tests support: ``both``, ``mix`` (the raw gap vanishes within
    buckets), ``within`` (only within buckets) or ``none``; ``untested`` without a p-value."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "untested"
    raw = p < alpha
    strat = p_stratified is not None and not (isinstance(p_stratified, float) and math.isnan(p_stratified)) and p_stratified < alpha
    return {(True, True): "both", (True, False): "mix", (False, True): "within", (False, False): "none"}[(raw, strat)]


def _pct(x: float) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.1%}"


def _pp(x: float) -> str:
    # the house's one format for a change in points (format_pp), as every other page writes it
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else format_pp(x, lang())


def _p(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return "< 0.001" if x < 0.001 else f"{x:.3f}"
