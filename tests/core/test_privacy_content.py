"""Personal data is masked by what it is, not only by the column it sits in: phones, ID numbers,
cards and e-mails inside any text column, and columns of people's names by header or by values."""
from __future__ import annotations

import pandas as pd

from analysis.core.privacy import export_csv_bytes, looks_like_names, mask_mapped_pii, mask_pii
from analysis.ingest.portfolio import load_portfolio

PHONE, ID = "13812345678", "11010519491231002X"  # the ID's check digit is valid (GB 11643)
NAMES = [s + g for s in "张王李刘陈杨赵黄" for g in ("伟", "芳", "娜", "静", "明")]


def test_free_text_is_masked_by_content_whatever_its_column():
    frame = pd.DataFrame({"overdue_reason": [f"失业，联系电话{PHONE}", f"身份证{ID}，已核实", "a@b.example 退信", "正常"],
                          "account_id": ["KH00000001"] * 4})
    masked = mask_pii(frame)
    text = " ".join(masked["overdue_reason"])
    assert PHONE not in text and "138****5678" in text
    assert ID not in text and "110105********002X" in text
    assert "a@b.example" not in text
    assert masked["overdue_reason"].iloc[3] == "正常"
    assert masked["account_id"].tolist() == frame["account_id"].tolist()  # not personal data: kept
    assert frame["overdue_reason"].iloc[0].endswith(PHONE)  # the input is untouched


def test_unknown_headers_for_names_phones_and_ids_are_masked_in_raw_cells():
    raw = pd.DataFrame({"户名": ["张三丰", "李四"], "手机": [PHONE, "13900001111"], "身份证": [ID, ID],
                        "Borrower name": ["John Smith", "Mary Ann Lee"], "余额": ["100", "200"]})
    masked = mask_mapped_pii(raw, {"balance": "余额"})  # none of the personal columns is mapped
    cells = " ".join(map(str, masked.to_numpy().ravel()))
    for secret in ("张三丰", "李四", PHONE, "13900001111", ID, "John Smith", "Mary Ann Lee"):
        assert secret not in cells, secret
    assert masked["余额"].tolist() == ["100", "200"]


def test_a_column_of_names_is_recognised_by_its_values_not_regions():
    assert looks_like_names(pd.Series(NAMES))
    assert not looks_like_names(pd.Series(["华东", "华南", "华北", "西南"] * 10))
    assert not looks_like_names(pd.Series(["信用卡", "消费贷", "经营贷"] * 10))
    masked = mask_pii(pd.DataFrame({"客户": NAMES, "owner": NAMES}))
    assert not set(masked["客户"]) & set(NAMES)
    assert masked["owner"].tolist() == NAMES  # staff who own the work lists are not masked


def test_rejected_rows_and_their_reasons_mask_personal_data(tmp_path):
    csv = ("客户编号,数据日期,贷款余额,逾期天数,户名,手机,备注\n"
           f"A1,2024-01-31,100,0,张三丰,{PHONE},电话{PHONE}\n"
           f"A2,2024-01-31,-5,0,李四,{PHONE},身份证{ID}\n"
           f"A3,{PHONE},100,0,王五,{PHONE},\n")
    result = load_portfolio(csv.encode(), "book.csv")
    report = result.rejected_report("zh")
    assert len(report) == 2
    text = " ".join(map(str, report.to_numpy().ravel()))
    for secret in (PHONE, ID, "李四", "王五"):
        assert secret not in text, secret
    assert PHONE not in export_csv_bytes(report).decode("utf-8-sig")


def test_landlines_are_masked_as_mobiles_are():
    from analysis.conduct.textpii import mask_text

    assert mask_text("客户失联，电话 021-62345678 无人接听") == "客户失联，电话 021-****5678 无人接听"
    assert mask_text("家庭电话 (010) 6234 5678") == "家庭电话 (010) **** 5678"
    assert mask_text("电话：02162345678") == "电话：021****5678"
    # a number run together without a phone word is any number; dates and codes stay
    for text in ("合同号 20240131000123", "账号 0212345678901", "2024-01-31", "区间 0-30 1234",
                 "产品 0101-2024-0001", "0755 8888 1234"):  # no phone word before it: a code
        assert mask_text(text) == text


def test_a_free_text_column_kept_as_a_segment_shows_no_phone_number():
    # the sidebar's filter on 备注 listed "联系人王经理 13812345678 …" whole, and so did every split
    from analysis.ingest.portfolio import IngestOptions, build_portfolio, suggest_mapping
    from analysis.ingest.readers import read_table

    csv = ("客户编号,统计月份,逾期天数,贷款余额,备注\nA,2024-01,0,10,联系人王经理 13812345678 承诺分两次付\n"
           "B,2024-01,40,20,客户失联，电话 021-62345678 无人接听\nC,2024-01,0,30,正常\n").encode()
    raw = read_table(csv, "notes.csv")
    res = build_portfolio(raw, suggest_mapping(raw), IngestOptions(extra_segments=("备注",)))
    assert res.portfolio["备注"].astype(str).tolist() == ["联系人王经理 138****5678 承诺分两次付",
                                                       "客户失联，电话 021-****5678 无人接听", "正常"]


def test_a_business_name_is_no_personal_data_and_stays_readable():
    # a receivables ledger's 客户名称 are companies: masked as people (南********司) nobody could
    # tell the customers apart in a meeting
    from analysis.core.privacy import mask_pii

    frame = pd.DataFrame({"customer_name": ["南京盛世科技有限公司", "张三丰", "Acme Trading Co.", "王五便利店"]})
    assert mask_pii(frame)["customer_name"].tolist() == ["南京盛世科技有限公司", "张*丰", "Acme Trading Co.", "王***店"]
