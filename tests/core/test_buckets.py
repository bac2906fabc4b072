"""analysis.core.buckets: bucket schemes, DPD → bucket, five-tier class and IFRS 9 stage."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.core.buckets import (DEFAULT_BUCKETS, EXIT, FIVE_TIER_2023, FIVE_TIER_CREDIT_CARD, M_BUCKETS, Buckets,
                                   assign_buckets, bucket_codes, custom_buckets, five_tier_class, ifrs9_stage)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_default_and_m_schemes_golden():
    assert DEFAULT_BUCKETS.keys == ("Current", "1-30", "31-60", "61-90", "91-180", "181+")
    assert DEFAULT_BUCKETS.lowers == (0, 1, 31, 61, 91, 181)
    assert M_BUCKETS.keys[0] == "M0" and M_BUCKETS.keys[-1] == "M6+" and len(M_BUCKETS) == 8
    assert [DEFAULT_BUCKETS.upper_of(i) for i in range(len(DEFAULT_BUCKETS))] == [0, 30, 60, 90, 180, None]


@pytest.mark.parametrize("dpd, key", [(0, "Current"), (1, "1-30"), (30, "1-30"), (31, "31-60"), (60, "31-60"),
                                      (61, "61-90"), (90, "61-90"), (91, "91-180"), (180, "91-180"),
                                      (181, "181+"), (5000, "181+")])
def test_edges_are_inclusive_upper_bounds(dpd, key):
    assert list(assign_buckets([dpd])) == [key]


def test_assign_buckets_is_an_ordered_categorical_of_every_key():
    cat = assign_buckets(pd.Series([45, 0]), M_BUCKETS)
    assert cat.ordered and list(cat.categories) == list(M_BUCKETS.keys)
    assert list(cat) == ["M2", "M0"]
    assert bucket_codes(np.array([0, 45]), M_BUCKETS).dtype == np.int8


def test_custom_buckets_from_typed_edges():
    b = custom_buckets([30, 60, 90])
    assert b.keys == ("Current", "1-30", "31-60", "61-90", "91+")
    assert b.labels("zh") == ("正常", "逾期1-30天", "逾期31-60天", "逾期61-90天", "逾期90天以上")
    assert b.lowers == (0, 1, 31, 61, 91) and b.name == "custom"


@pytest.mark.parametrize("edges", [[], [0, 30], [30, 30], [60, 30], [-1]])
def test_custom_buckets_refuse_bad_edges(edges):
    with pytest.raises(ValueError):
        custom_buckets(edges)


@pytest.mark.parametrize("lowers, keys", [((0,), ("a",)), ((1, 5), ("a", "b")), ((0, 5, 5), ("a", "b", "c")),
                                          ((0, 5), ("a",))])
def test_a_scheme_checks_its_bounds_and_keys(lowers, keys):
    with pytest.raises(ValueError):
        Buckets(lowers, keys, keys[:len(lowers)], keys[:len(lowers)])


def test_labels_in_both_languages_and_the_exit_column():
    assert DEFAULT_BUCKETS.label_of("31-60", "zh") == "逾期31-60天"
    assert DEFAULT_BUCKETS.label_of("31-60", "en") == "31-60"
    assert DEFAULT_BUCKETS.label_of(EXIT, "zh") != DEFAULT_BUCKETS.label_of(EXIT, "en")
    assert DEFAULT_BUCKETS.describe("en").startswith("DPD buckets: Current (0), 1-30 (1-30)")
    assert DEFAULT_BUCKETS.describe("zh").endswith("逾期180天以上 (≥181)")


def test_overdue_keys_start_at_the_bucket_holding_min_dpd():
    assert DEFAULT_BUCKETS.overdue_keys() == ["1-30", "31-60", "61-90", "91-180", "181+"]
    assert DEFAULT_BUCKETS.overdue_keys(31) == ["31-60", "61-90", "91-180", "181+"]
    assert M_BUCKETS.overdue_keys(91) == ["M4", "M5", "M6", "M6+"]


@pytest.mark.parametrize("thresholds, expected", [
    (FIVE_TIER_CREDIT_CARD, ["normal", "special_mention", "special_mention", "substandard", "doubtful", "loss"]),
    (FIVE_TIER_2023, ["normal", "special_mention", "special_mention", "substandard", "substandard", "substandard"]),
])
def test_five_tier_class_edges(thresholds, expected):
    assert list(five_tier_class([0, 1, 90, 91, 121, 181], thresholds)) == expected


def test_five_tier_class_refuses_unordered_thresholds():
    with pytest.raises(ValueError):
        five_tier_class([10], (91, 1, 121, 181))


def test_ifrs9_stage_backstops_and_edited_edges():
    assert ifrs9_stage([0, 30, 31, 90, 91]).tolist() == [1, 1, 2, 2, 3]
    assert ifrs9_stage([0, 30, 31, 60, 61], stage2_from=30, stage3_from=61).tolist() == [1, 2, 2, 2, 3]


def test_inputs_are_not_mutated():
    dpd = pd.Series([0, 45, 200])
    before = dpd.copy()
    assign_buckets(dpd), bucket_codes(dpd), five_tier_class(dpd), ifrs9_stage(dpd)
    pd.testing.assert_series_equal(dpd, before)


# Moved from tests/aging/test_rates_properties.py: it is a property of the bucket schemes.
@SETTINGS
@given(st.lists(st.integers(0, 5000), min_size=2, max_size=50),
       st.lists(st.integers(1, 720), min_size=1, max_size=8, unique=True))
def test_bucket_is_monotone_in_dpd(dpds, edges):
    buckets = custom_buckets(sorted(edges))
    values = np.sort(np.array(dpds))
    codes = bucket_codes(values, buckets)
    assert (np.diff(codes.astype(int)) >= 0).all()
    assert codes.min() >= 0 and codes.max() < len(buckets)
    for b in (DEFAULT_BUCKETS, M_BUCKETS):
        assert (np.diff(bucket_codes(values, b).astype(int)) >= 0).all()
