"""The aging page's screen (账龄分布与迁徙), behind ``pages/aging.py``.

- :mod:`.views`: one function per tab (:func:`~.views.distribution`, :func:`~.views.over_time`,
  :func:`~.views.roll_rates`, :func:`~.views.vintage`, :func:`~.views.regulatory`,
  :func:`~.views.accounts`), plus :func:`~.views.open_page` and :func:`~.views.header`.
- :mod:`.keys`: every widget and session key of the page.
- :mod:`.state`: what the page keeps in the session (month in view, playbook editor, cell clicks).
- :mod:`.data`: the page's cubes and cached analyses, keyed by the data token.

Figures and tables come from :mod:`analysis.aging` (tables in :mod:`analysis.aging.tables`),
charts from :mod:`analysis.charts.aging`.
"""
