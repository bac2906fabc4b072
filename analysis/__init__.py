"""Delinquency Workbench analysis layer: pure pandas in, pandas/altair out.

Nothing in this package imports Streamlit; the pages and ``ui/`` call into it.
"""

#: The workbench's version: written into saved workspaces and printed by ``python -m analysis --version``.
__version__ = "2.13"
