"""Getting a portfolio in (数据导入): any file a risk manager exports → the canonical account × month table.

Public API:
- :mod:`.portfolio`: ``load_portfolio``, ``build_portfolio``, ``IngestOptions``, ``IngestResult`` — read,
  find the header, map columns, parse values, derive DPD, reject rows with reasons, reconcile.
- :mod:`.readers`: ``read_table`` — CSV/TSV/XLSX/XLS/ODS/Parquet bytes → an all-text table.
- :mod:`.parsing`: value parsers (numbers, dates, DPD) shared by ingest and convert.
- :mod:`.multi`: ``read_files``, ``describe_files``, ``combine``, ``build_combined`` — several monthly files
  (any mix of formats) → one raw table → one portfolio; each file's month from its date column, title or name.
- :mod:`.precheck`: ``precheck`` — every problem that blocks loading (a mapping, options, empty or unreadable
  columns), listed at once before the build, agreeing with what ``build_portfolio`` raises.
- :mod:`.rejections`: ``rejections_by_reason`` — rejected rows summarised by reason: rows, balance, three examples.
- :mod:`.reshape`: ``wide_to_long`` — one-column-per-month layouts → the long form.
- :mod:`.dataset`: ``convert_to_dataset`` — a file too large for a browser → a month-partitioned Parquet dataset.
- :mod:`.errors`: ``IngestError``.
"""
