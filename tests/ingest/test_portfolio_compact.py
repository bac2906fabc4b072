"""Keeping a loaded result small, and personal data masked in the rejected-rows report."""
from __future__ import annotations

from analysis.ingest.portfolio import build_portfolio, load_portfolio, read_table, suggest_mapping

CSV = (
    "客户编号,统计月份,逾期天数,贷款余额,手机号,身份证号\n"
    "A1,2024-01,0,100,13812345678,110101199003071234\n"
    "A2,2024-01,-3,200,13912345678,110101199003075678\n"
    "A3,2024-01,5,oops,13712345678,110101199003079999\n"
    "A4,2024-01,10,300,13612345678,110101199003070000\n"
).encode("utf-8")


def test_compact_keeps_only_rejected_cells_and_the_same_report():
    raw = read_table(CSV, "p.csv")
    result = build_portfolio(raw, suggest_mapping(raw))
    small = result.compact()
    assert len(small.raw.frame) == result.summary["rows_rejected"] == 2
    assert small.rejected_report("en").equals(result.rejected_report("en"))
    assert small.portfolio is result.portfolio
    assert len(result.raw.frame) == 4  # the original is untouched
    # load_portfolio keeps only the rejected rows' cells already (it owns the table it reads)
    loaded = load_portfolio(CSV, "p.csv")
    assert len(loaded.raw.frame) == 2 and loaded.summary["file_rows"] == 4
    assert loaded.rejected_report("en").equals(result.rejected_report("en"))
    assert loaded.compact().rejected_report("en").equals(result.rejected_report("en"))
    # compacting a compact result gives it back: sessions sharing one result keep the same object
    assert small.compact() is small and loaded.compact() is loaded


def test_rejected_report_masks_mapped_personal_data():
    report = load_portfolio(CSV, "p.csv").rejected_report("zh")
    text = report.to_csv(index=False)
    assert "13912345678" not in text and "110101199003075678" not in text
    assert "139****5678" in text
