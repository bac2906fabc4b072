"""The deck: a slide per key finding, native charts with the report's figures, text that fits."""
from __future__ import annotations

import io
import unicodedata

import pytest

from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.report.meeting import assemble_report
from analysis.report.model import SECTIONS
from analysis.report.pptx_charts import chart_titles, excel_format, fit_text, native_chart
from analysis.report.to_pptx import _Deck, render_pptx

EMU_PER_INCH = 914400
PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE


@pytest.fixture(scope="module")
def month(sample_portfolio):
    return sorted(sample_portfolio["month"].unique())[-2]


@pytest.fixture(scope="module")
def decks(sample_portfolio, month):
    """Every section in Chinese, three in English: the report and its deck, opened."""
    from pptx import Presentation

    from analysis.core import book_from_portfolio
    from analysis.overview.findings import gather_inputs

    book = book_from_portfolio(sample_portfolio)
    cubes = book.cubes(DEFAULT_BUCKETS)
    inputs = gather_inputs(cubes, month, "balance", rows=sample_portfolio)
    out = {}
    for lang, sections in (("zh", list(SECTIONS)), ("en", ["aging", "whatif", "warnings"])):
        report = assemble_report(sample_portfolio, sections=sections, month=month, lang=lang, cubes=cubes,
                                 inputs=inputs)
        out[lang] = report, Presentation(io.BytesIO(render_pptx(report)))
    book.close()
    return out


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _slide_titled(deck, title: str):
    found = [slide for slide in deck.slides if title in _texts(slide)]
    assert found, title
    return found


def _chart(slide):
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    return charts[0]


def _table(report, key):
    return next(t for s in report.sections for t in s.tables if t.key == key)


def _chart_of(report, key):
    return next(c for s in report.sections for c in s.charts if c.key == key)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_slide_per_finding_and_per_chart_after_the_title(decks, lang):
    report, deck = decks[lang]
    slides = list(deck.slides)
    charts = sum(max(1, len(s.charts)) for s in report.sections)
    assert len(slides) >= 1 + len(report.findings) + len(report.sections)
    assert len(slides) in (1 + len(report.findings) + charts, 2 + len(report.findings) + charts)
    assert report.title in _texts(slides[0])
    # Slides 2.. say the findings in order, each as its slide's title.
    for slide, finding in zip(slides[1:], report.findings):
        assert finding.text(lang, report.unit) in _texts(slide)
    for section in report.sections:
        shown = [s for s in slides if section.title in _texts(s)]
        assert len(shown) == max(1, len(section.charts)), section.key
        for finding in section.findings[:3]:
            assert any(finding.text(lang, report.unit) in "\n".join(_texts(s)) for s in shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_aging_distribution_is_a_native_bar_chart_of_the_table_figures(decks, lang):
    from pptx.enum.chart import XL_CHART_TYPE

    report, deck = decks[lang]
    title, _ = chart_titles(_chart_of(report, "aging_distribution").chart.to_dict())
    chart = _chart(_slide_titled(deck, title)[0])
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    frame = _table(report, "aging_distribution").frame
    plot = chart.plots[0]
    assert list(plot.categories) == frame.iloc[:, 0].tolist()
    balance = next(c for c in frame.columns if c == plot.series[0].name)  # the chart is by balance, in the unit
    assert list(plot.series[0].values) == pytest.approx(frame[balance].tolist(), rel=1e-12)
    assert plot.data_labels.number_format == "#,##0.00"
    assert chart.value_axis.tick_labels.number_format.startswith("#,##0")
    assert not chart.has_legend  # one series


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rate_trend_is_a_native_line_chart_of_the_rate_table(decks, lang):
    from pptx.enum.chart import XL_CHART_TYPE

    report, deck = decks[lang]
    title, _ = chart_titles(report.overview_chart.chart.to_dict())
    chart = _chart(_slide_titled(deck, title)[0]) if any(title in _texts(s) for s in deck.slides) else next(
        shape.chart for slide in deck.slides for shape in slide.shapes
        if shape.has_chart and shape.chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        and list(shape.chart.plots[0].categories)[:1] == report.overview_table.frame.iloc[:1, 0].tolist())
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    table = report.overview_table.frame
    plot = chart.plots[0]
    assert list(plot.categories) == table.iloc[:, 0].tolist()
    assert len(plot.series) >= 2 and chart.has_legend
    for series in plot.series:  # the entry rate has no first month: a gap in the line, a blank point
        values = [float("nan") if v is None else v for v in series.values]
        assert values == pytest.approx(table[series.name].tolist(), rel=1e-12, nan_ok=True)
    xml = chart._chartSpace.xml  # noqa: SLF001
    assert "<c:formatCode>0.00%</c:formatCode>" in xml  # the values, as the rate table prints them
    assert chart.value_axis.tick_labels.number_format.endswith("%")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_warning_levels_and_the_bucket_mix_are_native_with_their_tables(decks, lang):
    from pptx.enum.chart import XL_CHART_TYPE

    report, deck = decks[lang]
    title, _ = chart_titles(_chart_of(report, "warnings_levels").chart.to_dict())
    chart = _chart(_slide_titled(deck, title)[-1])
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    frame = _table(report, "warnings_levels").frame
    assert list(chart.plots[0].categories) == frame.iloc[:, 0].tolist()
    assert list(chart.plots[0].series[0].values) == pytest.approx(frame[chart.plots[0].series[0].name].tolist())
    # Each level in its colour (red, orange, yellow), as on the screen.
    fills = [str(point.format.fill.fore_color.rgb) for point in chart.plots[0].series[0].points]
    assert fills == ["D64545", "F2994A", "F2C94C"][:len(fills)]

    title, _ = chart_titles(_chart_of(report, "aging_mix").chart.to_dict())
    mix = _chart(_slide_titled(deck, title)[-1])
    assert mix.chart_type == XL_CHART_TYPE.COLUMN_STACKED and mix.has_legend
    wide = _table(report, "aging_mix").frame
    assert list(mix.plots[0].categories) == wide.iloc[:, 0].tolist()
    for series in mix.plots[0].series:
        assert list(series.values) == pytest.approx(wide[series.name].tolist(), nan_ok=True)
    assert mix.value_axis.maximum_scale == 1.0  # shares: the axis ends at 100%


def test_category_labels_stay_clear_of_bars_below_zero(decks):
    from pptx.enum.chart import XL_TICK_LABEL_POSITION

    report, deck = decks["en"]
    title, _ = chart_titles(_chart_of(report, "whatif_scenarios").chart.to_dict())
    chart = _chart(_slide_titled(deck, title)[-1])
    assert min(v for s in chart.plots[0].series for v in s.values) < 0  # limit cuts lower EL and revenue
    assert chart.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW
    # One series per facet column of the report's chart; the expected loss's change is the table's.
    spec = _chart_of(report, "whatif_scenarios").chart.to_dict()
    assert [s.name for s in chart.plots[0].series] == spec["facet"]["column"]["sort"]
    table = _table(report, "whatif_scenarios").frame  # scenario, ..., expected loss vs champion (7th)
    assert list(chart.plots[0].categories) == table.iloc[:, 0].tolist()
    assert list(chart.plots[0].series[1].values) == pytest.approx(table.iloc[:, 6].tolist())


def test_charts_a_category_chart_cannot_draw_stay_pictures(decks):
    report, deck = decks["zh"]
    for key in ("aging_roll_rates", "causes_waterfall", "trend_forecast", "causes_pareto"):
        title, _ = chart_titles(_chart_of(report, key).chart.to_dict())
        slide = _slide_titled(deck, title)[-1]
        assert not any(shape.has_chart for shape in slide.shapes), key
        assert any(shape.shape_type == PICTURE for shape in slide.shapes), key
    natives = {shape.chart.chart_type for slide in deck.slides for shape in slide.shapes if shape.has_chart}
    assert len(natives) >= 4  # clustered and stacked bars, columns, lines


def test_a_chinese_deck_names_a_cjk_font_for_east_asian_text(decks):
    _report, deck = decks["zh"]
    chart = next(shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart)
    assert '<a:ea typeface="Microsoft YaHei"/>' in chart._chartSpace.xml  # noqa: SLF001
    box = next(shape for shape in deck.slides[1].shapes if shape.has_text_frame)
    assert 'ea typeface="Microsoft YaHei"' in box.text_frame._txBody.xml  # noqa: SLF001


def _needed_inches(text_frame, width_in: float) -> float:
    """A deliberately plain estimate of a text box's height: 1 em per Chinese character, 0.55 per
    other character, 1.2 line height, whole words ignored."""
    total = 0.0
    for para in text_frame.paragraphs:
        size = next((r.font.size.pt for r in para.runs if r.font.size is not None), 18.0)
        ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in para.text)
        lines = max(1, -(-ems // (width_in * 72 / size)))
        total += lines * size * 1.2 / 72
    return total


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_shape_is_inside_the_slide_and_every_text_fits_its_box(decks, lang):
    report, deck = decks[lang]
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, (number, shape.name)
            if shape.has_text_frame and shape.text_frame.text:
                assert shape.text_frame.word_wrap is True
                inner = shape.width / EMU_PER_INCH - 0.2
                needed = _needed_inches(shape.text_frame, inner)
                assert needed <= shape.height / EMU_PER_INCH, (number, shape.text_frame.text)
    # Chart subtitles (the 口径) are printed whole, never cut.
    texts = "\n".join(t for slide in deck.slides for t in _texts(slide))
    for section in report.sections:
        for chart in section.charts:
            assert chart_titles(chart.chart.to_dict())[1] in texts, chart.key


def test_a_long_chinese_subtitle_is_kept_whole_in_a_smaller_font():
    from pptx import Presentation

    deck = _Deck("zh")
    subtitle = "按余额；月份：2023-01–2024-12；" + "DPD 分段：正常 (0), 逾期1-30天 (1-30)；" * 12
    slide = deck.slide()
    body = deck.heading(slide, "预警与催收", "各预警级别的账户余额" * 8, [subtitle])
    opened = Presentation(io.BytesIO(deck.save())).slides[0]
    boxes = [s for s in opened.shapes if s.has_text_frame]
    assert boxes[-1].text_frame.text == subtitle
    sizes = [r.font.size.pt for b in boxes for p in b.text_frame.paragraphs for r in p.runs]
    assert sizes[-1] < 14 and sizes[1] < 28  # shrunk from the defaults to fit
    assert body < 3.5  # the chart below keeps more than half the slide
    assert all(b.top + b.height <= opened.part.package.presentation_part.presentation.slide_height for b in boxes)


# --- reading charts -------------------------------------------------------------------------------

def _spec(mark, encoding, rows, **extra):
    return {"data": {"values": rows}, "mark": mark, "encoding": encoding, **extra}


def test_a_coloured_bar_chart_stacks_its_series_in_the_legend_order():
    rows = [{"m": "2024-02", "b": "late", "v": 0.1}, {"m": "2024-01", "b": "ok", "v": 0.8},
            {"m": "2024-01", "b": "late", "v": 0.2}, {"m": "2024-02", "b": "ok", "v": 0.9}]
    native = native_chart(_spec("bar", {
        "x": {"field": "m", "type": "ordinal"},
        "y": {"field": "v", "type": "quantitative", "axis": {"format": "%"}, "stack": "zero"},
        "color": {"field": "b", "type": "nominal", "sort": ["ok", "late"],
                  "scale": {"domain": ["ok", "late"], "range": ["#4C9F70", "#EB5757"]}}}, rows))
    assert (native.kind, native.stacked) == ("column", True)
    assert native.categories == ("2024-01", "2024-02")  # ordinal: ascending, as Vega-Lite draws it
    assert [(s.name, s.values, s.colour) for s in native.series] == [
        ("ok", (0.8, 0.9), "#4C9F70"), ("late", (0.2, 0.1), "#EB5757")]
    assert (native.number_format, native.axis_format) == ("0.00%", "0%")
    # An order channel sets which segment sits on the axis: the series follow it.
    ordered = [{**row, "o": 0 if row["b"] == "ok" else 1} for row in rows]
    spec = _spec("bar", {"x": {"field": "m", "type": "ordinal"}, "y": {"field": "v", "type": "quantitative"},
                         "color": {"field": "b", "type": "nominal", "sort": ["ok", "late"]},
                         "order": {"field": "o", "sort": "descending"}}, ordered)
    assert [s.name for s in native_chart(spec).series] == ["late", "ok"]


def test_a_faceted_bar_chart_becomes_grouped_bars_one_series_per_facet():
    rows = [{"s": "today", "k": "EL", "c": 0.0}, {"s": "cut", "k": "EL", "c": -12.5},
            {"s": "today", "k": "Revenue", "c": 0.0}, {"s": "cut", "k": "Revenue", "c": -3.25}]
    spec = {"data": {"values": rows}, "facet": {"column": {"field": "k", "sort": ["Revenue", "EL"]}},
            "spec": {"mark": "bar", "encoding": {
                "y": {"field": "s", "type": "nominal", "sort": ["today", "cut"]},
                "x": {"field": "c", "type": "quantitative", "axis": {"format": "+,.2f"}},
                "color": {"field": "s", "type": "nominal"}}}}
    native = native_chart(spec)
    assert (native.kind, native.stacked, native.categories) == ("bar", False, ("today", "cut"))
    assert [(s.name, s.values) for s in native.series] == [("Revenue", (0.0, -3.25)), ("EL", (0.0, -12.5))]
    assert native.number_format == "+#,##0.00;-#,##0.00;0.00"


def test_a_line_over_a_numeric_axis_takes_its_points_as_categories():
    rows = [{"cut": 0.1, "s": "EL", "v": -1.0}, {"cut": 0.0, "s": "EL", "v": 0.0}]
    native = native_chart({"layer": [
        _spec("rule", {"y": {"field": "y", "type": "quantitative"}}, [{"y": 0}]),
        {"mark": "line", "encoding": {"x": {"field": "cut", "type": "quantitative", "axis": {"format": ".0%"}},
                                      "y": {"field": "v", "type": "quantitative"},
                                      "color": {"field": "s", "type": "nominal"}}},
    ], "data": {"values": rows}})
    assert native.kind == "line" and native.categories == ("0%", "10%")
    assert native.series[0].values == (0.0, -1.0)


@pytest.mark.parametrize("spec", [
    # a Pareto: bars and a cumulative line on a second axis
    {"data": {"values": [{"c": "a", "v": 1, "cum": 0.5}]}, "layer": [
        {"mark": "bar", "encoding": {"x": {"field": "c", "type": "nominal"},
                                     "y": {"field": "v", "type": "quantitative"}}},
        {"mark": "line", "encoding": {"x": {"field": "c", "type": "nominal"},
                                      "y": {"field": "cum", "type": "quantitative"}}}]},
    # a waterfall: floating bars
    _spec("bar", {"x": {"field": "c", "type": "nominal"}, "y": {"field": "a", "type": "quantitative"},
                  "y2": {"field": "b"}}, [{"c": "x", "a": 0, "b": 1}]),
    # a heatmap, a band, a concatenation, a computed field
    _spec("rect", {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "nominal"}}, []),
    _spec("area", {"x": {"field": "a", "type": "ordinal"}, "y": {"field": "b", "type": "quantitative"}}, []),
    {"hconcat": []},
    _spec("bar", {"x": {"field": "c", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}, [],
          transform=[{"calculate": "datum.a * 2", "as": "v"}]),
])
def test_charts_a_category_chart_cannot_show_are_refused(spec):
    assert native_chart(spec) is None


def test_number_formats_and_fitting_refuse_nonsense():
    assert excel_format(",.0f") == "#,##0" and excel_format(".2%") == "0.00%"
    assert excel_format("%Y-%m") == "General"
    with pytest.raises(ValueError):
        fit_text(["x"], 1.0, 1.0, 10, 20)
    with pytest.raises(ValueError):
        fit_text(["x"], 0.0, 1.0, 20, 10)


def test_a_book_too_short_for_a_forecast_shows_its_history_under_a_title_that_says_so(sample_portfolio):
    # A one-month book drew "history and forecast (80%/95%)" with one point, a legend naming a
    # forecast and bands, and a slide series named "value" (report review #3).
    months = sorted(sample_portfolio["month"].unique())
    for kept, drawn in ((months[-1:], False), (months[-3:], True)):
        book = sample_portfolio[sample_portfolio["month"].isin(kept)]
        for lang, words in (("zh", "历史（数据不足，未作预测）"), ("en", "history (too little data for a forecast)")):
            section = next(s for s in assemble_report(book, sections=["trend"], month=kept[-1], lang=lang).sections
                           if s.key == "trend")
            charts = [c for c in section.charts if c.key == "trend_forecast"]
            assert bool(charts) == drawn
            if drawn:
                spec = charts[0].chart.to_dict()
                title = spec["title"]["text"]  # wrapped into lines when long
                lines = title if isinstance(title, list) else [title]
                assert words in "".join(lines)
                native = native_chart(spec)
                assert native is not None and [s.name for s in native.series] != ["value"]
                assert "value" not in [s.name for s in native.series]


def test_the_rate_chart_draws_every_rate_its_table_gives(sample_portfolio):
    # The entry rate (入催率) was in the table under the chart and in its 口径, and the key finding
    # about it sat on a slide whose chart had no entry rate (report review #4).
    month = sorted(sample_portfolio["month"].unique())[-1]
    report = assemble_report(sample_portfolio, sections=["aging"], month=month, lang="zh")
    series = [s.name for s in native_chart(report.overview_chart.chart).series]
    assert series == [c for c in report.overview_table.frame.columns if c != "月份"]
    assert "入催率" in series
