"""The overview's headline cards and table (analysis.overview.headlines), as the page and the report write them."""
from __future__ import annotations

import pandas as pd

from analysis.core.units import COUNT_UNIT
from analysis.core.view import View
from analysis.overview.headlines import headline_cards, headline_figures, headline_table, headline_trends, metric_label

SUMMARY = pd.DataFrame({"month": ["2024-01", "2024-02"], "accounts": [10, 12], "balance": [1_000_000.0, 900_000.0],
                        "overdue_balance": [50_000.0, 60_000.0], "overdue_rate": [.05, .0667],
                        "dpd30_rate": [.02, .02001], "dpd90_rate": [.01, .01], "entry_rate": [float("nan"), .1]})


def test_cards_write_each_kind_and_mark_flat_changes():
    figures = headline_figures(SUMMARY, "2024-02", warned=(5, 5))
    cards = headline_cards(figures, headline_trends(SUMMARY, "2024-02"), View(lang="en", unit="wan")).set_index("metric")
    assert cards.loc["accounts", "value"] == "12" and cards.loc["accounts", "delta"] == "+2 (+20.00%)"
    assert cards.loc["balance", "value"] == "90.00" and cards.loc["balance", "delta"] == "-10.00 (-10.00%)"
    assert cards.loc["dpd30_rate", "delta"] == "0.00 pp" and bool(cards.loc["dpd30_rate", "flat"])  # 0.001 pp rounds away
    assert bool(cards.loc["warned_accounts", "flat"]) and not bool(cards.loc["accounts", "flat"])
    assert bool(cards.loc["dpd30_rate", "rising_is_bad"]) and not bool(cards.loc["balance", "rising_is_bad"])
    assert bool(cards.loc["dpd30_rate", "spark"]) and not bool(cards.loc["entry_rate", "spark"])  # one month of entry rate
    assert not bool(cards.loc["warned_accounts", "spark"])
    assert cards.loc["balance", "label"] == metric_label("balance", "en", "wan")
    assert cards.loc["balance", "spark_values"] == (100.0, 90.0)  # in the view's unit, month by month
    assert cards.loc["entry_rate", "spark_values"] == ()


def test_cards_draw_their_line_in_the_view_unit_and_a_count_book_in_accounts():
    figures = headline_figures(SUMMARY, "2024-02")
    cards = headline_cards(figures, headline_trends(SUMMARY, "2024-02"), View(lang="zh", unit="yi")).set_index("metric")
    assert cards.loc["overdue_balance", "spark_values"] == (0.0005, 0.0006)
    assert cards.loc["dpd30_rate", "spark_values"] == (.02, .02001)
    counts = headline_cards(figures, headline_trends(SUMMARY, "2024-02"), View(lang="zh", unit=COUNT_UNIT))
    assert "balance" not in set(counts["metric"])  # shown once, as accounts
    assert counts.set_index("metric").loc["overdue_balance", "spark_values"] == (50_000.0, 60_000.0)


def test_cards_without_a_month_before_have_no_delta():
    figures = headline_figures(SUMMARY, "2024-01")
    cards = headline_cards(figures, headline_trends(SUMMARY, "2024-01"), View(lang="zh"))
    assert cards["delta"].isna().all() and not cards["flat"].any()


def test_table_writes_rates_in_points_and_amounts_as_relative_changes():
    table = headline_table(headline_figures(SUMMARY, "2024-02"), View(lang="zh", unit="wan"))
    rows = table.frame.set_index(table.frame.columns[0])
    assert rows.loc[metric_label("balance", "zh", "wan")].tolist() == ["90.00", "100.00", "-10.0%"]
    assert rows.loc[metric_label("overdue_balance", "zh", "wan")].tolist()[2] == "+20.0%"
    assert rows.loc[metric_label("accounts", "zh")].tolist() == ["12", "10", "+2"]
    assert rows.loc[metric_label("dpd90_rate", "zh")].tolist() == ["1.00%", "1.00%", "0.00个百分点"]  # no change, no sign


def test_a_card_without_a_month_before_beside_cards_with_one_has_no_delta():
    # a large dataset's warned accounts: this month only, beside figures that have a month before
    figures = headline_figures(SUMMARY, "2024-02", warned=(12, None))
    cards = headline_cards(figures, headline_trends(SUMMARY, "2024-02"), View(lang="en")).set_index("metric")
    assert cards.loc["warned_accounts", "delta"] is None  # not NaN: the card would write "nan"
    assert isinstance(cards.loc["balance", "delta"], str)
