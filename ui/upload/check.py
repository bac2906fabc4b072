"""The check step: what blocks loading (listed before any click), the "check and load" button, and
the validation that builds the portfolio."""
from __future__ import annotations

import weakref

import streamlit as st

from analysis.ingest.multi import MONTH_COLUMN
from analysis.ingest.portfolio import IngestError, build_portfolio, mapping_to_json
from analysis.ingest.precheck import precheck
from ui import sharing
from ui.i18n import lang, t
from ui.upload.flow import raw_digest
from ui.upload.keys import K_VALIDATE

#: Session key of the last precheck: (weak reference to the raw table, mapping and options as
#: JSON, problems). Every widget change reruns the page; the precheck reruns only when the
#: mapping or an option changed, and never holds the raw table alive after it is dropped.
K_PRECHECK = "upload_precheck"


def problems(raw, mapping: dict[str, str], options) -> list:
    """The precheck of ``raw`` under ``mapping`` and ``options``, kept for the session until one changes."""
    mapping = _as_built(raw, mapping)
    signature = mapping_to_json(mapping, options)
    kept = st.session_state.get(K_PRECHECK)
    if kept is not None and kept[0]() is raw and kept[1] == signature:
        return kept[2]
    found = precheck(raw, mapping, options)
    st.session_state[K_PRECHECK] = (weakref.ref(raw), signature, found)
    return found


def _as_built(raw, mapping: dict[str, str]) -> dict[str, str]:
    """The mapping the build will use: for several files read together, the month column the
    combined table carries stands in for a month column the mapping leaves out (as
    ``analysis.ingest.multi.build_combined`` does), so "no month" is not listed for them."""
    if MONTH_COLUMN in raw.frame.columns and not mapping.get("snapshot_date"):
        return {**mapping, "snapshot_date": MONTH_COLUMN}
    return mapping


def show_problems(found: list) -> None:
    """One box with a bullet per problem (nothing when there is none)."""
    if not found:
        st.caption(t("upload.check.ready"))
        return
    lines = [t("upload.check.blocked", n=len(found)), ""]
    lines += [f"- {p.markdown(lang())}" for p in found]
    st.warning("\n".join(lines), icon=":material/block:")


def check_button(raw=None, mapping: dict[str, str] | None = None, options=None, before=()) -> bool:
    """Everything that blocks loading, then the primary "check and load" button (disabled while
    something blocks). Without ``raw`` only the button is drawn. ``before``: problems listed
    first (several files: ``analysis.ingest.multi.set_problems``)."""
    found = problems(raw, mapping or {}, options) if raw is not None and options is not None else []
    found = [*before, *found]
    if raw is not None:
        show_problems(found)
    return st.button(t("upload.validate"), type="primary", key=K_VALIDATE, disabled=bool(found),
                     help=t("upload.check.disabled_help") if found else None)


def validate(raw, mapping, options, build=None):
    """Build the portfolio; returns the IngestResult or shows the reason it cannot be built.

    The progress box never stays "running" beside an error: it ends in the error state with a
    label saying the check failed (or that no row passed), and the reason is drawn below it.
    ``build`` replaces ``build_portfolio`` (several files: ``ui.upload.files.builder``).
    """
    error = None
    digest = raw_digest(raw) if build is None else None
    with st.status(t("upload.validating"), expanded=False) as status:
        try:
            if digest is None:
                result = (build or build_portfolio)(raw, mapping, options)
            else:  # users checking the same file the same way share one check
                key = sharing.bytes_digest(digest, mapping_to_json(mapping, options))
                # compact as the session keeps it (ui.state.set_data): the object the sessions hold
                result = sharing.while_held(f"build|{key}", lambda: build_portfolio(raw, mapping, options).compact())
        except IngestError as exc:
            error = exc
            status.update(label=t("upload.check.failed"), state="error")
        else:
            if result.summary["rows_accepted"] == 0:
                status.update(label=t("upload.check.none_accepted"), state="error")
            else:
                status.update(label=t("upload.validated", rows=result.summary["rows_accepted"]), state="complete")
    if error is not None:
        st.error(error.markdown(lang()))
        return None
    return result
