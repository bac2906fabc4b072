"""The meeting report's provisions section (拨备与不良): its figures are the provisions analysis's,
it renders in HTML, XLSX and PPTX in both languages, and the reader's settings reach it."""
from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from analysis.core.i18n import translate
from analysis.overview.findings import finding_provisions
from analysis.provisions.ecl import EclAssumptions
from analysis.provisions.settings import ProvisionSettings
from analysis.provisions.summary import provisions_for_month
from analysis.report.meeting import assemble_report, build_report, render_report
from analysis.report.model import SECTIONS
from analysis.report.to_xlsx import sheet_name


def _section(report, key="provisions"):
    return next(s for s in report.sections if s.key == key)


def _table(section, key):
    return next(t for t in section.tables if t.key == key)


def _npl_values(section) -> list[float]:
    """The NPL table's value column: NPL balance, NPL ratio, allowance, coverage, allowance to loans."""
    table = _table(section, "provisions_npl")
    return table.frame[table.shown_columns[1]].astype(float).tolist()


# --- hand-worked figures (tiny book: no limits, so EAD = balance) ---------------------------------

def test_section_order_puts_provisions_after_causes():
    assert SECTIONS.index("provisions") == SECTIONS.index("causes") + 1


def test_hand_worked_stage_3_and_npl_figures(tiny_portfolio):
    # 2024-02: A 0 DPD 90, B 40 DPD 210 (stage 2, 关注), C 125 DPD 50 (stage 3, 可疑: the only NPL).
    report = assemble_report(tiny_portfolio, sections=["provisions"], month="2024-02", lang="en", unit="yuan")
    section = _section(report)
    stages = _table(section, "provisions_stages").frame
    ecl_col = next(c for c in stages.columns if c.startswith("ECL"))
    assert stages[ecl_col].iloc[2] == pytest.approx(0.45 * 50.0, abs=1e-9)  # stage 3: LGD × EAD
    assert stages.iloc[:, 1].tolist() == [1, 1, 1, 3]  # accounts per stage and the total
    npl_balance, npl_ratio, allowance, coverage, loans = _npl_values(section)
    assert npl_balance == pytest.approx(50.0)
    assert npl_ratio == pytest.approx(50.0 / 350.0)
    assert coverage == pytest.approx(allowance / 50.0)
    assert loans == pytest.approx(allowance / 350.0)
    # The reference column and the gap in percentage points beside each ratio.
    table = _table(section, "provisions_npl").frame
    assert table.iloc[3, 2] == pytest.approx(1.5) and table.iloc[3, 3] == pytest.approx(coverage - 1.5)
    assert table.iloc[4, 2] == pytest.approx(0.025) and table.iloc[4, 3] == pytest.approx(loans - 0.025)
    assert math.isnan(table.iloc[0, 2])  # an amount has no reference level


def test_the_settings_passed_change_the_figures(tiny_portfolio):
    base = assemble_report(tiny_portfolio, sections=["provisions"], month="2024-02", lang="en", unit="yuan")
    # LGD 60 %, NPL from 31 DPD (B's 40 DPD becomes 次级), a coverage reference of 300 %.
    chosen = ProvisionSettings(assumptions=EclAssumptions(lgd=0.6), thresholds=(1, 31, 121, 181),
                               references={"coverage": 3.0})
    other = assemble_report(tiny_portfolio, sections=["provisions"], month="2024-02", lang="en", unit="yuan",
                            provisions=chosen)
    stages = _table(_section(other), "provisions_stages").frame
    ecl_col = next(c for c in stages.columns if c.startswith("ECL"))
    assert stages[ecl_col].iloc[2] == pytest.approx(0.6 * 50.0, abs=1e-9)
    assert _npl_values(_section(other))[0] == pytest.approx(260.0)
    assert _npl_values(_section(base))[0] == pytest.approx(50.0)
    assert _table(_section(other), "provisions_npl").frame.iloc[3, 2] == pytest.approx(3.0)
    # The definitions line states the assumptions the figures rest on.
    assert "LGD 60%" in _section(other).definitions and "LGD 45%" in _section(base).definitions


def test_a_month_without_its_previous_month_shows_the_note(tiny_portfolio):
    for lang in ("zh", "en"):
        report = assemble_report(tiny_portfolio, sections=["provisions"], month="2024-01", lang=lang)
        section = _section(report)
        assert "provisions_movement" not in [c.key for c in section.charts]
        assert "provisions_movement" not in [t.key for t in section.tables]
        note = translate("provisions.note.no_previous", lang, month="2024-01", previous="2023-12")
        assert note in section.notes
        assert note.encode("utf-8") in render_report(report, "html")
    # With the previous month the movement is there and foots: opening + flows = closing.
    later = _section(assemble_report(tiny_portfolio, sections=["provisions"], month="2024-02", lang="en", unit="yuan"))
    move = _table(later, "provisions_movement").frame
    total = move[move.columns[-1]].to_numpy(dtype=float)
    assert total[0] + total[1:-1].sum() == pytest.approx(total[-1], abs=1e-6)


# --- the sample book: equal to provisions_for_month, every format, both languages ------------------

@pytest.fixture(scope="module")
def month(sample_portfolio):
    return sorted(sample_portfolio["month"].unique())[-2]


@pytest.fixture(scope="module")
def reports(sample_portfolio, month):
    from analysis.core import book_from_portfolio
    from analysis.overview.findings import gather_inputs

    book = book_from_portfolio(sample_portfolio)
    cubes = book.cubes()
    inputs = gather_inputs(cubes, month, "balance", rows=sample_portfolio, forecast=False)
    out = {lang: assemble_report(sample_portfolio, sections=["aging", "provisions"], month=month, lang=lang,
                                 cubes=cubes, inputs=inputs) for lang in ("zh", "en")}
    yield out
    book.close()


@pytest.fixture(scope="module")
def result(sample_portfolio, month):
    return provisions_for_month(sample_portfolio, month)


def test_figures_equal_provisions_for_month(reports, result, month):
    section = _section(reports["en"])
    stages = _table(section, "provisions_stages").frame
    ecl_col = next(c for c in stages.columns if c.startswith("ECL"))
    # the report's unit is 万元; each stage to the cent, the total their sum (the ecl command's)
    expected = np.round(result.stages["ecl"].to_numpy(dtype=float), 2) / 1e4
    assert stages[ecl_col].iloc[:3].to_numpy() == pytest.approx(expected, rel=1e-12)
    assert stages[ecl_col].iloc[3] == pytest.approx(expected.sum(), rel=1e-12)
    npl = result.npl
    assert _npl_values(section) == pytest.approx([npl["balance"] / 1e4, npl["ratio"], npl["allowance"] / 1e4,
                                                   npl["coverage"], npl["provision_to_loans"]], rel=1e-12)
    # The last month of the trend is the month itself: the same allowance and ratios.
    trend = _table(section, "provisions_trend").frame
    assert str(trend.iloc[-1, 0]) == month
    assert trend.iloc[-1, -4:-1].astype(float).tolist() == pytest.approx(
        [npl["ratio"], npl["coverage"], npl["provision_to_loans"]], rel=1e-9)
    assert trend.iloc[-1, -1] == "12 months of rolls"  # the PD basis: a year of the book's roll rates
    tiers = _table(section, "provisions_five_tier").frame
    assert tiers.iloc[:, 1].tolist() == result.five_tier["accounts"].tolist()
    movement = _table(section, "provisions_movement").frame
    assert movement.iloc[-1, -1] == pytest.approx(float(result.movement["total"].iloc[-1]) / 1e4, rel=1e-12)


def test_the_finding_is_the_sections_and_a_key_finding(reports, result, month):
    for lang, report in reports.items():
        expected = finding_provisions(result.npl, month)
        section = _section(report)
        assert [f.key for f in section.findings] == [expected.key]
        assert section.findings[0].text(lang, "wan") == expected.text(lang, "wan")
        # Good news joins the key findings only when there is room (this month has five already).
        assert (expected.key in [f.key for f in report.findings]) == (len(report.findings) < 5)
        assert len(report.findings) <= 5
        assert [c.key for c in section.charts] == ["provisions_stages", "provisions_movement",
                                                   "provisions_coverage", "provisions_loans"]


def test_a_ratio_below_its_reference_is_the_second_key_finding(tiny_portfolio):
    # 2024-02 with a coverage reference of 1,000 %: bad news, ranked right after the headline rate;
    # with the default 150 % it is good news and joins at the end (four key findings: room for it).
    without = assemble_report(tiny_portfolio, sections=["aging"], month="2024-02", lang="en")
    below = assemble_report(tiny_portfolio, sections=["aging", "provisions"], month="2024-02", lang="en",
                            provisions=ProvisionSettings(references={"coverage": 10.0}))
    keys = [f.key for f in below.findings]
    assert keys[1] == "findings.provisions.below" and below.findings[1].severity == 2
    assert keys[:1] + keys[2:] == [f.key for f in without.findings][:4]
    ok = assemble_report(tiny_portfolio, sections=["aging", "provisions"], month="2024-02", lang="en")
    assert [f.key for f in ok.findings] == [f.key for f in without.findings] + ["findings.provisions.ok"]


def test_key_findings_leave_provisions_out_without_the_section(tiny_portfolio):
    report = assemble_report(tiny_portfolio, sections=["aging"], month="2024-02", lang="en")
    assert not [f for f in report.findings if f.area == "provisions"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_has_the_section_charts_tables_and_definitions(reports, lang):
    report = reports[lang]
    section = _section(report)
    page = render_report(report, "html").decode("utf-8")
    assert section.title in page
    assert page.count("<svg") >= 1 + 3 + len(section.charts)  # the overview chart, aging's, these
    assert section.findings[0].text(lang, "wan") in page
    for table in section.tables:
        assert table.title in page
    assert ("拨贷比" if lang == "zh" else "Allowance to loans") in page
    assert ("违约损失率" if lang == "zh" else "LGD 45%") in page  # the definitions line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_xlsx_has_one_sheet_per_table_with_the_figures(reports, result, lang):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(render_report(reports[lang], "xlsx")))
    section = _section(reports[lang])
    for table in section.tables:
        assert sheet_name(table.key, lang) in book.sheetnames, table.key
    sheet = book[sheet_name("provisions_npl", lang)]
    values = [row for row in sheet.iter_rows(values_only=True) if row and isinstance(row[1], (int, float))]
    assert [float(r[1]) for r in values][:5] == pytest.approx(
        [result.npl["balance"] / 1e4, result.npl["ratio"], result.npl["allowance"] / 1e4,
         result.npl["coverage"], result.npl["provision_to_loans"]], rel=1e-9)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pptx_slides_native_ratio_charts_keep_their_reference_level(reports, lang):
    from pptx import Presentation

    report = reports[lang]
    section = _section(report)
    deck = Presentation(io.BytesIO(render_report(report, "pptx")))
    slides = [s for s in deck.slides
              if any(sh.has_text_frame and sh.text_frame.text == section.title for sh in s.shapes)]
    assert len(slides) == len(section.charts)
    charts = [next((sh for sh in s.shapes if sh.has_chart), None) for s in slides]
    assert charts[0] is not None  # ECL by stage: native bars
    assert charts[1] is None and any(sh.shape_type == 13 for sh in slides[1].shapes)  # the bridge: a picture
    for shape, level in zip(charts[2:], (1.5, 0.025)):
        series = list(shape.chart.plots[0].series)
        assert len(series) == 2
        assert set(series[1].values) == {level}  # the reference level, flat across the months
        assert f"{level * 100:g}%" in series[1].name
    # Speaker notes carry the section's notes (the five-tier thresholds).
    assert any("1 / 91 / 121 / 181" in s.notes_slide.notes_text_frame.text for s in slides)


def test_build_report_takes_the_settings(tiny_portfolio):
    chosen = ProvisionSettings(assumptions=EclAssumptions(lgd=0.6))
    html = build_report(tiny_portfolio, sections=["provisions"], month="2024-02", lang="en", provisions=chosen)
    assert b"LGD 60%" in html and b"LGD 45%" not in html


def test_a_book_the_provisions_cannot_price_gets_a_note(tiny_portfolio):
    # A staging rule on a score the file does not have: the section says why, the rest is built.
    from analysis.provisions.staging import StagingRules

    chosen = ProvisionSettings(rules=StagingRules(score_drop=20.0))
    report = assemble_report(tiny_portfolio, sections=["aging", "provisions"], month="2024-02", lang="en",
                             provisions=chosen)
    section = _section(report)
    assert not section.charts and not section.tables
    assert translate("provisions.err.no_score", "en") in section.notes[0]
    assert _section(report, "aging").tables
    assert not [f for f in report.findings if f.area == "provisions"]


def test_cli_report_takes_the_section_by_name(tmp_path, capsys, tiny_portfolio):
    import json

    from analysis.__main__ import main

    path = tmp_path / "book.csv"
    tiny_portfolio.to_csv(path, index=False)
    out = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(out), "--sections", "provisions", "--month", "2024-02",
                 "--lang", "en", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["sections"] == ["provisions"]
    page = out.read_text(encoding="utf-8")
    assert "Provisions and NPL" in page and "LGD 45%" in page
    assert "findings.provisions.ok" in [f["key"] for f in payload["findings"]]


def test_the_allowance_does_not_follow_the_buckets_the_pages_are_drawn_with(tiny_portfolio):
    # custom edges 30,90 for a simpler aging chart moved an allowance by 3.3 % on the provisions
    # page and in the report, though no assumption changed (the ecl command used the defaults)
    from analysis.core.buckets import custom_buckets

    def allowance(buckets):
        report = assemble_report(tiny_portfolio, sections=["provisions"], month="2024-02", lang="en", unit="yuan",
                                 buckets=buckets)
        return _npl_values(_section(report))[2]

    expected = ProvisionSettings().month(tiny_portfolio, "2024-02").npl["allowance"]
    assert allowance(None) == pytest.approx(expected, abs=1e-9)
    assert allowance(custom_buckets([30, 90])) == pytest.approx(expected, abs=1e-9)
