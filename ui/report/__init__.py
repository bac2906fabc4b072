"""The meeting-report page's ui (会议汇报): keys, session state and the page's views.

Public API (import the module you need; nothing is re-exported here):
- :mod:`.keys`: every widget and session key of the page (tests name keys through it).
- :mod:`.state`: the page's choices and built files in the session, the fingerprint of what a
  built report depends on, and the what-if page's scenarios and assumptions for the report.
- :mod:`.views`: the page's sections, one named function each, in screen order (controls,
  findings preview, build, downloads), and ``meeting_report_button`` for any page.
"""
