"""Trend (趋势): monthly delinquency series, their changes, and forecasts.

Public API:
- :mod:`.series`: ``trend_table``, ``entry_rates``, ``metric_series``, changes and top segments.
- :mod:`.forecast`: ``forecast_series`` — statistical forecasts with intervals and a backtest.
- :mod:`.projection`: the roll-rate (Markov) projection of balances and the roll-rate loss forecast.
- :mod:`.display`: what the trend page shows beside its charts — ``change_cards``, the forecast,
  backtest, changes, projection, loss and segment tables (``DisplayTable``), ``loss_totals``,
  ``window_choices``, ``vintage_backtest_summary``.
"""
