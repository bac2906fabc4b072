"""The workspace through AppTest: save → open in a new session gives the same pages; the next
upload extends the history; a refresh restores the data; the sample says it is the sample."""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.ingest.portfolio import load_portfolio
from tests.app.apptest import assert_clean, open_page
from tests.conftest import REPO
from ui import continuity, workspace

SAMPLE = REPO / "data" / "sample" / "sample_portfolio.csv"
FEB = (
    "客户编号,统计月份,逾期天数,贷款余额,产品\n"
    "A001,2024-01-31,0,1000.50,信用卡\nA002,2024-01-31,45,2000,消费贷\n"
    "A001,2024-02-29,10,900.25,信用卡\nA002,2024-02-29,75,2100,消费贷\n"
).encode("utf-8")
MARCH = "客户编号,统计月份,逾期天数,贷款余额,产品\nA001,2024-03-31,0,800,信用卡\nA002,2024-03-31,100,2200,经营贷\n".encode()
TEXT = {
    "zh": {"banner": "不是真实业务数据", "opened": "已打开工作区", "foreign": "不是工作区文件", "expired": "分钟未使用"},
    "en": {"banner": "not real business data", "opened": "Opened the workspace", "foreign": "not a workspace file",
           "expired": "has been cleared from the server's memory"},
}


def own_data(**extra) -> dict:
    """Session state of a user who loaded the sample file as their own upload."""
    return {"data_result": load_portfolio(SAMPLE.read_bytes(), "逾期明细.csv"), "data_name": "逾期明细.csv",
            "data_id": "an-upload", **extra}


def figures(at: AppTest) -> list[tuple[str, str]]:
    at.switch_page("pages/aging.py")
    at.run()
    assert_clean(at)
    return [(m.label, m.value) for m in at.metric]


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def test_save_then_open_in_a_new_session_gives_the_same_pages():
    events = pd.DataFrame({"month": pd.Series(["2024-03"], dtype="str"), "label": pd.Series(["催收外包上线"], dtype="str")})
    first = open_page("aging", "zh", **own_data(unit="yuan", bucket_scheme="m", shared_events=events,
                                                 aging_month="2024-06"))
    before = figures(first)  # on a month the reader picked, not the newest
    assert before and first.selectbox(key="aging_month").value == "2024-06"
    first.switch_page("pages/upload.py")
    first.run()
    first.button(key=workspace.K_PREPARE).click().run()
    assert_clean(first)
    data = first.session_state[workspace.K_FILE][1]
    assert data[:2] == b"PK"
    # its size as a person reads it: a few hundred KB, never "0.0 MB"
    from ui.datasets import format_size
    assert any(f"（{format_size(len(data))}，" in c.value for c in first.caption) and format_size(len(data)) != "0.0 MB"

    chooser = open_page("upload", "zh")
    chooser.file_uploader(key="workspace_open_0").set_value(("逾期明细.dwb", data, "application/zip")).run()
    assert_clean(chooser)
    pending = chooser.session_state[workspace.K_PENDING]  # opened; the next run makes it the session's
    # AppTest runs app.py only on a session's first run (later runs run the page alone), so the
    # next run through app.py is a session that starts with what this one holds
    second = open_page("upload", "zh", **{workspace.K_PENDING: pending})
    assert_clean(second)
    assert any(TEXT["zh"]["opened"] in s.value for s in second.success)
    assert second.session_state["data_name"] == "逾期明细.csv"
    assert second.session_state["unit"] == "yuan" and second.session_state["bucket_scheme"] == "m"
    pd.testing.assert_frame_equal(second.session_state["shared_events"], events)
    original = first.session_state["data_result"].portfolio
    opened = second.session_state["data_result"].portfolio
    assert "phone" not in opened.columns  # the box was not ticked
    pd.testing.assert_frame_equal(opened, original.drop(columns=["customer_name", "phone", "id_number"]))
    assert figures(second) == before
    assert second.selectbox(key="aging_month").value == "2024-06"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_that_is_not_a_workspace_gets_a_message(lang):
    at = open_page("upload", lang)
    at.file_uploader(key="workspace_open_0").set_value(("data.dwb", FEB, "application/zip")).run()
    assert not at.exception
    assert any(TEXT[lang]["foreign"] in e.value for e in at.error)
    assert workspace.K_PENDING not in at.session_state
    assert at.session_state["data_id"] == "sample"


def test_the_next_upload_extends_the_history():
    at = open_page("upload", "en", data_result=load_portfolio(FEB, "2024-02.csv"), data_name="2024-02.csv",
                   data_id="feb-upload")
    at.switch_page("pages/aging.py")
    at.run()
    assert at.selectbox(key="aging_month").value == "2024-02"  # the newest month, kept as the page's choice
    at.switch_page("pages/upload.py")
    at.run()
    at.radio(key=workspace.K_NEXT).set_value("extend").run()
    at.file_uploader[0].set_value(("2024-03.csv", MARCH, "text/csv")).run()
    at.button(key="upload_validate").click().run()
    assert_clean(at)
    result = at.session_state["data_result"]
    assert result.summary["months"] == ["2024-01", "2024-02", "2024-03"]
    assert result.summary["rows_accepted"] == 6 == len(result.portfolio)
    assert result.portfolio["balance"].sum() == pytest.approx(1000.50 + 2000 + 900.25 + 2100 + 800 + 2200)
    assert at.session_state["data_name"] == "2024-02.csv + 2024-03.csv"
    assert any("months added: 2024-03" in s.value for s in at.success)
    # the pages now run to March: the aging page offers it, newest first, and opens on it
    at.switch_page("pages/aging.py")
    at.run()
    assert_clean(at)
    month = at.selectbox(key="aging_month")
    assert list(month.options) == ["2024-03", "2024-02", "2024-01"] and month.value == "2024-03"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_says_so_on_every_page_until_data_is_loaded(lang):
    # app.py draws the banner before the page runs (AppTest runs app.py on a session's first run:
    # the overview); the browser test checks another page and the upload page
    at = open_page(None, lang)
    assert_clean(at)
    banner = [i for i in infos(at) if TEXT[lang]["banner"] in i]
    assert len(banner) == 1
    assert ("上传数据" if lang == "zh" else "Upload") in banner[0]
    assert any(link.label == ("上传数据或打开工作区" if lang == "zh" else "Upload data or open a workspace")
               for link in at.get("page_link"))
    mine = open_page(None, lang, **own_data())
    assert not any(TEXT[lang]["banner"] in i for i in infos(mine))


def test_presenting_the_sample_keeps_a_small_line():
    at = open_page(None, "zh", presentation=True)
    assert not any(TEXT["zh"]["banner"] in i for i in infos(at))
    assert any("示例数据（模拟）" in c.value for c in at.caption)


def _token(at: AppTest) -> str:
    value = at.query_params[continuity.MARKER]
    return value[0] if isinstance(value, list) else value


def _app_at(token: str, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.session_state["lang"] = lang
    at.query_params[continuity.MARKER] = token
    return at


def test_a_refresh_gets_the_data_and_settings_back():
    first = open_page("aging", "zh", **own_data(unit="yuan"))
    token = _token(first)
    again = _app_at(token).run()  # a new session with the same address: a refresh, a second tab
    assert_clean(again)
    assert again.session_state["data_id"] == "an-upload"
    pd.testing.assert_frame_equal(again.session_state["data_result"].portfolio, first.session_state["data_result"].portfolio)
    assert again.session_state["data_name"] == "逾期明细.csv"
    assert again.session_state["unit"] == "yuan"
    assert not any("不在本会话" in w.value for w in again.warning)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_expired_token_says_so(lang, monkeypatch):
    first = open_page(None, lang, **own_data())
    token = _token(first)
    monkeypatch.setattr(continuity.STORE, "idle_seconds", -1)  # every kept token is now idle too long
    again = _app_at(token, lang).run()
    assert again.session_state["data_id"] == "sample"
    assert any(TEXT[lang]["expired"] in w.value for w in again.warning)
    assert not any(TEXT[lang]["banner"] in i for i in infos(again))  # one notice, not two


@pytest.mark.parametrize("settings", [
    {"warnings": {"data_id": "sample"}},                       # another session key: the sample's cache
    {"whatif_assumptions": {"data_result": 1}},
    {"whatif_assumptions": {"whatif_ccf": "abc"}},             # the page's number input failed on it
    {"whatif_assumptions": {"whatif_use_mapped_rate": 1}},
    {"sidebar": ["unit"]}, {"warnings": "x"},
    {"whatif": {"scenarios": [{"name": "x"}], "next_id": 1, "champion": 0, "focus": 0}},
    {"page_choices": {"aging_month": "2024-06"}},
])
def test_a_workspace_setting_its_page_could_not_have_saved_is_refused(settings):
    from analysis.workspace import WorkspaceError
    with pytest.raises(WorkspaceError) as err:
        workspace.checked_settings(settings, {})
    assert err.value.key == "workspace.error.corrupt"


def test_events_without_their_columns_are_refused_with_the_table_named():
    from analysis.workspace import WorkspaceError
    with pytest.raises(WorkspaceError) as err:
        workspace.checked_settings({}, {"events": pd.DataFrame({"x": [1]})})
    assert err.value.params["part"] == "tables/events.parquet"
