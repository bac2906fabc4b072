"""The early warnings read the accounts' history up to the sidebar's last month, as the provisions
and the what-if do: moving the sidebar's first month (the chart window) up to the report month
changes no warned count on the warnings page, the overview card or the report, and the window's
first month still has a month before to backtest against."""
from __future__ import annotations

import re

from analysis.core import book_from_portfolio
from analysis.overview.findings import warning_levels_for
from analysis.report.meeting import assemble_report
from tests.app.apptest import assert_clean, open_page, open_page_with_months
from tests.app.test_warnings_page import level_counts, open_tab

LAST = ("2024-12", "2024-12")


def open_narrowed(page: str, lang: str = "en"):
    """``page`` with the sidebar's months moved to the last month alone, as a reader drags them."""
    return open_page_with_months(page, LAST, lang)


def _warned_card(at) -> int:
    return int(re.sub(r"\D", "", next(m.value for m in at.metric if m.label.startswith("Warned"))))


def test_the_warnings_page_counts_do_not_move_with_the_first_month():
    whole = open_page("warnings", "en")
    late = open_narrowed("warnings")
    assert_clean(whole)
    assert_clean(late)
    assert sum(level_counts(late, "en")) > 0
    assert level_counts(late, "en") == level_counts(whole, "en")
    # the window's only month has the month before to backtest against, and says where it reads from
    assert not any("single month" in i.value for i in late.info)
    assert any("from 2023-01" in c.value for c in late.caption), [c.value for c in late.caption]
    open_tab(late, "backtest", "en")
    assert_clean(late)
    assert any("Backtest" in m.value for m in late.markdown)


def test_the_overview_card_does_not_move_with_the_first_month_and_matches_the_page():
    whole = open_page("overview", "en")
    late = open_narrowed("overview")
    assert_clean(late)
    assert _warned_card(late) == _warned_card(whole) > 0
    late.switch_page("pages/warnings.py")
    late.run()
    assert sum(level_counts(late, "en")) == _warned_card(whole)


def test_the_report_counts_the_history_not_the_window(sample_portfolio):
    full = sample_portfolio
    window = full[full["month"] == "2024-12"]
    levels = warning_levels_for(full, "2024-12")
    expected = int(levels["accounts"].sum())
    whole_book, window_book = book_from_portfolio(full), book_from_portfolio(window)
    try:
        history = (full, whole_book.cubes())
        report = assemble_report(window, sections=["warnings"], month="2024-12", lang="en",
                                 cubes=window_book.cubes(), history=history)
        alone = assemble_report(window, sections=["warnings"], month="2024-12", lang="en",
                                cubes=window_book.cubes())
    finally:
        whole_book.close()
        window_book.close()
    assert _warned_in(report) == expected
    # without the history the window's one month reads as a book with no past: other counts
    assert _warned_in(alone) != expected


def _warned_in(report) -> int:
    """Warned accounts of the report's warnings section (its levels table, every level but none)."""
    table = next(s for s in report.sections if s.key == "warnings").tables[0].frame
    warned = ~table.iloc[:, 0].isin(["No warning", "None", "Not warned"])
    return int(table.loc[warned, table.columns[1]].sum())


def test_the_reports_whatif_reads_the_history_as_its_page_does(sample_portfolio):
    # The what-if page prices the sidebar's last month with PDs and histories from every month
    # before it; the report's what-if section does the same when handed that history.
    full = sample_portfolio
    window = full[full["month"] == "2024-12"]
    whole_book, window_book = book_from_portfolio(full), book_from_portfolio(window)
    try:
        whole = assemble_report(full, sections=["whatif"], month="2024-12", lang="en", cubes=whole_book.cubes())
        narrowed = assemble_report(window, sections=["whatif"], month="2024-12", lang="en",
                                   cubes=window_book.cubes(), history=(full, whole_book.cubes()))
    finally:
        whole_book.close()
        window_book.close()

    def scenarios(report):
        return next(s for s in report.sections if s.key == "whatif").tables[0].frame

    assert scenarios(narrowed).equals(scenarios(whole))


def test_the_headline_names_the_month_before_of_a_warned_count_from_the_history():
    import pandas as pd

    from analysis.overview.headlines import headline_figures

    one_month = pd.DataFrame({"month": ["2024-12"], "accounts": [10], "balance": [100.0], "overdue_balance": [5.0],
                              "overdue_rate": [.05], "dpd30_rate": [.02], "dpd90_rate": [.01],
                              "entry_rate": [float("nan")]})
    figures = headline_figures(one_month, "2024-12", (7, 5)).set_index("metric")
    assert figures.loc["warned_accounts", "previous_month"] == "2024-11"
    assert figures.loc["warned_accounts", "change"] == 2
    assert figures.drop(index="warned_accounts")["previous_month"].isna().all()


def test_a_forecast_cut_short_by_the_month_range_says_to_widen_it(sample_portfolio):
    import time

    at = open_page_with_months("trend", ("2024-11", "2024-12"), "en")
    for _ in range(20):  # the forecast is fitted off the script thread: the page shows it once done
        if any("widen the month range" in c.value for c in at.caption):
            break
        time.sleep(0.5)
        at.run()
    assert_clean(at)
    assert any("widen the month range for a forecast" in c.value and "24 from 2023-01" in c.value for c in at.caption)
    window = sample_portfolio[sample_portfolio["month"] >= "2024-11"]
    whole_book, window_book = book_from_portfolio(sample_portfolio), book_from_portfolio(window)
    try:
        report = assemble_report(window, sections=["trend"], month="2024-12", lang="en", cubes=window_book.cubes(),
                                 history=(sample_portfolio, whole_book.cubes()))
    finally:
        whole_book.close()
        window_book.close()
    notes = next(s for s in report.sections if s.key == "trend").notes
    assert any("widen the sidebar's month range" in n for n in notes)
