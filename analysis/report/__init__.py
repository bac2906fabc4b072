"""The meeting report (会议汇报): one month, chosen sections, HTML / XLSX / PPTX.

Public API:
- :mod:`.meeting`: ``assemble_report`` (run the sections into a ``Report``), ``render_report``
  (a ``Report`` as html/xlsx/pptx bytes), ``build_report`` (both in one call).
- :mod:`.model`: ``Report``, ``Section``, ``ReportChart``, ``ReportError``, ``SECTIONS``,
  ``FORMATS``, ``MIME_TYPES``, ``check_request``, ``report_text``; ``text_frame`` / ``cell_kind``
  (a table's cells as printed). Tables are :class:`analysis.core.tables.DisplayTable`.
- :mod:`.context`: ``ReportContext`` (the month's inputs and shared results, the charts' view).
- :mod:`.sections`: ``headline`` and one builder per section (``section_aging`` ...); with no
  scenarios of its own the what-if section prices ``analysis.whatif.policy.starter_policies``.
- :mod:`.to_html`, :mod:`.to_xlsx`, :mod:`.to_pptx`: ``render_html``, ``render_xlsx`` (+ ``sheet_name``),
  ``render_pptx``.
"""
