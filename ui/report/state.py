"""Session state of the meeting-report page: its choices, its built files, what they depend on.

The built files live in the session (:data:`ui.report.keys.K_FILES`) together with the settings
they were built for, so a rerun (or a visit to another page and back) keeps the downloads until
the user changes a setting. The page and its views read the session only through this module.
"""
from __future__ import annotations

import hashlib
import json

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.core import Cubes
from analysis.core.i18n import LANGS
from analysis.report.model import FORMATS, SECTIONS
from analysis.trend.projection import ProjectionChoice
from analysis.whatif.pd import estimate_pd, fallback_pd, pd_mapping
from analysis.whatif.policy import PolicyError, policy_to_json
from ui import state
from ui.i18n import lang
from ui.report.keys import K_FILES, K_FORMATS, K_LANG, K_LANG_PICKED, K_MONTH, K_SECTIONS
from ui.whatif import keys as whatif_keys
from ui.whatif import state as whatif


@dataclass(frozen=True)
class Choices:
    """What the reader picked: sections and formats in report order, month, report language."""

    sections: list[str]
    formats: list[str]
    month: str
    language: str


def init_choices(months: list[str]) -> None:
    """Defaults for the page's widgets: the latest month, every section and format, the UI language.

    The report's language follows the screen's until the reader picks one (:func:`language_picked`):
    a reader who switched the screen to English expects an English report, not the Chinese one
    the page chose when it was first opened in Chinese.
    """
    if st.session_state.get(K_MONTH) not in months:
        st.session_state[K_MONTH] = months[-1]
    st.session_state.setdefault(K_SECTIONS, list(SECTIONS))
    st.session_state.setdefault(K_FORMATS, list(FORMATS))
    if st.session_state.get(K_LANG) not in LANGS or not st.session_state.get(K_LANG_PICKED):
        st.session_state[K_LANG] = lang()


def language_picked() -> None:
    """The reader chose the report's language (the control's callback): it no longer follows the screen's."""
    st.session_state[K_LANG_PICKED] = st.session_state.get(K_LANG) in LANGS


def choices() -> Choices:
    """The reader's current choices."""
    return Choices(
        sections=[s for s in SECTIONS if s in (st.session_state.get(K_SECTIONS) or [])],
        formats=[f for f in FORMATS if f in (st.session_state.get(K_FORMATS) or [])],
        month=st.session_state[K_MONTH],
        language=st.session_state.get(K_LANG) or lang(),
    )


def store_files(key: str, files: dict[str, bytes], month: str, language: str) -> None:
    """Keep the built files with the fingerprint of the settings they were built for."""
    st.session_state[K_FILES] = {"key": key, "files": files, "month": month, "lang": language}


def built_files() -> dict | None:
    """The last built files (``key``, ``files``, ``month``, ``lang``), or ``None``."""
    return st.session_state.get(K_FILES)


def settings_key(sections, month: str, language: str, formats, other_pages: str = "", provisions: str = "",
                 projection: ProjectionChoice | None = None) -> str:
    """A fingerprint of everything a built report depends on (data, filters, buckets, units, choices,
    ``other_pages``: the key of the warning and causes settings, see ``ui.overview.cache.user_settings``,
    ``provisions``: the provisions page's settings, ``ProvisionSettings.key()``, and ``projection``:
    the trend page's roll-rate projection)."""
    events = state.events()
    playbook = state.stage_playbook()
    text = json.dumps({
        "other_pages": other_pages,
        "provisions": provisions,
        "projection": _projection_fingerprint(projection),
        "playbook": playbook.astype(str).to_dict("records"),
        "responses": sorted(state.cause_responses().items()),
        "data": state.data_token(), "measure": state.measure(), "unit": state.unit(),
        "sections": sorted(sections), "month": month, "lang": language, "formats": sorted(formats),
        "events": events.astype(str).to_dict("records") if len(events) else [],
        "whatif": _whatif_fingerprint(),
    }, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _whatif_fingerprint() -> str:
    items = st.session_state.get(whatif_keys.K_SCENARIOS)
    if not items:
        return ""
    # every assumption the report prices with (whatif_setup): the widget's value on the what-if
    # page, else the one it last priced with; a change to any of them makes the built files stale
    ss = st.session_state
    chosen = {**{k: ss[k] for k in (whatif_keys.K_CHAMPION, whatif_keys.K_PD_USED) if k in ss}, **whatif.assumption_values()}
    keys = [whatif_keys.K_CHAMPION, whatif_keys.K_PD_USED, *whatif_keys.ASSUMPTION_KEYS]
    values = [str(chosen.get(k)) for k in keys]
    return json.dumps([[policy_to_json(i["policy"]) for i in items], values])


def whatif_setup(cubes: Cubes, rows: pd.DataFrame, language: str):
    """The what-if page's scenarios, champion and assumptions when the user has been there.

    Returns ``(policies, champion, assumptions)``; ``(None, 0, None)`` when the what-if page was
    never opened in this session (the report then uses its default champion and challenger).
    The PDs are those the what-if page last priced with (hand edits included); when the bucket
    scheme changed since, the PDs estimated with the method chosen there, from the session's
    transition cube and rows (:func:`pd_map`).
    """
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
        # the page's choice of each account's own PD (the report prices at it where the history allows)
        assumptions = whatif.assumptions(used, "interest_rate" in rows.columns, account_level=whatif.account_level_wanted())
    except PolicyError:  # an assumption out of range there: the report's own defaults, stated in it
        assumptions = None
    return policies, champion, assumptions


def pd_map(cubes: Cubes, rows: pd.DataFrame, method: str, language: str) -> dict[str, float]:
    """PD per bucket of the cubes' scheme, estimated as the what-if page does: the book's roll
    rates (the transition cube) or its observed outcomes (the rows); the defaults with one month."""
    buckets = cubes.buckets
    if len(cubes.months) < 2:
        return pd_mapping(fallback_pd(buckets, language))
    try:
        table = estimate_pd(rows, buckets, method=method, rolls=cubes.transitions(), lang=language)
    except PolicyError:
        table = fallback_pd(buckets, language)
    return pd_mapping(table)


def _projection_fingerprint(choice: ProjectionChoice | None) -> list | None:
    if choice is None:
        return None
    matrix = None if choice.matrix is None else choice.matrix.round(12).to_numpy().tolist()
    return [choice.window, choice.months, choice.replenish, matrix]


def report_options(filters: dict[str, list[str]], settings: dict, provisions=None,
                   projection: ProjectionChoice | None = None) -> dict:
    """The session's further :func:`analysis.report.meeting.assemble_report` keywords: measure, unit,
    filters, events, the data's name, the playbook and cause responses, ``settings`` (the
    warning and causes pages' settings, ``ui.overview.cache.user_settings``), ``provisions``
    (the provisions page's, ``ui.provisions.settings.current``; None = the analysis defaults) and
    ``projection`` (the trend page's roll-rate projection, ``ui.trend.projection.chosen_projection``;
    None = the analysis defaults, which are the page's)."""
    return {"measure": state.measure(), "unit": state.unit(), "events": state.events(), "filters": filters,
            "data_name": state.data_name(), "playbook": state.stage_playbook(),
            "cause_responses": state.cause_responses(), "provisions": provisions, "projection": projection,
            **settings}
