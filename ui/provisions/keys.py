"""Every widget and session key of the provisions page (拨备与不良), in one place.

The five-tier thresholds and the IFRS 9 stage bounds are the aging page's own keys
(:mod:`ui.aging.keys`), LGD, CCF and the fallback rate the what-if page's (:mod:`ui.whatif.keys`):
one choice, the same on every page.
"""
from __future__ import annotations

from ui.shared_settings import PROVISIONS_KEYS
from ui.whatif import keys as whatif_keys

MONTH = "prov_month"
# LGD, CCF and the rate where an account has none: one set of credit-loss assumptions on both
# pages (issue 18), each page with its own widgets (ui/shared_settings.py says why).
LGD = PROVISIONS_KEYS[whatif_keys.K_LGD]
CCF = PROVISIONS_KEYS[whatif_keys.K_CCF]
DISCOUNT = PROVISIONS_KEYS[whatif_keys.K_RATE]
OWN_RATE = PROVISIONS_KEYS[whatif_keys.K_USE_MAPPED]
LIFE_BY_PRODUCT = "prov_life_by_product"
LIFE = "prov_remaining_life"
WINDOW = "prov_window"
SCORE_DROP = "prov_score_drop"
PD_RATIO = "prov_pd_ratio"
PROBATION_2 = "prov_probation_2"
PROBATION_3 = "prov_probation_3"
CLASS_FLOOR = "prov_class_floor"
SCENARIOS = "prov_scenarios"
REF_COVERAGE = "prov_ref_coverage_pct"
REF_LOANS = "prov_ref_loans_pct"
SEGMENT = "prov_segment"
TAB = "prov_tab"
RUN_TREND = "prov_run_trend"
STAGE_CHART = "prov_stage_chart"
STAGE_TABLE = "prov_stage_table"
MOVEMENT_CHART = "prov_movement_chart"
MOVEMENT_TABLE = "prov_movement_table"
MIGRATION_TABLE = "prov_migration_table"
FIVE_TIER_TABLE = "prov_five_tier_table"
COVERAGE_CHART = "prov_coverage_chart"
NPL_CHART = "prov_npl_chart"
LOANS_CHART = "prov_loans_chart"
TREND_TABLE = "prov_trend_table"
SEGMENT_TABLE = "prov_segment_table"
ACCOUNTS_TABLE = "prov_accounts_table"
DOWNLOAD_XLSX = "prov_download_xlsx"
DOWNLOAD_JSON = "prov_download_json"
