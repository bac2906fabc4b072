"""The collections-conduct page (催收合规与绩效): template checks, contact-log checks, performance,
and the rules with their sources. :mod:`ui.conduct.state` holds what the warnings page reads too
(the templates each playbook action sends)."""
