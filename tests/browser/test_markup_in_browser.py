"""Escaped data values render as their own text in Streamlit's real markdown renderer.

Python markdown parsers are not Streamlit's (react-markdown, remark-gfm, remark-math,
remark-directive and Streamlit's own text plugins), so the escaping of
:func:`analysis.core.markup.escape_markdown` is checked once in chromium on a small page
(tests/browser/markup_page.py): every element that renders markdown (markdown, caption, alert,
heading, metric label and value, expander label, radio option, checkbox label, ``help=``
tooltip) shows the value literally, with no link, image, emphasis, icon, heading, list, table or
maths element; selectbox and multiselect options, which are plain text, show the raw value; and
the unescaped value does become markup (the hazard is real).
"""
from __future__ import annotations

from pathlib import Path

from analysis.core.markup import WORD_JOINER
from tests.browser.conftest import app_server, assert_no_error, wait_for_app
from tests.browser.markup_page import VALUES

PAGE = Path(__file__).with_name("markup_page.py")
MARKUP = ("a:not([href^='#']), img, strong, em, del, code, h1 h1, h2 h2, h3 h3, h4, li, blockquote, table, .katex, "
          "span[role=img], .stMarkdownColoredText, .stMarkdownColoredBackground")
# Elements whose text is the markdown itself, each checked on its own.
PARTS = {
    "markdown": '[data-testid="stMarkdown"] [data-testid="stMarkdownContainer"]',
    "caption": '[data-testid="stCaptionContainer"]',
    "info": '[data-testid="stAlertContentInfo"] [data-testid="stMarkdownContainer"]',
    "subheader": '[data-testid="stHeading"] h3',
    "metric label": '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]',
    "metric value": '[data-testid="stMetricValue"]',
    "expander label": '[data-testid="stExpander"] summary [data-testid="stMarkdownContainer"]',
    "radio option": '[data-testid="stRadio"] [role="radiogroup"] [data-testid="stMarkdownContainer"]',
    "checkbox label": '[data-testid="stCheckbox"] [data-testid="stMarkdownContainer"]',
}


def _inspect(pg, container: str, selector: str) -> list[dict]:
    return pg.eval_on_selector_all(
        f".st-key-{container} {selector}",
        """(els, markup) => els.map(e => ({
               text: e.innerText.trim(),
               markup: [...e.querySelectorAll(markup)].map(m => m.outerHTML.slice(0, 120))}))""",
        MARKUP)


def test_escaped_values_show_as_text_in_every_markdown_element(browser):
    with app_server(script=PAGE, quiet=True) as (url, _):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        pg.goto(url)
        wait_for_app(pg)
        assert_no_error(pg)
        problems, raw_markup = [], 0
        for k, value in enumerate(VALUES):
            for part, selector in PARTS.items():
                found = _inspect(pg, f"escaped_{k}", selector)
                if not found:
                    problems.append((value, part, "not drawn"))
                for el in found:
                    if el["markup"]:
                        problems.append((value, part, el["markup"]))
                    if el["text"].replace(WORD_JOINER, "") != value:
                        problems.append((value, part, el["text"]))
            for part in ("select", "multi"):  # the raw value, shown as plain text
                found = pg.eval_on_selector_all(
                    f".st-key-{part}_{k}",
                    """(els, markup) => els.map(e => ({
                           text: e.innerText + [...e.querySelectorAll('input')].map(i => i.value).join(' '),
                           markup: e.querySelectorAll(markup).length}))""",
                    MARKUP)
                if not found or value not in found[0]["text"] or found[0]["markup"]:
                    problems.append((value, part, found))
            pg.locator(f".st-key-help_{k} [data-testid='stTooltipHoverTarget']").first.hover()
            tip = pg.locator("[data-testid='stTooltipContent']").last
            tip.wait_for()
            found = tip.evaluate(
                "(e, markup) => ({text: e.innerText.trim(), markup: e.querySelectorAll(markup).length})", MARKUP)
            if found["markup"] or found["text"].replace(WORD_JOINER, "") != value:
                problems.append((value, "help tooltip", found))
            pg.mouse.move(0, 0)
            raw = _inspect(pg, f"raw_{k}", PARTS["markdown"])
            raw_markup += bool(raw and raw[0]["markup"])
        context.close()
    assert not problems, "\n".join(map(repr, problems))
    # Unescaped, links, images, emphasis, icons, headings, lists, maths and tables do appear.
    assert raw_markup >= 10
