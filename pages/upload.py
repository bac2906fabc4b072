"""Upload and map a portfolio file: the way in for the user's own data."""
from __future__ import annotations

import streamlit as st

from ui import datasets, state, upload
from ui.i18n import lang, t

st.title(t("upload.title"))
st.markdown(t("upload.intro"))

result = state.ingest_result()
just_loaded = st.session_state.get(upload.K_REPORT)
if result is not None and just_loaded is None:
    with st.expander(t("upload.current", name=state.data_name()), expanded=False):
        upload.validation_report(result, key="upload_current")

# Beside the uploader: the datasets the deployer configured (nothing drawn when none is).
dataset_config = datasets.config()
file_column, dataset_column = st.columns(2) if dataset_config.configured else (st.container(), None)
with file_column:
    uploaded = st.file_uploader(
        t("upload.file"), type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "parquet"], key=upload.uploader_key(),
        help=t("upload.file_help"),
    )
if dataset_column is not None:
    with dataset_column:
        datasets.section(dataset_config)

if uploaded is None:
    if just_loaded is not None:
        st.success(t("upload.loaded", name=state.data_name(), rows=just_loaded.summary["rows_accepted"]))
        upload.validation_report(just_loaded)
        st.page_link("pages/overview.py", label=t("upload.go_overview"), icon=":material/dashboard:")
    st.markdown(t("upload.format_help"))
    st.stop()

st.session_state.pop(upload.K_REPORT, None)
from analysis.ingest.portfolio import IngestError  # noqa: E402  (only needed once a file is here)

sheet = st.session_state.get(upload.K_SHEET)
try:
    raw = upload.read_raw(uploaded, sheet)
except IngestError as exc:
    st.error(exc.message(lang()))
    st.stop()
except Exception as exc:  # never a traceback for a file the user brought
    st.error(t("upload.unexpected", error=type(exc).__name__))
    st.stop()

st.subheader(t("upload.step.found"))
facts = t("upload.facts", fmt=raw.file_format.upper(), rows=len(raw.frame), cols=raw.frame.shape[1],
          header=raw.header_row, encoding=raw.encoding or "—")
st.caption(facts)
if len(raw.sheets) > 1:
    st.selectbox(t("upload.sheet"), list(raw.sheets), key=upload.K_SHEET,
                 index=list(raw.sheets).index(raw.sheet) if raw.sheet in raw.sheets else 0)
for key, params in raw.notes:
    st.info(upload.note_text(key, params))
st.subheader(t("upload.step.map"))
st.markdown(t("upload.map_intro"))
saved = st.file_uploader(t("upload.load_mapping"), type=["json"], key=f"upload_mapping_file_{upload.uploader_key()}")
if saved is not None and st.session_state.get("upload_mapping_applied") != saved.file_id:
    from analysis.ingest.portfolio import mapping_from_json

    try:
        saved_mapping, _ = mapping_from_json(saved.getvalue().decode("utf-8"))
        missing = upload.apply_saved_mapping(saved_mapping, [str(c) for c in raw.frame.columns])
        st.session_state["upload_mapping_applied"] = saved.file_id
        if missing:
            st.warning(t("upload.mapping_missing", headers="、".join(missing)))
        st.rerun()
    except (ValueError, UnicodeDecodeError, IngestError):
        st.error(t("upload.mapping_bad"))
mapping = upload.mapping_widgets(raw)
with st.expander(t("upload.preview"), expanded=False):
    from analysis.core.privacy import mask_mapped_pii

    st.dataframe(mask_mapped_pii(raw.frame.head(20), mapping), width="stretch", key="upload_preview")
options = upload.options_widgets(raw, mapping)

from analysis.ingest.portfolio import mapping_to_json  # noqa: E402

st.download_button(t("upload.save_mapping"), data=lambda: mapping_to_json(mapping, options),
                   file_name="mapping.json", mime="application/json", key="upload_save_mapping")

st.subheader(t("upload.step.check"))
if st.button(t("upload.validate"), type="primary", key="upload_validate"):
    checked = upload.validate(raw, mapping, options)
    if checked is not None:
        if checked.summary["rows_accepted"] == 0:
            st.error(t("upload.none_accepted"))
            upload.validation_report(checked)
        else:
            state.set_data(checked, uploaded.name)
            st.session_state[upload.K_REPORT] = state.ingest_result()
            upload.reset_uploader()  # a new uploader key; the raw table is dropped
            upload.drop_uploaded_files(uploaded, saved)  # and the bytes Streamlit keeps for the session
            st.rerun()
