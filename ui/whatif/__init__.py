"""The what-if page's ui (额度策略模拟): keys, session state, the scenario editor and the page's views.

Public API (import the module you need; nothing is re-exported here):
- :mod:`.keys`: every widget and session key of the page (tests and the report name keys through it).
- :mod:`.state`: the scenarios of the session, the assumptions from the widgets, and the cached
  calls (snapshot features, PD table, priced scenarios, sensitivity, backtest).
- :mod:`.editor`: the scenario editor (scenario buttons, rule list, rule form, policy files).
- :mod:`.views`: the page's sections, one named function each, in screen order (and the
  ``Book``/``Priced`` records they pass along).
- :mod:`.tabs`: the four result tabs (breakdown, swap set, sensitivity, backtest).
"""
