"""The faster masking path masks exactly what the old one did: same cells, same masked text.

``_old_mask_series`` is :func:`analysis.conduct.textpii.mask_series` as it was before the
speed-up (pandas' ``str.contains`` over every cell, then :func:`mask_text` per distinct
candidate); every comparison runs the old and the new path on the same frame.
"""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from analysis.conduct import textpii
from analysis.conduct.textpii import CANDIDATE_RE, mask_series, mask_text
from analysis.core.privacy import mask_by_content, mask_pii
from analysis.warnings.signals import export_work_lists


def _old_mask_series(series: pd.Series) -> pd.Series:
    text = series.astype("string")
    maybe = text.str.contains(CANDIDATE_RE, regex=True, na=False).to_numpy()
    out = series.copy()
    if not maybe.any():
        return out
    picked = series[maybe]
    masked = {value: mask_text(value) for value in pd.unique(picked.to_numpy())}
    out.loc[maybe] = picked.map(masked)
    return out


ID18, ID15 = "11010519491231002X", "110105491231002"
FREE_TEXT = [
    "失业，联系电话13812345678", "电话 138 1234 5678 / +86 139-0000-1111", "0086 13700001111 已接通",
    f"身份证{ID18}，已核实", f"证件号 {ID15} 旧证", f"合同{ID15}号", "卡号6222021234567894，尾号7894",
    "卡 6222 0212 3456 7894", "4111-1111-1111-1111 visa", "6222021-23-45-67-894", "ssn 123-45-6789 ok",
    "a@b.example 退信", "请联系 zhang.san+1@bank.com.cn", "尊敬的张三丰先生，请还款", "亲爱的欧阳娜娜：您好",
    "【某某金融】刘晓燕女士您好", "提醒周志强先生按时还款", "请向王先生确认", "客户李四已还款",
    "Dear John Smith, please pay", "Attn: Mary Ann Lee", "Mr. Robert Brown called", "Dear Valued Customer",
    "金额 12,345.67 元，2024-01-31，合同号 20240131000123", "KH00000001", "KH0000000123456", "正常", "",
    "１３８１２３４５６７８ 全角", "电话13812345678，身份证" + ID18 + "，尊敬的赵敏女士", "20240131000123", "1 2 3 4 5 6 7",
    "姓名：黄飞鸿", "户名 陈静", "致：杨过", "担保人孙悟空", "Borrower: Jane Doe", "Dr. Alan Turing",
]


def _fuzz(n: int, seed: int = 7) -> list[str]:
    """Texts made of pieces that look like personal data, almost, and ordinary words."""
    rng = random.Random(seed)
    pieces = ["138", "1234", "5678", " ", "-", "+86", "0086", ID18, ID15, "6222021234567894", "4111111111111111",
              "@", "x@y.cn", "尊敬的", "客户", "先生", "女士", "小姐", "张", "王", "欧阳", "三丰", "伟", "，", "。",
              "Dear ", "Mr. ", "John ", "Smith", "身份证", "KH", "0000001", "123-45-6789", "元", "逾期", "7", "9"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(n)]


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_mask_series_masks_what_the_old_path_masked(dtype):
    values = FREE_TEXT + _fuzz(3000) + FREE_TEXT  # repeats: each distinct text once, every cell masked
    series = pd.Series(values, index=np.arange(len(values)) * 3, dtype=dtype)
    series.iloc[5] = None
    before = series.copy()
    new, old = mask_series(series), _old_mask_series(series)
    pd.testing.assert_series_equal(new, old)
    pd.testing.assert_series_equal(mask_series(series), old)  # again: short texts' verdicts remembered
    pd.testing.assert_series_equal(series, before)  # the input untouched
    assert (new != series).sum() > 100  # the fuzz does hold personal data


def test_mask_series_leaves_cells_that_are_not_text_as_the_old_path_did():
    series = pd.Series([13812345678, "电话13812345678", None, 1.5, "无", 13812345678], dtype=object)
    pd.testing.assert_series_equal(mask_series(series), _old_mask_series(series))
    assert mask_series(pd.Series([], dtype="string")).empty


def _odd_frame() -> pd.DataFrame:
    n = len(FREE_TEXT)
    names = [s + g for s in "张王李刘陈杨赵黄" for g in ("伟", "芳", "娜", "静", "明")]
    return pd.DataFrame({
        "account_id": [f"KH{i:08d}" for i in range(n)],
        "customer_name": (names * 2)[:n], "phone": ["13812345678"] * n, "id_number": [ID18] * n,
        "overdue_reason": FREE_TEXT,                                   # free text
        "备注": list(reversed(FREE_TEXT)),                              # an odd header, free text
        "联系人": (["John Smith", "李四"] * n)[:n],                      # a header that names people
        "经办": pd.Series((names * 2)[5:5 + n], dtype="category"),       # names recognised by their values
        "owner": (names * 2)[:n],                                      # staff: not masked as names
        "mixed": pd.Series(([13812345678, "卡号6222021234567894", None] * n)[:n], dtype=object),
        "balance": np.arange(n, dtype=float),
    })


def test_mask_pii_on_odd_columns_matches_the_old_path(monkeypatch):
    frame = _odd_frame()
    new = mask_pii(frame)
    new_content = mask_by_content(frame, not_names=frozenset(frame.columns))
    monkeypatch.setattr(textpii, "mask_series", _old_mask_series)
    old = mask_pii(frame)
    old_content = mask_by_content(frame, not_names=frozenset(frame.columns))
    pd.testing.assert_frame_equal(new, old)
    pd.testing.assert_frame_equal(new_content, old_content)
    cells = " ".join(map(str, new.to_numpy().ravel()))
    for secret in ("13812345678", ID18, "6222021234567894", "张三丰", "John Smith", "a@b.example"):
        assert secret not in cells, secret


def test_downloads_mask_what_the_old_path_masked(monkeypatch):
    lists = {"王伟": _odd_frame(), "(unassigned)": _odd_frame().iloc[::-1]}
    new_csv = export_work_lists(lists, "csv", lang="zh")
    monkeypatch.setattr(textpii, "mask_series", _old_mask_series)
    assert export_work_lists(lists, "csv", lang="zh") == new_csv
    assert "13812345678" not in new_csv.decode("utf-8-sig")
