"""``t(key)``: page text in the session's language, from analysis/locales and ui/locales;
``t_data(key, ...)`` when a parameter is a value from the user's data (escaped for markdown)."""
from __future__ import annotations

import streamlit as st

from analysis.core.i18n import LANGS, analysis_messages, collect_messages, translate
from analysis.core.markup import escape_params
from ui import locales
from ui.pages_directory import reroute_bare_run

LANG_KEY = "lang"
#: The address carries the language the reader chose when it is not the browser's, so a refresh
#: (a new session) keeps it.
LANG_PARAM = "lang"
_MESSAGES: dict[str, dict[str, str]] | None = None


def all_messages() -> dict[str, dict[str, str]]:
    """Every catalogue, analysis and ui, merged (a key defined twice is an error)."""
    global _MESSAGES
    if _MESSAGES is None:
        ui_messages = collect_messages(locales)
        clash = set(ui_messages) & set(analysis_messages())
        if clash:
            raise ValueError(f"keys defined in both analysis and ui locales: {sorted(clash)}")
        _MESSAGES = {**analysis_messages(), **ui_messages}
    return _MESSAGES


def browser_lang() -> str:
    """``"zh"`` when the browser prefers Chinese, else ``"en"``."""
    locale = getattr(st.context, "locale", None) or ""
    return "zh" if str(locale).lower().startswith("zh") else "en"


def lang() -> str:
    """The language the user chose (default: the browser's)."""
    value = st.session_state.get(LANG_KEY)
    if value not in LANGS:  # the session's first run
        reroute_bare_run()  # a page Streamlit ran without app.py (a crowd of deep links on a fresh server)
        chosen = st.query_params.get(LANG_PARAM)
        value = chosen if chosen in LANGS else browser_lang()
        st.session_state[LANG_KEY] = value
    return value


def remember_lang_in_address() -> None:
    """Put the chosen language in the address when it is not the browser's (and take it out when
    it is), so a refresh or a bookmark opens in the language the reader chose."""
    value = st.session_state.get(LANG_KEY)
    if value in LANGS and value != browser_lang():
        if st.query_params.get(LANG_PARAM) != value:
            st.query_params[LANG_PARAM] = value
    elif LANG_PARAM in st.query_params:
        del st.query_params[LANG_PARAM]


def t(key: str, **params: object) -> str:
    """Translate ``key`` into the session language, formatting ``params`` in."""
    return translate(key, lang(), all_messages(), **params)


def t_data(key: str, **params: object) -> str:
    """:func:`t` for markdown whose ``params`` carry data (file, column, segment, reason names):
    every string parameter is escaped so it shows as text, never as a link, image or HTML; the
    template's own markdown stays. Numbers pass through for their format specs."""
    return translate(key, lang(), all_messages(), **escape_params(params))
