"""NPL figures from the bank's own classification when the file has one (五级分类 → loan_class),
said in the definitions line, the CLI's JSON (``classification_source``) and the finding; by DPD
otherwise, as before."""
from __future__ import annotations

import argparse

import pandas as pd
import pytest

from analysis.cli import ecl as ecl_cli
from analysis.overview.findings import finding_provisions
from analysis.provisions.npl import classification_source, five_tier_table, npl_trend
from analysis.provisions.summary import assumption_parts, provision_panel, provisions_for_month, provisions_payload
from tests.aging.test_regulatory_loan_class import classed_result

#: June of the hand-made book: 2,300 元; the file's 次级 + 可疑 + 损失 = 100 + 140 + 50; by DPD
#: (credit-card rule) 200 + 100 + 50.
FILE_NPL, DPD_NPL, TOTAL = 290.0, 350.0, 2300.0


@pytest.fixture(scope="module")
def portfolio() -> pd.DataFrame:
    return classed_result().portfolio


def test_five_tier_table_reads_the_files_classes(portfolio):
    june = portfolio[portfolio["month"] == "2024-06"]
    table = five_tier_table(june)
    assert table["class"].tolist() == ["normal", "special_mention", "substandard", "doubtful", "loss", "unclassified"]
    assert table["accounts"].tolist() == [1, 3, 1, 1, 1, 1]
    assert table["balance"].tolist() == pytest.approx([1000.0, 1000.0, 100.0, 140.0, 50.0, 10.0])
    assert table["balance_share"].sum() == pytest.approx(1.0)
    by_dpd = five_tier_table(june.drop(columns="loan_class"))
    assert by_dpd["class"].tolist()[-1] == "loss" and len(by_dpd) == 5
    assert by_dpd["balance"].tolist() == pytest.approx([1510.0, 440.0, 200.0, 100.0, 50.0])
    assert classification_source(june) == "file" and classification_source(june.drop(columns="loan_class")) == "dpd"


def test_month_figures_and_payload_say_where_the_classes_come_from(portfolio):
    result = provisions_for_month(portfolio, "2024-06")
    assert result.classification_source == "file"
    assert result.npl["balance"] == pytest.approx(FILE_NPL)
    assert result.npl["ratio"] == pytest.approx(FILE_NPL / TOTAL)
    payload = provisions_payload(result)
    assert payload["classification_source"] == "file"
    assert [r["class"] for r in payload["five_tier"]][-1] == "unclassified"
    assert sum(r["balance"] for r in payload["five_tier"]) == pytest.approx(TOTAL)
    assert "the bank's own classification" in assumption_parts(result, "en")[-1]
    assert "银行自己的五级分类" in assumption_parts(result, "zh")[-1]

    by_dpd = provisions_for_month(portfolio.drop(columns="loan_class"), "2024-06")
    assert by_dpd.classification_source == "dpd"
    assert by_dpd.npl["ratio"] == pytest.approx(DPD_NPL / TOTAL)
    assert provisions_payload(by_dpd)["classification_source"] == "dpd"
    assert "by DPD" in assumption_parts(by_dpd, "en")[-1] and "次级 ≥91 天" in assumption_parts(by_dpd, "zh")[-1]


def test_npl_trend_reads_the_files_classes(portfolio):
    panel = provision_panel(portfolio)
    assert "loan_class" in panel.columns
    trend = npl_trend(panel).set_index("month")
    assert trend.loc["2024-05", "npl_ratio"] == 0.0
    assert trend.loc["2024-06", "npl_ratio"] == pytest.approx(FILE_NPL / TOTAL)
    by_dpd = npl_trend(panel.drop(columns="loan_class")).set_index("month")
    assert by_dpd.loc["2024-06", "npl_ratio"] == pytest.approx(DPD_NPL / TOTAL)


def test_the_finding_names_the_banks_classification(portfolio):
    result = provisions_for_month(portfolio, "2024-06")
    found = finding_provisions(result.npl, "2024-06")
    assert "不良贷款率（银行自己的五级分类） 12.61%" in found.text("zh", unit="yuan")
    assert "NPL ratio (the bank's own classification) 12.61%" in found.text("en", unit="yuan")
    plain = finding_provisions(provisions_for_month(portfolio.drop(columns="loan_class"), "2024-06").npl, "2024-06")
    assert "NPL ratio 15.22%" in plain.text("en", unit="yuan")


def test_cli_ecl_json_adds_the_source(portfolio):
    parser = argparse.ArgumentParser()
    ecl_cli.add_arguments(parser)
    out = ecl_cli.run(parser.parse_args(["--month", "2024-06", "--trend"]), classed_result())
    assert out["classification_source"] == "file"
    assert out["npl"]["ratio"] == pytest.approx(FILE_NPL / TOTAL)
    assert {t["month"]: t["npl_ratio"] for t in out["trend"]}["2024-06"] == pytest.approx(FILE_NPL / TOTAL)
    assert "(the bank's own classification in the file)" in ecl_cli.render(out)
