"""The options step: unit, months, balance handling, extra segments, wide layout, status codes."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.ingest.parsing import STATUS_CODE_DOC, UNIT_FACTORS
from analysis.ingest.portfolio import IngestOptions, distinct_labels, format_questions, suggest_status_codes
from analysis.ingest.recognise import suggest_segments
from analysis.ingest.reshape import suggest_wide_spec
from analysis.ingest.units import UnitFinding, detect_unit, own_units, unit_conflicts
from ui import persist
from ui.i18n import lang, t, t_data

K_UNIT = "upload_opt_unit"
K_UNIT_AUTO = "upload_unit_auto"      # the detection that set the unit (or "saved"): set once, then the user's
K_SAVED_WIDE = "upload_saved_wide"    # a WideSpec restored from a saved mapping
K_SAVED_CODES = "upload_saved_codes"  # a status-code table restored from a saved mapping
K_SEGMENTS = "upload_segment_candidates"
# radios with translated options: a language switch mid-upload keeps their values
persist.TRANSLATED_KEYS.update({K_UNIT, "upload_opt_date_order", "upload_opt_decimal"})


def status_code_editor(raw, mapping: dict[str, str], wide=None) -> dict[str, int | None] | None:
    """The code table for a status/bucket label column (or wide status columns): code → DPD, or excluded."""
    wide_status = wide is not None and "status_label" in wide.columns
    if ("status_label" not in mapping and not wide_status) or "days_past_due" in mapping:
        return None

    suggested = suggest_status_codes(raw, mapping, wide=wide)
    saved = st.session_state.get(K_SAVED_CODES) or {}
    if saved:
        # a saved table decides the codes it knows (also those no rule understands, like a bank's
        # own Z9), when this file holds them; codes new in this file keep their suggestion
        present = set(distinct_labels(raw, mapping, wide))
        merged = {code: saved.get(code, dpd) for code, dpd in suggested.items()}
        merged.update({code: dpd for code, dpd in saved.items() if code in present and code not in merged})
        suggested = merged
    table = pd.DataFrame({
        "code": list(suggested),
        "dpd": [None if v is None else int(v) for v in suggested.values()],
        "exclude": [v is None for v in suggested.values()],
    })
    st.markdown(t("upload.codes.intro"))
    with st.expander(t("upload.codes.doc")):
        st.dataframe(pd.DataFrame(list(STATUS_CODE_DOC), columns=[t("upload.codes.code"), t("upload.codes.dpd")]),
                     hide_index=True, width="stretch", key="upload_codes_doc")
    # an excluded code has no days past due: its empty cell says so instead of Streamlit's "None"
    edited = st.data_editor(
        table, key="upload_codes_editor", hide_index=True, width="stretch", disabled=["code"],
        placeholder=t("upload.codes.excluded_dpd"),
        column_config={
            "code": st.column_config.TextColumn(t("upload.codes.code")),
            "dpd": st.column_config.NumberColumn(t("upload.codes.dpd"), min_value=0, step=1),
            "exclude": st.column_config.CheckboxColumn(t("upload.codes.exclude")),
        },
    )
    out: dict[str, int | None] = {}
    for row in edited.itertuples(index=False):
        if row.exclude or pd.isna(row.dpd):
            out[str(row.code)] = None
        else:
            out[str(row.code)] = int(row.dpd)
    return out


def wide_editor(raw, reference_month: str | None):
    """Offer to reshape a one-column-per-month file; returns the WideSpec to use or None."""

    spec = suggest_wide_spec(raw, reference_month=reference_month)
    saved = st.session_state.get(K_SAVED_WIDE)
    if saved is not None and saved.headers() and all(h in raw.frame.columns for h in saved.headers()):
        spec = saved  # the months as the saved mapping had them (the user may have corrected them)
    if spec is None:
        return None
    st.info(t("upload.wide.found"))
    if not st.toggle(t("upload.wide.use"), value=True, key="upload_wide_use"):
        return None
    rows = [
        {"canonical": canonical, "header": header, "month": month}
        for canonical, columns in spec.columns.items() for header, month in columns.items()
    ]
    edited = st.data_editor(
        pd.DataFrame(rows), key="upload_wide_editor", hide_index=True, width="stretch",
        disabled=["canonical", "header"],
        column_config={
            "canonical": st.column_config.TextColumn(t("upload.wide.canonical")),
            "header": st.column_config.TextColumn(t("upload.wide.header")),
            "month": st.column_config.TextColumn(t("upload.wide.month"), help=t("upload.wide.month_help")),
        },
    )
    columns: dict[str, dict[str, str]] = {}
    for row in edited.itertuples(index=False):
        columns.setdefault(row.canonical, {})[row.header] = str(row.month).strip()
    return replace(spec, columns=columns)


def format_widgets(raw, mapping: dict[str, str]) -> dict[str, object]:
    """Date order and decimal mark, asked only when a mapped column could be read either way
    (or a choice was already made); ``{"date_order": ..., "decimal_comma": ...}``."""
    questions = format_questions(raw, mapping)
    out: dict[str, object] = {}
    asked = questions["date_order"] or st.session_state.get("upload_opt_date_order", "auto") != "auto"
    if asked:
        names = {v: t(f"upload.fmt.date_order.{v}") for v in ("auto", "mdy", "dmy")}
        columns = [f"{h} ({e})" for h, e in questions["date_order"]]
        out["date_order"] = st.radio(t("upload.fmt.date_order"), list(names), key="upload_opt_date_order",
                                     format_func=names.__getitem__, horizontal=True,
                                     help=t("upload.fmt.date_order_help", columns=columns))
    asked = questions["decimal_comma"] or st.session_state.get("upload_opt_decimal", "auto") != "auto"
    if asked:
        names = {v: t(f"upload.fmt.decimal.{v}") for v in ("auto", "dot", "comma")}
        columns = [f"{h} ({e})" for h, e in questions["decimal_comma"]]
        choice = st.radio(t("upload.fmt.decimal"), list(names), key="upload_opt_decimal",
                          format_func=names.__getitem__, horizontal=True,
                          help=t("upload.fmt.decimal_help", columns=columns))
        out["decimal_comma"] = {"dot": False, "comma": True}.get(choice, "auto")
    return out


def _segment_candidates(raw, mapping: dict[str, str]) -> list[str]:
    """Unmapped columns of a few repeated labels (grade, purpose), once per table and mapping."""
    stamp = (id(raw), len(raw.frame), tuple(sorted(mapping.items())))
    cached = st.session_state.get(K_SEGMENTS)
    if cached and cached[0] == stamp:
        return cached[1]
    found = suggest_segments(raw, mapping)
    st.session_state[K_SEGMENTS] = (stamp, found)
    return found


def _add_segments(headers: list[str]) -> None:
    st.session_state["upload_opt_extra"] = list(headers)


def _detected_unit(raw, mapping: dict[str, str]) -> UnitFinding | None:
    """What the file says about its unit; a header or title sets the radio once (before it is drawn),
    after which the user's choice stands. Magnitudes only suggest (see :func:`unit_notes`)."""
    finding = detect_unit(raw, mapping)
    if finding is not None and not finding.suggested:
        signature = f"{finding.source}:{finding.evidence}:{finding.unit}"
        if st.session_state.get(K_UNIT_AUTO) not in (signature, "saved"):
            st.session_state[K_UNIT] = finding.unit
            st.session_state[K_UNIT_AUTO] = signature
    return finding


def _set_unit(unit: str) -> None:
    st.session_state[K_UNIT] = unit


def unit_notes(finding: UnitFinding | None, unit: str, mapping: dict[str, str],
               unit_names: dict[str, str]) -> dict[str, str] | None:
    """Why the unit is what it is, a magnitude suggestion with a button, and amount headers that
    name another unit than the chosen one (flagged before anything is loaded, each read in its
    own unit unless the reader unticks it). Returns ``IngestOptions.column_units``."""
    if finding is not None and not finding.suggested and unit == finding.unit:
        key = "upload.unit.from_header" if finding.source == "header" else "upload.unit.from_title"
        st.info(t_data(key, header=finding.evidence, unit=unit_names[finding.unit]))
    elif finding is not None and finding.suggested and unit != finding.unit:
        st.info(t_data("upload.unit.suggested", header=finding.evidence, median=f"{finding.median:,.2f}",
                       maximum=f"{finding.maximum:,.2f}", unit=unit_names[finding.unit]))
        st.button(t("upload.unit.apply", unit=unit_names[finding.unit]), key="upload_unit_apply",
                  on_click=_set_unit, args=(finding.unit,))
    conflicts = unit_conflicts(mapping, unit)
    if conflicts:
        listed = ("、".join(f"{h}（{unit_names[u]}）" for h, u in conflicts) if lang() == "zh"
                  else ", ".join(f"{h} ({unit_names[u]})" for h, u in conflicts))
        st.warning(t_data("upload.unit.conflict", unit=unit_names[unit], columns=listed))
        if st.checkbox(t("upload.unit.own"), value=True, key="upload_unit_own"):
            return own_units(mapping, unit) or None
    return None


def _named_month_default(raw) -> tuple[str, str] | None:
    """One file without a date column: the month its title or name gives, put in the snapshot
    month box once per file (the reader can still change it); ``(month, source)`` or ``None``."""
    from analysis.ingest.multi import FILE_COLUMN, named_month

    if FILE_COLUMN in raw.frame.columns:  # several files: each has its month in the file table
        return None
    named = named_month(raw)
    if named is not None and "upload_opt_snapshot" not in st.session_state:
        st.session_state["upload_opt_snapshot"] = named[0]
    return named


def options_widgets(raw, mapping: dict[str, str]):
    """Unit, months, balance handling, extra segments, wide layout, status codes → IngestOptions."""

    headers = [str(c) for c in raw.frame.columns]
    with st.expander(t("upload.options"), expanded=True):
        c1, c2, c3 = st.columns(3)
        with c1:
            unit_names = {u: t(f"upload.opt.unit.{u}") for u in UNIT_FACTORS}
            finding = _detected_unit(raw, mapping)
            unit = st.radio(t("upload.opt.unit"), list(unit_names), horizontal=True, key=K_UNIT,
                            format_func=unit_names.__getitem__)
            column_units = unit_notes(finding, unit, mapping, unit_names)
        with c2:
            reference = st.text_input(t("upload.opt.reference_month"), key="upload_opt_reference",
                                      help=t("upload.opt.reference_help")).strip() or None
        with c3:
            snapshot = None
            if "snapshot_date" not in mapping:
                named = _named_month_default(raw)
                snapshot = st.text_input(t("upload.opt.snapshot_month"), key="upload_opt_snapshot",
                                         help=t("upload.opt.snapshot_help")).strip() or None
                if named is not None and snapshot == named[0]:
                    st.caption(t_data(f"upload.opt.snapshot_from_{named[1]}", month=named[0]))
        c4, c5 = st.columns(2)
        with c4:
            balance_missing = "reject"
            if "balance" not in mapping:
                unit_balance = st.checkbox(t("upload.opt.balance_unit"), key="upload_opt_balance_unit",
                                           help=t("upload.opt.balance_unit_help"))
                balance_missing = "unit" if unit_balance else "reject"
            negative_names = {v: t(f"upload.opt.negative.{v}") for v in ("reject", "zero")}
            negative = st.radio(t("upload.opt.negative"), list(negative_names), key="upload_opt_negative",
                                format_func=negative_names.__getitem__, horizontal=True)
        with c5:
            unmapped = [h for h in headers if h not in mapping.values()]
            extra = st.multiselect(t("upload.opt.extra_segments"), unmapped, select_all=False, key="upload_opt_extra",
                                   help=t("upload.opt.extra_help"), placeholder=t("app.choose"))
            offered = [h for h in _segment_candidates(raw, mapping) if h in unmapped]
            if offered and not extra:
                sep = "、" if lang() == "zh" else ", "
                st.button(t_data("upload.seg.add", columns=sep.join(offered)), key="upload_seg_add",
                          on_click=_add_segments, args=(offered,), help=t("upload.seg.help"))
        formats = format_widgets(raw, mapping)
    wide = wide_editor(raw, reference)
    codes = status_code_editor(raw, mapping, wide)
    return IngestOptions(
        amount_unit=unit, snapshot_month=snapshot, reference_month=reference, status_codes=codes,
        balance_missing=balance_missing, negative_balance=negative, wide=wide, extra_segments=tuple(extra),
        column_units=column_units, **formats,
    )
