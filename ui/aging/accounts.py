"""The accounts tab (drill-down): the accounts behind a bucket (and segment) in the month in view,
masked unless the reader asks, with CSV and Excel downloads."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.aging import rates as A
from analysis.aging import regulatory as R
from analysis.core.markup import escape_markdown
from analysis.core.privacy import export_csv_bytes, export_xlsx_bytes
from analysis.core.tables import MISSING, DisplayTable, screen_values
from analysis.core.units import format_amount
from analysis.core.view import View
from ui import access, countonly, persist, state
from ui.aging import data as D
from ui.aging import keys as K
from ui.aging import page as P
from ui.i18n import t
from ui.widgets import definitions


#: The drill-down shows at most this many rows on screen (the downloads carry them all).
DRILL_SHOW = 1_000


def drill_table(rows: pd.DataFrame, view: View) -> DisplayTable:
    """Drill-down rows with translated headers and bucket labels (amounts stay in 元: to the cent)."""
    out = rows.copy()
    if view.counts_only:  # no balances: the column holds the 1 each account-month was counted as
        out = out.drop(columns=[c for c in ("balance", "next_balance") if c in out.columns])
    out["bucket"] = [view.buckets.label_of(b, view.lang) for b in out["bucket"]]
    if "next_bucket" in out.columns:
        out["next_bucket"] = [None if pd.isna(b) else view.buckets.label_of(str(b), view.lang) for b in out["next_bucket"]]
    if "loan_class" in out.columns:  # the bank's own class beside the bucket its DPD gives
        out["loan_class"] = [R.class_label(R.UNCLASSIFIED if pd.isna(k) else str(k), view.lang) for k in out["loan_class"]]
    if "origination_date" in out.columns:
        out["origination_date"] = pd.to_datetime(out["origination_date"]).dt.strftime("%Y-%m-%d")
    names = {c: t(f"aging.drill.col.{c}") for c in out.columns}
    names = {c: (n if not n.startswith("aging.drill.col.") else c) for c, n in names.items()}
    kinds = {names[c]: "amount" for c in ("balance", "overdue_amount", "credit_limit") if c in names}
    kinds.update({names[c]: "count" for c in ("days_past_due",) if c in names})
    return DisplayTable(f"aging_accounts_{view.month}", t("aging.drill.sheet"), out.rename(columns=names), kinds)


def drill_columns(table: DisplayTable, view: View) -> dict:
    """Column formats of the drill-down; the next month's bucket says why it may be empty."""
    config = P.column_config(table, view.lang)
    next_title = t("aging.drill.col.next_bucket")
    if next_title in table.frame.columns:  # empty in the latest month: there is no next month yet
        config[next_title] = st.column_config.TextColumn(next_title, help=t("aging.drill.no_next", missing=MISSING))
    return config


def accounts(page: P.Page) -> None:
    """The accounts behind a bucket (and segment) this month, masked unless asked, with downloads."""
    v = page.view
    st.caption(t("aging.drill.caption"))
    c = st.columns(3)
    bucket_names = {"overdue": t("aging.drill.overdue"), None: t("aging.drill.all"),
                    **{b: v.buckets.label_of(b, v.lang) for b in v.buckets.keys}}
    bucket = persist.choice(c[0].selectbox, t("aging.drill.bucket"), list(bucket_names), key=K.DRILL_BUCKET,
                            default="overdue", options=list(bucket_names), format_func=bucket_names.get)
    by = persist.choice(c[1].selectbox, t("aging.by"), [None, *page.segments], format_func=page.seg_labels().get,
                        key=K.DRILL_BY, default=None, options=[None, *page.segments],
                        placeholder=page.seg_title(None))
    value = None
    if by is not None:
        values = D.segment_values(page.core, by)
        value = persist.choice(c[2].selectbox, escape_markdown(page.seg_title(by)), values, key=K.drill_value(by), default=values[0],
                               options=values) if values else None
    unmask = access.unmask_switch(st.toggle, t("aging.drill.unmask"), K.DRILL_UNMASK, "aging/accounts",
                                  help=t("aging.drill.unmask_help"))
    chosen = tuple(v.buckets.keys[1:]) if bucket == "overdue" else bucket
    try:
        rows = D.drill_down(page.token, page.core, state.portfolio(), v.month, chosen,
                            by if value is not None else None, value, not unmask)
    except A.AgingError as exc:
        P.warn(exc, v)
        return
    segment = (page.seg_title(by) + (f" = {value}" if value is not None else "")) if by else t("aging.drill.all_segments")
    st.markdown(countonly.text("aging.drill.summary", data=True, n=len(rows), balance=format_amount(float(rows["balance"].sum()), v.unit),
                  unit=v.unit_label, month=v.month, bucket=bucket_names[bucket], segment=segment))
    table = drill_table(rows, v)
    if len(rows) > DRILL_SHOW:
        st.caption(t("aging.drill.truncated", shown=DRILL_SHOW, n=len(rows)))
    st.dataframe(screen_values(table).head(DRILL_SHOW), hide_index=True, width="stretch", key=K.DRILL_TABLE,
                 column_config=drill_columns(table, v), placeholder=MISSING)
    note = page.dline(month=v.month, buckets=v.buckets) + (" | " + t("aging.drill.unmasked_note") if unmask else "")
    _drill_downloads(table.frame, f"aging_accounts_{v.month}_{bucket or 'all'}", note, masked=not unmask)
    definitions(note)


def _drill_downloads(shown: pd.DataFrame, name: str, note: str, masked: bool) -> None:
    d1, d2 = st.columns(2)
    record = (lambda b, f: b) if masked else (lambda b, f: access.audited_export(b, f, len(shown)))  # noqa: E731
    d1.download_button(t("widgets.download_csv"), data=lambda: record(export_csv_bytes(shown, masked=masked), f"{name}.csv"),
                       file_name=f"{name}.csv", mime="text/csv", key=K.DRILL_CSV, width="stretch")
    d2.download_button(t("widgets.download_xlsx"),
                       data=lambda: record(export_xlsx_bytes({t("aging.drill.sheet"): shown}, masked=masked, note=note),
                                           f"{name}.xlsx"),
                       file_name=f"{name}.xlsx", key=K.DRILL_XLSX, width="stretch",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
