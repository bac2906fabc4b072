"""The HTML meeting report on a portfolio whose every text column is hostile: no link, image or
script comes from a value, in the page or in its inline SVG charts; the values are there as text."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.ingest.portfolio import IngestOptions, load_portfolio
from analysis.report.meeting import build_report
from analysis.report.model import SECTIONS
from tests.hostile_markup import HOST, hostile_csv

HEADER = "<img src=http://evil.example/h.png>"
FILE_NAME = "<script>alert('evil')</script>.csv"
_URL_ATTRIBUTES = {"href", "xlink:href", "src", "srcset", "action", "formaction", "data", "style", "background"}


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def portfolio():
    result = load_portfolio(hostile_csv(extra_header=HEADER), FILE_NAME,
                            options=IngestOptions(extra_segments=[HEADER]))
    return result.portfolio


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh"])  # the same escaping in English; the HTML report takes ~20 s a language
def test_html_report_shows_hostile_values_as_text(portfolio, lang):
    page = build_report(portfolio, sections=list(SECTIONS), lang=lang, buckets=DEFAULT_BUCKETS, fmt="html",
                        data_name=FILE_NAME).decode("utf-8")
    parsed = _Elements()
    parsed.feed(page)
    # A value inside an attribute's text (an SVG mark's aria-label) is harmless; one that became
    # a URL an element loads or links to, an element of its own or an event handler is not.
    bad = [(tag, attrs) for tag, attrs in parsed.tags
           if tag in ("script", "img", "iframe", "object", "embed")
           or any(k.startswith("on") or (k in _URL_ATTRIBUTES and HOST in str(v)) for k, v in attrs.items())]
    assert not bad, bad[:5]
    # The values did reach the report, as text (segments in the tables, names in the findings).
    text = "".join(parsed.text)
    assert "](http://evil.example/" in text or "@evil.example" in text
