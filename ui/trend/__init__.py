"""The trend & forecast page's views, caches and keys (``pages/trend.py`` lays them out).

- :mod:`.keys`: widget and session keys, and the session state the page keeps (run-on-request
  switches, the roll-rate editor's version, the events editor's copy).
- :mod:`.cache`: cached calls (trend table, forecasts, roll matrix, projection, loss, vintages).
- :mod:`.controls`: ``pick_series`` (metric, segment, horizon, model → ``Selection``), ``events_editor``.
- :mod:`.forecast`: ``cards``, ``forecast_section``.
- :mod:`.projection`: ``projection_section`` (the roll-rate matrix, projection and loss).
- :mod:`.segments`: ``segments_section``, ``vintage_section``.
"""
