"""Causes (逾期原因): why accounts are overdue, written or inferred.

Public API:
- :mod:`.dictionary`: free-text reasons → cause categories (the editable cause dictionary), Pareto, breakdowns.
- :mod:`.drivers`: segment rates, WoE/IV, logistic drivers and odds ratios when nobody wrote down why.
- :mod:`.stability`: population stability (PSI) month to month.
- :mod:`.decomposition`: a rate change split into mix and rate effects per segment.
- :mod:`.summary`: what the causes page states in words: the causes behind 80 % of the book, the
  reconciliation with the book, unclassified shares, bad rates, the model's default attributes.
"""
