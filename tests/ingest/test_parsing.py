"""Golden values for the pure value parsers: months, dates, amounts, DPD and status labels."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, assign_buckets
from analysis.ingest.parsing import (
    label_convention,
    labels_to_dpd,
    month_end,
    normalise_month,
    parse_amounts,
    parse_amounts_with_garbage,
    parse_dates,
    parse_dpd,
    parse_months,
    parse_rates,
    shift_months,
    suggest_label_dpd,
)


@pytest.mark.parametrize("text, month", [
    ("2024-01-31", "2024-01"), ("2024/1/31", "2024-01"), ("2024年1月", "2024-01"),
    ("2024年01月31日", "2024-01"), ("202401", "2024-01"), ("20240131", "2024-01"),
    ("Jan-2024", "2024-01"), ("Mar-2018", "2018-03"), ("31-Jan-24", "2024-01"),
    ("2024.02", "2024-02"), ("1/31/2024", "2024-01"), ("31/01/2024", "2024-01"),
    ("２０２４年３月", "2024-03"), ("2024-01-31 00:00:00", "2024-01"), ("45322", "2024-01"),
])
def test_parse_months_accepts_the_usual_forms(text, month):
    assert parse_months(pd.Series([text])).tolist() == [month]


def test_parse_months_typed_values_and_garbage():
    s = pd.Series([45322, 45322.5, dt.datetime(2024, 2, 29), "abc", None, "2024-13-01"], dtype=object)
    out = parse_months(s)
    assert out.tolist()[:3] == ["2024-01", "2024-01", "2024-02"]
    assert out.isna().tolist()[3:] == [True, True, True]


def test_parse_months_datetime_column():
    s = pd.Series(pd.to_datetime(["2024-01-31", None, "2023-12-01"]))
    assert parse_months(s).tolist()[0::2] == ["2024-01", "2023-12"]
    assert parse_months(s).isna().tolist() == [False, True, False]


def test_month_helpers():
    assert shift_months("2005-09", -5) == "2005-04"
    assert shift_months("2024-12", 1) == "2025-01"
    assert normalise_month("2024-1") == "2024-01"
    assert normalise_month("") is None
    ends = month_end(pd.Series(["2024-02", "2023-02"]))
    assert ends.dt.strftime("%Y-%m-%d").tolist() == ["2024-02-29", "2023-02-28"]
    assert ends.dtype == "datetime64[ns]"


def test_parse_dates_keeps_days():
    out = parse_dates(pd.Series(["2024/1/15", "Mar-2018", "x", None]))
    assert out.dt.strftime("%Y-%m-%d").tolist()[:2] == ["2024-01-15", "2018-03-01"]
    assert out.isna().tolist() == [False, False, True, True]


@pytest.mark.parametrize("text, value", [
    ("1,234.50", 1234.5), ("１２３４", 1234.0), ("(1,234)", -1234.0), ("￥1,000元", 1000.0),
    ("¥ 2,000.5", 2000.5), ("1.2万", 12000.0), ("3亿", 3e8), ("-5", -5.0), ("5e+05", 500000.0),
    (" 42 ", 42.0), ("RMB 100", 100.0), ("100-", -100.0), ("１，０００．５", 1000.5),
])
def test_parse_amounts_forms(text, value):
    assert parse_amounts(pd.Series([text])).tolist() == [pytest.approx(value)]


def test_parse_amounts_blank_is_not_garbage_but_text_is():
    values, garbage = parse_amounts_with_garbage(pd.Series(["12", "", None, "n/a", "待核实"]))
    assert values.tolist()[0] == 12.0
    assert np.isnan(values.tolist()[1:]).all()
    assert garbage.tolist() == [False, False, False, True, True]


def test_parse_amounts_wan_unit():
    out = parse_amounts(pd.Series(["1.5", "2万", "(1)"]), unit="wan")
    assert out.tolist() == [15000.0, 20000.0, -10000.0]
    with pytest.raises(ValueError):
        parse_amounts(pd.Series(["1"]), unit="crore")


def test_parse_amounts_thousand_and_yi_units():
    # a cell that names its own unit (2万) keeps it whatever the column's unit
    assert parse_amounts(pd.Series(["1.5", "2万"]), unit="thousand").tolist() == [1500.0, 20000.0]
    assert parse_amounts(pd.Series(["0.25", "3万"]), unit="yi").tolist() == [25_000_000.0, 30000.0]


def test_parse_amounts_numeric_column_is_fast_path():
    out, garbage = parse_amounts_with_garbage(pd.Series([1, 2, None], dtype="Int64"))
    assert out.tolist()[:2] == [1.0, 2.0] and not garbage.any()


def test_parse_dpd():
    values, garbage = parse_dpd(pd.Series(["30", "5天", "３", "", "abc", "1.5", "-3", "12 days"]))
    assert values.tolist()[:3] == [30.0, 5.0, 3.0]
    assert values.tolist()[6:] == [-3.0, 12.0]
    assert garbage.tolist() == [False, False, False, False, True, True, False, False]


def test_parse_rates():
    rates, garbage, scaled = parse_rates(pd.Series(["14.07", "7.5"]))
    assert scaled and rates.round(4).tolist() == [0.1407, 0.075]
    rates, _, scaled = parse_rates(pd.Series([0.12, 0.08]))
    assert not scaled and rates.tolist() == [0.12, 0.08]


# --- status labels: every proposal lands in the right default bucket -----------------------

@pytest.mark.parametrize("label, bucket", [
    ("Current", "Current"), ("正常", "Current"), ("M0", "Current"), ("Issued", "Current"),
    ("In Grace Period", "1-30"), ("Late (16-30 days)", "1-30"), ("M1", "1-30"), ("1-30天", "1-30"),
    ("逾期1-30天", "1-30"), ("M2", "31-60"), ("31-60天", "31-60"), ("M3", "61-90"),
    ("61-90", "61-90"), ("Late (31-120 days)", "61-90"), ("M4", "91-180"), ("M6", "91-180"),
    ("91-180天", "91-180"), ("Default", "91-180"), ("次级", "91-180"), ("180天以上", "181+"),
    ("181+", "181+"), ("M6+", "181+"), ("M7", "181+"), ("Charged Off", "181+"), ("可疑", "181+"),
    ("Does not meet the credit policy. Status:Charged Off", "181+"),
])
def test_label_proposals_fall_in_the_right_bucket(label, bucket):
    dpd = suggest_label_dpd(label)
    assert isinstance(dpd, int), label
    assert assign_buckets([dpd], DEFAULT_BUCKETS)[0] == bucket


@pytest.mark.parametrize("label, kind", [
    ("Fully Paid", "closed"), ("结清", "closed"),
    ("Does not meet the credit policy. Status:Fully Paid", "closed"),
])
def test_closed_labels_are_excluded(label, kind):
    assert suggest_label_dpd(label) == kind


def test_credit_card_status_codes():
    assert label_convention(["0", "1", "2", "C", "X", "5"]) == "cc_status"
    got = {c: suggest_label_dpd(c, "cc_status") for c in ["C", "X", "0", "1", "2", "3", "4", "5"]}
    assert got["C"] == 0 and got["X"] == "no_loan"
    buckets = assign_buckets([got[c] for c in "012345"], DEFAULT_BUCKETS).tolist()
    # 0 = 1-29, 1 = 30-59, 2 = 60-89, 3 = 90-119, 4 = 120-149, 5 = 150+/written off
    assert buckets == ["1-30", "31-60", "61-90", "91-180", "91-180", "181+"]


def test_months_late_codes():
    assert label_convention(["-2", "-1", "0", "1", "8"]) == "months_late"
    got = [suggest_label_dpd(str(k), "months_late") for k in range(-2, 10)]
    assert got[:3] == [0, 0, 0]
    buckets = assign_buckets(got[3:], DEFAULT_BUCKETS).tolist()
    assert buckets == ["1-30", "31-60", "61-90", "91-180", "91-180", "91-180", "181+", "181+", "181+"]


def test_unknown_label_is_none():
    assert suggest_label_dpd("banana") is None


def test_labels_to_dpd_normalises_keys():
    dpd, excluded, unknown = labels_to_dpd(pd.Series([" m1 ", "Ｍ２", "X", None, "?"]),
                                           {"M1": 15, "m2": 45, "x": None})
    assert dpd.tolist()[:2] == [15.0, 45.0]
    assert excluded.tolist() == [False, False, True, False, False]
    assert unknown.tolist() == [False, False, False, True, True]


def test_mmyyyy_months_are_read_as_months_not_excel_days():
    # the recogniser takes MMYYYY numbers for months: the parser must read them so (32024 was
    # Excel's 1987-09-03 before), but a column of modern Excel serials stays dates
    from analysis.ingest.parsing import parse_dates, parse_months

    assert parse_months(pd.Series([112023, 122023, 12024, 32024])).tolist() == ["2023-11", "2023-12", "2024-01",
                                                                                 "2024-03"]
    assert parse_months(pd.Series(["032024", "042024", None])).tolist()[:2] == ["2024-03", "2024-04"]
    assert parse_dates(pd.Series([12024, 22024])).dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-02-01"]
    assert parse_months(pd.Series([45322, 45351])).tolist() == ["2024-01", "2024-02"]  # Excel serials
    assert parse_months(pd.Series([42024, 42055])).tolist() == ["2015-01", "2015-02"]  # could be either: Excel


def test_amounts_scaled_from_wan_are_whole_cents():
    # 9.21 万元 × 10,000 is 92,100.00000000001 in binary; the exports printed it
    from analysis.ingest.parsing import parse_amounts

    cases = [(pd.Series([9.21, 2.03, 1.36, 0.57, 4.77]), "wan"), (pd.Series(["9.21", "2.03", "1.36", "0.57", "4.77"]), "wan"),
             (pd.Series(["9.21万", "2.03万", "1.36万", "0.57万", "4.77万"]), "yuan")]
    for values, unit in cases:
        out = parse_amounts(values, unit=unit).to_numpy()
        assert (out == [92100.0, 20300.0, 13600.0, 5700.0, 47700.0]).all(), (unit, out.tolist())
