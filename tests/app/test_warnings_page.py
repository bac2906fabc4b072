"""AppTest of the early-warning page in both languages: renders clean, reacts to thresholds and the rule,
keeps personal data masked until the user unmasks it."""
from __future__ import annotations

import re

import pytest

from analysis.core.i18n import translate
from tests.app.apptest import assert_clean, open_page
from ui.i18n import all_messages
from ui.warnings.keys import (
    K_FIT_MODEL, K_MONTH, K_RESET, K_TAB, K_UNMASK, K_USE_MODEL, RULE_KEYS, THRESHOLD_KEYS, widget_key,
)

UTILISATION = widget_key(THRESHOLD_KEYS["utilisation_level"])

LEVEL_LABELS = {"zh": ("红色预警", "橙色预警", "黄色预警"), "en": ("Red", "Orange", "Yellow")}
PHONE = {"zh": "手机号", "en": "Phone"}  # a column of the account list
#: The page's tabs, in screen order.
TABS = ("levels", "backtest", "by", "model", "list", "actions")


def tab_label(name: str, lang: str) -> str:
    return translate(f"warnings.tab.{name}", lang, all_messages())


def open_tab(at, name: str, lang: str):
    """Open tab ``name`` as a click on it would (the page reruns with that tab open)."""
    at.session_state[K_TAB] = tab_label(name, lang)
    at.run()
    assert_clean(at)
    return at


def level_counts(at, lang: str) -> tuple[int, ...]:
    values = {m.label: m.value for m in at.metric}
    found = [next(v for k, v in values.items() if k.endswith(label)) for label in LEVEL_LABELS[lang]]
    return tuple(int(re.sub(r"\D", "", v)) for v in found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_and_a_threshold_changes_the_counts(lang):
    at = open_page("warnings", lang)
    assert_clean(at)
    assert at.session_state[K_TAB] == tab_label("levels", lang)  # the page opens on the levels
    before = level_counts(at, lang)
    assert sum(before) > 0
    # the rule is stated in words, in the page's language
    rule_text = " ".join(m.value for m in at.markdown)
    assert ("命中信号 ≥ 3 个" if lang == "zh" else "3 or more signals") in rule_text
    open_tab(at, "backtest", lang)
    assert any(("回测" if lang == "zh" else "Backtest") in m.value for m in at.markdown)
    # the model view shows out-of-time AUC
    open_tab(at, "model", lang)
    auc = next(m.value for m in at.metric if "AUC" in m.label)
    assert float(auc) > 0.65
    open_tab(at, "levels", lang)

    at.number_input(key=UTILISATION).set_value(50.0).run()
    assert_clean(at)
    after = level_counts(at, lang)
    assert sum(after) > sum(before)

    at.button(key=K_RESET).click().run()
    assert_clean(at)
    assert level_counts(at, lang) == before


def test_rule_change_moves_accounts_between_levels():
    at = open_page("warnings", "en")
    red, orange, yellow = level_counts(at, "en")
    at.number_input(key=widget_key(RULE_KEYS["red"]["count"])).set_value(1).run()
    assert_clean(at)
    assert level_counts(at, "en") == (red + orange + yellow, 0, 0)
    assert any("Red: " in m.value and "1 or more signals" in m.value for m in at.markdown)


def test_personal_data_masked_until_unmasked_and_model_signal_toggle():
    at = open_page("warnings", "zh", **{K_TAB: tab_label("list", "zh")})
    table = next(d.value for d in at.dataframe if "手机号" in d.value.columns)
    phones = table["手机号"].dropna().astype(str)
    assert len(phones) and not phones.str.contains(r"\d{11}").any()
    assert phones.str.contains(r"\*{4}").all()
    assert not at.warning

    at.toggle(key=K_UNMASK).set_value(True).run()
    assert_clean(at)
    assert at.warning  # the user is told what they switched on
    table = next(d.value for d in at.dataframe if "手机号" in d.value.columns)
    assert table["手机号"].dropna().astype(str).str.fullmatch(r"\d{11}").all()

    open_tab(at, "levels", "zh")
    before = level_counts(at, "zh")
    at.number_input(key=widget_key(THRESHOLD_KEYS["model_probability"])).set_value(5.0)
    at.toggle(key=widget_key(K_USE_MODEL)).set_value(True).run()
    assert_clean(at)
    assert sum(level_counts(at, "zh")) > sum(before)


def test_thin_data_explains_itself():
    from types import SimpleNamespace

    from tests.conftest import make_portfolio

    one_month = make_portfolio([("A", "2024-01", 0, 100.0), ("B", "2024-01", 40, 50.0)])
    at = open_page("warnings", "en", data_result=SimpleNamespace(portfolio=one_month), data_name="one month",
                   data_id="warnings-one-month")
    assert_clean(at)
    infos = " ".join(i.value for i in at.info)
    assert "single month" in infos
    assert level_counts(at, "en") == (0, 0, 0)
    assert any("needs credit limits" in c.value for c in at.caption)
    open_tab(at, "model", "en")
    infos = " ".join(i.value for i in at.info)
    assert "single month" in infos and "at least 3 consecutive months" in infos


def test_a_broken_reason_dictionary_does_not_break_the_page():
    import pandas as pd

    bad = pd.DataFrame({"nonsense": [1]})
    at = open_page("warnings", "zh", shared_reason_dictionary=bad)
    assert not at.exception, [e.value for e in at.exception]
    assert any("词典" in w.value for w in at.warning)
    assert sum(level_counts(at, "zh")) > 0


def test_settings_survive_a_visit_to_another_page():
    at = open_page("warnings", "en")
    at.number_input(key=UTILISATION).set_value(50.0).run()
    changed = level_counts(at, "en")
    at.switch_page("pages/upload.py")
    at.run()
    assert at.session_state[THRESHOLD_KEYS["utilisation_level"]] == 50.0  # other pages read this key
    at.switch_page("pages/warnings.py")
    at.run()
    assert_clean(at)
    assert at.number_input(key=UTILISATION).value == 50.0
    assert level_counts(at, "en") == changed


def test_a_large_book_trains_the_model_on_request(monkeypatch):
    import ui.warnings.compute

    monkeypatch.setattr(ui.warnings.compute, "MODEL_AUTO_ROWS", 10)  # the sample counts as a large book
    at = open_page("warnings", "en", **{K_TAB: tab_label("model", "en")})
    assert_clean(at)
    assert not [m for m in at.metric if "AUC" in m.label]
    assert any("runs when you ask" in c.value for c in at.caption)
    at.button(key=K_FIT_MODEL).click().run()
    assert_clean(at)
    auc = next(m.value for m in at.metric if "AUC" in m.label)
    assert float(auc) > 0.65
    at.selectbox(key=K_MONTH).set_value(at.selectbox(key=K_MONTH).options[1]).run()
    assert_clean(at)  # asked once: the model of another month is trained without a second click
    assert [m for m in at.metric if "AUC" in m.label]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_warnings_that_do_not_separate_are_said_so_on_the_warnings_page_and_the_overview(lang):
    from types import SimpleNamespace

    from tests.warnings.test_reliability import upside_down_book

    data = {"data_result": SimpleNamespace(portfolio=upside_down_book()), "data_name": "upside down",
            "data_id": "warnings-upside-down"}
    words = "重新校准" if lang == "zh" else "recalibrat"
    at = open_page("warnings", lang, **data)
    assert_clean(at)
    assert any(words in w.value for w in at.warning), [w.value for w in at.warning]
    overview = open_page(None, lang, **data)
    assert_clean(overview)
    texts = " ".join(md.value for md in overview.markdown)
    assert words in texts
    assert ("户触发预警（余额" if lang == "zh" else "accounts are on early warning in") not in texts


def test_on_the_sample_the_warnings_pass_and_the_verdict_is_one_quiet_line():
    at = open_page("warnings", "en")
    assert not any("recalibrate" in w.value for w in at.warning)
    assert any("separate good from bad" in c.value for c in at.caption)
    open_tab(at, "model", "en")
    assert any("separate good from bad" in c.value for c in at.caption)  # the verdict, on every tab
    assert any("The model separates" in s.value for s in at.success)


def test_the_month_and_grouping_survive_a_visit_to_another_page():
    from ui.warnings.keys import K_BY

    at = open_page("warnings", "en")
    month = at.selectbox(key=K_MONTH).options[3]
    at.selectbox(key=K_MONTH).set_value(month).run()
    open_tab(at, "by", "en")
    assert at.selectbox(key=K_BY).value == "owner"  # the default grouping
    by = "region"
    at.selectbox(key=K_BY).set_value(by).run()
    for page in ("aging", "warnings"):
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert_clean(at)
    assert at.selectbox(key=K_MONTH).value == month
    assert at.session_state[K_TAB] == tab_label("by", "en")  # back on the tab the reader left
    assert at.selectbox(key=K_BY).value == by
    # and across tab switches: the grouping's tab did not run in between
    open_tab(at, "levels", "en")
    assert not [b for b in at.selectbox if b.key == K_BY]
    open_tab(at, "by", "en")
    assert at.selectbox(key=K_BY).value == by


def test_work_list_downloads_are_made_on_click_masked_and_match_the_caption(monkeypatch):
    """The work lists are built only inside the download callables: each file holds every warned
    account the caption counts, personal data masked, the workbook with its owner summary first."""
    import io

    import pandas as pd
    import streamlit as st

    from analysis.core.i18n import translate
    from ui.i18n import all_messages

    made: dict[str, object] = {}
    original = st.download_button

    def capture(label, data=None, file_name=None, **kw):
        made[str(file_name)] = data
        return original(label, data=data, file_name=file_name, **kw)

    monkeypatch.setattr(st, "download_button", capture)
    at = open_page("warnings", "zh", **{K_TAB: tab_label("list", "zh")})
    assert_clean(at)
    csv_name = next(n for n in made if n.startswith("预警名单_") and n.endswith(".csv"))
    xlsx_name = csv_name[:-4] + ".xlsx"
    assert callable(made[csv_name]) and callable(made[xlsx_name])
    csv = made[csv_name]().decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(csv), dtype=str)
    # the work lists' caption: "{n:,} 户，余额 {amount} {unit}"
    counted = next(int(m.group(1).replace(",", "")) for c in at.caption if (m := re.match(r"([\d,]+) 户，余额", c.value)))
    assert len(frame) == counted
    phones = frame["手机号"].dropna()
    assert len(phones) and not phones.str.contains(r"\d{11}").any() and phones.str.contains(r"\*{4}").all()
    sheets = pd.read_excel(io.BytesIO(made[xlsx_name]()), sheet_name=None, engine="openpyxl")
    summary_sheet, *lists = list(sheets)
    assert summary_sheet == translate("warnings.lists.summary_sheet", "zh", all_messages())
    # the share is a percentage and its title says so (it read 2.70078899453773 under 余额占比);
    # by owner, it is a share of that owner's own balance, and says that too
    shares = [c for c in sheets[summary_sheet].columns if "余额比例" in str(c)]
    assert shares == ["占本组余额比例 (%)"] and sheets[summary_sheet][shares[0]].between(0, 100).all()
    assert sum(len(sheets[name]) for name in lists) == counted
    assert not any(s["手机号"].astype(str).str.contains(r"\d{11}").any() for s in sheets.values() if "手机号" in s)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tab_draws_its_section_and_only_that_one(lang):
    """Each tab renders clean in both languages; a closed tab's section is not drawn (it does not
    run: that is what keeps a month change fast), while the verdict above the tabs is always there."""
    at = open_page("warnings", lang)
    assert_clean(at)
    tab_bar = next(node for node in at._tree if getattr(node, "type", None) == "tab_container" and node.key == K_TAB)
    assert [c.label for c in tab_bar.children.values()] == [tab_label(name, lang) for name in TABS]
    verdict = "区分" if lang == "zh" else "separate good from bad"
    heading = {name: translate(f"warnings.{name}.heading", lang, all_messages())
               for name in ("levels", "by", "model", "list", "actions", "lists")}
    # tab → the headings (subheaders) it draws
    own = {"levels": {heading["levels"]}, "backtest": set(), "by": {heading["by"]}, "model": {heading["model"]},
           "list": {heading["list"], heading["lists"]}, "actions": {heading["actions"]}}
    everything = set().union(*own.values())
    for name in TABS:
        open_tab(at, name, lang)
        shown = {s.value for s in at.subheader}
        assert own[name] <= shown, (name, shown)
        assert not (everything - own[name]) & shown, (name, shown)  # the closed tabs drew nothing
        assert any(verdict in c.value for c in at.caption), name
        # the account list (its phone column), drawn on its tab alone (no level bar is clicked)
        assert any(PHONE[lang] in d.value.columns for d in at.dataframe) == (name == "list"), name
    open_tab(at, "backtest", lang)
    assert any(("回测" if lang == "zh" else "Backtest") in m.value for m in at.markdown)
    assert not at.metric  # the level counts and the model's figures are on their own tabs
