"""The report as one self-contained HTML file: inline CSS, charts as inline SVG, no script.

No CDN and no external URL: the file opens offline in any browser and prints cleanly. Tables
are printed by :func:`analysis.core.tables.cell_text`, as on the screen and in the workbook.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence

import altair as alt
import numpy as np

from analysis.charts.export import chart_to_svg
from analysis.core.tables import DisplayTable, cell_text
from analysis.overview.findings import Finding
from analysis.overview.headlines import RISING_IS_BAD
from analysis.report.model import CHANGE_KINDS, FOLD_ROWS, Report, cell_kind, report_text as _t


#: Body fonts: a Latin face first for English (narrow quotes and digits), CJK faces for Chinese.
_FONTS = {
    "zh": '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif',
    "en": '"Segoe UI","Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK SC","Microsoft YaHei",sans-serif',
}
_CSS = """
body{color:#1F2933;margin:0;background:#F5F7FA}
main{max-width:1080px;margin:0 auto;padding:32px 40px;background:#fff}
h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid #2F5D8A;padding-bottom:4px;margin-top:40px}
h3{font-size:15px;margin:22px 0 6px;color:#3A4450}
.sub{color:#6B7785;margin:0 0 16px}.defs{color:#6B7785;font-size:12px;margin:4px 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px;margin:12px 0}
.card{border:1px solid #E4E7EB;border-radius:8px;padding:10px 12px}
.card .l{font-size:12px;color:#6B7785}.card .v{font-size:22px;font-weight:600;margin:2px 0}
.card .d{font-size:12px;color:#6B7785}.up{color:#B83232}.down{color:#2E7D4F}
ul.findings{padding-left:20px}ul.findings li{margin:6px 0;line-height:1.5}
.sev2::marker{color:#D64545}.sev1::marker{color:#F2994A}.sev0::marker{color:#4C9F70}
figure{margin:14px 0;overflow-x:auto}figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:12px;margin:6px 0 14px}
th,td{border:1px solid #E4E7EB;padding:4px 8px}th{background:#EEF2F7;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
details summary{cursor:pointer;color:#2F5D8A;font-size:13px}
.note{font-size:12px;color:#6B7785}
footer{color:#9AA5B1;font-size:11px;margin-top:40px}
nav.toc{font-size:13px;margin:0 0 8px}nav.toc a{color:#2F5D8A;text-decoration:none}
@media print{body{background:#fff}main{padding:0}details{display:block}details>*{display:block}}
"""


def _html_table(table: DisplayTable, lang: str) -> str:
    columns = table.shown_columns
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = []
    for _, row in table.frame.iterrows():
        cells = []
        for c in columns:
            kind = cell_kind(table, row, c)
            text = cell_text(row[c], kind, lang, table.places(c))
            cls = ' class="n"' if kind != "text" or _looks_numeric(text) else ""
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[+\-–]?[\d,.]+(%| pp|个百分点)?", str(text)))


def _svg(chart: alt.TopLevelMixin, prefix: str) -> str:
    """Inline SVG of a chart; its ids (clip paths, gradients) prefixed so charts sharing one
    HTML page cannot resolve each other's ``url(#id)``."""
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", chart_to_svg(chart))
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)


def _cards(report: Report) -> str:
    """The headline figures as cards: the value, and its change month on month (red when worse)."""
    lang, frame = report.lang, report.headline.frame
    cols = list(frame.columns)
    out = []
    for _, row in frame.iterrows():
        kind = str(row["_kind"])
        change = row[cols[3]]
        delta = ""
        if not (change is None or (isinstance(change, float) and np.isnan(change))):
            delta = cell_text(change, CHANGE_KINDS.get(kind, kind), lang)
            pct = row[cols[4]]
            if kind != "rate" and pct is not None and pct == pct:
                delta += f" ({'+' if pct > 0 else ''}{cell_text(pct, 'rate', lang, 1)})"
            bad = str(row["_metric"]) in RISING_IS_BAD
            cls = ("up" if float(change) > 0 else "down") if bad else "flat"
            delta = f'<span class="{cls}">{html.escape(delta)}</span> {html.escape(_t("mom", lang))}'
        out.append(f'<div class="card"><div class="l">{html.escape(str(row[cols[0]]))}</div>'
                   f'<div class="v">{html.escape(cell_text(row[cols[1]], kind, lang))}</div>'
                   f'<div class="d">{delta}</div></div>')
    return '<div class="cards">' + "".join(out) + "</div>"


def render_html(report: Report) -> bytes:
    """The report as one self-contained HTML file (inline CSS and SVG; no script, no external URL).

    Returns
    -------
    bytes
        UTF-8 HTML.
    """
    lang, unit = report.lang, report.unit
    parts = [
        "<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{html.escape(report.title)}</title><style>{_CSS}body{{font-family:{_FONTS[lang]}}}</style>"
        "</head><body><main>",
        f"<h1>{html.escape(report.title)}</h1><p class=\"sub\">{html.escape(report.subtitle)}</p>",
        f'<p class="sub">{html.escape(report.data_note)}</p>' if report.data_note else "",
        f'<p class="defs">{html.escape(_t("defs_label", lang))}{html.escape(report.definitions)}</p>',
        _toc(report),
        f'<section id="headline"><h2>{html.escape(_t("headline", lang))}</h2>', _cards(report),
        f"<h3>{html.escape(_t('key_findings', lang))}</h3>", _findings_html(report.findings, lang, unit),
        f"<figure>{_svg(report.overview_chart.chart, 'c-rates')}</figure>",
        f"<details><summary>{html.escape(report.headline.title)}</summary>{_html_table(report.headline, lang)}</details>",
        (f"<details><summary>{html.escape(report.overview_table.title)}</summary>"
         f"{_html_table(report.overview_table, lang)}</details>" if report.overview_table is not None else ""),
        "</section>",
    ]
    for section in report.sections:
        parts.append(f'<section id="{section.key}"><h2>{html.escape(section.title)}</h2>')
        parts.append(f'<p class="defs">{html.escape(_t("defs_label", lang))}{html.escape(section.definitions)}</p>')
        if section.findings:
            parts.append(_findings_html(section.findings, lang, unit))
        for chart in section.charts:
            parts.append(f'<figure id="chart-{chart.key}">{_svg(chart.chart, "c-" + chart.key)}</figure>')
        for table in section.tables:
            if len(table.frame) > FOLD_ROWS:  # long tables fold away; they are all in the XLSX too
                parts.append(f"<h3>{html.escape(table.title)}</h3><details><summary>"
                             f"{html.escape(_t('show_rows', lang, n=len(table.frame)))}</summary>"
                             f"{_html_table(table, lang)}</details>")
            else:
                parts.append(f"<h3>{html.escape(table.title)}</h3>{_html_table(table, lang)}")
        for note in section.notes:
            parts.append(f'<p class="note">{html.escape(note)}</p>')
        parts.append("</section>")
    parts.append(f"<footer>{html.escape(_t('footer', lang, generated=report.generated))}</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts).encode("utf-8")


def _toc(report: Report) -> str:
    items = [("headline", _t("headline", report.lang))] + [(sec.key, sec.title) for sec in report.sections]
    links = " · ".join(f'<a href="#{key}">{html.escape(title)}</a>' for key, title in items)
    return f'<nav class="toc">{links}</nav>'


def _findings_html(findings: Sequence[Finding], lang: str, unit: str) -> str:
    if not findings:
        return f'<p class="note">{html.escape(_t("no_findings", lang))}</p>'
    items = "".join(f'<li class="sev{f.severity}">{html.escape(f.text(lang, unit))}</li>' for f in findings)
    return f'<ul class="findings">{items}</ul>'
