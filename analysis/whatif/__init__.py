"""What-if limits (额度策略模拟): policies, their exposure, expected loss and revenue, before and after.

Public API:
- :mod:`.policy`: ``Policy``/``Rule``/``Assumptions``, ``simulate_policy``, comparisons, sensitivity, backtest.
- :mod:`.pd`: probability of default per bucket from the book's own roll rates.
"""
