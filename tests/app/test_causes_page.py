"""AppTest of the causes page (逾期原因分析) in both languages: every tab, the dictionary editor,
and a book without a reason column (the drivers view leads)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tests.app.apptest import assert_clean, open_page
from ui.causes import keys as K

TABS = {
    "zh": ["逾期原因", "风险驱动因素", "客群稳定性（PSI）", "本月变化归因"],
    "en": ["Reasons", "Drivers", "Population stability (PSI)", "What drove the change"],
}


def _charts(at) -> int:
    return len(at.get("vega_lite_chart"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tab_renders_in_both_languages(lang):
    at = open_page("causes", lang)
    assert_clean(at)
    assert at.title[0].value == ("逾期原因分析" if lang == "zh" else "Why accounts are overdue")
    assert [t.label for t in at.tabs] == TABS[lang]
    # Reasons: figures, Pareto, bucket heatmap, segment mix, monthly mix, classes.
    labels = [m.label for m in at.metric]
    assert ("逾期户数" if lang == "zh" else "Overdue accounts") in labels
    assert all(m.value not in ("", "–") for m in at.metric)
    assert _charts(at) >= 5
    captions = " ".join(c.value for c in at.caption)
    assert ("按余额" if lang == "zh" else "by balance") in captions  # the 口径 line
    assert "✅" in captions and "⚠️" not in captions  # causes add up to the month's overdue book
    for tab in TABS[lang][1:]:
        at.session_state[K.TAB] = tab
        at.run()
        assert_clean(at)
        assert at.metric, tab
        assert _charts(at) >= 1, tab
    # The drivers tab explains the odds ratios in words in the session's language.
    at.session_state[K.TAB] = TABS[lang][1]
    at.run()
    words = " ".join(m.value for m in at.markdown)
    assert ("几率" if lang == "zh" else "odds") in words


def test_changing_controls_reruns_cleanly():
    at = open_page("causes", "en")
    month = at.selectbox(key=K.MONTH)
    month.set_value(month.options[3]).run()
    assert_clean(at)
    by = at.selectbox(key=K.BY)
    by.set_value("region").run()
    assert_clean(at)
    at.session_state[K.TAB] = "What drove the change"
    at.run()
    at.selectbox(key=K.CHG_METRIC).set_value("overdue_rate").run()
    assert_clean(at)
    # The same month twice is a clear message, not a traceback.
    to = at.selectbox(key=K.CHG_TO).value
    at.selectbox(key=K.CHG_FROM).set_value(to).run()
    assert_clean(at)
    assert any("different months" in w.value for w in at.warning)


def _unclassified(at) -> float:
    metric = next(m for m in at.metric if m.label == "Unclassified share (all months, by rows)")
    return float(metric.value.rstrip("%"))


def test_dictionary_editor_saves_a_new_keyword():
    at = open_page("causes", "en")
    before = _unclassified(at)
    example = at.selectbox(key=K.QUICK_TEXT).value
    assert before > 0 and example
    at.session_state[K.editor(K.DICT_EDITOR, 0)] = {
        "edited_rows": {}, "added_rows": [{"category": "other", "keyword": example, "lang": "zh"}], "deleted_rows": []}
    at.button(key=K.DICT_SAVE).click().run()
    assert_clean(at)
    assert any("Dictionary saved" in s.value for s in at.success)
    saved = at.session_state["shared_reason_dictionary"]
    assert example.strip().lower() in set(saved["keyword"]) or any(k in example for k in saved["keyword"])
    assert _unclassified(at) < before


def test_quick_add_in_chinese_and_reset():
    at = open_page("causes", "zh")
    example = at.selectbox(key=K.QUICK_TEXT).value
    at.text_input(key=K.QUICK_KEYWORD).input(example)
    at.selectbox(key=K.QUICK_CATEGORY).set_value("income_loss")
    at.button(key=f"FormSubmitter:{K.QUICK_FORM}-加入词典").click().run()
    assert_clean(at)
    assert any("已加入关键词" in s.value for s in at.success)
    assert (at.session_state["shared_reason_dictionary"]["category"] == "income_loss").sum() > 0
    at.button(key=K.DICT_RESET).click().run()
    assert_clean(at)
    assert at.session_state["shared_reason_dictionary"] is None


def test_bad_dictionary_edit_is_explained_not_raised():
    at = open_page("causes", "en")
    at.session_state[K.editor(K.DICT_EDITOR, 0)] = {
        "edited_rows": {}, "added_rows": [{"category": "dispute", "keyword": "失联"}], "deleted_rows": []}
    at.button(key=K.DICT_SAVE).click().run()
    assert_clean(at)
    assert any("two categories" in w.value for w in at.warning)


def _book_without_reasons():
    from analysis.ingest.portfolio import load_portfolio

    rng = np.random.default_rng(11)
    lines = ["account_id,month,days_past_due,balance,credit_limit,product"]
    for month in ("2024-01", "2024-02", "2024-03"):
        for i in range(300):
            product = "card" if i % 3 else "loan"
            late = rng.uniform() < (0.25 if product == "loan" else 0.05)
            dpd = int(rng.choice([45, 95])) if late else 0
            lines.append(f"A{i:04d},{month},{dpd},{1000 + 10 * i},{5000 + 50 * (i % 7)},{product}")
    return load_portfolio("\n".join(lines).encode("utf-8"), "no_reasons.csv")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_reason_column_the_drivers_lead(lang):
    result = _book_without_reasons()
    assert "overdue_reason" not in result.portfolio.columns
    at = open_page("causes", lang, data_result=result, data_name="no_reasons.csv", data_id="no-reasons")
    assert_clean(at)
    assert [t.label for t in at.tabs][0] == TABS[lang][1]
    assert any(("逾期原因" if lang == "zh" else "overdue reason") in i.value for i in at.info)
    assert _charts(at) >= 2
    rates = [m.value for m in at.metric]
    assert rates and all(v not in ("", "–") for v in rates)
    at.session_state[K.TAB] = TABS[lang][0]
    at.run()
    assert_clean(at)
    assert at.data_editor  # the shipped dictionary can still be prepared


def test_pareto_ranks_by_either_measure_and_presentation_hides_the_editors():
    at = open_page("causes", "zh")
    at.segmented_control(key=K.PARETO_MEASURE).set_value("count").run()
    assert_clean(at)
    title = json.loads(at.get("vega_lite_chart")[0].proto.spec)["title"]
    assert title["text"].endswith("帕累托图（按户数）") and title["subtitle"].startswith("按户数")
    at.session_state["presentation"] = True
    at.run()
    assert_clean(at)
    assert not at.data_editor
    assert _charts(at) >= 5


def test_a_large_month_fits_the_logistic_model_on_request(monkeypatch):
    from ui.causes import session

    monkeypatch.setattr(session, "LOGISTIC_AUTO_ACCOUNTS", 10)  # the sample's months count as large
    at = open_page("causes", "en")
    at.session_state[K.TAB] = TABS["en"][1]
    at.run()
    assert_clean(at)
    assert "odds" not in " ".join(m.value for m in at.markdown)  # not fitted yet: the page says why
    assert any("runs when you ask" in c.value for c in at.caption)
    at.button(key=K.FIT_MODEL).click().run()
    assert_clean(at)
    assert "odds" in " ".join(m.value for m in at.markdown)
    at.run()  # stays on for this data
    assert "odds" in " ".join(m.value for m in at.markdown)


def test_the_open_tab_and_its_choices_survive_a_visit_to_another_page():
    at = open_page("causes", "en")
    at.session_state[K.TAB] = "What drove the change"
    at.run()
    at.selectbox(key=K.CHG_METRIC).set_value("overdue_rate").run()
    for page in ("overview", "causes"):
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert_clean(at)
    assert at.session_state[K.TAB] == "What drove the change"
    assert at.selectbox(key=K.CHG_METRIC).value == "overdue_rate"
