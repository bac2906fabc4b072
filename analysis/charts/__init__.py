"""Altair chart builders: aggregated data in, ``alt.Chart`` out, one theme (see theme.py).

Builders live in one module per area (``analysis.charts.aging`` ...); import them from there.
"""
