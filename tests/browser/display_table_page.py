"""A one-screen Streamlit page for tests/browser/test_display_table.py: every kind of figure in a
DisplayTable, shown by ui.widgets.show_display_table (the session's language) and with the English
formats, so the browser test reads what Streamlit's sprintf really prints."""
from __future__ import annotations

import streamlit as st

from analysis.core.tables import display_table, screen_formats, screen_values
from ui.widgets import show_display_table

#: (title, kind, value): one row, every kind, negatives and thousands included.
FIGURES = [
    ("amount", "amount", -1234567.891),
    ("signed_amount", "signed_amount", 2345.5),
    ("count", "count", 22969),
    ("signed_count", "signed_count", -1234),
    ("rate", "rate", 0.0312),
    ("big_rate", "rate", 12.345678),
    ("pp", "pp", 0.004),
    ("neg_pp", "pp", -0.0123),
    ("number", "number", 1234.56789),
]
TABLE = display_table("kinds", "kinds", [(title, kind, [value]) for title, kind, value in FIGURES])

if __name__ == "__main__":  # run by `streamlit run`; the test imports FIGURES and TABLE only
    show_display_table(TABLE, key="kinds_session", expanded=True)
    st.dataframe(screen_values(TABLE), hide_index=True, key="kinds_en",
                 column_config={c: st.column_config.NumberColumn(c, format=f)
                                for c, f in screen_formats(TABLE, "en").items()})
