"""Rule packs: the shipped packs are valid and complete, JSON and table round trips, bad packs say what is wrong."""
from __future__ import annotations

import json

import re

import pandas as pd
import pytest

from analysis.conduct.rules import (CATEGORIES, TABLE_COLUMNS, PackError, pack_from_json, pack_from_table,
                                    pack_to_json, rule_pack, rules_table)
from analysis.core.i18n import translate


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_shipped_packs_cover_every_category_with_sources(jurisdiction):
    pack = rule_pack(jurisdiction)
    assert pack.jurisdiction == jurisdiction
    assert {r.category for r in pack.rules} == set(CATEGORIES)
    for r in pack.rules:
        assert r.source.strip() and r.suggestion["zh"] and r.suggestion["en"] and r.description["zh"] and r.description["en"]


def test_sources_cite_the_articles_we_rely_on():
    cn = " ".join(r.source for r in rule_pack("cn").rules)
    us = " ".join(r.source for r in rule_pack("us").rules)
    assert "《商业银行信用卡业务监督管理办法》第68条" in cn and "第69条" in cn and "《个人信息保护法》第6条" in cn
    for article in ("§1692c(a)(1)", "§1692c(b)", "§1692d(1)", "§1692d(2)", "§1692e(4)", "§1692f(1)", "§1692g(a)",
                    "§1006.6(b)(1)(i)", "§1006.34(c)"):
        assert article in us, article


def test_scoped_rules():
    cn, us = rule_pack("cn"), rule_pack("us")
    assert cn.rule("cn_third_party_disclosure").recipients == ("third_party",)
    assert us.rule("us_third_party_disclosure").recipients == ("third_party",)
    assert cn.rule("cn_letter_missing").channels == ("letter",)
    assert not cn.rule("cn_letter_missing").applies("sms", "debtor")
    assert cn.rule("cn_letter_missing").applies("letter", "debtor")
    assert not cn.rule("cn_third_party_disclosure").applies("sms", "debtor")
    assert cn.thresholds["quiet_hours"]["start"] == "22:00" and us.thresholds["quiet_hours"]["start"] == "21:00"


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_json_round_trip(jurisdiction):
    pack = rule_pack(jurisdiction)
    text = pack_to_json(pack)
    assert pack_from_json(text) == pack
    assert pack_from_json(text.encode("utf-8")) == pack
    assert pack_to_json(pack_from_json(text)) == text
    assert "中国" in text or jurisdiction == "us"  # Chinese kept readable, not \\u escapes


def test_the_shipped_file_reads_as_it_is_written():
    from importlib import resources

    raw = resources.files("analysis.conduct").joinpath("packs", "cn.json").read_text(encoding="utf-8")
    assert pack_from_json(raw) == rule_pack("cn")


def _broken(change) -> str:
    obj = json.loads(pack_to_json(rule_pack("cn")))
    change(obj)
    return json.dumps(obj, ensure_ascii=False)


@pytest.mark.parametrize("change, key, words", [
    (lambda o: o["rules"][0].update(category="rude"), "conduct.err.pack_category", ["rude", "cn_threat_violence"]),
    (lambda o: o["rules"][0].update(severity="severe"), "conduct.err.pack_severity", ["severe"]),
    (lambda o: o["rules"][0].update(patterns=["(unclosed"]), "conduct.err.pack_regex", ["(unclosed"]),
    (lambda o: o["rules"][1].update(rule=o["rules"][0]["rule"]), "conduct.err.pack_duplicate", ["cn_threat_violence"]),
    (lambda o: o["rules"][0].update(phrases=[], patterns=[]), "conduct.err.pack_empty_rule", ["cn_threat_violence"]),
    (lambda o: o["rules"][0].pop("source"), "conduct.err.pack_field", ["source"]),
    (lambda o: o["rules"][0].update(suggestion={"zh": "只有中文"}), "conduct.err.pack_bilingual", ["suggestion"]),
    (lambda o: o["rules"][0].update(applies_to={"channels": ["fax"]}), "conduct.err.pack_channel", ["fax"]),
    (lambda o: o["rules"][0].update(kind="magic"), "conduct.err.pack_kind", ["magic"]),
    (lambda o: o["thresholds"]["quiet_hours"].update(start="25:00"), "conduct.err.pack_time", ["25:00"]),
    (lambda o: o.update(rules=[]), "conduct.err.pack_shape", []),
])
def test_bad_pack_says_what_is_wrong(change, key, words):
    with pytest.raises(PackError) as info:
        pack_from_json(_broken(change))
    assert info.value.key == key
    for lang in ("zh", "en"):
        text = info.value.message(lang)
        assert text != key
        for word in words:
            assert word in text


def test_not_json_at_all():
    with pytest.raises(PackError) as info:
        pack_from_json('{"rules": [')
    assert info.value.key == "conduct.err.pack_json"
    assert "line 1" in info.value.message("en")
    with pytest.raises(PackError):
        pack_from_json(b"\xff\xfe\x00")


def test_unknown_jurisdiction():
    with pytest.raises(PackError) as info:
        rule_pack("uk")
    assert "uk" in info.value.message("zh") and "cn" in info.value.message("en")


def test_rules_table_round_trip_is_the_same_pack():
    for lang in ("zh", "en"):
        pack = rule_pack("cn")
        table = rules_table(pack, lang)
        assert list(table.columns) == list(TABLE_COLUMNS) and len(table) == len(pack.rules)
        assert pack_from_table(table, pack, lang) == pack


def test_every_shipped_rule_and_word_list_has_a_name_in_both_languages():
    from analysis.conduct.rules import list_name, rule_name
    from analysis.core.i18n import analysis_messages

    for j in ("cn", "us"):
        pack = rule_pack(j)
        for r in pack.rules:
            assert f"conduct.rule.{r.rule}" in analysis_messages(), r.rule
            zh, en = rule_name(r.rule, "zh"), rule_name(r.rule, "en")
            assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[\u4e00-\u9fff]", en), r.rule
        for name in pack.lexicon:
            assert f"conduct.list.{name}" in analysis_messages(), name
            assert re.search(r"[\u4e00-\u9fff]", list_name(name, "zh")), name
    # a rule the user added is named by its own description, never by a bare code when it has one
    edited = pack_from_table(pd.concat([rules_table(rule_pack("cn"), "zh"), pd.DataFrame([{
        "rule": "my_rule", "category": "threat", "severity": "low", "phrases": "你等着瞧", "patterns": "",
        "source": "内部制度第3条", "suggestion": "改写。", "description": "内部规则：不得说“你等着瞧”。"}])],
        ignore_index=True), rule_pack("cn"), "zh")
    assert rule_name("my_rule", "zh", edited) == "内部规则：不得说“你等着瞧”。"


def test_lexicon_table_explains_a_patterns_braces():
    from analysis.conduct.rules import lexicon_table

    pack = rule_pack("cn")
    assert any(p == "{caution}" for r in pack.rules for p in r.patterns)  # the cell the tour found
    table = lexicon_table(pack, "zh")
    row = table[table["ref"] == "{caution}"].iloc[0]
    assert row["name"] == "提醒“当心”的说法" and "当心" in row["words"]
    assert len(table) == len(pack.lexicon)


def test_multiselect_cells_read_as_lists():
    """The editor shows channels and recipients as multiselects (lists); the pack reads them."""
    base = rule_pack("cn")
    table = rules_table(base, "zh")
    for column in ("channels", "recipients"):
        table[column] = [[v for v in cell.split("\n") if v] for cell in table[column]]
    assert pack_from_table(table, base, "zh") == base
    insult = table.index[table["rule"] == "cn_insult"]
    table.loc[insult, "channels"] = pd.Series([["sms", "call"]], index=insult)
    assert pack_from_table(table, base, "zh").rule("cn_insult").channels == ("sms", "call")


def test_table_edits_become_the_pack():
    base = rule_pack("cn")
    table = rules_table(base, "en")
    insult = table["rule"] == "cn_insult"
    table.loc[insult, "phrases"] = table.loc[insult, "phrases"] + "；窝囊废"
    table.loc[insult, "suggestion"] = "Be polite."
    table = pd.concat([table, pd.DataFrame([{"rule": "my_rule", "category": "threat", "severity": "low",
                                             "phrases": "你等着瞧", "patterns": "", "channels": "sms",
                                             "recipients": "", "source": "内部制度第3条",
                                             "suggestion": "Rephrase.", "description": "House rule."}])],
                      ignore_index=True)
    table = table[table["rule"] != "cn_shaming"]
    edited = pack_from_table(table, base, "en")
    assert "窝囊废" in edited.rule("cn_insult").phrases
    assert edited.rule("cn_insult").suggestion == {"zh": base.rule("cn_insult").suggestion["zh"], "en": "Be polite."}
    assert edited.rule("cn_insult").innocent == base.rule("cn_insult").innocent  # kept from the base
    new = edited.rule("my_rule")
    assert (new.category, new.channels, new.suggestion) == ("threat", ("sms",), {"zh": "Rephrase.", "en": "Rephrase."})
    with pytest.raises(KeyError):
        edited.rule("cn_shaming")
    assert edited.thresholds == base.thresholds
    # the input table is untouched by the reading
    assert "窝囊废" in table.loc[table["rule"] == "cn_insult", "phrases"].iloc[0]


def test_table_edit_errors_name_the_rule():
    base = rule_pack("us")
    table = rules_table(base, "en")
    table.loc[0, "patterns"] = "[a-"
    with pytest.raises(PackError) as info:
        pack_from_table(table, base, "en")
    assert info.value.key == "conduct.err.pack_regex" and "us_threat_violence" in info.value.message("en")
    with pytest.raises(PackError) as info:
        pack_from_table(table.drop(columns=["category"]), base, "en")
    assert info.value.key == "conduct.err.table_columns"


def test_disclaimer_says_screening_aid_not_legal_advice():
    assert "不构成法律意见" in translate("conduct.disclaimer", "zh")
    assert "not legal advice" in translate("conduct.disclaimer", "en")
    for category in CATEGORIES:
        assert translate(f"conduct.category.{category}", "zh") != f"conduct.category.{category}"


# --------------------------------------------------------------------------------------------
# word lists and what a sentence must speak of

def _pack_with(lexicon, pattern, requires=()):
    obj = json.loads(pack_to_json(rule_pack("cn")))
    obj["lexicon"] = lexicon
    obj["rules"] = [{"rule": "house_rule", "category": "shaming", "severity": "high", "source": "内部制度第1条",
                     "patterns": [pattern], "requires": list(requires),
                     "suggestion": {"zh": "删", "en": "Remove."}, "description": {"zh": "公开", "en": "Posting."}}]
    return pack_from_json(json.dumps(obj, ensure_ascii=False))


def test_a_word_list_stands_for_any_of_its_words():
    from analysis.conduct.templates import check_text

    pack = _pack_with({"group": ["业主群", "同学群", "群"]}, "发到[^，。]{0,6}{group}")
    # the pattern keeps its {group} as written; what runs has the words, longest first
    assert pack.rule("house_rule").patterns == ("发到[^，。]{0,6}{group}",)
    assert pack.rule("house_rule").regexes() == ("发到[^，。]{0,6}(?:业主群|同学群|群)",)
    assert [f.text for f in check_text("我们会把截图发到你们同学群。", pack)] == ["发到你们同学群"]
    assert check_text("我们会把截图发到邮箱。", pack) == []
    assert pack_from_json(pack_to_json(pack)) == pack


def test_requires_keeps_a_pattern_to_sentences_about_the_debt():
    from analysis.conduct.templates import check_text

    pack = _pack_with({"group": ["业主群"]}, "发到{group}", requires=["欠款|你|您"])
    assert check_text("活动海报会发到业主群。", pack) == []
    assert len(check_text("你的欠款会发到业主群。", pack)) == 1


def test_an_unknown_word_list_says_which():
    with pytest.raises(PackError) as info:
        _pack_with({"group": ["群"]}, "发到{groups}")
    assert info.value.key == "conduct.err.pack_regex"
    assert "{groups}" in info.value.message("en") and "house_rule" in info.value.message("zh")
    # a quantifier is not a word list, an escaped brace is text
    assert _pack_with({}, r"\d{2,4}元|\{name}").rule("house_rule").regexes() == (r"\d{2,4}元|\{name}",)
