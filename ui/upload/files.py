"""The upload page's file chooser and, for several monthly files chosen together, the per-file
table: file, rows, month and where the month came from, the month editable."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.ingest.errors import IngestError
from analysis.ingest.multi import build_combined, regroup, set_name, with_months
from analysis.ingest.multi import set_problems as multi_set_problems
from ui.i18n import lang, t, t_data
from ui.upload.flow import keep_multi, months_found, uploader_key
from ui.upload.keys import FILE_TYPES

K_FILES_EDITOR = "upload_files_editor_"  # + the uploader key: the per-file table


class Uploads(list):
    """The files chosen together (a list of ``UploadedFile``); ``name`` names them as one."""

    @property
    def name(self) -> str:
        """The file's name, or the first and last names of several with how many there are."""
        return set_name(f.name for f in self)


def file_chooser() -> Uploads:
    """The file uploader (several files at once); an empty :class:`Uploads` when none is chosen."""
    chosen = st.file_uploader(t("upload.files.label"), type=FILE_TYPES, key=uploader_key(),
                              help=t("upload.files.help"), accept_multiple_files=True)
    return Uploads(chosen or [])


def _note(f) -> str:
    """What the table says beside a file: several months in its date column, a disagreeing name,
    headers that differ from the first file's."""
    parts = []
    if len(f.months) > 1:
        parts.append(t("upload.files.months_list", first=f.months[0], last=f.months[-1], n=len(f.months)))
    if f.conflict:
        parts.append(t("upload.files.conflict", named=f.named))
    if f.missing:
        parts.append(t("upload.files.missing", headers=list(f.missing)))
    if f.extra:
        parts.append(t("upload.files.extra", headers=list(f.extra)))
    return "；".join(parts) if lang() == "zh" else "; ".join(parts)


def files_table(multi):
    """The per-file table; a month changed there re-orders the combined table (no file is read
    again). Returns the set's current table (:class:`analysis.ingest.multi.MultiTable`)."""
    # in the months found when the files were read (a fixed base: edits stay on their row), so a
    # year reads 1月 … 12月, not 10月, 11月, 12月, 1月 as the names sort
    found = sorted(months_found() or multi.files, key=lambda f: (f.month or "9999-99", f.file))
    st.markdown(t("upload.files.intro", n=len(found), rows=sum(f.rows for f in found)))
    sources = {s: t(f"upload.files.source.{s}") for s in ("date_column", "title", "file_name", "user", "none")}
    table = pd.DataFrame({
        "file": [f.file for f in found],
        "rows": [f.rows for f in found],
        "month": [f.month or "" for f in found],
        "source": [sources[f.source] for f in found],
        "note": [_note(f) for f in found],
    })
    edited = st.data_editor(
        table, key=K_FILES_EDITOR + uploader_key(), hide_index=True, width="stretch",
        disabled=["file", "rows", "source", "note"],
        column_config={
            "file": st.column_config.TextColumn(t("upload.files.col.file")),
            "rows": st.column_config.NumberColumn(t("upload.files.col.rows"), format="localized"),
            "month": st.column_config.TextColumn(t("upload.files.col.month"), help=t("upload.files.col.month_help")),
            "source": st.column_config.TextColumn(t("upload.files.col.source")),
            "note": st.column_config.TextColumn(t("upload.files.col.note")),
        },
    )
    typed = {row.file: str(row.month or "").strip() for row in edited.itertuples(index=False)}
    changed = {f.file: typed[f.file] for f in found if typed[f.file] != (f.month or "")}
    try:
        wanted = with_months(list(found), changed)
    except IngestError as exc:
        st.error(exc.markdown(lang()))
        st.stop()
    if [(f.file, f.month, f.source) for f in wanted] != [(f.file, f.month, f.source) for f in multi.files]:
        multi = regroup(multi, wanted)
        keep_multi(multi)
    _month_warnings(multi)
    return multi


def _month_warnings(multi) -> None:
    """Files that share a month (a file without one is listed by the check step, with the
    problems that block loading: :func:`set_problems`)."""
    by_month: dict[str, list[str]] = {}
    for f in multi.files:
        if f.month:
            by_month.setdefault(f.month, []).append(f.file)
    for month, names in by_month.items():
        if len(names) > 1:
            st.info(t_data("upload.files.same_month", month=month, files=list(names)))


def set_problems(multi, mapping: dict[str, str], options) -> list:
    """What blocks loading a set of files that one file cannot have (a file with no month, a
    mapped header missing from a file), in the precheck's shape; nothing for one file."""
    return [] if multi is None else multi_set_problems(multi, mapping, options)


def builder(multi):
    """What the check step builds the portfolio with: ``build_portfolio`` for one file (None
    here), :func:`analysis.ingest.multi.build_combined` on the set's table for several."""
    if multi is None:
        return None

    def build(raw, mapping, options):
        return build_combined(multi, mapping, options)

    return build
