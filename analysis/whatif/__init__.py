"""What-if credit-limit policies (额度策略模拟): policies, their exposure, expected loss and revenue, before and after.

Public API:
- :mod:`.policy`: ``Policy``/``Rule``/``Assumptions``, ``simulate_policy``, comparisons, sensitivity, backtest;
  ``DEFAULT_DPD``, the days past due that count as default.
- :mod:`.pd`: probability of default per bucket from the book's own roll rates; ``apply_pd_edits``
  for PDs the reader typed over.
- :mod:`.tables`: the tables a reader sees (comparison, by rule, by segment, swap set,
  sensitivity, backtest, assumptions) as ``DisplayTable``s in the view's language and unit.
"""
