"""The report as a 16:9 deck a risk manager can restyle to the bank's template.

Slides: the title slide (headline figures, key findings, 口径); one slide per key finding, its
sentence as the title over the chart that backs it; the rate trend when no finding showed it;
then one slide per chart of each section, the section's findings beside its first chart.
Bar, stacked bar and line charts are native PowerPoint charts with the report's figures
(:mod:`analysis.report.pptx_charts`); the others (heatmap, forecast bands, waterfall, Pareto)
are pictures. Titles and subtitles are sized to stay whole inside the slide.
"""
from __future__ import annotations

import io

from analysis.charts.export import chart_to_png, png_size
from analysis.report.model import Report, ReportChart, Section, lead_findings, report_text as _t, text_frame
from analysis.report.pptx_charts import add_native_chart, chart_titles, fit_text, native_chart, set_font, without_title

#: Slide size (16:9) and margin, inches.
SLIDE_W, SLIDE_H, MARGIN = 13.333, 7.5, 0.5
#: Space after each bullet, in ems.
BULLET_GAP = 0.4
#: The chart backing each kind of finding (``findings.<kind>.…``), by report chart key.
FINDING_CHARTS = {
    "rate": "rates", "entry": "rates", "bucket": "aging_mix", "driver": "causes_waterfall",
    "warnings": "warnings_levels", "forecast": "trend_forecast", "cause": "causes_pareto",
    "whatif": "whatif_scenarios", "provisions": "provisions_coverage",
}


def finding_chart(key: str, charts: dict[str, ReportChart]) -> ReportChart | None:
    """The report chart that backs a finding, if the report has it.

    Examples
    --------
    >>> finding_chart("findings.rate.up", {"rates": "the rate chart"})
    'the rate chart'
    >>> finding_chart("findings.cause.top", {"rates": "the rate chart"}) is None
    True
    """
    parts = key.split(".")
    return charts.get(FINDING_CHARTS.get(parts[1] if len(parts) > 1 else "", ""))


class _Deck:
    """A python-pptx presentation with the report's fonts and colours, and slide builders."""

    def __init__(self, lang: str):
        from pptx import Presentation
        from pptx.dml.color import RGBColor
        from pptx.util import Inches

        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
        self.grey, self.accent = RGBColor(0x6B, 0x77, 0x85), RGBColor(0x2F, 0x5D, 0x8A)
        # A Chinese deck needs a CJK face for its Latin and East Asian runs alike.
        self.font = "Microsoft YaHei" if lang == "zh" else "Calibri"
        self.lang = lang
        self._pictures: dict[str, bytes] = {}  # a chart on a finding's slide and its section's is rendered once

    def slide(self):
        return self.prs.slides.add_slide(self.prs.slide_layouts[6])

    def text(self, slide, left: float, top: float, width: float, lines: list[str], max_pt: int, min_pt: int,
             max_height: float, colour=None, bold: bool = False, bullets: bool = False) -> float:
        """A wrapped text box whose font size keeps ``lines`` whole; returns its bottom (inches)."""
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.util import Inches, Pt

        shown = [("• " if bullets else "") + line for line in lines if line]
        if not shown:
            return top
        # Inner margins (0.1 in each side) narrow the line a little.
        gap = BULLET_GAP if bullets else 0.0
        size, height = fit_text(shown, width - 0.2, max_height, max_pt, min_pt, gap)
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint may shrink further, never cut
        for i, line in enumerate(shown):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = line
            para.space_after = Pt(size * gap)
            for run in para.runs:
                run.font.size, run.font.bold = Pt(size), bold
                set_font(run.font, self.font)
                if colour is not None:
                    run.font.color.rgb = colour
        return top + height

    def heading(self, slide, kicker: str, title: str, subtitle: list[str]) -> float:
        """Kicker, title and subtitle at the top of a slide; returns where the body starts."""
        width = SLIDE_W - 2 * MARGIN
        top = self.text(slide, MARGIN, 0.25, width, [kicker], 13, 11, 0.4, self.accent)
        top = self.text(slide, MARGIN, top, width, [title], 28, 16, 1.3, self.accent, bold=True)
        top = self.text(slide, MARGIN, top, width, subtitle, 14, 9, 0.9, self.grey)
        return top + 0.1

    def chart(self, slide, report_chart: ReportChart, left: float, top: float, width: float, height: float) -> None:
        """The chart, native when PowerPoint can draw it, else its picture fitted into the box."""
        from pptx.util import Emu, Inches

        native = native_chart(report_chart.chart)
        if native is not None:
            add_native_chart(slide, native, (Inches(left), Inches(top), Inches(width), Inches(height)), self.font)
            return
        if report_chart.key not in self._pictures:
            # Without its title: the slide prints title and subtitle, wrapped to fit.
            self._pictures[report_chart.key] = chart_to_png(without_title(report_chart.chart.to_dict()), scale=2)
        png = self._pictures[report_chart.key]
        w, h = png_size(png)
        ratio = min(Inches(width) / w, Inches(height) / h)
        shown_w, shown_h = int(w * ratio), int(h * ratio)
        # Centred across the box, like a native chart that fills it.
        slide.shapes.add_picture(io.BytesIO(png), Inches(left) + (Inches(width) - shown_w) // 2, Inches(top),
                                 Emu(shown_w), Emu(shown_h))

    def chart_slide(self, kicker: str, title: str, subtitle: list[str], report_chart: ReportChart | None,
                    bullets: list[str], notes: list[str]):
        slide = self.slide()
        top = self.heading(slide, kicker, title, subtitle)
        bottom = SLIDE_H - 0.3
        if report_chart is None:
            self.text(slide, MARGIN + 0.3, top + 0.2, SLIDE_W - 2 * MARGIN - 0.6, bullets, 20, 12, bottom - top - 0.2,
                      bullets=True)
        elif bullets:
            self.chart(slide, report_chart, MARGIN, top, 8.4, bottom - top)
            self.text(slide, MARGIN + 8.6, top + 0.1, SLIDE_W - MARGIN - (MARGIN + 8.6), bullets, 16, 10,
                      bottom - top - 0.1, bullets=True)
        else:
            self.chart(slide, report_chart, MARGIN, top, SLIDE_W - 2 * MARGIN, bottom - top)
        # Speaker notes: what the presenter says beyond the slide.
        slide.notes_slide.notes_text_frame.text = "\n".join(n for n in notes if n)
        return slide

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _titles(report_chart: ReportChart) -> tuple[str, str]:
    return chart_titles(report_chart.chart.to_dict())


def _title_slide(deck: _Deck, report: Report) -> None:
    lang, unit = report.lang, report.unit
    slide = deck.slide()
    width = SLIDE_W - 2 * MARGIN
    top = deck.text(slide, MARGIN + 0.3, 1.0, width - 0.6, [report.title], 36, 24, 1.6, deck.accent, bold=True)
    top = deck.text(slide, MARGIN + 0.3, top + 0.1, width - 0.6, [report.subtitle], 18, 12, 0.9, deck.grey)
    if report.data_note:
        top = deck.text(slide, MARGIN + 0.3, top, width - 0.6, [report.data_note], 12, 8, 0.6, deck.grey)
    shown = text_frame(report.headline, lang)
    lines = [f"{row.iloc[0]}：{row.iloc[1]}（{_t('mom', lang)} {row.iloc[3]}）" if lang == "zh"
             else f"{row.iloc[0]}: {row.iloc[1]} ({row.iloc[3]} {_t('mom', lang)})" for _, row in shown.iterrows()]
    body = top + 0.3
    deck.text(slide, MARGIN + 0.3, body, 6.0, lines, 14, 9, 6.5 - body)
    deck.text(slide, MARGIN + 6.6, body, width - 6.9, [f.text(lang, unit) for f in report.findings[:3]], 14, 9,
              6.5 - body, bullets=True)
    defs_lines = [report.definitions]
    size, height = fit_text(defs_lines, width - 0.8, 0.8, 11, 7)
    deck.text(slide, MARGIN + 0.3, SLIDE_H - 0.2 - height, width - 0.6, defs_lines, 11, 7, 0.8, deck.grey)


def _section_slides(deck: _Deck, section: Section, lang: str, unit: str) -> None:
    bullets = ([f.text(lang, unit) for f in lead_findings(section)] or list(section.notes[:2])
               or [_t("no_findings", lang)])
    notes = [f.text(lang, unit) for f in section.findings] + list(section.notes) + [section.definitions]
    if not section.charts:
        deck.chart_slide(section.title, section.title, [section.definitions], None, bullets, notes)
        return
    for i, report_chart in enumerate(section.charts):
        title, subtitle = _titles(report_chart)
        deck.chart_slide(section.title, title or section.title, [subtitle or section.definitions], report_chart,
                         bullets if i == 0 else [], notes)


def render_pptx(report: Report) -> bytes:
    """The report as a 16:9 deck: title, a slide per key finding, a slide per chart of each section.

    Bar, stacked bar and line charts are native (editable) PowerPoint charts with the report's
    figures; the other charts are pictures. Every title and subtitle is sized to fit its slide.
    """
    lang, unit = report.lang, report.unit
    deck = _Deck(lang)
    _title_slide(deck, report)

    charts = {report.overview_chart.key: report.overview_chart}
    charts.update({c.key: c for section in report.sections for c in section.charts})
    shown_rates = False
    total = len(report.findings)
    for n, finding in enumerate(report.findings, start=1):
        backing = finding_chart(finding.key, charts)
        shown_rates |= backing is report.overview_chart
        subtitle = list(_titles(backing)) if backing is not None else [report.definitions]
        deck.chart_slide(f"{_t('key_findings', lang)} {n}/{total}", finding.text(lang, unit), subtitle, backing, [],
                         [finding.text(lang, unit)])
    if not shown_rates:
        title, subtitle = _titles(report.overview_chart)
        deck.chart_slide(_t("headline", lang), title, [subtitle], report.overview_chart, [], [subtitle])

    for section in report.sections:
        _section_slides(deck, section, lang, unit)
    return deck.save()
