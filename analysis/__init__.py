"""Delinquency Workbench analysis layer: pure pandas in, pandas/altair out.

Nothing in this package imports Streamlit; the pages and ``ui/`` call into it.
"""
