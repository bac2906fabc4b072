"""Provisions: IFRS 9 expected credit loss by stage, stage migration, the allowance movement,
and 五级分类 NPL ratio, coverage (拨备覆盖率) and provision-to-loans (拨贷比).

Modules, in the order a figure is built:

* :mod:`.pd_curve`: PD term structure from the book's own roll rates (:func:`book_pd_curve`);
* :mod:`.staging`: stage 1/2/3 per account-month with SICR and probation (:func:`assign_stages`);
* :mod:`.ecl`: EAD and ECL per account (:func:`expected_credit_loss`), totals by stage;
* :mod:`.movement`: stage migration and the IFRS 7 movement table (:func:`allowance_movement`);
* :mod:`.npl`: five-tier classes, NPL ratio, coverage and the regulatory reference levels;
* :mod:`.summary`: one call for a month (:func:`provisions_for_month`) and its JSON
  (:func:`provisions_payload`), and ECL for every month (:func:`provision_panel`);
* :mod:`.tables`: the tables a reader sees (page, Excel download, meeting report).

Import from the modules (``from analysis.provisions.summary import provisions_for_month``): the
package re-exports nothing, like every feature package.
"""
