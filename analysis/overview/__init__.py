"""Overview (总览): a month's headline figures and its key findings in words.

Public API:
- :mod:`.headlines`: ``monthly_summary``, ``headline_figures``, ``headline_trends``, ``metric_label``,
  ``headline_cards`` (the overview's metric cards), ``headline_table`` (a ``DisplayTable``).
- :mod:`.findings`: ``key_findings`` — the one place analysis results become sentences.
"""
