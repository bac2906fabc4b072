"""AppTest of the what-if page in both languages: build a rule, compare scenarios, empty state."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page, open_page_with_months
from ui.whatif import keys


def _table(at, column: str):
    """The first table with this column (AppTest does not expose the key of ``st.dataframe``)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _open_tab(at, label: str):
    at.session_state[keys.K_TAB] = label
    at.run()
    assert_clean(at)


def _metric(at, label_start: str):
    return next(m for m in at.metric if m.label.startswith(label_start))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_build_a_rule_and_compare_two_scenarios(lang):
    at = open_page("whatif", lang)
    assert_clean(at)
    assert at.title[0].value == ("额度策略模拟" if lang == "zh" else "What-if: credit limits")
    # three starter scenarios, the champion is "no change"
    assert at.selectbox(key=keys.K_CHAMPION).value == 0
    assert len(at.selectbox(key=keys.K_FOCUS).options) == 3
    affected = _metric(at, "调整账户数" if lang == "zh" else "Accounts affected")
    assert int(affected.value.replace(",", "")) > 0
    # the assumptions are stated on screen, with the PD source
    summary = next(md.value for md in at.markdown if "LGD 45%" in md.value)
    assert ("PD（" in summary) if lang == "zh" else ("PD (" in summary)

    # a new, empty challenger changes nothing …
    at.button(key=keys.K_ADD_SCENARIO).click().run()
    assert_clean(at)
    assert at.selectbox(key=keys.K_FOCUS).value == 3
    assert _metric(at, "调整账户数" if lang == "zh" else "Accounts affected").value == "0"

    # … until we build a rule for it: freeze every account 31+ DPD
    at.text_input(key=keys.K_NEW_NAME).input("冻结31+" if lang == "zh" else "Freeze 31+")
    at.number_input(key=keys.K_NEW_DPD_MIN).set_value(31)
    at.selectbox(key=keys.K_NEW_ACTION).set_value("freeze")
    at.button(key=keys.K_ADD_RULE).click().run()
    assert_clean(at)
    rules = _table(at, "顺序" if lang == "zh" else "Order")
    assert len(rules) == 1
    assert "31" in rules.iloc[0, 2]
    frozen = int(_metric(at, "调整账户数" if lang == "zh" else "Accounts affected").value.replace(",", ""))
    assert frozen > 0
    el = _metric(at, "预期损失" if lang == "zh" else "Expected loss")
    assert el.delta.startswith("-")  # freezing cuts expected loss

    # compare: four scenarios side by side, and the swap set against the champion
    table = _table(at, "角色" if lang == "zh" else "Role")
    assert len(table) == 4
    assert list(table.iloc[:, 1]).count("冠军（现行）" if lang == "zh" else "Champion (today)") == 1
    _open_tab(at, "换入换出" if lang == "zh" else "Swap set")
    assert at.selectbox(key=keys.K_SWAP_WITH).value == 3
    swap_in = _metric(at, "换入" if lang == "zh" else "Swap-in")
    assert int(swap_in.value.replace(",", "")) == frozen
    groups = _table(at, "历史坏账率" if lang == "zh" else "Historical bad rate")
    assert len(groups) == 3 and groups.iloc[0, 1] == frozen

    # making the new scenario the champion flips the comparison
    at.selectbox(key=keys.K_CHAMPION).set_value(3).run()
    assert_clean(at)
    table = _table(at, "角色" if lang == "zh" else "Role")
    vs = table.iloc[:, -2]  # EL vs champion
    assert vs.iloc[3] == 0.0 and (vs.drop(index=3) != 0).any()


def test_assumptions_and_tabs_respond():
    from analysis.core.units import format_amount

    at = open_page("whatif", "en")
    # the snapshot reconciles with the upload's latest month
    book = at.session_state["data_result"].portfolio
    latest = book[book["month"] == book["month"].max()]
    line = next(c.value for c in at.caption if c.value.startswith("Snapshot"))
    assert f"{len(latest):,} accounts" in line
    assert format_amount(latest["balance"].sum(), "wan") in line
    assert format_amount(latest["credit_limit"].sum(), "wan") in line
    el_before = _metric(at, "Expected loss").value
    at.number_input(key=keys.K_LGD).set_value(90.0).run()
    assert_clean(at)
    assert _metric(at, "Expected loss").value != el_before
    # the sensitivity table has the 11 cut points; the backtest table its three outcomes
    assert not [d for d in at.dataframe if "Cut" in d.value.columns]  # closed tabs are not computed
    _open_tab(at, "Sensitivity")
    assert len(_table(at, "Cut")) == 11
    _open_tab(at, "Backtest")
    bt = _table(at, "What happened next")
    assert len(bt) == 4  # went bad, stayed good, left the book, already 91+
    assert any("left the book" in md.value and "Predicted loss" in md.value for md in at.markdown)
    by_bucket = _table(at, "Bad rate, not cut")
    assert by_bucket["Cut"].sum() > 0
    months = at.select_slider(key=keys.K_BT_MONTH)
    months.set_value(months.options[0]).run()
    assert_clean(at)
    # a rule the data cannot answer is explained, not a traceback
    at.selectbox(key=keys.K_NEW_ACTION).set_value("cut")
    at.number_input(key=keys.K_NEW_VALUE).set_value(250.0)
    at.button(key=keys.K_ADD_RULE).click().run()
    assert not at.exception
    assert any("between 0 and 100" in e.value for e in at.error), [e.value for e in at.error]


def test_empty_state_without_credit_limits():
    from analysis.ingest.portfolio import load_portfolio

    csv = "客户编号,统计月份,逾期天数,贷款余额\nA,2024-01,0,100\nB,2024-01,45,200\n".encode("utf-8")
    result = load_portfolio(csv, "no_limit.csv")
    at = open_page("whatif", "zh", data_result=result, data_id="no_limit", data_name="no_limit.csv")
    assert_clean(at)
    assert any("授信额度" in i.value for i in at.info)
    assert not at.metric


def test_presentation_mode_keeps_results_and_hides_the_editor():
    at = open_page("whatif", "en", presentation=True)
    assert_clean(at)
    assert not [b for b in at.button if b.key == keys.K_ADD_RULE]
    assert not [b for b in at.button if b.key == keys.K_ADD_SCENARIO]
    assert _metric(at, "Accounts affected").value != ""
    assert len(_table(at, "Order")) == 1  # the rules of the scenario are still shown


def test_edit_a_rule_in_place():
    at = open_page("whatif", "en")
    at.selectbox(key=keys.K_FOCUS).set_value(2).run()  # "cut 31+, raise clean low-use": two rules
    at.selectbox(key=keys.rule_pick_key(2)).set_value(1).run()
    at.button(key=keys.K_RULE_EDIT).click().run()
    assert_clean(at)
    assert at.selectbox(key=keys.K_NEW_ACTION).value == "raise"
    assert at.number_input(key=keys.K_NEW_UTIL_MAX).value == 30
    at.number_input(key=keys.K_NEW_VALUE).set_value(25.0)
    at.button(key=keys.K_ADD_RULE).click().run()
    assert_clean(at)
    rules = _table(at, "Order")
    assert len(rules) == 2 and "raise 25%" in rules.iloc[1, 2]


@pytest.mark.parametrize("lang, apart, acted", [("en", "are in default (91+ DPD)", "also act on"),
                                                ("zh", "不在额度调整范围内", "也作用于")])
def test_defaulted_accounts_are_reported_apart_until_the_scenario_includes_them(lang, apart, acted):
    at = open_page("whatif", lang)
    assert_clean(at)
    line = next(c.value for c in at.caption if apart in c.value)
    affected = int(_metric(at, "调整账户数" if lang == "zh" else "Accounts affected").value.replace(",", ""))
    at.checkbox(key=keys.include_key(1)).check().run()
    assert_clean(at)
    assert any(acted in c.value for c in at.caption) and not any(apart in c.value for c in at.caption), line
    # the starter "cut 31+" now also cuts the accounts in default
    more = int(_metric(at, "调整账户数" if lang == "zh" else "Accounts affected").value.replace(",", ""))
    assert more > affected


def test_insufficient_history_is_its_own_count():
    at = open_page("whatif", "en")
    at.selectbox(key=keys.K_FOCUS).set_value(2).run()  # raises accounts clean for 6 months
    assert_clean(at)
    rules = _table(at, "Insufficient history")
    line = next(c.value for c in at.caption if "insufficient history" in c.value)
    assert f"{int(rules['Insufficient history'].sum()):,} accounts" in line
    # its cuts and its raises get a sensitivity curve each
    _open_tab(at, "Sensitivity")
    assert len(_table(at, "Cut")) == 11 and len(_table(at, "Raise")) == 11
    el = next(c for c in _table(at, "Raise").columns if c.startswith("Δ EL"))
    assert _table(at, "Raise")[el].iloc[-1] > 0  # a raise is not free


@pytest.mark.parametrize("lang, said", [("en", "whatever the sidebar's first month"), ("zh", "不受侧边栏起始月份影响")])
def test_whatif_follows_the_sidebars_last_month_but_reads_all_history_before_it(lang, said):
    full = open_page("whatif", lang)
    months = sorted(full.session_state["data_result"].portfolio["month"].unique())
    cut = open_page_with_months("whatif", (months[-3], months[-1]), lang)
    assert_clean(cut)
    assert any(said in c.value for c in cut.caption)
    label = "调整账户数" if lang == "zh" else "Accounts affected"
    for at in (full, cut):
        at.selectbox(key=keys.K_FOCUS).set_value(2).run()  # cut 31+, raise the clean: history matters
    assert _metric(cut, label).value == _metric(full, label).value
    pds = [next(md.value for md in at.markdown if "LGD 45%" in md.value) for at in (full, cut)]
    assert pds[0] == pds[1]
    # the months the PDs came from are on screen
    assert any(months[0] in c.value and months[-1] in c.value and "12" in c.value for c in cut.caption)


def test_account_level_pd_is_stated_with_its_calibration_and_can_be_turned_off():
    at = open_page("whatif", "en")
    assert_clean(at)
    line = next(c.value for c in at.caption if c.value.startswith("PD per account"))
    assert "floor 0.03%" in line and "k = 100" in line
    cal = _table(at, "Predicted PD")
    assert len(cal) > 0 and ((cal["Predicted PD"] >= 0.03) & (cal["Predicted PD"] < 100)).all()  # percent
    el = _metric(at, "Expected loss").value
    at.toggle(key=keys.K_PD_ACCOUNT).set_value(False).run()
    assert_clean(at)
    assert any(c.value.startswith("PD per bucket") for c in at.caption)
    assert _metric(at, "Expected loss").value != el


def test_risk_adjusted_margin_follows_the_funding_rate():
    at = open_page("whatif", "en")
    line = next(c.value for c in at.caption if c.value.startswith("Risk-adjusted margin"))
    assert "funding at 2.50%" in line
    at.number_input(key=keys.K_FUNDING).set_value(5.0).run()
    assert_clean(at)
    after = next(c.value for c in at.caption if c.value.startswith("Risk-adjusted margin"))
    assert "funding at 5.00%" in after and after != line


def test_excel_download_holds_the_comparison_sheets(full_sample_portfolio):
    """The workbook's extra sheets (built on click): swap groups, both curves, backtest."""
    from analysis.core.buckets import DEFAULT_BUCKETS
    from analysis.core.view import View
    from analysis.whatif.pd import pd_mapping, pd_table_or_fallback
    from analysis.whatif.policy import NO_CHANGE, Assumptions, Policy, Rule, snapshot_features
    from ui.whatif.views import Book, Priced, _comparison_sheets

    df = full_sample_portfolio
    f = snapshot_features(df)
    asm = Assumptions(pd_mapping(pd_table_or_fallback(df, DEFAULT_BUCKETS)))
    book = Book("t", df, f, View(lang="en", month=str(f["month"].iloc[0])), "defs", True, None)
    items = [{"id": 0, "name": "today", "default_key": "x", "policy": NO_CHANGE},
             {"id": 1, "name": "grow", "default_key": "x",
              "policy": Policy("", (Rule("cut", 30, dpd_min=31), Rule("raise", 10, utilisation_max=30)))}]
    sheets = _comparison_sheets(book, Priced(items, [None, None], 1, 0, asm, "k", []))
    assert list(sheets) == ["Swap groups", "Sensitivity cuts", "Sensitivity raises", "Backtest", "Backtest by bucket"]
    assert len(sheets["Swap groups"]) == 3 and "Historical bad rate" in sheets["Swap groups"].columns
    assert len(sheets["Sensitivity cuts"]) == 11 and len(sheets["Sensitivity raises"]) == 11
