"""Session state and helpers of the meeting-report page, and a "meeting report" link for any page.

The built files live in ``st.session_state["report_files"]`` together with the settings they were
built for, so a rerun (or a visit to another page and back) keeps the downloads until the user
changes a setting.
"""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from analysis.core import Cubes
from ui import state
from ui.i18n import t

K_SECTIONS = "report_sections"
K_MONTH = "report_month"
K_LANG = "report_lang"
K_FORMATS = "report_formats"
K_FILES = "report_files"


def settings_key(sections, month: str, language: str, formats, other_pages: str = "") -> str:
    """A fingerprint of everything a built report depends on (data, filters, buckets, units, choices,
    and ``other_pages``: the key of the warning and causes settings, see ``ui.overview.user_settings``)."""
    events = state.events()
    playbook = state.stage_playbook()
    text = json.dumps({
        "other_pages": other_pages,
        "playbook": playbook.astype(str).to_dict("records"),
        "responses": sorted(state.cause_responses().items()),
        "data": state.data_token(), "measure": state.measure(), "unit": state.unit(),
        "sections": sorted(sections), "month": month, "lang": language, "formats": sorted(formats),
        "events": events.astype(str).to_dict("records") if len(events) else [],
        "whatif": _whatif_fingerprint(),
    }, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _whatif_fingerprint() -> str:
    from ui.whatif import keys as whatif_keys
    from ui.whatif import state as whatif

    items = st.session_state.get(whatif_keys.K_SCENARIOS)
    if not items:
        return ""
    from analysis.whatif.policy import policy_to_json

    keys = [whatif_keys.K_CHAMPION, whatif_keys.K_LGD, whatif_keys.K_CCF, whatif_keys.K_DRAW, whatif_keys.K_RATE,
            whatif_keys.K_USE_MAPPED, whatif_keys.K_PAYDOWN, whatif_keys.K_PD_METHOD, whatif_keys.K_PD_USED]
    return json.dumps([[policy_to_json(i["policy"]) for i in items], [str(st.session_state.get(k)) for k in keys]])


def whatif_setup(cubes: Cubes, rows: pd.DataFrame, language: str):
    """The what-if page's scenarios, champion and assumptions when the user has been there.

    Returns ``(policies, champion, assumptions)``; ``(None, 0, None)`` when the what-if page was
    never opened in this session (the report then uses its default champion and challenger).
    The PDs are those the what-if page last priced with (hand edits included); when the bucket
    scheme changed since, the PDs estimated with the method chosen there, from the session's
    transition cube and rows (:func:`pd_map`).
    """
    from ui.whatif import keys as whatif_keys
    from ui.whatif import state as whatif

    if not st.session_state.get(whatif_keys.K_SCENARIOS):
        return None, 0, None
    items = whatif.scenarios()
    policies = [whatif.policy_of(item) for item in items]
    # The champion is a widget value of the what-if page: read it without assuming it is there.
    champion = int(st.session_state.get(whatif_keys.K_CHAMPION, 0) or 0)
    champion = champion if 0 <= champion < len(policies) else 0
    try:
        whatif.init_assumption_widgets()
        used = whatif.used_pd_map()
        if not used or set(used) != set(cubes.buckets.keys):
            used = pd_map(cubes, rows, st.session_state.get(whatif_keys.K_PD_METHOD, "auto"), language)
        assumptions = whatif.assumptions(used, "interest_rate" in rows.columns)
    except Exception:  # the report's own defaults are a sound fallback; they are stated in it
        assumptions = None
    return policies, champion, assumptions


def pd_map(cubes: Cubes, rows: pd.DataFrame, method: str, language: str) -> dict[str, float]:
    """PD per bucket of the cubes' scheme, estimated as the what-if page does: the book's roll
    rates (the transition cube) or its observed outcomes (the rows); the defaults with one month."""
    from analysis.whatif.policy import PolicyError
    from analysis.whatif.pd import estimate_pd, fallback_pd, pd_mapping

    buckets = cubes.buckets
    if len(cubes.months) < 2:
        return pd_mapping(fallback_pd(buckets, language))
    try:
        table = estimate_pd(rows, buckets, method=method, rolls=cubes.transitions(), lang=language)
    except PolicyError:
        table = fallback_pd(buckets, language)
    return pd_mapping(table)


def file_name(month: str, language: str, fmt: str) -> str:
    """``逾期分析汇报_2024-06.html`` / ``delinquency_report_2024-06.pptx``."""
    stem = "逾期分析汇报" if language == "zh" else "delinquency_report"
    return f"{stem}_{month}.{fmt}"


def meeting_report_button() -> None:
    """A small link to the meeting-report page, for any page that wants one."""
    st.page_link("pages/report.py", label=t("report.button"), icon=":material/slideshow:")
