"""The aging page's screen (账龄分布与迁徙), behind ``pages/aging.py``.

- One module per tab, each with one view function the page calls: :mod:`.distribution`,
  :mod:`.over_time`, :mod:`.roll_rates`, :mod:`.vintage`, :mod:`.regulatory`, :mod:`.accounts`.
- :mod:`.page`: :class:`~.page.Page` (what every tab reads), :func:`~.page.open_page`,
  :func:`~.page.header` (month picker and definitions) and the helpers the tabs share.
- :mod:`.keys`: every widget and session key of the page.
- :mod:`.state`: what the page keeps in the session (month in view, playbook editor, cell clicks).
- :mod:`.data`: the page's cubes and cached analyses, keyed by the data token.

Figures and tables come from :mod:`analysis.aging` (tables in :mod:`analysis.aging.tables`),
charts from :mod:`analysis.charts.aging`.
"""
