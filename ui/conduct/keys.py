"""Every widget and session key of the collections-conduct page, in one place."""
from __future__ import annotations

TAB = "cdp_tab"
JURISDICTION = "cdp_jurisdiction"
# templates
TPL_SOURCE = "cdp_tpl_source"          # "sample" | "file" | "typed"
TPL_UPLOAD = "cdp_tpl_upload"
TPL_FILE = "cdp_tpl_file"              # (file name, frame) of the uploaded template file
TPL_SEEN = "cdp_tpl_seen"              # file_id of the upload already read
TPL_TYPED = "cdp_tpl_typed"
TPL_TYPED_CHANNEL = "cdp_tpl_typed_channel"
TPL_TYPED_RECIPIENT = "cdp_tpl_typed_recipient"
TPL_ONLY_FAILING = "cdp_tpl_only_failing"
TPL_UNMASK = "cdp_tpl_unmask"
TPL_DOWNLOAD = "cdp_tpl_download"
TPL_CHART = "cdp_tpl_chart"
TPL_CHOICE = "cdp_tpl_choice_"         # + action: the template the reader picked for it
# contact log
LOG_SOURCE = "cdp_log_source"          # "sample" | "file"
LOG_UPLOAD = "cdp_log_upload"
LOG_FILE = "cdp_log_file"              # (file name, ContactLog) of the uploaded log
LOG_SEEN = "cdp_log_seen"
LIM_START = "cdp_lim_start"
LIM_END = "cdp_lim_end"
LIM_UNANSWERED = "cdp_lim_unanswered"
LIM_ANSWERED = "cdp_lim_answered"
LIM_CALLS = "cdp_lim_calls"
LIM_QUIET = "cdp_lim_quiet"
LOG_RULE_FILTER = "cdp_log_rule_filter"
LOG_UNMASK = "cdp_log_unmask"
LOG_DOWNLOAD = "cdp_log_download"
LOG_RULE_CHART = "cdp_log_rule_chart"
LOG_HEATMAP = "cdp_log_heatmap"
LOG_REJECTED = "cdp_log_rejected"
# performance
PERF_BY = "cdp_perf_by"
PERF_BUCKETS = "cdp_perf_buckets"
PERF_RATE = "cdp_perf_rate"
PERF_CHART = "cdp_perf_chart"
PERF_DOWNLOAD = "cdp_perf_download"
AB_BY = "cdp_ab_by"
AB_A = "cdp_ab_a"
AB_B = "cdp_ab_b"
# rules
RULES_EDITOR = "cdp_rules_editor_"     # + jurisdiction
RULES_UPLOAD = "cdp_rules_upload"
RULES_SEEN = "cdp_rules_seen"
RULES_PACK = "cdp_rules_pack_"         # + jurisdiction: the pack JSON loaded from a file
RULES_DOWNLOAD = "cdp_rules_download"
RULES_RESET = "cdp_rules_reset"
