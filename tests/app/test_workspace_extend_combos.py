"""Adding a month to the data in use, in combination: the overview and the report follow the new
month, a sidebar filter reset is said, a file lacking a segment column is named, and a count-only
book and a book with balances are never mixed into one history."""
from __future__ import annotations

import pytest

from analysis.ingest.portfolio import IngestOptions, load_portfolio
from analysis.workspace import WorkspaceError, extend_workspace, missing_segments
from tests.app.apptest import assert_clean, open_page
from ui import workspace

FEB = ("客户编号,统计月份,逾期天数,贷款余额,产品\n"
       "A001,2024-01-31,0,1000.50,信用卡\nA002,2024-01-31,45,2000,消费贷\n"
       "A001,2024-02-29,10,900.25,信用卡\nA002,2024-02-29,75,2100,消费贷\n").encode("utf-8")
MARCH = "客户编号,统计月份,逾期天数,贷款余额,产品\nA001,2024-03-31,0,800,信用卡\nA002,2024-03-31,100,2200,经营贷\n".encode()
MARCH_NO_PRODUCT = "客户编号,统计月份,逾期天数,贷款余额\nA001,2024-03-31,0,800\nA002,2024-03-31,100,2200\n".encode()
MARCH_NO_BALANCE = "客户编号,统计月份,逾期天数\nA001,2024-03-31,0\nA002,2024-03-31,100\n".encode()


def _extended(march: bytes, lang: str = "zh", count_accounts: bool = False):
    at = open_page("upload", lang, data_result=load_portfolio(FEB, "2024-02.csv"), data_name="2024-02.csv",
                   data_id="feb-upload")
    for page in ("pages/overview.py", "pages/report.py", "pages/upload.py"):
        at.switch_page(page)
        at.run()
    at.radio(key=workspace.K_NEXT).set_value("extend").run()
    at.file_uploader[0].set_value(("2024-03.csv", march, "text/csv")).run()
    if count_accounts:
        at.checkbox(key="upload_opt_balance_unit").check().run()
    at.button(key="upload_validate").click().run()
    assert not at.exception
    if not count_accounts:
        assert_clean(at)
    return at


def test_the_overview_and_the_report_move_to_the_new_month():
    at = _extended(MARCH)
    assert at.session_state["data_result"].summary["months"][-1] == "2024-03"
    at.switch_page("pages/overview.py")
    at.run()
    assert_clean(at)
    assert at.session_state["overview_month"] == "2024-03"
    at.switch_page("pages/report.py")
    at.run()
    assert_clean(at)
    from ui.report.state import K_MONTH
    assert at.session_state[K_MONTH] == "2024-03"  # else the meeting report was built for last month


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_lacking_a_segment_column_is_named(lang):
    at = _extended(MARCH_NO_PRODUCT, lang)
    said = [w.value for w in at.warning]
    assert any({"zh": "新文件没有这些分组列：产品", "en": "The new file has no Product column"}[lang] in w for w in said), said


def test_a_count_only_month_is_not_added_to_a_book_with_balances():
    at = _extended(MARCH_NO_BALANCE, "zh", count_accounts=True)
    errors = [e.value for e in at.error]
    assert any("当前数据有余额，新文件没有余额列" in e for e in errors), errors
    assert at.session_state["data_result"].summary["months"] == ["2024-01", "2024-02"]  # nothing added


def test_balances_and_counts_never_make_one_history():
    with_balances = load_portfolio(FEB, "feb.csv")
    counts = load_portfolio(MARCH_NO_BALANCE, "mar.csv", options=IngestOptions(balance_missing="unit"))
    with pytest.raises(WorkspaceError) as err:
        extend_workspace(with_balances, counts)
    assert err.value.code == "workspace.error.balances_then_counts"
    with pytest.raises(WorkspaceError) as err:
        extend_workspace(counts, with_balances)
    assert err.value.code == "workspace.error.counts_then_balances"
    assert "cannot make one history" in err.value.message("en")
    assert missing_segments(with_balances, load_portfolio(MARCH_NO_PRODUCT, "m.csv")) == ["product"]


def test_a_month_uploaded_again_is_not_said_to_be_added():
    again = "客户编号,统计月份,逾期天数,贷款余额,产品\nA001,2024-02-29,0,950,信用卡\nA002,2024-02-29,80,2100,消费贷\n".encode()
    at = _extended(again)
    said = [s.value for s in at.success]
    assert any("没有新增月份" in s for s in said) and not any("新增月份：2024-02" in s for s in said), said
    assert any("2024-02" in w.value for w in at.warning)  # the replaced month is said


def test_a_count_only_causes_page_shows_no_balance_card():
    from analysis.ingest.portfolio import IngestOptions

    text = "客户编号,统计月份,逾期天数,逾期原因\n" + "".join(
        f"A{i:03d},2024-03-31,{(0, 40, 95)[i % 3]},{('', '忘记还款', '失业')[i % 3]}\n" for i in range(30))
    counts = load_portfolio(text.encode(), "m.csv", options=IngestOptions(balance_missing="unit"))
    at = open_page("causes", "zh", data_result=counts, data_name="m.csv", data_id="counts-causes")
    assert_clean(at)
    labels = [m.label for m in at.metric]
    assert labels.count("逾期户数") == 1 and not any("余额" in label for label in labels), labels
