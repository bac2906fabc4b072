"""The overview (landing) page's views, caches and keys (``pages/overview.py`` lays them out).

- :mod:`.keys`: the month picker's key and the widget keys of the page's charts and tables.
- :mod:`.cache`: cached calls (monthly summary, the findings' inputs, warned accounts,
  ``user_settings``), which the report page reads too.
- :mod:`.views`: ``pick_month``, ``headline``, ``findings``, ``rate_trend``.
"""
