"""Aging (账龄分布与迁徙): where the book sits by bucket, how it moves, and by cohort.

Public API:
- :mod:`.rates`: distributions, bucket mix, roll/flow/cure/entry rates, first-payment default, drill-down.
- :mod:`.regulatory`: five-tier classification (五级分类) and IFRS 9 stage views by DPD.
- :mod:`.vintage`: vintage triangles by origination cohort × months on book.
- :mod:`.tables`: the tables behind the aging charts as ``DisplayTable`` objects, and the month's
  headline figures with their reconciliation (:func:`~.tables.month_figures`).
- :mod:`.vintage_completion`: chain-ladder completion of young vintages and its backtest.
"""
