"""The meeting report (会议汇报): one month, chosen sections, HTML / XLSX / PPTX.

Public API:
- :mod:`.meeting`: ``build_report``, ``assemble_report``, ``render_report`` and the renderers.
"""
