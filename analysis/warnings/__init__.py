"""Early warning and collections (预警与催收): who needs attention now, and what to do.

Public API:
- :mod:`.signals`: rule-based signals, warning levels, collection actions, work lists.
- :mod:`.model`: the logistic "worsens next month" model, AUC/KS and calibration, the history it
  trains on (``history_with_states``) and its features in words.
- :mod:`.reliability`: whether the rule (its backtest) and the model (AUC/KS) separate good from
  bad on this book, and the sentence every page, the report and the CLI say about it.
- :mod:`.playbook`: which collection action a stage and a cause call for.
- :mod:`.settings`: thresholds and the level rule as a reader types them (percent, three knobs per level).
- :mod:`.tables`: the tables behind the figures as ``DisplayTable`` s (signals, levels, backtest,
  actions, playbook, odds ratios, calibration).
- :mod:`.worklists`: slicing the warned accounts by owner and level, the account list as shown,
  work-list totals, the per-cause responses table.
"""
