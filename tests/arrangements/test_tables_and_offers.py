"""The arrangement tables, charts and the printable customer sheet agree with the comparison."""
from __future__ import annotations

import numpy as np
import pytest
import vl_convert as vlc

from analysis.arrangements import options as O
from analysis.arrangements import tables as T
from analysis.arrangements.offer_summary import PER, offers_html
from analysis.arrangements.segment import select_segment
from analysis.charts import arrangements as C
from analysis.core import book_from_portfolio
from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.core.view import View


@pytest.fixture(scope="module")
def comparison(sample_portfolio):
    rolls = book_from_portfolio(sample_portfolio).cubes().transitions()
    months = sorted(sample_portfolio["month"].unique())
    chain = O.collection_chain(rolls, DEFAULT_BUCKETS, months[-7:-1])
    seg, _ = select_segment(sample_portfolio, months[-1], DEFAULT_BUCKETS, bucket="31-60")
    return O.compare_options(O.default_options(), chain, seg, O.ArrangementAssumptions())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_show_the_comparisons_figures_in_the_views_unit(comparison, lang):
    view = View(lang=lang, unit="wan")
    options = T.options_table(comparison, view)
    npv = options.frame.iloc[:, 1].to_numpy()
    assert np.allclose(npv, comparison.options["npv"].to_numpy() / 10_000)
    assert (options.frame.iloc[:, -1] != "").sum() == 1  # one best mark
    cash = T.cash_flow_table(comparison, view)
    sums = cash.frame.iloc[:, 1:].sum().to_numpy() * 10_000
    assert np.allclose(sums, comparison.options["undiscounted"].to_numpy())
    rolls = T.roll_rates_table(comparison, view)
    assert len(rolls.frame) == len(comparison.chain.overdue)
    sens = O.sensitivity(comparison, "recovery", lang=lang)
    table = T.sensitivity_table(sens, view, "recovery")
    assert len(table.frame) == sens["value"].nunique()
    record = O.assumptions_record(comparison)
    assert len(T.assumptions_table(record, view).frame) >= 9


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_renders(comparison, lang):
    view = View(lang=lang, unit="wan")
    sens = O.sensitivity(comparison, "redefault", lang=lang)
    for chart in (C.chart_option_values(comparison.options, view, best=comparison.best, subtitle=["口径"]),
                  C.chart_cumulative_cash(comparison.cash_flows, list(comparison.options["name"]), view),
                  C.chart_sensitivity(sens, view, "redefault")):
        assert vlc.vegalite_to_svg(chart.to_json()).startswith("<svg")


def test_the_customer_sheet_shows_what_the_customer_pays_and_hides_the_account(comparison):
    account = O.Segment(month="2024-12", bucket="31-60", accounts=1, balance=12_000.0,
                        account_id="6222<b>021234567890")
    one = O.Comparison(account, comparison.options, comparison.cash_flows, comparison.best, comparison.assumptions,
                       comparison.chain, comparison.option_terms)
    page = offers_html(one, View(lang="zh"))
    assert "7890" in page and "6222" not in page and "<b>" not in page
    assert "每月 1,072.00 元，共 12 期" in page  # 12,000 / 12 + 12,000 × 0.6 %
    assert "第 1 个月内一次性支付 8,400.00 元" in page  # 30 % off
    assert "NPV" not in page and "净现值" not in page and "概率" not in page
    segment_page = offers_html(comparison, View(lang="en"))
    assert f"per {PER:,.2f} owed" in segment_page and "893.33 a month for 12 months" in segment_page
