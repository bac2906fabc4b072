"""The report as a 16:9 deck: a title slide, then one slide per section (chart as PNG 2×, findings)."""
from __future__ import annotations

import io

from analysis.charts.export import chart_to_png, png_size
from analysis.report.model import Report, lead_findings, report_text as _t, text_frame


def render_pptx(report: Report) -> bytes:
    """The report as a 16:9 deck: a title slide, then one slide per section (chart + 2-3 findings)."""
    # python-pptx is an optional, heavy dependency (lxml): loaded only when a deck is asked for.
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    lang, unit = report.lang, report.unit
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    grey, accent = RGBColor(0x6B, 0x77, 0x85), RGBColor(0x2F, 0x5D, 0x8A)
    font = "Microsoft YaHei" if lang == "zh" else "Calibri"

    def text_box(slide, left, top, width, height, lines, size, colour=None, bold=False, bullets=False):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = ("• " if bullets else "") + line
            para.space_after = Pt(6)
            for run in para.runs:
                run.font.size, run.font.bold, run.font.name = Pt(size), bold, font
                if colour is not None:
                    run.font.color.rgb = colour
        return box

    # Title slide: title, data and month, the headline figures in one line each, the 口径.
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    text_box(slide, Inches(0.8), Inches(1.2), Inches(11.7), Inches(1.2), [report.title], 36, accent, bold=True)
    text_box(slide, Inches(0.8), Inches(2.3), Inches(11.7), Inches(0.6), [report.subtitle], 18, grey)
    shown = text_frame(report.headline, lang)
    lines = [f"{row.iloc[0]}：{row.iloc[1]}（{_t('mom', lang)} {row.iloc[3]}）" if lang == "zh"
             else f"{row.iloc[0]}: {row.iloc[1]} ({row.iloc[3]} {_t('mom', lang)})" for _, row in shown.iterrows()]
    text_box(slide, Inches(0.8), Inches(3.1), Inches(6.2), Inches(3.4), lines, 14)
    text_box(slide, Inches(7.2), Inches(3.1), Inches(5.4), Inches(3.4),
             [f.text(lang, unit) for f in report.findings[:3]], 14, bullets=True)
    text_box(slide, Inches(0.8), Inches(6.7), Inches(11.7), Inches(0.5), [report.definitions], 10, grey)

    for section in report.sections:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        text_box(slide, Inches(0.6), Inches(0.3), Inches(12), Inches(0.8), [section.title], 28, accent, bold=True)
        bullets = [f.text(lang, unit) for f in lead_findings(section)] or list(section.notes[:2]) or [_t("no_findings", lang)]
        if section.charts:
            png = chart_to_png(section.charts[0].chart, scale=2)
            w, h = png_size(png)
            max_w, max_h = Inches(8.2), Inches(5.6)
            ratio = min(max_w / w, max_h / h)
            slide.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(1.3), Emu(int(w * ratio)), Emu(int(h * ratio)))
            text_box(slide, Inches(8.9), Inches(1.4), Inches(4.1), Inches(5.2), bullets, 15, bullets=True)
        else:
            text_box(slide, Inches(0.8), Inches(1.5), Inches(11.5), Inches(5), bullets, 18, bullets=True)
        text_box(slide, Inches(0.6), Inches(6.95), Inches(12.2), Inches(0.4), [section.definitions], 10, grey)
        # Speaker notes: every finding and note of the section, for the person presenting.
        slide.notes_slide.notes_text_frame.text = "\n".join(
            [f.text(lang, unit) for f in section.findings] + list(section.notes) + [section.definitions])
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
