"""The early-warning page's screen parts (预警与催收), one module per job.

- :mod:`.keys`: every widget and session key the page owns (tests import them from here).
- :mod:`.settings`: the thresholds and the level rule kept in the session across pages.
- :mod:`.compute`: the cached work (signals, levels, actions, the model, lists) per data and settings.
- :mod:`.controls`: the month, the model switch, the threshold and rule editors, the rule in words.
- :mod:`.views`: the signal table, level summary, backtest, segments, actions, playbook, responses.
- :mod:`.model_view`: the warning model's validation, odds ratios and calibration.
- :mod:`.lists`: the warned-account list and the work lists to download.
"""
