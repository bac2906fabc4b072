"""The validation report: rows read, accepted and rejected, balances that reconcile, rejections."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.core.privacy import export_csv_bytes
from analysis.core.units import counts_only, format_amount, unit_label
from ui import state
from ui.i18n import lang, t
from ui.upload.flow import note_text


def validation_report(result, key: str = "upload") -> None:
    """Rows read / accepted / rejected, balance totals to reconcile, rejections with reasons."""
    s = result.summary
    u = state.unit()
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("upload.report.read"), f"{s['rows_read']:,}")
    c2.metric(t("upload.report.accepted"), f"{s['rows_accepted']:,}")
    c3.metric(t("upload.report.rejected"), f"{s['rows_rejected']:,}")
    c4.metric(t("upload.report.accounts"), f"{s.get('accounts', 0):,}")
    months = s.get("months") or []
    if months:
        st.caption(t("upload.report.months", first=months[0], last=months[-1], n=len(months)))
    balance_rows = []
    for key in ("balance_read", "balance_accepted", "balance_rejected"):
        if s.get(key) is not None:
            balance_rows.append({t("upload.report.item"): t(f"upload.report.{key}"),
                                 t("upload.report.amount", unit=unit_label(u, lang())): format_amount(s[key], u),
                                 t("upload.report.amount_yuan"): format_amount(s[key], "yuan", 2)})
    if counts_only(s.get("notes") or ()):  # no balance column: the rows and accounts above reconcile
        st.caption(t("countonly.upload.reconcile", rows=s["rows_accepted"], accounts=s.get("accounts", 0)))
    elif balance_rows:
        st.markdown(t("upload.report.reconcile"))
        st.dataframe(pd.DataFrame(balance_rows), hide_index=True, width="stretch", key=f"{key}_balance_table")
    for key, params in s.get("notes", []):
        st.info(note_text(key, params))
    if s["rows_rejected"]:
        report = result.rejected_report(lang())
        with st.expander(t("upload.report.rejections", n=s["rows_rejected"]), expanded=True):
            reasons = report.iloc[:, 1].value_counts().rename_axis(t("upload.report.reason")).reset_index(name=t("upload.report.rows"))
            st.dataframe(reasons, hide_index=True, width="stretch", key=f"{key}_reason_counts")
            st.dataframe(report.head(1000), hide_index=True, width="stretch", key=f"{key}_rejected_rows")
            st.download_button(t("upload.report.download"), data=lambda: export_csv_bytes(report),
                               file_name="rejected_rows.csv", mime="text/csv", key=f"{key}_dl_rejected")
