"""The mapping step: one select box per canonical column, the recogniser's suggestions with their
confidence, saved mappings (everything they hold), the preview.

Confident suggestions are put into the boxes; the others are offered under their box as a
one-click button, never put in silently. A saved mapping restores the columns and every option
it holds, and the page lists what it set and which of its columns this file lacks. Within a
session, a file with the same headers as one mapped before gets that mapping and those options
again, so next month's export needs nothing beyond "check and load".
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.core.privacy import mask_mapped_pii
from analysis.core.schema import CANONICAL_COLUMNS
from analysis.ingest.portfolio import IngestError, IngestOptions, mapping_from_json, mapping_to_json
from analysis.ingest.recognise import Suggestion, recognise_columns
from ui.i18n import lang, t, t_data
from ui.upload.flow import uploader_key
from ui.upload.keys import GROUPS, K_MAP_PREFIX, K_MAPPING_APPLIED, K_MAPPING_FILE, K_PREVIEW, K_SAVE_MAPPING, NONE

K_RECOGNISED = "upload_recognised"      # (headers, rows, id of the raw table) -> suggestions
K_APPLIED = "upload_applied_summary"    # (source, [(message key, params)], [missing headers]) shown after a restore
K_LAYOUTS = "upload_layouts"            # header signature -> mapping JSON, the layouts mapped in this session
K_HEADERS = "upload_current_headers"    # the headers of the file on the mapping step
#: Option widgets a saved mapping sets (keys owned by ui.upload.options).
K_OPT_UNIT, K_OPT_REFERENCE, K_OPT_SNAPSHOT = "upload_opt_unit", "upload_opt_reference", "upload_opt_snapshot"
K_OPT_BALANCE_UNIT, K_OPT_NEGATIVE, K_OPT_EXTRA = "upload_opt_balance_unit", "upload_opt_negative", "upload_opt_extra"
K_OPT_DATE_ORDER, K_OPT_DECIMAL = "upload_opt_date_order", "upload_opt_decimal"
K_SAVED_WIDE, K_SAVED_CODES = "upload_saved_wide", "upload_saved_codes"
K_WIDE_USE, K_WIDE_EDITOR, K_CODES_EDITOR = "upload_wide_use", "upload_wide_editor", "upload_codes_editor"
K_UNIT_AUTO = "upload_unit_auto"        # what set the unit: a detection signature, or "saved"
_MAX_LAYOUTS = 8


def suggestions(raw) -> list[Suggestion]:
    """The recogniser's suggestions for this table (computed once per table in the session)."""
    headers = tuple(str(c) for c in raw.frame.columns)
    stamp = (headers, len(raw.frame), id(raw))
    cached = st.session_state.get(K_RECOGNISED)
    if cached and cached[0] == stamp:
        return cached[1]
    found = recognise_columns(raw)
    st.session_state[K_RECOGNISED] = (stamp, found)
    return found


def _pct(confidence: float) -> str:
    return f"{confidence:.0%}"


def _use_suggestion(field: str, header: str) -> None:
    """The one-click button's callback: the box takes the offered header (before the rerun)."""
    st.session_state[K_MAP_PREFIX + field] = header


def mapping_widgets(raw) -> dict[str, str]:
    """One select box per canonical column: confident suggestions filled in, the others offered."""
    headers = [str(c) for c in raw.frame.columns]
    found = {s.field: s for s in suggestions(raw)}
    fresh = not any(K_MAP_PREFIX + c in st.session_state for c in CANONICAL_COLUMNS)
    if fresh:
        _forget_restored_options()
        _restore_known_layout(raw, headers)
    st.session_state[K_HEADERS] = tuple(headers)
    show_applied_summary()
    suggestion_table(found, headers)
    reasons = {r: t(f"upload.rec.reason.{r}") for r in ("exact", "tokens", "fuzzy", "values")}
    options = [NONE, *headers]
    mapping: dict[str, str] = {}
    for group_key, columns in GROUPS:
        expanded = group_key in ("upload.group.required", "upload.group.dpd")
        with st.expander(t(group_key), expanded=expanded):
            cols = st.columns(3)
            for i, canonical in enumerate(columns):
                key = K_MAP_PREFIX + canonical
                guess = found.get(canonical)
                if key not in st.session_state:
                    st.session_state[key] = guess.header if guess and guess.confident and guess.header in headers else NONE
                # the Chinese screen names the field in Chinese; the English one gives the name --map uses
                help_text = t("upload.col_help", name=canonical if lang() == "en" else t(f"upload.col.{canonical}"))
                if guess is not None:
                    help_text += "\n\n" + t_data("upload.rec.help", header=guess.header, pct=_pct(guess.confidence),
                                                 reason=reasons[guess.reason])
                with cols[i % 3]:
                    choice = st.selectbox(t(f"upload.col.{canonical}"), options, key=key, help=help_text)
                    if guess is not None and choice == NONE and not guess.confident and guess.header in headers:
                        st.button(t_data("upload.rec.apply", header=guess.header, pct=_pct(guess.confidence)),
                                  key=f"upload_rec_use_{canonical}", on_click=_use_suggestion,
                                  args=(canonical, guess.header), help=reasons[guess.reason])
                    elif guess is not None and choice == guess.header:
                        st.caption(t("upload.rec.caption", pct=_pct(guess.confidence), reason=reasons[guess.reason]))
                if choice != NONE:
                    mapping[canonical] = choice
    return mapping


def suggestion_table(found: dict[str, Suggestion], headers: list[str]) -> None:
    """The small table "suggested mapping · confidence", collapsed: what was read, how sure, why."""
    if not found:
        return
    order = {c: i for i, c in enumerate(CANONICAL_COLUMNS)}
    rows = sorted(found.values(), key=lambda s: order.get(s.field, 99))
    table = pd.DataFrame({
        t("upload.rec.col.field"): [t(f"upload.col.{s.field}") for s in rows],
        t("upload.rec.col.header"): [s.header for s in rows],
        t("upload.rec.col.confidence"): [_pct(s.confidence) for s in rows],
        t("upload.rec.col.reason"): [t(f"upload.rec.reason.{s.reason}") for s in rows],
        t("upload.rec.col.state"): [t("upload.rec.state.filled" if s.confident else "upload.rec.state.offered")
                                     for s in rows],
    })
    offered = sum(1 for s in rows if not s.confident)
    with st.expander(t("upload.rec.title", filled=len(rows) - offered, offered=offered), expanded=offered > 0):
        st.dataframe(table, hide_index=True, width="stretch", key="upload_rec_table")


# --------------------------------------------------------------------------------------------
# saved mappings


def saved_mapping_uploader(raw):
    """The uploader for a mapping saved earlier; a new one is applied in full (then a rerun).

    Returns the uploaded mapping file (or None), so its bytes can be dropped with the data's.
    """
    saved = st.file_uploader(t("upload.load_mapping"), type=["json"], key=K_MAPPING_FILE + uploader_key())
    if saved is None or st.session_state.get(K_MAPPING_APPLIED) == saved.file_id:
        return saved
    try:
        saved_mapping, saved_options = mapping_from_json(saved.getvalue().decode("utf-8"))
    except (ValueError, UnicodeDecodeError, IngestError):
        st.error(t("upload.mapping_bad"))
        return saved
    applied, missing = apply_saved(saved_mapping, saved_options, [str(c) for c in raw.frame.columns])
    st.session_state[K_MAPPING_APPLIED] = saved.file_id
    st.session_state[K_APPLIED] = ("file", applied, missing)
    st.rerun()


def apply_saved_mapping(mapping: dict[str, str], headers: list[str]) -> list[str]:
    """Put a saved mapping's columns into the select boxes; returns the headers it names that are missing."""
    missing = []
    for canonical in CANONICAL_COLUMNS:
        header = mapping.get(canonical)
        if header is None:
            st.session_state[K_MAP_PREFIX + canonical] = NONE
        elif header in headers:
            st.session_state[K_MAP_PREFIX + canonical] = header
        else:
            st.session_state[K_MAP_PREFIX + canonical] = NONE
            missing.append(header)
    return missing


def apply_saved(mapping: dict[str, str], options: IngestOptions, headers: list[str]
                ) -> tuple[list[tuple[str, dict]], list[str]]:
    """Put a saved mapping and all its options into the widgets' state.

    Returns ``(applied, missing)``: what was set, as ``(message key, params)`` items for the
    page's list (a parameter ``"@key"`` is a text translated when shown), and the saved headers
    this file does not have (their boxes stay empty).
    """
    missing = apply_saved_mapping(mapping, headers)
    present = sum(1 for h in mapping.values() if h in headers)
    applied: list[tuple[str, dict]] = [("upload.saved.item.columns", {"n": present})]
    st.session_state[K_OPT_UNIT] = options.amount_unit
    st.session_state[K_UNIT_AUTO] = "saved"
    applied.append(("upload.saved.item.unit", {"unit": f"@upload.opt.unit.{options.amount_unit}"}))
    st.session_state[K_OPT_REFERENCE] = options.reference_month or ""
    if options.reference_month:
        applied.append(("upload.saved.item.reference", {"month": options.reference_month}))
    st.session_state[K_OPT_SNAPSHOT] = options.snapshot_month or ""
    if options.snapshot_month:
        applied.append(("upload.saved.item.snapshot", {"month": options.snapshot_month}))
    st.session_state[K_OPT_BALANCE_UNIT] = options.balance_missing == "unit"
    if options.balance_missing == "unit":
        applied.append(("upload.saved.item.balance_unit", {}))
    st.session_state[K_OPT_NEGATIVE] = options.negative_balance
    applied.append(("upload.saved.item.negative", {"choice": f"@upload.opt.negative.{options.negative_balance}"}))
    extra = [h for h in options.extra_segments if h in headers]
    missing += [h for h in options.extra_segments if h not in headers]
    st.session_state[K_OPT_EXTRA] = extra
    if extra:
        applied.append(("upload.saved.item.extra", {"columns": list(extra)}))
    date_order = getattr(options, "date_order", "auto")
    if date_order in ("auto", "mdy", "dmy"):
        st.session_state[K_OPT_DATE_ORDER] = date_order
        if date_order != "auto":
            applied.append(("upload.saved.item.date_order", {"choice": f"@upload.fmt.date_order.{date_order}"}))
    decimal = {True: "comma", False: "dot"}.get(getattr(options, "decimal_comma", "auto"), "auto")
    st.session_state[K_OPT_DECIMAL] = decimal
    if decimal != "auto":
        applied.append(("upload.saved.item.decimal", {"choice": f"@upload.fmt.decimal.{decimal}"}))
    st.session_state.pop(K_WIDE_EDITOR, None)  # the editors start again from the restored tables
    st.session_state.pop(K_CODES_EDITOR, None)
    if options.wide is not None:
        wide_headers = options.wide.headers()
        missing += [h for h in wide_headers if h not in headers]
        st.session_state[K_SAVED_WIDE] = options.wide
        st.session_state[K_WIDE_USE] = True
        applied.append(("upload.saved.item.wide", {"n": sum(1 for h in wide_headers if h in headers)}))
    else:
        st.session_state.pop(K_SAVED_WIDE, None)
        st.session_state[K_WIDE_USE] = False
    if options.status_codes:
        st.session_state[K_SAVED_CODES] = dict(options.status_codes)
        applied.append(("upload.saved.item.codes", {"n": len(options.status_codes)}))
    else:
        st.session_state.pop(K_SAVED_CODES, None)
    return applied, list(dict.fromkeys(missing))


def _forget_restored_options() -> None:
    """A new file: options and tables chosen or restored for the previous one do not carry over."""
    for key in (K_SAVED_WIDE, K_SAVED_CODES, K_APPLIED, K_UNIT_AUTO, K_OPT_UNIT, K_OPT_REFERENCE, K_OPT_SNAPSHOT,
                K_OPT_BALANCE_UNIT, K_OPT_NEGATIVE, K_OPT_EXTRA, K_WIDE_EDITOR, K_CODES_EDITOR, K_WIDE_USE):
        st.session_state.pop(key, None)


def _signature(headers) -> str:
    return "\x1f".join(sorted(str(h) for h in headers))


def _restore_known_layout(raw, headers: list[str]) -> None:
    """A file with the same headers as one mapped earlier in the session gets that mapping again."""
    known = st.session_state.get(K_LAYOUTS, {}).get(_signature(headers))
    if not known:
        return
    try:
        mapping, options = mapping_from_json(known)
    except IngestError:
        return
    applied, missing = apply_saved(mapping, options, headers)
    st.session_state[K_APPLIED] = ("layout", applied, missing)


def remember_layout(mapping: dict[str, str], options: IngestOptions) -> None:
    """Keep this file's mapping and options for the next file with the same headers (this session)."""
    headers = st.session_state.get(K_HEADERS)
    if not headers or not mapping:
        return
    layouts = dict(st.session_state.get(K_LAYOUTS, {}))
    layouts.pop(_signature(headers), None)
    layouts[_signature(headers)] = mapping_to_json(mapping, options)
    st.session_state[K_LAYOUTS] = dict(list(layouts.items())[-_MAX_LAYOUTS:])


def show_applied_summary() -> None:
    """The list of what a saved (or remembered) mapping set, and the columns this file lacks."""
    summary = st.session_state.get(K_APPLIED)
    if not summary:
        return
    source, applied, missing = summary
    sep = "；" if lang() == "zh" else "; "
    items = sep.join(t_data(key, **{k: t(v[1:]) if str(v).startswith("@") else v for k, v in params.items()})
                     for key, params in applied)
    st.success(t("upload.saved.applied" if source == "file" else "upload.saved.remembered") + " " + items)
    if missing:
        st.warning(t_data("upload.saved.missing", headers=list(missing)))


# --------------------------------------------------------------------------------------------
# preview and download


def preview(raw, mapping: dict[str, str]) -> None:
    """The file's first 20 rows, personal data masked as the mapping says, collapsed."""
    with st.expander(t("upload.preview"), expanded=False):
        st.dataframe(_blank_text(mask_mapped_pii(raw.frame.head(20), mapping)), width="stretch", key=K_PREVIEW)


def _blank_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with empty text cells as empty text: the grid writes a missing one as the English
    word "None", on the Chinese page too."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
            and not pd.api.types.is_datetime64_any_dtype(frame[c])]
    return frame.assign(**{c: frame[c].astype("object").where(frame[c].notna(), "") for c in text}) if text else frame


def save_mapping_button(mapping: dict[str, str], options) -> None:
    """Download the mapping and options as JSON (for the next file of the same layout, or the CLI);
    the same layout is also remembered for the rest of the session."""
    remember_layout(mapping, options)
    st.download_button(t("upload.save_mapping"), data=lambda: mapping_to_json(mapping, options),
                       file_name="mapping.json", mime="application/json", key=K_SAVE_MAPPING)
