"""Streamlit-side helpers the pages share: session state, cached calls, i18n, widgets."""
