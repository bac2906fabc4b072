"""The trend & forecast page through AppTest, in both languages."""
from __future__ import annotations

import json

import pytest

from tests.app.apptest import assert_clean, open_page
from tests.app.forecasts import settle
from ui.trend import keys

TEXT = {
    "zh": {"title": "逾期趋势预测", "sentence": "预计", "projection": "迁徙率推演"},
    "en": {"title": "Trend & forecast", "sentence": "is expected to", "projection": "Roll-rate projection"},
}


def _backtest_table(at):
    """The small MASE/MAE table next to the forecast chart (plain dataframes keep no key in AppTest)."""
    tables = [d.value for d in at.dataframe if "MASE" in getattr(d.value, "columns", []) and len(d.value.columns) == 3]
    assert tables, "no backtest table on the page"
    return tables[0]


@pytest.fixture
def page_lang(monkeypatch, request):
    # Work-around: AppTest evaluates widgets' format_func (the sidebar's unit picker calls
    # ui.i18n.lang()) in the test process, where session state is unavailable and lang() falls
    # back to the browser language ("en"); pin that fallback to the language under test.
    # lang() also caches its fallback in the bare-mode session state, which outlives a test.
    import streamlit as st

    import ui.i18n

    monkeypatch.setattr(ui.i18n, "browser_lang", lambda: request.param)
    try:
        st.session_state[ui.i18n.LANG_KEY] = request.param
    except Exception:  # noqa: BLE001 - no bare-mode state in this Streamlit version: the patch above suffices
        pass
    return request.param


@pytest.mark.parametrize("page_lang", ["zh", "en"], indirect=True)
def test_page_draws_forecast_projection_and_vintage(page_lang):
    at = settle(open_page("trend", page_lang))
    assert_clean(at)
    assert at.title[0].value == TEXT[page_lang]["title"]
    text = " ".join(m.value for m in at.markdown)
    assert TEXT[page_lang]["sentence"] in text
    assert any(TEXT[page_lang]["projection"] in h.value for h in at.subheader)
    # Metric cards: latest, MoM, YoY, acceleration.
    assert len(at.metric) == 4
    # The backtest table sits next to the chart and marks the model in use.
    backtest = _backtest_table(at)
    assert backtest.iloc[:, 0].str.startswith("✓").sum() == 1
    # The sample has origination dates, so the vintage fan is drawn (no "needs dates" note).
    assert not [i for i in at.info if "origination" in i.value]


@pytest.mark.parametrize("page_lang", ["en"], indirect=True)
def test_controls_rerun_cleanly(page_lang):
    at = settle(open_page("trend", page_lang))
    at.selectbox(key=keys.METRIC).set_value("dpd90_balance").run()
    settle(at)
    assert_clean(at)
    at.selectbox(key=keys.BY).set_value("product").run()
    settle(at)
    assert_clean(at)
    at.slider(key=keys.HORIZON).set_value(3).run()
    settle(at)
    assert_clean(at)
    table = at.expander  # the forecast table is collapsed under the chart
    assert table
    at.selectbox(key=keys.MODEL).set_value("naive").run()
    settle(at)
    assert_clean(at)
    assert "✓ Naive" in " ".join(str(v) for v in _backtest_table(at).iloc[:, 0])


@pytest.mark.parametrize("page_lang", ["zh", "en"], indirect=True)
def test_a_short_book_explains_itself(page_lang):
    """Three months, no segments, no origination dates: every section says why, nothing breaks."""
    from analysis.ingest.portfolio import load_portfolio

    rows = "客户编号,数据日期,逾期天数,贷款余额\n" + "".join(
        f"A{i},2024-0{m}-28,{(i * m) % 50},{1000 + i}\n" for m in (1, 2, 3) for i in range(5))
    result = load_portfolio(rows.encode("utf-8"), "short.csv")
    at = settle(open_page("trend", page_lang, data_result=result, data_name="short.csv", data_id="short"))
    assert_clean(at)
    text = " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)
    assert ("至少需要 6 个月" if page_lang == "zh" else "needs at least 6") in text
    assert ("放款日期" if page_lang == "zh" else "origination") in text
    assert ("细分列" if page_lang == "zh" else "no segment columns") in text
    # no year-on-year change in three months: the card holds "–" (a sentence there is cut to
    # "不足 13 …"), and its help says why
    yoy = [m for m in at.metric if m.label.startswith("同比" if page_lang == "zh" else "Year on year")][0]
    assert yoy.value == "–"
    assert ("不足 13 个月" if page_lang == "zh" else "Fewer than 13 months") in yoy.proto.help
    # the chart shows the history alone and its title says so, as the report's (no "and forecast")
    titles = [json.loads(c.proto.spec).get("title", {}).get("text", "") for c in at.get("vega_lite_chart")]
    titles = ["".join(t) if isinstance(t, list) else t for t in titles]  # a long title is wrapped into lines
    assert any(("数据不足，未作预测" if page_lang == "zh" else "too little data for a forecast") in t for t in titles)
    assert not any(("历史与预测" if page_lang == "zh" else "history and forecast") in t for t in titles)


@pytest.mark.parametrize("page_lang", ["en"], indirect=True)
def test_events_are_marked_on_the_trend_charts(page_lang):
    import pandas as pd

    events = pd.DataFrame({"month": ["2024-06"], "label": ["Approval tightened"]})
    at = settle(open_page("trend", page_lang, shared_events=events))
    assert_clean(at)
    at.button(key=keys.SEGMENTS_RUN).click().run()  # the segment forecasts run on request
    settle(at)
    assert_clean(at)
    # Streamlit ships chart data as Arrow datasets beside the spec: look for the label there.
    charts = at.get("vega_lite_chart")
    marked = [c for c in charts if any(b"Approval tightened" in d.data.data for d in c.proto.datasets)
              or "Approval tightened" in c.proto.spec]
    # The forecast, the projection (months after the data: no marker in range) and the segments.
    assert len(marked) >= 2


@pytest.mark.parametrize("page_lang", ["zh"], indirect=True)
def test_switching_segment_columns_and_pinning_a_seasonal_model(page_lang):
    at = settle(open_page("trend", page_lang))
    at.selectbox(key=keys.BY).set_value("product").run()
    settle(at)
    assert_clean(at)
    at.selectbox(key=keys.BY).set_value("region").run()
    settle(at)
    assert_clean(at)
    options = at.selectbox(key=keys.segment_key("region")).options
    at.selectbox(key=keys.segment_key("region")).set_value(options[-1]).run()
    settle(at)
    assert_clean(at)
    at.selectbox(key=keys.MODEL).set_value("ets_seasonal").run()  # 24 months: falls back, says so
    settle(at)
    assert_clean(at)
    assert any("已改为自动选择" in c.value for c in at.caption)


@pytest.mark.parametrize("page_lang", ["en"], indirect=True)
def test_a_large_book_completes_vintages_on_request(page_lang, monkeypatch):
    monkeypatch.setattr(keys, "VINTAGE_AUTO_ROWS", 10)  # the sample counts as a large book
    at = settle(open_page("trend", page_lang))
    assert_clean(at)
    charts = len(at.get("vega_lite_chart"))
    assert any("run when you ask" in c.value for c in at.caption)
    at.button(key=keys.VINTAGE_RUN).click().run()
    settle(at)
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == charts + 1  # the vintage fan
    at.selectbox(key=keys.METRIC).set_value("dpd90_rate").run()
    settle(at)
    assert_clean(at)
    assert len(at.get("vega_lite_chart")) == charts + 1  # stays on for this data


def test_the_series_choices_survive_a_visit_to_another_page():
    at = open_page("trend", "en")
    at.selectbox(key=keys.METRIC).set_value("dpd90_rate").run()
    settle(at)
    at.selectbox(key=keys.BY).set_value("region").run()
    settle(at)
    region = at.selectbox(key=keys.segment_key("region")).options[-1]
    at.selectbox(key=keys.segment_key("region")).set_value(region).run()
    settle(at)
    at.slider(key=keys.HORIZON).set_value(9).run()
    settle(at)
    at.toggle(key=keys.REPLENISH).set_value(False).run()
    for page in ("aging", "trend"):
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert_clean(at)
    assert at.selectbox(key=keys.METRIC).value == "dpd90_rate"
    assert at.selectbox(key=keys.segment_key("region")).value == region
    assert at.slider(key=keys.HORIZON).value == 9
    assert at.toggle(key=keys.REPLENISH).value is False


def _projection_frames(at) -> list:
    """The projection section's frames on screen: the rate editor's input, the projection and loss tables."""
    frames = [d.value for d in at.dataframe if hasattr(d.value, "columns")]
    return [f for f in frames if any(("Total" in str(c) or "DPD90" in str(c) or "Expected" in str(c)) for c in f.columns)]


def test_a_metric_change_redraws_the_projection_without_recomputing_it(monkeypatch):
    # The projection, the loss and their tables are cached by cheap keys (the matrix's fingerprint,
    # the view): moving the metric shows the very same figures and computes none of them again;
    # moving the projection's months computes the projection (not the loss) once more.
    from analysis.trend import display, projection

    at = settle(open_page("trend", "en"))
    assert_clean(at)
    before = _projection_frames(at)
    assert len(before) >= 2
    calls = {"project_balances": 0, "roll_rate_loss": 0, "projection_table": 0, "matrix_in_percent": 0}
    import ui.trend.cache
    import ui.trend.projection

    def counted(name, real):
        def call(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return call

    for name in calls:
        real = getattr(projection if name in ("project_balances", "roll_rate_loss") else display, name)
        # wherever the page's code reads it from
        for module in (projection, display, ui.trend.cache, ui.trend.projection):
            if getattr(module, name, None) is real:
                monkeypatch.setattr(module, name, counted(name, real))
    at.selectbox(key=keys.METRIC).set_value("dpd90_rate").run()
    settle(at)
    assert_clean(at)
    after = _projection_frames(at)
    assert len(after) == len(before) and all(a.equals(b) for a, b in zip(after, before))
    assert calls == {"project_balances": 0, "roll_rate_loss": 0, "projection_table": 0, "matrix_in_percent": 0}
    months = at.slider(key=keys.PROJ_MONTHS).value
    at.slider(key=keys.PROJ_MONTHS).set_value(months + 2).run()
    settle(at)
    assert_clean(at)
    assert calls["project_balances"] == 1 and calls["projection_table"] == 1 and calls["roll_rate_loss"] == 0
    longer = [f for f in _projection_frames(at) if not any(f.equals(b) for b in before)]
    assert any(len(f) == len(b) + 2 for f in longer for b in before)
