"""The mapping step: one select box per canonical column, saved mappings, the preview."""
from __future__ import annotations

import streamlit as st

from analysis.core.privacy import mask_mapped_pii
from analysis.core.schema import CANONICAL_COLUMNS
from analysis.ingest.portfolio import IngestError, mapping_from_json, mapping_to_json, suggest_mapping
from ui.i18n import t, t_data
from ui.upload.flow import uploader_key
from ui.upload.keys import GROUPS, K_MAP_PREFIX, K_MAPPING_APPLIED, K_MAPPING_FILE, K_PREVIEW, K_SAVE_MAPPING, NONE


def mapping_widgets(raw) -> dict[str, str]:
    """One select box per canonical column, pre-filled with the suggested header."""
    headers = [str(c) for c in raw.frame.columns]
    suggested = suggest_mapping(raw)
    options = [NONE, *headers]
    mapping: dict[str, str] = {}
    for group_key, columns in GROUPS:
        expanded = group_key in ("upload.group.required", "upload.group.dpd")
        with st.expander(t(group_key), expanded=expanded):
            cols = st.columns(3)
            for i, canonical in enumerate(columns):
                key = K_MAP_PREFIX + canonical
                if key not in st.session_state:
                    st.session_state[key] = suggested.get(canonical, NONE) if suggested.get(canonical) in headers else NONE
                with cols[i % 3]:
                    choice = st.selectbox(t(f"upload.col.{canonical}"), options, key=key,
                                          help=t("upload.col_help", name=canonical))
                if choice != NONE:
                    mapping[canonical] = choice
    return mapping

def saved_mapping_uploader(raw):
    """The uploader for a mapping saved earlier; a new one is put into the boxes (then a rerun).

    Returns the uploaded mapping file (or None), so its bytes can be dropped with the data's.
    """
    saved = st.file_uploader(t("upload.load_mapping"), type=["json"], key=K_MAPPING_FILE + uploader_key())
    if saved is None or st.session_state.get(K_MAPPING_APPLIED) == saved.file_id:
        return saved
    try:
        saved_mapping, _ = mapping_from_json(saved.getvalue().decode("utf-8"))
    except (ValueError, UnicodeDecodeError, IngestError):
        st.error(t("upload.mapping_bad"))
        return saved
    missing = apply_saved_mapping(saved_mapping, [str(c) for c in raw.frame.columns])
    st.session_state[K_MAPPING_APPLIED] = saved.file_id
    if missing:
        st.warning(t_data("upload.mapping_missing", headers="、".join(missing)))
    st.rerun()


def preview(raw, mapping: dict[str, str]) -> None:
    """The file's first 20 rows, personal data masked as the mapping says, collapsed."""
    with st.expander(t("upload.preview"), expanded=False):
        st.dataframe(mask_mapped_pii(raw.frame.head(20), mapping), width="stretch", key=K_PREVIEW)


def save_mapping_button(mapping: dict[str, str], options) -> None:
    """Download the mapping and options as JSON (for the next file of the same layout, or the CLI)."""
    st.download_button(t("upload.save_mapping"), data=lambda: mapping_to_json(mapping, options),
                       file_name="mapping.json", mime="application/json", key=K_SAVE_MAPPING)

def apply_saved_mapping(mapping: dict[str, str], headers: list[str]) -> list[str]:
    """Put a saved mapping into the select boxes; returns the headers it names that are missing."""
    missing = []
    for canonical in CANONICAL_COLUMNS:
        header = mapping.get(canonical)
        if header is None:
            st.session_state[K_MAP_PREFIX + canonical] = NONE
        elif header in headers:
            st.session_state[K_MAP_PREFIX + canonical] = header
        else:
            missing.append(header)
    return missing
