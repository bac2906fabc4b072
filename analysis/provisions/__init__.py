"""Provisions: IFRS 9 expected credit loss by stage, stage migration, the allowance movement,
and 五级分类 NPL ratio, coverage (拨备覆盖率) and provision-to-loans (拨贷比).

Modules, in the order a figure is built:

* :mod:`.pd_curve`: PD term structure from the book's own roll rates (:func:`book_pd_curve`);
* :mod:`.staging`: stage 1/2/3 per account-month with SICR and probation (:func:`assign_stages`);
* :mod:`.ecl`: EAD and ECL per account (:func:`expected_credit_loss`), totals by stage;
* :mod:`.movement`: stage migration and the IFRS 7 movement table (:func:`allowance_movement`);
* :mod:`.npl`: five-tier classes, NPL ratio, coverage and the regulatory reference levels;
* :mod:`.summary`: one call for a month (:func:`provisions_for_month`) and its JSON
  (:func:`provisions_payload`), and ECL for every month (:func:`provision_panel`).
"""
from analysis.provisions.ecl import (BASE_SCENARIO, DEFAULT_REMAINING_LIFE, EclAssumptions, Scenario,
                                     check_scenarios, expected_credit_loss, exposure_at_default, stage_totals)
from analysis.provisions.movement import MOVEMENT_ITEMS, allowance_movement, movement_flows, stage_migration
from analysis.provisions.npl import REFERENCE_LEVELS, five_tier_table, npl_figures, npl_trend
from analysis.provisions.pd_curve import (DEFAULT_WINDOW, PdCurve, ProvisionError, book_pd_curve, book_transitions,
                                          fallback_curve, pd_term_structure)
from analysis.provisions.staging import DEFAULT_PROBATION, StagingRules, assign_stages
from analysis.provisions.summary import (ProvisionResult, assumption_parts, provision_panel, provisions_for_month,
                                         provisions_payload, trend_rows)

__all__ = ["BASE_SCENARIO", "DEFAULT_PROBATION", "DEFAULT_REMAINING_LIFE", "DEFAULT_WINDOW", "EclAssumptions",
           "MOVEMENT_ITEMS", "PdCurve", "ProvisionError", "ProvisionResult", "REFERENCE_LEVELS", "Scenario",
           "StagingRules", "allowance_movement", "assign_stages", "assumption_parts", "book_pd_curve",
           "book_transitions", "check_scenarios", "expected_credit_loss", "exposure_at_default", "fallback_curve",
           "five_tier_table", "movement_flows", "npl_figures", "npl_trend", "pd_term_structure", "provision_panel",
           "provisions_for_month", "provisions_payload", "stage_migration", "stage_totals", "trend_rows"]
