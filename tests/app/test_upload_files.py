"""Several monthly files on the upload page (AppTest): the per-file table, one check, one panel."""
from __future__ import annotations

import pytest

from tests.app.apptest import assert_clean, open_page

HEADER = "客户编号,逾期天数,贷款余额,产品\n"
MONTHS = {  # file name -> rows (the third file's month is in its title row, not its name)
    "逾期明细 2024年1月.csv": "A1,0,100.10,信用卡\nA2,35,200.20,消费贷\n",
    "loans_202402.csv": "A1,0,90.05,信用卡\nA2,65,210.00,消费贷\nA2,0,1.00,消费贷\n",
    "march.csv": "A1,5,80.00,信用卡\nA3,0,10.01,信用卡\n合计,,290.01,\n",
}
TITLES = {"march.csv": "XX银行逾期明细表 2024年3月\n"}

TEXT = {
    "zh": {"intro": "共 3 个文件", "name": "文件名（推断）", "title": "标题行（推断）", "need": "请在第①步文件表的“月份”列中填写",
           "lacks": "没有映射中使用的列"},
    "en": {"intro": "3 files", "name": "file name (a guess)", "title": "title row (a guess)", "need": "Type it in the Month column of the file table in step ①",
           "lacks": "lacks columns the mapping uses"},
}


def _files(names=None):
    names = names or list(MONTHS)
    return [(n, (TITLES.get(n, "") + HEADER + MONTHS[n]).encode("utf-8"), "text/csv") for n in names]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_three_monthly_files_are_checked_and_loaded_as_one_panel(lang):
    at = open_page("upload", lang)
    assert at.file_uploader[0].accept_multiple_files
    at.file_uploader[0].set_value(_files())
    at.run()
    assert_clean(at)
    assert any(TEXT[lang]["intro"] in m.value for m in at.markdown)
    table = at.data_editor[0].value
    # in month order (by name a year read 10月, 11月, 12月, 1月 …)
    assert table["file"].tolist() == ["逾期明细 2024年1月.csv", "loans_202402.csv", "march.csv"]
    assert table["rows"].tolist() == [2, 3, 3]
    assert table["month"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert table["source"].tolist() == [TEXT[lang]["name"], TEXT[lang]["name"], TEXT[lang]["title"]]
    # the month came from the names and the title: it is what the mapping uses
    assert at.selectbox(key="upload_map_snapshot_date").value == "数据月份"
    assert at.selectbox(key="upload_map_balance").value == "贷款余额"
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    result = at.session_state["data_result"]
    assert at.session_state["data_name"] == "loans_202402.csv … 逾期明细 2024年1月.csv (3)"
    portfolio = result.portfolio
    assert sorted(portfolio["month"].unique()) == ["2024-01", "2024-02", "2024-03"]
    assert round(portfolio["balance"].sum(), 2) == round(100.10 + 200.20 + 90.05 + 210.00 + 80.00 + 10.01, 2)
    # rejections named by file and row: the repeat in February's file, March's total row (below a title)
    assert sorted(zip(result.rejected["file"], result.rejected["row"])) == [("loans_202402.csv", 4), ("march.csv", 5)]
    assert "upload_multi" not in at.session_state and "upload_raw" not in at.session_state


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_without_a_month_is_asked_for_and_the_check_says_which(lang):
    at = open_page("upload", lang)
    files = _files(["逾期明细 2024年1月.csv", "loans_202402.csv"])
    files.append(("latest.csv", (HEADER + "A1,0,5\n").encode("utf-8"), "text/csv"))
    at.file_uploader[0].set_value(files)
    at.run()
    assert not at.exception
    assert at.data_editor[0].value["month"].tolist() == ["2024-01", "2024-02", ""]  # 逾期…, loans…, latest (no month: last)
    # listed before any click with what blocks loading, naming the file and what to do; the button waits
    blocked = [w.value for w in at.warning if "latest.csv" in w.value]
    assert len(blocked) == 1 and TEXT[lang]["need"] in blocked[0] and "loans_202402.csv" not in blocked[0]
    assert at.button(key="upload_validate").disabled
    assert at.session_state["data_id"] == "sample"  # nothing was loaded


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_mapped_header_one_file_lacks_is_listed_before_the_click(lang):
    at = open_page("upload", lang)
    files = _files(["逾期明细 2024年1月.csv", "loans_202402.csv"])
    files.append(("2024-03.csv", "客户编号,逾期天数,产品\nA1,0,信用卡\n".encode("utf-8"), "text/csv"))
    at.file_uploader[0].set_value(files)
    at.run()
    assert not at.exception
    assert at.selectbox(key="upload_map_balance").value == "贷款余额"
    blocked = [w.value for w in at.warning if "2024-03.csv" in w.value]
    assert len(blocked) == 1 and "贷款余额" in blocked[0] and TEXT[lang]["lacks"] in blocked[0]
    assert at.button(key="upload_validate").disabled
    # leaving the column unmapped (and loading as counts) clears it
    at.selectbox(key="upload_map_balance").set_value("—").run()
    assert not [w for w in at.warning if "2024-03.csv" in w.value and "贷款余额" in w.value]


def test_one_file_is_read_as_before():
    at = open_page("upload", "en")
    at.file_uploader[0].set_value(_files(["loans_202402.csv"])[0])
    at.run()
    assert_clean(at)
    assert not at.data_editor or "file" not in at.data_editor[0].value.columns
    assert at.selectbox(key="upload_map_account_id").value == "客户编号"
    assert "upload_multi" not in at.session_state


def test_an_unreadable_file_among_several_is_named():
    at = open_page("upload", "zh")
    files = _files(["逾期明细 2024年1月.csv"]) + [("bad.xlsx", b"%PDF-1.4 not a workbook" * 50, "application/pdf")]
    at.file_uploader[0].set_value(files)
    at.run()
    assert not at.exception
    assert at.error and "bad.xlsx" in at.error[0].value
    assert at.session_state["data_id"] == "sample"


def test_a_month_typed_in_the_table_is_used_and_a_wrong_one_refused():
    """AppTest cannot type into a data editor; its edits are set the way the browser sends them."""
    at = open_page("upload", "en")
    files = _files(["逾期明细 2024年1月.csv", "loans_202402.csv"])
    files.append(("latest.csv", (HEADER + "A1,0,5\n").encode("utf-8"), "text/csv"))
    at.file_uploader[0].set_value(files)
    at.run()
    editor = "upload_files_editor_upload_file_0"
    at.session_state[editor] = {"edited_rows": {2: {"month": "2024年13月"}}, "added_rows": [], "deleted_rows": []}  # latest.csv: no month, last
    at.run()
    assert not at.exception
    assert any("latest.csv" in e.value and "2024年13月" in e.value for e in at.error)
    at.session_state[editor] = {"edited_rows": {2: {"month": "2023-12"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert_clean(at)
    assert not [w for w in at.warning if "latest.csv" in w.value]
    assert not at.button(key="upload_validate").disabled
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    portfolio = at.session_state["data_result"].portfolio
    assert portfolio.loc[portfolio["month"] == "2023-12", "balance"].tolist() == [5.0]
    assert sorted(portfolio["month"].unique()) == ["2023-12", "2024-01", "2024-02"]


def test_every_file_of_the_set_is_dropped_once_loaded(monkeypatch):
    """As tests/app/test_upload_memory.py does for one file: the page's call is recorded (AppTest
    gives every run a fresh upload store) and flattened the way drop_uploaded_files flattens it."""
    from ui.upload import flow

    dropped = []
    real = flow.drop_uploaded_files
    monkeypatch.setattr(flow, "drop_uploaded_files", lambda *files: dropped.append(files) or real(*files))
    at = open_page("upload", "en")
    at.file_uploader[0].set_value(_files())
    at.run()
    assert not dropped
    at.button(key="upload_validate").click()
    at.run()
    assert_clean(at)
    (call,) = dropped
    names = [f.name for item in call if item is not None for f in (item if isinstance(item, list) else [item])]
    assert sorted(names) == sorted(MONTHS)


def _list_script():
    import streamlit as st
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from ui.upload import drop_uploaded_files

    files = st.file_uploader("data", key="data", accept_multiple_files=True)
    if files:
        ctx = get_script_run_ctx()
        ids = [f.file_id for f in files]
        held = drop_uploaded_files(list(files), None)  # the page passes the set as one list
        after = len(ctx.uploaded_file_mgr.get_files(ctx.session_id, ids))
        st.write(f"held={held} after={after}")


def test_drop_uploaded_files_takes_the_set_as_one_list():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_list_script)
    at.run()
    at.file_uploader(key="data").set_value([("a.csv", b"x" * 10, "text/csv"), ("b.csv", b"y", "text/csv")])
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "held=2 after=0"
