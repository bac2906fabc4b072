"""build_portfolio / load_portfolio: mapping, DPD sources, validation reasons, report, JSON."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.portfolio import (
    IngestError,
    IngestOptions,
    build_portfolio,
    inspect_json,
    load_portfolio,
    mapping_from_json,
    mapping_to_json,
    read_table,
    suggest_mapping,
    suggest_status_codes,
)

HEAD = "客户编号,统计日期,逾期天数,贷款余额,产品\n"


def load(text: str, **kw):
    return load_portfolio(text.encode("utf-8"), "t.csv", **kw)


def test_canonical_dtypes_and_order():
    res = load(HEAD + "B,2024-02-29,0,100,信用卡\nA,2024-02-29,5,200,消费贷\nA,2024/1/31,0,300,消费贷\n")
    p = res.portfolio
    assert p["month"].tolist() == ["2024-01", "2024-02", "2024-02"]
    assert p["account_id"].tolist() == ["A", "A", "B"]
    assert pd.api.types.is_string_dtype(p["account_id"].dtype) and pd.api.types.is_string_dtype(p["month"].dtype)
    assert p["snapshot_date"].dtype == "datetime64[ns]"
    assert p["snapshot_date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-31", "2024-02-29", "2024-02-29"]
    assert p["days_past_due"].dtype == np.int32 and p["balance"].dtype == np.float64  # DPD in 32 bits
    assert isinstance(p["product"].dtype, pd.CategoricalDtype)
    assert p["source_row"].tolist() == [4, 3, 2] and p["source_row"].dtype == np.int32  # 32 bits: row numbers of a file
    assert res.summary["months"] == ["2024-01", "2024-02"] and res.summary["accounts"] == 2


def test_every_rejection_reason_and_reconciliation():
    text = (HEAD
            + "A,2024-01-31,0,100,x\n"        # 2 ok
            + ",2024-01-31,0,50,x\n"          # 3 missing account
            + "B,不是日期,0,50,x\n"            # 4 bad month
            + "C,2024-01-31,-3,50,x\n"        # 5 negative dpd
            + "D,2024-01-31,abc,50,x\n"       # 6 garbage dpd
            + "E,2024-01-31,0,-10,x\n"        # 7 negative balance
            + "F,2024-01-31,0,待核实,x\n"      # 8 text in amount column
            + "A,2024-01-31,3,70,x\n"         # 9 duplicate of row 2
            + "G,,0,10,x\n"                   # 10 missing month
            + "合计,,,1000,\n")               # 11 total row
    res = load(text)
    s = res.summary
    assert s["rows_read"] == 10 == s["rows_accepted"] + s["rows_rejected"]
    reasons = dict(zip(res.rejected["row"], res.rejected["reason"]))
    assert reasons == {
        3: "ingest.reject.missing_account", 4: "ingest.reject.bad_month", 5: "ingest.reject.negative_dpd",
        6: "ingest.reject.bad_dpd", 7: "ingest.reject.negative_balance", 8: "ingest.reject.bad_amount",
        9: "ingest.reject.duplicate", 10: "ingest.reject.missing_month", 11: "ingest.reject.total_row",
    }
    detail = dict(zip(res.rejected["row"], res.rejected["detail"]))
    assert detail[8]["column"] == "贷款余额" and detail[8]["value"] == "待核实"
    assert detail[9]["first_row"] == 2
    assert s["balance_read"] == pytest.approx(s["balance_accepted"] + s["balance_rejected"])
    assert s["balance_accepted"] == 100 and s["balance_total_rows"] == 1000
    report = res.rejected_report("en")
    assert report.loc[report["row"] == 8, "reason"].item() == "amount column “贷款余额” value “待核实” is not a number"
    assert report.loc[report["row"] == 9, "reason"].item() == "duplicate account-month; row 2 was kept"
    assert report.loc[report["row"] == 8, "贷款余额"].item() == "待核实"
    zh = res.rejected_report("zh")
    assert "已保留第 2 行" in zh.loc[zh["row"] == 9, "reason"].item()


@pytest.mark.parametrize("word", ["合计", "小计", "总计", "Total", "SUM", "Grand Total", " 合 计", "合计：", "Total:"])
def test_total_rows(word):
    res = load(HEAD + "A,2024-01-31,0,100,x\n" + f"{word},2024-01-31,0,100,x\n")
    assert res.rejected["reason"].tolist() == ["ingest.reject.total_row"]


@pytest.mark.parametrize("name", ["Total Motors", "Summit", "总部"])
def test_accounts_that_only_look_like_totals(name):
    res = load(HEAD + f"{name},2024-01-31,0,100,x\n")
    assert res.summary["rows_accepted"] == 1


def test_total_row_in_first_column_when_account_is_elsewhere():
    text = "序号,客户编号,统计日期,逾期天数,贷款余额\n1,A,2024-01,0,5\n合计,,,,5\n"
    res = load(text)
    assert res.rejected["reason"].tolist() == ["ingest.reject.total_row"]


def test_amounts_forms_and_wan_unit():
    text = ('客户编号,统计日期,逾期天数,贷款余额\n'
            'A,2024-01,0,"1,234.5"\nB,2024-01,0,（1，000）\nC,2024-01,0,１２\nD,2024-01,0,￥1.5万\n')
    res = load(text, options=IngestOptions(negative_balance="zero"))
    assert res.portfolio["balance"].tolist() == [1234.5, 0.0, 12.0, 15000.0]
    assert res.summary["balance_zeroed"] == -1000.0
    res = load("客户编号,统计日期,逾期天数,贷款余额\nA,2024-01,0,1.5\n", options=IngestOptions(amount_unit="wan"))
    assert res.portfolio["balance"].tolist() == [15000.0]


def test_whole_amount_column_of_text_is_an_error():
    with pytest.raises(IngestError) as err:
        load("客户编号,统计日期,逾期天数,贷款余额\nA,2024-01,0,高\nB,2024-01,0,低\n")
    assert err.value.code == "ingest.error.amount_column_text"
    assert "贷款余额" in err.value.message("zh")


def test_month_column_of_garbage_is_an_error():
    with pytest.raises(IngestError) as err:
        load("客户编号,统计日期,逾期天数,贷款余额\nA,abc,0,1\nB,xyz,0,2\n")
    assert err.value.code == "ingest.error.month_garbage"
    assert "abc" in err.value.message("en")


def test_no_dpd_column_is_explained():
    with pytest.raises(IngestError) as err:
        load("客户编号,统计日期,贷款余额\nA,2024-01,1\n")
    assert err.value.code == "ingest.error.no_dpd"
    assert "逾期天数" in err.value.message("zh") and "due date" in err.value.message("en")


def test_missing_month_and_balance_sources():
    with pytest.raises(IngestError) as err:
        load("客户编号,逾期天数,贷款余额\nA,0,1\n")
    assert err.value.code == "ingest.error.no_month"
    res = load("客户编号,逾期天数,贷款余额\nA,0,1\n", options=IngestOptions(snapshot_month="2024-03"))
    assert res.portfolio["month"].tolist() == ["2024-03"]
    with pytest.raises(IngestError) as err:
        load("客户编号,统计日期,逾期天数\nA,2024-01,0\n")
    assert err.value.code == "ingest.error.no_balance"
    res = load("客户编号,统计日期,逾期天数\nA,2024-01,0\n", options=IngestOptions(balance_missing="unit"))
    assert res.portfolio["balance"].tolist() == [1.0]
    assert ("ingest.note.balance_unit", {}) in res.summary["notes"]


def test_dpd_from_due_date():
    text = "客户编号,统计日期,应还日期,贷款余额\nA,2024-01-31,2024-01-01,1\nB,2024-01-31,2024-02-15,1\nC,2024-01-31,,1\nD,2024-01-31,坏,1\n"
    res = load(text)
    assert res.portfolio.set_index("account_id")["days_past_due"].to_dict() == {"A": 30, "B": 0, "C": 0}
    assert res.rejected["reason"].tolist() == ["ingest.reject.bad_due_date"]


def test_dpd_from_status_labels_with_user_codes():
    text = "客户编号,统计日期,逾期状态,贷款余额\nA,2024-01,M1,1\nB,2024-01,结清,0\nC,2024-01,M9?,1\nD,2024-01,1-30天,1\n"
    raw = read_table(text.encode(), "t.csv")
    mapping = suggest_mapping(raw)
    codes = suggest_status_codes(raw, mapping)
    assert codes == {"M1": 15, "结清": None, "1-30天": 15}
    res = build_portfolio(raw, mapping, IngestOptions(status_codes=codes))
    assert res.portfolio["days_past_due"].tolist() == [15, 15]
    assert dict(zip(res.rejected["row"], res.rejected["reason"])) == {
        3: "ingest.reject.closed", 4: "ingest.reject.unknown_status"}
    # the user edits the table: M9? is 200 days
    res = build_portfolio(raw, mapping, IngestOptions(status_codes={**codes, "M9?": 200}))
    assert sorted(res.portfolio["days_past_due"].tolist()) == [15, 15, 200]


def test_lending_club_labels():
    labels = ["Current", "In Grace Period", "Late (16-30 days)", "Late (31-120 days)", "Default",
              "Charged Off", "Fully Paid", "Issued"]
    text = "id,loan_status,out_prncp\n" + "".join(f"{i},{lab},100\n" for i, lab in enumerate(labels))
    res = load(text, options=IngestOptions(snapshot_month="2016-01"))
    got = dict(zip(res.portfolio["status_label"], res.portfolio["days_past_due"]))
    assert got == {"Current": 0, "In Grace Period": 8, "Late (16-30 days)": 23, "Late (31-120 days)": 75,
                   "Default": 135, "Charged Off": 181, "Issued": 0}
    assert res.rejected["reason"].tolist() == ["ingest.reject.closed"]


def test_relative_months_need_a_reference():
    text = "ID,MONTHS_BALANCE,STATUS\n1,0,C\n1,-1,0\n1,-2,X\n2,0,5\n"
    with pytest.raises(IngestError) as err:
        load(text, options=IngestOptions(balance_missing="unit"))
    assert err.value.code == "ingest.error.need_reference_month"
    res = load(text, options=IngestOptions(balance_missing="unit", reference_month="2020-03"))
    p = res.portfolio
    assert p[["account_id", "month", "days_past_due"]].values.tolist() == [
        ["1", "2020-02", 15], ["1", "2020-03", 0], ["2", "2020-03", 181]]
    assert res.rejected["reason"].tolist() == ["ingest.reject.no_loan"]


def test_extra_segments_and_pii():
    text = "客户编号,统计日期,逾期天数,贷款余额,grade,手机号\nA,2024-01,0,1,B,13812341234\n"
    res = load(text, options=IngestOptions(extra_segments=("grade",)))
    assert isinstance(res.portfolio["grade"].dtype, pd.CategoricalDtype)
    assert res.portfolio["phone"].tolist() == ["13812341234"]
    assert pd.api.types.is_string_dtype(res.portfolio["phone"].dtype)


def test_mapping_override_and_unknown_header():
    text = "acct,when,late,amt\nA,2024-01,3,10\n"
    res = load(text, mapping={"account_id": "acct", "snapshot_date": "when", "days_past_due": "late", "balance": "amt"})
    assert res.portfolio["days_past_due"].tolist() == [3]
    with pytest.raises(IngestError) as err:
        load(text, mapping={"account_id": "nope"})
    assert err.value.code == "ingest.error.unknown_header"


def test_mapping_json_round_trip():
    from analysis.ingest.reshape import WideSpec

    options = IngestOptions(amount_unit="wan", status_codes={"X": None, "1": 45}, reference_month="2020-01",
                            wide=WideSpec({"balance": {"B1": "2024-01"}}), extra_segments=("grade",))
    mapping, back = mapping_from_json(mapping_to_json({"account_id": "客户编号"}, options))
    assert mapping == {"account_id": "客户编号"}
    assert back == options or (back.wide.to_dict() == options.wide.to_dict() and back.status_codes == options.status_codes)
    with pytest.raises(IngestError):
        mapping_from_json("not json")


def test_inspect_json_shape():
    res = load(HEAD + "A,2024-01-31,0,100,x\n,2024-01-31,0,1,x\n")
    j = inspect_json(res)
    for key in ("rows_read", "rows_accepted", "rows_rejected", "mapping", "months", "accounts",
                "balance_total", "rejected"):
        assert key in j
    assert j["rejected"] == [{"row": 3, "reason": "account id is missing"}]
    assert j["balance_total"] == 100.0
    json.dumps(j, ensure_ascii=False)


def test_bad_options():
    with pytest.raises(IngestError):
        load(HEAD + "A,2024-01,0,1,x\n", options=IngestOptions(amount_unit="crore"))
    with pytest.raises(IngestError):
        load(HEAD + "A,2024-01,0,1,x\n", options=IngestOptions(snapshot_month="soon"))


def test_input_not_mutated():
    raw = read_table((HEAD + "A,2024-01,0,1,x\nA,2024-01,0,1,x\n").encode(), "t.csv")
    before = raw.frame.copy()
    build_portfolio(raw, suggest_mapping(raw))
    pd.testing.assert_frame_equal(raw.frame, before)


def test_cli_inspect(tmp_path, capsys):
    from analysis.__main__ import main

    path = tmp_path / "p.csv"
    path.write_bytes((HEAD + "A,2024-01-31,0,100,x\n合计,,,100,\n").encode("gbk"))
    assert main(["inspect", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows_read"] == 2 and out["rejected"][0]["row"] == 3
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(range(256)) * 4)
    assert main(["inspect", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error:" in err
    codes = tmp_path / "cc.csv"
    codes.write_bytes(b"ID,MONTHS_BALANCE,STATUS\n1,0,C\n1,-1,Q\n")
    assert main(["inspect", str(codes), "--json", "--reference-month", "2020-01", "--balance-missing", "unit",
                 "--status-code", "Q=45", "--status-code", "C=0"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows_accepted"] == 2 and out["months"] == ["2019-12", "2020-01"]


def _everything_file() -> str:
    """Rows touching every step: totals, months, DPD, amounts, segments, rates, scores, repeats."""
    head = "客户编号,统计日期,逾期天数,贷款余额,授信额度,产品,地区,利率,信用评分,放款日期,备注\n"
    rows = ["A,2024-01-31,0,100,500,消费贷,华东,5,600,2020-01-01,x",
            "B,2024-01-31,-1,-5,zz,信用卡,华北,6,abc,nope,y",
            "C,2024-02-29,40,-20,,消费贷,,7,650,,z",
            "A,2024-01-31,3,70,500,消费贷,华东,5,600,2020-01-01,x",
            ",2024-02-29,0,1,1,消费贷,华东,5,600,2020-01-01,x",
            "D,bad,0,1,1,消费贷,华东,5,600,2020-01-01,x",
            "合计,,,1000,,,,,,,"]
    return head + "\n".join(rows * 50) + "\n"


def test_threaded_conversions_give_the_same_result(monkeypatch):
    import analysis.ingest.portfolio as ingest

    text = _everything_file()
    options = IngestOptions(negative_balance="zero", extra_segments=("备注",))
    one = load(text, options=options)
    monkeypatch.setattr(ingest, "CONVERSION_THREADS", 2)
    two = load(text, options=options)
    pd.testing.assert_frame_equal(one.portfolio, two.portfolio, check_exact=True)
    pd.testing.assert_frame_equal(one.rejected, two.rejected)
    assert one.summary == two.summary
    assert "备注" in one.portfolio.columns and one.summary["balance_zeroed"] == -20.0


def test_first_failing_step_gives_the_reason_and_notes_keep_the_step_order():
    res = load(_everything_file(), options=IngestOptions(negative_balance="zero", amount_unit="wan"))
    first = res.rejected.drop_duplicates("reason").set_index("row")["reason"].to_dict()
    # row 3: negative DPD (the DPD step) wins over the text credit limit (the amount step);
    # row 5 repeats row 2's account-month; the blank account and the bad month are their own
    assert first == {3: "ingest.reject.negative_dpd", 5: "ingest.reject.duplicate",
                     6: "ingest.reject.missing_account", 7: "ingest.reject.bad_month",
                     8: "ingest.reject.total_row"}
    dup = res.rejected[res.rejected["reason"] == "ingest.reject.duplicate"]["detail"].iloc[0]
    assert dup["first_row"] == 2 and dup["column"] == "客户编号"
    notes = [k for k, _ in res.summary["notes"]]
    # the file repeats its rows 50 times: the repeats are many, and a note says the id may not be a loan's
    assert notes == ["ingest.note.amount_unit_wan", "ingest.note.many_duplicates", "ingest.note.negative_zeroed",
                     "ingest.note.dates_garbage", "ingest.note.numbers_garbage", "ingest.note.rate_percent"]
    s = res.summary
    assert s["balance_read"] == pytest.approx(s["balance_accepted"] + s["balance_rejected"] + s["balance_zeroed"])
