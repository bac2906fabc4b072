"""analysis.core.markup: data values as text in Streamlit markdown and in HTML."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from analysis.core.i18n import MessageError, translate
from analysis.core.markup import WORD_JOINER as WJ, escape_html, escape_markdown, escape_params
from tests.hostile_markup import HOSTILE, hostile, markup_problems


@pytest.mark.parametrize("value, expected", [
    ("华东", "华东"),
    ("KH00000001", "KH00000001"),
    ("[点击核实](http://evil.example/x)", "\\[点击核实\\](http\\:" + WJ + "//evil.example/x)"),
    ("![x](y)", "!\\[x\\](y)"),
    ("<img src=x>", "\\<img src=x\\>"),
    ("**粗体**", "\\*\\*粗体\\*\\*"),
    ("a_b", "a\\_b"),
    ("`code`", "\\`code\\`"),
    ("~~del~~", "\\~\\~del\\~\\~"),
    (":red[x]", "\\:" + WJ + "red\\[x\\]"),
    ("$x$", "\\$x\\$"),
    ("# h", "\\# h"),
    ("a | b", "a \\| b"),
    ("&lt;", "\\&lt;"),
    ("back\\slash", "back\\\\slash"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("1. item", "1\\. item"),
    ("12) item", "12\\) item"),
    ("12.5%", "12.5%"),  # not a list marker: no space after the dot
    ("1.", "1\\."),
    ("2024-06", "2024-06"),  # a dash inside a value is not a list
    ("month: 2024-06", "month: 2024-06"),  # a colon before a space starts nothing
    ("12:30", "12\\:" + WJ + "30"),
    ("www.evil.example", "www" + WJ + ".evil.example"),
    ("WWW.evil.example", "WWW" + WJ + ".evil.example"),
    ("a@evil.example", "a@" + WJ + "evil.example"),
    ("line1\nline2", "line1 line2"),
    ("a \r\n# b", "a \\# b"),
    (None, ""),
    (3.5, "3.5"),
])
def test_escape_markdown_exact(value, expected):
    assert escape_markdown(value) == expected


@pytest.mark.parametrize("i", range(len(HOSTILE)))
def test_every_hostile_kind_is_markup_before_and_text_after(i):
    value = hostile(i)
    assert markup_problems(value)  # the checker sees the hazard
    for template in ("{v}", "地区 {v} 上升", "- {v}", "**{v}**", "| {v} |"):
        assert markup_problems(template.format(v=escape_markdown(value))) == [], template


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))  # NUL becomes U+FFFD
def test_escaped_text_never_opens_a_link_image_or_html(text):
    body = escape_markdown(text)
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "strikethrough", "linkify"])
    md.linkify.set({"fuzzy_link": False})
    kinds = set()
    for token in md.parse("x " + body):
        kinds.add(token.type)
        kinds.update(child.type for child in token.children or ())
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "strong_open", "em_open", "s_open",
                        "code_inline", "heading_open", "bullet_list_open", "ordered_list_open", "table_open",
                        "fence", "code_block", "blockquote_open"}
    # The text comes back whole: the renderer's text is the value, word joiners and line breaks aside.
    rendered = "".join(child.content for token in md.parse("x " + body) for child in token.children or ()
                       if child.type == "text")
    flat = " ".join(" ".join(text.splitlines()).split())
    assert " ".join(rendered.replace(WJ, "").split()) == ("x " + flat).strip() or not flat.strip()


def test_escape_params_escapes_strings_and_keeps_numbers():
    params = escape_params({"region": "**华东**", "n": 1200, "rate": 0.5, "none": None})
    assert params == {"region": "\\*\\*华东\\*\\*", "n": 1200, "rate": 0.5, "none": None}
    catalogue = {"k": {"zh": "{region}：{n:,}户", "en": "{region}: {n:,} accounts"}}
    assert translate("k", "en", catalogue, **params) == "\\*\\*华东\\*\\*: 1,200 accounts"


def test_message_error_markdown_escapes_parameters_not_the_template():
    column = "[x](http://evil.example/)"
    exc = MessageError("ingest.error.need_reference_month", column=column)
    assert column in exc.message("en")  # plain text for the CLI and the logs
    text = exc.markdown("en")
    assert text == exc.message("en").replace(column, escape_markdown(column))
    assert markup_problems(text) == [] and markup_problems(exc.message("en"))
    wrapped = MessageError("ingest.error.need_reference_month", column=exc)  # a reason underneath
    assert wrapped.markdown("zh") == MessageError("ingest.error.need_reference_month",
                                                  column="").message("zh").replace("“”", f"“{exc.markdown('zh')}”")


def test_escape_html():
    assert escape_html("<script>alert('x')</script>") == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    assert escape_html('a "b" & c') == "a &quot;b&quot; &amp; c"
    assert escape_html(None) == ""
    assert escape_html(12) == "12"
