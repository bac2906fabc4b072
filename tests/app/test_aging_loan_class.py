"""AppTest of the aging page's regulatory tab with the bank's own classification (五级分类 in the
file) and without it, in both languages."""
from __future__ import annotations

import pytest

from analysis.ingest.portfolio import load_portfolio
from tests.aging.test_regulatory_loan_class import classed_csv, classed_result
from tests.app.apptest import assert_clean, open_page
from ui.aging import keys as K
from ui.provisions import keys as PK

TEXT = {
    "zh": {"tab": "监管分类", "file": "五级分类（银行自己的分类，文件口径）", "npl": "不良率（文件口径，按余额）",
           "compare": "文件五级分类与按逾期天数推算的对照", "floor": "2023 年《商业银行金融资产风险分类办法》",
           "by_dpd": "五级分类（按逾期天数）", "derived": "逾期天数是由五级分类按代表值换算的", "rule": "信用卡规则"},
    "en": {"tab": "Regulatory", "file": "Five-tier classification (the bank's own, as in the file)",
           "npl": "NPL ratio (file, by balance)", "compare": "The file's classification against the classes by DPD",
           "floor": "Under the 2023 rules", "by_dpd": "Five-tier classification (by DPD)",
           "derived": "its DPD was derived from the classification itself", "rule": "credit-card rule"},
}


def _regulatory(lang, **session):
    at = open_page("aging", lang, **session)
    assert_clean(at)
    at.session_state[K.TAB] = TEXT[lang]["tab"]
    at.run()
    assert_clean(at)
    return at


def _headings(at) -> list[str]:
    return [s.value for s in at.subheader]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_banks_classification_is_the_headline(lang):
    text = TEXT[lang]
    at = _regulatory(lang, data_result=classed_result(), data_name="classed.csv", data_id="classed")
    headings = _headings(at)
    # the file's classes first, then the classes by DPD as a check, then the comparison
    assert headings.index(text["file"]) < headings.index(text["by_dpd"]) < headings.index(text["compare"])
    npl = next(m for m in at.metric if m.label == text["npl"])
    assert npl.value == "12.61%"  # (100 + 140 + 50) / 2,300: the file's 次级 + 可疑 + 损失
    # beside it, the same month by DPD at the rule chosen (credit-card: 200 + 100 + 50), and the gap
    by_dpd = next(m for m in at.metric if text["rule"] in m.label)
    assert by_dpd.value == "15.22%" and by_dpd.proto.delta.startswith("+2.61")
    # A4 (100 DPD, 关注) is below the 2023 floor: said in a sentence, with its balance
    warning = [w.value for w in at.warning]
    assert any(text["floor"] in w and "8.70%" in w for w in warning), warning  # 200 of 2,300
    # the file class × DPD class table, by balance: its total column is the month's book
    grids = [d.value for d in at.dataframe if d.value.shape == (6, 7)]
    assert grids, [d.value.shape for d in at.dataframe]
    assert grids[0].iloc[:, -1].astype(float).sum() == pytest.approx(2300.0 / 10_000)  # the sample's unit: 万元
    # editing the rule keeps the page clean; the floors are the rule's now
    at.selectbox(key=K.TIER_PRESET).set_value("floors_2023").run()
    assert_clean(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_the_field_nothing_changes(lang):
    text = TEXT[lang]
    at = _regulatory(lang)  # the sample book has no classification of its own
    headings = _headings(at)
    assert text["file"] not in headings and text["compare"] not in headings
    assert text["by_dpd"] in headings
    assert not any(m.label == text["npl"] for m in at.metric)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_class_that_gave_the_dpd_is_not_checked_against_it(lang):
    text = TEXT[lang]
    # the same book without its DPD column: the class is the only delinquency information
    lines = [line.split(b",") for line in classed_csv().splitlines()]
    no_dpd = b"\n".join(b",".join(cells[:2] + cells[3:]) for cells in lines) + b"\n"
    result = load_portfolio(no_dpd, "classed_no_dpd.csv")
    assert result.summary["dpd_source"] == "loan_class"
    at = _regulatory(lang, data_result=result, data_name="classed_no_dpd.csv", data_id="classed-no-dpd")
    headings = _headings(at)
    assert text["file"] in headings and text["compare"] not in headings and text["by_dpd"] not in headings
    assert any(text["derived"] in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_provisions_page_reports_the_banks_npl_ratio(lang):
    # the same upload on the provisions page: its NPL card is the file's 次级 + 可疑 + 损失
    at = open_page("provisions", lang, data_result=classed_result(), data_name="classed.csv", data_id="classed-prov")
    assert_clean(at)
    npl = next(m for m in at.metric if m.label == {"zh": "不良贷款率", "en": "NPL ratio"}[lang])
    assert npl.value == "12.61%"  # by DPD (credit-card rule) it would be 15.22%
    # the five-tier tab's note names the file's classes, not the DPD rule it no longer uses
    tab = {"zh": "五级分类与不良", "en": "Five-tier & NPL"}[lang]
    at = open_page("provisions", lang, data_result=classed_result(), data_name="classed.csv", data_id="classed-prov",
                   **{PK.TAB: tab})
    assert_clean(at)
    own = {"zh": "五级分类口径：文件中银行自己的五级分类", "en": "Five-tier classes: the bank's own"}[lang]
    rule = {"zh": "五级分类口径：信用卡规则", "en": "Five-tier rule:"}[lang]
    captions = [c.value for c in at.caption]
    assert any(own in c for c in captions) and not any(rule in c for c in captions)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_upload_page_maps_the_class_and_says_what_it_could_not_read(lang):
    at = open_page("upload", lang)
    at.file_uploader[0].set_value(("classed.csv", classed_csv(), "text/csv"))
    at.run()
    assert_clean(at)
    assert at.selectbox(key="upload_map_loan_class").value == "五级分类"
    assert at.selectbox(key="upload_map_status_label").value not in ("五级分类",)
    assert at.selectbox(key="upload_map_loan_class").label == {
        "zh": "五级分类（银行自己的分类结果）", "en": "Five-tier classification (the bank's own)"}[lang]
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    portfolio = at.session_state["data_result"].portfolio
    assert portfolio["loan_class"].isna().sum() == 1  # 待定: kept, without a class
    said = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning])
    assert {"zh": "不是五级分类（如 待定）", "en": "Not a five-tier class: 1 row"}[lang] in said, said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_drill_down_shows_the_banks_class(lang):
    at = open_page("aging", lang, data_result=classed_result(), data_name="classed.csv", data_id="classed-drill")
    at.session_state[K.TAB] = {"zh": "明细", "en": "Accounts"}[lang]
    at.run()
    at.selectbox(key=K.DRILL_BUCKET).set_value("91-180").run()  # A4 (100 DPD, 关注) and A5 (150 DPD, 次级)
    assert_clean(at)
    table = at.dataframe[0].value
    column = {"zh": "五级分类（文件）", "en": "Class (file)"}[lang]
    assert sorted(table[column].tolist()) == sorted({"zh": ["关注", "次级"], "en": ["Special mention", "Substandard"]}[lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_book_without_balances_says_accounts_only(lang):
    from analysis.ingest.portfolio import IngestOptions

    lines = [line.split(b",") for line in classed_csv().splitlines()]
    no_balance = b"\n".join(b",".join(cells[:3] + cells[4:]) for cells in lines) + b"\n"
    result = load_portfolio(no_balance, "classed_counts.csv", options=IngestOptions(balance_missing="unit"))
    at = _regulatory(lang, data_result=result, data_name="classed_counts.csv", data_id=f"classed-counts-{lang}")
    assert [m.label for m in at.metric][0] == {"zh": "不良率（文件口径，按户数）", "en": "NPL ratio (file, by accounts)"}[lang]
    warning = at.warning[0].value
    assert {"zh": "1 户（占本月户数 12.50%）", "en": "1 account (12.50% of the month's accounts)"}[lang] in warning
    assert {"zh": "余额", "en": "balance"}[lang] not in warning
