"""The provisions page (拨备与不良): the figures the CLI gives, every tab, bad scenarios, presenting."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.core.units import format_rate
from analysis.provisions.summary import provisions_for_month, provisions_payload
from tests.app.apptest import assert_clean, open_page
from ui.provisions import keys as K


def _metrics(at) -> list[str]:
    return [m.value for m in at.metric]


@pytest.fixture(scope="module")
def expected(full_sample_portfolio):
    return provisions_payload(provisions_for_month(full_sample_portfolio))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_headline_is_the_clis_allowance_npl_ratio_and_coverage(lang, expected):
    at = open_page("provisions", lang)
    assert_clean(at)
    allowance, npl, coverage, loans = _metrics(at)
    assert allowance == f"{expected['total']['ecl'] / 10_000:,.2f}"  # the sample is shown in 万元
    assert npl == format_rate(expected['npl']['ratio'])
    assert coverage == format_rate(expected['npl']['coverage'])
    assert loans == format_rate(expected['npl']['provision_to_loans'])
    assert len(at.get("vega_lite_chart")) == 1  # the stage chart (the first tab)
    # the gap to the reference leads with its sign: Streamlit draws the arrow (and its colour) from it;
    # it is only the signed points (a longer delta is cut with "…" on a card at 1280 px), and the
    # card's help says what it is the gap to
    gaps = [m.proto.delta for m in at.metric if m.proto.delta]
    assert len(gaps) == 2 and all(g[0] in "+-" for g in gaps), gaps
    assert all(g.endswith({"zh": "个百分点", "en": " pp"}[lang]) and len(g) <= 16 for g in gaps), gaps
    helps = [m.proto.help for m in at.metric if m.proto.delta]
    assert all({"zh": "与参考值之差", "en": "gap to it"}[lang] in h for h in helps), helps


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_accounts_total_has_thousands_separators(lang):
    at = open_page("provisions", lang)
    labels = [e.label for e in at.expander]
    label = [x for x in labels if x.startswith({"zh": "账户明细", "en": "Accounts"}[lang])]
    assert label, labels
    numbers = re.findall(r"\d[\d,]*", label[0])
    assert any("," in n for n in numbers), label  # the sample holds thousands of accounts


@pytest.mark.parametrize("tab, charts", [("变动与迁移", 1), ("五级分类与不良", 3), ("按分组", 0)])
def test_every_tab_renders(tab, charts):
    at = open_page("provisions", "zh", **{K.TAB: tab})
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == charts


def test_scenario_weights_that_do_not_add_up_are_a_message():
    bad = pd.DataFrame({"name": ["base", "down"], "weight": [60.0, 30.0], "pd_multiplier": [1.0, 1.5]})
    at = open_page("provisions", "en", persist_tables={K.SCENARIOS: (bad, bad)})
    assert not at.exception
    assert any("add up to 0.9" in e.value for e in at.error), [e.value for e in at.error]


def test_a_downside_scenario_raises_the_allowance():
    base = open_page("provisions", "en")
    scenarios = pd.DataFrame({"name": ["base", "down"], "weight": [70.0, 30.0], "pd_multiplier": [1.0, 1.5]})
    stressed = open_page("provisions", "en", persist_tables={K.SCENARIOS: (scenarios, scenarios)})
    assert_clean(stressed)
    value = lambda at: float(_metrics(at)[0].replace(",", ""))  # noqa: E731
    assert value(stressed) > value(base)


def test_presenting_shows_the_figures_without_inputs_or_downloads():
    at = open_page("provisions", "zh", presentation=True)
    assert_clean(at)
    assert not at.get("download_button") and len(_metrics(at)) == 4


def test_lgd_set_on_the_what_if_page_is_the_provisions_pages(full_sample_portfolio):
    from analysis.provisions.ecl import EclAssumptions
    from ui.whatif import keys as W

    at = open_page("provisions", "en", **{W.K_LGD: 60.0})
    assert_clean(at)
    expected = provisions_payload(provisions_for_month(full_sample_portfolio, assumptions=EclAssumptions(lgd=0.6)))
    assert _metrics(at)[0] == f"{expected['total']['ecl'] / 10_000:,.2f}"


def test_remaining_life_by_product_changes_the_allowance_and_a_bad_value_is_named(full_sample_portfolio):
    from ui.provisions.settings import life_start

    start = life_start(full_sample_portfolio)
    product = start["product"].iloc[0]
    longer = start.assign(months=["120"] + [""] * (len(start) - 1))
    base = open_page("provisions", "en")
    at = open_page("provisions", "en", persist_tables={K.LIFE_BY_PRODUCT: (longer, longer)})
    assert_clean(at)
    assert float(_metrics(at)[0].replace(",", "")) > float(_metrics(base)[0].replace(",", ""))
    bad = start.assign(months=["forever"] + [""] * (len(start) - 1))
    at = open_page("provisions", "zh", persist_tables={K.LIFE_BY_PRODUCT: (bad, bad)})
    assert not at.exception
    assert any(product in e.value and "forever" in e.value for e in at.error)
