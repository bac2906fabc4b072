"""The validation report: rows read, accepted and rejected, balances that reconcile, rejections."""
from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
import streamlit as st

from analysis.core.i18n import list_text
from analysis.core.privacy import export_csv_bytes
from analysis.core.tables import MISSING
from analysis.core.units import counts_only, format_amount, unit_label
from analysis.ingest.rejections import example_text, reason_label, rejections_by_reason
from ui import state
from ui.i18n import lang, t
from ui.upload.flow import note_text

#: Session key of the last summary by reason: (weak reference to the result, the summary).
K_BY_REASON = "upload_rejections_by_reason"
#: Rejected rows shown one by one on the page (all of them are in the download).
ROWS_SHOWN = 1000


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
    for item in ("balance_read", "balance_accepted", "balance_rejected"):
        if s.get(item) is not None:
            balance_rows.append({t("upload.report.item"): t(f"upload.report.{item}"),
                                 t("upload.report.amount", unit=unit_label(u, lang())): format_amount(s[item], u),
                                 t("upload.report.amount_yuan"): format_amount(s[item], "yuan", 2)})
    if counts_only(s.get("notes") or ()):  # no balance column: the rows and accounts above reconcile
        st.caption(t("countonly.upload.reconcile", rows=s["rows_accepted"], accounts=s.get("accounts", 0)))
    elif balance_rows:
        st.markdown(t("upload.report.reconcile"))
        st.dataframe(pd.DataFrame(balance_rows), hide_index=True, width="stretch", key=f"{key}_balance_table")
    for note, params in s.get("notes", []):
        st.info(note_text(note, params))
    if s["rows_rejected"]:
        rejections_report(result, key)


def rejections_report(result, key: str = "upload") -> None:
    """Rejections by reason (count, balance, three example rows), then the rows one by one and
    the full list to download; every header in the reader's language."""
    s = result.summary
    by_reason = _by_reason(result)
    with st.expander(t("upload.check.reasons_title", n=s["rows_rejected"], k=len(by_reason)), expanded=True):
        show_balance = not counts_only(s.get("notes") or ())
        st.dataframe(reasons_table(result, by_reason, show_balance), hide_index=True, width="stretch",
                     key=f"{key}_reason_counts")
        if show_balance and by_reason["balance"].isna().any():
            st.caption(t("upload.check.balance_note"))
        report = translated_report(result)
        st.download_button(t("upload.check.download", n=len(report)), data=lambda: export_csv_bytes(report),
                           file_name="rejected_rows.csv", mime="text/csv", key=f"{key}_dl_rejected")
    with st.expander(t("upload.check.rows_title", shown=min(ROWS_SHOWN, s["rows_rejected"]), n=s["rows_rejected"])):
        st.dataframe(report.head(ROWS_SHOWN), hide_index=True, width="stretch", key=f"{key}_rejected_rows",
                     placeholder=MISSING)  # a blank cell of a rejected row reads "–", not "None"


def _by_reason(result) -> pd.DataFrame:
    """:func:`rejections_by_reason` of ``result``, computed once per result in the session."""
    kept = st.session_state.get(K_BY_REASON)
    if kept is not None and kept[0]() is result:
        return kept[1]
    summary = rejections_by_reason(result)
    st.session_state[K_BY_REASON] = (weakref.ref(result), summary)
    return summary


def reasons_table(result, by_reason: pd.DataFrame, show_balance: bool = True) -> pd.DataFrame:
    """One row per reason for the screen: reason, rows, balance in the chosen unit, columns, examples."""
    language, u = lang(), state.unit()
    rejected = result.rejected
    firsts = rejected.drop_duplicates("reason").set_index("reason")["detail"] if len(rejected) else {}
    out = {
        t("upload.check.col.reason"): [reason_label(r, language, firsts.get(r) if isinstance(firsts.get(r), dict) else {})
                                       for r in by_reason["reason"]],
        t("upload.check.col.rows"): [f"{n:,}" for n in by_reason["rows"]],
    }
    if show_balance:
        out[t("upload.check.col.balance", unit=unit_label(u, language))] = [
            "—" if np.isnan(b) else format_amount(b, u) for b in by_reason["balance"]]
    out[t("upload.check.col.columns")] = [list_text(c, language) for c in by_reason["columns"]]
    sep = "；" if language == "zh" else "; "
    out[t("upload.check.col.examples")] = [sep.join(example_text(e, language) for e in ex) for ex in by_reason["examples"]]
    return pd.DataFrame(out)


def translated_report(result) -> pd.DataFrame:
    """``result.rejected_report`` with its row and reason headers in the reader's language (the
    file's own headers follow as they are)."""
    report = result.rejected_report(lang())
    row, reason = t("upload.check.col.row"), t("upload.check.col.reason")
    # a header of the file's own that reads the same (a column called 原因) keeps a mark
    cells = [f"{c}_" if c in (row, reason) else c for c in report.columns[2:]]
    return report.set_axis([row, reason, *cells], axis=1)
