"""The causes page (逾期原因分析) in views, one module per tab, plus what they share.

- :mod:`.keys`: every widget and session key of the page.
- :mod:`.session`: the page's session state (the user's tables, editor generations, messages,
  selections kept valid, the logistic model's on-request switch).
- :mod:`.cached`: the cached analysis calls (per data token and dictionary).
- :mod:`.context`: :class:`~.context.CausesPage`, what every view reads in one run, and
  :func:`~.context.causes_page` that builds it.
- :mod:`.tables`: the page's tables as display tables.
- Views: :mod:`.reasons` (:func:`~.reasons.reasons_tab`), :mod:`.drivers`
  (:func:`~.drivers.drivers_tab`), :mod:`.stability` (:func:`~.stability.stability_tab`),
  :mod:`.change` (:func:`~.change.change_tab`), :mod:`.editors` (the dictionary, class and
  response editors).
"""
