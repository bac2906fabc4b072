"""Trend (趋势): monthly delinquency series, their changes, and forecasts.

Public API:
- :mod:`.series`: ``trend_table``, ``entry_rates``, ``metric_series``, changes and top segments.
- :mod:`.forecast`: ``forecast_series`` — statistical forecasts with intervals and a backtest.
- :mod:`.projection`: the roll-rate (Markov) projection of balances and the roll-rate loss forecast.
"""
