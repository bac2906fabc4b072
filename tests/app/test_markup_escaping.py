"""No data value renders as markup: every page (what-if aside) on a portfolio whose every text
column is hostile, in both languages, every tab opened.

Each markdown-bearing piece of a page (markdown, captions, alerts, headings, metric labels and
help, expander and tab labels, widget labels and help, radio and pills options) is rendered by
:func:`tests.hostile_markup.markup_problems`; a link, image or HTML element that came from a value
fails the test. Selectbox and multiselect options are plain text in Streamlit and are not checked.
"""
from __future__ import annotations

import pytest

from analysis.ingest.portfolio import IngestOptions, load_portfolio
from tests.app.apptest import open_page
from tests.hostile_markup import HOSTILE, hostile, hostile_csv, markup_problems

PAGES = ("overview", "aging", "trend", "causes", "provisions", "whatif", "warnings", "arrangements", "report")
FILE_NAME = "[逾期报表](http://evil.example/f).csv"
HEADER = "![列](http://evil.example/h.png)"  # an extra column the user keeps as a segment
# Widgets whose options Streamlit renders as markdown (selectbox and multiselect show plain text).
_MARKDOWN_OPTIONS = {"radio", "button_group"}
# Pages whose text names values of the file with their default settings (the check is not vacuous).
SHOWS_VALUES = {"overview", "aging", "trend", "causes", "warnings", "report"}


@pytest.fixture(scope="module")
def hostile_result():
    return load_portfolio(hostile_csv(extra_header=HEADER), FILE_NAME, options=IngestOptions(extra_segments=[HEADER]))


def markdown_pieces(at) -> list[tuple[str, str]]:
    """``(element type, markdown text)`` for everything on the page Streamlit renders as markdown."""
    pieces = []
    for node in at._tree:
        kind = getattr(node, "type", "?")
        label = getattr(node, "label", None)
        if isinstance(label, str):
            pieces.append((kind, label))
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        for field, value in proto.ListFields():
            if field.name in ("body", "help", "label", "caption") and isinstance(value, str):
                pieces.append((f"{kind}.{field.name}", value))
            elif field.name == "options" and kind in _MARKDOWN_OPTIONS:
                pieces += [(f"{kind}.option", getattr(o, "content", o)) for o in value]
    return [(k, v) for k, v in pieces if isinstance(v, str) and v]


def _tab_switches(at) -> list[tuple[str, str]]:
    """``(session key, label)`` of every tab of the page's keyed tab bars."""
    switches = []
    for node in at._tree:
        if getattr(node, "type", None) == "tab_container" and node.key:
            labels = [c.label for c in node.children.values() if getattr(c, "type", None) == "tab"]
            switches += [(node.key, label) for label in labels]
    return switches


def _problems_on(at, where: str) -> tuple[list[str], int]:
    assert not at.exception, [e.value for e in at.exception]
    pieces = markdown_pieces(at)
    problems = [f"{where} {kind}: {p} in {text[:120]!r}" for kind, text in pieces for p in markup_problems(text)]
    return problems, sum("evil" in text for _, text in pieces)


def _pick_hostile_segment(at, where: str) -> tuple[list[str], int]:
    """Choose the hostile column wherever a select box offers it (headings name the segment)."""
    problems, seen = [], 0
    for box in list(at.selectbox):
        if box.key and HEADER in box.options and box.value != HEADER:
            at.selectbox(key=box.key).set_value(HEADER)
            at.run()
            more, more_seen = _problems_on(at, f"{where}/{box.key}={HEADER}")
            problems, seen = problems + more, seen + more_seen
    return problems, seen


def visit_every_tab(at, where: str) -> tuple[list[str], int]:
    problems, seen = _problems_on(at, where)
    for key, label in [(None, None), *_tab_switches(at)]:
        if key is not None:
            at.session_state[key] = label
            at.run()
            more, more_seen = _problems_on(at, f"{where}/{label}")
            problems, seen = problems + more, seen + more_seen
        more, more_seen = _pick_hostile_segment(at, f"{where}/{label}")
        problems, seen = problems + more, seen + more_seen
    return problems, seen


#: Every page in Chinese; English on the pages whose English texts put values elsewhere in a sentence
#: (the escaping is the same code in both languages: the suite's time goes to the pages).
CASES = [(page, "zh") for page in PAGES] + [(page, "en") for page in ("overview", "aging", "warnings", "whatif")]


@pytest.mark.slow
@pytest.mark.parametrize("page, lang", CASES)
def test_no_markup_from_data_on_the_page(page, lang, hostile_result):
    # The first run draws the sidebar too (AppTest shows it on the first run only).
    at = open_page(None, lang, timeout=180, data_result=hostile_result, data_name=FILE_NAME,
                   data_id=f"hostile-{page}-{lang}")
    problems, seen = _problems_on(at, "first run")
    at.switch_page(f"pages/{page}.py")
    at.run()
    if page == "warnings":  # its sections are six tabs, each drawn only while open: all are visited
        assert len(_tab_switches(at)) == 6
    more, more_seen = visit_every_tab(at, page)
    problems, seen = problems + more, more_seen  # the sidebar alone would not prove the page
    assert not problems, "\n".join(problems)
    if page in SHOWS_VALUES:
        assert seen, "no hostile value reached this page's text: the test would prove nothing"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_markup_from_data_on_the_upload_page(lang):
    at = open_page("upload", lang, timeout=180)
    at.file_uploader[0].set_value((FILE_NAME, hostile_csv(), "text/csv"))
    at.run()
    problems, seen = _problems_on(at, "upload (mapping)")  # the mapping boxes keep their suggestion
    at.button(key="upload_validate").click()
    at.run()
    assert at.session_state["data_name"] == FILE_NAME  # loaded: the report below is on screen
    more, more_seen = _problems_on(at, "upload (loaded)")
    assert not problems + more, "\n".join(problems + more)
    assert seen + more_seen, "the file name and headers should reach the upload page's text"


def test_the_checker_sees_every_hostile_kind():
    """Unescaped, every hostile value is flagged (the page tests can fail)."""
    flagged = [markup_problems(hostile(i)) for i in range(len(HOSTILE))]
    assert all(flagged), [hostile(i) for i, f in enumerate(flagged) if not f]
