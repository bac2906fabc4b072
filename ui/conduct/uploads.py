"""A file uploaded on the conduct page: read once, its bytes dropped, a message when unreadable."""
from __future__ import annotations

from typing import Callable

import streamlit as st

from analysis.core.i18n import MessageError
from ui.upload import drop_uploaded_files


def read_once(uploaded, seen_key: str, reader: Callable[[bytes, str], object], lang: str, reading: str):
    """The parsed content of a new upload (read with a spinner, the bytes then dropped from
    Streamlit's upload store), or ``None`` when nothing new was uploaded or it could not be read
    (the message, in ``lang``, is on screen)."""
    if uploaded is None or st.session_state.get(seen_key) == uploaded.file_id:
        return None
    st.session_state[seen_key] = uploaded.file_id
    try:
        with st.spinner(reading):
            return reader(uploaded.getvalue(), uploaded.name)
    except MessageError as exc:
        st.error(exc.markdown(lang), icon=":material/error:")
        return None
    finally:
        drop_uploaded_files(uploaded)
