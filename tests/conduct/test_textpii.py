"""Personal data found by content: check digits worked by hand, masking, no false alarms on numbers."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.conduct.textpii import PiiSpan, find_pii, id_check_digit, luhn_valid, mask_series, mask_text

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_pii(text)]


# ------------------------------------------------------------------------------ check digits

def test_id_check_digit_of_the_standards_example_worked_by_hand():
    # GB 11643-1999's example 11010519491231002X: the weighted sum of the first 17 digits
    digits = [1, 1, 0, 1, 0, 5, 1, 9, 4, 9, 1, 2, 3, 1, 0, 0, 2]
    total = 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4
    assert total == sum(d * w for d, w in zip(digits, WEIGHTS)) == 167
    assert total % 11 == 2  # position 2 of "1 0 X 9 8 7 6 5 4 3 2" is X
    assert id_check_digit("11010519491231002") == "X"


def test_id_check_digit_second_case_worked_by_hand():
    # 44052418800101001?: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → "4"
    assert 195 % 11 == 8
    assert id_check_digit("44052418800101001") == "4"
    assert kinds("证件 440524188001010014") == [("id_number", "440524188001010014")]
    assert kinds("证件 440524188001010015") == []  # one digit off: the check fails


def test_luhn_worked_by_hand():
    # 6222021234567894 from the right: doubled 9,7,5,3,1,0,2,6 → 9,5,1,6,2,0,4,3 (sum 30);
    # kept 4,8,6,4,2,2,2,2 (sum 30); 60 is a multiple of 10
    assert luhn_valid("6222021234567894")
    assert not luhn_valid("6222021234567895")
    # 4111111111111111: doubled seven 1s → 14 and the leading 4 → 8; kept eight 1s → 8; 30
    assert luhn_valid("4111111111111111")


def test_a_card_needs_an_issuer_prefix_and_the_luhn_check():
    assert kinds("卡号6222021234567894") == [("card", "6222021234567894")]
    assert kinds("card 4111 1111 1111 1111") == [("card", "4111 1111 1111 1111")]
    assert kinds("卡号6222021234567895") == []
    # Luhn-valid but no card network starts with 1: an order number, not a card
    assert luhn_valid("1000000000000008") and kinds("订单号1000000000000008") == []


# ------------------------------------------------------------------------------ what is found

@pytest.mark.parametrize("text, expected", [
    ("请致电13812345678", [("phone", "13812345678")]),
    ("手机 138 1234 5678", [("phone", "138 1234 5678")]),
    ("手机 138-1234-5678", [("phone", "138-1234-5678")]),
    ("+86 13812345678", [("phone", "+86 13812345678")]),
    ("0086-13812345678", [("phone", "0086-13812345678")]),
    ("SSN 123-45-6789", [("ssn", "123-45-6789")]),
    ("mail zhang.san@example.com now", [("email", "zhang.san@example.com")]),
    ("尊敬的张三丰先生，您好", [("name", "张三丰")]),
    ("借款人：李四，", [("name", "李四")]),
    ("尊敬的欧阳娜娜女士", [("name", "欧阳娜娜")]),
    ("Dear John Smith, hello", [("name", "John Smith")]),
    ("王建国先生，您的借款已逾期", [("name", "王建国")]),             # a title shows the slot
    ("【某某金融】刘晓燕女士您好", [("name", "刘晓燕")]),
    ("提醒周志强先生，账单已逾期", [("name", "周志强")]),             # mid-sentence: whole jieba words
    ("何志伟先生，请回电", [("name", "何志伟")]),                     # 志 of 同志 is a given name here
    ("Hello Ms. Jennifer Lopez, your account", [("name", "Jennifer Lopez")]),
    ("Attention Dr. Samuel Okafor: balance", [("name", "Samuel Okafor")]),
])
def test_found(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "金额 12,345.67 元",
    "2024-01-31",
    "合同号 20240131000123",
    "账号 121908321010601（对公账户）",     # 15 digits shaped like an old ID, but no ID label
    "尾号1234",
    "手机 138****5678",
    "尊敬的张先生",
    "尊敬的张*丰先生",
    "尊敬的客户，您好",
    "尊敬的华夏银行信用卡客户",
    "尊敬的高端客户",
    "客户经理王经理",
    "Dear Customer,",
    "Dear Mr. Smith,",
    "Mr. Lee, thank you for your payment",
    "Dear Mr. Patel: Your balance",
    "请向王先生核实",                        # 向 + 王先生, not a name 向王
    "王先生",
    "请联系客户经理王女士",
    "感谢各位女士",
    "Dear Valued Customer,",
    "call 1-800-555-0100",
    "流水号 202401310001234567",            # 18 digits, no real birth date / check digit
    "订单 13812345678901",                  # a phone number inside a longer code
    "ZIP 43215-1234",
])
def test_not_personal_data(text):
    assert find_pii(text) == []


def test_overlaps_resolved_by_the_stronger_check():
    spans = find_pii("身份证11010519491231002X")
    assert spans == [PiiSpan("id_number", 3, 21, "11010519491231002X")]


# ------------------------------------------------------------------------------ masking

def test_mask_text_matches_the_column_masks():
    text = "尊敬的张三丰先生，身份证11010519491231002X，卡号6222 0212 3456 7894，手机+86 138-1234-5678"
    assert mask_text(text) == ("尊敬的张*丰先生，身份证110105********002X，卡号**** **** **** 7894，"
                               "手机+86 138-****-5678")


def test_mask_text_leaves_other_text_alone():
    text = "您尾号1234的借款应还12,345.67元，请于2024-01-31前还款，合同号20240131000123"
    assert mask_text(text) == text
    assert mask_text(None) is None


def test_mask_series_masks_only_candidates_and_keeps_the_input():
    series = pd.Series(["请致电13812345678", "无", "Dear John Smith,", "金额100元"], index=[5, 6, 7, 8])
    before = series.copy()
    out = mask_series(series)
    assert out.tolist() == ["请致电138****5678", "无", "Dear J*** S****,", "金额100元"]
    assert out.index.tolist() == [5, 6, 7, 8]
    pd.testing.assert_series_equal(series, before)


def test_mask_series_on_a_large_column_is_quick():
    import time

    series = pd.Series([f"客户备注{i}：已联系，承诺月底还款" for i in range(50_000)] + ["电话13812345678"])
    start = time.perf_counter()
    out = mask_series(series)
    elapsed = time.perf_counter() - start
    assert out.iloc[-1] == "电话138****5678" and out.iloc[0] == series.iloc[0]
    assert elapsed < 2.0, elapsed


def test_digits_typed_full_width_are_personal_data_too():
    # Chinese input methods type １３８… as easily as 138…: both are the same phone and ID
    phone, id_number = "１３８１２３４５６７８", "１１０１０１１９９００３０７１２３３"
    assert [s.kind for s in find_pii(f"请致电{phone}，身份证{id_number}")] == ["phone", "id_number"]
    assert mask_series(pd.Series([phone, f"联系人电话{phone}"])).tolist() == [
        "１３８****５６７８", "联系人电话１３８****５６７８"]
