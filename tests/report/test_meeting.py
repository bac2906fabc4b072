"""Meeting report files open and say what the analyses say: HTML, XLSX, PPTX."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from analysis.aging.rates import aging_distribution
from analysis.core.buckets import DEFAULT_BUCKETS, M_BUCKETS
from analysis.core import book_from_portfolio
from analysis.core.rates import delinquency_rates, shift_month
from analysis.core.i18n import translate
from analysis.core.tables import excel_format
from analysis.report.to_html import render_html
from analysis.report.meeting import assemble_report, build_report, render_reports
from analysis.report.model import SECTIONS, ReportError, check_request
from analysis.report.to_pptx import render_pptx
from analysis.report.to_xlsx import render_xlsx, sheet_name
from tests.core import reference as ref


@pytest.fixture(scope="module")
def portfolio(sample_portfolio):
    return sample_portfolio


@pytest.fixture(scope="module")
def month(portfolio):
    return sorted(portfolio["month"].unique())[-2]  # not the latest: the report must ignore later months


@pytest.fixture(scope="module")
def cubes(portfolio):
    """The data core's cubes of the whole book (the report cuts them at its month)."""
    book = book_from_portfolio(portfolio)
    yield book.cubes(DEFAULT_BUCKETS)
    book.close()


@pytest.fixture(scope="module")
def ready(cubes, portfolio, month):
    """The cubes and the findings' inputs, built once (the forecast takes a few seconds)."""
    from analysis.overview.findings import gather_inputs

    return {"cubes": cubes, "inputs": gather_inputs(cubes, month, "balance", rows=portfolio)}


def _ref_panel(portfolio, month):
    """The plain-pandas reference panel of the book up to ``month``."""
    return ref.bucketed_panel(portfolio[portfolio["month"] <= month], DEFAULT_BUCKETS)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.tags, self.text = set(), [], set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            if name in ("src", "href", "xlink:href", "srcset", "action", "data"):
                self.links.append(value or "")

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def report_en(portfolio, month, ready):
    return assemble_report(portfolio, sections=["aging", "causes", "warnings"], month=month, lang="en",
                           data_name="sample.csv", **ready)


@pytest.fixture(scope="module")
def html_en(report_en) -> bytes:
    """:func:`report_en` rendered as HTML here, once (its charts take seconds of vl-convert)."""
    return render_html(report_en)


def test_html_is_self_contained_with_every_chosen_section(report_en, html_en, month):
    page = html_en.decode("utf-8")
    parser = _Collector()
    parser.feed(page)
    parser.close()
    assert {"headline", "aging", "causes", "warnings"} <= parser.ids
    assert "trend" not in parser.ids and "whatif" not in parser.ids
    assert not [link for link in parser.links if re.match(r"\s*(https?:)?//", link)]
    assert "script" not in parser.tags and "link" not in parser.tags and "iframe" not in parser.tags
    assert "svg" in parser.tags  # charts are inline
    text = " ".join(parser.text)
    for section in report_en.sections:
        assert section.title in text
        assert section.definitions in text
    for finding in report_en.findings:
        assert finding.text("en", "wan") in text
    assert month in text


def test_html_headline_equals_the_cube_rates(report_en, html_en, portfolio, month):
    rates = delinquency_rates(ref.rate_cube(_ref_panel(portfolio, month)), "balance").set_index("month")
    frame = report_en.headline.frame.set_index("_metric")
    value_col = translate("report.table.value", "en")
    assert frame.loc["dpd30_rate", value_col] == pytest.approx(rates.loc[month, "dpd30_rate"], rel=1e-12)
    assert frame.loc["dpd90_rate", value_col] == pytest.approx(rates.loc[month, "dpd90_rate"], rel=1e-12)
    assert frame.loc["balance", value_col] == pytest.approx(rates.loc[month, "balance"] / 1e4, rel=1e-12)
    page = html_en.decode("utf-8")
    assert f"{rates.loc[month, 'dpd30_rate'] * 100:.2f}%" in page


def test_xlsx_sheets_formats_and_figures(portfolio, month, ready):
    import openpyxl

    report = assemble_report(portfolio, sections=["aging", "warnings"], month=month, lang="zh", unit="wan", **ready)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    expected = [sheet_name(k, "zh") for k in ("summary", "headline_rates", "aging_distribution", "aging_mix",
                                              "aging_roll_rates", "warnings_levels", "warnings_by_owner",
                                              "warnings_actions", "warnings_accounts")]
    assert book.sheetnames == expected

    # The distribution sheet: header on row 4, frozen below it, figures = aging_distribution.
    ws = book[sheet_name("aging_distribution", "zh")]
    assert ws.freeze_panes == "B5"
    header = [c.value for c in ws[4]]
    balance_col = header.index("余额（万元）") + 1
    share_col = header.index("余额占比") + 1
    panel = _ref_panel(portfolio, month)
    dist = aging_distribution(ref.aging_cube(panel), month)
    got = [ws.cell(row=r, column=balance_col).value for r in range(5, 5 + len(dist))]
    assert got == pytest.approx((dist["balance"] / 1e4).tolist(), rel=1e-12)
    # The house's formats (analysis.core.tables): a percent, thousands separators, a minus sign.
    assert ws.cell(row=5, column=share_col).number_format == excel_format("rate", "zh") == "#,##0.00%;-#,##0.00%"
    assert ws.cell(row=5, column=balance_col).number_format == excel_format("amount", "zh") == "#,##0.00;-#,##0.00"
    assert [ws.cell(row=r, column=1).value for r in range(5, 5 + len(dist))] == list(DEFAULT_BUCKETS.labels("zh"))
    assert "按余额" in ws.cell(row=2, column=1).value  # the 口径 line

    # Summary sheet: the headline DPD30+ rate as a number, its change in 个百分点.
    summary = book[sheet_name("summary", "zh")]
    rows = {summary.cell(row=r, column=1).value: r for r in range(5, 13)}
    r = rows["DPD30+ 逾期率"]
    rates = delinquency_rates(ref.rate_cube(panel), "balance").set_index("month")["dpd30_rate"]
    assert summary.cell(row=r, column=2).value == pytest.approx(rates[month], rel=1e-12)
    assert summary.cell(row=r, column=4).value == pytest.approx((rates[month] - rates[shift_month(month, -1)]) * 100)
    assert "个百分点" in summary.cell(row=r, column=4).number_format

    # Personal data is masked in the account list, and nothing in the file is an unmasked phone.
    accounts = book[sheet_name("warnings_accounts", "zh")]
    header = [c.value for c in accounts[4]]
    phones = [accounts.cell(row=r, column=header.index("手机号") + 1).value for r in range(5, accounts.max_row + 1)]
    assert phones and all("****" in p for p in phones)
    raw_phones = set(portfolio["phone"].dropna().astype(str))
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not raw_phones.intersection(str(v) for v in row if v is not None)


@pytest.mark.parametrize("measure, basis, other", [("balance", "按余额", "按户数"), ("count", "按户数", "按余额")])
def test_roll_rate_sheet_says_one_basis_and_follows_the_measure(portfolio, month, cubes, measure, basis, other):
    import openpyxl

    from analysis.core.rates import roll_rate_matrix

    report = assemble_report(portfolio, sections=["aging"], month=month, lang="zh", measure=measure, cubes=cubes)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    ws = book[sheet_name("aging_roll_rates", "zh")]
    title, defs = ws.cell(row=1, column=1).value, ws.cell(row=2, column=1).value
    # The sheet title and its 口径 line name the same basis, the one the figures are on.
    assert basis in title and basis in defs and other not in title and other not in defs
    prev = shift_month(month, -1)
    expected = roll_rate_matrix(ref.roll_cube(_ref_panel(portfolio, month)), [prev], measure)
    got = [[ws.cell(row=r, column=c).value for c in range(2, 2 + expected.shape[1])]
           for r in range(5, 5 + expected.shape[0])]
    np.testing.assert_allclose(np.array(got, dtype=float), expected.to_numpy(), rtol=1e-9, equal_nan=True)
    section = report.sections[0]
    assert basis in section.definitions
    chart = next(c for c in section.charts if c.key == "aging_roll_rates")
    assert basis in str(chart.chart.to_dict()["title"])


def test_cubes_of_another_bucket_scheme_are_refused(portfolio, cubes):
    with pytest.raises(ValueError):
        assemble_report(portfolio, sections=["aging"], buckets=M_BUCKETS, cubes=cubes)


def test_report_on_filtered_cubes_reads_their_months(portfolio, month):
    # The app's month filter is a cube filter: the report's months are the cubes' months.
    months = sorted(portfolio["month"].unique())
    book = book_from_portfolio(portfolio)
    try:
        narrow = book.cubes(DEFAULT_BUCKETS, (months[2], month))
        report = assemble_report(portfolio, sections=["aging"], lang="en", cubes=narrow)
        with pytest.raises(ReportError) as info:
            assemble_report(portfolio, sections=["aging"], month=months[0], lang="en", cubes=narrow)
    finally:
        book.close()
    assert report.month == month and info.value.key == "report.error.month"
    rates = report.overview_table.frame
    assert rates.iloc[:, 0].tolist() == [m for m in months if months[2] <= m <= month]
    assert np.isnan(rates.iloc[0, -1])  # no entry rate in the first month of the view: no month before it


def test_pptx_has_a_title_slide_and_one_slide_per_section(portfolio, month, ready):
    from pptx import Presentation

    report = assemble_report(portfolio, sections=["aging", "causes"], month=month, lang="zh", **ready)
    deck = Presentation(io.BytesIO(render_pptx(report)))
    slides = list(deck.slides)
    # Title, a slide per key finding (and the rate trend if no finding showed it), a slide per chart.
    charts = sum(len(s.charts) for s in report.sections)
    assert len(slides) in (1 + len(report.findings) + charts, 2 + len(report.findings) + charts)
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert report.title in texts[0]
    firsts = [next(i for i, t in enumerate(texts) if t.startswith(title)) for title in ("账龄分布与迁徙", "逾期原因与变动归因")]
    assert firsts[0] < firsts[1]
    for first, section in zip(firsts, report.sections):
        slide = slides[first]
        assert any(shape.shape_type == 13 or shape.has_chart for shape in slide.shapes)  # the chart
        for finding in section.findings[:3]:
            assert finding.text("zh", "wan") in texts[first]


@pytest.fixture(scope="module")
def full_reports(portfolio, month, ready):
    """Every section, in both languages."""
    return {lang: assemble_report(portfolio, sections=list(SECTIONS), month=month, lang=lang, **ready)
            for lang in ("zh", "en")}


def test_every_section_builds_in_both_languages(full_reports):
    for lang, report in full_reports.items():
        assert [s.key for s in report.sections] == list(SECTIONS)
        for section in report.sections:
            assert section.charts, section.key
            assert section.tables, section.key
            for table in section.tables:
                assert len(table.frame) and set(table.kinds) <= set(table.frame.columns)
        assert 3 <= len(report.findings) <= 5


def test_every_chart_of_the_report_carries_the_house_theme(full_reports):
    # The charts the HTML inlines and the slides show are the builders' charts: each one must
    # have been through analysis.charts.theme.house_config (fonts, quiet axes, no view frame).
    from analysis.charts.theme import has_house_config

    for report in full_reports.values():
        charts = [report.overview_chart] + [c for section in report.sections for c in section.charts]
        unthemed = [c.key for c in charts if not has_house_config(c.chart)]
        assert not unthemed, unthemed


def test_every_chart_of_the_report_renders_as_a_picture(full_reports):
    # The PNG downloads and the slides' pictures: a chart sized in a way Vega cannot draw (a
    # facet sized "fit-x") rendered as an invalid SVG and took the whole PPT export down.
    from analysis.charts.export import chart_to_png, png_size

    report = full_reports["zh"]
    charts = [report.overview_chart] + [c for section in report.sections for c in section.charts]
    for c in charts:
        width, height = png_size(chart_to_png(c.chart, scale=1))
        assert width > 200 and height > 100, c.key


def test_build_report_bytes_and_input_untouched(portfolio, month):
    before = portfolio.copy()
    data = build_report(portfolio, sections=["trend"], month=month, lang="en", buckets=DEFAULT_BUCKETS,
                        measure="count", unit="yi", fmt="html")
    assert data.startswith(b"<!DOCTYPE html>")
    assert "CNY 100m".encode() in data and b"by count" in data
    pd.testing.assert_frame_equal(portfolio, before)


def test_inputs_for_another_month_are_refused(portfolio, ready):
    with pytest.raises(ValueError):
        assemble_report(portfolio, sections=["aging"], month=sorted(portfolio["month"].unique())[-1], **ready)


def test_report_without_optional_columns(tiny_portfolio):
    report = assemble_report(tiny_portfolio, sections=["causes", "whatif"], lang="en")
    causes, whatif = report.sections
    assert any("overdue-reason" in n for n in causes.notes)
    assert any("credit-limit" in n for n in whatif.notes)
    assert render_html(report).startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("kwargs, key", [
    ({"sections": ["aging", "nonsense"]}, "report.error.section"),
    ({"sections": []}, "report.error.no_section"),
    ({"sections": ["aging"], "fmt": "docx"}, "report.error.format"),
    ({"sections": ["aging"], "lang": "fr"}, "report.error.lang"),
    ({"sections": ["aging"], "month": "1999-01"}, "report.error.month"),
    ({"sections": ["aging"], "unit": "usd"}, "report.error.unit"),
])
def test_bad_requests_raise_report_error(tiny_portfolio, kwargs, key):
    with pytest.raises(ReportError) as info:
        build_report(tiny_portfolio, **kwargs)
    assert info.value.key == key
    assert info.value.message("zh") != info.value.message("en")


def test_check_request_orders_sections():
    assert check_request(["warnings", "aging", "aging"], "en") == ("aging", "warnings")


def test_cli_writes_the_report_and_prints_json(tmp_path, capsys):
    import json

    from analysis.__main__ import main
    from tests.conftest import REPO

    out = tmp_path / "汇报.xlsx"
    code = main(["report", str(REPO / "data" / "sample" / "sample_portfolio.csv"), "-o", str(out),
                 "--sections", "aging,warnings", "--lang", "zh", "--json"])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["format"] == "xlsx" and payload["sections"] == ["aging", "warnings"]
    assert payload["bytes"] == out.stat().st_size and out.read_bytes()[:2] == b"PK"
    assert payload["findings"] and all("个百分点" in f["text"] or "户" in f["text"] or "%" in f["text"]
                                       for f in payload["findings"])
    assert main(["report", str(REPO / "data" / "sample" / "sample_portfolio.csv"), "-o", str(tmp_path / "x.doc")]) == 2
    assert "error:" in capsys.readouterr().err


def test_a_section_that_fails_is_noted_and_the_rest_is_built(portfolio, month, ready, monkeypatch):
    import analysis.report.sections as rp

    def broken(ctx):
        raise ValueError("no limits today")

    monkeypatch.setattr(rp, "section_whatif", broken)
    report = assemble_report(portfolio, sections=["aging", "whatif"], month=month, lang="en", **ready)
    aging, whatif = report.sections
    assert aging.charts and not whatif.charts
    assert "no limits today" in whatif.notes[0]
    assert b"no limits today" in render_html(report)


def test_a_bug_in_a_section_is_not_turned_into_a_note(portfolio, month, ready, monkeypatch):
    # Only what a section raises on data it cannot use (ValueError, KeyError) becomes a note.
    import analysis.report.sections as rp

    def buggy(ctx):
        raise TypeError("a bug")

    monkeypatch.setattr(rp, "section_whatif", buggy)
    with pytest.raises(TypeError):
        assemble_report(portfolio, sections=["whatif"], month=month, lang="en", **ready)


def test_cli_report_on_a_dataset_folder_reads_its_cubes(tmp_path, capsys, sample_portfolio):
    # A converted book (a month-partitioned Parquet folder) is reported from its cubes, in the
    # engine; the row-level sections read one month's rows and the JSON says so.
    import json

    from analysis.__main__ import main
    from tests.conftest import REPO

    folder = tmp_path / "book"
    assert main(["convert", str(REPO / "data" / "sample" / "sample_portfolio.csv"), "--out", str(folder),
                 "--quiet", "--json"]) == 0
    capsys.readouterr()
    out = tmp_path / "report.html"
    assert main(["report", str(folder), "-o", str(out), "--sections", "aging", "warnings", "--lang", "en",
                 "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["sections"] == ["aging", "warnings"] and payload["note"]
    assert payload["month"] in payload["note"]
    page = out.read_text(encoding="utf-8")
    assert "Roll-rate matrix" in page and "by balance" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_report_on_warnings_that_do_not_separate_says_they_need_recalibrating(lang):
    from tests.warnings.test_reliability import upside_down_book

    book = upside_down_book()
    report = assemble_report(book, sections=["warnings"], lang=lang, data_name="upside-down.csv")
    words = "重新校准" if lang == "zh" else "recalibrat"
    section = next(s for s in report.sections if s.key == "warnings")
    assert any(words in f.text(lang, "wan") for f in section.findings)
    assert any(words in n for n in section.notes)
    assert any(words in f.text(lang, "wan") for f in report.findings)  # the headline findings too


def test_rendering_in_worker_processes_gives_the_same_files(report_en, html_en):
    # The page renders the formats side by side in worker processes (the server's own process
    # stays free for other users); the files must be the ones rendering here gives. The HTML
    # prints the clock time it was rendered at, and vl-convert numbers gradients and clip paths
    # by how many it drew before in that process: compared without either.
    on_done = []
    files = render_reports(report_en, ["html", "xlsx"], on_done=on_done.append)
    assert list(files) == ["html", "xlsx"] and sorted(on_done) == ["html", "xlsx"]

    def clockless(page: bytes) -> bytes:
        return re.sub(rb"(gradient_|clip)\d+", rb"\1", re.sub(rb"\d\d:\d\d(:\d\d)?", b"", page))

    assert clockless(files["html"]) == clockless(html_en)  # rendered here, in this process
    assert files["xlsx"][:2] == b"PK" and len(files["xlsx"]) > 10_000


def test_an_unknown_format_is_refused_before_anything_is_rendered(report_en):
    with pytest.raises(ReportError) as caught:
        render_reports(report_en, ["html", "pdf"], on_done=lambda fmt: pytest.fail("rendered"))
    assert caught.value.key == "report.error.format" and "pdf" in caught.value.message("zh")
