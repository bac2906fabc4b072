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
#: Account counts named as balances ("逾期余额（户）", "各分段户数与余额"): what the screen never writes.
BALANCE_IN_ACCOUNTS = re.compile(r"余额[（(]户[)）]|余额合计|户数与余额|各分段余额|Balance \(accounts\)|bucket balances")


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
    if fmt == "html":  # one figure, one name: "逾期余额（户） 2.00" where the overview says "逾期户数 2"
        found = [text[max(0, m.start() - 40):m.end() + 20] for m in BALANCE_IN_ACCOUNTS.finditer(text)]
        assert not found, found
        assert ("逾期户数" if lang == "zh" else "Overdue accounts") in text
        assert not re.search(r"\n2\.00\n", text)  # the two overdue accounts of 2024-03 are a count


def test_a_report_with_balances_still_shows_money():
    text = _text(build_report(balance_result().portfolio, sections=["aging", "provisions"], lang="zh", unit="wan"), "html")
    assert "万元" in text and "本数据没有余额列" not in text


def test_an_overdue_amount_column_of_a_book_without_balances_stays_money_in_yuan():
    from analysis.aging.rates import aging_distribution
    from analysis.aging.tables import distribution_table
    from analysis.core import book_from_portfolio
    from analysis.core.view import View
    from analysis.ingest.portfolio import IngestOptions, load_portfolio
    from analysis.report.meeting import assemble_report

    text = "account_id,month,dpd,overdue_amount\nA,2024-03,35,1234.56\nB,2024-03,0,\nC,2024-03,100,50\n"
    rows = load_portfolio(text.encode(), "o.csv", options=IngestOptions(balance_missing="unit")).portfolio
    book = book_from_portfolio(rows)
    try:
        dist = aging_distribution(book.cubes().aging(), "2024-03")
        table = distribution_table(dist, View(lang="zh", unit=COUNT_UNIT, month="2024-03"))
        report = assemble_report(rows, sections=["aging"], lang="zh", unit=COUNT_UNIT, cubes=book.cubes())
    finally:
        book.close()
    assert "逾期金额（元）" in table.frame.columns and table.frame["逾期金额（元）"].iloc[-1] == 1284.56
    aging = next(s for s in report.sections if s.key == "aging").tables[0]
    assert aging.kinds["逾期金额（元）"] == "amount" and aging.frame["逾期金额（元）"].sum() == 1284.56
