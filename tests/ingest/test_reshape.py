"""Wide (one column per month) files → long account-months."""
from __future__ import annotations

import pandas as pd

from analysis.ingest.portfolio import IngestOptions, load_portfolio, read_table
from analysis.ingest.reshape import WideSpec, suggest_wide_spec, wide_to_long


def test_uci_layout_is_recognised():
    raw = read_table(b"ID,LIMIT_BAL,PAY_0,PAY_2,PAY_3,BILL_AMT1,BILL_AMT2,BILL_AMT3\n1,100,0,1,-2,10,20,30\n", "u.csv")
    spec = suggest_wide_spec(raw)
    assert spec.columns["status_label"] == {"PAY_0": "2005-09", "PAY_2": "2005-08", "PAY_3": "2005-07"}
    assert spec.columns["balance"] == {"BILL_AMT1": "2005-09", "BILL_AMT2": "2005-08", "BILL_AMT3": "2005-07"}
    assert suggest_wide_spec(raw, reference_month="2024-03").columns["balance"]["BILL_AMT3"] == "2024-01"


def test_month_in_header_layout():
    raw = read_table("客户编号,2024-01逾期天数,2024-02逾期天数,2024年1月余额,2024年2月余额\nA,0,31,100,90\n".encode(), "w.csv")
    spec = suggest_wide_spec(raw)
    assert spec.columns == {"days_past_due": {"2024-01逾期天数": "2024-01", "2024-02逾期天数": "2024-02"},
                            "balance": {"2024年1月余额": "2024-01", "2024年2月余额": "2024-02"}}
    res = load_portfolio("客户编号,2024-01逾期天数,2024-02逾期天数,2024年1月余额,2024年2月余额\nA,0,31,100,90\n".encode(), "w.csv")
    assert res.portfolio[["month", "days_past_due", "balance"]].values.tolist() == [["2024-01", 0, 100.0], ["2024-02", 31, 90.0]]
    assert res.portfolio["source_row"].tolist() == [2, 2]


def test_not_wide():
    raw = read_table(b"id,month,dpd,balance\nA,2024-01,0,1\n", "a.csv")
    assert suggest_wide_spec(raw) is None


def test_wide_to_long_does_not_mutate_and_keeps_positions():
    f = pd.DataFrame({"ID": ["a", "b"], "PAY_0": [0, 2], "PAY_2": [-1, 1], "BILL_AMT1": [5, -3]})
    before = f.copy()
    spec = WideSpec({"status_label": {"PAY_0": "2005-09", "PAY_2": "2005-08"}, "balance": {"BILL_AMT1": "2005-09"}})
    long = wide_to_long(f, spec, ["ID"])
    pd.testing.assert_frame_equal(f, before)
    assert long["source_position"].tolist() == [0, 1, 0, 1]
    assert long["month"].tolist() == ["2005-08", "2005-08", "2005-09", "2005-09"]
    assert long["balance"].isna().tolist() == [True, True, False, False]


def test_uci_values_and_negative_bills():
    text = b"ID,PAY_0,PAY_2,BILL_AMT1,BILL_AMT2\n1,2,-1,100,-5\n2,0,8,50,60\n"
    res = load_portfolio(text, "u.csv", options=IngestOptions(negative_balance="zero"))
    p = res.portfolio
    assert len(p) == 4 and res.summary["rows_read"] == 4 and res.summary["file_rows"] == 2
    got = {(a, m): d for a, m, d in p[["account_id", "month", "days_past_due"]].values.tolist()}
    assert got == {("1", "2005-09"): 45, ("1", "2005-08"): 0, ("2", "2005-09"): 0, ("2", "2005-08"): 225}
    assert p.loc[(p["account_id"] == "1") & (p["month"] == "2005-08"), "balance"].item() == 0.0
    res = load_portfolio(text, "u.csv")
    assert res.rejected[["row", "reason"]].values.tolist() == [[2, "ingest.reject.negative_balance"]]
    assert res.rejected["detail"].iloc[0] == {"column": "BILL_AMT2", "value": "-5"}
    assert res.rejected_report("en")["reason"].iloc[0] == "balance “BILL_AMT2” is negative (-5)"


def test_months_typed_in_the_wide_editor_are_checked():
    import pytest

    from analysis.ingest.portfolio import IngestError

    text = b"ID,PAY_0,PAY_2\n1,0,1\n"
    spec = WideSpec({"status_label": {"PAY_0": "2005年9月", "PAY_2": "2005-8"}})
    res = load_portfolio(text, "u.csv", options=IngestOptions(wide=spec, balance_missing="unit"))
    assert res.summary["months"] == ["2005-08", "2005-09"]
    with pytest.raises(IngestError) as err:
        load_portfolio(text, "u.csv", options=IngestOptions(wide=WideSpec({"status_label": {"PAY_0": "soon"}}), balance_missing="unit"))
    assert err.value.code == "ingest.error.bad_option" and "soon" in err.value.message("zh")
