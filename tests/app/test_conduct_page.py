"""The collections-conduct page (催收合规与绩效) driven like a reader: templates, the contact log,
performance and the rules; the screen's figures equal the CLI's for the same files."""
from __future__ import annotations

import json
import re

import pytest

from analysis.__main__ import main
from tests.app.apptest import assert_clean, open_page
from tests.conftest import REPO
from ui.conduct import keys as K
from ui.conduct.state import SAMPLE_LOG, SAMPLE_TEMPLATES

TABS = {"zh": ["话术检查", "联系记录检查", "催收绩效", "规则与来源"],
        "en": ["Message templates", "Contact log", "Performance", "Rules and sources"]}


def _cli(capsys, *argv) -> dict:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _metrics(at) -> list[str]:
    return [m.value for m in at.metric]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_check_shows_the_clis_figures(lang, capsys):
    at = open_page("conduct", lang)
    assert_clean(at)
    assert at.title[0].value == ("催收合规与绩效" if lang == "zh" else "Collections conduct")
    assert any("不构成法律意见" in i.value or "not legal advice" in i.value for i in at.info)  # the disclaimer, visible
    cli = _cli(capsys, "conduct", str(SAMPLE_TEMPLATES["cn"]), "--jurisdiction", "cn", "--lang", lang)
    findings = sum(len(tpl["findings"]) for tpl in cli["templates"])
    assert _metrics(at)[:3] == [f"{cli['checked']:,}", f"{cli['failing']:,}", f"{findings:,}"]
    assert len(at.get("vega_lite_chart")) == 1
    # every failing template is listed with its marked text, masked by default
    marked = [h.proto.body for h in at.get("html") if "line-height" in h.proto.body]
    assert len(marked) == cli["failing"]


def test_the_us_rules_check_the_english_sample(capsys):
    at = open_page("conduct", "en", **{K.JURISDICTION: "us"})
    assert_clean(at)
    cli = _cli(capsys, "conduct", str(SAMPLE_TEMPLATES["us"]), "--jurisdiction", "us", "--lang", "en")
    assert _metrics(at)[1] == f"{cli['failing']:,}"


def test_a_typed_message_is_checked_at_once_and_masked_on_screen():
    at = open_page("conduct", "zh", **{K.TPL_SOURCE: "typed"})
    at.session_state[K.TPL_TYPED] = "尊敬的张三丰先生，你再不还钱我们就把欠款信息发到你单位群里，电话13812345678"
    at.run()
    assert_clean(at)
    assert any("个问题" in w.value for w in at.warning)
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "<mark" in body
    assert "13812345678" not in body and "138****5678" in body
    assert "张三丰" not in body


def test_a_bad_template_file_is_a_message(tmp_path):
    at = open_page("conduct", "en", **{K.TPL_SOURCE: "file"})
    assert_clean(at)
    assert any("Upload a template file" in i.value for i in at.info)


def test_the_contact_log_tab_counts_the_clis_breaches(capsys):
    at = open_page("conduct", "zh", **{K.TAB: TABS["zh"][1]})
    assert_clean(at)
    cli = _cli(capsys, "contacts", str(SAMPLE_LOG), "--jurisdiction", "cn", "--lang", "zh")
    assert _metrics(at)[:2] == [f"{cli['contacts']:,}", f"{len(cli['breaches']):,}"]
    assert len(at.get("vega_lite_chart")) == 2  # breaches by rule, contact hours
    # a tighter limit finds more
    at.number_input(key=K.LIM_ANSWERED + "cn").set_value(1).run()
    assert_clean(at)
    assert int(_metrics(at)[1].replace(",", "")) > len(cli["breaches"])


def test_the_performance_tab_uses_the_sample_book_and_compares_strategies():
    at = open_page("conduct", "en", **{K.TAB: TABS["en"][2]})
    assert_clean(at)
    assert any("Cure and roll-forward rates come from the portfolio" in c.value for c in at.caption)
    assert at.dataframe, "the performance table"
    verdict = [m.value for m in at.markdown if m.value.startswith("**Verdict**")]
    assert len(verdict) == 1
    assert any("random" in w.value or "bucket" in w.value for w in at.warning)  # the A/B caveats


def test_the_rules_tab_edits_the_pack_every_check_uses():
    at = open_page("conduct", "zh", **{K.TAB: TABS["zh"][3]})
    assert_clean(at)
    assert at.dataframe  # the contact limits with their sources
    text = " ".join(m.value for m in at.markdown)
    assert "规则包" in text


def test_the_warnings_work_lists_show_the_template_each_next_action_sends():
    from ui.i18n import all_messages
    from ui.warnings.keys import K_TAB as WARNINGS_TAB

    at = open_page("warnings", "zh", **{WARNINGS_TAB: all_messages()["warnings.tab.list"]["zh"]})  # the work lists' tab
    assert_clean(at)
    tables = [d.value for d in at.dataframe if "话术" in list(d.value.columns) and "下一步动作" in list(d.value.columns)]
    assert len(tables) == 1
    table = tables[0]
    import re
    counts = [re.match(r"^([\d,]+) 户，余额", c.value) for c in at.caption]
    warned = [int(m.group(1).replace(",", "")) for m in counts if m]
    assert warned and table["户数"].sum() == warned[0]  # every account of the list, once
    # the sample's letters and calls have templates; each row says whether its template passes
    assert set(table["检查结果"]) <= {"✓ 通过", "✗ 有问题，发送前请修改", "无对应话术"}
    assert (table["话术"] != "—").any()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_markup_from_the_users_templates_or_contact_log(lang):
    """Template ids, texts, file names, collectors and strategies are the user's: never markup."""
    import pandas as pd

    from analysis.conduct.contacts import read_contact_log
    from tests.app.test_markup_escaping import visit_every_tab
    from tests.hostile_markup import HOSTILE, hostile

    n = len(HOSTILE)
    templates = pd.DataFrame({"template_id": [hostile(i) for i in range(n)], "stage": [hostile(i + 1) for i in range(n)],
                              "action": "call", "channel": "sms", "recipient": "debtor",
                              "text": [f"{hostile(i)} 不还钱就拘留你 13812345678 call {hostile(i + 2)}" for i in range(n)]})
    rows = ["account_id,timestamp,channel,recipient,answered,collector,strategy"]
    for i in range(n * 4):
        quote = lambda v: '"' + v.replace('"', '""') + '"'  # noqa: E731
        rows.append(",".join([f"KH{i % 7:08d}", f"2024-07-0{1 + i % 5} 2{i % 4}:30", "电话", "本人", "否",
                              quote(hostile(i % n)), quote(hostile((i + 3) % n))]))
    log = read_contact_log("\n".join(rows).encode(), "log.csv")
    at = open_page("conduct", lang, timeout=180, **{
        K.TPL_SOURCE: "file", K.TPL_FILE: ("[话术](http://evil.example/t).csv", templates),
        K.LOG_SOURCE: "file", K.LOG_FILE: ("[记录](http://evil.example/l).csv", log)})
    problems, seen = visit_every_tab(at, "conduct")
    # st.html bodies are HTML, never read as markdown: they are checked as HTML below instead
    problems = [p for p in problems if " html.body" not in p]
    assert not problems, "\n".join(problems)
    assert seen, "no hostile value reached the page's text: the test would prove nothing"
    at.session_state[K.TAB] = TABS[lang][0]
    at.run()
    bodies = [h.proto.body for h in at.get("html") if "line-height" in h.proto.body]
    assert len(bodies) == n
    for body in bodies:
        assert _elements(body) <= {("div", ("style",)), ("mark", ("style", "title"))}, body
        assert "evil.example/x" not in "".join(v for _, attrs in _attributes(body) for _, v in attrs)


def _attributes(body: str) -> list[tuple[str, list]]:
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(body)
    return found


def _elements(body: str) -> set:
    return {(tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in _attributes(body)}


def test_uploaded_templates_and_logs_are_read_once_and_bad_ones_named(capsys):
    at = open_page("conduct", "en", **{K.TPL_SOURCE: "file", K.JURISDICTION: "us"})
    good = "template_id,channel,text\nT1,sms,Your payment is 3 days late. Please pay or call us to discuss options.\n" \
           "T2,sms,Pay now or we will have you arrested.\n"
    at.file_uploader(key=K.TPL_UPLOAD).set_value(("mine.csv", good.encode(), "text/csv")).run()
    assert_clean(at)
    assert _metrics(at)[:2] == ["2", "1"]
    assert any("mine.csv" in c.value for c in at.caption)
    at.file_uploader(key=K.TPL_UPLOAD).set_value(("empty.csv", b"template_id,channel\nT1,sms\n", "text/csv")).run()
    assert not at.exception
    assert at.error and "empty.csv" in at.error[0].value  # what is wrong, named; the last good file stays
    assert _metrics(at)[:2] == ["2", "1"]
    at = open_page("conduct", "zh", **{K.TAB: TABS["zh"][1], K.LOG_SOURCE: "file"})
    log = "借据号,联系时间,渠道,联系对象,是否接通,催收员\nA1,2024-03-01 22:30,电话,本人,否,张三\nA1,2024-03-01 10:00,电话,本人,是,张三\n"
    at.file_uploader(key=K.LOG_UPLOAD).set_value(("log.csv", log.encode(), "text/csv")).run()
    assert_clean(at)
    assert _metrics(at)[:2] == ["2", "1"]  # two contacts, the 22:30 call outside the window


_RULE_ID = re.compile(r"\b(?:cn|us)_[a-z_]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _cells(value) -> list:
    """A cell's values: a multiselect cell holds several."""
    return list(value) if not isinstance(value, str) and hasattr(value, "__iter__") else [value]


def _codes_in(frame, skip: set) -> list[str]:
    """Cells outside ``skip`` that show a rule ID or a category, severity, channel or recipient code."""
    from analysis.conduct.rules import CATEGORIES, CHANNELS, RECIPIENTS, SEVERITIES

    codes = set(CATEGORIES) | set(SEVERITIES) | set(CHANNELS) | set(RECIPIENTS)
    return [f"{column}: {cell}" for column in frame.columns if column not in skip for value in frame[column]
            for cell in _cells(value) if isinstance(cell, str) and (_RULE_ID.search(cell) or cell.strip() in codes)]


def test_the_chinese_rule_tables_name_rules_categories_and_severities_in_chinese():
    """The tour found ``cn_threat_violence``, ``threat`` and ``high`` in the zh tables of the template
    check and the rules: each is shown by its name; the rule ID stays in its own column."""
    at = open_page("conduct", "zh")
    assert_clean(at)
    findings = [d.value for d in at.dataframe if "问题类别" in d.value.columns]
    assert len(findings) == 1
    frame = findings[0]
    assert list(frame.columns)[-1] == "规则编号" and frame["规则编号"].str.match(_RULE_ID).all()
    assert not _codes_in(frame, {"规则编号"}), _codes_in(frame, {"规则编号"})
    assert frame["规则"].str.contains(_CJK).all() and frame["严重程度"].isin(["高", "中", "低"]).all()
    assert any("规则编号" in m.value and "严重程度" in m.value for m in at.markdown)  # each finding: name, then ID

    at = open_page("conduct", "zh", **{K.TAB: TABS["zh"][3]})
    assert_clean(at)
    editor = next(d for d in at.dataframe if "rule" in d.value.columns)
    config, frame = json.loads(editor.proto.columns), editor.value
    assert (config["name"]["label"], config["rule"]["label"]) == ("规则", "规则编号")
    assert frame["name"].str.contains(_CJK).all() and not frame["name"].str.contains(_RULE_ID).any()
    coded = {c for c, cfg in config.items() if cfg.get("type_config", {}).get("type") in ("selectbox", "multiselect")}
    assert coded == {"category", "severity", "channels", "recipients"}
    for column in coded:  # the cells keep the pack's codes; the editor shows each by its Chinese label
        labels = {o["value"]: o["label"] for o in config[column]["type_config"]["options"] if isinstance(o, dict)}
        shown = {cell for value in frame[column] for cell in _cells(value)}
        assert shown and all(_CJK.search(labels.get(cell, "")) for cell in shown), (column, labels)
    assert not _codes_in(frame, {"rule"} | coded), _codes_in(frame, {"rule"} | coded)
    # a pattern such as {caution} names a word list: the lists are shown with their names and words
    assert any(p == "{caution}" for p in frame["patterns"])
    lists = next(d.value for d in at.dataframe if "正则中的写法" in d.value.columns)
    caution = lists[lists["正则中的写法"] == "{caution}"].iloc[0]
    assert _CJK.search(caution["词表"]) and "当心" in caution["词语"]
    assert any("{caution}" in c.value for c in at.caption)
