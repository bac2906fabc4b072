"""The meeting report of a book with no balances: no money unit in the HTML, the workbook or the slides;
the money-only sections say what they would need."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from analysis.core.units import COUNT_UNIT
from analysis.report.meeting import build_report
from analysis.report.model import SECTIONS
from tests.countonly.book import MONEY, balance_result, count_only_result

pytestmark = pytest.mark.slow


def _text(data: bytes, fmt: str) -> str:
    if fmt == "html":
        return re.sub(r"<[^>]+>", "\n", data.decode("utf-8"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:  # the workbook's sheets, the slides
        return re.sub(r"<[^>]+>", "\n", "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))


@pytest.fixture(scope="module")
def portfolio():
    return count_only_result().portfolio


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["html", "xlsx", "pptx"])
def test_no_money_unit_in_the_report(portfolio, lang, fmt):
    text = _text(build_report(portfolio, sections=SECTIONS, lang=lang, unit=COUNT_UNIT, fmt=fmt), fmt)
    found = [text[max(0, m.start() - 60):m.end() + 20] for m in MONEY.finditer(text)]
    assert not found, found
    # the money-only sections (HTML), the summary sheet (workbook) say why there is no money
    assert text.count("本数据没有余额列" if lang == "zh" else "This data has no balance column") >= (1 if fmt == "xlsx" else 2)
    # and the report counts accounts, by count
    assert ("按户数" if lang == "zh" else "by count") in text


def test_a_report_with_balances_still_shows_money():
    text = _text(build_report(balance_result().portfolio, sections=["aging", "provisions"], lang="zh", unit="wan"), "html")
    assert "万元" in text and "本数据没有余额列" not in text
