"""The conduct page beside the user's own portfolio: the sample's contact log (synthetic accounts)
is never shown as if it were the user's; the tab asks for the user's log and says which columns
it needs; templates and rules work without one; a log that matches none of the book's accounts
is said to be so."""
from __future__ import annotations

import pytest

from analysis.ingest.portfolio import load_portfolio
from tests.app.apptest import assert_clean, open_page
from ui.conduct import keys as K

TABS = {"zh": ["话术检查", "联系记录检查", "催收绩效", "规则与来源"],
        "en": ["Message templates", "Contact log", "Performance", "Rules and sources"]}
BOOK = ("借据号,统计月份,逾期天数,贷款余额\n" + "".join(
    f"JJ{i:04d},{m},{(i * 13) % 70},{1000 + i}.00\n" for m in ("2024-01", "2024-02", "2024-03") for i in range(12))).encode()
#: Calls to the book's accounts, one at 22:30 (outside the window in both jurisdictions).
OWN_LOG = ("借据号,联系时间,渠道,联系对象,是否接通,催收员\n"
           "JJ0001,2024-03-01 22:30,电话,本人,否,张三\nJJ0002,2024-03-01 10:00,电话,本人,是,张三\n"
           "JJ0003,2024-03-02 11:00,短信,本人,,李四\n").encode()
#: The same contacts to accounts the book does not have (another id: customer numbers).
OTHER_LOG = OWN_LOG.replace(b"JJ", b"KH")
SAMPLE_WORDS = {"zh": "示例联系记录", "en": "sample contact log"}


def _own_book(lang: str, tab: int, **session):
    result = load_portfolio(BOOK, "我的组合.csv")
    return open_page("conduct", lang, data_result=result, data_name="我的组合.csv", data_id="own-book",
                     **{K.TAB: TABS[lang][tab], **session})


def _texts(at) -> str:
    return " ".join([i.value for i in at.info] + [c.value for c in at.caption] + [w.value for w in at.warning])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tab", [1, 2])
def test_the_sample_log_is_not_shown_beside_the_users_book(lang, tab):
    # the reader had picked the sample log while the sample portfolio was loaded
    at = _own_book(lang, tab, **{K.LOG_SOURCE: "sample"})
    assert_clean(at)
    assert not at.metric, [m.label for m in at.metric]  # no contact or performance figures
    assert not at.dataframe and not at.get("vega_lite_chart")
    assert not [r for r in at.radio if r.key == K.LOG_SOURCE]  # no sample to pick
    assert at.file_uploader(key=K.LOG_UPLOAD)  # the user's log is asked for
    prompt = " ".join(i.value for i in at.info)
    assert "我的组合.csv" in prompt
    needed = ["账户", "联系时间", "渠道", "联系对象", "是否接通"] if lang == "zh" else \
        ["account", "time", "channel", "recipient", "answered"]
    assert all(word in prompt for word in needed), prompt
    assert SAMPLE_WORDS[lang] in prompt  # and why the sample's is not used


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_templates_and_rules_need_no_contact_log(lang):
    at = _own_book(lang, 0)
    assert_clean(at)
    assert len(at.metric) >= 3 and at.metric[0].value not in ("", "0")  # templates checked
    at.session_state[K.TAB] = TABS[lang][3]
    at.run()
    assert_clean(at)
    assert at.dataframe  # the rules with their sources


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_users_log_is_checked_and_one_of_other_accounts_is_warned(lang):
    at = _own_book(lang, 1)
    at.file_uploader(key=K.LOG_UPLOAD).set_value(("我的联系记录.csv", OWN_LOG, "text/csv")).run()
    assert_clean(at)
    assert [m.value for m in at.metric][:2] == ["3", "1"]  # three contacts, the 22:30 call
    assert any("我的联系记录.csv" in c.value for c in at.caption)
    assert SAMPLE_WORDS[lang] not in _texts(at)
    assert not [w for w in at.warning if "我的组合.csv" in w.value]  # the accounts are the book's

    at.file_uploader(key=K.LOG_UPLOAD).set_value(("别的记录.csv", OTHER_LOG, "text/csv")).run()
    assert_clean(at)
    assert [m.value for m in at.metric][:2] == ["3", "1"]  # the checks stand
    warned = [w.value for w in at.warning if "我的组合.csv" in w.value]
    assert len(warned) == 1
    assert ("没有一个" in warned[0]) if lang == "zh" else ("None of the log's 3 accounts" in warned[0])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_log_says_it_is_the_samples(lang):
    at = open_page("conduct", lang, **{K.TAB: TABS[lang][1]})
    assert_clean(at)
    assert at.metric  # the sample's contacts, checked
    caption = " ".join(c.value for c in at.caption)
    assert ("示例联系记录（模拟数据" in caption) if lang == "zh" else ("The sample contact log (synthetic" in caption)
    assert not [w for w in at.warning if "示例组合" in w.value or "Sample portfolio" in w.value]  # it matches its book
