"""AppTest of the aging page (账龄分布与迁徙) in both languages: every tab, a few widget changes,
and the empty states of a one-month file without origination dates."""
from __future__ import annotations

import json

import pytest

from tests.app.apptest import assert_clean, open_page
from ui.aging import keys as K

TEXT = {
    "zh": {"title": "账龄分布与迁徙", "tabs": ["分布", "趋势", "迁徙", "账龄（Vintage）", "监管分类", "明细"],
           "exit": "结清/退出", "no_origination": "放款日期", "no_pairs": "相邻"},
    "en": {"title": "Aging and roll rates", "tabs": ["Distribution", "Over time", "Roll rates", "Vintage", "Regulatory", "Accounts"],
           "exit": "Exit", "no_origination": "origination", "no_pairs": "consecutive"},
}


def _tab(at, label):
    at.session_state[K.TAB] = label
    at.run()
    assert_clean(at)
    return at


def _texts(at) -> str:
    parts = [c.value for c in at.caption] + [m.value for m in at.markdown] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [s.value for s in at.subheader]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_aging_page_every_tab(lang):
    text = TEXT[lang]
    at = open_page("aging", lang)
    assert_clean(at)
    assert at.title[0].value == text["title"]
    assert [t.label for t in at.tabs] == text["tabs"]

    # Distribution: the bucket totals reconcile with the book of the month.
    month_box = at.selectbox(key=K.MONTH)
    assert month_box.value == month_box.options[0]  # latest month first
    assert any(c.value.startswith(":material/check_circle:") for c in at.caption)
    assert len(at.metric) == 4
    earlier = month_box.options[5]
    month_box.set_value(earlier).run()
    assert_clean(at)
    assert any(earlier in c.value and c.value.startswith(":material/check_circle:") for c in at.caption)
    # nothing chosen: the box names the whole book, not Streamlit's English "Choose an option"
    assert at.selectbox(key=K.BY).proto.placeholder == {"zh": "不分组（全组合）", "en": "No split (whole book)"}[lang]
    at.selectbox(key=K.BY).set_value("product").run()
    assert_clean(at)
    assert len(at.subheader) >= 1
    # the clickable segment × bucket grid adds up to the month's accounts
    product = "产品" if lang == "zh" else "Product"
    current = "正常" if lang == "zh" else "Current"
    grid = [d.value for d in at.dataframe if list(d.value.columns)[:2] == [product, current]][0]
    accounts = int(at.metric[0].value.replace(",", ""))
    assert int(grid.iloc[:, 1:].to_numpy().sum()) == accounts

    # Over time: three rate metrics with the change in pp; lag editable.
    _tab(at, text["tabs"][1])
    assert len(at.metric) == 3
    at.number_input(key=K.LAG).set_value(6).run()
    assert_clean(at)

    # Roll rates: month pair and window modes, exits explained.
    _tab(at, text["tabs"][2])
    assert text["exit"] in _texts(at)
    at.radio(key=K.ROLL_MODE).set_value("window").run()
    assert_clean(at)

    # Vintage: the sample has origination dates, so curves and FPD are there.
    _tab(at, text["tabs"][3])
    assert not at.info
    at.radio(key=K.VINTAGE_COHORT).set_value("quarter").run()
    assert_clean(at)

    # Regulatory: the 2023 floors state their thresholds on screen.
    _tab(at, text["tabs"][4])
    at.selectbox(key=K.TIER_PRESET).set_value("floors_2023").run()
    assert_clean(at)
    assert "271-360" in _texts(at)

    # Accounts: masked rows of a bucket, with CSV and XLSX downloads.
    _tab(at, text["tabs"][5])
    at.selectbox(key=K.DRILL_BUCKET).set_value("1-30").run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) > 0
    phones = [c for c in table.columns if c in ("手机号", "Phone")]
    assert phones and table[phones[0]].astype(str).str.contains(r"\*\*\*\*").all()


def _one_month_file():
    from analysis.ingest.portfolio import load_portfolio

    csv = ("客户编号,统计日期,逾期天数,贷款余额,产品\n"
           "A1,2024-06-30,0,1000.00,信用卡\nA2,2024-06-30,45,250.50,消费贷\nA3,2024-06-30,120,80.25,消费贷\n")
    return load_portfolio(csv.encode("utf-8"), "one_month.csv")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_states_explain_themselves(lang):
    text = TEXT[lang]
    at = open_page("aging", lang, data_result=_one_month_file(), data_name="one_month.csv", data_id="one-month")
    assert_clean(at)
    assert any(c.value.startswith(":material/check_circle:") and "1,330.75" in c.value for c in at.caption)
    _tab(at, text["tabs"][2])
    assert any(text["no_pairs"] in i.value for i in at.info)
    _tab(at, text["tabs"][3])
    assert any(text["no_origination"] in i.value for i in at.info)
    _tab(at, text["tabs"][1])  # one month: rates without a MoM change, no error
    _tab(at, text["tabs"][4])


def test_sidebar_changes_keep_the_page_consistent():
    at = open_page("aging", "en")
    _tab(at, "Roll rates")
    at.radio(key=K.ROLL_MODE).set_value("window").run()
    at.session_state["filter_months"] = ("2024-01", "2024-06")  # the chosen window vanishes
    at.run()
    assert_clean(at)
    _tab(at, "Distribution")
    assert at.selectbox(key=K.MONTH).value == "2024-06"
    at.session_state["filter_months"] = ("2024-06", "2024-06")
    _tab(at, "Roll rates")
    assert any("consecutive" in i.value for i in at.info)


def test_m_buckets_flow_through_the_page():
    at = open_page("aging", "en", bucket_scheme="m")  # M0-M6+: eight buckets everywhere
    assert_clean(at)
    _tab(at, "Accounts")
    labels = at.selectbox(key=K.DRILL_BUCKET).options
    assert "M6+ (181+)" in labels and len(labels) == 2 + 8
    _tab(at, "Roll rates")
    roll = at.dataframe[0].value  # the matrix under the heatmap: M buckets, exit as its own column
    assert list(roll.columns)[1:10] == [*labels[2:], "Exit"]


@pytest.mark.parametrize("measure", ["balance", "count"])
def test_the_overdue_rate_card_follows_the_measure_shown(measure):
    from types import SimpleNamespace

    from tests.conftest import make_portfolio

    # 1 of 4 accounts overdue, holding 600 of 1,000 yuan: 25 % by count, 60 % by balance
    book = make_portfolio([("A", "2024-01", 40, 600.0), ("B", "2024-01", 0, 200.0),
                           ("C", "2024-01", 0, 100.0), ("D", "2024-01", 0, 100.0)])
    at = open_page("aging", "zh", data_result=SimpleNamespace(portfolio=book), data_name="four", data_id=f"four-{measure}",
                   measure=measure)
    assert_clean(at)
    card = next(m for m in at.metric if m.label.startswith("逾期率"))
    assert card.label == ("逾期率（按余额）" if measure == "balance" else "逾期率（按户数）")
    assert card.value == ("60.00%" if measure == "balance" else "25.00%")


def test_the_month_tab_and_choices_survive_a_visit_to_another_page():
    # Streamlit drops a widget's value when another page runs; the page's choices are kept for
    # the session (ui.persist) and come back, with the tab that was open.
    at = open_page("aging", "zh")
    earlier = at.selectbox(key=K.MONTH).options[5]
    at.selectbox(key=K.MONTH).set_value(earlier).run()
    at.selectbox(key=K.BY).set_value("product").run()
    _tab(at, "迁徙")
    at.radio(key=K.ROLL_MODE).set_value("window").run()
    _tab(at, "账龄（Vintage）")
    at.radio(key=K.VINTAGE_COHORT).set_value("quarter").run()
    for page in ("trend", "upload", "aging"):
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert_clean(at)
    assert at.selectbox(key=K.MONTH).value == earlier
    assert at.session_state[K.TAB] == "账龄（Vintage）"
    assert at.radio(key=K.VINTAGE_COHORT).value == "quarter"
    _tab(at, "迁徙")  # a closed tab's choices are kept too
    assert at.radio(key=K.ROLL_MODE).value == "window"
    _tab(at, "分布")
    assert at.selectbox(key=K.BY).value == "product"
    assert at.selectbox(key=K.MONTH).value == earlier


def test_the_open_tab_survives_a_language_switch():
    at = open_page("aging", "zh")
    _tab(at, "监管分类")
    at.session_state["lang"] = "en"
    at.run()
    assert_clean(at)
    assert at.session_state[K.TAB] == "Regulatory"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_missing_figure_reads_a_dash_not_none(lang):
    # The lagged rate has no value in the first `lag` months, and the latest month has no next
    # bucket: Streamlit writes such cells "None" unless the table names its placeholder.
    text = TEXT[lang]
    at = _tab(open_page("aging", lang), text["tabs"][1])
    assert any(d.value.isna().any().any() for d in at.dataframe), "the lagged table has empty cells"
    assert all(d.proto.placeholder == "–" for d in at.dataframe)
    _tab(at, text["tabs"][5])
    next_title = {"zh": "下月分段", "en": "Bucket next month"}[lang]
    drill = [d for d in at.dataframe if next_title in d.value.columns][0]
    assert drill.value[next_title].isna().all()  # the latest month has no next month
    assert drill.proto.placeholder == "–"
    help_text = {"zh": "尚无下月数据", "en": "no next month yet"}[lang]
    assert help_text in json.dumps(json.loads(drill.proto.columns), ensure_ascii=False)
