"""The report's roll-rate projection follows the choices handed to it (the trend page's in the app)."""
from __future__ import annotations

from analysis.core import book_from_portfolio
from analysis.report.meeting import assemble_report
from analysis.trend.projection import ProjectionChoice, average_roll_matrix, project_balances, rebalance_rows


def _projection(report):
    section = next(s for s in report.sections if s.key == "trend")
    table = next(t for t in section.tables if t.key == "trend_projection")
    return table, section.charts[-1]


def test_an_edited_matrix_is_projected_and_said(sample_portfolio):
    book = book_from_portfolio(sample_portfolio)
    try:
        cubes = book.cubes()
        rolls = cubes.transitions()
        base, _, _ = average_roll_matrix(rolls[rolls["to_month"].astype(str) <= "2024-12"], 3, "balance",
                                         end_month="2024-11")
        edited = base.copy()
        edited.iloc[0, 0], edited.iloc[0, 1] = edited.iloc[0, 0] - 0.05, edited.iloc[0, 1] + 0.05
        edited = rebalance_rows(base, edited)
        plain = assemble_report(sample_portfolio, sections=["trend"], lang="en", cubes=cubes, month="2024-12")
        chosen = assemble_report(sample_portfolio, sections=["trend"], lang="en", cubes=cubes, month="2024-12",
                                 projection=ProjectionChoice(months=3, replenish=False, matrix=edited))
        aging = cubes.aging()
    finally:
        book.close()
    table, chart = _projection(chosen)
    assert len(table.frame) == 4  # today and three months
    assert "roll rates as edited on the trend page" in chart.chart.to_json()
    latest = aging[aging["month"].astype(str) == "2024-12"].groupby("bucket", observed=False)["balance"].sum()
    latest.index = latest.index.astype(str)
    expected = project_balances(latest.reindex(list(base.index), fill_value=0.0), edited, 3, "2024-12")
    total = next(c for c in table.frame.columns if c.startswith("Book total"))
    assert abs(table.frame[total].iloc[-1] - expected["total"].iloc[-1] / 1e4) < 1e-6
    plain_table, _ = _projection(plain)
    assert len(plain_table.frame) == 13  # the page's default: twelve months
