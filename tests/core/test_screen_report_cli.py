"""Screen = report = CLI (issue 11, item 4): one figure, one value.

For the same settings (the bundled sample as the app and the CLI load it, a month that is not the
latest, the default buckets, no filter, measure by balance and by count) the aging distribution,
the roll-rate matrix, the delinquency rates and the entry rate are the same numbers, to 1e-9:

* on the screen: the functions the aging page and the overview call, on the cubes
  ``state.cubes()`` builds, and the aging and overview pages themselves run with AppTest;
* in the meeting report: its tables before rendering, the XLSX cells (openpyxl) and the HTML
  tables (``pandas.read_html``, to the two decimals the HTML prints);
* in the CLI's JSON: ``python -m analysis aging / rollrates / forecast ... --json``, run in
  process through ``analysis.__main__.main``.

Every surface is checked against one answer: the plain-pandas reference definitions of the cubes
(``tests/core/reference.py``), never against another surface's output.
"""
from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pandas as pd
import pytest

from analysis.aging import rates as A
from analysis.core.buckets import DEFAULT_BUCKETS
from analysis.core import book_from_portfolio
from analysis.core.rates import delinquency_rates, roll_flow_matrix, roll_rate_matrix, shift_month
from analysis.core.i18n import translate
from analysis.trend.series import entry_rates
from analysis.core.units import format_rate
from analysis.core.vocabulary import RATE_METRICS, entry_base_month_label, entry_month_label, metric_name
from tests.conftest import REPO
from tests.core import reference as ref

SAMPLE = REPO / "data" / "sample" / "sample_portfolio.csv"
MEASURES = ("balance", "count")
REL = 1e-9
KEYS = list(DEFAULT_BUCKETS.keys)
TO_KEYS = [*KEYS, "exit"]


# --- the settings and the one answer ---------------------------------------------------------------

@pytest.fixture(scope="module")
def rows(full_sample_portfolio) -> pd.DataFrame:
    """The sample exactly as the app and the CLI load it (through ingest)."""
    return full_sample_portfolio


@pytest.fixture(scope="module")
def months(rows) -> list[str]:
    return sorted(rows["month"].unique())


@pytest.fixture(scope="module")
def month(months) -> str:
    return months[-3]  # not the latest: the report's "up to month M" view is exercised


@pytest.fixture(scope="module")
def cubes(rows, months):
    """What ``state.cubes()`` builds for the sidebar's defaults: the whole month range, no
    segment filter, the default buckets."""
    book = book_from_portfolio(rows)
    yield book.cubes(DEFAULT_BUCKETS, (months[0], months[-1]), {})
    book.close()


@pytest.fixture(scope="module")
def truth(rows, month) -> dict:
    """The reference answer (plain pandas) for the month, by each measure."""
    panel = ref.bucketed_panel(rows, DEFAULT_BUCKETS)
    rolls = ref.roll_cube(panel)
    rates = ref.rate_cube(panel)
    prev = shift_month(month, -1)
    out = {"dist": A.aging_distribution(ref.aging_cube(panel), month).set_index("bucket"),
           "flows": roll_flow_matrix(rolls, [prev], "count"), "balances": roll_flow_matrix(rolls, [prev], "balance")}
    for measure in MEASURES:
        out[measure] = {
            "roll": roll_rate_matrix(rolls, [prev], measure),
            "rates": delinquency_rates(rates, measure).set_index("month").loc[month, list(RATE_METRICS)].astype(float),
            "entry": float(entry_rates(rolls, measure).set_index("month").loc[month, "entry_rate"]),
        }
    return out


def _close(got, expected, rel=REL) -> None:
    np.testing.assert_allclose(np.asarray(got, dtype=float), np.asarray(expected, dtype=float), rtol=rel, atol=1e-15,
                               equal_nan=True)


def test_the_reference_month_has_something_to_compare(truth):
    # Guards against a vacuous comparison: the month has overdue accounts, a roll pair and entries.
    assert truth["dist"]["count"].iloc[1:].sum() > 0
    assert truth["flows"].to_numpy().sum() > 0
    for measure in MEASURES:
        assert 0 < truth[measure]["entry"] < 1 and (truth[measure]["rates"] > 0).all()


# --- the screen: the functions the pages call, on the session's cubes ---------------------------------

@pytest.mark.parametrize("measure", MEASURES)
def test_screen_functions_on_the_session_cubes(cubes, truth, month, measure):
    from analysis.overview.headlines import monthly_summary

    prev = shift_month(month, -1)
    dist = A.aging_distribution(cubes.aging(), month).set_index("bucket")
    assert dist["count"].tolist() == truth["dist"]["count"].tolist()
    for col in ("balance", "count_share", "balance_share"):
        _close(dist[col], truth["dist"][col])
    long = A.roll_matrix_long(cubes.transitions(), [prev], measure)
    matrix = long.pivot(index="from_bucket", columns="to_bucket", values="rate").reindex(index=KEYS, columns=TO_KEYS)
    _close(matrix, truth[measure]["roll"])
    lines = A.rate_lines(cubes.rates(), measure)
    shown = lines[lines["month"] == month].set_index("metric")["rate"]
    _close(shown.reindex(list(RATE_METRICS)), truth[measure]["rates"])
    entry = entry_rates(cubes.transitions(), measure).set_index("month")["entry_rate"]
    _close(entry[month], truth[measure]["entry"])
    summary = monthly_summary(cubes, measure).set_index("month").loc[month]  # the overview's figures
    _close(summary[list(RATE_METRICS)], truth[measure]["rates"])
    _close(summary["entry_rate"], truth[measure]["entry"])


# --- the screen: the pages themselves -----------------------------------------------------------------

def _ui(key: str, **params) -> str:
    from ui.i18n import all_messages

    return translate(key, "en", all_messages(), **params)


def _table(at, first_column: str, having: str | None = None) -> pd.DataFrame:
    found = [d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column]
             and (having is None or having in d.value.columns)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


@pytest.fixture(scope="module", params=MEASURES)
def aging_page(request, month):
    """The aging page as the user sees it, at the month, by one measure: its tables."""
    from tests.app.apptest import assert_clean, open_page

    at = open_page("aging", "en", measure=request.param)
    assert_clean(at)
    at.selectbox(key="aging_month").set_value(month).run()
    assert_clean(at)
    tables = {"dist": _table(at, _ui("aging.col.bucket"), _ui("aging.col.count_share"))}
    at.session_state["aging_tab"] = _ui("aging.tab.trend")
    at.run()
    assert_clean(at)
    tables["rates"] = _table(at, _ui("aging.col.month"), _ui("aging.col.metric"))
    at.session_state["aging_tab"] = _ui("aging.tab.roll")
    at.run()
    at.selectbox(key="aging_roll_pair").set_value(shift_month(month, -1)).run()
    assert_clean(at)
    tables["roll"] = _table(at, _ui("aging.col.from_bucket"))
    tables["entry"] = _table(at, entry_month_label("en"), metric_name("entry_rate", "en"))
    return request.param, tables


def test_the_aging_page_shows_the_reference_figures(aging_page, truth, month):
    measure, tables = aging_page
    dist = tables["dist"].iloc[:len(KEYS)]  # the last row is the total
    assert dist.iloc[:, 0].tolist() == list(DEFAULT_BUCKETS.labels("en"))
    assert dist.iloc[:, 1].astype(int).tolist() == truth["dist"]["count"].tolist()
    # The screen shows rates in percent (12.34%), the way the report writes them: / 100 for shares.
    _close(dist.iloc[:, 2] / 100, truth["dist"]["count_share"])
    _close(dist.iloc[:, 3] * 1e4, truth["dist"]["balance"])  # shown in 万元 (the default unit)
    _close(dist.iloc[:, 4] / 100, truth["dist"]["balance_share"])

    roll = tables["roll"]
    assert roll.iloc[:, 0].tolist() == list(DEFAULT_BUCKETS.labels("en"))
    _close(roll.iloc[:, 1:1 + len(TO_KEYS)] / 100, truth[measure]["roll"])

    rates = tables["rates"]
    at_month = rates[rates.iloc[:, 0] == month].set_index(_ui("aging.col.metric"))[_ui("aging.col.rate")]
    _close([at_month[metric_name(m, "en")] / 100 for m in RATE_METRICS], truth[measure]["rates"])

    entry = tables["entry"]
    row = entry[entry[entry_month_label("en")] == month]  # dated at the month of entry, as on overview/trend
    assert len(row) == 1 and row[entry_base_month_label("en")].iloc[0] == shift_month(month, -1)
    _close(row[metric_name("entry_rate", "en")].iloc[0] / 100, truth[measure]["entry"])


@pytest.mark.parametrize("measure", MEASURES)
def test_the_overview_shows_the_reference_rates(truth, month, measure):
    from analysis.charts.overview import metric_label
    from tests.app.apptest import assert_clean, open_page

    at = open_page(None, "en", measure=measure)
    at.selectbox(key="overview_month").set_value(month).run()
    assert_clean(at)
    shown = {m.label: m.value for m in at.metric}
    # The cards print two decimals; the report and the CLI carry the same figure in full.
    for metric in ("dpd30_rate", "dpd90_rate"):
        assert shown[metric_label(metric, "en")] == format_rate(truth[measure]["rates"][metric])
    assert shown[metric_label("entry_rate", "en")] == format_rate(truth[measure]["entry"])


# --- the meeting report: its tables, the XLSX and the HTML --------------------------------------------

@pytest.fixture(scope="module", params=MEASURES)
def report(request, rows, cubes, month):
    """The aging section of the report, as the app builds it from the session's cubes."""
    from analysis.report.to_html import render_html
    from analysis.report.meeting import assemble_report
    from analysis.report.to_xlsx import render_xlsx

    built = assemble_report(rows, sections=["aging"], month=month, lang="en", measure=request.param, cubes=cubes,
                            data_name="sample_portfolio.csv")
    return request.param, built, render_html(built), render_xlsx(built)


def _section_table(report, key):
    section = report.sections[0]
    return next(t for t in section.tables if t.key == key)


def test_report_tables_are_the_reference(report, truth, month):
    measure, built, _html, _xlsx = report
    dist = _section_table(built, "aging_distribution").frame
    assert dist.iloc[:, 1].tolist() == truth["dist"]["count"].tolist()
    _close(dist.iloc[:, 2], truth["dist"]["count_share"])
    _close(dist.iloc[:, 3] * 1e4, truth["dist"]["balance"])
    _close(dist.iloc[:, 4], truth["dist"]["balance_share"])
    roll = _section_table(built, "aging_roll_rates")
    _close(roll.frame.iloc[:, 1:], truth[measure]["roll"])
    basis = {"balance": "by balance", "count": "by count"}[measure]
    assert basis in roll.title and basis in built.sections[0].definitions  # one basis, said once, the same
    rates = built.overview_table.frame.set_index(built.overview_table.frame.columns[0]).loc[month]
    _close(rates.iloc[:3], truth[measure]["rates"])
    _close(rates.iloc[3], truth[measure]["entry"])
    headline = built.headline.frame.set_index("_metric")[translate("report.table.value", "en")]
    _close(headline[["dpd30_rate", "dpd90_rate"]], truth[measure]["rates"][["dpd30_rate", "dpd90_rate"]])
    _close(headline["entry_rate"], truth[measure]["entry"])


def _sheet(book, key: str) -> tuple[list, list[list]]:
    from analysis.report.to_xlsx import sheet_name

    ws = book[sheet_name(key, "en")]
    header = [c.value for c in ws[4]]
    body = [list(r) for r in ws.iter_rows(min_row=5, values_only=True)]
    return header, body


def test_xlsx_cells_are_the_reference(report, truth, month):
    import openpyxl

    from analysis.report.to_xlsx import sheet_name

    measure, built, _html, data = report
    book = openpyxl.load_workbook(io.BytesIO(data))
    header, body = _sheet(book, "aging_distribution")
    cols = list(_section_table(built, "aging_distribution").frame.columns)
    assert header == cols and [r[0] for r in body] == list(DEFAULT_BUCKETS.labels("en"))
    assert [int(r[1]) for r in body] == truth["dist"]["count"].tolist()
    _close([r[2] for r in body], truth["dist"]["count_share"])
    _close([r[3] * 1e4 for r in body], truth["dist"]["balance"])
    _close([r[4] for r in body], truth["dist"]["balance_share"])

    header, body = _sheet(book, "aging_roll_rates")
    assert [r[0] for r in body] == list(DEFAULT_BUCKETS.labels("en"))
    _close([[np.nan if v is None else v for v in r[1:1 + len(TO_KEYS)]] for r in body], truth[measure]["roll"])
    ws = book[sheet_name("aging_roll_rates", "en")]
    basis = {"balance": "by balance", "count": "by count"}[measure]
    other = {"balance": "by count", "count": "by balance"}[measure]
    title, defs = ws.cell(row=1, column=1).value, ws.cell(row=2, column=1).value
    assert basis in title and basis in defs and other not in title and other not in defs

    header, body = _sheet(book, "headline_rates")
    row = next(r for r in body if r[0] == month)
    _close(row[1:4], truth[measure]["rates"])
    _close(row[4], truth[measure]["entry"])


def _html_table(tables: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    found = [t for t in tables if [str(c) for c in t.columns] == columns]
    assert len(found) == 1, columns
    return found[0]


def test_html_tables_print_the_reference(report, truth, month):
    measure, built, page, _xlsx = report
    tables = pd.read_html(io.StringIO(page.decode("utf-8")), thousands=None, keep_default_na=False)
    dist_cols = [c for c in _section_table(built, "aging_distribution").frame.columns]
    dist = _html_table(tables, dist_cols).astype(str)
    assert dist.iloc[:, 1].tolist() == [f"{n:,}" for n in truth["dist"]["count"]]
    assert dist.iloc[:, 2].tolist() == [format_rate(v) for v in truth["dist"]["count_share"]]
    assert dist.iloc[:, 3].tolist() == [f"{v / 1e4:,.2f}" for v in truth["dist"]["balance"]]
    assert dist.iloc[:, 4].tolist() == [format_rate(v) for v in truth["dist"]["balance_share"]]

    roll_cols = [str(c) for c in _section_table(built, "aging_roll_rates").frame.columns]
    roll = _html_table(tables, roll_cols).astype(str)
    expected = truth[measure]["roll"].map(format_rate)
    assert roll.iloc[:, 1:].values.tolist() == expected.values.tolist()

    rate_cols = [str(c) for c in built.overview_table.frame.columns]
    rates = _html_table(tables, rate_cols).astype(str).set_index(rate_cols[0]).loc[month]
    assert rates.tolist() == [format_rate(v) for v in [*truth[measure]["rates"], truth[measure]["entry"]]]


# --- the CLI -------------------------------------------------------------------------------------------

def _cli(*argv: str) -> dict:
    """``python -m analysis ... --json`` in process; its stdout as JSON."""
    from analysis.__main__ import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*argv, "--json"])
    assert code == 0, argv
    return json.loads(out.getvalue())


def test_cli_aging_is_the_reference(truth, month):
    payload = _cli("aging", str(SAMPLE), "--month", month)
    assert payload["month"] == month and payload["buckets"] == KEYS
    rows = pd.DataFrame(payload["rows"]).set_index("bucket").loc[KEYS]
    assert rows["count"].tolist() == truth["dist"]["count"].tolist()
    _close(rows["count_share"], truth["dist"]["count_share"])
    _close(rows["balance_share"], truth["dist"]["balance_share"])
    # The JSON rounds money to the cent.
    np.testing.assert_allclose(rows["balance"], truth["dist"]["balance"], rtol=0, atol=0.005 + 1e-6)


@pytest.mark.parametrize("measure", MEASURES)
def test_cli_rollrates_is_the_reference(truth, month, measure):
    payload = _cli("rollrates", str(SAMPLE), "--month", month, "--measure", measure)
    assert (payload["from_month"], payload["to_month"]) == (shift_month(month, -1), month)
    assert payload["buckets"] == KEYS and len(payload["rates"][0]) == len(TO_KEYS)
    assert payload["counts"] == truth["flows"].astype(int).values.tolist()
    _close([[np.nan if v is None else v for v in row] for row in payload["rates"]], truth[measure]["roll"])


@pytest.mark.parametrize("measure", MEASURES)
def test_cli_forecast_history_is_the_reference(truth, month, measure):
    expected = {**truth[measure]["rates"].to_dict(), "entry_rate": truth[measure]["entry"]}
    for metric, value in expected.items():
        payload = _cli("forecast", str(SAMPLE), "--metric", metric, "--measure", measure, "--model", "naive",
                       "--horizon", "1")
        history = {h["month"]: h["value"] for h in payload["history"]}
        _close(history[month], value)
