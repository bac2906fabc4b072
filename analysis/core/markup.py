"""Data values shown as text, never as markup: one escaper for Streamlit markdown, one for HTML.

A region, a reason, an account id or a column header comes from the user's file. Formatted
into a markdown body as it is, ``[点击核实](http://evil.example/x)`` becomes a live link inside
the bank's own tool and ``![x](http://evil.example/p.png)`` an image the browser fetches from an
outside host (a beacon saying who opened which report). Every data value that reaches Streamlit
markdown (``st.markdown``, captions, alert bodies, headings, metric labels and values,
expander, tab, radio and checkbox labels, widget labels, ``help=`` tooltips) goes through :func:`escape_markdown`; every value that
reaches HTML goes through :func:`escape_html`. Message templates themselves stay unescaped:
escape the *parameters* (:func:`escape_params`), not the sentence.

Streamlit renders markdown with react-markdown, remark-gfm, remark-math, remark-directive and
plugins of its own that work on parsed text nodes (``:material/icon:``, ``:streamlit:``,
emoji shortcodes) or on the GFM tree (bare-URL autolinks ``http://…``, ``www.…``, e-mail
addresses). A backslash escape stops everything the parser sees (links, images, emphasis,
code, raw HTML, ``$`` maths, ``:red[…]`` directives, tables) but is gone by the time the
text-node plugins run, so those patterns are broken with an invisible WORD JOINER (U+2060)
after a ``:`` that a character follows, after ``@`` and between ``www`` and ``.``: the text
looks the same and copies with an invisible character in it.

Verified in a real browser (Streamlit 1.67, Debian chromium through Playwright;
``tests/browser/test_markup_in_browser.py`` on ``tests/browser/markup_page.py``): each of
``[点击核实](http://evil.example/x)``, ``![x](http://evil.example/img.png)``,
``<img src=x onerror=alert(1)>``, ``<script>…</script>``, ``http://evil.example/a``,
``www.evil.example/w``, ``a@evil.example``, ``**粗体**``, ``:red[红]``, ``:material/warning:``,
``:smile:``, ``:streamlit:``, ``$x$``, a backtick code span, ``~~删除~~``, ``# 标题``, ``- 列表``,
``1. 列表``, ``> 引用``, ``| a | b |`` and ``&lt;``, escaped here, shows in ``st.markdown``,
``st.caption``, ``st.info``, ``st.subheader``, a metric's label and value, an expander label, a
radio option, a checkbox label and a ``help=`` tooltip as exactly its own text (innerText equals
the value once the word joiners are removed) with no ``<a>`` (a heading's own ``#`` anchor
aside), ``<img>``, ``<strong>``, ``<code>``, ``<del>``, ``<li>``, ``<table>``, ``<blockquote>``,
KaTeX, coloured span or icon inside; unescaped, the same values became links, images, emphasis,
icons, lists and maths. Selectbox and multiselect options are plain text in Streamlit (the raw
value showed as is): do not escape them.
"""
from __future__ import annotations

import html
import re
from collections.abc import Mapping

#: Invisible, no line break either side: breaks patterns matched on already-parsed text.
WORD_JOINER = "\u2060"

# Backslash-escaped wherever they appear: every one starts or ends a construct CommonMark,
# GFM or Streamlit parses inline (emphasis, code, strikethrough, link and image brackets,
# raw HTML and autolinks, tables, maths, directives, entity references).
_INLINE = re.compile(r"([\\`*_~\[\]<>#|$&])")
# A colon starts a directive (:red[…]), an icon or emoji (:material/x:, :smile:) or a scheme
# (http://) only when a character follows it: "口径: 2024-06" keeps its colon as it is.
_COLON = re.compile(r":(?=\S)")
# Only at the start of a value (a value can start a line of the template): list items,
# setext underlines and ordered lists ("1." / "1)").
_LEADING = re.compile(r"^([ \t]*)([-+=])")
_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])(?=[ \t]|$)")
_NEWLINES = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_WWW = re.compile(r"(www)(\.)", re.IGNORECASE)


def escape_markdown(value: object) -> str:
    """``value`` as text that Streamlit's markdown shows literally.

    Parameters
    ----------
    value : object
        A data value; ``None`` gives ``""``, anything else its ``str``.

    Returns
    -------
    str
        The text with markdown, GFM and Streamlit syntax escaped and line breaks turned into
        spaces (a line break inside a value could start a heading or a list).

    Examples
    --------
    >>> escape_markdown("[点击核实](http://evil.example/x)")
    '\\\\[点击核实\\\\](http\\\\:\\u2060//evil.example/x)'
    >>> escape_markdown("华东")
    '华东'
    >>> escape_markdown(None)
    ''
    """
    if value is None:
        return ""
    text = _NEWLINES.sub(" ", str(value))
    text = _INLINE.sub(r"\\\1", text)
    text = _LEADING.sub(r"\1\\\2", text)
    text = _ORDERED.sub(r"\1\\\2", text)
    text = _COLON.sub("\\:" + WORD_JOINER, text).replace("@", "@" + WORD_JOINER)
    return _WWW.sub(r"\1" + WORD_JOINER + r"\2", text)


def escape_params(params: Mapping[str, object]) -> dict[str, object]:
    """Message parameters with every string escaped for markdown; numbers kept for ``{n:,}``.

    Examples
    --------
    >>> escape_params({"region": "**华东**", "n": 1200})
    {'region': '\\\\*\\\\*华东\\\\*\\\\*', 'n': 1200}

    The items of a list are escaped one by one (a list is written in the message's language):

    >>> escape_params({"cols": ["**a**", "b"]})
    {'cols': ('\\\\*\\\\*a\\\\*\\\\*', 'b')}
    """
    return {key: escape_markdown(v) if isinstance(v, str)
            else tuple(escape_markdown(str(i)) for i in v) if isinstance(v, (list, tuple)) else v
            for key, v in params.items()}


def escape_html(value: object) -> str:
    """``value`` as HTML text, quotes included (safe in element text and quoted attributes).

    Examples
    --------
    >>> escape_html('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return "" if value is None else html.escape(str(value), quote=True)
