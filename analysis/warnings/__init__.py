"""Early warning and collections (预警与催收): who needs attention now, and what to do.

Public API:
- :mod:`.signals`: rule-based signals, warning levels, collection actions, work lists.
- :mod:`.model`: the logistic "worsens next month" model, AUC/KS and calibration.
- :mod:`.playbook`: which collection action a stage and a cause call for.
"""
