"""Cached calls of the aging page and the session keys it owns.

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
from analysis.core.rates import shift_month
from analysis.core.units import UNITS, unit_label
from ui.i18n import t

# Session keys owned by the aging page (widget keys are the same strings).
K_TAB = "aging_tab"
K_MONTH = "aging_month"
K_BY = "aging_by"
K_PLAYBOOK_EDITOR = "aging_playbook_editor"
K_PLAYBOOK_BASE = "aging_playbook_base"
K_PLAYBOOK_SAVED = "aging_playbook_saved"
K_CELLS = "aging_cells"
K_DRILL_BUCKET = "aging_drill_bucket"
K_DRILL_BY = "aging_drill_by"


@dataclass(frozen=True)
class AgingCubes:
    """The small aggregates every view of the page reads (never mutate them)."""

    aging: pd.DataFrame      # month × bucket (whole book)
    rolls: pd.DataFrame      # month × from-bucket × to-bucket
    rates: pd.DataFrame      # month: totals and delinquent totals
    dpd: pd.DataFrame        # month × DPD value
    months: tuple[str, ...]  # months in the data, sorted
    roll_months: tuple[str, ...]  # from-months that have a next month in the book


@st.cache_resource(scope="session", max_entries=4, show_spinner=False)
def cubes(token: str, _cubes: Cubes) -> AgingCubes:
    """The page's whole-book cubes, read once per data token."""
    rolls = _cubes.transitions()
    return AgingCubes(
        aging=_cubes.aging(), rolls=rolls, rates=_cubes.rates(), dpd=_cubes.dpd(),
        months=tuple(_cubes.months),
        roll_months=tuple(aging.months_of(rolls)) if len(rolls) else (),
    )


def segment_values(_cubes: Cubes, by: str) -> list[str]:
    """The values of a segment column, in the data's own order (for the drill-down picker)."""
    known = _cubes.book.categories.get(by)
    return list(known) if known is not None else [str(v) for v in _cubes.aging(by)[by].cat.categories]


def segment_cube(token: str, _cubes: Cubes, by: str) -> pd.DataFrame:
    """Month × segment × bucket, for the segment the user picked (kept by the cubes)."""
    return _cubes.aging(by)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def all_roll_rates(token: str, _rolls: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Roll rates of every month pair (flow chain, cure and entry rates read these)."""
    return aging.roll_rates_all(_rolls, measure)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def vintage_triangle(token: str, _cubes: Cubes, cohort: str, metric: str, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.aging.vintage.vintage_triangle` of the vintage cube."""
    return vintage.vintage_triangle(_cubes.vintage(), cohort=cohort, metric=metric, measure=measure)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def first_payment_default(token: str, _cubes: Cubes, threshold: int, measure: str) -> pd.DataFrame:
    """Cached :func:`analysis.aging.rates.first_payment_default` of the early-MOB cube."""
    return aging.first_payment_default(_cubes.early_mob(), dpd_threshold=threshold, measure=measure)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def drill_down(token: str, _cubes: Cubes, _portfolio: pd.DataFrame, month: str,
               bucket: str | tuple[str, ...] | None, by: str | None, segment: object, masked: bool) -> pd.DataFrame:
    """Cached :func:`analysis.aging.rates.drill_down`: the month's rows with their bucket and next
    month's bucket from the data core (PII masked unless ``masked`` is False)."""
    rows = _portfolio[(_portfolio["month"] == month).to_numpy()]
    with_states = attach_states(rows, _cubes.states(month))
    return aging.drill_down(with_states, month, bucket=bucket, by=by, segment=segment, masked=masked)


# --- the shared playbook, edited on this page ------------------------------------------------

def playbook_base(current: pd.DataFrame) -> pd.DataFrame:
    """The table the playbook editor starts from.

    The editor keeps its edits as a diff against its input, so the input must stay the same
    while the user edits; it is reset only when the shared playbook changed elsewhere (another
    page, or the reset button).
    """
    saved = st.session_state.get(K_PLAYBOOK_SAVED)
    base = st.session_state.get(K_PLAYBOOK_BASE)
    if base is None or saved is None or not _same(saved, current):
        st.session_state[K_PLAYBOOK_BASE] = current
        st.session_state[K_PLAYBOOK_SAVED] = current
        st.session_state.pop(K_PLAYBOOK_EDITOR, None)
        base = current
    return base


def remember_saved(table: pd.DataFrame) -> None:
    st.session_state[K_PLAYBOOK_SAVED] = table


def reset_playbook() -> None:
    """Back to the shipped default playbook (button callback)."""
    from analysis.warnings.playbook import DEFAULT_STAGE_PLAYBOOK
    from ui import state

    state.set_stage_playbook(DEFAULT_STAGE_PLAYBOOK)
    for key in (K_PLAYBOOK_BASE, K_PLAYBOOK_SAVED, K_PLAYBOOK_EDITOR):
        st.session_state.pop(key, None)


def same_table(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """True when two playbook tables hold the same ranges and actions."""
    return _same(a, b)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    try:
        return a.reset_index(drop=True).astype(object).equals(b.reset_index(drop=True).astype(object))
    except (ValueError, TypeError):
        return False


# --- small helpers of the page -------------------------------------------------------------------

def next_month(month: str) -> str:
    return shift_month(month, 1)


def default_pair(month: str, pairs: list[str]) -> str:
    """The from-month of the pair ending in the chosen month (M-1 → M), as the CLI does."""
    before = shift_month(month, -1)
    if before in pairs:
        return before
    return month if month in pairs else pairs[-1]


# --- display tables: translated headers, amounts in the chosen unit ----------------------------
# Each table records the kind of each column in ``frame.attrs["kinds"]`` so ``table_config``
# formats shares as percentages, amounts with separators and rate changes in pp.

DRILL_SHOW = 1_000


def _frame(columns: list[tuple[str, str, object]]) -> pd.DataFrame:
    out = pd.DataFrame({name: values for name, _, values in columns})
    out.attrs["kinds"] = {name: kind for name, kind, _ in columns}
    return out


def table_config(frame: pd.DataFrame) -> dict:
    """Column formats from the kinds a display table records."""
    formats = {"pct": "percent", "amount": "accounting", "count": "localized", "pp": "%+.2f", "text": None}
    config = {}
    for name, kind in frame.attrs.get("kinds", {}).items():
        fmt = formats.get(kind)
        if fmt:
            config[name] = st.column_config.NumberColumn(name, format=fmt)
    return config


def table(frame: pd.DataFrame, key: str, file_name: str | None = None, expanded: bool = False) -> None:
    """The table behind a chart, collapsed under it, formatted, with a CSV download."""
    from ui.widgets import show_table

    show_table(frame, key=key, column_config=table_config(frame), expanded=expanded, file_name=file_name)


def _amt(values, unit: str):
    return pd.Series(values, dtype="float64").to_numpy() / UNITS[unit]


def _unit(unit: str, lang: str) -> str:
    return unit_label(unit, lang)


def distribution_table(dist: pd.DataFrame, buckets, lang: str, unit: str) -> pd.DataFrame:
    """Bucket rows and a total row that reconciles with the book."""
    u = _unit(unit, lang)
    labels = [buckets.label_of(str(k), lang) for k in dist["bucket"]] + [t("aging.col.total")]
    cols = [
        (t("aging.col.bucket"), "text", labels),
        (t("aging.col.accounts"), "count", [*dist["count"].tolist(), int(dist["count"].sum())]),
        (t("aging.col.count_share"), "pct", [*dist["count_share"].tolist(), float(dist["count_share"].sum())]),
        (t("aging.col.balance", unit=u), "amount", _amt([*dist["balance"].tolist(), dist["balance"].sum()], unit)),
        (t("aging.col.balance_share"), "pct", [*dist["balance_share"].tolist(), float(dist["balance_share"].sum())]),
    ]
    if "overdue_amount" in dist.columns:
        cols.append((t("aging.col.overdue_amount", unit=u), "amount",
                     _amt([*dist["overdue_amount"].tolist(), dist["overdue_amount"].sum()], unit)))
    return _frame(cols)


def segment_table(dist: pd.DataFrame, by: str, by_label: str, buckets, lang: str, unit: str) -> pd.DataFrame:
    u = _unit(unit, lang)
    cols = [
        (by_label, "text", dist[by].astype(str).to_numpy()),
        (t("aging.col.bucket"), "text", [buckets.label_of(str(k), lang) for k in dist["bucket"]]),
        (t("aging.col.accounts"), "count", dist["count"].to_numpy()),
        (t("aging.col.count_share_in", segment=by_label), "pct", dist["count_share"].to_numpy()),
        (t("aging.col.balance", unit=u), "amount", _amt(dist["balance"], unit)),
        (t("aging.col.balance_share_in", segment=by_label), "pct", dist["balance_share"].to_numpy()),
    ]
    if "overdue_amount" in dist.columns:
        cols.append((t("aging.col.overdue_amount", unit=u), "amount", _amt(dist["overdue_amount"], unit)))
    return _frame(cols)


def coverage_table(cov: pd.DataFrame, lang: str, unit: str) -> pd.DataFrame:
    u = _unit(unit, lang)
    return _frame([
        (t("aging.playbook.action"), "text", cov["action_label"].to_numpy()),
        (t("aging.playbook.min"), "count", cov["min_dpd"].to_numpy()),
        (t("aging.playbook.max"), "count", cov["max_dpd"].to_numpy()),
        (t("aging.col.accounts"), "count", cov["count"].to_numpy()),
        (t("aging.col.balance", unit=u), "amount", _amt(cov["balance"], unit)),
        (t("aging.col.balance_share"), "pct", cov["balance_share"].to_numpy()),
    ])


def mix_table(mix: pd.DataFrame, buckets, lang: str, unit: str, measure: str) -> pd.DataFrame:
    value = mix["value"].to_numpy() if measure == "count" else _amt(mix["value"], unit)
    name = t("aging.col.accounts") if measure == "count" else t("aging.col.balance", unit=_unit(unit, lang))
    return _frame([
        (t("aging.col.month"), "text", mix["month"].astype(str).to_numpy()),
        (t("aging.col.bucket"), "text", [buckets.label_of(str(k), lang) for k in mix["bucket"]]),
        (name, "count" if measure == "count" else "amount", value),
        (t("aging.col.share"), "pct", mix["share"].to_numpy()),
    ])


def rate_table(lines: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _frame([
        (t("aging.col.month"), "text", lines["month"].astype(str).to_numpy()),
        (t("aging.col.metric"), "text", [t(f"aging.metric.{m}") for m in lines["metric"]]),
        (t("aging.col.rate"), "pct", lines["rate"].to_numpy()),
        (t("aging.col.mom_pp"), "pp", lines["change"].to_numpy() * 100),
    ])


def lagged_table(part: pd.DataFrame, lang: str, unit: str, measure: str, lag: int) -> pd.DataFrame:
    book = (lambda v: pd.Series(v).to_numpy()) if measure == "count" else (lambda v: _amt(v, unit))
    kind = "count" if measure == "count" else "amount"
    u = t("aging.col.accounts") if measure == "count" else t("aging.col.balance", unit=_unit(unit, lang))
    return _frame([
        (t("aging.col.month"), "text", part["month"].astype(str).to_numpy()),
        (t("aging.col.coincident"), "pct", part["coincident"].to_numpy()),
        (t("aging.col.lagged", n=lag), "pct", part["lagged"].to_numpy()),
        (t("aging.col.gap_pp"), "pp", (part["lagged"] - part["coincident"]).to_numpy() * 100),
        (t("aging.col.book", what=u), kind, book(part["book"])),
        (t("aging.col.book_lagged", what=u, n=lag), kind, book(part["book_lagged"])),
        (t("aging.col.growth", n=lag), "pct", part["growth"].to_numpy()),
    ])


def roll_table(long: pd.DataFrame, buckets, lang: str, unit: str, measure: str) -> pd.DataFrame:
    """The matrix wide (rates) with the base of each row, the way it is written on paper."""
    wide = long.pivot(index="from_bucket", columns="to_bucket", values="rate")
    base = long.groupby("from_bucket", observed=False)["base"].first()
    cols = [(t("aging.col.from_bucket"), "text", [buckets.label_of(str(k), lang) for k in wide.index])]
    for key in wide.columns:
        cols.append((buckets.label_of(str(key), lang), "pct", wide[key].to_numpy()))
    what = t("aging.col.accounts") if measure == "count" else t("aging.col.balance", unit=_unit(unit, lang))
    cols.append((t("aging.col.base", what=what), "count" if measure == "count" else "amount",
                 base.reindex(wide.index).to_numpy() if measure == "count" else _amt(base.reindex(wide.index), unit)))
    return _frame(cols)


def flow_table(flow: pd.DataFrame, buckets, lang: str) -> pd.DataFrame:
    return _frame([
        (t("aging.col.month"), "text", flow["month"].astype(str).to_numpy()),
        (t("aging.col.step"), "text", [f"{buckets.label_of(str(a), lang)} → {buckets.label_of(str(b), lang)}"
                                       for a, b in zip(flow["from_bucket"], flow["to_bucket"])]),
        (t("aging.col.flow_rate"), "pct", flow["rate"].to_numpy()),
        (t("aging.col.chain"), "pct", flow["chain"].to_numpy()),
    ])


def _flow_amount(values, unit: str, measure: str):
    return pd.Series(values).to_numpy() if measure == "count" else _amt(values, unit)


def _what(unit: str, lang: str, measure: str) -> str:
    return t("aging.col.accounts") if measure == "count" else t("aging.col.balance", unit=_unit(unit, lang))


def cure_table(cure: pd.DataFrame, buckets, lang: str, unit: str = "wan", measure: str = "count") -> pd.DataFrame:
    kind, what = ("count" if measure == "count" else "amount"), _what(unit, lang, measure)
    return _frame([
        (t("aging.col.month"), "text", [t("aging.col.pooled") if m == "pooled" else m for m in cure["month"]]),
        (t("aging.col.bucket"), "text", [buckets.label_of(str(k), lang) for k in cure["bucket"]]),
        (t("aging.col.cure_rate"), "pct", cure["cure_rate"].to_numpy()),
        (f"{t('aging.col.cured')}：{what}" if lang == "zh" else f"{t('aging.col.cured')}: {what}", kind,
         _flow_amount(cure["cured"], unit, measure)),
        (t("aging.col.base", what=what), kind, _flow_amount(cure["base"], unit, measure)),
    ])


def entry_table(entry: pd.DataFrame, lang: str, unit: str = "wan", measure: str = "count") -> pd.DataFrame:
    """:func:`analysis.trend.series.entry_rates` as shown: the month before, the month of entry, the rate."""
    kind, what = ("count" if measure == "count" else "amount"), _what(unit, lang, measure)
    return _frame([
        (t("aging.col.month"), "text", [shift_month(str(m), -1) for m in entry["month"]]),
        (t("aging.col.to_month"), "text", entry["month"].astype(str).to_numpy()),
        (t("aging.col.entry_rate"), "pct", entry["entry_rate"].to_numpy()),
        (f"{t('aging.col.entered')}：{what}" if lang == "zh" else f"{t('aging.col.entered')}: {what}", kind,
         _flow_amount(entry["entered"], unit, measure)),
        (t("aging.col.base", what=what), kind, _flow_amount(entry["entry_base"], unit, measure)),
    ])


def vintage_table(tri: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Cohort × MOB wide, with the cohort's base."""
    wide = tri.pivot(index="cohort", columns="mob", values="value")
    accounts = tri.groupby("cohort")["accounts"].max().reindex(wide.index)
    cols = [(t("aging.col.cohort"), "text", wide.index.astype(str).to_numpy()),
            (t("aging.col.accounts"), "count", accounts.to_numpy())]
    for mob in wide.columns:
        cols.append((f"MOB{int(mob)}", "pct", wide[mob].to_numpy()))
    return _frame(cols)


def fpd_table(fpd: pd.DataFrame, lang: str, unit: str) -> pd.DataFrame:
    return _frame([
        (t("aging.col.cohort"), "text", fpd["cohort"].astype(str).to_numpy()),
        (t("aging.col.accounts"), "count", fpd["accounts"].to_numpy()),
        (t("aging.col.fpd_accounts"), "count", fpd["fpd_accounts"].to_numpy()),
        (t("aging.col.balance", unit=_unit(unit, lang)), "amount", _amt(fpd["balance"], unit)),
        (t("aging.col.fpd_rate"), "pct", fpd["fpd_rate"].to_numpy()),
    ])


def class_table(dist: pd.DataFrame, name: str, lang: str, unit: str) -> pd.DataFrame:
    return _frame([
        (name, "text", dist["label"].to_numpy()),
        (t("aging.col.dpd_range"), "text", dist["dpd_range"].to_numpy()),
        (t("aging.col.accounts"), "count", dist["count"].to_numpy()),
        (t("aging.col.count_share"), "pct", dist["count_share"].to_numpy()),
        (t("aging.col.balance", unit=_unit(unit, lang)), "amount", _amt(dist["balance"], unit)),
        (t("aging.col.balance_share"), "pct", dist["balance_share"].to_numpy()),
    ])


def npl_table(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _frame([
        (t("aging.col.month"), "text", trend["month"].astype(str).to_numpy()),
        (t("aging.col.npl_ratio"), "pct", trend["npl_ratio"].to_numpy()),
        (t("aging.col.sm_ratio"), "pct", trend["special_mention_ratio"].to_numpy()),
    ])


def drill_display(rows: pd.DataFrame, buckets, lang: str) -> pd.DataFrame:
    """Drill-down rows with translated headers and bucket labels (amounts stay in 元: to the cent)."""
    out = rows.copy()
    out["bucket"] = [buckets.label_of(b, lang) for b in out["bucket"]]
    if "next_bucket" in out.columns:
        out["next_bucket"] = [None if pd.isna(b) else buckets.label_of(str(b), lang) for b in out["next_bucket"]]
    if "origination_date" in out.columns:
        out["origination_date"] = pd.to_datetime(out["origination_date"]).dt.strftime("%Y-%m-%d")
    names = {c: t(f"aging.drill.col.{c}") for c in out.columns}
    names = {c: (n if not n.startswith("aging.drill.col.") else c) for c, n in names.items()}
    out = out.rename(columns=names)
    # amounts stay in 元 to the cent, with separators
    out.attrs["kinds"] = {names[c]: "amount" for c in ("balance", "overdue_amount", "credit_limit") if c in names}
    out.attrs["kinds"].update({names[c]: "count" for c in ("days_past_due",) if c in names})
    return out


# --- click a bucket × segment cell → its accounts ------------------------------------------------

def cell_table(seg: pd.DataFrame, by: str, by_label: str, buckets, lang: str) -> pd.DataFrame:
    """Accounts per segment (rows) × bucket (columns), the grid a user clicks to drill down."""
    wide = seg.pivot_table(index=by, columns="bucket", values="count", aggfunc="sum", observed=True)
    wide = wide.reindex(columns=list(buckets.keys), fill_value=0).fillna(0).astype("int64")
    out = pd.DataFrame({by_label: wide.index.astype(str)})
    for key in buckets.keys:
        out[buckets.label_of(key, lang)] = wide[key].to_numpy()
    out.attrs["kinds"] = {buckets.label_of(k, lang): "count" for k in buckets.keys}
    out.attrs["segment_values"] = list(wide.index)
    return out


def open_cell(by: str, segment_values: list, label_to_key: dict[str, str], drill_tab_label: str) -> None:
    """Selection callback: put the clicked cell into the drill-down widgets and open that tab."""
    event = st.session_state.get(K_CELLS)
    cells = (event or {}).get("selection", {}).get("cells", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "cells", []) or []
    if not cells:
        return
    row, column = cells[0]
    bucket = label_to_key.get(str(column))
    if bucket is None or not 0 <= int(row) < len(segment_values):
        return
    st.session_state[K_DRILL_BUCKET] = bucket
    st.session_state[K_DRILL_BY] = by
    st.session_state[f"aging_drill_value_{by}"] = segment_values[int(row)]
    st.session_state[K_TAB] = drill_tab_label
