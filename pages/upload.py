"""Upload and map a portfolio file (or several monthly files at once): the way in for the user's own data."""
from __future__ import annotations

import streamlit as st

from analysis.ingest.portfolio import IngestError
from ui import datasets, deployment, state, upload, workspace
from ui.i18n import lang, t, t_data

st.title(t("upload.title"))
st.markdown(t("upload.intro"))

result = state.ingest_result()
just_loaded = upload.just_loaded()
if result is not None and just_loaded is None:
    with st.expander(t("upload.current", name=state.data_name()), expanded=False):
        upload.validation_report(result, key=upload.K_CURRENT)

# Beside the uploader: the datasets the deployer configured (nothing drawn when none is).
dataset_config = deployment.config()
file_column, dataset_column = st.columns(2) if dataset_config.configured else (st.container(), None)
with file_column:
    uploaded = upload.file_chooser()  # one file, or several monthly files together
if dataset_column is not None:
    with dataset_column:
        datasets.section(dataset_config)

workspace.section()  # save / open a workspace; whether the next upload replaces or extends the data

if not uploaded:
    if just_loaded is not None:
        st.success(t_data("upload.loaded", name=state.data_name(), rows=just_loaded.summary["rows_accepted"]))
        upload.validation_report(just_loaded)
        st.page_link("pages/overview.py", label=t("upload.go_overview"), icon=":material/dashboard:")
        upload.prepare_analysis()  # the cubes every page opens with, while the report is read
    st.markdown(t("upload.format_help"))
    st.stop()

upload.forget_report()
try:
    raw, multi = upload.read_uploads(uploaded, upload.chosen_sheet())  # multi: several files as one table
except IngestError as exc:  # the readers turn every problem of the user's file into one
    st.error(exc.markdown(lang()))
    st.stop()

# ① What was found in the file
st.subheader(t("upload.step.found"))
if multi is None:
    st.caption(t("upload.facts", fmt=raw.file_format.upper(), rows=len(raw.frame), cols=raw.frame.shape[1],
                 header=raw.header_row, encoding=raw.encoding or "—"))
    upload.sheet_picker(raw)
else:
    multi = upload.files_table(multi)  # each file's rows and month, the month editable
    raw = multi.raw
for key, params in raw.notes:
    st.info(upload.note_text(key, params))

# ② Map the columns
st.subheader(t("upload.step.map"))
st.markdown(t("upload.map_intro"))
saved = upload.saved_mapping_uploader(raw)
mapping = upload.mapping_widgets(raw)
upload.preview(raw, mapping)
options = upload.options_widgets(raw, mapping)
upload.save_mapping_button(mapping, options)

# ③ Check and load
st.subheader(t("upload.step.check"))
if upload.check_button(raw, mapping, options, before=upload.set_problems(multi, mapping, options)):
    checked = upload.validate(raw, mapping, options, build=upload.builder(multi))
    if checked is not None:
        if checked.summary["rows_accepted"] == 0:
            st.error(t("upload.none_accepted"))
            upload.validation_report(checked)
        else:
            accepted = workspace.for_accept(checked, uploaded.name)  # None: refused, and said why
            if accepted is not None:
                upload.accept(*accepted, uploaded, saved)
