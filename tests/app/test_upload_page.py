"""The upload flow through AppTest: file → mapping → check → every page uses the new data."""
from __future__ import annotations

import os

import pytest

from tests.app.apptest import assert_clean, open_page

CSV = (
    "XX银行逾期明细表\n"
    "客户编号,统计月份,逾期天数,贷款余额,授信额度,产品,手机号\n"
    "A001,2024-01-31,0,\"1,000.50\",5000,信用卡,13812345678\n"
    "A002,2024-01-31,45,2000,8000,消费贷,13912345678\n"
    "A001,2024-02-29,10,900.25,5000,信用卡,13812345678\n"
    "A002,2024-02-29,75,2100,8000,消费贷,13912345678\n"
    "A003,2024-02-29,-5,300,1000,信用卡,13712345678\n"
    "合计,,,6300.75,,,\n"
).encode("gb18030")

TEXT = {
    "zh": {"loaded": "已载入", "title": "上传数据"},
    "en": {"loaded": "Loaded", "title": "Upload data"},
}


def _upload(at, name, data, mime="text/csv"):
    at.file_uploader[0].set_value((name, data, mime))
    at.run()
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upload_map_check_and_load(lang):
    at = open_page("upload", lang)
    assert_clean(at)
    assert at.title[0].value == TEXT[lang]["title"]
    _upload(at, "逾期明细.csv", CSV)
    assert_clean(at)
    # The mapping was suggested from the Chinese headers.
    assert at.selectbox(key="upload_map_account_id").value == "客户编号"
    assert at.selectbox(key="upload_map_balance").value == "贷款余额"
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    result = at.session_state["data_result"]
    assert at.session_state["data_name"] == "逾期明细.csv"
    s = result.summary
    assert s["rows_read"] == s["rows_accepted"] + s["rows_rejected"]
    assert s["rows_accepted"] == 4  # negative DPD and the total row are rejected
    assert result.portfolio["balance"].sum() == pytest.approx(1000.50 + 2000 + 900.25 + 2100)
    assert any(TEXT[lang]["loaded"] in m.value for m in at.success)
    # The uploader was reset: the file's bytes are no longer held by the widget.
    assert "upload_raw" not in at.session_state


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_file_gets_a_message_not_a_traceback(lang):
    at = open_page("upload", lang)
    _upload(at, "portfolio.xlsx", os.urandom(2048), "application/vnd.ms-excel")
    assert not at.exception
    assert at.error, "a bad file must produce an error message"
    message = at.error[0].value
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    # The app is still usable: the sample data is still loaded.
    assert at.session_state["data_id"] == "sample"


def test_two_sessions_do_not_share_uploads():
    first = open_page("upload", "en")
    second = open_page("upload", "en")
    _upload(first, "mine.csv", CSV)
    first.button(key="upload_validate").click()
    first.run()
    assert first.session_state["data_name"] == "mine.csv"
    second.run()
    assert second.session_state["data_id"] == "sample"
    assert second.session_state["data_name"] != "mine.csv"


def test_a_wide_status_file_offers_the_code_table():
    # UCI-style layout: one status column per month (PAY_0 = Sep 2005 …) and one bill column per month.
    header = "ID,LIMIT_BAL,PAY_0,PAY_2,BILL_AMT1,BILL_AMT2\n"
    rows = "1,20000,2,0,3913,3102\n2,120000,-1,-1,2682,1725\n"
    at = open_page("upload", "en")
    _upload(at, "wide.csv", (header + rows).encode())
    assert_clean(at)
    assert at.toggle(key="upload_wide_use").value is True
    codes = at.session_state["upload_codes_editor"] if "upload_codes_editor" in at.session_state else None
    assert codes is not None, "the status-code table is offered for the wide status columns"
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    result = at.session_state["data_result"]
    assert result.summary["rows_accepted"] == 4  # 2 cards × 2 months
    dpd = result.portfolio.set_index(["account_id", "month"])["days_past_due"]
    assert dpd.loc[("1", "2005-09")] > 30  # PAY_0 = 2: two months late


def test_the_preview_masks_personal_data():
    at = open_page("upload", "zh")
    _upload(at, "逾期明细.csv", CSV)
    previews = [d.value for d in at.dataframe if "手机号" in d.value.columns]
    assert previews, "the preview table is on the page"
    text = previews[0].to_csv(index=False)
    assert "13812345678" not in text
    assert "138****5678" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_excluded_status_code_says_so_in_its_days_column(lang):
    # credit-card STATUS X (no loan that month) is excluded: its empty DPD cell reads "不计入", not "None"
    header = "ID,MONTHS_BALANCE,STATUS\n"
    rows = "1,0,0\n1,-1,X\n2,0,1\n2,-1,C\n"
    at = open_page("upload", lang)
    _upload(at, "status.csv", (header + rows).encode())
    assert_clean(at)
    editor = at.data_editor(key="upload_codes_editor")
    assert editor.value["dpd"].isna().any()
    assert editor.proto.placeholder == {"zh": "不计入", "en": "excluded"}[lang]


def test_the_load_prepares_the_cubes_the_first_page_reads(monkeypatch):
    # Right after a load the upload page builds the data core's cubes (under a progress line),
    # so the overview opens without building them again: one transition query in all.
    from analysis.core import sql

    queries = []
    original = sql.transition_cube_sql
    monkeypatch.setattr(sql, "transition_cube_sql", lambda *a, **k: queries.append(a) or original(*a, **k))
    at = open_page("upload", "zh")  # opens on the overview of the sample first
    # Rows no other test loads: sessions holding the same rows share their cubes (ui.sharing),
    # so a book another test built would be read without a query.
    _upload(at, "逾期明细.csv", CSV.replace(b"A002", b"A902"))
    queries.clear()
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    assert len(queries) == 1
    status = [e for e in at.main.children.values() if type(e).__name__ == "Status"]
    assert [(s.label, s.state) for s in status] == [("分析已就绪：各页面可直接打开", "complete")]
    at.switch_page("pages/overview.py")
    at.run()
    assert_clean(at)
    assert len(queries) == 1, "the overview built the transition cube again"


def test_two_users_loading_the_same_file_share_one_read_and_one_check():
    # A team's month-end export: the second user's read and check are the first one's objects
    # (ui.sharing.while_held), while the first still holds them; other bytes are read apart.
    first = _upload(open_page("upload", "en"), "逾期明细.csv", CSV)
    first.button(key="upload_validate").click()
    first.run()
    held = first.session_state["data_result"]
    second = _upload(open_page("upload", "en"), "逾期明细.csv", CSV)
    second.button(key="upload_validate").click()
    second.run()
    assert_clean(second)
    assert second.session_state["data_result"].portfolio is held.portfolio
    other = _upload(open_page("upload", "en"), "逾期明细.csv", CSV.replace(b"2100", b"2200"))
    other.button(key="upload_validate").click()
    other.run()
    assert other.session_state["data_result"].portfolio is not held.portfolio
    assert other.session_state["data_result"].portfolio["balance"].sum() == pytest.approx(held.portfolio["balance"].sum() + 100)
