"""A one-screen page for tests/browser/test_markup_in_browser.py: every hostile value, escaped by
:func:`analysis.core.markup.escape_markdown`, in each kind of element that renders markdown, next
to the same value unescaped (so the test also sees that the hazard is real)."""
from __future__ import annotations

import streamlit as st

from analysis.core.markup import escape_markdown
from tests.hostile_markup import HOSTILE

#: The hostile kinds, plus block constructs a value could start when it begins a line.
VALUES = [v.format(i=k) for k, v in enumerate(HOSTILE)] + [
    "- evil列表", "1. evil列表", "> evil引用", "| evil | 表 |", "&lt;evil&gt;", "~~evil删除~~",
    ":smile: evil表情", ":streamlit: evil标志",
]

if __name__ == "__main__":  # run by `streamlit run`; the test imports VALUES only
    for k, value in enumerate(VALUES):
        safe = escape_markdown(value)
        with st.container(key=f"escaped_{k}"):
            st.markdown(safe)
            st.caption(safe)
            st.info(safe)
            st.subheader(safe)
            st.metric(safe, safe)
            with st.expander(safe):
                st.text("·")
            st.radio(f"radio {k}", [safe], key=f"radio_{k}")
            st.checkbox(safe, key=f"check_{k}")
            st.text_input(f"help {k}", key=f"help_{k}", help=safe)
            st.selectbox(f"select {k}", [value], key=f"select_{k}")  # options: plain text, unescaped
            st.multiselect(f"multi {k}", [value], default=[value], key=f"multi_{k}")
        with st.container(key=f"raw_{k}"):
            st.markdown(value)
