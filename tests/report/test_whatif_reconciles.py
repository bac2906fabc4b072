"""The meeting report's what-if prices accounts as the page and the CLI do: the same figures."""
from __future__ import annotations

import json

from analysis.__main__ import main
from analysis.ingest.portfolio import load_portfolio
from analysis.report.meeting import assemble_report
from tests.conftest import REPO

SAMPLE = REPO / "data" / "sample" / "sample_portfolio.csv"


def test_the_reports_tightening_scenario_equals_the_clis(tmp_path, capsys):
    portfolio = load_portfolio(SAMPLE.read_bytes(), SAMPLE.name).portfolio
    month = sorted(portfolio["month"].unique())[-1]
    report = assemble_report(portfolio, sections=["whatif"], month=month, lang="en", unit="yuan")
    section = next(s for s in report.sections if s.key == "whatif")
    table = next(t for t in section.tables if t.key == "whatif_scenarios").frame
    policy = tmp_path / "tighten.json"
    policy.write_text(json.dumps({"version": 1, "name": "t", "rules": [
        {"name": "31+", "when": {"dpd_min": 31}, "action": "cut", "value": 30}]}), encoding="utf-8")
    capsys.readouterr()
    assert main(["whatif", str(SAMPLE), "--policy", str(policy), "--month", month, "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    el = [c for c in table.columns if c.startswith("Expected loss")][0]
    el_delta = [c for c in table.columns if c.startswith("EL vs today")][0]
    assert round(table[el].iloc[0], 2) == cli["before"]["expected_loss"]
    assert round(table[el].iloc[1], 2) == cli["after"]["expected_loss"]
    assert round(table[el_delta].iloc[1], 2) == cli["delta"]["expected_loss"]
    assert any("cell" in n for n in section.notes)  # the report says how it priced


def test_a_one_month_book_does_not_say_its_pds_came_from_history(sample_portfolio):
    # The assumptions line said "PD from the book's own history" and the next note "stated
    # defaults, not estimated" (report review #2): the assumptions line leaves the PD to that note.
    month = sorted(sample_portfolio["month"].unique())[-1]
    one = sample_portfolio[sample_portfolio["month"] == month]
    for lang, history, defaults in (("zh", "历史迁徙估计", "未从历史估计"), ("en", "own history", "not estimated")):
        section = next(s for s in assemble_report(one, sections=["whatif"], month=month, lang=lang).sections
                       if s.key == "whatif")
        notes = " ".join(section.notes)
        assert defaults in notes and history not in notes


def test_the_reports_sensitivity_table_is_the_pages(sample_portfolio):
    # The report built a table of its own, its accounts titled 户数 beside the comparison's 调整户数
    # (2,989 and 2,614 on UCI): it is the page's table, "accounts matched", under the report's key.
    month = sorted(sample_portfolio["month"].unique())[-1]
    section = next(s for s in assemble_report(sample_portfolio, sections=["whatif"], month=month, lang="zh").sections
                   if s.key == "whatif")
    table = next(t for t in section.tables if t.key == "whatif_sensitivity")
    assert "命中账户数" in table.frame.columns and "户数" not in table.frame.columns
    assert set(table.kinds.values()) >= {"rate", "count", "signed_amount"}
