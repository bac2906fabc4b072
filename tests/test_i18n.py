"""Both languages are complete and consistent in every catalogue."""
from __future__ import annotations

import string

import pytest

from analysis.core.i18n import LANGS, analysis_messages, collect_messages, translate


def _all():
    from ui import locales

    ui_msgs = collect_messages(locales)
    clash = set(ui_msgs) & set(analysis_messages())
    assert not clash, f"keys in both analysis and ui catalogues: {sorted(clash)}"
    return {**analysis_messages(), **ui_msgs}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages():
    missing = [k for k, v in _all().items() if any(not v.get(lang) for lang in LANGS)]
    assert not missing, f"keys without zh and en text: {missing}"


def test_placeholders_match_between_languages():
    bad = [k for k, v in _all().items() if _fields(v["zh"]) != _fields(v["en"])]
    assert not bad, f"placeholders differ between zh and en: {bad}"


def test_keys_carry_their_area_prefix():
    assert all("." in k for k in _all())


def test_translate_falls_back_to_the_key():
    assert translate("no.such.key", "zh", {}) == "no.such.key"


@pytest.mark.parametrize("lang", LANGS)
def test_chinese_text_is_chinese(lang):
    # A cheap guard against pasting English into the zh column: most zh entries contain CJK.
    msgs = _all()
    if lang == "zh":
        cjk = [k for k, v in msgs.items() if any("\u4e00" <= ch <= "\u9fff" for ch in v["zh"])]
        assert len(cjk) >= 0.8 * len(msgs)


def test_english_counts_agree_with_their_nouns():
    """"1 problem(s) to fix" read as a form, not a sentence: a count placeholder followed by
    word(s) is written singular or plural for its count; other "(s)" stay as they are."""
    from analysis.core.i18n import translate

    messages = {"x": {"en": "**{n} problem(s) to fix** ({k:,} reason(s)); column(s) {cols}", "zh": "{n} 个问题"}}
    assert translate("x", "en", messages, n=1, k=2, cols="a") == "**1 problem to fix** (2 reasons); column(s) a"
    assert translate("x", "en", messages, n=3, k=1, cols="a") == "**3 problems to fix** (1 reason); column(s) a"
    assert translate("x", "zh", messages, n=1, k=2, cols="a") == "1 个问题"


def test_a_list_is_written_with_the_languages_own_separator():
    # the English conduct page read "Public shaming、Insult or obscenity": lists were joined with
    # the Chinese enumeration comma before the language was known
    cat = {"x.m": {"zh": "缺少{cols}", "en": "missing {cols}"}}
    assert translate("x.m", "zh", cat, cols=["客户经理", "产品类型"]) == "缺少客户经理、产品类型"
    assert translate("x.m", "en", cat, cols=("Public shaming", "Insult")) == "missing Public shaming, Insult"


def test_a_listed_data_value_is_escaped_like_a_single_one():
    from analysis.core.markup import escape_params

    cat = {"x.m": {"en": "missing {cols}"}}
    text = translate("x.m", "en", cat, **escape_params({"cols": ["![x](http://a/b.png)", "ok"]}))
    assert "![x](" not in text and text.endswith(", ok")


def test_a_list_parameter_from_a_hostile_file_is_cut_as_a_text_one_is():
    # lists are passed as lists since the separator follows the language; a header of a quarter
    # of a million characters among them made a "no DPD column" message of 262k characters
    from analysis.ingest.errors import IngestError

    err = IngestError("ingest.error.no_dpd", columns=("账户", "x" * 262_000, "余额"))
    assert len(err.message("zh")) < 5000 and len(err.message("en")) < 5000 and "…" in err.message("en")


def test_the_english_unit_notes_name_units_as_the_english_page_does():
    # "Amounts read as 万元 (ten-thousands) … to 元" beside CNY 10k / CNY everywhere else on the page
    import re

    from analysis.locales.ingest import MESSAGES

    for unit in ("thousand", "wan", "yi"):
        text = MESSAGES[f"ingest.note.amount_unit_{unit}"]["en"]
        assert not re.search(r"[\u4e00-\u9fff]", text) and "CNY" in text, text
